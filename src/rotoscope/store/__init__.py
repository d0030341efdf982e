"""The DuckDB store: schema, building from a mirror, quality checks and reading.

:class:`Store` is the one reader of the built file: every query of the store's
tables is one of its methods. The mirror's files are discovered and parsed by
:func:`discover` and :func:`parse_file`, checked by :func:`check_prices` and
loaded by :func:`build_store`. Reading needs only :class:`Store`; the building
and checking names load on first use, so a command that only reads does not
import the mirror's parsers.
"""

from typing import TYPE_CHECKING

from rotoscope._lazy import lazy_names
from rotoscope.store._schema import SCHEMA_VERSION
from rotoscope.store._store import PRICE_FIELDS, CoverageRow, Store

if TYPE_CHECKING:
    from rotoscope.store._build import BuildResult, Progress, build_store
    from rotoscope.store._csv import read_bytes
    from rotoscope.store._french import dataset_name, parse_french
    from rotoscope.store._mirror import (
        PRICE_COLUMNS,
        MirrorFile,
        ParsedFile,
        discover,
        parse_file,
        symbol_filename,
    )
    from rotoscope.store._quality import CheckThresholds, Finding, check_prices

__all__ = [
    "PRICE_COLUMNS",
    "PRICE_FIELDS",
    "SCHEMA_VERSION",
    "BuildResult",
    "CheckThresholds",
    "CoverageRow",
    "Finding",
    "MirrorFile",
    "ParsedFile",
    "Progress",
    "Store",
    "build_store",
    "check_prices",
    "dataset_name",
    "discover",
    "parse_file",
    "parse_french",
    "read_bytes",
    "symbol_filename",
]

#: The building and checking names, by the module that defines them.
_LAZY = {
    "BuildResult": "_build", "Progress": "_build", "build_store": "_build",
    "read_bytes": "_csv", "dataset_name": "_french", "parse_french": "_french",
    "PRICE_COLUMNS": "_mirror", "MirrorFile": "_mirror", "ParsedFile": "_mirror",
    "discover": "_mirror", "parse_file": "_mirror", "symbol_filename": "_mirror",
    "CheckThresholds": "_quality", "Finding": "_quality", "check_prices": "_quality",
}


__getattr__, __dir__ = lazy_names(__name__, _LAZY)
