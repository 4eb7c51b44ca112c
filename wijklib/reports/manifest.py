"""The batch record (``manifest.json``) and the overview page (``index.html``) built from it.

``manifest.json`` (schema 1)::

    {"schema": 1, "tool": "wijklib.reports", "wijklib_version": ..., "updated_utc": ...,
     "template": "templates/rapport/rapport_buurt.ipynb", "template_hash": ...,
     "period": 2024, "gemeenten": {...},
     "last_run": {"started_utc", "finished_utc", "seconds", "workers", "backend", "selected", "made", "skipped",
                  "failed"},
     "areas": {"BU99010201": {"code", "name", "wijk_code", "wijk_name", "status": "ok" | "failed",
                             "last_action": "made" | "skipped" | "failed", "html", "pdf", "failed_notebook",
                             "error", "input_hash", "params_hash", "template_hash", "parameters", "seconds",
                             "rendered_utc", "index", "rank", "rank_lo", "rank_hi", "class", "urgency_type",
                             "in_last_run"}},
     "frame": {...}}    optional: facts of the reference frame (:func:`frame_facts`)

Paths in the manifest are relative to the output folder. Areas from earlier runs into the same folder stay listed.

The top of ``index.html`` states the frame of the batch in Dutch (:func:`frame_lines`): the reference frame of the
urgency with its number of buurten, the years of the counted data, the minimum population (keuze van wijklib) and
how many buurten got a report out of how many the gemeente has. The facts come from ``manifest["frame"]`` or
``_batch/batch.json`` (key ``urgency.frame``, both made by :func:`frame_facts`), else from what
``_batch/batch.json``, ``kaart.json`` and the area bundles hold; a fact no file records is said to be unknown.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path
from typing import Any

from wijklib.reports._util import TEMPLATE_DIR, atomic_write_text, dumps, sha256_bytes, sha256_file

__all__ = ["MANIFEST_SCHEMA", "template_hash", "load_manifest", "save_manifest", "write_index", "INDEX_TEMPLATE",
           "frame_facts", "frame_lines"]

MANIFEST_SCHEMA = 1
INDEX_TEMPLATE = TEMPLATE_DIR / "index.html.j2"
_RENDER_CODE = ("view.py", "figures.py", "export.py", "kernel.py", "_kernelside.py")


def template_hash(template: str | Path) -> str:
    """Hash of everything that shapes a report besides its inputs: the template notebook, the nbconvert template,
    the formatting code of :mod:`wijklib.reports` and the wijklib version."""
    from wijklib.reports._util import wijklib_version
    from wijklib.reports.export import NBCONVERT_TEMPLATE

    here = Path(__file__).resolve().parent
    parts = [sha256_file(template), sha256_file(NBCONVERT_TEMPLATE), wijklib_version()]
    parts += [sha256_file(here / name) for name in _RENDER_CODE]
    parts.append(sha256_file(here.parent / "charts.py"))  # the drawing of the report charts
    return sha256_bytes("|".join(parts).encode())[:32]


def load_manifest(path: str | Path) -> dict[str, Any]:
    """Read ``manifest.json``; an absent, unreadable or other-schema file gives an empty manifest."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"schema": MANIFEST_SCHEMA, "areas": {}}
    if not isinstance(data, dict) or data.get("schema") != MANIFEST_SCHEMA or not isinstance(data.get("areas"), dict):
        return {"schema": MANIFEST_SCHEMA, "areas": {}}
    return data


def save_manifest(path: str | Path, manifest: dict[str, Any]) -> Path:
    """Write the manifest atomically."""
    return atomic_write_text(Path(path), dumps(manifest) + "\n")


def _sort_key(entry: dict) -> tuple:
    failed = entry.get("status") != "ok"
    rank = entry.get("rank")
    return (0 if failed else 1, rank if rank is not None else 1e9, entry.get("code", ""))


def _overview_png(batch_dir: Path, manifest: dict) -> str | None:
    """Static overview map of the batch (base64 PNG) or None when the map data are missing."""
    path = batch_dir / "kaart.json"
    shared_path = batch_dir / "batch.json"
    if not path.exists():
        return None
    from wijklib.reports.figures import _bounds, _draw_layer, _figure, png

    kaart = json.loads(path.read_text(encoding="utf-8"))
    shared = json.loads(shared_path.read_text(encoding="utf-8")) if shared_path.exists() else {}
    cls = (shared.get("urgency") or {}).get("classification")
    import numpy as np
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    areas = manifest.get("areas", {})
    buurten = kaart["buurten"]
    if not any(b.get("geometry") for b in buurten):  # a project without polygons: no overview map
        return None
    colors = []
    for b in buurten:
        v = b.get("index")
        if cls is None or v is None:
            colors.append("#e0e0e0")
        else:
            i = min(int(np.searchsorted(np.asarray(cls["bins"]), v, side="left")), len(cls["bins"]) - 1)
            colors.append(cls["colors"][i])
    fig = _figure(7.5, 6.0)
    ax = fig.subplots()
    _draw_layer(ax, buurten, colors, "white", 0.5)
    _draw_layer(ax, kaart["wijken"], ["none"] * len(kaart["wijken"]), "#333333", 1.0, fill=False)
    ok = [b for b in buurten if areas.get(b["code"], {}).get("status") == "ok"]
    bad = [b for b in buurten if areas.get(b["code"], {}).get("status") == "failed"]
    _draw_layer(ax, ok, ["none"] * len(ok), "black", 1.6, fill=False)
    _draw_layer(ax, bad, ["none"] * len(bad), "#d400d4", 2.4, fill=False)
    import shapely.geometry as sg

    for b in buurten:
        e = areas.get(b["code"])
        if e and e.get("rank") is not None and b.get("geometry"):
            pt = sg.shape(b["geometry"]).representative_point()
            ax.text(pt.x, pt.y, str(int(e["rank"])), fontsize=7, ha="center", va="center",
                    bbox={"boxstyle": "circle,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})
    x0, y0, x1, y1 = _bounds(buurten)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    handles: list[Any] = []  # legend entries: patches for classes, lines for report outlines
    if cls:
        handles += [Patch(facecolor=c, edgecolor="#4d4d4d", lw=0.5, label=lab) for c, lab in
                    zip(cls["colors"], cls["labels"])]
    handles += [Patch(facecolor="#e0e0e0", edgecolor="#4d4d4d", lw=0.5, label="geen index"),
                Line2D([0], [0], color="black", lw=1.6, label="rapport gemaakt"),
                Line2D([0], [0], color="#d400d4", lw=2.4, label="rapport mislukt")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False,
              title="Urgentie-index (getal = rang)", title_fontsize=8)
    return base64.b64encode(png(fig)).decode("ascii")


def _int(value: Any) -> int | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return int(v) if v == v and abs(v) != float("inf") else None


def frame_facts(urgency: Any, meta: Any = None) -> dict[str, Any]:
    """The facts of an urgency run that the batch index states: reference frame, its size, minimum populations.

    Parameters
    ----------
    urgency : wijklib.urgency.UrgencyResult
        The urgency of the batch (``PreparedBatch.urgency``).
    meta : DataFrame, optional
        Indicator metadata with ``direction`` and ``min_population`` (the batch's indicator table); gives the
        minimum population per indicator below which a buurt's value does not count in the index.

    Returns
    -------
    dict
        JSON-able: ``kind`` (``gemeente``, ``nationaal``, ``peers`` or ``lijst``), ``engine_frame``,
        ``n_reference_min``/``n_reference_max`` (buurten in the reference of a buurt), ``n_areas`` (buurten
        scored), ``period``, ``min_population_rank`` (below it a rank is never 'robuust in'), ``index_rule``
        (``exclude``/``keep``) and ``min_population_indicators`` (``[lowest, highest]`` or None).
    """
    import pandas as pd

    cfg = urgency.config
    sc = urgency.scores
    sizes = pd.to_numeric(sc["reference_size"], errors="coerce").dropna() if "reference_size" in sc else pd.Series()
    n_min = _int(sizes.min()) if len(sizes) else None
    n_max = _int(sizes.max()) if len(sizes) else None
    engine_frame = str(cfg.reference.frame)
    kind = {"peers": "peers", "list": "lijst", "gemeente": "gemeente"}.get(engine_frame)
    if kind is None:  # 'all': every buurt in the data, the country when a national pool was given
        kind = "nationaal" if n_max is not None and n_max > len(sc) else "gemeente"
    ind_range = None
    if meta is not None and len(meta) and "min_population" in meta:
        scored = meta[meta["direction"] != "context"] if "direction" in meta else meta
        pops = sorted(v for v in (_int(x) for x in scored["min_population"]) if v is not None and v >= 10)
        ind_range = [pops[0], pops[-1]] if pops else None
    return {"kind": kind, "engine_frame": engine_frame, "n_reference_min": n_min, "n_reference_max": n_max,
            "n_areas": int(len(sc)), "period": _int(getattr(urgency, "period", None)),
            "min_population_rank": _int(cfg.small_population.min_population),
            "index_rule": str(cfg.small_population.index), "min_population_indicators": ind_range}


def _read_dict(path: Path | None) -> dict[str, Any]:
    """A JSON object from a file; ``{}`` when the file is absent, unreadable or not an object."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _n(value: int) -> str:
    from wijklib.format import number

    return number(value, 0)


def _bundle_min_populations(batch_dir: Path) -> list[int] | None:
    """``[lowest, highest]`` minimum population of the scored indicators, from one area bundle (all share them)."""
    for path in sorted((batch_dir / "gebieden").glob("*.json"))[:1]:
        bundle = _read_dict(path)
        pops = sorted(v for v in (_int(r.get("min_population")) for r in bundle.get("indicators") or []
                                  if isinstance(r, dict) and r.get("direction") != "context")
                      if v is not None and v >= 10)
        return [pops[0], pops[-1]] if pops else None
    return None


#: Short Dutch names of the reference frames (the keys of :data:`wijklib.project.FRAMES_NL`).
_KIND_NL = {"gemeente": "gemeente", "nationaal": "nationaal", "peers": "peers (vergelijkbare buurten)",
            "lijst": "lijst"}


def frame_lines(manifest: dict[str, Any], batch_dir: str | Path | None = None) -> list[tuple[str, str]]:
    """The Dutch statements at the top of ``index.html``: (label, text) per fact, plain text (escaped on render).

    Parameters
    ----------
    manifest : dict
        The batch manifest (its ``areas``, ``gemeenten``, ``period`` and optional ``frame``).
    batch_dir : path, optional
        The prepared batch (``<out>/_batch``): ``batch.json``, ``kaart.json`` and the area bundles.

    Returns
    -------
    list of (str, str)
        ``Referentiekader``, ``Cijfers``, ``Minimale bevolking`` and ``Rapporten``.
    """
    from wijklib.project import FRAMES_NL

    bdir = Path(batch_dir) if batch_dir is not None else None
    shared = _read_dict(bdir / "batch.json" if bdir is not None else None)
    urg = _dict(shared.get("urgency"))
    facts = _dict(manifest.get("frame")) or _dict(urg.get("frame")) or _dict(shared.get("frame"))
    unknown = "niet vastgelegd in deze batch"
    lines: list[tuple[str, str]] = []

    # the reference frame and its size
    by_text = {v: k for k, v in FRAMES_NL.items()}
    by_text["de buurten van de gemeente"] = "gemeente"  # what a batch without a project file records
    kind = facts.get("kind") or by_text.get(str(shared.get("reference") or ""))
    description = FRAMES_NL.get(kind or "", "") or str(shared.get("reference") or "")
    n_lo, n_hi = _int(facts.get("n_reference_min")), _int(facts.get("n_reference_max"))
    if n_lo is None and kind == "gemeente" and _int(urg.get("n_areas")):
        n_lo = n_hi = _int(urg.get("n_areas"))  # the gemeente frame: the buurten of the analysis are the reference
    if n_lo is None:
        size = f"aantal buurten in de referentie {unknown}"
    elif kind == "peers":
        size = f"{_n(n_lo)} buurten per buurt"
    elif n_hi is None or n_lo == n_hi:
        size = f"{_n(n_lo)} buurten"
    else:
        size = f"{_n(n_lo)} tot {_n(n_hi)} buurten, verschilt per buurt"
    head = _KIND_NL.get(kind or "", "onbekend")
    if urg.get("available") is False:
        lines.append(("Referentiekader", f"{head}: {description or unknown}. In deze batch is geen urgentie-index "
                      "berekend (zie de opmerkingen hieronder); de rapporten hebben geen rang en geen klasse."))
    else:
        lines.append(("Referentiekader", f"{head}: {description or unknown} ({size}). De urgentie-index en de rang "
                      "vergelijken elke buurt met dit kader; met een ander kader verandert de rang."))

    # the years of the counted data
    period = shared.get("period", manifest.get("period"))
    periods = [p for p in (shared.get("periods") or []) if p is not None]
    if period is None:
        years = f"peiljaar {unknown}"
    elif len(periods) > 1:
        years = (f"peiljaar {period}; de tijdreeksen en trends gebruiken de jaren "
                 f"{', '.join(str(p) for p in periods[:-1])} en {periods[-1]}")
    else:
        years = f"peiljaar {period}; cijfers over één jaar, dus geen trends"
    lines.append(("Cijfers", years + "."))

    # the minimum population (keuze van wijklib)
    ind_range = facts.get("min_population_indicators") or (_bundle_min_populations(bdir) if bdir else None)
    if ind_range:
        lo, hi = ind_range
        what = {"exclude": "tellen niet mee in de index", "keep": "tellen wel mee in de index, niet in de opstapeling"
                }.get(str(facts.get("index_rule")), "tellen niet mee in de index, tenzij de instellingen dat anders "
                      "zeggen (small_population.index)")
        who = (f"buurten met minder dan {_n(lo)} inwoners" if lo == hi else
               f"een buurt met minder inwoners dan de grens van de indicator ({_n(lo)} tot {_n(hi)} inwoners)")
        text = f"keuze van wijklib: cijfers van {who} {what}"
    else:
        text = f"keuze van wijklib: de minimale bevolking per indicator is {unknown}"
    rank_min = _int(facts.get("min_population_rank"))
    if rank_min:
        text += (f"; buurten met minder dan {_n(rank_min)} inwoners krijgen wel een index, maar hun rang is nooit "
                 "'robuust in'")
    lines.append(("Minimale bevolking", text + "."))

    # reports made versus the buurten of the gemeente
    gemeenten: dict[str, str] = dict(shared.get("gemeenten") or manifest.get("gemeenten") or {})
    kaart = _read_dict(bdir / "kaart.json" if bdir is not None else None)
    per_gm: dict[str, int] = {}
    for b in kaart.get("buurten") or []:
        if isinstance(b, dict) and b.get("gemeente_code"):
            per_gm[str(b["gemeente_code"])] = per_gm.get(str(b["gemeente_code"]), 0) + 1
    areas = [e for e in (manifest.get("areas") or {}).values() if isinstance(e, dict)]
    n_ok = sum(e.get("status") == "ok" for e in areas)
    n_failed = sum(e.get("status") == "failed" for e in areas)
    names = " en ".join(gemeenten.get(g, g) for g in sorted(gemeenten)) or "de gemeente"
    n_total = sum(per_gm.get(g, 0) for g in gemeenten) if per_gm else _int(shared.get("n_reference"))
    verb = "heeft" if n_ok == 1 else "hebben"
    if n_total:
        made = f"{_n(n_ok)} van de {_n(n_total)} buurten van {names} {verb} een rapport"
    else:
        made = f"{_n(n_ok)} buurt{'' if n_ok == 1 else 'en'} {verb} een rapport; het aantal buurten van {names} is {unknown}"
    if n_failed:
        made += f"; {_n(n_failed)} mislukt"
    lines.append(("Rapporten", made + "."))
    return lines


#: Keys of an area entry and of ``last_run`` that ``index.html.j2`` reads (absent ones are None).
_ENTRY_KEYS = ("code", "name", "status", "html", "pdf", "failed_notebook", "error", "wijk_code", "wijk_name", "index",
               "rank", "rank_lo", "rank_hi", "class", "urgency_type", "policy_deviation", "positive_urgency",
               "special_reason", "small_population", "settings_note", "last_action", "verouderd", "report_utc")
_RUN_KEYS = ("finished_utc", "seconds", "workers", "backend", "made", "skipped", "failed")


def write_index(out_dir: str | Path, manifest: dict[str, Any], *, batch_dir: str | Path | None = None) -> Path:
    """Render ``index.html``: the frame of the batch (:func:`frame_lines`), overview map and a table linking every
    report (failures first)."""
    import jinja2

    from wijklib.reports.figures import fmt

    out_dir = Path(out_dir)
    # every key the template reads is present: a batch without an urgency analysis (too few buurten) has rows
    # without index, rank and class, and those show as "–" instead of breaking the page
    entries = [{**dict.fromkeys(_ENTRY_KEYS), **e} for e in manifest.get("areas", {}).values()]
    # reports of earlier runs made with other settings are never silently mixed with the current ranks
    current = [e.get("settings_hash") for e in entries if e.get("in_last_run") and e.get("settings_hash")]
    current_hash = max(set(current), key=current.count) if current else None
    n_other = 0
    for e in entries:
        if current_hash is not None and e.get("settings_hash") != current_hash:
            n_other += 1
            e["settings_note"] = ("gemaakt met andere instellingen of invoer dan de laatste run; rang en klasse "
                                  "zijn niet vergelijkbaar met de andere buurten")
            e["rank_then"], e["rank"], e["rank_lo"], e["rank_hi"], e["class"] = e.get("rank"), None, None, None, None
    entries.sort(key=lambda e: (1 if e.get("settings_note") else 0, *_sort_key(e)))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(INDEX_TEMPLATE.parent)),
                             autoescape=jinja2.select_autoescape(["html", "j2"]))
    env.filters["nl"] = fmt
    tmpl = env.get_template(INDEX_TEMPLATE.name)
    map_png = _overview_png(Path(batch_dir), {"areas": {e.get("code"): e for e in entries}}) if batch_dir else None
    counts = {"ok": sum(e.get("status") == "ok" for e in entries),
              "failed": sum(e.get("status") == "failed" for e in entries)}
    counts["other_settings"] = n_other
    page = tmpl.render(manifest=manifest, entries=entries, counts=counts, map_png=map_png,
                       frame=frame_lines(manifest, batch_dir),
                       gemeenten=", ".join((manifest.get("gemeenten") or {}).values()),
                       period=manifest.get("period"),
                       last_run={**dict.fromkeys(_RUN_KEYS), **(manifest.get("last_run") or {})},
                       notes=[str(n) for n in manifest.get("notes") or [] if n],
                       fictional=any(str(g).startswith("GM99") for g in (manifest.get("gemeenten") or {})),
                       esc=html.escape)
    from wijklib.reports.export import offline_html

    return atomic_write_text(out_dir / "index.html", offline_html(page))
