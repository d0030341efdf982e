"""The universe: series metadata, benchmarks, rotation pairs and aliases, as configuration."""

from rotoscope.universe._model import (
    NoteSubjects,
    Pair,
    RegimeConfig,
    RegimeDimension,
    SeriesMeta,
    Universe,
    load_universe,
)

__all__ = ["NoteSubjects", "Pair", "RegimeConfig", "RegimeDimension", "SeriesMeta", "Universe",
           "load_universe"]
