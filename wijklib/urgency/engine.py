"""The urgency engine: :func:`run_urgency` composes the pure functions of this package.

Pipeline for one period (:func:`score_areas`): orient values, mark small-population values unreliable, compute
reference statistics (optionally winsorised) in the chosen frame, impute or leave out missing values, normalise,
aggregate hierarchically with exact contributions, count stacking. :func:`run_urgency` adds trends over periods
(comparable codes only), tellen en vertellen, urgency types, the Monte Carlo over method choices, diagnostics and
focus-area candidates, and returns everything as DataFrames in an :class:`UrgencyResult`.

The scores are signals for a conversation (warme duiding), not verdicts; the Praktijkhandboek warns against
stigmatising areas and against reading figures without the stories behind them (extraction 003, S4.2, 4.11).
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any, cast

import numpy as np
import pandas as pd

from wijklib.errors import InputError
from wijklib.urgency.aggregate import AggregateResult, WeightSet, aggregate, aggregate_many, build_weights, \
    domain_blocks
from wijklib.urgency.config import POSITIVE_NORMALISATIONS, UrgencyConfig, load_config, validate_config
from wijklib.urgency.diagnostics import Diagnostics, correlated_pairs, dominance_shares, topk_overlap
from wijklib.urgency.divergence import divergence as told_divergence, midrank_percentile, told_stream

from wijklib.urgency.explain import fmt_nl, top_drivers
from wijklib.urgency.focus import propose_focus_areas
from wijklib.urgency.inputs import check_long, is_long, panel_and_presence, population_series, \
    prepare_indicators, to_wide
from wijklib.urgency.normalise import NEUTRAL, normalise_values
from wijklib.urgency.reference import (RefStats, ReferenceFrame, frame_all, frame_groups, frame_list, frame_peers,
                                       gemeente_of, percentile_of, reference_stats)
from wijklib.urgency.small_areas import shrink_rates, special_population
from wijklib.urgency.stacking import count_stacking, stacking_flags
from wijklib.urgency.trends import classify_slopes, comparability_of_presence, spike_size, theil_sen
from wijklib.urgency.typology import classify_urgency, count_incidents, log_streams
from wijklib.urgency.uncertainty import Scenario, monte_carlo

#: Columns of :attr:`UrgencyResult.divergence` (also when there are no told data).
DIVERGENCE_COLUMNS = ["area_code", "theme", "source", "domain", "value", "n", "min_n", "reliable", "told_pct",
                      "counted_score", "counted_pct", "divergence", "signal", "text"]

__all__ = ["UrgencyResult", "PointScores", "score_areas", "run_urgency"]

#: Status of a buurt with enough reliable figures of its own whose index fails on the reference: too few buurten
#: with a value (and some spread) per indicator, e.g. a gemeente of 2 buurten compared within itself.
REFERENCE_TOO_SMALL = "te kleine referentie"

_NAME_COLUMNS = ("naam", "name", "buurtnaam", "wijknaam", "gemeentenaam")


@dataclass
class UrgencyResult:
    """All outputs of :func:`run_urgency` (DataFrames indexed by ``area_code`` unless stated).

    Attributes
    ----------
    scores : DataFrame
        ``name``, ``index`` (urgency score; higher = more urgent), ``rank`` (1 = most urgent, among the scored
        areas, e.g. the buurten of the gemeente), ``rank_reference`` and ``reference_n_ranked`` (rank among, and
        number of ranked areas of, the reference: with a national reference the country; otherwise equal to
        ``rank`` and the number of scored areas), ``index_percentile`` (mid-rank percentile within the reference
        for the ``all`` and ``list`` frames with separate reference data, else within the scored areas),
        ``in_worst_class`` (worst ``types.worst_class_quantile`` of the reference, judged like the percentile),
        ``status``, one column ``domain_<id>`` per domain, and per-area
        reporting of data quality: ``n_observed``, ``n_missing``, ``n_suppressed``, ``n_unreliable``,
        ``n_imputed``, ``weight_share``, ``missing_method``, ``reference_size``; small and special areas:
        ``population``, ``population_unknown`` (NaN, CBS marker or negative: treated as small), ``small_population``
        (below ``small_population.min_population`` or unknown), ``shrinkage`` (largest
        empirical-Bayes pull of a rate toward the reference, 0-1), ``special_population`` and ``special_reason``
        (Dutch).
    contributions : DataFrame
        Long table (one row per area and indicator): ``value``, ``normalised``, ``effective_weight``,
        ``contribution`` (sums to the index per area), ``deviation``, ``imputed``, ``unreliable``.
    explanations : DataFrame
        Top drivers and strengths per area in Dutch.
    stacking : DataFrame
        Counts of flagged indicators and domains.
    trends : DataFrame
        Long table per area and indicator (plus ``indicator == "urgentie_index"``), columns
        :data:`TREND_COLUMNS`; empty (with its columns) with one year. ``trend`` is a robust slope class only with
        at least ``trends.min_periods`` years; otherwise ``trend_kind == "verschil"`` and ``difference`` holds
        the class of the difference between the years.
    comparability : DataFrame
        Per area code: periods present, status (code changes, gaps) and ``comparable``.
    types : DataFrame
        Urgency type per the Praktijkhandboek 003 §4.1 (acuut, sluimerend, meervoudig, beleidskader, geen),
        streams, ``policy_deviation``, ``positive_urgency`` (resident initiatives, never a problem) and reasons
        citing the handbook section (see :mod:`.typology`).
    uncertainty : DataFrame
        Rank interval, P(top-k), P(stacked), robustness class (never "robuust in" below the minimum population;
        ``robustness_note`` says why); empty when ``uncertainty.draws == 0``.
    scenarios : DataFrame
        Method combinations of the Monte Carlo.
    divergence : DataFrame
        Told versus counted per area, theme and source; empty without told data.
    diagnostics : DataFrame
        Structured warnings and notes (``code``, ``level``, ``message``, ``indicators``, ``value``).
    focus : DataFrame
        Focus-area candidates with clusters and reasons (``decision`` left for the user).
    weights : DataFrame
        Nominal weights per indicator.
    peers : DataFrame or None
        Peer codes per area for the ``peers`` frame.
    config : UrgencyConfig
    period : int or None
        Period scored (long input), or the last period of ``trend_data``.
    missing_domains : DataFrame
        Per domain of the indicator list: ``missing`` (no data in the scored year), indicator counts and the
        nominal and used domain weight; see :meth:`missing_domains_text`.
    trend_note : str
        Dutch sentence on what the years allow (no trend, a difference, or robust slopes) and which indicators the
        index over the years uses.
    trend_indicators : list of str
        Indicators every year has: the only ones in the index over the years.
    """

    scores: pd.DataFrame
    contributions: pd.DataFrame
    explanations: pd.DataFrame
    stacking: pd.DataFrame
    trends: pd.DataFrame
    comparability: pd.DataFrame
    types: pd.DataFrame
    uncertainty: pd.DataFrame
    scenarios: pd.DataFrame
    divergence: pd.DataFrame
    diagnostics: pd.DataFrame
    focus: pd.DataFrame
    weights: pd.DataFrame
    peers: pd.DataFrame | None
    config: UrgencyConfig
    period: int | None = None
    missing_domains: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=MISSING_DOMAIN_COLUMNS))
    trend_note: str = ""
    trend_indicators: list[str] = field(default_factory=list)

    def missing_domains_text(self) -> str:
        """Plain Dutch: which domains have no data in the scored year and how their weight was redistributed.

        Returns an empty string when every domain has data. Ready for notebooks, batch indexes and reports.
        """
        md = self.missing_domains
        if md is None or md.empty or not md["missing"].any():
            return ""
        miss = md[md["missing"]]
        have = md[~md["missing"]]
        yr = f"In {self.period}" if self.period is not None else "In het gescoorde jaar"
        names = ", ".join(f"{r['label']} ({int(r['n_indicators_known'])} indicator"
                          f"{'en' if r['n_indicators_known'] != 1 else ''} in de indicatorlijst)"
                          for _, r in miss.iterrows())
        dom = "de domeinen" if len(miss) > 1 else "het domein"
        shares = ", ".join(f"{r['label']} {_pct(r['weight_nominal'])} -> {_pct(r['weight_used'])}"
                           for _, r in have.iterrows())
        return (f"{yr} zijn er geen cijfers voor {dom} {names}. "
                f"{'Die domeinen tellen' if len(miss) > 1 else 'Dat domein telt'} niet mee in de urgentie-index; "
                f"het gewicht ervan ({_pct(miss['weight_nominal'].sum())}) is naar verhouding verdeeld over de "
                f"{len(have)} domeinen met cijfers ({shares}). Vergelijk de index daarom niet zonder meer met een "
                "jaar of gemeente waarin dit domein wel meetelt.")


#: Columns of :attr:`UrgencyResult.missing_domains`.
MISSING_DOMAIN_COLUMNS: list[str] = ["domain", "label", "missing", "n_indicators_known", "n_indicators_scored",
                          "weight_nominal", "weight_used", "text"]


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%" if np.isfinite(x) else "-"


@dataclass
class _FrameData:
    frame: ReferenceFrame
    V: np.ndarray            # oriented raw values (n, p)
    P: np.ndarray            # oriented pool, unreliable values removed (m, p)
    stats: RefStats
    reliable: np.ndarray     # (n, p) bool
    unreliable: np.ndarray   # observed but unreliable
    V_use: np.ndarray        # values entering the index (after exclusion, imputation and clipping)
    imputed: np.ndarray
    _pct: np.ndarray | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def percentile(self) -> np.ndarray:
        with self._lock:  # computed once, also when the Monte Carlo thread and the main thread ask together
            if self._pct is None:
                self._pct = percentile_of(self.frame, self.P, self.stats, self.V_use)
            return self._pct


@dataclass
class PointScores:
    """Output of :func:`score_areas` (one period, one method).

    Attributes
    ----------
    scores, contributions, explanations, stacking : DataFrame
        As in :class:`UrgencyResult`.
    weights : WeightSet
        Nominal hierarchical weights.
    indicators : list of str
        Scored indicator ids (column order of the arrays).
    meta : DataFrame
        Metadata of the scored indicators.
    aggregate : AggregateResult
        Arrays of the aggregation (index, domain scores, effective weights, contributions).
    normalised : ndarray, shape (n_areas, n_indicators)
        Normalised scores (higher = more urgent).
    frame_data : object
        Reference frame and statistics (internal, reused by the Monte Carlo).
    peers : DataFrame or None
        Peer codes per area (peers frame).
    extra : dict
        Internal arrays reused by :func:`run_urgency`.
    """

    scores: pd.DataFrame
    contributions: pd.DataFrame
    explanations: pd.DataFrame
    stacking: pd.DataFrame
    weights: WeightSet
    indicators: list[str]
    meta: pd.DataFrame
    aggregate: AggregateResult
    normalised: np.ndarray
    frame_data: _FrameData
    peers: pd.DataFrame | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------------- helpers


def _names_from(data: pd.DataFrame, names: "dict[str, str] | pd.Series | None") -> dict[str, str]:
    if names is not None:
        return {str(k): str(v) for k, v in dict(names).items()}
    if is_long(data) or not isinstance(data, pd.DataFrame):
        return {}
    col = next((c for c in _NAME_COLUMNS if c in data.columns), None)
    if col is None:
        return {}
    codes = data["area_code"] if "area_code" in data.columns else data["code"] if "code" in data.columns \
        else data.index
    return dict(zip(pd.Index(codes).astype(str).str.strip(), data[col].astype(str)))


def _context_matrix(context: "pd.DataFrame | None", wide: pd.DataFrame, codes: pd.Index, variables: list[str],
                    key: str) -> np.ndarray:
    src = context if context is not None else wide
    missing = [v for v in variables if v not in src.columns]
    if missing:
        raise InputError(f"contextvariabele '{missing[0]}' voor de vergelijkbare gebieden ontbreekt in de "
                         "gegevens", column=key)
    return src[variables].reindex(codes).to_numpy(dtype=float)


def _build_frame(kind: str, cfg: UrgencyConfig, area_codes: pd.Index, pool_codes: pd.Index, *,
                 area_ctx: "np.ndarray | None" = None, pool_ctx: "np.ndarray | None" = None,
                 groups: "pd.Series | None" = None) -> ReferenceFrame:
    if kind == "all":
        return frame_all(len(area_codes), len(pool_codes))
    if kind == "gemeente":
        if groups is not None:
            g = groups.copy()
            g.index = g.index.astype(str)
            ga = g.reindex(area_codes)
            gp = g.reindex(pool_codes)
            if ga.isna().any():
                raise InputError(f"gebied '{ga.index[ga.isna()][0]}' heeft geen groep", column="groups")
            if gp.isna().any():  # pool rows outside the given groups: fall back to their gemeente
                gp = gp.where(gp.notna(), pd.Series(gemeente_of(pool_codes), index=pool_codes))
            return frame_groups(ga.astype(str).to_numpy(), gp.astype(str).to_numpy(), "gemeente")
        return frame_groups(gemeente_of(area_codes), gemeente_of(pool_codes), "gemeente")
    if kind == "list":
        return frame_list(len(area_codes), pool_codes, cfg.reference.areas)
    if kind == "peers":
        if area_ctx is None or pool_ctx is None:
            raise InputError("vergelijkbare gebieden vragen contextvariabelen", column="reference.peers.context")
        return frame_peers(area_ctx, pool_ctx, cfg.reference.peers.k)
    raise InputError(f"onbekend referentiekader '{kind}'", column="reference.frame")


def _reliability(values: np.ndarray, population: np.ndarray, min_pop: np.ndarray) -> np.ndarray:
    pop = population[:, None]
    with np.errstate(invalid="ignore"):
        too_small = (pop < min_pop[None, :]) & ~np.isnan(min_pop)[None, :]
    return ~too_small


def _prepare_frame(values: np.ndarray, pool: np.ndarray, signs: np.ndarray, frame: ReferenceFrame, *,
                   reliable: np.ndarray, pool_reliable: np.ndarray, cfg: UrgencyConfig,
                   quantiles: "list[float] | tuple[float, ...]" = ()) -> _FrameData:
    V = values * signs
    P = np.where(pool_reliable, pool * signs, np.nan)
    wz = cfg.normalisation.winsorise
    stats = reference_stats(frame, P, winsorise=(wz.lower, wz.upper) if wz else None, quantiles=quantiles)
    unreliable = ~np.isnan(V) & ~reliable
    V_use = V.copy()
    if cfg.small_population.index == "exclude":
        V_use[unreliable] = np.nan
    imputed = np.zeros_like(unreliable)
    if cfg.missing.method == "impute_reference_mean":
        imputed = np.isnan(V_use) & ~np.isnan(stats.mean)
        V_use[imputed] = stats.mean[imputed]
    if stats.lo is not None:
        V_use = np.clip(V_use, stats.lo, stats.hi)
    return _FrameData(frame, V, P, stats, reliable, unreliable, V_use, imputed)


def _normalise(fd: _FrameData, method: str, targets_oriented: np.ndarray) -> np.ndarray:
    pct = fd.percentile() if method == "percentile" else None
    return normalise_values(fd.V_use, fd.stats, method, percentile=pct, targets_oriented=targets_oriented)


def _stacking_thresholds(fd: _FrameData, q: float, absolute: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Oriented thresholds and 'best value' floors (no floor for absolute cut-offs)."""
    thr = fd.stats.quantiles[round(1.0 - q, 10)]
    no_abs = np.isnan(absolute)[None, :]
    return np.where(no_abs, thr, absolute[None, :]), np.where(no_abs, fd.stats.vmin, -np.inf)


def _stacked_only(flags: np.ndarray, weights: WeightSet, min_domains: int) -> np.ndarray:
    """The ``stacked`` column of :func:`count_stacking` without its text columns (for the Monte Carlo)."""
    f = np.where(np.isnan(flags), 0.0, flags)
    n_domains = ((f @ weights.one_hot()) > 0).sum(axis=1)
    return n_domains >= min_domains


def _rank_desc(index: np.ndarray) -> np.ndarray:
    """Rank 1 = highest; NaN stays NaN; ties by row order."""
    out = np.full(index.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(index))
    order = ok[np.argsort(-index[ok], kind="stable")]
    out[order] = np.arange(1, len(order) + 1)
    return out


def _reference_index(reference_data: pd.DataFrame, indicators, cfg: UrgencyConfig,
                     pool_codes: pd.Index) -> np.ndarray:
    """Index of every reference area, computed exactly like the scored areas (same pool, statistics, weights)."""
    ref = score_areas(reference_data, indicators, cfg, reference_data=reference_data, reference_index=False)
    idx = pd.Series(ref.aggregate.index, index=ref.extra["codes"])
    if cfg.reference.frame == "list":
        idx = idx[idx.index.isin(set(cfg.reference.areas))]
    return idx.to_numpy(dtype=float)


def _judge_against_reference(index: np.ndarray, pool_index: "np.ndarray | None"
                             ) -> tuple[np.ndarray, np.ndarray, int]:
    """Mid-rank percentile (0-100), rank (1 = most urgent) and number of ranked areas of the reference."""
    out_pct = np.full(index.shape, np.nan)
    out_rank = np.full(index.shape, np.nan)
    if pool_index is None:
        return out_pct, out_rank, 0
    ref = np.sort(pool_index[np.isfinite(pool_index)])
    n = len(ref)
    ok = np.isfinite(index)
    if n and ok.any():
        x = index[ok]
        below = np.searchsorted(ref, x, side="left")
        not_above = np.searchsorted(ref, x, side="right")
        out_pct[ok] = 100.0 * (below + 0.5 * (not_above - below)) / n
        out_rank[ok] = 1 + (n - not_above)
    return out_pct, out_rank, n


@dataclass
class _Werkset:
    """The scored period as arrays: values, reference pool, population, weights and oriented settings."""

    meta: pd.DataFrame
    area_names: dict[str, str]
    wide: pd.DataFrame
    status: pd.DataFrame
    scored: list[str]
    m: pd.DataFrame
    signs: np.ndarray
    min_pop: np.ndarray
    codes: pd.Index
    raw_values: np.ndarray
    values: np.ndarray
    pop: np.ndarray
    ref_wide: pd.DataFrame
    pool_codes: pd.Index
    pool: np.ndarray
    pool_pop: np.ndarray
    shrink_w: np.ndarray
    weights: WeightSet
    targets: np.ndarray
    absolute: np.ndarray


def _werkset(data: pd.DataFrame, indicators, cfg: UrgencyConfig, *, population, reference_data, names, period,
             checked: bool) -> _Werkset:
    """Read the scored period and the reference pool into arrays; shrink small-area rates (empirical Bayes)."""
    meta = prepare_indicators(indicators)
    area_names = _names_from(data, names)
    wide, status = to_wide(data, period=period, checked=checked)
    scored = validate_config(cfg, meta, available=list(wide.columns))
    m = meta.loc[scored]
    signs = m["sign"].to_numpy()
    min_pop_cfg = cast("dict[str, Any]", cfg.small_population.indicators)
    min_pop = np.array([float(min_pop_cfg.get(i, cast(float, m.at[i, "min_population"]))) for i in scored])
    codes = wide.index
    values = wide[scored].to_numpy(dtype=float)
    pop = population_series(population, wide).to_numpy()
    if reference_data is not None:
        ref_wide, _ = to_wide(reference_data)
        miss = [i for i in scored if i not in ref_wide.columns]
        if miss:
            raise InputError(f"indicator '{miss[0]}' ontbreekt in de referentiegegevens", column=miss[0])
        pool_codes = ref_wide.index
        pool = ref_wide[scored].to_numpy(dtype=float)
        pool_pop = population_series(None, ref_wide).to_numpy()
    else:
        ref_wide, pool_codes, pool, pool_pop = wide, codes, values, pop
    raw_values = values
    shrink_w = np.ones_like(values)
    if cfg.small_population.shrinkage.method == "empirical_bayes" and np.isfinite(pop).any():
        values, pool, shrink_w = shrink_rates(values, pop, pool, pool_pop, scored,
                                              only=cfg.small_population.shrinkage.indicators)
    weights = build_weights(m, cfg.weights)
    targets = np.array([cfg.normalisation.targets.get(i, np.nan) for i in scored]) * signs
    absolute = np.array([cfg.stacking.absolute.get(i, np.nan) for i in scored]) * signs
    return _Werkset(meta, area_names, wide, status, scored, m, signs, min_pop, codes, raw_values, values, pop,
                    ref_wide, pool_codes, pool, pool_pop, shrink_w, weights, targets, absolute)


def _point_frame(ws: _Werkset, cfg: UrgencyConfig, *, context: "pd.DataFrame | None", groups: "pd.Series | None",
                 has_reference: bool
                 ) -> tuple[ReferenceFrame, "np.ndarray | None", "np.ndarray | None", "pd.DataFrame | None"]:
    """The configured reference frame, its context matrices (peers) and the peer codes per area."""
    area_ctx = pool_ctx = None
    peers_df = None
    if cfg.reference.frame == "peers":
        variables = cfg.reference.peers.context
        area_ctx = _context_matrix(context, ws.wide, ws.codes, variables, "reference.peers.context")
        pool_ctx = _context_matrix(None if has_reference else context, ws.ref_wide, ws.pool_codes,
                                   variables, "reference.peers.context")
    frame = _build_frame(cfg.reference.frame, cfg, ws.codes, ws.pool_codes, area_ctx=area_ctx, pool_ctx=pool_ctx,
                         groups=groups)
    if frame.members is not None:
        pc = np.asarray(ws.pool_codes)
        peers_df = pd.DataFrame({"peers": [", ".join(pc[row]) for row in frame.members]}, index=ws.codes)
        peers_df.index.name = "area_code"
    return frame, area_ctx, pool_ctx, peers_df


def _scores_table(ws: _Werkset, cfg: UrgencyConfig, frame: ReferenceFrame, fd: _FrameData, agg: AggregateResult,
                  pool_index: "np.ndarray | None") -> pd.DataFrame:
    """The scores table: index, ranks, percentile, worst class, domain scores, data quality and small areas."""
    codes, area_names, weights, pop = ws.codes, ws.area_names, ws.weights, ws.pop
    rank = _rank_desc(agg.index)
    n_scored = int(np.isfinite(agg.index).sum())
    worst_n = math.ceil(cfg.types.worst_class_quantile * n_scored)
    pct_ref, rank_ref, n_ref = _judge_against_reference(agg.index, pool_index)
    if pool_index is None:
        rank_ref, n_ref = rank, n_scored
        in_worst = rank <= worst_n
    else:
        in_worst = rank_ref <= math.ceil(cfg.types.worst_class_quantile * n_ref)
    obs = ~np.isnan(ws.raw_values)
    st = ws.status[ws.scored].to_numpy() if len(ws.scored) else np.empty((len(codes), 0))
    ref_size = frame.reference_size()
    # enough reliable figures of its own but still no index: the reference (too few buurten with a value and some
    # spread per indicator) is the reason, not the buurt's figures
    own = obs & ~fd.unreliable
    own_share = (own * weights.flat()[None, :]).sum(axis=1) if own.shape[1] == len(weights.indicators) \
        else np.zeros(len(codes))
    own_enough = own_share >= cfg.missing.min_weight_share - 1e-12
    status_txt = np.where(np.isfinite(agg.index), "gescoord",
                          np.where(ref_size == 0, "geen referentie",
                                   np.where(own_enough, REFERENCE_TOO_SMALL, "te weinig gegevens")))
    scores = pd.DataFrame({
        "name": [area_names.get(c, c) for c in codes],
        "index": agg.index,
        "rank": rank,
        "rank_reference": rank_ref,
        "reference_n_ranked": n_ref,
        "index_percentile": np.nan,
        "in_worst_class": in_worst,
        "status": status_txt,
    }, index=codes)
    ok = np.isfinite(agg.index)
    if pool_index is not None:
        scores["index_percentile"] = pct_ref
    elif ok.any():
        scores.loc[ok, "index_percentile"] = midrank_percentile(agg.index[ok])
    for d, dom in enumerate(weights.domains):
        scores[f"domain_{dom}"] = agg.domain_scores[:, d]
    scores["n_observed"] = (obs & ~fd.unreliable).sum(axis=1)
    scores["n_missing"] = (~obs & (st != "geheim")).sum(axis=1)
    scores["n_suppressed"] = (st == "geheim").sum(axis=1)
    scores["n_unreliable"] = fd.unreliable.sum(axis=1)
    scores["n_imputed"] = fd.imputed.sum(axis=1)
    scores["weight_share"] = agg.weight_share
    scores["missing_method"] = ("weggelaten, gewicht herverdeeld" if cfg.missing.method == "reweight"
                                else "aangevuld met referentiegemiddelde")
    scores["reference_size"] = ref_size
    min_area_pop = cfg.small_population.min_population
    # an unknown population (NaN, a CBS marker, negative) is treated as a small one: never 'robuust in' (keuze van
    # wijklib); only when the werkset has a population at all (without any, there are no small-population checks)
    pop_unknown = (~np.isfinite(pop) | (pop < 0)) & bool(np.isfinite(pop).any() and min_area_pop)
    scores["population"] = np.where(pop_unknown, np.nan, pop)
    scores["population_unknown"] = pop_unknown
    scores["small_population"] = (pop_unknown | (np.isfinite(pop) & (pop < min_area_pop))) if min_area_pop else False
    scores["shrinkage"] = np.where(np.isfinite(agg.index) & ~pop_unknown, 1.0 - ws.shrink_w.min(axis=1), np.nan)
    scores.index.name = "area_code"
    return scores


def _contributions(ws: _Werkset, fd: _FrameData, agg: AggregateResult, Z: np.ndarray,
                   scores: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Contributions per area and indicator (long) and the Dutch explanations of the top drivers."""
    codes, scored, m, raw_values, values, signs = ws.codes, ws.scored, ws.m, ws.raw_values, ws.values, ws.signs
    n, p = values.shape
    raw_ref_mean = fd.stats.mean * signs
    contributions = pd.DataFrame({
        "area_code": np.repeat(np.asarray(codes), p),
        "indicator": np.tile(np.array(scored, dtype=object), n),  # object arrays: no fixed-width copy
        "domain": np.tile(m["domain"].to_numpy(dtype=object), n),
        "value": raw_values.ravel(),
        "shrunk_value": values.ravel(),
        "reference_mean": raw_ref_mean.ravel(),
        "normalised": Z.ravel(),
        "effective_weight": agg.effective_weights.ravel(),
        "contribution": agg.contributions.ravel(),
        "deviation": agg.deviation.ravel(),
        "imputed": fd.imputed.ravel(),
        "unreliable": fd.unreliable.ravel(),
    })
    labels = cast("dict[str, str]", m["label"].to_dict())
    explanations = top_drivers(agg.deviation, raw_values, raw_ref_mean, areas=codes, indicators=scored,
                               labels=labels, index=agg.index)
    explanations.insert(0, "name", scores["name"])
    return contributions, explanations


def _stacking(ws: _Werkset, cfg: UrgencyConfig, fd: _FrameData, reliable: np.ndarray,
              scores: pd.DataFrame) -> pd.DataFrame:
    """Stacking: flagged indicators and domains per area."""
    thr, best = _stacking_thresholds(fd, cfg.stacking.quantile, ws.absolute)
    flags = stacking_flags(fd.V, thr, reliable, best)
    stacking = count_stacking(flags, ws.weights.domain_of, ws.weights.domains, areas=ws.codes, indicators=ws.scored,
                              unreliable=fd.unreliable, min_domains=cfg.stacking.min_domains,
                              labels=cast("dict[str, str]", ws.m["label"].to_dict()))
    stacking.insert(0, "name", scores["name"])
    return stacking


# ---------------------------------------------------------------------------------------------- score_areas


def score_areas(data: pd.DataFrame, indicators, config=None, *, population=None,
                context: "pd.DataFrame | None" = None, reference_data: "pd.DataFrame | None" = None,
                groups: "pd.Series | None" = None, names=None, period: "int | None" = None,
                extra_quantiles: "tuple[float, ...]" = (), checked: bool = False,
                reference_index: bool = True) -> PointScores:
    """Score the areas of one period: index, domain scores, contributions, explanations and stacking.

    Parameters
    ----------
    data : DataFrame
        Wide table (index or column ``area_code``/``code``, indicator columns) or tidy long table (the latest
        period, or ``period``, is scored).
    indicators : DataFrame or mapping
        Indicator metadata (see :func:`wijklib.urgency.inputs.prepare_indicators`).
    config : UrgencyConfig, dict, path or None
    population : Series, DataFrame or mapping, optional
        Inhabitants per area; default the column ``inwoners`` of the data. Needed for ``min_population``.
    context : DataFrame, optional
        Context variables per area (index area code) for the peers frame; default the data columns.
    reference_data : DataFrame, optional
        Wide table used as reference pool instead of the data (e.g. all buurten of the country when scoring one
        gemeente; the national frame). Must contain the scored indicators.
    groups : Series, optional
        Area code -> group key for the ``gemeente`` frame (default the gemeente part of the CBS code).
    names : mapping, optional
        Area code -> name; default a ``naam``/``name`` column of the data.
    period : int, optional
        Period to score from a long table.
    extra_quantiles : tuple of float
        Additional reference quantiles to compute (used internally by the Monte Carlo).
    checked : bool
        A long ``data`` table was already validated by :func:`wijklib.urgency.inputs.check_long`.
    reference_index : bool
        With ``reference_data`` and the ``all`` or ``list`` frame, also score the reference areas so that
        ``index_percentile``, ``rank_reference`` and ``in_worst_class`` are judged against the reference (e.g. the
        country) instead of the scored areas only (internal switch against recursion).

    Returns
    -------
    PointScores

    Raises
    ------
    InputError
        Bad metadata, configuration or data (naming the key, row or column).
    """
    cfg = load_config(config)
    stage = _score_inputs(data, indicators, cfg, population=population, context=context,
                          reference_data=reference_data, groups=groups, names=names, period=period, checked=checked)
    return _score_point(stage, indicators, reference_data=reference_data, extra_quantiles=extra_quantiles,
                        reference_index=reference_index)


@dataclass
class _ScoreInputs:
    """First stage of :func:`score_areas`: the arrays, the reference frame and the arrays it keeps (``extra``)."""

    ws: _Werkset
    cfg: UrgencyConfig
    frame: ReferenceFrame
    peers: "pd.DataFrame | None"
    extra: dict[str, Any]


def _score_inputs(data: pd.DataFrame, indicators, cfg: UrgencyConfig, *, population, context, reference_data, groups,
                  names, period, checked: bool) -> _ScoreInputs:
    """Read the scored period into arrays and build the configured reference frame (no statistics yet)."""
    ws = _werkset(data, indicators, cfg, population=population, reference_data=reference_data, names=names,
                  period=period, checked=checked)
    frame, area_ctx, pool_ctx, peers_df = _point_frame(ws, cfg, context=context, groups=groups,
                                                       has_reference=reference_data is not None)
    extra = {"cfg": cfg, "signs": ws.signs, "targets": ws.targets, "absolute": ws.absolute, "values": ws.values,
             "pool": ws.pool, "pop": ws.pop, "pool_pop": ws.pool_pop, "min_pop": ws.min_pop, "codes": ws.codes,
             "pool_codes": ws.pool_codes, "area_ctx": area_ctx, "pool_ctx": pool_ctx, "wide": ws.wide,
             "ref_wide": ws.ref_wide, "names": ws.area_names, "status": ws.status}
    return _ScoreInputs(ws, cfg, frame, peers_df, extra)


def _score_point(stage: _ScoreInputs, indicators, *, reference_data, extra_quantiles: "tuple[float, ...]",
                 reference_index: bool) -> PointScores:
    """Second stage of :func:`score_areas`: statistics, normalisation, index, explanations and stacking."""
    ws, cfg, frame = stage.ws, stage.cfg, stage.frame
    quantiles = sorted({round(1.0 - cfg.stacking.quantile, 10), *extra_quantiles})
    reliable = _reliability(ws.values, ws.pop, ws.min_pop)
    pool_reliable = _reliability(ws.pool, ws.pool_pop, ws.min_pop)
    fd = _prepare_frame(ws.values, ws.pool, ws.signs, frame, reliable=reliable, pool_reliable=pool_reliable, cfg=cfg,
                        quantiles=quantiles)
    method = cfg.normalisation.method
    Z = _normalise(fd, method, ws.targets)
    agg = aggregate(Z, ws.weights, method=cfg.aggregation.method, floor=cfg.aggregation.floor, neutral=NEUTRAL[method],
                    min_weight_share=cfg.missing.min_weight_share)
    pool_index = None
    if reference_data is not None and reference_index and cfg.reference.frame in ("all", "list"):
        pool_index = _reference_index(reference_data, indicators, cfg, ws.pool_codes)
    scores = _scores_table(ws, cfg, frame, fd, agg, pool_index)
    contributions, explanations = _contributions(ws, fd, agg, Z, scores)
    stacking = _stacking(ws, cfg, fd, reliable, scores)
    return PointScores(scores, contributions, explanations, stacking, ws.weights, ws.scored, ws.m, agg, Z, fd,
                       stage.peers, stage.extra)


# ------------------------------------------------------------------------------------------------- trends

#: Columns of :attr:`UrgencyResult.trends` (also when there is only one year).
TREND_COLUMNS = ["area_code", "indicator", "n_periods", "first_period", "last_period", "slope", "intercept",
                 "slope_sd_per_year", "reference_slope_sd", "relative_slope_sd", "trend", "trend_kind", "difference",
                 "spike_sd"]


def trend_note(periods, min_periods: int, *, shared: "list[str] | None" = None,
               dropped: "list[str] | None" = None, labels: "dict[str, str] | None" = None) -> str:
    """A plain Dutch sentence on what the years allow: a robust slope, only a difference, or no trend at all.

    Parameters
    ----------
    periods : sequence of int
        The years with counted data.
    min_periods : int
        Years needed for a robust slope (``trends.min_periods``).
    shared, dropped : list of str, optional
        Indicators every year has (used for the index over the years) and those left out.
    labels : dict, optional
        Indicator id -> Dutch label.

    Returns
    -------
    str

    Examples
    --------
    >>> trend_note([2019], 3)[:60]
    'Er zijn cijfers over één jaar (2019). Een trend vraagt minst'
    """
    periods = [int(p) for p in periods]
    labels = labels or {}
    if len(periods) < 2:
        yr = f" ({periods[0]})" if periods else ""
        return (f"Er zijn cijfers over één jaar{yr}. Een trend vraagt minstens twee vergelijkbare jaren (een "
                f"verschil) en minstens {min_periods} voor een robuuste helling (trends.min_periods, keuze van "
                "wijklib); daarom zijn er geen trends en telt geen trend mee in de urgentietypen.")
    yrs = ", ".join(str(p) for p in periods)
    if len(periods) < min_periods:
        txt = (f"Er zijn cijfers over {len(periods)} jaren ({yrs}). Dat geeft een verschil tussen jaren, geen "
               f"robuuste helling: daarvoor zijn minstens {min_periods} vergelijkbare jaren nodig "
               "(trends.min_periods, keuze van wijklib). Er is dus alleen de richting van het verschil tussen de "
               "jaren (verbetert, verslechtert of stabiel), geen trend.")
    else:
        txt = (f"Er zijn cijfers over {len(periods)} jaren ({yrs}); een helling (Theil-Sen) vraagt minstens "
               f"{min_periods} jaren met een waarde (trends.min_periods, keuze van wijklib).")
    if dropped:
        names = ", ".join(labels.get(i, i) for i in dropped)
        txt += (f" De index over de jaren gebruikt alleen de {len(shared or [])} indicatoren die elk jaar hebben; "
                f"weggelaten omdat ze niet in alle jaren voorkomen: {names}.")
    elif shared:
        txt += f" De index over de jaren gebruikt alle {len(shared)} indicatoren (elk jaar aanwezig)."
    return txt



def _trend_block(long: pd.DataFrame, ps: PointScores, cfg: UrgencyConfig, *, groups, context,
                 changed_areas, code_changes, diag: Diagnostics) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    scored = ps.indicators
    codes = ps.extra["codes"]
    periods, areas_all, panel_all, present = panel_and_presence(long, scored)  # one pass over the long table
    comp = comparability_of_presence(pd.Index(areas_all), periods, present, changed_areas=changed_areas,
                                     code_changes=code_changes)
    out_extra: dict[str, Any] = {}
    n_bad = int((~comp["comparable"]).sum())
    if n_bad:
        counts = comp.loc[~comp["comparable"], "status"].value_counts()
        diag.add("trend_vergelijkbaarheid",
                 f"{n_bad} gebiedscodes zijn niet over alle jaren vergelijkbaar en krijgen geen trend ("
                 + ", ".join(f"{k}: {v}" for k, v in counts.items()) + "); zie de tabel comparability",
                 level="info", value=n_bad)
    min_periods = cfg.trends.min_periods
    out_extra["periods"] = [int(x) for x in periods]
    if len(periods) < 2:
        out_extra["note"] = trend_note(periods, min_periods)
        return pd.DataFrame(columns=TREND_COLUMNS), comp, out_extra
    pos = pd.Index(areas_all).get_indexer(codes)
    comparable = comp["comparable"].reindex(codes).fillna(False).to_numpy(dtype=bool)
    panel = np.full((len(codes), len(scored), len(periods)), np.nan)
    take = (pos >= 0) & comparable
    panel[take] = panel_all[pos[take]]
    signs = ps.extra["signs"]
    # reference frame of the trends: the scored areas themselves
    kind = cfg.reference.frame
    area_ctx = ps.extra["area_ctx"]
    if kind == "list" and not set(cfg.reference.areas) <= set(codes):
        kind = "all"
        diag.add("trend_referentie", "de referentielijst valt buiten de gegevens; trends worden vergeleken met "
                 "alle gebieden", level="info")
    if kind == "peers" and area_ctx is None:
        kind = "all"
    frame = _build_frame(kind, cfg, codes, codes, area_ctx=area_ctx, pool_ctx=area_ctx, groups=groups)
    O = panel * signs[None, :, None]
    latest_stats = reference_stats(frame, O[:, :, -1])
    sd_ref = latest_stats.sd
    slope, intercept, n_obs = theil_sen(panel, periods)
    n_obs = np.where(take[:, None], n_obs, 0)
    # min_periods is honoured, never lowered: fewer observed years give a difference, not a slope
    slope = np.where(n_obs >= 2, slope, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        std_all = np.where(sd_ref > 0, slope * signs[None, :] / sd_ref, np.nan)
    ref_all = reference_stats(frame, std_all, quantiles=(0.5,)).quantiles[0.5]
    thr = cfg.trends.threshold_sd_per_year
    # money amounts (unit euro) are nominal, not corrected for inflation: a rise says little by itself, so their
    # class compares the yearly growth rate (slope of the logarithm) with the reference's median growth rate
    # ('verbetert' = grew faster than the reference; keuze van wijklib)
    nominal = np.array([str(u).lower().startswith(("euro", "eur", "€")) for u in ps.meta["unit"]], dtype=bool) \
        if "unit" in ps.meta.columns else np.zeros(len(scored), dtype=bool)
    cls_std, cls_ref = std_all, ref_all
    if nominal.any():
        money = np.flatnonzero(nominal)
        with np.errstate(invalid="ignore", divide="ignore"):
            logp = np.where(panel[:, money, :] > 0, np.log(np.where(panel[:, money, :] > 0, panel[:, money, :], 1.0)),
                            np.nan)
            growth, _, g_n = theil_sen(logp, periods)
            growth = np.where((g_n >= 2) & take[:, None], growth, np.nan)
            sd_log = reference_stats(frame, logp[:, :, -1]).sd
            std_g = np.where(sd_log > 0, growth * signs[money][None, :] / sd_log, np.nan)
            ref_g = reference_stats(frame, std_g, quantiles=(0.5,)).quantiles[0.5]
            cls_std, cls_ref = std_all.copy(), ref_all.copy()
            cls_std[:, money] = std_g - ref_g
            cls_ref[:, money] = 0.0
    cls_all = classify_slopes(cls_std, cls_ref, n_obs, min_periods=2, threshold=thr)
    robust = n_obs >= min_periods
    cls = np.where(robust, cls_all, "onvoldoende_jaren").astype(object)
    diff_cls = np.where(~robust & (n_obs >= 2), cls_all, "").astype(object)
    kind_arr = np.where(robust, "helling", np.where(n_obs >= 2, "verschil", "geen")).astype(object)
    std, ref_slope = std_all, ref_all
    spikes = spike_size(O, sd_ref)
    # the index over the years only from the indicators every year has (like with like)
    observed_per_period = ~np.isnan(panel[take]).all(axis=0) if take.any() else np.zeros((len(scored), len(periods)),
                                                                                          dtype=bool)
    shared_mask = np.asarray(observed_per_period.all(axis=1), dtype=bool)
    shared = [i for i, ok in zip(scored, shared_mask) if ok]
    dropped = [i for i, ok in zip(scored, shared_mask) if not ok]
    out_extra["shared_indicators"] = shared
    out_extra["dropped_indicators"] = dropped
    out_extra["note"] = trend_note(periods, min_periods, shared=shared, dropped=dropped,
                                   labels=cast("dict[str, str]", ps.meta["label"].to_dict()))
    if nominal.any():
        labels = ps.meta["label"]
        out_extra["note"] += (" Bedragen (" + ", ".join(str(labels[i]) for i, m in zip(scored, nominal) if m)
                              + ") zijn niet gecorrigeerd voor inflatie; hun trend vergelijkt de jaarlijkse groei "
                              "(in procenten) met die van de referentie: 'verbetert' betekent dat het bedrag sneller "
                              "groeide dan in de mediane buurt van de referentie (keuze van wijklib).")

    # index per period, same method and frame, pool = the areas of that period
    pop = ps.extra["pop"]
    idx_series = np.full((len(codes), len(periods)), np.nan)
    if shared:
        cols = [scored.index(i) for i in shared]
        sub_weights = build_weights(ps.meta.loc[shared], cfg.weights)
        sub_signs = signs[cols]
        reliable = _reliability(panel[:, cols, -1], pop, ps.extra["min_pop"][cols])
        for t in range(len(periods)):
            vals = panel[:, cols, t]
            if cfg.small_population.shrinkage.method == "empirical_bayes" and np.isfinite(pop).any():
                vals, _, _ = shrink_rates(vals, pop, vals, pop, shared,
                                          only=cfg.small_population.shrinkage.indicators)
            fd = _prepare_frame(vals, vals, sub_signs, frame, reliable=reliable, pool_reliable=reliable, cfg=cfg)
            Z = _normalise(fd, cfg.normalisation.method, ps.extra["targets"][cols])
            agg = aggregate(Z, sub_weights, method=cfg.aggregation.method, floor=cfg.aggregation.floor,
                            neutral=NEUTRAL[cfg.normalisation.method], min_weight_share=cfg.missing.min_weight_share)
            idx_series[:, t] = agg.index
    i_slope, i_int, i_n = theil_sen(idx_series, periods)
    i_slope = np.where(i_n >= 2, i_slope, np.nan)
    idx_latest_sd = reference_stats(frame, idx_series[:, -1:]).sd[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        i_std = np.where(idx_latest_sd > 0, i_slope / idx_latest_sd, np.nan)
    i_ref = reference_stats(frame, i_std[:, None], quantiles=(0.5,)).quantiles[0.5][:, 0]
    i_all = classify_slopes(i_std, i_ref, i_n, min_periods=2, threshold=thr)
    i_robust = i_n >= min_periods
    i_cls = np.where(i_robust, i_all, "onvoldoende_jaren").astype(object)
    i_diff = np.where(~i_robust & (i_n >= 2), i_all, "").astype(object)
    i_kind = np.where(i_robust, "helling", np.where(i_n >= 2, "verschil", "geen")).astype(object)

    n, p = len(codes), len(scored)
    trends = pd.DataFrame({
        "area_code": np.repeat(np.asarray(codes), p + 1),
        "indicator": np.tile(np.array([*scored, "urgentie_index"], dtype=object), n),
        "n_periods": np.column_stack([n_obs, i_n]).ravel(),
        "first_period": periods[0],
        "last_period": periods[-1],
        "slope": np.column_stack([slope, i_slope]).ravel(),
        "intercept": np.column_stack([np.where(np.isnan(slope), np.nan, intercept), i_int]).ravel(),
        "slope_sd_per_year": np.column_stack([std, i_std]).ravel(),
        "reference_slope_sd": np.column_stack([ref_slope, i_ref]).ravel(),
        "relative_slope_sd": np.column_stack([std - ref_slope, i_std - i_ref]).ravel(),
        "trend": np.column_stack([cls, i_cls]).ravel(),
        "trend_kind": np.column_stack([kind_arr, i_kind]).ravel(),
        "difference": np.column_stack([diff_cls, i_diff]).ravel(),
        "spike_sd": np.column_stack([spikes, np.full(n, np.nan)]).ravel(),
    })
    trends = trends[TREND_COLUMNS]
    for t, per in enumerate(periods):
        out_extra.setdefault("index_series", {})[per] = idx_series[:, t]
    out_extra.update({"cls": cls, "i_cls": i_cls, "diff_cls": diff_cls, "i_diff": i_diff, "spikes": spikes,
                      "std": std})
    return trends, comp, out_extra


# ------------------------------------------------------------------------------- disclosure and small areas


_PROFILE_COLUMNS = ("inwoners", "huishoudens", "huishoudensgrootte", "jongeren_15_25_pct", "bedrijfsvestigingen",
                    "misdrijven_per_1000")


def _profile(ps: PointScores, profile: "pd.DataFrame | None") -> pd.DataFrame:
    """Population figures per scored area: the ``profile`` table over the columns of the data."""
    codes = ps.extra["codes"]
    wide = ps.extra["wide"]
    out = pd.DataFrame(index=codes)
    for col in _PROFILE_COLUMNS:
        if col in wide.columns:
            out[col] = pd.to_numeric(wide[col], errors="coerce").reindex(codes)
    if "inwoners" not in out.columns and np.isfinite(ps.extra["pop"]).any():
        out["inwoners"] = ps.extra["pop"]
    if profile is not None:
        prof = profile.set_index("area_code") if "area_code" in profile.columns else profile
        prof = prof.copy()
        prof.index = prof.index.astype(str)
        for col in _PROFILE_COLUMNS:
            if col in prof.columns:
                out[col] = pd.to_numeric(prof[col], errors="coerce").reindex(codes)
    out.index.name = "area_code"
    return out


def _domain_weights(domains: list[str], counts: dict[str, int], cfg: UrgencyConfig) -> np.ndarray:
    w = np.array([float(counts.get(d, 0)) if cfg.weights.scheme == "equal_indicators" else 1.0 for d in domains])
    for i, d in enumerate(domains):
        if d in cfg.weights.domains:
            w[i] = float(cfg.weights.domains[d])
    return w


def _missing_domains(ps: PointScores, indicators, cfg: UrgencyConfig) -> pd.DataFrame:
    """Per domain of the indicator list: does it have data in the scored year, and its weight before and after."""
    meta_all = prepare_indicators(indicators)
    known = meta_all[meta_all["direction"] != "context"]
    if cfg.indicators:
        known = known[known.index.isin(cfg.indicators)]
    domains = list(dict.fromkeys(known["domain"]))
    if not domains:
        return pd.DataFrame(columns=MISSING_DOMAIN_COLUMNS)
    scored = ps.indicators
    values = ps.extra["values"]
    observed_ind = {i: bool(np.isfinite(values[:, j]).any()) for j, i in enumerate(scored)}
    n_known = cast("dict[str, int]", known.groupby("domain").size().to_dict())
    n_scored = {d: sum(1 for i in scored if ps.meta.at[i, "domain"] == d and observed_ind[i]) for d in domains}
    has = np.array([n_scored[d] > 0 for d in domains])
    w_nom = _domain_weights(domains, n_known, cfg)
    w_nom = w_nom / w_nom.sum() if w_nom.sum() > 0 else w_nom
    w_used = np.where(has, _domain_weights(domains, n_scored, cfg), 0.0)
    w_used = w_used / w_used.sum() if w_used.sum() > 0 else w_used
    from wijklib.charts import domain_label_in_text

    # the Dutch label of the indicator list, inside a sentence: "werk en uitkeringen" (never the id)
    labels = [domain_label_in_text(d) for d in domains]
    texts = [f"geen cijfers voor het domein {lab} in het gescoorde jaar ({n_known[d]} indicator(en) in de "
             f"indicatorlijst); het gewicht ({_pct(wn)}) is verdeeld over de domeinen met cijfers" if not h else ""
             for d, lab, h, wn in zip(domains, labels, has, w_nom)]
    return pd.DataFrame({"domain": domains, "label": labels, "missing": ~has,
                         "n_indicators_known": [n_known[d] for d in domains],
                         "n_indicators_scored": [n_scored[d] for d in domains], "weight_nominal": w_nom,
                         "weight_used": w_used, "text": texts})[MISSING_DOMAIN_COLUMNS]


def _policy_deviations(ps: PointScores, cfg: UrgencyConfig, meta_all: pd.DataFrame, diag: Diagnostics) -> pd.Series:
    """Text per area listing the indicators that are worse than a local norm (``types.policy_norms``)."""
    codes = ps.extra["codes"]
    out = pd.Series("", index=codes, dtype=object)
    if not cfg.types.policy_norms:
        return out
    wide = ps.extra["wide"]
    parts: dict[str, list[str]] = {c: [] for c in codes}
    for ind, pn in cfg.types.policy_norms.items():
        if ind not in wide.columns:
            diag.add("norm_zonder_cijfers", f"er is een lokale norm voor '{ind}' maar geen cijfers in het gescoorde "
                     "jaar; het beleidskader is daarvoor niet te toetsen", level="info", indicators=ind)
            continue
        sign = float(cast(float, meta_all.at[ind, "sign"])) if ind in meta_all.index else 1.0
        raw = pd.to_numeric(wide[ind], errors="coerce").reindex(codes)
        dev = (raw - pn.norm) * sign
        lab = str(meta_all.at[ind, "label"]) if ind in meta_all.index else ind
        tol = f", marge {fmt_nl(pn.tolerance)}" if pn.tolerance else ""
        for c in codes[(dev > pn.tolerance).fillna(False).to_numpy()]:
            word = "hoger" if sign > 0 else "lager"
            parts[c].append(f"{lab} is {fmt_nl(raw[c])}, {word} dan de lokale norm {fmt_nl(pn.norm)}{tol} "
                            f"(bron: {pn.source})")
    for c, p in parts.items():
        out[c] = "; ".join(p)
    return out


# --------------------------------------------------------------------------------------------- run_urgency


@dataclass
class _Run:
    """What the steps of :func:`run_urgency` share: the settings, the point scores and the diagnostics."""

    cfg: UrgencyConfig
    ps: PointScores
    diag: Diagnostics
    indicators: Any

    def __post_init__(self) -> None:
        self.scores: pd.DataFrame = self.ps.scores
        self.codes: pd.Index = self.ps.extra["codes"]
        self.area_names: dict[str, str] = dict(zip(self.codes, self.scores["name"]))
        self.scored: list[str] = self.ps.indicators
        self.labels: dict[str, str] = cast("dict[str, str]", self.ps.meta["label"].to_dict())


def _check_inputs(data: pd.DataFrame) -> pd.DataFrame:
    """Validate a long table once (reused by the scoring and the trends); a wide table is checked when scored."""
    return check_long(data) if is_long(data) else data


def _mc_quantiles(cfg: UrgencyConfig) -> tuple[float, ...]:
    """Reference quantiles the Monte Carlo's stacking thresholds need."""
    return tuple(round(1.0 - q, 10) for q in cfg.uncertainty.stacking_quantiles)


def _trends(run: _Run, data: pd.DataFrame, trend_data: "pd.DataFrame | None", period: "int | None", *,
            groups, context, changed_areas, code_changes
            ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any], "int | None", str]:
    """Trends over the periods (comparable codes only) and the Dutch note on what the years allow."""
    cfg, ps, diag = run.cfg, run.ps, run.diag
    used_period = None
    long = data if is_long(data) else trend_data
    tx: dict[str, Any] = {}
    trends, comp = pd.DataFrame(columns=TREND_COLUMNS), pd.DataFrame()
    if long is not None:
        if not is_long(long):
            raise InputError("trend_data moet de lange tabel zijn (area_code, indicator, period, value)",
                             column="trend_data")
        if long is trend_data:
            long = check_long(long)
        if period is not None:  # trends up to the scored period
            long = long[long["period"] <= int(period)]
        used_period = int(period) if period is not None else int(long["period"].max())
        trends, comp, tx = _trend_block(long, ps, cfg, groups=groups, context=context, changed_areas=changed_areas,
                                        code_changes=code_changes, diag=diag)
    t_note = tx.get("note") or trend_note([used_period] if used_period is not None else [], cfg.trends.min_periods)
    diag.add("trend_jaren", t_note, level="info", value=float(len(tx.get("periods", []))))
    return trends, comp, tx, used_period, t_note


_TOLD_SOURCE_NAMES = {"bewoners": "enquête", "schouw": "schouw", "professionals": "signalen",
                      "verhalen": "verhalen"}


def told_sources(told: "pd.DataFrame | None", codes) -> pd.Series:
    """Per area the told sources with a value for it (``"enquête, verhalen"``; empty text when none).

    Coded stories (source ``verhalen``) count like surveys, schouw and signals: an area with stories has told data,
    also when there are too few sources or areas to compare them with the figures.
    """
    out = pd.Series("", index=pd.Index(codes), dtype=object)
    if told is None or not len(told) or "area_code" not in told.columns:
        return out
    have = told[pd.to_numeric(told["value"], errors="coerce").notna()] if "value" in told.columns else told
    src = have["source"] if "source" in have.columns else pd.Series("verteld", index=have.index)
    names = src.astype(str).map(lambda v: _TOLD_SOURCE_NAMES.get(v, v))
    per_area = names.groupby(have["area_code"].astype(str)).agg(lambda v: ", ".join(sorted(set(v))))
    return per_area.reindex(out.index).fillna("").astype(object)


def _told(run: _Run, told: "pd.DataFrame | None", *, period: "int | None" = None
          ) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Told versus counted (divergence) and the told stream of the urgency types (``period``: the scored year)."""
    cfg, ps, codes, scores, area_names = run.cfg, run.ps, run.codes, run.scores, run.area_names
    counted_domains = scores[[f"domain_{d}" for d in ps.weights.domains]].copy()
    counted_domains.columns = ps.weights.domains
    div = pd.DataFrame(columns=DIVERGENCE_COLUMNS)
    told_s = pd.Series(np.nan, index=codes, dtype=object)
    told_txt = pd.Series("", index=codes)
    if told is not None:
        div = told_divergence(counted_domains, told, theme_domains=cfg.told.theme_domains, min_n=cfg.told.min_n,
                              threshold=cfg.told.divergence_threshold, min_areas=cfg.told.min_areas,
                              area_names=area_names, period=period)
        told_s = told_stream(div, codes, urgent_percentile=cfg.told.urgent_percentile)
        hi = div[div["reliable"] & (div["told_pct"] >= cfg.told.urgent_percentile)]
        if len(hi):
            told_txt = (hi["theme"].astype(str) + " (" + hi["source"].astype(str) + ")").groupby(
                hi["area_code"]).agg(", ".join).reindex(codes).fillna("")
    return div, told_s, told_txt


def _types(run: _Run, tx: dict[str, Any], told_s: pd.Series, told_txt: pd.Series, *,
           signals: "pd.DataFrame | None", aanleidingen: "pd.DataFrame | None",
           told: "pd.DataFrame | None" = None) -> pd.DataFrame:
    """Urgency types per the Praktijkhandboek 003 §4.1 (the rules are keuzes van wijklib)."""
    cfg, ps, diag, codes, scores = run.cfg, run.ps, run.diag, run.codes, run.scores
    area_names, scored, labels, indicators = run.area_names, run.scored, run.labels, run.indicators
    streams = pd.DataFrame(index=codes)
    streams["in_worst_class"] = scores["in_worst_class"].to_numpy()
    streams["stacked"] = ps.stacking["stacked"].to_numpy()
    if tx.get("cls") is not None:
        use_diff = cfg.trends.differences_count
        cls = np.where((tx["cls"] == "onvoldoende_jaren") & (tx["diff_cls"] != ""), tx["diff_cls"], tx["cls"]) \
            if use_diff else tx["cls"]
        i_cls = np.where((tx["i_cls"] == "onvoldoende_jaren") & (tx["i_diff"] != ""), tx["i_diff"], tx["i_cls"]) \
            if use_diff else tx["i_cls"]
        evaluable = (cls != "onvoldoende_jaren").sum(axis=1)
        worse = cls == "verslechtert"
        with np.errstate(invalid="ignore", divide="ignore"):
            streams["share_worsening"] = np.where(evaluable > 0, worse.sum(axis=1) / np.maximum(evaluable, 1), 0.0)
        lab_arr = np.array([labels[i] for i in scored], dtype=object)
        streams["worsening"] = [", ".join(lab_arr[row]) for row in worse]
        streams["index_trend"] = i_cls
        streams["index_difference"] = np.where(use_diff, "", tx["i_diff"])
        spike_inds = [i for i in (cfg.types.spike_indicators or
                                  [i for i in scored if ps.meta.at[i, "domain"] == "veiligheid"]) if i in scored]
        cols = [scored.index(i) for i in spike_inds]
        if cols:
            sp = tx["spikes"][:, cols]
            spmax = np.where(np.all(np.isnan(sp), axis=1), np.nan, np.nanmax(np.where(np.isnan(sp), -np.inf, sp),
                                                                             axis=1))
            streams["spike_max"] = spmax
            names_sp = np.array([labels[spike_inds[k]] for k in range(len(cols))], dtype=object)
            streams["spike_indicators"] = [", ".join(names_sp[row >= cfg.types.spike_sd]) for row in
                                           np.nan_to_num(sp, nan=-np.inf)]
    ref_date = cfg.types.reference_date
    if ref_date is None:  # one reference date for the signals and the log: the latest date in either
        dates = []
        if signals is not None and "date" in signals.columns and len(signals):
            dates.append(pd.to_datetime(signals["date"], errors="coerce").max())
        if aanleidingen is not None and len(aanleidingen):
            dates.append(pd.to_datetime(aanleidingen["date"]).max())
        dates = [d for d in dates if pd.notna(d)]
        ref_date = str(max(dates).date()) if dates else None
    if signals is not None:
        inc = count_incidents(signals, codes, categories=cfg.types.incident_categories,
                              window_months=cfg.types.window_months, reference_date=ref_date)
        streams["n_incidents"] = inc["n_incidents"]
        streams["incident_categories"] = inc["incident_categories"]
        streams["n_signals"] = count_incidents(signals, codes, window_months=cfg.types.window_months,
                                               reference_date=ref_date)["n_incidents"]
    if aanleidingen is not None and len(aanleidingen):
        lg = log_streams(aanleidingen, codes, window_months=cfg.types.window_months,
                         stream_window_months=cfg.types.stream_window_months, reference_date=ref_date)
        for col in lg.columns:
            streams[col] = lg[col]
    streams["policy_deviation"] = _policy_deviations(ps, cfg, prepare_indicators(indicators), diag)
    streams["told_urgent"] = told_s.reindex(codes)
    streams["told_text"] = told_txt.reindex(codes).fillna("")
    streams["told_sources"] = told_sources(told, codes)
    streams["scored"] = np.isfinite(scores["index"].to_numpy(dtype=float))
    types = classify_urgency(streams, spike_sd=cfg.types.spike_sd, min_incidents=cfg.types.min_incidents,
                             min_share_worsening=cfg.types.min_share_worsening, names=area_names,
                             min_signals=cfg.types.min_signals,
                             acute_requires_attention=cfg.types.acute_requires_attention)
    return types


def _normalisation_sensitivity(run: _Run) -> None:
    """Diagnostic when the top k changes strongly with the normalisation (nominal weights, configured frame)."""
    cfg, ps, diag = run.cfg, run.ps, run.diag
    unc, targets = cfg.uncertainty, ps.extra["targets"]
    main_index = ps.aggregate.index
    k = cfg.uncertainty.top_k
    # normalisation sensitivity (nominal weights, configured frame)
    blocks = domain_blocks(ps.weights)
    overlaps = {}
    for meth in dict.fromkeys([*unc.normalisations, cfg.normalisation.method]):
        if meth == cfg.normalisation.method:
            continue
        Zm = _normalise(ps.frame_data, meth, targets)
        agg_m = cfg.aggregation.method if meth in POSITIVE_NORMALISATIONS else "arithmetic"
        Tm = np.log(np.maximum(Zm, cfg.aggregation.floor)) if agg_m == "geometric" else Zm
        obs = (~np.isnan(Zm)).astype(float)
        alt = aggregate_many(np.nan_to_num(Tm), obs, blocks, ps.weights.indicator[:, None],
                             ps.weights.domain[:, None])[:, 0]
        alt = np.where(np.isfinite(main_index), alt, np.nan)
        overlaps[meth] = topk_overlap(main_index, alt, k)
    low = {mth: v for mth, v in overlaps.items() if v < cfg.diagnostics.topk_overlap_min}
    if low:
        diag.add("normalisatie_topk",
                 f"de top {k} verandert sterk met de normalisatie: overlap met {cfg.normalisation.method} is "
                 + ", ".join(f"{mth} {v:.0%}" for mth, v in low.items())
                 + "; kijk naar de robuustheid in de onzekerheidsanalyse", value=min(low.values()))


def _mc_contexts(extra: dict[str, Any], kind: str, context: "pd.DataFrame | None",
                 reference_data: "pd.DataFrame | None") -> "tuple[np.ndarray | None, np.ndarray | None]":
    """Context matrices (areas, pool) of reference frame ``kind`` in the Monte Carlo."""
    area_ctx, pool_ctx = extra["area_ctx"], extra["pool_ctx"]
    if kind == "peers" and area_ctx is None:
        variables = extra["cfg"].reference.peers.context
        area_ctx = _context_matrix(context, extra["wide"], extra["codes"], variables, "uncertainty.frames")
        pool_ctx = _context_matrix(context if reference_data is None else None, extra["ref_wide"],
                                   extra["pool_codes"], variables, "uncertainty.frames")
    return area_ctx, pool_ctx


def _mc_frame(extra: dict[str, Any], kind: str, *, context: "pd.DataFrame | None",
              reference_data: "pd.DataFrame | None", groups: "pd.Series | None",
              contexts: "tuple[np.ndarray | None, np.ndarray | None] | None" = None) -> _FrameData:
    """Reference frame ``kind`` of the Monte Carlo (not the main frame), prepared like the main frame.

    ``extra`` holds the arrays of the scored period (:attr:`PointScores.extra`).
    """
    cfg: UrgencyConfig = extra["cfg"]
    area_ctx, pool_ctx = contexts if contexts is not None else _mc_contexts(extra, kind, context, reference_data)
    try:
        frame = _build_frame(kind, cfg, extra["codes"], extra["pool_codes"], area_ctx=area_ctx, pool_ctx=pool_ctx,
                             groups=groups)
    except InputError as exc:
        raise InputError(f"referentiekader '{kind}' in uncertainty.frames: {exc.message}",
                         column="uncertainty.frames") from None
    reliable = _reliability(extra["values"], extra["pop"], extra["min_pop"])
    pool_rel = _reliability(extra["pool"], extra["pool_pop"], extra["min_pop"])
    return _prepare_frame(extra["values"], extra["pool"], extra["signs"], frame, reliable=reliable,
                          pool_reliable=pool_rel, cfg=cfg,
                          quantiles=sorted({round(1.0 - cfg.stacking.quantile, 10), *_mc_quantiles(cfg)}))


def _mc_scenarios(run: _Run, kind: str, fdk: _FrameData, ok_rows: np.ndarray) -> list[Scenario]:
    """The Monte Carlo scenarios of one reference frame: stacking per threshold, normalisation x aggregation."""
    cfg, ps, unc = run.cfg, run.ps, run.cfg.uncertainty
    targets, absolute = ps.extra["targets"], ps.extra["absolute"]
    stacked = {}
    for q in unc.stacking_quantiles:
        thr, best = _stacking_thresholds(fdk, q, absolute)
        fl = stacking_flags(fdk.V, thr, fdk.reliable, best)
        stacked[q] = _stacked_only(fl, ps.weights, cfg.stacking.min_domains)[ok_rows].astype(float)
    out = []
    for meth in unc.normalisations:
        Zm = _normalise(fdk, meth, targets)
        for agg_m in unc.aggregations:
            if agg_m == "geometric" and meth not in POSITIVE_NORMALISATIONS:
                continue
            Tm = np.log(np.maximum(Zm, cfg.aggregation.floor)) if agg_m == "geometric" else Zm
            Tm = Tm[ok_rows]
            out.append(Scenario(kind, meth, agg_m, np.nan_to_num(Tm), (~np.isnan(Tm)).astype(float), stacked))
    return out


def _start_mc_frames(stage: _ScoreInputs, pool: "ThreadPoolExecutor | None", **inputs: Any
                     ) -> dict[str, "Future[_FrameData]"]:
    """Prepare the Monte Carlo's other reference frames in the background while the main thread scores.

    Each frame is prepared by the same function as without a thread (the same arrays, whatever the timing);
    errors come out where :func:`_uncertainty` asks for the frame, in the order of ``uncertainty.frames``.
    """
    cfg = stage.cfg
    if pool is None or cfg.uncertainty.draws <= 0:
        return {}
    err = np.geterr()
    percentile = "percentile" in cfg.uncertainty.normalisations

    def task(kind: str, contexts: "tuple[np.ndarray | None, np.ndarray | None]") -> _FrameData:
        with np.errstate(**err):
            fd = _mc_frame(stage.extra, kind, contexts=contexts, **inputs)
            if percentile:
                fd.percentile()
            return fd
    started: dict[str, "Future[_FrameData]"] = {}
    for kind in dict.fromkeys(cfg.uncertainty.frames or []):
        if kind == cfg.reference.frame:
            continue
        try:  # the tables are read here, in the main thread; a bad frame is left to _uncertainty (same error)
            contexts = _mc_contexts(stage.extra, kind, inputs["context"], inputs["reference_data"])
        except InputError:
            continue
        started[kind] = pool.submit(task, kind, contexts)
    return started


def _uncertainty(run: _Run, early: "dict[str, Future[_FrameData]] | None" = None, **inputs: Any
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Monte Carlo over method choices: rank intervals, P(top-k), P(stacked) and robustness per area.

    ``early`` holds frames started by :func:`_start_mc_frames`; the others are prepared here.
    """
    return _uncertainty_job(run, early, **inputs)()


def _uncertainty_job(run: _Run, early: "dict[str, Future[_FrameData]] | None" = None, *, pipelined: bool = False,
                     **inputs: Any) -> Callable[[], tuple[pd.DataFrame, pd.DataFrame]]:
    """The Monte Carlo of :func:`_uncertainty` as a job that may run on another thread.

    What it reads of the run is taken now (the point ranks, names and codes), so the job sees the same values
    whatever the main thread does meanwhile; it only reads the point scores' arrays, which nothing changes after
    :func:`_score_point`. Numpy's error settings are carried over to the thread. ``pipelined``: the draws of the
    scenarios that are ready are ranked (on other threads) while the next reference frame is still being
    prepared; the scenarios, draws and results are the same as one after the other.
    """
    cfg, ps, codes = run.cfg, run.ps, run.codes
    unc = cfg.uncertainty
    mc_frames = list(dict.fromkeys(unc.frames or [cfg.reference.frame]))
    ok_rows = np.flatnonzero(np.isfinite(ps.aggregate.index))
    point_rank = run.scores["rank"].to_numpy()[ok_rows].copy()
    area_names = dict(run.area_names)
    err = np.geterr()
    n_combos = sum(1 for m in unc.normalisations for a in unc.aggregations
                   if not (a == "geometric" and m not in POSITIVE_NORMALISATIONS))

    def frame_of(kind: str) -> _FrameData:
        if kind == cfg.reference.frame:
            return ps.frame_data
        started = early or {}
        return started[kind].result() if kind in started else _mc_frame(ps.extra, kind, **inputs)

    def run_mc(scenarios: "list[Scenario] | list[Future[Scenario]]") -> tuple[pd.DataFrame, pd.DataFrame]:
        with np.errstate(**err):
            return monte_carlo(
                scenarios, ps.weights, areas=codes[ok_rows], point_rank=point_rank, n_draws=unc.draws,
                seed=unc.seed, weight_noise=unc.weight_noise, stacking_quantiles=unc.stacking_quantiles,
                top_k=unc.top_k, interval=unc.interval, robust_in=unc.robust_in, robust_out=unc.robust_out,
                chunk_size=unc.chunk_size)

    def pipeline() -> tuple[pd.DataFrame, pd.DataFrame]:
        slots: list[Future[Scenario]] = [Future() for _ in range(len(mc_frames) * n_combos)]
        ranker = ThreadPoolExecutor(1)
        try:
            ranked = ranker.submit(run_mc, slots)
            try:
                for f, kind in enumerate(mc_frames):
                    for j, sc in enumerate(_mc_scenarios(run, kind, frame_of(kind), ok_rows)):
                        slots[f * n_combos + j].set_result(sc)
            except BaseException:
                for slot in slots:  # every slot gets an outcome, so the ranking threads stop
                    if not slot.done():
                        slot.set_exception(RuntimeError("scenario niet gemaakt"))
                raise
            return ranked.result()
        finally:
            ranker.shutdown(wait=True)

    def job() -> tuple[pd.DataFrame, pd.DataFrame]:
        uncertainty_tbl, scen_tbl = pd.DataFrame(), pd.DataFrame()
        if unc.draws <= 0 or len(ok_rows) < 2:
            return uncertainty_tbl, scen_tbl
        with np.errstate(**err):
            if pipelined and n_combos:
                uncertainty_tbl, scen_tbl = pipeline()
            else:
                scen_list: list[Scenario] = []
                for kind in mc_frames:
                    scen_list += _mc_scenarios(run, kind, frame_of(kind), ok_rows)
                if not scen_list:
                    raise InputError("geen geldige combinatie van normalisatie en aggregatie voor de "
                                     "onzekerheidsanalyse", column="uncertainty.aggregations")
                uncertainty_tbl, scen_tbl = run_mc(scen_list)
        uncertainty_tbl.insert(0, "name", [area_names[c] for c in uncertainty_tbl.index])
        return uncertainty_tbl, scen_tbl
    return job


def _diagnose_domain_coverage(run: _Run, main_index: np.ndarray) -> None:
    """Warn about a domain that only few scored areas have figures for: the others are compared without it."""
    ps, diag, cfg = run.ps, run.diag, run.cfg
    ok = np.isfinite(main_index)
    n = int(ok.sum())
    if n < 3:
        return
    have = np.isfinite(ps.frame_data.V_use[ok])
    limit = cfg.diagnostics.domain_coverage_min
    for d, dom in enumerate(ps.weights.domains):
        cols = np.flatnonzero(ps.weights.domain_of == d)
        if not len(cols):
            continue
        k = int(have[:, cols].any(axis=1).sum())
        if 0 < k < limit * n:
            diag.add("domein_weinig_gebieden",
                     f"het domein {dom.replace('_', ' ')} heeft cijfers voor maar {k} van de {n} gebieden met een "
                     "score; alleen die worden erop vergeleken (met elkaar), bij de andere telt het domein niet mee "
                     "en is het gewicht herverdeeld, zodat de gebieden op een verschillende basis worden vergeleken "
                     f"(grens {limit:.0%} van de gebieden: diagnostics.domain_coverage_min, keuze van wijklib)",
                     indicators=", ".join(run.scored[c] for c in cols), value=k / n)


def _diagnose(run: _Run) -> None:
    """Diagnostics of the point scores: dominance, double counting, floors, missing scores and references."""
    cfg, ps, diag, codes, scores = run.cfg, run.ps, run.diag, run.codes, run.scores
    scored, labels, signs = run.scored, run.labels, ps.extra["signs"]
    main_index = ps.aggregate.index
    shares = dominance_shares(ps.aggregate.contributions, main_index)
    nominal = ps.weights.flat()
    p_scored = len(scored)
    if np.isfinite(shares).any() and p_scored >= 3:
        order = np.argsort(-np.nan_to_num(shares, nan=-np.inf))
        top1, top2 = shares[order[0]], shares[order[0]] + shares[order[1]]
        if top1 > cfg.diagnostics.dominance_top1:
            diag.add("dominantie", f"een indicator bepaalt {top1:.0%} van de spreiding van de urgentiescore: "
                     f"{labels[scored[order[0]]]} (nominaal gewicht {nominal[order[0]]:.0%}); overweeg gewichten "
                     "of normalisatie", indicators=scored[order[0]], value=float(top1))
        elif p_scored >= 4 and top2 > cfg.diagnostics.dominance_top2:
            diag.add("dominantie", f"twee indicatoren bepalen samen {top2:.0%} van de spreiding van de "
                     f"urgentiescore: {labels[scored[order[0]]]} en {labels[scored[order[1]]]} (nominaal "
                     f"{nominal[order[0]] + nominal[order[1]]:.0%})",
                     indicators=f"{scored[order[0]]}, {scored[order[1]]}", value=float(top2))
    oriented = pd.DataFrame(ps.extra["values"] * signs, index=codes, columns=scored)
    pairs = correlated_pairs(oriented, threshold=cfg.diagnostics.correlation,
                             min_overlap=cfg.diagnostics.min_overlap_areas)
    for _, r in pairs.iterrows():
        diag.add("dubbeltelling", f"{labels[r['indicator_a']]} en {labels[r['indicator_b']]} hangen sterk samen "
                 f"(r = {fmt_nl(r['r'], 2)}); ze tellen mogelijk hetzelfde probleem dubbel",
                 indicators=f"{r['indicator_a']}, {r['indicator_b']}", value=float(r["r"]))
    _diagnose_domain_coverage(run, main_index)
    n_floor = int(ps.aggregate.floored.sum())
    if cfg.aggregation.method == "geometric" and n_floor:
        diag.add("geometrisch_ondergrens", f"{n_floor} scores lagen onder de ondergrens "
                 f"{fmt_nl(cfg.aggregation.floor, 2)} en zijn daarop gezet (geometrisch gemiddelde)",
                 level="info", value=n_floor)
    n_none = int((~np.isfinite(main_index)).sum())
    if n_none:
        n_small_ref = int((run.scores["status"] == REFERENCE_TOO_SMALL).sum()) if "status" in run.scores else 0
        diag.add("geen_score", f"{n_none} gebieden krijgen geen score (te weinig gegevens of geen referentie)"
                 + (f"; bij {n_small_ref} daarvan zijn er genoeg eigen cijfers, maar telt de referentie te weinig "
                    "buurten met een waarde om mee te vergelijken" if n_small_ref else ""),
                 level="info", value=n_none)
    small_ref = int((ps.frame_data.stats.count[np.isfinite(main_index)] < 5).any(axis=1).sum())
    if small_ref:
        diag.add("kleine_referentie", f"bij {small_ref} gebieden telt de referentie voor minstens een indicator "
                 "minder dan 5 gebieden; de normalisatie is daar onzeker", level="info", value=small_ref)
    if cfg.normalisation.method == "target":
        no_t = [i for i in scored if i not in cfg.normalisation.targets]
        if no_t:
            diag.add("doel_ontbreekt", "geen doelwaarde voor " + ", ".join(no_t)
                     + "; daar is het referentiegemiddelde gebruikt", level="info", indicators=", ".join(no_t))
    if ps.extra["wide"] is not None and (scores["n_unreliable"] > 0).any():
        diag.add("kleine_bevolking", f"{int((scores['n_unreliable'] > 0).sum())} gebieden hebben waarden onder de "
                 "minimale bevolking; die tellen niet mee in de stapeling"
                 + (" en de score" if cfg.small_population.index == "exclude" else ""), level="info")


def _small_and_special(run: _Run, uncertainty_tbl: pd.DataFrame, profile: "pd.DataFrame | None") -> None:
    """Small, unknown and special populations: flags in the scores, never 'robuust in', diagnostics."""
    cfg, ps, diag, codes, scores = run.cfg, run.ps, run.diag, run.codes, run.scores
    area_names = run.area_names
    small = scores["small_population"].to_numpy(dtype=bool)
    if len(uncertainty_tbl):
        note = pd.Series("", index=uncertainty_tbl.index, dtype=object)
        cap = scores["small_population"].reindex(uncertainty_tbl.index).fillna(False).to_numpy(dtype=bool)
        was_in = cap & (uncertainty_tbl["robustness"].to_numpy() == "robuust in")
        uncertainty_tbl.loc[was_in, "robustness"] = "grensgeval"
        note[cap] = (f"minder dan {cfg.small_population.min_population} inwoners: nooit 'robuust in' "
                     "(small_population.min_population, keuze van wijklib)")
        unknown = scores["population_unknown"].reindex(uncertainty_tbl.index).fillna(False).to_numpy(dtype=bool)
        note[unknown] = ("inwonertal onbekend: behandeld als kleine buurt, nooit 'robuust in' "
                         "(keuze van wijklib)")
        uncertainty_tbl["robustness_note"] = note
    n_unknown = int(scores["population_unknown"].sum())
    if n_unknown:
        diag.add("inwonertal_onbekend", f"{n_unknown} gebieden hebben een onbekend inwonertal (leeg, geheim of "
                 "ongeldig); ze worden behandeld als kleine buurt: hun rang is nooit 'robuust in' (keuze van wijklib)",
                 level="waarschuwing", value=n_unknown)
    if small.any() and cfg.small_population.min_population:
        diag.add("kleine_buurten", f"{int(small.sum())} gebieden hebben minder dan "
                 f"{cfg.small_population.min_population} inwoners (small_population.min_population, keuze van "
                 "wijklib); hun rang rust op weinig mensen en is nooit 'robuust in'"
                 + ("; hun percentages en cijfers per 1.000 zijn naar het gemiddelde getrokken (empirical Bayes)"
                    if cfg.small_population.shrinkage.method == "empirical_bayes" else ""),
                 level="info", value=int(small.sum()))
    prof = _profile(ps, profile)
    all_names = {**dict(ps.extra.get("names") or {}), **area_names}  # wijk names too (for wijk_name_words)
    special = special_population(prof, cfg.small_population.special, names=all_names)
    scores["special_population"] = special["special_population"].reindex(codes).fillna(False).to_numpy(dtype=bool)
    scores["special_reason"] = special["special_reason"].reindex(codes).fillna("").to_numpy()
    if len(uncertainty_tbl):  # a special population is never 'robuust in' either: its figures describe few residents
        sp = scores["special_population"].reindex(uncertainty_tbl.index).fillna(False).to_numpy(dtype=bool)
        was_in = sp & (uncertainty_tbl["robustness"].to_numpy() == "robuust in")
        uncertainty_tbl.loc[was_in, "robustness"] = "grensgeval"
        sp_note = ("mogelijk bijzondere bevolking (zie special_reason): nooit 'robuust in', want de cijfers gaan "
                   "over weinig of bijzondere bewoners (keuze van wijklib)")
        old_note = uncertainty_tbl["robustness_note"].astype(str).to_numpy()
        uncertainty_tbl["robustness_note"] = [(f"{n}; {sp_note}" if n else sp_note) if flag else n
                                              for n, flag in zip(old_note, sp)]
    if scores["special_population"].any():
        diag.add("bijzondere_bevolking", f"{int(scores['special_population'].sum())} gebieden hebben mogelijk een "
                 "bijzondere bevolking (studenten, instelling, sport- of bedrijventerrein); zie scores."
                 "special_reason en lees hun score met voorzichtigheid", level="info",
                 value=int(scores["special_population"].sum()))


def _domains_without_data(run: _Run) -> pd.DataFrame:
    """Domains without data in the scored year, with a diagnostic per domain."""
    cfg, ps, diag, indicators = run.cfg, run.ps, run.diag, run.indicators
    missing_dom = _missing_domains(ps, indicators, cfg)
    for _, r in missing_dom[missing_dom["missing"]].iterrows():
        diag.add("domein_ontbreekt", r["text"], value=float(r["weight_nominal"]))
    return missing_dom


def _focus(run: _Run, uncertainty_tbl: pd.DataFrame, types: pd.DataFrame, adjacency) -> pd.DataFrame:
    """Focus-area candidates (the decision is left to the user)."""
    cfg, ps, scores, area_names, unc = run.cfg, run.ps, run.scores, run.area_names, run.cfg.uncertainty
    focus = propose_focus_areas(scores, rule=cfg.focus.rule, k=cfg.focus.k, threshold=cfg.focus.threshold,
                                min_probability=cfg.focus.min_probability,
                                uncertainty=uncertainty_tbl if len(uncertainty_tbl) else None,
                                stacking=ps.stacking, types=types, adjacency=adjacency,
                                merge_adjacent=cfg.focus.merge_adjacent, names=area_names, mc_top_k=unc.top_k)
    return focus



def _one_blas_thread() -> Any:
    """Context that keeps BLAS (OpenBLAS, MKL) to one thread while wijklib runs its own (threadpoolctl)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a dependency of wijklib
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def run_urgency(data: pd.DataFrame, indicators, config=None, *, population=None,
                context: "pd.DataFrame | None" = None, reference_data: "pd.DataFrame | None" = None,
                groups: "pd.Series | None" = None, told: "pd.DataFrame | None" = None,
                signals: "pd.DataFrame | None" = None, adjacency=None, trend_data: "pd.DataFrame | None" = None,
                changed_areas: "list[str] | None" = None, code_changes: "pd.DataFrame | None" = None,
                names=None, period: "int | None" = None, aanleidingen: "pd.DataFrame | None" = None,
                profile: "pd.DataFrame | None" = None) -> UrgencyResult:
    """Score the urgency of areas: one entry point for the whole engine.

    Parameters
    ----------
    data : DataFrame
        Wide table for one period, or the tidy long table of the data contract (then the latest period, or
        ``period``, is scored and all periods feed the trends).
    indicators : DataFrame or mapping
        Indicator metadata: ``indicator``, ``domain``, ``direction``, ``min_population``, optional ``weight``
        and ``label``.
    config : UrgencyConfig, dict, path to a YAML file, or None (defaults)
    population : Series, DataFrame or mapping, optional
        Inhabitants per area (default the data column ``inwoners``).
    context : DataFrame, optional
        Context variables per area for the peers frame.
    reference_data : DataFrame, optional
        Wide reference pool (e.g. the country: national frame).
    groups : Series, optional
        Area -> group for the ``gemeente`` frame.
    told : DataFrame, optional
        Told data per area x theme (see :mod:`wijklib.urgency.divergence`).
    signals : DataFrame, optional
        Signals/incidents (``area_code``, ``category``, ``date`` or ``period``, optional ``count``).
    adjacency : GeoDataFrame, DataFrame, networkx.Graph or list of pairs, optional
        Neighbours for merging focus candidates into clusters.
    trend_data : DataFrame, optional
        Tidy long table for the trends when ``data`` is wide.
    changed_areas : list of str, optional
        Codes with a changed boundary (no trend).
    code_changes : DataFrame, optional
        ``old_code``/``new_code`` pairs (reported, never joined).
    names : mapping, optional
        Area code -> name.
    period : int, optional
        Period to score from a long table.
    aanleidingen : DataFrame, optional
        The aanleidingen log (:func:`wijklib.aanleidingen.read_aanleidingen`): incidents, media, political and
        administrative events, signals and resident initiatives per area, for the urgency types.
    profile : DataFrame, optional
        Population figures per area (index area code; ``inwoners``, ``huishoudens``, ``huishoudensgrootte``,
        ``jongeren_15_25_pct``, ``bedrijfsvestigingen``) to detect special populations; default the columns of the
        scored data.

    Returns
    -------
    UrgencyResult

    Raises
    ------
    InputError
        Bad input or configuration, naming the key, row or column.

    Warns
    -----
    UrgencyWarning
        Dominance, double counting, unstable top-k (also listed in ``result.diagnostics``).
    """
    cfg = load_config(config)
    data = _check_inputs(data)
    stage = _score_inputs(data, indicators, cfg, population=population, context=context,
                          reference_data=reference_data, groups=groups, names=names, period=period, checked=True)
    mc_inputs: dict[str, Any] = {"context": context, "reference_data": reference_data, "groups": groups}
    # the Monte Carlo's other reference frames are prepared on a second core meanwhile (numpy releases the GIL)
    pool = ThreadPoolExecutor(2) if (os.cpu_count() or 1) > 1 else None
    mc_pool: "ThreadPoolExecutor | None" = None
    # wijklib's own threads share the cores; BLAS threads on top of them would only wait for each other (the
    # matrix products give the same numbers with one BLAS thread: it splits the output, not the sums)
    blas = _one_blas_thread() if pool is not None else contextlib.nullcontext()
    blas.__enter__()
    try:
        early = _start_mc_frames(stage, pool, **mc_inputs)
        ps = _score_point(stage, indicators, reference_data=reference_data, extra_quantiles=_mc_quantiles(cfg),
                          reference_index=True)
        run = _Run(cfg, ps, Diagnostics(), indicators)
        # the Monte Carlo runs on other threads while this one computes the trends and types (it only reads the
        # point scores; its result and errors are taken where it used to run, so the outcome is the same)
        mc_pool = ThreadPoolExecutor(1) if pool is not None and cfg.uncertainty.draws > 0 else None
        mc_job = _uncertainty_job(run, early, pipelined=mc_pool is not None, **mc_inputs)
        mc = mc_pool.submit(mc_job) if mc_pool is not None else None
        trends, comp, tx, used_period, t_note = _trends(run, data, trend_data, period, groups=groups,
                                                        context=context, changed_areas=changed_areas,
                                                        code_changes=code_changes)
        div, told_s, told_txt = _told(run, told, period=used_period)
        types = _types(run, tx, told_s, told_txt, signals=signals, aanleidingen=aanleidingen, told=told)
        _normalisation_sensitivity(run)
        uncertainty_tbl, scen_tbl = mc.result() if mc is not None else mc_job()
    finally:
        for ex in (pool, mc_pool):
            if ex is not None:
                ex.shutdown(wait=True, cancel_futures=True)
        blas.__exit__(None, None, None)
    _diagnose(run)
    _small_and_special(run, uncertainty_tbl, profile)
    missing_dom = _domains_without_data(run)
    focus = _focus(run, uncertainty_tbl, types, adjacency)
    return UrgencyResult(
        scores=run.scores, contributions=ps.contributions, explanations=ps.explanations, stacking=ps.stacking,
        trends=trends, comparability=comp, types=types, uncertainty=uncertainty_tbl, scenarios=scen_tbl,
        divergence=div, diagnostics=run.diag.frame(), focus=focus, weights=ps.weights.as_frame(), peers=ps.peers,
        config=cfg, period=used_period, missing_domains=missing_dom, trend_note=t_note,
        trend_indicators=list(tx.get("shared_indicators", [])))
