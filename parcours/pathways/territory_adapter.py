"""The rules engine's `Territory` backed by the database (Commune, Centre). One query loads
the Walloon communes; the instance caches them, so build one per request or per call."""

from parcours.rules.territory import language_region_from_nis_prefix
from parcours.territory.models import Commune


class DatabaseTerritory:
    def __init__(self) -> None:
        self._communes: dict[str, tuple[str, str | None]] | None = None

    def _load(self) -> dict[str, tuple[str, str | None]]:
        if self._communes is None:
            rows = Commune.objects.values_list("nis_code", "language_region", "centre__code")
            self._communes = {nis: (region, centre) for nis, region, centre in rows}
        return self._communes

    def language_region(self, nis_code: str) -> str:
        known = self._load().get(nis_code)
        if known is not None:
            return known[0]
        region = language_region_from_nis_prefix(nis_code)
        return region if region in {"brussels", "flanders"} else "unknown"

    def competent_centre(self, nis_code: str) -> str | None:
        known = self._load().get(nis_code)
        return known[1] if known else None
