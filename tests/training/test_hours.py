"""Hours: the class grid (one POST, all or nothing), one person, corrections with history,
the ledger sums and the completion check reading them, the French level, attestations."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parcours.accounts.models import User
from parcours.certificates.services import CertificateRefusedError, certificate_issue
from parcours.core.errors import DomainError
from parcours.pathways.enums import Status
from parcours.pathways.loading import reload
from parcours.pathways.models import Pathway
from parcours.pathways.services.clock import completion_outcome
from parcours.training.enums import ProofKind, Track
from parcours.training.ledger import hours_by_track
from parcours.training.models import Attendance, Enrolment, Offer
from parcours.training.selectors import pathway_ledger
from parcours.training.services.documents import MAX_UPLOAD_BYTES, attestation_upload, level_record
from tests.errors import refused
from tests.factories.training import make_enrolment, record_hours
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
TODAY = date(2026, 5, 29)  # a Friday


def _grid_url(offer: Offer) -> str:
    return reverse("partner:grid", args=[offer.pk]) + "?from=2026-05-04&to=2026-05-29"


def _cell(enrolment: Enrolment, day: str) -> str:
    return f"h-{enrolment.pk}-{day}"


@time_machine.travel(TODAY, tick=False)
def test_the_grid_shows_the_class_and_records_a_whole_class_in_one_post(
    enrolled: Enrolment, partner_fle: User, client_for: ClientFor
) -> None:
    client = client_for(partner_fle)
    page = client.get(_grid_url(enrolled.offer)).content.decode()
    assert f'name="{_cell(enrolled, "2026-05-04")}"' in page
    assert f'name="{_cell(enrolled, "2026-05-05")}"' not in page  # Tuesday: no session
    data = {_cell(enrolled, "2026-05-04"): "3", _cell(enrolled, "2026-05-06"): "2,5"}
    assert client.post(_grid_url(enrolled.offer), data).status_code == 302
    rows = Attendance.objects.filter(enrolment=enrolled).order_by("attended_on")
    assert [(r.attended_on.day, r.hours, r.source) for r in rows] == [
        (4, Decimal(3), "grid"),
        (6, Decimal("2.5"), "grid"),
    ]
    assert rows[0].entered_by == partner_fle
    page = client.get(_grid_url(enrolled.offer)).content.decode()
    assert 'value="2.5"' in page


@time_machine.travel(TODAY, tick=False)
def test_one_bad_cell_saves_nothing_and_says_which_cell_and_why(
    enrolled: Enrolment, partner_fle: User, client_for: ClientFor
) -> None:
    data = {
        _cell(enrolled, "2026-05-04"): "3",
        _cell(enrolled, "2026-05-06"): "abc",
        _cell(enrolled, "2026-05-11"): "30",
    }
    response = client_for(partner_fle).post(_grid_url(enrolled.offer), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="grid-errors"' in text
    assert text.count('aria-invalid="true"') == 2
    assert f'aria-describedby="{_cell(enrolled, "2026-05-06")}-error"' in text
    assert 'value="abc"' in text  # what was typed is kept
    assert not Attendance.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_future_date_in_the_grid_is_a_cell_error(
    enrolled: Enrolment, partner_fle: User, client_for: ClientFor
) -> None:
    url = reverse("partner:grid", args=[enrolled.offer.pk]) + "?from=2026-06-01&to=2026-06-03"
    response = client_for(partner_fle).post(url, {_cell(enrolled, "2026-06-01"): "2"})
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Attendance.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_correction_keeps_the_history_and_the_centre_sees_who_entered_what(
    enrolled: Enrolment, partner_fle: User, agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(partner_fle)
    client.post(_grid_url(enrolled.offer), {_cell(enrolled, "2026-05-04"): "3"})
    client.post(_grid_url(enrolled.offer), {_cell(enrolled, "2026-05-04"): "2"})
    client.post(_grid_url(enrolled.offer), {_cell(enrolled, "2026-05-04"): ""})  # cleared → 0
    rows = list(Attendance.objects.filter(enrolment=enrolled).order_by("pk"))
    assert [r.hours for r in rows] == [3, 2, 0]
    assert [r.superseded_at is None for r in rows] == [False, False, True]
    assert hours_by_track(enrolled.pathway) == {"french": 0.0}
    page = client_for(agent_mons).get(reverse("staff:centre_ledger", args=[enrolled.pathway_id]))
    text = page.content.decode()
    assert text.count('data-superseded="true"') == 2
    assert partner_fle.full_name in text


@time_machine.travel(TODAY, tick=False)
def test_hours_for_one_person_are_recorded_from_the_person_page(
    enrolled: Enrolment, partner_fle: User, client_for: ClientFor
) -> None:
    url = reverse("partner:hours", args=[enrolled.pk])
    client = client_for(partner_fle)
    assert client.post(url, {"attended_on": "2026-05-12", "hours": "4"}).status_code == 302
    bad = client.post(url, {"attended_on": "2026-06-12", "hours": "4"})
    assert bad.status_code == 200 and 'role="alert"' in bad.content.decode()
    assert Attendance.objects.get().source == "person"


def test_hours_are_refused_for_a_person_not_enrolled(referred: Enrolment) -> None:
    with refused(
        "%(n)s entry has an error: nothing was recorded.",
        DomainError,
        plural="%(n)s entries have an error: nothing was recorded.",
    ):
        record_hours(referred, {date(2026, 5, 4): "3"})
    assert not Attendance.objects.exists()


def test_the_ledger_sums_current_rows_per_track_against_the_agreement(
    enrolled: Enrolment, offer_cit: Offer, agent_mons: User, partner_fle: User
) -> None:
    cit = make_enrolment(enrolled.pathway, offer_cit, agent=agent_mons, partner_user=partner_fle)
    record_hours(enrolled, {date(2026, 5, 4): "3", date(2026, 5, 6): "3.5"})
    record_hours(enrolled, {date(2026, 5, 6): "4"})  # a correction replaces 3.5
    record_hours(cit, {date(2026, 5, 5): "6"})
    lines = {
        line.track: line for line in pathway_ledger(pathway=reload(enrolled.pathway), today=TODAY)
    }
    assert lines["french"].done == Decimal(7) and lines["french"].minimum == 400
    assert lines["citizenship"].done == Decimal(6) and lines["citizenship"].minimum == 60
    assert lines["citizenship"].progress == 10
    assert lines["citizenship"].due_on == date(2026, 8, 1)  # four months after the signature
    assert lines["french"].due_on == date(2027, 8, 1)  # sixteen months


def test_the_completion_check_reads_the_ledger_and_the_certificate_needs_recorded_hours(
    enrolled: Enrolment, offer_cit: Offer, agent_mons: User, partner_fle: User
) -> None:
    pathway = enrolled.pathway
    with refused("The pathway is not complete: ", CertificateRefusedError):
        certificate_issue(pathway=pathway, on=date(2026, 10, 1), actor=agent_mons)
    cit = make_enrolment(pathway, offer_cit, agent=agent_mons, partner_user=partner_fle)
    record_hours(cit, {date(2026, 5, day): "6" for day in range(4, 14)})  # 60 h
    # 400 h on 20 session dates (Ascension and Whitsun 2026 are public holidays)
    days = [day for day in range(4, 27) if day not in (14, 24, 25)]
    record_hours(enrolled, {date(2026, 5, day): "20" for day in days})
    pathway.refresh_from_db()
    assert pathway.status == Status.IN_TRAINING and pathway.ready_for_certificate
    outcome = completion_outcome(reload(pathway))
    assert outcome is not None and outcome.status == "complete"
    record_hours(cit, {date(2026, 5, 13): "0"})  # a correction: 54 h now
    pathway.refresh_from_db()
    assert not pathway.ready_for_certificate
    with refused("The pathway is not complete: ", CertificateRefusedError):
        certificate_issue(pathway=pathway, on=date(2026, 10, 1), actor=agent_mons)


def test_french_a2_with_its_proof_ends_the_french_track(
    enrolled: Enrolment, offer_cit: Offer, agent_mons: User, partner_fle: User
) -> None:
    cit = make_enrolment(enrolled.pathway, offer_cit, agent=agent_mons, partner_user=partner_fle)
    record_hours(cit, {date(2026, 5, day): "6" for day in range(4, 14)})
    record_hours(enrolled, {date(2026, 5, 4): "12"})
    assert not reload(enrolled.pathway).ready_for_certificate
    # A day the sweep would have read its pace again on, had nothing moved.
    Pathway.objects.filter(pk=enrolled.pathway_id).update(pace_check_on=date(2026, 12, 7))
    level_record(
        enrolment=enrolled,
        level="A2",
        reached_on=date(2026, 6, 1),
        proof_kind=ProofKind.TEST,
        proof=SimpleUploadedFile("a2.pdf", PDF),
        actor=partner_fle,
    )
    pathway = reload(enrolled.pathway)
    assert pathway.ready_for_certificate
    assert pathway.pace_check_on is None  # a level moves the pace: read again tonight
    french = next(
        line for line in pathway_ledger(pathway=pathway, today=TODAY) if line.track == Track.FRENCH
    )
    assert french.ended_by_level and french.progress == 100 and french.met


def test_the_french_level_on_the_identity_follows_the_level_recorded_by_the_partner(
    enrolled: Enrolment, partner_fle: User
) -> None:
    """Regression: the identity kept the welcome test's A1 after the partner recorded A2."""
    person = enrolled.pathway.person
    assert reload(enrolled.pathway).person.french_level != "A2"
    level_record(
        enrolment=enrolled,
        level="A2",
        reached_on=date(2026, 6, 1),
        proof_kind=ProofKind.TEST,
        proof=SimpleUploadedFile("a2.pdf", PDF),
        actor=partner_fle,
    )
    person.refresh_from_db()
    assert person.french_level == "A2"
    change = person.changes.get(field="french_level", changed_by=partner_fle)
    assert change.new_value == "A2"


def test_a_level_needs_a_real_pdf_or_jpeg_as_proof(enrolled: Enrolment, partner_fle: User) -> None:
    with refused("Send a PDF or a JPEG file."):
        level_record(
            enrolment=enrolled,
            level="A2",
            reached_on=date(2026, 6, 1),
            proof_kind=ProofKind.ATTESTATION,
            proof=SimpleUploadedFile("a2.pdf", b"<html>not a pdf</html>"),
            actor=partner_fle,
        )
    enrolled.refresh_from_db()
    assert enrolled.level_reached == ""


NOT_A_DOCUMENT = "Send a PDF or a JPEG file."


@pytest.mark.parametrize(
    ("content", "name", "refusal"),
    [
        (PDF, "attestation.pdf", ""),
        (JPEG, "scan.jpg", ""),
        (b"MZ\x90\x00 not a document", "attestation.pdf", NOT_A_DOCUMENT),
        (b"GIF89a....", "scan.jpg", NOT_A_DOCUMENT),
        (PDF + b"0" * MAX_UPLOAD_BYTES, "big.pdf", "The file is larger than 5 MB."),
    ],
)
def test_an_attestation_is_a_pdf_or_jpeg_by_its_content_and_size_limited(
    content: bytes, name: str, refusal: str, enrolled: Enrolment, partner_fle: User
) -> None:
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    if not refusal:
        item = attestation_upload(enrolment=enrolled, upload=upload, actor=partner_fle)
        assert item.content_type in ("application/pdf", "image/jpeg")
    else:
        with refused(refusal):
            attestation_upload(enrolment=enrolled, upload=upload, actor=partner_fle)
        assert not enrolled.attestations.exists()


def test_the_partner_uploads_an_attestation_and_the_centre_opens_it(
    enrolled: Enrolment,
    partner_fle: User,
    agent_mons: User,
    agent_liege: User,
    client_for: ClientFor,
) -> None:
    url = reverse("partner:attestation", args=[enrolled.pk])
    upload = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    assert client_for(partner_fle).post(url, {"file": upload, "note": "May"}).status_code == 302
    item = enrolled.attestations.get()
    args = [enrolled.pathway_id, enrolled.pk, item.pk]
    opened = client_for(agent_mons).get(reverse("staff:centre_attestation_file", args=args))
    assert opened.status_code == 200 and opened.content.startswith(b"%PDF")
    assert (
        client_for(agent_liege).get(reverse("staff:centre_attestation_file", args=args)).status_code
        == 404
    )


def test_the_centre_records_an_attestation_total_against_the_enrolment(
    enrolled: Enrolment, agent_mons: User, client_for: ClientFor
) -> None:
    url = reverse("staff:hours", args=[enrolled.pathway_id])
    period = {"period_from": "2026-04-01", "attended_on": "2026-05-01"}
    data = {"track": "french", "body": str(enrolled.pk), "hours": "40", **period}
    assert client_for(agent_mons).post(url, data).status_code == 302
    row = Attendance.objects.get()
    assert (row.kind, row.source, row.entered_by) == ("statement", "centre", agent_mons)
    assert row.period_from == date(2026, 4, 1)
    # no citizenship enrolment: this body is not one of the file's for that track
    missing = {"track": "citizenship", "body": str(enrolled.pk), "hours": "10", **period}
    response = client_for(agent_mons).post(url, missing)
    assert response.status_code == 200 and Attendance.objects.count() == 1
