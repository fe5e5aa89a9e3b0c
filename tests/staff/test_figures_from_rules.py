"""Figures quoted to people come from the decree's parameters, not from the templates: the
rendered commune home and the agreement's PDF text say them."""

import re
import shutil
import subprocess

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from parcours.accounts.models import User
from parcours.pathways.models import Pathway
from tests.types import ClientFor

PERMIT_SENTENCE = (
    "Refer newcomers who order a residence permit of more than %(months)s months to this "
    "centre, and give them the information leaflet."
)

EVALUATION_SENTENCE = (
    "An evaluation interview is held at least every %(months)s months: access to the "
    "trainings, attendance, reasons for absence, changes agreed, and whether more time is "
    "needed."
)


def _pdf_text(pdf: bytes) -> str:
    """The PDF's text (poppler's pdftotext, system-packages.txt), on one line."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None, "pdftotext is missing: run make system-deps"
    done = subprocess.run(  # noqa: S603 -- a fixed system tool reading stdin
        [pdftotext, "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    )
    return re.sub(r"\s+", " ", done.stdout.decode())


@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_the_commune_home_quotes_the_permit_duration_in_force(
    client_for: ClientFor, commune_mons: User
) -> None:
    page = client_for(commune_mons).get("/staff/").content.decode()
    with translation.override("fr"):
        sentence = gettext(PERMIT_SENTENCE)
    assert escape(sentence % {"months": 3}) in page


@pytest.mark.django_db
def test_the_agreement_pdf_quotes_the_evaluation_interval_in_force(
    client_for: ClientFor, agent_mons: User, file_mons: Pathway
) -> None:
    agreement = file_mons.agreements.order_by("-version").first()
    assert agreement is not None
    url = reverse("staff:agreement_pdf", args=[file_mons.pk, agreement.version])
    response = client_for(agent_mons).get(url)
    assert response.status_code == 200
    text = _pdf_text(response.content)
    with translation.override("fr"):  # the agreement is written in French
        sentence = gettext(EVALUATION_SENTENCE) % {"months": 6}
    assert sentence in text, text
