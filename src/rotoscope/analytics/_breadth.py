"""The member panel's daily breadth on its rows as NumPy arrays, without a frame.

The breadth facts need every session's advances and declines (for the
advance-decline line) and, on one session only, how many members stand above
their averages and at their highs or lows. :class:`RowBreadth` counts these
straight from the members' rows, so the facts import neither Polars nor
pyarrow; it counts what :func:`rotoscope.analytics.panel.breadth` defines (and
:func:`rotoscope.analytics.panel.member_breadth` computes on its dense arrays):

- a statistic counts a member's own rows, not calendar sessions: its n-row
  average on a session is the mean of its last n rows up to that session, and
  it is eligible once it has n rows;
- it is above its average when its value exceeds the average by more than the
  panel's tie margin :data:`TIE`;
- it advanced (declined) when its value is above (below) its previous row's;
- it is at a high (low) when its value is the largest (smallest) of its last
  ``extreme`` rows, once it has that many.

``tests/test_breadth_rows.py`` checks every count against the panel's dense
arrays on random panels and on the real store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Ints = NDArray[np.int64]
    Floats = NDArray[np.float64]

__all__ = ["EXTREME", "SMAS", "TIE", "RowBreadth"]

#: The trailing averages and the high/low window of the member panel, in sessions
#: (rows). They are defined here, beside the row counts, so the facts need not
#: import the panel; :mod:`rotoscope.analytics.panel` takes them from here.
SMAS, EXTREME = (50, 200), 252

#: A close within this relative distance of its average counts as on it, not
#: above. Engines add a window's values in different orders, so an average that
#: equals the close in exact arithmetic can land a few units in the last place
#: either side of it; without the margin, breadth counts would depend on the engine.
TIE = 1e-12


class RowBreadth:
    """The breadth of a member panel, counted from its rows.

    Parameters
    ----------
    keys, dates, values
        One entry per row: the member (any integer key), the date
        (``datetime64[D]``) and its value (float64, no NaN), ordered by key and
        then date, as :meth:`rotoscope.store.Store.member_columns` reads them.
    smas
        The average windows, in rows.
    extreme
        The high/low window, in rows.

    Attributes
    ----------
    sessions
        Every date some member has a row on, ascending (``datetime64[D]``).
    members, advances, declines
        Per session: the members with a row that day, and those whose value
        rose or fell from their previous row (``int64``).
    eligible
        Per average window n, per session: the members with at least n rows by then.

    Raises
    ------
    ValueError
        When the arrays differ in length, a value is NaN, or the rows are not
        ordered by key and date (a member with two rows on one date included).
    """

    def __init__(self, keys: NDArray[np.integer], dates: NDArray[np.datetime64],
                 values: Floats, smas: tuple[int, ...], extreme: int) -> None:
        if not keys.shape == dates.shape == values.shape:
            raise ValueError(f"the member rows' columns differ in length: {keys.size} keys, "
                             f"{dates.size} dates, {values.size} values")
        if np.isnan(values).any():
            raise ValueError("the member rows hold a NaN value")
        same = keys[1:] == keys[:-1]
        if bool(np.any(keys[1:] < keys[:-1])) or bool(np.any(same & (dates[1:] <= dates[:-1]))):
            raise ValueError("the member rows are not ordered by member and date, each date "
                             "once per member")
        n_rows = values.size
        first = np.ones(n_rows, dtype=bool)
        first[1:] = ~same
        index = np.arange(n_rows)
        #: each row's position among its member's rows (0 for its first)
        self.position: Ints = index - np.maximum.accumulate(np.where(first, index, 0))
        self.values = values
        self.smas, self.extreme = smas, extreme
        # the sessions: each day some row holds, marked on the span of days (no sort)
        days = dates.astype(np.int64)
        first_day = int(days.min()) if n_rows else 0
        marked = np.zeros(int(days.max()) - first_day + 1 if n_rows else 0, dtype=bool)
        marked[days - first_day] = True
        self.sessions = (np.flatnonzero(marked) + first_day).astype("datetime64[D]")
        self.column: Ints = (np.cumsum(marked) - 1)[days - first_day]
        width = self.sessions.size
        self.members: Ints = np.bincount(self.column, minlength=width)
        later = ~first[1:]  # rows with a previous row of the same member
        rose = np.zeros(n_rows, dtype=bool)
        fell = np.zeros(n_rows, dtype=bool)
        rose[1:] = later & (values[1:] > values[:-1])
        fell[1:] = later & (values[1:] < values[:-1])
        self.advances: Ints = np.bincount(self.column[rose], minlength=width)
        self.declines: Ints = np.bincount(self.column[fell], minlength=width)
        self.eligible: dict[int, Ints] = {
            n: np.bincount(self.column[self.position >= n - 1], minlength=width) for n in smas}

    def _windows(self, rows: Ints, n: int) -> Floats:
        """Return the last ``n`` values up to each of ``rows`` (all with n rows), oldest first."""
        window: Floats = self.values[rows[:, None] + np.arange(1 - n, 1)[None, :]]
        return window

    def above(self, session: int, n: int) -> int:
        """Members above their ``n``-row average on session ``session`` (margin :data:`TIE`)."""
        rows = np.flatnonzero((self.column == session) & (self.position >= n - 1))
        window = self._windows(rows, n)
        mean = window.sum(axis=1) * ((1.0 + TIE) / n)
        return int(np.count_nonzero(self.values[rows] > mean))

    def at_extremes(self, session: int) -> tuple[int, int]:
        """Members at their ``extreme``-row high and at their low on session ``session``."""
        n = self.extreme
        rows = np.flatnonzero((self.column == session) & (self.position >= n - 1))
        window = self._windows(rows, n)
        value = self.values[rows]
        return (int(np.count_nonzero(value >= window.max(axis=1))),
                int(np.count_nonzero(value <= window.min(axis=1))))
