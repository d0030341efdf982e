"""Subjects, datelines and periods in market prose.

- **Subjects** come from the universe: every symbol, name and alias, matched
  case-insensitively on word boundaries, longest first ("the Russell 2000 Value"
  before "Russell 2000"). Sector names in GICS and Morningstar style are aliases
  in the universe file.
- **Datelines**: the date a text speaks as of ("January 23, 2026 | Market
  Analysis Report", "published on February 16, 2026", "Feb. 10, 2026"). The
  first full date in the opening lines, or one introduced by "published",
  "updated" or "as of" anywhere.
- **Periods**: phrases like "year-to-date", "the week", "the prior session",
  "over the past 30 trading days", "in January", "5-day", "since early 2021",
  "since the April 8, 2025 bottom", resolved against an as-of date to the
  window keys of :mod:`rotoscope.analytics.windows`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from rotoscope.language._alternation import longest_first
from rotoscope.language._numbers import count_value, number_word_pattern
from rotoscope.universe import Universe

__all__ = ["MONTHS", "DateMention", "Dateline", "Period", "SubjectMatcher", "SubjectMention",
           "find_dateline", "find_dates", "find_periods", "month_key", "parse_date"]

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS |= {m[:3]: i for m, i in list(MONTHS.items())}
MONTHS["sept"] = 9
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_FULL_DATE = re.compile(
    r"\b(?P<month>" + _MONTH_ALT + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE)
_ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")


@dataclass(frozen=True)
class SubjectMention:
    """A subject found in text: the series it names, the words used and where.

    ``ticker`` is true when a ticker in parentheses decided the series ("the
    Value ETF (VTV)" names VTV whatever "Value ETF" alone would mean). ``proxy``
    is true when the words name something the series only stands in for: a
    proxy alias of the universe ("the Nasdaq-100" for QQQ, "MSCI EAFE" for EFA)
    or a sector name of a sector ETF ("Energy" for XLE); see
    :meth:`rotoscope.universe.Universe.is_proxy_alias`. A ticker in parentheses
    clears it unless the ticker itself is a proxy alias ("(NDX)").
    """

    symbol: str
    alias: str
    span: tuple[int, int]
    ticker: bool = False
    proxy: bool = False


#: A ticker-like alias ("SPX", "^GSPC", "DX-Y.NYB", "10Y"): matched case-sensitively
#: so that "rut", "comp" or "spy" in running prose are not tickers.
_TICKER_LIKE = re.compile(r"^\^?[A-Z0-9][A-Z0-9.=-]{0,9}$")
#: A ticker token inside parentheses: "SPX", "$SPX", ".SPX", "^RUT", "XOM.N", "CL=F".
_PAREN_TOKEN = re.compile(r"^[$.^]?[A-Z][A-Z0-9.^=-]{0,8}$")
#: One or more parenthesised lists of tickers: "(SPX, SPY)", "(^RUT; IWM)", "($DOWI) (DIA)".
_TICKER_GROUP = re.compile(
    r"(?:\(\s*[$.^]?[A-Z][A-Z0-9.^=-]{0,8}(?:\s*(?:[,;/]|\band\b|\bor\b)\s*[$.^]?[A-Z][A-Z0-9.^=-]"
    r"{0,8}){0,3}\s*\)[ \t]*){1,3}")
_TICKER_SPLIT = re.compile(r"\s*(?:[,;/()]|\band\b|\bor\b)\s*")
_ARTICLE = re.compile(r"the\s+", re.IGNORECASE)


def _article_len(words: str) -> int:
    m = _ARTICLE.match(words)
    return 0 if m is None else m.end()


#: A held index's futures, or an "E-mini" contract, are not the index.
_FUTURES_AFTER = re.compile(r"\s+(?:E-?mini\s+|index\s+|stock[- ]index\s+)?(?:futures?\b|"
                            r"E-?mini\b)", re.IGNORECASE)
_FUTURES_BEFORE = re.compile(r"\bE-?mini\s+$|\bfutures\s+(?:on|tied to|linked to|tracking)"
                             r"\s+(?:the\s+)?$", re.IGNORECASE)
#: Names that start with a held index's name but are a publisher or another index:
#: "Dow Jones Newswires", "Dow Jones Market Data", "the Global Dow", "S&P Global".
_NOT_THE_INDEX_AFTER = re.compile(
    r"\s+(?:Newswires|Market\s+Data|Indices|&\s+Co|Transportation|Transports|Utilit(?:y|ies)\s+"
    r"Average|Global\b)|\s*-(?:listed|traded)\b|\s+(?:listed|exchange|stock market)\b|"
    r"\s*:\s?[A-Z]{1,5}(?:\.[A-Z])?\s*\)")
_NOT_THE_INDEX_BEFORE = re.compile(r"\b(?:Global|S&P)\s+$")
#: "the 10-year", "the 2-year": a maturity named alone is a yield unless a noun follows
#: that makes it a span of time ("the 10-year average", "the 2-year high").
_BARE_MATURITY = re.compile(r"^(?:the\s+)?(?:benchmark\s+)?(?:\d+|two|ten|thirty)[- ]y(?:ea)?r$",
                            re.IGNORECASE)
_NOT_A_YIELD_AFTER = re.compile(
    r"\s+(?:high|low|average|period|window|span|stretch|run|history|horizon|record|streak|"
    r"chart|mark|rolling|moving|breakeven|TIPS|bull|bear|cycle|trend|return|returns|"
    r"performance|gain|loss|decline|rally|old|anniversary|plan|deal|term|outlook|forecast|"
    r"low[s]?|highs|lows|range|swap|futures|auction|sale|sales)\b", re.IGNORECASE)


class SubjectMatcher:
    """Finds the universe's series in text by symbol, name or alias.

    Names match case-insensitively on word boundaries, longest first; ticker-like
    aliases ("SPX", "COMP", "RUT", "NDX") match only as whole upper-case words, with
    an optional ``$``, ``.`` or ``^`` in front ("$SPX", ".DJI", "^GSPC"). An index
    symbol's bare form is a ticker too ("GSPC", "IXIC", "DJI"). A held index's
    futures ("S&P 500 futures", "E-mini Nasdaq") are not the index and are left out.
    """

    def __init__(self, universe: Universe) -> None:
        self.universe = universe
        self.aliases = universe.alias_map()
        self.tickers = {s.upper(): s for s in universe.series}
        names: dict[str, str] = {}
        tickers: dict[str, str] = {}
        self._proxy: set[tuple[str, str]] = set()
        for symbol, meta in universe.series.items():
            texts = [symbol, meta.name, *meta.aliases, *meta.proxy_aliases]
            if symbol.startswith("^"):
                texts.append(symbol[1:])
            for text in texts:
                if _TICKER_LIKE.match(text) and not any(c.islower() for c in text):
                    tickers.setdefault(text, symbol)
                    tickers.setdefault(text.lstrip("^"), symbol)
                else:
                    names.setdefault(text.lower(), symbol)
                if universe.is_proxy_alias(symbol, text):
                    self._proxy.add((symbol, text.lower()))
        for text, symbol in tickers.items():
            self.tickers.setdefault(text, symbol)
            self.aliases.setdefault(text.lower(), symbol)
        self._names_map = names
        self._tickers_map = tickers
        # each a trie of the words, longest first (see longest_first)
        name_body = longest_first(names, ignorecase=True)
        self._pattern = re.compile(r"(?<![\w^])(?:" + name_body + r")(?!\w|-(?-i:[a-z0-9]))",
                                   re.IGNORECASE)
        ticker_body = longest_first(tickers)
        self._ticker_pattern = re.compile(
            r"(?<![\w^$.&-])[$.^]?(?:" + ticker_body + r")"
            # "SPY-0.3%", "VIX29.49": a number glued to a ticker does not make another word
            r"(?![A-Za-z_&=]|\d(?![\d,]*\.\d)|\.[A-Z]\b|-[A-Za-z])")

    def _symbol_of(self, words: str) -> str | None:
        """Return the series a name or a ticker token names, or ``None``."""
        token = words.strip()
        if token in self._tickers_map:
            return self._tickers_map[token]
        bare = token.lstrip("$.")
        for t in (bare, bare.lstrip("^")):
            if t in self._tickers_map:
                return self._tickers_map[t]
            if t.upper() in self.tickers and t == t.upper():
                return self.tickers[t.upper()]
        return self._names_map.get(token.lower())

    def _is_proxy(self, symbol: str, words: str) -> bool:
        key = words.strip().lower()
        return (symbol, key) in self._proxy or (symbol, key.lstrip("$.^")) in self._proxy

    def find(self, text: str) -> list[SubjectMention]:
        """Return every mention, in order; overlapping mentions keep the longest.

        A known ticker in parentheses decides the series of the name before it:
        the mention then runs from that name (a known alias right before it, else
        up to five capitalised words) to the closing parenthesis. Of several
        tickers in parentheses ("the S&P 500 (SPX, SPY)", "Russell 2000 (^RUT;
        IWM)") the one naming the same series as the name before them wins, else
        the first known one: the index named first owns the figure.
        """
        named = self._names(text)
        out: list[SubjectMention] = []
        for g in _TICKER_GROUP.finditer(text):
            g_end = g.start() + len(g.group(0).rstrip())
            tokens = [t for t in _TICKER_SPLIT.split(g.group(0)) if t]
            if not all(_PAREN_TOKEN.match(t) for t in tokens):
                continue
            known = [(t, sym) for t in tokens if (sym := self._symbol_of(t)) is not None]
            if not known:
                continue
            start = g.start()
            before: SubjectMention | None = None
            for k in named:
                # "S&P MidCap 400 ETF (MDY)": up to three capitalised words between
                if k.span[1] <= g.start() and re.fullmatch(
                        r"\s*(?:[A-Z][\w&.-]*\s+){0,3}", text[k.span[1]:g.start()]):
                    start, before = k.span[0], k
            words = re.search(r"((?:the\s+)?(?:[A-Z0-9][\w&.-]*\s+){1,5})$", text[:g.start()])
            if words is not None and start == g.start():
                start = words.start()
            symbol = known[0][1]
            if before is not None and len(tokens) > 1 and \
                    any(sym == before.symbol for _, sym in known):
                symbol = before.symbol
            first = next(t for t, sym in known if sym == symbol)
            proxy = self._is_proxy(symbol, first)
            out.append(SubjectMention(symbol, text[start:g_end].strip(), (start, g_end),
                                      ticker=True, proxy=proxy))
        out += [k for k in named if not any(t.span[0] <= k.span[0] < t.span[1] for t in out)]
        out.sort(key=lambda k: k.span)
        return out

    def _candidates(self, text: str) -> list[re.Match[str]]:
        found: list[re.Match[str]] = []
        for p in re.finditer(r"(?<!\w)(?=\S)", text):
            for pattern in (self._pattern, self._ticker_pattern):
                m = pattern.match(text, p.start())
                if m is not None:
                    found.append(m)
        return found

    def _names(self, text: str) -> list[SubjectMention]:
        # every name or ticker that matches at a word start; overlaps keep the longest
        # ("the Nasdaq Composite" holds "the Nasdaq" and "Nasdaq Composite": the
        # longer one, which starts inside the shorter, is the subject)
        # a leading "the" does not count: "Nasdaq 100" wins over "the Nasdaq" in "the Nasdaq 100"
        found = sorted(self._candidates(text), key=lambda m: (
            -(m.end() - m.start() - _article_len(m.group(0))), m.start()))
        taken: list[re.Match[str]] = []
        for m in found:
            if not any(m.start() < t.end() and t.start() < m.end() for t in taken):
                taken.append(m)
        out: list[SubjectMention] = []
        for m in sorted(taken, key=lambda m: m.start()):
            words = m.group(0)
            symbol = self._symbol_of(words)
            if symbol is None:
                continue
            after, head = text[m.end():m.end() + 40], text[max(0, m.start() - 30):m.start()]
            meta = self.universe.series.get(symbol)
            if meta is not None and meta.kind in ("index", "etf", "volatility", "rate") and (
                    _FUTURES_AFTER.match(after) or _FUTURES_BEFORE.search(head)):
                continue  # "S&P 500 futures", "E-mini Nasdaq": a contract, not the index
            if meta is not None and meta.kind == "index" and (
                    _NOT_THE_INDEX_AFTER.match(after) or _NOT_THE_INDEX_BEFORE.search(head)):
                continue  # "Dow Jones Newswires", "the Global Dow", "Nasdaq-listed"
            if _BARE_MATURITY.match(words) and _NOT_A_YIELD_AFTER.match(after):
                continue  # "the 10-year average": a span of time, not the yield
            out.append(SubjectMention(symbol, words, m.span(),
                                      proxy=self._is_proxy(symbol, words)))
        return self._sector_of_index(text, out)

    def _sector_of_index(self, text: str, found: list[SubjectMention]) -> list[SubjectMention]:
        """Join "S&P 500" and the sector right after it: "the S&P 500 energy sector" is XLE."""
        out: list[SubjectMention] = []
        for k in found:
            prev = out[-1] if out else None
            meta = self.universe.series.get(k.symbol)
            prev_meta = self.universe.series.get(prev.symbol) if prev is not None else None
            if prev is not None and prev_meta is not None and meta is not None and \
                    prev_meta.kind == "index" and meta.category == "sector" and \
                    re.fullmatch(r"\s*(?:['’]s\s+)?", text[prev.span[1]:k.span[0]]):
                out[-1] = SubjectMention(k.symbol, text[prev.span[0]:k.span[1]],
                                         (prev.span[0], k.span[1]), proxy=k.proxy)
                continue
            out.append(k)
        return out


@dataclass(frozen=True)
class Dateline:
    """The date a text speaks as of, and where it was found.

    ``month_only``: the text names only a month ("Letter to Shareholders, July 2021"),
    and ``date`` is the last day of the month before, which such a letter reports on.
    """

    date: dt.date
    span: tuple[int, int]
    month_only: bool = False


def parse_date(text: str) -> dt.date | None:
    """Parse "January 23, 2026", "Jan. 23 2026" or "2026-01-23"; ``None`` otherwise."""
    m = _FULL_DATE.search(text) or _ISO_DATE.search(text)
    if m is None:
        return None
    month = m.group("month")
    month_n = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
    try:
        return dt.date(int(m.group("year")), month_n, int(m.group("day")))
    except ValueError:
        return None


def _introduced(text: str, offset: int = 0) -> Dateline | None:
    for m in re.finditer(r"(?i)\b(?:published|updated|as of|dated)(?:\s+on)?\s*:?\s*", text):
        rest = text[m.end():m.end() + 40]
        d = _FULL_DATE.match(rest) or _ISO_DATE.match(rest)
        if d is not None:
            day = parse_date(d.group(0))
            if day is not None:
                start = offset + m.end() + d.start()
                return Dateline(day, (start, start + len(d.group(0))))
    return None


#: a month and year ending a title line: "Letter to Shareholders, July 2021"
_LETTERHEAD = re.compile(r"(?:^|[,:|·–—-]\s*)(?P<month>" + "|".join(
    m for m in MONTHS if len(m) > 3) + r")\s+(?P<year>(?:19|20)\d{2})\s*$", re.IGNORECASE)


def find_dateline(text: str, head_chars: int = 1500) -> Dateline | None:
    """Return the text's dateline, or ``None`` when it has none.

    In the opening ``head_chars`` characters, a date introduced by "published",
    "updated", "as of" or "dated" wins, else the first full date there. Only when
    the opening has no date is a date introduced that way further down used (a
    "published" deep in the body usually dates a cited source, not the text).
    """
    head = text[:head_chars]
    found = _introduced(head)
    if found is not None:
        return found
    for pattern in (_FULL_DATE, _ISO_DATE):
        d = pattern.search(head)
        if d is not None:
            day = parse_date(d.group(0))
            if day is not None:
                return Dateline(day, d.span())
    return _introduced(text) or _letterhead(text)


def _letterhead(text: str) -> Dateline | None:
    """Return the month a title line ends with, as of the last day of the month before.

    "Letter to Shareholders, July 2021" reports on June: it is read as of June 30.
    ``None`` when the first line names no month.
    """
    first = text.lstrip()
    offset = len(text) - len(first)
    line = first.split("\n", 1)[0]
    m = _LETTERHEAD.search(line)
    if m is None or re.search(r"\b(?:week|weekly|daily|day|today|session)\b", line, re.I):
        return None  # "Weekly Recap — August 2024" speaks of a week, not of July
    year, month = int(m.group("year")), MONTHS[m.group("month").lower().rstrip(".")]
    return Dateline(dt.date(year, month, 1) - dt.timedelta(days=1),
                    (offset + m.start("month"), offset + m.end("year")), month_only=True)


@dataclass(frozen=True)
class Period:
    """A period phrase resolved to a window key.

    ``anchor`` says which session the window ends on: ``as_of`` (the last
    session on or before the text's date: "today", "year-to-date"), ``prior``
    (the last session before it: "the prior session"), ``week`` (the latest
    complete week: "during the week", "weekly"), ``previous-week`` ("last
    week") or ``month`` (the latest complete calendar month: "for the month";
    the window key is then ``mtd`` until a reader resolves it). Windows with
    their own end ("in January") use ``as_of``.
    """

    window: str
    phrase: str
    span: tuple[int, int]
    anchor: str = "as_of"


_NUM_ALT = r"\d+|(?:" + number_word_pattern() + ")"


def _n(token: str) -> int:
    n = count_value(token)
    if n is None:
        raise ValueError(f"not a count: {token!r}")
    return n


def month_key(month: int, as_of: dt.date, year: int | None = None) -> str:
    """Return the window key of a calendar month (``month-2026-01``).

    Without ``year``, the month is the last one of that name on or before
    ``as_of`` (January read on 2026-03-12 is January 2026; December is 2025).
    """
    if year is None:
        year = as_of.year if month <= as_of.month else as_of.year - 1
    return f"month-{year}-{month:02d}"



PeriodRule = Callable[[re.Match[str], dt.date], str | tuple[str, str] | None]
_PERIODS: list[tuple[re.Pattern[str], PeriodRule]] = []


def _period(pattern: str) -> Callable[[PeriodRule], PeriodRule]:
    def register(fn: PeriodRule) -> PeriodRule:
        _PERIODS.append((re.compile(pattern, re.IGNORECASE), fn))
        return fn
    return register


@_period(r"\b(?:year[- ]to[- ]date|ytd)\b|\bso far (?:this|in the) year\b")
def _ytd(m: re.Match[str], as_of: dt.date) -> str:
    return "ytd"


@_period(r"\b(?:month[- ]to[- ]date|mtd)\b|\bso far this month\b")
def _mtd(m: re.Match[str], as_of: dt.date) -> str:
    return "mtd"


@_period(r"\b(?:quarter[- ]to[- ]date|qtd)\b|\bso far this quarter\b")
def _qtd(m: re.Match[str], as_of: dt.date) -> str:
    return "qtd"


@_period(r"\b(?:week[- ]to[- ]date|wtd|so far this week|this week)\b")
def _wtd(m: re.Match[str], as_of: dt.date) -> str:
    return "wtd"


@_period(r"\b(?:(?:during|for|over|on|in) the week|the week's|weekly|mid-week|the week)"
         r"(?:\s+(?:ending|ended|through|thru))?\b")
def _week(m: re.Match[str], as_of: dt.date) -> tuple[str, str]:
    return "wtd", "week"


@_period(r"\b(?:vs\.?|versus|compared (?:with|to)|relative to)\s+(?:the\s+)?"
         r"(?:last|prior|previous) week\b(?!'s)")
def _against_previous_week(m: re.Match[str], as_of: dt.date) -> tuple[str, str]:
    # "+9.6 vs prior week": this week's move, measured from the week before's close
    return "wtd", "week"


@_period(r"\b(?:vs\.?|versus|compared (?:with|to)|relative to)\s+(?:the\s+)?"
         r"(?:prior|previous|last) (?:session|day|close)\b(?!'s)")
def _against_previous_day(m: re.Match[str], as_of: dt.date) -> tuple[str, str]:
    # "+1.2% vs prior close": the latest session's move
    return "1d", "as_of"


@_period(r"\b(?:last|past|prior|previous) week(?:'s)?\b")
def _previous_week(m: re.Match[str], as_of: dt.date) -> tuple[str, str]:
    return "wtd", "previous-week"


@_period(r"\b(?:the )?(?:prior|previous|last|latest) (?:trading )?(?:session|day)\b|"
         r"\byesterday(?:'s)?\b|\bovernight\b")
def _prior_day(m: re.Match[str], as_of: dt.date) -> tuple[str, str]:
    return "1d", "as_of" if "latest" in m.group(0).lower() else "prior"


@_period(r"\btoday(?:'s)?\b|\bon the day\b|\bdaily\b|\bin (?:one|a single) (?:day|session)\b|"
         r"\bsingle[- ](?:day|session)\b")
def _day(m: re.Match[str], as_of: dt.date) -> str:
    return "1d"


@_period(r"\b(?:over |in |during )?(?:the|its) (?:past|last|prior) (?P<n>" + _NUM_ALT +
         r") (?:trading )?(?:sessions|days|(?:daily )?observations)\b|"
         r"\b(?P<n2>\d+)[- ](?:day|session)\b|\bover (?:the )?(?P<n3>" + _NUM_ALT +
         r") (?:trading )?sessions\b")
def _ndays(m: re.Match[str], as_of: dt.date) -> str:
    return f"{_n(m.group('n') or m.group('n2') or m.group('n3'))}d"


@_period(r"\b(?:over |in |during )?the (?:past|last|prior) month\b|"
         r"\bmonth[- ]over[- ]month\b")
def _past_month(m: re.Match[str], as_of: dt.date) -> str:
    return "21d"


@_period(r"\b(?:for|during|over|in|through(?:out)?) the quarter\b|\bthe quarter['’]s\b|"
         r"\b(?:finished|ended|closed|close|end|finish|wrapped up) the quarter\b")
def _the_quarter(m: re.Match[str], as_of: dt.date) -> tuple[str, str]:
    # the calendar quarter just completed (anchor "quarter"), as for "the month"
    return "qtd", "quarter"


@_period(r"\b(?:for|during|over|in|through(?:out)?) the month\b|\bthe month['’]s\b|"
         r"\b(?:finished|ended|closed|close|end|finish|wrapped up) the month\b")
def _the_month(m: re.Match[str], as_of: dt.date) -> tuple[str, str]:
    # the calendar month just completed; the checker resolves it against its reference
    # session (anchor "month")
    return "mtd", "month"


@_period(r"\b(?:ended|finished|closed(?: out)?|wrapped up|capped|rounded out)\s+(?P<month>"
         r"january|february|march|april|may|june|july|august|september|october|november|"
         r"december)\b(?![\s.]*\d{1,2}\b)")
def _ended_month(m: re.Match[str], as_of: dt.date) -> str:
    return month_key(MONTHS[m.group("month").lower()], as_of)


@_period(r"\blast month(?:'s)?\b|\bthe previous month\b")
def _last_month(m: re.Match[str], as_of: dt.date) -> str:
    first = as_of.replace(day=1) - dt.timedelta(days=1)
    return month_key(first.month, as_of, first.year)


@_period(r"\b(?:over |in )?the (?:past|last) (?:year|12 months|twelve months)\b|"
         r"\b(?:one|1|12)[- ](?:year|month)s?\b|\byear[- ]over[- ]year\b")
def _year(m: re.Match[str], as_of: dt.date) -> str:
    return "1y"


@_period(r"\b(?:this|the current) (?P<what>year|month|quarter)\b(?!['’]s? (?:low|high))|"
         r"\b(?:for|on) the (?P<what2>year)\b(?!['’]s? (?:low|high))")
def _this(m: re.Match[str], as_of: dt.date) -> str:
    what = m.group("what") or m.group("what2")
    return {"year": "ytd", "month": "mtd", "quarter": "qtd"}[what.lower()]


@_period(r"\b(?:last|the previous|the prior) (?P<what>year|quarter)\b")
def _last_year(m: re.Match[str], as_of: dt.date) -> str:
    if m.group("what").lower() == "year":
        return f"year-{as_of.year - 1}"
    q = (as_of.month - 1) // 3
    return f"quarter-{as_of.year}-q{q}" if q else f"quarter-{as_of.year - 1}-q4"


@_period(r"\b(?:over |in |during )?the (?:past|last|prior) (?P<n>" + _NUM_ALT +
         r") (?P<what>weeks|months|years)\b")
def _past_n(m: re.Match[str], as_of: dt.date) -> str:
    n = _n(m.group("n"))
    what = m.group("what").lower()
    if what == "years":
        try:
            start = as_of.replace(year=as_of.year - n)
        except ValueError:  # 29 February
            start = as_of.replace(year=as_of.year - n, day=28)
        return f"since-{start.isoformat()}"
    if what == "weeks":
        # calendar weeks: from the close of the week before the first of them
        friday = as_of - dt.timedelta(days=as_of.weekday()) - dt.timedelta(days=3 + 7 * (n - 1))
        return f"since-{friday.isoformat()}"
    return f"{n * 21}d"


@_period(r"\b(?:from|since|vs\.?|versus|compared with) (?:(?P<n>" + _NUM_ALT + r"|a|an) "
         r"(?P<what>weeks?|months?|years?)) ago\b")
def _ago(m: re.Match[str], as_of: dt.date) -> str:
    token = m.group("n").lower()
    n = 1 if token in ("a", "an") else _n(token)
    what = m.group("what").lower().rstrip("s")
    if what == "week":
        start = as_of - dt.timedelta(weeks=n)
    elif what == "month":
        y, mo = divmod(as_of.year * 12 + as_of.month - 1 - n, 12)
        start = dt.date(y, mo + 1, min(as_of.day, 28))
    else:
        start = as_of.replace(year=as_of.year - n, day=min(as_of.day, 28)) \
            if as_of.month == 2 else as_of.replace(year=as_of.year - n)
    return f"since-{start.isoformat()}"


@_period(r"\b(?:the )?(?P<which>first|1st|second|2nd) half(?: of (?:the year|(?P<year>(?:19|20)"
         r"\d{2})))?\b|\b(?P<h>[12])H(?:\s?(?P<year2>(?:19|20)\d{2}))?\b|\bH(?P<h2>[12])"
         r"(?:\s?(?P<year3>(?:19|20)\d{2}))?\b")
def _half(m: re.Match[str], as_of: dt.date) -> str:
    which = m.group("which")
    h = 1 if (which or "").lower() in ("first", "1st") else 2
    if m.group("h") or m.group("h2"):
        h = int(m.group("h") or m.group("h2"))
    year_text = m.group("year") or m.group("year2") or m.group("year3")
    year = int(year_text) if year_text else as_of.year
    if not year_text and dt.date(year, 6 * h - 5, 1) > as_of:
        year -= 1  # the latest such half that has begun
    return f"half-{year}-h{h}"


@_period(r"\bthe (?:first|opening) (?:six|6) months of (?:(?P<year>(?:19|20)\d{2})|the year)\b|"
         r"\bthe (?:last|final|second) (?:six|6) months of (?P<year2>(?:19|20)\d{2})\b")
def _six_months(m: re.Match[str], as_of: dt.date) -> str:
    """Return "the first six months of 2021": that half."""
    h = 2 if m.group("year2") else 1
    year = int(m.group("year") or m.group("year2") or as_of.year)
    return f"half-{year}-h{h}"


@_period(r"\b(?:in|during|for|over|throughout|across) the half\b")
def _the_half(m: re.Match[str], as_of: dt.date) -> str:
    """Return "across the half": the calendar half the as-of date falls in."""
    return f"half-{as_of.year}-h{1 if as_of.month <= 6 else 2}"


@_period(r"\b(?:(?:in|during|for|over|throughout|across) (?:the )?(?:(?P<q>first|second|third|"
         r"fourth) quarter|Q(?P<n>[1-4]))\b(?!\s*(?:of\s+)?'?(?:19|20)?\d{2}\b)|"
         # "a theme from the first quarter, when IWD returned 2%": that quarter
         r"(?:from|of) the (?P<q2>first|second|third|fourth) quarter(?=,?\s+when\b)|"
         # "The second quarter ended on Tuesday with the S&P 500 up 14.9%"
         r"\bthe (?P<q3>first|second|third|fourth) quarter(?=\s+(?:ended|closed|finished|"
         r"wrapped\s+up)\b))")
def _quarter_no_year(m: re.Match[str], as_of: dt.date) -> str:
    """Return "over Q1": the latest such quarter that has begun by the as-of date."""
    names = {"first": 1, "second": 2, "third": 3, "fourth": 4}
    word = m.group("q") or m.group("q2") or m.group("q3")
    n = names[word.lower()] if word else int(m.group("n"))
    year = as_of.year if dt.date(as_of.year, 3 * n - 2, 1) <= as_of else as_of.year - 1
    return f"quarter-{year}-q{n}"


@_period(r"\b(?:in|during|for|over|throughout|across|ended|finished|closed out|wrapped up) "
         r"(?:(?:the )?(?:calendar|full) (?:year )?)?(?P<year>(?:19|20)\d{2})\b(?![-/]\d)")
def _calendar_year(m: re.Match[str], as_of: dt.date) -> str:
    return f"year-{m.group('year')}"


@_period(r"\bsince (?:the (?:start|beginning|end) of )?(?P<month>" +
         r"january|february|march|april|may|june|july|august|september|october|november|"
         r"december)\s+(?P<year>(?:19|20)\d{2})\b")
def _since_month(m: re.Match[str], as_of: dt.date) -> str:
    first = dt.date(int(m.group("year")), MONTHS[m.group("month").lower()], 1)
    if "end of" in m.group(0).lower():
        first = (first + dt.timedelta(days=32)).replace(day=1)
    return f"since-{(first - dt.timedelta(days=1)).isoformat()}"


@_period(r"\bsince (?:the )?(?:post-?\s?)?(?P<date>(?:" + _MONTH_ALT +
         r")\.?\s+\d{1,2},?\s+(?:19|20)\d{2})"
         r"(?:\s+(?P<low>low|bottom|trough))?")
def _since_date(m: re.Match[str], as_of: dt.date) -> str | None:
    day = parse_date(m.group("date"))
    if day is None:
        return None
    if m.group("low"):
        lo, hi = day - dt.timedelta(days=7), day + dt.timedelta(days=7)
        return f"low-{lo.isoformat()}-{hi.isoformat()}"
    return f"since-{day.isoformat()}"


@_period(r"\bsince (?:the )?(?P<part>start of|beginning of|early|mid-?|late|end of)?\s*"
         r"(?P<year>(?:19|20)\d{2})\b")
def _since_year(m: re.Match[str], as_of: dt.date) -> str:
    year = int(m.group("year"))
    part = (m.group("part") or "").lower().replace("-", "")
    if part in ("late", "end of"):
        return f"since-{year}-12-31" if part == "end of" else f"since-{year}-10-01"
    if part == "mid":
        return f"since-{year}-07-01"
    return f"since-{year - 1}-12-31"


@_period(r"\bsince the (?:start|beginning) of (?:the|this) (?P<w>year|month|quarter)\b|"
         r"\bsince the end of last (?P<w2>year|month|quarter)\b")
def _since_start(m: re.Match[str], as_of: dt.date) -> str:
    """Read "since the start of the year" and "since the end of last year" as to date."""
    which = (m.group("w") or m.group("w2")).lower()
    return {"year": "ytd", "month": "mtd", "quarter": "qtd"}[which]


@_period(r"\bsince the end of (?P<month>january|february|march|april|may|june|july|august|"
         r"september|october|november|december)\b(?!\s+\d)")
def _since_month_end(m: re.Match[str], as_of: dt.date) -> str:
    """Read "since the end of September" as from that month's last close."""
    month = MONTHS[m.group("month").lower()]
    year = as_of.year if month < as_of.month else as_of.year - 1
    last = (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return f"since-{last.isoformat()}"


@_period(r"\b(?:in|during|for|over|through(?:out)?|to (?:close out|end|finish|wrap up|round "
         r"out)) (?:the month of )?(?P<month>" +
         r"january|february|march|april|may|june|july|august|september|october|november|"
         r"december)(?:\s+(?P<year>(?:19|20)\d{2}))?(?![\s.]*\d{1,2}\b)")
def _month(m: re.Match[str], as_of: dt.date) -> str:
    year = int(m.group("year")) if m.group("year") else None
    return month_key(MONTHS[m.group("month").lower()], as_of, year)


@_period(r"\b(?P<month>january|february|march|april|may|june|july|august|september|october|"
         r"november|december)\s+(?P<year>(?:19|20)\d{2})\b")
def _month_year(m: re.Match[str], as_of: dt.date) -> str:
    return month_key(MONTHS[m.group("month").lower()], as_of, int(m.group("year")))


@_period(r"\b(?:in |during |for |over )?(?:the )?(?P<q>first|second|third|fourth|q[1-4])"
         r"(?: quarter)?(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d{2}))\b")
def _quarter(m: re.Match[str], as_of: dt.date) -> str:
    names = {"first": 1, "second": 2, "third": 3, "fourth": 4}
    q = m.group("q").lower()
    n = names[q] if q in names else int(q[1])
    return f"quarter-{m.group('year')}-q{n}"


_MONTH_DAY = re.compile(
    r"\b(?P<month>" + _MONTH_ALT + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
    r"(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?", re.IGNORECASE)


#: "on Monday", "Friday's session": a weekday names the latest such day on or
#: before the as-of date. "Black Monday" and "Cyber Monday" are not dates; a
#: weekday followed by a month and day ("Friday, February 6") is left to the date.
_WEEKDAY = re.compile(
    r"(?<!Black )(?<!Cyber )\b(?P<name>Monday|Tuesday|Wednesday|Thursday|Friday)(?:['’]s)?\b"
    r"(?!,?\s+(?:" + _MONTH_ALT.title() + r"|" + _MONTH_ALT + r")\.?\s+\d)")
_WEEKDAYS = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4}


@dataclass(frozen=True)
class DateMention:
    """A calendar date named in text ("February 9, 2026", "Feb. 2", "2026-02-09", "Friday")."""

    date: dt.date
    span: tuple[int, int]
    has_year: bool


def find_dates(text: str, as_of: dt.date, weekdays: bool = True) -> list[DateMention]:
    """Return the full dates, month-day dates and (with ``weekdays``) weekdays in ``text``.

    A date written without a year takes the latest year that puts it on or
    before ``as_of`` ("February 2" in a note dated 2026-02-10 is 2026-02-02); a
    weekday is the latest such day on or before ``as_of`` ("Monday" in that note
    is 2026-02-09).
    """
    out: list[DateMention] = []
    for m in _MONTH_DAY.finditer(text):
        month = MONTHS[m.group("month").lower().rstrip(".")]
        try:
            if m.group("year"):
                day = dt.date(int(m.group("year")), month, int(m.group("day")))
            else:
                day = dt.date(as_of.year, month, int(m.group("day")))
                if day > as_of:
                    day = day.replace(year=as_of.year - 1)
        except ValueError:
            continue
        out.append(DateMention(day, m.span(), bool(m.group("year"))))
    for m in _ISO_DATE.finditer(text):
        try:
            day = dt.date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        except ValueError:
            continue
        out.append(DateMention(day, m.span(), True))
    if weekdays:
        for m in _WEEKDAY.finditer(text):
            back = (as_of.weekday() - _WEEKDAYS[m.group("name")]) % 7
            out.append(DateMention(as_of - dt.timedelta(days=back), m.span(), False))
    out.sort(key=lambda d: d.span)
    return out


def find_periods(text: str, as_of: dt.date) -> list[Period]:
    """Return every period phrase in ``text`` resolved against ``as_of``, in order.

    Overlapping phrases keep the longest.
    """
    found: list[Period] = []
    for pattern, fn in _PERIODS:
        for m in pattern.finditer(text):
            key = fn(m, as_of)
            if isinstance(key, tuple):
                found.append(Period(key[0], m.group(0), m.span(), key[1]))
            elif key:
                found.append(Period(key, m.group(0), m.span()))
    found.sort(key=lambda p: (p.span[0], -(p.span[1] - p.span[0])))
    out: list[Period] = []
    for p in found:
        if out and p.span[0] < out[-1].span[1]:
            continue
        out.append(p)
    return out
