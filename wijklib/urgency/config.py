"""Configuration of the urgency scoring engine: a YAML file validated with pydantic.

Every key is optional; the defaults are in ``default_config.yaml`` next to this module (the same values as the
pydantic defaults below). Unknown keys, unknown method names and impossible combinations raise
:class:`wijklib.errors.InputError` naming the key (``column`` holds the dotted key path, e.g.
``"normalisation.method"``). Checks that need the indicator metadata (unknown indicator ids, weight sums) are in
:func:`validate_config`.

None of the thresholds are values from the source documents: the Praktijkhandboek gives no numeric cut-offs
(extraction 003, section 4.9); they are starting points to be discussed locally.
"""

from __future__ import annotations

import math

from pathlib import Path
from typing import Any, Literal, Mapping, TypeVar

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from wijklib.errors import InputError, literal_choices_nl
from wijklib.io.yaml import load_yaml
from wijklib.urgency.aggregate import build_weights

__all__ = [
    "NORMALISATIONS",
    "FRAMES",
    "AGGREGATIONS",
    "UrgencyConfig",
    "load_config",
    "validate_config",
    "DEFAULT_CONFIG_PATH",
]

DEFAULT_CONFIG_PATH = Path(__file__).with_name("default_config.yaml")

NORMALISATIONS = ("zscore", "percentile", "minmax", "index", "target")
FRAMES = ("all", "gemeente", "peers", "list")
AGGREGATIONS = ("arithmetic", "geometric")
#: Normalisations on a positive scale (0-100 or index 100): the only ones geometric aggregation accepts.
POSITIVE_NORMALISATIONS = ("percentile", "minmax", "index")

Normalisation = Literal["zscore", "percentile", "minmax", "index", "target"]
Frame = Literal["all", "gemeente", "peers", "list"]
Aggregation = Literal["arithmetic", "geometric"]


#: Upper bounds of counts and sizes (keuze van wijklib): enough for every Dutch gemeente, and small enough that a
#: typo such as ``draws: 1e11`` is refused instead of trying to allocate hundreds of GiB.
MAX_DRAWS = 100_000
MAX_AREAS = 20_000


def _numeric(annotation: Any) -> bool:
    """True for int / float annotations (also inside Optional, list, tuple and dict values)."""
    import typing

    if annotation in (int, float):
        return True
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is dict:
        args = args[1:]
    return any(_numeric(a) for a in args if a is not type(None) and a is not Ellipsis)


def _has_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return True
    if isinstance(value, dict):
        return any(isinstance(v, bool) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(isinstance(v, bool) for v in value)
    return False


_Section = TypeVar("_Section", bound=BaseModel)


def _section(model: type[_Section]) -> Any:
    """Default of a nested section of the configuration: a fresh ``model()`` with its own defaults for every new
    configuration (``Field(default_factory=...)``, typed so that the annotation of the field is its type)."""
    return Field(default_factory=lambda: model())


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_booleans_as_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        # pydantic reads true/false as 1/0 for numbers; a yes/no where a number is expected is a mistake
        field = cls.model_fields.get(info.field_name) if info.field_name else None
        if field is not None and _numeric(field.annotation) and _has_bool(value):
            raise ValueError(f"verwacht een getal, geen ja/nee-waarde ({str(value)[:60]})")
        return value


class WinsoriseConfig(_Strict):
    """Clip raw values at reference quantiles before normalising (outlier treatment)."""

    lower: float = Field(0.01, ge=0.0, lt=0.5)
    upper: float = Field(0.99, gt=0.5, le=1.0)


class NormalisationConfig(_Strict):
    """How indicator values are made comparable."""

    method: Normalisation = "zscore"
    #: Target per indicator (raw units) for ``method: target``, e.g. the G4 average. Indicators without a target
    #: fall back to the reference mean (reported in the diagnostics).
    targets: dict[str, float] = Field(default_factory=dict)
    winsorise: WinsoriseConfig | None = None


class PeerConfig(_Strict):
    """Automatic peer group: the k nearest areas on standardised context variables.

    ``context`` may name any numeric column of the data or of the ``context`` table (urbanity, address density,
    size, housing stock such as ``koopwoningen_pct``); each is standardised on the pool before the distances.
    """

    k: int = Field(50, ge=2, le=MAX_AREAS)
    context: list[str] = Field(default_factory=lambda: ["stedelijkheid", "omgevingsadressendichtheid", "inwoners"])


class ReferenceConfig(_Strict):
    """The reference frame the normalisation and the stacking thresholds are computed on."""

    frame: Frame = "all"
    #: Area codes of the reference for ``frame: list``.
    areas: list[str] = Field(default_factory=list)
    peers: PeerConfig = _section(PeerConfig)


class WeightsConfig(_Strict):
    """Weights per indicator and per domain (hierarchical: domain weight x share within the domain)."""

    scheme: Literal["equal_indicators", "equal_domains", "expert"] = "equal_domains"
    indicators: dict[str, float] = Field(default_factory=dict)
    domains: dict[str, float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _non_negative(self) -> "WeightsConfig":
        for part in ("indicators", "domains"):
            for key, value in getattr(self, part).items():
                if not 0 <= value < float("inf"):  # also catches NaN
                    raise ValueError(f"gewicht van '{key}' ({part}) is {value}; verwacht een eindig getal >= 0")
        return self


class AggregationConfig(_Strict):
    """Arithmetic or geometric mean; the geometric mean floors scores at ``floor`` (no log of zero)."""

    method: Aggregation = "arithmetic"
    floor: float = Field(1.0, gt=0.0)


class MissingConfig(_Strict):
    """Missing values: leave out and re-weight (first within the domain), or impute the reference mean."""

    method: Literal["reweight", "impute_reference_mean"] = "reweight"
    #: An area gets no index when less than this share of the total weight is observed.
    min_weight_share: float = Field(0.5, ge=0.0, le=1.0)


class SpecialPopulationConfig(_Strict):
    """Detection of buurten with a special population (keuze van wijklib: none of these numbers is a source's).

    A rule only runs when its figures are in the data (or in the ``profile`` table of
    :func:`wijklib.urgency.run_urgency`); the reason is written in ``scores.special_reason``.
    """

    enabled: bool = True
    #: Share of inhabitants aged 15-25 (``jongeren_15_25_pct``) from which a buurt is flagged as student housing.
    students_pct: float = Field(35.0, gt=0.0, le=100.0)
    #: Share of inhabitants outside private households (institutions: care homes, prisons, asylum centres),
    #: from ``huishoudens`` x ``huishoudensgrootte`` / ``inwoners``.
    institutions_share: float = Field(0.2, gt=0.0, le=1.0)
    #: Without ``huishoudensgrootte``: inhabitants per private household from which an institution is suspected.
    persons_per_household: float = Field(3.5, gt=1.0)
    #: Business establishments (``bedrijfsvestigingen``) per inhabitant from which a buurt is a business area.
    businesses_per_inhabitant: float = Field(1.0, gt=0.0)
    #: Registered crimes per 1,000 inhabitants (``misdrijven_per_1000``) from which a buurt is a work, shopping,
    #: station or nightlife area whose crimes mostly concern visitors (the national average is some 45).
    crimes_per_1000: float = Field(500.0, gt=0.0)
    #: Words in the buurt name that point to a park, sports park or business area (case-insensitive).
    name_words: list[str] = Field(default_factory=lambda: ["sportpark", "bedrijventerrein", "bedrijvenpark",
                                                           "bedrijvengebied", "bedrijvencentrum", "haventerrein",
                                                           "science park", "industrieterrein", "industriegebied",
                                                           "industriehaven", "kantorenterrein", "kantorenpark",
                                                           "kantorengebied", "recreatiegebied", "recreatiepark",
                                                           "camping", "natuurgebied", "ziekenhuis",
                                                           "buitengebied", "verspreide"])
    #: Words in the name of the buurt's wijk (``WK`` + the buurt code's 6 digits) that point to scattered houses,
    #: nature or farmland (CBS's "Verspreide bebouwing" / "Verspreide huizen"): there distances to facilities and
    #: crimes by visitors say little about the residents (case-insensitive).
    wijk_name_words: list[str] = Field(default_factory=lambda: ["verspreide"])


class ShrinkageConfig(_Strict):
    """Empirical-Bayes shrinkage of rates toward the reference mean (as in the English Indices of Deprivation).

    A rate of an area with few inhabitants is pulled toward the reference mean in proportion to its sampling noise:
    ``shrunk = w * rate + (1 - w) * mean`` with ``w = tau2 / (tau2 + s2)``, ``s2`` the binomial (``_pct``) or
    Poisson (``_per_1000``) sampling variance with the number of inhabitants as denominator, ``tau2`` the
    between-area variance in the reference (method of moments).
    """

    method: Literal["empirical_bayes", "none"] = "empirical_bayes"
    #: Indicators to shrink; empty = all scored indicators whose id ends in ``_pct`` or ``_per_1000``.
    indicators: list[str] = Field(default_factory=list)


class SmallPopulationConfig(_Strict):
    """Small and special areas (every number here is a keuze van wijklib)."""

    #: ``exclude``: treat values below an indicator's minimum population as missing in the index; ``keep``: use
    #: them anyway (always left out of stacking).
    index: Literal["exclude", "keep"] = "exclude"
    #: Minimum number of inhabitants for a robust place in the ranking: areas below it are scored and shown, but
    #: never "robuust in" (their rank rests on few people). 0 = no minimum.
    min_population: int = Field(1000, ge=0)
    #: Minimum population per indicator, overriding the indicator list (``min_population`` column).
    indicators: dict[str, int] = Field(default_factory=dict)
    shrinkage: ShrinkageConfig = _section(ShrinkageConfig)
    special: SpecialPopulationConfig = _section(SpecialPopulationConfig)


class StackingConfig(_Strict):
    """Stacking (opstapeling): count indicators and domains in the worst part of the reference."""

    quantile: float = Field(0.10, gt=0.0, lt=1.0)
    min_domains: int = Field(3, ge=1, le=100)
    #: Absolute cut-offs per indicator in raw units (worse than the cut-off = flagged), overriding the quantile.
    absolute: dict[str, float] = Field(default_factory=dict)


class TrendConfig(_Strict):
    """Trends over the available periods (Theil-Sen slopes).

    A slope needs ``min_periods`` comparable years; with two years (or fewer than ``min_periods``) the change is
    reported as a *verschil* (difference between two years), never as a robust slope, and it does not feed the
    urgency types unless ``differences_count`` is true. ``min_periods`` is never lowered.
    """

    min_periods: int = Field(3, ge=2, le=100)
    #: Let a two-year difference count as a trend signal for the urgency types (keuze van wijklib; default no).
    differences_count: bool = False
    #: A standardised slope (reference standard deviations per year) beyond this counts as a change.
    threshold_sd_per_year: float = Field(0.05, ge=0.0)


class PolicyNorm(_Strict):
    """A local norm or target for one indicator (beleidskader), with the document it comes from."""

    #: Norm in the indicator's raw units; worse than the norm (in the indicator's direction) is a deviation.
    norm: float
    #: The document that sets the norm, e.g. "Woonvisie Lindewaard 2024, p. 12". Required: no norm without source.
    source: str = Field(min_length=1)
    #: Deviation that counts, in raw units beyond the norm (keuze van wijklib when not set by the document).
    tolerance: float = Field(0.0, ge=0.0)


class TypesConfig(_Strict):
    """Rules for the urgency types of the Praktijkhandboek (003 §4.1: acuut, sluimerend, meervoudig; and the
    urgency of a policy frame). Every number below is a keuze van wijklib: the handbook gives no thresholds."""

    #: Worst class = this share of the scored areas with the highest index (or stacked).
    worst_class_quantile: float = Field(0.10, gt=0.0, lt=1.0)
    #: Recent spike: latest value minus the median of earlier periods, in reference standard deviations.
    spike_sd: float = Field(1.5, gt=0.0)
    #: Indicators checked for spikes; empty = all scored indicators of the domain ``veiligheid``.
    spike_indicators: list[str] = Field(default_factory=list)
    #: Signal categories that count as incidents; empty = all categories.
    incident_categories: list[str] = Field(default_factory=list)
    min_incidents: int = Field(1, ge=1, le=1_000_000)
    window_months: int = Field(12, ge=1, le=1200)
    #: Reference date for the incident window (ISO date); empty = latest date in the signals table.
    reference_date: str | None = None
    #: Share of indicators that must worsen for a "sluimerend" signal when the index itself is not declining.
    min_share_worsening: float = Field(0.25, gt=0.0, le=1.0)
    #: Professional and resident signals (aanleidingen log + signals table) in the window that count as
    #: "aanhoudende signalen" for sluimerende urgentie.
    min_signals: int = Field(3, ge=1)
    #: Months within which the societal, political and administrative streams must meet (meervoudig).
    stream_window_months: int = Field(24, ge=1)
    #: Acute urgency needs an incident that reached media, politics or administrators (003 §4.1 (1)); set false to
    #: let an incident alone count (keuze van wijklib).
    acute_requires_attention: bool = True
    #: Local norms per indicator for the beleidskader type: ``{indicator: {norm: .., source: .., tolerance: ..}}``.
    policy_norms: dict[str, PolicyNorm] = Field(default_factory=dict)


class ToldConfig(_Strict):
    """Tellen en vertellen: told (survey, schouw, signals) scores beside counted scores."""

    #: Theme of the told data -> domain of the counted data. Themes that are domain ids map to themselves.
    theme_domains: dict[str, str] = Field(default_factory=dict)
    #: Told values with fewer observations (column ``n``) are reported but not used for divergence.
    min_n: int = Field(10, ge=1, le=1_000_000)
    #: Divergence signal when told and counted percentiles differ by at least this many points.
    divergence_threshold: float = Field(25.0, gt=0.0, le=100.0)
    #: Told stream counts as "urgent" at or above this told percentile.
    urgent_percentile: float = Field(75.0, ge=0.0, le=100.0)
    min_areas: int = Field(3, ge=2, le=MAX_AREAS)


class UncertaintyConfig(_Strict):
    """Monte Carlo over method choices."""

    draws: int = Field(1000, ge=0, le=MAX_DRAWS)
    seed: int | None = 20240601

    @field_validator("draws", mode="before")
    @classmethod
    def _whole_draws(cls, v: Any) -> Any:
        """``1e11`` (a string in YAML) or ``2000.0`` is read as the whole number it is, so that the bound
        (``hoogstens MAX_DRAWS``) is what the user is told, not "verwacht een getal"."""
        if isinstance(v, bool):
            return v
        try:
            f = float(v) if isinstance(v, (str, float)) else None
        except ValueError:
            return v
        if f is not None and math.isfinite(f) and f == int(f):
            return int(f)
        return v
    normalisations: list[Normalisation] = Field(default_factory=lambda: list[Normalisation](["zscore", "percentile", "minmax"]))
    #: Reference frames to vary over; empty = only the configured frame.
    frames: list[Frame] = Field(default_factory=list)
    aggregations: list[Aggregation] = Field(default_factory=lambda: list[Aggregation](["arithmetic"]))
    #: Multiplicative noise on every indicator and domain weight: uniform in [1 - w, 1 + w].
    weight_noise: float = Field(0.25, ge=0.0, lt=1.0)
    stacking_quantiles: list[float] = Field(default_factory=lambda: [0.05, 0.10, 0.20])
    top_k: int = Field(20, ge=1, le=MAX_AREAS)
    interval: tuple[float, float] = (0.05, 0.95)
    robust_in: float = Field(0.9, gt=0.5, le=1.0)
    robust_out: float = Field(0.1, ge=0.0, lt=0.5)
    chunk_size: int = Field(100, ge=1, le=MAX_DRAWS)

    @model_validator(mode="after")
    def _check(self) -> "UncertaintyConfig":
        lo, hi = self.interval
        if not 0.0 <= lo < hi <= 1.0:
            raise ValueError(f"interval {self.interval}: verwacht 0 <= onder < boven <= 1")
        for q in self.stacking_quantiles:
            if not 0.0 < q < 1.0:
                raise ValueError(f"stacking_quantiles: {q} ligt niet tussen 0 en 1")
        if not self.normalisations:
            raise ValueError("normalisations is leeg; noem minstens een normalisatie")
        if not self.aggregations:
            raise ValueError("aggregations is leeg; noem minstens een aggregatie")
        return self


class FocusConfig(_Strict):
    """Proposal of focus areas (the final choice stays with the user)."""

    rule: Literal["top_k", "threshold", "probability"] = "top_k"
    k: int = Field(20, ge=1, le=MAX_AREAS)
    #: Index threshold for ``rule: threshold`` (on the configured normalisation's scale).
    threshold: float | None = None
    #: Minimal probability to be in the top-k for ``rule: probability``.
    min_probability: float = Field(0.5, ge=0.0, le=1.0)
    merge_adjacent: bool = True


class DiagnosticsConfig(_Strict):
    """Thresholds of the warnings."""

    dominance_top1: float = Field(0.5, gt=0.0, le=1.0)
    dominance_top2: float = Field(0.75, gt=0.0, le=1.0)
    correlation: float = Field(0.9, gt=0.0, le=1.0)
    topk_overlap_min: float = Field(0.7, ge=0.0, le=1.0)
    min_overlap_areas: int = Field(10, ge=3, le=MAX_AREAS)
    #: Warn when fewer than this share of the scored areas have any figure in a domain (keuze van wijklib).
    domain_coverage_min: float = Field(0.5, ge=0.0, le=1.0)


class UrgencyConfig(_Strict):
    """Full configuration of :func:`wijklib.urgency.run_urgency`."""

    version: Literal[1] = 1
    #: Indicators to score; empty = all non-context indicators of the metadata present in the data.
    indicators: list[str] = Field(default_factory=list)
    normalisation: NormalisationConfig = _section(NormalisationConfig)
    reference: ReferenceConfig = _section(ReferenceConfig)
    weights: WeightsConfig = _section(WeightsConfig)
    aggregation: AggregationConfig = _section(AggregationConfig)
    missing: MissingConfig = _section(MissingConfig)
    small_population: SmallPopulationConfig = _section(SmallPopulationConfig)
    stacking: StackingConfig = _section(StackingConfig)
    trends: TrendConfig = _section(TrendConfig)
    types: TypesConfig = _section(TypesConfig)
    told: ToldConfig = _section(ToldConfig)
    uncertainty: UncertaintyConfig = _section(UncertaintyConfig)
    focus: FocusConfig = _section(FocusConfig)
    diagnostics: DiagnosticsConfig = _section(DiagnosticsConfig)

    @model_validator(mode="after")
    def _geometric_needs_positive_scale(self) -> "UrgencyConfig":
        if self.aggregation.method == "geometric" and self.normalisation.method not in POSITIVE_NORMALISATIONS:
            raise ValueError(
                f"aggregation.method 'geometric' vraagt een positieve schaal; normalisation.method "
                f"'{self.normalisation.method}' kan negatief zijn (kies uit {', '.join(POSITIVE_NORMALISATIONS)})")
        return self

    def with_updates(self, **changes: Any) -> "UrgencyConfig":
        """Return a validated copy with nested updates, e.g. ``with_updates(normalisation={"method": "minmax"})``.

        Parameters
        ----------
        **changes
            Top-level keys mapped to a value or to a dict of sub-keys.

        Returns
        -------
        UrgencyConfig
        """
        data = self.model_dump()
        for key, value in changes.items():
            if isinstance(value, dict) and isinstance(data.get(key), dict):
                data[key] = {**data[key], **value}
            else:
                data[key] = value
        return load_config(data)


def _loc_to_key(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if not (isinstance(p, str) and p.startswith("function-"))]
    return ".".join(parts) if parts else "(configuratie)"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _translate(err: Mapping[str, Any]) -> str:
    err = {**err, "input": _short(err.get("input"))}
    kind = err.get("type", "")
    if kind == "extra_forbidden":
        return "onbekende sleutel"
    if kind == "literal_error":
        expected = literal_choices_nl(err.get("ctx", {}).get("expected", ""))
        return f"onbekende waarde {err.get('input')}; verwacht {expected}"
    if kind in ("value_error", "assertion_error"):
        msg = str(err.get("ctx", {}).get("error", err.get("msg", "")))
        return msg
    if kind.startswith(("greater_than", "less_than")):
        ctx = err.get("ctx", {})
        words = {"ge": "minstens", "gt": "groter dan", "le": "hoogstens", "lt": "kleiner dan"}
        bound = ", ".join(f"{words[k]} {v}" for k, v in ctx.items() if k in words)
        return f"waarde {err.get('input')} buiten het toegestane bereik (verwacht {bound or err.get('msg')})"
    if kind in ("float_parsing", "int_parsing", "float_type", "int_type", "int_from_float"):
        return f"verwacht een getal, kreeg {err.get('input')}"
    if kind == "finite_number":
        return f"verwacht een eindig getal, kreeg {err.get('input')}"
    if kind == "int_parsing_size":
        return f"getal {str(err.get('input'))[:30]!r} is te groot"
    return f"{err.get('msg')} (kreeg {err.get('input')})"


def load_config(source: "str | Path | dict[str, Any] | UrgencyConfig | None" = None) -> UrgencyConfig:
    """Read and validate an urgency configuration.

    Parameters
    ----------
    source : str, Path, dict, UrgencyConfig or None
        A YAML file, a mapping with the same structure, an existing config (returned as is) or None for the
        defaults.

    Returns
    -------
    UrgencyConfig

    Raises
    ------
    InputError
        The file cannot be read, is not a mapping, or a key is unknown or has a bad value. ``column`` names the
        dotted key path.

    Examples
    --------
    >>> load_config({"normalisation": {"method": "percentile"}}).normalisation.method
    'percentile'
    """
    if isinstance(source, UrgencyConfig):
        return source
    file: str | None = None
    if source is None:
        data: Any = {}
    elif isinstance(source, (str, Path)):
        file = str(source)
        path = Path(source)
        if not path.is_file():
            raise InputError("configuratiebestand niet gevonden", file=file)
        data = load_yaml(path, expect=None, empty={})
    elif isinstance(source, dict):
        data = source
    else:
        raise InputError(f"configuratie moet een bestand, dict of UrgencyConfig zijn, kreeg {type(source).__name__}")
    if not isinstance(data, dict):
        raise InputError("de configuratie moet een mapping (sleutel: waarde) zijn", file=file)
    try:
        return UrgencyConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = _loc_to_key(tuple(first.get("loc", ())))
        if key == "(configuratie)" and "geometric" in str(first.get("ctx", {}).get("error", "")):
            key = "aggregation.method"
        raise InputError(_translate(first), file=file, column=key) from None


def validate_config(config: UrgencyConfig, meta: pd.DataFrame, *, available: "list[str] | None" = None,
                    file: "str | None" = None) -> list[str]:
    """Check a configuration against the indicator metadata and return the indicators to score.

    Parameters
    ----------
    config : UrgencyConfig
    meta : DataFrame
        Prepared indicator metadata (see :func:`wijklib.urgency.inputs.prepare_indicators`), indexed by indicator.
    available : list of str, optional
        Indicator columns present in the data. Configured indicators that are absent raise; when
        ``config.indicators`` is empty, all non-context metadata indicators that are available are scored.
    file : str, optional
        File name for error messages.

    Returns
    -------
    list of str
        Scored indicator ids, in metadata order.

    Raises
    ------
    InputError
        Unknown indicator or domain ids (naming the key), context indicators configured for scoring, all weights
        zero, no indicator left to score.
    """
    known = set(meta.index)

    def check_ids(ids: "list[str] | dict[str, Any]", key: str) -> None:
        for ind in ids:
            if ind not in known:
                raise InputError(f"onbekende indicator '{ind}' (niet in de indicatorlijst)", file=file,
                                 column=f"{key}.{ind}" if isinstance(ids, dict) else key)

    check_ids(config.indicators, "indicators")
    check_ids(config.weights.indicators, "weights.indicators")
    check_ids(config.normalisation.targets, "normalisation.targets")
    check_ids(config.stacking.absolute, "stacking.absolute")
    check_ids(config.types.spike_indicators, "types.spike_indicators")
    check_ids(config.types.policy_norms, "types.policy_norms")
    check_ids(config.small_population.indicators, "small_population.indicators")
    check_ids(config.small_population.shrinkage.indicators, "small_population.shrinkage.indicators")
    domains = set(meta["domain"])
    for dom in config.weights.domains:
        if dom not in domains:
            raise InputError(f"onbekend domein '{dom}'; bekende domeinen: {', '.join(sorted(domains))}",
                             file=file, column=f"weights.domains.{dom}")
    for theme, dom in config.told.theme_domains.items():
        if dom not in domains:
            raise InputError(f"thema '{theme}' verwijst naar onbekend domein '{dom}'", file=file,
                             column=f"told.theme_domains.{theme}")

    if config.indicators:
        scored = [i for i in meta.index if i in set(config.indicators)]
        ctx = [i for i in scored if meta.at[i, "direction"] == "context"]
        if ctx:
            raise InputError(f"contextindicator '{ctx[0]}' wordt nooit gescoord; haal hem uit de lijst",
                             file=file, column="indicators")
        if available is not None:
            missing = [i for i in scored if i not in set(available)]
            if missing:
                raise InputError(f"indicator '{missing[0]}' staat niet in de gegevens", file=file,
                                 column="indicators")
    else:
        scored = [i for i in meta.index if meta.at[i, "direction"] != "context"
                  and (available is None or i in set(available))]
    if not scored:
        if config.indicators:  # the list of the settings (key 'indicators') names only context or absent ones
            raise InputError("geen indicator om te scoren: geen niet-context-indicator uit de lijst staat in de "
                             "gegevens", file=file, column="indicators")
        raise InputError("geen indicator om te scoren: de gegevens bevatten alleen contextindicatoren (zoals "
                         "inwoners) of geen enkele indicator uit de indicatorlijst", file=file)
    for ind in config.weights.indicators:
        if meta.at[ind, "direction"] == "context":
            raise InputError(f"contextindicator '{ind}' krijgt geen gewicht", file=file,
                             column=f"weights.indicators.{ind}")

    # weight sum: computed the same way as the engine does
    build_weights(meta.loc[scored], config.weights, file=file)
    return scored
