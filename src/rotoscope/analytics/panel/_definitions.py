"""What a panel is, shared by every way of computing it: windows, margins, the result.

Nothing here imports Ibis, pandas, DuckDB or Polars, so the dense DuckDB path
and the package's import stay free of them: the dense arrays hand their results
over as NumPy :class:`Columns`, which become Polars frames only when a frame is
asked for (``rotoscope panel --json`` never asks).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

import numpy as np

from rotoscope.analytics._breadth import EXTREME, SMAS, TIE

if TYPE_CHECKING:
    import pandas
    import polars as pl
    from numpy.typing import NDArray

__all__ = ["EXTREME", "RS_MA", "SESSIONS", "SMAS", "TIE", "Columns", "Engine", "Method",
           "PanelResult", "check_method"]

#: The standard return windows, in sessions: day, week, month, quarter, year.
SESSIONS = (1, 5, 21, 63, 252)

#: The relative-strength average of a panel, in sessions (its trailing averages
#: SMAS, high/low window EXTREME and tie margin TIE come from the row breadth).
RS_MA = 50

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
class Columns:
    """A frame's columns as NumPy arrays, before any Polars frame is built.

    ``data`` maps each column, in order, to its values: a list of strings, or a
    NumPy array of ``float64`` (NaN is null), ``int64``, ``bool`` or
    ``datetime64[D]`` (a date). ``nulls`` marks the null rows of boolean columns.
    :meth:`to_polars` gives the frame the window expressions give (String,
    Float64, Int64, Boolean, Date); :meth:`rows` the same rows as Python values,
    as Polars' ``to_dicts`` gives them, without importing Polars.
    """

    data: dict[str, Any]
    nulls: dict[str, NDArray[np.bool_]]

    @property
    def height(self) -> int:
        """The number of rows."""
        return len(next(iter(self.data.values()))) if self.data else 0

    def take(self, rows: NDArray[Any]) -> Columns:
        """Return the rows at the positions (or where the flags) of ``rows``."""
        index = np.flatnonzero(rows) if rows.dtype == np.bool_ else rows
        data = {k: ([v[i] for i in index.tolist()] if isinstance(v, list) else v[index])
                for k, v in self.data.items()}
        return Columns(data, {k: v[index] for k, v in self.nulls.items()})

    def to_polars(self) -> pl.DataFrame:
        """Return the columns as a Polars frame."""
        import polars as pl

        series = []
        for key, values in self.data.items():
            if isinstance(values, list):
                series.append(pl.Series(key, values, dtype=pl.String))
            elif values.dtype == np.float64:
                series.append(pl.Series(key, values, nan_to_null=True))
            elif values.dtype.kind == "M":
                series.append(pl.Series(key, values).cast(pl.Date))
            elif values.dtype == np.bool_:
                column = pl.Series(key, values)
                if key in self.nulls:
                    column = column.set(pl.Series(self.nulls[key]), None)
                series.append(column)
            else:
                series.append(pl.Series(key, values).cast(pl.Int64))
        return pl.DataFrame(series)

    def rows(self, index: NDArray[Any] | None = None) -> list[dict[str, Any]]:
        """Return every row (or the rows at ``index``) as a dict of Python values.

        A null is None; a date is a :class:`datetime.date`.
        """
        picked = self if index is None else self.take(index)
        columns: list[tuple[str, list[Any]]] = []
        for key, values in picked.data.items():
            if isinstance(values, list):
                out: list[Any] = list(values)
            elif values.dtype == np.float64:
                out = [None if v != v else v for v in values.tolist()]
            elif values.dtype.kind == "M":
                out = values.astype("datetime64[D]").tolist()
            else:
                out = values.tolist()
            if key in picked.nulls:
                out = [None if null else v
                       for v, null in zip(out, picked.nulls[key].tolist(), strict=True)]
            columns.append((key, out))
        return [dict(zip([k for k, _ in columns], row, strict=True))
                for row in zip(*(v for _, v in columns), strict=True)]


class PanelResult:
    """A computed panel: one snapshot row per symbol and one breadth row per date.

    ``snapshot`` and ``breadth`` are Polars frames; built from NumPy
    :class:`Columns` (the dense arrays' results), each becomes a frame the
    first time it is read, and :meth:`to_dict` needs none.
    """

    __slots__ = ("_breadth", "_snapshot", "as_of")

    def __init__(self, as_of: dt.date, snapshot: pl.DataFrame | Columns,
                 breadth: pl.DataFrame | Columns) -> None:
        self.as_of = as_of
        self._snapshot = snapshot
        self._breadth = breadth

    def __repr__(self) -> str:
        return (f"PanelResult(as_of={self.as_of!r}, members={self._height(self._snapshot)}, "
                f"dates={self._height(self._breadth)})")

    @staticmethod
    def _height(part: pl.DataFrame | Columns) -> int:
        return int(part.height)

    @property
    def snapshot(self) -> pl.DataFrame:
        """One row per member: its returns, averages, extremes and relative strength."""
        if isinstance(self._snapshot, Columns):
            self._snapshot = self._snapshot.to_polars()
        return self._snapshot

    @property
    def breadth(self) -> pl.DataFrame:
        """One row per date: members above each average, advances, new highs and lows."""
        if isinstance(self._breadth, Columns):
            self._breadth = self._breadth.to_polars()
        return self._breadth

    @property
    def columns(self) -> list[str]:
        """The snapshot's column names, in order, without building its frame."""
        snap = self._snapshot
        return list(snap.data) if isinstance(snap, Columns) else list(snap.columns)

    @property
    def numeric_columns(self) -> list[str]:
        """The snapshot's numeric (integer and float) columns, without building its frame."""
        snap = self._snapshot
        if isinstance(snap, Columns):
            return [k for k, v in snap.data.items()
                    if not isinstance(v, list) and v.dtype.kind in "fiu"]
        return [c for c in snap.columns if snap[c].dtype.is_numeric()]

    def to_polars(self) -> pl.DataFrame:
        """Return the snapshot, one row per member (the daily breadth is ``breadth``)."""
        return self.snapshot

    def to_pandas(self) -> pandas.DataFrame:
        """Return the snapshot as a pandas frame (needs pandas installed)."""
        from rotoscope.facts import to_pandas

        return to_pandas(self.snapshot)

    def to_dict(self) -> dict[str, Any]:
        """Return the as-of date, that day's breadth and every member's snapshot row."""
        breadth, snapshot = self._breadth, self._snapshot
        if isinstance(breadth, Columns):
            on_day = np.flatnonzero(breadth.data["date"] == np.datetime64(self.as_of, "D"))
            day = breadth.rows(on_day[:1])
        else:
            day = breadth.filter(breadth["date"] == self.as_of).head(1).to_dicts()
        return {
            "as_of": self.as_of.isoformat(),
            "breadth": day[0] if day else None,
            "members": snapshot.rows() if isinstance(snapshot, Columns) else snapshot.to_dicts(),
        }

    def _repr_html_(self) -> str:
        from rotoscope.facts import html_table

        return html_table(self.snapshot, f"S&P 500 member panel as of {self.as_of}: "
                          f"{self.snapshot.height} members")
