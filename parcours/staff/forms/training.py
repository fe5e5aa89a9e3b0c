"""The centre's forms on the training tracks: refer to an offer, withdraw an enrolment."""

from django import forms
from django.utils.translation import gettext_lazy as _

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ReferForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the partner (availability, constraints)"),
        max_length=500,
        required=False,
        widget=TEXTAREA,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=TEXTAREA)
