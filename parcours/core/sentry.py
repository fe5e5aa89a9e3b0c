"""Error reports to Sentry (when SENTRY_DSN is set) with personal data removed before they
leave: no request body, cookies, query string or user, no local variables, and national
numbers, e-mail addresses and phone numbers masked in every text that remains."""

import re
from typing import Any

NATIONAL_NUMBER = re.compile(r"\b\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s]?\d{3}[.\s]?\d{2}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?:\+|\b00)\d[\d\s./-]{7,}\d")
_DROPPED_REQUEST_KEYS = ("data", "cookies", "query_string", "env")
_KEPT_HEADERS = {"user-agent", "x-request-id", "content-type", "accept-language"}


def mask(text: str) -> str:
    for pattern, label in (
        (NATIONAL_NUMBER, "[national number]"),
        (EMAIL, "[e-mail]"),
        (PHONE, "[phone]"),
    ):
        text = pattern.sub(label, text)
    return text


def _scrubbed(value: Any) -> Any:
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict):
        return {key: _scrubbed(item) for key, item in value.items() if key != "vars"}
    if isinstance(value, list | tuple):
        return [_scrubbed(item) for item in value]
    return value


def scrub_event(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    event.pop("user", None)
    request = event.get("request") or {}
    for key in _DROPPED_REQUEST_KEYS:
        request.pop(key, None)
    headers = request.get("headers") or {}
    request["headers"] = {k: v for k, v in headers.items() if k.lower() in _KEPT_HEADERS}
    if "url" in request:
        request["url"] = str(request["url"]).split("?", 1)[0]
    return dict(_scrubbed(event))


def sentry_options(*, dsn: str, environment: str) -> dict[str, Any]:
    from sentry_sdk.integrations.django import DjangoIntegration  # noqa: PLC0415

    return {
        "dsn": dsn,
        "environment": environment,
        "integrations": [DjangoIntegration()],
        "include_local_variables": False,
        "max_request_body_size": "never",
        "before_send": scrub_event,
        "before_breadcrumb": lambda crumb, hint: _scrubbed(crumb),
    }


def sentry_init(*, dsn: str, environment: str) -> None:
    import sentry_sdk  # noqa: PLC0415 -- only where error tracking is configured

    sentry_sdk.init(**sentry_options(dsn=dsn, environment=environment))
