"""Code-free route through the exercises: a question display and a widget form per exercise.

``toon_vraag("oefening_3_4")`` shows the options, items and labels of an exercise (never the answers).
``formulier("oefening_3_4")`` shows input fields with Dutch labels and a *Controleer* button; the feedback of
:func:`wijklib.training.check` appears under the button, so nobody has to edit or re-run a cell (Voilà). The form
never waits for input: building it returns at once, so a notebook with forms runs to the end under papermill.

Forms share state: the table a learner checks in the form of exercise 4.1 (actors) is the actor table the form of
4.2 checks the relations against, and :func:`formulier_tabel` / :func:`netwerkformulier` draw the network from
the tables of the forms when the learner used them (the code-free route never falls back to the starter table of
a code cell).
"""

from __future__ import annotations

import html
import io
from contextlib import redirect_stdout
from typing import Any

__all__ = ["toon_vraag", "formulier", "parse_form_value", "formulier_tabel", "netwerkformulier", "reset_formulieren"]

#: Table exercises: exercise id -> (header the form starts with, allowed columns, required columns, table name).
TABLE_FORMS: dict[str, tuple[str, list[str], list[str], str]] = {
    "oefening_4_1": ("code; naam; wereld; persoon", ["code", "naam", "wereld", "persoon"], ["code", "naam"],
                     "actoren"),
    "oefening_4_2": ("bron; doel; soort", ["bron", "doel", "soort"], ["bron", "doel"], "relaties"),
}
#: Context a form takes from the form of another exercise: exercise -> {context name: source exercise}.
SHARED_CONTEXT: dict[str, dict[str, str]] = {"oefening_4_2": {"actoren": "oefening_4_1"}}
#: Answers checked in the forms of this kernel, by exercise id (tables as DataFrames).
_FORM_ANSWERS: dict[str, Any] = {}


def reset_formulieren() -> None:
    """Forget the answers given in the forms (for tests)."""
    _FORM_ANSWERS.clear()


def formulier_tabel(exercise_id: str, standaard: Any = None) -> Any:
    """The table the learner last checked in the form of a table exercise, or ``standaard`` if the form was not used.

    Examples
    --------
    >>> formulier_tabel("oefening_4_1", "tabel uit de code")
    'tabel uit de code'
    """
    return _FORM_ANSWERS.get(exercise_id, standaard)


def _read_form_table(exercise_id: str, text: str) -> Any:
    """Parse the text of a table form; None when it holds no rows (only the header or nothing)."""
    from wijklib.training.network import read_table

    header, columns, required, name = TABLE_FORMS[exercise_id]
    rows = [ln for ln in (text or "").splitlines() if ln.strip() and not ln.strip().startswith("#")]
    if not rows or (len(rows) == 1 and [c.strip().lower() for c in rows[0].split(";")] ==
                    [c.strip() for c in header.split(";")]):
        return None
    try:
        return read_table(text, columns, required=required, name=name)
    except Exception:  # noqa: BLE001 - the check reports what is wrong with the text
        return text


def _md(exercise_id: str) -> str:
    from wijklib.training.answers import _entry, _items, _labels, _options

    entry = _entry(exercise_id)
    parts = [f"**{entry['vraag']}**", ""]
    if entry["soort"] == "keuze":
        parts += [f"- **{k}**: {v}" for k, v in _options(exercise_id).items()]
    elif entry["soort"] == "koppeling":
        parts += [f"- **{k}**: {v}" for k, v in _items(exercise_id).items()]
        parts += ["", "Kies per onderdeel uit: " + "; ".join(f"*{v}*" for v in _labels(exercise_id).values())]
    elif entry["soort"] == "keuzes":
        parts += [f"Kies er {entry.get('aantal', 'een paar')} uit:", ""]
        parts += [f"- {v}" for v in _options(exercise_id).values()]
    return "\n".join(parts)


def toon_vraag(exercise_id: str) -> None:
    """Display the question of an exercise with its options or items (without answers)."""
    from IPython.display import Markdown, display

    display(Markdown(_md(exercise_id)))


def parse_form_value(kind: str, text: str) -> Any:
    """Turn the text of a form field into an answer for :func:`check` (lists are split on commas or semicolons).

    Examples
    --------
    >>> parse_form_value("buurten", "Merelhof, Kievitshof")
    ['Merelhof', 'Kievitshof']
    >>> parse_form_value("getal", " 12 ")
    '12'
    """
    text = (text or "").strip()
    if not text:
        return None
    if kind in ("buurten", "nummers", "keuzes"):
        sep = ";" if ";" in text else ","
        return [p.strip() for p in text.split(sep) if p.strip()]
    return text


def formulier(exercise_id: str, **context: Any):
    """A widget form for one exercise: fields with Dutch labels, a *Controleer* button and the feedback.

    Parameters
    ----------
    exercise_id : str
        For example ``"oefening_3_4"``.
    **context
        Passed on to :func:`check` (for example ``actoren=`` for the relation exercise).

    Returns
    -------
    ipywidgets.VBox
        The form (displayed when it is the last expression of a cell).
    """
    import ipywidgets as w

    from wijklib.training.answers import _entry, _items, _labels, _options
    from wijklib.training.checks import EMPTY_PROMPT_VOILA, _is_empty, check

    entry = _entry(exercise_id)
    kind = entry["soort"]
    nr = exercise_id.replace("oefening_", "").replace("_", ".")
    title = w.HTML(f"<b>Oefening {html.escape(nr)} zonder code</b>: {html.escape(entry['vraag'])}")
    layout = w.Layout(width="95%")
    fields: dict[str, Any] = {}
    if kind == "keuze":
        field = w.RadioButtons(options=[(f"{k}: {v}", k) for k, v in _options(exercise_id).items()], value=None,
                               layout=layout, description="")
        rows = [field]
        value = lambda: field.value  # noqa: E731
    elif kind == "koppeling":
        labels = _labels(exercise_id)
        rows = []
        for code, text in _items(exercise_id).items():
            dd = w.Dropdown(options=[("(kies)", "")] + [(v, k) for k, v in labels.items()], value="",
                            layout=w.Layout(width="60%"))
            fields[code] = dd
            rows.append(w.VBox([w.HTML(f"<b>{html.escape(code)}</b>: {html.escape(text)}"), dd]))
        def value():
            return {k: d.value for k, d in fields.items()} if any(d.value for d in fields.values()) else None
    elif kind == "keuzes":
        boxes = {k: w.Checkbox(description=v, value=False, indent=False, layout=layout)
                 for k, v in _options(exercise_id).items()}
        rows = list(boxes.values())
        value = lambda: [k for k, b in boxes.items() if b.value] or None  # noqa: E731
    elif exercise_id in TABLE_FORMS:
        header = TABLE_FORMS[exercise_id][0]
        field = w.Textarea(value=header + "\n", layout=w.Layout(width="95%", height="220px"))
        rows = [w.HTML("Eén regel per rij, de cellen gescheiden door een puntkomma (;)."), field]
        value = lambda: _read_form_table(exercise_id, field.value)  # noqa: E731
    elif kind == "eigen":
        field = w.Textarea(placeholder="typ hier je antwoord", layout=w.Layout(width="95%", height="140px"))
        rows = [field]
        value = lambda: parse_form_value(kind, field.value)  # noqa: E731
    else:
        hint = {"buurten": "namen of codes, gescheiden door komma's", "nummers": "nummers, gescheiden door komma's",
                "getal": "een getal", "buurt": "naam of code van de buurt",
                "catalogus": "naam zoals in de tabel, of het id"}.get(kind, "je antwoord")
        field = w.Text(placeholder=hint, description="Antwoord:", layout=layout)
        rows = [field]
        value = lambda: parse_form_value(kind, field.value)  # noqa: E731
    button = w.Button(description="Controleer", button_style="primary")
    feedback = w.HTML()

    def on_click(_):
        answer = value()
        if exercise_id in TABLE_FORMS:
            if answer is None:
                _FORM_ANSWERS.pop(exercise_id, None)
            elif not isinstance(answer, str):  # a readable table: later forms and the network use it
                _FORM_ANSWERS[exercise_id] = answer
        shared = {name: _FORM_ANSWERS[source] for name, source in SHARED_CONTEXT.get(exercise_id, {}).items()
                  if source in _FORM_ANSWERS}
        if _is_empty(answer):  # a neutral prompt that points at this form (there is no code line to edit)
            text = EMPTY_PROMPT_VOILA
        else:
            buffer = io.StringIO()
            with redirect_stdout(buffer):
                check(exercise_id, answer, streng=False, **{**context, **shared})
            text = buffer.getvalue().strip()
        colour = ("#1b5e20" if text.startswith("Goed zo") else "#7a4b00" if text.startswith("Nog niet")
                  else "#333333")
        feedback.value = f"<p style='color:{colour}'>{html.escape(text)}</p>"

    button.on_click(on_click)
    box = w.VBox([title, *rows, button, feedback])
    box.add_class("wijklib-formulier")
    return box


def netwerkformulier(actoren: Any, relaties: Any, *, titel: str = "Netwerk volgens één interview (FICTIEF)"):
    """A button that draws the network and its overview from the tables of the forms of 4.1 and 4.2.

    When the learner used those forms, their tables are used; otherwise the tables of the code cells
    (``actoren``, ``relaties``). Nothing is drawn until the button is clicked, so the cell returns at once.

    Returns
    -------
    ipywidgets.VBox
    """
    import ipywidgets as w

    button = w.Button(description="Teken het netwerk", button_style="info", layout=w.Layout(width="auto"))
    out = w.Output()

    def draw(_=None) -> None:
        import matplotlib.pyplot as plt
        from IPython.display import HTML, display

        from wijklib.stakeholders import build_graph, plot_network
        from wijklib.training.display import dutch_columns
        from wijklib.training.network import map_from_tables, network_summary

        act = formulier_tabel("oefening_4_1", actoren)
        rel = formulier_tabel("oefening_4_2", relaties)
        bron = ("de tabellen uit de formulieren" if "oefening_4_1" in _FORM_ANSWERS or "oefening_4_2" in _FORM_ANSWERS
                else "de tabellen uit de cellen met code")
        with out:
            out.clear_output(wait=True)
            try:
                kaart = map_from_tables(act, rel)
            except Exception as exc:  # noqa: BLE001 - shown to the learner
                display(HTML(f"<p style='color:#7a4b00'>Het netwerk kan nog niet getekend worden: "
                             f"{html.escape(str(exc))}</p>"))
                return
            display(HTML(f"<p>Getekend met {html.escape(bron)}.</p>"))
            fig = plot_network(build_graph(kaart), title=titel, figsize=(9, 7))
            display(fig)
            plt.close(fig)
            table = dutch_columns(network_summary(kaart))
            display(HTML(table.to_html(index=False, border=0, escape=True)))

    button.on_click(draw)
    box = w.VBox([button, out])
    box.add_class("wijklib-netwerkformulier")
    return box
