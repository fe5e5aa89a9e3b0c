"""Retention (GDPR art. 5, § 1, e): a closed file is kept for the years its closing status
sets (rules parameters `retention_after_*`, read on the day of the sweep), then the person is
anonymised: names, contacts, national number, address and every free text (health notes
included) are removed, here and in the rows about them; the birth date keeps only its year.
What the statistics count stays (statuses, dates, commune, sex, nationalities, hours), so
their figures do not change.

A person is anonymised only when none of their files is open and every file has passed its
period: an open file is never touched. Set-based: one query selects the people, then one
UPDATE per table and chunk. Idempotent: an anonymised person is never selected again.
Run by `parcours sweep`; `parcours retention --dry-run` lists what would go."""

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncYear
from django.utils import timezone

from parcours.appointments.models import Appointment, BookingIntake
from parcours.certificates.models import Certificate
from parcours.certificates.signing import is_authentic, sign
from parcours.core.worker import finished_tasks_prune
from parcours.pathways import parameters
from parcours.pathways.enums import Status
from parcours.pathways.models import (
    Adjustment,
    AdministrativeHelp,
    Agreement,
    Decision,
    Evaluation,
    FrenchTest,
    HealthNote,
    NonCompliance,
    Notification,
    Pathway,
    PathwayEvent,
    Referral,
    SocialAssessment,
    Transfer,
    TransferRequest,
    Waiver,
)
from parcours.people.models import Person, PersonChange, PersonMerge, SpaceCode
from parcours.rules.dates import add_years
from parcours.training.models import (
    Attendance,
    AttendanceAttestation,
    Enrolment,
    EnrolmentAnswer,
)

logger = logging.getLogger(__name__)

CHUNK = 500

# The closing statuses and the parameter that keeps each (CLOSED_STATUSES of transitions).
RETENTION_PARAMETERS = {
    Status.COMPLETED: "retention_after_certificate",
    Status.WAIVED: "retention_after_waiver",
    Status.NOT_CONCERNED: "retention_after_not_concerned",
    Status.WITHDRAWN: "retention_after_withdrawal",
    Status.TRANSFERRED: "retention_after_transfer",
}

# The person's own columns: blanked, or reduced (birth date to 1 January of its year).
PERSON_BLANKS: dict[str, Any] = {
    "family_name": "",
    "given_names": "",
    "usual_name": "",
    "birth_place": "",
    "national_number": "",
    "phone": "",
    "email": "",
    "street": "",
    "postal_code": "",
    "search_text": "",
    "name_key": "",
}

INTAKE_BLANKS: dict[str, Any] = {
    "family_name": "",
    "given_names": "",
    "phone": "",
    "email": "",
    "contact_key": "",
}

# (model, path to the person, columns blanked). Every text, JSON or file column of a table
# reached from a person is either here or in KEPT (tests/casework/test_retention.py).
BLANKED: tuple[tuple[type[models.Model], str, dict[str, Any]], ...] = (
    (PersonChange, "person", {"old_value": "", "new_value": "", "reason": ""}),
    (PersonMerge, "kept", {"fields_before": {}, "reason": ""}),
    (PersonMerge, "merged", {"fields_before": {}, "reason": ""}),
    (PathwayEvent, "pathway__person", {"reason": ""}),
    (Referral, "pathway__person", {"note": ""}),
    (Decision, "pathway__person", {"input": {}}),
    (Adjustment, "pathway__person", {"reason": ""}),
    (Waiver, "pathway__person", {"evidence": ""}),
    (
        SocialAssessment,
        "pathway__person",
        dict.fromkeys(
            (
                "situation",
                "schooling",
                "experience",
                "languages",
                "training_wishes",
                "housing",
                "children",
                "administrative_needs",
            ),
            "",
        ),
    ),
    (HealthNote, "pathway__person", {"notes": "", "needs": []}),
    (FrenchTest, "pathway__person", {"notes": ""}),
    (AdministrativeHelp, "pathway__person", {"what": "", "referred_to": ""}),
    (Agreement, "pathway__person", {"note": "", "scan": ""}),
    (
        Evaluation,
        "pathway__person",
        dict.fromkeys(
            (
                "access_to_training",
                "attendance",
                "absence_reasons",
                "agreed_changes",
                "extension_reason",
            ),
            "",
        ),
    ),
    (
        NonCompliance,
        "pathway__person",
        dict.fromkeys(("answer", "not_sanctionable_reason", "summary", "appeal_outcome"), ""),
    ),
    (Notification, "pathway__person", {"what": ""}),
    (Transfer, "old_pathway__person", {"reason": ""}),
    (
        TransferRequest,
        "pathway__person",
        {"street": "", "postal_code": "", "note": "", "answer": ""},
    ),
    (Appointment, "person", {"note": ""}),
    (Enrolment, "pathway__person", {"message": "", "refusal_reason": "", "level_proof": ""}),
    (EnrolmentAnswer, "enrolment__pathway__person", {"reason": ""}),
    (Attendance, "enrolment__pathway__person", {"note": ""}),
    (AttendanceAttestation, "enrolment__pathway__person", {"note": "", "file": ""}),
    (
        Certificate,
        "pathway__person",
        {
            "holder_name": "",
            "holder_birth_place": "",
            "holder_national_number": "",
            "revoked_reason": "",
        },
    ),
)

# Columns of those tables kept on purpose: codes, parameters, figures, statuses, the names of
# places and of the centre's staff — nothing that tells who the person is.
KEPT = frozenset(
    {
        "people.person.nationalities",
        "people.person.languages",
        "people.person.letter_language",
        "people.person.interpreter_language",
        "people.personchange.field",
        "people.personmerge.moves",
        "people.personmerge.closed",
        "people.privacyacknowledgement.version",
        "people.privacyacknowledgement.language",
        "pathways.pathway.worklist_task",
        "pathways.pathway.welcome_started",
        "pathways.pathwayevent.from_status",
        "pathways.pathwayevent.to_status",
        "pathways.pathwayevent.summary",
        "pathways.referral.batch",
        "pathways.decision.rule",
        "pathways.decision.version",
        "pathways.decision.regime",
        "pathways.decision.status",
        "pathways.decision.reasons",
        "pathways.decision.deadlines",
        "pathways.decision.trace",
        "pathways.decision.competent_centre",
        "pathways.waiver.ground",
        "pathways.socialassessment.tracks_needed",
        "pathways.rightssession.language",
        "pathways.rightssession.themes",
        "pathways.agreement.tracks",
        "pathways.agreement.minimum_hours",
        "pathways.agreement.time_limits",
        "pathways.agreement.parameters",
        "pathways.agreement.offers",
        "pathways.issueddocument.reference",
        "pathways.convocation.place",
        "pathways.noncompliance.reminder_proof",
        "pathways.noncompliance.notice_proof",
        "pathways.transferrequest.source",
        "appointments.appointment.language",
        "appointments.appointmentevent.from_status",
        "appointments.appointmentevent.to_status",
        "appointments.appointmentevent.summary",
        "appointments.bookingintake.language",
        "appointments.bookingintake.interpreter_language",
        "appointments.seat.interpreter_language",
        "appointments.interpreterrequest.language",
        "appointments.interpreterrequest.dialect",
        "appointments.interpreterrequest.contact",
        "appointments.interpreterrequest.provider_reference",
        "training.attendanceattestation.content_type",
        "certificates.certificate.number",
        "certificates.certificate.centre_name",
        "certificates.certificate.holder_nationalities",
        "audit.accessevent.where",
    }
)
# Files are removed from the storage before their column is blanked.
FILE_COLUMNS = frozenset({"scan", "level_proof", "file"})


@dataclass
class RetentionReport:
    people: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    files: list[int] = field(default_factory=list)
    ids: list[int] = field(default_factory=list, repr=False)
    # Finished background task results past TASK_RESULTS_KEPT_DAYS (deleted, or would be).
    task_results: int = 0


def tasks_cutoff(today: date) -> datetime:
    kept = timedelta(days=settings.TASK_RESULTS_KEPT_DAYS)
    return datetime.combine(today - kept, time(), tzinfo=timezone.get_current_timezone())


def _expired_file(today: date) -> Q:
    """A closed file past its period: closed before `today` minus the status's years."""
    expired = Q(pk__in=[])
    for status, name in RETENTION_PARAMETERS.items():
        cutoff = add_years(today, -parameters.number(name, today))
        expired |= Q(status=status, closed_on__lt=cutoff)
    return expired


def expired_people(*, today: date) -> QuerySet[Person]:
    """People with at least one file and no file that is open or still kept."""
    kept = Pathway.objects.filter(person=OuterRef("pk")).exclude(_expired_file(today))
    return Person.objects.filter(
        Exists(Pathway.objects.filter(person=OuterRef("pk"))),
        anonymised_on__isnull=True,
        merged_into__isnull=True,
    ).exclude(Exists(kept))


def retention_preview(*, today: date) -> RetentionReport:
    """What the sweep would anonymise: how many people, by the status of their last file,
    and the file numbers — no name."""
    report = RetentionReport()
    ids = list(expired_people(today=today).values_list("pk", flat=True))
    report.ids = ids
    report.people = len(ids)
    last: dict[int, str] = {}
    for row in Pathway.objects.filter(person_id__in=ids).order_by("person_id", "id"):
        last[row.person_id] = row.status
        report.files.append(row.pk)
    report.by_status = Counter(last.values())
    report.task_results = finished_tasks_prune(before=tasks_cutoff(today), dry_run=True)
    return report


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _remove_files(rows: QuerySet[Any], columns: Iterable[str]) -> None:
    for column in columns:
        for name in rows.exclude(**{column: ""}).values_list(column, flat=True):
            rows.model._meta.get_field(column).storage.delete(name)


def _authentic_certificates(ids: list[int]) -> list[int]:
    found = Certificate.objects.filter(pathway__person_id__in=ids)
    return [c.pk for c in found if is_authentic(c)]


def _resign_certificates(authentic: list[int]) -> None:
    """A certificate stays verifiable (valid or revoked) without its holder's name: its
    signature covers the name, so it is signed again over the blanked record — only if it
    was authentic before (a tampered record must stay refused)."""
    found = list(Certificate.objects.filter(pk__in=authentic))
    for certificate in found:
        certificate.signature = sign(certificate)
    Certificate.objects.bulk_update(found, ["signature"], batch_size=CHUNK)


def _intakes(ids: list[int]) -> QuerySet[BookingIntake]:
    """The online bookings of these people: matched to them, or linked by an appointment."""
    linked = Q(matched_person_id__in=ids) | Q(appointments__person_id__in=ids)
    return BookingIntake.objects.filter(pk__in=BookingIntake.objects.filter(linked).values("pk"))


def _anonymise(ids: list[int], today: date) -> None:
    # People merged into these ones are the same people: their old records go too.
    ids = ids + list(Person.objects.filter(merged_into_id__in=ids).values_list("pk", flat=True))
    authentic = _authentic_certificates(ids)
    for model, path, blanks in BLANKED:
        rows = model._default_manager.filter(**{f"{path}__in": ids})
        _remove_files(rows, FILE_COLUMNS.intersection(blanks))
        rows.update(**blanks)
    _intakes(ids).update(**INTAKE_BLANKS, birth_date=TruncYear("birth_date"))
    _resign_certificates(authentic)
    SpaceCode.objects.filter(person_id__in=ids).delete()
    Person.objects.filter(pk__in=ids).update(
        **PERSON_BLANKS, birth_date=TruncYear("birth_date"), anonymised_on=today
    )


def retention_sweep(*, today: date) -> RetentionReport:
    """Anonymise everyone whose files have all passed their period; logs counts only."""
    report = retention_preview(today=today)
    for chunk in _chunks(report.ids):
        with transaction.atomic():
            # Judged again inside the transaction: a file reopened since stays untouched.
            still = list(
                expired_people(today=today).filter(pk__in=chunk).values_list("pk", flat=True)
            )
            _anonymise(still, today)
    report.task_results = finished_tasks_prune(before=tasks_cutoff(today))
    by_status = ", ".join(f"{k}: {v}" for k, v in sorted(report.by_status.items())) or "none"
    logger.info(
        "retention: %d people anonymised (%s), %d finished task results deleted",
        report.people,
        by_status,
        report.task_results,
    )
    return report
