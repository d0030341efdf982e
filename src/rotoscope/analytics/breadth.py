"""Market breadth from the S&P 500 member panel, as facts.

Method
------
Defined by :func:`rotoscope.analytics.panel.breadth` (Ibis) and computed on
DuckDB's dense arrays (:func:`rotoscope.analytics.panel.daily_breadth`) from the
members' total-return closes, from ``lookback_days`` calendar days before the
as-of date (enough for every trailing window) to the as-of date:

- % of members above their 50- and 200-session averages (among members with
  that much history);
- advances, declines and net advances on the day, and net advances summed
  over the last 21 and 63 sessions (the slope of the advance-decline line);
- members at a 252-session closing high or low, and the difference.

**Survivorship caveat.** The panel holds today's members only: companies that
left the index are missing and companies that joined are counted before they
joined. Breadth before the recent past is therefore biased towards survivors.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np

from rotoscope.analytics._breadth import EXTREME, SMAS, RowBreadth
from rotoscope.analytics._common import FactMaker, day
from rotoscope.analytics._pit import MAX_STALE_DAYS, PointInTime
from rotoscope.exceptions import MissingFieldError
from rotoscope.facts import Fact, FactInput

if TYPE_CHECKING:
    import polars as pl  # the panel builds the frame; the facts need none

__all__ = ["EXTREME", "LOOKBACK_DAYS", "SMAS", "SURVIVORSHIP", "breadth_facts", "breadth_frame"]

SURVIVORSHIP = ("panel of today's S&P 500 members: companies that left the index are "
                "missing and joiners are counted before they joined (survivorship bias)")

#: Calendar days of member history read before the as-of date: enough for 252
#: sessions of trailing windows.
LOOKBACK_DAYS = 420


def breadth_frame(pit: PointInTime, lookback_days: int = LOOKBACK_DAYS,
                  since: dt.date | None = None) -> pl.DataFrame:
    """Return daily breadth rows up to the as-of date (see :func:`panel.breadth`).

    ``since`` overrides the default start of ``lookback_days`` before the as-of
    date; statistics need 252 sessions of history before they are counted.
    """
    from rotoscope.analytics import panel

    start = since or (pit.as_of - dt.timedelta(days=lookback_days))
    return panel.member_breadth(pit.store, pit.as_of, start)


def breadth_facts(pit: PointInTime) -> list[Fact]:
    """Breadth facts as of ``pit.as_of``.

    The facts are counted on the members' rows as NumPy arrays
    (:class:`~rotoscope.analytics._breadth.RowBreadth`: the same counts as the
    panel's dense arrays, without a frame, so computing facts imports neither
    Polars nor pyarrow).

    Raises
    ------
    MissingFieldError
        When the member panel has no row on or before the as-of date.
    """
    start = pit.as_of - dt.timedelta(days=LOOKBACK_DAYS)
    keys, dates, values = pit.store.member_columns(pit.as_of, start)
    held = ~np.isnan(values)
    counts = RowBreadth(keys[held], dates[held], values[held], SMAS, EXTREME)
    # the sessions on which some member has 200 rows: the ones the facts describe
    kept = np.flatnonzero(counts.eligible[SMAS[-1]] > 0)
    if kept.size == 0:
        raise MissingFieldError("S&P 500 members", "adj_close",
                                f"no member panel rows with 200 sessions of history on or "
                                f"before {pit.as_of}")
    last = int(kept[-1])
    when = day(counts.sessions[last])
    if (pit.as_of - when).days > MAX_STALE_DAYS:
        raise MissingFieldError("S&P 500 members", "adj_close",
                                f"near {pit.as_of}: the member panel's last row is {when}, "
                                f"more than {MAX_STALE_DAYS} days earlier")
    src = pit.store.source_file(kind="member_prices")
    sources = (src,) if src is not None else ()
    first_read = day(dates.min())  # the first member row read, NaN or not
    inputs = (FactInput(series="S&P 500 members", field="adj_close", first=first_read,
                        last=when),)
    notes = (f"the member panel's last row on or before {pit.as_of} is {when}",) \
        if when != pit.as_of else ()
    make = FactMaker(pit, "breadth", ("S&P 500 members",), inputs, "member_panel_breadth",
                     sources, params={"panel": "S&P 500 members", "field": "adj_close",
                                      "caveat": SURVIVORSHIP, "date": when.isoformat()})
    facts: list[Fact] = []
    for n in SMAS:
        above, eligible = counts.above(last, n), int(counts.eligible[n][last])
        facts.append(make(f"pct_above_sma{n}", above * 100.0 / eligible, "share",
                          f"S&P 500 members above their {n}-session average",
                          notes=notes, precision=1,
                          params={"above": above, "eligible": eligible}))
    advances, declines = int(counts.advances[last]), int(counts.declines[last])
    highs, lows = counts.at_extremes(last)
    facts += [
        make("advances", advances, "count", "S&P 500 members that rose", notes=notes),
        make("declines", declines, "count", "S&P 500 members that fell", notes=notes),
        make("net_advances", advances - declines, "count",
             "advances minus declines", notes=notes),
        make("new_highs", highs, "count",
             "S&P 500 members at a 252-session closing high", notes=notes),
        make("new_lows", lows, "count",
             "S&P 500 members at a 252-session closing low", notes=notes),
        make("net_new_highs", highs - lows, "count",
             "new highs minus new lows", notes=notes),
        make("members", int(counts.members[last]), "count", "members with a close that day",
             notes=notes),
    ]
    net = counts.advances - counts.declines
    for n in (21, 63):
        tail = kept[-n:]
        facts.append(make(f"ad_line_change.{n}d", int(net[tail].sum()), "count",
                          f"change in the advance-decline line over {n} sessions",
                          notes=notes, params={"sessions": int(tail.size)}))
    return facts
