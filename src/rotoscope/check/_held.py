"""A level held since a day, said in words.

"set its record of 2,467.70 on September 18 and has remained below that level since
then". The level and the day are those of the level claim just before the phrase in the same
sentence (a close, a record close, a 52-week high); the phrase says every close after
that day, to the reference session, stayed below (above) it. It is judged on closes:
the highest (lowest) close since then is the evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from rotoscope.analytics.returns import value_on
from rotoscope.check._frames import Claim
from rotoscope.check._segments import Segment
from rotoscope.check._verdicts import CheckedClaim, Unverifiable
from rotoscope.language import Quantity

if TYPE_CHECKING:
    from rotoscope.check._verifying import Verifying

__all__ = ["check_held", "held_claims"]

_HELD = re.compile(
    r"\b(?:has|have|had)\s+(?:since\s+)?(?:remained|stayed|held|traded|closed)\s+"
    r"(?P<side>below|under|above|over)\s+(?:that\s+(?:level|mark|peak|high|low)|it)"
    r"(?:\s+(?:ever\s+)?since(?:\s+then)?)?", re.IGNORECASE)
_LEVELS = ("level", "record_high", "high_52w", "low_52w")


def held_claims(text: str, seg: Segment, seg_claims: list[Claim]) -> list[Claim]:
    """Claims that a series stayed below (above) a level named just before, since its day."""
    out: list[Claim] = []
    for m in _HELD.finditer(text, seg.span[0], seg.span[1]):
        named = [c for c in seg_claims if c.metric in _LEVELS and c.subject is not None
                 and c.quantity.span[1] <= m.start() and c.period is not None
                 and c.period.day is not None]
        if not named:
            continue
        level = named[-1]
        below = m.group("side").lower() in ("below", "under")
        q = Quantity(level.claimed, "level", m.span(), "exact", level.decimals, m.group(0))
        out.append(replace(
            level, span=m.span(), quantity=q, metric="held", period=None,
            streak_side=-1 if below else 1, since_day=level.period.day if level.period
            else None, reason=None))
    return out


def check_held(v: Verifying, c: Claim) -> CheckedClaim:
    """Every close after the level's day, to the reference session, on the stated side."""
    assert c.subject is not None
    assert c.since_day is not None
    end = v.reference
    fld = v.price_field(c.subject, end)
    s = v.pit(end).series(c.subject, fld)
    first = s.index_on_or_before(c.since_day) + 1
    last = s.index_on_or_before(end)
    if first > last:
        raise Unverifiable(f"no {c.subject} close after {c.since_day} to {end}")
    closes = np.asarray(s.values[first:last + 1], dtype=float)
    k = int(np.argmax(closes) if c.streak_side < 0 else np.argmin(closes))
    extreme, day = float(closes[k]), s.date(first + k)
    held = extreme < c.claimed if c.streak_side < 0 else extreme > c.claimed
    side = "below" if c.streak_side < 0 else "above"
    what = "highest" if c.streak_side < 0 else "lowest"
    fact = value_on(v.pit(end), c.subject, fld, day)
    start: dt.date = s.date(first)
    return CheckedClaim(
        c, "confirmed" if held else "contradicted", extreme,
        f"{c.subject}'s {what} {fld} from {start} to {end} was {extreme:,.2f} on {day}, "
        f"{'so every close stayed ' + side if held else 'not ' + side} {c.claimed:,.2f}.",
        [fact], start, end)
