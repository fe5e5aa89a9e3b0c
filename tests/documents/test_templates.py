"""The templates a centre owns — letterhead, colour, signatory, signature image and
free paragraphs per document and language — saved as versions; every issued document keeps
the version it was issued with, and its legal parts come from the rules and the file."""

import io
from datetime import datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from parcours.accounts.models import User
from parcours.core.dates import today
from parcours.core.errors import DomainError
from parcours.pathways.models import DocumentKind, DocumentTemplate, IssuedDocument
from parcours.pathways.services.followup import convocation_pdf, convocation_send
from parcours.pathways.services.templates import image_clean, template_current, template_save
from parcours.territory.models import Centre
from tests.documents.proof import proof
from tests.documents.test_letters import BRUSSELS, _followed
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
MEETING = datetime(2026, 12, 14, 10, 0, tzinfo=BRUSSELS)


def image(fmt: str = "PNG", size: tuple[int, int] = (120, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (29, 79, 122)).save(out, format=fmt)
    return out.getvalue()


def _paragraph(kind: str, text: str, language: str = "fr") -> dict[str, object]:
    return {"paragraphs": {kind: {language: {"intro": text}}}}


def test_every_save_is_a_new_version_with_who_and_what_changed(
    cimb: Centre, coordinator_mons: User
) -> None:
    first = template_save(
        centre=cimb, actor=coordinator_mons, colour="#1D4F7A", signatory_name="Marie Dupont"
    )
    second = template_save(centre=cimb, actor=coordinator_mons, signatory_name="Luc Martin")
    third = template_save(centre=cimb, actor=coordinator_mons, **_paragraph("reminder", "Bonjour"))
    assert [first.version, second.version, third.version] == [1, 2, 3]
    assert first.changes == ["colour", "signatory_name"] and first.colour == "#1d4f7a"
    assert second.changes == ["signatory_name"] and second.colour == "#1d4f7a"  # carried over
    assert third.changes == ["reminder/fr"] and third.signatory_name == "Luc Martin"
    assert third.created_by == coordinator_mons
    assert DocumentTemplate.objects.get(pk=first.pk).signatory_name == "Marie Dupont"  # kept
    with pytest.raises(DomainError, match="Rien n’a changé"):
        template_save(centre=cimb, actor=coordinator_mons, signatory_name="Luc Martin")


def test_only_a_coordinator_of_the_centre_changes_its_templates(
    cimb: Centre, cripel: Centre, agent_mons: User, coordinator_mons: User
) -> None:
    with pytest.raises(DomainError, match="coordinat"):
        template_save(centre=cimb, actor=agent_mons, signatory_name="X")
    with pytest.raises(DomainError, match="coordinat"):
        template_save(centre=cripel, actor=coordinator_mons, signatory_name="X")
    assert not DocumentTemplate.objects.exists()


@pytest.mark.parametrize(
    ("colour", "message"),
    [("blue", "#RRVVBB"), ("#12345", "#RRVVBB"), ("#ffff00", "trop claire"), ("#7fb2e5", "2.2:1")],
)
def test_a_colour_must_be_hex_and_readable_on_white(
    cimb: Centre, coordinator_mons: User, colour: str, message: str
) -> None:
    with pytest.raises(DomainError, match=message.replace(".", r"\.")):
        template_save(centre=cimb, actor=coordinator_mons, colour=colour)


def test_a_png_or_a_jpeg_is_re_encoded_and_anything_else_refused() -> None:
    assert image_clean(image("PNG"))[:8] == b"\x89PNG\r\n\x1a\n"
    assert image_clean(image("JPEG"))[:8] == b"\x89PNG\r\n\x1a\n"  # re-encoded as PNG
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'
    for data, message in (
        (svg, "SVG"),
        (b"<?xml version='1.0'?>" + svg, "SVG"),
        (image("GIF"), "PNG ou JPEG"),
        (b"not an image at all", "PNG ou JPEG"),
        (image("PNG", (3000, 10)), "2400 pixels"),
        (b"\x89PNG" + b"0" * 600_000, "512 Ko"),
    ):
        with pytest.raises(DomainError, match=message):
            image_clean(data)


def test_template_code_and_html_in_a_paragraph_are_printed_as_written(
    agent_mons: User, coordinator_mons: User
) -> None:
    pathway = _followed(agent_mons, letter_language="fr")
    text = "{{ person.national_number }} {% now 'Y' %} <b>gras</b> & fin"
    template_save(centre=pathway.centre, actor=coordinator_mons, **_paragraph("convocation", text))
    convocation = convocation_send(pathway=pathway, meeting_at=MEETING, place="Mons",
                                   actor=agent_mons)  # fmt: skip
    seen = proof(convocation_pdf(convocation), "template-escaping")
    assert "{{ person.national_number }} {% now 'Y' %} <b>gras</b> & fin" in seen.text
    assert pathway.person.national_number not in seen.text


def test_an_issued_letter_keeps_its_template_version_after_the_template_changes(
    agent_mons: User, coordinator_mons: User
) -> None:
    pathway = _followed(agent_mons, letter_language="fr")
    centre = pathway.centre
    template_save(centre=centre, actor=coordinator_mons, **_paragraph("convocation", "Texte un"))
    first = convocation_send(pathway=pathway, meeting_at=MEETING, place="Mons", actor=agent_mons)
    template_save(centre=centre, actor=coordinator_mons, **_paragraph("convocation", "Texte deux"))
    again = proof(convocation_pdf(first), "template-version-kept")
    assert "Texte un" in again.text and "Texte deux" not in again.text
    # The invitation sent before the first save wrote version 1, the defaults.
    assert "modèle v2" in again.text
    issued = IssuedDocument.objects.get(kind=DocumentKind.CONVOCATION)
    assert issued.template is not None and issued.template.version == 2
    later = convocation_send(pathway=pathway, meeting_at=MEETING + timedelta(days=1),
                             place="Mons", actor=agent_mons)  # fmt: skip
    fresh = proof(convocation_pdf(later), "template-version-new")
    assert "Texte deux" in fresh.text and "modèle v3" in fresh.text


def test_the_legal_parts_stay_whatever_the_free_paragraphs_say(
    agent_mons: User, coordinator_mons: User
) -> None:
    pathway = _followed(agent_mons, letter_language="fr")
    template_save(centre=pathway.centre, actor=coordinator_mons,
                  paragraphs={"convocation": {"fr": {"intro": "", "closing": ""}}},
                  signatory_name="Marie Dupont")  # fmt: skip
    convocation = convocation_send(pathway=pathway, meeting_at=MEETING, place="Mons",
                                   actor=agent_mons)  # fmt: skip
    seen = proof(convocation_pdf(convocation), "template-legal-parts")
    for expected in ("14/12/2026 10:00", "CWASS art. 152", "Marie Dupont", "Objet"):
        assert expected in seen.text, expected


def test_a_back_dated_convocation_is_refused_unless_a_coordinator_says_why(
    agent_mons: User, coordinator_mons: User
) -> None:
    pathway = _followed(agent_mons, letter_language="fr")
    earlier = today() - timedelta(days=3)
    with pytest.raises(DomainError, match="coordinat"):
        convocation_send(pathway=pathway, meeting_at=MEETING, place="Mons", actor=agent_mons,
                         sent_on=earlier, backdated_because="posted on Friday")  # fmt: skip
    with pytest.raises(DomainError, match="coordinat"):
        convocation_send(pathway=pathway, meeting_at=MEETING, place="Mons",
                         actor=coordinator_mons, sent_on=earlier)  # fmt: skip
    assert not pathway.convocations.exists()
    convocation = convocation_send(pathway=pathway, meeting_at=MEETING, place="Mons",
                                   actor=coordinator_mons, sent_on=earlier,
                                   backdated_because="posted on Friday")  # fmt: skip
    assert convocation.sent_on == earlier
    event = pathway.events.filter(reason__contains="posted on Friday").get()
    assert "posted on Friday" in event.reason
    assert earlier.strftime("%d/%m/%Y") in proof(convocation_pdf(convocation), "conv-back").text
    with pytest.raises(DomainError, match="après l’envoi"):
        convocation_send(pathway=pathway, meeting_at=datetime(2026, 11, 1, 10, tzinfo=BRUSSELS),
                         place="Mons", actor=agent_mons)  # fmt: skip


def test_the_coordinator_sets_the_letterhead_on_the_staff_page_and_previews_it(
    cimb: Centre, coordinator_mons: User, client_for: ClientFor
) -> None:
    client = client_for(coordinator_mons)
    url = reverse("staff:templates")
    assert client.get(url).status_code == 200
    logo = SimpleUploadedFile("logo.png", image("PNG"), content_type="image/png")
    response = client.post(url, {"logo": logo, "colour": "#1d4f7a", "address": "Rue X 1\n7000 Mons",
                                 "signatory_name": "Marie Dupont",
                                 "signatory_function": "Directrice"})  # fmt: skip
    assert response.status_code == 302
    current = template_current(cimb)
    assert current is not None and current.version == 1 and bytes(current.logo)[:4] == b"\x89PNG"
    page = client.get(url).content.decode()
    assert "Marie Dupont" in page and "data:image/png;base64," in page
    preview = client.get(reverse("staff:template_preview"), {"document": "notice",
                                                              "language": "ar"})  # fmt: skip
    assert preview["Content-Type"] == "application/pdf"
    seen = proof(preview.content, "template-preview-notice-fr-ar")
    assert len(seen.pages) == 2 and "Marie Dupont" in seen.text and "Directrice" in seen.text
    assert "Rue X 1" in seen.text and "modèle v1" in seen.text


def test_a_bad_upload_or_colour_says_why_and_saves_nothing(
    cimb: Centre, coordinator_mons: User, client_for: ClientFor
) -> None:
    client = client_for(coordinator_mons)
    svg = SimpleUploadedFile("logo.png", b"<svg onload='alert(1)'/>", content_type="image/png")
    page = client.post(reverse("staff:templates"), {"logo": svg}).content.decode()
    assert "SVG" in page
    page = client.post(reverse("staff:templates"), {"colour": "#eeeeee"}).content.decode()
    assert "trop claire" in page
    assert not DocumentTemplate.objects.exists()


def test_the_free_paragraphs_are_saved_per_document_and_language(
    cimb: Centre, coordinator_mons: User, client_for: ClientFor
) -> None:
    client = client_for(coordinator_mons)
    url = reverse("staff:template_paragraphs")
    data = {"document": "decision", "language": "ar", "intro": "مرحبا", "closing": "<i>x</i>"}
    assert client.post(url, data).status_code == 302
    current = template_current(cimb)
    assert current is not None
    assert current.paragraph("decision", "ar", "intro") == "مرحبا"
    assert current.paragraph("decision", "fr", "intro") == ""
    page = client.get(url, {"document": "decision", "language": "ar"}).content.decode()
    assert "مرحبا" in page and "&lt;i&gt;x&lt;/i&gt;" in page
    assert current.changes == ["decision/ar"]


def _versions_with_issued(centre: Centre, actor: User, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        version = template_save(centre=centre, actor=actor, signatory_name=f"Signataire {n}")
        IssuedDocument.objects.create(
            kind=DocumentKind.REMINDER, reference=f"R-{n}", centre=centre, template=version
        )


def test_the_versions_table_costs_the_same_queries_for_two_versions_or_eight(
    cimb: Centre, coordinator_mons: User, client_for: ClientFor
) -> None:
    """Each version's count of issued documents comes with the versions, not one by one."""
    client = client_for(coordinator_mons)
    url = reverse("staff:templates")
    _versions_with_issued(cimb, coordinator_mons, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _versions_with_issued(cimb, coordinator_mons, 6, start=2)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(many) == len(few)
    assert page.count('data-label="Documents émis">1<') == 8
