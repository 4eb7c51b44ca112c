"""Error types shared by all wijklib loaders.

Every error about user input names where the problem is (file, row, column or key) and what was expected, so
that a user can fix the input without reading code. Messages are in Dutch because users read them in notebooks.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Mapping

__all__ = ["WijklibError", "InputError", "InputWarning", "choices_nl", "literal_choices_nl", "validation_message_nl"]


def choices_nl(options: Iterable[object], *, quote: bool = False, last: str = "of") -> str:
    """A list of choices in Dutch: ``"a, b of c"`` (for error messages that list what is allowed).

    Parameters
    ----------
    options : iterable
        The choices, in the order to show them (duplicates are shown once).
    quote : bool
        Put each choice between single quotes.
    last : str
        The word before the last choice (``"of"``; ``"en"`` for a list of things that all apply).

    Examples
    --------
    >>> choices_nl(["relaties", "beoordelingen", "delen"])
    'relaties, beoordelingen of delen'
    >>> choices_nl(["ja", "nee"], quote=True)
    "'ja' of 'nee'"
    >>> choices_nl([])
    '(geen)'
    """
    items = [f"'{o}'" if quote else str(o) for o in dict.fromkeys(options)]
    if not items:
        return "(geen)"
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def literal_choices_nl(expected: object) -> str:
    """Pydantic's English list of allowed values (``ctx["expected"]`` of a ``literal_error``) in Dutch.

    >>> literal_choices_nl("'systeem', 'leef' or 'beide'")
    "'systeem', 'leef' of 'beide'"
    """
    found = re.findall(r"'((?:[^'\\]|\\.)*)'", str(expected))
    return choices_nl(found, quote=True) if found else re.sub(r"\bor\b", "of", str(expected))


def validation_message_nl(err: Mapping[str, Any]) -> str:
    """A Dutch message for one pydantic error (an item of ``ValidationError.errors()``).

    A choice from a list (``literal_error``) names the allowed values in Dutch; a missing value says so; the
    messages of wijklib's own validators (already Dutch) lose pydantic's ``Value error,`` prefix. Other
    messages are passed on as pydantic gives them.

    >>> validation_message_nl({"type": "literal_error", "input": "x", "ctx": {"expected": "'a', 'b' or 'c'"}})
    "onbekende waarde 'x'; kies uit 'a', 'b' of 'c'"
    """
    kind = err.get("type", "")
    if kind == "literal_error":
        return f"onbekende waarde {err.get('input')!r}; kies uit {literal_choices_nl(err.get('ctx', {}).get('expected', ''))}"
    if kind == "missing":
        return "verplichte waarde ontbreekt"
    return re.sub(r"^(Value error|Assertion failed), ", "", str(err.get("msg", "")))


class WijklibError(Exception):
    """Base class of all wijklib errors."""


class InputError(WijklibError, ValueError):
    """Bad user input: a file, a row, a column or a configuration key is not as expected.

    Parameters
    ----------
    message : str
        What is wrong and what was expected (Dutch).
    file : str or Path, optional
        The file the problem is in.
    row : int, optional
        Row of a table file as a spreadsheet shows it (the header is row 1, the first data row is row 2:
        :data:`wijklib.io.tables.FIRST_DATA_ROW`); for a table passed in Python its 1-based row, for a YAML list
        the 1-based entry number.
    column : str, optional
        Column, field or configuration key.
    key : str, optional
        A key of a YAML file (project file): shown as "sleutel" instead of "kolom"; also stored as ``column``.

    Examples
    --------
    >>> print(InputError("verwacht een getal", file="a.csv", row=3, column="waarde"))
    a.csv, rij 3, kolom 'waarde': verwacht een getal
    """

    def __init__(self, message: str, *, file: str | Path | None = None, row: int | None = None,
                 column: str | None = None, key: str | None = None) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column if column is not None else key
        self.key = key  # a key of a YAML file ("sleutel"), not a table column
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.file is not None:
            where.append(self.file)
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.key is not None:
            where.append(f"sleutel '{self.key}'")
        elif self.column is not None:
            where.append(f"kolom '{self.column}'")
        return (", ".join(where) + ": " if where else "") + self.message


class InputWarning(UserWarning):
    """A value in user input that wijklib did not use (read as missing), with where it is.

    Parameters
    ----------
    message : str
        What was found and what wijklib did with it (Dutch).
    file : str or Path, optional
    rows : list of int, optional
        Row numbers as for :class:`InputError` (header = row 1 for a table file); the first few are named in the
        message.
    column : str, optional

    Examples
    --------
    >>> print(InputWarning("waarde -99999999 gelezen als geheim", file="a.csv", rows=[2, 5], column="woz"))
    a.csv, rij 2, 5, kolom 'woz': waarde -99999999 gelezen als geheim
    """

    def __init__(self, message: str, *, file: str | Path | None = None, rows: list[int] | None = None,
                 column: str | None = None) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.rows = list(rows or [])
        self.column = column
        where = []
        if self.file is not None:
            where.append(self.file)
        if self.rows:
            shown = ", ".join(str(r) for r in self.rows[:5])
            more = f" (en {len(self.rows) - 5} andere)" if len(self.rows) > 5 else ""
            where.append(f"rij {shown}{more}")
        if self.column is not None:
            where.append(f"kolom '{self.column}'")
        super().__init__((", ".join(where) + ": " if where else "") + message)
