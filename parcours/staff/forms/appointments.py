"""Staff forms for appointments, sessions, interpreters and the calendar set-up."""

from datetime import date, datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.accounts.models import User
from parcours.appointments.enums import InterpreterMode, InterpreterStatus
from parcours.appointments.models import (
    AppointmentKind,
    Interpreter,
    InterpreterProvider,
    Presenter,
    Room,
)
from parcours.core.forms import GroupedForm
from parcours.core.iso import language_choices
from parcours.territory.enums import Weekday
from parcours.territory.models import Office

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
# How far ahead the staff booking form looks for free slots (a product choice).
BOOKING_HORIZON = timedelta(days=366)


def _languages_without_blank() -> list[tuple[str, str]]:
    return [choice for choice in language_choices() if choice[0]]


class WhenForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE)
    time = forms.TimeField(label=_("Time"), widget=TIME)

    def starts_at(self) -> datetime:
        moment = datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"])
        return timezone.make_aware(moment)


class StaffChoiceField(forms.ModelChoiceField[User]):
    """Staff members by their full name (the e-mail only when no name is recorded)."""

    def label_from_instance(self, obj: User) -> str:
        return str(obj.full_name or obj.email)


class RoomChoiceField(forms.ModelChoiceField[Room]):
    """Rooms as "office — room", so two offices' "Room 1" cannot be confused."""

    def label_from_instance(self, obj: Room) -> str:
        return f"{obj.office.name} — {obj.name}"


class BookingChoiceForm(forms.Form):
    """Step one of booking (a GET form): where, with whom, what, from which day."""

    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none())
    staff = StaffChoiceField(label=_("With"), queryset=User.objects.none())
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=AppointmentKind.objects.all())
    first_day = forms.DateField(label=_("Free slots from"), widget=DATE, required=False)

    def __init__(self, *args: object, offices: object, staff: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["staff"].queryset = staff  # type: ignore[attr-defined]

    def clean_first_day(self) -> date | None:
        day: date | None = self.cleaned_data["first_day"]
        if day is not None and day > timezone.localdate() + BOOKING_HORIZON:
            raise forms.ValidationError(_("Choose a day within the coming year."))
        return day


class SlotForm(forms.Form):
    """Step two: one of the free slots offered, a room of that office, a note."""

    slot = forms.ChoiceField(label=_("Free slot"), widget=forms.RadioSelect)
    room = RoomChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(
        self, *args: object, slots: list[tuple[str, str]], office: Office, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["slot"].choices = slots  # type: ignore[attr-defined]
        rooms = Room.objects.filter(office=office, is_active=True).select_related("office")
        rooms = rooms.order_by("name")
        self.fields["room"].queryset = rooms  # type: ignore[attr-defined]

    def starts_at(self) -> datetime:
        return datetime.fromisoformat(self.cleaned_data["slot"])


class StatusForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), max_length=200, required=False)


class SessionForm(WhenForm, GroupedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none())
    room = RoomChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)
    presenter = forms.ModelChoiceField(
        label=_("Presenter"), queryset=User.objects.none(), required=False
    )
    guest_presenter = forms.ModelChoiceField(
        label=_("Guest presenter (not centre staff)"),
        queryset=Presenter.objects.none(),
        required=False,
    )
    minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=15, max_value=480)
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500)
    language = forms.ChoiceField(
        label=_("Language of the session"), choices=language_choices, initial="fr"
    )
    interpreter_languages = forms.MultipleChoiceField(
        label=_("Interpreting available into"),
        choices=_languages_without_blank,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to choose several languages."),
    )
    counts_as_rights_and_duties = forms.BooleanField(
        label=_("Counts as rights and duties information"), required=False, initial=True
    )
    online_registration = forms.BooleanField(
        label=_("Open to online registration"), required=False, initial=True
    )
    fieldsets = (
        (_("The session"), ("title", "language", "counts_as_rights_and_duties")),
        (_("When"), ("day", "time", "minutes")),
        (_("Place"), ("office", "room", "capacity")),
        (_("Presenters"), ("presenter", "guest_presenter")),
        (_("Interpreting and registration"), ("interpreter_languages", "online_registration")),
    )

    def __init__(self, *args: object, offices: object, staff: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["presenter"].queryset = staff  # type: ignore[attr-defined]
        guests = Presenter.objects.filter(is_active=True, centre__offices__in=offices).distinct()
        self.fields["guest_presenter"].queryset = guests  # type: ignore[attr-defined]
        rooms = Room.objects.filter(office__in=offices, is_active=True).select_related("office")
        self.fields["room"].queryset = rooms  # type: ignore[attr-defined]


class InterpreterRequestForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=language_choices)
    dialect = forms.CharField(label=_("Dialect"), max_length=100, required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=InterpreterMode.choices)
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=InterpreterProvider.objects.all(), required=False
    )


class InterpreterUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=InterpreterStatus.choices)
    interpreter = forms.ModelChoiceField(
        label=_("Interpreter"), queryset=Interpreter.objects.all(), required=False
    )
    contact = forms.CharField(label=_("Interpreter's contact"), max_length=200, required=False)
    provider_reference = forms.CharField(
        label=_("Provider's reference"), max_length=100, required=False
    )


class ClosingDayForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none())
    whole_centre = forms.BooleanField(label=_("The whole centre is closed"), required=False)
    on = forms.DateField(label=_("Date"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args: object, offices: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]


class AvailabilityForm(GroupedForm):
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none())
    staff = forms.ModelChoiceField(label=_("Staff member"), queryset=User.objects.none())
    weekday = forms.TypedChoiceField(label=_("Day"), choices=Weekday.choices, coerce=int)
    starts_at = forms.TimeField(label=_("From"), widget=TIME)
    ends_at = forms.TimeField(label=_("Until"), widget=TIME)
    online = forms.BooleanField(label=_("Open to online booking"), required=False, initial=True)
    fieldsets = (
        (_("Who and where"), ("staff", "office")),
        (_("When"), ("weekday", "starts_at", "ends_at", "online")),
    )

    def __init__(self, *args: object, offices: object, staff: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["staff"].queryset = staff  # type: ignore[attr-defined]


class RoomForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none())
    name = forms.CharField(label=_("Room"), max_length=100)
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500, initial=1)

    def __init__(self, *args: object, offices: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]


class InviteForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none())
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=AppointmentKind.objects.all())
    first_day = forms.DateField(label=_("First day to propose"), widget=DATE)
    days = forms.IntegerField(label=_("Over how many days"), min_value=1, max_value=60, initial=14)

    def __init__(self, *args: object, offices: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
