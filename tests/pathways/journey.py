"""A whole pathway through the services, step by step, reused by the web and service tests."""

from datetime import date
from decimal import Decimal

from parcours.accounts.models import User
from parcours.pathways.enums import SignatureMethod
from parcours.pathways.models import Agreement, Pathway
from parcours.pathways.services.agreement import agreement_draft, agreement_sign
from parcours.pathways.services.followup import EvaluationInput, evaluation_record
from parcours.pathways.services.welcome import (
    administrative_help_record,
    assessment_record,
    french_test_record,
    rights_session_record,
    welcome_complete,
)
from parcours.people.enums import CefrLevel
from parcours.training.services.centre_hours import AttestationInput, hours_record
from tests.factories.training import make_enrolment, make_offer, make_partner

WELCOME_ON = date(2026, 3, 20)
SIGNED_ON = date(2026, 4, 1)


def do_welcome(pathway: Pathway, actor: User) -> Pathway:
    assessment_record(
        pathway=pathway,
        sections={"situation": "Arrived with two children."},
        tracks_needed=["french"],
        assessed_on=WELCOME_ON,
        actor=actor,
        health="Asthma.",
    )
    rights_session_record(
        pathway=pathway, given_on=WELCOME_ON, language="ar", themes="housing", actor=actor
    )
    french_test_record(
        pathway=pathway, tested_on=WELCOME_ON, level=CefrLevel.A1, notes="", actor=actor
    )
    administrative_help_record(
        pathway=pathway,
        helped_on=WELCOME_ON,
        what="Health insurance",
        referred_to="Mutualité",
        actor=actor,
    )
    return welcome_complete(pathway=pathway, on=WELCOME_ON, actor=actor)


def do_agreement(pathway: Pathway, actor: User) -> Agreement:
    agreement = agreement_draft(pathway=pathway, on=SIGNED_ON, actor=actor)
    return agreement_sign(
        agreement=agreement, signed_on=SIGNED_ON, method=SignatureMethod.SCREEN, actor=actor
    )


def do_training(pathway: Pathway, actor: User) -> None:
    """Referred and enrolled in each track, then the partner's attestations recorded by the
    centre in the training ledger."""
    partner = make_partner(name=f"Partner of file {pathway.pk}")
    for track, hours in pathway.agreements.get(signed_on=SIGNED_ON).minimum_hours.items():
        enrolment = make_enrolment(pathway, make_offer(partner, track), agent=actor, on=SIGNED_ON)
        hours_record(
            pathway=pathway,
            data=AttestationInput(
                track=track,
                body=str(enrolment.pk),
                hours=Decimal(hours),
                period_from=SIGNED_ON,
                attended_on=date(2026, 9, 10),
            ),
            actor=actor,
        )
    evaluation_record(
        pathway=pathway,
        actor=actor,
        data=EvaluationInput(
            held_on=date(2026, 9, 20), access_to_training="Good", attendance="Regular"
        ),
    )
