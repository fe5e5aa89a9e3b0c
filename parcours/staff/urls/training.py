"""The centre's side of the training tracks, under /staff/training/ (names in `staff:`)."""

from django.urls import path

from parcours.staff.views import training

E = "enrolments/<int:enrolment_id>/"
F = "files/<int:pathway_id>/"
urlpatterns = [
    path(F + "refer/", training.refer, name="centre_refer"),
    path(F + "refer/<int:offer_id>/", training.refer_to, name="centre_refer_to"),
    path(F + "ledger/", training.ledger, name="centre_ledger"),
    path(F + E + "withdraw/", training.withdraw, name="centre_withdraw"),
    path(
        F + E + "attestations/<int:attestation_id>/",
        training.attestation_file,
        name="centre_attestation_file",
    ),
    path(F + E + "level/proof/", training.level_proof, name="centre_level_proof"),
]
