"""Project hygiene: dependencies in sync, notebooks committed clean and parameterised as the guide asks."""

from __future__ import annotations

import ast
import json
import re
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in ROOT.glob("notebooks/**/*.ipynb") if ".ipynb_checkpoints" not in p.parts) + sorted(
    ROOT.glob("templates/**/*.ipynb"))


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _dev_names(project: dict) -> set[str]:
    """Names in the ``dev`` extra, with the extras it pulls in through ``wijklib[...]`` expanded."""
    extras = project["optional-dependencies"]
    names = set()
    for req in extras["dev"]:
        if _name(req) == "wijklib":
            for extra in re.search(r"\[(.*?)\]", req).group(1).split(","):
                names |= {_name(r) for r in extras[extra.strip()]}
        else:
            names.add(_name(req))
    return names


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_names = {_name(r) for r in project["dependencies"]} | _dev_names(project)
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_names = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert conda_names == pip_names, (
        f"alleen in environment.yml: {sorted(conda_names - pip_names)}; alleen in pyproject: {sorted(pip_names - conda_names)}")


def test_heavy_packages_are_optional_extras_and_dev_installs_them_all():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = {_name(r) for r in project["dependencies"]}
    extras = project["optional-dependencies"]
    expected = {"lab": "jupyterlab", "voila": "voila", "dask": "dask", "pdf": "playwright"}
    for extra, package in expected.items():
        assert package in {_name(r) for r in extras[extra]}, f"extra {extra} mist {package}"
        assert package not in core, f"{package} hoort een optioneel extra te zijn, geen vaste afhankelijkheid"
    assert "nbval" not in core | _dev_names(project), "nbval wordt niet gebruikt"
    # make setup installs .[dev]: that must bring every heavy extra, so that all tests run
    assert set(expected.values()) <= _dev_names(project)


def test_package_data_ships_the_catalogue():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    data = config["tool"]["setuptools"]["package-data"]
    assert "data/*.yaml" in data["wijklib.catalogue"]
    assert "data/*.yaml" in data["wijklib.indicators"]


def test_resource_folders_are_mapped_into_the_package():
    """setup.py maps each folder that wijklib.resources looks for, and pyproject ships all its files."""
    from wijklib import resources

    setup_py = (ROOT / "setup.py").read_text()
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    for folder in resources.RESOURCE_FOLDERS:
        package = "wijklib._resources." + folder.replace("/", ".")
        assert f'"{package}": "{folder}"' in setup_py, f"setup.py koppelt {folder} niet aan {package}"
        assert data.get(package) == ["**/*"], f"pyproject.toml neemt de bestanden van {folder} niet mee"


def test_resources_point_into_the_checkout():
    from wijklib import resources

    assert resources.is_checkout() and resources.root() == ROOT
    assert resources.demo_dir() == ROOT / "data" / "demo"
    assert resources.report_template().is_file()
    assert (resources.notebooks_dir() / "01_urgentieanalyse.ipynb").is_file()
    assert (resources.input_templates_dir() / "LEESMIJ.md").is_file()
    assert resources.demo_batch_config().is_file()


def test_no_module_looks_up_repository_folders_by_itself():
    """Every lookup of data/, templates/ or notebooks/ goes through wijklib.resources (so a wheel works)."""
    offenders = []
    for path in sorted((ROOT / "wijklib").rglob("*.py")):
        if path.name == "resources.py" or "static" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"parents\[\d\]", line) or re.search(r"""REPO_ROOT\s*/\s*["'](data|templates|notebooks)""", line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "gebruik wijklib.resources:\n" + "\n".join(offenders)


def test_there_are_notebooks():
    assert any(p.name.startswith("00_") for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_is_committed_clean_and_parameterised(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), "notebook met uitvoer"
    assert re.match(r"^\d\d_", path.name) or "templates" in path.parts, "notebooknamen beginnen met een nummer"
    first = nb["cells"][0]
    first_text = "".join(first["source"])
    assert first["cell_type"] == "markdown" and first_text.lstrip().startswith("# "), "eerste cel: titel"
    assert re.search(r"(?i)leerdoel|doel", first_text), "eerste cel noemt de doelen"
    assert re.search(r"(?i)\d+\s*(min|minuten|uur)", first_text), "eerste cel noemt een tijdsindicatie"
    params = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1, "precies een cel met de tag 'parameters'"
    tree = ast.parse("".join(params[0]["source"]))
    for node in tree.body:
        assert isinstance(node, (ast.Assign, ast.AnnAssign)), f"parameters-cel mag alleen toekenningen bevatten: {ast.dump(node)[:80]}"
        value = ast.literal_eval(node.value)
        json.dumps(value)  # JSON-able literal
    # prose before code: the cell before the first code cell is markdown
    first_code = nb["cells"].index(code[0])
    assert first_code >= 1 and nb["cells"][first_code - 1]["cell_type"] == "markdown"


def test_missing_dask_extra_gives_a_dutch_message_naming_the_extra(monkeypatch):
    from wijklib.errors import InputError
    from wijklib.reports import runner

    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if the extra were not installed
    with pytest.raises(InputError, match=r"wijklib\[dask\]"):
        runner._run_dask([], None, 1, None, lambda outcome: None)


def test_missing_chromium_for_pdf_names_the_pdf_extra(monkeypatch, tmp_path):
    from wijklib.reports import export

    monkeypatch.setattr(export, "find_chromium", lambda: None)
    page = tmp_path / "rapport.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"wijklib\[pdf\]"):
        export.html_to_pdf(page, tmp_path / "rapport.pdf")
    assert not (tmp_path / "rapport.pdf").exists()


def test_wijk_demo_and_python_m_wijklib_demo_call_the_same_function(monkeypatch, tmp_path):
    from wijklib import cli, demo

    calls = []
    monkeypatch.setattr(demo, "run_demo", lambda out, notebooks=True: calls.append((str(out), notebooks)) or 0)
    assert cli.main(["demo", "--uit", str(tmp_path / "a"), "--zonder-notebooks"]) == 0
    assert cli.main(["demo", "--uit", str(tmp_path / "b")]) == 0
    assert cli.main(["demo", "--onbekend"]) == cli.EXIT_USAGE
    assert calls == [(str(tmp_path / "a"), False), (str(tmp_path / "b"), True)]
    makefile = (ROOT / "Makefile").read_text()
    assert "wijk demo --uit" in makefile, "make demo hoort wijk demo te gebruiken"
