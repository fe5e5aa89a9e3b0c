"""Non-compliance (CWASS art. 152/8): cases opened in the period by ground and how far each
went — letters, files sent to the Region."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.split import count_table, split_for
from parcours.casework.statistics.table import Table, crosstab
from parcours.pathways.enums import ComplianceGround
from parcours.pathways.models import NonCompliance

GROUNDS = {ground.value: ground.label for ground in ComplianceGround}  # lazy: the page's language
STEPS = (
    ("opened", _("Cases opened"), Q()),
    ("reminded", _("Reminder letters"), Q(reminder_on__isnull=False)),
    ("notice", _("Formal notices"), Q(notice_on__isnull=False)),
    ("reported", _("Files sent to the Region"), Q(reported_on__isnull=False)),
    ("not_sanctionable", _("Not sanctionable"), Q(not_sanctionable=True)),
)


def cases(f: StatsFilter, *, by_centre: bool = False) -> Table:
    return count_table(
        NonCompliance.objects.filter(f.pathway_q("pathway__"), f.in_period("detected_on")),
        key="compliance_cases",
        title=_("Non-compliance cases opened, by ground"),
        row_header=_("Ground"),
        row=F("ground"),
        rows=GROUNDS,
        split=split_for(by_centre, "pathway__"),
    )


def steps(f: StatsFilter) -> Table:
    """One case counts at every step it reached: no totals."""
    grouped = (
        NonCompliance.objects.filter(f.pathway_q("pathway__"), f.in_period("detected_on"))
        .values("ground")
        .annotate(**{key: Count("pk", filter=q) for key, _label, q in STEPS})
        .order_by("ground")
    )
    flat = [
        {"row": line["ground"], "col": key, "n": line[key]}
        for line in grouped
        for key, _label, _q in STEPS
    ]
    columns, rows = crosstab(flat, rows=GROUNDS, columns={k: str(v) for k, v, _q in STEPS})
    return Table(
        "compliance_steps", str(_("Letters and files sent")), str(_("Ground")), columns, rows, False
    )
