"""Issue #15 (PAR researcher's case): every known person is scrubbed from stories, name-like text is flagged,
withheld rows show no source count, and missing counted buurten are named."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from wijklib.stakeholders import load_demo
from wijklib.stakeholders.privacy import PrivacyLeakError, audit, key_person_names
from wijklib.stories import (NameLikeWarning, fragments_by_node, missing_counted_areas, read_stories_markdown,
                             stories_told_table, told_beside_counted, write_qdc, write_qdpx, write_stories_csv)

ROOT = Path(__file__).resolve().parents[2]
REGISTER = ROOT / "data" / "demo" / "gemeenschap"  # the fictional key-person register of notebook 07


@pytest.fixture(autouse=True)
def _key(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("WIJKLIB_PSEUDONIEM_KEY", str(tmp_path_factory.mktemp("sleutel") / "pseudoniem.key"))


def _stories(tmp_path, texts: dict[str, tuple[str, str, str]]):
    """Markdown stories: fragment id -> (bron, buurt, text)."""
    parts = ["---\nsoort: citaat\nbronrol: bewoner\ndatum: 2024-05-01\n---\n"]
    for fid, (bron, buurt, text) in texts.items():
        parts.append(f"## {fid}\nbron: {bron}\nbuurt: {buurt}\n{text}\n")
    path = tmp_path / "verhalen.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return read_stories_markdown(path)


def _register_person() -> tuple[str, str]:
    """A person of the register who is not in the demo stakeholder map (name, pseudonym)."""
    in_map = {w for a in load_demo().actors if a.natuurlijk_persoon for w in a.naam.split()}
    names = key_person_names(REGISTER)
    name = next(n for n in names if not in_map & set(n.split()))
    return name, names[name]


def test_key_person_of_the_register_is_scrubbed_everywhere(tmp_path):
    name, pseudo = _register_person()
    s = _stories(tmp_path, {"F1": ("INT1", "BU99010203", f"Gesprek met {name} over de hangplek [[jeugd]]")})
    kaart = load_demo()
    with warnings.catch_warnings():
        warnings.simplefilter("error", NameLikeWarning)  # a known person gives no warning, it is replaced
        files = write_stories_csv(s, tmp_path / "uit" / "csv", sset=kaart, key_persons=REGISTER)
        files.append(write_qdpx(s, tmp_path / "uit" / "verhalen.qdpx", sset=kaart, key_persons=REGISTER))
    text = (tmp_path / "uit" / "csv" / "fragmenten.csv").read_text(encoding="utf-8")
    assert f"Gesprek met {pseudo} over de hangplek" in text
    with zipfile.ZipFile(tmp_path / "uit" / "verhalen.qdpx") as zf:
        assert any(pseudo in zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".txt"))
    result = audit(tmp_path / "uit", kaart, extra_names=key_person_names(REGISTER))
    assert result.ok and "verhalen.qdpx" in result.checked
    items = fragments_by_node(s, kaart, key_persons=REGISTER)
    assert all(name not in i["tekst"] for lst in items.values() for i in lst)


def test_without_the_register_the_name_is_flagged_not_shown(tmp_path):
    name, _ = _register_person()
    s = _stories(tmp_path, {"F1": ("INT1", "BU99010203", f"Gesprek met {name} [[jeugd]]"),
                            "F2": ("INT2", "BU99010203", "Bij Buurthuis De Lijsterhof is het rustig [[jeugd]]")})
    with pytest.warns(NameLikeWarning) as caught:
        write_stories_csv(s, tmp_path / "csv", sset=load_demo())
    messages = [str(w.message) for w in caught]
    assert len(messages) == 1 and messages[0].startswith("fragment F1:")
    initials = "".join(w[0] + "." for w in name.split())
    assert f"({initials})" in messages[0] and name.split()[-1] not in messages[0]
    assert s.name_warnings(sset=load_demo(), key_persons=REGISTER) == []


def test_name_with_tussenvoegsel_in_no_register_is_flagged(tmp_path):
    # no cue word before the name: "Volgens Anouk ..." is replaced by the pattern scrubber (which always runs),
    # a bare name-like text is left to the user, with a warning
    s = _stories(tmp_path, {"F1": ("INT1", "BU99010201", "Anouk van der Meer vindt het onveilig [[jeugd]]"),
                            "F2": ("INT2", "BU99010201", "Winkeliers in de Lijsterhof klagen [[jeugd]]")})
    msgs = s.name_warnings()
    assert msgs == [msgs[0]] and "fragment F1" in msgs[0] and "(A.v.d.M.)" in msgs[0] and "Meer" not in msgs[0]


def test_writers_refuse_known_names_they_cannot_replace(tmp_path):
    from wijklib.stories import default_codebook

    name, _ = _register_person()
    book = default_codebook()
    book.add("eigen_code", f"netwerk van {name}")
    with pytest.raises(PrivacyLeakError, match="niet geschreven"):
        write_qdc(book, tmp_path / "codeboek.qdc", key_persons=REGISTER)
    assert not (tmp_path / "codeboek.qdc").exists()


def test_withheld_rows_show_no_number_of_sources(tmp_path):
    s = _stories(tmp_path, {"F1": ("INT1", "BU99010201", "a [[jeugd]] [[veiligheid]]"),
                            "F2": ("INT2", "BU99010201", "b [[jeugd]] [[veiligheid]]"),
                            "F3": ("INT3", "BU99010201", "c [[wonen]]"), "F4": ("INT4", "BU99010201", "d [[wonen]]"),
                            "F5": ("INT5", "BU99010201", "e [[wonen]]")})
    freq = s.code_frequencies(by="thema").set_index("thema")
    assert freq.loc["jeugd", "achtergehouden"] and pd.isna(freq.loc["jeugd", "bronnen"])
    assert not freq.loc["wonen", "achtergehouden"] and freq.loc["wonen", "bronnen"] == 3
    co = s.cooccurrence(by="thema")
    assert co["achtergehouden"].all() and co["bronnen"].isna().all() and co["fragmenten"].isna().all()
    told = stories_told_table(s).set_index("theme")
    assert pd.isna(told.loc["jeugd", "n_sources"]) and pd.isna(told.loc["jeugd", "n"])
    assert told.loc["wonen", "n"] == 3
    write_stories_csv(s, tmp_path / "csv")
    csv = pd.read_csv(tmp_path / "csv" / "codefrequenties.csv")
    assert csv.loc[csv["achtergehouden"], "bronnen"].isna().all()


def test_missing_counted_buurt_is_named(tmp_path):
    s = _stories(tmp_path, {f"F{i}": (f"INT{i}", "BU99019999" if i < 3 else "BU99010203", "x [[jeugd]]")
                            for i in range(1, 6)})
    told = stories_told_table(s, min_sources=1)
    counted = pd.DataFrame({"code": ["BU99010203"], "misdrijven_per_1000": [12.0]})
    table = told_beside_counted(told, counted, ["misdrijven_per_1000"])
    assert missing_counted_areas(told, counted) == ["BU99019999"]
    notes = table.attrs["meldingen"]
    assert len(notes) == 1 and "BU99019999" in notes[0] and "BU99010203" not in notes[0]
    complete = told_beside_counted(told, pd.DataFrame({"code": ["BU99010203", "BU99019999"],
                                                       "misdrijven_per_1000": [1.0, 2.0]}))
    assert complete.attrs["meldingen"] == []
