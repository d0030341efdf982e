"""The panel on dense arrays: trailing windows over a symbols x sessions grid.

This computes exactly what the Ibis expressions of
:mod:`rotoscope.analytics.panel` define (the same columns, nulls and tie
margin), many times faster than SQL window functions. It takes the rows as
``(symbol key, date, value)``, keys numbered from 0, as NumPy arrays or Arrow
tables however they were read (the store's
:meth:`~rotoscope.store.Store.member_keyed_rows`, or
:mod:`rotoscope.analytics.panel._duckdb` for Ibis tables), and gives NumPy
:class:`~rotoscope.analytics.panel.Columns`; a SQL window engine has to sort
the whole panel and evaluates a 252-row ``MAX`` with a segment tree, while on
an array a trailing window costs a few vector operations over every cell:

- the rows stay in the Arrow batches handed over; each task takes a range of
  symbols and, block by block (about 1 MiB of values, a few dozen symbols),
  writes their runs of rows into a dense array (a plain copy where a run holds
  one row a session), takes each symbol's last values for the snapshot and
  counts the block's breadth while it is still in a core's cache, on every
  core (NumPy releases the GIL in these loops). The block and the working
  memory are kept by each thread across its tasks: memory fresh from the
  system costs a page fault per page, more than the arithmetic done in it;
- trailing sums, maxima and minima are built by doubling
  (:mod:`rotoscope.analytics.panel._windows`): about log2(n) vector operations
  per window whatever n is, each sum added as a balanced tree, so rounding
  stays far inside the panel's tie margin
  :data:`~rotoscope.analytics.panel.TIE`;
- a missing value is NaN and poisons every window that holds it, which is how
  "fewer than n rows" becomes "not eligible" without a mask;
- the snapshot is framed once, from every symbol's last values.

Rows may come in any order: runs of one symbol are gathered wherever they
stand, and rows in no useful order (a run per row or so) are sorted first.

Row semantics are kept: a statistic counts a symbol's own rows, not calendar
sessions, so a symbol with a hole in its history (a suspension) is moved to a
packed row of its own and computed there. ``tests/test_panel.py`` checks this
module against the Ibis expressions on hand-worked, random and real panels.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from rotoscope.analytics.panel._definitions import Columns
from rotoscope.analytics.panel._windows import (
    BLOCK_BYTES,
    COUNTS,
    block_counts,
    workspace,
)

if TYPE_CHECKING:
    import polars as pl
    import pyarrow as pa
    from numpy.typing import NDArray

    Floats = NDArray[np.float64]
    Ints = NDArray[np.int64]
    #: Rows as NumPy arrays: symbol key, epoch day, value.
    KeyedArrays = tuple[NDArray[np.integer[Any]], NDArray[np.integer[Any]], Floats]
    #: A benchmark as NumPy arrays: epoch day, value.
    DatedArrays = tuple[NDArray[np.integer[Any]], Floats]

__all__ = ["DENSE_LIMIT", "MEMORY_SHARE", "fits", "panel_arrays", "panel_columns"]

#: The dense array may hold at most this many cells per row of input (and at
#: least 2**24 cells are always allowed): a universe whose symbols cover only a
#: small part of the calendar each would waste memory as a dense array, and is
#: computed by the window expressions instead.
DENSE_LIMIT = 4

#: Nor may the rows handed over take more than this share of the machine's
#: memory: beyond it the window expressions run, which DuckDB spills to disk.
MEMORY_SHARE = 0.25

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
    rows: pa.Table | KeyedArrays,
    benchmark: pa.Table | DatedArrays | None,
    sessions: tuple[int, ...],
    smas: tuple[int, ...],
    extreme: int,
    rs_ma: int,
    year_start: dt.date | None,
) -> tuple[pl.DataFrame, pl.DataFrame] | None:
    """Return the snapshot and breadth frames of a panel's rows.

    As :func:`panel_columns`, as Polars frames.
    """
    found = panel_columns(names, rows, benchmark, sessions, smas, extreme, rs_ma, year_start)
    return None if found is None else (found[0].to_polars(), found[1].to_polars())


def panel_columns(
    names: Sequence[str],
    rows: pa.Table | KeyedArrays,
    benchmark: pa.Table | DatedArrays | None,
    sessions: tuple[int, ...],
    smas: tuple[int, ...],
    extreme: int,
    rs_ma: int,
    year_start: dt.date | None,
) -> tuple[Columns, Columns] | None:
    """Return the snapshot and breadth of a panel's rows as NumPy columns.

    Parameters
    ----------
    names
        The symbols, in the order of their keys (key k is ``names[k]``).
    rows
        Three columns: the symbol key (an integer from 0 to ``len(names) - 1``),
        the date (``date32``) and the value (``float64``, no null or NaN), the
        rows already filtered to the as-of date: an Arrow table, or three NumPy
        arrays with the date as an integer epoch day. A symbol without rows has
        no snapshot row.
    benchmark
        Two columns, the date and the benchmark's value (an Arrow table, or two
        NumPy arrays with the date as an epoch day), or None.
    sessions, smas, extreme, rs_ma, year_start
        As for :func:`~rotoscope.analytics.panel.snapshot`.

    Returns
    -------
    The snapshot and breadth columns, which make the frames (the columns, types and
    order) of :func:`~rotoscope.analytics.panel.snapshot` and
    :func:`~rotoscope.analytics.panel.breadth`; ``None`` means "use the window
    expressions": the panel is empty, or too sparse or too large for the arrays
    (see :func:`fits`).

    Raises
    ------
    ValueError
        When a symbol has more than one row on a date, or a key is out of range.
    """
    n_syms = len(names)
    data = _Rows.from_numpy(rows, n_syms) if isinstance(rows, tuple) else _Rows.from_arrow(
        rows, n_syms)
    if data.scattered():  # the rows arrive in no useful order: sort them once
        data = data.sorted()
    counts, lo, hi = data.extent()
    held = counts > 0
    if not held.any() or not fits(int(held.sum()), int(counts.max()), int(counts.sum())):
        return None
    e0 = int(lo[held].min())
    span = int(hi[held].max()) - e0 + 1
    present = data.marked(e0, span)
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
        if isinstance(benchmark, tuple):
            b_days = _checked(benchmark[0], "benchmark date", integer=True).astype(np.int64)
            b_values = _checked(benchmark[1], "benchmark value", integer=False)
        else:
            b_days = _days(benchmark.column(0))
            b_values = _numpy(benchmark.column(1), "benchmark value")
        at = b_days - e0
        ok = (at >= 0) & (at < span)
        ok[ok] = present[at[ok]]
        bench[index[at[ok]]] = b_values[ok]

    days = (calendar + e0).astype("datetime64[D]")
    ys = None if year_start is None else int(
        np.searchsorted(calendar + e0, (year_start - _EPOCH).days))
    tails = _Tails.empty(n_syms, max(max(sessions) + 1, max(smas), extreme, rs_ma + 1, 2),
                         bench, ys)
    keys = [f"above{n}" for n in smas] + list(COUNTS)
    block = max(1, BLOCK_BYTES // (8 * n_days))  # symbols whose rows stay in a core's cache
    local = threading.local()  # each thread's block and workspace, kept across its tasks

    def task(lo_sid: int) -> tuple[dict[str, Ints], dict[int, Ints]]:
        """Count the breadth and take the snapshot's tails of symbols ``lo_sid`` on.

        Return the counts and the packed rows (symbol -> its sessions) of
        symbols with a hole in their history.
        """
        if not hasattr(local, "grid"):
            local.grid = np.empty((block, n_days))
            local.space = workspace(smas, block * n_days)
        total = {key: np.zeros(n_days, dtype=np.int64) for key in keys}
        packed_all: dict[int, Ints] = {}
        end = min(lo_sid + step, n_syms)
        for a in range(lo_sid, end, block):
            b = min(a + block, end)
            grid = local.grid[:b - a]
            grid.fill(np.nan)
            written = data.scatter(grid, a, b, lambda e: index[e - e0])
            if data.may_repeat(a, b) and int(np.count_nonzero(~np.isnan(grid))) != written:
                raise ValueError("the panel has more than one row for a symbol on a date")
            part = slice(a, b)
            # A symbol with a hole in its history is computed from its packed rows.
            packed = {int(s): np.flatnonzero(~np.isnan(grid[s]))
                      for s in np.flatnonzero(last[part] - first[part] + 1 != counts[part])}
            tails.take(grid, a, first[part], last[part], counts[part], packed)
            _count(grid, packed, smas, extreme, local.space, total)
            packed_all |= {a + s: pos for s, pos in packed.items()}
        return total, packed_all

    # Tasks of whole blocks, at least four per core to share the work out.
    workers = max(1, os.cpu_count() or 1)
    step = block * max(1, -(-n_syms // (block * 4 * workers)))
    with ThreadPoolExecutor(workers) as pool:
        parts = list(pool.map(task, range(0, n_syms, step)))
    snap = tails.columns(list(names), first, last, counts, days, sessions, smas, extreme,
                         rs_ma)
    if not held.all():
        snap = snap.take(held)
    symbols: list[str] = snap.data["symbol"]
    if any(a > b for a, b in itertools.pairwise(symbols)):
        snap = snap.take(np.array(sorted(range(len(symbols)), key=symbols.__getitem__),
                                  dtype=np.int64))
    totals = {k: np.sum([part[0][k] for part in parts], axis=0) for k in keys}
    packed_all = {s: pos for part in parts for s, pos in part[1].items()}
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


def _checked(array: NDArray[Any], what: str, integer: bool) -> NDArray[Any]:
    """Return a NumPy column of the rows as it is, after checking its type.

    Raises
    ------
    ValueError
        When it is not one-dimensional integers (``integer``) or float64; ``what`` names it.
    """
    kind = array.dtype.kind
    if array.ndim != 1 or (kind not in "iu" if integer else array.dtype != np.float64):
        raise ValueError(f"the panel's {what} column is {array.dtype} with {array.ndim} "
                         f"dimension(s): give one dimension of "
                         f"{'integers' if integer else 'float64'}")
    return array


def _days(column: Any) -> Ints:
    """Return an Arrow ``date32`` column as epoch days (int64)."""
    return _numpy(column, "date").astype(np.int64)


def _runs(s: NDArray[Any], n_syms: int) -> tuple[Ints, Ints]:
    """Return where the runs of one key start in a batch's keys ``s``, and their keys.

    Keys in rising order (a scan of the store's layout) are split by binary
    search; others by comparing neighbours.

    Raises
    ------
    ValueError
        When a key is outside ``0..n_syms - 1``.
    """
    if bool(np.all(s[1:] >= s[:-1])):
        low, high = int(s[0]), int(s[-1])
        if low < 0 or high >= n_syms:
            raise ValueError(f"a symbol key is outside 0..{n_syms - 1}")
        keys = np.arange(low, high + 1, dtype=s.dtype)
        starts = np.searchsorted(s, keys)
        held = np.append(starts[1:], s.size) > starts
        return starts[held].astype(np.int64), keys[held].astype(np.int64)
    if int(s.min()) < 0 or int(s.max()) >= n_syms:
        raise ValueError(f"a symbol key is outside 0..{n_syms - 1}")
    starts = np.concatenate(([0], np.flatnonzero(s[1:] != s[:-1]) + 1))
    return starts.astype(np.int64), s[starts].astype(np.int64)


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
        which, start, end, sid, rising, heads, tails = [], [], [], [], [], [], []
        for i, (s, e, _) in enumerate(self.batches):
            starts, keys = _runs(s, n_syms)
            ends = np.append(starts[1:], s.size)
            heads.append(e[starts].astype(np.int64))
            tails.append(e[ends - 1].astype(np.int64))
            which.append(np.full(starts.size, i))
            start.append(starts)
            end.append(ends)
            sid.append(keys)
            # A run whose dates do not rise from row to row (unsorted or repeated): a
            # fall inside a run, not between two runs.
            falls = np.flatnonzero(e[1:] <= e[:-1])
            flags = np.ones(starts.size, dtype=bool)
            run = np.searchsorted(starts, falls, side="right") - 1
            flags[run[falls + 1 < ends[run]]] = False
            rising.append(flags)
        if not self.batches:
            which = start = end = sid = heads = tails = [np.zeros(0, dtype=np.int64)]
            rising = [np.zeros(0, dtype=bool)]
        order = np.argsort(np.concatenate(sid), kind="stable")
        self.runs = (np.concatenate(which)[order], np.concatenate(start)[order],
                     np.concatenate(end)[order])
        self.run_sid = np.concatenate(sid)[order]
        self.rising = np.concatenate(rising)[order]
        # Each run's first and last epoch day.
        self.heads = np.concatenate(heads)[order]
        self.tails = np.concatenate(tails)[order]
        # The runs of symbol s are the runs' entries by_sid[s] to by_sid[s + 1] - 1.
        self.by_sid = np.searchsorted(self.run_sid, np.arange(n_syms + 1))
        # Symbols whose rows may repeat a date (set by extent()).
        self.unclean = np.ones(n_syms, dtype=bool)

    @classmethod
    def from_arrow(cls, table: pa.Table, n_syms: int) -> _Rows:
        """Read the rows of an Arrow table (key, date32 or epoch-day integer, value)."""
        # Each Arrow batch reads as NumPy arrays without a copy.
        batches = [(_numpy(b.column(0), "symbol key"), _numpy(b.column(1), "date"),
                    _numpy(b.column(2), "value")) for b in table.to_batches() if b.num_rows]
        return cls(batches, n_syms)

    @classmethod
    def from_numpy(cls, arrays: KeyedArrays, n_syms: int) -> _Rows:
        """Read the rows of three NumPy arrays (key, epoch day, value), without a copy."""
        keys, days, values = arrays
        if not len(keys) == len(days) == len(values):
            raise ValueError(f"the panel's key, date and value columns differ in length: "
                             f"{len(keys)}, {len(days)} and {len(values)}")
        batch = (_checked(keys, "symbol key", integer=True),
                 _checked(days, "date", integer=True),
                 _checked(values, "value", integer=False))
        return cls([batch] if len(keys) else [], n_syms)

    def scattered(self) -> bool:
        """Whether the rows come in so many runs that gathering them run by run is slow."""
        return int(self.runs[0].size) > 4 * self.n_syms + len(self.batches)

    def sorted(self) -> _Rows:
        """Return the rows as one batch sorted by key, then date."""
        keys, days, values = (np.concatenate([b[i] for b in self.batches]) for i in range(3))
        order = np.lexsort((days, keys))
        return _Rows([(keys[order], days[order], values[order])], self.n_syms)

    def extent(self) -> tuple[Ints, Ints, Ints]:
        """Return each symbol's rows, first and last epoch day (0 where it has none).

        Also note which symbols may hold two rows on one date (see :meth:`may_repeat`).
        """
        which, start, end = self.runs
        lo, hi = self.heads.copy(), self.tails.copy()
        for i in np.flatnonzero(~self.rising).tolist():
            e = self.batches[which[i]][1][start[i]:end[i]]
            lo[i], hi[i] = e.min(), e.max()
        counts = np.bincount(self.run_sid, weights=end - start, minlength=self.n_syms)
        first = np.zeros(self.n_syms, dtype=np.int64)
        last = np.zeros(self.n_syms, dtype=np.int64)
        has = self.by_sid[:-1] < self.by_sid[1:]
        if which.size:
            first[has] = np.minimum.reduceat(lo, self.by_sid[:-1][has])
            last[has] = np.maximum.reduceat(hi, self.by_sid[:-1][has])
        # Runs whose dates rise, each after the one before it of the same symbol, hold
        # no date twice.
        chained = ((self.run_sid[1:] != self.run_sid[:-1])
                   | (self.rising[1:] & self.rising[:-1] & (hi[:-1] < lo[1:])))
        self.unclean = np.zeros(self.n_syms, dtype=bool)
        self.unclean[self.run_sid[~self.rising]] = True
        self.unclean[self.run_sid[1:][~chained]] = True
        return counts.astype(np.int64), first, last

    def marked(self, e0: int, span: int) -> NDArray[np.bool_]:
        """Return, for each epoch day from ``e0`` on (``span`` days), whether a row holds it.

        Most runs hold a stretch of the same trading days: a run whose dates are a
        stretch of the longest run's is compared with it (one pass, in order)
        rather than written day by day.
        """
        which, start, end = self.runs
        marked = np.zeros(span, dtype=bool)
        if not which.size:
            return marked
        length = np.where(self.rising, end - start, 0)
        longest = int(np.argmax(length))
        ref = self.batches[int(which[longest])][1][start[longest]:end[longest]]
        marked[ref - e0] = True
        # A run may be a stretch of the longest where its first and last days are.
        at = np.searchsorted(ref, self.heads)
        tail = at + (end - start) - 1
        maybe = self.rising & (tail < ref.size)
        maybe[maybe] = ((ref[at[maybe]] == self.heads[maybe])
                        & (ref[tail[maybe]] == self.tails[maybe]))
        for w, a, b, i, stretch in zip(which.tolist(), start.tolist(), end.tolist(),
                                       at.tolist(), maybe.tolist(), strict=True):
            e = self.batches[w][1][a:b]
            if not (stretch and bool((ref[i:i + b - a] == e).all())):
                marked[e - e0] = True
        return marked

    def may_repeat(self, lo: int, hi: int) -> bool:
        """Whether symbols ``lo`` to ``hi - 1`` may hold two rows on one date.

        Not when each one's runs rise from row to row, each after the one
        before it (:meth:`extent` notes this).
        """
        return bool(self.unclean[lo:hi].any())

    def scatter(self, grid: Floats, lo: int, hi: int, column: Callable[[Ints], Ints]) -> int:
        """Write the values of symbols ``lo`` to ``hi - 1`` into their rows of ``grid``.

        Row ``s - lo`` of ``grid`` is symbol s; ``column`` maps epoch days to
        columns. Return how many rows were written (a later row of the same
        symbol and date overwrites an earlier one).
        """
        at = slice(self.by_sid[lo], self.by_sid[hi])
        which, start, end = (r[at] for r in self.runs)
        c0s, c1s = column(self.heads[at]).tolist(), column(self.tails[at]).tolist()
        for w, s, a, b, rising, c0, c1 in zip(which.tolist(), self.run_sid[at].tolist(),
                                              start.tolist(), end.tolist(),
                                              self.rising[at].tolist(), c0s, c1s, strict=True):
            _, e, v = self.batches[w]
            if rising and c1 - c0 == b - a - 1:  # one row a session: a plain copy
                grid[s - lo, c0:c1 + 1] = v[a:b]
            else:
                grid[s - lo, column(e[a:b])] = v[a:b]
        return int(np.sum(end - start))


# --- the snapshot: each symbol's last rows ---------------------------------------------


@dataclass(frozen=True)
class _Tails:
    """Each symbol's last ``width`` values (NaN before its first), taken block by block.

    ``tail`` is symbols x ``width``, a row's last column its last row; with a
    benchmark, ``ratio`` holds the same rows over the benchmark on their dates
    and ``streak`` the signed outperformance run; with a year start (the
    session number ``ys``), ``base`` holds the last value before it.
    """

    tail: Floats
    ratio: Floats | None
    streak: Ints | None
    base: Floats | None
    bench: Floats | None
    ys: int | None

    @classmethod
    def empty(cls, n_syms: int, width: int, bench: Floats | None, ys: int | None) -> _Tails:
        """Return room for ``n_syms`` symbols' tails of ``width`` values."""
        return cls(np.empty((n_syms, width)),
                   None if bench is None else np.empty((n_syms, width)),
                   None if bench is None else np.empty(n_syms, dtype=np.int64),
                   None if ys is None else np.empty(n_syms), bench, ys)

    def take(self, grid: Floats, lo: int, first: Ints, last: Ints, counts: Ints,
             packed: dict[int, Ints]) -> None:
        """Take the tails of the symbols of ``grid``'s rows, from symbol ``lo`` on.

        ``first``, ``last`` and ``counts`` are those rows' first and last
        sessions and numbers of rows; ``packed`` the sessions of the rows with
        a hole in their history.
        """
        n_syms = grid.shape[0]
        width = self.tail.shape[1]
        out = slice(lo, lo + n_syms)
        tail = self.tail[out]
        end = int(last[0]) + 1
        if not packed and end >= width and bool(np.all(last == end - 1)) and bool(
                np.all(first <= end - width)):  # every row ends on one session: a slice
            tail[:] = grid[:, end - width:end]
            on_days: Floats | None = None if self.bench is None else self.bench[end - width:end]
        else:
            pos = last[:, None] - np.arange(width - 1, -1, -1)[None, :]
            pos[pos < first[:, None]] = -1
            for s, held in packed.items():
                pos[s] = -1
                kept = held[-width:]
                pos[s, width - kept.size:] = kept
            valid = pos >= 0
            at = np.maximum(pos, 0)
            tail[:] = np.where(valid, grid[np.arange(n_syms)[:, None], at], np.nan)
            on_days = None if self.bench is None else np.where(valid, self.bench[at], np.nan)
        if self.ys is not None and self.base is not None:
            start = np.minimum(last, self.ys - 1)
            base = self.base[out]
            base[:] = np.where(start >= first, grid[np.arange(n_syms), np.maximum(start, 0)],
                               np.nan)
            for s, held in packed.items():
                before = held[held < self.ys]
                base[s] = grid[s, before[-1]] if before.size else np.nan
        if (self.bench is not None and on_days is not None and self.ratio is not None
                and self.streak is not None):
            ratio = self.ratio[out]
            np.divide(tail, on_days, out=ratio)
            streak = self.streak[out]
            streak[:] = _streaks(ratio)
            # A run as long as the tail may go further back: follow it on the full row.
            for row in np.flatnonzero((np.abs(streak) == width - 1) & (counts > width)):
                held = packed.get(int(row), np.arange(first[row], last[row] + 1))
                streak[row] = _streaks((grid[row, held] / self.bench[held])[None, :])[0]

    def columns(self, names: list[str], first: Ints, last: Ints, counts: Ints,
                days: NDArray[Any], sessions: tuple[int, ...], smas: tuple[int, ...],
                extreme: int, rs_ma: int) -> Columns:
        """Return the snapshot's columns, one row per symbol (``names``, by key)."""
        width = self.tail.shape[1]
        tail = self.tail
        close = tail[:, -1]
        cols: dict[str, Any] = {
            "symbol": names, "date": days[last], "sessions": counts.astype(np.int64),
            "last": close}
        for n in sessions:
            cols[f"ret_{n}"] = (close / tail[:, width - 1 - n] - 1.0) * 100.0
        if self.base is not None:
            cols["ret_ytd"] = (close / self.base - 1.0) * 100.0
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
            "at_high": close >= high, "at_low": close <= low,
        }
        if self.ratio is not None and self.streak is not None:
            rs = self.ratio[:, -1]
            rs_sma = self.ratio[:, -rs_ma:].mean(axis=1)
            cols |= {"rs": rs, f"rs_sma{rs_ma}": rs_sma,
                     "rs_dist": (rs / rs_sma - 1.0) * 100.0,
                     "rs_streak": self.streak.astype(np.int64)}
        return Columns(cols, {"at_high": ~full, "at_low": ~full})


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


# --- breadth: the counts of every block, added up ------------------------------------


def _covered(first: Ints, last: Ints, offset: int, width: int) -> Ints:
    """For each column, how many rows' spans [first + offset, last] hold it."""
    start = first + offset
    ok = start <= last
    edges = (np.bincount(start[ok], minlength=width + 1)
             - np.bincount(last[ok] + 1, minlength=width + 1))
    return np.cumsum(edges[:width])


def _count(grid: Floats, packed: dict[int, Ints], smas: tuple[int, ...], extreme: int,
           space: Floats, total: dict[str, Ints]) -> None:
    """Add each session's breadth over the rows of ``grid`` to ``total``; clear packed rows.

    A symbol with a hole in its history (``packed``: row -> its columns) is
    counted from its packed row, at the columns it holds. ``space`` is from
    :func:`~rotoscope.analytics.panel._windows.workspace`.
    """
    rows = {s: grid[s, pos] for s, pos in packed.items()}
    for s in packed:
        grid[s] = np.nan  # counted from its packed row below, not with the dense rows
    block_counts(grid, smas, extreme, space, total)
    for s, pos in packed.items():
        block_counts(rows[s][None, :], smas, extreme, space, total, pos)


def _breadth(total: dict[str, Ints], first: Ints, last: Ints, packed: dict[int, Ints],
             days: NDArray[Any], smas: tuple[int, ...]) -> Columns:
    """Return the breadth columns from the summed counts; add members and eligibility.

    A share above an average is null on a date without an eligible member.
    """
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
    cols = {k: v if k == "date" else v.astype(np.int64) for k, v in cols.items()}
    cols["net_advances"] = cols["advances"] - cols["declines"]
    cols["net_new_highs"] = cols["new_highs"] - cols["new_lows"]
    for n in smas:
        eligible = cols[f"eligible{n}"]
        held = eligible != 0
        # as Polars divides: the count as a float, times 100, over the eligible count
        cols[f"pct_above{n}"] = np.where(
            held, cols[f"above{n}"].astype(np.float64) * 100.0
            / np.where(held, eligible, 1).astype(np.float64), np.nan)
    return Columns(cols, {})
