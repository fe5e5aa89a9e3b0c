"""Bulk invitations: e-mail when the person has an address, otherwise a letter printed as a
PDF (WeasyPrint), in French and in the person's letter language when translated."""

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta

from django.core import mail
from django.test import Client

from parcours.accounts.models import User
from parcours.appointments.models import Appointment, AppointmentEvent
from parcours.appointments.services.invitations import (
    invitation_letters_issue,
    invitation_letters_pdf,
    people_invite,
)
from parcours.people.models import Person
from parcours.territory.models import Office
from tests.errors import refused
from tests.factories.appointments import kind
from tests.factories.people import make_person
from tests.types import ClientFor

PAGE = re.compile(rb"/Type\s*/Page\b")


def _people() -> tuple[Person, Person]:
    by_mail = make_person(national_number="", family_name="Mail", email="mail@example.org")
    by_letter = make_person(
        national_number="", family_name="Lettre", email="", letter_language="en"
    )
    return by_mail, by_letter


def _invite(office: Office, actor: User, now: datetime, people: list[Person]) -> object:
    return people_invite(
        people=people, office=office, kind=kind(), first=now, days=14, actor=actor, now=now
    )


def test_people_without_e_mail_get_a_letter_with_a_link_that_works(
    client: Client, office: Office, agent_mons: User, now: datetime
) -> None:
    by_mail, by_letter = _people()
    result = _invite(office, agent_mons, now, [by_mail, by_letter])
    assert [a.person for a in result.emailed] == [by_mail]  # type: ignore[attr-defined]
    ((appointment, first_link),) = result.letters  # type: ignore[attr-defined]
    letters = invitation_letters_issue(appointments=[appointment], actor=agent_mons, now=now)
    ((_same, link),) = letters
    path = link.split("127.0.0.1:8000")[1]
    assert client.get(path, follow=True).status_code == 200
    # The letter printed last is the one that works: the earlier link stops.
    earlier = first_link.split("127.0.0.1:8000")[1]
    assert client.get(earlier, follow=True).status_code == 404
    assert AppointmentEvent.objects.filter(
        appointment=appointment, summary="Invitation letter printed"
    ).exists()


def test_the_letter_is_a_pdf_in_french_then_in_the_letter_language(
    office: Office, agent_mons: User, now: datetime
) -> None:
    _by_mail, by_letter = _people()
    french_only = make_person(national_number="", family_name="Francais", letter_language="fr")
    result = _invite(office, agent_mons, now, [by_letter, french_only])
    appointments = [a for a, _link in result.letters] + list(result.emailed)  # type: ignore[attr-defined]
    english = [a for a in appointments if a.person == by_letter]
    french = [a for a in appointments if a.person == french_only]
    two = invitation_letters_pdf(
        invitation_letters_issue(appointments=english, actor=agent_mons, now=now), now
    )
    one = invitation_letters_pdf(
        invitation_letters_issue(appointments=french, actor=agent_mons, now=now), now
    )
    assert two.startswith(b"%PDF") and one.startswith(b"%PDF")
    assert len(PAGE.findall(two)) == 2 * len(PAGE.findall(one))


def test_the_staff_download_the_letters_of_their_centre_only(
    client_for: ClientFor, office: Office, agent_mons: User, agent_liege: User, now: datetime
) -> None:
    _by_mail, by_letter = _people()
    result = _invite(office, agent_mons, now, [by_letter])
    ((appointment, _link),) = result.letters  # type: ignore[attr-defined]
    url = "/staff/appointments/invite/letters.pdf"
    other = client_for(agent_liege).post(url, {"appointment": appointment.pk})
    assert other.status_code == 302  # nothing of another centre is printed
    response = client_for(agent_mons).post(url, {"appointment": appointment.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client_for(agent_mons).get(url).status_code == 405


def test_a_past_or_cancelled_appointment_has_no_letter(
    office: Office, agent_mons: User, now: datetime
) -> None:
    _by_mail, by_letter = _people()
    result = _invite(office, agent_mons, now, [by_letter])
    ((appointment, _link),) = result.letters  # type: ignore[attr-defined]
    later = appointment.starts_at + timedelta(hours=1)
    with refused("Only a coming appointment can be the subject of an invitation."):
        invitation_letters_issue(appointments=[appointment], actor=agent_mons, now=later)
    assert Appointment.objects.get().token_digest == appointment.token_digest


def test_an_invitation_by_e_mail_is_sent_once_committed(
    office: Office, agent_mons: User, now: datetime, django_capture_on_commit_callbacks: object
) -> None:
    by_mail, _by_letter = _people()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _invite(office, agent_mons, now, [by_mail])
    assert mail.outbox[0].to == ["mail@example.org"]


def test_an_invitation_moves_the_pathway_to_invited_and_is_not_sent_twice(
    office: Office, agent_mons: User, now: datetime
) -> None:
    from parcours.pathways.enums import Status  # noqa: PLC0415
    from tests.factories.people import make_pathway  # noqa: PLC0415

    pathway = make_pathway(actor=agent_mons)
    assert pathway.status == Status.REFERRED
    first = _invite(office, agent_mons, now, [pathway.person])
    assert len(first.emailed) + len(first.letters) == 1  # type: ignore[attr-defined]
    pathway.refresh_from_db()
    assert (pathway.status, pathway.invited_on) == (Status.INVITED, now.date())
    assert pathway.events.filter(to_status=Status.INVITED).count() == 1
    again = _invite(office, agent_mons, now, [pathway.person])
    assert again.already_booked == [pathway.person]  # type: ignore[attr-defined]
    assert Appointment.objects.filter(person=pathway.person).count() == 1


def test_inviting_many_people_reads_the_staff_once(
    office: Office,
    agent_mons: User,
    now: datetime,
    django_assert_max_num_queries: Callable[[int], AbstractContextManager[object]],
) -> None:
    people = [make_person(national_number="", family_name=f"P{i}", email="") for i in range(6)]
    with django_assert_max_num_queries(200) as captured:
        _invite(office, agent_mons, now, people)
    staff_reads = [
        q
        for q in captured.captured_queries  # type: ignore[attr-defined]
        if 'FROM "accounts_user"' in q["sql"] and "LIMIT 21" in q["sql"]
    ]
    assert staff_reads == []
