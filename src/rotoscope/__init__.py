"""rotoscope: verifiable market-rotation analysis.

Every number rotoscope states is computed from a local DuckDB store built from a
data mirror, carries its inputs and method, and can be re-checked.

>>> import rotoscope
>>> with rotoscope.open() as rs:                       # doctest: +SKIP
...     rut = rs.prices("^RUT", "2026-01-01", "2026-01-31")

Every type the library returns and every exception it raises can be imported
from here (``from rotoscope import FactSet, UnknownSymbolError``). Each name is
loaded on first use, from the module that defines it, so ``import rotoscope``
(and with it every command's start) costs only what is used: ``rotoscope
--help`` reads no store module, and no command loads the note's charts unless it
writes a note.
"""

import typing as _typing

from rotoscope._version import __version__

if _typing.TYPE_CHECKING:
    from rotoscope._api import CheckReport, Rotoscope, init_store
    from rotoscope._api import open_store as open
    from rotoscope.analytics.engine import FactSet, Gap
    from rotoscope.analytics.panel import PanelResult
    from rotoscope.ask import Answer
    from rotoscope.check import CheckedClaim, CheckResult, Conflict, InputTextError
    from rotoscope.exceptions import (
        ConfigError,
        DateOutOfRangeError,
        EmptyResponseError,
        MirrorError,
        MirrorFormatError,
        MirrorNotFoundError,
        MissingFieldError,
        ProviderError,
        ProviderNetworkError,
        QueryError,
        RateLimitError,
        ReportAuditError,
        RotoscopeError,
        SchemaVersionError,
        StoreBusyError,
        StoreError,
        StoreMissingError,
        TooMuchWorkError,
        UniverseError,
        UnknownSymbolError,
    )
    from rotoscope.facts import Fact, FactInput
    from rotoscope.report import AuditResult, Note
    from rotoscope.store import BuildResult, CoverageRow
    from rotoscope.store._quality import Finding
    from rotoscope.universe import Universe, load_universe

__all__ = [
    "Answer",
    "AuditResult",
    "BuildResult",
    "CheckReport",
    "CheckResult",
    "CheckedClaim",
    "ConfigError",
    "Conflict",
    "CoverageRow",
    "DateOutOfRangeError",
    "EmptyResponseError",
    "Fact",
    "FactInput",
    "FactSet",
    "Finding",
    "Gap",
    "InputTextError",
    "MirrorError",
    "MirrorFormatError",
    "MirrorNotFoundError",
    "MissingFieldError",
    "Note",
    "PanelResult",
    "ProviderError",
    "ProviderNetworkError",
    "QueryError",
    "RateLimitError",
    "ReportAuditError",
    "Rotoscope",
    "RotoscopeError",
    "SchemaVersionError",
    "StoreBusyError",
    "StoreError",
    "StoreMissingError",
    "TooMuchWorkError",
    "Universe",
    "UniverseError",
    "UnknownSymbolError",
    "__version__",
    "init_store",
    "load_universe",
    "open",
]

_EXCEPTIONS = (
    "ConfigError", "DateOutOfRangeError", "EmptyResponseError", "MirrorError",
    "MirrorFormatError", "MirrorNotFoundError", "MissingFieldError", "ProviderError",
    "ProviderNetworkError", "QueryError", "RateLimitError", "ReportAuditError",
    "RotoscopeError", "SchemaVersionError", "StoreBusyError", "StoreError",
    "StoreMissingError", "TooMuchWorkError", "UniverseError", "UnknownSymbolError",
)

#: Where each public name lives: ``name -> (module, attribute)``.
_LAZY: dict[str, tuple[str, str]] = {
    "Answer": ("rotoscope.ask", "Answer"),
    "AuditResult": ("rotoscope.report", "AuditResult"),
    "BuildResult": ("rotoscope.store", "BuildResult"),
    "CheckReport": ("rotoscope._api", "CheckReport"),
    "CheckResult": ("rotoscope.check", "CheckResult"),
    "CheckedClaim": ("rotoscope.check", "CheckedClaim"),
    "Conflict": ("rotoscope.check", "Conflict"),
    "CoverageRow": ("rotoscope.store", "CoverageRow"),
    "Fact": ("rotoscope.facts", "Fact"),
    "FactInput": ("rotoscope.facts", "FactInput"),
    "FactSet": ("rotoscope.analytics.engine", "FactSet"),
    "Finding": ("rotoscope.store._quality", "Finding"),
    "Gap": ("rotoscope.analytics.engine", "Gap"),
    "InputTextError": ("rotoscope.check", "InputTextError"),
    "Note": ("rotoscope.report", "Note"),
    "PanelResult": ("rotoscope.analytics.panel", "PanelResult"),
    "Rotoscope": ("rotoscope._api", "Rotoscope"),
    "Universe": ("rotoscope.universe", "Universe"),
    "init_store": ("rotoscope._api", "init_store"),
    "load_universe": ("rotoscope.universe", "load_universe"),
    "open": ("rotoscope._api", "open_store"),
    **{name: ("rotoscope.exceptions", name) for name in _EXCEPTIONS},
}


def __getattr__(name: str) -> object:
    """Import a public name from its module on first use, then keep it here."""
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'rotoscope' has no attribute '{name}'")
    import importlib

    value = getattr(importlib.import_module(where[0]), where[1])
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*__all__, *(n for n in globals() if n.startswith("_"))})
