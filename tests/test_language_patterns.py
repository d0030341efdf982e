"""The number words as a structured pattern match as the list of words did, longest first."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotoscope.language import NUMBER_WORDS, number_word_pattern


def listed(spaced: bool) -> str:
    """Return the number words as they were written before: escaped, joined longest first."""
    words = [w for w in NUMBER_WORDS if spaced or " " not in w]
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


#: What follows the number in the patterns that use it; each makes the engine back off to
#: a shorter word when the longer one leaves the rest unmatched ("seventy-three" before
#: "-year", then "seventy" before "-three-year", ...).
CONTEXTS = [
    r"\b(?:{})\b",
    r"(?P<n>\d+|{})(?P<rest>[- ](?:year|three|day)s?\b)",
    r"(?P<n>{})(?P<tail>teen|ty|[- ]\w+|\b)",
    r"\b(?P<n>\d{{1,2}}|(?:{}))\s+(?:of|out of)\s+(?P<m>{})\b",
    r"(?:{})(?=[- ]?(?:one|two|six|seven|eight|nine)\b)",
]

_PIECES = [*NUMBER_WORDS, "teen", "ty", "ty-", "-", " ", "a ", "an ", "of ", "out of ",
           "year", "years", "-year", "day", "s", "x", "3", "12", ".", ",", "eigh", "seve"]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join).flatmap(
    lambda text: st.sampled_from([text, text.upper(), text.title(), text.swapcase()]))


def matches(pattern: str, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in re.finditer(pattern, text, re.IGNORECASE)]


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("spaced", [True, False])
@settings(max_examples=300)
@given(text=_TEXTS)
def test_the_structured_pattern_matches_as_the_listed_words(
        context: str, spaced: bool, text: str) -> None:
    new, old = number_word_pattern(spaced=spaced), listed(spaced)
    assert matches(context.format(new, new), text) == matches(context.format(old, old), text)


@pytest.mark.parametrize("spaced", [True, False])
def test_the_pattern_matches_exactly_the_words(spaced: bool) -> None:
    pattern = re.compile(number_word_pattern(spaced=spaced), re.IGNORECASE)
    words = [w for w in NUMBER_WORDS if spaced or " " not in w]
    # 20 words to nineteen, 8 tens, 8 x 9 hyphenated, "dozen"; spaced: 8 x 9 more, "a dozen"
    assert len(words) == (20 + 8 + 72 + 1 + (72 + 1 if spaced else 0))
    assert all(pattern.fullmatch(w) and pattern.fullmatch(w.upper()) for w in words)
    # nothing else: the longest match at the start of each non-word is shorter than it
    for near in ["twenty-", "seventy  three", "a  dozen", "ten-one", "nineteen-two",
                 "zero-one", "twelve three", "thirty-ten", "eightteen", "fourty"]:
        assert pattern.fullmatch(near) is None, near
    assert (pattern.fullmatch("seventy three") is not None) is spaced
    assert (pattern.fullmatch("a dozen") is not None) is spaced
