import pytest
import time_machine
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.usefixtures("territory")

SYRIAN_IN_MONS = {
    "postal_code": "7000",
    "birth_date": "1990-05-01",
    "nationality": "SY",
    "has_permit": "yes",
    "permit_valid_from": "2025-06-20",
    "permit_valid_until": "2030-06-19",
    "permit_ordered_on": "2025-06-15",
    "legal_stay_since": "2025-06-01",
    "registered_on": "2025-06-15",
}


@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_a_syrian_with_a_five_year_permit_in_mons_learns_the_pathway_is_compulsory(
    client: Client,
) -> None:
    page = client.post("/am-i-concerned/", SYRIAN_IN_MONS).content.decode()
    assert "le parcours d’intégration est obligatoire pour vous" in page
    assert "15 décembre 2026" in page  # certificate due 18 months after ordering the permit
    assert 'datetime="2025-09-15"' in page  # presentation 3 months after registration
    assert "Centre Interculturel de Mons et du Borinage" in page
    assert "065 61 18 53" in page
    assert "/offices/?q=7000" in page


@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_a_student_is_told_they_are_exempted_and_why(client: Client) -> None:
    page = client.post(
        "/am-i-concerned/", {**SYRIAN_IN_MONS, "waivers": ["student"]}
    ).content.decode()
    assert "vous êtes dispensé" in page
    assert "Vous êtes étudiant" in page


@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_a_french_citizen_is_not_concerned_and_may_follow_it_voluntarily(client: Client) -> None:
    data = {**SYRIAN_IN_MONS, "nationality": "FR", "has_permit": "no"}
    page = client.post("/am-i-concerned/", data).content.decode()
    assert "l’obligation ne vous concerne pas" in page


@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_a_brussels_resident_is_told_the_walloon_pathway_does_not_apply(client: Client) -> None:
    page = client.post(
        "/am-i-concerned/", {**SYRIAN_IN_MONS, "postal_code": "1000"}
    ).content.decode()
    assert "Le parcours wallon ne s’applique pas là où vous habitez" in page


def test_missing_answers_are_named_and_nothing_is_decided(client: Client) -> None:
    response = client.post("/am-i-concerned/", {"postal_code": "70", "has_permit": "yes"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "quatre chiffres" in page
    assert "Nécessaire si vous avez un titre de séjour" in page
    assert "Pourquoi" not in page


def test_an_unknown_postal_code_is_refused_plainly(client: Client) -> None:
    page = client.post(
        "/am-i-concerned/", {**SYRIAN_IN_MONS, "postal_code": "1399"}
    ).content.decode()
    assert "Ce code postal n’existe pas." in page


def test_the_empty_form_asks_the_questions_step_by_step(client: Client) -> None:
    page = client.get("/am-i-concerned/").content.decode()
    assert "Étape 1 sur 5" in page
    assert "Étape 5 sur 5" in page
    assert 'name="waivers"' in page


def test_the_answer_is_never_cached(client: Client) -> None:
    response = client.post("/am-i-concerned/", SYRIAN_IN_MONS)
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"birth_date": "2030-01-01"}, "birth_date", "This date is in the future."),
        ({"registered_on": "2027-01-01"}, "registered_on", "This date is in the future."),
        (
            {"permit_valid_until": "2025-01-01"},
            "permit_valid_until",
            "The permit cannot end before it starts.",
        ),
        ({"permit_ordered_on": "9999-06-15"}, "permit_ordered_on", "Check the year of this date."),
    ],
)
def test_impossible_dates_are_named_in_the_person_s_language(
    client: Client, change: dict[str, str], field: str, message: str
) -> None:
    response = client.post("/am-i-concerned/", {**SYRIAN_IN_MONS, **change})
    assert response.status_code == 200
    assert response.context["decision"] is None
    with translation.override("fr"):
        expected = translation.gettext(message)
    assert expected in response.context["form"].errors[field]


@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_a_permit_ordered_after_today_is_named_on_its_field(client: Client) -> None:
    response = client.post(
        "/am-i-concerned/", {**SYRIAN_IN_MONS, "permit_ordered_on": "2026-12-01"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["permit_ordered_on"] == ["Cette date est dans le futur."]


@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_a_person_whose_permit_is_ordered_but_not_issued_is_concerned_once_it_is_issued(
    client: Client,
) -> None:
    data = {**SYRIAN_IN_MONS, "has_permit": "ordered", "permit_valid_from": ""}
    data.pop("permit_valid_until")
    page = client.post("/am-i-concerned/", data).content.decode()
    assert "Vous serez concerné dès que le titre de séjour sera délivré" in page
    assert "pas encore délivré" in page  # the rules' own permit_pending reason
    assert "15 décembre 2026" in page  # certificate: 18 months from the order on 15 June 2025
    assert "du jour où vous avez commandé le titre" in page


@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_an_ordered_permit_needs_its_order_date_not_its_validity(client: Client) -> None:
    data = {**SYRIAN_IN_MONS, "has_permit": "ordered", "permit_ordered_on": ""}
    data["permit_valid_from"] = "2025-06-20"
    page = client.post("/am-i-concerned/", data).content.decode()
    assert "Nécessaire si vous avez commandé un titre de séjour" in page
    assert "decision-title" not in page
