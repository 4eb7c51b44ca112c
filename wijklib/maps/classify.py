"""One classification for the whole gemeente (or country), reused in every map and report.

A :class:`Classification` holds the class boundaries, the Dutch legend labels and the colours. It is computed
once with :func:`classify` on *all* areas of the reference (the whole gemeente, or the country) and then passed to
every map, so that a colour means the same in every map, report and year (style guide §7 point 12; gdsbook
"Pooled classifications"). It is small and serialisable (:meth:`Classification.to_dict`,
:meth:`~Classification.to_json`), so a batch of reports can take it as a JSON parameter.

Class *i* holds the values ``bins[i-1] < x <= bins[i]`` (mapclassify's convention). The first class is open
below and the last class open above: values of another year or area that fall outside the range of the
reference go to the first or last class, and the labels say so (``"≤ 2,5"``, ``"> 7,1"``).

Schemes
-------
``quantiles``
    Equal numbers of areas per class (mapclassify ``Quantiles``).
``natural_breaks``
    Jenks natural breaks, computed exactly and deterministically (mapclassify ``FisherJenks``).
``equal_interval``
    Classes of equal width.
``fixed``
    Boundaries given by the user (``bins=...``), e.g. the same boundaries as last year's report.
``leefbaarometer``
    Nine classes of the deviation from the reference mean, in standard deviations, with the boundaries
    ±0.25, ±0.75, ±1.25 and ±2 sd. The Leefbaarometer 3.0 reports its scores in nine classes as a deviation from
    the national average (research note ``urgency_scoring.md`` §1 point 4); its exact class boundaries are not
    published in the sources we have, so these boundaries are our own choice (PROPOSAL), symmetric around the
    mean, with a diverging palette.

Colours are colour-blind safe by default: ColorBrewer ``YlOrRd`` (sequential, "more urgent = darker") for urgency
and other "higher is worse" values, ``viridis`` on request, ``RdYlBu_r`` for the diverging nine classes; no red-green
pairs.

Examples
--------
>>> import numpy as np
>>> c = classify(np.arange(1.0, 11.0), scheme="quantiles", k=5, title="Urgentie-index")
>>> c.labels[0], c.labels[-1]
('≤ 2,8', '> 8,2')
>>> c.assign([1.0, 5.0, 99.0, float("nan")]).tolist()
[0, 2, 4, -1]
>>> Classification.from_dict(c.to_dict()) == c
True
"""

from __future__ import annotations

import json
import math
import warnings
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from wijklib.errors import InputError

__all__ = [
    "Classification",
    "classify",
    "SCHEMES",
    "SUPPRESSED_LABEL",
    "SMALL_LABEL",
    "MISSING_LABEL",
    "SUPPRESSED_COLOR",
    "MISSING_COLOR",
    "CATEGORICAL_PALETTE",
    "URGENCY_TYPE_COLORS",
    "URGENCY_TYPE_LABELS",
    "palette_colors",
    "category_colors",
    "format_number",
    "LEEFBAAROMETER_Z",
    "LEEFBAAROMETER_NAMES",
]

#: Legend label of buurten whose value is suppressed by the CBS or statistically unreliable.
SUPPRESSED_LABEL = "geheim/onbetrouwbaar"
#: Label of areas below wijklib's own minimum population (drawn like suppressed areas, but not a CBS secret).
SMALL_LABEL = "te weinig inwoners (keuze van wijklib)"
#: Legend label of buurten without a value.
MISSING_LABEL = "geen gegevens"
#: Base colour of suppressed / unreliable buurten (drawn hatched on top of this).
SUPPRESSED_COLOR = "#f0f0f0"
#: Colour of the hatch lines.
SUPPRESSED_HATCH_COLOR = "#737373"
#: Colour of buurten without data.
MISSING_COLOR = "#d9d9d9"

#: Colour-blind-safe qualitative palette (Paul Tol "muted", then black and greys) for categories.
CATEGORICAL_PALETTE = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
                       "#AA4499", "#000000", "#777777", "#BBBBBB")
#: Fixed colours per urgency type (Okabe-Ito; never red versus green alone).
URGENCY_TYPE_COLORS = {"acuut": "#D55E00", "meervoudig": "#CC79A7", "sluimerend": "#0072B2",
                       "beleidskader": "#E69F00", "geen": "#FFFFFF"}
URGENCY_TYPE_LABELS = {"acuut": "acuut", "meervoudig": "meervoudig", "sluimerend": "sluimerend",
                       "beleidskader": "beleidskader (wijkt af van een lokale norm)",
                       "geen": "geen bijzondere urgentie"}

#: Inner boundaries of the nine-class scheme, in standard deviations from the mean (PROPOSAL, see module doc).
LEEFBAAROMETER_Z = (-2.0, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25, 2.0)
#: Names of the nine classes, from far below to far above the mean.
LEEFBAAROMETER_NAMES = ("ver onder gemiddeld", "ruim onder gemiddeld", "onder gemiddeld", "iets onder gemiddeld",
                       "gemiddeld", "iets boven gemiddeld", "boven gemiddeld", "ruim boven gemiddeld",
                       "ver boven gemiddeld")

SCHEMES = ("quantiles", "natural_breaks", "equal_interval", "fixed", "leefbaarometer")
_SCHEME_ALIASES = {
    "quantiles": "quantiles", "quantile": "quantiles", "kwantielen": "quantiles",
    "natural_breaks": "natural_breaks", "naturalbreaks": "natural_breaks", "fisherjenks": "natural_breaks",
    "jenks": "natural_breaks", "natuurlijke_grenzen": "natural_breaks",
    "equal_interval": "equal_interval", "equalinterval": "equal_interval", "gelijke_intervallen": "equal_interval",
    "fixed": "fixed", "userdefined": "fixed", "vast": "fixed", "vaste_klassen": "fixed",
    "leefbaarometer": "leefbaarometer", "leefbaarometer9": "leefbaarometer", "negen_klassen": "leefbaarometer",
}
_DEFAULT_PALETTE = {"leefbaarometer": "RdYlBu_r"}


def format_number(value: float, decimals: int = 1) -> str:
    """Format a number the Dutch way: decimal comma, a dot between thousands.

    Examples
    --------
    >>> format_number(12345.678, 1)
    '12.345,7'
    >>> format_number(-0.04, 1)
    '0,0'
    >>> format_number(float("nan"))
    ''
    """
    if value is None:
        return ""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(value):
        return "" if math.isnan(value) else ("∞" if value > 0 else "-∞")
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and float(text[1:].replace(",", "")) == 0:
        text = text[1:]
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def palette_colors(palette: str | Sequence[str], k: int, *, reverse: bool = False) -> tuple[str, ...]:
    """Sample ``k`` hex colours from a matplotlib colormap name or take them from a list.

    Colours are taken at the class centres ``(i + 0.5) / k``, so a diverging palette with an odd ``k`` puts its
    neutral colour on the middle class.
    """
    from matplotlib import colormaps, colors

    if isinstance(palette, str):
        if palette not in colormaps:
            raise InputError(f"onbekend kleurenpalet {palette!r}; gebruik bijvoorbeeld 'YlOrRd', 'viridis', 'Blues' "
                             f"of 'RdYlBu_r', of geef een lijst met kleuren", column="palette")
        cmap = colormaps[palette]
        out = [colors.to_hex(cmap((i + 0.5) / k)) for i in range(k)]
    else:
        pal = list(palette)
        if len(pal) < k:
            raise InputError(f"het palet heeft {len(pal)} kleuren, er zijn er {k} nodig", column="palette")
        try:
            out = [colors.to_hex(c) for c in pal[:k]]
        except ValueError as exc:
            raise InputError(f"ongeldige kleur in het palet: {exc}", column="palette") from exc
    return tuple(reversed(out)) if reverse else tuple(out)


def category_colors(categories: Iterable[Any], fixed: dict[str, str] | None = None) -> dict[str, str]:
    """Assign colours of :data:`CATEGORICAL_PALETTE` to categories in sorted order (stable between maps).

    Categories in ``fixed`` keep their given colour. With more than 12 categories colours repeat.
    """
    fixed = dict(fixed or {})
    cats = sorted({str(c) for c in categories if c is not None and not (isinstance(c, float) and math.isnan(c))})
    out: dict[str, str] = {}
    free = [c for c in CATEGORICAL_PALETTE if c not in fixed.values()]
    i = 0
    for c in cats:
        if c in fixed:
            out[c] = fixed[c]
        else:
            out[c] = free[i % len(free)]
            i += 1
    return out


@dataclass(frozen=True)
class Classification:
    """Class boundaries, labels and colours, computed once and reused in every map.

    Attributes
    ----------
    bins : tuple of float
        Upper bound of each class (``k`` values, increasing). The last class is open above.
    colors : tuple of str
        Hex colour per class.
    labels : tuple of str
        Dutch legend label per class.
    scheme : str
        How the bins were made (one of :data:`SCHEMES`).
    title : str
        Legend title, e.g. ``"Urgentie-index"``.
    unit : str
        Unit shown after values in tooltips (``"%"``, ``"per 1.000 inwoners"``), may be empty.
    decimals : int
        Decimals for values and labels.
    basis : str
        What the classes were computed on, e.g. ``"30 buurten van Lindewaard, 2024"`` (shown under the legend).
    n : int
        Number of values the classes were computed on.
    minimum, maximum : float
        Range of those values.
    """

    bins: tuple[float, ...]
    colors: tuple[str, ...]
    labels: tuple[str, ...]
    scheme: str = "fixed"
    title: str = ""
    unit: str = ""
    decimals: int = 1
    basis: str = ""
    n: int = 0
    minimum: float = field(default=float("nan"), compare=False)
    maximum: float = field(default=float("nan"), compare=False)
    extra: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        bins = tuple(float(b) for b in self.bins)
        object.__setattr__(self, "bins", bins)
        object.__setattr__(self, "colors", tuple(self.colors))
        object.__setattr__(self, "labels", tuple(str(x) for x in self.labels))
        if not bins:
            raise InputError("een klassenindeling heeft ten minste één klasse nodig", column="bins")
        if any(math.isnan(b) for b in bins) or any(b2 <= b1 for b1, b2 in zip(bins, bins[1:])):
            raise InputError(f"klassengrenzen moeten oplopen en getallen zijn, gekregen {list(bins)}", column="bins")
        if len(self.colors) != len(bins):
            raise InputError(f"{len(bins)} klassen maar {len(self.colors)} kleuren", column="colors")
        if len(self.labels) != len(bins):
            raise InputError(f"{len(bins)} klassen maar {len(self.labels)} labels", column="labels")

    # -- use ------------------------------------------------------------------------------------------------
    @property
    def k(self) -> int:
        """Number of classes."""
        return len(self.bins)

    def assign(self, values: Iterable[float]) -> np.ndarray:
        """Class index (0..k-1) of each value; ``-1`` for NaN. Values outside the range go to the end classes."""
        v = np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=float)
        idx = np.searchsorted(np.asarray(self.bins), v, side="left")
        idx = np.minimum(idx, self.k - 1)
        return np.where(np.isnan(v), -1, idx).astype(int)

    def color_of(self, values: Iterable[float], *, missing: str = MISSING_COLOR) -> list[str]:
        """Colour of each value (``missing`` for NaN)."""
        return [self.colors[i] if i >= 0 else missing for i in self.assign(values)]

    def label_of(self, values: Iterable[float], *, missing: str = MISSING_LABEL) -> list[str]:
        """Legend label of each value (``missing`` for NaN)."""
        return [self.labels[i] if i >= 0 else missing for i in self.assign(values)]

    def format(self, value: float) -> str:
        """The value as shown in tooltips, with the unit."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return ""
        text = format_number(value, self.decimals)
        return f"{text} {self.unit}".strip() if self.unit and self.unit != "%" else text + (self.unit or "")

    def legend_title(self) -> str:
        """Title with the unit in brackets, unless the title already names the unit."""
        if self.unit and f"({self.unit})" not in self.title and not self.title.endswith(self.unit):
            return f"{self.title} ({self.unit})".strip()
        return self.title

    def legend_entries(self) -> list[tuple[str, str]]:
        """``(colour, label)`` per class, from low to high."""
        return list(zip(self.colors, self.labels))

    def legend_rows(self, *, suppressed: bool = False, small: bool = False,
                    missing: bool = False) -> list[tuple[str, str, str]]:
        """The legend of a map with these classes, for interactive and static maps alike.

        Parameters
        ----------
        suppressed, small, missing : bool
            Add the hatched ``geheim/onbetrouwbaar`` row, the hatched row for buurten below wijklib's own
            minimum population, and the grey ``geen gegevens`` row.

        Returns
        -------
        list of (kind, colour, label)
            ``kind`` is ``fill`` (one row per class, low to high, and the missing row) or ``hatch``.
        """
        extra = ((suppressed, ("hatch", SUPPRESSED_COLOR, SUPPRESSED_LABEL)),
                 (small, ("hatch", SUPPRESSED_COLOR, SMALL_LABEL)),
                 (missing, ("fill", MISSING_COLOR, MISSING_LABEL)))
        return [("fill", c, lab) for c, lab in self.legend_entries()] + [row for show, row in extra if show]

    def explore_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``GeoDataFrame.explore`` that reproduce these classes and colours.

        ``explore`` classifies again on the data it gets; the last bin is set to infinity so that values above
        the reference range do not create an extra class.
        """
        import hashlib

        from matplotlib import colormaps
        from matplotlib.colors import ListedColormap

        # explore() treats a Colormap object as a function of the raw value; a registered *name* is resampled to
        # the k classes instead, which reproduces the colours exactly.
        name = "wijklib_" + hashlib.sha1("|".join(self.colors).encode()).hexdigest()[:12]
        if name not in colormaps:
            colormaps.register(ListedColormap(list(self.colors), name=name))
        bins = list(self.bins[:-1]) + [float("inf")]
        return {"scheme": "UserDefined", "classification_kwds": {"bins": bins}, "k": self.k, "cmap": name,
                "legend": True, "legend_kwds": {"colorbar": False, "caption": self.title, "labels": list(self.labels)}}

    # -- serialisation --------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict (infinite or NaN numbers become ``None``)."""
        d = asdict(self)
        for key in ("minimum", "maximum"):
            if not math.isfinite(d[key]):
                d[key] = None
        d["bins"] = list(self.bins)
        d["colors"] = list(self.colors)
        d["labels"] = list(self.labels)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, file: str | Path | None = None) -> "Classification":
        """Rebuild from :meth:`to_dict` output (e.g. a notebook parameter); errors name the key."""
        if not isinstance(data, dict):
            raise InputError(f"verwacht een object met bins, colors en labels, gekregen {type(data).__name__}",
                             file=file)
        known = {f for f in cls.__dataclass_fields__}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InputError(f"onbekende sleutel(s) {', '.join(unknown)}; verwacht {', '.join(sorted(known))}",
                             file=file, column=unknown[0])
        for key in ("bins", "colors", "labels"):
            if key not in data:
                raise InputError(f"sleutel {key!r} ontbreekt", file=file, column=key)
        d = dict(data)
        for key in ("minimum", "maximum"):
            if d.get(key) is None:
                d[key] = float("nan")
        try:
            return cls(**d)
        except InputError as exc:
            raise InputError(exc.message, file=file, column=exc.column) from exc
        except (TypeError, ValueError) as exc:
            raise InputError(f"ongeldige klassenindeling: {exc}", file=file) from exc

    def to_json(self, path: str | Path | None = None) -> str:
        """JSON text; written to ``path`` when given."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
        if path is not None:
            from wijklib.io.atomic import atomic_write_text

            atomic_write_text(path, text + "\n")
        return text

    @classmethod
    def from_json(cls, source: str | Path) -> "Classification":
        """Read from a JSON file (or a JSON string that starts with ``{``)."""
        if isinstance(source, str) and source.lstrip().startswith("{"):
            text, file = source, None
        else:
            file = Path(source)
            if not file.exists():
                raise InputError("bestand met klassenindeling niet gevonden", file=file)
            text = file.read_text(encoding="utf-8")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"geen geldige JSON (regel {exc.lineno}): {exc.msg}", file=file) from exc
        return cls.from_dict(data, file=file)

    def with_text(self, *, title: str | None = None, unit: str | None = None, basis: str | None = None
                  ) -> "Classification":
        """A copy with another title, unit or basis (classes and colours unchanged)."""
        return replace(self, title=self.title if title is None else title, unit=self.unit if unit is None else unit,
                       basis=self.basis if basis is None else basis)


def _normalise_scheme(scheme: str) -> str:
    key = str(scheme).strip().lower().replace("-", "_").replace(" ", "_")
    if key not in _SCHEME_ALIASES:
        raise InputError(f"onbekende klassenindeling {scheme!r}; kies uit {', '.join(SCHEMES)}", column="scheme")
    return _SCHEME_ALIASES[key]


def _auto_decimals(lo: float, hi: float) -> int:
    span = hi - lo
    if not math.isfinite(span) or span <= 0:
        return 1
    if span >= 1000:
        return 0
    return int(min(3, max(1, -math.floor(math.log10(span)))))


def _range_labels(bins: Sequence[float], decimals: int, unit: str = "") -> tuple[list[str], int]:
    """Labels '≤ a', 'a – b', '> z'; decimals are raised until neighbouring boundaries differ in print."""
    k = len(bins)
    for d in range(decimals, 7):
        shown = [format_number(b, d) for b in bins[:-1]]
        if len(set(shown)) == len(shown):
            break
    else:  # pragma: no cover - bins are strictly increasing, so 6 decimals nearly always suffice
        d = decimals
    if k == 1:
        return ["alle waarden"], d
    labels = [f"≤ {shown[0]}"]
    labels += [f"{shown[i - 1]} – {shown[i]}" for i in range(1, k - 1)]
    labels.append(f"> {shown[-1]}")
    return labels, d


def classify(values: Iterable[float], scheme: str = "quantiles", k: int = 5, *, bins: Sequence[float] | None = None,
             palette: str | Sequence[str] | None = None, reverse: bool = False, title: str = "", unit: str = "",
             decimals: int | None = None, basis: str = "", labels: Sequence[str] | None = None) -> Classification:
    """Compute a classification once on all values of the reference (whole gemeente or country).

    Parameters
    ----------
    values : array-like of float
        The values of *all* areas of the reference; NaN (suppressed, missing) are ignored.
    scheme : {'quantiles', 'natural_breaks', 'equal_interval', 'fixed', 'leefbaarometer'}
        See the module documentation. Dutch aliases work too (``kwantielen``, ``vaste_klassen``, ...).
    k : int
        Number of classes (ignored for ``fixed`` and ``leefbaarometer``, which has nine).
    bins : sequence of float, optional
        Upper class bounds for ``fixed`` (the last one closes the last class in the labels only; higher values
        still go to the last class).
    palette : str or list of colours, optional
        Matplotlib colormap name or explicit colours. Default ``YlOrRd`` (``RdYlBu_r`` for ``leefbaarometer``).
    reverse : bool
        Reverse the palette (use for "higher is better" values so that darker still means worse).
    title, unit, basis : str
        Legend title, unit for tooltips, and what the classes are based on.
    decimals : int, optional
        Decimals in labels and tooltips; default from the range of the values.
    labels : sequence of str, optional
        Own labels, one per class.

    Returns
    -------
    Classification

    Raises
    ------
    InputError
        Unknown scheme or palette, no finite values, ``fixed`` without ``bins``, bad ``k``.

    Warns
    -----
    UserWarning
        When ties leave fewer distinct classes than asked (quantiles on many equal values).
    """
    name = _normalise_scheme(scheme)
    v = np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=float)
    finite = v[np.isfinite(v)]
    if name != "fixed" and finite.size == 0:
        raise InputError("geen enkele waarde om klassen op te baseren (alles ontbreekt of is geheim)", column="values")
    if name not in ("fixed", "leefbaarometer") and (not isinstance(k, (int, np.integer)) or k < 1):
        raise InputError(f"het aantal klassen k moet een geheel getal van minstens 1 zijn, gekregen {k!r}",
                         column="k")
    lo = float(finite.min()) if finite.size else float("nan")
    hi = float(finite.max()) if finite.size else float("nan")
    names: Sequence[str] | None = None
    extra: dict[str, Any] = {}

    if name == "fixed":
        if bins is None or len(bins) == 0:
            raise InputError("de indeling 'fixed' (vaste klassen) heeft klassengrenzen nodig: bins=[...]",
                             column="bins")
        edges = [float(b) for b in bins]
    elif name == "leefbaarometer":
        mean = float(finite.mean())
        sd = float(finite.std(ddof=1)) if finite.size > 1 else 0.0
        if not sd > 0:
            raise InputError("de negen-klassenindeling heeft spreiding nodig; alle waarden zijn gelijk",
                             column="values")
        edges = [mean + z * sd for z in LEEFBAAROMETER_Z] + [max(hi, mean + 3 * sd)]
        names = LEEFBAAROMETER_NAMES
        extra = {"mean": mean, "sd": sd, "z": list(LEEFBAAROMETER_Z)}
    else:
        import mapclassify

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            kk = int(min(k, max(1, np.unique(finite).size)))
            if name == "quantiles":
                mc = mapclassify.Quantiles(finite, k=kk)
            elif name == "natural_breaks":
                mc = mapclassify.FisherJenks(finite, k=kk)
            else:
                mc = mapclassify.EqualInterval(finite, k=kk)
        edges = [float(b) for b in mc.bins]
    # deduplicate (ties) and check order
    clean: list[float] = []
    for b in edges:
        if not clean or b > clean[-1]:
            clean.append(b)
    if name == "fixed" and len(clean) != len(edges):
        raise InputError(f"klassengrenzen moeten strikt oplopen, gekregen {list(edges)}", column="bins")
    if name not in ("fixed", "leefbaarometer") and len(clean) < k:
        warnings.warn(f"door gelijke waarden zijn er {len(clean)} klassen in plaats van {k}", UserWarning,
                      stacklevel=2)
    kk = len(clean)
    if decimals is None:
        if name == "fixed" and all(float(b).is_integer() for b in clean):
            decimals = 0
        else:
            decimals = _auto_decimals(lo if finite.size else clean[0], hi if finite.size else clean[-1])
    auto_labels, decimals = _range_labels(clean, decimals, unit)
    if labels is not None:
        if len(labels) != kk:
            raise InputError(f"{kk} klassen maar {len(labels)} labels", column="labels")
        final_labels = [str(x) for x in labels]
    elif names is not None:
        final_labels = [f"{n} ({r})" for n, r in zip(names, auto_labels)]
    else:
        final_labels = auto_labels
    pal = palette if palette is not None else _DEFAULT_PALETTE.get(name, "YlOrRd")
    colors = palette_colors(pal, kk, reverse=reverse)
    return Classification(bins=tuple(clean), colors=colors, labels=tuple(final_labels), scheme=name, title=title,
                          unit=unit, decimals=int(decimals), basis=basis, n=int(finite.size), minimum=lo, maximum=hi,
                          extra=extra)
