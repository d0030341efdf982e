"""The words that say what a question asks for, and what no data can answer.

A question about the market asks for one of a small set of things: how a
series did over a period, how two compared, which sectors led, a streak and
how rare it is, a moving-average or relative-strength position, the regime,
breadth, what followed past streaks or rate cuts, or a closing level. These
cue patterns are how :mod:`rotoscope.ask` recognises each; the subjects,
periods, quantities and out-of-data topics come from the rest of
:mod:`rotoscope.language`, the vocabulary the claim checker uses.
"""

from __future__ import annotations

import re

__all__ = [
    "ASK_CUES",
    "CAUSE_QUESTION",
    "FORECAST_QUESTION",
    "INTENT_CUES",
    "RUN_CUES",
    "SECTOR_WORDS",
    "STREAK_LENGTH",
]


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


#: Questions about the future: rotoscope only holds what happened.
FORECAST_QUESTION = _c(
    r"\bwill\b|\bgoing to\b|\bnext (?:week|month|quarter|year|session|day)\b|\bpredict|"
    r"\bforecast|\boutlook\b|\bshould (?:i|we|you)\b|\bis it (?:a )?(?:good|time) to\b|"
    r"\b(?:buy|sell|short)\b|\bby (?:the )?end of (?:the |this )?year\b|\bexpected to\b|"
    r"\blikely to\b|\bodds\b|\bchances?\b")

#: Questions about causes and news: the data say what moved, not why.
CAUSE_QUESTION = _c(r"\bwhy\b|\bnews\b|\bheadlines?\b|\bwhat caused\b|\bbecause\b|"
                    r"\breasons?\b|\bwhat drove\b|\bdriven by\b|\bcatalysts?\b")

#: Words for the sector group as a whole ("which sector", "sector leaders").
SECTOR_WORDS = _c(r"\bsectors?\b|\bindustr(?:y|ies)\b")

#: Single-series runs: "closed higher", "up days", "in a row" without a rival.
RUN_CUES = _c(r"\b(?:up|down|higher|lower|positive|negative|winning|losing|gains?|"
              r"losses|declines?|advances?|rose|fell)\b")

#: "streaks of 10 sessions", "10-session streaks", "this long".
STREAK_LENGTH = _c(r"\b(?P<n>\d{1,3})[- ](?:sessions?|days?|trading days?)\b|"
                   r"\bstreaks? of (?P<n2>\d{1,3})\b")

#: Each intent and the cues that select it, in the order they are tried.
INTENT_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("event_study", _c(r"\brate[- ]cuts?\b|\b(?:fed|fomc)\b[^?.]{0,30}\bcut|\bcutting cycles?\b|"
                       r"\beasing cycles?\b|\bfirst cut\b|\bcuts? rates\b")),
    ("base_rate", _c(r"\bafter (?:past|previous|prior|earlier|similar|such|streaks?|runs?)|"
                     r"\bwhat (?:happened|followed|happens) (?:next|after)|\bfollow[- ]through\b|"
                     r"\bbase rates?\b|\bhistorically,? what|\bin the past,? what|"
                     r"\bhow (?:often|did)[^?]{0,40}\bafter (?:streaks?|runs?)")),
    ("regime", _c(r"\bregimes?\b|\brotation (?:broad|narrow)|\bbroad(?:ening)? or narrow|"
                  r"\bwhat kind of (?:market|rotation)|\bstate of (?:the )?rotation|"
                  r"\brisk[- ]on\b|\brisk[- ]off\b|\bstructural or tactical\b|"
                  r"\bhow broad is\b|\boverall rotation\b")),
    ("breadth", _c(r"\bbreadth\b|\bparticipation\b|\badvance[- ]decline\b|\badvancers?\b|"
                   r"\bdecliners?\b|\bnew (?:52-week )?highs\b|\bnew lows\b|"
                   r"\bhow many (?:stocks|members|companies|names)\b|"
                   r"\b(?:share|percent(?:age)?|proportion|how many)\b[^?]{0,25}\b(?:stocks|"
                   r"members|companies|names|constituents)\b|\bmembers\b|\bconstituents\b")),
    ("streak", _c(r"\bstreaks?\b|\bconsecutive\b|\bin a row\b|\bstraight (?:sessions|days|"
                  r"weeks)\b|\bwinning run\b|\blosing run\b|\blongest\b|"
                  r"\bhow long has\b|\bhow many (?:sessions|days|trading days)\b")),
    ("relative_trend", _c(r"\brelative strength\b|\brs (?:line|ratio)\b|\bratio\b|"
                          r"\brelative trend\b|\brelative (?:performance )?line\b|"
                          r"\brotation graph\b|\brrg\b|\bquadrant\b|\bmomentum\b")),
    ("technical", _c(r"\bmoving averages?\b|\b\d{1,3}[- ](?:day|dma|session|week)\b|\bsma\b|"
                     r"\bgolden cross\b|\bdeath cross\b|\b52-week (?:high|low)\b|"
                     r"\b(?:all-time|record|yearly|annual) (?:high|low)\b|\btechnicals?\b|"
                     r"\btrend(?:ing)? (?:up|down)\b|\bdrawdown\b|\boff (?:its|the) high\b|"
                     r"\bvolatility\b|\bvol\b")),
    ("sectors", _c(r"\b(?:which|what|best|worst|top|bottom|leading|lagging|strongest|"
                   r"weakest)\b[^?.]{0,30}\bsectors?\b|\bsectors?\b[^?.]{0,30}\b(?:lead|led|"
                   r"leading|lag|lagged|lagging|leaders?|laggards?|best|worst|rank|ranking|"
                   r"ranked|top|bottom)|\bsector (?:leadership|dispersion|performance|"
                   r"returns|rotation|heat ?map)\b|\bdispersion\b|\bwhere does\b[^?]{0,40}"
                   r"\brank\b|\brank(?:ed|s|ing)?\b")),
    ("level", _c(r"\bclos(?:e|ed|ing)\s+(?:at|on|level|price)\b|\bclosing (?:level|price|value)\b|"
                 r"\bwhat (?:was|is) the (?:level|close|price|value|yield)\b|\blevel of\b|"
                 r"\bwhere did\b[^?]{0,40}\b(?:close|end|finish)\b|\bwhat did\b[^?]{0,40}"
                 r"\b(?:close|end|finish) at\b|\bprice of\b|\btrading at\b|\bquote\b|"
                 r"\bwhat (?:is|was) the\b[^?]{0,60}\b(?:yield|rate)\b|\bwhere (?:is|was)\b|"
                 r"\bwhat (?:is|was)\b[^?]{1,40}\b(?:at|trading)\s*\??\s*$|"
                 r"\bcurrent (?:level|reading|value)\b")),
    ("compare", _c(r"\bvs\.?\b|\bversus\b|\bagainst\b|\brelative to\b|\bcompared? (?:to|with)\b|"
                   r"\boutperform|\bunderperform|\bbeat(?:ing|s)?\b|\blead(?:ing|s)?\b|"
                   r"\bled\b|\blag(?:ged|ging|s)?\b|\btrail|\bspread\b|\bgap\b|\bbetter\b|"
                   r"\bworse\b|\bahead of\b|\bbehind\b|\bthan\b")),
    ("performance", _c(r"\bhow (?:did|has|have|is|are|was|were|much|far)\b|\breturns?\b|"
                       r"\bperform(?:ance|ed)?\b|\b(?:gain|gained|lose|lost|rise|rose|fall|"
                       r"fell|drop|dropped|move|moved|change|changed|up|down)\b|\bdo\b")),
]

#: Any word that makes a text read as a question about the market.
ASK_CUES = _c(r"\?|\b(?:how|what|which|when|where|did|does|do|is|are|has|have|was|were|show|"
              r"tell|give|list)\b")

#: The highest or lowest close in a period ("highest close this year", "52-week low").
EXTREME_CUES = _c(r"\b(?P<side>highest|lowest|peak|bottom)\b(?:[^?.]{0,40}\b(?:close|closes|"
                  r"closed|closing|level|levels|print))?|\b52-week (?P<side2>high|low)s?\b|"
                  r"\b(?P<side3>high|low)(?:est)? (?:close|closing level)\b|"
                  r"\btop (?:close|closing level)\b")

#: Distance from the record close, correction and bear-market territory.
RECORD_CUES = _c(r"\b(?:highest|high|top|peak)\b[^?.]{0,30}\bever\b|\bever\b[^?.]{0,12}"
                 r"\b(?:highest|high|peak)\b|\bin (?:its |their )?history\b|\bon record\b|"
                 r"\b(?:record|all[- ]time|ath)\b[^?.]{0,20}\b(?:high|close|closing|peak|"
                 r"level)?|\bcorrection\b|\bbear market\b|\boff (?:its|the) (?:high|peak|"
                 r"record|top)s?\b|\b(?:from|below|off) (?:its|the|their) (?:peak|top|highs?)\b|"
                 r"\bbelow (?:its|the) peak\b")

#: A close crossing its moving average ("crossed below its 200-day", "since when above").
CROSS_CUES = _c(r"\bcross(?:ed|es|ing)?\b|\bsince when\b|\b(?:fell|fall|dropped|drop|broke|"
                r"break|slipped|slip|moved|move|went|rose|climbed|climb|got|get|been)\s+"
                r"(?:back\s+)?(?P<dir>below|under|above|over|through)\b|\bbeen (?:above|below)\b")

#: The 2s10s curve ("2s10s", "2s/10s", "2-10 spread", "yield curve").
CURVE_CUES = _c(r"\b2s\s?/?\s?10s\b|\b2-?10 (?:spread|curve|slope)\b|\byield curve\b|"
                r"\b10s\s?/?\s?2s\b|\bcurve\b|\bten[- ]two\b|\b10-year minus 2-year\b")

#: The Fama/French rolling ten-year share.
ROLLING_SHARE_CUES = _c(r"\brolling\b[^?.]{0,20}\b(?:10|ten)[- ]?(?:y|yr|year)|"
                        r"\b(?:10|ten)[- ]year (?:periods|windows|spans|stretches)\b|"
                        r"\bfama[- ]?(?:/|and )?\s?french\b")

#: A change asked in basis points or percentage points (yields).
POINTS_CUES = _c(r"\bbasis points?\b|\bpercentage points?\b|\bhow many points\b")

#: Words that ask for a change over a period.
CHANGE_WORDS = _c(r"\bchang\w*|\bmov(?:e|ed|es)\b|\brise|\brose\b|\bfell\b|\bfall\b|"
                  r"\bclimb\w*|\bdrop\w*|\bup\b|\bdown\b|\bwiden\w*|\bnarrow\w*|"
                  r"\bsteepen\w*|\bflatten\w*|\bhow much\b|\bhow many\b|\bby how\b")

#: Measures rotoscope does not compute: named so a question about them is declined
#: rather than answered with a measure nobody asked for.
UNSUPPORTED_MEASURES = _c(
    r"\bsharpe\b|\bsortino\b|\bbeta\b|\balpha\b|\bcorrelat\w*|\bcovariance\b|"
    r"\br-?squared\b|\btracking error\b|\binformation ratio\b|\bskew\w*\b|\bkurtosis\b|"
    r"\bstandard deviation\b|\bvalue at risk\b|\bvar\b|\bmax(?:imum)? drawdown\b|"
    r"\bcalmar\b|\btreynor\b|\bduration\b|\bconvexity\b|\bimplied vol\w*\b|\bdelta\b|"
    r"\bgamma\b|\bopen interest\b|\bshort interest\b|\bput[/-]call\b|\bRSI\b|\bMACD\b|"
    r"\bbollinger\b|\bfibonacci\b|\bstochastic\b|\bvolatil\w*|\bvol\b|"
    r"\b(?:biggest|largest|worst|best|steepest|sharpest)\s+(?:(?:one|single|1)-?\s?(?:day|"
    r"session|week)|daily|weekly|monthly|intraday|\w+-day)\s+(?:drop|gain|fall|decline|rise|"
    r"move|loss|rally|jump|plunge|selloff|sell-off)s?\b|\b(?:best|worst|biggest|largest)\s+"
    r"(?:day|week|month|session)s?\b|\bdividend yield\b|\bearnings yield\b|\bpayout\b|"
    r"\bbuybacks?\b|\baverage (?:daily|weekly|monthly|annual|yearly) (?:return|gain|change|"
    r"move)s?\b|\bcagr\b|\bannuali[sz]ed\b|\bcompound annual\b")

#: A period named by an event the question does not date ("during the Christmas rally").
UNDATED_EVENT = _c(
    r"\b(?:during|amid|around|through(?:out)?|in|over|since|after|before)\s+(?:the\s+)?"
    r"(?:[\w'&-]+\s+){0,3}?(?:sell-?off|rally|crash|panic|tantrum|crisis|bubble|"
    r"rout|meltdown|melt-?up|squeeze|shock|scare|slump|rebound|recovery|election|pandemic|"
    r"war|shutdown|boom|bust)\b")
