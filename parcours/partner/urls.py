"""The partner portal under /partner/: the people referred, their hours, the classes."""

from django.urls import path

from parcours.partner.views import classes, enrolments

app_name = "partner"
E = "enrolments/<int:enrolment_id>/"
urlpatterns = [
    path("", enrolments.inbox, name="inbox"),
    path(E, enrolments.enrolment_page, name="enrolment"),
    path(E + "answer/", enrolments.answer, name="answer"),
    path(E + "hours/", enrolments.person_hours, name="hours"),
    path(E + "attestations/", enrolments.attestation, name="attestation"),
    path(
        E + "attestations/<int:attestation_id>/",
        enrolments.attestation_file,
        name="attestation_file",
    ),
    path(E + "level/", enrolments.level, name="level"),
    path(E + "level/proof/", enrolments.level_proof, name="level_proof"),
    path("offers/", classes.offer_list, name="offers"),
    path("offers/new/", classes.offer_new, name="offer_new"),
    path("offers/<int:offer_id>/", classes.offer_edit, name="offer_edit"),
    path("offers/<int:offer_id>/grid/", classes.grid, name="grid"),
    path("import/", classes.import_upload, name="import"),
    path("import/<str:token>/", classes.import_preview, name="import_preview"),
    path("tokens/", classes.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", classes.token_revoke, name="token_revoke"),
]
