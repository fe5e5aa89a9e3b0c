"""Lists a CRI can live with: the commune's list sorts by a column named in the URL
(whitelisted keys only), exports as CSV and XLSX through the one export helper (formulas
neutralised), each export audited; the session's registrations export too; staff pages link
the one print stylesheet."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from parcours.accounts.models import User
from parcours.appointments.services.sessions import seat_register
from parcours.audit.enums import AccessKind
from parcours.audit.models import AccessEvent
from tests.clock import FROZEN_AT
from tests.factories.appointments import at, make_office, make_session, next_weekday
from tests.factories.people import make_pathway
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def _people(agent: User) -> None:
    make_pathway(actor=agent, national_number="", family_name="Zeller", given_names="Anna")
    make_pathway(actor=agent, national_number="", family_name="=HYPERLINK(1)", given_names="Bo")
    make_pathway(actor=agent, national_number="", family_name="Abdi", given_names="Hawa")


def _names(html: str) -> list[str]:
    return [n for n in ("ABDI", "ZELLER", "=HYPERLINK") if n in html]


def test_the_commune_list_sorts_by_a_whitelisted_column_both_ways(
    agent_mons: User, commune_mons: User, client_for: ClientFor
) -> None:
    _people(agent_mons)
    client = client_for(commune_mons)
    url = reverse("staff:commune_people")
    page = client.get(url).content.decode()
    assert page.index("ABDI") < page.index("ZELLER") and 'aria-sort="ascending"' in page
    down = client.get(url, {"sort": "-name"}).content.decode()
    assert down.index("ZELLER") < down.index("ABDI") and 'aria-sort="descending"' in down
    odd = client.get(url, {"sort": "national_number"})
    assert odd.status_code == 200 and odd.content.decode().index(
        "ABDI"
    ) < odd.content.decode().index("ZELLER")


def test_the_commune_list_exports_neutralised_and_audited(
    agent_mons: User, commune_mons: User, client_for: ClientFor
) -> None:
    _people(agent_mons)
    client = client_for(commune_mons)
    url = reverse("staff:commune_people")
    before = AccessEvent.objects.filter(what=AccessKind.LIST_EXPORT).count()
    csv = client.get(url, {"export": "csv", "sort": "-name"})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and text.index("ZELLER") < text.index("ABDI")
    assert AccessEvent.objects.filter(what=AccessKind.LIST_EXPORT).count() == before + 3
    xlsx = client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert client.get(url, {"export": "exe"})["Content-Type"].startswith("text/html")


def test_the_session_registrations_export_and_are_audited(
    agent_mons: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    assert coordinator_mons.centre is not None
    office = make_office(coordinator_mons.centre)
    day = next_weekday(timezone.localdate(FROZEN_AT) + timedelta(days=7), 1)
    session = make_session(office, coordinator_mons, starts_at=at(day, 9), now=FROZEN_AT)
    person = make_pathway(actor=agent_mons).person
    seat_register(session=session, actor=agent_mons, now=FROZEN_AT, person=person)
    url = reverse("appointments:session", args=[session.pk])
    client = client_for(agent_mons)
    assert 'data-export="csv"' in client.get(url).content.decode()
    found = client.get(url, {"export": "csv"})
    assert found.status_code == 200 and "AL-HASSAN" in found.content.decode("utf-8-sig")
    assert AccessEvent.objects.filter(what=AccessKind.LIST_EXPORT, person=person).exists()


def test_staff_pages_link_the_print_stylesheet(agent_mons: User, client_for: ClientFor) -> None:
    page = client_for(agent_mons).get(reverse("staff:worklist")).content.decode()
    assert 'staff-print.css" media="print"' in page


def test_the_worklist_exports_as_filtered_neutralised_and_audited(
    agent_mons: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    _people(agent_mons)
    client = client_for(coordinator_mons)
    url = reverse("staff:worklist")
    page = client.get(url).content.decode()
    assert 'data-export="csv"' in page and 'data-export="xlsx"' in page
    before = AccessEvent.objects.filter(what=AccessKind.LIST_EXPORT).count()
    csv = client.get(url, {"export": "csv", "all": "1"})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode()
    assert "ABDI Hawa" in text and "ZELLER Anna" in text
    assert "'=HYPERLINK(1)" in text  # a formula is written as text
    exported = AccessEvent.objects.filter(what=AccessKind.LIST_EXPORT).count() - before
    assert exported == 3  # one row per person in the file
    xlsx = client.get(url, {"export": "xlsx", "all": "1"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "ABDI Hawa" in values and "Personne" in values
    # A status filter narrows the file like the page.
    none = client.get(url, {"export": "csv", "status": "completed"}).content.decode()
    assert "ABDI" not in none


def test_the_commune_list_keeps_names_whole_in_a_scrolling_region(
    agent_mons: User, commune_mons: User, client_for: ClientFor
) -> None:
    """At 360 px the names broke mid-word ("HOSSEIN I"): the cells keep words whole, and the
    table scrolls sideways inside a labelled region rather than the page."""
    _people(agent_mons)
    page = client_for(commune_mons).get(reverse("staff:commune_people")).content.decode()
    region = page.split('<div class="table-scroll" role="region"', 1)[1]
    assert 'aria-labelledby="people-title" tabindex="0"><table class="commune-people">' in region
    assert 'id="people-title"' in page
    css = (settings.BASE_DIR / "parcours/static/css/parcours.css").read_text()
    assert ".commune-people td { overflow-wrap: normal; }" in css.replace(
        ".referrals th, .referrals td, ", ""
    )
