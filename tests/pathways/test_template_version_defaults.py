"""A centre that has never saved a template version still records one on what it issues:
the first issue writes version 1, the defaults, by the system (once, even for two issues at
once), and every document names it; the coordinator's first save is version 2, and a
reprint keeps the version it was issued with."""

import threading

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from parcours.accounts.models import User
from parcours.casework.documents import agreement_pdf
from parcours.pathways.models import DocumentKind, DocumentTemplate, IssuedDocument
from parcours.pathways.services.agreement import agreement_draft
from parcours.pathways.services.templates import (
    document_issue,
    template_current,
    template_of,
    template_save,
)
from parcours.territory.models import Centre
from tests.documents.proof import proof
from tests.documents.test_agreement_document import TODAY, _welcomed
from tests.types import ClientFor

DECISION = DocumentKind.DECISION


@pytest.mark.django_db
def test_a_centre_without_a_version_issues_with_one_defaults_version_and_keeps_it(
    cimb: Centre, agent_mons: User, coordinator_mons: User
) -> None:
    first = document_issue(kind=DECISION, reference="CIMB-1-D1", centre=cimb, actor=agent_mons)
    second = document_issue(kind=DECISION, reference="CIMB-2-D1", centre=cimb, actor=agent_mons)
    defaults = DocumentTemplate.objects.get(centre=cimb)
    assert (defaults.version, defaults.defaults, defaults.created_by) == (1, True, None)
    assert defaults.changes == ["defaults"] and not defaults.before_versioning
    assert first.template == second.template == defaults
    saved = template_save(centre=cimb, actor=coordinator_mons, signatory_name="Marie Dupont")
    assert saved.version == 2 and saved.changes == ["signatory_name"]
    assert template_current(cimb) == saved
    again = document_issue(kind=DECISION, reference="CIMB-1-D1", centre=cimb, actor=agent_mons)
    assert again.template == defaults
    assert template_of(kind=DECISION, reference="CIMB-2-D1", centre=cimb) == defaults
    third = document_issue(kind=DECISION, reference="CIMB-3-D1", centre=cimb, actor=agent_mons)
    assert third.template == saved
    assert DocumentTemplate.objects.filter(centre=cimb, defaults=True).count() == 1


@pytest.mark.django_db
def test_the_footer_of_a_document_issued_with_the_defaults_names_version_1(
    cimb: Centre, agent_mons: User, coordinator_mons: User
) -> None:
    with time_machine.travel(TODAY, tick=False):
        pathway = _welcomed(agent_mons, letter_language="fr")
        agreement = agreement_draft(pathway=pathway, on=TODAY, actor=agent_mons)
    template_save(centre=cimb, actor=coordinator_mons, signatory_name="Marie Dupont")
    seen = proof(agreement_pdf(agreement), "agreement-defaults-version")
    assert "modèle v1" in seen.text
    assert "Marie Dupont" not in seen.text  # the reprint keeps the defaults it was made with


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_first_issues_at_once_write_one_defaults_version(
    cimb: Centre, agent_mons: User
) -> None:
    barrier = threading.Barrier(2)

    def issue(reference: str) -> None:
        barrier.wait()
        try:
            document_issue(kind=DECISION, reference=reference, centre=cimb, actor=agent_mons)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(f"CIMB-{n}-D1",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert DocumentTemplate.objects.filter(centre=cimb).count() == 1
    versions = set(IssuedDocument.objects.values_list("template__version", flat=True))
    assert versions == {1}


@pytest.mark.django_db
def test_the_templates_page_says_who_wrote_the_defaults_version(
    client_for: ClientFor, cimb: Centre, agent_mons: User, coordinator_mons: User
) -> None:
    """The system's version 1 has no author: the page names the defaults, never an empty
    "by"."""
    document_issue(kind=DECISION, reference="CIMB-1-D1", centre=cimb, actor=agent_mons)
    page = client_for(coordinator_mons).get(reverse("staff:templates")).content.decode()
    assert "par ." not in page
    assert page.count("Parcours, les valeurs par défaut") == 2
