"""The DuckDB store: schema, building from a mirror, quality checks and reading."""

from rotoscope.store._build import BuildResult, build_store
from rotoscope.store._schema import SCHEMA_VERSION
from rotoscope.store._store import PRICE_FIELDS, CoverageRow, Store

__all__ = ["PRICE_FIELDS", "SCHEMA_VERSION", "BuildResult", "CoverageRow", "Store", "build_store"]
