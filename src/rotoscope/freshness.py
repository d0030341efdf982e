"""How old the data is: the last date held, its age in days and sessions, and staleness.

"Today" is the machine's date unless ``ROTOSCOPE_TODAY`` (``YYYY-MM-DD``) says
otherwise, so tests and reproducible runs can pin it. Sessions are NYSE
sessions: the data is *stale* when more than :data:`STALE_SESSIONS` complete
sessions have closed since its last date (today's session is not counted: its
close may not be published yet).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, dataclass
from typing import Any

from rotoscope.calendar import sessions_between
from rotoscope.exceptions import ConfigError

__all__ = ["STALE_SESSIONS", "WEEKS_OLD_DAYS", "Freshness", "freshness", "today"]

#: More complete sessions than this since the last date make the data stale.
STALE_SESSIONS = 5
#: An undated text checked against data at least this many days old gets a warning.
WEEKS_OLD_DAYS = 14


def today() -> dt.date:
    """Return ``ROTOSCOPE_TODAY`` when set, else the machine's date.

    Raises
    ------
    ConfigError
        When ``ROTOSCOPE_TODAY`` is not an ISO date.
    """
    pinned = os.environ.get("ROTOSCOPE_TODAY", "").strip()
    if not pinned:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(pinned)
    except ValueError as exc:
        raise ConfigError(f"ROTOSCOPE_TODAY='{pinned}' is not a date (YYYY-MM-DD)") from exc


@dataclass(frozen=True)
class Freshness:
    """The age of the data on a given day.

    Attributes
    ----------
    last_date
        The newest date of any series.
    today
        The day the age is measured on.
    age_days
        Calendar days from ``last_date`` to ``today``.
    sessions_missing
        Complete NYSE sessions after ``last_date`` and before ``today``.
    stale
        ``sessions_missing > STALE_SESSIONS``.
    """

    last_date: dt.date
    today: dt.date
    age_days: int
    sessions_missing: int
    stale: bool

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary (dates as ISO strings)."""
        out = asdict(self)
        out["last_date"] = self.last_date.isoformat()
        out["today"] = self.today.isoformat()
        return out

    def describe(self) -> str:
        """Return one line: the last date, its age and, when stale, what to do."""
        days = "today" if self.age_days == 0 else (
            f"{self.age_days} day{'s' if self.age_days != 1 else ''} old")
        line = f"Data through {self.last_date} ({days}"
        if self.sessions_missing:
            line += (f", {self.sessions_missing} session"
                     f"{'s' if self.sessions_missing != 1 else ''} since")
        line += ")"
        if self.stale:
            line += ": stale; run 'rotoscope update' for newer data"
        return line + "."


def freshness(last_date: dt.date, on: dt.date | None = None) -> Freshness:
    """Measure how old data ending on ``last_date`` is on ``on`` (default :func:`today`)."""
    day = on or today()
    missing = 0
    if day > last_date + dt.timedelta(days=1):
        missing = len(sessions_between(last_date + dt.timedelta(days=1),
                                       day - dt.timedelta(days=1)))
    return Freshness(last_date, day, (day - last_date).days, missing, missing > STALE_SESSIONS)
