from django.urls import path

from parcours.backoffice.views import (
    agreements,
    closing,
    compliance,
    followup,
    home,
    imports,
    people,
    referrals,
    welcome,
    worklist,
)

app_name = "backoffice"
F = "files/<int:pathway_id>/"
C = F + "cases/<int:case_id>/"
urlpatterns = [
    path("", home.home, name="home"),
    path("offices/<int:office_id>/", home.office_detail, name="office_detail"),
    path("worklist/", worklist.worklist_view, name="worklist"),
    path("search/", worklist.search, name="search"),
    path("referrals/new/", referrals.referral_new, name="referral_new"),
    path("referrals/import/", imports.import_upload, name="referral_import"),
    path("referrals/import/<str:token>/", imports.import_preview, name="referral_import_preview"),
    path("people/<int:person_id>/", people.person_page, name="person"),
    path("people/<int:person_id>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:person_id>/merge/", people.person_merge_view, name="person_merge"),
    path("people/<int:person_id>/access/", people.access_log, name="access_log"),
    path(F + "assessment/", welcome.assessment, name="assessment"),
    path(F + "health/", welcome.health, name="health"),
    path(F + "rights/", welcome.rights, name="rights"),
    path(F + "french-test/", welcome.french_test, name="french_test"),
    path(F + "help/", welcome.administrative_help, name="administrative_help"),
    path(F + "welcome-done/", welcome.complete, name="welcome_complete"),
    path(F + "agreement/", agreements.draft, name="agreement_draft"),
    path(F + "agreement/<int:version>/sign/", agreements.sign, name="agreement_sign"),
    path(F + "agreement/<int:version>/pdf/", agreements.pdf, name="agreement_pdf"),
    path(F + "hours/", followup.hours, name="hours"),
    path(F + "evaluation/", followup.evaluation, name="evaluation"),
    path(F + "convocation/", followup.convocation, name="convocation"),
    path(
        F + "convocation/<int:convocation_id>/pdf/",
        followup.convocation_letter,
        name="convocation_pdf",
    ),
    path(F + "certificate/", closing.certificate_new, name="certificate_new"),
    path(
        F + "certificate/<int:certificate_id>/pdf/",
        closing.certificate_document,
        name="certificate_pdf",
    ),
    path(
        F + "certificate/<int:certificate_id>/revoke/",
        closing.certificate_revoke_view,
        name="certificate_revoke",
    ),
    path(F + "status/", closing.transition, name="transition"),
    path(F + "transfer/", closing.transfer, name="transfer"),
    path(F + "left-region/", closing.close_left_region, name="close_left_region"),
    path(F + "notify/", compliance.notify, name="notify"),
    path(F + "cases/", compliance.open_case, name="case_open"),
    path(C + "remind/", compliance.remind, name="case_remind"),
    path(C + "notice/", compliance.notice, name="case_notice"),
    path(C + "report/", compliance.report, name="case_report"),
    path(C + "not-sanctionable/", compliance.not_sanctionable, name="case_not_sanctionable"),
    path(C + "letter/", compliance.letter, name="case_letter"),
]
