"""Interactive network view: one self-contained HTML fragment (inline SVG + a little vanilla JavaScript).

Works offline (no CDN, no external files), in JupyterLab (``_repr_html_``) and in exported HTML (nbconvert) or
as a stand-alone page (:meth:`NetworkView.save`). Without JavaScript (an untrusted notebook, a viewer that
strips scripts) the drawing is still there as static SVG with tooltips; with JavaScript you can drag nodes,
zoom and pan, click a node to highlight its neighbours, and switch relation types on and off.

Parallel ties (several types, or both directions, between the same pair) are drawn as separate curves, each in
the colour and dash pattern of its type, with an arrowhead when the tie is directed. All text is escaped by
jinja2; the JSON data block only holds numbers and escaped ids, so names cannot inject script.
"""

from __future__ import annotations

import html as _html
import json
import math
import uuid
from pathlib import Path

import jinja2
import networkx as nx

from .plots import RELATION_COLORS, WORLD_COLORS, _edge_offsets, layout
from .vocab import RELATION_LABELS, RELATION_TYPES, WORLD_LABELS

__all__ = ["NetworkView", "network_view", "rounds_view"]

_DASH = {"samenwerking": "", "informatie": "7 4", "vertrouwen": "", "invloed": "2 3", "conflict": "10 4 2 4",
         "financiering": "6 2 2 2"}

_TEMPLATE = r"""<div class="wl-net" id="{{ uid }}" style="font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; max-width: {{ width }}px;">
<style>
#{{ uid }} svg.wl-main { width: 100%; height: auto; border: 1px solid #ddd; background: #fff; touch-action: none; user-select: none; }
#{{ uid }} .n { cursor: grab; }
#{{ uid }} .n text { font-size: 11px; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; fill: #222; pointer-events: none; }
#{{ uid }} .e { fill: none; stroke-linecap: round; }
#{{ uid }} .dim { opacity: 0.12; }
#{{ uid }} .hidden { display: none; }
#{{ uid }} .wl-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; margin: 6px 0; align-items: center; }
#{{ uid }} .wl-legend label { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; }
#{{ uid }} .wl-note { font-size: 11px; color: #666; margin: 2px 0 6px; }
#{{ uid }} button { font-size: 11px; }
#{{ uid }} .wl-frag { font-size: 12px; border-left: 3px solid #bbb; padding: 2px 8px; margin: 4px 0; }
#{{ uid }} .wl-frag blockquote { margin: 4px 0; }
#{{ uid }} .wl-frag .meta { color: #666; font-size: 11px; }
</style>
{% if title %}<div style="font-weight: 600; margin-bottom: 4px;">{{ title }}</div>{% endif %}
<div class="wl-legend">
{% for t in types %}<label><input type="checkbox" data-type="{{ t.key }}" checked><svg width="34" height="10" style="border:none"><line x1="1" y1="5" x2="33" y2="5" stroke="{{ t.color }}" stroke-width="2.5" stroke-dasharray="{{ t.dash }}"/></svg>{{ t.label }}</label>
{% endfor %}
</div>
<div class="wl-legend">
{% for w in worlds %}<span><svg width="12" height="12" style="border:none"><circle cx="6" cy="6" r="5" fill="{{ w.color }}"/></svg> {{ w.label }}</span>
{% endfor %}{% if has_person %}<span><svg width="12" height="12" style="border:none"><rect x="2" y="2" width="8" height="8" transform="rotate(45 6 6)" fill="#555"/></svg> persoon (rol of pseudoniem)</span>{% endif %}
<span>pijl = gerichte relatie; dikte = sterkte</span>
<button type="button" data-action="reset">herstel weergave</button>
</div>
<svg class="wl-main" viewBox="{{ viewbox }}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{{ title or 'netwerk' }}">
<defs>
{% for t in types %}<marker id="{{ uid }}-arr-{{ t.key }}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse" markerUnits="userSpaceOnUse"><path d="M0,0 L10,5 L0,10 z" fill="{{ t.color }}"/></marker>
{% endfor %}
</defs>
<rect class="bg" x="-10000" y="-10000" width="20000" height="20000" fill="transparent"/>
<g class="edges">
{% for e in edges %}<path class="e t-{{ e.type }}" data-i="{{ loop.index0 }}" d="{{ e.d }}" stroke="{{ e.color }}" stroke-width="{{ e.width }}"{% if e.dash %} stroke-dasharray="{{ e.dash }}"{% endif %}{% if e.directed %} marker-end="url(#{{ uid }}-arr-{{ e.type }})"{% endif %} opacity="0.85"><title>{{ e.tip }}</title></path>
{% endfor %}
</g>
<g class="nodes">
{% for n in nodes %}<g class="n" data-i="{{ loop.index0 }}" transform="translate({{ n.x }},{{ n.y }})">{% if n.person %}<rect x="{{ -n.r * 0.8 }}" y="{{ -n.r * 0.8 }}" width="{{ n.r * 1.6 }}" height="{{ n.r * 1.6 }}" transform="rotate(45)" fill="{{ n.color }}" stroke="#fff" stroke-width="1.5"/>{% else %}<circle r="{{ n.r }}" fill="{{ n.color }}" stroke="#fff" stroke-width="1.5"/>{% endif %}<text y="{{ n.r + 12 }}" text-anchor="middle">{{ n.label }}</text><title>{{ n.tip }}</title></g>
{% endfor %}
</g>
</svg>
<div class="wl-note">{{ note }}</div>
{% if has_fragments %}<div class="wl-frag" aria-live="polite">Klik op een actor om de verhalen te zien die over deze actor of zijn relaties gaan.</div>{% endif %}
<script type="application/json" id="{{ uid }}-data">{{ data_json|safe }}</script>
<script>
(function () {
  var root = document.getElementById({{ uid_json|safe }});
  if (!root || root.getAttribute("data-ready")) { return; }
  root.setAttribute("data-ready", "1");
  var data = JSON.parse(document.getElementById({{ uid_json|safe }} + "-data").textContent);
  var svg = root.querySelector("svg[role=img]");
  var nodeEls = root.querySelectorAll("g.n");
  var edgeEls = root.querySelectorAll("path.e");
  var pos = data.nodes.map(function (n) { return [n[0], n[1]]; });
  var view0 = data.view.slice();
  var view = view0.slice();
  function setView() { svg.setAttribute("viewBox", view.join(" ")); }
  function pathFor(k) {
    var e = data.edges[k], a = pos[e[0]], b = pos[e[1]], ra = data.nodes[e[0]][2], rb = data.nodes[e[1]][2];
    var dx = b[0] - a[0], dy = b[1] - a[1], L = Math.sqrt(dx * dx + dy * dy) || 1;
    var sgn = e[0] < e[1] ? 1 : -1;
    var nx = -dy / L * sgn, ny = dx / L * sgn;
    var cx = (a[0] + b[0]) / 2 + nx * e[2] * L, cy = (a[1] + b[1]) / 2 + ny * e[2] * L;
    function toward(p, r) { var vx = cx - p[0], vy = cy - p[1], l = Math.sqrt(vx * vx + vy * vy) || 1; return [p[0] + vx / l * r, p[1] + vy / l * r]; }
    var s = toward(a, ra + 2), t = toward(b, rb + (e[3] ? 4 : 2));
    return "M" + s[0].toFixed(1) + "," + s[1].toFixed(1) + " Q" + cx.toFixed(1) + "," + cy.toFixed(1) + " " + t[0].toFixed(1) + "," + t[1].toFixed(1);
  }
  function toSvg(evt) {
    var pt = svg.createSVGPoint(); pt.x = evt.clientX; pt.y = evt.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  }
  var incident = data.nodes.map(function () { return []; });
  data.edges.forEach(function (e, k) { incident[e[0]].push(k); incident[e[1]].push(k); });
  var drag = null, pan = null, moved = false, selected = -1;
  nodeEls.forEach(function (el) {
    el.addEventListener("pointerdown", function (evt) {
      evt.stopPropagation(); moved = false;
      drag = { i: +el.getAttribute("data-i"), start: toSvg(evt) };
      el.setPointerCapture(evt.pointerId);
    });
    el.addEventListener("pointermove", function (evt) {
      if (!drag) { return; }
      var p = toSvg(evt), i = drag.i;
      if (Math.abs(p.x - drag.start.x) + Math.abs(p.y - drag.start.y) > 2) { moved = true; }
      pos[i] = [p.x, p.y];
      el.setAttribute("transform", "translate(" + p.x.toFixed(1) + "," + p.y.toFixed(1) + ")");
      incident[i].forEach(function (k) { edgeEls[k].setAttribute("d", pathFor(k)); });
    });
    el.addEventListener("pointerup", function () {
      var i = drag ? drag.i : -1; drag = null;
      if (!moved && i >= 0) { highlight(selected === i ? -1 : i); }
    });
  });
  function highlight(i) {
    selected = i;
    var keep = {};
    if (i >= 0) { keep[i] = true; incident[i].forEach(function (k) { keep[data.edges[k][0]] = true; keep[data.edges[k][1]] = true; }); }
    nodeEls.forEach(function (el, j) { el.classList.toggle("dim", i >= 0 && !keep[j]); });
    edgeEls.forEach(function (el, k) { var e = data.edges[k]; el.classList.toggle("dim", i >= 0 && e[0] !== i && e[1] !== i); });
    showFragments(i);
  }
  function showFragments(i) {
    var panel = root.querySelector(".wl-frag");
    if (!panel || !data.frag) { return; }
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    if (i < 0) { panel.textContent = "Klik op een actor om de verhalen te zien die over deze actor of zijn relaties gaan."; return; }
    var items = [], seen = {};
    (data.frag.nodes[i] || []).concat(data.frag.ties[i] || []).forEach(function (f) {
      if (!seen[f.id]) { seen[f.id] = true; items.push(f); }
    });
    var head = document.createElement("div");
    head.textContent = items.length ? "Verhalen over " + data.labels[i] + " en zijn relaties:" : "Geen verhalen over " + data.labels[i] + ".";
    panel.appendChild(head);
    items.forEach(function (f) {
      var q = document.createElement("blockquote"); q.textContent = f.tekst; panel.appendChild(q);
      var m = document.createElement("div"); m.className = "meta";
      m.textContent = f.id + " · " + f.bronrol + (f.datum ? " · " + f.datum : "") + (f.codes ? " · codes: " + f.codes : "");
      panel.appendChild(m);
    });
  }
  var bg = svg.querySelector("rect.bg");
  bg.addEventListener("pointerdown", function (evt) { pan = { x: evt.clientX, y: evt.clientY, v: view.slice() }; bg.setPointerCapture(evt.pointerId); });
  bg.addEventListener("pointermove", function (evt) {
    if (!pan) { return; }
    var scale = view[2] / svg.getBoundingClientRect().width;
    view[0] = pan.v[0] - (evt.clientX - pan.x) * scale; view[1] = pan.v[1] - (evt.clientY - pan.y) * scale; setView();
  });
  bg.addEventListener("pointerup", function () { if (pan && Math.abs(view[0] - pan.v[0]) + Math.abs(view[1] - pan.v[1]) < 1) { highlight(-1); } pan = null; });
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = toSvg(evt), f = evt.deltaY > 0 ? 1.15 : 1 / 1.15;
    view = [p.x - (p.x - view[0]) * f, p.y - (p.y - view[1]) * f, view[2] * f, view[3] * f]; setView();
  }, { passive: false });
  root.querySelectorAll("input[data-type]").forEach(function (box) {
    box.addEventListener("change", function () {
      var t = box.getAttribute("data-type");
      root.querySelectorAll("path.t-" + t).forEach(function (el) { el.classList.toggle("hidden", !box.checked); });
    });
  });
  root.querySelector("button[data-action=reset]").addEventListener("click", function () {
    view = view0.slice(); setView(); highlight(-1);
    pos = data.nodes.map(function (n) { return [n[0], n[1]]; });
    nodeEls.forEach(function (el, i) { el.setAttribute("transform", "translate(" + pos[i][0] + "," + pos[i][1] + ")"); });
    edgeEls.forEach(function (el, k) { el.setAttribute("d", pathFor(k)); });
  });
})();
</script>
</div>"""

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
_TPL = _ENV.from_string(_TEMPLATE)


def _safe_json(obj) -> str:
    """JSON that can sit inside a <script> element: <, > and & are escaped as unicode escapes."""
    text = json.dumps(obj, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_NARROW = set("fijlrt.,:;'|!()[] -")
_WIDE = set("mwMW@%")
LABEL_FONT_PX = 11  # font size of the node labels in the template (.n text)


def _text_width(text: str, font_px: float = LABEL_FONT_PX) -> float:
    """Estimated width in px of a label in a sans-serif font (generous, so that estimates do not overlap)."""
    w = 0.0
    for ch in text:
        if ch in _NARROW:
            w += 0.34
        elif ch in _WIDE:
            w += 0.9
        elif ch.isupper() or ch.isdigit():
            w += 0.68
        else:
            w += 0.58
    return w * font_px


def _node_box(x: float, y: float, r: float, label_w: float) -> tuple[float, float, float, float]:
    """Box (x0, y0, x1, y1) of a node with its label centred below it (as drawn by the template)."""
    half = max(r, label_w / 2)
    return x - half, y - r, x + half, y + r + 16


def separate_labels(centres: list[tuple[float, float]], radii: list[float], label_widths: list[float], *,
                    gap_x: float = 16.0, gap_y: float = 6.0,
                    max_rounds: int = 2000) -> list[tuple[float, float]]:
    """Move nodes apart until no node-with-label box overlaps another (label centred below the node).

    Every round, each overlapping pair is pushed apart along the axis where the overlap is smallest (usually
    vertically, since labels are wide and low), each node half the overlap plus the gap (damped when a node
    overlaps several others). The layout keeps its shape; only crowded spots open up. Stops when nothing
    overlaps or after ``max_rounds`` rounds.

    Parameters
    ----------
    centres : list of (x, y)
        Node centres in px (y downwards, as in SVG).
    radii : list of float
        Node radii in px.
    label_widths : list of float
        Label widths in px (see :func:`_text_width`).
    gap_x, gap_y : float
        Minimal free space between boxes in px, side by side (between two labels on one line) and one above the
        other.

    Returns
    -------
    list of (x, y)
        The new centres.
    """
    import numpy as np

    pos = np.array(centres, float).reshape(-1, 2)
    n = len(pos)
    if n < 2:
        return [(float(x), float(y)) for x, y in pos]
    r = np.asarray(radii, float)
    half = np.maximum(r, np.asarray(label_widths, float) / 2)
    order = np.arange(n)
    upper = order[:, None] < order[None, :]
    for _ in range(max_rounds):
        x0, x1 = pos[:, 0] - half, pos[:, 0] + half
        y0, y1 = pos[:, 1] - r, pos[:, 1] + r + 16
        ox = np.minimum(x1[:, None], x1[None, :]) - np.maximum(x0[:, None], x0[None, :]) + gap_x
        oy = np.minimum(y1[:, None], y1[None, :]) - np.maximum(y0[:, None], y0[None, :]) + gap_y
        clash = upper & (ox > 0) & (oy > 0)
        if not clash.any():
            break
        i, j = np.nonzero(clash)
        vertical = oy[i, j] <= ox[i, j]
        delta = np.zeros_like(pos)
        for axis, sel, amount in ((1, vertical, oy[i, j]), (0, ~vertical, ox[i, j])):
            a, b, o = i[sel], j[sel], amount[sel]
            # j goes the way it already lies from i (ties: by index, so the result is deterministic)
            sgn = np.where(pos[b, axis] > pos[a, axis], 1.0, np.where(pos[b, axis] < pos[a, axis], -1.0, 1.0))
            np.add.at(delta[:, axis], a, -sgn * o / 2)
            np.add.at(delta[:, axis], b, sgn * o / 2)
        # a node pushed by several neighbours at once moves by the largest push, not their sum (no overshoot)
        count = np.bincount(np.concatenate([i, j]), minlength=n).clip(min=1)[:, None]
        pos += delta / np.sqrt(count)
    return [(float(x), float(y)) for x, y in pos]


def _quad_path(a, b, off, ra, rb, directed, canonical_forward: bool) -> str:
    dx, dy = b[0] - a[0], b[1] - a[1]
    L = math.hypot(dx, dy) or 1.0
    sgn = 1 if canonical_forward else -1
    nx_, ny_ = -dy / L * sgn, dx / L * sgn
    cx, cy = (a[0] + b[0]) / 2 + nx_ * off * L, (a[1] + b[1]) / 2 + ny_ * off * L

    def toward(p, r):
        vx, vy = cx - p[0], cy - p[1]
        lv = math.hypot(vx, vy) or 1.0
        return p[0] + vx / lv * r, p[1] + vy / lv * r

    s = toward(a, ra + 2)
    t = toward(b, rb + (4 if directed else 2))
    return f"M{s[0]:.1f},{s[1]:.1f} Q{cx:.1f},{cy:.1f} {t[0]:.1f},{t[1]:.1f}"


class NetworkView:
    """A rendered interactive network view. Show it in a notebook, or :meth:`save` it as an HTML page."""

    def __init__(self, fragment: str, title: str | None) -> None:
        self.fragment = fragment
        self.title = title

    def _repr_html_(self) -> str:
        return self.fragment

    def to_html(self) -> str:
        """A complete, self-contained HTML document."""
        title = _html.escape(self.title or "Netwerk")
        return (f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
                f'<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
                f"<body>\n{self.fragment}\n</body></html>\n")

    def save(self, path: str | Path) -> Path:
        """Write the stand-alone page (UTF-8)."""
        from wijklib.notebooks import atomic_write

        path = Path(path)
        atomic_write(path, self.to_html())
        return path


def network_view(G: nx.MultiDiGraph, *, pos: dict | None = None, title: str | None = None, width: int = 960,
                 height: int = 680, seed: int = 7, size_by: str | None = None, uid: str | None = None,
                 note: str | None = None, fragments: dict | None = None) -> NetworkView:
    """Build the interactive view of a stakeholder graph.

    Parameters
    ----------
    G : MultiDiGraph
        From :func:`build_graph` or :func:`consensus_network` (labels there are already export-safe unless the
        graph was built with ``allow_names=True``).
    pos : dict, optional
        Node -> (x, y) in any units; default the same seeded layout as :func:`plot_network`.
    size_by : str, optional
        Node attribute that scales the node radius (e.g. betweenness set with ``nx.set_node_attributes``).
    uid : str, optional
        Element id (default random); give one for reproducible output.
    note : str, optional
        Text under the drawing (default: a short how-to and the round).
    fragments : dict, optional
        Story fragments per actor id and per tie (``"a~b"``, ids sorted), as made by
        :func:`wijklib.stories.fragments_by_node`; a click on an actor then shows the fragments about it and its
        ties under the drawing (texts are inserted as text, never as HTML).
    """
    uid = uid or f"wlnet-{uuid.uuid4().hex[:10]}"
    if pos is None:
        pos = layout(G, seed=seed)
    nodes = list(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    xs = [pos[n][0] for n in nodes] or [0.0]
    ys = [pos[n][1] for n in nodes] or [0.0]
    mx, my = 130, 40  # room for labels left/right and below
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0

    def sx(x):
        return mx + (x - min(xs)) / span_x * (width - 2 * mx)

    def sy(y):
        return my + (max(ys) - y) / span_y * (height - 2 * my - 16)

    radius = {}
    vals = {n: float(G.nodes[n].get(size_by) or 0) for n in nodes} if size_by else {}
    vmax = max(vals.values()) if vals else 0
    for n in nodes:
        radius[n] = 7 + (11 * vals[n] / vmax if vmax > 0 else 0)
    labels = [str(G.nodes[n].get("label", n)) for n in nodes]
    widths = [_text_width(lab) for lab in labels]
    radii = [radius[n] for n in nodes]
    xy = separate_labels([(sx(pos[n][0]), sy(pos[n][1])) for n in nodes], radii, widths) if nodes else []
    boxes = [_node_box(x, y, r, w) for (x, y), r, w in zip(xy, radii, widths)]
    # the visible area: the drawing with a small margin, at least width x height (centred), so labels never fall off
    x0 = min((b[0] for b in boxes), default=0.0) - 8
    x1 = max((b[2] for b in boxes), default=float(width)) + 8
    y0 = min((b[1] for b in boxes), default=0.0) - 8
    y1 = max((b[3] for b in boxes), default=float(height)) + 8
    if x1 - x0 < width:
        x0, x1 = (x0 + x1 - width) / 2, (x0 + x1 + width) / 2
    if y1 - y0 < height:
        y0, y1 = (y0 + y1 - height) / 2, (y0 + y1 + height) / 2
    view = [round(x0, 1), round(y0, 1), round(x1 - x0, 1), round(y1 - y0, 1)]
    node_rows = []
    for i, n in enumerate(nodes):
        d = G.nodes[n]
        label = labels[i]
        world = d.get("wereld") if d.get("wereld") in WORLD_COLORS else None
        tip = "\n".join(x for x in [label, WORLD_LABELS[world] if world else "wereld onbekend",
                                     str(d.get("actortype_label") or d.get("actortype") or "")] if x)
        node_rows.append({"x": round(xy[i][0], 1), "y": round(xy[i][1], 1), "r": round(radius[n], 1),
                          "label": label, "tip": tip, "color": WORLD_COLORS[world],
                          "person": bool(d.get("natuurlijk_persoon"))})
    offsets = _edge_offsets(G)
    edge_rows, edge_data = [], []
    for (u, v, k), off in offsets.items():
        d = G.edges[u, v, k]
        t = d["type"]
        a, b = (node_rows[index[u]]["x"], node_rows[index[u]]["y"]), (node_rows[index[v]]["x"], node_rows[index[v]]["y"])
        directed = bool(d.get("gericht", True))
        forward = index[u] < index[v]
        # offsets from _edge_offsets are relative to the sorted pair; convert to index order for the JS as well
        sorted_forward = (u, v) == tuple(sorted((u, v)))
        off_idx = off if sorted_forward == forward else -off
        path = _quad_path(a, b, off_idx, radius[u], radius[v], directed, forward)
        lu, lv = G.nodes[u].get("label", u), G.nodes[v].get("label", v)
        arrow = "→" if directed else "↔"
        extra = []
        if d.get("steun") is not None and d.get("genoemd_door"):
            extra.append(f"genoemd door {d['steun']} informant(en): {', '.join(d['genoemd_door'])}")
        elif d.get("informant"):
            extra.append(f"informant {d['informant']}")
        if d.get("richting_betwist"):
            extra.append("richting betwist")
        tip = f"{lu} {arrow} {lv}: {RELATION_LABELS.get(t, t)} (sterkte {float(d.get('sterkte', 2)):.1f})"
        if extra:
            tip += "; " + "; ".join(extra)
        edge_rows.append({"type": t, "d": path, "color": RELATION_COLORS.get(t, "#555"), "dash": _DASH.get(t, ""),
                          "width": round(0.8 + 0.9 * float(d.get("sterkte", 2)), 2), "directed": directed,
                          "tip": tip})
        edge_data.append([index[u], index[v], round(off_idx, 4), int(directed)])
    present = [t for t in RELATION_TYPES if any(e["type"] == t for e in edge_rows)]
    types = [{"key": t, "label": RELATION_LABELS[t], "color": RELATION_COLORS[t], "dash": _DASH[t]} for t in present]
    worlds_present = list(dict.fromkeys((G.nodes[n].get("wereld") if G.nodes[n].get("wereld") in WORLD_COLORS
                                         else None) for n in nodes))
    worlds = [{"label": WORLD_LABELS[w] if w else "wereld onbekend", "color": WORLD_COLORS[w]}
              for w in worlds_present]
    if note is None:
        ronde = G.graph.get("ronde")
        kind = {"consensus": f"consensus (minstens {G.graph.get('min_informanten')} informanten)",
                "genoemd": "alle genoemde relaties"}.get(G.graph.get("soort"), "")
        note = (f"Ronde {ronde}; {kind}. " if ronde else "") + ("Sleep knopen om ze te verplaatsen, klik op een "
                                                               "knoop om de buren te tonen, scroll om te zoomen.")
    data = {"width": width, "height": height, "view": view, "nodes": [[r["x"], r["y"], r["r"]] for r in node_rows],
            "edges": edge_data}
    if fragments:
        by_node: dict[int, list] = {}
        by_tie: dict[int, list] = {}
        for key, items in fragments.items():
            if "~" in key:
                a, b = key.split("~", 1)
                for end in (a, b):
                    if end in index:
                        by_tie.setdefault(index[end], []).extend(items)
            elif key in index:
                by_node.setdefault(index[key], []).extend(items)
        data["frag"] = {"nodes": by_node, "ties": by_tie}
        data["labels"] = labels
    fragment = _TPL.render(uid=uid, uid_json=_safe_json(uid), width=width, viewbox=" ".join(f"{v:g}" for v in view),
                           title=title, types=types,
                           worlds=worlds, has_person=any(r["person"] for r in node_rows), nodes=node_rows,
                           edges=edge_rows, note=note, data_json=_safe_json(data), has_fragments=bool(fragments))
    return NetworkView(fragment, title)


_ROUNDS_TEMPLATE = r"""<div class="wl-rounds" id="{{ uid }}" style="font-family: system-ui, -apple-system, 'Segoe UI', sans-serif;">
<style>
#{{ uid }} .wl-rbar { display: flex; gap: 12px; align-items: center; font-size: 13px; margin: 4px 0 8px; }
#{{ uid }}.side .wl-rpanes { display: flex; gap: 12px; overflow-x: auto; }
#{{ uid }}.side .wl-rpane { display: block !important; min-width: 420px; flex: 1; }
</style>
{% if title %}<div style="font-weight: 600; margin-bottom: 4px;">{{ title }}</div>{% endif %}
<div class="wl-rbar">
<label>Ronde <input type="range" min="0" max="{{ panes|length - 1 }}" value="{{ panes|length - 1 }}" step="1" data-action="slide"></label>
<span data-role="name">{{ panes[-1].name }}</span>
<label><input type="checkbox" data-action="side"> naast elkaar</label>
</div>
<div class="wl-rpanes">
{% for p in panes %}<div class="wl-rpane" data-i="{{ loop.index0 }}" data-name="{{ p.name }}"{% if not loop.last %} style="display:none"{% endif %}>
<div style="font-weight: 600;">{{ p.name }}</div>
{{ p.html|safe }}
</div>
{% endfor %}
</div>
<div class="wl-note" style="font-size: 11px; color: #666;">Alle rondes staan op dezelfde plek: schuif om te zien wat verandert, of zet ze naast elkaar. Zonder JavaScript zie je de laatste ronde.</div>
<script>
(function () {
  var root = document.getElementById({{ uid_json|safe }});
  if (!root || root.getAttribute("data-ready")) { return; }
  root.setAttribute("data-ready", "1");
  var panes = root.querySelectorAll(".wl-rpane"), name = root.querySelector("[data-role=name]");
  var slide = root.querySelector("[data-action=slide]");
  function show(k) { panes.forEach(function (p, j) { p.style.display = j === k ? "" : "none"; }); name.textContent = panes[k].getAttribute("data-name"); }
  slide.addEventListener("input", function () { show(+slide.value); });
  root.querySelector("[data-action=side]").addEventListener("change", function (evt) {
    root.classList.toggle("side", evt.target.checked); if (!evt.target.checked) { show(+slide.value); }
  });
})();
</script>
</div>"""
_ROUNDS_TPL = _ENV.from_string(_ROUNDS_TEMPLATE)


def rounds_view(graphs: dict, *, title: str | None = None, uid: str | None = None, seed: int = 7,
                size_by: str | None = None, fragments: dict | None = None, width: int = 960,
                height: int = 680) -> NetworkView:
    """Several rounds in one interactive page: a slider (and a side-by-side switch) over the round networks.

    Parameters
    ----------
    graphs : dict
        Round id -> graph (e.g. ``{r: consensus_network(sset, r) for r in sset.round_ids}``), in time order.
        All rounds share one layout (computed on the union of the graphs), so an actor stays in the same place.
    fragments : dict, optional
        Story fragments per actor or tie for every pane (see :func:`network_view`).
    """
    if not graphs:
        raise ValueError("geef minstens één ronde")
    uid = uid or f"wlrounds-{uuid.uuid4().hex[:10]}"
    union = nx.MultiDiGraph()
    for G in graphs.values():
        union.add_nodes_from(G.nodes(data=True))
        union.add_edges_from(G.edges(keys=True, data=True))
    pos = layout(union, seed=seed)
    panes = []
    for i, (r, G) in enumerate(graphs.items()):
        view = network_view(G, pos=pos, uid=f"{uid}-{i}", size_by=size_by, fragments=fragments, width=width,
                            height=height)
        panes.append({"name": f"Ronde {r}", "html": view.fragment})
    fragment = _ROUNDS_TPL.render(uid=uid, uid_json=_safe_json(uid), title=title, panes=panes)
    return NetworkView(fragment, title)
