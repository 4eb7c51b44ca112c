"""CBS markers and impossible values are never read as values (issue #13, item 2)."""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wijklib.counted import apply_ranges, clean_values, read_counted
from wijklib.errors import InputError, InputWarning
from wijklib.indicators import ValueRange, default_range, load_indicators

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


def _read(tmp_path: Path, cell: str, column: str = "woz_waarde",
          good: str = "250") -> tuple[pd.DataFrame, list[InputWarning]]:
    path = tmp_path / "indicatoren.csv"
    path.write_text(f"code,jaar,inwoners,{column}\nBU99010101,2024,1200,{good}\nBU99010102,2024,900,{cell}\n",
                    encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tidy = read_counted(path)
    return tidy, [w.message for w in caught if isinstance(w.message, InputWarning)]


def _cell(tidy: pd.DataFrame, code: str = "BU99010102", indicator: str = "woz_waarde") -> pd.Series:
    return tidy[(tidy["area_code"] == code) & (tidy["indicator"] == indicator)].iloc[0]


# value written in the file -> expected status; each one must give a warning naming file, row 2 and the column
NOT_A_VALUE = [
    ("-99999999", "geheim"), ("-99999997", "geheim"), ("-99999998", "geheim"), ("-99997", "geheim"),
    ("-99999999.0", "geheim"), ("-99.999.999", "geheim"), ('"-99999999,0"', "geheim"),
    ("inf", "ontbreekt"), ("-inf", "ontbreekt"), ("Infinity", "ontbreekt"), ("1e308", "ontbreekt"),
    ("1e400", "ontbreekt"), ("9" * 400, "ontbreekt"), ("-5", "ontbreekt"), ("0", "ontbreekt"),
    ("1e13", "ontbreekt"), ("-0.001", "ontbreekt"),
]


@pytest.mark.parametrize("cell,status", NOT_A_VALUE, ids=[c[:20] for c, _ in NOT_A_VALUE])
def test_markers_and_impossible_values_are_never_values(tmp_path, cell, status):
    tidy, warns = _read(tmp_path, cell)
    row = _cell(tidy)
    assert row["status"] == status and np.isnan(row["value"])
    assert _cell(tidy, "BU99010101")["value"] == 250.0  # the good row is untouched
    assert len(warns) == 1
    w = warns[0]
    assert w.file.endswith("indicatoren.csv") and w.rows == [3] and w.column == "woz_waarde"
    assert "rij 3" in str(w) and "woz_waarde" in str(w)


SIGNS = [(".", "geheim"), ("x", "geheim"), ("X", "geheim"), ("?", "ontbreekt"), ("-", "ontbreekt"),
         ("", "ontbreekt"), ("NA", "ontbreekt"), ("nan", "ontbreekt")]


@pytest.mark.parametrize("cell,status", SIGNS)
def test_cbs_signs_are_statuses_without_warning(tmp_path, cell, status):
    tidy, warns = _read(tmp_path, cell)
    assert _cell(tidy)["status"] == status and np.isnan(_cell(tidy)["value"])
    assert warns == []


RANGES = [
    ("koopwoningen_pct", "100", True), ("koopwoningen_pct", "100.5", False), ("koopwoningen_pct", "0", True),
    ("koopwoningen_pct", "-1", False), ("bijstand_per_1000", "1500", True), ("bijstand_per_1000", "-2", False),
    ("stedelijkheid", "5", True), ("stedelijkheid", "6", False), ("stedelijkheid", "0", False),
    ("woz_waarde", "0.5", True), ("inkomen_per_inwoner", "0", False), ("inwoners_65plus", "-3", False),
    ("afstand_huisarts_km", "-0.2", False), ("afstand_huisarts_km", "0", True),
]


@pytest.mark.parametrize("column,cell,kept", RANGES)
def test_plausible_range_per_indicator(tmp_path, column, cell, kept):
    tidy, warns = _read(tmp_path, cell, column=column, good="1")
    row = _cell(tidy, indicator=column)
    if kept:
        assert row["status"] == "waarde" and row["value"] == float(cell) and warns == []
    else:
        assert row["status"] == "ontbreekt" and np.isnan(row["value"])
        assert len(warns) == 1 and "keuze van wijklib" in str(warns[0]) and warns[0].column == column


@pytest.mark.parametrize("cell", ["0x10", "1_000", "12abc", "€ 300", '"1.2.3,4,5"', "--5", "1.2.3"])
def test_text_that_is_no_number_is_a_named_error(tmp_path, cell):
    with pytest.raises(InputError) as exc:
        _read(tmp_path, cell)
    assert exc.value.row == 3 and exc.value.column == "woz_waarde" and "geen getal" in str(exc.value)


def test_every_catalogue_indicator_has_a_range_in_the_yaml():
    cat = load_indicators()
    missing = [ind.id for ind in cat if ind.range is None]
    assert missing == []
    assert cat["koopwoningen_pct"].plausible_range == ValueRange(min=0, max=100)
    assert cat["woz_waarde"].plausible_range.above == 0


def test_clean_values_for_own_indicators_names_rows():
    values = np.array([5.0, -99999999.0, np.inf, 120.0, np.nan])
    status = np.array(["waarde"] * 4 + ["ontbreekt"], dtype=object)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        v, s = clean_values(values, status, value_range=default_range("pct"), file="eigen.csv", column="x")
    assert v[0] == 5.0 and np.isnan(v[1:]).all()
    assert list(s) == ["waarde", "geheim", "ontbreekt", "ontbreekt", "ontbreekt"]
    rows = [w.message.rows for w in caught]
    assert rows == [[2], [3], [4]]


def test_apply_ranges_on_a_tidy_table():
    tidy = pd.DataFrame({"area_code": ["BU99010101", "BU99010102"], "indicator": ["eigen", "eigen"],
                         "period": [2024, 2024], "value": [50.0, 250.0], "status": ["waarde", "waarde"]})
    with pytest.warns(InputWarning, match="buiten het aannemelijke bereik"):
        out = apply_ranges(tidy, {"eigen": ValueRange(min=0, max=100)})
    assert out["value"].iloc[0] == 50.0 and np.isnan(out["value"].iloc[1])
    assert out["status"].tolist() == ["waarde", "ontbreekt"]
    assert tidy["value"].iloc[1] == 250.0  # input not changed


def test_bad_range_in_catalogue_is_named(tmp_path):
    text = (Path(__file__).resolve().parents[2] / "wijklib" / "indicators" / "data" / "indicators.yaml").read_text(
        encoding="utf-8")
    bad = text.replace("range: {min: 0, max: 100}", "range: {min: 100, max: 0}", 1)
    p = tmp_path / "cat.yaml"
    p.write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_indicators(p)
    assert "range" in str(exc.value.column) and "ondergrens" in str(exc.value)


@pytest.fixture(scope="module")
def sabotaged_demo(tmp_path_factory):
    """The demo gemeente with CBS codes and impossible values in its counted table."""
    from wijklib.analysis import load_demo, run_analysis

    d = tmp_path_factory.mktemp("demo")
    for p in DEMO.iterdir():
        if p.is_file():
            shutil.copy(p, d / p.name)
    df = pd.read_csv(d / "indicatoren.csv", dtype=str, keep_default_na=False)
    rows = df.index[(df["code"].str.startswith("BU")) & (df["jaar"] == "2024")]
    df.loc[rows[0], "woz_waarde"] = "-99999999"
    df.loc[rows[1], "woz_waarde"] = "-99999997"
    df.loc[rows[2], "bijstand_per_1000"] = "1e308"
    df.loc[rows[3], "koopwoningen_pct"] = "inf"
    df.to_csv(d / "indicatoren.csv", index=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ws = load_demo(d)
        result = run_analysis(ws, overrides={"uncertainty": {"draws": 50}})
    codes = [df.loc[r, "code"] for r in rows[:4]]
    return ws, result, codes, [w.message for w in caught if isinstance(w.message, InputWarning)]


def test_demo_with_cbs_codes_never_scores_them(sabotaged_demo, tmp_path):
    from wijklib.analysis import save_results

    ws, result, codes, warns = sabotaged_demo
    assert len(warns) >= 3
    c = result.contributions.reset_index()
    sabotaged = c[c["area_code"].isin(codes) & c["indicator"].isin(["woz_waarde", "bijstand_per_1000",
                                                                    "koopwoningen_pct"])]
    assert sabotaged["value"].isna().any()
    numeric = c.select_dtypes("number")
    assert np.isfinite(numeric.to_numpy(dtype=float)[~np.isnan(numeric.to_numpy(dtype=float))]).all()
    for frame in (result.scores, result.contributions):
        num = frame.select_dtypes("number").to_numpy(dtype=float)
        assert not (np.abs(num[~np.isnan(num)]) >= 99_999_997).any()
    files = save_results(result, tmp_path)
    for p in files.values():
        if Path(p).suffix in (".csv", ".json"):
            text = Path(p).read_text(encoding="utf-8")
            assert not re.search(r"-9999999\d|-99997\b|e\+?308|\binf\b", text, re.I), p


@pytest.mark.parametrize("value", [-99999999.0, -99999997.0, np.inf, -np.inf, 1e308])
def test_tidy_table_with_cbs_codes_as_values_is_refused(value):
    from wijklib.counted import validate_tidy

    tidy = pd.DataFrame({"area_code": ["BU99010101", "BU99010102"], "indicator": ["woz_waarde"] * 2,
                         "period": [2024, 2024], "value": [250.0, value], "status": ["waarde", "waarde"]})
    with pytest.raises(InputError) as exc:
        validate_tidy(tidy)
    assert exc.value.row == 2 and exc.value.column == "value"
