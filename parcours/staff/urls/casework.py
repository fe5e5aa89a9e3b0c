from django.urls import include, path

from parcours.staff.urls import training
from parcours.staff.views import (
    adjustments,
    agreements,
    communes,
    compliance,
    followup,
    home,
    outcomes,
    people,
    referral_import,
    referrals,
    region,
    statistics,
    tokens,
    welcome,
    worklist,
)

app_name = "staff"
F = "files/<int:pathway_id>/"
C = F + "cases/<int:case_id>/"
urlpatterns = [
    path("training/", include(training.urlpatterns)),
    path("", home.home, name="home"),
    path("offices/<int:office_id>/", home.office_detail, name="office_detail"),
    path("worklist/", worklist.worklist_view, name="worklist"),
    path("commune/people/", communes.commune_people_view, name="commune_people"),
    path("search/", worklist.search, name="search"),
    path("referrals/new/", referrals.referral_new, name="referral_new"),
    path("referrals/import/", referral_import.import_upload, name="referral_import"),
    path(
        "referrals/import/<str:token>/",
        referral_import.import_preview,
        name="referral_import_preview",
    ),
    path(
        "referrals/import/<str:token>/rest.csv",
        referral_import.import_rest_csv,
        name="referral_import_rest",
    ),
    path(
        "referrals/import/<str:token>/progress/",
        referral_import.import_job,
        name="referral_import_job",
    ),
    path("people/<int:person_id>/", people.person_page, name="person"),
    path("people/<int:person_id>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:person_id>/merge/", people.person_merge_view, name="person_merge"),
    path("people/<int:person_id>/access/", people.access_log, name="access_log"),
    path("tokens/", tokens.token_list, name="tokens"),
    path("tokens/issue/<int:user_id>/", tokens.token_issue, name="token_issue"),
    path("tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("statistics/", statistics.statistics, name="statistics"),
    # Before the figure exports, whose <slug:figure> would take "dataset-2026".
    path(
        "statistics/dataset-<int:year>.<slug:file_format>",
        statistics.statistics_dataset,
        name="statistics_dataset",
    ),
    path(
        "statistics/<slug:figure>.<slug:file_format>",
        statistics.statistics_export,
        name="statistics_export",
    ),
    path("region/sanctions/", region.sanction_list, name="region_sanctions"),
    path("region/sanctions/<int:case_id>/pdf/", region.sanction_pdf, name="region_sanction_pdf"),
    path(
        "region/sanctions/<int:case_id>/decision/",
        region.sanction_decide,
        name="region_sanction_decide",
    ),
    path(F + "agent/", adjustments.agent_assign, name="agent_assign"),
    path(F + "waivers/", adjustments.waiver_new, name="waiver_new"),
    path(
        F + "waivers/<int:waiver_id>/withdraw/", adjustments.waiver_remove, name="waiver_withdraw"
    ),
    path(F + "adjustments/", adjustments.adjustment_new, name="adjustment_new"),
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
    path(F + "certificate/", outcomes.certificate_new, name="certificate_new"),
    path(
        F + "certificate/<int:certificate_id>/pdf/",
        outcomes.certificate_document,
        name="certificate_pdf",
    ),
    path(
        F + "certificate/<int:certificate_id>/revoke/",
        outcomes.certificate_revoke_view,
        name="certificate_revoke",
    ),
    path(F + "status/", outcomes.transition, name="transition"),
    path(F + "transfer/", outcomes.transfer, name="transfer"),
    path(F + "left-region/", outcomes.close_left_region, name="close_left_region"),
    path(F + "notify/", compliance.notify, name="notify"),
    path(F + "cases/", compliance.open_case, name="case_open"),
    path(C + "remind/", compliance.remind, name="case_remind"),
    path(C + "notice/", compliance.notice, name="case_notice"),
    path(C + "report/", compliance.report, name="case_report"),
    path(C + "not-sanctionable/", compliance.not_sanctionable, name="case_not_sanctionable"),
    path(C + "letter/", compliance.letter, name="case_letter"),
]
