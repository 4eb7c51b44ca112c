"""Small synthetic inputs for the urgency engine tests (no shared data needed)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def make_meta(rows: "list[tuple]") -> pd.DataFrame:
    """Metadata from (indicator, domain, direction[, min_population[, weight]]) tuples."""
    out = []
    for r in rows:
        r = tuple(r) + (np.nan,) * (5 - len(r))
        out.append(dict(zip(["indicator", "domain", "direction", "min_population", "weight"], r)))
    return pd.DataFrame(out)


def quiet(**overrides) -> dict:
    """Config dict without Monte Carlo and with the given top-level overrides merged in."""
    cfg: dict = {"uncertainty": {"draws": 0}}
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(cfg.get(key), dict):
            cfg[key] = {**cfg[key], **value}
        else:
            cfg[key] = value
    return cfg


def synthetic_panel(n_areas: int = 30, periods=(2020, 2022, 2024), seed: int = 1, gemeenten: int = 2):
    """Tidy long table + metadata: 6 scored indicators in 3 domains, 2 context variables."""
    rng = np.random.default_rng(seed)
    meta = make_meta([
        ("misdrijven_per_1000", "veiligheid", "hoger_is_slechter", 100),
        ("geweld_per_1000", "veiligheid", "hoger_is_slechter", 100),
        ("bijstand_per_1000", "werk_uitkeringen", "hoger_is_slechter"),
        ("arbeidsparticipatie_pct", "werk_uitkeringen", "hoger_is_beter"),
        ("woz_waarde", "wonen", "hoger_is_beter"),
        ("corporatiewoningen_pct", "wonen", "hoger_is_slechter"),
        ("stedelijkheid", "samenstelling", "context"),
        ("inwoners", "samenstelling", "context"),
    ])
    codes = [f"BU99{g + 1:02d}01{i:02d}" for g in range(gemeenten) for i in range(n_areas // gemeenten)]
    base = {
        "misdrijven_per_1000": rng.gamma(4, 12, len(codes)),
        "geweld_per_1000": rng.gamma(3, 2, len(codes)),
        "bijstand_per_1000": rng.gamma(3, 15, len(codes)),
        "arbeidsparticipatie_pct": rng.normal(65, 6, len(codes)),
        "woz_waarde": rng.normal(300, 60, len(codes)),
        "corporatiewoningen_pct": rng.uniform(5, 70, len(codes)),
        "stedelijkheid": rng.integers(1, 6, len(codes)).astype(float),
        "inwoners": rng.integers(300, 4000, len(codes)).astype(float),
    }
    rows = []
    for t, per in enumerate(periods):
        for ind, vals in base.items():
            drift = 0.0 if ind in ("stedelijkheid", "inwoners") else 0.02 * t
            noise = rng.normal(1, 0.03, len(codes)) if drift else 1.0
            for c, v in zip(codes, vals * (1 + drift) * noise):
                rows.append((c, ind, per, float(v), "waarde"))
    long = pd.DataFrame(rows, columns=["area_code", "indicator", "period", "value", "status"])
    return long, meta


def wide_from(values: dict, codes=None) -> pd.DataFrame:
    """Wide table from {indicator: list}."""
    n = len(next(iter(values.values())))
    codes = codes or [f"BU9901{i:04d}" for i in range(n)]
    return pd.DataFrame(values, index=pd.Index(codes, name="area_code"))
