"""Which way yields went, said without a number: "a boost from easing yields".

"Treasury yields" said alone usually means the 10-year, the benchmark, but a writer
may mean another maturity. So the claim is read on the 10-year yield from both
sources the data hold (the CBOE's ^TNX and FRED's DGS10) over the sentence's period
(the reference session when it names none): it is ``confirmed`` when both moved the
stated way, and otherwise ``unverifiable``, naming the move: the text may speak of
another maturity, so it is never called wrong on the 10-year alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rotoscope.analytics import window_return
from rotoscope.check._frames import Claim
from rotoscope.check._scope import _period_from
from rotoscope.check._segments import Segment
from rotoscope.check._verdicts import CheckedClaim, Unverifiable
from rotoscope.exceptions import RotoscopeError
from rotoscope.language import DateMention, Period, Quantity

if TYPE_CHECKING:
    from rotoscope.check._verifying import Verifying

__all__ = ["check_yield_move", "yield_move_claims"]

_TEN_YEAR = ("^TNX", "DGS10")
_DOWN = r"easing|eased|falling|fell|lower|declining|retreating|slipping|sliding|dropping"
_UP = r"rising|rose|higher|climbing|surging|jumping|spiking|soaring"
#: "easing yields", "rising Treasury yields", "lower bond yields"
_MOVE = re.compile(r"\b(?P<dir>" + _DOWN + "|" + _UP + r")\s+(?:U\.?S\.?\s+)?(?:Treasury\s+|"
                   r"bond\s+|government\s+bond\s+)?yields\b", re.IGNORECASE)


def yield_move_claims(text: str, seg: Segment, periods: list[Period],
                      dates: list[DateMention]) -> list[Claim]:
    """Claims that yields eased or rose, said without a number, in one segment."""
    lo, hi = seg.span
    out: list[Claim] = []
    for m in _MOVE.finditer(text, lo, hi):
        side = -1 if re.fullmatch(_DOWN, m.group("dir"), re.IGNORECASE) else 1
        period = _period_from(periods, dates, lo, hi, m.start(), "sentence", text)
        q = Quantity(1.0, "level", m.span(), "exact", 0, m.group(0))
        out.append(Claim(
            span=m.span(), quantity=q, segment=seg.span, metric="yield_move",
            subject=_TEN_YEAR[0], subject_text="Treasury yields (read as the 10-year)",
            unit="claim", claimed=1.0, qualifier="exact", decimals=0, period=period,
            streak_side=side, subject_how="left"))
    return out


def check_yield_move(v: Verifying, c: Claim) -> CheckedClaim:
    """Confirm a move of yields when both 10-year series moved that way, else abstain."""
    end = v.end_of(c)
    window = c.period.window if c.period is not None else "1d"
    moves: list[tuple[str, float]] = []
    facts = []
    for symbol in _TEN_YEAR:
        try:
            fact = window_return(v.pit(end), symbol, window, "close")
        except RotoscopeError as exc:
            raise Unverifiable(f"the 10-year yield is not in the data over that period "
                               f"({exc})") from exc
        first, last = fact.inputs[0].first, fact.inputs[0].last
        s = v.pit(end).series(symbol, "close")
        change = float(s.values[s.index_on_or_before(last)] - s.values[s.index_on_or_before(first)])
        moves.append((symbol, change))
        facts.append(fact)
    said = "; ".join(f"{k} {x * 100:+.1f} bp" for k, x in moves)
    first, last = facts[0].inputs[0].first, facts[0].inputs[0].last
    word = "fell" if c.streak_side < 0 else "rose"
    if all(x * c.streak_side > 0 for _, x in moves):
        return CheckedClaim(c, "confirmed", None,
                            f"The 10-year Treasury yield {word} from {first} to {last} "
                            f"({said}).", facts, first, last)
    raise Unverifiable(f"the 10-year Treasury yield did not clearly move that way from "
                       f"{first} to {last} ({said}); the text may mean another maturity")
