"""The claims of a segment read from whole phrases rather than from one number each.

Seasons ("11 straight positive Julys"), bulletin lines ("Largest three-day gain since
..."), yields said to ease or rise, a level held since a day, and the 2s10s curve in
basis points. They are added after the segment's number claims, which some of them
read (a level held is the level just named; a bulletin line already read as a
period's rarity is not read twice; a curve's numbers are the curve's, not figures
out of the data).
"""

from __future__ import annotations

import datetime as dt

from rotoscope.check._bulletins import bulletin_claims
from rotoscope.check._curve import curve_claims
from rotoscope.check._frames import Claim
from rotoscope.check._held import held_claims
from rotoscope.check._mentions import Mention
from rotoscope.check._scope import _Context
from rotoscope.check._seasons import season_claims
from rotoscope.check._segments import Segment
from rotoscope.check._yields import yield_move_claims
from rotoscope.language import DateMention, Period

__all__ = ["worded_claims"]


def worded_claims(text: str, seg: Segment, seg_claims: list[Claim], mentions: list[Mention],
                  periods: list[Period], dates: list[DateMention], ctx: _Context,
                  as_of: dt.date) -> list[Claim]:
    """Return ``seg_claims`` with the segment's phrase claims added (see the module)."""
    out = seg_claims + season_claims(text, seg, mentions, ctx)
    out += yield_move_claims(text, seg, periods, dates)
    out += held_claims(text, seg, out)
    rated = [c.span for c in out if c.metric == "change_rarity"]
    out += [c for c in bulletin_claims(text, seg, mentions, dates, ctx, as_of)
            if not any(a < c.span[1] and c.span[0] < b for a, b in rated)]
    curve = curve_claims(text, seg, periods, dates)
    if curve:
        # "from 72 basis points to 30": levels of the curve, not out-of-data figures
        spans = {c.quantity.span[0] for c in curve}
        out = [c for c in out if c.quantity.span[0] not in spans] + curve
    return out
