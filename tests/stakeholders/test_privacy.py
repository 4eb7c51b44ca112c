"""Privacy by design: pseudonyms, key handling, and no real name in any export or view unless allowed."""

from __future__ import annotations

import io
import os
import re
import stat
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from openpyxl import load_workbook

import wijklib
from wijklib.errors import InputError
from wijklib.stakeholders import (build_graph, classify, communities, compare_rounds, consensus_network,
                                  contested_ties, interpret, network_view, plot_krachtenveld, plot_ladder,
                                  plot_network, plot_power_interest, plot_reach_trust, plot_salience, pseudonym,
                                  write_csv, write_xlsx)
from wijklib.stakeholders.demo import DEMO_PERSON_NAMES
from wijklib.stakeholders.privacy import Scrubber, default_key_path, load_key

from .conftest import make_set, rel


def leaks(text: str, names=DEMO_PERSON_NAMES) -> list[str]:
    """Real names (or capitalised name parts of 3+ letters) found in a text."""
    found = []
    for name in names:
        if name.casefold() in text.casefold():
            found.append(name)
        for part in name.split():
            if len(part) >= 3 and re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text):
                found.append(part)
    return found


def test_pseudonym_is_stable_keyed_and_case_insensitive():
    k1, k2 = b"a" * 32, b"b" * 32
    assert pseudonym("Fenna Fictief", k1) == pseudonym("  fenna   FICTIEF", k1)
    assert pseudonym("Fenna Fictief", k1) != pseudonym("Fenna Fictief", k2)
    assert pseudonym("Fenna Fictief", k1) != pseudonym("Kees Fictief", k1)
    assert re.fullmatch(r"P-[0-9A-F]{8}", pseudonym("x", k1))


def test_key_created_private_and_reused(pseudonym_key):
    assert default_key_path() == pseudonym_key  # tests never touch ~/.config
    key = load_key()
    assert pseudonym_key.exists() and len(key) >= 32
    assert stat.S_IMODE(os.stat(pseudonym_key).st_mode) == 0o600
    assert load_key() == key


def test_key_refused_inside_project_data_folder(tmp_path):
    inside = Path(wijklib.__file__).resolve().parents[1] / "data" / "demo" / "pseudoniem.key"
    with pytest.raises(InputError, match="niet in de datamap"):
        load_key(inside)
    assert not inside.exists()
    with pytest.raises(InputError, match="niet in de datamap"):
        load_key(tmp_path / "invoer" / "k.key", forbidden_dirs=[tmp_path / "invoer"])


def test_key_refused_next_to_the_input(tmp_path, monkeypatch):
    folder = tmp_path / "kaart"
    folder.mkdir()
    (folder / "actoren.csv").write_text("actor_id,naam,actortype,natuurlijk_persoon,rol\n"
                                        "A,Fenna Fictief,ib.actor.bewoner,ja,sleutelpersoon\n", encoding="utf-8")
    monkeypatch.setenv("WIJKLIB_PSEUDONIEM_KEY", str(folder / "pseudoniem.key"))
    from wijklib.stakeholders import load_stakeholders
    from wijklib.stakeholders.vocab import ActorTypeVocabulary

    s = load_stakeholders(folder, vocabulary=ActorTypeVocabulary())
    with pytest.raises(InputError, match="niet in de datamap"):
        s.labels()


def test_labels_roles_pseudonyms_and_names():
    s = make_set([dict(actor_id="A", naam="Fenna Fictief", natuurlijk_persoon=True, rol="sleutelpersoon"),
                  dict(actor_id="B", naam="Kees Fictief", natuurlijk_persoon=True, rol="buurtvader"),
                  dict(actor_id="C", naam="Bep Bedacht", natuurlijk_persoon=True, rol="buurtvader"),
                  dict(actor_id="D", naam="Mo Denkbeeld", natuurlijk_persoon=True),
                  dict(actor_id="E", naam="Woningcorporatie")])
    lab = s.labels()
    pseud = s.pseudonyms()
    assert lab["A"] == "sleutelpersoon" and lab["E"] == "Woningcorporatie"
    assert lab["B"] == f"buurtvader ({pseud['B']})" and lab["C"] == f"buurtvader ({pseud['C']})"
    assert lab["D"] == pseud["D"]
    assert s.labels(allow_names=True)["A"] == "Fenna Fictief"
    ids = s.public_ids()
    assert ids["A"] == pseud["A"] and ids["E"] == "E"
    assert s.public_ids(allow_names=True)["A"] == "A"


def test_scrubber_replaces_names_but_not_ordinary_words():
    scrub = Scrubber({"Noor Bedacht": "gemeenteverbinder"})
    assert scrub("Overleg met noor bedacht op dinsdag") == "Overleg met gemeenteverbinder op dinsdag"
    assert scrub("Bedacht zei dat") == "gemeenteverbinder zei dat"
    assert scrub("dit is goed bedacht") == "dit is goed bedacht"


def test_named_suspect_cannot_be_built():
    with pytest.raises(InputError, match="verdachten"):
        make_set([dict(actor_id="X", naam="Piet Crimineel", natuurlijk_persoon=True, wereld="crimineel")])


# -- every export and view of the demo ---------------------------------------------------------------------------
def test_csv_and_xlsx_exports_hide_names(demo, tmp_path):
    paths = write_csv(demo, tmp_path / "csv")
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    assert leaks(text) == []
    assert "wijkverbinder Zuiderveld" in text  # persons appear by role
    assert "de spil voor de moeders" in text  # the note is kept, with the name scrubbed
    actors = (tmp_path / "csv" / "actoren.csv").read_text(encoding="utf-8")
    assert not re.search(r"^A03,", actors, re.M)  # the person's own id is replaced by the pseudonym
    write_xlsx(demo, tmp_path / "x.xlsx")
    wb = load_workbook(tmp_path / "x.xlsx")
    cells = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                     if c.value is not None)
    assert leaks(cells) == []
    # and the check itself can fail: with names allowed they are there
    allowed = "\n".join(p.read_text(encoding="utf-8") for p in write_csv(demo, tmp_path / "named",
                                                                         allow_names=True))
    assert set(DEMO_PERSON_NAMES) <= set(leaks(allowed))


def test_html_views_hide_names(demo, tmp_path):
    for G in (build_graph(demo, "R1"), consensus_network(demo, "R2"), consensus_network(demo, "R2",
                                                                                          min_informants=1)):
        html = network_view(G, title="Zuiderveld").to_html()
        assert leaks(html) == []
        assert "sleutelpersoon moedergroep" in html
    named = network_view(consensus_network(demo, "R2", allow_names=True)).to_html()
    assert "Fenna Fictief" in named


def test_tables_and_texts_hide_names(demo):
    texts = [
        demo.actors_frame().to_csv(), demo.relations_frame().to_csv(), demo.assessments_frame().to_csv(),
        demo.informants_frame().to_csv(), demo.scores("R2").to_csv(), classify(demo.scores("R2")).to_csv(),
        contested_ties(demo, "R1").to_csv(), interpret(consensus_network(demo, "R2")),
        compare_rounds(demo, "R1", "R2").summary_nl(), compare_rounds(demo, "R1", "R2").actors.to_csv(),
        communities(consensus_network(demo, "R2"), runs=5).membership.to_csv(),
    ]
    for t in texts:
        assert leaks(t) == []


def _svg_text(fig) -> str:
    buf = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="svg")
    plt.close(fig)
    return buf.getvalue()


def test_plots_hide_names(demo):
    r1, r2 = demo.scores("R1"), demo.scores("R2")
    figs = [plot_power_interest(r2, previous=r1, show_spread=True), plot_reach_trust(r2), plot_krachtenveld(r2),
            plot_salience(r2), plot_ladder(r2, previous=r1), plot_network(consensus_network(demo, "R2"))]
    for fig in figs:
        svg = _svg_text(fig)
        assert "wijkverbinder Zuiderveld" in svg or "sleutelpersoon moedergroep" in svg
        assert leaks(svg) == []
    named = _svg_text(plot_power_interest(demo.scores("R2", allow_names=True)))
    assert "Fenna Fictief" in named


def test_graph_notes_are_not_in_the_graph(demo):
    # statement notes can hold names; the graph carries no free text at all
    G = build_graph(demo, "R2")
    assert all("notitie" not in d for _, _, d in G.edges(data=True))
    assert leaks(" ".join(str(v) for _, d in G.nodes(data=True) for v in d.values())) == []


def test_small_set_exports(tmp_path):
    s = make_set([dict(actor_id="jan_jansen", naam="Jan Jansen", natuurlijk_persoon=True, rol="buurtvader"),
                  dict(actor_id="B", naam="Buurthuis", notitie="Jan Jansen komt elke dinsdag")],
                 [rel("jan_jansen", "B", notitie="Jansen regelt de sleutel")])
    text = "\n".join(p.read_text(encoding="utf-8") for p in write_csv(s, tmp_path))
    assert "Jan" not in text and "Jansen" not in text and "jan_jansen" not in text
    assert "buurtvader komt elke dinsdag" in text
