"""Where named groups stood against the rest, said in words rather than numbers.

"only energy and utilities moved higher", "technology and financials fell the
furthest", "industrials were among the stronger performers", "materials
finished as the worst performer on the board", "staples underperformed the
broader market", "small caps had the biggest gains". Each phrase found here is
the predicate; the subjects it speaks of (the names listed right before it) are
read by the checker, which knows the series.

A predicate is one of:

- **sign**: every named member closed up (down) over the period; with "only"
  before the names, no other member did.
- **rank**: the named members were the best (worst) of their group: exactly the
  top (bottom) ones, or with "among" in the top (bottom) part.
- **market**: every named member did better (worse) than the broad market.
- **flat**: the named members (or "stocks", "the indexes") closed about unchanged.
- **correction**: the named series closed 10% or more below its record close ("in
  correction territory"; ``side`` -2 for a bear market, 20% or more).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["INTRADAY", "MARKET_WORDS", "ONLY_AFTER", "ONLY_BEFORE", "Standing",
           "find_standings"]

StandingKind = Literal["sign", "rank", "market", "flat", "correction"]

_BEST = (r"(?:the\s+)?(?:clear\s+|standout\s+|top\s+|best\s+|strongest\s+|biggest\s+)?"
         r"(?:leaders?|leading\s+(?:sectors?|groups?)|best[- ]performing(?:\s+\w+)?|"
         r"top\s+performers?|best\s+performers?|strongest\s+performers?|"
         r"stronger\s+performers?|biggest\s+gain(?:s|ers)|top\s+gainers?|"
         r"biggest\s+winners?|strongest\s+gains|best\s+gains)")
_WORST = (r"(?:the\s+)?(?:clear\s+|biggest\s+|worst\s+|weakest\s+)?"
          r"(?:laggards?|weak(?:est)?\s+links?|worst\s+performers?|worst[- ]performing"
          r"(?:\s+\w+)?|weakest\s+performers?|weaker\s+performers?|biggest\s+(?:losers|"
          r"decliners|drags?|losses)|bottom\s+performers?|heaviest\s+losses)")
_LINK = (r"(?:were|was|are|is|finish(?:ed|ing)?\s+as|ended\s+as|emerg(?:ed|ing)\s+as|"
         r"stood\s+out\s+as|ranked\s+as|had|posted|saw|recorded)")
_OWNER = (r"(?:(?:the|its|their)\s+)?(?:(?:market|session|week|month|day|index|board)['’]s"
          r"\s+)?")
#: "the worst performer on the board", "the top gainer among the 11 sectors"
_WHERE = (r"(?:\s+(?:on|of|in|among|across)\s+(?:the\s+)?(?:board|session|day|week|month|"
          r"group|market|index|S&P\s+500|sectors|eleven\s+sectors|11\s+sectors)\b)?")
_RANK = re.compile(
    r"\b(?:" + _LINK + r"\s+(?P<among>among\s+)?|(?P<among0>among)\s+)" + _OWNER
    + r"(?:(?P<best>" + _BEST + r")|(?P<worst>" + _WORST + r"))\b" + _WHERE +
    r"|\b(?P<furthest>fell|dropped|declined|lost|slid|sank|rose|gained|climbed|advanced|"
    r"rallied|fall|drop|decline|lose|rise|gain|climb|advance)\s+(?:the\s+)?"
    r"(?:furthest|farthest|most)\b"
    r"|\b(?P<led>led\s+(?:the\s+)?(?:way|gains|gainers|advance|market|decliners|losses|"
    r"declines|laggards))\b"
    r"|\b(?P<lagged>lagged(?:\s+the\s+most)?)(?!\s+the\s+(?:broader|broad|overall|wider))\b",
    re.IGNORECASE)
_MARKET = re.compile(
    r"\b(?P<verb>underperform(?:ed|ing|s)?|outperform(?:ed|ing|s)?|lagged|trailed|beat|"
    r"bested|topped)\s+the\s+(?:broader|broad|overall|wider)\s+"
    r"(?:market|tape|index|benchmark|S&P\s+500)\b", re.IGNORECASE)
_SIGN = re.compile(
    r"\b(?:(?:manag(?:ed|ing)\s+to\s+)?(?:moved|move|closed|close|finish(?:ed)?|ended|end|"
    r"were|was|traded)\s+(?P<updir>higher|lower|up|down|in\s+the\s+(?:green|red)|"
    r"in\s+(?:positive|negative)\s+territory)"
    r"|(?:is|was|were|are|turned|went|stayed|remained)\s+(?P<state>negative|positive)"
    r"|(?P<into>into\s+(?:the\s+)?(?:red|green)|into\s+(?:negative|positive)\s+territory)"
    r"|(?P<verb>rose|gained|advanced|climbed|rallied|fell|declined|slipped|dropped|"
    r"posted\s+(?:gains|losses)|eked\s+out\s+gains))\b", re.IGNORECASE)
_FLAT = re.compile(
    r"\b(?:(?:closed|ended|finished|settled|were|was|traded|stayed|remained)\s+(?:the\s+"
    r"(?:day|session|week)\s+)?)?(?:(?:essentially|virtually|basically|nearly|largely|"
    r"roughly|almost|little)\s+)?(?:flat|unchanged|little[- ]changed)\b", re.IGNORECASE)
_CORRECTION = re.compile(
    r"\b(?:(?:is|was|are|were|remains?|remained|stayed|sits?|sat)\s+(?:now\s+|still\s+)?in|"
    r"(?:entered|enters|entering|breached|breaches|hit|hits|fell\s+into|slipped\s+into|"
    r"tipped\s+into|sank\s+into|dropped\s+into|slid\s+into|moved\s+into|went\s+into|"
    r"plunged\s+into|tumbled\s+into))\s+(?:a\s+)?(?P<what>correction|bear[- ]market)"
    r"(?:\s+territory)?\b", re.IGNORECASE)
#: the market in general as the subject: "stocks", "the major indexes", "Wall Street"
MARKET_WORDS = re.compile(
    r"\b(?:(?:U\.?S\.?|American)\s+)?(?:stocks|equities|the\s+(?:major\s+)?(?:indexes|indices|"
    r"averages|benchmarks)|(?:major\s+)?(?:indexes|indices|averages|benchmarks)|Wall\s+Street)"
    r"\b", re.IGNORECASE)
#: "was the only major index that": "only" said after the name
ONLY_AFTER = re.compile(r"^\s*(?:was|were|is|are)\s+the\s+only\s+(?:one\s+of\s+the\s+)?"
                        r"(?:major\s+|big\s+|main\s+)?(?:index|indexes|indices|average|"
                        r"averages|benchmark|benchmarks|sector|sectors|group|groups)\s+"
                        r"(?:that|to|which)\s+$", re.IGNORECASE)
#: words that make an up or down word the session's path, not its close
INTRADAY = re.compile(r"\b(?:early|earlier|initially|at\s+one\s+point|intraday|as\s+much\s+as|"
                      r"pared|paring|erased|erasing|recover\w*|rebound\w*|midday|morning|"
                      r"afternoon|opened|opening|at\s+the\s+open|briefly|for\s+most\s+of|"
                      r"before\s+(?:closing|"
                      r"ending|finishing|turning))\b", re.IGNORECASE)
#: "only" a few words before the first name: "only energy and utilities rose"
ONLY_BEFORE = re.compile(r"\bonly\s+(?:the\s+)?$", re.IGNORECASE)
_DOWN_WORDS = ("lower", "down", "red", "negative", "fell", "declined", "slipped", "dropped",
               "losses")


@dataclass(frozen=True)
class Standing:
    """A predicate about named members' standing: its span, kind and direction.

    ``side`` is +1 for up, best or better than the market, -1 for down, worst or
    worse. ``among`` marks a rank said loosely ("among the leaders").
    """

    span: tuple[int, int]
    kind: StandingKind
    side: int
    among: bool = False
    #: "led", "lagged": said of the group or of the market, so only wrong when both
    #: readings are
    loose: bool = False


def find_standings(text: str) -> list[Standing]:
    """Return the standing predicates in ``text``, in order, without overlaps."""
    found: list[Standing] = []
    for m in _RANK.finditer(text):
        if m.group("furthest"):
            down = m.group("furthest").lower().startswith(("f", "d", "l", "s"))
            found.append(Standing(m.span(), "rank", -1 if down else 1))
        elif m.group("led"):
            down = m.group("led").lower().endswith(("decliners", "losses", "declines",
                                                    "laggards"))
            found.append(Standing(m.span(), "rank", -1 if down else 1, among=True,
                                  loose=True))
        elif m.group("lagged"):
            found.append(Standing(m.span(), "rank", -1, among=True, loose=True))
        else:
            among = bool(m.group("among") or m.group("among0"))
            plural = (m.group("best") or m.group("worst") or "").lower()
            # "the leaders" and "the weak links" name a group: the members are among it
            among = among or plural.endswith(("s", "gains"))
            found.append(Standing(m.span(), "rank", 1 if m.group("best") else -1, among))
    for m in _MARKET.finditer(text):
        verb = m.group("verb").lower()
        side = -1 if verb.startswith(("under", "lag", "trail")) else 1
        found.append(Standing(m.span(), "market", side))
    for m in _SIGN.finditer(text):
        words = (m.group("updir") or m.group("verb") or m.group("state") or m.group("into")
                 or "").lower()
        side = -1 if any(w in words for w in _DOWN_WORDS) else 1
        end = m.end()
        if (far := re.match(r"\s+(?:thus|so)\s+far\b", text[end:])) is not None:
            end += far.end()  # "is negative thus far"
        found.append(Standing((m.start(), end), "sign", side))
    for m in _CORRECTION.finditer(text):
        found.append(Standing(m.span(), "correction",
                              -2 if m.group("what").lower().startswith("bear") else -1))
    for m in _FLAT.finditer(text):
        found.append(Standing(m.span(), "flat", 0))
    found.sort(key=lambda s: (s.span[0], -s.span[1]))
    out: list[Standing] = []
    for s in found:
        if out and s.span[0] < out[-1].span[1]:
            continue
        out.append(s)
    return out
