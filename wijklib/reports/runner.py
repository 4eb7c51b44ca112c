"""The batch runner: select areas, prepare once, render in parallel warm workers, record, index, resume.

Output folder layout::

    <out>/index.html              overview: map and a table linking every report (failures first)
    <out>/manifest.json           what was made, skipped or failed, with hashes and errors
    <out>/buurten/<code>.html     one report per buurt (offline, no code); <code>.pdf with pdf=True; when a
                                  later run of a buurt fails, its last good report stays, marked "verouderd"
    <out>/mislukt/<code>.ipynb    the executed notebook of a failed area, up to the failing cell
    <out>/_batch/                 the prepared inputs (prepare_batch)

Resume: an area is skipped when its input hash (its bundle plus the shared files), its parameters and the
template hash (template notebook, nbconvert template, report code, wijklib version) equal those of its last
successful run and its files still exist. ``force=True`` renders everything.

Backends: ``"local"`` (default; a process pool of ``workers`` processes, each with one warm kernel) or ``"dask"``
(the same jobs on a ``dask.distributed`` cluster: a LocalCluster, or an existing scheduler with ``dask_address``;
on a real cluster all workers need the output folder on a shared file system).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, cast

from wijklib._paths import child_path
from wijklib.errors import InputError
from wijklib.reports._util import REPO_ROOT, TEMPLATE_DIR, dumps, parameter_names, sha256_bytes, utc_now, \
    wijklib_version, write_json_if_changed
from wijklib.reports.inputs import BatchInputs
from wijklib.reports.manifest import MANIFEST_SCHEMA, load_manifest, save_manifest, template_hash, write_index
from wijklib.reports.prepare import PreparedBatch, prepare_batch
from wijklib.reports.worker import ReportJob, ReportOutcome, WorkerConfig, init_worker, render_job

__all__ = ["run_reports", "BatchResult", "DEFAULT_TEMPLATE", "BACKENDS"]

DEFAULT_TEMPLATE = TEMPLATE_DIR / "rapport_buurt.ipynb"
BACKENDS = ("local", "dask")
_MANIFEST_EVERY = 1.0  # seconds between manifest writes while a batch runs


@dataclass
class BatchResult:
    """Summary of a run (everything is also in ``manifest.json``)."""

    out_dir: Path
    index: Path
    manifest: Path
    made: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    outcomes: dict[str, ReportOutcome] = field(default_factory=dict)
    seconds: float = 0.0
    prepare_seconds: float = 0.0

    @property
    def n_failed(self) -> int:
        return len(self.failed)


def _rel(path: str | None, base: Path) -> str | None:
    if not path:
        return None
    try:
        return Path(path).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)


def _params_hash(params: Mapping[str, Any]) -> str:
    # batch_dir is left out: where the prepared files live does not change the report (their content is hashed)
    return sha256_bytes(dumps({k: v for k, v in params.items() if k != "batch_dir"}).encode())[:16]


def _local_pool(config: WorkerConfig, workers: int, *, warm: bool = False) -> ProcessPoolExecutor:
    """The local worker pool; with ``warm`` its workers are started now (each starts its kernel).

    Started before the batch is prepared, the workers import and start their kernels while this process reads the
    inputs and scores the urgency, instead of after it.
    """
    ctx = mp.get_context("spawn")  # never fork a process that holds threads or zmq sockets
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=init_worker, initargs=(config,))
    if warm:
        for _ in range(workers):
            pool.submit(os.getpid)  # a trivial job makes the pool start a worker (which runs init_worker)
    return pool


def _run_local(jobs: list[ReportJob], config: WorkerConfig, workers: int,
               on_done: Callable[[ReportOutcome], None], pool: "ProcessPoolExecutor | None" = None) -> None:
    pending = {j.code: j for j in jobs}
    try:
        with pool or _local_pool(config, workers) as pool:
            futures = {pool.submit(render_job, j): j.code for j in jobs}
            for fut in as_completed(futures):
                code = futures[fut]
                try:
                    outcome = fut.result()
                except BrokenProcessPool:
                    raise
                except Exception as exc:  # pragma: no cover - render_job does not raise
                    outcome = ReportOutcome(code=code, status="failed", seconds=0.0,
                                            error={"ename": type(exc).__name__, "evalue": str(exc), "kind": "werker"})
                pending.pop(code, None)
                on_done(outcome)
    except BrokenProcessPool as exc:
        for code in list(pending):
            on_done(ReportOutcome(code=code, status="failed", seconds=0.0,
                                  error={"ename": "BrokenProcessPool", "kind": "werker",
                                         "evalue": f"een werkproces is onverwacht gestopt ({exc}); draai opnieuw om "
                                                   "de overige gebieden te maken"}))


#: Seconds to wait for a dask scheduler given with ``dask_address`` before giving up (exit 103 in the CLI).
CONNECT_TIMEOUT = 10.0


def _run_dask(jobs: list[ReportJob], config: WorkerConfig, workers: int, address: str | None,
              on_done: Callable[[ReportOutcome], None]) -> None:
    try:
        from distributed import Client, LocalCluster, as_completed as dask_completed
    except ImportError as exc:
        raise InputError("backend 'dask' (wijk rapport --dask) vraagt het extra 'dask' van wijklib, met de pakketten "
                         "dask en distributed: pip install 'wijklib[dask]' (in een checkout: pip install -e '.[dask]')",
                         column="backend") from exc
    from wijklib.reports.worker import KernelPlugin

    cluster = None
    if address:
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except Exception as exc:  # noqa: BLE001 - timeout, refused, or not a scheduler (an HTTP proxy answering
            # the handshake is read as a frame length of 'HTTP/1.1' = 3.07 EiB: a MemoryError, not a size)
            raise ConnectionError(f"geen dask-scheduler bereikbaar op {address} binnen {CONNECT_TIMEOUT:.0f} s "
                                  f"({type(exc).__name__}); controleer het adres (tcp://host:poort) en of de "
                                  "scheduler draait") from None
    else:
        import logging

        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.WARNING)
        client = Client(cluster)
    try:
        plugin = KernelPlugin()
        if hasattr(client, "register_plugin"):
            client.register_plugin(plugin)
        else:  # pragma: no cover - older distributed
            cast(Any, client).register_worker_plugin(plugin)
        futures = client.map(render_job, jobs, pure=False, key=[f"rapport-{j.code}-{os.getpid()}-{time.time_ns()}"
                                                                 for j in jobs])
        by_key = {f.key: j.code for f, j in zip(futures, jobs)}
        for fut in dask_completed(futures):
            try:
                outcome = fut.result()
            except Exception as exc:  # worker lost etc.
                outcome = ReportOutcome(code=by_key[fut.key], status="failed", seconds=0.0,
                                        error={"ename": type(exc).__name__, "evalue": str(exc), "kind": "werker"})
            on_done(outcome)
        if cluster is not None:
            _stop_dask_kernels(client)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _stop_dask_kernels(client: Any) -> None:
    """Stop the warm kernel of every worker of our own LocalCluster before it closes.

    Run as a task pinned to each worker (so in the thread that owns the kernel's sockets); without it the workers
    stop their kernels while closing, which can outlast the nanny's patience and prints "Worker process still alive
    after ... seconds, killing" after the progress bar. Kernels on an external cluster stay warm for the next batch.
    """
    from wijklib.reports.worker import shutdown_worker

    try:
        workers = list(client.scheduler_info().get("workers", {}))
        futs = [client.submit(shutdown_worker, workers=[w], allow_other_workers=False, pure=False,
                              key=f"stop-kernel-{i}-{os.getpid()}-{time.time_ns()}") for i, w in enumerate(workers)]
        client.gather(futs, errors="skip")
    except Exception:  # pragma: no cover - closing anyway
        pass


class _FolderLock:
    """One batch at a time per output folder (the manifest is rewritten during a run)."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / ".wijk-rapport.lock"
        self.made: list[Path] = []  # folders this lock made (removed again when they stay empty)

    def __enter__(self) -> "_FolderLock":
        missing = self.path.parent
        while not missing.exists() and missing != missing.parent:
            self.made.append(missing)
            missing = missing.parent
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                try:
                    pid = int(self.path.read_text().strip() or 0)
                    os.kill(pid, 0)
                except (ValueError, ProcessLookupError, PermissionError, OSError):
                    self.path.unlink(missing_ok=True)  # left by a process that no longer runs
                    continue
                raise InputError(f"in deze map draait al een rapportbatch (proces {pid}); wacht tot die klaar is of "
                                 "kies een andere uitvoermap", file=self.path.parent)
            with os.fdopen(fd, "w") as fh:
                fh.write(str(os.getpid()))
            return self
        raise InputError("kan de uitvoermap niet vergrendelen", file=self.path.parent)

    def __exit__(self, *exc: Any) -> None:
        self.path.unlink(missing_ok=True)
        for folder in self.made:  # innermost first: a run that wrote nothing (bad input) leaves no empty folders
            try:
                folder.rmdir()
            except OSError:  # not empty (the run wrote something) or already gone
                break


def _read_template(template: Path) -> Any:
    """The report template as plain JSON (a v4 notebook), else through nbformat (older formats, its errors).

    Reading the JSON directly keeps nbformat (and the jsonschema it imports, ~1 s) out of the main process; the
    workers read the template with nbformat themselves.
    """
    import json

    try:
        nb = json.loads(template.read_text(encoding="utf-8"))
        if isinstance(nb, dict) and nb.get("nbformat") == 4 and isinstance(nb.get("cells"), list):
            return nb
    except (ValueError, OSError):
        pass
    import nbformat

    return nbformat.read(template, as_version=4)


def run_reports(inputs: BatchInputs | None = None, out_dir: str | Path = "output/rapporten", *,
                areas: str | Iterable[str] | None = None, gemeente: str | Iterable[str] | None = None,
                wijk: str | Iterable[str] | None = None, focus: str | Path | None = None, period: int | None = None,
                workers: int = 2, pdf: bool = False, force: bool = False, backend: str = "local",
                dask_address: str | None = None, language: str = "nl", template: str | Path | None = None,
                parameters: Mapping[str, Mapping[str, Any]] | None = None, keep_notebooks: bool = False,
                cell_timeout: float = 600, fresh_kernels: bool = False, progress: bool = True,
                prepared: PreparedBatch | None = None) -> BatchResult:
    """Make one HTML report (optionally PDF) per selected buurt, an overview page and a manifest.

    Parameters
    ----------
    inputs : BatchInputs, optional
        Input files; default the demo gemeente (:meth:`BatchInputs.demo`).
    out_dir : path
        Output folder (see the module documentation for its layout).
    areas, gemeente, wijk, focus
        Selection (:func:`wijklib.reports.select.select_areas`); default all buurten of the area file.
    period : int, optional
        Year to report on (default the latest).
    workers : int
        Parallel worker processes, each with one warm kernel (default 2).
    pdf : bool
        Also print each report to PDF with headless Chromium.
    force : bool
        Render every area, also when nothing changed.
    backend : {'local', 'dask'}
    dask_address : str, optional
        Scheduler address for ``backend='dask'``; default a LocalCluster with ``workers`` processes.
    language : str
        Report language (``"nl"``).
    template : path, optional
        Report template (default ``templates/rapport/rapport_buurt.ipynb``).
    parameters : mapping code -> mapping, optional
        Extra template parameters per area (they must exist in the template's ``parameters`` cell).
    keep_notebooks : bool
        Also keep the executed notebook of successful areas (``buurten/<code>.ipynb``).
    cell_timeout : float
        Seconds a template cell may run.
    fresh_kernels : bool
        A new kernel for every report (slow; the reference behaviour for tests and benchmarks).
    progress : bool
        Show a progress bar (tqdm).
    prepared : PreparedBatch, optional
        Reuse an already prepared batch (must live in ``<out>/_batch``).

    Returns
    -------
    BatchResult

    Raises
    ------
    InputError
        Bad input, unknown areas, unknown backend or parameters (before any report is rendered).
    """
    from wijklib.reports.view import LANGUAGES

    t_start = time.perf_counter()
    started = utc_now()
    if backend not in BACKENDS:
        raise InputError(f"onbekende backend {backend!r}; kies uit {', '.join(BACKENDS)}", column="backend")
    if int(workers) < 1:
        raise InputError(f"aantal werkprocessen moet minstens 1 zijn, niet {workers}", column="workers")
    if language not in LANGUAGES:
        raise InputError(f"taal {language!r} wordt niet ondersteund; kies uit: {', '.join(LANGUAGES)}",
                         column="language")
    template = Path(template) if template else DEFAULT_TEMPLATE
    if not template.exists():
        raise InputError("rapportsjabloon niet gevonden", file=template)
    known = parameter_names(_read_template(template))
    for need in ("area_code", "batch_dir", "language"):
        if need not in known:
            raise InputError(f"het sjabloon mist de parameter '{need}' in de cel met tag 'parameters'", file=template)
    extra = {str(k).upper(): dict(v) for k, v in (parameters or {}).items()}
    for code, ps in extra.items():
        bad = [k for k in ps if k not in known]
        if bad:
            raise InputError(f"onbekende parameter(s) voor {code}: {', '.join(bad)}; het sjabloon kent "
                             f"{', '.join(known)}", column=bad[0])

    out_dir = Path(out_dir).resolve()
    with _FolderLock(out_dir):
        return _run_locked(inputs, out_dir, areas=areas, gemeente=gemeente, wijk=wijk, focus=focus, period=period,
                           workers=workers, pdf=pdf, force=force, backend=backend, dask_address=dask_address,
                           language=language, template=template, extra=extra, keep_notebooks=keep_notebooks,
                           cell_timeout=cell_timeout, fresh_kernels=fresh_kernels, progress=progress,
                           prepared=prepared, t_start=t_start, started=started)


def _keep_last_report(entry: dict, out_dir: Path, code: str) -> None:
    """A report that was not made this run: the last good one stays, marked outdated ("verouderd")."""
    for k, suffix in (("html", ".html"), ("pdf", ".pdf")):
        old_file = out_dir / "buurten" / f"{code}{suffix}"
        entry[k] = _rel(str(old_file), out_dir) if old_file.exists() else None
    entry["verouderd"] = entry["html"] is not None
    if not entry["verouderd"]:
        entry["report_utc"] = None


def _run_locked(inputs, out_dir: Path, **kw: Any) -> BatchResult:
    config = WorkerConfig(template=str(kw["template"].resolve()), cwd=str(out_dir), cell_timeout=kw["cell_timeout"],
                          fresh_kernel=kw["fresh_kernels"])
    early: list[ProcessPoolExecutor | None] = [None]
    if (kw["prepared"] is None and kw["backend"] == "local" and not kw["fresh_kernels"]
            and not (out_dir / "manifest.json").exists()):
        # a first run: the workers start their kernels while the batch is prepared (a rerun may skip every
        # report, so it starts them only when it knows there is work)
        early[0] = _local_pool(config, int(kw["workers"]), warm=True)
    try:
        return _run_body(inputs, out_dir, config=config, early=early, **kw)
    finally:
        if early[0] is not None:  # bad input, or nothing to render after all
            early[0].shutdown(wait=True, cancel_futures=True)


def _run_body(inputs, out_dir: Path, *, areas, gemeente, wijk, focus, period, workers, pdf, force, backend,
              dask_address, language, template, extra, keep_notebooks, cell_timeout, fresh_kernels, progress,
              prepared, t_start, started, config: WorkerConfig, early: list) -> BatchResult:
    batch_dir = out_dir / "_batch"
    t_prep = time.perf_counter()
    if prepared is None:
        prepared = prepare_batch(inputs or BatchInputs.demo(), batch_dir, areas=list(areas) if areas is not None and
                                 not isinstance(areas, str) else areas, gemeente=gemeente, wijk=wijk, focus=focus,
                                 period=period)
    elif Path(prepared.batch_dir).resolve() != batch_dir:
        raise InputError(f"de voorbereide batch staat in {prepared.batch_dir}, verwacht {batch_dir}",
                         column="prepared")
    prep_seconds = time.perf_counter() - t_prep
    for sub in ("buurten", "mislukt"):
        (out_dir / sub).mkdir(parents=True, exist_ok=True)
        for stale in (out_dir / sub).glob(".BU*.tmp"):  # left behind by an interrupted earlier run
            stale.unlink(missing_ok=True)
    unknown = [c for c in extra if c not in prepared.areas]
    if unknown:
        raise InputError(f"parameters voor gebieden die niet in de selectie zitten: {', '.join(unknown)}",
                         column="parameters")
    t_hash = template_hash(template)
    her_path = batch_dir / "herkomst.json"
    import json

    her = json.loads(her_path.read_text(encoding="utf-8")) if her_path.exists() else {}
    her["template_hash"] = t_hash
    write_json_if_changed(her_path, her)

    manifest_path = out_dir / "manifest.json"
    manifest = load_manifest(manifest_path)
    entries: dict[str, dict] = manifest["areas"]
    for e in entries.values():
        e["in_last_run"] = False
    manifest.update({"schema": MANIFEST_SCHEMA, "tool": "wijklib.reports", "wijklib_version": wijklib_version(),
                     "template": _rel(str(template), REPO_ROOT) or str(template), "template_hash": t_hash,
                     "period": prepared.shared["period"], "gemeenten": prepared.shared["gemeenten"],
                     "notes": prepared.notes,
                     "urgency_notes": {k: (prepared.shared.get("urgency") or {}).get(k) or ""
                                       for k in ("missing_domains_text", "trend_note")}})

    jobs: list[ReportJob] = []
    result = BatchResult(out_dir=out_dir, index=out_dir / "index.html", manifest=manifest_path,
                         prepare_seconds=round(prep_seconds, 3))
    for code in prepared.areas:
        params = {"area_code": code, "batch_dir": str(batch_dir), "language": language, **extra.get(code, {})}
        p_hash = _params_hash(params)
        html_path = child_path(out_dir / "buurten", code, ".html", key="area_code")
        pdf_path = out_dir / "buurten" / f"{code}.pdf" if pdf else None
        old = entries.get(code, {})
        row = prepared.rows.get(code, {})
        entry = {**old, **row, "code": code, "name": prepared.names.get(code, code), "in_last_run": True,
                 "parameters": params}
        unchanged = (not force and old.get("status") == "ok" and old.get("input_hash") == prepared.input_hashes[code]
                     and old.get("params_hash") == p_hash and old.get("template_hash") == t_hash
                     and html_path.exists() and (pdf_path is None or pdf_path.exists()))
        entry.update({"input_hash": prepared.input_hashes[code], "params_hash": p_hash, "template_hash": t_hash})
        if unchanged:
            entry["last_action"] = "skipped"
            result.skipped.append(code)
        else:
            jobs.append(ReportJob(code=code, name=prepared.names.get(code, code), parameters=params,
                                  html_path=str(html_path), failed_path=str(out_dir / "mislukt" / f"{code}.ipynb"),
                                  notebook_path=str(out_dir / "buurten" / f"{code}.ipynb") if keep_notebooks else None,
                                  pdf_path=str(pdf_path) if pdf_path else None, config=config))
            entry["last_action"] = "pending"
            # until its report is written again, the area is not "ok" under the new hashes: a run that is stopped
            # (killed, interrupted) leaves it pending, so the next run renders it instead of skipping a stale report
            entry["status"] = "pending"
        entries[code] = entry

    last_save = [0.0]

    def save(final: bool = False) -> None:
        if final or time.monotonic() - last_save[0] >= _MANIFEST_EVERY:
            save_manifest(manifest_path, manifest)
            last_save[0] = time.monotonic()

    bar = None
    if progress and jobs:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(jobs), desc="buurtrapporten", unit="rapport", file=sys.stderr)

    def on_done(o: ReportOutcome) -> None:
        e = entries[o.code]
        e.update({"status": o.status, "seconds": o.seconds, "rendered_utc": utc_now(), "error": o.error,
                  "html": _rel(o.html, out_dir), "pdf": _rel(o.pdf, out_dir), "pdf_error": o.pdf_error,
                  "notebook": _rel(o.notebook, out_dir), "failed_notebook": _rel(o.failed_notebook, out_dir),
                  "warnings": o.warnings, "last_action": "made" if o.status == "ok" else "failed"})
        if o.status == "ok":
            result.made.append(o.code)
            e.update({"verouderd": False, "report_utc": e["rendered_utc"]})
        else:
            result.failed.append(o.code)
            _keep_last_report(e, out_dir, o.code)
        result.outcomes[o.code] = o
        if bar is not None:
            bar.update(1)
            if result.failed:
                bar.set_postfix(mislukt=len(result.failed))
        save()

    save(final=True)
    try:
        if jobs:
            n = max(1, min(int(workers), len(jobs)))
            if backend == "local":
                pool, early[0] = early[0], None
                _run_local(jobs, config, n, on_done, pool=pool)
            else:
                _run_dask(jobs, config, n, dask_address, on_done)
    finally:
        if bar is not None:
            bar.close()
        result.seconds = round(time.perf_counter() - t_start, 3)
        for code, e in entries.items():
            if e.get("last_action") == "pending":  # never ran (backend failed to start, interrupted): failed
                e["last_action"] = "not_run"
                e["status"] = "failed"
                e["error"] = e.get("error") or {"kind": "niet_gemaakt", "ename": "NietGemaakt",
                                                "evalue": "de run stopte voordat dit rapport gemaakt was; draai "
                                                          "opnieuw om het te maken"}
                _keep_last_report(e, out_dir, code)
                if code not in result.failed:
                    result.failed.append(code)  # so that the manifest, the index and the exit status agree
        manifest["last_run"] = {"started_utc": started, "finished_utc": utc_now(), "seconds": result.seconds,
                                "prepare_seconds": result.prepare_seconds, "workers": int(workers),
                                "backend": backend, "selected": len(prepared.areas), "made": len(result.made),
                                "skipped": len(result.skipped), "failed": len(result.failed)}
        save(final=True)
        write_index(out_dir, manifest, batch_dir=batch_dir)
    return result
