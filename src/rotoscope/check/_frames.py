"""Frames: what one claim says, resolved from its own words.

A frame is a subject, a measure (``metric``), a period, a value and a basis,
with a note of where each came from (``ClaimPeriod.source``,
``Claim.subject_how``), so that the readings stage can tell a frame read from
the claim's own clause from one that was carried from elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from rotoscope.language import Extreme, Quantity, RunPhrase, Standing

__all__ = ["Claim", "ClaimPeriod", "Metric"]

Metric = Literal["change", "level", "spread", "streak", "streak_rarity", "change_rarity",
                 "extreme", "milestone", "run", "sector_count", "standing", "curve",
                 "moving_average",
                 "record_high",
                 "ma_distance", "drawdown", "high_52w", "low_52w", "week_range", "week_low",
                 "week_high", "season", "window_rarity", "close_rank", "yield_move",
                 "held", "other"]


#: a quantity written in basis points ("2.4 bps", "5 basis points")
_QUOTED_BP = re.compile(r"\d\s?(?:basis[- ]points?|bps?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ClaimPeriod:
    """The period a claim speaks of, before it is resolved to sessions.

    ``window`` is a window key; ``anchor`` as in
    :class:`rotoscope.language.Period`, or ``date`` when ``day`` names the
    session. ``source`` says where it came from: ``clause``, ``sentence``,
    ``context`` (an earlier sentence), ``row`` (a table row's date) or ``repeat``
    (an earlier claim of the same number).
    """

    window: str
    anchor: str
    phrase: str
    source: str
    day: dt.date | None = None
    span: tuple[int, int] | None = None  # where the phrase is, for clause and sentence periods


@dataclass
class Claim:
    """One numeric claim found in the text."""

    span: tuple[int, int]
    quantity: Quantity
    segment: tuple[int, int]
    metric: Metric
    subject: str | None
    subject_text: str
    unit: str
    claimed: float
    qualifier: str
    decimals: int
    period: ClaimPeriod | None
    other: str | None = None
    reason: str | None = None
    ma_sessions: int | None = None
    ma_position: str | None = None
    proxy: bool = False
    column: str = "close"
    rarity_month: int | None = None
    streak_side: int = 1
    sign_explicit: bool = False
    rates_length: float | None = None
    total_return: bool = False
    rarity_frequency: str | None = None  # change_rarity: session, week, month, quarter, year
    rarity_month_of_year: int | None = None  # change_rarity: "the best January since ..."
    rarity_half_of_year: int | None = None  # change_rarity: "the best first half since ..."
    record: bool = False  # drawdown: from the record close, not the 52-week high
    #: how the subject was found: ``possessive``, ``left``, ``right``, ``paired``
    #: (a "respectively" list), ``row`` (a table's or a bulletin's heading), ``context``
    #: (carried from an earlier sentence) or ``none``
    subject_how: str = "none"
    #: a subject the data do not hold that shares the claim's clause ("Nvidia", "oil")
    rival: str | None = None
    #: whether the sign was written or read from an up or down word next to the number
    sign_known: bool = True
    #: for ``extreme``: the phrase's side and reach ("a record close", "its lowest close
    #: in 2026", "its highest level since February 2025")
    extreme: Extreme | None = None
    #: for ``milestone``: "above" or "below" ("topped 50,000 for the first time")
    crossing: str | None = None
    #: for ``milestone``: the first such close ever (else a close beyond it that session)
    first_time: bool = True
    #: the ETF whose ticker followed the index's name ("the S&P 500 (SPY)"): another reading
    twin: str | None = None
    other_twin: str | None = None  # the same for the series compared against
    #: a streak's number is the length of the last earlier run at least as long as the
    #: current one ("the last run at least as long lasted seven sessions")
    earlier_run: bool = False
    #: measured on an ETF because the named index's data end before the claim's session
    stand_in: bool = False
    #: for ``run``: "four straight losing sessions", "down three of the past four weeks"
    run: RunPhrase | None = None
    #: for ``standing``: the predicate ("were the weak links"), the names listed before it
    #: and whether "only" came first ("only energy and utilities rose")
    standing: Standing | None = None
    members: tuple[str, ...] = ()
    only: bool = False
    #: for ``change``: a move during the session, at its ``extreme`` ("as much as") or at a
    #: ``moment`` of it ("early", "in afternoon trading"), not at its close
    intraday: str | None = None
    #: for ``curve``: the curve on the period's ``start`` (its base close) or ``end``
    curve_at: str = "end"
    #: for ``window_rarity``: the measures named ("point", "percentage" or both) and the
    #: date the last move as large is said to have ended on
    measure: str = ""
    since_day: dt.date | None = None
    #: for a dash-joined range ("4.3%–4.4%"): its high end (``claimed`` is its low end)
    range_high: float | None = None
    #: for ``level``: the level a move started from ("rose to 29.49 from 19.86"), the close
    #: before the period's first session, not its last
    at_start: bool = False

    def text(self, source: str) -> str:
        """Return the claim's words in the source text."""
        return source[self.span[0]:self.span[1]]

    def as_quoted(self) -> tuple[float, str]:
        """Return the scale and unit the writer used: basis points for a change in points.

        "rose 2.4 basis points" is judged as 0.024 percentage points, and reported as
        2.4 ``bp`` (the claimed and computed values times 100).
        """
        if self.unit == "pp" and _QUOTED_BP.search(self.quantity.text):
            return 100.0, "bp"
        return 1.0, self.unit
