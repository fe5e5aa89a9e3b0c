"""Documents issued before a centre's templates were versioned get a version record: the data
migration gives each such centre one version 0, marked "before versioning", that their
documents name; it is never the current version, the versions list says what it is, and a
reprint says so in its footer. Run through the migration executor, back and forth."""

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps
from django.urls import reverse

from parcours.accounts.models import User
from parcours.casework.documents import agreement_pdf
from parcours.pathways.models import DocumentKind, DocumentTemplate, IssuedDocument
from parcours.pathways.services.agreement import agreement_draft
from parcours.pathways.services.templates import document_issue, template_current, template_save
from parcours.territory.models import Centre
from tests.documents.proof import proof
from tests.documents.test_agreement_document import TODAY, _welcomed
from tests.types import ClientFor

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("pathways", "0016_social_assessment_structured")]


def _migrate(targets: list[tuple[str, str]]) -> StateApps:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _latest() -> list[tuple[str, str]]:
    leaves: list[tuple[str, str]] = MigrationExecutor(connection).loader.graph.leaf_nodes()
    return leaves


def test_documents_issued_before_versioning_name_a_version_zero(
    cimb: Centre, cripel: Centre, agent_mons: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    with time_machine.travel(TODAY, tick=False):
        pathway = _welcomed(agent_mons, letter_language="fr")
        agreement = agreement_draft(pathway=pathway, on=TODAY, actor=agent_mons)
    document_issue(kind=DocumentKind.DECISION, reference="CRIPEL-1-D1", centre=cripel, actor=None)
    first = template_save(centre=cimb, actor=coordinator_mons, signatory_name="Marie Dupont")
    later = document_issue(
        kind=DocumentKind.DECISION, reference="CIMB-9-D9", centre=cimb, actor=agent_mons
    )
    latest = _latest()
    try:
        _migrate(BEFORE)
    finally:
        _migrate(latest)
    zero = DocumentTemplate.objects.get(centre=cimb, version=0)
    assert zero.before_versioning and zero.created_by is None
    assert DocumentTemplate.objects.get(centre=cripel, version=0).before_versioning
    assert not IssuedDocument.objects.filter(template__isnull=True).exists()
    assert IssuedDocument.objects.get(kind="agreement").template == zero
    assert IssuedDocument.objects.get(pk=later.pk).template == first  # versioned: unchanged
    assert template_current(cimb) == first and template_current(cripel) is None
    seen = proof(agreement_pdf(agreement), "agreement-before-versioning")
    assert "modèle d’avant le versionnage" in seen.text and "modèle v" not in seen.text
    assert "Marie Dupont" not in seen.text  # printed as it was: without the later version
    page = client_for(coordinator_mons).get(reverse("staff:templates")).content.decode()
    assert "documents émis avant le versionnage des modèles" in page
    # A new version still follows the last saved one, and documents issue with it.
    # (The agreement issued first wrote version 1, the defaults, which going back removed.)
    next_version = template_save(centre=cimb, actor=coordinator_mons, colour="#1d4f7a").version
    assert next_version == first.version + 1 == 3
