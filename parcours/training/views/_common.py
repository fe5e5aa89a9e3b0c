"""Who enters the partner area, and the date pickers of the class grid."""

from datetime import date, timedelta

from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from parcours.accounts.access import View, staff_view
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.pathways.selectors import parse_date

# How many days the class grid shows by default (a product choice).
GRID_DEFAULT_DAYS = 28


def partner_view(view: View) -> View:
    """The partner area is for partner users only; they read only their organisation's."""
    return staff_view(roles=(Role.PARTNER,))(view)


def user_of(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 -- guaranteed by @staff_view
    return request.user


def today() -> date:
    return timezone.localdate()


def grid_range(request: HttpRequest) -> tuple[date, date]:
    end = parse_date(request.GET.get("to", "")) or today()
    start = parse_date(request.GET.get("from", "")) or end - timedelta(days=GRID_DEFAULT_DAYS - 1)
    if start > end:
        start, end = end, start
    return start, end


def file_download(field: FieldFile, content_type: str) -> HttpResponse:
    """A stored attestation or proof (5 MB at most), inline, never sniffed by the browser."""
    if not field.name:
        raise Http404
    with field.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{field.name.rsplit("/", 1)[-1]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def mime_of(name: str) -> str:
    return "application/pdf" if name.lower().endswith(".pdf") else "image/jpeg"
