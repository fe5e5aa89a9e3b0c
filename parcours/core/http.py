"""Request type with django-htmx's details, for views that answer HTMX partial requests."""

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def client_ip(request: HttpRequest) -> str:
    """The client's address, for login lockout and rate limits.

    Behind N trusted reverse proxies (TRUSTED_PROXY_COUNT, 1 behind the README's nginx) the
    client is the N-th address from the right of X-Forwarded-For; anything further left was
    written by the client and is not trusted. Without proxies it is REMOTE_ADDR.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    count = settings.PARCOURS_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-count] if len(forwarded) >= count else remote


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


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
