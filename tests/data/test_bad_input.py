"""Bad input at every boundary gives an InputError that names the file, the row/column and what was expected."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from wijklib.areas import check_known_codes
from wijklib.counted import derive_rates, read_names, read_statline_csv, read_wide_table, to_wide, validate_tidy
from wijklib.errors import InputError, InputWarning
from wijklib.geo import load_areas


def _error(func, *args, **kwargs) -> InputError:
    with pytest.raises(InputError) as exc:
        func(*args, **kwargs)
    return exc.value


# ---------------------------------------------------------------- missing / renamed columns
def test_renamed_indicator_column_in_wijklib_format_suggests_closest(write):
    path = write("indicatoren.csv", "code,jaar,inwoners,bijstand_per1000\nBU99010101,2024,100,4\n")
    err = _error(read_wide_table, path)
    assert err.file == str(path) and err.column == "bijstand_per1000"
    assert "geen indicator-id" in str(err) and "Bedoelt u 'bijstand_per_1000'?" in str(err)


def test_required_cbs_column_missing_suggests_closest(write):
    path = write("kwb_2019_eigen.csv",
                 "code,Wonen.Gemiddelde.WOZ.waarde..x.1.000.euro.,Bevolking.Aantal.inwoners..aantal.\n"
                 "BU03630000,300,1200\n")
    err = _error(read_wide_table, path, columns=["inwoners", "woz_waarde"])
    assert err.column == "Wonen.Gemiddelde.WOZ.waarde.van.woningen..x.1.000.euro."
    assert "kolom voor indicator 'woz_waarde' ontbreekt" in str(err)
    assert "Bedoelt u 'Wonen.Gemiddelde.WOZ.waarde..x.1.000.euro.'?" in str(err)


def test_punctuation_and_case_differences_are_tolerated(write):
    # StatLine label, R-style name and a hand-typed variant of the same column all match
    path = write("kwb_2019_eigen.csv", "code,wonen gemiddelde WOZ-waarde van woningen (x 1000 euro)\nBU03630000,300\n")
    assert read_wide_table(path, columns=["woz_waarde"])["value"].tolist() == [300.0]


def test_explicit_mapping_with_missing_column(write):
    path = write("eigen_2023.csv", "code,bijstand\nGM9901,1\n")
    err = _error(read_wide_table, path, columns={"bijstnd": "bijstand_aantal"})
    assert err.column == "bijstnd" and "Bedoelt u 'bijstand'?" in str(err)


def test_unknown_indicator_requested(write):
    path = write("indicatoren.csv", "code,jaar,inwoners\nGM9901,2024,5\n")
    err = _error(read_wide_table, path, columns=["inwoner"])
    assert "onbekende indicator 'inwoner'" in str(err) and "'inwoners'" in str(err)


def test_missing_code_column(write):
    path = write("kwb_2019_x.csv", "gebied_id,Bevolking.Aantal.inwoners..aantal.\nGM0363,5\n")
    err = _error(read_wide_table, path)
    assert err.column == "code" and "kolom met gebiedscodes ontbreekt" in str(err)
    assert "gebied_id" in str(err)  # lists the columns that are there


def test_real_statline_export_without_code_column(shared_data):
    # the 2024 'herkomst' export was downloaded without the Codering column
    path = shared_data / "cbs" / "kwb_2024_herkomst_statline.csv"
    err = _error(read_statline_csv, path)
    assert err.file == str(path) and "Regioaanduiding/Codering (code)" in str(err)


def test_no_recognised_columns(write):
    err = _error(read_wide_table, write("tabel_2024.csv", "code,foo,bar\nGM0363,1,2\n"))
    assert "geen enkele kolom herkend" in str(err) and "columns=" in str(err)


def test_validate_tidy_missing_column():
    tidy = pd.DataFrame({"area_code": ["GM0363"], "indicator": ["inwoners"], "periode": [2024], "value": [1.0],
                         "status": ["waarde"]})
    err = _error(validate_tidy, tidy)
    assert err.column == "period" and "Bedoelt u 'periode'?" in str(err)
    err = _error(derive_rates, tidy.rename(columns={"periode": "period"}).assign(status="onbekend"))
    assert err.column == "status" and err.row == 1


# ---------------------------------------------------------------- codes
def test_duplicate_codes_in_wide_table(write):
    path = write("kwb_2019_dubbel.csv", "code,Bevolking.Aantal.inwoners..aantal.\nBU03630000,1\nBU03630001,2\n"
                                        "BU03630000,3\n")
    err = _error(read_wide_table, path)
    assert err.file == str(path) and err.column == "code"
    assert "BU03630000 (rijen 2, 4)" in str(err)


def test_duplicate_code_and_year_in_wijklib_format(write):
    path = write("indicatoren.csv", "code,jaar,inwoners\nGM9901,2024,1\nGM9901,2022,2\nGM9901,2024,3\n")
    err = _error(read_wide_table, path)
    assert "GM9901 (2024) in rijen 2, 4" in str(err)


def test_invalid_code_names_the_row(write):
    path = write("indicatoren.csv", "code,jaar,inwoners\nGM9901,2024,1\nBU990101,2024,2\n")
    err = _error(read_wide_table, path)
    assert err.row == 3 and err.column == "code" and "geen geldige buurtcode" in str(err)


def _lonlat_squares(codes):
    return gpd.GeoDataFrame({"statcode": codes},
                            geometry=[box(4.90 + 0.01 * i, 52.35, 4.91 + 0.01 * i, 52.36) for i in range(len(codes))],
                            crs="EPSG:4326")


def test_wrong_level_codes_in_geometry(tmp_path):
    gdf = _lonlat_squares(["WK990101", "WK990102"]).rename(columns={"statcode": "code"})
    path = tmp_path / "wijken.geojson"
    gdf.to_file(path)
    err = _error(load_areas, path, level="buurt")
    assert err.file == str(path) and err.column == "code"
    assert "verwacht buurt, gevonden 2x wijk" in str(err)


def test_duplicate_and_mixed_codes_in_geometry(tmp_path):
    path = tmp_path / "dubbel.geojson"
    _lonlat_squares(["BU99010101", "BU99010102", "BU99010101"]).to_file(path)
    err = _error(load_areas, path)
    assert "BU99010101 (rijen 1, 3)" in str(err) and err.column == "statcode"
    path = tmp_path / "gemengd.geojson"
    _lonlat_squares(["BU99010101", "WK990101"]).to_file(path)
    err = _error(load_areas, path)
    assert "meerdere niveaus" in str(err) and "level=" in str(err)


def test_missing_code_column_in_geometry(tmp_path):
    path = tmp_path / "zonder_code.geojson"
    _lonlat_squares(["x", "y"]).rename(columns={"statcode": "naam"}).to_file(path)
    err = _error(load_areas, path)
    assert "geen kolom met CBS-gebiedscodes" in str(err) and "naam" in str(err)
    err = _error(load_areas, path, code_column="statcod")
    assert err.column == "statcod"


def test_unknown_codes_against_geometry(buurten_2019_ams):
    err = _error(check_known_codes, ["BU03630000", "BU99010101"], buurten_2019_ams["area_code"],
                 file="indicatoren.csv", column="code", what="de buurtkaart 2019 van Amsterdam")
    assert "1 onbekende gebiedscode(s), niet in de buurtkaart 2019 van Amsterdam: BU99010101" in str(err)


# ---------------------------------------------------------------- values
def test_non_numeric_value_names_row_and_column(write):
    path = write("indicatoren.csv", "code,jaar,inwoners,woz_waarde\nGM9901,2024,100,250\nGM9902,2024,200,n.v.t.\n")
    err = _error(read_wide_table, path)
    assert (err.file, err.row, err.column) == (str(path), 3, "woz_waarde")
    assert "'n.v.t.' is geen getal" in str(err) and "'.' voor geheim" in str(err)


def test_non_numeric_value_in_statline(write):
    text = ("\"Regioaanduiding/Codering (code)\";\"Bevolking/Aantal inwoners (aantal)\"\n"
            "\"GM9901\";100\n\"GM9902\";\"twee\"\n")
    err = _error(read_statline_csv, write("kwb_2024.csv", text))
    assert err.row == 3 and err.column == "Bevolking/Aantal inwoners (aantal)"


def test_bad_year(write):
    err = _error(read_wide_table, write("indicatoren.csv", "code,jaar,inwoners\nGM9901,24,1\n"))
    assert (err.row, err.column) == (2, "jaar") and "geen jaartal" in str(err)
    err = _error(read_wide_table, write("tabel.csv", "code,Bevolking.Aantal.inwoners..aantal.\nGM9901,1\n"))
    assert "period=" in str(err)
    err = _error(to_wide, read_wide_table(write("i.csv", "code,jaar,inwoners\nGM9901,2024,1\n")), 2020)
    assert "geen gegevens voor jaar 2020" in str(err)


# ---------------------------------------------------------------- encoding, separator, empty
def test_comma_separated_file_where_semicolons_expected(write):
    path = write("kwb_2024.csv", "\"Regioaanduiding/Codering (code)\",\"Bevolking/Aantal inwoners (aantal)\"\n"
                                 "\"GM9901\",100\n")
    err = _error(read_statline_csv, path)
    assert err.file == str(path)
    assert "';' als scheidingsteken" in str(err) and "komma's" in str(err) and "sep=','" in str(err)
    assert read_statline_csv(path, sep=",")["value"].tolist() == [100.0]


def test_latin1_file(write):
    path = write("kwb_2019.csv", "code,naam,Bevolking.Aantal.inwoners..aantal.\nGM9901,Súdwest-Fryslân,1\n",
                 encoding="latin-1")
    with pytest.warns(InputWarning, match="opgeslagen als Windows-1252") as rec:
        assert read_wide_table(path)["value"].tolist() == [1.0]
    assert rec[0].message.file == str(path) and rec[0].message.rows == [2] and "sla op als UTF-8" in str(rec[0].message)
    with pytest.warns(InputWarning, match="Windows-1252"):
        assert read_names(path)["name"].tolist() == ["Súdwest-Fryslân"]  # decoded correctly
    assert read_wide_table(path, encoding="latin-1")["value"].tolist() == [1.0]


def test_single_column_file(write):
    err = _error(read_wide_table, write("kwb_2019.csv", "code|inwoners\nGM9901|1\n"))
    assert "verkeerd scheidingsteken" in str(err)


@pytest.mark.parametrize("content,expected", [("", "leeg"), ("\n\n", "leeg"),
                                              ("code,jaar,inwoners\n", "geen gegevensrijen")])
def test_empty_csv(write, content, expected):
    path = write("indicatoren.csv", content)
    err = _error(read_wide_table, path)
    assert err.file == str(path) and expected in str(err)


def test_empty_geometry_files(write):
    err = _error(load_areas, write("leeg.geojson", ""))
    assert "leeg" in str(err)
    err = _error(load_areas, write("geen.geojson", json.dumps({"type": "FeatureCollection", "features": []})))
    assert "geen gebieden" in str(err)
    err = _error(load_areas, write("kapot.geojson", '{"type": "FeatureCollection", "features": ['))
    assert "geen geldige JSON" in str(err)
    err = _error(load_areas, write("buurten.csv", "a,b\n"))
    assert "onbekend bestandstype" in str(err)


def test_missing_geometry(write):
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"statcode": "BU99010101"},
         "geometry": {"type": "Polygon", "coordinates": [[[4.9, 52.3], [4.91, 52.3], [4.91, 52.31], [4.9, 52.3]]]}},
        {"type": "Feature", "properties": {"statcode": "BU99010102"}, "geometry": None}]}
    err = _error(load_areas, write("buurten.geojson", json.dumps(fc)))
    assert "1 gebied(en) zonder geometrie: BU99010102" in str(err)


# ---------------------------------------------------------------- CRS
def test_rd_coordinates_in_geojson_without_crs_member(write):
    # GeoJSON is lon/lat by definition; RD metres in it mean a wrong CRS
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"statcode": "BU99010101"},
         "geometry": {"type": "Polygon", "coordinates": [[[120000, 487000], [120500, 487000], [120500, 487500],
                                                          [120000, 487000]]]}}]}
    path = write("buurten.geojson", json.dumps(fc))
    err = _error(load_areas, path)
    assert err.file == str(path)
    assert "liggen niet in Nederland" in str(err) and "EPSG:28992" in str(err)


def test_lonlat_coordinates_declared_as_rd(tmp_path):
    path = tmp_path / "buurten.shp"
    _lonlat_squares(["BU99010101"]).to_file(path)
    (tmp_path / "buurten.prj").unlink()
    err = _error(load_areas, path, crs="EPSG:28992")
    assert "liggen niet in Nederland" in str(err) and "EPSG:4326" in str(err)


def test_given_crs_contradicts_file(tmp_path):
    path = tmp_path / "buurten.gpkg"
    _lonlat_squares(["BU99010101"]).to_file(path)
    err = _error(load_areas, path, crs="EPSG:28992")
    assert "legt coördinatenstelsel EPSG:4326 vast" in str(err)
    err = _error(load_areas, path, to_crs="EPSG:onzin")
    assert "onbekend coördinatenstelsel" in str(err)
