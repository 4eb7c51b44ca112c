"""wijklib.io: every user table (and, after the merge, YAML file) is read one way (issue #14).

* :mod:`wijklib.io.tables`: :func:`read_table` for CSV/TSV/TXT/XLSX/ODS, the encoding policy, separator
  sniffing, the code-column guess and the CBS missing-value signs;
* :mod:`wijklib.io.yesno`: the one yes/no vocabulary;
* :mod:`wijklib.io.schema`: the tidy counted-table schema.
"""

from wijklib.io.schema import TIDY_SCHEMA, TableSchema, validate_table
from wijklib.io.tables import (CBS_SENTINELS, MISSING_MARKERS, SUPPRESSED_MARKERS, decode_text, detect_sep,
                               find_code_column, is_missing_marker, read_table)
from wijklib.io.yesno import NO_WORDS, YES_WORDS, parse_consent, parse_yes_no

__all__ = ["read_table", "decode_text", "detect_sep", "find_code_column", "is_missing_marker", "CBS_SENTINELS",
           "MISSING_MARKERS", "SUPPRESSED_MARKERS", "YES_WORDS", "NO_WORDS", "parse_yes_no", "parse_consent",
           "TableSchema", "TIDY_SCHEMA", "validate_table"]
