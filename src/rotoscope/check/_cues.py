"""The word patterns the claim extractor reads numbers by, kept apart from its rules."""

from __future__ import annotations

import re

from rotoscope.language import number_word_pattern

__all__: list[str] = []  # private to the checker


#: "highs touching 612.88", "a low near 590.10": an intraday extreme reached
_TOUCHED = re.compile(r"\b(?P<side>high|low)s?\s+(?:touching|reaching|hitting|tagging|near)\s+"
                      r"\$?$", re.IGNORECASE)
#: a move verb right before a bare number: "tacked on 73.34" is a move in points
_BARE_MOVE = re.compile(r"\b(?:added|gained|rose|climbed|tacked\s+on|lost|shed|fell|dropped|"
                        r"slid|declined|jumped|advanced|surged|sank|tumbled)\s+(?:by\s+)?$",
                        re.IGNORECASE)

_START_CUE = re.compile(r"\b(?:began|begun|started|starting|beginning|set|reached|notched|"
                        r"recorded|posted|hit)\s+(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri)day,?"
                        r"\s+)?$", re.IGNORECASE)
#: before a date that says when something happened rather than when the text was
#: written: "the record it set on January 27", "up 4% since March 30"
_EVENT_BEFORE = re.compile(r"(?:\b(?:set|reached|notched|recorded|posted|hit|touched|since|from)"
                           # "the quarter ended on Tuesday": when a named period ended
                           r"|\b(?:quarter|month|year|half|week)\s+(?:ended|closed|finished|"
                           r"wrapped\s+up)"
                           r"|\b(?:since|from|after|following|before|ahead\s+of)\s+(?:its|the|their)"
                           r"\s+(?:[\w-]+\s+){0,2}?(?:close|closing\s+level|level|finish|record|"
                           r"high|low|peak|trough)(?:\s+of\s+\$?\d[\d,.]*)?)\s+(?:on\s+)?"
                           r"(?:(?:mon|tues|wednes|thurs|fri)day,?\s+)?$", re.IGNORECASE)
#: a weekday named alone ("Monday"), which dates a session only in a dated text
_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)
#: around the weekday of a text written before that session's close: "Tuesday morning",
#: "early Tuesday"
_MORNING_AFTER = re.compile(r"\s+(?:morning|before\s+the\s+(?:open|bell))\b", re.IGNORECASE)
_EARLY_BEFORE = re.compile(r"\bearly\s+$", re.IGNORECASE)
#: after a weekday that names an earlier event: "Monday's rout", "Friday's jobs report"
_WEEKDAY_EVENT = re.compile(r"['’]s\s+(?!close|closing|finish|session|trading)", re.IGNORECASE)
#: in a dateline, a text written before the session closed: "6:45 a.m. ET", "before the open"
_BEFORE_THE_CLOSE = re.compile(r"\b(?:[1-9]|1[0-2])(?::\d{2})?\s*a\.?m\.?(?=\W)|\bbefore\s+"
                               r"the\s+(?:opening\s+)?(?:open|bell)\b|\bpre-?market\b|"
                               r"\bpremarket\b", re.IGNORECASE)
#: after such a date: "its June 2 record", "the March 30 closing high"
_EVENT_AFTER = re.compile(r"(?:\s+(?:closing|all-time|intraday))?\s+(?:record|peak|high|low|"
                          r"top|bottom|trough)s?\b", re.IGNORECASE)
#: before an event's date: "its June 2 record" (with :data:`_EVENT_AFTER` after it)
_ITS = re.compile(r"\b(?:its|their|the|a|an)\s+$", re.IGNORECASE)
#: before an event's date: "its record close of 7,609.78 from June 2", "the 52-week high
#: of $198.21 set on June 2"
_EXTREME_OF = re.compile(r"\b(?:record|high|low|peak|top|bottom|trough)s?(?:\s+close)?\s+of\s+"
                         r"\$?\d[\d,]*(?:\.\d+)?\s+(?:(?:set|reached|hit|touched|notched)\s+)?"
                         r"(?:from|on|in)\s+$", re.IGNORECASE)
#: before a date a sentence opens with: "Since March 30, the index has gained 17%"
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:(?:its|the)\s+)?$", re.IGNORECASE)
#: before a date that ends a period rather than names one: "By Friday the index had lost 2%"
_BY_DATE = re.compile(r"\bby\s+$", re.IGNORECASE)
#: the session a paragraph is about, named again without its date
_ON_THE_DAY = re.compile(r"(?:on|for) the (?:day|session)", re.IGNORECASE)
#: before a level that is the session's extreme: "an intraday high of 65.73"
_INTRADAY_LEVEL = re.compile(r"\b(?:intraday|session|day's)\s+(?P<side>high|low)\s+"
                             r"(?:of|at|near)\s+(?:about\s+|roughly\s+)?\$?$", re.IGNORECASE)
#: between a name and its own move in points: "the Dow lost 1,033.99 points"
_OWN_MOVE = re.compile(r"\s+(?:added|gained|rose|climbed|tacked\s+on|lost|shed|fell|dropped|slid|"
                       r"declined|jumped|advanced|surged|sank|tumbled|plunged|rallied|slumped)"
                       r"\s+(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|roughly\s+|some\s+)?",
                       re.IGNORECASE)
#: between a name and the words describing it: "IWM, the most popular small-cap fund, ..."
_APPOSITIVE = re.compile(r"\s*,\s*(?:the|a|an|its)\s+(?:[\w'-]+\s+){0,4}", re.IGNORECASE)
_APPOSITIVE_END = re.compile(r"(?:\s+[\w-]+)?\s+(?:fund|etf|index|gauge|benchmark|tracker|proxy|"
                             r"barometer|measure)s?\s*[,)]", re.IGNORECASE)
#: after a change: "13.1% under its July 10 peak", "off its Dec. 16 high" (``when`` the date)
_BELOW_DATED_PEAK = re.compile(r"\s*(?:below|under|beneath|off|down\s+from)\s+(?:its|the|their)\s+"
                               r"(?P<when>[A-Z][a-z]+\.?\s+\d{1,2}(?:,?\s+\d{4})?)\s+(?:closing\s+)?"
                               r"(?:peak|high|top)s?\b")
#: before a number a move started from: "up from 23.39", "down from about 75.47"
_FROM_NUMBER = re.compile(r"\bfrom\s+(?:about\s+|roughly\s+|around\s+)?\$?$", re.IGNORECASE)
#: before a gap between two series: "the gap between them to 47 basis points"
_GAP_OF_TWO = re.compile(r"\b(?:gap|spread|difference|distance)\s+between\s+(?:them|the\s+two)\b",
                         re.IGNORECASE)
#: before a record named as a yardstick, not claimed: "17% below its November 2021 record",
#: "more than half its value since its July 2007 record"
_PAST_EXTREME = re.compile(r"\b(?:below|under|beneath|off|from|since|than)\s+(?:its|the|their)\s+"
                           r"(?:[\w.,'-]+\s+){0,3}$", re.IGNORECASE)
#: a negation before an extreme: "never managed a record close", "has yet to set a record"
_NEGATED = re.compile(r"\b(?:never|not|no|without|failed\s+to|yet\s+to)\b[^.;,]{0,30}$",
                      re.IGNORECASE)
#: a time of day: "6:45 a.m. ET", "4 p.m.", "11:30 am"
_TIME_OF_DAY = re.compile(r"\b(?:[1-9]|1[0-2])(?::[0-5]\d)?\s*(?:a\.?m\.?|p\.?m\.?)(?=\W|$)",
                          re.IGNORECASE)
#: right after a number of an unnamed earlier day: "4.29% a week earlier", "$512 a year ago"
_AGO_AFTER = re.compile(r"\s+(?:a|one)\s+(?:week|month|year)\s+(?:earlier|ago|before)\b",
                        re.IGNORECASE)
#: a move verb of the subject's own after a comparison: "... and gained 3.6% in June"
_AND_MOVED = re.compile(r"\band\s+(?:has\s+|have\s+|had\s+)?(?:gained|rose|fell|lost|added|"
                        r"climbed|dropped|slid|declined|advanced|jumped|surged|sank|tumbled|"
                        r"returned)\b", re.IGNORECASE)
#: after a change: "0.4% below that peak", "2% off this high"
_FROM_THAT = re.compile(r"\s*(?:below|under|beneath|off|from|above|over)\s+(?:that|this|"
                        r"the\s+same)\s+(?:peak|high|top|low|bottom|trough|level|mark|record)\b",
                        re.IGNORECASE)
#: before the last day of a window of sessions: "in the five sessions ending July 16"
_SESSIONS_ENDING = re.compile(r"\b(?:in|over|during|across)\s+the\s+(?:(?:past|last|prior)\s+)?"
                              r"(?P<n>\d{1,3}|" + number_word_pattern() + r")\s+(?:trading\s+)?"
                              r"(?:sessions|days)\s+(?:ending|ended|through|to)\s+(?:on\s+)?$",
                              re.IGNORECASE)
#: before the day a named period ended: "The second quarter ended on Tuesday"
_PERIOD_ENDED = re.compile(r"\b(?:quarter|month|year|half|week)\s+(?:ended|closed|finished|"
                           r"wrapped\s+up)\s+(?:on\s+)?$", re.IGNORECASE)
#: before the level of a line named earlier: "that trend line, which stood near 5,735"
_WHICH_STOOD = re.compile(r"\b(?:line|average|level|mark|support|resistance|threshold|band)\s*,"
                          r"\s*which\s+(?:stood|stands|sits|sat|was|is)(?:\s+(?:at|near|around))?"
                          r"\s+(?:about\s+|roughly\s+)?\$?$", re.IGNORECASE)
#: before the date an extreme is measured back to: "its highest close since Dec. 11"
_SINCE_EXTREME = re.compile(r"\b(?:highest|lowest|best|worst|biggest|largest|strongest|weakest|"
                            r"steepest|sharpest|longest)\b[^.;]{0,40}\bsince\s+$", re.IGNORECASE)
#: before a figure the text says is wrong: "It rose 1.2%, not 1.4%"
_NOT_BEFORE = re.compile(r"(?:,\s*|\b)(?:not|rather\s+than|instead\s+of)\s+(?:the\s+)?[+\-−]?\$?$",
                         re.IGNORECASE)
#: after a number: "178 points from the low", "2% off the day's high"
_FROM_THE_LOW = re.compile(r"\s*(?:points?\s+)?(?:from|off)\s+(?:the|its)\s+(?:session['’]s\s+|"
                           r"day['’]s\s+|intraday\s+)?(?:low|high|lows|highs|bottom|top)\b(?!\s+of)",
                           re.IGNORECASE)
#: after a change: "56% from its October 2007 peak", "off its 2021 high"
_FROM_MONTH_PEAK = re.compile(r"\s*(?:below|under|beneath|off|down\s+from|from)\s+(?:its|the|their)"
                              r"\s+(?:[A-Z][a-z]+\.?\s+)?(?:19|20)\d{2}\s+(?:closing\s+)?"
                              r"(?:peak|high|top)s?\b"
                              # (not "its 2026 closing high of 6977.27 hit Monday, Jan. 12")
                              r"(?!(?:[^.;]|\.(?=\d)){0,40}\b(?:hit|set|reached|on)\b)")
#: before an extreme of the session before: "slipped 0.2% a day after closing at a record"
_DAY_AFTER = re.compile(r"\b(?:a|one|the)\s+day\s+after\b[^.;]{0,30}$", re.IGNORECASE)
#: after a milestone of some earlier, unnamed day: "... for the first time a week ago"
_AGO_SOON = re.compile(r"[^.;]{0,40}?\b(?:a|one|two|three|four|five|several|few)\s+(?:days?|"
                       r"weeks?|months?)\s+ago\b", re.IGNORECASE)
#: words of a move during the session: "fell as much as 2.4%", "at one point"
_SESSION_PATH = re.compile(r"\b(?:as\s+much\s+as|at\s+one\s+point|intraday|at\s+(?:its|the)\s+"
                           r"(?:session|day['’]s)\s+(?:low|high))\b", re.IGNORECASE)
#: before a gap quoted after two moves: "..., a gap of more than 7 percentage points"
_GAP_OF = re.compile(r"\b(?:an?|the)\s+(?:gap|spread|difference|lead|edge|margin)\s+of\s+"
                     r"(?:more\s+than\s+|nearly\s+|almost\s+|about\s+|roughly\s+|some\s+)?$",
                     re.IGNORECASE)
#: before the level a move since a time started from: "..., when it stood at 3,839.50"
_WHEN_IT_STOOD = re.compile(r",\s*when\s+(?:it|they|the\s+index|the\s+yield)\s+(?:stood|was|sat|"
                            r"traded|closed|ended)\s+(?:at|near|around)?\s*(?:about\s+)?\$?$",
                            re.IGNORECASE)
_SINCE_WORDS = re.compile(r"\bsince\b", re.IGNORECASE)
#: after a change over a period named before: "roughly 900% over the period"
_OVER_THE_PERIOD = re.compile(r"\s+(?:over|during|in)\s+(?:the|that|this)\s+(?:period|span|"
                              r"stretch|time|run)\b", re.IGNORECASE)
#: after a date that opens a text: a dash, a parenthesis or the line's end, maybe after a time
_DATELINE_AFTER = re.compile(r"(?:,?\s*\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?(?:\s+[A-Z]{2,3})?)?\s*"
                             r"(?:—|–|-{1,2}|\(|\n|$)")
#: before a date that dates a sentence's figures: "On March 27, 2026, ..."
_PREPOSITION_BEFORE = re.compile(r"\b(?:on|since|from|in|through|until|by|of|as\s+of|to)\s*$",
                                 re.IGNORECASE)
#: "Published on February 2, 2026": the text's own date, which is not the period of
#: the figures that follow (undated figures are as of the reference session).
_DATELINE_CUE = re.compile(r"\b(?:published|updated|dated|as of)(?:\s+on)?\s*:?\s*$",
                           re.IGNORECASE)
_WITHIN = re.compile(r"\bwithin\s+(?:about\s+|roughly\s+)?$", re.IGNORECASE)
_OF_HIGH = re.compile(r"\s*of\s+(?:its|the|a)\s+(?:(?P<record>record|all-time)\s+(?:closing\s+)?"
                      r"(?:high|close)|52-week(?:\s+closing)?\s+high|peak)\b", re.IGNORECASE)
#: between a change and a date: the date is the change's base ("from the close on ...")
_FROM_BASE = re.compile(r"\b(?:from|since)\b", re.IGNORECASE)
#: "rose 0.7% to 23,025.59 points", "closed at 6,845.50 points": a level, not a move
_LEVEL_AFTER_MOVE = re.compile(r"\b(?:to|at|of|near|around)\s+(?:about\s+|roughly\s+)?$",
                               re.IGNORECASE)
#: "Following yesterday's sell-off, ...": the day of an earlier event, not the figures'
_AFTER_EVENT = re.compile(r"\b(?:following|after|before|ahead of)\s+(?:the\s+)?$", re.IGNORECASE)
#: words that point back to the one series the previous sentence named
_ANAPHOR = re.compile(r"\b(?:the|that|this)\s+(?:(?:blue-chip|tech-heavy|tech-laden|broad|"
                      r"broader|small-cap|benchmark|large-cap)\s+)?(?:index|benchmark|gauge|"
                      r"average|barometer)\b|^\s*(?:it|its)\b", re.IGNORECASE)
#: a move word right before a yield's percent: the number is the move, not the level
_RATE_MOVE = re.compile(r"\b(?:up|down|rose|fell|climbed|gained|added|dropped|slipped|eased|"
                        r"rising|falling|higher|lower|jumped|declined)\s+(?:by\s+)?$",
                        re.IGNORECASE)
#: "the last run at least as long lasted seven sessions": an earlier run's length
_EARLIER_RUN = re.compile(r"\b(?:the|its|an?)\s+(?:last|previous|prior|earlier)\s+(?:run|streak)"
                          r"\b[^.;]{0,50}$", re.IGNORECASE)
#: after a signed move in points: "+114.29 → 21,993.47", "(-1.53 / -0.06%)"
_ARROW = re.compile(r"\s*(?:→|->|=>)\s*\d|\s*/\s*[+\-−]?\d[\d.,]*\s?%")
#: "After plunging earlier in the week, ...": a clause about an earlier event
_EVENT_CLAUSE = re.compile(r"\W*(?:after|following|before|ahead of)\b", re.IGNORECASE)
_FREQUENCY_AFTER = re.compile(r"\s+(daily|weekly|monthly|quarterly|annual|yearly)\b",
                              re.IGNORECASE)
_FREQUENCY_WINDOWS = {"daily": ("1d", "as_of"), "weekly": ("wtd", "week"),
                      "monthly": ("mtd", "month"), "quarterly": ("qtd", "as_of"),
                      "annual": ("ytd", "as_of"), "yearly": ("ytd", "as_of")}
#: nouns for things other than the series just named ("Yields rose 5 bps", "Ten of its
#: sectors gained"): a sentence using them is not about that series
_OTHER_THINGS = re.compile(r"\b(?:yields?|bonds?|treasur\w*|oil|crude|gold|silver|copper|"
                           r"bitcoin|crypto\w*|dollar|euro|yen|stocks?|shares?|sectors?|"
                           r"members|companies|futures|volume|earnings|economy|jobs|payrolls|"
                           r"inflation|indexes|indices|markets?|rates?|spreads?)\b",
                           re.IGNORECASE)
_OF_COUNT = re.compile(r"\s+(?:of|out of)\s+(?:the\s+)?\d", re.IGNORECASE)
_COUNT_OF = re.compile(r"\b(?:\d+|(?:" + number_word_pattern() + r"))\s+(?:of|out of)\s+"
                       r"(?:the\s+)?(?:(?:last|past|previous|prior)\s+)?$", re.IGNORECASE)
_FOOTNOTE_REF = re.compile(r"\[\^[\w-]+\]")
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
#: "... from 19.86", "from previous levels under 20": the level a move started at
_FROM_LEVEL = re.compile(r"\bfrom\s+(?:(?:previous|prior|earlier|its|the)\s+)?(?:levels?\s+)?"
                         r"(?:of\s+|near\s+|around\s+)?\$?$", re.IGNORECASE)
