"""Static charts for the note: matplotlib figures rendered to inline SVG.

Every chart reads the store through a :class:`~rotoscope.analytics._pit.PointInTime`
view, so nothing after the as-of date is drawn. Output is deterministic: the SVG
ids are salted with a constant and the file carries no creation date. Text stays
text (``svg.fonttype = none``) so it is sharp at any print size and small.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import numpy as np
from matplotlib.figure import Figure

from rotoscope.analytics._common import align
from rotoscope.analytics._pit import PointInTime, require_recent
from rotoscope.analytics.rrg import rrg_path
from rotoscope.analytics.streaks import outperformance_streak
from rotoscope.exceptions import RotoscopeError
from rotoscope.report._model import Chart
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

_RC: Any = {
    "svg.fonttype": "none",
    "svg.hashsalt": "rotoscope",
    "font.family": ["DejaVu Sans"],
    "font.size": 9.5,
    "axes.edgecolor": PALETTE["muted"],
    "axes.labelcolor": PALETTE["ink"],
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": PALETTE["grid"],
    "grid.linewidth": 0.8,
    "xtick.color": PALETTE["muted"],
    "ytick.color": PALETTE["muted"],
    "legend.frameon": False,
}


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    with mpl.rc_context(_RC):
        # the constrained layout already fits the labels inside the figure; a "tight"
        # bounding box would draw every chart twice
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "rotoscope"})
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    # responsive: the page sets the width, the viewBox keeps the proportions
    text = re.sub(r'<svg([^>]*?) width="[^"]+" height="[^"]+"', r'<svg\1', text, count=1)
    return text


def _figure(w: float, h: float) -> Figure:
    with mpl.rc_context(_RC):
        return Figure(figsize=(w, h), layout="constrained")


def _x(days: Any) -> Any:
    """Return matplotlib date numbers for dates or ``datetime64`` values."""
    return mdates.date2num(days)  # type: ignore[no-untyped-call]


def short_name(universe: Universe, symbol: str) -> str:
    """Return an index's name, or the ticker of anything else (how charts label series)."""
    meta = universe.meta(symbol)
    return meta.name if meta and meta.kind == "index" else symbol


def rebased(pit: PointInTime, universe: Universe, symbols: tuple[str, ...]) -> Chart:
    """Return the rebased price performance of the main indices over the last year."""
    with mpl.rc_context(_RC):
        fig = _figure(7.2, 3.4)
        ax = fig.add_subplot()
        used = []
        for i, s in enumerate(symbols):
            try:
                series = pit.series(s, "close")
                require_recent(series, pit.as_of)  # a series that stopped is not drawn
            except RotoscopeError:
                continue
            d, v = series.dates[-LOOKBACK - 1:], series.values[-LOOKBACK - 1:]
            ax.plot(_x(d), v / v[0] * 100.0, color=PALETTE["series"][i], lw=1.6,
                    label=f"{short_name(universe, s)} ({v[-1] / v[0] * 100.0:.1f})")
            used.append(s)
        ax.xaxis_date()
        ax.axhline(100, color=PALETTE["muted"], lw=0.8)
        year_start = dt.date(pit.as_of.year, 1, 1)
        ax.axvline(_x(year_start), color=PALETTE["muted"], lw=0.8, ls=":")
        ax.set_ylabel("Rebased to 100")
        ax.set_title("Major indices over the past year (price, rebased)")
        ax.legend(loc="upper left", ncols=2, fontsize=8.5)
        fig.autofmt_xdate()
    return Chart("rebased", "Rebased performance", _svg(fig),
                 "Closing prices over the last 252 sessions, each divided by its first close "
                 "and multiplied by 100; the dotted line marks the start of the year.",
                 tuple(used))


def ratios(pit: PointInTime, pairs: tuple[tuple[str, str, str], ...]) -> Chart:
    """Return relative-strength ratio lines with their 50-session averages."""
    with mpl.rc_context(_RC):
        fig = _figure(7.2, 2.3 * len(pairs))
        axes = fig.subplots(len(pairs), 1, sharex=True, squeeze=False)[:, 0]
        used: list[str] = []
        for ax, (a, b, words) in zip(axes, pairs, strict=True):
            al = align(pit, a, b, "adj_close")
            ratio = al.va / al.vb
            sma = np.convolve(ratio, np.ones(50) / 50, mode="valid")
            n = min(LOOKBACK, sma.size)
            d = _x(al.dates[-n:])
            ax.plot(d, ratio[-n:], color=PALETTE["series"][0], lw=1.5, label=f"{a}/{b}")
            ax.plot(d, sma[-n:], color=PALETTE["series"][1], lw=1.2, ls="--",
                    label="50-session average")
            ax.xaxis_date()
            ax.set_title(words, fontsize=10)
            ax.legend(loc="best", ncols=2, fontsize=8.5)
            used += [a, b]
        fig.autofmt_xdate()
    return Chart("ratios", "Relative strength", _svg(fig),
                 "Total-return close of the first series divided by the second's, with the "
                 "50-session simple average of that ratio; a rising line means the first "
                 "series is outperforming.", tuple(dict.fromkeys(used)))


def sector_bars(labels: list[str], short: list[float], ytd: list[float],
                basis: str = "total return") -> Chart:
    """Return grouped horizontal bars of sector returns over 30 sessions and year to date."""
    if not labels:
        raise ValueError("no sector returns as of this date")
    with mpl.rc_context(_RC):
        fig = _figure(7.2, 0.34 * len(labels) + 1.0)
        ax = fig.add_subplot()
        y = np.arange(len(labels))[::-1]
        ax.barh(y + 0.2, short, height=0.38, color=PALETTE["series"][0], label="30 sessions")
        ax.barh(y - 0.2, ytd, height=0.38, color=PALETTE["series"][1], label="Year to date")
        for yy, v in zip(y, short, strict=True):
            ax.annotate(f"{v:+.1f}%", (v, yy + 0.2), xytext=(3 if v >= 0 else -3, 0),
                        textcoords="offset points", va="center", fontsize=7.5,
                        ha="left" if v >= 0 else "right", color=PALETTE["ink"])
        ax.set_yticks(y, labels)
        ax.axvline(0, color=PALETTE["muted"], lw=0.8)
        ax.set_xlabel(f"{basis.capitalize()}, %")
        ax.set_title(f"Sector ETFs: {basis}")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="best", fontsize=8.5, framealpha=0.9, frameon=True, edgecolor="none")
    return Chart("sectors", "Sector returns", _svg(fig),
                 f"Return of the sector SPDRs ({basis}), sorted by the 30-session return; a "
                 "missing bar means the data do not cover the window.", ())


def _place_labels(points: list[tuple[float, float, str]], size: float = 0.028
                  ) -> list[tuple[float, float]]:
    """Return label positions (axes fractions) near each point that do not overlap.

    Each label is tried to the right of its point, then above and below it at
    growing distances, then to the left; the first free slot wins. ``points``
    are axes fractions with the label text; widths are estimated from its length.
    """
    # the quadrant names in the corners are taken
    placed: list[tuple[float, float, float, float]] = [
        (0.0, 0.93, 0.2, 1.0), (0.8, 0.93, 1.0, 1.0), (0.0, 0.0, 0.2, 0.07),
        (0.8, 0.0, 1.0, 0.07)]
    out: list[tuple[float, float]] = []
    offsets = [(0.015, 0.0)] + [(dx, sign * k * size) for k in range(1, 7)
                                for dx in (0.015, -0.015) for sign in (1, -1)]
    for x, y, text in points:
        w = 0.014 * len(text) + 0.012
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
    with mpl.rc_context(_RC):
        fig = _figure(7.2, 5.6)
        ax = fig.add_subplot()
        xs: list[float] = []
        ys: list[float] = []
        for s in paths:
            r, m = paths[s].ratio, paths[s].momentum
            xs += list(r[-TAIL_WEEKS:] if s in loud else r[-1:])
            ys += list(m[-TAIL_WEEKS:] if s in loud else m[-1:])
        span = max(1.5, *(abs(v - 100) for v in xs + ys)) * 1.12
        lo, hi = 100 - span, 100 + span
        ax.set_xlim(lo, hi)
        ax.set_ylim(lo, hi)
        for x, y, quad, colour in ((0.98, 0.98, "Leading", PALETTE["up"]),
                                   (0.98, 0.02, "Weakening", PALETTE["series"][1]),
                                   (0.02, 0.02, "Lagging", PALETTE["down"]),
                                   (0.02, 0.98, "Improving", PALETTE["series"][0])):
            ax.text(x, y, quad, transform=ax.transAxes, ha="right" if x > 0.5 else "left",
                    va="top" if y > 0.5 else "bottom", color=colour, fontsize=10,
                    fontweight="bold", alpha=0.55)
        ax.axhline(100, color=PALETTE["muted"], lw=0.8)
        ax.axvline(100, color=PALETTE["muted"], lw=0.8)
        labels: list[tuple[float, float, str]] = []
        colours: list[str] = []
        for i, s in enumerate(order):
            r, m = paths[s].ratio, paths[s].momentum
            if s in loud:
                colour = PALETTE["series"][i % len(PALETTE["series"])]
                tr, tm = r[-TAIL_WEEKS:], m[-TAIL_WEEKS:]
                ax.plot(tr, tm, color=colour, lw=1.6, alpha=0.9, zorder=3)
                ax.scatter(tr[:-1], tm[:-1], s=12, color=colour, alpha=0.7, zorder=3)
                ax.scatter(tr[-1:], tm[-1:], s=60, color=colour, edgecolor="white", zorder=4)
            else:
                colour = PALETTE["muted"]
                ax.scatter(r[-1:], m[-1:], s=22, color=colour, alpha=0.45, zorder=2)
            labels.append(((r[-1] - lo) / (hi - lo), (m[-1] - lo) / (hi - lo), s))
            colours.append(colour)
        for (px, py, s), (lx, ly), colour in zip(labels, _place_labels(labels), colours,
                                                 strict=True):
            loud_one = s in loud
            ax.annotate(s, (px, py), xytext=(lx, ly), xycoords="axes fraction",
                        textcoords="axes fraction", va="center", ha="left",
                        fontsize=9 if loud_one else 7.5,
                        fontweight="bold" if loud_one else "normal", color=colour,
                        alpha=1.0 if loud_one else 0.75, zorder=5,
                        bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none",
                              "alpha": 0.7},
                        arrowprops=None if abs(ly - py) < 0.02 else {
                            "arrowstyle": "-", "color": colour, "lw": 0.6, "alpha": 0.6})
        ax.set_xlabel("RS-Ratio (above 100: stronger than the benchmark)")
        ax.set_ylabel("RS-Momentum (above 100: gaining)")
        ax.set_title(f"Where the sectors are rotating: sector ETFs against {benchmark}")
    return Chart("rrg", "Relative rotation graph", _svg(fig),
                 f"Weekly RS-Ratio and RS-Momentum of each sector against {benchmark} "
                 f"(z-scores of the total-return ratio and of its change, centred on 100). "
                 f"The 30-session leader and laggard and the sectors farthest from the centre "
                 f"({len(loud)} in all) are drawn in colour with their last {TAIL_WEEKS - 1} "
                 f"weeks of movement (the large dot is the latest "
                 "week); the others are the grey dots.", (*paths, benchmark))


def streak_history(pit: PointInTime, universe: Universe, a: str, b: str) -> Chart:
    """Return how the current run compares with every earlier run of the same side.

    A histogram of earlier run lengths (log scale, so the rare long runs show),
    the runs at least as long as the current one in a darker shade, the current
    length and the record marked.
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
    with mpl.rc_context(_RC):
        fig = _figure(7.2, 3.2)
        ax = fig.add_subplot()
        x = np.arange(1, counts.size)
        h = counts[1:]
        shade = [PALETTE["series"][1] if v == n else PALETTE["series"][0] if v > n
                 else "#b8c7e0" for v in x]
        ax.bar(x[h > 0], h[h > 0], width=0.8, color=[c for c, k in zip(shade, h, strict=True)
                                                       if k > 0])
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
        # fixed ticks at the powers of ten: the log locator's minor ticks cost a second
        ax.yaxis.set_major_locator(mticker.FixedLocator(
            [10.0 ** k for k in range(len(str(int(h.max()))) + 1)]))
        ax.yaxis.set_minor_locator(mticker.NullLocator())
        ax.xaxis.set_major_locator(mticker.MaxNLocator(integer=True))
        ax.set_ylim(0.7, float(h.max()) * 3)
        ax.set_xlim(0.3, max(record_len, n) + 1.2)
        ax.set_xlabel("Length of the run (sessions in a row)")
        ax.set_ylabel("Earlier runs (log scale)")
        ax.grid(axis="x", visible=False)
        ax.annotate(f"record: {record_len} ({record_end:%b %Y})", (record_len, 1.0),
                    xytext=(0, 14), textcoords="offset points", ha="center",
                    fontsize=8.5, color=PALETTE["ink"],
                    arrowprops={"arrowstyle": "-", "color": PALETTE["muted"], "lw": 0.7})
        if n:
            ax.axvline(n, color=PALETTE["series"][1], lw=1.2, ls="--", zorder=0)
            share = at_least / lengths.size * 100
            ax.annotate(f"now: {n} {'session' if n == 1 else 'sessions'}\n"
                        f"{at_least:,} of {lengths.size:,} earlier runs "
                        f"({share:.0f}%) lasted as long",
                        (n, float(h.max()) * 1.5), xytext=(8, 0), textcoords="offset points",
                        ha="left", va="top", fontsize=8.5, color=PALETTE["series"][1],
                        fontweight="bold",
                        bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "none",
                              "alpha": 0.9})
        first = history.dates[0].astype("datetime64[D]").item()
        ax.set_title(f"How rare is this run? {short_name(universe, lead)} beating "
                     f"{short_name(universe, lag)} since {first:%Y}", fontsize=10.5)
    return Chart("streaks", "Streak history", _svg(fig),
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
    makers: tuple[Callable[[], Chart], ...] = (
        lambda: rebased(pit, universe, ("^GSPC", "^IXIC", "^DJI", "^RUT")),
        lambda: ratios(pit, (("^RUT", "^GSPC", "Small vs large: Russell 2000 / S&P 500"),
                             ("IWD", "IWF", "Value vs growth: IWD / IWF"))),
        lambda: sector_bars(sector_labels, sector_30d, sector_ytd, sector_basis),
        lambda: rrg_chart(pit, tuple(universe.sectors), universe.sector_benchmark,
                          focus=rrg_focus),
        lambda: streak_history(pit, universe, "^RUT", "^GSPC"),
    )
    for make in makers:
        try:
            out.append(make())
        except (RotoscopeError, ValueError):
            continue
    return out
