"""Every public page in every language of the portal at 360 px: 0 axe-core violations
(WCAG 2.0/2.1 A and AA); in French and Arabic (right to left), no horizontal scroll at
320 px with text at 200 %, tap targets of 44 × 44 px, the error summary taking the focus.
axe-core is vendored under tests/browser/vendor/axe-core (see its README): the test needs no
network."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from parcours.appointments.models import CollectiveSession
from parcours.demo.appointments import appointments_seed
from parcours.demo.services import demo_seed
from parcours.territory.models import Office
from parcours.territory.services import reference_load
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGUAGES = [code for code, _name in settings.LANGUAGES]  # the ten of the portal
PAGES = [
    "",
    "information/",
    "languages/",
    "offices/",
    "offices/?q=7000",
    "am-i-concerned/",
    "about-data/",
    "privacy/",
    "book/",
    "book/sessions/",
]


@pytest.fixture
def office() -> Office:
    cache.clear()
    reference_load()
    demo_seed()
    appointments_seed()
    return Office.objects.get(name="CIMB — permanence de Mons")


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    # axe is injected as a script: the test context lets it past the page's CSP.
    context = browser.new_context(
        locale="fr-BE", bypass_csp=True, viewport={"width": 360, "height": 780}
    )
    yield context.new_page()
    context.close()


def _url(live_server: LiveServer, language: str, page: str) -> str:
    prefix = "" if language == "fr" else f"/{language}"
    return f"{live_server.url}{prefix}/{page}"


def _violations(page: Page) -> list[dict[str, object]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def _pages(office: Office) -> list[str]:
    pages = [*PAGES, f"book/office/{office.pk}/", f"book/sessions/centre/{office.centre_id}/"]
    session = CollectiveSession.objects.filter(starts_at__gt=timezone.now()).first()
    return [*pages, f"book/sessions/{session.pk}/"] if session else pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_has_no_axe_violation_at_360px(
    phone: Page, live_server: LiveServer, office: Office, language: str
) -> None:
    found = {}
    for path in _pages(office):
        phone.goto(_url(live_server, language, path))
        violations = _violations(phone)
        if violations:
            found[path] = violations
    # A failed form (the error summary, fields marked invalid) too.
    phone.goto(_url(live_server, language, "am-i-concerned/"))
    phone.locator("form.selfcheck button[type=submit]").click()
    phone.wait_for_selector("[data-error-summary]")
    if violations := _violations(phone):
        found["am-i-concerned/ (errors)"] = violations
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_no_horizontal_scroll_at_320px_with_text_at_200_percent(
    phone: Page, live_server: LiveServer, office: Office, language: str
) -> None:
    phone.set_viewport_size({"width": 320, "height": 640})
    wide = {}
    for path in _pages(office):
        phone.goto(_url(live_server, language, path))
        phone.add_style_tag(content="html { font-size: 200% !important; }")
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[path] = width
    assert wide == {}


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_controls_are_at_least_44px_and_the_language_button_is_whole(
    phone: Page, live_server: LiveServer, office: Office, language: str
) -> None:
    small = {}
    for path in ["", "am-i-concerned/", "offices/?q=7000", f"book/office/{office.pk}/"]:
        phone.goto(_url(live_server, language, path))
        sizes = phone.evaluate(
            """() => [...document.querySelectorAll(
                 'button, select, input:not([type=hidden]), .button, .site-header nav a')]
               .filter(e => e.offsetParent !== null && !e.closest('.hp'))
               // A check box or radio button is tapped through its whole label (around it,
               // or beside it, named by its `for`).
               .map(e => (e.type === 'checkbox' || e.type === 'radio')
                 ? (e.closest('label')
                    || (e.id && document.querySelector(`label[for="${e.id}"]`)) || e)
                 : e)
               .map(e => { const r = e.getBoundingClientRect();
                 return [e.outerHTML.slice(0, 60), Math.round(r.width), Math.round(r.height)]; })
               .filter(([, w, h]) => w < 44 || h < 44)"""
        )
        if sizes:
            small[path] = sizes
        box = phone.locator(".language button").bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (path, box)
    assert small == {}


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_header_is_compact_and_screenshots_at_360px(
    phone: Page, live_server: LiveServer, office: Office, language: str
) -> None:
    for path, name in [("", "home"), ("information/", "information"), ("languages/", "languages")]:
        phone.goto(_url(live_server, language, path))
        header = phone.evaluate(
            "document.querySelector('main').getBoundingClientRect().top + window.scrollY"
        )
        assert header < 780 / 3, (path, header)
        screenshot(phone, f"portal-{name}-{language}-360px")
    phone.goto(_url(live_server, language, "offices/?q=7000"))
    screenshot(phone, f"portal-finder-{language}-360px")
    phone.goto(_url(live_server, language, "am-i-concerned/"))
    phone.locator("form.selfcheck button[type=submit]").click()
    phone.wait_for_load_state("load")
    phone.wait_for_function("document.activeElement.hasAttribute('data-error-summary')")
    screenshot(phone, f"portal-self-check-errors-{language}-360px")
    if language == "ar":
        assert phone.evaluate("document.documentElement.dir") == "rtl"
        brand = phone.locator(".brand").bounding_box()
        assert brand is not None and brand["x"] > 180  # mirrored: the brand sits on the right
