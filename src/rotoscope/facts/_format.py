"""One place that formats fact values: percentages to 2 decimals, signs, levels."""

from __future__ import annotations

import datetime as dt

__all__ = ["format_value"]


def format_value(
    value: float | int | dt.date, unit: str, precision: int = 2, signed: bool | None = None
) -> str:
    """Format a fact value for prose and tables.

    Parameters
    ----------
    value
        The fact's value.
    unit
        The fact's unit. ``pct`` gives ``+7.21%``, ``pp`` gives ``+6.08 pp``,
        ``level`` gives ``2,508.22`` at ``precision`` decimals, ``sessions`` and
        ``count`` give integers, ``date`` gives ISO dates.
    precision
        Decimals for levels and ratios.
    signed
        Show a ``+`` on positive numbers; by default on for ``pct`` and ``pp``.
    """
    if isinstance(value, dt.date):
        return value.isoformat()
    if unit in ("sessions", "count", "years"):
        return f"{int(value):,}"
    show_sign = signed if signed is not None else unit in ("pct", "pp")
    sign = "+" if show_sign else ""
    if unit == "pct":
        return f"{value:{sign},.2f}%"
    if unit == "pp":
        return f"{value:{sign},.2f} pp"
    if unit == "percentile":
        return f"{value:.0f}th percentile"
    if unit == "z":
        return f"{value:{sign}.2f}"
    return f"{value:{sign},.{precision}f}"
