"""Return windows and the convention that anchors them.

Convention
----------
A return over a window runs from the **base close** to the **end close**:

- the end is the last row of the series on or before the as-of date (when the
  as-of date is not a session, the fact notes the session it resolved to);
- the base is the last close *before* the window starts: YTD runs from the last
  close of the previous year, a month or quarter from the last close before it,
  the week from the last close of the previous week;
- ``Nd`` windows (``1d``, ``5d``, ``30d``) count N rows back;
- ``1y`` runs from the last close on or before the same date a year earlier;
- ``year-YYYY`` runs from the last close of the year before to the last close
  of the year (like a month or quarter);
- ``since-YYYY-MM-DD`` runs from the close of that date (or the last session
  before it);
- ``low-YYYY-MM-DD-YYYY-MM-DD`` runs from the lowest close in that range.

An *open* variant (``base="open"``) measures from the open of the first session
of the window instead (for ``since-D``, the open of D itself), because some
commentary measures from a day's open.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np

from rotoscope.analytics._pit import SeriesData, require_recent

__all__ = ["STANDARD_WINDOWS", "ResolvedWindow", "calendar_bounds", "resolve_window",
           "window_label"]

STANDARD_WINDOWS = ("1d", "wtd", "5d", "mtd", "30d", "qtd", "ytd", "1y")

_N_DAYS = re.compile(r"^(\d+)d$")
_MONTH = re.compile(r"^month-(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^quarter-(\d{4})-q([1-4])$")
_YEAR = re.compile(r"^year-(\d{4})$")
_HALF = re.compile(r"^half-(\d{4})-h([12])$")
_SINCE = re.compile(r"^since-(\d{4}-\d{2}-\d{2})$")
_LOW = re.compile(r"^low-(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class ResolvedWindow:
    """Row indices of a window in one series.

    Attributes
    ----------
    key
        The window's key, e.g. ``ytd`` or ``month-2026-01``.
    base
        Index of the base row (its close, or for the open variant its open).
    end
        Index of the end row.
    first_in_window
        Index of the first session inside the window (the open variant's base).
    notes
        Resolutions a reader must know about.
    """

    key: str
    base: int
    end: int
    first_in_window: int
    notes: tuple[str, ...]


def window_label(key: str) -> str:
    """Return a human label for a window key."""
    fixed = {"1d": "1 day", "wtd": "week to date", "5d": "5 sessions", "mtd": "month to date",
             "30d": "30 sessions", "qtd": "quarter to date", "ytd": "year to date",
             "1y": "1 year"}
    if key in fixed:
        return fixed[key]
    if m := _N_DAYS.match(key):
        return f"{m.group(1)} sessions"
    if m := _MONTH.match(key):
        return dt.date(int(m.group(1)), int(m.group(2)), 1).strftime("%B %Y")
    if m := _QUARTER.match(key):
        return f"Q{m.group(2)} {m.group(1)}"
    if m := _YEAR.match(key):
        return f"calendar {m.group(1)}"
    if m := _HALF.match(key):
        return f"{'first' if m.group(2) == '1' else 'second'} half of {m.group(1)}"
    if m := _SINCE.match(key):
        return f"since {m.group(1)}"
    if m := _LOW.match(key):
        return f"since the low of {m.group(1)}..{m.group(2)}"
    return key


def calendar_bounds(key: str) -> tuple[dt.date, dt.date] | None:
    """Return the first and last calendar day of a month, quarter, half or year key.

    ``None`` for windows without fixed calendar bounds (``ytd``, ``30d``, ``since-``...).
    """
    if m := _MONTH.match(key):
        first = dt.date(int(m.group(1)), int(m.group(2)), 1)
        months = 1
    elif m := _QUARTER.match(key):
        first = dt.date(int(m.group(1)), 3 * int(m.group(2)) - 2, 1)
        months = 3
    elif m := _YEAR.match(key):
        first = dt.date(int(m.group(1)), 1, 1)
        months = 12
    elif m := _HALF.match(key):
        first = dt.date(int(m.group(1)), 6 * int(m.group(2)) - 5, 1)
        months = 6
    else:
        return None
    total = first.month - 1 + months
    nxt = dt.date(first.year + total // 12, total % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def _before(series: SeriesData, day: dt.date) -> int:
    """Index of the last row strictly before ``day``."""
    return int(np.searchsorted(series.dates, np.datetime64(day, "D"), side="left")) - 1


def resolve_window(series: SeriesData, key: str, as_of: dt.date) -> ResolvedWindow:
    """Resolve a window key to base and end rows of ``series`` as of ``as_of``.

    Raises
    ------
    ValueError
        For an unknown key, or a window that starts before the series does.
    """
    notes: list[str] = []
    end = series.index_on_or_before(as_of)
    if end < 0:
        raise ValueError(f"{series.symbol} has no {series.field} on or before {as_of}")
    require_recent(series, as_of)
    end_day = series.date(end)
    if end_day != as_of:
        notes.append(f"as of {as_of}: the last {series.field} of {series.symbol} is {end_day}")
    window_end = end
    if m := _N_DAYS.match(key):
        base = end - int(m.group(1))
    elif key == "wtd":
        monday = end_day - dt.timedelta(days=end_day.weekday())
        base = _before(series, monday)
    elif key == "mtd":
        base = _before(series, end_day.replace(day=1))
    elif key == "qtd":
        base = _before(series, end_day.replace(month=3 * ((end_day.month - 1) // 3) + 1, day=1))
    elif key == "ytd":
        base = _before(series, dt.date(end_day.year, 1, 1))
    elif key == "1y":
        try:
            year_ago = end_day.replace(year=end_day.year - 1)
        except ValueError:  # 29 February
            year_ago = end_day.replace(year=end_day.year - 1, day=28)
        base = series.index_on_or_before(year_ago)
    elif m := _MONTH.match(key):
        start = dt.date(int(m.group(1)), int(m.group(2)), 1)
        nxt = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        base = _before(series, start)
        window_end = min(end, _before(series, nxt))
        if nxt - dt.timedelta(days=1) > as_of:
            notes.append(f"{window_label(key)} is not over as of {as_of}: month to date")
    elif m := _QUARTER.match(key):
        year, q = int(m.group(1)), int(m.group(2))
        start = dt.date(year, 3 * q - 2, 1)
        nxt = dt.date(year + (q == 4), (3 * q) % 12 + 1, 1)
        base = _before(series, start)
        window_end = min(end, _before(series, nxt))
        if nxt - dt.timedelta(days=1) > as_of:
            notes.append(f"{window_label(key)} is not over as of {as_of}: quarter to date")
    elif m := _HALF.match(key):
        year, h = int(m.group(1)), int(m.group(2))
        start = dt.date(year, 6 * h - 5, 1)
        nxt = dt.date(year + (h == 2), 7 if h == 1 else 1, 1)
        base = _before(series, start)
        window_end = min(end, _before(series, nxt))
        if nxt - dt.timedelta(days=1) > as_of:
            notes.append(f"{window_label(key)} is not over as of {as_of}: half to date")
    elif m := _YEAR.match(key):
        year = int(m.group(1))
        base = _before(series, dt.date(year, 1, 1))
        window_end = min(end, _before(series, dt.date(year + 1, 1, 1)))
        if dt.date(year, 12, 31) > as_of:
            notes.append(f"{window_label(key)} is not over as of {as_of}: year to date")
    elif m := _SINCE.match(key):
        day = dt.date.fromisoformat(m.group(1))
        base = series.index_on_or_before(day)
        if base >= 0 and series.date(base) != day:
            notes.append(f"{day} is not a session of {series.symbol}; "
                         f"measured from {series.date(base)}")
        first = base
        if base < 0 or base > end:
            raise ValueError(f"window {key} does not fit {series.symbol} as of {as_of}")
        return ResolvedWindow(key, base, window_end, first, tuple(notes))
    elif m := _LOW.match(key):
        lo_day, hi_day = (dt.date.fromisoformat(g) for g in m.groups())
        lo = int(np.searchsorted(series.dates, np.datetime64(lo_day, "D"), side="left"))
        hi = min(series.index_on_or_before(hi_day), end)
        if hi < lo:
            raise ValueError(f"{series.symbol} has no rows in {lo_day}..{hi_day}")
        base = lo + int(np.argmin(series.values[lo : hi + 1]))
        notes.append(f"lowest {series.field} in {lo_day}..{hi_day} was on {series.date(base)}")
        return ResolvedWindow(key, base, window_end, base, tuple(notes))
    else:
        raise ValueError(f"unknown window '{key}'; use one of {', '.join(STANDARD_WINDOWS)}, "
                         "Nd, month-YYYY-MM, quarter-YYYY-qN, year-YYYY, since-YYYY-MM-DD or "
                         "low-YYYY-MM-DD-YYYY-MM-DD")
    if base < 0:
        raise ValueError(
            f"window {key} starts before {series.symbol}'s {series.field} data "
            f"({series.date(0)})")
    if window_end <= base:
        raise ValueError(f"window {key} has no session of {series.symbol} as of {as_of}")
    return ResolvedWindow(key, base, window_end, base + 1, tuple(notes))
