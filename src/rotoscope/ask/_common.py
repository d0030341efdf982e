"""What the answer writers share: the built answer, period words, layout and table rows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from rotoscope.analytics.windows import window_label
from rotoscope.ask._query import TableRow
from rotoscope.calendar import sessions_between
from rotoscope.exceptions import RotoscopeError
from rotoscope.facts import Fact
from rotoscope.prose import Num, Paragraph, Piece, Term, long_date
from rotoscope.typing import Basis

__all__ = ["Basis", "Built", "Declined", "fv", "period_words", "try_fact"]

_T = TypeVar("_T")

_SUGGESTIONS = (
    "How did small caps do against large caps year to date?",
    "Which sectors led over the past 30 sessions?",
    "How long is the current streak of the Russell 2000 over the S&P 500, and how rare is it?",
    "Is the S&P 500 above its 200-day moving average?",
    "What is the rotation regime?",
    "What share of S&P 500 members are above their 200-day average?",
    "What happened after past small-cap streaks this long?",
    "How did small caps do after past Fed rate-cut cycles began?",
    "Where did the Nasdaq Composite close on March 3, 2026?",
)
_WORD = dict(enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven",
                        "eight", "nine", "ten")))
_SCALE = {"1d": 1.0, "wtd": 1.5, "5d": 2.0, "mtd": 2.5, "qtd": 4.0, "ytd": 4.0, "1y": 8.0}


class Declined(Exception):
    """The engine cannot answer; the message says why, in words for the reader."""


@dataclass
class _Built:
    paragraphs: list[Paragraph]
    rows: list[Fact]
    metric: str
    subjects: tuple[str, ...]
    window: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    as_of: dt.date | None = None
    notes: list[str] = field(default_factory=list)


def _fv(fact: Fact) -> float:
    value = fact.value
    assert isinstance(value, float | int)
    return float(value)



def _scale(window: str) -> float:
    """Return the size of an ordinary move over a window, for choosing verbs."""
    if window in _SCALE:
        return _SCALE[window]
    if window.endswith("d") and window[:-1].isdigit():
        return max(1.0, float((int(window[:-1]) / 21) ** 0.5 * 2.5))
    if window.startswith("month-"):
        return 2.5
    if window.startswith("quarter-"):
        return 4.0
    if window.startswith("half-"):
        return 6.0
    return 8.0


def _try(fn: Callable[[], Fact]) -> Fact | None:
    try:
        return fn()
    except (RotoscopeError, ValueError):
        return None


def _try_list(fn: Callable[[], list[Fact]]) -> list[Fact]:
    try:
        return fn()
    except (RotoscopeError, ValueError):
        return []


def _start(f: Fact) -> dt.date:
    return f.inputs[0].first


def _end(f: Fact) -> dt.date:
    return f.inputs[-1].last


def _fact_notes(f: Fact) -> list[str]:
    return list(f.notes)


_WORDS: dict[str, tuple[str, ...]] = {
    "1d": ("in the latest session",),
    "wtd": ("this week",),
    "mtd": ("month to date",),
    "qtd": ("quarter to date",),
    "ytd": ("year to date",),
    "1y": ("over the past year",),
}
_QUARTERS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


def _period_words(window: str, end: dt.date | None = None,
                  start: dt.date | None = None) -> tuple[Piece, ...]:
    """Return the words for a window key, digits as terms (the checker reads them back).

    ``end`` names the session a short window (or a range) ends on when it is
    not the latest; ``start`` is the base session of a move from a low.
    """
    if end is not None and window == "wtd":
        return ("over the week",)  # the week's dates follow in the sentence
    if end is not None and window == "1d":
        return ("on ", Term(long_date(end)))
    if window in _WORDS:
        return _WORDS[window]
    parts = window.split("-")
    if window == "252d":
        return ("over the past ", Term("52"), " weeks")
    if window.endswith("d") and window[:-1].isdigit():
        return ("over the past ", Term(window[:-1]), " sessions")
    if window.startswith("month-"):
        first = dt.date(int(parts[1]), int(parts[2]), 1)
        return ("in ", Term(f"{first:%B %Y}"))
    if window.startswith("quarter-"):
        return (f"in the {_QUARTERS[int(parts[2][1])]} quarter of ", Term(parts[1]))
    if window.startswith("year-"):
        return ("in ", Term(parts[1]))
    if window.startswith("since-"):
        first = dt.date.fromisoformat(window[6:])
        if end is not None:
            return ("between ", Term(long_date(first)), " and ", Term(long_date(end)))
        return ("since ", Term(long_date(first)))
    if window.startswith("low-"):
        if start is not None:
            return ("since the ", Term(long_date(start)), " low")
        lo, hi = dt.date.fromisoformat(window[4:14]), dt.date.fromisoformat(window[15:25])
        mid = lo + (hi - lo) / 2
        return ("since the ", Term(long_date(mid)), " low")
    if window.startswith("half-"):
        return (f"in the {'first' if window.endswith('h1') else 'second'} half of ",
                Term(parts[1]))
    return (window_label(window),)


def _layout(paragraphs: list[Paragraph]) -> tuple[str, list[tuple[int, int, Num | Term]],
                                                  list[Num]]:
    out: list[str] = []
    spans: list[tuple[int, int, Num | Term]] = []
    nums: list[Num] = []
    pos = 0
    for i, p in enumerate(paragraphs):
        if i:
            out.append("\n\n")
            pos += 2
        for piece in p.pieces:
            text = piece if isinstance(piece, str) else piece.text
            if isinstance(piece, Num | Term):
                spans.append((pos, pos + len(text), piece))
            if isinstance(piece, Num):
                nums.append(piece)
            out.append(text)
            pos += len(text)
    return "".join(out), spans, nums


def _row(f: Fact) -> TableRow:
    raw: float | int | str | None
    raw = f.value.isoformat() if isinstance(f.value, dt.date) else f.value
    return TableRow(label=f.label or f.id, value=f.formatted(), raw=raw, unit=f.unit, fact=f.id,
                    start=f.inputs[0].first.isoformat() if f.inputs else None,
                    end=f.inputs[-1].last.isoformat() if f.inputs else None)



Built = _Built
fv = _fv
period_words = _period_words
try_fact = _try


_NOT_OVER = re.compile(r"is not over as of (?P<d>\d{4}-\d{2}-\d{2}): (?P<p>month|quarter|half|"
                       r"year) to date")


def _over_note(note: str) -> bool:
    """Return True for a "not over" note that is false: the as-of date is the period's last session.

    A month (quarter, half, year) whose last calendar days are not sessions is
    over on its last session, so "the month is not over" is not said then.
    """
    m = _NOT_OVER.search(note)
    if m is None:
        return False
    day = dt.date.fromisoformat(m.group("d"))
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12}[m.group("p")]
    first_month = (day.month - 1) // months * months + 1
    total = first_month - 1 + months
    nxt = dt.date(day.year + total // 12, total % 12 + 1, 1)
    return sessions_between(day + dt.timedelta(days=1), nxt - dt.timedelta(days=1)).size == 0
