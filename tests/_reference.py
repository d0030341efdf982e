"""Plain-Python references that tests hold the vectorised analytics against."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st


def sessions_since_extreme_by_hand(values: list[float], n: int, high: bool) -> int | None:
    """Rows back to the latest row that is the high (or low) of its trailing ``n`` rows.

    ``None`` when no row with ``n`` rows of history is one.
    """
    for back in range(len(values) - n + 1):
        i = len(values) - 1 - back
        window = values[i - n + 1: i + 1]
        if (values[i] >= max(window)) if high else (values[i] <= min(window)):
            return back
    return None


def draw_ragged_rows(draw: st.DrawFn, max_days: int
                     ) -> tuple[list[dt.date], list[tuple[str, dt.date, float]]]:
    """Draw up to 5 members' rows over up to ``max_days`` days, by member and date.

    Late listings, early ends and holes (each member holds a drawn subset of the
    days); prices are small integers, so equal closes, closes on their average
    and repeated extremes are common. Returns the days and the rows (at least one).
    """
    days = [dt.date(2025, 12, 1) + dt.timedelta(days=i)
            for i in range(draw(st.integers(1, max_days)))]
    rows: list[tuple[str, dt.date, float]] = []
    for k in range(draw(st.integers(1, 5))):
        held = draw(st.lists(st.booleans(), min_size=len(days), max_size=len(days)))
        prices = draw(st.lists(st.integers(1, 6), min_size=len(days), max_size=len(days)))
        rows += [(f"S{k}", d, float(p)) for d, h, p in zip(days, held, prices, strict=True) if h]
    return days, rows or [("S0", days[0], 1.0)]
