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
