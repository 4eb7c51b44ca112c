"""Indicator catalogue: the counted (CBS, politie, RIVM) indicators wijklib knows.

The catalogue lives in ``wijklib/indicators/data/indicators.yaml`` and is read into an immutable, validated
:class:`IndicatorCatalogue`. Every indicator has a stable id (agreed in the data contract), Dutch and English
labels, a domain, a direction (``hoger_is_slechter``, ``hoger_is_beter`` or ``context``), a unit, the column
names it has in the CBS wide tables per KWB year and, for rates, the numerator and denominator from which the
value can be derived.

Examples
--------
>>> cat = load_indicators()
>>> cat["bijstand_per_1000"].rate.per
1000
>>> cat["inwoners"].direction
'context'
>>> cat.domain("veiligheid").label_nl
'Veiligheid'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from wijklib._models import NAME_PATTERN, matches
from wijklib._models import Frozen as _Frozen
from wijklib.errors import InputError, validation_message_nl
from wijklib.io.yaml import load_yaml

__all__ = [
    "Direction",
    "Domain",
    "Source",
    "Rate",
    "ValueRange",
    "Indicator",
    "default_range",
    "IndicatorCatalogue",
    "load_indicators",
    "with_own_indicators",
    "OWN_SOURCE_ID",
    "normalise_column_name",
    "DEFAULT_PATH",
]

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "indicators.yaml"

Direction = Literal["hoger_is_slechter", "hoger_is_beter", "context"]
Unit = Literal["aantal", "pct", "per_1000", "euro_x1000", "km", "klasse", "per_km2", "gemiddelde"]

_ID_RULE = "alleen kleine letters, cijfers en '_'"

UNIT_LABELS_NL: Mapping[str, str] = MappingProxyType({
    "aantal": "aantal",
    "pct": "%",
    "per_1000": "per 1.000 inwoners",
    "euro_x1000": "x 1.000 euro",
    "km": "km",
    "klasse": "klasse",
    "per_km2": "per km²",
    "gemiddelde": "gemiddeld aantal",
})

DIRECTION_LABELS_NL: Mapping[str, str] = MappingProxyType({
    "hoger_is_slechter": "hoger is ongunstiger",
    "hoger_is_beter": "hoger is gunstiger",
    "context": "context (geen oordeel)",
})


def normalise_column_name(name: str) -> str:
    """Reduce a column label to lowercase letters and digits, for tolerant matching.

    The R-style dotted names of the Amsterdam tables (``Bevolking.Aantal.inwoners..aantal.``), the raw
    StatLine labels (``Bevolking/Aantal inwoners (aantal)``) and CBS OData keys with their numeric suffix
    (``AantalInwoners_5``) of the same column normalise to comparable forms.

    Parameters
    ----------
    name : str
        Column label.

    Returns
    -------
    str
        Lowercase label without separators, punctuation and a trailing OData suffix.

    Examples
    --------
    >>> normalise_column_name("Bevolking/Aantal inwoners (aantal)") == normalise_column_name(
    ...     "Bevolking.Aantal.inwoners..aantal.")
    True
    >>> normalise_column_name("AantalInwoners_5")
    'aantalinwoners'
    """
    text = str(name).strip().lstrip("\ufeff")
    text = re.sub(r"_\d+$", "", text)
    text = text.replace("²", "").replace("³", "")
    return "".join(ch for ch in text.lower() if ch.isalnum())


class FrozenDict(dict):
    """A read-only dict (hashable and picklable), used for the per-year mappings of the catalogue."""

    def _blocked(self, *args, **kwargs):
        raise TypeError("de indicatorcatalogus is onveranderlijk")

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _blocked  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))

    def __reduce__(self):
        return (FrozenDict, (dict(self),))


class Domain(_Frozen):
    """A thematic domain of indicators.

    Attributes
    ----------
    id : str
        Domain id (e.g. ``inkomen_armoede``).
    label_nl, label_en : str
        Labels.
    praktijkhandboek : tuple of str
        Problem domains of the Praktijkhandboek wijkaanpak this domain covers (their Dutch names).
    note_nl : str
        Where in the Praktijkhandboek these are named (own paraphrase, with section).
    """

    id: Annotated[str, matches(NAME_PATTERN, "ongeldige domein-id {value!r}: " + _ID_RULE)]
    label_nl: str
    label_en: str
    praktijkhandboek: tuple[str, ...] = ()
    note_nl: str = ""


class Source(_Frozen):
    """Publisher of indicators, with the StatLine table id per year."""

    id: str
    publisher: str
    name_nl: str
    tables: Mapping[int, str] = Field(default_factory=dict)
    licence: str = ""
    note_nl: str = ""

    @field_validator("tables", mode="after")
    @classmethod
    def _freeze_tables(cls, v: Mapping[int, str]) -> Mapping[int, str]:
        return FrozenDict(v)


class Rate(_Frozen):
    """How a rate indicator is derived: ``per * numerator / sum(denominator)``."""

    numerator: str
    denominator: tuple[str, ...]
    per: Literal[100, 1000]

    @field_validator("denominator", mode="before")
    @classmethod
    def _listify(cls, v):
        return (v,) if isinstance(v, str) else v


class ValueRange(_Frozen):
    """Plausible values of an indicator (a wijklib rule, not a CBS norm).

    Attributes
    ----------
    min, max : float, optional
        Inclusive bounds.
    above : float, optional
        Strict lower bound (``above: 0`` for WOZ: a value must be greater than 0).

    Examples
    --------
    >>> import numpy as np
    >>> ValueRange(min=0, max=100).outside(np.array([-1.0, 50.0, 101.0, np.nan])).tolist()
    [True, False, True, False]
    """

    min: float | None = None
    max: float | None = None
    above: float | None = None

    @field_validator("min", "max", "above", mode="before")
    @classmethod
    def _finite(cls, v):
        if isinstance(v, bool):
            raise ValueError("een grens moet een getal zijn, niet ja/nee")
        if v is not None:
            import math

            try:
                f = float(v)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"een grens moet een getal zijn, niet {v!r}") from exc
            if not math.isfinite(f):
                raise ValueError(f"een grens moet een eindig getal zijn, niet {v!r}")
        return v

    @model_validator(mode="after")
    def _ordered(self) -> "ValueRange":
        low = self.min if self.min is not None else self.above
        if low is not None and self.max is not None and low > self.max:
            raise ValueError(f"ondergrens {low} ligt boven bovengrens {self.max}")
        return self

    def outside(self, values):
        """Boolean array: True where a (non-NaN) value lies outside the range."""
        import numpy as np

        v = np.asarray(values, dtype="float64")
        bad = np.zeros(v.shape, dtype=bool)
        with np.errstate(invalid="ignore"):
            if self.min is not None:
                bad |= v < self.min
            if self.above is not None:
                bad |= v <= self.above
            if self.max is not None:
                bad |= v > self.max
        return bad & ~np.isnan(v)

    def describe_nl(self) -> str:
        """Dutch description, e.g. ``'tussen 0 en 100'``."""
        from wijklib.format import compact as f

        bounds = (("groter dan", self.above), ("minstens", self.min), ("hoogstens", self.max))
        return " en ".join(f"{word} {f(bound)}" for word, bound in bounds if bound is not None) or "elk eindig getal"


_UNIT_RANGES: Mapping[str, dict] = MappingProxyType({
    "aantal": {"min": 0}, "pct": {"min": 0, "max": 100}, "per_1000": {"min": 0}, "euro_x1000": {"above": 0},
    "km": {"min": 0}, "klasse": {"min": 1, "max": 5}, "per_km2": {"min": 0}, "gemiddelde": {"min": 0},
})


def default_range(unit: str) -> ValueRange:
    """The plausible range wijklib assumes for a unit (keuze van wijklib), for own indicators without ``range``.

    Parameters
    ----------
    unit : str
        One of the catalogue units (``aantal``, ``pct``, ``per_1000``, ...).

    Returns
    -------
    ValueRange

    Examples
    --------
    >>> default_range("pct").max
    100.0
    """
    if unit not in _UNIT_RANGES:
        raise InputError(f"onbekende eenheid {unit!r}; kies uit {', '.join(_UNIT_RANGES)}", column="unit")
    return ValueRange(**_UNIT_RANGES[unit])


class Indicator(_Frozen):
    """One counted indicator.

    Attributes
    ----------
    id : str
        Stable id (see the data contract).
    label_nl, label_en : str
        Dutch label (shown to users) and short English label.
    domain : str
        Domain id.
    direction : {'hoger_is_slechter', 'hoger_is_beter', 'context'}
        How a higher value reads. Context indicators are never scored.
    unit : str
        One of ``aantal``, ``pct``, ``per_1000``, ``euro_x1000``, ``km``, ``klasse``, ``per_km2``, ``gemiddelde``.
    role : {'indicator', 'basis'}
        ``basis`` marks a count that only serves to derive a rate.
    rate : Rate or None
        Numerator/denominator when the value is a ratio.
    cbs_columns : Mapping[int, str]
        Column name per KWB year in the wide tables of the shared data.
    aliases : tuple of str
        Other column names accepted in any year.
    odata_key : str or None
        Stem of the CBS OData key (without the numeric suffix).
    source : str
        Source id.
    min_population : int
        Inhabitants below which a value is unreliable (wijklib rule of thumb).
    range : ValueRange or None
        Plausible values; default from the unit (:func:`default_range`). See :attr:`plausible_range`.
    """

    id: Annotated[str, matches(NAME_PATTERN, "ongeldige indicator-id {value!r}: " + _ID_RULE)]
    label_nl: str
    label_en: str
    domain: str
    direction: Direction
    unit: Unit
    role: Literal["indicator", "basis"] = "indicator"
    rate: Rate | None = None
    cbs_columns: Mapping[int, str] = Field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    odata_key: str | None = None
    source: str
    min_population: int = Field(ge=0)
    range: ValueRange | None = None
    description_nl: str
    note: str = ""

    @property
    def plausible_range(self) -> ValueRange:
        """The ``range`` of the catalogue entry, or the default of the unit."""
        return self.range if self.range is not None else default_range(self.unit)

    @field_validator("cbs_columns", mode="after")
    @classmethod
    def _freeze_columns(cls, v: Mapping[int, str]) -> Mapping[int, str]:
        for year in v:
            if not 1990 <= int(year) <= 2100:
                raise ValueError(f"onmogelijk jaar {year} in cbs_columns")
        return FrozenDict({int(k): str(c) for k, c in v.items()})

    @model_validator(mode="after")
    def _check_role(self) -> Indicator:
        if self.role == "basis" and self.direction != "context":
            raise ValueError(f"{self.id}: een basistelling ('role: basis') moet direction 'context' hebben")
        return self

    @property
    def scored(self) -> bool:
        """True when the indicator may enter an urgency score (not context, not a basis count)."""
        return self.direction != "context" and self.role == "indicator"

    @property
    def unit_label_nl(self) -> str:
        """Dutch label of the unit."""
        return UNIT_LABELS_NL[self.unit]

    def cbs_column(self, year: int) -> str | None:
        """The CBS column name of this indicator in the wide table of ``year`` (or None)."""
        return self.cbs_columns.get(int(year))

    def column_candidates(self, year: int | None = None) -> tuple[str, ...]:
        """Column names that may hold this indicator.

        The column of ``year`` comes first, then the aliases; if the year is unknown to the catalogue
        (or None), the columns of all years are candidates.
        """
        names: list[str] = []
        if year is not None and int(year) in self.cbs_columns:
            names.append(self.cbs_columns[int(year)])
        else:
            names.extend(self.cbs_columns[y] for y in sorted(self.cbs_columns, reverse=True))
        names.extend(self.aliases)
        if self.odata_key:
            names.append(self.odata_key)
        seen: dict[str, None] = {}
        for n in names:
            seen.setdefault(n, None)
        return tuple(seen)


class IndicatorCatalogue(_Frozen):
    """Validated, immutable set of domains, sources and indicators.

    Supports ``cat["id"]``, ``"id" in cat``, ``len(cat)`` and iteration over indicators (file order).
    """

    data_version: int
    title_nl: str = ""
    description_nl: str = ""
    domains: tuple[Domain, ...]
    sources: tuple[Source, ...]
    indicators: tuple[Indicator, ...]

    @model_validator(mode="after")
    def _check_references(self) -> IndicatorCatalogue:
        problems: list[str] = []
        for kind, items in (("domein", self.domains), ("bron", self.sources), ("indicator", self.indicators)):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    problems.append(f"{kind}-id {item.id!r} komt meer dan eens voor")
                seen.add(item.id)
        domain_ids = {d.id for d in self.domains}
        source_ids = {s.id for s in self.sources}
        ind_ids = {i.id for i in self.indicators}
        for ind in self.indicators:
            if ind.domain not in domain_ids:
                problems.append(f"{ind.id}: onbekend domein {ind.domain!r} (bekend: {sorted(domain_ids)})")
            if ind.source not in source_ids:
                problems.append(f"{ind.id}: onbekende bron {ind.source!r} (bekend: {sorted(source_ids)})")
            if ind.rate is not None:
                for ref in (ind.rate.numerator, *ind.rate.denominator):
                    if ref not in ind_ids:
                        problems.append(f"{ind.id}: teller/noemer {ref!r} is geen indicator in de catalogus")
                    elif ref == ind.id:
                        problems.append(f"{ind.id}: verwijst in zijn eigen teller/noemer naar zichzelf")
            if ind.rate is not None and ind.unit not in ("pct", "per_1000"):
                problems.append(f"{ind.id}: een ratio moet eenheid 'pct' of 'per_1000' hebben, niet {ind.unit!r}")
            if ind.rate is not None and {"pct": 100, "per_1000": 1000}.get(ind.unit) != ind.rate.per:
                problems.append(f"{ind.id}: eenheid {ind.unit!r} past niet bij 'per: {ind.rate.per}'")
        # one column name must not point at two indicators in the same year
        for year in sorted({y for i in self.indicators for y in i.cbs_columns}):
            owners: dict[str, str] = {}
            for ind in self.indicators:
                col = ind.cbs_columns.get(year)
                if col is None:
                    continue
                if col in owners:
                    problems.append(f"kolom {col!r} ({year}) hoort bij zowel {owners[col]} als {ind.id}")
                owners[col] = ind.id
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # -- access -------------------------------------------------------------------------------------------
    def __getitem__(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        close = difflib.get_close_matches(str(indicator_id), self.ids, n=1)
        hint = f" Bedoelt u '{close[0]}'?" if close else ""
        raise KeyError(f"onbekende indicator {indicator_id!r}.{hint}")

    def get(self, indicator_id: str, default: Indicator | None = None) -> Indicator | None:
        """Indicator by id, or ``default``."""
        try:
            return self[indicator_id]
        except KeyError:
            return default

    def __contains__(self, indicator_id: object) -> bool:
        return any(ind.id == indicator_id for ind in self.indicators)

    def __iter__(self) -> Iterator[Indicator]:  # type: ignore[override]
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    @property
    def ids(self) -> list[str]:
        """All indicator ids in file order."""
        return [ind.id for ind in self.indicators]

    def domain(self, domain_id: str) -> Domain:
        """Domain by id."""
        for d in self.domains:
            if d.id == domain_id:
                return d
        raise KeyError(f"onbekend domein {domain_id!r} (bekend: {[d.id for d in self.domains]})")

    def source(self, source_id: str) -> Source:
        """Source by id."""
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(f"onbekende bron {source_id!r}")

    def by_domain(self, domain_id: str) -> list[Indicator]:
        """Indicators of one domain (file order)."""
        self.domain(domain_id)
        return [ind for ind in self.indicators if ind.domain == domain_id]

    def scored(self) -> list[Indicator]:
        """Indicators that may enter an urgency score (not context and not basis counts)."""
        return [ind for ind in self.indicators if ind.scored]

    def rates(self) -> list[Indicator]:
        """Indicators with a numerator/denominator definition."""
        return [ind for ind in self.indicators if ind.rate is not None]

    def to_frame(self):
        """The catalogue as a pandas DataFrame, one row per indicator (for display)."""
        import pandas as pd

        rows = []
        for ind in self.indicators:
            rows.append({
                "id": ind.id,
                "label_nl": ind.label_nl,
                "label_en": ind.label_en,
                "domein": self.domain(ind.domain).label_nl,
                "richting": ind.direction,
                "eenheid": ind.unit_label_nl,
                "rol": ind.role,
                "teller": ind.rate.numerator if ind.rate else None,
                "noemer": " + ".join(ind.rate.denominator) if ind.rate else None,
                "bron": ind.source,
                "jaren": ", ".join(str(y) for y in sorted(ind.cbs_columns)),
                "min_inwoners": ind.min_population,
            })
        return pd.DataFrame(rows)


def _parse(raw: object, path: Path) -> IndicatorCatalogue:
    if not isinstance(raw, dict):
        raise InputError("verwacht een YAML-bestand met de sleutels 'catalogue', 'domains', 'sources' en "
                         "'indicators'", file=path)
    missing = [k for k in ("catalogue", "domains", "sources", "indicators") if k not in raw]
    if missing:
        raise InputError(f"ontbrekende sleutel(s): {', '.join(missing)}", file=path)
    unknown = sorted(set(raw) - {"catalogue", "domains", "sources", "indicators"})
    if unknown:
        raise InputError(f"onbekende sleutel(s): {', '.join(unknown)}", file=path)
    head = raw["catalogue"] or {}
    for key in ("domains", "sources", "indicators"):
        if not isinstance(raw[key], list):
            raise InputError(f"'{key}' moet een lijst zijn", file=path, column=key)
    try:
        return IndicatorCatalogue(
            data_version=head.get("data_version", 0),
            title_nl=head.get("title_nl", ""),
            description_nl=head.get("description_nl", ""),
            domains=raw["domains"],
            sources=raw["sources"],
            indicators=raw["indicators"],
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = err.get("loc", ())
        row = None
        column = None
        if len(loc) >= 2 and isinstance(loc[1], int):
            row = loc[1] + 1
            items = raw.get(loc[0]) if isinstance(loc[0], str) else None
            ident = items[loc[1]].get("id") if isinstance(items, list) and isinstance(items[loc[1]], dict) else None
            column = ".".join(str(p) for p in (loc[0], ident or loc[1], *loc[2:]))
        elif loc:
            column = ".".join(str(p) for p in loc)
        n = len(exc.errors())
        more = f" (en nog {n - 1} andere fout(en))" if n > 1 else ""
        raise InputError(f"ongeldige indicatorcatalogus: {validation_message_nl(err)}{more}", file=path, row=row,
                         column=column) from exc


@lru_cache(maxsize=8)
def _load_cached(path_str: str, mtime: float) -> IndicatorCatalogue:
    path = Path(path_str)
    return _parse(load_yaml(path, expect=None, empty=None), path)


def load_indicators(path: str | Path | None = None) -> IndicatorCatalogue:
    """Read and validate the indicator catalogue.

    Parameters
    ----------
    path : str or Path, optional
        A catalogue YAML file; default the one shipped with wijklib.

    Returns
    -------
    IndicatorCatalogue
        Immutable catalogue (cached per file and modification time).

    Raises
    ------
    InputError
        When the file is missing, not YAML or breaks a rule (unknown domain, dangling numerator, ...);
        the message names the file, the entry number and the field.
    """
    p = Path(path) if path is not None else DEFAULT_PATH
    if not p.is_file():
        raise InputError("indicatorcatalogus niet gevonden", file=p)
    return _load_cached(str(p.resolve()), p.stat().st_mtime)


#: Source id of indicators a user declares in a project file (:func:`with_own_indicators`).
OWN_SOURCE_ID = "eigen"


def with_own_indicators(catalogue: IndicatorCatalogue, own: "list[Mapping[str, object]]", *,
                        file: "str | Path | None" = None) -> IndicatorCatalogue:
    """The catalogue plus the user's own indicators (declared in a project file).

    Parameters
    ----------
    catalogue : IndicatorCatalogue
    own : list of mapping
        One mapping per indicator with ``id``, ``label`` (Dutch), ``domain`` (an id of the catalogue),
        ``direction``, ``unit``, ``min_population``, ``source`` (free text: who publishes it) and optionally
        ``column`` (the column name in the counted file, default the id) and ``description``.
    file : str or Path, optional
        Project file, for error messages.

    Returns
    -------
    IndicatorCatalogue
        A new catalogue; own indicators get the source id :data:`OWN_SOURCE_ID`.

    Raises
    ------
    InputError
        An id that the catalogue already has, an unknown domain, direction or unit (naming the key
        ``eigen_indicatoren[i].<field>``).
    """
    if not own:
        return catalogue
    domains = {d.id for d in catalogue.domains}
    new = []
    for i, item in enumerate(own):
        key = f"eigen_indicatoren[{i + 1}]"
        ident = str(item.get("id", ""))
        if ident in catalogue:
            raise InputError(f"indicator '{ident}' staat al in de indicatorcatalogus van wijklib; kies een andere id "
                             "voor een eigen indicator, of laat de declaratie weg", file=file, column=f"{key}.id")
        if item.get("domain") not in domains:
            raise InputError(f"onbekend domein {item.get('domain')!r}; kies uit {', '.join(sorted(domains))}",
                             file=file, column=f"{key}.domein")
        column = str(item.get("column") or ident)
        try:
            # the user's values are validated by pydantic (direction, unit, min_population)
            new.append(Indicator.model_validate(dict(
                id=ident, label_nl=str(item.get("label", "")), label_en=str(item.get("label", "")),
                domain=str(item["domain"]), direction=item.get("direction"), unit=item.get("unit"),
                aliases=(column,) if column != ident else (), source=OWN_SOURCE_ID,
                min_population=item.get("min_population", 0),
                description_nl=str(item.get("description") or item.get("label", "")),
                note=f"eigen indicator; bron: {item.get('source', '')}")))
        except ValidationError as exc:
            err = exc.errors()[0]
            field = {"label_nl": "label", "domain": "domein", "direction": "richting", "unit": "eenheid",
                     "min_population": "min_inwoners", "id": "id"}.get(str(err["loc"][0]) if err.get("loc") else "",
                                                                       str(err.get("loc", ("",))[0]))
            hint = {"richting": " (verwacht hoger_is_slechter, hoger_is_beter of context)",
                    "eenheid": f" (verwacht een van {', '.join(UNIT_LABELS_NL)})"}.get(field, "")
            raise InputError(f"ongeldige eigen indicator: {validation_message_nl(err)}{hint}", file=file,
                             column=f"{key}.{field}") from None
    sources = catalogue.sources
    if OWN_SOURCE_ID not in {s.id for s in sources}:
        sources = (*sources, Source(id=OWN_SOURCE_ID, publisher="eigen bron",
                                    name_nl="Eigen indicatoren uit het projectbestand"))
    return IndicatorCatalogue(data_version=catalogue.data_version, title_nl=catalogue.title_nl,
                              description_nl=catalogue.description_nl, domains=catalogue.domains, sources=sources,
                              indicators=(*catalogue.indicators, *new))
