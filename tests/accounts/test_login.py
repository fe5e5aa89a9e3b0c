import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from parcours.accounts.models import User
from tests.clock import FROZEN_AT
from tests.factories.accounts import PASSWORD


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def log_in(client: Client, user: User, password: str = PASSWORD) -> object:
    return client.post("/accounts/login/", {"username": user.email, "password": password})


def test_a_staff_member_logs_in_with_e_mail_and_password(client: Client, agent_mons: User) -> None:
    response = log_in(client, agent_mons)
    assert response.status_code == 302  # type: ignore[attr-defined]
    home = client.get("/staff/")
    assert home.status_code == 200
    assert "Centre Interculturel de Mons et du Borinage" in home.content.decode()


def test_a_wrong_password_is_refused_with_a_clear_message(client: Client, agent_mons: User) -> None:
    response = client.post("/accounts/login/", {"username": agent_mons.email, "password": "nope"})
    assert response.status_code == 200
    assert "ne correspondent à aucun compte actif" in response.content.decode()
    assert client.get("/staff/").status_code == 302


def test_the_account_is_locked_after_five_failures(client: Client, agent_mons: User) -> None:
    for _attempt in range(5):
        client.post("/accounts/login/", {"username": agent_mons.email, "password": "nope"})
    locked = log_in(client, agent_mons)
    assert locked.status_code == 429  # type: ignore[attr-defined]
    assert "Trop de tentatives" in locked.content.decode()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "typed", ["AGENT.MONS@EXAMPLE.ORG", " agent.mons@example.org ", "Agent.Mons@Example.org"]
)
def test_the_lockout_counts_the_e_mail_however_it_is_typed(
    client: Client, agent_mons: User, typed: str
) -> None:
    variants = [agent_mons.email.upper(), f" {agent_mons.email}", agent_mons.email.title()]
    for attempt in range(5):
        client.post("/accounts/login/", {"username": variants[attempt % 3], "password": "nope"})
    locked = client.post("/accounts/login/", {"username": typed, "password": PASSWORD})
    assert locked.status_code == 429
    assert client.get("/staff/").status_code == 302  # the right password did not get in


@override_settings(PARCOURS_REQUIRE_2FA=True)
def test_with_2fa_required_a_new_staff_member_must_enrol_a_totp_device(
    client: Client, agent_mons: User, django_capture_on_commit_callbacks: Any
) -> None:
    response = log_in(client, agent_mons)
    assert response["Location"] == "/accounts/two-factor/"  # type: ignore[index]
    assert client.get("/staff/").status_code == 302  # not verified yet
    with django_capture_on_commit_callbacks(execute=True):
        waiting = client.get("/accounts/two-factor/")
    page = waiting.content.decode()
    assert "data:image/svg+xml" not in page  # the password alone never shows the secret
    assert "Nous avons envoyé un lien" in page
    assert not TOTPDevice.objects.filter(user=agent_mons).exists()
    setup = client.get(_enrolment_link(agent_mons), follow=True)
    assert "data:image/svg+xml" in setup.content.decode()
    device = TOTPDevice.objects.get(user=agent_mons, confirmed=False)
    wrong = client.post("/accounts/two-factor/", {"token": "000000"})
    assert "Tapez les six chiffres" in wrong.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # django-otp slows down guessing
    device.throttle_reset()
    confirmed = client.post("/accounts/two-factor/", {"token": current_code(device)})
    assert confirmed.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staff/").status_code == 200


def _enrolment_link(user: User) -> str:
    [message] = [m for m in mail.outbox if m.to == [user.email]]
    found = re.search(r"https?://[^/\s]+(/accounts/two-factor/[^\s]+/)", str(message.body))
    assert found is not None, message.body
    return found.group(1)


@override_settings(PARCOURS_REQUIRE_2FA=True)
def test_an_enrolment_link_works_for_its_account_only_and_for_an_hour(
    client: Client,
    agent_mons: User,
    coordinator_mons: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    log_in(client, agent_mons)
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/accounts/two-factor/")
    link = _enrolment_link(agent_mons)
    client.post("/accounts/logout/")
    log_in(client, coordinator_mons)
    stolen = client.get(link)
    assert stolen.status_code == 400
    assert "data:image/svg+xml" not in client.get("/accounts/two-factor/").content.decode()
    client.post("/accounts/logout/")
    log_in(client, agent_mons)
    with time_machine.travel(FROZEN_AT + timedelta(hours=1, minutes=1), tick=False):
        assert client.get(link).status_code == 400


@override_settings(PARCOURS_REQUIRE_2FA=True)
def test_with_2fa_required_an_enrolled_staff_member_must_type_a_code(
    client: Client, agent_mons: User
) -> None:
    device = TOTPDevice.objects.create(user=agent_mons, name="app", confirmed=True)
    response = log_in(client, agent_mons)
    assert response["Location"] == "/accounts/verify/"  # type: ignore[index]
    assert client.get("/staff/")["Location"] == "/accounts/verify/"
    assert client.get("/admin/").status_code == 302
    client.post("/accounts/verify/", {"token": current_code(device)})
    assert client.get("/staff/").status_code == 200


@override_settings(PARCOURS_REQUIRE_2FA=True)
def test_with_2fa_required_the_admin_refuses_an_unverified_coordinator(
    client: Client, coordinator_mons: User
) -> None:
    device = TOTPDevice.objects.create(user=coordinator_mons, name="app", confirmed=True)
    log_in(client, coordinator_mons)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/verify/?next=%2Fadmin%2F"
    verified = client.post("/accounts/verify/", {"token": current_code(device)}, follow=True)
    assert verified.redirect_chain[-1][0] == "/admin/"
    assert verified.status_code == 200


def test_an_anonymous_visitor_reaches_the_admin_after_logging_in(
    client: Client, coordinator_mons: User
) -> None:
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=/admin/"
    logged = client.post(
        "/accounts/login/",
        {"username": coordinator_mons.email, "password": PASSWORD, "next": "/admin/"},
        follow=True,
    )
    assert logged.redirect_chain[-1][0] == "/admin/"
    assert logged.status_code == 200


def test_an_enrolled_device_is_required_even_where_2fa_is_optional(
    client: Client, agent_mons: User
) -> None:
    device = TOTPDevice.objects.create(user=agent_mons, name="app", confirmed=True)
    assert log_in(client, agent_mons)["Location"] == "/accounts/verify/"  # type: ignore[index]
    assert client.get("/staff/")["Location"] == "/accounts/verify/"
    client.post("/accounts/verify/", {"token": current_code(device)})
    assert client.get("/staff/").status_code == 200


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_login_never_redirects_to_another_site(
    client: Client, agent_mons: User, target: str
) -> None:
    response = client.post(
        "/accounts/login/", {"username": agent_mons.email, "password": PASSWORD, "next": target}
    )
    assert response["Location"] == "/staff/"


def test_logout_needs_a_post_and_ends_the_session(client: Client, agent_mons: User) -> None:
    log_in(client, agent_mons)
    assert client.get("/accounts/logout/").status_code == 405
    client.post("/accounts/logout/")
    assert client.get("/staff/").status_code == 302


def test_the_e_mail_is_matched_whatever_its_case(client: Client, agent_mons: User) -> None:
    response = client.post(
        "/accounts/login/", {"username": " Agent.Mons@Example.org ", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
