"""Writers for sectors, moving averages, relative strength, the regime and breadth.

Each writer takes the engine (as :class:`~._asking.Asking`), the query and the as-of date
and returns the paragraphs and table rows of its answer; every number is a
fact.
"""

from __future__ import annotations

import datetime as dt

from rotoscope.analytics import MAX_STALE_DAYS, breadth, regime, relative, sectors, technicals
from rotoscope.analytics.returns import spread
from rotoscope.ask._asking import Asking
from rotoscope.ask._common import (
    _WORD,
    Declined,
    _Built,
    _end,
    _fact_notes,
    _fv,
    _period_words,
    _start,
    _try,
    _try_list,
)
from rotoscope.ask._query import Query
from rotoscope.facts import ordinal
from rotoscope.prose import Num, Paragraph, Piece, Term, long_date, para

__all__ = ["w_breadth", "w_regime", "w_relative_trend", "w_sectors", "w_technical"]


def w_sectors(ak: Asking, q: Query, day: dt.date) -> _Built:
    if q.window is None and q.date is None:
        # "Which sectors are leading?": over which period is the reader's to say, not ours
        raise Declined("the question names no period for the sectors' ranking; ask over "
                       "the past 30 sessions, this week or year to date, for example")
    day = ak.period_day(q, day)
    window = q.window or "30d"
    members = ak.universe.sectors
    facts, fld, day, notes = ak.with_basis(
        members, day, lambda f, d: sectors.sector_window(ak.pit(d), ak.universe,
                                                         window, f))
    ctx = ak.ctx(day)
    by_id = {f.id: f for f in facts}
    returns = [f for f in facts if f.kind == "return"]
    order = [f.subjects[0] for f in returns]
    rets = {f.subjects[0]: f for f in returns}
    ranks = {f.subjects[0]: f for f in facts if f.kind == "sector.rank"}
    leader = next(f for f in facts if ".leader." in f.id)
    laggard = next(f for f in facts if ".laggard." in f.id)
    spread_f = next(f for f in facts if ".dispersion_range." in f.id)
    asked = [s for s in q.subjects if s in members]
    paras: list[Paragraph] = []
    tr = "a total return of " if fld == "adj_close" else ""
    if asked:
        for s in asked:
            paras.append(para(
                ak.nm(ctx, s, cap=True), " ranked ",
                Num(ranks[s], ordinal(int(_fv(ranks[s])))),
                " of the ", Term(str(len(order))), " sectors ",
                *_period_words(window), " with ", tr, ctx.num(rets[s]), "."))
    top = order[:3]
    bottom = order[-3:][::-1]
    kind = "a total return" if fld == "adj_close" else "a price change"
    tail = "."
    tr = "a total return of " if fld == "adj_close" else ""
    if q.side in ("leaders", "both"):
        parts: list[Piece | None] = [
            ak.nm(ctx, top[0], cap=True), " led the sectors ", *_period_words(window),
            " with ", kind, " of ", ctx.num(rets[top[0]]), "."]
        parts += [" Next came ", ak.nm(ctx, top[1]), " with ", tr, ctx.num(rets[top[1]]),
                  " and ", ak.nm(ctx, top[2]), " with ", tr, ctx.num(rets[top[2]]), tail]
        paras.append(para(*parts))
    if q.side in ("laggards", "both"):
        words = _period_words(window)
        parts = [ctx.cap(str(words[0])), *words[1:], ", ", ak.nm(ctx, bottom[0]),
                 " brought up the rear with ", tr, ctx.num(rets[bottom[0]]), tail,
                 " Just above it came ", ak.nm(ctx, bottom[1]), " with ", tr,
                 ctx.num(rets[bottom[1]]),
                 " and ", ak.nm(ctx, bottom[2]), " with ", tr, ctx.num(rets[bottom[2]]), tail]
        paras.append(para(*parts))
    first = rets[order[0]]
    rows = [rets[s] for s in order] + [ranks[s] for s in asked] + [
        by_id[leader.id], by_id[laggard.id], spread_f]
    rows += [f for f in facts if ".cyclical_minus_defensive." in f.id]
    return _Built(paras, rows, "sector_ranking", tuple(order), window, _start(first),
                  _end(first), day, notes + _fact_notes(first))


def w_technical(ak: Asking, q: Query, day: dt.date) -> _Built:
    s = q.subjects[0]
    fld, day, notes = ak.basis((s,), day)
    when = ak.point(q, day)
    facts = technicals.technicals(ak.pit(when), s, field=fld)
    ctx = ak.ctx(when)
    by = {f.id.split("@")[0].split(f"{facts[0].subjects[0]}.", 1)[-1]: f for f in facts}
    close = by["close"]
    ns = (q.ma_sessions,) if q.ma_sessions else (50, 200)
    name = ak.nm(ctx, s, cap=True)
    parts: list[Piece | None] = [name, " closed at ", ctx.price(close, s), " on ",
                                 Term(long_date(_end(close))), ", "]
    for i, n in enumerate(ns):
        dist = by.get(f"distance_sma{n}")
        sma = by.get(f"sma{n}")
        if dist is None or sma is None:
            continue
        if i:
            parts.append(" and ")
        parts += [ctx.mag(dist), " above" if _fv(dist) > 0 else " below", " its ",
                  Term(f"{n}-day"), " moving average of ", ctx.price(sma, s)]
    parts.append(".")
    cross = by.get("last_cross_50_200")
    hi, dd = by.get("high_52w"), by.get("drawdown_52w")
    high: list[Piece | None] = []
    if hi is not None and dd is not None:
        if _fv(dd) < 0:
            high += [name if q.focus == "52w" else "It", " sits ", ctx.mag(dd),
                     " below its ", Term("52-week"), " high close of ", ctx.price(hi, s),
                     "."]
        else:
            high += [name if q.focus == "52w" else "It", " closed at its ",
                     Term("52-week"), " high."]
    crossed: list[Piece | None] = []
    if cross is not None and isinstance(cross.value, dt.date):
        kind = cross.params.get("type", "golden")
        crossed += ["The last ", str(kind), " cross of the ", Term("50-day"), " and ",
                    Term("200-day"), " averages of ", ak.nm(ctx, s)
                    if q.focus == "cross" else "it", " came on ", ctx.date(cross), "."]
    # the part asked about leads; the rest only when nothing in particular was asked
    if q.focus == "52w" and high:
        paras = [para(*high)]
    elif q.focus == "cross" and crossed:
        paras = [para(*crossed), para(*parts)]
    elif q.ma_sessions is not None:
        paras = [para(*parts)]
    else:
        paras = [para(*parts)]
        more = high + ([" "] if high and crossed else []) + crossed
        if more:
            paras.append(para(*more))
    rows = [f for f in facts if f.unit != "label" and ".week_" not in f.id]
    return _Built(paras, rows, "moving_average", (s,), None, None, when, when,
                  notes + _fact_notes(close))


def w_relative_trend(ak: Asking, q: Query, day: dt.date) -> _Built:
    a, b = q.subjects[0], q.subjects[1]
    _, day, notes = ak.basis((a, b), day, ("adj_close",))
    when = ak.point(q, day)
    ctx = ak.ctx(when)
    facts = relative.relative_strength(ak.pit(when), a, b)
    by = {f.id.split("@")[0].rsplit(".", 1)[-1]: f for f in facts}
    dist = by["distance_sma50"]
    up = _fv(dist) > 0
    na, nb = ak.nm(ctx, a), ak.nm(ctx, b)
    parts: list[Piece | None] = [
        "The relative-strength ratio of ", na, " to ", nb, " (total-return closes) sits ",
        ctx.mag(dist), " above" if up else " below", " its own ", Term("50"),
        "-session average, so the relative trend favours ", na if up else nb, "."]
    hi63, lo63 = by["sessions_since_high_63"], by["sessions_since_low_63"]
    if _fv(hi63) == 0:
        parts.append(" The ratio set a fresh three-month high in the latest session.")
    elif _fv(lo63) == 0:
        parts.append(" The ratio set a fresh three-month low in the latest session.")
    else:
        parts += [" Its last three-month high came ", ctx.count(hi63), " sessions ago and "
                  "its last three-month low ", ctx.count(lo63), " sessions ago."]
    paras = [para(*parts)]
    rows = list(facts)
    for w in ("30d", "ytd"):
        extra = _try(lambda w=w: spread(ak.pit(when), a, b, w, "adj_close")[0])  # type: ignore[misc]
        if extra is not None:
            rows.append(extra)
    return _Built(paras, rows, "relative_strength", (a, b), None, None, when, when, notes)


def w_regime(ak: Asking, q: Query, day: dt.date) -> _Built:
    members = tuple(dict.fromkeys(
        s for p in ak.universe.pairs if p.id in {d.pair for d in
                                                     ak.universe.regime.dimensions.values()}
        for s in (p.a, p.b))) + ak.universe.sectors
    _, day, notes = ak.basis(members, day, ("adj_close",))
    when = ak.point(q, day)
    pit = ak.pit(when)
    b = _try_list(lambda: breadth.breadth_facts(pit))
    pct = next((float(_fv(f)) for f in b if f.id.split("@")[0].endswith("pct_above_sma200")),
               None)
    facts = regime.regime_facts(pit, ak.universe, pct)
    ctx = ak.ctx(when)
    by = {f.id.split("@")[0].removeprefix("regime."): f for f in facts}
    side, agree, scope, horizon = (by["overall.side"], by["overall.agree"],
                                   by["overall.scope"], by["overall.horizon"])
    dims = list(ak.universe.regime.dimensions)
    paras = [para(
        "The rotation is ", Num(scope, str(scope.value)), " and ",
        Num(horizon, str(horizon.value)), ": ",
        *(("all ", ctx.count(agree)) if int(_fv(agree)) == len(dims) else
          (ctx.count(agree), " of the ", _WORD.get(len(dims), Term(str(len(dims)))))),
        " dimensions point the same way (", Num(side, str(side.value)), ").")]
    parts: list[Piece | None] = []
    for d in dims:
        rel = by.get(f"{d}.relative_return.63d")
        lead = by.get(f"{d}.direction")
        if rel is None or lead is None:
            continue
        cfg = ak.universe.regime.dimensions[d]
        a_led = str(lead.value) == cfg.a_name
        led, trailed = "", ""
        if cfg.pair != "sectors":
            # the pair's tickers say which series each side is measured on
            pair = ak.universe.pair(cfg.pair)
            led, trailed = ((f" ({pair.a})", f" ({pair.b})") if a_led
                            else (f" ({pair.b})", f" ({pair.a})"))
        parts += [" " if parts else "", Num(lead, ctx.cap(str(lead.value))), led, " led ",
                  cfg.b_name if a_led else cfg.a_name, trailed, " by ",
                  ctx.pts(rel, signed=False) if _fv(rel) > 0 else
                  Num(rel, rel.formatted(signed=False).lstrip("-").replace(" pp", "")),
                  " points over ", Term("63"), " sessions."]
    if parts:
        paras.append(para(*parts))
    rows = [f for f in facts if f.unit != "label"] + [
        by[k] for k in ("overall.side", "overall.scope", "overall.horizon")]
    return _Built(paras, rows, "regime", (), None, None, when, when, notes)


def w_breadth(ak: Asking, q: Query, day: dt.date) -> _Built:
    last = ak.store.member_range(end=day)[1]
    if last is None:
        raise Declined(f"the store holds no member closes on or before {day}")
    notes: list[str] = []
    when = ak.point(q, day)
    if (when - last).days > MAX_STALE_DAYS:
        notes.append(f"The members' closes end on {last}; the answer is about {last}.")
        when = last
    facts = breadth.breadth_facts(ak.pit(when))
    by = {f.id.split("@")[0].split("members.", 1)[-1]: f for f in facts}
    p200, p50 = by["pct_above_sma200"], by["pct_above_sma50"]
    members = by["members"]
    paras = [para(
        "Of the ", Num(members, f"{int(_fv(members))}"), " S&P 500 members with a close on ",
        Term(long_date(when)), ", ", Num(p200, f"{_fv(p200):.1f}%"), " were above their ",
        Term("200-day"), " average and ", Num(p50, f"{_fv(p50):.1f}%"), " above their ",
        Term("50-day"), " average.")]
    adv, dec = by.get("advances"), by.get("declines")
    hi, lo = by.get("new_highs"), by.get("new_lows")
    if adv is not None and dec is not None and hi is not None and lo is not None:
        paras.append(para(
            "That session ", Num(adv, f"{int(_fv(adv))}"), " rose and ",
            Num(dec, f"{int(_fv(dec))}"), " fell; ", Num(hi, f"{int(_fv(hi))}"),
            " closed at a ", Term("52-week"), " high and ", Num(lo, f"{int(_fv(lo))}"),
            " at a ", Term("52-week"), " low."))
    notes.append("Members are today's S&P 500 list; past dates use the same list "
                 "(survivorship bias).")
    return _Built(paras, list(facts), "breadth", (), None, None, when, when, notes)
