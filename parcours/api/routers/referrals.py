"""`POST /api/v1/referrals`: a commune refers a newcomer, with its user's token; the rows are
checked exactly like a CSV line (parcours.pathways.referral_rows.check_row).

The person is looked for first and never duplicated: by national or BIS number, else by names
and birth date. Answers:

- **201** `status: "recorded"`: the referral is recorded (a person already known is reused);
- **202** `status: "transfer_requested"`: the person's file is open in another centre; that
  centre is asked for it and accepts or refuses (nothing of the file is shown meanwhile);
- **409** `code: "probable_match"`: a person with a similar name and the same birth date is
  known, and no national number tells them apart. Nothing is recorded. Send the national
  number, or, when the population register shows it is another person, send the referral
  again with `confirm_new_person: true`.

An `Idempotency-Key` header (1 to 128 visible ASCII characters) makes a retry safe: the same
request with the same key gets the first answer again (201 or 202, same body); the same key
with another body is a 422."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.params.functions import Header
from ninja.responses import Status
from pydantic import ConfigDict, JsonValue

from parcours.accounts.models import User
from parcours.api.auth import CommuneToken
from parcours.api.errors import ErrorOut, responses
from parcours.core.dates import parse_date
from parcours.core.errors import DomainError, FieldsError
from parcours.pathways.enums import ReferralSource
from parcours.pathways.models import Referral
from parcours.pathways.referral_rows import RowError, check_row, communes_by_nis
from parcours.pathways.services.intake import ReferralInput, referral_register
from parcours.pathways.services.referral_keys import (
    referral_key_answer,
    referral_key_check,
    referral_key_record,
)
from parcours.people.errors import ProbableMatchError

router = Router(tags=["referrals"])


_EXAMPLE: dict[str, JsonValue] = {
    "family_name": "Haddad",
    "given_names": "Yara",
    "birth_date": "02/02/1992",
    "sex": "F",
    "commune_nis": "53053",
    "nationalities": "SY",
    "registered_on": "2026-01-15",
    "permit_ordered_on": "2026-01-10",
    "permit_valid_from": "2026-01-10",
    "legal_stay_since": "2025-12-01",
}


class ReferralIn(Schema):
    model_config = ConfigDict(json_schema_extra={"example": _EXAMPLE})

    family_name: str
    given_names: str
    birth_date: str
    sex: str
    commune_nis: str
    nationalities: str = ""
    national_number: str = ""
    languages: str = ""
    registered_on: str = ""
    permit_ordered_on: str = ""
    permit_valid_from: str = ""
    permit_valid_until: str = ""
    legal_stay_since: str = ""
    phone: str = ""
    email: str = ""
    street: str = ""
    postal_code: str = ""
    referred_on: str = ""
    confirm_new_person: bool = False


class ReferralOut(Schema):
    received: bool
    status: str  # "recorded" or "transfer_requested"
    referral_id: int | None = None
    transfer_request_id: int | None = None


def _referred_on(text: str) -> date:
    """Today when absent; a date that cannot be read is refused, never replaced."""
    if not text.strip():
        return timezone.localdate()
    found = parse_date(text)
    if found is None or found > timezone.localdate():
        raise DomainError(
            _("referred_on: “%(value)s” is not a date up to today (dd/mm/yyyy or yyyy-mm-dd)")
            % {"value": text[:40]}
        )
    return found


def _register(user: User, raw: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    assert user.commune is not None  # noqa: S101 - a commune token's holder
    new_person = bool(raw.pop("confirm_new_person", False))
    referred = _referred_on(raw.pop("referred_on"))
    try:
        fields = check_row(raw, communes_by_nis(), None)
    except RowError as error:
        raise FieldsError(str(error), error.fields) from None
    if fields["commune"].pk != user.commune_id:
        raise DomainError(_("The person must live in your commune."))
    data = ReferralInput(
        person=fields,
        commune=user.commune,
        source=ReferralSource.API,
        referred_on=referred,
        new_person=new_person,
    )
    result = referral_register(data=data, actor=user)
    if isinstance(result, Referral):
        return 201, ReferralOut(received=True, status="recorded", referral_id=result.pk).dict()
    answer = ReferralOut(received=True, status="transfer_requested", transfer_request_id=result.pk)
    return 202, answer.dict()


def _json(status: int, body: dict[str, Any]) -> Status[dict[str, Any]]:
    return Status(status, body)


@router.post(
    "",
    response=responses(
        {201: ReferralOut, 202: ReferralOut, 409: ErrorOut, 422: ErrorOut}, token=True
    ),
    auth=CommuneToken(),
)
def refer(
    request: HttpRequest,
    payload: ReferralIn,
    idempotency_key: str = Header(default="", alias="Idempotency-Key"),
) -> Status[dict[str, Any]]:
    """Refer one newcomer living in your commune. Dates: dd/mm/yyyy or yyyy-mm-dd.

    The person is looked for first, never duplicated (national or BIS number, else names and
    birth date). **201** `status: "recorded"`: recorded (a known person is reused; the same
    referral sent again answers the first one). **202** `status: "transfer_requested"`: the
    person's file is open in another centre, which is asked for it (nothing of the file is
    shown). **409** `code: "probable_match"`: a person with a close name and the same birth
    date is known and no national number tells them apart; nothing is recorded: send the
    national number, or `confirm_new_person: true` when the population register shows another
    person. Header `Idempotency-Key` (1 to 128 visible ASCII characters): a repeat gets the
    first answer; the same key with another body is a 422."""
    user = getattr(request, "auth", None)
    assert isinstance(user, User) and user.commune is not None  # noqa: S101 - token of a commune
    raw = payload.dict()
    try:
        if not idempotency_key:
            return _json(*_register(user, raw))
        key = referral_key_check(idempotency_key)
        return _json(*_keyed(user, key, raw))
    except ProbableMatchError as error:
        body = {"detail": str(error.message), "code": error.code}
        return _json(error.status_code, body)


def _keyed(user: User, key: str, raw: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    first = referral_key_answer(user=user, key=key, body=raw)
    if first is not None:
        return first.status_code, dict(first.body)
    try:
        with transaction.atomic():
            status, answer = _register(user, dict(raw))
            referral_key_record(user=user, key=key, body=raw, status_code=status, answer=answer)
    except IntegrityError:  # the same key, sent twice at once: the other one was first
        first = referral_key_answer(user=user, key=key, body=raw)
        if first is None:
            raise
        return first.status_code, dict(first.body)
    return status, answer
