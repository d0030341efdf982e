"""Shared conversion of provider tables into the mirror's price layout."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl

from rotoscope.exceptions import EmptyResponseError
from rotoscope.providers._base import FetchQuery, MirrorPiece
from rotoscope.store import PRICE_COLUMNS, symbol_filename

__all__ = ["price_csv", "price_piece"]


def price_csv(
    frame: pl.DataFrame, start: dt.date, end: dt.date
) -> tuple[bytes, int, dt.date, dt.date]:
    """Write ``date`` + price columns as a mirror price file, within ``[start, end]``.

    Missing columns are written empty (never filled from another column).

    Returns
    -------
    (bytes, rows, first_date, last_date)
    """
    cols = [
        pl.col(c).cast(pl.Float64) if c in frame.columns else pl.lit(None, pl.Float64).alias(c)
        for c in PRICE_COLUMNS
    ]
    out = (
        frame.select(pl.col("date").cast(pl.Date), *cols)
        .filter(pl.col("date").is_between(start, end))
        .unique("date", keep="last")
        .sort("date")
    )
    buffer = io.BytesIO()
    out.write_csv(buffer, float_precision=6)
    first, last = out["date"].min(), out["date"].max()
    assert isinstance(first, dt.date)
    assert isinstance(last, dt.date)
    return buffer.getvalue(), out.height, first, last


def price_piece(
    provider: str, symbol: str, frame: pl.DataFrame, query: FetchQuery, source: str, url: str
) -> MirrorPiece:
    """Turn a provider's price table into ``prices/<SYM>.csv``, refusing an empty range.

    Raises
    ------
    EmptyResponseError
        When no row falls inside the query's dates.
    """
    if frame.filter(pl.col("date").is_between(query.start, query.end)).height == 0:
        raise EmptyResponseError(f"{provider}: no rows for {symbol} in {query.start}..{query.end}")
    content, rows, first, last = price_csv(frame, query.start, query.end)
    return MirrorPiece(
        rel=f"prices/{symbol_filename(symbol)}", content=content, kind="prices", symbol=symbol,
        source=source, url=url, rows=rows, first_date=first, last_date=last,
    )
