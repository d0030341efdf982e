"""The note's outlook: key insights, risks and opportunities, monitoring, the summary."""

from __future__ import annotations

from rotoscope.facts import Fact
from rotoscope.prose import Ctx, Missing, plural_subject
from rotoscope.report._model import Chart, Num, Paragraph, Piece, Section, Table, para
from rotoscope.report._rules import (
    ctx_verdict,
    current_streak,
    fv,
    scope_num,
    sector_key,
    verdict,
)

__all__ = [
    "agreement",
    "french",
    "history_streak",
    "horizon",
    "monitoring",
    "rate_cuts",
    "summary",
]

# =================================================================== insights
def join_items(items: list[list[Piece | None]]) -> list[Piece | None]:
    """Return items joined as a list in prose: "a", "a and b", "a, b and c"."""
    out: list[Piece | None] = []
    for i, it in enumerate(items):
        if i:
            out.append(" and " if i == len(items) - 1 else ", ")
        out += it
    return out


def agreement(ctx: Ctx) -> Paragraph:
    parts: list[Piece | None] = ["Do the dimensions agree? "]
    items: list[list[Piece | None]] = []
    for dim, cfg in ctx.universe.regime.dimensions.items():
        lead = ctx.get(f"regime.{dim}.direction")
        persist = ctx.get(f"regime.{dim}.persistence")
        if lead is None or persist is None:
            continue
        ahead = str(lead.value)
        other = cfg.b_name if ahead == cfg.a_name else cfg.a_name
        verb = " lead " if plural_subject(ahead) else " leads "
        items.append([Num(lead, ahead), verb, other, " (", *ctx.held(persist), ")"])
    if not items:
        raise Missing("regime")
    parts += ["On a ", ctx.term("63"), "-session view, "]
    if len(items) == 1:
        parts.append("the only dimension with data says that ")
    parts += join_items(items)
    parts.append(". ")
    v = ctx_verdict(ctx)
    if v.side == "split":
        parts.append("They do not add up to one story.")
    elif v.of == 1:
        parts.append("One dimension is too little to call a broad rotation: the others "
                     "have no data as of this date.")
    elif v.scope == "broad":
        parts.append("Together they describe a broad rotation, in which leadership spreads "
                     "beyond the largest growth names." if v.side == "broadening" else
                     "Together they describe a market in which leadership is concentrating "
                     "in large US growth names.")
    else:
        parts.append("Together they lean towards " + (
            "broadening" if v.side == "broadening" else "concentration")
            + ", but too few of them agree to call the rotation broad.")
    return para(*parts)


def history_streak(ctx: Ctx) -> Paragraph:
    found = current_streak(ctx, *ctx.pair(ctx.universe.note.size))
    if found is None:
        raise Missing("streak")
    lead, lag, length = found
    n = int(fv(length))
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


def french(ctx: Ctx) -> Paragraph:
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


def rate_cuts(ctx: Ctx) -> Paragraph:
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


def horizon(ctx: Ctx) -> Paragraph:
    h = ctx.f("regime.overall.horizon")
    med = ctx.derive(h, "median_persistence", float(h.params.get("median_persistence", 0.0)),
                     "sessions", "median persistence of the agreeing dimensions")
    a200 = ctx.get("breadth.S&P 500 members.pct_above_sma200")
    tactical = h.value == "tactical"
    v = ctx_verdict(ctx)
    days = round(fv(med))
    parts: list[Piece | None] = [
        "Tactical or structural? The rules call this rotation ", Num(h, str(h.value)), ". "]
    if v.side == "split":
        parts.append("With the dimensions split, no direction has held for the rules to time")
    else:
        agreeing = v.agree
        parts += ["The agreeing dimensions have held their direction for a median of "
                  if agreeing > 1 else "The one dimension that points this way has held its "
                  "direction for ", Num(med, f"{days}"), ctx.plural(days, " session", " sessions"),
                  ", against the ", ctx.term(str(ctx.universe.regime.structural_min_sessions)),
                  " a structural call needs"]
    if a200 is not None:
        parts += [", and ", ctx.num(a200, signed=False), " of S&P 500 members are above their ",
                  ctx.term("200"), "-session average"]
    parts.append(". " + ("Until the move persists and broadens, treat it as a trade rather "
                         "than a new regime." if tactical else
                         # the rules read breadth by side: wide participation confirms a
                         # broadening, thin participation a concentration
                         "Persistence and thin participation both point to lasting "
                         "concentration." if v.side == "concentrating" else
                         "Persistence and broad participation both support a lasting shift."))
    return para(*parts)


# =================================================================== risks, monitoring
def monitoring(ctx: Ctx) -> list[Paragraph | Table | Chart | Section]:
    items: list[Paragraph] = []
    for a, b in (ctx.pair(p) for p in ctx.universe.note.monitor):
        pair, words = f"{a}-{b}", f"{a}/{b}"
        r, m = ctx.get(f"rs.{pair}.ratio"), ctx.get(f"rs.{pair}.sma50")
        if r is None or m is None:
            continue
        above = fv(r) > fv(m)
        items.append(para(
            "The ", words, " ratio against its ", ctx.term("50"), "-session average: now ",
            ctx.num(r), " against ", ctx.num(m), "; a close back ",
            "below" if above else "above", " the average would "
            + ("end" if above else "reverse"), " the current ", "lead." if above else "lag.",
            kind="li"))
    for s in ctx.universe.note.technicals[:2]:
        s50, s200 = ctx.get(f"tech.{s}.sma50"), ctx.get(f"tech.{s}.sma200")
        hi = ctx.get(f"tech.{s}.high_52w")
        if s50 is None or s200 is None or hi is None:
            continue
        items.append(para(
            s, ": the ", ctx.term("50"), "-day average at ", ctx.price(s50, s), ", the ",
            ctx.term("200"), "-day average at ", ctx.price(s200, s), " and the ",
            ctx.term("52-week"),
            " closing high at ", ctx.price(hi, s), ".", kind="li"))
    found = current_streak(ctx, *ctx.pair(ctx.universe.note.size))
    if found is not None:
        lead, lag, length = found
        nxt = ctx.get(f"streak.{lead}-{lag}.adj_close.longest_since_length")
        ended = ctx.get(f"streak.{lead}-{lag}.adj_close.longest_since")
        # a one-session run is not a streak to watch
        if nxt is not None and ended is not None and fv(length) > 1:
            head: list[Piece | None] = [
                "The streak: ", ctx.name(lead), " has beaten ", ctx.name(lag), " for ",
                *ctx.sessions(length)]
            if fv(nxt) > fv(length):
                tail: list[Piece | None] = [
                    "; the last longer run lasted ", *ctx.sessions(nxt), " and ended on ",
                    ctx.date(ended), "."]
            else:
                tail = [", as long as the last comparable run, which ended on ",
                        ctx.date(ended), "."]
            items.append(para(*head, *tail, kind="li"))
    ten, two = ctx.universe.note.rates[:2]
    y10, slope = ctx.get(f"macro.{ten}.level"), ctx.get(f"macro.{ten}-{two}.slope")
    if y10 is not None and slope is not None:
        items.append(para(
            f"Rates: the ten-year yield ({ten}) at ", Num(y10, f"{fv(y10):.2f}%"),
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


def summary(ctx: Ctx) -> Table:
    rows: list[tuple[Piece, ...]] = []

    def add(label: str, fact: Fact | None, shown: Num | None = None) -> None:
        if fact is not None:
            rows.append((label, shown or ctx.num(fact)))

    head = ctx.universe.note.indices[0]
    small = ctx.pair(ctx.universe.note.size)[0]
    add(f"{ctx.name(head, short=True)} close", ctx.get(f"tech.{head}.close"))
    for s in (head, small):
        add(f"{ctx.name(s, short=True)}, year to date",
            ctx.get(f"return.{s}.price_return.ytd"))
    for dim in ctx.universe.regime.dimensions:
        rel = ctx.get(f"regime.{dim}.relative_return.63d")
        cfg = ctx.universe.regime.dimensions[dim]
        add(f"{ctx.cap(cfg.a_name)} minus {cfg.b_name}, 63 sessions (pp)", rel)
    found = current_streak(ctx, *ctx.pair(ctx.universe.note.size))
    if found is not None:
        lead, _, length = found
        add(f"Streak: {ctx.name(lead, short=True)} ahead (sessions)",
            length)
    key = sector_key(ctx)
    lead30 = ctx.get(f"{key}.leader.30d")
    add("Leading sector, 30 sessions", lead30)
    pct = ctx.get(f"{key}.dispersion_percentile.21d")
    add("Sector dispersion, percentile", pct)
    add("Members above 200-session average", ctx.get(
        "breadth.S&P 500 members.pct_above_sma200"))
    y10 = ctx.get(f"macro.{ctx.universe.note.rates[0]}.level")
    if y10 is not None:
        add("Ten-year Treasury yield", y10, Num(y10, f"{fv(y10):.2f}%"))
    v = verdict(ctx.universe, ctx.fs)
    if v is not None:
        add("Regime", v.facts["side"])
        add("Breadth of the rotation", v.facts["scope"], scope_num(ctx, v))
        add("Horizon", v.facts["horizon"])
    if not rows:
        raise Missing("summary")
    return Table("Key numbers", ("Measure", "Value"), tuple(rows), ("l", "r"))

