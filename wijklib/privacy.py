"""Personal data in free text: one scrubber for everything that leaves the machine, and a check before writing.

Free text typed by professionals and researchers (signal texts, notes, remarks, role texts, descriptions, photo
captions) ends up in reports, map popups and exports that are shared with partners. Such text often holds
personal data without anyone meaning to: "Bewoonster Zeynep Yilmaz, Merelhof 12, belt vaak (06-12345678)".
wijklib therefore passes every free text through :class:`TextScrubber` before it is written anywhere:

===================================================  ===============
what                                                  becomes
===================================================  ===============
names of natural persons known to wijklib (stakeholder and informant records, passed as ``names``)
                                                      ``[naam]``
a name after a title or a role word ("Bewoonster Zeynep ...", "mevrouw De Vries", "contact via Z. Yilmaz",
"voorgezeten door Karel Smit"), or an initial plus surname ("Z. Yilmaz")
                                                      ``[naam]``
street plus house number ("Merelhof 12", "Van Goghstraat 3a")
                                                      ``[adres]``
Dutch postcode ("1234 AB")                             ``[postcode]``
phone number ("06-12345678", "+31 20 123 4567")        ``[telefoon]``
e-mail address                                         ``[e-mail]``
===================================================  ===============

The scrubber counts what it replaced per kind (and per place, when the caller names one) without keeping the
original values, so a user can see what was scrubbed (:meth:`TextScrubber.report`) while the shared output never
holds the originals. :func:`find_personal_data` and :func:`check_before_write` are the audit on *content*: they run
before a file is written and refuse to write (:class:`PersonalDataError`) when personal data is still present.

The patterns are a choice of wijklib (*keuze van wijklib*): no source document prescribes them. They catch the
common forms; they cannot recognise every name in running text, so signals should still be written about the
buurt, not about people.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from wijklib.errors import WijklibError

__all__ = ["escape_html", "NAAM", "ADRES", "POSTCODE", "TELEFOON", "EMAIL", "TextScrubber", "ScrubReport", "scrub_text",
           "find_personal_data", "check_before_write", "PersonalDataError"]

NAAM, ADRES, POSTCODE, TELEFOON, EMAIL = "[naam]", "[adres]", "[postcode]", "[telefoon]", "[e-mail]"

_KIND_NL = {NAAM: "naam", ADRES: "adres", POSTCODE: "postcode", TELEFOON: "telefoonnummer", EMAIL: "e-mailadres"}

_UP = "A-ZÀ-ÖØ-Ý"
_LOW = "a-zà-öø-ÿ"
#: A capitalised name word ("Zeynep", "Yilmaz", "O'Neill", "Smit-Jansen").
_WORD = rf"[{_UP}][{_LOW}'’\-]+(?:-[{_UP}][{_LOW}'’]+)?"
_PREFIX = r"(?:van der|van den|van de|van 't|in 't|van|de|der|den|te|ten|ter|el|al|von|da|di|le|la|op de|'t)"
#: Optional initials ("Z.", "J.P.") then one or more name words with Dutch prefixes ("Jan de Vries").
_NAME = rf"(?:(?:[{_UP}]\.\s?){{1,3}}\s?)?(?:{_PREFIX}\s+)?{_WORD}(?:\s+(?:{_PREFIX}\s+)?{_WORD}){{0,2}}"

#: Titles and kin words that are followed by a person's name (one name word is enough: "mevrouw Bakker").
_TITLES = (r"bewoonster|bewoner|buurvrouw|buurman|meneer|mevrouw|mevr\.?|mw\.?|dhr\.?|de heer|mr\.|dr\.|ir\.|"
           r"drs\.|familie|fam\.|mijnheer|juffrouw")
#: Role words; a name after them needs two name words ("wijkagent Jan Jansen"), so that "wijkagent Zuiderveld"
#: (a role and an area) stays as it is.
_ROLES = (r"wijkagent|jongerenwerker|voorzitter|secretaris|penningmeester|eigenaar|huurder|huurster|melder|"
          r"moeder|vader|zoon|dochter|oma|opa|buurtbewoner|sleutelpersoon|wijkverbinder|woonconsulent")
_PHRASES = (r"contact via|contact met|contactpersoon(?: is)?|aanspreekpunt(?: is)?|voorgezeten door|geleid door|"
            r"georganiseerd door|gesproken met|gebeld met|gebeld door|gemeld door|volgens|namens|op verzoek van|"
            r"met dank aan|c\.q\.|t\.a\.v\.|ter attentie van|sleutel bij")

_EMAIL_RE = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
_PHONE_RE = re.compile(r"(?<![\w+])(?:\+31|0031|0)(?:[\s\-.()]{0,2}\d){9}(?![\d])")
_DATE_LIKE = re.compile(r"\d{1,4}[\-/.]\d{1,2}[\-/.]\d{1,4}")
_POSTCODE_RE = re.compile(r"(?<![\w])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\w])")
_STREET_SUFFIX = (r"straat|laan|weg|plein|hof|gracht|kade|singel|dreef|pad|steeg|dijk|park|markt|erf|veld|baan|"
                  r"ring|plantsoen|boulevard|wal|burcht|hoek|polder|haven|dam|zijde|akker|hage|staete|"
                  r"straatweg|allee|passage|galerij|promenade|oord|tuin|hoeve|gaarde|kamp|berg|horst|donk|"
                  r"dal|bosch|bos|plaats|poort|vliet|sloot|kanaal|brink|oever")
#: A street name (one or more words, the last ending in a street suffix) followed by a house number.
_ADDRESS_RE = re.compile(
    rf"(?<![\w])(?:(?:[{_UP}][{_LOW}.]*|{_PREFIX})\s+){{0,3}}[{_UP}][{_LOW}]*(?:{_STREET_SUFFIX})"
    rf"\s+(?!(?:19|20)\d\d(?!\d))\d{{1,4}}(?:\s?[a-zA-Z](?![\w]))?(?:\s?[-/]\s?\d{{1,4}}[a-zA-Z]?)?(?![\w])")
_TITLE_NAME_RE = re.compile(rf"(?<![\w])((?i:{_TITLES}|{_PHRASES})\s+)({_NAME})")
_ROLE_NAME_RE = re.compile(rf"(?<![\w])((?i:{_ROLES})\s+)((?:(?:[{_UP}]\.\s?){{1,3}}\s?)?{_WORD}\s+(?:{_PREFIX}\s+)?"
                           rf"{_WORD}(?:\s+{_WORD})?)")
_INITIAL_NAME_RE = re.compile(rf"(?<![\w.])(?:[{_UP}]\.\s?){{1,3}}\s?(?:{_PREFIX}\s+)?{_WORD}")


_WJ = "\u2060"  # word joiner: invisible, no line break
_CSS_FUNC_RE = re.compile(r"\b(url|image-set|image|expression|src)(\s*)\(", re.IGNORECASE)


def escape_html(value: Any, *, max_length: int | None = None) -> str:
    """User text made safe for HTML: escaped, and CSS ``url(`` / ``@import`` shown as text, never loaded.

    ``<``, ``>``, ``&``, ``"`` and ``'`` become entities (:func:`html.escape`); an invisible word joiner
    (U+2060) is put between ``url`` and ``(`` and after the ``@`` of ``@import``, so a text such as
    ``url(https://...)`` reads the same in the browser but is neither loaded nor mistaken for an external
    resource by the offline checks of maps and reports (free text with ``url(...)`` is shown, never fatal).
    ``None`` and NaN become an empty string.

    Examples
    --------
    >>> escape_html('<img src=x onerror="alert(1)"> url(https://x.nl/a.png)')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; url\u2060(https://x.nl/a.png)'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return ""
    except ImportError:  # pragma: no cover
        pass
    text = str(value)
    if max_length is not None and len(text) > max_length:
        text = text[: max(1, max_length - 1)].rstrip() + "…"
    text = html.escape(text, quote=True)
    # a word joiner (U+2060, invisible) between "url" and "(" and after "@": character references such as &#40;
    # would be decoded again by nbconvert and HTML sanitisers, an invisible character is kept by all of them
    text = _CSS_FUNC_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}{_WJ}(", text)
    return re.sub(r"@(\s*import)", f"@{_WJ}\\1", text, flags=re.IGNORECASE)


class PersonalDataError(WijklibError):
    """Personal data was found in content that is about to be written; nothing was written."""


@dataclass
class ScrubReport:
    """What a :class:`TextScrubber` replaced: counts per kind and per place, never the original values.

    Attributes
    ----------
    counts : Counter
        Replacement (``[naam]``, ``[adres]``, ...) -> number of replacements.
    places : Counter
        (place, replacement) -> number, for callers that name a place (``"signaal 3"``, ``"BU99010201"``).
    """

    counts: Counter = field(default_factory=Counter)
    places: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        """All replacements."""
        return int(sum(self.counts.values()))

    def as_records(self) -> list[dict[str, Any]]:
        """One record per place and kind (``plek``, ``soort``, ``aantal``); safe to write to shared output."""
        return [{"plek": p, "soort": _KIND_NL[k], "aantal": int(n)} for (p, k), n in sorted(self.places.items())]

    def summary_nl(self) -> str:
        """Dutch one-liner, e.g. ``"Weggehaald uit vrije tekst: 2 namen, 1 adres, 1 telefoonnummer."``."""
        if not self.total:
            return "Geen persoonsgegevens gevonden in vrije tekst."
        parts = []
        for kind in (NAAM, ADRES, POSTCODE, TELEFOON, EMAIL):
            n = self.counts.get(kind, 0)
            if n:
                word = _KIND_NL[kind]
                plural = {"naam": "namen", "adres": "adressen", "postcode": "postcodes",
                          "telefoonnummer": "telefoonnummers", "e-mailadres": "e-mailadressen"}[word]
                parts.append(f"{n} {word if n == 1 else plural}")
        return ("Weggehaald uit vrije tekst (vervangen door [naam], [adres], [postcode], [telefoon] of [e-mail]): "
                + ", ".join(parts) + ".")


class TextScrubber:
    """Replace personal data in free text by ``[naam]``, ``[adres]``, ``[postcode]``, ``[telefoon]``, ``[e-mail]``.

    Parameters
    ----------
    names : iterable of str
        Names of natural persons known to wijklib (stakeholder and informant records). The full name is found in
        any case and spacing; distinctive parts (capitalised, 4+ letters) as written.
    keep : iterable of str
        Words that are never treated as a name (organisation names, buurt names, roles).

    Examples
    --------
    >>> s = TextScrubber(["Zeynep Yilmaz"])
    >>> s("Bewoonster Zeynep Yilmaz, Merelhof 12, tel. 06-12345678")
    'Bewoonster [naam], [adres], tel. [telefoon]'
    >>> s.report.counts[NAAM]
    1
    """

    def __init__(self, names: Iterable[str] = (), *, keep: Iterable[str] = ()) -> None:
        self.report = ScrubReport()
        self._keep = {str(k).casefold() for k in keep if k}
        full, parts = set(), set()
        for name in names:
            words = str(name).split()
            if not words:
                continue
            full.add(" ".join(words))
            for w in words:
                if len(w) >= 4 and w[:1].isupper() and w.casefold() not in self._keep:
                    parts.add(w)
        self._name_patterns = [re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, n.split())) + r"(?!\w)",
                                          re.IGNORECASE) for n in sorted(full, key=len, reverse=True)]
        self._name_patterns += [re.compile(rf"(?<!\w){re.escape(p)}(?!\w)") for p in sorted(parts, key=len,
                                                                                              reverse=True)]

    def _count(self, kind: str, n: int, place: str | None) -> None:
        if n:
            self.report.counts[kind] += n
            if place is not None:
                self.report.places[(str(place), kind)] += n

    def scrub(self, text: Any, *, place: str | None = None) -> Any:
        """The text with personal data replaced; non-text values (None, NaN, numbers) are returned unchanged."""
        if not isinstance(text, str) or not text:
            return text
        out = text
        out, n = _EMAIL_RE.subn(EMAIL, out)
        self._count(EMAIL, n, place)

        def phone(m: re.Match) -> str:
            if _DATE_LIKE.search(m.group(0)):  # 01-02-2024 10 ... is a date, not a number
                return m.group(0)
            self._count(TELEFOON, 1, place)
            return TELEFOON

        out = _PHONE_RE.sub(phone, out)
        for kind, pattern in ((POSTCODE, _POSTCODE_RE), (ADRES, _ADDRESS_RE)):
            out, n = pattern.subn(kind, out)
            self._count(kind, n, place)
        for pattern in self._name_patterns:
            out, n = pattern.subn(NAAM, out)
            self._count(NAAM, n, place)

        def title(m: re.Match) -> str:
            name = m.group(2)
            if name.casefold() in self._keep or name.startswith("["):
                return m.group(0)
            self._count(NAAM, 1, place)
            return m.group(1) + NAAM

        out = _TITLE_NAME_RE.sub(title, out)
        out = _ROLE_NAME_RE.sub(title, out)
        out, n = _INITIAL_NAME_RE.subn(NAAM, out)
        self._count(NAAM, n, place)
        return out

    __call__ = scrub

    def scrub_frame(self, frame, columns: Iterable[str], *, place_column: str | None = None):
        """A copy of ``frame`` with the text ``columns`` scrubbed (places named by ``place_column`` or the row)."""
        out = frame.copy()
        for col in columns:
            if col not in out.columns:
                continue
            places = out[place_column].astype(str).tolist() if place_column else [f"rij {i + 1}" for i in
                                                                                   range(len(out))]
            out[col] = [self.scrub(v, place=f"{p}: {col}") for v, p in zip(out[col].tolist(), places)]
        return out


def scrub_text(text: Any, names: Iterable[str] = ()) -> Any:
    """Scrub one text with a fresh :class:`TextScrubber` (see there)."""
    return TextScrubber(names)(text)


def find_personal_data(text: Any, names: Iterable[str] = ()) -> list[str]:
    """The kinds of personal data (Dutch words such as ``"naam"``, ``"adres"``) still present in ``text``."""
    scrubber = TextScrubber(names)
    scrubber.scrub(text)
    return [_KIND_NL[k] for k in (NAAM, ADRES, POSTCODE, TELEFOON, EMAIL) if scrubber.report.counts.get(k)]


def check_before_write(contents: Mapping[str, Any], names: Iterable[str] = (), *, what: str = "uitvoer") -> None:
    """Audit content before it is written: raise when any text still holds personal data.

    Parameters
    ----------
    contents : mapping of str to text
        Place (file name, section, field) -> text that is about to be written.
    names : iterable of str
        Known person names to look for (never shown in the error).
    what : str
        Dutch description for the message.

    Raises
    ------
    PersonalDataError
        Naming the places and the kinds of data found (never the values); nothing has been written.
    """
    names = list(names)
    found = []
    for place, text in contents.items():
        kinds = find_personal_data(text, names) if isinstance(text, str) else []
        if kinds:
            found.append(f"{place} ({', '.join(kinds)})")
    if found:
        raise PersonalDataError(f"{what} niet geschreven: persoonsgegevens gevonden in " + "; ".join(found[:10])
                                + ("; ..." if len(found) > 10 else "")
                                + ". Haal ze weg (of laat wijklib ze vervangen) en probeer opnieuw.")
