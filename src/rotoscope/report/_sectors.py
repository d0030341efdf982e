"""The analysis sections on sectors, technical position, breadth and rates."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from rotoscope.facts import Fact, ordinal
from rotoscope.prose import Ctx, Missing, article, long_date, short_date
from rotoscope.report._model import Num, Paragraph, Piece, Table, para
from rotoscope.report._rules import fv, sector_key

__all__ = [
    "basis_words",
    "breadth_paragraph",
    "coverage",
    "rates_paragraph",
    "sector_dispersion",
    "sector_leaders",
    "sector_returns",
    "sector_scores",
    "sector_table",
    "tech_paragraph",
    "week_range",
    "week_table",
]

def sector_returns(ctx: Ctx, window: str) -> dict[str, Fact]:
    """Return each sector's return over ``window``, on one basis for all sectors.

    Total return when every sector has it (as the engine's sector ranking uses),
    else price return when every sector has that, else whichever exists.
    """
    found: dict[str, dict[str, Fact]] = {"total_return": {}, "price_return": {}}
    for method, out in found.items():
        for s in ctx.universe.sectors:
            f = ctx.get(f"return.{s}.{method}.{window}")
            if f is not None:
                out[s] = f
    n = len(ctx.universe.sectors)
    for method in ("total_return", "price_return"):
        if len(found[method]) == n:
            return found[method]
    return max(found.values(), key=len)


def basis_words(facts: list[Fact]) -> str:
    methods = {f.method for f in facts}
    if methods == {"total_return"}:
        return "total return"
    if methods == {"price_return"}:
        return "price return"
    return "price return where the data have raw closes, else total return"


def sector_leaders(ctx: Ctx) -> Paragraph:
    parts: list[Piece | None] = []
    for w, intro in (("5d", "Over the past five sessions, "), ("ytd", "Year to date, ")):
        rets = sector_returns(ctx, w)
        if len(rets) < len(ctx.universe.sectors):
            continue
        order = sorted(rets, key=lambda s: -fv(rets[s]))
        lead, lag = order[0], order[-1]
        rl, rg = rets[lead], rets[lag]
        kind = "a total return" if rl.method == "total_return" else "a price return"
        parts += [intro, ctx.name(lead), " led the sectors with ", kind, " of ",
                  ctx.num(rl), ", while ", ctx.name(lag), " brought up the rear at ",
                  ctx.num(rg), " (", "total return" if rg.method == "total_return"
                  else "price return", "). "]
    cmd = ctx.get(f"{sector_key(ctx)}.cyclical_minus_defensive.30d")
    if cmd is not None:
        parts += ["Across the past ", ctx.term("30"), " sessions the cyclical sectors, "
                  "equally weighted, are ", "ahead of" if fv(cmd) > 0 else "behind",
                  " the defensive ones by ", ctx.mag(cmd), " percentage points."]
    if not parts:
        raise Missing("sector returns")
    return para(*parts)


def sector_dispersion(ctx: Ctx) -> Paragraph:
    key = sector_key(ctx)
    std = ctx.f(f"{key}.dispersion_std.21d")
    pct = ctx.f(f"{key}.dispersion_percentile.21d")
    p = fv(pct)
    mood = ("Sector returns are unusually far apart" if p >= 90 else
            "Sector returns are more spread out than usual" if p >= 75 else
            "Sector returns are unusually bunched" if p <= 10 else
            "Sector returns are closer together than usual" if p <= 25 else
            "Sector dispersion is unremarkable")
    return para(
        mood, ": the cross-sectional standard deviation of ", ctx.term("21"),
        "-session sector returns is ", ctx.mag(std), " points, in the ",
        Num(pct, ordinal(round(p))), " percentile of its daily history. ",
        "High dispersion means the choice of sector matters more than usual."
        if p >= 75 else "")


def sector_scores(ctx: Ctx) -> Paragraph:
    ranked = []
    for s in ctx.universe.sectors:
        f = ctx.get(f"sector.{s}-{ctx.universe.sector_benchmark}.score")
        if f is not None:
            ranked.append((s, f))
    if len(ranked) < 3:
        raise Missing("sector scores")
    ranked.sort(key=lambda x: -fv(x[1]))
    top, bottom = ranked[:3], ranked[-1]
    parts: list[Piece | None] = [
        "On rotoscope's sector score, which blends relative strength against ",
        ctx.universe.sector_benchmark, " over ",
        ctx.term("21"), ", ", ctx.term("63"), " and ", ctx.term("126"),
        " sessions into a grade out of a hundred, "]
    for i, (s, f) in enumerate(top):
        parts += [", " if i == 1 else ", then " if i == 2 else "", ctx.name(s, short=True),
                  " scores ", ctx.num(f)]
    parts += ["; ", ctx.name(bottom[0], short=True), " is last with ", ctx.num(bottom[1]), "."]
    return para(*parts)


def sector_table(ctx: Ctx) -> Table:
    windows = ("1d", "5d", "30d", "ytd")
    by_window = {w: sector_returns(ctx, w) for w in windows}
    if len(by_window["1d"]) < len(ctx.universe.sectors):
        raise Missing("sector returns")
    rows = []
    sort_key = by_window["30d"] if len(by_window["30d"]) == len(ctx.universe.sectors) \
        else by_window["1d"]
    order = sorted(ctx.universe.sectors, key=lambda s: -fv(sort_key[s]))
    for s in order:
        meta = ctx.universe.meta(s)
        group = meta.group if meta and meta.group else ""
        score = ctx.get(f"sector.{s}-{ctx.universe.sector_benchmark}.score")
        rows.append((f"{ctx.name(s, short=True)} ({s})", group,
                     *(ctx.num(by_window[w][s]) if s in by_window[w] else "n/a"
                       for w in windows),
                     ctx.num(score) if score else "n/a"))
    used = [f for w in windows for f in by_window[w].values()]
    sorted_by = "30-session" if sort_key is by_window["30d"] else "1-day"
    return Table(f"Sector ETFs, {basis_words(used)} to {short_date(ctx.session)}, "
                 f"sorted by the {sorted_by} return",
                 ("Sector", "Group", "1 day", "5 days", "30 sessions", "YTD", "Score"),
                 tuple(rows), ("l", "l", "r", "r", "r", "r", "r"))


def coverage(ctx: Ctx) -> Table | None:
    """Return the series with no usable closes as of the date: what the note leaves out.

    A series with total returns but no raw close is not listed (the note uses
    its total return and says so).
    """
    reasons: dict[str, dict[str, str]] = {}
    for g in ctx.fs.gaps:
        if g.what.endswith(("total returns", "price returns and technicals")):
            symbol = g.what.split(" ")[0]
            kind = "total" if g.what.endswith("total returns") else "price"
            reasons.setdefault(symbol, {})[kind] = g.reason
    rows = [(symbol, r["total"]) for symbol, r in reasons.items()
            if "total" in r and "price" in r]
    if not rows:
        return None
    return Table("Series left out for lack of data as of this date", ("Series", "Reason"),
                 tuple(rows), ("l", "l"))


# ------------------------------------------------------------------- technicals
def tech_paragraph(ctx: Ctx, s: str) -> Paragraph:
    close = ctx.f(f"tech.{s}.close")
    d50 = ctx.f(f"tech.{s}.distance_sma50")
    d200 = ctx.f(f"tech.{s}.distance_sma200")
    s50 = ctx.f(f"tech.{s}.sma50")
    dd = ctx.f(f"tech.{s}.drawdown_52w")
    parts: list[Piece | None] = [
        s, " closed at ", ctx.price(close, s), ", ", ctx.mag(d50),
        " above" if fv(d50) > 0 else " below", " its ", ctx.term("50"),
        "-day moving average of ", ctx.price(s50, s), " and ", ctx.mag(d200),
        " above" if fv(d200) > 0 else " below", " its ", ctx.term("200"),
        "-day moving average. "]
    if fv(dd) > -0.005:
        parts.append("It is at its highest close of the past year.")
    else:
        parts += ["It is ", ctx.mag(dd), " below its highest close of the past year."]
    return para(*parts)


def week_range(ctx: Ctx) -> Paragraph:
    _, complete_end = ctx.week_sessions()
    parts: list[Piece | None] = [
        "In the week that ended on ", ctx.term(long_date(complete_end)), ", "]
    for i, s in enumerate(ctx.universe.note.technicals):
        facts = ctx.technicals_at(s, complete_end)
        iso = complete_end.isoformat()
        try:
            lo, hi, rng = (facts[f"tech.{s}.{k}@{iso}"] for k in ("week_low", "week_high",
                                                                   "week_range"))
        except KeyError as exc:
            raise Missing(f"weekly range of {s} on {iso}") from exc
        if i == len(ctx.universe.note.technicals) - 1:
            parts.append(" and ")
        elif i:
            parts.append(", ")
        width = ctx.mag(rng)
        parts += [s, f" traded in {article(width.text)} ", width, " weekly range, from ",
                  ctx.price(lo, s),
                  " to ", ctx.price(hi, s)]
    parts.append(" (closing prices).")
    return para(*parts)


def week_table(ctx: Ctx) -> Table:
    days, _ = ctx.week_sessions()
    by_symbol: dict[str, dict[str, Fact]] = {}
    for s in ctx.universe.note.technicals:
        merged: dict[str, Fact] = {}
        ends = sorted({d + dt.timedelta(days=4 - d.weekday()) for d in days})
        for friday in ends:
            end = min(friday, ctx.session)
            end = max(d for d in days if d <= end)
            for f in ctx.technicals_at(s, end).values():
                merged[f.id.split("@")[0]] = f
        by_symbol[s] = merged
    rows = []
    for d in days:
        row: list[Piece] = [ctx.term(short_date(d))]
        for s in ctx.universe.note.technicals:
            close = by_symbol[s].get(f"tech.{s}.week_close.{d.isoformat()}")
            chg = by_symbol[s].get(f"tech.{s}.week_change.{d.isoformat()}")
            if close is None or chg is None:
                raise Missing(f"{s} close on {d}")
            row += [ctx.price(close, s), ctx.num(chg)]
        rows.append(tuple(row))
    funds = ctx.universe.note.technicals
    header = ("Date", *[h for s in funds for h in (f"{s} close", "change")])
    align: list[Literal["l", "r"]] = ["l"]
    align += ["r"] * (2 * len(ctx.universe.note.technicals))
    return Table("Daily closes and changes (price, no dividends)", header, tuple(rows),
                 tuple(align))


# ------------------------------------------------------------------- breadth, rates
def breadth_paragraph(ctx: Ctx) -> Paragraph:
    b = "breadth.S&P 500 members"
    a50, a200 = ctx.f(f"{b}.pct_above_sma50"), ctx.f(f"{b}.pct_above_sma200")
    adv, dec = ctx.f(f"{b}.advances"), ctx.f(f"{b}.declines")
    nh, nl = ctx.f(f"{b}.new_highs"), ctx.f(f"{b}.new_lows")
    ad21 = ctx.f(f"{b}.ad_line_change.21d")
    healthy = fv(a200) >= 50
    when = dt.date.fromisoformat(str(adv.params.get("date", ctx.session.isoformat())))
    day_words: tuple[Piece, ...] = ("In the latest session ",) if when == ctx.session else (
        "On ", ctx.term(long_date(when)), ", the panel's latest date, ")
    return para(
        "Participation is " + ("healthy" if healthy else "thin") + ". Of the index's members, ",
        ctx.num(a50, signed=False), " trade above their ", ctx.term("50"), "-session average "
        "and ", ctx.num(a200, signed=False), " above their ", ctx.term("200"),
        "-session average. ", *day_words, ctx.count(adv),
        ctx.plural(fv(adv), " member rose and ", " members rose and "),
        ctx.count(dec), " fell; ", *(("none",) if fv(nh) == 0 else (ctx.count(nh),)),
        " set ", *(("a ",) if fv(nh) == 1 else ()), ctx.term("52"),
        ctx.plural(fv(nh), "-week closing high against ", "-week closing highs against "),
        *(("none",) if fv(nl) == 0 else (ctx.count(nl),)),
        ctx.plural(fv(nl), " closing low.", " closing lows."), " The advance-decline "
        "line has moved by ", ctx.num(ad21, signed=True), " over ", ctx.term("21"),
        " sessions. These counts use today's membership for every date, so they lean towards "
        "survivors.")


def rates_paragraph(ctx: Ctx) -> Paragraph:
    ten, two = ctx.universe.note.rates
    y10, y2 = ctx.f(f"macro.{ten}.level"), ctx.f(f"macro.{two}.level")
    slope = ctx.f(f"macro.{ten}-{two}.slope")
    c10 = ctx.f(f"macro.{ten}.change.21d")
    dff = ctx.f("macro.DFF.level")
    steeper = fv(slope) > 0
    return para(
        f"In rates, the ten-year Treasury yield ({ten}) stands at ",
        Num(y10, f"{fv(y10):.2f}%"), f" and the two-year ({two}) at ",
        Num(y2, f"{fv(y2):.2f}%"), ", so the yield curve from two to ten years is ",
        "positively sloped by " if steeper else "inverted by ", ctx.mag(slope),
        f" percentage points. {ten} has ",
        "risen " if fv(c10) > 0 else "fallen " if fv(c10) < 0 else "moved ", ctx.mag(c10),
        " percentage points over its last ", ctx.term("21"), " daily observations, and the "
        "effective federal funds rate (DFF) is ", Num(dff, f"{fv(dff):.2f}%"), ".")


