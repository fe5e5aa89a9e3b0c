"""A coordinator manages the accounts of their centre, of its partner bodies and of
its communes — invite by e-mail (a one-time link sets the password and opens the second
factor's set-up), change the role within what a coordinator may grant, deactivate — never
another centre's accounts, nor their own."""

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.territory.models import Centre, Commune
from parcours.training.models import Partner
from tests.clock import FROZEN_AT
from tests.factories.accounts import make_user
from tests.types import ClientFor

pytestmark = pytest.mark.django_db

PASSWORD = "un mot de passe assez long 2026"


@pytest.fixture
def coordinator_liege(cripel: Centre) -> User:
    return make_user(email="coord.liege@example.org", role=Role.COORDINATOR, centre=cripel)


def _invite(client: Client, capture: Any, **fields: object) -> Any:
    body = {"full_name": "Awa Diallo", "email": "awa.diallo@cimb.example.org", "role": "agent"}
    with capture(execute=True):
        return client.post(reverse("staff:account_invite"), body | fields)


def _link(email: str) -> str:
    [message] = [m for m in mail.outbox if m.to == [email]]
    found = re.search(r"https?://[^/\s]+(/accounts/invitation/[^\s]+/)", str(message.body))
    assert found is not None, message.body
    return found.group(1)


def test_the_list_shows_the_centres_partners_and_communes_accounts_only(  # noqa: PLR0917 -- personas
    coordinator_mons: User,
    agent_mons: User,
    agent_liege: User,
    partner_fle: User,
    commune_mons: User,
    cimb: Centre,
    client_for: ClientFor,
) -> None:
    assert partner_fle.partner is not None
    partner_fle.partner.centres.add(cimb)
    liege = make_user(
        email="commune.liege@example.org",
        role=Role.COMMUNE,
        commune=Commune.objects.get(nis_code="62063"),
    )
    page = client_for(coordinator_mons).get(reverse("staff:accounts")).content.decode()
    for shown in (agent_mons, partner_fle, commune_mons, coordinator_mons):
        assert shown.email in page
    for hidden in (agent_liege, liege):
        assert hidden.email not in page
    assert "Centre agent" not in page and "Agent du centre" in page


def test_an_invited_person_sets_a_password_and_the_second_factor_from_the_link(
    coordinator_mons: User,
    cimb: Centre,
    client_for: ClientFor,
    django_capture_on_commit_callbacks: Any,
) -> None:
    done = _invite(client_for(coordinator_mons), django_capture_on_commit_callbacks)
    assert done["Location"] == reverse("staff:accounts")
    invited = User.objects.get(email="awa.diallo@cimb.example.org")
    assert not invited.is_active and not invited.has_usable_password()
    assert invited.role == Role.AGENT and invited.centre == cimb
    assert LogEntry.objects.get(object_id=str(invited.pk)).user_id == coordinator_mons.pk
    link = _link(invited.email)
    anonymous = client_for(None)
    with override_settings(PARCOURS_REQUIRE_2FA=True):
        _accept(anonymous, link, invited)


def _accept(anonymous: Client, link: str, invited: User) -> None:
    page = anonymous.get(link)
    assert page.status_code == 200 and "Choisissez un mot de passe" in page.content.decode()
    short = anonymous.post(link, {"new_password1": "court", "new_password2": "court"})
    assert short.status_code == 200
    invited.refresh_from_db()
    assert not invited.is_active
    accepted = anonymous.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert accepted["Location"] == reverse("accounts:otp_setup")
    invited.refresh_from_db()
    assert invited.is_active and invited.check_password(PASSWORD)
    setup = anonymous.get(reverse("accounts:otp_setup")).content.decode()
    assert "data:image/svg+xml" in setup  # the link opened the second factor's set-up
    anonymous.post(reverse("accounts:logout"))
    assert anonymous.get(link).status_code == 400  # the link works once


def test_an_invitation_link_lasts_three_days(
    coordinator_mons: User, client_for: ClientFor, django_capture_on_commit_callbacks: Any
) -> None:
    _invite(client_for(coordinator_mons), django_capture_on_commit_callbacks)
    link = _link("awa.diallo@cimb.example.org")
    client_for(None)
    with time_machine.travel(FROZEN_AT + timedelta(days=3, hours=1), tick=False):
        assert Client().get(link).status_code == 400
    assert Client().get("/accounts/invitation/bad.token/").status_code == 400


def test_a_partner_or_commune_account_is_invited_for_the_centres_own_only(  # noqa: PLR0917 -- personas
    coordinator_mons: User,
    cimb: Centre,
    partner_body: Partner,
    mons: Commune,
    client_for: ClientFor,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = client_for(coordinator_mons)
    capture = django_capture_on_commit_callbacks
    not_ours = _invite(client, capture, role="partner", partner=partner_body.pk)
    assert not_ours.status_code == 200 and "error-summary" in not_ours.content.decode()
    missing = _invite(client, capture, role="commune")
    assert "Choisissez la commune de ce compte" in missing.content.decode()
    liege = Commune.objects.get(nis_code="62063")
    assert _invite(client, capture, role="commune", commune=liege.pk).status_code == 200
    assert _invite(client, capture, role="admin").status_code == 200
    assert not User.objects.filter(email="awa.diallo@cimb.example.org").exists()
    partner_body.centres.add(cimb)
    assert _invite(client, capture, role="partner", partner=partner_body.pk).status_code == 302
    assert User.objects.get(email="awa.diallo@cimb.example.org").partner == partner_body
    again = _invite(client, capture, role="commune", commune=mons.pk)
    assert "Un compte existe déjà" in again.content.decode()


def test_a_coordinator_changes_a_role_between_agent_and_coordinator_only(
    coordinator_mons: User, agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(coordinator_mons)
    url = reverse("staff:account_edit", args=[agent_mons.pk])
    assert client.post(url, {"role": "admin"}).status_code == 200
    assert client.post(url, {"role": "region"}).status_code == 200
    agent_mons.refresh_from_db()
    assert agent_mons.role == Role.AGENT
    assert client.post(url, {"role": "coordinator"}).status_code == 302
    agent_mons.refresh_from_db()
    assert agent_mons.role == Role.COORDINATOR
    own = client.post(reverse("staff:account_edit", args=[coordinator_mons.pk]), {"role": "agent"})
    assert "Son propre compte" in own.content.decode()
    coordinator_mons.refresh_from_db()
    assert coordinator_mons.role == Role.COORDINATOR


def test_a_coordinator_deactivates_and_reactivates_but_never_themselves(
    coordinator_mons: User, agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(coordinator_mons)
    url = reverse("staff:account_active", args=[agent_mons.pk])
    client.post(url, {"active": "0"})
    agent_mons.refresh_from_db()
    assert not agent_mons.is_active
    assert client_for(agent_mons).get(reverse("staff:home")).status_code == 302
    client = client_for(coordinator_mons)
    client.post(url, {"active": "1"})
    agent_mons.refresh_from_db()
    assert agent_mons.is_active
    refused = client.post(
        reverse("staff:account_active", args=[coordinator_mons.pk]), {"active": "0"}, follow=True
    )
    assert "Son propre compte" in refused.content.decode()
    coordinator_mons.refresh_from_db()
    assert coordinator_mons.is_active


def test_cancelling_an_invitation_stops_its_link_and_sending_it_again_makes_a_new_one(
    coordinator_mons: User, client_for: ClientFor, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(coordinator_mons)
    _invite(client, django_capture_on_commit_callbacks)
    invited = User.objects.get(email="awa.diallo@cimb.example.org")
    first = _link(invited.email)
    client.post(reverse("staff:account_active", args=[invited.pk]), {"active": "0"})
    assert Client().get(first).status_code == 400
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("staff:account_active", args=[invited.pk]), {"active": "1"})
    assert Client().get(_link(invited.email)).status_code == 200


def test_another_centres_coordinator_cannot_reach_these_accounts(
    coordinator_liege: User, agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(coordinator_liege)
    assert agent_mons.email not in client.get(reverse("staff:accounts")).content.decode()
    assert client.get(reverse("staff:account_edit", args=[agent_mons.pk])).status_code == 404
    edit = client.post(reverse("staff:account_edit", args=[agent_mons.pk]), {"role": "agent"})
    assert edit.status_code == 404
    active = client.post(reverse("staff:account_active", args=[agent_mons.pk]), {"active": "0"})
    assert active.status_code == 404
    agent_mons.refresh_from_db()
    assert agent_mons.is_active and agent_mons.role == Role.AGENT
