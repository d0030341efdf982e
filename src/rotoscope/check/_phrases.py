"""Claims named in phrases rather than numbers: records and extremes, runs, rarities.

"its lowest close in 2026", "four straight losing sessions", "the longest
streak since May 1996", "its best January since 2019": each phrase is a claim
of its own, framed with the subject its clause gives it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from rotoscope.check._frames import Claim, ClaimPeriod
from rotoscope.check._mentions import Mention, is_comparison_object
from rotoscope.check._scope import (
    _bullet,
    _clause_of,
    _Context,
    _gap,
    _number_word,
    _period_from,
    _subject_for,
)
from rotoscope.check._segments import Segment
from rotoscope.language import (
    DOWN_WORDS,
    MONTHS,
    RARITY,
    RARITY_DOWN,
    RARITY_FREQUENCY,
    RARITY_UP,
    RETURN_RARITY,
    STREAK_WORDS,
    UP_WORDS,
    DateMention,
    Extreme,
    Milestone,
    Period,
    Quantity,
    RunPhrase,
    SectorCount,
    month_key,
)

#: the market in general as a run's subject
_THE_MARKET = re.compile(r"\b(?:the\s+(?:broad\s+|stock\s+|U\.?S\.?\s+)?market|"
                         r"(?:U\.?S\.?\s+)?stocks|equities|Wall\s+Street)\b", re.IGNORECASE)
#: a sentence about a ratio or spread of two series: its extremes are not one series' closes
_PAIR_MEASURE = re.compile(r"\bratio\b|\brelative[- ]strength\b|\bspread\b", re.IGNORECASE)


_FREQUENCY_OF_WINDOW = (("1d", "session"), ("wtd", "week"), ("month-", "month"),
                        ("quarter-", "quarter"), ("half-", "half"), ("year-", "year"))


#: the thing whose high or low a sentence names, when it is not a price
_NOT_A_PRICE = re.compile(r"\b(?:in|out|net\s+)?flow(?:s|ing)?\b|\b(?:inflows|outflows|volumes?|"
                          r"short\s+interest|margin\s+debt|positioning|sentiment|"
                          r"put[/-]call|open\s+interest|issuance|assets\s+under)\b",
                          re.IGNORECASE)


#: inside a rarity phrase, a window of several periods: "five-day", "3-session"
_MULTI_PERIOD = re.compile(r"\b(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)[- ]"
                           r"(?:day|session|week|month)\b", re.IGNORECASE)
#: inside a rarity phrase, a comparison with another series
_AGAINST = re.compile(r"\b(?:against|versus|vs\.?|relative\s+to|compared\s+(?:with|to))\b",
                      re.IGNORECASE)


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
        unit = "year" if e.year is not None else "claim"
        if e.length is not None:  # "a 3.25-month low": the quoted number is the length
            year, unit = e.length[0], e.length[1] + "s"
        q = Quantity(year, "years", e.span, "exact", 0, text[e.span[0]:e.span[1]])
        subj, how = _subject_for(text, q, mentions, clause, seg, ctx)
        day = _period_from([p for p in periods if p.window == "1d"], dates, clause[0],
                           clause[1], e.span[0], "clause")
        if day is None and e.reach == "record":
            # "hit a record in September", "a fresh record this week": some session of
            # that period closed at a record
            day = _period_from([p for p in periods if p.window != "1d" and p.window != "ytd"],
                               [], clause[0], clause[1], e.span[0], "clause")
        reason = None
        if subj is not None and subj.symbol is None:
            reason = f"{subj.name} is not in the data"
        elif _PAIR_MEASURE.search(text, seg.span[0], e.span[0]):
            reason = ("the high or low of a ratio or spread of two series is not recomputed; "
                      "the checker rates one series' closes")
        elif _NOT_A_PRICE.search(text, clause[0], e.span[0]):
            # "inflows into tech ETFs hit a six-week high": the extreme of something else
            reason = ("the high or low of fund flows, volume or positioning is not in the "
                      "data; the checker rates closing prices")
        start = subj.span[0] if subj is not None and how in ("left", "possessive") and \
            subj.span[0] >= clause[0] else clause[0]
        out.append(Claim(
            span=(min(start, e.span[0]), e.span[1]), quantity=q, segment=seg.span,
            metric="other" if reason else "extreme",
            subject=subj.symbol if subj is not None else None,
            subject_text=subj.name if subj is not None else "",
            unit=unit, claimed=year, qualifier="exact",
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
        if how in ("none", "context") and (market := _THE_MARKET.search(
                text, start, span[0])) is not None:
            # "the market notched four straight losing sessions": read on the S&P 500, a
            # reading rather than a name, so never better than approximate
            subj = Mention("^GSPC", "the market (read as the S&P 500)", market.span(), False)
            how = "market"
        # ("nine straight daily gains through Dec. 19": "daily" is the run's own word)
        day = _period_from([p for p in periods if p.window == "1d"
                            and not span[0] <= p.span[0] < span[1]], dates, clause[0],
                           clause[1], span[0], "clause")
        if day is None:
            # "four straight losing sessions to close out December": the run ends there
            day = _period_from([p for p in periods if p.window.startswith(
                ("month-", "quarter-", "year-"))], [], clause[0], clause[1], span[0], "clause")
        reason = None
        if subj is not None and subj.symbol is None:
            reason = f"{subj.name} is not in the data"
        elif side == 0:
            reason = "the text does not say whether the run was of gains or of losses"
        stop = span[1]
        after = [p for p in periods if p.span[0] >= stop and
                 re.fullmatch(r"\s{0,3}", text[stop:p.span[0]])]
        if after:
            stop = after[0].span[1]  # "12 of 13 sessions this month": the words that scope it
        out.append(Claim(
            span=(min(start, span[0]), stop), quantity=q, segment=seg.span,
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
        if _AGAINST.search(mid) or _MULTI_PERIOD.search(mid):
            # "their best month against large caps in 24 years": a rarity of one series
            # relative to another; "its biggest five-day gain since April 2020": of a
            # window of several sessions (the bulletins' form is read by _window_rarity)
            continue
        changes = [c for c in seg_claims if c.metric == "change" and c.subject is not None]
        # "rose 21%, its best start since 1991, far ahead of the S&P 500's 7.5%": the
        # possessive points back, so a change before the phrase comes first
        before = [c for c in changes if c.quantity.span[1] <= m.start()]
        near = min(before or changes, key=lambda c: _gap(c.quantity.span, m.span()),
                   default=None)
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
            key = month_key(month_of_year, as_of)
            period = ClaimPeriod(key, "as_of", m.group(0), "clause")
        else:
            period = near.period if near is not None else None
            if period is None:
                period = _period_from(periods, dates, lo, hi, m.start(), "sentence")
            if frequency is None:
                frequency = _frequency_of(period)
            elif _frequency_of(period) not in (None, frequency) and not re.search(
                    r"\bstart\b", mid, re.IGNORECASE):
                period = None  # "fell 3% this month, its worst day since": not that window
        side = 0
        head = m.group("dir").lower()
        if head in ("best", "strongest"):
            side = 1
        elif head in ("worst", "weakest", "deepest", "heaviest"):
            side = -1
        elif RARITY_UP.search(mid) and not RARITY_DOWN.search(mid):
            side = 1
        elif RARITY_DOWN.search(mid):
            side = -1
        elif near is not None:
            side = 1 if near.claimed > 0 else -1
        if m.group("years"):
            n = 1.0 if m.group("years").lower() in ("a", "an") else \
                _number_word(m.group("years"))
            gap = m.group("gap").lower().rstrip("s") + "s"
            if n is None or (n == 1 and not m.group("gap").lower().endswith("s")
                             and m.group("years").lower() not in ("a", "an", "one")):
                continue
            claimed, unit, span = n, gap, m.span("years")
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
            if frequency in ("year", "half", None) and month_of_year is None:
                # "its best start to a year since 1991": the return to date, against every
                # earlier year's to the same day
                frequency = "year_start"
            else:
                reason = ("a start to a month or a quarter, compared at the same point of "
                          "each, is not computed")
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


def _sector_count_claims(text: str, seg: Segment, counts: list[SectorCount],
                         periods: list[Period], dates: list[DateMention],
                         clauses: list[tuple[int, int]], ctx: _Context) -> list[Claim]:
    """Claims that so many of the eleven sectors rose (fell): "seven of 11 posted gains".

    Measured on the sector SPDRs over the clause's period, else the sentence's,
    else the block's, else the reference session.
    """
    out: list[Claim] = []
    for k in counts:
        span = (seg.span[0] + k.span[0], seg.span[0] + k.span[1])
        clause = _clause_of(clauses, span[0])
        period = _period_from(periods, dates, clause[0], clause[1], span[0], "clause") or \
            _period_from(periods, dates, seg.span[0], seg.span[1], span[0], "sentence")
        if period is None and ctx.period is not None and ctx.period.source == "block":
            period = ctx.period
        q = Quantity(float(k.count), "count", span, "exact", 0, text[span[0]:span[1]])
        reason = None if k.side else "the text does not say whether those sectors rose or fell"
        out.append(Claim(
            span=span, quantity=q, segment=seg.span,
            metric="other" if reason else "sector_count", subject="sectors",
            subject_text="the eleven sectors", unit="count", claimed=float(k.count),
            qualifier="exact", decimals=0, period=period, reason=reason,
            streak_side=k.side, subject_how="row", proxy=True,
        ))
    return out


def _milestone_claims(text: str, seg: Segment, milestones: list[Milestone],
                      mentions: list[Mention], periods: list[Period],
                      dates: list[DateMention], clauses: list[tuple[int, int]],
                      ctx: _Context) -> list[Claim]:
    """Claims that a series closed beyond a level for the first time ("topped 50,000")."""
    out: list[Claim] = []
    for k in milestones:
        span = (seg.span[0] + k.span[0], seg.span[0] + k.span[1])
        number = (seg.span[0] + k.number_span[0], seg.span[0] + k.number_span[1])
        clause = _clause_of(clauses, span[0])
        q = Quantity(k.level, "level", number, "exact", 0, text[number[0]:number[1]])
        subj, how = _subject_for(text, q, mentions, clause, seg, ctx)
        day = _period_from([p for p in periods if p.window == "1d"], dates, clause[0],
                           clause[1], span[0], "clause")
        reason = f"{subj.name} is not in the data" if subj is not None and \
            subj.symbol is None else None
        start = subj.span[0] if subj is not None and how == "left" and \
            subj.span[0] >= clause[0] else span[0]
        out.append(Claim(
            span=(min(start, span[0]), span[1]), quantity=q, segment=seg.span,
            metric="other" if reason else "milestone",
            subject=subj.symbol if subj is not None else None,
            subject_text=subj.name if subj is not None else "", unit="level",
            claimed=k.level, qualifier="exact", decimals=0, period=day, reason=reason,
            proxy=subj.proxy if subj is not None else False, subject_how=how,
            crossing=k.side, first_time=k.first,
        ))
    return out
