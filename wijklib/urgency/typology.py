"""Urgency types of the Praktijkhandboek wijkaanpak (003, §4.1 "Onderzoek het gevoel van urgentie"), as
assistive rules.

The handbook describes (paraphrased; see the document's own section):

* **acute urgentie** (§4.1 (1)): a fast recognition of problems, for example when an incident or felt unrest
  reaches council members, administrators and policy makers, often through the media;
* **sluimerende urgentie** (§4.1 (2)): a less visible, slow realisation that an area stagnates or declines without
  unrest or escalation, arising from a thorough area analysis or from persistent signals of professionals and
  residents; it mostly asks for a preventive approach;
* **meervoudige urgentie** (§4.1 (3)): momentum when societal, political and administrative streams come together;
* urgency created by a **policy frame** (§4.1, box on the Nationaal Programma Rotterdam Zuid): an area measurably
  deviates from the local norm (the catalogue lists this as a fourth type, marked as interpretation);
* urgency need not have negative causes: **resident initiatives** can create it too (§4.1, positive urgency).

The handbook gives no rules or numbers. The rules below are wijklib's operationalisation (keuze van wijklib; every
number is a named setting in :class:`wijklib.urgency.config.TypesConfig`), from these streams per area:

* *aanleidingen log* (:mod:`wijklib.aanleidingen`): incidents, media, political and administrative events,
  professional and resident signals, resident initiatives, with dates;
* *signals table* of professionals (:mod:`wijklib.told`): signals, and incidents in the configured categories;
* *geteld*: the index is in the worst class or the area is stacked; *cijfers dalen*: a robust slope of the index
  worsens or stagnates, or a share of the indicators worsens (a two-year difference only when
  ``trends.differences_count``);
* *verteld*: residents or professionals report serious problems in the told data;
* *beleidskader*: indicators worse than a local norm set in ``types.policy_norms`` (with its document).

Rules: ``acuut`` = an incident (log or signals) in the window that reached media, politics or administrators (log);
``sluimerend`` = figures decline, or professional/resident signals accumulate, in any class; ``meervoudig`` =
societal stream (counted, told, signals or incident) + political + administrative events within the stream window;
``beleidskader`` = a deviation from a local norm. The primary type is the first that applies of meervoudig, acuut,
beleidskader, sluimerend, else ``geen``. Resident initiatives are shown (``positive_urgency``) and never scored as
a problem. The result is a proposal to discuss (warme duiding), not a verdict.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from wijklib.errors import InputError
from wijklib.format import number

__all__ = ["count_incidents", "classify_urgency", "log_streams", "STREAM_COLUMNS", "TYPE_COLUMNS", "SECTIONS"]

#: Sections of the Praktijkhandboek (003) cited in the reasons.
SECTIONS = {"acuut": "Praktijkhandboek 003 §4.1 (1) acute urgentie",
            "sluimerend": "Praktijkhandboek 003 §4.1 (2) sluimerende urgentie",
            "meervoudig": "Praktijkhandboek 003 §4.1 (3) meervoudige urgentie",
            "beleidskader": "Praktijkhandboek 003 §4.1, kader Nationaal Programma Rotterdam Zuid (als type: "
                            "interpretatie van wijklib)",
            "positief": "Praktijkhandboek 003 §4.1 (bewonersinitiatieven)"}

#: Columns of the types table.
TYPE_COLUMNS = ["name", "urgency_type", "acuut", "sluimerend", "meervoudig", "beleidskader", "stream_counted",
                "stream_trend", "stream_incident", "stream_told", "stream_attention", "stream_signals",
                "stream_societal", "stream_political", "stream_administrative", "policy_deviation",
                "positive_urgency", "reasons"]

STREAM_COLUMNS = ("in_worst_class", "stacked", "index_trend", "index_difference", "share_worsening", "worsening",
                  "spike_max", "spike_indicators", "n_incidents", "incident_categories", "n_signals", "told_urgent",
                  "told_text", "told_sources", "log_incident", "log_media", "log_politiek", "log_bestuurlijk", "log_signals",
                  "log_stream_politiek", "log_stream_bestuurlijk", "log_text", "initiatives", "policy_deviation")


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


def log_streams(log: "pd.DataFrame | None", areas: pd.Index, *, window_months: int = 12,
                stream_window_months: int = 24, reference_date: "str | None" = None) -> pd.DataFrame:
    """Counts per area and kind of the aanleidingen log in the recent window, for :func:`classify_urgency`.

    Parameters
    ----------
    log : DataFrame or None
        As read by :func:`wijklib.aanleidingen.read_aanleidingen` (``area_code``, ``date``, ``kind``,
        ``description``, ``source``).
    areas : Index
    window_months : int
        Window for incidents, attention and signals (``types.window_months``).
    stream_window_months : int
        Window in which the streams of meervoudige urgentie must meet (``types.stream_window_months``).
    reference_date : str, optional
        End of the windows; default the latest date in the log.

    Returns
    -------
    DataFrame
        Index area code; ``log_incident``, ``log_media``, ``log_politiek``, ``log_bestuurlijk``, ``log_signals``
        (professional and resident signals), ``log_stream_politiek``, ``log_stream_bestuurlijk`` (counts in the
        stream window), ``log_text`` (the recent entries, Dutch) and ``initiatives`` (resident initiatives, text).
    """
    cols = ["log_incident", "log_media", "log_politiek", "log_bestuurlijk", "log_signals", "log_stream_politiek",
            "log_stream_bestuurlijk"]
    out = pd.DataFrame(0.0, index=areas, columns=cols)
    out["log_text"] = ""
    out["initiatives"] = ""
    if log is None or len(log) == 0:
        out.index.name = "area_code"
        return out
    df = log.copy()
    df["area_code"] = df["area_code"].astype(str).str.strip()
    df["date"] = pd.to_datetime(df["date"])
    ref = pd.Timestamp(reference_date) if reference_date else df["date"].max()
    recent = (df["date"] > ref - pd.DateOffset(months=window_months)) & (df["date"] <= ref)
    stream = (df["date"] > ref - pd.DateOffset(months=stream_window_months)) & (df["date"] <= ref)
    df = df[df["area_code"].isin(areas)]
    recent, stream = recent.reindex(df.index), stream.reindex(df.index)

    def count(mask: pd.Series) -> pd.Series:
        return df[mask].groupby("area_code").size().reindex(areas).fillna(0).astype(float)

    out["log_incident"] = count(recent & (df["kind"] == "incident"))
    out["log_media"] = count(recent & (df["kind"] == "media"))
    out["log_politiek"] = count(recent & (df["kind"] == "politiek"))
    out["log_bestuurlijk"] = count(recent & (df["kind"] == "bestuurlijk"))
    out["log_signals"] = count(recent & df["kind"].isin(["professioneel_signaal", "bewonerssignaal"]))
    out["log_stream_politiek"] = count(stream & (df["kind"] == "politiek"))
    out["log_stream_bestuurlijk"] = count(stream & (df["kind"] == "bestuurlijk"))
    from wijklib.aanleidingen import KIND_LABELS

    def texts(mask: pd.Series) -> pd.Series:
        sub = df[mask].sort_values("date")
        if sub.empty:
            return pd.Series("", index=areas)
        line = (sub["date"].dt.strftime("%d-%m-%Y") + " " + sub["kind"].map(KIND_LABELS).fillna(sub["kind"])
                + ": " + sub["description"].astype(str))
        return line.groupby(sub["area_code"]).agg(" | ".join).reindex(areas).fillna("")

    out["log_text"] = texts(stream & (df["kind"] != "bewonersinitiatief"))
    out["initiatives"] = texts(df["kind"] == "bewonersinitiatief")
    out.index.name = "area_code"
    return out


def classify_urgency(streams: pd.DataFrame, *, spike_sd: float = 1.5, min_incidents: int = 1,
                     min_share_worsening: float = 0.25, names: "dict[str, str] | None" = None,
                     min_signals: int = 3, acute_requires_attention: bool = True) -> pd.DataFrame:
    """Urgency type per area from the streams, with reasons in plain Dutch that cite the handbook section.

    Parameters
    ----------
    streams : DataFrame
        Index area code; columns of :data:`STREAM_COLUMNS` (missing ones count as "no signal"):
        ``in_worst_class``, ``stacked`` (bool); ``index_trend`` (robust trend class of the index),
        ``index_difference`` (class of a two-year difference, shown only); ``share_worsening`` and ``worsening``
        (share and labels of worsening indicators); ``spike_max``/``spike_indicators`` (recent spike, shown
        only); ``n_incidents``/``incident_categories`` (incidents in the signals table); ``n_signals`` (all
        signals of professionals in the window); ``told_urgent`` (True, False or NaN = unknown), ``told_text``;
        ``told_sources`` (text: the told sources with data for the area, such as ``verhalen``, also when they
        cannot be compared with the figures);
        the log counts of :func:`log_streams`; ``policy_deviation`` (text: indicators worse than a local norm);
        ``scored`` (bool, default True).
    spike_sd : float
        Size of a spike that is mentioned in the reasons.
    min_incidents : int
        Incidents in the signals table that count as an incident (``types.min_incidents``).
    min_share_worsening : float
        Share of worsening indicators that counts as declining figures (``types.min_share_worsening``).
    names : dict, optional
        Area code -> name.
    min_signals : int
        Professional and resident signals in the window that count as persistent signals (``types.min_signals``).
    acute_requires_attention : bool
        Acute urgency needs media, political or administrative attention in the log (``types.
        acute_requires_attention``).

    Returns
    -------
    DataFrame
        Index area code; columns :data:`TYPE_COLUMNS`: ``urgency_type`` (``meervoudig``, ``acuut``,
        ``beleidskader``, ``sluimerend`` or ``geen``), a boolean per type, the streams and ``reasons``.
    """
    s = streams.copy()
    names = names or {}
    defaults: dict[str, Any] = {"in_worst_class": False, "stacked": False, "index_trend": "onvoldoende_jaren", "index_difference": "",
                "share_worsening": 0.0, "worsening": "", "spike_max": np.nan, "spike_indicators": "",
                "n_incidents": 0.0, "incident_categories": "", "n_signals": 0.0, "told_urgent": np.nan,
                "told_text": "", "told_sources": "", "log_incident": 0.0, "log_media": 0.0, "log_politiek": 0.0,
                "log_bestuurlijk": 0.0, "log_signals": 0.0, "log_stream_politiek": np.nan,
                "log_stream_bestuurlijk": np.nan, "log_text": "", "initiatives": "", "policy_deviation": "",
                "scored": True}
    for col, val in defaults.items():
        if col not in s.columns:
            s[col] = val
    n = len(s)

    def boolcol(col: str) -> np.ndarray:
        return np.array([_yes(v) for v in s[col]], dtype=bool)

    def num(col: str) -> np.ndarray:
        return pd.to_numeric(s[col], errors="coerce").fillna(0.0).to_numpy(dtype=float)

    def txt(col: str) -> np.ndarray:
        return s[col].fillna("").astype(str).to_numpy()

    for col in ("log_stream_politiek", "log_stream_bestuurlijk"):  # default: the counts of the short window
        s[col] = s[col].where(s[col].notna(), s[col.replace("stream_", "")])
    worst, stacked = boolcol("in_worst_class"), boolcol("stacked")
    counted = worst | stacked
    has_score = boolcol("scored")
    idx_trend = np.array([v if isinstance(v, str) else "onvoldoende_jaren" for v in s["index_trend"]], dtype=object)
    idx_diff = txt("index_difference")
    share = num("share_worsening")
    decline = (np.isin(idx_trend, ["verslechtert", "stagneert"]) | (share >= min_share_worsening)) & has_score
    spike_max = pd.to_numeric(s["spike_max"], errors="coerce").to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        spike = ~np.isnan(spike_max) & (spike_max >= spike_sd)
    n_inc, log_inc = num("n_incidents"), num("log_incident")
    incident = (n_inc >= min_incidents) | (log_inc > 0)
    attention_n = num("log_media") + num("log_politiek") + num("log_bestuurlijk")
    attention = attention_n > 0
    signals_n = num("n_signals") + num("log_signals")
    signals = signals_n >= min_signals
    told_known = np.array([isinstance(v, (bool, np.bool_)) for v in s["told_urgent"]], dtype=bool)
    told_true = np.array([_yes(v) for v in s["told_urgent"]], dtype=bool)
    political, administrative = num("log_stream_politiek") > 0, num("log_stream_bestuurlijk") > 0
    societal = counted | told_true | incident | signals | decline
    policy = txt("policy_deviation")
    beleid = np.array([bool(p) for p in policy], dtype=bool)
    initiatives = txt("initiatives")

    acuut = incident & (attention | (not acute_requires_attention))
    sluimerend = decline | signals
    meervoudig = societal & political & administrative
    kind = np.where(meervoudig, "meervoudig", np.where(acuut, "acuut", np.where(
        beleid, "beleidskader", np.where(sluimerend, "sluimerend", "geen"))))
    worsening, spike_inds = txt("worsening"), txt("spike_indicators")
    inc_cats, told_txt, log_txt = txt("incident_categories"), txt("told_text"), txt("log_text")
    told_src = txt("told_sources")
    reasons_all = []
    for a in range(n):
        r = []
        if not has_score[a]:
            r.append("te weinig betrouwbare cijfers voor een urgentiescore (kleine of onbewoonde buurt); kijk naar "
                     "de verhalen, signalen en aanleidingen")
        if acuut[a]:
            how = "in media, politiek of bestuur" if attention[a] else "(zonder vastgelegde aandacht; " \
                "types.acute_requires_attention uit, keuze van wijklib)"
            r.append(f"acuut: recent incident of onrust dat aandacht kreeg {how} ({SECTIONS['acuut']})")
        elif incident[a]:
            r.append("recent incident of onrust, maar (nog) niet vastgelegd dat het media, politiek of bestuur "
                     f"bereikte: geen acute urgentie zoals {SECTIONS['acuut']} die beschrijft; vul zo nodig het "
                     "aanleidingenlogboek aan")
        if meervoudig[a]:
            parts = [p for p, ok in (("cijfers", counted[a] or decline[a]), ("verhalen", told_true[a]),
                                     ("signalen", signals[a]), ("incident", incident[a])) if ok]
            r.append(f"meervoudig: maatschappelijke stroom ({', '.join(parts)}), politieke en bestuurlijke "
                     f"aanleidingen in dezelfde periode ({SECTIONS['meervoudig']})")
        elif societal[a] and (political[a] or administrative[a]):
            missing = "bestuurlijke" if political[a] else "politieke"
            r.append(f"maatschappelijke en {'politieke' if political[a] else 'bestuurlijke'} stroom, maar geen "
                     f"{missing} aanleiding in dezelfde periode: (nog) geen meervoudige urgentie")
        if beleid[a]:
            r.append(f"beleidskader: {policy[a]} ({SECTIONS['beleidskader']})")
        if decline[a]:
            what = []
            if idx_trend[a] == "verslechtert":
                what.append("de urgentiescore verslechtert (robuuste helling)")
            elif idx_trend[a] == "stagneert":
                what.append("de urgentiescore blijft gelijk terwijl vergelijkbare gebieden verbeteren")
            if share[a] >= min_share_worsening and worsening[a]:
                what.append(f"{share[a]:.0%} van de indicatoren verslechtert ({worsening[a]})")
            r.append(f"sluimerend: {'; '.join(what) or 'de cijfers verslechteren'}"
                     + (", ook al hoort de buurt al bij de slechtste" if counted[a] else "")
                     + f" ({SECTIONS['sluimerend']})")
        if signals[a]:
            r.append(f"sluimerend: {int(signals_n[a])} signalen van professionals of bewoners in de recente periode "
                     f"(grens types.min_signals = {min_signals}, keuze van wijklib)"
                     + ("" if counted[a] or decline[a] else "; de cijfers laten het (nog) niet zien")
                     + f" ({SECTIONS['sluimerend']})")
        if idx_diff[a] and not decline[a]:
            r.append(f"verschil tussen twee jaren: {idx_diff[a].replace('_', ' ')} (geen robuuste trend; telt niet "
                     "mee voor het type)")
        if worst[a]:
            r.append("de urgentiescore hoort bij de slechtste klasse")
        if stacked[a]:
            r.append("problemen stapelen zich op in meerdere domeinen")
        if spike[a]:
            size = number(spike_max[a], 1, thousands=False)
            r.append(f"recente piek in de cijfers bij {spike_inds[a]} ({size} standaardafwijking boven eerdere "
                     "jaren); een piek alleen is geen acute urgentie")
        if n_inc[a] >= min_incidents:
            cats = f": {inc_cats[a]}" if inc_cats[a] else ""
            r.append(f"{int(n_inc[a])} incident(en) in de signalen{cats}")
        if told_true[a]:
            r.append("bewoners of professionals melden ernstige problemen" + (f" ({told_txt[a]})" if told_txt[a] else ""))
        elif not told_known[a] and counted[a] and told_src[a]:
            r.append(f"er zijn vertelde gegevens ({told_src[a]}), maar te weinig om met de cijfers te vergelijken: "
                     "lees ze naast de cijfers")
        elif not told_known[a] and counted[a]:
            r.append("geen vertelde gegevens: haal verhalen op om de cijfers te duiden")
        if log_txt[a]:
            r.append(f"aanleidingen: {log_txt[a]}")
        if kind[a] == "geen" and counted[a]:
            r.append("opstapeling of een hoge score, maar geen dalende cijfers, aanhoudende signalen, incident met "
                     "aandacht van media, politiek of bestuur, samenkomende stromen of lokale norm; 003 §4.1 noemt "
                     "opstapeling van opgaven als vertrekpunt van urgentie: bespreek met partners en bewoners of zij "
                     "de urgentie herkennen en leg aanleidingen vast")
        elif kind[a] == "geen" and has_score[a] and not r:
            r.append("geen van de regels voor acute, sluimerende, meervoudige urgentie of een beleidskader is van "
                     "toepassing")
        if initiatives[a]:
            r.append(f"positieve urgentie: {initiatives[a]} ({SECTIONS['positief']}; telt niet als probleem)")
        reasons_all.append("; ".join(r))
    out = pd.DataFrame({
        "name": [names.get(c, c) for c in s.index], "urgency_type": kind, "acuut": acuut, "sluimerend": sluimerend,
        "meervoudig": meervoudig, "beleidskader": beleid, "stream_counted": counted, "stream_trend": decline,
        "stream_incident": incident,
        "stream_told": [bool(t) if k else None for t, k in zip(told_true, told_known)],
        "stream_attention": attention, "stream_signals": signals, "stream_societal": societal,
        "stream_political": political, "stream_administrative": administrative, "policy_deviation": policy,
        "positive_urgency": initiatives, "reasons": reasons_all}, index=s.index)
    out.index.name = "area_code"
    return out[TYPE_COLUMNS]
