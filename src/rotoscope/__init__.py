"""rotoscope: verifiable market-rotation analysis.

Every number rotoscope states is computed from a local DuckDB store built from a
data mirror, carries its inputs and method, and can be re-checked.

>>> import rotoscope
>>> with rotoscope.open_store() as rs:                 # doctest: +SKIP
...     rut = rs.prices("^RUT", "2026-01-01", "2026-01-31")

Every type the library returns and every exception it raises can be imported
from here (``from rotoscope import FactSet, UnknownSymbolError``). ``Note``,
``AuditResult`` and ``Answer`` are loaded on first use, so ``import rotoscope``
stays light. ``rotoscope.open`` (the former name of ``open_store``) and
``CheckReport`` (of ``DataCheckReport``) still work but are left out of
``__all__``, so that ``from rotoscope import *`` does not hide the builtin ``open``.
"""

import typing as _typing

from rotoscope._api import CheckReport as CheckReport  # the former name, outside __all__
from rotoscope._api import DataCheckReport, Rotoscope, init_store, open_store
from rotoscope._api import open_store as open  # noqa: F401  (the former name, outside __all__)
from rotoscope._version import __version__
from rotoscope.analytics.engine import FactSet, Gap
from rotoscope.analytics.panel import PanelResult
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
from rotoscope.store import BuildResult, CoverageRow, Finding
from rotoscope.universe import Universe, load_universe

if _typing.TYPE_CHECKING:
    from rotoscope.ask import Answer
    from rotoscope.report import AuditResult, Note

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

_LAZY = {"Answer": "rotoscope.ask", "AuditResult": "rotoscope.report", "Note": "rotoscope.report"}


def __getattr__(name: str) -> object:
    """Import the note and answer types on first use (they load jinja2)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rotoscope' has no attribute '{name}'")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*__all__, *(n for n in globals() if n.startswith("_"))})
