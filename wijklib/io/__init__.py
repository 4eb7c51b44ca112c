"""wijklib.io: every user file is read and written one way (issue #14).

* :mod:`wijklib.io.tables`: :func:`read_table` for CSV/TSV/TXT/XLSX/ODS, the encoding policy, separator
  sniffing, the code-column guess and the CBS missing-value signs;
* :mod:`wijklib.io.yesno`: the one yes/no vocabulary;
* :mod:`wijklib.io.schema`: the tidy counted-table schema;
* :mod:`wijklib.io.yaml`: :func:`load_yaml`, the one YAML loader;
* :mod:`wijklib.io.atomic`: atomic writes (text, bytes, workbooks): a crash never leaves half a file;
* :mod:`wijklib.io.csvsafe`: :func:`safe_csv_text`, the one way to write a CSV for users: text cells that a
  spreadsheet would run as a formula get a leading ``'``.
"""

from wijklib.io.atomic import atomic_write_bytes, atomic_write_text, atomic_write_workbook, workbook_bytes
from wijklib.io.csvsafe import neutralise_cell, restore_cell, safe_csv_text, safe_frame
from wijklib.io.schema import TIDY_SCHEMA, TableSchema, validate_table
from wijklib.io.tables import (CBS_SENTINELS, MISSING_MARKERS, SUPPRESSED_MARKERS, decode_text, detect_sep,
                               find_code_column, is_missing_marker, read_table)
from wijklib.io.yaml import load_yaml
from wijklib.io.yesno import NO_WORDS, YES_WORDS, parse_consent, parse_yes_no

__all__ = ["read_table", "decode_text", "detect_sep", "find_code_column", "is_missing_marker", "CBS_SENTINELS",
           "MISSING_MARKERS", "SUPPRESSED_MARKERS", "YES_WORDS", "NO_WORDS", "parse_yes_no", "parse_consent",
           "TableSchema", "TIDY_SCHEMA", "validate_table", "load_yaml", "atomic_write_bytes", "atomic_write_text",
           "atomic_write_workbook", "workbook_bytes", "safe_csv_text", "safe_frame", "neutralise_cell", "restore_cell"]
