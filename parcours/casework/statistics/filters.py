"""The one filter every figure takes: a period, centres, a commune and a referral cohort."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet

from parcours.pathways.models import Pathway


@dataclass(frozen=True)
class StatsFilter:
    """`start` and `end` are both inclusive. `centre_ids` empty means every centre.
    `commune_id` is where the person lives. `cohort` is the first day of a referral month:
    only the pathways referred in that month are counted."""

    start: date
    end: date
    centre_ids: tuple[int, ...] = ()
    commune_id: int | None = None
    cohort: date | None = None
    # Read the pathway-level figures from the nightly table (`facts`), not from the files.
    facts: bool = False

    @property
    def cohort_end(self) -> date | None:
        return None if self.cohort is None else next_month(self.cohort)

    def pathway_q(self, prefix: str = "") -> Q:
        """The pathways this filter keeps, seen from a model that reaches them by `prefix`."""
        q = Q()
        if self.centre_ids:
            q &= Q(**{f"{prefix}centre_id__in": self.centre_ids})
        if self.commune_id is not None:
            q &= Q(**{f"{prefix}person__commune_id": self.commune_id})
        if self.cohort is not None:
            q &= Q(**{f"{prefix}referred_on__gte": self.cohort})
            q &= Q(**{f"{prefix}referred_on__lt": next_month(self.cohort)})
        return q

    def facts_q(self) -> Q:
        """The rows of a nightly table this filter keeps (the tables carry the file's centre,
        commune of residence and referral date in their own columns)."""
        q = Q()
        if self.centre_ids:
            q &= Q(centre_id__in=self.centre_ids)
        if self.commune_id is not None:
            q &= Q(commune_id=self.commune_id)
        if self.cohort is not None:
            q &= Q(referred_on__gte=self.cohort, referred_on__lt=self.cohort_end)
        return q

    def pathways(self) -> "QuerySet[Pathway]":
        return Pathway.objects.filter(self.pathway_q())

    def referred_in_period(self, prefix: str = "") -> Q:
        """A file opened by a referral in the period; a transfer's new file is not inflow."""
        return self.pathway_q(prefix) & Q(
            **{
                f"{prefix}referred_on__gte": self.start,
                f"{prefix}referred_on__lte": self.end,
                f"{prefix}transferred_from__isnull": True,
            }
        )

    def in_period(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})

    def whole_months(self) -> tuple[date, date] | None:
        """[first, after): the calendar months the period covers whole, if any."""
        first = self.start if self.start.day == 1 else next_month(self.start)
        after = next_month(self.end) if (self.end + timedelta(days=1)).day == 1 else None
        after = after or self.end.replace(day=1)
        return (first, after) if first < after else None


def next_month(day: date) -> date:
    """The first day of the month after the one of `day`."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
