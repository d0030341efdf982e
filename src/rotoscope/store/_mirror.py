"""Read a data mirror directory into validated frames.

The layout is the one ``../shared/data/PROVENANCE.md`` describes and the
providers write::

    prices/<SYM>.csv          date,open,high,low,close,adj_close,volume ("^" -> "_")
    macro/*.csv               date + one column per series (wide)
    french/*                  Kenneth French library text files (.csv/.txt, maybe .gz)
    breadth/*components*.csv  ticker,company,category|sector  (index members)
    breadth/*members*.csv[.gz] date + one column per member (adjusted closes, wide)
    breadth/*.csv             date + one column per indicator series (wide)
    provenance.json           optional: file -> source text, written by providers
    PROVENANCE.md             optional: tables whose first cell names a file

Structural problems (missing columns, unparsable dates or numbers, conflicting
duplicate dates) raise :class:`~rotoscope.exceptions.MirrorFormatError`, naming
file, line and column. Exact duplicate rows are collapsed and reported.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from rotoscope.exceptions import MirrorFormatError, MirrorNotFoundError
from rotoscope.store._csv import parse_dates, parse_numbers, read_bytes, read_text_frame
from rotoscope.store._french import parse_french

__all__ = [
    "PRICE_COLUMNS",
    "MirrorFile",
    "ParsedFile",
    "discover",
    "file_checksum",
    "file_symbol",
    "parse_file",
    "symbol_filename",
]

PRICE_COLUMNS = ("open", "high", "low", "close", "adj_close", "volume")
_DEFAULT_SOURCES = {
    "prices": "daily prices, data mirror",
    "macro": "FRED, Federal Reserve Bank of St. Louis",
    "factors": "Kenneth R. French Data Library (Tuck School of Business, Dartmouth)",
    "members": "S&P 500 member list (Wikipedia 'List of S&P 500 companies')",
    "member_prices": "S&P 500 member adjusted closes, data mirror",
    "indicators": "precomputed indicator series, data mirror",
}


def file_symbol(path: Path) -> str:
    """Return the symbol of a ``prices/`` file: ``_RUT.csv`` is ``^RUT``."""
    stem = path.name[: -len(".csv")] if path.name.endswith(".csv") else path.stem
    return "^" + stem[1:] if stem.startswith("_") else stem


def symbol_filename(symbol: str) -> str:
    """Return the ``prices/`` file name of a symbol: ``^RUT`` is ``_RUT.csv``."""
    return ("_" + symbol[1:] if symbol.startswith("^") else symbol) + ".csv"


@dataclass(frozen=True)
class MirrorFile:
    """One file of the mirror and what it holds."""

    path: Path
    rel: str
    kind: str  # prices | macro | factors | members | member_prices | indicators


@dataclass
class ParsedFile:
    """A parsed mirror file: a long frame for its table plus provenance facts.

    ``rows`` counts the file's data rows (dates), not the long frame's rows.
    """

    file: MirrorFile
    checksum: str
    table: str
    frame: pl.DataFrame
    rows: int
    first_date: dt.date | None
    last_date: dt.date | None
    notes: list[str] = field(default_factory=list)
    duplicates_collapsed: int = 0


def _classify_breadth(path: Path, head: str) -> str:
    cols = [c.strip().lower() for c in head.split(",")]
    if "ticker" in cols or "symbol" in cols:
        return "members"
    if "member" in path.name.lower():
        return "member_prices"
    return "indicators"


def _first_line(path: Path) -> str:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        line: bytes = fh.readline()
    return line.decode("utf-8", errors="replace").removeprefix("\ufeff")


def discover(root: Path) -> list[MirrorFile]:
    """List the mirror's data files in a stable order.

    Raises
    ------
    MirrorNotFoundError
        When ``root`` is not a directory or holds no data files.
    """
    if not root.is_dir():
        raise MirrorNotFoundError(f"data mirror {root} is not a directory")
    out: list[MirrorFile] = []
    prices = sorted((root / "prices").glob("*.csv")) if (root / "prices").is_dir() else []
    out += [MirrorFile(p, p.relative_to(root).as_posix(), "prices") for p in prices]
    if (root / "macro").is_dir():
        out += [
            MirrorFile(p, p.relative_to(root).as_posix(), "macro")
            for p in sorted((root / "macro").glob("*.csv"))
        ]
    if (root / "french").is_dir():
        for p in sorted((root / "french").iterdir()):
            low = p.name.lower()
            if p.is_file() and re.search(r"\.(csv|txt)(\.gz)?$", low):
                out.append(MirrorFile(p, p.relative_to(root).as_posix(), "factors"))
    if (root / "breadth").is_dir():
        for p in sorted((root / "breadth").iterdir()):
            if p.is_file() and re.search(r"\.csv(\.gz)?$", p.name.lower()):
                kind = _classify_breadth(p, _first_line(p))
                out.append(MirrorFile(p, p.relative_to(root).as_posix(), kind))
    if not out:
        raise MirrorNotFoundError(
            f"data mirror {root} holds no data files (prices/, macro/, french/, breadth/)"
        )
    return out


def _dedupe(path: Path, frame: pl.DataFrame, keys: list[str]) -> tuple[pl.DataFrame, int]:
    """Collapse exact duplicate rows (returning how many); refuse conflicting duplicates."""
    dup = frame.select(keys).is_duplicated()
    if not bool(dup.any()):
        return frame, 0
    value_cols = [c for c in frame.columns if c != "__line"]
    unique = frame.unique(subset=value_cols, keep="first", maintain_order=True)
    still = unique.select(keys).is_duplicated()
    if bool(still.any()):
        row = unique.filter(still).sort("__line")
        line = int(row["__line"][1]) if row.height > 1 else int(row["__line"][0])
        key = ", ".join(str(row[k][0]) for k in keys)
        raise MirrorFormatError(
            path, line, keys[-1], f"duplicate {key} with values that differ from an earlier row"
        )
    return unique, frame.height - unique.height


def file_checksum(data: bytes) -> str:
    """Return the SHA-256 hex digest of a file's bytes, as recorded in provenance."""
    return hashlib.sha256(data).hexdigest()


def _date_range(frame: pl.DataFrame) -> tuple[dt.date | None, dt.date | None]:
    if frame.height == 0:
        return None, None
    lo, hi = frame["date"].min(), frame["date"].max()
    assert isinstance(lo, dt.date)
    assert isinstance(hi, dt.date)
    return lo, hi


def _parse_prices(mf: MirrorFile, data: bytes,
                  latest: dt.date | None) -> tuple[pl.DataFrame, int]:
    text = read_text_frame(mf.path, ("date", *PRICE_COLUMNS), data)
    cols = [parse_dates(mf.path, text, latest=latest)]
    cols += [parse_numbers(mf.path, text, c) for c in PRICE_COLUMNS]
    frame = pl.DataFrame(cols).with_columns(text["__line"])
    frame, collapsed = _dedupe(mf.path, frame, ["date"])
    frame = frame.drop("__line").sort("date")
    frame = frame.select(pl.lit(file_symbol(mf.path)).alias("symbol"), pl.all())
    return frame, collapsed


def _parse_wide(
    mf: MirrorFile, data: bytes, id_name: str, value_name: str, latest: dt.date | None
) -> tuple[pl.DataFrame, int, int]:
    text = read_text_frame(mf.path, ("date",), data)
    value_cols = [c for c in text.columns if c not in ("date", "__line")]
    if not value_cols:
        raise MirrorFormatError(mf.path, 1, None, "no value columns besides 'date'")
    dates = parse_dates(mf.path, text, latest=latest)
    numbers = [parse_numbers(mf.path, text, c, missing=(".",)) for c in value_cols]
    wide = pl.DataFrame([dates, *numbers]).with_columns(text["__line"])
    wide, collapsed = _dedupe(mf.path, wide, ["date"])
    long = (
        wide.drop("__line")
        .unpivot(index="date", on=value_cols, variable_name=id_name, value_name=value_name)
        .drop_nulls(value_name)
        .select(id_name, "date", value_name)
        .sort(id_name, "date")
    )
    return long, collapsed, wide.height


def _parse_members(mf: MirrorFile, data: bytes) -> pl.DataFrame:
    text = read_text_frame(mf.path, (), data)
    cols = set(text.columns)
    ticker = "ticker" if "ticker" in cols else "symbol"
    sector = "sector" if "sector" in cols else "category" if "category" in cols else None
    if ticker not in cols:
        raise MirrorFormatError(mf.path, 1, "ticker", "required column is missing")
    if sector is None:
        raise MirrorFormatError(mf.path, 1, "sector", "required column is missing")
    missing = text[ticker].is_null()
    if bool(missing.any()):
        line = int(text.filter(missing)["__line"][0])
        raise MirrorFormatError(mf.path, line, ticker, "empty ticker")
    frame = text.select(
        pl.col(ticker).str.strip_chars().alias("symbol"),
        (pl.col("company") if "company" in cols else pl.lit(None, pl.String)).alias("company"),
        pl.col(sector).alias("sector"),
        pl.lit(mf.rel).alias("file"),
        pl.col("__line"),
    )
    frame, _ = _dedupe(mf.path, frame, ["symbol"])
    return frame.drop("__line")


def _parse_factors(mf: MirrorFile, data: bytes,
                   latest: dt.date | None) -> tuple[pl.DataFrame, list[str], int]:
    section = parse_french(mf.path, data, latest)
    n = len(section.dates)
    frames = [
        pl.DataFrame(
            {
                "dataset": [section.dataset] * n,
                "date": section.dates,
                "column": [name] * n,
                "value_pct": [row[j] for row in section.values],
            },
            schema={
                "dataset": pl.String,
                "date": pl.Date,
                "column": pl.String,
                "value_pct": pl.Float64,
            },
        )
        for j, name in enumerate(section.columns)
    ]
    frame = pl.concat(frames).drop_nulls("value_pct")
    if frame.select("column", "date").is_duplicated().any():
        dup = frame.filter(frame.select("column", "date").is_duplicated())
        raise MirrorFormatError(mf.path, None, "Date", f"duplicate date {dup['date'][0]}")
    notes = [f"daily section from line {section.header_line}; values in percent"]
    return frame, notes, len(section.dates)


def parse_file(mf: MirrorFile, checksum: str | None = None,
               latest: dt.date | None = None) -> ParsedFile:
    """Parse one mirror file into the long frame of its store table.

    Parameters
    ----------
    mf
        The file.
    checksum
        Its SHA-256, when already computed (it is computed from the bytes read
        otherwise).
    latest
        The last date a row may carry; default today (UTC). A later date is a
        typo that would become the store's last date.

    Raises
    ------
    MirrorFormatError
        On any structural problem, naming file, line and column.
    """
    raw = mf.path.read_bytes()
    checksum = checksum or file_checksum(raw)
    latest = latest or dt.datetime.now(dt.UTC).date()
    data = read_bytes(mf.path, raw)
    notes: list[str] = []
    collapsed = 0
    if mf.kind == "prices":
        frame, collapsed = _parse_prices(mf, data, latest)
        table, rows = "prices", frame.height
    elif mf.kind in ("macro", "indicators"):
        frame, collapsed, rows = _parse_wide(mf, data, "series_id", "value", latest)
        table = "macro"
    elif mf.kind == "member_prices":
        frame, collapsed, rows = _parse_wide(mf, data, "symbol", "adj_close", latest)
        frame = frame.select("symbol", "date", "adj_close")
        table = "member_prices"
    elif mf.kind == "members":
        frame = _parse_members(mf, data)
        return ParsedFile(mf, checksum, "members", frame, frame.height, None, None)
    elif mf.kind == "factors":
        frame, notes, rows = _parse_factors(mf, data, latest)
        table = "factors"
    else:  # pragma: no cover - discover() only yields the kinds above
        raise MirrorFormatError(mf.path, None, None, f"unknown file kind {mf.kind}")
    if collapsed:
        notes.append(f"{collapsed} exact duplicate row(s) collapsed")
    first, last = _date_range(frame)
    return ParsedFile(mf, checksum, table, frame, rows, first, last, notes, collapsed)


def _markdown_rows(text: str) -> Iterator[dict[str, str]]:
    header: list[str] | None = None
    previous: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if all(set(c) <= set("-: ") for c in cells):
            continue
        row = dict(zip(header, cells, strict=False))
        for key, val in row.items():
            if val.startswith("same repo") and previous.get(key):
                row[key] = f"{val} (as the row above: {previous[key]})"
        previous = row
        yield row


def source_texts(root: Path, files: list[MirrorFile]) -> dict[str, str]:
    """Return relative path to a source description for every file.

    ``provenance.json`` (written by rotoscope's providers) wins; else a row of a
    table in ``PROVENANCE.md`` whose first cell is the file's name; else a
    default naming the kind of data.
    """
    by_name: dict[str, str] = {}
    manifest = root / "provenance.json"
    if manifest.is_file():
        try:
            entries = json.loads(manifest.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise MirrorFormatError(manifest, None, None, f"not valid JSON: {exc}") from exc
        if isinstance(entries, dict):
            for rel, entry in entries.items():
                if isinstance(entry, dict) and isinstance(entry.get("source"), str):
                    by_name[rel] = entry["source"]
    md: dict[str, str] = {}
    doc = root / "PROVENANCE.md"
    if doc.is_file():
        for row in _markdown_rows(doc.read_text("utf-8", errors="replace")):
            first = next(iter(row.values()), "").strip("`* ")
            if not first or first in md:
                continue
            parts = [
                f"{re.sub(r' [(].*', '', key)}: {val}"
                for key, val in row.items()
                if val and ("source" in key or "from" in key or "repo" in key)
            ]
            if parts:
                md[first] = "; ".join(parts)
    out: dict[str, str] = {}
    for mf in files:
        text = by_name.get(mf.rel) or md.get(mf.path.name)
        default = _DEFAULT_SOURCES[mf.kind]
        if text and mf.kind == "prices":
            out[mf.rel] = text
        else:
            out[mf.rel] = f"{default}; {text}" if text else default
    return out
