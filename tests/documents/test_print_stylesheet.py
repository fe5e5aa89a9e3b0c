import subprocess

from django.test import override_settings

from parcours.pathways.documents import Part, direction, html_to_pdf, letter_languages, page_html
from tests.documents.proof import OUT, proof

SAMPLES = {
    "ar": "شهادة حضور مسار الاندماج",
    "fa": "گواهی حضور در مسیر ادغام",
    "ps": "د ادغام لارې د ګډون سند ټ ډ ړ ږ ښ ګ ڼ",
    "uk": "Свідоцтво про проходження інтеграційного курсу",
}


def _fonts(name: str) -> str:
    source = OUT / name / f"{name}.pdf"
    return subprocess.run(  # noqa: S603 - fixed arguments, poppler-utils
        ["/usr/bin/pdffonts", str(source)], check=True, capture_output=True
    ).stdout.decode()


def test_arabic_persian_and_pashto_pages_run_right_to_left_and_cyrillic_left_to_right() -> None:
    assert [direction(code) for code in ("ar", "fa", "ps", "uk", "fr")] == [
        "rtl", "rtl", "rtl", "ltr", "ltr",
    ]  # fmt: skip


def test_every_script_of_the_letter_languages_is_drawn_with_a_real_font() -> None:
    parts = [
        Part(code, direction(code), f"<h1>{text}</h1><p>{text}</p>")
        for code, text in SAMPLES.items()
    ]
    seen = proof(html_to_pdf(page_html(parts, title="Scripts"), archival=True), "scripts")
    assert len(seen.pages) == len(SAMPLES)
    fonts = _fonts("scripts")
    assert "Noto-Naskh-Arabic" in fonts and "DejaVu-Sans" in fonts
    for code, text in SAMPLES.items():
        words = text.split()
        assert any(word in seen.text for word in words), code


@override_settings(LANGUAGES=[("fr", "French"), ("en", "English"), ("it", "Italian")])
def test_a_language_without_a_translation_of_the_documents_gets_no_back_page() -> None:
    # No Italian catalogue: the part would only repeat the English message ids.
    assert letter_languages("it") == ["fr"]
    assert letter_languages("en") == ["fr", "en"]
    assert letter_languages("fr") == ["fr"]
