"""Cross-sectional analytics over many symbols, written once as Ibis expressions.

The expressions here take a long table ``(symbol, date, <value>)`` and return
new expressions; nothing is executed until :func:`execute` runs them on a
backend. DuckDB (the store's own connection) is the default; any Ibis backend
that supports window functions runs the same expressions unchanged.

Every expression is point-in-time: :func:`as_of` filters the input to rows on
or before the as-of date *before* any window is computed, and every window is
trailing (rows preceding and the current row only).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = [
    "as_of",
    "backend_for",
    "breadth",
    "execute",
    "relative_to",
    "table",
    "window_returns",
    "with_indicators",
]


@contextlib.contextmanager
def _quiet_duckdb() -> Iterator[None]:
    # Ibis 12's DuckDB backend still calls DuckDB 2.0's deprecated
    # fetch_arrow_table(); the call works, so only that warning is silenced.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"fetch_arrow_table\(\) is deprecated",
                                category=DeprecationWarning)
        yield


def backend_for(con: Any) -> Any:
    """Return an Ibis DuckDB backend on an open DuckDB connection (the store's)."""
    import ibis

    return ibis.duckdb.from_connection(con)


def table(backend: Any, name: str) -> ir.Table:
    """Return a table of the backend as an Ibis expression."""
    with _quiet_duckdb():
        return backend.table(name)


def execute(expr: ir.Table) -> pl.DataFrame:
    """Run an expression on its backend and return a Polars frame."""
    with _quiet_duckdb():
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
    smas: tuple[int, ...] = (50, 200),
    extreme: int = 252,
) -> ir.Table:
    """Add per-symbol trailing indicators to a long price table.

    Added columns: ``prev`` (previous row's value), ``ret`` (daily return),
    ``sma{n}`` and ``n{n}`` (trailing average and the rows it saw),
    ``hi{extreme}``, ``lo{extreme}`` and ``n{extreme}`` (trailing highest and
    lowest value and the rows seen). A statistic is meaningful only where its
    row count equals its window; callers test that.
    """
    import ibis

    t = t.filter(t[value].notnull())
    v = t[value]
    by = {"group_by": "symbol", "order_by": "date"}
    cols: dict[str, Any] = {"prev": v.lag().over(ibis.window(**by))}
    for n in smas:
        w = ibis.window(**by, preceding=n - 1, following=0)
        cols[f"sma{n}"] = v.mean().over(w)
        cols[f"n{n}"] = v.count().over(w)
    w = ibis.window(**by, preceding=extreme - 1, following=0)
    cols[f"hi{extreme}"] = v.max().over(w)
    cols[f"lo{extreme}"] = v.min().over(w)
    cols[f"n{extreme}"] = v.count().over(w)
    out = t.mutate(**cols)
    return out.mutate(ret=out[value] / out.prev - 1.0)


def breadth(
    t: ir.Table, value: str = "adj_close", smas: tuple[int, ...] = (50, 200),
    extreme: int = 252,
) -> ir.Table:
    """Daily breadth of a member panel.

    Columns: ``members`` (symbols with a value that day), ``above{n}`` and
    ``eligible{n}`` (members above their n-session average, among those with n
    sessions of history), ``pct_above{n}``, ``advances``, ``declines``
    (value up / down from the previous row), ``net_advances``, ``new_highs`` and
    ``new_lows`` (value at its trailing ``extreme``-session high / low, among
    members with that much history) and ``net_new_highs``.
    """
    x = with_indicators(t, value, smas, extreme)
    v = x[value]
    full = x[f"n{extreme}"] == extreme
    aggs: dict[str, Any] = {"members": x.symbol.count()}
    for n in smas:
        ok = x[f"n{n}"] == n
        aggs[f"above{n}"] = (ok & (v > x[f"sma{n}"])).sum()
        aggs[f"eligible{n}"] = ok.sum()
    aggs |= {
        "advances": (x.ret > 0).sum(),
        "declines": (x.ret < 0).sum(),
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


def window_returns(t: ir.Table, sessions: tuple[int, ...] = (1, 5, 21, 63, 252),
                   value: str = "adj_close") -> ir.Table:
    """Each symbol's return over the last n rows, in percent, at its last row.

    Columns: ``symbol``, ``date`` (the symbol's last row), ``last`` and one
    ``ret_{n}`` per n (null when the symbol has n rows or fewer).
    """
    import ibis

    t = t.filter(t[value].notnull())
    w = ibis.window(group_by="symbol", order_by="date")
    lags = {f"base_{n}": t[value].lag(n).over(w) for n in sessions}
    x = t.mutate(rn=ibis.row_number().over(
        ibis.window(group_by="symbol", order_by=ibis.desc("date"))), **lags)
    x = x.filter(x.rn == 0)
    rets = {f"ret_{n}": (x[value] / x[f"base_{n}"] - 1.0) * 100.0 for n in sessions}
    return x.select("symbol", "date", last=x[value], **rets).order_by("symbol")


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
