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
    """The files of `ids`, ordered by primary key, each with what the rules read of what
    `pathways_with_file` reads ahead — nine queries (the prefetch's ten, the enrolments'
    answers among them), without the per-file, per-relation queryset Django's
    `prefetch_related` builds for each file (`_apply_rel_filter`: most of a chunk's time in
    the nightly refresh of the clocks at the Region's size). The
    enrolments come with their hours only (`enrolments_hours`: the rules read neither the
    partner nor the answers). For the set-based services; a page keeps `pathways_with_file`."""
    pathways = list(Pathway.objects.select_related(*FILE_SELECT).filter(pk__in=ids).order_by("pk"))
    by_pk = {pathway.pk: pathway for pathway in pathways}
    related: dict[str, QuerySet[Any]] = {
        name: _relation(name).related_model._default_manager.all()  # type: ignore[union-attr]
        for name in FILE_PREFETCH
    }
    related["enrolments"] = enrolments_hours()
    caches: dict[int, dict[str, Rows]] = {pk: {} for pk in by_pk}
    for name, queryset in related.items():
        field = _relation(name).field
        for rows in caches.values():
            rows[name] = Rows()
        # The model's order, said again: a query with a sum (the hours) has no default order.
        order = queryset.model._meta.ordering or ["pk"]
        for row in queryset.filter(**{f"{field.attname}__in": list(by_pk)}).order_by(*order):
            owner = by_pk[getattr(row, field.attname)]
            field.set_cached_value(row, owner)  # row.pathway without a query, as a prefetch
            caches[owner.pk][name].append(row)
    for pathway in pathways:
        pathway._prefetched_objects_cache = caches[pathway.pk]  # type: ignore[attr-defined]
    return pathways


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
            agreements=Rows(grouped["agreements"].get(pk, [])),
            french_tests=Rows(grouped["french_tests"].get(pk, [])),
            enrolments=Rows(grouped["enrolments"].get(pk, [])),
        )
        for pk, status, referred_on, agreed_on, pace_check_on in Pathway.objects.filter(pk__in=ids)
        .order_by("pk")
        .values_list(*fields)
    ]
