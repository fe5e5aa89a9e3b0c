"""Territory is injected, not read: the rules ask a `Territory` which commune a NIS code is on
a date, in which language region, and which centre (CRI) is competent that day. The Django
side provides one backed by the database; `MappingTerritory` serves tests and scripts.

Communes change: a NIS code is valid for a period (Statbel REFNIS), and a code that ends has
a successor (1 January 2019: the communes of the former arrondissement of Mouscron 54xxx →
57xxx and eight other Hainaut communes; 2 December 2024 in the reference data: Bastogne and
Bertogne → Bastogne 82039). A code used outside its period is an input error that names the
code valid on that date (`commune_on`); stored records, which keep the code they were
recorded with, are answered through the successions (a territory built with
`through_successions=True`, as the database adapter of stored files is)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal, Protocol

from parcours.rules.errors import RulesInputError

LanguageRegion = Literal[
    "french_language_region", "german_speaking", "brussels", "flanders", "unknown"
]
NisRegion = Literal["brussels", "flanders", "wallonia", "unknown"]
NIS_FIELD = "commune_nis"

# Statbel NIS arrondissement prefixes (the first two digits of a commune's code).
_BRUSSELS = frozenset({"21"})
_FLANDERS = frozenset(
    {
        "11",
        "12",
        "13",  # Antwerp
        "23",
        "24",  # Flemish Brabant
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "38",  # West Flanders
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",  # East Flanders
        "71",
        "72",
        "73",  # Limburg
    }
)
_WALLONIA = frozenset(
    {
        "25",  # Walloon Brabant
        "51",
        "52",
        "53",
        "54",  # Mouscron, until 31 December 2018
        "55",
        "56",
        "57",
        "58",  # Hainaut
        "61",
        "62",
        "63",
        "64",  # Liège (the German-speaking communes are in 63)
        "81",
        "82",
        "83",
        "84",
        "85",  # Luxembourg
        "91",
        "92",
        "93",  # Namur
    }
)
NIS_LENGTH = 5


@dataclass(frozen=True, slots=True)
class CentrePeriod:
    """From `valid_from` on (until the next period), `centre` serves the commune."""

    valid_from: date
    centre: str | None


@dataclass(frozen=True, slots=True)
class CommuneRecord:
    nis_code: str
    name: str
    language_region: str
    valid_from: date
    valid_until: date | None = None  # the last day the code is valid; None: still valid
    successor: str | None = None
    centres: tuple[CentrePeriod, ...] = ()  # oldest first

    def valid_on(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def centre_on(self, on: date) -> str | None:
        found = [period.centre for period in self.centres if period.valid_from <= on]
        return found[-1] if found else None


@dataclass(frozen=True, slots=True)
class CommuneOnDate:
    """The answer for one code on one date: the commune valid that day and its region and
    centre. `nis_code` is the code valid on the date (the given one, or its successor or
    predecessor when answered through the successions)."""

    nis_code: str
    language_region: str
    competent_centre: str | None


class CodeNotValidOn(RulesInputError):  # noqa: N818 - names read as sentences in tracebacks
    """A NIS code used outside its period; `valid_codes` are the codes of that territory on
    that date (one after a succession, several before a merger)."""

    def __init__(self, nis_code: str, on: date, valid_codes: tuple[str, ...]) -> None:
        self.nis_code, self.on, self.valid_codes = nis_code, on, valid_codes
        day = on.isoformat()
        if valid_codes:
            codes = " or ".join(valid_codes)
            message = f"NIS code {nis_code!r} is not valid on {day}: the code then was {codes}"
        else:
            message = f"NIS code {nis_code!r} is not valid on {day}"
        super().__init__(NIS_FIELD, message)


class Territory(Protocol):
    def commune_on(self, nis_code: str, on: date) -> CommuneOnDate:
        """The commune of `nis_code` on `on`. Raises `RulesInputError` for an unknown code
        and `CodeNotValidOn` for a code outside its period (a territory of stored records
        answers such a code through the successions instead)."""
        ...


def language_region_from_nis_prefix(nis_code: str) -> NisRegion:
    """Region of a NIS code from its arrondissement prefix. "wallonia" does not say whether the
    commune is French- or German-speaking: only the commune list knows that."""
    if len(nis_code) != NIS_LENGTH or not nis_code.isdigit():
        return "unknown"
    prefix = nis_code[:2]
    if prefix in _BRUSSELS:
        return "brussels"
    if prefix in _FLANDERS:
        return "flanders"
    return "wallonia" if prefix in _WALLONIA else "unknown"


@dataclass
class MappingTerritory:
    """The Walloon communes with their periods, successions and dated centres. Codes outside
    the Walloon list are classified by prefix (Brussels, Flanders, any date) or unknown."""

    records: Mapping[str, CommuneRecord]
    through_successions: bool = False
    _predecessors: dict[str, tuple[str, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        found: dict[str, list[str]] = {}
        for record in self.records.values():
            if record.successor is not None:
                found.setdefault(record.successor, []).append(record.nis_code)
        self._predecessors = {nis: tuple(sorted(codes)) for nis, codes in found.items()}

    @classmethod
    def of(
        cls, records: Iterable[CommuneRecord], *, through_successions: bool = False
    ) -> MappingTerritory:
        return cls({record.nis_code: record for record in records}, through_successions)

    def commune_on(self, nis_code: str, on: date) -> CommuneOnDate:
        record = self.records.get(nis_code)
        if record is None:
            return _outside_wallonia(nis_code)
        if record.valid_on(on):
            return CommuneOnDate(nis_code, record.language_region, record.centre_on(on))
        valid = self.codes_on(nis_code, on)
        if not self.through_successions or not valid:
            raise CodeNotValidOn(nis_code, on, valid)
        answers = {(r.language_region, r.centre_on(on)) for r in map(self.records.get, valid) if r}
        if len(answers) != 1:  # predecessors in different regions or centres: cannot tell
            raise CodeNotValidOn(nis_code, on, valid)
        region, centre = answers.pop()
        return CommuneOnDate(valid[0] if len(valid) == 1 else nis_code, region, centre)

    def codes_on(self, nis_code: str, on: date) -> tuple[str, ...]:
        """The codes that covered this code's territory on `on`, through the successions."""
        record = self.records.get(nis_code)
        if record is None:
            return ()
        if record.valid_on(on):
            return (nis_code,)
        if on > record.valid_from:  # after its end: forward to the successor
            return self.codes_on(record.successor, on) if record.successor else ()
        earlier = self._predecessors.get(nis_code, ())
        return tuple(code for nis in earlier for code in self.codes_on(nis, on))

    def code_of_today(self, nis_code: str, today: date) -> str:
        """The code of today through the successions, for statistics (an unknown or a
        non-Walloon code is returned as it is)."""
        record = self.records.get(nis_code)
        while record is not None and _ended(record, today) and record.successor:
            record = self.records.get(record.successor)
        return record.nis_code if record is not None else nis_code

    def predecessors(self, nis_code: str) -> tuple[str, ...]:
        return self._predecessors.get(nis_code, ())

    @classmethod
    def from_csv(
        cls,
        communes_csv: Path,
        centres_csv: Path,
        history_csv: Path | None = None,
        *,
        through_successions: bool = False,
    ) -> MappingTerritory:
        """From `communes_wallonie.csv`, `commune_centre.csv` and `communes_history.csv` (the
        former codes, each with its successor and centre column)."""
        centres = {row["nis_code"]: row["centre"] or None for row in _rows(centres_csv)}
        rows = _rows(communes_csv) + (_rows(history_csv) if history_csv else [])
        for row in rows:
            centre = row.get("centre") or centres.get(row["nis_code"])
            row["centre"] = centre or (centres.get(row.get("successor_nis") or "") or "")
        records = (record_from_row(row) for row in rows)
        return cls.of(records, through_successions=through_successions)


def record_from_row(row: Mapping[str, str]) -> CommuneRecord:
    """A commune record from a row of the reference CSVs (see territory/data/SOURCES.md)."""
    valid_from = date.fromisoformat(row["valid_from"])
    until = (row.get("valid_until") or "").strip()
    return CommuneRecord(
        nis_code=row["nis_code"],
        name=row["name_fr"],
        language_region=_region_of(row),
        valid_from=valid_from,
        valid_until=date.fromisoformat(until) if until else None,
        successor=(row.get("successor_nis") or "").strip() or None,
        centres=(CentrePeriod(valid_from, row.get("centre") or None),),
    )


def _ended(record: CommuneRecord, today: date) -> bool:
    return record.valid_until is not None and record.valid_until < today


def _outside_wallonia(nis_code: str) -> CommuneOnDate:
    region = language_region_from_nis_prefix(nis_code)
    if region not in {"brussels", "flanders"}:
        raise RulesInputError(NIS_FIELD, f"unknown NIS code {nis_code!r}")
    return CommuneOnDate(nis_code, region, None)


def _region_of(row: Mapping[str, str]) -> str:
    return "german_speaking" if row["german_speaking"].strip() == "1" else "french_language_region"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))
