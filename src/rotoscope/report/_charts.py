"""Static charts for the note, written as inline SVG by :mod:`rotoscope.report._svg`.

Every chart reads the store through a :class:`~rotoscope.analytics.PointInTime`
view, so nothing after the as-of date is drawn. Output is deterministic (no ids,
no dates, coordinates rounded to 0.1 pt) and text stays text, so it is sharp at
any print size and small. Each drawn series, bar and label carries its name in a
``data-series`` or ``data-label`` attribute, for readers and tests alike.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from rotoscope.analytics import PointInTime, align, require_recent
from rotoscope.analytics.rrg import rrg_path
from rotoscope.analytics.streaks import outperformance_streak
from rotoscope.exceptions import RotoscopeError
from rotoscope.report._model import Chart
from rotoscope.report._svg import (
    Array,
    Axes,
    Canvas,
    Scale,
    date_scale,
    days,
    legend_height,
    linear_scale,
    log_scale,
    nice_ticks,
    text_width,
)
from rotoscope.universe import Universe

__all__ = ["PALETTE", "charts", "short_name"]

#: One palette for the note and the web app: ink, muted grid, and series colours
#: chosen to stay distinct for common colour-vision deficiencies.
PALETTE: dict[str, Any] = {
    "ink": "#1d2433",
    "muted": "#6b7280",
    "grid": "#e5e7eb",
    "up": "#1b7f5b",
    "down": "#c2410c",
    "series": ("#1f4e99", "#e07b00", "#2a9d8f", "#8e5ea2", "#b91c1c", "#6b7280"),
}
LOOKBACK = 252
TAIL_WEEKS = 4
#: Every chart is 7.2 inches wide (points: 72 to the inch); the page scales it.
WIDTH = 7.2 * 72
#: Font size of tick and axis labels, with the palette's ink, muted and grid colours.
STYLE: dict[str, Any] = {"size": 9.5, "ink": PALETTE["ink"], "muted": PALETTE["muted"],
                         "grid": PALETTE["grid"]}
#: Bars of runs shorter than the current one in the streak histogram.
PALE_BAR = "#b8c7e0"


def short_name(universe: Universe, symbol: str) -> str:
    """Return an index's name, or the ticker of anything else (how charts label series)."""
    meta = universe.meta(symbol)
    return meta.name if meta and meta.kind == "index" else symbol


def _span(arrays: list[Array]) -> tuple[float, float]:
    """Return the least and greatest finite value of ``arrays``."""
    values = np.concatenate([a[np.isfinite(a)] for a in arrays])
    if values.size == 0:
        raise ValueError("no finite value to draw")
    return float(values.min()), float(values.max())


def rebased(pit: PointInTime, universe: Universe, symbols: tuple[str, ...]) -> Chart:
    """Return the rebased price performance of the main indices over the last year.

    Raises
    ------
    ValueError
        When none of ``symbols`` has recent closes as of the date.
    """
    lines: list[tuple[str, str, Array, Array]] = []
    for i, s in enumerate(symbols):
        try:
            series = pit.series(s, "close")
            require_recent(series, pit.as_of)  # a series that stopped is not drawn
        except RotoscopeError:
            continue
        d, v = series.dates[-LOOKBACK - 1:], series.values[-LOOKBACK - 1:]
        lines.append((s, PALETTE["series"][i], days(d), v / v[0] * 100.0))
    if not lines:
        raise ValueError(f"none of {', '.join(symbols)} has recent closes as of {pit.as_of}")
    canvas = Canvas(WIDTH, 3.4 * 72)
    entries = [(f"{short_name(universe, s)} ({v[-1]:.1f})", colour, "line")
               for s, colour, _, v in lines]
    x = date_scale(*_span([x for _, _, x, _ in lines]))
    y = linear_scale(*_span([np.append(v, 100.0) for _, _, _, v in lines]), most=5)
    ax = Axes(canvas, (0, 0, WIDTH, canvas.height), x, y, STYLE,
              title="Major indices over the past year (price, rebased)",
              ylabel="Rebased to 100", top_band=legend_height(entries, WIDTH - 70))
    ax.hline(100, PALETTE["muted"])
    year_start = float(days([dt.date(pit.as_of.year, 1, 1)])[0])
    if x.lo < year_start < x.hi:
        ax.vline(year_start, PALETTE["muted"], dash="1.5 2.5")
    for s, colour, xs, v in lines:
        canvas.polyline(ax.px(xs), ax.py(v), colour, 1.6, label=s)
    ax.legend_row(entries)
    return Chart("rebased", "Rebased performance", canvas.svg(),
                 "Closing prices over the last 252 sessions, each divided by its first close "
                 "and multiplied by 100; the dotted line marks the start of the year.",
                 tuple(s for s, _, _, _ in lines))


def ratios(pit: PointInTime, pairs: tuple[tuple[str, str, str], ...]) -> Chart:
    """Return relative-strength ratio lines with their 50-session averages, one panel a pair.

    The panels share the date axis and line up their left edges.
    """
    panels = []
    for a, b, words in pairs:
        al = align(pit, a, b, "adj_close")
        ratio = al.va / al.vb
        sma = np.convolve(ratio, np.ones(50) / 50, mode="valid")
        n = min(LOOKBACK, sma.size)
        if n < 2:
            raise ValueError(f"fewer than 51 common sessions of {a} and {b} as of {pit.as_of}")
        panels.append((a, b, words, days(al.dates[-n:]), ratio[-n:], sma[-n:]))
    panel_h = 2.3 * 72
    canvas = Canvas(WIDTH, panel_h * len(panels))
    x = date_scale(*_span([p[3] for p in panels]))
    ys = [linear_scale(*_span([p[4], p[5]]), most=5) for p in panels]
    tick_w = max(text_width(lab, STYLE["size"]) for y in ys for _, lab in y.ticks)
    for i, ((a, b, words, xs, ratio, sma), y) in enumerate(zip(panels, ys, strict=True)):
        entries = [(f"{a}/{b}", PALETTE["series"][0], "line"),
                   ("50-session average", PALETTE["series"][1], "dash")]
        ax = Axes(canvas, (0, i * panel_h, WIDTH, (i + 1) * panel_h), x, y, STYLE,
                  title=words, title_size=10, xtick_labels=i == len(panels) - 1,
                  top_band=legend_height(entries, WIDTH - 70), ytick_width=tick_w)
        canvas.polyline(ax.px(xs), ax.py(sma), PALETTE["series"][1], 1.2, dash="4 2.5",
                        label=f"{a}/{b} 50-session average")
        canvas.polyline(ax.px(xs), ax.py(ratio), PALETTE["series"][0], 1.5, label=f"{a}/{b}")
        ax.legend_row(entries)
    used = [s for a, b, *_ in panels for s in (a, b)]
    return Chart("ratios", "Relative strength", canvas.svg(),
                 "Total-return close of the first series divided by the second's, with the "
                 "50-session simple average of that ratio; a rising line means the first "
                 "series is outperforming.", tuple(dict.fromkeys(used)))


def sector_bars(labels: list[str], short: list[float], ytd: list[float],
                basis: str = "total return") -> Chart:
    """Return grouped horizontal bars of sector returns over 30 sessions and year to date.

    ``labels``, ``short`` and ``ytd`` are in the order drawn, top to bottom; a
    NaN return leaves its bar out.

    Raises
    ------
    ValueError
        When ``labels`` is empty, the three lists differ in length or every
    return is NaN.
    """
    if not labels:
        raise ValueError("no sector returns as of this date")
    if not len(labels) == len(short) == len(ytd):
        raise ValueError(f"sector_bars needs one 30-session and one year-to-date return per "
                         f"label: {len(labels)} labels, {len(short)} and {len(ytd)} returns")
    if not any(math.isfinite(v) for v in (*short, *ytd)):
        raise ValueError("no sector return to draw: every one is missing (NaN)")
    size, note = STYLE["size"], 7.5
    notes = [f"{v:+.1f}%" if math.isfinite(v) else "" for v in short]
    canvas = Canvas(WIDTH, (0.34 * len(labels) + 1.0) * 72)
    values = np.array([*short, *ytd], dtype=np.float64)
    lo, hi = _span([values, np.zeros(1)])
    # room for the value labels at the bar ends: solve for the data span that leaves
    # that many points each side of the bars, in the width the plot will have
    plot_w = WIDTH - 4 - max(text_width(s, size) for s in labels) - 7 - 12
    room = max(text_width(s, note) for s in notes) + 6
    left_room = room if lo < 0 else 4.0
    right_room = room if hi > 0 else 4.0
    total = (hi - lo) / max(0.2, 1 - (left_room + right_room) / plot_w)
    x = linear_scale(lo - left_room * total / plot_w, hi + right_room * total / plot_w,
                     pad=0.0)
    n = len(labels)
    y = Scale(-0.6, n - 0.4, tuple((float(n - 1 - i), s) for i, s in enumerate(labels)))
    ax = Axes(canvas, (0, 0, WIDTH, canvas.height), x, y, STYLE,
              title=f"Sector ETFs: {basis}", xlabel=f"{basis.capitalize()}, %", grid="x")
    ax.vline(0, PALETTE["muted"])
    boxes = []
    bar_h = float(ax.py(0) - ax.py(0.38))
    for i, (label, s30, sy, text) in enumerate(zip(labels, short, ytd, notes, strict=True)):
        row = n - 1 - i
        x0 = float(ax.px(0))
        for v, off, colour, what in ((s30, 0.2, PALETTE["series"][0], "30 sessions"),
                                     (sy, -0.2, PALETTE["series"][1], "year to date")):
            if not math.isfinite(v):
                continue
            top = float(ax.py(row + off + 0.19))
            canvas.rect(x0, top, float(ax.px(v)) - x0, bar_h, colour,
                        label=f"{label}, {what}: {v:+.1f}%")
            boxes.append((min(x0, float(ax.px(v))), top, max(x0, float(ax.px(v))),
                          top + bar_h))
        if text:
            end, yy = float(ax.px(s30)), float(ax.py(row + 0.2))
            boxes.append(canvas.text(end + (3 if s30 >= 0 else -3), yy, text, note,
                                     PALETTE["ink"], "start" if s30 >= 0 else "end",
                                     "center"))
    ax.legend_box([("30 sessions", PALETTE["series"][0], "bar"),
                   ("Year to date", PALETTE["series"][1], "bar")], boxes)
    return Chart("sectors", "Sector returns", canvas.svg(),
                 f"Return of the sector SPDRs ({basis}), sorted by the 30-session return; a "
                 "missing bar means the data do not cover the window.", ())


def _place_labels(points: list[tuple[float, float, float]], size: float = 0.028,
                  dot: tuple[float, float] = (0.0, 0.0)) -> list[tuple[float, float]]:
    """Return label positions (axes fractions) near each point that do not overlap.

    ``points`` are ``(x, y, width)`` in axes fractions: the point and its label's
    width. Each label is tried to the right of its point, then above and below
    it at growing distances, then to the left; the first free slot wins (a label
    with no free slot goes to the right of its point). A slot is free when it
    covers no other label, no quadrant name and no point (``dot`` is a point's
    half width and half height). Returned positions are the left end and the
    vertical centre of each label.
    """
    # the quadrant names in the corners are taken, and so are the points
    placed: list[tuple[float, float, float, float]] = [
        (0.0, 0.93, 0.2, 1.0), (0.8, 0.93, 1.0, 1.0), (0.0, 0.0, 0.2, 0.07),
        (0.8, 0.0, 1.0, 0.07)]
    placed += [(x - dot[0], y - dot[1], x + dot[0], y + dot[1]) for x, y, _ in points]
    out: list[tuple[float, float]] = []
    offsets = [(0.015, 0.0)] + [(dx, sign * k * size) for k in range(1, 7)
                                for dx in (0.015, -0.015) for sign in (1, -1)]
    for x, y, w in points:
        best = None
        for dx, dy in offsets:
            lx = x + dx if dx > 0 else x + dx - w
            box = (lx, y + dy - size / 2, lx + w, y + dy + size / 2)
            inside = box[0] >= 0 and box[2] <= 1 and box[1] >= 0 and box[3] <= 1
            if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3]
                                  and b[1] < box[3] for b in placed):
                best = (box, (lx, y + dy))
                break
        if best is None:
            lx = x + 0.015
            best = ((lx, y - size / 2, lx + w, y + size / 2), (lx, y))
        placed.append(best[0])
        out.append(best[1])
    return out


def rrg_chart(pit: PointInTime, symbols: tuple[str, ...], benchmark: str,
              called_out: int = 4, focus: tuple[str, ...] = ()) -> Chart:
    """Return the relative rotation graph of ``symbols`` against ``benchmark``.

    ``called_out`` sectors are drawn in colour with a short tail and a label:
    those in ``focus`` (the note passes the 30-session leader and laggard the text
    discusses), then the farthest from the centre (the strongest readings, in any
    quadrant). The others are faded dots with small grey labels, so the chart
    answers one question: which sectors are rotating, and where to.

    Raises
    ------
    ValueError
        When no symbol has a relative rotation path as of the date.
    """
    paths = {}
    for s in symbols:
        try:
            paths[s] = rrg_path(pit, s, benchmark)
        except (RotoscopeError, ValueError):
            continue
    if not paths:
        raise ValueError(f"no sector has a relative rotation path as of {pit.as_of}")

    def distance(s: str) -> float:
        p = paths[s]
        return float(np.hypot(p.ratio[-1] - 100, p.momentum[-1] - 100))

    order = sorted(paths, key=distance, reverse=True)
    loud = [s for s in focus if s in paths][:called_out]
    loud += [s for s in order if s not in loud][:called_out - len(loud)]
    order = loud + [s for s in order if s not in loud]
    shown = np.concatenate([np.r_[paths[s].ratio[-TAIL_WEEKS:], paths[s].momentum[-TAIL_WEEKS:]]
                            if s in loud else np.r_[paths[s].ratio[-1:], paths[s].momentum[-1:]]
                            for s in paths])
    span = max(1.5, float(np.abs(shown - 100).max())) * 1.12
    canvas = Canvas(WIDTH, 5.6 * 72)
    scale = linear_scale(100 - span, 100 + span, most=8, pad=0.0, least=5)
    ax = Axes(canvas, (0, 0, WIDTH, canvas.height), scale, scale, STYLE,
              title=f"Where the sectors are rotating: sector ETFs against {benchmark}",
              xlabel="RS-Ratio (above 100: stronger than the benchmark)",
              ylabel="RS-Momentum (above 100: gaining)")
    mid_x, mid_y = float(ax.px(100)), float(ax.py(100))
    for (x0, x1), (y0, y1), quad, colour, corner in (
            ((mid_x, ax.right), (ax.top, mid_y), "Leading", PALETTE["up"], "ne"),
            ((mid_x, ax.right), (mid_y, ax.bottom), "Weakening", PALETTE["series"][1], "se"),
            ((ax.left, mid_x), (mid_y, ax.bottom), "Lagging", PALETTE["down"], "sw"),
            ((ax.left, mid_x), (ax.top, mid_y), "Improving", PALETTE["series"][0], "nw")):
        canvas.rect(x0, y0, x1 - x0, y1 - y0, colour, opacity=0.035)
        pad = 0.02 * (ax.right - ax.left)
        canvas.text(x1 - pad if corner[1] == "e" else x0 + pad,
                    y0 + pad if corner[0] == "n" else y1 - pad, quad, 10, colour,
                    "end" if corner[1] == "e" else "start",
                    "top" if corner[0] == "n" else "bottom", bold=True, opacity=0.6)
    ax.hline(100, PALETTE["muted"])
    ax.vline(100, PALETTE["muted"])
    w, h = ax.right - ax.left, ax.bottom - ax.top
    quiet = [s for s in order if s not in loud]
    for s in quiet:  # the grey dots first, under the coloured tails
        canvas.circle(float(ax.px(paths[s].ratio[-1])), float(ax.py(paths[s].momentum[-1])),
                      2.4, PALETTE["muted"], opacity=0.45)
    colours = {s: PALETTE["series"][i % len(PALETTE["series"])] for i, s in enumerate(loud)}
    for s in loud:
        px, py = ax.px(paths[s].ratio[-TAIL_WEEKS:]), ax.py(paths[s].momentum[-TAIL_WEEKS:])
        canvas.polyline(px, py, colours[s], 1.6, opacity=0.9, label=s)
        for xx, yy in zip(px[:-1].tolist(), py[:-1].tolist(), strict=True):
            canvas.circle(xx, yy, 1.8, colours[s], opacity=0.75)
        canvas.circle(float(px[-1]), float(py[-1]), 4.0, colours[s], edge="#ffffff",
                      edge_width=1.0)
    sizes = {s: (9.0, True) if s in loud else (7.5, False) for s in order}
    points = [(float(scale.fraction(paths[s].ratio[-1])),
               float(scale.fraction(paths[s].momentum[-1])),
               (text_width(s, *sizes[s]) + 3) / w) for s in order]
    spots = _place_labels(points, dot=(5 / w, 5 / h))
    for (fx, fy, lw), (lx, ly), s in zip(points, spots, order, strict=True):
        colour = colours.get(s, PALETTE["muted"])
        x0, yc = ax.left + lx * w, ax.bottom - ly * h
        if abs(ly - fy) >= 0.02:  # moved off its point: a thin leader line
            end = x0 if lx > fx else x0 + lw * w
            canvas.line(ax.left + fx * w, ax.bottom - fy * h, end, yc, colour, 0.6,
                        opacity=0.6)
        size, bold = sizes[s]
        canvas.text(x0 + 1.5, yc, s, size, colour, valign="center", bold=bold,
                    opacity=None if bold else 0.8, background="#ffffff")
    return Chart("rrg", "Relative rotation graph", canvas.svg(),
                 f"Weekly RS-Ratio and RS-Momentum of each sector against {benchmark} "
                 f"(z-scores of the total-return ratio and of its change, centred on 100). "
                 f"The 30-session leader and laggard and the sectors farthest from the centre "
                 f"({len(loud)} in all) are drawn in colour with their last {TAIL_WEEKS - 1} "
                 f"weeks of movement (the large dot is the latest "
                 "week); the others are the grey dots.", (*paths, benchmark))


def streak_history(pit: PointInTime, universe: Universe, a: str, b: str) -> Chart:
    """Return how the current run compares with every earlier run of the same side.

    A histogram of earlier run lengths (log scale, so the rare long runs show),
    the runs longer than the current one in a darker shade, the current length
    in orange with a dashed line, and the record marked.

    Raises
    ------
    ValueError
        When there is no earlier run of the current side.
    """
    history, _ = outperformance_streak(pit, a, b)
    cur = history.current
    side = cur.side or 1
    past = np.flatnonzero((history.sides == side) & (history.starts != cur.start))
    if past.size == 0:
        raise ValueError(f"no earlier run of {a} against {b} as of {pit.as_of}")
    lead, lag = (a, b) if side == 1 else (b, a)
    lengths = history.ends[past] - history.starts[past] + 1
    counts = np.bincount(lengths)
    n = cur.length if cur.side == side else 0
    record = int(past[np.argmax(lengths)])
    record_len = int(lengths.max())
    record_end = history.dates[history.ends[record]].astype("datetime64[D]").item()
    at_least = int((lengths >= max(n, 1)).sum())
    first = history.dates[0].astype("datetime64[D]").item()
    canvas = Canvas(WIDTH, 3.2 * 72)
    top = float(counts.max())
    xmax = max(record_len, n) + 1.2
    steps = nice_ticks(0.3, xmax, 10)
    steps = steps[(steps >= 1) & (steps == np.round(steps))]
    if steps.size < 2:
        steps = np.arange(1, math.floor(xmax) + 1, dtype=np.float64)
    x = Scale(0.3, xmax, tuple((float(v), str(int(v))) for v in steps))
    y = log_scale(0.7, top * 3)
    ax = Axes(canvas, (0, 0, WIDTH, canvas.height), x, y, STYLE,
              title=(f"How rare is this run? {short_name(universe, lead)} beating "
                     f"{short_name(universe, lag)} since {first:%Y}"), title_size=10.5,
              xlabel="Length of the run (sessions in a row)",
              ylabel="Earlier runs (log scale)", grid="y")
    if n:
        ax.vline(n, PALETTE["series"][1], 1.2, dash="4.5 2")
    base = ax.bottom
    for length in np.flatnonzero(counts).tolist():
        colour = (PALETTE["series"][1] if length == n else
                  PALETTE["series"][0] if length > n else PALE_BAR)
        x0, x1 = float(ax.px(length - 0.4)), float(ax.px(length + 0.4))
        y1 = float(ax.py(float(counts[length])))
        canvas.rect(x0, y1, x1 - x0, base - y1, colour,
                    label=f"runs of {length}: {int(counts[length])}"
                    + (" (current)" if length == n else ""))
    rx, ry = float(ax.px(record_len)), float(ax.py(1.0))
    canvas.line(rx, ry - 1, rx, ry - 12, PALETTE["muted"], 0.7)
    words = f"record: {record_len} ({record_end:%b %Y})"
    half = text_width(words, 8.5) / 2
    canvas.text(min(max(rx, ax.left + half), WIDTH - 4 - half), ry - 14, words, 8.5,
                PALETTE["ink"], "middle", background="#ffffff")
    if n:
        share = at_least / lengths.size * 100
        words = (f"now: {n} {'session' if n == 1 else 'sessions'}\n"
                 f"{at_least:,} of {lengths.size:,} earlier runs ({share:.0f}%) lasted as long")
        wide = max(text_width(s, 8.5, True) for s in words.split("\n"))
        nx = float(ax.px(n))
        right = nx + 8 + wide <= ax.right
        canvas.text(nx + 8 if right else nx - 8, float(ax.py(top * 1.5)), words, 8.5,
                    PALETTE["series"][1], "start" if right else "end", "top", bold=True,
                    background="#ffffff")
    return Chart("streaks", "Streak history", canvas.svg(),
                 f"Number of earlier runs of consecutive sessions in which {lead}'s total "
                 f"return beat {lag}'s, by length (log scale); the darker bars are the runs "
                 "longer than the current one; the orange bar and dashed line mark the "
                 "current run's length.",
                 (a, b))


def charts(pit: PointInTime, universe: Universe, sector_labels: list[str],
           sector_30d: list[float], sector_ytd: list[float],
           sector_basis: str = "total return", rrg_focus: tuple[str, ...] = ()
           ) -> list[Chart]:
    """Return the note's charts in reading order (a chart that cannot be drawn is left out)."""
    out: list[Chart] = []
    note = universe.note
    size, style = ((p.a, p.b) for p in (universe.pair(note.size), universe.pair(note.style)))
    makers: tuple[Callable[[], Chart], ...] = (
        lambda: rebased(pit, universe, note.indices),
        lambda: ratios(pit, ((*size, f"Small vs large: {short_name(universe, size[0])} / "
                              f"{short_name(universe, size[1])}"),
                             (*style, f"Value vs growth: {short_name(universe, style[0])} / "
                              f"{short_name(universe, style[1])}"))),
        lambda: sector_bars(sector_labels, sector_30d, sector_ytd, sector_basis),
        lambda: rrg_chart(pit, tuple(universe.sectors), universe.sector_benchmark,
                          focus=rrg_focus),
        lambda: streak_history(pit, universe, *size),
    )
    for make in makers:
        try:
            out.append(make())
        except (RotoscopeError, ValueError):
            continue
    return out
