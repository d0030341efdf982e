"""Reading the rows of Ibis tables on a DuckDB backend for the dense arrays.

The tables are the caller's, on the backend the caller chose (the store's own
member panel is read by :meth:`rotoscope.store.Store.member_keyed_rows`).
DuckDB does the relational part, numbering the symbols;
:func:`rotoscope.analytics.panel._arrays.panel_arrays` does the rest.

Handing rows over with text symbols costs far more than the computation on
them (each string is copied out of DuckDB's dictionary into Arrow), so the rows
cross as integer keys, numbered here first in a temporary table.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rotoscope.analytics.panel._arrays import fits

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["text_keyed"]


@contextlib.contextmanager
def _symbol_keys(backend: Any, rows_sql: str) -> Iterator[str]:
    """Yield a temporary table numbering the symbols of ``rows_sql``: ``symbol``, ``sid``, ``n``.

    Symbols are numbered (``sid``, from 0) in sort order; ``n`` counts their
    rows. The table is dropped on exit. Temporary tables live in memory, so a
    read-only store allows them.
    """
    name = f"rotoscope_keys_{uuid.uuid4().hex}"
    backend.raw_sql(f"CREATE TEMPORARY TABLE {name} AS SELECT symbol, "
                f"CAST(row_number() OVER (ORDER BY symbol) - 1 AS INTEGER) AS sid, "
                f"count(*) AS n FROM ({rows_sql}) GROUP BY symbol")
    try:
        yield name
    finally:
        backend.raw_sql(f"DROP TABLE IF EXISTS temp.{name}")


def text_keyed(backend: Any, rows_sql: str) -> tuple[list[str], pa.Table] | None:
    """Return the text symbols of ``rows_sql``, numbered, and their rows by number.

    ``backend`` is an Ibis DuckDB backend; ``rows_sql`` yields ``symbol``,
    ``date`` and ``v``; the rows come back as ``(sid, date, v)``. None when
    there are none, or too many for the arrays.
    """
    with _symbol_keys(backend, rows_sql) as keys:
        found = backend.raw_sql(f"SELECT count(*), sum(n) FROM {keys}").fetchone()
        if not found or not found[0] or not fits(1, 1, int(found[1])):
            return None
        names = [r[0] for r in
                 backend.raw_sql(f"SELECT symbol FROM {keys} ORDER BY sid").fetchall()]
        # a relation hands Arrow over without the extra copy of a cursor's result
        rows: pa.Table = backend.con.sql(f"SELECT k.sid, m.date, m.v FROM ({rows_sql}) AS m "
                                         f"JOIN {keys} AS k USING (symbol)").to_arrow_table()
    return names, rows

