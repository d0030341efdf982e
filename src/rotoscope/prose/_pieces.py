"""Text pieces the note and the answers are written in: words, numbers and terms.

A paragraph is a sequence of pieces. Plain words are ``str`` and may hold no
digit: every number a reader sees is a :class:`Num`, which carries the fact it
states, or a :class:`Term`, a parameter of a method ("50-day", "21 sessions")
or a calendar date that frames a number rather than being one. The writers
cannot build a paragraph that breaks this rule (:func:`para` raises), so an
audit can tie every number in a note or an answer to its fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from rotoscope.facts import Fact

__all__ = ["NAMES_WITH_DIGITS", "Num", "Paragraph", "Piece", "Term", "digits_outside_names",
           "para"]

#: Index names that contain digits; they are names, not numbers.
NAMES_WITH_DIGITS = ("S&P 500", "Russell 2000", "Russell 1000", "Nasdaq-100",
                     "S&P MidCap 400", "S&P SmallCap 600")
#: Series tickers with digits (DGS10, DGS3MO) are names too.
_NAMES = re.compile("|".join(re.escape(n) for n in NAMES_WITH_DIGITS)
                    + r"|\b[A-Z]{2,5}\d{1,2}(?:MO)?\b")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Num:
    """A number stated in the text, with the fact it states."""

    fact: Fact
    text: str


@dataclass(frozen=True)
class Term:
    """A method parameter or a calendar date shown with digits ("50-day", "February 9")."""

    text: str


Piece = str | Num | Term


@dataclass(frozen=True)
class Paragraph:
    """A run of pieces; ``kind`` is ``p`` for prose or ``li`` for a list item."""

    pieces: tuple[Piece, ...]
    kind: Literal["p", "li"] = "p"

    def plain(self) -> str:
        """Return the text a reader sees, without citations."""
        return "".join(p if isinstance(p, str) else p.text for p in self.pieces)

    def nums(self) -> Iterator[Num]:
        """Yield the numbers of the paragraph in order."""
        for p in self.pieces:
            if isinstance(p, Num):
                yield p


def para(*pieces: Piece | None, kind: Literal["p", "li"] = "p") -> Paragraph:
    """Build a paragraph; ``None`` pieces are dropped, adjacent words joined.

    Raises
    ------
    ValueError
        When a plain-word piece holds a digit: a number that is not a fact.
    """
    out: list[Piece] = []
    for p in pieces:
        if p is None or p == "":
            continue
        if isinstance(p, str):
            if _DIGIT.search(_NAMES.sub("", p)):
                raise ValueError(f"a number outside a fact in the note's words: {p!r}")
            if out and isinstance(out[-1], str):
                out[-1] = out[-1] + p
                continue
        out.append(p)
    return Paragraph(tuple(out), kind)


def digits_outside_names(text: str) -> bool:
    """Whether ``text`` holds a digit outside the names that contain digits ("S&P 500")."""
    return _DIGIT.search(_NAMES.sub("", text)) is not None
