"""Project hygiene: dependencies in sync, notebooks committed clean and parameterised as the guide asks."""

from __future__ import annotations

import ast
import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in ROOT.glob("notebooks/**/*.ipynb") if ".ipynb_checkpoints" not in p.parts) + sorted(
    ROOT.glob("templates/**/*.ipynb"))


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_names = {_name(r) for r in project["dependencies"]}
    pip_names |= {_name(r) for r in project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_names = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert conda_names == pip_names, (
        f"alleen in environment.yml: {sorted(conda_names - pip_names)}; alleen in pyproject: {sorted(pip_names - conda_names)}")


def test_package_data_ships_the_catalogue():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    data = config["tool"]["setuptools"]["package-data"]
    assert "data/*.yaml" in data["wijklib.catalogue"]
    assert "data/*.yaml" in data["wijklib.indicators"]


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
