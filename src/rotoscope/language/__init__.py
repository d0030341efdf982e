"""The vocabulary of market prose: quantities, subjects, dates and periods.

One module shared by the claim checker and the question answerer. Its
vocabulary of subjects comes from the universe file (names, tickers, aliases).
"""

from rotoscope.language._numbers import NUMBER_WORDS, Quantity, find_quantities, parse_number
from rotoscope.language._vocabulary import (
    Dateline,
    DateMention,
    Period,
    SubjectMatcher,
    SubjectMention,
    find_dateline,
    find_dates,
    find_periods,
    parse_date,
)

__all__ = [
    "NUMBER_WORDS",
    "DateMention",
    "Dateline",
    "Period",
    "Quantity",
    "SubjectMatcher",
    "SubjectMention",
    "find_dateline",
    "find_dates",
    "find_periods",
    "find_quantities",
    "parse_date",
    "parse_number",
]
