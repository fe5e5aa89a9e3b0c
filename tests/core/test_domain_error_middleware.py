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
