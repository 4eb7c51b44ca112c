"""told — spec: part of the former ``wijklib/told.py`` (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass

from wijklib.format import SURVEY_THEMES


# ----------------------------------------------------------------------------------------------------------------
# Column specifications (single source of truth for loaders, templates and data/README.md)
# ----------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnSpec:
    """One column of an input file.

    Attributes
    ----------
    name : str
        Column name as it appears in the file.
    required : bool
        Whether the loader refuses a file without this column.
    kind : str
        Dutch description of the expected values (shown in templates and errors).
    uitleg : str
        Dutch explanation for users.
    voorbeeld : str
        An example value.
    keuzes : tuple of str
        Allowed values for a controlled column (empty when free).
    """

    name: str
    required: bool
    kind: str
    uitleg: str
    voorbeeld: str
    keuzes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vraag:
    """A question of the standard resident questionnaire.

    Attributes
    ----------
    id : str
        Question id (XLSForm ``name``; column name in a Kobo export).
    thema : str
        Theme id (one of :data:`ENQUETE_THEMAS`).
    tekst : str
        Dutch statement shown to respondents (own wording, inspired by the CBS Veiligheidsmonitor blocks).
    omgekeerd : bool
        True when agreeing is negative; such scores are reversed so that a higher score is always better.
    """

    id: str
    thema: str
    tekst: str
    omgekeerd: bool = False


#: Minimum number of respondents per buurt and theme below which a told aggregate (mean, sd, 0-100 score) is
#: withheld: shown as :data:`TE_WEINIG` ("te weinig respondenten"), never as a number. The value 10 is a choice of
#: wijklib (*keuze van wijklib*), common in survey research; none of the source documents sets it. Configurable
#: per call (``min_n``) and in the urgency configuration (``told.min_n``).
MIN_N = 10
#: What users read instead of a withheld told aggregate.
TE_WEINIG = "te weinig respondenten"

#: Themes of the standard resident questionnaire (id -> Dutch explanation); one table with the short labels in
#: :data:`wijklib.format.SURVEY_THEMES`.
ENQUETE_THEMAS: dict[str, str] = {theme: text for theme, (_, text) in SURVEY_THEMES.items()}

#: Standard questionnaire: statements answered on a 5-point agreement scale (1 = helemaal mee oneens ...
#: 5 = helemaal mee eens). Negatively phrased statements are reversed by the loaders.
STANDAARD_VRAGEN: tuple[Vraag, ...] = (
    Vraag("veilig_overdag", "veiligheid", "Overdag voel ik mij veilig in mijn buurt."),
    Vraag("veilig_avond", "veiligheid", "Als het donker is, voel ik mij veilig op straat in mijn buurt."),
    Vraag("overlast_criminaliteit", "veiligheid",
          "In mijn buurt is veel overlast of criminaliteit.", omgekeerd=True),
    Vraag("prettig_wonen", "leefbaarheid", "Ik woon met plezier in deze buurt."),
    Vraag("schoon_heel", "leefbaarheid", "Straten, stoepen en groen in mijn buurt zijn schoon en heel."),
    Vraag("buurt_achteruit", "leefbaarheid",
          "Mijn buurt is het afgelopen jaar achteruitgegaan.", omgekeerd=True),
    Vraag("mensen_kennen", "sociale_cohesie", "De mensen in deze buurt kennen elkaar."),
    Vraag("elkaar_helpen", "sociale_cohesie", "Buren helpen elkaar hier als dat nodig is."),
    Vraag("thuis_voelen", "sociale_cohesie", "Ik voel mij thuis tussen de mensen in deze buurt."),
    Vraag("vertrouwen_gemeente", "vertrouwen_instanties", "Ik heb vertrouwen in wat de gemeente hier doet."),
    Vraag("vertrouwen_politie", "vertrouwen_instanties", "Ik heb vertrouwen in de politie in mijn buurt."),
    Vraag("melden_zin", "vertrouwen_instanties",
          "Het heeft zin om problemen te melden bij gemeente, politie of corporatie."),
    Vraag("bereid_inzetten", "initiatiefbereidheid", "Ik wil mij best inzetten voor mijn buurt."),
    Vraag("meedoen_initiatief", "initiatiefbereidheid",
          "Ik doe mee aan een bewonersinitiatief of buurtactiviteit."),
)

_VRAGEN_BY_ID: dict[str, Vraag] = {v.id: v for v in STANDAARD_VRAGEN}

#: Labels of a 5-point agreement scale as Kobo exports them "with labels" (lower case) -> score.
#: Answers such as "weet niet" / "n.v.t." become missing and are left out.
LIKERT_LABELS: dict[str, float | None] = {
    "helemaal mee oneens": 1, "zeer mee oneens": 1, "mee oneens": 2, "oneens": 2,
    "neutraal": 3, "niet mee eens, niet mee oneens": 3, "niet eens, niet oneens": 3,
    "mee eens": 4, "eens": 4, "helemaal mee eens": 5, "zeer mee eens": 5,
    "weet niet": None, "weet ik niet": None, "geen mening": None, "n.v.t.": None, "nvt": None,
    "niet van toepassing": None, "wil niet zeggen": None,
}

#: Categories of schouw observations (id -> Dutch explanation). "heel, schoon, veilig" plus undermining signs.
SCHOUW_CATEGORIEEN: dict[str, str] = {
    "zwerfvuil": "Zwerfafval, dumpingen, volle containers (schoon)",
    "verloedering": "Achterstallig onderhoud, graffiti, verwaarloosde tuinen of gevels (heel)",
    "vernieling": "Kapot straatmeubilair, vernielde bushokjes of speeltoestellen (heel)",
    "verlichting": "Ontbrekende of kapotte verlichting, donkere plekken (veilig)",
    "onveilige_plek": "Plek zonder zicht of toezicht, slecht overzichtelijk (veilig)",
    "hangplek": "Hangplek met overlast (veilig)",
    "drugsoverlast": "Sporen van drugsgebruik of -handel, lachgas, dealen (veilig/ondermijning)",
    "verdachte_panden": "Pand met signalen van ondermijning: afgeplakte ramen, veel aanloop, "
                        "stankoverlast, leegstaand bedrijfspand met activiteit (ondermijning)",
    "leegstand": "Leegstaande woning of winkel (heel)",
    "verkeer": "Verkeersonveilige situatie, hardrijden, foutparkeren (veilig)",
    "groen_positief": "Positieve plek: goed onderhouden groen, ontmoetingsplek (kracht)",
    "overig": "Anders, licht toe in het bijschrift",
}

#: Severity scales accepted for schouw observations.
ERNST_SCHALEN: dict[int, dict[int, str]] = {
    3: {1: "licht (groen): opvallend, geen directe actie nodig",
        2: "matig (oranje): aanpakken binnen enkele weken",
        3: "ernstig (rood): direct melden of aanpakken"},
    5: {1: "zeer licht", 2: "licht", 3: "matig", 4: "ernstig", 5: "zeer ernstig / acuut"},
}
_ERNST_KLEUREN = {"groen": 1, "oranje": 2, "geel": 2, "rood": 3}

#: Themes for signals from professionals (id -> Dutch explanation).
SIGNAAL_THEMAS: dict[str, str] = {
    "veiligheid": "Onveiligheid, overlast, geweld op straat",
    "ondermijning": "Signalen van georganiseerde criminaliteit: drugs, witwassen, uitbuiting, verdachte panden",
    "jeugd": "Jongeren: risicogedrag, ronselen, schooluitval, hangen",
    "armoede_schulden": "Armoede, schulden, geldzorgen",
    "zorg_welzijn": "Zorgen over gezondheid, eenzaamheid, verward gedrag",
    "wonen": "Woonsituatie: overbewoning, achterstallig onderhoud, huisjesmelkers",
    "leefbaarheid": "Schoon, heel, buren en burenoverlast",
    "sociale_cohesie": "Samenleven, spanningen of juist initiatief en onderlinge steun",
    "overig": "Anders",
}

#: Known roles of professionals (free text allowed as long as it is a role, not a person's name).
BRONROLLEN: tuple[str, ...] = (
    "wijkagent", "jongerenwerker", "buurtwerker", "opbouwwerker", "wijkverbinder", "wijkcoördinator",
    "wijkverpleegkundige", "huisarts", "woonconsulent", "handhaver", "boa", "leerkracht",
    "schoolmaatschappelijk werker", "maatschappelijk werker", "sociaal wijkteam", "schuldhulpverlener",
    "ondernemer", "bewonersvereniging", "gebiedsmanager", "beheerder openbare ruimte", "overig",
)

#: Bounding box of the European Netherlands (WGS84, with a small margin): (lon_min, lat_min, lon_max, lat_max).
NL_BBOX: tuple[float, float, float, float] = (3.2, 50.7, 7.3, 53.7)

def _buurtcode_column(uitleg: str, voorbeeld: str) -> ColumnSpec:
    """The required CBS buurt code column, with its explanation for this file."""
    return ColumnSpec("buurtcode", True, "CBS-buurtcode: BU + 8 tekens", uitleg, voorbeeld)


def _id_column(what: str, voorbeeld: str) -> ColumnSpec:
    """The optional own number of a row (``what``: "het signaal"), numbered automatically when empty."""
    return ColumnSpec("id", False, "tekst", f"Eigen nummer van {what} (wordt anders automatisch gemaakt).", voorbeeld)


ENQUETE_KOLOMMEN: tuple[ColumnSpec, ...] = (
    _buurtcode_column("Buurt waar de respondent woont (of waarover de vragen gaan).", "BU99010101"),
    ColumnSpec("respondent", True, "tekst (pseudoniem)",
               "Vaste, betekenisloze code per respondent, bv. R0001. Nooit een naam, e-mailadres of adres.",
               "R0001"),
    ColumnSpec("toestemming", False, "ja of nee",
               "Gaf de respondent toestemming om de antwoorden te gebruiken? ja = toestemming (ook: 1, akkoord); "
               "nee of leeg = geen toestemming (ook: 0, niet akkoord). Een respondent zonder 'ja' laat wijklib "
               "helemaal weg, met al zijn of haar antwoorden (met een waarschuwing). Vul op elke rij van een "
               "respondent hetzelfde in. Is de toestemming elders vastgelegd en staan hier alleen respondenten "
               "met toestemming, dan mag de kolom weg.", "ja", ("ja", "nee")),
    ColumnSpec("thema", False, "thema-id (kleine letters)",
               "Thema van de vraag, bv. veiligheid, leefbaarheid, sociale_cohesie, vertrouwen_instanties, "
               "initiatiefbereidheid. Mag leeg als 'vraag' een vraag uit de standaardvragenlijst is. "
               "'thema' of 'vraag' moet er zijn.", "veiligheid", tuple(ENQUETE_THEMAS)),
    ColumnSpec("vraag", False, "vraag-id (kleine letters)",
               "Korte code van de vraag, bv. veilig_avond. Bij een eigen vraag ook 'thema' invullen.",
               "veilig_avond"),
    ColumnSpec("score", True, "getal op de schaal (standaard 1-5)",
               "Antwoord als getal. Hoger is altijd positiever: 1 = zeer negatief, 3 = neutraal, 5 = zeer "
               "positief. Negatief geformuleerde stellingen eerst ompolen (6 - antwoord). Leeg = geen antwoord "
               "(weet niet / n.v.t.).", "4"),
    ColumnSpec("datum", True, "datum JJJJ-MM-DD (of DD-MM-JJJJ)", "Datum waarop de vragenlijst is ingevuld.",
               "2024-03-15"),
)

SCHOUW_KOLOMMEN: tuple[ColumnSpec, ...] = (
    _id_column("de waarneming", "S001"),
    ColumnSpec("lat", True, "breedtegraad WGS84, bv. 52.55",
               "Noord-zuid-coördinaat in graden (in Nederland tussen 50,7 en 53,7). Alternatief: één kolom "
               "'locatie' met een Kobo/ODK-geopunt 'lat lon hoogte nauwkeurigheid'.", "52.5512"),
    ColumnSpec("lon", True, "lengtegraad WGS84, bv. 5.25",
               "Oost-west-coördinaat in graden (in Nederland tussen 3,2 en 7,3). Let op: niet verwisselen "
               "met lat.", "5.2480"),
    ColumnSpec("categorie", True, "een van de vaste categorieën",
               "Soort waarneming: " + ", ".join(SCHOUW_CATEGORIEEN) + ".", "zwerfvuil",
               tuple(SCHOUW_CATEGORIEEN)),
    ColumnSpec("ernst", True, "geheel getal 1-3 (of 1-5)",
               "Ernst: 1 = licht (groen), 2 = matig (oranje), 3 = ernstig (rood). Met de 5-puntsschaal "
               "(ernst_schaal=5): 1 = zeer licht ... 5 = zeer ernstig. De kleuren groen/oranje/rood mogen ook.",
               "2", ("1", "2", "3")),
    ColumnSpec("datum", True, "datum JJJJ-MM-DD", "Datum van de schouw.", "2024-05-21"),
    ColumnSpec("dagdeel", False, "ochtend, middag, avond of nacht",
               "Moment van de waarneming (schouwen op verschillende momenten geeft een vollediger beeld).",
               "avond", ("ochtend", "middag", "avond", "nacht")),
    ColumnSpec("bijschrift", False, "korte tekst",
               "Bijschrift bij de foto of korte toelichting, zonder namen, kentekens of huisnummers.",
               "Hoek speeltuin: kapotte lantaarnpaal, 's avonds erg donker."),
)

SIGNAAL_KOLOMMEN: tuple[ColumnSpec, ...] = (
    _id_column("het signaal", "SG01"),
    ColumnSpec("datum", True, "datum JJJJ-MM-DD", "Datum waarop het signaal is opgetekend.", "2024-02-03"),
    _buurtcode_column("Buurt waar het signaal over gaat.", "BU99010203"),
    ColumnSpec("thema", True, "een van de vaste thema's",
               "Thema: " + ", ".join(SIGNAAL_THEMAS) + ".", "ondermijning", tuple(SIGNAAL_THEMAS)),
    ColumnSpec("bronrol", True, "rol, geen naam",
               "Rol van de professional die het signaal gaf, bv. wijkagent, jongerenwerker, woonconsulent. "
               "Nooit een persoonsnaam.", "jongerenwerker"),
    ColumnSpec("tekst", True, "korte tekst",
               "Het signaal in eigen woorden, zonder namen, adressen, kentekens of andere herleidbare gegevens.",
               "Jongeren worden bij het winkelcentrum aangesproken om pakketjes rond te brengen."),
    ColumnSpec("signaal", False, "signaal uit het Inspiratieboek, of eigen woorden",
               "Optioneel: welk van de 61 signalen van het Inspiratieboek (SG-01 ... SG-61, tabblad 'lijsten') dit "
               "is. Staat het er niet bij, beschrijf het dan kort in eigen woorden: die tekst blijft bewaard.",
               "SG-27 Criminelen die op straat bruikbare jongeren zoeken"),
)
