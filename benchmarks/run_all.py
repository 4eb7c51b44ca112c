"""Run every benchmark script in this folder (``make benchmark``), then repeat all target lines in one summary.

Each script prints its own table; the lines saying whether a target of issue #17 was met (``DOEL ...``) or giving
a figure the issue asks for (``MEETWAARDE ...``, e.g. the Dask throughput) are collected by ``_targets.py`` and
printed again together at the end. Benchmarks measure speed and memory; they are not tests and never fail on a
time.

Usage::

    .venv/bin/python benchmarks/run_all.py                       # what `make benchmark` runs (~10 min, quiet machine)
    .venv/bin/python benchmarks/run_all.py --areas 4 --flat-areas 8 --sizes 500 --only reports urgency  # format check

``--areas`` and ``--flat-areas`` go to ``bench_reports.py``, ``--sizes`` to ``bench_urgency.py``; ``--only`` runs
the scripts whose name contains one of the given words.
"""

from __future__ import annotations

import argparse
import runpy
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import _targets  # noqa: E402


def script_args(name: str, args: argparse.Namespace) -> list[str]:
    """Command-line arguments for one benchmark script from the options of this runner."""
    if name == "bench_reports.py":
        return [*(["--areas", str(args.areas)] if args.areas else []),
                *(["--flat-areas", str(args.flat_areas)] if args.flat_areas is not None else [])]
    if name == "bench_urgency.py" and args.sizes:
        return ["--sizes", *map(str, args.sizes)]
    return []


def summary() -> list[str]:
    """The summary block: every target and figure line, with the script that printed it."""
    out = ["", "=" * 100, "SAMENVATTING: doelen van issue #17 en gevraagde meetwaarden (details in de tabellen hierboven)",
           "=" * 100]
    if not _targets.LINES:
        out.append("  (geen doelregels: de benchmarks met doelen zijn niet gedraaid of overgeslagen)")
    for script, line in _targets.LINES:
        out.append(f"  [{script}] {line}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=None, help="bench_reports.py: number of reports (default 30)")
    parser.add_argument("--flat-areas", type=int, default=None,
                        help="bench_reports.py: reports of the flat-memory run (default 500; 0 skips it)")
    parser.add_argument("--sizes", type=int, nargs="+", default=None,
                        help="bench_urgency.py: numbers of buurten (0 = all; default 1000 4000 0)")
    parser.add_argument("--only", nargs="+", default=None, metavar="WOORD",
                        help="only the scripts whose name contains one of these words")
    args = parser.parse_args(argv)
    scripts = sorted(p for p in HERE.glob("bench_*.py")
                     if args.only is None or any(w in p.name for w in args.only))
    if not scripts:
        print("geen benchmarks gevonden")
        return 0
    t_start = time.perf_counter()
    saved = sys.argv
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        _targets.CURRENT[0] = script.name
        # run as __main__ (multiprocessing's spawn re-imports the running script by that name), with its own argv
        sys.argv = [str(script), *script_args(script.name, args)]
        try:
            runpy.run_path(str(script), run_name="__main__")
        except SystemExit as exc:
            if exc.code not in (None, 0):
                print(f"{script.name} stopte met code {exc.code}", flush=True)
        finally:
            sys.argv = saved
    print("\n".join(summary()))
    print(f"  totale duur van de benchmarks: {(time.perf_counter() - t_start) / 60:.1f} min", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
