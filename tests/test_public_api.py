"""The package's public surface: ``__all__`` complete and sorted, errors in one tree."""

from __future__ import annotations

import csv
import inspect
from pathlib import Path

import pytest

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


def test_the_dashboard_data_come_from_the_library_object(store_path: Path, mirror: Path) -> None:
    """``Rotoscope.dashboard`` serves the web app's data: its lines end at the as-of date."""
    with open(mirror / "prices" / "_GSPC.csv", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["date"] <= "2026-02-09"]
    # _GSPC.csv, 2026-02-09: close 6964.819824
    assert rows[-1]["date"] == "2026-02-09"
    with rotoscope.open_store(store_path) as rs:
        data = rs.dashboard("2026-02-09")
        assert data["as_of"] == "2026-02-09"
        line = next(s for s in data["charts"]["rebased"]["series"] if s["symbol"] == "^GSPC")
        assert line["dates"][-1] == "2026-02-09"
        assert line["values"][-1] == pytest.approx(float(rows[-1]["close"]), abs=1e-6)
        # facts already computed for the date are used, not recomputed
        facts = rs.facts("2026-02-09")
        assert rs.dashboard(facts=facts)["as_of"] == "2026-02-09"
