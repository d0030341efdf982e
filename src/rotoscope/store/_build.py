"""Build the DuckDB store from a data mirror, atomically and idempotently.

The store is built into a temporary file beside the target and moved into place
with :func:`os.replace` only once it is complete, so a failure or a kill midway
leaves the previous store as it was. A fingerprint of the mirror (every file's
SHA-256, ``provenance.json`` included), the universe file and the schema version
is kept in the store; when it matches, :func:`build_store` does nothing at all
beyond removing temporary files of builds that died.

Two builds of the same store cannot race: a build holds an exclusive lock on
``.<store>-build.lock`` beside the store, and a second one is refused with
:class:`~rotoscope.exceptions.StoreBusyError`. A write-ahead log ``<store>.wal``
left beside the store by another program that opened it for writing and died
belongs to the file being replaced; the build removes it and says so, since
DuckDB would otherwise replay it against the new file and refuse to open it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import duckdb
import polars as pl

from rotoscope._version import __version__
from rotoscope.exceptions import StoreBusyError
from rotoscope.store._mirror import (
    ParsedFile,
    discover,
    file_checksum,
    parse_file,
    source_texts,
)
from rotoscope.store._schema import DDL, SCHEMA_VERSION
from rotoscope.universe import Universe

__all__ = [
    "MANIFEST",
    "BuildResult",
    "Progress",
    "build_lock",
    "build_store",
    "mirror_fingerprint",
    "read_fingerprint",
]

#: The providers' manifest of sources: it changes the store's ``source`` texts, so
#: it is part of the fingerprint like every data file.
MANIFEST = "provenance.json"

Progress = Callable[[str, int, int], None]
"""Callback ``(description, done, total)`` called as the build advances."""

_ASSET_CLASS = {
    "index": "equity",
    "etf": "equity",
    "stock": "equity",
    "rate": "rates",
    "fx": "fx",
    "volatility": "volatility",
    "breadth": "breadth",
}


@dataclass
class BuildResult:
    """What :func:`build_store` did.

    Attributes
    ----------
    changed
        ``False`` when the store was already up to date and was left untouched.
    path
        The store file.
    files, rows
        Files read and rows loaded (0 when unchanged).
    seconds
        Wall time of the build.
    notes
        Per-file remarks (collapsed duplicates, French sections read).
    warnings
        What the build repaired on its way (a stale write-ahead log removed).
    """

    changed: bool
    path: Path
    fingerprint: str
    files: int = 0
    rows: int = 0
    duplicates: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def mirror_fingerprint(checksums: dict[str, str], universe: Universe) -> str:
    """Return the SHA-256 over the schema and package versions, the universe and every file."""
    digest = hashlib.sha256()
    digest.update(
        f"schema={SCHEMA_VERSION}\nversion={__version__}\nuniverse={universe.checksum}\n".encode()
    )
    for rel, checksum in checksums.items():
        digest.update(f"{rel}={checksum}\n".encode())
    return digest.hexdigest()


def read_fingerprint(path: Path) -> str | None:
    """Return the fingerprint recorded in an existing store, or ``None``.

    ``None`` too when a write-ahead log lies beside the store: the store no
    longer opens as it was built, so it is rebuilt.
    """
    if not path.is_file() or _wal(path).exists():
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        rows = con.execute("SELECT value FROM store_meta WHERE key = 'fingerprint'").fetchall()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return str(rows[0][0]) if rows else None


def _series_rows(
    parsed: list[ParsedFile], universe: Universe, sources: dict[str, str]
) -> pl.DataFrame:
    rows: list[dict[str, object]] = []
    for pf in parsed:
        if pf.table == "prices":
            ids = [str(pf.frame["symbol"][0])] if pf.rows else []
            table = "prices"
        elif pf.table == "macro":
            ids = pf.frame["series_id"].unique(maintain_order=True).to_list()
            table = "macro"
        else:
            continue
        for symbol in ids:
            meta = universe.meta(symbol)
            rows.append(
                {
                    "symbol": symbol,
                    "name": meta.name if meta else symbol,
                    "kind": meta.kind if meta else "unknown",
                    "asset_class": _ASSET_CLASS.get(meta.kind, "unknown") if meta else "unknown",
                    "category": meta.category if meta else None,
                    "sector": meta.sector if meta else None,
                    "group": meta.group if meta else None,
                    "currency": meta.currency if meta else None,
                    "table_name": table,
                    "file": pf.file.rel,
                    "source": sources[pf.file.rel],
                }
            )
    return pl.DataFrame(rows, schema={
        "symbol": pl.String, "name": pl.String, "kind": pl.String, "asset_class": pl.String,
        "category": pl.String, "sector": pl.String, "group": pl.String, "currency": pl.String,
        "table_name": pl.String, "file": pl.String, "source": pl.String,
    })


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.height == 0:
        return
    con.register("_incoming", frame.to_arrow())
    cols = ", ".join(f'"{c}"' for c in frame.columns)
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _incoming")
    con.unregister("_incoming")


def _member_keys(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return the member rows with a key per symbol, and the ``member_symbols`` table.

    Symbols are numbered 0, 1, ... in sort order (``sid``); the rows are sorted
    by key and date.
    """
    keys = (frame.select(pl.col("symbol").unique().sort())
            .with_row_index("sid").with_columns(pl.col("sid").cast(pl.Int32)))
    return frame.join(keys, on="symbol").sort("sid", "date"), keys


def _wal(store: Path) -> Path:
    return store.with_name(store.name + ".wal")


@contextlib.contextmanager
def build_lock(store: Path) -> Iterator[None]:
    """Hold the exclusive build lock of ``store``: ``.<name>-build.lock`` beside it.

    The file stays after the build (holding the last builder's process id), so
    that every build locks the same file; removing it could let two builds lock
    two different files.

    Raises
    ------
    StoreBusyError
        When another process holds it: two builds would race and the last would
        win without a word.
    """
    store.parent.mkdir(parents=True, exist_ok=True)
    lock_path = store.with_name(f".{store.name}-build.lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if sys.platform != "win32":
            import fcntl

            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
                raise StoreBusyError(store, f"process {holder}" if holder.isdigit()
                                     else "another process") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


@contextlib.contextmanager
def _interrupts() -> Iterator[None]:
    """Let Ctrl-C stop the write phase as a :class:`KeyboardInterrupt`, whatever runs.

    DuckDB reports an interrupted statement as its own ``RuntimeError``; while
    this is active, any error after a SIGINT is raised as the interrupt it was,
    so the caller's cleanup and its one-line message apply.
    """
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() \
            or previous in (signal.SIG_IGN, None):
        yield
        return
    hits: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        hits.append(signum)
        if callable(previous):
            previous(signum, frame)  # the handler in place runs first (it may raise)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, handler)
    try:
        yield
    except Exception:
        if hits:
            raise KeyboardInterrupt from None
        raise
    finally:
        signal.signal(signal.SIGINT, previous)


def _remove_abandoned_builds(store: Path) -> None:
    """Delete temporary files left by builds whose process no longer runs."""
    for leftover in store.parent.glob(f".{store.name}.*.building*"):
        pid_text = leftover.name[len(store.name) + 2 :].split(".")[0]
        if not pid_text.isdigit():
            continue
        try:
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        except PermissionError:
            continue


def build_store(
    data_dir: Path,
    store: Path,
    universe: Universe,
    *,
    force: bool = False,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> BuildResult:
    """Build or refresh the store from a mirror.

    Parameters
    ----------
    data_dir
        Root of the data mirror.
    store
        Target DuckDB file; its directory is created when missing.
    universe
        Series metadata to record with each series.
    force
        Rebuild even when the fingerprint matches.
    progress
        Called with ``(description, done, total)`` while files are read.
    now
        The ``loaded_at`` timestamp to record (default: the current UTC time);
        its date is the last date a mirror row may carry.

    Returns
    -------
    BuildResult

    Raises
    ------
    MirrorNotFoundError, MirrorFormatError
        Before anything is written: the previous store is left untouched.
    StoreBusyError
        When another build of the same store is running.
    """
    with build_lock(store):
        _remove_abandoned_builds(store)
        return _build(data_dir, store, universe, force, progress, now)


def _build(data_dir: Path, store: Path, universe: Universe, force: bool,
           progress: Progress | None, now: dt.datetime | None) -> BuildResult:
    started = dt.datetime.now()
    files = discover(data_dir)
    checksums = {mf.rel: file_checksum(mf.path.read_bytes()) for mf in files}
    manifest = data_dir / MANIFEST
    if manifest.is_file():
        checksums[MANIFEST] = file_checksum(manifest.read_bytes())
    fingerprint = mirror_fingerprint(checksums, universe)
    if not force and read_fingerprint(store) == fingerprint:
        return BuildResult(changed=False, path=store, fingerprint=fingerprint)

    current = now or dt.datetime.now(dt.UTC)
    sources = source_texts(data_dir, files)
    parsed: list[ParsedFile] = []
    total = len(files)
    for i, mf in enumerate(files):
        if progress:
            progress(f"reading {mf.rel}", i, total)
        parsed.append(parse_file(mf, checksums[mf.rel], latest=current.date()))
    if progress:
        progress("writing the store", total, total)

    loaded_at = current.replace(tzinfo=None, microsecond=0)
    tmp = store.with_name(f".{store.name}.{os.getpid()}.building")
    build_notes: list[str] = []
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        with _interrupts():
            _write(tmp, parsed, universe, sources, fingerprint, data_dir, loaded_at)
        stale = _wal(store)
        if stale.exists():
            stale.unlink()
            build_notes.append(f"removed {stale.name}, a write-ahead log left beside the "
                               "store by a program that opened it for writing and stopped")
        os.replace(tmp, store)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    notes = [f"{pf.file.rel}: {n}" for pf in parsed for n in pf.notes]
    duplicates = {pf.file.rel: pf.duplicates_collapsed for pf in parsed if pf.duplicates_collapsed}
    return BuildResult(
        changed=True,
        path=store,
        fingerprint=fingerprint,
        files=len(parsed),
        rows=sum(pf.frame.height for pf in parsed),
        duplicates=duplicates,
        seconds=(dt.datetime.now() - started).total_seconds(),
        notes=notes,
        warnings=build_notes,
    )


def _write(tmp: Path, parsed: list[ParsedFile], universe: Universe, sources: dict[str, str],
           fingerprint: str, data_dir: Path, loaded_at: dt.datetime) -> None:
    """Write every table of the new store into ``tmp`` and checkpoint it."""
    con = duckdb.connect(str(tmp))
    try:
        con.execute(DDL)
        con.execute(
            "INSERT INTO schema_version VALUES (?, ?)", [SCHEMA_VERSION, loaded_at]
        )
        meta = {
            "fingerprint": fingerprint,
            "data_dir": str(data_dir.resolve()),
            "universe": str(universe.path),
            "universe_checksum": universe.checksum,
            "rotoscope_version": __version__,
            "built_at": loaded_at.isoformat(),
        }
        con.executemany("INSERT INTO store_meta VALUES (?, ?)", list(meta.items()))
        for table in ("prices", "macro", "factors", "member_prices", "members"):
            frames = [pf.frame for pf in parsed if pf.table == table]
            if frames:
                frame = pl.concat(frames, how="vertical_relaxed")
                if table == "member_prices":
                    frame, keys = _member_keys(frame)
                    _insert(con, "member_symbols", keys)
                _insert(con, table, frame)
        _insert(con, "series", _series_rows(parsed, universe, sources))
        prov = pl.DataFrame(
            {
                "file": [pf.file.rel for pf in parsed],
                "kind": [pf.file.kind for pf in parsed],
                "checksum": [pf.checksum for pf in parsed],
                "source": [sources[pf.file.rel] for pf in parsed],
                "rows": [pf.rows for pf in parsed],
                "first_date": [pf.first_date for pf in parsed],
                "last_date": [pf.last_date for pf in parsed],
                "loaded_at": [loaded_at] * len(parsed),
            },
            schema_overrides={"first_date": pl.Date, "last_date": pl.Date},
        )
        _insert(con, "provenance", prov)
        con.execute("CHECKPOINT")
    finally:
        con.close()
