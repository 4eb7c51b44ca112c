"""Privacy by design: pseudonyms for natural persons, scrubbing of names, and the rule against named suspects.

Network data about people in a wijk cannot be made anonymous by leaving out a column (Borgatti & Molina 2003):
a role, a tie pattern or a note can point to a person. wijklib therefore

* shows every natural person by role, or by a stable pseudonym, in every export and view, unless the caller
  passes ``allow_names=True`` explicitly;
* derives pseudonyms with a keyed HMAC of the name, so the same person gets the same pseudonym in every round
  and export, while nobody without the key can test a guessed name; the key lives outside the project folder
  (default ``~/.config/wijklib/pseudoniem.key``; environment variable ``WIJKLIB_PSEUDONIEM_KEY`` gives another
  file) and is never exported;
* refuses to model a natural person of a criminal-side actor type (no named suspects): only an abstract context
  node such as "crimineel netwerk" is allowed;
* checks exported files before they are shared: :func:`audit` searches a folder for the names of the persons in
  a set and reports where one was found, without printing the name; :func:`check_frames` runs the same search
  (plus addresses, postcodes, phone numbers and e-mail addresses) on the content *before* anything is written and
  refuses to write, and the writers check their serialised content with :func:`refuse_names` as well;
* scrubs free text (notes, role texts) with the known names and the patterns of :mod:`wijklib.privacy`;
* guards the key: refused when it is a folder, world-readable, too short or trivially weak, or inside the project,
  data or output folder; every export stores the key's fingerprint (:func:`record_fingerprint`, never the key)
  and a warning is given when a later export to the same folder was made with another key (the pseudonyms of the
  two exports then do not match).
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import os
import re
import secrets
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

from wijklib import resources
from wijklib.errors import InputError, WijklibError

if TYPE_CHECKING:  # pandas is imported lazily: model.py imports this module early
    import pandas as pd

__all__ = ["KEY_ENV", "default_key_path", "load_key", "pseudonym", "Scrubber", "CRIMINAL_WORDS",
           "looks_criminal", "audit", "check_content", "refuse_names", "PrivacyAudit", "name_like", "initials",
           "key_person_names", "TUSSENVOEGSELS", "PrivacyLeakError", "AUDIT_SUFFIXES", "MIN_KEY_LENGTH",
           "key_fingerprint", "record_fingerprint", "FINGERPRINT_FILE", "check_frames"]

#: Minimum key length in characters (a choice of wijklib: a generated key has 64 hex characters).
MIN_KEY_LENGTH = 32
#: File that every export folder gets, with the fingerprint of the key used for its pseudonyms.
FINGERPRINT_FILE = "pseudoniem_sleutel.json"

#: Environment variable with the path of the pseudonym key file.
KEY_ENV = "WIJKLIB_PSEUDONIEM_KEY"

#: Words in a free-text actor label that mark the criminal side (used for actor type ``overig``).
CRIMINAL_WORDS = ("crimineel", "criminele", "verdachte", "dealer", "drugsdealer", "bende", "heler", "katvanger",
                  "ondermijner", "crimineel netwerk", "drugsbende", "witwasser", "dader")


def looks_criminal(text: str | None) -> bool:
    """True when a free-text label names the criminal side (``drugsdealer``, ``verdachte``, ...)."""
    if not text:
        return False
    low = text.casefold()
    return any(re.search(rf"\b{re.escape(w)}", low) for w in CRIMINAL_WORDS)


def default_key_path() -> Path:
    """The key file: ``$WIJKLIB_PSEUDONIEM_KEY`` or ``~/.config/wijklib/pseudoniem.key``."""
    env = os.environ.get(KEY_ENV)
    if env:
        return Path(env).expanduser()
    return Path.home() / ".config" / "wijklib" / "pseudoniem.key"


def _project_root() -> Path:
    return resources.root()


def load_key(path: str | Path | None = None, *, create: bool = True,
             forbidden_dirs: Iterable[str | Path] = ()) -> bytes:
    """Read (or create) the secret pseudonym key.

    Parameters
    ----------
    path : str or Path, optional
        Key file; default :func:`default_key_path`.
    create : bool
        Create a new random key (32 bytes, file mode 0600) when the file does not exist.
    forbidden_dirs : iterable of paths
        Folders the key must not be in (for example the folder of the input data). The ``data`` folder of the
        project is always forbidden.

    Raises
    ------
    InputError
        When the key file lies inside a forbidden folder, or does not exist and ``create`` is False.
    """
    path = Path(path).expanduser() if path is not None else default_key_path()
    resolved = path.resolve()
    root = _project_root()
    forbidden = [Path(d).resolve() for d in forbidden_dirs] + [root / "data"]
    if (root / "pyproject.toml").exists():  # a checkout: the whole project folder is shared with the code
        forbidden.append(root)
    for folder in forbidden:
        if resolved == folder or folder in resolved.parents:
            raise InputError(
                f"de sleutel voor pseudoniemen mag niet in de datamap, projectmap of uitvoermap {folder} staan: wie "
                f"de data of de uitvoer krijgt, zou dan ook de sleutel hebben. Zet de sleutel buiten het project "
                f"(standaard ~/.config/wijklib/pseudoniem.key) of wijs een ander bestand aan met de "
                f"omgevingsvariabele {KEY_ENV}", file=path)
    if path.is_dir():
        raise InputError("het pad van de sleutel voor pseudoniemen is een map, geen bestand; geef een bestand op "
                         f"(bijvoorbeeld {path / 'pseudoniem.key'})", file=path)
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            raise InputError(f"de map van de sleutel bestaat als bestand ({parent.name}); kies een ander pad",
                             file=path)
        if parent.exists():
            break
    if path.exists():
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
            key = path.read_bytes().strip()
        except OSError as exc:
            raise InputError(f"sleutelbestand is niet te lezen ({exc.strerror or type(exc).__name__})",
                             file=path) from None
        if os.name == "posix" and mode & (stat.S_IROTH | stat.S_IWOTH):
            raise InputError(f"sleutelbestand is leesbaar of schrijfbaar voor iedereen (rechten {mode:o}); maak het "
                             f"privé met: chmod 600 {path.name}", file=path)
        if len(key) < MIN_KEY_LENGTH:
            raise InputError(f"sleutelbestand is te kort ({len(key)} tekens; minstens {MIN_KEY_LENGTH} nodig). "
                             "Verwijder het; wijklib maakt dan zelf een sterke sleutel", file=path)
        if len(set(key)) < 8:
            raise InputError("sleutelbestand is te zwak (bijna steeds hetzelfde teken); verwijder het, wijklib maakt "
                             "dan zelf een sterke sleutel", file=path)
        return key
    if not create:
        raise InputError("sleutelbestand voor pseudoniemen bestaat niet", file=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32).encode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


def key_fingerprint(key: bytes) -> str:
    """A short fingerprint of the key (``SHA256:`` + 16 hex characters); it does not reveal the key.

    >>> key_fingerprint(b"0" * 32) == key_fingerprint(b"0" * 32) != key_fingerprint(b"1" * 32)
    True
    """
    return "SHA256:" + hashlib.sha256(b"wijklib-pseudoniem-vingerafdruk\0" + key).hexdigest()[:16]


def record_fingerprint(folder: str | Path, key: bytes, *, key_path: str | Path | None = None) -> str:
    """Store the key's fingerprint in ``folder/`` :data:`FINGERPRINT_FILE`; warn when it differs from the last one.

    Parameters
    ----------
    folder : str or Path
        The export folder.
    key : bytes
        The pseudonym key used for the export.
    key_path : str or Path, optional
        The key file (default :func:`default_key_path`); refused when it lies inside the export folder.

    Returns
    -------
    str
        The fingerprint.

    Raises
    ------
    InputError
        When the key file lies inside the export folder (it would be shared with the export).

    Warns
    -----
    UserWarning
        When the folder already holds exports made with another key: the pseudonyms of the old and new
        exports then differ and cannot be compared.
    """
    from wijklib.io.atomic import atomic_write_text

    folder = Path(folder)
    kp = (Path(key_path).expanduser() if key_path is not None else default_key_path()).resolve()
    out = folder.resolve()
    if kp == out or out in kp.parents:
        raise InputError("de sleutel voor pseudoniemen staat in de uitvoermap en zou met de export gedeeld worden; "
                         f"zet de sleutel buiten de uitvoermap (omgevingsvariabele {KEY_ENV})", file=folder)
    fp = key_fingerprint(key)
    file = folder / FINGERPRINT_FILE
    if file.is_file():
        try:
            old = json.loads(file.read_text(encoding="utf-8")).get("vingerafdruk")
        except (OSError, ValueError, AttributeError):
            old = None
        if old and old != fp:
            warnings.warn(f"{file}: deze uitvoer is eerder gemaakt met een andere sleutel voor pseudoniemen "
                          f"({old}, nu {fp}); de pseudoniemen van oude en nieuwe bestanden komen niet overeen. "
                          "Gebruik de oude sleutel als je rondes of exports wilt vergelijken.", UserWarning,
                          stacklevel=3)
        elif old == fp:
            return fp
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(file, json.dumps({"vingerafdruk": fp, "uitleg": "vingerafdruk van de sleutel voor "
                                        "pseudoniemen (niet de sleutel zelf)"}, ensure_ascii=False, indent=1) + "\n")
    return fp


def _normalise_name(name: str) -> str:
    return " ".join(str(name).casefold().split())


def pseudonym(name: str, key: bytes, *, prefix: str = "P") -> str:
    """A stable pseudonym for a person's name: ``P-`` plus 8 hex characters of HMAC-SHA256(key, name).

    Case and spacing of the name do not matter.

    >>> pseudonym("Fenna Fictief", b"0" * 32) == pseudonym(" fenna  FICTIEF ", b"0" * 32)
    True
    """
    digest = hmac.new(key, _normalise_name(name).encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{prefix}-{digest[:8].upper()}"


class Scrubber:
    """Replace every occurrence of known person names (and their longer name parts) in free text.

    Parameters
    ----------
    replacements : mapping of str to str
        Real name -> replacement (role or pseudonym).
    """

    def __init__(self, replacements: Mapping[str, str]) -> None:
        full: dict[str, str] = {}
        parts: dict[str, str] = {}
        for name, repl in replacements.items():
            name = " ".join(str(name).split())
            if not name:
                continue
            full[name] = repl
            for part in name.split(" "):
                # name parts of 4+ letters, capitalised: surnames and first names, not 'van', 'de', ...
                if len(part) >= 4 and part[:1].isupper():
                    parts.setdefault(part, repl)
        # full names in any case; single name parts only when capitalised as written, so that a surname that is
        # also a word ('Bedacht' / 'bedacht') does not mangle ordinary text
        self._pairs = sorted(full.items(), key=lambda kv: -len(kv[0])) + sorted(
            ((p, r) for p, r in parts.items() if p not in full), key=lambda kv: -len(kv[0]))
        self._patterns = [
            (re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.IGNORECASE if n in full else 0), r)
            for n, r in self._pairs
        ]
        from wijklib.privacy import TextScrubber

        # then addresses, postcodes, phone numbers, e-mail addresses and "title + name" (wijklib.privacy);
        # the replacement labels (roles, pseudonyms) are kept as they are
        keep = set(replacements.values()) | {w for v in replacements.values() for w in str(v).split()}
        self.text_scrubber = TextScrubber(keep=keep, free_names=False)  # name-likes: warned (stories)

    @property
    def report(self):
        """What the pattern scrubber replaced (:class:`wijklib.privacy.ScrubReport`, counts only)."""
        return self.text_scrubber.report

    def __call__(self, text: object) -> object:
        if not isinstance(text, str) or not text:
            return text
        for pattern, repl in self._patterns:
            text = pattern.sub(repl, text)
        return self.text_scrubber(text)

    def names(self) -> list[str]:
        """The strings that are replaced (for tests and audits; never export this)."""
        return [n for n, _ in self._pairs]


# -- name-like text that is in no register --------------------------------------------------------------------------
# one implementation for stories, the scrubber and the before-write check: wijklib.privacy
from wijklib.privacy import TUSSENVOEGSELS, initials, name_like  # noqa: E402,F401


def key_person_names(source, *, key: bytes | None = None) -> dict[str, str]:
    """Name -> pseudonym of the key-person register of notebook 07 (:mod:`wijklib.gemeenschap`).

    The names stay in memory only (for scrubbing and audits); never export the result.

    Parameters
    ----------
    source : str, Path, DataFrame or mapping
        The register file (``sleutelpersonen.csv`` / ``.xlsx``), a workbench folder holding it, a DataFrame in the
        register's layout, or an existing mapping name -> pseudonym (returned as a dict).
    key : bytes, optional
        The pseudonym key (default :func:`load_key`).
    """
    if isinstance(source, Mapping):
        return {str(k): str(v) for k, v in source.items()}
    from wijklib.gemeenschap.werkbank import _find, _read_key_persons

    if isinstance(source, (str, Path)) and Path(source).is_dir():
        found = _find(Path(source), "sleutelpersonen")
        if found is None:
            raise InputError("map bevat geen register van sleutelpersonen (sleutelpersonen.csv of .xlsx)",
                             file=source)
        source = found
    if isinstance(source, (str, Path)) and not Path(source).exists():
        raise InputError("register van sleutelpersonen bestaat niet", file=source)
    return dict(_read_key_persons(source, key=key).names)


# -- audit of exported files ----------------------------------------------------------------------------------------
#: File types that :func:`audit` reads; other files are listed as not checked.
AUDIT_SUFFIXES: tuple[str, ...] = (".csv", ".tsv", ".txt", ".md", ".json", ".html", ".htm", ".xlsx", ".gexf",
                                   ".graphml", ".xml", ".qdc", ".qde", ".qdpx", ".zip")

_PART = re.compile(r"^[A-ZÀ-Ý][\w'\-]{3,}$")


class PrivacyLeakError(WijklibError):
    """A person name was found in a file that is about to be shared."""


@dataclass
class PrivacyAudit:
    """The outcome of :func:`audit`.

    Attributes
    ----------
    folder : Path
        The folder (or file) that was checked.
    checked : tuple of str
        Files that were read, relative to ``folder``. A person name in a file or folder name is shown masked as
        ``[naam: <role or pseudonym>]``.
    skipped : tuple of str
        Files of a type that cannot be read as text (images, PDF, ...): check these yourself.
    findings : DataFrame
        One row per hit: ``bestand``, ``plek`` (``regel 3``, ``Actoren!B7``, a JSON path, ``bestandsnaam`` or
        ``eigenschappen: creator``), ``persoon`` (the person's role or pseudonym, never the name) and ``treffer``
        (``volledige naam`` or ``deel van de naam``). The names themselves are not stored.
    """

    folder: Path
    checked: tuple[str, ...]
    skipped: tuple[str, ...]
    findings: "pd.DataFrame"

    @property
    def ok(self) -> bool:
        """True when no name was found."""
        return len(self.findings) == 0

    def __bool__(self) -> bool:
        return self.ok

    def files_with_names(self) -> list[str]:
        """Files with at least one hit, in order."""
        return list(dict.fromkeys(self.findings["bestand"])) if not self.ok else []

    def summary_nl(self) -> str:
        """A short Dutch report: how many files were checked, where names were found, what was not checked."""
        n = len(self.checked)
        lines = [f"Gecontroleerd: {n} {'bestand' if n == 1 else 'bestanden'}; "
                 + ("geen namen van personen gevonden." if self.ok else
                    f"namen van personen gevonden in {len(self.files_with_names())} bestand(en):")]
        if not self.ok:
            for file, sub in self.findings.groupby("bestand", sort=False):
                places = ", ".join(dict.fromkeys(sub["plek"]))
                who = ", ".join(dict.fromkeys(sub["persoon"]))
                lines.append(f"- {file}: {len(sub)} treffer(s) ({places}); persoon: {who}")
        if self.skipped:
            lines.append(f"Niet gecontroleerd (geen tekst, controleer zelf): {', '.join(self.skipped)}")
        return "\n".join(lines)

    def raise_if_found(self) -> None:
        """Raise :class:`PrivacyLeakError` naming the files with names (not the names) when any was found."""
        if not self.ok:
            raise PrivacyLeakError("namen van personen gevonden in " + ", ".join(self.files_with_names())
                                   + "; deel deze bestanden niet en exporteer opnieuw zonder namen")

    def _repr_markdown_(self) -> str:  # pragma: no cover - notebook nicety
        return self.summary_nl()


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _json_strings(value, path: str = "$") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield path, str(k)
            yield from _json_strings(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _json_strings(v, f"{path}[{i}]")


_XML_SUFFIXES = (".gexf", ".graphml", ".xml", ".qdc", ".qde")
_ZIP_SUFFIXES = (".qdpx", ".zip")


def _xml_segments(data: bytes) -> Iterator[tuple[str, str]]:
    """Element text, tails and attribute values of an XML document (falls back to its lines when not valid)."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        for i, line in enumerate(_decode(data).splitlines(), start=1):
            yield f"regel {i}", html.unescape(line)
        return
    counts: dict[str, int] = {}
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else "?"
        counts[tag] = counts.get(tag, 0) + 1
        where = f"<{tag}> nr. {counts[tag]}"
        for attr, value in el.attrib.items():
            if value:
                yield f"{where} @{attr.rsplit('}', 1)[-1]}", value
        if el.text and el.text.strip():
            yield where, el.text
        if el.tail and el.tail.strip():
            yield where, el.tail


def _content_segments(name: str, data: bytes, depth: int = 0) -> Iterator[tuple[str, str]]:
    """(place, text) pieces of file content: lines of text, JSON strings, XML text and attribute values, the
    members of zip files (``.qdpx``), xlsx cell values and properties."""
    import io
    import zipfile

    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), read_only=True)
        try:
            for field in ("creator", "lastModifiedBy", "title", "subject", "description", "keywords"):
                value = getattr(wb.properties, field, None)
                if value:
                    yield f"eigenschappen: {field}", str(value)
            for ws in wb.worksheets:
                yield f"bladnaam {ws.title}", ws.title
                for row in ws.iter_rows():
                    for cell in row:
                        if cell.value is not None and getattr(cell, "coordinate", None):
                            yield f"{ws.title}!{cell.coordinate}", str(cell.value)
        finally:
            wb.close()
        return
    if suffix in _ZIP_SUFFIXES:
        if depth > 2:
            raise ValueError("te diep geneste zipbestanden")
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                yield f"{info.filename}: bestandsnaam", info.filename
                for place, text in _content_segments(info.filename, zf.read(info), depth + 1):
                    yield f"{info.filename}: {place}", text
        return
    if suffix in _XML_SUFFIXES:
        yield from _xml_segments(data)
        return
    text = _decode(data)
    if suffix == ".json":
        try:
            yield from _json_strings(json.loads(text))
            return
        except ValueError:
            pass  # not valid JSON: search the raw text
    unescape = suffix in (".html", ".htm")
    for i, line in enumerate(text.splitlines(), start=1):
        yield f"regel {i}", html.unescape(line) if unescape else line


def _segments(path: Path) -> Iterator[tuple[str, str]]:
    """(place, text) pieces of a file (see :func:`_content_segments`)."""
    yield from _content_segments(path.name, path.read_bytes())


def _name_patterns(sset, extra_names: Iterable[str] | Mapping[str, str]) -> list[tuple["re.Pattern", str, str]]:
    """(pattern, person label, kind) for every person name and its distinctive parts; ids never included.

    ``extra_names`` is an iterable of names (shown as ``extra naam <n>``) or a mapping name -> pseudonym or role.
    """
    actors = tuple(sset.actors) if sset is not None else ()
    ids = {a.actor_id.casefold() for a in actors}
    if sset is not None:
        ids |= {str(v).casefold() for v in sset.public_ids(False).values()}
    labels = sset.labels(False) if sset is not None else {}
    open_words = {w for a in actors if not a.natuurlijk_persoon for w in re.findall(r"[\w'\-]+", a.naam)}
    people = [(a.naam, labels[a.actor_id]) for a in actors if a.natuurlijk_persoon]
    if isinstance(extra_names, Mapping):
        people += [(n, str(who)) for n, who in extra_names.items()]
    else:
        people += [(n, f"extra naam {i}") for i, n in enumerate(extra_names, start=1)]
    out = []
    for name, who in people:
        words = str(name).split()
        if not words:
            continue
        if " ".join(words).casefold() not in ids:
            full = r"\s+".join(re.escape(w) for w in words)
            out.append((re.compile(rf"(?<!\w){full}(?!\w)", re.IGNORECASE), who, "volledige naam"))
        if len(words) > 1:
            for part in dict.fromkeys(words):
                if _PART.match(part) and part.casefold() not in ids and part not in open_words:
                    out.append((re.compile(rf"(?<!\w){re.escape(part)}(?!\w)"), who, "deel van de naam"))
    return out


def _hits(rel: str, segments: Iterable[tuple[str, str]], patterns) -> list[dict]:
    rows = []
    for place, text in segments:
        for pattern, who, kind in patterns:
            if pattern.search(text):
                rows.append({"bestand": rel, "plek": place, "persoon": who, "treffer": kind})
    return rows


def _findings(rows: list[dict]) -> "pd.DataFrame":
    import pandas as pd

    findings = pd.DataFrame(rows, columns=["bestand", "plek", "persoon", "treffer"])
    if not findings.empty:  # a full-name hit makes the part hits in the same place redundant
        full = findings[findings["treffer"] == "volledige naam"][["bestand", "plek", "persoon"]]
        key = findings[["bestand", "plek", "persoon"]].apply(tuple, axis=1)
        dup = key.isin(set(full.apply(tuple, axis=1))) & (findings["treffer"] != "volledige naam")
        findings = findings[~dup].drop_duplicates().reset_index(drop=True)
    return findings


def check_content(contents: Mapping[str, bytes | str], sset=None, *,
                  extra_names: Iterable[str] | Mapping[str, str] = ()) -> PrivacyAudit:
    """Search file contents that are about to be written for person names, the same way :func:`audit` does.

    Writers call this (through :func:`refuse_names`) before anything is written, so a file with a name is never
    created.

    Parameters
    ----------
    contents : mapping of str to bytes or str
        File name (its suffix decides how it is read: text, JSON, XML such as GEXF, GraphML and REFI-QDA ``.qdc``,
        zip such as ``.qdpx``, ``.xlsx``) -> content.
    sset : StakeholderSet, optional
        The set whose person names are searched for.
    extra_names : iterable of str or mapping of str to str
        Other names (informants, the key-person register: name -> pseudonym).

    Returns
    -------
    PrivacyAudit
        With ``folder`` the first file name; every file counts as checked.
    """
    patterns = _name_patterns(sset, extra_names)
    rows, names = [], []
    for name, data in contents.items():
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        rel = Path(name).name
        for pattern, who, _ in patterns:
            rel = pattern.sub(f"[naam: {who}]", rel)
        names.append(rel)
        rows += _hits(rel, [("bestandsnaam", Path(name).name), *_content_segments(name, raw)], patterns)
    first = Path(next(iter(contents), "."))
    return PrivacyAudit(folder=first, checked=tuple(names), skipped=(), findings=_findings(rows))


def refuse_names(contents: Mapping[str, bytes | str], sset=None, *,
                 extra_names: Iterable[str] | Mapping[str, str] = ()) -> None:
    """Raise :class:`PrivacyLeakError` before writing when a person name is in the content (see
    :func:`check_content`); the message names the file, the place and the person's role or pseudonym, never the
    name. Nothing is written."""
    if sset is None and not extra_names:
        return
    result = check_content(contents, sset, extra_names=extra_names)
    if not result.ok:
        places = "; ".join(f"{r.bestand} ({r.plek}: {r.persoon})" for r in result.findings.head(5).itertuples())
        more = f" en nog {len(result.findings) - 5}" if len(result.findings) > 5 else ""
        raise PrivacyLeakError("niet geschreven: de inhoud bevat namen van personen in " + places + more
                               + ". Vervang de naam door een rol of pseudoniem en exporteer opnieuw.")


def audit(folder: str | Path, sset, *, recursive: bool = True, extra_names: Iterable[str] = ()) -> PrivacyAudit:
    """Search exported files for the names of the natural persons in a stakeholder set.

    Reads CSV, TSV, TXT, Markdown, JSON and HTML files as text (HTML entities decoded, JSON strings parsed), XML
    files (GEXF, GraphML, REFI-QDA ``.qdc``/``.qde``: element text and attribute values), the members of zip files
    (REFI-QDA ``.qdpx``) and the cell values, sheet names and document properties of ``.xlsx`` workbooks. A person's full name is found
    in any case and with any spacing; distinctive name parts (capitalised, 4+ letters, as written) are found
    too, except parts that also occur in the name of an organisation in the set (those are shown openly).
    Actor ids and pseudonyms are never searched, so ``A17`` or a cell reference does not count as a name.

    The result never contains the names: hits are reported by file, place and the person's role or pseudonym.

    Parameters
    ----------
    folder : str or Path
        A folder with exports (or a single file).
    sset : StakeholderSet
        The set whose person names are searched for (the names stay in memory only).
    recursive : bool
        Also search subfolders (default True).
    extra_names : iterable of str or mapping of str to str
        Other names to search for, for example of informants or of the key-person register (their names are
        not in the set); a mapping gives name -> pseudonym or role to report instead of the name.

    Returns
    -------
    PrivacyAudit
        ``ok``, ``findings``, ``checked``, ``skipped``, ``summary_nl()`` and ``raise_if_found()``.

    Raises
    ------
    InputError
        When ``folder`` does not exist.

    Examples
    --------
    >>> resultaat = audit("output/stakeholders", sset)     # doctest: +SKIP
    >>> print(resultaat.summary_nl())                      # doctest: +SKIP
    Gecontroleerd: 9 bestanden; geen namen van personen gevonden.
    """
    folder = Path(folder)
    if not folder.exists():
        raise InputError("map of bestand om te controleren bestaat niet", file=folder)
    if folder.is_file():
        root, files = folder.parent, [folder]
    else:
        root = folder
        files = sorted(p for p in (folder.rglob("*") if recursive else folder.glob("*")) if p.is_file())
    patterns = _name_patterns(sset, extra_names)
    checked, skipped, rows = [], [], []
    for path in files:
        rel = path.relative_to(root).as_posix()
        for pattern, who, _ in patterns:  # a name in the path itself is reported masked, never shown
            rel = pattern.sub(f"[naam: {who}]", rel)
        segments: list[tuple[str, str]] = [("bestandsnaam", path.name)]
        if path.suffix.lower() in AUDIT_SUFFIXES:
            try:
                segments += list(_segments(path))
            except Exception as exc:  # unreadable file (corrupt workbook, ...): cannot vouch for it
                raise InputError(f"kan dit bestand niet lezen om het te controleren ({type(exc).__name__})",
                                 file=path) from None
            checked.append(rel)
        else:
            skipped.append(rel)
        rows += _hits(rel, segments, patterns)
    return PrivacyAudit(folder=folder, checked=tuple(checked), skipped=tuple(skipped), findings=_findings(rows))


def check_frames(frames: Mapping[str, "pd.DataFrame"], sset, *, extra_names: Iterable[str] = ()) -> None:
    """The privacy audit on content, before anything is written: refuse when a person's data is still present.

    Searches every text cell (and column name) of the tables for the names of the natural persons in ``sset``
    (as :func:`audit` does) and for addresses, postcodes, phone numbers and e-mail addresses
    (:func:`wijklib.privacy.find_personal_data`).

    Parameters
    ----------
    frames : mapping of str to DataFrame
        Table name -> table about to be written.
    sset : StakeholderSet
    extra_names : iterable of str
        Other names, for example of informants.

    Raises
    ------
    PrivacyLeakError
        Naming table, row and column and the person's role or pseudonym (never the name); nothing is written.
    """
    from wijklib.io.tables import FIRST_DATA_ROW
    from wijklib.privacy import find_personal_data

    patterns = _name_patterns(sset, extra_names)
    hits: list[str] = []
    for table, df in frames.items():
        cells = [(f"{table}: kolomnaam", str(c)) for c in df.columns]
        for col in df.columns:
            for i, v in enumerate(df[col].tolist(), start=FIRST_DATA_ROW):  # the row a spreadsheet shows
                if isinstance(v, str) and v:
                    cells.append((f"{table} rij {i}, kolom {col}", v))
        for place, text in cells:
            who = next((w for pattern, w, _ in patterns if pattern.search(text)), None)
            if who is not None:
                hits.append(f"{place} (naam van {who})")
                continue
            kinds = [k for k in find_personal_data(text) if k != "naam"]
            if kinds:
                hits.append(f"{place} ({', '.join(kinds)})")
    if hits:
        raise PrivacyLeakError("export niet geschreven: persoonsgegevens gevonden in " + "; ".join(hits[:8])
                               + ("; ..." if len(hits) > 8 else "")
                               + ". Haal ze weg uit de invoer of exporteer met rol of pseudoniem.")
