"""The panel: the Ibis expressions and the dense-array path that computes them on
DuckDB, on hand-worked panels, random panels (the two must agree), the real member
panel, and the Ibis/sqlglot/DuckDB combination the project pins."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import ibis
import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import rotoscope
from _reference import draw_ragged_rows
from rotoscope.analytics import PointInTime, panel, window_return
from rotoscope.analytics.panel import _arrays, _compute, _windows
from rotoscope.analytics.relative import relative_strength
from rotoscope.analytics.synthetic import synthetic_panel
from rotoscope.calendar import is_session
from rotoscope.exceptions import DateOutOfRangeError, RotoscopeError, UnknownSymbolError


@pytest.fixture(scope="module")
def rs(store_path: Path) -> Iterator[rotoscope.Rotoscope]:
    with rotoscope.open(store_path) as handle:
        yield handle


def _memory_backend(frame: pl.DataFrame) -> ibis.Table:
    con = ibis.duckdb.connect()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        return con.create_table("prices", frame)


def test_pinned_ibis_and_sqlglot_create_table_and_run_windows() -> None:
    # ibis 12 with sqlglot 30.18+ fails here with a DuckDB ParserException (checked
    # on 30.18 and 30.19; 30.10..30.17 pass): this test breaks if the pin in
    # pyproject.toml is lifted.
    frame = pl.DataFrame({
        "symbol": ["A"] * 4,
        "date": [dt.date(2026, 1, d) for d in (5, 6, 7, 8)],
        "adj_close": [10.0, 11.0, 12.0, 9.0],
    })
    t = _memory_backend(frame)
    out = panel.execute(panel.with_indicators(t, smas=(2,), extreme=3).order_by("date"))
    # sma2: -, 10.5, 11.5, 10.5; hi3 on the last row: max(11, 12, 9) = 12
    assert out["sma2"].to_list()[1:] == [10.5, 11.5, 10.5]
    assert out["hi3"].to_list()[-1] == 12.0
    assert out["ret"].to_list()[-1] == pytest.approx(9 / 12 - 1)


def _breadth_by(method: str, t: ibis.Table, smas: tuple[int, ...],
                extreme: int) -> pl.DataFrame:
    """Breadth from the window expressions or from the dense arrays."""
    if method == "windows":
        return panel.execute(panel.breadth(t, smas=smas, extreme=extreme))
    frames = _compute.dense_frames(t, None, "adj_close", (1,), smas, extreme, 2, None)
    assert frames is not None
    return frames[1]


def _snapshot_by(method: str, m: ibis.Table, b: ibis.Table | None, **params: Any) -> pl.DataFrame:
    """A snapshot from the window expressions or from the dense arrays."""
    if method == "windows":
        return panel.execute(panel.snapshot(m, b, **params))
    frames = _compute.dense_frames(
        m, b, "adj_close", params["sessions"], params["smas"], params["extreme"],
        params["rs_ma"], params.get("year_start"))
    assert frames is not None
    return frames[0]


METHODS = pytest.mark.parametrize("method", ["windows", "arrays"])


@METHODS
def test_breadth_of_a_hand_worked_panel(method: str) -> None:
    # Three symbols over three days; with 2-day averages and 2-day extremes.
    #   day 1: A 10, B 20, C 30
    #   day 2: A 11, B 19, C 30   -> adv 1 (A), dec 1 (B); above sma2: A (11 > 10.5)
    #                                -> new 2-day highs: A, C (30 >= 30); lows: B, C
    #   day 3: A 12, B 21           (C missing) -> adv 2; members 2
    frame = pl.DataFrame({
        "symbol": ["A", "B", "C", "A", "B", "C", "A", "B"],
        "date": [dt.date(2026, 1, d) for d in (5, 5, 5, 6, 6, 6, 7, 7)],
        "adj_close": [10.0, 20.0, 30.0, 11.0, 19.0, 30.0, 12.0, 21.0],
    })
    t = _memory_backend(frame)
    b = _breadth_by(method, t, smas=(2,), extreme=2).sort("date")
    day2, day3 = b.row(1, named=True), b.row(2, named=True)
    assert (day2["members"], day2["advances"], day2["declines"]) == (3, 1, 1)
    assert (day2["above2"], day2["eligible2"]) == (1, 3)
    assert (day2["new_highs"], day2["new_lows"]) == (2, 2)
    assert day2["pct_above2"] == pytest.approx(100 / 3)
    assert (day3["members"], day3["advances"], day3["declines"]) == (2, 2, 0)
    assert day3["net_advances"] == 2


def test_as_of_filter_reads_nothing_later() -> None:
    frame = pl.DataFrame({"symbol": ["A", "A", "A"],
                          "date": [dt.date(2026, 1, d) for d in (5, 6, 7)],
                          "adj_close": [1.0, 2.0, 100.0]})
    t = _memory_backend(frame)
    out = panel.execute(panel.window_returns(panel.as_of(t, dt.date(2026, 1, 6)), (1,)))
    assert out.row(0, named=True)["ret_1"] == pytest.approx(100.0)  # 2 / 1 - 1


def test_panel_window_returns_match_per_series(rs: rotoscope.Rotoscope) -> None:
    as_of = dt.date(2026, 2, 9)
    backend = panel.backend_for(rs.store.con)
    prices = panel.as_of(panel.table(backend, "prices"), as_of)
    wr = panel.execute(panel.window_returns(prices, (1, 5, 21))).filter(
        pl.col("symbol").is_in(["SPY", "^RUT", "XLE"]))
    pit = PointInTime(rs.store, as_of)
    for row in wr.iter_rows(named=True):
        for n in (1, 5, 21):
            ref = window_return(pit, row["symbol"], f"{n}d", "adj_close").value
            assert row[f"ret_{n}"] == pytest.approx(ref, abs=1e-9)


def test_panel_relative_strength_matches_per_pair(rs: rotoscope.Rotoscope) -> None:
    as_of = dt.date(2026, 2, 9)
    backend = panel.backend_for(rs.store.con)
    prices = panel.as_of(panel.table(backend, "prices"), as_of)
    rel = panel.execute(panel.relative_to(prices, "SPY")).filter(
        pl.col("symbol") == "XLK").sort("date")
    last = rel.row(-1, named=True)
    facts = {f.kind: f.value for f in relative_strength(PointInTime(rs.store, as_of), "XLK", "SPY")}
    assert last["date"] == as_of
    assert last["ratio"] == pytest.approx(facts["rs.ratio"])
    assert last["ratio_sma50"] == pytest.approx(facts["rs.sma50"])
    assert last["distance"] == pytest.approx(facts["rs.distance_sma50"])


# --- the snapshot: one row per symbol --------------------------------------------

D = [dt.date(2025, 12, 29), dt.date(2025, 12, 30), dt.date(2025, 12, 31),
     dt.date(2026, 1, 2), dt.date(2026, 1, 5)]


def _tables(members: pl.DataFrame, bench: pl.DataFrame) -> tuple[ibis.Table, ibis.Table]:
    con = ibis.duckdb.connect()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        return con.create_table("m", members), con.create_table("b", bench)


@METHODS
def test_snapshot_of_a_hand_worked_panel(method: str) -> None:
    # Benchmark: 100, 101, 100, 102, 103 on D[0..4].
    # A: 10, 11, 10.5, 11.5, 12 (all five days).
    # C: listed on D[2]: 20, 19, 19.
    # T: 50.5 on D[1], 50, 51, 51.5 tracks the benchmark exactly from D[2] on (ratio 0.5).
    members = pl.DataFrame({
        "symbol": ["A"] * 5 + ["C"] * 3 + ["T"] * 4,
        "date": D + D[2:] + D[1:],
        "adj_close": [10.0, 11.0, 10.5, 11.5, 12.0, 20.0, 19.0, 19.0, 50.5, 50.0, 51.0, 51.5],
    })
    bench = pl.DataFrame({"date": D, "adj_close": [100.0, 101.0, 100.0, 102.0, 103.0]})
    m, b = _tables(members, bench)
    snap = _snapshot_by(method, m, b, sessions=(1, 3), smas=(2,), extreme=3, rs_ma=2,
                        year_start=dt.date(2026, 1, 1))
    a, c, t = (snap.row(i, named=True) for i in range(3))
    assert [a["symbol"], c["symbol"], t["symbol"]] == ["A", "C", "T"]
    assert (a["date"], a["sessions"], a["last"]) == (D[4], 5, 12.0)
    assert a["ret_1"] == pytest.approx((12 / 11.5 - 1) * 100)       # 4.348%
    assert a["ret_3"] == pytest.approx((12 / 11 - 1) * 100)         # from D[1]: 9.091%
    assert a["ret_ytd"] == pytest.approx((12 / 10.5 - 1) * 100)     # from 2025-12-31: 14.286%
    assert a["sma2"] == pytest.approx(11.75)                        # (11.5 + 12) / 2
    assert a["dist_sma2"] == pytest.approx((12 / 11.75 - 1) * 100)
    assert (a["hi3"], a["lo3"], a["at_high"], a["at_low"]) == (12.0, 10.5, True, False)
    assert a["from_lo"] == pytest.approx((12 / 10.5 - 1) * 100)
    # A's daily returns vs the benchmark's: D1 +10% vs +1% beat, D2 -4.5% vs -1% trail,
    # D3 +9.5% vs +2% beat, D4 +4.3% vs +1% beat: two sessions in a row.
    assert a["rs_streak"] == 2
    assert a["rs"] == pytest.approx(12 / 103)
    assert a["rs_sma2"] == pytest.approx((11.5 / 102 + 12 / 103) / 2)
    # C: three rows, so no 3-session return; 19 / 20 - 1 from 2025-12-31 year to date.
    assert c["ret_3"] is None
    assert c["ret_1"] == pytest.approx(0.0)
    assert c["ret_ytd"] == pytest.approx(-5.0)
    assert (c["hi3"], c["lo3"], c["at_high"], c["at_low"]) == (20.0, 19.0, False, True)
    assert c["from_hi"] == pytest.approx(-5.0)
    assert c["rs_streak"] == -2                                     # 0% vs +2%, 0% vs +1%
    # T tied the benchmark on the last session: the streak is 0. High of 50, 51, 51.5.
    assert t["rs_streak"] == 0
    assert t["hi3"] == 51.5
    assert t["at_high"] is True
    assert t["ret_ytd"] == pytest.approx((51.5 / 50 - 1) * 100)


def test_member_snapshot_matches_the_csv_files(rs: rotoscope.Rotoscope) -> None:
    # From sp500_members_adjclose_2000_2026.csv.gz (VMC) and prices/SPY.csv (adj_close),
    # worked out with the csv module: VMC closed 326.053 on 2026-02-09, 297.972 on
    # 2026-01-08 (21 rows back): +9.424%; 284.116 on 2025-12-31: +14.761% year to date;
    # mean of the last 50 closes 297.50974; the 252-row high is the last close itself.
    # VMC beat SPY's daily return on every session 2026-01-28..2026-02-09 (9) and
    # trailed on 2026-01-27 (-0.576% vs +0.398%).
    result = rs.panel("2026-02-09")
    assert result.as_of == dt.date(2026, 2, 9)
    vmc = result.snapshot.filter(pl.col("symbol") == "VMC").row(0, named=True)
    assert vmc["last"] == pytest.approx(326.053)
    assert vmc["ret_21"] == pytest.approx((326.053 / 297.972 - 1) * 100)
    assert vmc["ret_ytd"] == pytest.approx((326.053 / 284.116 - 1) * 100)
    assert vmc["sma50"] == pytest.approx(297.50974)
    assert vmc["hi252"] == pytest.approx(326.053)
    assert vmc["at_high"] is True
    assert vmc["rs_streak"] == 9
    # Breadth, from the same gz file with the csv module: 495 members closed on
    # 2026-02-09; 494 had 200 closes by then, and 345 of those closed above the mean
    # of their last 200: 69.838%.
    day = result.breadth.filter(pl.col("date") == dt.date(2026, 2, 9)).row(0, named=True)
    assert (day["members"], day["above200"], day["eligible200"]) == (495, 345, 494)
    assert day["pct_above200"] == pytest.approx(345 * 100 / 494)


def test_member_panel_bad_requests(rs: rotoscope.Rotoscope) -> None:
    with pytest.raises(UnknownSymbolError, match="XYZ"):
        rs.panel("2026-02-09", benchmark="XYZ")
    with pytest.raises(DateOutOfRangeError, match="2000-01-03"):
        rs.panel("1999-06-01")
    with pytest.raises(RotoscopeError, match="unknown panel engine"):
        rs.panel("2026-02-09", engine="flink")


def _streak_by_hand(a: list[int], b: list[int]) -> int:
    """Sessions in a row, up to the last, in which a's return beat (+) or trailed (-) b's."""
    signs = [(Fraction(a[i], b[i]) > Fraction(a[i - 1], b[i - 1]))
             - (Fraction(a[i], b[i]) < Fraction(a[i - 1], b[i - 1])) for i in range(1, len(a))]
    if not signs or signs[-1] == 0:
        return 0
    run = 0
    for s in reversed(signs):
        if s != signs[-1]:
            break
        run += 1
    return run * signs[-1]


@settings(max_examples=40)
@given(st.lists(st.tuples(st.integers(1, 6), st.integers(1, 6)), min_size=1, max_size=30),
       st.sampled_from(["windows", "arrays"]))
def test_rs_streak_property(pairs: list[tuple[int, int]], method: str) -> None:
    # Small integer prices make ties common; the ratio comparison is exact in fractions.
    a, b = [float(p) for p, _ in pairs], [float(q) for _, q in pairs]
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(len(a))]
    m, bt = _tables(pl.DataFrame({"symbol": ["X"] * len(a), "date": days, "adj_close": a}),
                    pl.DataFrame({"date": days, "adj_close": b}))
    # The arrays keep the last 3 rows here, so longer runs follow the full row.
    snap = _snapshot_by(method, m, bt, sessions=(1,), smas=(2,), extreme=2, rs_ma=2)
    assert snap["rs_streak"].to_list() == [_streak_by_hand([p for p, _ in pairs],
                                                           [q for _, q in pairs])]


@settings(max_examples=15)
@given(st.integers(0, 10_000), st.integers(5, 299))
def test_panel_is_point_in_time(seed: int, cut: int) -> None:
    # Rows after the as-of date are scaled by 3: nothing computed as of that date moves.
    synth = synthetic_panel(6, 300, seed=seed, listed_late=0.5)
    members = pl.from_arrow(synth.members)
    bench = pl.from_arrow(synth.benchmark)
    assert isinstance(members, pl.DataFrame)
    assert isinstance(bench, pl.DataFrame)
    day = bench["date"][cut]
    later = pl.col("date") > day
    altered = members.with_columns(pl.when(later).then(pl.col("adj_close") * 3)
                                   .otherwise(pl.col("adj_close")))
    m1, b1 = _tables(altered, bench.with_columns(
        pl.when(later).then(pl.col("adj_close") * 3).otherwise(pl.col("adj_close"))))
    m2, b2 = _tables(members.filter(~later), bench.filter(~later))
    if members.filter(~later).is_empty():
        return
    for method in ("auto", "windows"):
        one = panel.compute(m1, b1, day, method=method)
        two = panel.compute(m2, b2, day, method=method)
        assert_frame_equal(one.snapshot, two.snapshot)
        assert_frame_equal(one.breadth, two.breadth)


def test_synthetic_panel_is_seeded_and_shaped() -> None:
    one = synthetic_panel(20, 260, seed=7)
    assert one.members.equals(synthetic_panel(20, 260, seed=7).members)
    assert not one.members.equals(synthetic_panel(20, 260, seed=8).members)
    frame = pl.from_arrow(one.members)
    assert isinstance(frame, pl.DataFrame)
    assert frame["symbol"].n_unique() == 20
    assert one.rows == frame.height <= 20 * 260
    assert frame.sort("symbol", "date").equals(frame)            # symbol-major, date order
    days = pl.from_arrow(one.benchmark)["date"]                   # type: ignore[index]
    assert days[-1] == dt.date(2026, 7, 31)
    assert days.len() == 260
    assert all(is_session(d) for d in days.to_list())
    assert frame["adj_close"].min() > 0                           # type: ignore[operator]
    with pytest.raises(ValueError, match="at least 1 symbol"):
        synthetic_panel(0, 100)
    with pytest.raises(ValueError, match="fewer than"):
        synthetic_panel(1, 10**6)


# --- the dense arrays compute what the window expressions define -----------------------


@st.composite
def _ragged_panels(draw: st.DrawFn) -> tuple[pl.DataFrame, pl.DataFrame | None, dt.date]:
    """Up to 5 symbols over up to 40 sessions: late listings, early ends, holes, ties.

    Prices are small integers, so equal closes, closes on their average and
    repeated extremes are common; the benchmark misses some dates. The rows
    come by symbol and date (as the store holds them), by date (interleaved:
    the arrays have DuckDB sort them) or shuffled (runs of falling dates).
    """
    days, rows = draw_ragged_rows(draw, 40)
    order = draw(st.sampled_from(["symbol", "date", "shuffled"]))
    if order == "date":
        rows.sort(key=lambda row: (row[1], row[0]))
    elif order == "shuffled":
        rows = draw(st.permutations(rows))
    members = pl.DataFrame(rows, schema={"symbol": pl.String, "date": pl.Date,
                                         "adj_close": pl.Float64}, orient="row")
    bench = None
    if draw(st.booleans()):
        held = draw(st.lists(st.booleans(), min_size=len(days), max_size=len(days)))
        prices = draw(st.lists(st.integers(1, 6), min_size=len(days), max_size=len(days)))
        bench = pl.DataFrame({"date": [d for d, h in zip(days, held, strict=True) if h],
                              "adj_close": [float(p) for p, h in zip(prices, held, strict=True)
                                            if h]}, schema={"date": pl.Date,
                                                            "adj_close": pl.Float64})
    return members, bench, draw(st.sampled_from(days))


@settings(max_examples=60, deadline=None)
@given(_ragged_panels())
def test_arrays_match_the_window_expressions(case: tuple[pl.DataFrame, pl.DataFrame | None,
                                                         dt.date]) -> None:
    members, bench, year_start = case
    con = ibis.duckdb.connect()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        m = con.create_table("m", members)
        b = con.create_table("b", bench) if bench is not None else None
    params: dict[str, Any] = {"sessions": (1, 3), "smas": (2, 5), "extreme": 4, "rs_ma": 3,
                              "year_start": year_start}
    windows = _snapshot_by("windows", m, b, **params)
    arrays = _snapshot_by("arrays", m, b, **params)
    assert_frame_equal(arrays, windows, rel_tol=1e-12, abs_tol=1e-12)
    assert_frame_equal(_breadth_by("arrays", m, (2, 5), 4), _breadth_by("windows", m, (2, 5), 4),
                       rel_tol=1e-12, abs_tol=1e-12)


def test_rows_are_gathered_by_symbol_across_batches() -> None:
    import pyarrow as pa

    def batch(sid: list[int], e: list[int], v: list[float]) -> pa.RecordBatch:
        return pa.record_batch([pa.array(sid, pa.int32()), pa.array(e, pa.int32()),
                                pa.array(v, pa.float64())], names=["sid", "e", "v"])

    # Three symbols in three batches, as a parallel join hands them over: symbol 0's
    # rows are split across batches 0 and 1, symbol 1's too (days 12 and 14 with 13
    # missing: a hole), and symbol 2's days fall (11 then 10).
    table = pa.Table.from_batches([
        batch([1, 1, 0, 0], [10, 11, 10, 11], [1.0, 2.0, 3.0, 4.0]),
        batch([0, 1, 1], [12, 12, 14], [5.0, 6.0, 7.0]),
        batch([2, 2], [11, 10], [8.0, 9.0]),
    ])
    rows = _arrays._Rows.from_arrow(table, 3)
    assert rows.run_sid.tolist() == [0, 0, 1, 1, 2]
    assert rows.rising.tolist() == [True, True, True, True, False]
    assert not rows.scattered()                         # 5 runs for 3 symbols in 3 batches
    nan = float("nan")
    grid = np.full((3, 5), nan)                         # days 10..14 are columns 0..4
    assert rows.scatter(grid, 0, 3, lambda e: e - 10) == 9    # 3 + 4 + 2 rows
    expected = [[3.0, 4.0, 5.0, nan, nan], [1.0, 2.0, 6.0, nan, 7.0], [9.0, 8.0, nan, nan, nan]]
    np.testing.assert_array_equal(grid, np.array(expected))
    part = np.full((2, 5), nan)                         # symbols 1 and 2 only, as rows 0 and 1
    assert rows.scatter(part, 1, 3, lambda e: e - 10) == 6    # 4 + 2 rows
    np.testing.assert_array_equal(part, np.array(expected[1:]))
    # Date-major order: a run per row, 16 runs > 4 x 2 symbols + 1 batch.
    days = [d for d in range(1, 9) for _ in (0, 1)]
    assert _arrays._Rows.from_arrow(pa.Table.from_batches([batch([0, 1] * 8, days, [1.0] * 16)]),
                                    2).scattered()
    with pytest.raises(ValueError, match=r"a symbol key is outside 0\.\.1"):
        _arrays._Rows.from_arrow(pa.Table.from_batches([batch([0, 2], [1, 1], [1.0, 1.0])]), 2)


def test_column_counts_beyond_a_byte() -> None:
    flags = np.zeros((300, 3), dtype=bool)
    flags[:, 0] = True            # 300 rows: counted in 64-bit, not wrapped to 300 - 256 = 44
    flags[:100, 1] = True         # 100
    assert _windows.column_counts(flags).tolist() == [300, 100, 0]
    assert _windows.column_counts(flags[:255]).tolist() == [255, 100, 0]  # a full byte


def test_member_panel_arrays_match_the_window_expressions(rs: rotoscope.Rotoscope) -> None:
    # The whole S&P 500 member panel as of 2026-02-09 (one member has a hole in its
    # history, so the packed-row path runs too), against SPY, both ways. The gz file
    # read with the csv module has a close for 495 of its 497 members by that date.
    backend = panel.backend_for(rs.store.con)
    members = panel.table(backend, "member_prices").select("symbol", "date", "adj_close")
    prices = panel.table(backend, "prices")
    bench = prices.filter(prices.symbol == "SPY").select("date", "adj_close")
    day = dt.date(2026, 2, 9)
    arrays = panel.compute(members, bench, day)
    windows = panel.compute(members, bench, day, method="windows")
    assert arrays.snapshot.height == 495
    assert_frame_equal(arrays.snapshot, windows.snapshot, rel_tol=1e-12, abs_tol=1e-12)
    assert_frame_equal(arrays.breadth, windows.breadth, rel_tol=1e-12, abs_tol=1e-12)


def test_duplicate_rows_are_refused_by_the_arrays() -> None:
    frame = pl.DataFrame({"symbol": ["A", "A", "A"],
                          "date": [dt.date(2026, 1, 5), dt.date(2026, 1, 6), dt.date(2026, 1, 6)],
                          "adj_close": [1.0, 2.0, 3.0]})
    t = _memory_backend(frame)
    with pytest.raises(ValueError, match="more than one row for a symbol on a date"):
        panel.compute(t)
    with pytest.raises(ValueError, match="unknown panel method 'fast'"):
        panel.compute(t, method="fast")


def test_a_sparse_panel_uses_the_window_expressions(monkeypatch: pytest.MonkeyPatch) -> None:
    # 3 symbols x 10 sessions is 30 cells for 12 rows: dense enough by default.
    assert _arrays.fits(3, 10, 12)
    assert not _arrays.fits(100_000, 10_000, 1_000_000)  # 1e9 cells for 1e6 rows
    # On a machine with 1 GiB, a quarter is 268,435,456 bytes: 15 million rows of
    # 16 bytes (240,000,000) fit, 31.5 million (504,000,000) do not, however dense.
    monkeypatch.setattr(_arrays, "_memory", lambda: float(2**30))
    assert _arrays.fits(5_000, 6_300, 15_000_000)
    assert not _arrays.fits(5_000, 6_300, 31_500_000)
    monkeypatch.undo()
    synth = synthetic_panel(3, 60, seed=5)
    m, b = _tables(pl.from_arrow(synth.members), pl.from_arrow(synth.benchmark))  # type: ignore[arg-type]
    executed: list[object] = []
    run = panel.execute
    monkeypatch.setattr(_compute, "execute", lambda expr: executed.append(expr) or run(expr))
    dense = panel.compute(m, b)
    assert executed == []                       # no window expression ran
    monkeypatch.setattr(_arrays, "fits", lambda *_: False)
    sparse = panel.compute(m, b)
    assert len(executed) == 2                   # the snapshot and the breadth expressions
    assert_frame_equal(dense.snapshot, sparse.snapshot, rel_tol=1e-12, abs_tol=1e-12)
    assert_frame_equal(dense.breadth, sparse.breadth)
