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
    CentreAssignment,
    Commune,
    CommuneCentreChange,
    LocalityCommune,
    PostalLocality,
    Province,
    ReferenceDataset,
)
from parcours.territory.reference_cache import reference_version_bump

DATA_DIR = Path(__file__).resolve().parent / "data"
SOURCES = {
    "communes_wallonie.csv": "Statbel (REFNIS), CC BY 4.0, state on 1 January 2025; "
    "coordinates © OpenStreetMap contributors, ODbL 1.0",
    "communes_history.csv": "Statbel (REFNIS) history of codes, CC BY 4.0: the 1 January 2019 "
    "renumbering in Hainaut and the Bastogne–Bertogne merger (2 December 2024 in the "
    "reference data)",
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


def _commune(row: dict[str, str], province: Province) -> Commune:
    until = row.get("valid_until") or ""
    return Commune(
        nis_code=row["nis_code"],
        name_fr=row["name_fr"],
        name_de=row["name_de"],
        province=province,
        arrondissement_nis=row["arrondissement_nis"],
        arrondissement_name=row["arrondissement_fr"],
        language_region=(
            LanguageRegion.GERMAN if row["german_speaking"] == "1" else LanguageRegion.FRENCH
        ),
        latitude=float(row["latitude"]),
        longitude=float(row["longitude"]),
        valid_from=date.fromisoformat(row["valid_from"]),
        valid_until=date.fromisoformat(until) if until else None,
    )


def _load_communes() -> tuple[int, int]:
    rows = list(_rows("communes_wallonie.csv"))
    former = list(_rows("communes_history.csv"))
    provinces = {row["province_nis"]: row["province_fr"] for row in rows}
    for nis, name in provinces.items():
        Province.objects.update_or_create(nis_code=nis, defaults={"name": name})
    by_nis = {p.nis_code: p for p in Province.objects.all()}
    communes = [_commune(row, by_nis[row["province_nis"]]) for row in rows + former]
    update = ["name_fr", "name_de", "province", "arrondissement_nis", "arrondissement_name"]
    update += ["language_region", "latitude", "longitude", "valid_from", "valid_until"]
    Commune.objects.bulk_create(
        communes, update_conflicts=True, unique_fields=["nis_code"], update_fields=update
    )
    _load_successions(former)
    _record_dataset("communes_wallonie.csv", len(rows))
    _record_dataset("communes_history.csv", len(former))
    return len(provinces), len(rows)


def _load_successions(former: list[dict[str, str]]) -> None:
    ids = dict(Commune.objects.values_list("nis_code", "pk"))
    for row in former:
        Commune.objects.filter(nis_code=row["nis_code"]).update(
            successor_id=ids[row["successor_nis"]]
        )


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
    _load_locality_periods()
    _record_dataset("postal_localities_wallonie.csv", len(rows))
    return len(rows)


def _load_locality_periods() -> None:
    """Each locality belongs to its commune of today from the first day of that code, and
    before that to the former code whose postal codes hold it (communes_history.csv)."""
    former = {row["nis_code"]: row["postal_codes"].split() for row in _rows("communes_history.csv")}
    by_successor: dict[int, list[Commune]] = {}
    for commune in Commune.objects.filter(nis_code__in=former, successor__isnull=False):
        by_successor.setdefault(commune.successor_id or 0, []).append(commune)
    periods: list[LocalityCommune] = []
    for locality in PostalLocality.objects.select_related("commune"):
        today = locality.commune
        periods.append(
            LocalityCommune(locality=locality, commune=today, valid_from=today.valid_from)
        )
        periods.extend(
            LocalityCommune(
                locality=locality,
                commune=old,
                valid_from=old.valid_from,
                valid_until=old.valid_until,
            )
            for old in by_successor.get(today.pk, [])
            if locality.postal_code in former[old.nis_code]
        )
    LocalityCommune.objects.bulk_create(
        periods,
        update_conflicts=True,
        unique_fields=["locality", "commune"],
        update_fields=["valid_from", "valid_until"],
    )


def _load_assignments() -> int:
    """Set each commune's centre from the table, but never undo a correction made by hand. A
    former code is served, in the table, by the centre of its successor: the code changed,
    the territory and its centre did not (an assumption: the interim table has no history)."""
    rows = list(_rows("commune_centre.csv"))
    table = {row["nis_code"]: row["centre"] for row in rows}
    for nis, successor in Commune.objects.filter(successor__isnull=False).values_list(
        "nis_code", "successor__nis_code"
    ):
        table.setdefault(nis, table.get(successor, ""))
    by_centre: dict[str, list[str]] = {}
    for nis, code in table.items():
        by_centre.setdefault(code, []).append(nis)
    from_table = Commune.objects.filter(centre_source=CentreSource.REFERENCE)
    centres = {c.code: c for c in Centre.objects.all()}
    for code, nis_codes in by_centre.items():
        from_table.filter(nis_code__in=nis_codes).update(centre=centres.get(code))
    _load_dated_assignments(table, centres)
    _record_dataset("commune_centre.csv", len(rows))
    return Commune.objects.filter(centre_source=CentreSource.MANUAL).count()


def _load_dated_assignments(table: dict[str, str], centres: dict[str, Centre]) -> None:
    """The table's row of each commune holds from the first day of its code; a row set by
    hand on that day is kept (as the commune's own centre is)."""
    manual = set(
        CentreAssignment.objects.filter(source=CentreSource.MANUAL).values_list(
            "commune_id", "valid_from"
        )
    )
    rows = [
        CentreAssignment(
            commune=commune,
            centre=centres.get(table.get(commune.nis_code, "")),
            valid_from=commune.valid_from,
            source=CentreSource.REFERENCE,
        )
        for commune in Commune.objects.all()
        if (commune.pk, commune.valid_from) not in manual
    ]
    CentreAssignment.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["commune", "valid_from"],
        update_fields=["centre", "source"],
    )


@transaction.atomic
def reference_load() -> LoadReport:
    provinces, communes = _load_communes()
    centres = _load_centres()
    localities = _load_localities()
    kept = _load_assignments()
    commune_centres_refresh(today=timezone.localdate())
    reference_version_bump()  # bulk writes send no signal: the finders' copies are stale
    return LoadReport(provinces, communes, localities, centres, kept)


@transaction.atomic
def commune_assign_centre(
    *,
    commune: Commune,
    centre: Centre | None,
    reason: str,
    actor: User,
    from_on: date | None = None,
) -> CommuneCentreChange | None:
    """A correction of the table (from the first day of the commune's code), or, `from_on` a
    given day, a centre that takes the commune over from that day (dated table). The
    commune's own `centre` is the one of today."""
    if not reason.strip():
        raise DomainError(_("Say why the commune changes centre."))
    if centre is not None and commune.language_region != LanguageRegion.FRENCH:
        raise DomainError(_("Only a commune of the French-language region can have a centre."))
    current = Commune.objects.select_for_update().get(pk=commune.pk)
    start = from_on or current.valid_from
    if start < current.valid_from:
        raise DomainError(_("The commune's code is not valid yet on that day."))
    if _assigned_on(current, start) == (centre.pk if centre else None):
        return None
    CentreAssignment.objects.update_or_create(
        commune=current,
        valid_from=start,
        defaults={"centre": centre, "source": CentreSource.MANUAL, "reason": reason.strip()},
    )
    today = _assigned_on(current, timezone.localdate())
    change = CommuneCentreChange.objects.create(
        commune=current,
        previous_centre=current.centre,
        new_centre=centre,
        changed_by=actor,
        reason=reason.strip() if from_on is None else f"{reason.strip()} ({start.isoformat()})",
    )
    current.centre_id = today
    current.centre_source = CentreSource.MANUAL
    current.save(update_fields=["centre", "centre_source"])
    commune.refresh_from_db()
    return change


def _assigned_on(commune: Commune, on: date) -> int | None:
    found = (
        CentreAssignment.objects.filter(commune=commune, valid_from__lte=on)
        .order_by("-valid_from")
        .values_list("centre_id", flat=True)
        .first()
    )
    return found if found is not None else commune.centre_id


def commune_centres_refresh(*, today: date) -> int:
    """Bring each commune's centre of today in step with the dated table (a takeover recorded
    in advance starts on its day); returns how many communes changed. Idempotent."""
    rows = CentreAssignment.objects.filter(valid_from__lte=today).order_by("valid_from")
    of_today = dict(rows.values_list("commune_id", "centre_id"))  # the latest row wins
    changed = [
        commune
        for commune in Commune.objects.select_for_update().filter(pk__in=of_today)
        if commune.centre_id != of_today[commune.pk]
    ]
    for commune in changed:
        commune.centre_id = of_today[commune.pk]
    Commune.objects.bulk_update(changed, ["centre"])
    if changed:
        reference_version_bump()
    return len(changed)
