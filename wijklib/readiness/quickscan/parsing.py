"""quickscan — parsing: part of the former ``wijklib/readiness/quickscan.py`` (see the package docstring)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence, cast

import numpy as np
import pandas as pd

from wijklib.errors import InputError
from wijklib.io.csvsafe import safe_csv_text

from .._files import cell_text, fold, is_empty, parse_date, read_rows
from ._common import (
    ANSWER_COLUMNS,
    PARTNERS,
    SCHAAL,
    WEET_NIET,
    _PARTNER_ALIASES,
    _REQUIRED,
    _WEET_NIET_ALIASES,
    quickscan_items,
)


# ---------------------------------------------------------------------------------------------------------------
# Parsing and validation
# ---------------------------------------------------------------------------------------------------------------

_SCALE_TEXT = "0 (niet), 1 (deels), 2 (grotendeels), 3 (op orde) of 'weet niet'"


def parse_score(value: Any) -> float | str | None:
    """Parse one answer.

    Returns
    -------
    int, ``WEET_NIET`` or None
        The score 0-3, the string ``"weet niet"``, or None for an empty cell (not answered).

    Raises
    ------
    ValueError
        For anything outside the scale (with a Dutch message listing the allowed answers).
    """
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"ongeldige score {value!r}; toegestaan: {_SCALE_TEXT}")
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
    else:
        text = fold(value)
        if text in _WEET_NIET_ALIASES:
            return WEET_NIET
        labels = {fold(v): k for k, v in SCHAAL.items()} | {"op orde": 3, "niet op orde": 0, "deels op orde": 1,
                                                             "grotendeels op orde": 2}
        if text in labels:
            return labels[text]
        # "2 - grotendeels" or "2 (grotendeels)" as written by some forms
        head = text.split(" ", 1)[0].rstrip(".:-")
        try:
            number = float(head.replace(",", "."))
        except ValueError:
            raise ValueError(f"ongeldige score {value!r}; toegestaan: {_SCALE_TEXT}") from None
    if not number.is_integer() or int(number) not in SCHAAL:
        raise ValueError(f"score {cell_text(value)!r} ligt buiten de schaal; toegestaan: {_SCALE_TEXT}")
    return int(number)


def normalise_partner(value: Any) -> str:
    """Map a partner name to its id in :data:`PARTNERS` (``"Corporatie"`` -> ``"woningcorporatie"``).

    Raises
    ------
    ValueError
        For an unknown partner type (the message lists the known ones).
    """
    key = fold(value).replace("_", " ")
    if key.replace(" ", "_") in PARTNERS:
        return key.replace(" ", "_")
    if key in _PARTNER_ALIASES:
        return _PARTNER_ALIASES[key]
    labels = {fold(v): k for k, v in PARTNERS.items()}
    if key in labels:
        return labels[key]
    raise ValueError(f"onbekende partner {cell_text(value)!r}; kies uit: {', '.join(PARTNERS)}")


def _check_respondent(value: Any) -> str:
    text = cell_text(value)
    if "@" in text or len(text) > 40:
        raise ValueError(f"respondent {text!r} lijkt een naam of e-mailadres; gebruik een betekenisloze code als R01")
    if len(text.split()) > 2:
        raise ValueError(f"respondent {text!r} lijkt een naam; gebruik een betekenisloze code als R01")
    return text


def validate_answers(rows: Iterable[tuple[str, int, Mapping[str, Any]]], *, cat=None) -> pd.DataFrame:
    """Validate answer rows from any source and return the tidy answers table.

    Parameters
    ----------
    rows : iterable of (source, row_number, mapping)
        ``source`` is the file name (used in error messages), ``row_number`` the row as Excel shows it (header = row 1).
    cat : Catalogue, optional

    Returns
    -------
    DataFrame
        Columns :data:`ANSWER_COLUMNS`; ``score`` is float (NaN for *weet niet*), ``weet_niet`` bool.
        Unanswered rows (empty score) are left out.

    Raises
    ------
    InputError
        Unknown item id, a score outside the scale, a respondent who answers an item twice, a respondent listed
        under two partners, a missing respondent or partner, a respondent code that looks like a name.
    """
    known = set(quickscan_items(cat)["item"])
    out: list[dict] = []
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    partner_of: dict[str, tuple[str, str, int]] = {}
    for source, row_no, raw in rows:
        score_raw = raw.get("score")
        item_raw = raw.get("item")
        if is_empty(score_raw) and is_empty(raw.get("toelichting")):
            continue  # template row left empty: not answered
        if is_empty(item_raw):
            raise InputError("item ontbreekt; verwacht een id als lk.rv.urgentiebesef.vo1", file=source, row=row_no,
                             column="item")
        item = cell_text(item_raw)
        if item not in known:
            close = sorted(k for k in known if k.rsplit(".", 1)[0] == item.rsplit(".", 1)[0])[:4]
            hint = f"; bedoelde u: {', '.join(close)}" if close else "; zie de kolom 'item' van het sjabloon"
            raise InputError(f"onbekend item {item!r}{hint}", file=source, row=row_no, column="item")
        try:
            score = parse_score(score_raw)
        except ValueError as exc:
            raise InputError(str(exc), file=source, row=row_no, column="score") from None
        if score is None:
            continue  # only a remark, no answer
        if is_empty(raw.get("respondent")):
            raise InputError("respondent ontbreekt; vul op elke ingevulde regel een code in, bv. R01", file=source,
                             row=row_no, column="respondent")
        try:
            respondent = _check_respondent(raw["respondent"])
        except ValueError as exc:
            raise InputError(str(exc), file=source, row=row_no, column="respondent") from None
        if is_empty(raw.get("partner")):
            raise InputError(f"partner ontbreekt; kies uit: {', '.join(PARTNERS)}", file=source, row=row_no,
                             column="partner")
        try:
            partner = normalise_partner(raw["partner"])
        except ValueError as exc:
            raise InputError(str(exc), file=source, row=row_no, column="partner") from None
        if respondent in partner_of and partner_of[respondent][0] != partner:
            p, s, r = partner_of[respondent]
            raise InputError(f"respondent {respondent!r} staat hier als {partner!r} maar in {s}, rij {r} als {p!r}; "
                             "één respondent spreekt voor één partner", file=source, row=row_no, column="partner")
        partner_of.setdefault(respondent, (partner, source, row_no))
        key = (respondent, item)
        if key in seen:
            s, r = seen[key]
            raise InputError(f"respondent {respondent!r} beantwoordt item {item!r} twee keer (ook in {s}, rij {r}); "
                             "houd per respondent één antwoord per stelling", file=source, row=row_no,
                             column="respondent")
        seen[key] = (source, row_no)
        datum = None
        if not is_empty(raw.get("datum")):
            try:
                datum = parse_date(raw["datum"])
            except ValueError as exc:
                raise InputError(str(exc), file=source, row=row_no, column="datum") from None
        out.append({
            "respondent": respondent, "partner": partner, "item": item,
            "score": float("nan") if score == WEET_NIET else float(score), "weet_niet": score == WEET_NIET,
            "toelichting": "" if is_empty(raw.get("toelichting")) else cell_text(raw["toelichting"]),
            "datum": datum, "bron": source, "rij": row_no,
        })
    df = pd.DataFrame(out, columns=list(ANSWER_COLUMNS))
    df["score"] = df["score"].astype(float)
    df["weet_niet"] = df["weet_niet"].astype(bool)
    return df


def _files_in(source: Path) -> list[Path]:
    files = sorted(p for p in source.iterdir() if p.suffix.lower() in (".csv", ".xlsx")
                   and not p.name.startswith((".", "~$")))
    if not files:
        raise InputError("map bevat geen antwoordbestanden (*.csv of *.xlsx)", file=source)
    return files


def read_answers(source: str | Path | Sequence[str | Path] | pd.DataFrame, *, cat=None) -> pd.DataFrame:
    """Read and validate quickscan answers.

    Parameters
    ----------
    source : path, folder, list of paths or DataFrame
        A CSV/XLSX file in the long format (sheet ``antwoorden`` of the XLSX template), a folder with such files
        (for example one per partner), a list of files, or a DataFrame with the same columns.
    cat : Catalogue, optional

    Returns
    -------
    DataFrame
        See :func:`validate_answers`.

    Raises
    ------
    InputError
        Missing columns, and every problem listed in :func:`validate_answers`, naming file, row and column.
    """
    def rows_of(path: Path):
        header, rows = read_rows(path, sheet="antwoorden")
        missing = [c for c in _REQUIRED if c not in header]
        if missing:
            raise InputError(f"verplichte kolom(men) ontbreken: {', '.join(missing)}; gevonden: "
                             f"{', '.join(h for h in header if h) or '(geen)'}. Gebruik het sjabloon in "
                             "templates/invoer/quickscan/", file=path, column=missing[0])
        for row_no, raw in rows:
            yield str(path), row_no, raw

    if isinstance(source, pd.DataFrame):
        missing = [c for c in _REQUIRED if c not in source.columns]
        if missing:
            raise InputError(f"verplichte kolom(men) ontbreken: {', '.join(missing)}", column=missing[0])
        records = cast(list[Mapping[str, Any]], source.to_dict("records"))  # the required columns are named
        return validate_answers((("tabel", i + 1, r) for i, r in enumerate(records)), cat=cat)
    if isinstance(source, (str, Path)):
        path = Path(source)
        paths = _files_in(path) if path.is_dir() else [path]
    else:
        paths = [Path(p) for p in source]
    def chain():
        for p in paths:
            yield from rows_of(p)
    return validate_answers(chain(), cat=cat)


def answers_to_csv(answers: pd.DataFrame) -> str:
    """The answers as CSV text in the file format of :func:`read_answers` (score ``weet niet`` written out)."""
    out = pd.DataFrame({
        "respondent": answers["respondent"], "partner": answers["partner"], "item": answers["item"],
        "score": [WEET_NIET if wn else (str(int(s)) if not math.isnan(s) else "")
                  for s, wn in zip(answers["score"], answers["weet_niet"])],
        "toelichting": answers.get("toelichting", pd.Series([""] * len(answers))).fillna(""),
        "datum": [d.isoformat() if isinstance(d, dt.date) else ("" if is_empty(d) else str(d))
                  for d in answers.get("datum", pd.Series([None] * len(answers)))],
    })
    return safe_csv_text(out, index=False, lineterminator="\n")
