"""The labels the public pages take from the domains are in the portal catalogue: an
appointment's status in Arabic was "Prévu" on the manage page and in the personal space, and
a session's language "français" (defect seen in the Arabic and Ukrainian screenshots)."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus, KindCode
from parcours.people.models import Person
from parcours.public import labels
from tests.factories.appointments import at, book, make_availability, make_office, make_session
from tests.factories.people import make_pathway
from tests.public.test_space import HOME, _enter

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]


@pytest.fixture
def amira(agent_mons: User) -> Person:
    return make_pathway(actor=agent_mons, letter_language="ar").person


def test_the_public_labels_list_every_appointment_status() -> None:
    with translation.override("en"):  # the message ids
        listed = [str(label) for label in labels.APPOINTMENT_STATUS_LABELS]
        assert listed == [str(label) for _value, label in AppointmentStatus.choices]


def test_the_public_labels_list_every_appointment_kind() -> None:
    with translation.override("en"):
        listed = [str(label) for label in labels.APPOINTMENT_KIND_LABELS]
        assert listed == [str(label) for _value, label in KindCode.choices]


def test_the_space_shows_the_appointment_kind_in_arabic(
    client: Client,
    amira: Person,
    agent_mons: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    assert agent_mons.centre is not None
    office = make_office(agent_mons.centre)
    make_availability(office, agent_mons)
    book(
        office=office,
        staff=agent_mons,
        person=amira,
        starts_at=at(date(2026, 12, 2), 9),
        now=timezone.now(),
        code=KindCode.SOCIAL_ASSESSMENT,
    )
    _enter(client, django_capture_on_commit_callbacks)
    space = client.get(f"/ar{HOME}").content.decode()
    assert "<bdi>التقييم الاجتماعي</bdi>" in space
    assert "Bilan social" not in space


def test_every_portal_language_has_a_name_in_the_labels() -> None:
    assert set(labels.LANGUAGE_NAMES) == {code for code, _name in settings.LANGUAGES}


def test_the_space_and_the_manage_page_show_the_status_in_arabic(
    client: Client,
    amira: Person,
    agent_mons: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    assert agent_mons.centre is not None
    office = make_office(agent_mons.centre)
    make_availability(office, agent_mons)
    mine = book(
        office=office,
        staff=agent_mons,
        person=amira,
        starts_at=at(date(2026, 12, 2), 9),
        now=timezone.now(),
    )
    assert mine.status == AppointmentStatus.PLANNED
    _enter(client, django_capture_on_commit_callbacks)
    space = client.get(f"/ar{HOME}").content.decode()
    assert "مُقرَّر" in space and "Prévu" not in space and "Planned" not in space
    assert client.post(f"/ar/my-space/appointments/{mine.pk}/manage/").status_code == 302
    manage = client.get("/ar/book/manage/").content.decode()
    assert "مُقرَّر" in manage and "Prévu" not in manage
    with translation.override("uk"):
        assert str(AppointmentStatus.PLANNED.label) == "Заплановано"


def test_a_session_page_names_its_languages_in_the_page_s_language(
    client: Client, agent_mons: User
) -> None:
    assert agent_mons.centre is not None
    office = make_office(agent_mons.centre)
    session = make_session(
        office,
        agent_mons,
        starts_at=at(date(2026, 12, 3), 9),
        now=timezone.now(),
        interpreter_languages=["uk", "ti"],
    )
    page = client.get(f"/ar/book/sessions/{session.pk}/").content.decode()
    assert 'الفرنسية (<span lang="fr">français</span>)' in page
    assert 'الأوكرانية (<span lang="uk">Українська</span>)' in page
    french = client.get(f"/book/sessions/{session.pk}/").content.decode()
    assert "(<span" not in french.split("Langue de la séance")[1].split("</dd>")[0]
