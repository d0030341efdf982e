"""Long history: French factor streaks and base rates, and the rate-cut event study.

Method: French long history
---------------------------
From the Fama/French three-factor file (daily, percent, since July 1926):

- **Streaks** of SMB (small minus big) and HML (high minus low book-to-market,
  value minus growth): consecutive days with the factor above zero (or below),
  with the current run's rank, "longest since" and count of runs at least as
  long, as for pair streaks.
- **Rolling 10-year share**: over every window of 2,520 consecutive daily rows
  (about ten years) ending on or before the as-of date, the share in which the
  factor compounded above zero (sum of ``log(1 + r/100)`` above zero).
- **Seasonality since 1928**: the share of years from 1928 in which SMB
  compounded above zero in January, and over the first N rows of the year,
  where N is the number of rows the as-of date's year has so far (so the
  current year is compared like with like). The current year's own values are
  facts too.

Method: rate-cut event study
----------------------------
From the monthly effective fed funds rate (FRED ``FEDFUNDS``, one row per month,
dated the first of the month and averaging that month). A month is a **cut
month** when its rate is at least 0.25 percentage points below the previous
month's. A **cycle start** is a cut month with no cut month in the six months
before it, when the previous month's rate was within 0.50 pp of its own
12-month high (so easing begins from near a peak, not in the middle of a fall).
For each start, small minus large is measured from the last close before the
cut month over the next 63, 126 and 252 sessions (about 3, 6 and 12 months):
``^RUT`` minus ``^GSPC`` price return (pp) where ``^RUT`` has data, else the
compounded French SMB factor. Only starts whose horizon ends on or before the
as-of date count (which also means the cut month itself is over).
Facts give n, mean, median and hit rate (share above zero).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from rotoscope.analytics._common import FactMaker, day, median, series_input
from rotoscope.analytics._pit import PointInTime, SeriesData
from rotoscope.analytics.streaks import StreakHistory, _streak_facts
from rotoscope.exceptions import MissingFieldError
from rotoscope.facts import Fact
from rotoscope.typing import F64

__all__ = [
    "FF3",
    "cut_cycle_starts",
    "factor_seasonality",
    "factor_streak",
    "rate_cut_study",
    "rolling_share",
]

FF3 = "F-F_Research_Data_Factors_daily"
FACTOR_NAMES = {"SMB": ("small", "big"), "HML": ("value", "growth")}
ROLLING_ROWS = 2520
SEASON_START = 1928
HORIZONS = (63, 126, 252)


def factor_streak(pit: PointInTime, column: str) -> list[Fact]:
    """Return the current run of ``column`` (SMB or HML) above or below zero, and its rarity."""
    s = pit.factor(FF3, column)
    signs = np.sign(s.values).astype(np.int8)
    history = StreakHistory.from_signs(s.dates, signs, s.values)
    a, b = FACTOR_NAMES.get(column, ("long", "short"))
    side = history.current.side
    leader = {1: a, -1: b, 0: "neither"}[side]
    make = FactMaker(pit, "ff", (column,), (series_input(s),), "factor_sign_streak",
                     (s.source,), params={"dataset": FF3, "column": column,
                                          "rule": "consecutive days with the factor above "
                                                  "(below) zero"},
                     id_prefix="streak.")
    facts = [make("leader", leader, "label", f"side {column} favoured on {day(s.dates[-1])}")]
    if side:
        facts += _streak_facts(history, make, side,
                               f"consecutive days {leader} beat {b if side > 0 else a} "
                               f"({column})")
    return facts


def _log(values: F64) -> F64:
    out: F64 = np.log1p(values / 100.0)
    return out


def rolling_share(pit: PointInTime, column: str, rows: int = ROLLING_ROWS) -> list[Fact]:
    """Share of rolling ``rows``-day windows in which ``column`` compounded above zero."""
    s = pit.factor(FF3, column)
    if s.values.size < rows:
        raise ValueError(f"{column} has {s.values.size} rows as of {pit.as_of}; {rows} needed")
    c = np.concatenate(([0.0], np.cumsum(_log(s.values))))
    sums = c[rows:] - c[:-rows]
    a, b = FACTOR_NAMES.get(column, ("long", "short"))
    make = FactMaker(pit, "ff", (column,), (series_input(s),), "rolling_window_share",
                     (s.source,), params={"dataset": FF3, "column": column,
                                          "window_rows": rows, "windows": int(sums.size)},
                     id_prefix="rolling10y.")
    return [
        make("share", float((sums > 0).mean() * 100.0), "share",
             f"share of rolling 10-year windows in which {a} beat {b} "
             f"(since {day(s.dates[rows - 1])})", precision=0),
        make("current", float(np.expm1(sums[-1]) * 100.0), "pct",
             f"{column} compounded over the last 10 years",
             inputs=(series_input(s, s.values.size - rows),)),
    ]


def _year_slices(s: SeriesData) -> dict[int, np.ndarray]:
    years = s.dates.astype("datetime64[Y]").astype(int) + 1970
    # the dates ascend, so each year's rows are one run: cut at the first row of each
    found, first = np.unique(years, return_index=True)
    ends = [*first[1:].tolist(), years.size]
    return {int(y): np.arange(a, b, dtype=np.intp)
            for y, a, b in zip(found.tolist(), first.tolist(), ends, strict=True)}


def factor_seasonality(pit: PointInTime, column: str = "SMB") -> list[Fact]:
    """January and first-N-sessions base rates of ``column`` since 1928."""
    s = pit.factor(FF3, column)
    by_year = _year_slices(s)
    logs = _log(s.values)
    months = s.dates.astype("datetime64[M]").astype(int) % 12 + 1
    last_day = day(s.dates[-1])
    current = last_day.year
    a, b = FACTOR_NAMES.get(column, ("long", "short"))
    make = FactMaker(pit, "ff", (column,), (series_input(s),), "factor_seasonality",
                     (s.source,), params={"dataset": FF3, "column": column,
                                          "since": SEASON_START}, id_prefix="season.")
    facts: list[Fact] = []
    jan_done = [y for y in by_year if SEASON_START <= y < current
                or (y == current and last_day.month > 1)]
    jan = {y: float(logs[by_year[y][months[by_year[y]] == 1]].sum()) for y in jan_done}
    past = [y for y in jan if y < current]
    if past:
        wins = sum(jan[y] > 0 for y in past)
        facts += [
            make("january_share", wins / len(past) * 100.0, "share",
                 f"share of Januaries since {SEASON_START} in which {a} beat {b}",
                 precision=0, params={"years": len(past), "wins": wins}),
            make("january_years", len(past), "count", f"Januaries since {SEASON_START}"),
        ]
    if current in jan:
        facts.append(make("january_current", float(np.expm1(jan[current]) * 100.0), "pct",
                          f"{column} compounded over January {current}",
                          inputs=(series_input(s, int(by_year[current][0]),
                                               int(by_year[current][months[by_year[current]]
                                                                    == 1][-1])),)))
    n = int(by_year[current].size) if current in by_year else 0
    if n:
        cur = float(np.expm1(logs[by_year[current]].sum()) * 100.0)
        past_n = [float(logs[by_year[y][:n]].sum()) for y in by_year
                  if SEASON_START <= y < current and by_year[y].size >= n]
        wins = sum(v > 0 for v in past_n)
        facts += [
            make("first_n_current", cur, "pct",
                 f"{column} compounded over the first {n} sessions of {current}",
                 params={"n": n}, inputs=(series_input(s, int(by_year[current][0])),)),
            make("first_n_share", wins / len(past_n) * 100.0 if past_n else 0.0, "share",
                 f"share of years since {SEASON_START} in which {a} beat {b} over the first "
                 f"{n} sessions", precision=0,
                 params={"n": n, "years": len(past_n), "wins": wins}),
            make("first_n_sessions", n, "sessions",
                 f"sessions of {current} in the French data as of {last_day}"),
        ]
    return facts


def cut_cycle_starts(fedfunds: SeriesData, cut: float = 0.25, quiet_months: int = 6,
                     near_peak: float = 0.50) -> list[dt.date]:
    """Return the first days of the cycle-start months in a monthly FEDFUNDS series.

    See the module docs for the rule; ``cut``, ``quiet_months`` and
    ``near_peak`` are its parameters.
    """
    f = fedfunds.values
    if f.size < 13:
        return []
    is_cut = np.concatenate(([False], f[1:] <= f[:-1] - cut + 1e-9))
    return [day(fedfunds.dates[i]) for i in range(12, f.size)
            if is_cut[i] and not is_cut[i - quiet_months:i].any()
            and f[i - 1] >= f[i - 12:i].max() - near_peak]


def rate_cut_study(pit: PointInTime, small: str = "^RUT", large: str = "^GSPC"
                   ) -> list[Fact]:
    """Small minus large after Fed cutting-cycle starts (see the module docs)."""
    raw = pit.series("FEDFUNDS")
    # A monthly row averages its whole month: it is known only once the month is over.
    month_over = (raw.dates.astype("datetime64[M]") + 1).astype("datetime64[D]") \
        <= np.datetime64(pit.as_of, "D")
    fedfunds = SeriesData(raw.symbol, raw.field, raw.dates[month_over],
                          raw.values[month_over], raw.source)
    starts = cut_cycle_starts(fedfunds)
    try:
        sm, lg = pit.series(small, "close"), pit.series(large, "close")
        common, ia, ib = np.intersect1d(sm.dates, lg.dates, assume_unique=True,
                                        return_indices=True)
        vs, vl = sm.values[ia], lg.values[ib]
    except MissingFieldError:
        common, vs, vl = np.array([], dtype="datetime64[D]"), np.array([]), np.array([])
    smb = pit.factor(FF3, "SMB")
    events: list[dict[str, object]] = []
    for start in starts:
        record: dict[str, object] = {"start": start.isoformat()}
        ds = np.datetime64(start, "D")
        if common.size and ds > common[0]:
            i = int(np.searchsorted(common, ds, side="left")) - 1
            record["source"] = f"{small} minus {large}"
            for h in HORIZONS:
                if i + h < common.size:
                    record[f"{h}d"] = float((vs[i + h] / vs[i] - vl[i + h] / vl[i]) * 100.0)
        else:
            i = int(np.searchsorted(smb.dates, ds, side="left")) - 1
            record["source"] = "French SMB"
            for h in HORIZONS:
                if i + h < smb.values.size:
                    record[f"{h}d"] = float(np.expm1(_log(smb.values[i + 1: i + 1 + h]).sum())
                                            * 100.0)
        events.append(record)
    inputs = [series_input(fedfunds), series_input(smb)]
    sources = [fedfunds.source, smb.source]
    if common.size:
        inputs += [series_input(sm), series_input(lg)]
        sources += [sm.source, lg.source]
    make = FactMaker(pit, "event", ("rate_cut", "small_minus_large"), tuple(inputs),
                     "rate_cut_event_study", tuple(sources),
                     params={"rule": "FEDFUNDS month at least 0.25 pp below the previous "
                                     "month, no such month in the 6 before, previous month "
                                     "within 0.50 pp of its 12-month high",
                             "base": "last close before the cut month",
                             "events": events})
    facts = [make("starts", len(starts), "count",
                  "Fed cutting-cycle starts since FEDFUNDS begins")]
    if starts:
        facts.append(make("last_start", starts[-1], "date",
                          "first day of the latest cutting-cycle start month"))
    for h in HORIZONS:
        vals = np.array([float(e[f"{h}d"]) for e in events  # type: ignore[arg-type]
                         if f"{h}d" in e])
        months = {63: 3, 126: 6, 252: 12}[h]
        what = f"small minus large over {months} months after a cutting-cycle start"
        facts.append(make(f"n.{h}d", int(vals.size), "count", f"cycles measured, {what}",
                          params={"horizon": h}))
        if vals.size:
            facts += [
                make(f"mean.{h}d", float(vals.mean()), "pp", f"average {what}",
                     params={"horizon": h}),
                make(f"median.{h}d", median(vals), "pp", f"median {what}",
                     params={"horizon": h}),
                make(f"hit_rate.{h}d", float((vals > 0).mean() * 100.0), "share",
                     f"share of cycles in which small caps led, {months} months after the "
                     "start", params={"horizon": h}, precision=0),
            ]
    return facts
