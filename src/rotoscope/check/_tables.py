"""Tables: every cell is a claim read with its row header, column header and heading.

A table (Markdown pipes, or cells separated by tabs) states its subject, measure
and period in its headers, not in sentences: in

    | Index   | Close    | 1 day  | YTD    |
    | S&P 500 | 6,964.82 | +0.47% | +1.74% |

"+1.74%" is the S&P 500's change year to date. A cell's frame is built from
its row header (the first cell: a series, a date, or a description such as
"Russell 2000, year to date"), its column header ("SPY close", "Weekly
Change", "2025 Close") and the line above the table ("May 15, 2026 Index
Closes"), in that order of precedence for the subject, and column, row, then
heading for the period. A cell whose headers name a score, a rank or a
percentile is not a claim; a cell whose row names something the data do not
hold (oil, gold, a foreign index) is unverifiable.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from rotoscope.check._frames import Claim, ClaimPeriod, Metric
from rotoscope.check._mentions import Mention, Vocabulary
from rotoscope.language import (
    HeaderMeaning,
    Quantity,
    find_quantities,
    read_header,
    unverifiable_topic,
)

__all__ = ["Table", "find_footnotes", "find_tables", "table_claims"]

_SEPARATOR = re.compile(r"^[\s|:\-+=]+$")
_FOOTNOTE = re.compile(r"\[\^?[\w-]+\]")
#: A Markdown footnote definition: "[^4]: LABEL: VALUE; method ...; input ...".
_FOOTNOTE_DEFINITION = re.compile(r"^[ \t]*\[\^[^\]\n]+\]:[ \t]*(?:(?P<label>[^;\n]*):[ \t]*"
                                  r"(?P<value>[^;:\n]*))?[^\n]*$", re.MULTILINE)


@dataclass(frozen=True)
class Cell:
    """One cell: its span in the text (without padding) and its words."""

    span: tuple[int, int]
    text: str


@dataclass(frozen=True)
class Table:
    """A table: its header cells, its rows, and the heading line above it."""

    span: tuple[int, int]
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    heading: Cell | None


def _cells(text: str, start: int, line: str, sep: str) -> list[Cell]:
    out: list[Cell] = []
    pos = 0
    body = line
    if sep == "|":
        lead = len(body) - len(body.lstrip())
        body = body.rstrip()
        if body.lstrip().startswith("|"):
            pos = lead + 1
        end = len(body) - 1 if body.endswith("|") and len(body) > pos else len(body)
    else:
        end = len(body)
    for part in body[pos:end].split(sep):
        a = pos + len(part) - len(part.lstrip())
        b = pos + len(part.rstrip())
        out.append(Cell((start + a, start + max(a, b)), part.strip()))
        pos += len(part) + 1
    return out


def _separator_of(line: str) -> str | None:
    if line.count("|") >= 2 or (line.lstrip().startswith("|") and line.count("|") >= 1):
        return "|"
    if line.count("\t") >= 1 and len([c for c in line.split("\t") if c.strip()]) >= 2:
        return "\t"
    return None


def find_tables(text: str) -> list[Table]:
    """Return the pipe and tab tables of ``text`` (two rows or more, header first)."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        lines.append((pos, raw.rstrip("\r\n")))
        pos += len(raw)
    out: list[Table] = []
    i = 0
    while i < len(lines):
        sep = _separator_of(lines[i][1])
        if sep is None:
            i += 1
            continue
        j = i
        block: list[tuple[int, str]] = []
        while j < len(lines) and _separator_of(lines[j][1]) == sep:
            block.append(lines[j])
            j += 1
        body = [(s, ln) for s, ln in block if not _SEPARATOR.match(ln)]
        if len(body) >= 2:
            header = tuple(_cells(text, body[0][0], body[0][1], sep))
            rows = tuple(tuple(_cells(text, s, ln, sep)) for s, ln in body[1:])
            heading = None
            k = i - 1
            while k >= 0 and not lines[k][1].strip():
                k -= 1
            if k >= 0 and len(lines[k][1].strip()) < 120 and \
                    not lines[k][1].rstrip().endswith("."):
                s, ln = lines[k]
                lead = len(ln) - len(ln.lstrip())
                heading = Cell((s + lead, s + len(ln.rstrip())), ln.strip())
            out.append(Table((block[0][0], block[-1][0] + len(block[-1][1])), header, rows,
                             heading))
        i = j
    return out


def find_footnotes(text: str) -> list[Table]:
    """Return each Markdown footnote definition as a one-row table (label, value).

    A footnote cites what a number in the text is: "[^4]: Russell 2000 price
    return, year to date: +8.35%; method: ...". Its label is read like a row
    header and its value like the cell beside it; the method, inputs and
    identifiers after the first semicolon are not claims. A footnote that is
    not "label: value" yields a table with no rows, so that its line is not
    read as prose either.
    """
    out: list[Table] = []
    for m in _FOOTNOTE_DEFINITION.finditer(text):
        rows: tuple[tuple[Cell, ...], ...] = ()
        if m.group("label") and m.group("value"):
            label = Cell(m.span("label"), m.group("label").strip())
            value = Cell((m.start("value"), m.start("value") + len(m.group("value").rstrip())),
                         m.group("value").strip())
            rows = ((label, value),)
        out.append(Table(m.span(), (), rows, None))
    return out


def _quantity(text: str, cell: Cell) -> tuple[Quantity | None, bool]:
    """Return the cell's one number (footnote markers aside) and whether it is a range.

    A range ("3.50%-3.75%") gives its first number and ``True``; no number or
    several give ``(None, False)``.
    """
    words = _FOOTNOTE.sub(lambda m: " " * len(m.group(0)), text[cell.span[0]:cell.span[1]])
    found = find_quantities(words)
    if not found:
        return None, False
    q = replace(found[0], span=(cell.span[0] + found[0].span[0],
                                cell.span[0] + found[0].span[1]))
    if re.search(r"\d\s*%?\s*[-–]\s*[-+]?\$?\d", words):
        # a range ("3.50%-3.75%"), unless the cell is a date ("2026-01-02")
        return (None, False) if re.search(r"\d{4}-\d{1,2}-\d{1,2}", words) else (q, True)
    return (q, False) if len(found) == 1 else (None, False)


def _period(meaning: HeaderMeaning, source: str) -> ClaimPeriod | None:
    if meaning.window is None:
        return None
    return ClaimPeriod(meaning.window, meaning.anchor, meaning.phrase or meaning.window,
                       source, meaning.day)


def table_claims(text: str, table: Table, vocab: Vocabulary, as_of: dt.date) -> list[Claim]:
    """Return one claim per numeric cell of ``table`` (see the module docstring)."""
    columns = [read_header(_FOOTNOTE.sub("", c.text), as_of) for c in table.header]
    col_subjects = [_subject(vocab, text, c) for c in table.header]
    # a column without a subject takes the one to its left ("SPY close | change")
    for k in range(1, len(col_subjects)):
        if col_subjects[k] is None and columns[k].measure not in ("other",):
            col_subjects[k] = col_subjects[k - 1]
    heading = read_header(table.heading.text, as_of) if table.heading else HeaderMeaning()
    heading_subject = _subject(vocab, text, table.heading) if table.heading else None
    out: list[Claim] = []
    for row in table.rows:
        if not row:
            continue
        row_head = row[0]
        # a row named "Dow Jones Industrial Average" is not a column of averages: the
        # series' name is not read as a measure
        row_words = row_head.text
        for m in vocab.mentions(text, row_head.span[0], row_head.span[1]):
            a, b = m.span[0] - row_head.span[0], m.span[1] - row_head.span[0]
            if 0 <= a < b <= len(row_words):
                row_words = row_words[:a] + " " * (b - a) + row_words[b:]
        row_meaning = read_header(_FOOTNOTE.sub("", row_words), as_of)
        row_subject, row_other = _subjects(vocab, text, row_head)
        for k, cell in enumerate(row[1:], start=1):
            q, is_range = _quantity(text, cell)
            if q is None:
                continue
            if is_range:  # a band of values, such as a policy rate's target range
                out.append(Claim(
                    span=cell.span, quantity=q, segment=(row[0].span[0], row[-1].span[1]),
                    metric="other", subject=None, subject_text=row_head.text.strip(),
                    unit=q.unit, claimed=q.value, qualifier=q.qualifier, decimals=q.decimals,
                    period=None, subject_how="row",
                    reason="a range of values rather than one number; the checker verifies "
                           "single values"))
                continue
            col = columns[k] if k < len(columns) else HeaderMeaning()
            if "other" in (col.measure, row_meaning.measure):
                continue  # a score, a rank, a percentile: not recomputed
            subject = row_subject or (col_subjects[k] if k < len(col_subjects) else None) \
                or heading_subject
            period = _period(col, "row") or _period(row_meaning, "row") or \
                _period(heading, "row")
            measure = col.measure or row_meaning.measure
            metric, unit, claimed = _metric(measure, q, subject, vocab)
            if metric is None:
                continue
            shape = col if col.measure else row_meaning
            other = row_other.symbol if metric == "spread" and row_other is not None else None
            reason = None
            topic = unverifiable_topic(row_head.text)
            if topic is not None:
                metric, reason = "other", topic[0]
            elif row_other is not None and (metric != "spread" or "rate" in (
                    vocab.kinds.get(row_other.symbol or ""),
                    vocab.kinds.get(subject.symbol or "" if subject else ""))):
                metric, reason = "other", (f"a measure of {subject.name if subject else ''} "
                                           f"and {row_other.name} together (a ratio or a "
                                           "difference of yields)")
            elif subject is not None and subject.symbol is None:
                metric, reason = "other", f"{subject.name} is not in the data"
            elif metric == "spread" and other is None:
                metric, reason = "other", "the table does not say what the spread is against"
            out.append(Claim(
                span=cell.span, quantity=q, segment=(row[0].span[0], row[-1].span[1]),
                metric=metric,
                subject=subject.symbol if subject is not None else None,
                subject_text=subject.name if subject is not None else "",
                unit=unit, claimed=claimed, qualifier=q.qualifier, decimals=q.decimals,
                period=period, other=other, reason=reason,
                proxy=subject.proxy if subject is not None else False,
                column=col.field if metric == "level" else "close",
                subject_how="row", sign_known=True,
                ma_sessions=shape.ma_sessions, record=shape.record,
                ma_position=("below" if claimed < 0 else "above")
                if metric == "ma_distance" else None,
            ))
    return out


def _subject(vocab: Vocabulary, text: str, cell: Cell | None) -> Mention | None:
    return _subjects(vocab, text, cell)[0] if cell is not None else None


def _subjects(vocab: Vocabulary, text: str,
              cell: Cell) -> tuple[Mention | None, Mention | None]:
    """Return a cell's first subject, and a second series it names ("DGS10 minus DGS2")."""
    found = vocab.mentions(text, cell.span[0], cell.span[1])
    known = [m for m in found if m.symbol is not None]
    second = known[1] if len(known) >= 2 and known[1].symbol != known[0].symbol else None
    return (found[0] if found else None), second


_POSITIONS = ("ma_distance", "drawdown", "week_range", "moving_average", "high_52w", "low_52w",
              "week_low", "week_high")


def _metric(measure: str | None, q: Quantity, subject: Mention | None,
            vocab: Vocabulary) -> tuple[Metric | None, str, float]:
    kind = vocab.kinds.get(subject.symbol) if subject is not None and subject.symbol else None
    if measure in ("ma_distance", "drawdown", "week_range") and q.unit == "pct":
        return measure, "pct", q.value  # type: ignore[return-value]
    if measure in ("moving_average", "high_52w", "low_52w", "week_low", "week_high") and \
            q.unit in ("usd", "level"):
        return measure, q.unit, q.value  # type: ignore[return-value]
    if measure in _POSITIONS:
        return None, q.unit, q.value
    if q.unit == "level" and q.decimals == 0 and measure not in ("level", "points", "change"):
        return None, q.unit, q.value  # a bare whole number: a count, not a price
    if measure == "sessions":
        return None, q.unit, q.value  # a streak needs its pair: read from sentences
    if measure == "spread" or q.unit == "pp":
        if kind == "rate":
            return "change", "pp", q.value
        return "spread", "pp", q.value
    if q.unit == "pct":
        if kind == "rate" and measure not in ("change", "points"):
            return "level", "pct", q.value
        if measure == "level":
            return "level", "pct", q.value
        return "change", "pct", q.value
    if q.unit in ("usd", "level"):
        if measure in ("points", "change"):
            return "change", "points", q.value
        return "level", q.unit, q.value
    return None, q.unit, q.value
