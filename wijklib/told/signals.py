"""told — signals: part of the former ``wijklib/told.py`` (see the package docstring)."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from wijklib.errors import InputError, choices_nl
from ._common import (
    _HONORIFIC_RE,
    _NAME_ROLE_RE,
    _check_buurtcode,
    _identifier,
    _known_codes,
    _parse_date,
    _first_row,
    _read_table,
    _require_columns,
    _to_datetime,
    check_no_person_columns,
)
from .spec import (
    BRONROLLEN,
    SIGNAAL_KOLOMMEN,
    SIGNAAL_THEMAS,
)


# ----------------------------------------------------------------------------------------------------------------
# (c) Signals from professionals
# ----------------------------------------------------------------------------------------------------------------


def _role_scrubber():
    """The personal-data scrubber for role texts; the words of the known roles are never taken for a name."""
    from wijklib.privacy import TextScrubber

    return TextScrubber(keep=[*BRONROLLEN, *(r.title() for r in BRONROLLEN)])


def read_signals(source: str | Path | pd.DataFrame, *, buurten: Any = None,
                 themas: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Read signals (short stories) from professionals.

    Parameters
    ----------
    source : str, Path or DataFrame
        CSV or XLSX with the columns of :data:`SIGNAAL_KOLOMMEN`: ``datum``, ``buurtcode``, ``thema``,
        ``bronrol``, ``tekst`` (and optionally ``id``).
    buurten : optional
        Known buurt codes (see :func:`read_survey`).
    themas : mapping, optional
        Allowed themes (default :data:`SIGNAAL_THEMAS`).

    Returns
    -------
    DataFrame
        Columns ``id``, ``datum`` (datetime64), ``buurtcode``, ``thema``, ``bronrol``, ``tekst``, ``signaal``
        (catalogue id of one of the 61 signals of the Inspiratieboek, or "") and ``signaal_vrij`` (the text of
        the optional ``signaal`` column when it is not a catalogue signal; kept, not refused).

    Raises
    ------
    InputError
        A column that looks like a person-name or contact field (``naam``, ``melder``, ``email`` ...), a
        ``bronrol`` that is only a person's name, unknown theme, bad buurt code or date, empty text.

    Warns
    -----
    UserWarning
        When a text seems to mention a person by name ("meneer Jansen"); such texts should be rewritten. When a
        ``bronrol`` holds personal data besides the role ("wijkagent Jan de Vries"): it is scrubbed with
        :class:`wijklib.privacy.TextScrubber` before it is lowercased, so it is read as "wijkagent [naam]".
    """
    from wijklib.gemeenschap.barrieres import match_signal

    allowed = dict(themas) if themas is not None else SIGNAAL_THEMAS
    df, label = _read_table(source, "signalen")
    check_no_person_columns(df.columns, file=label, what="signalen van professionals")
    _require_columns(df, [c.name for c in SIGNAAL_KOLOMMEN if c.required], label, "signalen")
    known = _known_codes(buurten)
    rows = []
    seen_ids: dict[str, int] = {}
    named: list[str] = []
    role_named: list[int] = []
    role_scrubber = _role_scrubber()
    for i, rec in enumerate(df.to_dict("records"), start=_first_row(label)):
        sid = str(rec.get("id", "")).strip() or f"SG{i:03d}"
        if sid in seen_ids:
            raise InputError(f"id '{sid}' komt al voor in rij {seen_ids[sid]}", file=label, row=i, column="id")
        seen_ids[sid] = i
        datum = _parse_date(rec["datum"], file=label, row=i, column="datum")
        code = _check_buurtcode(rec["buurtcode"], file=label, row=i, column="buurtcode", known=known)
        thema = _identifier(rec["thema"])
        if thema not in allowed:
            raise InputError(f"thema '{rec['thema']}' is onbekend; kies uit: {choices_nl(allowed)}",
                             file=label, row=i, column="thema")
        rol_raw = str(rec["bronrol"]).strip()
        if not rol_raw:
            raise InputError("bronrol ontbreekt; vul de rol van de professional in (bv. wijkagent)",
                             file=label, row=i, column="bronrol")
        if not any(rol_raw.lower().startswith(r) for r in BRONROLLEN) and _NAME_ROLE_RE.match(rol_raw):
            raise InputError(f"bronrol '{rol_raw}' lijkt een persoonsnaam; vul alleen de rol in (bv. wijkagent, "
                             "jongerenwerker). Namen van professionals of bewoners horen niet in deze gegevens.",
                             file=label, row=i, column="bronrol")
        # scrubbed BEFORE lowercasing: a lowercased name ("wijkagent jan de vries") gets past every scrubber
        rol_scrubbed = role_scrubber(rol_raw)
        if rol_scrubbed != rol_raw:
            role_named.append(i)
        rol = rol_scrubbed.lower()
        tekst = str(rec["tekst"]).strip()
        if not tekst:
            raise InputError("tekst ontbreekt", file=label, row=i, column="tekst")
        if _HONORIFIC_RE.search(tekst):
            named.append(sid)
        try:
            signaal, signaal_vrij = match_signal(rec.get("signaal", ""))
        except ValueError as exc:
            raise InputError(str(exc), file=label, row=i, column="signaal") from None
        rows.append((sid, datum, code, thema, rol, tekst, signaal, signaal_vrij))
    if role_named:
        rows_nl = ", ".join(map(str, role_named[:10])) + (" ..." if len(role_named) > 10 else "")
        warnings.warn(f"{label}, kolom bronrol, rij {rows_nl}: de bronrol noemt een persoon (naam, adres of "
                      "telefoonnummer); dat is vervangen door [naam] enz. In deze kolom hoort een rol, geen persoon: "
                      "vul alleen de rol in (bv. wijkagent).", UserWarning, stacklevel=2)
    if named:
        warnings.warn(f"{label}: tekst van signaal {', '.join(named[:10])} lijkt een persoon bij naam te noemen "
                      "(meneer/mevrouw + naam); herschrijf zonder namen.", UserWarning, stacklevel=2)
    out = pd.DataFrame(rows, columns=["id", "datum", "buurtcode", "thema", "bronrol", "tekst", "signaal",
                                      "signaal_vrij"])
    out["datum"] = _to_datetime(out["datum"].tolist()) if len(out) else pd.Series([], dtype="datetime64[ns]")
    return out


def aggregate_signals(signals: pd.DataFrame) -> pd.DataFrame:
    """Count signals per buurt and theme.

    Returns
    -------
    DataFrame
        Columns ``buurtcode``, ``thema``, ``aantal``, ``eerste``, ``laatste`` (dates), ``bronrollen``
        (distinct roles, ``; ``-separated: several independent roles make a signal stronger).
    """
    if signals.empty:
        return pd.DataFrame(columns=["buurtcode", "thema", "aantal", "eerste", "laatste", "bronrollen"])
    agg = signals.groupby(["buurtcode", "thema"]).agg(
        aantal=("id", "size"), eerste=("datum", "min"), laatste=("datum", "max"),
        bronrollen=("bronrol", lambda s: "; ".join(sorted(set(s))))).reset_index()
    return pd.DataFrame(agg)
