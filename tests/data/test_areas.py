"""CBS region codes: parsing, levels, hierarchy, validation; checked on the real 2024 code list."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from wijklib.areas import (
    AreaCode,
    check_known_codes,
    gemeente_of,
    hierarchy,
    is_valid_code,
    level_of,
    normalise_code,
    parent_of,
    parse_code,
    validate_codes,
    wijk_of,
)
from wijklib.errors import InputError


@pytest.mark.parametrize("code,level,wijk,gemeente", [
    ("NL00", "land", None, None),
    ("GM0363", "gemeente", None, "GM0363"),
    ("WK036300", "wijk", "WK036300", "GM0363"),
    ("WK0363AA", "wijk", "WK0363AA", "GM0363"),
    ("BU03630000", "buurt", "WK036300", "GM0363"),
    ("BU0363AA01", "buurt", "WK0363AA", "GM0363"),
    ("BU16800109", "buurt", "WK168001", "GM1680"),
])
def test_parse_levels_and_hierarchy(code, level, wijk, gemeente):
    parsed = parse_code(code)
    assert parsed == AreaCode(code, level, wijk, gemeente)
    assert level_of(code) == level and wijk_of(code) == wijk and gemeente_of(code) == gemeente


def test_parent_chain_from_buurt_to_country():
    chain = ["BU0363AA01"]
    while (p := parent_of(chain[-1])) is not None:
        chain.append(p)
    assert chain == ["BU0363AA01", "WK0363AA", "GM0363", "NL00"]


def test_padding_and_case_are_normalised():
    assert normalise_code('"GM1680    "') == "GM1680"
    assert parse_code(" bu0363aa01 ").code == "BU0363AA01"
    assert normalise_code(None) == "" and normalise_code(float("nan")) == ""


@pytest.mark.parametrize("bad", ["GM363", "GM03630", "WK0363A", "BU036300", "XX0363", "", "BU0363-A01", "363"])
def test_invalid_codes(bad):
    assert not is_valid_code(bad)
    with pytest.raises(InputError):
        parse_code(bad)


def test_parse_error_says_what_was_expected():
    with pytest.raises(InputError, match=r"'WK0363A' is geen geldige wijkcode \(verwacht bijvoorbeeld WK036300"):
        parse_code("WK0363A")
    with pytest.raises(InputError, match="begint niet met NL, GM, WK of BU"):
        parse_code("PC1012")


def test_hierarchy_frame():
    frame = hierarchy(["BU0363AA01", "WK036300", "GM0014", "NL00"])
    assert list(frame.columns) == ["area_code", "level", "wijk_code", "gemeente_code"]
    assert frame["level"].tolist() == ["buurt", "wijk", "gemeente", "land"]
    assert frame["wijk_code"].tolist()[:2] == ["WK0363AA", "WK036300"]
    assert frame["gemeente_code"].tolist()[:3] == ["GM0363", "GM0363", "GM0014"]
    assert pd.isna(frame.loc[3, "gemeente_code"])


def test_validate_codes_returns_normalised_and_checks_level():
    out = validate_codes(["BU03630000 ", "bu0363aa01"], level="buurt")
    assert out.tolist() == ["BU03630000", "BU0363AA01"]
    with pytest.raises(InputError, match=r"verkeerde niveau.*verwacht buurt.*1x wijk.*'WK036300'.*rij 2"):
        validate_codes(["BU03630000", "WK036300"], level="buurt", file="x.csv", column="code")


def test_validate_codes_duplicates_and_invalid_rows():
    with pytest.raises(InputError, match=r"BU03630000 \(rijen 1, 3\)"):
        validate_codes(["BU03630000", "BU03630001", "BU03630000"])
    with pytest.raises(InputError, match=r"rij 2: code 'GM36'"):
        validate_codes(["GM0363", "GM36"], file="a.csv", column="code")
    validate_codes(["GM0363", "GM0363"], unique=False)  # allowed when asked


def test_check_known_codes():
    assert check_known_codes(["BU03630000"], ["BU03630000", "BU03630001"]) == []
    with pytest.raises(InputError, match=r"2 onbekende gebiedscode\(s\).*BU03639998, BU03639999"):
        check_known_codes(["BU03630000", "BU03639999", "BU03639998"], ["BU03630000"], what="de buurtkaart 2019")
    assert check_known_codes(["BU03639999"], [], max_unknown=1) == ["BU03639999"]


def test_all_real_2024_codes_parse(shared_data):
    raw = pd.read_csv(shared_data / "cbs" / "kwb_2024_bevolking_geslacht_leeftijd_statline.csv", sep=";",
                      dtype=str, encoding="utf-8-sig")
    codes = validate_codes(raw["Regioaanduiding/Codering (code)"])
    frame = hierarchy(codes)
    assert frame["level"].value_counts().to_dict() == {"buurt": 14574, "wijk": 3393, "gemeente": 342, "land": 1}
    # the CBS 'Soort regio' column agrees with the level derived from the code
    soort = raw["Regioaanduiding/Soort regio (omschrijving)"].str.strip().str.lower()
    assert (soort.to_numpy() == frame["level"].to_numpy()).all()
    # every buurt's wijk and every wijk's gemeente exist in the same table
    assert set(frame.loc[frame.level == "buurt", "wijk_code"]) <= set(frame.loc[frame.level == "wijk", "area_code"])
    assert set(frame.loc[frame.level == "wijk", "gemeente_code"]) <= set(
        frame.loc[frame.level == "gemeente", "area_code"])


def test_amsterdam_letter_codes(buurten_ams_gemeente):
    gdf = buurten_ams_gemeente
    assert len(gdf) == 518
    assert gdf["area_code"].str.fullmatch(r"BU0363[A-Z]{2}\d{2}").all()
    assert (gdf["wijk_code"] == "WK0363" + gdf["area_code"].str[6:8]).all()
    assert set(gdf["gemeente_code"]) == {"GM0363"}
    assert gdf.set_index("area_code").loc["BU0363AA01", "wijk_code"] == "WK0363AA"
    assert re.fullmatch(r"[A-Z]{2}", gdf["wijk_code"].str[6:8].iloc[0])
