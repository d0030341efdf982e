"""One place that formats fact values: percentages to 2 decimals, signs, levels."""

from __future__ import annotations

import datetime as dt

__all__ = ["format_value", "ordinal"]


def ordinal(n: int) -> str:
    """Return ``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``21st``, ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_value(
    value: float | int | dt.date | str, unit: str, precision: int = 2, signed: bool | None = None
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
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if unit in ("sessions", "count", "years"):
        return f"{int(value):,}"
    show_sign = signed if signed is not None else unit in ("pct", "pp", "bp")
    decimals = 2 if unit in ("pct", "pp", "z") else precision
    # a value that rounds to zero is written 0.00: never -0.00 ("z"), nor +0.00
    sign = "+z" if show_sign and round(float(value), decimals) != 0 else "z"
    if unit == "pct":
        return f"{value:{sign},.2f}%"
    if unit == "share":
        return f"{value:z.{precision}f}%"
    if unit == "pp":
        return f"{value:{sign},.2f} pp"
    if unit == "bp":
        return f"{value:{sign},.{precision}f} bp"
    if unit == "percentile":
        return f"{ordinal(round(value))} percentile"
    if unit == "z":
        return f"{value:{sign}.2f}"
    if unit == "degrees":
        return f"{value:z.0f}°"
    return f"{value:{sign},.{precision}f}"
