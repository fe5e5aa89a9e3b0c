"""Territory is injected, not read: the rules ask a `Territory` which language region a commune
is in and which centre (CRI) is competent. The Django side provides one backed by the
database; `MappingTerritory` serves tests and scripts."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, Protocol

LanguageRegion = Literal[
    "french_language_region", "german_speaking", "brussels", "flanders", "unknown"
]
NisRegion = Literal["brussels", "flanders", "wallonia", "unknown"]

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
        "54",
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


class Territory(Protocol):
    def language_region(self, nis_code: str) -> str:
        """One of french_language_region, german_speaking, brussels, flanders, unknown."""
        ...

    def competent_centre(self, nis_code: str) -> str | None:
        """The code of the competent CRI (e.g. "CIMB"), or None outside its territory."""
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


class MappingTerritory:
    """A territory from plain mappings: Walloon commune → language region and → centre. NIS
    codes outside the Walloon map are classified by prefix (Brussels, Flanders) or unknown."""

    def __init__(self, regions: Mapping[str, str], centres: Mapping[str, str | None]) -> None:
        self._regions = dict(regions)
        self._centres = dict(centres)

    def language_region(self, nis_code: str) -> str:
        known = self._regions.get(nis_code)
        if known is not None:
            return known
        region = language_region_from_nis_prefix(nis_code)
        return region if region in {"brussels", "flanders"} else "unknown"

    def competent_centre(self, nis_code: str) -> str | None:
        return self._centres.get(nis_code)

    @classmethod
    def from_csv(cls, communes_csv: Path, centres_csv: Path) -> MappingTerritory:
        """From `communes_wallonie.csv` (german_speaking column) and `commune_centre.csv`."""
        regions = {row["nis_code"]: _region_of(row) for row in _rows(communes_csv)}
        centres = {row["nis_code"]: row["centre"] or None for row in _rows(centres_csv)}
        return cls(regions, centres)


def _region_of(row: Mapping[str, str]) -> str:
    return "german_speaking" if row["german_speaking"].strip() == "1" else "french_language_region"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
