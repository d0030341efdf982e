"""Patterns written for speed match as the lists of words they replace did, longest first.

The number words as a structured pattern, the universe's names and tickers as a trie:
each against the words escaped and joined longest first, on generated texts.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotoscope.language import NUMBER_WORDS, number_word_pattern
from rotoscope.language._alternation import longest_first
from rotoscope.universe import load_universe


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


def matches(pattern: str, text: str, flags: int = re.IGNORECASE) -> list[
        tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in re.finditer(pattern, text, flags)]


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


# ------------------------------------------------------------------ words as a trie

def joined(words: list[str]) -> str:
    """Return the words as the subject patterns wrote them before: escaped, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


#: Around the words: the subject patterns' own guards, and tails that make the engine
#: back off from a longer word to a shorter one.
WORD_CONTEXTS = [
    r"(?<![\w^])(?:{})(?!\w|-(?-i:[a-z0-9]))",
    r"(?<![\w^$.&-])[$.^]?(?:{})(?![A-Za-z_&=]|\d(?![\d,]*\.\d)|\.[A-Z]\b|-[A-Za-z])",
    r"(?P<w>{})(?P<tail>b|\.a|\s|$)",
    r"(?:{})(?=a)",
]

#: Few letters, so that words are often prefixes of one another; the text also holds the
#: long s and the Kelvin sign, which match "s" and "k" when case is ignored.
_LETTERS = "abskAB &.-^$1"
_WORDS = st.lists(st.text(alphabet=_LETTERS, min_size=1, max_size=6), min_size=1, max_size=25)


@pytest.mark.parametrize("context", WORD_CONTEXTS)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@settings(max_examples=300)
@given(words=_WORDS, text=st.text(alphabet=_LETTERS + "x\u017f\u212a", max_size=40))
def test_a_trie_matches_as_the_words_joined_longest_first(
        context: str, flags: int, words: list[str], text: str) -> None:
    trie = longest_first(words, ignorecase=bool(flags))
    assert matches(context.format(trie), text, flags) == \
        matches(context.format(joined(words)), text, flags)


_UNIVERSE = load_universe()
_NAMES = sorted({t for s, meta in _UNIVERSE.series.items()
                 for t in (s, s.lstrip("^"), meta.name, *meta.aliases, *meta.proxy_aliases)})


_LOWER = [n.lower() for n in _NAMES]
#: (trie, joined) for each of the subject patterns' contexts, as the matcher builds them:
#: the lower-cased names with case ignored, the tickers as written
_UNIVERSE_PAIRS = [
    (re.compile(c.format(longest_first(_LOWER, ignorecase=True)), re.IGNORECASE),
     re.compile(c.format(joined(_LOWER)), re.IGNORECASE)) for c in WORD_CONTEXTS[:2]
] + [(re.compile(c.format(longest_first(_NAMES))), re.compile(c.format(joined(_NAMES))))
     for c in WORD_CONTEXTS[:2]]


@settings(max_examples=150)
@given(text=st.lists(st.sampled_from([*_NAMES, " ", "-", "s", "(", ")", ".", "$", "x", "500",
                                      "the "]), max_size=12).map("".join)
       .flatmap(lambda text: st.sampled_from([text, text.upper(), text.lower()])))
def test_the_universe_names_as_a_trie_match_as_joined(text: str) -> None:
    for trie, flat in _UNIVERSE_PAIRS:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_beyond_ascii_the_words_are_joined_and_no_word_is_refused() -> None:
    # "σ" and "ς" both match "Σ" when case is ignored: no trie, the plain alternation
    assert longest_first(["aσb", "aςbcd"], ignorecase=True) == "aςbcd|aσb"
    assert longest_first(["seven", "seventy", "six"]) == "s(?:even(?:ty)?|ix)"
    with pytest.raises(ValueError, match="no empty word"):
        longest_first(["a", ""])
    with pytest.raises(ValueError, match="at least one word"):
        longest_first([])
