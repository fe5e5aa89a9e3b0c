"""A `DomainError` that a page did not handle itself becomes its message with its 4xx status
(400, or the 403/404 of its subclass), never a 500. The service's transaction rolled back,
so nothing was changed. The API maps the same errors in its own exception handler."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from parcours.core.errors import DomainError


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
