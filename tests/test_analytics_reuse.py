"""What a point-in-time view computes once and shares, and the searches that start from the end.

The searches are held against plain Python loops over the same numbers (the
definitions in the docstrings, written out), the date alignment against NumPy's
``intersect1d``; the shared results against fresh computations on a new view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rotoscope
from _reference import sessions_since_extreme_by_hand
from rotoscope.analytics import PointInTime, align, window_return
from rotoscope.analytics._common import common_rows
from rotoscope.analytics.relative import sessions_since_extreme
from rotoscope.analytics.rrg import quadrant, rrg_path
from rotoscope.analytics.streaks import follow_through
from rotoscope.analytics.technicals import _last_cross, technicals
from rotoscope.exceptions import DateOutOfRangeError, MissingFieldError

AS_OF = dt.date(2026, 2, 9)


@pytest.fixture(scope="module")
def rs(store_path: Path) -> Iterator[rotoscope.Rotoscope]:
    with rotoscope.open(store_path) as handle:
        yield handle


# long enough that the search from the end needs several blocks (64, 128, 256 rows)
@settings(max_examples=150)
@given(steps=st.lists(st.sampled_from([-1.0, 0.0, 1.0, 2.0]), min_size=1, max_size=400),
       trend=st.integers(-500, 500), n=st.integers(1, 300))
def test_sessions_since_extreme_in_long_histories(steps: list[float], trend: int,
                                                  n: int) -> None:
    # a random walk, then a steady climb (or fall) of |trend| rows: after a climb
    # the last low is at least that many rows old, after a fall the last high
    values = [float(v) for v in np.cumsum(steps)]
    values += [values[-1] + (k if trend > 0 else -k) for k in range(1, abs(trend) + 1)]
    for high in (True, False):
        assert sessions_since_extreme(np.array(values), n, high) == \
            sessions_since_extreme_by_hand(values, n, high)


def test_sessions_since_a_low_set_long_ago() -> None:
    # a V: rows 0..499 fall from 1000 to 501, rows 500..999 rise from 502 to 1001.
    # Every row of the fall from row 19 on is a 20-row low, none of the rise: the
    # last low is row 499, 999 - 499 = 500 rows before the last; the last row is a high.
    values = np.array([1000.0 - i for i in range(500)] + [i + 2.0 for i in range(500, 1000)])
    assert sessions_since_extreme(values, 20, high=False) == 500
    assert sessions_since_extreme(values, 20, high=True) == 0
    # rising only: no row is at or below the 19 before it
    assert sessions_since_extreme(np.arange(1000.0), 20, high=False) is None


@settings(max_examples=150)
@given(diff=st.lists(st.one_of(st.sampled_from([-2.0, -1.0, 0.0, 1.0, 3.0]),
                               st.just(float("nan"))), max_size=700),
       flat=st.integers(0, 600))
def test_last_cross_matches_a_loop_over_every_row(diff: list[float], flat: int) -> None:
    # a long stretch on one side after the data makes the last cross old
    diff = diff + [1.0] * flat
    want = None
    previous = None  # sign of the last non-nan value
    for i, d in enumerate(diff):
        if d != d:  # nan: skipped
            continue
        sign = (d > 0) - (d < 0)
        if previous is not None and sign != previous and sign != 0:
            want = (i, sign)
        previous = sign
    assert _last_cross(np.array(diff, dtype=np.float64)) == want


@given(a=st.sets(st.integers(0, 400), max_size=120), b=st.sets(st.integers(0, 400),
                                                              max_size=120))
def test_common_rows_are_those_of_intersect1d(a: set[int], b: set[int]) -> None:
    da = np.datetime64("2020-01-01") + np.array(sorted(a), dtype=np.int64)
    db = np.datetime64("2020-01-01") + np.array(sorted(b), dtype=np.int64)
    _, want_a, want_b = np.intersect1d(da, db, assume_unique=True, return_indices=True)
    got_a, got_b = common_rows(da, db)
    assert got_a.tolist() == want_a.tolist()
    assert got_b.tolist() == want_b.tolist()


@given(r=st.floats(80, 120), m=st.floats(80, 120))
def test_quadrants_of_a_path_are_those_of_each_point(r: float, m: float) -> None:
    from rotoscope.analytics.rrg import RRGPath

    day = np.datetime64("2026-01-02")
    ratio = np.array([r, 100.0, r, 99.0])
    momentum = np.array([m, m, 100.0, 101.0])
    path = RRGPath("A", "B", np.array([day] * 4), ratio, momentum, day, ("a", "b"), 12, 4)
    assert path.quadrants() == [quadrant(x, y) for x, y in zip(ratio.tolist(),
                                                                momentum.tolist(), strict=True)]


def test_a_view_computes_once_and_stores_no_error(rs: rotoscope.Rotoscope) -> None:
    pit = PointInTime(rs.store, AS_OF)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert pit.remember(("count",), compute) == 1
    assert pit.remember(("count",), compute) == 1
    assert calls == [1]

    def fail() -> int:
        calls.append(1)
        raise MissingFieldError("X", "close", "here")

    for _ in range(2):
        with pytest.raises(MissingFieldError):
            pit.remember(("fail",), fail)
    assert len(calls) == 3  # the error was raised afresh, not stored


def test_shared_results_equal_fresh_ones(rs: rotoscope.Rotoscope) -> None:
    pit = PointInTime(rs.store, AS_OF)
    first = window_return(pit, "IWM", "ytd")
    # prices/IWM.csv adj_close: 2025-12-31 245.139938, 2026-02-09 265.774078;
    # (265.774078 / 245.139938 - 1) * 100 = 8.41729
    assert first.value == pytest.approx(8.41729, abs=1e-5)
    assert window_return(pit, "IWM", "ytd") is first
    assert window_return(PointInTime(rs.store, AS_OF), "IWM", "ytd") == first
    # the open variant is another computation, not the shared close-to-close one
    assert window_return(pit, "IWM", "ytd", base="open").method == "open_to_close_return"
    aligned = align(pit, "IWM", "SPY")
    assert align(pit, "IWM", "SPY") is aligned
    with pytest.raises(ValueError, match="read-only"):
        aligned.va[0] = 0.0  # shared by every caller of the view
    assert rrg_path(pit, "XLE", "SPY") is rrg_path(pit, "XLE", "SPY")
    tech = technicals(pit, "SPY")
    # prices/SPY.csv, 2026-02-09: close 693.950012
    assert tech[0].id == "tech.SPY.close@2026-02-09"
    assert tech[0].value == 693.950012
    tech.append(first)  # a caller's list is its own: the view's stays as computed
    assert technicals(pit, "SPY") == tech[:-1]
    fresh = PointInTime(rs.store, AS_OF)
    assert follow_through(pit, "IWD", "IWF", 3) == follow_through(fresh, "IWD", "IWF", 3)
    # a view of an earlier date shares nothing with a later one
    earlier = PointInTime(rs.store, dt.date(2025, 6, 30))
    assert window_return(earlier, "IWM", "ytd").inputs[0].last == dt.date(2025, 6, 30)


def test_facts_refuse_a_view_of_another_date(rs: rotoscope.Rotoscope) -> None:
    from rotoscope.analytics.engine import compute_facts

    # a view of 2026-02-06 would give the facts of 2026-02-09 that date's prices
    with pytest.raises(ValueError, match=r"as of 2026-02-06\) is not of this store as of "
                                         r"2026-02-09"):
        compute_facts(rs.store, rs.universe, AS_OF,
                      pit=PointInTime(rs.store, dt.date(2026, 2, 6)))


def test_a_close_that_starts_later_is_missing_and_a_date_before_the_rows_out_of_range(
        rs: rotoscope.Rotoscope) -> None:
    # prices/DIA.csv: rows (adjusted closes) from 1998-01-20 to 2026-08-21, raw closes
    # only from 2026-03-20
    with pytest.raises(MissingFieldError, match="on or before 2026-02-09"):
        PointInTime(rs.store, AS_OF).series("DIA", "close")
    with pytest.raises(DateOutOfRangeError, match="1998-01-20"):
        PointInTime(rs.store, dt.date(1998, 1, 2)).series("DIA", "close")
    with pytest.raises(DateOutOfRangeError, match="1998-01-20"):
        PointInTime(rs.store, dt.date(1998, 1, 2)).series("DIA", "adj_close")
