"""Precompute a report batch ONCE: everything the report template needs, as small JSON files.

:func:`prepare_batch` reads the inputs (:class:`~wijklib.reports.inputs.BatchInputs`), runs the urgency analysis
once for all buurten of the gemeente(n) involved (the reference frame), classifies the index once for all maps,
summarises stakeholders and readiness once per area they belong to, and writes::

    <batch>/batch.json            shared: period, names, classification, urgency distribution, config hash
    <batch>/kaart.json            shared: simplified buurt/wijk/gemeente outlines (RD New, metres)
    <batch>/herkomst.json         provenance (version, git commit, time, input file hashes; not hashed)
    <batch>/gebieden/<code>.json  one small bundle per selected buurt

:func:`prepare_batch` is a pipeline of named steps that share one :class:`_Batch`: ``_read_project``,
``_select_areas``, ``_read_counted``, ``_read_told``, ``_run_batch_urgency``, ``_summarise_partners``,
``_name_areas``, ``_write_shared`` and ``_write_bundles`` (per area ``_area_bundle``: one function per section).
Everything that does not depend on the area (frequency tables, intervention catalogue, per-area slices of the
tables) is made once, before the area loop (``_lookups``).

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
from typing import Any, Mapping, cast

import numpy as np
import pandas as pd

from wijklib.errors import InputError
from wijklib.format import is_money_unit, number
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
from wijklib.reports.manifest import frame_facts
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
    """Pseudonymised summary of one stakeholder map (labels are roles or pseudonyms, never names).

    A report is shared with partners: only statements of informants whose consent covers ``delen`` today count
    (:func:`wijklib.stakeholders.records.for_sharing`).
    """
    from wijklib.stakeholders import load_stakeholders, participation_gap, power_interest, reach_trust
    from wijklib.stakeholders.records import for_sharing

    sset = for_sharing(load_stakeholders(path, key_path=key_path))
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

@dataclass
class _Batch:
    """Everything the steps of :func:`prepare_batch` compute once and later steps (and every area) read."""

    inputs: BatchInputs
    notes: list[str] = field(default_factory=list)
    project: Any = None
    ws: Any = None
    catalogue: Any = None
    period: int | None = None
    # areas
    buurten: pd.DataFrame = field(default_factory=pd.DataFrame)
    selected: list[str] = field(default_factory=list)
    gms: list[str] = field(default_factory=list)
    ref: pd.DataFrame = field(default_factory=pd.DataFrame)
    wijk_names: dict[str, str] = field(default_factory=dict)
    gm_names: dict[str, str] = field(default_factory=dict)
    table_names: dict[str, str] = field(default_factory=dict)
    # counted data
    periods: list[int] = field(default_factory=list)
    meta: pd.DataFrame = field(default_factory=pd.DataFrame)
    meta_rec: dict[str, dict[str, Any]] = field(default_factory=dict)
    domain_labels: dict[str, str] = field(default_factory=dict)
    codes_ref: set[str] = field(default_factory=set)
    tidy_bu: pd.DataFrame = field(default_factory=pd.DataFrame)
    missing_areas: list[str] = field(default_factory=list)
    val_d: dict[tuple[str, str, int], Any] = field(default_factory=dict)
    stat_d: dict[tuple[str, str, int], Any] = field(default_factory=dict)
    # told data
    survey: pd.DataFrame | None = None
    schouw: pd.DataFrame | None = None
    signals: pd.DataFrame | None = None
    survey_agg: pd.DataFrame | None = None
    schouw_agg: pd.DataFrame | None = None
    stories: Any = None
    stories_min: int = 0
    stories_scrub: Any = None
    aanleidingen_log: pd.DataFrame | None = None
    # urgency
    urg: Any = None
    urg_shared: dict[str, Any] = field(default_factory=dict)
    cls: dict[str, Any] | None = None
    # stakeholders and readiness
    stake: dict[str, dict] = field(default_factory=dict)
    ready: dict[str, dict] = field(default_factory=dict)
    quickscans: dict[str, Any] = field(default_factory=dict)
    tracker: pd.DataFrame | None = None
    rd: Any = None
    # names and shared files
    raw_names: dict[str, Any] = field(default_factory=dict)
    wijk_of: dict[str, str] = field(default_factory=dict)
    gm_of: dict[str, str] = field(default_factory=dict)
    settings_hash: str = ""
    shared_hash: str = ""
    kaart_hash: str = ""
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def told_any(self) -> bool:
        return self.survey_agg is not None or self.schouw_agg is not None or self.signals is not None

    def area_name(self, code: str) -> str:
        n = self.raw_names.get(code)
        return n if isinstance(n, str) and n else code


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
    inputs.check_exist()
    batch_dir = Path(batch_dir)  # made only when writing: bad input leaves no empty folders behind
    b = _Batch(inputs=inputs)
    _read_project(b, period)
    _select_areas(b, areas=areas, gemeente=gemeente, wijk=wijk, focus=focus)
    _read_counted(b)
    _read_told(b)
    _run_batch_urgency(b)
    _summarise_partners(b)
    _name_areas(b)
    _write_shared(b, batch_dir)
    names, input_hashes, rows = _write_bundles(b, batch_dir)
    return PreparedBatch(batch_dir=batch_dir, areas=b.selected, names=names, input_hashes=input_hashes,
                         shared=b.shared, urgency=b.urg, notes=b.notes, rows=rows)


def _read_project(b: _Batch, period: int | None) -> None:
    """Load the project file and its werkset (when the batch has one) and take its period as the default."""
    b.period = period
    if b.inputs.project is None:
        return
    from wijklib.project import load_project

    b.project = load_project(b.inputs.project)
    b.ws = b.project.load_werkset()
    b.catalogue = b.ws.indicators
    if b.period is None:
        b.period = b.project.period


def _select_areas(b: _Batch, *, areas: list[str] | str | None, gemeente: str | list[str] | None,
                  wijk: str | list[str] | None, focus: str | Path | None) -> None:
    """Read the buurten, select the batch's buurten and their reference frame, and name the wijken and gemeenten."""
    inputs, project, ws = b.inputs, b.project, b.ws
    if ws is not None:  # a project: the werkset's buurten (those of the figures, polygons where the file has them)
        buurten = ws.buurten.copy()
        if inputs.areas is None:
            b.notes.append("Zonder buurtgrenzen: de rapporten hebben geen kaart (geef 'buurten' op in het "
                           "projectbestand).")
    else:
        from wijklib.geo import load_areas

        buurten = load_areas(cast(Path, inputs.areas), level="buurt", crs=inputs.crs,
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
        b.table_names = table_names
    b.buurten, b.selected, b.gms, b.ref = buurten, selected, gms, ref
    b.wijk_names, b.gm_names = wijk_names, gm_names


def _read_counted(b: _Batch) -> None:
    """Read the counted data (or take the werkset's), fix the period and index values and statuses for lookups."""
    if b.ws is not None:
        tidy = b.ws.counted
    else:
        from wijklib.counted import combine_counted, derive_rates, read_counted

        files = list(b.inputs.indicators)
        tidy = combine_counted([read_counted(p) for p in files], files)
        tidy = derive_rates(tidy)
    periods = sorted(int(p) for p in tidy["period"].unique())
    period = b.period
    if period is None:
        period = periods[-1]
    elif int(period) not in periods:
        raise InputError(f"geen telcijfers voor jaar {period}; wel voor {', '.join(map(str, periods))}",
                         column="period")
    period = int(period)
    b.period = period
    b.periods = [p for p in periods if p <= period]
    tidy = tidy[tidy["period"] <= period]
    b.meta, b.domain_labels = _indicator_meta(tidy, b.catalogue,
                                              b.project.min_population if b.project is not None else None)
    b.meta_rec = {str(r["indicator"]): {str(k): v for k, v in r.items()} for r in b.meta.to_dict("records")}
    b.codes_ref = set(b.ref["area_code"])
    b.tidy_bu = tidy[tidy["area_code"].isin(b.codes_ref)]
    b.missing_areas = sorted(set(b.selected) - set(b.tidy_bu["area_code"]))
    if b.missing_areas:
        b.notes.append(f"Geen telcijfers voor {len(b.missing_areas)} geselecteerde buurt(en): "
                       f"{', '.join(b.missing_areas[:5])}.")
    keys = zip(tidy["area_code"].tolist(), tidy["indicator"].tolist(), tidy["period"].tolist())
    b.val_d = dict(zip(keys, tidy["value"].tolist()))
    keys = zip(tidy["area_code"].tolist(), tidy["indicator"].tolist(), tidy["period"].tolist())
    b.stat_d = dict(zip(keys, tidy["status"].tolist()))


#: The warning of :mod:`wijklib.told` about respondents left out for lack of consent (a regular expression).
_CONSENT_WARNING = r".*respondent\(en\) zonder toestemming"


def _project_read_it(b: _Batch, path: Any) -> bool:
    """Whether the project's werkset (loaded in :func:`_read_project`) read this told file already."""
    if b.ws is None or b.project is None or path is None:
        return False
    own = getattr(b.project, "survey", None)
    try:
        return own is not None and Path(own).resolve() == Path(path).resolve()
    except (OSError, TypeError):
        return False


def _read_told(b: _Batch) -> None:
    """Read the told data, stories and aanleidingen log once (free texts scrubbed before any use)."""
    from wijklib import told as told_mod

    inputs, notes = b.inputs, b.notes
    if inputs.survey is not None:
        from wijklib.analysis import read_survey_file

        with warnings.catch_warnings():
            if _project_read_it(b, inputs.survey):
                # the project's werkset read this file already and said how many respondents lack consent: the
                # same warning again would read as a second file or a second group of respondents
                warnings.filterwarnings("ignore", message=_CONSENT_WARNING, category=UserWarning)
            b.survey = read_survey_file(inputs.survey)  # the wijklib template or a KoboToolbox/ODK export
        b.survey_agg = told_mod.aggregate_survey(b.survey)
    if inputs.schouw is not None:
        b.schouw = told_mod.read_schouw(inputs.schouw, buurten=b.buurten)
        b.schouw_agg = told_mod.aggregate_schouw(b.schouw)
    if inputs.signals is not None:
        signals = told_mod.read_signals(inputs.signals)
        # personal data (names, addresses, phone numbers ...) never leave the machine: scrubbed before any use
        from wijklib.privacy import TextScrubber
        scrub = TextScrubber(allow=_place_names(b.buurten, b.ws))  # buurt/wijk/gemeente names are no person names
        for col in ("tekst", "bronrol"):
            if col in signals.columns:
                signals[col] = [scrub(v, place=f"signaal {i}") for i, v in enumerate(signals[col], start=1)]
        if scrub.report.total:
            notes.append("Signalen: " + scrub.report.summary_nl())
        b.signals = signals
    _warn_unknown_codes({"survey": (inputs.survey, b.survey), "schouw": (inputs.schouw, b.schouw),
                         "signals": (inputs.signals, b.signals)}, set(b.buurten["area_code"]), notes)
    b.stories, b.stories_min, b.stories_scrub = _load_stories(inputs, b.ws)
    log_source = inputs.aanleidingen if inputs.aanleidingen is not None else getattr(b.ws, "aanleidingen", None)
    if log_source is not None:  # urgency reasons and evidence for interventions; free text scrubbed before any use
        from wijklib.aanleidingen import read_aanleidingen, scrub_log
        log, scrubbed = scrub_log(read_aanleidingen(log_source))
        if scrubbed:
            notes.append("Aanleidingenlog: " + scrubbed)
        if b.ws is not None:
            b.ws.aanleidingen = log
        b.aanleidingen_log = log


def _run_batch_urgency(b: _Batch) -> None:
    """Urgency once for the whole reference, through the same pipeline as the notebooks, and its classification."""
    config: Any = b.inputs.urgency_config
    if isinstance(config, Path):
        config = str(config)
    urg = None
    # as `wijk analyse`: a gemeente with fewer than 3 buurten is still scored against a national (or peers)
    # reference pool of the project; only the gemeente's own buurten as the reference need 3 of them
    pool = getattr(b.ws, "reference_pool", None) if b.project is not None else None
    n_pool = int(pool["area_code"].nunique()) if pool is not None and len(pool) else 0
    enough = b.tidy_bu["area_code"].nunique() >= 3 or (b.project is not None and n_pool >= 3)
    if b.project is not None and enough:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            urg = b.project.run(b.ws, period=b.period)  # the same path as notebook 01 and `wijk analyse`
    elif enough:
        urg = _run_urgency(b.ref, b.tidy_bu, config, survey=b.survey, schouw=b.schouw, signals=b.signals,
                           period=b.period, gemeente=b.gms[0], gemeente_naam=b.gm_names.get(b.gms[0], b.gms[0]),
                           notes=b.notes, stories=b.stories, stories_min=b.stories_min,
                           aanleidingen=b.aanleidingen_log)
    reason = None
    if urg is None and not enough:
        n_bu = int(b.tidy_bu["area_code"].nunique())
        reason = (f"de referentie is te klein: {n_bu} buurt(en) met telcijfers om mee te vergelijken, minstens 3 "
                  "nodig (keuze van wijklib). Dat zegt niets over de cijfers van deze buurt zelf. Met "
                  "referentie.kader nationaal of peers in het projectbestand worden de buurten wel vergeleken met "
                  "buurten buiten de gemeente.")
        b.notes.append("Te weinig buurten met telcijfers voor een urgentieanalyse (minstens 3 nodig). Met een "
                       "projectbestand met referentie.kader nationaal of peers worden de buurten wel vergeleken met "
                       "buurten buiten de gemeente.")
    b.urg = urg
    b.urg_shared = {"available": urg is not None}
    if reason:
        b.urg_shared["reason"] = reason
    if urg is None:
        return
    sc = urg.scores
    idx = sc["index"].to_numpy(dtype=float)
    gm_label = ", ".join(b.gm_names.get(g, g) for g in b.gms)
    b.cls = _classification(idx, f"{int(np.isfinite(idx).sum())} buurten van {gm_label}, {b.period}")
    cfg_dump = urg.config.model_dump(mode="json") if hasattr(urg.config, "model_dump") else {}
    b.urg_shared.update({
        "n_ranked": int(sc["rank"].notna().sum()), "n_areas": int(len(sc)),
        "index_values": sorted(float(v) for v in idx[np.isfinite(idx)]),
        "classification": b.cls,
        "config_hash": sha256_bytes(dumps(cfg_dump).encode())[:16],
        "top_k": int(cfg_dump.get("uncertainty", {}).get("top_k", 0) or 0),
        "min_domains": int(cfg_dump.get("stacking", {}).get("min_domains", 0) or 0),
        "stacking_quantile": _num(cfg_dump.get("stacking", {}).get("quantile")),
        "diagnostics": [str(m) for m in urg.diagnostics.get("message", pd.Series(dtype=str))],
        # honest limits of the analysis, in plain Dutch, for the index and every report
        "missing_domains_text": urg.missing_domains_text() if hasattr(urg, "missing_domains_text") else "",
        "trend_note": str(getattr(urg, "trend_note", "") or ""),
    })
    # which buurten the index compares against (stated in every buurt report and at the top of index.html)
    b.urg_shared["frame"] = frame_facts(urg, b.meta)


def _summarise_partners(b: _Batch) -> None:
    """Stakeholder, quickscan and tracker summaries, once per area that has such data."""
    for scope, path in b.inputs.stakeholders.items():
        try:
            b.stake[scope] = _stakeholder_summary(path, b.inputs.pseudonym_key)
        except ImportError:
            b.notes.append("Stakeholdermodule niet beschikbaar; stakeholderoverzicht overgeslagen.")
            break
    for scope, path in b.inputs.quickscan.items():
        try:
            b.ready[scope], b.quickscans[scope] = _readiness_summary(path)
        except ImportError:
            b.notes.append("Module randvoorwaarden (wijklib.readiness) niet beschikbaar; overgeslagen.")
            break
    if b.inputs.tracker is not None:
        try:
            b.tracker = _tracker_rows(b.inputs.tracker)
        except ImportError:
            b.tracker = None
    try:
        from wijklib import readiness
    except ImportError:
        b.rd = None
    else:
        b.rd = readiness


def _name_areas(b: _Batch) -> None:
    """Name every buurt (polygons first, else the counted tables or names file) and record its wijk and gemeente."""
    buurten = b.buurten
    raw_names = dict(zip(buurten["area_code"], buurten["name"] if "name" in buurten else buurten["area_code"]))
    ws_names: dict[str, str] = b.ws.names if b.ws is not None else b.table_names  # polygons without names
    b.raw_names = {str(c): (n if isinstance(n, str) and n and n != c else ws_names.get(c, c))
                   for c, n in raw_names.items()}
    b.wijk_of = dict(zip(buurten["area_code"], buurten["wijk_code"]))
    b.gm_of = dict(zip(buurten["area_code"], buurten["gemeente_code"]))


def _kaart(b: _Batch) -> dict[str, list[dict[str, Any]]]:
    """Simplified buurt, wijk and gemeente outlines of the reference, with each buurt's index."""
    ref = b.ref
    kaart: dict[str, list[dict[str, Any]]] = {"buurten": [], "wijken": [], "gemeenten": []}
    idx_map = b.urg.scores["index"].to_dict() if b.urg is not None else {}
    geoms = ref.geometry if "geometry" in ref.columns else [None] * len(ref)
    for code, wk, gm, geom in zip(ref["area_code"], ref["wijk_code"], ref["gemeente_code"], geoms):
        kaart["buurten"].append({"code": code, "name": b.area_name(code), "wijk_code": wk, "gemeente_code": gm,
                                 "index": _num(idx_map.get(code)), "geometry": _geometry_json(geom)})
    has_geometry = "geometry" in ref.columns and ref.geometry.notna().any()
    if has_geometry:
        import shapely

        for key, col, names in (("wijken", "wijk_code", b.wijk_names), ("gemeenten", "gemeente_code", b.gm_names)):
            for c, sub in _by_area(ref, col).items():
                kaart[key].append({"code": c, "name": names.get(c, c),
                                   "geometry": _geometry_json(shapely.union_all(sub.geometry.to_numpy()))})
    return kaart


def _write_shared(b: _Batch, batch_dir: Path) -> None:
    """Write ``kaart.json``, ``batch.json`` and ``herkomst.json`` and keep the hashes every area's key depends on."""
    inputs, project = b.inputs, b.project
    kaart = _kaart(b)
    batch_dir.mkdir(parents=True, exist_ok=True)
    _, b.kaart_hash = write_json_if_changed(batch_dir / "kaart.json", kaart)
    data_files = {label: {"path": _rel(p), "sha256": sha256_file(p)[:16]} for label, p in inputs.data_files().items()}
    # settings of this batch: the urgency configuration (file hash or inline), the project's settings and the year;
    # part of every area's resume key (through batch.json), and stored per report in the manifest
    b.settings_hash = sha256_bytes(dumps({
        "urgency_config": inputs.urgency_config if not isinstance(inputs.urgency_config, Path)
        else data_files.get("urgency_config"), "period": b.period,
        "project": project.settings_hash() if project is not None else None,
        "engine": (b.urg_shared.get("config_hash") if b.urg_shared else None)}).encode())[:16]
    b.shared = {
        "schema": BUNDLE_SCHEMA, "period": b.period, "periods": b.periods,
        "gemeenten": {g: b.gm_names.get(g, g) for g in b.gms},
        "wijken": {w: b.wijk_names.get(w, w) for w in sorted(b.ref["wijk_code"].unique())},
        "n_reference": int(len(b.ref)),
        "urgency": b.urg_shared,
        "config_hash": b.settings_hash,
        "reference": (project.describe_frame() if project is not None else "de buurten van de gemeente"),
        "sections": {"survey": b.survey_agg is not None, "schouw": b.schouw_agg is not None,
                     "signals": b.signals is not None, "stakeholders": bool(b.stake), "readiness": bool(b.ready),
                     "stories": b.stories is not None},
        "notes": b.notes,
    }
    _, b.shared_hash = write_json_if_changed(batch_dir / "batch.json", b.shared)
    # provenance is shown in the reports but NOT part of the input hashes: a change in an input file that leaves an
    # area's bundle unchanged does not re-render that area (its footer keeps the hashes it was made with)
    write_json_if_changed(batch_dir / "herkomst.json", {
        "wijklib_version": wijklib_version(), "git_commit": git_commit(), "prepared_utc": utc_now(),
        "data_files": data_files})


@dataclass
class _Lookups:
    """Per-area slices of the batch's tables, made once before the area loop (dicts keyed by buurt code)."""

    survey_by: dict[str, pd.DataFrame]
    survey_gm: dict[str, float]
    schouw_by: dict[str, pd.DataFrame]
    signals_by: dict[str, pd.DataFrame]
    signal_themes_by: dict[str, pd.DataFrame]
    log_by: dict[str, pd.DataFrame]
    no_signal_themes: pd.DataFrame
    contrib: dict[str, pd.DataFrame]
    trends: dict[str, pd.DataFrame]
    div: dict[str, pd.DataFrame]
    focus_t: pd.DataFrame
    domain_cols: list[str]
    scored_inds: list[str]
    context_inds: list[str]
    small_threshold: int
    ref_median: dict[str, float]
    story_frequencies: tuple[pd.DataFrame, pd.DataFrame] | None
    place_names: list[str]
    interventions: Any = None


def _by_area(df: pd.DataFrame | None, col: str = "buurtcode") -> dict[str, pd.DataFrame]:
    """The rows of a table per area code (empty without the table)."""
    return {} if df is None or not len(df) else {str(k): v for k, v in df.groupby(col)}


def _lookups(b: _Batch) -> _Lookups:
    """Slice every batch table per area once, so that each area's bundle only looks things up."""
    urg, meta_rec = b.urg, b.meta_rec
    survey_agg = b.survey_agg
    survey_gm: dict[str, float] = {}
    # the 'gemeente' survey value is the plain mean of the buurt means that are shown (enough respondents), not the
    # mean over all respondents: a hidden buurt's mean cannot be derived by subtraction (keuze van wijklib; the
    # report labels it so, view._SURVEY_GM_NOTE)
    if survey_agg is not None:
        survey_gm = cast("dict[str, float]", survey_agg[survey_agg["buurtcode"].isin(b.codes_ref)]
                         .groupby("thema")["gemiddelde"].mean().to_dict())
    scored_inds = [i for i in b.meta["indicator"] if meta_rec[i]["direction"] != "context"]
    context_inds = [i for i in b.meta["indicator"] if meta_rec[i]["direction"] == "context"]
    # a "small buurt" is below the smallest real minimum population of the catalogue (thresholds of 1 only exclude
    # empty buurten); in a small buurt no signal texts and no intervention suggestions are printed
    positive_min = [int(meta_rec[i]["min_population"]) for i in scored_inds
                    if int(meta_rec[i]["min_population"] or 0) >= 10]
    tidy_bu = b.tidy_bu
    story_frequencies = None
    if b.stories is not None:  # one frequency table per kind for the batch, sliced per area
        story_frequencies = (b.stories.code_frequencies(by="thema", min_sources=b.stories_min),
                             b.stories.code_frequencies(by="code", min_sources=b.stories_min))
    signal_themes = None
    if b.signals is not None:  # counts per buurt and theme for the whole batch, sliced per area
        from wijklib import told as told_mod

        signal_themes = told_mod.aggregate_signals(b.signals)
    interventions = None
    if b.rd is not None:  # the intervention catalogue once per batch (its texts are folded once)
        from wijklib.catalogue import load_catalogue

        interventions = b.rd.intervention_catalogue(load_catalogue())
    return _Lookups(
        survey_by=_by_area(survey_agg), survey_gm=survey_gm, schouw_by=_by_area(b.schouw_agg),
        signals_by=_by_area(b.signals), signal_themes_by=_by_area(signal_themes),
        log_by=_by_area(b.aanleidingen_log, "area_code"),
        no_signal_themes=signal_themes.iloc[0:0] if signal_themes is not None else pd.DataFrame(),
        contrib=_by_area(urg.contributions, "area_code") if urg is not None else {},
        trends=({k: v.set_index("indicator") for k, v in _by_area(urg.trends, "area_code").items()}
                if urg is not None else {}),
        div=_by_area(urg.divergence, "area_code") if urg is not None else {},
        focus_t=(urg.focus.set_index("area_code") if urg is not None and len(urg.focus) else pd.DataFrame()),
        domain_cols=[c for c in urg.scores.columns if c.startswith("domain_")] if urg is not None else [],
        scored_inds=scored_inds, context_inds=context_inds,
        small_threshold=min(positive_min) if positive_min else _SMALL_AREA_FALLBACK,
        ref_median=cast("dict[str, float]", tidy_bu[(tidy_bu["period"] == b.period)
                                                    & (tidy_bu["status"] == "waarde")]
                        .groupby("indicator")["value"].median().to_dict()),
        story_frequencies=story_frequencies, place_names=_place_names(b.buurten, b.ws),
        interventions=interventions)


def _write_bundles(b: _Batch, batch_dir: Path) -> tuple[dict[str, str], dict[str, str], dict[str, dict[str, Any]]]:
    """Build, audit and write the bundle of every selected buurt; return its names, input hashes and row summaries."""
    lk = _lookups(b)
    # one monitoring table for all areas, from the same (reliable) series as the indicator rows; only the series
    # are kept, so memory does not grow with whole bundles
    series = {code: [{"id": r["id"], "series": r["series"], "gemeente_series": r["gemeente_series"]}
                     for r in _indicator_rows(b, lk, code)[0]] for code in b.selected}
    monitoring = _monitoring_many(series, b.meta, b.periods, cast(int, b.period), b.gm_of)
    del series
    input_hashes: dict[str, str] = {}
    names: dict[str, str] = {}
    rows: dict[str, dict[str, Any]] = {}
    (batch_dir / "gebieden").mkdir(parents=True, exist_ok=True)
    for code in b.selected:
        names[code] = b.area_name(code)
        bundle, rows[code] = _area_bundle(b, lk, code)
        bundle["monitoring"] = monitoring[code]
        # the audit on content runs before writing: free texts that leave the machine hold no personal data
        _check_free_texts(bundle, code, lk.place_names)
        _, digest = write_json_if_changed(batch_dir / "gebieden" / f"{code}.json", bundle)
        input_hashes[code] = hashlib.sha256(f"{digest}|{b.shared_hash}|{b.kaart_hash}".encode()).hexdigest()[:32]
    return names, input_hashes, rows


def _indicator_rows(b: _Batch, lk: _Lookups, code: str) -> tuple[list[dict], list[dict], dict[int, float | None]]:
    """The scored and the context indicator rows of one buurt (own, wijk and gemeente values, series, reliability)."""
    wk, gm = b.wijk_of[code], b.gm_of[code]
    period, periods, val_d = cast(int, b.period), b.periods, b.val_d

    def series(area: str, ind: str) -> dict[str, float | None]:
        return {str(p): _num(val_d.get((area, ind, p))) for p in periods}

    inw_by_year = {p: _num(val_d.get((code, "inwoners", p))) for p in periods}

    def too_few(mp: Any, p: int) -> bool:
        n_inw = inw_by_year.get(p)
        return bool(mp) and n_inw is not None and n_inw < float(mp)

    def ind_row(ind: str) -> dict[str, Any]:
        m = b.meta_rec[ind]
        mp = m["min_population"]
        gm_has = (gm, ind, period) in val_d
        own = series(code, ind)
        # values below the indicator's minimum population are unreliable: kept apart, never used for verdicts
        bad_years = [str(p) for p in periods if own.get(str(p)) is not None and too_few(mp, p)]
        status = b.stat_d.get((code, ind, period), "ontbreekt")
        gm_series = series(gm, ind) if gm_has else {}
        money = is_money_unit(m.get("unit"))
        return {
            "id": ind, "label": m["label"], "domain": m["domain"],
            "domain_label": b.domain_labels.get(m["domain"], m["domain"]),
            "unit": m["unit_label"], "direction": m["direction"],
            "value": _num(val_d.get((code, ind, period))), "status": status,
            "min_population": int(mp or 0),
            "unreliable": status == "waarde" and too_few(mp, period),
            "unreliable_years": bad_years,
            "wijk": _num(val_d.get((wk, ind, period))),
            "gemeente": _num(val_d.get((gm, ind, period))) if gm_has else _num(lk.ref_median.get(ind)),
            "gemeente_kind": "gemeente" if gm_has else "mediaan van de buurten",
            "series": {k: (None if k in bad_years else v) for k, v in own.items()},
            "series_unreliable": {k: own[k] for k in bad_years}, "gemeente_series": gm_series,
            "trend": None,
            # money amounts are nominal: their change is compared with the gemeente's, never called better/worse
            "money": money,
            "nominal_change": _nominal_change({k: (None if k in bad_years else v) for k, v in own.items()},
                                              gm_series) if money else None,
        }

    return [ind_row(i) for i in lk.scored_inds], [ind_row(i) for i in lk.context_inds], inw_by_year


def _nominal_change(own: Mapping[str, float | None], gemeente: Mapping[str, float | None]) -> str | None:
    """How a money amount of a buurt changed compared with the gemeente, between the first and the last year in
    which both have a value ("2020-2024: sneller gestegen dan de gemeente"), or None without two such years."""
    from wijklib.format import change_versus_reference

    years = sorted((y for y in own if own.get(y) is not None and gemeente.get(y) is not None), key=int)
    if len(years) < 2:
        return None
    first, last = years[0], years[-1]
    text = change_versus_reference(own[first], own[last], gemeente[first], gemeente[last])
    return f"{first}-{last}: {text}" if text else None


def _area_bundle(b: _Batch, lk: _Lookups, code: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The bundle of one buurt (every report section) and its row in the batch overview."""
    wk, gm = b.wijk_of[code], b.gm_of[code]
    name = b.area_name(code)
    period = cast(int, b.period)
    inds, ctx, inw_by_year = _indicator_rows(b, lk, code)
    inhabitants = inw_by_year.get(period)
    small = inhabitants is not None and inhabitants < lk.small_threshold
    n_unrel = sum(bool(r["unreliable"]) for r in inds)
    n_supp = sum(r["status"] == "geheim" for r in inds)
    n_miss = sum(r["status"] == "ontbreekt" for r in inds)
    bundle: dict[str, Any] = {
        "schema": BUNDLE_SCHEMA,
        "area": {"code": code, "name": name, "wijk_code": wk, "wijk_name": b.wijk_names.get(wk, wk),
                 "gemeente_code": gm, "gemeente_name": b.gm_names.get(gm, gm)},
        "period": period, "periods": b.periods,
        "indicators": inds, "context": ctx,
        "quality": {"n_suppressed": n_supp, "n_missing": n_miss, "n_unreliable": n_unrel,
                    "n_usable": len(inds) - n_supp - n_miss - n_unrel, "n": len(inds)},
        "small_area": {"small": bool(small), "inhabitants": inhabitants, "threshold": lk.small_threshold},
        "has_counted": code not in b.missing_areas,
        "urgency": None, "told": None, "stakeholders": None, "readiness": None, "interventions": None,
        "stories": None, "monitoring": None,  # made for all areas at once (_write_bundles)
    }
    row_summary: dict[str, Any] = {"code": code, "name": name, "wijk_code": wk,
                                   "wijk_name": b.wijk_names.get(wk, wk), "settings_hash": b.settings_hash}
    if b.urg is not None and code in b.urg.scores.index:
        bundle["urgency"] = _urgency_part(b, lk, code, inds)
        u, t = bundle["urgency"], b.urg.types.loc[code]
        row_summary.update({"index": u["index"], "rank": u["rank"], "rank_lo": u["rank_lo"], "rank_hi": u["rank_hi"],
                            "class": u["class"], "urgency_type": str(t["urgency_type"]),
                            "stacked": u["stacking"]["stacked"], "small_population": u["small_population"],
                            "special_reason": u["special_reason"] if u["special_population"] else "",
                            "policy_deviation": u["type"]["policy_deviation"],
                            "positive_urgency": u["type"]["positive_urgency"]})
    if b.told_any:
        bundle["told"] = _told_part(b, lk, code, small)
    if b.stories is not None:  # coded stories: counts only, small numbers withheld
        bundle["stories"] = _stories_bundle(b.stories, code, b.stories_min, b.stories_scrub,
                                            frequencies=lk.story_frequencies)
    bundle["stakeholders"], bundle["readiness"], qs = _partners_part(b, code, name)
    if b.rd is not None:
        bundle["interventions"] = _interventions_part(b, lk, code, name, bundle, small, inhabitants, qs)
    return bundle, row_summary


def _urgency_part(b: _Batch, lk: _Lookups, code: str, inds: list[dict]) -> dict[str, Any]:
    """The urgency section of one buurt (index, rank, domains, stacking, contributions, type, focus, divergence);
    also sets each indicator row's trend."""
    urg, meta_rec, domain_labels = b.urg, b.meta_rec, b.domain_labels
    s = urg.scores.loc[code]
    tr = lk.trends.get(code)
    if tr is not None:
        for r in inds:
            if r["id"] in tr.index and not r["unreliable"] and not r.get("money"):  # no "verbetert" for euros
                r["trend"] = tr.at[r["id"], "trend"]
    c_df = lk.contrib.get(code, pd.DataFrame())
    c_list = []
    if len(c_df):
        c_df = c_df.assign(_abs=c_df["contribution"].abs()).sort_values(
            ["_abs", "indicator"], ascending=[False, True], kind="mergesort")
        for c in c_df.to_dict("records"):
            if _num(c["contribution"]) is None:
                continue
            c_list.append({"indicator": c["indicator"], "label": meta_rec[c["indicator"]]["label"]
                           if c["indicator"] in meta_rec else c["indicator"],
                           "contribution": _num(c["contribution"]), "value": _num(c["value"]),
                           "reference": _num(c.get("reference_mean")), "unreliable": bool(c["unreliable"]),
                           "imputed": bool(c["imputed"])})
    unc = urg.uncertainty
    u = unc.loc[code] if len(unc) and code in unc.index else None
    stack_row = urg.stacking.loc[code]
    flagged_domains = [d.strip() for d in str(stack_row.get("flagged_domains") or "").split(";") if d.strip()]
    t = urg.types.loc[code]
    focus_t = lk.focus_t
    f = focus_t.loc[code] if len(focus_t) and code in focus_t.index else None
    ex = urg.explanations
    index_value = _num(s["index"])
    d_rows = []
    if code in lk.div:
        for d in lk.div[code].to_dict("records"):
            row = {k: (d[k] if not isinstance(d[k], float) else _num(d[k])) for k in
                   ("theme", "source", "domain", "value", "n", "min_n", "reliable", "told_pct", "counted_pct",
                    "divergence", "signal", "text") if k in d}
            if not bool(d.get("reliable", True)):
                row["n"] = None  # below the minimum the exact small number never leaves the engine
            d_rows.append(row)
    idx_tr = tr.loc["urgentie_index"] if tr is not None and "urgentie_index" in tr.index else None
    out = {
        "status": s["status"], "index": index_value, "rank": _num(s["rank"]),
        "percentile": _num(s["index_percentile"]), "in_worst_class": bool(s["in_worst_class"]),
        "n_observed": int(s["n_observed"]), "n_suppressed": int(s["n_suppressed"]),
        "n_missing": int(s["n_missing"]), "n_unreliable": int(s["n_unreliable"]),
        "weight_share": _num(s["weight_share"]),
        "rank_lo": _num(u["rank_lo"]) if u is not None else None,
        "rank_hi": _num(u["rank_hi"]) if u is not None else None,
        "p_top_k": _num(u["p_top_k"]) if u is not None else None,
        "robustness": (u["robustness"] if u is not None else None),
        "class": _class_of(index_value, b.cls),
        "domains": [{"id": c[7:], "label": domain_labels.get(c[7:], c[7:]), "score": _num(s[c]),
                     "flagged": c[7:] in flagged_domains} for c in lk.domain_cols],
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
    out["type"].update({"policy_deviation": _text(t.get("policy_deviation")),
                        "positive_urgency": _text(t.get("positive_urgency"))})
    return out


def _survey_min_n() -> int:
    """The fewest respondents a survey mean is shown for (:data:`wijklib.told.MIN_N`, a keuze van wijklib)."""
    from wijklib.told import MIN_N

    return int(MIN_N)


def _told_part(b: _Batch, lk: _Lookups, code: str, small: bool) -> dict[str, Any]:
    """The told section of one buurt: survey themes, schouw categories and signals (texts only where allowed)."""
    told_b: dict[str, Any] = {"survey": None, "schouw": None, "signals": None}
    if b.survey_agg is not None:
        sv = lk.survey_by.get(code)
        told_b["survey"] = [] if sv is None else [
            {"theme": r["thema"], "n": int(r["n"]) if bool(r["betrouwbaar"]) else None, "min_n": _survey_min_n(),
             "mean": _num(r["gemiddelde"]),
             "score_0_100": _num(r["score_0_100"]), "reliable": bool(r["betrouwbaar"]),
             "gemeente_mean": _num(lk.survey_gm.get(r["thema"]))} for _, r in sv.iterrows()]
    if b.schouw_agg is not None:
        sw = lk.schouw_by.get(code)
        told_b["schouw"] = [] if sw is None else [
            {"category": r["categorie"], "count": int(r["aantal"]), "severity_mean": _num(r["ernst_gemiddeld"]),
             "severity_max": _num(r["ernst_max"])}
            for _, r in sw.sort_values(["aantal", "categorie"], ascending=[False, True], kind="mergesort").iterrows()]
    if b.signals is not None:
        sg = lk.signals_by.get(code)
        if sg is None:
            told_b["signals"] = {"themes": [], "recent": []}
        else:
            agg = lk.signal_themes_by.get(code, lk.no_signal_themes)
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
    return told_b


def _partners_part(b: _Batch, code: str, name: str) -> tuple[dict | None, dict | None, Any]:
    """Stakeholder and readiness sections of one buurt (from its own, its wijk's or its gemeente's data) and the
    quickscan that applies to it."""
    wk, gm = b.wijk_of[code], b.gm_of[code]
    stakeholders = readiness = qs = None
    hit = _scope_for(code, wk, gm, b.stake)
    if hit is not None:
        scope, summ = hit
        stakeholders = {"scope_code": scope, "scope_name": _scope_name(scope, name, b.wijk_names, b.gm_names), **summ}
    hit = _scope_for(code, wk, gm, b.ready)
    if hit is not None:
        scope, summ = hit
        qs = b.quickscans[scope]
        readiness = {"scope_code": scope, "scope_name": _scope_name(scope, name, b.wijk_names, b.gm_names), **summ}
    tracker = b.tracker
    if tracker is not None and len(tracker):
        tr_rows = tracker[tracker["gebied"].isin([code, wk, gm])]
        if len(tr_rows):
            if readiness is None:
                first = str(tr_rows["gebied"].iloc[0])
                readiness = {"scope_code": first, "scope_name": _scope_name(first, name, b.wijk_names, b.gm_names)}
            readiness["tracker"] = [
                {"track": r["spoor"], "done": int(r["klaar"]), "steps": int(r["stappen"]),
                 "gate_open": bool(r["poort_open"]), "last_decision": r["laatste_besluit"],
                 "involvement": str(r.get("bewonersbetrokkenheid") or ""),
                 "success_factors": str(r.get("succesfactoren") or ""),
                 "alternatives": str(r.get("alternatieven") or "")}
                for _, r in tr_rows.iterrows()]
    return stakeholders, readiness, qs


def _interventions_part(b: _Batch, lk: _Lookups, code: str, name: str, bundle: dict[str, Any], small: bool,
                        inhabitants: float | None, qs: Any) -> dict | None:
    """Suggested interventions of one buurt, or a note why there are none (small buurt, no urgency index)."""
    if small or bundle["urgency"] is None or bundle["urgency"].get("index") is None:
        small_ref = not small and ((bundle["urgency"] or {}).get("status") == "te kleine referentie"
                                   or (bundle["urgency"] is None and bool((b.urg_shared or {}).get("reason"))))
        why = (f"deze buurt heeft maar {inhabitants:.0f} inwoners, dus er zijn te weinig betrouwbare cijfers"
               if small else "de referentie is te klein om de cijfers van deze buurt mee te vergelijken, dus er is "
               "te weinig vergelijking" if small_ref else "er is geen urgentie-index voor deze buurt, dus er zijn "
               "te weinig betrouwbare cijfers")
        return {"matches": [], "withheld": True,
                "note": (f"Geen suggesties voor interventies: {why} om "
                         "een profiel op te bouwen. Suggesties op basis van losse trefwoorden zouden hier "
                         "misleidend en mogelijk stigmatiserend zijn. Bespreek met de partners wat er speelt en "
                         "wat passend is.")}
    signals = b.signals if b.signals is None else lk.signals_by.get(code, b.signals.iloc[0:0])  # this area's rows
    return _interventions(b.rd, name, bundle, signals, lk.schouw_by.get(code), b.survey_agg, code, qs,
                          aanleidingen=lk.log_by.get(code), catalogue=lk.interventions)


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
    # a report is shared with partners: only fragments whose informant's consent covers 'delen' today
    if ws is not None and getattr(ws, "stories", None) is not None:
        return ws.stories.for_sharing(), int(ws.stories_min_sources), scrub
    if inputs.stories is None:
        return None, MIN_SOURCES, scrub
    return load_stories(inputs.stories, records=sset).for_sharing(), MIN_SOURCES, scrub


def _stories_bundle(stories: Any, code: str, min_sources: int, scrub: Any, *,
                    frequencies: tuple[pd.DataFrame, pd.DataFrame] | None = None) -> dict[str, Any]:
    """Counts of coded fragments of one buurt per theme and per code; withheld below ``min_sources`` sources.

    ``frequencies`` are the batch's theme and code frequency tables (computed once for all areas); default they
    are computed here."""
    if frequencies is None:
        frequencies = (stories.code_frequencies(by="thema", min_sources=min_sources),
                       stories.code_frequencies(by="code", min_sources=min_sources))
    themes, codes = (f[f["buurtcode"] == code] for f in frequencies)
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


def _monitoring(code: str, inds: list[dict], meta: pd.DataFrame, periods: list[int], period: int,
                gemeente: str | None = None) -> dict:
    """Baseline versus now per indicator (M&E component *doelbereik*, Praktijkhandboek 003 §6.4), from the same
    reliable values as the rest of the report. The baseline is the first year of the counted data and the threshold
    for *gelijk* is 5% (both keuze van wijklib). Money amounts (WOZ value, income) are not corrected for inflation:
    their change is compared with the change of the gemeente (``gemeente``, its values in each row's
    ``gemeente_series``) over the same years, never called *beter* or *slechter*."""
    return _monitoring_many({code: inds}, meta, periods, period, {code: gemeente} if gemeente else None)[code]


def _monitoring_many(inds_by_code: Mapping[str, list[dict]], meta: pd.DataFrame, periods: list[int],
                     period: int, gm_of: Mapping[str, str] | None = None) -> dict[str, dict]:
    """:func:`_monitoring` of several buurten with one monitoring table (code -> monitoring section); ``gm_of``
    gives the gemeente of each buurt, whose ``gemeente_series`` is the yardstick for money amounts."""
    from wijklib.format import is_money_unit
    from wijklib.readiness.tracker import monitoring_table

    base = periods[0] if periods else None
    out: dict[str, dict[str, Any]] = {code: {"available": False, "baseline": base, "now": period, "rows": []} for code in inds_by_code}
    if base is None or base >= period:
        return out
    rows: list[dict[str, Any]] = []
    ref_values: dict[tuple[str, str, int], float] = {}
    reference: dict[str, str] = {}
    for code, inds in inds_by_code.items():
        mine = [{"area_code": code, "indicator": r["id"], "period": int(y), "value": v, "status": "waarde"}
                for r in inds for y, v in r["series"].items() if v is not None and int(y) in (base, period)]
        if {base, period} <= {r["period"] for r in mine}:
            rows += mine
            gm = (gm_of or {}).get(code)
            if gm:
                reference[code] = gm
                for r in inds:
                    for y, v in (r.get("gemeente_series") or {}).items():
                        if v is not None and int(y) in (base, period):
                            ref_values[(gm, r["id"], int(y))] = v
    if not rows:
        return out
    counted = pd.DataFrame(rows)
    areas = list(dict.fromkeys(counted["area_code"]))
    if ref_values:
        counted = pd.concat([counted, pd.DataFrame([{"area_code": g, "indicator": i, "period": y, "value": v,
                                                     "status": "waarde"} for (g, i, y), v in ref_values.items()])],
                            ignore_index=True)
    sub_meta = meta[meta["indicator"].isin(counted["indicator"])]
    money = ({str(i) for i, u in zip(sub_meta["indicator"], sub_meta["unit"]) if is_money_unit(u)}
             if "unit" in sub_meta.columns else set())
    table = monitoring_table(counted, sub_meta, areas, basisjaar=base, peiljaar=period,
                             referentie=reference or None)
    for code, sub in _by_area(table, "gebied").items():
        out[str(code)] = {"available": True, "baseline": base, "now": period,
                          "rows": [{"label": str(r["label"]), "baseline": _num(r["nulmeting"]), "now": _num(r["nu"]),
                                    "verdict": str(r["oordeel"]), "money": str(r["indicator"]) in money}
                                   for r in sub.to_dict("records")]}
    for code in areas:  # an area whose values all dropped out: available, no rows
        out[str(code)]["available"] = True
    return out


def _scope_name(scope: str, area_name: str, wijken: dict, gemeenten: dict) -> str:
    if scope.startswith("WK"):
        name = str(wijken.get(scope, scope))
        return name if name.casefold().startswith("wijk") else f"wijk {name}"  # no 'wijk Wijk 98'
    if scope.startswith("GM"):
        return f"gemeente {gemeenten.get(scope, scope)}"
    return f"buurt {area_name}"


def _interventions(rd: Any, name: str, bundle: dict, signals: pd.DataFrame | None, schouw: pd.DataFrame | None,
                   survey_agg: pd.DataFrame | None, code: str, quickscan: Any,
                   aanleidingen: pd.DataFrame | None = None, catalogue: list | None = None) -> dict | None:
    """Suggested interventions for the area profile (problem domains with their evidence, urgency type, potential,
    readiness). A specific phenomenon (drugs, crime, undermining) never comes from the figures alone, and every
    suggestion names the evidence it rests on (see :mod:`wijklib.readiness.matching`).

    ``aanleidingen`` is the aanleidingen log (:func:`wijklib.aanleidingen.read_aanleidingen`): an event of the area
    whose description points to a domain (the same words as for signals) is evidence
    ``"aanleidingenlog: <kind>, <date>"``; the free-text description itself is never put in the bundle. Resident
    initiatives are positive urgency, not evidence of a problem, and are skipped. ``catalogue`` is the list of
    interventions to match (default the whole catalogue; a batch passes it once for all areas)."""
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
    themes = " en ".join(", ".join(f"'{x.lower()}'" for x in dropped).rsplit(", ", 1))
    dropped_note = (("Het thema " if len(dropped) == 1 else "De thema's ") + themes + " " +
                    ("komt" if len(dropped) == 1 else "komen") + " alleen uit de getelde cijfers naar voren; "
                    "signalen, schouw, verhalen of het aanleidingenlog bevestigen dat (nog) niet. Cijfers over "
                    "bijvoorbeeld inkomen of zorggebruik zeggen niets over een specifiek fenomeen, dus daarvoor "
                    "noemen we geen interventies (keuze van wijklib). Ga met partners en bewoners na of het hier "
                    "speelt.") if dropped else ""
    if not profile.probleemdomeinen:
        return {"matches": [], "withheld": True, "profile": "", "dropped": dropped,
                "note": "Geen suggesties voor interventies: " + (dropped_note or "geen probleemdomeinen.")}
    matches = rd.match_interventions(profile, catalogue, top=5)
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
