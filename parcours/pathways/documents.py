"""Documents rendered from Django templates to PDF with WeasyPrint, in French, followed by
the same text in the person's letter language when a translation exists (French prevails).

One print stylesheet (`documents.css`) lays out every document: A4, running header and
footer with the reference and the page numbers, right-to-left parts for the languages
written so. The certificate and the sanction file are archived as PDF/A-2b."""

import base64
import gc
import re
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


HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def _data_uri(image: bytes | memoryview | None) -> str:
    data = bytes(image or b"")
    return "data:image/png;base64," + base64.b64encode(data).decode() if data else ""


def template_context(template: Any, kind: str) -> dict[str, Any]:
    """What a centre's template version puts on a document (`template` is a
    `DocumentTemplate` or None): letterhead, colour, signatory, signature image. Its free
    paragraphs are picked per language in `render_parts`."""
    return {
        "tpl": template,
        "document_kind": kind,
        "logo_uri": _data_uri(template.logo) if template else "",
        "signature_uri": _data_uri(template.signature) if template else "",
        "colour": template.colour if template else "",
    }


def _paragraphs(context: dict[str, Any], code: str) -> dict[str, str]:
    template, kind = context.get("tpl"), context.get("document_kind", "")
    if template is None:
        return {"intro": "", "closing": ""}
    return {slot: template.paragraph(kind, code, slot) for slot in ("intro", "closing")}


def render_parts(template: str, context: dict[str, Any], language: str) -> list[Part]:
    parts = []
    for code in letter_languages(language):
        with translation.override(code):
            extra = {"lang": code, "prevails": code == FRENCH, "dir": direction(code)}
            extra |= _paragraphs(context, code)
            parts.append(Part(code, direction(code), render_to_string(template, context | extra)))
    return parts


def page_html(
    parts: list[Part],
    *,
    title: str,
    reference: str = "",
    centre: Any = None,
    template_version: int | None = None,
    specimen: bool = False,
) -> str:
    """The parts in one HTML page for the print stylesheet: running header and footer.
    `specimen`: a template's preview, marked as without value on every page."""
    header = f"{centre.name} — {title}" if centre is not None and title else title
    page: dict[str, Any] = {"title": title, "reference": reference, "parts": parts}
    page |= {"running_header": header, "author": getattr(centre, "name", "")}
    page |= {"template_version": template_version, "specimen": specimen}
    with translation.override(FRENCH):
        return render_to_string("documents/page.html", page)


def render_html(
    template: str,
    context: dict[str, Any],
    language: str,
    *,
    title: str = "",
    reference: str = "",
    specimen: bool = False,
) -> str:
    parts = render_parts(template, context, language)
    version = getattr(context.get("tpl"), "version", None)
    return page_html(
        parts,
        title=title,
        reference=reference,
        centre=context.get("centre"),
        template_version=version,
        specimen=specimen,
    )


def html_to_pdf(html: str, *, archival: bool = False, accent: str = "") -> bytes:
    """`accent`: the centre's colour (#RRGGBB) for its letterhead, given as a stylesheet of
    its own (templates carry no inline style); anything else is ignored."""
    document = weasyprint.HTML(string=html, base_url=str(settings.PACKAGE_DIR))
    options: dict[str, Any] = {"pdf_variant": PDF_A} if archival else {}
    stylesheets = [weasyprint.CSS(filename=str(STYLESHEET))]
    if HEX_COLOUR.fullmatch(accent or ""):
        stylesheets.append(weasyprint.CSS(string=f".letterhead {{ --accent: {accent}; }}"))
    with warnings.catch_warnings():
        # WeasyPrint 70 opens its sRGB profile for the PDF/A output intent and never closes
        # it; the file is read, so the warning is noise. Collected here, under this filter.
        warnings.simplefilter("ignore", ResourceWarning)
        pdf: bytes = document.write_pdf(stylesheets=stylesheets, **options)
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
    specimen: bool = False,
) -> bytes:
    html = render_html(
        template, context, language, title=title, reference=reference, specimen=specimen
    )
    return html_to_pdf(html, archival=archival, accent=context.get("colour", ""))
