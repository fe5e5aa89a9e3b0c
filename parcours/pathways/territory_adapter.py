"""The rules engine's `Territory` backed by the database (communes with their periods,
successions and dated centres). Stored files keep the code they were recorded with, so this
adapter answers a code outside its period through the successions (Mouscron recorded as 57096
on a 2018 governing date is the commune 54007 of that day); the contract's territory refuses
it instead. One instance loads the table once (two queries): build one per request or call."""

from datetime import date

from parcours.rules.territory import CommuneOnDate, MappingTerritory
from parcours.territory.selectors import rules_territory


class DatabaseTerritory:
    def __init__(self) -> None:
        self._table: MappingTerritory | None = None

    def _load(self) -> MappingTerritory:
        if self._table is None:
            self._table = rules_territory(through_successions=True)
        return self._table

    def commune_on(self, nis_code: str, on: date) -> CommuneOnDate:
        """Which commune, which language region, which centre, on this date."""
        return self._load().commune_on(nis_code, on)
