"""Public online booking of a first welcome appointment; cancel, confirm or move it with
the token of the link received. Personal data only travels in POST bodies, never in URLs
or logs."""

from datetime import datetime

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from parcours.appointments.services.online import (
    BOOKING_WINDOW_DAYS,
    OnlineBooking,
    address_booked,
    address_needs_proof,
    appointment_by_digest,
    booking_window,
    first_welcome_kind,
    online_book,
    online_cancel,
    online_confirm,
    online_move,
    rate_limit_address,
)
from parcours.appointments.slots import SlotDay, free_slots
from parcours.core.errors import DomainError
from parcours.core.http import client_ip
from parcours.core.iso import language_choices
from parcours.core.languages import portal_language_choices
from parcours.core.pow import DIFFICULTY_BITS, challenge_new, solution_valid
from parcours.core.tokens import token_digest
from parcours.public.forms import plausible_birth_date
from parcours.territory.models import Office

# Bounds on a posted time, far outside any slot, so that time arithmetic never overflows.
MIN_YEAR, MAX_YEAR = 2000, 2999
# The session keeps the digest of the manage link's token, never the token itself.
MANAGE_KEY = "manage_digest"


class ContactForm(forms.Form):
    """Who is booking or registering, how to reach them, and the honeypot."""

    family_name = forms.CharField(
        label=_("Family name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    given_names = forms.CharField(
        label=_("Given names"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}),
        validators=[plausible_birth_date],
    )
    phone = forms.CharField(
        label=_("Mobile phone (for an SMS)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    language = forms.ChoiceField(
        label=_("Language for our messages"), choices=portal_language_choices
    )
    # Honeypot: hidden by the stylesheet; people never fill it, robots do.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(_("This booking could not be accepted. Call the centre."))
        if not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("Give a phone number or an e-mail address."))
        return data


class BookingForm(ContactForm):
    slot = forms.DateTimeField(label=_("Time"), widget=forms.HiddenInput, required=False)
    interpreter = forms.TypedChoiceField(
        label=_("Do you need an interpreter at this appointment?"),
        choices=[("no", _("No, I can speak French")), ("yes", _("Yes"))],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        help_text=_("An interpreter is free of charge."),
        required=False,
        initial="no",
    )
    interpreter_language = forms.ChoiceField(
        label=_("In which language?"), choices=language_choices, required=False
    )

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if data.get("interpreter") and not data.get("interpreter_language"):
            self.add_error("interpreter_language", _("Choose the language of the interpreter."))
        return data


def _slots(office: Office) -> list[SlotDay]:
    first, _last = booking_window(timezone.now())
    return free_slots(
        office=office,
        kind=first_welcome_kind(),
        first_day=first,
        days=BOOKING_WINDOW_DAYS,
        now=timezone.now(),
    )


def bookable_ids(offices: list[Office]) -> set[int]:
    """Which of these offices have a free online time in the window."""
    online = set(
        Office.objects.filter(
            pk__in=[o.pk for o in offices], availabilities__online_booking=True
        ).values_list("pk", flat=True)
    )
    return {o.pk for o in offices if o.pk in online and any(d.slots for d in _slots(o))}


def bookable_offices() -> list[Office]:
    """The offices with at least one free online time in the window (the others would lead
    to "no free time")."""
    found = Office.objects.filter(availabilities__online_booking=True).distinct()
    offices = found.select_related("centre", "commune").order_by("centre__name", "name")
    return [office for office in offices if any(day.slots for day in _slots(office))]


def _chosen(request: HttpRequest) -> datetime | None:
    """The time picked in the list (ISO 8601); one without an offset is read in local time.
    Out-of-range years are refused here rather than overflowing later."""
    try:
        moment = datetime.fromisoformat(request.POST.get("choice", ""))
    except ValueError:
        return None
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _address(request: HttpRequest) -> str:
    return client_ip(request)


def address_allowed(request: HttpRequest, form: forms.Form) -> bool:
    """The rate limit per network address, counted on every POST; a refusal is a form error."""
    try:
        rate_limit_address(_address(request))
    except DomainError as error:
        form.is_valid()
        form.add_error(None, str(error.message))
        return False
    return True


@require_GET
def choose_office(request: HttpRequest) -> HttpResponse:
    return render(request, "public/booking/offices.html", {"offices": bookable_offices()})


def _submit(request: HttpRequest, office: Office, form: BookingForm) -> HttpResponse | None:
    starts_at, data = _chosen(request), form.cleaned_data
    if starts_at is None:
        form.add_error(None, _("Choose a time in the list."))
        return None
    booking = OnlineBooking(
        office=office,
        starts_at=starts_at,
        family_name=data["family_name"],
        given_names=data["given_names"],
        birth_date=data["birth_date"],
        phone=data["phone"],
        email=data["email"],
        language=data["language"],
        interpreter_language=data["interpreter_language"] if data["interpreter"] else "",
    )
    try:
        appointment, _token = online_book(booking=booking, now=timezone.now())
    except DomainError as error:
        form.add_error(None, str(error.message))
        return None
    address_booked(_address(request))
    request.session["booked_appointment"] = appointment.pk
    return redirect("public:booking:done")


def proof_given(request: HttpRequest, form: forms.Form) -> bool:
    """Past the bookings an address may make without it, the proof of work must be solved."""
    if not address_needs_proof(_address(request)):
        return True
    if solution_valid(request.POST.get("pow_challenge", ""), request.POST.get("pow_nonce", "")):
        return True
    form.is_valid()
    form.add_error(
        None,
        _(
            "Many bookings were made from this connection. Wait until the page has checked "
            "your phone or computer (a few seconds), then book again."
        ),
    )
    return False


@never_cache
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, office_id: int) -> HttpResponse:
    office = get_object_or_404(Office.objects.select_related("centre", "commune"), pk=office_id)
    form = BookingForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and proof_given(request, form) and form.is_valid():
        done = _submit(request, office, form)
        if done is not None:
            return done
    context = {
        "office": office,
        "days": _slots(office),
        "form": form,
        "chosen": request.POST.get("choice", ""),
        "pow": challenge_new() if address_needs_proof(_address(request)) else "",
        "pow_bits": DIFFICULTY_BITS,
    }
    return render(request, "public/booking/book.html", context, status=400 if form.errors else 200)


@never_cache
@require_GET
def done(request: HttpRequest) -> HttpResponse:
    from parcours.appointments.models import Appointment  # noqa: PLC0415 - read only

    found = Appointment.objects.filter(pk=request.session.get("booked_appointment") or 0)
    appointment = found.select_related("office__commune", "kind", "intake").first()
    if appointment is None:
        return redirect("public:booking:offices")
    return render(request, "public/booking/done.html", {"appointment": appointment})


def no_referrer(response: HttpResponse) -> HttpResponse:
    """The response to the URL that carries a token: no referrer at all."""
    response["Referrer-Policy"] = "no-referrer"
    return response


def same_origin_referrer(response: HttpResponse) -> HttpResponse:
    """The manage pages (no token in their URL): no referrer to any other site. Not
    "no-referrer": browsers then send `Origin: null` with the page's own forms, which the
    CSRF check rightly refuses."""
    response["Referrer-Policy"] = "same-origin"
    return response


def _act(request: HttpRequest, digest: str) -> str:
    action, now = request.POST.get("action"), timezone.now()
    if action == "cancel":
        online_cancel(digest=digest, now=now)
        return str(
            _(
                "Your appointment is cancelled. We sent you a message that says so. "
                "You can book another one at any time."
            )
        )
    if action == "confirm":
        online_confirm(digest=digest, now=now)
        return str(_("Thank you: your appointment is confirmed."))
    starts_at = _chosen(request)
    if action != "move" or starts_at is None:
        raise DomainError(_("Choose a new time in the list."))
    _moved, new_digest = online_move(digest=digest, starts_at=starts_at, now=now)
    request.session[MANAGE_KEY] = new_digest  # the new link's, sent with the new time
    return str(_("Your appointment is moved. We sent you a new confirmation with a new link."))


@never_cache
@require_GET
def manage_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link received: keep the token's digest in the session and leave the URL that
    carries the token at once, so that it stays out of access logs, history and referrers."""
    request.session[MANAGE_KEY] = token_digest(token)
    return no_referrer(redirect("public:booking:manage_current"))


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    digest, message, error = str(request.session.get(MANAGE_KEY, "")), None, None
    if request.method == "POST":
        try:
            message = _act(request, digest)
        except DomainError as problem:
            error = str(problem.message)
    try:
        appointment = appointment_by_digest(str(request.session.get(MANAGE_KEY, "")))
    except DomainError as problem:
        # Just cancelled: one outcome, the cancellation (not "this link is no longer valid").
        spent: dict[str, object] = {
            "message": message,
            "error": None if message else error or str(problem.message),
            "cancelled": bool(message),
        }
        status = 200 if message else 404
        page = render(request, "public/booking/manage.html", spent, status=status)
        return same_origin_referrer(page)
    context = {
        "appointment": appointment,
        "started": appointment.starts_at <= timezone.now(),
        "days": _slots(appointment.office),
        "message": message,
        "error": error,
    }
    return same_origin_referrer(render(request, "public/booking/manage.html", context))
