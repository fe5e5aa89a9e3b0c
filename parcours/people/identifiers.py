"""Identifiers and codes checked at the edge: Belgian national register and BIS numbers
(python-stdnum), phone numbers (phonenumbers, E.164), ISO 3166 countries and ISO 639-1
languages. Each `normalise_*` returns the stored form or raises a translated DomainError."""

import functools
from pathlib import Path

import phonenumbers
from django.utils.translation import gettext as _
from stdnum.be import bis, nn
from stdnum.exceptions import ValidationError as StdnumError

from parcours.core.errors import DomainError
from parcours.rules.contract import countries

_LANGUAGES_FILE = Path(__file__).resolve().parent / "data" / "iso639_1.txt"
PHONE_REGION = "BE"


def normalise_national_number(raw: str) -> str:
    """11 digits, from a national register number or a BIS number, dots and dashes allowed."""
    compact = nn.compact(raw)
    if not compact:
        return ""
    if nn.is_valid(compact) or bis.is_valid(compact):
        return compact
    raise DomainError(
        _("“%(value)s” is not a valid national register or BIS number.") % {"value": raw}
    )


def format_national_number(value: str) -> str:
    if not value:
        return ""
    try:
        return str(nn.format(value))
    except StdnumError:  # pragma: no cover - stored values were validated
        return value


def normalise_phone(raw: str) -> str:
    if not raw.strip():
        return ""
    try:
        number = phonenumbers.parse(raw, PHONE_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise DomainError(_("“%(value)s” is not a valid phone number.") % {"value": raw})
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def format_phone(value: str) -> str:
    if not value:
        return ""
    number = phonenumbers.parse(value, PHONE_REGION)
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


@functools.cache
def language_codes() -> frozenset[str]:
    lines = _LANGUAGES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(code for line in lines if not line.startswith("#") for code in line.split())


def _codes(raw: list[str] | str, *, upper: bool) -> list[str]:
    items = raw.replace(";", ",").split(",") if isinstance(raw, str) else raw
    cleaned = [item.strip().upper() if upper else item.strip().lower() for item in items]
    return list(dict.fromkeys(code for code in cleaned if code))


def normalise_countries(raw: list[str] | str) -> list[str]:
    codes = _codes(raw, upper=True)
    unknown = [code for code in codes if code not in countries()]
    if unknown:
        raise DomainError(
            _("Unknown country code: %(codes)s (use ISO codes such as SY, MA, CD).")
            % {"codes": ", ".join(unknown)}
        )
    return codes


def normalise_languages(raw: list[str] | str) -> list[str]:
    codes = _codes(raw, upper=False)
    unknown = [code for code in codes if code not in language_codes()]
    if unknown:
        raise DomainError(
            _("Unknown language code: %(codes)s (use ISO 639-1 codes such as ar, fa, uk).")
            % {"codes": ", ".join(unknown)}
        )
    return codes
