"""Benchmark of the urgency engine on all buurten of the country (not a test).

Scores the 14,574 buurten of the KWB 2024 selection in
``shared/data/derived/kwb_2024_selectie_misdrijven_gezondheid_woonikveilig.csv`` with the real indicators it
holds (crime per 1,000 inhabitants for 2022-2024, good perceived health, WOZ value, owner-occupied share,
distances to facilities, ...) plus seeded synthetic indicators to reach at least 30 scored indicators, three
periods (2022, 2023, 2024; synthetic where the file has no history), stacking, trends, types, diagnostics and a
Monte Carlo of 1,000 draws over normalisation (z-score, percentile, min-max), reference frame (all, gemeente,
peers), stacking threshold and weights +-25 %.

Prints, for n = 1,000, 4,000 and all buurten, the wall time of ``run_urgency`` (median of ``--repeats`` full runs,
every run listed) and of the Monte Carlo part,
and the peak memory (tracemalloc, in a second run so tracing does not distort the timing), to show roughly
linear growth; then, for all buurten, the target line of issue #17 (< 3 s and < 1 GB on 2 cores).

Usage::

    .venv/bin/python benchmarks/bench_urgency.py [--draws 1000] [--sizes 1000 4000 0] [--repeats 3]

(size 0 = all buurten). The data directory is found as ``../shared/data`` next to the repository or via the
environment variable ``WIJKLIB_SHARED_DATA``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from _targets import nl, target  # noqa: E402  (benchmarks/ is on sys.path: the script's folder)
from wijklib.urgency import run_urgency  # noqa: E402
from wijklib.urgency.diagnostics import UrgencyWarning  # noqa: E402

FILE = "derived/kwb_2024_selectie_misdrijven_gezondheid_woonikveilig.csv"
SEED = 20240601

# real columns -> (indicator id, domain, direction, min_population)
REAL = {
    "inwoners": ("inwoners", "samenstelling", "context", np.nan),
    "dichtheid": ("bevolkingsdichtheid", "samenstelling", "context", np.nan),
    "stedelijkheid": ("stedelijkheid", "samenstelling", "context", np.nan),
    "adressendichtheid": ("omgevingsadressendichtheid", "samenstelling", "context", np.nan),
    "wozWaarde": ("woz_waarde", "wonen", "hoger_is_beter", 50),
    "koopwoningen": ("koopwoningen_pct", "wonen", "hoger_is_beter", 50),
    "inkomenPerInwoner": ("inkomen_per_inwoner", "inkomen_armoede", "hoger_is_beter", 100),
    "afstandHuisarts": ("afstand_huisarts_km", "voorzieningen", "hoger_is_slechter", np.nan),
    "afstandSupermarkt": ("afstand_supermarkt_km", "voorzieningen", "hoger_is_slechter", np.nan),
    "afstandSchool": ("afstand_school_km", "voorzieningen", "hoger_is_slechter", np.nan),
    "scholenBinnen3km": ("scholen_binnen_3km", "voorzieningen", "hoger_is_beter", np.nan),
    "goed_ervaren_gezondheid_pct": ("goed_ervaren_gezondheid_pct", "gezondheid_zorg", "hoger_is_beter", 100),
}
SYNTH_DOMAINS = ["inkomen_armoede", "werk_uitkeringen", "wonen", "veiligheid", "gezondheid_zorg",
                 "jeugd_onderwijs", "fysieke_omgeving"]
PERIODS = (2022, 2023, 2024)


def shared_data() -> Path:
    env = os.environ.get("WIJKLIB_SHARED_DATA")
    return Path(env) if env else REPO / ".." / "shared" / "data"


def build_inputs(n_synth: int = 22) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tidy long table (3 periods) and indicator metadata for all buurten."""
    rng = np.random.default_rng(SEED)
    raw = pd.read_csv(shared_data() / FILE, dtype={"code": str, "postcode": str})
    b = raw[raw["niveau"] == "buurt"].set_index("code")
    n = len(b)
    wide24 = pd.DataFrame(index=b.index)
    meta = []
    for col, (ind, dom, direc, minpop) in REAL.items():
        wide24[ind] = pd.to_numeric(b[col], errors="coerce")
        meta.append((ind, dom, direc, minpop))
    pop = wide24["inwoners"]
    crime = {p: pd.to_numeric(b[f"misdrijven_{p}"], errors="coerce") / pop * 1000 for p in PERIODS}
    meta.append(("misdrijven_per_1000", "veiligheid", "hoger_is_slechter", 100))
    # synthetic indicators: a latent "deprivation" factor correlated with low WOZ, plus noise
    woz = wide24["woz_waarde"]
    latent = -((woz - woz.mean()) / woz.std()).fillna(0.0).to_numpy() * 0.6 + rng.normal(0, 0.8, n)
    synth = {}
    for k in range(n_synth):
        ind = f"synth_{k + 1:02d}"
        dom = SYNTH_DOMAINS[k % len(SYNTH_DOMAINS)]
        load = rng.uniform(0.2, 0.9)
        base = 20 + 8 * (load * latent + rng.normal(0, 1, n))
        base[rng.random(n) < 0.05] = np.nan
        synth[ind] = base
        meta.append((ind, dom, "hoger_is_slechter", 50))
    rows = []
    health = {2022: pd.to_numeric(b["goed_ervaren_gezondheid_2022"], errors="coerce"),
              2024: pd.to_numeric(b["goed_ervaren_gezondheid_2024"], errors="coerce")}
    health[2023] = (health[2022] + health[2024]) / 2
    for t, per in enumerate(PERIODS):
        w = wide24.copy()
        back = len(PERIODS) - 1 - t
        for ind in ("woz_waarde", "koopwoningen_pct", "inkomen_per_inwoner"):
            w[ind] = wide24[ind] * (1 - 0.03 * back) * rng.normal(1, 0.01, n)
        w["goed_ervaren_gezondheid_pct"] = health[per]
        w["misdrijven_per_1000"] = crime[per]
        for ind, base in synth.items():
            drift = rng.normal(0, 0.5, n) * back
            w[ind] = base - drift
        long = w.reset_index(names="area_code").melt(id_vars="area_code", var_name="indicator", value_name="value")
        long["period"] = per
        rows.append(long)
    long = pd.concat(rows, ignore_index=True)
    long["status"] = np.where(long["value"].isna(), "ontbreekt", "waarde")
    meta_df = pd.DataFrame(meta, columns=["indicator", "domain", "direction", "min_population"])
    return long, meta_df


CONFIG = {
    "reference": {"frame": "all", "peers": {"k": 50, "context": ["stedelijkheid", "omgevingsadressendichtheid",
                                                                  "inwoners"]}},
    "uncertainty": {"draws": 1000, "frames": ["all", "gemeente", "peers"], "top_k": 100, "chunk_size": 100},
    "focus": {"k": 100},
}


def run_once(long: pd.DataFrame, meta: pd.DataFrame, draws: int, repeats: int = 3
             ) -> tuple[float, float, object, list[float]]:
    """Median wall time of ``repeats`` full runs, the Monte Carlo part of the median run, the result, all times.

    The first full run in a fresh process is usually a few tenths slower than the next ones (the memory it takes is
    new to the process: page faults); all runs are printed, the median is the figure judged against the target.
    """
    cfg = {**CONFIG, "uncertainty": {**CONFIG["uncertainty"], "draws": draws}}
    cfg0 = {**CONFIG, "uncertainty": {**CONFIG["uncertainty"], "draws": 0}}
    times, mc = [], []
    res = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UrgencyWarning)
        for _ in range(max(1, repeats)):
            t0 = time.perf_counter()
            run_urgency(long, meta, cfg0)
            t_base = time.perf_counter() - t0
            t0 = time.perf_counter()
            res = run_urgency(long, meta, cfg)
            times.append(time.perf_counter() - t0)
            mc.append(times[-1] - t_base)
    mid = int(np.argsort(times)[len(times) // 2])
    return times[mid], mc[mid], res, times


def main(argv: "list[str] | None" = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 4000, 0])
    ap.add_argument("--repeats", type=int, default=3, help="volledige runs per n (de mediaan telt)")
    args = ap.parse_args(argv)
    if not (shared_data() / FILE).is_file():
        print(f"gegevens niet gevonden: {shared_data() / FILE} (zet WIJKLIB_SHARED_DATA)")
        return
    t0 = time.perf_counter()
    long_all, meta = build_inputs()
    n_scored = int((meta["direction"] != "context").sum())
    areas = long_all["area_code"].unique()
    print(f"invoer: {len(areas)} buurten, {n_scored} gescoorde indicatoren, {len(PERIODS)} perioden, "
          f"{len(long_all):,} rijen; opgebouwd in {time.perf_counter() - t0:.1f} s")
    print(f"Monte Carlo: {args.draws} trekkingen over normalisatie x referentiekader (all, gemeente, peers) x "
          "stapeldrempel x gewichten +-25%")
    print(f"mediaan van {args.repeats} volledige runs per n (alle runs staan erachter; de eerste in een vers proces "
          "is meestal wat trager)")
    print(f"{'n':>7} {'totaal s':>9} {'MC s':>7} {'piek MB':>8} {'s per 1000':>11}  alle runs (s)")
    national: tuple[float, float] | None = None
    rng = np.random.default_rng(SEED)
    perm = rng.permutation(areas)
    for size in args.sizes:
        n = len(areas) if size in (0, None) or size >= len(areas) else size
        keep = set(perm[:n])
        long = long_all[long_all["area_code"].isin(keep)]
        t_all, t_mc, res, runs = run_once(long, meta, args.draws, args.repeats)
        tracemalloc.start()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UrgencyWarning)
            run_urgency(long, meta, {**CONFIG, "uncertainty": {**CONFIG["uncertainty"], "draws": args.draws}})
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{n:>7} {t_all:>9.2f} {t_mc:>7.2f} {peak / 2**20:>8.0f} {t_all / n * 1000:>11.3f}  "
              + " / ".join(f"{x:.2f}" for x in runs))
        if n == len(areas):
            national = (t_all, peak / 2**20)
    sc = res.scores
    print(f"laatste run: {int(sc['index'].notna().sum())} buurten met score, "
          f"{int(res.stacking['stacked'].sum())} met opstapeling, "
          f"{int((res.uncertainty['robustness'] == 'robuust in').sum())} robuust in de top "
          f"{CONFIG['uncertainty']['top_k']}; urgentietypen: "
          + ", ".join(f"{k} {v}" for k, v in res.types["urgency_type"].value_counts().items()))
    print("diagnostiek:", "; ".join(res.diagnostics["code"].tolist()))
    if national is not None:
        seconds, mb = national
        target(f"urgentie van alle {len(areas):,} buurten".replace(",", "."),
               f"{nl(seconds)} s (mediaan), {mb:.0f} MB (piek volgens tracemalloc)", "< 3 s en < 1 GB op 2 cores",
               seconds < 3.0 and mb < 1024)


if __name__ == "__main__":
    main()
