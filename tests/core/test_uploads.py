import io

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings

from parcours.accounts.models import User
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


@override_settings(PARCOURS_UPLOAD_MAX_BYTES=1024 * 1024)
def test_an_upload_past_the_limit_is_refused_while_it_streams_and_nothing_is_kept(
    client_for: ClientFor, agent_mons: User
) -> None:
    client = client_for(agent_mons)
    big = io.BytesIO(b"nom;prenom\n" + b"x" * (2 * 1024 * 1024))
    big.name = "list.csv"
    before = default_storage.listdir("")
    response = client.post("/staff/referrals/import/", {"file": big})
    assert response.status_code == 400
    assert "trop volumineux" in response.content.decode()
    assert default_storage.listdir("") == before


@override_settings(PARCOURS_UPLOAD_MAX_BYTES=1024 * 1024)
def test_an_upload_under_the_limit_reaches_the_form(
    client_for: ClientFor, agent_mons: User
) -> None:
    client = client_for(agent_mons)
    small = io.BytesIO(b"nom;prenom\nA;B\n")
    small.name = "list.csv"
    response = client.post("/staff/referrals/import/", {"file": small})
    assert response.status_code == 200  # the form answers (here: a commune is missing)
