"""The universe: series metadata, benchmarks, rotation pairs and aliases, as configuration."""

from rotoscope.universe._model import (
    Pair,
    RegimeConfig,
    RegimeDimension,
    SeriesMeta,
    Universe,
    load_universe,
)

__all__ = ["Pair", "RegimeConfig", "RegimeDimension", "SeriesMeta", "Universe", "load_universe"]
