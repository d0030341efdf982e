"""The fact: the only currency between analytics and everything that speaks.

A fact carries its value and unit, what it is about, the exact inputs (series,
field, first and last date actually used), the method and its parameters, and
the provenance rows it came from. Its id is a readable key built from the kind,
subjects, parameters and as-of date, so the same inputs always give the same id.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Fact", "FactInput", "Unit", "make_fact_id"]

Unit = Literal[
    "pct", "pp", "level", "sessions", "count", "ratio", "date", "z", "percentile", "years",
    "degrees", "label", "share", "bp",
]


class FactInput(BaseModel):
    """One series a fact read: which field, and the first and last date actually used."""

    model_config = ConfigDict(frozen=True)

    series: str
    field: Literal["close", "adj_close", "open", "high", "low", "value", "value_pct"]
    first: dt.date
    last: dt.date


class Fact(BaseModel):
    """A computed, cited number.

    Attributes
    ----------
    id
        Stable key, e.g. ``return.adj_close.IWD.month-2026-01@2026-02-09``.
    value
        The number (a float, an int for counts and sessions, a date, or for
        ``label`` facts a category such as a quadrant or a symbol).
    unit
        How to read ``value``: ``pct`` (percent), ``pp`` (percentage points),
        ``level``, ``sessions``, ``count``, ``ratio``, ``date``, ``z``,
        ``percentile``, ``years``, ``share`` (a percentage of cases, unsigned),
        ``degrees`` (an angle) or ``label`` (a category:
        a quadrant, a direction, the symbol that leads).
    kind
        The metric, e.g. ``return``, ``spread``, ``streak``.
    as_of
        The date the fact is computed as of; nothing after it was read.
    subjects
        The series the fact is about, in order (A then B for a spread).
    inputs
        Exact inputs: series, field, first and last date used.
    method
        Name of the formula; ``params`` holds its parameters.
    sources
        Mirror files (provenance rows) the inputs came from.
    label
        A short human label.
    notes
        Anything a reader must know (e.g. the window end resolved to an earlier
        session).
    precision
        Decimals to show for levels (the series' own precision).
    signed
        Whether to show a ``+`` on positive values; ``None`` follows the unit
        (on for changes in ``pct`` and ``pp``). Off for levels quoted in percent,
        such as volatility.
    """

    model_config = ConfigDict(frozen=True)

    id: str
    value: float | int | dt.date | str
    unit: Unit
    kind: str
    as_of: dt.date
    subjects: tuple[str, ...]
    inputs: tuple[FactInput, ...]
    method: str
    params: dict[str, Any] = Field(default_factory=dict)
    sources: tuple[str, ...] = ()
    label: str = ""
    notes: tuple[str, ...] = ()
    precision: int = 2
    signed: bool | None = None

    def formatted(self, signed: bool | None = None) -> str:
        """Return the value as a reader sees it (see :func:`rotoscope.facts.format_value`)."""
        from rotoscope.facts._format import format_value

        return format_value(self.value, self.unit, self.precision,
                            signed=self.signed if signed is None else signed)


def make_fact_id(kind: str, subjects: tuple[str, ...], key: str, as_of: dt.date) -> str:
    """Return the stable id ``kind.subject[-subject].key@as_of``."""
    return f"{kind}.{'-'.join(subjects)}.{key}@{as_of.isoformat()}"
