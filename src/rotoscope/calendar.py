"""The NYSE trading calendar (exchange_calendars ``XNYS``), as plain dates.

The calendar is built once per process and cached. It covers 1927-12-30 (the
first ^GSPC row) through the end of next year.
"""

from __future__ import annotations

import datetime as dt
import warnings
from functools import lru_cache

import numpy as np
import numpy.typing as npt

__all__ = ["CALENDAR_START", "is_session", "previous_session", "sessions", "sessions_between"]

CALENDAR_START = dt.date(1927, 12, 30)


@lru_cache(maxsize=1)
def _sessions_array() -> npt.NDArray[np.datetime64]:
    with warnings.catch_warnings():
        # exchange_calendars trips pandas deprecation warnings that are not ours.
        warnings.simplefilter("ignore")
        import exchange_calendars as xc

        end = dt.date(dt.date.today().year + 1, 12, 31)
        cal = xc.get_calendar("XNYS", start=CALENDAR_START.isoformat(), end=end.isoformat())
        days = cal.sessions.to_numpy().astype("datetime64[D]")
    return np.asarray(days)


def sessions() -> npt.NDArray[np.datetime64]:
    """Return every XNYS session date as ``datetime64[D]``, ascending."""
    return _sessions_array()


def sessions_between(start: dt.date, end: dt.date) -> npt.NDArray[np.datetime64]:
    """Return the XNYS sessions in ``[start, end]`` as ``datetime64[D]``."""
    days = _sessions_array()
    lo = np.searchsorted(days, np.datetime64(start, "D"), side="left")
    hi = np.searchsorted(days, np.datetime64(end, "D"), side="right")
    return days[lo:hi]


def is_session(day: dt.date) -> bool:
    """Return whether ``day`` is an XNYS session."""
    days = _sessions_array()
    i = int(np.searchsorted(days, np.datetime64(day, "D")))
    return i < len(days) and days[i] == np.datetime64(day, "D")


def previous_session(day: dt.date) -> dt.date:
    """Return ``day`` if it is a session, else the last session before it."""
    days = _sessions_array()
    i = int(np.searchsorted(days, np.datetime64(day, "D"), side="right")) - 1
    if i < 0:
        raise ValueError(f"{day} is before the calendar starts ({CALENDAR_START})")
    out: dt.date = days[i].astype(dt.date)
    return out
