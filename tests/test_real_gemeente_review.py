"""Findings of a municipal analyst on real gemeenten (issue #12), checked on the real CBS tables.

These tests use the ``shared_data`` fixture: they fail (not skip) under CI when ``../shared/data`` is missing.
"""

from __future__ import annotations

import pandas as pd
import pytest

from wijklib.cli import main

DERIVED = "derived/kwb_2024_selectie_misdrijven_gezondheid_woonikveilig.csv"
POPULATION = "cbs/kwb_2024_bevolking_tidy.csv"


def _analyse(shared_data, tmp_path, gm: str, *extra: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    out = tmp_path / gm
    assert main(["analyse", "--gemeente", gm, "--cijfers", str(shared_data / DERIVED),
                 str(shared_data / POPULATION), "--uit", str(out), "--trekkingen", "10", *extra]) == 0
    return (pd.read_csv(out / "scores.csv", dtype={"area_code": str}),
            pd.read_csv(out / "focusgebieden.csv", dtype={"area_code": str}))


@pytest.mark.parametrize("gm", ["GM0088", "GM0096"])
def test_national_reference_judges_percentile_worst_class_and_focus_against_the_country(shared_data, tmp_path, gm):
    scores, focus = _analyse(shared_data, tmp_path, gm, "--referentie", "nationaal")
    scored = scores[scores["index"].notna()]
    assert len(scored) == 1  # one buurt with an index: within the gemeente it is always rank 1
    row = scored.iloc[0]
    assert row["rank"] == 1
    assert row["reference_n_ranked"] > 10_000
    assert row["rank_reference"] > 1_000
    assert 20 < row["index_percentile"] < 80  # not 50 by construction, and not in the top of the country
    assert not scores["in_worst_class"].any()
    assert focus.empty


def test_own_gemeente_reference_keeps_rank_and_reference_rank_equal(shared_data, tmp_path):
    scores, _ = _analyse(shared_data, tmp_path, "GM0088")
    scored = scores[scores["index"].notna()]
    assert (scored["rank"] == scored["rank_reference"]).all()
    assert (scored["reference_n_ranked"] == len(scored)).all()
