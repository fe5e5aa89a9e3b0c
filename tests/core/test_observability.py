import json
import logging
from typing import Any

import pytest
import sentry_sdk
from django.test import Client
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from parcours.core.logging import JsonFormatter, RequestIdFilter, request_id
from parcours.core.sentry import scrub_event, sentry_options

NATIONAL_NUMBER = "85.07.30-033.28"


class Captured(Transport):
    def __init__(self, options: Any = None) -> None:
        super().__init__(options)
        self.sent: list[str] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        self.sent.extend(item.get_bytes().decode() for item in envelope.items)


def test_a_national_number_never_leaves_in_an_error_report() -> None:
    transport = Captured()
    options = sentry_options(dsn="https://key@sentry.example/1", environment="test")
    options |= {"transport": transport, "default_integrations": False, "integrations": []}
    sentry_sdk.init(**options)
    try:
        try:
            raise ValueError(f"No person {NATIONAL_NUMBER} (yara@example.org, +32 470 12 34 56)")
        except ValueError as error:
            sentry_sdk.capture_exception(error)
        sentry_sdk.flush()
    finally:
        sentry_sdk.init(dsn=None)
    sent = "\n".join(transport.sent)
    assert "[national number]" in sent  # the report left, masked
    for secret in (NATIONAL_NUMBER, "033.28", "yara@example.org", "470 12 34 56"):
        assert secret not in sent


def test_scrubbing_removes_the_request_body_user_and_local_variables() -> None:
    event = {
        "user": {"email": "yara@example.org"},
        "request": {
            "url": f"https://parcours.example/staff/search/?q={NATIONAL_NUMBER}",
            "data": {"national_number": NATIONAL_NUMBER},
            "cookies": {"sessionid": "abc"},
            "headers": {"Cookie": "sessionid=abc", "User-Agent": "Firefox"},
        },
        "exception": {"values": [{"stacktrace": {"frames": [{"vars": {"n": NATIONAL_NUMBER}}]}}]},
    }
    scrubbed = json.dumps(scrub_event(event))
    assert NATIONAL_NUMBER not in scrubbed
    assert "sessionid" not in scrubbed and "yara" not in scrubbed
    assert "Firefox" in scrubbed


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_keeps_a_sane_one(client: Client) -> None:
    assert len(client.get("/offices/").headers["X-Request-ID"]) == 32
    kept = client.get("/offices/", headers={"X-Request-ID": "lb-1234-abcd"})
    assert kept.headers["X-Request-ID"] == "lb-1234-abcd"
    odd = client.get("/offices/", headers={"X-Request-ID": "<script>"})
    assert odd.headers["X-Request-ID"] != "<script>"


def test_json_log_lines_carry_the_request_id() -> None:
    record = logging.LogRecord("parcours", logging.INFO, __file__, 1, "Import done", None, None)
    token = request_id.set("req-0001-abcd")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-0001-abcd"
    assert (line["level"], line["logger"], line["message"]) == ("INFO", "parcours", "Import done")
