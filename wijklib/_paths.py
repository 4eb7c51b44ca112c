"""Paths from user input (notebook parameters, configuration files) that cannot escape their folder.

A relative path in a notebook parameter or a configuration file is resolved against a base folder (the project
folder, or the folder of the configuration file) and must stay inside it after resolving ``..`` and symbolic
links: ``uitvoermap="../../x"`` is refused. An absolute path is accepted: whoever writes ``/data/gemeente/uit``
means that folder on purpose (keuze van wijklib).

An area code used as (part of) a file name must be a valid CBS code (``GM`` + 4 digits, ``WK`` + 6 and ``BU`` + 8 digits or
capitals),
so a parameter such as ``gebied="../m2/WK990102"`` can never point at another folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from wijklib import resources
from wijklib.errors import InputError

__all__ = ["REPO_ROOT", "AREA_CODE_RE", "project_path", "safe_output_dir", "safe_area_filename", "child_path"]

REPO_ROOT = resources.root()
#: The code patterns of :mod:`wijklib.areas` (Amsterdam uses letters in wijk and buurt codes since 2022).
AREA_CODE_RE = re.compile(r"(?:NL\d{2}|GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})")


def _text(value: str | Path, key: str | None) -> str:
    if not isinstance(value, (str, Path)):
        raise InputError(f"verwacht een pad (tekst), kreeg {type(value).__name__}", column=key)
    text = str(value)
    if "\x00" in text:
        raise InputError("het pad bevat een nul-teken", column=key)
    if not text.strip():
        raise InputError("het pad is leeg", column=key)
    return text.strip()


def project_path(value: str | Path, *, key: str | None = None, base: str | Path | None = None) -> Path:
    """Resolve a path from user input: relative paths must stay inside ``base``.

    Parameters
    ----------
    value : str or Path
        The path as the user wrote it. ``~`` is expanded.
    key : str, optional
        Parameter or configuration key, named in the error.
    base : str or Path, optional
        Folder that relative paths are relative to (default: the project folder).

    Returns
    -------
    Path
        Absolute path.

    Raises
    ------
    InputError
        A relative path that leads outside ``base`` (``../../x``), an empty path, a path with a NUL character.

    Examples
    --------
    >>> project_path("output/urgentie") == REPO_ROOT / "output" / "urgentie"
    True
    """
    text = _text(value, key)
    path = Path(text).expanduser()
    if path.is_absolute():
        return path
    root = Path(base).resolve() if base is not None else REPO_ROOT
    resolved = (root / path).resolve()
    if resolved != root and root not in resolved.parents:
        raise InputError(
            f"het pad {text!r} wijst naar een map buiten {'de projectmap' if root == REPO_ROOT else str(root)}; geef "
            "een pad binnen die map op, of een absoluut pad als je echt een andere map bedoelt", column=key)
    return root / path


def safe_output_dir(value: str | Path, *, key: str | None = "uitvoermap", base: str | Path | None = None,
                    create: bool = False) -> Path:
    """An output folder from user input (see :func:`project_path`), which must not be a file.

    Parameters
    ----------
    value, key, base
        As in :func:`project_path`.
    create : bool
        Create the folder (and its parents).

    Returns
    -------
    Path
    """
    path = project_path(value, key=key, base=base)
    if path.exists() and not path.is_dir():
        raise InputError("de uitvoermap is een bestand, geen map", file=path, column=key)
    if create:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"kan de uitvoermap niet maken ({exc.strerror or exc})", file=path,
                             column=key) from exc
    return path


def safe_area_filename(code: str, suffix: str = "", *, key: str | None = "gebied") -> str:
    """A file name made from a CBS area code, refusing anything that is not a plain code.

    Parameters
    ----------
    code : str
        Area code (surrounding spaces are removed; letters must be upper case as CBS writes them).
    suffix : str
        Appended as is, e.g. ``".yaml"``.
    key : str, optional
        Parameter name for the error.

    Returns
    -------
    str
        ``code + suffix``.

    Examples
    --------
    >>> safe_area_filename(" WK990102 ", ".yaml")
    'WK990102.yaml'
    """
    if not isinstance(code, str):
        raise InputError(f"verwacht een gebiedscode (tekst), kreeg {type(code).__name__}", column=key)
    text = code.strip()
    if not AREA_CODE_RE.fullmatch(text):
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise InputError(f"{shown!r} is geen geldige CBS-gebiedscode (verwacht bijv. GM0363, WK036301 of "
                         "BU03630101); een gebiedscode is ook een bestandsnaam, dus andere tekens kunnen niet",
                         column=key)
    if suffix and ("/" in suffix or "\\" in suffix):
        raise InputError(f"ongeldig achtervoegsel {suffix!r}", column=key)
    return text + suffix


def child_path(folder: str | Path, code: str, suffix: str = "", *, key: str | None = "gebied") -> Path:
    """``folder / (code + suffix)`` with the code checked by :func:`safe_area_filename`."""
    return Path(folder) / safe_area_filename(code, suffix, key=key)
