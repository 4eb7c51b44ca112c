"""Source references point into the source documents, not into the English extraction (issue #18.7)."""

from __future__ import annotations

import re

import pytest

from wijklib.catalogue import load_catalogue

CAT = load_catalogue()
_EXTRACTION = re.compile(r"extracti|extraction", re.I)
#: a place in a document: a section, chapter, page, line range, checklist, step, box, figure or the whole book
_PLACE = re.compile(r"§|\bH\d|\bp\.\s*\d|\br\.\s*\d|\bCL-|\bstap\b|kader|figuur|Inleiding|CCV|Hele boek|Bijlage|"
                    r"\bdeelkop\b|Stap\s*\d|Fase|fase", re.I)


def test_no_entry_cites_the_extraction():
    bad = [f"{e.id}: {e.source.section}" for e in CAT if _EXTRACTION.search(e.source.section or "")]
    assert not bad, "bronverwijzingen naar de extractie in plaats van het document:\n" + "\n".join(bad[:20])


def test_every_entry_of_001_and_003_names_a_place_in_its_document():
    bad = [f"{e.id}: {e.source.section!r}" for e in CAT
           if e.source.document in ("001", "003") and not _PLACE.search(e.source.section or "")]
    assert not bad, "\n".join(bad[:20])


def test_the_scan_recognises_an_extraction_reference():
    assert _EXTRACTION.search("H1 Familieaanpak (extractie §4.14, SG-01)")
    assert not _EXTRACTION.search("H1 De Integrale familieaanpak (p. 7), r. 239-244")


@pytest.mark.parametrize("entry, words", [
    ("ib.sig.sg01", ["intimiderende sfeer"]),
    ("ib.sig.sg02", ["toenemende drugscriminaliteit"]),
    ("ib.sig.sg03", ["opa was crimineel"]),
    ("ib.tip.t01", ["vervolgtrajecten"]),
    ("ib.tip.t05", ["portefeuille"]),
    ("ib.actor.burgemeester", ["burgemeester"]),
    ("ib.kf.armoede", ["armoede"]),
])
def test_sampled_line_references_of_001_hold_the_text(shared_data, entry, words):
    """A hand-checked sample: the first line range of the reference contains the entry's words."""
    seed = next((shared_data.parent / "domain" / "seeds").glob("001_*.txt"))
    lines = seed.read_text(encoding="utf-8").splitlines()
    section = CAT.get(entry).source.section
    m = re.search(r"r\. (\d+)(?:-(\d+))?", section)
    assert m, section
    a, b = int(m.group(1)), int(m.group(2) or m.group(1))
    text = " ".join(lines[a - 1:b]).lower()
    for w in words:
        assert w in text, (entry, section, w)
