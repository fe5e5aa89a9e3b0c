"""Files a partner sends: its attendance attestation, and the proof of the French level
reached (a test result or an attestation) — PDF or JPEG, size-limited, type checked on the
content itself, never on the name or the browser's claim."""

from datetime import date

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.enums import EventKind
from parcours.pathways.services.events import event_record
from parcours.pathways.services.hours import completion_refresh
from parcours.pathways.services.pace import pathways_pace_forget
from parcours.people.services import person_update
from parcours.rules.loader import CEFR_LEVELS
from parcours.training.enums import EnrolmentStatus, ProofKind, Track
from parcours.training.models import AttendanceAttestation, Enrolment

# A product limit (scans of one or two pages), not a rule value.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_SIGNATURES = ((b"%PDF-", "application/pdf", "pdf"), (b"\xff\xd8\xff", "image/jpeg", "jpg"))


def checked_upload(upload: UploadedFile) -> tuple[bytes, str, str]:
    """The content, its MIME type and extension, or DomainError with a plain message."""
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise DomainError(_("The file is larger than 5 MB."))
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise DomainError(_("The file is larger than 5 MB."))
    for magic, content_type, extension in _SIGNATURES:
        if content.startswith(magic):
            return content, content_type, extension
    raise DomainError(_("Send a PDF or a JPEG file."))


@transaction.atomic
def attestation_upload(
    *, enrolment: Enrolment, upload: UploadedFile, actor: User, note: str = ""
) -> AttendanceAttestation:
    if enrolment.status != EnrolmentStatus.ACCEPTED:
        raise DomainError(_("An attestation is sent for an enrolled person."))
    content, content_type, extension = checked_upload(upload)
    attestation = AttendanceAttestation(
        enrolment=enrolment,
        content_type=content_type,
        size=len(content),
        note=note.strip()[:200],
        uploaded_by=actor,
    )
    name = f"attestation-{enrolment.pk}.{extension}"
    attestation.file.save(name, ContentFile(content), save=False)
    attestation.save()
    event_record(
        pathway=enrolment.pathway,
        kind=EventKind.HOURS,
        actor=actor,
        summary=_("Attendance attestation received from %(p)s") % {"p": enrolment.offer.partner},
    )
    return attestation


@transaction.atomic
def level_record(
    *,
    enrolment: Enrolment,
    level: str,
    reached_on: date,
    proof_kind: ProofKind,
    proof: UploadedFile,
    actor: User,
) -> Enrolment:
    """A French level reached, with its proof; reaching the exit level (A2 since 2018) ends
    the French track (completion rule, french_exit_level)."""
    if enrolment.track != Track.FRENCH or enrolment.status != EnrolmentStatus.ACCEPTED:
        raise DomainError(_("A level is recorded for a person enrolled in a French course."))
    if level not in CEFR_LEVELS or proof_kind not in ProofKind.values:
        raise DomainError(_("Give the level and the kind of proof."))
    content, _content_type, extension = checked_upload(proof)
    enrolment.level_reached, enrolment.level_reached_on = level, reached_on
    enrolment.level_proof_kind = proof_kind
    enrolment.level_proof.save(f"level-{enrolment.pk}.{extension}", ContentFile(content), False)
    enrolment.save()
    # The identity shows the last proven level: the partner's, as the welcome test's before it.
    person_update(
        person=enrolment.pathway.person,
        fields={"french_level": level},
        actor=actor,
        reason=_("French level recorded by %(partner)s") % {"partner": enrolment.offer.partner},
    )
    event_record(
        pathway=enrolment.pathway,
        kind=EventKind.HOURS,
        actor=actor,
        summary=_("French level %(level)s reached (%(proof)s)")
        % {"level": level, "proof": ProofKind(proof_kind).label},
    )
    completion_refresh(pathway_ids={enrolment.pathway_id})
    # A level corrected down can end a track no more: its pace is read again tonight.
    pathways_pace_forget(pathway_ids={enrolment.pathway_id})
    return enrolment
