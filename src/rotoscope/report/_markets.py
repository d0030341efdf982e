"""The analysis sections on markets: index performance, size, style, international."""

from __future__ import annotations

import datetime as dt

from rotoscope.facts import Fact, ordinal
from rotoscope.prose import Ctx, Missing, long_date, short_date
from rotoscope.report._model import Num, Paragraph, Piece, Table, para
from rotoscope.report._rules import current_streak, fv, strength

__all__ = [
    "SCALE",
    "dollar_paragraph",
    "index_table",
    "intl_paragraph",
    "rs_paragraph",
    "session_paragraph",
    "size_paragraph",
    "streak_paragraph",
    "style_paragraph",
    "vanguard_paragraph",
    "ytd_paragraph",
]

SCALE = {"1d": 1.0, "wtd": 1.5, "5d": 2.0, "mtd": 2.5, "30d": 3.0, "qtd": 4.0, "ytd": 4.0,
          "1y": 8.0}


def available(ctx: Ctx, window: str) -> list[tuple[str, Fact, Fact]]:
    """Return ``(index, return over window, close)`` of each major index with data."""
    out = []
    for s in ctx.universe.note.indices:
        try:
            out.append((s, ctx.ret(s, window), ctx.f(f"tech.{s}.close")))
        except Missing:
            continue
    if not out:
        raise Missing(f"index returns over {window}")
    return out


# ------------------------------------------------------------------- indices
def session_paragraph(ctx: Ctx) -> Paragraph:
    parts: list[Piece | None] = [
        "In the latest session, on ", ctx.term(f"{ctx.session:%A}, {long_date(ctx.session)}"),
        ", "]
    moves = available(ctx, "1d")
    for i, (s, r, close) in enumerate(moves):
        if i and i == len(moves) - 1:
            parts.append(" and ")
        elif i:
            parts.append(", ")
        parts += [ctx.name(s), " ", ctx.verb(r), " ", ctx.mag(r), " to close at ",
                  ctx.price(close, s)]
    parts.append(".")
    up = sum(fv(r) > 0 for _, r, _ in moves)
    if len(moves) > 1 and up in (0, len(moves)):
        parts.append(" The move was " + ("broad: every major index rose."
                                         if up else "broad: every major index fell."))
    return para(*parts)


def ytd_paragraph(ctx: Ctx) -> Paragraph:
    rets = sorted(((s, r) for s, r, _ in available(ctx, "ytd")), key=lambda x: -fv(x[1]))
    (first, r1), rest = rets[0], rets[1:]
    if not rest:
        raise Missing("one index with a year-to-date return: nothing to rank")
    parts: list[Piece | None] = (
        ["Year to date, ", ctx.name(first), " leads the major indices with a gain of ",
         ctx.mag(r1), ", ahead of "] if fv(r1) > 0 else
        # a leader that is down has not led: it has fallen least
        ["Year to date, every major index is down. ", ctx.cap(ctx.name(first)),
         " has held up best with a loss of ", ctx.mag(r1), ", ahead of "] if fv(r1) < 0 else
        ["Year to date, ", ctx.name(first), " is flat at ", ctx.num(r1), ", ahead of "])
    for i, (s, r) in enumerate(rest):
        if i and i == len(rest) - 1:
            parts.append(" and ")
        elif i:
            parts.append(", ")
        parts += [ctx.name(s), " (", ctx.num(r), ")"]
    parts.append(".")
    head = ctx.universe.note.indices[0]
    y1 = ctx.ret(head, "1y")
    parts += [" Over the past year ", ctx.name(head), " ", ctx.has(y1, SCALE["1y"]), " ",
              ctx.mag(y1), "."]
    return para(*parts)


def index_table(ctx: Ctx) -> Table:
    windows = ("1d", "wtd", "mtd", "ytd", "1y")
    rows: list[tuple[Piece, ...]] = []
    for s in ctx.universe.note.indices:
        try:
            close = ctx.f(f"tech.{s}.close")
            cells = tuple(ctx.num(ctx.ret(s, w)) for w in windows)
        except Missing:
            continue  # an index without the windows (before its data start) is left out
        rows.append((ctx.cap(ctx.name(s)).removeprefix("The "), ctx.price(close, s), *cells))
    if not rows:
        raise Missing("index returns")
    return Table(f"Major indices, price return to {short_date(ctx.session)}",
                 ("Index", "Close", "1 day", "Week to date", "Month to date", "YTD", "1 year"),
                 tuple(rows), ("l", "r", "r", "r", "r", "r", "r"))


# ------------------------------------------------------------------- size
def _fund(ctx: Ctx, symbol: str) -> str:
    """Return a fund's name as the universe file gives it ("iShares Russell 1000 Value ETF")."""
    meta = ctx.universe.meta(symbol)
    return meta.name if meta is not None else symbol


def _gap_words(value: float, lead: str = "a lead of", lag: str = "a shortfall of") -> str:
    return lead if value > 0 else lag


def size_paragraph(ctx: Ctx) -> Paragraph:
    small, large = ctx.pair(ctx.universe.note.size)
    gap, ra, rb = ctx.spread(small, large, "ytd")
    rel21 = ctx.f("regime.size.relative_return.21d")
    z = ctx.f("regime.size.strength_z.21d")
    ahead = fv(gap) > 0
    opening = ctx.pick("size-open", ("Small caps are setting the pace.",
                                     "Small caps remain the story of the tape.")) \
        if ahead else "Large caps keep the upper hand."
    parts: list[Piece | None] = [
        opening, " ", ctx.cap(ctx.name(small)), " ", ctx.has(ra, SCALE["ytd"]), " ",
        ctx.mag(ra), " year to date against ", ctx.num(rb), " for ", ctx.name(large), ", ",
        _gap_words(fv(gap)), " ", ctx.mag(gap), " percentage points. ",
        "Over the past ", ctx.term("21"), " sessions ",
        "small caps are ahead by " if fv(rel21) > 0 else "small caps trail by ",
        ctx.mag(rel21), " percentage points on a total-return basis, a z-score of ",
        ctx.num(z, signed=True), " against the pair's own history: ",
        {"at an extreme pace": "an extreme reading", "strongly": "a strong reading",
         "modestly": "within the ordinary range"}[strength(fv(z))], "."]
    return para(*parts)




def streak_paragraph(ctx: Ctx) -> Paragraph:
    found = current_streak(ctx, *ctx.pair(ctx.universe.note.size))
    if found is None:
        raise Missing("streak")
    lead, lag, length = found
    key = f"streak.{lead}-{lag}.adj_close"
    start = ctx.f(f"{key}.start")
    n = int(fv(length))
    earlier = ctx.f(f"{key}.history_count")
    at_least = ctx.f(f"{key}.count_at_least")
    rank = ctx.f(f"{key}.rank")
    if n == 1:
        parts: list[Piece | None] = [
            "On a total-return basis ", ctx.name(lead), " beat ", ctx.name(lag),
            " in the latest session, the first session of a new run"]
    else:
        parts = [ctx.cap(ctx.name(lead)), " has beaten ", ctx.name(lag), " for ",
                 *ctx.sessions(length), " in a row, a run that began on ", ctx.date(start)]
    parts.append(". ")
    share = fv(at_least) / max(fv(earlier), 1)
    since = ctx.get(f"{key}.longest_since")
    since_len = ctx.get(f"{key}.longest_since_length")
    if n >= 5 and since is not None and since_len is not None and \
            isinstance(since.value, dt.date) and (ctx.session - since.value).days > 365:
        parts += ["That is the longest such streak since ",
                  Num(since, f"{since.value:%B %Y}"), ", when a run of ",
                  *ctx.sessions(since_len), " ended. "]
    runs = ctx.plural(fv(earlier), " earlier run of the same side", " earlier runs of the "
                      "same side")
    if fv(earlier) == 0:
        parts.append("It is the first run of that side in the data.")
    elif n == 1:
        parts.append("A single session says little on its own.")
    elif fv(at_least) == 0:
        parts += ["None of the ", ctx.count(earlier), runs, " lasted as long; it ranks ",
                  Num(rank, ordinal(int(fv(rank)))), " in the pair's history."]
    elif share <= 0.05:
        parts += ["Only ", ctx.count(at_least), " of the ", ctx.count(earlier), runs,
                  ctx.plural(fv(at_least), " was", " were"), " as long; it ranks ",
                  Num(rank, ordinal(int(fv(rank)))), " in the pair's history."]
    elif fv(at_least) == fv(earlier):
        parts += ["Runs like it are common: ",
                  "the one" if fv(earlier) == 1 else "every one of the ",
                  None if fv(earlier) == 1 else ctx.count(earlier), runs,
                  " was at least as long."]
    else:
        parts += ["Runs like it are common: ", ctx.count(at_least), " of the ",
                  ctx.count(earlier), runs, ctx.plural(fv(at_least), " was", " were"),
                  " at least as long."]
    return para(*parts)


def rs_paragraph(ctx: Ctx, pair: str, a_words: str, b_words: str) -> Paragraph:
    dist = ctx.f(f"rs.{pair}.distance_sma50")
    hi = ctx.f(f"rs.{pair}.sessions_since_high_63")
    lo = ctx.f(f"rs.{pair}.sessions_since_low_63")
    above = fv(dist) > 0
    parts: list[Piece | None] = [
        "The relative-strength ratio of ", a_words, " to ", b_words, " sits ",
        ctx.mag(dist), " above" if above else " below", " its own ", ctx.term("50"),
        "-session mean"]
    if fv(hi) == 0:
        parts.append(", and it set a fresh three-month high in the latest session.")
    elif fv(lo) == 0:
        parts.append(", and it set a fresh three-month low in the latest session.")
    else:
        parts += ["; its last three-month high came ", ctx.count(hi), " ",
                  ctx.plural(fv(hi), "session", "sessions"), " ago."]
    return para(*parts)


# ------------------------------------------------------------------- style
def style_paragraph(ctx: Ctx) -> Paragraph:
    value, growth = ctx.pair(ctx.universe.note.style)
    gap, ra, rb = ctx.spread(value, growth, "ytd")
    rel21 = ctx.f("regime.style.relative_return.21d")
    lead = ctx.f("regime.style.direction")
    persist = ctx.f("regime.style.persistence")
    basis = "on a total-return basis" if ra.method == "total_return" else "in price terms"
    value_ahead = fv(gap) > 0
    parts: list[Piece | None] = [
        "Value " + ("leads growth" if value_ahead else "trails growth") + " this year. ",
        ctx.cap(basis), ", the ", _fund(ctx, value), " (", value, ") ",
        ctx.has(ra, SCALE["ytd"]), " ", ctx.mag(ra), " year to date against ",
        ctx.num(rb), " for the growth ETF (", growth, "), ", _gap_words(fv(gap)), " ",
        ctx.mag(gap), " percentage points. Over the past ", ctx.term("21"), " sessions ",
        value, " is ", "ahead of" if fv(rel21) > 0 else "behind", " ", growth, " by ",
        ctx.mag(rel21),
        " percentage points. ",
        ctx.cap(str(lead.value)), *(
            (" took the lead on a ", ctx.term("63"), "-session view in the latest session.")
            if fv(persist) == 1 else
            (" has held the lead on a ", ctx.term("63"), "-session view for ",
             *ctx.sessions(persist), "."))]
    return para(*parts)


def vanguard_paragraph(ctx: Ctx) -> Paragraph:
    value, growth = ctx.pair(ctx.universe.note.style_alt)
    gap, ra, rb = ctx.spread(value, growth, "30d")
    agree = (fv(gap) > 0) == (fv(ctx.f("regime.style.relative_return.21d")) > 0)
    parts: list[Piece | None] = [
        f"The {_fund(ctx, value).split()[0]} pair "
        + ("tells the same story" if agree else "tells a different story"),
        ": over the past ", ctx.term("30"), " sessions ", value, " ",
        ctx.has(ra, SCALE["30d"]), " ", ctx.mag(ra), " and ", growth, " ",
        ctx.has(rb, SCALE["30d"]), " ", ctx.mag(rb),
        " (total return)" if ra.method == "total_return" else " (price return)",
        ", a spread of ", ctx.pts(gap), " percentage points."]
    return para(*parts)


# ------------------------------------------------------------------- international
def intl_paragraph(ctx: Ctx) -> Paragraph:
    (dev, us), (broad, us2) = (ctx.pair(p) for p in ctx.universe.note.international[:2])
    gap, ra, rb = ctx.spread(dev, us, "ytd")
    g2, a2, _ = ctx.spread(broad, us2, "ytd")
    lead = fv(gap) > 0
    parts: list[Piece | None] = [
        "Outside the US, " + ("developed markets are ahead. " if lead else
                              "developed markets lag. "),
        "On a total-return basis " if ra.method == "total_return" else "In price terms ",
        dev, " ", ctx.has(ra, SCALE["ytd"]), " ", ctx.mag(ra),
        " year to date and ", us, " ", ctx.num(rb), ", ", _gap_words(fv(gap)), " ",
        ctx.mag(gap), " percentage points. ",
        "On a total-return basis" if a2.method == "total_return" else "In price terms",
        " the broader ", broad, " has returned ", ctx.num(a2), ", ", _gap_words(fv(g2)), " ",
        ctx.mag(g2), " percentage points against ", us2, " over the same stretch."]
    return para(*parts)


def dollar_paragraph(ctx: Ctx) -> Paragraph:
    level = ctx.f("macro.DTWEXBGS.level")
    chg = ctx.f("macro.DTWEXBGS.change.21d")
    weaker = fv(chg) < 0
    parts: list[Piece | None] = [
        "The dollar is " + ("a tailwind for dollar-based holders of foreign stocks: "
                            if weaker else "a headwind for dollar-based holders of foreign "
                            "stocks: "),
        "FRED's trade-weighted broad dollar index stands at ", ctx.num(level, signed=False),
        ", ", "down " if weaker else "up ", ctx.mag(chg), " over its last ", ctx.term("21"),
        " daily observations."]
    return para(*parts)


