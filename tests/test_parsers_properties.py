"""Hypothesis properties of the French parser, the strict CSV reader and the calendar."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotoscope.calendar import is_session, previous_session, sessions_between
from rotoscope.exceptions import MirrorFormatError
from rotoscope.store._csv import parse_dates, parse_numbers, read_text_frame
from rotoscope.store._french import parse_french

_values = st.one_of(
    st.none(),  # written as -99.99 or -999: missing
    st.decimals(min_value=-50, max_value=50, places=2).map(float),
)
_preamble = st.lists(
    st.text(alphabet="abcdefghij klmnop.;:()", min_size=0, max_size=60), max_size=6
).map(lambda lines: [ln for ln in lines if not ln.strip()[:1].isdigit()])


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.dates(min_value=dt.date(1926, 1, 1), max_value=dt.date(2030, 1, 1)),
    rows=st.lists(st.lists(_values, min_size=3, max_size=3), min_size=1, max_size=40),
    iso=st.booleans(),
    preamble=_preamble,
    marker=st.sampled_from(["-99.99", "-999"]),
    gz=st.booleans(),
)
def test_french_roundtrip(
    tmp_path: Path,
    start: dt.date,
    rows: list[list[float | None]],
    iso: bool,
    preamble: list[str],
    marker: str,
    gz: bool,
) -> None:
    dates = [start + dt.timedelta(days=i) for i in range(len(rows))]
    header = ("Date" if iso else "") + ",Mkt-RF,SMB,HML"
    body = [
        (d.isoformat() if iso else d.strftime("%Y%m%d"))
        + "".join("," + (marker if v is None else f"{v:8.2f}") for v in row)
        for d, row in zip(dates, rows, strict=True)
    ]
    trailer = ["", "  Annual Factors: January-December ", header, "2020, 1.0, 2.0, 3.0", "",
               "Copyright 2026 Eugene F. Fama and Kenneth R. French"]
    text = "\n".join([*preamble, "", header, *body, *trailer]) + "\n"
    path = tmp_path / ("x.csv.gz" if gz else "x.csv")
    path.write_bytes(gzip.compress(text.encode()) if gz else text.encode())
    section = parse_french(path)
    assert section.columns == ("Mkt-RF", "SMB", "HML")
    assert section.dates == dates  # the annual section after the blank line is not read
    assert section.values == rows


@given(text=st.text(max_size=300))
@settings(max_examples=200)
def test_french_parser_never_crashes(text: str) -> None:
    path = Path("fuzz.csv")
    try:
        section = parse_french(path, text.encode())
    except MirrorFormatError:
        return
    assert len(section.dates) == len(section.values) > 0


@given(
    cells=st.lists(
        st.one_of(st.just(""), st.floats(allow_nan=False, allow_infinity=False).map(repr)),
        min_size=1, max_size=30,
    )
)
@settings(max_examples=100)
def test_numbers_roundtrip_and_empty_stays_missing(cells: list[str]) -> None:
    body = "".join(f"2020-01-{(i % 28) + 1:02d},{c}\n" for i, c in enumerate(cells))
    data = ("date,v\n" + body).encode()
    frame = read_text_frame(Path("t.csv"), ("date", "v"), data)
    values = parse_numbers(Path("t.csv"), frame, "v").to_list()
    assert len(values) == len(cells)
    for cell, value in zip(cells, values, strict=True):
        assert value is None if cell == "" else value == float(cell)


@given(junk=st.text(alphabet="abcxyz!@#", min_size=1, max_size=5), at=st.integers(0, 9))
def test_bad_cell_reports_its_line(junk: str, at: int) -> None:
    lines = [f"2020-01-{i + 1:02d},{i}.5" for i in range(10)]
    lines[at] = f"2020-01-{at + 1:02d},{junk}"
    data = ("date,v\n" + "\n".join(lines) + "\n").encode()
    frame = read_text_frame(Path("t.csv"), ("date", "v"), data)
    parse_dates(Path("t.csv"), frame)
    with pytest.raises(MirrorFormatError) as info:
        parse_numbers(Path("t.csv"), frame, "v")
    assert (info.value.line, info.value.column) == (at + 2, "v")


@given(day=st.dates(min_value=dt.date(1928, 1, 1), max_value=dt.date(2026, 12, 31)))
def test_previous_session_is_the_last_session_on_or_before(day: dt.date) -> None:
    prev = previous_session(day)
    assert prev <= day
    assert is_session(prev)
    # No session strictly between prev and day.
    between = sessions_between(prev + dt.timedelta(days=1), day)
    assert between.size == 0
    assert is_session(day) == (prev == day)


def test_known_holidays_and_weekends() -> None:
    # 2026-01-19 Martin Luther King Jr. Day (Monday), 2026-02-16 Presidents' Day,
    # 2025-12-25 Christmas; 2026-01-24 is a Saturday.
    assert previous_session(dt.date(2026, 1, 19)) == dt.date(2026, 1, 16)
    assert previous_session(dt.date(2026, 2, 16)) == dt.date(2026, 2, 13)
    assert previous_session(dt.date(2025, 12, 25)) == dt.date(2025, 12, 24)
    assert previous_session(dt.date(2026, 1, 24)) == dt.date(2026, 1, 23)
    # January 2026 has 20 NYSE sessions (21 weekdays less MLK day; Jan 1 a holiday too):
    # weekdays Jan 1..30 = 22, minus Jan 1 and Jan 19 = 20.
    assert sessions_between(dt.date(2026, 1, 1), dt.date(2026, 1, 31)).size == 20
    assert isinstance(sessions_between(dt.date(2026, 1, 1), dt.date(2026, 1, 2))[0], np.datetime64)


def test_wide_to_long_drops_missing(tmp_path: Path) -> None:
    from rotoscope.store._mirror import MirrorFile, parse_file

    path = tmp_path / "fred.csv"
    path.write_text("date,A,B\n2026-01-02,1.5,\n2026-01-05,.,2\n")
    parsed = parse_file(MirrorFile(path, "macro/fred.csv", "macro"))
    assert parsed.frame.sort("series_id", "date").to_dicts() == [
        {"series_id": "A", "date": dt.date(2026, 1, 2), "value": 1.5},
        {"series_id": "B", "date": dt.date(2026, 1, 5), "value": 2.0},
    ]
    assert isinstance(parsed.frame, pl.DataFrame)


@given(st.dates(min_value=dt.date(1927, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_calendar_bounds_hold_the_day_and_meet_the_next_period(day: dt.date) -> None:
    from rotoscope.analytics.windows import calendar_bounds

    q = (day.month - 1) // 3 + 1
    for key in (f"month-{day:%Y-%m}", f"quarter-{day.year}-q{q}", f"year-{day.year}"):
        bounds = calendar_bounds(key)
        assert bounds is not None
        first, last = bounds
        assert first <= day <= last
        assert first.day == 1
        assert (last + dt.timedelta(days=1)).day == 1
    assert calendar_bounds("ytd") is None
    assert calendar_bounds(f"since-{day.isoformat()}") is None


@settings(max_examples=300)
@given(value=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
       unit=st.sampled_from(["pct", "pp", "level", "z"]))
def test_a_formatted_value_reads_back_and_never_shows_a_signed_zero(value: float,
                                                                   unit: str) -> None:
    """The note's one formatter: "-0.00" and "+0.00" never appear, and the text reads back.

    The figure written is the value rounded to two decimals (levels at the
    default precision, 2): reading it back lands within half a cent of it.
    """
    from rotoscope.facts import format_value

    text = format_value(value, unit)
    number = text.removesuffix("%").removesuffix(" pp").replace(",", "")
    assert abs(float(number) - value) <= 0.005 + 1e-9 * abs(value)
    if round(value, 2) == 0:
        assert number == "0.00"
    elif unit in ("pct", "pp"):
        assert number[0] == ("+" if value > 0 else "-")
