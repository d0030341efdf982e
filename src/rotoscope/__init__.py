"""rotoscope: verifiable market-rotation analysis.

Every number rotoscope states is computed from a local DuckDB store built from a
data mirror, carries its inputs and method, and can be re-checked.
"""

from rotoscope._version import __version__

__all__ = ["__version__"]
