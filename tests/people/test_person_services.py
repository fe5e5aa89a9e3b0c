from datetime import date

import pytest

from parcours.accounts.models import User
from parcours.audit.models import AccessEvent
from parcours.pathways.enums import EventKind, Obligation
from parcours.pathways.selectors import probable_duplicates
from parcours.pathways.services.intake import person_correct
from parcours.people.errors import DuplicatePersonError
from parcours.people.models import Person
from parcours.people.services import person_create, person_merge, person_update
from tests.errors import refused
from tests.factories.people import BIS_NUMBER, make_pathway, person_fields

pytestmark = pytest.mark.django_db


def test_national_and_bis_numbers_are_stored_normalised_and_shown_formatted(
    territory: None,
) -> None:
    person = person_create(fields=person_fields(national_number="85.47.30-033.17"), actor=None)
    assert person.national_number == BIS_NUMBER
    assert person.national_number_display == "85.47.30-033.17"
    assert person.phone == "+32470123456"


BAD_NUMBER = "“%(value)s” is not a valid national register or BIS number."
BAD_COUNTRY = "Unknown country code: %(codes)s (use ISO codes such as SY, MA, CD)."
BAD_LANGUAGE = "Unknown language code: %(codes)s (use ISO 639-1 codes such as ar, fa, uk)."


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("national_number", "85073003329", BAD_NUMBER),
        ("phone", "12", "“%(value)s” is not a valid phone number."),
        ("nationalities", ["ZZ"], BAD_COUNTRY),
        ("languages", ["xx"], BAD_LANGUAGE),
        ("letter_language", "fr,en", "Give a single language code for “%(field)s”."),
    ],
)
def test_bad_identifiers_are_refused_and_nothing_is_created(
    field: str, value: object, message: str, territory: None
) -> None:
    with refused(message):
        person_create(fields=person_fields(**{field: value}), actor=None)
    assert not Person.objects.exists()


def test_the_same_national_number_is_the_same_person(territory: None) -> None:
    person_create(fields=person_fields(), actor=None)
    with refused("A person with this national number is already recorded.", DuplicatePersonError):
        person_create(fields=person_fields(family_name="Other"), actor=None)


def test_every_correction_is_kept_with_who_and_what(agent_mons: User) -> None:
    person = make_pathway(actor=agent_mons).person
    changed = person_update(
        person=person,
        fields={"email": "new@example.org", "sex": "F"},
        actor=agent_mons,
        reason="Typo",
    )
    assert changed == ["email"]
    change = person.changes.get(field="email")
    assert (change.old_value, change.new_value, change.changed_by) == (
        "amira@example.org",
        "new@example.org",
        agent_mons,
    )


def test_a_fact_of_the_decision_recomputes_it_and_the_change_is_on_the_timeline(
    agent_mons: User,
) -> None:
    pathway = make_pathway(actor=agent_mons)
    person_correct(person=pathway.person, fields={"nationalities": ["FR"]}, actor=agent_mons)
    pathway.refresh_from_db()
    assert pathway.obligation == Obligation.NOT_CONCERNED
    assert pathway.decisions.count() == 2 and pathway.decisions.filter(is_current=True).count() == 1
    assert pathway.events.filter(kind=EventKind.DECISION, summary__contains="→").exists()


def test_names_equal_but_for_accents_case_hyphens_and_order_are_probable_duplicates(
    agent_mons: User,
) -> None:
    first = make_pathway(actor=agent_mons, family_name="Al-Hassan", given_names="Amira").person
    second = make_pathway(
        actor=agent_mons,
        national_number="",
        family_name="amira",
        given_names="Al Hassan",
        new_person=True,
    ).person
    third = make_pathway(
        actor=agent_mons,
        national_number="",
        family_name="Amira",
        given_names="Al Hassan",
        birth_date=date(1986, 1, 1),
    ).person
    assert list(probable_duplicates(user=agent_mons, person=first)) == [second]
    assert third not in probable_duplicates(user=agent_mons, person=first)


def test_a_merge_keeps_every_record_of_both(agent_mons: User) -> None:
    keep = make_pathway(actor=agent_mons).person
    other = make_pathway(
        actor=agent_mons,
        national_number="",
        phone="",
        email="x@example.org",
        family_name="AL HASSAN",
        new_person=True,
    ).person
    AccessEvent.objects.create(user=agent_mons, person=other, what="file")
    person_merge(keep=keep, duplicate=other, actor=agent_mons, reason="Same permit")
    assert keep.pathways.count() == 2
    assert AccessEvent.objects.filter(person=keep).count() == 1
    other.refresh_from_db()
    assert other.merged_into == keep and other.changes.exists()
    with refused("These two records cannot be merged."):
        person_merge(keep=keep, duplicate=other, actor=agent_mons, reason="Again")
