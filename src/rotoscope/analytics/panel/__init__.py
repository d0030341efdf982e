"""Cross-sectional analytics over many symbols: the member panel and its breadth.

The panel is defined once, as Ibis expressions over long tables ``(symbol,
date, value)`` (:func:`snapshot`, :func:`breadth`, :func:`with_indicators`,
:func:`window_returns`, :func:`relative_to`), point-in-time (:func:`as_of`
filters before any window) and trailing. Two engines compute that definition
with the same results:

- on DuckDB, dense symbols x sessions arrays (:func:`compute` with
  ``method="auto"``, :func:`member_panel` and :func:`member_breadth`, which read
  the store with SQL only and import neither Ibis nor pandas);
- on any Ibis backend, Spark included (:func:`spark_backend`), the expressions
  run as SQL window functions (``method="windows"``).

Ibis, pandas and pyspark are imported only where an expression is built or a
Spark session started.
"""

from rotoscope.analytics.panel._compute import (
    compute,
    daily_breadth,
    member_breadth,
    member_panel,
)
from rotoscope.analytics.panel._definitions import (
    EXTREME,
    RS_MA,
    SESSIONS,
    SMAS,
    TIE,
    Columns,
    Engine,
    Method,
    PanelResult,
)
from rotoscope.analytics.panel._expressions import (
    as_of,
    backend_for,
    breadth,
    execute,
    read_parquet,
    relative_to,
    snapshot,
    table,
    window_returns,
    with_indicators,
)
from rotoscope.analytics.panel._spark import spark_backend

__all__ = [
    "EXTREME",
    "RS_MA",
    "SESSIONS",
    "SMAS",
    "TIE",
    "Columns",
    "Engine",
    "Method",
    "PanelResult",
    "as_of",
    "backend_for",
    "breadth",
    "compute",
    "daily_breadth",
    "execute",
    "member_breadth",
    "member_panel",
    "read_parquet",
    "relative_to",
    "snapshot",
    "spark_backend",
    "table",
    "window_returns",
    "with_indicators",
]
