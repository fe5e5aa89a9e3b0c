"""The bench's URLconf: the project's, plus `/bench/floor/<name>/`, the framework floor — a
minimal Django view (the same middleware, session and client) that runs one raw query and
answers its row count. `common.floors` registers the query of each page under its name."""

from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project

FLOORS: dict[str, tuple[str, tuple[Any, ...]]] = {}


def floor(request: HttpRequest, name: str) -> HttpResponse:
    sql, params = FLOORS[name]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return HttpResponse(f"{len(rows)} rows", content_type="text/plain")


urlpatterns = [path("bench/floor/<str:name>/", floor), *project]
