"""Bad settings at every configuration entry point: urgency configuration, batch YAML, report template
parameters, geometry, process tracker and the ``wijk`` command line. Each case expects a named error (the key,
file or row) or a correct acceptance; nothing else (no traceback, no silent wrong value)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from wijklib import cli
from wijklib.errors import InputError
from wijklib.urgency import load_config

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
INF, NAN = float("inf"), float("nan")

# ------------------------------------------------------------------------------------------------ urgency config
# (settings, dotted key that the error must name)
BAD_URGENCY = [
    ({"uncertainty": {"draws": 1e11}}, "uncertainty.draws"),
    ({"uncertainty": {"draws": "1e11"}}, "uncertainty.draws"),
    ({"uncertainty": {"draws": 100_001}}, "uncertainty.draws"),
    ({"uncertainty": {"draws": -1}}, "uncertainty.draws"),
    ({"uncertainty": {"draws": True}}, "uncertainty.draws"),
    ({"uncertainty": {"draws": 10 ** 400}}, "uncertainty.draws"),
    ({"uncertainty": {"draws": 2.5}}, "uncertainty.draws"),
    ({"uncertainty": {"chunk_size": 10 ** 9}}, "uncertainty.chunk_size"),
    ({"uncertainty": {"top_k": 0}}, "uncertainty.top_k"),
    ({"uncertainty": {"top_k": 10 ** 7}}, "uncertainty.top_k"),
    ({"uncertainty": {"weight_noise": 1.0}}, "uncertainty.weight_noise"),
    ({"uncertainty": {"weight_noise": INF}}, "uncertainty.weight_noise"),
    ({"uncertainty": {"weight_noise": NAN}}, "uncertainty.weight_noise"),
    ({"uncertainty": {"interval": [0.9, 0.1]}}, "uncertainty"),
    ({"uncertainty": {"interval": [0.1, INF]}}, "uncertainty.interval.1"),
    ({"uncertainty": {"interval": [True, 0.5]}}, "uncertainty.interval"),
    ({"uncertainty": {"stacking_quantiles": [1.5]}}, "uncertainty"),
    ({"uncertainty": {"stacking_quantiles": [True]}}, "uncertainty.stacking_quantiles"),
    ({"uncertainty": {"normalisations": []}}, "uncertainty"),
    ({"uncertainty": {"normalisations": ["magie"]}}, "uncertainty.normalisations.0"),
    ({"uncertainty": {"seed": True}}, "uncertainty.seed"),
    ({"uncertainty": {"robust_in": 0.2}}, "uncertainty.robust_in"),
    ({"weights": {"domains": {"wonen": INF}}}, "weights.domains.wonen"),
    ({"weights": {"domains": {"wonen": -1}}}, "weights"),
    ({"weights": {"domains": {"wonen": NAN}}}, "weights.domains.wonen"),
    ({"weights": {"domains": {"wonen": True}}}, "weights.domains"),
    ({"weights": {"domains": {"wonen": "veel"}}}, "weights.domains.wonen"),
    ({"weights": {"indicators": {"woz_waarde": -INF}}}, "weights.indicators.woz_waarde"),
    ({"weights": {"indicators": {"woz_waarde": False}}}, "weights.indicators"),
    ({"weights": {"scheme": "willekeurig"}}, "weights.scheme"),
    ({"stacking": {"min_domains": True}}, "stacking.min_domains"),
    ({"stacking": {"min_domains": 0}}, "stacking.min_domains"),
    ({"stacking": {"min_domains": 1000}}, "stacking.min_domains"),
    ({"stacking": {"min_domains": 2.5}}, "stacking.min_domains"),
    ({"stacking": {"quantile": 0}}, "stacking.quantile"),
    ({"stacking": {"quantile": 1}}, "stacking.quantile"),
    ({"stacking": {"absolute": {"woz_waarde": NAN}}}, "stacking.absolute.woz_waarde"),
    ({"stacking": {"absolute": {"woz_waarde": True}}}, "stacking.absolute"),
    ({"reference": {"peers": {"k": 10 ** 6}}}, "reference.peers.k"),
    ({"reference": {"peers": {"k": 1}}}, "reference.peers.k"),
    ({"reference": {"peers": {"k": True}}}, "reference.peers.k"),
    ({"reference": {"frame": "heelal"}}, "reference.frame"),
    ({"focus": {"k": 0}}, "focus.k"),
    ({"focus": {"k": 10 ** 9}}, "focus.k"),
    ({"focus": {"k": False}}, "focus.k"),
    ({"focus": {"rule": "gok"}}, "focus.rule"),
    ({"focus": {"min_probability": 1.5}}, "focus.min_probability"),
    ({"focus": {"threshold": INF}}, "focus.threshold"),
    ({"normalisation": {"method": "magie"}}, "normalisation.method"),
    ({"normalisation": {"targets": {"woz_waarde": INF}}}, "normalisation.targets.woz_waarde"),
    ({"normalisation": {"targets": {"woz_waarde": True}}}, "normalisation.targets"),
    ({"normalisation": {"winsorise": {"lower": 0.6}}}, "normalisation.winsorise.lower"),
    ({"aggregation": {"floor": 0}}, "aggregation.floor"),
    ({"aggregation": {"floor": INF}}, "aggregation.floor"),
    ({"aggregation": {"method": "geometric"}}, "aggregation.method"),
    ({"told": {"min_n": 0}}, "told.min_n"),
    ({"told": {"min_n": True}}, "told.min_n"),
    ({"told": {"divergence_threshold": 0}}, "told.divergence_threshold"),
    ({"told": {"min_areas": 10 ** 9}}, "told.min_areas"),
    ({"trends": {"min_periods": 1}}, "trends.min_periods"),
    ({"trends": {"min_periods": 10 ** 6}}, "trends.min_periods"),
    ({"trends": {"threshold_sd_per_year": -0.1}}, "trends.threshold_sd_per_year"),
    ({"types": {"window_months": 0}}, "types.window_months"),
    ({"types": {"window_months": 10 ** 6}}, "types.window_months"),
    ({"types": {"spike_sd": INF}}, "types.spike_sd"),
    ({"diagnostics": {"correlation": 0}}, "diagnostics.correlation"),
    ({"missing": {"min_weight_share": 2}}, "missing.min_weight_share"),
    ({"missing": {"method": "raden"}}, "missing.method"),
    ({"small_population": {"index": "misschien"}}, "small_population.index"),
    ({"version": 2}, "version"),
    ({"onbekend": 1}, "onbekend"),
    ({"uncertainty": {"trekkingen": 5}}, "uncertainty.trekkingen"),
    ({"uncertainty": 5}, "uncertainty"),
]

GOOD_URGENCY = [
    ({"uncertainty": {"draws": 100_000}}, lambda c: c.uncertainty.draws == 100_000),
    ({"uncertainty": {"draws": 0}}, lambda c: c.uncertainty.draws == 0),
    ({"uncertainty": {"seed": None}}, lambda c: c.uncertainty.seed is None),
    ({"stacking": {"min_domains": 1}}, lambda c: c.stacking.min_domains == 1),
    ({"weights": {"domains": {"wonen": 0}}}, lambda c: c.weights.domains["wonen"] == 0),
    ({"weights": {"domains": {"wonen": 2}}}, lambda c: c.weights.domains["wonen"] == 2.0),
    ({"focus": {"merge_adjacent": False}}, lambda c: c.focus.merge_adjacent is False),
    ({"focus": {"k": 5}}, lambda c: c.focus.k == 5),
    ({"reference": {"peers": {"k": 20_000}}}, lambda c: c.reference.peers.k == 20_000),
    ({"uncertainty": {"interval": [0.1, 0.9]}}, lambda c: c.uncertainty.interval == (0.1, 0.9)),
    ({}, lambda c: c.uncertainty.draws == 1000),
]


@pytest.mark.parametrize("settings,key", BAD_URGENCY, ids=[k + f"-{i}" for i, (_, k) in enumerate(BAD_URGENCY)])
def test_bad_urgency_setting_is_named(settings, key):
    with pytest.raises(InputError) as exc:
        load_config(settings)
    assert exc.value.column == key, str(exc.value)
    assert len(str(exc.value)) < 400  # a 400-digit number is not echoed in full


@pytest.mark.parametrize("settings,check", GOOD_URGENCY, ids=[str(i) for i in range(len(GOOD_URGENCY))])
def test_good_urgency_setting_is_accepted(settings, check):
    assert check(load_config(settings))


URGENCY_FILES = [
    ("cp1252", "uncertainty:\n  draws: 100  # trekkingen voor de onzekerheidsanalyse, café\n".encode("cp1252"),
     "UTF-8"),
    ("ongeldig", b"uncertainty: [draws: 1\n", "YAML"),
    ("lijst", b"- 1\n- 2\n", "mapping"),
    ("inf", b"weights:\n  domains:\n    wonen: .inf\n", "eindig"),
    ("nan", b"uncertainty:\n  weight_noise: .nan\n", "eindig"),
    ("ja_als_getal", b"stacking:\n  min_domains: yes\n", "ja/nee"),
    ("exponent", b"uncertainty:\n  draws: 1.0e11\n", "hoogstens"),  # YAML 1.1 text, read as the number
    ("exponent_met_teken", b"uncertainty:\n  draws: 1.0e+11\n", "hoogstens"),
    ("binair", bytes(range(256)), ""),
]


@pytest.mark.parametrize("name,data,word", URGENCY_FILES, ids=[c[0] for c in URGENCY_FILES])
def test_bad_urgency_file_is_named(tmp_path, name, data, word):
    p = tmp_path / "urgentie.yaml"
    p.write_bytes(data)
    with pytest.raises(InputError) as exc:
        load_config(p)
    assert exc.value.file == str(p) and word in str(exc.value)


def test_urgency_file_that_is_a_folder_or_missing(tmp_path):
    for p in (tmp_path, tmp_path / "bestaat_niet.yaml"):
        with pytest.raises(InputError) as exc:
            load_config(p)
        assert exc.value.file == str(p)


def test_empty_urgency_file_gives_the_defaults(tmp_path):
    p = tmp_path / "urgentie.yaml"
    p.write_text("# nog niets ingesteld\n", encoding="utf-8")
    assert load_config(p) == load_config(None)


# ------------------------------------------------------------------------------------------------ batch YAML
def _batch_yaml(tmp_path: Path, text: str | bytes) -> Path:
    p = tmp_path / "batch.yaml"
    p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return p


DEMO_BATCH = {"areas": str(DEMO / "buurten.geojson"), "indicators": str(DEMO / "indicatoren.csv")}

BAD_BATCH = [
    ("cp1252", "areas: café.geojson\n".encode("cp1252"), "UTF-8", None),
    ("ongeldig", "areas: [\n", "YAML", None),
    ("lijst", "- areas\n", "verwacht", None),
    ("onbekende_sleutel", yaml.safe_dump({**DEMO_BATCH, "gebieden": "x"}), "onbekende sleutel", "gebieden"),
    ("zonder_areas", yaml.safe_dump({"indicators": DEMO_BATCH["indicators"]}), "verplicht", "areas"),
    ("zonder_indicators", yaml.safe_dump({"areas": DEMO_BATCH["areas"]}), "verplicht", "indicators"),
    ("lege_indicators", yaml.safe_dump({**DEMO_BATCH, "indicators": []}), "verplicht", "indicators"),
    ("stakeholders_geen_lijst", yaml.safe_dump({**DEMO_BATCH, "stakeholders": "map"}), "gebiedscode",
     "stakeholders"),
    ("quickscan_geen_lijst", yaml.safe_dump({**DEMO_BATCH, "quickscan": ["a"]}), "gebiedscode", "quickscan"),
]


@pytest.mark.parametrize("name,text,word,key", BAD_BATCH, ids=[c[0] for c in BAD_BATCH])
def test_bad_batch_yaml_is_named(tmp_path, name, text, word, key):
    from wijklib.reports import BatchInputs

    p = _batch_yaml(tmp_path, text)
    with pytest.raises(InputError) as exc:
        BatchInputs.from_yaml(p)
    assert exc.value.file == str(p) and word in str(exc.value)
    if key:
        assert exc.value.column == key


def test_batch_yaml_that_is_a_folder(tmp_path):
    from wijklib.reports import BatchInputs

    with pytest.raises(InputError) as exc:
        BatchInputs.from_yaml(tmp_path)
    assert exc.value.file == str(tmp_path)


@pytest.mark.parametrize("key,value", [("areas", "../elders/b.geojson"), ("indicators", ["c.csv", "../../x.csv"]),
                                       ("tracker", "sub/../../x"), ("stakeholders", {"WK990102": "../s"}),
                                       ("urgency_config", "../u.yaml")])
def test_batch_yaml_paths_may_not_leave_the_folder(tmp_path, key, value):
    from wijklib.reports import BatchInputs

    folder = tmp_path / "project"
    folder.mkdir()
    data = {"areas": "b.geojson", "indicators": ["c.csv"], key: value}
    p = _batch_yaml(folder, yaml.safe_dump(data))
    with pytest.raises(InputError) as exc:
        BatchInputs.from_yaml(p)
    assert exc.value.file == str(p) and str(exc.value.column).startswith(key) and "buiten" in str(exc.value)


def test_batch_yaml_absolute_paths_are_taken_on_purpose(tmp_path):
    from wijklib.reports import BatchInputs

    folder = tmp_path / "project"
    folder.mkdir()
    p = _batch_yaml(folder, yaml.safe_dump({"areas": str(tmp_path / "b.geojson"), "indicators": ["c.csv"]}))
    assert BatchInputs.from_yaml(p).areas == tmp_path / "b.geojson"


def test_batch_yaml_paths_relative_to_the_file(tmp_path):
    from wijklib.reports import BatchInputs

    shutil.copy(DEMO / "buurten.geojson", tmp_path / "b.geojson")
    p = _batch_yaml(tmp_path, "areas: b.geojson\nindicators: [c.csv]\n")
    inputs = BatchInputs.from_yaml(p)
    assert inputs.areas == tmp_path / "b.geojson" and inputs.indicators == (tmp_path / "c.csv",)


# ------------------------------------------------------------------------------------------------ template parameters
BAD_PARAMETERS = [
    ({"onbekend": 1}, "onbekend"),
    ({"area_code": {1, 2}}, "area_code"),
    ({"area_code": b"BU"}, "area_code"),
    ({"area_code": object()}, "area_code"),
    ({"language": [object()]}, "language"),
    ({"batch_dir": Path("/tmp")}, "batch_dir"),
]


@pytest.mark.parametrize("params,key", BAD_PARAMETERS, ids=[k + f"-{i}" for i, (_, k) in enumerate(BAD_PARAMETERS)])
def test_bad_template_parameter_is_named(params, key):
    import nbformat

    from wijklib.reports.kernel import inject_parameters
    from wijklib.reports.runner import DEFAULT_TEMPLATE

    nb = nbformat.read(DEFAULT_TEMPLATE, as_version=4)
    with pytest.raises(InputError) as exc:
        inject_parameters(nb, params)
    assert exc.value.column == key


@pytest.mark.parametrize("value", ["BU99010101", "x'); import os; os.remove('y'); ('", "\\\"\n#", 1e308, None,
                                   [1, "a", {"b": None}], float("nan")])
def test_template_parameters_are_literals_not_code(value):
    import ast

    import nbformat

    from wijklib.reports.kernel import inject_parameters
    from wijklib.reports.runner import DEFAULT_TEMPLATE

    nb = inject_parameters(nbformat.read(DEFAULT_TEMPLATE, as_version=4), {"area_code": value})
    cell = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    tree = ast.parse(cell.source)
    assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assign)  # one assignment, nothing else runs
    assert not any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(tree))


# ------------------------------------------------------------------------------------------------ geometry
def _geojson(tmp_path: Path, data: str | bytes, name: str = "buurten.geojson") -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def _square(code: str, x: float = 4.9) -> dict:
    return {"type": "Feature", "properties": {"code": code, "naam": "x"},
            "geometry": {"type": "Polygon", "coordinates": [[[x, 52.3], [x + 0.01, 52.3], [x + 0.01, 52.31],
                                                              [x, 52.31], [x, 52.3]]]}}


BAD_GEOMETRY = [
    ("leeg", b""),
    ("geen_json", b"dit is geen geojson"),
    ("json_lijst", b"[1, 2, 3]"),
    ("geen_features", json.dumps({"type": "FeatureCollection", "features": []})),
    ("code_ongeldig", json.dumps({"type": "FeatureCollection", "features": [_square("BU123")]})),
    ("code_pad", json.dumps({"type": "FeatureCollection", "features": [_square("../BU99010101")]})),
    ("dubbele_code", json.dumps({"type": "FeatureCollection",
                                 "features": [_square("BU99010101"), _square("BU99010101", 4.95)]})),
    ("zonder_code", json.dumps({"type": "FeatureCollection", "features": [
        {**_square("BU99010101"), "properties": {"naam": "x"}}]})),
    ("wijkcodes_als_buurten", json.dumps({"type": "FeatureCollection", "features": [_square("WK990101")]})),
    ("binair", bytes(range(256)) * 4),
]


@pytest.mark.parametrize("name,data", BAD_GEOMETRY, ids=[c[0] for c in BAD_GEOMETRY])
def test_bad_geometry_is_named(tmp_path, name, data):
    from wijklib.geo import load_areas

    p = _geojson(tmp_path, data)
    with pytest.raises(InputError) as exc:
        load_areas(p, level="buurt")
    assert exc.value.file == str(p) or p.name in str(exc.value)


def test_geometry_that_is_missing_or_a_folder(tmp_path):
    from wijklib.geo import load_areas

    for p in (tmp_path / "weg.geojson", tmp_path):
        with pytest.raises(InputError):
            load_areas(p, level="buurt")


# ------------------------------------------------------------------------------------------------ process tracker
def _tracker(tmp_path: Path, mutate) -> Path:
    src = DEMO / "tracker" / "WK990102.yaml"
    p = tmp_path / "WK990102.yaml"
    p.write_bytes(mutate(src.read_bytes()))
    return p


BAD_TRACKER = [
    ("leeg", lambda b: b""),
    ("ongeldige_yaml", lambda b: b"gebied: [\n"),
    ("lijst", lambda b: b"- 1\n"),
    ("binair", lambda b: bytes(range(256))),
    ("cp1252", lambda b: b.replace(b"gebied:", "gebied: # café\n_x: 1\n_gebied:".encode("cp1252"), 1)),
    ("onbekende_sleutel", lambda b: b + b"\nonbekend_veld: 1\n"),
]


@pytest.mark.parametrize("name,mutate", BAD_TRACKER, ids=[c[0] for c in BAD_TRACKER])
def test_bad_tracker_file_is_named(tmp_path, name, mutate):
    from wijklib.catalogue import load_catalogue
    from wijklib.readiness import ProcessTracker

    p = _tracker(tmp_path, mutate)
    before = p.read_bytes()
    with pytest.raises(InputError) as exc:
        ProcessTracker.load(p, cat=load_catalogue())
    assert exc.value.file == str(p) or p.name in str(exc.value)
    assert p.read_bytes() == before


def test_tracker_that_is_missing_or_a_folder(tmp_path):
    from wijklib.catalogue import load_catalogue
    from wijklib.readiness import ProcessTracker

    for p in (tmp_path / "WK990199.yaml", tmp_path):
        with pytest.raises(InputError):
            ProcessTracker.load(p, cat=load_catalogue())


# ------------------------------------------------------------------------------------------------ command line
USAGE = [
    [], ["rapport"], ["rapport", "--demo", "--config", "x.yaml"], ["rapport", "--demo", "--werkers", "veel"],
    ["rapport", "--demo", "--onbekend"], ["onbekend"], ["rapport", "--demo", "--jaar", "twintig"],
    ["rapport", "--config"], ["rapport", "--demo", "--werkers", "0"],
]


@pytest.mark.parametrize("argv", USAGE, ids=[" ".join(a) or "leeg" for a in USAGE])
def test_usage_errors_exit_102(argv, capsys):
    assert cli.main(argv) == cli.EXIT_USAGE == 102
    assert "Traceback" not in capsys.readouterr().err


def _cp1252_config(tmp_path: Path) -> list[str]:
    p = tmp_path / "batch.yaml"
    p.write_bytes("areas: café.geojson\nindicators: x.csv\n".encode("cp1252"))
    return ["--config", str(p)]


BAD_INPUT_CLI = [
    ("config_ontbreekt", lambda t: ["--config", str(t / "weg.yaml")], "niet gevonden"),
    ("config_cp1252", _cp1252_config, "UTF-8"),
    ("config_map", lambda t: ["--config", str(t)], "map"),
    ("taal", lambda t: ["--demo", "--taal", "xx"], "taal"),
    ("gebied_ongeldig", lambda t: ["--demo", "--gebieden", "BU123"], "BU123"),
    ("gebied_onbekend", lambda t: ["--demo", "--gebieden", "BU99019999"], "BU99019999"),
    ("focus_ontbreekt", lambda t: ["--demo", "--focus", str(t / "weg.csv")], "weg.csv"),
]


@pytest.mark.parametrize("name,args,word", BAD_INPUT_CLI, ids=[c[0] for c in BAD_INPUT_CLI])
def test_bad_input_exits_101_with_a_named_error(tmp_path, capsys, name, args, word):
    out = tmp_path / "uit"
    status = cli.main(["rapport", *args(tmp_path), "--uit", str(out), "--stil"])
    err = capsys.readouterr().err
    assert status == cli.EXIT_INPUT_ERROR == 101, err
    assert word in err and "Traceback" not in err
    assert not (out / "buurten").exists() or not any((out / "buurten").iterdir())  # no report half-made
