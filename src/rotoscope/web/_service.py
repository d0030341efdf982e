"""The library behind the web app: one read-only store, one lock, results cached by date.

The store is opened read-only, so nothing the app does can change it. DuckDB
connections are not shared between threads, so every call that reads the store
holds one lock; what does not change for a date (its facts, its note, its
dashboard) is computed once and kept in a small least-recently-used cache.
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rotoscope._api import Rotoscope
from rotoscope._version import __version__
from rotoscope.analytics._pit import PointInTime
from rotoscope.analytics.engine import FactSet
from rotoscope.ask import Answer
from rotoscope.check import CheckResult
from rotoscope.exceptions import DateOutOfRangeError, QueryError
from rotoscope.report import AuditResult, Note
from rotoscope.report._build import store_fingerprint
from rotoscope.store import CoverageRow
from rotoscope.web import _data

__all__ = ["MAX_PRICE_DAYS", "Service", "Session"]

#: The longest date range one prices request may ask for (about 20 years).
MAX_PRICE_DAYS = 7320

K = TypeVar("K")
V = TypeVar("V")


class _LRU(Generic[K, V]):
    """A small thread-safe least-recently-used cache."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        """Return the cached value, making and keeping it on a miss."""
        hit = self.get(key)
        if hit is None:
            hit = make()
            self.put(key, hit)
        return hit

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


@dataclass(frozen=True)
class Session:
    """The session a request is answered for, and the date asked for."""

    day: dt.date
    requested: dt.date | None

    @property
    def moved(self) -> bool:
        """True when the date asked for was not a session and an earlier one is used."""
        return self.requested is not None and self.requested != self.day


class Service:
    """Everything the routes need, safe to call from many threads at once.

    Parameters
    ----------
    rs
        An open :class:`~rotoscope.Rotoscope`; the service owns it from now on.
    cache_dates
        How many dates' facts, notes and dashboards are kept in memory.
    """

    def __init__(self, rs: Rotoscope, cache_dates: int = 12) -> None:
        self.rs = rs
        self.lock = threading.Lock()
        with self.lock:
            rows = rs.store.con.execute(
                "SELECT DISTINCT date FROM prices ORDER BY date").fetchall()
            self.coverage: list[CoverageRow] = rs.status()
            self.fingerprint = store_fingerprint(rs.store)
        self.sessions: list[dt.date] = [r[0] for r in rows]
        if not self.sessions:
            raise QueryError(f"the store {rs.store.path} holds no prices")
        self.first, self.last = self.sessions[0], self.sessions[-1]
        self.complete_through = self._complete_through()
        self.version = __version__
        self._facts: _LRU[dt.date, FactSet] = _LRU(cache_dates)
        self._notes: _LRU[dt.date, tuple[Note, AuditResult]] = _LRU(cache_dates)
        self._text: _LRU[tuple[dt.date, str], str] = _LRU(cache_dates * 3)
        self._dash: _LRU[dt.date, dict[str, Any]] = _LRU(cache_dates)
        self._bytes: _LRU[tuple[str, dt.date], bytes] = _LRU(cache_dates * 2)

    def _complete_through(self) -> dt.date:
        """Return the last date every rotation pair and sector has a total-return close."""
        uni = self.rs.universe
        wanted = {s for p in uni.pairs if p.primary for s in (p.a, p.b)} | set(uni.sectors)
        ends = [dt.date.fromisoformat(r.field_last_dates["adj_close"]) for r in self.coverage
                if r.symbol in wanted and r.field_last_dates.get("adj_close")]
        return min([*ends, self.last])

    def close(self) -> None:
        """Close the store."""
        with self.lock:
            self.rs.close()

    # ---------------------------------------------------------------- dates
    def session(self, requested: dt.date | None, param: str = "as_of") -> Session:
        """Return the last session on or before ``requested`` (default: the last one).

        Raises
        ------
        DateOutOfRangeError
            For a date before the first or after the last session of the store.
        """
        if requested is None:
            return Session(self.last, None)
        if not self.first <= requested <= self.last:
            raise DateOutOfRangeError(param, requested, self.first, self.last)
        i = bisect.bisect_right(self.sessions, requested) - 1
        return Session(self.sessions[i], requested)

    def _cached(self, cache: _LRU[K, V], key: K, make: Callable[[], V]) -> V:
        hit = cache.get(key)
        if hit is not None:
            return hit
        with self.lock:
            hit = cache.get(key)  # another thread may have made it meanwhile
            if hit is None:
                hit = make()
                cache.put(key, hit)
        return hit

    # ---------------------------------------------------------------- results
    def facts(self, day: dt.date) -> FactSet:
        """Return every fact of a session (cached)."""
        return self._cached(self._facts, day, lambda: self.rs.facts(day))

    def cached_bytes(self, kind: str, day: dt.date, make: Callable[[], bytes]) -> bytes:
        """Return a serialised response for a date, made once."""
        return self._bytes.get_or_make((kind, day), make)

    def note(self, day: dt.date) -> tuple[Note, AuditResult]:
        """Return the audited note of a session (cached)."""
        facts = self.facts(day)
        return self._cached(self._notes, day, lambda: self.rs.report(day, facts=facts))

    def note_text(self, day: dt.date, fmt: str, render: Callable[[Note], str]) -> str:
        """Return the note rendered by ``render`` (cached by date and format)."""
        note, _ = self.note(day)
        return self._text.get_or_make((day, fmt), lambda: render(note))

    def dashboard(self, day: dt.date) -> dict[str, Any]:
        """Return the dashboard data of a session (cached)."""
        facts = self.facts(day)
        return self._cached(self._dash, day, lambda: _data.dashboard(
            PointInTime(self.rs.store, day), self.rs.universe, facts))

    def ask(self, question: str, as_of: dt.date | None) -> Answer:
        """Answer a question (never cached: the language model, if any, may differ)."""
        with self.lock:
            return self.rs.ask(question, as_of)

    def check(self, text: str, as_of: dt.date | None) -> CheckResult:
        """Check a text's claims (never cached: texts differ)."""
        with self.lock:
            return self.rs.check_text(text, as_of)

    def prices(self, symbol: str, start: dt.date | None, end: dt.date | None,
               fields: tuple[str, ...]) -> tuple[str, Any, dt.date, dt.date]:
        """Return (stored symbol, frame, start, end) of a symbol's prices.

        The range defaults to the year before ``end`` (default: the last session)
        and may not exceed :data:`MAX_PRICE_DAYS`.

        Raises
        ------
        UnknownSymbolError, DateOutOfRangeError, QueryError
        """
        if end is not None and end < self.first:
            raise DateOutOfRangeError("end", end, self.first, self.last)
        if start is not None and start > self.last:
            raise DateOutOfRangeError("start", start, self.first, self.last)
        end = end or self.last
        start = start or max(self.first, end - dt.timedelta(days=365))
        if start > end:
            raise QueryError(f"start {start} is after end {end}")
        if (end - start).days > MAX_PRICE_DAYS:
            raise QueryError(f"the range {start} to {end} spans {(end - start).days:,} days; "
                             f"ask for at most {MAX_PRICE_DAYS:,} at a time")
        with self.lock:
            stored = self.rs.store.resolve(symbol)
            frame = self.rs.prices(stored, start, end, fields)
        return stored, frame, start, end
