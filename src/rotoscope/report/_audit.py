"""The self-audit: every number in a note is a fact, and the claim checker agrees.

Three checks, all of which must pass before a note is written:

1. **Shown as computed.** Each number's text is its fact's value at the
   precision shown (a sign dropped after a verb such as "fell" is allowed, and
   counts up to ten may be spelled out).
2. **No stray digits.** Outside numbers and terms (method parameters such as
   "50-day", calendar dates, index names such as "Russell 2000") the text
   holds no digit; table label cells hold no measurement.
3. **The checker agrees.** The note's text goes through :func:`rotoscope.check.check_text`.
   Every claim it finds must be ``confirmed``. A claim the checker cannot
   verify (``unverifiable``: a breadth count, a z-score, a historical base rate)
   passes only when its number is a fact of the note. A claim found on a
   term (a parameter) is ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rotoscope.check import CheckedClaim, CheckResult, check_text
from rotoscope.report._model import Note, Num, Table, Term
from rotoscope.report._render import text_with_spans
from rotoscope.store import Store
from rotoscope.universe import Universe

__all__ = ["AuditResult", "audit_note", "audit_text"]

_WORDS = {w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six",
                                      "seven", "eight", "nine", "ten"))}
_NUMBER = re.compile(r"-?[\d,]*\.?\d+")
_MEASURE = re.compile(r"\d+\.\d+|\d+(?:\.\d+)?\s*%")


@dataclass
class AuditResult:
    """What the audit found."""

    numbers: int
    check: CheckResult
    confirmed: list[CheckedClaim] = field(default_factory=list)
    outside: list[CheckedClaim] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the note passed."""
        return not self.failures

    def summary(self) -> str:
        """Return one line: numbers, what the checker re-verified, failures."""
        return (f"{self.numbers} numbers, each tied to a fact; the claim checker re-verified "
                f"{len(self.confirmed)} claims and found {len(self.outside)} outside its "
                f"vocabulary (tied to facts); {len(self.failures)} failures")


def _shown_ok(n: Num) -> bool:
    value, text = n.fact.value, n.text
    if isinstance(value, dt.date):
        return value.isoformat() == text or _date_text(value, text)
    if isinstance(value, str):
        return value.lower() in text.lower()
    if text.lower() in _WORDS:
        return _WORDS[text.lower()] == value
    m = _NUMBER.search(text.replace("$", ""))
    if m is None:
        return False
    shown = float(m.group(0).replace(",", ""))
    decimals = len(m.group(0).split(".")[1]) if "." in m.group(0) else 0
    tol = 0.5 * 10 ** -decimals + 1e-9
    v = float(value)
    if abs(abs(shown) - abs(v)) > tol:
        return False
    if abs(v) < tol:
        return True
    bare = text.lstrip("$")
    if bare.startswith("-"):
        return v < 0
    if bare.startswith("+"):
        return v > 0
    return True


def _date_text(day: dt.date, text: str) -> bool:
    return text in (f"{day:%B} {day.day}, {day.year}", f"{day:%B %Y}")


def audit_note(note: Note, store: Store, universe: Universe) -> AuditResult:
    """Audit a note against the store; see the module docstring for the rules."""
    text, spans = text_with_spans(note)
    return audit_text(text, spans, list(note.nums()), list(note.tables()), note.as_of, store,
                      universe)


def audit_text(text: str, spans: list[tuple[int, int, Num | Term]], nums: list[Num],
               tables: list[Table], as_of: dt.date, store: Store,
               universe: Universe) -> AuditResult:
    """Audit any text built from pieces (a note, an answer) by the module's three rules.

    ``spans`` say where each number and term sits in ``text``; ``nums`` are all
    the numbers shown, tables included.
    """
    result = AuditResult(len(nums), check_text(store, universe, text, as_of))
    for n in nums:
        if not _shown_ok(n):
            result.failures.append(f"'{n.text}' does not show fact {n.fact.id} "
                                   f"({n.fact.formatted()})")
    for t in tables:
        for row in t.rows:
            for cell in row:
                if isinstance(cell, str) and _MEASURE.search(cell):
                    result.failures.append(f"table '{t.caption}' has a number outside a "
                                           f"fact: {cell!r}")
    for c in result.check.claims:
        q0, q1 = c.claim.quantity.span
        owner = next((p for s, e, p in spans if s < q1 and q0 < e), None)
        if isinstance(owner, Term) or (owner is None and c.verdict == "unverifiable"):
            continue
        where = f"'{c.claim.text(text)}'"
        if owner is None and c.claim.unit == "claim" and c.verdict != "contradicted":
            continue  # words without a number ("a fresh three-month high") that hold
        if owner is None:
            result.failures.append(f"{where}: the checker read a number that is not a fact"
                                   if c.verdict != "contradicted" else
                                   f"{where}: contradicted: {c.explanation}")
        elif c.verdict == "confirmed":
            result.confirmed.append(c)
        elif c.verdict == "unverifiable":
            result.outside.append(c)
        else:
            result.failures.append(f"{where} ({owner.fact.id}): {c.verdict}: "
                                   f"{c.explanation}")
    return result
