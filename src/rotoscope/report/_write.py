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
from rotoscope.prose import Ctx, Missing, long_date, plural_subject
from rotoscope.report import _markets as markets
from rotoscope.report import _outlook as outlook
from rotoscope.report import _risks as risks_
from rotoscope.report import _sectors as sectors_
from rotoscope.report._model import Chart, Num, Paragraph, Piece, Section, Table, para
from rotoscope.report._rules import (
    MIN_BROAD_DIMENSIONS,
    RISK_RULES,
    STANCE_RULES,
    THEMES,
    Verdict,
    ctx_verdict,
    fv,
    scope_num,
    stances,
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
    """Return the headline of the rotation verdict (:func:`~._rules.verdict`)."""
    try:
        return ctx_verdict(ctx).headline
    except Missing:
        return f"Market rotation as of {long_date(ctx.session)}"


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
    out = list(ctx.universe.note.tickers)
    for key in ("leader", "laggard"):
        f = ctx.get(f"sector.{'-'.join(ctx.universe.sectors)}.{key}.30d")
        if f is not None and str(f.value) not in out:
            out.append(str(f.value))
    return tuple(out)


def dek(ctx: Ctx) -> Paragraph:
    """Return the summary paragraph under the title: the verdict, then its strongest reading."""
    v = ctx_verdict(ctx)
    pieces: list[Piece | None] = [*verdict_sentence(ctx, v), " "]
    if v.lead is not None:
        dim, z, rel = v.lead
        a, b = _dimension_words(ctx, dim)
        first, second = (a, b) if fv(rel) > 0 else (b, a)
        cfg = ctx.universe.regime.dimensions[dim]
        pieces += ["The strongest reading is ", cfg.a_name, " against ", cfg.b_name, ": ",
                   first, " are ahead of " if plural_subject(first) else " is ahead of ",
                   second, " by ", ctx.mag(rel), " percentage points over ", ctx.term("63"),
                   " sessions on a total-return basis, a z-score of ",
                   ctx.num(z, signed=True), "."]
    return para(*pieces)


def verdict_sentence(ctx: Ctx, v: Verdict) -> tuple[Piece, ...]:
    """Return the first sentence of the summary: the verdict in words, as the headline says it."""
    agree, horizon = v.facts["agree"], v.facts["horizon"]
    move: tuple[Piece, ...] = ("a ", scope_num(ctx, v), " and ",
                               Num(horizon, str(horizon.value)), " move.")
    if v.side == "split":
        return ("The rotation is split: the dimensions with data divide evenly between "
                "broadening and concentrating, a ", Num(horizon, str(horizon.value)),
                " reading at best.")
    leaning = "broadening" if v.side == "broadening" else "concentration"
    if v.of == 1:
        return (f"The rotation leans towards {leaning}, but only one regime dimension has "
                "data as of this date, too few to call it broad: ", *move)
    total = ctx.derive(agree, "of", v.of, "count", "regime dimensions with data",
                       "regime_rules")
    counted: tuple[Piece, ...] = (
        ("all ", ctx.count(total), " dimensions with data point that way")
        if v.agree == v.of else
        (ctx.count(agree), " of the ", ctx.count(total), " dimensions with data ",
         ctx.plural(fv(agree), "points", "point"), " that way"))
    if v.scope == "broad":
        return (f"The rotation is {v.side}: ", *counted, ", ", *move)
    few = ", too few to call a broad rotation" if v.of < MIN_BROAD_DIMENSIONS else ""
    return (f"The rotation leans towards {leaning}, but narrowly: ", *counted, few, "; ",
            *move)


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
    size = ctx.pair(ctx.universe.note.size)
    analysis = Section("analysis", "Integrated analysis", [
        Section("indices", "Index performance", _blocks(
            lambda: markets.session_paragraph(ctx), lambda: markets.ytd_paragraph(ctx),
            lambda: markets.index_table(ctx))),
        Section("size", "Small caps vs large caps", _blocks(
            lambda: markets.size_paragraph(ctx), lambda: markets.streak_paragraph(ctx),
            lambda: markets.rs_paragraph(ctx, "-".join(size), ctx.name(size[0]),
                                         ctx.name(size[1])))),
        Section("style", "Value vs growth", _blocks(
            lambda: markets.style_paragraph(ctx), lambda: markets.vanguard_paragraph(ctx))),
        Section("international", "International and the dollar", _blocks(
            lambda: markets.intl_paragraph(ctx), lambda: markets.dollar_paragraph(ctx))),
        Section("sectors", "Sectors: leadership and dispersion", _blocks(
            lambda: sectors_.sector_leaders(ctx), lambda: sectors_.sector_dispersion(ctx),
            lambda: sectors_.sector_scores(ctx), lambda: sectors_.sector_table(ctx))),
        Section("technicals", "Technical position", _blocks(
            *[(lambda s=s: sectors_.tech_paragraph(ctx, s)) for s in ctx.universe.note.technicals],
            lambda: sectors_.week_range(ctx), lambda: sectors_.week_table(ctx))),
        Section("breadth", "Breadth", _blocks(lambda: sectors_.breadth_paragraph(ctx))),
        Section("rates", "Rates", _blocks(lambda: sectors_.rates_paragraph(ctx))),
    ])
    for sub in analysis.blocks:
        if isinstance(sub, Section) and not sub.blocks:
            note = _no_reading(ctx, sub.key)
            if note is not None:
                sub.blocks.append(note)
    # a sub-section with nothing to say and no reason to give is left out
    analysis.blocks = [b for b in analysis.blocks if not isinstance(b, Section) or b.blocks]
    insights = Section("insights", "Key insights", _blocks(
        lambda: outlook.agreement(ctx), lambda: outlook.history_streak(ctx),
        lambda: outlook.french(ctx), lambda: outlook.rate_cuts(ctx),
        lambda: outlook.horizon(ctx)))
    risks = Section("risks", "Risks and opportunities", risks_.risks(ctx))
    try:
        watch = outlook.monitoring(ctx)
    except Missing:
        watch = []
    monitor = Section("monitoring", "Monitoring", list(watch))
    summary = Section("summary", "Key information summary", _blocks(lambda: outlook.summary(ctx)))
    # a section with nothing the data support (early history) is left out
    return [s for s in (analysis, insights, risks, monitor, summary) if s.blocks]


def _section_data(ctx: Ctx) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Return what each analysis section is measured on, to say why it has no reading."""
    note = ctx.universe.note
    size = ctx.pair(note.size)
    return {
        "indices": ("index performance", (note.indices[0], size[0])),
        "size": ("small-versus-large", size),
        "style": ("value-versus-growth", ctx.pair(note.style)),
        "international": ("international",
                          tuple(ctx.pair(p)[0] for p in note.international)),
        "sectors": ("sector", tuple(ctx.universe.sectors)),
        "technicals": ("technical", note.technicals),
        "breadth": ("breadth", ()),
        "rates": ("rates", note.rates),
    }


def _no_reading(ctx: Ctx, key: str) -> Paragraph | None:
    """Say why a section has nothing as of the date: its data begin after it or end before it.

    No date is put in the words: the claim checker would read it as the period of
    what follows.
    """
    data = _section_data(ctx)
    if key not in data:
        return None
    topic, symbols = data[key]
    try:
        if symbols:
            spans = {s: ctx.store.date_range(s) for s in symbols}
        else:
            first, last = ctx.store.member_range()
            if first is None or last is None:
                return None
            spans = {"the S&P 500 members' closes": (first, last)}
    except RotoscopeError:
        return None
    late = [s for s, (first, _) in spans.items() if first > ctx.session]
    ended = [s for s, (_, last) in spans.items() if last < ctx.session]
    see = " (see Data coverage)" if symbols else ""
    if late:
        whose = _series_words(late, bool(symbols))
        return para(f"There is no {topic} reading as of this date: {whose} begin after it.")
    if ended:
        whose = _series_words(ended, bool(symbols))
        return para(f"There is no {topic} reading as of this date: {whose} "
                    f"end before it{see}, "
                    "and the note does not quote stale figures as current ones.")
    return para(f"There is no {topic} reading as of this date: the data for "
                f"{' and '.join(symbols) or 'it'} do not yet span the windows it needs.")


def _series_words(symbols: list[str], tickers: bool) -> str:
    if not tickers:
        return symbols[0]
    names = symbols if len(symbols) < 4 else [*symbols[:2], "others"]
    joined = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    return f"the data for {joined}"
