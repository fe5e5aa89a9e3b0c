"""Names of ISO 3166 countries and ISO 639-1 languages in the page's language (pycountry
and its gettext catalogues). Storage keeps the codes; people read the names."""

import gettext as gettext_module
from collections.abc import Iterable
from functools import cache

import pycountry
from django.utils import translation
from django.utils.translation import get_language, gettext_noop

from parcours.core.text import fold
from parcours.rules.contract import countries

BLANK = ("", "—")

# Names pycountry lacks in some languages: Kosovo has no ISO entry (XK is user-assigned, so
# the page showed "XK"), and the Arabic, Persian and Pashto catalogues keep "Türkiye" in
# English, as the Pashto one keeps many names (ps showed "Syria"). Ours translate them (the
# portal catalogue, every language); `tests/core/test_country_names.py` lists the rest.
_OWN_NAMES = {
    "XK": gettext_noop("Kosovo"),
    "TR": gettext_noop("Türkiye"),
    "SY": gettext_noop("Syria"),
    "IR": gettext_noop("Iran"),
    "RU": gettext_noop("Russia"),
    "PS": gettext_noop("Palestine"),
    "LY": gettext_noop("Libya"),
    "CD": gettext_noop("Democratic Republic of the Congo"),
}


def _language() -> str:
    return (get_language() or "fr").split("-")[0]


def _catalogue(domain: str, language: str) -> gettext_module.NullTranslations:
    return gettext_module.translation(
        domain, pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


@cache
def _country_names(language: str) -> dict[str, str]:
    names = _catalogue("iso3166-1", language)
    result = {}
    for code in countries():
        country = pycountry.countries.get(alpha_2=code)
        name = str(getattr(country, "name", code))
        label = str(getattr(country, "common_name", None) or name)
        # Some catalogues (ar, fa) translate only the official name ("Syrian Arab Republic"),
        # not the common one ("Syria"): the official name in the language beats English.
        translated, official = names.gettext(label), names.gettext(name)
        result[code] = official if translated == label and official != name else translated
        if code in _OWN_NAMES and result[code] in (code, label):
            with translation.override(language):
                result[code] = translation.gettext(_OWN_NAMES[code])
    return result


@cache
def _sorted_countries(language: str) -> list[tuple[str, str]]:
    # Sorted as read: "Bénin" between "Belize" and "Bhoutan".
    return sorted(_country_names(language).items(), key=lambda item: fold(item[1]))


def country_choices() -> list[tuple[str, str]]:
    """Every country the rules know, named in the active language, with a blank first."""
    return [BLANK, *_sorted_countries(_language())]


def country_name(code: str) -> str:
    return _country_names(_language()).get((code or "").upper(), code)


@cache
def _language_names(language: str) -> dict[str, str]:
    names = _catalogue("iso639-3", language)
    result = {}
    for entry in pycountry.languages:
        code = getattr(entry, "alpha_2", None)
        if code:
            name = names.gettext(str(entry.name))
            result[code] = name[:1].upper() + name[1:]
    return result


@cache
def _sorted_languages(language: str, codes: frozenset[str] | None) -> list[tuple[str, str]]:
    items = _language_names(language).items()
    chosen = [(code, name) for code, name in items if codes is None or code in codes]
    return sorted(chosen, key=lambda item: fold(item[1]))


def language_choices(codes: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """ISO 639-1 languages (only `codes` if given) named in the active language, blank first."""
    allowed = frozenset(codes) if codes is not None else None
    return [BLANK, *_sorted_languages(_language(), allowed)]


def language_name(code: str) -> str:
    return _language_names(_language()).get((code or "").lower(), code)


def country_names(codes: Iterable[str]) -> str:
    return ", ".join(country_name(code) for code in codes)


def language_names(codes: Iterable[str]) -> str:
    return ", ".join(language_name(code) for code in codes)
