"""How long it takes: days from the referral to the first appointment, to the agreement and
to the certificate (quartiles, by nearest rank, in one windowed query per step, on
PostgreSQL and SQLite alike); and the share of certificates within the legal deadline, by
cohort of referral month."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber, TruncMonth
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
    rows: list[tuple[str, tuple[Any, ...]]] = []
    for _key, label, until in STEPS:
        found = _quartiles(f, until(), by_centre)
        if by_centre:
            rows.extend((f"{label} · {group}", line) for group, line in found.items())
        else:
            rows.append((str(label), found.get("all", (0, None, None, None))))
    columns = (
        str(_("People")),
        str(_("First quartile")),
        str(_("Median")),
        str(_("Third quartile")),
    )
    return Table(
        "durations", str(_("Durations in days")), str(_("Step")), columns, tuple(rows), False, True
    )


def _quartiles(f: StatsFilter, until: Any, by_centre: bool) -> dict[str, tuple[Any, ...]]:
    group = F("centre__code") if by_centre else Value("all")
    ranked = (
        facts(f)
        .annotate(until=until)
        .filter(until__isnull=False)
        .annotate(
            g=group,
            d=_days(F("until")),
            rn=Window(RowNumber(), partition_by=[group], order_by=[F("d").asc(), F("pk").asc()]),
            n=Window(Count("pk"), partition_by=[group]),
        )
    )
    picked = ranked.filter(
        Q(rn=(F("n") + 3) / 4) | Q(rn=(F("n") + 1) / 2) | Q(rn=(3 * F("n") + 3) / 4)
    ).values_list("g", "d", "rn", "n")
    found: dict[str, dict[int, int]] = {}
    sizes: dict[str, int] = {}
    for g, d, rn, n in picked:  # at most three rows per group
        found.setdefault(g, {})[rn] = d.days if isinstance(d, timedelta) else int(d)
        sizes[g] = n
    return {g: _line(sizes[g], ranks) for g, ranks in sorted(found.items())}


def _line(n: int, ranks: dict[int, int]) -> tuple[Any, ...]:
    return (n, ranks[(n + 3) // 4], ranks[(n + 1) // 2], ranks[(3 * n + 3) // 4])


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
