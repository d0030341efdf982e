"""Request and response models of the JSON API (they make the OpenAPI spec)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictStr

from rotoscope.ask import MAX_QUESTION_CHARS
from rotoscope.facts import Fact
from rotoscope.store import CoverageRow

__all__ = [
    "MAX_CHECK_CHARS",
    "AskRequest",
    "CheckRequest",
    "CheckResponse",
    "Dashboard",
    "ErrorBody",
    "FactsResponse",
    "Health",
    "IsoDate",
    "NoteJson",
    "Prices",
    "SeriesList",
]

#: The longest text ``POST /api/check`` reads, in characters (about 15,000 words).
MAX_CHECK_CHARS = 100_000


def _iso(value: object) -> object:
    """Accept a date only as ``YYYY-MM-DD`` (not a timestamp such as ``0``)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("a date must be written YYYY-MM-DD")
    if isinstance(value, int | float):
        raise ValueError("a date must be a string YYYY-MM-DD, not a number")
    return value


#: A calendar date written ``YYYY-MM-DD``, the only form the API reads.
IsoDate = Annotated[dt.date, BeforeValidator(_iso)]

_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogate(value: str) -> str:
    r"""Refuse a lone UTF-16 surrogate (``"\ud800"`` in JSON): it is not text."""
    found = _SURROGATE.search(value)
    if found is not None:
        raise ValueError(f"character {found.start():,} is a lone UTF-16 surrogate "
                         f"(U+{ord(found.group()):04X}), which is not text; send UTF-8 text")
    return value


#: Text a request carries: with at least one character that is not a space, no surrogates.
Text = Annotated[StrictStr, AfterValidator(_no_surrogate)]


class ErrorBody(BaseModel):
    """Every error the API returns: the HTTP status, a short code and what was wrong."""

    status: int = Field(description="HTTP status code")
    error: str = Field(description="short code: not_found, invalid_request, out_of_range, "
                       "too_large, method_not_allowed, unavailable, internal")
    message: str = Field(description="what was wrong, in words")
    details: list[str] = Field(default_factory=list, description="one line per problem")


class Health(BaseModel):
    """The server is up; what store it reads."""

    status: Literal["ok"]
    version: str
    first_date: dt.date
    last_date: dt.date
    sessions: int
    series: int
    store_fingerprint: str
    age_days: int = Field(description="Calendar days from last_date to today")
    sessions_missing: int = Field(description="NYSE sessions closed after last_date, "
                                  "before today")
    stale: bool = Field(description="More than five sessions missing: run rotoscope update")


class SeriesList(BaseModel):
    """Every series of the store."""

    count: int
    series: list[CoverageRow]


class Prices(BaseModel):
    """Daily prices of one series, column by column (null where the field is missing)."""

    symbol: str
    name: str
    start: dt.date
    end: dt.date
    fields: list[str]
    dates: list[dt.date]
    values: dict[str, list[float | None]]
    source: str


class GapOut(BaseModel):
    """Something that could not be computed for the date, and why."""

    what: str
    reason: str


class FactsResponse(BaseModel):
    """The facts of a session (filtered when asked), with what could not be computed."""

    as_of: dt.date = Field(description="the session the facts are computed for")
    requested: dt.date | None = Field(description="the date asked for, when given")
    count: int
    facts: list[Fact]
    gaps: list[GapOut]


class NoteJson(BaseModel):
    """The research note as JSON (``rotoscope report --format json``)."""

    model_config = ConfigDict(extra="allow")

    as_of: str
    title: str


class CheckRequest(BaseModel):
    """A text to check and, optionally, the date it speaks as of."""

    model_config = ConfigDict(extra="forbid")

    text: Text = Field(min_length=1, pattern=r"\S",
                       description=f"the text: not blank, at most {MAX_CHECK_CHARS:,} "
                       "characters")
    as_of: IsoDate | None = Field(None, description="default: the text's dateline, else the "
                                  "store's last date")


class AskRequest(BaseModel):
    """A question and, optionally, the date to answer it as of."""

    model_config = ConfigDict(extra="forbid")

    question: Text = Field(min_length=1, pattern=r"\S",
                           description=f"the question: not blank, at most "
                           f"{MAX_QUESTION_CHARS:,} characters")
    as_of: IsoDate | None = Field(None, description="default: the store's last date, or a date "
                                  "the question gives after 'as of'")


class Period(BaseModel):
    """The period a claim was read as covering."""

    start: dt.date | None
    end: dt.date | None
    phrase: str | None


class Frame(BaseModel):
    """Where a claim's subject and period were read (see docs/check.md)."""

    subject_from: str
    period_from: str | None


class ClaimOut(BaseModel):
    """One claim, its verdict and the evidence (``rotoscope check --json``)."""

    text: str
    span: list[int] = Field(min_length=2, max_length=2)
    subject: str | None
    other: str | None
    metric: str
    period: Period
    claimed: float
    computed: float | None
    unit: str
    qualifier: str
    verdict: Literal["confirmed", "approximate", "contradicted", "unverifiable"]
    explanation: str
    facts: list[str]
    quantity_span: list[int] = Field(min_length=2, max_length=2)
    frame: Frame


class ConflictOut(BaseModel):
    """Claims of the same text that cannot all be true."""

    claims: list[int]
    explanation: str


class CheckResponse(BaseModel):
    """The check of one text: the same document as ``rotoscope check --json``."""

    as_of: dt.date
    as_of_source: Literal["given", "dateline", "data"]
    reference_session: dt.date
    claims: list[ClaimOut]
    conflicts: list[ConflictOut]
    summary: dict[str, int]
    notes: list[str]


class Dashboard(BaseModel):
    """Everything the dashboard draws for a session: headline table, heat map, chart data."""

    model_config = ConfigDict(extra="allow")

    as_of: dt.date
    requested: dt.date | None
    headline: dict[str, Any]
    heatmap: dict[str, Any]
    charts: dict[str, Any]
