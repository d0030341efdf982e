"""Reading the values of the universe file, each checked where it is read.

Every reader takes a value and its location in the file (the keys and list
positions leading to it) and returns the value in the model's type, or raises
:class:`Invalid` saying what is wrong there; :func:`location` writes the
location as the dotted key an error names (``pairs[3].b``). The values and the
words of the errors are those of the pydantic model the file was read with
before (``tests/_universe_reference.py``): numbers and booleans written as
strings are read, an integer where a number is expected too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, TypeVar

__all__ = ["Invalid", "Loc", "choice", "flag", "integer", "location", "mapping", "model",
           "no_extras", "number", "required", "string", "strings"]

Loc = tuple[str | int, ...]
_S = TypeVar("_S", bound=str)

#: A whole number written as a string: ASCII digits, single underscores between them, and
#: a fraction of zeros ("1_000", "+3", "10.0").
_INTEGER = re.compile(r"([+-]?[0-9]+(?:_[0-9]+)*)(?:\.0+)?")
_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


class Invalid(Exception):
    """A value of the universe file that the model does not accept.

    Parameters
    ----------
    loc
        Where the value is: keys and list positions from the top of the file.
    reason
        What is wrong with it.
    """

    def __init__(self, loc: Loc, reason: str) -> None:
        super().__init__(reason)
        self.loc = loc
        self.reason = reason


def location(loc: Loc) -> str:
    """Return ``loc`` as the dotted key an error names: ``pairs[3].b``, ``<root>`` for none."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "<root>"


def model(value: object, loc: Loc, name: str) -> Mapping[str, Any]:
    """Return the table that describes one ``name`` (a section of the model)."""
    if not isinstance(value, Mapping):
        raise Invalid(loc, f"Input should be a valid dictionary or instance of {name}")
    return value


def required(raw: Mapping[str, Any], key: str, loc: Loc) -> Any:
    """Return ``raw[key]``, which the model requires."""
    if key not in raw:
        raise Invalid((*loc, key), "Field required")
    return raw[key]


def no_extras(raw: Mapping[str, Any], loc: Loc, known: tuple[str, ...]) -> None:
    """Raise at the first key of ``raw`` the model does not know."""
    for key in raw:
        if key not in known:
            raise Invalid((*loc, key), "Extra inputs are not permitted")


def mapping(value: object, loc: Loc, *, min_items: int = 0) -> Mapping[str, Any]:
    """Return a table whose keys the file chooses (symbols, roles, dimensions)."""
    if not isinstance(value, Mapping):
        raise Invalid(loc, "Input should be a valid dictionary")
    if len(value) < min_items:
        raise Invalid(loc, f"Dictionary should have at least {_items(min_items)} after "
                      f"validation, not {len(value)}")
    return value


def _items(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"


def string(value: object, loc: Loc, *, min_length: int = 0, pattern: str | None = None) -> str:
    """Return a string at least ``min_length`` characters long, matching ``pattern`` if given."""
    if not isinstance(value, str):
        raise Invalid(loc, "Input should be a valid string")
    if len(value) < min_length:
        unit = "character" if min_length == 1 else "characters"
        raise Invalid(loc, f"String should have at least {min_length} {unit}")
    if pattern is not None and re.search(pattern, value) is None:
        raise Invalid(loc, f"String should match pattern '{pattern}'")
    return value


def choice(value: object, loc: Loc, options: tuple[_S, ...]) -> _S:
    """Return the one of ``options`` that ``value`` is."""
    for option in options:
        if isinstance(value, str) and value == option:
            return option
    quoted = [f"'{o}'" for o in options]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    raise Invalid(loc, f"Input should be {listed}")


def strings(value: object, loc: Loc, *, min_items: int = 0,
            max_items: int | None = None) -> tuple[str, ...]:
    """Return an array of strings as a tuple of ``min_items`` to ``max_items`` items."""
    if not isinstance(value, (list, tuple)):
        raise Invalid(loc, "Input should be a valid tuple")
    out = tuple(string(v, (*loc, i)) for i, v in enumerate(value))
    if len(out) < min_items:
        raise Invalid(loc, f"Tuple should have at least {_items(min_items)} after validation, "
                      f"not {len(out)}")
    if max_items is not None and len(out) > max_items:
        raise Invalid(loc, f"Tuple should have at most {_items(max_items)} after validation, "
                      f"not {len(out)}")
    return out


def flag(value: object, loc: Loc) -> bool:
    """Return a boolean: ``true``/``false``, 0 or 1, or a word such as "yes" or "off"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.lower() in _TRUE | _FALSE:
        return value.lower() in _TRUE
    if isinstance(value, (int, str)) or (isinstance(value, float) and value.is_integer()
                                         and abs(value) < 2 ** 63):
        raise Invalid(loc, "Input should be a valid boolean, unable to interpret input")
    raise Invalid(loc, "Input should be a valid boolean")


def integer(value: object, loc: Loc, *, ge: int) -> int:
    """Return a whole number of at least ``ge`` (an integral float or a string read as one)."""
    if isinstance(value, str):
        digits = _INTEGER.fullmatch(value.strip())
        if digits is None:
            raise Invalid(loc, "Input should be a valid integer, unable to parse string as an "
                          "integer")
        value = int(digits.group(1))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Invalid(loc, "Input should be a finite number")
        if not value.is_integer():
            raise Invalid(loc, "Input should be a valid integer, got a number with a "
                          "fractional part")
        if abs(value) >= 2 ** 63:
            raise Invalid(loc, "Unable to parse input string as an integer, exceeded maximum "
                          "size")
        value = int(value)
    if not isinstance(value, int):
        raise Invalid(loc, "Input should be a valid integer")
    if value < ge:
        raise Invalid(loc, f"Input should be greater than or equal to {ge}")
    return int(value)


def number(value: object, loc: Loc, *, gt: int | None = None, ge: int | None = None,
           le: int | None = None) -> float:
    """Return a number within the bounds given (an integer or a string read as one)."""
    if isinstance(value, str):
        try:
            value = float(value) if value.isascii() else None
        except ValueError:
            value = None
        if value is None:
            raise Invalid(loc, "Input should be a valid number, unable to parse string as a "
                          "number")
    if not isinstance(value, (int, float)):
        raise Invalid(loc, "Input should be a valid number")
    out = float(value)
    # the upper bound first, as the former model did (a NaN breaks both)
    if le is not None and not out <= le:
        raise Invalid(loc, f"Input should be less than or equal to {le}")
    if ge is not None and not out >= ge:
        raise Invalid(loc, f"Input should be greater than or equal to {ge}")
    if gt is not None and not out > gt:
        raise Invalid(loc, f"Input should be greater than {gt}")
    return out
