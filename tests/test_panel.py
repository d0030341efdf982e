"""The Ibis panel expressions: hand-worked panels, agreement with the per-series
analytics, and the Ibis/sqlglot/DuckDB combination the project pins."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from pathlib import Path

import ibis
import polars as pl
import pytest

import rotoscope
from rotoscope.analytics import PointInTime, panel, window_return
from rotoscope.analytics.relative import relative_strength


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


def test_breadth_of_a_hand_worked_panel() -> None:
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
    b = panel.execute(panel.breadth(t, smas=(2,), extreme=2)).sort("date")
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
