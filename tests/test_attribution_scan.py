"""No user-facing text attributes to a source document what it does not say (issue #18.2).

Scans the notebooks (all of ``notebooks/``), the report templates (``templates/``) and the user-facing strings of
``wijklib`` (string literals that are not docstrings) for sentences that attribute something to a source document
("het handboek zegt", "de Leerkring noemt", "volgens 003", ...). Each such sentence must either

* carry a mark that it is wijklib's own ("keuze van wijklib", "interpretatie", "regel van wijklib", ...), or
* be listed in ``tests/attribution_allowlist.yaml`` with the catalogue ids whose entries back the claim (the ids
  must exist, so the claim can be checked against the catalogue and its source sections).

To add a sentence: check it against the document, then add ``{bestand, bevat, onderbouwd_door}`` to the allowlist.
"""

from __future__ import annotations

import ast
import functools
import json
import re
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
ALLOWLIST = Path(__file__).with_name("attribution_allowlist.yaml")

#: Mentions of a source document (or of "the documents" in general).
DOCUMENT = re.compile(r"\b(?:(?:praktijk)?handboek|handreiking|leerkring|inspiratieboek|denkkader|volgens\s+00[0-4]|"
                      r"de\s+documenten|het\s+document|de\s+brondocumenten)\b", re.I)
#: Verbs that make a mention an attribution (the document says, names, describes, advises, ...).
CLAIM = re.compile(r"\b(?:zeg\w*|noem\w*|beschrijf\w*|beschreven|kent|kennen|raadt|waarschuw\w*|volgens|geeft|geven|"
                   r"koppelt|verbindt|stelt|adviseert|beveelt|vraagt|eist|definieert|spreekt)\b", re.I)
#: Marks that the sentence is wijklib's own reading.
MARK = re.compile(r"keuze van wijklib|keuzes van wijklib|interpretatie|indeling van wijklib|regel van wijklib|"
                  r"eigen koppeling|voorstel van wijklib|koppeling van wijklib|wijklib maakt daar", re.I)

_SPLIT = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n\s*(?:[-*]|\d+\.)\s+|\n#+\s*")


def _sentences(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", s).strip() for s in _SPLIT.split(text) if s and s.strip()]


def _py_strings(source: str) -> list[str]:
    """String literals of Python source that are not docstrings (f-strings with their fields as {})."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docs.add(id(first.value))
    inside_f = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            out.append("".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs \
                and id(node) not in inside_f:
            out.append(node.value)
    # implicit concatenation is one Constant already; adjacent f-strings are one JoinedStr
    return out


def _texts():
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")) + sorted((ROOT / "templates").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "markdown":
                yield path, source
            elif cell["cell_type"] == "code":
                yield from ((path, s) for s in _py_strings(source))
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.is_file() and path.suffix in (".j2", ".md", ".html", ".yaml", ".csv", ".tpl"):
            yield path, path.read_text(encoding="utf-8", errors="replace")
    for path in sorted((ROOT / "wijklib").rglob("*.py")):
        yield from ((path, s) for s in _py_strings(path.read_text(encoding="utf-8")))


@functools.cache
def attributions() -> list[tuple[str, str]]:
    """(file relative to the project, sentence) for every unmarked attribution to a source document."""
    out = []
    for path, text in _texts():
        rel = path.relative_to(ROOT).as_posix()
        for sentence in _sentences(text):
            if DOCUMENT.search(sentence) and CLAIM.search(sentence) and not MARK.search(sentence):
                out.append((rel, sentence))
    return out


def _allowlist() -> list[dict]:
    data = yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8"))
    return data["zinnen"]


def _open() -> list[dict]:
    """Sentences another engineer is rewriting (not backed; allowed until that work is merged)."""
    data = yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8"))
    return data.get("open") or []


def test_allowlist_entries_are_backed_by_existing_catalogue_ids():
    from wijklib.catalogue import load_catalogue

    cat = load_catalogue()
    entries = _allowlist()
    assert entries
    for e in entries:
        assert set(e) <= {"bestand", "bevat", "onderbouwd_door", "toelichting"}, e
        assert e["bestand"] and e["bevat"], e
        assert e["onderbouwd_door"], f"geen catalogus-id bij {e['bevat']!r}"
        missing = [i for i in e["onderbouwd_door"] if i not in cat]
        assert not missing, f"onbekende catalogus-id(s) {missing} bij {e['bevat']!r}"
    for e in _open():
        assert set(e) == {"bestand", "bevat", "eigenaar"}, e


def test_every_attribution_to_a_source_document_is_backed_or_marked():
    entries = _allowlist() + _open()
    unbacked = [f"{f}: {s}" for f, s in attributions()
                if not any(fnmatch(f, e["bestand"]) and e["bevat"] in s for e in entries)]
    assert not unbacked, ("zinnen die iets aan een brondocument toeschrijven zonder onderbouwing of markering "
                          "'keuze van wijklib'/'interpretatie' (voeg ze na controle toe aan "
                          "tests/attribution_allowlist.yaml):\n" + "\n".join(unbacked))


@pytest.mark.parametrize("text, flagged", [
    ("Acuut vraagt volgens het handboek om zichtbaar optreden.", True),
    ("De Leerkring zegt dat je eerst interventies kiest.", True),
    ("Deze drempel is een keuze van wijklib; de Leerkring geeft geen drempel.", False),
    ("De twaalf randvoorwaarden komen uit de Leerkring.", False),
])
def test_the_scan_recognises_attributions(text, flagged):
    hits = [s for s in _sentences(text) if DOCUMENT.search(s) and CLAIM.search(s) and not MARK.search(s)]
    assert bool(hits) is flagged


def test_known_misattributions_are_gone():
    """The claims of issue #18 that the documents do not make (urgency -> kind of intervention)."""
    found = " ".join(re.sub(r"\s+", " ", t) for _, t in _texts())
    assert "zichtbaar en snel optreden past bij acute urgentie" not in found
    assert "integrale samenwerking past bij" not in found
    assert "volgens de regels van het handboek" not in found
