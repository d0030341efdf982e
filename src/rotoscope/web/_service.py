"""The library behind the web app: the read-only store, results cached by date.

The store is opened read-only, so nothing the app does can change it. Each
request thread reads it through its own DuckDB connection (a cursor of the one
opened, see :attr:`rotoscope.store.Store.con`), so no request waits behind
another's computation; only requests for the same uncached date wait for the
one that computes it. What does not change for a date (its facts, its note, its
dashboard) is computed once and kept in a small least-recently-used cache.

When ``rotoscope init`` replaces the store file, the next request notices (the
file's identity changed) and the service reopens it: new requests read the new
store, with empty caches, while requests already running finish on the old one.

A check is bounded: at most :data:`MAX_CHECK_CLAIMS` claims per text and
:data:`CHECK_SECONDS` seconds of work, so one heavy text cannot hold the
server's threads for long.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rotoscope._api import Rotoscope
from rotoscope._version import __version__
from rotoscope.analytics.engine import FactSet
from rotoscope.ask import Answer
from rotoscope.check import CheckResult
from rotoscope.exceptions import DateOutOfRangeError, QueryError, RotoscopeError
from rotoscope.freshness import Freshness, freshness
from rotoscope.report import AuditResult, Note
from rotoscope.store import CoverageRow

__all__ = ["CHECK_SECONDS", "MAX_CHECK_CLAIMS", "MAX_PRICE_DAYS", "Service", "Session"]

log = logging.getLogger("rotoscope.web")

#: The longest date range one prices request may ask for (about 20 years).
MAX_PRICE_DAYS = 7320
#: The most claims one checked text may hold (a long research note holds a few hundred).
MAX_CHECK_CLAIMS = 1000
#: The longest one check may work, in seconds, before it is stopped with a 413.
CHECK_SECONDS = 20.0
#: How long a replaced store stays open for the requests still reading it.
_GRACE_SECONDS = 120.0

FileId = tuple[int, int, int]

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


class _KeyLocks:
    """One lock per key, so only requests for the same key wait for each other."""

    def __init__(self) -> None:
        self._locks: dict[object, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: object) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())


def _file_id(path: os.PathLike[str] | str) -> FileId | None:
    """Return what identifies a file's version (inode, modification time, size)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class _View:
    """One opened store and everything derived from it, caches included."""

    def __init__(self, rs: Rotoscope, file_id: FileId | None, cache_dates: int) -> None:
        self.rs = rs
        self.file_id = file_id
        self.coverage: list[CoverageRow] = rs.status()
        self.fingerprint = rs.store.files_fingerprint()
        self.sessions: list[dt.date] = rs.store.sessions()
        if not self.sessions:
            raise QueryError(f"the store {rs.store.path} holds no prices")
        self.first, self.last = self.sessions[0], self.sessions[-1]
        self.complete_through = self._complete_through()
        self.facts: _LRU[dt.date, FactSet] = _LRU(cache_dates)
        self.notes: _LRU[dt.date, tuple[Note, AuditResult]] = _LRU(cache_dates)
        self.text: _LRU[tuple[dt.date, str], str] = _LRU(cache_dates * 3)
        self.dash: _LRU[dt.date, dict[str, Any]] = _LRU(cache_dates)
        self.bytes: _LRU[tuple[str, dt.date], bytes] = _LRU(cache_dates * 2)
        self.locks = _KeyLocks()

    def _complete_through(self) -> dt.date:
        """Return the last date every rotation pair and sector has a total-return close."""
        uni = self.rs.universe
        wanted = {s for p in uni.pairs if p.primary for s in (p.a, p.b)} | set(uni.sectors)
        ends = [dt.date.fromisoformat(r.field_last_dates["adj_close"]) for r in self.coverage
                if r.symbol in wanted and r.field_last_dates.get("adj_close")]
        return min([*ends, self.last])


class Service:
    """Everything the routes need, safe to call from many threads at once.

    Parameters
    ----------
    rs
        An open :class:`~rotoscope.Rotoscope`; the service owns it from now on.
    cache_dates
        How many dates' facts, notes and dashboards are kept in memory.
    check_claims, check_seconds
        The limits of one check: claims per text and seconds of work.
    """

    def __init__(self, rs: Rotoscope, cache_dates: int = 12,
                 check_claims: int = MAX_CHECK_CLAIMS,
                 check_seconds: float = CHECK_SECONDS) -> None:
        self.path = rs.store.path
        self.universe = rs.universe
        self.cache_dates = cache_dates
        self.check_claims = check_claims
        self.check_seconds = check_seconds
        self.version = __version__
        self._view = _View(rs, _file_id(self.path), cache_dates)
        self._reopen = threading.Lock()
        self._failed: FileId | None = None
        self._opened = 0

    # ---------------------------------------------------------------- the store
    @property
    def rs(self) -> Rotoscope:
        """The open store the service reads now."""
        return self._view.rs

    @property
    def sessions(self) -> list[dt.date]:
        """Every session of the store, oldest first."""
        return self._view.sessions

    @property
    def first(self) -> dt.date:
        """The store's first session."""
        return self._view.first

    @property
    def last(self) -> dt.date:
        """The store's last session."""
        return self._view.last

    @property
    def freshness(self) -> Freshness:
        """How old the store's data are today (``ROTOSCOPE_TODAY`` pins today)."""
        return freshness(self.last)

    @property
    def coverage(self) -> list[CoverageRow]:
        """Every series of the store with its coverage."""
        return self._view.coverage

    @property
    def fingerprint(self) -> str:
        """The store's fingerprint (see :func:`~rotoscope.report._build.store_fingerprint`)."""
        return self._view.fingerprint

    @property
    def complete_through(self) -> dt.date:
        """The last date every rotation pair and sector has a total-return close."""
        return self._view.complete_through

    def stale(self) -> bool:
        """Return True when the store file is no longer the one open (it was rebuilt)."""
        now = _file_id(self.path)
        return now is not None and now != self._view.file_id and now != self._failed

    def refresh(self) -> bool:
        """Reopen the store when its file was replaced; return True when it was.

        Requests already running keep the store they started with, which is
        closed a while later. A new file that cannot be opened is logged and the
        old store kept.
        """
        with self._reopen:
            now = _file_id(self.path)
            if now is None or now == self._view.file_id or now == self._failed:
                return False
            try:
                view = _View(self._open_new(), now, self.cache_dates)
            except (RotoscopeError, OSError) as exc:
                log.warning("the store %s changed but cannot be read; still serving the "
                            "previous one: %s", self.path, exc)
                self._failed = now
                return False
            old, self._view = self._view, view
            self._failed = None
        log.info("the store %s was rebuilt; serving it now (last date %s)", self.path,
                 view.last)
        timer = threading.Timer(_GRACE_SECONDS, old.rs.close)
        timer.daemon = True
        timer.start()
        return True

    def _open_new(self) -> Rotoscope:
        """Open the file now at :attr:`path`, not the replaced one still open.

        DuckDB hands out the database already open for a path, which is the
        replaced file; the new one is opened through a hard link of its own name,
        removed at once (the open file stays readable). A server killed in
        between leaves the link named like a dead build's file, which the next
        build removes.
        """
        self._opened += 1
        link = self.path.with_name(f".{self.path.name}.{os.getpid()}.building.serve"
                                   f"{self._opened}")
        link.unlink(missing_ok=True)
        os.link(self.path, link)
        try:
            return Rotoscope(link, self.universe)
        finally:
            link.unlink(missing_ok=True)

    def close(self) -> None:
        """Close the store."""
        self._view.rs.close()

    # ---------------------------------------------------------------- dates
    def session(self, requested: dt.date | None, param: str = "as_of") -> Session:
        """Return the last session on or before ``requested`` (default: the last one).

        Raises
        ------
        DateOutOfRangeError
            For a date before the first or after the last session of the store.
        """
        view = self._view
        if requested is None:
            return Session(view.last, None)
        if not view.first <= requested <= view.last:
            raise DateOutOfRangeError(param, requested, view.first, view.last)
        i = bisect.bisect_right(view.sessions, requested) - 1
        return Session(view.sessions[i], requested)

    def _cached(self, view: _View, cache: _LRU[K, V], key: K, make: Callable[[], V]) -> V:
        hit = cache.get(key)
        if hit is not None:
            return hit
        with view.locks.get((id(cache), key)):
            hit = cache.get(key)  # another thread may have made it meanwhile
            if hit is None:
                hit = make()
                cache.put(key, hit)
        return hit

    # ---------------------------------------------------------------- results
    def facts(self, day: dt.date) -> FactSet:
        """Return every fact of a session (cached)."""
        view = self._view
        return self._cached(view, view.facts, day, lambda: view.rs.facts(day))

    def cached_bytes(self, kind: str, day: dt.date, make: Callable[[], bytes]) -> bytes:
        """Return a serialised response for a date, made once."""
        return self._view.bytes.get_or_make((kind, day), make)

    def note(self, day: dt.date) -> tuple[Note, AuditResult]:
        """Return the audited note of a session (cached)."""
        view = self._view
        facts = self.facts(day)
        return self._cached(view, view.notes, day, lambda: view.rs.report(day, facts=facts))

    def note_text(self, day: dt.date, fmt: str, render: Callable[[Note], str]) -> str:
        """Return the note rendered by ``render`` (cached by date and format)."""
        note, _ = self.note(day)
        return self._view.text.get_or_make((day, fmt), lambda: render(note))

    def dashboard(self, day: dt.date) -> dict[str, Any]:
        """Return the dashboard data of a session (cached)."""
        view = self._view
        facts = self.facts(day)
        return self._cached(view, view.dash, day, lambda: view.rs.dashboard(day, facts=facts))

    def ask(self, question: str, as_of: dt.date | None) -> Answer:
        """Answer a question (never cached: the language model, if any, may differ)."""
        return self._view.rs.ask(question, as_of)

    def check(self, text: str, as_of: dt.date | None) -> CheckResult:
        """Check a text's claims (never cached: texts differ), within the limits.

        Raises
        ------
        TooMuchWorkError
            Over :attr:`check_claims` claims or :attr:`check_seconds` seconds.
        """
        return self._view.rs.check_claims(text, as_of, max_claims=self.check_claims,
                                          seconds=self.check_seconds)

    def prices(self, symbol: str, start: dt.date | None, end: dt.date | None,
               fields: tuple[str, ...]) -> tuple[str, Any, dt.date, dt.date]:
        """Return (stored symbol, frame, start, end) of a symbol's prices.

        The range defaults to the year before ``end`` (default: the last session)
        and may not exceed :data:`MAX_PRICE_DAYS`.

        Raises
        ------
        UnknownSymbolError, DateOutOfRangeError, QueryError
        """
        view = self._view
        if end is not None and end < view.first:
            raise DateOutOfRangeError("end", end, view.first, view.last)
        if start is not None and start > view.last:
            raise DateOutOfRangeError("start", start, view.first, view.last)
        end = end or view.last
        start = start or max(view.first, end - dt.timedelta(days=365))
        if start > end:
            raise QueryError(f"start {start} is after end {end}")
        if (end - start).days > MAX_PRICE_DAYS:
            raise QueryError(f"the range {start} to {end} spans {(end - start).days:,} days; "
                             f"ask for at most {MAX_PRICE_DAYS:,} at a time")
        stored = view.rs.store.resolve(symbol)
        frame = view.rs.prices(stored, start, end, fields)
        return stored, frame, start, end
