"""Counted data: real StatLine exports and wide tables into the tidy table; wide frames; derived rates."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest

from wijklib.areas import check_known_codes
from wijklib.counted import (
    TIDY_COLUMNS,
    derive_rates,
    fetch_kwb,
    low_population,
    read_counted,
    read_statline_csv,
    read_wide_table,
    to_wide,
    validate_tidy,
)
from wijklib.errors import InputError


def _value(tidy, code, indicator, period=None):
    sel = tidy[(tidy.area_code == code) & (tidy.indicator == indicator)]
    if period is not None:
        sel = sel[sel.period == period]
    assert len(sel) == 1, (code, indicator, len(sel))
    return sel.iloc[0]["value"]


# ---------------------------------------------------------------- real data, facts from shared/data/README.md
def test_tidy_contract_of_real_readers(statline_2024, derived_2024, ams_2019):
    for tidy in (statline_2024, derived_2024, ams_2019):
        assert list(tidy.columns) == TIDY_COLUMNS
        assert tidy["period"].dtype == np.int64 and tidy["value"].dtype == np.float64
        validate_tidy(tidy)


def test_amsterdam_population_2024_from_statline_and_derived(statline_2024, derived_2024, bevolking_2024):
    assert _value(statline_2024, "GM0363", "inwoners") == 931_298
    assert _value(derived_2024, "GM0363", "inwoners") == 931_298
    assert _value(bevolking_2024, "GM0363", "inwoners") == 931_298
    assert set(statline_2024["period"]) == {2024} and set(derived_2024["period"]) == {2024}


def test_netherlands_2024_counts(statline_2024):
    pop = statline_2024[statline_2024.indicator == "inwoners"]
    assert _value(statline_2024, "NL00", "inwoners") == 17_942_942
    assert pop[pop.area_code.str.startswith("BU")]["value"].sum() == 17_942_915
    levels = pop["area_code"].str[:2].value_counts().to_dict()
    assert levels == {"BU": 14574, "WK": 3393, "GM": 342, "NL": 1}
    # the age columns were recognised from the StatLine labels
    assert _value(statline_2024, "GM0363", "inwoners_65plus") == 126_480


def test_derived_2024_matches_statline_codes_and_crime(statline_2024, derived_2024):
    codes_derived = set(derived_2024["area_code"])
    codes_statline = set(statline_2024["area_code"]) - {"NL00"}
    assert len(codes_derived) == 18_309 and codes_derived == codes_statline
    crime = derived_2024[(derived_2024.indicator == "misdrijven_aantal") & derived_2024.area_code.str.startswith("GM")]
    assert crime["value"].sum() == 801_336
    assert _value(derived_2024, "GM0363", "misdrijven_aantal") == 82_331
    # the repo turned 0 inhabitants into missing: status 'ontbreekt', never 0 and never 'geheim'
    pop = derived_2024[derived_2024.indicator == "inwoners"]
    assert (pop["status"] == "ontbreekt").sum() > 400 and (pop["value"] == 0).sum() == 0


def test_amsterdam_2019_and_2017_facts(ams_2019, ams_2017):
    assert _value(ams_2019, "GM0363", "inwoners") == 862_965
    assert _value(ams_2017, "GM0363", "inwoners") == 844_947
    assert _value(ams_2019, "GM0363", "bijstand_aantal") == 40_340
    buurt_pop = ams_2019[(ams_2019.indicator == "inwoners") & ams_2019.area_code.str.startswith("BU")]
    assert buurt_pop["value"].sum() == 862_635
    woz = to_wide(ams_2019, level="buurt")["woz_waarde"]
    assert woz.median() == 367
    # the three KWB crime rates only in 2017 (Amsterdam 6 / 6 / 9 per 1,000)
    assert [_value(ams_2017, "GM0363", i) for i in ("diefstal_woning_per_1000", "vernieling_per_1000",
                                                      "geweld_per_1000")] == [6, 6, 9]
    assert "geweld_per_1000" not in set(ams_2019["indicator"])
    assert "arbeidsparticipatie_pct" not in set(ams_2017["indicator"])


@pytest.mark.parametrize("fixture", ["ams_2019", "ams_2017"])
def test_amsterdam_kwb_joins_2019_buurt_polygons(request, fixture, buurten_2019_ams):
    tidy = request.getfixturevalue(fixture)
    buurten = set(tidy.loc[tidy.area_code.str.startswith("BU"), "area_code"])
    polygons = set(buurten_2019_ams["area_code"])
    assert len(buurten) == 479 and buurten == polygons  # 479 / 479
    check_known_codes(buurten, polygons)


def test_amsterdam_2024_buurten_join_municipal_geojson(statline_2024, buurten_ams_gemeente):
    cbs = set(statline_2024.loc[statline_2024.area_code.str.startswith("BU0363"), "area_code"])
    geo = set(buurten_ams_gemeente["area_code"])
    assert len(cbs) == 517 and cbs <= geo and geo - cbs == {"BU0363MK06"}


def test_raw_r_export_equals_tidy_version(shared_data, ams_2019):
    raw = read_counted(shared_data / "amsterdam" / "kwb_2019_amsterdam.csv")
    pd.testing.assert_frame_equal(raw, ams_2019)


def test_to_wide_and_derived_rates_on_real_data(ams_2019):
    tidy = derive_rates(ams_2019)
    wide = to_wide(tidy, level="gemeente")
    ams = wide.loc["GM0363"]
    assert ams["bijstand_per_1000"] == pytest.approx(1000 * 40_340 / 862_965)
    assert ams["laagopgeleid_pct"] == pytest.approx(100 * 160_570 / (160_570 + 204_590 + 337_200))
    assert ams["wmo_per_1000"] == 81  # CBS's own rate is kept ...
    overwritten = to_wide(derive_rates(ams_2019, overwrite=True), level="gemeente").loc["GM0363"]
    assert overwritten["wmo_per_1000"] == pytest.approx(1000 * 70_295 / 862_965)  # ... unless asked
    buurten = to_wide(tidy, level="buurt")
    assert buurten.shape[0] == 479 and buurten.index.is_monotonic_increasing
    # a derived rate exists exactly where both counts exist and inhabitants > 0
    counts = to_wide(ams_2019, level="buurt")
    expect = counts["bijstand_aantal"].notna() & (counts["inwoners"] > 0)
    assert (buurten["bijstand_per_1000"].notna() == expect).all()


def test_low_population_flags(ams_2019):
    tidy = derive_rates(ams_2019)
    flags = low_population(tidy)
    rows = tidy.assign(flag=flags.to_numpy())
    small = rows[(rows.indicator == "bijstand_per_1000")]
    pop = to_wide(ams_2019)["inwoners"]
    expect = pop.reindex(small["area_code"]).to_numpy() < 200
    assert (small["flag"].to_numpy() == expect).all() and small["flag"].any()
    assert not rows.loc[rows.indicator == "inwoners", "flag"].any()


# ---------------------------------------------------------------- synthetic files
STATLINE = (
    "\ufeff\"Wijken en buurten\";\"Regioaanduiding/Codering (code)\";\"Bevolking/Aantal inwoners (aantal)\";"
    "\"Wonen/Gemiddelde WOZ-waarde van woningen (x 1 000 euro)\";\"Sociale zekerheid/Personen per soort uitkering; "
    "Bijstand (aantal)\"\n"
    "\"Lindewaard\";\"GM9901    \";12345;\"287,5\";410\n"
    "\"Wijk 01\";\"WK990101  \";2000;\".\";\".\"\n"
    "\"Buurt 1\";\"BU99010101\";0;\"\";\"\"\n"
)


def test_statline_quirks(write):
    path = write("kwb_2024_lindewaard.csv", STATLINE)
    tidy = read_statline_csv(path)
    assert set(tidy["area_code"]) == {"GM9901", "WK990101", "BU99010101"}
    assert _value(tidy, "GM9901", "woz_waarde") == 287.5  # decimal comma
    row = tidy[(tidy.area_code == "WK990101") & (tidy.indicator == "woz_waarde")].iloc[0]
    assert row["status"] == "geheim" and np.isnan(row["value"])  # '.' is suppressed, not 0, not missing
    row = tidy[(tidy.area_code == "BU99010101") & (tidy.indicator == "woz_waarde")].iloc[0]
    assert row["status"] == "ontbreekt"
    rates = derive_rates(tidy)
    assert _value(rates, "GM9901", "bijstand_per_1000") == pytest.approx(1000 * 410 / 12345)
    assert rates[(rates.area_code == "WK990101") & (rates.indicator == "bijstand_per_1000")].iloc[0]["status"] == \
        "geheim"  # suppression propagates
    assert rates[(rates.area_code == "BU99010101") & (rates.indicator == "bijstand_per_1000")].iloc[0]["status"] == \
        "ontbreekt"
    assert read_counted(path).equals(tidy)


def test_statline_period_column(write):
    text = ("\ufeff\"Perioden\";\"Regioaanduiding/Codering (code)\";\"Bevolking/Aantal inwoners (aantal)\"\n"
            "\"2023JJ00\";\"GM9901\";100\n\"2024JJ00\";\"GM9901\";110\n")
    tidy = read_statline_csv(write("export.csv", text))
    assert tidy.set_index("period")["value"].to_dict() == {2023: 100, 2024: 110}
    only = read_statline_csv(write("export.csv", text), period=2024)
    assert only["period"].tolist() == [2024]


WIJKLIB = ("code,jaar,naam,inwoners,bijstand_aantal,woz_waarde\n"
           "BU99010101,2022,Centrum,1500,45,\"210,5\"\n"
           "BU99010101,2024,Centrum,1520,50,.\n"
           "BU99010102,2024,Haven,,12,199\n")


def test_wijklib_wide_format(write):
    tidy = read_wide_table(write("indicatoren.csv", WIJKLIB))
    assert sorted(tidy["period"].unique()) == [2022, 2024]
    assert set(tidy["indicator"]) == {"inwoners", "bijstand_aantal", "woz_waarde"}
    assert _value(tidy, "BU99010101", "woz_waarde", 2022) == 210.5
    statuses = tidy.set_index(["area_code", "indicator", "period"])["status"]
    assert statuses[("BU99010101", "woz_waarde", 2024)] == "geheim"
    assert statuses[("BU99010102", "inwoners", 2024)] == "ontbreekt"
    with pytest.raises(InputError, match="meerdere jaren"):
        to_wide(tidy)
    wide = to_wide(tidy, 2024, indicators=["woz_waarde", "inwoners"])
    assert list(wide.columns) == ["woz_waarde", "inwoners"] and wide.loc["BU99010102", "woz_waarde"] == 199
    only = read_wide_table(write("indicatoren.csv", WIJKLIB), period=2022)
    assert set(only["period"]) == {2022}


def test_explicit_column_mapping(write):
    path = write("eigen_2023.csv", "code,Bijstand (personen)\nGM9901,410\n")
    tidy = read_wide_table(path, columns={"Bijstand (personen)": "bijstand_aantal"})
    assert tidy[["area_code", "indicator", "period", "value"]].values.tolist() == [["GM9901", "bijstand_aantal",
                                                                                     2023, 410.0]]


def test_fetch_kwb_without_cbsodata_gives_dutch_install_hint(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "cbsodata", None)  # makes 'import cbsodata' fail
    with pytest.raises(ImportError, match=r"pip install cbsodata"):
        fetch_kwb("85984NED", tmp_path)


def test_fetch_kwb_reads_cached_download_offline(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "cbsodata", None)  # proves no download is attempted
    pd.DataFrame({
        "ID": [0, 1],
        "WijkenEnBuurten": ["Lindewaard", "Centrum"],
        "Codering_3": ["GM9901    ", "BU99010101"],
        "AantalInwoners_5": [12345, 1500],
        "PersonenPerSoortUitkeringBijstand_83": [410, None],
    }).to_csv(tmp_path / "84583NED.csv", index=False)
    tidy = fetch_kwb("84583NED", tmp_path)
    assert set(tidy["period"]) == {2019}  # from the catalogue's KWB table ids
    assert _value(tidy, "GM9901", "bijstand_aantal") == 410
    assert tidy[(tidy.area_code == "BU99010101") & (tidy.indicator == "bijstand_aantal")].iloc[0]["status"] == \
        "ontbreekt"


# ---------------------------------------------------------------- Dutch number notation, decided per column
def _no_input_warnings(record) -> list[str]:
    from wijklib.errors import InputWarning

    return [str(w.message) for w in record if issubclass(w.category, InputWarning)]


def test_dutch_thousands_with_one_dot_group_are_thousands_in_a_dutch_column(write, recwarn):
    path = write("cijfers.csv", "code;aantal_inwoners;percentage_eenpersoonshuishoudens\n"
                                "NL00;17.282.163;39,5\nGM0363;1.234;1,5\nGM0599;900;45\n")
    tidy = read_counted(path, period=2024, columns={"aantal_inwoners": "inwoners",
                                                    "percentage_eenpersoonshuishoudens": "eenpersoonshuishoudens_pct"})
    assert _value(tidy, "NL00", "inwoners") == 17_282_163
    assert _value(tidy, "GM0363", "inwoners") == 1234  # not 1.234 people
    assert _value(tidy, "GM0599", "inwoners") == 900
    assert [_value(tidy, c, "eenpersoonshuishoudens_pct") for c in ("NL00", "GM0363", "GM0599")] == [39.5, 1.5, 45]
    assert _no_input_warnings(recwarn) == []
    # auto mapping reads the same count
    assert _value(read_counted(path, period=2024), "GM0363", "inwoners") == 1234


def test_a_decimal_comma_makes_the_whole_column_dutch(write, recwarn):
    path = write("cijfers_2024.csv", "code;woz_waarde\nGM0001;1.234\nGM0002;250,5\nGM0003;\"1.300,25\"\n")
    tidy = read_counted(path)
    assert [_value(tidy, c, "woz_waarde") for c in ("GM0001", "GM0002", "GM0003")] == [1234, 250.5, 1300.25]
    assert _no_input_warnings(recwarn) == []


def test_a_lone_dot_group_in_a_count_column_of_a_semicolon_file_is_thousands(write, recwarn):
    path = write("cijfers_2024.csv", "code;inwoners;bijstand_aantal\nGM0001;1.234;15\nGM0002;900;1.005\n")
    tidy = read_counted(path)
    assert _value(tidy, "GM0001", "inwoners") == 1234 and _value(tidy, "GM0002", "bijstand_aantal") == 1005
    assert _no_input_warnings(recwarn) == []


def test_an_ambiguous_dot_in_a_semicolon_file_is_read_as_decimal_with_a_warning(write):
    from wijklib.errors import InputWarning

    path = write("cijfers_2024.csv", "code;woz_waarde\nGM0001;250\nGM0002;1.234\nGM0003;1.500\n")
    with pytest.warns(InputWarning, match="dubbelzinnig") as rec:
        tidy = read_counted(path)
    assert _value(tidy, "GM0002", "woz_waarde") == pytest.approx(1.234)
    warning = next(w.message for w in rec if "dubbelzinnig" in str(w.message))
    assert warning.file == str(path) and warning.column == "woz_waarde" and warning.rows == [3, 4]
    assert "1234" in str(warning) and "1,234" in str(warning)  # how to make it unambiguous


def test_a_plausible_range_settles_an_ambiguous_dot(write, recwarn):
    path = write("cijfers_2024.csv", "code;koopwoningen_pct\nGM0001;12.345\nGM0002;40\n")
    tidy = read_counted(path)
    assert _value(tidy, "GM0001", "koopwoningen_pct") == pytest.approx(12.345)  # 12345 % is impossible
    assert _no_input_warnings(recwarn) == []


def test_a_comma_separated_file_has_decimal_points(write, recwarn):
    path = write("cijfers_2024.csv", "code,woz_waarde\nGM0001,1.234\nGM0002,250\n")
    assert _value(read_counted(path), "GM0001", "woz_waarde") == pytest.approx(1.234)
    assert _no_input_warnings(recwarn) == []


def test_thousands_dots_in_a_count_column_of_a_comma_separated_file_are_refused(write):
    # red team: inwoners "2.610" in a comma-separated file was read as 2.61 inhabitants without a word
    path = write("cijfers_2024.csv", "code,jaar,inwoners,woz_waarde\nGM0001,2024,900,250\n"
                                     "GM0002,2024,2.610,1.234\nGM0003,2024,17.430,300\n")
    with pytest.raises(InputError) as err:
        read_counted(path)
    assert (err.value.file, err.value.row, err.value.column) == (str(path), 3, "inwoners")
    message = str(err.value)
    assert "'2.610'" in message and "zonder duizendtallenpunt (2610)" in message
    assert "1 andere rij" in message  # 17.430 is named as another row
    # not a count: three decimals are still read as decimals (pct, per_1000, euro)
    path = write("cijfers_2024.csv", "code,jaar,inwoners,bijstand_per_1000,koopwoningen_pct,woz_waarde\n"
                                     "GM0001,2024,2610,12.345,40.125,1.234\nGM0002,2024,900,8.5,12.5,250\n")
    tidy = read_counted(path)
    assert _value(tidy, "GM0001", "bijstand_per_1000") == pytest.approx(12.345)
    assert _value(tidy, "GM0001", "koopwoningen_pct") == pytest.approx(40.125)
    assert _value(tidy, "GM0001", "woz_waarde") == pytest.approx(1.234)
    assert _value(tidy, "GM0001", "inwoners") == 2610
    # a count column whose dotted values are not all thousands-shaped keeps its decimal point
    other = write("andere_2024.csv", "code,jaar,inwoners\nGM0001,2024,2.610\nGM0002,2024,12.5\n")
    assert _value(read_counted(other), "GM0001", "inwoners") == pytest.approx(2.61)


def test_mixed_decimal_point_and_comma_in_one_column_is_refused(write):
    path = write("cijfers_2024.csv", "code;woz_waarde\nGM0001;250,5\nGM0002;12.5\n")
    with pytest.raises(InputError) as err:
        read_counted(path)
    assert (err.value.row, err.value.column) == (3, "woz_waarde")
    assert "'12.5'" in str(err.value) and "rij 2" in str(err.value)


# ---------------------------------------------------------------- several counted files together
def test_two_files_with_different_figures_for_the_same_area_and_year_are_refused(write):
    # red team: with two files the last one silently won, so the order of --cijfers changed the analysis
    from wijklib.analysis import read_counted_files

    orig = write("orig.csv", "code,jaar,inwoners,misdrijven_per_1000\nBU99010101,2024,1460,53.4\n"
                             "BU99010102,2024,1815,24.2\n")
    changed = write("v15.csv", "code,jaar,inwoners,misdrijven_per_1000\nBU99010101,2024,1460,15\n"
                               "BU99010102,2024,1815,24.2\n")
    for files in ([orig, changed], [changed, orig]):
        with pytest.raises(InputError) as err:
            read_counted_files(files)
        message = str(err.value)
        assert str(orig) in message and str(changed) in message
        assert "BU99010101" in message and "'misdrijven_per_1000'" in message and "jaar 2024" in message
        assert "53.4" in message and "(15)" in message


def test_the_same_figure_in_two_files_or_an_empty_one_beside_a_figure_is_combined(write):
    from wijklib.analysis import read_counted_files

    first = write("a.csv", "code,jaar,inwoners,woz_waarde\nBU99010101,2024,1460,\nBU99010102,2024,1815,250\n")
    second = write("b.csv", "code,jaar,inwoners,woz_waarde\nBU99010101,2024,1460,300\nBU99010103,2024,900,.\n")
    for files in ([first, second], [second, first]):  # the order does not matter
        tidy = read_counted_files(files)
        assert not tidy.duplicated(["area_code", "indicator", "period"]).any()
        assert _value(tidy, "BU99010101", "inwoners") == 1460
        assert _value(tidy, "BU99010101", "woz_waarde") == 300  # the empty cell of a.csv gives way
        assert _value(tidy, "BU99010102", "woz_waarde") == 250


# ---------------------------------------------------------------- counted data from a spreadsheet
def _workbook(path, frames: dict[str, pd.DataFrame]):
    engine = "odf" if path.suffix == ".ods" else "openpyxl"
    with pd.ExcelWriter(path, engine=engine) as xw:
        for name, frame in frames.items():
            frame.to_excel(xw, sheet_name=name, index=False)
    return path


DATA_SHEET = pd.DataFrame({"code": ["GM9901", "BU99010101"], "jaar": [2024, 2024], "naam": ["Lindewaard", "Centrum"],
                           "inwoners": [12345, 1500], "woz_waarde": [287.5, "."]})
UITLEG = pd.DataFrame({"Uitleg bij dit bestand": ["Cijfers per buurt, bron CBS.", "Een punt is geheim."]})


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_counted_from_a_workbook_whose_first_sheet_is_an_explanation(tmp_path, suffix, recwarn):
    if suffix == ".ods":
        pytest.importorskip("odf")
    path = _workbook(tmp_path / f"indicatoren{suffix}", {"Uitleg": UITLEG, "cijfers": DATA_SHEET})
    tidy = read_counted(path)
    assert _value(tidy, "GM9901", "inwoners") == 12345
    assert _value(tidy, "GM9901", "woz_waarde") == 287.5  # a real number cell, not Dutch thousands
    row = tidy[(tidy.area_code == "BU99010101") & (tidy.indicator == "woz_waarde")].iloc[0]
    assert row["status"] == "geheim"
    csv = tmp_path / "indicatoren.csv"
    DATA_SHEET.to_csv(csv, index=False)
    pd.testing.assert_frame_equal(tidy, read_counted(csv))
    assert _no_input_warnings(recwarn) == []
    from wijklib.analysis import read_counted_files
    from wijklib.counted import read_names

    assert read_names(path).set_index("area_code")["name"].to_dict() == {"GM9901": "Lindewaard",
                                                                         "BU99010101": "Centrum"}
    rates = read_counted_files([path])  # the path of a project file's 'cijfers:' entry
    assert _value(rates, "GM9901", "inwoners") == 12345


def test_number_cells_of_a_workbook_are_never_dutch_thousands(tmp_path):
    frame = pd.DataFrame({"code": ["GM0001", "GM0002"], "woz_waarde": [1.234, "250,5"], "inwoners": [1234, "1.500"]})
    path = _workbook(tmp_path / "cijfers_2024.xlsx", {"blad": frame})
    tidy = read_counted(path)
    assert _value(tidy, "GM0001", "woz_waarde") == pytest.approx(1.234)  # the number 1.234, not 1234
    assert _value(tidy, "GM0002", "woz_waarde") == 250.5  # text with a decimal comma
    assert _value(tidy, "GM0002", "inwoners") == 1500  # text "1.500" in a count: thousands


def test_workbook_without_a_code_column_names_its_sheets(tmp_path):
    path = _workbook(tmp_path / "cijfers_2024.xlsx", {"Uitleg": UITLEG, "Data": pd.DataFrame({"gebied": ["x"]})})
    with pytest.raises(InputError) as err:
        read_counted(path)
    assert err.value.file == str(path) and "'Uitleg'" in str(err.value) and "'Data'" in str(err.value)
    assert "gebiedscodes" in str(err.value)


@pytest.mark.parametrize("name,data", [("cijfers.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
                                       ("cijfers.pdf", b"%PDF-1.7\n"), ("cijfers.json", b"{}")])
def test_other_file_types_for_counted_data_name_the_accepted_types(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_counted(path, period=2024)
    assert err.value.file == str(path) and ".xlsx" in str(err.value) and ".csv" in str(err.value)
    assert "onbekend bestandstype" in str(err.value)
