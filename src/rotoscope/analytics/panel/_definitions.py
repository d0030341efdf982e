"""What a panel is, shared by every way of computing it: windows, margins, the result.

Nothing here imports Ibis, pandas or DuckDB, so the dense DuckDB path and the
package's import stay free of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

import polars as pl

if TYPE_CHECKING:
    import pandas

__all__ = ["EXTREME", "RS_MA", "SESSIONS", "SMAS", "TIE", "Engine", "Method", "PanelResult",
           "check_method"]

#: The standard return windows, in sessions: day, week, month, quarter, year.
SESSIONS = (1, 5, 21, 63, 252)

#: The trailing averages, the high/low window and the relative-strength
#: average of a panel, in sessions.
SMAS, EXTREME, RS_MA = (50, 200), 252, 50

#: A close within this relative distance of its average counts as on it, not
#: above. Engines add a window's values in different orders, so an average that
#: equals the close in exact arithmetic can land a few units in the last place
#: either side of it; without the margin, breadth counts would depend on the engine.
TIE = 1e-12

#: Where :func:`~rotoscope.analytics.panel.member_panel` computes: the store's
#: DuckDB connection (dense arrays) or a Spark session (window expressions).
Engine = Literal["duckdb", "spark"]

#: How :func:`~rotoscope.analytics.panel.compute` computes on DuckDB: ``auto``
#: (dense arrays where the panel suits them) or ``windows`` (SQL window functions).
Method = Literal["auto", "windows"]


def check_method(method: str) -> Method:
    """Return ``method`` as a :data:`Method`.

    Raises
    ------
    ValueError
        When it is not one.
    """
    if method == "auto":
        return "auto"
    if method == "windows":
        return "windows"
    raise ValueError(f"unknown panel method '{method}': use "
                     f"{' or '.join(get_args(Method))}")


@dataclass(frozen=True)
class PanelResult:
    """A computed panel: one snapshot row per symbol and one breadth row per date."""

    as_of: dt.date
    snapshot: pl.DataFrame
    breadth: pl.DataFrame

    def to_polars(self) -> pl.DataFrame:
        """Return the snapshot, one row per member (the daily breadth is ``breadth``)."""
        return self.snapshot

    def to_pandas(self) -> pandas.DataFrame:
        """Return the snapshot as a pandas frame (needs pandas installed)."""
        from rotoscope.facts import to_pandas

        return to_pandas(self.snapshot)

    def to_dict(self) -> dict[str, Any]:
        """Return the as-of date, that day's breadth and every member's snapshot row."""
        day = self.breadth.filter(pl.col("date") == self.as_of)
        return {
            "as_of": self.as_of.isoformat(),
            "breadth": day.row(0, named=True) if day.height else None,
            "members": self.snapshot.to_dicts(),
        }

    def _repr_html_(self) -> str:
        from rotoscope.facts import html_table

        return html_table(self.snapshot, f"S&P 500 member panel as of {self.as_of}: "
                          f"{self.snapshot.height} members")
