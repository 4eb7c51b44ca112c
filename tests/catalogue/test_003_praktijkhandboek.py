"""Completeness of the catalogue for seed 003, *Praktijkhandboek Slagkracht in de wijk* (2nd edition, 2024).

Every count below is pinned to the document (see shared/domain/extractions/003_praktijkhandboek_wijkaanpak.md,
§1.7, §2.8, §3, "3.x Checklist inventory", §4 and §5): 5 phases with 6/5/4/3/3 steps, 19 checklists with
4,4,3,4,4,5,7,8,3,6,2,6,8,5,10,6,4,4,3 = 96 questions, 3 urgency types (+ the policy-frame mechanism as an
interpretation), 10 success factors, the data sources of §4.2, the A-E resident-involvement scale, 25 roles and the
six components of an M&E design.
"""

from __future__ import annotations

from collections import Counter

import pytest

from wijklib.catalogue import load_catalogue

FASEN = [("ph.fase.orienteren", "Oriënteren"), ("ph.fase.opstarten", "Opstarten"),
         ("ph.fase.ontwerpen", "Ontwerpen"), ("ph.fase.uitvoeren", "Uitvoeren"), ("ph.fase.herijken", "Herijken")]
STAPPEN_PER_FASE = {
    "ph.fase.orienteren": ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6"],
    "ph.fase.opstarten": ["5.1", "5.2", "5.3", "5.4", "5.5"],
    "ph.fase.ontwerpen": ["6.1", "6.2", "6.3", "6.4"],
    "ph.fase.uitvoeren": ["7.1", "7.2", "7.3"],
    "ph.fase.herijken": ["8.1", "8.2", "8.3"],
}
STAP_NAMEN = {
    "4.1": "Onderzoek het gevoel van urgentie", "4.2": "Grip op de opgaven: tellen en vertellen",
    "4.3": "Inventariseer welk beleid in de wijk landt", "4.4": "Verbind systeem- en leefwereld",
    "4.5": "Breng stakeholders in kaart", "4.6": "Go/no-go: wel of geen wijkaanpak?",
    "5.1": "Formeren van een lokale alliantie", "5.2": "Gedeelde visie en ambities", "5.3": "Een lokaal contract",
    "5.4": "Zicht op sturing", "5.5": "Zicht op financiering", "6.1": "Procesregie",
    "6.2": "Organisatie- en participatiestructuur", "6.3": "Uitvoeringsprogramma", "6.4": "Monitoringstructuur",
    "7.1": "Samenwerken tijdens de uitvoering", "7.2": "Participatie in de uitvoering",
    "7.3": "Monitoring, evaluatie en effectmeting", "8.1": "Wendbaarheid", "8.2": "Vernieuwing uitvoeringsprogramma",
    "8.3": "Evaluatie en nazorg",
}
# (step of the checklist, document title, number of questions), in document order
CHECKLISTS = [
    ("4.1", "Checklist urgentie afwegen", 4),
    ("4.2", "Checklist grip op de opgaven", 4),
    ("4.3", "Checklist beleidsinventarisatie", 3),
    ("4.4", "Checklist systeem- en leefwereld", 4),
    ("4.5", "Checklist stakeholderinventarisatie", 4),
    ("4.6", "Checklist go/no go besluit", 5),
    ("5.1", "Checklist alliantievorming", 7),
    ("5.2", "Checklist visie en ambities", 8),
    ("5.3", "Checklist lokaal contract", 3),
    ("5.5", "Checklist zicht op sturing en financiering", 6),
    ("6.1", "Checklist procesregie", 2),
    ("6.2", "Checklist organisatie- en participatiestructuur", 6),
    ("6.3", "Checklist uitvoeringsprogramma", 8),
    ("6.4", "Checklist aandachtspunten in de monitoring", 5),
    ("7.1", "Checklist samenwerken in de uitvoering", 10),
    ("7.2", "Checklist aandachtspunten in participatie in de uitvoering", 6),
    ("8.1", "Checklist aandachtspunten in de monitoring", 4),
    ("8.2", "Checklist vernieuwing uitvoeringsprogramma", 4),
    ("8.3", "Checklist evaluatie en nazorg", 3),
]
SUCCESFACTOREN = [
    "Grip op de opgaven", "Een lokale coalitie", "Visie op de toekomst van de wijk", "Precisie over de inzet",
    "Een lange adem", "Betrokken bewoners", "Bestuurskracht", "Onafhankelijke procesregie", "Bevlogen professionals",
    "Een wendbare, lerende aanpak",
]
# data sources named in §4.2 of the handbook (30) plus one interpretation (CBS Kerncijfers wijken en buurten)
DATABRONNEN_DOC = 30
NIVEAUS = {"buurt", "wijk", "gemeente", "onbekend"}
# relation name -> kind every target of that relation must have (all relations used in the ph file)
REL_KIND = {
    "stap": "wijkaanpak_stap", "dekt_stap": "wijkaanpak_stap", "uitgewerkt_in": "wijkaanpak_stap",
    "fase": "wijkaanpak_fase", "succesfactor": "succesfactor", "urgentietype": "urgentietype",
    "aanleiding": "urgentie_aanleiding", "probleem": "probleem", "beleidsopgave": "beleidsopgave",
    "databron": "databron", "bewonersrol": "bewonersrol", "bestuursniveau": "bestuursniveau",
    "nogo_optie": "nogo_optie", "rol": "rol_wijkaanpak", "referentiekader": "referentiekader",
    "tellen_vertellen_stap": "tellen_vertellen_stap",
}


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def ph_entries(cat):
    return [e for e in cat if e.document == "003"]


def stap_id(nr: str) -> str:
    return "ph.stap." + nr.replace(".", "_")


def test_document_metadata(cat):
    doc = cat.documents["003"]
    assert doc.prefix == "ph"
    assert doc.year == 2024
    assert doc.file == "003_df2894c2d9822080.txt"
    assert all(e.id.startswith("ph.") for e in ph_entries(cat))


def test_five_phases_in_order(cat):
    fasen = cat.by_kind("wijkaanpak_fase")
    assert [(f.id, f.name_nl) for f in fasen] == FASEN
    assert [f.attr("nummer") for f in fasen] == [1, 2, 3, 4, 5]
    assert [f.attr("hoofdstuk") for f in fasen] == [4, 5, 6, 7, 8]


def test_21_steps_six_five_four_three_three(cat):
    stappen = cat.by_kind("wijkaanpak_stap")
    assert len(stappen) == 21
    for fase_id, nummers in STAPPEN_PER_FASE.items():
        kids = cat.children(fase_id, kind="wijkaanpak_stap")
        assert [k.attr("nummer") for k in kids] == nummers, fase_id
        assert [k.order for k in kids] == list(range(1, len(nummers) + 1))
        for kid in kids:
            assert kid.id == stap_id(kid.attr("nummer"))
            assert kid.name_nl == STAP_NAMEN[kid.attr("nummer")]
            assert len(kid.description_nl) > 60, f"{kid.id}: doel van de stap ontbreekt of is te kort"
    assert [len(v) for v in STAPPEN_PER_FASE.values()] == [6, 5, 4, 3, 3]


def test_go_no_go_is_the_only_decision(cat):
    besluiten = [s.id for s in cat.by_kind("wijkaanpak_stap") if s.attr("is_besluit")]
    assert besluiten == ["ph.stap.4_6"]


def test_19_checklists_with_exact_question_counts(cat):
    checklists = cat.by_kind("checklist")
    checklists = [c for c in checklists if c.document == "003"]
    assert len(checklists) == 19
    assert [(c.parent, c.name_nl) for c in checklists] == [(stap_id(s), t) for s, t, _ in CHECKLISTS]
    counts = [len(cat.children(c.id, kind="checklistvraag")) for c in checklists]
    assert counts == [n for _, _, n in CHECKLISTS]
    assert counts == [4, 4, 3, 4, 4, 5, 7, 8, 3, 6, 2, 6, 8, 5, 10, 6, 4, 4, 3]
    assert sum(counts) == 96
    for c, (step, _, n) in zip(checklists, CHECKLISTS):
        assert c.attr("code") == f"CL-{step}"
        assert c.attr("aantal_vragen") == n


def test_96_questions_are_questions_with_codes(cat):
    vragen = [v for v in cat.by_kind("checklistvraag") if v.document == "003"]
    assert len(vragen) == 96
    for v in vragen:
        parent = cat.get(v.parent)
        assert parent.kind == "checklist"
        assert v.description_nl.rstrip().endswith("?"), f"{v.id} is niet als vraag geformuleerd"
        assert v.attr("code") == f"{parent.attr('code')}.q{v.order}"
    assert Counter(v.parent for v in vragen)["ph.cl.7_1"] == 10


def test_steps_without_own_checklist(cat):
    without = [s.attr("nummer") for s in cat.by_kind("wijkaanpak_stap") if not cat.children(s.id, kind="checklist")]
    assert without == ["5.4", "7.3"]
    assert [s.attr("nummer") for s in cat.by_kind("wijkaanpak_stap") if not s.attr("heeft_checklist")] == ["5.4", "7.3"]


def test_checklist_5_5_also_covers_step_5_4(cat):
    cl = cat.get("ph.cl.5_5")
    assert cl.parent == "ph.stap.5_5"
    assert [t.id for t in cat.targets(cl.id, rel="dekt_stap")] == ["ph.stap.5_4"]
    assert list(cl.attr("dekt_stappen")) == ["5.4", "5.5"]


def test_duplicate_checklist_title_is_flagged(cat):
    assert cat.get("ph.cl.8_1").name_nl == cat.get("ph.cl.6_4").name_nl
    assert "wendbaarheid" in (cat.get("ph.cl.8_1").note or "")


def test_no_go_questions_are_conditional(cat):
    conditional = [v.id for v in cat.children("ph.cl.4_6") if v.attr("voorwaarde") == "no_go"]
    assert conditional == ["ph.cl.4_6.v4", "ph.cl.4_6.v5"]
    assert "nog go" in cat.get("ph.cl.4_6.v5").note


def test_checklist_4_1_links_the_nine_named_problems(cat):
    problems = cat.targets("ph.cl.4_1.v1", rel="probleem")
    assert len(problems) == 9
    assert {p.name_nl for p in problems} == {
        "Armoede", "Werkloosheid", "Gezondheidsproblemen", "Achter-de-voordeur-problematiek", "Schooluitval",
        "Overlast", "Criminaliteit", "Ondermijning", "Maatschappelijke onrust"}
    assert all(p.attr("in_checklist") for p in problems)
    flagged = {p.id for p in cat.by_kind("probleem") if p.attr("in_checklist")}
    assert flagged == {p.id for p in problems}
    taken = cat.targets("ph.cl.4_1.v2", rel="beleidsopgave")
    assert [t.name_nl for t in taken] == ["Nieuwbouw of verdichting", "Herstructurering", "Aardgasvrij",
                                          "Klimaatadaptatie"]


def test_urgency_types(cat):
    types = cat.by_kind("urgentietype")
    assert [t.id for t in types] == ["ph.ut.acuut", "ph.ut.sluimerend", "ph.ut.meervoudig", "ph.ut.beleidskader"]
    assert [t.name_nl for t in types[:3]] == ["Acute urgentie", "Sluimerende urgentie", "Meervoudige urgentie"]
    # the document names three types; the policy frame is an additional mechanism, modelled as interpretation
    assert [t.interpretation for t in types] == [False, False, False, True]
    for t in types:
        assert len(t.attr("signalen")) >= 3, t.id
        assert len(t.attr("telbare_signalen_voorstel")) >= 2, t.id
        assert t.attr("voorbeelden"), t.id
    assert [t.id for t in types if t.attr("preventief")] == ["ph.ut.sluimerend"]
    assert list(cat.get("ph.ut.meervoudig").attr("stromen")) == ["maatschappelijk", "politiek", "ambtelijk"]
    assert any("oranje" in s for s in cat.get("ph.ut.sluimerend").attr("signalen"))


def test_urgency_triggers(cat):
    triggers = cat.by_kind("urgentie_aanleiding")
    assert len(triggers) == 12
    assert [t.id for t in triggers if t.attr("positief")] == ["ph.ua.bewonersinitiatief"]
    incident = cat.get("ph.ua.incident")
    assert len(incident.attr("voorbeelden")) == 10
    assert "ph.ut.acuut" in {t.id for t in cat.targets(incident.id, rel="urgentietype")}
    # every urgency type is reachable from at least one trigger
    reached = {t.id for tr in triggers for t in cat.targets(tr.id, rel="urgentietype")}
    assert reached == {"ph.ut.acuut", "ph.ut.sluimerend", "ph.ut.meervoudig", "ph.ut.beleidskader"}


def test_tellen_en_vertellen_procedure(cat):
    stappen = cat.by_kind("tellen_vertellen_stap")
    assert len(stappen) == 9
    assert [s.interpretation for s in stappen] == [True, False, False, False, False, False, True, True, True]
    assert [s.attr("spoor") for s in stappen[1:6]] == ["tellen", "tellen", "vertellen", "vertellen", "verbinden"]
    assert stappen[-1].name_nl == "Go/no-go-besluit"
    assert [t.id for t in cat.targets(stappen[-1].id, rel="stap")] == ["ph.stap.4_6"]


def test_data_functions_streetwise_and_bottom_up(cat):
    assert [f.name_nl for f in cat.by_kind("datafunctie")] == [
        "Beschrijvende functie", "Signalerende functie", "Agenderende functie"]
    streetwise = cat.by_kind("streetwise_indicator")
    assert len(streetwise) == 7
    assert streetwise[0].name_nl == "Permanent gesloten gordijnen"
    groepen = cat.by_kind("bottomup_instrumentgroep")
    assert [g.name_nl for g in groepen] == ["Interviews", "Visuele technieken", "Observaties", "Verhalen"]
    assert [len(cat.children(g.id)) for g in groepen] == [4, 5, 3, 4]
    assert "Straatschouw" in {i.name_nl for i in cat.children("ph.bu.observaties")}
    assert len(cat.by_kind("referentiekader")) == 5
    assert len(cat.by_kind("moeilijk_telbaar_fenomeen")) == 4


def test_data_sources(cat):
    bronnen = cat.by_kind("databron")
    assert len(bronnen) == DATABRONNEN_DOC + 1
    assert len([b for b in bronnen if not b.interpretation]) == DATABRONNEN_DOC
    assert [b.id for b in bronnen if b.interpretation] == ["ph.db.cbs_kerncijfers_wijken_buurten"]
    names = {b.name_nl for b in bronnen}
    for expected in ["Leefbaarometer", "CBS in de Buurt", "Veiligheidsmonitor", "GGD Gezondheidsmonitor",
                     "Wijkprofiel Rotterdam", "Kansenkaart", "Zicht op Ondermijning", "WoonZorgwijzer",
                     "Gemeente in Cijfers", "Buurtthermometer", "CBS Kerncijfers wijken en buurten"]:
        assert expected in names, expected
    declared = set(cat.kinds["databron"].attributes)
    for b in bronnen:
        assert b.attr("niveau") in NIVEAUS, b.id
        assert b.attr("type") in {"tellen", "vertellen"}, b.id
        assert b.attr("onderwerpen"), b.id
        assert b.attr("uitgever").strip(), b.id
        assert set(b.attr("afgeleide_attributen")) <= declared, b.id
    assert cat.get("ph.db.wijkprofiel_rotterdam").attr("niveau") == "wijk"
    assert cat.get("ph.db.gemeente_in_cijfers").attr("uitgever") == "ABF Research"
    assert Counter(b.attr("categorie") for b in bronnen)["betaald"] == 4


def test_problem_domains(cat):
    domeinen = cat.by_kind("probleemdomein")
    assert len(domeinen) == 11
    assert all(d.interpretation and d.note for d in domeinen), "indeling in domeinen is een interpretatie"
    problemen = cat.by_kind("probleem")
    assert len(problemen) == 38
    assert all(cat.get(p.parent).kind == "probleemdomein" for p in problemen)
    assert all(cat.children(d.id, kind="probleem") for d in domeinen)
    assert "overlastmeldingen" in cat.get("ph.pd.overlast").attr("voorbeeldindicatoren")
    allowed = {"inkomen_armoede", "werk_uitkeringen", "wonen", "veiligheid", "gezondheid_zorg", "jeugd_onderwijs",
               "samenstelling", "fysieke_omgeving", "voorzieningen"}
    for d in domeinen:
        assert set(d.attr("indicatordomeinen_voorstel")) <= allowed, d.id
    assert len(cat.by_kind("beleidsopgave")) == 8


def test_ten_success_factors(cat):
    sf = cat.by_kind("succesfactor")
    assert [s.name_nl for s in sf] == SUCCESFACTOREN
    assert [s.attr("nummer") for s in sf] == list(range(1, 11))
    for s in sf:
        refs = cat.refs(s.id, rel="uitgewerkt_in")
        assert refs and all(r.interpretation for r in refs), s.id
    assert [t.id for t in cat.targets("ph.sf.sf8", rel="uitgewerkt_in")] == ["ph.stap.6_1"]


def test_resident_involvement(cat):
    varianten = cat.by_kind("bewonersbetrokkenheid_variant")
    assert [v.attr("letter") for v in varianten] == ["A", "B", "C", "D", "E"]
    assert [v.attr("niveau") for v in varianten] == [1, 2, 3, 4, 5]
    assert cat.get("ph.bv.e").attr("positie_alliantie") == "zetel in het alliantiebestuur"
    assert [v.name_nl for v in cat.by_kind("participatievorm")] == ["Meedenken", "Meedoen", "Meebeslissen"]
    assert [r.name_nl for r in cat.by_kind("bewonersrol")] == ["Adviserend", "Co-creërend", "Besluitvoerend"]
    assert len(cat.targets("ph.cl.6_2.v5", rel="bewonersrol")) == 3
    assert len(cat.by_kind("participatiebetekenis")) == 2


def test_roles(cat):
    rollen = cat.by_kind("rol_wijkaanpak")
    assert len(rollen) == 25
    names = {r.name_nl.lower() for r in rollen}
    assert {"kwartiermaker", "change agent", "procesregisseur", "wijkambassadeur", "community builder"} <= names
    assert "wijkverbinder" not in names  # the term does not occur in the handbook
    assert "programmadirecteur" in cat.get("ph.rol.procesregisseur").attr("synoniemen")
    for r in rollen:
        refs = cat.refs(r.id, rel="fase")
        assert refs and all(x.interpretation for x in refs), r.id


def test_monitoring_and_process_model_lists(cat):
    me = cat.by_kind("me_component")
    assert len(me) == 6
    assert me[-1].name_nl == "Hoe kunnen we leren?"
    assert len(cat.by_kind("nogo_optie")) == 5
    assert all(k.interpretation for k in cat.by_kind("procesmodel_koppeling"))
    assert len(cat.by_kind("procesmodel_koppeling")) == 3
    assert len(cat.by_kind("bestuursniveau")) == 3
    assert len(cat.by_kind("preventieve_maatregel")) == 6


def test_in_text_question_lists(cat):
    lijsten = cat.by_kind("vragenlijst")
    assert len(lijsten) == 20
    vragen = cat.by_kind("vragenlijstvraag")
    assert len(vragen) == 79
    assert len(cat.children("ph.vl.afweging_organisatie")) == 5
    assert len(cat.children("ph.vl.alliantiebestuur")) == 7
    assert all(v.description_nl.rstrip().endswith("?") for v in vragen)


def test_references_resolve_to_the_expected_kinds(cat):
    seen = Counter()
    for entry in ph_entries(cat):
        for ref in entry.refs:
            target = cat.get(ref.target)  # raises KeyError when unresolved
            if ref.rel in REL_KIND:
                assert target.kind == REL_KIND[ref.rel], f"{entry.id} -{ref.rel}-> {target.id} ({target.kind})"
            else:
                assert ref.rel == "zie_ook", f"onverwachte relatie {ref.rel} in {entry.id}"
            seen[ref.rel] += 1
    assert seen["succesfactor"] >= 19 and seen["stap"] > 20


def test_parents_are_of_the_declared_kind(cat):
    for entry in ph_entries(cat):
        spec = cat.kinds[entry.kind]
        if spec.parent_kind:
            assert cat.get(entry.parent).kind == spec.parent_kind, entry.id
        else:
            assert entry.parent is None, entry.id


def test_interpretations_carry_a_note(cat):
    for entry in ph_entries(cat):
        if entry.interpretation:
            assert (entry.note or "").strip(), entry.id


def test_search_finds_dutch_and_english(cat):
    assert cat.get("ph.ut.sluimerend") in cat.search("sluimerende urgentie")
    assert cat.get("ph.fase.orienteren") in cat.search("orienteren", kind="wijkaanpak_fase")
    assert cat.get("ph.stap.4_6") in cat.search("go/no-go", kind="wijkaanpak_stap")
