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


# The names the Pashto catalogue of pycountry still keeps in English and ours do not translate
# yet (to be translated by a fluent reader); every other nationality must be in Pashto.
PASHTO_STILL_ENGLISH = frozenset(
    [
        "AG",
        "AI",
        "AS",
        "AW",
        "AX",
        "BA",
        "BL",
        "BM",
        "BN",
        "BQ",
        "BS",
        "BV",
        "CC",
        "CG",
        "CI",
        "CK",
        "CV",
        "CW",
        "CX",
        "CY",
        "CZ",
        "DM",
        "EE",
        "EH",
        "FJ",
        "FK",
        "FM",
        "FO",
        "GF",
        "GG",
        "GI",
        "GL",
        "GM",
        "GP",
        "GQ",
        "GS",
        "GU",
        "GW",
        "HM",
        "IM",
        "IO",
        "JE",
        "KI",
        "KM",
        "KN",
        "KP",
        "KR",
        "KY",
        "LA",
        "LI",
        "LS",
        "LV",
        "MC",
        "MF",
        "MH",
        "MK",
        "MO",
        "MP",
        "MQ",
        "MS",
        "MX",
        "NC",
        "NF",
        "NR",
        "NU",
        "PF",
        "PG",
        "PM",
        "PN",
        "PR",
        "PW",
        "PY",
        "RE",
        "RS",
        "SB",
        "SH",
        "SJ",
        "ST",
        "SX",
        "SZ",
        "TC",
        "TF",
        "TG",
        "TK",
        "TL",
        "TO",
        "TT",
        "TV",
        "UG",
        "UM",
        "US",
        "VA",
        "VC",
        "VE",
        "VG",
        "VI",
        "VN",
        "VU",
        "WF",
        "YT",
    ]
)
# Only the portal languages in another script: in Latin ones a name may rightly be the English
# one (Canada, Japan).
OTHER_SCRIPTS = {
    "ar": frozenset(),
    "fa": frozenset(),
    "uk": frozenset(),
    "ps": PASHTO_STILL_ENGLISH,
}


@pytest.mark.parametrize("language", sorted(OTHER_SCRIPTS))
def test_every_nationality_offered_is_named_in_the_portal_language(language: str) -> None:
    with translation.override("en"):
        english = dict(country_choices())
    with translation.override(language):
        untranslated = {
            code for code, label in country_choices() if code and label == english[code]
        }
    assert untranslated == OTHER_SCRIPTS[language]


@pytest.mark.parametrize(
    ("language", "syria"), [("ps", "سوریه"), ("fa", "جمهوری عربی سوریه"), ("fr", "Syrie")]
)
def test_syria_is_named_in_pashto_not_in_english(language: str, syria: str) -> None:
    with translation.override(language):
        assert country_name("SY") == syria
