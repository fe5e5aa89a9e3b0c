"""Referrals at scale (a commune's list of thousands of rows): the same outcome as
`referral_register` row by row, in a bounded number of queries. New people, their pathways,
referrals, obligation decisions (rules engine, with trace) and timeline events are written
with `bulk_create`; people already known (same national number) go through
`referral_register`, which joins their open file and updates their address. The caller owns
the transaction: all or nothing."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.bulk import rows_insert
from parcours.pathways.enums import EventKind, Obligation, ReferralSource
from parcours.pathways.loading import Rows
from parcours.pathways.models import Decision, Pathway, PathwayEvent, Referral
from parcours.pathways.services.clock import derived_columns
from parcours.pathways.services.decisions import decision_build, decision_decide
from parcours.pathways.services.intake import (
    ReferralInput,
    referral_register,
    referring_agent,
    serving_centre,
)
from parcours.pathways.territory_adapter import DatabaseTerritory
from parcours.pathways.urgency import urgency_apply
from parcours.people.errors import ProbableMatchError
from parcours.people.matching import people_match
from parcours.people.models import Person
from parcours.people.services import BULK_BATCH, people_bulk_create, person_build
from parcours.rules import Outcome
from parcours.territory.models import Commune


@dataclass(frozen=True)
class BulkReferrals:
    rows: list[dict[str, Any]]  # checked fields (parcours.pathways.referral_rows.check_row)
    commune: Commune  # the referring commune
    referred_on: date
    source: ReferralSource
    batch: str = ""
    # The user's answers for rows that probably are a known person, by row index: the
    # person's primary key, or None for "another person".
    choices: dict[int, int | None] = field(default_factory=dict)


def referrals_bulk_register(*, data: BulkReferrals, actor: User | None) -> int:
    """Known people (exact match) and rows the user confirmed go one by one through
    `referral_register`; a row that probably is a known person, unconfirmed, is refused."""
    matches = people_match(rows=data.rows)
    new_rows = []
    for index, (row, match) in enumerate(zip(data.rows, matches, strict=True)):
        if index in data.choices:
            chosen = data.choices[index]
            _one(row, data, actor, same_as=chosen, new_person=chosen is None)
        elif match.exact is not None:
            _one(row, data, actor)
        elif match.probable:
            raise ProbableMatchError(match.probable)
        else:
            new_rows.append(row)
    if new_rows:
        _bulk(new_rows, data, actor)
    return len(data.rows)


def _one(
    row: dict[str, Any],
    data: BulkReferrals,
    actor: User | None,
    *,
    same_as: int | None = None,
    new_person: bool = False,
) -> None:
    single = ReferralInput(
        person=row,
        commune=data.commune,
        referred_on=data.referred_on,
        source=data.source,
        same_as=same_as,
        new_person=new_person,
    )
    referral_register(data=single, actor=actor, batch=data.batch)


def _bulk(rows: list[dict[str, Any]], data: BulkReferrals, actor: User | None) -> None:
    people = people_bulk_create(people=[person_build(fields=r) for r in rows], actor=actor)
    agent = referring_agent(actor)
    territory = DatabaseTerritory()
    decided = [_decide(person, data.referred_on, territory) for person in people]
    pathways = Pathway.objects.bulk_create(
        [
            _pathway(person, data.referred_on, agent, d)
            for person, d in zip(people, decided, strict=True)
        ],
        batch_size=BULK_BATCH,
    )
    rows_insert(
        [
            Referral(
                pathway=p,
                commune=data.commune,
                source=data.source,
                referred_on=data.referred_on,
                batch=data.batch,
                created_by=actor,
            )
            for p in pathways
        ]
    )
    decisions = [
        _decision(pathway, outcome, payload, actor)
        for pathway, (outcome, payload) in zip(pathways, decided, strict=True)
    ]
    rows_insert(decisions)  # COPY: the traces are large (core.bulk)
    _events(pathways, decisions, data, actor)


def _none() -> Rows:
    return Rows([])


@dataclass
class NewFile:
    """A file about to be opened, as the rules inputs read it: its person and no records yet
    (no waiver, agreement, adjustment or evaluation), so nothing is read per row."""

    person: Person
    referred_on: date
    pk: None = None
    agreed_on: None = None
    waivers: Rows = field(default_factory=_none)
    agreements: Rows = field(default_factory=_none)
    adjustments: Rows = field(default_factory=_none)
    evaluations: Rows = field(default_factory=_none)

    def as_pathway(self) -> Pathway:
        return cast(Pathway, self)


Decided = tuple[Outcome, dict[str, object]]


def _decide(person: Person, referred_on: date, territory: DatabaseTerritory) -> Decided:
    """The obligation decision of a new file, on its referral date (as `decision_compute`)."""
    return decision_decide(NewFile(person, referred_on).as_pathway(), referred_on, territory)


def _pathway(person: Person, referred_on: date, agent: User | None, decided: Decided) -> Pathway:
    centre = serving_centre(person)
    outcome = decided[0]
    deadlines = {d.name: d.due_on.isoformat() for d in outcome.deadlines}
    columns = derived_columns(NewFile(person, referred_on).as_pathway(), deadlines)
    pathway = Pathway(
        person=person,
        centre=centre,
        referred_on=referred_on,
        agent=agent,
        obligation=Obligation(outcome.status),
        **columns,
    )
    urgency_apply(pathway, timezone.localdate())  # bulk_create does not call save()
    return pathway


def _decision(
    pathway: Pathway, outcome: Outcome, payload: dict[str, object], actor: User | None
) -> Decision:
    decision = decision_build(pathway, outcome, payload | {"id": pathway.pk})
    decision.created_by = actor
    return decision


def _events(
    pathways: list[Pathway], decisions: list[Decision], data: BulkReferrals, actor: User | None
) -> None:
    referred = _("Referred by %(commune)s (%(source)s)") % {
        "commune": data.commune.name_fr,
        "source": ReferralSource(data.source).label,
    }
    events = []
    for pathway, decision in zip(pathways, decisions, strict=True):
        decided = _("Obligation: %(status)s") % {"status": Obligation(decision.status).label}
        events.append(
            PathwayEvent(pathway=pathway, kind=EventKind.REFERRAL, summary=referred, actor=actor)
        )
        events.append(
            PathwayEvent(pathway=pathway, kind=EventKind.DECISION, summary=decided, actor=actor)
        )
    rows_insert(events)
