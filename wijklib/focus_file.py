"""The focus-area file (``focusgebieden.csv``): one contract for notebooks, maps and reports.

Notebook ``01_urgentieanalyse`` and ``wijk analyse`` write the file (:func:`write_focus_file`, through
:func:`wijklib.analysis.save_results`); notebook ``03_kaart_focusgebieden`` and :mod:`wijklib.maps` draw it
(:func:`read_focus_file`); ``wijk rapport --focus`` makes a report for each of its buurten (:func:`focus_codes`).
All three read it with :func:`read_focus_file`, so the same file always gives the same buurten.

The contract
------------
One row per buurt, a CSV (``,``, ``;`` or tab; encoding as every table, see :func:`wijklib.io.tables.decode_text`):

``area_code`` (or ``buurtcode``, ``gebiedscode``, ``code``) - required
    The buurt code, e.g. ``BU03630000``; a buurt may appear only once.
``cluster`` (or ``focusgebied``, ``cluster_id``) - optional
    The number (or name) of the focus area the buurt belongs to; adjacent buurten share one. A row without a
    cluster (an empty cell or no such column) is a focus area on its own and gets the next free number
    (a keuze van wijklib).
``cluster_naam`` (or ``naam_cluster``, ``focusgebied_naam``) - optional
    A name for the focus area.
``decision`` (or ``besluit``, ``keuze``) - optional, the team's decision on the row:

    - ``ja`` (also ``j``, ``yes``, ``1``, ``x``, ``waar``, ``gekozen``, ...): a chosen focus buurt;
    - ``nee`` (also ``n``, ``no``, ``0``, ``onwaar``, ``afgewezen``, ...): rejected; **the row is dropped
      everywhere** (no outline on the map, no report);
    - ``open`` or empty: still a candidate; **kept everywhere** (on the map and in the reports) until the team
      decides.

    Any other value is an error naming the row, so that a typo never silently turns a rejection into a focus
    area. This meaning (``nee`` drops, empty keeps) is a keuze van wijklib.

Other columns (``name``, ``rank``, ``rank_lo``, ``rank_hi``, ``robustness``, ``reasons``, ...) are kept as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from wijklib.errors import InputError
from wijklib.io.tables import FIRST_DATA_ROW, guess_code_column, read_table

__all__ = ["FOCUS_FILE", "CODE_COLUMNS", "CLUSTER_COLUMNS", "CLUSTER_NAME_COLUMNS", "DECISION_COLUMNS", "YES", "NO",
           "OPEN", "decision_of", "read_focus_file", "focus_codes", "write_focus_file"]

#: File name of the candidate focus areas written by :func:`wijklib.analysis.save_results`.
FOCUS_FILE = "focusgebieden.csv"
#: Accepted names of the area-code column (first found wins; case-insensitive).
CODE_COLUMNS = ("area_code", "buurtcode", "gebiedscode", "code")
#: Accepted names of the focus-area (cluster) column.
CLUSTER_COLUMNS = ("cluster", "focusgebied", "cluster_id")
#: Accepted names of the column naming the focus area.
CLUSTER_NAME_COLUMNS = ("cluster_naam", "naam_cluster", "focusgebied_naam")
#: Accepted names of the decision column.
DECISION_COLUMNS = ("decision", "besluit", "keuze")
#: Values meaning "ja" (chosen), "nee" (rejected) and "open" (candidate) in the decision column (lower case).
YES = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "x", "focus", "gekozen", "focusgebied"})
NO = frozenset({"nee", "n", "no", "false", "onwaar", "0", "afgewezen", "niet", "geen focus"})
OPEN = frozenset({"", "open", "?", "nog open", "twijfel", "misschien", "kandidaat", "nan", "none"})


def decision_of(value: Any) -> str | None:
    """The decision ``"ja"``, ``"nee"`` or ``"open"`` of a cell; None for a value that is none of these.

    >>> [decision_of(v) for v in ("Ja", " nee", "", None, "x", "misschien", "wellicht")]
    ['ja', 'nee', 'open', 'open', 'ja', 'open', None]
    """
    text = "" if value is None or (isinstance(value, float) and value != value) else str(value).strip().lower()
    if text in YES:
        return "ja"
    if text in NO:
        return "nee"
    if text in OPEN:
        return "open"
    return None


def _find(lower: dict[str, str], names: tuple[str, ...]) -> str | None:
    return next((lower[c] for c in names if c in lower), None)


#: The columns of the contract, for messages (Dutch).
_EXPECTED = (f"Verwachte kolommen: {CODE_COLUMNS[0]} (verplicht; of {', '.join(CODE_COLUMNS[1:])}), "
             f"{CLUSTER_COLUMNS[0]} (of {', '.join(CLUSTER_COLUMNS[1:])}), {CLUSTER_NAME_COLUMNS[0]} (of "
             f"{', '.join(CLUSTER_NAME_COLUMNS[1:])}) en {DECISION_COLUMNS[0]} (of {', '.join(DECISION_COLUMNS[1:])}; "
             "ja, nee of open); andere kolommen blijven zoals ze zijn.")
#: Columns that :func:`write_focus_file` writes besides the contract's: never a misspelling.
_WRITTEN = frozenset({"name", "rank", "index", "cluster_size", "cluster_areas", "rank_lo", "rank_hi", "p_top_k",
                      "robustness", "n_domains_flagged", "flagged_domains", "urgency_type", "population",
                      "small_population", "special_population", "special_reason", "reasons"})
_DECISION_WORDS = ("beslis", "besluit", "decision", "keuze")


def _look_alikes(columns, names: tuple[str, ...], role: str) -> str:
    """A Dutch hint naming the columns that look like a misspelling of ``names`` (empty when there are none)."""
    import difflib
    import re

    hits = []
    for col in columns:
        text = str(col).strip().lower()
        if not text or text in _WRITTEN:
            continue
        first = re.split(r"[^a-z0-9_]+", text)[0]
        if (difflib.get_close_matches(text, names, n=1, cutoff=0.75) or first in names
                or (names == DECISION_COLUMNS and any(w in text for w in _DECISION_WORDS))):
            hits.append(str(col))
    if not hits:
        return ""
    shown = ", ".join(f"'{h}'" for h in hits)
    return (f" Kolom {shown} lijkt de kolom voor {role}, maar heet niet zo: hernoem hem naar "
            f"{' of '.join(names[:3])}.")


def _read_csv(path: Path) -> pd.DataFrame:
    """The focus file as text cells, through :func:`wijklib.io.tables.read_table` (its one encoding policy)."""
    return read_table(path, what="focusgebieden")


def read_focus_file(path: str | Path, *, cluster_column: str | None = None) -> pd.DataFrame:
    """Read a focus-area file following the contract of this module; rows decided ``nee`` are left out.

    Parameters
    ----------
    path : path
        The CSV file.
    cluster_column : str, optional
        Name of the focus-area column when it is none of :data:`CLUSTER_COLUMNS`.

    Returns
    -------
    DataFrame
        One row per focus buurt in file order: ``area_code``, ``cluster`` (str), ``cluster_naam`` (may be empty),
        ``decision`` (``"ja"`` or ``"open"``), then the other columns of the file in order (numbers as numbers).
        May be empty when every row is decided ``nee``.

    Raises
    ------
    InputError
        Missing or unreadable file, no code column, an invalid buurt code, a buurt listed twice, an unknown
        decision value, or a ``cluster_column`` that is not in the file (naming file, row and column).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
    >>> _ = p.write_text("area_code;cluster;besluit\\nBU99010201;1;ja\\nBU99010202;1;nee\\nBU99010203;;\\n")
    >>> read_focus_file(p)[["area_code", "cluster", "decision"]].values.tolist()
    [['BU99010201', '1', 'ja'], ['BU99010203', '2', 'open']]
    """
    from wijklib.areas import is_valid_code, normalise_code

    path = Path(path)
    if not path.exists():
        raise InputError("bestand met focusgebieden niet gevonden", file=path)
    df = _read_csv(path)
    lower = {str(c).strip().lower(): c for c in df.columns}
    code_col = guess_code_column(df.columns, names=CODE_COLUMNS)
    if code_col is None:
        hint = _look_alikes(df.columns, CODE_COLUMNS, "gebiedscode")
        raise InputError(f"geen kolom met gebiedscodes (verwacht een van: {', '.join(CODE_COLUMNS)}). "
                         f"Kolommen in het bestand: {', '.join(map(str, df.columns))}.{hint} {_EXPECTED}",
                         file=path)
    if cluster_column is not None and cluster_column not in df.columns:
        raise InputError(f"kolom '{cluster_column}' ontbreekt; kolommen: {', '.join(map(str, df.columns))}",
                         file=path, column=cluster_column)
    cl_col = cluster_column or _find(lower, CLUSTER_COLUMNS)
    name_col = _find(lower, CLUSTER_NAME_COLUMNS)
    dec_col = _find(lower, DECISION_COLUMNS)
    for found, names, role in ((cl_col, CLUSTER_COLUMNS, "focusgebied (cluster)"),
                               (name_col, CLUSTER_NAME_COLUMNS, "naam van het focusgebied"),
                               (dec_col, DECISION_COLUMNS, "besluit")):
        used = {code_col, cl_col, name_col, dec_col}
        hint = "" if found is not None else _look_alikes([c for c in df.columns if c not in used], names, role)
        if hint:  # a misspelt column would be ignored silently (for 'besluit': a 'nee' would become a report)
            raise InputError(f"onbekende kolomnaam.{hint} {_EXPECTED}", file=path)
    own = {code_col, cl_col, name_col, dec_col}
    others = [c for c in df.columns if c not in own
              and str(c).strip().lower() not in {"area_code", "cluster", "cluster_naam", "decision"}]
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for i, rec in enumerate(df.to_dict("records"), start=FIRST_DATA_ROW):  # rows as a spreadsheet shows them
        raw = str(rec[code_col]).strip()
        if not raw:
            continue  # an empty line in a spreadsheet export
        code = normalise_code(raw)
        if not is_valid_code(code):
            raise InputError(f"ongeldige gebiedscode {rec[code_col]!r}; verwacht bijvoorbeeld BU03630000",
                             file=path, row=i, column=code_col)
        if code in seen:
            raise InputError(f"gebied {code} staat twee keer in het bestand (ook in rij {seen[code]})", file=path,
                             row=i, column=code_col)
        seen[code] = i
        decision = decision_of(rec[dec_col]) if dec_col else "open"
        if decision is None:
            raise InputError(f"onbekend besluit {rec[dec_col]!r}; verwacht 'ja', 'nee' of 'open' (leeg = open)",
                             file=path, row=i, column=dec_col)
        if decision == "nee":
            continue
        cluster = str(rec[cl_col]).strip() if cl_col else ""
        if cluster.endswith(".0") and cluster[:-2].isdigit():
            cluster = cluster[:-2]
        row = {"area_code": code, "cluster": cluster, "cluster_naam": str(rec[name_col]).strip() if name_col else "",
               "decision": decision}
        row.update({c: rec[c] for c in others})
        rows.append(row)
    numbers = [int(r["cluster"]) for r in rows if r["cluster"].isdigit()]
    free = max(numbers, default=0)
    for r in rows:  # a buurt without a focus area is a focus area of its own (keuze van wijklib)
        if not r["cluster"]:
            free += 1
            r["cluster"] = str(free)
    out = pd.DataFrame(rows, columns=["area_code", "cluster", "cluster_naam", "decision", *others])
    for col in others:  # numbers as numbers (rank, index, ...), text stays text
        text = out[col].astype(str).str.strip()
        nums = pd.to_numeric(text.where(text != ""), errors="coerce")
        if len(text) and (nums.notna() | (text == "")).all() and nums.notna().any():
            out[col] = nums
    return out


def focus_codes(path: str | Path) -> list[str]:
    """The buurt codes of a focus-area file (rows decided ``nee`` left out), in file order.

    Raises
    ------
    InputError
        As :func:`read_focus_file`, and when no buurt is left.
    """
    focus = read_focus_file(path)
    if focus.empty:
        raise InputError("geen focusgebieden in het bestand (alle rijen hebben besluit 'nee' of het bestand is "
                         "leeg)", file=Path(path))
    return focus["area_code"].tolist()


def write_focus_file(focus: pd.DataFrame, path: str | Path) -> Path:
    """Write a focus table (e.g. ``UrgencyResult.focus``) as :data:`FOCUS_FILE`, atomically (UTF-8).

    A ``decision`` column is added when missing (empty = ``open``), so the team can fill in ``ja`` or ``nee``.
    A table indexed by ``area_code`` is written with its index.

    Raises
    ------
    InputError
        The table has no ``area_code`` (column or index).
    """
    from wijklib.io.atomic import atomic_write_text
    from wijklib.io.csvsafe import safe_csv_text

    keep_index = focus.index.name == "area_code"
    if not keep_index and "area_code" not in focus.columns:
        raise InputError("focusgebieden: kolom 'area_code' is nodig", column="area_code")
    out = focus
    if "decision" not in out.columns:
        out = out.copy()
        out["decision"] = ""
    return atomic_write_text(Path(path), safe_csv_text(out, index=keep_index))
