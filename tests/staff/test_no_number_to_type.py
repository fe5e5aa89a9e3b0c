"""No internal number to type: a person is registered to a collective session by
search (name, birth date or national number, in the user's centre); the partner's hours CSV
finds the person by national number or by name and birth date, one clear error a row."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.models import User
from parcours.appointments.models import CollectiveSession, Seat
from parcours.audit.enums import AccessKind
from parcours.audit.models import AccessEvent
from parcours.territory.models import Commune
from parcours.training.hours_rows import HoursReport, hours_check
from parcours.training.models import Enrolment
from parcours.training.selectors import partner_enrolments
from tests.clock import FROZEN_AT
from tests.factories.appointments import at, make_office, make_session, next_weekday
from tests.factories.people import NATIONAL_NUMBER, make_pathway
from tests.matrix_world import make_enrolled
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
TODAY = date(2026, 5, 29)


@pytest.fixture
def session(coordinator_mons: User) -> CollectiveSession:
    assert coordinator_mons.centre is not None
    office = make_office(coordinator_mons.centre)
    day = next_weekday(timezone.localdate(FROZEN_AT) + timedelta(days=7), 1)
    return make_session(
        office, coordinator_mons, starts_at=at(day, 9), now=FROZEN_AT, interpreter_languages=["ar"]
    )


def test_a_person_is_found_by_name_and_registered_without_a_number_to_type(
    session: CollectiveSession, agent_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    client = client_for(agent_mons)
    url = reverse("appointments:session_register", args=[session.pk])
    page = client.get(reverse("appointments:session", args=[session.pk])).content.decode()
    assert "person_id" not in page and "Numéro de dossier" not in page
    found = client.post(url, {"q": "al-hassan"})
    text = found.content.decode()
    assert found.status_code == 200 and f'name="person" value="{pathway.person_id}"' in text
    assert AccessEvent.objects.filter(what=AccessKind.SEARCH, person=pathway.person).exists()
    done = client.post(url, {"person": pathway.person_id, "interpreter_language": "ar"})
    assert done.status_code == 302
    seat = Seat.objects.get(session=session)
    assert seat.person_id == pathway.person_id and seat.interpreter_language == "ar"


def test_the_search_finds_by_national_number_and_birth_date_in_the_centre_only(
    session: CollectiveSession, agent_mons: User, agent_liege: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    url = reverse("appointments:session_register", args=[session.pk])
    client = client_for(agent_mons)
    for query in (NATIONAL_NUMBER, "30/07/1985"):
        page = client.post(url, {"q": query}).content.decode()
        assert f'value="{pathway.person_id}"' in page, query
    liege = Commune.objects.get(nis_code="62063")
    other = make_pathway(
        actor=agent_liege,
        national_number="",
        family_name="Liegeoise",
        commune=liege,
        postal_code="4000",
    )
    page = client.post(url, {"q": "liegeoise"}).content.decode()
    assert f'value="{other.person_id}"' not in page and "data-nobody" in page
    refused = client.post(url, {"person": other.person_id})
    assert refused.status_code == 404 and not Seat.objects.exists()


def _check(partner: User, text: str) -> HoursReport:
    scope = list(partner_enrolments(user=partner))
    return hours_check(text.encode(), enrolments=scope, today=TODAY)


@pytest.fixture
def enrolled(agent_mons: User, partner_fle: User) -> Enrolment:
    return make_enrolled(agent_mons, partner_fle)


def test_hours_rows_are_matched_by_national_number(enrolled: Enrolment, partner_fle: User) -> None:
    number = enrolled.pathway.person.national_number
    report = _check(partner_fle, f"numero_national;jour;heures\n{number};2026-05-04;3\n")
    assert report.ok, report.errors
    assert report.cells[0].enrolment_id == enrolled.pk


def test_an_unknown_national_number_or_bad_birth_date_gets_a_plain_error_per_row(
    enrolled: Enrolment, partner_fle: User
) -> None:
    other = f"900312123{97 - 900312123 % 97:02d}"  # valid, nobody's
    unknown = _check(partner_fle, f"national_number;date;hours\n{other};2026-05-04;3\n")
    assert not unknown.ok and "numéro national" in unknown.errors[0].error
    bad = _check(
        partner_fle, "nom;prenoms;date_naissance;jour;heures\nAl-Hassan;Amira;30-07;2026-05-04;3\n"
    )
    assert not bad.ok and bad.errors[0].line == 2
    assert "birth_date" not in bad.errors[0].error and "date de naissance" in bad.errors[0].error


def test_a_file_without_a_column_for_the_person_says_so_in_words(partner_fle: User) -> None:
    report = _check(partner_fle, "jour;heures\n2026-05-04;3\n")
    assert report.error and "family_name" not in report.error and "numéro national" in report.error
