"""Find the numeric market claims in text: quantity, subject, metric and period.

The extractor is deterministic and works clause by clause:

1. the text is cut into sentences, headings and table rows
   (:mod:`rotoscope.check._segments`);
2. in each segment it finds the universe's subjects (a name followed by a
   ticker in parentheses is that ticker: "the Value ETF (VTV)" is VTV), the
   index names and tickers the universe does not know, the period phrases and
   dates, the moving-average and rarity phrases, and the quantities left over;
3. each quantity is tied to a subject (a possessive right before it, else the
   nearest subject on its left that is not the object of a comparison, else the
   subject carried from the previous sentence), to a second subject for spreads
   and streaks ("against the S&P 500"), to a metric by the cue words around it,
   and to a period (its clause's, its sentence's, the paragraph's, or that of an
   earlier claim repeating the same number).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from rotoscope.analytics.windows import calendar_bounds
from rotoscope.check._frames import Claim, ClaimPeriod, Metric
from rotoscope.check._mentions import Mention, Vocabulary, is_comparison_object
from rotoscope.check._segments import TABLE_HEADER, Segment, segment
from rotoscope.check._tables import find_footnotes, find_tables, table_claims
from rotoscope.language import (
    DateMention,
    Period,
    Quantity,
    find_dateline,
    find_dates,
    find_periods,
    find_quantities,
)
from rotoscope.language._extremes import Extreme, find_extremes
from rotoscope.language._headers import WEEK_EXTREME
from rotoscope.language._metrics import (
    DOWN_WORDS,
    DRAWDOWN,
    HIGH_LOW_52W,
    LEVEL_CUES,
    MA_DISTANCE,
    MOVING_AVERAGE,
    OUTPERFORM,
    RANGE_CUES,
    RARITY,
    RARITY_DOWN,
    RARITY_FREQUENCY,
    RARITY_UP,
    RECORD_HIGH,
    RETURN_RARITY,
    STREAK_CUES,
    STREAK_WORDS,
    TOTAL_RETURN,
    UP_WORDS,
    WEEKLY_TITLE,
    unverifiable_topic,
)
from rotoscope.language._normalise import normalise
from rotoscope.language._numbers import NUMBER_WORDS
from rotoscope.language._runs import RunPhrase, find_runs
from rotoscope.language._vocabulary import MONTHS, _month_key
from rotoscope.universe import Universe

__all__ = ["Claim", "ClaimPeriod", "Metric", "extract_claims"]

_CLAUSE_BREAK = re.compile(r"[,;:—–()]|\s-\s|\b(?:while|whereas|but|although|compared (?:to|"
                           r"with)|versus|followed by)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^\s*['’]s?\b")
_START_CUE = re.compile(r"\b(?:began|begun|started|starting|beginning|set|reached|notched|"
                        r"recorded|posted|hit)\s+(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri)day,?"
                        r"\s+)?$", re.IGNORECASE)
#: "Published on February 2, 2026": the text's own date, which is not the period of
#: the figures that follow (undated figures are as of the reference session).
_DATELINE_CUE = re.compile(r"\b(?:published|updated|dated|as of)(?:\s+on)?\s*:?\s*$",
                           re.IGNORECASE)
_WITHIN = re.compile(r"\bwithin\s+(?:about\s+|roughly\s+)?$", re.IGNORECASE)
_OF_HIGH = re.compile(r"\s*of\s+(?:its|the|a)\s+(?:(?P<record>record|all-time)\s+(?:closing\s+)?"
                      r"(?:high|close)|52-week(?:\s+closing)?\s+high|peak)\b", re.IGNORECASE)
#: between a change and a date: the date is the change's base ("from the close on ...")
_FROM_BASE = re.compile(r"\b(?:from|since)\b", re.IGNORECASE)
#: "rose 0.7% to 23,025.59 points", "closed at 6,845.50 points": a level, not a move
_LEVEL_AFTER_MOVE = re.compile(r"\b(?:to|at|of|near|around)\s+(?:about\s+|roughly\s+)?$",
                               re.IGNORECASE)
#: "Following yesterday's sell-off, ...": the day of an earlier event, not the figures'
_AFTER_EVENT = re.compile(r"\b(?:following|after|before|ahead of)\s+(?:the\s+)?$", re.IGNORECASE)
#: words that point back to the one series the previous sentence named
_ANAPHOR = re.compile(r"\b(?:the|that|this)\s+(?:(?:blue-chip|tech-heavy|tech-laden|broad|"
                      r"broader|small-cap|benchmark|large-cap)\s+)?(?:index|benchmark|gauge|"
                      r"average|barometer)\b|^\s*(?:it|its)\b", re.IGNORECASE)
#: a sentence about a ratio or spread of two series: its extremes are not one series' closes
_PAIR_MEASURE = re.compile(r"\bratio\b|\brelative[- ]strength\b|\bspread\b", re.IGNORECASE)
#: a move word right before a yield's percent: the number is the move, not the level
_RATE_MOVE = re.compile(r"\b(?:up|down|rose|fell|climbed|gained|added|dropped|slipped|eased|"
                        r"rising|falling|higher|lower|jumped|declined)\s+(?:by\s+)?$",
                        re.IGNORECASE)
_ARROW = re.compile(r"\s*(?:→|->|=>)\s*\d")
#: "After plunging earlier in the week, ...": a clause about an earlier event
_EVENT_CLAUSE = re.compile(r"\W*(?:after|following|before|ahead of)\b", re.IGNORECASE)
_OF_COUNT = re.compile(r"\s+(?:of|out of)\s+(?:the\s+)?\d", re.IGNORECASE)
_COUNT_OF = re.compile(r"\b(?:\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
                       + r")\s+(?:of|out of)\s+(?:the\s+)?$", re.IGNORECASE)
_BULLET = re.compile(r"\s*(?:--|[-•*·▪►–—]|\d{1,2}[.)])\s*")
_FOOTNOTE_REF = re.compile(r"\[\^[\w-]+\]")
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)


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


def _direction(text: str, lo: int, q: Quantity, hi: int) -> int:
    """+1 or -1 from the cue word nearest the quantity (down words make it -1)."""
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


def _period_from(periods: list[Period], dates: list[DateMention], lo: int, hi: int,
                 pos: int, source: str) -> ClaimPeriod | None:
    cands: list[tuple[int, ClaimPeriod]] = []
    for p in periods:
        if lo <= p.span[0] and p.span[1] <= hi:
            cands.append((abs(p.span[0] - pos), ClaimPeriod(p.window, p.anchor, p.phrase,
                                                            source, span=p.span)))
    for d in dates:
        if lo <= d.span[0] and d.span[1] <= hi:
            cands.append((abs(d.span[0] - pos), ClaimPeriod("1d", "date", d.date.isoformat(),
                                                            source, d.date, d.span)))
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


def _after(window: str, as_of: dt.date) -> bool:
    """Whether a calendar window begins after the text's date ("difficulties in 2026")."""
    bounds = calendar_bounds(window)
    return bounds is not None and bounds[0] > as_of


def _bullet(text: str, seg: Segment) -> re.Match[str] | None:
    """Return the list marker the segment's line starts with ("--", "-", "•", "1."), if any."""
    line_start = text.rfind("\n", 0, seg.span[0]) + 1
    if text[line_start:seg.span[0]].strip():
        return None  # not the first segment of its line
    return _BULLET.match(text, seg.span[0])


def _frame(text: str) -> ClaimPeriod | None:
    """Return the period a whole text reports on, from its title (its first lines)."""
    head = [ln for ln in text.lstrip()[:600].split("\n") if ln.strip()][:3]
    m = next((hit for ln in head if (hit := WEEKLY_TITLE.search(ln[:200])) is not None), None)
    if m is None:
        return None
    return ClaimPeriod("wtd", "week", m.group(0), "document")


def _masked_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    spans = [(lo + m.start(), lo + m.end()) for m in MOVING_AVERAGE.finditer(text[lo:hi])]
    spans += [(lo + m.start(), lo + m.end()) for m in RARITY.finditer(text[lo:hi])]
    spans += [(lo + m.start(), lo + m.end()) for m in RETURN_RARITY.finditer(text[lo:hi])]
    return spans


def _number_word(token: str) -> float | None:
    t = token.lower()
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    try:
        return float(t)
    except ValueError:
        return None


def extract_claims(text: str, universe: Universe, as_of: dt.date) -> list[Claim]:
    """Return the numeric claims in ``text``, in order of position.

    ``as_of`` dates month names without a year ("in January") and dates
    without a year ("February 2").
    """
    vocab = Vocabulary(universe)
    claims: list[Claim] = []
    ctx = _Context(frame=_frame(text))
    text = normalise(text)  # "０．４７%", "0,24%", "−1.2%": same length, ASCII numbers
    dateline = find_dateline(text)  # the text's own date: not the period of its figures
    segments = segment(text)
    # dates on the heading lines above the first sentence of prose date the text
    prose_start = next((g.span[0] for g in segments if g.kind == "sentence"
                        and len(text[g.span[0]:g.span[1]].split()) >= 8), len(text))
    tables = find_tables(text) + find_footnotes(text)
    for table in tables:
        claims.extend(table_claims(text, table, vocab, as_of))
    # footnote references ("6.1%[^4]") are not words of the sentence they sit in
    text = _FOOTNOTE_REF.sub(lambda m: " " * len(m.group(0)), text)
    for seg in segments:
        lo, hi = seg.span
        if any(t.span[0] <= lo < t.span[1] for t in tables):
            continue  # read cell by cell with its headers
        if seg.paragraph != ctx.paragraph:
            if not ctx.intro:
                ctx.period = ctx.block
            ctx.paragraph = seg.paragraph
        mentions = vocab.mentions(text, lo, hi)
        chunk = text[lo:hi]
        seg_clauses = _clauses(text, lo, hi)
        masked = _masked_spans(text, lo, hi)
        extremes = [replace(e, span=(lo + e.span[0], lo + e.span[1]))
                    for e in find_extremes(chunk, as_of)]
        masked += [e.span for e in extremes]
        periods = [replace(p, span=(lo + p.span[0], lo + p.span[1]))
                   for p in find_periods(chunk, as_of)]
        periods = [p for p in periods
                   if not any(a <= p.span[0] < b for a, b in masked)
                   and not _AFTER_EVENT.search(text, max(lo, p.span[0] - 20), p.span[0])
                   and not _after(p.window, as_of)
                   and not _EVENT_CLAUSE.match(text, _clause_of(seg_clauses, p.span[0])[0])]
        dates = [replace(d, span=(lo + d.span[0], lo + d.span[1]))
                 for d in find_dates(chunk, as_of)]
        # "the March 13 session": a date, not a "13 session" window
        periods = [p for p in periods if not any(
            d.span[0] < p.span[0] < d.span[1] for d in dates)]
        dates = [d for d in dates if not any(p.span[0] <= d.span[0] < p.span[1]
                                             for p in periods)
                 and not any(a <= d.span[0] < b for a, b in masked)]
        # "a run that began on February 6", "a record set on January 27": the date of an
        # event the sentence mentions, not the date its figures are as of
        starts = [d for d in dates if _START_CUE.search(text, max(lo, d.span[0] - 25), d.span[0])]
        skip = [(m.span[0] - lo, m.span[1] - lo) for m in mentions]
        skip += [(d.span[0] - lo, d.span[1] - lo) for d in starts]
        dates = [d for d in dates if d not in starts]
        skip += [(p.span[0] - lo, p.span[1] - lo) for p in periods
                 if not re.search(r"\d[- ](?:day|session)", p.phrase)]
        skip += [(d.span[0] - lo, d.span[1] - lo) for d in dates]
        skip += [(a - lo, b - lo) for a, b in masked]
        quantities = [replace(q, span=(lo + q.span[0], lo + q.span[1]))
                      for q in find_quantities(chunk, skip)]
        clauses = seg_clauses
        seg_claims = _segment_claims(text, seg, vocab, mentions, periods, dates, quantities,
                                     clauses, ctx, as_of, claims, starts)
        seg_claims += _rarity_claims(text, seg, seg_claims, claims)
        seg_claims += _extreme_claims(text, seg, extremes, mentions, periods, dates, clauses,
                                      ctx)
        seg_claims += _run_claims(text, seg, find_runs(chunk), seg_claims, mentions, periods,
                                  dates, clauses, ctx)
        seg_claims += _change_rarity_claims(text, seg, seg_claims, mentions, periods, dates,
                                            ctx, as_of)
        seg_claims.sort(key=lambda c: c.quantity.span)
        claims.extend(seg_claims)
        # carry the subject and period to the next segment
        known = [m for m in mentions if m.symbol is not None and not
                 is_comparison_object(text, m, lo)]
        if known and seg.kind != "row":
            ctx.subject = known[0]
            ctx.subject_count = len({m.symbol for m in known})
            ctx.subject_paragraph, ctx.subject_segment = seg.paragraph, ctx.segment_index
        ctx.segment_index += 1
        if _bullet(text, seg) is None:
            # the line a list hangs from names the subject of items that name none
            ctx.list_subject = known[0] if known and len({m.symbol for m in known}) == 1 \
                else None
        seg_period = _period_from(periods, [d for d in dates if not _DATELINE_CUE.search(
            text, max(lo, d.span[0] - 20), d.span[0]) and not (
                dateline is not None and dateline.span[0] <= d.span[0] < dateline.span[1])
            and not (seg.kind == "heading" and lo < prose_start)],
            lo, hi, lo, "context")
        intro = chunk.rstrip().endswith(":") or (seg.kind == "heading" and not quantities)
        if seg_period is not None and seg.kind != "row":
            # a heading or a line ending in a colon ("For the week:") scopes the block
            # under it; a sentence's period only reaches the claims of the subjects it named
            ctx.period = replace(seg_period, source="block" if intro else "context")
            ctx.period_symbols = frozenset(m.symbol for m in mentions if m.symbol)
        if seg.kind == "heading" and not quantities and not TABLE_HEADER.match(chunk):
            named = {m.symbol for m in known}
            ctx.block_subject = known[0] if len(named) == 1 else None
        if intro and not quantities and lo >= prose_start:
            # ... until the next heading: "On Tuesday:", then "For the week:"
            ctx.block = replace(seg_period, source="block") if seg_period is not None else None
            if ctx.block is not None:
                ctx.period = ctx.block
        ctx.intro = intro
    claims.sort(key=lambda c: c.quantity.span)
    _inherit(claims)
    return claims


def _subject_for(text: str, q: Quantity, mentions: list[Mention], clause: tuple[int, int],
                 seg: Segment, ctx: _Context) -> tuple[Mention | None, str]:
    lo = seg.span[0]
    # a number in parentheses right after a name: "the Dow (+4.31%)"
    for m in reversed(mentions):
        if m.span[1] <= q.span[0] and re.fullmatch(r"\s*\(\s*", text[m.span[1]:q.span[0]]):
            return m, "left"
    # "8.35% against 1.74% for the S&P 500": the name after "for" owns the number
    after = re.match(r"\s+(?:(?:decline|drop|gain|rise|advance|loss|fall|increase|return|move|"
                     r"slide|jump|rally)s?\s+)?for\s+", text[q.span[1]:clause[1] + 1])
    if after is not None:
        at = q.span[1] + after.end()
        named = [m for m in mentions if at <= m.span[0] <= at + 25
                 and not re.search(r"[,;.]", text[at:m.span[0]])]
        if named:
            # the last name in reach: a ticker after a description ("the growth ETF (IWF)")
            return named[-1], "right"
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


def _segment_claims(
    text: str, seg: Segment, vocab: Vocabulary, mentions: list[Mention],
    periods: list[Period], dates: list[DateMention], quantities: list[Quantity],
    clauses: list[tuple[int, int]], ctx: _Context, as_of: dt.date,
    claims_so_far: list[Claim], events: list[DateMention] | None = None,
) -> list[Claim]:
    lo, hi = seg.span
    out: list[Claim] = []
    # "QQQ and VUG declined 2% and 2.7% respectively": pair them in order
    paired: dict[int, Mention] = {}
    for r in _RESPECTIVELY.finditer(text, lo, hi):
        # the list of numbers right before "respectively" ("1%, 2% and 3%"), and the names
        # listed before the first of them
        preceding = [q for q in quantities if q.span[1] <= r.start()]
        qs: list[Quantity] = []
        for q in reversed(preceding):
            gap = text[q.span[1]:(qs[0].span[0] if qs else r.start())]
            if not re.fullmatch(r"[\s,;]*(?:and|&)?[\s,;]*", gap) or (qs and q.unit != qs[0].unit):
                break
            qs.insert(0, q)
        ms = [m for m in mentions if qs and m.span[1] <= qs[0].span[0] and m.symbol is not None]
        if qs and len(ms) >= len(qs):
            for q, m in zip(qs, ms[-len(qs):], strict=True):
                paired[q.span[0]] = m
    topics = []
    for topic_reason, (a, _b) in _topic_hits(text, lo, hi):
        topics.append((_clause_of(clauses, a)[0], topic_reason))
    row_date = dates[0] if seg.kind == "row" and dates else None
    level_columns = [c for c in seg.columns if c in ("close", "open", "high", "low",
                                                     "adj_close")]
    level_seen = 0
    for q in quantities:
        clause = _clause_of(clauses, q.span[0])
        subj, how = ((paired[q.span[0]], "paired") if q.span[0] in paired
                     else _subject_for(text, q, mentions, clause, seg, ctx))
        if seg.kind == "row" and how in ("none", "context") and ctx.subject is not None:
            subj, how = ctx.subject, "row"  # a table's rows belong to the line above it
        if how == "context" and subj is not None and ctx.subject_count == 1 and (
                _ANAPHOR.search(text, max(lo, clause[0]), q.span[0])
                or (not mentions and ctx.subject_paragraph == seg.paragraph
                    and ctx.subject_segment == ctx.segment_index - 1)):
            # "The index is 0.4% below its record high", or a sentence naming nothing right
            # after one naming a single series: the one just named
            how = "anaphor"
        if how == "context" and subj is not None and ctx.block_subject is not None and \
                subj.symbol == ctx.block_subject.symbol:
            how = "block"  # under a heading that names it: "SPY Weekly Price Action"
        if how in ("none", "context") and ctx.list_subject is not None and \
                _bullet(text, seg) is not None:
            # "--Up 1.75% over the last three trading days" under a line naming the index
            subj, how = ctx.list_subject, "row"
        reason = next((r for start, r in topics if q.span[0] >= start), None)
        metric: Metric
        ma_n: int | None = None
        column = "close"
        record = False
        within = False
        unit_override: str | None = None
        # "1,206 points", "a 120-point drop": index points, not a level
        signed_points = q.unit == "level" and q.decimals > 0 and q.text[:1] in "+-" and \
            _ARROW.match(text, q.span[1]) is not None  # "+114.29 → 21,993.47"
        points = q.unit == "level" and (
            re.search(r"(?:points?|pts)$", q.text) is not None or signed_points
            or re.match(r"-point\b", text[q.span[1]:q.span[1] + 6]) is not None) and \
            not _LEVEL_AFTER_MOVE.search(text, max(lo, q.span[0] - 16), q.span[0])
        before = text[clause[0]:q.span[0]]
        before_wide = text[max(lo, q.span[0] - 60):q.span[0]]
        after = text[q.span[1]:min(hi, q.span[1] + 40)]
        ma: re.Match[str] | None = None
        for hit in MOVING_AVERAGE.finditer(text, max(lo, q.span[0] - 60), q.span[0]):
            if re.fullmatch(r"\s*(?:of|at|near|around|is|was|stands at|sits at)?\s*",
                            text[hit.end():q.span[0]]) and q.unit in ("usd", "level"):
                ma = hit
        if q.unit == "level" and q.decimals == 0 and (
                _OF_COUNT.match(text, q.span[1]) or _COUNT_OF.search(
                    text, max(lo, q.span[0] - 24), q.span[0])):
            continue  # "seven of 11 sectors", "in 12 of 13 sessions": a count
        if q.unit in ("sessions", "days") and STREAK_CUES.search(text, lo, hi) and \
                reason is None:
            metric = "streak"
        elif q.unit in ("sessions", "days", "weeks", "months", "years"):
            continue  # a duration ("three-year growth", "the past 30 days")
        elif reason is not None:
            metric = "other"
        elif q.unit == "pct" and (mad := MA_DISTANCE.match(text, q.span[1], hi)):
            metric, ma_n = "ma_distance", int(mad.group("n"))
        elif q.unit == "pct" and (dd := DRAWDOWN.match(text, q.span[1], hi)):
            metric, record = "drawdown", bool(dd.group("record"))
        elif q.unit == "pct" and _WITHIN.search(text, max(lo, q.span[0] - 12), q.span[0]) and \
                (dd := _OF_HIGH.match(text, q.span[1], hi)):
            # "within 1.8% of its record close": at most that far below it
            metric, record, within = "drawdown", bool(dd.group("record")), True
        elif q.unit in ("usd", "level") and (hl := HIGH_LOW_52W.search(before_wide)):
            metric = "high_52w" if hl.group("side").lower() == "high" else "low_52w"
        elif q.unit in ("usd", "level") and RECORD_HIGH.search(before_wide):
            metric = "record_high"
        elif points and (OUTPERFORM.search(text, clause[0], q.span[0])
                         or re.search(r"\b(?:led|lead|leads|leading)\b", before, re.IGNORECASE)
                         or len({m.symbol for m in mentions
                                 if clause[0] <= m.span[0] < q.span[0]}) >= 2
                         or re.match(r"\s*(?:of\s+)?(?:outperformance|lead|edge|gap)", after,
                                     re.IGNORECASE)):
            metric = "spread"  # "beating the index by about 5 points": percentage points
        elif points and subj is not None and subj.symbol is not None and \
                vocab.kinds.get(subj.symbol) in ("index", "etf", "fx", "volatility") and (
                    _near_move_word(text, max(clause[0], lo), q, clause[1]) or signed_points
                    or re.search(r"\bor\s+$", text[max(lo, q.span[0] - 6):q.span[0]])):
            metric, unit_override = "change", "points"
        elif q.unit in ("times", "count"):
            metric, reason = "other", ("a count of past episodes from a cited study; the "
                                       "checker verifies streaks and their rarity, not counts "
                                       "of events defined elsewhere")
        elif ma is not None:
            metric, ma_n = "moving_average", int(ma.group("n"))
        elif q.unit in ("usd", "level"):
            if seg.kind == "row":
                metric = "level"
                if level_columns:
                    column = level_columns[min(level_seen, len(level_columns) - 1)]
                level_seen += 1
            elif (we := WEEK_EXTREME.search(text, max(lo, q.span[0] - 30), q.span[0])) and \
                    re.fullmatch(r"[\s:=]*(?:at|of|was)?[\s:]*\$?", text[we.end():q.span[0]]):
                side = (we.group("side") or we.group("side2")).lower()
                metric = "week_low" if side in ("low", "lowest") else "week_high"
            elif re.search(r"(?:\(|,)\s*from\s*$", text[max(lo, q.span[0] - 10):q.span[0]]) \
                    and out and out[-1].metric == "week_range":
                metric = "week_low"
            elif out and out[-1].metric == "week_low" and \
                    re.fullmatch(r"\s*to\s*", text[out[-1].quantity.span[1]:q.span[0]]):
                metric = "week_high"
            elif _range_cue(text, clause[0], q.span[0]):
                metric = "week_range"
            elif re.search(r"(?:→|->|=>)\s*$", text[max(lo, q.span[0] - 4):q.span[0]]) or any(
                    p.window == "1d" and re.fullmatch(r"[\s:]*", text[p.span[1]:q.span[0]])
                    for p in periods):
                metric = "level"  # "→ 21,993.47", "prior session 6,582.69"
            elif LEVEL_CUES.search(before_wide) or (subj is not None and subj.symbol is not None
                                                    and vocab.kinds.get(subj.symbol) != "rate"
                                                    and q.unit == "usd") or (
                    subj is not None and subj.symbol is not None and how == "left"
                    and q.decimals > 0
                    and re.fullmatch(r"\s*:?\s*", text[subj.span[1]:q.span[0]])):
                metric = "level"  # "S&P 500 (SPX): 6,632.19"
            else:
                continue
        elif q.unit == "pct" and seg.kind == "row":
            metric = "change"
        elif q.unit in ("pct", "pp"):
            if subj is not None and subj.symbol is not None and \
                    vocab.kinds.get(subj.symbol) == "rate" and q.unit == "pct" and \
                    _RATE_MOVE.search(text, max(lo, q.span[0] - 20), q.span[0]):
                # "yields were up 0.02% to 3.475%": a yield's move, in percentage points
                metric, unit_override = "change", "pp"
            elif subj is not None and subj.symbol is not None and \
                    vocab.kinds.get(subj.symbol) == "rate" and q.unit == "pct":
                metric = "level"
            elif subj is not None and subj.symbol is not None and \
                    vocab.kinds.get(subj.symbol) == "rate" and q.unit == "pp":
                metric = "change"  # a yield moving by so many points
            elif _range_cue(text, clause[0], clause[1]) and q.unit == "pct":
                metric = "week_range"
            elif q.unit == "pp" or OUTPERFORM.search(
                    text, subj.span[1] if subj is not None and clause[0] <= subj.span[1]
                    <= q.span[0] else clause[0], q.span[0]) or \
                    re.match(r"\s*(?:year-to-date\s+|ytd\s+)?(?:outperformance|lead|edge|gap)",
                             after, re.IGNORECASE):
                metric = "spread"
            else:
                metric = "change"
        else:
            continue
        # the period: clause, then sentence, then the paragraph's context
        period = None
        q_periods = [p for p in periods if not (p.span[0] < q.span[1] and q.span[0] < p.span[1])
                     and not any(o is not q and re.fullmatch(r"[\s:]*", text[p.span[1]:o.span[0]])
                                 for o in quantities if o.span[0] >= p.span[1])]
        # ("prior session 6,582.69": the phrase labels the number right after it)
        # "prior session 6,582.69 (Apr 2)": a date in parentheses after another number is
        # that number's date
        q_dates = [d for d in dates if not any(
            o is not q and o.span[1] <= d.span[0] and re.fullmatch(
                r"\s*\(\s*(?:(?:mon|tues|wednes|thurs|fri)day,?\s*)?", text[o.span[1]:d.span[0]],
                re.IGNORECASE) for o in quantities)]
        if seg.kind == "row" and row_date is not None:
            period = ClaimPeriod("1d", "date", row_date.date.isoformat(), "row", row_date.date)
        if period is None:
            period = _period_from(q_periods, q_dates, clause[0], clause[1], q.span[0], "clause")
        if period is None and metric in ("change", "spread"):
            # "A slipped 0.4% for the week, closing Friday at X, while B declined 0.7%":
            # B's change is over the window the sentence gave A's change
            used = [c.period for c in out if c.metric in ("change", "spread")
                    and c.period is not None and c.period.source in ("clause", "sentence")]
            if used:
                period = replace(used[-1], source="sentence")
        if period is None:
            period = _period_from(q_periods, q_dates, lo, hi, q.span[0], "sentence")
        if period is None:
            period = _repeated_period(claims_so_far, subj.symbol if subj else None, metric,
                                      q.value)
        if period is None and ctx.period is not None and (
                metric in ("change", "spread") or (metric == "level"
                                                   and ctx.period.window == "1d")):
            period = ctx.period
            if period.source == "context" and subj is not None and subj.symbol is not None \
                    and _carries(vocab, ctx.period_symbols, subj.symbol) and (
                        metric != "spread" or _carries(
                            vocab, ctx.period_symbols,
                            _other_symbol(text, subj, mentions, seg) or "")):
                period = replace(period, source="carried")
        if period is None and ctx.frame is not None and metric in ("change", "spread"):
            period = ctx.frame
        if period is not None and period.source in ("context", "carried") and \
                _bullet(text, seg) is not None:
            period = None  # a list item states its own period, not its head line's
        event = next((d for d in events or [] if q.span[1] <= d.span[0] < clause[1] + 40
                      and d.span[0] - q.span[1] <= 80), None)
        if event is not None and metric == "level" and (period is None or period.source not in (
                "clause", "row")):
            # "its record close of 6,977.27 hit Monday, Jan. 12": that session's close
            period = ClaimPeriod("1d", "date", event.date.isoformat(), "clause", event.date,
                                 event.span)
        if event is not None and metric in ("change", "spread") and _FROM_BASE.search(
                text, q.span[1], event.span[0]) and (period is None or period.source not in (
                    "clause", "row")):
            # "up 38.8% from its 52-week low of 4,982.77 hit April 8, 2025": since that low
            period = ClaimPeriod(f"since-{event.date.isoformat()}", "as_of",
                                 text[event.span[0]:event.span[1]], "clause", span=event.span)
        if metric in ("change", "spread") and period is not None and period.anchor == "date" \
                and period.day is not None and period.span is not None and \
                period.span[0] > q.span[1] and _FROM_BASE.search(text, q.span[1],
                                                                 period.span[0]):
            # "up 19.6% from the close of 5,782.76 on November 5, 2024": since that close
            period = replace(period, window=f"since-{period.day.isoformat()}", anchor="as_of")
        other = other_twin = None
        if metric in ("spread", "streak"):
            o = _other_for(text, subj, mentions, seg)
            other = o.symbol if o is not None else None
            other_twin = o.twin if o is not None else None
        claimed = q.value
        explicit = q.text.lstrip("~").lstrip()[:1] in "+-−–" or bool(
            re.match(r"[+\-−–]", text[q.span[0]:q.span[0] + 1]))
        sign_known = True
        if metric == "change" and q.value >= 0 and not explicit:
            sign = _direction(text, max(clause[0], subj.span[1]
                                        if subj and subj.span[1] <= q.span[0] else clause[0]),
                              q, clause[1])
            if sign == 0 and out and out[-1].metric == "change" and subj is not None and \
                    out[-1].subject == subj.symbol and out[-1].claimed != 0:
                # "fell 1.5%, or 103.18 points": the same move in other units
                sign = 1 if out[-1].claimed > 0 else -1
            sign_known = sign != 0
            claimed = q.value * (sign or 1)
        if metric == "spread" and q.value >= 0 and not explicit and \
                re.search(r"\b(?:underperform|trail|lag|behind|shortfall|deficit)", before,
                          re.IGNORECASE):
            claimed = -q.value
        if metric == "spread" and other is None:
            # "A rose 8% against 2% for B, a lead of 6 points": the first two names
            named: list[Mention] = []
            for m in mentions:
                if m.span[1] <= q.span[0] and m.symbol is not None and \
                        all(m.symbol != x.symbol for x in named):
                    named.append(m)
            if len(named) >= 2:
                subj, other, other_twin = named[0], named[1].symbol, named[1].twin
        if metric == "ma_distance" and not explicit and \
                re.match(r"\s*(?:below|under)", text[q.span[1]:q.span[1] + 30], re.IGNORECASE):
            claimed = -q.value
        if metric == "drawdown" and not explicit:
            claimed = -q.value
        side = 1
        if metric == "streak" and other is None and \
                _direction(text, max(lo, clause[0]), q, clause[1]) < 0:
            side = -1
        position = None
        if metric == "ma_distance":
            position = "below" if claimed < 0 else "above"
        if metric == "moving_average":
            pos = re.search(r"\b(above|below|under|over)\b[^.]{0,40}$", before_wide,
                            re.IGNORECASE)
            if pos:
                position = "below" if pos.group(1).lower() in ("below", "under") else "above"
        unit = "pp" if metric == "spread" else (unit_override or q.unit)
        if metric == "change" and q.unit == "pp":
            unit = "pp"
        start = subj.span[0] if subj is not None and how in ("possessive", "left", "paired") \
            and subj.span[0] >= max(lo, clause[0] - 40) else clause[0]
        end = q.span[1]
        if seg.kind == "row":
            start, end = lo, hi
        if metric == "other" and subj is not None and (
                how == "context" or (subj.name.islower() and " " not in subj.name)):
            subj = None  # an out-of-data topic does not borrow a subject
        out.append(Claim(
            span=(start, max(end, q.span[1])),
            quantity=q,
            segment=seg.span,
            metric=metric,
            subject=subj.symbol if subj is not None else None,
            subject_text=subj.name if subj is not None else "",
            unit=unit,
            claimed=claimed,
            qualifier="less_than" if within else q.qualifier,
            decimals=q.decimals,
            period=period,
            other=other,
            reason=reason if metric == "other" else (
                f"{subj.name} is not in the data" if subj is not None and subj.symbol is None
                else None),
            ma_sessions=ma_n,
            ma_position=position,
            proxy=subj.proxy if subj is not None else False,
            column=column,
            streak_side=side,
            sign_explicit=explicit,
            total_return=TOTAL_RETURN.search(text, lo, hi) is not None,
            record=record,
            subject_how=how,
            twin=subj.twin if subj is not None else None, other_twin=other_twin,
            rival=_rival(text, clause, subj, q, mentions, topics) if how not in (
                "possessive", "paired") else None,
            sign_known=sign_known,
        ))
    _one_period_one_change(out, claims_so_far, ctx)
    return out


def _rival(text: str, clause: tuple[int, int], subj: Mention | None, q: Quantity,
           mentions: list[Mention], topics: list[tuple[int, str]]) -> str | None:
    """Return a subject the data do not hold that shares the number's clause, if any."""
    if subj is None or subj.symbol is None:
        return None
    for m in mentions:
        if m.symbol is None and clause[0] <= m.span[0] < clause[1]:
            return m.name
    return None


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _one_period_one_change(out: list[Claim], earlier: list[Claim], ctx: _Context) -> None:
    """Give a period phrase to one of several different changes of the same subject.

    In "the Russell 2000 rose 1% and is up 8% year to date" both numbers sit in
    the sentence holding "year to date", but one subject cannot have moved two
    different amounts over one window: the phrase belongs to the number nearest
    it, and the other falls back to an earlier claim of the same number, the
    paragraph's period or the reference session.
    """
    groups: dict[tuple[str | None, str, tuple[int, int]], list[Claim]] = {}
    for c in out:
        if c.metric == "change" and c.period is not None and c.period.span is not None and \
                c.period.source in ("clause", "sentence"):
            groups.setdefault((c.subject, c.unit, c.period.span), []).append(c)
    for (_, _, span), group in groups.items():
        if len({round(abs(c.claimed), 9) for c in group}) < 2:
            continue
        owner = min(group, key=lambda c: _gap(c.quantity.span, span))
        for c in group:
            if c is owner:
                continue
            fallback = _repeated_period(earlier, c.subject, "change", c.claimed)
            if fallback is None and ctx.period is not None and ctx.period.span != span:
                fallback = ctx.period
            c.period = fallback or ClaimPeriod("1d", "as_of", "the reference session",
                                               "reference")


def _repeated_period(earlier: list[Claim], symbol: str | None, metric: str,
                     value: float) -> ClaimPeriod | None:
    """Return the period of an earlier claim of the same number about the same subject."""
    if symbol is None:
        return None
    for e in reversed(earlier):
        if e.subject == symbol and e.metric == metric and \
                abs(abs(e.claimed) - abs(value)) < 1e-9 and e.period is not None:
            return replace(e.period, source="repeat")
    return None


def _topic_hits(text: str, lo: int, hi: int) -> list[tuple[str, tuple[int, int]]]:
    hits = []
    pos = lo
    while pos < hi:
        found = unverifiable_topic(text[pos:hi])
        if found is None:
            break
        reason, (a, b) = found
        hits.append((reason, (pos + a, pos + b)))
        pos += b
    return hits


def _extreme_claims(text: str, seg: Segment, extremes: list[Extreme], mentions: list[Mention],
                    periods: list[Period], dates: list[DateMention],
                    clauses: list[tuple[int, int]], ctx: _Context) -> list[Claim]:
    """Claims that a session's close was a record or the extreme of a window.

    The subject is found as for a number standing where the phrase starts; the
    session is a date or day in the phrase's clause, else the reference session.
    """
    out: list[Claim] = []
    for e in extremes:
        clause = _clause_of(clauses, e.span[0])
        year = float(e.year) if e.year is not None else 1.0
        q = Quantity(year, "years", e.span, "exact", 0, text[e.span[0]:e.span[1]])
        subj, how = _subject_for(text, q, mentions, clause, seg, ctx)
        day = _period_from([p for p in periods if p.window == "1d"], dates, clause[0],
                           clause[1], e.span[0], "clause")
        reason = None
        if subj is not None and subj.symbol is None:
            reason = f"{subj.name} is not in the data"
        elif _PAIR_MEASURE.search(text, seg.span[0], e.span[0]):
            reason = ("the high or low of a ratio or spread of two series is not recomputed; "
                      "the checker rates one series' closes")
        start = subj.span[0] if subj is not None and how in ("left", "possessive") and \
            subj.span[0] >= clause[0] else clause[0]
        out.append(Claim(
            span=(min(start, e.span[0]), e.span[1]), quantity=q, segment=seg.span,
            metric="other" if reason else "extreme",
            subject=subj.symbol if subj is not None else None,
            subject_text=subj.name if subj is not None else "",
            unit="year" if e.year is not None else "claim", claimed=year, qualifier="exact",
            decimals=0, period=day, reason=reason,
            proxy=subj.proxy if subj is not None else False,
            streak_side=1 if e.side == "high" else -1, subject_how=how, extreme=e,
        ))
    return out


def _run_claims(text: str, seg: Segment, runs: list[RunPhrase], seg_claims: list[Claim],
                mentions: list[Mention], periods: list[Period], dates: list[DateMention],
                clauses: list[tuple[int, int]], ctx: _Context) -> list[Claim]:
    """Claims that a series rose (fell) so many periods running, or so many of the last N.

    A phrase whose number a streak claim already reads ("beat the S&P 500 for 14
    consecutive sessions") widens that claim's words instead. The side comes
    from the phrase ("losing", "winning"), else from the clause's up and down words.
    """
    lo = seg.span[0]
    out: list[Claim] = []
    for r in runs:
        span = (lo + r.span[0], lo + r.span[1])
        clause = _clause_of(clauses, span[0])
        start = max(clause[0], text.rfind("\n", 0, span[0]) + 1)
        covered = [c for c in seg_claims if c.metric in ("streak", "other")
                   and span[0] <= c.quantity.span[0] < span[1]]
        if covered:
            for c in covered:
                c.span = (min(c.span[0], start), max(c.span[1], span[1]))
            continue
        side = r.side
        if side == 0:
            before = text[start:span[0]]
            downs = [m.end() for m in DOWN_WORDS.finditer(before)]
            ups = [m.end() for m in UP_WORDS.finditer(before)]
            side = -1 if downs and (not ups or max(downs) > max(ups)) else 1 if ups else 0
        q = Quantity(float(r.length), "count", span, "exact", 0, text[span[0]:span[1]])
        subj, how = _subject_for(text, q, mentions, clause, seg, ctx)
        if how in ("none", "context") and ctx.list_subject is not None and \
                _bullet(text, seg) is not None:
            subj, how = ctx.list_subject, "row"
        day = _period_from([p for p in periods if p.window == "1d"], dates, clause[0],
                           clause[1], span[0], "clause")
        reason = None
        if subj is not None and subj.symbol is None:
            reason = f"{subj.name} is not in the data"
        elif side == 0:
            reason = "the text does not say whether the run was of gains or of losses"
        out.append(Claim(
            span=(min(start, span[0]), span[1]), quantity=q, segment=seg.span,
            metric="other" if reason else "run",
            subject=subj.symbol if subj is not None else None,
            subject_text=subj.name if subj is not None else "",
            unit=r.frequency + "s", claimed=float(r.length), qualifier="exact", decimals=0,
            period=day, reason=reason, proxy=subj.proxy if subj is not None else False,
            streak_side=side, subject_how=how, run=r,
        ))
    return out


def _rarity_claims(text: str, seg: Segment, seg_claims: list[Claim],
                   earlier: list[Claim]) -> list[Claim]:
    lo, hi = seg.span
    out: list[Claim] = []
    for m in RARITY.finditer(text, lo, hi):
        if m.group(0).split()[0].lower() in ("best", "strongest") and \
                not STREAK_WORDS.search(m.group(0)):
            continue  # "the best January since 2019": a return's rarity, not a streak's
        streak = next((c for c in reversed(seg_claims) if c.metric == "streak"
                       and c.quantity.span[0] < m.start()), None)
        if streak is None:
            # "... since May 1996, when a run of 16 sessions ended": that later number is the
            # earlier run, not the streak being rated
            streak = next((c for c in seg_claims if c.metric == "streak" and not re.search(
                r"\bwhen\b", text[m.end():c.quantity.span[0]], re.IGNORECASE)), None)
        if streak is None:
            streak = next((c for c in reversed(earlier) if c.metric == "streak"), None)
        if streak is None:
            continue
        if m.group("year"):
            claimed, unit = float(m.group("year")), "year"
            decimals = 0
            span = m.span("year")
        else:
            n = _number_word(m.group("years"))
            if n is None:
                continue
            claimed, unit, decimals = n, "years", 0
            span = m.span("years")
        qualifier = "exact"
        if re.search(r"\b(?:more than|over)\b", m.group(0), re.IGNORECASE):
            qualifier = "more_than"
        elif re.search(r"\b(?:nearly|almost)\b", m.group(0), re.IGNORECASE):
            qualifier = "nearly"
        q = Quantity(claimed, "years", span, qualifier,  # type: ignore[arg-type]
                     decimals, text[span[0]:span[1]])
        month = MONTHS[m.group("month").lower()] if m.group("month") else None
        out.append(Claim(
            span=m.span(), quantity=q, segment=seg.span, metric="streak_rarity",
            subject=streak.subject, subject_text=streak.subject_text, unit=unit,
            claimed=claimed, qualifier=qualifier, decimals=decimals, period=streak.period,
            other=streak.other, rarity_month=month, streak_side=streak.streak_side,
            rates_length=streak.claimed, subject_how=streak.subject_how,
        ))
    return out


def _inherit(claims: list[Claim]) -> None:
    """Fill a streak's missing comparison from an earlier streak of the same number.

    (Missing periods are filled during extraction by :func:`_repeated_period`.)
    """
    for i, c in enumerate(claims):
        if c.metric not in ("streak", "streak_rarity") or c.other is not None:
            continue
        for e in reversed(claims[:i]):
            if (e.subject, e.metric, e.claimed) == (c.subject, c.metric, c.claimed):
                c.other = e.other
                break
        if c.metric == "streak_rarity" and c.other is None:
            # a rarity rates the streak it follows
            prev = next((e for e in reversed(claims[:i]) if e.metric == "streak"), None)
            if prev is not None:
                c.other = prev.other
    for i, c in enumerate(claims):
        # "the longest since May 1996, when a run of 16 sessions ended": the number is
        # the length of that earlier run, of the same pair, in the rarity's month
        if c.metric != "streak" or c.other is not None:
            continue
        rarity = next((e for e in reversed(claims[:i]) if e.metric == "streak_rarity"
                       and e.segment == c.segment and e.unit == "year"), None)
        if rarity is None or rarity.other is None:
            continue
        year = int(rarity.claimed)
        key = (f"month-{year}-{rarity.rarity_month:02d}" if rarity.rarity_month
               else f"year-{year}")
        c.subject, c.subject_text = rarity.subject, rarity.subject_text
        c.subject_how = rarity.subject_how
        c.other, c.streak_side = rarity.other, rarity.streak_side
        phrase = (f"{dt.date(year, rarity.rarity_month, 1):%B %Y}" if rarity.rarity_month
                  else str(year))
        c.period = ClaimPeriod(key, "as_of", phrase, "context")


_FREQUENCY_OF_WINDOW = (("1d", "session"), ("wtd", "week"), ("month-", "month"),
                        ("quarter-", "quarter"), ("half-", "half"), ("year-", "year"))


def _frequency_of(period: ClaimPeriod | None) -> str | None:
    if period is None:
        return None
    if period.anchor in ("week", "previous-week"):
        return "week"
    for prefix, frequency in _FREQUENCY_OF_WINDOW:
        if period.window.startswith(prefix):
            return frequency
    return None


def _change_rarity_claims(text: str, seg: Segment, seg_claims: list[Claim],
                          mentions: list[Mention], periods: list[Period],
                          dates: list[DateMention], ctx: _Context,
                          as_of: dt.date) -> list[Claim]:
    """Claims of how rare a period's return is: "its best January since 2019".

    The subject is that of the change quoted nearest in the sentence (else the
    sentence's first subject, else the paragraph's); the rated period is the
    month the words name, else that change's period, else the sentence's, else
    the latest complete one (the verifier decides). The frequency comes from
    the words ("day", "weekly", "month", "January", ...) or from that period.
    """
    lo, hi = seg.span
    out: list[Claim] = []
    for m in RETURN_RARITY.finditer(text, lo, hi):
        mid = m.group("mid")
        if STREAK_WORDS.search(mid) or not (m.group("month") or m.group("year2")
                                             or m.group("years")):
            continue
        changes = [c for c in seg_claims if c.metric == "change" and c.subject is not None]
        near = min(changes, key=lambda c: _gap(c.quantity.span, m.span()), default=None)
        subj: Mention | None = None
        how = "left"
        if near is not None:
            subj = next((x for x in mentions if x.symbol == near.subject), None) or \
                Mention(near.subject, near.subject_text, near.span, near.proxy)
            how = near.subject_how
        if subj is None:
            subj = next((x for x in reversed(mentions) if x.symbol is not None
                         and x.span[1] <= m.start()
                         and not is_comparison_object(text, x, lo)), None)
        if subj is None:
            subj = next((x for x in mentions if x.symbol is not None), None)
        if subj is None:
            subj, how = ctx.subject, "context"
        frequency: str | None = None
        month_of_year: int | None = None
        half_of_year: int | None = None
        for kind, pattern in RARITY_FREQUENCY:
            hit = pattern.search(mid)
            if hit is not None:
                frequency = "month" if kind == "month_of_year" else kind
                if kind == "month_of_year":
                    month_of_year = MONTHS[hit.group("m").lower()]
                if kind == "half":
                    which = re.search(r"\b(first|1st|second|2nd|H[12]|[12]H)\b", mid,
                                      re.IGNORECASE)
                    if which is not None:
                        half_of_year = 1 if re.search(r"first|1st|1", which.group(1),
                                                      re.IGNORECASE) else 2
                break
        period: ClaimPeriod | None
        if month_of_year is not None:
            key = _month_key(month_of_year, as_of)
            period = ClaimPeriod(key, "as_of", m.group(0), "clause")
        else:
            period = near.period if near is not None else None
            if period is None:
                period = _period_from(periods, dates, lo, hi, m.start(), "sentence")
            if frequency is None:
                frequency = _frequency_of(period)
            elif _frequency_of(period) not in (None, frequency):
                period = None  # "fell 3% this month, its worst day since": not that window
        side = 0
        head = m.group("dir").lower()
        if head in ("best", "strongest") or (RARITY_UP.search(mid) and not RARITY_DOWN.search(
                mid)):
            side = 1
        elif head in ("worst", "weakest", "deepest", "heaviest") or RARITY_DOWN.search(mid):
            side = -1
        elif near is not None:
            side = 1 if near.claimed > 0 else -1
        if m.group("years"):
            n = _number_word(m.group("years"))
            if n is None:
                continue
            claimed, unit, span = n, "years", m.span("years")
        elif m.group("year") or m.group("year2"):
            g = "year" if m.group("year") else "year2"
            claimed, unit, span = float(m.group(g)), "year", (
                m.start("month") if m.group("month") else m.start(g), m.end(g))
        else:  # "since April": the latest April before the text's month
            month = MONTHS[m.group("month").lower()]
            claimed = float(as_of.year if month < as_of.month else as_of.year - 1)
            unit, span = "year", m.span("month")
        since_month = MONTHS[m.group("month").lower()] if m.group("month") else None
        qualifier = {"more than": "more_than", "over": "more_than", "nearly": "nearly",
                     "almost": "nearly", "about": "approximately"}.get(
            (m.group("qual") or "").lower(), "exact")
        q = Quantity(claimed, "years", span, qualifier,  # type: ignore[arg-type]
                     0, text[span[0]:span[1]])
        reason = None
        if re.search(r"\bstart\b", mid, re.IGNORECASE):
            reason = ("a start to the year compared at the same point of every year is not "
                      "computed; the checker rates whole calendar periods")
        elif frequency is None:
            reason = ("the text does not say which period's return it rates (a day, a week, "
                      "a month, a quarter or a year)")
        out.append(Claim(
            span=m.span(), quantity=q, segment=seg.span,
            metric="other" if reason else "change_rarity",
            subject=subj.symbol if subj is not None else None,
            subject_text=subj.name if subj is not None else "", unit=unit, claimed=claimed,
            qualifier=qualifier, decimals=0, period=period, reason=reason,
            rarity_month=since_month, streak_side=side,
            proxy=subj.proxy if subj is not None else False,
            rarity_frequency=frequency, rarity_month_of_year=month_of_year,
            rarity_half_of_year=half_of_year,
            subject_how=how,
        ))
        if month_of_year is not None:
            # "its best January since 2019, rising 5.4%": the change is over that month
            for c in changes:
                if c.subject == (subj.symbol if subj else None) and (
                        c.period is None or c.period.source in ("context", "repeat", "carried",
                                                                "block")):
                    c.period = replace(period, source="sentence") if period else None
    return out
