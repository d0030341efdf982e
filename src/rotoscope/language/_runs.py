"""Runs of up or down periods named in prose, with or without digits.

"four straight losing sessions", "its third consecutive down day", "up for a
fourth straight day", "down for two consecutive weeks", "snapped a five-week
losing streak", "the seventh consecutive winning day", "down three of the past
four weeks", "closed higher in 12 of 13 sessions this month". Each is a claim
about one series' closes: how many periods in a row (or out of how many) rose
or fell. Runs of one series against another ("beat the S&P 500 for 14
sessions") are read elsewhere, as pair streaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rotoscope.language._numbers import count_value, number_word_pattern

__all__ = ["RunPhrase", "SectorCount", "find_runs", "find_sector_counts"]

Frequency = Literal["session", "week", "month"]

ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
            "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "2nd": 2, "3rd": 3}
ORDINALS |= {f"{n}th": n for n in range(4, 31)}
_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
_CARD = r"\d{1,2}|(?:" + number_word_pattern(spaced=False) + ")"
_IN_A_ROW = r"(?:straight|consecutive|successive)"
_DIRECTION = (r"(?P<dir>losing|winning|down|up|negative|positive|lower|higher|red|green|"
              r"weekly|daily|monthly)")
_UNIT = (r"(?P<unit>trading\s+days?|sessions?|days?|weeks?|months?|losses|loss|gains?|"
         r"declines?|advances?|drops?|rises?|retreats?|rall(?:y|ies))")
_ORDINAL_RUN = re.compile(
    r"\b(?P<ord>" + _ORD + r")\s+" + _IN_A_ROW + r"\s+(?:" + _DIRECTION + r"\s+)?" + _UNIT
    + r"\b", re.IGNORECASE)
_CARDINAL_RUN = re.compile(
    r"\b(?P<n>" + _CARD + r")[- ]" + r"(?:(?:" + _IN_A_ROW + r")\s+(?:" + _DIRECTION + r"\s+)?"
    + _UNIT + r"|(?P<unit2>trading[- ]day|session|day|week|month)s?\s+(?P<dir2>losing|winning)"
    r"\s+(?:streak|run)|(?P<unit3>trading\s+days|sessions|days|weeks|months)\s+in\s+a\s+row)\b",
    re.IGNORECASE)
_OUT_OF = re.compile(
    r"\b(?P<n>" + _CARD + r")\s+(?:of|out\s+of)\s+(?:the\s+)?(?:(?:past|last|prior)\s+)?"
    r"(?P<m>" + _CARD + r")\s+(?:trading\s+)?(?P<unit>sessions|days|weeks|months)\b",
    re.IGNORECASE)
_SNAPPED = re.compile(r"\b(?:snap(?:s|ped|ping)?|end(?:s|ed|ing)?|br(?:oke|eaks?|eaking)|"
                      r"halt(?:s|ed|ing)?|stopp?(?:ed|s|ing)?|after)\s+(?:a|an|its|their|the)?\s*$",
                      re.IGNORECASE)
#: "extended its winning streak", "extended their losing runs"
_EXTENDED = re.compile(
    r"\b(?:extend(?:ed|s|ing)?|stretch(?:ed|es|ing)?|lengthen(?:ed|s|ing)?|prolong(?:ed|s)?)\s+"
    r"(?:(?:its|their|a|the)\s+)?(?:(?P<weekly>weekly)\s+|daily\s+)?(?P<dir>win(?:ning)?|losing)\s+"
    r"(?:streaks?|runs?)\b", re.IGNORECASE)
#: after such a phrase: "... to four", "... to nine sessions"
_EXTENDED_TO = re.compile(r"\s+to\s+(?P<n>" + _CARD + r")\b(?:\s+(?:straight\s+)?"
                          r"(?:trading\s+days|sessions|days|weeks|months))?", re.IGNORECASE)
#: "closed higher after trading lower over the previous two weeks": a run snapped
_AFTER_RUN = re.compile(
    r"\b(?:close[sd]?|closing|finish(?:ed|es|ing)?|end(?:ed|s|ing)?)\s+(?P<now>higher|lower|"
    r"up|down)\s+after\s+(?:trading|closing|finishing|ending|moving)\s+(?P<dir>lower|higher|"
    r"down|up)\s+(?:over|in|for|during)\s+the\s+(?:previous|prior|past|last)\s+"
    r"(?P<n>" + _CARD + r")\s+(?P<unit>weeks|sessions|trading\s+days|days|months)\b",
    re.IGNORECASE)
#: a cheap test that a text may hold a run phrase at all
_CUE = re.compile(r"straight|consecutive|successive|streak|in a row|\bof\b|previous|prior",
                  re.IGNORECASE)
_DOWN = {"losing", "down", "negative", "lower", "red", "loss", "losses", "decline",
         "declines", "drop", "drops", "retreat", "retreats"}
_UP = {"winning", "up", "positive", "higher", "green", "gain", "gains", "advance", "advances",
       "rise", "rises", "rally", "rallies"}


@dataclass(frozen=True)
class RunPhrase:
    """One run phrase.

    Attributes
    ----------
    span
        The phrase's words.
    length
        How many periods in a row ("fourth straight day": 4), or for ``out_of``
        how many periods moved that way.
    frequency
        ``session``, ``week`` or ``month``.
    side
        +1 for up periods, -1 for down ones, 0 when the words do not say (the
        caller reads the sentence's up or down words).
    snapped
        The run ended with the latest period ("snapped a five-week losing streak").
    out_of
        For "three of the past four weeks": the number of periods counted (4).
    extended
        "extended its winning streak": the latest period moved the run's way and so
        did the one before (``length`` is then the least it can be, 2).
    """

    span: tuple[int, int]
    length: int
    frequency: Frequency
    side: int
    snapped: bool = False
    out_of: int | None = None
    extended: bool = False
    #: for a snapped run named by the periods before ("closed higher after trading lower
    #: over the previous two weeks"): the run was at least ``length`` long
    at_least: bool = False


def _number(token: str) -> int | None:
    n = count_value(token)
    return n if n is not None else ORDINALS.get(token.lower())


def _frequency(unit: str) -> Frequency:
    """Return the period a unit word counts ("weekly loss": weeks, "day": sessions)."""
    u = unit.lower()
    if u.startswith("week"):
        return "week"
    if u.startswith("month"):
        return "month"
    return "session"


def _side(*words: str | None) -> int:
    for w in words:
        if not w:
            continue
        low = w.lower()
        if low in _DOWN or any(low.startswith(d) for d in ("loss", "declin", "drop", "retreat")):
            return -1
        if low in _UP or any(low.startswith(u) for u in ("gain", "advanc", "rise", "rall")):
            return 1
    return 0


def find_runs(text: str) -> list[RunPhrase]:
    """Return the run phrases of ``text`` in order (see the module docstring)."""
    out: list[RunPhrase] = []
    if not _CUE.search(text):
        return out
    for m in _ORDINAL_RUN.finditer(text):
        n = _number(m.group("ord"))
        if n is None:
            continue
        direction = (m.group("dir") or "").lower()
        unit = m.group("dir") if direction in ("weekly", "monthly") else m.group("unit")
        out.append(RunPhrase(m.span(), n, _frequency(unit),
                             _side(m.group("dir"), m.group("unit")),
                             bool(_SNAPPED.search(text, max(0, m.start() - 16), m.start()))))
    for m in _CARDINAL_RUN.finditer(text):
        if any(r.span[0] < m.end() and m.start() < r.span[1] for r in out):
            continue
        n = _number(m.group("n"))
        unit = m.group("unit") or m.group("unit2") or m.group("unit3")
        if (m.group("dir") or "").lower() in ("weekly", "monthly"):
            unit = m.group("dir")  # "nine consecutive weekly gains": weeks
        if n is None or n < 2 or not unit:
            continue
        out.append(RunPhrase(m.span(), n, _frequency(unit),
                             _side(m.group("dir"), m.group("dir2"), m.group("unit")),
                             bool(_SNAPPED.search(text, max(0, m.start() - 16), m.start()))))
    for m in _EXTENDED.finditer(text):
        frequency: Frequency = "week" if m.group("weekly") else "session"
        side = -1 if m.group("dir").lower().startswith("los") else 1
        to = _EXTENDED_TO.match(text, m.end())
        n = _number(to.group("n")) if to is not None else None
        if to is not None and n is not None and n >= 2:
            # "extended its weekly winning streak to four": a run of exactly that length
            out.append(RunPhrase((m.start(), to.end()), n, frequency, side))
            continue
        out.append(RunPhrase(m.span(), 2, frequency, side, extended=True))
    for m in _AFTER_RUN.finditer(text):
        n = _number(m.group("n"))
        before = _side(m.group("dir"))
        if n is None or n < 2 or before == 0 or _side(m.group("now")) != -before:
            continue
        out.append(RunPhrase(m.span(), n, _frequency(m.group("unit")), before, snapped=True,
                             at_least=True))
    for m in _OUT_OF.finditer(text):
        n, total = _number(m.group("n")), _number(m.group("m"))
        if n is None or total is None or n > total:
            continue
        out.append(RunPhrase(m.span(), n, _frequency(m.group("unit")), 0, out_of=total))
    out.sort(key=lambda r: r.span)
    return out


#: "seven of 11 posting positive", "Nine out of 11 sectors ... ended in negative
#: territory", "eight of the S&P 500's eleven sectors finished with losses", "only three
#: SPDR sector ETFs managed to close the month in positive territory"
_SECTOR_COUNT = re.compile(
    r"\b(?:(?P<only>only)\s+)?(?P<n>" + _CARD + r"|all)\s+(?:(?:out\s+)?of\s+(?:the\s+)?"
    r"(?:S&P\s*500['’]s\s+|SPDR\s+)?(?P<m>11|eleven)\b(?:\s+(?:S&P\s*500\s+|SPDR\s+|major\s+|"
    r"market\s+)?sectors?)?|(?:S&P\s*500\s+|SPDR\s+)?sectors?\b)", re.IGNORECASE)
_SECTOR_UP = re.compile(r"\b(?:positive|gain(?:s|ed)?|higher|rose|advanc\w*|green|up)\b",
                        re.IGNORECASE)
_SECTOR_DOWN = re.compile(r"\b(?:negative|loss(?:es)?|lower|fell|declin\w*|red|down|drop\w*)\b",
                          re.IGNORECASE)


@dataclass(frozen=True)
class SectorCount:
    """A count of sectors that moved one way ("seven of 11 sectors rose")."""

    span: tuple[int, int]
    count: int
    side: int  # +1 up, -1 down, 0 unknown
    only: bool = False


def find_sector_counts(text: str) -> list[SectorCount]:
    """Return the counts of sectors that rose or fell, in order, with the side the words give.

    The side is read from the words after the count up to the end of its clause
    ("posting positive", "ended in negative territory", "finished with losses").
    """
    out: list[SectorCount] = []
    for m in _SECTOR_COUNT.finditer(text):
        if not m.group("m") and not re.search(r"sector", m.group(0), re.IGNORECASE):
            continue
        if not m.group("m") and not m.group("only"):
            continue  # "three sectors" alone is not a count of all eleven
        token = m.group("n").lower()
        n = 11 if token == "all" else _number(token)
        if n is None or n > 11:
            continue
        after = re.sub(r"\([^()]*\)", " ", text[m.end():m.end() + 120])
        after = re.split(r"[,;.]|\bwhile\b|\bbut\b", after)[0]
        ups = list(_SECTOR_UP.finditer(after))
        downs = list(_SECTOR_DOWN.finditer(after))
        side, end = 0, m.end()
        if ups and (not downs or ups[0].start() < downs[0].start()):
            side, end = 1, m.end() + ups[0].end()
        elif downs:
            side, end = -1, m.end() + downs[0].end()
        if (tail := re.match(r"\s+territory\b", text[end:])) is not None:
            end += tail.end()
        # "Nine out of 11 sectors ... ended in negative territory": the words with the count
        span = (m.start(), end) if side and "(" not in text[m.end():end] else m.span()
        out.append(SectorCount(span, n, side, bool(m.group("only"))))
    return out
