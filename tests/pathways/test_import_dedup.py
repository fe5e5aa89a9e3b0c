"""Issue 11: the CSV import looks for each person (number, else names + birth date), asks the
user about probable matches, and may import the valid rows and give the rest back."""

import csv
import io
from collections.abc import Iterator
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.models import Pathway, Referral
from parcours.pathways.referral_rows import import_check
from parcours.pathways.services.referral_import import import_commit, import_rest, import_stage
from parcours.people.models import Person
from parcours.territory.models import Commune
from tests.types import ClientFor

pytestmark = pytest.mark.django_db

HEADER = (
    "nom;prenoms;date_naissance;sexe;nationalites;nis_commune;date_inscription;permit_ordered_on"
)
ABDI = "ABDI;Hawa;12/03/1994;F;SO;53053;15/01/2026;10/01/2026"
OTHER = "Haddad;Yara;02/02/1992;F;SY;53053;15/01/2026;10/01/2026"
BAD = "Haddad;Rami;02/02/1992;Q;SY;53053;15/01/2026;10/01/2026"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _csv(*rows: str) -> bytes:
    return "\r\n".join([HEADER, *rows]).encode()


def _import(content: bytes, user: User, commune: Commune, **options: object) -> int:
    token = import_stage(content=content, user=user)
    return import_commit(
        token=token,
        referring_commune=commune,
        referred_on=date(2026, 3, 2),
        actor=user,
        **options,  # type: ignore[arg-type]
    )


def test_abdi_hawa_imported_twice_without_national_number_is_one_person(
    agent_mons: User, mons: Commune
) -> None:
    assert _import(_csv(ABDI), agent_mons, mons) == 1
    again = _csv(ABDI.replace("ABDI;Hawa", "Abdi;HAWA"))
    assert import_check(again, centre=agent_mons.centre).rows[0].known_person
    assert _import(again, agent_mons, mons) == 1
    assert Person.objects.filter(family_name__iexact="abdi").count() == 1
    assert Pathway.objects.count() == 1 and Referral.objects.count() == 2


def test_a_probable_match_is_shown_and_nothing_is_imported_without_an_answer(
    agent_mons: User, mons: Commune
) -> None:
    _import(_csv(ABDI), agent_mons, mons)
    close = _csv(ABDI.replace("Hawa", "Haoua"))
    report = import_check(close, centre=agent_mons.centre)
    assert [row.line for row in report.to_confirm] == [2]
    known = Person.objects.get()
    assert report.to_confirm[0].matches == [known]
    with pytest.raises(DomainError, match="same person"):
        _import(close, agent_mons, mons)
    assert Person.objects.count() == 1 and Referral.objects.count() == 1


def test_the_user_answers_the_same_person_or_another_one(agent_mons: User, mons: Commune) -> None:
    _import(_csv(ABDI), agent_mons, mons)
    known = Person.objects.get()
    close = _csv(ABDI.replace("Hawa", "Haoua"))
    assert _import(close, agent_mons, mons, choices={2: known.pk}) == 1
    assert Person.objects.count() == 1 and Referral.objects.count() == 2
    assert _import(close, agent_mons, mons, choices={2: None}) == 1
    assert Person.objects.count() == 2


def test_the_same_person_twice_in_one_list_is_an_error_on_the_second_line(
    agent_mons: User,
) -> None:
    report = import_check(_csv(ABDI, ABDI.replace("ABDI;Hawa", "Hawa;Abdi")), centre=None)
    assert [(row.line, row.error) for row in report.errors] == [(3, "same person as line 2")]


def test_valid_rows_are_imported_and_the_rest_given_back_as_a_file(
    agent_mons: User, mons: Commune
) -> None:
    token = import_stage(content=_csv(ABDI, BAD, OTHER), user=agent_mons)
    with pytest.raises(DomainError, match="nothing was imported"):
        import_commit(
            token=token, referring_commune=mons, referred_on=date(2026, 3, 2), actor=agent_mons
        )
    count = import_commit(
        token=token,
        referring_commune=mons,
        referred_on=date(2026, 3, 2),
        actor=agent_mons,
        valid_only=True,
    )
    assert count == 2 and Person.objects.count() == 2
    rest = list(
        csv.DictReader(
            io.StringIO(import_rest(token=token, user=agent_mons).decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert [(r["family_name"], r["given_names"]) for r in rest] == [("Haddad", "Rami")]
    assert "sex must be F, M or X" in rest[0]["erreur"]


def test_the_preview_page_offers_both_and_gives_the_rest_back(
    agent_mons: User, agent_liege: User, mons: Commune, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    token = import_stage(content=_csv(ABDI, BAD), user=agent_mons)
    url = reverse("staff:referral_import_preview", args=[token])
    page = client.get(url, {"commune": mons.pk})
    assert b'value="valid"' in page.content and b'value="all"' not in page.content
    done = client.post(url, {"commune": mons.pk, "mode": "valid"}, follow=True)
    assert done.status_code == 200 and Person.objects.count() == 1
    rest = client.get(reverse("staff:referral_import_rest", args=[token]))
    assert rest.status_code == 200 and b"Rami" in rest.content
    assert rest["Content-Disposition"].startswith("attachment")
    other = client_for(agent_liege).get(reverse("staff:referral_import_rest", args=[token]))
    assert other.status_code == 404


def test_the_preview_page_asks_about_a_probable_match(
    agent_mons: User, mons: Commune, client_for: ClientFor
) -> None:
    _import(_csv(ABDI), agent_mons, mons)
    known = Person.objects.get()
    client = client_for(agent_mons)
    token = import_stage(content=_csv(ABDI.replace("Hawa", "Haoua")), user=agent_mons)
    url = reverse("staff:referral_import_preview", args=[token])
    page = client.get(url, {"commune": mons.pk})
    assert f'name="match_2" value="{known.pk}"'.encode() in page.content
    refused = client.post(url, {"commune": mons.pk, "mode": "all"}, follow=True)
    said = refused.content.decode()
    assert ("same person" in said or "même personne" in said) and Referral.objects.count() == 1
    client.post(url, {"commune": mons.pk, "mode": "all", "match_2": str(known.pk)})
    assert Person.objects.count() == 1 and Referral.objects.count() == 2


def test_a_commune_that_imported_part_of_its_file_is_led_to_its_people_not_the_worklist(
    commune_mons: User, mons: Commune, client_for: ClientFor
) -> None:
    client = client_for(commune_mons)
    token = import_stage(content=_csv(ABDI, BAD), user=commune_mons)
    url = reverse("staff:referral_import_preview", args=[token])
    done = client.post(url, {"commune": mons.pk, "mode": "valid"}, follow=True)
    assert done.status_code == 200 and Person.objects.count() == 1
    page = done.content.decode()
    assert reverse("staff:commune_people") in page
    assert reverse("staff:worklist") not in page  # a commune's worklist is a 403


def test_the_page_after_a_partial_import_can_be_reloaded_by_its_user_only(
    agent_mons: User, agent_liege: User, mons: Commune, client_for: ClientFor
) -> None:
    """The page was the POST's own answer: a reload sent the import again and found a 404.
    Now the POST redirects to a page that reloads; another user gets a 404."""
    client = client_for(agent_mons)
    token = import_stage(content=_csv(ABDI, BAD), user=agent_mons)
    url = reverse("staff:referral_import_preview", args=[token])
    answer = client.post(url, {"commune": mons.pk, "mode": "valid"})
    done = reverse("staff:referral_import_done", args=[token])
    assert answer.status_code == 302 and answer["Location"] == f"{done}?n=1"
    for _ in range(2):
        page = client.get(answer["Location"])
        assert page.status_code == 200 and "1 orientation importée" in page.content.decode()
    assert Person.objects.count() == 1
    assert client_for(agent_liege).get(answer["Location"]).status_code == 404
    assert client_for(agent_mons).get(done, {"n": "x" * 50}).status_code == 200


@pytest.mark.usefixtures("territory")
def test_a_name_is_keyed_once_however_many_people_share_the_birth_date() -> None:
    """Regression (issue 16): each row was compared with every person born the same day, and
    the names' sound keys computed again for each comparison — 343,000 keys for 500 rows at
    the Region's size, a 10,000-row import of 60 s. Now a name is keyed once."""
    from parcours.people.matching import _words, people_match, sound_key  # noqa: PLC0415
    from tests.factories.people import make_person  # noqa: PLC0415

    born = date(1992, 2, 2)
    for n in range(20):
        make_person(family_name=f"Same{n}", given_names="Day", birth_date=born, national_number="")
    rows = [
        {"family_name": f"Row{n}", "given_names": "Yara Maya", "birth_date": born}
        for n in range(30)
    ]
    sound_key.cache_clear()
    _words.cache_clear()
    found = people_match(rows=rows)
    assert [match.exact or match.probable for match in found] == [[]] * 30
    # 50 family names and "day", "yara", "maya": 53 names, each keyed as a word and whole
    # (its raw spelling), once — not once per comparison (1,253 keys for these 600).
    keyed = sound_key.cache_info()
    assert keyed.misses <= 2 * 53 < keyed.hits
