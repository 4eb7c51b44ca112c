"""Focus-area candidates: a proposal with reasons; the final choice is left to the user.

Candidates are selected by rank (top-k), by an index threshold or by the Monte Carlo probability to be in the
top-k. Adjacent candidates are merged into clusters (connected components of the adjacency graph restricted to
the candidates), because a wijkaanpak often covers a cluster of buurten (extraction 003, section 4.9, scale).
The NPLV selection rule for focus areas is not published (research note section 0, point 5); this module only
makes a transparent proposal. The column ``decision`` is left empty for the user.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import cast

import networkx as nx
import numpy as np
import pandas as pd

from wijklib.errors import InputError
from wijklib.urgency.explain import fmt_nl

__all__ = ["build_adjacency", "adjacency_edges", "propose_focus_areas"]

_CODE_COLUMNS = ("area_code", "buurtcode", "wijkcode", "statcode", "code")


def build_adjacency(gdf, code_column: "str | None" = None, *, predicate: str = "touches",
                    buffer: float = 0.0) -> pd.DataFrame:
    """Edge list of neighbouring areas from polygons (geopandas spatial index).

    Parameters
    ----------
    gdf : GeoDataFrame
        Area polygons.
    code_column : str, optional
        Column with the area code; default the first of ``area_code``, ``buurtcode``, ``wijkcode``,
        ``statcode``, ``code``.
    predicate : {"touches", "intersects"}
        ``touches``: shared boundary; ``intersects`` also counts overlaps (useful for generalised polygons).
    buffer : float
        Grow polygons by this distance (CRS units) first, to bridge small gaps in generalised boundaries. With
        a geographic CRS (degrees) a buffer is imprecise; reproject to EPSG:28992 first.

    Returns
    -------
    DataFrame
        Columns ``a`` and ``b`` (area codes, ``a < b``), one row per neighbouring pair.

    Raises
    ------
    InputError
        No code column, or an unknown predicate.
    """
    if predicate not in ("touches", "intersects"):
        raise InputError(f"onbekend predicaat '{predicate}'; kies touches of intersects", column="predicate")
    if code_column is None:
        code_column = next((c for c in _CODE_COLUMNS if c in gdf.columns), None)
        if code_column is None:
            raise InputError("geen kolom met gebiedscodes gevonden (verwacht een van "
                             f"{', '.join(_CODE_COLUMNS)})", column="code")
    elif code_column not in gdf.columns:
        raise InputError(f"kolom '{code_column}' ontbreekt in de geometrie", column=code_column)
    geom = gdf.geometry
    if buffer:
        if gdf.crs is not None and gdf.crs.is_geographic:
            warnings.warn("buffer in graden (geografisch CRS); projecteer eerst naar EPSG:28992", stacklevel=2)
        geom = geom.buffer(buffer)
        pred = "intersects"
    else:
        pred = predicate
    left, right = geom.sindex.query(geom, predicate=pred)
    codes = gdf[code_column].astype(str).to_numpy()
    keep = left != right
    a, b = codes[left[keep]], codes[right[keep]]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    edges = pd.DataFrame({"a": lo, "b": hi}).drop_duplicates().sort_values(["a", "b"]).reset_index(drop=True)
    return edges


def adjacency_edges(adjacency) -> pd.DataFrame:
    """Normalise an adjacency given as GeoDataFrame, edge DataFrame, networkx graph or list of pairs.

    Returns
    -------
    DataFrame
        Columns ``a`` and ``b``.
    """
    if adjacency is None:
        return pd.DataFrame(columns=["a", "b"])
    if isinstance(adjacency, nx.Graph):
        return pd.DataFrame([(str(u), str(v)) for u, v in adjacency.edges()], columns=["a", "b"])
    if isinstance(adjacency, pd.DataFrame):
        if hasattr(adjacency, "geometry") and "geometry" in adjacency.columns:
            return build_adjacency(adjacency)
        for pair in (("a", "b"), ("source", "target"), ("area_code", "neighbour"), ("area_code", "buur")):
            if set(pair) <= set(adjacency.columns):
                return pd.DataFrame({"a": adjacency[pair[0]].astype(str), "b": adjacency[pair[1]].astype(str)})
        if adjacency.shape[1] == 2:
            return pd.DataFrame({"a": adjacency.iloc[:, 0].astype(str), "b": adjacency.iloc[:, 1].astype(str)})
        raise InputError("buurtentabel: verwacht kolommen 'a' en 'b' (of source/target)", column="adjacency")
    if isinstance(adjacency, Iterable):
        pairs = [tuple(map(str, p)) for p in adjacency]
        if any(len(p) != 2 for p in pairs):
            raise InputError("buurtlijst: verwacht paren van twee gebiedscodes", column="adjacency")
        return pd.DataFrame(pairs, columns=["a", "b"])
    raise InputError(f"onbekend type voor de buren: {type(adjacency).__name__}", column="adjacency")


def propose_focus_areas(scores: pd.DataFrame, *, rule: str = "top_k", k: int = 20,
                        threshold: "float | None" = None, min_probability: float = 0.5,
                        uncertainty: "pd.DataFrame | None" = None, stacking: "pd.DataFrame | None" = None,
                        types: "pd.DataFrame | None" = None, adjacency=None, merge_adjacent: bool = True,
                        names: "dict[str, str] | None" = None, mc_top_k: "int | None" = None) -> pd.DataFrame:
    """Propose focus-area candidates with reasons, merged into clusters of adjacent areas.

    Parameters
    ----------
    scores : DataFrame
        Index area code; columns ``index`` and ``rank`` (1 = most urgent).
    rule : {"top_k", "threshold", "probability"}
        ``top_k``: rank <= k; ``threshold``: index >= threshold; ``probability``: Monte Carlo P(top-k) >=
        ``min_probability`` (needs ``uncertainty``).
    k : int
    threshold : float, optional
    min_probability : float
    uncertainty : DataFrame, optional
        Output of :func:`wijklib.urgency.uncertainty.monte_carlo` (``rank_lo``, ``rank_hi``, ``p_top_k``,
        ``robustness``).
    stacking : DataFrame, optional
        Output of :func:`wijklib.urgency.stacking.count_stacking`.
    types : DataFrame, optional
        Output of :func:`wijklib.urgency.typology.classify_urgency`.
    adjacency : GeoDataFrame, DataFrame, networkx.Graph or list of pairs, optional
        Neighbour relations (see :func:`adjacency_edges`).
    merge_adjacent : bool
        Merge adjacent candidates into clusters.
    names : dict, optional
        Area code -> name.
    mc_top_k : int, optional
        The k used for P(top-k) in ``uncertainty`` (for the texts); default ``k``.

    Returns
    -------
    DataFrame
        One row per candidate, sorted by cluster and rank: ``area_code``, ``name``, ``rank``, ``index``,
        ``cluster`` (1 = cluster with the best-ranked area), ``cluster_size``, ``cluster_areas``, the
        uncertainty and stacking columns when given, ``reasons`` (Dutch) and an empty ``decision`` column.

    Raises
    ------
    InputError
        Unknown rule, missing threshold, or probability rule without uncertainty (key ``focus.*``).
    """
    names = names or {}
    sc = scores[scores["index"].notna()]
    if rule == "top_k":
        chosen = sc.index[sc["rank"] <= k]
    elif rule == "threshold":
        if threshold is None:
            raise InputError("focus.rule is 'threshold' maar focus.threshold ontbreekt", column="focus.threshold")
        chosen = sc.index[sc["index"] >= threshold]
    elif rule == "probability":
        if uncertainty is None:
            raise InputError("focus.rule 'probability' vraagt de Monte-Carloanalyse (uncertainty.draws > 0)",
                             column="focus.rule")
        p = uncertainty["p_top_k"].reindex(sc.index)
        chosen = sc.index[p >= min_probability]
    else:
        raise InputError(f"onbekende regel '{rule}'; kies top_k, threshold of probability", column="focus.rule")
    # a wider reference (e.g. the country) judges candidacy: only areas in the worst class of the reference
    wider = "reference_n_ranked" in sc.columns and "in_worst_class" in sc.columns and \
        bool((sc["reference_n_ranked"] != len(sc)).any())
    if wider:
        chosen = pd.Index([c for c in chosen if bool(sc.at[c, "in_worst_class"])], dtype=object)
    cand = sc.loc[chosen, ["index", "rank"]].sort_values("rank").copy()
    cand["name"] = [names.get(c, c) for c in cand.index]
    g = nx.Graph()
    g.add_nodes_from(cand.index)
    if merge_adjacent and adjacency is not None:
        edges = adjacency_edges(adjacency)
        cset = set(cand.index)
        sel = edges["a"].isin(cset) & edges["b"].isin(cset)
        g.add_edges_from(zip(edges.loc[sel, "a"], edges.loc[sel, "b"]))
    comps = sorted(nx.connected_components(g), key=lambda c: min(cand.loc[list(c), "rank"]))
    cluster_of = {}
    for ci, comp in enumerate(comps, start=1):
        for code in comp:
            cluster_of[code] = ci
    cand["cluster"] = [cluster_of[c] for c in cand.index]
    sizes = cand.groupby("cluster").size()
    members = pd.Series(cand.index, index=cand.index).groupby(cand["cluster"]).agg(", ".join)
    cand["cluster_size"] = cand["cluster"].map(sizes)
    cand["cluster_areas"] = cand["cluster"].map(members)
    if uncertainty is not None:
        for col in ("rank_lo", "rank_hi", "p_top_k", "robustness"):
            cand[col] = uncertainty[col].reindex(cand.index)
    if stacking is not None:
        for col in ("n_domains_flagged", "flagged_domains"):
            cand[col] = stacking[col].reindex(cand.index)
    if types is not None:
        cand["urgency_type"] = types["urgency_type"].reindex(cand.index)
    for col in ("population", "small_population", "special_population", "special_reason"):
        if col in sc.columns:
            cand[col] = sc[col].reindex(cand.index)
    reasons = []
    n_scored = len(sc)
    for code, r in cand.iterrows():
        parts = [f"rang {int(cast(float, r['rank']))} van {n_scored} (score {fmt_nl(r['index'], 2)})"]
        if wider:
            parts[0] += (f", rang {int(cast(float, sc.at[code, 'rank_reference']))} van "
                         f"{int(cast(float, sc.at[code, 'reference_n_ranked']))} in de referentie")
        if uncertainty is not None and pd.notna(r.get("p_top_k")):
            parts.append(f"rang {int(r['rank_lo'])}-{int(r['rank_hi'])} over de methodekeuzes, "
                         f"kans {r['p_top_k']:.0%} in de top {mc_top_k or k} ({r['robustness']})")
        if stacking is not None and pd.notna(r.get("n_domains_flagged")):
            nd = int(r["n_domains_flagged"])
            if nd:
                parts.append(f"{nd} domein(en) in de slechtste groep: {_domain_labels(r['flagged_domains'])}")
        if types is not None and isinstance(r.get("urgency_type"), str) and r["urgency_type"] != "geen":
            parts.append(f"urgentietype: {r['urgency_type']}")
        if r.get("small_population") is True or (isinstance(r.get("small_population"), np.bool_)
                                                  and r.get("small_population")):
            parts.append(f"kleine buurt ({fmt_nl(r['population'], 0)} inwoners): de rang rust op weinig mensen")
        if isinstance(r.get("special_reason"), str) and r["special_reason"]:  # first, so nobody misses it
            parts.insert(0, f"LET OP, mogelijk bijzondere bevolking: {r['special_reason']}")
        if r["cluster_size"] > 1:
            others = [c for c in r["cluster_areas"].split(", ") if c != code]
            parts.append("grenst aan andere kandidaten (" + ", ".join(names.get(o, o) for o in others) + ")")
        reasons.append("; ".join(parts))
    cand["reasons"] = reasons
    cand["decision"] = ""
    cand.index.name = "area_code"
    cand = cand.reset_index().sort_values(["cluster", "rank"]).reset_index(drop=True)
    front = ["area_code", "name", "rank", "index", "cluster", "cluster_size", "cluster_areas"]
    return cand[front + [c for c in cand.columns if c not in front]]


def _domain_labels(ids: object) -> str:
    """'inkomen_armoede; wonen' -> 'inkomen en armoede; wonen' (the Dutch labels of the indicator list)."""
    from wijklib.charts import domain_label_in_text

    return "; ".join(domain_label_in_text(d.strip()) for d in str(ids or "").split(";") if d.strip())
