"""rotoscope: verifiable market-rotation analysis.

Every number rotoscope states is computed from a local DuckDB store built from a
data mirror, carries its inputs and method, and can be re-checked.

>>> import rotoscope
>>> with rotoscope.open_store() as rs:                 # doctest: +SKIP
...     rut = rs.prices("^RUT", "2026-01-01", "2026-01-31")

Every type the library returns and every exception it raises can be imported
from here (``from rotoscope import FactSet, UnknownSymbolError``). Each name is
loaded on first use, from the module that defines it, so ``import rotoscope``
(and with it every command's start) costs only what is used: ``rotoscope
--help`` reads no store module. ``rotoscope.open`` (the former name of ``open_store``) and
``CheckReport`` (of ``DataCheckReport``) still work but are left out of
``__all__``, so that ``from rotoscope import *`` does not hide the builtin ``open``.
"""

import typing as _typing

from rotoscope._version import __version__

if _typing.TYPE_CHECKING:
    from rotoscope._api import CheckReport as CheckReport  # the former name, outside __all__
    from rotoscope._api import DataCheckReport, Rotoscope, init_store, open_store
    from rotoscope._api import open_store as open  # noqa: F401  (the former name)
    from rotoscope.analytics.engine import FactSet, Gap
    from rotoscope.analytics.panel import PanelResult
    from rotoscope.ask import Answer
    from rotoscope.check import CheckedClaim, CheckResult, Conflict, InputTextError
    from rotoscope.exceptions import (
        ConfigError,
        DateOutOfRangeError,
        EmptyResponseError,
        LLMError,
        MirrorError,
        MirrorFormatError,
        MirrorNotFoundError,
        MissingFieldError,
        NotFoundError,
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
    from rotoscope.store import BuildResult, CoverageRow, Finding
    from rotoscope.universe import Universe, load_universe

__all__ = [
    "Answer",
    "AuditResult",
    "BuildResult",
    "CheckResult",
    "CheckedClaim",
    "ConfigError",
    "Conflict",
    "CoverageRow",
    "DataCheckReport",
    "DateOutOfRangeError",
    "EmptyResponseError",
    "Fact",
    "FactInput",
    "FactSet",
    "Finding",
    "Gap",
    "InputTextError",
    "LLMError",
    "MirrorError",
    "MirrorFormatError",
    "MirrorNotFoundError",
    "MissingFieldError",
    "NotFoundError",
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
    "open_store",
]


#: Where each public name lives: ``name -> (module, attribute)``. ``open`` (the former
#: name of ``open_store``) and ``CheckReport`` (of ``DataCheckReport``) still work but
#: are left out of ``__all__``, so ``from rotoscope import *`` keeps the builtin ``open``.
_LAZY: dict[str, tuple[str, str]] = {
    "Answer": ("rotoscope.ask", "Answer"),
    "AuditResult": ("rotoscope.report", "AuditResult"),
    "BuildResult": ("rotoscope.store", "BuildResult"),
    "CheckReport": ("rotoscope._api", "CheckReport"),
    "CheckResult": ("rotoscope.check", "CheckResult"),
    "CheckedClaim": ("rotoscope.check", "CheckedClaim"),
    "Conflict": ("rotoscope.check", "Conflict"),
    "CoverageRow": ("rotoscope.store", "CoverageRow"),
    "DataCheckReport": ("rotoscope._api", "DataCheckReport"),
    "Fact": ("rotoscope.facts", "Fact"),
    "FactInput": ("rotoscope.facts", "FactInput"),
    "FactSet": ("rotoscope.analytics.engine", "FactSet"),
    "Finding": ("rotoscope.store", "Finding"),
    "Gap": ("rotoscope.analytics.engine", "Gap"),
    "InputTextError": ("rotoscope.check", "InputTextError"),
    "Note": ("rotoscope.report", "Note"),
    "PanelResult": ("rotoscope.analytics.panel", "PanelResult"),
    "Rotoscope": ("rotoscope._api", "Rotoscope"),
    "Universe": ("rotoscope.universe", "Universe"),
    "init_store": ("rotoscope._api", "init_store"),
    "load_universe": ("rotoscope.universe", "load_universe"),
    "open": ("rotoscope._api", "open_store"),
    "open_store": ("rotoscope._api", "open_store"),
}


def __getattr__(name: str) -> object:
    """Import a public name from its module on first use, then keep it here."""
    import importlib

    where = _LAZY.get(name)
    if where is None and name in importlib.import_module("rotoscope.exceptions").__all__:
        where = ("rotoscope.exceptions", name)  # every exception, from the one tree
    if where is None:
        raise AttributeError(f"module 'rotoscope' has no attribute '{name}'")

    value = getattr(importlib.import_module(where[0]), where[1])
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*__all__, *(n for n in globals() if n.startswith("_"))})
