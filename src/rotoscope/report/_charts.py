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
TAIL_WEEKS = 6

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
        ax.legend(loc="lower right", fontsize=8.5)
    return Chart("sectors", "Sector returns", _svg(fig),
                 f"Return of the sector SPDRs ({basis}), sorted by the 30-session return; a "
                 "missing bar means the data do not cover the window.", ())


def rrg_chart(pit: PointInTime, symbols: tuple[str, ...], benchmark: str) -> Chart:
    """Return the relative rotation graph of ``symbols`` against ``benchmark`` with tails."""
    with mpl.rc_context(_RC):
        fig = _figure(7.2, 5.6)
        ax = fig.add_subplot()
        xs: list[float] = []
        ys: list[float] = []
        used = []
        for i, s in enumerate(symbols):
            try:
                path = rrg_path(pit, s, benchmark)
            except (RotoscopeError, ValueError):
                continue
            r, m = path.ratio[-TAIL_WEEKS:], path.momentum[-TAIL_WEEKS:]
            colour = PALETTE["series"][i % len(PALETTE["series"])]
            ax.plot(r, m, color=colour, lw=1.2, alpha=0.8)
            ax.scatter(r[:-1], m[:-1], s=10, color=colour, alpha=0.6)
            ax.scatter(r[-1:], m[-1:], s=42, color=colour, edgecolor="white", zorder=3)
            ax.annotate(s, (r[-1], m[-1]), xytext=(5, 3), textcoords="offset points",
                        fontsize=8.5, color=colour, fontweight="bold")
            xs += list(r)
            ys += list(m)
            used.append(s)
        span = max(1.5, *(abs(v - 100) for v in xs + ys)) * 1.15 if xs else 3.0
        ax.set_xlim(100 - span, 100 + span)
        ax.set_ylim(100 - span, 100 + span)
        ax.axhline(100, color=PALETTE["muted"], lw=0.8)
        ax.axvline(100, color=PALETTE["muted"], lw=0.8)
        for x, y, quad, colour in ((0.98, 0.98, "Leading", PALETTE["up"]),
                                   (0.98, 0.02, "Weakening", PALETTE["series"][1]),
                                   (0.02, 0.02, "Lagging", PALETTE["down"]),
                                   (0.02, 0.98, "Improving", PALETTE["series"][0])):
            ax.text(x, y, quad, transform=ax.transAxes, ha="right" if x > 0.5 else "left",
                    va="top" if y > 0.5 else "bottom", color=colour, fontsize=10,
                    fontweight="bold", alpha=0.8)
        ax.set_xlabel("RS-Ratio")
        ax.set_ylabel("RS-Momentum")
        ax.set_title(f"Relative rotation graph: sector ETFs against {benchmark}")
    return Chart("rrg", "Relative rotation graph", _svg(fig),
                 f"Weekly RS-Ratio and RS-Momentum of each sector against {benchmark} "
                 f"(z-scores of the total-return ratio and of its change, centred on 100), "
                 f"with a tail of the last {TAIL_WEEKS} weeks; the large dot is the latest "
                 "week.", (*used, benchmark))


def streak_history(pit: PointInTime, universe: Universe, a: str, b: str) -> Chart:
    """Return every past run of the current streak's side against the current one."""
    history, _ = outperformance_streak(pit, a, b)
    side = history.current.side or 1
    # every earlier run of that side (the current one is drawn on its own)
    past = np.flatnonzero((history.sides == side) & (history.starts != history.current.start))
    lead, lag = (a, b) if side == 1 else (b, a)
    with mpl.rc_context(_RC):
        fig = _figure(7.2, 3.0)
        ax = fig.add_subplot()
        ends = history.dates[history.ends[past]].astype("datetime64[D]")
        lengths = history.ends[past] - history.starts[past] + 1
        # one path of NaN-separated segments: one SVG element, not one per run
        xs = np.repeat(_x(ends), 3)
        ys = np.column_stack((np.zeros(lengths.size), lengths,
                              np.full(lengths.size, np.nan))).ravel()
        xs[2::3] = np.nan
        ax.plot(xs, ys, color=PALETTE["series"][0], lw=0.6, alpha=0.55,
                solid_capstyle="butt")
        cur = history.current
        if cur.side == side:
            ax.vlines(_x([history.day(cur.end)]), 0, [cur.length], color=PALETTE["series"][1],
                      lw=2.2)
            ax.axhline(cur.length, color=PALETTE["series"][1], lw=0.9, ls="--")
            ax.annotate(f"current: {cur.length}",
                        (float(_x(history.day(cur.end))), cur.length),
                        xytext=(-6, 6), textcoords="offset points", ha="right",
                        color=PALETTE["series"][1], fontsize=8.5, fontweight="bold",
                        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                              "alpha": 0.9})
        ax.set_ylim(0, max([*lengths, cur.length]) + 1)
        ax.xaxis_date()
        ax.set_ylabel("Sessions in a row")
        ax.set_title(f"Streaks of {short_name(universe, lead)} beating {short_name(universe, lag)}")
        ax.grid(axis="x", visible=False)
    return Chart("streaks", "Streak history", _svg(fig),
                 f"Each line is one run of consecutive sessions in which {lead}'s total return "
                 f"beat {lag}'s, drawn at the session it ended; the dashed line is the "
                 "current run's length.", (a, b))


def charts(pit: PointInTime, universe: Universe, sector_labels: list[str],
           sector_30d: list[float], sector_ytd: list[float],
           sector_basis: str = "total return") -> list[Chart]:
    """Return the note's charts in reading order (a chart that cannot be drawn is left out)."""
    out: list[Chart] = []
    makers: tuple[Callable[[], Chart], ...] = (
        lambda: rebased(pit, universe, ("^GSPC", "^IXIC", "^DJI", "^RUT")),
        lambda: ratios(pit, (("^RUT", "^GSPC", "Small vs large: Russell 2000 / S&P 500"),
                             ("IWD", "IWF", "Value vs growth: IWD / IWF"))),
        lambda: sector_bars(sector_labels, sector_30d, sector_ytd, sector_basis),
        lambda: rrg_chart(pit, tuple(universe.sectors), universe.sector_benchmark),
        lambda: streak_history(pit, universe, "^RUT", "^GSPC"),
    )
    for make in makers:
        try:
            out.append(make())
        except (RotoscopeError, ValueError):
            continue
    return out
