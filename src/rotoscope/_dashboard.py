"""What the web app's dashboard shows for one date: the headline table and the chart series.

:meth:`rotoscope.Rotoscope.dashboard` serves it; the web app draws it.

Every number in the headline table and the heat map is a fact of the date, sent
with its id and a description of its inputs and method (the page shows it on
hover). Chart lines are the stored closes, ratios and weekly RRG coordinates up
to the as-of date, read through a :class:`~rotoscope.analytics._pit.PointInTime`
view, so nothing after the date is ever sent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from rotoscope.analytics import MAX_STALE_DAYS, PointInTime, align, day, trailing_mean
from rotoscope.analytics.breadth import breadth_frame
from rotoscope.analytics.engine import FactSet
from rotoscope.analytics.rrg import DEFAULT_TAIL, quadrant, rrg_path
from rotoscope.analytics.streaks import outperformance_streak
from rotoscope.analytics.windows import window_label
from rotoscope.exceptions import DateOutOfRangeError, RotoscopeError
from rotoscope.facts import Fact
from rotoscope.report import short_name, verdict
from rotoscope.universe import Universe

__all__ = ["HEADLINE_WINDOWS", "HEATMAP_WINDOWS", "dashboard", "describe"]

#: Windows of the headline table and of the sector heat map, shortest first.
HEADLINE_WINDOWS = ("1d", "5d", "mtd", "30d", "qtd", "ytd", "1y")
HEATMAP_WINDOWS = ("1d", "5d", "mtd", "30d", "qtd", "ytd", "1y")
SHORT = {"1d": "1D", "5d": "5D", "mtd": "MTD", "30d": "30D", "qtd": "QTD", "ytd": "YTD",
         "1y": "1Y"}
#: Sessions of history sent for the line charts (the page shows the last year
#: by default and offers two).
LINE_SESSIONS = 504
#: Weeks of RRG history the tail slider can scrub through.
RRG_WEEKS = 52
STREAK_PAIR = ("^RUT", "^GSPC")


def describe(fact: Fact) -> str:
    """Return the hover text of a fact: label, value, inputs, method and id."""
    lines = [f"{fact.label}: {fact.formatted()}"]
    lines += [f"{i.series} {i.field}, {i.first} to {i.last}" for i in fact.inputs[:4]]
    if len(fact.inputs) > 4:
        lines.append(f"and {len(fact.inputs) - 4} more series")
    lines.append(f"method: {fact.method}")
    lines += list(fact.notes)
    lines.append(fact.id)
    return "\n".join(lines)


def _cell(fact: Fact | None) -> dict[str, Any] | None:
    if fact is None:
        return None
    value = fact.value
    return {"value": value if isinstance(value, int | float | str) else str(value),
            "text": fact.formatted(), "fact": fact.id, "tip": describe(fact)}


@dataclass(frozen=True)
class _Row:
    key: str
    label: str
    a: str
    b: str
    spread: str  # fact id stem of the spread, "{stem}.{window}@{date}"
    dimension: str | None  # regime dimension, when the row is one


def _rows(universe: Universe, facts: FactSet) -> list[_Row]:
    """Return the rotation dimensions: every primary pair, and cyclical minus defensive."""
    by_pair = {d.pair: name for name, d in universe.regime.dimensions.items()}
    rows: list[_Row] = []
    for p in universe.pairs:
        if not p.primary:
            continue
        dim = by_pair.get(p.id)
        cfg = universe.regime.dimensions.get(dim) if dim else None
        label = f"{_bare(cfg.a_name)} vs {_bare(cfg.b_name)}" if cfg else p.label
        basis = "total_return"
        if not any(f.id.startswith(f"spread.{p.a}-{p.b}.total_return.") for f in facts):
            basis = "price_return"
        rows.append(_Row(p.id, label[:1].upper() + label[1:], p.a, p.b,
                         f"spread.{p.a}-{p.b}.{basis}", dim))
    sectors = "-".join(sorted(universe.sectors))
    dim = by_pair.get("sectors")
    if dim is not None:
        cfg = universe.regime.dimensions[dim]
        label = f"{_bare(cfg.a_name)} vs {_bare(cfg.b_name)}"
        rows.append(_Row("sectors", label[:1].upper() + label[1:], "cyclical", "defensive",
                         f"sector.{sectors}.cyclical_minus_defensive", dim))
    return rows


def _bare(name: str) -> str:
    """Return a side's name without its article ("the equal-weight S&P 500")."""
    return name[4:] if name.startswith("the ") else name


def headline(universe: Universe, facts: FactSet) -> dict[str, Any]:
    """Return the regime verdict and one row per rotation dimension across windows."""
    iso = facts.as_of.isoformat()

    def get(stem: str) -> Fact | None:
        return facts.get(f"{stem}@{iso}")

    rows = []
    for r in _rows(universe, facts):
        cells = {w: _cell(get(f"{r.spread}.{w}")) for w in HEADLINE_WINDOWS}
        regime: dict[str, Any] = {}
        if r.dimension is not None:
            d = f"regime.{r.dimension}"
            z, direction = get(f"{d}.strength_z.63d"), get(f"{d}.direction")
            regime = {"leader": _cell(direction),
                      "side": direction.params.get("side") if direction else None,
                      "z63": _cell(z),
                      "strong": z is not None and isinstance(z.value, float)
                      and abs(z.value) >= universe.regime.strong_z,
                      "persistence": _cell(get(f"{d}.persistence"))}
        rows.append({"key": r.key, "label": r.label, "a": r.a, "b": r.b,
                     "dimension": r.dimension, "cells": cells, "regime": regime})
    overall = {k: _cell(get(f"regime.overall.{k}")) for k in ("side", "agree", "scope",
                                                              "horizon")}
    horizon = get("regime.overall.horizon")
    agree = get("regime.overall.agree")
    v = verdict(universe, facts)
    return {
        "verdict": None if v is None else {
            "head": v.head, "headline": v.headline, "side": v.side, "scope": v.scope,
            "horizon": v.horizon, "agree": v.agree, "of": v.of},
        "windows": [{"key": w, "label": window_label(w), "short": SHORT[w]}
                    for w in HEADLINE_WINDOWS],
        "rows": rows,
        "overall": overall,
        "of": agree.params.get("of") if agree is not None else None,
        "reasons": list(horizon.params.get("reasons", [])) if horizon is not None else [],
    }


def heatmap(universe: Universe, facts: FactSet) -> dict[str, Any]:
    """Return sector returns by window (facts), sectors sorted by their 30-session return."""
    iso = facts.as_of.isoformat()
    basis = "total_return"
    if all(facts.get(f"return.{s}.total_return.30d@{iso}") is None for s in universe.sectors):
        basis = "price_return"
    cells: dict[str, dict[str, dict[str, Any] | None]] = {}
    for s in universe.sectors:
        cells[s] = {w: _cell(facts.get(f"return.{s}.{basis}.{w}@{iso}"))
                    for w in HEATMAP_WINDOWS}

    def key(s: str) -> float:
        c = cells[s]["30d"]
        return float(c["value"]) if c is not None else float("-inf")

    order = sorted(universe.sectors, key=key, reverse=True)
    names = {s: (universe.series[s].sector or s) for s in universe.sectors}
    return {"basis": basis.replace("_", " "),
            "windows": [{"key": w, "label": window_label(w), "short": SHORT[w]}
                        for w in HEATMAP_WINDOWS],
            "sectors": [{"symbol": s, "name": names[s],
                         "group": universe.series[s].group, "cells": cells[s]} for s in order]}


def _iso(dates: Any) -> list[str]:
    return [str(d)[:10] for d in np.asarray(dates).astype("datetime64[D]")]


def _floats(values: Any) -> list[float | None]:
    return [None if not np.isfinite(v) else round(float(v), 6) for v in values]


def rebased(pit: PointInTime, universe: Universe) -> dict[str, Any]:
    """Return the raw closes of the main indices over the last two years."""
    lines = []
    stale = []
    for s in universe.note.indices:
        try:
            series = pit.series(s, "close")
        except RotoscopeError:
            continue
        last = series.date(-1)
        if (pit.as_of - last).days > MAX_STALE_DAYS:
            stale.append({"symbol": s, "name": short_name(universe, s), "last": last.isoformat()})
            continue
        lines.append({"symbol": s, "name": short_name(universe, s),
                      "dates": _iso(series.dates[-LINE_SESSIONS:]),
                      "values": _floats(series.values[-LINE_SESSIONS:]),
                      "source": series.source})
    return {"field": "close", "series": lines, "stale": stale}


def ratios(pit: PointInTime, universe: Universe) -> dict[str, Any]:
    """Return each primary pair's total-return ratio and its 50-session average."""
    out = []
    for p in universe.pairs:
        if not p.primary:
            continue
        try:
            al = align(pit, p.a, p.b, "adj_close")
        except RotoscopeError:
            continue
        ratio = al.va / al.vb
        sma = trailing_mean(ratio, 50)
        n = min(LINE_SESSIONS, ratio.size)
        out.append({"pair": p.id, "a": p.a, "b": p.b, "label": p.label,
                    "dates": _iso(al.dates[-n:]), "ratio": _floats(ratio[-n:]),
                    "sma50": _floats(sma[-n:]), "last": str(day(al.dates[-1]))})
    return {"field": "adj_close", "pairs": out}


def rrg(pit: PointInTime, universe: Universe) -> dict[str, Any]:
    """Return each sector's weekly RS-Ratio and RS-Momentum over the last year."""
    out: list[dict[str, Any]] = []
    weeks: set[str] = set()
    missing: list[str] = []
    for s in universe.sectors:
        try:
            path = rrg_path(pit, s, universe.sector_benchmark)
        except DateOutOfRangeError:
            missing.append(f"{s}: no data on or before {pit.as_of}")  # its start is future
            continue
        except (RotoscopeError, ValueError) as exc:
            missing.append(_why(s, exc))
            continue
        n = min(RRG_WEEKS, path.ratio.size)
        r, m = path.ratio[-n:], path.momentum[-n:]
        dates = _iso(path.dates[-n:])
        weeks.update(dates)
        out.append({"symbol": s, "name": universe.series[s].sector or s,
                    "dates": dates, "ratio": _floats(r), "momentum": _floats(m),
                    "quadrant": [quadrant(float(x), float(y)) for x, y in zip(r, m, strict=True)]})
    return {"benchmark": universe.sector_benchmark, "tail": DEFAULT_TAIL, "weeks": sorted(weeks),
            "sectors": out, "missing": sorted(set(missing))}


def _why(symbol: str, exc: Exception) -> str:
    """Return why a series cannot be drawn, in a few words ("data end 2026-07-31")."""
    m = re.search(r"last value is on (\d{4}-\d{2}-\d{2})", str(exc))
    if m:
        return f"total-return data end {m.group(1)}"
    return f"{symbol}: not enough weekly history"


def streaks(pit: PointInTime, universe: Universe) -> dict[str, Any]:
    """Return every run of sessions one side beat the other, dated by its last session."""
    a, b = STREAK_PAIR
    try:
        history, _ = outperformance_streak(pit, a, b)
    except (RotoscopeError, ValueError):
        return {"a": a, "b": b, "runs": None}
    ends = np.datetime_as_string(history.dates[history.ends], unit="D").tolist()
    signed = ((history.ends - history.starts + 1) * history.sides).tolist()
    cur = history.current
    return {"a": a, "b": b, "a_name": short_name(universe, a), "b_name": short_name(universe, b),
            "field": "adj_close", "ends": ends, "lengths": signed,
            "current": {"side": cur.side, "length": cur.length,
                        "start": history.day(cur.start).isoformat(),
                        "end": history.day(cur.end).isoformat()}}


def breadth(pit: PointInTime) -> dict[str, Any]:
    """Return the share of S&P 500 members above their 50- and 200-session averages."""
    try:
        frame = breadth_frame(pit, since=pit.as_of - dt.timedelta(days=800))
    except RotoscopeError:
        return {"dates": [], "above50": [], "above200": [], "stale": None}
    frame = frame.filter(pl.col("eligible200") > 0).tail(252)
    if frame.is_empty():
        return {"dates": [], "above50": [], "above200": [], "stale": None}
    last: dt.date = frame["date"][-1]
    return {"dates": [d.isoformat() for d in frame["date"]],
            "above50": _floats(frame["pct_above50"].to_numpy()),
            "above200": _floats(frame["pct_above200"].to_numpy()),
            "last": last.isoformat(),
            "stale": (pit.as_of - last).days > MAX_STALE_DAYS}


def dashboard(pit: PointInTime, universe: Universe, facts: FactSet) -> dict[str, Any]:
    """Return everything the dashboard draws for ``facts.as_of``."""
    return {
        "as_of": facts.as_of.isoformat(),
        "headline": headline(universe, facts),
        "heatmap": heatmap(universe, facts),
        "charts": {"rebased": rebased(pit, universe), "ratios": ratios(pit, universe),
                   "rrg": rrg(pit, universe), "streaks": streaks(pit, universe),
                   "breadth": breadth(pit)},
    }
