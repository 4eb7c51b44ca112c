"""From files to an urgency analysis: the glue shared by the notebooks, the maps and the batch reports.

:func:`load_demo` and :func:`load_gemeente` read the counted data (CBS tables), the area geometry and the told data
(survey, schouw, signals, coded stories) of one gemeente into a :class:`Werkset`; :func:`run_analysis` feeds a werkset to the
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
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd

from wijklib import counted, geo, resources, told
from wijklib.errors import InputError
from wijklib.focus_file import FOCUS_FILE  # file of the candidate focus areas (contract: wijklib.focus_file)
from wijklib.indicators import IndicatorCatalogue, load_indicators
from wijklib.io.csvsafe import safe_csv_text
from wijklib.io.tables import read_header

__all__ = ["Werkset", "DEMO_DIR", "DEMO_CONFIG", "load_demo", "load_gemeente", "indicator_table", "told_table",
           "signals_table", "run_analysis", "save_results", "empty_table_reasons", "TABLE_COLUMNS", "load_werkset",
           "nl", "COLUMN_LABELS_NL", "VALUE_LABELS_NL", "describe_config", "file_hashes", "FOCUS_FILE", "load_project_werkset", "run_project",
           "areas_from_counted", "read_counted_files", "add_stories", "stories_frequencies", "stories_beside_figures",
           "area_flags", "honest_notes"]

DEMO_DIR = resources.demo_dir()
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
    stories : wijklib.stories.StorySet or None
        Coded story fragments (consent applied), see :func:`add_stories`.
    stories_min_sources : int
        Small-number rule of the stories (keuze van wijklib, :data:`wijklib.stories.MIN_SOURCES`).
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
    #: False when the buurten come from the counted tables (no polygons: no adjacency clusters, no maps).
    has_polygons: bool = True
    #: Area code -> name from the counted tables or a names file (used where the polygons have no name).
    table_names: dict[str, str] = field(default_factory=dict)
    #: Tidy counted table of the reference pool (e.g. all buurten of the country) for the national frame.
    reference_pool: pd.DataFrame | None = None
    #: Coded story fragments (:mod:`wijklib.stories`), consent already applied; None without stories.
    stories: Any = None
    #: Counts of stories resting on fewer distinct sources are withheld (keuze van wijklib).
    stories_min_sources: int = 3
    #: The aanleidingen log (path or table, :mod:`wijklib.aanleidingen`) for the urgency types; None: no log.
    aanleidingen: Any = None
    #: Counted files whose codes match no buurt or wijk of the gemeente (e.g. an older indeling), with their years.
    unmatched_counted: list[tuple[str, list[int]]] = field(default_factory=list)

    def check_period(self, period: int | None) -> None:
        """Refuse a year without counted data for the buurten, naming a counted file that has the year but whose
        codes match no buurt or wijk of the gemeente (indeling changed?).

        Raises
        ------
        InputError
            ``period`` is not a year of the buurten's counted data.
        """
        if period is None:
            return
        have = sorted(int(p) for p in self.buurt_counted()["period"].dropna().unique())
        if int(period) in have:
            return
        files = [f for f, years in self.unmatched_counted if int(period) in years]
        if not files:
            return  # the engine names the years it has
        raise InputError(f"jaar {period} staat niet in de cijfers van de buurten van {self.gemeente_naam} (wel: "
                         f"{', '.join(map(str, have)) or 'geen'}). Dit bestand heeft wel cijfers over {period}, "
                         f"maar geen enkele code daarin hoort bij een buurt of wijk van {self.gemeente_code} in de "
                         "gekozen buurtindeling; is de indeling veranderd (andere buurtcodes)?", file=files[0])

    @property
    def periods(self) -> list[int]:
        """The years with counted data, ascending."""
        return sorted(int(p) for p in self.counted["period"].unique())

    @property
    def names(self) -> dict[str, str]:
        """Area code -> name for buurten, wijken and the gemeente.

        A name from the polygons wins; where the polygons have none (or only the code), the name from the counted
        tables or the names file is used; only when no input has a name the code stands in.
        """
        names = {str(k): str(v) for k, v in self.table_names.items() if isinstance(v, str) and v}
        for frame in (self.buurten, self.wijken):
            if frame is None or "name" not in frame:
                continue
            for code, name in zip(frame["area_code"], frame["name"]):
                if isinstance(name, str) and name.strip() and name != code:
                    names[code] = name
        for code in self.buurten["area_code"]:
            names.setdefault(code, code)
        if self.wijken is not None:
            for code in self.wijken["area_code"]:
                names.setdefault(code, code)
        if self.gemeente_naam and self.gemeente_naam != self.gemeente_code:
            names[self.gemeente_code] = self.gemeente_naam
        else:
            names.setdefault(self.gemeente_code, self.gemeente_code)
        return names

    def name_coverage(self) -> float:
        """Share of the buurten that have a real name (not just their code)."""
        names = self.names
        codes = list(self.buurten["area_code"])
        return sum(names.get(c, c) != c for c in codes) / len(codes) if codes else 0.0

    def buurt_counted(self) -> pd.DataFrame:
        """The counted table restricted to the buurten of the werkset."""
        return self.counted[self.counted["area_code"].isin(set(self.buurten["area_code"]))]


def areas_from_counted(tidy: pd.DataFrame, gemeente: str, *, period: int | None = None) -> gpd.GeoDataFrame:
    """The buurten of ``gemeente`` as they appear in a counted table, without geometry.

    Used when a project gives no polygons: every buurt code (``BU`` + the 4 gemeente characters) in the scored
    period (default the latest period) becomes a row with an empty geometry.
    """
    gm = gemeente.strip().upper()
    prefix = "BU" + gm[2:6]
    sub = tidy[tidy["area_code"].str.startswith(prefix)]
    if period is None and len(sub):
        period = int(sub["period"].max())
    if period is not None:
        sub = sub[sub["period"] == int(period)]
    codes = sorted(sub["area_code"].unique())
    return gpd.GeoDataFrame({"area_code": codes, "name": [None] * len(codes), "level": "buurt",
                             "wijk_code": ["WK" + c[2:8] for c in codes], "gemeente_code": gm},
                            geometry=gpd.GeoSeries([None] * len(codes), crs=geo.RD_NEW), crs=geo.RD_NEW)


def align_with_counted(gdf: gpd.GeoDataFrame, tidy: pd.DataFrame, gemeente: str, *, period: int | None = None,
                       boundary_file: str | Path | None = None) -> gpd.GeoDataFrame:
    """The buurten of the figures, with the polygons of the boundary file where it has them.

    The buurten in the counted table (scored period, default the latest) decide which buurten there are: a buurt
    with figures but no polygon is kept with an empty geometry (no map shape, no neighbours); a buurt only in the
    boundary file (no figures) is left out. When the two differ, one :class:`~wijklib.errors.InputWarning` names
    the boundary file, how many codes differ and a few codes each way (typically: another year's indeling).

    Parameters
    ----------
    gdf : GeoDataFrame
        Buurt polygons of the gemeente (see :func:`wijklib.geo.load_areas`).
    tidy : DataFrame
        Tidy counted table.
    gemeente : str
        CBS gemeente code.
    period : int, optional
        Scored year (default the latest year with buurten of the gemeente).
    boundary_file : path, optional
        The boundary file, named in the warning.

    Returns
    -------
    GeoDataFrame
        Same columns as ``gdf``; polygons first (file order), then the buurten without a polygon (code order).
    """
    from wijklib.errors import InputWarning

    from_counted = areas_from_counted(tidy, gemeente, period=period)
    counted_codes = set(from_counted["area_code"])
    if not counted_codes:
        return gdf  # no buurt of the gemeente in that year: refused or reported elsewhere
    poly_codes = set(gdf["area_code"])
    only_poly = sorted(poly_codes - counted_codes)
    only_counted = sorted(counted_codes - poly_codes)
    if not only_poly and not only_counted:
        return gdf
    if not counted_codes & poly_codes:
        return gdf  # nothing in common: the caller refuses with its own message

    def _few(codes: list[str]) -> str:
        return ", ".join(codes[:5]) + (" en meer" if len(codes) > 5 else "")

    parts = []
    if only_counted:
        parts.append(f"{len(only_counted)} buurt(en) met cijfers staan niet in het grenzenbestand ({_few(only_counted)}); "
                     "ze tellen wel mee, maar zonder kaartvorm en zonder buren")
    if only_poly:
        parts.append(f"{len(only_poly)} buurt(en) uit het grenzenbestand hebben geen cijfers ({_few(only_poly)}); "
                     "ze worden niet gescoord en krijgen geen rapport")
    warnings.warn(InputWarning(
        "de buurtcodes van het grenzenbestand en van de cijfers verschillen: " + "; ".join(parts)
        + ". Is het jaar van de buurtindeling anders (grenzen van een ander jaar dan de cijfers)? Neem bij "
        "voorkeur grenzen van hetzelfde jaar als de cijfers", file=boundary_file), stacklevel=3)
    kept = gdf[gdf["area_code"].isin(counted_codes)]
    extra = from_counted[from_counted["area_code"].isin(set(only_counted))].copy()
    extra = extra.to_crs(gdf.crs) if gdf.crs is not None else extra
    for col in gdf.columns:
        if col not in extra.columns:
            extra[col] = None
    out = pd.concat([kept, extra[list(gdf.columns)]], ignore_index=True)
    return gpd.GeoDataFrame(out, geometry=gdf.geometry.name, crs=gdf.crs)


def _wijken_from_codes(buurten: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    codes = sorted(buurten["wijk_code"].unique())
    return gpd.GeoDataFrame({"area_code": codes, "name": [None] * len(codes), "level": "wijk"},
                            geometry=gpd.GeoSeries([None] * len(codes), crs=geo.RD_NEW), crs=geo.RD_NEW)


_COUNTED_CACHE: dict[tuple, pd.DataFrame] = {}
_NAMES_CACHE: dict[tuple, pd.DataFrame] = {}


def _file_key(path: str | Path) -> tuple:
    st = Path(path).stat()
    return (str(Path(path).resolve()), st.st_mtime_ns, st.st_size)


def read_counted_files(paths: Iterable[str | Path], catalogue: IndicatorCatalogue | None = None) -> pd.DataFrame:
    """Read and combine counted files, with rates derived.

    The same area, indicator and year in two files must have the same figure (an empty one gives way); a
    contradiction is an :class:`~wijklib.errors.InputError` naming both files (:func:`wijklib.counted.combine_counted`).

    Reads are cached per file, modification time and catalogue within the process (a national table is read
    once when many gemeenten are analysed in one session).
    """
    cat = catalogue or load_indicators()
    paths = list(paths)
    tables = _read_counted_tables(paths, cat)
    if not tables:
        raise InputError("geef minstens één bestand met cijfers (counted_files)")
    tidy = counted.combine_counted(tables, paths)
    return counted.derive_rates(tidy, catalogue=cat)


def _read_counted_tables(paths: Iterable[str | Path], cat: IndicatorCatalogue) -> list[pd.DataFrame]:
    """The tidy table of each counted file, in order (cached per file, modification time and catalogue)."""
    cat_key = tuple(i.id + "|" + "|".join(i.aliases) for i in cat.indicators)
    tables = []
    for path in paths:
        hints = dict(getattr(path, "read_hints", None) or {})  # period/encoding of a project's cijfers entry
        key = (_file_key(path), cat_key, tuple(sorted(hints.items())))
        if key not in _COUNTED_CACHE:
            if len(_COUNTED_CACHE) > 16:
                _COUNTED_CACHE.clear()
            _COUNTED_CACHE[key] = counted.read_counted(path, catalogue=cat, **hints)
        tables.append(_COUNTED_CACHE[key])
    return tables


def _unmatched_counted_files(paths: list, cat: IndicatorCatalogue, area_codes: set[str],
                             gemeente: str) -> list[tuple[str, list[int]]]:
    """Counted files none of whose buurt or wijk codes is an area of the gemeente, with the years they hold.

    Such a file adds nothing to the analysis (typically: codes of an older indeling, e.g. Amsterdam's 2019 codes
    against the areas of 2024). Each one is reported as an :class:`~wijklib.errors.InputWarning`.
    """
    from wijklib.errors import InputWarning

    out = []
    for path, table in zip(paths, _read_counted_tables(paths, cat)):
        codes = table["area_code"].astype(str)
        local = codes.str.startswith(("BU", "WK"))
        if not local.any() or codes[local].isin(area_codes).any():
            continue
        years = sorted(int(p) for p in table["period"].dropna().unique())
        ours = codes[local & (codes.str[2:6] == gemeente[2:6])]
        example = f" (bijvoorbeeld {sorted(ours.unique())[0]})" if len(ours) else ""
        warnings.warn(InputWarning(
            f"geen enkele buurt- of wijkcode in dit bestand{example} hoort bij een buurt of wijk van {gemeente} in "
            "de gekozen buurtindeling; is de indeling veranderd (andere buurtcodes in een ander jaar)? De cijfers "
            f"van dit bestand ({', '.join(map(str, years))}) tellen daarom niet mee", file=path),
            stacklevel=3)
        out.append((str(path), years))
    return out


def _check_something_to_score(ws: Werkset, meta: pd.DataFrame, data: pd.DataFrame) -> None:
    """Refuse counted files that hold only context figures (e.g. a raw StatLine population export), naming the
    files and the figures found in them instead of the internal setting ``indicators``.

    Raises
    ------
    InputError
        No indicator that the urgency index scores has a value for the buurten.
    """
    scored = set(meta.loc[meta["direction"] != "context", "indicator"])
    if scored & set(data["indicator"]):
        return
    from wijklib.io.tables import read_header

    files = [str(p) for k, p in sorted(ws.sources.items()) if k.startswith("tellen_")]
    headers: list[str] = []
    for f in files:  # the user's own column names where they can be read back (best effort)
        try:
            headers += read_header(f)
        except (InputError, OSError):
            pass
    by_id = {i.id: i for i in ws.indicators.indicators}
    found = []
    for ind in sorted(set(ws.buurt_counted()["indicator"])):
        spec = by_id.get(ind)
        column = next((c for c in spec.column_candidates() if c in headers), None) if spec is not None else None
        found.append(f"kolom '{column}'" if column else (spec.label_nl if spec is not None else str(ind)))
    found = list(dict.fromkeys(found))
    shown = "; ".join(found[:8]) + (f" en nog {len(found) - 8}" if len(found) > 8 else "")
    raise InputError(
        "geen indicator om te scoren: de cijfers over de buurten bevatten "
        + (f"alleen context- en basiscijfers ({shown})" if found else "geen enkele bekende indicator")
        + ". De urgentie-index vraagt cijfers als inkomen, uitkeringen, WOZ-waarde, misdrijven of gezondheid; "
        "geef ook een bestand met zulke kolommen (bijvoorbeeld de KWB-tabel van het CBS)"
        + (f" naast {', '.join(files[1:])}" if len(files) > 1 else ""), file=files[0] if files else None)


def _check_own_indicators_read(tidy: pd.DataFrame, cat: IndicatorCatalogue, files: list) -> None:
    """Refuse a declared own indicator that no counted file delivered (a misspelt ``kolom`` must not vanish).

    Raises
    ------
    InputError
        Naming the key ``eigen_indicatoren[i].kolom`` of the project file and the column that was looked for.
    """
    from wijklib.indicators import OWN_SOURCE_ID

    own = [ind for ind in cat.indicators if ind.source == OWN_SOURCE_ID]
    if not own:
        return
    present = set(tidy["indicator"].astype(str).unique())
    for i, ind in enumerate(own):
        if ind.id in present:
            continue
        column = ind.aliases[0] if ind.aliases else ind.id
        names = ", ".join(str(Path(f).name) for f in files) or "(geen)"
        raise InputError(f"eigen indicator '{ind.id}': de kolom '{column}' staat in geen van de cijferbestanden "
                         f"({names}); controleer de spelling van 'kolom' (of 'id' als er geen kolom is gegeven), "
                         "of laat de declaratie weg", key=f"eigen_indicatoren[{i + 1}].kolom")


def _table_names(paths: Iterable[str | Path]) -> tuple[dict[str, str], dict[str, str]]:
    """Area code -> name and gemeente code -> gemeente name from counted tables or names files (first wins)."""
    names: dict[str, str] = {}
    gm_names: dict[str, str] = {}
    for path in paths:
        encoding = (getattr(path, "read_hints", None) or {}).get("encoding")
        key = (*_file_key(path), encoding)
        if key not in _NAMES_CACHE:
            try:
                _NAMES_CACHE[key] = counted.read_names(path, encoding=encoding)
            except InputError:
                _NAMES_CACHE[key] = pd.DataFrame(columns=["area_code", "name", "gemeente_naam"])
        df = _NAMES_CACHE[key]
        for code, name in zip(df["area_code"], df["name"]):
            if isinstance(name, str) and name and code not in names:
                names[code] = name
        for code, gname in zip(df["area_code"], df["gemeente_naam"]):
            if isinstance(gname, str) and gname and len(code) >= 6:
                gm_names.setdefault("GM" + code[2:6], gname)
    return names, gm_names


def _dissolve_wijken(buurten: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    wijken = buurten.dissolve(by="wijk_code", as_index=False)[["wijk_code", "geometry"]]
    wijken = wijken.rename(columns={"wijk_code": "area_code"})
    wijken["name"] = wijken["area_code"]
    wijken["level"] = "wijk"
    return wijken


def _present_gemeenten(tidy: pd.DataFrame) -> str:
    """'; wel buurten van GM0363, ...' for an error message (at most five gemeente codes), or ''."""
    codes = tidy["area_code"].astype(str)
    gms = sorted({"GM" + c[2:6] for c in codes[codes.str.startswith("BU")].unique()})
    if not gms:
        return ""
    return "; de cijfers bevatten wel buurten van " + ", ".join(gms[:5]) + (" en meer" if len(gms) > 5 else "")


def load_gemeente(buurten: str | Path | None, counted_files: Iterable[str | Path], *, gemeente: str,
                  gemeente_naam: str | None = None, wijken: str | Path | None = None,
                  survey: str | Path | None = None, schouw: str | Path | None = None,
                  signals: str | Path | None = None, buurten_crs: object = None,
                  fictional: bool = False, catalogue: IndicatorCatalogue | None = None,
                  names_file: str | Path | None = None, period: int | None = None) -> Werkset:
    """Load the data of one gemeente from files.

    Parameters
    ----------
    buurten : path or None
        Buurt polygons (GeoJSON, TopoJSON, GeoPackage, shapefile); only the buurten of ``gemeente`` are kept.
        None: the buurten are the gemeente's buurt codes in the counted tables (no adjacency, no maps).
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
    catalogue : IndicatorCatalogue, optional
        Indicator catalogue (default the shipped one; a project's own indicators are merged in).
    names_file : path, optional
        CSV with ``code`` and ``naam`` for areas that neither polygons nor counted tables name.
    period : int, optional
        Scored year; without polygons the buurten of this year (default the latest) are taken.

    Returns
    -------
    Werkset

    Raises
    ------
    InputError
        Any input that fails validation (the message names file, row and column), or counted data that do not
        cover the buurten.
    """
    gemeente = gemeente.strip().upper()
    cat = catalogue or load_indicators()
    sources: dict[str, Path] = {}
    counted_files = list(counted_files)
    for i, path in enumerate(counted_files):
        sources[f"tellen_{i + 1}"] = Path(path)
    tidy = read_counted_files(counted_files, cat)
    _check_own_indicators_read(tidy, cat, counted_files)
    if buurten is not None:
        sources["buurten"] = Path(buurten)
        gdf = geo.load_areas(buurten, level="buurt", gemeente=gemeente, crs=buurten_crs)
        if gdf.empty:
            raise InputError(f"geen buurten van {gemeente} gevonden", file=buurten)
        gdf = align_with_counted(gdf, tidy, gemeente, period=period, boundary_file=buurten)
    else:
        gdf = areas_from_counted(tidy, gemeente, period=period)
        if gdf.empty:
            raise InputError(f"de cijfers bevatten geen enkele buurt van {gemeente} (verwacht codes die beginnen "
                             f"met BU{gemeente[2:6]}){_present_gemeenten(tidy)}", file=sources.get("tellen_1"),
                             column="code")
    if wijken is not None:
        sources["wijken"] = Path(wijken)
        wijk_gdf = geo.load_areas(wijken, level="wijk", gemeente=gemeente)
    elif buurten is not None:
        wijk_gdf = _dissolve_wijken(gdf)
    else:
        wijk_gdf = _wijken_from_codes(gdf)
    missing = set(gdf["area_code"]) - set(tidy["area_code"])
    if len(missing) == len(gdf):
        raise InputError(f"de cijfers bevatten geen enkele buurt van {gemeente} (bijvoorbeeld {sorted(missing)[0]})"
                         f"{_present_gemeenten(tidy)}", file=sources.get("tellen_1"), column="code")
    unmatched = _unmatched_counted_files(counted_files, cat,
                                         set(gdf["area_code"]) | set(wijk_gdf["area_code"].astype(str)), gemeente)
    name_files = list(counted_files) + ([Path(names_file)] if names_file else [])
    if names_file:
        sources["namen"] = Path(names_file)
    table_names, gm_names = _table_names(name_files)
    naam = gemeente_naam or table_names.get(gemeente) or gm_names.get(gemeente) or gemeente
    ws = Werkset(gemeente_code=gemeente, gemeente_naam=naam, buurten=gdf, wijken=wijk_gdf,
                 counted=tidy, indicators=cat, sources=sources, fictional=fictional,
                 has_polygons=buurten is not None, table_names=table_names, unmatched_counted=unmatched)
    return _add_told(ws, survey, schouw, signals, gdf if ws.has_polygons else None)


#: Columns that only a KoboToolbox/ODK export has (meta columns), not the wijklib survey template.
_KOBO_MARKERS = ("_uuid", "_submission_time", "_index", "meta/instanceID", "instanceID", "SubmissionDate", "KEY",
                 "__version__", "_validation_status")


def _looks_like_kobo(source: Any) -> bool:
    """True when the header of a survey file (or table) has KoboToolbox/ODK meta columns."""
    if isinstance(source, pd.DataFrame):
        header = [str(c) for c in source.columns]
    else:
        try:
            header = read_header(source)
        except Exception:  # noqa: BLE001 - unreadable header: not recognisably a Kobo export
            return False
    header = [h.strip().strip('"') for h in header]
    return any(h in _KOBO_MARKERS for h in header)


def read_survey_file(source: Any, *, buurten: Any = None):
    """Read a residents' survey in the wijklib template, or a KoboToolbox/ODK export (recognised by its meta
    columns such as ``_uuid`` and ``_submission_time``) with :func:`wijklib.told.read_kobo_survey` (consent
    honoured there).

    Raises
    ------
    InputError
        When the file is neither; for a Kobo export that cannot be read, the error says it was read as one.
    """
    try:
        return told.read_survey(source, buurten=buurten)
    except InputError as exc:
        if "verplichte kolom" not in str(exc) or not _looks_like_kobo(source):
            raise
    try:
        return told.read_kobo_survey(source, buurten=buurten)
    except InputError as exc:
        raise InputError(f"dit lijkt een export van KoboToolbox/ODK (kolommen zoals _uuid, _submission_time) en is "
                         f"zo gelezen, maar: {exc}") from None


def _add_told(ws: Werkset, survey, schouw, signals, gdf) -> Werkset:
    sources = ws.sources
    codes = ws.buurten["area_code"].tolist()
    if survey is not None:
        sources["enquete"] = Path(survey)
        ws.survey = read_survey_file(survey, buurten=codes)  # template or KoboToolbox/ODK export
    if schouw is not None:
        if gdf is None:
            raise InputError("een schouw (met coördinaten) vraagt buurtgrenzen; geef 'buurten' op in het "
                             "projectbestand", file=schouw, column="buurten")
        sources["schouw"] = Path(schouw)
        ws.schouw = told.read_schouw(schouw, buurten=geo.to_wgs84(gdf))
    if signals is not None:
        sources["signalen"] = Path(signals)
        ws.signals = told.read_signals(signals, buurten=codes)
    return ws


def add_stories(ws: Werkset, path: str | Path, *, consent: str | Path | None = None,
                min_sources: int | None = None) -> Werkset:
    """Read coded story fragments into the werkset, with consent applied.

    Parameters
    ----------
    ws : Werkset
    path : path
        Folder or file of coded fragments (see :func:`wijklib.stories.load_stories`).
    consent : path, optional
        Stakeholder folder or workbook (:func:`wijklib.stakeholders.load_stakeholders`) whose research records
        give the informants' consent: fragments of an informant whose consent does not cover ``verhalen`` (or was
        withdrawn) leave every result. Without it the fragments are used as they are (a warning says so when they
        name informants).
    min_sources : int, optional
        Small-number rule (default :data:`wijklib.stories.MIN_SOURCES`, keuze van wijklib).

    Returns
    -------
    Werkset
        The same werkset with ``stories`` set; fragments about buurten outside the werkset are left out (with a
        warning in ``ws.stories.warnings``).
    """
    import dataclasses

    from wijklib.stories import MIN_SOURCES, load_stories

    records = None
    if consent is not None:
        from wijklib.stakeholders import load_stakeholders

        ws.sources["verhalen_toestemming"] = Path(consent)
        records = load_stakeholders(consent)
    stories = load_stories(path, records=records)
    ws.sources["verhalen"] = Path(path)
    warns = list(stories.warnings)
    if records is None and any(f.informant for f in stories.fragments):
        warns.append("geen toestemmingsregistratie opgegeven (vertellen.verhalen.stakeholders): fragmenten van "
                     "informanten tellen mee zonder controle op hun toestemming")
    codes = set(ws.buurten["area_code"])
    outside = sorted({f.buurtcode for f in stories.fragments if f.buurtcode and f.buurtcode not in codes})
    if outside:
        warns.append(f"{len(outside)} buurtcode(s) in de verhalen horen niet bij {ws.gemeente_naam} en tellen niet "
                     f"mee: {', '.join(outside[:5])}")
    ws.stories = dataclasses.replace(stories, warnings=warns)
    ws.stories_min_sources = int(min_sources) if min_sources is not None else MIN_SOURCES
    return ws


def stories_frequencies(ws: Werkset, *, by: str = "thema") -> pd.DataFrame:
    """Code (``by="code"``) or theme (``by="thema"``) frequencies of the werkset's stories per buurt, with names.

    Counts from fewer than ``ws.stories_min_sources`` distinct sources are withheld (``aantal`` and ``fragmenten``
    empty, ``achtergehouden`` True): keuze van wijklib. Only buurten of the werkset and only informants whose
    consent covers ``delen`` (:meth:`~wijklib.stories.StorySet.for_sharing`): the same counts as
    ``tellen_en_vertellen.csv`` and the reports, so a notebook that is passed on does not reveal by a difference
    that an informant did not consent to sharing. Empty without stories.
    """
    cols = ["buurtcode", "naam", by, "omschrijving", "fragmenten", "bronnen", "achtergehouden"]
    if ws.stories is None or not len(ws.stories):
        return pd.DataFrame(columns=cols)
    freq = ws.stories.for_sharing().code_frequencies(by=by, min_sources=ws.stories_min_sources)
    freq = freq[freq["buurtcode"].isin(set(ws.buurten["area_code"]))].copy()
    names = ws.names
    freq["omschrijving"] = freq["naam"]
    freq["naam"] = freq["buurtcode"].map(lambda c: names.get(c, c))
    # the number of sources of a withheld count is itself a small number: not shown either
    freq["bronnen"] = freq["bronnen"].astype("Int64").mask(freq["achtergehouden"].astype(bool))
    return freq[cols].reset_index(drop=True)


def stories_beside_figures(ws: Werkset, result=None) -> pd.DataFrame:
    """Per buurt with stories: the number of fragments per theme beside the urgency index, rank and domain scores.

    A theme told by fewer than ``ws.stories_min_sources`` distinct sources reads "te weinig bronnen" (no number).
    Only informants whose consent covers ``delen``: the same counts as ``tellen_en_vertellen.csv`` and the reports
    (see :func:`stories_frequencies`). Empty without stories.
    """
    if ws.stories is None or not len(ws.stories):
        return pd.DataFrame()
    from wijklib.charts import domain_label
    from wijklib.stories import stories_told_table, told_beside_counted

    st = stories_told_table(ws.stories.for_sharing(), min_sources=ws.stories_min_sources)
    st = st[st["area_code"].isin(set(ws.buurten["area_code"]))]
    if st.empty:
        return pd.DataFrame()
    if result is not None:
        sc = result.scores
        cols = ["index", "rank"] + [c for c in sc.columns if c.startswith("domain_")]
        fig = sc[cols].rename_axis("area_code").reset_index()
        fig = fig.rename(columns={c: "cijfers: " + domain_label(c[7:]) for c in cols if c.startswith("domain_")})
        fig = fig.rename(columns={"index": "urgentie-index", "rank": "rang"})
        fig["rang"] = pd.to_numeric(fig["rang"], errors="coerce").round().astype("Int64")
        fig = fig.round(2)
    else:
        fig = pd.DataFrame({"area_code": sorted(set(st["area_code"]))})
    out = told_beside_counted(st, fig, names=ws.names)
    out.index.name = "buurtcode"
    return out


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
    if (d / "aanleidingen.csv").exists():
        ws.aanleidingen = d / "aanleidingen.csv"
        ws.sources["aanleidingen"] = d / "aanleidingen.csv"
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


def indicator_table(catalogue: IndicatorCatalogue | None = None, ids: Iterable[str] | None = None, *,
                    min_population: int | None = None) -> pd.DataFrame:
    """Indicator metadata in the form the urgency engine takes (``indicator``, ``domain``, ``direction``,
    ``min_population``, ``label``, ``unit``).

    Basis counts (numerators and denominators) are left out; context indicators are kept (never scored).
    ``min_population`` (a project setting) replaces the catalogue's minimum population of every catalogue
    indicator; own indicators of a project keep their own minimum.
    """
    from wijklib.indicators import OWN_SOURCE_ID

    cat = catalogue or load_indicators()
    wanted = set(ids) if ids is not None else None
    rows = []
    for ind in cat.indicators:
        if getattr(ind, "role", None) == "basis":
            continue
        if wanted is not None and ind.id not in wanted and ind.direction != "context":
            continue
        min_pop = ind.min_population
        if min_population is not None and ind.source != OWN_SOURCE_ID:
            min_pop = int(min_population)
        rows.append({"indicator": ind.id, "domain": ind.domain, "direction": ind.direction,
                     "min_population": min_pop, "label": ind.label_nl, "unit": ind.unit})
    return pd.DataFrame(rows)


def _every_buurt_and_theme(per_theme: pd.Series, codes: list[str],
                           covered: "set[str] | None" = None) -> pd.DataFrame:
    """``area_code``, ``theme``, ``value`` for every buurt in ``codes`` and every theme of ``per_theme`` (a series
    indexed by buurt code and theme), 0 where a buurt has nothing of a theme.

    With ``covered`` (the buurten the source looked at, e.g. the buurten that were walked in a schouw), a buurt
    outside it gets a missing value (NaN) instead of 0: nothing was seen there because nobody looked.
    """
    if not len(per_theme):
        return pd.DataFrame({"area_code": pd.Series(dtype=object), "theme": pd.Series(dtype=object),
                             "value": pd.Series(dtype=float)})
    themes = sorted(per_theme.index.get_level_values(1).unique())
    grid = per_theme.unstack(fill_value=0).reindex(index=codes, columns=themes, fill_value=0).astype(float)
    if covered is not None:
        grid.loc[~grid.index.isin(sorted(covered))] = np.nan
    grid.index.name, grid.columns.name = "area_code", None
    # melt keeps missing values (stack drops them in some pandas versions); order: buurt, then theme
    full = grid.reset_index().melt(id_vars="area_code", var_name="theme", value_name="value")
    order = {c: i for i, c in enumerate(codes)}
    full = full.sort_values(["area_code", "theme"], key=lambda col: col.map(order) if col.name == "area_code"
                            else col, kind="mergesort").reset_index(drop=True)
    return full


def told_table(ws: Werkset, *, min_n: int = told.MIN_N) -> pd.DataFrame:
    """Told data per buurt and theme in the engine's format (``area_code``, ``theme``, ``source``, ``value``, ...).

    Survey themes are scores 0-100 where higher is better (``source`` ``bewoners``); schouw observations are the
    summed severity of problem observations per theme (``schouw``; 0 in a walked buurt where nothing of a theme
    was seen, missing (NaN, "niet geschouwd") in a buurt without any observation); signals are counts per theme
    (``professionals``); coded stories are the number of fragments per theme (``verhalen``, ``n`` = distinct
    sources), only where they rest on at least ``ws.stories_min_sources`` sources (withheld counts never leave
    :mod:`wijklib.stories`), only of informants whose consent covers ``delen`` and only for buurten of the
    werkset; their rows carry that minimum in ``min_n`` (the engine's ``told.min_n`` counts respondents, not
    sources). Empty when the werkset has no told data.
    """
    parts = []
    if ws.survey is not None and not ws.survey.empty:
        agg = told.aggregate_survey(ws.survey, min_n=min_n)
        parts.append(pd.DataFrame({"area_code": agg["buurtcode"], "theme": agg["thema"], "source": "bewoners",
                                   "value": agg["score_0_100"], "n": agg["n"], "direction": "hoger_is_beter"}))
    codes = list(ws.buurten["area_code"])
    if ws.schouw is not None and not ws.schouw.empty:
        s = ws.schouw[ws.schouw["buurtcode"].notna()].copy()
        # a buurt with at least one observation (positive ones included) was walked; a buurt without any was not
        # walked ("niet geschouwd"): its values are missing, never 0, so it is neither compared nor flagged
        walked = set(s["buurtcode"].astype(str))
        s["theme"] = s["categorie"].map(lambda c: SCHOUW_THEMES.get(c, "overig"))
        s = s[s["theme"].notna()]
        full = _every_buurt_and_theme(s.groupby(["buurtcode", "theme"])["ernst"].sum(), codes, covered=walked)
        full["source"], full["n"], full["direction"] = "schouw", float("nan"), "hoger_is_slechter"
        parts.append(full)
    if ws.signals is not None and not ws.signals.empty:
        full = _every_buurt_and_theme(ws.signals.groupby(["buurtcode", "thema"]).size(), codes)
        full["source"], full["n"], full["direction"] = "professionals", float("nan"), "hoger_is_slechter"
        parts.append(full)
    if ws.stories is not None and len(ws.stories):
        from wijklib.stories import stories_told_table

        # the told table ends up in shared outputs (tellen_en_vertellen.csv, reports): only informants whose
        # consent covers 'delen'; the minimum is the stories' own (distinct sources), not the survey's min_n
        st = stories_told_table(ws.stories.for_sharing(), min_sources=ws.stories_min_sources)
        st = st[~st["withheld"].astype(bool) & st["area_code"].isin(set(codes))]
        if len(st):
            parts.append(pd.DataFrame({"area_code": st["area_code"], "theme": st["theme"], "source": "verhalen",
                                       "value": st["value"], "n": st["n"], "direction": "hoger_is_slechter",
                                       "min_n": float(ws.stories_min_sources)}))
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
                 min_population: int | None = None, reference: pd.DataFrame | None = None,
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
    min_population : int, optional
        Minimum population for every catalogue indicator (see :func:`indicator_table`).
    reference : DataFrame, optional
        Tidy counted table of a reference pool (e.g. all buurten of the country); default the werkset's
        ``reference_pool`` (None: the werkset's own buurten are the reference).
    aanleidingen : path or DataFrame, optional
        The aanleidingen log (:mod:`wijklib.aanleidingen`); default the werkset's ``aanleidingen`` (from the
        project file's key ``aanleidingen``).

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
    ws.check_period(period)
    meta = indicator_table(ws.indicators, indicators, min_population=min_population)
    keep = set(meta["indicator"])
    data = ws.buurt_counted()
    data = data[data["indicator"].isin(keep)]
    if not cfg.indicators:
        _check_something_to_score(ws, meta, data)
    dropped_themes: list[str] = []
    if not cfg.told.theme_domains:
        # the default mapping only for domains that are scored (e.g. no 'veiligheid' when indicators= leaves out
        # every safety indicator): other told themes stay in the told tables but are not compared with figures
        scored = set(meta.loc[meta["direction"] != "context", "indicator"]) & set(data["indicator"])
        scored_domains = set(meta.loc[meta["indicator"].isin(scored), "domain"])
        mapping = {t: d for t, d in _theme_domains().items() if d in scored_domains}
        dropped_themes = sorted(set(_theme_domains()) - set(mapping))
        cfg = cfg.model_copy(update={"told": cfg.told.model_copy(update={"theme_domains": mapping})})
    pool = reference if reference is not None else ws.reference_pool
    ref_wide = None
    if pool is not None:
        used = int(period) if period is not None else int(data["period"].max())
        pool = pool[(pool["period"] == used) & pool["indicator"].isin(keep)
                    & pool["area_code"].str.startswith("BU")]
        # the pool always holds the scored buurten themselves
        own = data[data["period"] == used]
        pool = pd.concat([pool[~pool["area_code"].isin(set(own["area_code"]))], own], ignore_index=True)
        ref_wide = pool
        if cfg.reference.frame == "peers":
            n_pool = pool["area_code"].nunique()
            if cfg.reference.peers.k >= n_pool:
                cfg = load_config(_deep_update(cfg.model_dump(), {"reference": {"peers": {"k": max(2, n_pool - 1)}}}))
    elif cfg.reference.frame == "peers":
        n_own = data["area_code"].nunique()
        if cfg.reference.peers.k >= n_own:
            cfg = load_config(_deep_update(cfg.model_dump(), {"reference": {"peers": {"k": max(2, n_own - 1)}}}))
    told_df = told_table(ws)
    log = aanleidingen if aanleidingen is not None else ws.aanleidingen
    if log is not None:
        from wijklib.aanleidingen import read_aanleidingen, scrub_log
        log, _ = scrub_log(read_aanleidingen(log, areas=ws.buurten["area_code"]))  # no names in reasons/outputs
    bu = ws.buurt_counted()  # population profile (households, age) for special buurten, also non-scored columns
    prof = bu[bu["period"] == (period or bu["period"].max())].pivot_table(index="area_code", columns="indicator",
                                                                          values="value", aggfunc="first")
    result = run_urgency(data, meta, cfg, told=told_df if not told_df.empty else None, signals=signals_table(ws),
                         adjacency=ws.buurten if ws.has_polygons else None, names=ws.names, period=period,
                         reference_data=ref_wide, aanleidingen=log, profile=prof)
    if dropped_themes and not told_df.empty:
        told_themes = sorted(set(told_df["theme"]) & set(dropped_themes))
        if told_themes:
            _add_diagnostic(result, "verteld_thema_zonder_domein",
                            "verteld thema('s) " + ", ".join(told_themes) + " niet naast de cijfers gezet: hun "
                            "domein heeft geen gescoorde indicator in deze analyse")
    return result


def _add_diagnostic(result, code: str, message: str, *, level: str = "info") -> None:
    """Append one row to the diagnostics table of an urgency result (same columns as the engine's)."""
    row = pd.DataFrame([{"code": code, "level": level, "message": message, "indicators": "", "value": float("nan")}])
    diag = result.diagnostics
    result.diagnostics = row if diag is None or diag.empty else pd.concat([diag, row], ignore_index=True)


def load_project_werkset(project) -> Werkset:
    """Read the inputs of a :class:`wijklib.project.Project` into a werkset.

    The counted files give the buurten when the project has no polygons; with ``referentie.kader: nationaal`` the
    reference pool is every buurt in ``referentie.bestand`` (default: in the counted files).
    """
    cat = project.catalogue()
    ws = load_gemeente(project.buurten, project.counted_files, gemeente=project.gemeente_code,
                       gemeente_naam=project.gemeente_naam, wijken=project.wijken, survey=project.survey,
                       schouw=project.schouw, signals=project.signals, buurten_crs=project.buurten_crs or None,
                       fictional=project.fictional, catalogue=cat, names_file=project.names_file,
                       period=project.period)
    if project.stories is not None:
        add_stories(ws, project.stories, consent=project.stories_consent, min_sources=project.stories_min_sources)
    if project.file is not None:
        ws.sources["project"] = Path(project.file)
    if project.aanleidingen is not None:
        ws.aanleidingen = project.aanleidingen
        ws.sources["aanleidingen"] = Path(project.aanleidingen)
    if isinstance(project.urgency_settings, Path):
        ws.sources["configuratie"] = project.urgency_settings
    if project.reference_frame in ("nationaal", "peers"):
        files = project.reference_files or project.counted_files
        pool = read_counted_files(files, cat) if project.reference_files else ws.counted
        pool = pool[pool["area_code"].str.startswith("BU")]
        if project.reference_frame == "nationaal" or pool["area_code"].nunique() > len(ws.buurten):
            ws.reference_pool = pool
    return ws


def run_project(project, ws: Werkset | None = None, *, overrides: Mapping[str, Any] | None = None,
                period: int | None = None):
    """Run the urgency analysis of a project: the one path of notebooks 01/03, ``wijk analyse`` and the batch.

    Parameters
    ----------
    project : wijklib.project.Project
    ws : Werkset, optional
        Already loaded werkset of the project (default: :func:`load_project_werkset`).
    overrides : mapping, optional
        Extra engine settings on top of the project's (applied last).
    period : int, optional
        Year to score (default the project's ``jaar``, else the latest).

    Returns
    -------
    wijklib.urgency.UrgencyResult
    """
    ws = ws if ws is not None else load_project_werkset(project)
    extra = project.overrides()
    if overrides:
        extra = _deep_update(extra, overrides)
    config = project.urgency_settings
    if config is None:
        config = ws.sources.get("configuratie")
    return run_analysis(ws, config if config is not None else {}, period=period or project.period, overrides=extra,
                        min_population=project.min_population)


#: Columns of each table :func:`save_results` writes, used when the engine hands over a table without columns
#: (e.g. ``onzekerheid.csv`` without Monte Carlo): every file keeps its header row, so a program reading it sees
#: the same columns with or without rows. The first column is the index (``area_code``) where the table has one.
TABLE_COLUMNS: dict[str, list[str]] = {
    "typen.csv": ["area_code", "name", "urgency_type", "acuut", "sluimerend", "meervoudig", "beleidskader",
                  "stream_counted", "stream_trend", "stream_incident", "stream_told", "stream_attention",
                  "stream_signals", "stream_societal", "stream_political", "stream_administrative",
                  "policy_deviation", "positive_urgency", "reasons"],
    "onzekerheid.csv": ["area_code", "name", "point_rank", "rank_median", "rank_lo", "rank_hi", "rank_min",
                        "rank_max", "p_top_k", "p_stacked", "robustness", "robustness_note"],
    "opstapeling.csv": ["area_code", "name", "n_flagged", "n_domains_flagged", "stacked", "n_evaluated",
                        "n_unreliable", "n_missing", "flagged_indicators", "flagged_domains"],
    "verklaring.csv": ["area_code", "name", "driver_1", "driver_2", "driver_3", "drivers_share", "drivers_text",
                       "strengths_text"],
    "tellen_en_vertellen.csv": ["area_code", "theme", "source", "domain", "value", "n", "min_n", "reliable",
                                "told_pct", "counted_score", "counted_pct", "divergence", "signal", "text"],
    "diagnose.csv": ["code", "level", "message", "indicators", "value"],
    FOCUS_FILE: ["area_code", "name", "rank", "index", "cluster", "cluster_size", "cluster_areas",
                 "n_domains_flagged", "flagged_domains", "urgency_type", "population", "small_population",
                 "special_population", "special_reason", "reasons", "decision"],
}

#: What each file of :func:`save_results` holds, in Dutch (for ``LEESMIJ.md`` of the output folder).
TABLE_DESCRIPTIONS_NL: dict[str, str] = {
    "scores.csv": "urgentie-index, rang en datakwaliteit per buurt",
    "typen.csv": "urgentietype per buurt (acuut, sluimerend, meervoudig, beleidskader) met de redenen",
    "onzekerheid.csv": "rang-interval en kans op de top bij andere redelijke methodekeuzes (Monte Carlo)",
    "opstapeling.csv": "aantal indicatoren en domeinen waarop een buurt bij de slechtste hoort",
    "verklaring.csv": "wat de score van een buurt vooral bepaalt, en de sterke kanten",
    "tellen_en_vertellen.csv": ("wat bewoners en professionals vertellen naast wat de cijfers tellen; min_n is de "
                                "minimumgrens die voor n gold (enquête: respondenten, instelling told.min_n; "
                                "verhalen: verschillende bronnen, min_bronnen, een keuze van wijklib); onder die "
                                "grens staat bij n '< min_n', nooit het precieze aantal"),
    "diagnose.csv": "waarschuwingen en opmerkingen bij de berekening",
    FOCUS_FILE: "kandidaat-focusgebieden, met een lege kolom decision voor de keuze van het team",
}


def _rows(table: Any) -> int:
    return len(table) if isinstance(table, pd.DataFrame) else 0


def empty_table_reasons(result, ws: Werkset | None = None) -> dict[str, str]:
    """Why a table of :func:`save_results` has no rows, in Dutch: one line per empty table.

    Parameters
    ----------
    result : wijklib.urgency.UrgencyResult
    ws : Werkset, optional
        The werkset of the run (tells whether there was told data at all).

    Returns
    -------
    dict
        File name -> one Dutch sentence, only for the tables without rows (empty when every table has rows).
    """
    scores = result.scores if isinstance(result.scores, pd.DataFrame) else pd.DataFrame()
    n_areas = _rows(scores)
    n_scored = int(scores["index"].notna().sum()) if n_areas and "index" in scores.columns else 0
    config = getattr(result, "config", None)
    unc = getattr(config, "uncertainty", None)
    focus_cfg = getattr(config, "focus", None)
    tables = {"scores.csv": scores, "typen.csv": result.types, "onzekerheid.csv": result.uncertainty,
              "opstapeling.csv": result.stacking, "verklaring.csv": result.explanations,
              "tellen_en_vertellen.csv": result.divergence, "diagnose.csv": result.diagnostics,
              FOCUS_FILE: result.focus}
    no_areas = "er zijn geen buurten in de analyse"
    no_index = (f"geen van de {n_areas} buurten heeft een urgentie-index (te weinig betrouwbare cijfers of te weinig "
                "inwoners; de reden staat per buurt in scores.csv, kolom status)")
    reasons: dict[str, str] = {}
    for name, table in tables.items():
        if _rows(table):
            continue
        if not n_areas:
            why = no_areas
        elif name == "onzekerheid.csv":
            if unc is not None and unc.draws <= 0:
                why = ("de onzekerheidsanalyse (Monte Carlo) stond uit (trekkingen: 0, instelling "
                       "uncertainty.draws); daarom zijn er geen rang-intervallen en is geen buurt 'robuust in'")
            elif n_scored < 2:
                verb = "heeft" if n_scored == 1 else "hebben"
                why = (f"{n_scored} van de {n_areas} buurten {verb} een urgentie-index; de onzekerheid van een rang "
                       "vraagt minstens twee buurten met een index (te weinig betrouwbare cijfers of te weinig "
                       "inwoners; zie scores.csv, kolom status)")
            else:
                why = "de onzekerheidsanalyse gaf geen uitkomst"
        elif name == "tellen_en_vertellen.csv":
            told_inputs = [x for x in (ws.survey, ws.schouw, ws.signals, ws.stories) if x is not None] if ws else None
            if told_inputs == []:
                why = ("het project heeft geen vertelde gegevens (enquête, schouw, signalen of verhalen), dus er is "
                       "niets om naast de cijfers te leggen")
            elif n_scored == 0:
                why = no_index
            else:
                why = ("geen vertelde gegevens met genoeg antwoorden per buurt en thema om naast de cijfers te leggen "
                       "(of het project heeft geen enquête, schouw of signalen)")
        elif name == FOCUS_FILE:
            if n_scored == 0:
                why = no_index + ", dus er zijn geen kandidaat-focusgebieden"
            else:
                rule = getattr(focus_cfg, "rule", None)
                why = ("geen buurt voldoet aan de regel voor kandidaat-focusgebieden"
                       + (f" (instelling focus.rule: {rule})" if rule else ""))
        elif name == "diagnose.csv":
            why = "de berekening gaf geen waarschuwingen of opmerkingen"
        else:
            why = "de berekening leverde voor deze tabel geen rijen op"
        reasons[name] = why
    return reasons


def _small_n_hidden(div: pd.DataFrame) -> pd.DataFrame:
    """The divergence table for a file: below its minimum, ``n`` reads ``< min_n`` instead of the exact number."""
    if not {"n", "min_n"} <= set(div.columns) or not len(div):
        return div
    n = pd.to_numeric(div["n"], errors="coerce")
    low = pd.to_numeric(div["min_n"], errors="coerce")
    small = n.notna() & low.notna() & (n < low)
    out = div.copy()
    out["n"] = [f"< {int(m)}" if s else ("" if pd.isna(v) else int(v))
                for v, m, s in zip(n, low.fillna(0), small)]
    out["min_n"] = [("" if pd.isna(m) else int(m)) for m in low]
    return out


def save_results(result, folder: str | Path, ws: Werkset | None = None,
                 frame: str | None = None) -> dict[str, Path]:
    """Write the main tables of an urgency result as CSV files (UTF-8), atomically, with a ``LEESMIJ.md``.

    Files: ``scores.csv``, ``typen.csv``, ``onzekerheid.csv``, ``opstapeling.csv``, ``verklaring.csv``,
    ``tellen_en_vertellen.csv``, ``diagnose.csv`` and :data:`FOCUS_FILE` (the candidate focus areas, with an empty
    ``decision`` column for the team's own choice ``ja``/``nee``/``open``; see :mod:`wijklib.focus_file`).

    Every table has its header row, also without rows (the columns of :data:`TABLE_COLUMNS` when the engine
    gives a table without columns, e.g. ``onzekerheid.csv`` when the Monte Carlo is off or fewer than two buurten
    have an index). ``LEESMIJ.md`` lists the files with their number of rows and says, one Dutch line per empty
    table, why it is empty (:func:`empty_table_reasons`).

    The scores also get ``urgency_type`` and ``positive_urgency`` from the types table.
    With ``ws`` the scores also get ``wijk_code``, ``wijk_naam``, ``gemeente_code`` and ``gemeente_naam``;
    with ``frame`` (a Dutch description of the reference frame) a column ``reference_frame``.

    Returns
    -------
    dict
        File name -> path written (the tables, then ``LEESMIJ.md``).
    """
    from wijklib.focus_file import write_focus_file
    from wijklib.notebooks import atomic_write

    folder = Path(folder)
    scores = result.scores
    if ws is not None or frame is not None:
        scores = scores.copy()
        if ws is not None:
            names = ws.names
            wk = [("WK" + c[2:8]) if str(c).startswith("BU") else "" for c in scores.index]
            scores.insert(1, "wijk_code", wk)
            scores.insert(2, "wijk_naam", [names.get(w, w) if w else "" for w in wk])
            scores.insert(3, "gemeente_code", ws.gemeente_code)
            scores.insert(4, "gemeente_naam", ws.gemeente_naam)
        if frame is not None:
            scores["reference_frame"] = frame
    if "urgency_type" in result.types and "urgency_type" not in scores:
        # the urgency type and positive urgency beside the score, so no list shows a score without them
        scores = scores.copy()
        types = result.types.reindex(scores.index)
        scores["urgency_type"] = types["urgency_type"]
        if "positive_urgency" in types:
            scores["positive_urgency"] = types["positive_urgency"]
    tables = {
        "scores.csv": scores, "typen.csv": result.types, "onzekerheid.csv": result.uncertainty,
        "opstapeling.csv": result.stacking, "verklaring.csv": result.explanations,
        "tellen_en_vertellen.csv": result.divergence, "diagnose.csv": result.diagnostics, FOCUS_FILE: result.focus,
    }
    written = {}
    for name, table in tables.items():
        if table is None or len(table.columns) == 0:  # no columns at all: write the header of the contract
            table = pd.DataFrame(columns=TABLE_COLUMNS.get(name, ["area_code"]))
        if name == FOCUS_FILE:  # one contract for notebooks, maps and reports
            written[name] = write_focus_file(table, folder / name)
            continue
        if name == "tellen_en_vertellen.csv":
            table = _small_n_hidden(table)
        keep_index = table.index.name == "area_code"
        atomic_write(folder / name, safe_csv_text(table, index=keep_index))
        written[name] = folder / name
    written["LEESMIJ.md"] = atomic_write(folder / "LEESMIJ.md", _results_readme(result, tables, ws, frame))
    return written


def _results_readme(result, tables: Mapping[str, Any], ws: Werkset | None, frame: str | None) -> str:
    """``LEESMIJ.md`` of an output folder of :func:`save_results`: the files, their rows, why a table is empty."""
    from wijklib.format import number

    gemeente = f" {ws.gemeente_naam} ({ws.gemeente_code})" if ws is not None else ""
    period = getattr(result, "period", None)
    lines = [f"# Uitkomsten van de urgentieanalyse{gemeente}", ""]
    if period is not None:
        lines.append(f"Peiljaar: {period}.")
    if frame:
        lines.append(f"Referentie: {frame}.")
    lines += ["", "Alle tabellen zijn CSV (UTF-8, komma als scheidingsteken, punt als decimaalteken). Elke tabel heeft "
              "een kopregel met de kolomnamen, ook als er geen rijen zijn.", "",
              "| bestand | rijen | inhoud |", "|---|---:|---|"]
    for name, table in tables.items():
        lines.append(f"| {name} | {number(_rows(table), 0)} | {TABLE_DESCRIPTIONS_NL.get(name, '')} |")
    reasons = empty_table_reasons(result, ws)
    lines += ["", "## Lege tabellen", ""]
    if reasons:
        lines += [f"- {name} is leeg: {why}." for name, why in reasons.items()]
    else:
        lines.append("Geen: elke tabel heeft rijen.")
    return "\n".join(lines) + "\n"


def area_flags(result) -> pd.Series:
    """Per area a short Dutch warning for every list a user reads: special population (with the reason) and
    small population (below ``small_population.min_population``, a keuze van wijklib). Empty text otherwise.

    Parameters
    ----------
    result : wijklib.urgency.UrgencyResult

    Returns
    -------
    Series
        Indexed like ``result.scores``, named ``opmerking``.
    """
    sc = result.scores
    min_pop = getattr(getattr(result.config, "small_population", None), "min_population", None)
    def flag(col: str, code) -> bool:
        return col in sc and not pd.isna(sc.at[code, col]) and bool(sc.at[code, col])

    out = []
    for code in sc.index:
        parts = []
        if flag("special_population", code):
            reason = sc.at[code, "special_reason"] if "special_reason" in sc else ""
            parts.append("bijzondere bevolking" + (f": {reason}" if isinstance(reason, str) and reason else ""))
        if flag("small_population", code):
            parts.append("weinig inwoners" + (f" (minder dan {int(min_pop)}, keuze van wijklib)" if min_pop else "")
                         + ": rang onzeker")
        out.append("; ".join(parts))
    return pd.Series(out, index=sc.index, name="opmerking", dtype=object)


def honest_notes(result) -> str:
    """The limits of an urgency result in plain Dutch (Markdown): missing domains with the redistributed weights
    and what the years allow for trends. Empty when there is nothing to say."""
    parts = []
    if result.missing_domains_text():
        parts.append("**Ontbrekend domein.** " + result.missing_domains_text())
    if getattr(result, "trend_note", ""):
        parts.append("**Trends.** " + result.trend_note)
    return "\n\n".join(parts)


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
    "opmerking": "let op", "policy_deviation": "afwijking van lokale norm", "positive_urgency": "positieve urgentie",
    "special_reason": "bijzondere bevolking", "small_population": "weinig inwoners", "population": "inwoners",
}

#: Readable Dutch values for codes the engine uses in its tables.
VALUE_LABELS_NL: dict[str, str] = {
    "verteld_ernstiger": "verteld ernstiger", "geteld_ernstiger": "geteld ernstiger",
    "overeenkomend": "overeenkomend", "niet_vergelijkbaar": "niet vergelijkbaar",
    "onvoldoende_jaren": "te weinig jaren", "waarschuwing": "waarschuwing",
    "te weinig gegevens": "te weinig gegevens",
    "te kleine referentie": "te kleine referentie",
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
