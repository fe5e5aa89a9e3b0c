from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django.db.models import QuerySet

from parcours.pathways.models import Agreement, FrenchTest, Pathway
from parcours.training.ledger import enrolments_hours, enrolments_prefetch

FILE_PREFETCH = (
    "agreements",
    "adjustments",
    "evaluations",
    "rights_sessions",
    "french_tests",
    "administrative_help",
    "waivers",
)


FILE_SELECT = ("person__commune", "centre", "assessment")


def pathways_with_file() -> QuerySet[Pathway]:
    """Everything the rules need about a pathway, in a fixed number of queries."""
    return Pathway.objects.select_related(*FILE_SELECT).prefetch_related(
        *FILE_PREFETCH, enrolments_prefetch()
    )


def reload(pathway: Pathway) -> Pathway:
    return pathways_with_file().get(pk=pathway.pk)


class Records:
    """A file's rows of one relation, read ahead: what the rules inputs call `.all()` on."""

    def __init__(self, rows: list[Any]) -> None:
        self.rows = rows

    def all(self) -> list[Any]:
        return self.rows


@dataclass
class PaceFile:
    """What the hours pace reads of a file (`training.ledger.track_lines` and its terms):
    its status and dates (with the day the sweep reads its pace again), its agreements,
    French tests and enrolments with their hours. Read
    for many files in a fixed number of queries (`files_for_pace`) without building a related
    manager per file and relation, which cost more than the pace itself."""

    pk: int
    status: str
    referred_on: date
    agreed_on: date | None
    pace_check_on: date | None
    agreements: Records
    french_tests: Records
    enrolments: Records

    @property
    def _prefetched_objects_cache(self) -> dict[str, Records]:
        return {"enrolments": self.enrolments}

    def as_pathway(self) -> Pathway:
        return cast(Pathway, self)


def files_for_pace(ids: list[int]) -> list[PaceFile]:
    """The files of `ids` as the pace reads them: four queries whatever their number."""
    grouped: dict[str, dict[int, list[Any]]] = {}
    related: dict[str, QuerySet[Any]] = {
        "agreements": Agreement.objects.filter(pathway_id__in=ids),
        "french_tests": FrenchTest.objects.filter(pathway_id__in=ids),
        "enrolments": enrolments_hours().filter(pathway_id__in=ids),
    }
    for name, rows in related.items():
        by_file = grouped.setdefault(name, {})
        for row in rows.order_by("pk"):
            by_file.setdefault(row.pathway_id, []).append(row)
    fields = ("pk", "status", "referred_on", "agreed_on", "pace_check_on")
    return [
        PaceFile(
            pk=pk,
            status=status,
            referred_on=referred_on,
            agreed_on=agreed_on,
            pace_check_on=pace_check_on,
            agreements=Records(grouped["agreements"].get(pk, [])),
            french_tests=Records(grouped["french_tests"].get(pk, [])),
            enrolments=Records(grouped["enrolments"].get(pk, [])),
        )
        for pk, status, referred_on, agreed_on, pace_check_on in Pathway.objects.filter(pk__in=ids)
        .order_by("pk")
        .values_list(*fields)
    ]
