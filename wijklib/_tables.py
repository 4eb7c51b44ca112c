"""Transition shim: the table helpers moved to :mod:`wijklib.io.tables` (issue #14). No logic here."""

from wijklib.io.tables import (DATE_FORMATS, Rows, cell_text, decode_text, fold, is_empty, norm_header,
                               open_workbook, parse_date, read_csv_rows, read_sheet_rows)

__all__ = ["DATE_FORMATS", "Rows", "fold", "norm_header", "is_empty", "cell_text", "parse_date", "decode_text",
           "read_csv_rows", "read_sheet_rows", "open_workbook"]
