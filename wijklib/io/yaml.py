"""The one YAML loader of wijklib: project files, settings, trackers, catalogues, training material.

Every YAML file a user (or wijklib itself) writes is read through :func:`load_yaml`, so that every such file
gives the same Dutch messages for the same mistakes: not UTF-8, a syntax error (with line and column), a key
given twice in one mapping, an empty file, or the wrong kind of content at the top.

PyYAML's English problem texts are translated to Dutch with a hint (:func:`yaml_problem_nl`); the English text
stays in square brackets behind it, so a user can still search for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from wijklib.errors import InputError

__all__ = ["load_yaml", "yaml_problem_nl"]

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
    >>> load_yaml("urgentie.yaml", text="k: 20\\nk: 30\\n")
    Traceback (most recent call last):
    ...
    wijklib.errors.InputError: urgentie.yaml: geen geldige YAML (regel 2, kolom 1): de sleutel 'k' staat twee keer in dezelfde mapping (eerst op regel 1); de tweede zou de eerste stilletjes vervangen [found duplicate key 'k']. Tip: haal een van de twee weg of voeg ze samen.
    """
    prefix = f"{what}: " if what else ""
    file = Path(path) if path is not None else None
    if text is None:
        if file is None:
            raise TypeError("load_yaml needs a path or text")
        text = _read_text(file, prefix, error)
    try:
        try:
            data = yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a SafeLoader (no Python objects)
        except yaml.YAMLError:
            data = yaml.load(text, Loader=_Loader)  # noqa: S506 - the same, for the Python parser's problem text
    except yaml.YAMLError as exc:
        raise error(f"{prefix}geen geldige YAML{yaml_problem_nl(exc, text)}", file=file) from None
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


# --- Dutch problem texts -------------------------------------------------------------------------------------------

class _DuplicateKeyError(yaml.constructor.ConstructorError):
    """A key given twice in one mapping (PyYAML itself silently keeps the last one)."""


class _NoDuplicateKeys:
    """Loader mixin that refuses a key given twice in one mapping (PyYAML would silently keep the second)."""

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                # merge keys (<<) may be overridden on purpose; only plain scalar keys are compared
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
                if key in seen:
                    raise _DuplicateKeyError("while constructing a mapping", seen[key],
                                             f"found duplicate key {key!r}", key_node.start_mark)
                seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _Loader(_NoDuplicateKeys, yaml.SafeLoader):
    """``yaml.SafeLoader`` without duplicate keys: its problem texts are the ones translated to Dutch."""


#: libyaml's parser where PyYAML was built with it (about ten times faster on the catalogue); a document it refuses
#: is read again with :class:`_Loader`, so the messages are always those of the Python parser.
_FastLoader: Any = (type("_FastLoader", (_NoDuplicateKeys, yaml.CSafeLoader), {})
                    if getattr(yaml, "__with_libyaml__", False) else _Loader)


#: Dutch names of PyYAML's token names in "expected ..., but found ..." problems.
_TOKENS: dict[str, str] = {
    "<stream end>": "het einde van het bestand", "<scalar>": "een waarde", "-": "een lijstitem ('-')",
    "?": "een sleutel ('?')", ":": "een dubbele punt", "<block mapping start>": "een nieuwe mapping (sleutel: waarde)",
    "<block sequence start>": "een lijst ('- ...')", "<block end>": "het einde van het blok",
    "<alias>": "een verwijzing ('*')", "<anchor>": "een anker ('&')", "<tag>": "een tag ('!')",
    "<document start>": "'---'", "<document end>": "'...'", "<block entry>": "een lijstitem ('-')",
}

_INDENT_HINT = ("meestal klopt het inspringen niet: sleutels en lijstitems op hetzelfde niveau beginnen in dezelfde "
                "kolom (gebruik spaties), en een waarde met leestekens zet u tussen aanhalingstekens")
_QUOTE_HINT = "zet de waarde tussen aanhalingstekens (\"...\")"


def _tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _token(name: str) -> str:
    return _TOKENS.get(name, f"'{name}'")


def _char(found: str) -> str:
    """PyYAML's repr of a character, in Dutch where it is invisible."""
    return {"'\\t'": "een tab", "'\\n'": "het einde van de regel", "' '": "een spatie",
            "'\\x00'": "het einde van het bestand", "'\\r'": "het einde van de regel"}.get(found, found)


def _found_char(m: re.Match[str]) -> tuple[str, str]:
    ch = m.group(1)
    if ch == "'\\t'":
        return ("een tab-teken; YAML springt in met spaties", "gebruik spaties, geen tabs (stel de editor in op "
                "'tabs als spaties')")
    return (f"het teken {ch} kan hier geen waarde beginnen (het heeft in YAML een eigen betekenis)",
            f"{_QUOTE_HINT}, bijvoorbeeld naam: \"{ch.strip(chr(39))}...\"")


def _expected_but(m: re.Match[str]) -> tuple[str, str]:
    want, got = m.group(1), m.group(2)
    if want in ("',' or ']'", "',' or '}'"):
        close = want[-2]
        kind = "een lijst tussen [ ]" if close == "]" else "een mapping tussen { }"
        where = "het bestand houdt op" if got == "<stream end>" else f"vond {_token(got)}"
        return (f"{kind} is niet goed afgesloten: verwachtte ',' of '{close}', maar {where}",
                f"sluit af met '{close}' en scheid de items met komma's; een item met een komma of dubbele punt "
                f"erin zet u tussen aanhalingstekens")
    if want == "<block end>":
        return (f"verwachtte {_token(want)}, maar vond {_token(got)}", _INDENT_HINT)
    if want == "'<document start>'":
        return (f"na het einde van het document staat nog {_token(got)}",
                "haal de losse tekens of de regel '...' weg; een haakje te veel?")
    return (f"verwachtte {_token(want)}, maar vond {_token(got)}", _INDENT_HINT)


#: (pattern on PyYAML's problem text, function of the match -> (Dutch problem, hint)).
_PROBLEMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[str, str]]], ...] = tuple(
    (re.compile(p), f) for p, f in [
        (r"^mapping values are not allowed here$", lambda m: (
            "hier mag geen 'sleutel: waarde' staan",
            "staat er een dubbele punt met een spatie erachter in een waarde? Zet de waarde dan tussen "
            "aanhalingstekens (naam: \"Wijk: Noord\"); of klopt het inspringen niet (sleutels op hetzelfde "
            "niveau beginnen in dezelfde kolom)")),
        (r"^sequence entries are not allowed here$", lambda m: (
            "hier mag geen lijstitem ('- ...') staan",
            "begin een lijst op een nieuwe regel onder de sleutel, ingesprongen met spaties; of zet tekst die met "
            "'-' begint tussen aanhalingstekens")),
        (r"^mapping keys are not allowed here$", lambda m: ("hier mag geen sleutel ('?') staan", _INDENT_HINT)),
        (r"^found character ('.*') that cannot start any token$", _found_char),
        (r"^could not find expected ':'$", lambda m: (
            "verwachtte een dubbele punt (':') na de sleutel die op {context} begint",
            "elke regel in een mapping is 'sleutel: waarde' met een spatie na de dubbele punt; een tekst over "
            "meer regels zet u tussen aanhalingstekens")),
        (r"^found undefined alias '(.*)'$", lambda m: (
            f"onbekende verwijzing *{m.group(1)} (er staat eerder in het bestand geen anker &{m.group(1)})",
            "een waarde die met '*' begint is in YAML een verwijzing; bedoelt u tekst, zet die dan tussen "
            "aanhalingstekens")),
        (r"^found duplicate anchor '(.*)'; first occurrence$", lambda m: (
            f"het anker &{m.group(1)} staat twee keer in het bestand (eerst op {{context}})",
            "geef elk anker een eigen naam")),
        (r"^found duplicate key (.*)$", lambda m: (
            f"de sleutel {m.group(1)} staat twee keer in dezelfde mapping (eerst op {{context}}); de tweede "
            "zou de eerste stilletjes vervangen", "haal een van de twee weg of voeg ze samen")),
        (r"^found unhashable key$", lambda m: (
            "een lijst of mapping kan geen sleutel zijn",
            "een sleutel is een gewone tekst; zet een sleutel die met '[' of '{' begint tussen aanhalingstekens")),
        (r"^found unexpected end of stream$", lambda m: (
            "een tekst tussen aanhalingstekens is niet afgesloten",
            "sluit de tekst af met hetzelfde aanhalingsteken; een apostrof binnen enkele aanhalingstekens schrijft "
            "u dubbel ('het ''t'), of gebruik dubbele aanhalingstekens")),
        (r"^found unexpected document separator$", lambda m: (
            "een tekst tussen aanhalingstekens loopt door tot over een regel '---'",
            "sluit de tekst af met hetzelfde aanhalingsteken")),
        (r"^but found another document$", lambda m: (
            "het bestand bevat meer dan een document (een regel '---' of '...' halverwege)",
            "wijklib leest een document per bestand: haal de tweede '---' weg of zet het in een eigen bestand")),
        (r"^found unknown escape character '(.*)'$", lambda m: (
            f"onbekende escape '\\{m.group(1)}' in een tekst tussen dubbele aanhalingstekens",
            "een backslash heeft tussen dubbele aanhalingstekens een eigen betekenis: gebruik enkele "
            "aanhalingstekens ('C:\\map\\bestand.csv'), schrijf de backslash dubbel, of gebruik '/' in paden")),
        (r"^expected escape sequence of \d+ hexadecimal numbers, but found (.*)$", lambda m: (
            f"onvolledige escape in een tekst tussen dubbele aanhalingstekens (vond {_char(m.group(1))})",
            "gebruik enkele aanhalingstekens, schrijf de backslash dubbel, of gebruik '/' in paden")),
        (r"^could not determine a constructor for the tag '(.*)'$", lambda m: (
            f"de tag '{_tag(m.group(1))}' wordt niet gelezen (wijklib leest alleen gewone YAML, om veiligheidsredenen)",
            f"haal de tag weg, of {_QUOTE_HINT} als het tekst is die met '!' begint")),
        (r"^expected alphabetic or numeric character, but found (.*)$", lambda m: (
            f"na '*' of '&' moet een naam volgen (vond {_char(m.group(1))})",
            f"een waarde die met '*' of '&' begint: {_QUOTE_HINT}")),
        (r"^expected chomping or indentation indicators, but found (.*)$|"
         r"^expected indentation indicator in the range 1-9, but found 0$", lambda m: (
            "na '|' of '>' (een tekst over meerdere regels) mag op dezelfde regel niets anders staan",
            f"begin de tekst op de volgende regel, ingesprongen; of {_QUOTE_HINT}")),
        (r"^expected a comment or a line break, but found (.*)$", lambda m: (
            f"verwachtte het einde van de regel (of een commentaar met '#'), maar vond {_char(m.group(1))}",
            _QUOTE_HINT)),
        (r"^expected (.*), but (?:found|got) '(.*)'$", _expected_but),
    ])


def _mark(mark: Any) -> str:
    return f"regel {mark.line + 1}, kolom {mark.column + 1}"


def yaml_problem_nl(exc: yaml.YAMLError, text: str | None = None) -> str:
    """The Dutch description of a PyYAML error: where, what, the English original in brackets, and a hint.

    Parameters
    ----------
    exc : yaml.YAMLError
        The error raised by the parser.
    text : str, optional
        The YAML text (gives the line of a forbidden character, whose error only has a position).

    Returns
    -------
    str
        ``" (regel L, kolom K): <Dutch problem> [<English problem>]. Tip: <hint>."``; only the English text when
        the problem is not one of the translated ones.

    Examples
    --------
    >>> import yaml
    >>> try:
    ...     yaml.safe_load("a:\\n\\tb: 1\\n")
    ... except yaml.YAMLError as exc:
    ...     print(yaml_problem_nl(exc))
     (regel 2, kolom 1): een tab-teken; YAML springt in met spaties [found character '\\t' that cannot start any token]. Tip: gebruik spaties, geen tabs (stel de editor in op 'tabs als spaties').
    """
    if isinstance(exc, yaml.reader.ReaderError):
        where = ""
        if isinstance(exc.character, int) and text is not None and 0 <= exc.position <= len(text):
            line = text.count("\n", 0, exc.position) + 1
            col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
            where = f" (regel {line}, kolom {col})"
        elif exc.position is not None:
            where = f" (positie {exc.position})"
        code = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        return (f"{where}: het bestand bevat een onzichtbaar stuurteken ({code}) dat in YAML niet mag "
                f"[unacceptable character {code}: {exc.reason}]. Tip: haal het teken weg (vaak meegekopieerd uit "
                "een ander programma); in een teksteditor is het soms als een vakje of niet te zien.")
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    where = f" ({_mark(mark)})" if mark is not None else ""
    problem = str(getattr(exc, "problem", None) or getattr(exc, "context", None) or exc).strip()
    if problem == "second occurrence":  # duplicate anchor: the first occurrence is named in the context
        problem = str(getattr(exc, "context", "") or problem)
    for pattern, translate in _PROBLEMS:
        m = pattern.match(problem)
        if m:
            dutch, hint = translate(m)
            if "{context}" in dutch:
                dutch = dutch.replace("{context}", _mark(context_mark).split(",")[0] if context_mark else "?")
            elif context_mark is not None and mark is not None and context_mark.line != mark.line:
                dutch += f" (dit stuk begon op {_mark(context_mark)})"
            end = "" if hint.endswith(("?", ".")) else "."
            return f"{where}: {dutch} [{problem}]. Tip: {hint}{end}"
    return f"{where}: [{problem}]"
