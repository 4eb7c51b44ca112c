"""One project file per gemeente: every setting and input file of an urgency analysis in one YAML file.

The project file is read by :func:`load_project` into a :class:`Project` with validated settings and absolute
paths. Notebooks 01 and 03, ``wijk analyse`` and ``wijk rapport`` all start from the same project, so one file gives
the same scores, ranks, types and focus areas everywhere. **Relative paths resolve against the folder of the
project file**, never against the current directory or the checkout.

A commented example is ``templates/project/voorbeeld_project.yaml``; the fictional demo gemeente is just one such
file (``data/demo/project.yaml``).

Keys (Dutch, as users write them)
---------------------------------
``gemeente``: ``{code: GM0363, naam: Amsterdam}`` (the name is optional: taken from the counted tables).
``cijfers``: one or more counted files (one per year, or one national table); an entry is a path or
``{bestand: x.csv, periode: 2023, encoding: cp1252}`` (the year and text encoding for the reader, see
:class:`CountedFile`).
``buurten``: buurt polygons (optional; without them there are no clusters of adjacent buurten and no maps).
``buurten_crs``, ``wijken``, ``namen`` (a names file), ``vertellen`` (``enquete``, ``schouw``, ``signalen``,
``verhalen``). ``vertellen.verhalen`` is a folder or file of coded story fragments (:mod:`wijklib.stories`), or
``{bron: <folder or file>, stakeholders: <stakeholder folder or workbook with the consent records>,
min_bronnen: 3}``; with ``stakeholders`` a withdrawn informant's fragments leave every result.
``aanleidingen``: the aanleidingen log (:mod:`wijklib.aanleidingen`) for the urgency types acuut and meervoudig.
``referentie``: ``{kader: gemeente | nationaal | peers | lijst, bestand: ..., gebieden: [...], peers_k: 50}``.
``urgentie``: ``{instellingen: <file or mapping of the engine settings>, k: 20, drempel: 0.10,
min_inwoners: 100, trekkingen: 1000}``.
``eigen_indicatoren``: list of ``{id, label, domein, richting, eenheid, min_inwoners, bron, kolom}``.
``jaar``: the year to score (default the latest), ``uitvoer``: output folder (default ``uitvoer/urgentie``).

Examples
--------
>>> from wijklib.project import load_project, DEMO_PROJECT
>>> p = load_project(DEMO_PROJECT)
>>> p.gemeente_code, p.reference_frame
('GM9901', 'gemeente')
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Mapping, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from wijklib import resources
from wijklib.errors import InputError
from wijklib.io.yaml import load_yaml

__all__ = ["Project", "CountedFile", "load_project", "project_from_mapping", "DEMO_PROJECT", "TEMPLATE_PROJECT",
           "FRAMES_NL"]

#: The demo gemeente as a project file.
DEMO_PROJECT = resources.demo_dir() / "project.yaml"
#: The commented example project file.
TEMPLATE_PROJECT = resources.templates_dir() / "project" / "voorbeeld_project.yaml"

#: Dutch reference frame of the project file -> what it means (for messages).
FRAMES_NL = {
    "gemeente": "de buurten van de eigen gemeente",
    "nationaal": "alle buurten van Nederland in de cijferbestanden (of in referentie.bestand)",
    "peers": "vergelijkbare buurten (de k meest gelijkende op stedelijkheid, adressendichtheid en inwoners)",
    "lijst": "een eigen lijst van buurten (referentie.gebieden)",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


if TYPE_CHECKING:
    _ConcretePath = Path
else:
    _ConcretePath = type(Path())  # PosixPath or WindowsPath: Path itself cannot be subclassed before Python 3.12


class CountedFile(_ConcretePath):
    """The path of a counted file with the hints of its ``cijfers`` entry for the reader.

    ``read_hints`` holds the keyword arguments for :func:`wijklib.counted.read_counted` (``period``,
    ``encoding``); :func:`wijklib.analysis.read_counted_files` passes them on. A plain path has no hints.

    >>> f = CountedFile("/data/buurten.csv").with_hints(period=2023, encoding="cp1252")
    >>> str(f), f.read_hints
    ('/data/buurten.csv', {'period': 2023, 'encoding': 'cp1252'})
    """

    read_hints: dict[str, Any]

    def with_hints(self, **hints: Any) -> "CountedFile":
        """Set the hints (None values are left out) and return the path itself."""
        self.read_hints = {k: v for k, v in hints.items() if v is not None}
        return self


class _CijferBestand(_Strict):
    """One ``cijfers`` entry written as a mapping: ``{bestand: x.csv, periode: 2023, encoding: cp1252}``."""

    bestand: str = Field(min_length=1)
    periode: int | None = Field(default=None, ge=1990, le=2100)
    encoding: str | None = None

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            codecs.lookup(v)
        except LookupError:
            raise ValueError(f"onbekende tekencodering {v!r}; bijvoorbeeld utf-8, cp1252 (Windows, Excel 'CSV') of "
                             "latin-1") from None
        return v


class _Gemeente(_Strict):
    code: str
    naam: str | None = None

    @field_validator("code", mode="before")
    @classmethod
    def _code_number(cls, v: Any) -> Any:
        if isinstance(v, int) and not isinstance(v, bool):  # YAML reads 0344 as a (octal) number
            raise ValueError("de gemeentecode is als getal gelezen; schrijf hem als GM gevolgd door 4 cijfers, "
                             "bijvoorbeeld GM0344 (YAML leest 0344 als een getal)")
        return v

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        v = str(v).strip().upper()
        if not (v.startswith("GM") and len(v) == 6 and v[2:].isalnum()):
            raise ValueError(f"{v!r} is geen gemeentecode; verwacht GM gevolgd door 4 tekens, bijvoorbeeld GM0363")
        return v


class _Verhalen(_Strict):
    bron: str
    stakeholders: str | None = None
    min_bronnen: int | None = Field(default=None, ge=1)


class _Vertellen(_Strict):
    enquete: str | None = None
    schouw: str | None = None
    signalen: str | None = None
    verhalen: str | _Verhalen | None = None


#: The reference frames of a project file (the keys of :data:`FRAMES_NL`).
Frame = Literal["gemeente", "nationaal", "peers", "lijst"]


class _Referentie(_Strict):
    kader: Frame = "gemeente"
    bestand: str | list[str] | None = None
    gebieden: list[str] = Field(default_factory=list)
    peers_k: int = Field(default=50, ge=2)


class _Urgentie(_Strict):
    instellingen: str | dict[str, Any] | None = None
    k: int | None = Field(default=None, ge=1)
    drempel: float | None = Field(default=None, gt=0.0, lt=1.0)
    min_inwoners: int | None = Field(default=None, ge=0)
    trekkingen: int | None = Field(default=None, ge=0)


class _EigenIndicator(_Strict):
    id: str
    label: str
    domein: str
    richting: Literal["hoger_is_slechter", "hoger_is_beter", "context"]
    eenheid: str = "aantal"
    min_inwoners: int = Field(0, ge=0)
    bron: str
    kolom: str | None = None
    omschrijving: str | None = None

    @field_validator("eenheid")
    @classmethod
    def _unit(cls, v: str) -> str:
        from wijklib.indicators import UNIT_LABELS_NL

        if v not in UNIT_LABELS_NL:
            raise ValueError(f"onbekende eenheid {v!r}; kies uit {', '.join(UNIT_LABELS_NL)}")
        return v


class _ProjectFile(_Strict):
    versie: Literal[1] = 1
    gemeente: _Gemeente
    cijfers: str | _CijferBestand | list[str | _CijferBestand]
    buurten: str | None = None
    buurten_crs: str | None = None
    wijken: str | None = None
    namen: str | None = None
    aanleidingen: str | None = None
    vertellen: _Vertellen = Field(default_factory=_Vertellen)
    referentie: _Referentie = Field(default_factory=_Referentie)
    urgentie: _Urgentie = Field(default_factory=_Urgentie)
    eigen_indicatoren: list[_EigenIndicator] = Field(default_factory=list)
    jaar: int | None = None
    uitvoer: str = Field(default="uitvoer/urgentie", min_length=1)
    fictief: bool = False


#: Every model of the project file (to resolve pydantic's union-branch tags in error locations).
_ALL_MODELS: tuple[type[BaseModel], ...] = (_ProjectFile, _Gemeente, _CijferBestand, _Verhalen, _Vertellen,
                                            _Referentie, _Urgentie, _EigenIndicator)


def _key(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(projectbestand)"


#: pydantic error types -> Dutch text (``{x}`` from the error's context).
_MESSAGES_NL = {
    "string_type": "verwacht tekst",
    "int_type": "verwacht een geheel getal", "int_parsing": "verwacht een geheel getal",
    "int_from_float": "verwacht een geheel getal",
    "float_type": "verwacht een getal", "float_parsing": "verwacht een getal",
    "bool_type": "verwacht ja of nee (true of false)", "bool_parsing": "verwacht ja of nee (true of false)",
    "list_type": "verwacht een lijst", "tuple_type": "verwacht een lijst",
    "dict_type": "verwacht een lijst sleutels", "model_type": "verwacht een lijst sleutels",
    "greater_than": "moet groter zijn dan {gt}", "greater_than_equal": "moet minstens {ge} zijn",
    "less_than": "moet kleiner zijn dan {lt}", "less_than_equal": "mag hoogstens {le} zijn",
    "too_short": "te weinig elementen (minstens {min_length})", "too_long": "te veel elementen (hoogstens {max_length})",
    "string_too_short": "te korte tekst", "none_required": "moet leeg zijn",
}


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models in a field annotation (``str | _X | list[str | _X]`` -> ``[_X]``)."""
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found += [m for m in _models_in(arg) if m not in found]
    return found


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model that holds the last key of an error location (None: not a model, e.g. an inline mapping)."""
    model: type[BaseModel] = _ProjectFile
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        if field is not None:
            models = _models_in(field.annotation)
            if not models:
                return None
            model = models[0]
            continue
        branch = next((m for m in _ALL_MODELS if m.__name__ == part), None)
        if branch is not None:  # pydantic's tag of a union branch, e.g. '_CijferBestand'
            model = branch
    return model


def _message(err: Mapping[str, Any]) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx", {}) or {}
    if kind == "extra_forbidden":
        loc = tuple(err.get("loc", ()))
        model = _model_at(loc) if loc else None
        if model is not None:
            return (f"onbekende sleutel '{loc[-1]}'; toegestaan: {', '.join(model.model_fields)} (zie "
                    "templates/project/voorbeeld_project.yaml)")
        return "onbekende sleutel (zie templates/project/voorbeeld_project.yaml voor alle sleutels)"
    if kind == "missing":
        return "verplichte sleutel ontbreekt"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", " of ")
        return f"onbekende waarde {err.get('input')!r}; verwacht {expected}"
    if kind == "value_error":
        return str(ctx.get("error", err.get("msg")))
    text = _MESSAGES_NL.get(kind)
    if text is None:
        return f"ongeldige waarde (kreeg {err.get('input')!r})"
    try:
        text = text.format(**ctx)
    except (KeyError, IndexError):
        pass
    return f"{text} (kreeg {err.get('input')!r})"


class Project:
    """A validated project file with absolute paths.

    Attributes
    ----------
    file : Path or None
        The project file (None for a project built from a mapping without file).
    base : Path
        Folder that relative paths resolve against.
    gemeente_code : str
    gemeente_naam : str or None
        As given in the file (None: taken from the data).
    counted_files : list of Path
    buurten, buurten_crs, wijken, names_file, survey, schouw, signals, aanleidingen : Path / str or None
    stories : Path or None
        Folder or file of coded story fragments (``vertellen.verhalen``).
    stories_consent : Path or None
        Stakeholder folder or workbook whose research records give the informants' consent.
    stories_min_sources : int or None
        Small-number rule of the stories (default :data:`wijklib.stories.MIN_SOURCES`).
    reference_frame : {'gemeente', 'nationaal', 'peers', 'lijst'}
    reference_files : list of Path
        Separate national reference tables (default: the counted files themselves).
    reference_areas : list of str
    peers_k : int
    urgency_settings : Path, dict or None
        Engine settings (file or inline mapping), before the shorthands.
    k, threshold, min_population, draws : optional shorthands
    own_indicators : list of dict
        Own indicators in the form of :func:`wijklib.indicators.with_own_indicators`.
    period : int or None
    output : Path
    fictional : bool
    """

    def __init__(self, data: _ProjectFile, *, base: Path, file: Path | None) -> None:
        self.file = file
        self.base = base
        self._data = data
        self.gemeente_code = data.gemeente.code
        self.gemeente_naam = data.gemeente.naam
        cijfers = list(data.cijfers) if isinstance(data.cijfers, list) else [data.cijfers]
        if not cijfers:
            raise InputError("geef minstens één bestand met cijfers", file=file, key="cijfers")
        self.counted_files: list[Path] = [self._counted_file(c, f"cijfers[{i}]" if len(cijfers) > 1 else "cijfers")
                                          for i, c in enumerate(cijfers, start=1)]
        for j, later in enumerate(self.counted_files[1:], start=2):  # the same file twice would count it twice
            first = next((i for i, p in enumerate(self.counted_files[:j - 1], start=1) if _same_file(p, later)), None)
            if first is not None:
                raise InputError(f"cijfers[{j}] noemt hetzelfde bestand als cijfers[{first}] ({Path(later).name}); "
                                 "noem elk cijferbestand één keer", file=file, key=f"cijfers[{j}]")
        self.buurten = self._path(data.buurten, "buurten")
        self.buurten_crs = data.buurten_crs
        self.wijken = self._path(data.wijken, "wijken")
        self.names_file = self._path(data.namen, "namen")
        self.survey = self._path(data.vertellen.enquete, "vertellen.enquete")
        self.schouw = self._path(data.vertellen.schouw, "vertellen.schouw")
        self.signals = self._path(data.vertellen.signalen, "vertellen.signalen")
        verhalen = data.vertellen.verhalen
        if isinstance(verhalen, str):
            verhalen = _Verhalen(bron=verhalen)
        self.stories = self._path(verhalen.bron, "vertellen.verhalen") if verhalen else None
        self.stories_consent = self._path(verhalen.stakeholders, "vertellen.verhalen.stakeholders") \
            if verhalen else None
        self.stories_min_sources = verhalen.min_bronnen if verhalen else None
        self.aanleidingen = self._path(data.aanleidingen, "aanleidingen")
        ref = data.referentie
        self.reference_frame = ref.kader
        files = [] if ref.bestand is None else ([ref.bestand] if isinstance(ref.bestand, str) else ref.bestand)
        self.reference_files = [self._path(f, "referentie.bestand") for f in files]
        self.reference_areas = [a.strip().upper() for a in ref.gebieden]
        if self.reference_frame == "lijst" and not self.reference_areas:
            raise InputError("bij kader 'lijst' hoort een lijst buurtcodes onder referentie.gebieden", file=file,
                             key="referentie.gebieden")
        self.peers_k = ref.peers_k
        u = data.urgentie
        if isinstance(u.instellingen, str):
            self.urgency_settings: Path | dict | None = self._path(u.instellingen, "urgentie.instellingen")
        else:
            self.urgency_settings = u.instellingen
        self.k, self.threshold, self.min_population, self.draws = u.k, u.drempel, u.min_inwoners, u.trekkingen
        self.own_indicators = [
            {"id": e.id, "label": e.label, "domain": e.domein, "direction": e.richting, "unit": e.eenheid,
             "min_population": e.min_inwoners, "source": e.bron, "column": e.kolom, "description": e.omschrijving}
            for e in data.eigen_indicatoren]
        self.period = data.jaar
        output = self._path(data.uitvoer, "uitvoer", must_exist=False)
        assert output is not None  # 'uitvoer' is a non-empty string (min_length=1)
        self.output: Path = output
        self.fictional = data.fictief

    # -- paths --------------------------------------------------------------------------------------------
    def _path(self, value: str | None, key: str, *, must_exist: bool = True) -> Path | None:
        if value in (None, ""):
            return None
        p = Path(str(value)).expanduser()
        p = p if p.is_absolute() else (self.base / p)
        p = Path(str(p.resolve()))
        if must_exist and not p.exists():
            raise InputError(f"bestand niet gevonden: {p} (relatieve paden gelden vanaf de map van het "
                             "projectbestand)", file=self.file, key=key)
        return p

    def _counted_file(self, entry: "str | _CijferBestand", key: str) -> Path:
        """A ``cijfers`` entry as a path; a mapping entry gives a :class:`CountedFile` with its read hints."""
        if isinstance(entry, str):
            path = self._path(entry, key)
            assert path is not None  # a non-empty string: _path raises when the file is missing
            return path
        path = self._path(entry.bestand, f"{key}.bestand")
        assert path is not None
        return CountedFile(path).with_hints(period=entry.periode, encoding=entry.encoding)

    @property
    def has_polygons(self) -> bool:
        """True when the project gives buurt polygons."""
        return self.buurten is not None

    # -- overrides (command line) -------------------------------------------------------------------------
    def with_overrides(self, *, gemeente: str | None = None, cijfers: list[str] | None = None,
                       buurten: str | None = None, referentie: str | None = None,
                       uit: str | None = None) -> "Project":
        """A copy with command-line values replacing those of the file (paths relative to the current
        directory, as a user types them on the command line)."""
        data = self._data.model_copy(deep=True)
        new = Project.__new__(Project)
        new.__dict__.update(self.__dict__)
        new._data = data
        cwd = Path.cwd()
        if gemeente:
            code = _Gemeente(code=gemeente).code
            if code != new.gemeente_code:
                new.gemeente_naam = None
                new.aanleidingen = None  # the log of the file's gemeente does not apply to another gemeente
            new.gemeente_code = code
        if cijfers:
            new.counted_files = [_abs(c, cwd, "--cijfers") for c in cijfers]
        if buurten:
            new.buurten = _abs(buurten, cwd, "--buurten")
        if referentie:
            if referentie not in FRAMES_NL:
                raise InputError(f"optie --referentie: onbekend referentiekader {referentie!r}; kies uit "
                                 f"{', '.join(FRAMES_NL)}")
            new.reference_frame = cast(Frame, referentie)
        if uit:
            new.output = Path(str((cwd / uit).resolve())) if not Path(uit).is_absolute() else Path(uit)
        return new

    # -- settings -----------------------------------------------------------------------------------------
    def catalogue(self):
        """The indicator catalogue merged with the project's own indicators."""
        from wijklib.indicators import load_indicators, with_own_indicators

        try:
            return with_own_indicators(load_indicators(), self.own_indicators, file=self.file)
        except InputError as exc:
            raise self.in_project_terms(exc) from None

    def overrides(self) -> dict[str, Any]:
        """Engine settings that the project's shorthands (k, drempel, trekkingen) and frame set."""
        out: dict[str, Any] = {}
        if self.k is not None:
            out["focus"] = {"k": self.k}
            out["uncertainty"] = {"top_k": self.k}
        if self.threshold is not None:
            out["stacking"] = {"quantile": self.threshold}
        if self.draws is not None:
            out.setdefault("uncertainty", {})["draws"] = self.draws
        if self.reference_frame == "peers":
            out["reference"] = {"frame": "peers", "peers": {"k": self.peers_k}}
        elif self.reference_frame == "lijst":
            out["reference"] = {"frame": "list", "areas": self.reference_areas}
        else:
            out["reference"] = {"frame": "all"}
        return out

    def settings_hash(self) -> str:
        """Hash of every setting (not the file contents) of the project, for resume keys and provenance."""
        settings = self.urgency_settings
        cfg = settings.read_text(encoding="utf-8") if isinstance(settings, Path) else settings
        blob = {"gemeente": self.gemeente_code, "frame": self.reference_frame, "areas": self.reference_areas,
                "peers_k": self.peers_k, "settings": cfg, "k": self.k, "threshold": self.threshold,
                "min_population": self.min_population, "draws": self.draws, "own": self.own_indicators,
                "period": self.period, "stories_min_sources": self.stories_min_sources}
        hints = [getattr(f, "read_hints", {}) for f in self.counted_files]
        if any(hints):  # only then, so that the hash of a project without hints stays as it was
            blob["read_hints"] = hints
        return hashlib.sha256(json.dumps(blob, sort_keys=True, default=str).encode()).hexdigest()[:16]

    def describe_frame(self) -> str:
        """The reference frame in Dutch."""
        return FRAMES_NL[self.reference_frame]

    def reference_warning(self, ws) -> str | None:
        """Dutch warning when the 'national' reference holds the buurten of one gemeente only, else None.

        Parameters
        ----------
        ws : wijklib.analysis.Werkset
            The werkset of this project (its ``reference_pool`` or counted data give the reference buurten).
        """
        if self.reference_frame != "nationaal":
            return None
        pool = getattr(ws, "reference_pool", None)
        codes = (pool if pool is not None else ws.counted)["area_code"].astype(str)
        gemeenten = sorted({"GM" + c[2:6] for c in codes[codes.str.startswith("BU")].unique()})
        if len(gemeenten) > 1:
            return None
        waar = ", ".join(gemeenten) or "geen gemeente"
        return (f"Let op: referentiekader 'nationaal', maar de cijferbestanden bevatten alleen buurten van één "
                f"gemeente ({waar}). De 'landelijke' referentie is dus alleen die gemeente. Geef een landelijke "
                "tabel op (referentie.bestand of een landelijk cijferbestand) voor een echte landelijke vergelijking.")

    # -- errors in the user's terms -----------------------------------------------------------------------
    def in_project_terms(self, exc: InputError) -> InputError:
        """The same error, naming the setting as the user wrote it in the project file.

        The engine and the catalogue name their own settings (``reference.areas``, ``weights.domains.x``) as a
        column without a file; from a project these are keys of the project file (``referentie.gebieden``,
        ``urgentie.instellingen.weights.domains.x``) and are shown as ``sleutel`` with the project file. Errors
        about a table column (a file other than the project or its settings file) are returned unchanged.
        """
        if exc.key is not None and exc.file is None and self.file is not None:
            return _rekeyed(exc, self.file, exc.key)  # a key of the project file named without the file
        if exc.key is not None or exc.column is None:
            return exc
        column = str(exc.column)
        settings_file = self.urgency_settings if isinstance(self.urgency_settings, Path) else None
        if exc.file is None:
            if column in _ENGINE_TO_PROJECT:
                return _rekeyed(exc, self.file, _ENGINE_TO_PROJECT[column])
            top = column.split(".")[0].split("[")[0]
            from wijklib.urgency.config import UrgencyConfig

            if top in UrgencyConfig.model_fields or exc.message.startswith("onbekende sleutel"):
                if isinstance(self.urgency_settings, dict):
                    return _rekeyed(exc, self.file, f"urgentie.instellingen.{column}")
                if settings_file is not None:
                    return _rekeyed(exc, settings_file, column)
            return exc
        same = Path(exc.file).resolve()
        if (self.file is not None and same == Path(self.file).resolve()) or \
                (settings_file is not None and same == settings_file.resolve()):
            return _rekeyed(exc, exc.file, column)
        return exc

    def _year_missing(self) -> InputError | None:
        """An error naming ``jaar`` when the counted files have buurten of the gemeente, but not in that year."""
        if self.period is None or self.has_polygons:
            return None
        try:
            from wijklib.analysis import read_counted_files

            tidy = read_counted_files([p for p in self.counted_files if p is not None], self.catalogue())
        except InputError:
            return None
        own = tidy[tidy["area_code"].astype(str).str.startswith("BU" + self.gemeente_code[2:6])]
        years = sorted({int(y) for y in own["period"].dropna().unique()})
        if not years or int(self.period) in years:
            return None
        where = "het projectbestand" if self.file is not None else "de opties"
        return InputError(f"het jaar {self.period} staat niet in de cijfers van {self.gemeente_code}; de cijfers "
                          f"hebben {'alleen het jaar' if len(years) == 1 else 'de jaren'} {', '.join(map(str, years))}. Pas 'jaar' aan in {where} (of laat het weg "
                          "voor het laatste jaar)", file=self.file, key="jaar")

    # -- running ------------------------------------------------------------------------------------------
    def load_werkset(self):
        """Read the inputs into a werkset (see :func:`wijklib.analysis.load_project_werkset`).

        Raises
        ------
        InputError
            As :func:`~wijklib.analysis.load_project_werkset`, with settings named as in the project file.
        """
        from wijklib.analysis import load_project_werkset

        try:
            return load_project_werkset(self)
        except InputError as exc:
            year = self._year_missing() if "geen enkele buurt" in exc.message else None
            raise (year or self._period_hint(exc) or self.in_project_terms(exc)) from None

    def _period_hint(self, exc: InputError) -> InputError | None:
        """The reader could not tell the year of a counted file: say how to give it in the project file."""
        if not exc.message.startswith("kan het jaar van de cijfers niet afleiden") or exc.file is None:
            return None
        name = Path(exc.file).name
        return InputError(f"kan het jaar van de cijfers niet afleiden (geen jaartal in de bestandsnaam en geen kolom "
                          f"jaar of perioden). Geef het jaar op bij dit bestand in het projectbestand: cijfers: "
                          f"- {{bestand: {name}, periode: 2024}} (met het jaar van de cijfers)", file=exc.file)

    def run(self, ws=None, **kwargs):
        """Run the urgency analysis of this project (see :func:`wijklib.analysis.run_project`).

        Raises
        ------
        InputError
            As :func:`~wijklib.analysis.run_project`, with settings named as in the project file.
        """
        from wijklib.analysis import run_project

        try:
            return run_project(self, ws, **kwargs)
        except InputError as exc:
            raise self.in_project_terms(exc) from None

    def __repr__(self) -> str:
        return f"Project({self.gemeente_code}, file={self.file})"


#: Engine settings (keys of :class:`wijklib.urgency.config.UrgencyConfig`) that a project file sets under its own
#: Dutch name, for messages.
_ENGINE_TO_PROJECT = {"reference.areas": "referentie.gebieden", "reference.peers.k": "referentie.peers_k",
                      "reference.frame": "referentie.kader", "focus.k": "urgentie.k", "uncertainty.top_k": "urgentie.k",
                      "stacking.quantile": "urgentie.drempel", "uncertainty.draws": "urgentie.trekkingen"}


def _rekeyed(exc: InputError, file: str | Path | None, key: str) -> InputError:
    new = InputError(exc.message, file=file, row=exc.row, key=key)
    new.__cause__ = exc.__cause__
    return new


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name the same file (also through a link, or in another case on macOS/Windows)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return str(a) == str(b)


def _abs(value: str, base: Path, option: str) -> Path:
    p = Path(value).expanduser()
    p = p if p.is_absolute() else base / p
    if not p.exists():
        raise InputError(f"optie {option}: bestand niet gevonden", file=p)
    return Path(str(p.resolve()))


#: pydantic error types that only say "the other branch of a union did not fit".
_BRANCH_MISMATCH = frozenset({"string_type", "model_type", "list_type", "dict_type", "int_type", "none_required"})


def project_from_mapping(data: Mapping[str, Any], *, base: str | Path, file: str | Path | None = None) -> Project:
    """Validate a parsed project file; relative paths resolve against ``base``.

    Raises
    ------
    InputError
        Unknown or missing keys and bad values, naming the file and the key (e.g. ``referentie.kader``).
    """
    if not isinstance(data, Mapping):
        raise InputError("een projectbestand is een lijst sleutels (gemeente, cijfers, ...)", file=file)
    try:
        parsed = _ProjectFile.model_validate(dict(data))
    except ValidationError as exc:
        errs = exc.errors()
        # for a mapping where text or a mapping may stand (vertellen.verhalen, a cijfers entry) report the
        # mapping's own error (its key), not the "expected text" of the other branch of the union
        branch = [e for e in errs if e.get("type") not in _BRANCH_MISMATCH
                  and any(isinstance(p, str) and p.startswith("_") for p in e.get("loc", ()))]
        err = max(branch, key=lambda e: len(e.get("loc", ()))) if branch else errs[0]
        loc = tuple(err.get("loc", ()))
        # drop pydantic's union-branch names ("str", "list[str]") from the key path
        loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("_")
                                                                  or p in ("str", "int", "dict"))))
        raise InputError(_message(err), file=file, key=_key(loc)) from None
    return Project(parsed, base=Path(base).resolve(), file=Path(file) if file is not None else None)


def load_project(path: str | Path) -> Project:
    """Read and validate a project file (YAML).

    Parameters
    ----------
    path : str or Path
        The project file. Relative paths inside it resolve against its folder.

    Returns
    -------
    Project

    Raises
    ------
    InputError
        Missing file, invalid YAML, unknown keys, bad values or input files that do not exist (naming the file
        and the key).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("projectbestand niet gevonden", file=path)
    data = load_yaml(path, expect=None, empty=None)
    gm = data.get("gemeente") if isinstance(data, dict) else None
    if isinstance(gm, dict) and isinstance(gm.get("code"), int) and not isinstance(gm.get("code"), bool):
        import re

        m = re.search(r"\bcode:\s*['\"]?(\d{1,4})\b", path.read_text(encoding="utf-8"))
        digits = m.group(1).zfill(4) if m else "0344"
        raise InputError(f"de gemeentecode is als getal gelezen; schrijf de gemeentecode als GM{digits}",
                         file=path, key="gemeente.code")
    return project_from_mapping(data or {}, base=path.resolve().parent, file=path)
