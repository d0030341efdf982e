"""The NYSE calendar shipped as a table, against exchange_calendars, its source of truth.

exchange_calendars is called directly here (``xc.get_calendar("XNYS")``), never
through :mod:`rotoscope.calendar`, so the table is checked against the library
it was generated from and not against itself.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rotoscope import _nyse
from rotoscope import calendar as cal
from rotoscope.calendar import (
    CALENDAR_START,
    is_session,
    previous_session,
    sessions,
    sessions_between,
)

TABLE_FIRST = dt.date.fromisoformat(_nyse.FIRST)
TABLE_LAST = dt.date.fromisoformat(_nyse.LAST)
END_OF_NEXT_YEAR = dt.date(dt.date.today().year + 1, 12, 31)


@lru_cache(maxsize=4)
def xnys(start: dt.date, end: dt.date) -> npt.NDArray[np.datetime64]:
    """The XNYS sessions in ``[start, end]`` straight from exchange_calendars."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas deprecations inside exchange_calendars
        import exchange_calendars as xc

        days = xc.get_calendar("XNYS", start=start.isoformat(), end=end.isoformat()).sessions
        return np.asarray(days.to_numpy().astype("datetime64[D]"))


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    """Forget the calendar built so far, before and after the test."""
    cal._sessions_array.cache_clear()
    yield
    cal._sessions_array.cache_clear()


def test_the_table_is_exchange_calendars_over_its_whole_range() -> None:
    expected = xnys(TABLE_FIRST, TABLE_LAST)
    table = cal.table_sessions(_nyse.FIRST, _nyse.LAST, _nyse.CLOSED, _nyse.OPEN)
    assert TABLE_FIRST == CALENDAR_START
    assert table.dtype == np.dtype("datetime64[D]")
    assert np.array_equal(table, expected)


def test_the_public_functions_give_what_exchange_calendars_gives(fresh_cache: None) -> None:
    # The calendar runs from 1927-12-30 through the end of next year, as when it was
    # built by exchange_calendars in every process.
    expected = xnys(CALENDAR_START, END_OF_NEXT_YEAR)
    assert np.array_equal(sessions(), expected)
    assert sessions()[-1] <= np.datetime64(END_OF_NEXT_YEAR, "D")
    assert np.array_equal(sessions_between(dt.date(2001, 9, 1), dt.date(2001, 9, 30)),
                          expected[(expected >= np.datetime64("2001-09-01"))
                                   & (expected <= np.datetime64("2001-09-30"))])


def test_known_closures_and_session_counts() -> None:
    # After the attacks of 2001-09-11 the exchange stayed shut through Friday the 14th
    # and reopened on Monday 2001-09-17.
    for day in (11, 12, 13, 14):
        assert not is_session(dt.date(2001, 9, day))
    assert is_session(dt.date(2001, 9, 10))
    assert is_session(dt.date(2001, 9, 17))
    assert previous_session(dt.date(2001, 9, 16)) == dt.date(2001, 9, 10)
    # Hurricane Sandy closed it on Monday 2012-10-29 and Tuesday 2012-10-30.
    assert not is_session(dt.date(2012, 10, 29))
    assert not is_session(dt.date(2012, 10, 30))
    # Days of mourning: George H. W. Bush (2018-12-05), Jimmy Carter (2025-01-09).
    assert not is_session(dt.date(2018, 12, 5))
    assert not is_session(dt.date(2025, 1, 9))
    # Juneteenth became an exchange holiday in 2022 (observed Monday June 20, the 19th
    # a Sunday); in 2021 Friday June 18 was still a session.
    assert not is_session(dt.date(2022, 6, 20))
    assert is_session(dt.date(2021, 6, 18))
    # The 1933 bank holiday: shut from Monday March 6 to Tuesday March 14.
    assert sessions_between(dt.date(1933, 3, 6), dt.date(1933, 3, 14)).size == 0
    # Sessions per year: 2022 has 260 weekdays less 9 holidays = 251; 2023 260 less 10 =
    # 250; 2024 262 weekdays less 10 holidays = 252.
    assert sessions_between(dt.date(2022, 1, 1), dt.date(2022, 12, 31)).size == 251
    assert sessions_between(dt.date(2023, 1, 1), dt.date(2023, 12, 31)).size == 250
    assert sessions_between(dt.date(2024, 1, 1), dt.date(2024, 12, 31)).size == 252
    assert sessions()[0] == np.datetime64("1927-12-30")
    with pytest.raises(ValueError, match="before the calendar starts"):
        previous_session(dt.date(1927, 12, 29))


def test_the_generator_writes_the_shipped_table() -> None:
    # ``python -m rotoscope.calendar`` writes this text; run now, it must give the same
    # table (a difference means exchange_calendars changed: write the table anew).
    generated: dict[str, object] = {}
    exec(cal.table_source(TABLE_FIRST, TABLE_LAST), generated)
    for name in ("FIRST", "LAST", "CLOSED", "OPEN"):
        assert generated[name] == getattr(_nyse, name), name
    assert str(generated["SOURCE"]).startswith("exchange_calendars ")


def test_a_calendar_past_the_table_is_built_with_exchange_calendars(
        monkeypatch: pytest.MonkeyPatch, fresh_cache: None) -> None:
    later = dt.date(TABLE_LAST.year + 1, 12, 31)
    monkeypatch.setattr(cal, "_calendar_end", lambda: later)
    days = sessions()
    assert np.array_equal(days, xnys(CALENDAR_START, later))
    # past the table: the year after its last day has sessions, Mon..Fri less holidays
    assert days[-1] > np.datetime64(TABLE_LAST, "D")


@given(st.dates(min_value=CALENDAR_START, max_value=END_OF_NEXT_YEAR))
def test_each_day_is_a_session_exactly_when_exchange_calendars_says(day: dt.date) -> None:
    expected = xnys(CALENDAR_START, END_OF_NEXT_YEAR)
    d = np.datetime64(day, "D")
    assert is_session(day) == bool(np.isin(d, expected))
    assert previous_session(day) == expected[expected <= d][-1].astype(dt.date)
