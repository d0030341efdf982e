"""How people type questions: shorthand, typos, ranges, named lows, and several questions in one.

:func:`expand_shorthand` rewrites a question into the words the rest of
:mod:`rotoscope.language` reads: lower-case index tickers ("spx", "rut",
"ndx"), misspelt names ("russel", "nasdak": a word within a small edit
distance of a proper name in the universe's aliases), "52-wk", "200 dma",
"10-yr", "bps", "1y", "2H25". :func:`find_asked_period` reads the periods
only questions use: a range between two dates, "the year after" a date, a
move "since last year's low" or "since its April 2025 low", and a quarter or
half named without its year. :func:`split_parts` cuts a question holding
several questions into its parts.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from dataclasses import dataclass

from rotoscope.calendar import previous_session
from rotoscope.language._vocabulary import MONTHS, find_dates
from rotoscope.universe import Universe

__all__ = ["AskedPeriod", "NameFixer", "expand_shorthand", "find_asked_period", "split_parts"]

_MONTH_NAMES = ("january|february|march|april|may|june|july|august|september|october|"
                "november|december")

#: Shorthand and the words it stands for (applied in order, case-insensitively).
_SHORTHAND: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), r) for p, r in (
        (r"(?<![\w^$])\$?spx\b|\bs&p\s?500\b|\bsp500\b|\bs&p(?!\s?500)\b", "S&P 500"),
        (r"\bS\s?and\s?P\b", "S&P"),
        (r"(?<![\w^$])\$?(?:rut|rty)\b", "Russell 2000"),
        (r"\b(?:russell|russel) 2k\b", "Russell 2000"),
        (r"(?<![\w^$])\$?ndx\b", "Nasdaq-100"),
        (r"\b(?<!the )Russell\b(?!\s*(?:1000|2000|3000|2500|Top|Mid|Micro|\d))", "Russell 2000"),
        (r"\bwhat's\b", "what is"), (r"\bhow's\b", "how is"), (r"\bwhere's\b", "where is"),
        (r"(?<![\w^$])\$?(?:djia|dji|indu)\b", "Dow"),
        (r"(?<![\w^$])\$?(?:ixic|ccmp)\b", "Nasdaq Composite"),
        (r"\b(?:the )?(?:last|past|trailing) 52 weeks\b", "the past 52-week"),
        (r"\b52[- ]?(?:wk|wks|week|w)s?\b", "52-week"),
        (r"\b(\d{2,3})[- ]?(?:dma|d ma|day ma|-day ma|day sma|sma)\b", r"\1-day moving average"),
        (r"\b(\d{2,3})[- ]?day(?= average| avg)\b", r"\1-day moving"),
        (r"\bavg\b", "average"),
        (r"\b(\d{1,2}|ten|two|thirty)[- ]?yrs?\b", r"\1-year"),
        (r"\b(\d{1,2})[- ]?y(?=\s+(?:yield|treasury|note|rate))", r"\1-year"),
        (r"\bbps\b|\bbp\b|\bbips\b", "basis points"),
        (r"\b(?:1y|1yr|12m|1-year|one-year|trailing[- ]12[- ]months?|ttm)\b(?![- ]?(?:yield|"
         r"treasury|note))", "over the past year"),
        (r"\b([12])H\s?'?(\d{2})\b", r"\1H 20\2"),
        (r"\bH([12])\s?'?(\d{2})\b", r"H\1 20\2"),
        (r"\byoy\b", "over the past year"),
        (r"(?<![-/\d])\b((?:19|20)\d{2})\s+(returns?|performance|perf|change|gains?|losses?)\b",
         r"\2 in \1"),
        (r"\bperf\b", "performance"), (r"\bchg\b", "change"),
    ))


class NameFixer:
    """Corrects misspelt proper names ("russel", "nasdak") against a universe's aliases.

    A word of five letters or more that is not itself an alias word is replaced
    by the alias word it matches at a similarity of at least 0.8 (difflib's
    ratio), when that alias word is a proper name (capitalised in the aliases).
    """

    def __init__(self, universe: Universe) -> None:
        words: set[str] = set()
        for meta in universe.series.values():
            for alias in (meta.name, *meta.aliases, *meta.proxy_aliases):
                for w in re.findall(r"[A-Za-z]{5,}", alias):
                    if w[0].isupper() and not w.isupper():
                        words.add(w)
        self.names = sorted(words)
        #: the universe's own tickers of three letters or more ("qqq", "iwm", "xlk")
        self.tickers = {s for s in universe.series if re.fullmatch(r"[A-Z]{3,5}", s)}
        self._lower = {w.lower(): w for w in self.names}
        self._all = {w.lower() for meta in universe.series.values()
                     for alias in (meta.name, *meta.aliases)
                     for w in re.findall(r"[A-Za-z]+", alias)}

    def fix(self, text: str) -> str:
        """Return ``text`` with misspelt names replaced and lower-case tickers upper-cased."""
        text = re.sub(r"(?<![\w^$.])[a-z]{3,5}(?![\w&])",
                      lambda m: m.group(0).upper() if m.group(0).upper() in self.tickers
                      else m.group(0), text)
        def repl(m: re.Match[str]) -> str:
            word = m.group(0)
            low = word.lower()
            if low in self._all or low in _COMMON:
                return word
            hit = difflib.get_close_matches(low, list(self._lower), n=1, cutoff=0.8)
            return self._lower[hit[0]] if hit else word
        return re.sub(r"\b[A-Za-z]{5,}\b", repl, text)


#: Ordinary words near a name ("rally" is not "Russell", "dollar" not "Dollar ...").
_COMMON = frozenset(re.findall(r"\w+", (
    "about above after again against along among basis below between close closed closes "
    "closing compare compared change changed cross crossed during early first fourth level "
    "lower highest lowest higher market month months other since small large share should "
    "still their there these third those today under until value week weeks where which while "
    "years yield yields record rally point points price prices return returns stock stocks "
    "start total trade since state ratio range quarter period percent sector sectors level "
    "fifty "
)))


def expand_shorthand(text: str, fixer: NameFixer | None = None) -> str:
    """Return the question with shorthand spelt out and misspelt names corrected."""
    out = fixer.fix(text) if fixer is not None else text
    for pattern, words in _SHORTHAND:
        out = pattern.sub(words, out)
    return out


@dataclass(frozen=True)
class AskedPeriod:
    """A period only questions use: a window key and, for a range, the session it ends on."""

    window: str
    end: dt.date | None
    phrase: str
    span: tuple[int, int]


_AFTER = re.compile(r"\b(?:in |over )?(?:the )?(?P<n>year|12 months|twelve months|"
                    r"(?:six|6) months|(?:three|3) months)\s+(?:after|following|since)\s+",
                    re.IGNORECASE)
_NAMED_EXTREME = re.compile(
    r"\b(?:since|from|off|above|below|up from|down from)\s+(?:(?:its|their|the|this|last)"
    r"\s+)?(?P<rel>last year'?s?|this year'?s?)?\s*(?:(?P<month>" + _MONTH_NAMES +
    r")\s+)?(?P<year>(?:19|20)\d{2})?(?:'s)?\s*(?P<kind>low|bottom|trough|lows)\b",
    re.IGNORECASE)
_BARE_QUARTER = re.compile(r"\b(?:in |during |for )?(?:the )?(?:(?P<q>q[1-4])|(?P<w>first|"
                           r"second|third|fourth) quarter)\b(?!\s*(?:of\s+)?(?:19|20)\d{2})",
                           re.IGNORECASE)


_NUMERIC_DATE = re.compile(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/"
                           r"(?P<y>(?:19|20)?\d{2})\b")
_JOIN = re.compile(r"^\s*(?:and|to|through|thru|until|till|-|–|—)\s*(?:the\s+)?$",
                   re.IGNORECASE)


def _dates(text: str, as_of: dt.date) -> list[tuple[dt.date, tuple[int, int]]]:
    """Return the dates of a text with their spans, US numeric dates (3/31/2026) included."""
    out = [(d.date, d.span) for d in find_dates(text, as_of, weekdays=False)]
    for m in _NUMERIC_DATE.finditer(text):
        year = int(m.group("y"))
        year = year + 2000 if year < 100 else year
        try:
            out.append((dt.date(year, int(m.group("m")), int(m.group("d"))), m.span()))
        except ValueError:
            continue
    return sorted(out, key=lambda d: d[1])


def _one_date(text: str, as_of: dt.date) -> dt.date | None:
    found = _dates(text, as_of)
    return found[0][0] if found else None


def _range(text: str, as_of: dt.date) -> AskedPeriod | None:
    """Return two dates joined by "to", "through", "-" (or "and" after "between")."""
    found = _dates(text, as_of)
    for (a, sa), (b, sb) in itertools.pairwise(found):
        joint = text[sa[1]:sb[0]]
        if not _JOIN.match(joint) or a >= b:
            continue
        before = text[:sa[0]]
        if joint.strip().lower() == "and" and not re.search(r"(?i)\bbetween\s+(?:the\s+)?$",
                                                            before):
            continue  # "on May 1 and June 1" names two days, not a range
        start = re.search(r"(?i)\b(?:between|from)\s+(?:the\s+)?$", before)
        begin = start.start() if start else sa[0]
        return AskedPeriod(f"since-{a.isoformat()}", b, text[begin:sb[1]], (begin, sb[1]))
    return None


_START_OF = re.compile(r"\bsince the (?:start|beginning) of (?:the |this )?(?P<p>year|month|"
                       r"quarter|week)\b", re.IGNORECASE)
_WEEK_OF = re.compile(r"\b(?:in |during |over )?the week (?:of|starting|beginning|ending)\s+",
                      re.IGNORECASE)
_RELATIVE_HALF = re.compile(r"\b(?:in |during |over )?(?:the )?(?P<w>first|1st|second|2nd) half "
                            r"of (?P<rel>last|this|the previous|the current) year\b|"
                            r"\b(?P<q>q[1-4]|(?:first|second|third|fourth) quarter) of "
                            r"(?P<rel2>last|this) year\b|\b(?P<lastq>last|previous) quarter\b",
                            re.IGNORECASE)
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _relative(m: re.Match[str], as_of: dt.date) -> str:
    if m.group("lastq"):
        q = (as_of.month - 1) // 3  # the quarter before the as-of date's quarter
        return f"quarter-{as_of.year}-q{q}" if q else f"quarter-{as_of.year - 1}-q4"
    rel = (m.group("rel") or m.group("rel2") or "").lower()
    year = as_of.year - 1 if rel in ("last", "the previous") else as_of.year
    if m.group("w"):
        return f"half-{year}-h{1 if m.group('w').lower() in ('first', '1st') else 2}"
    word = m.group("q").lower()
    n = int(word[1]) if word.startswith("q") else _QUARTER_WORDS[word.split()[0]]
    return f"quarter-{year}-q{n}"


def find_asked_period(text: str, as_of: dt.date) -> AskedPeriod | None:
    """Return a range, a year after a date, a move from a named low, or a bare quarter.

    ``None`` when the question holds none of them (the checker's periods then apply).
    """
    m = _START_OF.search(text)
    if m is not None:
        key = {"year": "ytd", "month": "mtd", "quarter": "qtd", "week": "wtd"}[m.group("p").lower()]
        return AskedPeriod(key, None, m.group(0), m.span())
    m = _RELATIVE_HALF.search(text)
    if m is not None:
        return AskedPeriod(_relative(m, as_of), None, m.group(0), m.span())
    m = _WEEK_OF.search(text)
    if m is not None:
        rest = text[m.end():m.end() + 30]
        found = find_dates(rest, as_of, weekdays=False)
        if found and found[0].span[0] == 0:
            monday = found[0].date - dt.timedelta(days=found[0].date.weekday())
            friday = monday + dt.timedelta(days=4)
            base = previous_session(monday - dt.timedelta(days=1))  # the Friday before
            return AskedPeriod(f"since-{base.isoformat()}",
                               min(friday, as_of), m.group(0) + rest[:found[0].span[1]],
                               (m.start(), m.end() + found[0].span[1]))
    ranged = _range(text, as_of)
    if ranged is not None:
        return ranged
    m = _AFTER.search(text)
    if m is not None:
        the = re.match(r"(?i)the\s+", text[m.end():])
        skip = the.end() if the else 0
        rest = text[m.end():m.end() + 30 + skip]
        found = list(find_dates(rest, as_of, weekdays=False))
        if found and found[0].span[0] == skip:
            start = found[0].date
            months = {"year": 12, "12 months": 12, "twelve months": 12}.get(
                m.group("n").lower(), 6 if "6" in m.group("n") or "six" in m.group("n")
                else 3)
            total = start.month - 1 + months
            try:
                end = start.replace(year=start.year + total // 12, month=total % 12 + 1)
            except ValueError:
                end = start.replace(year=start.year + total // 12, month=total % 12 + 1,
                                    day=28)
            return AskedPeriod(f"since-{start.isoformat()}", end,
                               m.group(0) + rest[:found[0].span[1]],
                               (m.start(), m.end() + found[0].span[1]))
    m = _NAMED_EXTREME.search(text)
    if m is not None and (m.group("rel") or m.group("month") or m.group("year")):
        rel = (m.group("rel") or "").lower()
        year = int(m.group("year")) if m.group("year") else (
            as_of.year - 1 if rel.startswith("last") else as_of.year)
        if m.group("month"):
            month = MONTHS[m.group("month").lower()]
            lo = dt.date(year, month, 1)
            hi = (lo + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        else:
            lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
        hi = min(hi, as_of)
        if lo <= hi:
            return AskedPeriod(f"low-{lo.isoformat()}-{hi.isoformat()}", None, m.group(0),
                               m.span())
    m = _BARE_QUARTER.search(text)
    if m is not None:
        names = {"first": 1, "second": 2, "third": 3, "fourth": 4}
        q = int(m.group("q")[1]) if m.group("q") else names[m.group("w").lower()]
        year = as_of.year if dt.date(as_of.year, 3 * q - 2, 1) <= as_of else as_of.year - 1
        return AskedPeriod(f"quarter-{year}-q{q}", None, m.group(0), m.span())
    return None


_PART_SPLIT = re.compile(
    r"(?:,\s*|\s+)and\s+(?=(?:how|what|what's|when|where|is|did|does|has|have|was|by how "
    r"much|which|will|why|since when|can|could|should)\b)|;\s*|\?\s+(?=\S)", re.IGNORECASE)


#: Words of a follow-up that asks nothing new ("By how much?", "and since when?").
_FOLLOW_UP = frozenset(re.findall(r"[a-z]+", (
    "and by how much many far long when since exactly so then what about it that this on "
    "date day")))


def split_parts(text: str) -> list[str]:
    """Return the questions a text asks, in order (one part when it asks one thing).

    A part of one or two words ("... and when?") belongs to the part before it.
    """
    out: list[str] = []
    pos = 0
    for m in _PART_SPLIT.finditer(text):
        rest = text[m.end():]
        nxt = _PART_SPLIT.search(rest)
        following = rest[:nxt.start()] if nxt else rest
        words = re.findall(r"[a-z']+", following.lower())
        if len(following.split()) < 3 or set(words) <= _FOLLOW_UP:
            continue  # "... and when?", "By how much?": the same question
        out.append(text[pos:m.start()].strip(" ,"))
        pos = m.end()
    out.append(text[pos:].strip(" ,"))
    return [p for p in out if p] or [text]
