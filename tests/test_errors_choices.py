"""Error messages list their choices in Dutch ("a, b of c"), never with pydantic's English "or"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wijklib.errors import InputError, choices_nl, literal_choices_nl, validation_message_nl
from wijklib.stakeholders import load_stakeholders
from wijklib.stakeholders.vocab import ActorTypeVocabulary


def test_choices_nl():
    assert choices_nl(["a", "b", "c"]) == "a, b of c"
    assert choices_nl(["a", "a", "b"], quote=True) == "'a' of 'b'"
    assert choices_nl(["x"]) == "x" and choices_nl([]) == "(geen)"
    assert choices_nl(["a", "b"], last="en") == "a en b"
    assert literal_choices_nl("'leef', 'systeem' or 'beide'") == "'leef', 'systeem' of 'beide'"
    assert validation_message_nl({"type": "value_error", "msg": "Value error, te lang"}) == "te lang"


def _folder(tmp_path: Path, relaties: str) -> Path:
    (tmp_path / "actoren.csv").write_text("actor_id,naam,actortype,actortype_label\nA,Org A,overig,club\n"
                                          "B,Org B,overig,club\n", encoding="utf-8")
    (tmp_path / "relaties.csv").write_text(relaties, encoding="utf-8")
    return tmp_path


def test_stakeholder_loader_lists_relation_types_in_dutch(tmp_path, monkeypatch):
    monkeypatch.setenv("WIJKLIB_PSEUDONIEM_KEY", str(tmp_path / "sleutel" / "pseudoniem.key"))
    (tmp_path / "kaart").mkdir()
    folder = _folder(tmp_path / "kaart", "bron,doel,type\nA,B,vriendschap\n")
    with pytest.raises(InputError) as info:
        load_stakeholders(folder, vocabulary=ActorTypeVocabulary())
    msg = str(info.value)
    assert "vriendschap" in msg and "kolom 'type'" in msg
    assert not re.search(r"\bor\b", msg), msg
    assert "of 'financiering'" in msg


def test_urgency_config_literal_in_dutch():
    from wijklib.urgency.config import _translate

    msg = _translate({"type": "literal_error", "input": "mediaan", "ctx": {"expected": "'zscore', 'percentile' or 'minmax'"}})
    assert msg.endswith("'zscore', 'percentile' of 'minmax'") and " or " not in msg
