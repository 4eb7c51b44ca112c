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
text that looks like a name (:func:`name_like`: first name, tussenvoegsels, surname: "Jan de Vries",
"Ahmed El Amrani"); buurt, wijk and street names passed as ``allow`` are kept
                                                      ``[naam]``
street plus house number ("Merelhof 12", "Van Goghstraat 3a")
                                                      ``[adres]``
house number plus street ("12 Kerkstraat")            ``[adres]``
Dutch postcode ("1234 AB", "1234ab", "1234 Ab")        ``[postcode]``
phone number ("06-12345678", "+31 20 123 4567", "06 - 1234 5678", "+31 (0)6 12345678")
                                                      ``[telefoon]``
e-mail address                                         ``[e-mail]``
BSN ("123456782", "123.456.782", "123 456 782"; a bare number only when it passes the 11-proof, any 8 or 9
digits after "BSN" / "burgerservicenummer")           ``[bsn]``
IBAN ("NL91ABNA0417164300", "nl91 abna 0417 1643 00", any country)
                                                      ``[iban]``
Dutch licence plate with dashes ("12-ABC-3", "AB-12-CD"), or without dashes after "kenteken"
                                                      ``[kenteken]``
social-media handle ("@janjansen"; not an e-mail address, not a CSS ``@import``)
                                                      ``[account]``
a name in capitals after a title ("mevrouw JANSEN", "buurman JAN DE VRIES"; not when the title is in capitals
too, and never a word in capitals on its own: "GGD", "LET OP")
                                                      ``[naam]``
===================================================  ===============

Dates, years, percentages, amounts ("€ 1.234") and CBS codes ("BU03630000", "WK036300", "GM0363") are left alone.

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
from typing import Any, Callable, Iterable, Mapping

from wijklib.errors import WijklibError

__all__ = ["escape_html", "NAAM", "ADRES", "POSTCODE", "TELEFOON", "EMAIL", "BSN", "IBAN", "KENTEKEN", "ACCOUNT",
           "TextScrubber", "ScrubReport", "scrub_text",
           "find_personal_data", "check_before_write", "PersonalDataError", "name_like", "initials", "TUSSENVOEGSELS"]

NAAM, ADRES, POSTCODE, TELEFOON, EMAIL = "[naam]", "[adres]", "[postcode]", "[telefoon]", "[e-mail]"
BSN, IBAN, KENTEKEN, ACCOUNT = "[bsn]", "[iban]", "[kenteken]", "[account]"

_KIND_NL = {NAAM: "naam", ADRES: "adres", POSTCODE: "postcode", TELEFOON: "telefoonnummer", EMAIL: "e-mailadres",
            BSN: "BSN", IBAN: "IBAN", KENTEKEN: "kenteken", ACCOUNT: "account"}
_KIND_NL_PLURAL = {"naam": "namen", "adres": "adressen", "postcode": "postcodes",
                   "telefoonnummer": "telefoonnummers", "e-mailadres": "e-mailadressen", "BSN": "BSN's",
                   "IBAN": "IBAN's", "kenteken": "kentekens", "account": "accounts"}
#: All kinds, in the order they are reported.
_KINDS = (NAAM, ADRES, POSTCODE, TELEFOON, EMAIL, BSN, IBAN, KENTEKEN, ACCOUNT)

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
#: Between the digits of a phone number: nothing, one or two spaces/brackets, or a dash or dot with a space on
#: either side ("06 - 1234 5678", "020 - 123 45 67").
_PHONE_SEP = r"(?:[\s()]{0,2}|\s?[\-.]\s?)"
#: Abroad (+32, +49, ...): no dots, so that "+123.456.789 inwoners" stays a number.
_INTL_SEP = r"(?:[\s()]{0,2}|\s?-\s?)"
_PHONE_RE = re.compile(
    rf"(?<![\w+])(?:(?:\+31|0031){_PHONE_SEP}(?:\(0\){_PHONE_SEP})?|\(?0){_PHONE_SEP}(?:\d{_PHONE_SEP}){{8}}\d(?![\d])"
    rf"|(?<![\w+])\+(?!31)[1-9]\d{{0,2}}{_INTL_SEP}(?:\(0\){_INTL_SEP})?(?:\d{_INTL_SEP}){{7,11}}\d(?![\d]|[.,]\d)")
_DATE_LIKE = re.compile(r"\d{1,4}[\-/.]\d{1,2}[\-/.]\d{1,4}")
#: Postcode: four digits, then two letters not followed by a letter or digit. In capitals as before ("1234 AB",
#: never SA, SD or SS); in lower or mixed case ("1234ab", "1234 Ab") only when the letters are not a short word or
#: unit that often follows a number ("2024 in", "1500 km", "1200 kW"; keuze van wijklib).
_POSTCODE_RE = re.compile(r"(?<![\w.,#])[1-9]\d{3}\s?([A-Za-z]{2})(?![\w])")
_NOT_POSTCODE_LETTERS = frozenset(
    "sa sd ss aa ad af al am an as at be bv by ca cl cm co ct de dl do du eh el en er es et ex ga ge gj gb go ha "
    "he hl hm id ie if ik in is it ja je jr kb kg km kw la le li lp ma mb me mg mi ml mm mn mw my na ne nl no nr "
    "nu of oh ok om on op or os ou pa pc pk pm po pp re ri ro so st ta te tl to tv uh ui um up ur us uu va vs wc "
    "we wo xl xs za ze zo".split())
#: BSN: nine digits, in groups of three separated by one dot or space, or none (not inside a longer number, not an
#: amount or decimal). A bare number counts only when it passes the 11-proof.
_BSN_RE = re.compile(r"(?<![\w.,€\-])(?<!€ )(\d{3})([.\s]?)(\d{3})\2(\d{3})(?![\w]|[.,\-]\d)")
#: Any eight or nine digits after a BSN cue ("BSN: 123456789", "burgerservicenummer 12.345.678").
_BSN_CUE_RE = re.compile(r"(?<![\w])((?i:bsn|burgerservicenummer|sofinummer|sofi-nummer)(?:[\s\-]?(?i:nummer|nr\.?))?"
                         r"\s*[:#.=]?\s*)(\d[\d.\s]{6,10}\d)(?![\w]|[.,]\d)")
#: IBAN: country code, two check digits, 11 to 30 letters/digits; written as one word or in groups of four.
_IBAN_RE = re.compile(r"(?<![\w])([A-Za-z]{2}\d{2}(?:[A-Za-z0-9]{11,30}|(?: [A-Za-z0-9]{4}){2,7}(?: [A-Za-z0-9]{1,3})?))"
                      r"(?![\w])")
#: Dutch licence plate with dashes: three groups of letters or digits in one of the Dutch side codes (2-2-2,
#: 2-3-1, 1-3-2, 3-2-1, 1-2-3), at least one group of letters and one of digits.
_KENTEKEN_RE = re.compile(r"(?<![\w\-])([A-Za-z]+|\d+)-([A-Za-z]+|\d+)-([A-Za-z]+|\d+)(?![\w]|-\w)")
_KENTEKEN_SHAPES = frozenset({(2, 2, 2), (2, 3, 1), (1, 3, 2), (3, 2, 1), (1, 2, 3)})
_MONTHS = frozenset("jan feb mrt maa apr mei jun jul aug sep okt nov dec mar may oct".split())
#: A plate without dashes (or with spaces) only after the word "kenteken".
_KENTEKEN_CUE_RE = re.compile(r"(?<![\w])((?i:kenteken(?:nummer|s)?|nummerbord)\s*[:#]?\s*)"
                              r"([A-Za-z0-9]{6}|[A-Za-z0-9]{1,3}[\- ][A-Za-z0-9]{1,3}[\- ][A-Za-z0-9]{1,3})(?![\w])")
#: A handle on social media ("@janjansen"); e-mail addresses are replaced before. Not a handle: CSS at-rules
#: (``@import``) and the actor references of stories (``@A16``, ``@A16~A06``: letters then digits, or a tie).
_HANDLE_RE = re.compile(r"(?<![\w@.~])@(?=[A-Za-z0-9_.]*[A-Za-z])"
                        r"(?!(?i:import|media|font-face|charset|page|keyframes|supports|namespace)(?![\w]))"
                        r"(?![A-Z]{1,3}\d{1,4}(?![\w.\-]))"
                        r"([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)(?![\w.\-]*~)")
_STREET_SUFFIX = (r"straat|laan|weg|plein|hof|gracht|kade|singel|dreef|pad|steeg|dijk|park|markt|erf|veld|baan|"
                  r"ring|plantsoen|boulevard|wal|burcht|hoek|polder|haven|dam|zijde|akker|hage|staete|"
                  r"straatweg|allee|passage|galerij|promenade|oord|tuin|hoeve|gaarde|kamp|berg|horst|donk|"
                  r"dal|bosch|bos|plaats|poort|vliet|sloot|kanaal|brink|oever")
#: A street name (one or more words, the last ending in a street suffix) followed by a house number.
_ADDRESS_RE = re.compile(
    rf"(?<![\w])(?:(?:[{_UP}][{_LOW}.]*|{_PREFIX})\s+){{0,3}}[{_UP}][{_LOW}]*(?:{_STREET_SUFFIX})"
    rf"\s+(?!(?:19|20)\d\d(?!\d))\d{{1,4}}(?:\s?[a-zA-Z](?![\w]))?(?:\s?[-/]\s?\d{{1,4}}[a-zA-Z]?)?(?![\w])")
#: House number before the street ("12 Kerkstraat", "3a Van Goghstraat"); not a year ("in 2024 Kerkstraat"). Rare
#: in Dutch, so only the common street suffixes count ("11 Leerkring gemeenten" stays; keuze van wijklib).
_NUMBER_STREET_RE = re.compile(
    rf"(?<![\w.,€\-])(?!(?:19|20)\d\d(?!\d))\d{{1,4}}[a-z]?\s+(?:(?:[{_UP}][{_LOW}]+|{_PREFIX})\s+){{0,2}}"
    rf"[{_UP}][{_LOW}]*(?:straat|straatweg|laan|weg|plein|hof|gracht|kade|singel|dreef|steeg|dijk|allee)"
    rf"(?![\w\-])")
#: A name in capitals after a title written in lower or title case ("mevrouw JANSEN", "buurman JAN DE VRIES").
_CAPS_WORD = rf"[{_UP}]{{2,}}(?:[\-'’][{_UP}]{{2,}})?"
_CAPS_NAME_RE = re.compile(
    rf"(?<![\w])((?:{_TITLES.replace('de heer', 'de [Hh]eer')})\s+|(?:{_TITLES.title().replace('Mr', 'Mr')})\s+)"
    rf"((?:(?:[{_UP}]\.\s?){{1,3}}\s?)?(?:(?i:{_PREFIX})\s+)?{_CAPS_WORD}"
    rf"(?:\s+(?:(?i:{_PREFIX})\s+)?{_CAPS_WORD}){{0,2}})(?![\w])")
_TITLE_NAME_RE = re.compile(rf"(?<![\w])((?i:{_TITLES}|{_PHRASES})\s+)({_NAME})")
_ROLE_NAME_RE = re.compile(rf"(?<![\w])((?i:{_ROLES})\s+)((?:(?:[{_UP}]\.\s?){{1,3}}\s?)?{_WORD}\s+(?:{_PREFIX}\s+)?"
                           rf"{_WORD}(?:\s+{_WORD})?)")
_INITIAL_NAME_RE = re.compile(rf"(?<![\w.])(?:[{_UP}]\.\s?){{1,3}}\s?(?:{_PREFIX}\s+)?{_WORD}")

# -- name-like text that is in no register (one implementation: the scrubber, the before-write check, stories) -----
#: Dutch tussenvoegsels between a first name and a surname (longest first), in any case ("El Amrani", "De Vries").
#: Rare ones that are also ordinary prepositions (``in de``, ``op de``) are left out: "Winkeliers in de Lijsterhof".
TUSSENVOEGSELS: tuple[str, ...] = ("van der", "van den", "van de", "van 't", "in 't", "van", "de", "der", "den",
                                   "ter", "ten", "te", "'t", "la", "le", "du", "da", "di", "von", "el", "al")
_CAP = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
_NAME_LIKE = re.compile(
    rf"({_CAP})\s+(?:((?i:{'|'.join(re.escape(t) for t in TUSSENVOEGSELS)}))\s+)?({_CAP})(?![\w\-])")
#: Capitalised words that start a sentence or a title and are not first names (keuze van wijklib, kept short).
_NOT_FIRST_NAMES = frozenset(w.casefold() for w in (
    "De Het Een Als In Op Bij Met Van Voor Na Naar Om En Maar Of Dat Die Dit Deze Wij We Ik Jij Je Zij Ze Hij Er "
    "Daar Hier Toen Nu Ook Wat Wie Waar Hoe Waarom Wanneer Niet Geen Nog Al Dan Want Door Over Onder Tussen Uit "
    "Tot Zonder Sinds Tijdens Elke Iedere Iedereen Niemand Alle Veel Weinig Meer Mijn Onze Ons Hun Haar Zijn "
    "Jullie Mensen Bewoners Buurtbewoners Sommige Soms Vaak Altijd Nooit Laatst Gisteren Vandaag Morgen Toch "
    "Zo Ja Nee Oké Volgens Namens Vanuit Richting Langs Rond Rondom Binnen Buiten Achter Voorbij Inmiddels "
    "Maandag Dinsdag Woensdag Donderdag Vrijdag Zaterdag Zondag Januari Februari Maart April Mei Juni Juli "
    "Augustus September Oktober November December Gemeente Stichting Politie Team Wijkteam Buurthuis "
    "Noord Oost Zuid West Oude Nieuwe Oud Nieuw Groot Grote Klein Kleine Hoog Laag Centrum Station "
    "Buurt Wijk Straat Plein Park Winkelcentrum Basisschool School Moskee Kerk Speeltuin Sporthal Bedrijventerrein "
    "Industrieterrein Sportpark Winkelstraat".split()))
#: A word ending in a street or place suffix ("Lindelaan", "Merelhof") is a place, not a surname (unless it
#: follows a tussenvoegsel: "Van den Berg").
_PLACE_WORD = re.compile(rf"(?i:{_STREET_SUFFIX})$")


def _known_words(known_words: Iterable[str]) -> set[str]:
    """Case-folded words of an allowlist of names (buurt, wijk, street and organisation names, roles)."""
    out: set[str] = set()
    for k in known_words:
        if k is None or (isinstance(k, float) and math.isnan(k)):
            continue
        out.update(w.casefold() for w in re.findall(r"[\w'’\-]+", str(k)))
    return out


def name_like(text: object, *, known_words: Iterable[str] = ()) -> list[str]:
    """Strings in free text that look like a person's name: a capitalised first name, optional Dutch
    tussenvoegsels (``van der``, ``de``, ``El``, ...) and a capitalised surname.

    A heuristic (keuze van wijklib), meant to scrub or warn, not a guarantee: it misses names written in lower
    case or a single first name, and may flag place or organisation names. Words in ``known_words`` (an
    allowlist: buurt and wijk names of the werkset, street and place names, organisation names; whole names or
    single words) do not count, nor do common capitalised sentence openers or words ending in a street suffix.

    >>> name_like("Gisteren sprak ik met Fenna de Vries bij Buurthuis Noord.")
    ['Fenna de Vries']
    >>> name_like("Ahmed El Amrani verkoopt drugs bij de kade")
    ['Ahmed El Amrani']
    """
    return [m.group(0) for m in _name_like_matches(text, _known_words(known_words))]


def _name_like_matches(text: object, known: set[str]) -> list["re.Match"]:
    if not isinstance(text, str) or not text:
        return []
    found, end = [], -1
    for start in re.finditer(r"(?<![\w\-])[A-ZÀ-Ý]", text):
        if start.start() < end:
            continue
        m = _NAME_LIKE.match(text, start.start())
        if not m:
            continue
        first, tussen, last = m.groups()
        if first.casefold() in _NOT_FIRST_NAMES or (not tussen and last.casefold() in _NOT_FIRST_NAMES):
            continue
        if first.casefold() in known or last.casefold() in known:
            continue
        if not tussen and (_PLACE_WORD.search(first) or _PLACE_WORD.search(last)):
            continue  # "Lindelaan Merelhof"; with a tussenvoegsel it is a surname: "Pieter van der Berg"
        found.append(m)
        end = m.end()
    return found


def initials(name: str) -> str:
    """Initials of a name-like string for a warning that must not repeat the name: ``Fenna de Vries`` -> ``F.d.V.``"""
    return "".join(w[0] + "." for w in name.replace("-", " ").split() if w)


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


def _eleven_proof(digits: str) -> bool:
    """Whether nine digits pass the BSN 11-proof (9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11, not 0)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0


#: Country codes that use an IBAN (ISO 13616 registry, 2024).
_IBAN_COUNTRIES = frozenset(
    "AD AE AL AT AZ BA BE BG BH BI BR BY CH CR CY CZ DE DJ DK DO EE EG ES FI FK FO FR GB GE GI GL GR GT HR HU IE "
    "IL IQ IS IT JO KW KZ LB LC LI LT LU LV LY MC MD ME MK MN MR MT MU NI NL NO OM PK PL PS PT QA RO RS RU SA SC "
    "SD SE SI SK SM SO ST SV TL TN TR UA VA VG XK YE".split())


def _iban_checksum(compact: str) -> bool:
    """Whether an IBAN (upper case, no spaces) passes the ISO 7064 mod-97 check."""
    digits = "".join(str(int(c, 36)) for c in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def _iban_like(raw: str) -> bool:
    """Whether a candidate is an IBAN: a known country code and, when written in groups, a valid checksum or the
    Dutch structure (a mistyped Dutch IBAN is still personal data)."""
    compact = raw.replace(" ", "").upper()
    if compact[:2] not in _IBAN_COUNTRIES or not 15 <= len(compact) <= 34 or not compact.isalnum():
        return False
    if " " not in raw or _iban_checksum(compact):
        return True
    return bool(re.fullmatch(r"NL\d{2}[A-Z]{4}\d{10}", compact))


def _plate_like(m: re.Match) -> bool:
    """Whether three dash-separated groups have the shape of a Dutch licence plate (and are not a date)."""
    groups = m.groups()
    if tuple(len(g) for g in groups) not in _KENTEKEN_SHAPES:
        return False
    letters = [g for g in groups if g.isalpha()]
    if not letters or len(letters) == 3:
        return False
    return not any(g.casefold() in _MONTHS for g in letters)  # 1-jan-24 is a date


def _cued_plate(raw: str) -> bool:
    """Whether the text after "kenteken" is six letters and digits, with both letters and digits."""
    compact = re.sub(r"[\- ]", "", raw)
    return len(compact) == 6 and any(c.isdigit() for c in compact) and any(c.isalpha() for c in compact)


def _postcode_like(m: re.Match) -> bool:
    """Whether four digits and two letters are a postcode (see :data:`_POSTCODE_RE`)."""
    letters = m.group(1)
    if letters.isupper():
        return letters not in ("SA", "SD", "SS")
    return letters.casefold() not in _NOT_POSTCODE_LETTERS


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
        for kind in _KINDS:
            n = self.counts.get(kind, 0)
            if n:
                word = _KIND_NL[kind]
                parts.append(f"{n} {word if n == 1 else _KIND_NL_PLURAL[word]}")
        used = [k for k in _KINDS if self.counts.get(k)]
        tokens = ", ".join(used[:-1]) + " of " + used[-1] if len(used) > 1 else used[0]
        return f"Weggehaald uit vrije tekst (vervangen door {tokens}): " + ", ".join(parts) + "."


class TextScrubber:
    """Replace personal data in free text by ``[naam]``, ``[adres]``, ``[postcode]``, ``[telefoon]``, ``[e-mail]``,
    ``[bsn]``, ``[iban]``, ``[kenteken]`` and ``[account]`` (see the module docstring).

    Parameters
    ----------
    names : iterable of str
        Names of natural persons known to wijklib (stakeholder and informant records). The full name is found in
        any case and spacing; distinctive parts (capitalised, 4+ letters) as written.
    keep : iterable of str
        Words that are never treated as a name (organisation names, buurt names, roles).
    allow : iterable of str
        Place names that are never treated as a name (buurt and wijk names of the werkset, street and place names;
        whole names, split into words). Added to ``keep``.
    free_names : bool
        Also replace text that merely looks like a person's name (:func:`name_like`: "Jan de Vries",
        "Ahmed El Amrani") by ``[naam]``. Some false positives in free text are accepted (keuze van wijklib);
        place names in ``allow``/``keep`` are never replaced.

    Examples
    --------
    >>> s = TextScrubber(["Zeynep Yilmaz"])
    >>> s("Bewoonster Zeynep Yilmaz, Merelhof 12, tel. 06-12345678")
    'Bewoonster [naam], [adres], tel. [telefoon]'
    >>> s.report.counts[NAAM]
    1
    """

    def __init__(self, names: Iterable[str] = (), *, keep: Iterable[str] = (), allow: Iterable[str] = (),
                 free_names: bool = True) -> None:
        self.report = ScrubReport()
        keep, allow = [k for k in keep if isinstance(k, str) and k], [a for a in allow if isinstance(a, str) and a]
        self._keep = {str(k).casefold() for k in [*keep, *allow]}
        self._known_words = _known_words([*keep, *allow])
        self._free_names = free_names
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
        out, n = _HANDLE_RE.subn(ACCOUNT, out)
        self._count(ACCOUNT, n, place)

        def when(kind: str, test: Callable[[re.Match], bool], keep: int = 0) -> Callable[[re.Match], str]:
            def replace(m: re.Match) -> str:
                if not test(m):
                    return m.group(0)
                self._count(kind, 1, place)
                return (m.group(keep) if keep else "") + kind
            return replace

        out = _IBAN_RE.sub(when(IBAN, lambda m: _iban_like(m.group(1))), out)
        out = _BSN_CUE_RE.sub(when(BSN, lambda m: len(re.sub(r"\D", "", m.group(2))) in (8, 9), keep=1), out)
        out = _BSN_RE.sub(when(BSN, lambda m: _eleven_proof(m.group(1) + m.group(3) + m.group(4))), out)
        # 01-02-2024 10 ... is a date, not a number
        out = _PHONE_RE.sub(when(TELEFOON, lambda m: not _DATE_LIKE.search(m.group(0))), out)
        out = _KENTEKEN_CUE_RE.sub(when(KENTEKEN, lambda m: _cued_plate(m.group(2)), keep=1), out)
        out = _KENTEKEN_RE.sub(when(KENTEKEN, _plate_like), out)
        out = _POSTCODE_RE.sub(when(POSTCODE, _postcode_like), out)
        for kind, pattern in ((ADRES, _ADDRESS_RE), (ADRES, _NUMBER_STREET_RE)):
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
        out = _CAPS_NAME_RE.sub(title, out)
        out, n = _INITIAL_NAME_RE.subn(NAAM, out)
        self._count(NAAM, n, place)
        if self._free_names:
            hits = _name_like_matches(out, self._known_words)
            for m in reversed(hits):
                out = out[:m.start()] + NAAM + out[m.end():]
            self._count(NAAM, len(hits), place)
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


def scrub_text(text: Any, names: Iterable[str] = (), *, allow: Iterable[str] = ()) -> Any:
    """Scrub one text with a fresh :class:`TextScrubber` (see there); ``allow``: place names kept as they are."""
    return TextScrubber(names, allow=allow)(text)


def find_personal_data(text: Any, names: Iterable[str] = (), *, allow: Iterable[str] = ()) -> list[str]:
    """The kinds of personal data (Dutch words such as ``"naam"``, ``"adres"``) still present in ``text``.

    Name-like text (:func:`name_like`) counts as ``"naam"`` unless its words are in ``allow`` (place names).
    """
    scrubber = TextScrubber(names, allow=allow)
    scrubber.scrub(text)
    return [_KIND_NL[k] for k in _KINDS if scrubber.report.counts.get(k)]


def check_before_write(contents: Mapping[str, Any], names: Iterable[str] = (), *, what: str = "uitvoer",
                       allow: Iterable[str] = ()) -> None:
    """Audit content before it is written: raise when any text still holds personal data.

    Parameters
    ----------
    contents : mapping of str to text
        Place (file name, section, field) -> text that is about to be written.
    names : iterable of str
        Known person names to look for (never shown in the error).
    what : str
        Dutch description for the message.
    allow : iterable of str
        Place names (buurt, wijk, street names) that are not names of persons.

    Raises
    ------
    PersonalDataError
        Naming the places and the kinds of data found (never the values); nothing has been written.
    """
    names, allow = list(names), list(allow)
    found = []
    for place, text in contents.items():
        kinds = find_personal_data(text, names, allow=allow) if isinstance(text, str) else []
        if kinds:
            found.append(f"{place} ({', '.join(kinds)})")
    if found:
        raise PersonalDataError(f"{what} niet geschreven: persoonsgegevens gevonden in " + "; ".join(found[:10])
                                + ("; ..." if len(found) > 10 else "")
                                + ". Haal ze weg (of laat wijklib ze vervangen) en probeer opnieuw.")
