"""Tellen en vertellen: told scores beside counted scores, with a divergence signal.

The Praktijkhandboek insists that figures never tell the whole story and that figures and stories correct and
complete each other (extraction 003, S4.2); it gives examples both ways: residents who do not experience what the
statistics show (neighbourhood culture) and residents or professionals who see problems the statistics miss.
This module keeps both streams visible instead of blending them into one number.

Told data arrive aggregated per area x theme (one row per area, theme and source), e.g. the mean of a survey
item, the number of schouw observations per 100 addresses or of signals per 1,000 inhabitants:

``area_code``, ``theme``, ``value`` and optionally ``source`` (e.g. ``bewoners``, ``professionals``,
``schouw``), ``n`` (respondents or observations), ``direction`` (``hoger_is_slechter`` default, or
``hoger_is_beter``) and ``min_n`` (the smallest ``n`` that counts for this row, e.g. the sources minimum of coded
stories; empty = the general ``min_n``).

For each theme and source, the told values and the counted domain score of the matching domain are both turned
into mid-rank percentiles *within the same set of areas* (those that have both), so they are on one scale;
``divergence = told percentile - counted percentile``. Positive: the told picture is more serious than the
figures; negative: the figures are more serious than the told picture.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from wijklib.errors import InputError

__all__ = ["prepare_told", "midrank_percentile", "divergence", "told_stream"]

_SOURCE_NL = {"bewoners": "bewoners", "professionals": "professionals", "schouw": "de schouw",
              "signalen": "de signalen"}


def midrank_percentile(values: np.ndarray) -> np.ndarray:
    """Mid-rank percentile (0-100) of each value within the array; NaN stays NaN.

    Examples
    --------
    >>> midrank_percentile(np.array([1.0, 2.0, 3.0, 4.0])).tolist()
    [12.5, 37.5, 62.5, 87.5]
    """
    values = np.asarray(values, dtype=float)
    out = np.full(values.shape, np.nan)
    ok = ~np.isnan(values)
    if ok.any():
        out[ok] = 100.0 * (rankdata(values[ok]) - 0.5) / ok.sum()
    return out


def prepare_told(told: pd.DataFrame) -> pd.DataFrame:
    """Validate a told table and add defaults.

    Parameters
    ----------
    told : DataFrame
        Columns ``area_code``, ``theme``, ``value``; optional ``source``, ``n``, ``direction``.

    Returns
    -------
    DataFrame
        With ``source`` (default ``"verteld"``), ``n`` (float, NaN = unknown), ``min_n`` (float, NaN = the general
        minimum), ``direction`` and ``oriented`` (value x sign).

    Raises
    ------
    InputError
        Missing column, non-numeric value, unknown direction or duplicated (area, theme, source); the error
        names the row and column.
    """
    for col in ("area_code", "theme", "value"):
        if col not in told.columns:
            raise InputError(f"kolom '{col}' ontbreekt in de tabel met vertelde gegevens", column=col)
    df = told.copy().reset_index(drop=True)
    df["area_code"] = df["area_code"].astype(str).str.strip()
    if "source" not in df.columns:
        df["source"] = "verteld"
    df["source"] = df["source"].fillna("verteld").astype(str)
    if "direction" not in df.columns:
        df["direction"] = "hoger_is_slechter"
    df["direction"] = df["direction"].fillna("hoger_is_slechter")
    for col in ("value", "n", "min_n"):
        if col not in df.columns:
            df[col] = np.nan
        num = pd.to_numeric(df[col], errors="coerce")
        bad = num.isna() & df[col].notna()
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise InputError(f"verwacht een getal, kreeg {df[col].iloc[i]!r}", row=i + 1, column=col)
        df[col] = num.astype(float)
    bad_dir = ~df["direction"].isin(["hoger_is_slechter", "hoger_is_beter"])
    if bad_dir.any():
        i = int(np.flatnonzero(bad_dir.to_numpy())[0])
        raise InputError(f"onbekende richting {df['direction'].iloc[i]!r}; verwacht hoger_is_slechter of "
                         "hoger_is_beter", row=i + 1, column="direction")
    dup = df.duplicated(["area_code", "theme", "source"])
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise InputError("dubbele rij voor gebied, thema en bron; voeg ze eerst samen", row=i + 1,
                         column="theme")
    df["oriented"] = np.where(df["direction"] == "hoger_is_beter", -df["value"], df["value"])
    return df


def divergence(counted_domains: pd.DataFrame, told: pd.DataFrame, *, theme_domains: "dict[str, str] | None" = None,
               min_n: int = 10, threshold: float = 25.0, min_areas: int = 3,
               area_names: "dict[str, str] | None" = None, period: "int | None" = None) -> pd.DataFrame:
    """Told versus counted scores per area, theme and source, with a divergence signal.

    Parameters
    ----------
    counted_domains : DataFrame
        Counted domain scores (index area code, one column per domain, higher = more urgent).
    told : DataFrame
        Told table (see :func:`prepare_told`).
    theme_domains : dict, optional
        Theme -> domain. A theme that is itself a domain id maps to that domain.
    min_n : int
        Told values with a known ``n`` below this are reported (``reliable`` False) but not compared; a row with
        its own ``min_n`` (e.g. coded stories, whose minimum counts sources) uses that instead.
    threshold : float
        Divergence signal from this many percentile points on.
    min_areas : int
        At least this many areas with both streams are needed to compare a theme and source.
    area_names : dict, optional
        Area code -> name, for the texts.
    period : int, optional
        The scored year, for the text of a theme whose domain has no figures in that year.

    Returns
    -------
    DataFrame
        One row per told row: ``area_code``, ``theme``, ``source``, ``domain``, ``value``, ``n``, ``min_n`` (the
        minimum applied to ``n``; empty when ``n`` is unknown), ``reliable``, ``told_pct``, ``counted_score``, ``counted_pct``, ``divergence``, ``signal`` (``verteld_ernstiger``,
        ``geteld_ernstiger``, ``overeenkomend`` or ``niet_vergelijkbaar``) and ``text`` (Dutch).
    """
    df = prepare_told(told)
    theme_domains = dict(theme_domains or {})
    area_names = area_names or {}
    domains = set(counted_domains.columns)
    df["domain"] = [theme_domains.get(t, t if t in domains else None) for t in df["theme"]]
    df["min_n"] = df["min_n"].fillna(float(min_n)).where(df["n"].notna())
    df["reliable"] = df["n"].isna() | (df["n"] >= df["min_n"])
    # withheld at the source: a told value from fewer than min_n respondents is never passed on as a number
    df.loc[~df["reliable"], ["value", "oriented"]] = np.nan
    for col in ("told_pct", "counted_score", "counted_pct", "divergence"):
        df[col] = np.nan
    df["signal"] = "niet_vergelijkbaar"
    df["text"] = ""
    for key, group_rows in df.groupby(["theme", "source"]).groups.items():
        theme, source = cast("tuple[str, str]", key)
        idx = list(group_rows)
        sub = df.loc[idx]
        dom = sub["domain"].iloc[0]
        if dom is None or (not isinstance(dom, str) and pd.isna(dom)):
            df.loc[idx, "text"] = f"thema '{theme}' hoort bij geen domein van de cijfers; geef told.theme_domains op"
            continue
        if dom not in domains or counted_domains[dom].isna().all():
            # the theme has a domain, but the counted data of the scored year hold no indicator of it
            year = f" in {period}" if period is not None else ""
            df.loc[idx, "text"] = (f"er zijn geen cijfers voor domein {dom}{year}: thema '{theme}' is daarom niet "
                                   "met de cijfers te vergelijken")
            continue
        counted = counted_domains[dom].reindex(sub["area_code"]).to_numpy(dtype=float)
        df.loc[idx, "counted_score"] = counted
        use = sub["reliable"].to_numpy() & ~np.isnan(counted) & ~np.isnan(sub["oriented"].to_numpy())
        if use.sum() < min_areas:
            df.loc[idx, "text"] = (f"te weinig gebieden ({int(use.sum())}) met zowel cijfers als verhalen over "
                                   f"{theme} om te vergelijken (minimaal {min_areas})")
            continue
        told_pct = np.full(len(sub), np.nan)
        counted_pct = np.full(len(sub), np.nan)
        told_pct[use] = midrank_percentile(sub["oriented"].to_numpy()[use])
        counted_pct[use] = midrank_percentile(counted[use])
        div = told_pct - counted_pct
        df.loc[idx, "told_pct"] = told_pct
        df.loc[idx, "counted_pct"] = counted_pct
        df.loc[idx, "divergence"] = div
        sig = np.where(~use, "niet_vergelijkbaar",
                       np.where(div >= threshold, "verteld_ernstiger",
                                np.where(div <= -threshold, "geteld_ernstiger", "overeenkomend")))
        df.loc[idx, "signal"] = sig
    texts = []
    for _, r in df.iterrows():
        if r["text"]:
            texts.append(r["text"])
            continue
        who = _SOURCE_NL.get(r["source"], r["source"])
        name = area_names.get(r["area_code"], r["area_code"])
        if not r["reliable"]:
            # an exact small number is never shown: it can point to the few people behind it
            texts.append(f"{name}: te weinig waarnemingen bij {who} (n < {int(r['min_n'])}) over {r['theme']} "
                         f"(minimaal {int(r['min_n'])})")
            continue
        nn = f", n={int(r['n'])}" if not np.isnan(r["n"]) else ""
        if r["signal"] == "verteld_ernstiger":
            texts.append(f"{name}: {who}{nn} zien bij {r['theme']} meer problemen dan de cijfers "
                         f"(verteld percentiel {r['told_pct']:.0f}, geteld percentiel {r['counted_pct']:.0f})")
        elif r["signal"] == "geteld_ernstiger":
            texts.append(f"{name}: de cijfers over {r['theme']} zijn ernstiger dan wat {who}{nn} vertellen "
                         f"(geteld percentiel {r['counted_pct']:.0f}, verteld percentiel {r['told_pct']:.0f})")
        elif r["signal"] == "overeenkomend":
            texts.append(f"{name}: cijfers en verhalen van {who} over {r['theme']} komen overeen "
                         f"(verteld {r['told_pct']:.0f}, geteld {r['counted_pct']:.0f})")
        elif np.isnan(r["value"]):
            # a missing told value (e.g. a buurt that was not walked) is missing, never 0: not compared
            what = "niet geschouwd" if r["source"] == "schouw" else f"geen gegevens van {who}"
            texts.append(f"{name}: {r['theme']} niet te vergelijken ({what})")
        else:
            texts.append(f"{name}: {r['theme']} niet te vergelijken (geen cijfers voor dit gebied)")
    df["text"] = texts
    cols = ["area_code", "theme", "source", "domain", "value", "n", "min_n", "reliable", "told_pct", "counted_score",
            "counted_pct", "divergence", "signal", "text"]
    return df[cols]


def told_stream(div: pd.DataFrame, areas: pd.Index, *, urgent_percentile: float = 75.0) -> pd.Series:
    """Whether the told stream points to urgency per area (True/False, NaN without comparable told data).

    Parameters
    ----------
    div : DataFrame
        Output of :func:`divergence`.
    areas : Index
        Areas to report.
    urgent_percentile : float
        Told percentile from which a theme counts as urgent.

    Returns
    -------
    Series of object (True, False or NaN)
    """
    ok = div[div["reliable"] & div["told_pct"].notna()]
    if not len(ok):
        return pd.Series(np.nan, index=areas, dtype=object)
    urgent = (ok["told_pct"] >= urgent_percentile).groupby(ok["area_code"]).any()
    return urgent.reindex(areas).astype(object)
