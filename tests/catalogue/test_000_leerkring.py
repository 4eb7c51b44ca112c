"""Completeness of the catalogue for seed 000, *Leren van de wijkaanpak in Brabant-Zeeland* (Leerkring).

Every count below is pinned to the document (see shared/domain/extractions/000_leerkring_brabant_zeeland.md,
§2.4, §3 and §4.2): 4 bouwstenen, 12 randvoorwaarden with 57 "vraagt om" items, 21 "aan de slag" actions and
27 practice experiences, 6 working principles, 7 start questions, 7 categories with 30 example interventions.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from wijklib.catalogue import load_catalogue

RV_NAMES = [
    "Urgentiebesef", "Benutten van de lokale kracht", "Een langdurige aanpak", "Een gezamenlijke visie",
    "Bestuurskracht", "Een krachtig samenwerkingsverband", "Cultuuromslag", "Reflectie & evaluatie",
    "Korte termijn successen", "Onafhankelijke procesbegeleiding", "Kennis, mandaat en vertrouwen",
    "Juiste professional",
]
RV_IDS = [
    "lk.rv.urgentiebesef", "lk.rv.lokale_kracht", "lk.rv.langdurige_aanpak", "lk.rv.gezamenlijke_visie",
    "lk.rv.bestuurskracht", "lk.rv.samenwerkingsverband", "lk.rv.cultuuromslag", "lk.rv.reflectie_evaluatie",
    "lk.rv.korte_termijn_successen", "lk.rv.procesbegeleiding", "lk.rv.kennis_mandaat_vertrouwen",
    "lk.rv.juiste_professional",
]
VRAAGT_OM_COUNTS = [4, 5, 5, 5, 4, 8, 2, 5, 4, 3, 6, 6]
AAN_DE_SLAG_COUNTS = [2, 2, 2, 2, 2, 1, 2, 2, 2, 1, 2, 1]
PRAKTIJK_COUNTS = [3, 2, 4, 2, 2, 1, 4, 2, 4, 1, 1, 1]
BLOCK_OF_RV = [1, 1, 2, 2, 2, 2, 2, 3, 3, 4, 4, 4]          # inferred mapping, 2 + 5 + 2 + 3

WP_NAMES = [
    "Bekend maakt bemind", "Soort zoekt soort", "Eerst zien dan geloven", "Sociale bewijskracht",
    "Timing is everything", "Som is meer dan het geheel der delen",
]
CATEGORY_NAMES = [
    "Samenwerking", "Informatiepositie, trends, signaleren", "Hulpverlening", "Jeugd",
    "Communicatie en awareness", "Toezicht, controle, handhaving", "(Thema)gerichte aanpak",
]
CATEGORY_COUNTS = [3, 7, 2, 6, 2, 4, 6]
INTERVENTION_NAMES = [
    "Inrichten handhavingsknelpunt", "PACT-aanpak", "Intensieve Leefbaarheidsaanpak (ILA)",
    "Criminaliteitsbeeld-analyse", "Informatieknooppunt versterken", 'Deelname "City deals"',
    "Aanmaken focusgroepen", "Intel-cel", "Inzet stadsmarinier of BOA's ondermijning",
    "Inzet relatiemanager of straatversterkers",
    "Actief aanbieden van hulpverleningstrajecten aan drugsgebruikers", "Achter de Voordeur",
    "Uitbreiden jongerenwerk", "Halt-lessen", "Grote Broer, Grote Zus", "Inzet rolmodellen", "Politiekids",
    "Kinderwijkraad",
    "Communicatiestrategie voor specifiek gebied", 'Inzet "Bijtende Bende"',
    "Instellen Veiligheidsrisicogebied", "Camera toezicht", "Integrale controles", "Integrale handhaving acties",
    "Wapendepot", "Persoonsgerichte-aanpak", "(Criminele) families en gezinnen-aanpak",
    "Focusgebied winkelstraten", "Aanpak bedrijventerreinen", "Aanpak resort- en recreatieterreinen",
]
DOELGROEPEN = {
    "inwoners", "jongeren", "kinderen", "ouders", "gezinnen", "drugsgebruikers", "verdachten", "ondernemers",
    "ketenpartners", "moeilijk bereikbare groepen", "bewoners en eigenaren van recreatieparken",
}
ACTOREN = {
    "gemeente", "politie", "woningcorporatie", "welzijnsorganisatie", "jongerenwerk", "GGZ", "Bureau Halt",
    "scholen", "boa", "stadsmarinier", "relatiemanager", "gezinscoach", "rolmodellen", "convenantpartners",
    "ketenpartners", "onderzoekers", "ondernemers", "inwoners", "jongeren", "kinderen", "ouders",
}


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def _ids(entries):
    return [e.id for e in entries]


# ---------------------------------------------------------------------------------------------- document
def test_document_info(cat):
    doc = cat.documents["000"]
    assert doc.prefix == "lk"
    assert doc.file == "000_337214f9ac7718b4.txt"
    assert doc.short_nl == "Leerkring Brabant-Zeeland"
    assert all(e.id.startswith("lk.") for e in cat if e.document == "000")


@pytest.mark.parametrize("kind, count", [
    ("bouwsteen", 4), ("randvoorwaarde", 12), ("vraagt_om", 57), ("aan_de_slag", 21), ("praktijkervaring", 27),
    ("werkzaam_principe", 6), ("startvraag", 7), ("interventiecategorie", 7), ("voorbeeldinterventie", 30),
])
def test_counts_per_kind(cat, kind, count):
    entries = cat.by_kind(kind)
    assert len(entries) == count
    assert {e.document for e in entries} == {"000"}


# ---------------------------------------------------------------------------------------------- bouwstenen
def test_bouwstenen_numbered_and_sized(cat):
    blocks = cat.by_kind("bouwsteen")
    assert _ids(blocks) == ["lk.bs.b1", "lk.bs.b2", "lk.bs.b3", "lk.bs.b4"]
    assert [b.attr("nummer") for b in blocks] == [1, 2, 3, 4]
    sizes = [len(cat.referrers(b.id, rel="bouwsteen")) for b in blocks]
    assert sizes == [2, 5, 2, 3]
    # the block texts are the document's; the numbering is ours and says so
    assert all("nummer" in (b.note or "") for b in blocks)


# ---------------------------------------------------------------------------------------------- randvoorwaarden
def test_randvoorwaarden_in_page_order(cat):
    rvs = cat.by_kind("randvoorwaarde")
    assert [e.name_nl for e in rvs] == RV_NAMES
    assert _ids(rvs) == RV_IDS                       # agreed ids, referenced from other files
    assert [e.order for e in rvs] == list(range(1, 13))
    assert all(not e.interpretation for e in rvs)


def test_randvoorwaarde_bouwsteen_refs_are_marked_interpretation(cat):
    for rv, block in zip(cat.by_kind("randvoorwaarde"), BLOCK_OF_RV):
        refs = cat.refs(rv.id, rel="bouwsteen")
        assert len(refs) == 1, rv.id
        assert refs[0].interpretation is True, rv.id
        assert refs[0].note, rv.id
        target = cat.get(refs[0].target)
        assert target.kind == "bouwsteen"
        assert target.attr("nummer") == block == rv.attr("bouwsteen_nummer"), rv.id


@pytest.mark.parametrize("kind, counts", [
    ("vraagt_om", VRAAGT_OM_COUNTS), ("aan_de_slag", AAN_DE_SLAG_COUNTS), ("praktijkervaring", PRAKTIJK_COUNTS),
])
def test_children_per_randvoorwaarde(cat, kind, counts):
    got = [len(cat.children(rid, kind=kind)) for rid in RV_IDS]
    assert got == counts
    for rid in RV_IDS:
        kids = cat.children(rid, kind=kind)
        assert [k.order for k in kids] == list(range(1, len(kids) + 1))
        assert all(k.parent == rid and k.id.startswith(rid + ".") for k in kids)


def test_vraagt_om_sources(cat):
    items = cat.by_kind("vraagt_om")
    citations = Counter(b for item in items for b in item.attr("bronnen"))
    assert citations == {"1": 31, "2": 25, "3": 4}    # 60 citations; three items cite two studies
    double = sorted(item.id for item in items if len(item.attr("bronnen")) == 2)
    assert double == ["lk.rv.kennis_mandaat_vertrouwen.vo5", "lk.rv.lokale_kracht.vo5",
                      "lk.rv.samenwerkingsverband.vo4"]
    for rid in RV_IDS:
        union = {b for k in cat.children(rid, kind="vraagt_om") for b in k.attr("bronnen")}
        assert set(cat.get(rid).attr("bronnen")) == union, rid


def test_vraagt_om_sections_follow_extraction_numbering(cat):
    for n, rid in enumerate(RV_IDS, 1):
        for k in cat.children(rid, kind="vraagt_om"):
            assert k.source.section == f"§2.3 P{n:02d}.{'abcdefgh'[k.order - 1]}"
        for k in cat.children(rid, kind="aan_de_slag"):
            assert k.source.section == f"§2.3 P{n:02d}.A{k.order}"


def test_known_items(cat):
    assert cat.get("lk.rv.langdurige_aanpak.vo2").name_nl == "Aanpak van 10-20 jaar met stabiele financiering"
    assert cat.get("lk.rv.samenwerkingsverband.vo8").attr("bronnen") == ("3",)
    assert "procesregisseur" in cat.get("lk.rv.procesbegeleiding.as1").description_nl
    success = [e.id for e in cat.by_kind("praktijkervaring") if e.attr("succesfactor")]
    assert success == ["lk.rv.bestuurskracht.pe1", "lk.rv.kennis_mandaat_vertrouwen.pe1"]


# ---------------------------------------------------------------------------------------------- principles
def test_werkzame_principes(cat):
    wps = cat.by_kind("werkzaam_principe")
    assert [w.name_nl for w in wps] == WP_NAMES
    for w in wps:
        assert w.attr("hoe_werkt_het").strip(), w.id
        assert len(w.attr("hoe_toepassen")) >= 1, w.id
        assert len(w.attr("waar_op_letten")) >= 1, w.id
        assert w.attr("leestips"), w.id
    assert len(cat.get("lk.wp.bekend_maakt_bemind").attr("hoe_toepassen")) == 6
    assert [w.attr("praktijkverhaal_gemeente") for w in wps[:3]] == ["Bergen op Zoom", "Tilburg", "Breda"]


def test_principle_six_points_to_shared_vision_as_stated(cat):
    refs = cat.refs("lk.wp.som_meer_dan_delen", rel="randvoorwaarde")
    assert [r.target for r in refs] == ["lk.rv.gezamenlijke_visie"]
    assert refs[0].interpretation is False        # the document itself makes this link


def test_startvragen(cat):
    qs = cat.by_kind("startvraag")
    assert [q.order for q in qs] == list(range(1, 8))
    assert qs[0].name_nl == "Passend bij je doel"
    assert qs[-1].name_nl == "Aanpassing aan eigen situatie"
    assert all(q.attr("vraag").endswith("?") for q in qs)
    assert all(q.source.section == f"§3.3 SQ{q.order}" for q in qs)


# ---------------------------------------------------------------------------------------------- interventions
def test_categories_and_interventions_in_order(cat):
    cats = cat.by_kind("interventiecategorie")
    assert [c.name_nl for c in cats] == CATEGORY_NAMES
    assert [len(cat.children(c.id, kind="voorbeeldinterventie")) for c in cats] == CATEGORY_COUNTS
    ivs = cat.by_kind("voorbeeldinterventie")
    assert [i.name_nl for i in ivs] == INTERVENTION_NAMES
    assert [i.attr("nummer") for i in ivs] == list(range(1, 31))
    assert cat.get("lk.iv.pact_aanpak").parent == "lk.ic.samenwerking"
    assert cat.get("lk.iv.relatiemanager").parent == "lk.ic.informatiepositie"
    assert cat.get("lk.iv.recreatieterreinen").parent == "lk.ic.themagerichte_aanpak"


def test_intervention_attributes(cat):
    for iv in cat.by_kind("voorbeeldinterventie"):
        assert iv.attr("doel").strip() and iv.attr("beoogd_resultaat").strip(), iv.id
        assert iv.attr("doelgroepen") and set(iv.attr("doelgroepen")) <= DOELGROEPEN, iv.id
        assert iv.attr("actoren") and set(iv.attr("actoren")) <= ACTOREN, iv.id
    assert cat.get("lk.iv.politiekids").attr("doelgroepen") == ("kinderen", "ouders")
    assert cat.get("lk.iv.halt_lessen").attr("actoren")[0] == "Bureau Halt"


def test_intervention_candidate_links(cat):
    """Links to principles/preconditions are never stated by the document: all interpretation, T or I."""
    for iv in cat.by_kind("voorbeeldinterventie"):
        links = cat.refs(iv.id, rel="principe") + cat.refs(iv.id, rel="randvoorwaarde")
        assert links, iv.id
        for ref in links:
            assert ref.interpretation is True, (iv.id, ref.target)
            assert re.match(r"^[TI]: \S", ref.note or ""), (iv.id, ref.note)
        assert {t.kind for t in cat.targets(iv.id, rel="principe")} <= {"werkzaam_principe"}
        assert {t.kind for t in cat.targets(iv.id, rel="randvoorwaarde")} <= {"randvoorwaarde"}
    pact = cat.refs("lk.iv.pact_aanpak", rel="principe")
    assert [(r.target, r.note[0]) for r in pact] == [("lk.wp.som_meer_dan_delen", "T")]
    families = {r.target: r.note[0] for r in cat.refs("lk.iv.families_gezinnen", rel="principe")}
    assert families == {"lk.wp.soort_zoekt_soort": "T", "lk.wp.timing_is_everything": "T"}
    users = _ids(cat.referrers("lk.wp.bekend_maakt_bemind", rel="principe"))
    assert "lk.iv.stadsmarinier_boa" in users and "lk.iv.achter_de_voordeur" in users


def test_intervention_facets_of_denkkader(cat):
    rungs_used = Counter()
    for iv in cat.by_kind("voorbeeldinterventie"):
        rung = cat.targets(iv.id, rel="participatietrede")
        assert len(rung) == 1, iv.id                                  # the one rung it needs most
        assert rung[0].kind == "participatietrede"
        rungs_used[rung[0].attr("niveau")] += 1
        phenomena = cat.targets(iv.id, rel="fenomeen")
        assert 1 <= len(phenomena) <= 3, iv.id
        assert {p.kind for p in phenomena} == {"fenomeen"}
        mechanisms = cat.targets(iv.id, rel="mechanisme")
        assert {m.kind for m in mechanisms} <= {"werkingsmechanisme"}
        # rule of this file: a citizen mechanism exactly when the intervention asks more than being informed
        assert bool(mechanisms) == (rung[0].attr("niveau") >= 2), iv.id
        for rel in ("fenomeen", "participatietrede", "mechanisme"):
            assert all(r.interpretation for r in cat.refs(iv.id, rel=rel)), (iv.id, rel)
    assert len(rungs_used) >= 4                                       # not everything on one rung
    assert cat.targets("lk.iv.kinderwijkraad", rel="participatietrede")[0].id == "dk.trede.meebeslissen"
    assert cat.targets("lk.iv.cameratoezicht", rel="participatietrede")[0].id == "dk.trede.informeren"
    assert "dk.fe.toezicht" in _ids(cat.targets("lk.iv.cameratoezicht", rel="fenomeen"))
    assert _ids(cat.targets("lk.iv.rolmodellen", rel="fenomeen")) == ["dk.fe.intercultureel_werken"]


def test_search_finds_concepts(cat):
    assert cat.search("urgentie", kind="randvoorwaarde")[0].id == "lk.rv.urgentiebesef"
    assert "lk.wp.sociale_bewijskracht" in _ids(cat.search("social proof", lang="en"))


# ---------------------------------------------------------------------------------------------- line refs
def _seed_lines(shared_data):
    path = shared_data.parent / "domain" / "seeds" / "000_337214f9ac7718b4.txt"
    if not path.is_file():
        pytest.skip("brondocument 000 niet gevonden")
    return path.read_text(encoding="utf-8").splitlines()


def _line_range(section):
    m = re.search(r"r\. (\d+)(?:-(\d+))?", section)
    assert m, section
    return int(m.group(1)), int(m.group(2) or m.group(1))


def test_line_references_point_at_the_right_text(cat, shared_data):
    lines = _seed_lines(shared_data)
    for rv in cat.by_kind("randvoorwaarde"):
        lo, hi = _line_range(rv.source.section)
        block = "\n".join(lines[lo - 1:hi])
        assert rv.attr("paginakop") in block, rv.id
    for iv in cat.by_kind("voorbeeldinterventie"):
        lo, _ = _line_range(iv.source.section)
        key = lambda text: re.sub(r"\W", "", text)[:8]  # noqa: E731
        assert key(lines[lo - 1]) == key(iv.name_nl), (iv.id, lines[lo - 1])
    for wp in cat.by_kind("werkzaam_principe"):
        lo, hi = _line_range(wp.source.section)
        assert wp.name_nl.upper() in "\n".join(lines[lo - 1:hi]), wp.id
