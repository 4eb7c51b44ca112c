"""One set of chart drawings (SVG, plain data) for notebooks and reports: content, escaping, Dutch numbers."""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET

import pytest

from wijklib import charts
from wijklib.reports import figures as fg

NS = {"s": "http://www.w3.org/2000/svg"}


def _tree(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # fails on anything that is not well-formed XML (e.g. unescaped user text)


def _texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in _tree(svg).iter("{http://www.w3.org/2000/svg}text")]


def _bars(svg: str) -> list[tuple[float, float, float]]:
    """(x, width, value) of every rect with a data-value (the bars of a waterfall)."""
    return [(float(r.get("x")), float(r.get("width")), float(r.get("data-value")))
            for r in _tree(svg).iter("{http://www.w3.org/2000/svg}rect") if r.get("data-value") is not None]


@pytest.fixture(scope="module")
def result():
    from wijklib.analysis import load_demo, run_analysis

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_analysis(load_demo(), overrides={"uncertainty": {"draws": 50}})


def test_waterfall_bars_add_up_to_the_total_and_use_decimal_commas():
    svg = charts.waterfall(["a", "b", "c"], [0.5, -0.2, 0.3], 0.6)
    bars = _bars(svg)
    assert [b[2] for b in bars] == [0.5, -0.2, 0.3, 0.6]
    ends = []
    start_x = bars[-1][0]  # the total bar starts at 0
    x = start_x
    for bx, w, v in bars[:-1]:  # each contribution starts where the previous one ended
        assert min(bx, bx + w) == pytest.approx(min(x, x + (w if v > 0 else -w)), abs=0.11)
        x = bx + w if v > 0 else bx
        ends.append(x)
    assert ends[-1] == pytest.approx(bars[-1][0] + bars[-1][1], abs=0.11)
    texts = _texts(svg)
    assert "+0,50" in texts and "-0,20" in texts and "0,60" in texts
    assert texts.index("urgentie-index") > texts.index("c")


def test_user_text_is_escaped_everywhere():
    evil = 'Buurt <script>alert("x")</script> & "co"'
    svgs = [charts.waterfall([evil], [0.1], 0.1, title=evil), charts.domain_bars([evil], [0.3], [True]),
            charts.told_counted([{"label": evil, "counted_pct": 10, "told_pct": 90, "source": "bewoners"}]),
            charts.index_strip([0.1, 0.2], 0.2, name=evil),
            charts.trend_panels([{"label": evil, "own": [1.0, 2.0]}], [2020, 2022]),
            charts.area_maps([{"title": evil, "layers": [{"features": [
                {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 0]]]}], "fill": "#fff"}],
                "labels": [(5, 5, evil, True)]}], legend=[("box", "#fff", evil)])]
    for svg in svgs:
        assert "<script" not in svg
        assert any(evil in t or evil[:40] in t for t in _texts(svg))  # shown as text, not as markup


def test_trend_panels_break_lines_at_gaps_and_mark_unreliable_values():
    svg = charts.trend_panels([{"label": "Bijstand per 1.000 inwoners", "own": [0.15, None, 0.25, 0.3],
                                "reference": [0.1, 0.11, 0.12, 0.13], "unreliable": [None, 0.2, None, None],
                                "note": "trend: verslechtert"}], [2018, 2020, 2022, 2024])
    tree = _tree(svg)
    lines = [p for p in tree.iter("{http://www.w3.org/2000/svg}polyline")]
    own = [p for p in lines if p.get("stroke") == charts.AREA]
    assert [len(p.get("points").split()) for p in own] == [1, 2]  # 2018 | 2022-2024
    assert len([p for p in lines if p.get("stroke") == charts.GEMEENTE]) == 1
    open_circles = [c for c in tree.iter("{http://www.w3.org/2000/svg}circle") if c.get("fill") == "none"]
    assert len(open_circles) == 2  # the value and its legend entry
    texts = _texts(svg)
    assert "trend: verslechtert" in texts and "2020" in texts
    assert any(re.fullmatch(r"\d+,\d+", t) for t in texts)  # tick labels with a decimal comma
    assert "onbetrouwbaar (te weinig inwoners)" in texts


def test_told_counted_puts_both_on_one_0_100_scale():
    svg = charts.told_counted([{"label": "Veiligheid (bewoners)", "counted_pct": 0, "told_pct": 100,
                                "source": "bewoners"}])
    tree = _tree(svg)
    line = next(ln for ln in tree.iter("{http://www.w3.org/2000/svg}line") if ln.get("stroke") == "#999999"
                and ln.get("stroke-width") == "2")
    x0, x1 = float(line.get("x1")), float(line.get("x2"))
    ticks = {t: float(e.get("x")) for e in tree.iter("{http://www.w3.org/2000/svg}text")
             for t in ["".join(e.itertext())] if t in ("0", "100")}
    assert x0 == pytest.approx(ticks["0"], abs=0.11) and x1 == pytest.approx(ticks["100"], abs=0.11)


def test_notebook_and_report_adapters_draw_the_same_waterfall(result):
    code = result.scores["rank"].idxmin()
    nb = charts.plot_waterfall(result, code, top=5)
    bars = _bars(nb)
    assert len(bars) == 7  # five indicators, the rest together, the index
    assert bars[-1][2] == pytest.approx(result.scores.at[code, "index"], abs=1e-5)
    assert sum(b[2] for b in bars[:-1]) == pytest.approx(result.scores.at[code, "index"], abs=1e-4)
    assert "overige indicatoren" in _texts(nb)
    # the report adapter hands the same numbers to the same drawing function
    contrib = result.contributions
    rows = contrib[(contrib["area_code"] == code) & contrib["contribution"].notna()]
    rows = rows.reindex(rows["contribution"].abs().sort_values(ascending=False, kind="stable").index)
    bundle = [{"label": lab, "contribution": float(v)} for lab, v in zip(rows["indicator"], rows["contribution"])]
    report = fg.waterfall(bundle, float(result.scores.at[code, "index"]), top=5)
    assert [round(b[2], 5) for b in _bars(report)] == [round(b[2], 5) for b in bars]
    with pytest.raises(ValueError, match="geen bijdragen"):
        charts.plot_waterfall(result, "BU99010401")


def test_plot_trend_from_counted_data(result):
    from wijklib.analysis import load_demo

    ws = load_demo()
    svg = charts.plot_trend(ws.buurt_counted(), "BU99010301", ["bijstand_per_1000", "misdrijven_per_1000"])
    texts = _texts(svg)
    assert "Ontwikkeling in BU99010301" in texts and "hoger is slechter" in texts
    assert "Bijstand per 1.000 inwoners" in texts and "dit gebied" in texts
    assert svg._repr_svg_() == svg and svg.data_uri().startswith("data:image/svg+xml;base64,")


def test_report_figures_are_deterministic_svg(tmp_path):
    items = [{"label": "Laag inkomen (%)", "series": {"2020": 14.4, "2022": None, "2024": 14.1},
              "gemeente_series": {"2020": 13.5, "2022": 13.8, "2024": 13.6}, "trend": "stabiel"}]
    a, b = fg.trend_panel(items, [2020, 2022, 2024]), fg.trend_panel(items, [2020, 2022, 2024])
    assert a == b and isinstance(a, charts.SvgChart)
    assert "trend: stabiel" in _texts(a)
    kaart = {"buurten": [{"code": "BU99010101", "gemeente_code": "GM9901", "wijk_code": "WK990101", "name": "A&B",
                          "index": 0.5, "geometry": {"type": "Polygon",
                                                     "coordinates": [[[0, 0], [100, 0], [100, 50], [0, 0]]]}}],
             "wijken": [{"code": "WK990101", "geometry": {"type": "Polygon",
                                                           "coordinates": [[[0, 0], [100, 0], [100, 50], [0, 0]]]}}]}
    cls = {"bins": [0.0, 1.0], "colors": ["#fff1a9", "#b00026"], "labels": ["≤ 0,0", "> 0,0"]}
    svg = fg.area_map(kaart, "BU99010101", "WK990101", cls)
    tree = _tree(svg)
    fills = [p.get("fill") for p in tree.iter("{http://www.w3.org/2000/svg}path")]
    assert "#b00026" in fills  # coloured by its class
    assert "A&B" in _texts(svg) and "deze buurt" in _texts(svg)
    path = svg.save(tmp_path / "kaart.svg")
    assert path.read_text(encoding="utf-8") == svg


def test_ticks_and_numbers_are_dutch():
    assert charts.nice_ticks(0, 100, 6) == [0, 20, 40, 60, 80, 100]
    assert charts.tick_label(-1.5) == "\u22121,5" and charts.tick_label(2500) == "2.500"
    assert charts.fmt(1234.567, 2) == "1.234,57" and charts.fmt(None) == "–"
