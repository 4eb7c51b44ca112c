"""Intervention catalogue view, own interventions, filters and the ranked match to an area profile."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from wijklib.catalogue import load_catalogue
from wijklib.errors import InputError
from wijklib.readiness import (AreaProfile, area_profile, area_profile_from_mapping, domain_evidence, matches_frame,
                               domains_from_signals, filter_interventions, fitting_rung, intervention_catalogue,
                               interventions_frame, match_interventions, normalise_domains, participation_fit,
                               potential_from_score, potential_from_survey, read_own_interventions, with_facets)

ROOT = Path(__file__).resolve().parents[2]
CAT = load_catalogue()
HAS_001 = "praktijkaanpak" in CAT.kinds


@pytest.fixture(scope="module")
def catalogue():
    return intervention_catalogue(CAT)


def test_catalogue_view_combines_the_sources(catalogue):
    kinds = pd.Series([i.soort for i in catalogue]).value_counts().to_dict()
    assert kinds["voorbeeldinterventie"] == 30
    if HAS_001:
        assert kinds["praktijkaanpak"] == 10
    assert len({i.id for i in catalogue}) == len(catalogue)
    # every intervention has a rung on the denkkader ladder (Leerkring: catalogue; Inspiratieboek: wijklib)
    assert all(i.trede is not None and 1 <= i.trede_niveau <= 6 for i in catalogue)
    boa = next(i for i in catalogue if i.id == "lk.iv.stadsmarinier_boa")
    assert boa.trede == "dk.trede.raadplegen" and "lk.wp.bekend_maakt_bemind" in boa.principes
    assert "dk.wm.prioriteren_signaleren" in boa.mechanismen and "stadsmarinier" in boa.partners
    frame = interventions_frame(catalogue)
    assert list(frame.columns)[:4] == ["id", "naam", "soort", "categorie"] and len(frame) == len(catalogue)


@pytest.mark.skipif(not HAS_001, reason="catalogus 001 (Inspiratieboek) nog niet aanwezig")
def test_practice_approaches_get_interpretive_facets(catalogue):
    back = next(i for i in catalogue if i.id == "ib.aanpak.back_on_track")
    assert back.trede == "dk.trede.coproduceren" and "classificatie van wijklib" in back.interpretatie
    assert "ib.fen.wapenbezit" in back.ondermijningsfenomenen
    assert domain_evidence(back, "geweld_wapens", CAT).startswith("fenomeen")
    glanerbrug = next(i for i in catalogue if i.id == "ib.aanpak.glanerbrug")
    assert glanerbrug.trede_niveau == 1 and domain_evidence(glanerbrug, "drugs") is not None


def test_filters_are_pure_and_combine(catalogue):
    low = filter_interventions(catalogue, trede_max=1)
    assert low and all(i.trede_niveau == 1 for i in low)
    youth = filter_interventions(catalogue, fenomeen="dk.fe.overlast", doelgroep="jongeren")
    expected = {"lk.iv.jongerenwerk"} | ({"ib.aanpak.nieuwe_aanwas_nieuwland", "ib.aanpak.back_on_track"}
                                         if HAS_001 else set())
    assert {i.id for i in youth} == expected
    both = filter_interventions(catalogue, principe=["lk.wp.soort_zoekt_soort", "lk.wp.sociale_bewijskracht"],
                                trede_min=4)
    assert {i.id for i in both} == {"lk.iv.grote_broer_grote_zus", "lk.iv.rolmodellen",
                                    "lk.iv.communicatiestrategie_gebied"}
    assert filter_interventions(catalogue, zoek="BIJTENDE bende")[0].id == "lk.iv.bijtende_bende"
    assert len(filter_interventions(catalogue)) == len(catalogue)
    drugs = filter_interventions(catalogue, probleemdomein="drugsoverlast")   # schouw term -> drugs, overlast
    assert "lk.iv.hulpverlening_drugsgebruikers" in {i.id for i in drugs}


def test_normalise_domains_maps_other_vocabularies():
    assert normalise_domains(["drugsoverlast", "armoede_schulden"]) == {"drugs": 1.0, "overlast": 1.0,
                                                                        "kwetsbare_huishoudens": 1.0}
    assert normalise_domains("ph.pd.ondermijning; jeugd_onderwijs") == {"ondermijning": 1.0, "jeugd": 1.0}
    assert normalise_domains({"drugs": 3, "drugshandel": 1}) == {"drugs": 3.0}
    with pytest.raises(ValueError, match="onbekend probleemdomein 'ufo'"):
        normalise_domains(["ufo"])


def test_own_interventions_are_validated(tmp_path):
    own = read_own_interventions(ROOT / "data" / "demo" / "quickscan" / "eigen_interventies.yaml")
    assert [i.id for i in own] == ["eigen.buurtschouw_zuiderveld", "eigen.spreekuur_wijkagent_buurthuis"]
    assert own[0].trede_niveau == 4 and own[0].fenomenen == ("dk.fe.verloedering", "dk.fe.toezicht")
    assert own[0].probleemdomeinen == ("verloedering", "drugs", "overlast")
    view = intervention_catalogue(CAT, eigen=own)
    assert len(view) == len(intervention_catalogue(CAT)) + 2

    def bad(text: str):
        path = tmp_path / "eigen.yaml"
        path.write_text(text, encoding="utf-8")
        return read_own_interventions(path)

    with pytest.raises(InputError, match=r"eigen.yaml, rij 1, kolom 'trede'.*verplicht"):
        bad("interventies:\n  - naam: X\n")
    with pytest.raises(InputError, match=r"rij 2, kolom 'fenomenen': onbekende waarde 'drugs'"):
        bad("interventies:\n  - {naam: A, trede: 1}\n  - {naam: B, trede: 2, fenomenen: [drugs]}\n")
    with pytest.raises(InputError, match="trede 9 bestaat niet"):
        bad("interventies:\n  - {naam: A, trede: 9}\n")
    with pytest.raises(InputError, match="komt twee keer voor"):
        bad("interventies:\n  - {naam: A, trede: 1}\n  - {naam: A, trede: 2}\n")
    with pytest.raises(InputError, match="onbekend veld 'kosten'"):
        bad("interventies:\n  - {naam: A, trede: 1, kosten: 100}\n")
    csv = tmp_path / "eigen.csv"
    csv.write_text("naam,trede,mechanismen\nBuurtapp,raadplegen,verbinden;prioriteren_signaleren\n", encoding="utf-8")
    assert read_own_interventions(csv)[0].mechanismen == ("dk.wm.verbinden", "dk.wm.prioriteren_signaleren")


# ------------------------------------------------------------------------------------------------- matching

def test_potential_and_fitting_rung():
    assert potential_from_score(1.4, "1-5") == pytest.approx(0.1)
    assert potential_from_score(60, "0-100") == pytest.approx(0.6)
    with pytest.raises(InputError, match="buiten de schaal 1-5"):
        potential_from_score(0.5, "1-5")
    assert [fitting_rung(p) for p in (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0, None)] == [1, 1, 2, 3, 4, 5, 6, 2]


@pytest.mark.parametrize("potential", [None, 0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0])
def test_more_participation_is_never_better_by_itself(potential):
    best = fitting_rung(potential)
    fits = [participation_fit(r, potential) for r in range(1, 7)]
    assert max(fits) == fits[best - 1] == 1.0
    above = fits[best - 1:]
    assert all(a > b for a, b in zip(above, above[1:]))          # every rung above the fitting one scores lower


def _drug_area(potential_1_5: float):
    signals = pd.DataFrame({
        "buurtcode": ["BU99019999"] * 4,
        "thema": ["ondermijning", "veiligheid", "jeugd", "ondermijning"],
        "tekst": ["Woning met veel korte bezoekjes; buren vermoeden een drugspand.",
                  "Bewoners voelen zich onveilig door dealers in auto's bij het park.",
                  "Jongeren uit de buurt worden gevraagd mee te dealen.",
                  "Stankoverlast uit een garagebox; vermoeden van een hennepkwekerij."]})
    survey = pd.DataFrame({"buurtcode": ["BU99019999"], "thema": ["initiatiefbereidheid"],
                           "gemiddelde": [potential_1_5], "n": [40]})
    domains, _ = domains_from_signals(signals, "BU99019999")
    potential, _ = potential_from_survey(survey, "BU99019999")
    return area_profile("Testbuurt", probleemdomeinen=domains, participatiepotentie=potential, schaal="0-1")


def test_drug_signals_and_low_potential_give_low_rungs_first_with_reasons():
    profile = _drug_area(1.4)                                  # initiative readiness 1.4 on 1-5: low
    assert max(profile.probleemdomeinen, key=profile.probleemdomeinen.get) == "drugs"
    assert fitting_rung(profile.participatiepotentie) == 1
    matches = match_interventions(profile, cat=CAT)
    top = matches[:5]
    assert all(m.interventie.trede_niveau <= 2 for m in top)
    assert top[0].interventie.trede_niveau == 1
    # an intervention above the fitting rung never outranks one that fits the problems at least as well with a
    # lower rung (urgency and preconditions are neutral in this profile)
    for i, a in enumerate(matches):
        for b in matches[i + 1:]:
            if b.probleem >= a.probleem and b.interventie.trede_niveau < a.interventie.trede_niveau:
                pytest.fail(f"{a.interventie.naam} (trede {a.interventie.trede_niveau}) staat boven "
                            f"{b.interventie.naam} (trede {b.interventie.trede_niveau})")
    for m in top:
        assert "Probleem: past bij" in m.uitleg and "Participatie: vraagt trede" in m.uitleg
    drug_related = [m for m in matches if domain_evidence(m.interventie, "drugs") is not None]
    assert drug_related and drug_related[0] in top
    # an intervention asking much of residents is explained as too demanding for this area
    high = next(m for m in matches if m.interventie.trede_niveau >= 4)
    assert "meer inzet van bewoners dan past bij deze buurt" in high.uitleg
    assert "meer participatie is niet vanzelf beter" in high.uitleg
    assert matches.index(high) > 4


def test_same_intervention_with_a_higher_rung_ranks_lower():
    profile = _drug_area(1.4)
    base = next(i for i in intervention_catalogue(CAT) if i.id == "lk.iv.hulpverlening_drugsgebruikers")
    variants = [with_facets(base, id=f"test.{r}", naam=f"variant {r}", trede_niveau=r,
                            trede=f"dk.trede.{['informeren', 'raadplegen', 'adviseren', 'coproduceren', 'meebeslissen', 'zelfbestuur'][r - 1]}")
                for r in range(1, 7)]
    ranked = match_interventions(profile, variants, cat=CAT)
    assert [m.interventie.trede_niveau for m in ranked] == [1, 2, 3, 4, 5, 6]
    scores = [m.score for m in ranked]
    assert all(a > b for a, b in zip(scores, scores[1:]))


def test_high_potential_lets_a_participatory_approach_rise():
    low = [m.interventie.id for m in match_interventions(_drug_area(1.4), cat=CAT)]
    high = [m.interventie.id for m in match_interventions(_drug_area(4.0), cat=CAT)]   # 0.75 -> coproduceren
    target = "ib.aanpak.back_on_track" if HAS_001 else "lk.iv.grote_broer_grote_zus"
    assert high.index(target) < low.index(target)


def test_weak_preconditions_lower_the_score_and_are_named():
    strong = area_profile("A", probleemdomeinen=["drugs"], participatiepotentie=0.1,
                          gereedheid={"lk.rv.samenwerkingsverband": 2.5})
    weak = area_profile("A", probleemdomeinen=["drugs"], participatiepotentie=0.1,
                        gereedheid={"lk.rv.samenwerkingsverband": 0.5})
    pick = lambda ms: next(m for m in ms if m.interventie.id == "lk.iv.handhavingsknelpunt")  # noqa: E731
    s, w = pick(match_interventions(strong, cat=CAT)), pick(match_interventions(weak, cat=CAT))
    assert w.score < s.score and w.randvoorwaarden == pytest.approx(1 - (1.5 - 0.5) / 1.5)
    assert "Een krachtig samenwerkingsverband (0,5), onder de drempel 1,5" in w.uitleg


def test_urgency_only_sluimerend_prefers_interventions_the_handbook_backs():
    """003 §4.1 links only sluimerende urgency (preventive approach) to a kind of intervention; acute, meervoudige
    and beleidskader urgency are neutral, not 'visible enforcement' or 'integral cooperation'."""
    for utype in ("ph.ut.acuut", "meervoudig", "beleidskader"):
        prof = area_profile("A", probleemdomeinen=["geweld_wapens"], urgentietype=utype, participatiepotentie=0.1)
        ms = {m.interventie.id: m for m in match_interventions(prof, cat=CAT)}
        assert ms and {m.urgentie for m in ms.values()} == {0.5}
        assert "zichtbaar en snel optreden" not in " ".join(m.uitleg for m in ms.values())
        assert "integrale samenwerking past" not in " ".join(m.uitleg for m in ms.values())
    latent = area_profile("A", probleemdomeinen=["jeugd"], urgentietype="sluimerend", participatiepotentie=0.1)
    ms = match_interventions(latent, cat=CAT)
    fits = [m for m in ms if m.urgentie == 1.0]
    assert fits and any(m.urgentie == 0.25 for m in ms)
    assert "preventieve gebiedsgerichte aanpak (Praktijkhandboek §4.1)" in fits[0].uitleg
    with pytest.raises(InputError, match="onbekend urgentietype"):
        area_profile("A", urgentietype="dringend")


def test_beleidskader_is_accepted_as_urgency_type():
    prof = area_profile("A", urgentietype="ph.ut.beleidskader")
    assert prof.urgentietype == "beleidskader"
    assert "urgentie door een beleidskader" in prof.markdown(CAT)


def test_profile_from_a_plain_mapping_and_quickscan_result():
    from wijklib.readiness import analyse_quickscan

    qs = analyse_quickscan(ROOT / "data" / "demo" / "quickscan" / "antwoorden.csv")
    row = pd.Series({"urgency_type": "sluimerend", "stacked_domains": "inkomen_armoede; veiligheid",
                     "initiatiefbereidheid": 3.0, "schaal": "1-5"}, name="BU99010301")
    profile = area_profile_from_mapping(row, gereedheid=qs)
    assert isinstance(profile, AreaProfile) and profile.naam == "BU99010301"
    assert profile.urgentietype == "sluimerend" and profile.participatiepotentie == pytest.approx(0.5)
    assert set(profile.probleemdomeinen) == {"kwetsbare_huishoudens", "criminaliteit"}
    assert profile.poort_open is False and profile.gereedheid["lk.rv.bestuurskracht"] < 1.5
    md = profile.markdown()
    assert "Bestuurskracht" in md and "passende trede 3" in md


# ------------------------------------------------------------------ bias corrections, area type, gate, urgency

def _plain(ident: str, domains: tuple[str, ...], *, rung: int = 1, **extra):
    from wijklib.readiness import Intervention

    rungs = ["informeren", "raadplegen", "adviseren", "coproduceren", "meebeslissen", "zelfbestuur"]
    return Intervention(id=ident, naam=f"Test {ident}", soort="eigen", bron="test", trede=f"dk.trede.{rungs[rung - 1]}",
                        trede_niveau=rung, probleemdomeinen=domains, **extra)


def test_breadth_correction_lowers_broadly_described_interventions():
    profile = area_profile("A", probleemdomeinen=["drugs"], participatiepotentie=0.1)
    narrow = _plain("smal", ("drugs",))
    broad = _plain("breed", ("drugs", "jeugd", "overlast", "geweld_wapens", "verloedering", "ondermijning"))
    ms = {m.interventie.id: m for m in match_interventions(profile, [narrow, broad], cat=CAT)}
    assert ms["smal"].breedte == 1.0 and ms["smal"].probleem == pytest.approx(1.0)
    assert ms["breed"].breedte == pytest.approx((3 / 6) ** 0.5)
    assert ms["breed"].probleem == pytest.approx((3 / 6) ** 0.5) and ms["breed"].score < ms["smal"].score
    assert "Breedte: raakt 6 probleemdomeinen" in ms["breed"].uitleg and "Breedte" not in ms["smal"].uitleg


def test_intervention_for_another_kind_of_area_scores_lower():
    rural = _plain("buiten", ("drugs",), gebiedstypen=("landelijk",))
    generic = _plain("overal", ("drugs",))
    urban = area_profile("A", probleemdomeinen=["drugs"], participatiepotentie=0.1, gebiedstype="stedelijk")
    ms = {m.interventie.id: m for m in match_interventions(urban, [rural, generic], cat=CAT)}
    assert ms["buiten"].gebied == pytest.approx(0.6) and ms["overal"].gebied == 1.0
    assert ms["buiten"].score == pytest.approx(0.6 * ms["overal"].score)
    assert "Gebied: bedoeld voor dorp of buitengebied; past minder bij een stedelijke buurt" in ms["buiten"].uitleg
    village = area_profile("A", probleemdomeinen=["drugs"], participatiepotentie=0.1, gebiedstype="dorp")
    unknown = area_profile("A", probleemdomeinen=["drugs"], participatiepotentie=0.1)
    for profile in (village, unknown):
        assert all(m.gebied == 1.0 for m in match_interventions(profile, [rural, generic], cat=CAT))
    with pytest.raises(InputError, match="onbekend gebiedstype 'maan'"):
        area_profile("A", gebiedstype="maan")


@pytest.mark.skipif(not HAS_001, reason="catalogus 001 (praktijkaanpakken) ontbreekt")
def test_catalogue_marks_border_rural_and_recreation_interventions(catalogue):
    kinds = {i.id: i.gebiedstypen for i in catalogue}
    assert kinds["ib.aanpak.glanerbrug"] == ("grensgebied",)
    assert kinds["ib.aanpak.veilig_buitengebied"] == ("landelijk",)
    assert kinds["lk.iv.recreatieterreinen"] == ("recreatie",)
    assert kinds["ib.aanpak.nypels"] == ()                       # an urban approach fits any area


def test_closed_gate_flags_and_lowers_interventions_on_weak_preconditions():
    from wijklib.readiness import GateRule, analyse_quickscan

    answers = ROOT / "data" / "demo" / "quickscan" / "antwoorden.csv"
    closed = analyse_quickscan(answers)
    opened = analyse_quickscan(answers, rule=GateRule(min_gemiddelde=0.5, max_aandeel_weet_niet=1.0))
    assert not closed.poort.klaar and opened.poort.klaar
    leaning = _plain("leunt", ("drugs",), randvoorwaarden=("lk.rv.bestuurskracht",))
    free = _plain("vrij", ("drugs",))
    for_closed = area_profile("A", probleemdomeinen=["drugs"], participatiepotentie=0.1, gereedheid=closed)
    for_open = area_profile("A", probleemdomeinen=["drugs"], participatiepotentie=0.1, gereedheid=opened)
    assert "lk.rv.bestuurskracht" in for_closed.eerst_aanpakken and for_open.eerst_aanpakken == ()
    ms = {m.interventie.id: m for m in match_interventions(for_closed, [leaning, free], cat=CAT)}
    assert ms["leunt"].poort == pytest.approx(0.75) and ms["leunt"].wacht_op == ("lk.rv.bestuurskracht",)
    assert "Poort dicht: leunt op Bestuurskracht (1,4)" in ms["leunt"].uitleg
    assert ms["vrij"].poort == 1.0 and ms["vrij"].wacht_op == ()
    again = {m.interventie.id: m for m in match_interventions(for_open, [leaning, free], cat=CAT)}
    assert again["leunt"].poort == 1.0 and again["leunt"].wacht_op == ()
    assert ms["leunt"].score < again["leunt"].score
    frame = matches_frame([ms["leunt"]], CAT)
    assert frame.loc[0, "wacht_op"] == "Bestuurskracht" and frame.loc[0, "poort"] == 0.75


@pytest.fixture(scope="module")
def merelhof():
    """The profile of notebook 05 for the demo buurt Merelhof (urban, gate closed, urgency from the analysis)."""
    from wijklib import told
    from wijklib.readiness import analyse_quickscan

    demo = ROOT / "data" / "demo"
    quickscan = analyse_quickscan(demo / "quickscan" / "antwoorden.csv")
    domains, _ = domains_from_signals(told.read_signals(demo / "signalen.csv"), "BU99010201")
    potential, _ = potential_from_survey(told.aggregate_survey(told.read_survey(demo / "enquete.csv")), "BU99010201")
    profile = area_profile("Merelhof", probleemdomeinen=domains, urgentietype="geen", participatiepotentie=potential,
                           gereedheid=quickscan, gebiedstype="stedelijk")
    own = read_own_interventions(demo / "quickscan" / "eigen_interventies.yaml")
    return profile, intervention_catalogue(CAT, eigen=own)


@pytest.mark.skipif(not HAS_001, reason="catalogus 001 (praktijkaanpakken) ontbreekt")
def test_ranking_for_an_urban_buurt_is_not_dominated_by_long_practice_descriptions(merelhof):
    profile, interventions = merelhof
    top = match_interventions(profile, interventions, cat=CAT)[:10]
    kinds = [m.interventie.soort for m in top]
    assert kinds.count("praktijkaanpak") <= 5 and kinds.count("voorbeeldinterventie") >= 4
    ids = {m.interventie.id for m in top}
    assert not ids & {"ib.aanpak.glanerbrug", "ib.aanpak.veilig_buitengebied", "lk.iv.recreatieterreinen"}
    everything = {m.interventie.id: m for m in match_interventions(profile, interventions, cat=CAT)}
    assert everything["ib.aanpak.glanerbrug"].gebied == pytest.approx(0.6)
    assert "grensstreek" in everything["ib.aanpak.glanerbrug"].uitleg
    # ranking each kind separately gives every kind its own best candidates
    practice = match_interventions(profile, interventions, cat=CAT, soort="praktijkaanpak", top=3)
    assert len(practice) == 3 and all(m.interventie.soort == "praktijkaanpak" for m in practice)


def test_urgency_type_comes_from_the_urgency_analysis(tmp_path):
    from wijklib.readiness import URGENTIETYPES, urgency_from_analysis

    assert list(URGENTIETYPES) == ["meervoudig", "acuut", "sluimerend", "beleidskader", "geen"]
    types = pd.DataFrame({"name": ["Merelhof", "Kievitshof"], "urgency_type": ["geen", "meervoudig"],
                          "reasons": ["structurele achterstand", "stapeling en verslechtering"]},
                         index=pd.Index(["BU99010201", "BU99010202"], name="area_code"))
    key, name, why = urgency_from_analysis(types, "BU99010202")
    assert (key, name) == ("meervoudig", "Kievitshof") and "stapeling en verslechtering" in why
    types.to_csv(tmp_path / "typen.csv")                       # as save_results writes it (index area_code)
    key, name, why = urgency_from_analysis(tmp_path, "BU99010201")
    assert (key, name) == ("geen", "Merelhof") and "typen.csv" in why
    with pytest.raises(InputError, match="BU99019999 staat niet in de urgentieanalyse"):
        urgency_from_analysis(types, "BU99019999")
    with pytest.raises(InputError, match="typen.csv"):
        urgency_from_analysis(tmp_path / "leeg", "BU99010201")
    types.loc["BU99010201", "urgency_type"] = "beleidskader"
    assert urgency_from_analysis(types, "BU99010201")[0] == "beleidskader"


def test_demo_urgency_type_of_merelhof_is_what_the_analysis_says():
    import warnings

    from wijklib.analysis import load_demo, run_analysis
    from wijklib.readiness import URGENTIETYPES, urgency_from_analysis

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_analysis(load_demo())
    assert set(result.types["urgency_type"]) <= set(URGENTIETYPES)
    key, name, _ = urgency_from_analysis(result.types, "BU99010201")
    assert name == "Merelhof" and key == result.types.loc["BU99010201", "urgency_type"]


def test_area_type_from_cbs_urbanity():
    from wijklib.readiness import area_type_from_urbanity

    assert area_type_from_urbanity(2)[0] == "stedelijk" and area_type_from_urbanity(3.0)[0] == "stedelijk"
    assert area_type_from_urbanity(5)[0] == "landelijk" and "CBS-stedelijkheid 5" in area_type_from_urbanity(5)[1]
    assert area_type_from_urbanity(None)[0] is None
    with pytest.raises(InputError, match="buiten 1-5"):
        area_type_from_urbanity(7)


def test_own_interventions_may_name_area_types(tmp_path):
    good = tmp_path / "goed.yaml"
    good.write_text("interventies:\n  - naam: Schouw op de camping\n    trede: 1\n    gebiedstypen: [recreatie]\n",
                    encoding="utf-8")
    assert read_own_interventions(good)[0].gebiedstypen == ("recreatie",)
    bad = tmp_path / "fout.yaml"
    bad.write_text("interventies:\n  - naam: X\n    trede: 1\n    gebiedstypen: [maan]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"fout.yaml.*gebiedstypen.*onbekend gebiedstype 'maan'"):
        read_own_interventions(bad)


def test_explanations_use_a_decimal_comma():
    profile = area_profile("A", probleemdomeinen=["drugs"], participatiepotentie=0.6)
    m = match_interventions(profile, cat=CAT)[0]
    assert "potentie 0,60" in m.uitleg and "0.60" not in m.uitleg
    assert "0,60 op 0-1" in profile.markdown(CAT)
