"""Public registration for collective sessions (rights and duties): the coming sessions of a
centre with the seats left, a registration form (a seat, or the waiting list when full), and
the token link to cancel. Personal data only travels in POST bodies, never in URLs or logs."""

from dataclasses import dataclass

from django import forms
from django.conf.locale import LANG_INFO
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from parcours.appointments.enums import SeatStatus
from parcours.appointments.models import CollectiveSession, Seat
from parcours.appointments.selectors import centres_with_open_sessions, sessions_open_online
from parcours.appointments.services.online import Applicant
from parcours.appointments.services.online_sessions import (
    OnlineRegistration,
    online_register,
    online_seat_cancel,
    seat_by_digest,
)
from parcours.appointments.services.sessions import waiting_position
from parcours.core.errors import DomainError
from parcours.core.iso import language_name as iso_language_name
from parcours.core.tokens import token_digest
from parcours.public.labels import language_label
from parcours.public.views.booking import (
    ContactForm,
    address_allowed,
    no_referrer,
    same_origin_referrer,
)
from parcours.territory.models import Centre

SESSION_KEY = "registered_seat"
# The session keeps the digest of the manage link's token, never the token itself.
MANAGE_KEY = "seat_manage_digest"


def language_name(code: str) -> str:
    """A language named in the page's language: the portal's languages from its catalogue,
    the others from the ISO names (an unknown code is shown as is)."""
    return language_label(code) or iso_language_name(code)


def own_name(code: str) -> str:
    """A language in its own name ("français"), empty when unknown."""
    return str(LANG_INFO.get(code, {}).get("name_local", ""))


@dataclass(frozen=True)
class LanguageName:
    code: str
    name: str  # in the page's language
    own: str  # in the language itself, empty when it is the same word or unknown


def _language(code: str) -> LanguageName:
    name, own = language_name(code), own_name(code)
    return LanguageName(code, name, "" if own.casefold() == name.casefold() else own)


@dataclass(frozen=True)
class SessionRow:
    session: CollectiveSession
    language: LanguageName
    interpreting: list[LanguageName]


def _row(session: CollectiveSession) -> SessionRow:
    names = [_language(code) for code in session.interpreter_languages]
    return SessionRow(session, _language(session.language), names)


class RegistrationForm(ContactForm):
    interpreter_language = forms.ChoiceField(
        label=gettext_lazy("Interpreting"), required=False, choices=()
    )

    def __init__(self, *args: object, session: CollectiveSession, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["interpreter_language"]
        if not session.interpreter_languages:
            del self.fields["interpreter_language"]
            return
        none = ("", gettext_lazy("I do not need an interpreter"))
        codes = session.interpreter_languages
        field.choices = [none, *((code, language_name(code)) for code in codes)]  # type: ignore[attr-defined]


@require_GET
def centres(request: HttpRequest) -> HttpResponse:
    found = centres_with_open_sessions(now=timezone.now())
    return render(request, "public/sessions/centres.html", {"centres": found})


@require_GET
def centre_sessions(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = get_object_or_404(Centre, pk=centre_id)
    found = sessions_open_online(now=timezone.now(), centre_id=centre.pk)
    rows = [_row(session) for session in found[:50]]
    return render(request, "public/sessions/list.html", {"centre": centre, "rows": rows})


def _open_session(session_id: int) -> CollectiveSession:
    found = sessions_open_online(now=timezone.now()).filter(pk=session_id).first()
    if found is None:
        raise Http404
    return found


def _submit(request: HttpRequest, session: CollectiveSession, form: RegistrationForm) -> bool:
    data = form.cleaned_data
    applicant = Applicant(
        family_name=data["family_name"],
        given_names=data["given_names"],
        birth_date=data["birth_date"],
        phone=data["phone"],
        email=data["email"],
        language=data["language"],
    )
    registration = OnlineRegistration(
        session=session,
        applicant=applicant,
        interpreter_language=data.get("interpreter_language") or "",
    )
    try:
        seat, _token = online_register(registration=registration, now=timezone.now())
    except DomainError as error:
        form.add_error(None, str(error.message))
        return False
    request.session[SESSION_KEY] = seat.pk
    return True


@never_cache
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _open_session(session_id)
    data = request.POST if request.method == "POST" else None
    form = RegistrationForm(data, session=session, initial={"language": get_language()})
    submitted = data is not None and address_allowed(request, form) and form.is_valid()
    if submitted and _submit(request, session, form):
        return redirect("public:booking:session_done")
    context = {"row": _row(session), "session": session, "form": form}
    status = 400 if form.errors else 200
    return render(request, "public/sessions/register.html", context, status=status)


@never_cache
@require_GET
def registered(request: HttpRequest) -> HttpResponse:
    found = Seat.objects.filter(pk=request.session.get(SESSION_KEY) or 0)
    seat = found.select_related("session__office__commune").first()
    if seat is None:
        return redirect("public:booking:sessions")
    position = waiting_position(seat) if seat.status == SeatStatus.WAITING else 0
    context = {"seat": seat, "session": seat.session, "position": position}
    return render(request, "public/sessions/done.html", context)


def _cancel(request: HttpRequest, digest: str) -> HttpResponse:
    page = "public/sessions/manage.html"
    try:
        seat = online_seat_cancel(digest=digest, now=timezone.now())
    except DomainError as problem:
        failed = {"error": str(problem.message)}
        return render(request, page, failed, status=problem.status_code)
    message = _("Your registration is cancelled. Thank you for freeing the seat.")
    return render(request, page, {"message": message, "centre_id": seat.session.centre_id})


@never_cache
@require_GET
def manage_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link received: keep the token's digest in the session, leave the token's URL."""
    request.session[MANAGE_KEY] = token_digest(token)
    return no_referrer(redirect("public:booking:seat_manage_current"))


def _page(request: HttpRequest, digest: str) -> HttpResponse:
    try:
        seat = seat_by_digest(digest)
    except DomainError as problem:
        failed = {"error": str(problem.message)}
        return render(request, "public/sessions/manage.html", failed, status=404)
    context: dict[str, object] = {"seat": seat, "session": seat.session, "row": _row(seat.session)}
    if seat.status == SeatStatus.WAITING:
        context["position"] = waiting_position(seat)
    return render(request, "public/sessions/manage.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    digest = str(request.session.get(MANAGE_KEY, ""))
    if request.method == "POST":
        return same_origin_referrer(_cancel(request, digest))
    return same_origin_referrer(_page(request, digest))
