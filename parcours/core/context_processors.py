from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from parcours.core.languages import (
    catalogue_status,
    is_public,
    portal_languages,
    staff_language_codes,
)


def site(request: HttpRequest) -> dict[str, object]:
    return {"PARCOURS_DEMO": settings.PARCOURS_DEMO}


def languages(request: HttpRequest) -> dict[str, object]:
    """The languages the switcher offers: all ten on public pages, French/English for staff."""
    offered = portal_languages()
    if not is_public(request):
        staff = staff_language_codes()
        offered = [language for language in offered if language.code in staff]
    public = is_public(request)
    status = catalogue_status(get_language()) if public else None
    return {"switcher_languages": offered, "public_page": public, "translation_status": status}
