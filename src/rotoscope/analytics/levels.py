"""Levels within a period: extreme closes, moving-average crosses, yield and curve changes.

Method
------
- **Extreme close in a window**: the highest (or lowest) ``field`` value among
  the sessions inside a window (from the first session of the window to its
  end, as :func:`~rotoscope.analytics.windows.resolve_window` resolves it); on
  a tie the latest session counts. ``252d`` is the 52-week range.
- **Moving-average cross**: the N-session simple average of closes on each
  session (the mean of the N closes ending on it). A cross below is the latest
  session whose close is under its average after a session at or above it; a
  cross above is the latest session at or above its average after one under it.
- **Yield change**: the end value minus the base value of a yield over a
  window, in basis points (percentage points x 100); never a percent change.
- **Curve change**: the 2s10s slope (``DGS10 - DGS2``, on dates both have) at
  the window's end minus the slope at its base, in basis points.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from rotoscope.analytics._common import FactMaker, day, series_input
from rotoscope.analytics._pit import PointInTime, SeriesData, require_recent
from rotoscope.analytics.windows import resolve_window, window_label
from rotoscope.facts import Fact

__all__ = ["curve_change", "extreme_close", "sma_cross", "yield_change"]


def extreme_close(pit: PointInTime, symbol: str, window: str,
                  side: Literal["high", "low"] = "high", field: str = "close") -> list[Fact]:
    """Return the highest or lowest ``field`` value in a window, and its date.

    Facts (kind ``level``): ``<side>_close.<window>`` (level) and
    ``<side>_close_date.<window>`` (date).

    Raises
    ------
    MissingFieldError, ValueError
        When the series lacks ``field`` in the window or the window is unknown.
    """
    s = pit.series(symbol, field)
    win = resolve_window(s, window, pit.as_of)
    # "since D" counts the sessions after D; a calendar window its own sessions
    lo = win.base + 1 if window.startswith("since-") else win.first_in_window
    hi = win.end
    if hi < lo:
        raise ValueError(f"{symbol} has no session in {window_label(window)} as of {pit.as_of}")
    values = s.values[lo:hi + 1]
    pick = values.max() if side == "high" else values.min()
    i = lo + int(np.flatnonzero(values == pick)[-1])
    when = day(s.dates[i])
    word = "highest" if side == "high" else "lowest"
    make = FactMaker(pit, "level", (s.symbol,), (series_input(s, lo, hi),), "period_extreme",
                     (s.source,), params={"side": side, "field": field, "window": window,
                                          "sessions": int(hi - lo + 1), "on": when.isoformat()})
    label = f"{s.symbol} {word} {field.replace('_', ' ')}, {window_label(window)}"
    return [make(f"{side}_close.{window}", float(s.values[i]), "level", label,
                 notes=win.notes),
            make(f"{side}_close_date.{window}", when, "date", f"date of the {label}")]


def sma_cross(pit: PointInTime, symbol: str, sessions: int = 200,
              direction: Literal["above", "below"] = "below", field: str = "close") -> Fact:
    """Return the latest session the close crossed ``direction`` its N-session average.

    Raises
    ------
    MissingFieldError
        When the series has no ``field`` on or before the as-of date.
    ValueError
        When the series has too few rows, or never crossed.
    """
    s = pit.series(symbol, field)
    require_recent(s, pit.as_of)
    v = s.values
    if v.size <= sessions:
        raise ValueError(f"{symbol} has {v.size} rows; a {sessions}-session average needs more")
    c = np.concatenate(([0.0], np.cumsum(v)))
    sma = (c[sessions:] - c[:-sessions]) / sessions  # sma[k] ends on row k + sessions - 1
    close = v[sessions - 1:]
    under = close < sma
    crossed = (under[1:] & ~under[:-1]) if direction == "below" else (~under[1:] & under[:-1])
    hits = np.flatnonzero(crossed)
    if hits.size == 0:
        raise ValueError(f"{symbol} never crossed {direction} its {sessions}-session average "
                         f"in the data up to {pit.as_of}")
    k = int(hits[-1]) + 1
    i = k + sessions - 1
    when = day(s.dates[i])
    make = FactMaker(pit, "tech", (s.symbol,), (series_input(s, i - sessions, v.size - 1),),
                     "sma_cross", (s.source,),
                     params={"sessions": sessions, "direction": direction, "field": field,
                             "close": float(v[i]), "average": float(sma[k]),
                             "close_before": float(v[i - 1]), "average_before": float(sma[k - 1])})
    return make(f"cross_{direction}_sma{sessions}", when, "date",
                f"latest session {s.symbol} closed {direction} its {sessions}-day average "
                f"after closing {'at or above' if direction == 'below' else 'below'} it")


def yield_change(pit: PointInTime, symbol: str, window: str, field: str = "value",
                 unit: Literal["bp", "pp"] = "bp") -> Fact:
    """Return the change of a yield over a window: end minus base, in basis points or pp.

    Raises
    ------
    MissingFieldError, ValueError
        When the series lacks data for the window.
    """
    s = pit.series(symbol, field)
    win = resolve_window(s, window, pit.as_of)
    base, end = float(s.values[win.base]), float(s.values[win.end])
    make = FactMaker(pit, "macro", (s.symbol,), (series_input(s, win.base, win.end),),
                     "yield_change", (s.source,),
                     params={"window": window, "base_value": base, "end_value": end,
                             "rule": "end minus base, x 100"})
    if unit == "pp":
        return make(f"change_pp.{window}", end - base, "pp",
                    f"change in {s.symbol}, {window_label(window)}", notes=win.notes)
    return make(f"change_bp.{window}", (end - base) * 100.0, "bp",
                f"change in {s.symbol}, {window_label(window)}", precision=0, notes=win.notes)


def curve_change(pit: PointInTime, window: str, long: str = "DGS10",
                 short: str = "DGS2") -> list[Fact]:
    """Return the slope ``long - short`` at the window's end and its change in basis points.

    Raises
    ------
    ValueError
        When the two series share no date in the window.
    """
    sl, ss = pit.series(long, "value"), pit.series(short, "value")
    common, il, is_ = np.intersect1d(sl.dates, ss.dates, assume_unique=True,
                                     return_indices=True)
    if common.size < 2:
        raise ValueError(f"{long} and {short} share too few dates on or before {pit.as_of}")
    slope = sl.values[il] - ss.values[is_]
    joint = SeriesData(symbol=f"{long}-{short}", field="value", dates=common,
                       values=slope, source=sl.source)
    win = resolve_window(joint, window, pit.as_of)
    b, e = win.base, win.end
    inputs = (series_input(sl, int(il[b]), int(il[e])), series_input(ss, int(is_[b]),
                                                                     int(is_[e])))
    make = FactMaker(pit, "macro", (sl.symbol, ss.symbol), inputs, "yield_spread_change",
                     (sl.source, ss.source),
                     params={"window": window, "base": float(slope[b]), "end": float(slope[e]),
                             "base_date": day(common[b]).isoformat(),
                             "end_date": day(common[e]).isoformat()})
    return [make(f"slope_change_bp.{window}", float(slope[e] - slope[b]) * 100.0, "bp",
                 f"change in {long} minus {short}, {window_label(window)}", precision=0,
                 notes=win.notes)]
