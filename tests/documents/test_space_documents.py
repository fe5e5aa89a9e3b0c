"""What the newcomer downloads from the personal space is the document the centre prints:
the same rendering, with the centre's letterhead and paragraphs of the template version the
document was issued with (a plain rendering of its own printed neither)."""

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from parcours.accounts.models import User
from parcours.pathways.enums import SignatureMethod
from parcours.pathways.services.agreement import agreement_draft, agreement_sign
from parcours.pathways.services.templates import template_save
from tests.documents.proof import proof
from tests.documents.test_agreement_document import TODAY, _welcomed
from tests.public.test_space import _enter
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]
ISSUED_WITH, EDITED_AFTER = "Paragraphe de la version 1.", "Paragraphe de la version 2."


def _agreement_paragraph(text: str) -> dict[str, object]:
    return {"paragraphs": {"agreement": {"fr": {"intro": text}}}}


def test_the_space_agreement_is_the_centre_s_document_with_its_template_version(
    agent_mons: User,
    coordinator_mons: User,
    client: Client,
    client_for: ClientFor,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    cimb = coordinator_mons.centre
    assert cimb is not None
    template_save(
        centre=cimb, actor=coordinator_mons, signatory_name="Marie Dupont",
        **_agreement_paragraph(ISSUED_WITH),
    )  # fmt: skip
    with time_machine.travel(TODAY, tick=False):
        pathway = _welcomed(agent_mons, letter_language="fr")
        agreement = agreement_draft(pathway=pathway, on=TODAY, actor=agent_mons)
        agreement_sign(
            agreement=agreement, signed_on=TODAY, method=SignatureMethod.SCREEN, actor=agent_mons
        )
    # A later version of the template changes neither download of the issued agreement.
    template_save(centre=cimb, actor=coordinator_mons, **_agreement_paragraph(EDITED_AFTER))
    staff_url = reverse("staff:agreement_pdf", args=[pathway.pk, agreement.version])
    staff = proof(client_for(agent_mons).get(staff_url).content, "space-agreement-staff")
    client.logout()
    _enter(client, django_capture_on_commit_callbacks)
    response = client.get(f"/my-space/agreement/{agreement.version}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    mine = proof(response.content, "space-agreement-person")
    for seen in (staff, mine):
        assert "modèle v1" in seen.text
        assert ISSUED_WITH in seen.text and EDITED_AFTER not in seen.text
        assert "Marie Dupont" in seen.text and "400 h" in seen.text
    assert mine.page_texts == staff.page_texts
