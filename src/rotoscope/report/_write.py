"""The note's words: each section written from the facts, by documented rules.

Nothing here states a number that is not a fact: numbers enter the text only as
:class:`~._model.Num` pieces made by :class:`~._context.Ctx`, and a sentence
whose facts are missing is left out (:class:`~._context.Missing`). The rules
that set stances, risks and opportunities are in :data:`STANCE_RULES` and
:data:`RISK_RULES` and in ``docs/report.md``.
"""

from __future__ import annotations

from collections.abc import Callable

from rotoscope.exceptions import RotoscopeError
from rotoscope.report import _markets as markets
from rotoscope.report import _outlook as outlook
from rotoscope.report import _sectors as sectors_
from rotoscope.report._context import Ctx, Missing, long_date
from rotoscope.report._model import Chart, Num, Paragraph, Piece, Section, Table, para
from rotoscope.report._rules import (
    RISK_RULES,
    STANCE_RULES,
    THEMES,
    best_dimension,
    fv,
    stances,
    strength,
)
from rotoscope.report._sectors import coverage

__all__ = [
    "RISK_RULES",
    "STANCE_RULES",
    "THEMES",
    "coverage",
    "dek",
    "sections",
    "stances",
    "tags",
    "tickers",
    "title",
]


def _try(fn: Callable[[], Paragraph | Table | None]) -> Paragraph | Table | None:
    try:
        return fn()
    except Missing:
        return None


def _blocks(*makers: Callable[[], Paragraph | Table | None]
            ) -> list[Paragraph | Table | Chart | Section]:
    return [b for b in (_try(m) for m in makers) if b is not None]



def title(ctx: Ctx) -> str:
    """Return a title drawn from the regime: its side and its strongest dimension."""
    side = ctx.get("regime.overall.side")
    best = best_dimension(ctx)
    lead = ctx.get(f"regime.{best[0]}.direction") if best is not None else None
    if side is None or best is None or lead is None:
        return f"Market rotation as of {long_date(ctx.session)}"
    leader = ctx.cap(str(lead.value))
    verb = "leads" if not leader.lower().endswith("s") or leader.lower().startswith("the ") \
        else "lead"
    head = {"broadening": "Rotation broadens", "concentrating": "Leadership narrows",
            "split": "A split market"}[str(side.value)]
    return f"{head}: {leader} {verb} {strength(fv(best[1]))}"


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
    lead = best_dimension(ctx)
    pieces: list[Piece | None] = []
    word = {"broadening": "broadening", "concentrating": "concentrating",
            "split": "split"}[str(side.value)]
    if word == "split":
        pieces += ["The rotation is split: the dimensions divide evenly between broadening "
                   "and concentrating. "]
    else:
        if fv(total) == 1:
            pieces += [f"The rotation is {word}: the only dimension the data cover as of "
                       "this date points that way, a ", Num(scope, str(scope.value)), " and ",
                       Num(horizon, str(horizon.value)), " move. "]
        else:
            pieces += [f"The rotation is {word}: ", ctx.count(agree), " of ",
                       ctx.count(total), " dimensions ",
                       ctx.plural(fv(agree), "points", "point"), " the same way, a ",
                       Num(scope, str(scope.value)), " and ", Num(horizon, str(horizon.value)),
                       " move. "]
    if lead is not None:
        dim, z, rel = lead
        a, b = _dimension_words(ctx, dim)
        ahead = fv(rel) > 0
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




# =================================================================== sections
def sections(ctx: Ctx) -> list[Section]:
    """Return the note's sections in order (charts are added by the caller)."""
    analysis = Section("analysis", "Integrated analysis", [
        Section("indices", "Index performance", _blocks(
            lambda: markets.session_paragraph(ctx), lambda: markets.ytd_paragraph(ctx),
            lambda: markets.index_table(ctx))),
        Section("size", "Small caps vs large caps", _blocks(
            lambda: markets.size_paragraph(ctx), lambda: markets.streak_paragraph(ctx),
            lambda: markets.rs_paragraph(ctx, "^RUT-^GSPC", "the Russell 2000", "the S&P 500"))),
        Section("style", "Value vs growth", _blocks(
            lambda: markets.style_paragraph(ctx), lambda: markets.vanguard_paragraph(ctx))),
        Section("international", "International and the dollar", _blocks(
            lambda: markets.intl_paragraph(ctx), lambda: markets.dollar_paragraph(ctx))),
        Section("sectors", "Sectors: leadership and dispersion", _blocks(
            lambda: sectors_.sector_leaders(ctx), lambda: sectors_.sector_dispersion(ctx),
            lambda: sectors_.sector_scores(ctx), lambda: sectors_.sector_table(ctx))),
        Section("technicals", "Technical position", _blocks(
            *[(lambda s=s: sectors_.tech_paragraph(ctx, s)) for s in markets.TECH],
            lambda: sectors_.week_range(ctx), lambda: sectors_.week_table(ctx))),
        Section("breadth", "Breadth", _blocks(lambda: sectors_.breadth_paragraph(ctx))),
        Section("rates", "Rates", _blocks(lambda: sectors_.rates_paragraph(ctx))),
    ])
    for sub in analysis.blocks:
        if isinstance(sub, Section) and not sub.blocks:
            note = _no_reading(ctx, sub.key)
            if note is not None:
                sub.blocks.append(note)
    insights = Section("insights", "Key insights", _blocks(
        lambda: outlook.agreement(ctx), lambda: outlook.history_streak(ctx),
        lambda: outlook.french(ctx), lambda: outlook.rate_cuts(ctx),
        lambda: outlook.horizon(ctx)))
    risks = Section("risks", "Risks and opportunities", outlook.risks(ctx))
    try:
        watch = outlook.monitoring(ctx)
    except Missing:
        watch = []
    monitor = Section("monitoring", "Monitoring", list(watch))
    summary = Section("summary", "Key information summary", _blocks(lambda: outlook.summary(ctx)))
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


