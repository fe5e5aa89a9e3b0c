"""The obligation decision (CWASS art. 150) computed by the rules engine and stored with its
trace; recomputed when a fact it used changes, the change recorded on the timeline."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.pathways.enums import EventKind, Obligation
from parcours.pathways.errors import RulesUnavailableError
from parcours.pathways.facts import obligation_payload
from parcours.pathways.loading import reload
from parcours.pathways.models import Decision, Pathway
from parcours.pathways.services.events import event_record
from parcours.pathways.territory_adapter import DatabaseTerritory
from parcours.pathways.urgency import urgency_apply
from parcours.rules import DecisionRecord, InputError, Outcome
from parcours.rules.contract import decide_payload


def decision_decide(
    pathway: Pathway, on: date, territory: DatabaseTerritory
) -> tuple[Outcome, dict[str, object]]:
    """The rules engine's outcome and the payload it read (the bulk import stores both)."""
    payload = obligation_payload(pathway, on)
    try:
        return decide_payload(payload, territory=territory), payload
    except InputError as error:
        raise RulesUnavailableError(
            _("The obligation cannot be decided: %(field)s %(message)s")
            % {"field": error.field, "message": error.message}
        ) from None


def decision_outcome(pathway: Pathway, on: date, territory: DatabaseTerritory) -> Outcome:
    return decision_decide(pathway, on, territory)[0]


def decision_values(outcome: Outcome, payload: dict[str, object]) -> dict[str, object]:
    """The stored columns of a decision (the seeded region writes them without a model)."""
    record = DecisionRecord.from_outcome(outcome, payload).to_dict()
    reasons = [
        {"code": r.code, "legal_basis": r.legal_basis, "params": dict(r.params)}
        for r in outcome.reasons
    ]
    return {
        "rule": outcome.rule,
        "version": outcome.version,
        "regime": outcome.regime,
        "governing_date": outcome.on,
        "status": outcome.status,
        "reasons": reasons,
        "deadlines": record["deadlines"],
        "trace": record["trace"],
        "input": record["input"],
        "competent_centre": outcome.competent_centre or "",
    }


def decision_build(pathway: Pathway, outcome: Outcome, payload: dict[str, object]) -> Decision:
    """An unsaved Decision row from an outcome (used by the bulk import too)."""
    return Decision(pathway=pathway, **decision_values(outcome, payload))


def _same(old: Decision | None, new: Decision) -> bool:
    return old is not None and (old.status, old.reasons, old.deadlines) == (
        new.status,
        new.reasons,
        new.deadlines,
    )


@transaction.atomic
def decision_compute(
    *, pathway: Pathway, actor: User | None, territory: DatabaseTerritory | None = None
) -> Decision:
    """Decide on the referral date (the governing date of the intake decision)."""
    pathway = reload(pathway)
    on = pathway.referred_on
    new = decision_build(
        pathway,
        decision_outcome(pathway, on, territory or DatabaseTerritory()),
        obligation_payload(pathway, on),
    )
    old = pathway.decisions.filter(rule=new.rule, is_current=True).first()
    if _same(old, new):
        return old  # type: ignore[return-value]
    if old is not None:
        Decision.objects.filter(pk=old.pk).update(is_current=False)
    new.created_by = actor
    new.save()
    pathway.obligation = Obligation(new.status)
    urgent = urgency_apply(pathway, timezone.localdate())
    Pathway.objects.filter(pk=pathway.pk).update(obligation=pathway.obligation, **urgent)
    summary = _("Obligation: %(status)s") % {"status": Obligation(new.status).label}
    if old is not None:
        summary = _("Obligation recomputed: %(old)s → %(new)s") % {
            "old": Obligation(old.status).label,
            "new": Obligation(new.status).label,
        }
    event_record(pathway=pathway, kind=EventKind.DECISION, summary=summary, actor=actor)
    return new
