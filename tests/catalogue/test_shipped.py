"""Checks over the whole shipped catalogue: every file loads, every kind is used, texts are paraphrases."""

from __future__ import annotations

import re
import unicodedata

import pytest

from wijklib.catalogue import load_catalogue

SHINGLE = 9  # a run of this many words copied from a source document counts as a copied sentence


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def test_all_five_documents_are_modelled(cat):
    assert set(cat.documents) == {"000", "001", "002", "003", "004"}
    prefixes = {d.prefix for d in cat.documents.values()}
    assert prefixes == {"lk", "ib", "dk", "ph", "hr"}


def test_every_kind_has_entries_and_every_entry_a_source(cat):
    empty = [k for k in cat.kinds if not cat.by_kind(k)]
    assert not empty, f"soorten zonder ingangen: {empty}"
    for entry in cat:
        assert entry.source.section.strip(), entry.id
        assert entry.source.file.startswith(entry.document + "_"), entry.id


def test_interpretations_are_explained(cat):
    """An entry that is an interpretation says why, so users can judge it."""
    unexplained = [e.id for e in cat if e.interpretation and not (e.note or "").strip()]
    assert not unexplained, unexplained[:10]


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.findall(r"[a-zà-ÿ0-9]+", text)


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def test_texts_are_paraphrases_not_copied_sentences(cat, shared_data):
    """No name, description or attribute text repeats a run of 9+ words of its source document."""
    seeds = shared_data.parent / "domain" / "seeds"
    if not seeds.is_dir():
        pytest.skip("brondocumenten (shared/domain/seeds) niet gevonden")
    source_shingles = {}
    for doc_id, doc in cat.documents.items():
        source_shingles[doc_id] = _shingles(_words((seeds / doc.file).read_text(encoding="utf-8")))
    copied = []
    for entry in cat:
        texts = [entry.name_nl, entry.description_nl]
        texts += [v for v in entry.attributes.values() if isinstance(v, str)]
        texts += [item for v in entry.attributes.values() if isinstance(v, tuple) for item in v]
        for text in texts:
            overlap = _shingles(_words(text)) & source_shingles[entry.document]
            if overlap:
                copied.append(f"{entry.id}: '{' '.join(sorted(overlap)[0])}'")
    assert not copied, f"{len(copied)} teksten met letterlijk overgenomen zinsdelen, o.a.: " + "; ".join(copied[:8])
