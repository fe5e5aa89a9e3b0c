"""`/api/v1/partner/...`: a partner body's software reads the people referred to it, answers
referrals and records hours, with a partner user's token. Another partner's enrolment: 404.
The same services as the partner area; a batch of hours is all or nothing."""

from datetime import date
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict

from parcours.accounts.models import User
from parcours.api.auth import PartnerToken
from parcours.api.errors import ErrorOut, responses
from parcours.core.errors import DomainError
from parcours.training.enums import Answer, AttendanceSource
from parcours.training.ledger import current_attendance
from parcours.training.selectors import (
    ReferredPerson,
    enrolment_get_for_partner,
    partner_enrolments,
    referred_person,
)
from parcours.training.services.attendance import AttendanceError, Cell, attendance_record
from parcours.training.services.referrals import enrolment_answer

router = Router(tags=["partner"])


AUTH = PartnerToken()


def _user(request: HttpRequest) -> User:
    user = getattr(request, "auth", None)
    assert isinstance(user, User)  # noqa: S101 - authenticated by PartnerToken
    return user


class PersonOut(Schema):
    """All a partner sees of a referred person."""

    enrolment: int
    family_name: str
    given_names: str
    birth_date: date
    phone: str
    email: str
    letter_language: str
    track: str
    offer: int
    offer_title: str
    status: str
    referred_on: date
    starts_on: date | None
    expected_start_on: date | None


def _out(person: ReferredPerson) -> PersonOut:
    return PersonOut(
        enrolment=person.enrolment_id,
        family_name=person.family_name,
        given_names=person.given_names,
        birth_date=person.birth_date,
        phone=person.phone,
        email=person.email,
        letter_language=person.letter_language,
        track=person.track,
        offer=person.offer_id,
        offer_title=person.offer_title,
        status=person.status,
        referred_on=person.referred_on,
        starts_on=person.starts_on,
        expected_start_on=person.expected_start_on,
    )


class AnswerIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={"example": {"answer": "accepted", "starts_on": "2026-12-07"}}
    )

    answer: Answer
    starts_on: date | None = None
    expected_start_on: date | None = None
    reason: str = ""


class CellIn(Schema):
    enrolment: int
    date: date
    hours: Decimal
    note: str = ""


class CellError(Schema):
    enrolment: int
    date: date
    error: str


class BatchOut(Schema):
    written: int
    unchanged: int


class BatchErrors(Schema):
    detail: str
    errors: list[CellError]


class AttendanceOut(Schema):
    date: date
    hours: Decimal
    kind: str
    source: str


@router.get("/enrolments", response=responses({200: list[PersonOut]}, token=True), auth=AUTH)
def enrolments(request: HttpRequest, status: str = "") -> list[PersonOut]:
    """The people referred to your organisation (filter by status: referred, waiting…)."""
    found = partner_enrolments(user=_user(request)).order_by("referred_on", "pk")
    if status:
        found = found.filter(status=status)
    return [_out(referred_person(e)) for e in found]


@router.get(
    "/enrolments/{enrolment_id}",
    response=responses({200: PersonOut, 404: ErrorOut}, token=True),
    auth=AUTH,
)
def enrolment(request: HttpRequest, enrolment_id: int) -> PersonOut:
    found = enrolment_get_for_partner(user=_user(request), enrolment_id=enrolment_id)
    return _out(referred_person(found))


@router.post(
    "/enrolments/{enrolment_id}/answer",
    response=responses({200: PersonOut, 404: ErrorOut}, token=True),
    auth=AUTH,
)
def answer(request: HttpRequest, enrolment_id: int, payload: AnswerIn) -> PersonOut:
    """Accept (with `starts_on`), waiting list (with `expected_start_on`), or refuse (with a
    `reason`)."""
    user = _user(request)
    found = enrolment_get_for_partner(user=user, enrolment_id=enrolment_id)
    updated = enrolment_answer(
        enrolment=found,
        answer=payload.answer,
        on=timezone.localdate(),
        actor=user,
        starts_on=payload.starts_on,
        expected_start_on=payload.expected_start_on,
        reason=payload.reason,
    )
    updated.pathway = found.pathway
    return _out(referred_person(updated))


@router.get(
    "/enrolments/{enrolment_id}/attendance",
    response=responses({200: list[AttendanceOut], 404: ErrorOut}, token=True),
    auth=AUTH,
)
def attendance(request: HttpRequest, enrolment_id: int) -> list[AttendanceOut]:
    """The current hours of one person (corrections replace earlier rows)."""
    found = enrolment_get_for_partner(user=_user(request), enrolment_id=enrolment_id)
    rows = current_attendance().filter(enrolment=found).order_by("attended_on")
    return [
        AttendanceOut(date=r.attended_on, hours=r.hours, kind=r.kind, source=r.source) for r in rows
    ]


@router.post(
    "/attendance",
    response=responses({200: BatchOut, 400: BatchErrors, 404: ErrorOut}, token=True),
    auth=AUTH,
)
def attendance_batch(request: HttpRequest, payload: list[CellIn]) -> Status[BatchOut | BatchErrors]:
    """Hours per person and date, all or nothing: one bad cell and nothing is recorded.
    A cell for a date already recorded is a correction (the earlier row stays in history)."""
    user = _user(request)
    wanted = {c.enrolment for c in payload}
    scope = {e.pk: e for e in partner_enrolments(user=user).filter(pk__in=wanted)}
    if wanted - set(scope):
        raise Http404
    if not payload:
        raise DomainError(_("Send at least one cell."))
    cells = [Cell(c.enrolment, c.date, c.hours, c.note) for c in payload]
    try:
        done = attendance_record(
            cells=cells,
            enrolments=scope,
            source=AttendanceSource.API,
            actor=user,
            today=timezone.localdate(),
        )
    except AttendanceError as error:
        errors = [CellError(enrolment=k[0], date=k[1], error=v) for k, v in error.errors.items()]
        return Status(400, BatchErrors(detail=str(error.message), errors=errors))
    return Status(200, BatchOut(written=done.written, unchanged=done.unchanged))
