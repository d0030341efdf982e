"""The note's rules, apart from its words: stances, the rotation verdict, risk triggers.

Every decision the note states (a theme's stance, whether the rotation is broad,
which risks apply) is made here from the facts; the writers only word it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from rotoscope.analytics.engine import FactSet
from rotoscope.facts import Fact
from rotoscope.prose import Ctx, Missing, plural_subject
from rotoscope.report._model import Num, Stance
from rotoscope.universe import Universe

__all__ = [
    "MIN_BROAD_DIMENSIONS",
    "NEUTRAL_PP",
    "RISK_RULES",
    "STANCE_RULES",
    "THEMES",
    "VERDICT_RULES",
    "Finding",
    "Verdict",
    "best_dimension",
    "ctx_verdict",
    "current_streak",
    "findings",
    "fv",
    "scope_num",
    "sector_key",
    "stances",
    "strength",
    "theme_pair",
    "verdict",
]

#: Theme -> (regime dimension, the universe's ``[note]`` pair whose RS ratio is read,
#: words for each side); :func:`theme_pair` names the pair.
THEMES: dict[str, tuple[str, str, str, str]] = {
    "Small caps": ("size", "size", "small caps", "large caps"),
    "Value": ("style", "style", "value", "growth"),
    "International": ("international", "international", "international stocks", "US stocks"),
}


def theme_pair(ctx: Ctx, theme: str) -> tuple[str, str]:
    """Return the ``(a, b)`` symbols whose ratio a theme is read on, from the universe."""
    note = ctx.universe.note
    subject = THEMES[theme][1]
    return ctx.pair(note.international[0] if subject == "international"
                    else getattr(note, subject))
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
    ("Breadth divergence", "a drawdown of less than three percent from the index's 52-week "
     "high while fewer than half of the S&P 500 members are above their 50-session average "
     "(a narrow advance), or "
     "more than sixty percent above their 200-session average with the equal-weight index "
     "ahead over 30 sessions (a broad one)."),
)


def fv(fact: Fact) -> float:
    """Return a numeric fact's value as a float."""
    value = fact.value
    assert isinstance(value, float | int)
    return float(value)


def stances(ctx: Ctx) -> tuple[Stance, ...]:
    """Return each theme's stance by :data:`STANCE_RULES`."""
    out: list[Stance] = []
    for theme, (dim, _, side_a, side_b) in THEMES.items():
        pair = "-".join(theme_pair(ctx, theme))
        try:
            trend = ctx.f(f"regime.{dim}.relative_return.63d")
            mom = ctx.f(f"regime.{dim}.relative_return.21d")
            rs = ctx.f(f"rs.{pair}.distance_sma50")
        except Missing:
            continue
        signals = (("trend (63 sessions)", fv(trend) > 0), ("momentum (21 sessions)",
                   fv(mom) > 0), ("ratio above its 50-session average", fv(rs) > 0))
        favourable = sum(ok for _, ok in signals)
        label: Literal["Bullish", "Bearish", "Neutral", "Mixed"]
        if abs(fv(trend)) < NEUTRAL_PP and abs(fv(mom)) < NEUTRAL_PP:
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


def strength(z: float) -> str:
    a = abs(z)
    return "at an extreme pace" if a >= 2 else "strongly" if a >= 1 else "modestly"




def best_dimension(ctx: Ctx) -> tuple[str, Fact, Fact] | None:
    """Return ``(dimension, z, relative return)`` of the dimension with the largest |z|."""
    return _best(ctx.universe, ctx.get)


def current_streak(ctx: Ctx, a: str, b: str) -> tuple[str, str, Fact] | None:
    """Return (leader, lagger, length fact) of the current streak of the pair."""
    for lead, lag in ((a, b), (b, a)):
        f = ctx.get(f"streak.{lead}-{lag}.adj_close.length")
        if f is not None and fv(f) > 0:
            return lead, lag, f
    return None



def sector_key(ctx: Ctx) -> str:
    return "sector." + "-".join(ctx.universe.sectors)



# =================================================================== risks and opportunities
@dataclass(frozen=True)
class Finding:
    """One triggered rule of :data:`RISK_RULES`, with the facts that triggered it.

    ``rule`` is one of ``overextension``, ``momentum``, ``fading``, ``defensive``,
    ``fragmented``, ``bunched``, ``narrow_advance`` and ``broad_participation``;
    ``theme`` names the theme or the pair's leader where the rule has one.
    """

    rule: str
    opportunity: bool
    facts: dict[str, Fact]
    theme: str = ""


def findings(ctx: Ctx) -> list[Finding]:
    """Return the risks and opportunities :data:`RISK_RULES` trigger as of the date."""
    out: list[Finding] = []
    for p in ctx.universe.pairs:
        if not p.primary:
            continue
        found = current_streak(ctx, p.a, p.b)
        if found is None:
            continue
        lead, lag, length = found
        key = f"streak.{lead}-{lag}.adj_close"
        earlier, at_least = ctx.get(f"{key}.history_count"), ctx.get(f"{key}.count_at_least")
        start = ctx.get(f"{key}.start")
        if earlier is None or at_least is None or start is None or fv(length) < 5 or \
                fv(at_least) > 0.05 * fv(earlier):
            continue
        facts = {"length": length, "earlier": earlier, "at_least": at_least, "start": start}
        k = f"followthrough.{lead}-{lag}.adj_close.L{int(fv(length))}"
        hit, mean = ctx.get(f"{k}.hit_rate.21d"), ctx.get(f"{k}.mean.21d")
        if hit is not None and mean is not None:
            facts |= {"hit": hit, "mean": mean}
        out.append(Finding("overextension", False, facts, f"{lead}-{lag}"))
    for theme, (dim, _, _, _) in THEMES.items():
        pair = "-".join(theme_pair(ctx, theme))
        d = ctx.get(f"rs.{pair}.distance_sma50")
        if d is None or abs(fv(d)) < 2:
            continue
        facts = {"distance": d}
        for name, key in (("high", f"rs.{pair}.sessions_since_high_63"),
                          ("low", f"rs.{pair}.sessions_since_low_63"),
                          ("rel21", f"regime.{dim}.relative_return.21d"),
                          ("persistence", f"regime.{dim}.persistence"),
                          ("rel63", f"regime.{dim}.relative_return.63d")):
            f = ctx.get(key)
            if f is not None:
                facts[name] = f
        out.append(Finding("momentum" if fv(d) > 0 else "fading", fv(d) > 0, facts, theme))
    key = sector_key(ctx)
    lead30, lag30 = ctx.get(f"{key}.leader.30d"), ctx.get(f"{key}.laggard.30d")
    cmd = ctx.get(f"{key}.cyclical_minus_defensive.30d")
    if lead30 is not None and cmd is not None:
        meta = ctx.universe.meta(str(lead30.value))
        if (meta is not None and meta.group == "defensive") or fv(cmd) < 0:
            facts = {"leader": lead30, "cmd": cmd}
            if lag30 is not None:
                facts["laggard"] = lag30
            out.append(Finding("defensive", False, facts))
    pct = ctx.get(f"{key}.dispersion_percentile.21d")
    std = ctx.get(f"{key}.dispersion_std.21d")
    if pct is not None and std is not None and (fv(pct) >= 90 or fv(pct) <= 10):
        facts = {"percentile": pct, "std": std}
        if lead30 is not None and lag30 is not None:
            facts |= {"leader": lead30, "laggard": lag30}
        out.append(Finding("fragmented" if fv(pct) >= 90 else "bunched", False, facts))
    b = "breadth.S&P 500 members"
    head = ctx.universe.note.indices[0]
    dd, a50 = ctx.get(f"tech.{head}.drawdown_52w"), ctx.get(f"{b}.pct_above_sma50")
    a200 = ctx.get(f"{b}.pct_above_sma200")
    if dd is not None and a50 is not None and fv(dd) > -3 and fv(a50) < 50:
        out.append(Finding("narrow_advance", False, {"drawdown": dd, "above50": a50}))
    try:
        ew, _, _ = ctx.spread(*ctx.pair(ctx.universe.note.equal_weight), "30d")
    except Missing:
        ew = None
    if a200 is not None and ew is not None and fv(a200) > 60 and fv(ew) > 0:
        out.append(Finding("broad_participation", True, {"above200": a200, "ew": ew}))
    return out


# =================================================================== the rotation verdict
#: However the universe sets ``broad_min_agree``, fewer dimensions with data than this
#: never make a broad rotation.
MIN_BROAD_DIMENSIONS = 3
VERDICT_RULES = (
    "The rotation's side, breadth and horizon are decided once and every part of the note "
    "(headline, summary, key insights, the summary table) and the dashboard say the same. "
    "The side is the regime's (broadening, concentrating or split). The rotation is broad "
    "only when the regime rules call it broad and at least three dimensions have data; "
    "otherwise it is narrow. The headline says \"Rotation broadens\" or \"Leadership "
    "narrows\" only for a broad rotation, \"A narrow rotation\" or \"Leadership "
    "concentrates in places\" for a narrow one, and \"A split market\" on a tie; it then "
    "names the side that leads the dimension with the largest 63-session z-score among "
    "those that point the verdict's way."
)
_HEADS = {("broadening", "broad"): "Rotation broadens",
          ("broadening", "narrow"): "A narrow rotation",
          ("concentrating", "broad"): "Leadership narrows",
          ("concentrating", "narrow"): "Leadership concentrates in places"}


@dataclass(frozen=True)
class Verdict:
    """The rotation's side, breadth and horizon, and the dimension that leads it.

    Attributes
    ----------
    side, scope, horizon
        ``broadening``/``concentrating``/``split``; ``broad``/``narrow``;
        ``tactical``/``structural``. ``scope`` may differ from the regime fact's
        value: fewer than :data:`MIN_BROAD_DIMENSIONS` dimensions make it narrow.
    agree, of
        Dimensions pointing the verdict's way, and dimensions with data.
    facts
        The regime facts the verdict reads (``side``, ``agree``, ``scope``, ``horizon``).
    lead
        ``(dimension, z fact, relative-return fact)`` of the dimension with the
        largest 63-session |z| among those that point the verdict's way (any
        dimension on a split), or ``None``.
    leader
        The name of the side ahead in that dimension ("small caps"), or ``""``.
    """

    side: Literal["broadening", "concentrating", "split"]
    scope: Literal["broad", "narrow"]
    horizon: Literal["tactical", "structural"]
    agree: int
    of: int
    facts: dict[str, Fact]
    lead: tuple[str, Fact, Fact] | None
    leader: str

    @property
    def head(self) -> str:
        """Return the headline's first words: "Rotation broadens", "A narrow rotation"..."""
        if self.side == "split":
            return "A split market"
        return _HEADS[(self.side, self.scope)]

    @property
    def headline(self) -> str:
        """Return the whole headline: its head, then who leads the strongest dimension."""
        if self.lead is None or not self.leader:
            return self.head
        bare = self.leader.removeprefix("the ")
        name = bare[:1].upper() + bare[1:]
        verb = "lead" if plural_subject(self.leader) else "leads"
        return f"{self.head}: {name} {verb} {strength(fv(self.lead[1]))}"

    @property
    def scope_overridden(self) -> bool:
        """Return whether the scope is narrower than the regime fact says (too few dimensions)."""
        return self.scope != self.facts["scope"].value


def _best(universe: Universe, get: Callable[[str], Fact | None], side: str = ""
          ) -> tuple[str, Fact, Fact] | None:
    """Return the dimension with the largest |z|, among those led by ``side`` when given."""
    best: tuple[str, Fact, Fact] | None = None
    for dim in universe.regime.dimensions:
        z = get(f"regime.{dim}.strength_z.63d")
        rel = get(f"regime.{dim}.relative_return.63d")
        if z is None or rel is None or (side and (fv(rel) > 0) != (side == "a")):
            continue
        if best is None or abs(fv(z)) > abs(fv(best[1])):
            best = (dim, z, rel)
    return best


def verdict(universe: Universe, facts: FactSet) -> Verdict | None:
    """Return the rotation verdict of a date by :data:`VERDICT_RULES`, or ``None`` without one.

    The one place the note's headline, summary and insights and the web
    dashboard learn whether the rotation is broad.
    """
    iso = facts.as_of.isoformat()

    def get(key: str) -> Fact | None:
        return facts.get(f"{key}@{iso}")

    found = {k: get(f"regime.overall.{k}") for k in ("side", "agree", "scope", "horizon")}
    if any(f is None for f in found.values()):
        return None
    got = {k: f for k, f in found.items() if f is not None}
    side, agree = str(got["side"].value), int(fv(got["agree"]))
    of = int(got["agree"].params.get("of", 0))
    if side not in ("broadening", "concentrating", "split"):
        raise ValueError(f"regime.overall.side@{iso} has an unknown value {side!r}")
    broad = got["scope"].value == "broad" and of >= MIN_BROAD_DIMENSIONS and side != "split"
    # the headline names the strongest dimension that points the verdict's way
    lead = _best(universe, get, {"broadening": "a", "concentrating": "b"}.get(side, "")) \
        or _best(universe, get)
    leader = ""
    if lead is not None:
        d = get(f"regime.{lead[0]}.direction")
        leader = str(d.value) if d is not None else ""
    horizon = "structural" if got["horizon"].value == "structural" else "tactical"
    return Verdict(side, "broad" if broad else "narrow", horizon,  # type: ignore[arg-type]
                   agree, of, got, lead, leader)


def scope_num(ctx: Ctx, v: Verdict) -> Num:
    """Return the verdict's breadth as a number piece (a derived fact when it overrides)."""
    fact = v.facts["scope"]
    if v.scope_overridden:
        fact = ctx.derive(fact, "verdict", v.scope, "label",
                          f"broad or narrow rotation (broad needs at least "
                          f"{MIN_BROAD_DIMENSIONS} dimensions with data)")
    return Num(fact, v.scope)


def ctx_verdict(ctx: Ctx) -> Verdict:
    """Return the verdict of the note's date.

    Raises
    ------
    Missing
        When the regime facts are not there.
    """
    v = verdict(ctx.universe, ctx.fs)
    if v is None:
        raise Missing("regime.overall")
    return v
