"""The personal space: a one-time code (expiry, tries, no enumeration), the session, the
person's own data only, and the subject-access download (audited)."""

import json
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus
from parcours.audit.enums import AccessKind
from parcours.audit.models import AccessEvent
from parcours.notifications import sms
from parcours.people.models import Person, SpaceCode
from parcours.people.space import MAX_TRIES
from tests.factories.appointments import at, book, make_availability, make_office, said
from tests.factories.people import make_pathway

TOO_MANY = "Too many tries. Wait a quarter of an hour, or call your centre."
WRONG = "This code is wrong or too old. Check it, or ask for a new code."

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]
ENTER, CODE, HOME = "/my-space/", "/my-space/code/", "/my-space/mine/"
BORN = "1985-07-30"


@pytest.fixture
def amira(agent_mons: User) -> Person:
    return make_pathway(actor=agent_mons, letter_language="en").person


@pytest.fixture
def other(agent_mons: User) -> Person:
    return make_pathway(
        actor=agent_mons,
        national_number="",
        family_name="Petrenko",
        given_names="Olena",
        email="olena@example.org",
        phone="0471 00 00 01",
        birth_date=date(1990, 2, 3),
    ).person


def _ask(client: Client, capture: Capture, contact: str, born: str = BORN) -> str:
    """Asks for a code; returns the code sent by e-mail or SMS ("" when none was sent)."""
    mail.outbox.clear()
    sms.outbox.clear()
    with capture(execute=True):
        response = client.post(ENTER, {"contact": contact, "birth_date": born})
    assert response.status_code == 302
    assert response["Location"].endswith(CODE)
    texts = [str(m.body) for m in mail.outbox] + [m.body for m in sms.outbox]
    found = re.search(r"\b(\d{6})\b", " ".join(texts))
    return found.group(1) if found else ""


def _enter(client: Client, capture: Capture, contact: str = "amira@example.org") -> None:
    code = _ask(client, capture, contact)
    assert client.post(CODE, {"code": code})["Location"].endswith(HOME)


def test_a_code_by_e_mail_opens_the_space_once(
    client: Client, amira: Person, django_capture_on_commit_callbacks: Capture
) -> None:
    code = _ask(client, django_capture_on_commit_callbacks, "  Amira@Example.org ")
    assert len(code) == 6 and mail.outbox[0].to == ["amira@example.org"]
    assert "Your code for your personal space" in mail.outbox[0].subject  # letter language en
    response = client.post(CODE, {"code": code})
    assert response.status_code == 302
    page = client.get(HOME)
    assert page.status_code == 200 and "Amira" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    # Only a keyed digest of the code is stored, and it is spent.
    row = SpaceCode.objects.get()
    assert code not in (row.digest, row.lookup) and row.used_at is not None
    leave = client.post("/my-space/leave/")
    assert leave.status_code == 302 and client.get(HOME).status_code == 302
    client.post(ENTER, {"contact": "amira@example.org", "birth_date": BORN})
    assert client.post(CODE, {"code": code}).status_code == 400  # a spent code never reopens


def test_a_code_by_sms_for_the_mobile_number(
    client: Client, amira: Person, django_capture_on_commit_callbacks: Capture
) -> None:
    code = _ask(client, django_capture_on_commit_callbacks, "+32 470 12 34 56")
    assert sms.outbox and sms.outbox[0].to == "+32470123456" and not mail.outbox
    assert client.post(CODE, {"code": code}).status_code == 302


def test_a_code_expires_after_ten_minutes(
    client: Client, amira: Person, django_capture_on_commit_callbacks: Capture
) -> None:
    code = _ask(client, django_capture_on_commit_callbacks, "amira@example.org")
    with time_machine.travel(timezone.now() + timedelta(minutes=10, seconds=1), tick=False):
        response = client.post(CODE, {"code": code})
    assert response.status_code == 400
    assert said(response, "This code is wrong or too old. Check it, or ask for a new code.")
    assert client.get(HOME).status_code == 302


def test_wrong_codes_are_limited_then_even_the_right_one_is_refused(
    client: Client, amira: Person, django_capture_on_commit_callbacks: Capture
) -> None:
    code = _ask(client, django_capture_on_commit_callbacks, "amira@example.org")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _attempt in range(MAX_TRIES):
        assert client.post(CODE, {"code": wrong}).status_code == 400
    response = client.post(CODE, {"code": code})
    assert response.status_code == 400 and said(response, TOO_MANY)
    assert client.get(HOME).status_code == 302


def test_the_answer_is_the_same_whether_the_person_exists_or_not(
    client: Client, amira: Person, django_capture_on_commit_callbacks: Capture
) -> None:
    known = client.post(ENTER, {"contact": "amira@example.org", "birth_date": BORN}, follow=True)
    nobody = Client().post(
        ENTER, {"contact": "nobody@example.org", "birth_date": BORN}, follow=True
    )
    wrong_birth = Client().post(
        ENTER, {"contact": "amira@example.org", "birth_date": "1985-07-31"}, follow=True
    )
    pages = [r.content.decode() for r in (known, nobody, wrong_birth)]
    assert {r.status_code for r in (known, nobody, wrong_birth)} == {200}
    strip = [re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", p) for p in pages]
    assert strip[0] == strip[1] == strip[2]
    # A row for each, so that the work done is the same; only the known one has a person.
    assert SpaceCode.objects.count() == 3
    assert SpaceCode.objects.filter(person__isnull=False).count() == 1
    # Guessing codes for nobody runs into the same limit as for somebody.
    probe = Client()
    probe.post(ENTER, {"contact": "nobody@example.org", "birth_date": BORN})
    for _attempt in range(MAX_TRIES):
        assert said(probe.post(CODE, {"code": "123456"}), WRONG)
    assert said(probe.post(CODE, {"code": "123456"}), TOO_MANY)


def test_asking_too_many_codes_is_refused_the_same_way_for_anybody(
    client: Client, amira: Person
) -> None:
    def ask(contact: str) -> list[int]:
        return [
            Client().post(ENTER, {"contact": contact, "birth_date": BORN}).status_code
            for _n in range(4)
        ]

    assert ask("amira@example.org") == ask("nobody@example.org") == [302, 302, 302, 400]


def test_the_session_ends_after_thirty_idle_minutes(
    client: Client, amira: Person, django_capture_on_commit_callbacks: Capture
) -> None:
    _enter(client, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + timedelta(minutes=29), tick=False):
        assert client.get(HOME).status_code == 200  # a click keeps it alive
    with time_machine.travel(timezone.now() + timedelta(minutes=29 + 31), tick=False):
        response = client.get(HOME)
    assert response.status_code == 302 and response["Location"].endswith(ENTER)


def test_the_code_field_is_not_remembered_and_birth_dates_must_be_plausible(
    client: Client, amira: Person, django_capture_on_commit_callbacks: Capture
) -> None:
    for born in ("0001-01-01", "9999-12-31"):
        page = client.post(ENTER, {"contact": "amira@example.org", "birth_date": born})
        assert page.status_code == 400
    assert not SpaceCode.objects.exists()
    _ask(client, django_capture_on_commit_callbacks, "amira@example.org")
    form = client.get(CODE).content.decode()
    assert re.search(r'<input[^>]+name="code"[^>]+autocomplete="off"', form)


def test_the_space_shows_the_person_s_deadlines_hours_and_centre(
    client: Client, amira: Person, django_capture_on_commit_callbacks: Capture
) -> None:
    _enter(client, django_capture_on_commit_callbacks)
    page = client.get(HOME).content.decode()
    assert 'id="space-deadlines"' in page and "Centre Interculturel de Mons" in page
    assert "10 juillet 2027" in page  # the certificate deadline, in words
    assert AccessEvent.objects.filter(
        person=amira, user__isnull=True, what=AccessKind.PERSONAL_SPACE
    ).exists()


def test_the_data_download_holds_only_the_person_s_own_data_and_is_audited(
    client: Client,
    amira: Person,
    other: Person,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _enter(client, django_capture_on_commit_callbacks)
    response = client.get("/my-space/my-data.json")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    text = response.content.decode()
    assert data["person_id"] == amira.pk
    assert data["sections"]["people.person"]["rows"][0]["family_name"] == "Al-Hassan"
    assert "pathways.pathway" in data["sections"] and "pathways.pathwayevent" in data["sections"]
    assert "Petrenko" not in text and "olena@example.org" not in text
    assert "token_digest" not in text and "people.spacecode" not in data["sections"]
    pdf = client.get("/my-space/my-data.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    kinds = set(
        AccessEvent.objects.filter(person=amira, user__isnull=True).values_list("what", flat=True)
    )
    assert {AccessKind.SUBJECT_ACCESS_JSON, AccessKind.SUBJECT_ACCESS_PDF} <= kinds
    assert not AccessEvent.objects.filter(person=other).exists()


def test_the_space_needs_a_code_for_every_page(client: Client, amira: Person) -> None:
    for url in (HOME, "/my-space/my-data.json", "/my-space/my-data.pdf"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].endswith(ENTER)
    assert not AccessEvent.objects.exists()


def test_staff_export_the_same_data_from_the_person_page_audited(
    client_for: Callable[[User | None], Client], agent_mons: User, agent_liege: User, amira: Person
) -> None:
    response = client_for(agent_mons).get(f"/staff/people/{amira.pk}/data.json")
    assert response.status_code == 200
    assert json.loads(response.content)["person_id"] == amira.pk
    assert AccessEvent.objects.filter(
        person=amira, user=agent_mons, what=AccessKind.SUBJECT_ACCESS_JSON
    ).exists()
    assert client_for(agent_liege).get(f"/staff/people/{amira.pk}/data.json").status_code == 404


def test_staff_send_the_link_to_the_space_through_the_outbox(
    client_for: Callable[[User | None], Client],
    agent_mons: User,
    amira: Person,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    mail.outbox.clear()
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(agent_mons).post(f"/staff/people/{amira.pk}/space-link/")
    assert response.status_code == 302
    assert mail.outbox[0].to == ["amira@example.org"] and "/en/my-space/" in mail.outbox[0].body
    assert sms.outbox and "/en/my-space/" in sms.outbox[0].body


def test_the_space_opens_the_manage_page_of_the_person_s_own_appointments_only(
    client: Client,
    amira: Person,
    other: Person,
    agent_mons: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    assert agent_mons.centre is not None
    office = make_office(agent_mons.centre)
    make_availability(office, agent_mons)
    now = timezone.now()
    mine = book(
        office=office, staff=agent_mons, person=amira, starts_at=at(date(2026, 12, 2), 9), now=now
    )
    theirs = book(
        office=office, staff=agent_mons, person=other, starts_at=at(date(2026, 12, 2), 10), now=now
    )
    _enter(client, django_capture_on_commit_callbacks)
    assert f"/my-space/appointments/{mine.pk}/manage/" in client.get(HOME).content.decode()
    refused = client.post(f"/my-space/appointments/{theirs.pk}/manage/")
    assert refused["Location"].endswith(HOME)
    assert client.get("/book/manage/").status_code == 404  # nothing opened for theirs
    opened = client.post(f"/my-space/appointments/{mine.pk}/manage/")
    assert opened["Location"].endswith("/book/manage/")
    assert 'href="/my-space/mine/"' in client.get("/book/manage/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/book/manage/", {"action": "confirm"})
    assert page.status_code == 200
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == AppointmentStatus.CONFIRMED
    assert theirs.status == AppointmentStatus.PLANNED


def test_the_documents_are_the_person_s_own(
    client: Client, amira: Person, other: Person, django_capture_on_commit_callbacks: Capture
) -> None:
    _enter(client, django_capture_on_commit_callbacks)
    assert client.get("/my-space/agreement/1/pdf/")["Location"].endswith(HOME)  # none signed
    assert client.get("/my-space/certificate/999/pdf/")["Location"].endswith(HOME)
