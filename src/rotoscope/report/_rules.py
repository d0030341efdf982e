"""The note's rules, apart from its words: stances, the rotation verdict, risk triggers.

Every decision the note states (a theme's stance, whether the rotation is broad,
which risks apply) is made here from the facts; the writers only word it.
"""

from __future__ import annotations

from typing import Literal

from rotoscope.facts import Fact
from rotoscope.report._context import Ctx, Missing
from rotoscope.report._model import Stance

__all__ = ["NEUTRAL_PP", "RISK_RULES", "STANCE_RULES", "THEMES", "best_dimension",
           "current_streak", "fv", "sector_key", "stances", "strength"]

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


def fv(fact: Fact) -> float:
    """Return a numeric fact's value as a float."""
    value = fact.value
    assert isinstance(value, float | int)
    return float(value)



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
    best: tuple[str, Fact, Fact] | None = None
    for dim in ctx.universe.regime.dimensions:
        z = ctx.get(f"regime.{dim}.strength_z.63d")
        rel = ctx.get(f"regime.{dim}.relative_return.63d")
        if z is None or rel is None:
            continue
        if best is None or abs(fv(z)) > abs(fv(best[1])):
            best = (dim, z, rel)
    return best



def current_streak(ctx: Ctx, a: str, b: str) -> tuple[str, str, Fact] | None:
    """Return (leader, lagger, length fact) of the current streak of the pair."""
    for lead, lag in ((a, b), (b, a)):
        f = ctx.get(f"streak.{lead}-{lag}.adj_close.length")
        if f is not None and fv(f) > 0:
            return lead, lag, f
    return None



def sector_key(ctx: Ctx) -> str:
    return "sector." + "-".join(ctx.universe.sectors)

