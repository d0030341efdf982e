"""The structured query the answer engine accepts, and the answer it gives.

A :class:`Query` is what a question means: an intent, the series it is about,
the period and a few options. The deterministic parser makes one from the
words; the optional language model may propose one, which is validated here
(unknown fields, intents, windows or symbols are rejected) before the engine
sees it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["Answer", "Intent", "Interpretation", "Query", "TableRow"]

Intent = Literal["performance", "compare", "sectors", "streak", "run", "technical",
                 "relative_trend", "regime", "breadth", "base_rate", "event_study", "level",
                 "extreme", "record", "cross", "yield_change", "curve", "rolling_share",
                 "unanswerable"]

#: The window keys of :mod:`rotoscope.analytics.windows`.
WINDOW_KEY = re.compile(
    r"^(?:\d{1,4}d|wtd|mtd|qtd|ytd|1y|month-\d{4}-\d{2}|quarter-\d{4}-q[1-4]|year-\d{4}|"
    r"half-\d{4}-h[12]|"
    r"since-\d{4}-\d{2}-\d{2}|low-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2})$")


class Query(BaseModel):
    """What a question asks, in the terms the answer engine understands.

    Attributes
    ----------
    intent
        What is asked (see :data:`Intent`); ``unanswerable`` with a ``reason``
        when the data cannot answer it.
    subjects
        Series symbols of the universe, in the order the question names them
        (A then B for a comparison).
    window
        A window key (``ytd``, ``month-2026-01``, ``year-2025``, ``since-2025-04-08``,
        ``21d``...); ``None`` lets the engine choose (year to date).
    date
        A calendar date the question names: the session of a closing level, or
        the date a streak or position is asked about.
    as_of
        The date to answer as of; ``None`` for the store's last date.
    ma_sessions
        The moving average asked about (20, 50 or 200 sessions).
    length
        A streak length named in a base-rate question ("after 10-session streaks").
    side
        For sector questions: ``leaders``, ``laggards`` or ``both``.
    extreme
        For ``extreme``: the highest or the lowest close.
    direction
        For ``cross``: a cross above or below the moving average (``None``: the
        latest cross to the side the close is on now).
    points
        For ``yield_change``: basis points or percentage points; for a change of an
        index, ``index`` asks for index points rather than percent.
    factor
        For ``rolling_share``: the Fama/French factor (SMB or HML).
    basis
        ``price`` or ``total`` when the question says which return it asks for;
        ``None`` gives price closes first and the total return beside them.
    focus
        For ``technical``: the 52-week range or the golden/death cross when the
        question asks about it (it then leads the answer, and the rest is left out).
    reason
        Why an ``unanswerable`` question cannot be answered.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    intent: Intent
    subjects: tuple[str, ...] = Field(default=(), max_length=4)
    window: str | None = None
    date: dt.date | None = None
    as_of: dt.date | None = None
    ma_sessions: Literal[20, 50, 200] | None = None
    length: int | None = Field(default=None, ge=1, le=500)
    side: Literal["leaders", "laggards", "both"] = "both"
    extreme: Literal["high", "low"] | None = None
    direction: Literal["above", "below"] | None = None
    points: Literal["bp", "pp", "index"] = "bp"
    factor: Literal["SMB", "HML"] | None = None
    basis: Literal["price", "total"] | None = None
    focus: Literal["52w", "cross"] | None = None
    reason: str | None = None

    @field_validator("window")
    @classmethod
    def _window_key(cls, value: str | None) -> str | None:
        if value is not None and not WINDOW_KEY.match(value):
            raise ValueError(f"'{value}' is not a window key (ytd, mtd, 1y, 21d, month-YYYY-MM, "
                             "quarter-YYYY-qN, year-YYYY, since-YYYY-MM-DD)")
        return value


class Interpretation(BaseModel):
    """How the question was read: subjects, metric and the period actually used."""

    subjects: list[dict[str, str]]
    metric: str
    period: dict[str, Any]


class TableRow(BaseModel):
    """One row of the table behind an answer: a fact as a reader sees it."""

    label: str
    value: str
    raw: float | int | str | None
    unit: str
    fact: str
    start: str | None = None
    end: str | None = None


class Answer(BaseModel):
    """The answer to one question (the schema of ``rotoscope ask --json`` and ``/api/ask``)."""

    question: str
    as_of: dt.date | None
    answerable: bool
    answer: str
    interpretation: Interpretation
    facts: list[dict[str, Any]]
    table: list[TableRow]
    suggestions: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    verification: dict[str, Any] = Field(default_factory=dict)
    backend: Literal["rules", "llm"] = "rules"
