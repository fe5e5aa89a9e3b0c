from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from parcours.accounts.models import User
from parcours.core.dates import today
from parcours.pathways.enums import SignatureMethod
from parcours.pathways.services.agreement import agreement_draft, agreement_sign
from tests.factories.people import make_pathway
from tests.pathways.journey import do_welcome
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
SCAN = b"%PDF-1.4\n% a signed paper agreement\n"


@override_settings(LANGUAGES=[("fr", "French")])
def test_the_signed_scan_is_listed_among_the_persons_documents(
    agent_mons: User, agent_liege: User, client_for: ClientFor, tmp_path: Path
) -> None:
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        _scan_listed(agent_mons, agent_liege, client_for)


def _scan_listed(agent_mons: User, agent_liege: User, client_for: ClientFor) -> None:
    pathway = make_pathway(actor=agent_mons)
    do_welcome(pathway, agent_mons)
    agreement = agreement_draft(pathway=pathway, on=today(), actor=agent_mons)
    scan = SimpleUploadedFile("signed.pdf", SCAN, content_type="application/pdf")
    agreement_sign(agreement=agreement, signed_on=today(), method=SignatureMethod.PAPER,
                   scan=scan, actor=agent_mons)  # fmt: skip
    url = reverse("staff:agreement_scan", args=[pathway.pk, agreement.version])
    client = client_for(agent_mons)
    page = client.get(reverse("staff:person", args=[pathway.person_id])).content.decode()
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response.content == SCAN
    assert response["Content-Type"] == "application/pdf"
    assert client_for(agent_liege).get(url).status_code == 404
