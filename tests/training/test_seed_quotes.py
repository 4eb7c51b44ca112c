"""Self-check texts that cite a source document say what the document says (checked against the seeds)."""

from __future__ import annotations

import re

import pytest

from wijklib.training import check
from wijklib.training.answers import _entry


def _norm(text: str) -> str:
    text = re.sub(r"(\w)-\s+(\w)", r"\1\2", text)  # words broken over a line in the PDF text
    return re.sub(r"\s+", " ", text).casefold()


def _seed(shared_domain, prefix: str) -> str:
    (path,) = sorted((shared_domain / "seeds").glob(f"{prefix}_*.txt"))
    return _norm(path.read_text(encoding="utf-8"))


def test_document_spelling_of_names_is_accepted():
    from wijklib.training.checks import _catalogue_resolver

    resolve = _catalogue_resolver()
    assert resolve("Reflectie en evaluatie") == "lk.rv.reflectie_evaluatie"  # 000 writes 'en', the catalogue '&'
    assert resolve("handhavingsknelpunt") == "lk.iv.handhavingsknelpunt"  # the last part of the id
    assert resolve("Inrichten handhavings- knelpunt") == "lk.iv.handhavingsknelpunt"  # as broken in the PDF
    assert resolve("iets anders") is None


def test_document_spelling_passes_the_self_check(capsys):
    check("oefening_5_1", "Reflectie en evaluatie")
    check("oefening_6_1", "handhavingsknelpunt")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Goed zo") and out[1].startswith("Goed zo"), out


@pytest.mark.parametrize("quote", [
    "open houding bij ambtenaren",
    "niet direct passen bij de doelstelling",
    "als de inzet van bestuurders onvoldoende is en de gemeenschap zich terugtrekt uit de samenwerking, kan dat "
    "het vertrouwen over en weer schaden",
])
def test_handreiking_step_4_says_what_1_4_and_1_5_attribute_to_it(shared_domain, quote):
    texts = _norm(" ".join([_entry("oefening_1_4")["items"]["D"]["waarom"],
                            _entry("oefening_1_5")["opties"]["d"]["waarom"]]))
    assert _norm(quote) in texts
    assert _norm(quote) in _seed(shared_domain, "004")


def test_the_old_paraphrases_are_gone():
    d = _entry("oefening_1_5")["opties"]["d"]["waarom"]
    assert "omdat de gemeente niet levert" not in d
    assert "niet een zin uit de Handreiking" in _entry("oefening_1_4")["items"]["D"]["waarom"]


@pytest.mark.parametrize("quote, seed", [
    ("op welke indicatoren de successen van de aanpak gemeten kunnen worden", "000"),
    ("een terugkerende afspraak voor evaluatie en reflectie", None),  # paraphrase of 'repeterende afspraak'
    ("Inrichten handhavingsknelpunt", "000"),
    ("meldingen over ondermijning samen coördineren en oppakken", None),
])
def test_5_1_and_6_1_explanations_rest_on_leerkring_000(shared_domain, quote, seed):
    texts = _norm(_entry("oefening_5_1")["uitleg"] + " " + _entry("oefening_6_1")["uitleg"])
    assert _norm(quote) in texts
    if seed:
        assert _norm(quote) in _seed(shared_domain, seed)
    assert "keuze van wijklib" in _norm(_entry("oefening_6_1")["uitleg"])
    assert "niet uit het document" in _norm(_entry("oefening_5_1")["uitleg"])
