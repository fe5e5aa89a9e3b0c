"""Writes on the territory: the reference loader and the commune → centre correction."""

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.core.text import search_key
from parcours.territory.enums import CentreSource, LanguageRegion
from parcours.territory.models import (
    Centre,
    Commune,
    CommuneCentreChange,
    PostalLocality,
    Province,
    ReferenceDataset,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
SOURCES = {
    "communes_wallonie.csv": "Statbel (REFNIS), CC BY 4.0, state on 1 January 2025; "
    "coordinates © OpenStreetMap contributors, ODbL 1.0",
    "postal_localities_wallonie.csv": "bpost postal-code list (December 2017 copy); "
    "coordinates © OpenStreetMap contributors, ODbL 1.0",
    "centres.csv": "DISCRI vade-mecum for communes (2025); CWASS art. 153/1; CIMB web page",
    "commune_centre.csv": "Interim mapping by arrondissement (best public information, "
    "not an official list)",
}


@dataclass(frozen=True)
class LoadReport:
    provinces: int
    communes: int
    localities: int
    centres: int
    assignments_kept: int


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def _record_dataset(name: str, rows: int) -> None:
    digest = hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest()
    ReferenceDataset.objects.update_or_create(
        name=name,
        defaults={
            "source": SOURCES[name],
            "rows": rows,
            "sha256": digest,
            "loaded_at": timezone.now(),
        },
    )


def _load_communes() -> tuple[int, int]:
    rows = list(_rows("communes_wallonie.csv"))
    provinces = {row["province_nis"]: row["province_fr"] for row in rows}
    for nis, name in provinces.items():
        Province.objects.update_or_create(nis_code=nis, defaults={"name": name})
    by_nis = {p.nis_code: p for p in Province.objects.all()}
    communes = [
        Commune(
            nis_code=row["nis_code"],
            name_fr=row["name_fr"],
            name_de=row["name_de"],
            province=by_nis[row["province_nis"]],
            arrondissement_nis=row["arrondissement_nis"],
            arrondissement_name=row["arrondissement_fr"],
            language_region=(
                LanguageRegion.GERMAN if row["german_speaking"] == "1" else LanguageRegion.FRENCH
            ),
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            valid_from=date.fromisoformat(row["valid_from"]),
        )
        for row in rows
    ]
    update = ["name_fr", "name_de", "province", "arrondissement_nis", "arrondissement_name"]
    update += ["language_region", "latitude", "longitude", "valid_from"]
    Commune.objects.bulk_create(
        communes, update_conflicts=True, unique_fields=["nis_code"], update_fields=update
    )
    _record_dataset("communes_wallonie.csv", len(rows))
    return len(provinces), len(rows)


def _load_centres() -> int:
    rows = list(_rows("centres.csv"))
    communes = {c.nis_code: c for c in Commune.objects.all()}
    for row in rows:
        Centre.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "seat_commune": communes[row["seat_commune_nis"]],
                "city": row["seat_city"],
                "website": row["website"],
                "phone": row["phone"],
                "source": row["source"],
            },
        )
    _record_dataset("centres.csv", len(rows))
    return len(rows)


_PARTICLES = frozenset({"lez", "lès", "le", "la", "les", "de", "des", "du", "sur", "sous", "en"})


def _display_name(locality: str, commune: Commune) -> str:
    """bpost writes main localities in capitals ("WAVRE"); show the commune's own spelling."""
    if not locality.isupper():
        return locality
    if search_key(locality) == search_key(commune.name_fr):
        return commune.name_fr
    parts = locality.lower().split("-")
    return "-".join(
        part if index and part in _PARTICLES else part.capitalize()
        for index, part in enumerate(parts)
    )


def _load_localities() -> int:
    rows = list(_rows("postal_localities_wallonie.csv"))
    communes = {c.nis_code: c for c in Commune.objects.all()}
    localities = [
        PostalLocality(
            postal_code=row["postal_code"],
            name=_display_name(row["locality"], communes[row["nis_code"]]),
            search_key=search_key(row["locality"]),
            commune=communes[row["nis_code"]],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
        )
        for row in rows
    ]
    PostalLocality.objects.bulk_create(
        localities,
        update_conflicts=True,
        unique_fields=["postal_code", "search_key"],
        update_fields=["name", "commune", "latitude", "longitude"],
    )
    _record_dataset("postal_localities_wallonie.csv", len(rows))
    return len(rows)


def _load_assignments() -> int:
    """Set each commune's centre from the table, but never undo a correction made by hand."""
    rows = list(_rows("commune_centre.csv"))
    by_centre: dict[str, list[str]] = {}
    for row in rows:
        by_centre.setdefault(row["centre"], []).append(row["nis_code"])
    from_table = Commune.objects.filter(centre_source=CentreSource.REFERENCE)
    centres = {c.code: c for c in Centre.objects.all()}
    for code, nis_codes in by_centre.items():
        from_table.filter(nis_code__in=nis_codes).update(centre=centres.get(code))
    _record_dataset("commune_centre.csv", len(rows))
    return Commune.objects.filter(centre_source=CentreSource.MANUAL).count()


@transaction.atomic
def reference_load() -> LoadReport:
    provinces, communes = _load_communes()
    centres = _load_centres()
    localities = _load_localities()
    kept = _load_assignments()
    return LoadReport(provinces, communes, localities, centres, kept)


@transaction.atomic
def commune_assign_centre(
    *, commune: Commune, centre: Centre | None, reason: str, actor: User
) -> CommuneCentreChange | None:
    if not reason.strip():
        raise DomainError(_("Say why the commune changes centre."))
    if centre is not None and commune.language_region != LanguageRegion.FRENCH:
        raise DomainError(_("Only a commune of the French-language region can have a centre."))
    current = Commune.objects.select_for_update().get(pk=commune.pk)
    if current.centre_id == (centre.pk if centre else None):
        return None
    change = CommuneCentreChange.objects.create(
        commune=current,
        previous_centre=current.centre,
        new_centre=centre,
        changed_by=actor,
        reason=reason.strip(),
    )
    current.centre = centre
    current.centre_source = CentreSource.MANUAL
    current.save(update_fields=["centre", "centre_source"])
    commune.refresh_from_db()
    return change
