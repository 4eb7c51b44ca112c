"""From files to an urgency analysis: the glue shared by the notebooks, the maps and the batch reports.

:func:`load_demo` and :func:`load_gemeente` read the counted data (CBS tables), the area geometry and the told data
(survey, schouw, signals) of one gemeente into a :class:`Werkset`; :func:`run_analysis` feeds a werkset to the
urgency engine (:func:`wijklib.urgency.run_urgency`) with the indicator catalogue's metadata, the told data in the
engine's format, the signals as incidents and the buurt polygons for adjacency.

Examples
--------
>>> from wijklib.analysis import load_demo, run_analysis
>>> ws = load_demo()
>>> ws.gemeente_code, len(ws.buurten)
('GM9901', 30)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import geopandas as gpd
import pandas as pd

from wijklib import counted, geo, told
from wijklib.errors import InputError
from wijklib.indicators import IndicatorCatalogue, load_indicators

__all__ = ["Werkset", "DEMO_DIR", "DEMO_CONFIG", "load_demo", "load_gemeente", "indicator_table", "told_table",
           "signals_table", "run_analysis", "save_results", "load_werkset", "nl", "COLUMN_LABELS_NL",
           "VALUE_LABELS_NL", "describe_config", "file_hashes", "FOCUS_FILE"]

#: File name of the candidate focus areas written by :func:`save_results` (read by the maps and reports).
FOCUS_FILE = "focusgebieden.csv"

DEMO_DIR = Path(__file__).resolve().parents[1] / "data" / "demo"
DEMO_CONFIG = DEMO_DIR / "urgentie.yaml"

#: Survey themes of wijklib's templates -> counted domain they can be compared with (None = no counted domain).
SURVEY_THEME_DOMAINS: dict[str, str | None] = {
    "veiligheid": "veiligheid",
    "leefbaarheid": "fysieke_omgeving",
    "sociale_cohesie": None,
    "vertrouwen_instanties": None,
    "initiatiefbereidheid": None,
}

#: Schouw categories -> told theme. Positive observations (``groen_positief``) are not problems and left out.
SCHOUW_THEMES: dict[str, str | None] = {
    "drugsoverlast": "veiligheid",
    "verdachte_panden": "veiligheid",
    "hangplek": "veiligheid",
    "onveilige_plek": "veiligheid",
    "vernieling": "fysieke_omgeving",
    "zwerfvuil": "fysieke_omgeving",
    "verloedering": "fysieke_omgeving",
    "verlichting": "fysieke_omgeving",
    "verkeer": "fysieke_omgeving",
    "leegstand": "wonen",
    "groen_positief": None,
}


@dataclass
class Werkset:
    """All data of one gemeente that an analysis needs, already validated.

    Attributes
    ----------
    gemeente_code, gemeente_naam : str
        The gemeente (``GMgggg``) and its name.
    buurten : GeoDataFrame
        Buurt polygons in EPSG:28992 with ``area_code``, ``name``, ``wijk_code``, ``gemeente_code``.
    wijken : GeoDataFrame or None
        Wijk polygons (or dissolved from the buurten).
    counted : DataFrame
        Tidy counted table (``area_code``, ``indicator``, ``period``, ``value``, ``status``) of all levels.
    indicators : IndicatorCatalogue
    survey, schouw, signals : DataFrame or None
        Told data as read by :mod:`wijklib.told`.
    sources : dict
        Name -> file path of every input, for the provenance of reports.
    fictional : bool
        True for the demo gemeente.
    """

    gemeente_code: str
    gemeente_naam: str
    buurten: gpd.GeoDataFrame
    wijken: gpd.GeoDataFrame | None
    counted: pd.DataFrame
    indicators: IndicatorCatalogue
    survey: pd.DataFrame | None = None
    schouw: pd.DataFrame | None = None
    signals: pd.DataFrame | None = None
    sources: dict[str, Path] = field(default_factory=dict)
    fictional: bool = False

    @property
    def periods(self) -> list[int]:
        """The years with counted data, ascending."""
        return sorted(int(p) for p in self.counted["period"].unique())

    @property
    def names(self) -> dict[str, str]:
        """Area code -> name for buurten and wijken."""
        names = dict(zip(self.buurten["area_code"], self.buurten["name"].fillna(self.buurten["area_code"])))
        if self.wijken is not None and "name" in self.wijken:
            names.update(zip(self.wijken["area_code"], self.wijken["name"].fillna(self.wijken["area_code"])))
        names[self.gemeente_code] = self.gemeente_naam
        return names

    def buurt_counted(self) -> pd.DataFrame:
        """The counted table restricted to the buurten of the werkset."""
        return self.counted[self.counted["area_code"].isin(set(self.buurten["area_code"]))]


def _dissolve_wijken(buurten: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    wijken = buurten.dissolve(by="wijk_code", as_index=False)[["wijk_code", "geometry"]]
    wijken = wijken.rename(columns={"wijk_code": "area_code"})
    wijken["name"] = wijken["area_code"]
    wijken["level"] = "wijk"
    return wijken


def load_gemeente(buurten: str | Path, counted_files: Iterable[str | Path], *, gemeente: str,
                  gemeente_naam: str | None = None, wijken: str | Path | None = None,
                  survey: str | Path | None = None, schouw: str | Path | None = None,
                  signals: str | Path | None = None, buurten_crs: object = None,
                  fictional: bool = False) -> Werkset:
    """Load the data of one gemeente from files.

    Parameters
    ----------
    buurten : path
        Buurt polygons (GeoJSON, TopoJSON, GeoPackage, shapefile); only the buurten of ``gemeente`` are kept.
    counted_files : iterable of paths
        Counted data: StatLine exports, the wide tables of CBS, or wijklib's wide format (one or more years).
    gemeente : str
        CBS gemeente code, e.g. ``"GM0363"``.
    gemeente_naam : str, optional
        Name of the gemeente (default: the code).
    wijken : path, optional
        Wijk polygons; default dissolved from the buurten.
    survey, schouw, signals : path, optional
        Told data (see :mod:`wijklib.told`).
    buurten_crs : str, optional
        CRS of a geometry file that does not record one (e.g. ``"EPSG:4326"`` for TopoJSON).
    fictional : bool
        Mark the werkset as fictional (demo data).

    Returns
    -------
    Werkset

    Raises
    ------
    InputError
        Any input that fails validation (the message names file, row and column), or counted data that do not
        cover the buurten.
    """
    sources: dict[str, Path] = {"buurten": Path(buurten)}
    gdf = geo.load_areas(buurten, level="buurt", gemeente=gemeente, crs=buurten_crs)
    if gdf.empty:
        raise InputError(f"geen buurten van {gemeente} gevonden", file=buurten)
    if wijken is not None:
        sources["wijken"] = Path(wijken)
        wijk_gdf = geo.load_areas(wijken, level="wijk", gemeente=gemeente)
    else:
        wijk_gdf = _dissolve_wijken(gdf)
    tables = []
    for i, path in enumerate(counted_files):
        sources[f"tellen_{i + 1}"] = Path(path)
        tables.append(counted.read_counted(path))
    if not tables:
        raise InputError("geef minstens één bestand met cijfers (counted_files)")
    tidy = pd.concat(tables, ignore_index=True)
    tidy = tidy.drop_duplicates(["area_code", "indicator", "period"], keep="last").reset_index(drop=True)
    tidy = counted.derive_rates(tidy)
    missing = set(gdf["area_code"]) - set(tidy["area_code"])
    if len(missing) == len(gdf):
        raise InputError(f"de cijfers bevatten geen enkele buurt van {gemeente} (bijvoorbeeld {sorted(missing)[0]})",
                         file=sources.get("tellen_1"), column="code")
    ws = Werkset(gemeente_code=gemeente, gemeente_naam=gemeente_naam or gemeente, buurten=gdf, wijken=wijk_gdf,
                 counted=tidy, indicators=load_indicators(), sources=sources, fictional=fictional)
    web = geo.to_wgs84(gdf)
    if survey is not None:
        sources["enquete"] = Path(survey)
        ws.survey = told.read_survey(survey, buurten=gdf["area_code"].tolist())
    if schouw is not None:
        sources["schouw"] = Path(schouw)
        ws.schouw = told.read_schouw(schouw, buurten=web)
    if signals is not None:
        sources["signalen"] = Path(signals)
        ws.signals = told.read_signals(signals, buurten=gdf["area_code"].tolist())
    return ws


def load_demo(directory: str | Path | None = None) -> Werkset:
    """Load the fictional demo gemeente Lindewaard (GM9901) shipped in ``data/demo/``."""
    d = Path(directory) if directory else DEMO_DIR
    if not (d / "buurten.geojson").exists():
        raise InputError("demodata niet gevonden; verwacht buurten.geojson", file=d)
    ws = load_gemeente(d / "buurten.geojson", [d / "indicatoren.csv"], gemeente="GM9901",
                       gemeente_naam="Lindewaard (fictief)", wijken=d / "wijken.geojson",
                       survey=d / "enquete.csv", schouw=d / "schouw.geojson", signals=d / "signalen.csv",
                       fictional=True)
    if (d / "urgentie.yaml").exists():
        ws.sources["configuratie"] = d / "urgentie.yaml"
    return ws


def load_werkset(gemeente: str = "demo", *, buurten: str = "", cijfers: Iterable[str] = (), enquete: str = "",
                 schouw: str = "", signalen: str = "", gemeentenaam: str = "", buurten_crs: str = "") -> Werkset:
    """Load a werkset from notebook-style parameters (strings; empty = not given).

    ``gemeente="demo"`` loads the fictional demo gemeente; otherwise ``buurten`` and ``cijfers`` are required.
    Relative paths are relative to the repository root (see :func:`wijklib.notebooks.repo_path`).
    """
    from wijklib.notebooks import repo_path

    if gemeente.strip().lower() == "demo":
        return load_demo()
    if not buurten or not list(cijfers):
        raise InputError("geef voor een echte gemeente het buurtenbestand (buurten) en minstens één cijferbestand "
                         "(cijfers) op, of kies gemeente='demo'", column="buurten" if not buurten else "cijfers")

    def opt(p: str):
        return repo_path(p) if p else None

    return load_gemeente(repo_path(buurten), [repo_path(c) for c in cijfers], gemeente=gemeente.strip().upper(),
                         gemeente_naam=gemeentenaam or None, survey=opt(enquete), schouw=opt(schouw),
                         signals=opt(signalen), buurten_crs=buurten_crs or None)


def indicator_table(catalogue: IndicatorCatalogue | None = None, ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Indicator metadata in the form the urgency engine takes (``indicator``, ``domain``, ``direction``, ...).

    Basis counts (numerators and denominators) are left out; context indicators are kept (never scored).
    """
    cat = catalogue or load_indicators()
    wanted = set(ids) if ids is not None else None
    rows = []
    for ind in cat.indicators:
        if getattr(ind, "role", None) == "basis":
            continue
        if wanted is not None and ind.id not in wanted and ind.direction != "context":
            continue
        rows.append({"indicator": ind.id, "domain": ind.domain, "direction": ind.direction,
                     "min_population": ind.min_population, "label": ind.label_nl})
    return pd.DataFrame(rows)


def told_table(ws: Werkset, *, min_n: int = told.MIN_N) -> pd.DataFrame:
    """Told data per buurt and theme in the engine's format (``area_code``, ``theme``, ``source``, ``value``, ...).

    Survey themes are scores 0-100 where higher is better (``source`` ``bewoners``); schouw observations are the
    summed severity of problem observations per theme (``schouw``); signals are counts per theme
    (``professionals``). Empty when the werkset has no told data.
    """
    parts = []
    if ws.survey is not None and not ws.survey.empty:
        agg = told.aggregate_survey(ws.survey, min_n=min_n)
        parts.append(pd.DataFrame({"area_code": agg["buurtcode"], "theme": agg["thema"], "source": "bewoners",
                                   "value": agg["score_0_100"], "n": agg["n"], "direction": "hoger_is_beter"}))
    codes = list(ws.buurten["area_code"])
    if ws.schouw is not None and not ws.schouw.empty:
        s = ws.schouw[ws.schouw["buurtcode"].notna()].copy()
        s["theme"] = s["categorie"].map(lambda c: SCHOUW_THEMES.get(c, "overig"))
        s = s[s["theme"].notna()]
        agg = s.groupby(["buurtcode", "theme"])["ernst"].sum()
        full = agg.unstack(fill_value=0).reindex(codes, fill_value=0).stack().rename("value").reset_index()
        full.columns = ["area_code", "theme", "value"]
        full["source"], full["n"], full["direction"] = "schouw", float("nan"), "hoger_is_slechter"
        parts.append(full)
    if ws.signals is not None and not ws.signals.empty:
        agg = ws.signals.groupby(["buurtcode", "thema"]).size()
        full = agg.unstack(fill_value=0).reindex(codes, fill_value=0).stack().rename("value").reset_index()
        full.columns = ["area_code", "theme", "value"]
        full["source"], full["n"], full["direction"] = "professionals", float("nan"), "hoger_is_slechter"
        parts.append(full)
    if not parts:
        return pd.DataFrame(columns=["area_code", "theme", "source", "value", "n", "direction"])
    out = pd.concat(parts, ignore_index=True)
    out["value"] = out["value"].astype(float)
    return out


def signals_table(ws: Werkset) -> pd.DataFrame | None:
    """Signals as incidents for the urgency types (``area_code``, ``category``, ``date``), or None."""
    if ws.signals is None or ws.signals.empty:
        return None
    return pd.DataFrame({"area_code": ws.signals["buurtcode"], "category": ws.signals["thema"],
                         "date": ws.signals["datum"]})


def _theme_domains() -> dict[str, str]:
    mapping = {k: v for k, v in SURVEY_THEME_DOMAINS.items() if v}
    mapping.update({v: v for v in SCHOUW_THEMES.values() if v})
    return mapping


def _deep_update(base: dict, extra: Mapping) -> dict:
    out = dict(base)
    for key, value in extra.items():
        out[key] = _deep_update(out[key], value) if isinstance(value, Mapping) and isinstance(out.get(key), dict) \
            else value
    return out


def run_analysis(ws: Werkset, config: Any = None, *, period: int | None = None,
                 indicators: Iterable[str] | None = None, overrides: Mapping[str, Any] | None = None,
                 aanleidingen: Any = None):
    """Run the urgency analysis on a werkset.

    Parameters
    ----------
    ws : Werkset
    config : UrgencyConfig, dict, path or None
        Urgency configuration; default the werkset's ``urgentie.yaml`` if it has one, else the engine's defaults.
        The mapping of told themes to domains is filled in when the configuration does not give one.
    period : int, optional
        Year to score (default the latest).
    indicators : iterable of str, optional
        Restrict the scored indicators.
    overrides : mapping, optional
        Nested settings that replace those of ``config``, e.g. ``{"reference": {"frame": "peers"}}``.
    aanleidingen : path or DataFrame, optional
        The aanleidingen log (:mod:`wijklib.aanleidingen`); default the werkset's ``aanleidingen`` attribute, or
        the demo log for the fictional demo gemeente GM9901 (also in the batch reports, so notebook and batch agree).

    Returns
    -------
    wijklib.urgency.UrgencyResult
    """
    from wijklib.urgency import load_config, run_urgency

    if config is None and "configuratie" in ws.sources:
        config = ws.sources["configuratie"]
    cfg = load_config(config)
    if overrides:
        cfg = load_config(_deep_update(cfg.model_dump(), overrides))
    if not cfg.told.theme_domains:
        cfg = cfg.model_copy(update={"told": cfg.told.model_copy(update={"theme_domains": _theme_domains()})})
    meta = indicator_table(ws.indicators, indicators)
    data = ws.buurt_counted()
    data = data[data["indicator"].isin(set(meta["indicator"]))]
    told_df = told_table(ws)
    log = aanleidingen if aanleidingen is not None else getattr(ws, "aanleidingen", None)
    if log is None and (ws.fictional or ws.gemeente_code == "GM9901") and (DEMO_DIR / "aanleidingen.csv").exists():
        log = DEMO_DIR / "aanleidingen.csv"
    if log is not None:
        from wijklib.aanleidingen import read_aanleidingen
        log = read_aanleidingen(log, areas=ws.buurten["area_code"])
    bu = ws.buurt_counted()  # population profile (households, age) for special buurten, also non-scored columns
    prof = bu[bu["period"] == (period or bu["period"].max())].pivot_table(index="area_code", columns="indicator",
                                                                          values="value", aggfunc="first")
    return run_urgency(data, meta, cfg, told=told_df if not told_df.empty else None, signals=signals_table(ws),
                       adjacency=ws.buurten, names=ws.names, period=period, aanleidingen=log, profile=prof)


def save_results(result, folder: str | Path) -> dict[str, Path]:
    """Write the main tables of an urgency result as CSV files (UTF-8), atomically.

    Files: ``scores.csv``, ``typen.csv``, ``onzekerheid.csv``, ``opstapeling.csv``, ``verklaring.csv``,
    ``tellen_en_vertellen.csv``, ``diagnose.csv`` and :data:`FOCUS_FILE` (the candidate focus areas, with an empty
    ``decision`` column for the team's own choice and reasons).

    Returns
    -------
    dict
        Table name -> path written.
    """
    from wijklib.notebooks import atomic_write

    folder = Path(folder)
    tables = {
        "scores.csv": result.scores, "typen.csv": result.types, "onzekerheid.csv": result.uncertainty,
        "opstapeling.csv": result.stacking, "verklaring.csv": result.explanations,
        "tellen_en_vertellen.csv": result.divergence, "diagnose.csv": result.diagnostics, FOCUS_FILE: result.focus,
    }
    written = {}
    for name, frame in tables.items():
        keep_index = frame.index.name == "area_code"
        atomic_write(folder / name, frame.to_csv(index=keep_index))
        written[name] = folder / name
    return written


#: Dutch column labels for the engine's (English) column names, for tables that users read.
COLUMN_LABELS_NL: dict[str, str] = {
    "area_code": "buurtcode", "name": "naam", "index": "urgentie-index", "rank": "rang", "status": "status",
    "urgency_type": "urgentietype", "reasons": "redenen", "n_flagged": "indicatoren in slechtste groep",
    "n_domains_flagged": "domeinen in slechtste groep", "flagged_domains": "welke domeinen",
    "flagged_indicators": "welke indicatoren", "stacked": "opstapeling", "theme": "thema", "source": "bron",
    "signal": "signaal", "text": "toelichting", "rank_lo": "rang van", "rank_hi": "rang tot",
    "robustness": "robuustheid", "p_top_k": "kans in top", "cluster": "cluster", "cluster_size": "buurten in cluster",
    "level": "niveau", "message": "melding", "domain": "domein", "direction": "richting", "decision": "besluit",
    "indicator": "indicator", "trend": "trend", "value": "waarde", "label": "omschrijving",
    "told_pct": "verteld (percentiel)", "counted_pct": "geteld (percentiel)", "divergence": "verschil",
    "hoger_is_slechter": "hoger is slechter", "hoger_is_beter": "hoger is beter", "context": "context",
}

#: Readable Dutch values for codes the engine uses in its tables.
VALUE_LABELS_NL: dict[str, str] = {
    "verteld_ernstiger": "verteld ernstiger", "geteld_ernstiger": "geteld ernstiger",
    "overeenkomend": "overeenkomend", "niet_vergelijkbaar": "niet vergelijkbaar",
    "onvoldoende_jaren": "te weinig jaren", "waarschuwing": "waarschuwing",
    "te weinig gegevens": "te weinig gegevens",
}


def _domain_text(value: object) -> object:
    if not isinstance(value, str) or not value:
        return value
    from wijklib.charts import domain_label

    return ", ".join(domain_label(part.strip()) for part in value.split(";") if part.strip())


def nl(frame: pd.DataFrame, *, decimals: int = 2) -> pd.DataFrame:
    """The same table made readable for Dutch users: Dutch column labels, domain names instead of ids,
    ``ja``/``nee`` instead of True/False, readable codes, whole ranks and rounded numbers."""
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if col in ("domain", "flagged_domains"):
            out[col] = series.map(_domain_text)
        elif series.dtype == bool:
            out[col] = series.map({True: "ja", False: "nee"})
        elif col in ("rank", "rank_lo", "rank_hi", "cluster", "cluster_size", "n_flagged", "n_domains_flagged"):
            out[col] = pd.to_numeric(series, errors="coerce").round().astype("Int64")
        elif col == "p_top_k":
            out[col] = (pd.to_numeric(series, errors="coerce") * 100).round().astype("Int64").astype(str) + "%"
        elif pd.api.types.is_float_dtype(series):
            out[col] = series.round(decimals)
        elif series.dtype == object or pd.api.types.is_string_dtype(series):
            out[col] = series.map(lambda v: VALUE_LABELS_NL.get(v, v) if isinstance(v, str) else v)
    out = out.rename(columns=lambda c: COLUMN_LABELS_NL.get(c, c))
    if out.index.name in COLUMN_LABELS_NL:
        out.index.name = COLUMN_LABELS_NL[out.index.name]
    return out


def describe_config(cfg) -> str:
    """The main choices of an urgency configuration in one Dutch sentence."""
    norm = {"zscore": "z-scores", "percentile": "percentielen", "minmax": "min-max (0-1)",
            "index": "index (referentie = 100)", "target": "afstand tot een doel"}
    frame = {"all": "alle buurten in de gegevens", "gemeente": "de eigen gemeente",
             "peers": "vergelijkbare buurten", "list": "een eigen lijst", "national": "heel Nederland"}
    weights = {"equal_domains": "elk domein even zwaar", "equal_indicators": "elke indicator even zwaar",
               "expert": "gewichten van deskundigen"}
    return (f"normalisatie: {norm.get(cfg.normalisation.method, cfg.normalisation.method)}; "
            f"vergeleken met {frame.get(cfg.reference.frame, cfg.reference.frame)}; "
            f"{weights.get(cfg.weights.scheme, cfg.weights.scheme)}; "
            f"opstapeling bij de slechtste {round(100 * cfg.stacking.quantile)}%; "
            f"onzekerheid over {cfg.uncertainty.draws} trekkingen")


def file_hashes(paths: Mapping[str, Path]) -> dict[str, str]:
    """SHA-256 (first 16 hex digits) of each input file, for provenance."""
    out = {}
    for name, path in paths.items():
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        out[name] = digest.hexdigest()[:16]
    return out
