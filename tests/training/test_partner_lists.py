"""The partner's lists sort by whitelisted columns (aria-sort on the sorted one) and download
as CSV and XLSX through the one export helper: formulas neutralised, the partner, the list
and the extraction date in the file, one access row per person; a partner only ever sees and
downloads its own people."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from parcours.accounts.models import User
from parcours.audit.enums import AccessKind
from parcours.audit.models import AccessEvent
from parcours.training.enums import Track
from parcours.training.models import Enrolment, Offer, Partner
from tests.factories.people import make_pathway
from tests.factories.training import make_enrolment, make_offer
from tests.pathways.journey import do_agreement, do_welcome
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
URL = "partner:inbox"


def _agreed(agent: User, family_name: str) -> object:
    pathway = make_pathway(
        actor=agent, national_number="", family_name=family_name, given_names="Sam"
    )
    do_welcome(pathway, agent)
    do_agreement(pathway, agent)
    return pathway


@pytest.fixture
def people(agent_mons: User, offer_fr: Offer, partner_fle: User) -> dict[str, Enrolment]:
    found = {}
    for name, accepted in (("Zeller", True), ("=HYPERLINK(1)", True), ("Abdi", False)):
        pathway = _agreed(agent_mons, name)
        found[name] = make_enrolment(
            pathway,  # type: ignore[arg-type]
            offer_fr,
            agent=agent_mons,
            partner_user=partner_fle if accepted else None,
            accepted=accepted,
        )
    return found


@pytest.fixture
def other_people(agent_mons: User, other_partner: Partner, other_partner_user: User) -> Enrolment:
    offer = make_offer(other_partner, Track.CITIZENSHIP, title="Citoyenneté Beta")
    pathway = _agreed(agent_mons, "Ostrowski")
    return make_enrolment(
        pathway,  # type: ignore[arg-type]
        offer,
        agent=agent_mons,
        partner_user=other_partner_user,
    )


def test_the_partner_lists_sort_by_name_both_ways_with_aria_sort(
    people: dict[str, Enrolment], partner_fle: User, client_for: ClientFor
) -> None:
    client = client_for(partner_fle)
    up = client.get(reverse(URL), {"sort": "name"}).content.decode()
    assert up.index("=HYPERLINK") < up.index("ZELLER")
    assert 'aria-sort="ascending"><a href="?sort=-name">' in up
    down = client.get(reverse(URL), {"sort": "-name"}).content.decode()
    assert down.index("ZELLER") < down.index("=HYPERLINK")
    assert 'aria-sort="descending"' in down
    odd = client.get(reverse(URL), {"sort": "pathway__person__national_number"})
    assert odd.status_code == 200 and 'aria-sort="ascending"><a href="?sort=-referred">' in (
        odd.content.decode()
    )


def test_the_partner_downloads_its_lists_neutralised_dated_and_audited(
    people: dict[str, Enrolment], partner_fle: User, client_for: ClientFor
) -> None:
    client = client_for(partner_fle)
    page = client.get(reverse(URL)).content.decode()
    assert 'data-export="csv"' in page and 'data-export="xlsx"' in page
    before = AccessEvent.objects.filter(what=AccessKind.LIST_EXPORT, user=partner_fle).count()
    csv = client.get(reverse(URL), {"export": "csv", "sort": "-name"})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text  # a formula stays text
    assert text.index("ZELLER") < text.index("ABDI")
    assert "Extrait le,30/11/2026" in text and "École de français de Mons" in text
    assert "Trié par,Personne (décroissant)" in text and "Statut,Toutes les listes" in text
    after = AccessEvent.objects.filter(what=AccessKind.LIST_EXPORT, user=partner_fle).count()
    assert after - before == 3  # one row per person in the file
    xlsx = client.get(reverse(URL), {"export": "xlsx", "status": "accepted"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert "ZELLER Sam" in cells and "ABDI Sam" not in cells  # the list asked for only
    assert "Statut" in cells and "Accepté" in cells


def test_a_partner_never_sees_nor_downloads_another_partners_people(
    people: dict[str, Enrolment],
    other_people: Enrolment,
    partner_fle: User,
    other_partner_user: User,
    client_for: ClientFor,
) -> None:
    mine = client_for(partner_fle)
    assert "OSTROWSKI" not in mine.get(reverse(URL)).content.decode()
    text = mine.get(reverse(URL), {"export": "csv"}).content.decode("utf-8-sig")
    assert "OSTROWSKI" not in text and "ZELLER" in text
    theirs = client_for(other_partner_user)
    found = theirs.get(reverse(URL), {"export": "csv", "sort": "name"}).content.decode()
    assert "OSTROWSKI" in found and "ZELLER" not in found and "ABDI" not in found
    audited = AccessEvent.objects.filter(what=AccessKind.LIST_EXPORT, user=other_partner_user)
    assert list(audited.values_list("person_id", flat=True)) == [other_people.pathway.person_id]
