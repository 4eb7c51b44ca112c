"""Red-team issue 13, item 5: a refusal in a notebook is one Dutch line, not a traceback."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_input_error_in_a_notebook_is_one_line(tmp_path, monkeypatch):
    pytest.importorskip("papermill")
    import papermill as pm

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import wijklib.notebooks\nimport warnings\n"
                                          "from wijklib.errors import InputError, InputWarning\n"
                                          "warnings.warn('let op: rij 3', InputWarning)"),
                nbformat.v4.new_code_cell("raise InputError('gebied \\'../x\\' is geen geldige code')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    src = tmp_path / "nb.ipynb"
    nbformat.write(nb, src)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # the kernel imports this worktree's wijklib
    with pytest.raises(pm.PapermillExecutionError) as exc:
        pm.execute_notebook(str(src), str(tmp_path / "uit.ipynb"), kernel_name="python3", progress_bar=False,
                            cwd=str(tmp_path))
    out = nbformat.read(tmp_path / "uit.ipynb", as_version=4)
    code = [c for c in out.cells if c.cell_type == "code"]  # papermill adds markdown cells about the error
    err = [o for o in code[1].outputs if o.output_type == "error"][0]
    assert err.traceback == ["Fout in de invoer: gebied '../x' is geen geldige code"]
    assert "Traceback" not in str(exc.value) and "File " not in str(exc.value)
    warn_text = "".join(o.get("text", "") for o in code[0].outputs if o.output_type == "stream")
    assert warn_text.strip() == "Waarschuwing: let op: rij 3"


def test_outside_a_kernel_nothing_is_installed():
    from wijklib.notebooks import show_input_errors_briefly

    assert show_input_errors_briefly() is False


def test_notebook_06_area_refusal_is_the_only_line_the_user_sees(tmp_path, monkeypatch):
    pytest.importorskip("papermill")
    import papermill as pm

    from wijklib.notebooks import NOTEBOOK_DIR, run_notebook

    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    out = tmp_path / "uit"
    with pytest.raises(pm.PapermillExecutionError) as exc:
        run_notebook(NOTEBOOK_DIR / "06_procesmonitor.ipynb", out,
                     {"gebied": "../m2/WK990102", "monitor_map": str(tmp_path / "tracker"),
                      "uitvoer_map": str(tmp_path / "tracker")}, html=False)
    nb = nbformat.read(out / "06_procesmonitor.MISLUKT.ipynb", as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert len(errors) == 1 and errors[0].ename == "InputError"
    assert len(errors[0].traceback) == 1 and errors[0].traceback[0].startswith("Fout in de invoer: ")
    assert "gebied" in errors[0].traceback[0] and "Traceback" not in str(exc.value)
