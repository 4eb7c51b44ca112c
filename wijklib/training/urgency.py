"""Urgency playground for training notebook 03: try weights and reference frames and see ranking and map change.

:func:`compute_urgency` is the computation (plain function, runs under papermill without widgets);
:class:`UrgencyPlayground` is thin ipywidgets glue around it for JupyterLab and Voilà: one slider per domain, a
choice of reference frame and normalisation, a ranking table that shows how far each buurt moved compared with
the default settings, and a map of the ranks.

The uncertainty analysis is switched off here (``draws = 0``) so that every change redraws within a second; the
urgency notebook of the main collection shows how robust a ranking is.
"""

from __future__ import annotations

import html
import warnings
from typing import Any, Mapping

import pandas as pd

from wijklib.errors import InputError, choices_nl

__all__ = ["FRAMES", "NORMALISATIONS", "PEER_COUNT", "MIN_RESIDENTS", "residential_buurten", "urgency_overrides",
           "compute_urgency", "ranking", "top_areas", "rank_map", "settings_text", "UrgencyPlayground"]

#: Reference frames offered in the training (key -> Dutch label).
FRAMES: dict[str, str] = {
    "alle": "Alle buurten van de gemeente",
    "vergelijkbaar": "De 10 meest vergelijkbare buurten",
    "woonbuurten": "Woonbuurten (200 of meer inwoners)",
}
#: Normalisations offered in the training (key -> Dutch label).
NORMALISATIONS: dict[str, str] = {
    "zscore": "z-score (afstand tot gemiddelde)",
    "percentile": "percentiel (alleen de volgorde)",
    "minmax": "min-max (0 tot 100)",
}
#: Size of the peer group for the frame "vergelijkbaar".
PEER_COUNT = 10
#: Inhabitants a buurt needs to count as a residential buurt (frame "woonbuurten").
MIN_RESIDENTS = 200
#: Rank classes of the map: upper bounds and labels.
_RANK_BINS = (5, 10, 20, 1000)
_RANK_LABELS = ("top 5", "6 tot 10", "11 tot 20", "21 en verder")


def residential_buurten(ws, min_residents: int = MIN_RESIDENTS) -> list[str]:
    """Buurten with at least ``min_residents`` inhabitants in the latest year (derived from the data)."""
    counted = ws.buurt_counted()
    pop = counted[(counted["indicator"] == "inwoners") & (counted["period"] == max(ws.periods))]
    return sorted(pop.loc[pop["value"] >= min_residents, "area_code"])


def _check_choice(value: str, options: Mapping[str, str], what: str) -> str:
    if value not in options:
        raise InputError(f"onbekende keuze {value!r} voor {what}; kies uit {choices_nl(options)}", column=what)
    return value


def urgency_overrides(ws, weights: Mapping[str, float] | None = None, frame: str = "alle",
                      normalisation: str = "zscore") -> dict[str, Any]:
    """The configuration overrides for :func:`wijklib.analysis.run_analysis` that the playground uses.

    Parameters
    ----------
    ws : Werkset
    weights : mapping, optional
        Domain id -> weight (>= 0); domains left out keep weight 1.
    frame : str
        Key of :data:`FRAMES`.
    normalisation : str
        Key of :data:`NORMALISATIONS`.
    """
    _check_choice(frame, FRAMES, "referentiekader")
    _check_choice(normalisation, NORMALISATIONS, "normalisatie")
    doms = {}
    for key, value in (weights or {}).items():
        try:
            w = float(value)
        except (TypeError, ValueError):
            raise InputError(f"gewicht van {key!r} is {value!r}; verwacht een getal van 0 of meer",
                             column="gewichten") from None
        if not w >= 0:
            raise InputError(f"gewicht van {key!r} is {value!r}; verwacht een getal van 0 of meer", column="gewichten")
        doms[str(key)] = w
    reference: dict[str, Any] = {"frame": "all"}
    if frame == "vergelijkbaar":
        reference = {"frame": "peers", "peers": {"k": PEER_COUNT}}
    elif frame == "woonbuurten":
        reference = {"frame": "list", "areas": residential_buurten(ws)}
    return {"weights": {"scheme": "equal_domains", "domains": doms}, "reference": reference,
            "normalisation": {"method": normalisation}, "uncertainty": {"draws": 0}}


def compute_urgency(ws, weights: Mapping[str, float] | None = None, frame: str = "alle",
                    normalisation: str = "zscore"):
    """Run the urgency analysis with the playground's settings (no uncertainty draws; warnings silenced).

    Returns
    -------
    wijklib.urgency.UrgencyResult
    """
    from wijklib.analysis import run_analysis

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # diagnostics are discussed in the main urgency notebook
        return run_analysis(ws, overrides=urgency_overrides(ws, weights, frame, normalisation))


def scored_domains(result) -> list[str]:
    """Domain ids that have a score column in the result, in the engine's order."""
    return [c[len("domain_"):] for c in result.scores.columns if c.startswith("domain_")]


def ranking(result, baseline=None, *, top: int | None = None) -> pd.DataFrame:
    """The ranking as a Dutch table: rang, buurt, buurtcode, urgentie-index and the shift against ``baseline``.

    ``verschuiving`` says how many places a buurt rose (▲) or fell (▼) compared with the baseline result.
    Buurten without a score (too few data) come last, without a rank.
    """
    s = result.scores
    out = pd.DataFrame({"rang": s["rank"], "buurt": s["name"], "buurtcode": s.index,
                        "urgentie-index": s["index"].round(2)})
    if baseline is not None:
        before = baseline.scores["rank"].reindex(s.index)
        shift = []
        for now, was in zip(s["rank"], before):
            if pd.isna(now) or pd.isna(was):
                shift.append("")
            elif now == was:
                shift.append("=")
            else:
                shift.append(f"▲ {int(was - now)}" if now < was else f"▼ {int(now - was)}")
        out["verschuiving"] = shift
    out = out.sort_values(["rang", "buurt"], na_position="last").reset_index(drop=True)
    out["rang"] = out["rang"].astype("Int64")
    return out.head(top) if top else out


def top_areas(result, k: int = 5) -> list[str]:
    """Codes of the ``k`` most urgent buurten."""
    return list(result.scores.dropna(subset=["rank"]).sort_values("rank").index[:k])


def settings_text(weights: Mapping[str, float] | None, frame: str, normalisation: str) -> str:
    """One Dutch line describing the settings (shown above the table and in the map title)."""
    from wijklib.charts import domain_label

    changed = {d: w for d, w in (weights or {}).items() if float(w) != 1.0}
    w_text = ", ".join(f"{domain_label(d).lower()} {float(w):g}" for d, w in changed.items()) or "alle domeinen 1"
    return f"Referentie: {FRAMES[frame].lower()}; normalisatie: {normalisation}; gewichten: {w_text}"


def rank_map(ws, result, *, title: str = "Rang in urgentie", figsize: tuple[float, float] = (6.6, 4.8),
             label_top: int = 5):
    """Static map of the ranks in four classes (top 5 darkest, with names); buurten without a score hatched/grey."""
    from wijklib import maps

    scores = result.scores[["rank"]].copy()
    scores["kaartstatus"] = maps.score_status(result.scores, "index")
    classes = maps.classify(scores["rank"], "fixed", bins=list(_RANK_BINS), labels=list(_RANK_LABELS),
                            reverse=True, title="Rang", basis="rang 1 = meest urgent")
    fig = maps.static_map(ws.buurten, scores, value="rank", classification=classes, status="kaartstatus",
                          title=title, figsize=figsize,
                          source="Fictieve demodata (Lindewaard)" if ws.fictional else "Bron: CBS; bewerking wijklib")
    _label_top(fig.axes[0], ws, top_areas(result, label_top))
    fig.subplots_adjust(left=0.02, right=0.72)
    return fig


def _label_top(ax, ws, codes: list[str]) -> None:
    """Mark the given buurten on the map with their rank only, and list rank and name beside the map.

    Full names on small neighbouring buurten overlap; a number does not, and the list keeps the names readable.
    """
    import matplotlib.patheffects as pe

    gdf = ws.buurten.set_index("area_code").to_crs("EPSG:28992")
    for rank, code in enumerate(codes, start=1):
        pt = gdf.loc[code].geometry.representative_point()
        ax.annotate(str(rank), (pt.x, pt.y), ha="center", va="center", fontsize=8, fontweight="bold",
                    path_effects=[pe.withStroke(linewidth=2.5, foreground="white")])
    if codes:
        listing = "\n".join(f"{rank}. {ws.names.get(code, code)}" for rank, code in enumerate(codes, start=1))
        ax.text(1.03, 0.0, "Top " + str(len(codes)) + ":\n" + listing, transform=ax.transAxes, ha="left",
                va="bottom", fontsize=7, gid="wijklib-top-lijst")


def ranking_html(table: pd.DataFrame, caption: str) -> str:
    """The ranking table as HTML with a fixed class (``wijklib-ranglijst``) for styling and browser tests."""
    body = table.to_html(index=False, classes="wijklib-ranglijst", border=0, na_rep="", escape=True)
    return f"<div class='wijklib-ranglijst-kader'><p><b>{html.escape(caption)}</b></p>{body}</div>"


class UrgencyPlayground:
    """ipywidgets dashboard around :func:`compute_urgency` (works in JupyterLab and Voilà).

    Parameters
    ----------
    ws : Werkset
    weights : mapping, optional
        Starting weight per domain (missing domains start at 1).
    frame, normalisation : str
        Starting choices (keys of :data:`FRAMES` and :data:`NORMALISATIONS`).
    top : int
        Rows of the ranking table.

    Notes
    -----
    The constructor computes once (the default settings; a second time only when the starting values differ) and
    shows the ranking table, so :meth:`ranking` works without anyone touching a widget (papermill, static HTML).
    The map is drawn lazily: on the first interaction or a click on *Toon de kaart*, so building the widget stays
    cheap even on a busy machine. Widgets only update in a live kernel.
    """

    def __init__(self, ws, weights: Mapping[str, float] | None = None, frame: str = "alle",
                 normalisation: str = "zscore", *, top: int = 10) -> None:
        import ipywidgets as w

        from wijklib.charts import domain_label

        self.ws = ws
        self.top = top
        self.baseline = compute_urgency(ws)
        self.domains = scored_domains(self.baseline)
        start = {d: 1.0 for d in self.domains}
        start.update({d: float(v) for d, v in (weights or {}).items()})
        unknown = sorted(set(start) - set(self.domains))
        if unknown:
            raise InputError(f"onbekend domein {unknown[0]!r} in de gewichten; kies uit {choices_nl(self.domains)}",
                             column="gewichten")
        style = {"description_width": "170px"}
        layout = w.Layout(width="380px")
        self.sliders = {d: w.FloatSlider(value=start[d], min=0.0, max=3.0, step=0.5, description=domain_label(d),
                                         continuous_update=False, style=style, layout=layout, readout_format=".1f")
                        for d in self.domains}
        narrow = {"description_width": "100px"}
        self.frame = w.Dropdown(options=[(label, key) for key, label in FRAMES.items()],
                                value=_check_choice(frame, FRAMES, "referentiekader"), description="Vergelijk met",
                                style=narrow, layout=layout)
        self.normalisation = w.Dropdown(options=[(label, key) for key, label in NORMALISATIONS.items()],
                                        value=_check_choice(normalisation, NORMALISATIONS, "normalisatie"),
                                        description="Normalisatie", style=narrow, layout=layout)
        self.reset = w.Button(description="Terug naar standaard")
        self.table_out = w.Output()
        self.map_out = w.Output()
        self.message = w.HTML()
        for control in [*self.sliders.values(), self.frame, self.normalisation]:
            control.observe(self._changed, names="value")
        self.reset.on_click(self._reset)
        controls = w.VBox([w.HTML("<b>Gewicht per domein</b> (0 = telt niet mee, 3 = drie keer zo zwaar)"),
                           *self.sliders.values(), w.HTML("<b>Waarmee vergelijk je?</b>"), self.frame,
                           self.normalisation, self.reset, self.message],
                          layout=w.Layout(flex="0 0 auto", min_width="400px"))  # never squeezed by the map
        results = w.VBox([self.table_out, self.map_out], layout=w.Layout(flex="1 1 0%", min_width="520px"))
        self.widget = w.HBox([controls, results], layout=w.Layout(flex_flow="row wrap"))
        self.widget.add_class("wijklib-speeltuin")
        self.result = None
        self._map_on = False
        self.show_map = w.Button(description="Toon de kaart", layout=w.Layout(width="auto"))
        self.show_map.on_click(self._show_map)
        with self.map_out:
            from IPython.display import display

            display(self.show_map)
        self.update(draw_map=False)

    # -- state ----------------------------------------------------------------------------------------------
    @property
    def weights(self) -> dict[str, float]:
        return {d: float(s.value) for d, s in self.sliders.items()}

    def settings(self) -> dict[str, Any]:
        """The current choices as JSON-able values (for the notebook's parameters)."""
        return {"gewichten": self.weights, "referentiekader": self.frame.value,
                "normalisatie": self.normalisation.value}

    def ranking(self) -> pd.DataFrame:
        """The ranking at the current settings, with the shift against the default settings."""
        return ranking(self.result, self.baseline, top=self.top)

    def momentopname(self):
        """A button that freezes the ranking at the current slider settings into a table (no cell is re-run).

        Returns an ipywidgets box with a *Maak een momentopname* button; each click adds a table without index,
        headed by the settings in Dutch. The first snapshot (the starting settings) is shown at once.
        """
        import ipywidgets as w

        shots = w.VBox()
        button = w.Button(description="Maak een momentopname", button_style="info",
                          layout=w.Layout(width="auto"))

        def take(_=None) -> None:
            n = len(shots.children) + 1
            caption = (f"Momentopname {n}. "
                       + settings_text(self.weights, self.frame.value, self.normalisation.value))
            shots.children = (*shots.children, w.HTML(ranking_html(self.ranking(), caption)))

        button.on_click(take)
        take()
        box = w.VBox([button, shots])
        box.add_class("wijklib-momentopname")
        return box

    # -- updates --------------------------------------------------------------------------------------------
    def _is_default(self) -> bool:
        return (all(v == 1.0 for v in self.weights.values()) and self.frame.value == "alle"
                and self.normalisation.value == "zscore")

    def update(self, draw_map: bool = True) -> None:
        """Recompute with the current settings and redraw the table (and the map, once it is switched on).

        With the default settings the baseline is reused: nothing is computed twice.
        """
        import matplotlib.pyplot as plt
        from IPython.display import HTML, display

        try:
            self.result = (self.baseline if self._is_default() else
                           compute_urgency(self.ws, self.weights, self.frame.value, self.normalisation.value))
        except InputError as exc:
            self.message.value = f"<span style='color:#a50026'>Kan niet rekenen: {html.escape(str(exc))}</span>"
            return
        self.message.value = ""
        caption = settings_text(self.weights, self.frame.value, self.normalisation.value)
        with self.table_out:
            self.table_out.clear_output(wait=True)
            display(HTML(ranking_html(self.ranking(), caption)))
        if not draw_map:
            return
        self._map_on = True
        with self.map_out:
            self.map_out.clear_output(wait=True)
            fig = rank_map(self.ws, self.result, title="Rang in urgentie bij deze instellingen")
            display(fig)
            plt.close(fig)

    def _show_map(self, _button=None) -> None:
        self.update()

    def _changed(self, change) -> None:
        self.update()

    def _reset(self, _button) -> None:
        for s in self.sliders.values():
            s.unobserve(self._changed, names="value")
            s.value = 1.0
            s.observe(self._changed, names="value")
        self.frame.unobserve(self._changed, names="value")
        self.normalisation.unobserve(self._changed, names="value")
        self.frame.value, self.normalisation.value = "alle", "zscore"
        self.frame.observe(self._changed, names="value")
        self.normalisation.observe(self._changed, names="value")
        self.update()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
