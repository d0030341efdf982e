"""FRED (Federal Reserve Bank of St. Louis) via its keyless CSV download.

Query: one request per series to ``fredgraph.csv?id=SERIES&cosd=START&coed=END``.
Payload: ``observation_date,SERIES`` (older answers say ``DATE``), one row per
observation, ``.`` or empty where FRED has no value. Output: the series'
column in ``macro/fred_daily.csv`` (wide), other columns of that file kept.
"""

from __future__ import annotations

import io

import polars as pl

from rotoscope.exceptions import EmptyResponseError, ProviderError
from rotoscope.providers._base import FetchQuery, MirrorPiece, Provider, Request

__all__ = ["FredProvider"]

FRED_CSV = "https://fred.stlouisfed.org/graph/fredgraph.csv"


class FredProvider(Provider):
    """Daily and monthly FRED series (rates, dollar) as ``macro/fred_daily.csv``."""

    name = "fred"
    aliases = ("fred-csv", "stlouisfed")
    description = "FRED, Federal Reserve Bank of St. Louis (keyless CSV download)"

    def transform_query(self, query: FetchQuery) -> list[Request]:
        """Build one ``fredgraph.csv`` request per series id."""
        return [
            Request(
                symbol=s.upper(),
                url=FRED_CSV,
                params={"id": s.upper(), "cosd": query.start.isoformat(),
                        "coed": query.end.isoformat()},
            )
            for s in query.symbols
        ]

    def check_body(self, request: Request, body: bytes) -> None:
        """Reject empty bodies and the HTML page FRED serves for unknown ids."""
        super().check_body(request, body)
        head = body[:200].lower()
        if b"<html" in head or b"<!doctype" in head:
            raise EmptyResponseError(
                f"fred: '{request.symbol}' is not a FRED series id (got an HTML page)"
            )

    def transform_data(self, request: Request, payload: bytes, query: FetchQuery) -> MirrorPiece:
        """Parse the CSV, turn ``.`` into missing and keep rows inside the range."""
        try:
            raw = pl.read_csv(io.BytesIO(payload), infer_schema=False)
        except pl.exceptions.PolarsError as exc:
            raise ProviderError(f"fred: answer for {request.symbol} is not CSV: {exc}") from exc
        date_col = next((c for c in raw.columns if c.lower() in ("observation_date", "date")), None)
        if date_col is None or request.symbol not in raw.columns:
            raise ProviderError(
                f"fred: answer for {request.symbol} has columns {raw.columns}, "
                f"expected observation_date and {request.symbol}"
            )
        frame = raw.select(
            pl.col(date_col).str.strptime(pl.Date, "%Y-%m-%d", strict=False).alias("date"),
            pl.when(pl.col(request.symbol).str.strip_chars().is_in([".", ""]))
            .then(None)
            .otherwise(pl.col(request.symbol))
            .cast(pl.Float64, strict=False)
            .alias(request.symbol),
        ).filter(pl.col("date").is_between(query.start, query.end))
        frame = frame.drop_nulls("date").sort("date")
        values = frame.drop_nulls(request.symbol)
        if values.height == 0:
            raise EmptyResponseError(
                f"fred: no observations of {request.symbol} in {query.start}..{query.end}"
            )
        buffer = io.BytesIO()
        frame.write_csv(buffer)
        first, last = values["date"].min(), values["date"].max()
        return MirrorPiece(
            rel="macro/fred_daily.csv",
            content=buffer.getvalue(),
            kind="macro",
            symbol=request.symbol,
            source=f"FRED series {request.symbol}, Federal Reserve Bank of St. Louis",
            url=f"{request.url}?id={request.symbol}",
            rows=values.height,
            first_date=first,  # type: ignore[arg-type]
            last_date=last,  # type: ignore[arg-type]
            merge_columns=(request.symbol,),
        )
