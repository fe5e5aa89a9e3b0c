"""The agreement (convention), generated from the social assessment and the decree's
parameters; signed, versioned (CWASS art. 152 ff.; domain.md "The pathway", 4)."""

from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways import parameters
from parcours.pathways.enums import AgreementKind, EventKind, SignatureMethod, Status
from parcours.pathways.facts import current_agreement
from parcours.pathways.loading import reload
from parcours.pathways.models import Agreement, DocumentKind, Pathway
from parcours.pathways.services.clock import pathway_refresh
from parcours.pathways.services.events import event_record
from parcours.pathways.services.guards import dates_in_calendar, require_open
from parcours.pathways.services.status_owned import pathway_transition_owned
from parcours.pathways.services.templates import document_issue
from parcours.rules.dates import add_months
from parcours.rules.formulas.deadlines import agreement_end_on

_TIME_LIMITS = {"citizenship": "citizenship_time_limit", "french": "french_time_limit"}


def agreement_terms(tracks_needed: list[str], on: date) -> dict[str, object]:
    """Tracks = compulsory ones + those the assessment shows a need for, as allowed on `on`."""
    allowed = parameters.codes("agreement_tracks", on)
    wanted = set(parameters.codes("agreement_compulsory_tracks", on)) | set(tracks_needed)
    tracks = [track for track in allowed if track in wanted]
    entries = [parameters.read(f"{track}_minimum_hours", on) for track in tracks]
    limits = {t: parameters.read(p, on) for t, p in _TIME_LIMITS.items() if t in tracks}
    length = parameters.read("agreement_maximum_length", on)
    return {
        "tracks": tracks,
        "minimum_hours": {t: e.as_int() for t, e in zip(tracks, entries, strict=True)},
        "time_limits": {t: e.as_int() for t, e in limits.items()},
        "months": length.as_int(),
        "parameters": [parameters.cited(e) for e in (*entries, *limits.values(), length)],
    }


def agreement_end(pathway: Pathway, starts_on: date, months: int) -> date:
    """The agreement lasts at most its legal length and never ends after the certificate
    deadline (domain.md "The pathway", 4 and 7): it is extended when that deadline is."""
    return agreement_end_on(starts_on, add_months(starts_on, months), pathway.certificate_by)


def _next_version(pathway: Pathway) -> int:
    latest = pathway.agreements.aggregate(latest=Max("version"))["latest"]
    return (latest or 0) + 1


@dates_in_calendar
def agreement_preview(
    *,
    pathway: Pathway,
    on: date,
    actor: User,
    kind: AgreementKind = AgreementKind.INITIAL,
    tracks: list[str] | None = None,
    note: str = "",
    offers: dict[str, dict[str, object]] | None = None,
) -> Agreement:
    """The next version as it would be drafted, not saved: what the preview shows. `offers`
    names the partner offer chosen for a track (the form lists the open ones)."""
    require_open(pathway)
    pathway = reload(pathway)
    assessment = getattr(pathway, "assessment", None)
    if kind == AgreementKind.INITIAL and (pathway.module_done_on is None or assessment is None):
        raise DomainError(_("The agreement follows the welcome module: finish it first."))
    needed = tracks if tracks is not None else (assessment.tracks_needed if assessment else [])
    terms = agreement_terms(list(needed), on)
    return Agreement(
        pathway=pathway,
        version=_next_version(pathway),
        kind=kind,
        tracks=terms["tracks"],
        minimum_hours=terms["minimum_hours"],
        time_limits=terms["time_limits"],
        starts_on=on,
        ends_on=agreement_end(pathway, on, int(str(terms["months"]))),
        parameters=terms["parameters"],
        offers={t: o for t, o in (offers or {}).items() if t in list(terms["tracks"])},  # type: ignore[call-overload]
        note=note.strip(),
        created_by=actor,
    )


@dates_in_calendar
@transaction.atomic
def agreement_draft(
    *,
    pathway: Pathway,
    on: date,
    actor: User,
    kind: AgreementKind = AgreementKind.INITIAL,
    tracks: list[str] | None = None,
    note: str = "",
    offers: dict[str, dict[str, object]] | None = None,
) -> Agreement:
    agreement = agreement_preview(
        pathway=pathway, on=on, actor=actor, kind=kind, tracks=tracks, note=note, offers=offers
    )
    agreement.save()
    pathway = agreement.pathway
    document_issue(
        kind=DocumentKind.AGREEMENT,
        reference=f"{pathway.centre.code}-{pathway.pk}-v{agreement.version}",
        centre=pathway.centre,
        actor=actor,
    )
    event_record(
        pathway=pathway,
        kind=EventKind.AGREEMENT,
        actor=actor,
        summary=_("Agreement version %(v)s drafted") % {"v": agreement.version},
    )
    return agreement


@dates_in_calendar
@transaction.atomic
def agreement_extend(
    *, pathway: Pathway, months: int, on: date, reason: str, actor: User
) -> Agreement:
    """An extension is a new version; the old one stays readable."""
    current = current_agreement(reload(pathway))
    if current is None:
        raise DomainError(_("There is no signed agreement to extend."))
    agreement = Agreement.objects.create(
        pathway=pathway,
        version=_next_version(pathway),
        kind=AgreementKind.EXTENSION,
        tracks=current.tracks,
        minimum_hours=current.minimum_hours,
        time_limits=current.time_limits,
        starts_on=current.starts_on,
        ends_on=add_months(current.ends_on, months),
        parameters=current.parameters,
        offers=current.offers,
        note=reason,
        signed_on=on,
        signature_method=SignatureMethod.SCREEN,
        created_by=actor,
    )
    event_record(
        pathway=pathway,
        kind=EventKind.AGREEMENT,
        actor=actor,
        reason=reason,
        summary=ngettext(
            "Agreement extended by %(m)s month", "Agreement extended by %(m)s months", months
        )
        % {"m": months},
    )
    return agreement


@transaction.atomic
def agreement_sign(
    *,
    agreement: Agreement,
    signed_on: date,
    method: SignatureMethod,
    actor: User,
    scan: UploadedFile | None = None,
) -> Agreement:
    current = Agreement.objects.select_for_update().select_related("pathway").get(pk=agreement.pk)
    require_open(current.pathway)
    if current.signed_on is not None:
        raise DomainError(_("This version is already signed."))
    if method == SignatureMethod.PAPER and scan is None:
        raise DomainError(_("Attach the scan of the signed paper agreement."))
    current.signed_on, current.signature_method = signed_on, method
    if scan is not None:
        current.scan.save(f"agreement-{current.pk}.pdf", scan, save=False)
    current.save(update_fields=["signed_on", "signature_method", "scan"])
    event_record(
        pathway=current.pathway,
        kind=EventKind.AGREEMENT,
        actor=actor,
        summary=_("Agreement version %(v)s signed") % {"v": current.version},
    )
    if current.pathway.status == Status.WELCOME:
        pathway_transition_owned(
            pathway=current.pathway,
            to=Status.AGREED,
            actor=actor,
            on=signed_on,
            reason=_("Agreement signed."),
        )
    pathway_refresh(pathway=current.pathway)
    return current
