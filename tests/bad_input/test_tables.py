"""Bad user tables at every table entry point: a named InputError or a correct acceptance, never a traceback.

Each loader gets the same set of hostile variants of its demo file (encoding, size, structure, codes, numbers,
dates). The expected outcome of every (loader, variant) pair is written down in ``EXPECT``; a variant that is not
listed must be refused with an InputError that names the file.
"""

from __future__ import annotations

import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd
import pytest

from wijklib.errors import InputError

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


@dataclass(frozen=True)
class Loader:
    """One table entry point and the demo file it reads."""

    name: str
    source: Path          # demo file (copied to tmp and mutated)
    code: str | None      # column with area codes
    number: str | None    # a numeric column
    text: str             # a free-text column
    date: str | None      # a date column
    run: Callable[[Path], Any]   # reads the (folder of the) mutated file


def _survey(p: Path):
    from wijklib.told import read_survey

    return read_survey(p)


def _signals(p: Path):
    from wijklib.told import read_signals

    return read_signals(p)


def _quickscan(p: Path):
    from wijklib.readiness.quickscan import read_answers

    return read_answers(p)


def _stakeholders(p: Path):
    from wijklib.stakeholders import load_stakeholders

    return load_stakeholders(p.parent)


def _counted(p: Path):
    from wijklib.counted import read_counted

    return read_counted(p)


LOADERS = {
    "enquete": Loader("enquete", DEMO / "enquete.csv", "buurtcode", "score", "vraag", "datum", _survey),
    "signalen": Loader("signalen", DEMO / "signalen.csv", "buurtcode", None, "tekst", "datum", _signals),
    "quickscan": Loader("quickscan", DEMO / "quickscan" / "antwoorden.csv", None, "score", "toelichting", "datum",
                        _quickscan),
    "stakeholders": Loader("stakeholders", DEMO / "stakeholders" / "actoren.csv", "gebied", None, "notitie", None,
                           _stakeholders),
    "telcijfers": Loader("telcijfers", DEMO / "indicatoren.csv", "code", "woz_waarde", "naam", None, _counted),
}


def _frame(p: Path) -> pd.DataFrame:
    return pd.read_csv(p, dtype=str, keep_default_na=False)


def _set(ld: Loader, p: Path, column: str | None, value: str, row: int = 0) -> None:
    if column is None:
        pytest.skip(f"{ld.name} heeft zo'n kolom niet")
    df = _frame(p)
    if column not in df.columns:
        df[column] = ""
    df.loc[row, column] = value
    df.to_csv(p, index=False)


def _raw(p: Path, data: bytes) -> None:
    p.write_bytes(data)


def _header(p: Path) -> str:
    return p.read_text(encoding="utf-8").splitlines()[0]


# variant name -> function(loader, path) that damages the copied demo file
VARIANTS: dict[str, Callable[[Loader, Path], None]] = {
    "leeg": lambda ld, p: _raw(p, b""),
    "alleen_spaties": lambda ld, p: _raw(p, b"   \n\n  \n"),
    "alleen_kopregel": lambda ld, p: _raw(p, (_header(p) + "\n").encode()),
    "cp1252": lambda ld, p: _set_cp1252(ld, p),
    "utf16": lambda ld, p: _raw(p, p.read_text(encoding="utf-8").encode("utf-16")),
    "binair": lambda ld, p: _raw(p, bytes(range(256)) * 20),
    "cel_200kb": lambda ld, p: _set(ld, p, ld.text, "x" * 200_000),
    "nul_teken": lambda ld, p: _raw(p, p.read_bytes().replace(b"\n", b"\x00\n", 2)),
    "kolom_weg_code": lambda ld, p: _drop(ld, p, ld.code),
    "kolom_weg_getal": lambda ld, p: _drop(ld, p, ld.number),
    "dubbele_kolom": lambda ld, p: _raw(p, _dup_header(p)),
    "code_kort": lambda ld, p: _set(ld, p, ld.code, "BU123"),
    "code_pad": lambda ld, p: _set(ld, p, ld.code, "../BU99010101"),
    "code_script": lambda ld, p: _set(ld, p, ld.code, "<script>alert(1)</script>"),
    "code_spaties": lambda ld, p: _set(ld, p, ld.code, " " + _frame(p)[ld.code][0] + " " if ld.code else ""),
    "getal_tekst": lambda ld, p: _set(ld, p, ld.number, "veel"),
    "getal_inf": lambda ld, p: _set(ld, p, ld.number, "inf"),
    "getal_nan": lambda ld, p: _set(ld, p, ld.number, "nan"),
    "getal_cbs_code": lambda ld, p: _set(ld, p, ld.number, "-99999999"),
    "getal_1e308": lambda ld, p: _set(ld, p, ld.number, "1e308"),
    "getal_400_cijfers": lambda ld, p: _set(ld, p, ld.number, "9" * 400),
    "getal_negatief": lambda ld, p: _set(ld, p, ld.number, "-3"),
    "datum_onmogelijk": lambda ld, p: _set(ld, p, ld.date, "2024-13-45"),
    "datum_tekst": lambda ld, p: _set(ld, p, ld.date, "gisteren"),
    "datum_ver_weg": lambda ld, p: _set(ld, p, ld.date, "9999-01-01"),
    "te_veel_velden": lambda ld, p: _raw(p, p.read_bytes().rstrip(b"\n") + b"\n" + b",".join([b"x"] * 40) + b"\n"),
    "open_aanhalingsteken": lambda ld, p: _raw(p, p.read_bytes().rstrip(b"\n") + b'\n"nooit gesloten,a,b\n'),
    "formule": lambda ld, p: _set(ld, p, ld.text, "=HYPERLINK(\"http://x\",\"klik\")"),
    "bom_crlf": lambda ld, p: _raw(p, b"\xef\xbb\xbf" + p.read_bytes().replace(b"\n", b"\r\n")),
    "map_in_plaats_van_bestand": lambda ld, p: _replace_by_dir(p),
    # Excel's "Unicode-tekst": tab-separated UTF-16 with byte order mark; and UTF-16 without one
    "utf16_tab": lambda ld, p: _raw(p, _frame(p).to_csv(index=False, sep="\t").encode("utf-16")),
    "utf16_zonder_bom": lambda ld, p: _raw(p, p.read_text(encoding="utf-8").encode("utf-16-le")),
    # another file type saved under the CSV's name: a clear "dit lijkt een ...-bestand", never garbage
    "pdf_als_csv": lambda ld, p: _raw(p, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n"),
    "png_als_csv": lambda ld, p: _raw(p, b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
    "zip_als_csv": lambda ld, p: _raw(p, _zip(p, "tabel.csv")),
    "xlsx_als_csv": lambda ld, p: _raw(p, _xlsx(p)),
}

#: variants that are another file type: the error says what the file looks like
BINARY = {"pdf_als_csv": "PDF", "png_als_csv": "PNG", "zip_als_csv": "ZIP", "xlsx_als_csv": "Excel"}


def _zip(p: Path, member: str) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(member, p.read_bytes())
    return buf.getvalue()


def _xlsx(p: Path) -> bytes:
    import io

    buf = io.BytesIO()
    _frame(p).to_excel(buf, index=False)
    return buf.getvalue()


def _set_cp1252(ld: Loader, p: Path) -> None:
    df = _frame(p)
    df.loc[0, ld.text] = "café in de Rozenstraat"
    p.write_bytes(df.to_csv(index=False).encode("cp1252", errors="replace"))


def _drop(ld: Loader, p: Path, column: str | None) -> None:
    if column is None:
        pytest.skip(f"{ld.name} heeft zo'n kolom niet")
    _frame(p).drop(columns=[column]).to_csv(p, index=False)


def _dup_header(p: Path) -> bytes:
    lines = p.read_text(encoding="utf-8").splitlines()
    first = lines[0].split(",")
    first[-1] = first[0]
    return ("\n".join([",".join(first), *lines[1:]]) + "\n").encode()


def _replace_by_dir(p: Path) -> None:
    p.unlink()
    p.mkdir()


OK = "ok"
#: (loader, variant) -> OK, or the column the InputError must name ("" = any InputError that names the file)
EXPECT: dict[tuple[str, str], str] = {
    # accepted on purpose: empty told tables, Windows-1252 (told and readiness files are often saved from Excel),
    # long free text, codes with spaces, formulas (kept as text; escaped where shown), BOM + CRLF
    **{(ld, v): OK for ld in ("enquete", "signalen") for v in
       ("alleen_kopregel", "cp1252", "cel_200kb", "code_spaties", "formule", "bom_crlf")},
    ("enquete", "getal_nan"): OK,  # an empty score: the answer does not count
    # one encoding policy for every table: Windows-1252 (with a warning) and UTF-16 with byte order mark are read
    **{(ld, v): OK for ld in LOADERS for v in ("cp1252", "utf16", "utf16_tab", "utf16_zonder_bom")},
    **{("quickscan", v): OK for v in ("alleen_kopregel", "cp1252", "nul_teken", "datum_ver_weg",
                                      "open_aanhalingsteken", "formule", "bom_crlf")},
    **{("stakeholders", v): OK for v in ("cp1252", "nul_teken", "kolom_weg_code", "code_spaties", "formule",
                                         "bom_crlf")},
    # counted data: CBS codes and impossible numbers are read as missing (with a warning), never as values
    **{("telcijfers", v): OK for v in ("cel_200kb", "kolom_weg_getal", "code_spaties", "getal_inf", "getal_nan",
                                       "getal_cbs_code", "getal_1e308", "getal_400_cijfers", "getal_negatief",
                                       "formule", "bom_crlf")},
    ("telcijfers", "getal_tekst"): "woz_waarde",
    ("telcijfers", "code_kort"): "code",
    ("enquete", "datum_ver_weg"): "datum",
    ("signalen", "datum_ver_weg"): "datum",
    ("enquete", "datum_onmogelijk"): "datum",
    ("signalen", "datum_tekst"): "datum",
}


def _expect(loader: str, variant: str) -> str:
    return EXPECT.get((loader, variant), "")


#: variants that need a column of a certain kind (left out for loaders without one)
NEEDS = {"kolom_weg_code": "code", "code_kort": "code", "code_pad": "code", "code_script": "code",
         "code_spaties": "code", "kolom_weg_getal": "number", "datum_onmogelijk": "date", "datum_tekst": "date",
         "datum_ver_weg": "date", **{v: "number" for v in ("getal_tekst", "getal_inf", "getal_nan", "getal_cbs_code",
                                                            "getal_1e308", "getal_400_cijfers", "getal_negatief")}}
CASES = [(ld, v) for ld in LOADERS for v in VARIANTS
         if v not in NEEDS or getattr(LOADERS[ld], NEEDS[v]) is not None]


def _copy(ld: Loader, tmp_path: Path) -> Path:
    folder = tmp_path / ld.name
    shutil.copytree(ld.source.parent, folder, ignore=shutil.ignore_patterns("*.py", "*.xlsx", "werkbladen"))
    return folder / ld.source.name


def _finite_numbers(result: Any) -> None:
    frames = [result] if isinstance(result, pd.DataFrame) else [
        v for v in getattr(result, "__dict__", {}).values() if isinstance(v, pd.DataFrame)]
    for df in frames:
        num = df.select_dtypes("number").to_numpy(dtype=float)
        seen = num[~np.isnan(num)]
        assert np.isfinite(seen).all() and (np.abs(seen) < 1e12).all(), "onmogelijke waarde als getal gelezen"


@pytest.mark.parametrize("loader,variant", CASES, ids=[f"{a}-{b}" for a, b in CASES])
def test_table_entry_point(loader, variant, tmp_path):
    ld = LOADERS[loader]
    path = _copy(ld, tmp_path)
    VARIANTS[variant](ld, path)
    before = sorted(p.name for p in path.parent.iterdir())
    expected = _expect(loader, variant)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if expected == OK:
            result = ld.run(path)
            _finite_numbers(result)
        else:
            with pytest.raises(InputError) as exc:
                ld.run(path)
            err = exc.value
            assert err.file is not None or path.name in str(err), f"de fout noemt het bestand niet: {err}"
            if expected:
                assert err.column == expected or expected in str(err), f"verwacht kolom {expected!r}: {err}"
            if variant in BINARY:
                assert "dit lijkt een" in str(err) and BINARY[variant] in str(err) and "geen CSV" in str(err), err
    assert sorted(p.name for p in path.parent.iterdir()) == before  # nothing written or deleted
