"""The funnel of the files opened in the period: how far each one went, and where the others
left (their status today). One person counts at every stage reached: no totals."""

from typing import Any

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from parcours.casework.statistics.facts import facts
from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.split import count_table, fact_split, split_for
from parcours.casework.statistics.table import Table, crosstab
from parcours.pathways.enums import Status
from parcours.pathways.explain import STAFF_MESSAGES, reason_text
from parcours.pathways.models import Waiver

STAGES: tuple[tuple[str, Any, Q], ...] = (
    ("referred", _("Referred"), Q()),
    ("invited", _("Invited"), Q(invited_on__isnull=False)),
    ("welcome", _("Welcome module done"), Q(module_done_on__isnull=False)),
    ("agreement", _("Agreement signed"), Q(agreed_on__isnull=False)),
    ("training", _("In training"), Q(trained=True)),
    ("certificate", _("Certificate"), Q(completed_on__isnull=False)),
)
EXITS = (
    Status.WAIVED,
    Status.NOT_CONCERNED,
    Status.TRANSFERRED,
    Status.WITHDRAWN,
    Status.SUSPENDED,
    Status.NON_COMPLIANT,
    Status.REPORTED,
)


def stages(f: StatsFilter, *, by_centre: bool = False) -> Table:
    split = fact_split(by_centre)
    reached = {key: Count("pk", filter=q) for key, _label, q in STAGES}
    grouped = (
        facts(f).annotate(col=split.expression).values("col").annotate(**reached).order_by("col")
    )
    flat = [
        {"row": key, "col": line["col"], "n": line[key]}
        for line in grouped
        for key, _label, _q in STAGES
    ]
    columns, rows = crosstab(flat, rows={k: str(v) for k, v, _q in STAGES}, columns=split.labels)
    return Table("funnel", str(_("The funnel")), str(_("Stage reached")), columns, rows, False)


def exits(f: StatsFilter, *, by_centre: bool = False) -> Table:
    return count_table(
        facts(f).filter(status__in=EXITS),
        key="funnel_exits",
        title=_("Side exits (status today)"),
        row_header=_("Status"),
        row=F("status"),
        rows={status.value: str(status.label) for status in EXITS},
        split=fact_split(by_centre),
    )


def _ground_labels() -> dict[str, str]:
    return {code: reason_text(code, staff=True) for code in STAFF_MESSAGES}


def waivers(f: StatsFilter, *, by_centre: bool = False) -> Table:
    return count_table(
        Waiver.objects.filter(f.referred_in_period("pathway__")),
        key="funnel_waivers",
        title=_("Waivers by ground"),
        row_header=_("Ground"),
        row=F("ground"),
        rows=_ground_labels(),
        split=split_for(by_centre, "pathway__"),
        count="pathway",
    )
