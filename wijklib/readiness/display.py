"""Readable tables for the notebooks: Dutch column labels, decimal commas, ``ja``/``nee``, wrapped text.

The analysis functions of :mod:`wijklib.readiness` return plain tables with stable column names (snake case,
booleans, ``None`` for a missing date), so that code and reports can use them. :func:`readable_table` turns such a
table into what a user reads in a notebook or its HTML export:

* column names through :data:`KOLOMLABELS` (e.g. ``aandeel_weet_niet`` -> "aandeel 'weet niet'");
* ``True``/``False`` -> ``ja``/``nee``; ``None``, ``NaN`` and ``NaT`` -> empty;
* numbers with a decimal comma (:func:`nl_number`); shares (columns in ``procent``) as percentages;
* long text in full, left-aligned and wrapped (no ``...`` truncation).

It returns a pandas ``Styler`` (HTML); ``str(...)``/``.data`` give the formatted values for tests.

Every cell, column label and caption is HTML-escaped (:func:`escaped_styler`): the tables show quickscan remarks,
respondent codes, own intervention names and tracker notes typed by users, and a Styler inserts cell text into
its HTML as it is. Use :func:`escaped_styler` for every other Styler table that shows user text.
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Mapping

import pandas as pd

from wijklib.format import number as nl_format

__all__ = ["KOLOMLABELS", "escaped_styler", "nl_number", "readable_frame", "readable_table"]

#: Column name -> label shown to users (columns not listed keep their name, with underscores as spaces).
KOLOMLABELS: dict[str, str] = {
    # quickscan
    "bouwsteen_naam": "naam bouwsteen", "randvoorwaarde_naam": "randvoorwaarde", "rv_nr": "nr",
    "aandeel_weet_niet": "aandeel 'weet niet'", "weet_niet": "weet niet", "eerst_aanpakken": "eerst aanpakken",
    "zwakste": "zwakste randvoorwaarde", "zwakste_score": "score zwakste", "n_randvoorwaarden": "randvoorwaarden",
    "n_eerst_aanpakken": "eerst aanpakken", "n_items": "stellingen", "n_items_beantwoord": "stellingen beantwoord",
    "n_antwoorden": "antwoorden", "n_weet_niet": "'weet niet'", "n_respondenten": "respondenten",
    "min_respondent": "laagste respondent", "max_respondent": "hoogste respondent",
    # interventions
    "wacht_op": "wacht op (poort dicht)", "hoe_werkt_het": "hoe werkt het", "hoe_toepassen": "hoe toepassen",
    "waar_op_letten": "waar op letten",
    # tracker
    "na_poort": "na het besluit", "alleen_bij": "alleen bij", "poort_open": "poort open",
    "aandeel_klaar": "deel klaar", "laatste_besluit": "laatste besluit", "besloten_door": "besloten door",
}


def nl_number(value: Any, decimals: int = 2) -> str:
    """A number with a decimal comma and a dot between thousands (``1234.5`` -> ``"1.234,50"``); empty for
    ``None``/``NaN``; other values as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(number):
        return ""
    return nl_format(number, decimals, missing="")


def escaped_styler(data):
    """A pandas Styler whose cells and labels are HTML-escaped (the one helper for user text in Styler tables).

    Parameters
    ----------
    data : DataFrame or Styler
        A table, or a Styler made from one (its own formatters are kept; escaping is added on top).

    Returns
    -------
    pandas.io.formats.style.Styler
        ``<``, ``>``, ``&``, ``"`` and ``'`` in cells, column labels and index labels are shown as text, so text
        such as ``<script>`` or ``<img onerror=...>`` can never run in a notebook, its HTML export or a report.
    """
    from wijklib.privacy import escape_html

    styler = data.style if isinstance(data, pd.DataFrame) else data
    styler = styler.format(formatter=escape_html)
    styler = styler.format_index(formatter=escape_html, axis=1)
    return styler.format_index(formatter=escape_html, axis=0)


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _cell(value: Any, *, decimals: int, percent: bool) -> Any:
    if isinstance(value, (list, tuple)):
        return " • ".join(str(v) for v in value)
    if _is_missing(value):
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "ja" if value else "nee"
    if isinstance(value, (int,)) or type(value).__name__.startswith("int"):
        return f"{int(value):d}"
    if isinstance(value, float) or type(value).__name__.startswith("float"):
        if percent:
            return f"{float(value):.0%}"
        return nl_number(value, decimals)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return value


def readable_frame(frame: pd.DataFrame, *, labels: Mapping[str, str] | None = None, decimals: int = 2,
                   procent: Iterable[str] = (), values: Mapping[str, Mapping[Any, str]] | None = None,
                   hide_index: bool = True) -> pd.DataFrame:
    """The formatted values as a DataFrame of strings (used by :func:`readable_table`; handy in tests).

    Parameters
    ----------
    frame : DataFrame
    labels : mapping, optional
        Extra column labels (over :data:`KOLOMLABELS`).
    decimals : int
        Decimals of floats (integers stay whole).
    procent : iterable of str
        Columns with shares (0-1) shown as percentages.
    values : mapping, optional
        Column -> {value: label}, e.g. ``{"spoor": SPOREN}``.
    hide_index : bool
        Drop an unnamed index; a named index (such as a step number) is always kept as a first column.
    """
    out = frame.copy()
    if out.index.name is not None or not hide_index:
        out = out.reset_index()
    values = values or {}
    share = set(procent)
    for col in out.columns:
        mapping = values.get(col)
        out[col] = [(_cell(mapping.get(v, v), decimals=decimals, percent=col in share) if mapping is not None
                     and not _is_missing(v) and not isinstance(v, (list, tuple)) else
                     _cell(v, decimals=decimals, percent=col in share)) for v in out[col]]
    names = {**KOLOMLABELS, **(labels or {})}
    out.columns = [names.get(c, str(c).replace("_", " ")) for c in out.columns]
    return out.reset_index(drop=True)


def readable_table(frame: pd.DataFrame, *, labels: Mapping[str, str] | None = None, decimals: int = 2,
                   procent: Iterable[str] = (), values: Mapping[str, Mapping[Any, str]] | None = None,
                   max_width: str = "34em", caption: str | None = None):
    """A table as users read it: Dutch labels and number format, full text left-aligned and wrapped.

    See :func:`readable_frame` for the parameters; ``max_width`` limits the width of text columns (longer text
    wraps), ``caption`` is shown above the table.

    Returns
    -------
    pandas.io.formats.style.Styler
    """
    shown = readable_frame(frame, labels=labels, decimals=decimals, procent=procent, values=values)
    numeric = [c for c, orig in zip(shown.columns, _source_columns(frame)) if orig is not None
               and pd.api.types.is_numeric_dtype(orig) and not pd.api.types.is_bool_dtype(orig)]
    text = [c for c in shown.columns if c not in numeric]
    styler = escaped_styler(shown).hide(axis="index")
    if text:
        styler = styler.set_properties(subset=text, **{"text-align": "left", "white-space": "normal",
                                                       "max-width": max_width, "vertical-align": "top"})
    if numeric:
        styler = styler.set_properties(subset=numeric, **{"text-align": "right", "vertical-align": "top",
                                                          "white-space": "nowrap"})
    styler = styler.set_table_styles([{"selector": "th", "props": [("text-align", "left"),
                                                                   ("vertical-align", "bottom")]}])
    if caption:
        from wijklib.privacy import escape_html

        styler = styler.set_caption(escape_html(caption))
    return styler


def _source_columns(frame: pd.DataFrame) -> list[pd.Series | None]:
    """The original columns in the order of :func:`readable_frame` (index first when it is kept)."""
    cols: list[pd.Series | None] = []
    if frame.index.name is not None:
        cols.append(frame.index.to_series().reset_index(drop=True))
    cols += [frame[c] for c in frame.columns]
    return cols
