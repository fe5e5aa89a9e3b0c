"""Inflow: the files opened by a referral in the period, by month, source, commune,
nationality, age band and sex (a transfer's new file is not inflow)."""

from django.db.models import F
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from parcours.casework.statistics.facts import facts
from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.split import count_table, fact_split, split_for
from parcours.casework.statistics.table import Table
from parcours.pathways.enums import ReferralSource
from parcours.pathways.models import Referral
from parcours.people.enums import Sex

AGE_LABELS = (_("Under 18"), "18–24", "25–34", "35–44", "45–54", "55–64", _("65 and over"))


def by_month(f: StatsFilter, *, by_centre: bool = False) -> Table:
    found = facts(f)
    return count_table(
        found,
        key="inflow_month",
        title=_("Referrals by month"),
        row_header=_("Month"),
        row=TruncMonth("referred_on"),
        rows={},
        split=fact_split(by_centre),
    )


def by_source(f: StatsFilter, *, by_centre: bool = False) -> Table:
    """Every referral received in the period (a file may be referred twice)."""
    found = Referral.objects.filter(
        f.pathway_q("pathway__"), f.in_period("referred_on"), pathway__transferred_from=None
    )
    return count_table(
        found,
        key="inflow_source",
        title=_("Referrals by source"),
        row_header=_("Source"),
        row=F("source"),
        rows=dict(ReferralSource.choices),
        split=split_for(by_centre, "pathway__"),
    )


def by_commune(f: StatsFilter, *, by_centre: bool = False) -> Table:
    found = facts(f)
    return count_table(
        found,
        key="inflow_commune",
        title=_("Referrals by commune of residence"),
        row_header=_("Commune"),
        row=F("commune_name"),
        rows={},
        split=fact_split(by_centre),
    )


def by_nationality(f: StatsFilter, *, by_centre: bool = False) -> Table:
    """By the first nationality recorded."""
    found = facts(f)
    return count_table(
        found,
        key="inflow_nationality",
        title=_("Referrals by nationality"),
        row_header=_("Nationality"),
        row=F("nationality"),
        rows={},
        split=fact_split(by_centre),
    )


def by_age(f: StatsFilter, *, by_centre: bool = False) -> Table:
    """Age in years reached in the year of the referral (the birth year is all we publish)."""
    found = facts(f)
    return count_table(
        found,
        key="inflow_age",
        title=_("Referrals by age band"),
        row_header=_("Age"),
        row=F("age_band"),
        rows={index: str(label) for index, label in enumerate(AGE_LABELS)},
        split=fact_split(by_centre),
    )


def by_sex(f: StatsFilter, *, by_centre: bool = False) -> Table:
    found = facts(f)
    return count_table(
        found,
        key="inflow_sex",
        title=_("Referrals by sex"),
        row_header=_("Sex"),
        row=F("sex"),
        rows=dict(Sex.choices),
        split=fact_split(by_centre),
    )
