"""The package's public surface: ``__all__`` complete and sorted, errors in one tree."""

from __future__ import annotations

import inspect

import rotoscope
from rotoscope import exceptions


def test_all_is_sorted_and_complete() -> None:
    assert rotoscope.__all__ == sorted(rotoscope.__all__)
    # Subpackages appear as attributes once imported; they are namespaces, not API names.
    public = {n for n in dir(rotoscope)
              if not n.startswith("_") and not inspect.ismodule(getattr(rotoscope, n))}
    assert public <= set(rotoscope.__all__)
    for name in rotoscope.__all__:
        assert hasattr(rotoscope, name), name


def test_every_exception_derives_from_the_root() -> None:
    for name in exceptions.__all__:
        cls = getattr(exceptions, name)
        assert inspect.isclass(cls)
        assert issubclass(cls, rotoscope.RotoscopeError)
        assert name in (exceptions.__doc__ or ""), f"{name} missing from the tree drawing"
