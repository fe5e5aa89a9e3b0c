"""A coordinator's management forms: partner bodies, their offers, accounts, rooms and
presenters. Each says its sections (`fieldsets`), which the template draws as fieldsets."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from parcours.accounts.enums import Role
from parcours.core.forms import DateListField, GroupedForm, date_field
from parcours.core.iso import language_choices
from parcours.territory.enums import Weekday
from parcours.territory.models import Centre, Commune, Office
from parcours.training.enums import OfferLevel, Track
from parcours.training.models import Partner

BLANK = ("", "—")


def _communes() -> QuerySet[Commune]:
    return Commune.objects.filter(valid_until__isnull=True).order_by("name_fr")


class PartnerForm(GroupedForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    commune = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.none(), required=False, empty_label="—"
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    gives_french = forms.BooleanField(label=_("French as a foreign language"), required=False)
    gives_citizenship = forms.BooleanField(label=_("Citizenship"), required=False)
    gives_job_orientation = forms.BooleanField(label=_("Job orientation (ISP)"), required=False)
    outside_parcours = forms.BooleanField(
        label=_("Has no account in Parcours (the centre records the hours its attestations prove)"),
        required=False,
    )
    centres = forms.ModelMultipleChoiceField(
        label=_("Centres it works with"),
        queryset=Centre.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    fieldsets = (
        (_("The body"), ("name", "street", "commune", "contact_email", "phone")),
        (
            _("Tracks it gives"),
            ("gives_french", "gives_citizenship", "gives_job_orientation", "outside_parcours"),
        ),
        (_("Centres"), ("centres",)),
    )

    def __init__(self, *args: Any, for_admin: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = _communes()  # type: ignore[attr-defined]
        if for_admin:
            self.fields["centres"].queryset = Centre.objects.order_by("name")  # type: ignore[attr-defined]
        else:
            del self.fields["centres"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        tracks = ("gives_french", "gives_citizenship", "gives_job_orientation")
        if not any(data.get(name) for name in tracks):
            self.add_error("gives_french", _("Tick at least one track the partner body gives."))
        return data


class JoinForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("A partner body already in Parcours"),
        queryset=Partner.objects.none(),
        empty_label="—",
    )

    def __init__(self, *args: Any, partners: QuerySet[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners  # type: ignore[attr-defined]


class OfferForm(GroupedForm):
    track = forms.ChoiceField(label=_("Track"), choices=Track.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    commune = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.none(), empty_label="—"
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Session days"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    schedule = forms.CharField(
        label=_("Hours"),
        max_length=200,
        required=False,
        help_text=_("For example: 9:00–12:00, or Monday 9:00–12:00 and Thursday 13:00–16:00"),
    )
    runs_from = date_field(_("Runs from"))
    runs_until = date_field(_("Runs until"))
    start_dates = DateListField(
        label=_("Start dates of new groups"),
        required=False,
        help_text=_("dd/mm/yyyy, separated by commas"),
    )
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=1000)
    waiting_weeks = forms.IntegerField(
        label=_("Usual waiting time (weeks)"), min_value=0, max_value=520, required=False
    )
    level_from = forms.ChoiceField(
        label=_("Level from (French)"), choices=[BLANK, *OfferLevel.choices], required=False
    )
    level_to = forms.ChoiceField(
        label=_("Level to (French)"), choices=[BLANK, *OfferLevel.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Language of instruction"),
        choices=(),
        required=False,
        help_text=_("Required for a citizenship course."),
    )
    is_open = forms.BooleanField(label=_("Active: takes referrals"), required=False, initial=True)

    fieldsets = (
        (_("The course"), ("track", "title", "level_from", "level_to", "language")),
        (_("Place"), ("street", "commune")),
        (_("Schedule"), ("weekdays", "schedule", "runs_from", "runs_until", "start_dates")),
        (_("Seats"), ("capacity", "waiting_weeks", "is_open")),
    )

    def __init__(self, *args: Any, tracks: list[Track] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = _communes()  # type: ignore[attr-defined]
        self.fields["language"].choices = language_choices()  # type: ignore[attr-defined]
        if tracks is not None:
            self.fields["track"].choices = [(t.value, t.label) for t in tracks]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("runs_from"), data.get("runs_until")
        if start and end and end < start:
            self.add_error("runs_until", _("The offer must end after it starts."))
        if data.get("track") == Track.CITIZENSHIP and not data.get("language"):
            self.add_error("language", _("Give the language of instruction of the course."))
        return data


class InviteForm(GroupedForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Role.AGENT, Role.AGENT.label),
            (Role.COORDINATOR, Role.COORDINATOR.label),
            (Role.PARTNER, Role.PARTNER.label),
            (Role.COMMUNE, Role.COMMUNE.label),
        ],
        widget=forms.RadioSelect,
    )
    partner = forms.ModelChoiceField(
        label=_("Partner body (for a partner account)"),
        queryset=Partner.objects.none(),
        required=False,
        empty_label="—",
    )
    commune = forms.ModelChoiceField(
        label=_("Commune (for a commune account)"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label="—",
    )

    fieldsets = (
        (_("The person"), ("full_name", "email")),
        (_("What the account works for"), ("role", "partner", "commune")),
    )

    def __init__(
        self,
        *args: Any,
        partners: QuerySet[Partner],
        communes: QuerySet[Commune],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners  # type: ignore[attr-defined]
        self.fields["commune"].queryset = communes  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if role == Role.PARTNER and not data.get("partner"):
            self.add_error("partner", _("Choose the partner body of this account."))
        if role == Role.COMMUNE and not data.get("commune"):
            self.add_error("commune", _("Choose the commune of this account."))
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(Role.AGENT, Role.AGENT.label), (Role.COORDINATOR, Role.COORDINATOR.label)],
    )


class RoomForm(GroupedForm):
    office = forms.ModelChoiceField(
        label=_("Office"), queryset=Office.objects.none(), empty_label="—"
    )
    name = forms.CharField(label=_("Name of the room"), max_length=100)
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500, initial=1)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    fieldsets = ((_("The room"), ("office", "name", "seats", "is_active")),)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]


class PresenterForm(GroupedForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    is_active = forms.BooleanField(label=_("Presents sessions"), required=False, initial=True)

    fieldsets = (
        (_("The presenter"), ("full_name", "organisation")),
        (_("Contact"), ("email", "phone")),
        (_("Status"), ("is_active",)),
    )
