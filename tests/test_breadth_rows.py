"""The breadth facts counted on the member rows agree with the panel that defines them."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from pathlib import Path

import ibis
import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rotoscope
from _reference import draw_ragged_rows
from rotoscope.analytics import PointInTime, breadth, panel
from rotoscope.analytics._breadth import RowBreadth


@pytest.fixture(scope="module")
def rs(store_path: Path) -> Iterator[rotoscope.Rotoscope]:
    with rotoscope.open(store_path) as handle:
        yield handle


def _rows(frame: pl.DataFrame) -> RowBreadth:
    """The row breadth of a ``symbol, date, adj_close`` frame, with 2- and 5-row averages."""
    frame = frame.sort("symbol", "date")
    keys = frame["symbol"].rank("dense").cast(pl.Int64).to_numpy()
    return RowBreadth(keys, frame["date"].to_numpy().astype("datetime64[D]"),
                      frame["adj_close"].to_numpy(), (2, 5), 4)


def _counts(rows: RowBreadth) -> dict[str, list[int]]:
    """Every count of every session, as the panel's breadth frame names them."""
    sessions = range(rows.sessions.size)
    highs, lows = zip(*(rows.at_extremes(j) for j in sessions), strict=True)
    return {"members": rows.members.tolist(), "advances": rows.advances.tolist(),
            "declines": rows.declines.tolist(), "new_highs": list(highs), "new_lows": list(lows),
            **{f"eligible{n}": rows.eligible[n].tolist() for n in (2, 5)},
            **{f"above{n}": [rows.above(j, n) for j in sessions] for n in (2, 5)}}


def test_a_hand_worked_panel() -> None:
    # Three members over five days, 2- and 5-row averages, 4-row highs and lows:
    #   A: 10, 11, 12, 12, 13 (every day)
    #   B: 20, 19, -, 21, 18  (no row on day 3: its 4th row is day 5)
    #   C: 30, 30             (days 1 and 2 only)
    frame = pl.DataFrame({
        "symbol": ["A"] * 5 + ["B"] * 4 + ["C"] * 2,
        "date": [dt.date(2026, 1, d) for d in (5, 6, 7, 8, 9, 5, 6, 8, 9, 5, 6)],
        "adj_close": [10.0, 11, 12, 12, 13, 20, 19, 21, 18, 30, 30],
    })
    got = _counts(_rows(frame))
    assert got["members"] == [3, 3, 1, 2, 2]
    # day 2: A up, B down, C flat; day 4: A flat, B up (from 19, its previous row)
    assert got["advances"] == [0, 1, 1, 1, 1]
    assert got["declines"] == [0, 1, 0, 0, 1]
    # 2-row averages from each member's 2nd row: day 2 A 10.5 (11 above), B 19.5, C 30;
    # day 4 A 12 (on it, not above), B 20 (21 above); day 5 A 12.5, B 19.5 (18 below)
    assert got["eligible2"] == [0, 3, 1, 2, 2]
    assert got["above2"] == [0, 1, 1, 1, 1]
    # 4 rows: A on days 4 and 5 (max 12 then 13: both highs), B on day 5 (18: its low)
    assert got["new_highs"] == [0, 0, 0, 1, 1]
    assert got["new_lows"] == [0, 0, 0, 0, 1]
    assert got["eligible5"] == [0, 0, 0, 0, 1]
    assert got["above5"] == [0, 0, 0, 0, 1]  # A: 13 > (10 + 11 + 12 + 12 + 13) / 5 = 11.6


@st.composite
def _ragged_panels(draw: st.DrawFn) -> pl.DataFrame:
    """Up to 5 members over up to 30 days: late listings, early ends, holes, ties.

    Prices are small integers, so equal closes, closes on their average and
    repeated extremes are common.
    """
    _, rows = draw_ragged_rows(draw, 30)
    return pl.DataFrame(rows, schema={"symbol": pl.String, "date": pl.Date,
                                      "adj_close": pl.Float64}, orient="row")


@settings(max_examples=40, deadline=None)
@given(_ragged_panels())
def test_rows_count_what_the_window_expressions_define(frame: pl.DataFrame) -> None:
    con = ibis.duckdb.connect()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        table = con.create_table("m", frame)
    expected = panel.execute(panel.breadth(table, smas=(2, 5), extreme=4)).sort("date")
    rows = _rows(frame)
    assert rows.sessions.tolist() == expected["date"].to_list()
    for name, counts in _counts(rows).items():
        assert counts == expected[name].to_list(), name


def test_rows_refuse_disorder_and_nan() -> None:
    days = np.array(["2026-01-05", "2026-01-06"], dtype="datetime64[D]")
    with pytest.raises(ValueError, match="not ordered by member and date"):
        RowBreadth(np.array([0, 0]), days[::-1], np.array([1.0, 2.0]), (2,), 2)
    with pytest.raises(ValueError, match="not ordered by member and date"):
        RowBreadth(np.array([1, 0]), days, np.array([1.0, 2.0]), (2,), 2)
    with pytest.raises(ValueError, match="a NaN value"):
        RowBreadth(np.array([0, 0]), days, np.array([1.0, np.nan]), (2,), 2)
    with pytest.raises(ValueError, match="differ in length: 1 keys, 2 dates"):
        RowBreadth(np.array([0]), days, np.array([1.0, 2.0]), (2,), 2)


def test_the_last_session_of_the_member_file(rs: rotoscope.Rotoscope) -> None:
    # breadth/sp500_members_adjclose_2000_2026.csv.gz: its last row is 2026-07-31, with a
    # close for 497 members; against the row of 2026-07-30, 221 of them rose and 275 fell
    # (counted from the file's cells, members with both closes).
    day = dt.date(2026, 7, 31)
    rows = RowBreadth(*rs.store.member_columns(day, day - dt.timedelta(days=10)), (50,), 252)
    assert rows.sessions[-1] == np.datetime64(day)
    assert (rows.members[-1], rows.advances[-1], rows.declines[-1]) == (497, 221, 275)


def _facts_from_the_panel(rs: rotoscope.Rotoscope, day: dt.date) -> dict[str, object]:
    """The breadth facts' values as the panel's breadth frame gives them (the reference)."""
    frame = breadth.breadth_frame(PointInTime(rs.store, day)).filter(pl.col("eligible200") > 0)
    last = frame.row(-1, named=True)
    out: dict[str, object] = {"date": last["date"]}
    for n in (50, 200):
        out[f"pct_above_sma{n}"] = (float(last[f"pct_above{n}"]), last[f"above{n}"],
                                    last[f"eligible{n}"])
    for key in ("advances", "declines", "net_advances", "new_highs", "new_lows",
                "net_new_highs", "members"):
        out[key] = last[key]
    for n in (21, 63):
        tail = frame.tail(n)
        out[f"ad_line_change.{n}d"] = (int(tail["net_advances"].sum()), tail.height)
    return out


@pytest.mark.parametrize("day", ["2001-09-17", "2008-10-10", "2020-03-23", "2025-04-08",
                                 "2026-02-09", "2026-08-02"])
def test_breadth_facts_equal_the_panels_frame(rs: rotoscope.Rotoscope, day: str) -> None:
    as_of = dt.date.fromisoformat(day)
    facts = {f.id.split(".", 2)[2].rsplit("@", 1)[0]: f
             for f in breadth.breadth_facts(PointInTime(rs.store, as_of))}
    expected = _facts_from_the_panel(rs, as_of)
    assert facts["members"].params["date"] == expected.pop("date").isoformat()
    for key, value in expected.items():
        fact = facts[key]
        if key.startswith("pct_above"):
            assert (fact.value, fact.params["above"], fact.params["eligible"]) == value
        elif key.startswith("ad_line"):
            assert (fact.value, fact.params["sessions"]) == value
        else:
            assert fact.value == value, key
