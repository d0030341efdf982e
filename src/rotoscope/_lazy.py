"""Names a package loads on first use: the module ``__getattr__`` and ``__dir__`` it installs.

A package whose names a command may not need (the mirror's parsers, the frame
helpers and Polars, the answerer's words) lists where each lives and gets the
two hooks from :func:`lazy_names`; its ``TYPE_CHECKING`` imports keep mypy and
``__all__`` right. A name is imported from its module the first time it is
asked for, then kept in the package, so the hook runs once per name.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(package: str, where: Mapping[str, str]) -> tuple[
        Callable[[str], Any], Callable[[], list[str]]]:
    """Return a package's module ``__getattr__`` and ``__dir__`` for names loaded on use.

    Parameters
    ----------
    package
        The package's ``__name__``, e.g. ``rotoscope.facts``.
    where
        Each lazily loaded name and the module of the package defining it,
        relative (``"_frames"`` for ``rotoscope.facts._frames``).

    Returns
    -------
    tuple of callable
        ``__getattr__(name)``, which imports ``name`` from its module, keeps it in
        the package and returns it, raising :class:`AttributeError` for a name
        ``where`` lacks; and ``__dir__()``, the package's ``__all__`` with its
        private names.
    """

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        names = vars(sys.modules[package])
        return sorted({*names.get("__all__", ()), *(n for n in names if n.startswith("_"))})

    return __getattr__, __dir__
