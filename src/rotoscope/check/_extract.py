"""Frames from text: every numeric claim with its subject, measure, period and basis.

Extraction runs in the stages docs/check.md describes:

1. **segments**: sentences, headings, list items and date-led rows
   (:mod:`rotoscope.check._segments`); tables and footnotes are read cell by
   cell (:mod:`rotoscope.check._tables`);
2. **mentions**: the universe's subjects and the names it does not hold
   (:mod:`rotoscope.check._mentions`), periods, dates, extremes and runs
   (:mod:`rotoscope.language`), and the quantities left over, in text
   normalised for numbers;
3. **frames**: each quantity tied to a subject, a second subject, a metric and a
   period under the scope rules (:mod:`rotoscope.check._scope`), with a note of
   where the subject and the period were read; claims named by phrases
   (records, runs, rarities) come from :mod:`rotoscope.check._phrases`.

The readings stage (:mod:`rotoscope.check._readings`) decides later whether a
mismatch may be called a contradiction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from rotoscope.analytics.windows import calendar_bounds
from rotoscope.calendar import previous_session
from rotoscope.check._cues import (
    _AFTER_EVENT,
    _AGO_AFTER,
    _AGO_SOON,
    _ANAPHOR,
    _AND_MOVED,
    _APPOSITIVE,
    _APPOSITIVE_END,
    _ARROW,
    _BARE_MOVE,
    _BELOW_DATED_PEAK,
    _BY_DATE,
    _COUNT_OF,
    _DATELINE_AFTER,
    _DATELINE_CUE,
    _DAY_AFTER,
    _EARLIER_RUN,
    _EVENT_AFTER,
    _EVENT_CLAUSE,
    _EXTREME_OF,
    _FOOTNOTE_REF,
    _FREQUENCY_AFTER,
    _FREQUENCY_WINDOWS,
    _FROM_BASE,
    _FROM_LEVEL,
    _FROM_MONTH_PEAK,
    _FROM_NUMBER,
    _FROM_THAT,
    _FROM_THE_LOW,
    _GAP_OF,
    _GAP_OF_TWO,
    _INTRADAY_LEVEL,
    _ITS,
    _LEVEL_AFTER_MOVE,
    _NEGATED,
    _NOT_BEFORE,
    _OF_COUNT,
    _OF_HIGH,
    _ON_THE_DAY,
    _OTHER_THINGS,
    _OVER_THE_PERIOD,
    _OWN_MOVE,
    _PAST_EXTREME,
    _PERIOD_ENDED,
    _PREPOSITION_BEFORE,
    _RATE_MOVE,
    _RESPECTIVELY,
    _SESSION_PATH,
    _SESSIONS_ENDING,
    _SINCE_BEFORE,
    _SINCE_EXTREME,
    _SINCE_WORDS,
    _START_CUE,
    _TIME_OF_DAY,
    _TOUCHED,
    _WHEN_IT_STOOD,
    _WHICH_STOOD,
    _WITHIN,
)
from rotoscope.check._curve import CURVE_NAME
from rotoscope.check._each import both, major_indexes
from rotoscope.check._frames import Claim, ClaimPeriod, Metric
from rotoscope.check._intraday import mark_intraday
from rotoscope.check._mentions import Mention, Vocabulary, is_comparison_object
from rotoscope.check._phrases import (
    _change_rarity_claims,
    _extreme_claims,
    _inherit,
    _milestone_claims,
    _rarity_claims,
    _run_claims,
    _sector_count_claims,
)
from rotoscope.check._ranges import join_ranges
from rotoscope.check._scope import (
    _bullet,
    _carries,
    _clause_of,
    _clauses,
    _Context,
    _direction,
    _gap,
    _near_move_word,
    _other_for,
    _other_symbol,
    _period_from,
    _range_cue,
    _rival,
    _subject_for,
)
from rotoscope.check._segments import TABLE_HEADER, Segment, segment
from rotoscope.check._standings import standing_claims
from rotoscope.check._tables import find_footnotes, find_tables, table_claims
from rotoscope.check._worded import worded_claims
from rotoscope.language import (
    DOWN_WORDS,
    DRAWDOWN,
    HIGH_LOW_52W,
    LEVEL_CUES,
    MA_DISTANCE,
    MOVING_AVERAGE,
    OUTPERFORM,
    RARITY,
    RECORD_HIGH,
    RETURN_RARITY,
    STREAK_CUES,
    TOTAL_RETURN,
    UP_WORDS,
    WEEK_EXTREME,
    WEEKLY_TITLE,
    Dateline,
    DateMention,
    Period,
    Quantity,
    count_value,
    find_dateline,
    find_dates,
    find_extremes,
    find_milestones,
    find_periods,
    find_quantities,
    find_runs,
    find_sector_counts,
    find_standings,
    names_something,
    normalise,
    unverifiable_topic,
)
from rotoscope.universe import Universe

__all__ = ["Claim", "ClaimPeriod", "Metric", "extract_claims"]

def _after(window: str, as_of: dt.date) -> bool:
    """Whether a calendar window begins after the text's date ("difficulties in 2026")."""
    bounds = calendar_bounds(window)
    return bounds is not None and bounds[0] > as_of


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
    # "2s10s", "2Y vs 10Y": a name, not numbers
    spans += [(lo + m.start(), lo + m.end()) for m in CURVE_NAME.finditer(text[lo:hi])]
    # "6:45 a.m. ET", "4 p.m.": a time of day
    spans += [(lo + m.start(), lo + m.end()) for m in _TIME_OF_DAY.finditer(text[lo:hi])]
    return spans


def _opens(text: str, dateline: Dateline, as_of: dt.date) -> bool:
    """Whether ``dateline`` is a line's opening date that dates the text.

    "March 16, 2020, 6:45 a.m. ET — The VIX ..." or "Jan. 19, 2024" on a line of its
    own: the date stands before a dash, a parenthesis or the line's end. "On March 27,
    2026, the yield climbed" dates a sentence's figures instead.
    """
    a, b = dateline.span
    return (dateline.date == as_of and a <= 60
            and not _PREPOSITION_BEFORE.search(text, max(0, a - 12), a)
            and _DATELINE_AFTER.match(text, b) is not None)


def _event_time(text: str, lo: int, span: tuple[int, int]) -> bool:
    """Whether the date or period at ``span`` dates an event the sentence mentions.

    "the 80.86 peak reached in November 2008", "its June 2 record", "a 52-week
    high of $198.21 from June 2": when a record, high or low was set, not the
    period of the sentence's figures.
    """
    before = text[max(lo, span[0] - 60):span[0]]
    return bool(_START_CUE.search(before) or _EXTREME_OF.search(before)
                or _PERIOD_ENDED.search(before) or _SINCE_EXTREME.search(before) or (
        _ITS.search(before) and _EVENT_AFTER.match(text, span[1])))


def _own_move(text: str, mentions: list[Mention], lo: int, q: Quantity) -> bool:
    """Whether the name nearest before ``q`` moved by it: "... and the Dow lost 1,033.99 points".

    Points after two names are a gap between them ("A beat B by 5 points") unless
    the nearer name and a move verb stand right before the number.
    """
    named = [m for m in mentions if m.symbol is not None and lo <= m.span[0]
             and m.span[1] <= q.span[0]]
    return bool(named) and _OWN_MOVE.fullmatch(text, named[-1].span[1], q.span[0]) is not None


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
    opening = dateline.span if dateline is not None and _opens(text, dateline, as_of) else None
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
        # "IWM, the most popular small-cap fund, closed at ...": the words describing a
        # name are not another name
        mentions = [m for i, m in enumerate(mentions) if not (
            i and _APPOSITIVE.fullmatch(text, mentions[i - 1].span[1], m.span[0])
            and _APPOSITIVE_END.match(text, m.span[1]))]
        chunk = text[lo:hi]
        seg_clauses = _clauses(text, lo, hi)
        masked = _masked_spans(text, lo, hi)
        extremes = [replace(e, span=(lo + e.span[0], lo + e.span[1]))
                    for e in find_extremes(chunk, as_of)]
        milestones = find_milestones(chunk)
        masked += [e.span for e in extremes]
        masked += [(lo + k.span[0], lo + k.span[1]) for k in milestones]
        periods = [replace(p, span=(lo + p.span[0], lo + p.span[1]))
                   for p in find_periods(chunk, as_of)]
        periods = [p for p in periods
                   if not any(a <= p.span[0] < b for a, b in masked)
                   and not _AFTER_EVENT.search(text, max(lo, p.span[0] - 20), p.span[0])
                   and not _event_time(text, lo, p.span)
                   and not _after(p.window, as_of)
                   and not _EVENT_CLAUSE.match(text, _clause_of(seg_clauses, p.span[0])[0])]
        # (a dateline opening the text is its date, read as its reference session, not the
        # period of figures in the same line: "March 16, 2020, 6:45 a.m. ET — The VIX ...")
        dates = [replace(d, span=(lo + d.span[0], lo + d.span[1]))
                 for d in find_dates(chunk, as_of)
                 if opening is None or not opening[0] <= lo + d.span[0] < opening[1]]
        # "the March 13 session": a date, not a "13 session" window
        periods = [p for p in periods if not any(
            d.span[0] < p.span[0] < d.span[1] for d in dates)]
        dates = [d for d in dates if not any(p.span[0] <= d.span[0] < p.span[1]
                                             for p in periods)
                 and not any(a <= d.span[0] < b for a, b in masked)]
        # "a run that began on February 6", "a record set on January 27": the date of an
        # event the sentence mentions, not the date its figures are as of
        starts = [d for d in dates if _START_CUE.search(text, max(lo, d.span[0] - 25), d.span[0])
                  or _event_time(text, lo, d.span)]
        skip = [(m.span[0] - lo, m.span[1] - lo) for m in mentions]
        skip += [(d.span[0] - lo, d.span[1] - lo) for d in starts]
        dates = [d for d in dates if d not in starts]
        skip += [(p.span[0] - lo, p.span[1] - lo) for p in periods
                 if not re.search(r"\d[- ](?:day|session)", p.phrase)]
        skip += [(d.span[0] - lo, d.span[1] - lo) for d in dates]
        skip += [(a - lo, b - lo) for a, b in masked]
        quantities, highs = join_ranges(text, [replace(q, span=(lo + q.span[0], lo + q.span[1]))
                                               for q in find_quantities(chunk, skip)])
        clauses = seg_clauses
        seg_claims = _segment_claims(text, seg, vocab, mentions, periods, dates, quantities,
                                     clauses, ctx, as_of, claims, starts)
        for c in seg_claims:
            c.range_high = highs.get(c.quantity.span[0])
        seg_claims += _rarity_claims(text, seg, seg_claims, claims)
        # "up from 23.39 on Friday and its highest close since 2020": Friday is 23.39's
        started = [d for d in dates if any(
            o.span[1] <= d.span[0] and _FROM_NUMBER.search(text, max(lo, o.span[0] - 12),
                                                           o.span[0])
            and re.fullmatch(r"\s*(?:on|as\s+of)?\s*", text[o.span[1]:d.span[0]])
            for o in quantities)]
        # "its June 2 record": the date of the record the sentence names
        # "17% below its November 2021 record", "never managed a record close": no claim
        # that a record was set
        seg_claims += _extreme_claims(text, seg, [
            e for e in extremes if not _PAST_EXTREME.search(text, max(lo, e.span[0] - 40),
                                                            e.span[0])
            and not _DAY_AFTER.search(text, max(lo, e.span[0] - 40), e.span[0])
            and not _NEGATED.search(text, max(lo, e.span[0] - 30), e.span[0])], mentions,
            periods, [
            d for d in dates if d not in started] + [
            d for d in starts if _EVENT_AFTER.match(text, d.span[1])], clauses, ctx)
        seg_claims += _run_claims(text, seg, find_runs(chunk), seg_claims, mentions, periods,
                                  dates, clauses, ctx)
        seg_claims += _sector_count_claims(text, seg, find_sector_counts(chunk), periods,
                                           dates, clauses, ctx)
        seg_claims += standing_claims(text, seg, find_standings(chunk), mentions, periods,
                                      dates, clauses, ctx, vocab.sectors)
        # "crossed 25,000 for the first time a week ago": some session the text does not name
        seg_claims += _milestone_claims(text, seg, [
            k for k in milestones if not _AGO_SOON.match(text, lo + k.span[1])], mentions,
            periods, dates, clauses, ctx)
        seg_claims += _change_rarity_claims(text, seg, seg_claims, mentions, periods, dates,
                                            ctx, as_of)
        seg_claims = worded_claims(text, seg, seg_claims, mentions, periods, dates, ctx, as_of)
        seg_claims.sort(key=lambda c: c.quantity.span)
        both(text, seg_claims, mentions)
        major_indexes(text, seg_claims)
        mark_intraday(text, seg_claims, clauses)
        claims.extend(seg_claims)
        # carry the subject and period to the next segment
        known = [m for m in mentions if m.symbol is not None and not
                 is_comparison_object(text, m, lo)]
        named = {m.symbol for m in known}
        if known and seg.kind != "row":
            ctx.subject = known[0]
            ctx.subject_count = len(named)
            ctx.subject_paragraph, ctx.subject_segment = seg.paragraph, ctx.segment_index
        ctx.segment_index += 1
        if _bullet(text, seg) is None:
            # the line a list hangs from names the subject of items that name none
            ctx.list_subject = known[0] if len(named) == 1 else None
        seg_period = _period_from(periods, [d for d in dates if not _DATELINE_CUE.search(
            text, max(lo, d.span[0] - 20), d.span[0]) and not _BY_DATE.search(
                text, max(lo, d.span[0] - 8), d.span[0]) and not (
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


def _segment_claims(
    text: str, seg: Segment, vocab: Vocabulary, mentions: list[Mention],
    periods: list[Period], dates: list[DateMention], quantities: list[Quantity],
    clauses: list[tuple[int, int]], ctx: _Context, as_of: dt.date,
    claims_so_far: list[Claim], events: list[DateMention] | None = None,
) -> list[Claim]:
    lo, hi = seg.span
    out: list[Claim] = []
    bullet = _bullet(text, seg) is not None  # a list item: "--Up 1.75% over ..."
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
    topics: list[tuple[int, int, str]] = []
    for topic_reason, (a, _b) in _topic_hits(text, lo, hi):
        topics.append((_clause_of(clauses, a)[0], a, topic_reason))
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
                    and ctx.subject_segment == ctx.segment_index - 1
                    and not _OTHER_THINGS.search(text, lo, q.span[0])
                    and not names_something(text[lo:q.span[0]]))):
            # "The index is 0.4% below its record high", or a sentence naming nothing right
            # after one naming a single series: the one just named
            how = "anaphor"
        if how == "context" and subj is not None and ctx.block_subject is not None and \
                subj.symbol == ctx.block_subject.symbol and not (
                    not mentions and _OTHER_THINGS.search(text, lo, q.span[0])):
            # under a heading that names it: "SPY Weekly Price Action" (not "The Federal
            # Reserve raised its benchmark rate ... to 5%" under "Dow edges higher")
            how = "block"
        if how in ("none", "context") and ctx.list_subject is not None and \
                bullet:
            # "--Up 1.75% over the last three trading days" under a line naming the index
            subj, how = ctx.list_subject, "row"
        # an out-of-data topic owns the numbers of its clause from its own words on, and a
        # number just before it ("12% earnings growth"), not those well before it
        reason = next((r for start, at, r in topics
                       if q.span[0] >= start and at <= q.span[1] + 12), None)
        metric: Metric
        ma_n: int | None = None
        column = "close"
        record = False
        within = False
        unit_override: str | None = None
        at_start = False
        # "1,206 points", "a 120-point drop": index points, not a level
        signed_points = q.unit == "level" and q.decimals > 0 and q.text[:1] in "+-" and (
            _ARROW.match(text, q.span[1]) is not None  # "+114.29 → 21,993.47"
            or re.match(r"\s+(?:vs\.?|versus)\s", text[q.span[1]:hi]) is not None)
        points = q.unit == "level" and (
            re.search(r"(?:points?|pts)$", q.text) is not None or signed_points
            or (q.decimals == 2 and _BARE_MOVE.search(text, max(lo, q.span[0] - 24),
                                                      q.span[0]) is not None)
            or re.match(r"-point\b", text[q.span[1]:q.span[1] + 6]) is not None) and \
            not _LEVEL_AFTER_MOVE.search(text, max(lo, q.span[0] - 16), q.span[0])
        before = text[clause[0]:q.span[0]]
        before_wide = text[max(lo, q.span[0] - 60):q.span[0]]
        after = text[q.span[1]:min(hi, q.span[1] + 40)]
        ma: re.Match[str] | None = None
        for hit in MOVING_AVERAGE.finditer(text, max(lo, q.span[0] - 60), q.span[0]):
            # "its 50-day average of 6,800", "..., which stood near 5,735"
            if re.fullmatch(r"\s*(?:,\s*(?:which|that)\s+)?(?:of|at|near|around|is|was|"
                            r"(?:stands|stood|sits|sat)(?:\s+(?:at|near|around))?)?\s*"
                            r"(?:about\s+|roughly\s+|around\s+|near\s+)?\$?",
                            text[hit.end():q.span[0]]) and q.unit in ("usd", "level"):
                ma = hit
        if _NOT_BEFORE.search(text, max(lo, q.span[0] - 16), q.span[0]):
            continue  # "It rose 1.2%, not 1.4%": the figure the text says is wrong
        if (q.unit == "level" and q.decimals == 0 and (
                _OF_COUNT.match(text, q.span[1]) or _COUNT_OF.search(
                    text, max(lo, q.span[0] - 30), q.span[0]))) or (
                q.unit in ("sessions", "days") and _COUNT_OF.search(
                    text, max(lo, q.span[0] - 30), q.span[0])):
            continue  # "seven of 11 sectors", "in 12 of the last 13 sessions": a count
        if q.unit in ("sessions", "days") and STREAK_CUES.search(text, lo, hi) and \
                reason is None:
            metric = "streak"
        elif q.unit in ("sessions", "days", "weeks", "months", "years"):
            continue  # a duration ("three-year growth", "the past 30 days")
        elif reason is not None:
            metric = "other"
        elif q.unit in ("usd", "level") and ma is None and _WHICH_STOOD.search(
                text, max(lo, q.span[0] - 60), q.span[0]):
            # "under that long-term trend line, which stood near 5,735": a level of
            # something named earlier, not the series' close
            metric, reason = "other", ("the level of a line or average named in an earlier "
                                       "sentence is not recomputed")
        elif q.unit in ("usd", "level", "pct") and _WHEN_IT_STOOD.search(
                text, max(lo, q.span[0] - 30), q.span[0]) and (
                    _SINCE_WORDS.search(text, lo, q.span[0])):
            # "up 11.4% since the start of the year, when it stood at 3,839.50": the level
            # the period's move started from
            metric, at_start = "level", True
        elif q.unit == "pct" and _OVER_THE_PERIOD.match(text, q.span[1], hi):
            # "has returned roughly 900% over the period": a period named earlier
            metric, reason = "other", ("the period is one an earlier sentence named; the "
                                       "checker does not carry it this far")
        elif _AGO_AFTER.match(text, q.span[1]):
            # "from 4.29% a week earlier": a figure of some earlier day the text does not name
            metric, reason = "other", ("a figure 'a week (month, year) earlier' is not tied "
                                       "to a session the text names")
        elif _FROM_THE_LOW.match(text, q.span[1], hi):
            # "a swing of 178 points from the low": within the session
            metric, reason = "other", ("a move from the session's low or high within the "
                                       "session is not recomputed")
        elif q.unit == "pct" and _FROM_MONTH_PEAK.match(text, q.span[1], hi):
            # "down more than 56% from its October 2007 peak": the peak of a month or year
            metric, reason = "other", ("a fall from the peak of a named month or year is not "
                                       "recomputed")
        elif q.unit == "pct" and _FROM_THAT.match(text, q.span[1], hi):
            # "about 0.4% below that peak": from a level named earlier
            metric, reason = "other", ("a distance from a level named in an earlier "
                                       "sentence is not recomputed")
        elif q.unit == "pp" and _GAP_OF_TWO.search(text, clause[0], q.span[0]):
            # "the gap between them to 47 basis points": two series the sentence named
            metric, reason = "other", ("a gap between two series the sentence names "
                                       "together is not read as one series' move")
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
                         or (len({m.symbol for m in mentions
                                  if clause[0] <= m.span[0] < q.span[0]}) >= 2
                             and not _own_move(text, mentions, clause[0], q))
                         or re.match(r"\s*(?:of\s+)?(?:outperformance|lead|edge|gap)", after,
                                     re.IGNORECASE)):
            metric = "spread"  # "beating the index by about 5 points": percentage points
        elif points and subj is not None and subj.symbol is not None and \
                vocab.kinds.get(subj.symbol) in ("index", "etf", "fx", "volatility") and (
                    _near_move_word(text, max(clause[0], lo), q, clause[1]) or signed_points
                    or (q.text[:1] in "+-" and re.search(r"(?:points?|pts)$", q.text))
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
            elif (touch := _TOUCHED.search(text, max(lo, q.span[0] - 30), q.span[0])) and any(
                    p is not None and p.window == "wtd" for p in (ctx.frame, ctx.block,
                                                                  ctx.period)):
                # a weekly text: "with highs touching 612.88" is the week's intraday high
                metric = "week_low" if touch.group("side").lower() == "low" else "week_high"
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
            elif subj is not None and subj.symbol is not None and \
                    vocab.kinds.get(subj.symbol) in ("index", "etf", "volatility") and \
                    _FROM_LEVEL.search(text, max(lo, q.span[0] - 40), q.span[0]) and (
                        re.search(r"\bto\s+(?:about\s+|roughly\s+)?\$?\d",
                                  text[clause[0]:clause[1]])
                        or re.search(r"\b(?:at|to)\s+(?:about\s+|roughly\s+)?\$?\d[^.;]*,\s*"
                                     r"(?:up|down|higher|lower)\s+from\s+(?:about\s+)?\$?$",
                                     text[lo:q.span[0]])):
                # "climbed to 29.49 from 19.86", "settled at 57.83 on Friday, down from
                # 75.47": where the period's move began
                metric, at_start = "level", True
            elif subj is not None and subj.symbol is not None and how == "left" and \
                    q.text[:6].lower() == "toward":
                metric = "level"  # "the VIX bounced toward 19": a level nearly reached
            elif how == "block" and q.decimals > 0 and not text[lo:q.span[0]].strip():
                metric = "level"  # a line that is a number, under a heading naming a series
            elif subj is not None and subj.symbol is None and how == "left" and \
                    q.unit == "usd":
                metric = "level"  # "gold $4,373.20": a price of something not in the data
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
            elif q.unit == "pp" or ((ow := OUTPERFORM.search(
                    text, subj.span[1] if subj is not None and clause[0] <= subj.span[1]
                    <= q.span[0] else clause[0], q.span[0])) is not None
                    # "beat B by 6 points and gained 3.6% in June": that one its own move
                    and not _AND_MOVED.search(text, ow.end(), q.span[0])) or \
                    re.match(r"\s*(?:year-to-date\s+|ytd\s+)?(?:outperformance|lead|edge|gap)",
                             after, re.IGNORECASE):
                metric = "spread"
            else:
                metric = "change"
        else:
            continue
        if metric == "level" and seg.kind != "row" and (ix := _INTRADAY_LEVEL.search(
                text, max(lo, q.span[0] - 30), q.span[0])):
            column = ix.group("side").lower()  # "an intraday high of 65.73": not the close
        elif metric == "level" and seg.kind != "row" and (path := list(
                _SESSION_PATH.finditer(text, lo, q.span[0]))) and not re.search(
                    r"\bclos(?:e|ed|es|ing)\b|\bfinish|\bended\b|\bsettl",
                    text[path[-1].end():q.span[0]], re.IGNORECASE):
            # "fell as much as 2.4%, sinking to 3,491.58, before closing up": the low
            moves = [(m.end(), -1) for m in DOWN_WORDS.finditer(
                text, max(lo, path[-1].start() - 30), q.span[0])] + [
                (m.end(), 1) for m in UP_WORDS.finditer(text, max(lo, path[-1].start() - 30),
                                                         q.span[0])]
            if moves:
                column = "low" if max(moves)[1] < 0 else "high"
        # the period: clause, then sentence, then the paragraph's context
        period = None
        q_periods = [p for p in periods if not (p.span[0] < q.span[1] and q.span[0] < p.span[1])
                     and not any(o is not q and re.fullmatch(r"[\s:]*", text[p.span[1]:o.span[0]])
                                 for o in quantities if o.span[0] >= p.span[1])
                     # "..., erasing the prior week's plunge": a possessive period names
                     # what follows it, not a number before it
                     and not (p.span[0] >= q.span[1] and re.search(r"['’]s$", p.phrase))]
        # ("prior session 6,582.69": the phrase labels the number right after it)
        # "prior session 6,582.69 (Apr 2)": a date in parentheses after another number is
        # that number's date
        q_dates = [d for d in dates if not any(
            o is not q and o.span[1] <= d.span[0] and re.fullmatch(
                r"\s*\(\s*(?:(?:mon|tues|wednes|thurs|fri)day,?\s*)?", text[o.span[1]:d.span[0]],
                re.IGNORECASE) for o in quantities)]
        # "closed at 38.57, up from 23.39 on Friday": the date of the number it starts from
        q_dates = [d for d in q_dates if not any(
            o is not q and q.span[1] <= o.span[0] and o.span[1] <= d.span[0]
            and _FROM_NUMBER.search(text, max(lo, o.span[0] - 12), o.span[0])
            and re.fullmatch(r"\s*(?:on|as\s+of)?\s*", text[o.span[1]:d.span[0]])
            for o in quantities)]
        if metric in ("change", "spread"):
            # "By Friday the index had lost 2%": as of Friday, over a period not given
            q_dates = [d for d in q_dates if not _BY_DATE.search(text, max(lo, d.span[0] - 8),
                                                                 d.span[0])]
        if metric == "level":
            # "eased 0.2% to 1,322.85 and is slightly lower for the week": the week is the
            # later clause's, not the close's
            q_periods = [p for p in q_periods if not (p.span[0] >= q.span[1] and re.search(
                r"\band\s+(?:is|was|are|were|has|have|had|remains?|stays?)\b",
                text[q.span[1]:p.span[0]], re.IGNORECASE))]
        if at_start:
            # "down from 75.47 the prior session": a start level with a day of its own
            own = [p for p in q_periods if p.span[0] >= q.span[1] and p.window == "1d"
                   and re.fullmatch(r"\s*(?:on\s+)?", text[q.span[1]:p.span[0]])]
            own_dates = [d for d in q_dates if d.span[0] >= q.span[1]
                         and re.fullmatch(r"\s*(?:on\s+)?", text[q.span[1]:d.span[0]])]
            if own or own_dates:
                at_start, q_periods, q_dates = False, own, own_dates
        if seg.kind == "row" and row_date is not None:
            period = ClaimPeriod("1d", "date", row_date.date.isoformat(), "row", row_date.date)
        if period is None and (fq := _FREQUENCY_AFTER.match(text, q.span[1])) is not None:
            # "an 8% monthly surge", "a 2% weekly loss": the word after the number
            window, anchor = _FREQUENCY_WINDOWS[fq.group(1).lower()]
            period = ClaimPeriod(window, anchor, fq.group(0).strip(), "clause",
                                 span=(fq.start(1), fq.end(1)))
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
            period = _period_from(q_periods, q_dates, lo, hi, q.span[0], "sentence", text)
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
        if period is not None and period.window == "1d" and period.anchor == "as_of" and \
                _ON_THE_DAY.fullmatch(period.phrase) and ctx.period is not None and \
                ctx.period.window == "1d" and ctx.period.anchor == "date" and \
                ctx.period.source == "context" and ctx.period.day is not None:
            # "Monday ... on August 5. The VIX closed up 65% on the day": that session
            period = replace(ctx.period, phrase=period.phrase, source=period.source,
                             span=period.span)
        if period is None and ctx.frame is not None and metric in ("change", "spread"):
            period = ctx.frame
        if period is not None and period.source in ("context", "carried") and \
                bullet:
            period = None  # a list item states its own period, not its head line's
        if metric == "level" and period is not None and period.window != "1d" and \
                re.search(r"\b(?:low|high|peak|bottom|top)s?\s+(?:close\s+)?(?:of|at)\s+"
                          r"(?:about\s+)?\$?$", text[max(lo, q.span[0] - 25):q.span[0]],
                          re.IGNORECASE):
            # "a record low of 9.14 in November": some session of the month, not its last
            metric, reason = "other", ("the level of a high or low within a period is not "
                                       "tied to one session the text names")
        if metric == "drawdown" and period is not None and period.source not in ("clause",
                                                                                 "row"):
            # "... since Feb. 21, and the index is now 17% below its record": as of the
            # session the text speaks of, not of a date another clause gave
            period = None
        event = next((d for d in events or [] if q.span[1] <= d.span[0] < clause[1] + 40
                      and d.span[0] - q.span[1] <= 80), None)
        if event is not None and metric == "level" and (period is None or period.source not in (
                "clause", "row")) and not any(o is not q and q.span[1] <= o.span[0] < event.span[0]
                                              for o in quantities) and not re.search(
                    r"\b(?:record|high(?:est)?|low(?:est)?|peak|top|bottom|best|worst)s?\b",
                    text[q.span[1]:event.span[0]],
                    re.IGNORECASE):
            # "its record close of 6,977.27 hit Monday, Jan. 12": that session's close (not
            # "closed at 6,939.03, below the record it set on January 27")
            period = ClaimPeriod("1d", "date", event.date.isoformat(), "clause", event.date,
                                 event.span)
        if event is not None and metric in ("change", "spread") and _FROM_BASE.search(
                text, q.span[1], event.span[0]) and not _SINCE_EXTREME.search(
                    text, max(lo, event.span[0] - 60), event.span[0]) and (
                period is None or period.source not in ("clause", "row")):
            # "up 38.8% from its 52-week low of 4,982.77 hit April 8, 2025": since that low
            period = ClaimPeriod(f"since-{event.date.isoformat()}", "as_of",
                                 text[event.span[0]:event.span[1]], "clause", span=event.span)
        if metric in ("change", "spread") and period is not None and period.anchor == "date" \
                and period.day is not None and period.span is not None and \
                period.span[0] > q.span[1] and _FROM_BASE.search(text, q.span[1],
                                                                 period.span[0]):
            # "up 19.6% from the close of 5,782.76 on November 5, 2024": since that close
            period = replace(period, window=f"since-{period.day.isoformat()}", anchor="as_of")
        if period is not None and period.anchor == "date" and period.day is not None and \
                period.span is not None and (ending := _SESSIONS_ENDING.search(
                    text, max(lo, period.span[0] - 50), period.span[0])) is not None and \
                1 < (n_days := count_value(ending.group("n")) or 0) <= 260:
            # "In the five sessions ending July 16, the Russell 2000 surged 11.5%"
            period = replace(period, window=f"{n_days}d")
        if period is not None and period.anchor == "prior" and period.span is not None and (
                said_days := [d for d in dates
                              if lo <= d.span[0] and d.span[1] <= period.span[0]]):
            # "settled at 57.83 on Friday, down from 75.47 the prior session": the session
            # before the one the sentence named
            day = previous_session(said_days[-1].date - dt.timedelta(days=1))
            period = ClaimPeriod("1d", "date", period.phrase, period.source, day, period.span)
        pk = _BELOW_DATED_PEAK.match(text, q.span[1], hi) \
            if metric == "change" and q.unit == "pct" else None
        peak = None if pk is None else next(
            (d for d in events or [] if pk.start("when") <= d.span[0] < pk.end("when")), None)
        if peak is not None:
            # "13.1% under its July 10 peak": down that much since that session's close
            period = ClaimPeriod(f"since-{peak.date.isoformat()}", "as_of",
                                 text[peak.span[0]:peak.span[1]], "clause", span=peak.span)
        if metric in ("change", "spread") and period is not None and period.anchor == "date" \
                and period.day is not None and period.span is not None and \
                period.span[1] <= q.span[0] and _SINCE_BEFORE.search(
                    text, max(lo, period.span[0] - 16), period.span[0]):
            # "Since its March 30 close, the index has gained 17%": since that close
            period = replace(period, window=f"since-{period.day.isoformat()}", anchor="as_of")
        other = other_twin = None
        if metric in ("spread", "streak"):
            o = _other_for(text, subj, mentions, seg)
            other = o.symbol if o is not None else None
            other_twin = o.twin if o is not None else None
        given = [c for c in out if c.metric == "change" and c.subject is not None
                 and c.unit == "pct"]
        if metric == "spread" and _GAP_OF.search(text, max(lo, q.span[0] - 40), q.span[0]) \
                and len(given) >= 2 and given[-2].subject != given[-1].subject:
            # "VUG returned 6.0% while VTV lost 1.2%, a gap of more than 7 points": the
            # two moves just given, whatever other names the sentence holds
            move_a, move_b = given[-2], given[-1]
            subj = next((m for m in mentions if m.symbol == move_a.subject), None) or Mention(
                move_a.subject, move_a.subject_text, move_a.span, move_a.proxy)
            other, other_twin = move_b.subject, None
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
            if peak is not None:  # "13.1% under its July 10 peak"
                claimed, sign_known = -q.value, True
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
            and subj.span[0] >= max(lo, clause[0] - 60) else clause[0]
        end = q.span[1]
        if text[end:end + 1] == ")" and "(" in text[max(start, end - 30):q.span[0]]:
            end += 1  # "(-1.53 / -0.06%)": the parenthesis closes the quoted figure
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
            # a start level with no period of its own: the text's (a weekly digest's week)
            period=ctx.frame if at_start and period is None else period,
            other=other,
            reason=reason if metric == "other" else (
                f"{subj.name} is not in the data" if subj is not None and subj.symbol is None
                else None),
            ma_sessions=ma_n,
            ma_position=position,
            proxy=subj.proxy if subj is not None else False,
            column=column,
            streak_side=side,
            earlier_run=metric == "streak" and _EARLIER_RUN.search(
                text, max(lo, clause[0]), q.span[0]) is not None,
            sign_explicit=explicit,
            total_return=TOTAL_RETURN.search(text, lo, hi) is not None,
            record=record,
            subject_how=how,
            twin=subj.twin if subj is not None else None, other_twin=other_twin,
            at_start=at_start,
            rival=_rival(clause, subj, mentions, seg.span, quantities, q) if how not in (
                "possessive", "paired") else None,
            sign_known=sign_known,
        ))
    _one_period_one_change(out, claims_so_far, ctx)
    return out


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


