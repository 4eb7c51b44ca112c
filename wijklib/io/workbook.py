"""Layout helpers for the explanation sheets of the input templates (openpyxl worksheets)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["wrap_sheet"]


def wrap_sheet(ws: Any, widths: Sequence[float]) -> None:
    """Give columns A, B, ... of ``ws`` the ``widths`` and wrap every cell's text, aligned to the top.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The sheet, filled already.
    widths : sequence of float
        Column widths (in characters) from column A on.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> ws.append(["kolom", "uitleg"])
    >>> wrap_sheet(ws, (16, 110))
    >>> ws.column_dimensions["B"].width, ws["A1"].alignment.wrap_text
    (110.0, True)
    """
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
