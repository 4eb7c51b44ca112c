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
                             "in_last_run"}}}

Paths in the manifest are relative to the output folder. Areas from earlier runs into the same folder stay listed.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path
from typing import Any

from wijklib.reports._util import TEMPLATE_DIR, atomic_write_text, dumps, sha256_bytes, sha256_file

__all__ = ["MANIFEST_SCHEMA", "template_hash", "load_manifest", "save_manifest", "write_index", "INDEX_TEMPLATE"]

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
        if e and e.get("rank") is not None:
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


def write_index(out_dir: str | Path, manifest: dict[str, Any], *, batch_dir: str | Path | None = None) -> Path:
    """Render ``index.html``: overview map and a table linking every report (failures first)."""
    import jinja2

    from wijklib.reports.figures import fmt

    out_dir = Path(out_dir)
    entries = [dict(e) for e in manifest.get("areas", {}).values()]
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
                       gemeenten=", ".join((manifest.get("gemeenten") or {}).values()),
                       period=manifest.get("period"), last_run=manifest.get("last_run") or {},
                       fictional=any(str(g).startswith("GM99") for g in (manifest.get("gemeenten") or {})),
                       esc=html.escape)
    from wijklib.reports.export import offline_html

    return atomic_write_text(out_dir / "index.html", offline_html(page))
