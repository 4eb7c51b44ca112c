"""The package works outside a checkout: build the wheel, install it into a fresh folder, run ``wijk demo`` there.

No network: the wheel is built with ``--no-build-isolation`` (setuptools>=77 comes with ``.[dev]``) and installed
with ``--no-deps`` into a target folder; the dependencies come from the current environment's site-packages. The
checkout is on no path of the installed run (not on PYTHONPATH, not the working directory), so demo data,
notebooks and templates must come from the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import nbformat
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.notebook]

ROOT = Path(__file__).resolve().parents[1]
_NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "output", "test-output", "build", "dist", "*.egg-info",
                                      "__pycache__", ".pytest_cache", ".ipynb_checkpoints", ".cache")


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} -> {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """Build the wheel from a copy of the sources and install it with ``pip install --target``."""
    from importlib.metadata import version

    if int(version("setuptools").split(".")[0]) < 77:
        pytest.fail(f"setuptools {version('setuptools')} is te oud om het wheel zonder netwerk te bouwen; "
                    "make setup installeert setuptools>=77 (extra dev)")
    base = tmp_path_factory.mktemp("wheel")
    source = base / "bron"
    # a copy, so that the build leaves no build/ or egg-info in the checkout
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCES)
    wheels = base / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "--quiet",
          "-w", str(wheels), str(source)])
    (wheel,) = wheels.glob("wijklib-*.whl")
    target = base / "site"
    _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", "--target", str(target),
          str(wheel)])
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    # the installed copy first, then this environment's packages; never the checkout
    env["PYTHONPATH"] = os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]])
    work = base / "leeg"  # an empty working folder outside the checkout
    work.mkdir()
    return {"wheel": wheel, "target": target, "env": env, "cwd": work}


def test_wheel_carries_demo_data_notebooks_and_templates(installed):
    resources = installed["target"] / "wijklib" / "_resources"
    assert (resources / "data" / "demo" / "buurten.geojson").is_file()
    assert (resources / "data" / "demo" / "stakeholders" / "actoren.csv").is_file()
    assert (resources / "notebooks" / "01_urgentieanalyse.ipynb").is_file()
    assert (resources / "templates" / "rapport" / "rapport_buurt.ipynb").is_file()
    assert (resources / "templates" / "invoer" / "LEESMIJ.md").is_file()
    assert (installed["target"] / "wijklib" / "catalogue" / "data").is_dir()


def test_installed_copy_is_imported_and_finds_its_resources(installed):
    code = ("import wijklib, wijklib.resources as r; "
            "print(wijklib.__file__); print(r.root()); print(r.is_checkout())")
    out = _run([sys.executable, "-c", code], env=installed["env"], cwd=installed["cwd"]).stdout.splitlines()
    target = installed["target"].resolve()
    assert Path(out[0]).resolve().is_relative_to(target), out
    assert Path(out[1]).resolve() == target / "wijklib" / "_resources"
    assert out[2] == "False"


def test_notebook_kernel_imports_the_installed_copy(installed, tmp_path):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell("import wijklib\nprint('WIJKLIB=' + wijklib.__file__)")]
    path = tmp_path / "waar.ipynb"
    nbformat.write(nb, path)
    code = (f"from wijklib.notebooks import run_notebook; "
            f"run_notebook({str(path)!r}, {str(tmp_path / 'uit')!r}, html=False)")
    _run([sys.executable, "-c", code], env=installed["env"], cwd=installed["cwd"])
    executed = nbformat.read(tmp_path / "uit" / "waar.ipynb", as_version=4)
    text = "".join(o.get("text", "") for o in executed.cells[0].outputs)
    where = Path(text.split("WIJKLIB=", 1)[1].strip())
    assert where.resolve().is_relative_to(installed["target"].resolve()), text


def test_wijk_demo_runs_from_the_installed_wheel_in_an_empty_folder(installed):
    out = installed["cwd"] / "demo-uit"
    proc = subprocess.run([sys.executable, "-m", "wijklib.cli", "demo", "--uit", str(out), "--zonder-notebooks"],
                          env=installed["env"], cwd=installed["cwd"], capture_output=True, text=True, timeout=1500)
    assert proc.returncode == 0, f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    index = out / "rapporten" / "index.html"
    assert index.is_file()
    assert str(index.resolve()) in proc.stdout, "wijk demo zegt niet waar index.html staat"
    manifest = json.loads((out / "rapporten" / "manifest.json").read_text(encoding="utf-8"))
    areas = manifest["areas"]
    assert len(areas) >= 10 and all(a["status"] == "ok" for a in areas.values())
    for area in areas.values():
        report = out / "rapporten" / area["html"]
        assert report.is_file() and area["name"] in report.read_text(encoding="utf-8")
    # nothing was written next to the installed package or into the empty working folder besides the output
    assert sorted(p.name for p in installed["cwd"].iterdir()) == ["demo-uit"]
