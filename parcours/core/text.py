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
