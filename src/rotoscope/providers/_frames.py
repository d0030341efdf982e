"""Shared conversion of provider tables into the mirror's price layout."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl

from rotoscope.store._mirror import PRICE_COLUMNS

__all__ = ["price_csv"]


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
