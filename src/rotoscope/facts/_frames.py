"""Facts and results as data frames and as HTML tables for notebooks.

One shape for every fact: one row per fact with its value, unit, label, the
dates its inputs span and the files it came from. Results built from facts (a
check, a panel) reuse :func:`html_table` so a notebook shows them alike.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import polars as pl

from rotoscope.exceptions import ConfigError

if TYPE_CHECKING:
    import pandas

    from rotoscope.facts._model import Fact

__all__ = ["FACT_SCHEMA", "facts_frame", "html_table", "require_pandas", "to_pandas"]

#: Columns of :func:`facts_frame`, in order.
FACT_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "id": pl.String,
    "kind": pl.String,
    "label": pl.String,
    "value": pl.Float64,
    "text": pl.String,
    "unit": pl.String,
    "as_of": pl.Date,
    "subjects": pl.List(pl.String),
    "first_date": pl.Date,
    "last_date": pl.Date,
    "method": pl.String,
    "sources": pl.List(pl.String),
    "notes": pl.List(pl.String),
}

#: Rows a notebook shows before saying how many more there are.
HTML_ROWS = 20


def _number(value: float | int | dt.date | str) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def facts_frame(facts: Iterable[Fact]) -> pl.DataFrame:
    """Return one row per fact, columns as in :data:`FACT_SCHEMA`.

    ``value`` holds numeric values (``None`` for dates and labels, whose reading
    is in ``text``); ``first_date`` and ``last_date`` are the earliest and latest
    dates any of the fact's inputs used.
    """
    rows: list[dict[str, Any]] = []
    for f in facts:
        rows.append({
            "id": f.id,
            "kind": f.kind,
            "label": f.label,
            "value": _number(f.value),
            "text": f.formatted(),
            "unit": f.unit,
            "as_of": f.as_of,
            "subjects": list(f.subjects),
            "first_date": min((i.first for i in f.inputs), default=None),
            "last_date": max((i.last for i in f.inputs), default=None),
            "method": f.method,
            "sources": list(f.sources),
            "notes": list(f.notes),
        })
    return pl.DataFrame(rows, schema=FACT_SCHEMA)


def require_pandas() -> None:
    """Raise a clear error when pandas is not installed.

    Raises
    ------
    ConfigError
        Naming the package to install.
    """
    try:
        import pandas  # noqa: F401
    except ImportError as exc:
        raise ConfigError("to_pandas() needs pandas: pip install pandas") from exc


def to_pandas(frame: pl.DataFrame) -> pandas.DataFrame:
    """Return ``frame`` as a pandas frame, or raise :class:`ConfigError` without pandas."""
    require_pandas()
    return frame.to_pandas()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e-3 and value else f"{value:,.2f}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def html_table(
    frame: pl.DataFrame,
    caption: str,
    columns: Sequence[str] | None = None,
    limit: int = HTML_ROWS,
) -> str:
    """Return an escaped HTML table of the first ``limit`` rows of ``frame``.

    Parameters
    ----------
    frame
        The rows.
    caption
        A line above the table (escaped).
    columns
        Columns to show, in order; default all.
    limit
        Rows shown; a last line says how many were left out.
    """
    cols = list(columns) if columns is not None else frame.columns
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = []
    for row in frame.head(limit).select(cols).iter_rows():
        body.append("<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>")
    more = frame.height - min(limit, frame.height)
    tail = f"<p>… {more:,} more rows</p>" if more else ""
    return (f"<div class=\"rotoscope\"><p><strong>{html.escape(caption)}</strong></p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
            f"{tail}</div>")
