"""The 2s10s curve: the 10-year Treasury yield minus the 2-year, in basis points.

"the 2s10s spread flattened from 72 basis points to 30 across the half", "the curve
steepened from -20bps to +15bps (2Y vs 10Y spread) over Q1", "the 2s10s curve stood at
51 bp". Each number is the curve on a day: a "from" number on the close before the
period begins, a "to" or "at" number on the period's last session. Computed from the
FRED constant-maturity yields (``DGS10 - DGS2``), which are stored to two decimals, so a
quote is judged to the basis point.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rotoscope.analytics.returns import value_on, window_return
from rotoscope.check._frames import Claim, ClaimPeriod
from rotoscope.check._scope import _period_from
from rotoscope.check._segments import Segment
from rotoscope.check._verdicts import CheckedClaim, Unverifiable, judge
from rotoscope.exceptions import RotoscopeError
from rotoscope.language import DateMention, Period, Quantity

if TYPE_CHECKING:
    from rotoscope.check._verifying import Verifying

__all__ = ["CURVE_NAME", "CURVE_SUBJECT", "check_curve", "curve_claims"]

#: The pseudo-subject of a curve claim: the two FRED series it is computed from.
CURVE_SUBJECT = "DGS10-DGS2"
_LONG, _SHORT = "DGS10", "DGS2"

CURVE_NAME = re.compile(
    r"\b(?:2s\s*10s|2s/10s|10s\s*2s|2Y\s*(?:vs\.?|/|-)\s*10Y|10Y\s*(?:vs\.?|/|-)\s*2Y|"
    r"2-year\s*/\s*10-year|10-year\s*(?:minus|less|over)\s*(?:the\s+)?2-year|yield\s+curve|"
    r"the\s+curve)\b", re.IGNORECASE)
_BP = r"\s*(?:bps?|basis[- ]points?)\b"
_NUMBER = r"(?P<{0}>[+\-−]?\d+(?:\.\d+)?)(?P<{0}_bp>" + _BP + r")?"
_FROM_TO = re.compile(r"\bfrom\s+(?:about\s+|roughly\s+|around\s+)?" + _NUMBER.format("a")
                      + r"\s+to\s+(?:about\s+|roughly\s+|around\s+)?" + _NUMBER.format("b"),
                      re.IGNORECASE)
_AT = re.compile(r"\b(?:at|to|of)\s+(?:about\s+|roughly\s+|around\s+)?" + _NUMBER.format("a"),
                 re.IGNORECASE)


def curve_claims(text: str, seg: Segment, periods: list[Period],
                 dates: list[DateMention]) -> list[Claim]:
    """Claims of the 2s10s curve's value on a day, in basis points, in one segment."""
    lo, hi = seg.span
    named = CURVE_NAME.search(text, lo, hi)
    if named is None:
        return []
    period = _period_from(periods, dates, lo, hi, named.start(), "sentence")
    out: list[Claim] = []
    m = _FROM_TO.search(text, named.start(), hi)
    if m is not None and (m.group("a_bp") or m.group("b_bp")):
        for key, at in (("a", "start"), ("b", "end")):
            out.append(_claim(text, seg, m, key, at, period))
        return out
    m = _AT.search(text, named.end(), hi)
    if m is not None and m.group("a_bp"):
        out.append(_claim(text, seg, m, "a", "end", period))
    return out


def _claim(text: str, seg: Segment, m: re.Match[str], key: str, at: str,
           period: ClaimPeriod | None) -> Claim:
    a, b = m.span(key)
    if m.group(f"{key}_bp"):
        b = m.end(f"{key}_bp")
    token = m.group(key).replace("−", "-")
    decimals = len(token.split(".")[1]) if "." in token else 0
    # the quoted basis points, kept as a level: the claim's unit says "bp"
    q = Quantity(float(token), "level", (a, b), "exact", decimals, text[a:b])
    return Claim(span=(a, b), quantity=q, segment=seg.span, metric="curve",
                 subject=CURVE_SUBJECT, subject_text="the 2s10s curve (10-year minus 2-year)",
                 unit="bp", claimed=float(token), qualifier="exact", decimals=decimals,
                 period=period,
                 subject_how="left", curve_at=at)


def check_curve(v: Verifying, c: Claim) -> CheckedClaim:
    """Judge the curve on the period's first base close ("from") or last session ("to")."""
    end = v.end_of(c)
    day = end
    if c.curve_at == "start":
        if c.period is None or (c.period.window == "1d" and c.period.anchor != "date"):
            raise Unverifiable("the text gives no period for the curve's starting level")
        try:
            day = window_return(v.pit(end), _LONG, c.period.window, "close").inputs[0].first
        except (RotoscopeError, ValueError) as exc:
            raise Unverifiable(f"the period's start is not in the data ({exc})") from exc
    try:
        long_ = value_on(v.pit(day), _LONG, "close", day)
        short = value_on(v.pit(day), _SHORT, "close", day)
    except RotoscopeError as exc:
        raise Unverifiable(f"the 10- or 2-year yield has no value on {day}") from exc
    assert isinstance(long_.value, float)
    assert isinstance(short.value, float)
    value = round((long_.value - short.value) * 100.0, 6)
    verdict = judge(c.claimed, value, c.qualifier, c.decimals, "bp")
    said = (f"{_LONG} {long_.value:.2f}% minus {_SHORT} {short.value:.2f}% on {day} = "
            f"{value:+.0f} bp")
    return CheckedClaim(c, "contradicted" if verdict == "no" else verdict, value,
                        said + ("" if verdict != "no" else f", not {c.claimed:+g} bp") + ".",
                        [long_, short], day, day)
