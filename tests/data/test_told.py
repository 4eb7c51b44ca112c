"""Told data loaders: survey (long and Kobo/ODK), schouw points, signals, templates."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from shapely.geometry import box

from wijklib import told
from wijklib.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates" / "invoer"


def _w(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


@pytest.fixture
def squares() -> gpd.GeoDataFrame:
    """Two adjacent buurten (0.01 x 0.01 degree) near Amersfoort, lon/lat."""
    return gpd.GeoDataFrame(
        {"buurtcode": ["BU99010101", "BU99010102"]},
        geometry=[box(5.38, 52.15, 5.39, 52.16), box(5.39, 52.15, 5.40, 52.16)], crs="EPSG:4326")


# ------------------------------------------------------------------------------------------------ survey, long


LONG_OK = """buurtcode,respondent,thema,vraag,score,datum
BU99010101,R1,,veilig_avond,4,2024-03-01
BU99010101,R1,veiligheid,eigen_vraag,2,2024-03-01
BU99010101,R1,leefbaarheid,prettig_wonen,5,2024-03-01
BU99010101,R2,,veilig_avond,,2024-03-02
BU99010101,R2,,prettig_wonen,3,02-03-2024
bu99010102,R3,sociale_cohesie,,1,2024-03-05
"""


def test_read_survey_long_ok(tmp_path):
    s = told.read_survey(_w(tmp_path, "e.csv", LONG_OK))
    assert list(s.columns) == ["buurtcode", "respondent", "thema", "vraag", "score", "datum"]
    assert len(s) == 5  # the empty score (no answer) is left out
    first = s.iloc[0]
    assert first["thema"] == "veiligheid"  # filled from the standard questionnaire
    assert s["buurtcode"].iloc[-1] == "BU99010102"  # upper-cased
    assert s["vraag"].iloc[-1] == "sociale_cohesie"  # theme-only row: question = theme
    assert str(s["datum"].dtype).startswith("datetime64")
    assert s.loc[s["respondent"] == "R2", "datum"].iloc[0] == pd.Timestamp("2024-03-02")
    assert s.attrs["schaal"] == (1.0, 5.0)


def test_read_survey_semicolon_bom_decimal_comma(tmp_path):
    text = "\ufeffbuurtcode;respondent;thema;score;datum\nBU99010101;R1;veiligheid;3,5;2024-03-01\n"
    s = told.read_survey(_w(tmp_path, "e.csv", text))
    assert s["score"].tolist() == [3.5]


def test_read_survey_other_scale(tmp_path):
    text = "buurtcode,respondent,thema,score,datum\nBU99010101,R1,veiligheid,8,2024-03-01\n"
    with pytest.raises(InputError, match="buiten de schaal 1-5"):
        told.read_survey(_w(tmp_path, "e.csv", text))
    s = told.read_survey(_w(tmp_path, "e.csv", text), schaal=(0, 10))
    assert s["score"].tolist() == [8.0]


@pytest.mark.parametrize("text, column, row, fragment", [
    ("buurtcode,respondent,thema,datum\nBU99010101,R1,veiligheid,2024-03-01\n", "score", None, "ontbreken"),
    ("buurtcode,respondent,score,datum\nBU99010101,R1,3,2024-03-01\n", "thema", None, "'thema' of 'vraag'"),
    ("buurtcode,respondent,thema,score,datum\nBU99010101,R1,veiligheid,3,2024-03-01\nGM0363,R2,veiligheid,3,"
     "2024-03-01\n", "buurtcode", 2, "geen CBS-buurtcode"),
    ("buurtcode,respondent,thema,score,datum\nBU99010101,R1,veiligheid,6,2024-03-01\n", "score", 1,
     "buiten de schaal"),
    ("buurtcode,respondent,thema,score,datum\nBU99010101,R1,veiligheid,goed,2024-03-01\n", "score", 1,
     "geen getal"),
    ("buurtcode,respondent,thema,score,datum\nBU99010101,R1,veiligheid,3,31-02-2024\n", "datum", 1,
     "geen geldige datum"),
    ("buurtcode,respondent,thema,score,datum\nBU99010101,R1,veiligheid,3,\n", "datum", 1, "datum ontbreekt"),
    ("buurtcode,respondent,thema,score,datum\nBU99010101,,veiligheid,3,2024-03-01\n", "respondent", 1,
     "respondent ontbreekt"),
    ("buurtcode,respondent,thema,vraag,score,datum\nBU99010101,R1,,mijn_vraag,3,2024-03-01\n", "thema", 1,
     "thema ontbreekt"),
    ("buurtcode,respondent,thema,score,datum\nBU99010101,R1,veiligheid,3,2024-03-01\n"
     "BU99010102,R1,leefbaarheid,3,2024-03-01\n", "buurtcode", 2, "ook in buurt BU99010101"),
    ("buurtcode,respondent,vraag,score,datum\nBU99010101,R1,veilig_avond,3,2024-03-01\n"
     "BU99010101,R1,veilig_avond,4,2024-03-01\n", "vraag", 2, "al beantwoord in rij 2"),
    ("buurtcode,respondent,naam,thema,score,datum\nBU99010101,R1,Piet,veiligheid,3,2024-03-01\n", "naam", None,
     "persoonsgegevens"),
])
def test_read_survey_bad_input(tmp_path, text, column, row, fragment):
    path = _w(tmp_path, "enquete.csv", text)
    with pytest.raises(InputError) as exc:
        told.read_survey(path)
    err = exc.value
    assert fragment in err.message
    assert err.column == column
    assert err.row == (row + 1 if row is not None else None)  # the table gives data rows; Excel's header is row 1
    assert str(path) in str(err)


def test_read_survey_unknown_buurt_and_missing_file(tmp_path):
    text = "buurtcode,respondent,thema,score,datum\nBU99010109,R1,veiligheid,3,2024-03-01\n"
    with pytest.raises(InputError, match="komt niet voor in de opgegeven buurtindeling"):
        told.read_survey(_w(tmp_path, "e.csv", text), buurten=["BU99010101"])
    with pytest.raises(InputError, match="niet gevonden"):
        told.read_survey(tmp_path / "bestaat_niet.csv")
    with pytest.raises(InputError, match="onbekend bestandstype"):
        told.read_survey(_w(tmp_path, "e.json", "{}"))


def test_aggregate_survey_per_respondent_and_min_n(tmp_path):
    rows = ["buurtcode,respondent,thema,vraag,score,datum"]
    # buurt 01: R1 answers two veiligheid questions (1 and 3 -> respondent mean 2), R2 one (5): buurt mean 3.5
    rows += ["BU99010101,R1,veiligheid,a,1,2024-03-01", "BU99010101,R1,veiligheid,b,3,2024-03-01",
             "BU99010101,R2,veiligheid,a,5,2024-03-01"]
    # buurt 02: 12 respondents all scoring 4
    rows += [f"BU99010102,S{i},veiligheid,a,4,2024-03-01" for i in range(12)]
    agg = told.aggregate_survey(told.read_survey(_w(tmp_path, "e.csv", "\n".join(rows) + "\n")), min_n=10)
    a = agg.set_index("buurtcode")
    # 2 respondents < min_n: the mean is withheld (issue #13.4), never shown as a number
    assert np.isnan(a.loc["BU99010101", "gemiddelde"]) and np.isnan(a.loc["BU99010101", "score_0_100"])
    assert a.loc["BU99010101", "status"] == "te weinig respondenten"
    assert a.loc["BU99010101", "n"] == 2
    assert not a.loc["BU99010101", "betrouwbaar"]
    low = told.aggregate_survey(told.read_survey(_w(tmp_path, "e.csv", "\n".join(rows) + "\n")), min_n=1)
    assert low.set_index("buurtcode").loc["BU99010101", "gemiddelde"] == pytest.approx(3.5)
    assert a.loc["BU99010102", "betrouwbaar"]
    assert a.loc["BU99010102", "score_0_100"] == pytest.approx(75.0)
    assert np.isnan(a.loc["BU99010102", "sd"]) or a.loc["BU99010102", "sd"] == 0


# ------------------------------------------------------------------------------------------------ Kobo / ODK


KOBO_HEADER = ["start", "end", "today", "algemeen/buurtcode", "algemeen/leeftijd", "veiligheid/veilig_overdag",
               "veiligheid/overlast_criminaliteit", "cohesie/eigen_vraag", "voorzieningen", "voorzieningen/park",
               "voorzieningen/winkels", "opmerking", "locatie", "_locatie_latitude", "_locatie_longitude",
               "_locatie_altitude", "_locatie_precision", "_id", "_uuid", "_submission_time", "_validation_status",
               "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index"]
KOBO_ROWS = [
    ["2024-03-01T10:00:00.000+01:00", "2024-03-01T10:09:00.000+01:00", "2024-03-01", "BU99010101", "34", "4", "2",
     "3", "park winkels", "1", "1", "Fijne buurt", "52.155 5.385 3 5", "52.155", "5.385", "3", "5", "101",
     "aaaa-1111", "2024-03-01T09:09:00", "", "", "submitted_via_web", "", "vXyz", "", "1"],
    ["2024-03-02T11:00:00.000+01:00", "2024-03-02T11:05:00.000+01:00", "2024-03-02", "BU99010102", "71",
     "Mee oneens", "weet niet", "4", "park", "1", "0", "", "", "", "", "", "", "102", "bbbb-2222",
     "2024-03-02T10:05:00", "", "", "submitted_via_web", "", "vXyz", "", "2"],
    ["2024-03-03T09:00:00.000+01:00", "2024-03-03T09:04:00.000+01:00", "2024-03-03", "BU99010101", "18", "5", "1",
     "", "", "0", "0", "Te veel hondenpoep", "", "", "", "", "", "103", "cccc-3333", "2024-03-03T08:04:00", "", "",
     "submitted_via_web", "", "vXyz", "", "3"],
]


@pytest.fixture
def kobo_csv(tmp_path) -> Path:
    """A small KoboToolbox CSV export (XML names, ';' separator, '/' group separator, BOM)."""
    lines = [";".join(f'"{h}"' for h in KOBO_HEADER)]
    lines += [";".join(f'"{v}"' for v in row) for row in KOBO_ROWS]
    return _w(tmp_path, "kobo_export.csv", "\ufeff" + "\n".join(lines) + "\n")


def test_read_kobo_survey(kobo_csv):
    with pytest.warns(UserWarning, match="leeftijd"):
        s = told.read_kobo_survey(kobo_csv)
    assert set(s["respondent"]) == {"aaaa-1111", "bbbb-2222", "cccc-3333"}  # _uuid
    r1 = s[s["respondent"] == "aaaa-1111"].set_index("vraag")
    assert r1.loc["veilig_overdag", "score"] == 4
    assert r1.loc["overlast_criminaliteit", "score"] == 4  # negatively phrased: 2 -> 6 - 2
    assert r1.loc["veilig_overdag", "thema"] == "veiligheid"
    assert r1.loc["eigen_vraag", "thema"] == "cohesie"  # theme from the group name
    assert r1.loc["veilig_overdag", "datum"] == pd.Timestamp("2024-03-01")  # from 'today'
    r2 = s[s["respondent"] == "bbbb-2222"].set_index("vraag")
    assert r2.loc["veilig_overdag", "score"] == 2  # label "Mee oneens"
    assert "overlast_criminaliteit" not in r2.index  # "weet niet" is no answer
    skipped = s.attrs["overgeslagen_kolommen"]
    for col in ("algemeen/leeftijd", "voorzieningen", "voorzieningen/park", "opmerking", "locatie", "_id",
                "_submission_time", "_locatie_latitude"):
        assert col in skipped
    assert set(s["vraag"]) == {"veilig_overdag", "overlast_criminaliteit", "eigen_vraag"}


def test_kobo_background_question_can_be_read_with_theme(kobo_csv):
    with pytest.raises(InputError, match="buiten de schaal"):
        told.read_kobo_survey(kobo_csv, thema_per_vraag={"leeftijd": "achtergrond"})
    s = told.read_kobo_survey(kobo_csv, negeer=["leeftijd"])
    assert "leeftijd" not in set(s["vraag"])


def test_kobo_labels_export_buurt_names(tmp_path):
    text = ("_uuid,_submission_time,buurt,veiligheid/veilig_avond\n"
            "u1,2024-03-01T09:00:00,Oude Kern,Helemaal mee eens\n")
    path = _w(tmp_path, "labels.csv", text)
    with pytest.raises(InputError) as exc:
        told.read_kobo_survey(path)
    assert exc.value.row == 2 and exc.value.column == "buurt"
    s = told.read_kobo_survey(path, buurt_namen={"Oude Kern": "BU99010101"})
    assert s["buurtcode"].tolist() == ["BU99010101"] and s["score"].tolist() == [5.0]
    assert s["datum"].tolist() == [pd.Timestamp("2024-03-01")]  # _submission_time when 'today' is absent


def test_odk_briefcase_export(tmp_path):
    text = ("SubmissionDate,buurtcode,veiligheid-veilig_avond,veiligheid-veilig_overdag,meta-instanceID,KEY\n"
            '"Mar 15, 2024 10:22:33 AM",BU99010101,3,4,uuid:1,uuid:1\n'
            '"Mar 16, 2024 9:02:00 AM",BU99010102,5,5,uuid:2,uuid:2\n')
    s = told.read_kobo_survey(_w(tmp_path, "odk.csv", text))
    assert len(s) == 4
    assert set(s["respondent"]) == {"uuid:1", "uuid:2"}
    assert s["datum"].min() == pd.Timestamp("2024-03-15")
    assert set(s["thema"]) == {"veiligheid"}


@pytest.mark.parametrize("change, column, row, fragment", [
    ({"veiligheid/veilig_overdag": ["4", "7", "5"]}, "veiligheid/veilig_overdag", 2, "buiten de schaal"),
    ({"veiligheid/veilig_overdag": ["4", "misschien", "5"]}, "veiligheid/veilig_overdag", 2, "geen score"),
    ({"_uuid": ["a", "a", "c"]}, "_uuid", 2, "twee keer"),
    ({"algemeen/buurtcode": ["BU99010101", "", "BU99010101"]}, "algemeen/buurtcode", 2, "buurtcode ontbreekt"),
    ({"today": ["2024-03-01", "gisteren", "2024-03-03"]}, "today", 2, "geen geldige datum"),
])
def test_kobo_bad_input(tmp_path, change, column, row, fragment):
    df = pd.DataFrame(KOBO_ROWS, columns=KOBO_HEADER)
    for col, values in change.items():
        df[col] = values
    path = tmp_path / "kobo.csv"
    df.to_csv(path, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        with pytest.raises(InputError) as exc:
            told.read_kobo_survey(path)
    assert fragment in exc.value.message
    assert (exc.value.row, exc.value.column) == (row + 1, column)  # data row 2 is row 3 in Excel


def test_kobo_person_name_column_refused(tmp_path):
    text = "_uuid,today,buurtcode,naam_respondent,veiligheid/veilig_avond\nu1,2024-03-01,BU99010101,Ans,3\n"
    with pytest.raises(InputError, match="persoonsgegevens") as exc:
        told.read_kobo_survey(_w(tmp_path, "k.csv", text))
    assert exc.value.column == "naam_respondent"


def test_kobo_no_answers(tmp_path):
    text = "_uuid,today,buurtcode,opmerking\nu1,2024-03-01,BU99010101,prima\n"
    with pytest.raises(InputError, match="geen antwoordkolommen"):
        told.read_kobo_survey(_w(tmp_path, "k.csv", text))


# ------------------------------------------------------------------------------------------------ schouw


def _fc(features: list[tuple[list[float], dict]], crs: str | None = None) -> str:
    data: dict = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": c}, "properties": p} for c, p in features]}
    if crs:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(data)


PROPS = {"categorie": "zwerfvuil", "ernst": 2, "datum": "2024-05-14", "bijschrift": "Afval naast container"}


def test_schouw_geojson_and_spatial_join(tmp_path, squares):
    text = _fc([([5.385, 52.155], {**PROPS, "id": "a"}), ([5.395, 52.155], {**PROPS, "id": "b", "ernst": "rood",
                                                                            "dagdeel": "Avond"})])
    gdf = told.read_schouw(_w(tmp_path, "s.geojson", text), buurten=squares)
    assert gdf.crs.to_epsg() == 4326
    assert gdf["buurtcode"].tolist() == ["BU99010101", "BU99010102"]
    assert gdf["ernst"].tolist() == [2, 3]  # "rood" = 3
    assert pd.isna(gdf["dagdeel"].iloc[0]) and gdf["dagdeel"].iloc[1] == "avond"
    assert gdf.geometry.iloc[0].x == pytest.approx(5.385) and gdf.geometry.iloc[0].y == pytest.approx(52.155)
    agg = told.aggregate_schouw(gdf)
    assert agg["aantal"].sum() == 2


def test_schouw_geojson_rd_crs(tmp_path, squares):
    from pyproj import Transformer

    x, y = Transformer.from_crs(4326, 28992, always_xy=True).transform(5.385, 52.155)
    text = _fc([([x, y], PROPS)], crs="urn:ogc:def:crs:EPSG::28992")
    gdf = told.read_schouw(_w(tmp_path, "s.geojson", text), buurten=squares)
    assert gdf["buurtcode"].tolist() == ["BU99010101"]
    assert gdf.geometry.iloc[0].x == pytest.approx(5.385, abs=1e-6)


def test_schouw_geojson_swapped(tmp_path):
    text = _fc([([5.385, 52.155], PROPS), ([52.155, 5.385], PROPS)])
    with pytest.raises(InputError, match="verwisseld") as exc:
        told.read_schouw(_w(tmp_path, "s.geojson", text))
    assert exc.value.row == 2 and exc.value.column == "geometry"


def test_schouw_geojson_not_points(tmp_path):
    data = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": PROPS, "geometry": {
        "type": "LineString", "coordinates": [[5.38, 52.15], [5.39, 52.16]]}}]}
    with pytest.raises(InputError, match="verwacht een Point"):
        told.read_schouw(_w(tmp_path, "s.geojson", json.dumps(data)))


def test_schouw_csv_lat_lon(tmp_path, squares):
    text = "id,lat,lon,categorie,ernst,datum\nS1,52.155,5.385,verlichting,1,2024-05-14\nS2,52.1555,5.3951,hangplek,3,2024-05-14\n"
    gdf = told.read_schouw(_w(tmp_path, "s.csv", text), buurten=squares)
    assert gdf["id"].tolist() == ["S1", "S2"]
    assert gdf["buurtcode"].tolist() == ["BU99010101", "BU99010102"]


def test_schouw_csv_swapped_lat_lon(tmp_path):
    text = "lat,lon,categorie,ernst,datum\n52.155,5.385,zwerfvuil,1,2024-05-14\n5.385,52.155,zwerfvuil,1,2024-05-14\n"
    with pytest.raises(InputError, match="verwisseld") as exc:
        told.read_schouw(_w(tmp_path, "s.csv", text))
    assert exc.value.row == 3 and exc.value.column == "lat/lon"


def test_schouw_rd_coordinates_in_lat_lon_columns(tmp_path):
    text = "lat,lon,categorie,ernst,datum\n455000,155000,zwerfvuil,1,2024-05-14\n"
    with pytest.raises(InputError, match="RD-coördinaten"):
        told.read_schouw(_w(tmp_path, "s.csv", text))


def test_schouw_outside_netherlands(tmp_path):
    text = "lat,lon,categorie,ernst,datum\n48.85,2.35,zwerfvuil,1,2024-05-14\n"
    with pytest.raises(InputError, match="buiten Nederland"):
        told.read_schouw(_w(tmp_path, "s.csv", text))


def test_kobo_geopoint_order(tmp_path, squares):
    """A Kobo geopoint is 'lat lon alt precision': latitude first, unlike GeoJSON."""
    text = ("_uuid;today;locatie;categorie;ernst;datum\n"
            "u1;2024-05-14;52.155 5.395 1.2 4.0;drugsoverlast;3;2024-05-14\n")
    gdf = told.read_schouw(_w(tmp_path, "s.csv", text), buurten=squares)
    pt = gdf.geometry.iloc[0]
    assert (pt.x, pt.y) == pytest.approx((5.395, 52.155))
    assert gdf["buurtcode"].tolist() == ["BU99010102"]


def test_kobo_geopoint_swapped_is_refused(tmp_path):
    text = "locatie,categorie,ernst,datum\n5.395 52.155 0 5,zwerfvuil,1,2024-05-14\n"
    with pytest.raises(InputError, match="verwisseld") as exc:
        told.read_schouw(_w(tmp_path, "s.csv", text))
    assert exc.value.column == "locatie"


def test_kobo_and_odk_geopoint_columns(tmp_path):
    kobo = ("_uuid,groep/locatie,_locatie_latitude,_locatie_longitude,_locatie_altitude,_locatie_precision,"
            "groep/categorie,groep/ernst,groep/datum\nu1,52.155 5.385 0 5,52.155,5.385,0,5,zwerfvuil,1,2024-05-14\n")
    gdf = told.read_schouw(_w(tmp_path, "k.csv", kobo))
    assert gdf.geometry.iloc[0].x == pytest.approx(5.385)
    odk = ("KEY,locatie-Latitude,locatie-Longitude,locatie-Altitude,locatie-Accuracy,categorie,ernst,datum\n"
           "uuid:1,52.155,5.385,0,5,zwerfvuil,1,2024-05-14\n")
    gdf = told.read_schouw(_w(tmp_path, "o.csv", odk))
    assert gdf.geometry.iloc[0].y == pytest.approx(52.155)


def test_parse_geopoint():
    assert told.parse_geopoint("52.1 5.2") == (52.1, 5.2, None, None)
    assert told.parse_geopoint("52.1 5.2 3 4.5") == (52.1, 5.2, 3.0, 4.5)
    with pytest.raises(InputError, match="geen geldig geopunt"):
        told.parse_geopoint("52.1")
    with pytest.raises(InputError, match="geen geldig geopunt"):
        told.parse_geopoint("noord oost")


@pytest.mark.parametrize("props, column, fragment", [
    ({**PROPS, "categorie": "vuil"}, "categorie", "kies uit: zwerfvuil"),
    ({**PROPS, "ernst": 4}, "ernst", "ernst_schaal=5"),
    ({**PROPS, "ernst": 0}, "ernst", "1-3"),
    ({**PROPS, "ernst": 1.5}, "ernst", "geheel getal"),
    ({**PROPS, "datum": "mei 2024"}, "datum", "geen geldige datum"),
    ({**PROPS, "dagdeel": "schemer"}, "dagdeel", "ochtend, middag, avond of nacht"),
    ({k: v for k, v in PROPS.items() if k != "categorie"}, "categorie", "ontbreekt"),
])
def test_schouw_bad_fields(tmp_path, props, column, fragment):
    text = _fc([([5.385, 52.155], PROPS), ([5.385, 52.155], props)])
    with pytest.raises(InputError) as exc:
        told.read_schouw(_w(tmp_path, "s.geojson", text))
    assert fragment in exc.value.message
    assert (exc.value.row, exc.value.column) == (2, column)  # the second feature (GeoJSON has no header row)


def test_schouw_five_point_scale(tmp_path):
    text = _fc([([5.385, 52.155], {**PROPS, "ernst": 5})])
    assert told.read_schouw(_w(tmp_path, "s.geojson", text), ernst_schaal=5)["ernst"].tolist() == [5]
    with pytest.raises(InputError, match="kies 3 of 5"):
        told.read_schouw(_w(tmp_path, "s.geojson", text), ernst_schaal=4)


def test_schouw_point_outside_buurten_warns(tmp_path, squares):
    text = _fc([([5.385, 52.155], PROPS), ([5.5, 52.2], {**PROPS, "id": "ver"})])
    with pytest.warns(UserWarning, match="buiten alle buurten"):
        gdf = told.read_schouw(_w(tmp_path, "s.geojson", text), buurten=squares)
    assert gdf["buurtcode"].isna().tolist() == [False, True]


def test_schouw_given_buurtcode_differs_warns(tmp_path, squares):
    text = _fc([([5.385, 52.155], {**PROPS, "buurtcode": "BU99010102"})])
    with pytest.warns(UserWarning, match="wijkt de opgegeven buurtcode af"):
        gdf = told.read_schouw(_w(tmp_path, "s.geojson", text), buurten=squares)
    assert gdf["buurtcode"].tolist() == ["BU99010101"]


def test_schouw_no_coordinates(tmp_path):
    text = "categorie,ernst,datum\nzwerfvuil,1,2024-05-14\n"
    with pytest.raises(InputError, match="geen coördinaten gevonden"):
        told.read_schouw(_w(tmp_path, "s.csv", text))


# ------------------------------------------------------------------------------------------------ signals


SIGNALS_OK = """id,datum,buurtcode,thema,bronrol,tekst
SG1,2024-02-03,BU99010101,ondermijning,Jongerenwerker,Jongeren worden benaderd om pakketjes rond te brengen.
SG2,2024-02-05,BU99010101,ondermijning,wijkagent Noord,Pand met afgeplakte ramen.
SG3,2024-02-07,BU99010102,Armoede schulden,schuldhulpverlener,Meer gezinnen met betalingsachterstanden.
"""


def test_read_signals_ok(tmp_path):
    s = told.read_signals(_w(tmp_path, "sig.csv", SIGNALS_OK))
    assert s["bronrol"].tolist() == ["jongerenwerker", "wijkagent noord", "schuldhulpverlener"]
    assert s["thema"].tolist() == ["ondermijning", "ondermijning", "armoede_schulden"]
    agg = told.aggregate_signals(s).set_index(["buurtcode", "thema"])
    assert agg.loc[("BU99010101", "ondermijning"), "aantal"] == 2
    assert agg.loc[("BU99010101", "ondermijning"), "bronrollen"] == "jongerenwerker; wijkagent noord"


@pytest.mark.parametrize("header", ["naam", "Naam melder", "voornaam", "melder", "email", "telefoonnummer",
                                    "contactpersoon", "medewerker_naam"])
def test_signals_person_column_refused(tmp_path, header):
    text = f"datum,buurtcode,thema,bronrol,tekst,{header}\n2024-02-03,BU99010101,jeugd,jongerenwerker,tekst,x\n"
    with pytest.raises(InputError) as exc:
        told.read_signals(_w(tmp_path, "sig.csv", text))
    assert exc.value.column == header
    assert "AVG" in exc.value.message and "bronrol" in exc.value.message


def test_signals_allowed_name_like_columns(tmp_path):
    text = "datum,buurtcode,buurtnaam,thema,bronrol,tekst\n2024-02-03,BU99010101,Oude Kern,jeugd,leerkracht,tekst\n"
    assert len(told.read_signals(_w(tmp_path, "sig.csv", text))) == 1


@pytest.mark.parametrize("row, column, fragment", [
    ("2024-02-03,BU99010101,jeugd,Jan de Vries,tekst", "bronrol", "lijkt een persoonsnaam"),
    ("2024-02-03,BU99010101,jeugd,Mevr. Bakker,tekst", "bronrol", "lijkt een persoonsnaam"),
    ("2024-02-03,BU99010101,jeugd,,tekst", "bronrol", "bronrol ontbreekt"),
    ("2024-02-03,BU99010101,drugs,wijkagent,tekst", "thema", "kies uit"),
    ("2024-02-03,BU9901010,jeugd,wijkagent,tekst", "buurtcode", "geen CBS-buurtcode"),
    ("3 feb,BU99010101,jeugd,wijkagent,tekst", "datum", "geen geldige datum"),
    ("2024-02-03,BU99010101,jeugd,wijkagent,", "tekst", "tekst ontbreekt"),
])
def test_signals_bad_rows(tmp_path, row, column, fragment):
    text = "datum,buurtcode,thema,bronrol,tekst\n2024-02-01,BU99010101,jeugd,leerkracht,goed\n" + row + "\n"
    with pytest.raises(InputError) as exc:
        told.read_signals(_w(tmp_path, "sig.csv", text))
    assert fragment in exc.value.message
    assert (exc.value.row, exc.value.column) == (3, column)


def test_signals_missing_column_and_duplicate_id(tmp_path):
    with pytest.raises(InputError, match="bronrol"):
        told.read_signals(_w(tmp_path, "a.csv", "datum,buurtcode,thema,tekst\n2024-02-01,BU99010101,jeugd,x\n"))
    text = "id,datum,buurtcode,thema,bronrol,tekst\nA,2024-02-01,BU99010101,jeugd,leerkracht,x\n" \
           "A,2024-02-02,BU99010101,jeugd,leerkracht,y\n"
    with pytest.raises(InputError, match="komt al voor in rij 2"):
        told.read_signals(_w(tmp_path, "b.csv", text))


def test_signals_text_naming_a_person_warns(tmp_path):
    text = "datum,buurtcode,thema,bronrol,tekst\n2024-02-01,BU99010101,wonen,woonconsulent,Meneer Jansen klaagt.\n"
    with pytest.warns(UserWarning, match="persoon bij naam"):
        told.read_signals(_w(tmp_path, "a.csv", text))


def test_check_no_person_columns_allows_normal_columns():
    told.check_no_person_columns(["datum", "buurtcode", "thema", "bronrol", "tekst", "wijknaam"])
    with pytest.raises(InputError):
        told.check_no_person_columns(["groep/achternaam"])


# ------------------------------------------------------------------------------------------------ templates


def test_committed_templates_are_up_to_date(tmp_path):
    written = told.write_templates(tmp_path / "t")
    assert len(written) == 8
    for p in written:
        assert p.read_bytes() == (TEMPLATES / p.name).read_bytes(), (
            f"{p.name} is verouderd: draai `python -m wijklib.told templates/invoer`")


@pytest.mark.parametrize("kind, specs", [("enquete", told.ENQUETE_KOLOMMEN), ("schouw", told.SCHOUW_KOLOMMEN),
                                         ("signalen", told.SIGNAAL_KOLOMMEN)])
def test_template_columns_match_loader_specs(kind, specs):
    names = [s.name for s in specs]
    header = (TEMPLATES / f"{kind}.csv").read_text(encoding="utf-8-sig").strip().split(";")
    assert header == names
    wb = load_workbook(TEMPLATES / f"{kind}.xlsx")
    assert wb.sheetnames[0] == "invoer" and "uitleg" in wb.sheetnames
    invoer = wb["invoer"]
    assert [c.value for c in invoer[1]] == names
    assert all(c.comment is not None and c.comment.text for c in invoer[1])
    uitleg_cols = [r[0].value for r in wb["uitleg"].iter_rows(min_row=5, max_row=4 + len(names))]
    assert uitleg_cols == names
    readme = (TEMPLATES / "LEESMIJ.md").read_text(encoding="utf-8")
    assert all(f"`{n}`" in readme for n in names)


def test_empty_templates_load():
    assert told.read_survey(TEMPLATES / "enquete.csv").empty
    assert told.read_signals(TEMPLATES / "signalen.csv").empty
    assert told.read_survey(TEMPLATES / "enquete.xlsx").empty


def test_filled_xlsx_templates_load(tmp_path, squares):
    fill = {
        "enquete": [["BU99010101", "R0001", "ja", "", "veilig_avond", 4, "2024-03-15"]],
        "schouw": [["S1", 52.155, 5.385, "zwerfvuil", 2, "2024-05-21", "avond", "Afval"]],
        "signalen": [["SG01", "2024-02-03", "BU99010101", "ondermijning", "jongerenwerker", "Tekst"]],
    }
    for kind, rows in fill.items():
        wb = load_workbook(TEMPLATES / f"{kind}.xlsx")
        for row in rows:
            wb["invoer"].append(row)
        wb.save(tmp_path / f"{kind}.xlsx")
    assert told.read_survey(tmp_path / "enquete.xlsx")["thema"].tolist() == ["veiligheid"]
    assert told.read_schouw(tmp_path / "schouw.xlsx", buurten=squares)["buurtcode"].tolist() == ["BU99010101"]
    assert told.read_signals(tmp_path / "signalen.xlsx")["datum"].tolist() == [pd.Timestamp("2024-02-03")]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_survey_template_has_the_consent_column_the_reader_applies(tmp_path, suffix):
    """The template offers 'toestemming' (explained in the comment, uitleg and LEESMIJ); a respondent without
    'ja' is left out with all answers."""
    readme = (TEMPLATES / "LEESMIJ.md").read_text(encoding="utf-8")
    line = next(ln for ln in readme.splitlines() if ln.startswith("| `toestemming`"))
    assert "ja = toestemming" in line and "nee of leeg = geen toestemming" in line
    rows = [["BU99010101", "R0001", "ja", "", "veilig_avond", 4, "2024-03-15"],
            ["BU99010101", "R0002", "nee", "", "veilig_avond", 2, "2024-03-15"],
            ["BU99010101", "R0003", "", "", "veilig_avond", 1, "2024-03-15"]]
    if suffix == "csv":
        header = (TEMPLATES / "enquete.csv").read_text(encoding="utf-8-sig").strip()
        assert header.split(";")[2] == "toestemming"
        path = _w(tmp_path, "e.csv", header + "\n" + "\n".join(";".join(map(str, r)) for r in rows) + "\n")
    else:
        wb = load_workbook(TEMPLATES / "enquete.xlsx")
        cell = wb["invoer"]["C1"]
        assert cell.value == "toestemming" and "nee of leeg" in cell.comment.text
        for r in rows:
            wb["invoer"].append(r)
        path = tmp_path / "e.xlsx"
        wb.save(path)
    with pytest.warns(UserWarning, match="2 respondent"):
        survey = told.read_survey(path)
    assert survey["respondent"].tolist() == ["R0001"] and survey.attrs["zonder_toestemming"] == 2


def test_xlsform_matches_standard_questions():
    wb = load_workbook(TEMPLATES / "enquete_kobo_xlsform.xlsx")
    names = [r[1].value for r in wb["survey"].iter_rows(min_row=2)]
    assert "buurtcode" in names
    assert all(v.id in names for v in told.STANDAARD_VRAGEN)
    groups = [r[1].value for r in wb["survey"].iter_rows(min_row=2) if r[0].value == "begin_group"]
    assert groups == list(told.ENQUETE_THEMAS)
    choices = [(r[0].value, r[1].value) for r in wb["choices"].iter_rows(min_row=2)]
    assert choices == [("janee", "ja"), ("janee", "nee")] + [("eens5", i) for i in range(1, 6)]
    assert names[1] == "toestemming"  # consent first; the loaders drop respondents without 'ja' (#13.5)
