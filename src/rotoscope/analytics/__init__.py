"""Point-in-time analytics: pure functions of the store up to an as-of date.

Each name loads on first use from the module that defines it, so a command
that needs one analytic (the member panel) does not import the others.
"""

from typing import TYPE_CHECKING

from rotoscope._lazy import lazy_names

if TYPE_CHECKING:
    from rotoscope.analytics._common import (
        FactMaker,
        align,
        day,
        series_input,
        trailing_mean,
    )
    from rotoscope.analytics._pit import (
        MAX_STALE_DAYS,
        PointInTime,
        SeriesData,
        require_recent,
    )
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

#: Where each public name lives: ``name -> module``.
_LAZY = {
    **dict.fromkeys(("FactMaker", "align", "day", "series_input", "trailing_mean"), "_common"),
    **dict.fromkeys(("MAX_STALE_DAYS", "PointInTime", "SeriesData", "require_recent"), "_pit"),
    **dict.fromkeys(("spread", "window_return"), "returns"),
    **dict.fromkeys(("outperformance_streak", "runs_of"), "streaks"),
    **dict.fromkeys(("STANDARD_WINDOWS", "resolve_window"), "windows"),
}


__getattr__, __dir__ = lazy_names(__name__, _LAZY)
