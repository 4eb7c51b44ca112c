"""Configuration: defaults, YAML files and bad configurations raising InputError naming the key."""

from __future__ import annotations

import numpy as np
import pytest

from wijklib.errors import InputError
from wijklib.urgency import DEFAULT_CONFIG_PATH, load_config, run_urgency, validate_config
from wijklib.urgency.inputs import prepare_indicators

from urgency_helpers import make_meta, quiet, wide_from

META = make_meta([
    ("a", "veiligheid", "hoger_is_slechter"),
    ("b", "wonen", "hoger_is_beter"),
    ("ctx", "samenstelling", "context"),
])
WIDE = wide_from({"a": [1.0, 2.0, 3.0, 4.0], "b": [4.0, 3.0, 2.0, 1.0], "ctx": [1.0, 2.0, 3.0, 4.0]})


def test_default_yaml_equals_pydantic_defaults():
    assert load_config(DEFAULT_CONFIG_PATH) == load_config(None)


def test_yaml_file_is_read(tmp_path):
    f = tmp_path / "u.yaml"
    f.write_text("normalisation:\n  method: percentile\nstacking:\n  quantile: 0.2\n", encoding="utf-8")
    cfg = load_config(f)
    assert cfg.normalisation.method == "percentile"
    assert cfg.stacking.quantile == 0.2
    assert cfg.reference.frame == "all"  # default kept


@pytest.mark.parametrize("data, key", [
    ({"normalisatie": {}}, "normalisatie"),
    ({"normalisation": {"methode": "zscore"}}, "normalisation.methode"),
    ({"normalisation": {"method": "robust"}}, "normalisation.method"),
    ({"reference": {"frame": "provincie"}}, "reference.frame"),
    ({"aggregation": {"method": "harmonic"}}, "aggregation.method"),
    ({"aggregation": {"floor": 0}}, "aggregation.floor"),
    ({"stacking": {"quantile": 1.5}}, "stacking.quantile"),
    ({"weights": {"indicators": {"a": -1}}}, "weights"),
    ({"uncertainty": {"normalisations": ["zscore", "rank"]}}, "uncertainty.normalisations.1"),
    ({"uncertainty": {"interval": [0.9, 0.1]}}, "uncertainty"),
])
def test_bad_config_names_key(data, key):
    with pytest.raises(InputError) as exc:
        load_config(data)
    assert exc.value.column == key
    assert key in str(exc.value)


def test_geometric_with_zscore_is_refused():
    with pytest.raises(InputError) as exc:
        load_config({"aggregation": {"method": "geometric"}})
    assert exc.value.column == "aggregation.method"
    # allowed with a positive scale
    assert load_config({"aggregation": {"method": "geometric"},
                        "normalisation": {"method": "percentile"}}).aggregation.method == "geometric"


def test_bad_yaml_file_names_file(tmp_path):
    f = tmp_path / "kapot.yaml"
    f.write_text("normalisation: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_config(f)
    assert exc.value.file == str(f)
    g = tmp_path / "lijst.yaml"
    g.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(InputError, match="mapping"):
        load_config(g)
    with pytest.raises(InputError, match="niet gevonden"):
        load_config(tmp_path / "bestaat_niet.yaml")


def test_unknown_key_in_yaml_file(tmp_path):
    f = tmp_path / "u.yaml"
    f.write_text("stacking:\n  quantile: 0.1\n  min_domeinen: 2\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_config(f)
    assert exc.value.column == "stacking.min_domeinen"
    assert exc.value.file == str(f)
    assert "onbekende sleutel" in str(exc.value)


@pytest.mark.parametrize("data, key", [
    ({"indicators": ["a", "zz"]}, "indicators"),
    ({"weights": {"indicators": {"zz": 1.0}}}, "weights.indicators.zz"),
    ({"weights": {"domains": {"onbekend": 1.0}}}, "weights.domains.onbekend"),
    ({"normalisation": {"targets": {"zz": 3.0}}}, "normalisation.targets.zz"),
    ({"stacking": {"absolute": {"zz": 3.0}}}, "stacking.absolute.zz"),
    ({"types": {"spike_indicators": ["zz"]}}, "types.spike_indicators"),
    ({"told": {"theme_domains": {"veilig": "onbekend"}}}, "told.theme_domains.veilig"),
    ({"indicators": ["ctx"]}, "indicators"),
    ({"weights": {"indicators": {"a": 0.0, "b": 0.0}}}, "weights"),
    ({"weights": {"domains": {"veiligheid": 0.0, "wonen": 0.0}}}, "weights"),
])
def test_config_checked_against_indicators(data, key):
    meta = prepare_indicators(META)
    with pytest.raises(InputError) as exc:
        validate_config(load_config(data), meta, available=["a", "b", "ctx"])
    assert exc.value.column == key


def test_weight_sum_zero_raises_in_run():
    with pytest.raises(InputError) as exc:
        run_urgency(WIDE, META, quiet(weights={"indicators": {"a": 0.0, "b": 0.0}}))
    assert exc.value.column == "weights"
    assert "som van de gewichten is 0" in str(exc.value)


def test_scored_indicators_default_excludes_context():
    meta = prepare_indicators(META)
    assert validate_config(load_config(None), meta, available=["a", "b", "ctx"]) == ["a", "b"]
    assert validate_config(load_config(None), meta, available=["b"]) == ["b"]
    with pytest.raises(InputError) as exc:
        validate_config(load_config({"indicators": ["a"]}), meta, available=["b"])
    assert exc.value.column == "indicators"


def test_with_updates_validates():
    cfg = load_config(None).with_updates(normalisation={"method": "minmax"})
    assert cfg.normalisation.method == "minmax"
    assert cfg.normalisation.targets == {}
    with pytest.raises(InputError):
        load_config(None).with_updates(normalisation={"method": "nope"})


@pytest.mark.parametrize("bad, column", [
    ({"indicator": ["a"], "domain": ["x"], "direction": ["omhoog"]}, "direction"),
    ({"indicator": ["a", "a"], "domain": ["x", "x"], "direction": ["context", "context"]}, "indicator"),
    ({"indicator": ["a"], "domain": ["x"], "direction": ["context"], "min_population": ["veel"]},
     "min_population"),
    ({"indicator": ["a"], "direction": ["context"]}, "domain"),
])
def test_bad_indicator_metadata(bad, column):
    import pandas as pd
    with pytest.raises(InputError) as exc:
        prepare_indicators(pd.DataFrame(bad))
    assert exc.value.column == column


def test_metadata_signs():
    m = prepare_indicators(META)
    assert m["sign"].tolist() == [1.0, -1.0, 0.0]
    assert np.isnan(m.at["a", "min_population"])
