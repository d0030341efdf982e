"""The store's coverage: one row per series, as ``rotoscope data status`` lists it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rotoscope.store._engine import engine as duckdb

__all__ = ["CoverageRow", "coverage"]


@dataclass(frozen=True)
class CoverageRow:
    """One series of the store, as ``rotoscope data status`` lists it."""

    symbol: str
    name: str
    kind: str
    category: str | None
    first_date: dt.date | None
    last_date: dt.date | None
    rows: int
    fields: tuple[str, ...]
    field_last_dates: dict[str, str]
    source: str
    file: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        return {
            "symbol": self.symbol,
            "name": self.name,
            "kind": self.kind,
            "category": self.category,
            "first_date": self.first_date.isoformat() if self.first_date else None,
            "last_date": self.last_date.isoformat() if self.last_date else None,
            "rows": self.rows,
            "fields": list(self.fields),
            "field_last_dates": self.field_last_dates,
            "source": self.source,
            "file": self.file,
        }


def coverage(con: duckdb.DuckDBPyConnection, include_members: bool) -> list[CoverageRow]:
    """Return one :class:`CoverageRow` per series of the store behind ``con``.

    See :meth:`rotoscope.store.Store.coverage`.
    """
    out: list[CoverageRow] = []
    price_rows = con.execute(
        """
        SELECT s.symbol, s.name, s.kind, s.category, min(p.date), max(p.date), count(*),
               count(p.open), count(p.high), count(p.low), count(p.close),
               count(p.adj_close), count(p.volume),
               max(p.date) FILTER (WHERE p.close IS NOT NULL),
               max(p.date) FILTER (WHERE p.adj_close IS NOT NULL),
               s.source, s.file
        FROM series s JOIN prices p ON p.symbol = s.symbol
        GROUP BY ALL ORDER BY s.symbol
        """
    ).fetchall()
    for r in price_rows:
        counts = dict(zip(("open", "high", "low", "close", "adj_close", "volume"), r[7:13],
                          strict=True))
        fields = tuple(f for f, n in counts.items() if n)
        last_by_field = {
            "close": r[13].isoformat() if r[13] else None,
            "adj_close": r[14].isoformat() if r[14] else None,
        }
        out.append(CoverageRow(
            symbol=r[0], name=r[1], kind=r[2], category=r[3], first_date=r[4],
            last_date=r[5], rows=int(r[6]), fields=fields,
            field_last_dates={k: v for k, v in last_by_field.items() if v},
            source=r[15], file=r[16],
        ))
    macro_rows = con.execute(
        """
        SELECT s.symbol, s.name, s.kind, s.category, min(m.date), max(m.date), count(*),
               s.source, s.file
        FROM series s JOIN macro m ON m.series_id = s.symbol
        GROUP BY ALL ORDER BY s.symbol
        """
    ).fetchall()
    for r in macro_rows:
        out.append(CoverageRow(
            symbol=r[0], name=r[1], kind=r[2], category=r[3], first_date=r[4],
            last_date=r[5], rows=int(r[6]), fields=("value",),
            field_last_dates={"value": r[5].isoformat()}, source=r[7], file=r[8],
        ))
    factor_rows = con.execute(
        """
        SELECT dataset, min(date), max(date), count(*),
               list(DISTINCT "column" ORDER BY "column")
        FROM factors GROUP BY dataset ORDER BY dataset
        """
    ).fetchall()
    # A French dataset is named after its file (see store._french.dataset_name).
    from rotoscope.store._french import dataset_name

    factor_files = {
        dataset_name(Path(file)): (str(file), str(source))
        for file, source in con.execute(
            "SELECT file, source FROM provenance WHERE kind = 'factors'"
        ).fetchall()
    }
    for r in factor_rows:
        file, source = factor_files.get(r[0], ("", ""))
        out.append(CoverageRow(
            symbol=r[0], name=f"Kenneth French: {r[0]}", kind="factor", category="factors",
            first_date=r[1], last_date=r[2], rows=int(r[3]), fields=tuple(r[4]),
            field_last_dates={}, source=source, file=file,
        ))
    if include_members:
        member_rows = con.execute(
            """
            SELECT m.symbol, coalesce(m.company, m.symbol), m.sector,
                   min(p.date), max(p.date), count(p.date)
            FROM members m LEFT JOIN member_prices p ON p.symbol = m.symbol
            GROUP BY ALL ORDER BY m.symbol
            """
        ).fetchall()
        src = _member_source(con)
        for r in member_rows:
            out.append(CoverageRow(
                symbol=r[0], name=r[1], kind="member", category=r[2], first_date=r[3],
                last_date=r[4], rows=int(r[5]), fields=("adj_close",) if r[5] else (),
                field_last_dates={}, source=src[0], file=src[1],
            ))
    else:
        panel = con.execute(
            "SELECT count(DISTINCT symbol), min(date), max(date), count(*) FROM member_prices"
        ).fetchall()[0]
        if panel[3]:
            src = _member_source(con)
            out.append(CoverageRow(
                symbol="SP500-MEMBERS", name=f"S&P 500 member panel ({panel[0]} members)",
                kind="panel", category="breadth", first_date=panel[1], last_date=panel[2],
                rows=int(panel[3]), fields=("adj_close",), field_last_dates={},
                source=src[0], file=src[1],
            ))
    return out


def _member_source(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    rows = con.execute(
        "SELECT source, file FROM provenance WHERE kind = 'member_prices' LIMIT 1"
    ).fetchall()
    return (str(rows[0][0]), str(rows[0][1])) if rows else ("", "")
