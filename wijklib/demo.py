"""The main job on the embedded demo data: ``wijk demo`` (also ``make demo`` and ``python -m wijklib.demo``).

Makes a report for every buurt of the fictional demo gemeente Lindewaard (with ``index.html`` and
``manifest.json``), then runs the notebooks on the same data, and prints where everything is.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from wijklib.notebooks import NOTEBOOK_DIR, run_notebook

#: Notebooks that make up the demo, in order, with their demo parameters (``{out}`` = the output folder).
DEMO_NOTEBOOKS: list[tuple[str, dict]] = [
    ("00_catalogus_rondleiding.ipynb", {}),
    ("01_urgentieanalyse.ipynb", {"uitvoermap": "{out}/urgentie"}),
    ("02_stakeholderkaart.ipynb", {"uitvoermap": "{out}/stakeholders"}),
    ("03_kaart_focusgebieden.ipynb", {"uitvoermap": "{out}/kaarten",
                                      "focus_bestand": "{out}/urgentie/focusgebieden.csv"}),
    ("04_randvoorwaarden_quickscan.ipynb", {"formulier_meenemen": False}),
    ("05_interventies_en_principes.ipynb", {}),
    ("06_procesmonitor.ipynb", {}),
    ("07_weerbare_gemeenschap.ipynb", {"uitvoermap": "{out}/gemeenschap"}),
    ("08_verhalen.ipynb", {"uitvoermap": "{out}/verhalen"}),
]


def run_demo_notebooks(out: Path) -> int:
    """Run the demo notebooks into ``out/notebooks`` (executed notebook + HTML); return the number that failed."""
    failed = 0
    for name, params in DEMO_NOTEBOOKS:
        params = {k: v.replace("{out}", str(out)) if isinstance(v, str) else v for k, v in params.items()}
        start = time.perf_counter()
        try:
            paths = run_notebook(NOTEBOOK_DIR / name, out / "notebooks", params)
        except Exception as exc:  # report and go on with the next notebook
            failed += 1
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            print(f"  MISLUKT  {name}: {type(exc).__name__}: {first}")
            continue
        print(f"  klaar    {name} ({time.perf_counter() - start:.1f} s) -> {paths['html']}")
    return failed


def run_demo(out: str | Path = "output/demo", *, notebooks: bool = True) -> int:
    """Make the demo: a report per buurt of Lindewaard (``out/rapporten``) and, optionally, the notebooks.

    Parameters
    ----------
    out : str or Path
        Output folder (created when missing).
    notebooks : bool
        Also run the demo notebooks into ``out/notebooks``.

    Returns
    -------
    int
        Exit status: 0 when everything was made, 1 when a report or a notebook failed.
    """
    out = Path(out).resolve()
    print(f"wijklib demo: fictieve gemeente Lindewaard, uitvoer naar {out}\n")

    from wijklib.cli import main as wijk

    print("1. Rapporten per buurt (wijk rapport --demo)")
    report_status = wijk(["rapport", "--demo", "--uit", str(out / "rapporten")])
    failed_notebooks = 0
    if notebooks:
        print("\n2. Notebooks op de demodata")
        failed_notebooks = run_demo_notebooks(out)
        print(f"\nNotebooks (HTML): {out / 'notebooks'}")
    print(f"Rapporten per buurt: {out / 'rapporten' / 'index.html'}")
    if failed_notebooks:
        print(f"{failed_notebooks} notebook(s) mislukt; zie *.MISLUKT.ipynb in {out / 'notebooks'}")
    return 1 if (report_status or failed_notebooks) else 0


def main(argv: list[str] | None = None) -> int:
    """``python -m wijklib.demo [--out MAP] [--zonder-notebooks]``; the same as ``wijk demo``."""
    parser = argparse.ArgumentParser(prog="python -m wijklib.demo", description=__doc__)
    parser.add_argument("--out", "--uit", dest="out", default="output/demo",
                        help="uitvoermap (standaard: output/demo)")
    parser.add_argument("--zonder-notebooks", action="store_true", help="alleen de rapporten per buurt maken")
    args = parser.parse_args(argv)
    return run_demo(args.out, notebooks=not args.zonder_notebooks)


if __name__ == "__main__":
    sys.exit(main())
