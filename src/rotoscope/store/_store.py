"""Read access to a built store."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from rotoscope.exceptions import (
    DateOutOfRangeError,
    QueryError,
    SchemaVersionError,
    StoreError,
    StoreMissingError,
    UnknownSymbolError,
)
from rotoscope.store._batch import member_rows, series_rows
from rotoscope.store._coverage import CoverageRow, coverage
from rotoscope.store._engine import engine as duckdb
from rotoscope.store._engine import fetch_numpy, relation
from rotoscope.store._schema import SCHEMA_VERSION

if TYPE_CHECKING:
    import polars as pl  # frames come from DuckDB's .pl(), which loads polars itself
    import pyarrow as pa

__all__ = ["PRICE_FIELDS", "CoverageRow", "Store"]

PRICE_FIELDS = ("open", "high", "low", "close", "adj_close", "volume")
_SERIES_COLUMNS = ("kind", "name", "file", "source", "asset_class", "table_name")
#: A date as days since 1970-01-01, the panel's integer day.
_EPOCH_DAY = "CAST(date - DATE '1970-01-01' AS INTEGER)"

#: The member panel's keyed rows: symbol key, epoch day and value.
KeyedRows = tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.float64]]


class Store:
    """A read-only connection to the DuckDB store.

    The store may be read from many threads at once: :attr:`con` is each
    thread's own connection (a DuckDB cursor of the one opened), so a query never
    waits behind another thread's.

    Parameters
    ----------
    path
        The store file.

    Raises
    ------
    StoreMissingError
        When the file does not exist.
    SchemaVersionError
        When it was built with another schema version.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.is_file():
            raise StoreMissingError(path)
        try:
            self._root = duckdb.connect(str(path), read_only=True)
        except duckdb.Error as exc:
            wal = path.with_name(path.name + ".wal")
            if wal.exists():
                raise StoreError(
                    f"cannot open store {path}: a write-ahead log {wal.name} lies beside it, "
                    "left by a program that opened the store for writing and stopped; run "
                    "'rotoscope init --force' to rebuild the store (the build removes the "
                    "log)") from exc
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        self._owner = threading.get_ident()
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._cursors_lock = threading.Lock()
        try:
            rows = self.con.execute("SELECT max(version) FROM schema_version").fetchall()
        except duckdb.Error:
            rows = []
        found = rows[0][0] if rows else None
        if found != SCHEMA_VERSION:
            self.con.close()
            raise SchemaVersionError(path, found, SCHEMA_VERSION)
        self._symbols: dict[str, str] | None = None
        self._files: dict[str, str] | None = None
        # whole series read once per open store (the connection is read-only, so they
        # cannot go stale); point-in-time views slice them, see PointInTime.series
        self._series: dict[tuple[str, str], tuple[npt.NDArray[np.datetime64],
                                                   npt.NDArray[np.float64], str]] = {}

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """Return this thread's connection to the store (opened on first use)."""
        if threading.get_ident() == self._owner:
            return self._root
        con: duckdb.DuckDBPyConnection | None = getattr(self._local, "con", None)
        if con is None:
            con = self._root.cursor()
            with self._cursors_lock:
                self._cursors.append(con)
            self._local.con = con
        return con

    def close(self) -> None:
        """Close the connection and every thread's."""
        with self._cursors_lock:
            cursors, self._cursors = self._cursors, []
        for cursor in cursors:
            cursor.close()
        self._root.close()

    def frame(self, sql: str, params: list[object] | None = None) -> pl.DataFrame:
        """Run a parameterised query and return the result as a Polars frame."""
        frame: pl.DataFrame = relation(self.con, sql, params or None).pl()
        return frame

    # ------------------------------------------------------------------ lookups
    def symbols(self) -> dict[str, str]:
        """Return symbol to table name (``prices`` or ``macro``) for every series."""
        if self._symbols is None:
            rows = self.con.execute("SELECT symbol, table_name FROM series").fetchall()
            self._symbols = {str(s): str(t) for s, t in rows}
        return self._symbols

    def resolve(self, symbol: str) -> str:
        """Return the stored spelling of ``symbol`` (case-insensitive) or raise.

        Raises
        ------
        UnknownSymbolError
        """
        known = self.symbols()
        if symbol in known:
            return symbol
        upper = {s.upper(): s for s in known}
        if symbol.upper() in upper:
            return upper[symbol.upper()]
        raise UnknownSymbolError(symbol, sorted(known))

    def series_arrays(self, symbol: str, field: str) -> tuple[
            npt.NDArray[np.datetime64], npt.NDArray[np.float64], str]:
        """Return every non-missing ``(date, value)`` of a stored series, and its source file.

        ``symbol`` must be a stored spelling (see :meth:`resolve`) of a price or
        macro series; ``field`` a price field (ignored for macro series). The
        arrays are read once per open store and are read-only: callers slice
        them by date, they never change them.
        """
        price = self.symbols()[symbol] == "prices"
        key = (symbol, field if price else "value")
        if key not in self._series:
            if price:
                sql = (f"SELECT date, {field} AS v FROM prices WHERE symbol = ? "
                       f"AND {field} IS NOT NULL ORDER BY date")
            else:
                sql = "SELECT date, value AS v FROM macro WHERE series_id = ? ORDER BY date"
            rows = self.con.execute(sql, [symbol]).fetchnumpy()
            self._keep(*key, rows["date"], rows["v"])
        return self._series[key]

    def load_series(self, symbols: Sequence[str], fields: Sequence[str] = ()) -> None:
        """Read many series with one query per table, for :meth:`series_arrays` to serve.

        What :meth:`series_arrays` returns afterwards is what it would have read
        one series at a time (every non-missing value of a whole series): a
        caller about to read many series saves a query per series.

        Parameters
        ----------
        symbols
            Stored spellings (see :meth:`resolve`) of price and macro series.
        fields
            The price fields to read of each price series (macro series have one).

        Raises
        ------
        UnknownSymbolError
            For a symbol the store does not hold.
        ValueError
            For a field that is not a price field.
        """
        bad = [f for f in fields if f not in PRICE_FIELDS]
        if bad:
            raise ValueError(f"unknown price field(s) {bad}; choose from {list(PRICE_FIELDS)}")
        known = self.symbols()
        unknown = [s for s in symbols if s not in known]
        if unknown:
            raise UnknownSymbolError(unknown[0], sorted(known))
        # the price series grouped by the fields not read yet: one query per group (the
        # facts read close and adjusted close, so a check after them reads the rest)
        missing: dict[tuple[str, ...], list[str]] = {}
        for symbol in sorted(set(symbols)):
            if known[symbol] == "prices":
                todo = tuple(f for f in dict.fromkeys(fields) if (symbol, f) not in self._series)
                if todo:
                    missing.setdefault(todo, []).append(symbol)
        macro = sorted({s for s in symbols if known[s] == "macro"
                        and (s, "value") not in self._series})
        for todo, prices in missing.items():
            for symbol, field, dates, values in series_rows(self.con, "prices", prices, todo):
                self._keep(symbol, field, dates, values)
        if macro:
            for symbol, field, dates, values in series_rows(self.con, "macro", macro, ["value"]):
                self._keep(symbol, field, dates, values)

    def _keep(self, symbol: str, field: str, dates: npt.ArrayLike, values: npt.ArrayLike) -> None:
        """Cache a series' dates and values, read-only, with its source file."""
        if self._files is None:  # every series' file in one query, not one per series
            self._files = self.series_column("file")
        day = np.asarray(dates, dtype="datetime64[D]")
        value = np.asarray(values, dtype=np.float64)
        day.flags.writeable = False
        value.flags.writeable = False
        self._series[(symbol, field)] = (day, value, self._files.get(symbol, ""))

    def meta(self) -> dict[str, str]:
        """Return the store's metadata (fingerprint, data_dir, built_at, ...)."""
        rows = self.con.execute("SELECT key, value FROM store_meta").fetchall()
        return {str(k): str(v) for k, v in rows}

    def date_range(self, symbol: str) -> tuple[dt.date, dt.date]:
        """Return the first and last date of a series."""
        symbol = self.resolve(symbol)
        table, col = ("prices", "symbol") if self.symbols()[symbol] == "prices" else (
            "macro", "series_id")
        row = self.con.execute(
            f"SELECT min(date), max(date) FROM {table} WHERE {col} = ?", [symbol]
        ).fetchall()[0]
        return row[0], row[1]

    def price_range(self) -> tuple[dt.date, dt.date]:
        """Return the first and last date of any price series in the store.

        Raises
        ------
        QueryError
            When the store holds no prices.
        """
        first, last = self.con.execute("SELECT min(date), max(date) FROM prices").fetchall()[0]
        if first is None:
            raise QueryError(f"the store {self.path} holds no prices")
        return first, last

    def sessions(self) -> list[dt.date]:
        """Return every date of any price series, oldest first: the store's sessions."""
        rows = self.con.execute("SELECT DISTINCT date FROM prices ORDER BY date").fetchall()
        return [r[0] for r in rows]

    def last_dates(self, symbols: Sequence[str], field: str = "adj_close") -> dict[str, dt.date]:
        """Return each price series' last date with a value of ``field``.

        Symbols are stored spellings; one without such a value is left out.
        """
        if field not in PRICE_FIELDS:
            raise ValueError(f"unknown price field {field!r}; choose from {list(PRICE_FIELDS)}")
        rows = self.con.execute(
            f"SELECT symbol, max(date) FROM prices WHERE {field} IS NOT NULL "
            "AND symbol IN (SELECT unnest(?)) GROUP BY symbol", [list(symbols)]).fetchall()
        return {str(s): d for s, d in rows}

    def series_column(self, column: str) -> dict[str, str]:
        """Return one text column of the series table by symbol (``kind``, ``name``, ``file``).

        Raises
        ------
        ValueError
            For a column the series table does not have.
        """
        if column not in _SERIES_COLUMNS:
            raise ValueError(f"the series table has no column {column!r}; choose from "
                             f"{list(_SERIES_COLUMNS)}")
        rows = self.con.execute(f'SELECT symbol, "{column}" FROM series').fetchall()
        return {str(s): str(v) for s, v in rows}

    def series_kinds(self) -> dict[str, str]:
        """Return each series' kind (``index``, ``etf``, ``macro``...) by symbol."""
        return self.series_column("kind")

    def file_checksums(self) -> list[tuple[str, str]]:
        """Return every loaded file with its SHA-256 checksum, by file name."""
        rows = self.con.execute("SELECT file, checksum FROM provenance ORDER BY file").fetchall()
        return [(str(f), str(c)) for f, c in rows]

    def files_fingerprint(self) -> str:
        """Return a short hash of every loaded file and its checksum: which data a result used."""
        text = "".join(f"{f}:{c};" for f, c in self.file_checksums())
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def file_sources(self) -> dict[str, tuple[str, str]]:
        """Return each loaded file's source description and checksum."""
        rows = self.con.execute("SELECT file, source, checksum FROM provenance").fetchall()
        return {str(f): (str(s), str(c)) for f, s, c in rows}

    def source_file(self, kind: str | None = None, like: str | None = None) -> str | None:
        """Return the first loaded file of a kind and/or a name pattern, or ``None``.

        Parameters
        ----------
        kind
            The provenance kind (``member_prices``, ``factors``...).
        like
            A SQL ``LIKE`` pattern on the file name.
        """
        sql, params = "SELECT file FROM provenance WHERE true", list[object]()
        if kind is not None:
            sql, params = sql + " AND kind = ?", [*params, kind]
        if like is not None:
            sql, params = sql + " AND file LIKE ?", [*params, like]
        rows = self.con.execute(sql + " LIMIT 1", params).fetchall()
        return str(rows[0][0]) if rows else None

    # ------------------------------------------------------------------ members
    def members(self) -> dict[str, str]:
        """Return the index members' companies by symbol (empty for a store without them)."""
        try:
            rows = self.con.execute("SELECT symbol, company FROM members").fetchall()
        except duckdb.CatalogException:  # a store built without the member list
            return {}
        return {str(s): str(c) for s, c in rows}

    def member(self, symbol: str) -> tuple[str, str] | None:
        """Return a member's stored spelling and file (case-insensitive), or ``None``."""
        rows = self.con.execute(
            "SELECT symbol, file FROM members WHERE upper(symbol) = upper(?)", [symbol]
        ).fetchall()
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    def member_range(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> tuple[dt.date | None, dt.date | None]:
        """Return the first and last date of the member closes within inclusive bounds.

        Either is ``None`` when no member close lies within the bounds.
        """
        sql, params = "SELECT min(date), max(date) FROM member_prices WHERE true", list[object]()
        if start is not None:
            sql, params = sql + " AND date >= ?", [*params, start]
        if end is not None:
            sql, params = sql + " AND date <= ?", [*params, end]
        row = self.con.execute(sql, params).fetchall()[0]
        return row[0], row[1]

    def member_extent(self) -> tuple[dt.date | None, dt.date | None, int]:
        """Return the first and last date of the member closes and how many rows there are."""
        try:
            row = self.con.execute(
                "SELECT min(date), max(date), count(*) FROM member_prices").fetchone()
        except duckdb.CatalogException:  # a store built without the member panel
            return None, None, 0
        return (row[0], row[1], int(row[2])) if row else (None, None, 0)

    def has_values(self, symbol: str, field: str) -> bool:
        """Whether the price series ``symbol`` holds any value of ``field``."""
        if field not in PRICE_FIELDS:
            raise ValueError(f"not a price field: {field}")
        row = self.con.execute(f"SELECT count(*) FROM prices WHERE symbol = ? AND {field} "
                               "IS NOT NULL", [symbol]).fetchone()
        return bool(row and row[0])

    def member_arrays(self, symbol: str, end: dt.date) -> tuple[
            npt.NDArray[np.datetime64], npt.NDArray[np.float64]]:
        """Return a member's ``(date, adjusted close)`` arrays up to ``end``, oldest first."""
        rows = self.con.execute(
            "SELECT date, adj_close AS v FROM member_prices WHERE symbol = ? AND date <= ? "
            "ORDER BY date", [symbol, end]).fetchnumpy()
        return (np.asarray(rows["date"], dtype="datetime64[D]"),
                np.asarray(rows["v"], dtype=np.float64))

    def member_columns(self, end: dt.date, start: dt.date) -> tuple[
            npt.NDArray[np.int32], npt.NDArray[np.datetime64], npt.NDArray[np.float64]]:
        """Return every member's ``(key, date, adjusted close)`` rows from ``start`` to ``end``.

        Both bounds are inclusive; a NaN close is kept (callers drop it). The
        rows are ordered by member key, then date, as NumPy arrays (``int32``,
        ``datetime64[D]``, ``float64``): the breadth facts count them without a
        frame.
        """
        return member_rows(self.con, end, start)

    def factor_arrays(self, dataset: str, column: str, end: dt.date) -> tuple[
            npt.NDArray[np.datetime64], npt.NDArray[np.float64]]:
        """Return a French column's ``(date, percent)`` arrays up to ``end``, oldest first."""
        rows = self.con.execute(
            'SELECT date, value_pct AS v FROM factors WHERE dataset = ? AND "column" = ? '
            "AND date <= ? ORDER BY date", [dataset, column, end]).fetchnumpy()
        return (np.asarray(rows["date"], dtype="datetime64[D]"),
                np.asarray(rows["v"], dtype=np.float64))

    # -------------------------------------------------------------- panel rows
    def member_row_count(self, end: dt.date, start: dt.date | None = None) -> int:
        """Return how many member rows lie on or before ``end`` (and from ``start`` on)."""
        where, params = self._member_window(end, start)
        row = self.con.execute(f"SELECT count(*) FROM member_prices WHERE {where}",
                               params).fetchone()
        return int(row[0]) if row else 0

    def member_keyed_rows(self, end: dt.date, start: dt.date | None = None
                          ) -> tuple[list[str], KeyedRows]:
        """Return the member symbols by key and their adjusted closes keyed by integer.

        The rows are three NumPy arrays, ``(sid, epoch day, v)`` (``int32``,
        ``int32``, ``float64``), up to ``end`` (from ``start`` on when given), NaN
        closes left out; ``sid`` indexes the returned symbols. Rows cross as
        integer keys and days because handing text symbols over copies each
        string out of DuckDB's dictionary, and they cross as NumPy arrays so that
        reading them imports no pyarrow.
        """
        where, params = self._member_window(end, start)
        names = self._member_names()
        rows = fetch_numpy(self.con, f"SELECT sid, {_EPOCH_DAY} AS day, adj_close AS v "
                           f"FROM member_prices WHERE {where} AND NOT isnan(adj_close)", params)
        return names, (_plain(rows["sid"]), _plain(rows["day"]), _plain(rows["v"]))

    def _member_names(self) -> list[str]:
        """Return the member symbols in key order (``sid`` indexes the list)."""
        rows = self.con.execute("SELECT symbol FROM member_symbols ORDER BY sid").fetchall()
        return [str(r[0]) for r in rows]

    def member_keyed_table(self, end: dt.date, start: dt.date | None = None
                           ) -> tuple[list[str], pa.Table]:
        """Return what :meth:`member_keyed_rows` returns, the rows as an Arrow table.

        The table's columns are ``sid``, ``date`` (``date32``) and ``v``. DuckDB
        hands many rows over faster as Arrow than as NumPy, which pays for
        importing pyarrow from about ten million rows on.
        """
        where, params = self._member_window(end, start)
        names = self._member_names()
        # a relation hands Arrow over without the extra copy of a cursor's result
        rows: pa.Table = relation(
            self.con, f"SELECT sid, date, adj_close AS v FROM member_prices WHERE {where} "
            "AND NOT isnan(adj_close)", params).to_arrow_table()
        return names, rows

    def value_rows(self, symbol: str, end: dt.date,
                   field: str = "adj_close") -> tuple[npt.NDArray[np.int32],
                                                      npt.NDArray[np.float64]]:
        """Return a price series' epoch days and values of ``field`` up to ``end``, without gaps.

        Two NumPy arrays (``int32`` days since 1970-01-01, ``float64`` values);
        missing and NaN values are left out.
        """
        if field not in PRICE_FIELDS:
            raise ValueError(f"not a price field: {field}")
        rows = self.con.execute(
            f"SELECT {_EPOCH_DAY} AS day, {field} AS v FROM prices WHERE symbol = ? "
            f"AND date <= ? AND {field} IS NOT NULL AND NOT isnan({field})",
            [symbol, end]).fetchnumpy()
        return _plain(rows["day"]), _plain(rows["v"])

    def ibis_backend(self) -> Any:
        """Return an Ibis DuckDB backend over this thread's connection to the store.

        The panel's window expressions run on it when the dense arrays do not
        serve (see :mod:`rotoscope.analytics.panel`).
        """
        import ibis

        return ibis.duckdb.from_connection(self.con)

    @staticmethod
    def _member_window(end: dt.date, start: dt.date | None) -> tuple[str, list[object]]:
        if start is None:
            return "date <= ?", [end]
        return "date <= ? AND date >= ?", [end, start]

    # ------------------------------------------------------------------- frames
    def prices(
        self,
        symbol: str,
        start: dt.date | None = None,
        end: dt.date | None = None,
        fields: tuple[str, ...] = PRICE_FIELDS,
    ) -> pl.DataFrame:
        """Return daily prices of one symbol, oldest first.

        Parameters
        ----------
        symbol
            A symbol of the store (case-insensitive).
        start, end
            Inclusive date bounds; ``None`` means unbounded.
        fields
            Columns to return besides ``date``.

        Returns
        -------
        polars.DataFrame
            ``date`` plus ``fields``; missing values are null, never filled. For a
            macro or indicator series (``DGS10``, ``ABV50``) the columns are
            ``date, value`` whatever ``fields`` says.

        Raises
        ------
        UnknownSymbolError, DateOutOfRangeError, ValueError
        """
        symbol = self.resolve(symbol)
        bad = [f for f in fields if f not in PRICE_FIELDS]
        if bad:
            raise ValueError(f"unknown price field(s) {bad}; choose from {list(PRICE_FIELDS)}")
        if self.symbols()[symbol] != "prices":
            return self.macro(symbol, start, end)
        self._check_range(symbol, start, end)
        cols = ", ".join(["date", *fields])
        return self._dated(f"SELECT {cols} FROM prices WHERE symbol = ?", symbol, start, end)

    def all_prices(self) -> pl.DataFrame:
        """Return the whole ``prices`` table (every symbol, every column), as stored."""
        return self.frame("SELECT * FROM prices")

    def macro(
        self, series_id: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> pl.DataFrame:
        """Return a macro or indicator series as ``date, value``, oldest first."""
        series_id = self.resolve(series_id)
        self._check_range(series_id, start, end)
        return self._dated("SELECT date, value FROM macro WHERE series_id = ?", series_id, start,
                           end)

    def _dated(
        self, sql: str, key: str, start: dt.date | None, end: dt.date | None
    ) -> pl.DataFrame:
        """Run ``sql`` (one ``?`` for ``key``) with optional inclusive date bounds, by date."""
        params: list[object] = [key]
        if start is not None:
            sql += " AND date >= ?"
            params.append(start)
        if end is not None:
            sql += " AND date <= ?"
            params.append(end)
        return self.frame(sql + " ORDER BY date", params)

    def factors(self, dataset: str, column: str) -> pl.DataFrame:
        """Return one French library column as ``date, value_pct`` (percent), oldest first.

        Raises
        ------
        UnknownSymbolError
            When the dataset or column is not in the store.
        """
        frame = self.frame(
            'SELECT date, value_pct FROM factors WHERE dataset = ? AND "column" = ? ORDER BY date',
            [dataset, column],
        )
        if frame.height == 0:
            known = [
                f"{d}/{c}"
                for d, c in self.con.execute(
                    'SELECT DISTINCT dataset, "column" FROM factors'
                ).fetchall()
            ]
            raise UnknownSymbolError(f"{dataset}/{column}", known)
        return frame

    def _check_range(self, symbol: str, start: dt.date | None, end: dt.date | None) -> None:
        if start is None and end is None:
            return
        first, last = self.date_range(symbol)
        if start is not None and start > last:
            raise DateOutOfRangeError("start", start, first, last)
        if end is not None and end < first:
            raise DateOutOfRangeError("end", end, first, last)
        if start is not None and end is not None and start > end:
            raise ValueError(f"start {start} is after end {end}")

    # ----------------------------------------------------------------- coverage
    def coverage(self, include_members: bool = False) -> list[CoverageRow]:
        """Return one :class:`CoverageRow` per series of the store.

        Price and macro series come first, then one row per French dataset,
        then the member panel (one row, or one per member with
        ``include_members``).
        """
        return coverage(self.con, include_members)

    def provenance(self) -> pl.DataFrame:
        """Return the provenance table: one row per loaded file."""
        return self.frame("SELECT * FROM provenance ORDER BY file")


def _plain(column: Any) -> Any:
    """Return a column of ``fetchnumpy`` as a plain NumPy array.

    Raises
    ------
    StoreError
        When it holds a null (the panel's rows never should).
    """
    if isinstance(column, np.ma.MaskedArray):
        if bool(np.ma.getmaskarray(column).any()):
            raise StoreError("the member panel's rows hold a null: rebuild the store with "
                             "'rotoscope init --force'")
        return column.data
    return column

