"""Red-team finding: story exports scrub personal data also when no stakeholder map or key-person register is
passed (the README Privacy section promises that every shared text goes through the scrubber). E-mail
addresses are not in the text: '@' marks an actor in story markdown."""

from __future__ import annotations

import warnings
import zipfile

import pytest

from wijklib.stories import fragments_by_node, read_stories_markdown, write_qdpx, write_stories_csv

TEXT = ("Dhr. Jan de Vries, Kerkstraat 12, 06-12345678, BSN 111222333; kenteken AB-12-CD, "
        "IBAN NL91ABNA0417164300 [[veiligheid]] @A16")
SECRETS = ("Jan de Vries", "Vries", "Kerkstraat 12", "06-12345678", "111222333", "AB-12-CD",
           "NL91ABNA0417164300")


@pytest.fixture(autouse=True)
def _key(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("WIJKLIB_PSEUDONIEM_KEY", str(tmp_path_factory.mktemp("sleutel") / "pseudoniem.key"))


def _stories(tmp_path):
    path = tmp_path / "verhalen.md"
    path.write_text("---\nsoort: veldnotitie\ndatum: 2024-05-01\n---\n"
                    f"## F1\nbron: VN1\nbronrol: wijkagent Piet Bakker\nbuurt: BU99010203\n{TEXT}\n",
                    encoding="utf-8")
    return read_stories_markdown(path)


def _leaks(text: str) -> list[str]:
    return [s for s in (*SECRETS, "Piet Bakker", "Bakker") if s in text]


def test_csv_export_without_registers_is_scrubbed(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        files = write_stories_csv(_stories(tmp_path), tmp_path / "uit")
    for f in files:
        assert _leaks(f.read_text(encoding="utf-8")) == [], f.name
    text = (tmp_path / "uit" / "fragmenten.csv").read_text(encoding="utf-8")
    for label in ("[naam]", "[adres]", "[telefoon]", "[bsn]", "[kenteken]", "[iban]"):
        assert label in text
    assert "wijkagent [naam]" in text  # the role stays, the name in the bronrol column goes


def test_qdpx_export_without_registers_is_scrubbed(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = write_qdpx(_stories(tmp_path), tmp_path / "verhalen.qdpx")
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        assert any(n.startswith("sources/") for n in names)
        for n in names:
            assert _leaks(zf.read(n).decode("utf-8")) == [], n


def test_network_view_items_without_registers_are_scrubbed(tmp_path):
    items = fragments_by_node(_stories(tmp_path))
    assert items and all(_leaks(i["tekst"] + i["bronrol"]) == [] for lst in items.values() for i in lst)
