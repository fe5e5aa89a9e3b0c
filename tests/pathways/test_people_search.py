"""The search by name ranks in passes (the name starts with a word typed, then a later word
starts with the first, then it is inside a word) and reads no further than the limit."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parcours.accounts.models import User
from parcours.pathways.selectors import people_search, people_search_keys
from parcours.people.models import Person
from parcours.territory.models import Commune
from tests.factories.people import make_pathway

pytestmark = pytest.mark.django_db


def _person(agent: User, family: str, given: str, **fields: Any) -> None:
    # A birth date of its own: no two people are the same person by name and birth date.
    born = date(1950, 1, 1) + timedelta(days=sum(map(ord, family + given)) % 9000)
    make_pathway(
        actor=agent,
        national_number="",
        family_name=family,
        given_names=given,
        birth_date=born,
        **fields,
    )


def _names(agent: User, query: str, limit: int = 200) -> list[str]:
    return [
        f"{p.family_name} {p.given_names}"
        for p in people_search(user=agent, query=query, limit=limit)
    ]


def test_names_that_start_with_the_word_come_first_then_a_later_word_then_inside(
    agent_mons: User,
) -> None:
    _person(agent_mons, "Tran", "Nguyen")  # a later word starts with it
    _person(agent_mons, "Nguyễn", "Van")  # accents folded
    _person(agent_mons, "NGUYEN", "Anh")
    _person(agent_mons, "Benguyeni", "Sara")  # inside a word
    _person(agent_mons, "Nguyenova", "Ala")
    _person(agent_mons, "Dupont", "Marie")  # no match
    assert _names(agent_mons, "nguyen") == [
        "NGUYEN Anh",  # "nguyen anh" < "nguyen van" < "nguyenova ala" (the folded name)
        "Nguyễn Van",
        "Nguyenova Ala",
        "Tran Nguyen",
        "Benguyeni Sara",
    ]


def test_every_word_must_be_in_the_name(agent_mons: User) -> None:
    _person(agent_mons, "Haddad", "Yara")
    _person(agent_mons, "Haddad", "Omar")
    _person(agent_mons, "Yara", "Haddadi")
    _person(agent_mons, "Yara", "Karim")
    assert _names(agent_mons, "yara haddad") == ["Yara Haddadi", "Haddad Yara"]


def test_a_common_name_stops_at_the_limit_in_its_first_pass(agent_mons: User) -> None:
    for index in range(6):
        _person(agent_mons, "Nguyen", f"Anh{index}")
    _person(agent_mons, "Tran", "Nguyen")
    with CaptureQueriesContext(connection) as captured:
        keys = people_search_keys(user=agent_mons, query="nguyen", limit=4)
    assert len(keys) == 4
    assert len(captured) == 1  # the later passes are never read
    # The prefix alone, in index order: no `LIKE '%nguyen%'` beside it to plan around.
    assert "%nguyen%" not in captured[0]["sql"] and "nguyen%" in captured[0]["sql"]
    with CaptureQueriesContext(connection) as captured:
        keys = people_search_keys(user=agent_mons, query="nguyen", limit=10)
    assert len(keys) == 7
    assert len(captured) == 3


def test_another_centres_people_and_the_anonymised_are_not_found(
    agent_mons: User, agent_liege: User
) -> None:
    _person(agent_liege, "Nguyen", "Liège", commune=Commune.objects.get(nis_code="62063"))
    _person(agent_mons, "Nguyen", "Mons")
    gone = make_pathway(actor=agent_mons, national_number="", family_name="Nguyen").person
    Person.objects.filter(pk=gone.pk).update(anonymised_on=date(2026, 11, 2))
    assert _names(agent_mons, "nguyen") == ["Nguyen Mons"]
    assert _names(agent_liege, "nguyen") == ["Nguyen Liège"]


def test_a_number_or_a_date_that_finds_nobody_and_empty_words_find_nobody(
    agent_mons: User,
) -> None:
    _person(agent_mons, "Nguyen", "Anh")
    assert _names(agent_mons, "85.07.30-033.61") == []
    assert _names(agent_mons, "31/12/1901") == []
    assert _names(agent_mons, " - , ") == []


def test_a_name_typed_given_name_first_is_found_by_its_start_before_inside_words(
    agent_mons: User,
) -> None:
    _person(agent_mons, "Haddad", "Yara")  # starts with the second word typed
    _person(agent_mons, "Al Haddad", "Yara")  # a later word starts with the first one
    _person(agent_mons, "Yara", "Haddadou")  # starts with the first word typed
    _person(agent_mons, "Haddadi", "Nour Yara")
    _person(agent_mons, "Bouyara", "Haddad")  # the first word inside a word
    _person(agent_mons, "Haddad", "Zouyara")  # starts with the second, the first inside
    _person(agent_mons, "Haddad", "Omar")  # not every word
    assert _names(agent_mons, "yara haddad") == [
        "Yara Haddadou",
        "Haddad Yara",
        "Haddadi Nour Yara",
        "Al Haddad Yara",
        "Bouyara Haddad",  # the inside ones, alphabetical
        "Haddad Zouyara",
    ]
    with CaptureQueriesContext(connection) as captured:
        keys = people_search_keys(user=agent_mons, query="yara haddad", limit=2)
    assert len(keys) == 2
    assert len(captured) == 2  # both starts read, nothing inside the words


def test_a_start_pass_only_for_words_that_can_find_someone_new(agent_mons: User) -> None:
    """The search runs as one types: one letter, a word that lengthens an earlier one and
    the words after the third get no pass of their own."""
    _person(agent_mons, "Haddad", "Yara")

    def passes(query: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            people_search_keys(user=agent_mons, query=query)
        return len(captured)

    assert passes("yara") == 3  # its start, a later word, inside
    assert passes("yara h") == 3  # one letter: no start pass
    assert passes("had haddad") == 3  # "haddad" starts with "had"
    assert passes("yara haddad") == 4
    assert passes("yara haddad nour omar karim") == 5  # the second and third words only
    assert _names(agent_mons, "yara h") == ["Haddad Yara"]
    assert _names(agent_mons, "had haddad") == ["Haddad Yara"]
    assert _names(agent_mons, "haddad yara yara") == ["Haddad Yara"]  # a word typed twice
