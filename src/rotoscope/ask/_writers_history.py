"""Writers for streaks, runs, what followed past streaks, and the rate-cut event study."""

from __future__ import annotations

import datetime as dt

from rotoscope.analytics import history, streaks
from rotoscope.analytics.windows import calendar_bounds, window_label
from rotoscope.ask._asking import Asking
from rotoscope.ask._common import _WORD, Declined, _Built, _fv, _try_list
from rotoscope.ask._query import Query
from rotoscope.facts import Fact, ordinal
from rotoscope.prose import Ctx, Num, Paragraph, Piece, Term, para

__all__ = ["pair_streak", "w_base_rate", "w_event_study", "w_run", "w_streak"]


def pair_streak(ak: Asking, a: str, b: str, day: dt.date
                 ) -> tuple[str, str, list[Fact], streaks.StreakHistory]:
    pit = ak.pit(day)
    hist, facts = streaks.outperformance_streak(pit, a, b)
    if _fv(facts[0]) == 0 and hist.current.side == -1:
        hist, facts = streaks.outperformance_streak(pit, b, a)
        return b, a, facts, hist
    return a, b, facts, hist


def w_streak(ak: Asking, q: Query, day: dt.date) -> _Built:
    a, b = q.subjects[0], q.subjects[1]
    _, day, notes = ak.basis((a, b), day, ("adj_close",))
    when = ak.point(q, day)
    bounds = calendar_bounds(q.window) if q.window and q.date is None else None
    period_asked = bounds is not None
    if bounds is not None:
        assert q.window is not None
        hist, _ = streaks.outperformance_streak(ak.pit(when), a, b)
        lo = bounds[0]
        inside = [r for r in hist.runs
                  if r.side == 1 and hist.day(r.end) >= lo and hist.day(r.start) <= when]
        if not inside:
            raise Declined(f"{a} did not beat {b} in any session of "
                           f"{window_label(q.window)}")
        best = max(inside, key=lambda r: (r.length, r.end))
        when = hist.day(best.end)
    lead, lag, facts, _ = pair_streak(ak, a, b, when)
    if period_asked and lead != a:
        lead, lag = a, b
        _, facts = streaks.outperformance_streak(ak.pit(when), a, b)
    ctx = ak.ctx(when)
    by = {f.id.split("@")[0].rsplit(".", 1)[-1]: f for f in facts}
    length = by["length"]
    n = int(_fv(length))
    if n == 0:
        raise Declined(f"neither series led in the session of {when} (a tie)")
    past = period_asked or when < day
    verb = "beat" if past else "has beaten"
    parts: list[Piece | None] = [
        ak.nm(ctx, lead, cap=True), f" {verb} ", ak.nm(ctx, lag), " for ",
        ctx.count(length), " session" if n == 1 else " consecutive sessions",
        " on a total-return basis"]
    if n > 1:
        parts += [", a run that began on ", ctx.date(by["start"])]
        if past:
            parts += [" and ended on ", ctx.date(by["end"])]
    else:
        parts += [", on ", ctx.date(by["end"])]
    parts.append(".")
    paras = [para(*parts)]
    paras.append(_rarity(ak, ctx, by, n))
    follow: list[Fact] = []
    if not period_asked and n >= 3:
        follow = _try_list(lambda: streaks.follow_through(ak.pit(when), lead, lag, n))
    if follow:
        after = _follow_paragraph(ak, ctx, follow, lead, lag, n)
        if after is not None:
            paras.append(after)
    rows = [f for f in facts if f.unit != "label"] + follow
    return _Built(paras, rows, "streak", (lead, lag), q.window, by["start"].value,  # type: ignore[arg-type]
                  by["end"].value, when, notes)  # type: ignore[arg-type]


def _rarity(ak: Asking, ctx: Ctx, by: dict[str, Fact], n: int) -> Paragraph:
    since = by.get("longest_since")
    since_len = by.get("longest_since_length")
    earlier, at_least, rank = by["history_count"], by["count_at_least"], by["rank"]
    end = by["end"].value
    if since is None:
        return para("No earlier streak of the same side in the data was as long: of ",
                    ctx.count(earlier), " earlier streaks, it ranks ",
                    Num(rank, ordinal(int(_fv(rank)))), ".")
    parts: list[Piece | None] = []
    if since_len is not None and isinstance(since.value, dt.date) and \
            isinstance(end, dt.date) and (end - since.value).days > 365:
        parts += ["It was the longest such streak since ", Num(since, f"{since.value:%B %Y}"),
                  ", when a run of ", ctx.count(since_len), " sessions ended. "]
    share = _fv(at_least) / max(_fv(earlier), 1.0)
    if share <= 0.05:
        parts += ["Only ", ctx.count(at_least), " of ", ctx.count(earlier),
                  " earlier streaks of the same side were as long; it ranks ",
                  Num(rank, ordinal(int(_fv(rank)))), " since the data start."]
    else:
        parts += ["Streaks like it are common: ", ctx.count(at_least), " of the ",
                  ctx.count(earlier), " earlier streaks of the same side were at least "
                  "as long."]
    return para(*parts)


def _follow_paragraph(ak: Asking, ctx: Ctx, follow: list[Fact], lead: str, lag: str,
                      n: int, min_cases: int = 3) -> Paragraph | None:
    by = {f.id.split("@")[0].split(f"L{n}.", 1)[-1]: f for f in follow}
    length = Term(_WORD.get(n) or f"{n}")
    parts: list[Piece | None] = ["After earlier streaks of ", length,
                                 " session or more, " if n == 1 else " sessions or more, "]
    said = False
    for h, words in ((5, "five sessions"), (21, "a month"), (63, "three months")):
        cnt, mean, hit = by.get(f"n.{h}d"), by.get(f"mean.{h}d"), by.get(f"hit_rate.{h}d")
        if cnt is None or mean is None or hit is None or _fv(cnt) < min_cases:
            continue  # an aside on a streak needs three earlier cases to be a base rate
        parts += [("; over " if said else "over "), Term(words), " ", ak.nm(ctx, lead),
                  " went on to lead in ", Num(hit, f"{_fv(hit):.0f}%"), " of ",
                  Num(cnt, f"{int(_fv(cnt)):,}"), " cases",
                  *((", by ", ctx.pts(mean), " points on average") if round(_fv(mean), 2) != 0
                    else (", with an average gap that rounds to zero",))]
        said = True
    if not said:
        return None
    parts.append(".")
    return para(*parts)


def w_run(ak: Asking, q: Query, day: dt.date) -> _Built:
    s = q.subjects[0]
    fld, day, notes = ak.basis((s,), day)
    when = ak.point(q, day)
    _, facts = streaks.series_runs(ak.pit(when), s, fld)
    ctx = ak.ctx(when)
    by = {f.id.split("@")[0].rsplit(".", 1)[-1]: f for f in facts}
    direction = str(by["direction"].value)
    if direction == "flat":
        raise Declined(f"{s} closed unchanged on {when}, so it is on no run")
    length = by["length"]
    n = int(_fv(length))
    paras = [para(ak.nm(ctx, s, cap=True), " has closed ",
                  "higher" if direction == "up" else "lower", " for ", ctx.count(length),
                  " consecutive ", "session" if n == 1 else "sessions", ", from ",
                  ctx.date(by["start"]), " to ", ctx.date(by["end"]), "."),
             _rarity(ak, ctx, by, n)]
    rows = [f for f in facts if f.unit != "label"]
    return _Built(paras, rows, "run", (s,), None, by["start"].value,  # type: ignore[arg-type]
                  by["end"].value, when, notes)  # type: ignore[arg-type]


def w_base_rate(ak: Asking, q: Query, day: dt.date) -> _Built:
    a, b = q.subjects[0], q.subjects[1]
    _, day, notes = ak.basis((a, b), day, ("adj_close",))
    when = ak.point(q, day)
    ctx = ak.ctx(when)
    if q.length:
        lead, lag, n = a, b, q.length
        intro: list[Piece | None] = []
    else:
        lead, lag, facts, _ = pair_streak(ak, a, b, when)
        length = facts[0]
        n = int(_fv(length))
        if n == 0:
            raise Declined(f"neither side of {a} against {b} is on a streak on {when}")
        intro = [ak.nm(ctx, lead, cap=True), " has beaten ", ak.nm(ctx, lag),
                 " for ", ctx.count(length), " session. " if n == 1 else
                 " consecutive sessions. "]
    follow = streaks.follow_through(ak.pit(when), lead, lag, n)
    para_ = _follow_paragraph(ak, ctx, follow, lead, lag, n, min_cases=1)
    if para_ is None:
        raise Declined(f"no earlier streak of {n} sessions has a complete follow-up")
    paras = [para(*intro, *para_.pieces)] if intro else [para_]
    notes.append("Outcomes are the leader's return minus the other's over the sessions "
                 "after an earlier streak reached the same length, on total-return closes.")
    return _Built(paras, follow, "base_rate", (lead, lag), None, None, when, when, notes)


def w_event_study(ak: Asking, q: Query, day: dt.date) -> _Built:
    when = ak.point(q, day)
    facts = history.rate_cut_study(ak.pit(when))
    ctx = ak.ctx(when)
    by = {f.id.split("@")[0].split("small_minus_large.", 1)[-1]: f for f in facts}
    starts, last = by["starts"], by.get("last_start")
    parts: list[Piece | None] = [
        "Since the monthly fed funds series begins, the data hold ", ctx.count(starts),
        " starts of a Fed cutting cycle"]
    if last is not None:
        parts += [", the latest in ", Num(last, f"{last.value:%B %Y}")]
    parts.append(".")
    for h, words in ((63, "three months"), (126, "six months"), (252, "twelve months")):
        n, mean, med, hit = (by.get(f"{k}.{h}d") for k in ("n", "mean", "median",
                                                           "hit_rate"))
        if n is None or mean is None or med is None or hit is None:
            continue
        parts += [" Over the ", words, " after a start, small caps beat large caps in ",
                  Num(hit, f"{_fv(hit):.0f}%"), " of ", ctx.count(n), " cycles, by ",
                  ctx.pts(mean), " points on average (median ", ctx.pts(med), ")."]
    notes = ["Small minus large is the Fama/French size factor (SMB) before 1987 and "
             "the Russell 2000 minus the S&P 500 after; a cycle starts in the first "
             "month the monthly fed funds rate falls at least a quarter point after six "
             "without a cut, near its 12-month high."]
    return _Built([para(*parts)], [f for f in facts if f.unit != "label"], "event_study",
                  ("^RUT", "^GSPC"), None, None, when, when, notes)
