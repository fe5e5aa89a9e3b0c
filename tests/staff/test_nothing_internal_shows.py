"""Nothing internal reaches a user: every staff, calendar and partner page the
permission matrix opens, rendered in French for its world (a file at every stage, sessions,
enrolments, a certificate, a sanction file…), shows no English left over, no code of a track,
status, kind or stage, no ISO date or language code, and speaks to staff without "vous"."""

import re
from collections.abc import Iterator

import pytest
from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext

from parcours.accounts.models import User
from parcours.appointments import enums as appointment_enums
from parcours.pathways import enums as pathway_enums
from parcours.pathways.assessment import STRUCTURED
from parcours.pathways.explain import STAFF_MESSAGES
from parcours.rules import REASONS
from parcours.training import enums as training_enums
from tests.matrix_world import World
from tests.staff.visible import visible_text
from tests.test_permission_matrix import (  # the matrix's world and fixtures
    MATRIX,
    PERSONAS,
    _fill,
    _quiet_outboxes,
    personas,
    project_routes,
    world,
)
from tests.types import ClientFor

__all__ = ["_quiet_outboxes", "personas", "world"]
pytestmark = pytest.mark.django_db

STAFF = ("staff:", "appointments:", "partner:")
# Words and phrases of the English code, and field names, that a French page never shows.
DENIED = (
    "Duplicate",
    "evaluation planned on",
    "held on",
    "registered on",
    "agreement signed on",
    "birth_date",
    "family_name",
    "given_names",
    "national_number",
    "enrolment (or",
    "None",
    "True",
    "False",
)
# Codes that are also French words (or the world's test data): never taken for a code.
FRENCH_WORDS = {
    "commune", "cpas", "page", "notification", "message", "social", "couple", "attestation",
    "suspension", "centre", "test", "session", "agent", "region", "partner", "notice",
}  # fmt: skip
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
LANGUAGE_CODE = re.compile(r"(?<![\w@./-])(ar|fa|ps|uk|tr|ru|nl)(?![\w@./-])")
ONE_PLURAL = re.compile(r"\b1 (places|personnes|heures|dossiers|jours|séances|inscriptions)\b")


def _codes() -> set[str]:
    """Every code of a track, status, kind, stage or assessment answer (their labels are
    the words a page shows)."""
    found: set[str] = set()
    for module in (pathway_enums, appointment_enums, training_enums):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, TextChoices):
                found.update(str(code) for code in value.values)
    for choices in STRUCTURED.values():
        found.update(choices.values)
    return {code for code in found if len(code) > 3 and code not in FRENCH_WORDS}


def _to_the_person() -> list[str]:
    """The rules' reasons as the person reads them ("Vous êtes étudiant régulier."): a staff
    page says them about the person instead (pathways.explain.STAFF_MESSAGES)."""
    with translation.override("fr"):
        texts = [gettext(REASONS[code].message).split("{")[0] for code in STAFF_MESSAGES]
    return [text for text in texts if len(text) > 12]


def _problems(text: str, codes: set[str]) -> list[str]:
    found = [f"English or field name {word!r}" for word in DENIED if word in text]
    words = set(re.findall(r"[a-zà-ÿ][a-zà-ÿ_]+", text))
    found += [
        f"code {code!r}: …{text[max(0, text.find(code) - 50) : text.find(code) + 30]}…"
        for code in sorted(codes & words)
    ]
    found += [
        f"ISO date {m.group(0)}: …{text[max(0, m.start() - 50) : m.end() + 10]}…"
        for m in ISO_DATE.finditer(text)
    ]
    found += [
        f"language code {m.group(0)!r}: …{text[max(0, m.start() - 50) : m.end() + 10]}…"
        for m in LANGUAGE_CODE.finditer(text)
    ]
    found += [f"singular with a plural: {m.group(0)!r}" for m in ONE_PLURAL.finditer(text)]
    found += [f"said to the person: {said!r}" for said in _to_the_person() if said in text]
    return found


def _pages(persona: str) -> Iterator[str]:
    column = PERSONAS.index(persona)
    for route in project_routes():
        methods, statuses = MATRIX.get(route.name, ("", ""))
        shown = statuses.split()[column] == "200" if statuses else False
        page = "GET" in methods.split() and not route.name.endswith(EXPORTS)
        if route.name.startswith(STAFF) and page and shown:
            yield route.name


EXPORTS = ("_pdf", "_json", "_csv", "_xlsx", "_export", "_ics", "_scan", "_dataset", "_feed")


@pytest.mark.parametrize(
    "persona", ["agent_mons", "coordinator_mons", "partner_fle", "commune_mons", "region"]
)
def test_no_staff_page_shows_an_internal_code_or_english(
    persona: str, personas: dict[str, User | None], world: World, client_for: ClientFor
) -> None:
    client = client_for(personas[persona])
    codes, wrong = _codes(), []
    routes = {route.name: route for route in project_routes()}
    for name in _pages(persona):
        url = _fill(routes[name], world)
        response = client.get(url, headers={"accept-language": "fr"})
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        wrong += [
            f"{url}: {problem}" for problem in _problems(visible_text(response.content), codes)
        ]
    assert wrong == []


def test_the_checks_catch_what_the_issue_saw() -> None:
    codes = _codes()
    seen = "Axes : citizenship, french, job_orientation — le 2026-03-01 — arabe (ar) — 1 places"
    found = _problems(seen + " Duplicate Vous êtes étudiant régulier.", codes)
    assert any("citizenship" in p for p in found) and any("job_orientation" in p for p in found)
    assert any("ISO date" in p for p in found) and any("'ar'" in p for p in found)
    assert any("1 places" in p for p in found) and any("Duplicate" in p for p in found)
    assert any("said to the person" in p for p in found)
