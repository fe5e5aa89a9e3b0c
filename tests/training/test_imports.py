"""Hours from a CSV: the referral import's tolerance, one error per bad line, all or nothing."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from parcours.accounts.models import User
from parcours.training.hours_rows import hours_check
from parcours.training.models import Attendance, Enrolment
from parcours.training.selectors import partner_enrolments
from tests.factories.training import make_enrolment
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
TODAY = date(2026, 5, 29)


def _check(enrolled: Enrolment, partner: User, text: str, encoding: str = "utf-8") -> object:
    scope = list(partner_enrolments(user=partner))
    return hours_check(text.encode(encoding), enrolments=scope, today=TODAY)


def test_a_file_by_enrolment_number_with_commas_and_iso_dates_is_read(
    enrolled: Enrolment, partner_fle: User
) -> None:
    text = f"enrolment,date,hours\n{enrolled.pk},2026-05-04,3\n{enrolled.pk},2026-05-06,2.5\n"
    report = _check(enrolled, partner_fle, text)
    assert report.ok and [c.hours for c in report.cells] == [3, 2.5]  # type: ignore[attr-defined]


def test_a_windows_file_with_french_headers_names_and_decimal_commas_is_read(
    enrolled: Enrolment, partner_fle: User
) -> None:
    text = "Nom;Prénoms;Date_naissance;Date;Heures\r\nAL-HASSAN;amira;30/07/1985;04/05/2026;3,5\r\n"
    report = _check(enrolled, partner_fle, text, "cp1252")
    assert report.ok, report.errors  # type: ignore[attr-defined]
    assert report.cells[0].enrolment_id == enrolled.pk  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("999999;2026-05-04;3", "999999"),
        ("{pk};31/02/2026;3", "date"),
        ("{pk};2026-05-04;trois", "trois"),
        ("{pk};2026-05-04;25", "24"),
        ("{pk};2026-06-30;3", ""),
        ("{pk};2026-05-06;2", ""),  # the same person and date twice
    ],
)
def test_each_bad_line_gets_its_own_message_with_its_line(
    line: str, message: str, enrolled: Enrolment, partner_fle: User
) -> None:
    text = f"enrolment;date;hours\n{enrolled.pk};2026-05-06;3\n{line.format(pk=enrolled.pk)}\n"
    report = _check(enrolled, partner_fle, text)
    assert not report.ok  # type: ignore[attr-defined]
    assert 3 in [row.line for row in report.errors]  # type: ignore[attr-defined]
    assert message in " ".join(row.error for row in report.errors)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "content", [b"", b"enrolment;date;hours\n", b"name;born\nA;B\n", b"\xff\xfe\x00h\x00"]
)
def test_unreadable_files_are_refused_with_a_message(
    content: bytes, enrolled: Enrolment, partner_fle: User
) -> None:
    scope = list(partner_enrolments(user=partner_fle))
    report = hours_check(content, enrolments=scope, today=TODAY)
    assert report.error and not report.ok


def test_someone_of_another_partner_is_unknown_in_the_file(
    enrolled: Enrolment, other_partner_user: User
) -> None:
    report = _check(
        enrolled, other_partner_user, f"enrolment;date;hours\n{enrolled.pk};2026-05-04;3\n"
    )
    assert not report.ok and str(enrolled.pk) in report.errors[0].error  # type: ignore[attr-defined]


@time_machine.travel(TODAY, tick=False)
def test_the_import_commits_all_lines_after_the_preview_and_nothing_when_one_is_bad(
    enrolled: Enrolment, partner_fle: User, client_for: ClientFor
) -> None:
    client = client_for(partner_fle)
    bad = f"enrolment;date;hours\n{enrolled.pk};2026-05-04;3\n{enrolled.pk};2026-05-06;x\n"
    upload = SimpleUploadedFile("hours.csv", bad.encode())
    preview = client.post(reverse("partner:import"), {"file": upload})
    assert preview.status_code == 302
    page = client.get(preview["Location"]).content.decode()
    assert 'id="import-errors"' in page and 'data-line="3"' in page
    assert client.post(preview["Location"]).status_code == 200
    assert not Attendance.objects.exists()

    good = f"enrolment;date;hours\n{enrolled.pk};2026-05-04;3\n{enrolled.pk};2026-05-06;4\n"
    upload = SimpleUploadedFile("hours.csv", good.encode())
    preview = client.post(reverse("partner:import"), {"file": upload})
    assert 'id="import-confirm"' in client.get(preview["Location"]).content.decode()
    assert client.post(preview["Location"]).status_code == 302
    assert sorted(r.hours for r in Attendance.objects.all()) == [3, 4]
    assert {r.source for r in Attendance.objects.all()} == {"csv"}


@time_machine.travel(TODAY, tick=False)
def test_another_user_cannot_open_a_staged_import(
    enrolled: Enrolment, partner_fle: User, other_partner_user: User, client_for: ClientFor
) -> None:
    upload = SimpleUploadedFile(
        "hours.csv", f"enrolment;date;hours\n{enrolled.pk};2026-05-04;3\n".encode()
    )
    preview = client_for(partner_fle).post(reverse("partner:import"), {"file": upload})
    assert client_for(other_partner_user).get(preview["Location"]).status_code == 404


@pytest.mark.parametrize("number", ["²", "١٢"])
def test_an_enrolment_number_in_odd_digits_is_a_line_error_not_a_crash(
    number: str, enrolled: Enrolment, partner_fle: User
) -> None:
    report = _check(enrolled, partner_fle, f"enrolment;date;hours\n{number};2026-05-06;3\n")
    assert not report.ok  # type: ignore[attr-defined]
    assert [row.line for row in report.errors] == [2]  # type: ignore[attr-defined]


def test_a_person_in_two_of_the_partners_offers_is_told_in_french_which_column_to_fill(
    enrolled: Enrolment, offer_cit: object, agent_mons: User, partner_fle: User
) -> None:
    second = make_enrolment(enrolled.pathway, offer_cit, agent=agent_mons, partner_user=partner_fle)  # type: ignore[arg-type]
    text = "nom;prenoms;date_naissance;jour;heures\nAL-HASSAN;Amira;30/07/1985;04/05/2026;3\n"
    with translation.override("fr"):
        error = _check(enrolled, partner_fle, text).errors[0].error  # type: ignore[attr-defined]
    assert "colonne inscription" in error and "enrolment" not in error
    by_number = f"inscription;jour;heures\n{second.pk};04/05/2026;3\n"
    assert _check(enrolled, partner_fle, by_number).ok  # type: ignore[attr-defined]


def test_the_partners_page_of_a_person_shows_the_number_the_import_asks_for(
    enrolled: Enrolment, partner_fle: User, client_for: ClientFor
) -> None:
    page = client_for(partner_fle).get(reverse("partner:enrolment", args=[enrolled.pk]))
    said = page.content.decode()
    assert page.status_code == 200 and "Numéro d’inscription (import CSV)" in said
    assert f"<dd>{enrolled.pk}</dd>" in said


@time_machine.travel(TODAY, tick=False)
def test_the_preview_names_the_track_and_offer_of_each_row(
    enrolled: Enrolment, partner_fle: User, client_for: ClientFor
) -> None:
    client = client_for(partner_fle)
    upload = SimpleUploadedFile(
        "hours.csv", f"enrolment;date;hours\n{enrolled.pk};2026-05-04;3\n".encode()
    )
    preview = client.post(reverse("partner:import"), {"file": upload})
    page = client.get(preview["Location"]).content.decode()
    with translation.override("fr"):
        track = str(enrolled.get_track_display())
    assert f"<td data-offer>{track} — {enrolled.offer.title}</td>" in page
