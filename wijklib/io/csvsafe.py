"""Spreadsheet-safe CSV output: text that Excel or LibreOffice would run as a formula is written as text.

A CSV file that wijklib writes is opened by users and partners in a spreadsheet. A text cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read there as a formula ("CSV injection"): a note
``=HYPERLINK("http://x","klik")`` in a stakeholder record or a story would become a live link, and worse formulas
can fetch data or start programs. Every CSV writer of wijklib therefore goes through :func:`safe_csv_text`, which
puts a single quote ``'`` before such a text cell (the spreadsheet's own sign for "this is text"):

* only text cells change: numeric columns, and text that is just a number (``"-3,5"``, ``"+12%"``), stay as they
  are, so negative numbers remain numbers;
* column names and written index labels get the same treatment;
* workbooks (``.xlsx``) are not affected by ``+``, ``-`` and ``@``, but openpyxl saves text that begins with
  ``=`` as a formula: :func:`neutralise_workbook` types such cells as text before saving;
* wijklib's own readers (:func:`wijklib.io.tables.read_table`, :func:`wijklib.io.tables.read_csv_rows`) take the
  quote off again (:func:`restore_cell`), so a file written by wijklib reads back unchanged.

Which characters count follows the OWASP advice on CSV injection (keuze van wijklib).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

import numpy as np
import pandas as pd

__all__ = ["FORMULA_PREFIXES", "neutralise_cell", "restore_cell", "safe_frame", "safe_csv_text", "object_array",
           "neutralise_workbook"]

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
#: Text that is only a number (a spreadsheet reads it as that number, never as a formula).
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*|[.,]\d+)(?:[eE][+-]?\d+)?\s?%?")


def neutralise_cell(value: Any) -> Any:
    """A text cell that would start a formula, with a ``'`` before it; anything else unchanged.

    Examples
    --------
    >>> neutralise_cell('=HYPERLINK("http://x","klik")')
    '\\'=HYPERLINK("http://x","klik")'
    >>> neutralise_cell("-3,5"), neutralise_cell(-3.5), neutralise_cell("- overlast"), neutralise_cell("gewoon")
    ('-3,5', -3.5, "'- overlast", 'gewoon')
    """
    if not isinstance(value, str):
        return value
    # a formula after leading spaces (" =HYPERLINK(...)") is still run by some spreadsheets
    stripped = value.lstrip(" \n")
    if stripped.startswith(FORMULA_PREFIXES) and not _NUMBER.fullmatch(stripped):
        return "'" + value
    return value


def restore_cell(value: Any) -> Any:
    """Undo :func:`neutralise_cell` when reading a file back: ``'=x`` becomes ``=x``; anything else unchanged.

    >>> restore_cell("'=1+1"), restore_cell("'t Hofje"), restore_cell(3)
    ('=1+1', "'t Hofje", 3)
    """
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1:].lstrip(" \n").startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def object_array(values: Iterable[Any]) -> np.ndarray:
    """A 1-d object array of ``values`` as they are (lists and tuples stay single cells; no dtype guessing)."""
    items = list(values)
    out = np.empty(len(items), dtype=object)
    for i, v in enumerate(items):
        out[i] = v
    return out


def _is_text(dtype: Any) -> bool:
    """Whether a column of this dtype may hold text (object, string or categorical)."""
    return pd.api.types.is_object_dtype(dtype) or isinstance(dtype, (pd.StringDtype, pd.CategoricalDtype))


def _safe_index(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return pd.MultiIndex.from_tuples([tuple(neutralise_cell(v) for v in t) for t in index],
                                         names=[neutralise_cell(n) for n in index.names])
    if _is_text(index.dtype):
        return pd.Index([neutralise_cell(v) for v in index], name=neutralise_cell(index.name), dtype=object)
    return index.rename(neutralise_cell(index.name))


def safe_frame(frame: pd.DataFrame, *, index: bool = False) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell, column name (and with ``index`` every index label) neutralised.

    Numeric, boolean and date columns are left as they are.
    """
    out = frame.copy()
    for i in range(out.shape[1]):
        if _is_text(out.dtypes.iloc[i]):
            out.isetitem(i, object_array(neutralise_cell(v) for v in out.iloc[:, i].tolist()))
    out.columns = _safe_index(out.columns)
    if index:
        out.index = _safe_index(out.index)
    return out


def safe_csv_text(frame: pd.DataFrame, **to_csv: Any) -> str:
    """``frame.to_csv(**to_csv)`` as text, made safe for spreadsheets first (:func:`safe_frame`).

    The one way wijklib writes a table as CSV for users and partners; keyword arguments go to
    :meth:`pandas.DataFrame.to_csv` (``index`` defaults to ``True`` there, and index labels are neutralised then).

    Examples
    --------
    >>> frame = pd.DataFrame({"notitie": ['=HYPERLINK("http://x","klik")', "ok"], "waarde": [-1.5, 2.0]})
    >>> print(safe_csv_text(frame, index=False, lineterminator="\\n"), end="")
    notitie,waarde
    "'=HYPERLINK(""http://x"",""klik"")",-1.5
    ok,2.0
    """
    to_csv.pop("path_or_buf", None)
    text = safe_frame(frame, index=bool(to_csv.get("index", True))).to_csv(**to_csv)
    return str(text)


def neutralise_workbook(wb: Any) -> Any:
    """An openpyxl workbook with every cell that would be saved as a formula saved as text instead; returned.

    openpyxl stores any text that begins with ``=`` as a formula, so a note ``=HYPERLINK(...)`` written to a
    cell of a partner export would run in Excel. wijklib puts no formulas in cells (drop-down lists are data
    validations, not cells), so every such cell is user text: it is kept as written but typed as text.
    """
    for ws in getattr(wb, "worksheets", ()):
        # the cells that exist (iter_rows would create empty ones and change the saved file)
        for cell in list(getattr(ws, "_cells", {}).values()):
            if cell.data_type == "f":
                cell.data_type = "s"
    return wb
