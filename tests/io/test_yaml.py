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
