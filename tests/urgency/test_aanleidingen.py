"""The aanleidingen log (wijklib.aanleidingen): reading, validation, vocabulary and its streams."""

from __future__ import annotations

import pandas as pd
import pytest

from wijklib.aanleidingen import DEMO_FILE, KIND_CATALOGUE, KINDS, TEMPLATE_FILE, read_aanleidingen, vocabulary
from wijklib.errors import InputError
from wijklib.urgency.typology import log_streams


def write(tmp_path, text: str, name: str = "log.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_template_and_demo():
    header = TEMPLATE_FILE.read_text(encoding="utf-8-sig").strip()
    assert header == "buurtcode;datum;soort;omschrijving;bron;catalogus_id"
    log = read_aanleidingen(DEMO_FILE)
    assert set(log["kind"]) <= set(KINDS) and {"incident", "politiek", "bewonersinitiatief"} <= set(log["kind"])
    assert log["date"].dt.year.eq(2024).all() and log["row"].tolist() == list(range(2, len(log) + 2))
    assert log.loc[log["kind"] == "bewonerssignaal", "catalogue_id"].iloc[0] == "ph.ua.brandbrief"


def test_vocabulary_is_the_catalogue():
    voc = vocabulary()
    assert len(voc) == 12 and voc["id"].str.startswith("ph.ua.").all()
    assert set(KIND_CATALOGUE.values()) <= set(voc["id"])
    assert voc.set_index("id").at["ph.ua.incident", "section"] == "§4.1"


def test_dutch_kinds_and_dates_and_xlsx(tmp_path):
    path = write(tmp_path, "Buurtcode,Datum,Soort,Omschrijving,Bron\n"
                           "bu99010101,12-03-2024,Professioneel signaal,wijkteam maakt zich zorgen,overleg\n"
                           "BU99010101,2024-04-01,Bewonersinitiatief,buurtmoeders,bewoners\n")
    log = read_aanleidingen(path, areas=["BU99010101"])
    assert log["kind"].tolist() == ["professioneel_signaal", "bewonersinitiatief"]
    assert log["area_code"].tolist() == ["BU99010101"] * 2 and log.at[0, "date"] == pd.Timestamp("2024-03-12")
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "aanleidingen"
    ws.append(["buurtcode", "datum", "soort", "omschrijving", "bron"])
    ws.append(["BU99010101", pd.Timestamp("2024-05-02").to_pydatetime(), "media", "krant", "krant"])
    wb.save(tmp_path / "log.xlsx")
    x = read_aanleidingen(tmp_path / "log.xlsx")
    assert x.at[0, "kind"] == "media" and x.at[0, "date"] == pd.Timestamp("2024-05-02")


@pytest.mark.parametrize("row, column, words", [
    ("BU99010101;2024-01-01;rel;iets;krant", "soort", "onbekende soort"),
    ("BU99010101;31-31-2024;media;iets;krant", "datum", ""),
    ("BU99019999;2024-01-01;media;iets;krant", "buurtcode", "onbekende buurtcode"),
    ("BU99010101;2024-01-01;media;;krant", "omschrijving", "zonder namen"),
])
def test_bad_rows_name_file_row_and_column(tmp_path, row, column, words):
    path = write(tmp_path, "buurtcode;datum;soort;omschrijving;bron\nBU99010101;2024-01-01;media;ok;krant\n" + row)
    with pytest.raises(InputError) as exc:
        read_aanleidingen(path, areas=["BU99010101"])
    err = exc.value
    assert err.row == 3 and err.column == column and str(path) in str(err) and words in err.message


def test_person_columns_unknown_catalogue_id_and_missing_column(tmp_path):
    with pytest.raises(InputError):
        read_aanleidingen(write(tmp_path, "buurtcode;datum;soort;omschrijving;bron;melder\n"))
    bad_id = write(tmp_path, "buurtcode;datum;soort;omschrijving;bron;catalogus_id\n"
                             "BU99010101;2024-01-01;media;iets;krant;ph.ut.acuut\n", "id.csv")
    with pytest.raises(InputError) as exc:
        read_aanleidingen(bad_id)
    assert exc.value.column == "catalogus_id" and "ph.ut.acuut" in exc.value.message
    with pytest.raises(InputError) as exc:
        read_aanleidingen(write(tmp_path, "buurtcode;datum;omschrijving;bron\n", "nokind.csv"))
    assert exc.value.column == "soort"
    with pytest.raises(InputError):
        read_aanleidingen(tmp_path / "bestaat_niet.csv")


def test_log_streams_windows():
    log = read_aanleidingen(pd.DataFrame({
        "buurtcode": ["A", "A", "A", "B", "B"],
        "datum": ["2024-10-01", "2023-01-01", "2024-09-01", "2024-06-01", "2024-06-02"],
        "soort": ["politiek", "bestuurlijk", "professioneel_signaal", "incident", "bewonersinitiatief"],
        "omschrijving": ["motie", "college", "wijkteam", "brand", "buurtmoeders"], "bron": ["r", "c", "w", "p", "b"]}))
    s = log_streams(log, pd.Index(["A", "B", "C"]), window_months=12, stream_window_months=24,
                    reference_date="2024-12-01")
    assert s.at["A", "log_politiek"] == 1 and s.at["A", "log_bestuurlijk"] == 0  # 2023-01 outside 12 months
    assert s.at["A", "log_stream_bestuurlijk"] == 1  # but inside the 24-month stream window
    assert s.at["A", "log_signals"] == 1 and s.at["B", "log_incident"] == 1
    assert "buurtmoeders" in s.at["B", "initiatives"] and "buurtmoeders" not in s.at["B", "log_text"]
    assert s.loc["C", ["log_incident", "log_media", "log_signals"]].eq(0).all() and s.at["C", "log_text"] == ""
    short = log_streams(log, pd.Index(["A"]), stream_window_months=12, reference_date="2024-12-01")
    assert short.at["A", "log_stream_bestuurlijk"] == 0


def test_templates_are_current_and_readable(tmp_path):
    import openpyxl

    from wijklib.aanleidingen import write_templates

    csv_path, xlsx_path = write_templates(tmp_path)
    assert csv_path.read_bytes() == TEMPLATE_FILE.read_bytes()
    assert read_aanleidingen(csv_path).empty and read_aanleidingen(xlsx_path).empty
    wb = openpyxl.load_workbook(xlsx_path)
    assert wb.sheetnames == ["aanleidingen", "catalogus", "uitleg"]
    rules = {str(dv.sqref): dv.formula1 for dv in wb["aanleidingen"].data_validations.dataValidation}
    assert all(k in rules["C2:C1000"] for k in KINDS)
    assert (TEMPLATE_FILE.parent / "aanleidingen.xlsx").exists()
