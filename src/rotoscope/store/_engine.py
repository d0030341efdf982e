"""The DuckDB engine the store opens, loaded without the Python layer it seldom uses.

duckdb 2 ships its engine as the extension module ``_duckdb`` and re-exports it
from the package ``duckdb``, whose own import adds the relational API (a
connection's ``sql``, and a relation's ``pl`` and ``to_arrow_table``) and a
version lookup through ``importlib.metadata``: about 0.15 s on every command,
against 0.04 s for the extension alone (``benchmarks/startup.py``). The store
reads with what the extension defines (``connect``, ``execute``, ``fetchall``,
``fetchnumpy`` and the exception classes, the very objects ``duckdb``
re-exports), so it imports the extension when there is one (duckdb 1.5 has it
too, its connections with the relational API built in) and the package
otherwise (older releases, where the extension is a submodule of the package).

A read that needs the relational API goes through :func:`relation`, which
loads the package first. Code that imports ``duckdb`` itself (Ibis, Polars,
the store's build) is unaffected: a connection opened here is the same object
either way.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb as engine
else:
    try:
        import _duckdb as engine
    except ImportError:  # an older duckdb: no top-level extension module
        import duckdb as engine

__all__ = ["engine", "fetch_numpy", "relation"]


def relation(con: engine.DuckDBPyConnection, sql: str,
             params: list[object] | None = None) -> engine.DuckDBPyRelation:
    """Return ``sql`` with ``params`` as a relation on ``con``, for ``pl()`` or Arrow.

    Loads duckdb's Python layer, which gives connections the relational API
    (a no-op once loaded).
    """
    import duckdb  # noqa: F401  (adds ``sql`` to the connection class)

    return con.sql(sql, params=params)


def fetch_numpy(con: engine.DuckDBPyConnection, sql: str,
                params: list[object]) -> dict[str, Any]:
    """Return the result of ``sql`` with ``params`` as NumPy arrays by column, for many rows.

    A relation hands millions of rows to NumPy faster than a statement does
    (about 40 ms less for the 2.9 million rows of the member panel), but its
    layer costs 0.15 s to import: a relation is used when something has loaded
    duckdb's Python layer already (Ibis, Polars, an earlier frame), a
    statement otherwise. The arrays are the same either way.
    """
    if "duckdb" in sys.modules:
        return relation(con, sql, params).fetchnumpy()
    return con.execute(sql, params).fetchnumpy()
