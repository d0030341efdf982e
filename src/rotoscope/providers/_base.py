"""The provider contract: transform-query, extract, transform-data.

A provider turns a :class:`FetchQuery` into HTTP requests (transform-query),
performs them through an injectable ``httpx`` transport (extract), and turns each
payload into a :class:`MirrorPiece`, a file in the data mirror's layout
(transform-data). Nothing is written until every request has succeeded, so a
failed run never leaves a partial download that looks complete.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from rotoscope._version import __version__
from rotoscope.exceptions import (
    EmptyResponseError,
    ProviderError,
    ProviderNetworkError,
    RateLimitError,
)

__all__ = ["MAX_RETRY_AFTER", "USER_AGENT", "FetchQuery", "MirrorPiece", "Provider", "Request",
           "retry_after"]

USER_AGENT = f"rotoscope/{__version__} (+https://github.com/rotoscope)"
#: The longest ``Retry-After`` waited for, in seconds; a longer one fails the request.
MAX_RETRY_AFTER = 300.0


def retry_after(value: str, now: dt.datetime | None = None) -> float | None:
    """Return the seconds a ``Retry-After`` header asks for, or ``None`` if unreadable.

    The header is either a number of seconds or an HTTP date; a date in the past
    means no wait.
    """
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


@dataclass(frozen=True)
class FetchQuery:
    """What the user asked for: symbols (or dataset ids) and a date range."""

    symbols: tuple[str, ...]
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if not self.symbols:
            raise ValueError("no symbols given")
        if self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")


@dataclass(frozen=True)
class Request:
    """One HTTP request a provider will make, tied to the symbol it serves."""

    symbol: str
    url: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass
class MirrorPiece:
    """One file of the mirror, ready to be written.

    Attributes
    ----------
    rel
        Path inside the mirror, e.g. ``prices/SPY.csv``.
    content
        The file's bytes, in the mirror's layout.
    kind
        ``prices``, ``macro`` or ``factors``.
    symbol
        Series or dataset it holds.
    source
        Human-readable source, recorded in ``provenance.json``.
    url
        Where it came from.
    rows, first_date, last_date
        What it holds.
    merge_columns
        For wide files (FRED): the columns this piece owns; an existing file's
        other columns are kept when writing.
    """

    rel: str
    content: bytes
    kind: str
    symbol: str
    source: str
    url: str
    rows: int
    first_date: dt.date | None
    last_date: dt.date | None
    merge_columns: tuple[str, ...] = ()


class Provider(ABC):
    """Base class of every provider.

    Parameters
    ----------
    transport
        The ``httpx`` transport requests go through; tests pass an
        ``httpx.MockTransport`` serving recorded payloads. ``None`` means the
        real network.
    retries
        Attempts per request on a rate limit, a timeout or a 5xx answer.
    sleep
        Called with seconds to wait between attempts (injectable for tests).
        The wait doubles per attempt (2, 4, 8 ... s, at most 30 s), or is what a
        rate-limited answer's ``Retry-After`` asks, up to :data:`MAX_RETRY_AFTER`.
    timeout
        Seconds per request.
    client
        An ``httpx.Client`` shared by every request (one per run, as
        ``rotoscope update`` does); by default each request opens its own.
    """

    name: str = ""
    aliases: tuple[str, ...] = ()
    description: str = ""

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        *,
        retries: int = 3,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 30.0,
        client: httpx.Client | None = None,
    ) -> None:
        self.transport = transport
        self.retries = max(1, retries)
        self.sleep = sleep
        self.timeout = timeout
        self.client = client

    # -------------------------------------------------------------- the contract
    @abstractmethod
    def transform_query(self, query: FetchQuery) -> list[Request]:
        """Turn a query into the requests to make."""

    @abstractmethod
    def transform_data(self, request: Request, payload: bytes, query: FetchQuery) -> MirrorPiece:
        """Turn one payload into a mirror file.

        Raises
        ------
        EmptyResponseError
            When the payload holds no rows in the asked range.
        ProviderError
            When the payload is not in the expected format.
        """

    def extract(self, request: Request) -> bytes:
        """Perform one request and return the body, mapping failures to clear errors."""
        if self.client is not None:
            return self._get_with_retries(self.client, request)
        with httpx.Client(
            transport=self.transport,
            timeout=self.timeout,
            headers={"User-Agent": USER_AGENT},
            follow_redirects=True,
        ) as client:
            return self._get_with_retries(client, request)

    # ------------------------------------------------------------------ helpers
    def fetch(self, query: FetchQuery) -> list[MirrorPiece]:
        """Run the whole pipeline; every request must succeed or nothing is returned."""
        pieces: list[MirrorPiece] = []
        for request in self.transform_query(query):
            payload = self.extract(request)
            pieces.append(self.transform_data(request, payload, query))
        return pieces

    def _get_with_retries(self, client: httpx.Client, request: Request) -> bytes:
        last: ProviderError | None = None
        asked: float | None = None
        for attempt in range(self.retries):
            if attempt:
                self.sleep(asked if asked is not None else min(30.0, 2.0**attempt))
            asked = None
            try:
                response = client.get(request.url, params=request.params or None)
            except httpx.TimeoutException as exc:
                last = ProviderNetworkError(
                    f"{self.name}: timed out fetching {request.symbol} from {request.url}"
                )
                last.__cause__ = exc
                continue
            except httpx.TransportError as exc:
                raise ProviderNetworkError(
                    f"{self.name}: cannot reach {httpx.URL(request.url).host} for "
                    f"{request.symbol}: {exc}"
                ) from exc
            if response.status_code == 429:
                wait = response.headers.get("Retry-After", "unknown")
                asked = retry_after(wait)
                if asked is not None and asked > MAX_RETRY_AFTER:
                    raise RateLimitError(
                        f"{self.name}: rate limited fetching {request.symbol} (HTTP 429, "
                        f"Retry-After: {wait}, longer than {MAX_RETRY_AFTER:.0f} s); "
                        "try again later")
                last = RateLimitError(
                    f"{self.name}: rate limited fetching {request.symbol} "
                    f"(HTTP 429, Retry-After: {wait}); try again later or fetch fewer symbols"
                )
                continue
            if response.status_code >= 500:
                last = ProviderNetworkError(
                    f"{self.name}: server error HTTP {response.status_code} for "
                    f"{request.symbol} from {request.url}"
                )
                continue
            if response.status_code == 404:
                raise EmptyResponseError(
                    f"{self.name}: no data for '{request.symbol}' (HTTP 404 from {request.url})"
                )
            if response.status_code >= 400:
                raise ProviderNetworkError(
                    f"{self.name}: HTTP {response.status_code} for {request.symbol} "
                    f"from {request.url}"
                )
            self.check_body(request, response.content)
            return response.content
        assert last is not None
        raise last

    def check_body(self, request: Request, body: bytes) -> None:
        """Raise for a 200 answer that is really an error (rate-limit page, empty body)."""
        if not body.strip():
            raise EmptyResponseError(f"{self.name}: empty answer for '{request.symbol}'")
