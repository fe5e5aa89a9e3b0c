"""Records who read which person on each successful request (`audit.reads`)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from parcours.audit.reads import reads_begin, reads_end, reads_flush


class AccessReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        token = reads_begin()
        try:
            response = self.get_response(request)
        finally:
            reads = reads_end(token)
        if 200 <= response.status_code < 300:  # noqa: PLR2004 -- a refusal shows no one
            user = getattr(request, "auth", None) or getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                match = request.resolver_match
                reads_flush(reads=reads, user=user, where=match.view_name if match else "")
        return response
