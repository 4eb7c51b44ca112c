"""The one YAML loader: Dutch errors that name the file and the line, for every YAML file wijklib reads."""

from __future__ import annotations

import pytest

from wijklib.catalogue.loader import CatalogueError
from wijklib.errors import InputError
from wijklib.io.yaml import load_yaml


def _file(tmp_path, data: bytes | str, name: str = "instellingen.yaml"):
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_reads_a_mapping_as_utf8(tmp_path):
    p = _file(tmp_path, "gemeente:\n  naam: Súdwest-Fryslân\nurgentie:\n  k: 20\n")
    assert load_yaml(p) == {"gemeente": {"naam": "Súdwest-Fryslân"}, "urgentie": {"k": 20}}


def test_syntax_error_names_file_line_and_column(tmp_path):
    p = _file(tmp_path, "urgentie:\n  k: 20\n  gewichten: [1, 2\n")
    with pytest.raises(InputError) as err:
        load_yaml(p, what="projectbestand")
    msg = str(err.value)
    assert err.value.file == str(p)
    assert msg.startswith(f"{p}: projectbestand: geen geldige YAML (regel ")
    assert ", kolom " in msg


def test_syntax_error_line_number_is_the_line_of_the_mistake(tmp_path):
    p = _file(tmp_path, "a: 1\nb: 2\nc: : 3\n")
    with pytest.raises(InputError, match=r"\(regel 3, kolom \d+\)"):
        load_yaml(p)


def test_not_utf8_says_so_and_how_to_fix(tmp_path):
    p = _file(tmp_path, "naam: café\n".encode("cp1252"))
    with pytest.raises(InputError) as err:
        load_yaml(p)
    assert "geen UTF-8" in str(err.value) and "0xe9" in str(err.value) and "sla het op als UTF-8" in str(err.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="bestand bestaat niet") as err:
        load_yaml(tmp_path / "weg.yaml", what="procesmonitor")
    assert err.value.file == str(tmp_path / "weg.yaml") and "procesmonitor: " in str(err.value)
    with pytest.raises(InputError, match="dit is een map"):
        load_yaml(tmp_path)


@pytest.mark.parametrize("text", ["", "# alleen commentaar\n", "---\n"])
def test_empty_document_is_an_error_unless_a_default_is_given(tmp_path, text):
    p = _file(tmp_path, text)
    with pytest.raises(InputError, match="het bestand is leeg; verwacht een mapping"):
        load_yaml(p)
    assert load_yaml(p, empty={}) == {}
    assert load_yaml(p, expect=None, empty=None) is None


@pytest.mark.parametrize("text, kind", [("- 1\n- 2\n", "een lijst"), ("alleen tekst\n", "tekst"), ("42\n", "een getal"),
                                        ("yes\n", "ja/nee")])
def test_wrong_top_level_type_names_what_was_found(tmp_path, text, kind):
    p = _file(tmp_path, text)
    with pytest.raises(InputError) as err:
        load_yaml(p)
    assert str(err.value) == f"{p}: verwacht een mapping (sleutel: waarde) bovenaan het bestand, maar vond {kind}"


def test_expect_a_list_or_anything(tmp_path):
    p = _file(tmp_path, "- a\n- b\n")
    assert load_yaml(p, expect=list) == ["a", "b"]
    assert load_yaml(p, expect=None) == ["a", "b"]
    with pytest.raises(InputError, match="verwacht een lijst bovenaan"):
        load_yaml(_file(tmp_path, "a: 1\n", "b.yaml"), expect=list)


def test_text_instead_of_a_file_uses_the_path_only_in_messages(tmp_path):
    assert load_yaml(None, text="a: [1, 2]\n") == {"a": [1, 2]}
    with pytest.raises(InputError) as err:
        load_yaml("bron.yaml", text="a: [1, 2\n")
    assert err.value.file == "bron.yaml" and not (tmp_path / "bron.yaml").exists()


def test_safe_load_refuses_python_objects(tmp_path):
    p = _file(tmp_path, "x: !!python/object/apply:os.system ['echo gehackt']\n")
    with pytest.raises(InputError, match="geen geldige YAML"):
        load_yaml(p)


def test_error_class_can_be_a_subclass(tmp_path):
    p = _file(tmp_path, "entries: [\n")
    with pytest.raises(CatalogueError, match=r"geen geldige YAML \(regel 2"):
        load_yaml(p, error=CatalogueError)


def test_every_yaml_reader_of_wijklib_goes_through_load_yaml():
    """No module parses YAML itself (the loader is the one place for the Dutch messages)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "wijklib"
    parsers = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.py")
                     if any(f"yaml.{fn}(" in p.read_text(encoding="utf-8") for fn in ("safe_load", "load", "full_load"))
                     and p.relative_to(root).as_posix() != "io/yaml.py")
    assert parsers == []


# --- Dutch problem texts: line and column kept, the English original in brackets, and a hint -------------------

_PROBLEMS = [
    # (YAML text, where, Dutch fragment, English original, hint fragment)
    ("a: 1\nb: c: 2\n", "regel 2, kolom 5", "hier mag geen 'sleutel: waarde' staan",
     "mapping values are not allowed here", "tussen aanhalingstekens"),
    ("gemeente:\n\tcode: GM0363\n", "regel 2, kolom 1", "een tab-teken",
     "found character '\\t' that cannot start any token", "gebruik spaties, geen tabs"),
    ("a: 1\nb\nc: 2\n", "regel 3, kolom 1", "verwachtte een dubbele punt (':') na de sleutel die op regel 2 begint",
     "could not find expected ':'", "'sleutel: waarde'"),
    ("a: *basis\n", "regel 1, kolom 4", "onbekende verwijzing *basis", "found undefined alias 'basis'",
     "verwijzing"),
    ("a: 1\nb: 2\na: 3\n", "regel 3, kolom 1", "de sleutel 'a' staat twee keer in dezelfde mapping (eerst op regel 1)",
     "found duplicate key 'a'", "haal een van de twee weg"),
    ("a: [1, 2\n", "regel 2, kolom 1", "een lijst tussen [ ] is niet goed afgesloten",
     "expected ',' or ']', but got '<stream end>'", "sluit af met ']'"),
    ("a: {b: 1\n", "regel 2, kolom 1", "een mapping tussen { } is niet goed afgesloten",
     "expected ',' or '}', but got '<stream end>'", "sluit af met '}'"),
    ("naam: \"Noord\nb: 1\n", "regel 3, kolom 1", "een tekst tussen aanhalingstekens is niet afgesloten",
     "found unexpected end of stream", "hetzelfde aanhalingsteken"),
    ("a:\n  - 1\n  b: 2\n", "regel 3, kolom 3", "verwachtte het einde van het blok, maar vond een sleutel",
     "expected <block end>, but found '?'", "inspringen"),
    ("a: 1\n- b\n", "regel 2, kolom 1", "maar vond een lijstitem ('-')", "expected <block end>, but found '-'",
     "inspringen"),
    ("a: - b\n", "regel 1, kolom 4", "hier mag geen lijstitem", "sequence entries are not allowed here",
     "nieuwe regel"),
    ("a: @b\n", "regel 1, kolom 4", "het teken '@' kan hier geen waarde beginnen",
     "found character '@' that cannot start any token", "tussen aanhalingstekens"),
    ("a: 1\n---\nb: 2\n", "regel 2, kolom 1", "meer dan een document", "but found another document",
     "haal de tweede '---' weg"),
    ("pad: \"C:\\data\\x.csv\"\n", "regel 1, kolom 10", "onbekende escape '\\d'", "found unknown escape character 'd'",
     "enkele aanhalingstekens"),
    ("a: !!python/object/apply:os.system ['echo']\n", "regel 1, kolom 4",
     "de tag '!!python/object/apply:os.system' wordt niet gelezen", "could not determine a constructor for the tag",
     "haal de tag weg"),
    ("a: &x 1\nb: &x 2\n", "regel 2, kolom 4", "het anker &x staat twee keer in het bestand (eerst op regel 1)",
     "found duplicate anchor 'x'", "eigen naam"),
    ("tekst: |x\n", "regel 1, kolom 9", "na '|' of '>'", "expected chomping or indentation indicators",
     "volgende regel"),
    ("a: 1\nb: x\x07\n", "regel 2, kolom 5", "onzichtbaar stuurteken (#x0007)", "unacceptable character #x0007",
     "haal het teken weg"),
]


@pytest.mark.parametrize("text, where, dutch, english, hint", _PROBLEMS, ids=[p[3][:40] for p in _PROBLEMS])
def test_common_yaml_problems_in_dutch_with_the_english_in_brackets(tmp_path, text, where, dutch, english, hint):
    p = _file(tmp_path, text, "project.yaml")
    with pytest.raises(InputError) as err:
        load_yaml(p, what="projectbestand", expect=None)
    msg = str(err.value)
    assert msg.startswith(f"{p}: projectbestand: geen geldige YAML ({where}): "), msg
    assert dutch in msg, msg
    assert f"[{english}" in msg, msg
    tip = msg.split(". Tip: ", 1)
    assert len(tip) == 2 and hint in tip[1], msg
    assert msg.index(dutch) < msg.index(f"[{english}") < msg.index("Tip:")  # Dutch first, English to search


def test_duplicate_key_is_refused_only_within_one_mapping(tmp_path):
    """The same key in two different mappings is fine; a merge key (<<) may be overridden on purpose."""
    text = "a:\n  k: 1\nb:\n  k: 2\nbasis: &b {k: 1, m: 2}\nc:\n  <<: *b\n  k: 3\n"
    assert load_yaml(None, text=text) == {"a": {"k": 1}, "b": {"k": 2}, "basis": {"k": 1, "m": 2},
                                          "c": {"k": 3, "m": 2}}
    with pytest.raises(InputError, match=r"\(regel 4, kolom 3\): de sleutel 'k' staat twee keer .*eerst op regel 2"):
        load_yaml(None, text="a:\n  k: 1\n  m: 2\n  k: 3\n")


def test_an_unknown_problem_keeps_the_english_text(tmp_path):
    import yaml

    from wijklib.io.yaml import yaml_problem_nl

    exc = yaml.MarkedYAMLError(problem="something new in PyYAML")
    assert yaml_problem_nl(exc) == ": [something new in PyYAML]"


def test_every_yaml_file_of_wijklib_has_no_duplicate_keys():
    """The duplicate-key check refuses no file wijklib ships (catalogues, settings, templates)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    files = [p for d in ("wijklib", "templates", "data") for p in (root / d).rglob("*.yaml")]
    assert len(files) > 5
    for p in files:
        load_yaml(p, expect=None, empty=None)
