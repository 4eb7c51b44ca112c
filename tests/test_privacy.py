"""Trust part A (issue #13 items 1, 3, 4, 5, 9): escaping, free-text scrubbing, small numbers, consent, key guard."""

from __future__ import annotations

import json
import os
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile import HOSTILE, NORMAL, PERSONAL_SIGNAL, hostile_signals, leaked, small_survey  # noqa: E402
from wijklib import told  # noqa: E402
from wijklib.errors import InputError  # noqa: E402
from wijklib.privacy import (PersonalDataError,  # noqa: E402
                             TextScrubber, check_before_write, escape_html,
                             find_personal_data, scrub_text)
from wijklib.readiness.display import escaped_styler, readable_table  # noqa: E402


# ------------------------------------------------------------------------------------------------ escaping (#13.1)
@pytest.mark.parametrize("text", HOSTILE)
def test_readable_table_escapes_cells_labels_and_caption(text):
    frame = pd.DataFrame({"toelichting": [text], text: [1.5]})
    page = readable_table(frame, caption=text).to_html()
    body = page.split("</style>", 1)[1]
    for tag in ("<script", "<img", "<svg", "<iframe", "<details", "<a ", "<div"):
        assert tag not in body.lower()
    assert "url(" not in body.lower() and "@import" not in body.lower()
    assert "1,50" in body  # numbers still formatted the Dutch way


def test_escaped_styler_keeps_a_styler_readable():
    styler = escaped_styler(pd.DataFrame({"a": ["<b>vet</b>", None]}))
    html = styler.to_html()
    assert "&lt;b&gt;vet&lt;/b&gt;" in html and "<b>vet</b>" not in html


def test_escape_html_shows_css_url_as_text():
    out = escape_html("zie url(https://example.invalid/x.png) @import 'y'")
    assert "url(" not in out and "url\u2060(https://example.invalid/x.png)" in out
    assert "@import" not in out and "@\u2060import" in out
    assert escape_html(None) == "" and escape_html(float("nan")) == ""


# ------------------------------------------------------------------------------------------------ scrubbing (#13.3)
def test_scrubber_replaces_name_address_postcode_phone_email_and_reports_counts_only():
    scrub = TextScrubber()
    out = scrub(PERSONAL_SIGNAL, place="signaal 1")
    assert leaked(out) == []
    for label in ("[naam]", "[adres]", "[postcode]", "[telefoon]", "[e-mail]"):
        assert label in out
    assert "belt steeds over overlast" in out  # the message itself stays
    records = scrub.report.as_records()
    assert {r["soort"] for r in records} == {"naam", "adres", "postcode", "telefoonnummer", "e-mailadres"}
    assert all(r["plek"] == "signaal 1" for r in records)
    assert leaked(json.dumps(records) + scrub.report.summary_nl()) == []  # the report never holds the values


@pytest.mark.parametrize("text, expected", [
    ("contact via Z. Yilmaz over de speeltuin", "contact via [naam] over de speeltuin"),
    ("Bewonersavond voorgezeten door Jan de Vries", "Bewonersavond voorgezeten door [naam]"),
    ("Mevrouw Bakker belt over de Van Goghstraat 3a", "Mevrouw [naam] belt over [adres]"),
    ("bel +31 20 123 4567", "bel [telefoon]"),
    ("volgens wijkagent Jan Jansen", "volgens wijkagent [naam]"),
])
def test_title_and_name_patterns(text, expected):
    assert scrub_text(text) == expected


@pytest.mark.parametrize("text", [
    "Op 01-02-2024 kwamen 10 meldingen binnen over Merelhof.",
    "Jongeren hangen rond bij het winkelcentrum; de wijkagent is op de hoogte.",
    "In 2024 zijn 3 woningen in Zuiderveld 2024 gesloten.",
    "Score 4,00 tegen 3,26 in de gemeente.",
    "Melding via wijkagent Zuiderveld en jongerenwerker Noord.",  # a role with an area is not a name
])
def test_ordinary_text_is_left_alone(text):
    assert scrub_text(text) == text and find_personal_data(text) == []


def test_known_names_of_persons_are_replaced():
    scrub = TextScrubber(["Fenna Fictief"])
    out = scrub("Overleg met fenna fictief en later met Fictief alleen")
    assert out == "Overleg met [naam] en later met [naam] alleen"


def test_check_before_write_refuses_without_showing_values():
    with pytest.raises(PersonalDataError) as exc:
        check_before_write({"rapport.html": "Niets aan de hand", "kaart.html": PERSONAL_SIGNAL})
    msg = str(exc.value)
    assert "kaart.html" in msg and "rapport.html" not in msg and leaked(msg) == []
    check_before_write({"rapport.html": scrub_text(PERSONAL_SIGNAL)})  # scrubbed text passes


def test_map_popups_of_signals_are_scrubbed_and_escaped(tmp_path):
    import folium

    from wijklib.geo import load_areas
    from wijklib.maps.layers import add_signals

    areas = load_areas(Path(told.__file__).resolve().parents[2] / "data" / "demo" / "buurten.geojson",
                       level="buurt")
    signals = told.read_signals(hostile_signals(tmp_path / "signalen.csv"))
    m = folium.Map(location=[52, 5], zoom_start=12)
    add_signals(m, areas, signals, max_texts=len(HOSTILE) + 2)
    page = m.get_root().render()
    assert leaked(page) == []
    assert "[adres]" in page and "[telefoon]" in page
    assert "<script>alert" not in page and "onerror=\"alert" not in page


# ------------------------------------------------------------------------------------------------ small numbers (#13.4)
def test_buurt_with_two_respondents_shows_no_theme_means(tmp_path):
    survey = told.read_survey(small_survey(tmp_path / "enquete.csv"))
    agg = told.aggregate_survey(survey)
    mine = agg[agg["buurtcode"] == NORMAL]
    assert len(mine) and (mine["n"] == 2).all()
    assert mine[["gemiddelde", "sd", "score_0_100"]].isna().all().all()
    assert (mine["status"] == told.TE_WEINIG).all()
    other = agg[agg["n"] >= told.MIN_N]
    assert other["gemiddelde"].notna().all() and (other["status"] == "").all()
    # the engine's told table and the divergence table (tellen_en_vertellen.csv) get no number either
    from wijklib.urgency.divergence import divergence

    tt = pd.DataFrame({"area_code": agg["buurtcode"], "theme": agg["thema"], "source": "bewoners",
                       "value": agg["score_0_100"], "n": agg["n"], "direction": "hoger_is_beter"})
    counted = pd.DataFrame({"veiligheid": np.linspace(0, 1, agg["buurtcode"].nunique())},
                           index=sorted(agg["buurtcode"].unique()))
    div = divergence(counted, tt, theme_domains={t: "veiligheid" for t in agg["thema"].unique()})
    rows = div[div["area_code"] == NORMAL]
    assert rows["value"].isna().all() and rows["told_pct"].isna().all() and not rows["reliable"].any()


def test_small_n_still_withheld_when_user_gives_a_told_table_with_n():
    from wijklib.urgency.divergence import divergence

    told_tab = pd.DataFrame({"area_code": ["A", "B", "C", "D"], "theme": "veiligheid", "value": [4.0, 3.0, 2.0, 1.0],
                             "n": [2, 30, 30, 30]})
    div = divergence(pd.DataFrame({"veiligheid": [1.0, 2.0, 3.0, 4.0]}, index=list("ABCD")), told_tab, min_n=10)
    assert np.isnan(div.set_index("area_code").loc["A", "value"])


def test_min_n_must_be_a_positive_whole_number(tmp_path):
    survey = told.read_survey(small_survey(tmp_path / "enquete.csv"))
    for bad in (0, True, 2.5):
        with pytest.raises(InputError, match="min_n"):
            told.aggregate_survey(survey, min_n=bad)


# ------------------------------------------------------------------------------------------------ consent (#13.5)
def _kobo(consents):
    n = len(consents)
    return pd.DataFrame({"_uuid": [f"u{i}" for i in range(n)], "buurtcode": [NORMAL] * n,
                         "today": ["2024-03-01"] * n, "intro/toestemming": consents,
                         "veiligheid/veilig_avond": [str(1 + i % 5) for i in range(n)]})


def test_kobo_respondent_without_consent_is_left_out_of_every_result():
    with pytest.warns(UserWarning, match="1 respondent\\(en\\) zonder toestemming"):
        long = told.kobo_to_long(_kobo(["ja"] * 11 + ["nee"]), file="kobo.csv")
    assert long.attrs["zonder_toestemming"] == 1
    assert "u11" not in set(long["respondent"]) and long["respondent"].nunique() == 11
    assert not any("toestemming" in c for c in long.columns)
    agg = told.aggregate_survey(long)
    assert int(agg["n"].iloc[0]) == 11


def test_empty_consent_counts_as_no_and_unreadable_consent_is_named():
    with pytest.warns(UserWarning):
        long = told.kobo_to_long(_kobo(["yes", ""]), file="kobo.csv")
    assert set(long["respondent"]) == {"u0"}
    with pytest.raises(InputError) as exc:
        told.kobo_to_long(_kobo(["ja", "misschien"]), file="kobo.csv")
    assert exc.value.row == 3 and exc.value.column == "intro/toestemming"


def test_long_survey_with_consent_column_drops_all_answers_of_a_refuser(tmp_path):
    path = tmp_path / "e.csv"
    rows = ["buurtcode,respondent,thema,vraag,score,datum,consent"]
    rows += [f"{NORMAL},R{i},veiligheid,a,4,2024-03-01,ja" for i in range(3)]
    rows += [f"{NORMAL},R9,veiligheid,a,1,2024-03-01,nee", f"{NORMAL},R9,veiligheid,b,1,2024-03-01,nee"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="zonder toestemming"):
        s = told.read_survey(path)
    assert "R9" not in set(s["respondent"]) and s.attrs["zonder_toestemming"] == 1


# ------------------------------------------------------------------------------------------------ respondent codes
@pytest.mark.parametrize("code", ["Jan de Vries", "Zeynep Yilmaz", "mevr. Bakker", "jan@example.nl", "06-12345678"])
def test_respondent_codes_that_look_like_persons_are_refused(tmp_path, code):
    path = tmp_path / "e.csv"
    path.write_text(f"buurtcode,respondent,thema,vraag,score,datum\n{NORMAL},{code},veiligheid,a,4,2024-03-01\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as exc:
        told.read_survey(path)
    assert exc.value.row == 2 and exc.value.column == "respondent"
    assert code not in str(exc.value)  # the name itself is not repeated in the message


@pytest.mark.parametrize("code", ["R0001", "resp-17", "a3f9c2d1-0b4e-4c55-9d7e-1f2a3b4c5d6e", "B12"])
def test_ordinary_respondent_codes_pass(code):
    assert told.check_respondent_code(code) == code


# ------------------------------------------------------------------------------------------------ pseudonym key (#13.9)
def test_key_guard_refuses_folder_world_readable_short_weak_and_inside_project(tmp_path):
    from wijklib.stakeholders.privacy import load_key

    with pytest.raises(InputError, match="is een map"):
        load_key(tmp_path)
    open_key = tmp_path / "open.key"
    open_key.write_text("x" * 10 + "abcdefghijklmnopqrstuvwxyz0123456789")
    os.chmod(open_key, 0o644)
    with pytest.raises(InputError, match="chmod 600"):
        load_key(open_key)
    short = tmp_path / "short.key"
    short.write_text("abcdefgh12345678")
    os.chmod(short, 0o600)
    with pytest.raises(InputError, match="te kort"):
        load_key(short)
    weak = tmp_path / "weak.key"
    weak.write_text("a" * 40)
    os.chmod(weak, 0o600)
    with pytest.raises(InputError, match="te zwak"):
        load_key(weak)
    project = Path(told.__file__).resolve().parents[2]
    with pytest.raises(InputError, match="projectmap"):
        load_key(project / "output" / "pseudoniem.key")
    assert not (project / "output" / "pseudoniem.key").exists()
    with pytest.raises(InputError, match="uitvoermap"):
        load_key(tmp_path / "uit" / "k.key", forbidden_dirs=[tmp_path / "uit"])


def test_fingerprint_is_stored_with_exports_and_a_changed_key_warns(tmp_path):
    from wijklib.stakeholders.privacy import FINGERPRINT_FILE, key_fingerprint, record_fingerprint

    k1, k2 = os.urandom(32).hex().encode(), os.urandom(32).hex().encode()
    fp = record_fingerprint(tmp_path, k1)
    stored = json.loads((tmp_path / FINGERPRINT_FILE).read_text(encoding="utf-8"))
    assert stored["vingerafdruk"] == fp == key_fingerprint(k1) and k1.decode() not in json.dumps(stored)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        record_fingerprint(tmp_path, k1)  # same key: no warning
    with pytest.warns(UserWarning, match="andere sleutel"):
        record_fingerprint(tmp_path, k2)
    assert json.loads((tmp_path / FINGERPRINT_FILE).read_text(encoding="utf-8"))["vingerafdruk"] == key_fingerprint(k2)
    with pytest.raises(InputError, match="uitvoermap"):  # a key inside the export folder is never used for it
        record_fingerprint(tmp_path, k1, key_path=tmp_path / "sub" / "pseudoniem.key")


def test_stakeholder_export_audited_before_writing(tmp_path):
    from wijklib.stakeholders import Actor, StakeholderSet
    from wijklib.stakeholders.io import write_csv
    from wijklib.stakeholders.privacy import FINGERPRINT_FILE, PrivacyLeakError

    actors = [Actor(actor_id="A1", naam="Fenna Fictief", actortype="ib.actor.bewoner", natuurlijk_persoon=True,
                    rol="sleutelpersoon", notitie="voorgezeten door Karel Smit, tel 06-12345678, Merelhof 12"),
              Actor(actor_id="A2", naam="Stichting Buurtkracht", actortype="ib.actor.welzijnsorganisatie")]
    sset = StakeholderSet.from_records(actors, [], [])
    files = write_csv(sset, tmp_path / "ok")
    text = "".join(p.read_text(encoding="utf-8") for p in files)
    assert leaked(text) == [] and "Fenna" not in text and "[telefoon]" in text
    assert (tmp_path / "ok" / FINGERPRINT_FILE).exists()
    # an organisation whose name carries an address and phone number: refused, nothing written
    leaky = StakeholderSet.from_records(
        [*actors[:1], Actor(actor_id="A2", naam="Buurthuis, Merelhof 12, 06-12345678",
                            actortype="ib.actor.welzijnsorganisatie")],
        [], [])
    with pytest.raises(PrivacyLeakError, match="actoren rij 3"):
        write_csv(leaky, tmp_path / "lek")
    assert not (tmp_path / "lek").exists()
