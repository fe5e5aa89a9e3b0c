"""The filters of the statistics page, read from the querystring (a shareable address)."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.casework.statistics.filters import StatsFilter
from parcours.territory.models import Centre, Commune


class StatisticsForm(forms.Form):
    start = forms.DateField(
        label=_("Start of the period"), required=False, widget=forms.DateInput({"type": "date"})
    )
    end = forms.DateField(
        label=_("End of the period"), required=False, widget=forms.DateInput({"type": "date"})
    )
    centre = forms.ModelChoiceField(
        label=_("Centre"),
        queryset=Centre.objects.order_by("code"),
        required=False,
        empty_label=_("All centres"),
    )
    commune = forms.ModelChoiceField(
        label=_("Commune of residence"),
        queryset=Commune.objects.order_by("name_fr"),
        required=False,
        empty_label=_("All communes"),
    )
    cohort = forms.RegexField(
        label=_("Cohort (referral month)"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        help_text=_("Year and month, e.g. 2026-03."),
        error_messages={"invalid": _("Give a month as year-month, e.g. 2026-03.")},
    )
    compare = forms.BooleanField(label=_("Centres side by side"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user.role != Role.REGION:  # a coordinator sees their own centre only
            del self.fields["centre"]
            del self.fields["compare"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        data["start"] = data.get("start") or date(today.year, 1, 1)
        data["end"] = data.get("end") or today
        if data["start"] > data["end"]:
            self.add_error("end", _("The end of the period must not be before its start."))
        return data

    def stats_filter(self) -> StatsFilter:
        data = self.cleaned_data
        if self.user.role == Role.REGION:
            centres = (data["centre"].pk,) if data.get("centre") else ()
        else:
            centres = (self.user.centre_id,) if self.user.centre_id else (-1,)
        cohort = data.get("cohort")
        return StatsFilter(
            start=data["start"],
            end=data["end"],
            centre_ids=centres,
            commune_id=data["commune"].pk if data.get("commune") else None,
            cohort=date(int(cohort[:4]), int(cohort[5:]), 1) if cohort else None,
        )

    @property
    def side_by_side(self) -> bool:
        return bool(self.cleaned_data.get("compare"))

    def described(self) -> list[tuple[str, str]]:
        """The filters as a reader of an exported file needs them."""
        f, data = self.stats_filter(), self.cleaned_data
        centre = data.get("centre") or (self.user.centre if self.user.role != Role.REGION else None)
        return [
            (str(_("Period")), f"{f.start.isoformat()} – {f.end.isoformat()}"),
            (str(_("Centre")), centre.code if centre else str(_("All centres"))),
            (
                str(_("Commune of residence")),
                data["commune"].name_fr if data.get("commune") else str(_("All communes")),
            ),
            (str(_("Cohort (referral month)")), data.get("cohort") or "—"),
            (str(_("Centres side by side")), str(_("yes")) if self.side_by_side else str(_("no"))),
        ]
