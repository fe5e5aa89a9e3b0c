"""Every staff page of the permission matrix, as each persona allowed to see it, at 360 px:
nothing wider than the screen (document.documentElement.scrollWidth <= 360). And 0 axe-core
violations (WCAG 2.x A and AA) on the home dashboards, the worklist and the person page, with
screenshots of them in French at 1280 and 360 px and in English."""

import json
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page
from pytest_django.live_server_helper import LiveServer

from parcours.accounts.models import User
from parcours.appointments.services.setup import kinds_ensure
from tests.browser.conftest import screenshot
from tests.browser.test_portal_accessibility import _violations
from tests.matrix_world import World
from tests.test_permission_matrix import (
    MATRIX,
    PERSONAS,
    _fill,
    _statuses,
    personas,
    project_routes,
    world,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["personas", "world"]  # the matrix's fixtures, used here as they are

STAFF = ("staff:", "appointments:", "partner:")
# Pages that answer something other than a page (a PDF, a download, a feed).
NOT_PAGES = (
    "_pdf",
    "_json",
    "_csv",
    "_scan",
    "_file",
    "_proof",
    "feed_ics",
    "_export",
    "_dataset",
    "referral_import_rest",
)
ROLES = ("agent_mons", "coordinator_mons", "partner_fle", "commune_mons", "region", "admin_user")


@pytest.fixture(autouse=True)
def _kinds() -> None:
    """The appointment kinds of the migrations, gone after another browser test's flush."""
    kinds_ensure()


def _pages_for(persona: str, world: World) -> list[str]:
    column = PERSONAS.index(persona)
    urls = []
    for route in project_routes():
        if not route.name.startswith(STAFF) or route.name.endswith(NOT_PAGES):
            continue
        methods, statuses = MATRIX[route.name]
        if methods != "POST" and _statuses(statuses)[column] == 200:
            urls.append(_fill(route, world))
    return urls


def _signed_in(
    browser: Browser, live_server: LiveServer, user: User, **options: object
) -> BrowserContext:
    """A browser context holding the user's session (signed in as the tests do, no form)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    context = browser.new_context(locale="fr-BE", **options)  # type: ignore[arg-type]
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return context


@pytest.fixture
def phone_as(browser: Browser, live_server: LiveServer) -> Iterator[object]:
    opened: list[BrowserContext] = []

    def open_for(user: User, width: int = 360, **options: object) -> Page:
        viewport = {"width": width, "height": 780}
        context = _signed_in(browser, live_server, user, viewport=viewport, **options)
        opened.append(context)
        return context.new_page()

    yield open_for
    for context in opened:
        context.close()


@pytest.mark.parametrize("persona", ROLES)
def test_no_staff_page_scrolls_sideways_at_360px(
    persona: str,
    personas: dict[str, User | None],
    world: World,
    phone_as: object,
    live_server: LiveServer,
) -> None:
    user = personas[persona]
    assert user is not None
    page: Page = phone_as(user)  # type: ignore[operator]
    wide, failed = {}, {}
    for url in _pages_for(persona, world):
        response = page.goto(live_server.url + url)
        assert response is not None
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        if response.status != 200:
            failed[url] = response.status
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[url] = width
    assert failed == {}
    assert wide == {}, json.dumps(wide, indent=1)


# The pages this work changed, as the persona who uses them.
CHANGED = {
    "agent_mons": ["/staff/", "/staff/worklist/", "person"],
    "coordinator_mons": ["/staff/", "/staff/worklist/?scope=centre&overdue=1", "person"],
    "partner_fle": ["/staff/"],
    "commune_mons": ["/staff/"],
    "region": ["/staff/"],
}


def _url(path: str, world: World) -> str:
    return reverse("staff:person", args=[world.kwargs["person_id"]]) if path == "person" else path


@pytest.mark.parametrize("persona", list(CHANGED))
def test_the_changed_pages_have_no_axe_violation_and_are_photographed(
    persona: str,
    personas: dict[str, User | None],
    world: World,
    phone_as: object,
    live_server: LiveServer,
) -> None:
    user = personas[persona]
    assert user is not None
    found = {}
    for width in (360, 1280):
        page: Page = phone_as(user, width, bypass_csp=True)  # type: ignore[operator]
        for path in CHANGED[persona]:
            page.goto(live_server.url + _url(path, world))
            name = "person" if path == "person" else path.strip("/").split("?")[0].replace("/", "-")
            screenshot(page, f"workspace-{persona}-{name or 'home'}-{width}px")
            if width == 360:
                assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
                page.add_style_tag(content="html { font-size: 200% !important; }")
                assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
                page.reload()
            if violations := _violations(page):
                found[f"{path} at {width}"] = violations
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)


def test_the_person_page_tabs_follow_the_address_and_work_without_script(
    personas: dict[str, User | None],
    world: World,
    phone_as: object,
    live_server: LiveServer,
) -> None:
    agent = personas["agent_mons"]
    assert agent is not None
    url = live_server.url + _url("person", world)
    page: Page = phone_as(agent, 1280)  # type: ignore[operator]
    page.goto(url + "#welcome")
    assert page.locator("#welcome").is_visible()
    assert not page.locator("#identity").is_visible()
    assert page.locator("[role=tab][aria-selected=true]").inner_text().strip() != ""
    page.locator("#tab-hours").click()
    assert page.locator("#hours").is_visible() and not page.locator("#welcome").is_visible()
    page.locator("#tab-hours").press("ArrowRight")
    assert page.locator("#evaluations").is_visible()
    assert page.evaluate("document.activeElement.id") == "tab-evaluations"
    assert page.locator("#book-appointment").is_visible()  # the summary stays
    screenshot(page, "workspace-person-tabs-1280px")
    english = phone_as(agent, 1280)  # type: ignore[operator]
    english.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    english.goto(url + "#welcome")
    screenshot(english, "workspace-person-en-1280px")
    english.goto(live_server.url + "/staff/")
    screenshot(english, "workspace-home-en-1280px")
    bare: Page = phone_as(agent, 360, java_script_enabled=False)  # type: ignore[operator]
    bare.goto(url)
    assert bare.locator("#identity").is_visible() and bare.locator("#timeline").is_visible()
    assert bare.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(bare, "workspace-person-no-script-360px")
