"""Personas (STYLE.md): one user per role, attached where their role needs; the frozen clock."""

from collections.abc import Iterator

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.territory.models import Centre, Commune
from parcours.territory.reference_cache import reference_version_forget
from parcours.territory.services import reference_load
from parcours.training.models import Partner
from tests.clock import FROZEN_AT
from tests.factories.accounts import make_user
from tests.types import ClientFor


@pytest.fixture(autouse=True)
def frozen_clock(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test runs at `FROZEN_AT` unless it travels elsewhere itself (a nested travel wins).

    Browser tests tick from that instant: Playwright and the live server need time to pass.
    """
    tick = request.node.get_closest_marker("browser") is not None
    with time_machine.travel(FROZEN_AT, tick=tick):
        yield


@pytest.fixture(autouse=True)
def reference_cache_fresh() -> Iterator[None]:
    """The office finder's per-process copy never outlives a test's rolled-back rows (the
    test cache is in memory, not rolled back with them)."""
    reference_version_forget()
    yield
    reference_version_forget()


@pytest.fixture(autouse=True)
def cache_empty() -> Iterator[None]:
    """Each test starts with the shared cache empty: it is in memory, not rolled back with
    the rows (the statistics keep figures and hidden cells there, per refresh)."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the site's language (French): a page requested in another language
    leaves that language active in the thread, and the next test's labels would follow it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:
    """Load the reference data once; every test starts from it."""
    with django_db_blocker.unblock(), time_machine.travel(FROZEN_AT, tick=False):  # type: ignore[attr-defined]
        reference_load()


@pytest.fixture
def territory(db: None) -> None:
    """The reference data, reloaded when a transactional test flushed the database."""
    if not Commune.objects.exists():
        reference_load()


@pytest.fixture
def cimb(territory: None) -> Centre:
    return Centre.objects.get(code="CIMB")


@pytest.fixture
def cripel(territory: None) -> Centre:
    return Centre.objects.get(code="CRIPEL")


@pytest.fixture
def mons(territory: None) -> Commune:
    return Commune.objects.get(nis_code="53053")


@pytest.fixture
def partner_body(mons: Commune) -> Partner:
    return Partner.objects.create(name="École de français de Mons", commune=mons, gives_french=True)


@pytest.fixture
def agent_mons(cimb: Centre) -> User:
    return make_user(email="agent.mons@example.org", role=Role.AGENT, centre=cimb)


@pytest.fixture
def coordinator_mons(cimb: Centre) -> User:
    return make_user(email="coord.mons@example.org", role=Role.COORDINATOR, centre=cimb)


@pytest.fixture
def agent_liege(cripel: Centre) -> User:
    return make_user(email="agent.liege@example.org", role=Role.AGENT, centre=cripel)


@pytest.fixture
def partner_fle(partner_body: Partner) -> User:
    return make_user(email="partner@example.org", role=Role.PARTNER, partner=partner_body)


@pytest.fixture
def commune_mons(mons: Commune) -> User:
    return make_user(email="commune.mons@example.org", role=Role.COMMUNE, commune=mons)


@pytest.fixture
def region(territory: None) -> User:
    return make_user(email="region@example.org", role=Role.REGION)


@pytest.fixture
def admin_user(territory: None) -> User:
    return make_user(email="admin@example.org", role=Role.ADMIN)


@pytest.fixture
def client_for(client: Client) -> Iterator[ClientFor]:
    """`client_for(user)` logs the test client in as that persona (no second factor)."""

    def login(user: User | None) -> Client:
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    yield login
