import pytest
import time_machine
from django.test import Client

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_the_home_page_quotes_the_figures_in_force_today(client: Client) -> None:
    page = client.get("/en/").content.decode()
    assert "more than 3 months" in page
    assert "at least 400 hours" in page
    assert "level A2" in page
    assert "at least 60 hours of training" in page
    assert "at least 4 hours" in page


@time_machine.travel("2017-03-01 10:00 +0100", tick=False)
def test_under_the_2016_regime_the_home_page_quotes_its_own_figures(client: Client) -> None:
    page = client.get("/en/").content.decode()
    assert "at least 120 hours" in page
    assert "at least 20 hours of training" in page
    assert "Job orientation" not in page  # ISP orientation is a track only from 2018
