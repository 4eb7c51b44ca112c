"""Fast tests of the report runner's building blocks (no kernels)."""

from __future__ import annotations

import json

import nbformat
import pytest

from wijklib.cli import EXIT_INPUT_ERROR, EXIT_USAGE, main
from wijklib.errors import InputError
from wijklib.geo import load_areas
from wijklib.focus_file import focus_codes
from wijklib.reports import BatchInputs, inject_parameters, parameter_names, select_areas
from wijklib.reports._util import atomic_write_text, dumps
from wijklib.reports.export import OfflineHTMLError, external_resources, offline_html
from wijklib.reports.figures import fmt
from wijklib.reports.inputs import DEMO_DIR
from wijklib.reports.kernel import normalise_outputs
from wijklib.reports.runner import DEFAULT_TEMPLATE
from wijklib.reports.view import load_report


@pytest.fixture(scope="module")
def buurten():
    return load_areas(DEMO_DIR / "buurten.geojson", level="buurt")


def test_select_by_gemeente_wijk_list_and_union(buurten):
    assert len(select_areas(buurten)) == 30
    assert len(select_areas(buurten, gemeente="GM9901")) == 30
    zuiderveld = select_areas(buurten, wijk="WK990102")
    assert len(zuiderveld) == 9 and all(c.startswith("BU990102") for c in zuiderveld)
    mixed = select_areas(buurten, codes="BU99010401, WK990101", wijk=["WK990102"])
    assert len(mixed) == 1 + 6 + 9 and mixed == sorted(mixed)


def test_select_unknown_code_names_it(buurten):
    with pytest.raises(InputError) as exc:
        select_areas(buurten, codes=["BU99010201", "BU12345678"])
    assert "BU12345678" in str(exc.value)


def test_focus_csv_respects_decision_column(tmp_path, buurten):
    path = tmp_path / "focus.csv"
    path.write_text("area_code;name;decision\nBU99010201;Merelhof;ja\nBU99010202;Kievitshof;\n"
                    "BU99010208;Koolmeesbuurt;nee\n", encoding="utf-8")
    assert focus_codes(path) == ["BU99010201", "BU99010202"]  # 'nee' drops the row, empty (open) keeps it
    path.write_text("buurtcode,naam\nBU99010202,Kievitshof\nBU99010201,Merelhof\n", encoding="utf-8")
    assert select_areas(buurten, focus=path) == ["BU99010201", "BU99010202"]
    path.write_text("naam\nMerelhof\n", encoding="utf-8")
    with pytest.raises(InputError, match="geen kolom met gebiedscodes"):
        focus_codes(path)


def test_inject_parameters_after_parameters_cell_and_rejects_unknown():
    nb = nbformat.read(DEFAULT_TEMPLATE, as_version=4)
    assert parameter_names(nb) == ["area_code", "batch_dir", "language"]
    out = inject_parameters(nb, {"area_code": "BU99010201", "batch_dir": "/x"})
    pos = next(i for i, c in enumerate(out.cells) if "parameters" in c.metadata.get("tags", []))
    injected = out.cells[pos + 1]
    assert injected.metadata["tags"] == ["injected-parameters"]
    assert "area_code = 'BU99010201'" in injected.source and "batch_dir = '/x'" in injected.source
    assert len(out.cells) == len(nb.cells) + 1  # the original is not changed
    with pytest.raises(InputError, match="onbekende parameter"):
        inject_parameters(nb, {"gebied": "BU99010201"})
    with pytest.raises(InputError, match="alleen tekst"):
        inject_parameters(nb, {"area_code": object()})


def test_papermill_reads_every_parameter_with_its_help():
    pm = pytest.importorskip("papermill")
    params = pm.inspect_notebook(str(DEFAULT_TEMPLATE))  # a parse problem would drop the parameter
    assert list(params) == ["area_code", "batch_dir", "language"]
    assert all(p["help"] and p["inferred_type_name"] == "str" for p in params.values())


def test_template_is_thin_and_starts_with_a_title():
    nb = nbformat.read(DEFAULT_TEMPLATE, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert "leestijd: ca. 5 minuten" in first.source.lower()
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.get("outputs") for c in code)
    assert max(len(c.source.splitlines()) for c in code) <= 4  # formatting only; work is in wijklib


def test_offline_html_removes_cdn_scripts_and_refuses_remote_images():
    page = ('<html><head><script src="https://cdn.example/require.js"></script>'
            '<link rel="stylesheet" href="//cdn.example/x.css"><style>/* see https://example.org */ a{}</style>'
            '</head><body><a href="https://example.org">link</a></body></html>')
    clean = offline_html(page)
    assert external_resources(clean) == [] and "require.js" not in clean and "example.org */" not in clean
    assert '<a href="https://example.org">' in clean  # a plain link is not a resource
    with pytest.raises(OfflineHTMLError, match="internet"):
        offline_html('<img src="https://example.org/a.png">')


def test_normalise_outputs_ignores_run_specific_details():
    def nb(addr, when, count):
        cell = nbformat.v4.new_code_cell("x")
        cell.execution_count = count
        cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": f"<obj at {addr}> {when}"},
                                               execution_count=count)]
        return nbformat.v4.new_notebook(cells=[cell])

    a = nb("0x7f3a2b1c9d00", "2024-05-01T10:00:00Z", 3)
    b = nb("0x7f0000000001", "2025-01-02T11:12:13Z", 9)
    assert normalise_outputs(a) == normalise_outputs(b)
    c = nb("0x7f0000000001", "2025-01-02T11:12:13Z", 9)
    c.cells[0].outputs[0]["data"]["text/plain"] += " anders"
    assert normalise_outputs(a) != normalise_outputs(c)


def test_batch_inputs_from_mapping_checks_keys(tmp_path):
    with pytest.raises(InputError, match="onbekende sleutel 'buurtenn'"):
        BatchInputs.from_mapping({"areas": "a.geojson", "indicators": "b.csv", "buurtenn": "x"})
    with pytest.raises(InputError, match="'indicators'"):
        BatchInputs.from_mapping({"areas": "a.geojson"})
    inp = BatchInputs.from_mapping({"areas": "a.geojson", "indicators": ["b.csv", "c.csv"],
                                    "quickscan": {"wk990102": "q.csv"}}, base=tmp_path)
    assert inp.indicators == (tmp_path / "b.csv", tmp_path / "c.csv")
    assert inp.quickscan == {"WK990102": tmp_path / "q.csv"}
    with pytest.raises(InputError, match="bestaat niet"):
        inp.check_exist()
    demo = BatchInputs.demo()
    demo.check_exist()
    assert "WK990102" in demo.stakeholders


def test_dutch_numbers_and_stable_json(tmp_path):
    assert fmt(2655, 0) == "2.655" and fmt(-0.398, 2) == "-0,40" and fmt(None) == "–"
    assert dumps({"b": float("nan"), "a": 1}) == '{\n "a": 1,\n "b": null\n}'
    path = atomic_write_text(tmp_path / "x.json", "{}")
    assert path.read_text() == "{}" and not list(tmp_path.glob(".*.tmp"))


def test_load_report_errors(tmp_path):
    with pytest.raises(InputError, match="taal 'en' wordt niet ondersteund"):
        load_report("BU99010201", tmp_path, "en")
    with pytest.raises(InputError, match="geen CBS-buurtcode"):
        load_report("WK990102", tmp_path)
    with pytest.raises(InputError, match="batch.json ontbreekt"):
        load_report("BU99010201", tmp_path)
    (tmp_path / "gebieden").mkdir()
    (tmp_path / "batch.json").write_text(json.dumps({"schema": 1}), encoding="utf-8")
    with pytest.raises(InputError, match="zit niet in deze batch"):
        load_report("BU99010201", tmp_path)


def test_cli_usage_and_input_errors(tmp_path, capsys):
    assert main(["rapport"]) == EXIT_USAGE  # neither --demo nor --config
    assert main(["rapport", "--demo", "--werkers", "twee"]) == EXIT_USAGE
    status = main(["rapport", "--demo", "--gebieden", "BU12345678", "--uit", str(tmp_path), "--stil"])
    assert status == EXIT_INPUT_ERROR
    assert "BU12345678" in capsys.readouterr().err
    assert not (tmp_path / "index.html").exists()


def test_one_batch_per_output_folder(tmp_path):
    import os

    from wijklib.reports.runner import _FolderLock, run_reports

    lock = tmp_path / ".wijk-rapport.lock"
    lock.write_text(str(os.getpid()))  # a running process holds the folder
    with pytest.raises(InputError, match="draait al een rapportbatch"):
        run_reports(BatchInputs.demo(), tmp_path, progress=False)
    lock.write_text("999999999")  # left behind by a process that no longer exists
    with _FolderLock(tmp_path):
        assert lock.read_text() == str(os.getpid())
    assert not lock.exists()


def test_fit_words_and_sensitive_signals():
    from wijklib.reports.prepare import fit_word, is_sensitive_signal

    assert fit_word(0.95) == "goed" and fit_word(0.62) == "redelijk" and fit_word(None) == "onbekend"
    assert is_sensitive_signal("Aanwijzingen voor opslag van chemicaliën; het onderzoek loopt.")
    assert is_sensitive_signal("Er is een lopend onderzoek naar het pand")
    assert not is_sensitive_signal("Veel zwerfvuil bij de speeltuin.")


def test_divergence_text_names_the_source():
    from wijklib.reports.view import _signal_text

    assert _signal_text("geteld_ernstiger", "schouw") == "de cijfers zijn ernstiger dan het beeld van de schouw"
    assert _signal_text("geteld_ernstiger", "professionals").endswith("beeld van professionals")
    assert _signal_text("verteld_ernstiger", "bewoners") == "bewoners zien meer problemen dan de cijfers"


def test_chart_axes_use_a_decimal_comma():
    from matplotlib.figure import Figure

    from wijklib.reports.figures import dutch_axes

    fig = Figure()
    ax = fig.subplots()
    ax.plot([0.0, 1.0], [0.0, 1.0])
    ax.set_yticks([0, 1], ["een", "twee"])  # text labels stay as they are
    dutch_axes(ax)
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert any("," in t for t in labels) and not any("." in t for t in labels)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["een", "twee"]
