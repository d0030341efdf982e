"""rotoscope: verifiable market-rotation analysis.

Every number rotoscope states is computed from a local DuckDB store built from a
data mirror, carries its inputs and method, and can be re-checked.

>>> import rotoscope
>>> with rotoscope.open() as rs:                       # doctest: +SKIP
...     rut = rs.prices("^RUT", "2026-01-01", "2026-01-31")
"""

from rotoscope._api import CheckReport, Rotoscope, init_store
from rotoscope._api import open_store as open
from rotoscope._version import __version__
from rotoscope.exceptions import RotoscopeError
from rotoscope.universe import Universe, load_universe

__all__ = [
    "CheckReport",
    "Rotoscope",
    "RotoscopeError",
    "Universe",
    "__version__",
    "init_store",
    "load_universe",
    "open",
]
