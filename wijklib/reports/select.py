"""Choose the buurten of a batch: a gemeente, a wijk, a list of codes, or the focus areas from a CSV file."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from wijklib.areas import normalise_code
from wijklib.errors import InputError
from wijklib.focus_file import focus_codes

__all__ = ["select_areas", "ALL_AREAS", "MAX_AREAS_WITHOUT_SELECTION"]

#: Value of ``codes`` that explicitly asks for every buurt of the area file (``wijk rapport --alles``).
ALL_AREAS = "*"
#: A batch without selection is refused above this many buurten (a keuze van wijklib: a national polygon file
#: would otherwise quietly start thousands of reports).
MAX_AREAS_WITHOUT_SELECTION = 500



def _as_list(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    return [normalise_code(v) for v in value if str(v).strip()]


def select_areas(areas: pd.DataFrame, *, gemeente: str | Iterable[str] | None = None,
                 wijk: str | Iterable[str] | None = None, codes: str | Iterable[str] | None = None,
                 focus: str | Path | None = None) -> list[str]:
    """Buurt codes for a batch, sorted; the union of all selectors, or every buurt when none is given.

    Parameters
    ----------
    areas : DataFrame
        Buurten as returned by :func:`wijklib.geo.load_areas` (``area_code``, ``wijk_code``, ``gemeente_code``).
    gemeente, wijk : str or list of str, optional
        All buurten of these gemeenten / wijken.
    codes : str or list of str, optional
        Buurt codes; a wijk or gemeente code in the list stands for all its buurten. A string may hold several
        codes separated by commas. :data:`ALL_AREAS` (``"*"``) explicitly selects every buurt.
    focus : path, optional
        Focus-area file (:mod:`wijklib.focus_file`): its buurten, without the rows decided ``nee``.

    Raises
    ------
    InputError
        A code that is not in the area file (listing the unknown codes), an empty selection, or no selection
        at all on a file with more than :data:`MAX_AREAS_WITHOUT_SELECTION` buurten or with buurten of several
        gemeenten (the message names ``--gemeente`` and ``--alles``).
    """
    explicit_all = (isinstance(codes, str) and codes.strip() == ALL_AREAS) or (
        not isinstance(codes, str) and codes is not None and list(codes) == [ALL_AREAS])
    if explicit_all:
        codes = None
    known = pd.Index(areas["area_code"].astype(str))
    wijk_of = pd.Series(areas["wijk_code"].astype(str).to_numpy(), index=known)
    gm_of = pd.Series(areas["gemeente_code"].astype(str).to_numpy(), index=known)
    wanted: list[str] = []
    unknown: list[str] = []

    def expand(code: str, what: str) -> None:
        if code.startswith("GM"):
            hit = known[gm_of.to_numpy() == code]
        elif code.startswith("WK"):
            hit = known[wijk_of.to_numpy() == code]
        else:
            hit = known[known == code]
        if len(hit) == 0:
            unknown.append(f"{code} ({what})")
        wanted.extend(hit)

    for c in _as_list(gemeente):
        expand(c, "gemeente")
    for c in _as_list(wijk):
        expand(c, "wijk")
    for c in _as_list(codes):
        expand(c, "lijst")
    if focus is not None:
        for c in focus_codes(focus):
            expand(c, "focusbestand")
    if unknown:
        raise InputError("deze gebieden staan niet in het bestand met buurten: " + ", ".join(unknown[:10])
                         + (f" en nog {len(unknown) - 10}" if len(unknown) > 10 else ""), column="gebieden")
    if gemeente is None and wijk is None and codes is None and focus is None:
        n_gm = gm_of.nunique()
        if not explicit_all and (len(known) > MAX_AREAS_WITHOUT_SELECTION or n_gm > 1):
            examples = ", ".join(sorted(gm_of.unique())[:3])
            raise InputError(
                f"het bestand met buurten bevat {len(known)} buurten"
                + (f" van {n_gm} gemeenten" if n_gm > 1 else "")
                + f"; zonder keuze zouden dat {len(known)} rapporten worden. Kies met --gemeente (bijvoorbeeld "
                f"--gemeente {examples.split(', ')[0]}), --wijk, --gebieden of --focus, of geef --alles als u echt "
                f"alle {len(known)} buurten wilt (gemeenten in het bestand: {examples}"
                + (" ..." if n_gm > 3 else "") + ")", column="gebieden")
        wanted = list(known)
    if not wanted:
        raise InputError("de selectie bevat geen enkele buurt", column="gebieden")
    return sorted(dict.fromkeys(wanted))
