"""A coordinator sets the centre's letterhead and free paragraphs on a laptop and a phone:
the page does not scroll sideways, a bad colour is said next to its field, the preview opens
the form as it stands in a new tab."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.territory.models import Centre
from parcours.territory.services import reference_load
from tests.browser.conftest import screenshot
from tests.factories.accounts import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator() -> User:
    reference_load()
    centre = Centre.objects.get(code="CIMB")
    return make_user(email="coord.templates@example.org", role=Role.COORDINATOR, centre=centre)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_coordinator_sets_the_centre_documents(
    page: Page, live_server: LiveServer, coordinator: User, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", coordinator.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server.url}/staff/templates/")
    expect(page.locator("h1")).to_have_text("Documents du centre")
    page.fill("input[name=colour]", "#eeeeee")
    page.locator("form[enctype] button[type=submit]:not([formaction])").click()
    expect(page.locator(".error-summary")).to_contain_text("trop claire")
    screenshot(page, f"templates-error-{width}")
    page.fill("input[name=colour]", "#1d4f7a")
    page.fill("input[name=signatory_name]", "Marie Dupont")
    page.locator("form[enctype] button[type=submit]:not([formaction])").click()
    expect(page.locator("table.worklist")).to_contain_text("signataire")
    page.goto(f"{live_server.url}/staff/templates/paragraphs/?document=decision&language=ar")
    page.fill("textarea[name=intro]", "فقرة خاصة بالمركز")
    paragraphs = page.locator("form[method=post][action$='paragraphs/']")
    paragraphs.locator("textarea[name=closing]").fill("Fin non enregistrée.")
    # The preview posts the form as it stands to a new tab (formtarget), without JavaScript.
    with page.context.expect_page() as opened:
        paragraphs.get_by_role("button", name="Prévisualiser").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert "/staff/templates/preview/" in preview.url
    preview.close()
    paragraphs.locator("button[type=submit]:not([formaction])").click()
    expect(page.locator("table.worklist")).to_contain_text("Courrier de décision (Arabe)")
    screenshot(page, f"templates-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
