"""The note's words: each section written from the facts, by documented rules.

Nothing here states a number that is not a fact: numbers enter the text only as
:class:`~._model.Num` pieces made by :class:`~._context.Ctx`, and a sentence
whose facts are missing is left out (:class:`~._context.Missing`). The rules
that set stances, risks and opportunities are in :data:`STANCE_RULES` and
:data:`RISK_RULES` and in ``docs/report.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal

from rotoscope.exceptions import RotoscopeError
from rotoscope.facts import Fact, ordinal
from rotoscope.report._context import Ctx, Missing, long_date, short_date
from rotoscope.report._model import Chart, Num, Paragraph, Piece, Section, Stance, Table, para

__all__ = [
    "INDICES",
    "RISK_RULES",
    "STANCE_RULES",
    "THEMES",
    "dek",
    "sections",
    "stances",
    "tags",
    "tickers",
    "title",
]

INDICES = ("^GSPC", "^IXIC", "^DJI", "^RUT")
TECH = ("SPY", "IWM", "QQQ")
#: Theme -> (regime dimension, pair whose RS ratio is read, words for each side).
THEMES: dict[str, tuple[str, str, str, str]] = {
    "Small caps": ("size", "^RUT-^GSPC", "small caps", "large caps"),
    "Value": ("style", "IWD-IWF", "value", "growth"),
    "International": ("international", "EFA-SPY", "international stocks", "US stocks"),
}
NEUTRAL_PP = 1.0
STANCE_RULES = (
    "Each theme is read on three signals: the 63-session relative return of its "
    "dimension (trend), the 21-session relative return (momentum) and the "
    "relative-strength ratio against its 50-session average. Neutral when both "
    "relative returns are within one percentage point of zero; otherwise Bullish when all "
    "three signals favour the theme, Bearish when none does, and Mixed in between."
)
RISK_RULES = (
    ("Overextension", "an outperformance streak of a primary pair that is at least five "
     "sessions long and that no more than five percent of earlier streaks of the same side "
     "matched; the note quotes what followed the earlier ones."),
    ("Relative strength", "each theme's relative-strength ratio more than two percent above "
     "its 50-session average is an opportunity (momentum), more than two percent below it a "
     "risk."),
    ("Defensive leadership", "the leading sector over the past 30 sessions is defensive, or "
     "the cyclical sectors trail the defensive ones over that window."),
    ("Dispersion extremes", "the 21-session cross-sectional dispersion of sector returns at "
     "or above the 90th percentile of its history (a risk: a fragmented market) or at or "
     "below the 10th (little rotation to exploit)."),
    ("Breadth divergence", "the S&P 500 within three percent of its 52-week high while fewer "
     "than half of its members are above their 50-session average (a narrow advance), or "
     "more than sixty percent above their 200-session average with the equal-weight index "
     "ahead over 30 sessions (a broad one)."),
)
_WINDOW_WORDS: dict[str, tuple[str, ...]] = {
    "1d": ("in the latest session",),
    "wtd": ("this week",),
    "5d": ("over the past five sessions",),
    "mtd": ("month to date",),
    "30d": ("over the past ", "30", " sessions"),
    "qtd": ("quarter to date",),
    "ytd": ("year to date",),
    "1y": ("over the past year",),
}
_SCALE = {"1d": 1.0, "wtd": 1.5, "5d": 2.0, "mtd": 2.5, "30d": 3.0, "qtd": 4.0, "ytd": 4.0,
          "1y": 8.0}


def period(ctx: Ctx, window: str) -> tuple[Piece, ...]:
    """Return the words for a window, digits as terms."""
    words = _WINDOW_WORDS[window]
    return tuple(ctx.term(w) if w.isdigit() else w for w in words)


def _fv(fact: Fact) -> float:
    value = fact.value
    assert isinstance(value, float | int)
    return float(value)


def _try(fn: Callable[[], Paragraph | Table | None]) -> Paragraph | Table | None:
    try:
        return fn()
    except Missing:
        return None


def _blocks(*makers: Callable[[], Paragraph | Table | None]
            ) -> list[Paragraph | Table | Chart | Section]:
    return [b for b in (_try(m) for m in makers) if b is not None]


# =================================================================== stances and title
def stances(ctx: Ctx) -> tuple[Stance, ...]:
    """Return each theme's stance by :data:`STANCE_RULES`."""
    out: list[Stance] = []
    for theme, (dim, pair, side_a, side_b) in THEMES.items():
        try:
            trend = ctx.f(f"regime.{dim}.relative_return.63d")
            mom = ctx.f(f"regime.{dim}.relative_return.21d")
            rs = ctx.f(f"rs.{pair}.distance_sma50")
        except Missing:
            continue
        signals = (("trend (63 sessions)", _fv(trend) > 0), ("momentum (21 sessions)",
                   _fv(mom) > 0), ("ratio above its 50-session average", _fv(rs) > 0))
        favourable = sum(ok for _, ok in signals)
        label: Literal["Bullish", "Bearish", "Neutral", "Mixed"]
        if abs(_fv(trend)) < NEUTRAL_PP and abs(_fv(mom)) < NEUTRAL_PP:
            label = "Neutral"
            reason = f"{side_a} and {side_b} are within a point of each other"
        elif favourable == 3:
            label, reason = "Bullish", f"every signal favours {side_a}"
        elif favourable == 0:
            label, reason = "Bearish", f"every signal favours {side_b}"
        else:
            label = "Mixed"
            good = [n for n, ok in signals if ok]
            reason = "the signals disagree: " + (
                f"{' and '.join(good)} favour{'s' if len(good) == 1 else ''} {side_a}")
        out.append(Stance(theme, label, pair, signals, (trend, mom, rs), reason))
    return tuple(out)


def _strength(z: float) -> str:
    a = abs(z)
    return "at an extreme pace" if a >= 2 else "strongly" if a >= 1 else "modestly"


def title(ctx: Ctx) -> str:
    """Return a title drawn from the regime: its side and its strongest dimension."""
    side = ctx.get("regime.overall.side")
    best = _best_dimension(ctx)
    lead = ctx.get(f"regime.{best[0]}.direction") if best is not None else None
    if side is None or best is None or lead is None:
        return f"Market rotation as of {long_date(ctx.session)}"
    leader = ctx.cap(str(lead.value))
    verb = "leads" if not leader.lower().endswith("s") or leader.lower().startswith("the ") \
        else "lead"
    head = {"broadening": "Rotation broadens", "concentrating": "Leadership narrows",
            "split": "A split market"}[str(side.value)]
    return f"{head}: {leader} {verb} {_strength(_fv(best[1]))}"


def tags(ctx: Ctx) -> tuple[str, ...]:
    """Return the note's tags."""
    out = ["market_rotation", "small_caps", "value_vs_growth", "international", "sectors",
           "breadth", "rates"]
    side = ctx.get("regime.overall.side")
    if side is not None:
        out.insert(1, f"{side.value}_rotation")
    return tuple(out)


def tickers(ctx: Ctx) -> tuple[str, ...]:
    """Return the related tickers: the pairs' ETFs and the sector leader and laggard."""
    out = ["SPY", "IWM", "QQQ", "IWD", "IWF", "EFA"]
    for key in ("leader", "laggard"):
        f = ctx.get(f"sector.{'-'.join(ctx.universe.sectors)}.{key}.30d")
        if f is not None and str(f.value) not in out:
            out.append(str(f.value))
    return tuple(out)


def dek(ctx: Ctx) -> Paragraph:
    """Return the summary paragraph under the title."""
    side = ctx.f("regime.overall.side")
    agree = ctx.f("regime.overall.agree")
    scope = ctx.f("regime.overall.scope")
    horizon = ctx.f("regime.overall.horizon")
    total = ctx.derive(agree, "of", int(agree.params.get("of", 0)), "count",
                       "regime dimensions measured", "regime_rules")
    lead = _best_dimension(ctx)
    pieces: list[Piece | None] = []
    word = {"broadening": "broadening", "concentrating": "concentrating",
            "split": "split"}[str(side.value)]
    if word == "split":
        pieces += ["The rotation is split: the dimensions divide evenly between broadening "
                   "and concentrating. "]
    else:
        if _fv(total) == 1:
            pieces += [f"The rotation is {word}: the only dimension the data cover as of "
                       "this date points that way, a ", Num(scope, str(scope.value)), " and ",
                       Num(horizon, str(horizon.value)), " move. "]
        else:
            pieces += [f"The rotation is {word}: ", ctx.count(agree), " of ",
                       ctx.count(total), " dimensions ",
                       ctx.plural(_fv(agree), "points", "point"), " the same way, a ",
                       Num(scope, str(scope.value)), " and ", Num(horizon, str(horizon.value)),
                       " move. "]
    if lead is not None:
        dim, z, rel = lead
        a, b = _dimension_words(ctx, dim)
        ahead = _fv(rel) > 0
        first, second = (a, b) if ahead else (b, a)
        cfg = ctx.universe.regime.dimensions[dim]
        pieces += ["The strongest reading is ", cfg.a_name, " against ", cfg.b_name, ": ",
                   first, " are ahead of " if first.endswith("s") else
                   " is ahead of ", second, " by ", ctx.mag(rel), " percentage points over ",
                   ctx.term("63"), " sessions on a total-return basis, a z-score of ",
                   ctx.num(z, signed=True), "."]
    return para(*pieces)


def _dimension_words(ctx: Ctx, dim: str) -> tuple[str, str]:
    """Return how to name a dimension's two sides, with the ETF tickers it is measured on."""
    cfg = ctx.universe.regime.dimensions[dim]
    if cfg.pair == "sectors":
        return cfg.a_name, cfg.b_name
    pair = ctx.universe.pair(cfg.pair)

    return ctx.name(pair.a), ctx.name(pair.b)


def _best_dimension(ctx: Ctx) -> tuple[str, Fact, Fact] | None:
    best: tuple[str, Fact, Fact] | None = None
    for dim in ctx.universe.regime.dimensions:
        z = ctx.get(f"regime.{dim}.strength_z.63d")
        rel = ctx.get(f"regime.{dim}.relative_return.63d")
        if z is None or rel is None:
            continue
        if best is None or abs(_fv(z)) > abs(_fv(best[1])):
            best = (dim, z, rel)
    return best


# =================================================================== sections
def sections(ctx: Ctx) -> list[Section]:
    """Return the note's sections in order (charts are added by the caller)."""
    analysis = Section("analysis", "Integrated analysis", [
        Section("indices", "Index performance", _blocks(
            lambda: _session_paragraph(ctx), lambda: _ytd_paragraph(ctx),
            lambda: _index_table(ctx))),
        Section("size", "Small caps vs large caps", _blocks(
            lambda: _size_paragraph(ctx), lambda: _streak_paragraph(ctx),
            lambda: _rs_paragraph(ctx, "^RUT-^GSPC", "the Russell 2000", "the S&P 500"))),
        Section("style", "Value vs growth", _blocks(
            lambda: _style_paragraph(ctx), lambda: _vanguard_paragraph(ctx))),
        Section("international", "International and the dollar", _blocks(
            lambda: _intl_paragraph(ctx), lambda: _dollar_paragraph(ctx))),
        Section("sectors", "Sectors: leadership and dispersion", _blocks(
            lambda: _sector_leaders(ctx), lambda: _sector_dispersion(ctx),
            lambda: _sector_scores(ctx), lambda: _sector_table(ctx))),
        Section("technicals", "Technical position", _blocks(
            *[(lambda s=s: _tech_paragraph(ctx, s)) for s in TECH],
            lambda: _week_range(ctx), lambda: _week_table(ctx))),
        Section("breadth", "Breadth", _blocks(lambda: _breadth_paragraph(ctx))),
        Section("rates", "Rates", _blocks(lambda: _rates_paragraph(ctx))),
    ])
    for sub in analysis.blocks:
        if isinstance(sub, Section) and not sub.blocks:
            note = _no_reading(ctx, sub.key)
            if note is not None:
                sub.blocks.append(note)
    insights = Section("insights", "Key insights", _blocks(
        lambda: _agreement(ctx), lambda: _history_streak(ctx), lambda: _french(ctx),
        lambda: _rate_cuts(ctx), lambda: _horizon(ctx)))
    risks = Section("risks", "Risks and opportunities", _risks(ctx))
    try:
        watch = _monitoring(ctx)
    except Missing:
        watch = []
    monitor = Section("monitoring", "Monitoring", list(watch))
    summary = Section("summary", "Key information summary", _blocks(lambda: _summary(ctx)))
    # a section with nothing the data support (early history) is left out
    return [s for s in (analysis, insights, risks, monitor, summary) if s.blocks]


#: What each analysis section is measured on, to say why it has no reading.
_SECTION_DATA: dict[str, tuple[str, tuple[str, ...]]] = {
    "indices": ("index performance", ("^GSPC", "^RUT")),
    "size": ("small-versus-large", ("^RUT", "^GSPC")),
    "style": ("value-versus-growth", ("IWD", "IWF")),
    "international": ("international", ("EFA", "ACWX")),
    "sectors": ("sector", ("XLK", "XLE")),
    "technicals": ("technical", ("SPY", "IWM", "QQQ")),
    "breadth": ("breadth", ()),
    "rates": ("rates", ("DGS10", "DGS2")),
}


def _no_reading(ctx: Ctx, key: str) -> Paragraph | None:
    """Say why a section has nothing as of the date: its data end earlier."""
    if key not in _SECTION_DATA:
        return None
    topic, symbols = _SECTION_DATA[key]
    try:
        if symbols:
            last = max(ctx.store.date_range(s)[1] for s in symbols)
            whose = "the data for " + " and ".join(symbols) + " end"
        else:
            row = ctx.store.con.execute("SELECT max(date) FROM member_prices").fetchone()
            if row is None or row[0] is None:
                return None
            last = row[0]
            whose = "the S&P 500 members' closes in the data end"
    except RotoscopeError:
        return None
    if last >= ctx.session:
        return None  # the data are there; the section is empty for another reason
    # no date in the words: the claim checker would read it as the period of what follows
    see = " (see Data coverage)" if symbols else ""
    return para(f"There is no {topic} reading as of this date: {whose} before it{see}, "
                "and the note does not quote stale figures as current ones.")


# ------------------------------------------------------------------- indices
def _session_paragraph(ctx: Ctx) -> Paragraph:
    parts: list[Piece | None] = [
        "In the latest session, on ", ctx.term(f"{ctx.session:%A}, {long_date(ctx.session)}"),
        ", "]
    moves = []
    for s in INDICES:
        r = ctx.ret(s, "1d")
        close = ctx.f(f"tech.{s}.close")
        moves.append((s, r, close))
    for i, (s, r, close) in enumerate(moves):
        if i == len(moves) - 1:
            parts.append(" and ")
        elif i:
            parts.append(", ")
        parts += [ctx.name(s), " ", ctx.verb(r), " ", ctx.mag(r), " to close at ",
                  ctx.price(close, s)]
    parts.append(".")
    up = sum(_fv(r) > 0 for _, r, _ in moves)
    if up in (0, len(moves)):
        parts.append(" The move was " + ("broad: every major index rose."
                                         if up else "broad: every major index fell."))
    return para(*parts)


def _ytd_paragraph(ctx: Ctx) -> Paragraph:
    rets = sorted(((s, ctx.ret(s, "ytd")) for s in INDICES), key=lambda x: -_fv(x[1]))
    (first, r1), rest = rets[0], rets[1:]
    parts: list[Piece | None] = [
        "Year to date, ", ctx.name(first), " leads the major indices with ",
        "a gain of " if _fv(r1) > 0 else "a return of ",
        ctx.mag(r1) if _fv(r1) > 0 else ctx.num(r1), ", ahead of "]
    for i, (s, r) in enumerate(rest):
        if i == len(rest) - 1:
            parts.append(" and ")
        elif i:
            parts.append(", ")
        parts += [ctx.name(s), " (", ctx.num(r), ")"]
    parts.append(".")
    y1 = ctx.ret("^GSPC", "1y")
    parts += [" Over the past year the S&P 500 ", ctx.has(y1, _SCALE["1y"]), " ",
              ctx.mag(y1), "."]
    return para(*parts)


def _index_table(ctx: Ctx) -> Table:
    windows = ("1d", "wtd", "mtd", "ytd", "1y")
    rows: list[tuple[Piece, ...]] = []
    for s in INDICES:
        close = ctx.f(f"tech.{s}.close")
        rows.append((ctx.cap(ctx.name(s)).removeprefix("The "), ctx.price(close, s),
                     *(ctx.num(ctx.ret(s, w)) for w in windows)))
    return Table(f"Major indices, price return to {short_date(ctx.session)}",
                 ("Index", "Close", "1 day", "Week to date", "Month to date", "YTD", "1 year"),
                 tuple(rows), ("l", "r", "r", "r", "r", "r", "r"))


# ------------------------------------------------------------------- size
def _gap_words(value: float, lead: str = "a lead of", lag: str = "a shortfall of") -> str:
    return lead if value > 0 else lag


def _size_paragraph(ctx: Ctx) -> Paragraph:
    gap, ra, rb = ctx.spread("^RUT", "^GSPC", "ytd")
    rel21 = ctx.f("regime.size.relative_return.21d")
    z = ctx.f("regime.size.strength_z.21d")
    ahead = _fv(gap) > 0
    opening = ctx.pick("size-open", ("Small caps are setting the pace.",
                                     "Small caps remain the story of the tape.")) \
        if ahead else "Large caps keep the upper hand."
    parts: list[Piece | None] = [
        opening, " The Russell 2000 ", ctx.has(ra, _SCALE["ytd"]), " ", ctx.mag(ra),
        " year to date against ", ctx.num(rb), " for the S&P 500, ",
        _gap_words(_fv(gap)), " ", ctx.mag(gap), " percentage points. ",
        "Over the past ", ctx.term("21"), " sessions ",
        "small caps are ahead by " if _fv(rel21) > 0 else "small caps trail by ",
        ctx.mag(rel21), " percentage points on a total-return basis, a z-score of ",
        ctx.num(z, signed=True), " against the pair's own history: ",
        {"at an extreme pace": "an extreme reading", "strongly": "a strong reading",
         "modestly": "within the ordinary range"}[_strength(_fv(z))], "."]
    return para(*parts)


def _current_streak(ctx: Ctx, a: str, b: str) -> tuple[str, str, Fact] | None:
    """Return (leader, lagger, length fact) of the current streak of the pair."""
    for lead, lag in ((a, b), (b, a)):
        f = ctx.get(f"streak.{lead}-{lag}.adj_close.length")
        if f is not None and _fv(f) > 0:
            return lead, lag, f
    return None


def _streak_paragraph(ctx: Ctx) -> Paragraph:
    found = _current_streak(ctx, "^RUT", "^GSPC")
    if found is None:
        raise Missing("streak")
    lead, lag, length = found
    key = f"streak.{lead}-{lag}.adj_close"
    start = ctx.f(f"{key}.start")
    n = int(_fv(length))
    earlier = ctx.f(f"{key}.history_count")
    at_least = ctx.f(f"{key}.count_at_least")
    rank = ctx.f(f"{key}.rank")
    parts: list[Piece | None] = [
        ctx.cap(ctx.name(lead)), " has beaten ", ctx.name(lag), " for ",
        ctx.count(length), " consecutive ", ctx.plural(n, "session", "sessions"),
        " on a total-return basis" if n == 1 else ", a run that began on ",
        None if n == 1 else ctx.date(start), ". "]
    share = _fv(at_least) / max(_fv(earlier), 1)
    since = ctx.get(f"{key}.longest_since")
    since_len = ctx.get(f"{key}.longest_since_length")
    if n >= 5 and since is not None and since_len is not None and \
            isinstance(since.value, dt.date) and (ctx.session - since.value).days > 365:
        parts += ["That is the longest such streak since ",
                  Num(since, f"{since.value:%B %Y}"), ", when a run of ", ctx.count(since_len),
                  " sessions ended. "]
    if share <= 0.05:
        parts += ["Only ", ctx.count(at_least), " of ", ctx.count(earlier),
                  " earlier runs of the same side were as long; it ranks ",
                  Num(rank, ordinal(int(_fv(rank)))), " in the pair's history."]
    elif _fv(at_least) == _fv(earlier):
        parts += ["Runs like it are common: every one of the ", ctx.count(earlier),
                  " earlier runs of the same side was at least as long."]
    else:
        parts += ["Runs like it are common: ", ctx.count(at_least), " of the ",
                  ctx.count(earlier), " earlier runs of the same side were at least as long."]
    return para(*parts)


def _rs_paragraph(ctx: Ctx, pair: str, a_words: str, b_words: str) -> Paragraph:
    dist = ctx.f(f"rs.{pair}.distance_sma50")
    hi = ctx.f(f"rs.{pair}.sessions_since_high_63")
    lo = ctx.f(f"rs.{pair}.sessions_since_low_63")
    above = _fv(dist) > 0
    parts: list[Piece | None] = [
        "The relative-strength ratio of ", a_words, " to ", b_words, " sits ",
        ctx.mag(dist), " above" if above else " below", " its own ", ctx.term("50"),
        "-session mean"]
    if _fv(hi) == 0:
        parts.append(", and it set a fresh three-month high in the latest session.")
    elif _fv(lo) == 0:
        parts.append(", and it set a fresh three-month low in the latest session.")
    else:
        parts += ["; its last three-month high came ", ctx.count(hi), " ",
                  ctx.plural(_fv(hi), "session", "sessions"), " ago."]
    return para(*parts)


# ------------------------------------------------------------------- style
def _style_paragraph(ctx: Ctx) -> Paragraph:
    gap, ra, rb = ctx.spread("IWD", "IWF", "ytd")
    rel21 = ctx.f("regime.style.relative_return.21d")
    lead = ctx.f("regime.style.direction")
    persist = ctx.f("regime.style.persistence")
    basis = "on a total-return basis" if ra.method == "total_return" else "in price terms"
    value_ahead = _fv(gap) > 0
    parts: list[Piece | None] = [
        "Value " + ("leads growth" if value_ahead else "trails growth") + " this year. ",
        ctx.cap(basis), ", the iShares Russell 1000 Value ETF (IWD) ",
        ctx.has(ra, _SCALE["ytd"]), " ", ctx.mag(ra), " year to date against ",
        ctx.num(rb), " for the growth ETF (IWF), ", _gap_words(_fv(gap)), " ", ctx.mag(gap),
        " percentage points. Over the past ", ctx.term("21"), " sessions IWD is ",
        "ahead of" if _fv(rel21) > 0 else "behind", " IWF by ", ctx.mag(rel21),
        " percentage points. ",
        ctx.cap(str(lead.value)), " has held the lead on a ", ctx.term("63"),
        "-session view for ", ctx.count(persist), " ",
        ctx.plural(_fv(persist), "session", "sessions"), "."]
    return para(*parts)


def _vanguard_paragraph(ctx: Ctx) -> Paragraph:
    gap, ra, rb = ctx.spread("VTV", "VUG", "30d")
    agree = (_fv(gap) > 0) == (_fv(ctx.f("regime.style.relative_return.21d")) > 0)
    parts: list[Piece | None] = [
        "The Vanguard pair " + ("tells the same story" if agree else "tells a different story"),
        ": over the past ", ctx.term("30"), " sessions VTV ", ctx.has(ra, _SCALE["30d"]),
        " ", ctx.mag(ra), " and VUG ", ctx.has(rb, _SCALE["30d"]), " ", ctx.mag(rb),
        " (total return)" if ra.method == "total_return" else " (price return)",
        ", a spread of ", ctx.pts(gap), " percentage points."]
    return para(*parts)


# ------------------------------------------------------------------- international
def _intl_paragraph(ctx: Ctx) -> Paragraph:
    gap, ra, rb = ctx.spread("EFA", "SPY", "ytd")
    g2, a2, _ = ctx.spread("ACWX", "SPY", "ytd")
    lead = _fv(gap) > 0
    parts: list[Piece | None] = [
        "Outside the US, " + ("developed markets are ahead. " if lead else
                              "developed markets lag. "),
        "On a total-return basis " if ra.method == "total_return" else "In price terms ",
        "EFA ", ctx.has(ra, _SCALE["ytd"]), " ", ctx.mag(ra),
        " year to date and SPY ", ctx.num(rb), ", ", _gap_words(_fv(gap)), " ",
        ctx.mag(gap), " percentage points. ",
        "On a total-return basis" if a2.method == "total_return" else "In price terms",
        " the broader ACWX has returned ", ctx.num(a2), ", ", _gap_words(_fv(g2)), " ",
        ctx.mag(g2), " percentage points against SPY over the same stretch."]
    return para(*parts)


def _dollar_paragraph(ctx: Ctx) -> Paragraph:
    level = ctx.f("macro.DTWEXBGS.level")
    chg = ctx.f("macro.DTWEXBGS.change.21d")
    weaker = _fv(chg) < 0
    parts: list[Piece | None] = [
        "The dollar is " + ("a tailwind for dollar-based holders of foreign stocks: "
                            if weaker else "a headwind for dollar-based holders of foreign "
                            "stocks: "),
        "FRED's trade-weighted broad dollar index stands at ", ctx.num(level, signed=False),
        ", ", "down " if weaker else "up ", ctx.mag(chg), " over its last ", ctx.term("21"),
        " daily observations."]
    return para(*parts)


# ------------------------------------------------------------------- sectors
def _sector_key(ctx: Ctx) -> str:
    return "sector." + "-".join(ctx.universe.sectors)


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


def _sector_leaders(ctx: Ctx) -> Paragraph:
    parts: list[Piece | None] = []
    for w, intro in (("5d", "Over the past five sessions, "), ("ytd", "Year to date, ")):
        rets = sector_returns(ctx, w)
        if len(rets) < len(ctx.universe.sectors):
            continue
        order = sorted(rets, key=lambda s: -_fv(rets[s]))
        lead, lag = order[0], order[-1]
        rl, rg = rets[lead], rets[lag]
        kind = "a total return" if rl.method == "total_return" else "a price return"
        parts += [intro, ctx.name(lead), " led the sectors with ", kind, " of ",
                  ctx.num(rl), ", while ", ctx.name(lag), " brought up the rear at ",
                  ctx.num(rg), " (", "total return" if rg.method == "total_return"
                  else "price return", "). "]
    cmd = ctx.get(f"{_sector_key(ctx)}.cyclical_minus_defensive.30d")
    if cmd is not None:
        parts += ["Across the past ", ctx.term("30"), " sessions the cyclical sectors, "
                  "equally weighted, are ", "ahead of" if _fv(cmd) > 0 else "behind",
                  " the defensive ones by ", ctx.mag(cmd), " percentage points."]
    if not parts:
        raise Missing("sector returns")
    return para(*parts)


def _sector_dispersion(ctx: Ctx) -> Paragraph:
    key = _sector_key(ctx)
    std = ctx.f(f"{key}.dispersion_std.21d")
    pct = ctx.f(f"{key}.dispersion_percentile.21d")
    p = _fv(pct)
    mood = ("Sector returns are unusually far apart" if p >= 90 else
            "Sector returns are unusually bunched" if p <= 10 else
            "Sector dispersion is unremarkable")
    return para(
        mood, ": the cross-sectional standard deviation of ", ctx.term("21"),
        "-session sector returns is ", ctx.mag(std), " points, in the ",
        Num(pct, ordinal(round(p))), " percentile of its daily history. ",
        "High dispersion means the choice of sector matters more than usual."
        if p >= 75 else "")


def _sector_scores(ctx: Ctx) -> Paragraph:
    ranked = []
    for s in ctx.universe.sectors:
        f = ctx.get(f"sector.{s}-SPY.score")
        if f is not None:
            ranked.append((s, f))
    if len(ranked) < 3:
        raise Missing("sector scores")
    ranked.sort(key=lambda x: -_fv(x[1]))
    top, bottom = ranked[:3], ranked[-1]
    parts: list[Piece | None] = [
        "On rotoscope's sector score, which blends relative strength against SPY over ",
        ctx.term("21"), ", ", ctx.term("63"), " and ", ctx.term("126"),
        " sessions into a grade out of a hundred, "]
    for i, (s, f) in enumerate(top):
        parts += [", " if i == 1 else ", then " if i == 2 else "", ctx.name(s, short=True),
                  " scores ", ctx.num(f)]
    parts += ["; ", ctx.name(bottom[0], short=True), " is last with ", ctx.num(bottom[1]), "."]
    return para(*parts)


def _sector_table(ctx: Ctx) -> Table:
    windows = ("1d", "5d", "30d", "ytd")
    by_window = {w: sector_returns(ctx, w) for w in windows}
    if len(by_window["1d"]) < len(ctx.universe.sectors):
        raise Missing("sector returns")
    rows = []
    sort_key = by_window["30d"] if len(by_window["30d"]) == len(ctx.universe.sectors) \
        else by_window["1d"]
    order = sorted(ctx.universe.sectors, key=lambda s: -_fv(sort_key[s]))
    for s in order:
        meta = ctx.universe.meta(s)
        group = meta.group if meta and meta.group else ""
        score = ctx.get(f"sector.{s}-SPY.score")
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
def _tech_paragraph(ctx: Ctx, s: str) -> Paragraph:
    close = ctx.f(f"tech.{s}.close")
    d50 = ctx.f(f"tech.{s}.distance_sma50")
    d200 = ctx.f(f"tech.{s}.distance_sma200")
    s50 = ctx.f(f"tech.{s}.sma50")
    dd = ctx.f(f"tech.{s}.drawdown_52w")
    parts: list[Piece | None] = [
        s, " closed at ", ctx.price(close, s), ", ", ctx.mag(d50),
        " above" if _fv(d50) > 0 else " below", " its ", ctx.term("50"),
        "-day moving average of ", ctx.price(s50, s), " and ", ctx.mag(d200),
        " above" if _fv(d200) > 0 else " below", " its ", ctx.term("200"),
        "-day moving average. "]
    if _fv(dd) > -0.005:
        parts.append("It is at its highest close of the past year.")
    else:
        parts += ["It is ", ctx.mag(dd), " below its highest close of the past year."]
    return para(*parts)


def _week_range(ctx: Ctx) -> Paragraph:
    _, complete_end = ctx.week_sessions()
    parts: list[Piece | None] = [
        "In the week that ended on ", ctx.term(long_date(complete_end)), ", "]
    for i, s in enumerate(TECH):
        facts = ctx.technicals_at(s, complete_end)
        iso = complete_end.isoformat()
        try:
            lo, hi, rng = (facts[f"tech.{s}.{k}@{iso}"] for k in ("week_low", "week_high",
                                                                   "week_range"))
        except KeyError as exc:
            raise Missing(f"weekly range of {s} on {iso}") from exc
        if i == len(TECH) - 1:
            parts.append(" and ")
        elif i:
            parts.append(", ")
        parts += [s, " traded in a ", ctx.mag(rng), " weekly range, from ", ctx.price(lo, s),
                  " to ", ctx.price(hi, s)]
    parts.append(" (closing prices).")
    return para(*parts)


def _week_table(ctx: Ctx) -> Table:
    days, _ = ctx.week_sessions()
    by_symbol: dict[str, dict[str, Fact]] = {}
    for s in TECH:
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
        for s in TECH:
            close = by_symbol[s].get(f"tech.{s}.week_close.{d.isoformat()}")
            chg = by_symbol[s].get(f"tech.{s}.week_change.{d.isoformat()}")
            if close is None or chg is None:
                raise Missing(f"{s} close on {d}")
            row += [ctx.price(close, s), ctx.num(chg)]
        rows.append(tuple(row))
    header = ("Date", *[h for s in TECH for h in (f"{s} close", "change")])
    align: list[Literal["l", "r"]] = ["l"]
    align += ["r"] * (2 * len(TECH))
    return Table("Daily closes and changes (price, no dividends)", header, tuple(rows),
                 tuple(align))


# ------------------------------------------------------------------- breadth, rates
def _breadth_paragraph(ctx: Ctx) -> Paragraph:
    b = "breadth.S&P 500 members"
    a50, a200 = ctx.f(f"{b}.pct_above_sma50"), ctx.f(f"{b}.pct_above_sma200")
    adv, dec = ctx.f(f"{b}.advances"), ctx.f(f"{b}.declines")
    nh, nl = ctx.f(f"{b}.new_highs"), ctx.f(f"{b}.new_lows")
    ad21 = ctx.f(f"{b}.ad_line_change.21d")
    healthy = _fv(a200) >= 50
    when = dt.date.fromisoformat(str(adv.params.get("date", ctx.session.isoformat())))
    day_words: tuple[Piece, ...] = ("In the latest session ",) if when == ctx.session else (
        "On ", ctx.term(long_date(when)), ", the panel's latest date, ")
    return para(
        "Participation is " + ("healthy" if healthy else "thin") + ". Of the index's members, ",
        ctx.num(a50, signed=False), " trade above their ", ctx.term("50"), "-session average "
        "and ", ctx.num(a200, signed=False), " above their ", ctx.term("200"),
        "-session average. ", *day_words, ctx.count(adv), " members rose and ",
        ctx.count(dec), " fell; ", ctx.count(nh), " set ", ctx.term("52"),
        "-week closing highs against ", ctx.count(nl), " closing lows. The advance-decline "
        "line has moved by ", ctx.num(ad21, signed=True), " over ", ctx.term("21"),
        " sessions. These counts use today's membership for every date, so they lean towards "
        "survivors.")


def _rates_paragraph(ctx: Ctx) -> Paragraph:
    y10, y2 = ctx.f("macro.DGS10.level"), ctx.f("macro.DGS2.level")
    slope = ctx.f("macro.DGS10-DGS2.slope")
    c10 = ctx.f("macro.DGS10.change.21d")
    dff = ctx.f("macro.DFF.level")
    steeper = _fv(slope) > 0
    return para(
        "In rates, the ten-year Treasury yield (DGS10) stands at ",
        Num(y10, f"{_fv(y10):.2f}%"), " and the two-year (DGS2) at ",
        Num(y2, f"{_fv(y2):.2f}%"), ", so the yield curve from two to ten years is ",
        "positively sloped by " if steeper else "inverted by ", ctx.mag(slope),
        " percentage points. DGS10 has moved ", ctx.pts(c10),
        " percentage points over its last ", ctx.term("21"), " daily observations, and the "
        "effective federal funds rate (DFF) is ", Num(dff, f"{_fv(dff):.2f}%"), ".")


# =================================================================== insights
def _agreement(ctx: Ctx) -> Paragraph:
    parts: list[Piece | None] = ["Do the dimensions agree? "]
    items: list[list[Piece | None]] = []
    for dim, cfg in ctx.universe.regime.dimensions.items():
        lead = ctx.get(f"regime.{dim}.direction")
        persist = ctx.get(f"regime.{dim}.persistence")
        if lead is None or persist is None:
            continue
        ahead = str(lead.value)
        other = cfg.b_name if ahead == cfg.a_name else cfg.a_name
        items.append([Num(lead, ahead), " over ", other, " (for ", ctx.count(persist), " ",
                      ctx.plural(_fv(persist), "session", "sessions"), ")"])
    if not items:
        raise Missing("regime")
    parts.append("On a ")
    parts += [ctx.term("63"), "-session view the leaders are "]
    for i, it in enumerate(items):
        parts += [", " if 0 < i < len(items) - 1 else "; and " if i else ""]
        parts += it
    parts.append(". ")
    side = ctx.f("regime.overall.side")
    parts.append({"broadening": "Together they describe a broadening market, in which "
                  "leadership spreads beyond the largest growth names.",
                  "concentrating": "Together they describe a market in which leadership "
                  "is concentrating in large US growth names.",
                  "split": "They do not add up to one story."}[str(side.value)])
    return para(*parts)


def _history_streak(ctx: Ctx) -> Paragraph:
    found = _current_streak(ctx, "^RUT", "^GSPC")
    if found is None:
        raise Missing("streak")
    lead, lag, length = found
    n = int(_fv(length))
    if n < 3:
        raise Missing("short streak")
    k = f"followthrough.{lead}-{lag}.adj_close.L{n}"
    cnt = ctx.f(f"{k}.n.21d")
    mean, hit = ctx.f(f"{k}.mean.21d"), ctx.f(f"{k}.hit_rate.21d")
    return para(
        "History offers a guide to what comes after streaks like this one. Across the ",
        ctx.count(cnt), " earlier occasions on which ", ctx.name(lead), " reached ",
        Num(length, str(n)), " straight sessions ahead of ", ctx.name(lag),
        ", it led over the following ", ctx.term("21"), " sessions ", Num(hit, hit.formatted()),
        " of the time, by an average of ", ctx.pts(mean), " percentage points.")


def _french(ctx: Ctx) -> Paragraph:
    share = ctx.f("ff.SMB.rolling10y.share")
    cur = ctx.f("ff.SMB.rolling10y.current")
    jan = ctx.f("ff.SMB.season.january_share")
    years = ctx.f("ff.SMB.season.january_years")
    first_share = ctx.f("ff.SMB.season.first_n_share")
    first_cur = ctx.f("ff.SMB.season.first_n_current")
    first_n = ctx.f("ff.SMB.season.first_n_sessions")
    return para(
        "The long record puts the size trade in context. In the Fama-French data, small "
        "stocks beat big ones in ", Num(share, share.formatted()), " of rolling ten-year "
        "windows, yet the latest ten years compound to ", ctx.num(cur), " for the size factor. "
        "Seasonality is a weaker guide than its reputation: small beat big in ",
        Num(jan, jan.formatted()), " of ", ctx.count(years), " Januaries, and over the first ",
        ctx.count(first_n), " sessions of a year in ", Num(first_share, first_share.formatted()),
        " of years; this year the factor stands at ", ctx.num(first_cur), " over that stretch.")


def _rate_cuts(ctx: Ctx) -> Paragraph:
    k = "event.rate_cut-small_minus_large"
    starts = ctx.f(f"{k}.starts")
    last = ctx.f(f"{k}.last_start")
    parts: list[Piece | None] = [
        "Rate cuts are often cited as the small-cap catalyst. The data are less tidy: across ",
        ctx.count(starts), " starts of a Fed cutting cycle, the latest in ",
        Num(last, f"{last.value:%B %Y}"), ", the Russell 2000 beat the S&P 500 "]
    for i, (h, words) in enumerate((("63d", "three months"), ("252d", "year"))):
        hit, mean = ctx.f(f"{k}.hit_rate.{h}"), ctx.f(f"{k}.mean.{h}")
        parts += [" and " if i else "", "over the following ", words, " in ",
                  Num(hit, hit.formatted()), " of cycles (average ", ctx.pts(mean),
                  " percentage points)"]
    parts.append(".")
    return para(*parts)


def _horizon(ctx: Ctx) -> Paragraph:
    h = ctx.f("regime.overall.horizon")
    med = ctx.derive(h, "median_persistence", float(h.params.get("median_persistence", 0.0)),
                     "sessions", "median persistence of the agreeing dimensions")
    a200 = ctx.get("breadth.S&P 500 members.pct_above_sma200")
    tactical = h.value == "tactical"
    parts: list[Piece | None] = [
        "Tactical or structural? The rules call this rotation ", Num(h, str(h.value)),
        ". The agreeing dimensions have held their direction for a median of ",
        Num(med, f"{round(_fv(med))}"), " sessions, against the ",
        ctx.term(str(ctx.universe.regime.structural_min_sessions)),
        " a structural call needs"]
    if a200 is not None:
        parts += [", and ", ctx.num(a200, signed=False), " of S&P 500 members are above their ",
                  ctx.term("200"), "-session average"]
    parts.append(". " + ("Until the move persists and broadens, treat it as a trade rather "
                         "than a new regime." if tactical else
                         "Persistence and breadth both support a lasting shift."))
    return para(*parts)


# =================================================================== risks, monitoring
def _risks(ctx: Ctx) -> list[Paragraph | Table | Chart | Section]:
    items: list[Paragraph] = []
    # overextension
    for p in ctx.universe.pairs:
        if not p.primary:
            continue
        found = _current_streak(ctx, p.a, p.b)
        if found is None:
            continue
        lead, lag, length = found
        key = f"streak.{lead}-{lag}.adj_close"
        earlier, at_least = ctx.get(f"{key}.history_count"), ctx.get(f"{key}.count_at_least")
        if earlier is None or at_least is None or _fv(length) < 5 or \
                _fv(at_least) > 0.05 * _fv(earlier):
            continue
        k = f"followthrough.{lead}-{lag}.adj_close.L{int(_fv(length))}"
        hit, mean = ctx.get(f"{k}.hit_rate.21d"), ctx.get(f"{k}.mean.21d")
        tail: list[Piece | None] = []
        if hit is not None and mean is not None:
            tail = [" After the earlier ones the leader kept its lead over the next ",
                    ctx.term("21"), " sessions ", Num(hit, hit.formatted()),
                    " of the time (average ", ctx.pts(mean), " percentage points)."]
        items.append(para("Risk, overextension: ", lead, " has beaten ", lag, " for ",
                          ctx.count(length), " sessions in a row, a streak matched by only ",
                          ctx.count(at_least), " earlier runs.", *tail, kind="li"))
    # relative strength
    for theme, (_, pair, side_a, _b) in THEMES.items():
        d = ctx.get(f"rs.{pair}.distance_sma50")
        if d is None or abs(_fv(d)) < 2:
            continue
        word = "Opportunity, momentum" if _fv(d) > 0 else "Risk, fading relative strength"
        items.append(para(word, ": the ", theme.lower(), " ratio is ", ctx.mag(d),
                          " above" if _fv(d) > 0 else " below", " its ", ctx.term("50"),
                          "-session average, so ", side_a,
                          " have the wind behind them." if _fv(d) > 0 else
                          " are losing ground.", kind="li"))
    # defensive leadership
    key = _sector_key(ctx)
    lead30 = ctx.get(f"{key}.leader.30d")
    cmd = ctx.get(f"{key}.cyclical_minus_defensive.30d")
    if lead30 is not None and cmd is not None:
        meta = ctx.universe.meta(str(lead30.value))
        defensive = meta is not None and meta.group == "defensive"
        if defensive or _fv(cmd) < 0:
            items.append(para(
                "Risk, defensive leadership: ", Num(lead30, ctx.name(str(lead30.value))),
                " leads the sectors over ", ctx.term("30"), " sessions and cyclicals are ",
                "behind" if _fv(cmd) < 0 else "ahead of", " defensives by ", ctx.mag(cmd),
                " points, a pattern that often accompanies caution.", kind="li"))
    # dispersion
    pct = ctx.get(f"{key}.dispersion_percentile.21d")
    if pct is not None and (_fv(pct) >= 90 or _fv(pct) <= 10):
        high = _fv(pct) >= 90
        items.append(para(
            "Risk, fragmented market: " if high else "Opportunity cost, little rotation: ",
            "sector dispersion is in the ", Num(pct, ordinal(round(_fv(pct)))),
            " percentile of its history; " + ("sector bets will decide results, in both "
                                              "directions." if high else
                                              "sector choice has mattered little."),
            kind="li"))
    # breadth divergence
    b = "breadth.S&P 500 members"
    dd, a50 = ctx.get("tech.^GSPC.drawdown_52w"), ctx.get(f"{b}.pct_above_sma50")
    a200 = ctx.get(f"{b}.pct_above_sma200")
    if dd is not None and a50 is not None and _fv(dd) > -3 and _fv(a50) < 50:
        items.append(para(
            "Risk, breadth divergence: the S&P 500 is only ", ctx.mag(dd),
            " below its ", ctx.term("52-week"), " high, yet just ", ctx.num(a50, signed=False),
            " of its members are above their ", ctx.term("50"), "-session average.",
            kind="li"))
    try:
        ew, _, _ = ctx.spread("RSP", "SPY", "30d")
    except Missing:
        ew = None
    if a200 is not None and ew is not None and _fv(a200) > 60 and _fv(ew) > 0:
        items.append(para(
            "Opportunity, broad participation: ", ctx.num(a200, signed=False),
            " of members are above their ", ctx.term("200"), "-session average and the "
            "equal-weight S&P 500 (RSP) is ahead of SPY by ", ctx.mag(ew),
            " percentage points over ", ctx.term("30"), " sessions (total return).",
            kind="li"))
    if not items:
        items.append(para("None of the rules below is triggered today.", kind="li"))
    return [para("Each item comes from a fixed rule applied to the data; the rules are "
                 "set out under Methods."), *items]


def _monitoring(ctx: Ctx) -> list[Paragraph | Table | Chart | Section]:
    items: list[Paragraph] = []
    for pair, words in (("IWM-SPY", "IWM/SPY"), ("IWD-IWF", "IWD/IWF"),
                        ("EFA-SPY", "EFA/SPY")):
        r, m = ctx.get(f"rs.{pair}.ratio"), ctx.get(f"rs.{pair}.sma50")
        if r is None or m is None:
            continue
        above = _fv(r) > _fv(m)
        items.append(para(
            "The ", words, " ratio against its ", ctx.term("50"), "-session average: now ",
            ctx.num(r), " against ", ctx.num(m), "; a close back ",
            "below" if above else "above", " the average would "
            + ("end" if above else "reverse"), " the current ", "lead." if above else "lag.",
            kind="li"))
    for s in ("SPY", "IWM"):
        s50, s200 = ctx.get(f"tech.{s}.sma50"), ctx.get(f"tech.{s}.sma200")
        hi = ctx.get(f"tech.{s}.high_52w")
        if s50 is None or s200 is None or hi is None:
            continue
        items.append(para(
            s, ": the ", ctx.term("50"), "-day average at ", ctx.price(s50, s), ", the ",
            ctx.term("200"), "-day average at ", ctx.price(s200, s), " and the ",
            ctx.term("52-week"),
            " closing high at ", ctx.price(hi, s), ".", kind="li"))
    found = _current_streak(ctx, "^RUT", "^GSPC")
    if found is not None:
        lead, lag, length = found
        nxt = ctx.get(f"streak.{lead}-{lag}.adj_close.longest_since_length")
        if nxt is not None:
            items.append(para(
                "The streak: ", ctx.name(lead), " has beaten ", ctx.name(lag), " for ",
                ctx.count(length), " ", ctx.plural(_fv(length), "session", "sessions"),
                "; the last run at least as long lasted ", ctx.count(nxt), " ",
                ctx.plural(_fv(nxt), "session", "sessions"), ".", kind="li"))
    y10, slope = ctx.get("macro.DGS10.level"), ctx.get("macro.DGS10-DGS2.slope")
    if y10 is not None and slope is not None:
        items.append(para(
            "Rates: the ten-year yield (DGS10) at ", Num(y10, f"{_fv(y10):.2f}%"),
            " and the slope of the yield curve from two to ten years at ", ctx.pts(slope),
            " percentage points.", kind="li"))
    a200 = ctx.get("breadth.S&P 500 members.pct_above_sma200")
    if a200 is not None:
        items.append(para(
            "Breadth: the share of members above their ", ctx.term("200"),
            "-session average, now ", ctx.num(a200, signed=False), "; the regime rules need "
            "at least ", ctx.term(f"{ctx.universe.regime.breadth_confirm_pct_above_200:g}%"),
            " to call a broadening structural.", kind="li"))
    if not items:
        raise Missing("monitoring")
    return [para("Levels to watch in the sessions ahead:"), *items]


def _summary(ctx: Ctx) -> Table:
    rows: list[tuple[Piece, ...]] = []

    def add(label: str, fact: Fact | None, shown: Num | None = None) -> None:
        if fact is not None:
            rows.append((label, shown or ctx.num(fact)))

    add("S&P 500 close", ctx.get("tech.^GSPC.close"))
    add("S&P 500, year to date", ctx.get("return.^GSPC.price_return.ytd"))
    add("Russell 2000, year to date", ctx.get("return.^RUT.price_return.ytd"))
    for dim in ctx.universe.regime.dimensions:
        rel = ctx.get(f"regime.{dim}.relative_return.63d")
        cfg = ctx.universe.regime.dimensions[dim]
        add(f"{ctx.cap(cfg.a_name)} minus {cfg.b_name}, 63 sessions (pp)", rel)
    found = _current_streak(ctx, "^RUT", "^GSPC")
    if found is not None:
        lead, _, length = found
        add(f"Streak: {'Russell 2000' if lead == '^RUT' else 'S&P 500'} ahead (sessions)",
            length)
    key = _sector_key(ctx)
    lead30 = ctx.get(f"{key}.leader.30d")
    add("Leading sector, 30 sessions", lead30)
    pct = ctx.get(f"{key}.dispersion_percentile.21d")
    add("Sector dispersion, percentile", pct)
    add("Members above 200-session average", ctx.get(
        "breadth.S&P 500 members.pct_above_sma200"))
    y10 = ctx.get("macro.DGS10.level")
    if y10 is not None:
        add("Ten-year Treasury yield", y10, Num(y10, f"{_fv(y10):.2f}%"))
    side, horizon = ctx.get("regime.overall.side"), ctx.get("regime.overall.horizon")
    add("Regime", side)
    add("Horizon", horizon)
    if not rows:
        raise Missing("summary")
    return Table("Key numbers", ("Measure", "Value"), tuple(rows), ("l", "r"))

