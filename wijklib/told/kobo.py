"""told — kobo: part of the former ``wijklib/told.py`` (see the package docstring)."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from wijklib.errors import InputError, choices_nl
from ._common import (
    _check_buurtcode,
    _identifier,
    _known_codes,
    _parse_date,
    _first_row,
    _read_table,
    check_no_person_columns,
)
from .spec import (
    ENQUETE_THEMAS,
    LIKERT_LABELS,
    STANDAARD_VRAGEN,
    _VRAGEN_BY_ID,
)
from .survey import (
    _answer_score,
    _check_scale,
    _consent_columns,
    _drop_without_consent,
    _label_or_number,
    _respondent_code,
    _survey_frame,
)


_KOBO_META = {
    "start", "end", "today", "deviceid", "username", "simserial", "subscriberid", "phonenumber", "audit",
    "instanceid", "instancename", "uuid", "key", "submissiondate", "submitterid", "submittername",
    "attachmentspresent", "attachmentsexpected", "status", "reviewstate", "deviceid", "edits", "formversion",
    "__version__", "version", "note", "calculate", "consent", "toestemming",
}
_RESPONDENT_KEYS = ("_uuid", "meta/instanceID", "KEY", "instanceID", "_id", "_index")
_DATE_KEYS = ("today", "_submission_time", "SubmissionDate", "end", "start")
_BUURT_KEYS = ("buurtcode", "buurt_code", "buurt", "cbs_buurtcode")


def _last(col: str, sep: str) -> str:
    return col.split(sep)[-1] if sep else col


def kobo_to_long(wide: pd.DataFrame, *, file: str = "<tabel>", buurt_kolom: str | None = None,
                 respondent_kolom: str | None = None, datum_kolom: str | None = None,
                 thema_per_vraag: Mapping[str, str] | None = None, omgekeerd: Iterable[str] | None = None,
                 schaal: tuple[float, float] = (1, 5), labels: Mapping[str, float | None] | None = None,
                 buurt_namen: Mapping[str, str] | None = None, negeer: Iterable[str] = (),
                 buurten: Any = None) -> pd.DataFrame:
    """Convert a wide KoboToolbox/ODK export (one row per respondent, text cells) to the long survey format.

    Parameters
    ----------
    wide : DataFrame
        The export with text cells (as read by :func:`read_kobo_survey`).
    file : str
        File name for error messages.
    buurt_kolom, respondent_kolom, datum_kolom : str, optional
        Column names; detected when not given (buurt: a column named ``buurtcode``/``buurt`` in any group;
        respondent: ``_uuid``, ``meta/instanceID``, ``KEY``, ``_id`` or ``_index``; date: ``today``,
        ``_submission_time``, ``SubmissionDate``, ``end`` or ``start``).
    thema_per_vraag : mapping, optional
        Theme per question id; otherwise the standard questionnaire, otherwise the group name
        (``veiligheid/veilig_avond`` -> theme ``veiligheid``).
    omgekeerd : iterable of str, optional
        Question ids whose scores are reversed (``min + max - score``). Default: the negatively phrased
        questions of :data:`STANDAARD_VRAGEN`.
    schaal : (min, max)
        Answer scale.
    labels : mapping, optional
        Answer label (lower case) -> score for exports "with labels"; default :data:`LIKERT_LABELS`.
    buurt_namen : mapping, optional
        Buurt name -> buurt code, for exports whose buurt column holds names instead of codes.
    negeer : iterable of str
        Columns (full name or question id) to leave out.
    buurten : optional
        Known buurt codes (see :func:`read_survey`).

    Returns
    -------
    DataFrame
        Same columns as :func:`read_survey`. ``attrs["overgeslagen_kolommen"]`` lists the columns that were not
        read as answers (free text, geopoints, select-multiple option columns, meta columns).
    """
    lo, hi = _check_scale(schaal)
    label_map = {k.lower(): v for k, v in (labels if labels is not None else LIKERT_LABELS).items()}
    cols = list(wide.columns)
    odk = "KEY" in cols or "SubmissionDate" in cols
    sep = "/" if any("/" in c for c in cols) else ("-" if odk and any("-" in c for c in cols) else "")
    check_no_person_columns([c for c in cols if not c.startswith("_") and _last(c, sep).lower() != "username"],
                            file=file, what="de enquête")

    def find(explicit: str | None, keys: Sequence[str], what: str, by_last: bool) -> str:
        if explicit is not None:
            if explicit not in cols:
                raise InputError(f"kolom '{explicit}' ({what}) bestaat niet in de export", file=file,
                                 column=explicit)
            return explicit
        for key in keys:
            if key in cols:
                return key
        if by_last:
            hits = [c for c in cols if _last(c, sep).lower() in keys]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                raise InputError(f"meerdere kolommen lijken de {what} te zijn ({', '.join(hits)}); geef de juiste "
                                 "op met het argument voor die kolom", file=file, column=hits[0])
        raise InputError(f"geen kolom voor de {what} gevonden; verwacht {choices_nl(keys)}",
                         file=file, column=keys[0])

    bcol = find(buurt_kolom, _BUURT_KEYS, "buurt", True)
    rcol = find(respondent_kolom, _RESPONDENT_KEYS, "respondentcode", True)
    dcol = find(datum_kolom, _DATE_KEYS, "datum", True)
    # respondents without consent leave before anything is read or computed (one row per respondent here)
    n_rows = len(wide)
    with warnings.catch_warnings(record=True) as consent_notes:
        warnings.simplefilter("always")
        wide, excluded = _drop_without_consent(wide, file, None)
    if n_rows and excluded and wide.empty:
        consent = ", ".join(str(c) for c in _consent_columns(cols))
        raise InputError(f"niemand heeft toestemming gegeven: alle {n_rows} rij(en) (respondenten) hebben 'nee' of "
                         f"geen antwoord in de toestemmingsvraag (kolom {consent}). Er zijn dus geen antwoorden die "
                         "gebruikt mogen worden; zonder toestemming telt een antwoord nergens mee. Controleer of de "
                         "export de goede kolom en waarden heeft (ja/nee)", file=file, column=consent)
    for note in consent_notes:  # some respondents refused: say so (as _drop_without_consent does)
        warnings.warn_explicit(note.message, note.category, note.filename, note.lineno)
    cols = list(wide.columns)
    reversed_ids = set(omgekeerd) if omgekeerd is not None else {v.id for v in STANDAARD_VRAGEN if v.omgekeerd}
    themes = dict(thema_per_vraag or {})
    skip = set(negeer)
    known = _known_codes(buurten)
    names = {str(k).strip().lower(): v for k, v in (buurt_namen or {}).items()}

    strict_themes = set(ENQUETE_THEMAS) | {_identifier(t) for t in themes.values()}
    answer_cols: list[tuple[str, str, str]] = []
    skipped: list[str] = []
    not_read: list[str] = []
    for col in cols:
        last = _last(col, sep)
        if col in (bcol, rcol, dcol) or col in skip or last in skip:
            continue
        if col.startswith("_") or last.lower() in _KOBO_META or last.startswith("_") or col.startswith("meta"):
            skipped.append(col)
            continue
        parent = col.rsplit(sep, 1)[0] if sep and sep in col else None
        if parent is not None and parent in cols:  # select_multiple option column: groep/vraag/optie
            skipped.append(col)
            continue
        values = [str(v).strip() for v in wide[col] if str(v).strip()]
        if not values:
            skipped.append(col)
            continue
        scores = [_label_or_number(v, label_map) for v in values]
        ok = sum(1 for v, sc in zip(values, scores, strict=True) if sc is not None or v.lower() in label_map)
        if ok < 0.5 * len(values):  # free text, geopoints, select_multiple summaries
            skipped.append(col)
            continue
        thema = themes.get(last) or (_VRAGEN_BY_ID[last].thema if last in _VRAGEN_BY_ID else None)
        strict = thema is not None
        if thema is None and parent is not None:
            thema = _last(parent, sep)
            strict = _identifier(thema) in strict_themes
        clean = ok == len(values) and all(sc is None or lo <= sc <= hi for sc in scores)
        if thema is None or (not strict and not clean):
            # background questions (age, household size ...) or questions without a theme: not read as answers
            skipped.append(col)
            not_read.append(col)
            continue
        answer_cols.append((col, _identifier(last), _identifier(thema)))
    if not_read:
        warnings.warn(f"{file}: kolom(men) {', '.join(not_read)} niet als antwoord gelezen: geen bekend thema of "
                      f"waarden buiten de schaal {lo:g}-{hi:g}. Geef thema_per_vraag mee om ze wel te lezen, of "
                      "negeer=[...] om deze melding te vermijden.", UserWarning, stacklevel=3)
    if not answer_cols:
        raise InputError("geen antwoordkolommen met scores gevonden in de export; verwacht vragen in een "
                         "themagroep (groep/vraag), vragen uit de standaardvragenlijst of thema_per_vraag",
                         file=file)

    rows: list[tuple] = []
    seen_resp: dict[str, int] = {}
    for i, rec in enumerate(wide.to_dict("records"), start=_first_row(file)):
        resp = _respondent_code(rec[rcol], file=file, row=i, column=rcol)
        if resp in seen_resp:
            raise InputError(f"respondent {resp} komt twee keer voor (ook rij {seen_resp[resp]})",
                             file=file, row=i, column=rcol)
        seen_resp[resp] = i
        braw = str(rec[bcol]).strip()
        if braw.lower() in names:
            braw = names[braw.lower()]
        code = _check_buurtcode(braw, file=file, row=i, column=bcol, known=known)
        datum = _parse_date(rec[dcol], file=file, row=i, column=dcol)
        for col, vraag, thema in answer_cols:
            text = str(rec[col]).strip()
            if not text:
                continue
            score = _answer_score(text, (lo, hi), labels=label_map, file=file, row=i, column=col)
            if score is None:
                continue
            if vraag in reversed_ids:
                score = lo + hi - score
            rows.append((code, resp, thema, vraag, float(score), datum))
    out = _survey_frame(rows, (lo, hi))
    out.attrs["overgeslagen_kolommen"] = skipped
    out.attrs["zonder_toestemming"] = excluded
    return out


def read_kobo_survey(source: str | Path | pd.DataFrame, **kwargs: Any) -> pd.DataFrame:
    """Read a KoboToolbox/ODK survey export (CSV or XLSX, XML names or labels) into the long format.

    Parameters
    ----------
    source : str, Path or DataFrame
        The export. Kobo CSV uses ``;`` or ``,`` and ``/`` between group and question; ODK Briefcase uses ``-``.
    **kwargs
        Passed to :func:`kobo_to_long`.

    Returns
    -------
    DataFrame
        Long survey table (see :func:`read_survey`).
    """
    df, label = _read_table(source, "Kobo-export")
    return kobo_to_long(df, file=label, **kwargs)
