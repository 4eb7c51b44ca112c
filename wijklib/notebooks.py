"""Run the project's parameterised notebooks (papermill) and export them to HTML (nbconvert).

Used by ``make demo`` (:mod:`wijklib.demo`) and by the notebook tests, so that both run notebooks the same way.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Mapping

from wijklib import resources
from wijklib.io.atomic import atomic_write_text
from wijklib._paths import child_path, safe_area_filename, safe_output_dir

__all__ = ["REPO_ROOT", "NOTEBOOK_DIR", "run_notebook", "export_html", "atomic_write", "repo_path", "child_path",
           "safe_area_filename", "safe_output_dir"]

REPO_ROOT = resources.root()  # the checkout, or the installed copy of its folders
NOTEBOOK_DIR = resources.notebooks_dir()


#: Atomic text write, re-exported for notebooks and older callers.
atomic_write = atomic_write_text


def repo_path(path: str | Path, *, key: str | None = None) -> Path:
    """Resolve a path given in a notebook parameter: relative paths are relative to the repository root.

    Notebooks run with their own folder as working directory (in JupyterLab and in papermill), so paths such
    as ``"output/urgentie"`` or ``"data/demo/buurten.geojson"`` are read from the repository root instead.
    A relative path may not lead outside the repository (``"../../x"`` is an :class:`~wijklib.errors.InputError`
    naming ``key``); an absolute path is taken as given (see :mod:`wijklib._paths`).
    """
    from wijklib._paths import project_path

    return project_path(path, key=key, base=REPO_ROOT)


def run_notebook(notebook: str | Path, out_dir: str | Path, parameters: Mapping[str, Any] | None = None, *,
                 cwd: str | Path | None = None, timeout: int = 600, html: bool = True) -> dict[str, Path]:
    """Execute a notebook with papermill and optionally export it to HTML without code cells.

    Parameters
    ----------
    notebook : str or Path
        The notebook; a bare name is looked up in ``notebooks/``.
    out_dir : str or Path
        Folder for the executed notebook (same name) and the HTML export.
    parameters : mapping, optional
        Values for the ``parameters`` cell (JSON-able literals).
    cwd : str or Path, optional
        Working directory of the kernel; defaults to the notebook's folder, so relative paths work as in JupyterLab.
    timeout : int
        Seconds a single cell may take.
    html : bool
        Also write ``<name>.html`` with the code hidden.

    Returns
    -------
    dict
        ``{"notebook": path, "html": path}`` (``html`` only when requested).
    """
    import papermill as pm

    source = Path(notebook)
    if not source.is_absolute() and not source.exists():
        source = NOTEBOOK_DIR / source
    if not source.exists():
        raise FileNotFoundError(f"notebook {notebook} bestaat niet")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / source.name
    partial = out_dir / f".{source.stem}.running.ipynb"
    ipc_dir = tempfile.mkdtemp(prefix="wijklib-nb-")
    try:
        pm.execute_notebook(
            str(source), str(partial), parameters=dict(parameters or {}), kernel_name="python3",
            cwd=str(cwd or source.parent), execution_timeout=timeout, progress_bar=False,
            kernel_manager_class=_ipc_kernel_manager(ipc_dir),
        )
    except BaseException:
        # keep the failing notebook for inspection, under a name that says so
        if partial.exists():
            os.replace(partial, out_dir / f"{source.stem}.MISLUKT.ipynb")
        raise
    finally:
        shutil.rmtree(ipc_dir, ignore_errors=True)
    os.replace(partial, executed)
    result = {"notebook": executed}
    if html:
        result["html"] = export_html(executed)
    return result


def _ipc_kernel_manager(folder: str) -> type:
    """A kernel manager class whose kernels talk over local IPC sockets in ``folder``.

    No TCP ports are opened, so the kernel does not warn about unencrypted TCP for every notebook run.
    """
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any) -> None:
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", os.path.join(folder, "kernel"))
            super().__init__(**kwargs)

    return IPCKernelManager


def export_html(executed: str | Path, target: str | Path | None = None) -> Path:
    """Export an executed notebook to a self-contained HTML file without the code cells."""
    import nbformat
    from nbconvert import HTMLExporter

    executed = Path(executed)
    target = Path(target) if target else executed.with_suffix(".html")
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                            embed_images=True)
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    atomic_write(target, body)
    return target


# -- short refusals in notebooks ------------------------------------------------------------------------------------
def show_input_errors_briefly(shell: Any = None) -> bool:
    """In a notebook kernel: show an :class:`~wijklib.errors.InputError` as one Dutch line (no traceback) and an
    :class:`~wijklib.errors.InputWarning` as its message only. Installed when this module is imported in a kernel
    (every notebook imports it); returns whether a kernel was found.
    """
    import sys
    import warnings

    from wijklib.errors import InputError, InputWarning

    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython is a dependency of the notebooks
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False

    def brief(shell, etype, value, tb, tb_offset=None):  # noqa: ARG001 - IPython's handler signature
        stb = [f"Fout in de invoer: {value}"]
        shell._showtraceback(etype, value, stb)  # IPython leaves showing it to the handler
        return stb

    shell.set_custom_exc((InputError,), brief)
    previous = warnings.showwarning
    if not getattr(previous, "_wijklib", False):
        def show(message, category, filename, lineno, file=None, line=None):
            if issubclass(category, InputWarning):
                print(f"Waarschuwing: {message}", file=file or sys.stderr)
            else:
                previous(message, category, filename, lineno, file, line)

        show._wijklib = True  # type: ignore[attr-defined]
        warnings.showwarning = show
    return True


show_input_errors_briefly()
