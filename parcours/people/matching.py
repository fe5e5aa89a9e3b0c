"""Looking for a person before recording one (form, CSV, API): the national or BIS number
first, else the names and the birth date. An *exact* match (same birth date, same names up to
accents, case, hyphens and order) is the same person; a *probable* match (same birth date,
names equal up to transliteration, a missing or extra given name, family and given names
swapped) is shown to the user to confirm — never reused nor duplicated silently."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from parcours.core.text import fold
from parcours.people.models import Person
from parcours.people.names import name_key

# Spellings of the same sound across transliterations (Arabic, Persian, Cyrillic, Tigrinya...
# into French or English): Mohammed/Muhammad, Youssef/Yusuf, Leyla/Leila, Haoua/Hawa.
_SOUNDS = (
    ("sch", "s"),
    ("tch", "c"),
    ("ch", "s"),
    ("sh", "s"),
    ("ph", "f"),
    ("th", "t"),
    ("kh", "h"),
    ("gh", "g"),
    ("dj", "j"),
    ("dh", "d"),
    ("ck", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("q", "k"),
    ("c", "k"),
    ("x", "ks"),
    ("z", "s"),
    ("w", "u"),
    ("y", "i"),
    ("v", "f"),
)
_VOWELS = re.compile(r"[aeiou]+")
_REPEATS = re.compile(r"([a-z])\1+")


# A CSV of 10,000 rows compares each with every person born the same day (about fifty at
# the Region's size), twice: the same names' keys were computed again for each comparison
# (343,000 keys for 500 rows, most of a 60 s import). The keys depend on the text alone.
@lru_cache(maxsize=65_536)
def sound_key(word: str) -> str:
    """A word's skeleton: its first letter, then its consonants as pronounced, repeats
    collapsed ("mohammed", "muhamad" → "mhmd")."""
    text = fold(word).replace(" ", "")
    if not text:
        return ""
    for written, said in _SOUNDS:
        text = text.replace(written, said)
    head, tail = text[0], _VOWELS.sub("", text[1:])
    return _REPEATS.sub(r"\1", head + tail)


@lru_cache(maxsize=65_536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(key for key in (sound_key(word) for word in fold(text).split()) if key)


def _probably_same(person: Person, family_name: str, given_names: str) -> bool:
    theirs_family, theirs_given = _words(person.family_name), _words(person.given_names)
    ours_family, ours_given = _words(family_name), _words(given_names)
    if sorted(theirs_family + theirs_given) == sorted(ours_family + ours_given):
        return True  # transliteration, or family and given names swapped
    same_family = sound_key(person.family_name) == sound_key(family_name)
    return same_family and bool(set(theirs_given) & set(ours_given))


@dataclass
class Match:
    """What is known of a referred person: `exact` (reuse it) or `probable` (ask)."""

    exact: Person | None = None
    probable: list[Person] = field(default_factory=list)
    by_number: bool = False


def _classify(candidates: Iterable[Person], fields: dict[str, Any]) -> Match:
    family, given = fields.get("family_name", ""), fields.get("given_names", "")
    key, number = name_key(family, given), fields.get("national_number", "")
    found = Match()
    for person in candidates:
        other_number = bool(number and person.national_number and person.national_number != number)
        if person.name_key == key and not other_number and found.exact is None:
            found.exact = person
        elif person.name_key == key or _probably_same(person, family, given):
            found.probable.append(person)
    if found.exact is not None:
        found.probable = []
    return found


def person_match(*, fields: dict[str, Any]) -> Match:
    """Cleaned person fields (`clean_person_fields`) against every active person."""
    number = fields.get("national_number", "")
    if number:
        known = Person.objects.filter(
            national_number=number, merged_into__isnull=True, anonymised_on__isnull=True
        ).first()
        if known is not None:
            return Match(exact=known, by_number=True)
    birth_date = fields.get("birth_date")
    if not isinstance(birth_date, date):
        return Match()
    same_day = Person.objects.filter(
        birth_date=birth_date, merged_into__isnull=True, anonymised_on__isnull=True
    )
    return _classify(same_day.order_by("pk"), fields)


def people_match(*, rows: list[dict[str, Any]]) -> list[Match]:
    """`person_match` for a whole list in two queries (the CSV import)."""
    numbers = {row["national_number"] for row in rows if row.get("national_number")}
    by_number = {
        p.national_number: p
        for p in Person.objects.filter(
            national_number__in=numbers, merged_into__isnull=True, anonymised_on__isnull=True
        )
    }
    days = {row["birth_date"] for row in rows if isinstance(row.get("birth_date"), date)}
    by_day: dict[date, list[Person]] = {}
    for person in Person.objects.filter(
        birth_date__in=days, merged_into__isnull=True, anonymised_on__isnull=True
    ).order_by("pk"):
        by_day.setdefault(person.birth_date, []).append(person)
    found = []
    for row in rows:
        known = by_number.get(row.get("national_number") or "")
        if known is not None:
            found.append(Match(exact=known, by_number=True))
        else:
            found.append(_classify(by_day.get(row.get("birth_date"), []), row))  # type: ignore[arg-type]
    return found


def same_person_in_list(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two rows of one list for the same person (same birth date and names)."""
    return a.get("birth_date") == b.get("birth_date") and name_key(
        a.get("family_name", ""), a.get("given_names", "")
    ) == name_key(b.get("family_name", ""), b.get("given_names", ""))


def alike(person: Person, others: Iterable[Person]) -> list[Person]:
    """The others that are, exactly or probably, the same person (the merge proposals)."""
    return [
        other
        for other in others
        if other.pk != person.pk
        and other.birth_date == person.birth_date
        and (
            other.name_key == person.name_key
            or _probably_same(other, person.family_name, person.given_names)
        )
    ]
