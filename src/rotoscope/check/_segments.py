"""Split text into the units a claim lives in: sentences, headings and table rows.

Every segment keeps its character span in the input. Paragraphs are runs of
non-blank lines; a line that looks like a table header ("Date Close Daily
Change") starts a table whose following date-led lines are rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Segment", "segment"]

_ABBREVIATIONS = {
    "u.s", "u.k", "e.u", "vs", "etc", "e.g", "i.e", "inc", "corp", "co", "ltd", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms",
    "dr", "st", "no", "approx", "est", "fig", "p.m", "a.m", "jr", "sr", "dept", "mo", "yr",
}

_HEADER_WORD = (r"(?:date|session|day|close|closing|open|high|low|adj\.?\s*close|daily|"
                r"change|chg\.?|%|return|volume|price|level|net|pct\.?|percent|\(%\)|\$)")
TABLE_HEADER = re.compile(r"^\s*(?:date|session|day)\b(?:[\s|,;\t]+" + _HEADER_WORD + r")+"
                           r"[\s|]*$", re.IGNORECASE)
_ROW_START = re.compile(
    r"^\s*[|]?\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:,?\s+\d{4})?|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b[^\n]*\d",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)\]]*(?=\s+[\"“(\[]?[A-Z0-9$•])")


@dataclass(frozen=True)
class Segment:
    """A sentence, heading or table row.

    Attributes
    ----------
    span
        ``(start, end)`` in the input text.
    kind
        ``sentence``, ``heading`` (a short line without a full stop) or ``row``.
    paragraph
        Index of the paragraph (run of non-blank lines) it belongs to.
    columns
        For a table row, the header's column names in order (``close``,
        ``change``, ...); empty otherwise.
    """

    span: tuple[int, int]
    kind: Literal["sentence", "heading", "row"]
    paragraph: int
    columns: tuple[str, ...] = field(default=())

    def text(self, source: str) -> str:
        """Return the segment's text."""
        return source[self.span[0]:self.span[1]]


def _columns(header: str) -> tuple[str, ...]:
    low = header.lower()
    cols: list[str] = []
    for m in re.finditer(r"adj\.?\s*close|close|closing|open|high|low|change|chg|return|"
                         r"volume|price|level|%", low):
        word = m.group(0)
        name = {"closing": "close", "chg": "change", "return": "change", "%": "change",
                "price": "close", "level": "close"}.get(word, word)
        if word.startswith("adj"):
            name = "adj_close"
        if not cols or cols[-1] != name:
            cols.append(name)
    return tuple(cols)


def _sentences(text: str, start: int, end: int, paragraph: int) -> list[Segment]:
    out: list[Segment] = []
    line = text[start:end]
    cut = 0
    for m in _SENTENCE_END.finditer(line):
        before = line[cut:m.start()]
        word = re.search(r"([A-Za-z.]+)$", before)
        if word is not None:
            w = word.group(1).lower().rstrip(".")
            if w in _ABBREVIATIONS or len(w) == 1:
                continue
        if re.search(r"\d$", before) and line[m.end():m.end() + 2].strip()[:1].isdigit():
            continue
        out.append(Segment((start + cut, start + m.end()), "sentence", paragraph))
        cut = m.end()
        while cut < len(line) and line[cut].isspace():
            cut += 1
    if cut < len(line):
        out.append(Segment((start + cut, end), "sentence", paragraph))
    if len(out) == 1 and not re.search(r"[.!?:]\s*$", line) and len(line) < 120:
        out[0] = Segment(out[0].span, "heading", paragraph)
    return out


def segment(text: str) -> list[Segment]:
    """Return the text's segments in order; their spans never overlap."""
    out: list[Segment] = []
    paragraph = 0
    columns: tuple[str, ...] = ()
    in_table = False
    pos = 0
    blank = True
    for raw in text.splitlines(keepends=True):
        start, pos = pos, pos + len(raw)
        line = raw.rstrip("\r\n")
        end = start + len(line)
        stripped = line.strip()
        if not stripped:
            blank = True
            continue
        if blank:
            paragraph += 1
            blank = False
        lead = len(line) - len(line.lstrip())
        if TABLE_HEADER.match(line):
            columns = _columns(line)
            in_table = True
            out.append(Segment((start + lead, end), "heading", paragraph))
            continue
        if in_table and _ROW_START.match(line):
            out.append(Segment((start + lead, end), "row", paragraph, columns))
            continue
        in_table = False
        out.extend(_sentences(text, start + lead, end, paragraph))
    return out
