"""Claims about where named sectors or indices stood against the rest, and their check.

"only energy and utilities moved higher", "staples, materials and health care
were the weak links", "industrials were among the stronger performers",
"discretionary underperformed the broader market", "small caps had the biggest
gains", "stocks closed flat", "the Russell 2000 entered correction territory".
The predicate is found by :func:`rotoscope.language._standings.find_standings`;
its subjects are the names listed right before it, all sectors (measured on
the eleven sector SPDRs) or all major US indices (ranked among the S&P 500,
the Dow, the Nasdaq Composite and the Russell 2000); "stocks" and "the
indexes" before "flat"; any one series before "correction territory".
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import TYPE_CHECKING

import numpy as np

from rotoscope.analytics.returns import window_return
from rotoscope.check._frames import Claim
from rotoscope.check._mentions import Mention
from rotoscope.check._scope import _clause_of, _Context, _period_from
from rotoscope.check._segments import Segment
from rotoscope.check._verdicts import CheckedClaim, Unverifiable, Verdict
from rotoscope.exceptions import MissingFieldError
from rotoscope.facts import Fact, ordinal
from rotoscope.language import (
    INTRADAY,
    MARKET_WORDS,
    ONLY_AFTER,
    ONLY_BEFORE,
    DateMention,
    Period,
    Quantity,
    Standing,
)

if TYPE_CHECKING:
    from rotoscope.check._verifying import Verifying

__all__ = ["MAJOR_INDICES", "check_standing", "group_moves", "standing_claims"]

#: The group an index's rank is read in ("the market's biggest gains").
MAJOR_INDICES = ("^GSPC", "^DJI", "^IXIC", "^RUT")
#: A gap this small between two members (or from zero) is too close to call on funds.
CLOSE_CALL_PP = 0.05

#: "closed flat": every move at most this (percent); at least NOT_FLAT_PP is a real move
FLAT_PP = 0.15
NOT_FLAT_PP = 0.5
#: Between two listed names: commas, "and", a ticker in parentheses, "shares".
_LIST_GAP = re.compile(
    r"\s*(?:\([^()]{1,12}\))?\s*(?:shares|stocks|names)?\s*(?:,|,?\s*(?:and|&|as\s+well\s+as|"
    r"plus)\b)\s*(?:the\s+)?", re.IGNORECASE)
#: Between the last name and the predicate: a few words, no number, no turn of thought.
_TAIL_STOP = re.compile(r"\d|[;:.!?]|\b(?:while|but|whereas|although|though|as|than|not|"
                        r"n't|if|would|could|might|may|expect\w*|and|or)\b", re.IGNORECASE)
#: the verb that moved the named series: "dragging the Nasdaq into the red"
_AGENT = re.compile(r"\b(?:dragg|push|pull|sen[dt]|tipp|knock|lift|sink|sank)\w*\s+$",
                    re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:not|n't|never|no\s+longer|fail(?:s|ed)?\s+to|unable\s+to|"
                    r"neither|nor|without|whether|if|would|could|might|may|expect\w*|"
                    r"forecast\w*|likely)\b|n't\b", re.IGNORECASE)
_NOT_A_LIST = re.compile(r"\b(?:parts?\s+of|some\s+of|much\s+of|except|excluding|"
                         r"other\s+than|besides)\s+$", re.IGNORECASE)


#: "parts of technology", "pockets of energy": a part of a group, not the group
_PART_OF = r"(?:parts?|pockets|segments|areas|corners|some|much|most)\s+of\s+(?:the\s+)?"
_PARTIAL_TAIL = re.compile(r"^\s*(?:,|and)\s+" + _PART_OF
                           + r"[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s*$", re.IGNORECASE)
_PARTIAL = re.compile(r"\b" + _PART_OF + r"$", re.IGNORECASE)


def _listed(text: str, mentions: list[Mention], s: Standing, lo: int,
            sectors: tuple[str, ...]) -> list[Mention] | None:
    """Return the names listed right before the predicate, or None when there is no list."""
    before = [m for m in mentions if m.symbol is not None and lo <= m.span[1] <= s.span[0]]
    if not before:
        return None
    last = before[-1]
    tail = text[last.span[1]:s.span[0]]
    rank_one = s.kind == "rank" and not s.among
    # "Materials (XLB) was sold hard, finishing as the worst performer": a phrase about one
    # name may stand a few words from it; a list's predicate follows it closely
    reach = 90 if rank_one else 45
    tail = re.sub(r"\([^()]{1,12}\)", "", tail)
    # "... and parts of technology underperformed": the part drops out, the list stands
    tail = _PARTIAL_TAIL.sub(" ", tail)
    if not ONLY_AFTER.match(tail) and (len(tail) > reach or _TAIL_STOP.search(tail)):
        return None
    listed = [last]
    for m in reversed(before[:-1]):
        gap = _PARTIAL.sub("", text[m.span[1]:listed[0].span[0]])
        if not _LIST_GAP.fullmatch(gap):
            break
        listed.insert(0, m)
    # "consumer discretionary and parts of technology": a part of a sector is not the
    # sector, so only the whole ones are judged
    listed = [m for m in listed if not _PARTIAL.search(text, max(lo, m.span[0] - 20),
                                                       m.span[0])]
    if not listed:
        return None
    if _NOT_A_LIST.search(text, max(lo, listed[0].span[0] - 15), listed[0].span[0]):
        return None
    symbols = [m.symbol for m in listed]
    if len(set(symbols)) != len(symbols):
        # "Consumer Staples (XLP)" read once as a name and once as its ticker: keep one
        unique: dict[str | None, Mention] = {}
        for m in listed:
            unique.setdefault(m.symbol, m)
        listed = list(unique.values())
    if s.kind == "correction":
        return listed[-1:]  # "the Russell 2000 entered correction territory": one series
    in_sectors = all(m.symbol in sectors for m in listed)
    in_indices = all(m.symbol in MAJOR_INDICES for m in listed)
    if not in_sectors and not in_indices:
        return None
    return listed


def _market_subject(text: str, mentions: list[Mention], s: Standing,
                    lo: int) -> list[Mention] | None:
    """Return "stocks" as the S&P 500, "the indexes" as the major indices, before "flat"."""
    words = None
    for m in MARKET_WORDS.finditer(text, lo, s.span[0]):
        words = m
    if words is None or len(text[words.end():s.span[0]]) > 60 or \
            re.search(r"%|[;:]", text[words.end():s.span[0]]) or \
            any(words.end() <= m.span[0] < s.span[0] for m in mentions):
        return None
    plural = re.search(r"index|indices|averages|benchmarks", words.group(0), re.IGNORECASE)
    symbols = ("^GSPC", "^IXIC", "^DJI") if plural else ("^GSPC",)
    return [Mention(sym, words.group(0), words.span(), False) for sym in symbols]


#: before the series a ratio is named by: "the ratio of the Russell 2000 to the S&P 500"
_RATIO_OF = re.compile(r"\b(?:ratio|relative\s+strength|spread|gap)\s+(?:of|between)\b[^.;:]*$",
                       re.IGNORECASE)


def standing_claims(text: str, seg: Segment, standings: list[Standing],
                    mentions: list[Mention], periods: list[Period], dates: list[DateMention],
                    clauses: list[tuple[int, int]], ctx: _Context,
                    sectors: tuple[str, ...]) -> list[Claim]:
    """Claims that named sectors (indices) rose, fell, led, lagged or beat the market."""
    out: list[Claim] = []
    lo = seg.span[0]
    for s in standings:
        s = Standing((lo + s.span[0], lo + s.span[1]), s.kind, s.side, s.among, s.loose)
        clause = _clause_of(clauses, s.span[0])
        if _HEDGE.search(text, clause[0], s.span[0]):
            continue
        if s.kind in ("sign", "flat") and INTRADAY.search(text, lo, seg.span[1]):
            continue  # "fell early but recovered": the session's path, not its close
        if (s.kind == "sign" or s.among) and re.search(r"\d", text[s.span[1]:clause[1]]):
            continue  # "energy rose 2.1%", "staples lagged at 0.8%": the number is the claim
        listed = _listed(text, mentions, s, max(lo, clause[0] - 200), sectors)
        if listed is None and s.kind == "flat":
            listed = _market_subject(text, mentions, s, lo)
        if listed is None:
            continue
        first = listed[0]
        if _RATIO_OF.search(text, max(lo, first.span[0] - 60), first.span[0]):
            # "the ratio of the Russell 2000 to the S&P 500 fell": the ratio fell
            continue
        before = ONLY_BEFORE.search(text, max(lo, first.span[0] - 12), first.span[0])
        only = before is not None or \
            ONLY_AFTER.match(text[listed[-1].span[1]:s.span[0]]) is not None
        period = _period_from(periods, dates, clause[0], clause[1], s.span[0], "clause") or \
            _period_from(periods, dates, lo, seg.span[1], s.span[0], "sentence")
        if period is None and ctx.period is not None and ctx.period.source == "block":
            period = ctx.period
        if period is None and ctx.period is not None:
            period = ctx.period
        start, end = (before.start() if before is not None else first.span[0]), s.span[1]
        if period is not None and period.span is not None and period.span[0] >= end and \
                re.fullmatch(r"\s{0,3}", text[end:period.span[0]]):
            end = period.span[1]  # "into the red for the week"
        if (verb := _AGENT.search(text, max(lo, start - 20), start)) is not None:
            start = verb.start()  # "dragging the Nasdaq into the red"
        span = (start, end)
        names = ", ".join(m.name for m in listed)
        # the predicate is the claim's mark in the text; the names it speaks of may hold
        # numbers of their own ("Materials (XLB) fell 0.75%, the worst performer")
        q = Quantity(float(len(listed)), "count", s.span, "exact", 0,
                     text[s.span[0]:s.span[1]])
        out.append(Claim(
            span=span, quantity=q, segment=seg.span, metric="standing",
            subject=listed[0].symbol, subject_text=names, unit="claim",
            claimed=float(len(listed)), qualifier="exact", decimals=0, period=period,
            streak_side=s.side, subject_how="left", proxy=listed[0].symbol in sectors,
            members=tuple(m.symbol for m in listed if m.symbol is not None),
            standing=s, only=only,
        ))
    return out


# ---------------------------------------------------------------- the check
def group_moves(v: Verifying, symbols: tuple[str, ...], end: dt.date,
                window: str) -> tuple[dict[str, float], list[Fact], dt.date]:
    """Return each series' move over the window to ``end``, its facts and the window's start.

    An index whose data end before ``end`` is measured on the fund that stands in for it;
    a series without a close on ``end`` makes the claim unverifiable.
    """
    moves: dict[str, float] = {}
    facts: list[Fact] = []
    for symbol in symbols:
        held = _held(v, symbol, end)
        fld = v.price_field(held, end)
        try:
            f = window_return(v.pit(end), held, window, fld)
        except (ValueError, MissingFieldError):
            f = window_return(v.pit(end), held, window, "adj_close")
        if f.inputs[-1].last != end:
            raise Unverifiable(f"{held} has no close on {end}")
        assert isinstance(f.value, float)
        moves[symbol] = f.value
        facts.append(f)
    return moves, facts, facts[0].inputs[0].first


def _held(v: Verifying, symbol: str, end: dt.date) -> str:
    """Return the symbol, or the fund that stands in for an index whose data end early."""
    found = v.stand_in_for(symbol, end)
    return symbol if found is None else found[0]


def check_standing(v: Verifying, c: Claim) -> CheckedClaim:
    """Judge a standing claim on the whole group's moves over the claim's period."""
    s = c.standing
    assert s is not None
    sectors = v.universe.sectors
    if s.kind == "correction":
        return _correction(v, c)
    group = sectors if all(m in sectors for m in c.members) else MAJOR_INDICES
    if s.kind != "rank" and not c.only:
        group = c.members  # "energy and utilities rose": the others do not matter
    end = v.end_of(c)
    window = c.period.window if c.period else "1d"
    moves, facts, start = group_moves(v, group, end, window)
    ranked = sorted(moves, key=lambda k: -moves[k] * s.side)  # best first on the claim's side
    listing = ", ".join(f"{k} {moves[k]:+.2f}%" for k in sorted(moves, key=lambda k: -moves[k]))
    where = f"{start} to {end} ({listing})"
    if s.kind == "sign":
        verdict, said = _sign(c, moves, s.side)
    elif s.kind == "flat":
        verdict, said = _flat(c, moves)
    elif s.kind == "market":
        bench = v.universe.sector_benchmark if c.members[0] in sectors else "^GSPC"
        if bench in c.members:
            raise Unverifiable(f"{bench} is both the subject and the market it is set against")
        bm, bfacts, _ = group_moves(v, (bench,), end, window)
        facts += bfacts
        verdict, said = _market(c, moves, bm[bench], s.side)
        where += f"; {bench} {bm[bench]:+.2f}%"
    else:
        verdict, said = _rank(c, moves, ranked, s)
        if verdict == "contradicted" and s.loose:
            # "tech lagged" may mean it trailed the market rather than most sectors
            bench = v.universe.sector_benchmark if c.members[0] in sectors else "^GSPC"
            if bench not in c.members:
                bm, bfacts, _ = group_moves(v, (bench,), end, window)
                facts += bfacts
                where += f"; {bench} {bm[bench]:+.2f}%"
                if _market(c, moves, bm[bench], s.side)[0] != "contradicted":
                    raise Unverifiable(f"{said}, but against {bench} it reads the other "
                                       "way; 'led' and 'lagged' may mean either")
    if verdict in ("confirmed", "approximate") and all(k in sectors for k in group):
        verdict = "approximate"
        said += "; measured on the sector SPDRs, which stand in for the sector indices"
    held = {k: _held(v, k, end) for k in group}
    funds = [f"{held[k]} for {k}" for k in group if held[k] != k]
    if funds:
        verdict = "approximate" if verdict == "confirmed" else verdict
        said += f"; measured on {', '.join(funds)}, whose index data end earlier"
    return CheckedClaim(c, verdict, None, f"{said}, {where}.", facts, start, end)


def _sign(c: Claim, moves: dict[str, float], side: int) -> tuple[Verdict, str]:
    way = "rose" if side > 0 else "fell"
    wrong = [m for m in c.members if moves[m] * side <= 0]
    others = [m for m in moves if m not in c.members and moves[m] * side > 0]
    if not wrong and (not c.only or not others):
        return "confirmed", ("only " if c.only else "") + f"{', '.join(c.members)} {way}"
    close = [m for m in wrong + (others if c.only else []) if abs(moves[m]) < CLOSE_CALL_PP]
    if len(close) == len(wrong) + (len(others) if c.only else 0):
        raise Unverifiable(f"{', '.join(close)} moved less than {CLOSE_CALL_PP}%, too close "
                           "to zero to call on the sector funds")
    if wrong:
        return "contradicted", f"{', '.join(wrong)} did not {'rise' if side > 0 else 'fall'}"
    return "contradicted", f"{', '.join(others)} {way} too, not only {', '.join(c.members)}"


def _correction(v: Verifying, c: Claim) -> CheckedClaim:
    """Judge "in correction territory": a close 10% (a bear market: 20%) under the record.

    Over a period longer than a session ("breached correction territory in March") any
    close of the period will do.
    """
    assert c.standing is not None
    symbol = _held(v, c.members[0], v.end_of(c))
    end = v.end_of(c)
    depth = 20.0 if c.standing.side == -2 else 10.0
    fld = v.price_field(symbol, end)
    series = v.pit(end).series(symbol, fld)
    if series.date(-1) != end:
        raise Unverifiable(f"{symbol} has no {fld} on {end}")
    window = c.period.window if c.period else "1d"
    first = len(series.values) - 1
    if window != "1d":
        base = window_return(v.pit(end), symbol, window, fld).inputs[0].first
        first = series.index_on_or_before(base) + 1
    peak = np.maximum.accumulate(series.values)
    below = (series.values / peak - 1.0) * 100.0
    k = first + int(np.argmin(below[first:]))
    head = (f"{symbol} {fld} on {series.date(k)}: {series.values[k]:,.2f}, "
            f"{below[k]:+.2f}% from its record close of {peak[k]:,.2f}")
    word = "a bear market" if depth == 20.0 else "correction territory"
    proxy = symbol != c.members[0] or c.proxy
    if below[k] <= -depth:
        verdict: Verdict = "approximate" if proxy else "confirmed"
        return CheckedClaim(c, verdict, float(below[k]), f"{head}: {word} (-{depth:.0f}% or "
                            "more).", [], series.date(first), series.date(k))
    if proxy:
        raise Unverifiable(f"{head}, measured on a fund that stands in for the index")
    return CheckedClaim(c, "contradicted", float(below[k]),
                        f"{head}: not {word} (-{depth:.0f}% or more), its deepest point "
                        f"from {series.date(first)} to {end}.", [], series.date(first), end)


def _flat(c: Claim, moves: dict[str, float]) -> tuple[Verdict, str]:
    widest = max(abs(moves[m]) for m in c.members)
    if widest <= FLAT_PP:
        return "confirmed", f"{', '.join(c.members)} moved {FLAT_PP}% or less"
    if widest >= NOT_FLAT_PP:
        moved = ", ".join(f"{m} {moves[m]:+.2f}%" for m in c.members
                          if abs(moves[m]) >= NOT_FLAT_PP)
        return "contradicted", f"not flat: {moved}"
    raise Unverifiable(f"the largest move was {widest:.2f}%, between flat and a real move")


def _market(c: Claim, moves: dict[str, float], bench: float,
            side: int) -> tuple[Verdict, str]:
    wrong = [m for m in c.members if (moves[m] - bench) * side <= 0]
    word = "beat" if side > 0 else "trailed"
    if not wrong:
        return "confirmed", f"{', '.join(c.members)} {word} the market"
    if all(abs(moves[m] - bench) < CLOSE_CALL_PP for m in wrong):
        raise Unverifiable(f"{', '.join(wrong)} moved within {CLOSE_CALL_PP} points of the "
                           "market, too close to call")
    return "contradicted", f"{', '.join(wrong)} did not {word.rstrip('ed') or word} the market"


def _rank(c: Claim, moves: dict[str, float], ranked: list[str],
          s: Standing) -> tuple[Verdict, str]:
    n, k = len(ranked), len(c.members)
    rank = {m: ranked.index(m) + 1 for m in c.members}
    best = "best" if s.side > 0 else "worst"
    places = ", ".join(f"{m} {ordinal(rank[m])} {best}" for m in c.members)
    if s.among:
        part = math.floor(n / 2)
        if all(r <= part for r in rank.values()):
            return "confirmed", f"{places} of {n}"
        if any(r > n - part for r in rank.values()):
            return "contradicted", f"{places} of {n}, in the other half"
        raise Unverifiable(f"{places} of {n}: the middle of the group")
    if all(r <= k for r in rank.values()):
        return "confirmed", f"{places} of {n}"
    edge = moves[ranked[k - 1]]
    if all(r <= k or abs(moves[m] - edge) < CLOSE_CALL_PP for m, r in rank.items()):
        raise Unverifiable(f"{places} of {n}: within {CLOSE_CALL_PP} points of the "
                           f"{ordinal(k)} {best}, too close to call")
    return "contradicted", f"{places} of {n}"
