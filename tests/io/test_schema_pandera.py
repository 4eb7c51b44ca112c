"""wijklib.io.schema on pandera: the Dutch translation of pandera's failure cases, lazily imported."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from wijklib.errors import InputError
from wijklib.io.schema import TIDY_COLUMNS, TIDY_SCHEMA, validate_table


def _tidy(n: int = 4) -> pd.DataFrame:
    return pd.DataFrame({"area_code": [f"BU{i}" for i in range(n)], "indicator": ["inwoners"] * n,
                         "period": [2024] * n, "value": [10.0] * n, "status": ["waarde"] * n})


def _error(df: pd.DataFrame) -> InputError:
    with pytest.raises(InputError) as err:
        validate_table(df, TIDY_SCHEMA, name="t.csv")
    return err.value


def test_the_schema_is_a_pandera_schema_of_the_tidy_columns():
    import pandera.pandas as pa

    schema = TIDY_SCHEMA.to_pandera()
    assert isinstance(schema, pa.DataFrameSchema)
    assert list(schema.columns) == TIDY_COLUMNS
    assert TIDY_SCHEMA.to_pandera() is schema  # built once


def test_importing_wijklib_does_not_import_pandera():
    code = "import sys, wijklib, wijklib.io, wijklib.counted; print('pandera' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_rows_are_positions_also_with_another_index():
    df = _tidy().set_axis([40, 30, 20, 10])
    df.loc[20, "status"] = "verborgen"
    err = _error(df)
    assert (err.file, err.row, err.column) == ("t.csv", 3, "status")


def test_the_first_offending_row_of_a_column_is_named():
    df = _tidy()
    df["period"] = df["period"].astype(object)
    df.loc[[1, 3], "period"] = ["2024a", "twee"]
    err = _error(df)
    assert err.row == 2 and "'2024a'" in str(err)


def test_violations_are_reported_in_a_fixed_order():
    df = _tidy()
    df.loc[0, "area_code"] = "BU1"  # duplicate key
    df.loc[3, "value"] = np.nan  # a row rule: 'waarde' without a number
    assert "dubbele rijen" in str(_error(df))  # the key before the row rules
    df.loc[2, "status"] = "onbekend"
    err = _error(df)
    assert (err.row, err.column) == (3, "status")  # allowed values before everything else
    assert "onbekende status 'onbekend'" in str(err)


def test_duplicates_are_counted_over_the_whole_table():
    df = _tidy(6)
    df.loc[[2, 4], "area_code"] = "BU0"
    df.loc[5, "area_code"] = "BU3"
    err = _error(df)
    assert str(err).startswith("t.csv: 5 dubbele rijen voor dezelfde (gebied, indicator, periode), bijv. BU0, ")


def test_yes_no_in_a_number_column_names_the_column_without_a_row():
    df = _tidy()
    df["value"] = True
    err = _error(df)
    assert (err.row, err.column) == (None, "value") and "geen ja/nee" in str(err)


def test_pandera_settings_of_the_environment_do_not_switch_the_check_off():
    from pandera.config import ValidationDepth, config_context

    df = _tidy()
    df.loc[1, "status"] = "verborgen"
    with config_context(validation_enabled=False, validation_depth=ValidationDepth.SCHEMA_ONLY):
        assert _error(df).row == 2


def test_a_check_that_cannot_run_is_an_input_error():
    df = _tidy()
    df["area_code"] = [["BU0"], ["BU1"], ["BU2"], ["BU3"]]  # unhashable: the key check cannot run
    err = _error(df)
    assert err.file == "t.csv" and "kon niet worden gecontroleerd" in str(err)
