"""The prose vocabulary: quantities, subjects, datelines and periods."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotoscope.language import (
    SubjectMatcher,
    find_dateline,
    find_dates,
    find_periods,
    find_quantities,
    parse_date,
)
from rotoscope.universe import load_universe

MATCHER = SubjectMatcher(load_universe())
AS_OF = dt.date(2026, 2, 10)


@pytest.mark.parametrize(("text", "expected"), [
    ("an impressive 8.2% year-to-date return", [(8.2, "pct", "exact")]),
    ("slipped -1.03% in the prior session", [(-1.03, "pct", "exact")]),
    ("outperformance of nearly 3 percentage points", [(3.0, "pp", "nearly")]),
    ("six percentage points", [(6.0, "pp", "exact")]),
    ("a remarkable 15-session winning streak", [(15.0, "sessions", "exact")]),
    ("nine consecutive sessions", [(9.0, "sessions", "exact")]),
    ("The weekly range of approximately $17", [(17.0, "usd", "approximately")]),
    ("closed at 6,940.01", [(6940.01, "level", "exact")]),
    ("more than 35 years", [(35.0, "years", "more_than")]),
    ("happened only eight times since 1928", [(8.0, "times", "exact")]),
    ("VTV gaining over 3% while QQQ fell 1.8 percent", [(3.0, "pct", "more_than"),
                                                       (1.8, "pct", "exact")]),
    ("on January 23, 2026 [4]", []),
    ("on 2026-02-09 it closed", []),
    ("since May 1996", []),
    ("one of the best", []),
])
def test_quantities(text: str, expected: list[tuple[float, str, str]]) -> None:
    got = [(q.value, q.unit, q.qualifier) for q in find_quantities(text)]
    assert got == expected


def test_quantity_decimals_and_spans() -> None:
    text = "IWM rose 1.25% and 3 sessions later"
    qs = find_quantities(text)
    assert [q.decimals for q in qs] == [2, 0]
    assert [text[q.span[0]:q.span[1]] for q in qs] == ["1.25%", "3 sessions"]


def test_numbers_inside_subject_names_are_not_quantities() -> None:
    text = "The Russell 2000 beat the S&P 500 by 2.1 percentage points."
    skip = [m.span for m in MATCHER.find(text)]
    assert [(q.value, q.unit) for q in find_quantities(text, skip)] == [(2.1, "pp")]


@given(st.text(max_size=400))
@settings(max_examples=300)
def test_quantity_parser_never_crashes_and_spans_hold(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.span[0] < q.span[1] <= len(text)
        assert text[q.span[0]:q.span[1]] == q.text


@pytest.mark.parametrize(("text", "symbol"), [
    ("Small caps led", "^RUT"),
    ("the Russell 2000 rose", "^RUT"),
    ("Consumer Defensive lagged", "XLP"),
    ("Consumer Staples lagged", "XLP"),
    ("Basic Materials led", "XLB"),
    ("Financial Services fell", "XLF"),
    ("Information Technology fell", "XLK"),
    ("the Nasdaq Composite", "^IXIC"),
    ("SPY and", "SPY"),
])
def test_subjects(text: str, symbol: str) -> None:
    assert next(m.symbol for m in MATCHER.find(text)) == symbol


def test_subjects_respect_word_boundaries() -> None:
    assert MATCHER.find("a dowry and spyware") == []


@given(st.text(max_size=300))
@settings(max_examples=200)
def test_subject_spans_lie_within_the_text(text: str) -> None:
    for m in MATCHER.find(text):
        assert 0 <= m.span[0] < m.span[1] <= len(text)
        assert text[m.span[0]:m.span[1]].lower() == m.alias.lower()


def test_datelines_of_the_example_notes(mirror: Path) -> None:
    notes = mirror.parent / "example-reports"
    first = (notes / "2026-01-24-small-cap-resurgence.txt").read_text()
    second = (notes / "2026-02-10-value-rotation-and-small-cap-leadership.txt").read_text()
    assert find_dateline(first).date == dt.date(2026, 1, 24)  # type: ignore[union-attr]
    # "published February 9, 2026" deep in the body dates a cited source, not the note
    assert find_dateline(second).date == dt.date(2026, 2, 10)  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "day"), [
    ("January 23, 2026 | Market Analysis Report", dt.date(2026, 1, 23)),
    ("Some text\n\npublished on February 16, 2026", dt.date(2026, 2, 16)),
    ("Updated: Feb. 16, 2026 — markets", dt.date(2026, 2, 16)),
    ("as of 2026-02-09", dt.date(2026, 2, 9)),
])
def test_datelines(text: str, day: dt.date) -> None:
    found = find_dateline(text)
    assert found is not None
    assert found.date == day
    assert text[found.span[0]:found.span[1]].lower().startswith(("jan", "feb", "2026"))


def test_no_dateline() -> None:
    assert find_dateline("Small caps rallied.") is None
    assert parse_date("February 30, 2026") is None


@pytest.mark.parametrize(("phrase", "window"), [
    ("year-to-date", "ytd"),
    ("YTD", "ytd"),
    ("this week", "wtd"),
    ("during the week", "wtd"),
    ("the prior session", "1d"),
    ("today's market", "1d"),
    ("over the past 30 trading days", "30d"),
    ("the last five sessions", "5d"),
    ("5-day", "5d"),
    ("in January", "month-2026-01"),
    ("in March", "month-2025-03"),
    ("in December 2025", "month-2025-12"),
    ("since the April 8, 2025 bottom", "low-2025-04-01-2025-04-15"),
    ("since January 2, 2026", "since-2026-01-02"),
    ("since early 2021", "since-2020-12-31"),
    ("month-to-date", "mtd"),
    ("over the past year", "1y"),
    ("in Q4 2025", "quarter-2025-q4"),
])
def test_periods(phrase: str, window: str) -> None:
    found = find_periods(f"Stocks rose {phrase}.", AS_OF)
    assert [p.window for p in found] == [window]


@given(st.text(max_size=300))
@settings(max_examples=200)
def test_period_parser_never_crashes_and_spans_hold(text: str) -> None:
    for p in find_periods(text, AS_OF):
        assert 0 <= p.span[0] < p.span[1] <= len(text)
        assert text[p.span[0]:p.span[1]] == p.phrase


def test_ticker_in_parentheses_decides_the_subject() -> None:
    # "Value ETF" alone is an alias of IWD in the universe file; the ticker says VTV
    matcher = MATCHER
    text = "the Value ETF (VTV) rose while the Nasdaq ETF (QQQ) and Growth ETF (VUG) fell"
    found = [(m.symbol, text[m.span[0]:m.span[1]], m.ticker) for m in matcher.find(text)]
    assert found == [("VTV", "Value ETF (VTV)", True), ("QQQ", "the Nasdaq ETF (QQQ)", True),
                     ("VUG", "Growth ETF (VUG)", True)]
    # an unknown ticker leaves the name to the aliases
    assert [m.symbol for m in matcher.find("Value ETF (ZZZZ)")] == ["IWD"]


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
       st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
       st.sampled_from(["on {}", "{}'s session", "{}", "rose 1% on {}, and"]))
def test_a_weekday_is_the_latest_such_day_on_or_before_the_date(
        as_of: dt.date, name: str, phrase: str) -> None:
    text = phrase.format(name)
    found = find_dates(text, as_of)
    assert len(found) == 1
    day = found[0].date
    assert day.strftime("%A") == name
    assert as_of - dt.timedelta(days=6) <= day <= as_of
    assert text[found[0].span[0]:found[0].span[1]].startswith(name)
    assert not found[0].has_year


def test_weekdays_that_are_not_dates() -> None:
    as_of = dt.date(2026, 2, 10)
    assert find_dates("the crash of Black Monday", as_of) == []
    # "Friday, February 6" is one date, named by its month and day
    found = find_dates("on Friday, February 6, stocks rose", as_of)
    assert [d.date for d in found] == [dt.date(2026, 2, 6)]
    assert find_dates("Monday", as_of, weekdays=False) == []
