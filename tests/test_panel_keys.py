"""The panel on the store's integer symbol keys: SQL only, the same frames as the windows."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from pathlib import Path

import ibis
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import rotoscope
from rotoscope.analytics import panel
from rotoscope.analytics.panel import _arrays


@pytest.fixture(scope="module")
def rs(store_path: Path) -> Iterator[rotoscope.Rotoscope]:
    with rotoscope.open(store_path) as handle:
        yield handle


def _window_tables(rs: rotoscope.Rotoscope) -> tuple[ibis.Table, ibis.Table]:
    backend = panel.backend_for(rs.store.con)
    members = panel.table(backend, "member_prices").select("symbol", "date", "adj_close")
    prices = panel.table(backend, "prices")
    return members, prices.filter(prices.symbol == "SPY").select("date", "adj_close")


def test_store_keys_number_the_members_in_sort_order(rs: rotoscope.Rotoscope) -> None:
    # The member file of the mirror has 497 tickers (the panel tests read it with the
    # csv module); the keys are 0..496 in the tickers' sort order, and every row's key
    # names its own symbol.
    con = rs.store.con
    keys = con.execute("SELECT sid, symbol FROM member_symbols ORDER BY sid").fetchall()
    assert [k for k, _ in keys] == list(range(497))
    symbols = [s for _, s in keys]
    assert symbols == sorted(symbols)
    assert symbols == [r[0] for r in con.execute(
        "SELECT DISTINCT symbol FROM member_prices ORDER BY symbol").fetchall()]
    wrong = con.execute("SELECT count(*) FROM member_prices AS p JOIN member_symbols AS k "
                        "USING (sid) WHERE p.symbol <> k.symbol").fetchall()[0][0]
    assert wrong == 0


def test_member_panel_on_keys_equals_the_window_expressions(rs: rotoscope.Rotoscope) -> None:
    # As of 2026-02-09, 495 of the 497 members have a close (two listed later): the
    # two keys without rows get no snapshot row.
    day = dt.date(2026, 2, 9)
    members, bench = _window_tables(rs)
    keyed = rs.panel(day)
    windows = panel.compute(members, bench, day, method="windows")
    assert keyed.snapshot.height == 495
    assert_frame_equal(keyed.snapshot, windows.snapshot, rel_tol=1e-12, abs_tol=1e-12)
    assert_frame_equal(keyed.breadth, windows.breadth, rel_tol=1e-12, abs_tol=1e-12)


def test_member_breadth_equals_the_window_expressions(rs: rotoscope.Rotoscope) -> None:
    # The breadth facts' rows: 420 calendar days up to 2026-02-09.
    day, since = dt.date(2026, 2, 9), dt.date(2024, 12, 16)
    members, _ = _window_tables(rs)
    windows = panel.daily_breadth(panel.as_of(members, day, since=since), method="windows")
    keyed = panel.member_breadth(rs.store, day, since)
    assert keyed["date"].min() == dt.date(2024, 12, 16)       # a Monday session
    assert keyed["date"].max() == day
    assert_frame_equal(keyed, windows.sort("date"), rel_tol=1e-12, abs_tol=1e-12)


@st.composite
def _keyed_panels(draw: st.DrawFn) -> tuple[list[str], list[tuple[int, dt.date, float]]]:
    """Up to 4 symbols over up to 30 days, keyed by their place in a list of names.

    The names come in any order and include names without rows; rows are in any
    order, with holes; prices are small integers, so ties are common.
    """
    days = [dt.date(2025, 12, 1) + dt.timedelta(days=i) for i in range(draw(st.integers(1, 30)))]
    symbols = [f"S{k}" for k in range(draw(st.integers(1, 4)))]
    names = draw(st.permutations(symbols + [f"X{k}" for k in range(draw(st.integers(0, 3)))]))
    rows = []
    for sym in symbols:
        held = draw(st.lists(st.booleans(), min_size=len(days), max_size=len(days)))
        prices = draw(st.lists(st.integers(1, 6), min_size=len(days), max_size=len(days)))
        rows += [(names.index(sym), d, float(p))
                 for d, h, p in zip(days, held, prices, strict=True) if h]
    if not rows:
        rows = [(names.index(symbols[0]), days[0], 1.0)]
    return names, draw(st.permutations(rows))


@settings(max_examples=40, deadline=None)
@given(_keyed_panels())
def test_keyed_rows_match_the_window_expressions(
        case: tuple[list[str], list[tuple[int, dt.date, float]]]) -> None:
    names, rows = case
    keyed = pa.table({"sid": pa.array([r[0] for r in rows], pa.int32()),
                      "date": pa.array([r[1] for r in rows], pa.date32()),
                      "v": pa.array([r[2] for r in rows], pa.float64())})
    long = pa.table({"symbol": [names[r[0]] for r in rows], "date": keyed["date"],
                     "adj_close": keyed["v"]})
    con = ibis.duckdb.connect()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        t = con.create_table("m", long)
    frames = _arrays.panel_arrays(names, keyed, None, (1, 3), (2, 5), 4, 3, None)
    assert frames is not None
    snap = panel.execute(panel.snapshot(t, sessions=(1, 3), smas=(2, 5), extreme=4, rs_ma=3))
    breadth = panel.execute(panel.breadth(t, smas=(2, 5), extreme=4))
    assert frames[0]["symbol"].to_list() == sorted({names[r[0]] for r in rows})
    assert_frame_equal(frames[0], snap, rel_tol=1e-12, abs_tol=1e-12)
    assert_frame_equal(frames[1], breadth, rel_tol=1e-12, abs_tol=1e-12)


def test_keyed_rows_of_a_wrong_type_or_with_nulls_are_refused() -> None:
    day = pa.array([dt.date(2026, 1, 5)], pa.date32())
    nulls = pa.table({"sid": pa.array([0], pa.int32()), "date": day,
                      "v": pa.array([None], pa.float64())})
    with pytest.raises(ValueError, match=r"the panel's value column has 1 null\(s\)"):
        _arrays.panel_arrays(["A"], nulls, None, (1,), (2,), 2, 2, None)
    text = pa.table({"sid": pa.array(["A"]), "date": day, "v": pa.array([1.0])})
    with pytest.raises(ValueError, match="the panel's symbol key column is string"):
        _arrays.panel_arrays(["A"], text, None, (1,), (2,), 2, 2, None)


def test_days_before_1970_are_placed_on_the_calendar() -> None:
    # Epoch days -2, -1, 0, 1 (1969-12-30 .. 1970-01-02). A: 1, 2, 3, 4 on all four;
    # B: 10, 5 on the last two. ret_1: A 4 / 3 - 1 = 33.33...%, B 5 / 10 - 1 = -50%.
    # Breadth: members 1, 1, 2, 2; advances 0, 1 (A), 1 (A), 1 (A); declines 0, 0, 0, 1 (B).
    days = [dt.date(1969, 12, 30), dt.date(1969, 12, 31), dt.date(1970, 1, 1),
            dt.date(1970, 1, 2)]
    rows = pa.table({"sid": pa.array([0] * 4 + [1] * 2, pa.int32()),
                     "date": pa.array(days + days[2:], pa.date32()),
                     "v": pa.array([1.0, 2.0, 3.0, 4.0, 10.0, 5.0])})
    frames = _arrays.panel_arrays(["A", "B"], rows, None, (1,), (2,), 2, 2, None)
    assert frames is not None
    snap, breadth = frames
    assert snap["date"].to_list() == [dt.date(1970, 1, 2)] * 2
    assert snap["ret_1"].to_list() == pytest.approx([100 / 3, -50.0])
    assert breadth["date"].to_list() == days
    assert breadth["members"].to_list() == [1, 1, 2, 2]
    assert breadth["advances"].to_list() == [0, 1, 1, 1]
    assert breadth["declines"].to_list() == [0, 0, 0, 1]
