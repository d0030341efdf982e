"""Relative strength: the ratio A/B on total-return closes and where it stands.

Method
------
``ratio = A.adj_close / B.adj_close`` on the dates both series have. The fact set
gives the latest ratio, its trailing ``ma``-session simple average, the distance
from it in percent, and for each look-back N the sessions since the ratio last set
an N-session high (0 = a new high today) and an N-session low. A new N-session high
means the ratio is at or above every value of the previous N-1 sessions and today.
"""

from __future__ import annotations

import numpy as np

from rotoscope.analytics._common import FactMaker, align, day, trailing_mean
from rotoscope.analytics._pit import PointInTime
from rotoscope.facts import Fact
from rotoscope.typing import F64

__all__ = ["relative_strength", "sessions_since_extreme"]


def sessions_since_extreme(values: F64, n: int, high: bool) -> int | None:
    """Sessions since ``values`` last set an ``n``-row high (or low); ``None`` if never.

    A row sets an n-row high when it is the maximum of itself and the n-1 rows
    before it. Rows with fewer than n-1 predecessors are not considered.
    """
    if values.size < n:
        return None
    windows = np.lib.stride_tricks.sliding_window_view(values, n)
    tail = values[n - 1:]
    # the latest row that sets one is wanted: test the rows from the last back, in
    # blocks that double, rather than every row of a long history
    stop, block = tail.size, 64
    while stop > 0:
        start = max(stop - block, 0)
        rows, win = tail[start:stop], windows[start:stop]
        hits = np.flatnonzero(rows >= win.max(axis=1) if high else rows <= win.min(axis=1))
        if hits.size:
            return int(tail.size - 1 - (start + hits[-1]))
        stop, block = start, 2 * block
    return None


def relative_strength(
    pit: PointInTime, a: str, b: str, ma: int = 50, lookbacks: tuple[int, ...] = (20, 63, 252)
) -> list[Fact]:
    """Relative-strength facts for ``a`` against ``b`` as of ``pit.as_of``.

    Raises
    ------
    ValueError
        When the pair has fewer than ``ma`` common sessions.
    """
    al = align(pit, a, b, "adj_close")
    ratio: F64 = al.va / al.vb
    if ratio.size < ma:
        raise ValueError(f"{al.a.symbol}/{al.b.symbol} has {ratio.size} common sessions "
                         f"as of {pit.as_of}; {ma} are needed")
    sma = trailing_mean(ratio, ma)
    make = FactMaker(
        pit, "rs", (al.a.symbol, al.b.symbol), al.inputs(ratio.size - ma),
        "relative_strength_ratio", al.sources,
        params={"field": "adj_close", "ratio": "A/B", "ma_sessions": ma},
    )
    last = float(ratio[-1])
    precision = max(2, int(np.ceil(-np.log10(abs(last)))) + 3) if last else 4
    when = day(al.dates[-1])
    facts = [
        make("ratio", last, "ratio", f"{al.a.symbol}/{al.b.symbol} ratio on {when}",
             precision=precision, inputs=al.inputs(ratio.size - 1)),
        make(f"sma{ma}", float(sma[-1]), "ratio",
             f"{ma}-session average of the {al.a.symbol}/{al.b.symbol} ratio",
             precision=precision),
        make(f"distance_sma{ma}", (last / float(sma[-1]) - 1.0) * 100.0, "pct",
             f"{al.a.symbol}/{al.b.symbol} ratio vs its {ma}-session average"),
    ]
    for n in lookbacks:
        if ratio.size < n:
            continue
        for high in (True, False):
            since = sessions_since_extreme(ratio, n, high)
            if since is None:
                continue
            word = "high" if high else "low"
            facts.append(make(
                f"sessions_since_{word}_{n}", since, "sessions",
                f"sessions since the {al.a.symbol}/{al.b.symbol} ratio set a {n}-session "
                f"{word}" + (" (a new one today)" if since == 0 else ""),
                # the first row read is the start of the window that set the extreme
                inputs=al.inputs(ratio.size - since - n),
                params={"lookback": n},
            ))
    return facts
