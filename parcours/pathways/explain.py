"""Rules outcomes in plain words, in the reader's language (reason messages are message ids)."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext

from parcours.rules import REASONS, Reason


def reason_text(code: str, params: dict[str, Any] | None = None) -> str:
    spec = REASONS.get(code)
    if spec is None:
        return code
    text = gettext(spec.message)
    return text.format_map(params) if params else text


def reason_texts(reasons: Iterable[Reason]) -> list[str]:
    return [reason_text(item.code, dict(item.params)) for item in reasons]


def stored_reasons(reasons: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {
            "code": r["code"],
            "legal_basis": r["legal_basis"],
            "text": reason_text(r["code"], r["params"]),
        }
        for r in reasons
    ]
