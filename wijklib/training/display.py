"""Dutch column labels for the tables the training notebooks show.

The engine's tables use English column names (``area_code``, ``period``, ``value``); learners read Dutch. The
helper only relabels (columns, index name and the name of the column axis); the values stay as they are, so a
tip that names a value (``verteld_ernstiger``) still matches what the learner sees.
"""

from __future__ import annotations

import pandas as pd

from wijklib.analysis import COLUMN_LABELS_NL

__all__ = ["DISPLAY_LABELS_NL", "dutch_columns"]

#: Engine column name -> Dutch label: :data:`wijklib.analysis.COLUMN_LABELS_NL` plus a few columns of the raw
#: tables (``period``, ``wijk_code``, ``actor_id``) that the notebooks show.
DISPLAY_LABELS_NL: dict[str, str] = {
    **COLUMN_LABELS_NL,
    "period": "jaar", "wijk_code": "wijkcode", "actor_id": "code", "population": "inwoners",
}


def _label(name):
    return DISPLAY_LABELS_NL.get(name, name) if isinstance(name, str) else name


def dutch_columns(frame: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """A copy of ``frame`` with Dutch labels for the English engine columns (values unchanged).

    Examples
    --------
    >>> t = pd.DataFrame({"area_code": ["BU01"], "period": [2024], "value": [1.5]}).set_index("area_code")
    >>> shown = dutch_columns(t)
    >>> shown.index.name, list(shown.columns)
    ('buurtcode', ['jaar', 'waarde'])
    """
    out = frame.copy()
    if isinstance(out, pd.DataFrame):
        out.columns = out.columns.map(_label)
        if out.columns.name is not None:
            out.columns.name = _label(out.columns.name)
    else:
        out.name = _label(out.name)
    out.index.name = _label(out.index.name)
    return out
