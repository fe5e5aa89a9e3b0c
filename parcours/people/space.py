"""The newcomer's personal space opens with a one-time code sent to the e-mail address or
mobile number the centre holds, and the person's birth date — no password to remember.

Nothing here tells whether a person exists: a request writes a code row and answers the
same either way (the message is only sent when someone matches, by the task worker after
the commit, so the request's cost does not show it either); the tries are counted on the
contact typed, whoever it belongs to. Only keyed digests of the contact and of the code are
stored (core.tokens.keyed_digest)."""

import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.core.ratelimit import rate_hit
from parcours.core.tokens import keyed_digest
from parcours.notifications.outbox import email_enqueue, sms_enqueue
from parcours.people.identifiers import normalise_phone
from parcours.people.models import Person, SpaceCode

# Product limits (not decree values).
CODE_DIGITS = 6
CODE_MINUTES = 10
MAX_TRIES = 5  # wrong codes per contact in TRIES_WINDOW, and per code
TRIES_WINDOW = 15 * 60
REQUESTS_PER_CONTACT_PER_HOUR = 3
REQUESTS_PER_ADDRESS_PER_HOUR = 20
_HOUR = 3600
DEFAULT_SITE_URL = "http://127.0.0.1:8000"


class SpaceCodeError(DomainError):
    pass


TOO_MANY = _("Too many tries. Wait a quarter of an hour, or call your centre.")
WRONG = _("This code is wrong or too old. Check it, or ask for a new code.")


@dataclass(frozen=True)
class Contact:
    """What the person typed, cleaned: an e-mail address or a mobile number."""

    email: str = ""
    phone: str = ""

    @property
    def key(self) -> str:
        return f"email:{self.email}" if self.email else f"phone:{self.phone}"


def contact_parse(raw: str) -> Contact:
    """An e-mail address when it holds an @, else a phone number (a clear error if neither)."""
    text = raw.strip()
    if not text:
        raise DomainError(_("Give your e-mail address or your mobile number."))
    if "@" in text:
        return Contact(email=text.lower())
    return Contact(phone=normalise_phone(text))


def space_lookup(contact: Contact, birth_date: date) -> str:
    return keyed_digest(f"{contact.key}|{birth_date.isoformat()}", purpose="space.lookup")


def _code_digest(lookup: str, code: str) -> str:
    return keyed_digest(f"{lookup}:{code}", purpose="space.code")


def _match(contact: Contact, birth_date: date) -> Person | None:
    people = Person.objects.filter(birth_date=birth_date, merged_into__isnull=True)
    if contact.email:
        people = people.filter(email__iexact=contact.email)
    else:
        people = people.filter(phone=contact.phone)
    return people.order_by("-id").first()


def _limit(key: str, limit: int, window: int) -> None:
    if rate_hit(key, window_seconds=window) > limit:
        raise SpaceCodeError(TOO_MANY)


def space_code_request(*, contact: Contact, birth_date: date, address: str, now: datetime) -> str:
    """Sends a code when the contact and birth date are a person's; returns the lookup the
    session keeps to check the code (the same for anybody who types the same)."""
    lookup = space_lookup(contact, birth_date)
    _limit(
        f"space:address:{keyed_digest(address, purpose='space.address')[:32]}",
        REQUESTS_PER_ADDRESS_PER_HOUR,
        _HOUR,
    )
    _limit(f"space:request:{lookup[:32]}", REQUESTS_PER_CONTACT_PER_HOUR, _HOUR)
    _code_issue(lookup=lookup, contact=contact, person=_match(contact, birth_date), now=now)
    return lookup


@transaction.atomic
def _code_issue(*, lookup: str, contact: Contact, person: Person | None, now: datetime) -> None:
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    # A new code replaces the earlier ones.
    SpaceCode.objects.filter(lookup=lookup, used_at__isnull=True).update(expires_at=now)
    SpaceCode.objects.create(
        lookup=lookup,
        digest=_code_digest(lookup, code),
        person=person,
        created_at=now,
        expires_at=now + timedelta(minutes=CODE_MINUTES),
    )
    if person is not None:
        _send_code(person, contact, code)


def _language(person: Person) -> str:
    code = person.letter_language
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _render(name: str, context: dict[str, object], language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = render_to_string(f"people/messages/{name}_subject.txt", context)
        body = render_to_string(f"people/messages/{name}.txt", context)
    return " ".join(subject.split()), body


def _send_code(person: Person, contact: Contact, code: str) -> None:
    context = {"code": code, "minutes": CODE_MINUTES}
    if contact.email:
        subject, body = _render("space_code", context, _language(person))
        email_enqueue(subject=subject, body=body, to=[contact.email])
    else:
        _subject, body = _render("space_code_sms", context, _language(person))
        sms_enqueue(to=contact.phone, body=body.strip())


def space_code_check(*, lookup: str, code: str, now: datetime) -> Person:
    """The person whose code this is; a wrong, old or spent code and a code of nobody give
    the same answer. Tries are counted on the contact typed, existing or not."""
    _limit(f"space:tries:{lookup[:32]}", MAX_TRIES, TRIES_WINDOW)
    person = _consume(lookup=lookup, code=code.strip(), now=now)
    if person is None:
        raise SpaceCodeError(WRONG)
    return person


@transaction.atomic
def _consume(*, lookup: str, code: str, now: datetime) -> Person | None:
    live = SpaceCode.objects.select_for_update(of=("self",)).filter(
        lookup=lookup, used_at__isnull=True, expires_at__gt=now
    )
    row = live.select_related("person").first()
    if row is None or not lookup:
        return None
    row.tries += 1
    right = hmac.compare_digest(row.digest, _code_digest(lookup, code))
    if right and row.tries <= MAX_TRIES:
        row.used_at = now
    elif row.tries >= MAX_TRIES:
        row.expires_at = now
    row.save(update_fields=["tries", "used_at", "expires_at"])
    return row.person if row.used_at else None


def site_url() -> str:
    return str(getattr(settings, "PARCOURS_SITE_URL", DEFAULT_SITE_URL)).rstrip("/")


def space_link_send(*, person: Person, actor: User) -> list[str]:
    """Staff send the person the address of their personal space, by e-mail and SMS when the
    centre holds them; returns the channels used. The link carries no secret: the space
    still asks for a code."""
    if not person.email and not person.phone:
        raise DomainError(_("This person has no e-mail address and no mobile number."))
    language = _language(person)
    with translation.override(language):
        link = site_url() + reverse("public:space:enter")
    context = {"link": link, "person": person, "sender": actor}
    sent = []
    if person.email:
        subject, body = _render("space_link", context, language)
        email_enqueue(subject=subject, body=body, to=[person.email])
        sent.append("email")
    if person.phone:
        _subject, body = _render("space_link_sms", context, language)
        sms_enqueue(to=person.phone, body=body.strip())
        sent.append("sms")
    return sent
