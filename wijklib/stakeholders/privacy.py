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
  node such as "crimineel netwerk" is allowed.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path
from typing import Iterable, Mapping

from wijklib.errors import InputError

__all__ = ["KEY_ENV", "default_key_path", "load_key", "pseudonym", "Scrubber", "CRIMINAL_WORDS",
           "looks_criminal"]

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
    return Path(__file__).resolve().parents[2]


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
    forbidden = [Path(d).resolve() for d in forbidden_dirs] + [_project_root() / "data"]
    for folder in forbidden:
        if resolved == folder or folder in resolved.parents:
            raise InputError(
                f"de sleutel voor pseudoniemen mag niet in de datamap {folder} staan: wie de data krijgt, zou dan "
                f"ook de sleutel hebben. Zet de sleutel buiten het project (standaard ~/.config/wijklib/"
                f"pseudoniem.key) of wijs een ander bestand aan met de omgevingsvariabele {KEY_ENV}",
                file=path)
    if path.exists():
        key = path.read_bytes().strip()
        if len(key) < 16:
            raise InputError("sleutelbestand is te kort (minstens 16 tekens nodig)", file=path)
        return key
    if not create:
        raise InputError("sleutelbestand voor pseudoniemen bestaat niet", file=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32).encode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


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

    def __call__(self, text: object) -> object:
        if not isinstance(text, str) or not text:
            return text
        for pattern, repl in self._patterns:
            text = pattern.sub(repl, text)
        return text

    def names(self) -> list[str]:
        """The strings that are replaced (for tests and audits; never export this)."""
        return [n for n, _ in self._pairs]
