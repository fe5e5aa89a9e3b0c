"""Issue, revoke and verify certificates (attestation de fréquentation, CWASS art. 152/7 § 2).
Issued only when the rules' completion check says the pathway is complete."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.certificates.models import Certificate
from parcours.certificates.signing import is_authentic, sign
from parcours.core.errors import DomainError
from parcours.core.tokens import token_new
from parcours.pathways.enums import EventKind, Status
from parcours.pathways.explain import reason_texts
from parcours.pathways.loading import reload
from parcours.pathways.models import DocumentKind, Pathway
from parcours.pathways.services.clock import completion_outcome
from parcours.pathways.services.events import event_record
from parcours.pathways.services.status_owned import pathway_transition_owned
from parcours.pathways.services.templates import document_issue
from parcours.territory.models import Centre
from parcours.training.ledger import current_attendance

CODE_BYTES = 24


class CertificateRefusedError(DomainError):
    def __init__(self, missing: list[str]) -> None:
        super().__init__(_("The pathway is not complete: ") + " ".join(missing))
        self.missing = missing


def certificate_missing(pathway: Pathway) -> list[str]:
    """What is missing before the certificate can be issued, in plain words."""
    outcome = completion_outcome(reload(pathway))
    if outcome is None:
        return [str(_("The agreement is not signed."))]
    return reason_texts(outcome.reasons)


def last_completion_fact(pathway: Pathway) -> date | None:
    """The latest date the completion rests on: module done, agreement signed, last hours
    in the ledger, last French test. A certificate cannot say it was issued before it."""
    facts = [pathway.module_done_on, pathway.agreed_on]
    facts.append(
        current_attendance().filter(enrolment__pathway=pathway).aggregate(m=Max("attended_on"))["m"]
    )
    facts.append(pathway.french_tests.aggregate(m=Max("tested_on"))["m"])
    known = [day for day in facts if day is not None]
    return max(known) if known else None


def _check_issue_date(pathway: Pathway, on: date) -> None:
    """The number carries the year of issue: neither backdated nor post-dated."""
    if on > timezone.localdate():
        raise DomainError(_("A certificate cannot be issued on a future date."))
    last = last_completion_fact(pathway)
    if last is not None and on < last:
        raise DomainError(
            _("A certificate cannot be issued before %(day)s, the last fact of its completion.")
            % {"day": date_format(last, "SHORT_DATE_FORMAT")}
        )


def _number(centre: Centre, year: int) -> tuple[int, str]:
    Centre.objects.select_for_update().filter(pk=centre.pk).first()  # serialise per centre
    last = Certificate.objects.filter(centre=centre, year=year).aggregate(m=Max("sequence"))["m"]
    sequence = (last or 0) + 1
    return sequence, f"{centre.code}-{year}-{sequence:05d}"


@transaction.atomic
def certificate_issue(*, pathway: Pathway, on: date, actor: User) -> Certificate:
    pathway = reload(pathway)
    if pathway.status not in (Status.AGREED, Status.IN_TRAINING):
        raise DomainError(_("A certificate is issued for a pathway in progress."))
    missing = certificate_missing(pathway)
    if missing:
        raise CertificateRefusedError(missing)
    _check_issue_date(pathway, on)
    sequence, number = _number(pathway.centre, on.year)
    person = pathway.person
    certificate = Certificate(
        pathway=pathway,
        centre=pathway.centre,
        year=on.year,
        sequence=sequence,
        number=number,
        issued_on=on,
        holder_name=f"{person.given_names} {person.family_name.upper()}",
        holder_birth_date=person.birth_date,
        holder_birth_place=person.birth_place,
        holder_nationalities=list(person.nationalities),
        holder_national_number=(
            person.national_number if pathway.centre.certificate_shows_national_number else ""
        ),
        centre_name=pathway.centre.name,
        code=token_new(CODE_BYTES),
        issued_by=actor,
    )
    certificate.signature = sign(certificate)
    certificate.save()
    document_issue(
        kind=DocumentKind.CERTIFICATE, reference=number, centre=pathway.centre, actor=actor
    )
    event_record(
        pathway=pathway,
        kind=EventKind.CERTIFICATE,
        actor=actor,
        summary=_("Certificate %(number)s issued") % {"number": number},
    )
    pathway_transition_owned(
        pathway=pathway, to=Status.COMPLETED, actor=actor, on=on, reason=_("Certificate issued.")
    )
    return certificate


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, on: date, reason: str, actor: User
) -> Certificate:
    if not reason.strip():
        raise DomainError(_("Say why the certificate is revoked."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_on is not None:
        raise DomainError(_("This certificate is already revoked."))
    if not is_authentic(certificate):
        raise DomainError(_("This certificate's record fails its signature check: report it."))
    if on < certificate.issued_on or on > timezone.localdate():
        raise DomainError(_("A certificate is revoked between its issue and today."))
    certificate.revoked_on, certificate.revoked_reason = on, reason.strip()
    Certificate.objects.filter(pk=certificate.pk).update(
        revoked_on=on,
        revoked_reason=certificate.revoked_reason,
        revoked_by=actor,
        signature=sign(certificate),
    )
    event_record(
        pathway=certificate.pathway,
        kind=EventKind.CERTIFICATE,
        actor=actor,
        reason=reason,
        summary=_("Certificate %(n)s revoked") % {"n": certificate.number},
    )
    certificate.refresh_from_db()
    return certificate


@dataclass(frozen=True)
class Verification:
    valid: bool
    revoked: bool = False
    holder_name: str = ""
    birth_year: int | None = None
    centre_name: str = ""
    issued_on: date | None = None
    revoked_on: date | None = None
    number: str = ""


def _verification(certificate: Certificate | None) -> Verification:
    if certificate is None or not is_authentic(certificate):
        return Verification(valid=False)
    revoked = certificate.revoked_on is not None
    return Verification(
        valid=not revoked,
        revoked=revoked,
        holder_name=certificate.holder_name,
        birth_year=certificate.holder_birth_date.year,
        centre_name=certificate.centre_name,
        issued_on=certificate.issued_on,
        revoked_on=certificate.revoked_on,
        number=certificate.number,
    )


def certificate_verify(code: str) -> Verification:
    """What the public page may show: valid or revoked (and since when), name, birth year,
    centre, date."""
    return _verification(Certificate.objects.filter(code=code.strip()[:64]).first())


def normalise_number(raw: str) -> str:
    """A printed number as typed: case, spaces and dashes of any kind do not matter."""
    text = "".join(raw.split()).upper()
    for dash in ("\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "_", "/"):
        text = text.replace(dash, "-")
    return text[:32]


def certificate_verify_number(number: str, birth_date: date) -> Verification:
    """The printed number with the holder's birth date (the number alone is sequential, so
    guessable: the birth date keeps a stranger from reading names by counting)."""
    found = Certificate.objects.filter(
        number=normalise_number(number), holder_birth_date=birth_date
    ).first()
    return _verification(found)
