"""A small SVG writer for the note's static charts: canvas, axes, ticks, legends.

The note's five charts are lines, bars and dots on plain axes. Writing their SVG
directly takes a few milliseconds per chart, where a general plotting library
spends most of a second laying out and rendering each one (and as long again
being imported). Units are points (72 to the inch), so font sizes read as in a
word processor; the page scales the drawing to its width through the viewBox.

Text stays text, in DejaVu Sans (the browser falls back to a sans-serif of
similar or smaller width). Its width is estimated from DejaVu Sans' advance
widths, which is enough to size margins and keep labels apart. Output is
deterministic: coordinates are rounded to 0.1 pt, nothing depends on the clock,
and no element carries an id (several charts share one page).
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["Array", "Axes", "Canvas", "Scale", "date_scale", "days", "legend_height",
           "linear_scale", "log_scale", "nice_ticks", "text_width"]

FONT = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, Arial, sans-serif"
MINUS = "\u2212"

# Advance widths of DejaVu Sans (regular and bold) for the characters 32..126, in
# thousandths of an em, read from the font's horizontal metrics.
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
    770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
    684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
    525, 636, 337, 636, 838)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
    830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
    774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
    712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
    582, 712, 365, 712, 838)
# the few non-ASCII characters the charts write; anything else counts as one em
_OTHER = {"\u2212": 838, "\u2013": 500, "\u2014": 1000, "\u2019": 318, "\u2026": 1000,
          "\u00b7": 318}

Array = npt.NDArray[np.float64]


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Return the width in points of one line of ``text`` at font ``size`` (points).

    Widths are DejaVu Sans' advances; a character outside the table counts as
    one em, so an estimate errs on the wide side.
    """
    table = _BOLD if bold else _REGULAR
    units = 0
    for ch in text:
        code = ord(ch)
        units += table[code - 32] if 32 <= code < 127 else _OTHER.get(ch, 1000)
    return units * size / 1000.0


def _num(v: float) -> str:
    """Format a coordinate to 0.1 pt without a trailing ``.0`` or a negative zero."""
    text = f"{v:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _attrs(**kw: Any) -> str:
    out = []
    for k, v in kw.items():
        if v is None:
            continue
        name = k.rstrip("_").replace("_", "-")
        value = _num(v) if isinstance(v, float) else str(v)
        out.append(f'{name}="{html.escape(value, quote=True)}"')
    return " ".join(out)


# ------------------------------------------------------------------ scales
@dataclass(frozen=True)
class Scale:
    """One axis: its limits, its ticks (value and label) and whether it is logarithmic.

    Values are floats; dates are days since 1970-01-01 (see :func:`date_scale`).
    """

    lo: float
    hi: float
    ticks: tuple[tuple[float, str], ...] = ()
    log: bool = False

    def __post_init__(self) -> None:
        if not (math.isfinite(self.lo) and math.isfinite(self.hi)) or self.hi <= self.lo:
            raise ValueError(f"an axis needs finite limits lo < hi, not {self.lo}..{self.hi}")
        if self.log and self.lo <= 0:
            raise ValueError(f"a logarithmic axis needs a positive lower limit, not {self.lo}")

    def fraction(self, v: Array | float) -> Array:
        """Return where ``v`` falls between the limits (0 at ``lo``, 1 at ``hi``)."""
        x = np.asarray(v, dtype=np.float64)
        if self.log:
            with np.errstate(divide="ignore", invalid="ignore"):
                out: Array = ((np.log10(x) - math.log10(self.lo))
                              / (math.log10(self.hi) - math.log10(self.lo)))
            return out
        return (x - self.lo) / (self.hi - self.lo)


def _nice_step(lo: float, hi: float, most: int) -> float:
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo or most < 1:
        raise ValueError(f"ticks need finite limits lo < hi and most >= 1, not {lo}, {hi}, "
                         f"{most}")
    raw = (hi - lo) / most
    mag = 10.0 ** math.floor(math.log10(raw))
    return next(m * mag for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * mag >= raw * (1 - 1e-9))


def nice_ticks(lo: float, hi: float, most: int = 6) -> Array:
    """Return evenly spaced round values inside ``[lo, hi]``, at most ``most + 1`` of them.

    The step is 1, 2, 2.5 or 5 times a power of ten, the smallest such step that
    gives no more than ``most`` intervals over the range.

    Raises
    ------
    ValueError
        When the limits are not finite, ``hi <= lo`` or ``most < 1``.
    """
    step = _nice_step(lo, hi, most)
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    # rounded to the step's own decimals, so 0.1 * 3 reads 0.3, not 0.30000000000000004
    decimals = max(0, 1 - math.floor(math.log10(step)))
    return np.round(np.arange(first, last + 1, dtype=np.float64) * step, decimals)


def _format_ticks(values: Array, step: float) -> tuple[str, ...]:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    scaled = step * 10 ** decimals
    if abs(scaled - round(scaled)) > 1e-6:
        decimals += 1  # a step of 2.5 times a power of ten needs one more
    return tuple(f"{v:,.{decimals}f}".replace("-", MINUS) if round(v, decimals) != 0
                 else "0" for v in values)


def linear_scale(lo: float, hi: float, most: int = 6, pad: float = 0.05,
                 least: int = 4) -> Scale:
    """Return a linear axis over the data range ``lo..hi`` padded by ``pad`` of it each side.

    Ticks are :func:`nice_ticks` with at most ``most`` intervals, or more when
    that gives fewer than ``least`` ticks (a range just over one step); labels
    carry as many decimals as the step needs.
    """
    if hi <= lo:
        lo, hi = lo - 1.0, hi + 1.0
    span = hi - lo
    lo, hi = lo - pad * span, hi + pad * span
    values = nice_ticks(lo, hi, most)
    while values.size < least and most < 4 * least:
        most += 1
        values = nice_ticks(lo, hi, most)
    labels = _format_ticks(values, _nice_step(lo, hi, most))
    return Scale(lo, hi, tuple(zip(values.tolist(), labels, strict=True)))


def log_scale(lo: float, hi: float) -> Scale:
    """Return a base-10 logarithmic axis from ``lo`` to ``hi`` with ticks at the powers of ten."""
    if lo <= 0 or hi <= lo:
        raise ValueError(f"a logarithmic axis needs 0 < lo < hi, not {lo}..{hi}")
    ks = range(math.ceil(math.log10(lo) - 1e-9), math.floor(math.log10(hi) + 1e-9) + 1)
    return Scale(lo, hi, tuple((10.0 ** k, f"{10 ** k:,}" if k >= 0 else f"{10.0 ** k:g}")
                               for k in ks), log=True)


def days(values: Iterable[Any]) -> Array:
    """Return days since 1970-01-01 for dates or ``datetime64`` values (the x of date axes)."""
    arr = np.asarray(list(values) if not isinstance(values, np.ndarray) else values)
    return arr.astype("datetime64[D]").astype(np.int64).astype(np.float64)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_scale(first: float, last: float, most: int = 8, pad: float = 0.01) -> Scale:
    """Return a date axis over days ``first`` to ``last`` (days since 1970-01-01).

    The axis reaches ``pad`` of the span beyond each end, so lines clear the
    spine. Ticks fall on the first of a month, every 1, 2, 3, 4, 6 or 12 months,
    or on the first of a year for long spans. Months are labelled by their
    abbreviation and January by its year; the first tick carries its year too.
    """
    if last <= first:
        first, last = first - 1, last + 1
    first, last = first - pad * (last - first), last + pad * (last - first)
    d0 = dt.date(1970, 1, 1) + dt.timedelta(days=math.ceil(first))
    d1 = dt.date(1970, 1, 1) + dt.timedelta(days=math.floor(last))
    n_months = (d1.year - d0.year) * 12 + d1.month - d0.month + 1
    step = next((s for s in (1, 2, 3, 4, 6, 12) if n_months / s <= most), 0)
    if step == 0:
        years = d1.year - d0.year + 1
        step = 12 * next(s for s in (1, 2, 5, 10, 20, 50, 100) if years / s <= most)
    ticks: list[tuple[float, str]] = []
    m = (d0.year * 12 + d0.month - 1)
    m += (-m) % step  # the first month on the step's grid (January-aligned)
    while True:
        day = dt.date(m // 12, m % 12 + 1, 1)
        if day > d1:
            break
        if day >= d0:
            if step >= 12 or day.month == 1:
                label = str(day.year)
            else:
                label = _MONTHS[day.month - 1] + ("" if ticks else f" {day.year}")
            ticks.append(((day - dt.date(1970, 1, 1)).days, label))
        m += step
    return Scale(first, last, tuple(ticks))


# ------------------------------------------------------------------ canvas
# where a text anchor puts the text: the share of its width left of x
_SHIFT = {"start": 0.0, "middle": 0.5, "end": 1.0}
# the first baseline below y, in font sizes and in the extra lines' height: DejaVu
# Sans' capitals rise 0.73 em and its descenders drop 0.24 em
_BASELINE = {"baseline": (0.0, 0.0), "top": (0.76, 0.0), "center": (0.36, -0.5),
             "bottom": (-0.24, -1.0)}

@dataclass
class Canvas:
    """An SVG drawing of ``width`` by ``height`` points, written element by element."""

    width: float
    height: float
    parts: list[str] = field(default_factory=list)

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str,
             width: float = 0.8, dash: str | None = None, opacity: float | None = None
             ) -> None:
        """Draw a straight line."""
        attrs = _attrs(x1=x1, y1=y1, x2=x2, y2=y2, stroke=colour, stroke_width=width,
                       stroke_dasharray=dash, stroke_opacity=opacity)
        self.parts.append(f"<line {attrs}/>")

    def polyline(self, xs: Array, ys: Array, colour: str, width: float = 1.5,
                 dash: str | None = None, opacity: float | None = None,
                 label: str | None = None) -> None:
        """Draw a line through the points ``(xs[i], ys[i])``; NaN points break the line.

        ``label`` names the series in a ``data-series`` attribute.
        """
        segs: list[str] = []
        pen = "M"
        for x, y in zip(np.asarray(xs, dtype=float).tolist(),
                        np.asarray(ys, dtype=float).tolist(), strict=True):
            if math.isnan(x) or math.isnan(y):
                pen = "M"
                continue
            segs.append(f"{pen}{_num(x)} {_num(y)}")
            pen = "L"
        if not segs:
            return
        attrs = _attrs(stroke=colour, stroke_width=width, stroke_dasharray=dash,
                       stroke_opacity=opacity, data_series=label)
        self.parts.append(f'<path d="{"".join(segs)}" fill="none" {attrs} '
                          'stroke-linejoin="round" stroke-linecap="round"/>')

    def rect(self, x: float, y: float, w: float, h: float, fill: str,
             opacity: float | None = None, label: str | None = None) -> None:
        """Draw a filled rectangle (negative sizes are turned around)."""
        if w < 0:
            x, w = x + w, -w
        if h < 0:
            y, h = y + h, -h
        attrs = _attrs(x=x, y=y, width=w, height=h, fill=fill, fill_opacity=opacity,
                       data_label=label)
        self.parts.append(f"<rect {attrs}/>")

    def circle(self, x: float, y: float, r: float, fill: str, opacity: float | None = None,
               edge: str | None = None, edge_width: float | None = None) -> None:
        """Draw a dot of radius ``r`` points, with an optional outline."""
        attrs = _attrs(cx=x, cy=y, r=r, fill=fill, fill_opacity=opacity, stroke=edge,
                       stroke_width=edge_width)
        self.parts.append(f"<circle {attrs}/>")

    def text(self, x: float, y: float, text: str, size: float, colour: str,
             anchor: str = "start", valign: str = "baseline", bold: bool = False,
             opacity: float | None = None, rotate: bool = False,
             background: str | None = None) -> tuple[float, float, float, float]:
        """Write one or more lines of text and return its box ``(x0, y0, x1, y1)``.

        ``anchor`` is ``start``, ``middle`` or ``end``; ``valign`` is ``baseline``,
        ``top``, ``center`` or ``bottom`` (of the whole block of lines). ``rotate``
        turns the text a quarter anticlockwise about ``(x, y)`` (for a y label).
        ``background`` draws a box of that colour behind the text.

        Raises
        ------
        ValueError
            For an ``anchor`` or ``valign`` not in the lists above.
        """
        if anchor not in _SHIFT or valign not in _BASELINE:
            raise ValueError(f"text anchor must be one of {', '.join(_SHIFT)} and valign one "
                             f"of {', '.join(_BASELINE)}, not {anchor!r} and {valign!r}")
        lines = text.split("\n")
        lead = size * 1.2
        block = lead * (len(lines) - 1)
        base = y + _BASELINE[valign][0] * size + _BASELINE[valign][1] * block
        width = max(text_width(s, size, bold) for s in lines)
        shift = _SHIFT[anchor] * width
        box = (x - shift, base - 0.76 * size, x - shift + width, base + block + 0.24 * size)
        if rotate:
            # only used for centred y labels: the box is the turned one
            box = (x - 0.76 * size, y - width / 2, x + 0.24 * size, y + width / 2)
        if background and not rotate:
            pad = 0.15 * size
            self.rect(box[0] - pad, box[1] - pad, box[2] - box[0] + 2 * pad,
                      box[3] - box[1] + 2 * pad, background, opacity=0.85)
        attrs = _attrs(x=x, y=base, font_size=size, fill=colour, text_anchor=anchor,
                       font_weight="bold" if bold else None, fill_opacity=opacity,
                       transform=f"rotate(-90 {_num(x)} {_num(y)})" if rotate else None)
        if len(lines) == 1:
            self.parts.append(f"<text {attrs}>{html.escape(text)}</text>")
        else:
            spans = "".join(f'<tspan x="{_num(x)}" dy="{_num(0 if i == 0 else lead)}">'
                            f"{html.escape(s)}</tspan>" for i, s in enumerate(lines))
            self.parts.append(f"<text {attrs}>{spans}</text>")
        return box

    def svg(self) -> str:
        """Return the drawing as one ``<svg>`` element sized by its viewBox."""
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" '
                f'viewBox="0 0 {_num(self.width)} {_num(self.height)}" '
                f'font-family="{FONT}">')
        back = f'<rect width="{_num(self.width)}" height="{_num(self.height)}" fill="#ffffff"/>'
        return "\n".join([head, back, *self.parts, "</svg>"])


# ------------------------------------------------------------------ axes
@dataclass
class Axes:
    """A plotting area inside ``box`` (x0, y0, x1, y1 in points) of a canvas.

    The margins for the title, the tick labels and the axis labels are taken out
    of the box; the grid, the left and bottom spines, the ticks and the labels
    are drawn when the axes are made. ``top_band`` reserves room under the title
    (for a legend row); ``ytick_width`` fixes the room for the y tick labels, so
    stacked axes line up. Data are then drawn with :meth:`px` and :meth:`py`.
    """

    canvas: Canvas
    box: tuple[float, float, float, float]
    x: Scale
    y: Scale
    style: dict[str, Any]
    title: str = ""
    title_size: float = 11.0
    xlabel: str = ""
    ylabel: str = ""
    grid: str = "both"
    xtick_labels: bool = True
    top_band: float = 0.0
    ytick_width: float | None = None
    left: float = field(init=False)
    top: float = field(init=False)
    right: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        size = float(self.style["size"])
        x0, y0, x1, y1 = self.box
        ylab = (self.ytick_width if self.ytick_width is not None
                else max((text_width(lab, size) for _, lab in self.y.ticks), default=0.0))
        self.left = x0 + 4 + (size * 1.25 if self.ylabel else 0) + ylab + 7
        self.top = y0 + 4 + (self.title_size * 1.45 if self.title else 0) + self.top_band
        last_x = self.x.ticks[-1][1] if self.x.ticks and self.xtick_labels else ""
        self.right = x1 - max(8.0, text_width(last_x, size) / 2 + 2)
        self.bottom = y1 - 4 - ((size * 1.2 + 7) if self.xtick_labels else 0) - (
            size * 1.35 if self.xlabel else 0)
        self._draw()

    def px(self, v: Array | float) -> Array:
        """Return the canvas x of data values ``v``."""
        return self.left + self.x.fraction(v) * (self.right - self.left)

    def py(self, v: Array | float) -> Array:
        """Return the canvas y of data values ``v``."""
        return self.bottom - self.y.fraction(v) * (self.bottom - self.top)

    def _draw(self) -> None:
        c, st = self.canvas, self.style
        size = float(st["size"])
        for v, lab in self.x.ticks:
            x = float(self.px(v))
            if self.grid in ("both", "x"):
                c.line(x, self.top, x, self.bottom, st["grid"], 0.8)
            c.line(x, self.bottom, x, self.bottom + 3.5, st["muted"], 0.8)
            if self.xtick_labels:
                c.text(x, self.bottom + 5, lab, size, st["muted"], "middle", "top")
        for v, lab in self.y.ticks:
            y = float(self.py(v))
            if self.grid in ("both", "y"):
                c.line(self.left, y, self.right, y, st["grid"], 0.8)
            c.line(self.left - 3.5, y, self.left, y, st["muted"], 0.8)
            c.text(self.left - 5, y, lab, size, st["muted"], "end", "center")
        c.line(self.left, self.top, self.left, self.bottom, st["muted"], 0.8)
        c.line(self.left, self.bottom, self.right, self.bottom, st["muted"], 0.8)
        if self.title:
            c.text(self.box[0] + 4, self.box[1] + 4, self.title, self.title_size, st["ink"],
                   valign="top", bold=True)
        if self.xlabel:
            c.text((self.left + self.right) / 2, self.box[3] - 4, self.xlabel, size,
                   st["ink"], "middle", "bottom")
        if self.ylabel:
            c.text(self.box[0] + 4 + 0.76 * size, (self.top + self.bottom) / 2, self.ylabel,
                   size, st["ink"], "middle", rotate=True)

    def hline(self, v: float, colour: str, width: float = 0.8, dash: str | None = None) -> None:
        """Draw a horizontal line across the axes at data value ``v``."""
        y = float(self.py(v))
        self.canvas.line(self.left, y, self.right, y, colour, width, dash)

    def vline(self, v: float, colour: str, width: float = 0.8, dash: str | None = None) -> None:
        """Draw a vertical line across the axes at data value ``v``."""
        x = float(self.px(v))
        self.canvas.line(x, self.top, x, self.bottom, colour, width, dash)

    def legend_row(self, entries: Sequence[tuple[str, str, str]], size: float = 8.5) -> None:
        """Write a legend in the band under the title, wrapping onto a second row if needed.

        ``entries`` are ``(label, colour, kind)`` with kind ``line``, ``dash`` or ``bar``.
        """
        x, y = self.left, self.top - self.top_band + 2
        for label, colour, kind in entries:
            w = _legend_entry_width(label, size)
            if x + w > self.right and x > self.left:
                x, y = self.left, y + size * 1.5
            _swatch(self.canvas, x, y + size * 0.55, colour, kind)
            self.canvas.text(x + 24, y + size * 0.55, label, size, self.style["ink"],
                             valign="center")
            x += w

    def legend_box(self, entries: Sequence[tuple[str, str, str]],
                   avoid: Sequence[tuple[float, float, float, float]],
                   size: float = 8.5) -> tuple[float, float, float, float]:
        """Write a boxed legend in the corner of the axes that covers least of ``avoid``.

        ``avoid`` are canvas boxes (bars, points) the legend should not hide; the
        corners are tried top left, top right, bottom right, bottom left and the
        first with the least overlap wins. Returns the legend's box.
        """
        w = 24 + max(text_width(lab, size) for lab, _, _ in entries) + 8
        h = size * 1.5 * len(entries) + 4
        pad = 6.0
        corners = ((self.left + pad, self.top + pad),
                   (self.right - pad - w, self.top + pad),
                   (self.right - pad - w, self.bottom - pad - h),
                   (self.left + pad, self.bottom - pad - h))

        def overlap(x: float, y: float) -> float:
            total = 0.0
            for a in avoid:
                dx = min(x + w, a[2]) - max(x, a[0])
                dy = min(y + h, a[3]) - max(y, a[1])
                if dx > 0 and dy > 0:
                    total += dx * dy + 1.0
            return total

        x, y = min(corners, key=lambda p: overlap(*p))
        self.canvas.rect(x, y, w, h, "#ffffff", opacity=0.9)
        for i, (label, colour, kind) in enumerate(entries):
            yy = y + 2 + size * 1.5 * (i + 0.5)
            _swatch(self.canvas, x + 4, yy, colour, kind)
            self.canvas.text(x + 28, yy, label, size, self.style["ink"], valign="center")
        return (x, y, x + w, y + h)


def _legend_entry_width(label: str, size: float) -> float:
    return 24 + text_width(label, size) + 14


def legend_height(entries: Sequence[tuple[str, str, str]], width: float,
                  size: float = 8.5) -> float:
    """Return the height of the band :meth:`Axes.legend_row` needs within ``width`` points."""
    rows, x = 1, 0.0
    for label, _, _ in entries:
        w = _legend_entry_width(label, size)
        if x + w > width and x > 0:
            rows, x = rows + 1, 0.0
        x += w
    return rows * size * 1.5 + 4


def _swatch(c: Canvas, x: float, y: float, colour: str, kind: str) -> None:
    if kind == "bar":
        c.rect(x + 5, y - 4, 10, 8, colour)
    else:
        c.line(x, y, x + 20, y, colour, 1.6, "4 2.5" if kind == "dash" else None)
