"""Risks and opportunities in words: each triggered rule said from its own facts.

The rules are in :func:`~._rules.findings`; here each finding becomes a list item
that names the sector or theme, how far it has gone and since when. The wording
follows the facts (a fresh three-month high, a lead the longer trend still
supports, a defensive sector at the top while cyclicals are ahead...), so two
findings of the same rule rarely read alike.
"""

from __future__ import annotations

from collections.abc import Callable

from rotoscope.facts import Fact, ordinal
from rotoscope.prose import Ctx, plural_subject
from rotoscope.report._model import Chart, Num, Paragraph, Piece, Section, Table, para
from rotoscope.report._rules import THEMES, Finding, findings, fv, theme_pair

__all__ = ["risks"]

Pieces = list[Piece | None]


def _verb(subject: str, one: str, many: str) -> str:
    return many if plural_subject(subject) else one


def _overextension(ctx: Ctx, f: Finding) -> Pieces:
    lead, lag = f.theme.split("-", 1)
    x = f.facts
    out: Pieces = [
        "Risk, a stretched run: ", ctx.name(lead), " has beaten ", ctx.name(lag), " for ",
        *ctx.sessions(x["length"]), " in a row, since ", ctx.date(x["start"]), "; ",
        *(("none",) if fv(x["at_least"]) == 0 else ("only ", ctx.count(x["at_least"]))),
        " of the ", ctx.count(x["earlier"]), " earlier runs of that side lasted as long."]
    if "hit" in x:
        hit = fv(x["hit"])
        verdict = ("a coin toss rather than a signal" if 40 <= hit <= 60 else
                   "odds that favour the run" if hit > 60 else
                   "odds that favour a pause")
        out += [" Earlier runs of this length were followed by a further lead over the next ",
                ctx.term("21"), " sessions ", Num(x["hit"], x["hit"].formatted()),
                " of the time (average ", ctx.pts(x["mean"]), " percentage points): ",
                verdict, "."]
    return out


def _pair_words(ctx: Ctx, theme: str) -> tuple[str, str, str, str]:
    side_a, side_b = THEMES[theme][2:]
    a, b = theme_pair(ctx, theme)
    return side_a, side_b, ctx.name(a), ctx.name(b)


def _momentum(ctx: Ctx, f: Finding) -> Pieces:
    side_a, side_b, a, b = _pair_words(ctx, f.theme)
    x = f.facts
    head: Pieces = [f"Opportunity, {f.theme.lower()}: "]
    high, persist, rel21 = x.get("high"), x.get("persistence"), x.get("rel21")
    if high is not None and fv(high) == 0:
        head += ["the ratio of ", a, " to ", b, " set a three-month high in the latest "
                 "session and stands ", ctx.mag(x["distance"]), " above its ", ctx.term("50"),
                 "-session average"]
        if rel21 is not None and fv(rel21) > 0:
            head += ["; ", side_a, _verb(side_a, " leads ", " lead "), side_b, " by ",
                     ctx.mag(rel21), " percentage points over ", ctx.term("21"), " sessions"]
        return [*head, "."]
    if persist is not None and fv(persist) > 21 and x.get("rel63") is not None \
            and fv(x["rel63"]) > 0:
        head += [side_a, _verb(side_a, " has", " have"), " led ", side_b, " on a ",
                 ctx.term("63"), "-session view for ", *ctx.sessions(persist),
                 ", and the ratio is ", ctx.mag(x["distance"]), " above its ", ctx.term("50"),
                 "-session average"]
        if high is not None:
            head += [", its last three-month high ", *ctx.sessions(high), " ago"]
        return [*head, ": ", ctx.pick("risk-trend", (
            "an established trend rather than a bounce.",
            "a move with time behind it.",
            "the longer trend and the short one agree."))]
    head += ["a young move. The ratio of ", a, " to ", b, " is ", ctx.mag(x["distance"]),
             " above its ", ctx.term("50"), "-session average"]
    if rel21 is not None:
        head += [" and ", side_a, " ", "lead" if plural_subject(side_a) else "leads", " by ",
                 ctx.mag(rel21), " percentage points over ", ctx.term("21"), " sessions"] \
            if fv(rel21) > 0 else [", although ", side_a, _verb(side_a, " trails ", " trail "),
                                   "by ", ctx.mag(rel21), " percentage points over ",
                                   ctx.term("21"), " sessions"]
    return [*head, "; ", ctx.pick("risk-young", (
        "the longer trend has yet to confirm it.",
        "it has not yet lasted long enough to count as a trend."))]


def _fading(ctx: Ctx, f: Finding) -> Pieces:
    side_a, side_b, a, b = _pair_words(ctx, f.theme)
    x = f.facts
    head: Pieces = [f"Risk, {f.theme.lower()}: "]
    low, rel63, high = x.get("low"), x.get("rel63"), x.get("high")
    if low is not None and fv(low) == 0:
        return [*head, "the ratio of ", a, " to ", b, " fell to a three-month low in the "
                "latest session, ", ctx.mag(x["distance"]), " below its ", ctx.term("50"),
                "-session average; ", side_b, _verb(side_b, " has", " have"),
                " the upper hand."]
    if rel63 is not None and fv(rel63) > 0:
        return [*head, "the ratio has slipped ", ctx.mag(x["distance"]), " below its ",
                ctx.term("50"), "-session average while the ", ctx.term("63"),
                "-session trend still favours ", side_a, " by ", ctx.mag(rel63),
                " percentage points: the lead is being tested."]
    out: Pieces = [*head, side_b, _verb(side_b, " is", " are"), " gaining ground: the ratio "
                   "of ", a, " to ", b, " sits ", ctx.mag(x["distance"]), " below its ",
                   ctx.term("50"), "-session average"]
    if high is not None:
        out += [" and last set a three-month high ", *ctx.sessions(high), " ago"]
    return [*out, "."]


def _sector(fact: Fact, ctx: Ctx) -> Num:
    return Num(fact, ctx.name(str(fact.value)))


def _groups(ctx: Ctx, cmd: Fact) -> Pieces:
    """Return the cyclical-minus-defensive sentence on its own.

    A sector named in the same clause would read as the subject of its number.
    """
    return [" Across those sessions the cyclical sectors, equally weighted, are ",
            "ahead of" if fv(cmd) > 0 else "behind", " the defensive ones by ", ctx.mag(cmd),
            " percentage points"]


def _defensive(ctx: Ctx, f: Finding) -> Pieces:
    x = f.facts
    meta = ctx.universe.meta(str(x["leader"].value))
    defensive = meta is not None and meta.group == "defensive"
    lead = _sector(x["leader"], ctx)
    if defensive and fv(x["cmd"]) < 0:
        out: Pieces = ["Risk, defensive leadership: ", lead, " has led the sectors over the "
                       "past ", ctx.term("30"), " sessions"]
        if "laggard" in x:
            out += [" while ", _sector(x["laggard"], ctx), " trailed"]
        return [*out, ".", *_groups(ctx, x["cmd"]), ": investors are paying for safety."]
    if defensive:
        return ["Risk, a hedge in demand: ", lead, ", a defensive sector, tops the sector "
                "ranking over the past ", ctx.term("30"), " sessions.", *_groups(ctx, x["cmd"]),
                ", so the demand for shelter stands out."]
    return ["Risk, narrow cyclical strength: ", lead, " leads the sectors over the past ",
            ctx.term("30"), " sessions, but not the cyclical group as a whole.",
            *_groups(ctx, x["cmd"]), ", so the strength rests on few sectors."]


def _dispersion(ctx: Ctx, f: Finding) -> Pieces:
    x = f.facts
    pct = Num(x["percentile"], ordinal(round(fv(x["percentile"]))))
    if f.rule == "bunched":
        return ["Opportunity cost, sectors moving together: the spread of ", ctx.term("21"),
                "-session sector returns (a standard deviation of ", ctx.mag(x["std"]),
                " points) is in the ", pct, " percentile of its history, so sector choice has "
                "added little lately."]
    out: Pieces = ["Risk, a fragmented market: the spread of ", ctx.term("21"),
                   "-session sector returns (a standard deviation of ", ctx.mag(x["std"]),
                   " points) is in the ", pct, " percentile of its history"]
    if "leader" in x and "laggard" in x:
        out += ["; over the past ", ctx.term("30"), " sessions ", _sector(x["leader"], ctx),
                " and ", _sector(x["laggard"], ctx), " sit at the two ends of the ranking"]
    return [*out, ". Sector bets decide results now, in both directions."]


def _breadth(ctx: Ctx, f: Finding) -> Pieces:
    x = f.facts
    if f.rule == "narrow_advance":
        return ["Risk, a narrow advance: the S&P 500 is only ", ctx.mag(x["drawdown"]),
                " below its ", ctx.term("52-week"), " high, yet just ",
                ctx.num(x["above50"], signed=False), " of its members trade above their ",
                ctx.term("50"), "-session average."]
    # "of members", not "of S&P 500 members": the checker would read the index's
    # name as the subject of the share
    ew, cap = ctx.pair(ctx.universe.note.equal_weight)
    return ["Opportunity, broad participation: ", ctx.num(x["above200"], signed=False),
            " of members are above their ", ctx.term("200"), "-session average and the "
            f"equal-weight S&P 500 ({ew}) is ahead of {cap} by ", ctx.mag(x["ew"]),
            " percentage points over ", ctx.term("30"), " sessions (total return)."]


_WORDS: dict[str, Callable[[Ctx, Finding], Pieces]] = {
    "overextension": _overextension, "momentum": _momentum, "fading": _fading,
    "defensive": _defensive, "fragmented": _dispersion, "bunched": _dispersion,
    "narrow_advance": _breadth, "broad_participation": _breadth,
}


def risks(ctx: Ctx) -> list[Paragraph | Table | Chart | Section]:
    """Return the section's paragraphs: a line on the rules, then one item per finding."""
    found = findings(ctx)
    # risks first, then opportunities, each in rule order
    items = [para(*_WORDS[f.rule](ctx, f), kind="li")
             for f in sorted(found, key=lambda f: f.opportunity)]
    if not items:
        items.append(para("No rule is triggered as of this date: no stretched streak, no "
                          "ratio more than two percent from its average, no defensive "
                          "leadership, no extreme of sector dispersion and no breadth "
                          "divergence.", kind="li"))
    return [para("Each item comes from a fixed rule applied to the data; the rules are "
                 "set out under Methods."), *items]
