"""Read a question into a :class:`~._query.Query`, with the checker's vocabulary.

The parser is deterministic. It finds the universe's subjects, the period and
dates with :mod:`rotoscope.language` (the module ``rotoscope check`` uses),
declines what no data can answer (valuations, flows, forecasts, causes and
news, series outside the store), and picks the intent from the cue words of
:mod:`rotoscope.language._questions`, tried in a fixed order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from rotoscope.ask._query import Intent, Query
from rotoscope.calendar import previous_session
from rotoscope.language import (
    CAUSE_QUESTION,
    CHANGE_WORDS,
    CROSS_CUES,
    CURVE_CUES,
    EXTREME_CUES,
    FORECAST_QUESTION,
    INTENT_CUES,
    MOVING_AVERAGE,
    OUT_OF_DATA_TOPICS,
    POINTS_CUES,
    RECORD_CUES,
    ROLLING_SHARE_CUES,
    RUN_CUES,
    STREAK_LENGTH,
    UNDATED_EVENT,
    UNSUPPORTED_MEASURES,
    NameFixer,
    SubjectMatcher,
    expand_shorthand,
    find_asked_period,
    find_dates,
    find_periods,
    find_unknown_subjects,
    normalise,
    parse_date,
)
from rotoscope.universe import Universe

__all__ = ["Parsed", "QuestionParser"]

_AS_OF = re.compile(r"\b(?:as of|as at|at the close (?:of|on)|on)\s+(?P<d>[A-Z][a-z]+\.?\s+"
                    r"\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})", re.IGNORECASE)
#: Upper-case words that are not tickers.
_NOT_TICKERS = frozenset((
    "I", "A", "AN", "US", "USA", "UK", "EU", "ETF", "ETFS", "YTD", "MTD", "QTD", "WTD", "RS",
    "RRG", "SMA", "DMA", "EMA", "MA", "GDP", "CPI", "EPS", "AI", "AND", "OR", "THE", "VS",
    "FOMC", "FED", "OK", "Q1", "Q2", "Q3", "Q4", "PE", "P", "E", "NYSE", "AMEX", "ET", "PM",
    "AM", "CEO", "IPO", "OTC", "S&P", "DOW"))
_TICKER = re.compile(r"(?<![\w^$.])\$?(?P<t>[A-Z]{2,5})(?![\w&])")
_GENERIC_VALUE = re.compile(r"(?:closing|close|its|the|a|book|market|fair|face)\s+$",
                            re.IGNORECASE)
#: Words that begin a period; one that no rule read leaves the period unknown.
_PERIOD_START = re.compile(
    r"\b(?:(?:week|weeks|month|months|year|days|sessions|quarter)\s+(?:after|following|before)"
    r"|(?:after|following|before|prior to|until|till)\s+(?:the|its|their|last|this|a)\b"
    r"|from (?:its|the|their) [^?]{0,30}\b(?:high|peak|top|low|bottom|trough)\s+to\b)",
    re.IGNORECASE)
_PAIR_WORDS = re.compile(r"\b(?:beat(?:en|ing|s)?|outperform\w*|underperform\w*|against|"
                         r"versus|vs\.?|over|relative|lead(?:s|ing)?|led|lag\w*|trail\w*|"
                         r"ahead|behind)\b", re.IGNORECASE)


@dataclass
class Parsed:
    """A query and what the parser noticed on the way (shown as notes)."""

    query: Query
    notes: list[str] = field(default_factory=list)
    period_phrase: str | None = None
    understood: bool = True
    #: the question after shorthand and misspelt names were spelt out
    text: str = ""
    #: further periods the same question asks about ("in Q1 and Q2"), answered in turn
    more_windows: list[str] = field(default_factory=list)
    #: further series asked about the same way ("the YTD return for X and Y")
    more_subjects: list[str] = field(default_factory=list)
    #: further sessions a question about closing levels names ("on May 1 and June 1")
    more_dates: list[dt.date] = field(default_factory=list)


class QuestionParser:
    """Turns questions into queries for one universe.

    Parameters
    ----------
    universe
        Its names, tickers and aliases are the vocabulary of subjects.
    members
        Index members the store holds prices for, symbol to company name.
    """

    def __init__(self, universe: Universe, members: dict[str, str] | None = None) -> None:
        self.universe = universe
        self.matcher = SubjectMatcher(universe)
        self.tickers = {s.upper() for s in universe.series}
        self.members = members or {}
        self._companies = self._company_words(self.members)
        self.fixer = NameFixer(universe)

    @staticmethod
    def _company_words(members: dict[str, str]) -> dict[str, str]:
        """Return the distinctive first word of each company name ("Nvidia" -> NVDA)."""
        out: dict[str, str] = {}
        for symbol, company in members.items():
            word = re.split(r"[\s,.]", company.strip())[0]
            if len(word) >= 4 and word[0].isupper():
                out.setdefault(word.lower(), symbol)
        return out

    # ------------------------------------------------------------------ parse
    def parse(self, question: str, as_of: dt.date | None = None,
              previous: Query | None = None) -> Parsed:
        """Return the query a question asks (``unanswerable`` with a reason when declined).

        ``as_of`` is the date relative periods resolve against (the store's last
        date when the caller has nothing better). A date in the question is a
        period, an event or the session asked about, never the as-of date.
        ``previous`` is the query of an earlier part of the same question: a
        part that names no series ("how far is it from its record?") is about
        the same ones, and "that half" is the same period.
        """
        text = expand_shorthand(" ".join(normalise(question).replace("’", "'").split()),
                                self.fixer)
        notes: list[str] = []
        ref = as_of or dt.date.today()
        point_day = None
        m = _AS_OF.search(text)
        if m is not None and re.match(r"(?i)as of|as at", m.group(0)):
            point_day = parse_date(m.group("d"))
        subjects: list[str] = []

        def decline(reason: str, understood: bool = True) -> Parsed:
            return Parsed(Query(intent="unanswerable", reason=reason,
                                subjects=tuple(subjects[:4])), notes, understood=understood,
                          text=text)

        if not text:
            return decline("the question is empty")
        for pattern, reason in OUT_OF_DATA_TOPICS:
            hit = pattern.search(text)
            if hit is not None:
                return decline(f"“{hit.group(0)}” asks for {reason}")
        if FORECAST_QUESTION.search(text):
            return decline("it asks about the future; the data only hold what has happened, "
                           "and rotoscope does not forecast")
        if CAUSE_QUESTION.search(text):
            return decline("it asks why something happened; the data hold prices, not news "
                           "or causes, so rotoscope can say what moved and by how much, "
                           "not why")

        mentions = [k for k in self.matcher.find(text)
                    if not (k.alias.lower() == "value"
                            and (_GENERIC_VALUE.search(text[:k.span[0]])
                                 or text[k.span[1]:].lstrip().lower().startswith("of")))]
        found = [u for u in find_unknown_subjects(text, [k.span for k in mentions],
                                                  self.tickers)
                 if u.name not in self.members
                 # "S&P 500 52-week": a number that begins a measure is not part of a name
                 and not (re.search(r"\s\d+$", u.name)
                          and re.match(r"-(?:week|day|month|year|session)", text[u.span[1]:]))]
        # an unknown name that runs past a known one is another index ("Russell Top 50")
        mentions = [k for k in mentions if not any(
            u.span[0] <= k.span[1] and k.span[0] < u.span[1] for u in found)]
        curve = CURVE_CUES.search(text)
        if curve is not None:  # "2s10s" names two yields, not the series its digits suggest
            mentions = [k for k in mentions if not (k.span[0] < curve.end()
                                                    and curve.start() < k.span[1])]
        known_spans = [k.span for k in mentions]
        for k in mentions:
            if k.symbol not in subjects:
                subjects.append(k.symbol)
        unknown = [u.name for u in found]
        taken = known_spans + [u.span for u in found]
        # in a question typed in capitals every word looks like a ticker: only "$SO" counts
        shouting = not re.search(r"[a-z]", question)
        stocks = self._stocks(text, taken)
        if shouting:
            stocks = [t for t in stocks if f"${t}" in text]
        for s in stocks:
            if s not in subjects:
                subjects.append(s)
        if not shouting:
            unknown += [t for t in self._bare_tickers(text, taken)
                        if t not in self.members and t not in unknown]
        if unknown and not subjects:
            names = ", ".join(f"“{u}”" for u in unknown)
            return decline(f"{names} is not a series in the store (it holds the universe's "
                           "indices, ETFs, rates and the S&P 500 members' closes)")
        if unknown:
            notes.append("Not in the store, so left out: " + ", ".join(unknown) + ".")
        refers = previous is not None and re.search(
            r"(?i)\b(?:it|its|they|their|them|that|those|both)\b", text) is not None
        if previous is not None and previous.subjects and refers:
            if not subjects:
                subjects = list(previous.subjects)
            elif re.search(r"(?i)\bcompare|\bversus\b|\bvs\b|\bagainst\b|\bthan\b", text):
                # "how does that compare with the Dow": the earlier series against the new one
                subjects = [s for s in previous.subjects[:1] if s not in subjects] + subjects
        hit = next((h for h in UNSUPPORTED_MEASURES.finditer(text)
                    if not any(a <= h.start() < b for a, b in known_spans)), None)
        if hit is not None:  # "volatility" inside "the CBOE Volatility Index" is a name
            return decline(f"“{hit.group(0)}” is a measure rotoscope does not answer")

        asked = find_asked_period(text, ref)
        periods = [p for p in find_periods(text, ref)
                   if not (p.window == "1d" and p.phrase.lower() == "daily")
                   and not (asked and p.span[0] < asked.span[1] and asked.span[0] < p.span[1])]
        period = periods[0] if periods and not asked else None
        window = asked.window if asked else (period.window if period else None)
        phrase = asked.phrase if asked else (period.phrase if period else None)
        spans = [p.span for p in periods] + ([asked.span] if asked else [])
        dates = [d for d in find_dates(text, ref)
                 if not any(d.span[0] < b and a < d.span[1] for a, b in spans)]
        day = point_day or next((d.date for d in dates), None)
        if asked is not None and asked.end is not None:
            day = min(asked.end, ref)
            if asked.end > ref:
                notes.append(f"The period runs past the data; the answer ends on {ref}.")
        if period is not None and period.anchor == "prior":
            window = "1d"
            day = day or previous_session(ref - dt.timedelta(days=1))
            notes.append("“" + period.phrase + "” is read as the session before the as-of date.")
        elif period is not None and period.anchor == "previous-week":
            day = day or (ref - dt.timedelta(days=ref.weekday() + 1))
            notes.append("“" + period.phrase + "” is read as the last complete week before the "
                         "as-of date.")
        if window is None and previous is not None and (refers or re.search(
                r"(?i)\b(?:that|the same|this)\s+(?:half|quarter|month|year|period|week|"
                r"window|stretch|span)\b", text)):
            window, day = previous.window, previous.date
        if window is None and day is None:
            event = UNDATED_EVENT.search(text)
            if event is not None:
                return decline(f"it names a period by an event (“{event.group(0).strip()}”) "
                               "without dates; give the dates, e.g. “between March 3, 2026 "
                               "and June 30, 2026”, or a month, quarter or year")

        ma = MOVING_AVERAGE.search(text) or re.search(r"\b(?P<n>20|50|200)[- ]?(?:day|dma|d)\b",
                                                       text, re.IGNORECASE)
        ma_n = int(ma.group("n")) if ma else None
        special = self._measure(text, subjects, window, ma is not None, spans)
        if special is None and not subjects and previous is not None and \
                previous.intent in ("curve", "rolling_share") and \
                re.search(r"(?i)\b(?:it|its|that|this)\b", text):
            special = previous.intent  # "what is the 2s10s, and how has it changed?"
        if special is not None:
            return self._special(special, text, subjects, window, day, ma_n, notes, phrase,
                                 decline)

        intent = self._intent(text, subjects)
        cued = intent is not None and any(
            name == intent and pat.search(text) for name, pat in INTENT_CUES)
        if intent in ("streak", "run", "base_rate") and window is not None and \
                window.startswith("since-"):
            window = None  # "longest since 1996" says how rare, not over which period
        if intent is None:
            return decline("it names no series or measure rotoscope knows", understood=False)
        if intent in ("performance", "compare", "streak", "run", "technical", "relative_trend",
                      "level") and not subjects:
            if intent in ("streak", "relative_trend", "compare"):
                subjects = [self._primary("size")[0], self._primary("size")[1]]
                notes.append("No series named; read as small caps (Russell 2000) against "
                             "large caps (S&P 500).")
            elif intent == "technical":
                subjects = [self.universe.benchmarks.get("us_large_index", "^GSPC")]
                notes.append("No series named; read as the S&P 500.")
            elif re.search(r"(?i)\bthe (?:stock |equity |broad |overall )?market\b|"
                           r"\b(?:us |u\.s\. |american )?(?:stocks|equities)\b", text):
                subjects = [self.universe.benchmarks.get("us_large_index", "^GSPC")]
                notes.append("“The market” is read as the S&P 500.")
            else:
                return decline("it names no series in the store", understood=False)
        if intent in ("compare", "relative_trend", "streak", "base_rate") and \
                any(self._is_rate(s) for s in subjects):
            return decline(f"it compares {self._names(subjects)}: a yield moves in basis "
                           "points and is not set against a price's percent return; ask how "
                           "the yield changed, or for the 2s10s curve")
        if intent in ("compare", "relative_trend", "streak") and len(subjects) == 1:
            partner = self.partner(subjects[0])
            if partner is None:
                if intent == "streak":
                    intent = "run"
                else:
                    return decline(f"it does not say what {subjects[0]} is compared with")
            else:
                subjects.append(partner)
        if intent == "base_rate" and len(subjects) < 2:
            subjects = list(self._primary("size")) if not subjects else \
                [subjects[0], self.partner(subjects[0]) or self._primary("size")[1]]
        others: list[str] = []
        if intent == "performance" and len(subjects) >= 2:
            if _PAIR_WORDS.search(text) or re.search(r"(?i)\bcompar|\bspread\b|\bgap\b|"
                                                     r"\bdifference\b|\bbetter\b|\bworse\b",
                                                     text):
                intent = "compare"
            else:  # "the YTD return for the S&P 500 and the Nasdaq": each one's change
                subjects, others = subjects[:1], subjects[1:]
        if intent == "level" and day is None and window is not None and period is not None:
            intent = "performance"
        if intent == "performance" and not cued and window is None and day is not None:
            intent = "level"  # "what was the VIX on April 8": a value, not a change
        if intent in ("performance", "compare") and window is None and day is not None:
            window = "1d"  # "how did X do on March 3": the session's change
        unread = self._unread_period(text, spans + [d.span for d in dates])
        if unread is not None and intent in ("performance", "compare", "level"):
            return decline(f"it names a period rotoscope cannot read (“{unread}”); give the "
                           "dates, e.g. “between March 3, 2026 and June 30, 2026”")
        if intent in ("performance", "compare") and window is None:
            return decline(f"it names {self._names(subjects)} but no "
                           + ("period" if cued else "measure or period")
                           + " rotoscope can read (year to date, in 2025, the first half of "
                           "2026, between two dates)", understood=False)

        length = None
        if intent == "base_rate":
            lm = STREAK_LENGTH.search(text)
            if lm is not None:
                length = int(lm.group("n") or lm.group("n2"))
        side = "both"
        low = text.lower()
        if re.search(r"\b(?:worst|weakest|lagg\w*|bottom|laggards?|trail\w*|underperform\w*)\b",
                     low):
            side = "laggards"
        if re.search(r"\b(?:best|strongest|lead\w*|led|top|leaders?|outperform\w*)\b", low):
            side = "both" if side == "laggards" else "leaders"
        query = Query(
            intent=intent,
            subjects=tuple(subjects[:4]),
            window=window,
            date=day,
            ma_sessions=ma_n if ma_n in (20, 50, 200) else None,
            length=length,
            side=side,
            points="index" if re.search(r"(?i)\b(?:how many|index) points\b", text) else "bp",
            focus="cross" if re.search(r"(?i)\b(?:golden|death) cross", text) else
            "52w" if re.search(r"(?i)\b52-week\b", text) else None,
            basis="total" if re.search(r"(?i)\btotal[- ]returns?\b|\bwith dividends\b|"
                                       r"\bincluding dividends\b", text) else
            "price" if re.search(r"(?i)\bprice (?:return|change)s?\b", text) else None,
        )
        more = [p.window for p in (periods if asked else periods[1:])
                if p.window != window and p.anchor == "as_of"]
        # "in 2024 and 2025": a year joined to a year period is a period too
        more += [f"year-{y}" for y in re.findall(r"(?i)\bin (?:19|20)\d{2}(?:,? (?:and|or) |, )"
                                                  r"((?:19|20)\d{2})\b", text)]
        return Parsed(query, notes, phrase, text=text, more_subjects=others,
                      more_windows=list(dict.fromkeys(more)) if intent in (
                          "performance", "compare") and day is None else [],
                      more_dates=list(dict.fromkeys(
                          d.date for d in dates[1:] if d.date != day)) if intent == "level"
                      and point_day is None else [])

    def _measure(self, text: str, subjects: list[str], window: str | None,
                 has_ma: bool, periods: list[tuple[int, int]]) -> str | None:
        """Return a level measure the question asks for (extreme, record, cross...), if any.

        ``periods`` are the spans of period phrases: "since the April 2025 low" is a
        period, not a question about a low.
        """
        rates = bool(subjects) and all(self._is_rate(s) for s in subjects)
        if ROLLING_SHARE_CUES.search(text):
            return "rolling_share"
        if CURVE_CUES.search(text) and (not subjects or rates):
            return "curve"
        if rates and len(subjects) == 2 and self._curve_pair(subjects):
            return "curve"  # "the spread between the 10-year and 2-year yields"
        if not subjects:
            return None
        cross = CROSS_CUES.search(text)
        when = re.search(r"(?i)\bwhen\b|\bever\b|\blast\b", text) and re.search(
            r"(?i)\b(?:below|under|above|over)\b", text)
        if (cross is not None or when) and has_ma and \
                not re.search(r"(?i)\b(?:golden|death)\b", text):
            return "cross"
        distance = re.search(r"(?i)\bhow far\b|\bdistance\b|\bfrom (?:its|the)\b|\boff\b|"
                             r"\bbelow\b|\bcorrection\b|\bbear market\b", text)
        if RECORD_CUES.search(text) and (distance or window is None or
                                         not EXTREME_CUES.search(text)):
            return "record"
        extreme = next((m for m in EXTREME_CUES.finditer(text)
                        if not any(a <= m.start() < b for a, b in periods)), None)
        if extreme is not None and not (distance and "52-week" in extreme.group(0).lower()):
            return "extreme"
        if rates and (window is not None or POINTS_CUES.search(text) or
                      (CHANGE_WORDS.search(text) and not re.search(
                          r"(?i)\b(?:what|where) is\b[^?]*\?*$", text))):
            return "yield_change"  # a yield over a period: its change in points, never percent
        return None

    def _curve_pair(self, subjects: list[str]) -> bool:
        metas = [self.universe.meta(s) for s in subjects]
        names = {m.name.lower() for m in metas if m is not None}
        return any("10-year" in n for n in names) and any("2-year" in n for n in names)

    def _names(self, subjects: list[str]) -> str:
        metas = [(s, self.universe.meta(s)) for s in subjects]
        return " and ".join("the " + m.name if m is not None else self.members.get(s, s)
                            for s, m in metas)

    @staticmethod
    def _unread_period(text: str, read: list[tuple[int, int]]) -> str | None:
        """Return a period phrase no rule read ("the week after the March 2026 low").

        A word that starts a period ("after", "following", "before", "until",
        "from its ... high to its ... low") outside every period and date read
        means the question's period was not understood.
        """
        for m in _PERIOD_START.finditer(text):
            if not any(a <= m.start() and m.end() <= b for a, b in read):
                return text[m.start():m.start() + 60].split("?")[0].strip()
        return None

    def _is_rate(self, symbol: str) -> bool:
        meta = self.universe.meta(symbol)
        return meta is not None and meta.kind == "rate"

    def _special(self, intent: str, text: str, subjects: list[str], window: str | None,
                 day: dt.date | None, ma_n: int | None, notes: list[str],
                 phrase: str | None, decline: Callable[[str], Parsed]) -> Parsed:
        """Return the query of a level measure, or decline what it lacks."""
        extreme: Literal["high", "low"] | None = None
        direction: Literal["above", "below"] | None = None
        factor: Literal["SMB", "HML"] | None = None
        date = day
        if intent == "extreme":
            m = EXTREME_CUES.search(text)
            assert m is not None
            word = (m.group("side") or m.group("side2") or m.group("side3") or "high").lower()
            extreme = "low" if word in ("lowest", "low", "bottom") else "high"
            if "52-week" in text.lower() and window is None:
                window, phrase = "252d", "52-week"
            if window is None:
                return decline(f"it asks for the {extreme}est close of {self._names(subjects)} "
                               "but names no period it can read (this year, in 2025, the "
                               "first half of 2026, the past 52 weeks)")
            date = None
        elif intent == "cross":
            m = CROSS_CUES.search(text)
            d = (m.group("dir") or "").lower() if m is not None else ""
            low = text.lower()
            if d in ("below", "under") or re.search(r"\bbelow\b|\bunder\b", low):
                direction = "below"
            elif d in ("above", "over") or re.search(r"\babove\b|\bover\b", low):
                direction = "above"
            window = None
        elif intent == "rolling_share":
            factor = "HML" if re.search(r"(?i)\bvalue\b|\bgrowth\b|\bHML\b", text) else "SMB"
            subjects, window, date = [], None, None
        elif intent == "curve":
            subjects = []
            changed = CHANGE_WORDS.search(text) or POINTS_CUES.search(text) or re.search(
                r"(?i)\bsteepen\w*|\bflatten\w*", text)
            if window is not None and not changed:
                window = None
            if window is None and changed and not re.search(r"(?i)\b(?:what|where) is\b|"
                                                            r"\bhow (?:steep|flat|wide)\b",
                                                            text):
                return decline("it asks how the 2s10s curve changed but names no period it "
                               "can read (this year, since the start of the year, in 2025)")
        elif intent == "yield_change" and window is None:
            return decline(f"it asks how {self._names(subjects)} changed but names no period it "
                           "can read (this year, in 2025, in the second quarter of 2026)")
        points: Literal["bp", "pp", "index"] = "pp" if re.search(
            r"(?i)\bpercentage points?\b", text) else "bp"
        if intent == "record" and not re.search(
                r"(?i)\bhow far\b|\bdistance\b|\bfrom (?:its|the)\b|\boff\b|\bbelow\b|"
                r"\bcorrection\b|\bbear market\b|\brelative to\b|\bversus\b|\bvs\b", text):
            extreme = "high"  # "what is the record close": the record itself leads
        query = Query(intent=intent,
                      subjects=tuple(subjects[:1]), window=window, date=date,
                      ma_sessions=ma_n if ma_n in (20, 50, 200) else None, extreme=extreme,
                      direction=direction, points=points, factor=factor)
        return Parsed(query, notes, phrase, text=text)

    # ------------------------------------------------------------------ helpers
    def _intent(self, text: str, subjects: list[str]) -> Intent | None:
        for intent, pattern in INTENT_CUES:
            if not pattern.search(text):
                continue
            if intent == "streak":
                single = len(subjects) == 1 and not _PAIR_WORDS.search(text)
                if single and RUN_CUES.search(text):
                    return "run"
            if intent == "sectors" and not re.search(r"(?i)\bsectors?\b|\brank", text):
                continue
            if intent == "compare" and len(subjects) < 2 and not re.search(
                    r"(?i)\b(?:outperform|underperform|beat|against|versus|vs|relative to|"
                    r"compared?|lead|led|lag|trail|spread|ahead|behind)", text):
                continue
            return intent  # type: ignore[return-value]
        if subjects:
            return "compare" if len(subjects) > 1 else "performance"
        return None

    def _primary(self, dimension: str) -> tuple[str, str]:
        for p in self.universe.pairs:
            if p.dimension == dimension and p.primary:
                return p.a, p.b
        p = self.universe.pairs[0]
        return p.a, p.b

    def partner(self, symbol: str) -> str | None:
        """Return what a series is usually measured against (its primary pair's other side)."""
        pairs = sorted(self.universe.pairs, key=lambda p: not p.primary)
        for p in pairs:
            if p.a == symbol:
                return p.b
            if p.b == symbol:
                return p.a
        meta = self.universe.meta(symbol)
        if meta is None:  # an index member: measured against the S&P 500
            return self.universe.benchmarks.get("us_large_index")
        if meta.category == "sector":
            return self.universe.sector_benchmark
        if meta.kind == "etf":
            return self.universe.benchmarks.get("us_large_etf")
        if meta.kind == "index" and symbol != self.universe.benchmarks.get("us_large_index"):
            return self.universe.benchmarks.get("us_large_index")
        return None

    def _stocks(self, text: str, known: list[tuple[int, int]]) -> list[str]:
        out: list[str] = []
        for m in _TICKER.finditer(text):
            t = m.group("t")
            inside = any(a <= m.start() < b for a, b in known)
            if not inside and t in self.members and t not in _NOT_TICKERS:
                out.append(t)
        for m in re.finditer(r"\b[A-Z][a-z]{3,}\b", text):
            symbol = self._companies.get(m.group(0).lower())
            inside = any(a <= m.start() < b for a, b in known)
            if symbol is not None and not inside and symbol not in out:
                out.append(symbol)
        return out

    def _bare_tickers(self, text: str, known: list[tuple[int, int]]) -> list[str]:
        out: list[str] = []
        for m in _TICKER.finditer(text):
            t = m.group("t")
            if t in _NOT_TICKERS or t in self.tickers or any(a <= m.start() < b
                                                               for a, b in known):
                continue
            out.append(t)
        return out

