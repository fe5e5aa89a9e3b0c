import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.domain_error_urls")]


def test_an_unhandled_domain_error_is_its_message_with_a_400(client: Client) -> None:
    response = client.get("/refused/")
    assert response.status_code == 400
    html = response.content.decode()
    assert "The agreement is already signed." in html
    assert "Rien n’a été modifié." in html  # the page speaks French, the default language


def test_a_not_found_domain_error_keeps_its_404(client: Client) -> None:
    response = client.get("/missing/")
    assert response.status_code == 404
    assert "No such import." in response.content.decode()


def test_any_other_exception_is_left_to_the_500_handler(client: Client) -> None:
    client.raise_request_exception = False
    assert client.get("/broken/").status_code == 500


@pytest.mark.parametrize(
    "url", ["/refused/?q=a%00b", "/staff/worklist/?status=%00", "/offices/?q=70%0000"]
)
def test_a_control_character_in_a_query_string_is_a_clear_400(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert "caractère de contrôle invisible" in response.content.decode()


def test_a_nul_in_a_json_body_is_a_400_in_the_api_shape(client: Client) -> None:
    response = client.post(
        "/api/v1/eligibility",
        '{"id": 1, "family_name": "A\\u0000B"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "caractère de contrôle invisible" in response.json()["detail"]


def test_a_nul_in_a_form_changes_nothing(client: Client) -> None:
    response = client.post("/accounts/login/", {"username": "a\x00@example.org", "password": "x"})
    assert response.status_code == 400


def test_staff_pages_and_pdfs_are_never_cached(client: Client) -> None:
    assert client.get("/staff/").headers["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/offices/").headers.get("Cache-Control", "")
