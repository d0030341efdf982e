"""Relative rotation graph: a JdK-style approximation on weekly closes.

Method
------
The published RRG (J. de Kempenaer) formulas are proprietary; this is an open
approximation with the same reading.

1. Weekly points: the last common session of each ISO week (the current week's
   point is its last session so far), total-return closes (``adj_close``).
2. RS line: ``100 * A / B``.
3. RS-Ratio: ``100 + z``, where z is the RS line's trailing z-score over the last
   ``w`` weekly points (mean and population standard deviation of those points
   only, the current one included). No full-sample statistics: nothing after a
   point is used to place it.
4. RS-Momentum: ``100 + z`` of the ``k``-week change of RS-Ratio, trailing over
   ``w`` weekly points in the same way.
5. Quadrant: Leading (ratio >= 100, momentum >= 100), Weakening (ratio >= 100,
   momentum < 100), Lagging (both < 100), Improving (ratio < 100, momentum >= 100).
6. Heading: the angle of the last weekly move in the (ratio, momentum) plane, in
   degrees counter-clockwise from "ratio rising, momentum flat" (0-90 = up and to
   the right).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rotoscope.analytics._common import FactMaker, align, day
from rotoscope.analytics._pit import PointInTime
from rotoscope.facts import Fact, FactInput
from rotoscope.typing import F64

__all__ = ["RRGPath", "quadrant", "rrg", "rrg_path"]

DEFAULT_W = 12
DEFAULT_K = 4
DEFAULT_TAIL = 8


def quadrant(ratio: float, momentum: float) -> str:
    """Return the RRG quadrant of a point."""
    if ratio >= 100.0:
        return "Leading" if momentum >= 100.0 else "Weakening"
    return "Improving" if momentum >= 100.0 else "Lagging"


def _trailing_z(x: F64, w: int) -> F64:
    out = np.full(x.shape, np.nan)
    if x.size < w:
        return out
    win = np.lib.stride_tricks.sliding_window_view(x, w)
    mean, std = win.mean(axis=1), win.std(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out[w - 1:] = np.where(std > 0, (x[w - 1:] - mean) / std, 0.0)
    return out


@dataclass(frozen=True)
class RRGPath:
    """Weekly RRG coordinates of one pair; rows before enough history are dropped."""

    a: str
    b: str
    dates: npt.NDArray[np.datetime64]
    ratio: F64
    momentum: F64
    first_daily: np.datetime64
    sources: tuple[str, str]
    w: int
    k: int

    def quadrants(self) -> list[str]:
        """Quadrant of every weekly point (as :func:`quadrant`, on every point at once)."""
        leading = np.where(self.momentum >= 100.0, "Leading", "Weakening")
        lagging = np.where(self.momentum >= 100.0, "Improving", "Lagging")
        quads: list[str] = np.where(self.ratio >= 100.0, leading, lagging).tolist()
        return quads


def rrg_path(pit: PointInTime, a: str, b: str, w: int = DEFAULT_W,
             k: int = DEFAULT_K) -> RRGPath:
    """Return the weekly RRG path of ``a`` against ``b`` up to the as-of date.

    Raises
    ------
    ValueError
        When there are fewer than ``2 * w + k`` weekly points.
    """
    # the facts, the regime and the chart draw the same path
    return pit.remember(("rrg_path", a, b, w, k), lambda: _rrg_path(pit, a, b, w, k))


def _rrg_path(pit: PointInTime, a: str, b: str, w: int, k: int) -> RRGPath:
    al = align(pit, a, b, "adj_close")
    # ISO weeks run Monday to Sunday; 1970-01-01 was a Thursday
    week = (al.dates.astype("datetime64[D]").astype(np.int64) + 3) // 7
    last_of_week = np.flatnonzero(np.append(np.diff(week) != 0, True))
    if last_of_week.size < 2 * w + k:
        raise ValueError(f"{al.a.symbol}/{al.b.symbol} has {last_of_week.size} weekly points "
                         f"as of {pit.as_of}; {2 * w + k} needed for the RRG")
    rs = 100.0 * al.va[last_of_week] / al.vb[last_of_week]
    ratio = 100.0 + _trailing_z(rs, w)
    change = np.full(ratio.shape, np.nan)
    change[k:] = ratio[k:] - ratio[:-k]
    valid_change = ~np.isnan(change)
    mom = np.full(ratio.shape, np.nan)
    mom[valid_change] = 100.0 + _trailing_z(change[valid_change], w)
    keep = ~np.isnan(mom)
    path = RRGPath(al.a.symbol, al.b.symbol, al.dates[last_of_week][keep], ratio[keep],
                   mom[keep], al.dates[0], al.sources, w, k)
    for array in (path.dates, path.ratio, path.momentum):  # shared: read-only
        array.flags.writeable = False
    return path


def rrg(pit: PointInTime, a: str, b: str, w: int = DEFAULT_W, k: int = DEFAULT_K,
        tail: int = DEFAULT_TAIL) -> list[Fact]:
    """RRG facts for ``a`` against ``b``: position, quadrant, heading, persistence, tail."""
    path = rrg_path(pit, a, b, w, k)
    quads = path.quadrants()
    current = quads[-1]
    weeks_in = 1
    while weeks_in < len(quads) and quads[-1 - weeks_in] == current:
        weeks_in += 1
    year = quads[-53:]
    transitions = sum(q1 != q0 for q0, q1 in itertools.pairwise(year))
    d_ratio = float(path.ratio[-1] - path.ratio[-2])
    d_mom = float(path.momentum[-1] - path.momentum[-2])
    heading = math.degrees(math.atan2(d_mom, d_ratio)) % 360.0
    tail_pts = [[day(d).isoformat(), round(float(r), 4), round(float(m), 4)]
                for d, r, m in zip(path.dates[-tail:], path.ratio[-tail:],
                                   path.momentum[-tail:], strict=True)]
    inputs = tuple(FactInput(series=s, field="adj_close", first=day(path.first_daily),
                             last=day(path.dates[-1])) for s in (path.a, path.b))
    make = FactMaker(pit, "rrg", (path.a, path.b), inputs, "rrg_jdk_approximation",
                     path.sources, params={"w_weeks": w, "k_weeks": k, "field": "adj_close",
                                           "week_point": "last common session of ISO week"})
    pair = f"{path.a} vs {path.b}"
    facts = [
        make("ratio", float(path.ratio[-1]), "level", f"RS-Ratio of {pair}"),
        make("momentum", float(path.momentum[-1]), "level", f"RS-Momentum of {pair}"),
        make("quadrant", current, "label", f"RRG quadrant of {pair}",
             params={"tail": tail_pts}),
        make("heading", heading, "degrees", f"RRG heading of {pair} over the last week"),
        make("weeks_in_quadrant", weeks_in, "count", f"weeks {pair} has been {current}"),
        make("transitions_52w", transitions, "count",
             f"RRG quadrant changes of {pair} in the last 52 weeks"),
    ]
    if weeks_in < len(quads):
        facts.append(make("previous_quadrant", quads[-1 - weeks_in], "label",
                          f"RRG quadrant of {pair} before {current}",
                          params={"until": day(path.dates[-1 - weeks_in]).isoformat()}))
    return facts
