"""Run every benchmark script in this folder (``make benchmark``). Each prints its own table.

Benchmarks measure speed and memory; they are not tests and never fail on a time.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(p for p in HERE.glob("bench_*.py"))
    if not scripts:
        print("geen benchmarks gevonden")
        return 0
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        runpy.run_path(str(script), run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
