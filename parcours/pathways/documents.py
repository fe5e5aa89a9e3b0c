"""Documents rendered from Django templates to PDF with WeasyPrint, in French, followed by
the same text in the person's letter language when a translation exists (French prevails).

One print stylesheet (`documents.css`) lays out every document: A4, running header and
footer with the reference and the page numbers, right-to-left parts for the languages
written so. The certificate and the sanction file are archived as PDF/A-2b."""

import gc
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

FRENCH = "fr"
PDF_A = "pdf/a-2b"
STYLESHEET = Path(__file__).resolve().parent / "documents.css"
RTL_LANGUAGES = frozenset({"ar", "fa", "ps", "he", "ur"})


@dataclass(frozen=True)
class Part:
    lang: str
    dir: str
    html: str


# Every translated part carries this sentence: a language whose catalogue does not translate
# it has no translation of the documents yet, and its part would only repeat the English ids.
PREVAILS = "Translation for information. The French text prevails."


def has_translation(language: str) -> bool:
    if language == "en":  # the message ids are English
        return True
    # Without its own catalogue a language falls back to French (LANGUAGE_CODE), then the ids.
    with translation.override(FRENCH):
        french = translation.gettext(PREVAILS)
    with translation.override(language):
        return translation.gettext(PREVAILS) not in (PREVAILS, french)


def letter_languages(language: str) -> list[str]:
    available = {code for code, _name in settings.LANGUAGES}
    wanted = language in available and language != FRENCH and has_translation(language)
    return [FRENCH, *([language] if wanted else [])]


def direction(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def render_parts(template: str, context: dict[str, Any], language: str) -> list[Part]:
    parts = []
    for code in letter_languages(language):
        with translation.override(code):
            extra = {"lang": code, "prevails": code == FRENCH, "dir": direction(code)}
            parts.append(Part(code, direction(code), render_to_string(template, context | extra)))
    return parts


def page_html(parts: list[Part], *, title: str, reference: str = "", centre: Any = None) -> str:
    """The parts in one HTML page for the print stylesheet: running header and footer."""
    header = f"{centre.name} — {title}" if centre is not None and title else title
    page = {"title": title, "reference": reference, "running_header": header, "parts": parts}
    page["author"] = getattr(centre, "name", "")
    with translation.override(FRENCH):
        return render_to_string("documents/page.html", page)


def render_html(
    template: str,
    context: dict[str, Any],
    language: str,
    *,
    title: str = "",
    reference: str = "",
) -> str:
    parts = render_parts(template, context, language)
    return page_html(parts, title=title, reference=reference, centre=context.get("centre"))


def html_to_pdf(html: str, *, archival: bool = False) -> bytes:
    document = weasyprint.HTML(string=html, base_url=str(settings.PACKAGE_DIR))
    options: dict[str, Any] = {"pdf_variant": PDF_A} if archival else {}
    stylesheet = weasyprint.CSS(filename=str(STYLESHEET))
    with warnings.catch_warnings():
        # WeasyPrint 70 opens its sRGB profile for the PDF/A output intent and never closes
        # it; the file is read, so the warning is noise. Collected here, under this filter.
        warnings.simplefilter("ignore", ResourceWarning)
        pdf: bytes = document.write_pdf(stylesheets=[stylesheet], **options)
        gc.collect()
    return pdf


def render_pdf(
    template: str,
    context: dict[str, Any],
    language: str = FRENCH,
    *,
    title: str = "",
    reference: str = "",
    archival: bool = False,
) -> bytes:
    html = render_html(template, context, language, title=title, reference=reference)
    return html_to_pdf(html, archival=archival)
