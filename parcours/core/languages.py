"""The portal's ten languages and the staff's two.

Public pages (namespaces `public` and `verify`) speak every language of `settings.LANGUAGES`:
the URL prefix (`/ar/…`) decides, and a first visit without a language cookie follows the
browser's Accept-Language. Staff pages (`/staff/`, `/partner/`, `/accounts/`, `/admin/`) are not
prefixed and speak `settings.STAFF_LANGUAGES` (French, English): the language cookie chooses
English; a cookie or browser that says Arabic gets them in French.
"""

import gettext
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation

PUBLIC_NAMESPACES = frozenset({"public", "verify"})


@dataclass(frozen=True)
class Language:
    code: str
    name_local: str
    bidi: bool


# Each language's own name for itself (Django has no locale data for Pashto).
_NAMES_LOCAL = {
    "fr": "Français",
    "nl": "Nederlands",
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "ps": "پښتو",
    "uk": "Українська",
    "es": "Español",
    "tr": "Türkçe",
}


# The header of each portal catalogue that says who reviewed it: "source" for the languages
# the texts are written in, a name (and date) once a fluent reader has, empty until then.
REVIEW_HEADER = "x-reviewed-by"
SOURCE = "source"


@dataclass(frozen=True)
class CatalogueStatus:
    language: Language
    translated: int
    total: int
    reviewed_by: str

    @property
    def percent(self) -> int:
        return 100 if not self.total else (100 * self.translated) // self.total

    @property
    def is_source(self) -> bool:
        return self.reviewed_by == SOURCE

    @property
    def reviewed(self) -> bool:
        return bool(self.reviewed_by)


def _messages(code: str) -> tuple[set[str], dict[str, str]]:
    """The ids translated in the portal catalogue of a language (compiled, so without empty or
    fuzzy messages), and its header."""
    path = settings.PORTAL_LOCALE / code / "LC_MESSAGES" / "django.mo"
    if not path.exists():
        return set(), {}
    with path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    raw: dict[Any, str] = catalogue._catalog  # type: ignore[attr-defined]
    ids = {key if isinstance(key, str) else key[0] for key, text in raw.items() if text}
    ids.discard("")
    return ids, catalogue.info()


@cache
def catalogue_statuses() -> list[CatalogueStatus]:
    """How complete each portal catalogue is, measured against the French one (complete by
    rule, `make lint`), and who reviewed it: read from the compiled catalogues."""
    reference, _header = _messages(settings.LANGUAGE_CODE)
    statuses = []
    for language in portal_languages():
        ids, header = _messages(language.code)
        statuses.append(
            CatalogueStatus(
                language, len(ids & reference), len(reference), header.get(REVIEW_HEADER, "")
            )
        )
    return statuses


def catalogue_status(code: str) -> CatalogueStatus | None:
    return next((s for s in catalogue_statuses() if s.language.code == code), None)


def portal_languages() -> list[Language]:
    return [
        Language(code, _NAMES_LOCAL.get(code, code), code in settings.LANGUAGES_BIDI)
        for code, _name in settings.LANGUAGES
    ]


def staff_language_codes() -> list[str]:
    return [code for code, _name in settings.STAFF_LANGUAGES]


def portal_language_choices() -> list[tuple[str, str]]:
    return [(language.code, language.name_local) for language in portal_languages()]


def is_public(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and bool(match.namespaces) and match.namespaces[0] in PUBLIC_NAMESPACES


def _first_visit_language(request: HttpRequest) -> str | None:
    """The browser's language on a first visit to an unprefixed (French) public page."""
    if request.method not in ("GET", "HEAD") or request.headers.get("HX-Request"):
        return None
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return None
    if translation.get_language_from_path(request.path_info) is not None:
        return None
    if "HTTP_ACCEPT_LANGUAGE" not in request.META:
        return None
    language = translation.get_language_from_request(request)
    return None if language == settings.LANGUAGE_CODE else language


class PortalLanguageMiddleware:
    """After LocaleMiddleware: staff pages fall back to French when the language is not a staff
    one; a first public visit is sent to the prefix of the browser's language (remembered in
    the language cookie, so that the French pages stay French afterwards)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not is_public(request):
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
            staff = chosen if chosen in staff_language_codes() else settings.LANGUAGE_CODE
            translation.activate(staff)
            request.LANGUAGE_CODE = staff
            return None
        language = _first_visit_language(request)
        if language is None:
            return None
        target = translate_url(request.get_full_path(), language)
        if target == request.get_full_path():
            return None
        response = HttpResponseRedirect(target)
        response["Vary"] = "Accept-Language, Cookie"
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        return response
