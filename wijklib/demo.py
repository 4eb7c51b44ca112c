"""The main job on the embedded demo data: ``make demo`` (``python -m wijklib.demo``).

Runs the demo notebooks on the fictional gemeente and prints where the results are.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from wijklib.notebooks import NOTEBOOK_DIR, run_notebook

#: Notebooks that make up the demo, in order, with their demo parameters.
DEMO_NOTEBOOKS: list[tuple[str, dict]] = [
    ("00_catalogus_rondleiding.ipynb", {}),
    ("01_urgentieanalyse.ipynb", {"uitvoermap": "{out}/urgentie"}),
    ("03_kaart_focusgebieden.ipynb", {"uitvoermap": "{out}/kaarten",
                                      "focus_bestand": "{out}/urgentie/focusgebieden.csv"}),
    ("04_randvoorwaarden_quickscan.ipynb", {"formulier_meenemen": False}),
    ("05_interventies_en_principes.ipynb", {}),
    ("06_procesmonitor.ipynb", {}),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wijklib.demo", description=__doc__)
    parser.add_argument("--out", default="output/demo", help="uitvoermap (standaard: output/demo)")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    print(f"wijklib demo: fictieve gemeente, uitvoer naar {out}")
    failed = 0
    for name, params in DEMO_NOTEBOOKS:
        start = time.perf_counter()
        try:
            params = {k: v.replace("{out}", str(out)) if isinstance(v, str) else v for k, v in params.items()}
            paths = run_notebook(NOTEBOOK_DIR / name, out / "notebooks", params)
        except Exception as exc:  # report and go on with the next notebook
            failed += 1
            print(f"  MISLUKT  {name}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
            continue
        print(f"  klaar    {name} ({time.perf_counter() - start:.1f} s) -> {paths['html']}")
    print(f"\nResultaten staan in: {out}")
    if failed:
        print(f"{failed} notebook(s) mislukt; zie de bestanden *.MISLUKT.ipynb in {out / 'notebooks'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
