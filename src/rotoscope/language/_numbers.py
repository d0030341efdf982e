"""Numeric quantities in prose: percentages, points, levels, prices, counts, years.

Every quantity keeps its character span in the text and the qualifier that
changes how it is verified ("more than", "approximately", "nearly").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["NUMBER_WORDS", "Quantity", "QuantityUnit", "count_value", "find_quantities",
           "number_word_pattern", "parse_number"]

QuantityUnit = Literal["pct", "pp", "usd", "level", "sessions", "days", "weeks", "months",
                       "years", "count", "times"]
Qualifier = Literal["exact", "approximately", "more_than", "less_than", "nearly", "at_least"]

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}

#: Number words up to ninety-nine ("six", "twenty-one", "thirty five"), plus "a dozen".
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_ONES)}
NUMBER_WORDS |= _TENS
for _t, _tv in _TENS.items():
    for _o in range(1, 10):
        NUMBER_WORDS[f"{_t}-{_ONES[_o]}"] = _tv + _o
        NUMBER_WORDS[f"{_t} {_ONES[_o]}"] = _tv + _o
NUMBER_WORDS["a dozen"] = 12
NUMBER_WORDS["dozen"] = 12


def count_value(token: str) -> int | None:
    """Return a count written in digits or words ("12", "twelve"); ``None`` otherwise."""
    t = token.strip().lower()
    return int(t) if t.isdigit() else NUMBER_WORDS.get(t)


def number_word_pattern(*, spaced: bool = True) -> str:
    """Return a regular expression, without groups, for the number words.

    It matches the strings of :data:`NUMBER_WORDS` (with ``spaced=False``, those
    without a space: "thirty-five" but not "thirty five" nor "a dozen") and,
    where several match at one place, tries the longer first, as the words
    joined longest first would. It is built from the parts rather than listing
    the ~180 words, which the regular-expression compiler handles many times
    faster: a ten and an optional unit ("seventy", "seventy-three") before the
    teens ("seventeen") before the words up to twelve ("seven"). Every word that
    is a prefix of another lies in a later branch (or is the ten without its
    unit), and the branches of each group never match the same text, so the
    order of the tries is the same.

    Parameters
    ----------
    spaced
        Whether a space may join a ten and its unit, and "a dozen" is a word.

    Returns
    -------
    str
        A bare alternation; wrap it in a group before adding to it.
    """
    join = "[- ]" if spaced else "-"
    tens = "|".join(_TENS)
    units = "|".join(_ONES[1:10])
    teens = "|".join(_ONES[13:])
    small = "|".join(_ONES[:13])
    dozen = "a dozen|dozen" if spaced else "dozen"
    return f"(?:{tens})(?:{join}(?:{units}))?|{teens}|{small}|{dozen}"


_WORD_ALT = number_word_pattern()
_NUM = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|(?<![\w.])\.\d+|(?<![\d.])\.\d+(?=\s?%))"

_QUALIFIERS: list[tuple[str, Qualifier]] = [
    (r"more than|over|above|in excess of|upwards of", "more_than"),
    (r"less than|under|below|fewer than", "less_than"),
    (r"approximately|about|around|roughly|some|circa|~|an estimated", "approximately"),
    (r"nearly|almost|close to|just under|just shy of|toward|towards", "nearly"),
    (r"at least|no fewer than", "at_least"),
]

_BASIS_POINTS = r"\s?(?:basis[- ]points?|bps?)\b"
_UNIT_WORDS: list[tuple[str, QuantityUnit]] = [
    (_BASIS_POINTS, "pp"),  # read as hundredths of a percentage point
    (r"\s?(?:percentage|pct\.?)\s*points?|\s?pp\b|\s?ppts?\b", "pp"),
    (r"%|\s?percent(?!age)|\s?per cent", "pct"),
    (r"(?:-|\s)(?:consecutive\s+|straight\s+|trading\s+)*(?:sessions?|trading days?)", "sessions"),
    (r"(?:-|\s)(?:consecutive\s+|straight\s+)*days?", "days"),
    (r"(?:-|\s)weeks?", "weeks"),
    (r"(?:-|\s)months?", "months"),
    (r"(?:-|\s)years?", "years"),
    (r"\s(?:times|occasions)", "times"),
    (r"\s?(?:points|pts)\b", "level"),
]

_QUANTITY = re.compile(
    r"(?P<qual>(?:" + "|".join(q for q, _ in _QUALIFIERS) + r")\s+)?"
    r"(?P<sign>[+\-−–])?(?P<dollar>\$)?"
    r"(?:(?P<num>" + _NUM + r")|(?P<word>\b(?:" + _WORD_ALT + r")\b))"
    r"(?P<unit>" + "|".join(f"(?:{u})" for u, _ in _UNIT_WORDS) + r")?",
    re.IGNORECASE,
)


_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@dataclass(frozen=True)
class Quantity:
    """A number found in text.

    Attributes
    ----------
    value
        The number, signed when the text carries a sign.
    unit
        What it measures; ``level`` for a bare number, ``usd`` after a ``$``.
    span
        ``(start, end)`` character offsets in the text.
    qualifier
        ``exact`` unless the text says "more than", "approximately", ...
    decimals
        Decimals as written (for rounding tolerance); 0 for number words.
    text
        The matched text.
    """

    value: float
    unit: QuantityUnit
    span: tuple[int, int]
    qualifier: Qualifier
    decimals: int
    text: str


def parse_number(token: str) -> float:
    """Parse ``1,234.5``, ``-3``, ``−1.2`` or a number word (``twenty-one``)."""
    t = token.strip().lower().replace("−", "-").replace("–", "-")
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    return float(t.replace(",", ""))


def _qualifier(text: str | None) -> Qualifier:
    if not text:
        return "exact"
    low = text.strip().lower()
    for pattern, name in _QUALIFIERS:
        if re.fullmatch(pattern, low):
            return name
    return "exact"


def _unit(text: str | None, dollar: bool) -> QuantityUnit:
    if dollar:
        return "usd"
    if not text:
        return "level"
    for pattern, name in _UNIT_WORDS:
        if re.fullmatch(pattern, text, re.IGNORECASE):
            return name
    return "level"


def find_quantities(text: str, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Return every numeric quantity in ``text``, in order, with its span.

    Dates are not quantities: a four-digit year after a month name or a day
    after a month is skipped, as are footnote markers like ``[4]``. Numbers inside
    a ``skip`` span (a subject's name such as "S&P 500") are skipped too.
    """
    out: list[Quantity] = []
    skip = [*(skip or []), *(d.span() for d in _ISO.finditer(text))]
    for m in _QUANTITY.finditer(text):
        if any(a <= m.start("num" if m.group("num") else "word") < b for a, b in skip):
            continue
        num, word = m.group("num"), m.group("word")
        start = m.start("sign") if m.group("sign") else (
            m.start("dollar") if m.group("dollar") else m.start("num" if num else "word"))
        if m.group("qual"):
            start = m.start("qual")
        before = text[max(0, m.start() - 12):m.start()]
        if num and re.search(r"\[\s*$", before) and text[m.end():m.end() + 1] == "]":
            continue  # a citation marker like [4]
        if num and re.search(r"(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
                             r"\s+(\d{1,2},?\s+)?$", before) and not m.group("unit") \
                and not m.group("dollar") and "." not in num and not m.group("sign"):
            continue  # part of a date: "January 23", "May 1996"
        if num and re.fullmatch(r"(19|20)\d{2}", num) and not m.group("unit") \
                and not m.group("dollar"):
            continue  # a bare year
        sign = m.group("sign")
        value = parse_number(num or word)
        # a hyphen right after a word is a compound ("15-session"), not a sign
        if sign and sign in "-−–" and (num or m.group("unit")) \
                and not (m.start("sign") > 0 and text[m.start("sign") - 1].isalnum()):
            value = -value
        if word and not m.group("unit"):
            continue  # "one of the", "five" alone: not a quantity
        decimals = len(num.split(".")[1]) if num and "." in num else 0
        if m.group("unit") and re.fullmatch(_BASIS_POINTS, m.group("unit"), re.IGNORECASE):
            value, decimals = value / 100.0, decimals + 2  # 6 basis points = 0.06 pp
        out.append(Quantity(
            value=value,
            unit=_unit(m.group("unit"), bool(m.group("dollar"))),
            span=(start, m.end()),
            qualifier=_qualifier(m.group("qual")),
            decimals=decimals,
            text=text[start:m.end()],
        ))
    return out
