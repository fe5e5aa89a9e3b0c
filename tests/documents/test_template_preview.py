"""The preview of a centre's templates: each document kind rendered by the same code as the
issued one, on a sample file marked as a specimen on every page, with the edits of the form
as they stand, and nothing saved. Each page is saved under var/documents/ to look at."""

from collections.abc import Mapping

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.casework.template_preview import SAMPLE_CODE, SAMPLE_NUMBER
from parcours.certificates.models import Certificate
from parcours.pathways.models import DocumentTemplate, IssuedDocument, Pathway
from parcours.pathways.services.templates import template_current, template_save
from parcours.people.models import Person
from parcours.territory.models import Centre
from tests.documents.proof import Proof, is_pdf_a_2b, proof
from tests.documents.test_letter_languages import _french_then_arabic, _pages
from tests.documents.test_templates import image
from tests.factories.accounts import make_user
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
URL = "staff:template_preview"
SAVED_FR = "Paragraphe enregistré du centre."
EDITED_FR = "Paragraphe modifié, pas encore enregistré."
EDITED_AR = "فقرة معدلة لم تحفظ بعد"
SPECIMEN = "SPÉCIMEN — sans valeur"
# kind: (pages in French alone, pages in French then Arabic, its French title, Arabic title)
KINDS = {
    "invitation": (1, 2, "Invitation", "يدعوك مركز الاندماج"),
    "convocation": (1, 2, "Convocation", "استدعاء إلى مقابلة تقييم"),
    "reminder": (1, 2, "Rappel", "تذكير"),
    "notice": (1, 2, "Mise en demeure", "إنذار رسمي"),
    "decision": (1, 2, "Décision", "قرار بشأن مسار الاندماج"),
    "agreement": (2, 4, "Convention", "اتفاقية مسار الاندماج"),
    "certificate": (1, 2, "Attestation", "شهادة حضور"),
    "evaluation": (1, 2, "Rapport", "تقرير"),
}


@pytest.fixture
def saved(cimb: Centre, coordinator_mons: User) -> DocumentTemplate:
    paragraphs = {kind: {"fr": {"intro": SAVED_FR}} for kind in KINDS}
    return template_save(
        centre=cimb, actor=coordinator_mons, signatory_name="Marie Dupont",
        signatory_function="Directrice", colour="#1d4f7a", logo=image("PNG", (300, 100)),
        paragraphs=paragraphs,
    )  # fmt: skip


def _counts() -> tuple[int, ...]:
    models = (DocumentTemplate, IssuedDocument, Person, Pathway, Certificate)
    return tuple(model.objects.count() for model in models)


def _preview(client: Client, data: Mapping[str, object]) -> bytes:
    response = client.post(reverse(URL), data)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf", response.content[:2000]
    return bytes(response.content)


def _specimen_on_every_page(seen: Proof) -> list[str]:
    texts = _pages(seen)
    assert all(SPECIMEN in text for text in texts), [SPECIMEN in t for t in texts]
    joined = " ".join(texts)
    assert "Exemple" in joined and "EXEMPLE" in joined
    assert "Marie Dupont" in joined and "Directrice" in joined
    return texts


@pytest.mark.usefixtures("saved")
@pytest.mark.parametrize("kind", KINDS)
def test_each_document_previews_the_unsaved_paragraph_in_french_on_a_sample_file(
    kind: str, coordinator_mons: User, client_for: ClientFor
) -> None:
    before = _counts()
    data = {"preview": "paragraphs", "document": kind, "language": "fr", "intro": EDITED_FR,
            "closing": ""}  # fmt: skip
    name = f"template-preview-{kind}-fr"
    seen = proof(_preview(client_for(coordinator_mons), data), name)
    pages, _both, title, _arabic = KINDS[kind]
    assert len(seen.pages) == pages, (name, len(seen.pages))
    texts = _specimen_on_every_page(seen)
    assert EDITED_FR in " ".join(texts) and SAVED_FR not in " ".join(texts)
    assert title in texts[0]
    assert _counts() == before


@pytest.mark.usefixtures("saved")
@pytest.mark.parametrize("kind", KINDS)
def test_each_document_previews_the_unsaved_arabic_paragraph_after_the_french_text(
    kind: str, coordinator_mons: User, client_for: ClientFor
) -> None:
    before = _counts()
    data = {"preview": "paragraphs", "document": kind, "language": "ar", "intro": EDITED_AR,
            "closing": ""}  # fmt: skip
    name = f"template-preview-{kind}-fr-ar"
    seen = proof(_preview(client_for(coordinator_mons), data), name)
    _pages_fr, pages, title, arabic = KINDS[kind]
    assert len(seen.pages) == pages, (name, len(seen.pages))
    _french_then_arabic(seen, name, title, arabic)
    texts = _specimen_on_every_page(seen)
    assert SAVED_FR in " ".join(texts)  # the French part keeps the saved French paragraph
    assert all(word in " ".join(texts) for word in EDITED_AR.split())
    assert _counts() == before


def test_the_letterhead_preview_shows_a_new_logo_and_signatory_and_saves_nothing(
    saved: DocumentTemplate, coordinator_mons: User, client_for: ClientFor
) -> None:
    before = _counts()
    logo = SimpleUploadedFile("logo.jpg", image("JPEG", (200, 80)), content_type="image/jpeg")
    signature = SimpleUploadedFile("s.png", image("PNG", (200, 60)), content_type="image/png")
    data = {"preview": "letterhead", "document": "convocation", "language": "fr",
            "logo": logo, "signature": signature, "colour": "#7a1d1d",
            "address": "Rue Nouvelle 9\n7000 Mons", "signatory_name": "Jean Martin",
            "signatory_function": "Coordinateur"}  # fmt: skip
    client = client_for(coordinator_mons)
    with CaptureQueriesContext(connection) as queries:
        pdf = _preview(client, data)
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    seen = proof(pdf, "template-preview-letterhead-fr")
    assert len(seen.pages) == 1
    assert (
        "Jean Martin" in seen.text and "Coordinateur" in seen.text and "Rue Nouvelle 9" in seen.text
    )
    assert "Marie Dupont" not in seen.text and SPECIMEN in seen.text
    assert "modèle v" not in seen.text  # an unsaved draft has no version number
    assert _counts() == before
    current = template_current(saved.centre)
    assert current is not None and current.version == 1 and current.signatory_name == "Marie Dupont"


@pytest.mark.usefixtures("saved")
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"logo": SimpleUploadedFile("l.png", b"<svg onload='alert(1)'/>")}, "SVG"),
        ({"signature": SimpleUploadedFile("s.png", b"not an image")}, "image PNG ou JPEG"),
        ({"colour": "#eeeeee"}, "trop claire"),
    ],
)
def test_an_invalid_edit_shows_the_form_with_its_error_and_no_pdf(
    data: dict[str, object], message: str, coordinator_mons: User, client_for: ClientFor
) -> None:
    before = _counts()
    response = client_for(coordinator_mons).post(reverse(URL), {"preview": "letterhead", **data})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    assert _counts() == before


def test_an_over_long_paragraph_shows_the_form_again(
    coordinator_mons: User, client_for: ClientFor
) -> None:
    data = {"preview": "paragraphs", "document": "decision", "language": "fr", "intro": "x" * 2001}
    response = client_for(coordinator_mons).post(reverse(URL), data)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert not DocumentTemplate.objects.exists()


@pytest.mark.usefixtures("saved")
def test_template_code_in_a_previewed_paragraph_is_printed_as_written(
    coordinator_mons: User, client_for: ClientFor
) -> None:
    text = "<b>gras</b> {{ person.national_number }} {% now 'Y' %}"
    data = {"preview": "paragraphs", "document": "notice", "language": "fr", "intro": text}
    seen = proof(_preview(client_for(coordinator_mons), data), "template-preview-literal")
    assert "<b>gras</b> {{ person.national_number }} {% now 'Y' %}" in seen.text


def test_the_sample_certificate_number_never_verifies(
    saved: DocumentTemplate, coordinator_mons: User, client_for: ClientFor
) -> None:
    data = {"preview": "paragraphs", "document": "certificate", "language": "fr", "intro": "x"}
    seen = proof(_preview(client_for(coordinator_mons), data), "template-preview-certificate")
    words = seen.text.split()
    assert SAMPLE_NUMBER in seen.text and "/verify/" in seen.text and f"{SAMPLE_CODE}/" in words
    assert is_pdf_a_2b(seen)  # the same archival rendering as an issued certificate
    by_code = client_for(None).get(reverse("verify:verify", args=[SAMPLE_CODE])).content.decode()
    assert 'data-verify="unknown"' in by_code and "Exemple" not in by_code
    form = {"reference": SAMPLE_NUMBER, "birth_date": "1990-01-01"}
    response = client_for(None).post(reverse("verify:form"), form)
    page = response.content.decode()
    assert response.status_code == 200 and 'data-verify="unknown"' in page
    assert "Exemple" not in page


def test_a_coordinator_previews_only_the_own_centre_template(
    saved: DocumentTemplate, cripel: Centre, client_for: ClientFor
) -> None:
    other = make_user(role=Role.COORDINATOR, centre=cripel)
    data = {"preview": "paragraphs", "document": "decision", "language": "fr", "intro": "y"}
    seen = proof(_preview(client_for(other), data), "template-preview-other-centre")
    assert "Centre Régional pour" in seen.text and "Marie Dupont" not in seen.text
    assert "Borinage" not in seen.text and "Paragraphe enregistré" not in seen.text


def test_an_unknown_document_or_language_is_not_found(
    coordinator_mons: User, client_for: ClientFor
) -> None:
    client = client_for(coordinator_mons)
    assert client.get(reverse(URL), {"document": "nothing"}).status_code == 404
    assert client.post(reverse(URL), {"document": "decision", "language": "xx"}).status_code == 404


def test_the_page_has_a_preview_button_that_works_without_javascript(
    coordinator_mons: User, client_for: ClientFor
) -> None:
    page = client_for(coordinator_mons).get(reverse("staff:templates")).content.decode()
    action = f'formaction="{reverse(URL)}" formtarget="_blank"'
    assert page.count(action) == 2 and page.count(">Prévisualiser</button>") == 2
    assert 'name="preview" value="letterhead"' in page and 'value="paragraphs"' in page
