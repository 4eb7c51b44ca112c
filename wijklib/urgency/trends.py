"""Trends (*sluimerende urgentie*): robust slopes on comparable area codes.

* :func:`theil_sen` is a vectorised Theil-Sen estimator (median of all pairwise slopes, intercept
  ``median(y) - slope * median(x)`` as ``scipy.stats.theilslopes``), over any number of series at once, with
  missing values left out pair by pair.
* :func:`comparability` reports, per area code, in which periods it occurs and whether it can be compared over
  time. Codes that appear or disappear, have gaps or are listed as changed are reported and never joined to
  other codes.
* :func:`classify_slopes` turns standardised oriented slopes (reference standard deviations per year, positive =
  worsening) into Dutch classes, including *stagneert* (no change while the reference improves).

The Praktijkhandboek asks for the historical development of an area compared with other areas and warns that
decline is often non-linear (extraction 003, section 4.9); a robust slope over few periods is a signal for the
conversation, not a forecast.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from wijklib.errors import InputError
from wijklib.urgency.reference import sorted_quantile

__all__ = ["theil_sen", "comparability", "comparability_of_presence", "classify_slopes", "spike_size", "TREND_CLASSES"]

TREND_CLASSES = ("verslechtert", "stabiel", "verbetert", "stagneert", "onvoldoende_jaren")


def _nanmedian_last(a: np.ndarray) -> np.ndarray:
    S = np.sort(a, axis=-1)
    cnt = (~np.isnan(S)).sum(axis=-1)
    return sorted_quantile(S, cnt, 0.5, axis=-1)


def theil_sen(y: np.ndarray, x: "np.ndarray | Sequence[float]") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised Theil-Sen slope and intercept over the last axis.

    Parameters
    ----------
    y : ndarray, shape (..., T)
        Series values; NaN = not observed.
    x : array, shape (T,)
        Time points (e.g. years).

    Returns
    -------
    slope, intercept : ndarray, shape (...)
        NaN where fewer than two observed points with distinct x.
    n_obs : ndarray of int, shape (...)
        Number of observed points.

    Examples
    --------
    >>> s, b, n = theil_sen(np.array([[1.0, 2.0, 10.0, 4.0]]), [0, 1, 2, 3])
    >>> float(s[0]), int(n[0])
    (1.0, 4)
    """
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    T = x.shape[0]
    i, j = np.triu_indices(T, k=1)
    dx = x[j] - x[i]
    keep = dx != 0
    i, j, dx = i[keep], j[keep], dx[keep]
    slopes = (y[..., j] - y[..., i]) / dx
    slope = _nanmedian_last(slopes) if len(dx) else np.full(y.shape[:-1], np.nan)
    obs = ~np.isnan(y)
    n_obs = obs.sum(axis=-1)
    med_y = _nanmedian_last(y)
    med_x = _nanmedian_last(np.where(obs, x, np.nan))
    intercept = med_y - slope * med_x
    return slope, intercept, n_obs


def comparability(long: pd.DataFrame, *, changed_areas: "list[str] | None" = None,
                  code_changes: "pd.DataFrame | None" = None) -> pd.DataFrame:
    """Which area codes can be compared over the periods of a tidy long table.

    An area counts as present in a period when the table has any row for it in that period (also a row with a
    missing or suppressed value: the code existed).

    Parameters
    ----------
    long : DataFrame
        Tidy long table (``area_code``, ``period``; other columns ignored).
    changed_areas : list of str, optional
        Codes whose boundaries changed (e.g. CBS ``indelingswijziging`` not "1").
    code_changes : DataFrame, optional
        Columns ``old_code`` and ``new_code`` (optionally ``period``): both sides are reported as changed.

    Returns
    -------
    DataFrame
        Index ``area_code``; columns ``first_period``, ``last_period``, ``n_periods``, ``missing_periods``
        (text), ``status`` (``vergelijkbaar``, ``nieuwe_code``, ``vervallen_code``,
        ``ontbreekt_in_sommige_jaren``, ``indeling_gewijzigd``), ``comparable`` (bool) and ``note`` (Dutch).
    """
    periods = sorted(int(p) for p in long["period"].unique())
    # presence matrix (codes x periods) straight from factor codes (as a groupby-size-unstack, without it)
    a_idx, a_uni = pd.factorize(long["area_code"].astype(str), sort=True)
    p_idx = np.searchsorted(np.array(periods), long["period"].to_numpy())
    P = np.zeros((len(a_uni), len(periods)), dtype=bool)
    P[a_idx, p_idx] = True
    return comparability_of_presence(pd.Index(a_uni), periods, P, changed_areas=changed_areas,
                                     code_changes=code_changes)


def comparability_of_presence(areas: pd.Index, periods: "list[int]", present: np.ndarray, *,
                              changed_areas: "list[str] | None" = None,
                              code_changes: "pd.DataFrame | None" = None) -> pd.DataFrame:
    """:func:`comparability` from a presence matrix (sorted area codes x sorted periods, True = a row exists)."""
    P = present
    codes = areas.astype(str)
    changed = set(changed_areas or [])
    linked: dict[str, str] = {}
    if code_changes is not None and len(code_changes):
        for col in ("old_code", "new_code"):
            if col not in code_changes.columns:
                raise InputError(f"kolom '{col}' ontbreekt in de tabel met codewijzigingen", column=col)
        for old, new in zip(code_changes["old_code"].astype(str), code_changes["new_code"].astype(str)):
            linked[old] = f"code vervangen door {new}"
            linked[new] = f"code vervangt {old}"
            changed.update((old, new))
    T = len(periods)
    per = np.array(periods)
    n_have = P.sum(axis=1)
    any_have = n_have > 0
    first_i = np.where(any_have, P.argmax(axis=1), 0)
    last_i = np.where(any_have, T - 1 - P[:, ::-1].argmax(axis=1), 0)
    contiguous = n_have == (last_i - first_i + 1)
    is_changed = codes.isin(list(changed))
    status = np.full(len(codes), "ontbreekt_in_sommige_jaren", dtype=object)
    status[contiguous & (first_i > 0) & (last_i == T - 1)] = "nieuwe_code"
    status[contiguous & (first_i == 0) & (last_i < T - 1)] = "vervallen_code"
    status[n_have == T] = "vergelijkbaar"
    status[is_changed] = "indeling_gewijzigd"
    missing_txt = [", ".join(str(p) for p in per[~row]) for row in P]
    note = np.full(len(codes), "", dtype=object)
    for i in np.flatnonzero(status != "vergelijkbaar").tolist():
        st = status[i]
        if st == "indeling_gewijzigd":
            note[i] = linked.get(codes[i], "indeling gewijzigd; niet vergelijkbaar over de jaren")
        elif st == "nieuwe_code":
            note[i] = f"code bestaat pas vanaf {per[first_i[i]]}"
        elif st == "vervallen_code":
            note[i] = f"code bestaat niet meer na {per[last_i[i]]}"
        else:
            note[i] = "ontbreekt in " + missing_txt[i]
    out = pd.DataFrame({"first_period": np.where(any_have, per[first_i], -1),
                        "last_period": np.where(any_have, per[last_i], -1),
                        "n_periods": n_have, "missing_periods": missing_txt, "status": status,
                        "comparable": status == "vergelijkbaar", "note": note}, index=pd.Index(codes, name="area_code"))
    return out


def classify_slopes(std_slope: np.ndarray, reference_slope: np.ndarray, n_obs: np.ndarray, *,
                    min_periods: int, threshold: float) -> np.ndarray:
    """Dutch trend class per standardised oriented slope.

    Parameters
    ----------
    std_slope : ndarray
        Oriented slope in reference standard deviations per year (positive = worsening).
    reference_slope : ndarray
        The same for the reference (median of the reference areas).
    n_obs : ndarray
        Number of observed periods.
    min_periods : int
    threshold : float
        Slopes within +-threshold count as no change.

    Returns
    -------
    ndarray of str
        ``verslechtert``, ``verbetert``, ``stagneert`` (no change while the reference improves), ``stabiel`` or
        ``onvoldoende_jaren``.

    Examples
    --------
    >>> classify_slopes(np.array([0.2, 0.0, 0.0, -0.3]), np.array([0.0, -0.2, 0.0, 0.0]),
    ...                 np.array([3, 3, 3, 3]), min_periods=3, threshold=0.05).tolist()
    ['verslechtert', 'stagneert', 'stabiel', 'verbetert']
    """
    out = np.full(np.shape(std_slope), "stabiel", dtype=object)
    with np.errstate(invalid="ignore"):
        out[std_slope > threshold] = "verslechtert"
        out[std_slope < -threshold] = "verbetert"
        out[(np.abs(std_slope) <= threshold) & (reference_slope < -threshold)] = "stagneert"
    out[(n_obs < min_periods) | np.isnan(std_slope)] = "onvoldoende_jaren"
    return out


def spike_size(panel_oriented: np.ndarray, sd: np.ndarray) -> np.ndarray:
    """Latest value minus the median of the earlier observed values, in reference standard deviations.

    Parameters
    ----------
    panel_oriented : ndarray, shape (..., T)
        Oriented values (higher = worse), last axis = periods in time order.
    sd : ndarray, shape (...)
        Reference standard deviation.

    Returns
    -------
    ndarray, shape (...)
        NaN when the latest value or all earlier values are missing.
    """
    latest = panel_oriented[..., -1]
    prev = _nanmedian_last(panel_oriented[..., :-1])
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(sd > 0, (latest - prev) / sd, np.nan)
