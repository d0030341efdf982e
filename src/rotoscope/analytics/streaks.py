"""Consecutive-session outperformance streaks and how rare they are.

A session counts for A when A's daily return beats B's strictly; for B when B's
beats A's; a tie ends both. Daily returns are taken between consecutive dates
that both series have, up to the as-of date. The runs of A-sessions, B-sessions
and ties partition the sessions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, NamedTuple

import numpy as np
import numpy.typing as npt

from rotoscope.analytics._common import FactMaker, align, day, median, series_input
from rotoscope.analytics._pit import PointInTime, require_recent
from rotoscope.analytics.returns import Frequency, period_returns
from rotoscope.facts import Fact, FactInput

__all__ = ["Run", "StreakHistory", "follow_through", "outperformance_streak", "period_run",
           "runs_of", "series_runs"]


class Run(NamedTuple):
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


def _run_bounds(signs: npt.NDArray[np.int8]) -> tuple[npt.NDArray[np.int64],
                                                      npt.NDArray[np.int64]]:
    change = np.flatnonzero(np.diff(signs)) + 1
    starts = np.concatenate(([0], change)).astype(np.int64)
    ends = np.concatenate((change - 1, [signs.size - 1])).astype(np.int64)
    return starts, ends


def runs_of(signs: npt.NDArray[np.int8]) -> list[Run]:
    """Split a sign sequence (1, -1, 0 per session) into maximal runs."""
    if signs.size == 0:
        return []
    starts, ends = _run_bounds(signs)
    return list(map(Run, signs[starts].tolist(), starts.tolist(), ends.tolist()))


@dataclass(frozen=True)
class StreakHistory:
    """Every run up to the as-of date, and the current one's standing.

    ``dates[i]`` is the session of sign ``i``; ``levels_a`` and ``levels_b`` hold
    the closes from the session before ``dates[0]`` on (one more row than
    ``dates``), so session ``i``'s close is row ``i + 1``. The runs are kept as
    arrays (``sides``, ``starts``, ``ends``, one entry per run, in order); the
    rank and "longest since" are computed on them without building a Python
    object per run.
    """

    dates: npt.NDArray[np.datetime64]
    sides: npt.NDArray[np.int8]
    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]
    levels_a: npt.NDArray[np.float64]
    levels_b: npt.NDArray[np.float64] | None = None

    @classmethod
    def from_signs(cls, dates: npt.NDArray[np.datetime64], signs: npt.NDArray[np.int8],
                   levels_a: npt.NDArray[np.float64],
                   levels_b: npt.NDArray[np.float64] | None = None) -> StreakHistory:
        """Build the history of the sign sequence ``signs`` (one per session in ``dates``).

        Raises
        ------
        ValueError
            When ``signs`` is empty.
        """
        if signs.size == 0:
            raise ValueError("no sessions to split into runs")
        starts, ends = _run_bounds(signs)
        return cls(dates, signs[starts], starts, ends, levels_a, levels_b)

    @property
    def current(self) -> Run:
        """The run holding the last session."""
        return Run(int(self.sides[-1]), int(self.starts[-1]), int(self.ends[-1]))

    @property
    def runs(self) -> list[Run]:
        """Every run, in order."""
        return list(map(Run, self.sides.tolist(), self.starts.tolist(), self.ends.tolist()))

    def day(self, i: int) -> dt.date:
        """Return session ``i`` as a date."""
        out: dt.date = self.dates[i].item()  # a datetime64[D] item is a date
        return out

    def runs_on(self, side: int = 1) -> list[Run]:
        """Return the runs of one side (1: A beat B, or up; -1: B beat A, or down)."""
        keep = self.sides == side
        return list(map(Run, self.sides[keep].tolist(), self.starts[keep].tolist(),
                        self.ends[keep].tolist()))

    def a_runs(self) -> list[Run]:
        """Return the runs in which A beat B."""
        return self.runs_on(1)

    def _earlier_lengths(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Return the indices and lengths of the earlier runs of the current side."""
        cur = self.current
        idx = np.flatnonzero((self.sides == cur.side) & (self.ends < cur.start))
        return idx, self.ends[idx] - self.starts[idx] + 1

    def history_count(self) -> int:
        """Earlier runs of the current side."""
        return int(self._earlier_lengths()[0].size)

    def longest_since(self) -> Run | None:
        """Return the last earlier run of the current side at least as long as the current one."""
        idx, lengths = self._earlier_lengths()
        hits = idx[lengths >= self.current.length]
        if hits.size == 0:
            return None
        j = int(hits[-1])
        return Run(int(self.sides[j]), int(self.starts[j]), int(self.ends[j]))

    def rank(self) -> int:
        """1 + the number of earlier runs of the current side strictly longer than it."""
        return 1 + int(np.count_nonzero(self._earlier_lengths()[1] > self.current.length))

    def count_at_least(self) -> int:
        """Earlier runs of the current side at least as long as the current one."""
        return int(np.count_nonzero(self._earlier_lengths()[1] >= self.current.length))


def _history(
    pit: PointInTime, a: str, b: str, field: Literal["close", "adj_close"]
) -> tuple[StreakHistory, tuple[FactInput, FactInput], tuple[str, str]]:
    # the streak and what followed past ones read the same runs: split them once
    return pit.remember(("streak_history", a, b, field), lambda: _split(pit, a, b, field))


def _split(
    pit: PointInTime, a: str, b: str, field: Literal["close", "adj_close"]
) -> tuple[StreakHistory, tuple[FactInput, FactInput], tuple[str, str]]:
    al = align(pit, a, b, field)
    ra = al.va[1:] / al.va[:-1] - 1.0
    rb = al.vb[1:] / al.vb[:-1] - 1.0
    signs = np.sign(ra - rb).astype(np.int8)
    history = StreakHistory.from_signs(al.dates[1:], signs, al.va, al.vb)
    return history, al.inputs(), al.sources


def _streak_facts(
    history: StreakHistory, make: FactMaker, side: int, noun: str
) -> list[Fact]:
    cur = history.current
    length = cur.length if cur.side == side else 0
    facts = [make("length", length, "sessions", noun)]
    if length:
        facts += [
            make("start", history.day(cur.start), "date", "streak start"),
            make("end", history.day(cur.end), "date", "streak end"),
            make("rank", history.rank(), "count", "rank of the streak since data start"),
            make("count_at_least", history.count_at_least(), "count",
                 "earlier streaks at least as long"),
            make("history_count", history.history_count(), "count",
                 "earlier streaks of the same side since data start"),
        ]
        since = history.longest_since()
        if since is not None:
            facts += [
                make("longest_since", history.day(since.end), "date",
                     "end of the last streak at least as long"),
                make("longest_since_length", since.length, "sessions",
                     "length of that streak"),
            ]
    return facts


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
        last earlier run at least as long) with its length,
        ``streak.count_at_least`` (earlier runs at least as long) and
        ``streak.history_count`` (earlier runs of A over B).
    """
    history, inputs, sources = _history(pit, a, b, field)
    subjects = (inputs[0].series, inputs[1].series)
    method = f"outperformance_streak_{'price' if field == 'close' else 'total'}_return"
    make = FactMaker(pit, "streak", subjects, inputs, method, sources,
                     params={"field": field,
                             "rule": "A daily return > B daily return, consecutive sessions"},
                     id_prefix=f"{field}.")
    return history, _streak_facts(history, make, 1,
                                  f"consecutive sessions {subjects[0]} beat {subjects[1]}")


def series_runs(
    pit: PointInTime, symbol: str, field: Literal["close", "adj_close"] = "close"
) -> tuple[StreakHistory, list[Fact]]:
    """Compute the current run of up (or down) sessions of one series, as facts.

    A session is up when its close is above the previous close, down when
    below; an unchanged close ends both. Facts are ``run.direction`` (``up`` or
    ``down``; ``flat`` after an unchanged close) and, as for pair streaks,
    ``run.length``, ``run.start``, ``run.end``, ``run.rank``,
    ``run.count_at_least``, ``run.history_count`` and ``run.longest_since``
    among earlier runs of the same direction.
    """
    series = pit.series(symbol, field)
    require_recent(series, pit.as_of)
    if series.values.size < 2:
        raise ValueError(f"{series.symbol} has fewer than two {field} rows as of {pit.as_of}")
    signs = np.sign(np.diff(series.values)).astype(np.int8)
    history = StreakHistory.from_signs(series.dates[1:], signs, series.values)
    side = history.current.side
    direction = {1: "up", -1: "down", 0: "flat"}[side]
    make = FactMaker(pit, "run", (series.symbol,), (series_input(series),),
                     "consecutive_up_down_sessions", (series.source,),
                     params={"field": field, "direction": direction,
                             "rule": "close above (below) the previous close"},
                     id_prefix=f"{field}.")
    facts = [make("direction", direction, "label", f"direction of {series.symbol}'s run")]
    if side != 0:
        facts += _streak_facts(history, make, side,
                               f"consecutive sessions {series.symbol} closed {direction}")
    return history, facts


def follow_through(
    pit: PointInTime,
    a: str,
    b: str,
    min_length: int,
    horizons: tuple[int, ...] = (5, 21, 63),
    field: Literal["close", "adj_close"] = "adj_close",
) -> list[Fact]:
    """Describe what followed past streaks of A over B of ``min_length`` sessions or more.

    Method
    ------
    Events are the sessions on which an earlier A-over-B streak reached
    ``min_length`` (so an event is known on its own day; nothing later is used to
    choose it). For each horizon h, the outcome is A's return minus B's over the
    next h sessions, from the event's close, in percentage points. Only events
    whose h sessions all lie on or before the as-of date count. Facts per horizon:
    ``n``, ``mean``, ``median`` and ``hit_rate`` (share of outcomes above zero).
    """
    history, inputs, sources = _history(pit, a, b, field)
    subjects = (inputs[0].series, inputs[1].series)
    # the session each earlier A-run of min_length or more reached it, in order
    reached = history.starts + (min_length - 1)
    events = reached[(history.sides == 1) & (reached <= history.ends)
                     & (reached < history.current.start)]
    assert history.levels_b is not None
    la, lb = history.levels_a, history.levels_b
    make = FactMaker(pit, "followthrough", subjects, inputs, "streak_follow_through",
                     sources, params={"field": field, "min_length": min_length,
                                      "event": "session a streak reached min_length"},
                     id_prefix=f"{field}.L{min_length}.")
    facts: list[Fact] = []
    for h in horizons:
        e = events[events + 1 + h < la.size] + 1
        outcomes = ((la[e + h] / la[e]) - (lb[e + h] / lb[e])) * 100.0
        n = int(outcomes.size)
        what = f"after {subjects[0]} streaks of {min_length}+ sessions over {subjects[1]}"
        facts.append(make(f"n.{h}d", n, "count", f"past streaks measured over {h} sessions "
                          + what, params={"horizon": h}))
        if n:
            facts += [
                make(f"mean.{h}d", float(outcomes.mean()), "pp",
                     f"average {h}-session spread {what}", params={"horizon": h}),
                make(f"median.{h}d", median(outcomes), "pp",
                     f"median {h}-session spread {what}", params={"horizon": h}),
                make(f"hit_rate.{h}d", float((outcomes > 0).mean() * 100.0), "share",
                     f"share of {h}-session spreads above zero {what}",
                     params={"horizon": h}, precision=0),
            ]
    return facts


def period_run(pit: PointInTime, symbol: str, frequency: Frequency = "session",
               field: Literal["close", "adj_close"] = "close", last: int | None = None
               ) -> list[Fact]:
    """Return the current run of up (or down) periods of one series, and the one before it.

    A period (a session, a Monday-to-Friday week, a calendar month) is up when
    its last close is above the previous period's last close. The latest period
    may be incomplete (the week or month to date). Facts (kind ``run``):
    ``{frequency}.side`` (+1 up, -1 down, 0 unchanged), ``{frequency}.length``
    (periods in the current run), ``{frequency}.previous_length`` (periods in
    the run before it, of the other side) and, with ``last``, ``{frequency}.up_of_last``
    and ``{frequency}.down_of_last`` (how many of the last ``last`` periods rose or fell).

    Raises
    ------
    ValueError
        When the series has fewer than two periods as of the date.
    """
    series = pit.series(symbol, field)
    require_recent(series, pit.as_of)
    ends, returns = period_returns(series, frequency)
    if returns.size < 1:
        raise ValueError(f"{series.symbol} has fewer than two {frequency}s as of {pit.as_of}")
    signs = np.sign(returns).astype(np.int8)
    side = int(signs[-1])
    length = 0
    while length < signs.size and signs[-1 - length] == side and side != 0:
        length += 1
    previous = 0
    if length < signs.size:
        other = int(signs[-1 - length])
        while length + previous < signs.size and signs[-1 - length - previous] == other \
                and other != 0:
            previous += 1
    first = ends[-max(length, 1)]
    make = FactMaker(pit, "run", (series.symbol,), (series_input(series),),
                     f"consecutive_up_down_{frequency}s", (series.source,),
                     params={"field": field, "frequency": frequency,
                             "rule": f"a {frequency}'s last close above (below) the previous "
                                     f"{frequency}'s last close"},
                     id_prefix=f"{field}.{frequency}.")
    word = {"session": "sessions", "week": "weeks", "month": "months"}[frequency]
    facts = [
        make("side", side, "count", f"direction of {series.symbol}'s latest {frequency}"),
        make("length", length, "count", f"consecutive {word} {series.symbol} closed "
                                        f"{'up' if side > 0 else 'down'}",
             params={"field": field, "frequency": frequency,
                     "start": day(series.dates[first]).isoformat()}),
        make("previous_length", previous, "count",
             f"{word} in {series.symbol}'s run before the current one"),
    ]
    if last is not None:
        window = signs[-last:]
        facts += [
            make("up_of_last", int(np.sum(window > 0)), "count",
                 f"{word} {series.symbol} closed up, of the last {min(last, window.size)}",
                 params={"field": field, "frequency": frequency, "last": last}),
            make("down_of_last", int(np.sum(window < 0)), "count",
                 f"{word} {series.symbol} closed down, of the last {min(last, window.size)}",
                 params={"field": field, "frequency": frequency, "last": last}),
        ]
    return facts
