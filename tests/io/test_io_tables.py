"""wijklib.io.tables: the one reader for user tables (formats, encoding policy, separators, code columns)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from wijklib.errors import InputError, InputWarning
from wijklib.io import tables
from wijklib.io.tables import (CBS_SENTINELS, decode_text, detect_sep, find_code_column, guess_code_column,
                               is_missing_marker, read_header, read_table)

ROWS = [["BU99010201", "Café Oost", "1,5"], ["BU99010202", "Zuid", "."]]


def _write_csv(path, sep=",", encoding="utf-8", bom=False):
    text = sep.join(["code", "naam", "waarde"]) + "\n" + "".join(
        sep.join(f'"{c}"' if sep in c else c for c in r) + "\n" for r in ROWS)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


@pytest.mark.parametrize("suffix,sep", [(".csv", ","), (".csv", ";"), (".txt", ";"), (".tsv", "\t"), (".csv", "\t")])
def test_text_formats_give_the_same_text_frame(tmp_path, suffix, sep):
    df = read_table(_write_csv(tmp_path / f"t{suffix}", sep=sep))
    assert list(df.columns) == ["code", "naam", "waarde"]
    assert df.values.tolist() == ROWS  # decimal comma and '.' kept as written: parsing is the caller's job
    assert all(isinstance(v, str) for v in df.to_numpy().ravel())


def test_xlsx_with_sheet_choice_and_cells_as_text(tmp_path):
    path = tmp_path / "t.xlsx"
    with pd.ExcelWriter(path) as xw:
        pd.DataFrame({"x": [1]}).to_excel(xw, sheet_name="uitleg", index=False)
        pd.DataFrame({" code ": ["BU99010201", None], "aantal": [3.0, None], "tekst": ["a", None]}).to_excel(
            xw, sheet_name="invoer", index=False)
    df = read_table(path, sheet="invoer")
    assert list(df.columns) == ["code", "aantal", "tekst"]
    assert df.values.tolist() == [["BU99010201", "3", "a"]]  # 3.0 -> '3', the empty row dropped
    assert list(read_table(path, sheet="bestaat_niet").columns) == ["x"]  # first sheet when the sheet is absent


def test_ods_is_read_or_refused_with_a_dutch_hint(tmp_path):
    path = tmp_path / "t.ods"
    try:
        import odf  # noqa: F401
    except ImportError:
        path.write_bytes(b"PK\x03\x04 geen echt werkboek")
        with pytest.raises(InputError) as err:
            read_table(path)
        assert err.value.file == str(path) and ".xlsx" in str(err.value)
    else:
        pd.DataFrame({"code": ["BU99010201"]}).to_excel(path, index=False, engine="odf")
        assert read_table(path)["code"].tolist() == ["BU99010201"]


def test_utf8_bom_is_dropped_from_the_first_column_name(tmp_path):
    df = read_table(_write_csv(tmp_path / "t.csv", sep=";", bom=True))
    assert df.columns[0] == "code"
    assert df["naam"].iloc[0] == "Café Oost"


def test_windows_1252_is_decoded_with_a_warning_that_names_the_file(tmp_path):
    path = _write_csv(tmp_path / "t.csv", sep=";", encoding="cp1252")
    with pytest.warns(InputWarning, match="Windows-1252") as rec:
        df = read_table(path)
    assert df["naam"].iloc[0] == "Café Oost"
    assert rec[0].message.file == str(path)


def test_windows_1252_warning_text_names_file_row_and_the_way_out(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("code;naam\nBU99010201;Oost\nBU99010202;Noordoëst\n".encode("cp1252"))
    with pytest.warns(InputWarning) as rec:
        df = read_table(path)
    assert df["naam"].tolist() == ["Oost", "Noordoëst"]
    assert len(rec) == 1 and rec[0].message.rows == [3]  # 'ë' is in row 3 as Excel shows it (header = row 1)
    assert str(rec[0].message) == (f"{path}, rij 3: het bestand is opgeslagen als Windows-1252 (niet als UTF-8) en "
                                   "zo gelezen; controleer letters als é en ë, of sla op als UTF-8 (in Excel: "
                                   "'CSV UTF-8')")


def test_one_policy_for_every_table_and_an_explicit_encoding_wins(tmp_path):
    path = _write_csv(tmp_path / "t.csv", sep=";", encoding="cp1252")
    with pytest.raises(TypeError):
        read_table(path, strict_encoding=True)  # no second behaviour to ask for
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_table(path, encoding="cp1252")["naam"].iloc[0] == "Café Oost"  # explicit encoding: no warning


@pytest.mark.parametrize("suffix,sep", [(".txt", "\t"), (".csv", ";"), (".csv", "\t")])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_byte_order_mark_is_read_as_is(tmp_path, suffix, sep, codec):
    path = tmp_path / f"t{suffix}"
    text = sep.join(["code", "naam", "waarde"]) + "\r\n" + "".join(sep.join(r) + "\r\n" for r in ROWS)
    bom = "\ufeff" if codec == "utf-16-be" else ""  # Python's 'utf-16' writes its own byte order mark
    path.write_bytes((bom + text).encode(codec))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no encoding warning
        df = read_table(path)
        assert read_header(path) == ["code", "naam", "waarde"]
    assert list(df.columns) == ["code", "naam", "waarde"]
    assert df.values.tolist() == ROWS


def test_utf16_without_content_or_damaged_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes("  \r\n".encode("utf-16"))
    with pytest.raises(InputError, match="leeg") as err:
        read_table(path)
    assert err.value.file == str(path)
    path.write_bytes("code\tnaam\r\n".encode("utf-16") + b"\x00")  # an odd number of bytes
    with pytest.raises(InputError, match="UTF-16") as err:
        read_table(path)
    assert err.value.file == str(path)


def test_undecodable_bytes_and_utf8_pass_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert decode_text("één".encode()) == "één"
    with pytest.raises(InputError, match="tekencodering"):
        decode_text(b"a\n\x81\n", file="x.csv")


def test_header_detection_skips_leading_blank_lines_and_sniffs_the_separator(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("\n\ncode;naam;omschrijving\nBU99010201;Oost;a, b en c\n", encoding="utf-8")
    assert read_header(path) == ["code", "naam", "omschrijving"]
    assert read_table(path).values.tolist() == [["BU99010201", "Oost", "a, b en c"]]
    assert detect_sep("a;b,c;d") == ";" and detect_sep("a\tb\tc,d") == "\t" and detect_sep("enkel") == ","


def test_header_only_is_an_error_only_when_rows_are_required(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("code,naam\n", encoding="utf-8")
    assert read_table(path).empty
    with pytest.raises(InputError, match="geen gegevensrijen") as err:
        read_table(path, require_rows=True)
    assert err.value.file == str(path)


@pytest.mark.parametrize("content,match", [(b"", "leeg"), (b"  \n\n", "leeg"), (b"code,code\nBU1,BU2\n", "meer dan eens"),
                                           (b'code,naam\n"BU1,open\n', "aanhalingstekens")])
def test_bad_files_name_the_file(tmp_path, content, match):
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=match) as err:
        read_table(path)
    assert err.value.file == str(path)


def test_missing_folder_and_unknown_type(tmp_path):
    with pytest.raises(InputError, match="niet gevonden"):
        read_table(tmp_path / "weg.csv")
    with pytest.raises(InputError, match="map"):
        read_table(tmp_path)
    (tmp_path / "t.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="onbekend bestandstype '.pdf' voor enquête"):
        read_table(tmp_path / "t.pdf", what="enquête")


@pytest.mark.parametrize("columns,expected", [
    (["naam", "code"], "code"),
    (["Area_Code", "naam"], "Area_Code"),
    (["Regioaanduiding/Codering (code)", "x"], "Regioaanduiding/Codering (code)"),
    (["Codering_3", "x"], "Codering_3"),
    (["gebiedscode", "code"], "code"),  # order of CODE_COLUMN_NAMES wins, not the order in the file
])
def test_code_column_is_guessed_one_way(columns, expected):
    assert guess_code_column(columns) == expected
    assert find_code_column(columns) == expected


def test_code_column_missing_names_file_column_and_closest():
    assert guess_code_column(["naam", "waarde"]) is None
    with pytest.raises(InputError) as err:
        find_code_column(["naam", "cod"], file="t.csv")
    assert (err.value.file, err.value.column) == ("t.csv", "code")
    assert "kolom met gebiedscodes ontbreekt" in str(err.value) and "Bedoelt u 'cod'" in str(err.value)
    assert guess_code_column(["naam", "buurtcode"], names=("area_code", "buurtcode")) == "buurtcode"


def test_cbs_missing_signs_are_listed_once_and_never_values():
    assert all(is_missing_marker(v) for v in (".", " x ", "-", "?", "", None, float("nan"), "NA", '"."'))
    assert not any(is_missing_marker(v) for v in ("0", "1,5", "nul"))
    assert -99999999.0 in CBS_SENTINELS
    from wijklib import counted

    assert counted.CBS_SENTINELS is tables.CBS_SENTINELS  # counted re-exports the one list


def test_counted_reads_semicolon_and_decimal_comma_through_the_reader(tmp_path):
    from wijklib.counted import read_counted

    path = tmp_path / "indicatoren.csv"
    path.write_text("\ufeffcode;jaar;inwoners;woz_waarde\nGM9901;2024;1.234;250,5\nGM9902;2024;.;-99999999\n",
                    encoding="utf-8")
    with pytest.warns(InputWarning, match="CBS-code"):
        tidy = read_counted(path)
    got = {(r.area_code, r.indicator): (r.value, r.status) for r in tidy.itertuples()}
    assert got[("GM9901", "woz_waarde")] == (250.5, "waarde")
    assert got[("GM9901", "inwoners")][0] == 1234  # ';' file, a count (unit aantal): the dot is thousands
    assert got[("GM9902", "inwoners")][1] == "geheim"
    assert got[("GM9902", "woz_waarde")][1] == "geheim"  # the CBS code is never a value


# ---------------------------------------------------------------- another file type where a CSV is expected
def _zip_bytes(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _xlsx_bytes() -> bytes:
    import io

    buf = io.BytesIO()
    pd.DataFrame({"code": ["BU99010201"]}).to_excel(buf, index=False)
    return buf.getvalue()


@pytest.mark.parametrize("data,kind", [
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF-bestand"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(100)), "afbeelding (PNG)"),
    (_zip_bytes({"tabel.csv": b"code\nBU99010201\n"}), "ZIP-bestand"),
    (_xlsx_bytes(), "Excel-werkboek (.xlsx)"),
    (_zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
     "ODS-werkblad (.ods)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "oud Excel- of Word-bestand (.xls/.doc)"),
])
def test_a_binary_file_named_csv_says_what_it_looks_like(tmp_path, data, kind):
    path = tmp_path / "cijfers.csv"
    path.write_bytes(data)
    for reader in (read_table, tables.read_csv_rows, tables.read_text):
        with pytest.raises(InputError) as err:
            reader(path)
        assert err.value.file == str(path)
        assert f"dit lijkt een {kind}, geen CSV" in str(err.value)
    assert tables.binary_kind(data) == f"een {kind}"


def test_text_is_never_taken_for_a_binary_file():
    for text in ("code;naam\nBU1;PK\n", "%PD;x\n", "PK;waarde\n1;2\n"):
        assert tables.binary_kind(text.encode()) is None
        assert decode_text(text.encode()) == text


def test_csv_text_saved_under_a_workbook_name_is_refused_clearly(tmp_path):
    path = tmp_path / "cijfers.xlsx"
    path.write_text("code;inwoners\nGM0001;10\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_table(path)
    assert err.value.file == str(path) and "geen werkboek" in str(err.value) and ".csv" in str(err.value)


# ---------------------------------------------------------------- duplicate columns, UTF-16, header only
def test_read_csv_rows_refuses_two_columns_with_the_same_normalised_name(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Buurtcode;Naam;Score;naam \nBU99010201;a;1;b\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        tables.read_csv_rows(path)
    assert err.value.file == str(path)
    assert "'Naam'" in str(err.value) and "'naam'" in str(err.value)  # both columns named
    path.write_text("code;score;score\nBU99010201;1;2\n", encoding="utf-8")
    with pytest.raises(InputError, match="komt twee keer voor: 'score'"):
        tables.read_csv_rows(path)
    path.write_text("code;score;;\nBU99010201;1;;\n", encoding="utf-8")  # empty header cells are no duplicates
    assert tables.read_csv_rows(path)[1] == [(2, {"code": "BU99010201", "score": "1", "": ""})]


def test_read_sheet_rows_refuses_duplicate_columns(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Code", "Score", "SCORE"])
    ws.append(["BU99010201", 1, 2])
    with pytest.raises(InputError) as err:
        tables.read_sheet_rows(ws, file="t.xlsx")
    assert err.value.file == "t.xlsx" and "'Score'" in str(err.value) and "'SCORE'" in str(err.value)


def test_read_table_refuses_a_repeated_column_in_a_workbook(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "t.xlsx"
    wb = Workbook()
    wb.active.append(["code", "score", "score"])
    wb.active.append(["BU99010201", 1, 2])
    wb.save(path)
    with pytest.raises(InputError, match="kolomnaam komt meer dan eens voor: 'score'"):
        read_table(path)


@pytest.mark.parametrize("encode", [lambda t: t.encode("utf-16"), lambda t: t.encode("utf-16-le"),
                                    lambda t: t.encode("utf-16-be")], ids=["bom", "le_zonder_bom", "be_zonder_bom"])
def test_utf16_tab_separated_excel_unicode_text_is_read(tmp_path, encode):
    text = "code\tnaam\twaarde\r\nBU99010201\tCafé Oost\t1,5\r\nBU99010202\tZuid\t.\r\n"
    path = tmp_path / "unicode.txt"
    path.write_bytes(encode(text))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no Windows-1252 guess
        assert read_table(path).values.tolist() == ROWS
        header, rows = tables.read_csv_rows(path)
    assert header == ["code", "naam", "waarde"] and rows[0] == (2, {"code": "BU99010201", "naam": "Café Oost",
                                                                    "waarde": "1,5"})


def test_header_only_csv_is_a_clear_error_or_an_empty_table(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("code;naam;waarde\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_table(path, require_rows=True)
    assert err.value.file == str(path) and "geen gegevensrijen" in str(err.value)
    assert read_table(path).empty and list(read_table(path).columns) == ["code", "naam", "waarde"]
    assert tables.read_csv_rows(path) == (["code", "naam", "waarde"], [])
    from wijklib.counted import read_counted

    with pytest.raises(InputError, match="geen gegevensrijen") as err:
        read_counted(path, period=2024)
    assert err.value.file == str(path)


def test_read_csv_rows_names_a_missing_file(tmp_path):
    with pytest.raises(InputError, match="niet gevonden") as err:
        tables.read_csv_rows(tmp_path / "weg.csv")
    assert err.value.file == str(tmp_path / "weg.csv")


def test_sheet_headers_lists_every_sheet_in_order(tmp_path):
    path = tmp_path / "t.xlsx"
    with pd.ExcelWriter(path) as xw:
        pd.DataFrame({"Uitleg bij dit bestand": ["tekst"]}).to_excel(xw, sheet_name="Uitleg", index=False)
        pd.DataFrame({" code ": ["BU99010201"], "inwoners": [3]}).to_excel(xw, sheet_name="Data", index=False)
    assert tables.sheet_headers(path) == {"Uitleg": ["Uitleg bij dit bestand"], "Data": ["code", "inwoners"]}


def test_row_numbers_in_messages_are_the_rows_excel_shows(tmp_path):
    """The header is row 1 in Excel, so a bad value in the second data row is 'rij 3' in CSV and workbook alike,
    for rows read by the row readers and by the counted-data reader (analyst finding: messages were one row off)."""
    import openpyxl

    from wijklib.counted import read_counted

    rows = [["code", "jaar", "woz_waarde"], ["GM9901", 2024, 250], ["GM9902", 2024, "n.v.t."]]
    book = tmp_path / "cijfers.xlsx"
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(book)
    csv_path = tmp_path / "cijfers.csv"
    csv_path.write_text("\n".join(",".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    for path in (csv_path, book):
        with pytest.raises(InputError) as err:
            read_counted(path)
        assert (err.value.row, err.value.column) == (3, "woz_waarde") and ", rij 3, " in str(err.value)
    assert [n for n, _ in tables.read_csv_rows(csv_path)[1]] == [2, 3]
    with tables.open_workbook(book) as opened:
        assert [n for n, _ in tables.read_sheet_rows(opened.active)[1]] == [2, 3]


def test_formula_cells_without_a_saved_result_are_named_in_a_warning(tmp_path):
    from openpyxl import Workbook

    from wijklib.errors import InputWarning
    from wijklib.io.tables import read_table

    wb = Workbook()
    ws = wb.active
    ws.append(["code", "misdrijven_per_1000"])
    ws.append(["BU99010101", 12.5])
    ws.append(["BU99010102", "=10+5"])  # written by a program: no cached value
    path = tmp_path / "cijfers.xlsx"
    wb.save(path)
    with pytest.warns(InputWarning) as caught:
        df = read_table(path)
    msg = str(caught[0].message)
    assert "formule zonder opgeslagen uitkomst" in msg and "misdrijven_per_1000" in msg and "3" in msg
    assert df["misdrijven_per_1000"].tolist()[1] == ""


def test_a_workbook_without_formulas_reads_without_warning(tmp_path):
    import warnings

    from openpyxl import Workbook

    from wijklib.io.tables import read_table

    wb = Workbook()
    wb.active.append(["code", "x"])
    wb.active.append(["BU1", 1])
    path = tmp_path / "ok.xlsx"
    wb.save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(read_table(path)) == 1
