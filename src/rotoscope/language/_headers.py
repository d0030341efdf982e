"""Read the headers of a table: which measure, period and field a column or row holds.

A market table says in its headers what every cell below or beside them is:
"Close", "1 day", "Week to date", "YTD Change", "2025 Close", "Prior Week",
"As of 1/2", "Chg %", "Net Change", "Q1 Performance", "(pp)". The checker
reads each cell with the meaning of its column header and of its row header,
never with the period of a sentence elsewhere. This module turns a header's
words into that meaning; it knows nothing about the cells.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from rotoscope.language._vocabulary import MONTHS, find_dates, find_periods

__all__ = ["WEEK_EXTREME", "HeaderMeaning", "Measure", "read_header"]

Measure = Literal["level", "change", "points", "spread", "sessions", "ma_distance",
                  "moving_average", "drawdown", "week_range", "week_low", "week_high", "high_52w",
                  "low_52w", "other"]


@dataclass(frozen=True)
class HeaderMeaning:
    """What a header says about the cells it heads.

    Attributes
    ----------
    measure
        ``level`` (a close or price), ``change`` (a percent move), ``points``
        (a move in index points), ``spread`` (percentage points between two
        series), ``sessions`` (a count of sessions), ``other`` (a score, a
        rank, a percentile, a count: nothing the checker recomputes), or
        ``None`` when the header does not say.
    window, anchor
        A window key and its anchor as in :class:`rotoscope.language.Period`,
        or ``None``.
    day
        A session the header names ("As of 1/2"), or ``None``.
    field
        ``close``, ``open``, ``high`` or ``low``: which price a level column holds.
    phrase
        The header's words that gave the period.
    """

    measure: Measure | None = None
    window: str | None = None
    anchor: str = "as_of"
    day: dt.date | None = None
    field: str = "close"
    phrase: str = ""
    ma_sessions: int | None = None
    record: bool = False


_OTHER = re.compile(r"\b(?:score|rank(?:ing)?|percentile|group|weight(?:ing)?|yield %?|"
                    r"p/?e|ratio|volume|shares|count|signal|direction|trend|rating|notes?|"
                    r"comment|sector|theme|driver|share of|average|median|"
                    r"cycles?|members|since the|dimensions?|persistence|probability|odds|"
                    r"forecast|target|estimate)\b", re.IGNORECASE)
_SPREAD = re.compile(r"\(pp\)|\bpp\b|percentage points|\bminus\b|\bspread\b|\bgap\b",
                     re.IGNORECASE)
_SESSIONS = re.compile(r"\(sessions\)|\bstreak\b|\bconsecutive sessions\b", re.IGNORECASE)
_POINTS = re.compile(r"\bnet\s*(?:chg|change)\b|\bpoints?\b|\bpts\b|^\s*(?:chg|change)\s*$",
                     re.IGNORECASE)
_CHANGE = re.compile(r"%|\bchg\b|\bchange\b|\breturn\b|\bperf(?:ormance)?\b|\bgain\b|"
                     r"\bmove\b|\bpct\b", re.IGNORECASE)
_LEVEL = re.compile(r"\b(?:close|closing|price|last|level|as of)\b", re.IGNORECASE)
_FIELD = re.compile(r"\b(?P<f>open|high|low)\b", re.IGNORECASE)
_MA_DISTANCE = re.compile(r"\b(?:vs\.?|versus|above|below|from|distance (?:from|to))\s+"
                          r"(?:its|the)?\s*(?P<n>\d+)[- ](?:session|day)\s*(?:moving\s+)?"
                          r"(?:average|avg|sma|ma|dma)\b|%\s*(?:vs|from)\s*(?P<n2>\d+)[- ]?dma\b",
                          re.IGNORECASE)
_DRAWDOWN = re.compile(r"\b(?:below|from|off|vs\.?|under)\s+(?:its|the)?\s*(?:(?P<w52>52[- ]week)|"
                       r"(?P<record>record|all[- ]time))\s+(?:closing\s+)?high\b", re.IGNORECASE)
_MA_LEVEL = re.compile(r"\b(?P<n>\d+)[- ](?:session|day)\s+(?:moving\s+|simple\s+)?"
                       r"(?:average|sma)\b|\b(?P<n2>\d+)[- ]?dma\b", re.IGNORECASE)
#: "lowest close this week", "week high": the week's extreme close (or intraday extreme).
WEEK_EXTREME = re.compile(r"\b(?P<side>lowest|highest) close (?:this|of the|for the) week\b|"
                           r"(?<![\w-])week(?:ly)? (?P<side2>low|high)\b", re.IGNORECASE)
_EXTREME_52W = re.compile(r"\b52[- ]?(?:week|wk)\.?\s+(?P<side>high|low)\b", re.IGNORECASE)
_WEEK_RANGE = re.compile(r"\bweekly range\b|\bweek['’]s range\b", re.IGNORECASE)
_N_SESSIONS = re.compile(r"(?<![\w-])(?P<n>\d+)\s+(?P<u>sessions|trading days|observations)\b",
                         re.IGNORECASE)
_DAY_MONTH = re.compile(r"\b(?P<d>3[01]|[12]\d|0?[1-9])\s+(?P<m>jan|feb|mar|apr|may|jun|jul|aug|"
                        r"sep|oct|nov|dec)[a-z]*\.?(?:\s+(?P<y>(?:19|20)\d{2}))?\b",
                        re.IGNORECASE)
_SHORT_WINDOW = re.compile(r"^\s*(?P<n>\d+)\s*(?P<u>d|w|m|y|day|days|session|sessions|"
                           r"wk|wks|mo|mos|yr|yrs)\b", re.IGNORECASE)
_WORD_WINDOW = re.compile(r"\b(?P<w>daily|today|day|weekly|week|monthly|month)\b",
                          re.IGNORECASE)
_YEAR_CLOSE = re.compile(r"\b(?P<year>(?:19|20)\d{2})\s+(?:close|closing|end|year[- ]end)\b",
                         re.IGNORECASE)
_QUARTER = re.compile(r"\bQ(?P<q>[1-4])(?:\s*(?P<year>(?:19|20)\d{2}))?\b")
_SLASH_DATE = re.compile(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])"
                         r"(?:/(?P<y>(?:19|20)?\d{2}))?\b")


def _sessions_window(n: int, unit: str) -> str:
    u = unit.lower()
    if u.startswith(("w",)):
        return f"{5 * n}d"
    if u.startswith(("m",)):
        return f"{21 * n}d" if n != 12 else "1y"
    if u.startswith("y"):
        return "1y" if n == 1 else f"{252 * n}d"
    return f"{n}d"


def _slash_date(m: re.Match[str], as_of: dt.date) -> dt.date | None:
    year = as_of.year
    if m.group("y"):
        y = int(m.group("y"))
        year = y + 2000 if y < 100 else y
    try:
        day = dt.date(year, int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    if not m.group("y") and day > as_of:
        day = day.replace(year=year - 1)
    return day


def _day_month(m: re.Match[str], as_of: dt.date) -> dt.date | None:
    month = MONTHS[m.group("m").lower()[:3]]
    year = int(m.group("y")) if m.group("y") else as_of.year
    try:
        day = dt.date(year, month, int(m.group("d")))
    except ValueError:
        return None
    if not m.group("y") and day > as_of:
        day = day.replace(year=year - 1)
    return day


#: a calendar year in a header: "2024 total return", "Return 2023"
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def read_header(text: str, as_of: dt.date) -> HeaderMeaning:
    """Return what a table header says about its cells (see :class:`HeaderMeaning`)."""
    words = text.strip()
    if not words:
        return HeaderMeaning()
    measure: Measure | None = None
    ma_sessions: int | None = None
    record = False
    dd = wr = ml = None
    if (ma := _MA_DISTANCE.search(words)) is not None:
        measure, ma_sessions = "ma_distance", int(ma.group("n") or ma.group("n2"))
    elif (dd := _DRAWDOWN.search(words)) is not None:
        measure, record = "drawdown", bool(dd.group("record"))
    elif (we := WEEK_EXTREME.search(words)) is not None:
        side = (we.group("side") or we.group("side2")).lower()
        measure = "week_low" if side in ("lowest", "low") else "week_high"
        wr = we
    elif (ex := _EXTREME_52W.search(words)) is not None:
        measure = "high_52w" if ex.group("side").lower() == "high" else "low_52w"
        wr = ex
    elif (wr := _WEEK_RANGE.search(words)) is not None:
        measure = "week_range"
    elif (ml := _MA_LEVEL.search(words)) is not None:
        measure, ma_sessions = "moving_average", int(ml.group("n") or ml.group("n2"))
    elif _OTHER.search(words):
        measure = "other"
    elif _SESSIONS.search(words):
        measure = "sessions"
    elif _SPREAD.search(words):
        measure = "spread"
    elif _POINTS.search(words) and "%" not in words:
        measure = "points"
    elif _CHANGE.search(words):
        measure = "change"
    elif _LEVEL.search(words):
        measure = "level"
    # the measure's own words ("52-week", "50-session") are not the period
    for hit in (ma, dd, wr, ml):
        if hit is not None:
            words = words[:hit.start()] + " " * (hit.end() - hit.start()) + words[hit.end():]
    field = "close"
    if measure in (None, "level") and (f := _FIELD.search(words)) is not None:
        field = f.group("f").lower()
        measure = measure or "level"
    window: str | None = None
    anchor = "as_of"
    day: dt.date | None = None
    phrase = ""
    if measure in ("high_52w", "low_52w", "drawdown"):
        pass  # as of the session; a date beside them says when the extreme was set
    elif (y := _YEAR_CLOSE.search(words)) is not None:
        window, phrase = f"year-{y.group('year')}", y.group(0)
        measure = "level"
    elif (q := _QUARTER.search(words)) is not None:
        year = int(q.group("year")) if q.group("year") else as_of.year
        window, phrase = f"quarter-{year}-q{q.group('q')}", q.group(0)
    elif (s := _SLASH_DATE.search(words)) is not None and (d := _slash_date(s, as_of)):
        window, anchor, day, phrase = "1d", "date", d, s.group(0)
    elif (dm := _DAY_MONTH.search(words)) is not None and (d := _day_month(dm, as_of)):
        window, anchor, day, phrase = "1d", "date", d, dm.group(0)
    elif (dates := find_dates(words, as_of)):
        d0 = dates[0]
        window, anchor, day, phrase = "1d", "date", d0.date, words[d0.span[0]:d0.span[1]]
    elif (periods := find_periods(words, as_of)):
        p = periods[0]
        window, anchor, phrase = p.window, p.anchor, p.phrase
    elif (ns := _N_SESSIONS.search(words)) is not None:
        window, phrase = f"{int(ns.group('n'))}d", ns.group(0)
    elif (n := _SHORT_WINDOW.search(words)) is not None:
        window, phrase = _sessions_window(int(n.group("n")), n.group("u")), n.group(0)
    elif (w := _WORD_WINDOW.search(words)) is not None:
        kind = w.group("w").lower()
        phrase = w.group(0)
        if kind in ("daily", "today", "day"):
            window = "1d"
        elif kind in ("weekly", "week"):
            window, anchor = "wtd", "week"
        else:
            window, anchor = "mtd", "month"
    elif (mo := re.search(r"\b(" + "|".join(MONTHS) + r")\b", words, re.I)) is not None:
        month = MONTHS[mo.group(1).lower()]
        year = as_of.year if month <= as_of.month else as_of.year - 1
        window, phrase = f"month-{year}-{month:02d}", mo.group(0)
    elif measure == "change" and (yr := _YEAR.search(words)) is not None and \
            int(yr.group(0)) <= as_of.year:
        # "2024 total return": that calendar year, to date when it is the text's own
        window, phrase = ("ytd" if int(yr.group(0)) == as_of.year
                          else f"year-{yr.group(0)}"), yr.group(0)
    if measure in ("ma_distance", "moving_average", "drawdown", "high_52w", "low_52w") and \
            window is None:
        window = "1d"  # a position on the session itself
    if measure in ("week_range", "week_low", "week_high") and window is None:
        window, anchor = "wtd", "week"
    return HeaderMeaning(measure, window, anchor, day, field, phrase, ma_sessions, record)
