"""The panel on dense arrays: trailing windows over a symbols x sessions grid.

This computes exactly what the Ibis expressions of
:mod:`rotoscope.analytics.panel` define (the same columns, nulls and tie
margin), many times faster than SQL window functions. It takes the rows as
Arrow tables of ``(symbol key, date, value)``, keys numbered from 0, however
they were read (:mod:`rotoscope.analytics.panel._duckdb` reads them from
DuckDB); a SQL window engine has to sort the whole panel and evaluates a
252-row ``MAX`` with a segment tree, while on an array a trailing window costs
a few vector operations over every cell:

- the rows stay in the Arrow batches handed over; each task takes a range of
  symbols, writes their runs of rows into a dense array of a few MiB (a plain
  copy where a run holds one row a session) and computes their snapshot and
  breadth counts, on every core. The array and the working memory are kept by
  each thread across its tasks: memory fresh from the system costs a page
  fault per page, more than the arithmetic done in it;

- trailing sums, maxima and minima over 1, 2, 4, ... sessions are built by
  doubling, each from two halves; a window of n joins the blocks of the binary
  digits of n (a maximum or minimum joins two overlapping blocks). That is
  about log2(n) vector operations per window whatever n is, and each sum is
  added as a balanced tree, so rounding stays far inside the panel's tie margin
  :data:`~rotoscope.analytics.panel.TIE`;
- a missing value is NaN and poisons every window that holds it, which is how
  "fewer than n rows" becomes "not eligible" without a mask;
- within a task, symbols are counted in blocks whose arrays stay in a core's
  cache (NumPy releases the GIL in these loops).

Rows may come in any order: runs of one symbol are gathered wherever they
stand, and rows in no useful order (a run per row or so) are sorted first.

Row semantics are kept: a statistic counts a symbol's own rows, not calendar
sessions, so a symbol with a hole in its history (a suspension) is moved to a
packed row of its own and computed there. ``tests/test_panel.py`` checks this
module against the Ibis expressions on hand-worked, random and real panels.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from rotoscope.analytics.panel._definitions import TIE

if TYPE_CHECKING:
    import pyarrow as pa
    from numpy.typing import NDArray

    Floats = NDArray[np.float64]
    Ints = NDArray[np.int64]

__all__ = ["DENSE_LIMIT", "MEMORY_SHARE", "fits", "panel_arrays"]

#: The dense array may hold at most this many cells per row of input (and at
#: least 2**24 cells are always allowed): a universe whose symbols cover only a
#: small part of the calendar each would waste memory as a dense array, and is
#: computed by the window expressions instead.
DENSE_LIMIT = 4

#: Nor may the rows handed over take more than this share of the machine's
#: memory: beyond it the window expressions run, which DuckDB spills to disk.
MEMORY_SHARE = 0.25

_BLOCK_BYTES = 1 << 20  # a block of symbols' working arrays stays in a core's L2 cache
_TASK_BYTES = 8 << 20  # the rows of one task's symbols, as a dense array
_ROW_BYTES = 4 + 4 + 8  # a row handed over: symbol key, epoch day, value
_EPOCH = dt.date(1970, 1, 1)


def fits(symbols: int, sessions: int, rows: int) -> bool:
    """Whether a panel of ``rows`` rows over ``symbols`` x ``sessions`` suits the arrays.

    It must be dense enough (:data:`DENSE_LIMIT`), and its rows, handed over
    at 16 bytes each (symbol key, date, value), small enough for this machine
    (:data:`MEMORY_SHARE`).
    """
    cells = symbols * sessions
    return (cells <= max(DENSE_LIMIT * rows, 1 << 24)
            and _ROW_BYTES * rows <= MEMORY_SHARE * _memory())


def _memory() -> float:
    """Return this machine's physical memory in bytes (infinite when unknown)."""
    try:
        return float(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, OSError, ValueError):
        return float("inf")


def panel_arrays(
    names: Sequence[str],
    rows: pa.Table,
    benchmark: pa.Table | None,
    sessions: tuple[int, ...],
    smas: tuple[int, ...],
    extreme: int,
    rs_ma: int,
    year_start: dt.date | None,
) -> tuple[pl.DataFrame, pl.DataFrame] | None:
    """Return the snapshot and breadth frames of a panel's rows.

    Parameters
    ----------
    names
        The symbols, in the order of their keys (key k is ``names[k]``).
    rows
        Three columns: the symbol key (an integer from 0 to ``len(names) - 1``),
        the date (``date32``) and the value (``float64``, no null or NaN), the
        rows already filtered to the as-of date. A symbol without rows has no
        snapshot row.
    benchmark
        Two columns, the date (``date32``) and the benchmark's value, or None.
    sessions, smas, extreme, rs_ma, year_start
        As for :func:`~rotoscope.analytics.panel.snapshot`.

    Returns
    -------
    The snapshot and breadth frames, with the columns, types and order of
    :func:`~rotoscope.analytics.panel.snapshot` and
    :func:`~rotoscope.analytics.panel.breadth`; ``None`` means "use the window
    expressions": the panel is empty, or too sparse or too large for the arrays
    (see :func:`fits`).

    Raises
    ------
    ValueError
        When a symbol has more than one row on a date, or a key is out of range.
    """
    n_syms = len(names)
    data = _Rows.from_arrow(rows, n_syms)
    if data.scattered():  # the rows arrive in no useful order: sort them once
        data = data.sorted()
    counts, lo, hi = data.extent()
    held = counts > 0
    if not held.any() or not fits(int(held.sum()), int(counts.max()), int(counts.sum())):
        return None
    e0 = int(lo[held].min())
    span = int(hi[held].max()) - e0 + 1
    # Marked by epoch day, with no subtraction per row unless days before 1970 come.
    shift = min(e0, 0)
    marked = np.zeros(e0 + span - shift, dtype=bool)
    for _, e, _ in data.batches:
        marked[e - shift if shift else e] = True
    present = marked[e0 - shift:]
    calendar = np.flatnonzero(present)
    n_days = calendar.size
    if not fits(int(held.sum()), n_days, int(counts.sum())):
        return None
    index = np.cumsum(present, dtype=np.int64) - 1  # epoch day - e0 -> session number
    # A symbol without rows spans no session: its first session is after its last.
    first = np.where(held, index[np.where(held, lo - e0, 0)], 1)
    last = np.where(held, index[np.where(held, hi - e0, 0)], 0)

    bench = None
    if benchmark is not None:
        bench = np.full(n_days, np.nan)
        at = _days(benchmark.column(0)) - e0
        ok = (at >= 0) & (at < span)
        ok[ok] = present[at[ok]]
        bench[index[at[ok]]] = _numpy(benchmark.column(1), "benchmark value")[ok]

    days = (calendar + e0).astype("datetime64[D]")
    ys = None if year_start is None else int(
        np.searchsorted(calendar + e0, (year_start - _EPOCH).days))

    local = threading.local()  # each thread's grid and workspace, kept across its tasks

    def task(lo_sid: int) -> tuple[pl.DataFrame, dict[str, Ints], dict[int, Ints]]:
        """Compute the snapshot, breadth counts and packed rows of symbols ``lo_sid`` on."""
        if not hasattr(local, "grid"):
            local.grid = np.empty((step, n_days))
            local.workspace = _workspace(smas, n_days)
        hi_sid = min(lo_sid + step, n_syms)
        grid = local.grid[:hi_sid - lo_sid]
        grid.fill(np.nan)
        written = data.scatter(grid, lo_sid, hi_sid, lambda e: index[e - e0])
        if data.may_repeat(lo_sid, hi_sid) and int(np.count_nonzero(~np.isnan(grid))) != written:
            raise ValueError("the panel has more than one row for a symbol on a date")
        span_ = slice(lo_sid, hi_sid)
        # A symbol with a hole in its history is computed from its packed rows.
        packed = {int(s): np.flatnonzero(~np.isnan(grid[s]))
                  for s in np.flatnonzero(last[span_] - first[span_] + 1 != counts[span_])}
        snap = _snapshot(grid, bench, first[span_], last[span_], counts[span_], packed, days,
                         ys, sessions, smas, extreme, rs_ma)
        return snap, _counts(grid, packed, smas, extreme, local.workspace), {
            lo_sid + s: pos for s, pos in packed.items()}

    # Tasks of a few MiB each, and at least four per core to share the work out.
    workers = max(1, os.cpu_count() or 1)
    step = max(1, min(_TASK_BYTES // (8 * n_days), -(-n_syms // (4 * workers))))
    with ThreadPoolExecutor(workers) as pool:
        parts = list(pool.map(task, range(0, n_syms, step)))
    snap = pl.concat([pl.DataFrame({"symbol": list(names)}, schema={"symbol": pl.String}),
                      pl.concat([part[0] for part in parts])], how="horizontal")
    if not held.all():
        snap = snap.filter(pl.Series(held))
    if not snap["symbol"].is_sorted():
        snap = snap.sort("symbol")
    totals = {k: np.sum([part[1][k] for part in parts], axis=0) for k in parts[0][1]}
    packed_all = {s: pos for part in parts for s, pos in part[2].items()}
    return snap, _breadth(totals, first, last, packed_all, days, smas)


def _numpy(column: Any, what: str) -> NDArray[Any]:
    """Return an Arrow column of integers, dates or floats as a NumPy array, without a copy.

    A date becomes its epoch day. pyarrow's own ``to_numpy`` would import pandas.

    Raises
    ------
    ValueError
        When the column holds nulls or another type; ``what`` names it.
    """
    import pyarrow as pa

    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    kind = column.type
    if column.null_count:
        raise ValueError(f"the panel's {what} column has {column.null_count} null(s)")
    if pa.types.is_integer(kind) or pa.types.is_date32(kind):
        dtype = np.dtype(f"{'u' if pa.types.is_unsigned_integer(kind) else 'i'}"
                         f"{kind.bit_width // 8}")
    elif pa.types.is_float64(kind):
        dtype = np.dtype(np.float64)
    else:
        raise ValueError(f"the panel's {what} column is {kind}: give integers, date32 "
                         f"or float64")
    array: NDArray[Any] = np.frombuffer(column.buffers()[1], dtype=dtype, count=len(column),
                                        offset=column.offset * dtype.itemsize)
    return array


def _days(column: Any) -> Ints:
    """Return an Arrow ``date32`` column as epoch days (int64)."""
    return _numpy(column, "date").astype(np.int64)


class _Rows:
    """The keyed rows of a panel as handed over: (symbol key, epoch day, value).

    The rows are kept in their Arrow batches, not copied into one array. They
    mostly arrive in runs of one symbol (a table scan keeps the store's order,
    and a parallel scan interleaves whole chunks of it); :meth:`scatter`
    writes a range of symbols' runs into a dense array.
    """

    def __init__(self, batches: list[tuple[Any, Any, Floats]], n_syms: int) -> None:
        self.batches = batches
        self.n_syms = n_syms
        which, start, end, sid, rising = [], [], [], [], []
        for i, (s, e, _) in enumerate(self.batches):
            if s.size and (int(s.min()) < 0 or int(s.max()) >= n_syms):
                raise ValueError(f"a symbol key is outside 0..{n_syms - 1}")
            same = s[1:] == s[:-1]
            cut = np.flatnonzero(~same) + 1
            starts = np.concatenate(([0], cut))
            which.append(np.full(starts.size, i))
            start.append(starts)
            end.append(np.concatenate((cut, [s.size])))
            sid.append(s[starts].astype(np.int64))
            # A run whose dates do not rise from row to row (unsorted or repeated).
            falls = np.flatnonzero(same & (e[1:] <= e[:-1]))
            flags = np.ones(starts.size, dtype=bool)
            flags[np.searchsorted(starts, falls, side="right") - 1] = False
            rising.append(flags)
        if not self.batches:
            which = start = end = sid = [np.zeros(0, dtype=np.int64)]
            rising = [np.zeros(0, dtype=bool)]
        order = np.argsort(np.concatenate(sid), kind="stable")
        self.runs = (np.concatenate(which)[order], np.concatenate(start)[order],
                     np.concatenate(end)[order])
        self.run_sid = np.concatenate(sid)[order]
        self.rising = np.concatenate(rising)[order]
        # The runs of symbol s are the runs' entries by_sid[s] to by_sid[s + 1] - 1.
        self.by_sid = np.searchsorted(self.run_sid, np.arange(n_syms + 1))

    @classmethod
    def from_arrow(cls, table: pa.Table, n_syms: int) -> _Rows:
        """Read the rows of an Arrow table (key, date32 or epoch-day integer, value)."""
        # Each Arrow batch reads as NumPy arrays without a copy.
        batches = [(_numpy(b.column(0), "symbol key"), _numpy(b.column(1), "date"),
                    _numpy(b.column(2), "value")) for b in table.to_batches() if b.num_rows]
        return cls(batches, n_syms)

    def scattered(self) -> bool:
        """Whether the rows come in so many runs that gathering them run by run is slow."""
        return int(self.runs[0].size) > 4 * self.n_syms + len(self.batches)

    def sorted(self) -> _Rows:
        """Return the rows as one batch sorted by key, then date."""
        keys, days, values = (np.concatenate([b[i] for b in self.batches]) for i in range(3))
        order = np.lexsort((days, keys))
        return _Rows([(keys[order], days[order], values[order])], self.n_syms)

    def extent(self) -> tuple[Ints, Ints, Ints]:
        """Return each symbol's rows, first and last epoch day (0 where it has none)."""
        which, start, end = self.runs
        lo = np.empty(which.size, dtype=np.int64)
        hi = np.empty(which.size, dtype=np.int64)
        for i, (w, a, b, rising) in enumerate(zip(which.tolist(), start.tolist(), end.tolist(),
                                                   self.rising.tolist(), strict=True)):
            e = self.batches[w][1]
            lo[i], hi[i] = (e[a], e[b - 1]) if rising else (e[a:b].min(), e[a:b].max())
        counts = np.bincount(self.run_sid, weights=end - start, minlength=self.n_syms)
        first = np.zeros(self.n_syms, dtype=np.int64)
        last = np.zeros(self.n_syms, dtype=np.int64)
        has = self.by_sid[:-1] < self.by_sid[1:]
        if which.size:
            first[has] = np.minimum.reduceat(lo, self.by_sid[:-1][has])
            last[has] = np.maximum.reduceat(hi, self.by_sid[:-1][has])
        return counts.astype(np.int64), first, last

    def may_repeat(self, lo: int, hi: int) -> bool:
        """Whether symbols ``lo`` to ``hi - 1`` may hold two rows on one date.

        Not when each has one run whose dates rise from row to row.
        """
        runs = self.by_sid[lo:hi + 1]
        return bool(np.any(np.diff(runs) > 1)
                    or not self.rising[runs[0]:runs[-1]].all())

    def scatter(self, grid: Floats, lo: int, hi: int, column: Callable[[Ints], Ints]) -> int:
        """Write the values of symbols ``lo`` to ``hi - 1`` into their rows of ``grid``.

        Row ``s - lo`` of ``grid`` is symbol s; ``column`` maps epoch days to
        columns. Return how many rows were written (a later row of the same
        symbol and date overwrites an earlier one).
        """
        at = slice(self.by_sid[lo], self.by_sid[hi])
        which, start, end = (r[at] for r in self.runs)
        for w, s, a, b, rising in zip(which.tolist(), self.run_sid[at].tolist(), start.tolist(),
                                      end.tolist(), self.rising[at].tolist(), strict=True):
            _, e, v = self.batches[w]
            c0, c1 = column(e[[a, b - 1]])
            if rising and c1 - c0 == b - a - 1:  # one row a session: a plain copy
                grid[s - lo, c0:c1 + 1] = v[a:b]
            else:
                grid[s - lo, column(e[a:b])] = v[a:b]
        return int(np.sum(end - start))


# --- the snapshot: each symbol's last rows ---------------------------------------------


def _snapshot(
    grid: Floats, bench: Floats | None, first: Ints, last: Ints, counts: Ints,
    packed: dict[int, Ints], days: NDArray[Any], ys: int | None,
    sessions: tuple[int, ...], smas: tuple[int, ...], extreme: int, rs_ma: int,
) -> pl.DataFrame:
    n_syms = grid.shape[0]
    width = max(max(sessions) + 1, max(smas), extreme, rs_ma + 1, 2)
    pos = last[:, None] - np.arange(width - 1, -1, -1)[None, :]
    pos[pos < first[:, None]] = -1
    for s, held in packed.items():
        pos[s] = -1
        tail = held[-width:]
        pos[s, width - tail.size:] = tail
    valid = pos >= 0
    at = np.maximum(pos, 0)
    rows = np.arange(n_syms)[:, None]
    tail = np.where(valid, grid[rows, at], np.nan)
    close = tail[:, -1]

    cols: dict[str, Any] = {
        "date": days[last], "sessions": counts, "last": close}
    for n in sessions:
        cols[f"ret_{n}"] = (close / tail[:, width - 1 - n] - 1.0) * 100.0
    if ys is not None:
        start = np.minimum(last, ys - 1)
        base = np.where(start >= first, grid[np.arange(n_syms), np.maximum(start, 0)], np.nan)
        for s, held in packed.items():
            before = held[held < ys]
            base[s] = grid[s, before[-1]] if before.size else np.nan
        cols["ret_ytd"] = (close / base - 1.0) * 100.0
    for n in smas:
        sma = tail[:, -n:].mean(axis=1)
        cols[f"sma{n}"] = sma
        cols[f"dist_sma{n}"] = (close / sma - 1.0) * 100.0
    high = tail[:, -extreme:].max(axis=1)
    low = tail[:, -extreme:].min(axis=1)
    full = ~np.isnan(high)
    cols |= {
        f"hi{extreme}": high, f"lo{extreme}": low,
        "from_hi": (close / high - 1.0) * 100.0, "from_lo": (close / low - 1.0) * 100.0,
        "at_high": _nullable(close >= high, full), "at_low": _nullable(close <= low, full),
    }
    if bench is not None:
        ratio = tail / np.where(valid, bench[at], np.nan)
        rs = ratio[:, -1]
        rs_sma = ratio[:, -rs_ma:].mean(axis=1)
        streak = _streaks(ratio)
        # A run as long as the tail may go further back: follow it on the full row.
        for row in np.flatnonzero((np.abs(streak) == width - 1) & (counts > width)):
            held = packed.get(int(row), np.arange(first[row], last[row] + 1))
            streak[row] = _streaks((grid[row, held] / bench[held])[None, :])[0]
        cols |= {"rs": rs, f"rs_sma{rs_ma}": rs_sma, "rs_dist": (rs / rs_sma - 1.0) * 100.0,
                 "rs_streak": streak}
    series = []
    for key, arr in cols.items():
        if isinstance(arr, pl.Series):
            series.append(arr.alias(key))
        elif arr.dtype == np.float64:
            series.append(pl.Series(key, arr, nan_to_null=True))
        else:
            series.append(pl.Series(key, arr))
    return pl.DataFrame(series).with_columns(
        pl.col("date").cast(pl.Date), pl.col("sessions").cast(pl.Int64),
        *([pl.col("rs_streak").cast(pl.Int64)] if bench is not None else []))


def _nullable(flags: NDArray[np.bool_], known: NDArray[np.bool_]) -> pl.Series:
    return pl.Series(flags).set(pl.Series(~known), None)


def _streaks(ratio: Floats) -> Ints:
    """Return the signed run up to each row's last column: rises (+) or falls (-) of ``ratio``.

    A comparison with NaN (no ratio that day) is neither and ends every run.
    """
    up = ratio[:, 1:] > ratio[:, :-1]
    down = ratio[:, 1:] < ratio[:, :-1]
    if up.shape[1] == 0:
        return np.zeros(ratio.shape[0], dtype=np.int64)

    def run(flags: NDArray[np.bool_]) -> Ints:
        back = flags[:, ::-1]
        runs: Ints = np.where(back.all(axis=1), back.shape[1], back.argmin(axis=1))
        return runs.astype(np.int64)

    signed: Ints = np.where(up[:, -1], run(up), np.where(down[:, -1], -run(down), 0))
    return signed


# --- trailing windows on a block of rows -------------------------------------------


def _window_sums(x: Floats, ns: list[int], work: list[Floats]) -> dict[int, Floats]:
    """Return, for each n, the trailing sums of n columns of ``x`` (symbols x sessions).

    Column t of a result holds the sum of the n values ending at t, from
    column n-1 on (earlier columns are not meaningful). The sums over 1, 2, 4,
    ... columns are built by doubling, each from two halves, and a window of n
    joins the blocks of the binary digits of n: about log2(n) vector additions
    whatever n is, and every value is summed as a balanced tree. ``work`` holds
    ``len(ns) + 2`` arrays of ``x``'s shape to compute in; the results are among them.
    """
    width = x.shape[1]
    ns = [n for n in ns if n <= width]
    sums: dict[int, Floats] = {}
    covered = dict.fromkeys(ns, 0)
    level, size = x, 1
    spare, outs = work[:2], iter(work[2:])
    while ns:
        for n in ns:
            if n & size:
                done = covered[n]
                if done == 0:
                    sums[n] = next(outs)
                    np.copyto(sums[n], level)
                else:  # the block of `size` columns before the part already summed
                    np.add(sums[n][:, done + size - 1:], level[:, size - 1:width - done],
                           out=sums[n][:, done + size - 1:])
                covered[n] = done + size
        if 2 * size > max(ns):
            break
        nxt = spare.pop(0)
        np.add(level[:, size:], level[:, :width - size], out=nxt[:, size:])
        if level is not x:
            spare.append(level)
        level, size = nxt, 2 * size
    return sums


def _window_extreme(x: Floats, n: int, op: np.ufunc, work: list[Floats]) -> Floats:
    """Return the trailing maximum or minimum (``op``) of n columns of ``x``.

    Column t holds the extreme of the n values ending at t, from column n-1
    on. Extremes over 1, 2, 4, ... columns are built by doubling; with k the
    largest power of two up to n, the window is the extreme of two windows of
    k that overlap, which is harmless for a maximum or minimum. ``work`` holds
    two arrays of ``x``'s shape to compute in; the result is one of them.
    """
    width = x.shape[1]
    level, size = x, 1
    spare = work[:2]
    while 2 * size <= n:
        nxt = spare.pop(0)
        op(level[:, size:], level[:, :width - size], out=nxt[:, size:])
        if level is not x:
            spare.append(level)
        level, size = nxt, 2 * size
    out = spare[0]
    rest = n - size
    op(level[:, rest:], level[:, :width - rest], out=out[:, rest:])
    return out


def _workspace(smas: tuple[int, ...], width: int) -> Floats:
    """Return working memory for :func:`_block_counts` on blocks of up to ``width`` columns.

    A thread keeps it across blocks: memory fresh from the system costs a page
    fault per page on first touch, several times the arithmetic done in it.
    """
    return np.empty((len(smas) + 2, max(_BLOCK_BYTES // 8, width)))


def _block_counts(x: Floats, smas: tuple[int, ...], extreme: int,
                  workspace: Floats) -> dict[str, Ints]:
    """Per session (column of ``x``: symbols x sessions, NaN where absent), the symbols counted.

    ``workspace`` is from :func:`_workspace`, for at least ``x.size`` cells.
    """
    width = x.shape[1]
    work = [w[:x.size].reshape(x.shape) for w in workspace]
    counts: dict[str, Ints] = {}
    prev, cur = x[:, :-1], x[:, 1:]
    cmp: Any
    for name, cmp in (("advances", np.greater), ("declines", np.less)):
        c = np.zeros(width, dtype=np.int64)
        c[1:] = _column_counts(cmp(cur, prev))
        counts[name] = c
    sums = _window_sums(x, list(smas), work)
    for n in smas:
        c = np.zeros(width, dtype=np.int64)
        if n in sums:
            mean = sums[n][:, n - 1:]
            mean *= (1.0 + TIE) / n
            c[n - 1:] = _column_counts(x[:, n - 1:] > mean)
        counts[f"above{n}"] = c
    for name, op, cmp in (("new_highs", np.maximum, np.greater_equal),
                          ("new_lows", np.minimum, np.less_equal)):
        c = np.zeros(width, dtype=np.int64)
        if extreme <= width:
            ext = _window_extreme(x, extreme, op, work)
            c[extreme - 1:] = _column_counts(cmp(x[:, extreme - 1:], ext[:, extreme - 1:]))
        counts[name] = c
    return counts


def _column_counts(flags: NDArray[np.bool_]) -> NDArray[np.integer[Any]]:
    """Per column, how many rows of ``flags`` are true.

    The flags are summed as bytes while the count cannot overflow one (255
    rows), which is several times faster than counting into 64-bit integers.
    """
    dtype = np.uint8 if flags.shape[0] <= 255 else np.int64
    counts: NDArray[np.integer[Any]] = np.add.reduce(flags.view(np.uint8), axis=0, dtype=dtype)
    return counts


def _covered(first: Ints, last: Ints, offset: int, width: int) -> Ints:
    """For each column, how many rows' spans [first + offset, last] hold it."""
    start = first + offset
    ok = start <= last
    edges = (np.bincount(start[ok], minlength=width + 1)
             - np.bincount(last[ok] + 1, minlength=width + 1))
    return np.cumsum(edges[:width])


def _counts(grid: Floats, packed: dict[int, Ints], smas: tuple[int, ...],
            extreme: int, workspace: Floats) -> dict[str, Ints]:
    """Count each session's breadth over the rows of ``grid``; a packed row is cleared.

    The dense rows are counted in blocks that stay in cache; a symbol with a
    hole in its history (``packed``: row -> its columns) is counted from its
    packed row, at the columns it holds. ``workspace`` is from :func:`_workspace`.
    """
    rows = {s: grid[s, pos] for s, pos in packed.items()}
    for s in packed:
        grid[s] = np.nan  # counted from its packed row below, not in the dense blocks
    n_syms, width = grid.shape
    step = max(1, _BLOCK_BYTES // (8 * width))
    parts = [_block_counts(grid[a:a + step], smas, extreme, workspace)
             for a in range(0, n_syms, step)]
    total = {k: np.sum([p[k] for p in parts], axis=0) for k in parts[0]}
    for s, pos in packed.items():
        for key, c in _block_counts(rows[s][None, :], smas, extreme, workspace).items():
            total[key][pos] += c
    return total


def _breadth(total: dict[str, Ints], first: Ints, last: Ints, packed: dict[int, Ints],
             days: NDArray[Any], smas: tuple[int, ...]) -> pl.DataFrame:
    """Return the breadth frame from the summed counts; add members and eligibility."""
    width = days.size
    contiguous = np.ones(first.size, dtype=bool)
    contiguous[list(packed)] = False
    total["members"] = _covered(first[contiguous], last[contiguous], 0, width)
    for n in smas:
        total[f"eligible{n}"] = _covered(first[contiguous], last[contiguous], n - 1, width)
    for pos in packed.values():
        total["members"][pos] += 1
        for n in smas:
            total[f"eligible{n}"][pos[n - 1:]] += 1
    cols: dict[str, Any] = {"date": days, "members": total["members"]}
    for n in smas:
        cols[f"above{n}"] = total[f"above{n}"]
        cols[f"eligible{n}"] = total[f"eligible{n}"]
    for key in ("advances", "declines", "new_highs", "new_lows"):
        cols[key] = total[key]
    frame = pl.DataFrame(cols).with_columns(pl.col("date").cast(pl.Date))
    pct = [(pl.col(f"above{n}") * 100.0 / pl.when(pl.col(f"eligible{n}") != 0)
            .then(pl.col(f"eligible{n}"))).alias(f"pct_above{n}") for n in smas]
    return frame.with_columns(
        (pl.col("advances") - pl.col("declines")).alias("net_advances"),
        (pl.col("new_highs") - pl.col("new_lows")).alias("net_new_highs"),
        *pct,
    )
