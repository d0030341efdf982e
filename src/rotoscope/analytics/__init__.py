"""Point-in-time analytics: pure functions of the store up to an as-of date."""

from rotoscope.analytics._pit import PointInTime, SeriesData
from rotoscope.analytics.returns import spread, window_return
from rotoscope.analytics.streaks import outperformance_streak, runs_of
from rotoscope.analytics.windows import STANDARD_WINDOWS, resolve_window

__all__ = [
    "STANDARD_WINDOWS",
    "PointInTime",
    "SeriesData",
    "outperformance_streak",
    "resolve_window",
    "runs_of",
    "spread",
    "window_return",
]
