"""The newcomer's personal space: enter with a one-time code (no password), see one's
appointments, deadlines, hours and documents, and download the data held (subject access).

A shared phone is expected: every page is `no-store`, the code field is not remembered, the
session ends after SPACE_IDLE_MINUTES without a click and with the "Leave" button."""

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from parcours.appointments.services.online import appointment_manage_digest
from parcours.audit.enums import AccessKind
from parcours.audit.services import access_record
from parcours.casework.documents import agreement_pdf
from parcours.casework.space import (
    own_agreement,
    own_appointment,
    own_certificate,
    person_space,
)
from parcours.casework.subject_access import subject_access_json, subject_access_pdf
from parcours.certificates.documents import certificate_pdf
from parcours.core.errors import DomainError
from parcours.core.http import client_ip, pdf_response
from parcours.people.models import Person
from parcours.people.privacy import Channel, privacy_acknowledge, privacy_current
from parcours.people.space import (
    CODE_MINUTES,
    contact_parse,
    space_code_check,
    space_code_request,
)
from parcours.public.forms import plausible_birth_date
from parcours.public.views.booking import MANAGE_KEY

SPACE_IDLE_MINUTES = 30
PENDING_KEY, SPACE_KEY = "space_pending", "space"

View = Callable[..., HttpResponse]


class EnterForm(forms.Form):
    contact = forms.CharField(
        label=_("E-mail address or mobile number"),
        max_length=200,
        help_text=_("The one the centre has for you."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "off"}),
        validators=[plausible_birth_date],
    )


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code received"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("The code has 6 digits.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "inputmode": "numeric",
                "maxlength": "6",
                "pattern": "[0-9]{6}",
            }
        ),
    )


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _now_stamp() -> str:
    return timezone.now().isoformat()


def _person(request: HttpRequest) -> Person | None:
    """The person of this session, while the session is fresh (idle less than 30 minutes)."""
    held = request.session.get(SPACE_KEY) or {}
    try:
        seen = datetime.fromisoformat(str(held.get("seen", "")))
    except ValueError:
        return None
    if timezone.now() - seen > timedelta(minutes=SPACE_IDLE_MINUTES):
        request.session.pop(SPACE_KEY, None)
        return None
    person_id = held.get("person")
    if not isinstance(person_id, int):
        return None
    person = Person.objects.filter(pk=person_id, merged_into__isnull=True).first()
    if person is not None:
        request.session[SPACE_KEY] = {"person": person.pk, "seen": _now_stamp()}
    return person


def space_view(view: View) -> View:
    """A page of the space: the session's person, or back to the door."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        had_session = SPACE_KEY in request.session
        person = _person(request)
        if person is None:
            if had_session:
                request.session.pop(SPACE_KEY, None)
                messages.info(request, _("Your session has ended. Enter again with a new code."))
            return _private(redirect("public:space:enter"))
        return _private(view(request, person, *args, **kwargs))

    return never_cache(wrapper)


@never_cache
@require_http_methods(["GET", "POST"])
def enter(request: HttpRequest) -> HttpResponse:
    form = EnterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = contact_parse(form.cleaned_data["contact"])
            lookup = space_code_request(
                contact=contact,
                birth_date=form.cleaned_data["birth_date"],
                address=client_ip(request),
                now=timezone.now(),
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            request.session[PENDING_KEY] = lookup
            return _private(redirect("public:space:code"))
    status = 400 if form.errors else 200
    return _private(render(request, "public/space/enter.html", {"form": form}, status=status))


@never_cache
@require_http_methods(["GET", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    lookup = str(request.session.get(PENDING_KEY, ""))
    if not lookup:
        return _private(redirect("public:space:enter"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = space_code_check(
                lookup=lookup, code=form.cleaned_data["code"], now=timezone.now()
            )
        except DomainError as error:
            form.add_error("code", str(error.message))
        else:
            request.session.cycle_key()  # a new session id once the person is known
            request.session.pop(PENDING_KEY, None)
            request.session[SPACE_KEY] = {"person": person.pk, "seen": _now_stamp()}
            return _private(redirect("public:space:home"))
    context = {"form": form, "minutes": CODE_MINUTES}
    status = 400 if form.errors else 200
    return _private(render(request, "public/space/code.html", context, status=status))


@space_view
@require_GET
def home(request: HttpRequest, person: Person) -> HttpResponse:
    access_record(user=None, person=person, what=AccessKind.PERSONAL_SPACE)
    today = timezone.localdate()
    space = person_space(person=person, today=today)
    context = {
        "space": space,
        "today": today,
        "idle_minutes": SPACE_IDLE_MINUTES,
        "privacy": privacy_current(person),
    }
    return render(request, "public/space/home.html", context)


@require_POST
@space_view
def privacy_read(request: HttpRequest, person: Person) -> HttpResponse:
    """ "I have read the privacy notice": recorded with its version and the page's language."""
    try:
        privacy_acknowledge(
            person=person,
            language=get_language() or "fr",
            channel=Channel.SPACE,
            now=timezone.now(),
            actor=None,
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Thank you: your reading of the privacy notice is recorded."))
    return redirect("public:space:home")


@require_POST
@space_view
def manage_appointment(request: HttpRequest, person: Person, appointment_id: int) -> HttpResponse:
    """Confirm, move or cancel: the manage page of the booking link, for this appointment."""
    appointment = own_appointment(person, appointment_id)
    if appointment is None:
        messages.error(request, _("This appointment cannot be changed online any more."))
        return redirect("public:space:home")
    request.session[MANAGE_KEY] = appointment_manage_digest(appointment=appointment)
    return redirect("public:booking:manage_current")


@space_view
@require_GET
def agreement_document(request: HttpRequest, person: Person, version: int) -> HttpResponse:
    agreement = own_agreement(person, version)
    if agreement is None:
        return redirect("public:space:home")
    access_record(user=None, person=person, what=AccessKind.AGREEMENT_PDF)
    return pdf_response(agreement_pdf(agreement), f"agreement-v{agreement.version}.pdf")


@space_view
@require_GET
def certificate_document(request: HttpRequest, person: Person, certificate_id: int) -> HttpResponse:
    certificate = own_certificate(person, certificate_id)
    if certificate is None:
        return redirect("public:space:home")
    access_record(user=None, person=person, what=AccessKind.CERTIFICATE_PDF)
    url = request.build_absolute_uri(reverse("verify:verify", args=[certificate.code]))
    return pdf_response(certificate_pdf(certificate, url), f"{certificate.number}.pdf")


@space_view
@require_GET
def data_json(request: HttpRequest, person: Person) -> HttpResponse:
    response = HttpResponse(
        subject_access_json(person=person, user=None), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@space_view
@require_GET
def data_pdf(request: HttpRequest, person: Person) -> HttpResponse:
    return pdf_response(subject_access_pdf(person=person, user=None), "my-data.pdf")


@never_cache
@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    request.session.flush()
    messages.success(request, _("You have left your personal space."))
    return _private(redirect("public:space:enter"))
