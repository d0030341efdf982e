"""Writers for levels: extreme closes, the record, moving-average crosses, yields, the curve.

Each writer takes the engine (as :class:`~._asking.Asking`), the query and the as-of date,
computes its facts with :mod:`rotoscope.analytics.levels` (and the record and
rolling-share analytics), and returns the paragraphs and table rows; the
number asked for leads the answer.
"""

from __future__ import annotations

import datetime as dt

from rotoscope.analytics import MAX_STALE_DAYS, history, levels, technicals
from rotoscope.analytics.macro import yield_curve
from rotoscope.analytics.returns import value_on
from rotoscope.analytics.windows import calendar_bounds
from rotoscope.ask._asking import Asking
from rotoscope.ask._common import Built, Declined, fv, period_words
from rotoscope.ask._query import Query
from rotoscope.exceptions import RotoscopeError
from rotoscope.prose import Num, Piece, Term, long_date, para

__all__ = ["w_cross", "w_curve", "w_extreme", "w_record", "w_rolling_share", "w_yield_change"]


def _need_window(q: Query, what: str) -> str:
    if q.window is None:
        raise Declined(f"it asks for {what} but names no period it can read; try “this year”, "
                       "“in 2025”, “in the first half of 2026” or “since March 2026”")
    return q.window


def w_extreme(a: Asking, q: Query, day: dt.date) -> Built:
    """Write the highest or lowest close of a series in a period."""
    s = q.subjects[0]
    side = q.extreme or "high"
    window = _need_window(q, f"the {side}est close")
    day = a.period_day(q, day)
    facts, fld, day, notes = a.with_basis(
        (s,), day, lambda f, d: levels.extreme_close(a.pit(d), s, window, side, f))
    ctx = a.ctx(day)
    value, on = facts
    word = "highest" if side == "high" else "lowest"
    what = "" if fld == "close" else " total-return"
    words = period_words(window, None, value.inputs[0].first)
    paras = [para(ctx.cap(str(words[0])), *words[1:], ", the ", word, what, " close of ",
                  a.nm(ctx, s), " was ", ctx.price(value, s), ", on ", ctx.date(on), ".")]
    return Built(paras, [value, on], f"{word}_close", (s,), window,
                 value.inputs[0].first, value.inputs[0].last, day, notes + list(value.notes))


def w_record(a: Asking, q: Query, day: dt.date) -> Built:
    """How far a series closes below its record close, and whether that is a correction."""
    s = q.subjects[0]
    fld, day, notes = a.basis((s,), day)
    when = a.point(q, day)
    hi, hi_date, dd = technicals.record_high(a.pit(when), s, fld)
    ctx = a.ctx(when)
    name = a.nm(ctx, s, cap=True)
    last = dd.inputs[0].last
    if fv(dd) == 0:
        paras = [para(name, " closed at a record on ", Term(long_date(last)), ": its close of ",
                      ctx.price(hi, s), " is the highest since its data begin.")]
        return Built(paras, [hi, hi_date, dd], "record", (s,), None, None, last, when, notes)
    if q.extreme == "high":
        paras = [para("Since its data begin, the highest close of ", a.nm(ctx, s), " was ",
                      ctx.price(hi, s), ", on ", ctx.date(hi_date), ". ", name, " closed ",
                      ctx.mag(dd), " below its record close on ", Term(long_date(last)), ".")]
        return Built(paras, [hi, hi_date, dd], "record_close", (s,), None, None, last, when,
                     notes)
    depth = -fv(dd)
    if depth >= 20:
        zone: tuple[Piece, ...] = (" That is bear-market territory (", Term("20%"),
                                   " or more below the record).")
    elif depth >= 10:
        zone = (" That is correction territory (", Term("10%"), " to ", Term("20%"),
                " below the record).")
    else:
        zone = (" That is not correction territory, which starts ", Term("10%"),
                " below the record.")
    paras = [para(name, " closed ", ctx.mag(dd), " below its record close on ",
                  Term(long_date(last)), ". The record, ", ctx.price(hi, s), ", was set on ",
                  ctx.date(hi_date), ".", *zone)]
    return Built(paras, [dd, hi, hi_date], "record_distance", (s,), None, None, last, when,
                 notes)


def w_cross(a: Asking, q: Query, day: dt.date) -> Built:
    """Write the date a close last crossed its moving average, and where it stands now."""
    s = q.subjects[0]
    n = q.ma_sessions or 200
    fld, day, notes = a.basis((s,), day)
    when = a.point(q, day)
    pit = a.pit(when)
    tech = {f.id.split("@")[0].rsplit(".", 1)[-1]: f
            for f in technicals.technicals(pit, s, field=fld)}
    dist = tech.get(f"distance_sma{n}")
    direction = q.direction or ("below" if dist is not None and fv(dist) < 0 else "above")
    cross = levels.sma_cross(pit, s, n, direction, fld)
    ctx = a.ctx(when)
    other = "at or above" if direction == "below" else "below"
    parts: list[Piece | None] = [
        a.nm(ctx, s, cap=True), f" last crossed {direction} its ", Term(f"{n}-day"),
        " moving average on ", ctx.date(cross), ", after closing ", other,
        " it the session before."]
    rows = [cross]
    if dist is not None:
        now = "above" if fv(dist) > 0 else "below"
        if fv(dist) != 0:
            parts += [" On ", Term(long_date(dist.inputs[0].last)), " it sat ",
                      ctx.mag(dist), f" {now} its ", Term(f"{n}-day"), " moving average."]
            rows.append(dist)
    return Built([para(*parts)], rows, f"cross_{direction}", (s,), None, None, when, when,
                 notes)


def _yield_day(a: Asking, symbols: tuple[str, ...], fld: str, day: dt.date,
               notes: list[str], window: str | None = None) -> dt.date:
    lasts = []
    for s in symbols:
        series = a.pit(day).series(s, fld)
        lasts.append(series.date(-1))
    last = min(lasts)
    if (day - last).days > MAX_STALE_DAYS:
        bounds = calendar_bounds(window) if window else None
        if window in ("1d", "wtd", "mtd", "5d") or (bounds is not None and bounds[0] > last):
            # moving the answer back would answer about another day, week or month
            raise Declined(f"the data of {', '.join(symbols)} end on {long_date(last)}, "
                           f"before the period asked about")
        notes.append(f"The data of {', '.join(symbols)} end on {last}, before {day}; the "
                     f"answer is about {last}.")
        return last
    return day


def _field(a: Asking, s: str) -> str:
    return "value" if a.store.symbols().get(s) == "macro" else "close"


def w_yield_change(a: Asking, q: Query, day: dt.date) -> Built:
    """Write a yield's change over a period in basis points (or percentage points)."""
    s = q.subjects[0]
    window = _need_window(q, "a change in a yield")
    fld = _field(a, s)
    notes: list[str] = []
    day = _yield_day(a, (s,), fld, a.period_day(q, day), notes, window)
    pit = a.pit(day)
    change = levels.yield_change(pit, s, window, fld, "pp" if q.points == "pp" else "bp")
    ctx = a.ctx(day)
    first, last = change.inputs[0].first, change.inputs[0].last
    v0, v1 = (value_on(pit, s, fld, d) for d in (first, last))
    unit = "basis points" if q.points == "bp" else "percentage points"
    if q.points == "bp" and round(abs(fv(change))) == 1:
        unit = "basis point"
    elif q.points != "bp" and round(abs(fv(change)), 2) == 1:
        unit = "percentage point"
    shown = f"{abs(fv(change)):.0f}" if q.points == "bp" else f"{abs(fv(change)):.2f}"
    verb = "rose" if fv(change) > 0 else "fell"
    head: list[Piece | None] = (
        [a.nm(ctx, s, cap=True), f" {verb} ", Num(change, shown), f" {unit} "]
        if round(fv(change), 0 if q.points == "bp" else 2) != 0 else
        [a.nm(ctx, s, cap=True), " ended where it began "])
    paras = [para(*head, *period_words(window, last if window in ("1d", "wtd") else None),
                  ", from ", Num(v0, f"{fv(v0):.2f}%"), " on ",
                  Term(long_date(first)), " to ", Num(v1, f"{fv(v1):.2f}%"), " on ",
                  Term(long_date(last)), ".")]
    return Built(paras, [change, v0, v1], "yield_change", (s,), window, first, last, day,
                 notes + list(change.notes))


def w_curve(a: Asking, q: Query, day: dt.date) -> Built:
    """Write the 2s10s slope, and its change over a period when one is asked."""
    notes: list[str] = []
    day = _yield_day(a, ("DGS10", "DGS2"), "value", a.period_day(q, day), notes, q.window)
    pit = a.pit(day)
    slope = yield_curve(pit)[0]
    on = slope.inputs[0].last
    ten, two = value_on(pit, "DGS10", "value", on), value_on(pit, "DGS2", "value", on)
    level: list[Piece | None] = [
        Term("2s10s"), " curve (the ", Term("10-year"), " Treasury yield minus the ",
        Term("2-year"), ") stood at ", Num(slope, f"{fv(slope):+.2f}"),
        " percentage points on ", Term(long_date(on)), ", with the ", Term("10-year"), " at ",
        Num(ten, f"{fv(ten):.2f}%"), " and the ", Term("2-year"), " at ",
        Num(two, f"{fv(two):.2f}%"), "."]
    rows = [slope, ten, two]
    if q.window is None:
        return Built([para("The ", *level)], rows, "curve", ("DGS10", "DGS2"), None, on, on, day,
                     notes)
    change = levels.curve_change(pit, q.window)[0]
    verb = "steepened" if fv(change) > 0 else "flattened"
    lead: list[Piece | None] = (
        ["The ", Term("2s10s"), " curve ", verb, " by ", Num(change, f"{abs(fv(change)):.0f}"),
         " basis point " if round(abs(fv(change))) == 1 else " basis points "]
        if round(fv(change)) != 0 else
        ["The ", Term("2s10s"), " curve ended where it began "])
    paras = [para(*lead, *period_words(q.window), ", measured from ",
                  Term(long_date(change.inputs[0].first)), ". The ", *level)]
    return Built(paras, [change, *rows], "curve_change", ("DGS10", "DGS2"), q.window,
                 change.inputs[0].first, on, day, notes + list(change.notes))


def w_rolling_share(a: Asking, q: Query, day: dt.date) -> Built:
    """Write the Fama/French share of rolling ten-year windows won by small (or value)."""
    factor = q.factor or "SMB"
    try:
        share, current = history.rolling_share(a.pit(day), factor)
    except (RotoscopeError, ValueError) as exc:
        raise Declined(f"the Fama/French data cannot answer it: {exc}") from exc
    ctx = a.ctx(day)
    win, lose = history.FACTOR_NAMES[factor]
    start = share.inputs[0].first
    last = share.inputs[0].last
    paras = [para(
        ctx.cap(win), " stocks beat ", lose, " stocks in ", Num(share, f"{fv(share):.0f}%"),
        " of the rolling ", Term("10-year"), " windows of the Fama/French daily data from ",
        Term(long_date(start)), " to ", Term(long_date(last)), " (", factor,
        " compounded above zero). Over the latest ten years ",
        factor, " compounded ", ctx.num(current), ".")]
    notes = [f"A window is {history.ROLLING_ROWS:,} consecutive daily rows of the "
             "Fama/French three-factor file."]
    return Built(paras, [share, current], "rolling_share", (factor,), None, start, last, day,
                 notes)
