"""The note's SVG charts: what they draw, against values computed from the CSV files.

Expected values were computed by an independent script reading the mirror's
``prices/*.csv`` with the csv module (rows up to the as-of date; the arithmetic is
written next to each number). The charts are read back as XML: series and bars
carry their names in ``data-series`` and ``data-label`` attributes, and the axes'
tick labels give the mapping from canvas points back to data values.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import rotoscope
from rotoscope.analytics._pit import PointInTime
from rotoscope.report import Note
from rotoscope.report._charts import (
    PALE_BAR,
    PALETTE,
    TAIL_WEEKS,
    charts,
    ratios,
    rebased,
    rrg_chart,
    sector_bars,
    streak_history,
)
from rotoscope.report._model import Chart
from rotoscope.report._svg import Canvas, date_scale, days, linear_scale, nice_ticks, text_width

SVG = "{http://www.w3.org/2000/svg}"
FEB9 = dt.date(2026, 2, 9)
DATES = ("2026-02-09", "2026-07-31", "2025-04-08", "2020-03-23")
INDICES = ("^GSPC", "^IXIC", "^DJI", "^RUT")
PAIRS = (("^RUT", "^GSPC", "Small vs large"), ("IWD", "IWF", "Value vs growth"))


@pytest.fixture(scope="module")
def rs(store_path: Path) -> rotoscope.Rotoscope:
    return rotoscope.open(store_path)


def _root(chart: Chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def _texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


def _words(root: ET.Element) -> list[str]:
    return ["\n".join(t.itertext()) if len(t) else (t.text or "") for t in _texts(root)]


def _points(d: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", d)]


def _series(root: ET.Element, name: str) -> list[tuple[float, float]]:
    path = next(p for p in root.iter(f"{SVG}path") if p.get("data-series") == name)
    return _points(path.get("d", ""))


def _y_axis(root: ET.Element, log: bool = False) -> Callable[[float], float]:
    """Return the map from a canvas y to a data value, fitted on the y tick labels.

    The y tick labels are the right-anchored numbers; each is centred on its
    tick (baseline 0.36 of the font size below it).
    """
    pairs = []
    for t in _texts(root):
        text = (t.text or "").replace(",", "").replace("\u2212", "-")
        if t.get("text-anchor") == "end" and re.fullmatch(r"-?[\d.]+", text):
            y = float(t.get("y", "nan")) - 0.36 * float(t.get("font-size", "nan"))
            pairs.append((y, math.log10(float(text)) if log else float(text)))
    assert len(pairs) >= 2, "fewer than two y tick labels"
    slope, icpt = np.polyfit([p[0] for p in pairs], [p[1] for p in pairs], 1)
    return (lambda y: 10 ** (slope * y + icpt)) if log else (lambda y: slope * y + icpt)


def _inside(chart: Chart) -> None:
    """Every element, and every text's extent, lies on the canvas."""
    root = _root(chart)
    _, _, w, h = (float(v) for v in root.get("viewBox", "").split())
    tol = 0.5
    for el in root.iter():
        tag = el.tag.replace(SVG, "")
        xs: list[float] = []
        ys: list[float] = []
        if tag == "line":
            xs, ys = [float(el.get(k, 0)) for k in ("x1", "x2")], [
                float(el.get(k, 0)) for k in ("y1", "y2")]
        elif tag == "rect":
            x, y = float(el.get("x", 0)), float(el.get("y", 0))
            xs, ys = [x, x + float(el.get("width", 0))], [y, y + float(el.get("height", 0))]
        elif tag == "circle":
            xs, ys = [float(el.get("cx", 0))], [float(el.get("cy", 0))]
        elif tag == "path":
            pts = _points(el.get("d", ""))
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        elif tag == "text" and el.get("transform") is None:
            size = float(el.get("font-size", 0))
            bold = el.get("font-weight") == "bold"
            lines = list(el.itertext())
            width = max(text_width(s, size, bold) for s in lines)
            x = float(el.get("x", 0))
            x0 = x - {"start": 0.0, "middle": width / 2, "end": width}[
                el.get("text-anchor", "start")]
            xs, ys = [x0, x0 + width], [float(el.get("y", 0)) - 0.76 * size]
        for v in xs:
            assert -tol <= v <= w + tol, (chart.key, tag, el.attrib, "x", v, w)
        for v in ys:
            assert -tol <= v <= h + tol, (chart.key, tag, el.attrib, "y", v, h)


# ---------------------------------------------------------------- the writer
def test_text_width_sums_dejavu_advances() -> None:
    # DejaVu Sans advances (thousandths of an em): E 632, n 634, e 615, r 411, g 635,
    # y 592 -> 3519 -> 35.19 pt at 10 pt; bold X 771, L 637, E 683 -> 2091 -> 18.819 pt
    # at 9 pt; the minus sign 838 -> 8.38 pt at 10 pt
    assert text_width("Energy", 10) == pytest.approx(35.19)
    assert text_width("XLE", 9, bold=True) == pytest.approx(18.819)
    assert text_width("\u2212", 10) == pytest.approx(8.38)
    # a character outside the table counts as one em (an estimate errs wide)
    assert text_width("\u4e2d", 10) == pytest.approx(10.0)


@given(st.text(max_size=30), st.text(max_size=30), st.floats(1, 40))
def test_text_width_adds_up(a: str, b: str, size: float) -> None:
    assert text_width(a + b, size) == pytest.approx(text_width(a, size) + text_width(b, size))
    assert text_width(a, size, bold=True) >= text_width(a, size) - 1e-9


@given(st.floats(-1e6, 1e6), st.floats(1e-6, 1e6), st.integers(2, 12))
def test_nice_ticks_are_round_evenly_spaced_and_inside(lo: float, span: float,
                                                       most: int) -> None:
    assume(span >= 1e-6 * abs(lo))  # a range a chart can show: not a millionth of its level
    hi = lo + span
    ticks = nice_ticks(lo, hi, most)
    # float resolution: a few units in the last place of the limits, a billionth of the span
    tol = 1e-9 * span + 1e-12 * max(abs(lo), abs(hi))
    assert 1 <= ticks.size <= most + 1
    assert ticks[0] >= lo - tol
    assert ticks[-1] <= hi + tol
    if ticks.size > 1:
        steps = np.diff(ticks)
        assert np.allclose(steps, steps[0], rtol=1e-6, atol=tol)
        mantissa = steps[0] / 10 ** math.floor(math.log10(steps[0]) + 1e-12)
        assert min(abs(mantissa - m) for m in (1, 2, 2.5, 5, 10)) < 1e-6
        # one step less would leave no room: the next larger tick is past hi or below lo
        assert ticks[0] - steps[0] < lo + tol
        assert ticks[-1] + steps[0] > hi - tol


@given(st.floats(-1e5, 1e5), st.floats(1e-4, 1e5), st.integers(2, 10))
def test_tick_labels_read_back_as_their_values(lo: float, span: float, most: int) -> None:
    assume(span >= 1e-6 * abs(lo))
    scale = linear_scale(lo, lo + span, most)
    values = [v for v, _ in scale.ticks]
    read = [float(lab.replace(",", "").replace("\u2212", "-")) for _, lab in scale.ticks]
    step = values[1] - values[0] if len(values) > 1 else 1.0
    assert len(set(read)) == len(read)
    assert read == pytest.approx(values, abs=step * 1e-6)


def test_nice_ticks_and_scales_refuse_bad_limits() -> None:
    with pytest.raises(ValueError, match=r"finite limits lo < hi.*2\.0, 1\.0"):
        nice_ticks(2.0, 1.0)
    with pytest.raises(ValueError, match="finite"):
        nice_ticks(0.0, math.inf)
    # a flat series still gets an axis, around its one value
    scale = linear_scale(5.0, 5.0)
    assert scale.lo < 5.0 < scale.hi
    # a step of 2.5 keeps its half: 0.0, 2.5, 5.0, 7.5, 10.0
    assert [lab for _, lab in linear_scale(0.0, 10.0, most=4, pad=0.0).ticks] == [
        "0", "2.5", "5.0", "7.5", "10.0"]
    with pytest.raises(ValueError, match=r"no sector return to draw: every one is missing"):
        sector_bars(["Energy"], [float("nan")], [float("nan")])


def test_canvas_refuses_an_unknown_text_alignment() -> None:
    with pytest.raises(ValueError, match="not 'left' and 'baseline'"):
        Canvas(100, 100).text(0, 0, "x", 9, "#000000", anchor="left")
    with pytest.raises(ValueError, match="not 'start' and 'middle'"):
        Canvas(100, 100).text(0, 0, "x", 9, "#000000", valign="middle")


def test_date_ticks_fall_on_month_starts() -> None:
    # a year of sessions, 2025-02-06 to 2026-02-09: 13 months, so one tick every
    # two months on the January-aligned grid, from 2025-03-01
    scale = date_scale(*days([dt.date(2025, 2, 6), dt.date(2026, 2, 9)]))
    epoch = dt.date(1970, 1, 1)
    expected = [(dt.date(2025, 3, 1), "Mar 2025"), (dt.date(2025, 5, 1), "May"),
                (dt.date(2025, 7, 1), "Jul"), (dt.date(2025, 9, 1), "Sep"),
                (dt.date(2025, 11, 1), "Nov"), (dt.date(2026, 1, 1), "2026")]
    assert list(scale.ticks) == [((d - epoch).days, lab) for d, lab in expected]


# ---------------------------------------------------------------- the charts
@pytest.mark.parametrize(("day", "expected"), [
    # last close / close 252 sessions earlier * 100, prices/_*.csv column close:
    # ^GSPC 6964.819824 (2026-02-09) / 6083.569824 (2025-02-06) = 114.486
    # ^IXIC 23238.669922 / 19791.990234 = 117.415; ^DJI 50135.871094 / 44747.628906 =
    # 112.041; ^RUT 2689.050049 / 2307.120117 = 116.554
    ("2026-02-09", {"^GSPC": 114.486, "^IXIC": 117.415, "^DJI": 112.041, "^RUT": 116.554}),
    # ^GSPC 2237.399902 (2020-03-23) / 2800.709961 (2019-03-22) = 79.887; ^IXIC
    # 6860.669922 / 7642.669922 = 89.768; ^DJI 18591.929688 / 25502.320312 = 72.903;
    # ^RUT 1002.400024 / 1505.920044 = 66.564
    ("2020-03-23", {"^GSPC": 79.887, "^IXIC": 89.768, "^DJI": 72.903, "^RUT": 66.564}),
])
def test_rebased_draws_each_index_to_its_last_value(rs: rotoscope.Rotoscope, day: str,
                                                    expected: dict[str, float]) -> None:
    chart = rebased(PointInTime(rs.store, dt.date.fromisoformat(day)), rs.universe, INDICES)
    root = _root(chart)
    value_at = _y_axis(root)
    names = {"^GSPC": "S&P 500", "^IXIC": "Nasdaq Composite",
             "^DJI": "Dow Jones Industrial Average", "^RUT": "Russell 2000"}
    words = _words(root)
    for symbol, last in expected.items():
        assert f"{names[symbol]} ({last:.1f})" in words  # the legend
        points = _series(root, symbol)
        assert len(points) == 253
        # the line starts at 100 and ends at the last rebased close (coordinates are
        # rounded to 0.1 pt, a few hundredths of a point of the index)
        assert value_at(points[0][1]) == pytest.approx(100.0, abs=0.1)
        assert value_at(points[-1][1]) == pytest.approx(last, abs=0.1)
    assert chart.series == INDICES


@pytest.mark.parametrize(("day", "now", "at_least", "earlier", "counts"), [
    # ^RUT against ^GSPC, adj_close, runs of sessions whose daily return is strictly
    # higher, 1987-09-11 on: the current run is 2026-02-06..2026-02-09 (2 sessions);
    # 1,206 of 2,398 earlier ^RUT runs lasted 2 or more; the record, 16, ended 1996-05-07
    ("2026-02-09", 2, 1206, 2398,
     {1: 1192, 2: 589, 3: 295, 4: 158, 5: 83, 6: 45, 7: 16, 8: 7, 9: 5, 10: 2, 11: 1,
      12: 2, 13: 1, 14: 1, 16: 1}),
    # 2020-03-19..2020-03-23 (3 sessions); 528 of 2,040 earlier runs lasted 3 or more
    ("2020-03-23", 3, 528, 2040,
     {1: 1015, 2: 497, 3: 250, 4: 136, 5: 74, 6: 35, 7: 14, 8: 7, 9: 5, 10: 2, 11: 1,
      12: 2, 13: 1, 16: 1}),
])
def test_streak_histogram_marks_the_current_run(rs: rotoscope.Rotoscope, day: str, now: int,
                                                at_least: int, earlier: int,
                                                counts: dict[int, int]) -> None:
    chart = streak_history(PointInTime(rs.store, dt.date.fromisoformat(day)), rs.universe,
                           "^RUT", "^GSPC")
    root = _root(chart)
    words = _words(root)
    share = round(at_least / earlier * 100)
    assert f"now: {now} sessions\n{at_least:,} of {earlier:,} earlier runs ({share}%) " \
           "lasted as long" in words
    assert "record: 16 (May 1996)" in words
    assert "How rare is this run? Russell 2000 beating S&P 500 since 1987" in words
    bars = {}
    for r in root.iter(f"{SVG}rect"):
        m = re.fullmatch(r"runs of (\d+): (\d+)( \(current\))?", r.get("data-label", ""))
        if m:
            bars[int(m[1])] = (int(m[2]), r, bool(m[3]))
    assert {k: v[0] for k, v in bars.items()} == counts
    count_at = _y_axis(root, log=True)
    for length, (count, rect, current) in bars.items():
        assert current == (length == now)
        colour = (PALETTE["series"][1] if length == now else
                  PALETTE["series"][0] if length > now else PALE_BAR)
        assert rect.get("fill") == colour, length
        # the bar's top sits at its count on the log axis (0.1 pt rounding)
        assert count_at(float(rect.get("y", "nan"))) == pytest.approx(count, rel=0.01)
    # the dashed line of the current run
    assert any(ln.get("stroke") == PALETTE["series"][1] and ln.get("stroke-dasharray")
               for ln in root.iter(f"{SVG}line"))


def test_sector_bars_of_the_note(audited_note: Callable[[str], Note]) -> None:
    chart = next(c for c in audited_note("2026-02-09").charts() if c.key == "sectors")
    root = _root(chart)
    words = _words(root)
    bars = {r.get("data-label"): r for r in root.iter(f"{SVG}rect") if r.get("data-label")}
    # 30-session total return, prices/*.csv adj_close on 2026-02-09 over 2025-12-24:
    # XLE 52.910233 / 43.766346 - 1 = +20.893%; XLP 86.341545 / 77.147453 - 1 = +11.918%;
    # XLY 117.081032 / 122.100922 - 1 = -4.111%
    for label, value in (("Energy", 20.893), ("Consumer Staples", 11.918),
                         ("Consumer Discretionary", -4.111)):
        assert f"{value:+.1f}%" in words
        assert f"{label}, 30 sessions: {value:+.1f}%" in bars
        assert label in words
    energy, staples = bars["Energy, 30 sessions: +20.9%"], bars[
        "Consumer Staples, 30 sessions: +11.9%"]
    # bar lengths in proportion to the returns: 20.893 / 11.918 = 1.753
    ratio = float(energy.get("width", "nan")) / float(staples.get("width", "nan"))
    assert ratio == pytest.approx(20.893 / 11.918, rel=0.01)
    # Energy leads, so its bars are on top; Consumer Discretionary lags, at the bottom
    ys = {lab.split(",")[0]: float(r.get("y", "nan")) for lab, r in bars.items()
          if lab.endswith(("%",))}
    assert min(ys, key=ys.__getitem__) == "Energy"
    assert max(ys, key=ys.__getitem__) == "Consumer Discretionary"
    assert {"30 sessions", "Year to date", "Total return, %"} <= set(words)


def test_sector_bars_leave_out_missing_returns_and_refuse_ragged_input() -> None:
    chart = sector_bars(["Energy", "Utilities", "Financials"], [-12.5, -3.25, -40.0],
                        [float("nan"), -1.0, -38.5])
    labels = [r.get("data-label") for r in _root(chart).iter(f"{SVG}rect")
              if r.get("data-label")]
    assert labels == ["Energy, 30 sessions: -12.5%", "Utilities, 30 sessions: -3.2%",
                      "Utilities, year to date: -1.0%", "Financials, 30 sessions: -40.0%",
                      "Financials, year to date: -38.5%"]
    _inside(chart)  # all negative: the value labels still fit on the left
    with pytest.raises(ValueError, match="2 labels, 3 and 2 returns"):
        sector_bars(["Energy", "Utilities"], [1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="no sector returns"):
        sector_bars([], [], [])


def test_rrg_calls_out_the_leader_the_laggard_and_the_extremes(
        audited_note: Callable[[str], Note]) -> None:
    chart = next(c for c in audited_note("2026-02-09").charts() if c.key == "rrg")
    root = _root(chart)
    words = _words(root)
    sectors = ("XLB", "XLC", "XLE", "XLF", "XLI", "XLK", "XLP", "XLRE", "XLU", "XLV", "XLY")
    assert set(sectors) <= set(words)
    assert {"Leading", "Weakening", "Lagging", "Improving"} <= set(words)
    bold = {t.text for t in _texts(root) if t.get("font-weight") == "bold"} & set(sectors)
    # the 30-session leader (XLE, +20.9%) and laggard (XLY, -4.1%) are called out
    assert len(bold) == 4
    assert {"XLE", "XLY"} <= bold
    for s in bold:
        assert len(_series(root, s)) == TAIL_WEEKS
    assert chart.series[-1] == "SPY"


@pytest.mark.parametrize("day", DATES)
def test_charts_stay_on_their_canvas_and_repeat_exactly(rs: rotoscope.Rotoscope,
                                                        day: str) -> None:
    pit = PointInTime(rs.store, dt.date.fromisoformat(day))
    made = charts(pit, rs.universe, ["Energy", "Consumer Discretionary"], [25.0, -60.0],
                  [float("nan"), 3.0])
    assert [c.key for c in made] == ["rebased", "ratios", "sectors", "rrg", "streaks"]
    again = charts(pit, rs.universe, ["Energy", "Consumer Discretionary"], [25.0, -60.0],
                   [float("nan"), 3.0])
    for chart, twin in zip(made, again, strict=True):
        assert chart.svg == twin.svg
        assert " id=" not in chart.svg  # several charts share one page
        _inside(chart)


def test_a_chart_that_cannot_be_drawn_is_left_out(rs: rotoscope.Rotoscope) -> None:
    pit = PointInTime(rs.store, FEB9)
    with pytest.raises(ValueError, match=r"none of \^DJI has recent closes as of 2026-03-20"):
        # ^DJI's data end on 2026-03-06
        rebased(PointInTime(rs.store, dt.date(2026, 3, 20)), rs.universe, ("^DJI",))
    made = charts(pit, rs.universe, [], [], [])
    assert [c.key for c in made] == ["rebased", "ratios", "rrg", "streaks"]
    chart = ratios(pit, PAIRS)
    assert chart.series == ("^RUT", "^GSPC", "IWD", "IWF")
    assert len(_series(_root(chart), "^RUT/^GSPC")) == 252
    assert rrg_chart(pit, ("XLE",), "SPY").series == ("XLE", "SPY")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_chart_text_fits_in_chromium(rs: rotoscope.Rotoscope, tmp_path: Path) -> None:
    """With the browser's own fonts, every label of every chart lies inside its drawing."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None, "chromium missing: run `make test`, which installs it"
    svgs = []
    for day in DATES:
        pit = PointInTime(rs.store, dt.date.fromisoformat(day))
        svgs += [c.svg for c in charts(pit, rs.universe,
                                       ["Communication Services", "Energy"], [-7.25, 31.0],
                                       [-2.0, 12.5])]
    page_file = tmp_path / "charts.html"
    page_file.write_text("<!doctype html><meta charset='utf-8'><body style='width:880px'>"
                         + "".join(f"<figure>{s}</figure>" for s in svgs), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        page.goto(page_file.as_uri())
        outside = page.evaluate("""() => {
            const out = [];
            for (const svg of document.querySelectorAll('svg')) {
                const box = svg.getBoundingClientRect();
                for (const t of svg.querySelectorAll('text')) {
                    const b = t.getBoundingClientRect();
                    if (b.left < box.left - 1 || b.top < box.top - 1
                        || b.right > box.right + 1 || b.bottom > box.bottom + 1) {
                        out.push(t.textContent);
                    }
                }
            }
            return out;
        }""")
        count = page.locator("svg").count()
        browser.close()
    assert count == 20
    assert outside == []


def test_the_note_is_drawn_without_matplotlib(store_path: Path) -> None:
    """matplotlib is not a dependency, and a process where it cannot load writes the note."""
    root = Path(__file__).resolve().parents[1]
    deps = tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]
    assert not [d for d in deps if d.replace(" ", "").lower().startswith("matplotlib")]
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'matplotlib':\n"
        "            raise ImportError('matplotlib is not installed')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import datetime as dt, rotoscope\n"
        "from rotoscope.report import build_note, render_html\n"
        f"rs = rotoscope.open({str(store_path)!r})\n"
        "page = render_html(build_note(rs.store, rs.universe, dt.date(2026, 2, 9)))\n"
        "assert 'matplotlib' not in sys.modules\n"
        "print(page.count('<figure class=\"chart\"'))\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False,
                          text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["5"]
