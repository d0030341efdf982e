"""Technical position of one series: averages, crosses, ranges, volatility, drawdown.

Method
------
All on the series' ``close`` (price, not total return) up to the as-of date:

- ``sma{n}``: simple average of the last n closes; ``distance_sma{n}`` is
  ``close / sma - 1`` in percent.
- ``crosses_sma{n}``: closes that crossed the average (from one side to the
  other) in the last ``cross_window`` sessions; ``last_cross_sma{n}`` is the date
  and direction of the most recent cross. ``sma50/sma200`` crosses are reported
  the same way (``golden`` when the 50 crosses above the 200, ``death`` below).
- the current week (Monday to the as-of date): its low and high close and the
  range ``high / low - 1`` in percent, and each session's close and change.
- ``vol21``: standard deviation (ddof 1) of the last 21 daily log returns,
  times sqrt(252), in percent.
- ``high_52w`` / ``low_52w``: highest and lowest close of the last 252
  sessions; ``drawdown_52w`` is ``close / high_52w - 1`` in percent.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from rotoscope.analytics._common import FactMaker, day, series_input, trailing_mean
from rotoscope.analytics._pit import PointInTime, SeriesData, require_recent
from rotoscope.facts import Fact
from rotoscope.typing import F64

__all__ = ["last_as_extreme", "record_high", "technicals", "week_sessions"]

SMA_WINDOWS = (20, 50, 200)


def _last_cross(diff: F64) -> tuple[int, int] | None:
    """Return (index, direction) of the last sign change of ``diff`` (nan skipped)."""
    # the last change is wanted: look at the latest rows first, in blocks that double;
    # a change inside a block is later than any across its start
    start, block = diff.size, 64
    while start > 0:
        start, block = max(start - block, 0), 2 * block
        part = diff[start:]
        valid = np.flatnonzero(~np.isnan(part))
        if valid.size < 2:
            continue
        signs = np.sign(part[valid])
        changes = np.flatnonzero((signs[1:] != signs[:-1]) & (signs[1:] != 0))
        if changes.size:
            i = start + int(valid[changes[-1] + 1])
            return i, int(np.sign(diff[i]))
    return None


def week_sessions(series: SeriesData) -> range:
    """Return the rows of the week (Monday on) that holds the series' last row."""
    last = day(series.dates[-1])
    monday = np.datetime64(last - dt.timedelta(days=last.weekday()), "D")
    first = int(np.searchsorted(series.dates, monday, side="left"))
    return range(first, series.dates.size)


def technicals(
    pit: PointInTime, symbol: str, cross_window: int = 10, field: str = "close"
) -> list[Fact]:
    """Technical-position facts for ``symbol`` as of ``pit.as_of``.

    Raises
    ------
    MissingFieldError
        When the series has no ``field`` on or before the as-of date (a total-
        return close is never used in place of a missing price close).
    ValueError
        When the series has fewer than 22 rows.
    """
    # the checker asks again for each claim on a series' averages or week
    return list(pit.remember(("technicals", symbol, cross_window, field),
                             lambda: tuple(_technicals(pit, symbol, cross_window, field))))


def _technicals(pit: PointInTime, symbol: str, cross_window: int, field: str) -> list[Fact]:
    s = pit.series(symbol, field)
    require_recent(s, pit.as_of)
    v = s.values
    if v.size < 22:
        raise ValueError(f"{s.symbol} has {v.size} {field} rows as of {pit.as_of}; 22 needed")
    last_i = v.size - 1
    notes: tuple[str, ...] = ()
    if day(s.dates[-1]) != pit.as_of:
        notes = (f"the last {field} of {s.symbol} on or before {pit.as_of} is "
                 f"{day(s.dates[-1])}",)
    make = FactMaker(pit, "tech", (s.symbol,), (series_input(s, max(0, v.size - 252)),),
                     "technical_position", (s.source,), params={"field": field})
    close = float(v[-1])
    facts = [make("close", close, "level", f"{s.symbol} close on {day(s.dates[-1])}",
                  inputs=(series_input(s, last_i),), notes=notes)]
    smas: dict[int, F64] = {}
    for n in SMA_WINDOWS:
        if v.size < n:
            continue
        sma = smas[n] = trailing_mean(v, n)
        used = (series_input(s, v.size - n),)
        facts += [
            make(f"sma{n}", float(sma[-1]), "level", f"{s.symbol} {n}-session average",
                 inputs=used, params={"sessions": n}, notes=notes),
            make(f"distance_sma{n}", (close / float(sma[-1]) - 1.0) * 100.0, "pct",
                 f"{s.symbol} vs its {n}-session average", inputs=used,
                 params={"sessions": n}, notes=notes),
        ]
        diff = v - sma
        recent = diff[-(cross_window + 1):]
        sg = np.sign(recent[~np.isnan(recent)])
        crosses = int(np.count_nonzero((sg[1:] != sg[:-1]) & (sg[1:] != 0)))
        facts.append(make(f"crosses_sma{n}", crosses, "count",
                          f"times {s.symbol} crossed its {n}-session average in the last "
                          f"{cross_window} sessions",
                          inputs=(series_input(s, max(0, v.size - n - cross_window)),),
                          params={"sessions": n, "cross_window": cross_window}))
        cross = _last_cross(diff)
        if cross is not None:
            i, direction = cross
            facts.append(make(
                f"last_cross_sma{n}", day(s.dates[i]), "date",
                f"last time {s.symbol} crossed {'above' if direction > 0 else 'below'} its "
                f"{n}-session average", params={"sessions": n,
                                                "direction": "above" if direction > 0
                                                else "below"},
                inputs=(series_input(s, max(0, i - n)),)))
    if 50 in smas and 200 in smas:
        cross = _last_cross(smas[50] - smas[200])
        if cross is not None:
            i, direction = cross
            kind = "golden" if direction > 0 else "death"
            facts.append(make("last_cross_50_200", day(s.dates[i]), "date",
                              f"last {kind} cross of {s.symbol} (50- vs 200-session average)",
                              params={"type": kind}, inputs=(series_input(s, max(0, i - 200)),)))
    week = week_sessions(s)
    wv = v[week.start:]
    facts += [
        make("week_low", float(wv.min()), "level", f"{s.symbol} lowest close this week",
             inputs=(series_input(s, week.start),)),
        make("week_high", float(wv.max()), "level", f"{s.symbol} highest close this week",
             inputs=(series_input(s, week.start),)),
        make("week_range", (float(wv.max()) / float(wv.min()) - 1.0) * 100.0, "pct",
             f"{s.symbol} weekly range (high close over low close)",
             inputs=(series_input(s, week.start),), signed=False),
    ]
    for i in week:
        when = day(s.dates[i])
        facts.append(make(f"week_close.{when.isoformat()}", float(v[i]), "level",
                          f"{s.symbol} close on {when:%a %d %b}",
                          inputs=(series_input(s, i, i),)))
        if i > 0:
            facts.append(make(f"week_change.{when.isoformat()}",
                              (float(v[i]) / float(v[i - 1]) - 1.0) * 100.0, "pct",
                              f"{s.symbol} change on {when:%a %d %b}",
                              inputs=(series_input(s, i - 1, i),)))
    logret = np.diff(np.log(v[-22:]))
    facts.append(make("vol21", float(logret.std(ddof=1) * np.sqrt(252) * 100.0), "pct",
                      f"{s.symbol} 21-session realised volatility, annualised",
                      inputs=(series_input(s, v.size - 22),),
                      params={"sessions": 21, "annualisation": 252}, signed=False))
    year = v[-252:]
    first = v.size - year.size
    hi, lo = int(np.argmax(year)), int(np.argmin(year))
    facts += [
        make("high_52w", float(year[hi]), "level", f"{s.symbol} 52-week high close "
             f"({day(s.dates[first + hi])})", inputs=(series_input(s, first),),
             params={"sessions": 252, "on": day(s.dates[first + hi]).isoformat()}),
        make("low_52w", float(year[lo]), "level", f"{s.symbol} 52-week low close "
             f"({day(s.dates[first + lo])})", inputs=(series_input(s, first),),
             params={"sessions": 252, "on": day(s.dates[first + lo]).isoformat()}),
        make("drawdown_52w", (close / float(year[hi]) - 1.0) * 100.0, "pct",
             f"{s.symbol} below its 52-week high", inputs=(series_input(s, first),),
             params={"sessions": 252}),
    ]
    return facts


def record_high(pit: PointInTime, symbol: str, field: str = "close") -> list[Fact]:
    """Return the record close since the data begin, its date, and the distance below it.

    Facts (kind ``tech``): ``high_record`` (level), ``high_record_date`` (date) and
    ``drawdown_record`` (pct, zero on a record close).

    Raises
    ------
    MissingFieldError
        When the series has no ``field`` on or before the as-of date.
    """
    s = pit.series(symbol, field)
    require_recent(s, pit.as_of)
    v = s.values
    i = int(v.size - 1 - np.argmax(v[::-1]))  # the latest session at the maximum
    when = day(s.dates[i])
    make = FactMaker(pit, "tech", (s.symbol,), (series_input(s),), "record_close",
                     (s.source,), params={"field": field, "rule": "highest close since the "
                                                                  "data begin"})
    return [
        make("high_record", float(v[i]), "level", f"{s.symbol} record close ({when})"),
        make("high_record_date", when, "date", f"date of {s.symbol}'s record close"),
        make("drawdown_record", (float(v[-1]) / float(v[i]) - 1.0) * 100.0, "pct",
             f"{s.symbol} below its record close"),
    ]


def last_as_extreme(pit: PointInTime, symbol: str, side: str = "high",
                    field: str = "close") -> Fact:
    """Return the last earlier session whose value was at least as extreme as the latest.

    For ``side="high"`` it is the last session before the as-of session whose
    ``field`` was at or above the latest value; for ``"low"`` at or below it.
    "Its highest close since February 2025" holds when that session falls in
    February 2025; "a record close" when there is none (the fact's value is
    then the string ``"none"``, and the first date of the data is in its inputs).

    Raises
    ------
    MissingFieldError
        When the series has no ``field`` on or before the as-of date.
    """
    if side not in ("high", "low"):
        raise ValueError(f"side must be 'high' or 'low', not {side!r}")
    s = pit.series(symbol, field)
    require_recent(s, pit.as_of)
    v = s.values
    latest = float(v[-1])
    earlier = v[:-1] >= latest if side == "high" else v[:-1] <= latest
    hits = np.flatnonzero(earlier)
    make = FactMaker(pit, "tech", (s.symbol,), (series_input(s),), "last_as_extreme",
                     (s.source,), params={"field": field, "side": side, "latest": latest,
                                          "latest_date": day(s.dates[-1]).isoformat()})
    word = "highest" if side == "high" else "lowest"
    label = (f"last session before {day(s.dates[-1])} with a {field} at least as "
             f"{'high' if side == 'high' else 'low'} as {s.symbol}'s {latest:,.2f} "
             f"(when it is the {word} since then)")
    if hits.size == 0:
        return make(f"last_as_{side}", "none", "label", label)
    i = int(hits[-1])
    return make(f"last_as_{side}", day(s.dates[i]), "date", label,
                params={"field": field, "side": side, "latest": latest,
                        "latest_date": day(s.dates[-1]).isoformat(), "that_value": float(v[i])})
