"""Forms of the file's legal adjustments: waivers, suspension and force majeure, referent."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from parcours.accounts.models import User
from parcours.core.forms import date_field
from parcours.pathways.enums import AdjustmentKind
from parcours.pathways.services.waivers import CLOCK_ADJUSTMENTS

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class WaiverForm(forms.Form):
    ground = forms.ChoiceField(label=_("Waiver ground"))
    evidence = forms.CharField(label=_("Evidence (document, date, issuer)"), widget=TEXTAREA)

    def __init__(self, *args: Any, grounds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = grounds  # type: ignore[attr-defined]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why the waiver is withdrawn"), widget=TEXTAREA)


class AdjustmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k.value, k.label) for k in CLOCK_ADJUSTMENTS],
        initial=AdjustmentKind.SUSPENSION,
    )
    starts_on = date_field(_("First day"), required=True)
    until = date_field(_("Last day"), required=True)
    reason = forms.CharField(label=_("Reason and evidence"), widget=TEXTAREA)


class AgentForm(forms.Form):
    agent = forms.ModelChoiceField(
        label=_("Referent agent"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody (unassigned)"),
    )

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = staff  # type: ignore[attr-defined]
        self.fields["agent"].label_from_instance = lambda u: u.full_name or u.email  # type: ignore[attr-defined]
