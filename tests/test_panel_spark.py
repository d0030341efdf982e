"""The panel expressions on Spark (local mode) give what DuckDB gives, both from its
dense arrays (the default) and from the same window expressions.

Marked ``spark``: it needs pyspark (``pip install 'rotoscope[spark]'``, which
``make test`` installs) and Java 17 or later. Deselect with ``-m "not spark"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest
from polars.testing import assert_frame_equal

import rotoscope
from rotoscope.analytics import panel
from rotoscope.analytics.synthetic import synthetic_panel

pytestmark = [
    pytest.mark.spark,
    # py4j, which pyspark talks to the JVM through, leaves gateway sockets to the
    # garbage collector; not ours.
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    backend = panel.spark_backend("local[2]", {"spark.sql.shuffle.partitions": "4",
                                               "spark.driver.memory": "2g"})
    yield backend
    backend.disconnect()


def _both(spark: Any, folder: Path) -> tuple[panel.PanelResult, panel.PanelResult]:
    """The panel on DuckDB (dense arrays) and on Spark (window expressions).

    The DuckDB window expressions are computed too and must agree with both.
    """
    members, bench = str(folder / "members.parquet"), str(folder / "bench.parquet")
    duck = panel.backend_for(duckdb.connect())
    m, b = panel.read_parquet(duck, members), panel.read_parquet(duck, bench)
    on_duck = panel.compute(m, b)
    _assert_same(on_duck, panel.compute(m, b, method="windows"))
    on_spark = panel.compute(panel.read_parquet(spark, members),
                             panel.read_parquet(spark, bench))
    return on_duck, on_spark


def _assert_same(a: panel.PanelResult, b: panel.PanelResult) -> None:
    assert a.as_of == b.as_of
    # Sums run in a different order on each engine: floats agree to 1e-12.
    assert_frame_equal(a.snapshot, b.snapshot, check_dtypes=False, rel_tol=1e-12, abs_tol=1e-12)
    assert_frame_equal(a.breadth, b.breadth, check_dtypes=False, rel_tol=1e-12, abs_tol=1e-12)


def test_synthetic_panel_is_equal_on_spark_and_duckdb(spark: Any, tmp_path: Path) -> None:
    synth = synthetic_panel(300, 700, seed=11)   # 300 symbols, a fifth of them listed late
    pq.write_table(synth.members, tmp_path / "members.parquet")
    pq.write_table(synth.benchmark, tmp_path / "bench.parquet")
    on_duck, on_spark = _both(spark, tmp_path)
    assert on_duck.snapshot.height == 300
    assert on_duck.breadth.height == 700
    _assert_same(on_duck, on_spark)


def test_member_panel_is_equal_on_spark_and_duckdb(spark: Any, store_path: Path,
                                                   tmp_path: Path) -> None:
    # 300 real S&P 500 members from the mirror, 2023..2026-02-09, against SPY.
    with rotoscope.open(store_path) as rs:
        con = rs.store.con
        con.execute(f"""COPY (SELECT symbol, date, adj_close FROM member_prices
                     WHERE symbol IN (SELECT DISTINCT symbol FROM member_prices
                                      ORDER BY symbol LIMIT 300)
                       AND date BETWEEN DATE '2023-01-01' AND DATE '2026-02-09')
                     TO '{tmp_path / 'members.parquet'}' (FORMAT parquet)""")
        con.execute(f"""COPY (SELECT date, adj_close FROM prices WHERE symbol = 'SPY'
                       AND date BETWEEN DATE '2023-01-01' AND DATE '2026-02-09')
                     TO '{tmp_path / 'bench.parquet'}' (FORMAT parquet)""")
    on_duck, on_spark = _both(spark, tmp_path)
    assert on_duck.as_of == dt.date(2026, 2, 9)
    symbols = set(pq.read_table(tmp_path / "members.parquet")["symbol"].to_pylist())
    assert on_duck.snapshot["symbol"].to_list() == sorted(symbols)   # 298: two joined later
    _assert_same(on_duck, on_spark)
    assert on_spark.snapshot.filter(pl.col("rs_streak").is_null()).is_empty()


def test_store_member_panel_on_spark(spark: Any, store_path: Path) -> None:
    # The store's whole member panel staged to Parquet and computed by Spark, as
    # `rotoscope panel --engine spark` does; the session is the fixture's.
    with rotoscope.open(store_path) as rs:
        on_duck = rs.panel("2026-02-09")
        on_spark = rs.panel("2026-02-09", engine="spark", master="local[2]")
    _assert_same(on_duck, on_spark)
    assert on_spark.snapshot.filter(pl.col("symbol") == "VMC")["rs_streak"].to_list() == [9]
