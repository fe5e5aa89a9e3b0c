"""Country and language names for stored ISO codes: `{{ person.nationalities|countries }}`,
`{{ person.letter_language|language }}`."""

from collections.abc import Iterable

from django import template

from parcours.core import iso

register = template.Library()


def _codes(value: Iterable[str] | str | None) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


@register.filter
def countries(value: Iterable[str] | str | None) -> str:
    return iso.country_names(_codes(value))


@register.filter
def country(value: str | None) -> str:
    return iso.country_name(value or "")


@register.filter
def languages(value: Iterable[str] | str | None) -> str:
    return iso.language_names(_codes(value))


@register.filter
def language(value: str | None) -> str:
    return iso.language_name(value or "")
