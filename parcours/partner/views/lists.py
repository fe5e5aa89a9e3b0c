"""The partner's lists sort by whitelisted columns and download as CSV or XLSX through the
same mechanism as the staff lists (parcours.core.lists, parcours.audit.exports): formulas
neutralised, the filters and the extraction date in the file, one access row per person."""

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parcours.accounts.models import User
from parcours.audit.exports import export_response
from parcours.core.dates import today
from parcours.core.exports import Cell, Sheet
from parcours.core.lists import Sorting
from parcours.people.models import Person
from parcours.training.enums import EnrolmentStatus, Track
from parcours.training.models import Enrolment
from parcours.training.selectors import partner_enrolments

SORTS = {
    "name": ("pathway__person__family_name", "pathway__person__given_names", "pk"),
    "born": ("pathway__person__birth_date", "pathway__person__family_name", "pk"),
    "offer": ("track", "offer__title", "pathway__person__family_name", "pk"),
    "referred": ("referred_on", "pk"),
    "starts": ("starts_on", "expected_start_on", "pk"),
}
DEFAULT_SORT = "referred"
SORT_LABELS = {
    "name": gettext_lazy("Person"),
    "born": gettext_lazy("Born on"),
    "offer": gettext_lazy("Track and offer"),
    "referred": gettext_lazy("Referred on"),
    "starts": gettext_lazy("Dates"),
}
EXPORT_LIMIT = 5000  # a partner's referrals; beyond, download one list at a time


def status_asked(request: HttpRequest) -> str:
    """The list asked for (`?status=accepted`); anything else is every list."""
    found = str(request.GET.get("status", ""))
    return found if found in EnrolmentStatus.values else ""


def _day(value: date | None) -> Cell:
    return date_format(value, "d/m/Y") if value else ""


def _row(enrolment: Enrolment) -> list[Cell]:
    person = enrolment.pathway.person
    return [
        person.full_name,
        _day(person.birth_date),
        str(Track(enrolment.track).label),
        enrolment.offer.title,
        str(EnrolmentStatus(enrolment.status).label),
        _day(enrolment.referred_on),
        _day(enrolment.starts_on or enrolment.expected_start_on),
    ]


def referrals_export(*, user: User, order: Sorting, status: str, file_format: str) -> HttpResponse:
    """The partner's own referrals (never another partner's: `partner_enrolments`), in the
    page's order, the list asked for only."""
    found = partner_enrolments(user=user).order_by(*order.order_by)
    if status:
        found = found.filter(status=status)
    enrolments = list(found[:EXPORT_LIMIT])
    way = _("descending") if order.descending else _("ascending")
    shown = str(EnrolmentStatus(status).label) if status else _("Every list")
    sheet = Sheet(
        title=str(_("Referrals")),
        header=[
            _("Person"),
            _("Born on"),
            _("Track"),
            _("Offer"),
            _("Status"),
            _("Referred on"),
            _("Starts on"),
        ],
        rows=[_row(e) for e in enrolments],
        about=[
            (_("Partner"), user.partner.name if user.partner else ""),
            (_("Extracted on"), date_format(today(), "d/m/Y")),
            (_("Status"), shown),
            (_("Sorted by"), f"{SORT_LABELS[order.key]} ({way})"),
        ],
    )
    # One access row per person, even when the person is in two of the partner's offers.
    people: dict[int, Person] = {e.pathway.person_id: e.pathway.person for e in enrolments}
    return export_response(
        user=user,
        people=people.values(),
        sheet=sheet,
        file_format=file_format,
        filename="referrals",
    )
