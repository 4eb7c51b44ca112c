"""Fixtures for the stakeholder tests: a temporary pseudonym key and small hand-made sets."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")

from wijklib.stakeholders import Actor, Assessment, Relation, StakeholderSet  # noqa: E402
from wijklib.stakeholders.vocab import ActorTypeVocabulary  # noqa: E402


@pytest.fixture(autouse=True)
def pseudonym_key(tmp_path_factory, monkeypatch):
    """Every test uses a key in a temporary folder, never the user's ~/.config key."""
    folder = tmp_path_factory.mktemp("sleutel")
    path = folder / "pseudoniem.key"
    monkeypatch.setenv("WIJKLIB_PSEUDONIEM_KEY", str(path))
    return path


def make_set(actors, relations=(), assessments=(), rounds=None, informants=None, **kw) -> StakeholderSet:
    """Build a set from dicts; actor types are free ``ib.actor.<slug>`` ids (no catalogue needed)."""
    acts = []
    for a in actors:
        a = dict(a) if isinstance(a, dict) else {"actor_id": a}
        a.setdefault("naam", f"Organisatie {a['actor_id']}")
        a.setdefault("actortype", "ib.actor.test")
        acts.append(Actor(**a))
    rels = [Relation(**r) for r in relations]
    ass = [Assessment(**s) for s in assessments]
    return StakeholderSet.from_records(acts, rels, ass, rounds, informants,
                                       vocabulary=kw.pop("vocabulary", ActorTypeVocabulary()), **kw)


def rel(bron, doel, type="samenwerking", **kw) -> dict:
    return {"bron": bron, "doel": doel, "type": type, **kw}


@pytest.fixture(scope="session")
def demo():
    import os
    import tempfile

    from wijklib.stakeholders import build_demo

    # session-scoped: its own key, set only while building (labels are computed lazily, so keep the key around)
    folder = tempfile.mkdtemp(prefix="wl-demo-key-")
    old = os.environ.get("WIJKLIB_PSEUDONIEM_KEY")
    os.environ["WIJKLIB_PSEUDONIEM_KEY"] = os.path.join(folder, "pseudoniem.key")
    try:
        sset = build_demo(key_path=os.path.join(folder, "pseudoniem.key"))
        sset.pseudonyms()  # load the key now
    finally:
        if old is None:
            os.environ.pop("WIJKLIB_PSEUDONIEM_KEY", None)
        else:
            os.environ["WIJKLIB_PSEUDONIEM_KEY"] = old
    return sset
