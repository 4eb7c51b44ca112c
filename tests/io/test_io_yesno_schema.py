"""wijklib.io.yesno (one yes/no vocabulary) and wijklib.io.schema (the tidy counted-table schema)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wijklib.errors import InputError
from wijklib.io.schema import TIDY_SCHEMA, validate_table
from wijklib.io.yesno import NO_WORDS, YES_WORDS, is_yes, parse_consent, parse_yes_no


@pytest.mark.parametrize("value", ["ja", " JA ", "j", "Yes", "y", "true", "waar", "1", "x", "X", "\u2713", True, 1,
                                   1.0])
def test_yes_spellings(value):
    assert parse_yes_no(value) is True and is_yes(value)


@pytest.mark.parametrize("value", ["nee", "Nee ", "n", "no", "FALSE", "onwaar", "0", "niet", False, 0, 0.0])
def test_no_spellings(value):
    assert parse_yes_no(value) is False and not is_yes(value)


def test_empty_and_unknown():
    for empty in ("", "  ", None, float("nan"), "nan", "n/a"):
        assert parse_yes_no(empty) is None
        assert parse_yes_no(empty, empty=False) is False
    with pytest.raises(ValueError, match="verwacht ja of nee, niet 'misschien'"):
        parse_yes_no("misschien")
    assert not is_yes("misschien")
    assert not YES_WORDS & NO_WORDS


@pytest.mark.parametrize("value,expected", [("Ik ga akkoord.", True), ("akkoord", True), ("ja", True), ("1.0", True),
                                            ("Geen toestemming", False), ("", False), ("nee", False),
                                            ("misschien", None)])
def test_consent(value, expected):
    assert parse_consent(value) is expected


def test_every_parser_uses_the_one_vocabulary():
    from wijklib.stakeholders.io import _parse_bool
    from wijklib.training.network import _yes

    for word in YES_WORDS:
        assert _parse_bool(word) is True and _yes(word, table="t", row=1, column="c") is True
    for word in NO_WORDS:
        assert _parse_bool(word) is False and _yes(word, table="t", row=1, column="c") is False
    with pytest.raises(InputError) as err:
        _yes("soms", table="actoren", row=3, column="persoon")
    assert (err.value.file, err.value.row, err.value.column) == ("actoren", 3, "persoon")


def _tidy(**changes):
    df = pd.DataFrame({"area_code": ["BU1", "BU2", "BU3"], "indicator": ["inwoners"] * 3, "period": [2024] * 3,
                       "value": [10.0, np.nan, np.nan], "status": ["waarde", "geheim", "ontbreekt"]})
    for col, (row, value) in changes.items():
        df[col] = df[col].astype(object)
        df.loc[row, col] = value
    return df


def test_a_valid_tidy_table_passes():
    validate_table(_tidy(), TIDY_SCHEMA, name="t.csv")


@pytest.mark.parametrize("changes,row,column,words", [
    ({"status": (1, "verborgen")}, 2, "status", "onbekende status 'verborgen'"),
    ({"period": (2, "2024a")}, 3, "period", "geen getal"),
    ({"period": (0, 2024.5)}, 1, "period", "geheel getal"),
    ({"value": (0, "veel")}, 1, "value", "geen getal"),
    ({"value": (1, 3.0)}, 2, "value", "spreken elkaar tegen"),
    ({"value": (0, -99999999.0)}, 1, "value", "CBS-code"),
    ({"value": (0, np.inf)}, 1, "value", "onmogelijk"),
])
def test_violations_name_file_row_and_column(changes, row, column, words):
    with pytest.raises(InputError) as err:
        validate_table(_tidy(**changes), TIDY_SCHEMA, name="t.csv")
    assert (err.value.file, err.value.row, err.value.column) == ("t.csv", row, column)
    assert words in str(err.value)


def test_missing_column_suggests_and_duplicates_are_named():
    with pytest.raises(InputError, match="kolom 'status' ontbreekt. Bedoelt u 'Status'") as err:
        validate_table(_tidy().rename(columns={"status": "Status"}), TIDY_SCHEMA, name="t.csv")
    assert err.value.column == "status"
    dup = _tidy(area_code=(1, "BU1"), value=(1, 5.0), status=(1, "waarde"))
    with pytest.raises(InputError, match="2 dubbele rijen.*BU1, inwoners, 2024"):
        validate_table(dup, TIDY_SCHEMA, name="t.csv")
    with pytest.raises(InputError, match="verwacht een pandas DataFrame"):
        validate_table([1, 2], TIDY_SCHEMA)


def test_counted_validates_through_the_schema():
    from wijklib.counted import validate_tidy

    with pytest.raises(InputError) as err:
        validate_tidy(_tidy(status=(2, "?")), name="eigen.csv")
    assert (err.value.file, err.value.row, err.value.column) == ("eigen.csv", 3, "status")
