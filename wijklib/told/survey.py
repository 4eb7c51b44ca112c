"""told — survey: part of the former ``wijklib/told.py`` (see the package docstring)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wijklib.errors import InputError
from wijklib.io.yesno import parse_consent
from ._common import (
    _HONORIFIC_RE,
    _MISSING_TEXT,
    _check_buurtcode,
    _identifier,
    _known_codes,
    _parse_date,
    _parse_float,
    _first_row,
    _read_table,
    _require_columns,
    _to_datetime,
    check_no_person_columns,
)
from .spec import (
    MIN_N,
    TE_WEINIG,
    _VRAGEN_BY_ID,
)


# ----------------------------------------------------------------------------------------------------------------
# (a) Resident survey
# ----------------------------------------------------------------------------------------------------------------

_SURVEY_OUT = ["buurtcode", "respondent", "thema", "vraag", "score", "datum"]

#: Column names (lower case, after the last group separator) recognised as a consent question. An XLSForm consent
#: question is usually named ``consent`` or ``toestemming`` (possibly in a group, ``intro/toestemming``); exports
#: with labels as headers are recognised by the words "toestemming" or "consent" in the header.
CONSENT_KOLOMMEN = ("consent", "toestemming", "informed_consent", "consent_given", "toestemming_gegeven",
                    "geeft_toestemming", "akkoord", "instemming")

def _consent_columns(columns: Iterable[str]) -> list[str]:
    found = []
    for col in columns:
        last = re.split(r"[/\-]", str(col))[-1].strip().lower() if "/" in str(col) else str(col).strip().lower()
        key = re.sub(r"[\s.]+", "_", last)
        if key in CONSENT_KOLOMMEN or "toestemming" in key or "consent" in key:
            found.append(col)
    return found


def _consent_mask(df: pd.DataFrame, columns: Sequence[str], label: str) -> pd.Series:
    """True for rows where every consent column says yes; unknown answers are an error naming row and column."""
    keep = pd.Series(True, index=df.index)
    first = _first_row(label)
    for col in columns:
        for pos, value in enumerate(df[col]):
            given = parse_consent(value)  # the one yes/no vocabulary (wijklib.io.yesno)
            if given is True:
                continue
            if given is False:
                keep.iloc[pos] = False
                continue
            raise InputError(f"antwoord '{value}' op de toestemmingsvraag is niet te lezen; verwacht ja of nee "
                             "(leeg telt als geen toestemming)", file=label, row=pos + first, column=str(col))
    return keep


def _drop_without_consent(df: pd.DataFrame, label: str, respondent_col: str | None) -> tuple[pd.DataFrame, int]:
    """Remove rows (and, in long format, all rows of a respondent) without consent; return the rest and the count."""
    cols = _consent_columns(df.columns)
    if not cols:
        return df, 0
    keep = _consent_mask(df, cols, label)
    if respondent_col is not None and respondent_col in df.columns:
        refused = set(df.loc[~keep, respondent_col].astype(str).str.strip())
        keep &= ~df[respondent_col].astype(str).str.strip().isin(refused)
        n = len(refused)
    else:
        n = int((~keep).sum())
    if n:
        warnings.warn(f"{label}: {n} respondent(en) zonder toestemming (kolom {', '.join(map(str, cols))}) "
                      "uitgesloten; hun antwoorden tellen nergens mee.", UserWarning, stacklevel=4)
    return df.loc[keep].drop(columns=cols).reset_index(drop=True), n


_CODE_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
_CODE_PHONE_RE = re.compile(r"^(?:\+31|0031|0)[\s\-]?(?:\d[\s\-]?){8,9}$")
_CODE_NAME_RE = re.compile(
    r"^[A-ZÀ-Ý][a-zà-ÿ'\-]+(?:\s+(?:van|de|der|den|van der|van den|te|ten|ter|el|al|'t|in 't|von|da|di|le|la))*"
    r"\s+[A-ZÀ-Ý][a-zà-ÿ'\-]+(?:\s+[A-ZÀ-Ý][a-zà-ÿ'\-]+)*$")


def check_respondent_code(value: str, *, file: str | None = None, row: int | None = None,
                          column: str | None = "respondent") -> str:
    """Refuse a respondent code that looks like a person's name, e-mail address or phone number.

    Parameters
    ----------
    value : str
        The code (already stripped).
    file, row, column : optional
        Location for the error message.

    Returns
    -------
    str
        The code, unchanged.

    Raises
    ------
    InputError
        For codes such as ``"Jan de Vries"``, ``"mevr. Bakker"``, ``"jan@example.nl"`` or ``"06-12345678"``.
    """
    text = str(value).strip()
    if (_CODE_EMAIL_RE.search(text) or _CODE_PHONE_RE.match(text) or _CODE_NAME_RE.match(text)
            or _HONORIFIC_RE.search(text)):
        raise InputError(f"respondentcode '{text[:3]}...' lijkt een naam, e-mailadres of telefoonnummer; gebruik een "
                         "vaste, betekenisloze code per respondent (bv. R0001), nooit persoonsgegevens",
                         file=file, row=row, column=column)
    return text


def _respondent_code(value: Any, *, file: str, row: int, column: str) -> str:
    """The respondent code of one row: present, and not a name, e-mail address or phone number."""
    resp = str(value).strip()
    if not resp:
        raise InputError("respondent ontbreekt; verwacht een vaste pseudoniemcode per respondent",
                         file=file, row=row, column=column)
    return check_respondent_code(resp, file=file, row=row, column=column)


def _label_or_number(text: str, labels: Mapping[str, float | None]) -> float | None:
    """The score of an answer: the score of its (lower-case) answer label, else the number; None when neither."""
    return labels[text.lower()] if text.lower() in labels else _parse_float(text)


def _answer_score(text: str, schaal: tuple[float, float], *, labels: Mapping[str, float | None] | None = None,
                  file: str, row: int, column: str) -> float | None:
    """The score of one answer, checked against the scale.

    ``labels`` (lower-case answer label -> score) are the answer labels of an export; a label with score None
    ("weet niet") gives None. Anything else that is not a number inside ``schaal`` is an error naming the cell.
    """
    lo, hi = schaal
    if labels is not None and text.lower() in labels:
        score = labels[text.lower()]
        if score is None:
            return None
    else:
        score = _parse_float(text)
    if score is None:
        expected = "geen score of bekend antwoordlabel" if labels is not None else (
            f"geen getal; verwacht een getal van {lo:g} tot en met {hi:g}")
        raise InputError(f"{'antwoord' if labels is not None else 'score'} '{text}' is {expected}",
                         file=file, row=row, column=column)
    if not lo <= score <= hi:
        raise InputError(f"score {text} valt buiten de schaal {lo:g}-{hi:g}", file=file, row=row, column=column)
    return score


def _check_scale(schaal: tuple[float, float]) -> tuple[float, float]:
    try:
        lo, hi = float(schaal[0]), float(schaal[1])
    except (TypeError, ValueError, IndexError) as exc:
        raise InputError(f"schaal {schaal!r} is ongeldig; verwacht (minimum, maximum), bv. (1, 5)",
                         column="schaal") from exc
    if not lo < hi:
        raise InputError(f"schaal {schaal!r} is ongeldig; het minimum moet kleiner zijn dan het maximum",
                         column="schaal")
    return lo, hi


def read_survey(source: str | Path | pd.DataFrame, *, schaal: tuple[float, float] = (1, 5),
                buurten: Any = None) -> pd.DataFrame:
    """Read resident survey answers in long format.

    Parameters
    ----------
    source : str, Path or DataFrame
        CSV (``,`` or ``;`` separated, UTF-8) or XLSX file (sheet ``invoer`` or the first sheet) with the
        columns of :data:`ENQUETE_KOLOMMEN`: ``buurtcode``, ``respondent``, ``thema`` and/or ``vraag``,
        ``score``, ``datum``.
    schaal : (min, max)
        Answer scale; scores outside it are refused. Default 1-5 where higher is more positive.
    buurten : GeoDataFrame, DataFrame or iterable of str, optional
        Known buurt codes; a code not in this set is refused.

    Returns
    -------
    DataFrame
        Columns ``buurtcode``, ``respondent``, ``thema``, ``vraag`` (the theme when the file has no question
        column), ``score`` (float), ``datum`` (datetime64). Rows with an empty score (no answer) are dropped.
        ``attrs["schaal"]`` holds the scale.

    Raises
    ------
    InputError
        Missing columns, invalid buurt codes, scores outside the scale, bad dates, a respondent in two buurten,
        a question answered twice by one respondent, a column holding person names, or a ``vraag`` or ``thema``
        that names a person ("vraag mevrouw Bakker"; they become lowercased identifiers, past any scrubber).
    """
    lo, hi = _check_scale(schaal)
    df, label = _read_table(source, "enquête")
    check_no_person_columns(df.columns, file=label, what="de enquête")
    _require_columns(df, ["buurtcode", "respondent", "score", "datum"], label, "de enquête (lang formaat)")
    if "thema" not in df.columns and "vraag" not in df.columns:
        raise InputError("kolom 'thema' of 'vraag' ontbreekt; minstens één van beide is nodig",
                         file=label, column="thema")
    df, excluded = _drop_without_consent(df, label, "respondent")
    known = _known_codes(buurten)
    rows: list[tuple] = []
    buurt_of: dict[str, tuple[str, int]] = {}
    seen: dict[tuple[str, str], int] = {}
    from wijklib.privacy import TextScrubber

    # vraag and thema are lowercased into identifiers below, and a lowercased name gets past every scrubber
    # afterwards: personal data in them (a title or role plus a name, a phone number ...) is refused here
    scrub = TextScrubber(free_names=False)
    for i, rec in enumerate(df.to_dict("records"), start=_first_row(label)):
        raw_score = str(rec["score"]).strip()
        if raw_score.lower() in _MISSING_TEXT:
            continue
        for col in ("vraag", "thema"):
            raw = rec.get(col)
            if isinstance(raw, str) and scrub(raw) != raw:
                raise InputError(f"de {col} noemt een persoon of persoonsgegevens (naam, adres, telefoonnummer ...); "
                                 f"vul in de kolom '{col}' alleen een vraag of thema in, geen persoon",
                                 file=label, row=i, column=col)
        code = _check_buurtcode(rec["buurtcode"], file=label, row=i, column="buurtcode", known=known)
        resp = _respondent_code(rec["respondent"], file=label, row=i, column="respondent")
        vraag = _identifier(rec.get("vraag", ""))
        thema = _identifier(rec.get("thema", ""))
        if not thema:
            if vraag in _VRAGEN_BY_ID:
                thema = _VRAGEN_BY_ID[vraag].thema
            else:
                raise InputError(f"thema ontbreekt en vraag '{vraag}' is geen vraag uit de standaardvragenlijst; "
                                 "vul de kolom 'thema' in", file=label, row=i, column="thema")
        if not vraag:
            vraag = thema
        score = _answer_score(raw_score, (lo, hi), file=label, row=i, column="score")
        datum = _parse_date(rec["datum"], file=label, row=i, column="datum")
        if resp in buurt_of and buurt_of[resp][0] != code:
            raise InputError(f"respondent {resp} staat ook in buurt {buurt_of[resp][0]} (rij {buurt_of[resp][1]}); "
                             "een respondent hoort bij één buurt", file=label, row=i, column="buurtcode")
        buurt_of.setdefault(resp, (code, i))
        key = (resp, vraag)
        if key in seen:
            raise InputError(f"respondent {resp} heeft vraag '{vraag}' al beantwoord in rij {seen[key]}",
                             file=label, row=i, column="vraag")
        seen[key] = i
        rows.append((code, resp, thema, vraag, score, datum))
    out = _survey_frame(rows, (lo, hi))
    out.attrs["zonder_toestemming"] = excluded
    return out


def _survey_frame(rows: list[tuple], schaal: tuple[float, float]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=_SURVEY_OUT)
    out["score"] = out["score"].astype(float)
    out["datum"] = _to_datetime(out["datum"].tolist()) if len(out) else pd.Series([], dtype="datetime64[ns]")
    for col in ("buurtcode", "respondent", "thema", "vraag"):
        out[col] = out[col].astype(str)
    out.attrs["schaal"] = schaal
    return out


def aggregate_survey(survey: pd.DataFrame, *, min_n: int = MIN_N,
                     schaal: tuple[float, float] | None = None) -> pd.DataFrame:
    """Mean score per buurt and theme.

    Each respondent first gets one score per theme (mean of their answers in that theme); the buurt mean is the
    mean over respondents, so a respondent who answered more questions does not weigh more.

    Parameters
    ----------
    survey : DataFrame
        Long survey table from :func:`read_survey` or :func:`read_kobo_survey`.
    min_n : int
        Minimum number of respondents (default :data:`MIN_N`, a choice of wijklib); below it ``betrouwbaar`` is
        False and ``gemiddelde``, ``sd`` and ``score_0_100`` are withheld (NaN), so that no consumer (report,
        CSV, map, notebook table) can show a mean of a handful of residents.
    schaal : (min, max), optional
        Scale for ``score_0_100``; default ``survey.attrs["schaal"]`` or (1, 5).

    Returns
    -------
    DataFrame
        Columns ``buurtcode``, ``thema``, ``n`` (respondents), ``gemiddelde``, ``sd``, ``score_0_100`` (mean
        rescaled so that the scale minimum is 0 and the maximum 100), ``betrouwbaar`` (n >= min_n) and
        ``status`` (:data:`TE_WEINIG` when withheld, else empty).
    """
    if isinstance(min_n, bool) or not isinstance(min_n, (int, np.integer)) or min_n < 1:
        raise InputError(f"min_n {min_n!r} is ongeldig; verwacht een geheel getal van 1 of meer", column="min_n")
    lo, hi = _check_scale(schaal or survey.attrs.get("schaal", (1, 5)))
    cols = ["buurtcode", "thema", "n", "gemiddelde", "sd", "score_0_100", "betrouwbaar", "status"]
    if survey.empty:
        return pd.DataFrame(columns=cols)
    per_resp = survey.groupby(["buurtcode", "thema", "respondent"], as_index=False)["score"].mean()
    agg = per_resp.groupby(["buurtcode", "thema"]).agg(n=("score", "size"), gemiddelde=("score", "mean"),
                                                       sd=("score", "std")).reset_index()
    agg["score_0_100"] = (agg["gemiddelde"] - lo) / (hi - lo) * 100
    agg["betrouwbaar"] = agg["n"] >= min_n
    small = ~agg["betrouwbaar"]
    agg.loc[small, ["gemiddelde", "sd", "score_0_100"]] = np.nan
    agg["status"] = np.where(small, TE_WEINIG, "")
    agg.attrs["min_n"] = min_n
    return agg[cols].sort_values(["buurtcode", "thema"]).reset_index(drop=True)
