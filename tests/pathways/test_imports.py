"""CSV import of a commune's list: dry run, errors per line, all-or-nothing commit."""

from datetime import date

import pytest

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.imports import import_check
from parcours.pathways.models import Pathway
from parcours.pathways.services.imports import import_commit, import_stage
from parcours.territory.models import Centre, Commune

pytestmark = pytest.mark.django_db

HEADER = (
    "family_name;given_names;birth_date;sex;nationalities;national_number;commune_nis;"
    "registered_on;permit_ordered_on;permit_valid_from;legal_stay_since"
)
GOOD = (
    "Haddad;Yara;02/02/1992;F;SY;85.07.30-033.28;53053;15/01/2026;10/01/2026;2026-01-10;2025-12-01"
)


def _number(index: int) -> str:
    base = 900_101_000 + index
    return f"{base}{97 - base % 97:02d}"


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return "\r\n".join([header, *rows]).encode()


def test_a_good_file_with_bom_and_windows_1252_accents_is_read(cimb: Centre) -> None:
    content = "\ufeff" + HEADER + "\r\n" + GOOD.replace("Yara", "Yára")
    for encoded in (content.encode("utf-8"), content[1:].encode("cp1252")):
        report = import_check(encoded, centre=cimb)
        assert report.ok and report.rows[0].fields["given_names"] == "Yára"


def test_commas_and_plain_national_numbers_are_accepted(cimb: Centre) -> None:
    report = import_check(
        _csv(
            GOOD.replace(";", ",").replace("85.07.30-033.28", "85073003328"),
            header=HEADER.replace(";", ","),
        ),
        centre=cimb,
    )
    assert report.ok and report.rows[0].fields["national_number"] == "85073003328"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (GOOD.replace("02/02/1992", "31/02/1992"), "birth_date"),
        (GOOD.replace("85.07.30-033.28", "85.07.30-033.29"), "not a valid national"),
        (GOOD.replace(";SY;", ";XX;"), "Unknown country"),
        (GOOD.replace(";53053;", ";99999;"), "unknown commune"),
        (GOOD.replace(";53053;", ";62063;"), "not served by your centre"),
        (GOOD.replace(";F;", ";Q;"), "sex"),
        (GOOD.replace("Haddad", ""), "family_name"),
        (GOOD.replace("02/02/1992", "02/02/2992"), "future"),
    ],
)
def test_each_kind_of_bad_row_gets_its_own_message_with_its_line(
    row: str, message: str, cimb: Centre
) -> None:
    report = import_check(_csv(GOOD, row), centre=cimb)
    assert not report.ok
    assert [r.line for r in report.errors] == [3]
    assert message in report.errors[0].error


def test_the_same_national_number_twice_is_an_error_on_the_second_line(cimb: Centre) -> None:
    report = import_check(_csv(GOOD, GOOD), centre=cimb)
    assert [r.line for r in report.errors] == [3]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (HEADER.encode(), "no rows"),
        (b"name;born\r\nA;B", "Missing columns"),
        (HEADER.encode("utf-16"), "UTF-16"),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(
    content: bytes, message: str, cimb: Centre
) -> None:
    report = import_check(content, centre=cimb)
    assert not report.ok and message in report.error


def test_a_file_with_one_bad_row_imports_nothing(agent_mons: User, mons: Commune) -> None:
    token = import_stage(content=_csv(GOOD, GOOD.replace(";F;", ";Q;")), user=agent_mons)
    with pytest.raises(DomainError, match="nothing was imported"):
        import_commit(
            token=token, referring_commune=mons, referred_on=date(2026, 3, 1), actor=agent_mons
        )
    assert not Pathway.objects.exists()


def _rows(count: int) -> bytes:
    return _csv(
        *(
            GOOD.replace("85.07.30-033.28", _number(i)).replace("Haddad", f"Haddad{i}")
            for i in range(count)
        )
    )


def test_ten_thousand_rows_are_checked_in_one_dry_run(agent_mons: User) -> None:
    report = import_check(_rows(10_000), centre=agent_mons.centre)
    assert report.ok and len(report.rows) == 10_000
    assert not Pathway.objects.exists()


def test_a_good_file_is_imported_whole(agent_mons: User, mons: Commune) -> None:
    # The commit writes ~55 rows/s on SQLite (one decision per row): 10,000 rows are
    # measured in bench/, not here.
    token = import_stage(content=_rows(300), user=agent_mons)
    count = import_commit(
        token=token, referring_commune=mons, referred_on=date(2026, 3, 1), actor=agent_mons
    )
    assert count == 300 == Pathway.objects.filter(obligation="obligated").count()
