"""The partner area: inbox of referrals, answers, hours (one person), attestations, levels."""

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parcours.accounts.access import partners, request_user
from parcours.core.dates import today
from parcours.core.errors import DomainError
from parcours.core.http import file_download, mime_of
from parcours.core.lists import export_asked, sorting
from parcours.partner.forms import AnswerForm, AttestationForm, LevelForm, PersonHoursForm
from parcours.partner.views import lists
from parcours.training.enums import Answer, AttendanceSource, EnrolmentStatus, ProofKind, Track
from parcours.training.models import Enrolment
from parcours.training.selectors import (
    attendance_history,
    enrolment_get_for_partner,
    history_page,
    partner_inbox,
    referred_person,
)
from parcours.training.services.attendance import AttendanceError, Cell, attendance_record
from parcours.training.services.documents import attestation_upload, level_record
from parcours.training.services.referrals import enrolment_answer


@partners
def inbox(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    order = sorting(request, lists.SORTS, lists.DEFAULT_SORT)
    if file_format := export_asked(request):
        return lists.referrals_export(
            user=user, order=order, status=lists.status_asked(request), file_format=file_format
        )
    context = {
        "inbox": partner_inbox(user=user, order_by=order.order_by),
        "partner": user.partner,
        "order": order,
        "query": request.GET.copy(),
    }
    return render(request, "partner/inbox.html", context)


def _page(request: HttpRequest, enrolment: Enrolment, **forms: object) -> HttpResponse:
    context = {
        "person": referred_person(enrolment),
        "enrolment": enrolment,
        "answers": enrolment.answers.select_related("answered_by"),
        "history": history_page(attendance_history(enrolment), request.GET.get("page")),
        "attestations": enrolment.attestations.all(),
        "answer_form": forms.get("answer_form") or AnswerForm(initial={"answer": Answer.ACCEPT}),
        "hours_form": forms.get("hours_form") or PersonHoursForm(initial={"attended_on": today()}),
        "attestation_form": forms.get("attestation_form") or AttestationForm(),
        "level_form": forms.get("level_form") or LevelForm(initial={"reached_on": today()}),
        "answerable": enrolment.status in (EnrolmentStatus.REFERRED, EnrolmentStatus.WAITING),
        "enrolled": enrolment.status == EnrolmentStatus.ACCEPTED,
        "french": enrolment.track == Track.FRENCH,
    }
    return render(request, "partner/enrolment.html", context)


def _enrolment(request: HttpRequest, enrolment_id: int) -> Enrolment:
    return enrolment_get_for_partner(user=request_user(request), enrolment_id=enrolment_id)


@partners
def enrolment_page(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    return _page(request, _enrolment(request, enrolment_id))


def _done(request: HttpRequest, enrolment: Enrolment, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("partner:enrolment", enrolment.pk)


@require_POST
@partners
def answer(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = _enrolment(request, enrolment_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            enrolment_answer(
                enrolment=enrolment,
                answer=Answer(data["answer"]),
                on=today(),
                actor=request_user(request),
                starts_on=data["starts_on"],
                expected_start_on=data["expected_start_on"],
                reason=data["reason"],
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            return _done(request, enrolment, _("Answer sent to the centre."))
    return _page(request, enrolment, answer_form=form)


@require_POST
@partners
def person_hours(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = _enrolment(request, enrolment_id)
    form = PersonHoursForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        cell = Cell(enrolment.pk, data["attended_on"], data["hours"], data["note"])
        try:
            attendance_record(
                cells=[cell],
                enrolments={enrolment.pk: enrolment},
                source=AttendanceSource.PERSON,
                actor=request_user(request),
                today=today(),
            )
        except AttendanceError as error:
            form.add_error(None, next(iter(error.errors.values())))
        else:
            return _done(request, enrolment, _("Hours recorded."))
    return _page(request, enrolment, hours_form=form)


@require_POST
@partners
def attestation(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = _enrolment(request, enrolment_id)
    form = AttestationForm(request.POST, request.FILES)
    if form.is_valid():
        upload: UploadedFile = form.cleaned_data["file"]
        try:
            attestation_upload(
                enrolment=enrolment,
                upload=upload,
                note=form.cleaned_data["note"],
                actor=request_user(request),
            )
        except DomainError as error:
            form.add_error("file", str(error.message))
        else:
            return _done(request, enrolment, _("Attestation sent to the centre."))
    return _page(request, enrolment, attestation_form=form)


@require_POST
@partners
def level(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = _enrolment(request, enrolment_id)
    form = LevelForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            level_record(
                enrolment=enrolment,
                level=data["level"],
                reached_on=data["reached_on"],
                proof_kind=ProofKind(data["proof_kind"]),
                proof=data["proof"],
                actor=request_user(request),
            )
        except DomainError as error:
            form.add_error("proof", str(error.message))
        else:
            return _done(request, enrolment, _("Level recorded."))
    return _page(request, enrolment, level_form=form)


@partners
def attestation_file(request: HttpRequest, enrolment_id: int, attestation_id: int) -> HttpResponse:
    enrolment = _enrolment(request, enrolment_id)
    item = get_object_or_404(enrolment.attestations, pk=attestation_id)
    return file_download(item.file, item.content_type)


@partners
def level_proof(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = _enrolment(request, enrolment_id)
    return file_download(enrolment.level_proof, mime_of(enrolment.level_proof.name or ""))
