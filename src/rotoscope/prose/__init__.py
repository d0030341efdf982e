"""The words the note and the answers are written in.

:mod:`rotoscope.report` writes the research note and :mod:`rotoscope.ask`
answers questions; both write their sentences from the same pieces (words,
numbers that carry their facts, terms) and the same toolbox (:class:`Ctx`:
facts by key, numbers as pieces, words chosen by the data), so a number reads
the same wherever it is stated and every one of them can be audited.
"""

from rotoscope.prose._context import Ctx, Missing, article, long_date, plural_subject, short_date
from rotoscope.prose._pieces import (
    NAMES_WITH_DIGITS,
    Num,
    Paragraph,
    Piece,
    Term,
    digits_outside_names,
    para,
)

__all__ = [
    "NAMES_WITH_DIGITS",
    "Ctx",
    "Missing",
    "Num",
    "Paragraph",
    "Piece",
    "Term",
    "article",
    "digits_outside_names",
    "long_date",
    "para",
    "plural_subject",
    "short_date",
]
