"""Stooq daily prices via its CSV download.

Query: ``q/d/l/?s=SYMBOL&i=d&d1=YYYYMMDD&d2=YYYYMMDD``; US listings take a
``.us`` suffix and the main US indices have their own names (``^spx``,
``^ndq``, ``^dji``). Payload: ``Date,Open,High,Low,Close,Volume``. Stooq says
"No data" for unknown symbols and "Exceeded the daily hits limit" when rate
limited. Stooq publishes no separate dividend-adjusted close, so ``adj_close``
stays empty: a Stooq mirror quotes prices but cannot give total returns.
"""

from __future__ import annotations

import io

import polars as pl

from rotoscope.exceptions import EmptyResponseError, ProviderError, RateLimitError
from rotoscope.providers._base import FetchQuery, MirrorPiece, Provider, Request
from rotoscope.providers._frames import price_piece

__all__ = ["StooqProvider", "stooq_symbol"]

STOOQ_CSV = "https://stooq.com/q/d/l/"
_INDEX_NAMES = {"^GSPC": "^spx", "^IXIC": "^ndq", "^DJI": "^dji", "^VIX": "^vix"}


def stooq_symbol(symbol: str) -> str:
    """Return Stooq's name for a Yahoo-style symbol (``SPY`` is ``spy.us``)."""
    if symbol.upper() in _INDEX_NAMES:
        return _INDEX_NAMES[symbol.upper()]
    if symbol.startswith("^") or "." in symbol:
        return symbol.lower()
    return f"{symbol.lower()}.us"


class StooqProvider(Provider):
    """Daily OHLCV from Stooq (no dividend-adjusted close)."""

    name = "stooq"
    aliases = ("stooq.com",)
    description = "Stooq (stooq.com) daily CSV"

    def transform_query(self, query: FetchQuery) -> list[Request]:
        """Build one CSV request per symbol."""
        return [
            Request(
                symbol=s,
                url=STOOQ_CSV,
                params={"s": stooq_symbol(s), "i": "d",
                        "d1": query.start.strftime("%Y%m%d"), "d2": query.end.strftime("%Y%m%d")},
            )
            for s in query.symbols
        ]

    def check_body(self, request: Request, body: bytes) -> None:
        """Map Stooq's plain-text refusals to clear errors."""
        super().check_body(request, body)
        text = body[:200].decode("utf-8", errors="replace").strip().lower()
        if "exceeded the daily hits limit" in text:
            raise RateLimitError("stooq: daily request limit exceeded; try again tomorrow")
        if text.startswith("no data"):
            raise EmptyResponseError(f"stooq: no data for '{request.symbol}'")

    def transform_data(self, request: Request, payload: bytes, query: FetchQuery) -> MirrorPiece:
        """Rename Stooq's columns to the mirror's and keep the asked range."""
        try:
            raw = pl.read_csv(io.BytesIO(payload), infer_schema=False)
        except pl.exceptions.PolarsError as exc:
            raise ProviderError(f"stooq: answer for {request.symbol} is not CSV: {exc}") from exc
        names = {c.lower(): c for c in raw.columns}
        if not {"date", "close"} <= set(names):
            raise ProviderError(
                f"stooq: answer for {request.symbol} has columns {raw.columns}, "
                "expected Date,Open,High,Low,Close,Volume"
            )
        frame = raw.select(
            pl.col(names["date"]).str.strptime(pl.Date, "%Y-%m-%d", strict=False).alias("date"),
            *[pl.col(names[c]).cast(pl.Float64, strict=False).alias(c)
              for c in ("open", "high", "low", "close", "volume") if c in names],
        ).drop_nulls("date")
        return price_piece(
            self.name, request.symbol, frame, query,
            source=f"Stooq daily CSV for {stooq_symbol(request.symbol)} (no adj_close)",
            url=f"{STOOQ_CSV}?s={stooq_symbol(request.symbol)}&i=d",
        )
