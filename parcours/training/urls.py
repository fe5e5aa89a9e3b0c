"""The partner area under /partner/ and the centre's training pages under /staff/training/
(mounted at the root by one line of config/urls.py)."""

from django.urls import include, path

from parcours.training.views import centre, classes, partner

app_name = "training"
E = "enrolments/<int:enrolment_id>/"
F = "files/<int:pathway_id>/"
partner_patterns = [
    path("", partner.inbox, name="partner_inbox"),
    path(E, partner.enrolment_page, name="partner_enrolment"),
    path(E + "answer/", partner.answer, name="partner_answer"),
    path(E + "hours/", partner.person_hours, name="partner_hours"),
    path(E + "attestations/", partner.attestation, name="partner_attestation"),
    path(
        E + "attestations/<int:attestation_id>/",
        partner.attestation_file,
        name="partner_attestation_file",
    ),
    path(E + "level/", partner.level, name="partner_level"),
    path(E + "level/proof/", partner.level_proof, name="partner_level_proof"),
    path("offers/", classes.offer_list, name="partner_offers"),
    path("offers/new/", classes.offer_new, name="partner_offer_new"),
    path("offers/<int:offer_id>/", classes.offer_edit, name="partner_offer_edit"),
    path("offers/<int:offer_id>/grid/", classes.grid, name="partner_grid"),
    path("import/", classes.import_upload, name="partner_import"),
    path("import/<str:token>/", classes.import_preview, name="partner_import_preview"),
    path("tokens/", classes.tokens, name="partner_tokens"),
    path("tokens/<int:token_id>/revoke/", classes.token_revoke, name="partner_token_revoke"),
]
centre_patterns = [
    path(F + "refer/", centre.refer, name="centre_refer"),
    path(F + "refer/<int:offer_id>/", centre.refer_to, name="centre_refer_to"),
    path(F + "ledger/", centre.ledger, name="centre_ledger"),
    path(F + E + "withdraw/", centre.withdraw, name="centre_withdraw"),
    path(
        F + E + "attestations/<int:attestation_id>/",
        centre.attestation_file,
        name="centre_attestation_file",
    ),
    path(F + E + "level/proof/", centre.level_proof, name="centre_level_proof"),
]
urlpatterns = [
    path("partner/", include(partner_patterns)),
    path("staff/training/", include(centre_patterns)),
]
