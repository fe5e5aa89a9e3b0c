"""A URL configuration for the middleware test: views that let a domain error escape."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config import urls as project_urls
from parcours.core.errors import DomainError, NotFoundError


def refused(request: HttpRequest) -> HttpResponse:
    raise DomainError("The agreement is already signed.")


def missing(request: HttpRequest) -> HttpResponse:
    raise NotFoundError("No such import.")


def broken(request: HttpRequest) -> HttpResponse:
    raise ValueError("a bug")


urlpatterns = [
    path("refused/", refused),
    path("missing/", missing),
    path("broken/", broken),
    *project_urls.urlpatterns,
]
handler404 = project_urls.handler404
handler500 = project_urls.handler500
handler403 = project_urls.handler403
