import subprocess
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.urls import reverse

from parcours.accounts.models import User
from parcours.core.dates import today
from parcours.pathways.enums import ComplianceGround
from parcours.pathways.models import Pathway
from parcours.pathways.services.compliance import (
    noncompliance_notice,
    noncompliance_open,
    noncompliance_remind,
)
from parcours.pathways.services.followup import convocation_pdf, convocation_send
from tests.documents.proof import OUT, proof
from tests.factories.people import make_pathway
from tests.pathways.journey import do_agreement, do_welcome
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")
MM = 72 / 25.4  # PDF points in a millimetre


def _window_text(name: str) -> str:
    """The text inside the window of a DIN C5/6 envelope: 20 mm from the left, 45 mm from
    the top, 85 × 45 mm (DIN 5008 form B)."""
    box = [str(round(v * MM)) for v in (20, 45, 85, 45)]
    source = OUT / name / f"{name}.pdf"
    return subprocess.run(  # noqa: S603 - fixed arguments, poppler-utils
        ["/usr/bin/pdftotext", "-f", "1", "-l", "1", "-x", box[0], "-y", box[1],
         "-W", box[2], "-H", box[3], str(source), "-"],
        check=True, capture_output=True,
    ).stdout.decode()  # fmt: skip


def _followed(agent: User, **person: object) -> Pathway:
    pathway = make_pathway(actor=agent, **person)  # type: ignore[arg-type]
    do_welcome(pathway, agent)
    do_agreement(pathway, agent)
    return pathway


@override_settings(LANGUAGES=[("fr", "French"), ("en", "English")])
def test_the_formal_notice_has_date_reference_subject_signatory_and_the_window_address(
    agent_mons: User, client_for: ClientFor
) -> None:
    pathway = _followed(agent_mons, letter_language="en")
    case = noncompliance_open(pathway=pathway, ground=ComplianceGround.EVALUATION_MISSED,
                              on=today(), reason="x", actor=agent_mons)  # fmt: skip
    noncompliance_remind(case=case, on=today(), actor=agent_mons)
    noncompliance_notice(case=case, on=today(), explain_by=today() + timedelta(days=15),
                         actor=agent_mons)  # fmt: skip
    response = client_for(agent_mons).get(reverse("staff:case_letter", args=[pathway.pk, case.pk]))
    seen = proof(response.content, "formal-notice-fr-en")
    assert len(seen.pages) == 2  # French, then English
    french, english = seen.page_texts
    for expected in ("Saint-Ghislain, le 30/11/2026", f"CIMB-{pathway.pk}-S{case.pk}", "Objet",
                     "Mise en demeure", "15/12/2026", agent_mons.full_name):  # fmt: skip
        assert expected in french, expected
    assert "Subject:" in english and "Formal notice" in english
    window = _window_text("formal-notice-fr-en")
    assert "Amira AL-HASSAN" in window and "Rue de Nimy 12" in window and "7000 MONS" in window


def test_the_reminder_and_the_convocation_are_one_page_letters(agent_mons: User) -> None:
    pathway = _followed(agent_mons, letter_language="fr")
    meeting = datetime(2026, 12, 14, 10, 0, tzinfo=BRUSSELS)
    convocation = convocation_send(
        pathway=pathway, meeting_at=meeting, place="Rue du Onze Novembre 7, Saint-Ghislain",
        actor=agent_mons,
    )  # fmt: skip
    seen = proof(convocation_pdf(convocation), "convocation-fr")
    assert len(seen.pages) == 1
    for expected in ("Convocation", "14/12/2026 10:00", "Objet", f"CIMB-{pathway.pk}-C"):
        assert expected in seen.text, expected
    assert "Rue de Nimy 12" in _window_text("convocation-fr")
