from collections.abc import Iterator
from datetime import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from parcours.accounts.models import User
from parcours.notifications import sms
from parcours.pathways.models import Pathway
from parcours.territory.models import Centre, Office
from tests.clock import FROZEN_AT, FROZEN_ON
from tests.factories.appointments import make_availability, make_office
from tests.factories.people import make_pathway

NOW_DAY = FROZEN_ON


@pytest.fixture
def now() -> datetime:
    """The frozen instant of every test, handed to services that take `now=`."""
    return timezone.localtime(FROZEN_AT)


@pytest.fixture
def office(cimb: Centre, agent_mons: User) -> Office:
    office = make_office(cimb)
    make_availability(office, agent_mons)
    return office


@pytest.fixture
def pathway(agent_mons: User) -> Pathway:
    return make_pathway(actor=agent_mons)


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """Services called directly speak English here (the message ids), whatever the French
    catalogue holds; pages still follow the request's language (French by default)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _clean_outboxes(settings: object) -> Iterator[None]:
    settings.PARCOURS_SMS_BACKEND = "parcours.notifications.sms.LocmemBackend"  # type: ignore[attr-defined]
    sms.outbox.clear()
    cache.clear()
    yield
    cache.clear()  # rate-limit counters must not reach the next test (browser tests book too)
