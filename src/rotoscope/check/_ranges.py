"""Ranges written with a dash: "roughly 4.3%–4.4%", "between 6,800-6,900".

Two numbers of one unit joined by a dash, with nothing between them, are one quantity:
a range whose low end is the claim's ``claimed`` value and whose high end is its
``range_high``. Without this the second number reads as negative ("–4.4%"). A range
holds when the computed value lies inside it, widened by half a unit of the quoted
last digit at each end; within one more unit it is ``approximate``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rotoscope.language import Quantity

__all__ = ["join_ranges", "within_range"]

_DASH = "-–—"


def join_ranges(text: str, quantities: list[Quantity]) -> tuple[list[Quantity], dict[int, float]]:
    """Merge dash-joined pairs; return the quantities and each range's high end by start."""
    out: list[Quantity] = []
    highs: dict[int, float] = {}
    k = 0
    while k < len(quantities):
        q = quantities[k]
        nxt = quantities[k + 1] if k + 1 < len(quantities) else None
        gap = text[q.span[1]:nxt.span[0]] if nxt is not None else ""
        # the dash is the second number's sign ("4.3%–4.4%") or stands alone ("0.9—1.1")
        joined_by_dash = nxt is not None and (
            (gap == "" and nxt.text[:1] in _DASH
             and re.fullmatch(r"[-–—]\s?\$?\d[\d,.]*\s?(?:%|percent)?", nxt.text) is not None)
            or (gap in _DASH and gap != "" and nxt.text[:1] not in "+-−–"
                and re.fullmatch(r"\$?\d[\d,.]*\s?(?:%|percent)?", nxt.text) is not None))
        if nxt is not None and joined_by_dash and \
                (nxt.unit == q.unit or (q.unit == "level" and nxt.unit == "pct")) and \
                q.value >= 0 and abs(nxt.value) >= q.value:
            unit = nxt.unit
            joined = replace(q, unit=unit, span=(q.span[0], nxt.span[1]),
                             text=text[q.span[0]:nxt.span[1]],
                             decimals=max(q.decimals, nxt.decimals))
            out.append(joined)
            highs[joined.span[0]] = abs(nxt.value)
            k += 2
            continue
        out.append(q)
        k += 1
    return out, highs


def within_range(low: float, high: float, value: float, decimals: int) -> str:
    """Return ``confirmed``, ``approximate`` or ``contradicted`` for a value and a range."""
    h = 0.5 * 10.0 ** -decimals
    if low - h - 1e-9 <= value <= high + h + 1e-9:
        return "confirmed"
    if low - 3 * h - 1e-9 <= value <= high + 3 * h + 1e-9:
        return "approximate"
    return "contradicted"
