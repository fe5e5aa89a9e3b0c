"""Fixtures for the decree's tests. Pure Python: no Django, no database, no clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from parcours.rules import MappingTerritory

DATA = Path(__file__).resolve().parents[2] / "parcours" / "territory" / "data"


@pytest.fixture(scope="session")
def territory() -> MappingTerritory:
    return MappingTerritory.from_csv(
        DATA / "communes_wallonie.csv", DATA / "commune_centre.csv", DATA / "communes_history.csv"
    )


@pytest.fixture
def payload() -> dict[str, object]:
    return {
        "id": "p-1",
        "reference_date": "2026-11-26",
        "birth_date": "1990-05-01",
        "nationalities": ["SY"],
        "family_member_of_eea_citizen": False,
        "legal_stay_since": "2025-06-01",
        "registered_on": "2025-06-15",
        "permit": {
            "valid_from": "2025-06-20",
            "valid_until": "2030-06-19",
            "ordered_on": "2025-06-15",
        },
        "commune_nis": "53053",
        "waivers": [],
    }
