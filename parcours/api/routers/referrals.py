"""`POST /api/v1/referrals`: a commune refers a newcomer, with its user's token; the rows are
checked exactly like a CSV line (parcours.pathways.referral_rows.check_row)."""

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from parcours.accounts.models import User
from parcours.api.auth import CommuneToken
from parcours.core.errors import DomainError
from parcours.pathways.enums import ReferralSource
from parcours.pathways.referral_rows import RowError, check_row, communes_by_nis
from parcours.pathways.selectors import parse_date
from parcours.pathways.services.intake import ReferralInput, referral_register

router = Router(tags=["referrals"])


class ReferralIn(Schema):
    family_name: str
    given_names: str
    birth_date: str
    sex: str
    commune_nis: str
    nationalities: str = ""
    national_number: str = ""
    languages: str = ""
    registered_on: str = ""
    permit_ordered_on: str = ""
    permit_valid_from: str = ""
    permit_valid_until: str = ""
    legal_stay_since: str = ""
    phone: str = ""
    email: str = ""
    street: str = ""
    postal_code: str = ""
    referred_on: str = ""


class ReferralOut(Schema):
    referral_id: int
    received: bool


class ErrorOut(Schema):
    detail: str


def _referred_on(text: str) -> date:
    """Today when absent; a date that cannot be read is refused, never replaced."""
    if not text.strip():
        return timezone.localdate()
    found = parse_date(text)
    if found is None or found > timezone.localdate():
        raise DomainError(
            _("referred_on: “%(value)s” is not a date up to today (dd/mm/yyyy or yyyy-mm-dd)")
            % {"value": text[:40]}
        )
    return found


@router.post("", response={201: ReferralOut, 400: ErrorOut, 409: ErrorOut}, auth=CommuneToken())
def refer(request: HttpRequest, payload: ReferralIn) -> Status[ReferralOut]:
    """Refer one newcomer living in your commune. Dates: dd/mm/yyyy or yyyy-mm-dd."""
    user = getattr(request, "auth", None)
    assert isinstance(user, User) and user.commune is not None  # noqa: S101 - token of a commune
    raw = payload.dict()
    referred = _referred_on(raw.pop("referred_on"))
    try:
        fields = check_row(raw, communes_by_nis(), None)
    except RowError as error:
        raise DomainError(str(error)) from None
    if fields["commune"].pk != user.commune_id:
        raise DomainError(_("The person must live in your commune."))
    data = ReferralInput(
        person=fields,
        commune=user.commune,
        source=ReferralSource.API,
        referred_on=referred,
    )
    referral = referral_register(data=data, actor=user)
    return Status(201, ReferralOut(referral_id=referral.pk, received=True))
