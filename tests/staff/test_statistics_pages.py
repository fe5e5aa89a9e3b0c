import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from parcours.accounts.models import User
from parcours.audit.models import StatisticsExport
from parcours.pathways.models import Waiver
from parcours.territory.models import Centre
from tests.factories.people import make_pathway
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
PAGE = reverse("staff:statistics")


def _export(figure: str, fmt: str) -> str:
    return reverse("staff:statistics_export", args=[figure, fmt])


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("agent_mons", 403),
        ("partner_fle", 403),
        ("commune_mons", 403),
        ("admin_user", 403),
        ("coordinator_mons", 200),
        ("region", 200),
    ],
)
def test_only_coordinators_and_the_region_see_the_statistics(
    persona: str, status: int, client_for: ClientFor, request: pytest.FixtureRequest
) -> None:
    client = client_for(request.getfixturevalue(persona))
    assert client.get(PAGE).status_code == status
    assert client.get(_export("funnel", "csv")).status_code == status


def test_a_visitor_is_sent_to_the_login(client: Client) -> None:
    assert client.get(PAGE).status_code == 302


@pytest.mark.parametrize(
    "query",
    [
        "start=2026-13-01",
        "start=2026-06-01&end=2026-01-01",
        "cohort=March",
        "commune=abc",
        "centre=999999",
    ],
)
def test_bad_filters_get_a_clear_message_never_a_500(
    query: str, region: User, client_for: ClientFor
) -> None:
    response = client_for(region).get(f"{PAGE}?{query}")
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def _people(count: int, *, referred_on: date) -> None:
    for i in range(count):
        make_pathway(
            national_number="", family_name=f"Stat{i}", given_names=f"P{i}", referred_on=referred_on
        )


def test_the_coordinator_sees_the_exact_small_counts_of_their_centre(
    coordinator_mons: User, client_for: ClientFor
) -> None:
    _people(3, referred_on=date(2026, 3, 2))
    body = client_for(coordinator_mons).get(f"{PAGE}?start=2026-01-01&end=2026-12-31").content
    text = body.decode()
    assert "&lt; 5" not in text
    assert '<td class="num">3</td>' in text


def test_the_region_sees_small_counts_hidden(region: User, client_for: ClientFor) -> None:
    _people(3, referred_on=date(2026, 3, 2))
    text = client_for(region).get(f"{PAGE}?start=2026-01-01&end=2026-12-31").content.decode()
    assert "&lt; 5" in text
    assert '<td class="num">3</td>' not in text


def test_the_page_has_no_inline_style_and_an_svg_chart_per_figure(
    region: User, client_for: ClientFor
) -> None:
    _people(6, referred_on=date(2026, 3, 2))
    text = client_for(region).get(f"{PAGE}?compare=on").content.decode()
    assert "style=" not in text
    assert "<script>" not in text  # no inline script: only the vendored htmx file
    assert text.count("<svg") >= 5
    assert text.count("<table") >= 20


def test_a_csv_export_carries_its_filters_and_is_audited(
    coordinator_mons: User, client_for: ClientFor, cimb: Centre
) -> None:
    _people(6, referred_on=date(2026, 3, 2))
    url = _export("inflow_sex", "csv") + "?start=2026-03-01&end=2026-03-31"
    response = client_for(coordinator_mons).get(url)
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["Période", "2026-03-01 – 2026-03-31"] in lines
    assert ["Centre", "CIMB"] in lines
    assert any(line and line[0] == "Extrait le" for line in lines)
    assert ["Femme", "6", "0", "6"] in lines
    audit = StatisticsExport.objects.get()
    assert (audit.user, audit.figure, audit.file_format) == (coordinator_mons, "inflow_sex", "csv")
    assert audit.filters["Période"] == "2026-03-01 – 2026-03-31"


def test_an_xlsx_export_of_the_region_shows_hidden_cells_as_text(
    region: User, client_for: ClientFor
) -> None:
    _people(3, referred_on=date(2026, 3, 2))
    response = client_for(region).get(_export("inflow_sex", "xlsx") + "?start=2026-01-01")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "*" in values  # every count under 5: the figure is withheld whole, alike
    assert 3 not in values
    assert StatisticsExport.objects.filter(user=region, file_format="xlsx").exists()


def test_a_recorded_text_that_looks_like_a_formula_is_neutralised(
    coordinator_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(national_number="")
    Waiver.objects.create(pathway=pathway, ground="=HYPERLINK(1)", evidence="x")
    response = client_for(coordinator_mons).get(_export("funnel_waivers", "csv"))
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def test_the_side_by_side_checkbox_sits_on_one_line_with_its_label(
    client_for: ClientFor, region: User
) -> None:
    page = client_for(region).get(PAGE).content.decode()
    assert '<span class="check"><input type="checkbox" name="compare"' in page
