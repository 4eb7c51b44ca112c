"""Small and special areas: empirical-Bayes shrinkage of rates and detection of special populations.

* :func:`shrink_rates` pulls the rates of areas with few inhabitants toward the reference mean in proportion to
  their sampling noise (the empirical-Bayes "shrinkage" of the English Indices of Deprivation), so that a buurt of
  250 inhabitants does not top the ranking on noise alone.
* :func:`special_population` flags buurten whose population is not an ordinary residential one (student
  housing, institutions, sports or business parks) from KWB population, household and business figures when
  they are available, with a Dutch reason.

All thresholds are settings of :class:`wijklib.urgency.config.SmallPopulationConfig` and keuzes van wijklib: no
source document gives them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wijklib.format import number as _nl

__all__ = ["rate_kind", "shrink_rates", "special_population"]


def rate_kind(indicator: str) -> str | None:
    """``"pct"`` (a percentage), ``"per_1000"`` (a rate per 1,000) or None, from the indicator id.

    Examples
    --------
    >>> rate_kind("bijstand_per_1000"), rate_kind("koopwoningen_pct"), rate_kind("woz_waarde")
    ('per_1000', 'pct', None)
    """
    if indicator.endswith("_pct"):
        return "pct"
    if indicator.endswith("_per_1000"):
        return "per_1000"
    return None


def _sampling_var(kind: str, mean: float, pop: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "pct":
            p = min(max(mean / 100.0, 0.0), 1.0)
            return np.where(pop > 0, p * (1.0 - p) / pop * 100.0 ** 2, np.nan)
        return np.where(pop > 0, max(mean, 0.0) * 1000.0 / pop, np.nan)


def shrink_rates(values: np.ndarray, population: np.ndarray, pool: np.ndarray, pool_population: np.ndarray,
                 indicators: list[str], *, only: "list[str] | None" = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Empirical-Bayes shrinkage of rates toward the mean of the reference pool.

    For every rate indicator: ``shrunk = w * value + (1 - w) * mean`` with ``w = tau2 / (tau2 + s2)``, where
    ``s2`` is the sampling variance of the area's rate (binomial for ``_pct``, Poisson for ``_per_1000``, with the
    number of inhabitants as denominator and the pool mean as rate) and ``tau2`` the between-area variance of
    the pool (variance of the pool minus its mean sampling variance, at least 5% of the pool variance).

    Parameters
    ----------
    values : ndarray, shape (n, p)
        Raw values of the scored areas.
    population : ndarray, shape (n,)
    pool : ndarray, shape (m, p)
        Raw values of the reference pool (may be ``values`` itself).
    pool_population : ndarray, shape (m,)
    indicators : list of str
        Ids of the columns (rates are recognised by :func:`rate_kind`).
    only : list of str, optional
        Shrink only these indicators (still only rates); None or empty = all rates.

    Returns
    -------
    shrunk_values, shrunk_pool : ndarray
        Same shapes; non-rate columns and areas without population unchanged.
    weight : ndarray, shape (n, p)
        ``w`` per area and indicator (1 = unchanged).

    Examples
    --------
    >>> v = np.array([[60.0], [30.0]]); pop = np.array([50.0, 5000.0])
    >>> pool = np.array([[60.0], [30.0], [20.0], [25.0], [35.0]]); pp = np.array([50.0, 5000, 4000, 3000, 6000])
    >>> s, _, w = shrink_rates(v, pop, pool, pp, ["x_pct"])
    >>> bool(s[0, 0] < 60.0) and bool(w[0, 0] < w[1, 0])
    True
    """
    values = np.asarray(values, dtype=float)
    pool = np.asarray(pool, dtype=float)
    pop = np.asarray(population, dtype=float)
    ppop = np.asarray(pool_population, dtype=float)
    out_v, out_p = values.copy(), pool.copy()
    weight = np.ones_like(values)
    wanted = set(only or [])
    for j, ind in enumerate(indicators):
        kind = rate_kind(ind)
        if kind is None or (wanted and ind not in wanted):
            continue
        col = pool[:, j]
        ok = np.isfinite(col) & np.isfinite(ppop) & (ppop > 0)
        if ok.sum() < 3:
            continue
        mean = float(np.average(col[ok], weights=ppop[ok]))
        total_var = float(np.var(col[ok]))
        s2_pool = _sampling_var(kind, mean, ppop[ok])
        tau2 = max(total_var - float(np.mean(s2_pool)), 0.05 * total_var)
        if not tau2 > 0:
            continue
        for arr, n_arr, w_out in ((out_v, pop, weight), (out_p, ppop, None)):
            s2 = _sampling_var(kind, mean, n_arr)
            w = np.where(np.isfinite(s2), tau2 / (tau2 + s2), 1.0)
            arr[:, j] = np.where(np.isfinite(arr[:, j]), w * arr[:, j] + (1.0 - w) * mean, np.nan)
            if w_out is not None:
                w_out[:, j] = np.where(np.isfinite(values[:, j]), w, 1.0)
    return out_v, out_p, weight


def _num(profile: pd.DataFrame, col: str) -> "pd.Series | None":
    if col not in profile.columns:
        return None
    s = pd.to_numeric(profile[col], errors="coerce")
    return s if s.notna().any() else None


def special_population(profile: pd.DataFrame, cfg, *, names: "dict[str, str] | None" = None) -> pd.DataFrame:
    """Flag buurten with a special population, with a Dutch reason.

    Parameters
    ----------
    profile : DataFrame
        Index area code; any of the columns ``inwoners``, ``huishoudens``, ``huishoudensgrootte`` (average size of
        private households), ``jongeren_15_25_pct``, ``bedrijfsvestigingen``, ``misdrijven_per_1000`` (crimes per 1,000
        inhabitants: a very high rate means a work, shopping, station or nightlife area). Rules whose columns are
        absent are skipped.
    cfg : SpecialPopulationConfig
    names : dict, optional
        Area code -> name (for the name rules); a buurt's wijk is looked up as ``WK`` + the 6 digits of its code.

    Returns
    -------
    DataFrame
        Index area code; ``special_population`` (bool) and ``special_reason`` (Dutch, "; "-joined, empty when not
        flagged).
    """
    idx = profile.index
    reasons: pd.Series = pd.Series([[] for _ in range(len(idx))], index=idx, dtype=object)
    if cfg.enabled:
        inw = _num(profile, "inwoners")
        jong = _num(profile, "jongeren_15_25_pct")
        hh = _num(profile, "huishoudens")
        size = _num(profile, "huishoudensgrootte")
        bedr = _num(profile, "bedrijfsvestigingen")
        if jong is not None:
            for a in idx[(jong >= cfg.students_pct).to_numpy()]:
                reasons[a].append(f"{_nl(jong[a], 0)}% van de inwoners is 15-25 jaar (studentenhuisvesting?; "
                                  f"grens {_nl(cfg.students_pct, 0)}%, keuze van wijklib)")
        if inw is not None and hh is not None:
            with np.errstate(divide="ignore", invalid="ignore"):
                if size is not None:
                    outside = 1.0 - hh * size / inw
                    hit = (inw > 0) & (outside >= cfg.institutions_share)
                    for a in idx[hit.fillna(False).to_numpy()]:
                        reasons[a].append(f"{_nl(100 * outside[a], 0)}% van de inwoners woont niet in een "
                                          "particulier huishouden (instelling?; grens "
                                          f"{_nl(100 * cfg.institutions_share, 0)}%, keuze van wijklib)")
                else:
                    per_hh = inw / hh
                    hit = (hh > 0) & (per_hh >= cfg.persons_per_household)
                    for a in idx[hit.fillna(False).to_numpy()]:
                        reasons[a].append(f"{_nl(per_hh[a])} inwoners per huishouden (instelling?; grens "
                                          f"{_nl(cfg.persons_per_household)}, keuze van wijklib)")
        if inw is not None and bedr is not None:
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = bedr / inw
            hit = (inw > 0) & (ratio >= cfg.businesses_per_inhabitant)
            for a in idx[hit.fillna(False).to_numpy()]:
                reasons[a].append(f"{_nl(ratio[a])} bedrijfsvestigingen per inwoner (werkgebied?; grens "
                                  f"{_nl(cfg.businesses_per_inhabitant)}, keuze van wijklib)")
        crime = _num(profile, "misdrijven_per_1000")
        limit = getattr(cfg, "crimes_per_1000", None)
        if crime is not None and limit:
            hit = (crime >= limit) & ((inw > 0) if inw is not None else True)
            for a in idx[hit.fillna(False).to_numpy()]:
                reasons[a].append(f"{_nl(crime[a], 0)} misdrijven per 1.000 inwoners: vooral bezoekers, weinig "
                                  "bewoners (werk-, winkel-, uitgaans- of stationsgebied?; grens "
                                  f"{_nl(limit, 0)}, keuze van wijklib)")
        if names and cfg.name_words:
            words = [w.casefold() for w in cfg.name_words]
            for a in idx:
                nm = str(names.get(a, "")).casefold()
                hit = next((w for w in words if w in nm), None)
                if hit:
                    reasons[a].append(f"de naam wijst op een bijzonder gebied ('{hit}'; woordenlijst "
                                      "small_population.special.name_words, keuze van wijklib)")
        wijk_words = [w.casefold() for w in getattr(cfg, "wijk_name_words", None) or []]
        if names and wijk_words:
            for a in idx:
                code = str(a)
                wijk = names.get("WK" + code[2:8]) if code.startswith("BU") and len(code) >= 8 else None
                hit = next((w for w in wijk_words if w in str(wijk or "").casefold()), None)
                if hit:
                    reasons[a].append(f"ligt in de wijk '{wijk}': verspreide bebouwing, natuur of buitengebied, waar "
                                      "afstanden tot voorzieningen en misdrijven (vaak van bezoekers) weinig zeggen "
                                      f"over de bewoners ('{hit}'; woordenlijst "
                                      "small_population.special.wijk_name_words, keuze van wijklib)")
    out = pd.DataFrame({"special_population": [bool(r) for r in reasons],
                        "special_reason": ["; ".join(r) for r in reasons]}, index=idx)
    out.index.name = "area_code"
    return out
