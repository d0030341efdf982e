"""The NYSE trading calendar (exchange_calendars ``XNYS``), as plain dates.

The calendar covers 1927-12-30 (the first ^GSPC row) through the end of next
year. It is read from a table shipped in the package (:mod:`rotoscope._nyse`:
the weekdays the exchange was closed), so no process pays for building it with
exchange_calendars and pandas. The table is generated from exchange_calendars,
which stays the source of truth (a test compares the two over the whole range);
``python -m rotoscope.calendar`` writes it anew after an exchange_calendars
upgrade. A year past the table's end is built with exchange_calendars.
"""

from __future__ import annotations

import datetime as dt
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

__all__ = ["CALENDAR_START", "is_session", "previous_session", "sessions", "sessions_between"]

CALENDAR_START = dt.date(1927, 12, 30)

#: The last day the shipped table covers when generated anew.
TABLE_END = dt.date(2045, 12, 31)


def _calendar_end() -> dt.date:
    """Return the last day of the calendar: the end of next year."""
    return dt.date(dt.date.today().year + 1, 12, 31)


@lru_cache(maxsize=1)
def _sessions_array() -> npt.NDArray[np.datetime64]:
    end = _calendar_end()
    from rotoscope import _nyse

    if end > dt.date.fromisoformat(_nyse.LAST):
        return exchange_sessions(CALENDAR_START, end)
    days = table_sessions(_nyse.FIRST, _nyse.LAST, _nyse.CLOSED, _nyse.OPEN)
    return days[: np.searchsorted(days, np.datetime64(end, "D"), side="right")]


def table_sessions(first: str, last: str, closed: str, opened: str) -> npt.NDArray[np.datetime64]:
    """Return the sessions a table describes: weekdays not closed, plus weekend sessions.

    Parameters
    ----------
    first, last
        The table's first and last day, ISO dates, inclusive.
    closed
        The weekdays without a session (holidays, closures), ISO dates separated
        by white space.
    opened
        The Saturdays and Sundays with a session, in the same form.

    Returns
    -------
    numpy.ndarray
        ``datetime64[D]``, ascending.
    """
    days = np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1,
                     dtype="datetime64[D]")
    shut = np.array(closed.split(), dtype="datetime64[D]")
    open_weekend = np.array(opened.split(), dtype="datetime64[D]")
    mask = np.is_busday(days, holidays=shut) | np.isin(days, open_weekend)
    return days[mask]


def exchange_sessions(start: dt.date, end: dt.date) -> npt.NDArray[np.datetime64]:
    """Return the XNYS sessions in ``[start, end]`` built by exchange_calendars.

    This is the source the shipped table is generated from and checked against;
    it takes about half a second (pandas and exchange_calendars are imported).
    """
    with warnings.catch_warnings():
        # exchange_calendars trips pandas deprecation warnings that are not ours.
        warnings.simplefilter("ignore")
        import exchange_calendars as xc

        cal = xc.get_calendar("XNYS", start=start.isoformat(), end=end.isoformat())
        days = cal.sessions.to_numpy().astype("datetime64[D]")
    return np.asarray(days)


def table_source(start: dt.date = CALENDAR_START, end: dt.date = TABLE_END) -> str:
    """Return the text of :mod:`rotoscope._nyse` for ``[start, end]``, from exchange_calendars."""
    import exchange_calendars as xc

    days = exchange_sessions(start, end)
    span = np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1,
                     dtype="datetime64[D]")
    weekdays = span[np.is_busday(span)]
    closed = np.setdiff1d(weekdays, days)
    opened = np.setdiff1d(days, weekdays)

    def block(values: npt.NDArray[np.datetime64]) -> str:
        text = [str(d) for d in values]
        lines = [" ".join(text[i:i + 8]) for i in range(0, len(text), 8)]
        return "\n".join(lines) + ("\n" if lines else "")

    return (
        f'"""NYSE (XNYS) sessions {start} to {end}: every weekday except those in ``CLOSED``.\n'
        "\n"
        "Generated from exchange_calendars by ``python -m rotoscope.calendar``; do not edit\n"
        "by hand. ``tests/test_calendar.py`` checks it against exchange_calendars.\n"
        '"""\n'
        "\n"
        "#: The exchange_calendars version the table was generated with.\n"
        f'SOURCE = "exchange_calendars {xc.__version__}"\n'
        f'FIRST = "{start}"\n'
        f'LAST = "{end}"\n'
        f"#: Weekdays without a session ({len(closed)}).\n"
        f'CLOSED = """\n{block(closed)}"""\n'
        f"#: Saturdays and Sundays with a session ({len(opened)}).\n"
        f'OPEN = """\n{block(opened)}"""\n'
    )


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


if __name__ == "__main__":
    target = Path(__file__).with_name("_nyse.py")
    target.write_text(table_source(), encoding="utf-8")
    print(f"wrote {target}")
