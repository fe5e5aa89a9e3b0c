"""Name keys for search and duplicate detection."""

from datetime import date
from typing import Any, Protocol

from parcours.core.text import fold


class _Identity(Protocol):
    birth_date: date
    name_key: str


def search_text(*names: str) -> str:
    return " ".join(fold(name) for name in names if name)


def name_key(family_name: str, given_names: str) -> str:
    """Equal for names that differ only by accents, case, hyphens or order of the names."""
    return " ".join(sorted(fold(f"{family_name} {given_names}").split()))


def is_same_person(person: _Identity, fields: dict[str, Any]) -> bool:
    """A national number alone never identifies: the birth date and the names must match
    (up to accents, case, hyphens and order), else the number is mistyped or borrowed."""
    key = name_key(fields.get("family_name", ""), fields.get("given_names", ""))
    return person.birth_date == fields.get("birth_date") and person.name_key == key
