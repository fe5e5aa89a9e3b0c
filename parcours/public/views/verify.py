from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from parcours.certificates.services import certificate_verify


@never_cache
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone with the QR code sees valid/revoked, name, birth year, centre, date."""
    check = certificate_verify(code)
    response = render(request, "public/verify.html", {"check": check})
    response["X-Robots-Tag"] = "noindex"
    return response
