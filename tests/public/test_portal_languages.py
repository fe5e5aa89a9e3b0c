"""The portal in ten languages: prefixes, right-to-left, the first visit, staff pages in French,
translation status computed from the catalogues, the information page's figures."""

import importlib.util
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from parcours.appointments.services import messages
from parcours.core import languages
from parcours.core.languages import catalogue_statuses
from parcours.pathways.parameters import read

pytestmark = pytest.mark.django_db

PORTAL = ["fr", "nl", "de", "en", "ar", "fa", "ps", "uk", "es", "tr"]
RTL = {"ar", "fa", "ps"}
PUBLIC_PAGES = ["", "information/", "languages/", "offices/", "am-i-concerned/", "about-data/"]


def _prefix(code: str) -> str:
    return "/" if code == "fr" else f"/{code}/"


def _html_tag(body: str) -> str:
    match = re.search(r"<html [^>]*>", body)
    assert match, body[:200]
    return match.group(0)


@pytest.mark.parametrize("code", PORTAL)
def test_every_portal_language_has_its_prefix_lang_and_direction(client: Client, code: str) -> None:
    for page in PUBLIC_PAGES:
        response = client.get(_prefix(code) + page)
        assert response.status_code == 200, (code, page)
        tag = _html_tag(response.content.decode())
        assert f'lang="{code}"' in tag
        assert f'dir="{"rtl" if code in RTL else "ltr"}"' in tag


def test_the_pages_are_translated_not_english_under_their_prefix(client: Client) -> None:
    expected = {
        "nl": "Het integratietraject",
        "de": "Der Integrationsparcours",
        "ar": "مسار الاندماج",
        "fa": "مسیر ادغام",
        "ps": "د ادغام لاره",
        "uk": "Програма інтеграції",
        "es": "El itinerario de integración",
        "tr": "uyum programı",
    }
    for code, text in expected.items():
        assert text in client.get(f"/{code}/").content.decode(), code


def test_the_switcher_on_public_pages_lists_the_ten_languages(client: Client) -> None:
    body = client.get("/").content.decode()
    options = re.findall(r'<option value="([a-z]+)" lang=', body)
    assert options == PORTAL
    assert '<option value="ar" lang="ar" dir="rtl"' in body


def test_a_first_visit_follows_the_browsers_language(client: Client) -> None:
    response = client.get("/offices/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/ar/offices/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"


def test_after_the_first_visit_the_url_decides(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.get("/offices/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert 'lang="fr"' in _html_tag(response.content.decode())


def test_a_french_browser_and_a_browser_without_preference_stay_on_french(client: Client) -> None:
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-BE,fr;q=0.9").status_code == 200
    assert client.get("/").status_code == 200


def test_a_browser_language_the_portal_lacks_stays_on_french(client: Client) -> None:
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ja").status_code == 200


def test_staff_pages_stay_in_french_whatever_the_browser_or_cookie(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="fr" dir="ltr"' in _html_tag(body)
    assert re.findall(r'<option value="([a-z]+)" lang=', body) == ["fr", "en"]
    assert "translation-status" not in body


def test_staff_pages_still_speak_english(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get("/accounts/login/").content.decode()
    assert 'lang="en"' in _html_tag(body)


def test_every_portal_catalogue_is_complete_and_marked_not_reviewed() -> None:
    statuses = {s.language.code: s for s in catalogue_statuses()}
    assert list(statuses) == PORTAL
    for code, status in statuses.items():
        assert status.total > 300
        assert status.percent == 100, code
    assert statuses["fr"].is_source and statuses["en"].is_source
    for code in set(PORTAL) - {"fr", "en"}:
        assert not statuses[code].reviewed


def test_the_languages_page_and_footer_show_the_computed_status(client: Client) -> None:
    body = client.get("/languages/").content.decode()
    total = catalogue_statuses()[0].total
    for code in PORTAL:
        assert f'data-language="{code}"' in body
    assert f"{total}/{total}" in body
    assert "Pas encore" in body  # not reviewed
    footer = client.get("/ar/").content.decode()
    assert 'href="/ar/languages/"' in footer
    assert "لم يراجعها بعد" in footer  # Arabic: not yet reviewed


def _write_catalogue(folder: Path, code: str, messages: dict[str, str], reviewed: str) -> None:
    lc = folder / code / "LC_MESSAGES"
    lc.mkdir(parents=True)
    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {code}\\n"\n"X-Reviewed-By: {reviewed}\\n"\n\n'
    )
    body = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in messages.items())
    (lc / "django.po").write_text(header + body, "utf-8")
    subprocess.run(  # noqa: S603 -- GNU gettext, fixed arguments
        ["msgfmt", "-o", str(lc / "django.mo"), str(lc / "django.po")],  # noqa: S607
        check=True,
    )


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext")
def test_the_status_is_measured_against_french_and_reads_the_review_header(
    tmp_path: Path, settings: pytest.FixtureRequest
) -> None:
    _write_catalogue(tmp_path, "fr", {"One": "Un", "Two": "Deux", "Three": "Trois"}, "source")
    _write_catalogue(tmp_path, "nl", {"One": "Een", "Two": "", "Three": "Drie"}, "")
    _write_catalogue(tmp_path, "de", {"One": "Eins"}, "A. Muster, 2026-11-30")
    settings.PORTAL_LOCALE = tmp_path  # type: ignore[attr-defined]
    languages.catalogue_statuses.cache_clear()
    try:
        statuses = {s.language.code: s for s in catalogue_statuses()}
    finally:
        languages.catalogue_statuses.cache_clear()
    assert (statuses["nl"].translated, statuses["nl"].total, statuses["nl"].percent) == (2, 3, 66)
    assert not statuses["nl"].reviewed
    assert statuses["de"].percent == 33
    assert statuses["de"].reviewed_by == "A. Muster, 2026-11-30"
    assert statuses["ar"].translated == 0  # no catalogue at all


def test_the_information_page_quotes_the_parameters_in_force(client: Client) -> None:
    today = timezone.localdate()
    presentation = read("presentation_delay", today).value
    certificate = read("certificate_delay", today).value
    body = client.get("/en/information/").content.decode()
    assert f"within {presentation} months after you register" in body
    assert f"certificate within {certificate} months" in body
    french = client.get("/information/").content.decode()
    assert f"dans les {presentation} mois" in french
    for text in ("free", "interpreter", "nationality", "fine", "identity card", "Call"):
        assert text in body
    assert 'href="/en/book/"' in body
    assert 'href="/en/offices/"' in body


def test_home_links_to_booking_the_finder_and_the_information(client: Client) -> None:
    body = client.get("/").content.decode()
    for href in ('href="/book/"', 'href="/offices/"', 'href="/information/"'):
        assert href in body


def _check_translations() -> object:
    path = Path(settings.BASE_DIR) / "scripts" / "check_translations.py"
    spec = importlib.util.spec_from_file_location("check_translations", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(shutil.which("msgattrib") is None, reason="needs GNU gettext")
def test_make_lint_fails_when_a_portal_catalogue_is_incomplete(tmp_path: Path) -> None:
    check = _check_translations()
    root = Path(settings.BASE_DIR)
    for folder in ("parcours/locale", "parcours/public/locale"):
        shutil.copytree(root / folder, tmp_path / folder)
    assert check._incomplete(tmp_path) == []  # type: ignore[attr-defined]
    po = tmp_path / "parcours/public/locale/uk/LC_MESSAGES/django.po"
    text = po.read_text("utf-8")
    po.write_text(text.replace('msgstr "Знайти офіс"', 'msgstr ""', 1), "utf-8")
    problems = check._incomplete(tmp_path)  # type: ignore[attr-defined]
    uk = "parcours/public/locale/uk/LC_MESSAGES/django.po"
    assert problems == [f"uk (portal): untranslated or fuzzy messages in {uk}"]
    (tmp_path / "parcours/public/locale/ps/LC_MESSAGES/django.po").unlink()
    assert any(p.startswith("ps (portal): no catalogue") for p in check._incomplete(tmp_path))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("code", "greeting"),
    [("ar", "مرحبًا"), ("uk", "Добрий день"), ("tr", "Merhaba"), ("nl", "Hallo"), ("fr", "Bonjour")],
)
def test_a_booking_message_is_written_in_the_language_chosen(code: str, greeting: str) -> None:
    appointment = SimpleNamespace(
        starts_at=datetime(2026, 12, 3, 9, 0, tzinfo=UTC),
        office=SimpleNamespace(name="CIMB — Mons", address="Rue 1, 7000 Mons"),
        kind="Accueil",
    )
    context = {"appointment": appointment, "link": "https://example.test/x"}
    subject, body = messages._render("confirmation", context, code)
    assert body.startswith(greeting)
    assert "CIMB — Mons" in body
    assert subject and "appointment" not in subject.lower()
