"""Precompute a report batch ONCE: everything the report template needs, as small JSON files.

:func:`prepare_batch` reads the inputs (:class:`~wijklib.reports.inputs.BatchInputs`), runs the urgency analysis
once for all buurten of the gemeente(n) involved (the reference frame), classifies the index once for all maps,
summarises stakeholders and readiness once per area they belong to, and writes::

    <batch>/batch.json            shared: period, names, classification, urgency distribution, config hash
    <batch>/kaart.json            shared: simplified buurt/wijk/gemeente outlines (RD New, metres)
    <batch>/herkomst.json         provenance (version, git commit, time, input file hashes; not hashed)
    <batch>/gebieden/<code>.json  one small bundle per selected buurt

Coded stories (:mod:`wijklib.stories`, from ``inputs.stories`` or the project's ``vertellen.verhalen``) give each
bundle a ``stories`` part: counts of fragments per theme and code of that buurt, only where they rest on enough
distinct sources (small-number rule), with consent applied; never quotes, never names.

The template (``templates/rapport/rapport_buurt.ipynb``) only reads and formats these files
(:mod:`wijklib.reports.view`). Files are written only when their content changes, and each area gets an
*input hash* (its bundle plus the shared files) so that the runner can skip unchanged areas.

Every optional part is skipped gracefully: without a survey there is no told section, without
:mod:`wijklib.urgency` (or with too few data) the urgency sections say so, and stakeholder and readiness
summaries only exist for areas that have such data.
"""

from __future__ import annotations

import hashlib
import math
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd

from wijklib.errors import InputError
from wijklib.format import number
from wijklib.reports._util import (
    REPO_ROOT,
    dumps,
    git_commit,
    sha256_bytes,
    sha256_file,
    utc_now,
    wijklib_version,
    write_json_if_changed,
)
from wijklib.reports.inputs import BatchInputs
from wijklib.reports.select import select_areas

__all__ = ["PreparedBatch", "prepare_batch", "BUNDLE_SCHEMA"]

#: Version of the bundle layout; the template refuses bundles of another version.
BUNDLE_SCHEMA = 1
_MAX_SIGNAL_TEXTS = 3
#: Signal texts that point at an ongoing investigation are never printed in a report.
_SENSITIVE_SIGNAL = re.compile(r"onderzoek\s+(?:loopt|is\s+gaande|nog\s+niet\s+afgerond)|lopend\s+onderzoek",
                               re.IGNORECASE)
#: Fallback threshold (inhabitants) for a "small buurt" when the catalogue gives no positive ``min_population``.
_SMALL_AREA_FALLBACK = 50
#: Coarse words for the fit of a suggested intervention (score 0-1); two decimals would suggest false precision.
_FIT_WORDS = ((0.8, "goed"), (0.0, "redelijk"))


def fit_word(score: float | None) -> str:
    """Coarse Dutch word for the fit score (0-1) of a suggested intervention."""
    if score is None:
        return "onbekend"
    return next(word for lo, word in _FIT_WORDS if score >= lo)


def is_sensitive_signal(text: str) -> bool:
    """True when a signal text mentions an ongoing investigation (never printed in a report)."""
    return bool(_SENSITIVE_SIGNAL.search(str(text or "")))


@dataclass
class PreparedBatch:
    """Result of :func:`prepare_batch`.

    Attributes
    ----------
    batch_dir : Path
    areas : list of str
        Selected buurt codes (sorted).
    names : dict
        Code -> name of each selected buurt.
    input_hashes : dict
        Code -> hash of everything that area's report reads (bundle + shared files).
    shared : dict
        Contents of ``batch.json``.
    urgency : object or None
        The :class:`wijklib.urgency.UrgencyResult` (None when the module or the data are not available).
    notes : list of str
        Dutch notes about skipped parts.
    """

    batch_dir: Path
    areas: list[str]
    names: dict[str, str]
    input_hashes: dict[str, str]
    shared: dict[str, Any]
    urgency: Any = None
    notes: list[str] = field(default_factory=list)
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    def bundle_path(self, code: str) -> Path:
        return self.batch_dir / "gebieden" / f"{code}.json"


# ---------------------------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------------------------

def _num(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) or math.isinf(f) else f


def _rel(path: Path) -> str:
    path = Path(path).resolve()
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def _names_from(path: Path | None, level: str, crs: str | None) -> dict[str, str]:
    if path is None:
        return {}
    from wijklib.geo import load_areas

    gdf = load_areas(path, level=level, crs=crs)
    return {c: (n if isinstance(n, str) and n else c) for c, n in zip(gdf["area_code"], gdf.get("name", gdf["area_code"]))}


def _geometry_json(geom: Any, tolerance: float = 5.0) -> dict | None:
    """GeoJSON-like mapping of a simplified polygon in RD New, coordinates rounded to whole metres (None without)."""
    import shapely
    from shapely.geometry import mapping

    if geom is None or (isinstance(geom, float) and np.isnan(geom)):
        return None

    g = shapely.simplify(geom, tolerance, preserve_topology=True)
    g = shapely.set_precision(g, 1.0)
    if g.is_empty:
        g = shapely.set_precision(geom, 1.0)
    m = mapping(g)

    def rnd(c):
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [int(round(c[0])), int(round(c[1]))]
        return [rnd(x) for x in c]

    return {"type": m["type"], "coordinates": rnd(m["coordinates"])}


def _classification(values: np.ndarray, basis: str) -> dict[str, Any] | None:
    """One classification (5 quantile classes) of the urgency index for every map and report."""
    finite = values[np.isfinite(values)]
    if finite.size < 2:
        return None
    try:
        from wijklib.maps import classify

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            c = classify(finite, "quantiles", min(5, int(finite.size)), title="Urgentie-index", basis=basis)
        bins, colors, labels = list(c.bins), list(c.colors), list(c.labels)
    except ImportError:  # maps module absent: same idea with numpy and a matplotlib palette
        from matplotlib import colormaps
        from matplotlib.colors import to_hex

        k = min(5, int(finite.size))
        bins = sorted(set(float(q) for q in np.quantile(finite, np.linspace(0, 1, k + 1)[1:])))
        cmap = colormaps["YlOrRd"]
        colors = [to_hex(cmap(0.15 + 0.8 * i / max(1, len(bins) - 1))) for i in range(len(bins))]
        lows = [float(finite.min())] + bins[:-1]
        labels = [f"{number(lo, 2, thousands=False)} - {number(hi, 2, thousands=False)}" for lo, hi in zip(lows, bins)]
    return {"bins": bins, "colors": colors, "labels": labels, "title": "Urgentie-index", "basis": basis,
            "note": "hogere index = urgenter; klassen berekend over alle buurten van de referentie"}


def _class_of(value: float | None, cls: dict | None) -> dict | None:
    if cls is None or value is None:
        return None
    i = int(np.searchsorted(np.asarray(cls["bins"]), value, side="left"))
    i = min(i, len(cls["bins"]) - 1)
    return {"i": i, "k": len(cls["bins"]), "label": cls["labels"][i], "color": cls["colors"][i]}


# ---------------------------------------------------------------------------------------------------------------
# parts
# ---------------------------------------------------------------------------------------------------------------

def _indicator_meta(tidy: pd.DataFrame, catalogue: Any = None,
                    min_population: int | None = None) -> tuple[pd.DataFrame, dict[str, str]]:
    from wijklib.indicators import load_indicators

    from wijklib.indicators import OWN_SOURCE_ID

    cat = catalogue or load_indicators()
    present = set(tidy["indicator"].unique())

    def min_pop(i: Any) -> int:
        return int(min_population) if min_population is not None and i.source != OWN_SOURCE_ID else i.min_population

    rows = [dict(indicator=i.id, domain=i.domain, direction=i.direction, min_population=min_pop(i),
                 label=i.label_nl, unit=i.unit, unit_label=i.unit_label_nl)
            for i in cat if i.role == "indicator" and i.id in present]
    domains = {d.id: d.label_nl for d in cat.domains}
    return pd.DataFrame(rows), domains


def _text(value: Any) -> str:
    """A table cell as text ('' for missing values)."""
    if value is None or (isinstance(value, float) and not np.isfinite(value)) or value is pd.NA:
        return ""
    return str(value)


def _flag(value: Any) -> bool:
    """A boolean table cell (False for missing values)."""
    return False if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) else bool(value)


def _run_urgency(ref: pd.DataFrame, tidy_bu: pd.DataFrame, config: Any, *, survey: pd.DataFrame | None,
                 schouw: pd.DataFrame | None, signals: pd.DataFrame | None, period: int | None, gemeente: str,
                 gemeente_naam: str, notes: list[str], stories: Any = None, stories_min: int = 3,
                 aanleidingen: Any = None) -> Any:
    """Urgency of the reference buurten with :func:`wijklib.analysis.run_analysis`, as in the notebooks."""
    try:
        from wijklib.analysis import Werkset, run_analysis
        from wijklib.indicators import load_indicators
    except ImportError:
        notes.append("De urgentieanalyse (wijklib.urgency) is niet beschikbaar; de rapporten tonen alleen de "
                     "cijfers tegenover de gemeente.")
        return None
    ws = Werkset(gemeente_code=gemeente, gemeente_naam=gemeente_naam, buurten=ref, wijken=None, counted=tidy_bu,
                 indicators=load_indicators(), survey=survey, schouw=schouw, signals=signals, stories=stories,
                 stories_min_sources=stories_min, aanleidingen=aanleidingen)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_analysis(ws, config, period=period)


def _warn_unknown_codes(tables: dict[str, tuple[Any, pd.DataFrame | None]], known: set[str],
                        notes: list[str]) -> None:
    """Told rows with a buurt code that is not in the area file are listed in a warning and a note (not dropped
    silently): they cannot be shown in any report."""
    from wijklib.errors import InputWarning

    for label, (path, df) in tables.items():
        if df is None or "buurtcode" not in df.columns:
            continue
        codes = df["buurtcode"].dropna().astype(str)
        unknown = codes[~codes.isin(known)]
        if unknown.empty:
            continue
        listed = sorted(unknown.unique())
        text = (f"{len(unknown)} rij(en) met een buurtcode die niet in het buurtenbestand staat, dus in geen "
                f"rapport: {', '.join(listed[:10])}{' ...' if len(listed) > 10 else ''}")
        warnings.warn(InputWarning(text, file=path, column="buurtcode"), stacklevel=3)
        notes.append(f"{label} ({Path(str(path)).name}): {text}.")


def _place_names(buurten: pd.DataFrame, ws: Any) -> list[str]:
    """Buurt, wijk and gemeente names of the werkset: an allowlist for the name-like scrubber."""
    out: list[str] = []
    for col in buurten.columns:
        if "name" in str(col).lower() or "naam" in str(col).lower():
            out += [v for v in buurten[col].tolist() if isinstance(v, str)]
    for attr in ("names", "gemeente_naam"):
        v = getattr(ws, attr, None) if ws is not None else None
        if isinstance(v, Mapping):
            out += [n for n in v.values() if isinstance(n, str)]
        elif isinstance(v, str):
            out.append(v)
    return sorted(set(out))


def _check_free_texts(bundle: Mapping[str, Any], code: str, allow: list[str]) -> None:
    """Refuse to write a buurt bundle whose signal texts or roles still hold personal data (names included)."""
    from wijklib.privacy import check_before_write

    told = bundle.get("told") or {}
    recent = ((told.get("signals") or {}).get("recent") or []) if isinstance(told, Mapping) else []
    contents = {f"gebieden/{code}.json signaal {i} ({key})": r.get(key)
                for i, r in enumerate(recent, start=1) for key in ("text", "role")}
    check_before_write(contents, what=f"Rapportbundel van {code}", allow=allow)


def _check_scopes(inputs: Any, buurten: pd.DataFrame) -> None:
    """Stakeholder and quickscan scopes must be a gemeente, wijk or buurt of the area file."""
    known = (set(buurten["area_code"]) | set(buurten["wijk_code"].dropna())
             | set(buurten["gemeente_code"].dropna()))
    for key in ("stakeholders", "quickscan"):
        for scope in getattr(inputs, key):
            if str(scope) not in known:
                raise InputError(f"gebied {scope!r} staat niet in het buurtenbestand (geen buurt, wijk of gemeente "
                                 "daarvan); controleer de code", file=inputs.areas, column=f"{key}.{scope}")


def _stakeholder_summary(path: Path, key_path: Path | None) -> dict[str, Any]:
    """Pseudonymised summary of one stakeholder map (labels are roles or pseudonyms, never names)."""
    from wijklib.stakeholders import load_stakeholders, participation_gap, power_interest, reach_trust

    sset = load_stakeholders(path, key_path=key_path)
    actors = sset.actors_frame(allow_names=False)
    out: dict[str, Any] = {
        "n_actors": len(actors), "n_persons": int(actors["natuurlijk_persoon"].sum()),
        "rounds": [{"id": r.ronde, "date": str(getattr(r, "datum", "") or ""), "kind": getattr(r, "soort", "") or ""}
                   for r in sset.rounds],
        "n_informants": len(sset.informants),
        "worlds": {str(k): int(v) for k, v in actors["wereld"].fillna("onbekend").value_counts().items()},
    }
    if sset.assessments and sset.rounds:
        scores = sset.scores()
        out["round"] = scores["ronde"].iloc[0] if len(scores) else None
        pi = power_interest(scores)
        groups = []
        for name, sub in pi.dropna(subset=["kwadrant"]).groupby("kwadrant_naam", sort=False):
            sub = sub.sort_values(["macht", "belang"], ascending=False)
            groups.append({"name": str(name), "strategy": str(sub["strategie"].iloc[0]), "n": int(len(sub)),
                           "examples": [str(x) for x in sub["label"].head(4)]})
        order = {"nauw betrekken": 0, "tevreden houden": 1, "informeren": 2, "monitoren": 3}
        out["power_interest"] = sorted(groups, key=lambda g: order.get(g["strategy"], 9))
        rt = reach_trust(scores)
        rt = rt[rt["wereld"].fillna("") != "crimineel"] if "wereld" in rt.columns else rt
        out["key_positions"] = [str(x) for x in rt.loc[rt["type"] == "sleutelpositie", "label"]]
        out["unused_reach"] = [str(x) for x in rt.loc[rt["type"] == "onbenut bereik", "label"]]
        gap = participation_gap(scores)
        out["participation"] = {str(k): int(v) for k, v in gap["status"].dropna().value_counts().items()}
    return out


def _readiness_summary(path: Path) -> tuple[dict[str, Any], Any]:
    from wijklib.readiness import analyse_quickscan, status_label

    q = analyse_quickscan(path)
    pre = q.randvoorwaarden.sort_values("rv_nr")
    out = {
        "n_respondents": int(q.antwoorden["respondent"].nunique()),
        "gate_open": bool(q.poort.klaar),
        "rule": q.poort.regel,
        "preconditions": [{"name": r["naam"], "mean": _num(r["gemiddelde"]), "status": status_label(r["gemiddelde"]),
                           "first": bool(r["eerst_aanpakken"])} for _, r in pre.iterrows()],
        "actions": [{"precondition": r["naam"], "action": r["actie"]} for _, r in q.acties.head(5).iterrows()],
    }
    return out, q


def _tracker_rows(folder: Path) -> pd.DataFrame:
    from wijklib.readiness import folder_overview

    return folder_overview(folder)


def _scope_for(code: str, wijk: str, gemeente: str, mapping: Mapping[str, Any]) -> tuple[str, Any] | None:
    for scope in (code, wijk, gemeente):
        if scope in mapping:
            return scope, mapping[scope]
    return None


# ---------------------------------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------------------------------

def prepare_batch(inputs: BatchInputs, batch_dir: str | Path, *, areas: list[str] | str | None = None,
                  gemeente: str | list[str] | None = None, wijk: str | list[str] | None = None,
                  focus: str | Path | None = None, period: int | None = None) -> PreparedBatch:
    """Precompute all inputs of a report batch once and write them to ``batch_dir``.

    Parameters
    ----------
    inputs : BatchInputs
        Input files (``BatchInputs.demo()`` for the fictional gemeente).
    batch_dir : path
        Folder for the prepared files (created).
    areas, gemeente, wijk, focus
        Selection of buurten (see :func:`wijklib.reports.select.select_areas`); default all buurten, which is
        refused for more than 500 buurten or buurten of several gemeenten (pass ``areas="*"`` to mean all).
        With a project file (``inputs.project``) the default is the buurten of the project's gemeente, and the
        urgency is computed by :func:`wijklib.analysis.run_project`, exactly as in notebook 01.
    period : int, optional
        Year to report on; default the latest year in the counted data.

    Returns
    -------
    PreparedBatch

    Raises
    ------
    InputError
        Missing or bad input files (naming file, row and column), unknown area codes.
    """
    from wijklib import told as told_mod
    from wijklib.counted import derive_rates, read_counted
    from wijklib.geo import load_areas

    inputs.check_exist()
    batch_dir = Path(batch_dir)
    (batch_dir / "gebieden").mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    project = ws = None
    catalogue = None
    if inputs.project is not None:
        from wijklib.project import load_project

        project = load_project(inputs.project)
        ws = project.load_werkset()
        catalogue = ws.indicators
        if period is None:
            period = project.period

    # ---- areas and selection
    if inputs.areas is None and ws is not None:  # a project without polygons: the werkset's buurten, no maps
        buurten = ws.buurten.copy()
        notes.append("Zonder buurtgrenzen: de rapporten hebben geen kaart (geef 'buurten' op in het projectbestand).")
    else:
        buurten = load_areas(inputs.areas, level="buurt", crs=inputs.crs,
                             gemeente=project.gemeente_code if project is not None else None)
    if project is not None and gemeente is None and wijk is None and areas is None and focus is None:
        gemeente = project.gemeente_code  # the project names its gemeente: an explicit selection
    _check_scopes(inputs, buurten)
    selected = select_areas(buurten, gemeente=gemeente, wijk=wijk, codes=areas, focus=focus)
    gms = sorted(buurten.loc[buurten["area_code"].isin(selected), "gemeente_code"].unique())
    ref = buurten[buurten["gemeente_code"].isin(gms)].reset_index(drop=True)
    wijk_names = _names_from(inputs.wijken, "wijk", inputs.crs)
    gm_names = _names_from(inputs.gemeente, "gemeente", inputs.crs)
    if ws is not None:  # names from the polygons, the counted tables or the project's names file
        ws_names = ws.names
        for wk in ref["wijk_code"].unique():
            if wijk_names.get(wk, wk) == wk and ws_names.get(wk, wk) != wk:
                wijk_names[wk] = ws_names[wk]
        if gm_names.get(ws.gemeente_code, ws.gemeente_code) == ws.gemeente_code:
            gm_names[ws.gemeente_code] = ws.gemeente_naam
    else:  # names from the counted tables (KWB 'Wijken en buurten', gemeentenaam) where the polygons have none
        from wijklib.analysis import _table_names

        table_names, counted_gm = _table_names(inputs.indicators)
        for code in gms:
            if gm_names.get(code, code) == code and (table_names.get(code) or counted_gm.get(code)):
                gm_names[code] = table_names.get(code) or counted_gm[code]
        for wk in ref["wijk_code"].unique():
            if wijk_names.get(wk, wk) == wk and table_names.get(wk, wk) != wk:
                wijk_names[wk] = table_names[wk]

    # ---- counted data
    if ws is not None:
        tidy = ws.counted
    else:
        tidy = pd.concat([read_counted(p) for p in inputs.indicators], ignore_index=True)
        tidy = tidy.drop_duplicates(["area_code", "indicator", "period"], keep="last").reset_index(drop=True)
        tidy = derive_rates(tidy)
    periods = sorted(int(p) for p in tidy["period"].unique())
    if period is None:
        period = periods[-1]
    elif int(period) not in periods:
        raise InputError(f"geen telcijfers voor jaar {period}; wel voor {', '.join(map(str, periods))}",
                         column="period")
    period = int(period)
    periods = [p for p in periods if p <= period]
    tidy = tidy[tidy["period"] <= period]
    meta, domain_labels = _indicator_meta(tidy, catalogue, project.min_population if project is not None else None)
    meta_i = meta.set_index("indicator")
    codes_ref = set(ref["area_code"])
    tidy_bu = tidy[tidy["area_code"].isin(codes_ref)]
    missing_areas = sorted(set(selected) - set(tidy_bu["area_code"]))
    if missing_areas:
        notes.append(f"Geen telcijfers voor {len(missing_areas)} geselecteerde buurt(en): "
                     f"{', '.join(missing_areas[:5])}.")
    values = tidy.set_index(["area_code", "indicator", "period"])[["value", "status"]]
    val_d = values["value"].to_dict()
    stat_d = values["status"].to_dict()

    # ---- told data (read once; also used for the told sections of the reports)
    survey = schouw = signals = None
    survey_agg = schouw_agg = None
    if inputs.survey is not None:
        from wijklib.analysis import read_survey_file

        survey = read_survey_file(inputs.survey)  # the wijklib template or a KoboToolbox/ODK export
        survey_agg = told_mod.aggregate_survey(survey)
    if inputs.schouw is not None:
        schouw = told_mod.read_schouw(inputs.schouw, buurten=buurten)
        schouw_agg = told_mod.aggregate_schouw(schouw)
    if inputs.signals is not None:
        signals = told_mod.read_signals(inputs.signals)
        # personal data (names, addresses, phone numbers ...) never leave the machine: scrubbed before any use
        from wijklib.privacy import TextScrubber
        scrub = TextScrubber(allow=_place_names(buurten, ws))  # buurt/wijk/gemeente names are no person names
        for col in ("tekst", "bronrol"):
            if col in signals.columns:
                signals[col] = [scrub(v, place=f"signaal {i}") for i, v in enumerate(signals[col], start=1)]
        if scrub.report.total:
            notes.append("Signalen: " + scrub.report.summary_nl())
    _warn_unknown_codes({"survey": (inputs.survey, survey), "schouw": (inputs.schouw, schouw),
                         "signals": (inputs.signals, signals)}, set(buurten["area_code"]), notes)
    stories, stories_min, stories_scrub = _load_stories(inputs, ws)
    log_source = inputs.aanleidingen if inputs.aanleidingen is not None else getattr(ws, "aanleidingen", None)
    aanleidingen_log = None
    if log_source is not None:  # urgency reasons and evidence for interventions; free text scrubbed before any use
        from wijklib.aanleidingen import read_aanleidingen
        from wijklib.privacy import TextScrubber
        aanleidingen_log = read_aanleidingen(log_source)
        log_scrub = TextScrubber()
        for col in ("description", "source"):
            aanleidingen_log[col] = [log_scrub(v, place=f"aanleiding {i}")
                                     for i, v in enumerate(aanleidingen_log[col], start=1)]
        if log_scrub.report.total:
            notes.append("Aanleidingenlog: " + log_scrub.report.summary_nl())
        if ws is not None:
            ws.aanleidingen = aanleidingen_log

    # ---- urgency (once for the whole reference), through the same pipeline as the notebooks
    config = inputs.urgency_config
    if isinstance(config, Path):
        config = str(config)
    urg = None
    if project is not None and tidy_bu["area_code"].nunique() >= 3:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            urg = project.run(ws, period=period)  # the same path as notebook 01 and `wijk analyse`
    elif tidy_bu["area_code"].nunique() >= 3:
        urg = _run_urgency(ref, tidy_bu, config, survey=survey, schouw=schouw, signals=signals, period=period,
                           gemeente=gms[0], gemeente_naam=gm_names.get(gms[0], gms[0]), notes=notes,
                           stories=stories, stories_min=stories_min,
                           aanleidingen=aanleidingen_log)
    else:
        notes.append("Te weinig buurten met telcijfers voor een urgentieanalyse (minstens 3 nodig).")
    urg_shared: dict[str, Any] = {"available": urg is not None}
    cls = None
    if urg is not None:
        sc = urg.scores
        idx = sc["index"].to_numpy(dtype=float)
        gm_label = ", ".join(gm_names.get(g, g) for g in gms)
        cls = _classification(idx, f"{int(np.isfinite(idx).sum())} buurten van {gm_label}, {period}")
        cfg_dump = urg.config.model_dump(mode="json") if hasattr(urg.config, "model_dump") else {}
        urg_shared.update({
            "n_ranked": int(sc["rank"].notna().sum()), "n_areas": int(len(sc)),
            "index_values": sorted(float(v) for v in idx[np.isfinite(idx)]),
            "classification": cls,
            "config_hash": sha256_bytes(dumps(cfg_dump).encode())[:16],
            "top_k": int(cfg_dump.get("uncertainty", {}).get("top_k", 0) or 0),
            "min_domains": int(cfg_dump.get("stacking", {}).get("min_domains", 0) or 0),
            "stacking_quantile": _num(cfg_dump.get("stacking", {}).get("quantile")),
            "diagnostics": [str(m) for m in urg.diagnostics.get("message", pd.Series(dtype=str))],
            # honest limits of the analysis, in plain Dutch, for the index and every report
            "missing_domains_text": urg.missing_domains_text() if hasattr(urg, "missing_domains_text") else "",
            "trend_note": str(getattr(urg, "trend_note", "") or ""),
        })

    # ---- stakeholders and readiness (once per area that has data)
    stake: dict[str, dict] = {}
    for scope, path in inputs.stakeholders.items():
        try:
            stake[scope] = _stakeholder_summary(path, inputs.pseudonym_key)
        except ImportError:
            notes.append("Stakeholdermodule niet beschikbaar; stakeholderoverzicht overgeslagen.")
            break
    ready: dict[str, dict] = {}
    quickscans: dict[str, Any] = {}
    for scope, path in inputs.quickscan.items():
        try:
            ready[scope], quickscans[scope] = _readiness_summary(path)
        except ImportError:
            notes.append("Module randvoorwaarden (wijklib.readiness) niet beschikbaar; overgeslagen.")
            break
    tracker = None
    if inputs.tracker is not None:
        try:
            tracker = _tracker_rows(inputs.tracker)
        except ImportError:
            tracker = None
    try:
        from wijklib import readiness as rd
    except ImportError:
        rd = None

    # ---- shared files
    raw_names = dict(zip(buurten["area_code"], buurten["name"] if "name" in buurten else buurten["area_code"]))
    if ws is not None:  # polygons without names: the counted tables (or names file) name the buurten
        ws_names = ws.names
    else:
        ws_names = table_names
    raw_names = {c: (n if isinstance(n, str) and n and n != c else ws_names.get(c, c))
                 for c, n in raw_names.items()}
    wijk_of = dict(zip(buurten["area_code"], buurten["wijk_code"]))
    gm_of = dict(zip(buurten["area_code"], buurten["gemeente_code"]))

    def area_name(code: str) -> str:
        n = raw_names.get(code)
        return n if isinstance(n, str) and n else code

    kaart = {"buurten": [], "wijken": [], "gemeenten": []}
    idx_map = urg.scores["index"].to_dict() if urg is not None else {}
    for _, r in ref.iterrows():
        v = _num(idx_map.get(r["area_code"]))
        kaart["buurten"].append({"code": r["area_code"], "name": area_name(r["area_code"]),
                                 "wijk_code": r["wijk_code"], "gemeente_code": r["gemeente_code"], "index": v,
                                 "geometry": _geometry_json(r.geometry)})
    import shapely

    has_geometry = "geometry" in ref.columns and ref.geometry.notna().any()
    for wk, sub in (ref.groupby("wijk_code") if has_geometry else []):
        kaart["wijken"].append({"code": wk, "name": wijk_names.get(wk, wk),
                                "geometry": _geometry_json(shapely.union_all(sub.geometry.to_numpy()))})
    for gm, sub in (ref.groupby("gemeente_code") if has_geometry else []):
        kaart["gemeenten"].append({"code": gm, "name": gm_names.get(gm, gm),
                                   "geometry": _geometry_json(shapely.union_all(sub.geometry.to_numpy()))})
    _, kaart_hash = write_json_if_changed(batch_dir / "kaart.json", kaart)

    data_files = {label: {"path": _rel(p), "sha256": sha256_file(p)[:16]} for label, p in inputs.data_files().items()}
    # settings of this batch: the urgency configuration (file hash or inline), the project's settings and the year;
    # part of every area's resume key (through batch.json), and stored per report in the manifest
    settings_hash = sha256_bytes(dumps({
        "urgency_config": inputs.urgency_config if not isinstance(inputs.urgency_config, Path)
        else data_files.get("urgency_config"), "period": period,
        "project": project.settings_hash() if project is not None else None,
        "engine": (urg_shared.get("config_hash") if urg_shared else None)}).encode())[:16]
    shared = {
        "schema": BUNDLE_SCHEMA, "period": period, "periods": periods,
        "gemeenten": {g: gm_names.get(g, g) for g in gms},
        "wijken": {w: wijk_names.get(w, w) for w in sorted(ref["wijk_code"].unique())},
        "n_reference": int(len(ref)),
        "urgency": urg_shared,
        "config_hash": settings_hash,
        "reference": (project.describe_frame() if project is not None else "de buurten van de gemeente"),
        "sections": {"survey": survey_agg is not None, "schouw": schouw_agg is not None,
                     "signals": signals is not None, "stakeholders": bool(stake), "readiness": bool(ready),
                     "stories": stories is not None},
        "notes": notes,
    }
    _, shared_hash = write_json_if_changed(batch_dir / "batch.json", shared)
    # provenance is shown in the reports but NOT part of the input hashes: a change in an input file that leaves an
    # area's bundle unchanged does not re-render that area (its footer keeps the hashes it was made with)
    write_json_if_changed(batch_dir / "herkomst.json", {
        "wijklib_version": wijklib_version(), "git_commit": git_commit(), "prepared_utc": utc_now(),
        "data_files": data_files})

    # ---- per-area bundles
    survey_by = {k: v for k, v in survey_agg.groupby("buurtcode")} if survey_agg is not None else {}
    survey_gm = (survey_agg[survey_agg["buurtcode"].isin(codes_ref)].groupby("thema")["gemiddelde"].mean().to_dict()
                 if survey_agg is not None else {})
    schouw_by = {k: v for k, v in schouw_agg.groupby("buurtcode")} if schouw_agg is not None else {}
    signals_by = {k: v for k, v in signals.groupby("buurtcode")} if signals is not None else {}
    if urg is not None:
        sc, st, ex, ty = urg.scores, urg.stacking, urg.explanations, urg.types
        unc = urg.uncertainty
        contrib = {k: v for k, v in urg.contributions.groupby("area_code")}
        trends = {k: v.set_index("indicator") for k, v in urg.trends.groupby("area_code")} if len(urg.trends) else {}
        div = {k: v for k, v in urg.divergence.groupby("area_code")} if len(urg.divergence) else {}
        focus_t = urg.focus.set_index("area_code") if len(urg.focus) else pd.DataFrame()
        domain_cols = [c for c in sc.columns if c.startswith("domain_")]
    scored_inds = [i for i in meta["indicator"] if meta_i.at[i, "direction"] != "context"]
    context_inds = [i for i in meta["indicator"] if meta_i.at[i, "direction"] == "context"]
    # a "small buurt" is below the smallest real minimum population of the catalogue (thresholds of 1 only exclude
    # empty buurten); in a small buurt no signal texts and no intervention suggestions are printed
    positive_min = [int(meta_i.at[i, "min_population"]) for i in scored_inds
                    if int(meta_i.at[i, "min_population"] or 0) >= 10]
    small_threshold = min(positive_min) if positive_min else _SMALL_AREA_FALLBACK
    ref_median = (tidy_bu[(tidy_bu["period"] == period) & (tidy_bu["status"] == "waarde")]
                  .groupby("indicator")["value"].median().to_dict())

    input_hashes: dict[str, str] = {}
    names: dict[str, str] = {}
    rows: dict[str, dict[str, Any]] = {}
    for code in selected:
        wk, gm = wijk_of[code], gm_of[code]
        name = area_name(code)
        names[code] = name

        def series(area: str, ind: str) -> dict[str, float | None]:
            return {str(p): _num(val_d.get((area, ind, p))) for p in periods}

        inw_by_year = {p: _num(val_d.get((code, "inwoners", p))) for p in periods}

        def too_few(ind: str, p: int) -> bool:
            mp = meta_i.at[ind, "min_population"]
            n_inw = inw_by_year.get(p)
            return bool(mp) and n_inw is not None and n_inw < float(mp)

        def ind_row(ind: str) -> dict[str, Any]:
            gm_has = (gm, ind, period) in val_d
            own = series(code, ind)
            # values below the indicator's minimum population are unreliable: kept apart, never used for verdicts
            bad_years = [str(p) for p in periods if own.get(str(p)) is not None and too_few(ind, p)]
            status = stat_d.get((code, ind, period), "ontbreekt")
            return {
                "id": ind, "label": meta_i.at[ind, "label"], "domain": meta_i.at[ind, "domain"],
                "domain_label": domain_labels.get(meta_i.at[ind, "domain"], meta_i.at[ind, "domain"]),
                "unit": meta_i.at[ind, "unit_label"], "direction": meta_i.at[ind, "direction"],
                "value": _num(val_d.get((code, ind, period))), "status": status,
                "min_population": int(meta_i.at[ind, "min_population"] or 0),
                "unreliable": status == "waarde" and too_few(ind, period),
                "unreliable_years": bad_years,
                "wijk": _num(val_d.get((wk, ind, period))),
                "gemeente": _num(val_d.get((gm, ind, period))) if gm_has else _num(ref_median.get(ind)),
                "gemeente_kind": "gemeente" if gm_has else "mediaan van de buurten",
                "series": {k: (None if k in bad_years else v) for k, v in own.items()},
                "series_unreliable": {k: own[k] for k in bad_years}, "gemeente_series": series(gm, ind) if gm_has else {},
                "trend": None,
            }

        inds = [ind_row(i) for i in scored_inds]
        ctx = [ind_row(i) for i in context_inds]
        inhabitants = inw_by_year.get(period)
        small = inhabitants is not None and inhabitants < small_threshold
        n_unrel = sum(bool(r["unreliable"]) for r in inds)
        n_supp = sum(r["status"] == "geheim" for r in inds)
        n_miss = sum(r["status"] == "ontbreekt" for r in inds)
        bundle: dict[str, Any] = {
            "schema": BUNDLE_SCHEMA,
            "area": {"code": code, "name": name, "wijk_code": wk, "wijk_name": wijk_names.get(wk, wk),
                     "gemeente_code": gm, "gemeente_name": gm_names.get(gm, gm)},
            "period": period, "periods": periods,
            "indicators": inds, "context": ctx,
            "quality": {"n_suppressed": n_supp, "n_missing": n_miss, "n_unreliable": n_unrel,
                        "n_usable": len(inds) - n_supp - n_miss - n_unrel, "n": len(inds)},
            "small_area": {"small": bool(small), "inhabitants": inhabitants, "threshold": small_threshold},
            "has_counted": code not in missing_areas,
            "urgency": None, "told": None, "stakeholders": None, "readiness": None, "interventions": None,
            "stories": None, "monitoring": _monitoring(code, inds, meta, periods, period),
        }
        row_summary: dict[str, Any] = {"code": code, "name": name, "wijk_code": wk,
                                       "wijk_name": wijk_names.get(wk, wk), "settings_hash": settings_hash}

        # urgency
        if urg is not None and code in sc.index:
            s = sc.loc[code]
            tr = trends.get(code)
            if tr is not None:
                for r in inds:
                    if r["id"] in tr.index and not r["unreliable"]:
                        r["trend"] = tr.at[r["id"], "trend"]
            c_df = contrib.get(code, pd.DataFrame())
            c_list = []
            if len(c_df):
                c_df = c_df.assign(_abs=c_df["contribution"].abs()).sort_values(
                    ["_abs", "indicator"], ascending=[False, True], kind="mergesort")
                for _, c in c_df.iterrows():
                    if _num(c["contribution"]) is None:
                        continue
                    c_list.append({"indicator": c["indicator"], "label": meta_i.at[c["indicator"], "label"]
                                   if c["indicator"] in meta_i.index else c["indicator"],
                                   "contribution": _num(c["contribution"]), "value": _num(c["value"]),
                                   "reference": _num(c.get("reference_mean")), "unreliable": bool(c["unreliable"]),
                                   "imputed": bool(c["imputed"])})
            u = unc.loc[code] if len(unc) and code in unc.index else None
            stack_row = st.loc[code]
            flagged_domains = [d.strip() for d in str(stack_row.get("flagged_domains") or "").split(";") if d.strip()]
            t = ty.loc[code]
            f = focus_t.loc[code] if len(focus_t) and code in focus_t.index else None
            index_value = _num(s["index"])
            d_rows = []
            if code in div:
                for _, d in div[code].iterrows():
                    d_rows.append({k: (d[k] if not isinstance(d[k], float) else _num(d[k])) for k in
                                   ("theme", "source", "domain", "value", "n", "reliable", "told_pct", "counted_pct",
                                    "divergence", "signal", "text")})
            idx_tr = tr.loc["urgentie_index"] if tr is not None and "urgentie_index" in tr.index else None
            bundle["urgency"] = {
                "status": s["status"], "index": index_value, "rank": _num(s["rank"]),
                "percentile": _num(s["index_percentile"]), "in_worst_class": bool(s["in_worst_class"]),
                "n_observed": int(s["n_observed"]), "n_suppressed": int(s["n_suppressed"]),
                "n_missing": int(s["n_missing"]), "n_unreliable": int(s["n_unreliable"]),
                "weight_share": _num(s["weight_share"]),
                "rank_lo": _num(u["rank_lo"]) if u is not None else None,
                "rank_hi": _num(u["rank_hi"]) if u is not None else None,
                "p_top_k": _num(u["p_top_k"]) if u is not None else None,
                "robustness": (u["robustness"] if u is not None else None),
                "class": _class_of(index_value, cls),
                "domains": [{"id": c[7:], "label": domain_labels.get(c[7:], c[7:]), "score": _num(s[c]),
                             "flagged": c[7:] in flagged_domains} for c in domain_cols],
                "stacking": {"n_flagged": int(stack_row["n_flagged"]),
                             "n_domains_flagged": int(stack_row["n_domains_flagged"]),
                             "stacked": bool(stack_row["stacked"]), "n_evaluated": int(stack_row["n_evaluated"]),
                             "flagged_indicators": str(stack_row.get("flagged_indicators") or ""),
                             "flagged_domains": [domain_labels.get(d, d) for d in flagged_domains]},
                "contributions": c_list,
                "drivers_text": str(ex.loc[code, "drivers_text"] or "") if code in ex.index else "",
                "strengths_text": str(ex.loc[code, "strengths_text"] or "") if code in ex.index else "",
                "index_trend": (idx_tr["trend"] if idx_tr is not None else None),
                "type": {"urgency_type": str(t["urgency_type"]), "reasons": str(t["reasons"] or ""),
                         **{k: (None if pd.isna(t[k]) else bool(t[k])) for k in t.index if k.startswith("stream_")
                            or k in ("acuut", "sluimerend", "meervoudig")}},
                "focus": None if f is None else {"cluster": _num(f["cluster"]), "cluster_size": _num(f["cluster_size"]),
                                                 "reasons": str(f["reasons"])},
                "divergence": d_rows,
                "population": _num(s.get("population")),
                "small_population": _flag(s.get("small_population")),
                "special_population": _flag(s.get("special_population")),
                "special_reason": _text(s.get("special_reason")),
            }
            bundle["urgency"]["type"].update({"policy_deviation": _text(t.get("policy_deviation")),
                                              "positive_urgency": _text(t.get("positive_urgency"))})
            row_summary.update({"index": index_value, "rank": _num(s["rank"]),
                                "rank_lo": bundle["urgency"]["rank_lo"], "rank_hi": bundle["urgency"]["rank_hi"],
                                "class": bundle["urgency"]["class"], "urgency_type": str(t["urgency_type"]),
                                "stacked": bool(stack_row["stacked"]),
                                "small_population": bundle["urgency"]["small_population"],
                                "special_reason": bundle["urgency"]["special_reason"]
                                if bundle["urgency"]["special_population"] else "",
                                "policy_deviation": bundle["urgency"]["type"]["policy_deviation"],
                                "positive_urgency": bundle["urgency"]["type"]["positive_urgency"]})

        # told
        if survey_agg is not None or schouw_agg is not None or signals is not None:
            told_b: dict[str, Any] = {"survey": None, "schouw": None, "signals": None}
            if survey_agg is not None:
                sv = survey_by.get(code)
                told_b["survey"] = [] if sv is None else [
                    {"theme": r["thema"], "n": int(r["n"]), "mean": _num(r["gemiddelde"]),
                     "score_0_100": _num(r["score_0_100"]), "reliable": bool(r["betrouwbaar"]),
                     "gemeente_mean": _num(survey_gm.get(r["thema"]))} for _, r in sv.iterrows()]
            if schouw_agg is not None:
                sw = schouw_by.get(code)
                told_b["schouw"] = [] if sw is None else [
                    {"category": r["categorie"], "count": int(r["aantal"]), "severity_mean": _num(r["ernst_gemiddeld"]),
                     "severity_max": _num(r["ernst_max"])} for _, r in sw.sort_values(["aantal", "categorie"], ascending=[False, True],
                                                         kind="mergesort").iterrows()]
            if signals is not None:
                sg = signals_by.get(code)
                if sg is None:
                    told_b["signals"] = {"themes": [], "recent": []}
                else:
                    agg = told_mod.aggregate_signals(sg)
                    # texts about an ongoing investigation are never printed; in a small buurt no texts at all
                    # (with few residents the source role and the text can identify people)
                    sensitive = sg["tekst"].map(is_sensitive_signal)
                    recent = sg[~sensitive].sort_values(["datum", "thema", "tekst"], ascending=[False, True, True],
                                                        kind="mergesort").head(_MAX_SIGNAL_TEXTS)
                    if small:
                        recent = recent.iloc[0:0]
                    told_b["signals"] = {
                        "n_withheld": int(len(sg) - len(recent)) if small else int(sensitive.sum()),
                        "withheld_reason": ("small" if small else ("investigation" if sensitive.any() else "")),
                        "themes": [{"theme": r["thema"], "count": int(r["aantal"]), "first": str(r["eerste"])[:10],
                                    "last": str(r["laatste"])[:10], "roles": r["bronrollen"]}
                                   for _, r in agg.sort_values(["aantal", "thema"], ascending=[False, True],
                                                               kind="mergesort").iterrows()],
                        "recent": [{"date": str(r["datum"])[:10], "theme": r["thema"], "role": r["bronrol"],
                                    "text": r["tekst"]} for _, r in recent.iterrows()]}
            bundle["told"] = told_b

        # coded stories: counts only, small numbers withheld
        if stories is not None:
            bundle["stories"] = _stories_bundle(stories, code, stories_min, stories_scrub)

        # stakeholders and readiness
        hit = _scope_for(code, wk, gm, stake)
        if hit is not None:
            scope, summ = hit
            bundle["stakeholders"] = {"scope_code": scope, "scope_name": _scope_name(scope, name, wijk_names, gm_names),
                                      **summ}
        hit = _scope_for(code, wk, gm, ready)
        qs = None
        if hit is not None:
            scope, summ = hit
            qs = quickscans[scope]
            bundle["readiness"] = {"scope_code": scope, "scope_name": _scope_name(scope, name, wijk_names, gm_names),
                                   **summ}
        if tracker is not None and len(tracker):
            tr_rows = tracker[tracker["gebied"].isin([code, wk, gm])]
            if len(tr_rows):
                bundle.setdefault("readiness", None)
                if bundle["readiness"] is None:
                    bundle["readiness"] = {"scope_code": str(tr_rows["gebied"].iloc[0]),
                                           "scope_name": _scope_name(str(tr_rows["gebied"].iloc[0]), name, wijk_names,
                                                                     gm_names)}
                bundle["readiness"]["tracker"] = [
                    {"track": r["spoor"], "done": int(r["klaar"]), "steps": int(r["stappen"]),
                     "gate_open": bool(r["poort_open"]), "last_decision": r["laatste_besluit"],
                     "involvement": str(r.get("bewonersbetrokkenheid") or ""),
                     "success_factors": str(r.get("succesfactoren") or ""),
                     "alternatives": str(r.get("alternatieven") or "")}
                    for _, r in tr_rows.iterrows()]
        if rd is not None:
            if small or bundle["urgency"] is None or bundle["urgency"].get("index") is None:
                why = (f"deze buurt heeft maar {inhabitants:.0f} inwoners" if small
                       else "er is geen urgentie-index voor deze buurt")
                bundle["interventions"] = {
                    "matches": [], "withheld": True,
                    "note": (f"Geen suggesties voor interventies: {why}, dus er zijn te weinig betrouwbare cijfers om "
                             "een profiel op te bouwen. Suggesties op basis van losse trefwoorden zouden hier "
                             "misleidend en mogelijk stigmatiserend zijn. Bespreek met de partners wat er speelt en "
                             "wat passend is.")}
            else:
                bundle["interventions"] = _interventions(rd, name, bundle, signals, schouw_by.get(code), survey_agg,
                                                         code, qs, aanleidingen=aanleidingen_log)

        # the audit on content runs before writing: free texts that leave the machine hold no personal data
        _check_free_texts(bundle, code, _place_names(buurten, ws))
        path, digest = write_json_if_changed(batch_dir / "gebieden" / f"{code}.json", bundle)
        input_hashes[code] = hashlib.sha256(f"{digest}|{shared_hash}|{kaart_hash}".encode()).hexdigest()[:32]
        rows[code] = row_summary

    return PreparedBatch(batch_dir=batch_dir, areas=selected, names=names, input_hashes=input_hashes, shared=shared,
                         urgency=urg, notes=notes, rows=rows)


def _load_stories(inputs: BatchInputs, ws: Any) -> tuple[Any, int, Any]:
    """The batch's coded stories (consent applied), their small-number rule and a scrubber of person names.

    With a project the werkset's stories are used (the same as in notebook 01); else ``inputs.stories`` with the
    consent records of ``inputs.stories_consent``.
    """
    from wijklib.stories import MIN_SOURCES, load_stories

    sset = None
    if inputs.stories_consent is not None:
        from wijklib.stakeholders import load_stakeholders

        sset = load_stakeholders(inputs.stories_consent, key_path=inputs.pseudonym_key)
    scrub = sset.scrubber(False) if sset is not None else (lambda text: text)
    if ws is not None and getattr(ws, "stories", None) is not None:
        return ws.stories, int(ws.stories_min_sources), scrub
    if inputs.stories is None:
        return None, MIN_SOURCES, scrub
    return load_stories(inputs.stories, records=sset), MIN_SOURCES, scrub


def _stories_bundle(stories: Any, code: str, min_sources: int, scrub: Any) -> dict[str, Any]:
    """Counts of coded fragments of one buurt per theme and per code; withheld below ``min_sources`` sources."""
    themes = stories.code_frequencies(by="thema", min_sources=min_sources)
    themes = themes[themes["buurtcode"] == code]
    codes = stories.code_frequencies(by="code", min_sources=min_sources)
    codes = codes[codes["buurtcode"] == code]
    shown = codes[~codes["achtergehouden"].astype(bool)]
    book = stories.codebook.codes
    from wijklib.stories import _THEME_NAMES as theme_names
    return {
        "min_sources": int(min_sources),
        "themes": [{"theme": str(r["thema"]), "label": str(r["naam"]), "withheld": bool(r["achtergehouden"]),
                    "fragments": None if bool(r["achtergehouden"]) else int(r["fragmenten"])}
                   for _, r in themes.iterrows()],
        "codes": [{"code": str(r["code"]), "label": scrub(str(r["naam"])), "theme": book[r["code"]].thema,
                   "theme_label": theme_names.get(book[r["code"]].thema, book[r["code"]].thema),
                   "fragments": int(r["fragmenten"]), "codings": int(r["aantal"])}
                  for _, r in shown.sort_values(["fragmenten", "code"], ascending=[False, True],
                                                kind="mergesort").iterrows()],
        "n_codes_withheld": int(len(codes) - len(shown)),
    }


def _monitoring(code: str, inds: list[dict], meta: pd.DataFrame, periods: list[int], period: int) -> dict:
    """Baseline versus now per indicator (M&E component *doelbereik*, Praktijkhandboek 003 §6.4), from the same
    reliable values as the rest of the report. The baseline is the first year of the counted data and the threshold
    for *gelijk* is 5% (both keuze van wijklib)."""
    from wijklib.readiness.tracker import monitoring_table

    base = periods[0] if periods else None
    if base is None or base >= period:
        return {"available": False, "baseline": base, "now": period, "rows": []}
    rows = [{"area_code": code, "indicator": r["id"], "period": int(y), "value": v, "status": "waarde"}
            for r in inds for y, v in r["series"].items() if v is not None and int(y) in (base, period)]
    if not rows:
        return {"available": False, "baseline": base, "now": period, "rows": []}
    counted = pd.DataFrame(rows)
    have = set(counted["period"])
    if base not in have or period not in have:
        return {"available": False, "baseline": base, "now": period, "rows": []}
    table = monitoring_table(counted, meta[meta["indicator"].isin(counted["indicator"])], [code], basisjaar=base,
                             peiljaar=period)
    return {"available": True, "baseline": base, "now": period,
            "rows": [{"label": str(r["label"]), "baseline": _num(r["nulmeting"]), "now": _num(r["nu"]),
                      "verdict": str(r["oordeel"])} for _, r in table.iterrows()]}


def _scope_name(scope: str, area_name: str, wijken: dict, gemeenten: dict) -> str:
    if scope.startswith("WK"):
        return f"wijk {wijken.get(scope, scope)}"
    if scope.startswith("GM"):
        return f"gemeente {gemeenten.get(scope, scope)}"
    return f"buurt {area_name}"


def _interventions(rd: Any, name: str, bundle: dict, signals: pd.DataFrame | None, schouw: pd.DataFrame | None,
                   survey_agg: pd.DataFrame | None, code: str, quickscan: Any,
                   aanleidingen: pd.DataFrame | None = None) -> dict | None:
    """Suggested interventions for the area profile (problem domains with their evidence, urgency type, potential,
    readiness). A specific phenomenon (drugs, crime, undermining) never comes from the figures alone, and every
    suggestion names the evidence it rests on (see :mod:`wijklib.readiness.matching`).

    ``aanleidingen`` is the aanleidingen log (:func:`wijklib.aanleidingen.read_aanleidingen`): an event of the area
    whose description points to a domain (the same words as for signals) is evidence
    ``"aanleidingenlog: <kind>, <date>"``; the free-text description itself is never put in the bundle. Resident
    initiatives are positive urgency, not evidence of a problem, and are skipped."""
    terms: dict[str, float] = {}
    evidence: dict[str, list[tuple[str, str]]] = {}
    origin: list[str] = []

    def add(term: str, weight: float, kind: str, text: str) -> None:
        terms[term] = terms.get(term, 0) + weight
        evidence.setdefault(term, []).append((kind, text))

    urg = bundle.get("urgency")
    if urg is not None:
        for d in urg["domains"]:
            if d["flagged"]:
                add(d["id"], 1.0, "cijfers", f"cijfers: {str(d['label']).lower()} valt op")
        if any(d["flagged"] for d in urg["domains"]):
            origin.append("domeinen met een probleemsignaal in de cijfers")
    if signals is not None:
        doms, _ = rd.domains_from_signals(signals, code)
        for d, w in doms.items():
            add(d, float(w), "signalen", f"{int(w)} {'signaal' if int(w) == 1 else 'signalen'} van professionals")
        if doms:
            origin.append("signalen van professionals")
    if schouw is not None:
        for _, r in schouw.iterrows():
            if r["categorie"] in rd.DOMEIN_ALIASSEN:
                add(r["categorie"], float(r["aantal"]), "schouw", f"schouw: {r['categorie']} ({int(r['aantal'])}x)")
        if len(schouw):
            origin.append("de schouw")
    if aanleidingen is not None and len(aanleidingen):
        from wijklib.aanleidingen import domain_evidence
        log_ev = domain_evidence(aanleidingen, code)
        for d, items in log_ev.items():
            for kind, text in items:
                add(d, 1.0, kind, text)
        if log_ev:
            origin.append("het aanleidingenlog")
    domains: dict[str, float] = {}
    dom_evidence: dict[str, list[tuple[str, str]]] = {}
    for term, w in terms.items():
        try:
            for d in rd.normalise_domains({term: w}):
                domains[d] = domains.get(d, 0) + w
                dom_evidence.setdefault(d, []).extend(e for e in evidence[term] if e not in dom_evidence.get(d, []))
        except ValueError:
            continue
    if not domains:
        return {"matches": [], "profile": "", "note": "Er zijn voor deze buurt geen probleemdomeinen bekend uit "
                                                       "cijfers, signalen, schouw of aanleidingenlog; daarom geen "
                                                       "suggesties."}
    utype = urg["type"]["urgency_type"] if urg is not None else None
    pot = None
    if survey_agg is not None:
        pot, pot_text = rd.potential_from_survey(survey_agg, code)
        if pot is not None:
            origin.append(pot_text)
    top = dict(sorted(domains.items(), key=lambda kv: (-kv[1], kv[0]))[:4])  # ties by name: same input, same bytes
    profile = rd.area_profile(name, probleemdomeinen=top, urgentietype=utype if utype in rd.URGENTIETYPES else None,
                              participatiepotentie=pot, gereedheid=quickscan, herkomst=origin,
                              bewijs={d: dom_evidence[d] for d in top})
    dropped = [rd.PROBLEEMDOMEINEN[d].label for d in profile.weggelaten]
    dropped_note = ("Alleen de cijfers wijzen op " + ", ".join(x.lower() for x in dropped) + "; cijfers over "
                    "bijvoorbeeld inkomen of zorggebruik zeggen niets over een specifiek fenomeen, dus daarvoor "
                    "noemen we geen interventies (keuze van wijklib). Bespreek met partners en bewoners wat er "
                    "speelt.") if dropped else ""
    if not profile.probleemdomeinen:
        return {"matches": [], "withheld": True, "profile": "", "dropped": dropped,
                "note": "Geen suggesties voor interventies: " + (dropped_note or "geen probleemdomeinen.")}
    matches = rd.match_interventions(profile, top=5)
    frame = rd.matches_frame(matches)
    # reasons that every suggestion shares are shown once, not repeated under each suggestion
    common: list[str] = []
    if len(matches) > 1:
        common = [r for r in matches[0].redenen if all(r in m.redenen for m in matches[1:])]
    return {
        "domains": [rd.PROBLEEMDOMEINEN[d].label for d in profile.probleemdomeinen],
        "evidence": {rd.PROBLEEMDOMEINEN[d].label: profile.evidence_text(d) for d in profile.probleemdomeinen},
        "dropped": dropped, "dropped_note": dropped_note, "common": common,
        "urgency_type": utype, "potential": pot, "with_quickscan": quickscan is not None, "origin": origin,
        "matches": [{"rank": int(r["rang"]), "name": r["interventie"], "kind": r["soort"], "rung": r["trede"],
                     "score": _num(r["score"]), "fit": fit_word(_num(r["score"])),
                     "explanation": " ".join(x for x in m.redenen if x not in common)}
                    for (_, r), m in zip(frame.iterrows(), matches)],
        "note": "" if matches else ("Geen interventies gevonden die passen bij wat er over deze buurt bekend is. "
                                    + dropped_note).strip(),
    }
