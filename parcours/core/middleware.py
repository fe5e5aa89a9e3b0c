"""A `DomainError` that a page did not handle itself becomes its message with its 4xx status
(400, or the 403/404 of its subclass), never a 500. The service's transaction rolled back,
so nothing was changed. The API maps the same errors in its own exception handler."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from parcours.core.errors import DomainError
from parcours.core.logging import request_id, request_id_from
from parcours.core.text import JSON_CONTROL_ESCAPES, has_control_characters


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        context = {"message": exception.message}
        return render(request, "errors/domain.html", context, status=exception.status_code)


def _carries_control_characters(request: HttpRequest) -> bool:
    fields = (
        [*request.GET.lists(), *request.POST.lists()]
        if request.method == "POST"
        else [*request.GET.lists()]
    )
    for key, values in fields:
        if has_control_characters(key) or any(has_control_characters(v) for v in values):
            return True
    # The API reads every body as JSON, whatever its Content-Type says (django-ninja does), so
    # the rule holds there for any body but a multipart one (read above, as POST).
    content_type = request.content_type or ""
    api_body = request.path.startswith("/api/") and not content_type.startswith("multipart/")
    if content_type == "application/json" or api_body:
        body = request.body.decode("utf-8", errors="replace")
        return has_control_characters(body) or JSON_CONTROL_ESCAPES.search(body) is not None
    return False


class TextInputMiddleware:
    """The one input rule for text, before any view: a query string, a form or a JSON body
    that carries a control character (NUL and the like) is refused with a 400 that says so."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _carries_control_characters(request):
            return self.get_response(request)
        message = _("The text sent holds an invisible control character: remove it and try again.")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return render(request, "errors/domain.html", {"message": message}, status=400)


class PrivateResponsesMiddleware:
    """Pages and files that carry personal data are never kept by a browser or a proxy: every
    answer of the staff, partner and API areas, and every PDF, says `Cache-Control: no-store`."""

    PRIVATE_PREFIXES = ("/staff/", "/partner/", "/api/", "/admin/", "/accounts/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        pdf = response.get("Content-Type", "").startswith("application/pdf")
        if pdf or request.path.startswith(self.PRIVATE_PREFIXES):
            response["Cache-Control"] = "no-store"
        return response


class RequestIdMiddleware:
    """Every request gets an id (the proxy's X-Request-ID when it sends a sane one), logged on
    each line it writes and returned in the response's X-Request-ID header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request_id.set(request_id_from(request.headers.get("X-Request-ID", "")))
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id.get()
            return response
        finally:
            request_id.reset(token)
