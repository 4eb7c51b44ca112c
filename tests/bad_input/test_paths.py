"""Paths from notebook parameters and configuration files stay in their folder (issue #13, item 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wijklib._paths import REPO_ROOT, child_path, project_path, safe_area_filename, safe_output_dir
from wijklib.errors import InputError
from wijklib.notebooks import NOTEBOOK_DIR, repo_path, run_notebook

ESCAPES = ["../x", "../../x", "output/../../x", "./../x", "data/demo/../../../etc", "..", "a/b/../../../c",
           "output/urgentie/../../../../tmp/x"]
INSIDE = ["output/urgentie", "output", "data/demo/indicatoren.csv", "./output/x", "output/a/../b", "."]
BAD_CODES = ["../m2/WK990102", "WK990102/../x", "/etc/passwd", "", " ", "wk990102", "WK99010", "WK9901021",
             "BU9901010", "GM99011", "XX990102", "WK990102.yaml", "WK990102\x00", "..", "WK99 0102",
             "BU99010101/", "C:\\temp\\WK990102", "%2e%2e/WK990102", "WK990102;rm"]
GOOD_CODES = ["WK990102", " WK990102 ", "WK990102\n", "BU99010101", "GM9901", "WK0363AF", "BU0363AF09", "NL00"]


@pytest.mark.parametrize("value", ESCAPES)
def test_relative_paths_out_of_the_project_are_refused(value):
    with pytest.raises(InputError) as exc:
        repo_path(value, key="uitvoermap")
    assert exc.value.column == "uitvoermap" and "buiten de projectmap" in str(exc.value)


@pytest.mark.parametrize("value", INSIDE)
def test_relative_paths_inside_the_project_are_accepted(value):
    p = repo_path(value, key="x")
    assert p.resolve() == (REPO_ROOT / value).resolve()


def test_absolute_paths_are_taken_on_purpose(tmp_path):
    assert repo_path(str(tmp_path / "uit")) == tmp_path / "uit"
    assert safe_output_dir(tmp_path / "uit", create=True).is_dir()


@pytest.mark.parametrize("value", ["", "   ", "a\x00b", 5, None, ["output"]])
def test_empty_or_strange_paths_are_named(value):
    with pytest.raises(InputError) as exc:
        project_path(value, key="uitvoermap")
    assert exc.value.column == "uitvoermap"


def test_escape_check_uses_the_given_base(tmp_path):
    (tmp_path / "cfg").mkdir()
    assert project_path("data.csv", base=tmp_path / "cfg") == tmp_path / "cfg" / "data.csv"
    with pytest.raises(InputError, match="buiten"):
        project_path("../elders/data.csv", base=tmp_path / "cfg", key="indicators")


def test_symlink_out_of_the_folder_is_refused(tmp_path):
    base = tmp_path / "project"
    base.mkdir()
    (base / "link").symlink_to(tmp_path)
    with pytest.raises(InputError, match="buiten"):
        project_path("link/x", base=base)


def test_output_folder_that_is_a_file(tmp_path):
    f = tmp_path / "bestand"
    f.write_text("x")
    with pytest.raises(InputError) as exc:
        safe_output_dir(f)
    assert exc.value.file == str(f) and "geen map" in str(exc.value)
    assert f.read_text() == "x"


@pytest.mark.parametrize("code", BAD_CODES)
def test_area_codes_used_as_file_names_are_validated(code, tmp_path):
    with pytest.raises(InputError) as exc:
        child_path(tmp_path, code, ".yaml")
    assert exc.value.column == "gebied" and "gebiedscode" in str(exc.value)


@pytest.mark.parametrize("code", GOOD_CODES)
def test_valid_area_codes_are_file_names(code, tmp_path):
    p = child_path(tmp_path, code, ".yaml")
    assert p.parent == tmp_path and p.name == code.strip() + ".yaml"
    assert safe_area_filename(code) == code.strip()


def _error_of(nb_path: Path) -> tuple[str, str]:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return out["ename"], out["evalue"]
    return "", ""


def test_notebook_06_refuses_an_area_code_with_a_path(tmp_path):
    import papermill as pm

    victim = tmp_path / "m2" / "WK990102.yaml"
    victim.parent.mkdir()
    victim.write_text("niet aanraken\n", encoding="utf-8")
    out = tmp_path / "uit"
    with pytest.raises(pm.PapermillExecutionError):
        run_notebook(NOTEBOOK_DIR / "06_procesmonitor.ipynb", out,
                     {"gebied": "../m2/WK990102", "monitor_map": str(tmp_path / "tracker"),
                      "uitvoer_map": str(tmp_path / "tracker")}, html=False)
    ename, evalue = _error_of(out / "06_procesmonitor.MISLUKT.ipynb")
    assert ename == "InputError" and "gebiedscode" in evalue and "gebied" in evalue
    assert victim.read_text(encoding="utf-8") == "niet aanraken\n"
    assert not (tmp_path / "tracker").exists()


def test_notebook_01_refuses_an_output_folder_outside_the_project(tmp_path):
    import papermill as pm

    out = tmp_path / "uit"
    with pytest.raises(pm.PapermillExecutionError):
        run_notebook(NOTEBOOK_DIR / "01_urgentieanalyse.ipynb", out, {"uitvoermap": "../../x", "trekkingen": 10},
                     html=False)
    ename, evalue = _error_of(out / "01_urgentieanalyse.MISLUKT.ipynb")
    assert ename == "InputError" and "uitvoermap" in evalue and "buiten de projectmap" in evalue
    assert not (REPO_ROOT.parent.parent / "x").exists()
