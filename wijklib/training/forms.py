"""Code-free route through the exercises: a question display and a widget form per exercise.

``toon_vraag("oefening_3_4")`` shows the options, items and labels of an exercise (never the answers).
``formulier("oefening_3_4")`` shows input fields with Dutch labels and a *Controleer* button; the feedback of
:func:`wijklib.training.check` appears under the button, so nobody has to edit or re-run a cell (Voilà). The form
never waits for input: building it returns at once, so a notebook with forms runs to the end under papermill.
"""

from __future__ import annotations

import html
import io
from contextlib import redirect_stdout
from typing import Any

__all__ = ["toon_vraag", "formulier", "parse_form_value"]


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
    from wijklib.training.checks import check

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
        buffer = io.StringIO()
        with redirect_stdout(buffer):
            check(exercise_id, value(), streng=False, **context)
        text = buffer.getvalue().strip()
        colour = "#1b5e20" if text.startswith("Goed zo") else "#7a4b00"
        feedback.value = f"<p style='color:{colour}'>{html.escape(text)}</p>"

    button.on_click(on_click)
    box = w.VBox([title, *rows, button, feedback])
    box.add_class("wijklib-formulier")
    return box
