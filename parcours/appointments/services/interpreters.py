"""Interpreter requests (SeTIS wallon by default): proposed from the person's recorded need,
sent by a coordinator (CSV export or e-mail), confirmed with the interpreter's details."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.appointments.enums import HOLDING_STATUSES, InterpreterMode, InterpreterStatus
from parcours.appointments.models import (
    Appointment,
    CollectiveSession,
    Interpreter,
    InterpreterProvider,
    InterpreterRequest,
    ResourceHold,
)
from parcours.appointments.models.calendar import interpreter_key
from parcours.appointments.services.holds import holds_release, holds_take
from parcours.core.errors import DomainError
from parcours.core.exports import Cell, Sheet, csv_text
from parcours.notifications.outbox import Attachment, email_enqueue
from parcours.people.identifiers import normalise_languages

IS = InterpreterStatus
_NEXT: dict[str, frozenset[str]] = {
    IS.TO_REQUEST: frozenset({IS.REQUESTED, IS.CONFIRMED, IS.CANCELLED}),
    IS.REQUESTED: frozenset({IS.CONFIRMED, IS.CANCELLED}),
    IS.CONFIRMED: frozenset({IS.DONE, IS.CANCELLED}),
}


def default_provider() -> InterpreterProvider:
    provider = InterpreterProvider.objects.filter(is_default=True).first()
    if provider is None:
        raise DomainError(_("No default interpreting provider is configured."))
    return provider


@dataclass(frozen=True)
class InterpreterNeed:
    language: str
    dialect: str = ""
    mode: InterpreterMode = InterpreterMode.ON_SITE
    provider: InterpreterProvider | None = None


def interpreter_request_create(
    *,
    need: InterpreterNeed,
    actor: User | None,
    appointment: Appointment | None = None,
    session: CollectiveSession | None = None,
) -> InterpreterRequest:
    codes = normalise_languages(need.language)
    if len(codes) != 1:
        raise DomainError(_("Give one language code for the interpreter, such as ar or ps."))
    target = appointment or session
    if target is None:
        raise DomainError(_("An interpreter request belongs to an appointment or a session."))
    return InterpreterRequest.objects.create(
        centre_id=target.centre_id,
        appointment=appointment,
        session=session,
        language=codes[0],
        dialect=need.dialect.strip()[:100],
        mode=need.mode,
        provider=need.provider or default_provider(),
        created_by=actor,
    )


def interpreter_propose(
    *, appointment: Appointment, actor: User | None
) -> InterpreterRequest | None:
    """The person's recorded need proposes a request (status "to request") on booking."""
    person = appointment.person
    if person is None or not person.interpreter_language:
        return None
    if appointment.interpreter_requests.exclude(status=IS.CANCELLED).exists():
        return None
    need = InterpreterNeed(language=person.interpreter_language)
    return interpreter_request_create(need=need, actor=actor, appointment=appointment)


@dataclass(frozen=True)
class InterpreterUpdate:
    status: InterpreterStatus
    interpreter: Interpreter | None = None
    contact: str = ""
    provider_reference: str = ""


def _span_holder(request: InterpreterRequest) -> Appointment | CollectiveSession:
    holder = request.appointment or request.session
    assert holder is not None  # noqa: S101 -- the check constraint guarantees one of them
    return holder


def _hold(request: InterpreterRequest, interpreter: Interpreter) -> None:
    holder = _span_holder(request)
    holds_take(
        resources=[interpreter_key(interpreter.pk)],
        starts_at=holder.starts_at,
        ends_at=holder.ends_at,
        appointment=request.appointment,
        session=request.session,
    )


def _release(request: InterpreterRequest) -> None:
    if request.interpreter_id:
        holds_release(
            appointment=request.appointment,
            session=request.session,
            resource=interpreter_key(request.interpreter_id),
        )


def _holding(request: InterpreterRequest, interpreter: Interpreter) -> bool:
    holds = ResourceHold.objects.filter(resource=interpreter_key(interpreter.pk), active=True)
    if request.appointment_id:
        return holds.filter(appointment_id=request.appointment_id).exists()
    return holds.filter(session_id=request.session_id).exists()


def _check_live(request: InterpreterRequest, update: InterpreterUpdate) -> None:
    """A cancelled or past-status appointment (or a cancelled session) needs no interpreter."""
    if update.status in (IS.CANCELLED, IS.DONE):
        return
    holder = _span_holder(request)
    live = (
        holder.status in HOLDING_STATUSES
        if isinstance(holder, Appointment)
        else not holder.cancelled
    )
    if not live:
        raise DomainError(
            _("This appointment or session is no longer planned: no interpreter can be booked.")
        )


def _swap_interpreter(current: InterpreterRequest, update: InterpreterUpdate) -> None:
    """Hold the confirmed interpreter for the span (whenever no hold exists yet, even when the
    interpreter was already named while "requested"); let go of the previous one."""
    new_id = update.interpreter.pk if update.interpreter is not None else None
    if current.interpreter_id and current.interpreter_id != new_id:
        _release(current)
    if (
        update.interpreter is not None
        and update.status == IS.CONFIRMED
        and not _holding(current, update.interpreter)
    ):
        _hold(current, update.interpreter)


@transaction.atomic
def interpreter_request_update(
    *, request: InterpreterRequest, update: InterpreterUpdate, actor: User
) -> InterpreterRequest:
    found = InterpreterRequest.objects.select_for_update(of=("self",))
    current = found.select_related("appointment", "session").get(pk=request.pk)
    if update.status != current.status and update.status not in _NEXT.get(current.status, ()):
        raise DomainError(
            _("This interpreter request cannot go to “%(to)s”.") % {"to": IS(update.status).label}
        )
    _check_live(current, update)
    _swap_interpreter(current, update)
    current.status, current.interpreter = update.status, update.interpreter
    current.contact = update.contact.strip()[:200] or current.contact
    current.provider_reference = (
        update.provider_reference.strip()[:100] or current.provider_reference
    )
    if update.status == IS.CANCELLED:
        _release(current)
    current.updated_by = actor
    current.save()
    return current


CSV_HEADER = (
    "reference",
    "language",
    "dialect",
    "mode",
    "date",
    "start",
    "end",
    "office",
    "address",
    "provider",
)


def requests_csv(requests: Sequence[InterpreterRequest]) -> str:
    """What a provider needs to assign an interpreter — never the person's name."""
    return csv_text(Sheet(title="requests", header=CSV_HEADER, rows=[_row(i) for i in requests]))


def _row(item: InterpreterRequest) -> list[Cell]:
    holder = _span_holder(item)
    start, end = timezone.localtime(holder.starts_at), timezone.localtime(holder.ends_at)
    return [
        f"P-{item.pk}",
        item.language,
        item.dialect,
        item.get_mode_display(),
        start.date().isoformat(),
        f"{start:%H:%M}",
        f"{end:%H:%M}",
        holder.office.name,
        holder.office.address,
        item.provider.name,
    ]


@transaction.atomic
def requests_mark_sent(*, requests: Sequence[InterpreterRequest], actor: User) -> int:
    ids = [r.pk for r in requests if r.status == IS.TO_REQUEST]
    return InterpreterRequest.objects.filter(pk__in=ids, status=IS.TO_REQUEST).update(
        status=IS.REQUESTED, requested_at=timezone.now(), requested_by=actor
    )


@transaction.atomic
def requests_email(
    *, provider: InterpreterProvider, requests: Sequence[InterpreterRequest], actor: User
) -> int:
    mine = [r for r in requests if r.provider_id == provider.pk and r.status == IS.TO_REQUEST]
    if not provider.email:
        raise DomainError(_("This provider has no e-mail address: export the CSV instead."))
    if not mine:
        raise DomainError(_("No request to send to this provider."))
    email_enqueue(
        subject=_("Interpreting requests (%(count)s)") % {"count": len(mine)},
        body=_("Please find our interpreting requests attached."),
        to=[provider.email],
        reply_to=[actor.email],
        attachments=(Attachment("requests.csv", requests_csv(mine).encode(), "text/csv"),),
    )
    return requests_mark_sent(requests=mine, actor=actor)
