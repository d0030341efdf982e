"""Point-in-time analytics: pure functions of the store up to an as-of date."""

from rotoscope.analytics._common import FactMaker, align, day, series_input, trailing_mean
from rotoscope.analytics._pit import MAX_STALE_DAYS, PointInTime, SeriesData, require_recent
from rotoscope.analytics.returns import spread, window_return
from rotoscope.analytics.streaks import outperformance_streak, runs_of
from rotoscope.analytics.windows import STANDARD_WINDOWS, resolve_window

__all__ = [
    "MAX_STALE_DAYS",
    "STANDARD_WINDOWS",
    "FactMaker",
    "PointInTime",
    "SeriesData",
    "align",
    "day",
    "outperformance_streak",
    "require_recent",
    "resolve_window",
    "runs_of",
    "series_input",
    "spread",
    "trailing_mean",
    "window_return",
]
