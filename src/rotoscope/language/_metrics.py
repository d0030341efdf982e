"""The words that say what a number measures, and which numbers are out of reach.

A number in market prose is a change over a period, a level on a date, a
spread between two series, a streak and its rarity, a moving average or a
weekly range, or something no price file can verify (a valuation, a fund
flow, an analyst target, a forecast). These cue lists are the checker's and
the question answerer's shared vocabulary of metrics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "COMPARISON",
    "DOWN_WORDS",
    "DRAWDOWN",
    "HIGH_LOW_52W",
    "LEVEL_CUES",
    "MA_DISTANCE",
    "MOVING_AVERAGE",
    "OUTPERFORM",
    "OUT_OF_DATA_TOPICS",
    "RANGE_CUES",
    "RARITY",
    "RARITY_DOWN",
    "RARITY_FREQUENCY",
    "RARITY_UP",
    "RECORD_HIGH",
    "RETURN_RARITY",
    "STREAK_CUES",
    "STREAK_WORDS",
    "TOTAL_RETURN",
    "UNVERIFIABLE_TOPICS",
    "UP_WORDS",
    "WEEKLY_TITLE",
    "UnknownSubject",
    "find_unknown_subjects",
    "unverifiable_topic",
]

#: Topics outside any price, rate or factor file: valuations, flows, ratings,
#: forecasts, economic statistics, fundamentals, money amounts and trading
#: statistics. The checker cannot verify them and the question answerer declines them.
OUT_OF_DATA_TOPICS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.IGNORECASE), reason) for p, reason in [
        (r"\bp/?e\b|price[- ]to[- ]earnings|\bmultiples?\b|valuations?|\bdiscount\b|"
         r"\bpremium\b|cheap(?:er)?\b|expensive",
         "a valuation measure; the data hold prices, not earnings or valuations"),
        (r"\binflows?\b|\boutflows?\b|\bflow(?:s|ed|ing)?\b|\bpoured into\b|\bredemptions?\b|"
         r"\bassets under management\b|\bAUM\b",
         "a fund-flow figure; the data hold prices, not flows"),
        (r"\bprice targets?\b|\btargets?\b|\bupgraded?\b|\bdowngraded?\b|\brating\b|"
         r"\boverweight\b|\bunderweight\b",
         "an analyst rating or price target, not market data"),
        (r"\bforecasts?\b|\bprojected\b|\bprojections?\b|\bproject(?:s)?\b|\bexpects?\b|"
         r"\bexpected\b|\bestimates?\b|\bguidance\b|\bseen at\b",
         "a forecast or expectation; the data only hold what happened"),
        (r"\bGDP\b|\binflation\b|\bCPI\b|\bunemployment\b|\bpayrolls?\b|\bjobs\b",
         "an economic statistic that is not in the data"),
        (r"\bearnings\b|\bEPS\b|\bsales\b|\brevenues?\b|\bmargins?\b|\bprofits?\b",
         "a company fundamental; the data hold prices, not financial statements"),
        (r"\bmarket[- ]cap(?:italization)?\b|\bvalued at\b|\bbillion\b|\bmillion\b|\btrillion\b"
         r"|\$\d[\d.,]*\s?[MBT]\b",
         "a market value or money amount that is not in the data"),
        (r"\bshort interest\b|\bimplied volatility\b|\bopen interest\b|\bvolume\b|\bbuybacks?\b",
         "a trading statistic that is not in the data"),
    ]
]

#: Topics no daily price, rate or factor file can verify, with the reason given:
#: :data:`OUT_OF_DATA_TOPICS` plus the statistics rotoscope computes but the claim
#: checker does not recompute from a sentence (base rates, z-scores, breadth counts).
UNVERIFIABLE_TOPICS: list[tuple[re.Pattern[str], str]] = OUT_OF_DATA_TOPICS + [
    (re.compile(p, re.IGNORECASE), reason) for p, reason in [
        (r"\bscores?\b|\branking\b|\bsentiment\b|\bsurvey\b",
         "a third-party score or survey whose method and data are not available"),
        (r"\bof (?:the )?(?:[\d,]+ )?(?:time|cycles|occasions|cases|episodes|instances|"
         r"Januaries|years)\b|"
         r"\bof rolling\b|\bon average\b|\(average\b|\ban average of\b|\bbase rates?\b",
         "a base rate over past episodes (how often, or how much on average, something "
         "happened before); the checker recomputes market moves, not historical statistics"),
        (r"\bz-scores?\b|\bstandard deviations?\b|\bpercentile\b",
         "a statistical measure of a move against its own history, not a move itself"),
        (r"\b(?:size|value|momentum|market) factor\b|\bFama[- ]French\b|\bSMB\b|\bHML\b",
         "a Fama/French factor return; the checker verifies prices, rates and spreads"),
        (r"\bratio\b|\bRS-(?:Ratio|Momentum)\b",
         "a relative-strength ratio between two series; the checker verifies each series' "
         "own prices and the spread of their returns"),
        (r"\bmembers\b|\bconstituents\b|\badvance-decline\b|\badvancers\b|\bdecliners\b|"
         r"\bnew highs\b|\bclosing highs against\b",
         "a breadth count across index members; the checker verifies index and ETF prices"),
        (r"\byield curve\b|\bcurve\b|\bslope\b|\b2s10s\b",
         "a yield-curve slope (the difference of two yields)"),
        (r"\bcyclical sectors\b|\bcyclicals\b|\bdefensive (?:sectors|ones)\b|\bdefensives\b",
         "an equal-weighted average of a sector group, not one series"),
    ]
]

#: "3.08% above its 50-day moving average": the distance from an average, in percent.
MA_DISTANCE = re.compile(
    r"\s*(?P<pos>above|below|under|over)\s+(?:its|the|their)\s+(?P<n>\d{1,3})[- ]"
    r"(?:day|session)(?:[- ](?:simple\s+)?moving)?[- ](?:average|MA|SMA)\b", re.IGNORECASE)

#: "0.22% below its 52-week high" / "below its highest close of the past year".
DRAWDOWN = re.compile(
    r"\s*(?:below|under|off|from)\s+(?:its|the)\s+(?:(?P<record>record|all-time)\s+"
    r"(?:closing\s+)?(?:high|close)|52-week(?:\s+closing)?\s+high|"
    r"highest close of the (?:past|last) year|(?:one|1)-year high)\b", re.IGNORECASE)

#: "its record close of 6,976.44", "an all-time high of $697.84" (the record level).
RECORD_HIGH = re.compile(
    r"\b(?:record|all-time)\s+(?:closing\s+)?(?:high|close)\b[^.;]{0,12}\b(?:at|of)\s*$",
    re.IGNORECASE)

#: "the 52-week closing high at $695.49" (a level named by the look-back extreme).
HIGH_LOW_52W = re.compile(
    r"\b52-week\s+(?:closing\s+)?(?P<side>high|low)\b[^.;]{0,12}\b(?:at|of)\s*$",
    re.IGNORECASE)

#: "on a total-return basis", "total return of": the claim is a total return.
TOTAL_RETURN = re.compile(r"\btotal[- ]return\b", re.IGNORECASE)

#: Words that make a number the length of a streak.
STREAK_CUES = re.compile(
    r"\bstreak|\bconsecutive\b|\bin a row\b|\bstraight\b|\bwinning run\b|\blosing run\b|"
    r"\bwin(?:ning)? streak", re.IGNORECASE)

_MONTH_NAMES = (r"January|February|March|April|May|June|July|August|September|October|"
                r"November|December")

#: Words that make a rarity a streak's ("the longest run since") rather than a return's.
STREAK_WORDS = re.compile(r"\b(?:streak|run|consecutive|in a row|straight|sessions)\b",
                          re.IGNORECASE)

#: A title that makes the whole text about one week: "Weekly Market Recap", "Week
#: Ending January 16", "The Week in Markets".
WEEKLY_TITLE = re.compile(r"\bweekly\s+(?:market\s+)?(?:recap|review|wrap|update|summary|"
                          r"roundup|report|commentary)\b|\bweek\s+ending\b|"
                          r"\b(?:the\s+)?week\s+in\s+(?:review|markets?)\b", re.IGNORECASE)

#: "the longest (such) streak since May 1996", "longest in 35 years",
#: "first time since 1990", "a record" — how rare a streak is.
RARITY = re.compile(
    r"\b(?:longest|first|best|strongest)\b[^.;:]{0,40}?\bsince\s+(?:(?P<month>" + _MONTH_NAMES +
    r")\s+)?"
    r"(?P<year>(?:19|20)\d{2})\b"
    r"|\b(?:longest|first)\b[^.;:]{0,30}?\bin\s+(?:(?:more than|over|nearly|almost|about)\s+)?"
    r"(?P<years>\d+|[a-z]+(?:-[a-z]+)?)\s+years\b",
    re.IGNORECASE)

#: "its best January since 2019", "the worst day since April", "the biggest weekly
#: gain in five years": how rare a period's return is. ``mid`` holds the words
#: that say which period and which way; a streak word there makes it a streak
#: rarity instead (:data:`RARITY`).
RETURN_RARITY = re.compile(
    r"\b(?P<dir>best|worst|biggest|largest|strongest|weakest|sharpest|steepest|deepest|"
    r"heaviest)\b(?P<mid>[^.;:]{0,40}?)"
    r"(?:\bsince\s+(?:(?P<month>" + _MONTH_NAMES + r")\b(?:\s+(?P<year>(?:19|20)\d{2})\b)?|"
    r"(?P<year2>(?:19|20)\d{2})\b)"
    r"|\bin\s+(?:(?P<qual>more than|over|nearly|almost|about)\s+)?"
    r"(?P<years>\d+|[a-z]+(?:-[a-z]+)?)\s+years\b)",
    re.IGNORECASE)

#: Which calendar period a return rarity rates, from the words before "since".
RARITY_FREQUENCY = (
    ("month_of_year", re.compile(r"\b(?P<m>" + _MONTH_NAMES + r")\b", re.IGNORECASE)),
    ("session", re.compile(r"\b(?:(?:one|single|1)[- ](?:day|session)|daily|day|session|"
                           r"trading day)\b", re.IGNORECASE)),
    ("week", re.compile(r"\bweek(?:ly)?\b", re.IGNORECASE)),
    ("month", re.compile(r"\bmonth(?:ly)?\b", re.IGNORECASE)),
    ("quarter", re.compile(r"\bquarter(?:ly)?\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:year|annual)\b", re.IGNORECASE)),
)

#: Words that make a rarity's move a gain or a loss ("biggest drop", "best week").
RARITY_UP = re.compile(r"\b(?:best|strongest|gain|gains|rally|advance|rise|jump|surge|"
                       r"increase|performance|showing|start)\b", re.IGNORECASE)
RARITY_DOWN = re.compile(r"\b(?:worst|weakest|drop|decline|loss|fall|sell-?off|slide|"
                         r"plunge|retreat|rout|slump|drawdown)\b", re.IGNORECASE)

#: "50-day moving average", "200-DMA", "20-day SMA", "50-day average".
MOVING_AVERAGE = re.compile(
    r"\b(?P<n>\d{1,3})[- ](?:DMA\b|(?:day|session|week)[- ](?:simple |exponential )?"
    r"(?:moving[- ])?(?:average|MA|SMA)\b)", re.IGNORECASE)

#: Words that make a number a level (a close, a price) rather than a change.
LEVEL_CUES = re.compile(
    r"\b(?:clos(?:e|ed|es|ing)|finish(?:ed|ing)?|end(?:ed|ing)?|settl(?:e|ed|ing)|"
    r"trad(?:e|ed|ing)|stand(?:s|ing)?|stood|sits?|hit|reach(?:ed|ing)?|level|price)\b"
    r"[^,;.%]{0,25}\b(?:at|to|of|near|around)\s*$|\b(?:at|to)\s*$|"
    r"\b(?:closed|ended|finished|settled)\s*$",
    re.IGNORECASE)

#: Words for a weekly range and the volatility derived from it.
RANGE_CUES = re.compile(r"\brange\b|\bvolatility\b|\bswing\b", re.IGNORECASE)

#: Words that put a second series against the first ("against the S&P 500").
COMPARISON = re.compile(
    r"\b(?:over|against|versus|vs\.?|relative to|compared (?:to|with)|than|beating|beaten|beat|"
    r"outperform(?:ed|ing|s)?|outpac(?:ed|ing|es)|trail(?:ed|ing|s)?|lagg?(?:ed|ing|s)?|"
    r"ahead of|behind)\s+(?:the\s+)?$",
    re.IGNORECASE)

#: Words that make a number a spread between two series.
OUTPERFORM = re.compile(
    r"\boutperform|\boutperformance|\bbeat(?:ing|s)?\b|\blead(?:ing|s)?\s+(?:of|by)|"
    r"\bahead\b|\boutpac|\bgap\b|\bspread\b|\bdifferential\b|\bunderperform|\btrail",
    re.IGNORECASE)

#: Words that make an unsigned change negative.
DOWN_WORDS = re.compile(
    r"\b(?:declin(?:e|ed|es|ing)|f[ae]ll(?:s|ing|en)?|dropp?(?:ed|s|ing)?|slipp?(?:ed|s|ing)?|"
    r"slid(?:e|es|ing)?|lost|los(?:e|es|ing)|shed|sank|sunk|sink(?:s|ing)?|tumbl(?:e|ed|es|ing)|"
    r"plung(?:e|ed|es|ing)|retreat(?:ed|s|ing)?|down|lower|weak(?:er|ness)?|lagg?(?:ed|ing)?|"
    r"decrease[ds]?|negative|loss(?:es)?|off)\b",
    re.IGNORECASE)

#: Words that make a change positive (they win over a down word further away).
UP_WORDS = re.compile(
    r"\b(?:gain(?:s|ed|ing)?|r[io]s(?:e|es|en|ing)|advanc(?:e|ed|es|ing)|climb(?:ed|s|ing)?|"
    r"rall(?:y|ied|ies|ying)|surg(?:e|ed|es|ing)|jump(?:ed|s|ing)?|soar(?:ed|s|ing)?|"
    r"add(?:ed|s|ing)?|up|higher|increase[ds]?|positive|led|lead(?:ing|s)?|"
    r"strength(?:ened)?|return(?:ed|s)?|delivered|outperform(?:ed|ing)?)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class UnknownSubject:
    """A named market series the universe does not know ("Russell Top 50")."""

    name: str
    span: tuple[int, int]


_FAMILIES = (r"Russell|MSCI|FTSE|Stoxx|STOXX|Euro Stoxx|Nikkei|Hang Seng|DAX|CAC|KOSPI|"
             r"Bloomberg|Dow Jones|S&P|Nasdaq|NYSE|Wilshire|CRSP|Morningstar|Bitcoin|Gold|"
             r"Brent|WTI|Crude")
_UNKNOWN_NAME = re.compile(
    r"\b(?:" + _FAMILIES + r")(?:[ -](?:[A-Z][\w&.-]*|\d+\b|ex-[A-Z]+|ex\b|US\b|U\.S\.))+"
    r"(?:\s+Index)?")
_TICKER = re.compile(r"\((?:NYSE|NASDAQ|Nasdaq|AMEX)?:?\s?(?P<t>[A-Z]{1,5})\)")


def find_unknown_subjects(
    text: str, known: list[tuple[int, int]], tickers: set[str]
) -> list[UnknownSubject]:
    """Return index names and parenthesised tickers that no universe series matches.

    ``known`` are the spans of the universe's own mentions; a candidate inside
    one is not unknown, while one that runs past a known name ("Russell Top 50"
    past "Russell") is a different index. ``tickers`` are the universe's symbols.
    """
    out: list[UnknownSubject] = []

    def inside(a: int, b: int) -> bool:
        return any(ka <= a and b <= kb for ka, kb in known)

    for m in _UNKNOWN_NAME.finditer(text):
        name = m.group(0).rstrip(".")
        a, b = m.start(), m.start() + len(name)
        if not inside(a, b):
            out.append(UnknownSubject(name, (a, b)))
    for m in _TICKER.finditer(text):
        if m.group("t") not in tickers and not inside(*m.span("t")):
            out.append(UnknownSubject(m.group("t"), m.span("t")))
    out.sort(key=lambda u: u.span)
    return out


def unverifiable_topic(text: str) -> tuple[str, tuple[int, int]] | None:
    """Return the reason and span of the first out-of-data topic in ``text``."""
    best: tuple[str, tuple[int, int]] | None = None
    for pattern, reason in UNVERIFIABLE_TOPICS:
        m = pattern.search(text)
        if m is not None and (best is None or m.start() < best[1][0]):
            best = (reason, m.span())
    return best
