"""001 at work: the 61 signals of the Inspiratieboek in the signals table, and the barrier model as a worksheet.

Signals
    The signals table of :func:`wijklib.told.read_signals` has an optional column ``signaal``: one of the 61 signals
    of the Inspiratieboek (catalogue kind ``signaal``, ids ``ib.sig.sg01`` ... ``ib.sig.sg61``), given as id, code
    (``SG-07``), name or dropdown text. :func:`match_signal` maps it; text that is not a catalogue signal is kept
    as free text (``signaal_vrij``), because a professional's own words are data too. A value that looks like a
    signal code but does not exist (``SG-99``) is an error. :func:`signal_phenomena` lists, per buurt, the
    phenomena of undermining (``fenomeen_ondermijning``) the catalogue links to the mapped signals: evidence
    named by its signals, never inferred from figures.
Barrier model
    The CCV barrier model as the Inspiratieboek describes it (H9 CCV-project mobiel banditisme, Aanpak, r. 2503-
    2560): a criminal activity is broken down into process steps; per step partners name the opportunities
    (*gelegenheid*), signals, facilitators (*faciliteerders*) and the barriers they can raise together. The
    worksheet has one row per item: ``fenomeen``, ``processtap``, ``onderdeel`` (one of the four components of the
    model, from the catalogue), ``omschrijving``, and optionally ``signaal``, ``partner``, ``maatregel`` and
    ``buurtcode``. :func:`barrier_table` turns it into a table per phenomenon and step that can be used when
    choosing interventions: every barrier with its partners, measures and the signals that support it.
    Which steps still lack a barrier is reported as a gap (keuze van wijklib; the book gives no such rule).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from wijklib.io.tables import cell_text, fold, is_empty
from wijklib.errors import InputError
from wijklib.readiness._files import read_spec_rows
from wijklib.told import ColumnSpec

from . import vocab

__all__ = [
    "BARRIER_MODEL",
    "PHENOMENON_KIND",
    "SIGNAL_KIND",
    "barrier_components",
    "barrier_gaps",
    "barrier_specs",
    "barrier_starter",
    "barrier_table",
    "match_signal",
    "read_barrier_worksheet",
    "signal_choices",
    "signal_phenomena",
]

SIGNAL_KIND = "signaal"
PHENOMENON_KIND = "fenomeen_ondermijning"
#: The catalogue entry of the barrier model of 001.
BARRIER_MODEL = "ib.kader.barrieremodel"
_CODE_LIKE = re.compile(r"^(ib\.sig\.\S+|sg[\s\-_]?\d+)\b", re.IGNORECASE)


def signal_choices(cat=None) -> tuple[str, ...]:
    """The 61 dropdown texts of the signals of 001 (``"SG-01 Intimiderende sfeer in de wijk"``)."""
    return vocab.choices(SIGNAL_KIND, cat)


def match_signal(value: Any, cat=None) -> tuple[str, str]:
    """Map a value of the ``signaal`` column to a catalogue signal.

    Returns
    -------
    (str, str)
        ``(signal id, "")`` for a catalogue signal, ``("", text)`` for free text that is not one, ``("", "")``
        for an empty cell.

    Raises
    ------
    ValueError
        When the value looks like a signal id or code (``ib.sig.sg99``, ``SG-99``) that does not exist.
    """
    if is_empty(value):
        return "", ""
    text = cell_text(value)
    try:
        return vocab.resolve(text, SIGNAL_KIND, cat), ""
    except ValueError:
        if _CODE_LIKE.match(text):
            raise ValueError(f"signaal {text!r} bestaat niet in het Inspiratieboek; kies een van de 61 signalen "
                             "(SG-01 ... SG-61, tabblad 'lijsten') of beschrijf het in eigen woorden") from None
        return "", text


def signal_phenomena(signals: pd.DataFrame, cat=None) -> pd.DataFrame:
    """Phenomena of undermining per buurt, from the catalogue signals in the signals table.

    Returns
    -------
    DataFrame
        ``buurtcode``, ``fenomeen`` (id), ``fenomeen_naam``, ``signalen`` (catalogue signal names),
        ``meldingen`` (ids of the rows in the signals table) and ``bron`` (sections in 001 of those signals).
    """
    cat = vocab.catalogue(cat)
    cols = ["buurtcode", "fenomeen", "fenomeen_naam", "signalen", "meldingen", "bron"]
    if "signaal" not in signals.columns or signals.empty:
        return pd.DataFrame(columns=cols)
    found: dict[tuple[str, str], dict[str, list[str]]] = {}
    for rec in signals[signals["signaal"].astype(str) != ""].to_dict("records"):
        sig = cat.get(rec["signaal"])
        for ref in sig.refs:
            if ref.rel != "fenomeen_ondermijning":
                continue
            slot = found.setdefault((rec["buurtcode"], ref.target), {"s": [], "m": [], "b": []})
            for lst, val in ((slot["s"], sig.name_nl), (slot["m"], str(rec["id"])), (slot["b"], sig.source.section)):
                if val not in lst:
                    lst.append(val)
    rows = [{"buurtcode": b, "fenomeen": f, "fenomeen_naam": cat.get(f).name_nl, "signalen": "; ".join(v["s"]),
             "meldingen": ", ".join(v["m"]), "bron": "Inspiratieboek, " + "; ".join(v["b"])}
            for (b, f), v in sorted(found.items())]
    return pd.DataFrame(rows, columns=cols)


# ---------------------------------------------------------------------------------------------------------------
# Barrier worksheet
# ---------------------------------------------------------------------------------------------------------------

def barrier_components(cat=None) -> dict[str, str]:
    """The four components of the barrier model (short key -> Dutch name), from the catalogue."""
    cat = vocab.catalogue(cat)
    return {e.id.rsplit(".", 1)[1]: e.name_nl for e in cat.children(BARRIER_MODEL)
            if e.attr("soort") == "component"}


def _partner_choices(cat) -> tuple[str, ...]:
    cat = vocab.catalogue(cat)
    return tuple(vocab.choice_label(e) for e in cat.by_kind("actortype") if e.parent != "ib.actorgroep.crimineel")


def barrier_specs(cat=None) -> tuple[str, tuple[ColumnSpec, ...]]:
    """Title and columns of the barrier worksheet (dropdowns from the catalogue)."""
    comps = barrier_components(cat)
    fen = vocab.choices(PHENOMENON_KIND, cat)
    return ("Werkblad barrièremodel per fenomeen (Inspiratieboek, CCV-barrièremodel)", (
        ColumnSpec("fenomeen", True, "fenomeen uit de lijst of eigen omschrijving",
                   "Het fenomeen van ondermijning waar het werkblad over gaat.", fen[0], fen),
        ColumnSpec("processtap", True, "korte tekst",
                   "Stap in het 'bedrijfsproces' van de criminele activiteit, bv. locatie vinden, opslag, vervoer.",
                   "opslag"),
        ColumnSpec("onderdeel", True, "een van de vier onderdelen",
                   "Onderdeel van het barrièremodel: " + ", ".join(comps) + ".", "barrieres", tuple(comps)),
        ColumnSpec("omschrijving", True, "korte tekst zonder namen", "Wat je ziet of wat je wilt doen.",
                   "Verhuurders van garageboxen vragen naar identiteit"),
        ColumnSpec("signaal", False, "signaal uit de lijst", "Signaal van het Inspiratieboek dat hierbij past.", "",
                   signal_choices(cat)),
        ColumnSpec("partner", False, "soort partner",
                   "Wie de barrière opwerpt of het signaal ziet (soort organisatie of rol, geen persoonsnaam).",
                   "ib.actor.woningcorporatie - Woningcorporatie", _partner_choices(cat)),
        ColumnSpec("maatregel", False, "korte tekst", "Concrete maatregel of interventie bij deze barrière.",
                   "Afspraken in het huurcontract"),
        ColumnSpec("buurtcode", False, "CBS-buurtcode", "Buurt waar dit speelt (leeg = hele gebied).", "BU99010101"),
    ))


def read_barrier_worksheet(source: str | Path | pd.DataFrame, cat=None) -> pd.DataFrame:
    """Read a barrier worksheet (CSV/XLSX, sheet ``invoer``, or a DataFrame).

    Returns
    -------
    DataFrame
        ``fenomeen`` (catalogue id or ""), ``fenomeen_naam`` (catalogue name or the own text), ``processtap``,
        ``onderdeel`` (component key), ``omschrijving``, ``signaal`` (id or ""), ``signaal_vrij``, ``partner``
        (actor id or ""), ``partner_naam`` (catalogue name or own text), ``maatregel``, ``buurtcode``, ``rij``.

    Raises
    ------
    InputError
        Missing column or value, unknown component, a signal code that does not exist, a criminal actor type as
        partner; naming file, row and column.
    """
    cat = vocab.catalogue(cat)
    _, specs = barrier_specs(cat)
    label, rows = read_spec_rows(source, specs, frame_label="werkblad",
                                 template="templates/invoer/gemeenschap/barrieremodel.xlsx")
    comps = barrier_components(cat)
    comp_names = {fold(v): k for k, v in comps.items()} | {k: k for k in comps} | {"barriere": "barrieres",
                                                                                  "signaal": "signalen"}
    out = []
    for n, raw in rows:
        if all(is_empty(v) for v in raw.values()):
            continue
        for col in ("fenomeen", "processtap", "onderdeel", "omschrijving"):
            if is_empty(raw.get(col)):
                raise InputError(f"{col} ontbreekt", file=label, row=n, column=col)
        try:
            fen = vocab.resolve(raw["fenomeen"], PHENOMENON_KIND, cat)
            fen_name = cat.get(fen).name_nl
        except ValueError:
            fen, fen_name = "", cell_text(raw["fenomeen"])
        comp = comp_names.get(fold(raw["onderdeel"]).replace("è", "e"))
        if comp is None:
            raise InputError(f"onderdeel {cell_text(raw['onderdeel'])!r} is onbekend; kies uit: {', '.join(comps)}",
                             file=label, row=n, column="onderdeel")
        try:
            sig, sig_free = match_signal(raw.get("signaal"), cat)
        except ValueError as exc:
            raise InputError(str(exc), file=label, row=n, column="signaal") from None
        partner, partner_name = "", ""
        if not is_empty(raw.get("partner")):
            try:
                partner = vocab.resolve(raw["partner"], "actortype", cat)
                entry = cat.get(partner)
                if entry.parent == "ib.actorgroep.crimineel":
                    raise InputError(f"{entry.name_nl!r} is geen partner; noem alleen partijen die een barrière "
                                     "opwerpen", file=label, row=n, column="partner")
                partner_name = entry.name_nl
            except ValueError:
                partner_name = cell_text(raw["partner"])
        code = "" if is_empty(raw.get("buurtcode")) else cell_text(raw["buurtcode"]).upper()
        if code and not re.match(r"^BU\d{4}[0-9A-Z]{4}$", code):
            raise InputError(f"{code!r} is geen CBS-buurtcode", file=label, row=n, column="buurtcode")
        out.append({"fenomeen": fen, "fenomeen_naam": fen_name, "processtap": cell_text(raw["processtap"]),
                    "onderdeel": comp, "omschrijving": cell_text(raw["omschrijving"]), "signaal": sig,
                    "signaal_vrij": sig_free, "partner": partner, "partner_naam": partner_name,
                    "maatregel": "" if is_empty(raw.get("maatregel")) else cell_text(raw["maatregel"]),
                    "buurtcode": code, "rij": n})
    return pd.DataFrame(out, columns=["fenomeen", "fenomeen_naam", "processtap", "onderdeel", "omschrijving",
                                      "signaal", "signaal_vrij", "partner", "partner_naam", "maatregel", "buurtcode",
                                      "rij"])


def barrier_table(worksheet: pd.DataFrame, cat=None) -> pd.DataFrame:
    """The worksheet per phenomenon and process step, in the four columns of the barrier model.

    Usable in intervention choice: ``barrieres`` and ``maatregelen`` are the candidate measures, ``partners`` who
    carries them and ``signalen`` the evidence (catalogue signals and own observations).

    Returns
    -------
    DataFrame
        ``fenomeen_naam``, ``processtap``, one column per component (``gelegenheid``, ``signalen``,
        ``faciliteerders``, ``barrieres``: descriptions joined by ``; ``), ``partners``, ``maatregelen``,
        ``catalogussignalen`` (names of the catalogue signals), ``buurten`` and ``heeft_barriere`` (bool).
    """
    cat = vocab.catalogue(cat)
    comps = list(barrier_components(cat))
    rows = []
    for (fen, step), grp in worksheet.groupby(["fenomeen_naam", "processtap"], sort=False):
        row: dict[str, Any] = {"fenomeen_naam": fen, "processtap": step}
        for comp in comps:
            row[comp] = "; ".join(grp.loc[grp["onderdeel"] == comp, "omschrijving"])
        row["partners"] = "; ".join(dict.fromkeys(p for p in grp["partner_naam"] if p))
        row["maatregelen"] = "; ".join(dict.fromkeys(m for m in grp["maatregel"] if m))
        row["catalogussignalen"] = "; ".join(dict.fromkeys(cat.get(s).name_nl for s in grp["signaal"] if s))
        row["buurten"] = ", ".join(sorted({b for b in grp["buurtcode"] if b})) or "hele gebied"
        row["heeft_barriere"] = bool(row["barrieres"])
        rows.append(row)
    return pd.DataFrame(rows, columns=["fenomeen_naam", "processtap", *comps, "partners", "maatregelen",
                                       "catalogussignalen", "buurten", "heeft_barriere"])


def barrier_gaps(table: pd.DataFrame) -> pd.DataFrame:
    """Process steps with signals or opportunities but no barrier yet (keuze van wijklib: a conversation point).

    Returns
    -------
    DataFrame
        ``fenomeen_naam``, ``processtap`` and ``wat_er_is`` (what the worksheet does hold for that step).
    """
    gaps = table[~table["heeft_barriere"]]
    rows = [{"fenomeen_naam": r["fenomeen_naam"], "processtap": r["processtap"],
             "wat_er_is": "; ".join(f"{c}: {r[c]}" for c in ("gelegenheid", "signalen", "faciliteerders") if r.get(c))}
            for _, r in gaps.iterrows()]
    return pd.DataFrame(rows, columns=["fenomeen_naam", "processtap", "wat_er_is"])


def barrier_starter(phenomena: pd.DataFrame, signals: pd.DataFrame, cat=None) -> pd.DataFrame:
    """Starter rows for a worksheet: for each phenomenon of :func:`signal_phenomena`, one ``signalen`` row per
    catalogue signal seen, to be completed with partners (steps, barriers and measures are theirs to fill in).

    Returns
    -------
    DataFrame
        The worksheet columns (``fenomeen``, ``processtap`` = ``"nog te bepalen"``, ``onderdeel`` = ``signalen``,
        ``omschrijving``, ``signaal``, ``partner``, ``maatregel``, ``buurtcode``).
    """
    cat = vocab.catalogue(cat)
    rows = []
    for _, ph in phenomena.iterrows():
        sub = signals[(signals["buurtcode"] == ph["buurtcode"]) & (signals["signaal"] != "")]
        for sig in dict.fromkeys(sub["signaal"]):
            if any(r.target == ph["fenomeen"] for r in cat.get(sig).refs if r.rel == "fenomeen_ondermijning"):
                rows.append({"fenomeen": vocab.choice_label(cat.get(ph["fenomeen"])), "processtap": "nog te bepalen",
                             "onderdeel": "signalen", "omschrijving": cat.get(sig).name_nl,
                             "signaal": vocab.choice_label(cat.get(sig)), "partner": "", "maatregel": "",
                             "buurtcode": ph["buurtcode"]})
    return pd.DataFrame(rows, columns=["fenomeen", "processtap", "onderdeel", "omschrijving", "signaal", "partner",
                                       "maatregel", "buurtcode"])
