"""Countries pycountry does not name in a language are named by our catalogues, never by a code
or in English: Kosovo (XK, no ISO entry) and Türkiye (English in the ar, fa, ps catalogues)."""

import pytest
from django.utils import translation

from parcours.core.iso import country_choices, country_name


@pytest.mark.parametrize(
    ("language", "kosovo", "turkey"),
    [
        ("fr", "Kosovo", "Turquie"),
        ("ar", "كوسوفو", "تركيا"),
        ("fa", "کوزوو", "ترکیه"),
        ("uk", "Косово", "Туреччина"),
    ],
)
def test_kosovo_and_turkey_are_named_in_the_page_language(
    language: str, kosovo: str, turkey: str
) -> None:
    with translation.override(language):
        assert country_name("XK") == kosovo and country_name("TR") == turkey
        assert "XK" not in [label for _code, label in country_choices()]
