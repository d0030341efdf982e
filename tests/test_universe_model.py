"""The hand-written universe reader agrees with the pydantic model it replaced.

On the shipped file and on files with one value changed, one key removed or one
key added anywhere: the same values when the file is valid, the same key and
message for the first error when it is not (``tests/_universe_reference.py`` is
the former model).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import math
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from _universe_reference import _File as Reference
from rotoscope.universe._fields import Invalid, location
from rotoscope.universe._model import _File

DEFAULT = Path(__file__).resolve().parents[1] / "src" / "rotoscope" / "universe" / "default.toml"
DOC = tomllib.loads(DEFAULT.read_text())


def plain(value: Any) -> Any:
    """Return a model's values as nested lists and dicts, each leaf with its type's name."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    elif hasattr(value, "model_dump"):
        value = {name: getattr(value, name) for name in type(value).model_fields}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def read_both(doc: dict[str, Any]) -> tuple[Any, Any]:
    """Return what each reader makes of ``doc``: its values, or the first error's key and words."""
    try:
        old: Any = plain(Reference.model_validate(doc))
    except ValidationError as exc:
        first = exc.errors()[0]
        old = (location(tuple(first["loc"])), first["msg"])
    try:
        new: Any = plain(_File.read(doc))
    except Invalid as exc:
        new = (location(exc.loc), exc.reason)
    return old, new


def paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Return the path of every value in the document, tables and arrays included."""
    out = [at]
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths(v, (*at, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths(v, (*at, i))
    return out


PATHS = paths(DOC)[1:]
#: The paths outside the long ``[series]`` table, which a uniform draw seldom picks.
SHORT_TABLES = [p for p in PATHS if p[0] != "series"] + [("pairs", 0, "primary")]

#: Values a file may hold in place of another: strings that read as numbers or booleans,
#: numbers of each kind, booleans, arrays and tables, and a date.
VALUES: list[Any] = [
    "", " ", "x", "index", "etf", "value", "growth", "small", "cyclical", "percent", "^GSPC",
    "SPY", "size-rut-gspc", "Bad Id", "3", " 3 ", "3.0", "3.5", "-1", "abc", "true", "yes",
    "off", "on", "inf", "nan", "1e2", "1_0", "1__0", "_1", "+3", "-0", "3.", ".5", "1_0.0",
    "\uff13", "0x10", "TRUE", " true ", "Infinity", 0, 1, 2, 3, -1, 63, 101, 0.0, 1.0, 2.5,
    3.0, 63.0, 101.0, -0.5, 1e300, math.inf, math.nan, True, False, [], ["a"], ["", "b"],
    ["a", "b"],
    ["a", "b", "c"], [" "], [1], [["a"]], {}, {"k": "v"}, {"name": "x"},
    {"pair": "sectors", "a_name": "a", "b_name": "b"}, dt.date(2024, 1, 2),
]


def changed(path: tuple[Any, ...], how: str, value: Any) -> dict[str, Any]:
    """Return the shipped document with the value at ``path`` replaced, removed or extended."""
    doc = copy.deepcopy(DOC)
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    if how == "remove" and isinstance(parent, dict):
        del parent[key]
    elif how == "extend" and isinstance(parent[key], dict):
        parent[key]["unknown_key"] = value
    else:
        parent[key] = value
    return doc


def test_the_shipped_file_reads_the_same() -> None:
    old, new = read_both(DOC)
    assert new == old
    assert new["regime"]["strong_z"] == ("float", 1.0)  # written 1.0; an int 1 reads as 1.0


@settings(max_examples=600, deadline=None)
@given(path=st.one_of(st.sampled_from(PATHS), st.sampled_from(SHORT_TABLES)),
       how=st.sampled_from(["replace", "remove", "extend"]), value=st.sampled_from(VALUES))
def test_a_changed_file_reads_the_same(path: tuple[Any, ...], how: str, value: Any) -> None:
    old, new = read_both(changed(path, how, value))
    assert new == old


@pytest.mark.parametrize(("key", "value"), [
    ("strong_z", 1), ("strong_z", "2.5"), ("broad_min_agree", "4"), ("broad_min_agree", 4.0),
    ("broad_min_agree", True), ("structural_min_sessions", 63.5),
    ("breadth_confirm_pct_above_200", 100.5),
])
def test_the_regime_numbers_read_as_before(key: str, value: Any) -> None:
    doc = copy.deepcopy(DOC)
    doc["regime"][key] = value
    old, new = read_both(doc)
    assert new == old
