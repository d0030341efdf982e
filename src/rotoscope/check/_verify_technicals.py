"""Technical claims: a moving average's value, the distance from it, drawdowns and extremes.

"the 200-day average at 5,412", "trades 8% above its 50-day moving average", "12% off
its record close", "a new 52-week high". Each is computed on the claim's session from
the series' closes (or dividend-adjusted closes where the price closes end early),
and judged with the neighbouring sessions as the alternatives a writer may have meant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from rotoscope.analytics.technicals import record_high, technicals
from rotoscope.check._frames import Claim
from rotoscope.check._verdicts import CheckedClaim, Unverifiable
from rotoscope.facts import Fact, FactInput, make_fact_id

if TYPE_CHECKING:
    from rotoscope.check._verifying import Verifying

__all__ = ["check_moving_average", "check_technical"]


def check_moving_average(v: Verifying, c: Claim) -> CheckedClaim:
    assert c.subject is not None
    assert c.ma_sessions is not None
    end = v.end_of(c)
    n = c.ma_sessions
    fld = "close" if v.price_field(c.subject, end) == "close" else "adj_close"

    def sma(d: dt.date, f: str = fld) -> tuple[float, float, list[Fact]]:
        s = v.pit(d).series(c.subject or "", f)
        i = s.index_on_or_before(d)
        if i < n - 1 or s.date(i) != d:
            raise ValueError(f"fewer than {n} sessions of {c.subject} to {d}")
        value = float(np.mean(s.values[i - n + 1:i + 1]))
        close = float(s.values[i])
        fact = Fact(
            id=make_fact_id("tech", (s.symbol,), f"sma{n}.{f}", d), value=value,
            unit="level", kind="tech.sma", as_of=d, subjects=(s.symbol,),
            inputs=(FactInput(series=s.symbol, field=f, first=s.date(i - n + 1), last=d),),
            method="simple_moving_average", params={"sessions": n, "field": f},
            sources=(s.source,), label=f"{s.symbol} {n}-session average of {f} on {d}")
        return value, close, [fact]

    value, close, facts = sma(end)
    what = f"{c.subject} {n}-session average on {end}"
    position = "above" if close > value else "below"
    if c.ma_position and c.ma_position != position:
        return CheckedClaim(c, "contradicted", value,
                            f"{what}: ${value:,.2f}; the close ({close:,.2f}) is "
                            f"{position} it, not {c.ma_position}.", facts, end, end)

    def alt(d: dt.date, f: str = fld) -> Callable[[], tuple[float, list[Fact]]]:
        def compute() -> tuple[float, list[Fact]]:
            v, _, fs = sma(d, f)
            return v, fs
        return compute

    alts: list[tuple[str, Callable[[], tuple[float, list[Fact]]], str]] = []
    if fld == "close":
        alts.append(("convention", alt(end, "adj_close"),
                     "the average of dividend-adjusted closes"))
    alts += v.neighbours(end, alt, "1d")
    out = v.result(c, value, facts, what, end, end, alts)
    if c.ma_position and out.verdict in ("confirmed", "approximate"):
        out.explanation += f" The close ({close:,.2f}) is {position} it, as stated."
    return out



def check_technical(v: Verifying, c: Claim) -> CheckedClaim:
    """Verify a distance from a moving average, a drawdown or a 52-week extreme."""
    assert c.subject is not None
    end = v.end_of(c)
    fld = v.price_field(c.subject, end)
    if c.metric == "ma_distance":
        if c.ma_sessions not in (20, 50, 200):
            raise Unverifiable(f"the {c.ma_sessions}-session average is not computed; "
                                "distances are checked from the 20-, 50- and 200-session "
                                "averages")
        key, words = f"distance_sma{c.ma_sessions}", \
            f"close vs its {c.ma_sessions}-session average"
    elif c.metric == "drawdown" and c.record:
        key, words = "drawdown_record", "close vs its record close"
    elif c.metric == "record_high":
        key, words = "high_record", "record close"
    else:
        key, words = {"drawdown": ("drawdown_52w", "close vs its 52-week closing high"),
                      "high_52w": ("high_52w", "52-week closing high"),
                      "low_52w": ("low_52w", "52-week closing low")}[c.metric]

    def tech(d: dt.date) -> Callable[[], tuple[float, list[Fact]]]:
        def compute() -> tuple[float, list[Fact]]:
            facts = (record_high(v.pit(d), c.subject or "", field=fld) if key in (
                "drawdown_record", "high_record") else
                technicals(v.pit(d), c.subject or "", field=fld))
            found = next(f for f in facts if f.id.split("@")[0].endswith("." + key))
            if v.pit(d).series(c.subject or "", fld).date(-1) != d:
                raise ValueError("no row on that date")
            assert isinstance(found.value, float)
            return found.value, [found]
        return compute

    value, facts = tech(end)()
    what = f"{c.subject} {words} on {end}"
    return v.result(c, value, facts, what, end, end, v.neighbours(end, tech, "1d"))

