"""Yahoo Finance through yfinance (the optional extra ``rotoscope[yahoo]``).

Query: one request per symbol for Yahoo's daily chart. Extract: yfinance's
``Ticker.history(auto_adjust=False)``, which returns raw OHLC, the
dividend-adjusted ``Adj Close`` and volume. When a transport is injected,
yfinance's own HTTP session is routed through it (a ``requests`` adapter over the
``httpx`` transport), so tests exercise yfinance's real parsing on recorded
answers. Transform: ``Close`` becomes ``close`` and ``Adj Close`` becomes
``adj_close``; they are never swapped or filled from each other.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import io
import time
import warnings
from collections.abc import Iterator
from typing import Any

import httpx
import polars as pl

from rotoscope.exceptions import (
    ConfigError,
    EmptyResponseError,
    ProviderError,
    ProviderNetworkError,
    RateLimitError,
)
from rotoscope.providers._base import FetchQuery, MirrorPiece, Provider, Request
from rotoscope.providers._frames import price_piece

__all__ = ["YahooProvider"]

CHART_URL = "https://query2.finance.yahoo.com/v8/finance/chart/{symbol}"


def _yfinance() -> Any:
    try:
        import yfinance
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ConfigError(
            "the Yahoo provider needs yfinance: pip install 'rotoscope[yahoo]'"
        ) from exc
    return yfinance


def _store_cookie(session: Any, header: str, host: str) -> None:
    """Put one ``Set-Cookie`` header into a requests session's jar, expiry included."""
    from http.cookies import SimpleCookie

    from requests.cookies import create_cookie

    jar: SimpleCookie = SimpleCookie()
    jar.load(header)
    for name, morsel in jar.items():
        expires: int | None = None
        if morsel["max-age"]:
            expires = int(time.time()) + int(morsel["max-age"])
        elif morsel["expires"]:
            expires = int(email.utils.parsedate_to_datetime(morsel["expires"]).timestamp())
        domain = morsel["domain"] or "." + ".".join(host.split(".")[-2:])
        session.cookies.set_cookie(
            create_cookie(name, morsel.value, domain=domain, path=morsel["path"] or "/",
                          expires=expires)
        )


def _session_over(transport: httpx.BaseTransport) -> Any:
    """Return a ``requests.Session`` whose every request goes through ``transport``."""
    import requests
    from requests.adapters import BaseAdapter
    from requests.structures import CaseInsensitiveDict

    session = requests.Session()

    class _Bridge(BaseAdapter):
        def send(  # type: ignore[override]
            self, request: requests.PreparedRequest, **kwargs: Any
        ) -> requests.Response:
            body = request.body if isinstance(request.body, bytes) else (
                request.body.encode() if isinstance(request.body, str) else b"")
            answer = transport.handle_request(
                httpx.Request(
                    request.method or "GET", str(request.url),
                    headers={k: str(v) for k, v in request.headers.items()}, content=body,
                )
            )
            answer.read()
            response = requests.Response()
            response.status_code = answer.status_code
            response._content = answer.content
            response.headers = CaseInsensitiveDict(answer.headers)
            response.url = str(request.url)
            response.request = request
            response.encoding = answer.encoding
            for raw in answer.headers.get_list("set-cookie"):
                _store_cookie(session, raw, httpx.URL(str(request.url)).host)
            return response

        def close(self) -> None:
            return None

    bridge = _Bridge()
    session.mount("https://", bridge)
    session.mount("http://", bridge)
    return session


def _clear_yfinance_cache(yf: Any) -> None:
    cached = getattr(getattr(getattr(yf, "data", None), "YfData", None), "cache_get", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()


@contextlib.contextmanager
def _raising(yf: Any) -> Iterator[None]:
    """Make yfinance raise instead of printing and returning an empty frame."""
    config = getattr(yf, "config", None)
    debug = getattr(config, "debug", None)
    before = getattr(debug, "hide_exceptions", None)
    if debug is not None:
        debug.hide_exceptions = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # yfinance's own pandas deprecations
            yield
    finally:
        if debug is not None and before is not None:
            debug.hide_exceptions = before


class YahooProvider(Provider):
    """Daily prices from Yahoo Finance via yfinance, raw close and adj_close kept apart."""

    name = "yahoo"
    aliases = ("yfinance", "yf")
    description = "Yahoo Finance via yfinance (auto_adjust=False)"
    _session: Any = None

    def transform_query(self, query: FetchQuery) -> list[Request]:
        """One daily-chart request per symbol; the dates travel in ``params``."""
        return [
            Request(
                symbol=s,
                url=CHART_URL.format(symbol=s),
                params={"start": query.start.isoformat(), "end": query.end.isoformat()},
            )
            for s in query.symbols
        ]

    def extract(self, request: Request) -> bytes:
        """Download with yfinance; return its table as ``Date,Open,...,Adj Close,Volume`` CSV."""
        yf = _yfinance()
        start = dt.date.fromisoformat(request.params["start"])
        end = dt.date.fromisoformat(request.params["end"])
        frame = None
        for attempt in range(self.retries):
            if attempt:
                self.sleep(min(30.0, 2.0**attempt))
            # yfinance memoises answers (error pages included) per URL for the whole
            # process and keeps failed lookups on the Ticker: every attempt starts clean.
            _clear_yfinance_cache(yf)
            if self.transport is not None:
                # One session per provider: cookie, crumb and connections are shared
                # by every symbol of a run.
                if self._session is None:
                    self._session = _session_over(self.transport)
                ticker = yf.Ticker(request.symbol, session=self._session)
            else:
                ticker = yf.Ticker(request.symbol)
            try:
                with _raising(yf):
                    frame = ticker.history(
                        start=start.isoformat(),
                        end=(end + dt.timedelta(days=1)).isoformat(),  # exclusive end
                        interval="1d",
                        auto_adjust=False,
                        actions=False,
                    )
                break
            except Exception as exc:
                error = self._map_error(request, exc)
                if not isinstance(error, RateLimitError | ProviderNetworkError) or (
                    attempt == self.retries - 1
                ):
                    raise error from exc
        if frame is None or len(frame) == 0:
            raise EmptyResponseError(f"yahoo: no rows for {request.symbol} in {start}..{end}")
        if frame.index.tz is not None:
            frame.index = frame.index.tz_localize(None)
        return str(frame.to_csv(date_format="%Y-%m-%d")).encode()

    def _map_error(self, request: Request, exc: Exception) -> ProviderError:
        text = f"{type(exc).__name__}: {exc}"
        if "RateLimit" in type(exc).__name__ or "Too Many Requests" in text:
            return RateLimitError(f"yahoo: rate limited fetching {request.symbol}; try later")
        if any(k in text.lower() for k in ("no data", "delisted", "not found", "404")):
            return EmptyResponseError(f"yahoo: no data for '{request.symbol}' ({exc})")
        if "JSONDecodeError" in text or "currently down" in text.lower():
            return ProviderNetworkError(
                f"yahoo: the answer for {request.symbol} was not chart data "
                f"(an error page from the server?): {exc}"
            )
        if isinstance(exc, httpx.HTTPError) or "Connection" in text or "Timeout" in text:
            return ProviderNetworkError(f"yahoo: cannot fetch {request.symbol}: {exc}")
        return ProviderError(f"yahoo: fetching {request.symbol} failed: {text}")

    def transform_data(self, request: Request, payload: bytes, query: FetchQuery) -> MirrorPiece:
        """Rename yfinance's columns to the mirror's (``Adj Close`` -> ``adj_close``)."""
        try:
            raw = pl.read_csv(io.BytesIO(payload), infer_schema=False)
        except pl.exceptions.PolarsError as exc:
            raise ProviderError(f"yahoo: table for {request.symbol} is not CSV: {exc}") from exc
        mapping = {"Date": "date", "Open": "open", "High": "high", "Low": "low",
                   "Close": "close", "Adj Close": "adj_close", "Volume": "volume"}
        missing = [c for c in ("Date", "Close") if c not in raw.columns]
        if missing:
            raise ProviderError(f"yahoo: table for {request.symbol} lacks columns {missing}")
        frame = raw.select(
            pl.col("Date").str.slice(0, 10).str.strptime(pl.Date, "%Y-%m-%d").alias("date"),
            *[pl.col(src).cast(pl.Float64, strict=False).alias(dst)
              for src, dst in mapping.items() if src in raw.columns and src != "Date"],
        )
        return price_piece(
            self.name, request.symbol, frame, query,
            source=f"{self.description}; close = raw Close, adj_close = Adj Close",
            url=request.url,
        )
