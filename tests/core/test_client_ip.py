import pytest
from django.http import HttpRequest
from django.test import RequestFactory, override_settings

from parcours.core.http import client_ip


def request_from(remote: str, forwarded: str | None = None) -> HttpRequest:
    request = RequestFactory().get("/")
    request.META["REMOTE_ADDR"] = remote
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


@override_settings(PARCOURS_TRUSTED_PROXY_COUNT=0)
def test_without_a_proxy_the_client_is_the_remote_address() -> None:
    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("10.9.9.9, 203.0.113.7", "203.0.113.7"),  # the left part was written by the client
        ("", "127.0.0.1"),
    ],
)
@override_settings(PARCOURS_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_the_last_forwarded_address(
    forwarded: str, expected: str
) -> None:
    assert client_ip(request_from("127.0.0.1", forwarded)) == expected
