"""Forms of the partner area and of the centre's referral page."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.core.forms import DateListField, GroupedForm, date_field
from parcours.core.iso import language_choices
from parcours.people.enums import CefrLevel
from parcours.territory.models import Commune
from parcours.training.enums import Answer, OfferLevel, ProofKind, Track

TEXTAREA = forms.Textarea(attrs={"rows": 3})
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class OfferForm(GroupedForm):
    track = forms.ChoiceField(label=_("Track"), choices=Track.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Commune.objects.none())
    schedule = forms.CharField(
        label=_("Schedule"),
        max_length=200,
        required=False,
        help_text=_("For example: Monday and Thursday, 9:00–12:00"),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Session days (columns of the class grid)"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start_dates = DateListField(
        label=_("Start dates"), required=False, help_text=_("dd/mm/yyyy, separated by commas")
    )
    runs_from = date_field(_("Runs from"))
    runs_until = date_field(_("Runs until"))
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=1000)
    level_from = forms.ChoiceField(
        label=_("Level from (French)"), choices=[("", "—"), *OfferLevel.choices], required=False
    )
    level_to = forms.ChoiceField(
        label=_("Level to (French)"), choices=[("", "—"), *OfferLevel.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Language of instruction (citizenship)"),
        choices=language_choices,
        required=False,
    )
    waiting_weeks = forms.IntegerField(
        label=_("Usual waiting time (weeks)"), min_value=0, max_value=520, required=False
    )
    is_open = forms.BooleanField(label=_("Takes referrals"), required=False, initial=True)
    fieldsets = (
        (_("The course"), ("track", "title", "level_from", "level_to", "language")),
        (_("Place"), ("street", "commune")),
        (_("Schedule"), ("weekdays", "schedule", "runs_from", "runs_until", "start_dates")),
        (_("Seats"), ("capacity", "waiting_weeks", "is_open")),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["commune"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = Commune.objects.filter(valid_until__isnull=True).order_by("name_fr")


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Answer"), choices=Answer.choices, widget=forms.RadioSelect)
    starts_on = date_field(_("Start date (if accepted)"))
    expected_start_on = date_field(_("Expected start (waiting list)"))
    reason = forms.CharField(
        label=_("Reason (required to refuse)"), required=False, widget=TEXTAREA, max_length=1000
    )


class PersonHoursForm(forms.Form):
    attended_on = date_field(_("Date"), required=True)
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0, max_value=24, decimal_places=2, max_digits=4
    )
    note = forms.CharField(label=_("Note (for a correction: why)"), max_length=200, required=False)


class AttestationForm(forms.Form):
    file = forms.FileField(label=_("Attestation (PDF or JPEG, 5 MB at most)"))
    note = forms.CharField(label=_("Period or note"), max_length=200, required=False)


class LevelForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Level reached"),
        choices=[(c, label) for c, label in CefrLevel.choices if c != CefrLevel.BELOW_A1],
    )
    reached_on = date_field(_("Reached on"), required=True)
    proof_kind = forms.ChoiceField(label=_("Proof"), choices=ProofKind.choices)
    proof = forms.FileField(label=_("Test result or attestation (PDF or JPEG)"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))
