"""Moves during the session rather than at its close.

"The Nasdaq fell as much as 1.6% early Monday", "the Dow was down 900 points at one
point", "stocks were up 1.2% in afternoon trading": a move of the session's path. "As
much as" and "at one point" name the session's extreme (its low for a fall, its high for
a rise, from the close before); "early", "in afternoon trading", "midday" name a moment
of it, which must lie between the session's low and high. A close named in the same
words ("before rebounding to close up 0.4%") keeps that number a close.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rotoscope.analytics.returns import value_on
from rotoscope.check._frames import Claim
from rotoscope.check._scope import _clause_of
from rotoscope.check._verdicts import CheckedClaim, Unverifiable, Verdict, judge
from rotoscope.exceptions import RotoscopeError

if TYPE_CHECKING:
    from rotoscope.check._verifying import Verifying

__all__ = ["check_intraday", "mark_intraday"]

#: The session's extreme: "as much as", "at one point", "at its session low".
_EXTREME = re.compile(r"\b(?:as\s+much\s+as|at\s+one\s+point|at\s+(?:its|their|the)\s+"
                      r"(?:session\s+|day's\s+|intraday\s+)?(?:low|high|lows|highs|worst|best)|"
                      r"intraday\s+(?:low|high))\b", re.IGNORECASE)
#: A moment of the session: "early", "in afternoon trading", "midday".
_MOMENT = re.compile(r"\b(?:early|earlier|in\s+(?:early|late|morning|afternoon|midday|"
                     r"mid-day|intraday)\s+trading|midday|mid-day|intraday|in\s+the\s+"
                     r"(?:morning|afternoon)|at\s+the\s+open|after\s+the\s+open|briefly|"
                     r"before\s+(?:paring|recovering|rebounding|reversing|trimming))\b",
                     re.IGNORECASE)
#: Words that make the number a close after all.
_CLOSE = re.compile(r"\b(?:clos(?:e|ed|ing)|finish(?:ed|ing)?|end(?:ed|ing)?|settl(?:e|ed|ing))\b",
                    re.IGNORECASE)


def mark_intraday(text: str, claims: list[Claim], clauses: list[tuple[int, int]]) -> None:
    """Mark the daily changes of a segment that speak of the session's path."""
    for c in claims:
        if c.metric != "change" or c.unit not in ("pct", "points") or (
                c.period is not None and c.period.window != "1d"):
            continue
        a, b = c.quantity.span
        clause = _clause_of(clauses, a)
        before = text[clause[0]:a]
        after = text[b:min(clause[1], b + 40)]
        if _CLOSE.search(before[-30:]) or _CLOSE.match(after.lstrip()):
            continue
        if _EXTREME.search(before[-25:]) or re.match(r"\s*(?:at\s+one\s+point|intraday)\b",
                                                     after, re.IGNORECASE):
            c.intraday = "extreme"
        elif _MOMENT.search(before) or _MOMENT.search(after):
            c.intraday = "moment"


def check_intraday(v: Verifying, c: Claim) -> CheckedClaim:
    """Judge a move during the session on its low and high against the close before."""
    assert c.subject is not None
    end = v.end_of(c)
    before = v.session_before(end)
    try:
        prev = value_on(v.pit(before), c.subject, "close", before)
        low = value_on(v.pit(end), c.subject, "low", end)
        high = value_on(v.pit(end), c.subject, "high", end)
    except RotoscopeError as exc:
        raise Unverifiable(f"{c.subject} has no close, low and high on {before} and "
                           f"{end}") from exc
    base, bottom, top = _number(prev.value), _number(low.value), _number(high.value)

    def move(x: float) -> float:
        return (x / base - 1.0) * 100.0 if c.unit == "pct" else x - base

    lo, hi = move(bottom), move(top)
    unit = "%" if c.unit == "pct" else " points"
    head = (f"{c.subject} on {end}: low {bottom:,.2f} ({lo:+.2f}{unit}), high "
            f"{top:,.2f} ({hi:+.2f}{unit}) against the {before} close of {base:,.2f}")
    facts = [prev, low, high]
    if c.intraday == "extreme":
        value = lo if c.claimed < 0 else hi
        got = judge(c.claimed, value, c.qualifier, c.decimals, c.unit)
        verdict: Verdict = "contradicted" if got == "no" else got
        side = "low" if c.claimed < 0 else "high"
        return CheckedClaim(c, verdict, value, f"{head}: the session's {side} was "
                            f"{value:+.2f}{unit}.", facts, before, end)
    slack = 0.5 * 10.0 ** (-min(c.decimals, 6))
    if lo - slack <= c.claimed <= hi + slack:
        return CheckedClaim(c, "approximate", c.claimed, f"{head}: a move of "
                            f"{c.claimed:+g}{unit} lies within the session's range.",
                            facts, before, end)
    return CheckedClaim(c, "contradicted", lo if c.claimed < lo else hi,
                        f"{head}: {c.claimed:+g}{unit} is outside the session's range.",
                        facts, before, end)


def _number(value: object) -> float:
    if not isinstance(value, int | float):
        raise Unverifiable(f"a price of {value!r} is not a number")
    return float(value)
