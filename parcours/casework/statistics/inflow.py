"""Inflow: the files opened by a referral in the period, by month, source, commune,
nationality, age band and sex (a transfer's new file is not inflow)."""

from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils.translation import gettext_lazy as _

from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.split import count_table, split_for
from parcours.casework.statistics.table import Table
from parcours.pathways.enums import ReferralSource
from parcours.pathways.models import Pathway, Referral
from parcours.people.enums import Sex

AGE_LIMITS = (18, 25, 35, 45, 55, 65)
AGE_LABELS = (_("Under 18"), "18–24", "25–34", "35–44", "45–54", "55–64", _("65 and over"))


def by_month(f: StatsFilter, *, by_centre: bool = False) -> Table:
    found = Pathway.objects.filter(f.referred_in_period())
    return count_table(
        found,
        key="inflow_month",
        title=_("Referrals by month"),
        row_header=_("Month"),
        row=TruncMonth("referred_on"),
        rows={},
        split=split_for(by_centre),
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
    found = Pathway.objects.filter(f.referred_in_period())
    return count_table(
        found,
        key="inflow_commune",
        title=_("Referrals by commune of residence"),
        row_header=_("Commune"),
        row=F("person__commune__name_fr"),
        rows={},
        split=split_for(by_centre),
    )


def by_nationality(f: StatsFilter, *, by_centre: bool = False) -> Table:
    """By the first nationality recorded."""
    found = Pathway.objects.filter(f.referred_in_period())
    return count_table(
        found,
        key="inflow_nationality",
        title=_("Referrals by nationality"),
        row_header=_("Nationality"),
        row=KeyTextTransform("0", "person__nationalities"),
        rows={},
        split=split_for(by_centre),
    )


def by_age(f: StatsFilter, *, by_centre: bool = False) -> Table:
    """Age in years reached in the year of the referral (the birth year is all we publish)."""
    age = ExtractYear("referred_on") - ExtractYear("person__birth_date")
    whens = [When(age__lt=limit, then=Value(index)) for index, limit in enumerate(AGE_LIMITS)]
    band = Case(*whens, default=Value(len(AGE_LIMITS)), output_field=IntegerField())
    found = Pathway.objects.filter(f.referred_in_period()).alias(age=age)
    return count_table(
        found,
        key="inflow_age",
        title=_("Referrals by age band"),
        row_header=_("Age"),
        row=band,
        rows={index: str(label) for index, label in enumerate(AGE_LABELS)},
        split=split_for(by_centre),
    )


def by_sex(f: StatsFilter, *, by_centre: bool = False) -> Table:
    found = Pathway.objects.filter(f.referred_in_period())
    return count_table(
        found,
        key="inflow_sex",
        title=_("Referrals by sex"),
        row_header=_("Sex"),
        row=F("person__sex"),
        rows=dict(Sex.choices),
        split=split_for(by_centre),
    )
