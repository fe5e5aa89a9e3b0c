"""Documents rendered from Django templates to PDF with WeasyPrint, in French, followed by
the same text in the person's letter language when a translation exists (French prevails)."""

from pathlib import Path
from typing import Any

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

FRENCH = "fr"
STYLESHEET = Path(__file__).resolve().parent / "documents.css"


def letter_languages(language: str) -> list[str]:
    available = {code for code, _name in settings.STAFF_LANGUAGES}
    extra = [language] if language in available and language != FRENCH else []
    return [FRENCH, *extra]


def render_html(template: str, context: dict[str, Any], language: str) -> str:
    parts = []
    for code in letter_languages(language):
        with translation.override(code):
            body = render_to_string(template, {**context, "lang": code, "prevails": code == FRENCH})
        parts.append(body)
    with translation.override(FRENCH):
        return render_to_string("documents/page.html", {"parts": parts, **context})


def render_pdf(template: str, context: dict[str, Any], language: str = FRENCH) -> bytes:
    html = render_html(template, context, language)
    document = weasyprint.HTML(string=html, base_url=str(settings.PACKAGE_DIR))
    pdf: bytes = document.write_pdf(stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))])
    return pdf
