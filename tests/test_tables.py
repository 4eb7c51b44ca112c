"""Direct tests of the shared spreadsheet helpers in :mod:`wijklib.io.tables`."""

from __future__ import annotations

import datetime as dt

import pytest

from wijklib.io.tables import (cell_text, decode_text, fold, is_empty, norm_header, parse_date, read_csv_rows,
                             read_sheet_rows)
from wijklib.errors import InputError


# -- parse_date ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2024-03-12", "12-03-2024", "12/03/2024", "12.03.2024", " 2024-03-12 "])
def test_parse_date_accepts_iso_and_dutch_forms(text):
    assert parse_date(text) == dt.date(2024, 3, 12)


def test_parse_date_takes_date_objects():
    assert parse_date(dt.datetime(2024, 3, 12, 15, 30)) == dt.date(2024, 3, 12)
    assert parse_date(dt.date(2023, 1, 2)) == dt.date(2023, 1, 2)


@pytest.mark.parametrize("bad", ["12 maart 2024", "2024-13-01", "31-02-2024", "", "03/12/24"])
def test_parse_date_rejects_with_dutch_message(bad):
    with pytest.raises(ValueError) as err:
        parse_date(bad)
    assert str(err.value) == f"verwacht een datum als 2024-03-12 of 12-03-2024, niet {bad!r}"


def test_parse_date_custom_formats():
    assert parse_date("2024/03/12", formats=("%Y/%m/%d",)) == dt.date(2024, 3, 12)
    with pytest.raises(ValueError, match="verwacht een datum"):
        parse_date("2024-03-12", formats=("%Y/%m/%d",))


# -- decode_text --------------------------------------------------------------------------------------------------

def test_decode_text_utf8_with_and_without_bom():
    assert decode_text("naam;café\n".encode("utf-8")) == "naam;café\n"
    assert decode_text("\ufeffnaam;café\n".encode("utf-8")) == "naam;café\n"


def test_decode_text_falls_back_to_windows_1252():
    assert decode_text("één € ".encode("cp1252")) == "één € "


def test_decode_text_undecodable_names_file():
    # 0x81 is neither valid UTF-8 (lone continuation byte) nor defined in Windows-1252
    with pytest.raises(InputError) as err:
        decode_text(b"naam\n\x81\n", file="invoer.csv")
    assert err.value.file == "invoer.csv"
    assert str(err.value) == "invoer.csv: kan de tekencodering niet lezen; sla op als UTF-8"


# -- headers and cells ---------------------------------------------------------------------------------------------

def test_fold_and_norm_header():
    assert fold("  Café\tOOST  ") == "cafe oost"
    assert norm_header(" Datum  Start ") == "datum_start"
    assert norm_header("Wijkverbinder") == "wijkverbinder"
    assert norm_header(None) == ""


@pytest.mark.parametrize("value,expected", [(None, True), (float("nan"), True), ("  ", True), ("", True),
                                            ("x", False), (0, False), (0.0, False)])
def test_is_empty(value, expected):
    assert is_empty(value) is expected


@pytest.mark.parametrize("value,expected", [
    (3.0, "3"), (2.5, "2.5"), (7, "7"), (True, "True"), (" tekst ", "tekst"),
    (dt.datetime(2024, 3, 12, 10, 30), "2024-03-12"), (dt.date(2024, 3, 12), "2024-03-12"),
])
def test_cell_text(value, expected):
    assert cell_text(value) == expected


# -- read_csv_rows -------------------------------------------------------------------------------------------------

def test_read_csv_rows_semicolon_cp1252(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("Naam;Datum Start\nCafé;12-03-2024\n;\nBakker;2024-01-05\n".encode("cp1252"))
    header, rows = read_csv_rows(path)
    assert header == ["naam", "datum_start"]
    # rows are numbered as Excel shows them (header = row 1); the blank row 3 is skipped, the numbering keeps counting
    assert rows == [(2, {"naam": "Café", "datum_start": "12-03-2024"}),
                    (4, {"naam": "Bakker", "datum_start": "2024-01-05"})]


def test_read_csv_rows_comma_bom_and_custom_normalize(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("\ufeffID,Naam\nA1,x\n", encoding="utf-8")
    header, rows = read_csv_rows(path, normalize=lambda h: "actor_" + h.lower())
    assert header == ["actor_id", "actor_naam"]
    assert rows == [(2, {"actor_id": "A1", "actor_naam": "x"})]


@pytest.mark.parametrize("content", ["", "  \n\n"])
def test_read_csv_rows_empty_file(tmp_path, content):
    path = tmp_path / "leeg.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_csv_rows(path)
    assert err.value.file == str(path)
    assert "bestand is leeg; verwacht een kopregel met kolomnamen" in str(err.value)


def test_read_csv_rows_too_many_values_names_row(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a;b\n1;2\n1;2;3\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_csv_rows(path)
    assert err.value.row == 3
    assert err.value.message == "rij heeft 3 waarden maar de kopregel 2 kolommen (scheidingsteken ';')"


def test_read_csv_rows_trailing_empty_values_are_fine(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2,,\n", encoding="utf-8")
    assert read_csv_rows(path)[1] == [(2, {"a": "1", "b": "2"})]


# -- read_sheet_rows -----------------------------------------------------------------------------------------------

def _sheet(rows):
    openpyxl = pytest.importorskip("openpyxl")
    ws = openpyxl.Workbook().active
    for row in rows:
        ws.append(row)
    return ws


def test_read_sheet_rows_keeps_types_and_skips_empty_rows():
    day = dt.datetime(2024, 3, 12)
    ws = _sheet([["Naam", None, "Datum", None], ["a", "weg", day], [None, None, None], ["b", None, 3]])
    header, rows = read_sheet_rows(ws)
    assert header == ["naam", "", "datum"]
    assert rows == [(2, {"naam": "a", "datum": day}), (4, {"naam": "b", "datum": 3})]


def test_read_sheet_rows_empty_sheet():
    openpyxl = pytest.importorskip("openpyxl")
    ws = openpyxl.Workbook().active
    assert list(ws.iter_rows(values_only=True)) == []
    assert read_sheet_rows(ws, allow_empty=True) == ([], [])
    with pytest.raises(InputError) as err:
        read_sheet_rows(ws, file="kaart.xlsx")
    assert str(err.value) == "kaart.xlsx: werkblad is leeg; verwacht een kopregel met kolomnamen"


def test_open_workbook_names_file_on_missing_or_damaged(tmp_path):
    from wijklib.io.tables import open_workbook
    from wijklib.errors import InputError

    with pytest.raises(InputError, match="bestaat niet"):
        with open_workbook(tmp_path / "weg.xlsx"):
            pass
    bad = tmp_path / "kapot.xlsx"
    bad.write_bytes(b"geen zip")
    with pytest.raises(InputError, match="kan het werkboek niet lezen") as err:
        with open_workbook(bad):
            pass
    assert "kapot.xlsx" in str(err.value)
