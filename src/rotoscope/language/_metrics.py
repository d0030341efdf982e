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
    "COMMODITY",
    "COMPANY_ANCHORED",
    "COMPARISON",
    "DOWN_WORDS",
    "DRAWDOWN",
    "ECONOMIC_SERIES",
    "FUTURES_CONTRACT",
    "HIGH_LOW_52W",
    "LEVEL_CUES",
    "MA_DISTANCE",
    "MEGA_CAPS",
    "MEGA_CAP_TICKERS",
    "MOVING_AVERAGE",
    "NOT_SERIES",
    "OTHER_INDICES",
    "OUTPERFORM",
    "OUT_OF_DATA_TOPICS",
    "RANGE_CUES",
    "RARITY",
    "RARITY_DOWN",
    "RARITY_FREQUENCY",
    "RARITY_UP",
    "RECORD_HIGH",
    "RETURN_RARITY",
    "RIC_TICKER",
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
        (r"\b(?:if|once|until|unless)\s+(?:the\s+|a\s+|an\s+|it\s+)?(?:[\w&.'-]+\s+){0,5}"
         r"(?:approach|reach|hit|rise|fall|break|climb|drop|top|sink|stay|remain)\w*\b|"
         r"\b(?:could|would|might)\s+(?:\w+\s+)?(?:approach|reach|hit|test|rise|fall|climb|"
         r"drop|top|sink)\w*\b",
         "a condition or a possibility, not a statement of what happened"),
        (r"\bforecasts?\b|\bprojected\b|\bprojections?\b|\bproject(?:s)?\b|\bexpects?\b|"
         r"\bexpected\b|\bestimates?\b|\bguidance\b|\bseen at\b",
         "a forecast or expectation; the data only hold what happened"),
        (r"\bGDP\b|\binflation\b|\bCPI\b|\bunemployment\b|\bpayrolls?\b|\bjobs\b|\bPCE\b|"
         r"\bPPI\b|\bISM\b|\bPMI\b|\bjobless claims\b|\binitial claims\b|\bretail sales\b",
         "an economic statistic that is not in the data"),
        (r"\bearnings\b|\bEPS\b|\bsales\b|\brevenues?\b|\bmargins?\b|\bprofits?\b",
         "a company fundamental; the data hold prices, not financial statements"),
        (r"\bmarket[- ]cap(?:italization)?\b|\bmarket value\b|\bvalued at\b|\bbillion\b|"
         r"\bmillion\b|\btrillion\b|\$\d[\d.,]*\s?[MBT]\b",
         "a market value or money amount that is not in the data"),
        (r"\bshort interest\b|\bimplied volatility\b|\bopen interest\b|\bvolume\b|\bbuybacks?\b|"
         r"\bchanged hands\b|\bshares (?:traded|exchanged)\b",
         "a trading statistic that is not in the data"),
    ]
]

#: Topics no daily price, rate or factor file can verify, with the reason given:
#: :data:`OUT_OF_DATA_TOPICS` plus the statistics rotoscope computes but the claim
#: checker does not recompute from a sentence (base rates, z-scores, breadth counts).
UNVERIFIABLE_TOPICS: list[tuple[re.Pattern[str], str]] = OUT_OF_DATA_TOPICS + [
    (re.compile(p, re.IGNORECASE), reason) for p, reason in [
        (r"\bscores?\b|\branking\b|\bsentiment (?:index|survey|reading|gauge|indicator)\b|"
         r"\b(?:consumer|investor|market) sentiment\b|\bsurvey\b",
         "a third-party score or survey whose method and data are not available"),
        (r"\bof\s+(?:the\s+)?(?:[\d,]+\s+)?(?:time|cycles|occasions|cases|episodes|instances|"
         r"Januaries|years)\b|"
         r"\bof\s+(?:the\s+)?rolling\b|\bon average\b|\(average\b|\ban average of\b|"
         r"\bbase rates?\b|"
         r"\baverage (?:annual |monthly |weekly |daily )?(?:gains?|returns?|losses?|declines?|"
         r"moves?|advances?)\b|\bhistorically\b|\btypically\b",
         "a base rate over past episodes (how often, or how much on average, something "
         "happened before); the checker recomputes market moves, not historical statistics"),
        (r"\bz-scores?\b|\bstandard deviations?\b|\bpercentile\b",
         "a statistical measure of a move against its own history, not a move itself"),
        (r"\b(?:size|value|momentum|market) factor\b|\bFama\s?[-/ ]\s?French\b|\bSMB\b|\bHML\b",
         "a Fama/French factor return; the checker verifies prices, rates and spreads"),
        (r"\bratio\b|\bRS-(?:Ratio|Momentum)\b",
         "a relative-strength ratio between two series; the checker verifies each series' "
         "own prices and the spread of their returns"),
        (r"\bmembers\b|\bconstituents\b|\badvance-decline\b|\badvancers\b|\bdecliners\b|"
         r"\b\d[\d,]*\s+(?:new|fresh) (?:52-week )?(?:highs|lows)\b|"
         r"\bnew (?:highs|lows) (?:outnumber\w*|against|versus|vs\.?)\b|"
         r"\bclosing highs against\b",
         "a breadth count across index members; the checker verifies index and ETF prices"),
        (r"\b(?:yield )?curve (?:slope|steepen\w*|flatten\w*|invert\w*|inversion|spread)\b|"
         r"\b(?:steepen|flatten|invert)\w* (?:of )?the (?:yield )?curve\b|\bslop(?:e|ed|ing)\b|"
         r"\byield curve\b|"
         r"\b2s10s\b|\b2s/10s\b|\b10s2s\b|\bterm spread\b",
         "a yield-curve slope (the difference of two yields)"),
        (r"\bcyclical sectors\b|\bcyclicals\b|\bdefensive (?:sectors|ones)\b|\bdefensives\b",
         "an equal-weighted average of a sector group, not one series"),
        (r"\bprobabilit(?:y|ies)\b|\bodds\b|\bFedWatch\b|\bchances? of an? (?:rate )?(?:cut|hike|"
         r"increase|reduction)\b",
         "a market-implied probability (of a policy move or an event), not a market price"),
        (r"\b\d[\d.]*\s?%\s+(?:(?:import|reciprocal|blanket|baseline|additional|universal|"
         r"retaliatory|new)\s+)?tariffs?\b|\btariffs?\s+(?:of|at)\s+(?:up\s+to\s+)?\d|"
         r"\btariff rates?\b",
         "a tariff rate; the data hold market prices, not trade policy"),
        (r"\b(?:percentage|share|percent|proportion|portion)\s+of\s+(?:the\s+)?(?:S&P\s*500"
         r"(?:['’]s)?\s+|index(?:['’]s)?\s+)?(?:stocks|members|companies|constituents|issues|"
         r"names)\b",
         "a breadth share of the index's members, which the checker does not recompute"),
        (r"\b(?:worst|biggest|largest|deepest|steepest|maximum|max)\s+(?:pullback|drawdown|"
         r"decline|drop|retreat|fall|correction)\s+from\s+(?:a|its|the)\s+(?:high|peak|record)",
         "the deepest fall from a high within a period, which the checker does not recompute"),
    ]
]

#: "3.08% above its 50-day moving average": the distance from an average, in percent.
MA_DISTANCE = re.compile(
    r"\s*(?P<pos>above|below|under|over)\s+(?:its|the|their)\s+(?P<n>\d{1,3})[- ]"
    r"(?:day|session)(?:(?:[- ](?:simple\s+)?moving)?[- ](?:average|MA|SMA)\b|"
    # "10% above the 200-day.", "below its 50-day line": the average, named short
    r"(?:\s+line)?(?=\s*(?:[.,;:!?)]|$)))", re.IGNORECASE)

#: when a record was set, between "its" and "record": "its June 2 record", "its
#: August 2018 record", "its 2021 record"
_WHEN = (r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
         r"(?:\d{1,2}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d{2})?|(?:19|20)\d{2})|(?:19|20)\d{2})")
#: "0.22% below its 52-week high" / "below its highest close of the past year" / "below
#: its June 2 record".
DRAWDOWN = re.compile(
    r"\s*(?:below|under|beneath|off|from)\s+(?:its|the)\s+(?:" + _WHEN + r"\s+)?"
    r"(?:(?P<record>record|all-time)(?:\s+(?:closing\s+)?(?:high|close)\b|(?!\s+(?:closing\s+)?lows?\b))|"
    r"52-week(?:\s+closing)?\s+high|"
    r"highest close of the (?:past|last) year|(?:one|1)-year high)\b", re.IGNORECASE)

#: "its record close of 6,976.44", "an all-time high of $697.84" (the record level).
RECORD_HIGH = re.compile(
    r"\b(?:(?:record|all-time)\s+(?:closing\s+)?(?:high|close)\b[^.;]{0,12}|"
    r"(?:its|a|the|their)\s+record\s+)\b(?:at|of)\s*$",
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
    r"(?P<years>\d+|[a-z]+(?:-[a-z]+)?)\s+(?P<gap>years?|months?|weeks?)\b)",
    re.IGNORECASE)

#: Which calendar period a return rarity rates, from the words before "since".
RARITY_FREQUENCY = (
    ("month_of_year", re.compile(r"\b(?P<m>" + _MONTH_NAMES + r")\b", re.IGNORECASE)),
    ("session", re.compile(r"\b(?:(?:one|single|1)[- ](?:day|session)|daily|day|session|"
                           r"trading day)\b", re.IGNORECASE)),
    ("week", re.compile(r"\bweek(?:ly)?\b", re.IGNORECASE)),
    ("month", re.compile(r"\bmonth(?:ly)?\b", re.IGNORECASE)),
    ("quarter", re.compile(r"\bquarter(?:ly)?\b|\bQ[1-4]\b", re.IGNORECASE)),
    ("half", re.compile(r"\bhalf\b|\bH[12]\b|\b[12]H\b", re.IGNORECASE)),
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
    r"ahead of|behind)\s+(?:the\s+)?(?:(?:broader|broad|wider|overall|larger|bigger|"
    r"benchmark|whole)\s+)?$",
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
    r"plummet(?:ed|s|ing)?|dipp?(?:ed|s|ing)?|slump(?:ed|s|ing)?|tank(?:ed|s|ing)?|"
    r"crater(?:ed|s|ing)?|skidd?(?:ed|s|ing)?|sagg?(?:ed|s|ing)?|eas(?:ed|es|ing)|"
    r"pared|dove|dived|erod(?:ed|es|ing)|gave up|gave back|red|"
    r"decrease[ds]?|negative|loss(?:es)?|off)\b",
    re.IGNORECASE)

#: Words that make a change positive (they win over a down word further away).
UP_WORDS = re.compile(
    r"\b(?:gain(?:s|ed|ing)?|r[io]s(?:e|es|en|ing)|advanc(?:e|ed|es|ing)|climb(?:ed|s|ing)?|"
    r"rall(?:y|ied|ies|ying)|surg(?:e|ed|es|ing)|jump(?:ed|s|ing)?|soar(?:ed|s|ing)?|"
    r"add(?:ed|s|ing)?|up|higher|increase[ds]?|positive|led|lead(?:ing|s)?|"
    r"tack(?:ed|s|ing)? on|rebound(?:ed|s|ing)?|bounc(?:e|ed|es|ing)|recover(?:ed|s|ing)?|"
    r"firm(?:ed|s|ing)|popp?(?:ed|s|ing)?|spik(?:e|ed|es|ing)|green|"
    r"strength(?:ened)?|return(?:ed|s)?|delivered|outperform(?:ed|ing)?)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class UnknownSubject:
    """A named market series the universe does not know ("Russell Top 50").

    ``kind`` says what it is: ``index`` (an index name, foreign ones included),
    ``ticker`` (a ticker in parentheses), ``futures`` (a futures contract, those
    of a held index included), ``commodity`` (oil, gold, bitcoin), ``economic`` (an
    economic release or gauge: ISM, payrolls, CPI, FedWatch) or ``company`` (a
    single stock, found only when asked for).
    """

    name: str
    span: tuple[int, int]
    kind: str = "index"


_FAMILIES = (r"Russell|MSCI|FTSE|Stoxx|STOXX|Euro Stoxx|Nikkei|Hang Seng|DAX|CAC|KOSPI|"
             r"Bloomberg|Dow Jones|S&P|Nasdaq|NYSE|Wilshire|CRSP|Morningstar|Bitcoin|Gold|"
             r"Brent|WTI|Crude")
_UNKNOWN_NAME = re.compile(
    r"\b(?:" + _FAMILIES + r")(?:[ -](?:[A-Z][\w&.-]*|\d+\b(?![,.]\d)|ex-[A-Z]+|ex\b|US\b|"
    r"U\.S\.))+(?:\s+Index)?")
#: Title-case words that end an index name rather than continue it: "Nasdaq Composite
#: Today", "Russell 2000 Hits All-Time High", "S&P 500 H1 2026" name held indices.
_NOT_INDEX_WORDS = frozenset(re.findall(r"\S+", (
    "Today Yesterday Tonight This Week Weekly Daily Monthly Month Year YTD H1 H2 Q1 Q2 Q3 Q4 "
    "FY Hits Hit Signal Signals Rises Rose Falls Fell Gains Gained Climbs Slips Drops Jumps "
    "Rallies Ends Ended Closes Closed Sets Posts Record All-Time High Low Highs Lows Breaks "
    "Performance Outlook Update Recap Review Report Snapshot Chart Level Levels At In On As "
    "And Or Vs Versus Since From To For With Is Was Are Were Has Had Will Could May Might "
    "Monday Tuesday Wednesday Thursday Friday January February March April June July "
    "August September October November December")))
_TICKER = re.compile(r"\((?:NYSE|NASDAQ|Nasdaq|AMEX)?:?\s?(?P<t>[A-Z]{1,5})\)")

#: Publishers and data vendors whose names start like an index's: not series at all.
NOT_SERIES = re.compile(
    r"\bDow Jones (?:Newswires|Market Data|& Co(?:mpany)?\b\.?)|\bS&P Dow Jones Indices\b|"
    r"\bNasdaq,? Inc\b\.?|\bBloomberg (?:News|data|L\.?P\.?|Intelligence)\b|"
    r"\bMorningstar (?:Direct|data|analysts?)\b|\bFTSE Russell\b|\bMSCI Inc\b\.?")

#: Stock indices the universe does not hold, foreign ones first: "Stoxx 600", "FTSE 100",
#: "Nikkei 225", "DAX", "Hang Seng", "KOSPI", "Shanghai Composite", "TSX", and US ones
#: like "the Global Dow", "Dow transports" or the "Philadelphia Semiconductor Index".
OTHER_INDICES = re.compile(
    r"\b(?:Euro\s+Stoxx|STOXX|Stoxx|FTSE|Nikkei|DAX|CAC|Hang\s+Seng|KOSPI|Kospi|"
    r"S&P/TSX|TSX|ASX|Sensex|SENSEX|Nifty|NIFTY|IBEX|Ibovespa|Bovespa|TOPIX|Topix|TAIEX|"
    r"Taiex|Shanghai\s+Composite|Shenzhen\s+Component|CSI|Straits\s+Times|Global\s+Dow)\b"
    r"(?:[ -](?:[A-Z][\w&.-]*|\d+\b))*(?:\s+(?:[Ii]ndex|[Cc]omposite))?"
    r"|\bDow\s+(?:Jones\s+)?(?:transports|transportation\s+average|utilities)\b"
    r"|\b(?:Philadelphia\s+(?:SE\s+)?|PHLX\s+)?[Ss]emiconductor\s+[Ii]ndex\b|\bSOX\b"
    r"|\bKBW\s+(?:Nasdaq\s+)?(?:Bank|Regional\s+Banking)\s+[Ii]ndex\b"
    r"|\b(?:the\s+)?Magnificent\s+(?:Seven|7)\b|\bMag\s?7\b")

_HELD_INDEX_WORDS = (r"S&P(?:\s+500)?|Dow(?:\s+Jones)?(?:\s+Industrial\s+Average)?|"
                     r"Nasdaq(?:[- ]100|\s+Composite)?|Russell(?:\s+2000)?|VIX")
#: Futures contracts: those of a held index are not the index ("S&P 500 futures",
#: "E-mini Nasdaq", "futures tied to the Dow"), nor are Treasury, oil or "=F" contracts.
FUTURES_CONTRACT = re.compile(
    r"\b(?:Micro\s+)?E-?mini(?:\s+(?:" + _HELD_INDEX_WORDS + r"))?"
    r"(?:\s+(?:index\s+)?futures?(?:\s+contracts?)?)?"
    r"|\b(?:U\.?S\.?\s+)?(?:" + _HELD_INDEX_WORDS + r"|Treasury|bond|stock|equity|"
    r"stock[- ]index|index|(?:\d+|two|ten|thirty)-year(?:\s+(?:note|bond|Treasury))?)"
    r"\s+(?:E-?mini\s+)?futures?\b(?:\s+contracts?)?"
    r"|\b(?:" + _HELD_INDEX_WORDS + r")\s+E-?mini\b"
    r"|\bfutures\s+(?:on|tied\s+to|linked\s+to|tracking)\s+(?:the\s+)?(?:" +
    _HELD_INDEX_WORDS + r")"
    r"|(?-i:\b[A-Z]{1,3}=F\b)",
    re.IGNORECASE)

#: Commodities and crypto-assets: "oil", "Brent crude", "WTI", "gold", "copper", "bitcoin".
#: Oil or gold naming a group of stocks ("oil stocks", "gold miners") is not the commodity.
COMMODITY = re.compile(
    r"\b(?:(?:WTI|Brent|U\.S\.|US)\s+)?crude(?:\s+oil)?(?:\s+(?:futures|prices?))?\b"
    r"|\b(?-i:WTI|Brent)\b(?:\s+(?:crude|oil))*(?:\s+(?:futures|prices?))?"
    r"|\b(?:heating\s+)?oil(?:\s+(?:prices?|futures))?\b(?![- ](?:and[- ]gas\s+)?(?:stocks|"
    r"shares|producers|companies|majors|services|names|sector|refiners|drillers|explorers|"
    r"equities)\b)"
    r"|\bnatural[- ]gas(?:\s+(?:prices?|futures))?\b"
    r"|\b(?:spot\s+)?(?:gold|silver|copper|platinum|palladium)(?:\s+(?:prices?|futures|"
    r"bullion))?\b(?!\s+(?:lining|standard|stocks|shares|miners|mining|equities|medal)\b)"
    r"|\bbitcoin\b|\bether(?:eum)?\b|\bcrypto(?:currenc(?:y|ies))?\b",
    re.IGNORECASE)

#: Economic releases and gauges, which own their figures: "the ISM manufacturing index",
#: "nonfarm payrolls", "core CPI", "PCE", "jobless claims", "the CME FedWatch tool".
ECONOMIC_SERIES = re.compile(
    r"\b(?-i:ISM)(?:\s+(?:manufacturing|services|non-manufacturing))?(?:\s+(?:(?-i:PMI)|"
    r"index))?\b"
    r"|\b(?:(?-i:S&P)\s+Global\s+)?(?:(?:US|U\.S\.|flash)\s+)?(?:manufacturing|services|"
    r"composite)\s+(?-i:PMI)\b|\b(?-i:PMI)\b"
    r"|\b(?:core\s+)?(?-i:CPI|PCE|PPI)\b(?:\s+(?:index|inflation|price index))?"
    r"|\b(?:nonfarm\s+|non-farm\s+)?payrolls\b"
    r"|\b(?:initial\s+|weekly\s+|continuing\s+)?jobless\s+claims\b|\binitial\s+claims\b"
    r"|\bunemployment\s+rate\b|\b(?-i:GDP)\b|\bretail\s+sales\b"
    r"|\bconsumer\s+(?:sentiment|confidence)(?:\s+index)?\b|\bhousing\s+starts\b"
    r"|\b(?:(?-i:CME)\s+)?(?-i:FedWatch)(?:\s+tool)?\b",
    re.IGNORECASE)

#: Very common large companies, named without an anchor ("Nvidia rose 3%").
MEGA_CAPS = re.compile(
    r"\b(?:Apple|Microsoft|Nvidia|NVIDIA|Amazon(?:\.com)?|Alphabet|Google|Meta(?:\s+Platforms)?|"
    r"Tesla|Broadcom|Netflix|Oracle|Intel|AMD|Advanced\s+Micro\s+Devices|Micron|Palantir|"
    r"JPMorgan(?:\s+Chase)?|Goldman(?:\s+Sachs)?|Morgan\s+Stanley|Bank\s+of\s+America|"
    r"Wells\s+Fargo|Citigroup|Exxon(?:\s?Mobil)?|ExxonMobil|Chevron|Caterpillar|Boeing|"
    r"UnitedHealth|Walmart|Costco|Berkshire(?:\s+Hathaway)?|Eli\s+Lilly|Salesforce|Adobe|"
    r"Cisco|Qualcomm|Home\s+Depot|Procter\s+&\s+Gamble|Johnson\s+&\s+Johnson|Coca-Cola|"
    r"PepsiCo|McDonald['’]s|Nike|Disney|General\s+Motors|Super\s+Micro(?:\s+Computer)?|"
    r"CoreWeave|Snowflake|ServiceNow|Visa|Mastercard|AbbVie|Pfizer|Merck|Moderna|"
    r"Starbucks|Target|Ford|Uber|Shopify|Coinbase|MicroStrategy|Arm\s+Holdings|TSMC|"
    r"Taiwan\s+Semiconductor|ASML|Samsung)\b(?!\s+(?:Select|Sector|SPDR|ETF)\b)")

#: Their tickers, written bare ("NVDA fell"); upper case only.
MEGA_CAP_TICKERS = re.compile(
    r"(?<![\w$.^])\$?(?:AAPL|MSFT|NVDA|AMZN|GOOGL|GOOG|META|TSLA|AVGO|NFLX|ORCL|INTC|AMD|MU|"
    r"PLTR|JPM|GS|MS|BAC|WFC|XOM|CVX|CAT|BA|UNH|WMT|COST|BRK\.[AB]|LLY|CRM|ADBE|CSCO|QCOM|"
    r"HD|KO|PEP|MCD|NKE|DIS|GM|SMCI|CRWV|SNOW|NOW|ABBV|PFE|MRK|SBUX|UBER|SHOP|COIN|MSTR|"
    r"TSM|ASML|ARM)(?![\w&.=-])")

#: A Reuters instrument code: "XOM.N", "AAPL.O".
RIC_TICKER = re.compile(r"(?<![\w$.^])[A-Z]{1,5}\.(?:N|O|OQ|K|A|P)\b")

_CAP_WORD = r"[A-Z][\w&'’.-]*"
#: A company named by what follows it: "Tesla Inc", "Exxon Mobil (XOM)", "Nike shares",
#: "shares of Apple". The words are capitalised; ``name`` holds them.
COMPANY_ANCHORED = re.compile(
    r"(?P<name>(?:" + _CAP_WORD + r"\s+){0,2}" + _CAP_WORD + r")\s*"
    r"(?:,?\s+(?:Inc|Corp|Co|Ltd|plc|PLC|Holdings|Technologies|Platforms)\b\.?"
    r"|\((?:NYSE|NASDAQ|Nasdaq|AMEX|NYSEARCA)?:?\s?[A-Z]{1,5}(?:\.[A-Z])?\)"
    r"|(?:['’]s?)?\s+(?:shares|stock)\b(?!\s+(?:market|index|indices|futures)\b))"
    r"|\bshares\s+(?:of|in)\s+(?P<name2>(?:" + _CAP_WORD + r"\s+){0,2}" + _CAP_WORD + r")")

#: Capitalised words that do not make a company name: articles, sentence openers,
#: months, weekdays, places and adjectives of markets ("US stocks", "Chinese shares").
_NOT_COMPANY_WORDS = frozenset(re.findall(r"\S+", (
    "The A An And But Or So This That These Those It Its Their Our Your His Her Some Many "
    "Most All Other Such Several Both Each Every Few Big Small Large Mid Mega Major Global "
    "World Wall Street US U.S. USA American Americans European Asian Chinese Japanese "
    "British German Indian Korean Canadian Emerging Developed International Domestic Meme "
    "Retail Investors Investor Traders Market Markets Stock Stocks Equity Equities Index "
    "Indices Sector Sectors Shares Share Growth Value Tech Technology Chip Chipmaker "
    "Chipmakers Semiconductor Semiconductors Bank Banks Defensive Cyclical Blue Bond Bonds "
    "Treasury Treasuries Dollar Oil Gold Energy AI ETF ETFs Fund Funds Company Companies "
    "Overall Meanwhile However Still Yet Also Then Today Yesterday Last Next When While "
    "After Before Since During Over Under In On At Of For From With By To As If Though "
    "Friday Monday Tuesday Wednesday Thursday Saturday Sunday January February March April "
    "May June July August September October November December Jan Feb Mar Apr Jun Jul Aug "
    "Sep Sept Oct Nov Dec Q1 Q2 Q3 Q4 NYSE NASDAQ Nasdaq Dow S&P Russell Small-cap "
    "Large-cap Mid-cap Big-cap Megacap Mega-cap Magnificent Seven")))


def names_something(words: str) -> bool:
    """Whether ``words`` hold a capitalised name that is not a market word ("Comcast")."""
    return any(w not in _NOT_COMPANY_WORDS and w.rstrip(".,;:") not in _NOT_COMPANY_WORDS
               for w in re.findall(r"(?<![\w&'’.-])[A-Z][a-z][\w&'’-]*", words))


def company_word_before(text: str, start: int) -> int | None:
    """Return where a company name begins when a capitalised word runs into a sector's name.

    "Charter Communications", "Duke Energy", "Sherwin Materials": the word before
    the sector's name makes it a company's; ``None`` when the word before is not
    one that can start a company name (an article, a month, "US", ...).
    """
    m = re.search(r"(?:^|(?<=[\s(\"“]))(?P<w>[A-Z][\w&'’.-]*)\s+$", text[max(0, start - 30):start])
    if m is None or m.group("w") in _NOT_COMPANY_WORDS or \
            m.group("w").rstrip(".,") in _NOT_COMPANY_WORDS:
        return None
    return max(0, start - 30) + m.start("w")


def _company_name(words: str) -> str | None:
    """Strip words that cannot start a company name; ``None`` when nothing is left."""
    def stop(word: str) -> bool:
        return word in _NOT_COMPANY_WORDS or word.strip(",.;:") in _NOT_COMPANY_WORDS

    parts = words.split()
    while parts and stop(parts[0]):
        parts = parts[1:]
    if not parts or any(stop(p) for p in parts):
        return None
    return " ".join(parts)


def _company_candidates(text: str) -> list[UnknownSubject]:
    out: list[UnknownSubject] = []
    for pattern in (MEGA_CAPS, MEGA_CAP_TICKERS, RIC_TICKER):
        out += [UnknownSubject(m.group(0), m.span(), "company") for m in pattern.finditer(text)]
    for m in COMPANY_ANCHORED.finditer(text):
        group = "name" if m.group("name") is not None else "name2"
        name = _company_name(m.group(group))
        if name is None:
            continue
        a = m.start(group) + m.group(group).index(name)
        if group == "name" and m.group(0).rstrip().endswith(")"):
            b = m.end()  # "Exxon Mobil (XOM)": the name and its ticker
        elif group == "name" and re.search(r"(?:Inc|Corp|Co|Ltd|plc|PLC|Holdings|Technologies|"
                                           r"Platforms)\.?$", m.group(0)):
            b = m.end()
        else:
            b = a + len(name)
        out.append(UnknownSubject(text[a:b], (a, b), "company"))
    return out


def find_unknown_subjects(
    text: str, known: list[tuple[int, int]], tickers: set[str], *, companies: bool = False
) -> list[UnknownSubject]:
    """Return the things named in ``text`` that no universe series matches.

    Index names and parenthesised tickers the universe does not know, futures
    contracts (those of a held index included: "S&P 500 futures" is not the
    S&P 500), commodities, economic releases and, with ``companies``, single
    stocks ("Nvidia", "Exxon Mobil (XOM)", "XOM.N", "Tesla Inc", "shares of
    Apple"). Overlapping candidates keep the longest.

    ``known`` are the spans of the universe's own mentions; a candidate inside
    one is not unknown, while one that runs past a known name ("Russell Top 50"
    past "Russell", "S&P 500 futures" past "S&P 500") is a different thing.
    ``tickers`` are the universe's symbols.
    """
    found: list[UnknownSubject] = []

    def inside(a: int, b: int) -> bool:
        return any(ka <= a and b <= kb for ka, kb in known)

    for m in _UNKNOWN_NAME.finditer(text):
        name = m.group(0).rstrip(".")
        words = re.split(r"(?<=\S)(?=[ -])", name)
        for i, w in enumerate(words[1:], start=1):
            if w.strip(" -") in _NOT_INDEX_WORDS or re.fullmatch(r"[ -](?:19|20)\d\d", w):
                name = "".join(words[:i])
                break
        found.append(UnknownSubject(name, (m.start(), m.start() + len(name))))
    for pattern, kind in ((OTHER_INDICES, "index"), (FUTURES_CONTRACT, "futures"),
                          (COMMODITY, "commodity"), (ECONOMIC_SERIES, "economic")):
        found += [UnknownSubject(m.group(0), m.span(), kind) for m in pattern.finditer(text)]
    for m in _TICKER.finditer(text):
        if m.group("t") not in tickers:
            found.append(UnknownSubject(m.group("t"), m.span("t"), "ticker"))
    if companies:
        found += [c for c in _company_candidates(text)
                  if not any(ka < c.span[1] and c.span[0] < kb for ka, kb in known)]
    vendors = [m.span() for m in NOT_SERIES.finditer(text)]
    found = [u for u in found if not inside(*u.span)
             and not any(va < u.span[1] and u.span[0] < vb for va, vb in vendors)]
    found.sort(key=lambda u: (-(u.span[1] - u.span[0]), u.span[0]))
    out: list[UnknownSubject] = []
    for u in found:
        if not any(o.span[0] < u.span[1] and u.span[0] < o.span[1] for o in out):
            out.append(u)
    out.sort(key=lambda u: u.span)
    return _with_tickers(text, out)


def _with_tickers(text: str, found: list[UnknownSubject]) -> list[UnknownSubject]:
    """Join a name and the unknown ticker in parentheses right after it: "WTI (CL=F)"."""
    out: list[UnknownSubject] = []
    for u in found:
        prev = out[-1] if out else None
        if prev is not None and u.kind in ("ticker", "futures") and \
                re.fullmatch(r"\s*\(\s*(?:[A-Z]+:\s?)?", text[prev.span[1]:u.span[0]]) and \
                (close := re.match(r"\s*\)", text[u.span[1]:])) is not None:
            b = u.span[1] + close.end()
            out[-1] = UnknownSubject(text[prev.span[0]:b], (prev.span[0], b), prev.kind)
            continue
        out.append(u)
    return out


def unverifiable_topic(text: str) -> tuple[str, tuple[int, int]] | None:
    """Return the reason and span of the first out-of-data topic in ``text``."""
    best: tuple[str, tuple[int, int]] | None = None
    for pattern, reason in UNVERIFIABLE_TOPICS:
        m = pattern.search(text)
        if m is not None and (best is None or m.start() < best[1][0]):
            best = (reason, m.span())
    return best
