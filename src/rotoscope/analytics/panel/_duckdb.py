"""Reading a panel's rows out of DuckDB for the dense arrays, with SQL only.

DuckDB does the relational part: the as-of filter, the symbol keys and the
benchmark's rows; :func:`rotoscope.analytics.panel._arrays.panel_arrays` does
the rest. Nothing here imports Ibis or pandas.

Handing rows over with text symbols costs far more than the computation on
them (each string is copied out of DuckDB's dictionary into Arrow), so the rows
cross as integer keys: the store's member panel carries them (``sid``, with the
``member_symbols`` table naming them); any other table has its symbols numbered
here first, in a temporary table.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rotoscope.analytics.panel._arrays import fits

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["has_member_keys", "member_rows", "text_keyed"]


def has_member_keys(con: Any) -> bool:
    """Whether the store's member panel carries integer symbol keys."""
    found = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'member_prices' "
        "AND column_name = 'sid' AND NOT internal").fetchone()
    return bool(found and found[0])


def member_rows(con: Any, day: dt.date,
                since: dt.date | None = None) -> tuple[list[str], pa.Table] | None:
    """Return the member symbols and their keyed rows ``(sid, date, v)`` up to ``day``.

    Rows from ``since`` on when given. None when they are too many for the
    arrays (:func:`~rotoscope.analytics.panel._arrays.fits`).
    """
    where = "date <= ?" + (" AND date >= ?" if since is not None else "")
    params: list[Any] = [day] + ([since] if since is not None else [])
    found = con.execute(f"SELECT count(*) FROM member_prices WHERE {where}", params).fetchone()
    if not fits(1, 1, int(found[0] if found else 0)):
        return None
    names = [r[0] for r in con.execute("SELECT symbol FROM member_symbols ORDER BY sid").fetchall()]
    rows = con.sql(f"SELECT sid, date, adj_close AS v FROM member_prices WHERE {where} "
                   f"AND NOT isnan(adj_close)", params=params).to_arrow_table()
    return names, rows


@contextlib.contextmanager
def _symbol_keys(con: Any, rows_sql: str) -> Iterator[str]:
    """Yield a temporary table numbering the symbols of ``rows_sql``: ``symbol``, ``sid``, ``n``.

    Symbols are numbered (``sid``, from 0) in sort order; ``n`` counts their
    rows. The table is dropped on exit. Temporary tables live in memory, so a
    read-only store allows them.
    """
    name = f"rotoscope_keys_{uuid.uuid4().hex}"
    con.execute(f"CREATE TEMPORARY TABLE {name} AS SELECT symbol, "
                f"CAST(row_number() OVER (ORDER BY symbol) - 1 AS INTEGER) AS sid, "
                f"count(*) AS n FROM ({rows_sql}) GROUP BY symbol")
    try:
        yield name
    finally:
        con.execute(f"DROP TABLE IF EXISTS temp.{name}")


def text_keyed(con: Any, rows_sql: str) -> tuple[list[str], pa.Table] | None:
    """Return the text symbols of ``rows_sql``, numbered, and their rows by number.

    ``rows_sql`` yields ``symbol``, ``date`` and ``v``; the rows come back as
    ``(sid, date, v)``. None when there are none, or too many for the arrays.
    """
    with _symbol_keys(con, rows_sql) as keys:
        found = con.execute(f"SELECT count(*), sum(n) FROM {keys}").fetchone()
        if not found or not found[0] or not fits(1, 1, int(found[1])):
            return None
        names = [r[0] for r in con.execute(f"SELECT symbol FROM {keys} ORDER BY sid").fetchall()]
        rows = con.sql(f"SELECT k.sid, m.date, m.v FROM ({rows_sql}) AS m "
                       f"JOIN {keys} AS k USING (symbol)").to_arrow_table()
    return names, rows

