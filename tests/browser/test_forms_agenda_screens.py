"""Two forms in sections and the agenda's day list, photographed at 1280 and 360 px and
with text at 200 % (html font-size, set here only): nothing wider than the screen."""

from collections.abc import Iterator

import pytest
from django.urls import reverse
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from parcours.accounts.models import User
from parcours.appointments.enums import KindCode
from parcours.appointments.services.setup import kinds_ensure
from tests.browser.conftest import screenshot
from tests.browser.test_staff_pages_fit import _signed_in
from tests.clock import FROZEN_AT, FROZEN_ON
from tests.factories.appointments import (
    at,
    book,
    make_availability,
    make_office,
    make_room,
    next_weekday,
)
from tests.factories.people import make_pathway

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DAY = next_weekday(FROZEN_ON, 1)


@pytest.fixture(autouse=True)
def _kinds() -> Iterator[None]:
    kinds_ensure()
    yield


def _pages(agent: User, coordinator: User) -> dict[str, tuple[User, str]]:
    pathway = make_pathway(actor=agent)
    assert agent.centre is not None
    office = make_office(agent.centre, "Bureau de Mons")
    make_availability(office, agent)
    room = make_room(office, "Salle Europe")
    for hour, code in ((9, KindCode.FIRST_WELCOME), (10, KindCode.SOCIAL_ASSESSMENT)):
        book(
            office=office,
            staff=agent,
            person=pathway.person,
            starts_at=at(DAY, hour),
            now=FROZEN_AT,
            code=code,
            room=room,
        )
    day = reverse("appointments:staff_day", args=[agent.pk]) + f"?day={DAY.isoformat()}"
    week = reverse("appointments:staff_week", args=[agent.pk]) + f"?week={DAY.isoformat()}"
    return {
        "referral": (agent, reverse("staff:referral_new")),
        "session": (coordinator, reverse("appointments:session_new")),
        "agenda-day": (agent, day),
        "agenda-week": (agent, week),
    }


def test_grouped_forms_and_the_day_list_fit_at_360px_with_text_at_200_percent(
    browser: Browser, live_server: LiveServer, agent_mons: User, coordinator_mons: User
) -> None:
    wide = {}
    for name, (user, url) in _pages(agent_mons, coordinator_mons).items():
        for width, zoom in ((1280, False), (360, False), (360, True)):
            viewport = {"width": width, "height": 900}
            context = _signed_in(browser, live_server, user, viewport=viewport)
            page = context.new_page()
            response = page.goto(live_server.url + url)
            assert response is not None and response.status == 200, (name, url)
            if zoom:
                # Through the CSSOM: the CSP (rightly) refuses an inline <style>.
                page.evaluate("document.documentElement.style.fontSize = '200%'")
            if width == 360:
                # On a phone the week page shows the day's list, not the hour grid.
                narrow = page.locator(".agenda-narrow")
                if narrow.count():
                    assert narrow.is_visible() and not page.locator(".hour-grid").is_visible()
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    wide[f"{name} {'200%' if zoom else '100%'}"] = scroll
            else:
                grid = page.locator(".hour-grid")
                assert not grid.count() or grid.is_visible()
            screenshot(page, f"forms-{name}-{width}px" + ("-text200" if zoom else ""))
            context.close()
    assert wide == {}
