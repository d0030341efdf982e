"""Verification of runs, streaks, rarities, extremes and sector counts.

Each function takes the verifier (:class:`~rotoscope.check._verifying.Verifying`) of the text
(its dates, its point-in-time views, its field choices) and one claim, and
returns the claim with its verdict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from rotoscope.analytics import SeriesData
from rotoscope.analytics.returns import (
    Frequency,
    period_rarity,
    value_on,
    window_return,
    year_start_rarity,
)
from rotoscope.analytics.streaks import (
    Run,
    StreakHistory,
    outperformance_streak,
    period_run,
    series_runs,
)
from rotoscope.analytics.technicals import last_as_extreme
from rotoscope.analytics.windows import calendar_bounds
from rotoscope.check._frames import Claim
from rotoscope.check._standings import group_moves
from rotoscope.check._verdicts import CheckedClaim, Unverifiable, Verdict, judge
from rotoscope.exceptions import RotoscopeError
from rotoscope.facts import Fact

if TYPE_CHECKING:
    from rotoscope.check._verifying import Verifying

__all__ = ["check_change_rarity", "check_extreme", "check_milestone", "check_run",
           "check_sector_count",
           "check_streak", "check_streak_rarity", "rated_end"]

#: How far back a streak claim without a period looks for the run it speaks of.
STREAK_LOOKBACK_DAYS = 92


# ---- streaks
def _history(v: Verifying, c: Claim, day: dt.date) -> tuple[StreakHistory, list[Fact]]:
    assert c.subject is not None
    if c.other is not None:
        return outperformance_streak(v.pit(day), c.subject, c.other)
    return series_runs(v.pit(day), c.subject, v.price_field(c.subject, day))


def _target_run(v: Verifying, c: Claim) -> tuple[dt.date, dt.date, int, list[Fact]]:
    """Return the run a claim means: in its period, else the recent one of nearest length."""
    end = v.end_of(c)
    hist, _ = _history(v, c, end)
    runs = hist.runs_on(c.streak_side)
    lo = end - dt.timedelta(days=STREAK_LOOKBACK_DAYS)
    if c.period is not None:
        key = c.period.window
        if key.startswith(("month-", "quarter-", "year-")):
            y = int(key.split("-")[1])
            part = key.split("-")[2] if key.count("-") > 1 else ""
            month = int(part) if key.startswith("month-") else (
                3 * int(part[1]) - 2 if key.startswith("quarter-") else 1)
            lo = dt.date(y, month, 1)
        elif key.startswith("since-"):
            lo = dt.date.fromisoformat(key[len("since-"):])
    if c.earlier_run and runs:
        # the last run before the current one that was at least as long
        earlier = [r for r in runs[:-1] if r.length >= runs[-1].length]
        if not earlier:
            raise Unverifiable("no earlier run of that side was as long as the current one")
        run = earlier[-1]
        _, facts = _history(v, c, hist.day(run.end))
        return hist.day(run.start), hist.day(run.end), run.length, facts
    # runs are in order of their end: read back from the latest until one ends before lo
    recent: list[Run] = []
    for r in reversed(runs):
        if hist.day(r.end) < lo:
            break
        recent.insert(0, r)
    if not recent:
        raise Unverifiable(f"no such run ended between {lo} and {end}")
    claimed = c.claimed if c.metric == "streak" else (c.rates_length or 0)
    run = min(recent, key=lambda r: (abs(r.length - claimed), -r.length, -r.end))
    run_end = hist.day(run.end)
    run_start = hist.day(run.start)
    _, facts = _history(v, c, run_end)
    return run_start, run_end, run.length, facts


def check_streak(v: Verifying, c: Claim) -> CheckedClaim:
    start, end, length, facts = _target_run(v, c)
    who = (f"{c.subject} beat {c.other}" if c.other else
           f"{c.subject} closed {'up' if c.streak_side > 0 else 'down'}")
    what = f"sessions in a row {who}: {length}, {start} to {end}"
    keep = [f for f in facts if f.id.split("@")[0].rsplit(".", 1)[-1] in (
        "length", "start", "end")]
    verdict = judge(c.claimed, float(length), c.qualifier, 0, "sessions")
    if verdict == "confirmed":
        return CheckedClaim(c, "confirmed", float(length), what + ".", keep, start, end)
    return CheckedClaim(c, "contradicted", float(length),
                        f"The data show {length} sessions, {start} to {end}, not "
                        f"{c.claimed:.0f} ({who} each session by daily "
                        f"{'return' if c.other else 'close'}).", keep, start, end)


def check_streak_rarity(v: Verifying, c: Claim) -> CheckedClaim:
    start, end, length, facts = _target_run(v, c)
    by_key = {f.id.split("@")[0].rsplit(".", 1)[-1]: f for f in facts}
    since = by_key.get("longest_since")
    since_len = by_key.get("longest_since_length")
    keep = [f for f in (by_key.get("length"), since, since_len, by_key.get("rank"))
            if f is not None]
    first_day = min(f.inputs[0].first for f in facts)
    run = f"the {length}-session run {start} to {end}"
    if since is None:
        if c.unit == "year" and c.claimed < first_day.year:
            return CheckedClaim(c, "unverifiable", None,
                                f"Not checkable: {run} is the longest since the data "
                                f"begin ({first_day}), later than {c.claimed:.0f}.", keep,
                                start, end)
        return CheckedClaim(c, "contradicted", float(first_day.year),
                            f"No earlier run was as long: {run} is the longest since the "
                            f"data begin ({first_day}).", keep, start, end)
    assert isinstance(since.value, dt.date)
    prev = f"{since_len.value if since_len else '?'} sessions ending {since.value}"
    if c.unit == "year":
        computed = float(since.value.year)
        ok = computed == c.claimed and (c.rarity_month is None
                                        or c.rarity_month == since.value.month)
        text = (f"The last run at least as long as {run} was {prev}.")
        return CheckedClaim(c, "confirmed" if ok else "contradicted", computed, text, keep,
                            start, end)
    years = (end - since.value).days / 365.25
    ok = years + 0.5 >= c.claimed if c.qualifier != "more_than" else years > c.claimed
    return CheckedClaim(c, "confirmed" if ok else "contradicted", round(years, 1),
                        f"The last run at least as long as {run} was {prev}, "
                        f"{years:.1f} years earlier.", keep, start, end)


# ---- how rare a period's return is
def rated_end(v: Verifying, c: Claim, frequency: str) -> dt.date:
    """Return the last session of the period a return rarity rates.

    Its own period when the text gives one, else the latest complete one on
    or before the reference session (the reference session itself for a day).
    """
    if c.period is not None:
        return v.end_of(c)
    r = v.reference
    if frequency == "session":
        return r
    if frequency == "week":
        return v.complete_week(r)
    if frequency == "month":
        key = f"month-{r.year}-{r.month:02d}"
    elif frequency == "quarter":
        key = f"quarter-{r.year}-q{(r.month - 1) // 3 + 1}"
    elif frequency == "half":
        key = f"half-{r.year}-h{1 if r.month <= 6 else 2}"
    else:
        key = f"year-{r.year}"
    bounds = calendar_bounds(key)
    assert bounds is not None
    if v.session_on_or_before(bounds[1]) == r:
        return r
    return v.session_before(bounds[0])


def check_change_rarity(v: Verifying, c: Claim) -> CheckedClaim:
    out = _rate(v, c)
    if out.verdict == "contradicted" and c.rarity_frequency == "half" and \
            c.rarity_half_of_year is None:
        # "its best half since 1991" of a first half: often against first halves only
        h = 1 if rated_end(v, c, "half").month <= 6 else 2
        alt = _rate(v, replace(c, rarity_half_of_year=h))
        if alt.verdict == "confirmed":
            return replace(alt, claim=c, verdict="approximate",
                           explanation=f"Compared with {'first' if h == 1 else 'second'} "
                                       f"halves only: {alt.explanation}")
    return out


def _rate(v: Verifying, c: Claim) -> CheckedClaim:
    assert c.subject is not None
    assert c.rarity_frequency is not None
    start_of_year = c.rarity_frequency == "year_start"
    frequency: Frequency = "session" if start_of_year else \
        c.rarity_frequency  # type: ignore[assignment]
    end = rated_end(v, c, frequency)
    fld = "adj_close" if c.total_return else v.price_field(c.subject, end)
    facts = year_start_rarity(v.pit(end), c.subject, fld, c.streak_side) if start_of_year \
        else period_rarity(v.pit(end), c.subject, frequency, fld, c.streak_side,
                           c.rarity_month_of_year, c.rarity_half_of_year)
    by_key = {f.id.split("@")[0].rsplit(".", 1)[-1]: f for f in facts}
    value, rank, count = by_key["value"], by_key["rank"], by_key["history_count"]
    assert isinstance(value.value, float)
    start, last = value.inputs[0].first, value.inputs[0].last
    what = ("start to the year" if start_of_year else
            dt.date(2000, c.rarity_month_of_year, 1).strftime("%B")
            if c.rarity_month_of_year else
            f"{'first' if c.rarity_half_of_year == 1 else 'second'} half"
            if c.rarity_half_of_year else frequency)
    move = {1: "gain", -1: "loss", 0: "move"}[c.streak_side]
    rated = (f"{c.subject}'s {move} of {value.value:+.2f}% over the {what} from the "
             f"{start} close to {last} (rank {rank.value} of {count.value} since the data "
             "begin)")
    wrong_way = ""
    if c.streak_side and value.value * c.streak_side < 0:
        actual = "gain" if value.value > 0 else "loss"
        wrong_way = (f"That {what} was a {actual} ({value.value:+.2f}%), not a {move}. ")
    since = by_key.get("since")
    if since is None:
        first_year = facts[1].inputs[0].first.year
        if c.unit == "year" and c.claimed < first_year:
            return CheckedClaim(c, "unverifiable", None,
                                f"Not checkable: {rated} is the largest since the data "
                                f"begin ({facts[1].inputs[0].first}), later than "
                                f"{c.claimed:.0f}.", facts, start, last)
        return CheckedClaim(c, "contradicted", float(first_year),
                            f"No earlier {what} had a {move} as large: {rated}, the "
                            "largest since the data begin.", facts, start, last)
    assert isinstance(since.value, dt.date)
    prev = (f"the {what} ending {since.value} "
            f"({by_key['since_value'].value:+.2f}%)")
    if c.unit == "year":
        computed = float(since.value.year)
        ok = computed == c.claimed and (c.rarity_month is None
                                        or c.rarity_month == since.value.month)
        ok = ok and not wrong_way
        return CheckedClaim(c, "confirmed" if ok else "contradicted", computed,
                            f"{wrong_way}The last {what} with a {move} at least as large as "
                            f"{rated} was {prev}.", facts, start, last)
    # "in five years", "in over a year", "in three weeks": the time since that one
    per = {"years": 365.25, "months": 365.25 / 12, "weeks": 7.0}[c.unit]
    gap = (last - since.value).days / per
    ok = gap + 0.5 >= c.claimed if c.qualifier != "more_than" else gap > c.claimed
    ok = ok and not wrong_way
    verdict: Verdict = "confirmed" if ok else "contradicted"
    said = f"{wrong_way}The last {what} with a {move} at least as large as {rated} was " \
        f"{prev}, {gap:.1f} {c.unit} earlier."
    if ok and c.unit != "years" and gap >= 2 * c.claimed + 1:
        # "the worst day in three weeks" of the worst in seven: true, but it understates
        verdict, said = "approximate", said + " The text understates how rare it was."
    return CheckedClaim(c, verdict, round(gap, 1), said, facts, start, last)


# ---- a record, or the highest (lowest) close of a window or since a time
def check_extreme(v: Verifying, c: Claim) -> CheckedClaim:
    assert c.subject is not None
    assert c.extreme is not None
    if c.period is not None and c.period.window != "1d":
        return _record_within(v, c)
    e = c.extreme
    end = v.end_of(c)
    fld = v.price_field(c.subject, end)
    if fld == "close" and v.kind_of(c.subject) == "etf":
        first = v.pit(end).series(c.subject, "close").date(0)
        if e.reach != "within" or (e.start is not None and first > e.start):
            fld = "adj_close"  # price-only closes too short for this reach
    fact = last_as_extreme(v.pit(end), c.subject, e.side, fld)
    if v.pit(end).series(c.subject, fld).date(-1) != end:
        raise Unverifiable(f"{c.subject} has no {fld} on {end}")
    verdict, why = _reach(v, c, fact)
    if verdict == "confirmed" and e.reach == "record" and e.gap_years is not None:
        s = v.pit(end).series(c.subject, fld)
        gap_ok, gap_why = _gap_since_record(s, len(s.values) - 1, e.gap_years)
        verdict = "contradicted" if gap_ok is False else verdict
        why = f"{why.rstrip('.')}; {gap_why}."
    if c.stand_in:
        if verdict == "contradicted":
            raise Unverifiable(f"{c.subject_text}: {why} A fund's record is not the "
                                "index's")
        if verdict == "confirmed":
            return CheckedClaim(c, "approximate", None, f"{why} Measured on {c.subject}, "
                                f"which stands in for {c.subject_text}.", [fact], end, end)
    if verdict == "contradicted":
        # "a record high" often means the intraday high
        try:
            alt = last_as_extreme(v.pit(end), c.subject, e.side, e.side)
        except RotoscopeError:
            alt = None
        if alt is not None and _reach(v, c, alt)[0] == "confirmed":
            return CheckedClaim(c, "approximate", None,
                                f"Matches the session's intraday {e.side}, not the "
                                f"{fld}: {why}", [fact, alt], end, end)
    return CheckedClaim(c, verdict, None, why, [fact], end, end)


def _record_within(v: Verifying, c: Claim) -> CheckedClaim:
    """Judge "a record in September": did any session of the period close at a record."""
    assert c.subject is not None
    assert c.period is not None
    assert c.extreme is not None
    end = v.end_of(c)
    fld = v.price_field(c.subject, end)
    if fld == "close" and v.kind_of(c.subject) == "etf":
        fld = "adj_close"  # a fund's record is read on its whole history
    base = window_return(v.pit(end), c.subject, c.period.window, fld).inputs[0].first
    series = v.pit(end).series(c.subject, fld)
    first = series.index_on_or_before(base) + 1
    if first >= len(series.values):
        raise Unverifiable(f"{c.subject} has no {fld} in {c.period.phrase}")
    start = series.date(first)
    # the highest close before each session, from the data's start (only earlier rows)
    before = np.maximum.accumulate(series.values)[first - 1:-1] if first > 0 else None
    for k in range(first, len(series.values)):
        if before is None or series.values[k] > before[k - first]:
            d = series.date(k)
            fact = last_as_extreme(v.pit(d), c.subject, "high", fld)
            verdict: Verdict = "approximate" if c.stand_in else "confirmed"
            proxy = (f"; measured on {c.subject}, which stands in for {c.subject_text}"
                     if c.stand_in else "")
            why = (f"{c.subject} {fld} on {d}: {series.values[k]:,.2f}, the highest in all "
                   f"the data since {fact.inputs[0].first} ({c.period.phrase}){proxy}")
            gap_ok, gap_why = _gap_since_record(series, k, c.extreme.gap_years)
            if gap_ok is False:
                return CheckedClaim(c, "contradicted", None, f"{why}; {gap_why}.", [fact],
                                    start, d)
            return CheckedClaim(c, verdict, None, f"{why}{gap_why and '; ' + gap_why}.",
                                [fact], start, d)
    if c.stand_in:
        raise Unverifiable(f"no {c.subject} close from {start} to {end} was a record; a "
                           "fund's record is not the index's")
    k = first + int(np.argmax(series.values[first:]))
    return CheckedClaim(c, "contradicted", None,
                        f"no {c.subject} {fld} from {start} to {end} was a record: the "
                        f"highest, {series.values[k]:,.2f} on {series.date(k)}, was below "
                        "an earlier close.", [], start, end)


def _gap_since_record(series: SeriesData, k: int,
                      years: int | None) -> tuple[bool | None, str]:
    """Check "its first record in four years": the record before row ``k`` and its age."""
    if years is None or k == 0:
        return None, ""
    j = int(np.argmax(series.values[:k]))
    prev, d = series.date(j), series.date(k)
    age = (d - prev).days / 365.25
    said = f"the record before it was on {prev} ({series.values[j]:,.2f}), {age:.1f} years earlier"
    return abs(age - years) <= 1.0, said


def _reach(v: Verifying, c: Claim, fact: Fact) -> tuple[Verdict, str]:
    assert c.extreme is not None
    e = c.extreme
    word = "highest" if e.side == "high" else "lowest"
    latest = float(fact.params["latest"])
    kind = fact.params["field"]
    head = f"{c.subject} {kind} on {fact.params['latest_date']}: {latest:,.2f}"
    if fact.value == "none":
        if e.reach == "since":
            return "approximate", (f"{head}, the {word} in all the data since "
                                   f"{fact.inputs[0].first}: further back than the text "
                                   "says.")
        return "confirmed", f"{head}, the {word} in all the data since " \
                            f"{fact.inputs[0].first}."
    last = fact.value
    assert isinstance(last, dt.date)
    other = float(fact.params.get("that_value", latest))
    seen = (f"{head}; the last {kind} at least as {'high' if e.side == 'high' else 'low'} "
            f"was on {last} ({other:,.2f})")
    if e.reach == "record":
        return "contradicted", f"{seen}, so it is not a record."
    assert e.start is not None
    if e.reach == "within":
        if last < e.start:
            return "confirmed", f"{seen}, before {e.start}: the {word} since then."
        return "contradicted", f"{seen}, after {e.start}."
    assert e.until is not None
    if e.start <= last <= e.until:
        return "confirmed", f"{seen}: the {word} since then."
    if last < e.start:
        return "approximate", (f"{seen}: the {word} since then, further back than the "
                               "text says.")
    return "contradicted", f"{seen}, after {e.until}."


# ---- how many of the eleven sectors rose (fell)
def check_sector_count(v: Verifying, c: Claim) -> CheckedClaim:
    end = v.end_of(c)
    window = c.period.window if c.period else "1d"
    by_symbol, facts, start = group_moves(v, v.universe.sectors, end, window)
    moves = list(by_symbol.items())
    n = sum(1 for _, v in moves if v * c.streak_side > 0)
    way = "rose" if c.streak_side > 0 else "fell"
    listed = ", ".join(f"{s} {v:+.2f}%" for s, v in sorted(moves, key=lambda x: -x[1]))
    verdict: Verdict = "approximate" if n == c.claimed else "contradicted"
    return CheckedClaim(c, verdict, float(n),
                        f"{n} of the {len(moves)} sector SPDRs {way}, {start} to {end} "
                        f"({listed}); measured on the SPDRs, which stand in for the "
                        "sector indices.", facts, start, end)


# ---- up (down) periods in a row, or out of the last N
def check_run(v: Verifying, c: Claim) -> CheckedClaim:
    assert c.subject is not None
    assert c.run is not None
    r = c.run
    end = v.end_of(c)
    fld = v.price_field(c.subject, end)
    facts = period_run(v.pit(end), c.subject, r.frequency, fld, r.out_of)
    if v.pit(end).series(c.subject, fld).date(-1) != end:
        raise Unverifiable(f"{c.subject} has no {fld} on {end}")
    got = {f.id.split("@")[0].rsplit(".", 1)[-1]: f for f in facts}
    side = int(got["side"].value)  # type: ignore[arg-type]
    length = int(got["length"].value)  # type: ignore[arg-type]
    previous = int(got["previous_length"].value)  # type: ignore[arg-type]
    word = {"session": "sessions", "week": "weeks", "month": "months"}[r.frequency]

    def count(n: int) -> str:
        return f"{n} {r.frequency if n == 1 else word}"

    way = "up" if c.streak_side > 0 else "down"
    head = f"{c.subject} {fld}s to {end}"
    if r.out_of is not None:
        key = "up_of_last" if c.streak_side > 0 else "down_of_last"
        n = int(got[key].value)  # type: ignore[arg-type]
        verdict: Verdict = "confirmed" if n == r.length else "contradicted"
        return CheckedClaim(c, verdict, float(n),
                            f"{head}: {n} of the last {r.out_of} {word} closed {way}.",
                            facts, None, end)
    moved = "up" if side > 0 else "down" if side < 0 else "unchanged"
    now = f"the latest {r.frequency} closed {moved}"
    if r.snapped:
        ok = side == -c.streak_side and (previous >= r.length if r.at_least
                                          else previous == r.length)
        why = (f"{head}: {now}, after {count(previous)} {way}" if side == -c.streak_side
               else f"{head}: {now}; the run of {count(length)} has not ended")
        return CheckedClaim(c, "confirmed" if ok else "contradicted", float(previous),
                            why + ".", facts, None, end)
    if side != c.streak_side:
        return CheckedClaim(c, "contradicted", 0.0, f"{head}: {now}, so there is no run "
                            f"of {way} {word}.", facts, None, end)
    if r.extended:
        verdict = "confirmed" if length >= 2 else "contradicted"
        return CheckedClaim(c, verdict, float(length),
                            f"{head}: {count(length)} {way} in a row (from "
                            f"{got['length'].params['start']})"
                            + ("" if length >= 2 else ", so no run was extended") + ".",
                            facts, None, end)
    verdict = "confirmed" if length == r.length else "contradicted"
    return CheckedClaim(c, verdict, float(length),
                        f"{head}: {count(length)} {way} in a row (from "
                        f"{got['length'].params['start']}).", facts, None, end)


# ---- a level crossed for the first time
def check_milestone(v: Verifying, c: Claim) -> CheckedClaim:
    assert c.subject is not None
    end = v.end_of(c)
    fld = v.price_field(c.subject, end)
    series = v.pit(end).series(c.subject, fld)
    if series.date(-1) != end:
        raise Unverifiable(f"{c.subject} has no {fld} on {end}")
    above = c.crossing != "below"
    level = c.claimed
    close = float(series.values[-1])
    earlier = series.values[:-1] >= level if above else series.values[:-1] <= level
    way = "above" if above else "below"
    fact = value_on(v.pit(end), c.subject, fld, end)
    head = f"{c.subject} {fld} on {end}: {close:,.2f}"
    if (close < level) if above else (close > level):
        if not c.first_time:
            # "cleared 2,787" may be the session's high (low), not its close
            try:
                extreme = value_on(v.pit(end), c.subject, "high" if above else "low", end)
            except RotoscopeError:
                extreme = None
            if extreme is not None and isinstance(extreme.value, float) and (
                    extreme.value >= level if above else extreme.value <= level):
                return CheckedClaim(c, "approximate", close,
                                    f"{head}, {way} {level:,.2f} only intraday (the "
                                    f"session's {'high' if above else 'low'} "
                                    f"{extreme.value:,.2f}).", [fact, extreme], end, end)
        return CheckedClaim(c, "contradicted", close, f"{head}, not {way} {level:,.0f}.",
                            [fact], end, end)
    if not c.first_time:
        return CheckedClaim(c, "confirmed", close, f"{head}, {way} {level:,.2f}.", [fact],
                            end, end)
    if earlier.any():
        first = series.date(int(earlier.argmax()))
        return CheckedClaim(c, "contradicted", close,
                            f"{head}; it first closed {way} {level:,.0f} on {first}, so this "
                            "was not the first time.", [fact], end, end)
    return CheckedClaim(c, "confirmed", close,
                        f"{head}, its first close {way} {level:,.0f} since the data begin "
                        f"({series.date(0)}).", [fact], end, end)
