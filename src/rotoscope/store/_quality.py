"""Data-quality checks over price and macro frames.

Errors are values that cannot be right (non-positive prices, high below low,
close outside the day's range, duplicate dates); warnings are things a user
should know before trusting an analysis (gaps against the NYSE calendar, one-day
jumps that look like unadjusted splits, stale series, jumps in the
adj_close/close ratio). Checks never change data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import polars as pl

from rotoscope.calendar import CALENDAR_START, sessions_between

__all__ = ["CheckThresholds", "Finding", "check_prices"]

Severity = Literal["error", "warning"]

_SPLIT_FACTORS = (2.0, 3.0, 4.0, 5.0, 8.0, 10.0, 20.0, 1.5, 4.0 / 3.0)


@dataclass(frozen=True)
class CheckThresholds:
    """Thresholds of the warning checks.

    Attributes
    ----------
    gap_sessions
        A run of more than this many missing NYSE sessions is a gap.
    split_tolerance
        A one-day price ratio within this relative distance of a split factor
        (2, 3, 4, 5, 8, 10, 20, 3:2, 4:3 or their inverses) looks like a split.
    stale_sessions
        A series whose last date is more than this many NYSE sessions behind the
        newest series is stale.
    adj_ratio_jump
        A day-over-day change of adj_close/close larger than this (relative) is
        reported; dividends move the ratio by well under this.
    """

    gap_sessions: int = 3
    split_tolerance: float = 0.02
    stale_sessions: int = 5
    adj_ratio_jump: float = 0.03


@dataclass(frozen=True)
class Finding:
    """One problem found by a check, possibly on many rows."""

    severity: Severity
    check: str
    symbol: str
    count: int
    first_date: dt.date | None
    last_date: dt.date | None
    detail: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        return {
            "severity": self.severity,
            "check": self.check,
            "symbol": self.symbol,
            "count": self.count,
            "first_date": self.first_date.isoformat() if self.first_date else None,
            "last_date": self.last_date.isoformat() if self.last_date else None,
            "detail": self.detail,
        }


def _dates(frame: pl.DataFrame) -> list[dt.date]:
    return [d for d in frame["date"].to_list() if isinstance(d, dt.date)]


def _rows_finding(
    severity: Severity, check: str, symbol: str, hits: pl.DataFrame, what: str, cols: list[str]
) -> Finding | None:
    if hits.height == 0:
        return None
    days = _dates(hits)
    first = hits.row(0, named=True)
    shown = ", ".join(f"{c}={first[c]}" for c in cols if first.get(c) is not None)
    more = f" and {hits.height - 1} more" if hits.height > 1 else ""
    return Finding(
        severity, check, symbol, hits.height, min(days), max(days),
        f"{what}: {first['date']} ({shown}){more}",
    )


def _gaps(symbol: str, frame: pl.DataFrame, limit: int) -> list[Finding]:
    days = frame["date"].drop_nulls()
    if days.len() < 2:
        return []
    first, last = days.min(), days.max()
    assert isinstance(first, dt.date)
    assert isinstance(last, dt.date)
    first = max(first, CALENDAR_START)
    expected = sessions_between(first, last)
    have = np.asarray(days.to_numpy(), dtype="datetime64[D]")
    missing = np.setdiff1d(expected, have, assume_unique=True)
    if missing.size == 0:
        return []
    # Group consecutive missing sessions into runs, by their index in the calendar.
    idx = np.searchsorted(expected, missing)
    breaks = np.flatnonzero(np.diff(idx) != 1) + 1
    runs = [r for r in np.split(np.arange(missing.size), breaks) if r.size > limit]
    out: list[Finding] = []
    if runs:
        longest = max(runs, key=len)
        lo = missing[longest[0]].astype(dt.date)
        hi = missing[longest[-1]].astype(dt.date)
        out.append(Finding(
            "warning", "calendar_gap", symbol, len(runs),
            missing[runs[0][0]].astype(dt.date), missing[runs[-1][-1]].astype(dt.date),
            f"{len(runs)} run(s) of more than {limit} missing NYSE sessions; longest "
            f"{len(longest)} sessions {lo}..{hi}; {missing.size} missing sessions in all",
        ))
    return out


def _split_jumps(symbol: str, frame: pl.DataFrame, column: str, tol: float) -> Finding | None:
    # Non-positive prices are reported as errors elsewhere; ratios of them mean nothing.
    series = frame.select("date", column).drop_nulls().filter(pl.col(column) > 0)
    ratio = series[column] / series[column].shift(1)
    candidates = series.with_columns(ratio.alias("ratio")).drop_nulls("ratio")
    factors = [f for base in _SPLIT_FACTORS for f in (base, 1.0 / base)]
    near = pl.lit(False)
    for f in factors:
        near = near | ((pl.col("ratio") / f - 1.0).abs() <= tol)
    hits = candidates.filter(near & ((pl.col("ratio") - 1.0).abs() > 0.2))
    return _rows_finding(
        "warning", "split_like_jump", symbol, hits,
        f"one-day {column} ratio near a split factor", ["ratio"],
    )


_NOT_SPLITTABLE = frozenset({"volatility", "rate", "fx", "breadth"})


def check_prices(
    prices: pl.DataFrame,
    thresholds: CheckThresholds | None = None,
    kinds: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Run every check on a long price frame.

    Parameters
    ----------
    prices
        Columns ``symbol, date, open, high, low, close, adj_close`` (nulls allowed).
    thresholds
        Warning thresholds; the defaults of :class:`CheckThresholds` otherwise.
    kinds
        Symbol to kind (``index``, ``etf``, ``volatility``, ``rate``, ...). Series
        that are not prices (volatility, rates, fx) skip the split check, since
        their one-day moves are not splits.

    Returns
    -------
    list of Finding
        Errors first, then warnings, each sorted by symbol.
    """
    th = thresholds or CheckThresholds()
    out: list[Finding] = []
    last_dates: dict[str, dt.date] = {}
    for (symbol,), frame in prices.sort("symbol", "date").group_by("symbol", maintain_order=True):
        symbol = str(symbol)
        dup = frame.filter(frame["date"].is_duplicated())
        found: list[Finding | None] = [
            _rows_finding("error", "duplicate_date", symbol, dup, "date appears twice", []),
        ]
        price_cols = ["open", "high", "low", "close", "adj_close"]
        nonpos = frame.filter(pl.any_horizontal([pl.col(c) <= 0 for c in price_cols]))
        found.append(_rows_finding(
            "error", "non_positive_price", symbol, nonpos, "price at or below zero", price_cols))
        hl = frame.filter(pl.col("high") < pl.col("low"))
        found.append(_rows_finding("error", "high_below_low", symbol, hl, "high < low",
                                   ["high", "low"]))
        eps = 1e-6
        outside = frame.filter(
            (pl.col("close") > pl.col("high") * (1 + eps))
            | (pl.col("close") < pl.col("low") * (1 - eps))
        )
        found.append(_rows_finding("error", "close_outside_range", symbol, outside,
                                   "close outside [low, high]", ["low", "close", "high"]))
        if (kinds or {}).get(symbol) not in _NOT_SPLITTABLE:
            found.append(_split_jumps(symbol, frame, "close", th.split_tolerance))
            found.append(_split_jumps(symbol, frame, "adj_close", th.split_tolerance))
        both = frame.select("date", "close", "adj_close").drop_nulls().filter(
            (pl.col("close") > 0) & (pl.col("adj_close") > 0)
        )
        if both.height > 1:
            r = both["adj_close"] / both["close"]
            jumps = both.with_columns((r / r.shift(1) - 1.0).alias("ratio_change")).filter(
                pl.col("ratio_change").abs() > th.adj_ratio_jump
            )
            found.append(_rows_finding(
                "warning", "adj_ratio_jump", symbol, jumps,
                "adj_close/close ratio jumped", ["close", "adj_close", "ratio_change"]))
        out += [f for f in found if f is not None]
        out += _gaps(symbol, frame.select("date").drop_nulls(), th.gap_sessions)
        last = frame["date"].max()
        if isinstance(last, dt.date):
            last_dates[symbol] = last
    if last_dates:
        newest = max(last_dates.values())
        for symbol, last in sorted(last_dates.items()):
            behind = len(sessions_between(last, newest)) - 1
            if behind > th.stale_sessions:
                out.append(Finding(
                    "warning", "stale_series", symbol, behind, last, newest,
                    f"last row {last} is {behind} NYSE sessions behind the newest series "
                    f"({newest})",
                ))
    out.sort(key=lambda f: (f.severity != "error", f.symbol, f.check))
    return out
