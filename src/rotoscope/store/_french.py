"""Parser for the Kenneth R. French data library's text files.

The library publishes CSV files wrapped in prose: a preamble of any number of
lines, then a header row (``Date,Mkt-RF,SMB,...`` in the current format, or a
header whose first cell is blank in the older one), then data rows until a blank
line, then possibly further sections (annual figures, equal-weighted returns)
and a copyright line. Only the first section -- the daily returns -- is read.

The first section is read whole or the file is refused: when a blank line or a
row without a date is followed by more dated rows before any new header, the
section would be cut there, so the parser names that line instead.

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

from rotoscope.exceptions import MirrorFormatError, shorten
from rotoscope.store._csv import EARLIEST_DATE, read_bytes

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


def _parse_date(path: Path, lineno: int, cell: str, latest: dt.date | None) -> dt.date:
    day: dt.date | None = None
    try:
        if _DATE_COMPACT.match(cell):
            day = dt.date(int(cell[:4]), int(cell[4:6]), int(cell[6:8]))
        elif _DATE_ISO.match(cell):
            day = dt.date.fromisoformat(cell)
    except ValueError as exc:
        raise MirrorFormatError(path, lineno, "Date",
                                f"{shorten(cell)} is not a valid date") from exc
    if day is None and _DATE_MONTHLY.match(cell):
        raise MirrorFormatError(
            path, lineno, "Date", f"{shorten(cell)} is a monthly date; only daily files are read"
        )
    if day is None:
        raise MirrorFormatError(path, lineno, "Date",
                                f"{shorten(cell)} is not a date (YYYYMMDD or ISO)")
    if day < EARLIEST_DATE:
        raise MirrorFormatError(path, lineno, "Date", f"{cell} is before {EARLIEST_DATE}: "
                                "not a date of daily market data")
    if latest is not None and day > latest:
        raise MirrorFormatError(path, lineno, "Date", f"{cell} is after the build's date "
                                f"({latest}): a date in the future")
    return day


def _looks_like_date(cell: str) -> bool:
    return bool(_DATE_COMPACT.match(cell) or _DATE_ISO.match(cell) or _DATE_MONTHLY.match(cell))


def _is_header(line: str) -> bool:
    """Return True for a row that names columns (a new section starts with one)."""
    cells = [c.strip() for c in line.split(",")]
    if len(cells) < 2 or _looks_like_date(cells[0]) or not all(cells[1:]):
        return False
    try:
        [float(c) for c in cells[1:]]
    except ValueError:
        return True
    return False


def _refuse_cut(path: Path, lines: list[str], stop: int) -> None:
    """Refuse a section that ends at ``lines[stop]`` while dated rows follow in it.

    The daily section may end at a blank line or prose only when what follows is
    not more of it: another section starts with its own header row.
    """
    for later in range(stop + 1, len(lines)):
        line = lines[later]
        if _is_header(line):
            return
        first = line.split(",")[0].strip()
        if line.count(",") and (_DATE_COMPACT.match(first) or _DATE_ISO.match(first)):
            if not lines[stop].strip():
                reason = (f"a blank line inside the daily data: dated rows go on at line "
                          f"{later + 1}; remove the blank line")
                column = None
            else:
                cell = lines[stop].split(",")[0].strip()
                reason = (f"{shorten(cell)} is not a date (YYYYMMDD or ISO), and dated rows "
                          f"go on at line {later + 1}")
                column = "Date"
            raise MirrorFormatError(path, stop + 1, column, reason)


def parse_french(path: Path, data: bytes | None = None,
                 latest: dt.date | None = None) -> FrenchSection:
    """Parse the first (daily) section of a French library file.

    Parameters
    ----------
    path
        The file; ``.gz`` files are decompressed.
    data
        The file's bytes, already read (decompressed).
    latest
        The last date a row may carry (the build's date).

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
    lines = text.removeprefix("\ufeff").splitlines()
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
            _refuse_cut(path, lines, offset - 1)
            break
        cells = [c.strip() for c in line.split(",")]
        if not _looks_like_date(cells[0]):
            _refuse_cut(path, lines, offset - 1)
            break
        if len(cells) != len(columns) + 1:
            raise MirrorFormatError(
                path, offset, None, f"has {len(cells)} fields, the header has {len(columns) + 1}"
            )
        dates.append(_parse_date(path, offset, cells[0], latest))
        row: list[float | None] = []
        for name, cell in zip(columns, cells[1:], strict=True):
            if cell == "":
                row.append(None)
                continue
            try:
                value = float(cell)
            except ValueError as exc:
                raise MirrorFormatError(path, offset, name,
                                        f"{shorten(cell)} is not a number") from exc
            if not math.isfinite(value):
                raise MirrorFormatError(path, offset, name,
                                        f"{shorten(cell)} is not a finite number")
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
