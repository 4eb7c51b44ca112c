"""Benchmark of batch per-area reports on the demo gemeente (not a test).

Three ways to turn the same template (``templates/rapport/rapport_buurt.ipynb``) into one code-free HTML report
per buurt, on the same prepared batch and the same areas:

(a) naive loop: per area the ``papermill`` command line, then ``jupyter nbconvert --to html --no-input``
    (two fresh Python processes and one fresh kernel per report), one area after the other;
(b) ``papermill.execute_notebook`` + nbconvert's ``HTMLExporter(exclude_input=True)`` in a
    ``ProcessPoolExecutor`` with 2 workers (a fresh kernel per report, workers reused); its kernels talk over unix
    sockets (IPC) like wijklib's, so they print no "running over TCP without encryption" warning each;
(c) wijklib's runner with 2 workers: ONE warm kernel per worker, re-run in a clean namespace, custom offline HTML
    export, atomic writes. Its wall time INCLUDES preparing the batch (``prepare_batch``), which (a) and (b) get
    for free (prepared once beforehand, shown in the row ``prepare``); as ``run_reports`` does on a first run, the
    workers start their kernels while the batch is prepared;
(d) the same jobs as (c) on a ``dask.distributed`` LocalCluster (what ``wijk rapport --dask`` does) with 1 and with
    ``--workers`` worker processes: throughput (reports per minute), the median time a worker spends on one report
    and what the 14,574 buurten of the country would cost at that time (``--skip-dask`` leaves it out);
(e) (c) once more on ``--flat-areas`` reports (default 500, the demo areas repeated): peak memory and seconds per
    report against (c), to show that memory stays flat in N (``--flat-areas 0`` leaves it out).

The lines that say whether a target of issue #17 is met start with ``DOEL`` (see ``_targets.py``); ``run_all.py``
repeats them at the end.

For ``--areas N`` larger than the 30 demo buurten the areas are repeated (written under other file names). A real
batch never renders one area twice, so for (c) the benchmark drives the runner's worker pool
(``wijklib.reports.runner._run_local``, exactly what :func:`~wijklib.reports.run_reports` uses) with the repeated
job list after one ``prepare_batch``; manifest and index writing (milliseconds) are left out.

Columns: wall time; seconds per report (wall / N); marginal seconds per extra report (from two sizes N/2 and N:
``(T(N) - T(N/2)) / (N/2)``, for (a) simply wall / N because nothing is shared); peak memory = largest sampled sum
of the RSS of this process and all its children (workers, kernels, command-line tools; sampled every 0.1 s; shared
pages are counted once per process, so this overstates real use); ratios against (c).

Usage::

    .venv/bin/python benchmarks/bench_reports.py [--areas 30] [--workers 2] [--flat-areas 500] [--skip-naive]
                                                 [--skip-papermill] [--skip-dask]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from _targets import figure, nl, target  # noqa: E402  (benchmarks/ is on sys.path: the script's folder)

TEMPLATE = REPO / "templates" / "rapport" / "rapport_buurt.ipynb"
BIN = Path(sys.executable).parent


class PeakRSS:
    """Sample the summed RSS of this process tree in a background thread."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        import psutil

        total = 0
        try:
            procs = [self.proc] + self.proc.children(recursive=True)
        except psutil.Error:
            return 0
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakRSS":
        self.peak = self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def area_list(codes: list[str], n: int) -> list[tuple[str, str]]:
    """(area code, output name) pairs: the codes repeated up to n, each output name unique."""
    out = []
    for i in range(n):
        code = codes[i % len(codes)]
        rep = i // len(codes)
        out.append((code, code if rep == 0 else f"{code}_{rep}"))
    return out


# ---- (a) naive command-line loop ---------------------------------------------------------------------------------

def run_naive(jobs: list[tuple[str, str]], batch: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for code, name in jobs:
        nb = out / f"{name}.ipynb"
        subprocess.run([str(BIN / "papermill"), str(TEMPLATE), str(nb), "-p", "area_code", code, "-p", "batch_dir",
                        str(batch), "-k", "python3", "--no-progress-bar", "--log-level", "WARNING"],
                       check=True, capture_output=True, cwd=out)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb)], check=True,
                       capture_output=True, cwd=out)


# ---- (b) papermill + HTMLExporter in a process pool ------------------------------------------------------------------

#: folder for the unix sockets of the kernels of (b), set in each worker process by :func:`_pm_job`
_IPC_ROOT: list[str] = []


def _ipc_kernel_manager() -> type:
    """nbclient's default kernel manager, started over IPC (unix sockets in a private folder) instead of TCP.

    The same transport as wijklib's runner (``wijklib.reports.kernel``): fair to (b), and its kernels print no
    "Kernel is running over TCP without encryption" warning each.
    """
    from jupyter_client import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs) -> None:
            folder = tempfile.mkdtemp(prefix="k", dir=_IPC_ROOT[0] if _IPC_ROOT else None)
            super().__init__(transport="ipc", ip=os.path.join(folder, "k"), **kwargs)

    return IPCKernelManager


def _pm_job(args: tuple[str, str, str, str]) -> str:
    import nbformat
    import papermill as pm
    from nbconvert import HTMLExporter

    code, name, batch, out = args
    if not _IPC_ROOT:
        _IPC_ROOT.append(tempfile.mkdtemp(prefix="ipc", dir=out))
    nb_path = Path(out) / f"{name}.ipynb"
    pm.execute_notebook(str(TEMPLATE), str(nb_path), parameters={"area_code": code, "batch_dir": batch},
                        kernel_name="python3", progress_bar=False, cwd=out,
                        kernel_manager_class=_ipc_kernel_manager())
    body, _ = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True).from_notebook_node(
        nbformat.read(nb_path, as_version=4))
    target = Path(out) / f"{name}.html"
    target.write_text(body, encoding="utf-8")
    return str(target)


def run_papermill_pool(jobs: list[tuple[str, str]], batch: Path, out: Path, workers: int) -> None:
    import multiprocessing as mp

    out.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
        list(pool.map(_pm_job, [(c, n, str(batch), str(out)) for c, n in jobs]))


# ---- (c) wijklib runner ----------------------------------------------------------------------------------------------

def _wijklib_jobs(jobs: list[tuple[str, str]], out: Path, early_workers: int = 0):
    """Prepare the batch and make the jobs; with ``early_workers`` the local worker pool is started first, so
    its kernels start while the batch is prepared (what ``run_reports`` does on a first run)."""
    from wijklib.reports import BatchInputs, prepare_batch
    from wijklib.reports.runner import _local_pool
    from wijklib.reports.worker import ReportJob, WorkerConfig

    out.mkdir(parents=True, exist_ok=True)
    config = WorkerConfig(template=str(TEMPLATE), cwd=str(out))
    pool = _local_pool(config, early_workers, warm=True) if early_workers else None
    codes = sorted({c for c, _ in jobs})
    prepared = prepare_batch(BatchInputs.demo(), out / "_batch", areas=codes)
    rjobs = [ReportJob(code=c, name=prepared.names[c], parameters={"area_code": c, "batch_dir": str(out / "_batch"),
                                                                  "language": "nl"},
                       html_path=str(out / "buurten" / f"{n}.html"), failed_path=str(out / "mislukt" / f"{n}.ipynb"),
                       config=config) for c, n in jobs]
    return rjobs, config, pool


def run_wijklib(jobs: list[tuple[str, str]], out: Path, workers: int) -> int:
    from wijklib.reports.runner import _run_local

    rjobs, config, pool = _wijklib_jobs(jobs, out, early_workers=workers)
    failed = []
    _run_local(rjobs, config, workers, lambda o: failed.append(o.code) if o.status != "ok" else None, pool=pool)
    return len(failed)


# ---- (d) the same jobs on a Dask LocalCluster ------------------------------------------------------------------------

def run_wijklib_dask(jobs: list[tuple[str, str]], out: Path, workers: int) -> int:
    """(d): what ``wijk rapport --dask`` does (``wijklib.reports.runner._run_dask``) on a LocalCluster of
    ``workers`` processes, including starting the cluster."""
    from wijklib.reports.runner import _run_dask

    rjobs, config, _ = _wijklib_jobs(jobs, out)
    failed = []

    def done(o) -> None:
        DASK_SECONDS.append(o.seconds)
        if o.status != "ok":
            failed.append(o.code)

    _run_dask(rjobs, config, workers, None, done)
    return len(failed)


#: seconds per report as measured inside the Dask workers (kernel run + export + write), last run of (d)
DASK_SECONDS: list[float] = []


def measure(fn, *args) -> tuple[float, float]:
    with PeakRSS() as mem:
        t0 = time.perf_counter()
        fn(*args)
        wall = time.perf_counter() - t0
    return wall, mem.peak / 2**20


#: the number of buurten of the country (KWB 2024), for the cost of a national batch
NATIONAL_AREAS = 14_574
#: memory counts as flat from N to --flat-areas when the peak grows less than this (a choice of this benchmark)
FLAT_GROWTH = 0.25


def _dask_throughput(full_jobs: list[tuple[str, str]], work: Path, workers: int) -> list[tuple[int, float, float]]:
    """(d): wall time and median in-worker seconds per report on a LocalCluster of 1 and of ``workers`` processes."""
    import statistics

    rows = []
    for w in sorted({1, max(1, workers)}):
        DASK_SECONDS.clear()
        wall, _ = measure(run_wijklib_dask, full_jobs, work / f"d{w}", w)
        in_worker = statistics.median(DASK_SECONDS) if DASK_SECONDS else wall / len(full_jobs) * w
        rows.append((w, wall, in_worker))
        print(f"  (d) Dask, {w} werker(s) klaar: {wall:.1f} s", flush=True)
    return rows


def _print_targets(results: dict[str, dict], key_c: str) -> None:
    """The ratio and marginal-cost targets of issue #17 for (a), (b) and (c)."""
    c = results[key_c]
    for key, goal, label in (("(a)", 15.0, "runner (c) t.o.v. naïeve lus (a)"),
                             ("(b)", 4.0, "runner (c) t.o.v. papermill-pool (b)")):
        other = next((r for name, r in results.items() if name.startswith(key)), None)
        if other is not None:
            ratio = other["wall"] / c["wall"]
            target(label, f"{nl(ratio, 1)}x sneller", f">= {goal:.0f}x", ratio >= goal)
    marg = c["marginal"]
    if marg is not None and marg <= 0:
        target("marginale kosten per rapport (c)", "negatief gemeten: de belasting van de machine wisselde (neem "
               "meer rapporten met --areas)", "<= 0,15 s", None)
    elif marg is not None:
        target("marginale kosten per rapport (c)", f"{nl(marg)} s", "<= 0,15 s", marg <= 0.15)


def _print_flat(n: int, c: dict, flat_n: int, flat: dict) -> None:
    """(e): peak memory and seconds per report at n and at flat_n reports, and whether memory stayed flat."""
    growth = flat["peak"] / c["peak"] - 1
    print(f"\n(e) geheugen van de runner (c) bij {n} en bij {flat_n} rapporten (demobuurten herhaald):")
    print(f"{'N':>6} {'wand (s)':>9} {'s/rapport':>10} {'piek RSS (MB)':>14}")
    for size, r in ((n, c), (flat_n, flat)):
        print(f"{size:>6} {r['wall']:>9.1f} {r['wall'] / size:>10.2f} {r['peak']:>14.0f}")
    target(f"piekgeheugen runner vlak van {n} naar {flat_n} rapporten",
           f"{c['peak']:.0f} MB -> {flat['peak']:.0f} MB ({growth:+.0%}; {nl(c['wall'] / n)} -> "
           f"{nl(flat['wall'] / flat_n)} s/rapport)", f"groei < {FLAT_GROWTH:.0%} (grens van deze benchmark)",
           growth < FLAT_GROWTH)


def _print_dask(n: int, rows: list[tuple[int, float, float]]) -> None:
    """(d): throughput at 1 and 2 workers and the cost of a national batch from the in-worker time per report."""
    print(f"\n(d) Dask LocalCluster (wijk rapport --dask), {n} rapporten, wandtijd inclusief opstarten van het "
          "cluster en voorbereiden:")
    print(f"{'werkers':>8} {'wand (s)':>9} {'rapporten/min':>14} {'s/rapport in werker':>20} "
          f"{'14.574 rapporten (werkeruren)':>30}")
    for w, wall, per in rows:
        print(f"{w:>8} {wall:>9.1f} {60 * n / wall:>14.1f} {per:>20.2f} {NATIONAL_AREAS * per / 3600:>30.1f}")
    print("  (s/rapport in werker: mediaan van de tijd die een werker aan één rapport besteedt: kernel, export, "
          "schrijven; laatste kolom: die tijd x 14.574 buurten; op een cluster met W even snelle werkers duurt het "
          "dit gedeeld door W, plus voorbereiden en opstarten)")
    for w, wall, per in rows:
        figure(f"Dask-doorvoer, {w} werker(s)", f"{nl(60 * n / wall, 1)} rapporten/min ({n} rapporten in "
               f"{nl(wall, 1)} s, met opstarten)")
    w, _, per = rows[-1]
    hours = NATIONAL_AREAS * per / 3600
    figure("kosten van 14.574 rapporten", f"{nl(per)} s per rapport in een werker (mediaan bij {w} werker(s)) x "
           f"14.574 = {nl(hours, 1)} "
           f"werkeruur; op 50 werkers ca. {nl(hours * 60 / 50, 0)} min plus voorbereiden en opstarten")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=30, help="number of reports (demo areas repeated beyond 30)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--flat-areas", type=int, default=500,
                        help="(e): run the runner once more on this many reports to show flat memory (0: skip)")
    parser.add_argument("--skip-naive", action="store_true", help="leave out (a) (slow: ~5-7 s per report)")
    parser.add_argument("--skip-papermill", action="store_true", help="leave out (b)")
    parser.add_argument("--skip-dask", action="store_true", help="leave out (d), the Dask throughput at 1 and 2 workers")
    args = parser.parse_args(argv)
    os.environ.setdefault("WIJKLIB_PSEUDONIEM_KEY", str(Path(tempfile.gettempdir()) / "wijklib-bench-pseudoniem.key"))
    from wijklib.reports import BatchInputs, prepare_batch

    work = Path(tempfile.mkdtemp(prefix="wijklib-bench-rapporten-"))
    try:
        t0 = time.perf_counter()
        batch = prepare_batch(BatchInputs.demo(), work / "batch")
        prep = time.perf_counter() - t0
        n = args.areas
        half = max(1, n // 2)
        full_jobs, half_jobs = area_list(batch.areas, n), area_list(batch.areas, half)
        print(f"{n} rapporten ({len(batch.areas)} verschillende buurten van de demogemeente), "
              f"{args.workers} werkprocessen, {os.cpu_count()} CPU's; voorbereiden van de batch: {prep:.1f} s", flush=True)

        results: dict[str, dict] = {}
        if not args.skip_naive:
            wall, peak = measure(run_naive, full_jobs, batch.batch_dir, work / "a")
            results["(a) papermill-CLI + nbconvert-CLI, serieel"] = {"wall": wall, "peak": peak, "marginal": wall / n}
            print(f"  (a) klaar: {wall:.1f} s", flush=True)
        if not args.skip_papermill:
            wall_h, _ = measure(run_papermill_pool, half_jobs, batch.batch_dir, work / "b_half", args.workers)
            wall, peak = measure(run_papermill_pool, full_jobs, batch.batch_dir, work / "b", args.workers)
            results[f"(b) papermill + HTMLExporter, {args.workers} processen"] = {
                "wall": wall, "peak": peak, "marginal": (wall - wall_h) / (n - half) if n > half else None}
            print(f"  (b) klaar: {wall:.1f} s", flush=True)
        wall_h, _ = measure(run_wijklib, half_jobs, work / "c_half", args.workers)
        wall, peak = measure(run_wijklib, full_jobs, work / "c", args.workers)
        key_c = f"(c) wijklib-runner, {args.workers} warme kernels"
        results[key_c] = {"wall": wall, "peak": peak, "marginal": (wall - wall_h) / (n - half) if n > half else None}
        n_html = len(list((work / "c" / "buurten").glob("*.html")))
        print(f"  (c) klaar: {wall:.1f} s", flush=True)

        flat: dict | None = None
        if args.flat_areas > 0:
            wall_e, peak_e = measure(run_wijklib, area_list(batch.areas, args.flat_areas), work / "e", args.workers)
            flat = {"wall": wall_e, "peak": peak_e}
            print(f"  (e) klaar: {wall_e:.1f} s", flush=True)

        dask_rows: list[tuple[int, float, float]] = []
        if not args.skip_dask:
            try:
                import distributed  # noqa: F401
            except ImportError:
                print("  (d) overgeslagen: dask/distributed niet geïnstalleerd (pip install 'wijklib[dask]')")
            else:
                dask_rows = _dask_throughput(full_jobs, work, args.workers)

        c = results[key_c]
        print()
        print(f"{'aanpak':<44} {'N':>4} {'wand (s)':>9} {'s/rapport':>10} {'marginaal':>10} {'piek RSS (MB)':>14} "
              f"{'tijd / (c)':>10}")
        for name, r in results.items():
            marg = f"{r['marginal']:.2f}" if r["marginal"] is not None else "–"
            print(f"{name:<44} {n:>4} {r['wall']:>9.1f} {r['wall'] / n:>10.2f} {marg:>10} {r['peak']:>14.0f} "
                  f"{r['wall'] / c['wall']:>9.1f}x")
        print(f"{'prepare (eenmalig; in (c) inbegrepen)':<44} {'':>4} {prep:>9.1f}")
        print(f"\n(c) schreef {n_html} HTML-rapporten. Doelen (issue #17, gemeten naast elkaar in één run op een rustige "
              "machine met 2 cores):")
        _print_targets(results, key_c)
        if flat is not None:
            _print_flat(n, c, args.flat_areas, flat)
        if dask_rows:
            _print_dask(n, dask_rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
