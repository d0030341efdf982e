"""Rates and the dollar: levels and changes of FRED series, as facts.

Method
------
Yields (percent) are reported as levels with their change over the last 5 and
21 rows in percentage points; the dollar index as a level with its percentage
change. The 2s10s slope is ``DGS10 - DGS2`` on the last date both have.
"""

from __future__ import annotations

import numpy as np

from rotoscope.analytics._common import FactMaker, day, series_input
from rotoscope.analytics._pit import PointInTime
from rotoscope.facts import Fact

__all__ = ["macro_facts", "yield_curve"]

CHANGES = (5, 21)


def macro_facts(pit: PointInTime, series_id: str, percent: bool) -> list[Fact]:
    """Level and recent changes of one FRED series.

    ``percent`` says the series is a rate in percent (changes in pp) rather than
    an index level (changes in percent).
    """
    s = pit.series(series_id)
    v = s.values
    when = day(s.dates[-1])
    notes = (f"the last {series_id} value on or before {pit.as_of} is {when}",) \
        if when != pit.as_of else ()
    make = FactMaker(pit, "macro", (s.symbol,), (series_input(s, v.size - 1),), "level",
                     (s.source,), params={"date": when.isoformat()})
    facts = [make("level", float(v[-1]), "level",
                  f"{s.symbol} on {when}" + (" (percent)" if percent else ""), notes=notes,
                  precision=2)]
    for n in CHANGES:
        if v.size <= n:
            continue
        inputs = (series_input(s, v.size - 1 - n),)
        if percent:
            facts.append(make(f"change.{n}d", float(v[-1] - v[-1 - n]), "pp",
                              f"change in {s.symbol} over {n} observations", inputs=inputs,
                              notes=notes, params={"rows": n}))
        else:
            facts.append(make(f"change.{n}d", float((v[-1] / v[-1 - n] - 1.0) * 100.0), "pct",
                              f"change in {s.symbol} over {n} observations", inputs=inputs,
                              notes=notes, params={"rows": n}))
    return facts


def yield_curve(pit: PointInTime, long: str = "DGS10", short: str = "DGS2") -> list[Fact]:
    """Return the slope between two yields on the last date both have."""
    sl, ss = pit.series(long), pit.series(short)
    common, il, is_ = np.intersect1d(sl.dates, ss.dates, assume_unique=True,
                                     return_indices=True)
    if common.size == 0:
        raise ValueError(f"{long} and {short} share no date on or before {pit.as_of}")
    when = day(common[-1])
    make = FactMaker(pit, "macro", (sl.symbol, ss.symbol),
                     (series_input(sl, int(il[-1]), int(il[-1])),
                      series_input(ss, int(is_[-1]), int(is_[-1]))),
                     "yield_spread", (sl.source, ss.source), params={"date": when.isoformat()})
    return [make("slope", float(sl.values[il[-1]] - ss.values[is_[-1]]), "pp",
                 f"{long} minus {short} on {when}")]
