"""ipywidgets forms whose answers are saved to a file on every change.

The forms are meant for JupyterLab: a respondent clicks through the 57 statements of the quickscan (or a team
fills in the working-principles worksheet) and every change is written at once, atomically, to a plain file. When
the notebook is run again, the form reads that file first, so answers are never lost or overwritten by a re-run.
Creating a form never writes anything; only a change does. That makes the forms harmless under papermill.

The saving logic is separate from the widgets (:meth:`QuickscanForm.set_answer`, :meth:`QuickscanForm.save`), so
tests can fill in a form programmatically and build a second form from the same file, as after a kernel restart.

Widgets only render in a live kernel (JupyterLab, Voilà); an HTML export shows nothing in their place. Each form
therefore displays a short Markdown text first (:meth:`text_alternative`): what the form does, where it saves
(relative to the project folder) and what to use without JupyterLab.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from wijklib.errors import InputError

from wijklib.privacy import escape_html as _e  # user text in widget HTML (also kept in exported widget state)

from ._files import atomic_write_text
from .quickscan import (PARTNERS, SCHAAL, WEET_NIET, _check_respondent, answers_to_csv, parse_score, quickscan_items,
                        read_answers)

__all__ = ["QuickscanForm", "WorksheetForm", "InterventionBrowser"]

_ONLY_LIVE = "(alleen zichtbaar in JupyterLab of Voilà)"


def shown_path(path: str | Path) -> str:
    """A path as shown to users: relative to the project folder (or the working folder) when it lies inside it."""
    from wijklib.notebooks import REPO_ROOT

    p = Path(path)
    absolute = p.resolve() if p.is_absolute() or p.exists() else (Path.cwd() / p).resolve()
    for base in (REPO_ROOT.resolve(), Path.cwd().resolve()):
        try:
            return absolute.relative_to(base).as_posix()
        except ValueError:
            continue
    return p.as_posix()


class _LiveForm:
    """A widget form: shown in a notebook as its Dutch text alternative followed by the widget itself."""

    widget: Any

    def text_alternative(self) -> str:
        """What the form is, for readers of an export where widgets do not render (Dutch Markdown)."""
        raise NotImplementedError

    def _ipython_display_(self) -> None:  # pragma: no cover - display in a notebook
        from IPython.display import Markdown, display

        display(Markdown(self.text_alternative()))
        display(self.widget)


_OPTIONS: list[tuple[str, Any]] = [("—", None)] + [(f"{k} {v}", k) for k, v in SCHAAL.items()] + [(WEET_NIET, WEET_NIET)]


class QuickscanForm(_LiveForm):
    """A quickscan form for one respondent at a time, saved to a CSV answers file on every change.

    Parameters
    ----------
    path : str or Path
        The answers file (CSV, long format as read by :func:`wijklib.readiness.read_answers`). It may already hold
        answers of other respondents; those are kept. It is created on the first change.
    respondent : str
        Code of the respondent (e.g. ``"R06"``); can also be typed into the form. Existing answers of this
        respondent are loaded.
    partner : str
        Partner type (key of :data:`PARTNERS`); taken from the file when the respondent already has answers.
    cat : Catalogue, optional

    Examples
    --------
    >>> form = QuickscanForm("antwoorden.csv", respondent="R06", partner="welzijn")  # doctest: +SKIP
    >>> form                       # shows the widgets in JupyterLab  # doctest: +SKIP
    >>> form.set_answer("lk.rv.urgentiebesef.vo1", 2)   # same as clicking; saved at once  # doctest: +SKIP
    """

    def __init__(self, path: str | Path, *, respondent: str = "", partner: str = "gemeente", cat=None) -> None:
        import ipywidgets as w

        self.path = Path(path)
        self.items = quickscan_items(cat)
        self._cat = cat
        self._loading = False
        self.saves = 0
        self.last_error: str | None = None
        self._values: dict[str, Any] = {}
        self._notes: dict[str, str] = {}

        self.respondent_box = w.Text(value="", description="Respondent", placeholder="code, bv. R06",
                                     continuous_update=False)
        self.partner_box = w.Dropdown(options=[(v, k) for k, v in PARTNERS.items()], value=partner if partner in PARTNERS
                                      else "overig", description="Partner")
        self.status = w.HTML()
        self.score_widgets: dict[str, Any] = {}
        self.note_widgets: dict[str, Any] = {}
        sections, titles = [], []
        for rv, group in self.items.groupby("randvoorwaarde", sort=False):
            rows = []
            for _, it in group.iterrows():
                toggle = w.ToggleButtons(options=_OPTIONS, value=None, style={"button_width": "92px"})
                note = w.Text(placeholder="toelichting (optioneel, geen namen)", continuous_update=False,
                              layout=w.Layout(width="95%"))
                toggle.observe(self._on_score(it["item"]), names="value")
                note.observe(self._on_note(it["item"]), names="value")
                self.score_widgets[it["item"]] = toggle
                self.note_widgets[it["item"]] = note
                head = w.HTML(f"<b>{_e(it['nr'])}. {_e(it['kort'])}</b><br>{_e(it['stelling'])}")
                rows.append(w.VBox([head, toggle, note],
                                   layout=w.Layout(margin="0 0 10px 0")))
            sections.append(w.VBox(rows))
            titles.append(f"{group['rv_nr'].iloc[0]}. {group['randvoorwaarde_naam'].iloc[0]} (bouwsteen "
                          f"{group['bouwsteen'].iloc[0]})")
        self.accordion = w.Accordion(children=sections, titles=tuple(titles))
        self.respondent_box.observe(lambda ch: self.load_respondent(ch["new"]), names="value")
        self.partner_box.observe(self._on_partner, names="value")
        self.widget = w.VBox([
            w.HTML("<b>Quickscan randvoorwaarden</b>: 0 = niet, 1 = deels, 2 = grotendeels, 3 = op orde; "
                   "'weet niet' telt niet als 0. Elke wijziging wordt direct opgeslagen."),
            w.HBox([self.respondent_box, self.partner_box]), self.status, self.accordion])
        self.load_respondent(respondent)

    # -- state ------------------------------------------------------------------------------------------------
    @property
    def respondent(self) -> str:
        return self.respondent_box.value.strip()

    @property
    def partner(self) -> str:
        return self.partner_box.value

    def _read_file(self) -> pd.DataFrame | None:
        if not self.path.exists() or self.path.stat().st_size == 0:
            return None
        return read_answers(self.path, cat=self._cat)

    def load_respondent(self, respondent: str) -> None:
        """Show the answers of ``respondent`` from the file (empty form for a new respondent)."""
        respondent = (respondent or "").strip()
        if respondent:
            try:
                _check_respondent(respondent)
            except ValueError as exc:
                self._set_status(str(exc), error=True)
                return
        self._loading = True
        try:
            if self.respondent_box.value.strip() != respondent:
                self.respondent_box.value = respondent
            existing = self._read_file()
            mine = existing[existing["respondent"] == respondent] if existing is not None and respondent else None
            self._values = {i: None for i in self.items["item"]}
            self._notes = {i: "" for i in self.items["item"]}
            if mine is not None and len(mine):
                self.partner_box.value = mine["partner"].iloc[0]
                for _, row in mine.iterrows():
                    self._values[row["item"]] = WEET_NIET if row["weet_niet"] else int(row["score"])
                    self._notes[row["item"]] = row["toelichting"] or ""
            for item, toggle in self.score_widgets.items():
                toggle.value = self._values[item]
                self.note_widgets[item].value = self._notes[item]
        finally:
            self._loading = False
        n = sum(v is not None for v in self._values.values())
        if not respondent:
            self._set_status("Vul eerst een respondentcode in (bv. R06); daarna wordt elke keuze opgeslagen.")
        else:
            self._set_status(f"Respondent {respondent}: {n} van {len(self._values)} stellingen beantwoord "
                             f"(bestand: {shown_path(self.path)}).")

    def answers(self) -> pd.DataFrame:
        """The current respondent's answers as rows in the file format (respondent, partner, item, score, ...)."""
        rows = []
        for item, value in self._values.items():
            note = self._notes.get(item, "")
            if value is None and not note:
                continue
            rows.append({"respondent": self.respondent, "partner": self.partner, "item": item,
                         "score": value if value is not None else "", "toelichting": note,
                         "datum": dt.date.today().isoformat()})
        return pd.DataFrame(rows, columns=["respondent", "partner", "item", "score", "toelichting", "datum"])

    def set_answer(self, item: str, score: Any, toelichting: str | None = None) -> None:
        """Answer one statement programmatically (same effect as clicking): validated and saved at once."""
        if item not in self.score_widgets:
            raise InputError(f"onbekend item {item!r}", column="item")
        value = parse_score(score)
        self.score_widgets[item].value = value          # triggers the observer, which saves
        if toelichting is not None:
            self.note_widgets[item].value = toelichting

    def save(self) -> Path | None:
        """Merge this respondent's answers into the file (other respondents' rows are re-read and kept)."""
        if not self.respondent:
            self._set_status("Niet opgeslagen: vul eerst een respondentcode in.", error=True)
            return None
        existing = self._read_file()
        current = self.answers()
        mine = read_answers(current, cat=self._cat) if len(current) else None
        others = existing[existing["respondent"] != self.respondent] if existing is not None else None
        frames = [f for f in (others, mine) if f is not None and len(f)]
        merged = pd.concat(frames, ignore_index=True) if frames else read_answers(
            pd.DataFrame(columns=["respondent", "partner", "item", "score"]), cat=self._cat)
        atomic_write_text(self.path, answers_to_csv(merged))
        self.saves += 1
        n = sum(v is not None for v in self._values.values())
        self._set_status(f"Opgeslagen om {dt.datetime.now():%H:%M:%S}: respondent {self.respondent} "
                         f"({PARTNERS[self.partner]}), {n} van {len(self._values)} stellingen beantwoord.")
        return self.path

    # -- observers --------------------------------------------------------------------------------------------
    def _on_score(self, item: str):
        def handler(change):
            if self._loading:
                return
            self._values[item] = change["new"]
            self._safe_save()
        return handler

    def _on_note(self, item: str):
        def handler(change):
            if self._loading:
                return
            self._notes[item] = (change["new"] or "").strip()
            if self._values.get(item) is None:
                self._set_status("De toelichting wordt bewaard zodra je bij deze stelling een score (of 'weet niet') "
                                 "kiest.")
                return
            self._safe_save()
        return handler

    def _on_partner(self, change) -> None:
        if self._loading:
            return
        if any(v is not None for v in self._values.values()):
            self._safe_save()

    def _safe_save(self) -> None:
        try:
            self.save()
        except InputError as exc:  # e.g. the file was edited by hand and is now invalid: show, do not crash
            self._set_status(f"Niet opgeslagen: {exc}", error=True)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.last_error = text if error else None
        colour = "#b00020" if error else "#333333"
        self.status.value = f"<span style='color:{colour}'>{_e(text)}</span>"

    def text_alternative(self) -> str:
        """What the form is, for readers of an export where widgets do not render (Dutch Markdown)."""
        n_rv = self.items["randvoorwaarde"].nunique()
        return (f"**Invulformulier quickscan** {_ONLY_LIVE}: {len(self.items)} stellingen bij {n_rv} "
                "randvoorwaarden, per stelling 0 (niet) tot 3 (op orde) of 'weet niet'. Elke klik wordt meteen "
                f"bewaard in `{shown_path(self.path)}`. Zie je hieronder geen formulier, bijvoorbeeld in de "
                "HTML-export, vul dan het sjabloon `templates/invoer/quickscan/quickscan_antwoorden.xlsx` in.")

    def __repr__(self) -> str:
        n = sum(v is not None for v in self._values.values())
        return f"QuickscanForm({str(self.path)!r}, respondent={self.respondent!r}, beantwoord={n})"


class WorksheetForm(_LiveForm):
    """The working-principles worksheet of one intervention as a form, saved as YAML on every change.

    Left: the seven start questions and the context similarity; right: per principle whether it is present and
    how, with its how-to and watch-for from the catalogue. An existing worksheet file is loaded first.

    Parameters
    ----------
    folder : str or Path
        Folder of the worksheets (``werkblad_<id>.yaml``), or the path of one ``.yaml`` file.
    interventie : str
        Id from the intervention catalogue view (``lk.iv.*``, ``ib.aanpak.*`` or ``eigen.*``).
    gebied : str
        Area the worksheet is about (used for a new worksheet).
    eigen : list of Intervention, optional
        Own interventions, to resolve ``eigen.*`` ids.
    """

    def __init__(self, folder: str | Path, interventie: str, *, gebied: str = "", cat=None, eigen=None) -> None:
        import ipywidgets as w

        from .worksheet import (AANWEZIG, CONTEXT_LABELS, load_worksheet, new_worksheet, principles_guide,
                                save_worksheet, startquestions_frame, worksheet_path)

        if cat is None:
            from wijklib.catalogue import load_catalogue

            cat = load_catalogue()
        self._cat = cat
        self._save = save_worksheet
        target = Path(folder)
        self.path = target if target.suffix.lower() in (".yaml", ".yml") else worksheet_path(target, interventie)
        self.ws = load_worksheet(self.path, cat=cat) if self.path.exists() else new_worksheet(
            interventie, gebied=gebied, cat=cat, eigen=eigen)
        self.saves = 0
        self._loading = True
        self.status = w.HTML()
        self.question_widgets: dict[str, Any] = {}
        left = [w.HTML(f"<h4>{_e(self.ws.interventie_naam)}</h4>")]
        self.roles_box = w.Text(value=", ".join(self.ws.ingevuld_door), description="Ingevuld door",
                                placeholder="rollen, bv. gemeente, politie", continuous_update=False)
        self.owner_box = w.Text(value=self.ws.eigenaar, description="Eigenaar", continuous_update=False,
                                placeholder="organisatie die de interventie elders uitvoert")
        left += [self.roles_box, self.owner_box]
        for _, q in startquestions_frame(cat).iterrows():
            area = w.Textarea(value=self.ws.startvragen.get(q["id"], ""), placeholder="antwoord",
                              continuous_update=False, layout=w.Layout(width="98%", height="60px"))
            area.observe(self._on_question(q["id"]), names="value")
            self.question_widgets[q["id"]] = area
            left.append(w.HTML(f"<b>{_e(q['nr'])}. {_e(q['vraag'])}</b>"))
            left.append(area)
        self.context_box = w.Dropdown(options=[("nog niet ingeschat", None)] + [
            (f"{k} {v}", k) for k, v in CONTEXT_LABELS.items()], value=self.ws.contextgelijkenis,
            description="Context (6)")
        left.append(self.context_box)
        self.notes_box = w.Textarea(value=self.ws.notities, placeholder="notities", continuous_update=False,
                                    layout=w.Layout(width="98%"))
        left.append(self.notes_box)
        right = [w.HTML("<h4>Werkzame principes</h4>")]
        self.principle_widgets: dict[str, tuple[Any, Any]] = {}
        for _, p in principles_guide(cat).iterrows():
            cur = self.ws.principes.get(p["id"], {"aanwezig": "onbekend", "hoe": ""})
            toggle = w.ToggleButtons(options=list(AANWEZIG), value=cur["aanwezig"], style={"button_width": "80px"})
            how = w.Text(value=cur["hoe"], placeholder="hoe zit het principe in deze interventie?",
                         continuous_update=False, layout=w.Layout(width="98%"))
            toggle.observe(self._on_principle(p["id"]), names="value")
            how.observe(self._on_principle(p["id"]), names="value")
            self.principle_widgets[p["id"]] = (toggle, how)
            tips = "".join(f"<li>{_e(t)}</li>" for t in p["hoe_toepassen"])
            watch = "".join(f"<li>{_e(t)}</li>" for t in p["waar_op_letten"])
            right.append(w.HTML(f"<b>{_e(p['principe'])}</b>: {_e(p['hoe_werkt_het'])}<details><summary>Hoe "
                                f"toepassen en waar op letten</summary><ul>{tips}</ul><i>Let op:</i>"
                                f"<ul>{watch}</ul></details>"))
            right += [toggle, how]
        for box in (self.roles_box, self.owner_box, self.context_box, self.notes_box):
            box.observe(self._on_meta, names="value")
        self.widget = w.VBox([self.status, w.HBox([w.VBox(left, layout=w.Layout(width="55%")),
                                                   w.VBox(right, layout=w.Layout(width="45%"))])])
        self._loading = False
        self.status.value = (f"Werkblad {'geladen uit' if self.path.exists() else 'nieuw; wordt opgeslagen in'} "
                             f"{shown_path(self.path)}")

    def _on_question(self, qid: str):
        def handler(change):
            if not self._loading:
                self.ws.startvragen[qid] = (change["new"] or "").strip()
                self.save()
        return handler

    def _on_principle(self, wid: str):
        def handler(change):
            if not self._loading:
                toggle, how = self.principle_widgets[wid]
                self.ws.principes[wid] = {"aanwezig": toggle.value, "hoe": (how.value or "").strip()}
                self.save()
        return handler

    def _on_meta(self, change) -> None:
        if self._loading:
            return
        self.ws.ingevuld_door = [r.strip() for r in self.roles_box.value.split(",") if r.strip()]
        self.ws.eigenaar = self.owner_box.value.strip()
        self.ws.contextgelijkenis = self.context_box.value
        self.ws.notities = (self.notes_box.value or "").strip()
        self.save()

    def set_answer(self, vraag: str, text: str) -> None:
        """Answer a start question (id, short or full) programmatically; saved at once."""
        qid = vraag if vraag in self.question_widgets else f"lk.sv.{vraag}"
        if qid not in self.question_widgets:
            raise InputError(f"onbekende startvraag {vraag!r}", column="startvragen")
        self.question_widgets[qid].value = text

    def set_principle(self, principe: str, aanwezig: str, hoe: str = "") -> None:
        """Record a principle (id, short or full) programmatically; saved at once."""
        wid = principe if principe in self.principle_widgets else f"lk.wp.{principe}"
        if wid not in self.principle_widgets:
            raise InputError(f"onbekend principe {principe!r}", column="principes")
        toggle, how = self.principle_widgets[wid]
        how.value = hoe
        toggle.value = aanwezig

    def save(self) -> Path:
        """Write the worksheet atomically."""
        self.ws.datum = dt.date.today()
        self._save(self.ws, self.path)
        self.saves += 1
        self.status.value = f"Opgeslagen om {dt.datetime.now():%H:%M:%S} in {shown_path(self.path)}"
        return self.path

    def text_alternative(self) -> str:
        """What the form is, for readers of an export where widgets do not render (Dutch Markdown)."""
        return (f"**Werkblad werkzame principes voor *{self.ws.interventie_naam}*** {_ONLY_LIVE}: links de zeven "
                "startvragen en de vergelijkbaarheid van de context, rechts per werkzaam principe of het in de "
                "interventie zit en hoe. Elke wijziging wordt meteen bewaard in "
                f"`{shown_path(self.path)}`. Zonder JupyterLab vul je hetzelfde werkblad als YAML-bestand met de "
                "hand in; het ingevulde demo-werkblad hierboven laat zien hoe.")


class InterventionBrowser(_LiveForm):
    """Filter widgets over the intervention catalogue view; the table below updates on every change.

    All filtering is done by :func:`wijklib.readiness.filter_interventions`; this class only wires widgets to it.
    """

    def __init__(self, interventions, *, cat=None) -> None:
        import ipywidgets as w

        from .interventions import facet_options

        if cat is None:
            from wijklib.catalogue import load_catalogue

            cat = load_catalogue()
        self._cat = cat
        self.interventions = list(interventions)
        opts = facet_options(self.interventions, cat)
        layout = w.Layout(width="32%", height="110px")
        self.filters = {
            "soort": w.SelectMultiple(options=opts["soort"], description="Soort", layout=layout),
            "probleemdomein": w.SelectMultiple(options=opts["probleemdomein"], description="Probleem", layout=layout),
            "fenomeen": w.SelectMultiple(options=opts["fenomeen"], description="Fenomeen", layout=layout),
            "mechanisme": w.SelectMultiple(options=opts["mechanisme"], description="Werking", layout=layout),
            "principe": w.SelectMultiple(options=opts["principe"], description="Principe", layout=layout),
            "randvoorwaarde": w.SelectMultiple(options=opts["randvoorwaarde"], description="Randvw.", layout=layout),
        }
        self.trede = w.IntRangeSlider(value=(1, 6), min=1, max=6, description="Trede")
        self.doelgroep = w.Text(description="Doelgroep", continuous_update=False)
        self.partner = w.Text(description="Partner", continuous_update=False)
        self.zoek = w.Text(description="Zoek", continuous_update=False)
        self.count = w.HTML()
        self.output = w.Output()
        for widget in list(self.filters.values()) + [self.trede, self.doelgroep, self.partner, self.zoek]:
            widget.observe(lambda _: self.refresh(), names="value")
        boxes = list(self.filters.values())
        self.widget = w.VBox([w.HBox(boxes[:3]), w.HBox(boxes[3:]),
                              w.HBox([self.trede, self.doelgroep]), w.HBox([self.partner, self.zoek]),
                              self.count, self.output])
        self.refresh()

    def current(self):
        """The interventions that pass the current filter settings."""
        from .interventions import filter_interventions

        lo, hi = self.trede.value
        return filter_interventions(
            self.interventions, **{k: list(v.value) or None for k, v in self.filters.items()},
            trede_min=lo if lo > 1 else None, trede_max=hi if hi < 6 else None, doelgroep=self.doelgroep.value or None,
            partner=self.partner.value or None, zoek=self.zoek.value or None)

    def refresh(self) -> None:
        from .interventions import interventions_frame

        found = self.current()
        self.count.value = f"<b>{len(found)}</b> van {len(self.interventions)} interventies"
        self.output.clear_output()
        with self.output:
            from IPython.display import display

            display(interventions_frame(found, self._cat)[["naam", "soort", "trede", "fenomenen", "probleemdomeinen",
                                                           "principes"]])

    def text_alternative(self) -> str:
        """What the filter does, for readers of an export where widgets do not render (Dutch Markdown)."""
        return (f"**Filter op interventies** {_ONLY_LIVE}: kies soort, probleem, fenomeen, werking, principe, "
                "randvoorwaarde, participatietrede, doelgroep of partner; de tabel eronder toont meteen de "
                f"interventies die passen (nu {len(self.current())} van {len(self.interventions)}). Zonder "
                "JupyterLab gebruik je dezelfde filters als functie, `filter_interventions(...)`, zoals hieronder.")
