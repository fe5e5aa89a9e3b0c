"""The office finder, through the API and the page: postal codes, names, accents, bad input."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from parcours.demo.services import demo_seed
from parcours.territory.models import Office, OpeningHours

pytestmark = pytest.mark.usefixtures("territory")


def lookup(client: Client, query: str) -> Any:
    response = client.get("/api/v1/offices/lookup", {"q": query})
    assert response.status_code == 200, response.content
    return response.json()


def test_7000_is_mons_served_by_the_cimb(client: Client) -> None:
    match = lookup(client, "7000")["matches"][0]
    assert match["postal_code"] == "7000"
    assert match["locality"] == "Mons"
    assert match["commune"] == {"nis_code": "53053", "name": "Mons"}
    assert match["region"] == "french_language_region"
    assert match["centre"]["code"] == "CIMB"
    assert match["centre"]["phone"] == "065 61 18 53"
    assert match["centre"]["website"] == "https://cimb.be"


def test_7330_is_saint_ghislain(client: Client) -> None:
    match = lookup(client, "7330")["matches"][0]
    assert match["commune"]["name"] == "Saint-Ghislain"
    assert match["centre"]["code"] == "CIMB"


def test_1000_is_answered_as_brussels_without_a_centre(client: Client) -> None:
    data = lookup(client, "1000")
    assert data["matches"] == [
        {
            "postal_code": "1000",
            "locality": None,
            "commune": None,
            "region": "brussels",
            "centre": None,
            "offices": [],
        }
    ]


def test_9000_is_answered_as_flanders(client: Client) -> None:
    assert lookup(client, "9000")["matches"][0]["region"] == "flanders"


def test_4700_is_eupen_in_the_german_speaking_region(client: Client) -> None:
    match = lookup(client, "4700")["matches"][0]
    assert match["commune"]["name"] == "Eupen"
    assert match["region"] == "german_speaking"
    assert match["centre"] is None


def test_4000_is_liege_with_the_main_locality_first(client: Client) -> None:
    matches = lookup(client, "4000")["matches"]
    assert matches[0]["locality"] == "Liège"
    assert {m["centre"]["code"] for m in matches} == {"CRIPEL"}


def test_an_unknown_walloon_code_does_not_exist(client: Client) -> None:
    match = lookup(client, "1399")["matches"][0]
    assert match["region"] == "unknown"
    assert match["commune"] is None


@pytest.mark.parametrize("query", ["liege", "LIEGE", "Liége", "liège"])
def test_a_locality_typed_without_accents_or_in_capitals_is_found(
    client: Client, query: str
) -> None:
    localities = [m["locality"] for m in lookup(client, query)["matches"]]
    assert localities[0] == "Liège"


@pytest.mark.parametrize("query", ["st ghislain", "St-Ghislain", "saint ghislain"])
def test_an_abbreviated_saint_is_expanded(client: Client, query: str) -> None:
    assert lookup(client, query)["matches"][0]["locality"] == "Saint-Ghislain"


def test_a_partial_name_suggests_matches(client: Client) -> None:
    localities = [m["locality"] for m in lookup(client, "Thimis")["matches"]]
    assert "Thimister" in localities


def test_offices_come_sorted_by_distance_with_hours(client: Client) -> None:
    demo_seed()
    offices = lookup(client, "7000")["matches"][0]["offices"]
    distances = [office["distance_km"] for office in offices]
    assert len(offices) == 2
    assert distances == sorted(distances)
    assert offices[0]["name"] == "CIMB — permanence de Mons"
    assert offices[0]["by_appointment"] is True
    assert offices[0]["opening_hours"][0] == {
        "weekday": "monday",
        "opens": "09:00",
        "closes": "12:00",
    }


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Tapez un code postal"),
        ("x" * 500, "trop long"),
        ("123", "quatre chiffres"),
        ("---", "lettres ou des chiffres"),
    ],
)
def test_bad_input_gets_a_clear_message(client: Client, query: str, message: str) -> None:
    response = client.get("/api/v1/offices/lookup", {"q": query})
    assert response.status_code == 400
    assert message in response.json()["detail"]


@pytest.mark.parametrize(
    "query", ["'; DROP TABLE territory_commune;--", "<script>alert(1)</script>", "%"]
)
def test_sql_or_html_fragments_find_nothing_and_break_nothing(client: Client, query: str) -> None:
    assert lookup(client, query)["matches"] == []
    page = client.get("/offices/", {"q": query})
    assert page.status_code == 200
    assert "<script>alert" not in page.content.decode()


def test_the_page_answers_in_french_by_default(client: Client) -> None:
    page = client.get("/offices/", {"q": "7000"}).content.decode()
    assert "Les rendez-vous sont obligatoires" in page
    assert "065 61 18 53" in page
    assert "Centre Interculturel de Mons et du Borinage" in page


def test_the_page_answers_in_english_under_en(client: Client) -> None:
    page = client.get("/en/offices/", {"q": "7000"}).content.decode()
    assert "Appointments are compulsory" in page


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        ("1000", "Région de Bruxelles-Capitale"),
        ("9000", "Flandre"),
        ("4700", "Communauté germanophone"),
        ("1399", "Ce code postal n’existe pas"),
        ("zzzz", "Aucune localité"),
        ("", "Tapez un code postal"),
    ],
)
def test_out_of_scope_is_answered_plainly_on_the_page(
    client: Client, query: str, sentence: str
) -> None:
    response = client.get("/offices/", {"q": query})
    assert response.status_code == 200
    assert sentence in response.content.decode()


def test_the_htmx_request_gets_only_the_results_fragment(client: Client) -> None:
    response = client.get("/offices/", {"q": "7000"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "CIMB" in body
    assert "<html" not in body


def test_an_unknown_language_prefix_is_a_friendly_404(client: Client) -> None:
    response = client.get("/xx/offices/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_the_openapi_document_and_docs_are_served(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/offices/lookup" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_an_unknown_language_code_in_the_switcher_changes_nothing(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/offices/"})
    assert response.status_code == 302
    assert "fr" in client.get("/offices/").content.decode()[:200]


@pytest.mark.parametrize("query", ["a\x00b", "\x07", "mons\x1b"])
def test_control_characters_get_a_clear_message(client: Client, query: str) -> None:
    # The one input rule for text answers before the finder (parcours.core.middleware).
    response = client.get("/api/v1/offices/lookup", {"q": query})
    assert response.status_code == 400
    assert "caractère de contrôle invisible" in response.json()["detail"]
    page = client.get("/offices/", {"q": query})
    assert page.status_code == 400
    assert "caractère de contrôle invisible" in page.content.decode()


def test_the_reference_data_is_read_once_per_process_until_it_changes(client: Client) -> None:
    """Issue 16: the finder no longer re-reads offices, localities and hours per request; an
    edit (a saved office, its hours) is seen at the next request."""
    demo_seed()
    lookup(client, "7000")  # warms the copy
    with CaptureQueriesContext(connection) as queries:
        first = lookup(client, "7000")["matches"][0]
        lookup(client, "mons")
    assert len(queries) <= 2  # the version key only, once per request
    office = Office.objects.get(name="CIMB — permanence de Mons")
    office.phone = "065 00 00 01"
    office.save()
    OpeningHours.objects.filter(office=office).delete()
    found = lookup(client, "7000")["matches"][0]
    edited = next(o for o in found["offices"] if o["name"] == office.name)
    assert edited["phone"] == "065 00 00 01"
    assert edited["opening_hours"] == []
    assert len(found["offices"]) == len(first["offices"])


def _page_queries(client: Client, query: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/offices/", {"q": query})
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_finder_page_keeps_its_answer_until_a_coordinator_edits_an_office(
    client: Client,
) -> None:
    """A warm finder request is the version key and which offices take online bookings (at
    most two queries, whatever the data); a saved office is on the very next answer."""
    demo_seed()
    _page_queries(client, "7000")  # warms this process's answer
    count, before = _page_queries(client, "7000")
    assert count <= 2
    assert "CIMB — permanence de Mons" in before
    office = Office.objects.get(name="CIMB — permanence de Mons")
    office.name = "CIMB — antenne de Mons"
    office.save()
    _count, after = _page_queries(client, "7000")
    assert "CIMB — antenne de Mons" in after
    assert "CIMB — permanence de Mons" not in after
    english = client.get("/en/offices/", {"q": "7000"}).content.decode()
    assert "Find the office nearest to you" in english  # each language its own answer
    fragment = client.get("/offices/", {"q": "7000"}, headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert "CIMB — antenne de Mons" in html and "<html" not in html  # the results alone


def test_a_warm_finder_page_reads_nothing_until_its_memos_are_over(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16 (≥ 400 requests/s): within `VERSION_SEEN_SECONDS` a process reads the version
    key no more (a query of the shared database cache in production), and which offices take
    online bookings no more within `_BOOKABLE_SEEN_SECONDS`; past them, each is read again."""
    from django.core.cache import cache  # noqa: PLC0415

    from parcours.public.views import pages  # noqa: PLC0415
    from parcours.territory import reference_cache  # noqa: PLC0415

    demo_seed()
    clock = [1000.0]
    monkeypatch.setattr("time.monotonic", lambda: clock[0])
    reads: list[str] = []
    shared_get = cache.get

    def counted(key: str, *args: Any, **kwargs: Any) -> Any:
        reads.append(key)
        return shared_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counted)

    def page() -> tuple[int, int]:
        reads.clear()
        count, html = _page_queries(client, "7000")
        assert "CIMB — permanence de Mons" in html
        return count, reads.count(reference_cache.VERSION_KEY)

    page()  # warms this process's answer and memos
    assert page() == (0, 0)
    clock[0] += reference_cache.VERSION_SEEN_SECONDS
    assert page() == (0, 1)  # the version key, and the same version: the same answer
    clock[0] += pages._BOOKABLE_SEEN_SECONDS
    assert page() == (1, 1)  # and which offices take online bookings


def test_a_version_bumped_by_another_process_is_seen_within_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.core.cache import cache  # noqa: PLC0415

    from parcours.territory import reference_cache  # noqa: PLC0415

    clock = [1000.0]
    monkeypatch.setattr("time.monotonic", lambda: clock[0])
    seen = reference_cache.reference_version()
    cache.set(reference_cache.VERSION_KEY, "bumped-elsewhere", timeout=None)  # another worker
    assert reference_cache.reference_version() == seen
    clock[0] += reference_cache.VERSION_SEEN_SECONDS
    assert reference_cache.reference_version() == "bumped-elsewhere"
    reference_cache.reference_version_bump()  # this process's own edit: seen at once
    assert reference_cache.reference_version() not in (seen, "bumped-elsewhere")
