"""The panel's window kernels against naive references, and the rows' bookkeeping.

The references here take each window on its own (NumPy's sliding windows, or
plain Python floats), never the doubling of
:mod:`rotoscope.analytics.panel._windows`.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.lib.stride_tricks import sliding_window_view

from rotoscope.analytics.panel import _arrays, _windows
from rotoscope.analytics.panel._definitions import TIE


@st.composite
def _blocks(draw: st.DrawFn) -> np.ndarray:
    """Up to 4 symbols x up to 70 sessions of prices with holes and late starts.

    Values are either small integers (ties everywhere) or log-normal prices;
    some cells are NaN (a missing row), and a symbol may start late (NaN
    before its first session): short histories where no window is full.
    """
    rows, width = draw(st.integers(1, 4)), draw(st.integers(1, 70))
    if draw(st.booleans()):
        values = draw(hnp.arrays(np.float64, (rows, width), elements=st.integers(1, 5)))
    else:
        values = np.exp(draw(hnp.arrays(np.float64, (rows, width),
                                        elements=st.floats(-3.0, 3.0))))
    holes = draw(hnp.arrays(np.bool_, (rows, width), elements=st.booleans()))
    if draw(st.booleans()):  # holes are rare in most series
        holes &= draw(hnp.arrays(np.bool_, (rows, width), elements=st.booleans()))
    values[holes] = np.nan
    for r in range(rows):
        values[r, :draw(st.integers(0, width))] = np.nan  # listed late
    return values


def _tree_sum(row: list[float], t: int, n: int) -> float:
    """The sum of the ``n`` values of ``row`` ending at ``t``, in the kernel's order.

    A block of 2**k values is the sum of its later and earlier halves, each
    summed the same way; a window of n adds the blocks of the binary digits of
    n, the lowest digit's block (the latest values) first. Python floats are
    IEEE doubles, so this order gives the kernel's sums bit for bit.
    """
    def block(end: int, size: int) -> float:
        if size == 1:
            return row[end]
        half = size // 2
        return block(end, half) + block(end - half, half)

    total: float | None = None
    done, size = 0, 1
    while done < n:
        if n & size:
            part = block(t - done, size)
            total = part if total is None else total + part
            done += size
        size *= 2
    assert total is not None
    return total


@settings(max_examples=150, deadline=None)
@given(_blocks(), st.lists(st.integers(1, 80), min_size=1, max_size=3))
def test_window_sums_match_each_window_summed_alone(x: np.ndarray, ns: list[int]) -> None:
    before = x.copy()
    work = [np.empty_like(x) for _ in range(len(ns) + 2)]
    sums = _windows.window_sums(x, ns, work)
    np.testing.assert_array_equal(x, before)              # the input is never written
    width = x.shape[1]
    assert sorted(sums) == sorted({n for n in ns if n <= width})
    for n, got in sums.items():
        naive = sliding_window_view(x, n, axis=1).sum(axis=2)   # column t: sessions t-n+1..t
        mine = got[:, n - 1:]
        np.testing.assert_array_equal(np.isnan(mine), np.isnan(naive))  # NaN poisons a window
        np.testing.assert_allclose(mine, naive, rtol=1e-12)
        for r, row in enumerate(x.tolist()):               # the same additions, bit for bit
            np.testing.assert_array_equal(
                mine[r], np.array([_tree_sum(row, t, n) for t in range(n - 1, width)]))


@settings(max_examples=150, deadline=None)
@given(_blocks(), st.integers(1, 80))
def test_window_extremes_match_each_window_alone(x: np.ndarray, n: int) -> None:
    before = x.copy()
    if n > x.shape[1]:
        return
    for op, naive in ((np.maximum, np.max), (np.minimum, np.min)):
        work = [np.empty_like(x) for _ in range(2)]
        got = _windows.window_extreme(x, n, op, work)[:, n - 1:]
        # np.max of a window with a NaN is NaN: a missing row makes it not full.
        np.testing.assert_array_equal(got, naive(sliding_window_view(x, n, axis=1), axis=2))
    np.testing.assert_array_equal(x, before)


@settings(max_examples=100, deadline=None)
@given(_blocks(), st.sampled_from([(2,), (3, 7), (5, 20)]), st.integers(2, 30))
def test_block_counts_match_counting_by_hand(x: np.ndarray, smas: tuple[int, ...],
                                             extreme: int) -> None:
    width = x.shape[1]
    keys = [f"above{n}" for n in smas] + list(_windows.COUNTS)
    total = {k: np.zeros(width, dtype=np.int64) for k in keys}
    space = _windows.workspace(smas, x.size)
    _windows.block_counts(x, smas, extreme, space, total)
    expected = {k: [0] * width for k in keys}
    for row in x.tolist():
        for t in range(width):
            if t >= 1 and not np.isnan(row[t] + row[t - 1]):
                expected["advances"][t] += row[t] > row[t - 1]
                expected["declines"][t] += row[t] < row[t - 1]
            for n in smas:
                window = row[t - n + 1:t + 1] if t >= n - 1 else [np.nan]
                if not np.isnan(sum(window)):
                    # above its average by more than the tie margin
                    expected[f"above{n}"][t] += row[t] > sum(window) / n * (1 + TIE)
            window = row[t - extreme + 1:t + 1] if t >= extreme - 1 else [np.nan]
            if not np.isnan(sum(window)):
                expected["new_highs"][t] += row[t] >= max(window)
                expected["new_lows"][t] += row[t] <= min(window)
    for k in keys:
        assert total[k].tolist() == expected[k], k
    # The same rows counted at other sessions (a packed row's): added at `at`.
    at = np.arange(width) * 2 + 1
    spread = {k: np.zeros(2 * width + 1, dtype=np.int64) for k in keys}
    _windows.block_counts(x, smas, extreme, space, spread, at)
    for k in keys:
        assert spread[k][at].tolist() == expected[k]
        assert not spread[k][::2].any()


def _batch(sid: list[int], e: list[int], v: list[float]) -> pa.RecordBatch:
    return pa.record_batch([pa.array(sid, pa.int32()), pa.array(e, pa.int32()),
                            pa.array(v, pa.float64())], names=["sid", "e", "v"])


def test_the_calendar_holds_every_row_s_day() -> None:
    # Symbol 0 holds days 10, 11, 12, 14 (the longest run); symbol 1 holds 11, 12 (a
    # stretch of it), symbol 2 holds 12, 13 (13 is no day of symbol 0's), symbol 3
    # holds 15 and, in a later batch, 9. Days 9..15 are all held: 9 by symbol 3,
    # 13 by symbol 2, 15 by symbol 3, the rest by symbol 0.
    table = pa.Table.from_batches([
        _batch([0, 0, 0, 0, 1, 1, 2, 2, 3], [10, 11, 12, 14, 11, 12, 12, 13, 15],
               [1.0] * 9),
        _batch([3], [9], [1.0]),
    ])
    rows = _arrays._Rows.from_arrow(table, 4)
    counts, first, last = rows.extent()
    assert counts.tolist() == [4, 2, 2, 2]
    assert first.tolist() == [10, 11, 12, 9]
    assert last.tolist() == [14, 12, 13, 15]
    assert np.flatnonzero(rows.marked(9, 7)).tolist() == [0, 1, 2, 3, 4, 5, 6]
    # Symbol 3's runs fall from batch to batch (15, then 9) without repeating a day;
    # nobody else has more than one run or a falling one.
    assert rows.unclean.tolist() == [False, False, False, True]
    assert not rows.may_repeat(0, 3)
    assert rows.may_repeat(2, 4)
    # Without symbol 3, days 9 and 15 are held by nobody.
    two = _arrays._Rows.from_arrow(pa.Table.from_batches([table.to_batches()[0].slice(0, 8)]),
                                   4)
    two.extent()
    assert np.flatnonzero(two.marked(9, 7)).tolist() == [1, 2, 3, 4, 5]


def _two_batches(days: tuple[int, ...], closes: tuple[float, ...]) -> pa.Table:
    """Symbol 0's rows on ``days`` (days after 1970-01-01), the first half in one batch."""
    half = len(days) // 2
    table = pa.table({"sid": pa.array([0] * len(days), pa.int32()),
                      "date": pa.array([dt.date(1970, 1, 1) + dt.timedelta(days=d)
                                        for d in days], pa.date32()),
                      "v": pa.array(closes)})
    return pa.Table.from_batches([table.slice(0, half).to_batches()[0],
                                  table.slice(half).to_batches()[0]])


def test_a_date_repeated_across_batches_is_refused() -> None:
    # Symbol 0 holds day 11 in both batches: two rows on one date.
    split = _two_batches((10, 11, 11, 12), (1.0, 2.0, 3.0, 4.0))
    with pytest.raises(ValueError, match="more than one row for a symbol on a date"):
        _arrays.panel_arrays(["A"], split, None, (1,), (2,), 2, 2, None)


def test_runs_of_one_symbol_in_falling_batches_are_placed_by_date() -> None:
    # Symbol 0: days 12, 13 come in the first batch, days 10, 11 in the second. Its
    # closes by date are 1, 2, 3, 4 (days 10..13): ret_1 = 4 / 3 - 1 = 33.33...%,
    # the 2-session SMA on day 13 is (3 + 4) / 2 = 3.5; every session is an advance.
    split = _two_batches((12, 13, 10, 11), (3.0, 4.0, 1.0, 2.0))
    frames = _arrays.panel_arrays(["A"], split, None, (1,), (2,), 2, 2, None)
    assert frames is not None
    snap, breadth = frames
    assert snap["ret_1"].to_list() == pytest.approx([100 / 3])
    assert snap["sma2"].to_list() == [3.5]
    assert breadth["advances"].to_list() == [0, 1, 1, 1]
    assert breadth["date"].to_list() == [dt.date(1970, 1, d) for d in (11, 12, 13, 14)]
