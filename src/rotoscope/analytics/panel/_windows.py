"""Trailing windows on a block of dense rows, and the breadth counts made from them.

A block is a symbols x sessions array small enough to stay in a core's cache
(NaN where a symbol has no row); every function here is a handful of whole-block
NumPy operations, which release the GIL, so blocks are counted on every core.
:mod:`rotoscope.analytics.panel._arrays` fills the blocks and adds their counts up.

A window of n sessions is built by doubling: sums, maxima and minima over 1,
2, 4, ... sessions, each from two halves, and a window of n joins the blocks
of the binary digits of n. That is about log2(n) vector operations per window
whatever n is, each one pass over the block; a running (prefix) scan would be
fewer operations but NumPy runs a scan one element after another, about ten
times slower per cell than a vectorised pass. A missing value is NaN and poisons
every window that holds it, which is how "fewer than n rows" becomes "not
eligible" without a mask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from rotoscope.analytics.panel._definitions import TIE

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Floats = NDArray[np.float64]
    Ints = NDArray[np.int64]

__all__ = ["BLOCK_BYTES", "COUNTS", "block_counts", "column_counts", "window_extreme",
           "window_sums", "workspace"]

#: A block of symbols' working arrays: one array of this size stays in a core's cache.
BLOCK_BYTES = 1 << 20

#: The breadth counts of :func:`block_counts` besides ``above<n>``, one per SMA.
COUNTS = ("advances", "declines", "new_highs", "new_lows")


def window_sums(x: Floats, ns: list[int], work: list[Floats]) -> dict[int, Floats]:
    """Return, for each n, the trailing sums of n columns of ``x`` (symbols x sessions).

    Column t of a result holds the sum of the n values ending at t, from
    column n-1 on (earlier columns are not meaningful). The sums over 1, 2,
    4, ... columns are built by doubling, each from two halves, and a window
    of n joins the blocks of the binary digits of n, lowest first, so each sum
    is added as a balanced tree and rounding stays far inside the panel's tie
    margin :data:`~rotoscope.analytics.panel.TIE`. The level of a window's
    lowest digit becomes its sum in place (no copy) unless it is ``x`` itself
    or another window took it. ``work`` holds ``len(ns) + 2`` arrays of ``x``'s
    shape to compute in; the results are among them.
    """
    width = x.shape[1]
    ns = sorted({n for n in ns if n <= width})
    sums: dict[int, Floats] = {}
    covered = dict.fromkeys(ns, 0)
    level, size, taken = x, 1, True  # x is the caller's: never written
    free = list(work)
    while ns:
        for n in ns:
            if not n & size:
                continue
            done = covered[n]
            if done:  # the block of `size` columns before the part already summed
                np.add(sums[n][:, done + size - 1:], level[:, size - 1:width - done],
                       out=sums[n][:, done + size - 1:])
            elif taken:
                sums[n] = free.pop()
                np.copyto(sums[n], level)
            else:
                sums[n], taken = level, True
            covered[n] = done + size
        if 2 * size > ns[-1]:
            break
        nxt = free.pop()
        np.add(level[:, size:], level[:, :width - size], out=nxt[:, size:])
        if not taken:
            free.append(level)
        level, size, taken = nxt, 2 * size, False
    return sums


def window_extreme(x: Floats, n: int, op: np.ufunc, work: list[Floats]) -> Floats:
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


def workspace(smas: tuple[int, ...], cells: int) -> Floats:
    """Return working memory for :func:`block_counts` on blocks of up to ``cells`` values.

    A thread keeps it across blocks: memory fresh from the system costs a page
    fault per page on first touch, several times the arithmetic done in it.
    """
    return np.empty((len(smas) + 2, cells))


def block_counts(x: Floats, smas: tuple[int, ...], extreme: int, space: Floats,
                 total: dict[str, Ints], at: Ints | None = None) -> None:
    """Add, per session, the symbols of ``x`` counted by each breadth statistic to ``total``.

    ``x`` is symbols x sessions, NaN where absent; ``space`` is from
    :func:`workspace`, for at least ``x.size`` cells. ``total`` maps
    ``above<n>`` (for each n of ``smas``) and :data:`COUNTS` to counts per
    session; column j of ``x`` is session ``at[j]`` of them (session j without ``at``).
    """
    width = x.shape[1]
    work = [w[:x.size].reshape(x.shape) for w in space]

    def add(key: str, start: int, flags: NDArray[np.bool_]) -> None:
        if at is None:
            total[key][start:] += column_counts(flags)
        else:
            total[key][at[start:]] += column_counts(flags)

    prev, cur = x[:, :-1], x[:, 1:]
    add("advances", 1, np.greater(cur, prev))
    add("declines", 1, np.less(cur, prev))
    sums = window_sums(x, list(smas), work)
    for n in smas:
        if n in sums:
            mean = sums[n][:, n - 1:]
            mean *= (1.0 + TIE) / n
            add(f"above{n}", n - 1, x[:, n - 1:] > mean)
    if extreme <= width:
        for key, op, cmp in (("new_highs", np.maximum, np.greater_equal),
                             ("new_lows", np.minimum, np.less_equal)):
            ext = window_extreme(x, extreme, op, work)
            add(key, extreme - 1, cmp(x[:, extreme - 1:], ext[:, extreme - 1:]))


def column_counts(flags: NDArray[np.bool_]) -> NDArray[np.integer[Any]]:
    """Per column, how many rows of ``flags`` are true.

    The flags are summed as bytes while the count cannot overflow one (255
    rows), which is several times faster than counting into 64-bit integers.
    """
    dtype = np.uint8 if flags.shape[0] <= 255 else np.int64
    counts: NDArray[np.integer[Any]] = np.add.reduce(flags.view(np.uint8), axis=0, dtype=dtype)
    return counts
