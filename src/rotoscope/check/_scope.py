"""Scope: which clause, subject and period a number is read with.

Clauses are cut at commas, semicolons, dashes and words such as "while" and
"compared with"; a number's subject is the name its clause gives it (see the
scope rules in docs/check.md); its period comes from its clause, then its
sentence; the reading context carries a sentence's subject and period to the
next under the rules written there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rotoscope.check._frames import ClaimPeriod
from rotoscope.check._mentions import Mention, Vocabulary, is_comparison_object
from rotoscope.check._segments import Segment
from rotoscope.language import (
    DOWN_WORDS,
    NUMBER_WORDS,
    RANGE_CUES,
    UP_WORDS,
    DateMention,
    Period,
    Quantity,
)

_CLAUSE_BREAK = re.compile(r"[,;:—–()]|\s-\s|\b(?:while|whereas|but|although|compared (?:to|"
                           r"with)|versus|followed by)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^\s*['’]s?\b")
_BULLET = re.compile(r"\s*(?:--|[-•*·▪►–—]|\d{1,2}[.)])\s*")


_WEEKDAY_END = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$", re.IGNORECASE)
_MONTH_START = re.compile(r"\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d",
                          re.IGNORECASE)


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into clauses; returns absolute spans."""
    out: list[tuple[int, int]] = []
    cut = start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        # parentheses around a ticker ("the Value ETF (VTV)") do not break a clause
        if m.group(0) == "(" and re.match(r"\(\s*[A-Z][A-Z.^]{0,6}\s*\)", text[m.start():]):
            continue
        if m.group(0) == ")" and re.search(r"\(\s*[A-Z][A-Z.^]{0,6}\s*$", text[:m.start()]):
            continue
        # a comma inside a number or a date is not a break
        if m.group(0) == "," and (text[m.start() - 1:m.start()].isdigit()
                                  and text[m.end():m.end() + 1].strip()[:1].isdigit()):
            continue
        # nor is one between a weekday and its date ("Friday, Feb. 13")
        if m.group(0) == "," and _WEEKDAY_END.search(text, max(start, m.start() - 10),
                                                     m.start()) and \
                _MONTH_START.match(text, m.end()):
            continue
        if m.start() > cut:
            out.append((cut, m.start()))
        cut = m.start() if m.group(0)[0].isalpha() else m.end()
    if cut < end:
        out.append((cut, end))
    return out


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in clauses:
        if a <= pos < b:
            return a, b
    return clauses[-1] if clauses else (pos, pos)


#: the noun a change's number qualifies: "a 0.95% monthly gain", "a 2% weekly loss"
_MOVE_NOUN = re.compile(r"\s+(?:(?:daily|weekly|monthly|quarterly|annual|yearly|one-day|"
                        r"single-day|one-session|year-to-date|ytd)\s+)?(?:(?P<up>gain|advance|"
                        r"rise|increase|rally|jump|climb)|loss|decline|drop|fall|slide|slump)s?\b",
                        re.IGNORECASE)


def _direction(text: str, lo: int, q: Quantity, hi: int) -> int:
    """+1 or -1 from the cue word nearest the quantity (down words make it -1).

    A noun right after the number names its direction whatever verb stands
    before it: "lagged with a 0.95% monthly gain" is a gain.
    """
    noun = _MOVE_NOUN.match(text, q.span[1], hi)
    if noun is not None:
        return 1 if noun.group("up") else -1
    best: tuple[int, int] | None = None
    for pattern, sign in ((DOWN_WORDS, -1), (UP_WORDS, 1)):
        for m in pattern.finditer(text, lo, q.span[0]):
            d = q.span[0] - m.end()
            if best is None or d < best[0]:
                best = (d, sign)
        for m in pattern.finditer(text, q.span[1], min(hi, q.span[1] + 25)):
            d = m.start() - q.span[1]
            if best is None or d < best[0]:
                best = (d, sign)
    return best[1] if best else 0


def _range_cue(text: str, lo: int, hi: int) -> bool:
    """Whether a range word stands in ``text[lo:hi]`` ("Volatility Index" is a name)."""
    return any(not re.match(r"\s+index\b", text[m.end():m.end() + 8], re.IGNORECASE)
               for m in RANGE_CUES.finditer(text, lo, hi))


def _near_move_word(text: str, lo: int, q: Quantity, hi: int) -> bool:
    """Whether an up or down word sits right before the number or right after it."""
    before = text[max(lo, q.span[0] - 25):q.span[0]]
    after = text[q.span[1]:min(hi, q.span[1] + 12)]
    return any(p.search(before) or p.match(after.lstrip("- ").replace("point ", ""))
               for p in (UP_WORDS, DOWN_WORDS))


#: a week period named by its last day: "the week ending", "the week ended"
_WEEK_ENDING = re.compile(r"\b(?:ending|ended|through|thru)$", re.IGNORECASE)


#: a turn to another clause: ", and", ", while", ";"
_NEXT_CLAUSE = re.compile(r",\s*(?:and|but|while|whereas|as|with)\b|;", re.IGNORECASE)


def _period_from(periods: list[Period], dates: list[DateMention], lo: int, hi: int,
                 pos: int, source: str, text: str | None = None) -> ClaimPeriod | None:
    cands: list[tuple[int, ClaimPeriod]] = []
    bound: set[tuple[int, int]] = set()
    for p in periods:
        if lo <= p.span[0] and p.span[1] <= hi:
            period = ClaimPeriod(p.window, p.anchor, p.phrase, source, span=p.span)
            if _WEEK_ENDING.search(p.phrase):
                # "for the week ending February 20": the week whose last session that is
                # "Friday, Feb. 13": a weekday and a date in a row; the written date wins
                chain: list[DateMention] = []
                for d in sorted(dates, key=lambda x: x.span):
                    end = chain[-1].span[1] if chain else p.span[1]
                    if 0 <= d.span[0] - end <= 16 and d.span[1] <= hi:
                        chain.append(d)
                if chain:
                    d = max(chain, key=lambda x: (x.has_year, x.span[1] - x.span[0]))
                    bound.update(x.span for x in chain)
                    period = ClaimPeriod("wtd", "date", f"{p.phrase} {d.date.isoformat()}",
                                         source, d.date, (p.span[0], chain[-1].span[1]))
            cands.append((abs(p.span[0] - pos), period))
    for d in dates:
        if lo <= d.span[0] and d.span[1] <= hi and d.span not in bound:
            cands.append((abs(d.span[0] - pos), ClaimPeriod("1d", "date", d.date.isoformat(),
                                                            source, d.date, d.span)))
    if not cands:
        return None
    if text is not None:
        # a period after the number, across a turn to another clause ("On Monday, X rose
        # 1%, and Tuesday's session ..."; "for four sessions; the last longer run ended
        # on August 11"), belongs to that clause, not to this number, even when the
        # number's own clause names none
        cands = [c for c in cands if c[1].span is None or c[1].span[1] <= pos
                 or not _NEXT_CLAUSE.search(text, pos, c[1].span[0])]
        if not cands:
            return None
    return min(cands, key=lambda c: c[0])[1]


@dataclass
class _Context:
    subject: Mention | None = None
    period: ClaimPeriod | None = None
    paragraph: int = -1
    intro: bool = False  # the last segment ended with ":" and introduces what follows
    frame: ClaimPeriod | None = None  # the whole text's period: "Weekly Market Recap"
    period_symbols: frozenset[str] = frozenset()  # the subjects named with ``period``
    list_subject: Mention | None = None  # the one subject of the line a list hangs from
    block: ClaimPeriod | None = None  # the period of the last heading, for its whole block
    block_subject: Mention | None = None  # the one series the last heading names
    subject_count: int = 0  # how many series the sentence that set ``subject`` named
    subject_paragraph: int = -1  # ... its paragraph
    subject_segment: int = -1  # ... and its position among the segments
    segment_index: int = 0  # the position of the segment being read


def _bullet(text: str, seg: Segment) -> re.Match[str] | None:
    """Return the list marker the segment's line starts with ("--", "-", "•", "1."), if any."""
    line_start = text.rfind("\n", 0, seg.span[0]) + 1
    if text[line_start:seg.span[0]].strip():
        return None  # not the first segment of its line
    return _BULLET.match(text, seg.span[0])


def _number_word(token: str) -> float | None:
    t = token.lower()
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    try:
        return float(t)
    except ValueError:
        return None


#: A number's move noun followed by whose move it was: "a 4% one-day drop in shares of X".
_MOVE_IN = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:collapse|plunge|drop|decline|fall|slide|slump|tumble|gain|"
    r"rise|jump|surge|rally|rebound|sell-?off|loss|advance|move|pop|spike)s?\s+(?:in|at|of)\s+"
    r"(?:(?:shares|stock)\s+(?:of|in)\s+)?(?:the\s+)?", re.IGNORECASE)


def _subject_for(text: str, q: Quantity, mentions: list[Mention], clause: tuple[int, int],
                 seg: Segment, ctx: _Context) -> tuple[Mention | None, str]:
    lo = seg.span[0]
    # a number in parentheses right after a name: "the Dow (+4.31%)"
    for m in reversed(mentions):
        if m.span[1] <= q.span[0] and re.fullmatch(r"\s*\(\s*", text[m.span[1]:q.span[0]]):
            return m, "left"
    # "8.35% against 1.74% for the S&P 500": the name after "for" owns the number
    after = re.match(r"\s+(?:(?:decline|drop|gain|rise|advance|loss|fall|increase|return|move|"
                     r"slide|jump|rally)s?\s+)?for\s+(?!(?:the|a|this|that)\s+(?:month|week|"
                     r"year|quarter|session|day|period|half)\b)", text[q.span[1]:clause[1] + 1])
    if after is not None:
        at = q.span[1] + after.end()
        named = [m for m in mentions if at <= m.span[0] <= at + 25
                 and not re.search(r"[,;.]", text[at:m.span[0]])]
        if named:
            # the last name in reach: a ticker after a description ("the growth ETF (IWF)")
            return named[-1], "right"
    # "a 25% one-day collapse in Charter Communications": the name after the move owns it
    moved = _MOVE_IN.match(text, q.span[1], clause[1] + 1)
    if moved is not None:
        named = [m for m in mentions if moved.end() <= m.span[0] <= moved.end() + 3]
        if named:
            return named[0], "right"
    # a possessive right before the number: "the S&P 500's modest 1.44% gain"
    for m in reversed(mentions):
        if m.span[1] <= q.span[0] and _POSSESSIVE.match(text[m.span[1]:m.span[1] + 3]):
            between = text[m.span[1]:q.span[0]]
            if len(between) <= 30 and not re.search(r"[,;]", between):
                return m, "possessive"
    left = [m for m in mentions if m.span[1] <= q.span[0]]
    in_clause = [m for m in left if m.span[0] >= clause[0]]
    for group in (in_clause, left):
        plain = [m for m in group if not is_comparison_object(text, m, lo)]
        if plain:
            return plain[-1], "left"
    right = [m for m in mentions if m.span[0] >= q.span[1] and m.span[1] <= clause[1]]
    plain = [m for m in right if not is_comparison_object(text, m, lo)]
    if plain:
        return plain[0], "right"
    # "The index has outperformed the S&P 500 for ten sessions": the S&P 500 is what
    # the carried subject is measured against, not the subject
    if ctx.subject is not None and left and ctx.subject.symbol != left[-1].symbol:
        return ctx.subject, "context"
    if left:
        return left[-1], "left"
    if ctx.subject is not None:
        return ctx.subject, "context"
    return None, "none"


def _carries(vocab: Vocabulary, named: frozenset[str], symbol: str) -> bool:
    """Whether an earlier sentence's period reaches ``symbol``.

    It does when that sentence named no series ("Prior session data reveals a
    mixed picture"), named this one, or named one of its group (an index after
    an index, a sector after a sector): "the S&P 500 rose 1% this week; the
    Nasdaq gained 2%".
    """
    if not named or symbol in named:
        return True
    return vocab.group(symbol) in {vocab.group(s) for s in named}


def _other_symbol(text: str, subject: Mention | None, mentions: list[Mention],
                  seg: Segment) -> str | None:
    o = _other_for(text, subject, mentions, seg)
    return o.symbol if o is not None else None


def _other_for(text: str, subject: Mention | None, mentions: list[Mention],
               seg: Segment) -> Mention | None:
    for m in mentions:
        if m.symbol is None or (subject is not None and m.symbol == subject.symbol):
            continue
        if is_comparison_object(text, m, seg.span[0]):
            return m
    return None


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _rival(clause: tuple[int, int], subj: Mention | None, mentions: list[Mention],
           sentence: tuple[int, int], quantities: Sequence[Quantity] = (),
           q: Quantity | None = None) -> str | None:
    """Return another subject the number may belong to, if any.

    A subject the data do not hold in the number's clause ("Nvidia", "oil"), unless
    it comes before the subject with a number of its own in between ("the FTSE 100
    was up 1.43% and the MSCI EAFE gained 0.99%"); or, when the number was given to a
    sector by a bare word ("Tech Index caps an 8% surge"), an index named in the same
    sentence.
    """
    if subj is None or subj.symbol is None:
        return None
    for m in mentions:
        if m.symbol is None and clause[0] <= m.span[0] < clause[1]:
            if q is not None and m.span[1] <= subj.span[0] < q.span[0] and any(
                    m.span[1] <= x.span[0] and x.span[1] <= subj.span[0] for x in quantities):
                continue  # it owns the number between it and the subject
            return f"{m.name}, which the data do not hold"
    if subj.proxy and " " not in subj.name.strip() and "(" not in subj.name:
        for m in mentions:
            if m.symbol is not None and m.symbol != subj.symbol and \
                    sentence[0] <= m.span[0] < sentence[1] and not m.proxy:
                return m.name
    return None
