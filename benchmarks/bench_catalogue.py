"""Benchmark: load the framework catalogue from YAML and run typical queries."""

from __future__ import annotations

import time
import tracemalloc

from wijklib.catalogue import load_catalogue
from wijklib.catalogue.loader import DATA_DIR


def main() -> None:
    tracemalloc.start()
    start = time.perf_counter()
    cat = load_catalogue(DATA_DIR)  # uncached load
    load_s = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    start = time.perf_counter()
    n = 200
    for _ in range(n):
        cat.search("vertrouwen")
    search_ms = (time.perf_counter() - start) / n * 1000

    print(f"{'meting':<36}{'waarde':>14}")
    print(f"{'ingangen':<36}{len(cat):>14}")
    print(f"{'laden (s)':<36}{load_s:>14.3f}")
    print(f"{'piekgeheugen laden (MB)':<36}{peak / 1e6:>14.1f}")
    print(f"{'zoeken, per zoekvraag (ms)':<36}{search_ms:>14.2f}")


if __name__ == "__main__":
    main()
