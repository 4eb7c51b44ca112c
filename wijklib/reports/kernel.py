"""A warm Jupyter kernel that runs the report template many times, each time in a clean namespace.

Starting a kernel and importing pandas, matplotlib, shapely and wijklib costs a few seconds; running the thin
report template on a prepared bundle costs a fraction of that. :class:`WarmKernel` therefore starts ONE kernel per
worker process, imports the heavy modules once, and for every report

1. restores the process state that could leak between reports (matplotlib rcParams and open pyplot figures,
   warning filters, working directory, ``sys.path``, numpy error settings, pandas options; see
   :mod:`wijklib.reports._kernelside`),
2. clears the user namespace with ``get_ipython().reset(new_session=True)`` (imported modules stay loaded: that is
   the point), and
3. executes all cells of the freshly parameterised notebook with :class:`nbclient.NotebookClient`.

The report charts use matplotlib's object API (no pyplot), so they depend on no global state. That the output
equals a fresh-kernel run is tested (``tests/reports``) by comparing normalised outputs
(:func:`normalise_outputs`). A kernel that dies or hangs is restarted; the kernel is also recycled after
``max_runs`` reports as a guard against slow memory growth.
"""

from __future__ import annotations

import copy
import os
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

import nbformat

from wijklib.errors import InputError
from wijklib.reports._util import parameter_names  # noqa: F401 (part of this module's API)

if TYPE_CHECKING:
    from jupyter_client.blocking.client import BlockingKernelClient
    from jupyter_client.manager import KernelManager

__all__ = ["WarmKernel", "inject_parameters", "parameter_names", "normalise_outputs", "WARM_IMPORTS"]

#: Modules imported once when a kernel starts (what the template needs). The report's charts are SVG written by
#: wijklib itself, so matplotlib is not among them (a template that uses it imports it on its first report).
WARM_IMPORTS = ("wijklib.reports.view", "shapely.geometry", "IPython.display")


def _literal(value: Any, name: str) -> str:
    if value is None or isinstance(value, (bool, int, float, str)):
        if isinstance(value, float) and value != value:
            return "float('nan')"
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(v, name) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_literal(str(k), name)}: {_literal(v, name)}" for k, v in value.items()) + "}"
    raise InputError(f"parameter {name!r}: alleen tekst, getallen, ja/nee, lijsten en woordenboeken kunnen "
                     f"worden doorgegeven, niet {type(value).__name__}", column=name)


def inject_parameters(nb: Any, parameters: Mapping[str, Any], *, known: list[str] | None = None) -> Any:
    """A copy of ``nb`` with a cell tagged ``injected-parameters`` after the ``parameters`` cell (as papermill).

    Raises
    ------
    InputError
        A parameter that the template does not declare (papermill would only warn and use the default).
    """
    known = parameter_names(nb) if known is None else known
    unknown = [k for k in parameters if k not in known]
    if unknown:
        raise InputError(f"onbekende parameter(s) {', '.join(map(repr, unknown))}; het sjabloon kent: "
                         f"{', '.join(known) or '(geen)'}", column=unknown[0])
    out = copy.deepcopy(nb)
    src = "# Parameters\n" + "".join(f"{k} = {_literal(v, k)}\n" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(src.rstrip("\n"))
    cell.metadata["tags"] = ["injected-parameters"]
    cell.pop("id", None)
    pos = next((i + 1 for i, c in enumerate(out.cells)
                if "parameters" in c.get("metadata", {}).get("tags", [])), 0)
    out.cells.insert(pos, cell)
    for i, c in enumerate(out.cells):  # stable cell ids (same notebook -> same ids, run after run)
        c["id"] = f"cell-{i:03d}"
    return out


_NORMALISE = [
    (re.compile(r"0x[0-9a-fA-F]{6,}"), "0xADRES"),
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?"), "TIJDSTIP"),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "UUID"),
]


def normalise_outputs(nb: Any) -> list[list[str]]:
    """Cell outputs with everything run-specific removed: execution counts, metadata, timings, memory addresses,
    timestamps and random ids. Two runs of the same notebook on the same inputs give equal results (one text per
    output, one list per code cell)."""
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outs = []
        for o in cell.get("outputs", []):
            d = {"output_type": o["output_type"]}
            if o["output_type"] == "stream":
                d["name"], d["text"] = o["name"], o["text"]
            elif o["output_type"] == "error":
                d["ename"], d["evalue"] = o["ename"], o["evalue"]
            else:
                d["data"] = dict(o.get("data", {}))
            text = repr(sorted(d.items()))
            for pat, repl in _NORMALISE:
                text = pat.sub(repl, text)
            outs.append(text)
        out.append(outs)
    return out


class WarmKernel:
    """One persistent IPython kernel that executes notebooks one after the other in a clean namespace.

    Parameters
    ----------
    kernel_name : str
        Kernel spec (always name it, see the style guide: ``python3``).
    cwd : path, optional
        Working directory of the kernel.
    startup_timeout : float
        Seconds to wait for the kernel to start.
    cell_timeout : float
        Seconds one cell may run; then the kernel is interrupted (and restarted if it does not recover).
    warm_imports : tuple of str
        Modules imported at start.
    max_runs : int
        Restart the kernel after this many notebooks (0 = never).
    fresh : bool
        Start a NEW kernel for every notebook (the slow reference behaviour, for tests and benchmarks).
    """

    def __init__(self, kernel_name: str = "python3", *, cwd: str | Path | None = None, startup_timeout: float = 60,
                 cell_timeout: float = 600, warm_imports: tuple[str, ...] = WARM_IMPORTS, max_runs: int = 250,
                 fresh: bool = False) -> None:
        self.kernel_name = kernel_name
        self.cwd = str(cwd) if cwd else os.getcwd()
        self.startup_timeout = startup_timeout
        self.cell_timeout = cell_timeout
        self.warm_imports = tuple(warm_imports)
        self.max_runs = max_runs
        self.fresh = fresh
        self.km: KernelManager | None = None
        self.kc: BlockingKernelClient | None = None
        self._ipc_dir: str | None = None
        self.runs = 0
        self.starts = 0

    # -- lifecycle ------------------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the kernel (retrying once: parallel starts occasionally collide) and warm it up."""
        last: Exception | None = None
        for attempt in range(2):
            try:
                self._start_once()
                return
            except Exception as exc:  # ZMQError, RuntimeError("Kernel didn't respond ..."), ...
                last = exc
                self.shutdown()
                time.sleep(0.5 + attempt)
        raise RuntimeError(f"kernel '{self.kernel_name}' start niet: {type(last).__name__}: {last}") from last

    def _start_once(self) -> None:
        from jupyter_client.manager import KernelManager

        kw: dict[str, Any] = {"kernel_name": self.kernel_name}
        if os.name == "posix":
            # unix sockets in a private folder with an absolute path: no port races between parallel workers and
            # no dependence on the working directory (the kernel runs in another folder than this process)
            import tempfile

            self._ipc_dir = tempfile.mkdtemp(prefix="wijklib-k-")
            kw.update(transport="ipc", ip=os.path.join(self._ipc_dir, "k"))
        self.km = km = KernelManager(**kw)
        km.start_kernel(extra_arguments=["--HistoryManager.hist_file=:memory:"], cwd=self.cwd)
        self.kc = kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=self.startup_timeout)
        kc.allow_stdin = False
        self.starts += 1
        self.runs = 0
        if not self.fresh:
            imports = "; ".join(f"import {m}" for m in self.warm_imports)
            import threading

            # the kernel ends when this process ends (PR_SET_PDEATHSIG only when started from the main thread)
            main = threading.current_thread() is threading.main_thread()
            self._run_silent(f"{imports}\nimport wijklib.reports._kernelside as _wk; "
                             f"_wk.die_with_parent(expected={os.getpid()}, pdeathsig={main}); _wk.warm_up(); "
                             "_wk.snapshot()")

    def shutdown(self) -> None:
        """Stop the kernel (safe to call twice)."""
        try:
            if self.kc is not None:
                self.kc.stop_channels()
        except Exception:
            pass
        try:
            if self.km is not None and self.km.has_kernel:
                self.km.shutdown_kernel(now=True)
        except Exception:
            pass
        try:
            if self.km is not None:
                self.km.cleanup_resources()
        except Exception:
            pass
        self.km = None
        self.kc = None
        if self._ipc_dir:
            import shutil

            shutil.rmtree(self._ipc_dir, ignore_errors=True)
            self._ipc_dir = None

    def restart(self) -> None:
        self.shutdown()
        self.start()

    @property
    def alive(self) -> bool:
        try:
            return self.km is not None and self.km.is_alive()
        except Exception:
            return False

    def __enter__(self) -> "WarmKernel":
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.shutdown()

    # -- execution ------------------------------------------------------------------------------------------
    def _run_silent(self, code: str, timeout: float = 300) -> None:
        """Execute code without output or history; raise RuntimeError when it fails."""
        kc = self.kc
        if kc is None:
            raise RuntimeError("de kernel is niet gestart")
        msg_id = kc.execute(code, silent=True, store_history=False)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"kernel reageert niet binnen {timeout:.0f} s")
            reply = kc.get_shell_msg(timeout=remaining)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        content = reply["content"]
        if content.get("status") != "ok":
            raise RuntimeError(f"{content.get('ename')}: {content.get('evalue')}")

    def reset(self) -> None:
        """Restore process state and clear the user namespace (modules stay imported)."""
        # one round trip: restore the process state, then clear the namespace (which also drops the name _wk)
        self._run_silent("import wijklib.reports._kernelside as _wk; _wk.restore(); del _wk\n"
                         "get_ipython().reset(new_session=True)")

    def run(self, nb: Any) -> Any:
        """Execute all cells of ``nb`` in a clean namespace; return the executed notebook.

        Raises
        ------
        nbclient.exceptions.CellExecutionError
            A cell raised; ``nb`` holds the outputs up to and including the error.
        nbclient.exceptions.DeadKernelError, TimeoutError
            The kernel died or hung (it is restarted before the next run).
        """
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError

        if self.fresh:
            self.shutdown()
            self.start()
        elif self.km is None or not self.alive or (self.max_runs and self.runs >= self.max_runs):
            self.restart()
        else:
            self.reset()
        client = NotebookClient(nb, km=self.km, kernel_name=self.kernel_name, timeout=self.cell_timeout,
                                startup_timeout=self.startup_timeout, allow_errors=False, interrupt_on_timeout=True,
                                record_timing=False, resources={"metadata": {"path": self.cwd}})
        client.kc = self.kc
        self.runs += 1
        try:
            client.execute()
        except CellExecutionError:
            if not self.alive:
                self.shutdown()
            raise
        except BaseException:
            self.shutdown()  # dead, hung or interrupted: start afresh next time
            raise
        finally:
            if self.fresh:
                self.shutdown()
        return nb


def _python_executable_note() -> str:  # pragma: no cover - diagnostics only
    return sys.executable
