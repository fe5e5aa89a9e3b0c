"""What newcomers type: digits of every script and "7000 Mons" in the finder and the self-check;
errors and hints linked to their field, and an error summary at the top of a failed form."""

import re

import pytest
import time_machine
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from parcours.core.text import ascii_digits, postal_query
from tests.public.test_self_check import SYRIAN_IN_MONS

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
FULL_WIDTH = "０１２３４５６７８９"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("٧٠٠٠", "7000"),
        ("۷۰۰۰", "7000"),
        ("７０００", "7000"),
        ("7000 Mons", "7000"),
        ("٧٠٠٠ Mons", "7000"),
        ("Mons 7000", "7000"),
        ("Mons, 7000", "7000"),
        ("B-7000 Mons", "7000"),
        ("  7330  ", "7330"),
        ("７３３０　Saint-Ghislain", "7330"),
        ("Mons", "Mons"),
        ("Saint-Ghislain", "Saint-Ghislain"),
        ("７0", "70"),
        ("", ""),
    ],
)
def test_postal_query_reads_what_people_type(typed: str, read: str) -> None:
    assert postal_query(typed) == read


@given(
    st.integers(min_value=0, max_value=9999), st.sampled_from([ARABIC_INDIC, PERSIAN, FULL_WIDTH])
)
def test_any_code_in_any_script_reads_as_ascii(number: int, digits: str) -> None:
    code = f"{number:04d}"
    typed = "".join(digits[int(d)] for d in code)
    assert ascii_digits(typed) == code
    assert postal_query(typed) == code
    assert postal_query(f"{typed} Mons") == code


@given(st.text(alphabet=st.characters(blacklist_categories=["Nd"]), max_size=30))
def test_text_without_digits_is_left_alone_by_ascii_digits(text: str) -> None:
    assert ascii_digits(text) == text


@pytest.mark.usefixtures("territory")
@pytest.mark.parametrize("typed", ["٧٠٠٠", "۷۰۰۰", "７０００", "7000 Mons"])
def test_the_finder_reads_every_script_and_code_with_name(client: Client, typed: str) -> None:
    body = client.get("/offices/", {"q": typed}).content.decode()
    assert "Centre Interculturel de Mons et du Borinage" in body
    api = client.get("/api/v1/offices/lookup", {"q": typed}).json()
    assert api["matches"][0]["postal_code"] == "7000"


@pytest.mark.usefixtures("territory")
@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
@pytest.mark.parametrize("typed", ["٧٠٠٠", "۷۰۰۰", "７０００", "7000 Mons"])
def test_the_self_check_reads_every_script_and_code_with_name(client: Client, typed: str) -> None:
    page = client.post("/am-i-concerned/", {**SYRIAN_IN_MONS, "postal_code": typed}).content
    text = page.decode()
    assert "le parcours d’intégration est obligatoire pour vous" in text
    assert "/offices/?q=7000" in text


@pytest.mark.usefixtures("territory")
@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_the_answer_links_to_booking_and_the_finder_and_hides_the_law_behind_why(
    client: Client,
) -> None:
    text = client.post("/am-i-concerned/", SYRIAN_IN_MONS).content.decode()
    assert 'href="/book/"' in text
    assert 'href="/offices/"' in text
    assert '<details class="why"><summary>Pourquoi\u00a0? La loi</summary>' in text
    answer, law = text.split('<details class="why">', 1)
    assert "CWASS" not in answer.split('id="decision-title"', 1)[1]
    assert "CWASS" in law


@pytest.mark.usefixtures("territory")
@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_each_error_and_hint_is_linked_to_its_field_with_the_ids_django_renders(
    client: Client,
) -> None:
    text = client.post("/am-i-concerned/", {"postal_code": "70", "has_permit": "yes"}).content
    page = text.decode()
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    assert described
    for value in described:
        for target in value.split():
            assert target in ids, target
    postal = re.search(r'<input[^>]*name="postal_code"[^>]*>', page)
    assert postal and 'aria-describedby="id_postal_code_error"' in postal.group(0)
    assert 'aria-invalid="true"' in postal.group(0)
    permit_until = re.search(r'<input[^>]*name="permit_valid_until"[^>]*>', page)
    assert permit_until and "id_permit_valid_until_helptext" in permit_until.group(0)


@pytest.mark.usefixtures("territory")
@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_a_failed_submit_opens_with_a_summary_linking_to_each_field(client: Client) -> None:
    page = client.post("/am-i-concerned/", {"postal_code": "70", "has_permit": "yes"}).content
    text = page.decode()
    summary = text.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert text.index("data-error-summary") < text.index('name="postal_code"')
    assert 'href="#id_postal_code"' in summary
    assert 'href="#id_birth_date"' in summary
    assert 'tabindex="-1"' in text.split("data-error-summary", 1)[0][-200:]
    assert "js/forms.js" in text  # the vendored script that moves the focus to it


def test_the_base_page_has_a_favicon_and_no_inline_script(client: Client) -> None:
    text = client.get("/").content.decode()
    assert 'rel="icon"' in text
    assert "<script>" not in text
    assert re.search(r"<script(?![^>]*\ssrc=)[^>]*>", text) is None


@pytest.mark.usefixtures("territory")
@pytest.mark.parametrize(
    ("code", "required"),
    [("ps", "دا ځای اړین دی."), ("ar", "هذا الحقل مطلوب."), ("uk", "Це поле обов'язкове.")],
)
def test_djangos_own_form_errors_are_translated_too_even_in_pashto(
    client: Client, code: str, required: str
) -> None:
    page = client.post(f"/{code}/am-i-concerned/", {}).content.decode()
    assert required in page.replace("&#x27;", "'")
    assert "This field is required." not in page
