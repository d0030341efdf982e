r"""Strict CSV reading: every value parsed or the file refused with line and column.

Files are read as text first and converted column by column, so a value that does
not parse is reported with its 1-based line number (the header is line 1) and its
column name. Empty cells stay missing; nothing is filled in.

What the reader accepts and refuses, so that no file is ever read in part:

- a UTF-8 byte-order mark (as spreadsheet exports write) is skipped;
- line ends may be ``\n``, ``\r\n`` or ``\r`` alone (old Mac files);
- every non-blank row must have as many fields as the header, too few as well as
  too many (a short row is not padded with missing values);
- a file with a header and no data rows is refused: loading it would silently
  remove its series from the store;
- a date before :data:`EARLIEST_DATE` or after the build's own date is refused.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rotoscope.exceptions import MirrorFormatError, shorten

if TYPE_CHECKING:
    import polars as pl  # loaded by the parsers that use it: reading a store needs none

__all__ = [
    "EARLIEST_DATE",
    "clean_bytes",
    "parse_dates",
    "parse_numbers",
    "read_bytes",
    "read_text_frame",
]

_ISO = "%Y-%m-%d"
#: No daily market series in a mirror starts before this date; earlier ones are typos.
EARLIEST_DATE = dt.date(1900, 1, 1)


def clean_bytes(raw: bytes) -> bytes:
    r"""Return a file's bytes without a UTF-8 byte-order mark and with ``\n`` line ends.

    ``\r\n`` and a lone ``\r`` both become ``\n``, so line numbers stay those an
    editor shows.
    """
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return raw


def read_bytes(path: Path, data: bytes | None = None) -> bytes:
    """Return the file's bytes (``data`` when already read), decompressed for ``.gz`` names."""
    data = path.read_bytes() if data is None else data
    if path.name.lower().endswith(".gz"):
        try:
            return gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise MirrorFormatError(path, None, None, f"not a valid gzip file: {exc}") from exc
    return data


def _check_widths(path: Path, raw: bytes, width: int) -> None:
    """Refuse the first non-blank row whose field count differs from the header's."""
    if b'"' not in raw:
        # no quoting: a row's fields are its commas plus one (fast for large files)
        for lineno, line in enumerate(raw.split(b"\n"), start=1):
            fields = line.count(b",") + 1
            if fields != width and line.strip():
                raise MirrorFormatError(
                    path, lineno, None, f"has {fields} fields, the header has {width}")
        return
    reader = csv.reader(io.StringIO(raw.decode("utf-8", errors="replace")))
    for row in reader:
        if row and len(row) != width and any(c.strip() for c in row):
            raise MirrorFormatError(path, reader.line_num, None,
                                    f"has {len(row)} fields, the header has {width}")


def _ragged_line(path: Path, data: bytes) -> MirrorFormatError:
    text = data.decode("utf-8", errors="replace")
    reader = csv.reader(io.StringIO(text))
    width: int | None = None
    for lineno, row in enumerate(reader, start=1):
        if width is None:
            width = len(row)
            continue
        if row and len(row) != width:
            return MirrorFormatError(
                path, lineno, None, f"has {len(row)} fields, the header has {width}"
            )
    return MirrorFormatError(path, None, None, "cannot be parsed as CSV")


def read_text_frame(path: Path, required: Sequence[str], data: bytes | None = None) -> pl.DataFrame:
    """Read a CSV file as text columns and check its header.

    Parameters
    ----------
    path
        The file (used for messages, and read unless ``data`` is given).
    required
        Column names that must be present in the header.
    data
        The file's bytes, already read.

    Returns
    -------
    polars.DataFrame
        All columns as strings, with a ``__line`` column holding each row's
        1-based line number. Wholly blank rows are dropped.

    Raises
    ------
    MirrorFormatError
        Empty file, undecodable text, a missing or duplicated column, a row
        whose field count differs from the header, or no data rows at all.
    """
    import polars as pl

    raw = clean_bytes(read_bytes(path) if data is None else data)
    if not raw.strip():
        raise MirrorFormatError(path, 1, None, "file is empty")
    try:
        first_line = raw.decode("utf-8").splitlines()[0]
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise MirrorFormatError(path, line, None, "is not UTF-8 text") from exc
    header = next(csv.reader(io.StringIO(first_line)))
    header = [h.strip() for h in header]
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise MirrorFormatError(path, 1, name, "column appears twice in the header")
        seen.add(name)
    for name in required:
        if name not in seen:
            raise MirrorFormatError(path, 1, name, "required column is missing")
    _check_widths(path, raw, len(header))
    try:
        frame = pl.read_csv(
            raw,
            infer_schema=False,
            has_header=True,
            new_columns=header,
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError as exc:
        raise _ragged_line(path, raw) from exc
    frame = frame.with_columns(
        (pl.int_range(pl.len(), dtype=pl.Int64) + 2).alias("__line")
    )
    blank = pl.all_horizontal(
        [pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in header]
    )
    frame = frame.filter(~blank)
    if frame.height == 0:
        raise MirrorFormatError(path, 2, None, "the file has a header but no data rows; "
                                "loading it would remove its series from the store")
    return frame


def _first_bad(frame: pl.DataFrame, bad: pl.Series) -> int:
    return int(frame.filter(bad)["__line"][0])


def parse_dates(path: Path, frame: pl.DataFrame, column: str = "date",
                latest: dt.date | None = None) -> pl.Series:
    """Parse an ISO ``YYYY-MM-DD`` date column; refuse a missing or unparsable date.

    Parameters
    ----------
    latest
        The last date a row may carry (the build's date): a later one is a typo
        that would become the store's last date. Dates before
        :data:`EARLIEST_DATE` are refused too.
    """
    import polars as pl

    text = frame[column].str.strip_chars()
    parsed = text.str.strptime(pl.Date, _ISO, strict=False)
    bad = parsed.is_null()
    if bool(bad.any()):
        line = _first_bad(frame, bad)
        value = frame.filter(bad)[column][0]
        shown = "an empty cell" if value is None or not str(value).strip() else shorten(value)
        raise MirrorFormatError(path, line, column, f"{shown} is not a date (YYYY-MM-DD)")
    early = parsed < EARLIEST_DATE
    if bool(early.any()):
        raise MirrorFormatError(path, _first_bad(frame, early), column,
                                f"{frame.filter(early)[column][0].strip()} is before "
                                f"{EARLIEST_DATE}: not a date of daily market data")
    if latest is not None:
        late = parsed > latest
        if bool(late.any()):
            raise MirrorFormatError(path, _first_bad(frame, late), column,
                                    f"{frame.filter(late)[column][0].strip()} is after the "
                                    f"build's date ({latest}): a date in the future")
    return parsed.alias(column)


def parse_numbers(
    path: Path,
    frame: pl.DataFrame,
    column: str,
    missing: Sequence[str] = (),
) -> pl.Series:
    """Parse a numeric column; empty cells (and the ``missing`` markers) become null.

    Raises
    ------
    MirrorFormatError
        On a value that is not a finite number.
    """
    import polars as pl

    text = frame[column].str.strip_chars()
    if missing:
        text = text.zip_with(~text.is_in(list(missing)), pl.Series([None], dtype=pl.String))
    values = text.cast(pl.Float64, strict=False)
    present = text.is_not_null() & (text != "")
    bad = present & (values.is_null() | ~values.is_finite().fill_null(True))
    if bool(bad.any()):
        line = _first_bad(frame, bad)
        value = frame.filter(bad)[column][0]
        raise MirrorFormatError(path, line, column, f"{shorten(value)} is not a number")
    return values.alias(column)
