"""Text normalisation for search: accents, case, punctuation and common abbreviations."""

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-‐‑–—'’`´.,;:/()]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "s": "saint"}


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse punctuation to single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", stripped.casefold()).strip()


def search_key(text: str) -> str:
    """`fold`, then expand "st"/"ste" so that "St-Ghislain" finds "Saint-Ghislain"."""
    words = fold(text).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


# The one input rule for text (forms, API bodies, query strings, imported files): no control
# character but tab, line feed and carriage return. PostgreSQL refuses NUL in text; the others
# are never typed by a person and only hide things from the eye.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same characters written as JSON escapes (\u0000 … \u001f but \t \n \r, and \u007f).
JSON_CONTROL_ESCAPES = re.compile(r"\\u00(?:0[0-8bcefBCEF]|1[0-9a-fA-F]|7[fF])")


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def first_line_with_control_characters(text: str) -> int | None:
    """The 1-based number of the first line that breaks the rule, or None."""
    found = CONTROL_CHARACTERS.search(text)
    return None if found is None else text.count("\n", 0, found.start()) + 1


# A postal code and its locality typed together, either way round: "7000 Mons", "Mons 7000",
# "B-7000 Mons".
_CODE_AND_NAME = re.compile(r"^(?:[bB]\s*-\s*)?(\d{4})\s*[,\-]?\s+\D.*$|^\D.*?[\s,]\s*(\d{4})$")


def ascii_digits(text: str) -> str:
    """Every decimal digit as ASCII: Arabic-Indic (٠-٩), Persian (۰-۹), full-width (０-９)
    and the other Unicode decimal digits; the rest of the text is kept as it is."""
    return "".join(
        str(unicodedata.decimal(char)) if not char.isascii() and char.isdecimal() else char
        for char in text
    )


def postal_query(text: str) -> str:
    """What a person typed to find a place, as the finder and the self-check read it: NFKC
    (full-width letters and spaces), ASCII digits, trimmed; "7000 Mons" becomes "7000"."""
    normal = ascii_digits(unicodedata.normalize("NFKC", text)).strip()
    match = _CODE_AND_NAME.match(normal)
    if match:
        return match.group(1) or match.group(2)
    return normal
