"""Completeness tests for the catalogue of seed 004, *Handreiking Weerbare gemeenschappen tegen ondermijning*.

Every count is pinned to the document (see shared/domain/extractions/004_handreiking_weerbare_gemeenschappen.md,
§2.2 checklist inventory and §8 summary counts).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from wijklib.catalogue import load_catalogue

PHASES = [
    ("hr.fase.orientatie", "Brede oriëntatie op het onderwerp"),
    ("hr.fase.voorbereiding", "Voorbereiding in het gemeentehuis"),
    ("hr.fase.netwerk", "Netwerk opbouwen"),
    ("hr.fase.samenwerken", "Samenwerken aan weerbaarheid"),
]
STEPS_PER_PHASE = [2, 3, 3, 4]
STEP_NAMES = [
    "Inspiratie door praktijkvoorbeelden",
    "Theoretische kennis",
    "Vooronderzoek naar gebied en gemeenschap",
    "Randvoorwaarden op orde",
    "Globaal plan van aanpak en rolverdeling",
    "Het gebied en de gemeenschap beter leren kennen",
    "Creëren van betrokkenheid en verbinding",
    "Netwerk opbouwen en onderhouden",
    "Met het netwerk in gesprek over weerbaarheid",
    "Keuze samenwerkingsvorm en aan de slag",
    "Omgaan met succes, tegenslag en weerstand",
    "Samenwerking afronden en netwerk voortzetten",
]
ACTIONS_PER_STEP = [4, 4, 5, 3, 3, 5, 3, 5, 3, 5, 6, 2]

# §2.2 inventory, in inventory order: (code, step, number of items)
INVENTORY = [
    ("CL-03.1", 3, 4), ("CL-03.2", 3, 5), ("CL-03.3", 3, 4),
    ("CL-04.0", 4, 3), ("CL-04.1", 4, 4), ("CL-04.2", 4, 9),
    ("CL-05.1", 5, 7),
    ("CL-07.1", 7, 5), ("CL-07.2", 7, 11), ("CL-07.3", 7, 8), ("CL-07.4", 7, 4),
    ("CL-08.1", 8, 3), ("CL-08.2", 8, 4), ("CL-08.3", 8, 5), ("CL-08.4", 8, 8),
    ("CL-09.1", 9, 4), ("CL-09.2", 9, 3),
    ("CL-10.1", 10, 4), ("CL-10.2", 10, 5), ("CL-10.3", 10, 4), ("CL-10.4", 10, 7), ("CL-10.5", 10, 5),
    ("CL-10.6", 10, 5), ("CL-10.7", 10, 6), ("CL-10.8", 10, 5),
    ("CL-11.1", 11, 5), ("CL-11.2", 11, 6), ("CL-11.3", 11, 12), ("CL-11.4", 11, 5), ("CL-11.5", 11, 12),
    ("CL-12.1", 12, 5), ("CL-12.2", 12, 4),
]
SOORTEN = {"vragen", "tips", "inhoud", "elementen", "voorbeelden", "afwegingen", "mogelijkheden", "actoren",
           "bijdragen", "uitdagingen", "rollen", "aandachtspunten"}
ACTIVITIES = [
    ("Vrije tijd", "micro"), ("Vrijwilligerswerk", "micro"), ("Positieve rolmodellen", "micro"),
    ("Buurtpreventie", "micro"), ("Cursussen en trainingen", "micro"), ("Werkplaatsen", "micro"),
    ("Maatjesproject", "micro"), ("Mentorschap", "micro"), ("Informatievoorziening", "micro"),
    ("Netwerkvorming", "meso"),
    ("Oudergroepen", "exo"), ("Oudercursussen", "exo"), ("Democratie in de wijk", "exo"), ("Voorlichting", "exo"),
]
LADDER = [
    ("hr.trede.informeren", "Informeren", "dk.trede.informeren"),
    ("hr.trede.raadplegen", "Raadplegen", "dk.trede.raadplegen"),
    ("hr.trede.adviseren", "Adviseren", "dk.trede.adviseren"),
    ("hr.trede.coproduceren", "Coproduceren", "dk.trede.coproduceren"),
    ("hr.trede.meebeslissen", "Meebeslissen", "dk.trede.meebeslissen"),
    ("hr.trede.zelf_organiseren", "Zelf organiseren", "dk.trede.zelfbestuur"),
]
FACTORS = {
    "individu": ["Positieve identiteit", "Sociale vaardigheden", "Zelfregie", "Zelfregulatie"],
    "sociale_omgeving": ["Familie", "Rolmodellen", "Peers"],
    "kracht_gemeenschap": ["Sociale binding en cohesie", "Pro-sociale binding", "Collectieve weerbaarheid"],
}
ZIJDEN = {"gemeente", "bestuur", "professional", "gemeenschap", "overig"}


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


@pytest.fixture(scope="module")
def hr(cat):
    return [e for e in cat if e.document == "004"]


def _steps(cat):
    return cat.by_kind("handreiking_stap")


# -- document, phases, steps, sub-actions ------------------------------------------------------------------------
def test_document_identity(cat):
    doc = cat.documents["004"]
    assert doc.prefix == "hr"
    assert doc.file == "004_b340e894c056c9e2.txt"
    assert doc.year == 2024
    assert "Weerbare gemeenschappen" in doc.title


def test_four_phases_in_order(cat):
    phases = cat.by_kind("handreiking_fase")
    assert [(p.id, p.name_nl) for p in phases] == PHASES
    assert [p.attr("nummer") for p in phases] == [1, 2, 3, 4]
    assert "Vorbereiding" in cat.get("hr.fase.voorbereiding").note  # the printed typo is recorded


def test_twelve_steps_two_three_three_four(cat):
    steps = _steps(cat)
    assert [s.name_nl for s in steps] == STEP_NAMES
    assert [s.attr("nummer") for s in steps] == list(range(1, 13))
    per_phase = [len(cat.children(pid, kind="handreiking_stap")) for pid, _ in PHASES]
    assert per_phase == STEPS_PER_PHASE
    for step in steps:
        assert cat.parent_of(step.id).kind == "handreiking_fase"
    assert [s.attr("nummer") for s in cat.children("hr.fase.netwerk", kind="handreiking_stap")] == [6, 7, 8]


def test_48_sub_actions_with_per_step_counts(cat):
    counts = [len(cat.children(s.id, kind="stap_actie")) for s in _steps(cat)]
    assert counts == ACTIONS_PER_STEP
    assert sum(counts) == 48 == len(cat.by_kind("stap_actie"))
    for action in cat.by_kind("stap_actie"):
        assert cat.parent_of(action.id).kind == "handreiking_stap"
    s11 = cat.children("hr.stap.s11", kind="stap_actie")
    assert [a.order for a in s11] == [1, 2, 3, 4, 5, 6]
    assert s11[-1].name_nl == "Zet de veiligheid voorop"
    assert cat.get("hr.stap.s04.a1").name_nl == "Is er draagvlak en betrokkenheid bij bestuurders?"
    assert "netwerkform" in cat.get("hr.stap.s08.a1").note  # printed typo recorded, name corrected


# -- decision moment -------------------------------------------------------------------------------------------
def test_one_decision_moment_between_step_4_and_5(cat):
    (gate,) = cat.by_kind("beslismoment")
    assert gate.parent == "hr.fase.voorbereiding"
    assert (gate.attr("na_stap"), gate.attr("voor_stap")) == (4, 5)
    assert [t.id for t in cat.targets(gate.id, "na_stap")] == ["hr.stap.s04"]
    assert [t.id for t in cat.targets(gate.id, "voor_stap")] == ["hr.stap.s05"]
    criteria = cat.refs(gate.id, "criterium")
    assert [r.target for r in criteria] == ["hr.cl.04_0.i01", "hr.cl.04_0.i02", "hr.cl.04_0.i03"]
    assert all(r.interpretation for r in criteria)  # the document gives no explicit criteria list


def test_three_operational_gate_outcomes(cat):
    outcomes = cat.children("hr.beslismoment", kind="beslisuitkomst")
    assert [o.attr("code") for o in outcomes] == ["DOOR_NAAR_STAP_5", "EERST_RANDVOORWAARDEN_OP_ORDE",
                                                  "NOG_NIET_PASSEND"]
    assert [o.attr("vervolg") for o in outcomes] == ["door", "herstel", "stoppen"]
    assert [o.attr("volgende_stap") for o in outcomes] == [5, 4, None]
    assert [o.attr("traject_actief") for o in outcomes] == [True, True, False]
    door, herstel, stop = outcomes
    assert [t.attr("nummer") for t in cat.targets(door.id, "volgende_stap")] == [5]
    assert not cat.refs(door.id)[0].interpretation
    assert cat.refs(herstel.id, "volgende_stap")[0].interpretation  # re-check is our reading
    assert not cat.refs(stop.id, "volgende_stap")
    assert stop.attr("heroverweging_mogelijk") is True and stop.note


# -- checklists ------------------------------------------------------------------------------------------------
def test_32_checklists_in_inventory_order_with_exact_item_counts(cat):
    lists = cat.by_kind("handreiking_checklist")
    got = [(c.attr("code"), cat.parent_of(c.id).attr("nummer"), len(cat.children(c.id))) for c in lists]
    assert got == INVENTORY
    assert sum(n for *_, n in INVENTORY) == 181 == len(cat.by_kind("handreiking_checklistitem"))
    for c in lists:
        assert c.attr("aantal_items") == len(cat.children(c.id))
        assert c.attr("soort") in SOORTEN
        assert [i.order for i in cat.children(c.id)] == list(range(1, c.attr("aantal_items") + 1))
        assert all(i.kind == "handreiking_checklistitem" for i in cat.children(c.id))
        if not c.attr("titel_uit_document"):
            assert "door ons gekozen" in c.description_nl


def test_checklists_point_to_an_action_of_their_own_step(cat):
    for c in cat.by_kind("handreiking_checklist"):
        actions = cat.targets(c.id, "bij_actie")
        if c.attr("code") == "CL-04.0":  # the three questions *are* the three actions of step 4
            assert not actions
            items = cat.children(c.id)
            assert [cat.targets(i.id, "bij_actie")[0].id for i in items] == [
                "hr.stap.s04.a1", "hr.stap.s04.a2", "hr.stap.s04.a3"]
            continue
        assert len(actions) == 1, c.id
        assert actions[0].kind == "stap_actie" and actions[0].parent == c.parent


def test_grouped_and_labelled_checklists(cat):
    evaluation = cat.children("hr.cl.11_3")
    groups = Counter(i.attr("groep") for i in evaluation)
    assert len(groups) == 4 and set(groups.values()) == {3}
    safety = cat.children("hr.cl.11_5")
    sizes = Counter(i.attr("groep") for i in safety)
    assert list(sizes.values()) == [2, 2, 4, 2, 2]
    assert [i.attr("label") for i in safety][:2] == ["Persoonlijke veiligheid", "Meldingsprocedures"]
    assert [i.name_nl for i in cat.children("hr.cl.07_1")] == [
        "Duidelijkheid", "Empathie", "Respect", "Flexibiliteit", "Realisme"]
    assert [i.name_nl for i in cat.children("hr.cl.10_5")] == [
        "Flexibele budgetten", "Co-creatie van budgetten", "Microfinanciering", "Matching funds",
        "Ruimte voor experiment"]
    assert "private partijen" in cat.get("hr.cl.10_5").note
    assert cat.get("hr.cl.11_2").attr("omgangsopties") == ("open gesprek", "andere aanpak zoeken",
                                                              "weerstand laten bestaan")
    levels = [cat.targets(i.id, "systeemniveau")[0].id for i in cat.children("hr.cl.09_2")]
    assert levels == ["hr.sys.micro", "hr.sys.meso", "hr.sys.exo"]


# -- goals, ladder, activities ---------------------------------------------------------------------------------
def test_example_goals_per_level(cat):
    goals = cat.by_kind("voorbeelddoel")
    assert Counter(g.attr("niveau") for g in goals) == {"micro": 2, "meso": 1, "exo": 1}
    for g in goals:
        assert g.parent == "hr.stap.s09"
        assert cat.targets(g.id, "systeemniveau")[0].attr("code") == g.attr("niveau")


def test_participation_ladder_maps_onto_seed_002(cat):
    rungs = cat.by_kind("handreiking_ladder_trede")
    assert [(r.id, r.name_nl) for r in rungs] == [(i, n) for i, n, _ in LADDER]
    assert [r.attr("niveau") for r in rungs] == [1, 2, 3, 4, 5, 6]
    for rung, (_, _, dk_id) in zip(rungs, LADDER):
        assert rung.parent == "hr.stap.s10"
        (ref,) = cat.refs(rung.id, "zelfde_als")
        assert ref.target == dk_id and ref.interpretation
        dk = cat.get(dk_id)
        assert dk.kind == "participatietrede" and dk.attr("niveau") == rung.attr("niveau")
    # the wording differs from 002, which is why 004 has its own kind
    assert cat.get("hr.trede.zelf_organiseren").name_nl != cat.get("dk.trede.zelfbestuur").name_nl


def test_fourteen_activities_nine_one_four(cat):
    acts = cat.by_kind("weerbaarheidsactiviteit")
    assert [(a.name_nl, a.attr("niveau")) for a in acts] == ACTIVITIES
    assert Counter(a.attr("niveau") for a in acts) == {"micro": 9, "meso": 1, "exo": 4}
    for a in acts:
        assert a.parent == "hr.stap.s10"
        (level,) = cat.targets(a.id, "systeemniveau")
        assert level.attr("code") == a.attr("niveau")
    key_person_acts = {a.name_nl for a in cat.referrers("hr.sp.sleutelpersoon", "sleutelpersoon")
                       if a.kind == "weerbaarheidsactiviteit"}
    assert key_person_acts == {"Informatievoorziening", "Voorlichting"}


# -- theory ----------------------------------------------------------------------------------------------------
def test_resilience_factors_four_three_three(cat):
    factors = cat.by_kind("weerbaarheidsfactor")
    by_level = {lvl: [f.name_nl for f in factors if f.attr("niveau") == lvl] for lvl in FACTORS}
    assert by_level == FACTORS
    assert len(factors) == 10


def test_four_system_levels_and_the_meso_caveat(cat):
    levels = cat.by_kind("systeemniveau")
    assert [(s.attr("code"), s.attr("rang")) for s in levels] == [("micro", 1), ("meso", 2), ("exo", 3), ("macro", 4)]
    meso = cat.get("hr.sys.meso")
    assert meso.interpretation and "exo- en microsysteem" in meso.note
    assert "niet uitgewerkt" in cat.get("hr.sys.macro").note
    assert len(cat.by_kind("ppct_component")) == 4


def test_lost_indicators_are_recorded_not_invented(cat):
    groups = cat.by_kind("indicatorgroep")
    assert [(g.attr("niveau"), g.attr("aantal"), g.attr("inhoud_verloren")) for g in groups] == [
        ("gezin", 5, True), ("gemeenschap", 11, True)]
    for g in groups:
        assert not cat.children(g.id)  # no invented indicators
        assert "verloren" in g.note.lower()


# -- roles -----------------------------------------------------------------------------------------------------
def test_two_lead_roles(cat):
    roles = cat.by_kind("rol")
    assert [r.id for r in roles if r.attr("hoofdrol")] == ["hr.rol.wijkverbinder", "hr.rol.gemeenteverbinder"]
    assert {r.attr("zijde") for r in roles} == ZIJDEN
    wv = cat.get("hr.rol.wijkverbinder")
    assert wv.attr("synoniemen") == ("wijkmanager", "buurtverbinder", "netwerker")
    assert wv.attr("minimale_aanstelling_jaren") == 3
    assert "duo" in cat.get("hr.rol.gemeenteverbinder").note
    for rid in ("hr.rol.stadsmarinier", "hr.rol.netwerkregisseur", "hr.rol.interne_opdrachtgever",
                "hr.rol.wijkagent", "hr.rol.buurtouder", "hr.rol.lid_crimineel_netwerk", "hr.rol.burgemeester"):
        assert cat.get(rid).kind == "rol"


def test_role_tasks_mark_inferences(cat):
    for rid, n_tasks, n_doc in (("hr.rol.wijkverbinder", 21, 6), ("hr.rol.gemeenteverbinder", 10, 5)):
        tasks = cat.children(rid, kind="roltaak")
        assert len(tasks) == n_tasks
        assert sum(not t.interpretation for t in tasks) == n_doc
        assert [t.attr("stap") for t in tasks] == sorted(t.attr("stap") for t in tasks)
        for t in tasks:
            (step,) = cat.targets(t.id, "stap")
            assert step.attr("nummer") == t.attr("stap")
            if t.interpretation:
                assert "je-vorm" in t.note
        # from step 9 on the text never names the role: every task there is inferred
        assert all(t.interpretation for t in tasks if t.attr("stap") >= 9)
    explicit = {t.name_nl for t in cat.children("hr.rol.wijkverbinder", kind="roltaak") if not t.interpretation}
    assert {"Zelf de wijk in gaan", "Open vragen stellen", "Mensen bijeenbrengen voor de netwerkvorm"} <= explicit


def test_role_competences(cat):
    wv = cat.children("hr.rol.wijkverbinder", kind="rolcompetentie")
    gv = cat.children("hr.rol.gemeenteverbinder", kind="rolcompetentie")
    assert [c.name_nl for c in wv][:3] == ["Legt makkelijk contact", "Ziet kansen, oplossingen en verbanden",
                                            "Bouwt duurzame samenwerking op"]
    assert len(wv) == 6 and len(gv) == 5
    assert gv[0].name_nl == "Procesvaardigheden" and not gv[0].interpretation
    assert "Boundary spanning" in {c.name_nl for c in wv} & {c.name_nl for c in gv}


def test_key_person_types(cat):
    types = cat.by_kind("sleutelpersoon_type")
    assert [t.id for t in types] == ["hr.sp.sleutelpersoon", "hr.sp.rolmodel", "hr.sp.buurtvader",
                                     "hr.sp.credible_messenger"]
    assert not types[0].interpretation
    assert all(t.interpretation and t.note for t in types[1:])
    referrer_kinds = {e.kind for e in cat.referrers("hr.sp.sleutelpersoon")}
    assert {"handreiking_checklistitem", "weerbaarheidsactiviteit", "kennismakingsmethode"} <= referrer_kinds


def test_forms_of_cooperation_and_methods(cat):
    forms = cat.by_kind("samenwerkingsvorm")
    assert len(forms) == 8 and all(f.parent == "hr.stap.s10" for f in forms)
    assert {f.attr("partij") for f in forms} == {"gemeente", "gemeenschap", "professionals", "private_partijen",
                                                 "gezamenlijk"}
    methods = cat.by_kind("kennismakingsmethode")
    assert [m.attr("code") for m in methods] == [f"M{i}" for i in range(1, 17)]
    assert cat.get("hr.km.sociale_kaart").name_nl == "Sociale kaart"
    assert [t.id for t in cat.targets("hr.km.sociale_kaart", "checklist")] == ["hr.cl.03_3"]


# -- integrity ---------------------------------------------------------------------------------------------------
def test_parents_have_the_declared_kind_and_refs_resolve(cat, hr):
    assert len(hr) == 458
    for e in hr:
        spec = cat.kinds[e.kind]
        if spec.parent_kind:
            assert cat.parent_of(e.id).kind == spec.parent_kind, e.id
        for ref in e.refs:
            target = cat.get(ref.target)
            assert target.id == ref.target
            if ref.rel == "stap":
                assert target.kind == "handreiking_stap", e.id
            if ref.rel == "bij_actie":
                assert target.kind == "stap_actie", e.id
            if ref.rel == "rol":
                assert target.kind == "rol", e.id
            if ref.rel == "sleutelpersoon":
                assert target.kind == "sleutelpersoon_type", e.id


def test_every_entry_cites_a_place_in_the_document(hr):
    for e in hr:
        assert re.search(r"\b(p\.|r\.) ?\d+", e.source.section), (e.id, e.source.section)


def _seed_dir() -> Path:
    env = os.environ.get("WIJKLIB_SHARED_DATA")
    shared_data = Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
    return shared_data.parent / "domain" / "seeds"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ0-9]+", unicodedata.normalize("NFKC", text).casefold())


def test_descriptions_are_paraphrased(cat, hr):
    """No description repeats 7 or more consecutive words of the source (stricter than the shared 9-word check)."""
    seed = _seed_dir() / cat.documents["004"].file
    if not seed.is_file():
        pytest.skip(f"brondocument niet gevonden: {seed}")
    words = _words(seed.read_text(encoding="utf-8"))
    n = 7
    source = {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
    copied = []
    for e in hr:
        w = _words(e.description_nl)
        if {tuple(w[i:i + n]) for i in range(len(w) - n + 1)} & source:
            copied.append(e.id)
    assert not copied, copied
