"""Forms of the file: welcome module, agreement, follow-up, certificate, compliance, moves."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from parcours.accounts.models import User
from parcours.core.forms import GroupedForm, date_field
from parcours.pathways import parameters
from parcours.pathways.assessment import STRUCTURED, HealthNeed
from parcours.pathways.enums import (
    ComplianceGround,
    Recipient,
    SanctionDecision,
    SignatureMethod,
    Status,
)
from parcours.pathways.models.welcome import ASSESSMENT_SECTIONS
from parcours.people.enums import CefrLevel
from parcours.rules import RulesError
from parcours.staff.forms.people import letter_language_choices
from parcours.territory.models import Commune, Office
from parcours.training.enums import OverlapChoice, Track
from parcours.training.services.centre_hours import OUTSIDE

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class AssessmentForm(GroupedForm):
    assessed_on = date_field(_("Assessed on"), required=True)
    tracks_needed = forms.MultipleChoiceField(
        label=_("Tracks the person needs"),
        choices=Track.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    children_count = forms.IntegerField(
        label=_("Number of children"), min_value=0, max_value=30, required=False
    )
    fieldsets = (
        (_("The assessment"), ("assessed_on",)),
        (
            _("Schooling and diplomas"),
            ("schooling_level", "diploma_equivalence", "schooling"),
        ),
        (_("Work and training"), ("employment", "experience", "training_wishes")),
        (_("Languages"), ("languages",)),
        (
            _("Housing and family"),
            (
                "housing_kind",
                "housing",
                "family_situation",
                "children_count",
                "situation",
                "children",
            ),
        ),
        (_("Administrative needs"), ("administrative_needs",)),
        (_("Agreement"), ("tracks_needed",)),
    )
    _STRUCTURED_LABELS = {
        "schooling_level": _("Schooling level"),
        "diploma_equivalence": _("Diplomas and equivalence"),
        "employment": _("Employment situation"),
        "housing_kind": _("Housing situation"),
        "family_situation": _("Family situation"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in ASSESSMENT_SECTIONS:
            self.fields[name] = forms.CharField(
                label=_("%(section)s: notes") % {"section": label},
                required=False,
                widget=TEXTAREA,
            )
        for name, choices in STRUCTURED.items():
            self.fields[name] = forms.ChoiceField(
                label=self._STRUCTURED_LABELS[name],
                choices=[("", _("Not asked")), *choices.choices],
                required=False,
            )

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name, _label in ASSESSMENT_SECTIONS}

    def answers(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in STRUCTURED}


class HealthForm(forms.Form):
    """On the audited health page only (special-category data, GDPR art. 9)."""

    needs = forms.MultipleChoiceField(
        label=_("Health needs to take into account"),
        choices=HealthNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Health (special-category data: the centre's staff only)"),
        required=False,
        max_length=5000,
        widget=TEXTAREA,
    )
    clear = forms.BooleanField(label=_("Clear the note"), required=False)


class RightsForm(forms.Form):
    given_on = date_field(_("Given on"), required=True)
    language = forms.ChoiceField(label=_("Language"), choices=letter_language_choices, initial="fr")
    themes = forms.CharField(label=_("Themes"), max_length=300, required=False)


class FrenchTestForm(forms.Form):
    tested_on = date_field(_("Tested on"), required=True)
    level = forms.ChoiceField(label=_("CEFR level"), choices=CefrLevel.choices)
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)


class HelpForm(forms.Form):
    helped_on = date_field(_("On"), required=True)
    what = forms.CharField(label=_("What"), max_length=300)
    referred_to = forms.CharField(label=_("Referred to"), max_length=200, required=False)


class DayForm(forms.Form):
    on = date_field(_("Date"), required=True)


class AgreementDraftForm(forms.Form):
    on = date_field(_("Starts on"), required=True)
    tracks = forms.MultipleChoiceField(
        label=_("Tracks"),
        help_text=_("The compulsory tracks are always included."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class SignForm(forms.Form):
    signed_on = date_field(_("Signed on"), required=True)
    method = forms.ChoiceField(label=_("Signed"), choices=SignatureMethod.choices)
    scan = forms.FileField(label=_("Scan of the signed paper"), required=False)


class HoursForm(GroupedForm):
    """An attestation of hours for a period, from a body of the file or one outside Parcours."""

    track = forms.ChoiceField(label=_("Track"), choices=Track.choices)
    body = forms.ChoiceField(label=_("Body that issued the attestation"))
    outside_body = forms.CharField(
        label=_("Name of the body outside Parcours"),
        max_length=200,
        required=False,
        help_text=_("Only for a body outside Parcours, e.g. “Le Forem — Mons”."),
    )
    period_from = date_field(_("Period from"), required=True)
    attended_on = date_field(_("Period up to"), required=True)
    hours = forms.DecimalField(
        label=_("Hours attested for the period"), min_value=0, max_digits=6, decimal_places=2
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    overlap = forms.ChoiceField(
        label=_("Hours already recorded in the period"),
        choices=OverlapChoice.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Asked only when the period holds hours already recorded for the track."),
    )
    fieldsets = (
        (_("The attestation"), ("track", "body", "outside_body")),
        (_("Period and hours"), ("period_from", "attended_on", "hours", "note", "overlap")),
    )

    def __init__(self, *args: Any, bodies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["body"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [*bodies, (OUTSIDE, _("A body outside Parcours (name below)"))]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("attended_on")
        if start and end and start > end:
            self.add_error("period_from", _("The period ends before it starts."))
        if data.get("body") == OUTSIDE and not data.get("outside_body", "").strip():
            self.add_error("outside_body", _("Give the name of the body."))
        return data


class EvaluationForm(GroupedForm):
    held_on = date_field(_("Held on"), required=True)
    access_to_training = forms.CharField(label=_("Access to the trainings"), widget=TEXTAREA)
    attendance = forms.CharField(label=_("Attendance"), widget=TEXTAREA)
    absence_reasons = forms.CharField(
        label=_("Reasons for absence"), required=False, widget=TEXTAREA
    )
    agreed_changes = forms.CharField(
        label=_("Changes agreed (e.g. A2 reached)"), required=False, widget=TEXTAREA
    )
    french_level = forms.ChoiceField(
        label=_("French level reached"), choices=[("", "—"), *CefrLevel.choices], required=False
    )
    extension_months = forms.IntegerField(
        label=_("Extension needed (months)"), min_value=1, required=False
    )
    extension_reason = forms.CharField(
        label=_("Why an extension is needed"), required=False, widget=TEXTAREA
    )
    fieldsets = (
        (_("The interview"), ("held_on",)),
        (
            _("How the agreement is followed"),
            ("access_to_training", "attendance", "absence_reasons"),
        ),
        (_("Changes agreed"), ("agreed_changes", "french_level")),
        (_("Extension"), ("extension_months", "extension_reason")),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        months, held_on = data.get("extension_months"), data.get("held_on")
        if months and held_on:
            try:
                most = parameters.number("certificate_delay_extended_maximum", held_on)
            except RulesError:
                return data  # the service explains that no rule is in force
            if months > most:
                self.add_error(
                    "extension_months",
                    _("At most %(n)s months (the longest delay the decree allows).") % {"n": most},
                )
        return data


class ConvocationForm(GroupedForm):
    """The interview goes in the agenda of the office and staff member chosen (an
    appointment of kind "evaluation"); a place elsewhere is only written on the letter."""

    meeting_at = forms.DateTimeField(
        label=_("Interview on"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    office = forms.ModelChoiceField(
        label=_("Office (the interview goes in its agenda)"),
        queryset=Office.objects.none(),
        required=False,
    )
    staff = forms.ModelChoiceField(
        label=_("Staff member who holds the interview"),
        queryset=User.objects.none(),
        required=False,
    )
    place = forms.CharField(
        label=_("Place, if not at an office"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to write the office's address on the letter."),
    )

    sent_on = date_field(_("Sent on"))
    backdated_because = forms.CharField(
        label=_("Why an earlier sending date (coordinators only)"),
        help_text=_("Only when the letter left before today."),
        max_length=300,
        required=False,
    )
    fieldsets = (
        (_("The interview"), ("meeting_at", "office", "staff", "place")),
        (_("The letter"), ("sent_on", "backdated_because")),
    )

    def __init__(self, *args: Any, offices: Any = None, staff: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if offices is not None:
            self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        if staff is not None:
            self.fields["staff"].queryset = staff  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("office") and not data.get("place"):
            raise forms.ValidationError(_("Choose the office, or give the place of the interview."))
        return data


class ReasonForm(forms.Form):
    on = date_field(_("Date"), required=True)
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA)


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    reason = forms.CharField(label=_("Why"), widget=TEXTAREA)


class ComplianceForm(forms.Form):
    ground = forms.ChoiceField(label=_("Ground"), choices=ComplianceGround.choices)
    on = date_field(_("Detected on"), required=True)
    reason = forms.CharField(label=_("What happened"), widget=TEXTAREA)


class ReminderForm(forms.Form):
    on = date_field(_("Sent on"), required=True)
    proof = forms.CharField(
        label=_("Proof of sending"),
        help_text=_("Registered-mail number, or the e-mail or SMS delivery record."),
        max_length=200,
        required=False,
    )
    backdated_because = forms.CharField(
        label=_("Why an earlier sending date (coordinators only)"),
        help_text=_("Only when the letter left before today."),
        max_length=300,
        required=False,
    )


class NoticeForm(ReminderForm):
    explain_by = date_field(_("Explanation due by"), required=True)


class AnswerForm(forms.Form):
    on = date_field(_("Received on"), required=True)
    answer = forms.CharField(label=_("What the person answered"), widget=TEXTAREA)


class ReportForm(forms.Form):
    on = date_field(_("Reported on"), required=True)
    summary = forms.CharField(label=_("Summary for the Region"), widget=TEXTAREA)


class DecisionForm(forms.Form):
    """The Region's decision on a sanction file; the range of the fine is the service's."""

    decision = forms.ChoiceField(label=_("Decision"), choices=SanctionDecision.choices)
    fine_amount = forms.DecimalField(
        label=_("Fine (euros)"),
        required=False,
        max_digits=8,
        decimal_places=2,
        min_value=0,
        localize=True,
        help_text=_("Only for a fine."),
    )
    decided_on = date_field(_("Decided on"), required=True)
    notified_on = date_field(_("Notified to the person on"))


class AppealForm(forms.Form):
    lodged_on = date_field(_("Appeal lodged on"), required=True)
    outcome = forms.CharField(label=_("Outcome of the appeal"), widget=TEXTAREA, required=False)


class NotificationForm(forms.Form):
    recipient = forms.ChoiceField(label=_("To"), choices=Recipient.choices)
    what = forms.CharField(label=_("What was sent"), max_length=300)
    sent_on = date_field(_("Sent on"), required=True)


class TransferForm(GroupedForm):
    """The person moved to a commune another centre serves: the new address, the date."""

    commune = forms.ModelChoiceField(label=_("New commune"), queryset=Commune.objects.none())
    street = forms.CharField(label=_("Street and number"), max_length=200)
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^\d{4}$",
        error_messages={"invalid": _("A Belgian postal code has 4 digits.")},
    )
    moved_on = date_field(_("Moved on"), required=True)
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA)
    fieldsets = (
        (_("New address"), ("commune", "street", "postal_code")),
        (_("The move"), ("moved_on", "reason")),
    )

    def __init__(self, *args: Any, centre_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["commune"]
        field.queryset = (  # type: ignore[attr-defined]
            Commune.objects.filter(centre__isnull=False, valid_until__isnull=True)
            .exclude(centre_id=centre_id)
            .select_related("centre")
            .order_by("name_fr")
        )
        field.label_from_instance = lambda c: f"{c.name_fr} ({c.centre.code})"  # type: ignore[attr-defined]


class RefuseTransferForm(forms.Form):
    answer = forms.CharField(label=_("Why the file stays here"), widget=TEXTAREA)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file from the commune"))
    referring_commune = forms.ModelChoiceField(
        label=_("Referred by the commune of"), queryset=Commune.objects.none()
    )
