"""Name keys for search and duplicate detection."""

from parcours.core.text import fold


def search_text(*names: str) -> str:
    return " ".join(fold(name) for name in names if name)


def name_key(family_name: str, given_names: str) -> str:
    """Equal for names that differ only by accents, case, hyphens or order of the names."""
    return " ".join(sorted(fold(f"{family_name} {given_names}").split()))
