"""Parser for the Kenneth R. French data library's text files.

The library publishes CSV files wrapped in prose: a preamble of any number of
lines, then a header row (``Date,Mkt-RF,SMB,...`` in the current format, or a
header whose first cell is blank in the older one), then data rows until a blank
line, then possibly further sections (annual figures, equal-weighted returns)
and a copyright line. Only the first section -- the daily returns -- is read.

Conventions
-----------
- Values are returns in **percent** (``0.09`` means 0.09 %) and are kept as such.
- ``-99.99`` and ``-999`` mark missing values and become null.
- Dates are ``YYYYMMDD`` (older files) or ISO ``YYYY-MM-DD`` (current files).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

from rotoscope.exceptions import MirrorFormatError
from rotoscope.store._csv import read_bytes

__all__ = ["FrenchSection", "dataset_name", "parse_french"]

_MISSING = {-99.99, -999.0}
_DATE_COMPACT = re.compile(r"^\d{8}$")
_DATE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_MONTHLY = re.compile(r"^\d{6}$")


@dataclass(frozen=True)
class FrenchSection:
    """The daily section of one French library file.

    Attributes
    ----------
    dataset
        Name derived from the file name, e.g. ``F-F_Research_Data_Factors_daily``.
    columns
        Value column names, in file order.
    dates
        One date per row.
    values
        One list per row, aligned with ``columns``; ``None`` where missing.
    header_line
        1-based line of the header row.
    title
        Prose lines before the header (kept for provenance).
    """

    dataset: str
    columns: tuple[str, ...]
    dates: list[dt.date]
    values: list[list[float | None]]
    header_line: int
    title: str


def dataset_name(path: Path) -> str:
    """Return the dataset name of a French file: its name without ``.csv``/``.txt``/``.gz``."""
    name = path.name
    for suffix in (".gz", ".csv", ".txt", ".zip"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def _parse_date(path: Path, lineno: int, cell: str) -> dt.date:
    try:
        if _DATE_COMPACT.match(cell):
            return dt.date(int(cell[:4]), int(cell[4:6]), int(cell[6:8]))
        if _DATE_ISO.match(cell):
            return dt.date.fromisoformat(cell)
    except ValueError as exc:
        raise MirrorFormatError(path, lineno, "Date", f"{cell!r} is not a valid date") from exc
    if _DATE_MONTHLY.match(cell):
        raise MirrorFormatError(
            path, lineno, "Date", f"{cell!r} is a monthly date; only daily files are read"
        )
    raise MirrorFormatError(path, lineno, "Date", f"{cell!r} is not a date (YYYYMMDD or ISO)")


def _looks_like_date(cell: str) -> bool:
    return bool(_DATE_COMPACT.match(cell) or _DATE_ISO.match(cell) or _DATE_MONTHLY.match(cell))


def parse_french(path: Path, data: bytes | None = None) -> FrenchSection:
    """Parse the first (daily) section of a French library file.

    Parameters
    ----------
    path
        The file; ``.gz`` files are decompressed.
    data
        The file's bytes, already read (decompressed).

    Returns
    -------
    FrenchSection

    Raises
    ------
    MirrorFormatError
        No header or no data rows, a row with the wrong number of fields, or a
        value or date that does not parse; the message names line and column.
    """
    raw = read_bytes(path) if data is None else data
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    lines = text.splitlines()
    header_idx: int | None = None
    for i, line in enumerate(lines[:-1]):
        cells = [c.strip() for c in line.split(",")]
        if len(cells) < 2 or _looks_like_date(cells[0]):
            continue
        if not all(cells[1:]):
            continue
        nxt = lines[i + 1].split(",")[0].strip()
        if _looks_like_date(nxt):
            header_idx = i
            break
    if header_idx is None:
        raise MirrorFormatError(path, None, None, "no header row followed by dated rows found")
    columns = tuple(c.strip() for c in lines[header_idx].split(",")[1:])
    dates: list[dt.date] = []
    values: list[list[float | None]] = []
    for offset, line in enumerate(lines[header_idx + 1 :], start=header_idx + 2):
        if not line.strip():
            break
        cells = [c.strip() for c in line.split(",")]
        if not _looks_like_date(cells[0]):
            break
        if len(cells) != len(columns) + 1:
            raise MirrorFormatError(
                path, offset, None, f"has {len(cells)} fields, the header has {len(columns) + 1}"
            )
        dates.append(_parse_date(path, offset, cells[0]))
        row: list[float | None] = []
        for name, cell in zip(columns, cells[1:], strict=True):
            if cell == "":
                row.append(None)
                continue
            try:
                value = float(cell)
            except ValueError as exc:
                raise MirrorFormatError(path, offset, name, f"{cell!r} is not a number") from exc
            if not math.isfinite(value):
                raise MirrorFormatError(path, offset, name, f"{cell!r} is not a finite number")
            row.append(None if value in _MISSING else value)
        values.append(row)
    if not dates:
        raise MirrorFormatError(path, header_idx + 2, None, "the data section has no rows")
    title = " ".join(line.strip() for line in lines[:header_idx] if line.strip())
    return FrenchSection(
        dataset=dataset_name(path),
        columns=columns,
        dates=dates,
        values=values,
        header_line=header_idx + 1,
        title=title,
    )
