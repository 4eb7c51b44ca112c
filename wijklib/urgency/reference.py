"""Reference frames: the set of areas each area is compared with.

A frame maps every scored area to reference rows of a *pool* (the scored areas themselves, or an external table
such as all buurten of the country). Two shapes cover all frames:

* **groups** (``all``, ``gemeente``, ``list``): every area belongs to one group; the statistics are computed once
  per group on the pool rows of that group;
* **members** (``peers``): every area has its own k nearest pool rows on standardised context variables.

All statistics ignore NaN and are returned per area as arrays of shape (n_areas, n_indicators), so normalising
is plain element-wise arithmetic.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from wijklib.errors import InputError

__all__ = [
    "ReferenceFrame",
    "RefStats",
    "gemeente_of",
    "frame_all",
    "frame_groups",
    "frame_list",
    "frame_peers",
    "find_peers",
    "reference_stats",
    "percentile_of",
    "sorted_quantile",
]

_CHUNK_CELLS = 1_000_000  # members path: max chunk x k x p cells held at once (8 MB: reused from the heap)


@dataclass
class ReferenceFrame:
    """Which pool rows are the reference of which area.

    Attributes
    ----------
    kind : str
        ``all``, ``gemeente``, ``list`` or ``peers``.
    n_areas, n_pool : int
        Number of scored areas and of pool rows.
    area_group, pool_group : ndarray of int or None
        Group index per area / per pool row (-1: no group). Used by group frames.
    group_labels : list of str
        Label per group.
    members : ndarray of int, shape (n_areas, k), or None
        Pool row indices per area. Used by the peers frame.
    description : str
        Dutch description for reports.
    """

    kind: str
    n_areas: int
    n_pool: int
    area_group: np.ndarray | None = None
    pool_group: np.ndarray | None = None
    group_labels: list[str] = field(default_factory=list)
    members: np.ndarray | None = None
    description: str = ""

    @property
    def is_groups(self) -> bool:
        """True for group frames (all, gemeente, list)."""
        return self.members is None

    def reference_size(self) -> np.ndarray:
        """Number of pool rows in each area's reference (before removing missing values)."""
        if self.members is not None:
            return np.full(self.n_areas, self.members.shape[1])
        area_group, pool_group = self.group_arrays()
        sizes = np.bincount(pool_group[pool_group >= 0], minlength=len(self.group_labels))
        out = np.zeros(self.n_areas, dtype=int)
        ok = area_group >= 0
        out[ok] = sizes[area_group[ok]]
        return out

    def group_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """``area_group`` and ``pool_group`` of a group frame (error for a peers frame)."""
        if self.area_group is None or self.pool_group is None:
            raise ValueError(f"referentiekader '{self.kind}' heeft geen groepen")
        return self.area_group, self.pool_group


@dataclass
class RefStats:
    """Reference statistics per area and indicator, arrays of shape (n_areas, n_indicators).

    ``lo``/``hi`` are the winsorising bounds (None when not winsorised); ``quantiles`` maps a probability to the
    reference quantile (computed after winsorising). ``_sorted`` keeps the sorted pool per group for percentile
    ranks (group frames only).
    """

    mean: np.ndarray
    sd: np.ndarray
    vmin: np.ndarray
    vmax: np.ndarray
    count: np.ndarray
    lo: np.ndarray | None = None
    hi: np.ndarray | None = None
    quantiles: dict[float, np.ndarray] = field(default_factory=dict)
    _sorted: list[tuple[np.ndarray, np.ndarray]] | None = None


def gemeente_of(codes: "pd.Index | list[str] | np.ndarray") -> np.ndarray:
    """Gemeente code of CBS area codes (``GM`` + digits 3-6 of a ``BU``/``WK``/``GM`` code).

    Parameters
    ----------
    codes : sequence of str

    Returns
    -------
    ndarray of str

    Examples
    --------
    >>> gemeente_of(["BU03630001", "WK036300", "GM0363"]).tolist()
    ['GM0363', 'GM0363', 'GM0363']
    """
    s = pd.Series(np.asarray(codes, dtype=str))
    ok = s.str.match(r"^(BU|WK|GM)[0-9A-Za-z]{4}")
    if not ok.all():
        bad = s[~ok].iloc[0]
        raise InputError(f"'{bad}' is geen CBS-gebiedscode (BU/WK/GM + 4 tekens); geef de groepen zelf mee",
                         column="area_code")
    return ("GM" + s.str.slice(2, 6)).to_numpy()


def frame_all(n_areas: int, n_pool: int) -> ReferenceFrame:
    """One reference group: the whole pool (the gemeente when only one gemeente is given, the country when the
    pool is all buurten of the country)."""
    return ReferenceFrame("all", n_areas, n_pool, np.zeros(n_areas, dtype=int), np.zeros(n_pool, dtype=int),
                          ["alle"], description="alle gebieden van de referentie")


def frame_groups(area_keys: "np.ndarray | list[str]", pool_keys: "np.ndarray | list[str]",
                 kind: str = "gemeente") -> ReferenceFrame:
    """Group frame: each area is compared with the pool rows that share its key (e.g. its gemeente).

    Parameters
    ----------
    area_keys, pool_keys : array of str
        Group key per area / per pool row.
    kind : str
        Name of the frame.

    Returns
    -------
    ReferenceFrame
        Areas whose key has no pool rows get group -1 (no reference: their normalised values are NaN).
    """
    pool_keys = np.asarray(pool_keys, dtype=str)
    labels = sorted(set(pool_keys.tolist()))
    idx = pd.Index(labels)
    return ReferenceFrame(kind, len(area_keys), len(pool_keys), idx.get_indexer(np.asarray(area_keys, dtype=str)),
                          idx.get_indexer(pool_keys), labels, description=f"eigen {kind}")


def frame_list(n_areas: int, pool_codes: "pd.Index | list[str]", reference_codes: list[str]) -> ReferenceFrame:
    """Reference = a user list of areas from the pool.

    Raises
    ------
    InputError
        The list is empty or names a code that is not in the pool (key ``reference.areas``).
    """
    pool_codes = pd.Index([str(c) for c in pool_codes])
    if not reference_codes:
        raise InputError("reference.frame is 'list' maar reference.areas is leeg", column="reference.areas")
    unknown = [c for c in reference_codes if c not in pool_codes]
    if unknown:
        raise InputError(f"referentiegebied '{unknown[0]}' staat niet in de gegevens", column="reference.areas")
    pool_group = np.where(pool_codes.isin(reference_codes), 0, -1)
    return ReferenceFrame("list", n_areas, len(pool_codes), np.zeros(n_areas, dtype=int), pool_group,
                          ["lijst"], description=f"lijst van {len(set(reference_codes))} gebieden")


def find_peers(area_context: np.ndarray, pool_context: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """k nearest pool rows per area on standardised context variables.

    Each variable is standardised with the pool mean and standard deviation; missing values become the mean
    (0 after standardising). An area that is itself in the pool finds itself at distance 0.

    Parameters
    ----------
    area_context : ndarray, shape (n, c)
    pool_context : ndarray, shape (m, c)
    k : int
        Number of peers (capped at m).

    Returns
    -------
    members : ndarray of int, shape (n, k)
    distances : ndarray, shape (n, k)
    """
    pool_context = np.asarray(pool_context, dtype=float)
    area_context = np.asarray(area_context, dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(pool_context, axis=0)
        sd = np.nanstd(pool_context, axis=0)
    sd = np.where((sd > 0) & np.isfinite(sd), sd, 1.0)
    mean = np.where(np.isfinite(mean), mean, 0.0)
    zp = np.nan_to_num((pool_context - mean) / sd, nan=0.0)
    za = np.nan_to_num((area_context - mean) / sd, nan=0.0)
    k = int(min(k, len(zp)))
    dist, idx = cKDTree(zp).query(za, k=k)
    if k == 1:
        dist, idx = dist[:, None], idx[:, None]
    return idx.astype(np.int64), dist


def frame_peers(area_context: np.ndarray, pool_context: np.ndarray, k: int) -> ReferenceFrame:
    """Peer frame: each area's reference is its k most similar pool rows (see :func:`find_peers`)."""
    members, _ = find_peers(area_context, pool_context, k)
    return ReferenceFrame("peers", len(area_context), len(pool_context), members=members,
                          description=f"{members.shape[1]} vergelijkbare gebieden")


def _take_at(a: np.ndarray, idx: np.ndarray, axis: int) -> np.ndarray:
    """``np.take_along_axis(a, expand_dims(idx, axis), axis).squeeze(axis)`` by one flat index (faster on 3-d)."""
    a = np.ascontiguousarray(a)
    axis = axis % a.ndim
    size = a.shape[axis]
    inner = math.prod(a.shape[axis + 1:])
    outer = math.prod(a.shape[:axis])
    flat = (np.arange(outer)[:, None] * size + np.asarray(idx).reshape(outer, inner)) * inner + np.arange(inner)
    return a.reshape(-1)[flat].reshape(np.shape(idx))


def sorted_quantile(sorted_values: np.ndarray, counts: np.ndarray, q: float, axis: int = 0) -> np.ndarray:
    """Quantile (linear interpolation, numpy's default) of values sorted along ``axis`` with NaN last.

    Parameters
    ----------
    sorted_values : ndarray
        Sorted along ``axis``; missing values (NaN) at the end.
    counts : ndarray
        Number of non-missing values along ``axis`` (shape without ``axis``).
    q : float
        Probability in [0, 1].
    axis : int

    Returns
    -------
    ndarray
        NaN where the count is 0.
    """
    pos = q * (counts - 1)
    lo = np.clip(np.floor(pos), 0, None).astype(np.int64)
    hi = np.clip(np.ceil(pos), 0, None).astype(np.int64)
    frac = pos - np.floor(pos)
    a = _take_at(sorted_values, lo, axis)
    b = _take_at(sorted_values, hi, axis)
    out = a + (b - a) * frac
    return np.where(counts > 0, out, np.nan)


def _moments(sorted_values: np.ndarray, counts: np.ndarray, axis: int, ddof: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    # np.nansum is np.sum over a copy with NaN set to 0: one NaN mask serves both sums (same values, same order);
    # dev * dev is NaN where the value is NaN, or everywhere in a column without values (its sd is NaN anyway)
    missing = np.isnan(sorted_values)
    with np.errstate(invalid="ignore", divide="ignore"):
        total = np.sum(np.where(missing, 0.0, sorted_values), axis=axis)
        mean = np.where(counts > 0, total / np.maximum(counts, 1), np.nan)
        sq = sorted_values - np.expand_dims(mean, axis)
        np.multiply(sq, sq, out=sq)
        sq[missing] = 0.0
        ss = np.sum(sq, axis=axis)
        sd = np.where(counts > ddof, np.sqrt(ss / np.maximum(counts - ddof, 1)), np.nan)
    vmin = np.take(sorted_values, 0, axis=axis)
    vmax = _take_at(sorted_values, np.clip(counts - 1, 0, None), axis)
    vmin = np.where(counts > 0, vmin, np.nan)
    vmax = np.where(counts > 0, vmax, np.nan)
    return mean, sd, vmin, vmax


def _members(frame: ReferenceFrame) -> np.ndarray:
    """Pool rows per area of a peers frame."""
    if frame.members is None:
        raise ValueError(f"referentiekader '{frame.kind}' heeft geen leden per gebied")
    return frame.members


def reference_stats(frame: ReferenceFrame, pool: np.ndarray, *,
                    winsorise: "tuple[float, float] | None" = None,
                    quantiles: "tuple[float, ...] | list[float]" = (), ddof: int = 1) -> RefStats:
    """Reference mean, standard deviation, min, max, count and quantiles per area.

    Parameters
    ----------
    frame : ReferenceFrame
    pool : ndarray, shape (n_pool, p)
        Pool values (oriented or raw; NaN = not available, left out).
    winsorise : (float, float), optional
        Lower and upper quantile: the pool of each reference is clipped to these quantiles before all other
        statistics (the bounds are returned as ``lo``/``hi``).
    quantiles : sequence of float
        Extra quantiles to return (after winsorising).
    ddof : int
        Delta degrees of freedom of the standard deviation (1 = sample standard deviation, as in R/COINr).

    Returns
    -------
    RefStats
    """
    pool = np.asarray(pool, dtype=float)
    n, p = frame.n_areas, pool.shape[1]
    quantiles = tuple(float(q) for q in quantiles)
    if frame.is_groups:
        G = len(frame.group_labels)
        g_mean, g_sd, g_min, g_max = (np.full((G, p), np.nan) for _ in range(4))
        g_cnt = np.zeros((G, p))
        g_lo = np.full((G, p), np.nan)
        g_hi = np.full((G, p), np.nan)
        g_q = {q: np.full((G, p), np.nan) for q in quantiles}
        sorted_groups: list[tuple[np.ndarray, np.ndarray]] = []
        ag, pool_group = frame.group_arrays()
        order = np.argsort(pool_group, kind="stable")
        groups_sorted = pool_group[order]
        bounds = np.searchsorted(groups_sorted, np.arange(G + 1))
        for g in range(G):
            rows = order[bounds[g]:bounds[g + 1]]
            S = np.sort(pool[rows], axis=0)
            cnt = (~np.isnan(S)).sum(axis=0)
            if winsorise:
                lo = sorted_quantile(S, cnt, winsorise[0], axis=0)
                hi = sorted_quantile(S, cnt, winsorise[1], axis=0)
                S = np.clip(S, lo, hi)
                g_lo[g], g_hi[g] = lo, hi
            g_mean[g], g_sd[g], g_min[g], g_max[g] = _moments(S, cnt, 0, ddof)
            g_cnt[g] = cnt
            for q in quantiles:
                g_q[q][g] = sorted_quantile(S, cnt, q, axis=0)
            sorted_groups.append((S, cnt))
        ok = ag >= 0

        def spread(a: np.ndarray) -> np.ndarray:
            out = np.full((n, p), np.nan)
            out[ok] = a[ag[ok]]
            return out

        cnt_area = np.zeros((n, p))
        cnt_area[ok] = g_cnt[ag[ok]]
        return RefStats(spread(g_mean), spread(g_sd), spread(g_min), spread(g_max), cnt_area,
                        spread(g_lo) if winsorise else None, spread(g_hi) if winsorise else None,
                        {q: spread(v) for q, v in g_q.items()}, sorted_groups)

    members = _members(frame)
    k = members.shape[1]
    out = {name: np.full((n, p), np.nan) for name in ("mean", "sd", "min", "max")}
    cnt_all = np.zeros((n, p))
    lo_all = np.full((n, p), np.nan)
    hi_all = np.full((n, p), np.nan)
    q_all = {q: np.full((n, p), np.nan) for q in quantiles}
    step = max(1, _CHUNK_CELLS // max(1, k * p))
    for start in range(0, n, step):
        r = slice(start, min(n, start + step))
        S = np.sort(pool[members[r]], axis=1)
        cnt = (~np.isnan(S)).sum(axis=1)
        if winsorise:
            lo = sorted_quantile(S, cnt, winsorise[0], axis=1)
            hi = sorted_quantile(S, cnt, winsorise[1], axis=1)
            S = np.clip(S, lo[:, None, :], hi[:, None, :])
            lo_all[r], hi_all[r] = lo, hi
        out["mean"][r], out["sd"][r], out["min"][r], out["max"][r] = _moments(S, cnt, 1, ddof)
        cnt_all[r] = cnt
        for q in quantiles:
            q_all[q][r] = sorted_quantile(S, cnt, q, axis=1)
    return RefStats(out["mean"], out["sd"], out["min"], out["max"], cnt_all, lo_all if winsorise else None,
                    hi_all if winsorise else None, q_all, None)


def _rank_bounds(sorted_col: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Number of values of ``sorted_col`` below and not above each ``v`` (``searchsorted`` left and right).

    Many queries are looked up in sorted order (the same counts, found faster), then put back in place.
    """
    if len(v) < 256:
        return np.searchsorted(sorted_col, v, side="left"), np.searchsorted(sorted_col, v, side="right")
    order = np.argsort(v, kind="stable")
    vs = v[order]
    less = np.empty(len(v), dtype=np.intp)
    le = np.empty(len(v), dtype=np.intp)
    less[order] = np.searchsorted(sorted_col, vs, side="left")
    le[order] = np.searchsorted(sorted_col, vs, side="right")
    return less, le


def _percentile_in_groups(ag: np.ndarray, sorted_groups: list, values: np.ndarray, out: np.ndarray) -> np.ndarray:
    """Mid-rank percentiles of :func:`percentile_of` for a frame of groups, all groups of a column at once.

    Every value (reference and query) of a column gets its rank among the column's distinct values; a reference
    value of group g becomes the integer key ``g * n_distinct + rank``, so one sorted array of keys holds every group
    in order and ``searchsorted`` counts, per query, the values of its own group below it and not above it: the
    same integer counts as a search in that group's sorted values (no Python loop over groups and columns).
    """
    G = len(sorted_groups)
    if not G:
        return out
    p = values.shape[1]
    in_group = (ag >= 0) & (ag < G)
    for j in range(p):
        counts = np.array([int(cnt[j]) for _, cnt in sorted_groups], dtype=np.int64)
        ref = [S[:c, j] for (S, _), c in zip(sorted_groups, counts)]
        ref_vals = np.concatenate(ref) if ref else np.empty(0)
        ref_group = np.repeat(np.arange(G, dtype=np.int64), counts)
        v = values[:, j]
        q = np.flatnonzero(in_group & ~np.isnan(v))
        q = q[counts[ag[q]] > 0]
        if not len(q):
            continue
        qg = ag[q].astype(np.int64)
        distinct, inverse = np.unique(np.concatenate([ref_vals, v[q]]), return_inverse=True)
        width = len(distinct)
        ref_key = ref_group * width + inverse[:len(ref_vals)]  # already sorted: groups in order, values sorted
        q_key = qg * width + inverse[len(ref_vals):]
        start = np.concatenate([[0], np.cumsum(counts)[:-1]])[qg]
        less = np.searchsorted(ref_key, q_key, side="left") - start
        le = np.searchsorted(ref_key, q_key, side="right") - start
        out[q, j] = 100.0 * (less + 0.5 * (le - less)) / counts[qg]
    return out


def percentile_of(frame: ReferenceFrame, pool: np.ndarray, stats: RefStats, values: np.ndarray) -> np.ndarray:
    """Mid-rank percentile (0-100) of each area's value within its reference.

    ``100 * (number of reference values below + half the number equal) / number of reference values``, computed
    on the winsorised reference (values are clipped to the same bounds first). The percentile of the largest of
    four distinct values is 87.5; it is never exactly 0 or 100, and ties share one value.

    Parameters
    ----------
    frame : ReferenceFrame
    pool : ndarray, shape (n_pool, p)
        The same pool as given to :func:`reference_stats`.
    stats : RefStats
        Output of :func:`reference_stats` for this frame and pool.
    values : ndarray, shape (n_areas, p)
        Values to rank (NaN gives NaN).

    Returns
    -------
    ndarray, shape (n_areas, p)
    """
    values = np.asarray(values, dtype=float)
    if stats.lo is not None:
        values = np.clip(values, stats.lo, stats.hi)
    n, p = values.shape
    out = np.full((n, p), np.nan)
    if frame.is_groups:
        ag, _ = frame.group_arrays()
        return _percentile_in_groups(np.asarray(ag), stats._sorted or [], values, out)
    members = _members(frame)
    k = members.shape[1]
    step = max(1, _CHUNK_CELLS // max(1, k * p))
    pool = np.asarray(pool, dtype=float)
    for start in range(0, n, step):
        r = slice(start, min(n, start + step))
        V = pool[members[r]]
        if stats.lo is not None and stats.hi is not None:
            V = np.clip(V, stats.lo[r][:, None, :], stats.hi[r][:, None, :])
        v = values[r][:, None, :]
        valid = ~np.isnan(V)
        cnt = valid.sum(axis=1)
        less = (V < v).sum(axis=1)
        eq = (V == v).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            res = 100.0 * (less + 0.5 * eq) / cnt
        out[r] = np.where((cnt > 0) & ~np.isnan(values[r]), res, np.nan)
    return out
