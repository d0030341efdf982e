"""The panel's definition: cross-sectional analytics written once as Ibis expressions.

The expressions here take a long table ``(symbol, date, <value>)`` and return
new expressions; nothing is executed until :func:`execute` runs them on a
backend. DuckDB (the store's own connection) is the default; any Ibis backend
that supports window functions runs the same expressions unchanged. Ibis is
imported inside the functions, so importing this module costs nothing.

Every expression is point-in-time: :func:`as_of` filters the input to rows on
or before the as-of date *before* any window is computed, and every window is
trailing (rows preceding and the current row only).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rotoscope.analytics.panel._definitions import EXTREME, RS_MA, SESSIONS, SMAS, TIE

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import polars as pl

__all__ = [
    "as_of",
    "backend_for",
    "breadth",
    "execute",
    "quiet_engines",
    "read_parquet",
    "relative_to",
    "rows_sql",
    "snapshot",
    "table",
    "window_returns",
    "with_indicators",
]


@contextlib.contextmanager
def quiet_engines() -> Iterator[None]:
    """Silence the deprecation warnings the engines' own calls raise, and only those."""
    # Ibis 12's DuckDB backend still calls DuckDB 2.0's deprecated
    # fetch_arrow_table(), and pyspark 4.0 uses pandas options and keywords that
    # pandas 3 deprecates. The calls work, so only those warnings are silenced.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"fetch_arrow_table\(\) is deprecated",
                                category=DeprecationWarning)
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"pyspark\.")
        for message in (r"The 'future\.infer_string' option", r"The copy keyword is deprecated"):
            warnings.filterwarnings("ignore", message=message, category=DeprecationWarning)
        yield


def backend_for(con: Any) -> Any:
    """Return an Ibis DuckDB backend on an open DuckDB connection (the store's)."""
    import ibis

    return ibis.duckdb.from_connection(con)


def table(backend: Any, name: str) -> ir.Table:
    """Return a table of the backend as an Ibis expression."""
    with quiet_engines():
        return backend.table(name)


def read_parquet(backend: Any, path: str | Path) -> ir.Table:
    """Return a Parquet file (or a directory or glob of them) as a table of the backend.

    On Spark the path may be anything the cluster reads (``hdfs://``,
    ``s3a://``, a shared mount).
    """
    with quiet_engines():
        return backend.read_parquet(str(path))


def execute(expr: ir.Table) -> pl.DataFrame:
    """Run an expression on its backend and return a Polars frame."""
    with quiet_engines():
        frame: pl.DataFrame = expr.to_polars()
    return frame


def as_of(t: ir.Table, day: dt.date, since: dt.date | None = None) -> ir.Table:
    """Keep rows dated on or before ``day`` (and on or after ``since``)."""
    import ibis

    out = t.filter(t.date <= ibis.date(day.isoformat()))
    if since is not None:
        out = out.filter(out.date >= ibis.date(since.isoformat()))
    return out


def with_indicators(
    t: ir.Table,
    value: str = "adj_close",
    smas: tuple[int, ...] = SMAS,
    extreme: int = EXTREME,
    key: str = "symbol",
) -> ir.Table:
    """Add per-symbol trailing indicators to a long price table.

    Added columns: ``prev`` (previous row's value), ``ret`` (daily return),
    ``sma{n}`` and ``n{n}`` (trailing average and the rows it saw),
    ``hi{extreme}``, ``lo{extreme}`` and ``n{extreme}`` (trailing highest and
    lowest value and the rows seen). A statistic is meaningful only where its
    row count equals its window; callers test that. ``key`` names the column
    that identifies a symbol.
    """
    import ibis

    t = t.filter(t[value].notnull())
    v = t[value]
    by = {"group_by": key, "order_by": "date"}
    cols: dict[str, Any] = {"prev": v.lag().over(ibis.window(**by)),
                            "rn": ibis.row_number().over(ibis.window(**by))}
    for n in smas:
        cols[f"sma{n}"] = v.mean().over(ibis.window(**by, preceding=n - 1, following=0))
    w = ibis.window(**by, preceding=extreme - 1, following=0)
    cols[f"hi{extreme}"] = v.max().over(w)
    cols[f"lo{extreme}"] = v.min().over(w)
    out = t.mutate(**cols)
    # Rows seen by a trailing window of n rows: the row number, capped at n (no
    # value is null after the filter above). Cheaper than a windowed count.
    seen = {f"n{n}": ibis.least(out.rn + 1, n) for n in (*smas, extreme)}
    out = out.mutate(**seen)
    return out.mutate(ret=out[value] / out.prev - 1.0).drop("rn")


def breadth(
    t: ir.Table, value: str = "adj_close", smas: tuple[int, ...] = SMAS,
    extreme: int = EXTREME,
) -> ir.Table:
    """Daily breadth of a member panel.

    Columns: ``members`` (symbols with a value that day), ``above{n}`` and
    ``eligible{n}`` (members above their n-session average by more than
    :data:`TIE`, among those with n sessions of history), ``pct_above{n}``,
    ``advances``, ``declines`` (value up / down from the previous row),
    ``net_advances``, ``new_highs`` and ``new_lows`` (value at its trailing
    ``extreme``-session high / low, among members with that much history) and
    ``net_new_highs``.
    """
    x = with_indicators(_keyed(t)[0], value, smas, extreme, key="sid")
    v = x[value]
    full = x[f"n{extreme}"] == extreme
    aggs: dict[str, Any] = {"members": x.sid.count()}
    for n in smas:
        ok = x[f"n{n}"] == n
        aggs[f"above{n}"] = (ok & (v > x[f"sma{n}"] * (1.0 + TIE))).sum()
        aggs[f"eligible{n}"] = ok.sum()
    aggs |= {
        # A symbol's first row has no return; a date of first rows only counts 0.
        "advances": (x.ret > 0).fill_null(False).sum(),
        "declines": (x.ret < 0).fill_null(False).sum(),
        "new_highs": (full & (v >= x[f"hi{extreme}"])).sum(),
        "new_lows": (full & (v <= x[f"lo{extreme}"])).sum(),
    }
    g = x.group_by("date").aggregate(**aggs)
    pct = {f"pct_above{n}": g[f"above{n}"] * 100.0 / g[f"eligible{n}"].nullif(0)
           for n in smas}
    return g.mutate(
        net_advances=g.advances - g.declines,
        net_new_highs=g.new_highs - g.new_lows,
        **pct,
    ).order_by("date")


def window_returns(t: ir.Table, sessions: tuple[int, ...] = SESSIONS,
                   value: str = "adj_close") -> ir.Table:
    """Each symbol's return over the last n rows, in percent, at its last row.

    Columns: ``symbol``, ``date`` (the symbol's last row), ``last`` and one
    ``ret_{n}`` per n (null when the symbol has n rows or fewer): the return
    columns of :func:`snapshot`.
    """
    snap = snapshot(t, value=value, sessions=sessions)
    return snap.select("symbol", "date", "last", *[f"ret_{n}" for n in sessions])


def relative_to(t: ir.Table, benchmark: str, value: str = "adj_close",
                ma: int = 50) -> ir.Table:
    """Each symbol's ratio to ``benchmark`` on common dates, with its trailing average.

    Columns: ``symbol``, ``date``, ``ratio``, ``ratio_sma{ma}``, ``n{ma}`` and
    ``distance`` (ratio over its average minus 1, in percent).
    """
    import ibis

    t = t.filter(t[value].notnull())
    bench = t.filter(t.symbol == benchmark).select(date="date", bench=value)
    j = t.filter(t.symbol != benchmark).join(bench, "date")
    j = j.mutate(ratio=j[value] / j.bench)
    w = ibis.window(group_by="symbol", order_by="date", preceding=ma - 1, following=0)
    j = j.mutate(**{f"ratio_sma{ma}": j.ratio.mean().over(w), f"n{ma}": j.ratio.count().over(w)})
    return j.select(
        "symbol", "date", "ratio", f"ratio_sma{ma}", f"n{ma}",
        distance=(j.ratio / j[f"ratio_sma{ma}"] - 1.0) * 100.0,
    )


def snapshot(
    t: ir.Table,
    benchmark: ir.Table | None = None,
    value: str = "adj_close",
    sessions: tuple[int, ...] = SESSIONS,
    smas: tuple[int, ...] = SMAS,
    extreme: int = EXTREME,
    rs_ma: int = RS_MA,
    year_start: dt.date | None = None,
) -> ir.Table:
    """One row per symbol: where it stands at its last row.

    ``t`` is a long table ``(symbol, date, value)``; ``benchmark`` a table
    ``(date, value)`` for relative strength. Filter both with :func:`as_of`
    first: the snapshot is then as of that date. Columns:

    - ``symbol``, ``date`` (the symbol's last row), ``sessions`` (rows seen),
      ``last``;
    - ``ret_{n}`` per n in ``sessions``: percent change over the last n rows
      (null with n rows of history or fewer); ``ret_ytd`` when ``year_start``
      is given: percent change from the last row before that date;
    - ``sma{n}`` and ``dist_sma{n}`` per n in ``smas``: the average of the last
      n rows and the last value's distance from it in percent (null with
      fewer than n rows);
    - ``hi{extreme}``, ``lo{extreme}``, ``from_hi``, ``from_lo`` (percent),
      ``at_high`` and ``at_low`` (the last value is the extreme), null with
      fewer than ``extreme`` rows;
    - with a benchmark: ``rs`` (symbol over benchmark on the last row),
      ``rs_sma{rs_ma}`` (the ratio's average over the last ``rs_ma`` rows, null
      unless the benchmark has all of them), ``rs_dist`` (percent above that
      average) and ``rs_streak``: the sessions in a row, up to the last, in
      which the symbol's daily return beat the benchmark's (positive) or
      trailed it (negative); 0 after a tie. As in
      :mod:`rotoscope.analytics.streaks`; a row whose date the benchmark lacks
      ends the run (the benchmark is expected on the panel's calendar).

    Everything is an aggregate over rows numbered from each symbol's end, so
    one ordered window pass over the panel is all it needs.
    """
    import ibis

    t, names = _keyed(t.filter(t[value].notnull()))
    if benchmark is not None:
        b = benchmark.filter(benchmark[value].notnull())
        t = t.left_join(b.select(date=b.date, bench=b[value]), "date")
        t = t.mutate(rs=t[value] / t.bench)
    w = ibis.window(group_by="sid", order_by="date")
    lagged = {"rs_prev": t.rs.lag().over(w)} if benchmark is not None else {}
    x = t.mutate(rows=t[value].count().over(ibis.window(group_by="sid")),
                 rn=ibis.row_number().over(w), **lagged)
    x = x.mutate(back=x.rows - 1 - x.rn)
    v, back = x[value], x.back
    aggs: dict[str, Any] = {
        "date": x.date.max(),
        "sessions": v.count(),
        "last": v.max(where=back == 0),
    }
    aggs |= {f"base_{n}": v.max(where=back == n) for n in sessions}
    if year_start is not None:
        aggs["base_ytd"] = v.argmax(x.date, where=x.date < ibis.date(year_start.isoformat()))
    for n in smas:
        aggs[f"mean_{n}"] = v.mean(where=back < n)
        aggs[f"count_{n}"] = v.count(where=back < n)
    aggs[f"hi{extreme}"] = v.max(where=back < extreme)
    aggs[f"lo{extreme}"] = v.min(where=back < extreme)
    aggs[f"count_{extreme}"] = v.count(where=back < extreme)
    if benchmark is not None:
        # A row is "up" when the ratio rose since the symbol's previous row (its
        # return beat the benchmark's), "down" when it fell. The first row, and
        # a row either side of a date the benchmark lacks, has no sign and ends
        # every run. A run's length is the distance back from the last row to
        # the first row not of its side.
        up = (x.rs > x.rs_prev).fill_null(False)
        down = (x.rs < x.rs_prev).fill_null(False)
        aggs |= {
            "rs": x.rs.max(where=back == 0),
            "rs_mean": x.rs.mean(where=back < rs_ma),
            "rs_count": x.rs.count(where=back < rs_ma),
            "run_up": back.min(where=~up),
            "run_down": back.min(where=~down),
        }
    g = x.group_by("sid").aggregate(**aggs)

    last = g["last"]
    full = g[f"count_{extreme}"] == extreme
    hi, lo = g[f"hi{extreme}"], g[f"lo{extreme}"]
    null = ibis.null("float64")
    cols: dict[str, Any] = {
        f"ret_{n}": (last / g[f"base_{n}"] - 1.0) * 100.0 for n in sessions}
    if year_start is not None:
        cols["ret_ytd"] = (last / g.base_ytd - 1.0) * 100.0
    for n in smas:
        sma = ibis.ifelse(g[f"count_{n}"] == n, g[f"mean_{n}"], null)
        cols[f"sma{n}"] = sma
        cols[f"dist_sma{n}"] = (last / sma - 1.0) * 100.0
    cols |= {
        f"hi{extreme}": ibis.ifelse(full, hi, null),
        f"lo{extreme}": ibis.ifelse(full, lo, null),
        "from_hi": ibis.ifelse(full, (last / hi - 1.0) * 100.0, null),
        "from_lo": ibis.ifelse(full, (last / lo - 1.0) * 100.0, null),
        "at_high": ibis.ifelse(full, last >= hi, ibis.null("boolean")),
        "at_low": ibis.ifelse(full, last <= lo, ibis.null("boolean")),
    }
    if benchmark is not None:
        rs_sma = ibis.ifelse(g.rs_count == rs_ma, g.rs_mean, null)
        cols |= {
            "rs": g.rs,
            f"rs_sma{rs_ma}": rs_sma,
            "rs_dist": (g.rs / rs_sma - 1.0) * 100.0,
            "rs_streak": (g.run_up - g.run_down).cast("int64"),
        }
    g = g.join(names, "sid")
    return g.select("symbol", "date", "sessions", "last", **cols).order_by("symbol")


def _keyed(t: ir.Table) -> tuple[ir.Table, ir.Table]:
    """Return the table with integer symbol keys, and the key-to-symbol table.

    Partitioning and grouping on an integer is cheaper than on text.
    """
    import ibis

    names = t.select("symbol").distinct()
    names = names.mutate(sid=ibis.row_number().over(order_by="symbol").cast("int32"))
    return t.join(names, "symbol").drop("symbol"), names


def rows_sql(t: ir.Table, value: str, *keys: str) -> str:
    """Return DuckDB SQL for the rows of ``t`` with a value: ``keys``, ``date``, ``v``.

    A null or NaN value is no row. ``date`` is cast to DATE.
    """
    import ibis

    col = t[value]
    keep = col.notnull()
    if col.type().is_floating():
        keep &= ~col.isnan()
    rows = t.filter(keep).select(*keys, date=t.date.cast("date"), v=col)
    return str(ibis.to_sql(rows, dialect="duckdb"))
