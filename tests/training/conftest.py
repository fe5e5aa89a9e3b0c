"""A file with a signed agreement (citizenship + French), the persona partner's offers, and a
second partner body that must never see the first one's people."""

from datetime import date

import pytest

from parcours.accounts.models import User
from parcours.pathways.models import Pathway
from parcours.training.enums import Track
from parcours.training.models import Enrolment, Offer, Partner
from tests.factories.people import make_pathway
from tests.factories.training import make_enrolment, make_offer, make_partner, make_partner_user
from tests.pathways.journey import do_agreement, do_welcome

SIGNED_ON = date(2026, 4, 1)


@pytest.fixture
def agreed(agent_mons: User) -> Pathway:
    pathway = make_pathway(actor=agent_mons)
    do_welcome(pathway, agent_mons)
    do_agreement(pathway, agent_mons)
    pathway.refresh_from_db()
    return pathway


@pytest.fixture
def offer_fr(partner_body: Partner) -> Offer:
    partner_body.gives_citizenship = True
    partner_body.save()
    return make_offer(partner_body, Track.FRENCH, title="FLE Mons A1")


@pytest.fixture
def offer_cit(offer_fr: Offer) -> Offer:
    return make_offer(offer_fr.partner, Track.CITIZENSHIP, title="Citoyenneté Mons")


@pytest.fixture
def referred(agreed: Pathway, offer_fr: Offer, agent_mons: User) -> Enrolment:
    return make_enrolment(agreed, offer_fr, agent=agent_mons, accepted=False)


@pytest.fixture
def enrolled(agreed: Pathway, offer_fr: Offer, agent_mons: User, partner_fle: User) -> Enrolment:
    return make_enrolment(agreed, offer_fr, agent=agent_mons, partner_user=partner_fle)


@pytest.fixture
def other_partner(territory: None) -> Partner:
    return make_partner(name="Beta Citoyenneté")


@pytest.fixture
def other_partner_user(other_partner: Partner) -> User:
    return make_partner_user(other_partner, email="staff@beta.example.org")
