"""A coordinator sets the centre's documents: letterhead, signatory, free paragraphs per
document and language; every save is a new version, listed with what changed."""

import base64

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from parcours.accounts.access import coordinators, request_user
from parcours.casework.template_preview import template_preview_pdf
from parcours.core.errors import DomainError
from parcours.core.http import pdf_response
from parcours.pathways.models import DocumentKind, DocumentTemplate
from parcours.pathways.services.templates import template_current, template_save
from parcours.staff.forms.templates import LetterheadForm, ParagraphsForm
from parcours.territory.models import Centre

TO = "staff:templates"


def _centre(request: HttpRequest) -> Centre:
    centre = request_user(request).centre
    if centre is None:
        raise Http404
    return centre


def _chosen(request: HttpRequest) -> tuple[str, str]:
    kind = request.GET.get("document") or request.POST.get("document") or DocumentKind.CONVOCATION
    language = request.GET.get("language") or request.POST.get("language") or "fr"
    return kind, language


def _page(
    request: HttpRequest, letterhead: LetterheadForm, paragraphs: ParagraphsForm
) -> HttpResponse:
    centre = _centre(request)
    current = template_current(centre)
    kind, language = _chosen(request)
    context = {
        "centre": centre,
        "current": current,
        "versions": [
            (v, _changes_in_words(v.changes))
            for v in centre.document_templates.select_related("created_by").annotate(
                issued_count=Count("issued")
            )[:30]
        ],
        "kind_label": dict(DocumentKind.choices).get(kind, kind),
        "language_label": dict(settings.LANGUAGES).get(language, language),
        "letterhead": letterhead,
        "paragraphs": paragraphs,
        "kind": kind,
        "language": language,
        "logo_b64": base64.b64encode(bytes(current.logo)).decode() if current else "",
    }
    return render(request, "staff/templates.html", context)


def _changes_in_words(changes: list[str]) -> str:
    fields = {f.name: f.verbose_name for f in DocumentTemplate._meta.concrete_fields}
    kinds, languages = dict(DocumentKind.choices), dict(settings.LANGUAGES)
    words = []
    for change in changes:
        kind, _slash, language = change.partition("/")
        if language:
            words.append(f"{kinds.get(kind, kind)} ({languages.get(language, language)})")
        else:
            words.append(str(fields.get(change, change)))
    return ", ".join(words)


def _initial(request: HttpRequest) -> tuple[LetterheadForm, ParagraphsForm]:
    current = template_current(_centre(request))
    kind, language = _chosen(request)
    head = {}
    texts = {"document": kind, "language": language}
    if current is not None:
        head = {
            n: getattr(current, n)
            for n in ("address", "colour", "signatory_name", "signatory_function")
        }
        texts |= {s: current.paragraph(kind, language, s) for s in ("intro", "closing")}
    return LetterheadForm(initial=head), ParagraphsForm(initial=texts)


def _save(
    request: HttpRequest, form: LetterheadForm | ParagraphsForm, values: dict[str, object]
) -> str | None:
    try:
        version = template_save(centre=_centre(request), actor=request_user(request), **values)
    except DomainError as error:
        return str(error.message)
    messages.success(request, _("Version %(n)s saved.") % {"n": version.version})
    return None


@coordinators
@require_http_methods(["GET", "POST"])
def templates(request: HttpRequest) -> HttpResponse:
    letterhead, paragraphs = _initial(request)
    if request.method == "POST":
        letterhead = LetterheadForm(request.POST, request.FILES)
        if letterhead.is_valid():
            error = _save(request, letterhead, dict(letterhead.cleaned_data))
            if error is None:
                return redirect(TO)
            letterhead.add_error(None, error)
    return _page(request, letterhead, paragraphs)


@coordinators
@require_http_methods(["GET", "POST"])
def paragraphs(request: HttpRequest) -> HttpResponse:
    letterhead, form = _initial(request)
    if request.method == "POST":
        form = ParagraphsForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            slots = {"intro": d["intro"], "closing": d["closing"]}
            values: dict[str, object] = {"paragraphs": {d["document"]: {d["language"]: slots}}}
            if not any(s.strip() for s in slots.values()):
                values = {"paragraphs_cleared": [(d["document"], d["language"])]}
            error = _save(request, form, values)
            if error is None:
                url = f"{request.path}?document={d['document']}&language={d['language']}"
                return redirect(url)
            form.add_error(None, error)
    return _page(request, letterhead, form)


@coordinators
@require_GET
def preview(request: HttpRequest) -> HttpResponse:
    """The chosen document for a fictitious person, with the current version."""
    kind, language = _chosen(request)
    if kind not in DocumentKind.values:
        raise Http404
    pdf = template_preview_pdf(centre=_centre(request), kind=DocumentKind(kind), language=language)
    return pdf_response(pdf, f"preview-{kind}-{language}.pdf")
