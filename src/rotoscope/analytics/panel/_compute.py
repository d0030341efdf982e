"""Running a panel: on DuckDB's dense arrays where it can, else as window expressions.

:func:`member_panel` and :func:`member_breadth` read the store's member panel
with SQL only and compute it on dense arrays, so they import neither Ibis nor
pandas (and :func:`member_panel` not Polars either, until a frame of its result
is read); :func:`compute` and :func:`daily_breadth` take Ibis tables on any
backend.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, get_args

from rotoscope.analytics.panel._arrays import fits, panel_arrays, panel_columns
from rotoscope.analytics.panel._definitions import (
    EXTREME,
    RS_MA,
    SESSIONS,
    SMAS,
    Engine,
    Method,
    PanelResult,
    check_method,
)
from rotoscope.analytics.panel._duckdb import text_keyed
from rotoscope.analytics.panel._expressions import (
    as_of,
    breadth,
    execute,
    quiet_engines,
    rows_sql,
    snapshot,
    table,
)
from rotoscope.analytics.panel._spark import spark_tables
from rotoscope.exceptions import (
    DateOutOfRangeError,
    MissingFieldError,
    RotoscopeError,
    UnknownSymbolError,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import polars as pl
    import pyarrow as pa

    from rotoscope.analytics.panel._arrays import KeyedArrays
    from rotoscope.store import Store

    Frames = tuple[pl.DataFrame, pl.DataFrame]

__all__ = ["ARROW_ROWS", "compute", "daily_breadth", "dense_frames", "member_breadth",
           "member_keyed", "member_panel", "member_panel_on"]


def compute(members: ir.Table, benchmark: ir.Table | None = None,
            day: dt.date | None = None, value: str = "adj_close",
            method: Method = "auto") -> PanelResult:
    """Compute a panel's snapshot and daily breadth as of ``day`` on the tables' backend.

    ``members`` is a long ``(symbol, date, value)`` table, ``benchmark`` an
    optional ``(date, value)`` table on the same backend. Without ``day`` the
    panel's last date is used. Returns are also measured from the last row
    before 1 January of the as-of year (``ret_ytd``).

    ``method`` is ``auto`` or ``windows``. On DuckDB, ``auto`` computes the
    trailing statistics on dense arrays (the same results, many times faster)
    unless the panel is too sparse for them; on any other backend, and with
    ``windows``, the expressions of :func:`snapshot` and :func:`breadth` run as
    SQL window functions.

    Raises
    ------
    ValueError
        When the panel has no row on or before ``day``, the method is unknown,
        or a symbol has two rows on one date (dense arrays only).
    """
    method = check_method(method)
    if day is None:
        with quiet_engines():
            found = members.filter(members[value].notnull()).date.max().to_pyarrow().as_py()
        if found is None:
            raise ValueError("the panel has no rows")
        day = found.date() if isinstance(found, dt.datetime) else found
    m = as_of(members, day)
    b = as_of(benchmark, day) if benchmark is not None else None
    year_start = dt.date(day.year, 1, 1)
    frames = _dense(m, b, value, year_start, method)
    if frames is None:
        frames = (execute(snapshot(m, b, value=value, year_start=year_start)),
                  execute(breadth(m, value=value)))
    if frames[0].is_empty():
        raise ValueError(f"the panel has no rows on or before {day}")
    return PanelResult(day, *frames)


def daily_breadth(members: ir.Table, value: str = "adj_close",
                  method: Method = "auto") -> pl.DataFrame:
    """Execute :func:`breadth` of ``members`` (filter them with :func:`as_of` first).

    ``method`` is as for :func:`compute`: on DuckDB, ``auto`` counts on dense
    arrays, with the same result as the window expressions.
    """
    method = check_method(method)
    frames = _dense(members, None, value, None, method)
    return frames[1] if frames is not None else execute(breadth(members, value=value))


def dense_frames(members: ir.Table, benchmark: ir.Table | None, value: str,
                 sessions: tuple[int, ...], smas: tuple[int, ...], extreme: int, rs_ma: int,
                 year_start: dt.date | None) -> Frames | None:
    """Return the snapshot and breadth of tables on one DuckDB backend from the dense arrays.

    None when the panel is empty or does not suit the arrays.
    """
    backend = members.get_backend()
    with quiet_engines():
        keyed = text_keyed(backend, rows_sql(members, value, "symbol"))
        if keyed is None:
            return None
        bench = None if benchmark is None else backend.con.sql(
            f"SELECT date, v FROM ({rows_sql(benchmark, value)})").to_arrow_table()
    return panel_arrays(*keyed, bench, sessions, smas, extreme, rs_ma, year_start)


def _dense(members: ir.Table, benchmark: ir.Table | None, value: str,
           year_start: dt.date | None, method: Method) -> Frames | None:
    """Return snapshot and breadth from the dense arrays, or None to run the windows.

    The arrays serve ``method="auto"`` when both tables live on one DuckDB
    backend and the panel suits a dense array.
    """
    if method != "auto":
        return None
    backend = members.get_backend()
    if backend.name != "duckdb" or (benchmark is not None
                                    and benchmark.get_backend() is not backend):
        return None
    return dense_frames(members, benchmark, value, SESSIONS, SMAS, EXTREME, RS_MA, year_start)


def member_breadth(store: Store, day: dt.date, since: dt.date) -> pl.DataFrame:
    """Return the daily breadth of the store's member panel from ``since`` to ``day``.

    As :func:`daily_breadth` of the members' ``adj_close`` between those dates,
    computed on the dense arrays (no Ibis) when they serve.
    """
    keyed = member_keyed(store, day, since)
    frames = None if keyed is None else panel_arrays(*keyed, None, (1,), SMAS, EXTREME, RS_MA,
                                                      None)
    if frames is not None:
        return frames[1]
    members = table(store.ibis_backend(), "member_prices").select("symbol", "date", "adj_close")
    return daily_breadth(as_of(members, day, since=since))


#: From this many rows on the store hands the member rows over as Arrow, which
#: DuckDB does several times faster than NumPy, enough to pay for importing pyarrow
#: (measured with ``benchmarks/panel.py``: the NumPy read of 2.9 million rows takes
#: 0.05 s, the Arrow read 0.04 s after 0.04 s of import).
ARROW_ROWS = 8_000_000


def member_keyed(store: Store, day: dt.date, since: dt.date | None = None
                 ) -> tuple[list[str], KeyedArrays | pa.Table] | None:
    """Return the store's keyed member rows up to ``day``, or None when too many for the arrays.

    As NumPy arrays, or as an Arrow table from :data:`ARROW_ROWS` rows on.
    """
    rows = store.member_row_count(day, since)
    if not fits(1, 1, rows):
        return None
    if rows >= ARROW_ROWS:
        return store.member_keyed_table(day, since)
    return store.member_keyed_rows(day, since)


def member_panel_on(store: Store, day: dt.date, benchmark: str) -> PanelResult | None:
    """Compute a store's member panel on the dense arrays, without Ibis.

    None when the panel does not suit the arrays
    (:func:`~rotoscope.analytics.panel._arrays.fits`).
    """
    keyed = member_keyed(store, day)
    if keyed is None:
        return None
    bench = store.value_rows(benchmark, day)
    found = panel_columns(*keyed, bench, SESSIONS, SMAS, EXTREME, RS_MA, dt.date(day.year, 1, 1))
    return None if found is None else PanelResult(day, *found)


def member_panel(
    store: Store,
    day: dt.date | None = None,
    benchmark: str = "SPY",
    engine: Engine = "duckdb",
    master: str = "local[*]",
    stage: Path | None = None,
) -> PanelResult:
    """Compute the S&P 500 member panel of a store, against ``benchmark``, as of ``day``.

    A ``day`` after the panel's last date is moved back to it; the result's
    ``as_of`` says which date was used.

    ``engine`` is ``duckdb`` (the store's rows on the dense arrays, without
    Ibis) or ``spark``: the members' and the benchmark's
    adjusted closes up to ``day`` are written to Parquet under ``stage`` (a
    temporary directory by default; on a cluster it must be a path every
    executor reads, such as HDFS, S3 or a shared mount) and the Ibis
    expressions run on a Spark session at ``master``.

    Raises
    ------
    MissingFieldError
        When the store has no member panel.
    UnknownSymbolError
        When the store has no adjusted closes for ``benchmark``.
    RotoscopeError
        When the engine is unknown or pyspark is missing.
    """
    if engine not in get_args(Engine):
        raise RotoscopeError(f"unknown panel engine '{engine}': use "
                             f"{' or '.join(get_args(Engine))}")
    first, last, rows = store.member_extent()
    if not rows or first is None or last is None:
        raise MissingFieldError("S&P 500 members", "adj_close",
                                "in this store: build it from a mirror with the member panel")
    if not store.has_values(benchmark, "adj_close"):
        raise UnknownSymbolError(benchmark, sorted(s for s, table in store.symbols().items()
                                                   if table == "prices"))
    day = min(day or last, last)
    if day < first:
        raise DateOutOfRangeError("as_of", day, first, last)
    if engine == "duckdb":
        result = member_panel_on(store, day, benchmark)
        if result is not None:
            return result
    backend = store.ibis_backend()
    members = table(backend, "member_prices").select("symbol", "date", "adj_close")
    prices = table(backend, "prices")
    bench = prices.filter(prices.symbol == benchmark).select("date", "adj_close")
    if engine == "duckdb":  # too large for the arrays: the window expressions
        return compute(members, bench, day)
    with spark_tables(members, bench, day, master, stage) as (on_spark, bench_on_spark):
        return compute(on_spark, bench_on_spark, day)
