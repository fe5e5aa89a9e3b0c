"""Request type with django-htmx's details, for views that answer HTMX partial requests."""

from django.conf import settings
from django.http import HttpRequest
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
