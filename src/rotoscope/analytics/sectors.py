"""Sector leadership, dispersion, cyclical vs defensive, and the sector score.

Method
------
All on total-return closes (``adj_close``) up to the as-of date.

- **Ranking.** Per window, the sector returns (see
  :func:`rotoscope.analytics.window_return`) ranked from 1 (best); the leader
  and laggard are ranks 1 and last.
- **Dispersion.** Per window, top minus bottom (pp) and the cross-sectional
  standard deviation (population, ddof 0, in pp). For rolling windows of
  ``n`` sessions (21 and 63), the standard deviation is also computed for every
  past session on which all sectors have data, and today's value is placed in
  that daily history as a percentile (share of days at or below today).
- **Cyclical minus defensive.** Per window, the equal-weighted average return of
  the cyclical sectors minus that of the defensive sectors (pp), with the
  groups from the universe file.
- **Sector score (0-100).** The average of four percentiles, each of the
  sector's own daily history up to the as-of date (so 100 means "strongest
  reading ever"): its 21-, 63- and 126-session return minus the benchmark's, and
  the distance of its ratio to the benchmark from the ratio's 50-session
  average. The score ranks sectors on multi-horizon momentum and relative-
  strength trend, measured against each sector's own past.
"""

from __future__ import annotations

import numpy as np

from rotoscope.analytics._common import (
    FactMaker,
    align,
    aligned_matrix,
    day,
    percentile_of_last,
)
from rotoscope.analytics._common import trailing_mean as _sma
from rotoscope.analytics._pit import PointInTime
from rotoscope.analytics.returns import window_return
from rotoscope.analytics.windows import window_label
from rotoscope.facts import Fact, FactInput
from rotoscope.typing import F64, Basis
from rotoscope.universe import Universe

__all__ = ["SCORE_HORIZONS", "sector_dispersion", "sector_dispersion_history", "sector_score",
           "sector_scores", "sector_window"]

SCORE_HORIZONS = (21, 63, 126)


def sector_window(pit: PointInTime, universe: Universe, window: str,
                  field: Basis = "adj_close") -> list[Fact]:
    """Ranking, leader, laggard, dispersion and cyclical-minus-defensive for one window.

    ``field`` is ``adj_close`` (total returns, the default) or ``close`` (price
    changes, whose fact ids carry a ``price.`` prefix on the window).
    """
    returns = {s: window_return(pit, s, window, field) for s in universe.sectors}
    vals = {s: float(f.value) for s, f in returns.items()}  # type: ignore[arg-type]
    order = sorted(vals, key=lambda s: vals[s], reverse=True)
    inputs = tuple(i for f in returns.values() for i in f.inputs)
    sources = tuple(f.sources[0] for f in returns.values())
    label = window_label(window) + (" (price change)" if field == "close" else "")
    key = window if field == "adj_close" else f"price.{window}"
    make = FactMaker(pit, "sector", tuple(universe.sectors), inputs, "sector_cross_section",
                     sources, params={"window": window, "field": field,
                                      "returns": {s: returns[s].id for s in order}})
    facts = [returns[s] for s in order]
    for rank, s in enumerate(order, start=1):
        one = FactMaker(pit, "sector", (s,), returns[s].inputs, "sector_rank", returns[s].sources,
                        params={"window": window, "of": len(order), "return": returns[s].id})
        facts.append(one(f"rank.{key}", rank, "count",
                         f"{s} rank among {len(order)} sectors, {label}"))
    top, bottom = order[0], order[-1]
    arr = np.array([vals[s] for s in order])
    facts += [
        make(f"leader.{key}", top, "label", f"leading sector, {label}",
             params={"value": vals[top]}),
        make(f"laggard.{key}", bottom, "label", f"lagging sector, {label}",
             params={"value": vals[bottom]}),
        make(f"dispersion_range.{key}", vals[top] - vals[bottom], "pp",
             f"best minus worst sector, {label}"),
        make(f"dispersion_std.{key}", float(arr.std(ddof=0)), "pp",
             f"cross-sectional standard deviation of sector returns, {label}"),
    ]
    cyc = universe.sectors_in_group("cyclical")
    dfn = universe.sectors_in_group("defensive")
    if cyc and dfn:
        c_avg = float(np.mean([vals[s] for s in cyc]))
        d_avg = float(np.mean([vals[s] for s in dfn]))
        facts.append(make(f"cyclical_minus_defensive.{key}", c_avg - d_avg, "pp",
                          f"cyclical minus defensive sectors (equal weight), {label}",
                          params={"cyclical": cyc, "defensive": dfn, "cyclical_avg": c_avg,
                                  "defensive_avg": d_avg}))
    return facts


def sector_dispersion_history(
    pit: PointInTime, universe: Universe, sessions: int
) -> tuple[np.ndarray, F64, np.datetime64]:
    """Return the daily cross-sectional std of ``sessions``-session sector returns.

    As ``(dates, std in pp, first date read)``.
    """
    dates, m = aligned_matrix(pit, universe.sectors)
    if m.shape[0] <= sessions:
        raise ValueError(f"sectors share {m.shape[0]} sessions as of {pit.as_of}; "
                         f"{sessions + 1} needed")
    rets = (m[sessions:] / m[:-sessions] - 1.0) * 100.0
    return dates[sessions:], rets.std(axis=1, ddof=0), dates[0]


def sector_dispersion(pit: PointInTime, universe: Universe, sessions: int) -> list[Fact]:
    """Return today's rolling dispersion and its percentile in its own daily history."""
    dates, hist, first = sector_dispersion_history(pit, universe, sessions)
    inputs = tuple(FactInput(series=s, field="adj_close", first=day(first),
                             last=day(dates[-1])) for s in universe.sectors)
    make = FactMaker(pit, "sector", tuple(universe.sectors), inputs, "sector_dispersion",
                     tuple(pit.series(s, "adj_close").source for s in universe.sectors),
                     params={"sessions": sessions, "history_start": day(dates[0]).isoformat(),
                             "history_days": int(hist.size), "std": "population (ddof 0)"})
    return [
        make(f"dispersion_std.{sessions}d", float(hist[-1]), "pp",
             f"cross-sectional standard deviation of {sessions}-session sector returns"),
        make(f"dispersion_percentile.{sessions}d", percentile_of_last(hist), "percentile",
             f"percentile of today's {sessions}-session sector dispersion in its daily "
             f"history since {day(dates[0])}"),
    ]


def sector_score(pit: PointInTime, universe: Universe, symbol: str) -> Fact:
    """Return the documented 0-100 sector score of ``symbol`` against the benchmark."""
    al = align(pit, symbol, universe.sector_benchmark, "adj_close")
    parts: dict[str, float] = {}
    for n in SCORE_HORIZONS:
        if al.va.size <= n:
            raise ValueError(f"{al.a.symbol} has {al.va.size} sessions; {n + 1} needed")
        rel = (al.va[n:] / al.va[:-n] - al.vb[n:] / al.vb[:-n]) * 100.0
        parts[f"momentum_{n}d"] = percentile_of_last(rel)
    ratio = al.va / al.vb
    parts["rs_trend_50d"] = percentile_of_last(ratio / _sma(ratio, 50) - 1.0)
    score = float(np.mean(list(parts.values())))
    make = FactMaker(pit, "sector", (al.a.symbol, al.b.symbol), al.inputs(), "sector_score",
                     al.sources, params={"components_percentile": parts,
                                         "horizons": list(SCORE_HORIZONS), "rs_ma": 50})
    return make("score", score, "level", f"{al.a.symbol} sector score (0-100)", precision=0)


def sector_scores(pit: PointInTime, universe: Universe) -> list[Fact]:
    """Return every sector's score and its rank by score."""
    scores = {s: sector_score(pit, universe, s) for s in universe.sectors}
    order = sorted(scores, key=lambda s: float(scores[s].value), reverse=True)  # type: ignore[arg-type]
    facts = list(scores.values())
    for rank, s in enumerate(order, start=1):
        f = scores[s]
        make = FactMaker(pit, "sector", f.subjects, f.inputs, "sector_score_rank", f.sources,
                         params={"score": f.id, "of": len(order)})
        facts.append(make("score_rank", rank, "count",
                          f"{s} rank by sector score among {len(order)}"))
    return facts
