"""Interventions only from evidence (issue #18.6): no phenomenon-specific intervention from figures alone, each
suggestion names its evidence, no repeated boilerplate; checked on real Amsterdam data."""

from __future__ import annotations

import warnings

import pytest

from wijklib import readiness as rd
from wijklib.catalogue import load_catalogue
from wijklib.errors import InputError
from wijklib.reports.prepare import _interventions

CAT = load_catalogue()
BY_NAME = {i.naam: i for i in rd.intervention_catalogue(CAT)}


def _phenomena(name: str) -> set[str]:
    i = BY_NAME[name]
    return {d for d in rd.FENOMEEN_DOMEINEN if rd.domain_evidence(i, d, CAT) is not None}


def _bundle(domains: list[str], utype: str = "geen") -> dict:
    return {"urgency": {"domains": [{"id": d, "label": d, "flagged": True} for d in domains],
                        "type": {"urgency_type": utype}}}


def test_figures_alone_give_no_phenomenon_and_evidence_is_named():
    figures = {"gezondheid_zorg": [("cijfers", "cijfers: zorggebruik valt op")],
               "veiligheid": [("cijfers", "cijfers: misdrijven")]}
    prof = rd.area_profile("A", probleemdomeinen=["gezondheid_zorg", "veiligheid"], bewijs=figures)
    assert prof.weggelaten == ("criminaliteit",) and set(prof.probleemdomeinen) == {"kwetsbare_huishoudens"}
    ms = rd.match_interventions(prof, cat=CAT)
    assert ms, "algemene interventies horen wel te passen"
    for m in ms:
        assert not _phenomena(m.interventie.naam), m.interventie.naam
        assert "Aanleiding in dit gebied: " in m.uitleg and "zorggebruik valt op" in m.uitleg
    # the same area with signals of drugs from professionals: now drug interventions may come, naming the signals
    told = {**figures, "drugs": [("signalen", "3 signalen van professionals")]}
    prof2 = rd.area_profile("A", probleemdomeinen=["gezondheid_zorg", "drugs"], bewijs=told)
    drug = [m for m in rd.match_interventions(prof2, cat=CAT) if "drugs" in _phenomena(m.interventie.naam)]
    assert drug and all("3 signalen van professionals" in m.uitleg for m in drug)
    with pytest.raises(InputError, match="soort bewijs"):
        rd.area_profile("A", probleemdomeinen=["drugs"], bewijs={"drugs": [("geruchten", "")]})


@pytest.fixture(scope="module")
def amsterdam(shared_data):
    from wijklib.analysis import load_gemeente, run_analysis

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = load_gemeente(shared_data / "cbs" / "buurten_2019_gegeneraliseerd.gpkg",
                           [shared_data / "amsterdam" / "kwb_2017_amsterdam_tidy.csv",
                            shared_data / "amsterdam" / "kwb_2019_amsterdam_tidy.csv"], gemeente="GM0363")
        return run_analysis(ws, overrides={"uncertainty": {"draws": 20}})


def test_amsterdam_buurten_with_only_figures_get_no_phenomenon_specific_intervention(amsterdam):
    stacking = amsterdam.stacking
    flagged = stacking[stacking["flagged_domains"].fillna("").str.strip() != ""]
    assert len(flagged) > 100
    seen = 0
    for code, row in flagged.iterrows():
        domains = [d.strip() for d in str(row["flagged_domains"]).split(";") if d.strip()]
        utype = str(amsterdam.types.loc[code, "urgency_type"])
        iv = _interventions(rd, str(row["name"]), _bundle(domains, utype), None, None, None, code, None)
        for m in iv["matches"]:
            assert not _phenomena(m["name"]), (code, domains, m["name"])
            assert "drugs" not in m["name"].lower()
        if len(iv["matches"]) > 1:
            seen += 1
            # no boilerplate repeated under every suggestion: shared reasons are shown once
            sentences = [set(m["explanation"].split(". ")) for m in iv["matches"]]
            assert not set.intersection(*sentences) - {""}, code
        if iv.get("dropped"):
            assert "keuze van wijklib" in (iv.get("dropped_note") or iv["note"])
    assert seen > 50
    # the buurt of the issue: high income with Wmo figures (gezondheid_zorg) gets no help for drug users
    iv = _interventions(rd, "X", _bundle(["gezondheid_zorg", "inkomen_armoede"]), None, None, None, "X", None)
    assert iv["matches"] and not any("drug" in m["name"].lower() for m in iv["matches"])
    assert "cijfers:" in " ".join(iv["evidence"].values())


def test_shared_reasons_are_lifted_out_of_each_suggestion():
    iv = _interventions(rd, "X", _bundle(["gezondheid_zorg", "wonen", "inkomen_armoede"]), None, None, None, "X",
                        None)
    assert len(iv["matches"]) > 1
    assert iv["common"], "gedeelde redenen horen één keer bovenaan te staan"
    assert all(c not in m["explanation"] for c in iv["common"] for m in iv["matches"])


def test_theme_only_from_figures_is_worded_without_labelling_residents():
    """A theme that only the counted figures point at is named as a theme to confirm, never as 'the figures point
    at young people and criminal recruitment' (which labels the residents)."""
    iv = _interventions(rd, "X", _bundle(["jeugd_onderwijs"]), None, None, None, "X", None)
    text = iv.get("dropped_note") or iv["note"]
    assert iv["dropped"] == ["Jeugd en preventie van criminele aanwas"]
    assert "Het thema 'jeugd en preventie van criminele aanwas' komt alleen uit de getelde cijfers" in text
    assert "wijzen op" not in text and "Jongeren en criminele aanwas" not in text
    assert "keuze van wijklib" in text and "partners en bewoners" in text
    two = _interventions(rd, "X", _bundle(["jeugd_onderwijs", "veiligheid"]), None, None, None, "X", None)
    assert "De thema's " in (two.get("dropped_note") or two["note"]) and "' en '" in (two.get("dropped_note")
                                                                                       or two["note"])
