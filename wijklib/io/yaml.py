"""The one YAML loader of wijklib: project files, settings, trackers, catalogues, training material.

Every YAML file a user (or wijklib itself) writes is read through :func:`load_yaml`, so that every such file
gives the same Dutch messages for the same mistakes: not UTF-8, a syntax error (with line and column), an
empty file, or the wrong kind of content at the top.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from wijklib.errors import InputError

__all__ = ["load_yaml"]

#: Sentinel: an empty document is an error (the default of ``empty``).
_REFUSE = object()

#: Dutch names of the YAML kinds, for "expected ..., found ..." messages.
_KINDS: tuple[tuple[type, str], ...] = (
    (bool, "ja/nee"), (dict, "een mapping (sleutel: waarde)"), (list, "een lijst"), (str, "tekst"),
    (int, "een getal"), (float, "een getal"),
)


def _kind(value: object) -> str:
    return next((name for typ, name in _KINDS if isinstance(value, typ)), type(value).__name__)


def _read_text(path: Path, prefix: str, error: type[InputError]) -> str:
    if path.is_dir():
        raise error(f"{prefix}verwacht een YAML-bestand, dit is een map", file=path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{prefix}bestand bestaat niet", file=path) from None
    except UnicodeDecodeError as exc:
        raise error(f"{prefix}het bestand is geen UTF-8 (byte 0x{exc.object[exc.start]:02x} op positie "
                    f"{exc.start}; waarschijnlijk Windows-1252); sla het op als UTF-8", file=path) from None
    except OSError as exc:
        raise error(f"{prefix}kan het bestand niet lezen ({exc.strerror or type(exc).__name__})",
                    file=path) from None


def load_yaml(path: str | Path | None, *, text: str | None = None, what: str | None = None,
              expect: type | tuple[type, ...] | None = dict, empty: Any = _REFUSE,
              error: type[InputError] = InputError) -> Any:
    """Read one YAML document safely (``yaml.safe_load``), with Dutch errors naming the file and the line.

    Parameters
    ----------
    path : str or Path or None
        The file (read as UTF-8). With ``text`` it is only used in messages (may then be ``None``).
    text : str, optional
        YAML text already read (for example from a package resource or a string in a test).
    what : str, optional
        What the file is, in Dutch ("projectbestand", "procesmonitor"): put before every message.
    expect : type or tuple of types or None
        The type the top of the document must have (default a mapping); ``None`` accepts anything.
    empty : optional
        What an empty document (no content, or only comments) gives. Without it an empty document is an error.
        ``empty`` is returned as given (a fresh ``{}`` per call when ``empty={}`` is passed by the caller).
    error : type
        The error class raised (:class:`~wijklib.errors.InputError` or a subclass).

    Returns
    -------
    object
        The document.

    Raises
    ------
    InputError
        Missing file or a folder, not UTF-8, invalid YAML (with line and column), an empty document when
        ``empty`` is not given, or a top-level value that is not ``expect``.

    Examples
    --------
    >>> load_yaml(None, text="k: 20\\nkader: gemeente\\n")
    {'k': 20, 'kader': 'gemeente'}
    >>> load_yaml("urgentie.yaml", text="# nog niets\\n", empty={})
    {}
    >>> load_yaml("urgentie.yaml", text="- 1\\n")
    Traceback (most recent call last):
    ...
    wijklib.errors.InputError: urgentie.yaml: verwacht een mapping (sleutel: waarde) bovenaan het bestand, maar vond een lijst
    """
    prefix = f"{what}: " if what else ""
    file = Path(path) if path is not None else None
    if text is None:
        if file is None:
            raise TypeError("load_yaml needs a path or text")
        text = _read_text(file, prefix, error)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (regel {mark.line + 1}, kolom {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or exc
        raise error(f"{prefix}geen geldige YAML{where}: {problem}", file=file) from None
    if data is None:
        if empty is _REFUSE:
            raise error(f"{prefix}het bestand is leeg; verwacht {_expected(expect)}", file=file)
        return empty
    if expect is not None and not isinstance(data, expect):
        raise error(f"{prefix}verwacht {_expected(expect)} bovenaan het bestand, maar vond {_kind(data)}",
                    file=file)
    return data


def _expected(expect: type | tuple[type, ...] | None) -> str:
    if expect is None:
        return "inhoud"
    types = expect if isinstance(expect, tuple) else (expect,)
    names = [next((name for typ, name in _KINDS if typ is t), t.__name__) for t in types]
    return " of ".join(dict.fromkeys(names))
