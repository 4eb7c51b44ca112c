"""Completeness of the catalogue data for seed 001, inspiratieboek *Ondermijning in de wijk*.

Every count is pinned to the book or to the structured reading in
shared/domain/extractions/001_inspiratieboek_ondermijning_in_de_wijk.md (section numbers in the docstrings).
"""

from __future__ import annotations

from collections import Counter

import pytest

from wijklib.catalogue import load_catalogue

APPROACHES = [  # (id, code, gemeente, pagina, auteur) -- book order, extraction §1.7
    ("ib.aanpak.familieaanpak", "A01", "Tilburg", 7, "Platform31"),
    ("ib.aanpak.nypels", "A02", "Nieuwegein", 10, "Platform31"),
    ("ib.aanpak.knock_and_talk", "A03", "Utrecht", 14, "Platform31"),
    ("ib.aanpak.nieuwe_aanwas_nieuwland", "A04", "Schiedam", 17, "Platform31"),
    ("ib.aanpak.wijkrechtbank", "A05", "Eindhoven", 20, "Platform31"),
    ("ib.aanpak.glanerbrug", "A06", "Enschede", 23, "Platform31"),
    ("ib.aanpak.back_on_track", "A07", "Zaanstad", 26, "Platform31"),
    ("ib.aanpak.veilig_buitengebied", "A08", "Bronckhorst", 29, "CCV"),
    ("ib.aanpak.mobiel_banditisme", "A09", "landelijk", 33, "CCV"),
    ("ib.aanpak.ongestructureerde_problemen", "A10", "Oss", 37, "CCV"),
]
CODE_TO_ID = {code: aid for aid, code, *_ in APPROACHES}

# extraction §6.7: success factors and knelpunten per approach
SUCCESFACTOREN = {"A01": 4, "A02": 3, "A03": 4, "A04": 4, "A05": 6, "A06": 3, "A07": 2, "A08": 4, "A09": 6, "A10": 2}
KNELPUNTEN = {"A01": 2, "A02": 1, "A03": 5, "A04": 3, "A05": 2, "A06": 2, "A07": 2, "A08": 3, "A09": 3, "A10": 7}

# extraction §5.1, one entry per actor type (combined rows split, see the notes in the YAML)
ACTORS_PER_GROUP = {
    "ib.actorgroep.gemeente": 31,
    "ib.actorgroep.politie_justitie": 18,
    "ib.actorgroep.overheid_overig": 12,
    "ib.actorgroep.wonen_zorg_school_sport": 14,
    "ib.actorgroep.privaat_maatschappelijk": 27,
    "ib.actorgroep.bewoners_doelgroepen": 10,
    "ib.actorgroep.crimineel": 7,
}

# extraction §3.5 (INFERENCE): seed-000 precondition -> approaches
RANDVOORWAARDEN = {
    "lk.rv.urgentiebesef": {"A02", "A04", "A07"},
    "lk.rv.lokale_kracht": {"A07", "A08"},
    "lk.rv.langdurige_aanpak": {"A02", "A07", "A08", "A10"},
    "lk.rv.gezamenlijke_visie": {"A08", "A10"},
    "lk.rv.bestuurskracht": {"A02", "A03", "A09", "A10"},
    "lk.rv.samenwerkingsverband": {"A02", "A04", "A05", "A08"},
    "lk.rv.cultuuromslag": {"A02", "A03", "A10"},
    "lk.rv.reflectie_evaluatie": {"A01", "A02", "A03", "A05", "A06"},
    "lk.rv.korte_termijn_successen": {"A07", "A09"},
    "lk.rv.procesbegeleiding": {"A08", "A09", "A10"},
    "lk.rv.kennis_mandaat_vertrouwen": {"A03", "A04", "A10"},
    "lk.rv.juiste_professional": {"A01", "A03", "A09", "A10"},
}

# rel -> kind of the target
REL_TARGET_KIND = {
    "actortype": "actortype", "waarnemer": "actortype", "gelegenheid_bij": "actortype",
    "fenomeen_ondermijning": "fenomeen_ondermijning", "kwetsbaarheidsfactor": "kwetsbaarheidsfactor",
    "werkkader": "werkkader", "deelmodel_van": "werkkader", "randvoorwaarde": "randvoorwaarde",
    "aanpak": "praktijkaanpak", "voorbeeld": "praktijkaanpak", "signaal": "signaal", "zie_ook": "les",
}


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def _mine(cat):
    return [e for e in cat if e.document == "001"]


# ------------------------------------------------------------------------------------------------ document
def test_document_header(cat):
    doc = cat.documents["001"]
    assert doc.prefix == "ib"
    assert doc.file == "001_3fd3f9fdaad2b446.txt"
    assert "Ondermijning in de wijk" in doc.title
    assert all(e.id.startswith("ib.") for e in _mine(cat))


def test_every_entry_has_a_section_and_explained_interpretation(cat):
    for e in _mine(cat):
        assert e.source.section.strip(), e.id
        if e.interpretation:
            assert (e.note or "").strip(), f"{e.id}: interpretatie zonder toelichting"
        for r in e.refs:
            if r.interpretation and r.rel in {"randvoorwaarde", "fenomeen_ondermijning", "kwetsbaarheidsfactor"}:
                assert (r.note or "").strip(), f"{e.id} -> {r.target}: interpretatie zonder toelichting"


def test_refs_point_to_the_expected_kinds(cat):
    for e in _mine(cat):
        for r in e.refs:
            assert r.rel in REL_TARGET_KIND, f"{e.id}: onverwachte relatie {r.rel!r}"
            assert cat.get(r.target).kind == REL_TARGET_KIND[r.rel], f"{e.id} -{r.rel}-> {r.target}"


# ------------------------------------------------------------------------------------------------ approaches
def test_ten_approaches_in_book_order(cat):
    entries = cat.by_kind("praktijkaanpak")
    assert [e.id for e in entries] == [a[0] for a in APPROACHES]
    assert [e.order for e in entries] == list(range(1, 11))
    for e, (_, code, gemeente, pagina, auteur) in zip(entries, APPROACHES):
        assert e.attr("code") == code
        assert e.attr("gemeente").startswith(gemeente), e.id
        assert e.attr("pagina") == pagina
        assert e.attr("auteur") == auteur
    assert Counter(e.attr("auteur") for e in entries) == {"Platform31": 7, "CCV": 3}
    # chapters 1-7 are numbered, the three CCV chapters are not
    assert [e.attr("hoofdstuk") for e in entries] == [1, 2, 3, 4, 5, 6, 7, None, None, None]


def test_approach_names(cat):
    assert cat.get("ib.aanpak.familieaanpak").name_nl == "De Integrale familieaanpak"
    assert cat.get("ib.aanpak.wijkrechtbank").name_nl == "De Wijkrechtbank"
    assert cat.get("ib.aanpak.back_on_track").name_nl == "Back on Track"
    assert cat.get("ib.aanpak.ongestructureerde_problemen").name_nl.startswith("Project: Integrale werkwijze")


@pytest.mark.parametrize("code", sorted(SUCCESFACTOREN))
def test_success_factors_and_bottlenecks_per_approach(cat, code):
    e = cat.get(CODE_TO_ID[code])
    assert len(e.attr("succesfactoren")) == SUCCESFACTOREN[code]
    assert len(e.attr("knelpunten")) == KNELPUNTEN[code]
    for key in ("gebied", "fenomenen", "doelgroep", "partners", "instrumenten"):
        assert e.attr(key), f"{e.id}: {key} is leeg"


def test_success_factor_and_bottleneck_totals(cat):
    entries = cat.by_kind("praktijkaanpak")
    assert sum(len(e.attr("succesfactoren")) for e in entries) == 38
    assert sum(len(e.attr("knelpunten")) for e in entries) == 30
    # only Schiedam gives explicit tips for other municipalities (4)
    assert {e.attr("code"): len(e.attr("tips", ())) for e in entries if e.attr("tips")} == {"A04": 4}


def test_escalation_to_repression_where_the_book_describes_it(cat):
    flagged = {e.attr("code") for e in cat.by_kind("praktijkaanpak") if e.attr("opschaling_repressie")}
    assert flagged == {"A01", "A03", "A04", "A05", "A07"}


def test_approaches_reference_the_actor_types_the_book_names(cat):
    expected = {
        "ib.aanpak.familieaanpak": {"ib.actor.gezinscoach", "ib.actor.coordinator", "ib.actor.woningcorporatie"},
        "ib.aanpak.nypels": {"ib.actor.woningcorporatie", "ib.actor.welzijnsorganisatie", "ib.actor.stuurgroep"},
        "ib.aanpak.knock_and_talk": {"ib.actor.buit", "ib.actor.belastingdienst", "ib.actor.wijkboa"},
        "ib.aanpak.nieuwe_aanwas_nieuwland": {"ib.actor.jongerenwerk", "ib.actor.wijkagent", "ib.actor.om"},
        "ib.aanpak.wijkrechtbank": {"ib.actor.rechtbank", "ib.actor.advocatuur", "ib.actor.procesregisseur"},
        "ib.aanpak.glanerbrug": {"ib.actor.duitse_politie", "ib.actor.euriec", "ib.actor.verslavingszorg"},
        "ib.aanpak.back_on_track": {"ib.actor.buurtouder", "ib.actor.sportondernemer", "ib.actor.jeugdboa"},
        "ib.aanpak.veilig_buitengebied": {"ib.actor.lto", "ib.actor.jager", "ib.actor.waterschap"},
        "ib.aanpak.mobiel_banditisme": {"ib.actor.taskforce_moba", "ib.actor.kvk", "ib.actor.katvanger"},
        "ib.aanpak.ongestructureerde_problemen": {"ib.actor.ccv", "ib.actor.maatschappelijk_werker",
                                                  "ib.actor.driehoek"},
    }
    for aid, must in expected.items():
        refs = cat.refs(aid, "actortype")
        assert len(refs) >= 10, aid
        assert must <= {r.target for r in refs}, aid
        assert not any(r.interpretation for r in refs), f"{aid}: het boek noemt deze partijen zelf"


def test_phenomenon_refs_match_the_typology(cat):
    """Extraction §4.13 'Where' column: approach -> phenomenon refs agree with the phenomenon's `bron`."""
    for f in cat.by_kind("fenomeen_ondermijning"):
        from_approaches = {e.attr("code") for e in cat.referrers(f.id, rel="fenomeen_ondermijning")
                           if e.kind == "praktijkaanpak"}
        assert from_approaches == set(f.attr("bron")) - {"inleiding"}, f.id


def test_randvoorwaarde_mapping_to_seed_000(cat):
    seen: dict[str, set[str]] = {rv: set() for rv in RANDVOORWAARDEN}
    for e in cat.by_kind("praktijkaanpak"):
        for r in cat.refs(e.id, "randvoorwaarde"):
            assert r.interpretation, f"{e.id} -> {r.target} moet interpretation: true zijn"
            assert r.target in seen, f"{e.id}: onbekende randvoorwaarde {r.target}"
            seen[r.target].add(e.attr("code"))
    assert seen == RANDVOORWAARDEN


def test_frameworks_of_each_approach(cat):
    assert {k.id for k in cat.targets("ib.aanpak.nypels", "werkkader")} == {
        "ib.kader.verbindend_samenwerken", "ib.kader.flatblokanalyse"}
    assert "ib.kader.barrieremodel_moba" in {k.id for k in cat.targets("ib.aanpak.mobiel_banditisme", "werkkader")}
    assert [k.id for k in cat.targets("ib.aanpak.ongestructureerde_problemen", "werkkader")] == [
        "ib.kader.ongestructureerde_problematiek"]


# ------------------------------------------------------------------------------------------------ actors
def test_seven_actor_groups_with_pinned_sizes(cat):
    groups = cat.by_kind("actorgroep")
    assert [g.id for g in groups] == list(ACTORS_PER_GROUP)
    for gid, n in ACTORS_PER_GROUP.items():
        assert len(cat.children(gid, kind="actortype")) == n, gid
    assert len(cat.by_kind("actortype")) == sum(ACTORS_PER_GROUP.values()) == 119


def test_stable_actor_ids_for_stakeholder_mapping(cat):
    for slug in ("gemeente", "burgemeester", "wijkagent", "politie", "om", "wijkboa", "woningcorporatie",
                 "jongerenwerk", "school", "welzijnsorganisatie", "riec", "bewoner", "ondernemer", "buurtouder",
                 "jongere", "ccv", "lto", "katvanger", "criminele_familie"):
        assert cat.get(f"ib.actor.{slug}").kind == "actortype"
    assert cat.get("ib.actor.wijkagent").parent == "ib.actorgroep.politie_justitie"
    assert cat.get("ib.actor.wijkboa").parent == "ib.actorgroep.gemeente"


def test_actor_classification(cat):
    actors = cat.by_kind("actortype")
    assert {a.attr("wereld") for a in actors} == {"systeem", "leef", "beide", "crimineel"}
    for a in actors:
        assert isinstance(a.attr("formeel"), bool), a.id
        criminal = a.parent == "ib.actorgroep.crimineel"
        assert (a.attr("wereld") == "crimineel") == criminal, a.id
        assert bool(a.attr("is_persoon_context")) == criminal, a.id
        if criminal:
            assert a.attr("formeel") is False, a.id
        if a.parent == "ib.actorgroep.bewoners_doelgroepen":
            assert a.attr("wereld") == "leef" and a.attr("formeel") is False, a.id
    assert cat.get("ib.actor.wijkagent").attr("wereld") == "systeem"
    assert cat.get("ib.actor.jongerenwerk").attr("wereld") == "beide"
    assert cat.get("ib.actor.bewoner").attr("wereld") == "leef"


def test_no_ethnic_or_origin_categories(cat):
    """Sensitive-data rule (extraction §6.6): no actor type for an ethnic group or origin."""
    for a in cat.by_kind("actortype"):
        text = " ".join([a.name_nl, a.description_nl, *a.attr("naamvarianten", ())]).casefold()
        assert "roma" not in text.split() and "oost-europ" not in text, a.id


# ------------------------------------------------------------------------------------------------ signals
def test_sixty_one_signals_in_order(cat):
    signals = cat.by_kind("signaal")
    assert len(signals) == 61
    assert [s.attr("code") for s in signals] == [f"SG-{i:02d}" for i in range(1, 62)]
    allowed = {"waarneming", "administratief", "risicofactor", "gelegenheid", "faciliteerder"}
    for s in signals:
        assert s.attr("categorie") and set(s.attr("categorie")) <= allowed, s.id


def test_signals_per_source(cat):
    per_source = Counter()
    for s in cat.by_kind("signaal"):
        for b in s.attr("bron").split(", "):
            per_source[b] += 1
        approaches = {t.attr("code") for t in cat.targets(s.id, "aanpak")}
        assert approaches == set(s.attr("bron").split(", ")) - {"inleiding"}, s.id
    assert per_source == {"A01": 4, "A02": 10, "A03": 7, "A04": 11, "A06": 6, "A07": 4, "A08": 8, "A09": 10,
                          "A10": 1, "inleiding": 1}


def test_signal_details(cat):
    assert cat.get("ib.sig.sg46").attr("waarnemers") == ("jagers",)
    assert [t.id for t in cat.targets("ib.sig.sg46", "waarnemer")] == ["ib.actor.jager"]
    assert cat.get("ib.sig.sg52").attr("categorie") == ("faciliteerder",)
    assert cat.get("ib.sig.sg50").attr("categorie") == ("gelegenheid",)
    assert cat.get("ib.sig.sg08").attr("beleving") is True
    # the phenomenon of a signal is our classification, except for the intro's own examples
    for s in cat.by_kind("signaal"):
        for r in cat.refs(s.id, "fenomeen_ondermijning"):
            assert r.interpretation == (s.id != "ib.sig.sg61"), s.id


# ------------------------------------------------------------------------------------------------ typologies
def test_phenomena_and_vulnerability_factors(cat):
    fen = cat.by_kind("fenomeen_ondermijning")
    assert len(fen) == 26
    assert len({f.attr("code") for f in fen}) == 26
    assert fen[0].attr("code") == "DRUGS_SMALL_SCALE" and fen[-1].attr("code") == "MULTI_PROBLEM_CRIME"
    assert cat.get("ib.fen.katvangers").attr("code") == "FRONT_MEN"
    assert len(cat.by_kind("kwetsbaarheidsfactor")) == 16


# ------------------------------------------------------------------------------------------------ frameworks
def _soorten(cat, kid):
    return Counter(i.attr("soort") for i in cat.children(kid, kind="werkkader_onderdeel"))


FRAMEWORK_ITEMS = {
    "ib.kader.vier_vragen": {"vraag": 4},
    "ib.kader.selectiecriteria": {"criterium": 3, "diversiteit": 5},
    "ib.kader.flatblokanalyse": {"indicator": 3},
    "ib.kader.verbindend_samenwerken": {"stap": 4},
    "ib.kader.knock_and_talk_werkwijze": {"stap": 6},
    "ib.kader.knock_and_talk_strategieen": {"strategie": 2},
    "ib.kader.aanpak_utrecht_zuid": {"pijler": 3},
    "ib.kader.zevenstappenmodel": {},
    "ib.kader.wijkrechtbank": {"toelatingsvoorwaarde": 5, "processtap": 5, "hoofddoel": 1, "subdoel": 4},
    "ib.kader.back_on_track": {"pijler": 4},
    "ib.kader.veilig_buitengebied": {"stap": 4, "uitgangspunt": 4},
    "ib.kader.barrieremodel": {"component": 4, "voorbeeld": 4},
    "ib.kader.barrieremodel_moba": {"stap": 7, "voorbeeld": 8},
    "ib.kader.subbarrieremodel_in_uitreizen": {},
    "ib.kader.subbarrieremodel_katvangers": {},
    "ib.kader.ongestructureerde_problematiek": {"stap": 4, "uitgangspunt": 4},
    "ib.kader.risicofactoren_kruispunten": {"risicofactor": 4, "kruispunt": 1},
    "ib.kader.stadium_problematiek": {"stadium": 2},
    "ib.kader.waterbedeffect": {"voorbeeld": 2},
}


def test_framework_item_counts(cat):
    assert [k.id for k in cat.by_kind("werkkader")] == list(FRAMEWORK_ITEMS)
    for kid, expected in FRAMEWORK_ITEMS.items():
        assert _soorten(cat, kid) == Counter(expected), kid
        items = cat.children(kid)
        assert [i.order for i in items] == list(range(1, len(items) + 1)), kid
        assert all(i.id.startswith(kid + ".") for i in items), kid
        for soort in expected:  # numbering within each sort runs 1..n
            assert [i.attr("nummer") for i in items if i.attr("soort") == soort] == list(
                range(1, expected[soort] + 1)), (kid, soort)


def test_barrier_model(cat):
    steps = [i.name_nl for i in cat.children("ib.kader.barrieremodel_moba") if i.attr("soort") == "stap"]
    assert steps == ["Inreis", "Verblijf", "Gebruik infrastructuur", "Delictpleging", "Opslag", "Vervoer",
                     "Gebruik opbrengst"]
    components = [i.name_nl for i in cat.children("ib.kader.barrieremodel") if i.attr("soort") == "component"]
    assert components == ["Gelegenheid", "Signalen", "Faciliteerders (dienstverleners)", "Barrières"]
    examples = [i for i in cat.children("ib.kader.barrieremodel_moba") if i.attr("soort") == "voorbeeld"]
    assert Counter(i.attr("component") for i in examples) == {"gelegenheid": 2, "signalen": 2, "faciliteerders": 2,
                                                             "barrieres": 2}
    assert [i.attr("bewust") for i in examples if i.attr("component") == "faciliteerders"] == [True, False]
    for sub in ("ib.kader.subbarrieremodel_in_uitreizen", "ib.kader.subbarrieremodel_katvangers"):
        assert [t.id for t in cat.targets(sub, "deelmodel_van")] == ["ib.kader.barrieremodel_moba"]


def test_unstructured_problems_method(cat):
    kader = cat.get("ib.kader.ongestructureerde_problematiek")
    assert kader.attr("go_no_go") is True
    steps = [i for i in cat.children(kader.id) if i.attr("soort") == "stap"]
    assert [s.name_nl for s in steps] == ["Weten wat je ziet", "De systeemwereld", "De uitvoering",
                                          "Duurzaam borgen"]
    assert all(s.attr("resultaat") for s in steps)
    principles = [i.name_nl for i in cat.children(kader.id) if i.attr("soort") == "uitgangspunt"]
    assert principles[-1] == "Dader- en slachtofferschap"


def test_other_frameworks(cat):
    steps = [i.name_nl for i in cat.children("ib.kader.verbindend_samenwerken")]
    assert steps[0] == "Signalen ophalen" and steps[-1] == "Terugkoppelen"
    rural = cat.children("ib.kader.veilig_buitengebied")
    assert rural[0].name_nl == "Samenwerking vormgeven"
    assert {t.id for t in cat.targets(rural[0].id, "actortype")} >= {"ib.actor.lto", "ib.actor.brandweer",
                                                                     "ib.actor.jager"}
    pillars = [i.name_nl for i in cat.children("ib.kader.back_on_track")]
    assert pillars[1] == "School als centrale plek in de wijk"
    # step order of Knock and talk and the court's process steps are the extraction's reading
    assert cat.get("ib.kader.knock_and_talk_werkwijze").interpretation
    court = cat.children("ib.kader.wijkrechtbank")
    assert all(i.interpretation for i in court if i.attr("soort") == "processtap")
    assert not any(i.interpretation for i in court if i.attr("soort") != "processtap")


# ------------------------------------------------------------------------------------------------ lessons etc.
def test_lessons_from_the_introduction(cat):
    lessen = cat.by_kind("les")
    assert [le.attr("code") for le in lessen] == [f"X-{i:02d}" for i in range(1, 11)]
    assert Counter(le.attr("soort") for le in lessen) == {"overeenkomst": 4, "aanbeveling": 1, "slotwoord": 1,
                                                          "uitgangspunt": 4}
    assert len(cat.get("ib.les.afhankelijk_van_individuen").attr("kenmerken")) == 5
    examples = {t.attr("code") for t in cat.targets("ib.les.verkenning_lokale_situatie", "voorbeeld")}
    assert examples == {"A02", "A03", "A04", "A05", "A06"}


def test_recurring_success_factors_bottlenecks_and_tips(cat):
    sf = cat.by_kind("terugkerende_succesfactor")
    kp = cat.by_kind("terugkerend_knelpunt")
    assert [e.attr("code") for e in sf] == [f"SF-{i:02d}" for i in range(1, 19)]
    assert [e.attr("code") for e in kp] == [f"K-{i:02d}" for i in range(1, 17)]
    for e in (*sf, *kp):
        assert e.interpretation, e.id
        assert cat.targets(e.id, "aanpak"), e.id
    assert all(e.attr("oplossing") for e in kp)
    assert {t.attr("code") for t in cat.targets("ib.sf.sleutelpersonen", "aanpak")} == {
        "A01", "A03", "A04", "A05", "A08", "A09"}
    tips = cat.by_kind("praktijktip")
    assert len(tips) == 20
    assert Counter(t.attr("bron") for t in tips)["A04"] == 5


def test_search_finds_book_concepts(cat):
    assert "ib.kader.barrieremodel" in {e.id for e in cat.search("barrièremodel", kind="werkkader")}
    assert "ib.actor.wijkagent" in {e.id for e in cat.search("wijkagent", kind="actortype")}
