"""Consecutive-session outperformance streaks and how rare they are.

A session counts for A when A's daily return beats B's strictly; for B when B's
beats A's; a tie ends both. Daily returns are taken between consecutive dates
that both series have, up to the as-of date. The runs of A-sessions, B-sessions
and ties partition the sessions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from rotoscope.analytics._pit import PointInTime
from rotoscope.facts import Fact, FactInput, Unit, make_fact_id

__all__ = ["Run", "StreakHistory", "outperformance_streak", "runs_of"]


@dataclass(frozen=True)
class Run:
    """A run of consecutive sessions with the same winner.

    ``side`` is ``1`` when A beat B, ``-1`` when B beat A, ``0`` for ties.
    ``start`` and ``end`` are indices into the session array.
    """

    side: int
    start: int
    end: int

    @property
    def length(self) -> int:
        """Number of sessions in the run."""
        return self.end - self.start + 1


def runs_of(signs: npt.NDArray[np.int8]) -> list[Run]:
    """Split a sign sequence (1, -1, 0 per session) into maximal runs."""
    if signs.size == 0:
        return []
    change = np.flatnonzero(np.diff(signs)) + 1
    starts = np.concatenate(([0], change))
    ends = np.concatenate((change - 1, [signs.size - 1]))
    return [Run(int(signs[s]), int(s), int(e)) for s, e in zip(starts, ends, strict=True)]


@dataclass(frozen=True)
class StreakHistory:
    """Every A-over-B run up to the as-of date, and the current one's standing."""

    dates: npt.NDArray[np.datetime64]
    runs: list[Run]
    current: Run

    def day(self, i: int) -> dt.date:
        """Return session ``i`` as a date."""
        out: dt.date = self.dates[i].astype(dt.date)
        return out

    def a_runs(self) -> list[Run]:
        """Return the runs in which A beat B."""
        return [r for r in self.runs if r.side == 1]

    def longest_since(self) -> Run | None:
        """Return the last earlier A-run at least as long as the current one."""
        earlier = [r for r in self.a_runs() if r.end < self.current.start
                   and r.length >= self.current.length]
        return earlier[-1] if earlier else None

    def rank(self) -> int:
        """1 + the number of earlier A-runs strictly longer than the current one."""
        return 1 + sum(r.length > self.current.length for r in self.a_runs()
                       if r.end < self.current.start)


def _history(
    pit: PointInTime, a: str, b: str, field: Literal["close", "adj_close"]
) -> tuple[StreakHistory, tuple[FactInput, FactInput], tuple[str, str]]:
    sa, sb = pit.series(a, field), pit.series(b, field)
    common, ia, ib = np.intersect1d(sa.dates, sb.dates, assume_unique=True, return_indices=True)
    if common.size < 2:
        raise ValueError(f"{a} and {b} share fewer than two {field} dates before {pit.as_of}")
    va, vb = sa.values[ia], sb.values[ib]
    ra = va[1:] / va[:-1] - 1.0
    rb = vb[1:] / vb[:-1] - 1.0
    signs = np.sign(ra - rb).astype(np.int8)
    runs = runs_of(signs)
    dates = common[1:]
    inputs = (
        FactInput(series=sa.symbol, field=field,
                  first=common[0].astype(dt.date), last=common[-1].astype(dt.date)),
        FactInput(series=sb.symbol, field=field,
                  first=common[0].astype(dt.date), last=common[-1].astype(dt.date)),
    )
    return StreakHistory(dates, runs, runs[-1]), inputs, (sa.source, sb.source)


def outperformance_streak(
    pit: PointInTime, a: str, b: str, field: Literal["close", "adj_close"] = "adj_close"
) -> tuple[StreakHistory, list[Fact]]:
    """Compute the current streak of A over B and its rarity, as facts.

    Returns
    -------
    (StreakHistory, list of Fact)
        Facts: ``streak.length`` (sessions; 0 when A did not beat B in the last
        session), ``streak.start`` and ``streak.end`` (dates), ``streak.rank``
        (1 = longest since data start), ``streak.longest_since`` (end date of the
        last earlier run at least as long) with its length, and
        ``streak.count_at_least`` (earlier runs at least as long).
    """
    history, inputs, sources = _history(pit, a, b, field)
    cur = history.current
    length = cur.length if cur.side == 1 else 0
    subjects = (inputs[0].series, inputs[1].series)
    method = f"outperformance_streak_{'price' if field == 'close' else 'total'}_return"
    params = {"field": field, "rule": "A daily return > B daily return, consecutive sessions"}

    def fact(key: str, value: float | int | dt.date, unit: Unit, label: str) -> Fact:
        return Fact(
            id=make_fact_id("streak", subjects, f"{field}.{key}", pit.as_of),
            value=value, unit=unit, kind=f"streak.{key}",
            as_of=pit.as_of, subjects=subjects, inputs=inputs, method=method, params=params,
            sources=sources, label=label,
        )

    a_name, b_name = subjects
    facts = [fact("length", length, "sessions",
                  f"consecutive sessions {a_name} beat {b_name}")]
    if length:
        facts += [
            fact("start", history.day(cur.start), "date", "streak start"),
            fact("end", history.day(cur.end), "date", "streak end"),
            fact("rank", history.rank(), "count", "rank of the streak since data start"),
            fact("count_at_least", sum(
                r.length >= length for r in history.a_runs() if r.end < cur.start),
                "count", "earlier streaks at least as long"),
        ]
        since = history.longest_since()
        if since is not None:
            facts += [
                fact("longest_since", history.day(since.end), "date",
                     "end of the last streak at least as long"),
                fact("longest_since_length", since.length, "sessions",
                     "length of that streak"),
            ]
    return history, facts
