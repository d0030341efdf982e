"""Plain-Python references that tests hold the vectorised analytics against."""

from __future__ import annotations


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
