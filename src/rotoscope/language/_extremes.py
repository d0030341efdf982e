"""Extremes named in prose: records, "its lowest close in 2026", "a six-month low".

Each phrase says that a session's close was the highest (or lowest) over some
reach of history: all of it ("a record close", "a fresh all-time high"), the
window it names ("its lowest close so far this year", "a six-month low", "a
52-week high"), or since a named time ("its highest level since February
2025"). The phrase is a claim of its own, and the years and dates inside it
are not the period of any other number in the sentence.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from rotoscope.language._numbers import NUMBER_WORDS, number_word_pattern
from rotoscope.language._vocabulary import MONTHS, parse_date

__all__ = ["Extreme", "Milestone", "find_extremes", "find_milestones"]

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM = r"\d+|(?:" + number_word_pattern() + ")"
_NOUN = (r"(?:(?:intraday|closing|close|trading|index)\s+)?"
         r"(?:close|closes|closing\s+(?:level|high|low)|level|levels|finish|high|highs|low|lows|"
         r"peak|reading|mark)")
_RECORD = re.compile(
    r"\b(?P<lead>(?:closing|closed|ended|finished|settled)\s+(?:the\s+day\s+)?at\s+)?"
    r"(?:(?:a|an|its|their|another|the)\s+)?(?:(?:fresh|new)\s+)?"
    r"(?:(?P<intraday>intraday\s+)?(?:record|all[- ]time)(?:\s+(?:intraday|closing))?\s+"
    r"(?:high|highs|close|closes|closing\s+high|closing\s+highs|peak)|record)\b"
    r"(?![- ](?:of|at)\s+\$?\d)", re.IGNORECASE)
_WINDOW = re.compile(
    r"\b(?:(?:its|their|a|the|fresh|new)\s+)*(?P<side>lowest|highest|weakest|strongest)\s+"
    r"(?P<noun>" + _NOUN + r")(?:\s+(?:of|for)\s+the\s+(?:blue-chip\s+|broad\s+)?index)?\s+"
    r"(?P<scope>(?:so\s+far\s+)?this\s+(?:year|month)|so\s+far\s+in\s+(?P<y1>(?:19|20)\d{2})|"
    r"(?:in|of)\s+(?P<y2>(?:19|20)\d{2})|of\s+the\s+year|year[- ]to[- ]date|"
    r"since\s+(?P<since>(?:(?:" + _MONTH + r")\.?\s+\d{1,2},?\s+(?:19|20)\d{2})|"
    r"(?:(?:" + _MONTH + r")\.?\s+(?:19|20)\d{2})|(?:(?:19|20)\d{2})))\b", re.IGNORECASE)
_SPAN = re.compile(
    r"\b(?:(?:a|an|its|their|the|fresh|new)\s+)*(?P<n>\d+\.\d+|" + _NUM + r")[- ]"
    r"(?P<unit>week|month|year)\s+(?:closing\s+)?(?P<side>high|low)s?\b"
    r"(?!\s+(?:of|at)\s+\$?\d)", re.IGNORECASE)
#: "... record high in four years": how long since the record before it
_GAP = re.compile(r"\s+in\s+(?:more\s+than\s+|nearly\s+|almost\s+|over\s+|about\s+)?"
                  r"(?P<n>" + _NUM + r")\s+years\b", re.IGNORECASE)
#: "pushed to a fresh record while ...": a move that arrived at a record, then a new clause
_ARRIVED = re.compile(r"\b(?:to|hit|notched|set|reached|touched|marked|logged|posted)\s+$",
                      re.IGNORECASE)
_THEN = re.compile(r"\s+(?:while|as|and|on|after|before|even|despite|with|in|at|during|"
                   r"amid|thanks)\b|\s*[—–-]", re.IGNORECASE)
#: a cheap test that a text may hold an extreme phrase at all
_CUE = re.compile(r"record|all[- ]time|highest|lowest|strongest|weakest|[- ](?:week|month|year)"
                  r"\s+(?:closing\s+)?(?:high|low)", re.IGNORECASE)
_NOT_CLAIM = re.compile(r"(?:below|under|off|from|of|near|toward|towards|vs\.?|versus|"
                        r"than|above|within|on|last|previous|prior)\s+(?:its|the|their|a)?\s*$",
                        re.IGNORECASE)
#: "its record close of 6,978.60": a level, checked as such, not a claim of a new record
_LEVEL_AFTER = re.compile(r"(?:\s+(?:close|closing\s+high|high|level))?[- ]?\s*(?:of|at)\s+\$?\d",
                          re.IGNORECASE)


@dataclass(frozen=True)
class Extreme:
    """One extreme phrase.

    Attributes
    ----------
    span
        The phrase in the text.
    side
        ``high`` or ``low``.
    reach
        ``record`` (all the data), ``within`` (no close as extreme since
        ``start``) or ``since`` (the last close as extreme fell between
        ``start`` and ``until``).
    start, until
        The window's first day, and for ``since`` the last day of the named time.
    intraday
        The phrase speaks of intraday highs or lows, not closes.
    year
        The year named in the phrase, if any (the claim's quoted number).
    gap_years
        For a record, the years since the one before it ("its first record high in
        four years").
    """

    span: tuple[int, int]
    side: Literal["high", "low"]
    reach: Literal["record", "within", "since"]
    start: dt.date | None = None
    until: dt.date | None = None
    intraday: bool = False
    year: int | None = None
    gap_years: int | None = None  # "its first record in four years"
    #: for a window named by its length ("a 3.25-month low"): the number and its unit
    length: tuple[float, str] | None = None


def _since(words: str) -> tuple[dt.date, dt.date] | None:
    words = words.strip().rstrip(".")
    if re.fullmatch(r"(?:19|20)\d{2}", words):
        y = int(words)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    m = re.fullmatch(r"(?P<m>[A-Za-z]+)\.?\s+(?P<y>(?:19|20)\d{2})", words)
    if m is not None and m.group("m").lower() in MONTHS:
        y, mo = int(m.group("y")), MONTHS[m.group("m").lower()]
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    day = parse_date(words)
    return (day, day) if day is not None else None


def _months_back(as_of: dt.date, months: int) -> dt.date:
    y, m = divmod(as_of.year * 12 + as_of.month - 1 - months, 12)
    d = min(as_of.day, calendar.monthrange(y, m + 1)[1])
    return dt.date(y, m + 1, d)


def find_extremes(text: str, as_of: dt.date) -> list[Extreme]:
    """Return the extreme phrases of ``text`` in order (see the module docstring)."""
    out: list[Extreme] = []
    taken: list[tuple[int, int]] = []
    if not _CUE.search(text):
        return out

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    for m in _WINDOW.finditer(text):
        side: Literal["high", "low"] = "low" if m.group("side").lower() in (
            "lowest", "weakest") else "high"
        scope = m.group("scope").lower()
        intraday = "intraday" in m.group("noun").lower()
        year = m.group("y1") or m.group("y2")
        if m.group("since"):
            found = _since(m.group("since"))
            if found is None:
                continue
            out.append(Extreme(m.span(), side, "since", found[0], found[1], intraday,
                               found[0].year))
        elif year:
            out.append(Extreme(m.span(), side, "within", dt.date(int(year), 1, 1), None,
                               intraday, int(year)))
        elif "month" in scope:
            out.append(Extreme(m.span(), side, "within", as_of.replace(day=1), None, intraday))
        else:
            out.append(Extreme(m.span(), side, "within", dt.date(as_of.year, 1, 1), None,
                               intraday))
        taken.append(m.span())
    for m in _SPAN.finditer(text):
        if not free(*m.span()) or _NOT_CLAIM.search(text, max(0, m.start() - 12), m.start()) \
                or _LEVEL_AFTER.match(text, m.end()):
            continue
        token = m.group("n").lower()
        n = float(token) if token[:1].isdigit() else NUMBER_WORDS.get(token)
        if not n:
            continue
        unit = m.group("unit").lower()
        months = n * 12 if unit == "year" else n if unit == "month" else None
        if months is not None and months == int(months):
            start = _months_back(as_of, int(months))
        elif months is not None:
            # "a 3.25-month low": months of 365.25 / 12 days, to the nearest quarter month
            # (writers count in quarters), so the window may start an eighth of a month later
            start = as_of - dt.timedelta(days=int((months - 0.125) * 365.25 / 12))
        else:
            start = as_of - dt.timedelta(weeks=n)
        side = "high" if m.group("side").lower() == "high" else "low"
        out.append(Extreme(m.span(), side, "within", start, length=(float(n), unit)))
        taken.append(m.span())
    for m in _RECORD.finditer(text):
        if not free(*m.span()) or _NOT_CLAIM.search(text, max(0, m.start() - 12), m.start()):
            continue
        if re.match(r"\s+(?:closing\s+|intraday\s+)?lows?\b", text[m.end():], re.IGNORECASE):
            continue  # "closed at a record low": not a record high
        if _LEVEL_AFTER.match(text, m.end()):
            continue
        if not re.search(r"high|close|peak", m.group(0), re.IGNORECASE) and \
                not m.group("lead") and not re.match(r"\s*(?:[.,;:)]|$)", text[m.end():]) \
                and not (_ARRIVED.search(text, max(0, m.start() - 30), m.start())
                         and re.search(r"fresh|new", m.group(0), re.IGNORECASE)
                         and _THEN.match(text, m.end())):
            continue  # "a record iPhone quarter", "on record": not a record close
        span, gap = m.span(), None
        if (g := _GAP.match(text, m.end())) is not None:
            token = g.group("n").lower()
            gap = int(token) if token.isdigit() else NUMBER_WORDS.get(token)
            span = (m.start(), g.end()) if gap else span
        out.append(Extreme(span, "high", "record", intraday=bool(m.group("intraday")),
                           gap_years=int(gap) if gap else None))
        taken.append(m.span())
    out.sort(key=lambda e: e.span)
    return out


_LEVEL_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
#: "topped 50,000 for the first time", "its first close above 6,000"
_CROSSING_VERB = (r"topped|crossed|surpassed|exceeded|broke\s+(?:above|below)|rose\s+above|"
                  r"closed\s+(?:above|below)|finished\s+(?:above|below)|ended\s+(?:above|below)|"
                  r"climbed\s+above|fell\s+below|dropped\s+below|sank\s+below")
_MILESTONE = re.compile(
    r"\b(?:(?P<verb>" + _CROSSING_VERB + r")\s+(?:the\s+)?" + _LEVEL_NUM
    + r"(?:\s*(?:points?|level|mark|threshold))?\s+(?:level\s+|mark\s+)?for\s+the\s+first\s+"
    r"time(?!\s+(?:since|in\s+\w+\s+(?:years|months|weeks)))|(?:its\s+|a\s+)?first\s+close\s+"
    r"(?P<dir>above|below)\s+(?:the\s+)?" + _LEVEL_NUM.replace("num", "num2") + r")\b",
    re.IGNORECASE)


#: "the Russell 2000 cleared 2,787", "the S&P 500 closed below 6,000": a session's close
#: beyond a level (not a percentage, not a first time)
_CROSSED = re.compile(
    r"\b(?P<verb>topped|cleared|crossed(?:\s+above)?|surpassed|broke\s+(?:above|below|"
    r"through)|rose\s+above|climbed\s+above|closed\s+(?:above|below)|finished\s+(?:above|"
    r"below)|ended\s+(?:above|below)|held\s+above|stayed\s+(?:above|below)|fell\s+below|"
    r"dropped\s+below|sank\s+below|slipped\s+below|dipped\s+below)\s+(?:the\s+)?"
    + _LEVEL_NUM + r"(?![\d,]|\.\d)(?!\s*(?:%|percent|per\s+cent|bps?\b|basis|times|x\b|million|"
    r"billion|trillion))(?:[- ](?:points?|level|mark))?\b", re.IGNORECASE)


#: "never fell below 6,000", "failed to clear 50,000": no crossing is claimed
_NEGATED = re.compile(r"\b(?:not|never|no\s+longer|fail(?:s|ed)?\s+to|unable\s+to|"
                      r"without|yet\s+to)\s+(?:\w+\s+)?$|n't\s+(?:\w+\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Milestone:
    """A level crossed: "topped 50,000 for the first time", or on a session: "cleared 2,787"."""

    span: tuple[int, int]
    level: float
    side: Literal["above", "below"]
    number_span: tuple[int, int]
    first: bool = True  # False: "cleared 2,787", a close beyond the level that session


def find_milestones(text: str) -> list[Milestone]:
    """Return the first crossings of a level that ``text`` names, in order."""
    out: list[Milestone] = []
    for m in _MILESTONE.finditer(text):
        if _NEGATED.search(text, max(0, m.start() - 25), m.start()):
            continue
        group = "num" if m.group("num") else "num2"
        words = (m.group("verb") or m.group("dir") or "").lower()
        side: Literal["above", "below"] = "below" if re.search(
            r"below|fell|dropped|sank", words) else "above"
        out.append(Milestone(m.span(), float(m.group(group).replace(",", "")), side,
                             m.span(group)))
    for m in _CROSSED.finditer(text):
        if any(k.span[0] <= m.start() < k.span[1] for k in out) or \
                _NEGATED.search(text, max(0, m.start() - 25), m.start()):
            continue
        side = "below" if re.search(r"below", m.group("verb"), re.IGNORECASE) else "above"
        out.append(Milestone(m.span(), float(m.group("num").replace(",", "")), side,
                             m.span("num"), first=False))
    out.sort(key=lambda k: k.span)
    return out
