"""What one worker process does: render reports with its warm kernel, export them, never raise.

The same :func:`render_job` runs in a local :class:`~concurrent.futures.ProcessPoolExecutor` worker and in a Dask
worker. Each process keeps one :class:`~wijklib.reports.kernel.WarmKernel`, one HTML exporter and the parsed
template in module state (:data:`_STATE`); the kernel is shut down when the process ends.
"""

from __future__ import annotations

import os
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wijklib.reports.kernel import WarmKernel

__all__ = ["WorkerConfig", "ReportJob", "ReportOutcome", "render_job", "init_worker", "shutdown_worker",
           "KernelPlugin"]


@dataclass(frozen=True)
class WorkerConfig:
    """How workers run the template (the same for every job of a batch)."""

    template: str
    cwd: str
    kernel_name: str = "python3"
    cell_timeout: float = 600
    startup_timeout: float = 60
    fresh_kernel: bool = False
    max_runs: int = 250


@dataclass(frozen=True)
class ReportJob:
    """One area to render."""

    code: str
    name: str
    parameters: dict
    html_path: str
    failed_path: str
    notebook_path: str | None = None
    pdf_path: str | None = None
    config: WorkerConfig | None = None


@dataclass
class ReportOutcome:
    """What happened to one job (picklable, JSON-able with :func:`dataclasses.asdict`)."""

    code: str
    status: str  # "ok" | "failed"
    seconds: float
    html: str | None = None
    pdf: str | None = None
    notebook: str | None = None
    failed_notebook: str | None = None
    error: dict | None = None
    pdf_error: str | None = None
    warnings: int = 0
    pid: int = field(default_factory=os.getpid)

    def to_dict(self) -> dict:
        return asdict(self)


class _State:
    def __init__(self) -> None:
        self.config: WorkerConfig | None = None
        self.kernel: WarmKernel | None = None
        self.exporter: Any = None
        self.template_nb: Any = None
        self.template_names: list[str] = []
        self.parent: int | None = None  # process id of the batch runner (local backend)


_STATE = _State()


def skip_iri_grammar() -> None:
    """Let jsonschema skip building its IRI grammar (``rfc3987_syntax``, about 0.8 s per process at import).

    nbformat imports jsonschema, which builds a parser for the "iri" string format if ``rfc3987_syntax`` is
    installed; notebooks never use that format. Only for wijklib's own processes (batch workers, the ``wijk``
    command), before jsonschema is first imported; a process that already has either module is left alone.
    """
    import sys

    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # import raises ImportError: skipped


def _ensure(config: WorkerConfig) -> _State:
    import nbformat

    from wijklib.reports.export import html_exporter
    from wijklib.reports.kernel import WarmKernel, parameter_names

    st = _STATE
    if st.config != config:
        if st.kernel is not None:
            st.kernel.shutdown()
        st.kernel = None
        st.config = config
        st.template_nb = nbformat.read(config.template, as_version=4)
        st.template_names = parameter_names(st.template_nb)
    if st.exporter is None:
        st.exporter = html_exporter()
    if st.kernel is None:
        st.kernel = WarmKernel(config.kernel_name, cwd=config.cwd, cell_timeout=config.cell_timeout,
                               startup_timeout=config.startup_timeout, max_runs=config.max_runs,
                               fresh=config.fresh_kernel)
        if not config.fresh_kernel:
            st.kernel.start()
    return st


def _kernel(st: _State) -> WarmKernel:
    """The worker's kernel (made by :func:`_ensure`)."""
    if st.kernel is None:  # pragma: no cover - _ensure always makes one
        raise RuntimeError("de rapportkernel is niet gestart")
    return st.kernel


def init_worker(config: WorkerConfig) -> None:
    """Process-pool initializer: start the warm kernel right away and stop it when the process ends."""
    import multiprocessing
    from multiprocessing import util

    from wijklib.reports._kernelside import die_with_parent

    skip_iri_grammar()
    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid:
        _STATE.parent = parent.pid
        die_with_parent(expected=parent.pid)  # a killed runner takes its workers (and their kernels) with it
    util.Finalize(None, shutdown_worker, exitpriority=10)
    try:
        _ensure(config)
    except Exception:  # a kernel that does not start is retried (and recorded) by the first job
        shutdown_worker()


def shutdown_worker() -> None:
    """Stop this process's kernel."""
    if _STATE.kernel is not None:
        _STATE.kernel.shutdown()
        _STATE.kernel = None


def _error_banner(nb: Any, code: str, error: dict) -> Any:
    import nbformat

    text = (f"**Rapport voor {code} mislukt.** {error.get('ename', '')}: {error.get('evalue', '')}\n\n"
            "De cel met de fout staat hieronder met de foutmelding; de cellen erna zijn niet uitgevoerd.")
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["tags"] = ["wijklib-fout"]
    cell["id"] = "wijklib-fout"
    nb.cells.insert(0, cell)
    return nb


def _write_nb(nb: Any, path: Path) -> Path:
    import nbformat

    from wijklib.reports._util import atomic_write_text

    return atomic_write_text(path, nbformat.writes(nb))


def _abandoned() -> None:
    """Exit at once when the runner is gone: a killed batch's leftovers never write."""
    if _STATE.parent is not None and os.getppid() != _STATE.parent:
        os._exit(1)


def render_job(job: ReportJob) -> ReportOutcome:
    """Render one report: parameterise, execute in the warm kernel, export HTML (and PDF). Never raises.

    On failure the executed notebook (outputs up to the failing cell, with an error banner) is kept at
    ``job.failed_path``; the last good report of this area stays (the runner marks it outdated in the index).
    """
    from nbclient.exceptions import CellExecutionError

    from wijklib.reports.export import export_html, html_to_pdf
    from wijklib.reports.kernel import inject_parameters

    t0 = time.perf_counter()
    html_path, failed_path = Path(job.html_path), Path(job.failed_path)
    nb = None
    try:
        if job.config is None:
            raise ValueError("opdracht zonder werkinstellingen (config)")
        st = _ensure(job.config)
        nb = inject_parameters(st.template_nb, job.parameters, known=st.template_names)
        _kernel(st).run(nb)
    except CellExecutionError as exc:
        return _failed(job, nb, {"ename": getattr(exc, "ename", type(exc).__name__),
                                 "evalue": str(getattr(exc, "evalue", exc))[:2000], "kind": "cel"}, t0)
    except Exception as exc:  # kernel died, timeout, bad parameter, ...
        return _failed(job, nb, {"ename": type(exc).__name__, "evalue": str(exc)[:2000], "kind": "uitvoering",
                                 "traceback": traceback.format_exc(limit=5)[-3000:]}, t0)
    _abandoned()
    try:
        _, dropped = export_html(nb, html_path, title=f"Buurtrapport {job.name} ({job.code})", exporter=st.exporter)
    except Exception as exc:
        return _failed(job, nb, {"ename": type(exc).__name__, "evalue": str(exc)[:2000], "kind": "export"}, t0)
    out = ReportOutcome(code=job.code, status="ok", seconds=0.0, html=str(html_path), warnings=dropped)
    if job.notebook_path:
        out.notebook = str(_write_nb(nb, Path(job.notebook_path)))
    if job.pdf_path:
        try:
            out.pdf = str(html_to_pdf(html_path, job.pdf_path))
        except Exception as exc:  # the HTML is fine; record the PDF problem
            out.pdf_error = f"{type(exc).__name__}: {exc}"[:1000]
    failed_path.unlink(missing_ok=True)
    out.seconds = round(time.perf_counter() - t0, 3)
    return out


def _failed(job: ReportJob, nb: Any, error: dict, t0: float) -> ReportOutcome:
    _abandoned()
    failed = None
    if nb is not None:
        try:
            failed = str(_write_nb(_error_banner(nb, job.code, error), Path(job.failed_path)))
        except Exception:  # pragma: no cover - disk full etc.
            failed = None
    return ReportOutcome(code=job.code, status="failed", seconds=round(time.perf_counter() - t0, 3),
                         failed_notebook=failed, error=error)


_WorkerPluginBase: type
try:  # Dask is optional
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPluginBase
except Exception:  # pragma: no cover - distributed not installed
    _WorkerPluginBase = object


class KernelPlugin(_WorkerPluginBase):
    """Dask worker plugin: stops the worker's warm kernel when the worker closes.

    The kernel itself starts lazily in the task thread on the first job (zmq sockets stay in one thread).
    """

    name = "wijklib-rapport-kernel"

    def setup(self, worker: Any = None) -> None:  # noqa: D401 - dask API
        pass

    def teardown(self, worker: Any = None) -> None:
        shutdown_worker()
