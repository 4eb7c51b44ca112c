"""Quickscan as group work (training notebook 05): a short statement sheet and answers typed as a text table."""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from wijklib.errors import InputError, choices_nl

__all__ = ["statement_sheet", "group_answers"]


def statement_sheet(preconditions: Iterable[str], *, cat=None) -> pd.DataFrame:
    """The quickscan statements of some preconditions, with their number ``nr`` (1-57) for the answer table.

    Raises
    ------
    InputError
        An id that is not one of the 12 preconditions (the message lists them).
    """
    from wijklib.catalogue import load_catalogue
    from wijklib.readiness import quickscan_items

    cat = cat or load_catalogue()
    items = quickscan_items(cat)
    wanted = list(preconditions)
    known = list(dict.fromkeys(items["randvoorwaarde"]))
    for rv in wanted:
        if rv not in known:
            raise InputError(f"onbekende randvoorwaarde {rv!r}; kies uit {choices_nl(known)}", column="randvoorwaarden")
    sheet = items[items["randvoorwaarde"].isin(wanted)]
    return sheet[["nr", "randvoorwaarde_naam", "kort", "stelling"]].reset_index(drop=True)


def group_answers(text: str, *, cat=None) -> pd.DataFrame:
    """Read the group's answers (``respondent; partner; nr; score``) and validate them as quickscan answers.

    ``score`` is 0-3 or ``weet niet``; ``nr`` is the statement number of :func:`statement_sheet`. Respondents are
    codes (R1, R2 ...), never names.

    Returns
    -------
    DataFrame
        As :func:`wijklib.readiness.read_answers` returns it (empty when the table has no rows).

    Raises
    ------
    InputError
        Naming the row and column of the first problem.
    """
    from wijklib.catalogue import load_catalogue
    from wijklib.readiness import quickscan_items, read_answers
    from wijklib.training.network import read_table

    cat = cat or load_catalogue()
    table = read_table(text, ["respondent", "partner", "nr", "score"], name="groepsantwoorden")
    if table.empty:
        return pd.DataFrame(columns=["respondent", "partner", "item", "score", "weet_niet", "toelichting"])
    by_nr = dict(zip(quickscan_items(cat)["nr"].astype(int), quickscan_items(cat)["item"]))
    items = []
    for i, nr in enumerate(table["nr"], start=1):
        try:
            items.append(by_nr[int(nr)])
        except (ValueError, KeyError):
            raise InputError(f"stelling {nr!r} bestaat niet; gebruik een nummer uit het stellingenblad (1-57)",
                             file="groepsantwoorden", row=i, column="nr") from None
    frame = pd.DataFrame({"respondent": table["respondent"], "partner": table["partner"], "item": items,
                          "score": table["score"]})
    return read_answers(frame, cat=cat)
