"""The worklist sorts by a whitelisted column named in the URL (urgency by default, the
person's name, the status, the referent), both ways; the headers are links with aria-sort;
the order holds across pages, filters and the export; an unknown key is the default order."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus
from parcours.appointments.models import Appointment
from parcours.pathways.models import Pathway
from parcours.pathways.services.staffing import pathway_assign_agent
from parcours.territory.models import Centre
from tests.factories.accounts import make_user
from tests.factories.appointments import kind, make_office
from tests.factories.people import make_pathway
from tests.queries import page_queries
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
NAMES = ("Mertens", "Abdi", "Zeller", "Diallo")


def _files(agent: User, coordinator: User) -> dict[str, Pathway]:
    assert agent.centre is not None
    other = make_user(email="a.b@example.org", role=Role.AGENT, centre=agent.centre)
    other.full_name = "Aline Bertrand"
    other.save()
    agent.full_name = "Zoé Wauters"
    agent.save()
    files = {}
    for index, name in enumerate(NAMES):
        day = timezone.localdate() - timedelta(days=40 - index)
        files[name] = make_pathway(
            actor=agent, national_number="", family_name=name, given_names="Sam", referred_on=day
        )
    pathway_assign_agent(pathway=files["Zeller"], agent=other, actor=coordinator)
    for name in ("Mertens", "Diallo"):
        pathway_assign_agent(pathway=files[name], agent=None, actor=coordinator)
    return files


def _order(html: str) -> list[str]:
    found = [(html.find(n.upper()), n) for n in NAMES if n.upper() in html]
    return [n for _at, n in sorted(found)]


def _get(client: object, **params: str) -> str:
    response = client.get(reverse("staff:worklist"), {"scope": "centre", **params})  # type: ignore[attr-defined]
    assert response.status_code == 200
    return str(response.content.decode())


def test_the_worklist_sorts_by_name_both_ways_with_aria_sort(
    agent_mons: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    _files(agent_mons, coordinator_mons)
    client = client_for(coordinator_mons)
    page = _get(client, sort="name")
    assert _order(page) == ["Abdi", "Diallo", "Mertens", "Zeller"]
    assert '<th scope="col" aria-sort="ascending"><a href="?scope=centre&amp;sort=-name">' in page
    assert _order(_get(client, sort="-name")) == ["Zeller", "Mertens", "Diallo", "Abdi"]
    assert 'aria-sort="descending"' in _get(client, sort="-name")


def test_the_default_order_is_urgency_and_an_unknown_key_falls_back_to_it(
    agent_mons: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    _files(agent_mons, coordinator_mons)
    client = client_for(coordinator_mons)
    default = _order(_get(client))
    assert default == list(NAMES)  # referred first, invited first: the oldest referral first
    for odd in ("national_number", "-person__family_name", "", "--name", "x" * 500):
        assert _order(_get(client, sort=odd)) == default
    assert _order(_get(client, sort="-urgency")) == list(reversed(NAMES))
    assert _order(_get(client, sort="due")) == default


def test_the_worklist_sorts_by_referent_then_due_date(
    agent_mons: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    _files(agent_mons, coordinator_mons)
    client = client_for(coordinator_mons)
    # Aline Bertrand, Zoé Wauters, then the files without a referent, each by due date.
    assert _order(_get(client, sort="agent")) == ["Zeller", "Abdi", "Mertens", "Diallo"]
    assert _order(_get(client, sort="-agent")) == ["Diallo", "Mertens", "Abdi", "Zeller"]


def test_the_worklist_sorts_by_status(
    agent_mons: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    files = _files(agent_mons, coordinator_mons)
    Pathway.objects.filter(pk=files["Zeller"].pk).update(status="invited")
    client = client_for(coordinator_mons)
    found = _order(_get(client, sort="status", all="1"))
    assert found[0] == "Zeller"  # "invited" before "referred"
    assert _order(_get(client, sort="-status", all="1"))[-1] == "Zeller"


def test_the_sort_persists_in_the_pager_the_filters_and_the_export(
    agent_mons: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    for index in range(27):
        make_pathway(actor=agent_mons, national_number="", family_name=f"N{index:02d}")
    client = client_for(coordinator_mons)
    page = _get(client, sort="-name")
    assert "sort=-name&amp;page=2" in page  # the pager keeps the order
    assert '<option value="-name" selected>' in page  # so does the filter form
    second = _get(client, sort="-name", page="2")
    assert "N01" in second and "N00" in second and "N26" not in second
    assert 'href="?sort=-name&amp;export=csv"' in _get(client, sort="-name").replace(
        "scope=centre&amp;", ""
    )
    text = client.get(
        reverse("staff:worklist"), {"scope": "centre", "sort": "-name", "export": "csv"}
    ).content.decode("utf-8-sig")
    assert text.index("N26") < text.index("N25") < text.index("N00")
    assert "Trié par,Personne (décroissant)" in text


def test_an_appointment_today_takes_its_place_in_a_name_sort(
    agent_mons: User, coordinator_mons: User, cimb: Centre, client_for: ClientFor
) -> None:
    files = _files(agent_mons, coordinator_mons)
    starts = timezone.now() + timedelta(hours=1)
    Appointment.objects.create(
        centre=cimb,
        office=make_office(cimb, name="Sort office"),
        kind=kind(),
        staff=agent_mons,
        person=files["Mertens"].person,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=30),
        status=AppointmentStatus.PLANNED,
    )
    page = _get(client_for(coordinator_mons), sort="name")
    assert _order(page) == ["Abdi", "Diallo", "Mertens", "Zeller"]
    assert "Rendez-vous aujourd" in page


@pytest.mark.parametrize("sort", ["name", "-name", "status", "agent", "-agent"])
def test_a_sorted_worklist_costs_the_same_queries_at_two_sizes(
    sort: str, agent_mons: User, cimb: Centre, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    url, params = reverse("staff:worklist"), {"scope": "centre", "sort": sort}
    office = make_office(cimb, name="Office sort costs")

    def grow(count: int, start: int) -> None:
        for index in range(start, start + count):
            pathway = make_pathway(actor=agent_mons, national_number="", family_name=f"S{index}")
            at = timezone.make_aware(datetime(2026, 11, 30, 9, 0)) + timedelta(minutes=index)
            Appointment.objects.create(
                centre=cimb,
                office=office,
                kind=kind(),
                staff=agent_mons,
                person=pathway.person,
                starts_at=at,
                ends_at=at + timedelta(minutes=1),
                status=AppointmentStatus.PLANNED,
            )
            make_pathway(actor=agent_mons, national_number="", family_name=f"T{index}")

    grow(2, 0)
    page_queries(client, url, params)
    small = page_queries(client, url, params)
    grow(20, 2)
    assert page_queries(client, url, params) == small
    assert page_queries(client, url, params | {"page": "2"}) == small


def test_a_page_of_the_worklist_translates_each_label_once_not_once_per_row(
    agent_mons: User, coordinator_mons: User, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row's `get_status_display` translated every status (Django hashes the field's lazy
    choices on each call): 13 labels per row. The page looks each label up once: the same
    translations with four rows and with eight."""
    from django.utils import translation  # noqa: PLC0415

    _files(agent_mons, coordinator_mons)
    client = client_for(coordinator_mons)
    _get(client, all="1")  # the session, the menus: what a page costs once
    asked: list[str] = []
    translate = translation._trans.gettext  # type: ignore[attr-defined]

    def spy(message: str) -> str:
        asked.append(str(message))
        return str(translate(message))

    monkeypatch.setattr(translation._trans, "gettext", spy)  # type: ignore[attr-defined]
    _get(client, all="1")
    four = sorted(asked)
    for name in NAMES:
        make_pathway(actor=agent_mons, national_number="", family_name=name, given_names="Lou")
    asked.clear()
    html = _get(client, all="1")
    assert html.count("Lou") == len(NAMES)  # the new rows are on the page
    assert sorted(asked) == four
    # "Withdrawn" is no row's status: translated once, for the rows and the status filter.
    assert asked.count("Withdrawn") == 1
