"""Verdicts: a claim with its verdict, and the rule comparing a quoted number with a computed one.

See :mod:`rotoscope.check._verify` for what each verdict means.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from rotoscope.check._frames import Claim
from rotoscope.facts import Fact

__all__ = ["CheckedClaim", "Unverifiable", "Verdict", "fmt", "judge"]

Verdict = Literal["confirmed", "approximate", "contradicted", "unverifiable"]

@dataclass
class CheckedClaim:
    """A claim with its verdict, the computed value and the facts behind it."""

    claim: Claim
    verdict: Verdict
    computed: float | None
    explanation: str
    facts: list[Fact] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None


class Unverifiable(Exception):
    """The claim cannot be checked; the message says why."""


def _band(decimals: int) -> float:
    # "29.489999771118164": a float printed whole, not a claim to 15 decimals
    return 0.5 * 10.0 ** (-min(decimals, 6)) + 1e-9


def judge(claimed: float, computed: float, qualifier: str, decimals: int,
          unit: str) -> Literal["confirmed", "approximate", "no"]:
    """Compare a claimed number with the computed one (see the module docstring)."""
    h = _band(decimals)
    diff = computed - claimed
    loose = max(h, 0.05 * abs(claimed)) if unit not in ("sessions", "count") else 1.0
    ok = {
        "exact": abs(diff) <= h,
        "approximately": abs(diff) <= loose,
        "nearly": claimed - max(h, 0.1 * abs(claimed)) <= computed <= claimed + h,
        "more_than": computed > claimed if claimed >= 0 else computed < claimed,
        "less_than": computed < claimed if claimed >= 0 else computed > claimed,
        # "at least 13%" of 12.97%: just under, so approximate (below), not confirmed
        "at_least": computed >= claimed - 1e-9 if claimed >= 0 else computed <= claimed + 1e-9,
    }.get(qualifier, abs(diff) <= h)
    if ok and qualifier == "approximately" and abs(diff) > h and \
            unit not in ("sessions", "count"):
        # "about 21%" for 21.86%: not wrong, but not what rounding gives either
        return "approximate"
    if ok:
        return "confirmed"
    if unit in ("sessions", "count", "year", "years"):
        return "no"
    if abs(diff) <= 2 * h:
        return "approximate"
    return "no"


def fmt(value: float, unit: str, decimals: int = 2) -> str:
    """Format a computed value in a claim's unit ("+1.52%", "-103.18 points")."""
    if unit == "pct":
        return f"{value:+.{decimals}f}%"
    if unit == "pp":
        return f"{value:+.{decimals}f} pp"
    if unit == "points":
        return f"{value:+,.{decimals}f} points"
    if unit == "usd":
        return f"${value:,.{decimals}f}"
    if unit in ("sessions",):
        return f"{value:.0f} sessions"
    if unit == "year":
        return f"{value:.0f}"
    if unit == "years":
        return f"{value:.1f} years"
    return f"{value:,.{decimals}f}"
