"""A coordinator sets the centre's documents: letterhead, signatory, free paragraphs per
document and language; every save is a new version, listed with what changed."""

import base64

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from parcours.accounts.access import coordinators, request_user
from parcours.casework.template_preview import SAMPLE_CODE, template_preview_pdf
from parcours.core.errors import DomainError
from parcours.core.http import pdf_response
from parcours.pathways.models import DocumentKind, DocumentTemplate
from parcours.pathways.services.templates import template_current, template_draft, template_save
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


def _paragraph_values(d: dict[str, str]) -> dict[str, object]:
    slots = {"intro": d["intro"], "closing": d["closing"]}
    if not any(s.strip() for s in slots.values()):
        return {"paragraphs_cleared": [(d["document"], d["language"])]}
    return {"paragraphs": {d["document"]: {d["language"]: slots}}}


@coordinators
@require_http_methods(["GET", "POST"])
def paragraphs(request: HttpRequest) -> HttpResponse:
    letterhead, form = _initial(request)
    if request.method == "POST":
        form = ParagraphsForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            error = _save(request, form, _paragraph_values(d))
            if error is None:
                url = f"{request.path}?document={d['document']}&language={d['language']}"
                return redirect(url)
            form.add_error(None, error)
    return _page(request, letterhead, form)


def _preview_pdf(
    request: HttpRequest, kind: str, language: str, template: DocumentTemplate | None
) -> HttpResponse:
    verify_url = request.build_absolute_uri(reverse("verify:verify", args=[SAMPLE_CODE]))
    pdf = template_preview_pdf(
        centre=_centre(request),
        kind=DocumentKind(kind),
        language=language,
        template=template,
        verify_url=verify_url,
    )
    return pdf_response(pdf, f"preview-{kind}-{language}.pdf")


def _draft(request: HttpRequest) -> tuple[DocumentTemplate | None, LetterheadForm, ParagraphsForm]:
    """The form posted as it stands, over the current version, checked as on save."""
    letterhead, paragraphs = _initial(request)
    form: LetterheadForm | ParagraphsForm
    if request.POST.get("preview") == "paragraphs":
        form = paragraphs = ParagraphsForm(request.POST)
        values = _paragraph_values(form.cleaned_data) if form.is_valid() else None
    else:
        form = letterhead = LetterheadForm(request.POST, request.FILES)
        values = dict(form.cleaned_data) if form.is_valid() else None
    if values is None:
        return None, letterhead, paragraphs
    try:
        user = request_user(request)
        return template_draft(centre=_centre(request), actor=user, **values), letterhead, paragraphs
    except DomainError as error:
        form.add_error(None, str(error.message))
    return None, letterhead, paragraphs


@coordinators
@require_http_methods(["GET", "POST"])
def preview(request: HttpRequest) -> HttpResponse:
    """The chosen document on a sample file: with the current version (GET), or with the
    form as it stands (POST), saving nothing; invalid edits show the page with the errors."""
    kind, language = _chosen(request)
    if kind not in DocumentKind.values or language not in dict(settings.LANGUAGES):
        raise Http404
    if request.method == "GET":
        return _preview_pdf(request, kind, language, template_current(_centre(request)))
    template, letterhead, paragraphs = _draft(request)
    if template is None:
        return _page(request, letterhead, paragraphs)
    return _preview_pdf(request, kind, language, template)
