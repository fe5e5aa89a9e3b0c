"""Playwright with Debian's Chromium (never a downloaded browser), on the live test server."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the live server has its own thread
# and the tests only read through it, so Django's async-safety guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed: .ci/run must install it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="fr-BE")
    page = context.new_page()
    yield page
    context.close()


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def browser_no_js(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="fr-BE", java_script_enabled=False)
    yield context.new_page()
    context.close()


# The public journeys run in French (no prefix), Arabic (right to left) and Ukrainian.
JOURNEY_LANGUAGES = ["fr", "ar", "uk"]


def prefixed(base: str, language: str, path: str) -> str:
    """The address of a public page in a language: French has no prefix."""
    return f"{base}{'' if language == 'fr' else '/' + language}{path}"


def said_in(language: str, text: str) -> str:
    """A visible text as the page in that language says it (its catalogue, not French)."""
    from django.utils import translation  # noqa: PLC0415
    from django.utils.translation import gettext  # noqa: PLC0415

    with translation.override(language):
        return gettext(text)


def journey_check(page: Page, language: str, step: str, width: int = 360) -> Path:
    """The page speaks the language (lang, dir), does not scroll sideways; a screenshot."""
    assert page.evaluate("document.documentElement.lang") == language, step
    direction = "rtl" if language == "ar" else "ltr"
    assert page.evaluate("document.documentElement.dir") == direction, step
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{step}: {scroll_width} px wide at {width} px"
    return screenshot(page, f"journeys-{language}-{step}" + ("" if width == 360 else f"-{width}px"))
