"""Benchmark of batch per-area reports on the demo gemeente (not a test).

Three ways to turn the same template (``templates/rapport/rapport_buurt.ipynb``) into one code-free HTML report
per buurt, on the same prepared batch and the same areas:

(a) naive loop: per area the ``papermill`` command line, then ``jupyter nbconvert --to html --no-input``
    (two fresh Python processes and one fresh kernel per report), one area after the other;
(b) ``papermill.execute_notebook`` + nbconvert's ``HTMLExporter(exclude_input=True)`` in a
    ``ProcessPoolExecutor`` with 2 workers (a fresh kernel per report, workers reused);
(c) wijklib's runner with 2 workers: ONE warm kernel per worker, re-run in a clean namespace, custom offline HTML
    export, atomic writes. Its wall time INCLUDES preparing the batch (``prepare_batch``), which (a) and (b) get
    for free (prepared once beforehand, shown in the row ``prepare``);
(d) the same jobs as (c) on a ``dask.distributed`` LocalCluster (what ``wijk rapport --dask`` does) with 1 and with
    ``--workers`` worker processes: throughput (reports per minute), marginal time per report and what the 14,574
    buurten of the country would cost at that rate (``--skip-dask`` leaves it out).

For ``--areas N`` larger than the 30 demo buurten the areas are repeated (written under other file names). A real
batch never renders one area twice, so for (c) the benchmark drives the runner's worker pool
(``wijklib.reports.runner._run_local``, exactly what :func:`~wijklib.reports.run_reports` uses) with the repeated
job list after one ``prepare_batch``; manifest and index writing (milliseconds) are left out.

Columns: wall time; seconds per report (wall / N); marginal seconds per extra report (from two sizes N/2 and N:
``(T(N) - T(N/2)) / (N/2)``, for (a) simply wall / N because nothing is shared); peak memory = largest sampled sum
of the RSS of this process and all its children (workers, kernels, command-line tools; sampled every 0.1 s; shared
pages are counted once per process, so this overstates real use); ratios against (c).

Usage::

    .venv/bin/python benchmarks/bench_reports.py [--areas 30] [--workers 2] [--skip-naive] [--skip-papermill] [--skip-dask]
    .venv/bin/python benchmarks/bench_reports.py --areas 200 --skip-naive   # memory flat in N?
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

def _pm_job(args: tuple[str, str, str, str]) -> str:
    import nbformat
    import papermill as pm
    from nbconvert import HTMLExporter

    code, name, batch, out = args
    nb_path = Path(out) / f"{name}.ipynb"
    pm.execute_notebook(str(TEMPLATE), str(nb_path), parameters={"area_code": code, "batch_dir": batch},
                        kernel_name="python3", progress_bar=False, cwd=out)
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

def _wijklib_jobs(jobs: list[tuple[str, str]], out: Path):
    from wijklib.reports import BatchInputs, prepare_batch
    from wijklib.reports.worker import ReportJob, WorkerConfig

    out.mkdir(parents=True, exist_ok=True)
    codes = sorted({c for c, _ in jobs})
    prepared = prepare_batch(BatchInputs.demo(), out / "_batch", areas=codes)
    config = WorkerConfig(template=str(TEMPLATE), cwd=str(out))
    rjobs = [ReportJob(code=c, name=prepared.names[c], parameters={"area_code": c, "batch_dir": str(out / "_batch"),
                                                                  "language": "nl"},
                       html_path=str(out / "buurten" / f"{n}.html"), failed_path=str(out / "mislukt" / f"{n}.ipynb"),
                       config=config) for c, n in jobs]
    return rjobs, config


def run_wijklib(jobs: list[tuple[str, str]], out: Path, workers: int) -> int:
    from wijklib.reports.runner import _run_local

    rjobs, config = _wijklib_jobs(jobs, out)
    failed = []
    _run_local(rjobs, config, workers, lambda o: failed.append(o.code) if o.status != "ok" else None)
    return len(failed)


# ---- (d) the same jobs on a Dask LocalCluster ------------------------------------------------------------------------

def run_wijklib_dask(jobs: list[tuple[str, str]], out: Path, workers: int) -> int:
    """(d): what ``wijk rapport --dask`` does (``wijklib.reports.runner._run_dask``) on a LocalCluster of
    ``workers`` processes, including starting the cluster."""
    from wijklib.reports.runner import _run_dask

    rjobs, config = _wijklib_jobs(jobs, out)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=30, help="number of reports (demo areas repeated beyond 30)")
    parser.add_argument("--workers", type=int, default=2)
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

        dask_rows: list[tuple[int, float, float | None]] = []
        if not args.skip_dask:
            try:
                import distributed  # noqa: F401
            except ImportError:
                print("  (d) overgeslagen: dask/distributed niet geïnstalleerd (pip install 'wijklib[dask]')")
            else:
                import statistics

                for w in sorted({1, max(1, args.workers)}):
                    wall_h, _ = measure(run_wijklib_dask, half_jobs, work / f"d{w}_half", w)
                    DASK_SECONDS.clear()
                    wall_d, _ = measure(run_wijklib_dask, full_jobs, work / f"d{w}", w)
                    in_worker = statistics.median(DASK_SECONDS) if DASK_SECONDS else None
                    dask_rows.append((w, wall_d, (wall_d - wall_h) / (n - half) if n > half else None, in_worker))
                    print(f"  (d) Dask, {w} werker(s) klaar: {wall_d:.1f} s", flush=True)

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
              "machine met 2 cores): (c) >= 15x sneller dan (a) en >= 4x sneller dan (b); marginale kosten van (c) "
              "<= 0,15 s per rapport; geheugen van (c) vlak in N (vergelijk --areas 30 met --areas 200).")
        for key, goal in (("(a)", 15.0), ("(b)", 4.0)):
            other = next((r for name, r in results.items() if name.startswith(key)), None)
            if other is not None:
                ratio = other["wall"] / c["wall"]
                print(f"  {key}: (c) is {ratio:.1f}x sneller (doel {goal:.0f}x): {'gehaald' if ratio >= goal else 'NIET gehaald'}")
        if c["marginal"] is not None and c["marginal"] <= 0:
            print("  marginale kosten (c): niet te meten in deze run (de belasting van de machine wisselde; neem meer "
                  "rapporten met --areas)")
        elif c["marginal"] is not None:
            print(f"  marginale kosten (c): {c['marginal']:.2f} s per rapport (doel 0,15 s): "
                  f"{'gehaald' if c['marginal'] <= 0.15 else 'NIET gehaald'}")
        if dask_rows:
            print(f"\n(d) Dask LocalCluster (wijk rapport --dask), {n} rapporten, wandtijd inclusief opstarten van het "
                  "cluster en voorbereiden:")
            print(f"{'werkers':>8} {'wand (s)':>9} {'rapporten/min':>14} {'marginaal (s)':>14} "
                  f"{'s/rapport in werker':>20} {'14.574 rapporten, werkeruur':>28}")
            for w, wall_d, marg, in_worker in dask_rows:
                marg_txt = f"{marg:.2f}" if marg is not None and marg > 0 else "–"
                per = in_worker if in_worker else wall_d / n * w
                print(f"{w:>8} {wall_d:>9.1f} {60 * n / wall_d:>14.1f} {marg_txt:>14} {per:>20.2f} "
                      f"{14574 * per / 3600:>28.1f}")
            print("  (s/rapport in werker: mediaan van de tijd die een werker aan één rapport besteedt: kernel, export, "
                  "schrijven; laatste kolom: die tijd x 14.574 buurten, in werkeruren: op een cluster met W even snelle "
                  "werkers duurt het dit gedeeld door W, plus voorbereiden en opstarten)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
