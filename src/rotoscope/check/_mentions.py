"""Mentions: the subjects a text names, known to the universe or not.

A mention is a span of text naming a series the universe holds ("the Russell
2000", "IWM", "Energy") or something it does not ("Nvidia", "oil", "the
FTSE 100"). A number next to an unknown mention belongs to it, never to a
series named elsewhere in the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rotoscope.language import (
    COMPARISON,
    SubjectMatcher,
    SubjectMention,
    company_word_before,
    find_unknown_subjects,
)
from rotoscope.universe import Universe

__all__ = ["Mention", "Vocabulary", "is_comparison_object"]


@dataclass(frozen=True)
class Mention:
    """A subject named in the text; ``symbol`` is ``None`` for one the data do not hold."""

    symbol: str | None  # None: a series the universe does not know
    name: str
    span: tuple[int, int]
    proxy: bool  # named by a sector or index name that an ETF stands in for
    #: an index named before an ETF's ticker in parentheses ("the S&P 500 (SPY)") owns the
    #: number; the ETF is its twin, a reading that makes a mismatch approximate
    twin: str | None = None


#: "the Nasdaq ETF (QQQ)", "SPDR S&P 500 Trust (SPY)": the fund itself is named
_FUND_WORDS = re.compile(r"\b(?:ETFs?|funds?|trust|SPDRs?|iShares|Invesco|Vanguard|shares)\b",
                         re.IGNORECASE)


#: "closing value", "market value", "its growth": a lower-case alias that is a plain word here
_COMMON_WORD_USE = re.compile(r"\b(?:closing|market|book|fair|face|total|net|intrinsic|"
                              r"earnings|revenue|economic|its|their|his|her|of)\s+$",
                              re.IGNORECASE)


class Vocabulary:
    """The universe's subjects and the names the data do not hold, found in text."""

    def __init__(self, universe: Universe) -> None:
        self.matcher = SubjectMatcher(universe)
        self.tickers = {s.upper() for s in universe.series}
        self.sector_symbols = set(universe.sectors)
        self.sectors: tuple[str, ...] = tuple(universe.sectors)
        self.kinds = {s: universe.series[s].kind for s in universe.series}

    def group(self, symbol: str) -> str:
        """Return the group a series belongs to for carrying periods: sector, index, ..."""
        if symbol in self.sector_symbols:
            return "sector"
        return self.kinds.get(symbol, "?")

    def _index_first(self, chunk: str, start: int, k: SubjectMention) -> Mention:
        """Return the mention, giving "Index Name (ETF)" to the index named first."""
        span = (start + k.span[0], start + k.span[1])
        words = chunk[k.span[0]:k.span[1]]
        paren = words.find("(")
        if k.ticker and paren > 0 and self.kinds.get(k.symbol) == "etf" and \
                not _FUND_WORDS.search(words[:paren]):
            name = re.sub(r"^(?:the\s+)", "", words[:paren].strip(), flags=re.IGNORECASE)
            # only a plain index name: "the cap-weight S&P 500 (SPY)" names the fund
            named = [m for m in self.matcher.find(name)
                     if m.symbol != k.symbol and self.kinds.get(m.symbol) == "index"
                     and m.span == (0, len(name))]
            if named:
                return Mention(named[0].symbol, words, span, False, twin=k.symbol)
        return Mention(k.symbol, k.alias, span, k.proxy)

    def _company_or(self, chunk: str, start: int, m: Mention) -> Mention:
        """Return an unknown company for a sector's name after a capitalised word.

        "Charter Communications" and "Duke Energy" are companies, not the sectors.
        """
        words = chunk[m.span[0] - start:m.span[1] - start]
        if m.symbol not in self.sector_symbols or not re.fullmatch(r"[A-Z][a-z]+", words):
            return m
        at = company_word_before(chunk, m.span[0] - start)
        if at is None:
            return m
        return Mention(None, chunk[at:m.span[1] - start], (start + at, m.span[1]), False)

    def mentions(self, text: str, start: int, end: int) -> list[Mention]:
        """Return the subjects named in ``text[start:end]``, known or not, in order."""
        chunk = text[start:end]
        known = self.matcher.find(chunk)
        out = [self._index_first(chunk, start, k) for k in known
               if not _COMMON_WORD_USE.search(chunk, 0, k.span[0]) or not k.alias.islower()]
        out = [self._company_or(chunk, start, m) for m in out]
        decided = [(start + k.span[0], start + k.span[1]) for k in known if k.ticker]
        for u in find_unknown_subjects(chunk, [k.span for k in known], self.tickers,
                                       companies=True):
            a, b = start + u.span[0], start + u.span[1]
            if any(x.span[0] <= a and b <= x.span[1] for x in out):
                continue
            if any(x < b and a < y for x, y in decided):
                continue  # a ticker in parentheses decided what the name means
            # an unknown name that runs past a known one replaces it ("Russell Top 50")
            out = [x for x in out if not (x.span[0] < b and a < x.span[1])]
            out.append(Mention(None, u.name, (a, b), False))
        out.sort(key=lambda x: x.span)
        return out



def is_comparison_object(text: str, mention: Mention, seg_start: int) -> bool:
    """Whether the mention is what something is compared with ("against the S&P 500")."""
    before = text[max(seg_start, mention.span[0] - 40):mention.span[0]]
    return COMPARISON.search(before) is not None
