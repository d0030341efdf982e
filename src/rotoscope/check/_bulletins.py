"""Market-data bulletin lines: multi-session moves rated against history, a close's rank.

Wire bulletins list a day's statistics one line each, under the index they are about:
"Largest three-day point and percentage gain since Tuesday, Dec. 23, 2025", "Largest
two-week point decline since the week ending Nov. 21, 2025", "Today's closing value is
the sixth lowest this year".

*Window moves.* The move over the last ``n`` sessions (days) or ``n`` weekly closes
(weeks), ending on the reference session, is compared with the same move ending on
every earlier session (every earlier week's last session); the claim holds when the
last earlier move at least as large, in each measure the line names (points, percent
or both; percent when it names neither), ends on the named date (in the named week).
When the measures disagree with each other the claim is ``approximate``.

*Ranks.* The reference session's close is ranked among the closes of its calendar
year to that day, itself included: "the sixth lowest" holds when five closes were
lower.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import numpy as np

from rotoscope.analytics.returns import value_on
from rotoscope.check._frames import Claim, ClaimPeriod
from rotoscope.check._mentions import Mention, is_comparison_object
from rotoscope.check._scope import _Context, _number_word
from rotoscope.check._segments import Segment
from rotoscope.check._verdicts import CheckedClaim, Unverifiable
from rotoscope.language import ORDINALS, DateMention, Quantity

if TYPE_CHECKING:
    from rotoscope.check._verifying import Verifying
    from rotoscope.facts import Fact

__all__ = ["bulletin_claims", "check_close_rank", "check_window_rarity"]

_UP = r"gain|rise|advance|increase|rally|climb|jump"
_DOWN = r"decline|drop|loss|fall|slide|retreat|slump"
#: "Largest three-day point and percentage gain since ..."
_WINDOW = re.compile(
    r"\b(?:largest|biggest)\s+(?P<n>\d{1,2}|[a-z]+)[- ](?P<unit>day|session|week)\s+"
    r"(?:(?P<measure>point\s+and\s+percentage|percentage\s+and\s+point|point|percentage|"
    r"percent)\s+)?(?P<dir>" + _UP + "|" + _DOWN + r")s?\s+since\s+", re.IGNORECASE)
_ORD = "|".join(sorted((re.escape(w) for w in [*ORDINALS, "first", "1st"]), key=len,
                       reverse=True))
#: "Today's closing value is the sixth lowest this year"
_RANK = re.compile(
    r"\b(?:closing\s+(?:value|level|price)|close)\s+(?:is|was)\s+the\s+(?P<rank>" + _ORD
    + r")\s+(?P<side>lowest|highest)\s+(?P<when>(?:so\s+far\s+)?this\s+year|of\s+the\s+year|"
    r"(?:so\s+far\s+)?in\s+(?P<year>(?:19|20)\d{2}))\b", re.IGNORECASE)


#: what may stand between "since" and the date: "the week ending", a weekday
_BEFORE_DATE = re.compile(r"(?:the\s+week\s+(?:ending|ended)\s+)?(?:[A-Z][a-z]+,?\s+)?",
                          re.IGNORECASE)


def _subject(text: str, mentions: list[Mention], start: int, lo: int,
             ctx: _Context) -> tuple[Mention | None, str]:
    left = next((x for x in reversed(mentions) if x.symbol is not None and x.span[1] <= start
                 and not is_comparison_object(text, x, lo)), None)
    if left is not None:
        return left, "left"
    if ctx.list_subject is not None:
        return ctx.list_subject, "row"
    return ctx.subject, "context"


def bulletin_claims(text: str, seg: Segment, mentions: list[Mention],
                    dates: list[DateMention], ctx: _Context, as_of: dt.date) -> list[Claim]:
    """Claims of window moves rated against history, and of a close's rank, in a segment."""
    lo, hi = seg.span
    out: list[Claim] = []
    for m in _WINDOW.finditer(text, lo, hi):
        n = _number_word(m.group("n"))
        named = next((d for d in dates if d.span[0] >= m.end()
                      and _BEFORE_DATE.fullmatch(text, m.end(), d.span[0])), None)
        if n is None or not 1 <= n <= 60 or named is None or not named.has_year:
            continue
        subj, how = _subject(text, mentions, m.start(), lo, ctx)
        measure = (m.group("measure") or "percentage").lower()
        span = (m.start(), named.span[1])
        q = Quantity(float(named.date.year), "level", named.span, "exact", 0,
                     text[named.span[0]:named.span[1]])
        out.append(Claim(
            span=span, quantity=q, segment=seg.span,
            metric="window_rarity" if subj is not None else "other",
            subject=subj.symbol if subj is not None else None,
            subject_text=subj.name if subj is not None else "", unit="claim",
            claimed=float(named.date.year), qualifier="exact", decimals=0,
            period=None, since_day=named.date, measure=measure,
            reason=None if subj is not None else "no series in the data is named",
            streak_side=1 if re.fullmatch(_UP, m.group("dir").lower()) else -1,
            rates_length=n, rarity_frequency="week" if m.group("unit").lower() == "week"
            else "session", proxy=subj.proxy if subj is not None else False,
            subject_how=how))
    for m in _RANK.finditer(text, lo, hi):
        rank = 1 if m.group("rank").lower() in ("first", "1st") else \
            ORDINALS[m.group("rank").lower()]
        year = int(m.group("year")) if m.group("year") else as_of.year
        subj, how = _subject(text, mentions, m.start(), lo, ctx)
        q = Quantity(float(rank), "count", m.span("rank"), "exact", 0, m.group("rank"))
        out.append(Claim(
            span=m.span(), quantity=q, segment=seg.span,
            metric="close_rank" if subj is not None else "other",
            subject=subj.symbol if subj is not None else None,
            subject_text=subj.name if subj is not None else "", unit="count",
            claimed=float(rank), qualifier="exact", decimals=0,
            period=ClaimPeriod(f"year-{year}", "as_of", m.group("when"), "clause"),
            reason=None if subj is not None else "no series in the data is named",
            streak_side=-1 if m.group("side").lower() == "lowest" else 1,
            proxy=subj.proxy if subj is not None else False, subject_how=how))
    return out


def check_window_rarity(v: Verifying, c: Claim) -> CheckedClaim:
    """Find the last earlier n-session (n-week) move as large; it must end on the named date."""
    assert c.subject is not None
    assert c.since_day is not None
    assert c.rates_length is not None
    end = v.reference
    fld = v.price_field(c.subject, end)
    s = v.pit(end).series(c.subject, fld)
    i = s.index_on_or_before(end)
    if i < 0 or s.date(i) != end:
        raise Unverifiable(f"{c.subject} has no {fld} on {end}")
    n, weekly = int(c.rates_length), c.rarity_frequency == "week"
    days = s.dates[:i + 1].astype("datetime64[D]")
    values = np.asarray(s.values[:i + 1], dtype=float)
    if weekly:  # each week's last session
        week = (days.astype(np.int64) + 3) // 7
        rows = np.append(np.flatnonzero(np.diff(week) != 0), values.size - 1)
    else:
        rows = np.arange(values.size)
    if rows.size <= n + 1:
        raise Unverifiable(f"too little history of {c.subject} for {n}-"
                           f"{'week' if weekly else 'session'} moves")
    closes = values[rows]
    points = closes[n:] - closes[:-n]
    pct = (closes[n:] / closes[:-n] - 1.0) * 100.0
    ends = days[rows][n:]
    side, named = c.streak_side, c.since_day
    measures = {"point": points, "percentage": pct}
    wanted = [k for k in measures if k in c.measure] or ["percentage"]
    found: dict[str, dt.date | None] = {}
    for key in wanted:
        series = measures[key]
        current = float(series[-1])
        if current * side <= 0:
            found[key] = None
            continue
        hits = np.flatnonzero(series[:-1] * side >= current * side)
        found[key] = dt.date.fromisoformat(str(ends[hits[-1]])) if hits.size else None
    unit = "week" if weekly else "session"
    first = dt.date.fromisoformat(str(days[rows][-n - 1]))
    base = value_on(v.pit(end), c.subject, fld, first)
    last = value_on(v.pit(end), c.subject, fld, end)
    facts: list[Fact] = [base, last]
    span = f"the {n} {unit}s" if n > 1 else f"the {unit}"
    move = (f"{c.subject} {'gained' if points[-1] > 0 else 'lost'} {abs(points[-1]):,.2f} "
            f"points ({pct[-1]:+.2f}%) over {span} from {first} to {end}")
    if float(pct[-1]) * side <= 0:
        word = "gain" if side > 0 else "decline"
        return CheckedClaim(c, "contradicted", None, f"{move}: not a {word}.", facts,
                            first, end)

    def same(d: dt.date | None) -> bool:
        if d is None:
            return False
        if weekly:
            return (d - named).days in range(-6, 7) and d.isocalendar()[:2] == \
                named.isocalendar()[:2]
        return d == named

    said = "; ".join(f"by {k}, the last one at least as large ended "
                     f"{found[k] if found[k] else 'nowhere in the data'}" for k in wanted)
    text = f"{move}; {said}."
    hits_named = [same(found[k]) for k in wanted]
    if all(hits_named):
        return CheckedClaim(c, "confirmed", None, text, facts, first, end)
    if any(hits_named):
        return CheckedClaim(c, "approximate", None, text + " The measures disagree.", facts,
                            first, end)
    return CheckedClaim(c, "contradicted", None, text, facts, first, end)


def check_close_rank(v: Verifying, c: Claim) -> CheckedClaim:
    """Rank the reference close among its year's closes to that day."""
    assert c.subject is not None
    assert c.period is not None
    end = v.reference
    year = int(c.period.window.split("-")[1])
    if year != end.year:
        raise Unverifiable(f"the rank is of {year}'s closes, and the text is dated {end}")
    fld = v.price_field(c.subject, end)
    s = v.pit(end).series(c.subject, fld)
    i = s.index_on_or_before(end)
    if i < 0 or s.date(i) != end:
        raise Unverifiable(f"{c.subject} has no {fld} on {end}")
    days = s.dates[:i + 1].astype("datetime64[D]")
    inside = np.asarray(s.values[:i + 1], dtype=float)[
        days >= np.datetime64(dt.date(year, 1, 1))]
    today = float(inside[-1])
    beyond = int(np.count_nonzero(inside * c.streak_side > today * c.streak_side))
    rank = beyond + 1
    side = "lowest" if c.streak_side < 0 else "highest"
    fact = value_on(v.pit(end), c.subject, fld, end)
    text = (f"{c.subject} {fld} on {end}: {today:,.2f}, the {_ordinal(rank)} {side} of "
            f"{inside.size} closes in {year} so far ({beyond} "
            f"{'lower' if c.streak_side < 0 else 'higher'}).")
    return CheckedClaim(c, "confirmed" if rank == c.claimed else "contradicted", float(rank),
                        text, [fact], dt.date(year, 1, 1), end)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
