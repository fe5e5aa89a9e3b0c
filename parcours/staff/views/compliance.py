"""Non-compliance of obliged people (CWASS art. 152/8) and notifications."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from parcours.accounts.access import centre_staff, coordinators, request_user
from parcours.audit.services import access_record
from parcours.casework.documents import compliance_letter_pdf, sanction_file_pdf
from parcours.core.dates import today
from parcours.core.http import pdf_response
from parcours.pathways.enums import ComplianceGround, Recipient
from parcours.pathways.models import NonCompliance
from parcours.pathways.services import compliance as service
from parcours.staff.flow import form_flow, scoped_pathway
from parcours.staff.forms.casework import (
    AnswerForm,
    ComplianceForm,
    NoticeForm,
    NotificationForm,
    ReasonForm,
    ReminderForm,
    ReportForm,
)


@centre_staff
def open_case(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = ComplianceForm(request.POST or None, initial={"on": today()})
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Open a non-compliance case"),
        perform=lambda d: service.noncompliance_open(
            pathway=pathway,
            ground=ComplianceGround(d["ground"]),
            on=d["on"],
            reason=d["reason"],
            actor=request_user(request),
        ),
        success=_("Case opened."),
    )


def _case(request: HttpRequest, pathway_id: int, case_id: int) -> NonCompliance:
    pathway = scoped_pathway(request, pathway_id)
    return get_object_or_404(
        NonCompliance.objects.select_related("pathway__person__commune", "pathway__centre"),
        pathway=pathway,
        pk=case_id,
    )


@centre_staff
def remind(request: HttpRequest, pathway_id: int, case_id: int) -> HttpResponse:
    case = _case(request, pathway_id, case_id)
    form = ReminderForm(request.POST or None, initial={"on": today()})
    return form_flow(
        request,
        form,
        pathway=case.pathway,
        title=_("Send a reminder letter"),
        perform=lambda d: service.noncompliance_remind(case=case, actor=request_user(request), **d),
        success=_("Reminder recorded: print the letter."),
    )


@centre_staff
def notice(request: HttpRequest, pathway_id: int, case_id: int) -> HttpResponse:
    case = _case(request, pathway_id, case_id)
    form = NoticeForm(request.POST or None, initial={"on": today()})
    return form_flow(
        request,
        form,
        pathway=case.pathway,
        title=_("Send a formal notice"),
        perform=lambda d: service.noncompliance_notice(case=case, actor=request_user(request), **d),
        success=_("Formal notice recorded: print the letter."),
    )


@centre_staff
def answer(request: HttpRequest, pathway_id: int, case_id: int) -> HttpResponse:
    case = _case(request, pathway_id, case_id)
    form = AnswerForm(request.POST or None, initial={"on": today()})
    return form_flow(
        request,
        form,
        pathway=case.pathway,
        title=_("Record the person's answer"),
        perform=lambda d: service.noncompliance_answer(case=case, actor=request_user(request), **d),
        success=_("Answer recorded."),
    )


@coordinators
def report(request: HttpRequest, pathway_id: int, case_id: int) -> HttpResponse:
    """Sending a sanction file to the Region is a coordinator's decision (DESIGN.md)."""
    case = _case(request, pathway_id, case_id)
    form = ReportForm(request.POST or None, initial={"on": today(), "summary": case.summary})
    return form_flow(
        request,
        form,
        pathway=case.pathway,
        title=_("Send the sanction file"),
        perform=lambda d: service.noncompliance_report(case=case, actor=request_user(request), **d),
        success=_("Sanction file recorded."),
    )


@centre_staff
def not_sanctionable(request: HttpRequest, pathway_id: int, case_id: int) -> HttpResponse:
    case = _case(request, pathway_id, case_id)
    form = ReasonForm(request.POST or None, initial={"on": today()})
    return form_flow(
        request,
        form,
        pathway=case.pathway,
        title=_("Not sanctionable"),
        perform=lambda d: service.noncompliance_not_sanctionable(
            case=case, actor=request_user(request), **d
        ),
        success=_("Marked not sanctionable."),
    )


@centre_staff
def letter(request: HttpRequest, pathway_id: int, case_id: int) -> HttpResponse:
    case = _case(request, pathway_id, case_id)
    pathway = case.pathway
    access_record(user=request_user(request), person=pathway.person, what="compliance_pdf")
    if case.reported_on:
        return pdf_response(sanction_file_pdf(case), f"case-{case.pk}.pdf")
    return pdf_response(compliance_letter_pdf(case, request_user(request)), f"case-{case.pk}.pdf")


@centre_staff
def notify(request: HttpRequest, pathway_id: int) -> HttpResponse:
    pathway = scoped_pathway(request, pathway_id)
    form = NotificationForm(request.POST or None, initial={"sent_on": today()})
    return form_flow(
        request,
        form,
        pathway=pathway,
        title=_("Inform the commune or the CPAS"),
        perform=lambda d: service.notification_record(
            pathway=pathway,
            recipient=Recipient(d["recipient"]),
            what=d["what"],
            sent_on=d["sent_on"],
            actor=request_user(request),
        ),
        success=_("Notification recorded."),
    )
