"""Staff choose countries and languages by name, and read names and words, not codes."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from parcours.accounts.models import User
from parcours.core.iso import country_choices, country_name, language_choices, language_name
from parcours.pathways import parameters
from parcours.rules.engine import Step
from parcours.staff.forms.casework import RightsForm
from parcours.staff.forms.people import PersonForm
from parcours.staff.templatetags.deadlines import (
    PARAMETER_LABELS,
    parameter_in_words,
    step_in_words,
)
from tests.factories.people import make_pathway
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def test_countries_and_languages_are_named_in_the_page_language() -> None:
    with translation.override("fr"):
        assert (country_name("SY"), language_name("ar")) == ("Syrie", "Arabe")
        assert ("SY", "Syrie") in country_choices() and ("uk", "Ukrainien") in language_choices()
    with translation.override("en"):
        assert (country_name("SY"), language_name("ar")) == ("Syria", "Arabic")


def test_the_person_form_offers_names_and_keeps_the_codes() -> None:
    with translation.override("fr"):
        html = str(PersonForm()["nationalities"])
        form = PersonForm(
            data={
                "nationalities_0": "SY",
                "nationalities_1": "MA",
                "nationalities_2": "SY",
                "languages_0": "ar",
                "languages_2": "fr",
                "letter_language": "ar",
            }
        )
        form.is_valid()

    assert '<option value="SY">Syrie</option>' in html
    assert 'aria-label="Nationalités (2)"' in html or 'aria-label="Nationalities (2)"' in html
    assert form.cleaned_data["nationalities"] == ["SY", "MA"]
    assert form.cleaned_data["languages"] == ["ar", "fr"]


def test_an_unknown_code_is_refused_by_the_form() -> None:
    form = PersonForm(data={"nationalities_0": "Syrie", "languages_0": "xx"})

    assert not form.is_valid()
    assert "nationalities" in form.errors and "languages" in form.errors


def test_the_identity_form_has_room_for_every_stored_nationality() -> None:
    form = PersonForm(initial={"nationalities": ["SY", "MA", "TR", "IQ"], "languages": []})

    html = str(form["nationalities"])

    assert 'name="nationalities_4"' in html and '<option value="IQ" selected>' in html


def test_the_rights_form_names_its_languages() -> None:
    with translation.override("fr"):
        html = str(RightsForm()["language"])

    assert '<option value="fa">Persan</option>' in html and "ISO" not in html


def test_the_person_page_shows_names_and_the_legal_clock_in_words(
    agent_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(nationalities=["SY", "MA"], languages=["ar"], letter_language="ar")

    with translation.override("fr"):
        body = client_for(agent_mons).get(reverse("staff:person", args=[pathway.person_id]))
    text = body.content.decode()

    assert "Syrie, Maroc" in text and "Arabe" in text
    assert "presentation_delay" not in text and "certificate_delay" not in text


def test_every_parameter_the_agreement_cites_reads_in_words_with_its_reference() -> None:
    cited_names = [
        name
        for name in PARAMETER_LABELS
        if name.endswith(("_minimum_hours", "_time_limit")) or name == "agreement_maximum_length"
    ]
    for name in cited_names:
        cited = parameters.cited(parameters.read(name, date(2026, 3, 2)))
        words = parameter_in_words(cited)
        assert name not in words and "=" not in words
        assert str(cited["reference"]) in words and str(cited["value"]) in words


def test_the_steps_of_a_deadline_read_in_words() -> None:
    day = date(2025, 11, 28)
    base = Step("base", "registered on 2025-08-28 + presentation_delay (3 months)", day)
    suspension = Step("suspension", "suspension 2025-09-01 to 2025-09-30 (+30 days): ill", day)

    with translation.override("en"):
        assert step_in_words(base).startswith("registered in the commune on 28/08/2025 + 3 months")
        assert "presentation_delay" not in step_in_words(base)
        assert "152/7" in step_in_words(base)
        assert (
            step_in_words(suspension) == "Suspended from 01/09/2025 to 30/09/2025 (+30 days): ill"
        )
        assert step_in_words(Step("other", "something new", day)) == "something new"
