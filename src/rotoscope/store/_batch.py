"""Many rows read in one query and put in order in NumPy: the store's batched reads.

:class:`~rotoscope.store.Store` reads through these the series the facts need
(one query per table instead of one per series) and the member panel's rows
for the breadth facts. Each query takes the rows in the order DuckDB hands
them over and :func:`stored_order` sorts them only when they are not in
order, which is cheaper than sorting in the query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from rotoscope.store._engine import engine as duckdb

__all__ = ["member_rows", "series_rows", "stored_order"]

#: The key column of each table of series.
_KEYS = {"prices": "symbol", "macro": "series_id"}


def stored_order(keys: npt.NDArray[np.integer], dates: npt.NDArray[np.datetime64]
                 ) -> npt.NDArray[np.intp] | None:
    """Return the order that sorts rows by key, then date; ``None`` when they are sorted.

    Rows come in the order they are stored (each series' rows together, by
    date, as the build writes them); a parallel scan may hand stretches of them
    over out of order, and a merge sort puts the few stretches back together in
    about one pass.
    """
    order_key = (keys.astype(np.int64) << 32) + dates.astype(np.int64)
    if not bool(np.any(order_key[1:] <= order_key[:-1])):
        return None
    order: npt.NDArray[np.intp] = np.argsort(order_key, kind="stable")
    return order


def series_rows(con: duckdb.DuckDBPyConnection, table: str, symbols: Sequence[str],
                fields: Sequence[str]) -> Iterator[tuple[str, str, npt.NDArray[np.datetime64],
                                                         npt.NDArray[np.float64]]]:
    """Yield ``(symbol, field, dates, values)`` of every series of ``symbols``, from one query.

    ``table`` is ``prices`` (``fields`` are price fields, each series' missing
    values left out) or ``macro`` (``fields`` is ``["value"]``). A series
    without rows yields empty arrays.
    """
    key = _KEYS[table]
    if table == "prices":
        # a missing value comes as a flag beside a zero: a NULL in a result would make
        # DuckDB hand over masked arrays, whose module costs more to import than the
        # flags cost to read
        columns = ", ".join(f"coalesce({f}, 0.0) AS f{i}, {f} IS NULL AS n{i}"
                            for i, f in enumerate(fields))
    else:
        columns = "value AS f0, false AS n0"
    rows = con.execute(f"SELECT list_position(?, {key})::INTEGER AS k, date, {columns} "
                       f"FROM {table} WHERE list_contains(?, {key})",
                       [list(symbols), list(symbols)]).fetchnumpy()
    keys = np.asarray(rows["k"], dtype=np.int64)
    dates = np.asarray(rows["date"], dtype="datetime64[D]")
    data: dict[str, npt.NDArray[Any]] = {name: np.asarray(rows[name]) for name in rows
                                         if name not in ("k", "date")}
    at = stored_order(keys, dates)
    if at is not None:
        keys, dates = keys[at], dates[at]
        data = {name: column[at] for name, column in data.items()}
    bounds = np.searchsorted(keys, np.arange(1, len(symbols) + 2))  # positions count from 1
    for i, symbol in enumerate(symbols):
        part = slice(int(bounds[i]), int(bounds[i + 1]))
        for j, field in enumerate(fields):
            held = ~data[f"n{j}"][part]
            yield symbol, field, dates[part][held], data[f"f{j}"][part][held]


def member_rows(con: duckdb.DuckDBPyConnection, end: dt.date, start: dt.date) -> tuple[
        npt.NDArray[np.int32], npt.NDArray[np.datetime64], npt.NDArray[np.float64]]:
    """Return the member panel's ``(key, date, adjusted close)`` rows from ``start`` to ``end``.

    See :meth:`rotoscope.store.Store.member_columns`.
    """
    rows = con.execute("SELECT sid, date, adj_close AS v FROM member_prices "
                       "WHERE date <= ? AND date >= ?", [end, start]).fetchnumpy()
    keys = np.asarray(rows["sid"], dtype=np.int32)
    dates = np.asarray(rows["date"], dtype="datetime64[D]")
    values = np.asarray(rows["v"], dtype=np.float64)
    order = stored_order(keys, dates)
    return (keys, dates, values) if order is None else (keys[order], dates[order], values[order])
