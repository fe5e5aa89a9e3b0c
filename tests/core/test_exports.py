import csv
import io
from datetime import date

from openpyxl import load_workbook

from parcours.core.exports import Cell, Sheet, csv_response, csv_text, neutralise, xlsx_bytes

DANGEROUS = ["=1+1", "+32 470", "-2", "@SUM(A1)", "\tx", "\rx"]


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_quoted() -> None:
    assert [neutralise(value) for value in DANGEROUS] == ["'" + value for value in DANGEROUS]


def test_numbers_dates_and_plain_text_are_left_as_they_are() -> None:
    assert [neutralise(v) for v in (-2, 3.5, date(2026, 1, 1), "Mons", None)] == [
        -2,
        3.5,
        date(2026, 1, 1),
        "Mons",
        None,
    ]


def _sheet() -> Sheet:
    rows: list[list[Cell]] = [[value, 1] for value in DANGEROUS]
    return Sheet(title="t", header=["label", "n"], rows=rows, about=[("Centre", "=HYPERLINK()")])


def test_a_csv_file_carries_its_filters_then_the_neutralised_rows() -> None:
    lines = list(csv.reader(io.StringIO(csv_text(_sheet()))))
    assert lines[0] == ["Centre", "'=HYPERLINK()"]
    assert lines[1] == []
    assert lines[2] == ["label", "n"]
    assert [line[0] for line in lines[3:]] == ["'" + value for value in DANGEROUS]


def test_an_xlsx_file_holds_no_formula_and_keeps_numbers_as_numbers() -> None:
    book = load_workbook(io.BytesIO(xlsx_bytes(_sheet())))
    cells = [cell for row in book.active.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    assert book.active["A4"].value == "'=1+1"
    assert book.active["B4"].value == 1


def test_a_csv_download_is_an_attachment_with_a_byte_order_mark() -> None:
    response = csv_response(_sheet(), "inflow")
    assert response["Content-Disposition"] == 'attachment; filename="inflow.csv"'
    assert response.content.startswith("\ufeff".encode())
