"""Which files a report batch reads: :class:`BatchInputs` (from code, from a YAML file, or the demo set)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from wijklib import resources
from wijklib.errors import InputError
from wijklib.io.yaml import load_yaml

__all__ = ["BatchInputs", "DEMO_DIR", "DEMO_CONFIG"]

DEMO_DIR = resources.demo_dir()
#: Batch configuration of the demo gemeente (inputs plus urgency settings).
DEMO_CONFIG = resources.demo_batch_config()

_PATH_FIELDS = ("areas", "wijken", "gemeente", "survey", "schouw", "signals", "tracker", "pseudonym_key", "project",
                "stories", "stories_consent", "aanleidingen")
_MAP_FIELDS = ("stakeholders", "quickscan")


@dataclass(frozen=True)
class BatchInputs:
    """The input files of a batch. Only ``areas`` and ``indicators`` are required; every other section of the
    report is left out (with a note) when its input is absent.

    Attributes
    ----------
    areas : Path
        Buurt polygons (GeoJSON, GeoPackage, ...; see :func:`wijklib.geo.load_areas`).
    indicators : tuple of Path
        Counted data: wijklib wide format or CBS wide tables (:func:`wijklib.counted.read_counted`), one or more
        files (e.g. one per year).
    wijken, gemeente : Path, optional
        Wijk and gemeente polygons (only their names are used; outlines are dissolved from the buurten).
    survey, schouw, signals : Path, optional
        Told data (:mod:`wijklib.told`): residents' survey, schouw observations, signals of professionals.
    stakeholders : mapping area code -> Path
        Stakeholder map (folder with CSV files or workbook) per wijk, gemeente or buurt code; it is summarised in
        the reports of the buurten inside that area, always pseudonymised.
    quickscan : mapping area code -> Path
        Quickscan answers (preconditions) per wijk, gemeente or buurt code.
    tracker : Path, optional
        Folder with one process-tracker YAML per area (:mod:`wijklib.readiness.tracker`).
    urgency_config : Path or mapping, optional
        Settings of :func:`wijklib.urgency.run_urgency` (YAML file or dict).
    pseudonym_key : Path, optional
        Key file for pseudonyms (default ``$WIJKLIB_PSEUDONIEM_KEY`` or ``~/.config/wijklib/pseudoniem.key``).
    crs : str, optional
        CRS of the area file when the file does not record one.
    stories : Path, optional
        Folder or file of coded story fragments (:mod:`wijklib.stories`); the reports show the code counts per
        buurt (never quotes or names), with the small-number rule.
    stories_consent : Path, optional
        Stakeholder folder or workbook with the informants' consent records (a withdrawn informant's fragments
        leave every report).
    aanleidingen : Path, optional
        The aanleidingen log (:mod:`wijklib.aanleidingen`) for the urgency types acuut and meervoudig.
    project : Path, optional
        Project file (:mod:`wijklib.project`) the inputs came from. The batch then scores the buurten exactly as
        notebook 01 and ``wijk analyse`` do (same settings, reference frame, own indicators and names).
    """

    areas: Path | None
    indicators: tuple[Path, ...]
    wijken: Path | None = None
    gemeente: Path | None = None
    survey: Path | None = None
    schouw: Path | None = None
    signals: Path | None = None
    stakeholders: Mapping[str, Path] = field(default_factory=dict)
    quickscan: Mapping[str, Path] = field(default_factory=dict)
    tracker: Path | None = None
    urgency_config: Path | Mapping[str, Any] | None = None
    pseudonym_key: Path | None = None
    crs: str | None = None
    project: Path | None = None
    stories: Path | None = None
    stories_consent: Path | None = None
    aanleidingen: Path | None = None

    def __post_init__(self) -> None:
        def as_path(v):
            return None if v in (None, "") else Path(v)

        object.__setattr__(self, "areas", None if self.areas in (None, "") else Path(self.areas))
        inds = self.indicators
        inds = (inds,) if isinstance(inds, (str, Path)) else tuple(inds)
        if not inds:
            raise InputError("geef ten minste één bestand met telcijfers (indicators)", column="indicators")
        object.__setattr__(self, "indicators", tuple(Path(p) for p in inds))
        for name in _PATH_FIELDS[1:]:
            object.__setattr__(self, name, as_path(getattr(self, name)))
        for name in _MAP_FIELDS:
            raw = getattr(self, name) or {}
            if not isinstance(raw, Mapping):
                raise InputError(f"'{name}' moet een lijst 'gebiedscode: pad' zijn, bijvoorbeeld "
                                 f"{{WK990102: data/demo/{name}}}", column=name)
            object.__setattr__(self, name, {str(k).strip().upper(): Path(v) for k, v in raw.items()})
        if isinstance(self.urgency_config, (str, Path)):
            object.__setattr__(self, "urgency_config", Path(self.urgency_config))

    # -- construction ---------------------------------------------------------------------------------------
    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, base: str | Path | None = None,
                     file: str | Path | None = None) -> "BatchInputs":
        """Build from a mapping (e.g. a parsed YAML file); relative paths are taken relative to ``base``.

        Raises
        ------
        InputError
            Unknown or missing keys, naming the key.
        """
        base = Path(base) if base is not None else Path.cwd()
        known = {f.name for f in fields(cls)}
        data = dict(data)
        if data.get("project"):
            proj = Path(str(data["project"])).expanduser()
            proj = proj if proj.is_absolute() else base / proj
            from_project = cls._project_fields(proj)
            data = {**from_project, **{k: v for k, v in data.items() if v not in (None, "")}}
            data["project"] = str(proj)
        unknown = [k for k in data if k not in known]
        if unknown:
            raise InputError(f"onbekende sleutel '{unknown[0]}'; bekend zijn: {', '.join(sorted(known))}",
                             file=file, column=unknown[0])
        for req in ("areas", "indicators"):
            if req == "areas" and data.get("project"):
                continue  # a project without polygons: reports without maps
            if not data.get(req):
                raise InputError(f"verplichte sleutel '{req}' ontbreekt of is leeg", file=file, column=req)

        from wijklib._paths import REPO_ROOT

        # relative paths stay inside the project (for a file in the project) or the file's own folder
        resolved_base = base.resolve()
        fence = REPO_ROOT if resolved_base == REPO_ROOT or REPO_ROOT in resolved_base.parents else resolved_base

        def rel(p, key=None):
            if p in (None, ""):
                return None
            p = Path(str(p)).expanduser()
            if p.is_absolute():
                return p
            target = (base / p).resolve()
            if target != fence and fence not in target.parents:
                raise InputError(f"het pad {str(p)!r} wijst naar een map buiten {fence}; geef een pad binnen die map "
                                 "of een absoluut pad op", file=file, column=key)
            return base / p

        out: dict[str, Any] = {}
        for k, v in data.items():
            if k in _PATH_FIELDS:
                out[k] = rel(v, k)
            elif k == "indicators":
                out[k] = tuple(rel(p, k) for p in ([v] if isinstance(v, (str, Path)) else v))
            elif k in _MAP_FIELDS:
                if v is None:
                    v = {}
                if not isinstance(v, Mapping):
                    raise InputError(f"'{k}' moet een lijst 'gebiedscode: pad' zijn", file=file, column=k)
                out[k] = {code: rel(p, f"{k}.{code}") for code, p in v.items()}
            elif k == "urgency_config":
                out[k] = v if isinstance(v, Mapping) or v is None else rel(v, k)
            else:
                out[k] = v
        return cls(**out)

    @staticmethod
    def _project_fields(path: Path) -> dict[str, Any]:
        """Batch fields filled from a project file (absolute paths)."""
        from wijklib.project import load_project

        project = load_project(path)
        # without polygons ('buurten') the reports have everything but the maps
        out: dict[str, Any] = {"areas": str(project.buurten) if project.has_polygons else None,
                               "indicators": [str(p) for p in project.counted_files],
                               "crs": project.buurten_crs}
        for key, value in (("wijken", project.wijken), ("survey", project.survey), ("schouw", project.schouw),
                           ("signals", project.signals), ("aanleidingen", project.aanleidingen)):
            if value is not None:
                out[key] = str(value)
        if project.stories is not None:
            out["stories"] = str(project.stories)
            if project.stories_consent is not None:
                out["stories_consent"] = str(project.stories_consent)
        return out

    @classmethod
    def from_project(cls, path: str | Path, **extra: Any) -> "BatchInputs":
        """Inputs of a batch from a project file (:func:`wijklib.project.load_project`).

        Parameters
        ----------
        path : path
            The project file.
        **extra
            Further batch fields (stakeholders, quickscan, tracker, ...) with paths relative to the current
            directory.
        """
        return cls.from_mapping({"project": str(Path(path).resolve()), **extra}, base=Path.cwd(), file=path)

    @classmethod
    def from_yaml(cls, path: str | Path) -> "BatchInputs":
        """Read a batch configuration file (YAML); paths in it are relative to the file's folder."""
        path = Path(path)
        if not path.exists():
            raise InputError("configuratiebestand niet gevonden", file=path)
        data = load_yaml(path, expect=None, empty={})
        if not isinstance(data, Mapping):
            raise InputError("verwacht een lijst sleutels (areas, indicators, ...)", file=path)
        return cls.from_mapping(data, base=path.parent, file=path)

    @classmethod
    def demo(cls) -> "BatchInputs":
        """The fictional demo gemeente Lindewaard (``data/demo/``), with the settings in ``DEMO_CONFIG``."""
        return cls.from_yaml(DEMO_CONFIG)

    # -- use ------------------------------------------------------------------------------------------------
    def data_files(self) -> dict[str, Path]:
        """Label -> path of every input file or folder that is given (for hashes in the provenance)."""
        out: dict[str, Path] = {"areas": self.areas} if self.areas is not None else {}
        for i, p in enumerate(self.indicators):
            out[f"indicators[{i}]" if len(self.indicators) > 1 else "indicators"] = p
        for name in ("wijken", "gemeente", "survey", "schouw", "signals", "tracker", "stories", "stories_consent",
                     "aanleidingen"):
            p = getattr(self, name)
            if p is not None:
                out[name] = p
        for name in _MAP_FIELDS:
            for code, p in getattr(self, name).items():
                out[f"{name}[{code}]"] = p
        if isinstance(self.urgency_config, Path):
            out["urgency_config"] = self.urgency_config
        if self.project is not None:
            out["project"] = self.project
        return out

    def check_exist(self) -> None:
        """Raise :class:`InputError` naming the first input file that does not exist."""
        for label, p in self.data_files().items():
            if not Path(p).exists():
                raise InputError(f"invoerbestand voor '{label}' bestaat niet", file=p, column=label)
