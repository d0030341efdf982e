"""What a note is made of: paragraphs, tables, charts, sections and stances.

The paragraphs are made of the pieces of :mod:`rotoscope.prose` (words,
numbers that carry their facts, and terms), shared with the answers of
``ask``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from rotoscope.facts import Fact
from rotoscope.freshness import Freshness, freshness
from rotoscope.prose import Num, Paragraph, Piece, Term, para

__all__ = [
    "Chart",
    "Note",
    "Num",
    "Paragraph",
    "Piece",
    "Section",
    "Stance",
    "Table",
    "Term",
    "para",
]

@dataclass(frozen=True)
class Table:
    """A table whose cells are words, numbers (facts) or terms.

    ``audit`` marks tables whose rows the claim checker reads as text (the
    week's daily closes); the others are audited cell by cell.
    """

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Piece, ...], ...]
    align: tuple[Literal["l", "r"], ...] = ()
    audit: bool = False
    note: str = ""

    def nums(self) -> Iterator[Num]:
        """Yield the numbers of the table row by row."""
        for row in self.rows:
            for cell in row:
                if isinstance(cell, Num):
                    yield cell


@dataclass(frozen=True)
class Chart:
    """An inline SVG chart with its title, caption and the facts or series it draws."""

    key: str
    title: str
    svg: str
    caption: str
    series: tuple[str, ...] = ()


@dataclass
class Section:
    """A titled part of the note."""

    key: str
    title: str
    blocks: list[Paragraph | Table | Chart | Section] = field(default_factory=list)

    def paragraphs(self) -> Iterator[Paragraph]:
        """Yield every paragraph, nested sections included."""
        for b in self.blocks:
            if isinstance(b, Paragraph):
                yield b
            elif isinstance(b, Section):
                yield from b.paragraphs()

    def tables(self) -> Iterator[Table]:
        """Yield every table, nested sections included."""
        for b in self.blocks:
            if isinstance(b, Table):
                yield b
            elif isinstance(b, Section):
                yield from b.tables()

    def charts(self) -> Iterator[Chart]:
        """Yield every chart, nested sections included."""
        for b in self.blocks:
            if isinstance(b, Chart):
                yield b
            elif isinstance(b, Section):
                yield from b.charts()


@dataclass(frozen=True)
class Stance:
    """A theme's stance label and the signals that set it."""

    theme: str
    label: Literal["Bullish", "Bearish", "Neutral", "Mixed"]
    pair: str
    signals: tuple[tuple[str, bool], ...]
    facts: tuple[Fact, ...]
    reason: str


@dataclass
class Note:
    """A complete research note for one as-of date."""

    as_of: dt.date
    session: dt.date
    title: str
    dek: Paragraph
    tags: tuple[str, ...]
    stances: tuple[Stance, ...]
    tickers: tuple[str, ...]
    sections: list[Section]
    references: list[Reference]
    methods: list[tuple[str, str]]
    disclaimer: str
    generated_at: str
    store_fingerprint: str
    #: the store's last date and the day its age was measured on (``freshness.today``)
    data_through: dt.date | None = None
    data_checked_on: dt.date | None = None

    def freshness(self) -> Freshness | None:
        """Return how old the note's data were when it was written, if known."""
        if self.data_through is None or self.data_checked_on is None:
            return None
        return freshness(self.data_through, self.data_checked_on)

    def paragraphs(self) -> Iterator[Paragraph]:
        """Yield the dek and every paragraph of every section."""
        yield self.dek
        for s in self.sections:
            yield from s.paragraphs()

    def tables(self) -> Iterator[Table]:
        """Yield every table."""
        for s in self.sections:
            yield from s.tables()

    def charts(self) -> Iterator[Chart]:
        """Yield every chart."""
        for s in self.sections:
            yield from s.charts()

    def nums(self) -> Iterator[Num]:
        """Yield every number of the note, prose first, then tables."""
        for p in self.paragraphs():
            yield from p.nums()
        for t in self.tables():
            yield from t.nums()

    def facts(self) -> list[Fact]:
        """Every fact the note states, in order of first appearance, without repeats."""
        seen: dict[str, Fact] = {}
        for n in self.nums():
            seen.setdefault(n.fact.id, n.fact)
        for st in self.stances:
            for f in st.facts:
                seen.setdefault(f.id, f)
        return list(seen.values())

    def _repr_html_(self) -> str:
        """Show the headline, stances, summary and each section's first paragraph."""
        from html import escape

        parts = [f"<h3>{escape(self.title)}</h3>",
                 f"<p><em>Research note for {self.session:%B} {self.session.day}, "
                 f"{self.session.year}</em></p>",
                 "<p>" + " · ".join(f"{escape(s.theme)}: <strong>{escape(s.label)}</strong>"
                                    for s in self.stances) + "</p>",
                 f"<p>{escape(self.dek.plain())}</p>"]
        for section in self.sections:
            first = next(section.paragraphs(), None)
            if first is not None:
                parts.append(f"<h4>{escape(section.title)}</h4><p>{escape(first.plain())}</p>")
        return f"<div class=\"rotoscope-note\">{''.join(parts)}</div>"


@dataclass(frozen=True)
class Reference:
    """One cited data series: field, date range used and where it came from."""

    number: int
    series: str
    name: str
    field: str
    label: str
    first: dt.date
    last: dt.date
    file: str
    source: str
    checksum: str
