"""How long it takes: days from the referral to the first appointment, to the agreement and
to the certificate (quartiles, by nearest rank, read off one grouped query of the days per
step, on PostgreSQL and SQLite alike); and the share of certificates within the legal
deadline, by cohort of referral month."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from parcours.casework.statistics.facts import facts
from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.split import Split, by_centre_split, count_table
from parcours.casework.statistics.table import Table

STEPS: tuple[tuple[str, Any, Callable[[], Any]], ...] = (
    ("first_appointment", _("Referral → first appointment"), lambda: F("first_appointment_on")),
    ("agreement", _("Referral → agreement"), lambda: F("agreed_on")),
    ("certificate", _("Referral → certificate"), lambda: F("completed_on")),
)


def _days(until: Any) -> Any:
    return ExpressionWrapper(until - F("referred_on"), output_field=DurationField())


def quartiles(f: StatsFilter, *, by_centre: bool = False) -> Table:
    found = _quartiles(f, by_centre)
    rows: list[tuple[str, tuple[Any, ...]]] = []
    for step, (_key, label, _until) in enumerate(STEPS):
        lines = {g: line for (s, g), line in found.items() if s == step}
        if by_centre:
            rows.extend((f"{label} · {group}", line) for group, line in sorted(lines.items()))
        else:
            rows.append((str(label), lines.get("all", (0, None, None, None))))
    columns = (
        str(_("People")),
        str(_("First quartile")),
        str(_("Median")),
        str(_("Third quartile")),
    )
    return Table(
        "durations", str(_("Durations in days")), str(_("Step")), columns, tuple(rows), False, True
    )


def _histogram(f: StatsFilter, step: int, until: Any, by_centre: bool) -> "QuerySet[Any]":
    """How many files took each number of days to reach the step, per group."""
    found: QuerySet[Any] = (
        facts(f)
        .annotate(until=until)
        .filter(until__isnull=False)
        .annotate(
            step=Value(step),
            g=F("centre__code") if by_centre else Value("all"),
            d=_days(F("until")),
        )
        .values("step", "g", "d")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return found


def _quartiles(f: StatsFilter, by_centre: bool) -> dict[tuple[int, str], tuple[Any, ...]]:
    """The quartiles by nearest rank (ranks ⌈n/4⌉, ⌈n/2⌉, ⌈3n/4⌉ of the days in order), read
    off one grouped query: the count of files per (step, group, days) — a few hundred rows
    whatever the number of files — walked in the order of the days."""
    steps = [_histogram(f, step, until(), by_centre) for step, (_k, _l, until) in enumerate(STEPS)]
    found: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for step, g, d, n in steps[0].union(*steps[1:], all=True).values_list("step", "g", "d", "n"):
        days = d.days if isinstance(d, timedelta) else int(d)
        found.setdefault((step, g), []).append((days, n))
    return {key: _line(sorted(counts)) for key, counts in found.items()}


def _line(counts: list[tuple[int, int]]) -> tuple[Any, ...]:
    n = sum(count for _days, count in counts)
    ranks = ((n + 3) // 4, (n + 1) // 2, (3 * n + 3) // 4)
    picked: list[int] = []
    seen = 0
    for days, count in counts:
        seen += count
        while len(picked) < len(ranks) and ranks[len(picked)] <= seen:
            picked.append(days)
    return (n, *picked)


def within_deadline(f: StatsFilter, *, by_centre: bool = False) -> Table:
    """Obliged people only: the legal deadline is theirs (CWASS art. 152/4)."""
    outcome = Case(
        When(completed_on__isnull=True, then=Value("open")),
        When(completed_on__lte=F("certificate_by"), then=Value("within")),
        default=Value("late"),
    )
    found = facts(f).filter(voluntary=False, certificate_by__isnull=False)
    labels = {
        "within": _("Certificate within the deadline"),
        "late": _("Certificate after the deadline"),
        "open": _("No certificate yet"),
    }
    split = by_centre_split() if by_centre else Split(outcome, labels)
    return count_table(
        found,
        key="durations_deadline",
        title=_("Certificates within the legal deadline, by cohort"),
        row_header=_("Referral month"),
        row=TruncMonth("referred_on"),
        rows={},
        split=split,
    )
