from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from django.db.models import ManyToOneRel, QuerySet

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


class Rows(list[Any]):
    """A file's rows of one relation, read ahead: what `pathway.<relation>.all()` answers
    (the related manager returns what `_prefetched_objects_cache` holds). A list: only
    `.all()`, iteration, `len` and `bool` — a `.filter()` or `.count()` on a file loaded so
    fails (AttributeError, TypeError); load it with `pathways_with_file` for those."""

    def all(self) -> "Rows":
        return self


def files_with_file(ids: list[int]) -> list[Pathway]:
    """The files of `ids`, ordered by primary key, with the rows the rules read of what
    `pathways_with_file` reads ahead: nine queries (the prefetch's ten, the enrolments'
    answers among them), without the queryset Django's `prefetch_related` builds for each
    file and relation (`_apply_rel_filter`: most of a chunk's time in the nightly refresh of
    the clocks at the Region's size). The enrolments come with their hours only
    (`enrolments_hours`: the rules read neither the partner nor the answers). For the
    set-based services; a page keeps `pathways_with_file`."""
    pathways = list(
        Pathway.objects.select_related(*FILE_SELECT).filter(pk__any_of=ids).order_by("pk")
    )
    by_pk = {pathway.pk: pathway for pathway in pathways}
    related: dict[str, QuerySet[Any]] = {
        name: _relation(name).related_model._default_manager.all()  # type: ignore[union-attr]
        for name in FILE_PREFETCH
    }
    related["enrolments"] = enrolments_hours()
    for pathway in pathways:
        pathway._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    for name, queryset in related.items():
        field = _relation(name).field
        # The model's order, said again: a query with a sum (the hours) has no default order.
        order = queryset.model._meta.ordering or ["pk"]
        grouped = _by_file(queryset.filter(pathway_id__any_of=list(by_pk)).order_by(*order))
        for pathway in pathways:
            rows = grouped.get(pathway.pk, Rows())
            for row in rows:
                field.set_cached_value(row, pathway)  # row.pathway without a query
            pathway._prefetched_objects_cache[name] = rows  # type: ignore[attr-defined]
    return pathways


def _by_file(rows: QuerySet[Any]) -> dict[int, Rows]:
    """A relation's rows grouped by their file, in the order of `rows`."""
    grouped: dict[int, Rows] = {}
    for row in rows:
        grouped.setdefault(row.pathway_id, Rows()).append(row)
    return grouped


def _relation(name: str) -> ManyToOneRel:
    return cast(ManyToOneRel, Pathway._meta.get_field(name))


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
    agreements: Rows
    french_tests: Rows
    enrolments: Rows

    @property
    def _prefetched_objects_cache(self) -> dict[str, Rows]:
        return {"enrolments": self.enrolments}

    def as_pathway(self) -> Pathway:
        return cast(Pathway, self)


PACE_UNREAD = ("tracks", "parameters", "offers", "note", "scan")  # of an agreement


def files_for_pace(ids: list[int]) -> list[PaceFile]:
    """The files of `ids` as the pace reads them: four queries whatever their number."""
    related: dict[str, QuerySet[Any]] = {
        # Without what the pace never reads (three JSON columns among them).
        "agreements": Agreement.objects.filter(pathway_id__any_of=ids).defer(*PACE_UNREAD),
        "french_tests": FrenchTest.objects.filter(pathway_id__any_of=ids),
        "enrolments": enrolments_hours().filter(pathway_id__any_of=ids),
    }
    grouped = {name: _by_file(rows.order_by("pk")) for name, rows in related.items()}
    fields = ("pk", "status", "referred_on", "agreed_on", "pace_check_on")
    return [
        PaceFile(
            pk=pk,
            status=status,
            referred_on=referred_on,
            agreed_on=agreed_on,
            pace_check_on=pace_check_on,
            agreements=grouped["agreements"].get(pk, Rows()),
            french_tests=grouped["french_tests"].get(pk, Rows()),
            enrolments=grouped["enrolments"].get(pk, Rows()),
        )
        for pk, status, referred_on, agreed_on, pace_check_on in Pathway.objects.filter(
            pk__any_of=ids
        )
        .order_by("pk")
        .values_list(*fields)
    ]
