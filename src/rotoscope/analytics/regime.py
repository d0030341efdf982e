"""Rotation regime: direction, strength and persistence per dimension, and the verdict.

Method
------
Each dimension (``[regime.dimensions]`` in the universe file) compares an
``a`` side (small caps, value, cyclical sectors, international, equal weight:
the side a *broadening* rotation favours) with a ``b`` side, on total-return
closes. Its relative return over n sessions is ``a``'s return minus ``b``'s in
percentage points; for ``sectors`` it is the equal-weighted average of the
cyclical sectors minus that of the defensive sectors.

Per dimension:

- **direction**: the side whose 63-session relative return is ahead
  (``a_name`` when above zero, ``b_name`` otherwise);
- **strength**: the z-score of today's 21- and of today's 63-session relative
  return against the dimension's own daily history up to the as-of date
  (population standard deviation); ``|z| >= strong_z`` is a strong reading;
- **persistence**: sessions since the 63-session relative return last changed
  sign (how long the current direction has held).

Overall:

- **side**: ``broadening`` when more dimensions point to their ``a`` side than to
  their ``b`` side, ``concentrating`` when fewer, ``split`` on a tie;
- **scope**: ``broad`` when at least ``broad_min_agree`` dimensions agree with
  the side, otherwise ``narrow``;
- **horizon**: ``structural`` when the agreeing dimensions' median persistence is
  at least ``structural_min_sessions`` *and* breadth confirms (for a
  broadening, at least ``breadth_confirm_pct_above_200`` % of S&P 500 members
  above their 200-session average; for a concentration, fewer), otherwise
  ``tactical``. Without breadth data the call is ``tactical`` and says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from rotoscope.analytics._common import FactMaker, align, aligned_matrix, day, median
from rotoscope.analytics._pit import PointInTime
from rotoscope.exceptions import QueryError
from rotoscope.facts import Fact, FactInput
from rotoscope.typing import F64
from rotoscope.universe import RegimeDimension, Universe

__all__ = ["DimensionSummary", "dimension_facts", "regime_facts", "relative_history"]

HORIZONS = (21, 63)


def relative_history(
    pit: PointInTime, universe: Universe, dim: RegimeDimension, n: int
) -> tuple[np.ndarray, F64, tuple[FactInput, ...], tuple[str, ...]]:
    """Return (dates, n-session relative return of the dimension in pp, inputs, sources)."""
    if dim.pair == "sectors":
        cyc = universe.sectors_in_group("cyclical")
        dfn = universe.sectors_in_group("defensive")
        symbols = tuple(cyc + dfn)
        dates, m = aligned_matrix(pit, symbols)
        rets = (m[n:] / m[:-n] - 1.0) * 100.0
        rel = rets[:, : len(cyc)].mean(axis=1) - rets[:, len(cyc):].mean(axis=1)
        sources = tuple(pit.series(s, "adj_close").source for s in symbols)
    else:
        pair = universe.pair(dim.pair)
        al = align(pit, pair.a, pair.b, "adj_close")
        dates, va, vb = al.dates, al.va, al.vb
        rel = (va[n:] / va[:-n] - vb[n:] / vb[:-n]) * 100.0
        symbols = (al.a.symbol, al.b.symbol)
        sources = al.sources
    if rel.size == 0:
        raise ValueError(f"{dim.pair} has fewer than {n + 1} sessions as of {pit.as_of}")
    inputs = tuple(FactInput(series=s, field="adj_close", first=day(dates[0]),
                             last=day(dates[-1])) for s in symbols)
    return dates[n:], rel, inputs, sources


def _z(hist: F64) -> float:
    std = float(hist.std())
    return 0.0 if std == 0 else float((hist[-1] - hist.mean()) / std)


@dataclass
class DimensionSummary:
    """What the overall verdict needs from one dimension."""

    name: str
    side: str = ""
    persistence: int = 0
    z: dict[int, float] = field(default_factory=dict)
    inputs: tuple[FactInput, ...] = ()
    sources: tuple[str, ...] = ()


def dimension_facts(
    pit: PointInTime, universe: Universe, name: str
) -> tuple[list[Fact], DimensionSummary]:
    """Return the facts of one regime dimension, and a summary for the overall verdict."""
    cfg = universe.regime
    dim = cfg.dimensions[name]
    out: list[Fact] = []
    summary = DimensionSummary(name)
    for n in HORIZONS:
        dates, rel, inputs, sources = relative_history(pit, universe, dim, n)
        make = FactMaker(pit, "regime", (name,), inputs, "regime_dimension", sources,
                         params={"dimension": name, "pair": dim.pair, "a": dim.a_name,
                                 "b": dim.b_name, "sessions": n, "field": "adj_close",
                                 "history_start": day(dates[0]).isoformat()})
        z = _z(rel)
        out += [
            make(f"relative_return.{n}d", float(rel[-1]), "pp",
                 f"{dim.a_name} minus {dim.b_name}, {n} sessions"),
            make(f"strength_z.{n}d", z, "z",
                 f"{name} rotation strength: z-score of the {n}-session relative return "
                 f"in its history since {day(dates[0])}"),
        ]
        summary.z[n] = z
        if n == 63:
            sign = np.sign(rel)
            same = sign == sign[-1]
            breaks = np.flatnonzero(~same)
            persistence = int(rel.size - 1 - breaks[-1]) if breaks.size else int(rel.size)
            side = "a" if rel[-1] > 0 else "b"
            leader = dim.a_name if side == "a" else dim.b_name
            out += [
                make("direction", leader, "label", f"who leads the {name} rotation (63 sessions)",
                     params={"side": side}),
                make("persistence", persistence, "sessions",
                     f"sessions since the {name} 63-session relative return changed sign"),
            ]
            summary.side, summary.persistence = side, persistence
            summary.inputs, summary.sources = inputs, sources
    return out, summary


def regime_facts(
    pit: PointInTime, universe: Universe, pct_above_200: float | None
) -> list[Fact]:
    """Every dimension's facts and the overall classification.

    ``pct_above_200`` is the breadth reading that confirms a structural call
    (``None`` when breadth is not available as of the date).
    """
    cfg = universe.regime
    facts: list[Fact] = []
    summaries: list[DimensionSummary] = []
    unavailable: dict[str, str] = {}
    for name in cfg.dimensions:
        try:
            f, s = dimension_facts(pit, universe, name)
        except (ValueError, QueryError) as exc:
            # a dimension whose series start after the date (or end before it) is left out;
            # the others still make a verdict
            unavailable[name] = str(exc)
            continue
        facts += f
        summaries.append(s)
    if not summaries:
        return facts
    n_a = sum(s.side == "a" for s in summaries)
    n_b = len(summaries) - n_a
    side = "broadening" if n_a > n_b else "concentrating" if n_b > n_a else "split"
    agreeing = [s for s in summaries if (s.side == "a") == (side == "broadening")] \
        if side != "split" else []
    agree = max(n_a, n_b)
    scope = "broad" if side != "split" and agree >= cfg.broad_min_agree else "narrow"
    median_persistence = median([s.persistence for s in agreeing]) \
        if agreeing else 0.0
    reasons: list[str] = []
    if pct_above_200 is None:
        confirmed = False
        reasons.append("no breadth data as of this date")
    elif side == "broadening":
        confirmed = pct_above_200 >= cfg.breadth_confirm_pct_above_200
    else:
        confirmed = side == "concentrating" and pct_above_200 < cfg.breadth_confirm_pct_above_200
    long_enough = median_persistence >= cfg.structural_min_sessions
    horizon = "structural" if long_enough and confirmed else "tactical"
    reasons.append(f"median persistence {median_persistence:.0f} sessions "
                   f"({'at least' if long_enough else 'under'} "
                   f"{cfg.structural_min_sessions})")
    if pct_above_200 is not None:
        reasons.append(f"breadth {'confirms' if confirmed else 'does not confirm'}: "
                       f"{pct_above_200:.1f}% of members above their 200-session average")
    inputs = tuple(i for s in summaries for i in s.inputs)
    sources = tuple(dict.fromkeys(x for s in summaries for x in s.sources))
    params = {
        "dimensions": {s.name: s.side for s in summaries},
        "broad_min_agree": cfg.broad_min_agree,
        "structural_min_sessions": cfg.structural_min_sessions,
        "breadth_confirm_pct_above_200": cfg.breadth_confirm_pct_above_200,
        "pct_above_200": pct_above_200,
        "unavailable": unavailable,
    }
    make = FactMaker(pit, "regime", ("overall",), inputs, "regime_rules", sources, params=params)
    facts += [
        make("side", side, "label", "direction of the rotation across dimensions"),
        make("agree", agree if side != "split" else 0, "count",
             f"dimensions agreeing (of {len(summaries)})", params={"of": len(summaries)}),
        make("scope", scope, "label", "broad or narrow rotation"),
        make("horizon", horizon, "label", "tactical or structural rotation",
             params={"reasons": reasons, "median_persistence": median_persistence}),
    ]
    return facts
