"""Urgency types of the Praktijkhandboek (extraction 003, section 4.1), as assistive rules.

The handbook distinguishes three ways in which urgency arises (paraphrased):

* **acuut**: problems are recognised quickly after an incident or unrest, often in an area that already caused
  concern;
* **sluimerend**: the slow realisation that an area stagnates or declines, without escalation; it asks for a
  preventive approach when "the signals are on amber";
* **meervoudig**: momentum because signals from the area and from politics and administration come together,
  often when long latent urgency turns acute.

The handbook gives no rules or numbers; the rules below are our operationalisation (PROPOSAL) from four data
streams per area:

* *geteld* (counted): the index is in the worst class or the area is stacked;
* *trend*: the index worsens or stagnates while the reference improves, or a minimal share of the indicators
  worsens;
* *incident*: a recent spike in an incident-like indicator or incidents in the signals table;
* *verteld* (told): residents or professionals report serious problems (told percentile at or above the
  configured level); unknown when no told data exist.

Rules: ``acuut`` = incident; ``sluimerend`` = trend while not counted in the worst class; ``meervoudig`` =
counted and told and (trend or incident). The primary type takes the first that applies of meervoudig, acuut,
sluimerend; otherwise ``geen``. The result is a proposal to discuss (warme duiding), not a verdict.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wijklib.errors import InputError

__all__ = ["count_incidents", "classify_urgency", "STREAM_COLUMNS"]

STREAM_COLUMNS = ("in_worst_class", "stacked", "index_trend", "share_worsening", "worsening", "spike_max",
                  "spike_indicators", "n_incidents", "incident_categories", "told_urgent", "told_text")


def count_incidents(signals: pd.DataFrame, areas: pd.Index, *, categories: "list[str] | None" = None,
                    window_months: int = 12, reference_date: "str | None" = None) -> pd.DataFrame:
    """Number of incidents per area in the recent window of a signals table.

    Parameters
    ----------
    signals : DataFrame
        Columns ``area_code``, ``category`` and either ``date`` (anything :func:`pandas.to_datetime` reads) or
        ``period`` (year); optional ``count`` (default 1 per row).
    areas : Index
        Areas to report (others are ignored).
    categories : list of str, optional
        Categories that count as incidents; None or empty = all.
    window_months : int
        Length of the window ending at the reference date.
    reference_date : str, optional
        End of the window; default the latest date (or period) in the table.

    Returns
    -------
    DataFrame
        Index ``area_code``; ``n_incidents`` (float) and ``incident_categories`` (text, most frequent first).

    Raises
    ------
    InputError
        Missing columns or unreadable dates (naming the row).
    """
    for col in ("area_code", "category"):
        if col not in signals.columns:
            raise InputError(f"kolom '{col}' ontbreekt in de signalentabel", column=col)
    df = signals.copy().reset_index(drop=True)
    df["area_code"] = df["area_code"].astype(str).str.strip()
    cnt = pd.to_numeric(df["count"], errors="coerce") if "count" in df.columns else pd.Series(1.0, index=df.index)
    if cnt.isna().any():
        i = int(np.flatnonzero(cnt.isna().to_numpy())[0])
        raise InputError(f"verwacht een aantal, kreeg {df['count'].iloc[i]!r}", row=i + 1, column="count")
    df["_n"] = cnt.astype(float)
    if "date" in df.columns:
        dates = pd.to_datetime(df["date"], errors="coerce")
        if dates.isna().any():
            i = int(np.flatnonzero(dates.isna().to_numpy())[0])
            raise InputError(f"onleesbare datum {df['date'].iloc[i]!r}", row=i + 1, column="date")
        ref = pd.Timestamp(reference_date) if reference_date else dates.max()
        start = ref - pd.DateOffset(months=window_months)
        in_window = (dates > start) & (dates <= ref)
    elif "period" in df.columns:
        per = pd.to_numeric(df["period"], errors="coerce")
        if per.isna().any():
            i = int(np.flatnonzero(per.isna().to_numpy())[0])
            raise InputError(f"verwacht een jaartal, kreeg {df['period'].iloc[i]!r}", row=i + 1, column="period")
        ref_year = pd.Timestamp(reference_date).year if reference_date else int(per.max())
        years = max(1, int(np.ceil(window_months / 12)))
        in_window = (per > ref_year - years) & (per <= ref_year)
    else:
        raise InputError("de signalentabel heeft een kolom 'date' of 'period' nodig", column="date")
    keep = in_window & df["area_code"].isin(areas)
    if categories:
        keep &= df["category"].isin(categories)
    sub = df[keep]
    n = sub.groupby("area_code")["_n"].sum().reindex(areas).fillna(0.0)
    cats = (sub.groupby(["area_code", "category"])["_n"].sum().reset_index()
            .sort_values(["area_code", "_n"], ascending=[True, False])
            .groupby("area_code")["category"].agg(lambda s: ", ".join(map(str, s))))
    out = pd.DataFrame({"n_incidents": n, "incident_categories": cats.reindex(areas).fillna("")}, index=areas)
    out.index.name = "area_code"
    return out


def _yes(v: object) -> bool:
    return v is True or (isinstance(v, (bool, np.bool_)) and bool(v))


def classify_urgency(streams: pd.DataFrame, *, spike_sd: float = 1.5, min_incidents: int = 1,
                     min_share_worsening: float = 0.25, names: "dict[str, str] | None" = None) -> pd.DataFrame:
    """Urgency type per area from the four streams, with reasons in plain Dutch.

    Parameters
    ----------
    streams : DataFrame
        Index area code; columns (missing ones count as "no signal"): ``in_worst_class`` (bool), ``stacked``
        (bool), ``index_trend`` (trend class of the index), ``share_worsening`` (share of indicators with class
        ``verslechtert``), ``worsening`` (text: those indicators), ``spike_max`` (largest recent spike in
        reference sd), ``spike_indicators`` (text), ``n_incidents``, ``incident_categories`` (text),
        ``told_urgent`` (True, False or NaN = unknown), ``told_text`` (text), ``scored`` (bool, default True:
        False when the area has too few reliable figures for an index; then no trend-based type is given).
    spike_sd : float
        A spike of at least this size is an incident signal.
    min_incidents : int
        Number of incidents in the window that is an incident signal.
    min_share_worsening : float
        Share of worsening indicators that is a trend signal when the index itself does not worsen.
    names : dict, optional
        Area code -> name.

    Returns
    -------
    DataFrame
        Index area code; ``urgency_type`` (``meervoudig``, ``acuut``, ``sluimerend`` or ``geen``), booleans
        ``acuut``, ``sluimerend``, ``meervoudig``, the streams ``stream_counted``, ``stream_trend``,
        ``stream_incident`` (bool) and ``stream_told`` (True/False/None), and ``reasons`` (Dutch, "; "-joined).
    """
    s = streams.copy()
    names = names or {}
    defaults = {"in_worst_class": False, "stacked": False, "index_trend": "onvoldoende_jaren",
                "share_worsening": 0.0, "worsening": "", "spike_max": np.nan, "spike_indicators": "",
                "n_incidents": 0.0, "incident_categories": "", "told_urgent": np.nan, "told_text": "",
                "scored": True}
    for col, val in defaults.items():
        if col not in s.columns:
            s[col] = val
    n = len(s)

    def boolcol(col: str) -> np.ndarray:
        return np.array([_yes(v) for v in s[col]], dtype=bool)

    worst = boolcol("in_worst_class")
    stacked = boolcol("stacked")
    counted = worst | stacked
    idx_trend = np.array([v if isinstance(v, str) else "onvoldoende_jaren" for v in s["index_trend"]], dtype=object)
    share = pd.to_numeric(s["share_worsening"], errors="coerce").fillna(0.0).to_numpy(dtype=float)
    trend = np.isin(idx_trend, ["verslechtert", "stagneert"]) | (share >= min_share_worsening)
    spike_max = pd.to_numeric(s["spike_max"], errors="coerce").to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        spike = ~np.isnan(spike_max) & (spike_max >= spike_sd)
    n_inc = pd.to_numeric(s["n_incidents"], errors="coerce").fillna(0.0).to_numpy(dtype=float)
    incidents = n_inc >= min_incidents
    incident = spike | incidents
    told_known = np.array([isinstance(v, (bool, np.bool_)) for v in s["told_urgent"]], dtype=bool)
    told_true = np.array([_yes(v) for v in s["told_urgent"]], dtype=bool)
    has_score = boolcol("scored")
    acuut = incident
    sluimerend = trend & ~counted & has_score  # a trend in a few unreliable figures is no slow decline
    meervoudig = counted & told_true & (trend | incident)
    kind = np.where(meervoudig, "meervoudig", np.where(acuut, "acuut", np.where(sluimerend, "sluimerend", "geen")))
    worsening = s["worsening"].fillna("").astype(str).to_numpy()
    spike_inds = s["spike_indicators"].fillna("").astype(str).to_numpy()
    inc_cats = s["incident_categories"].fillna("").astype(str).to_numpy()
    told_txt = s["told_text"].fillna("").astype(str).to_numpy()
    reasons_all = []
    for a in range(n):
        reasons = []
        if not has_score[a]:
            reasons.append("te weinig betrouwbare cijfers voor een urgentiescore (kleine of onbewoonde buurt); "
                           "kijk naar de verhalen en signalen")
        if worst[a]:
            reasons.append("de urgentiescore hoort bij de slechtste klasse")
        if stacked[a]:
            reasons.append("problemen stapelen zich op in meerdere domeinen")
        if idx_trend[a] == "verslechtert":
            reasons.append("de urgentiescore verslechtert over de jaren")
        elif idx_trend[a] == "stagneert":
            reasons.append("het gebied blijft gelijk terwijl vergelijkbare gebieden verbeteren")
        if share[a] >= min_share_worsening and worsening[a] and has_score[a]:
            reasons.append(f"{share[a]:.0%} van de indicatoren verslechtert ({worsening[a]})")
        if spike[a]:
            reasons.append(f"recente piek bij {spike_inds[a]} ({spike_max[a]:.1f} standaardafwijking boven "
                           "eerdere jaren)")
        if incidents[a]:
            cats = f": {inc_cats[a]}" if inc_cats[a] else ""
            reasons.append(f"{int(n_inc[a])} incident(en) in de recente periode{cats}")
        if told_true[a]:
            reasons.append("bewoners of professionals melden ernstige problemen" +
                           (f" ({told_txt[a]})" if told_txt[a] else ""))
        elif not told_known[a] and counted[a] and (trend[a] or incident[a]):
            reasons.append("geen vertelde gegevens: meervoudige urgentie niet te beoordelen")
        if kind[a] == "geen" and counted[a]:
            reasons.append("structurele achterstand zonder verslechtering, incident of zorgelijk verhaal; het "
                           "Praktijkhandboek geeft hiervoor geen apart urgentietype: bespreek met partners of een "
                           "langdurige integrale aanpak nodig is")
        elif kind[a] == "geen" and has_score[a]:
            reasons.append("geen van de regels voor acute, sluimerende of meervoudige urgentie is van toepassing"
                           if not reasons else "cijfers wijzen op aandacht, maar de regels voor een urgentietype "
                           "zijn niet vervuld")
        reasons_all.append("; ".join(reasons))
    out = pd.DataFrame({
        "name": [names.get(c, c) for c in s.index], "urgency_type": kind, "acuut": acuut,
        "sluimerend": sluimerend, "meervoudig": meervoudig, "stream_counted": counted, "stream_trend": trend,
        "stream_incident": incident,
        "stream_told": [bool(t) if k else None for t, k in zip(told_true, told_known)],
        "reasons": reasons_all}, index=s.index)
    out.index.name = "area_code"
    return out
