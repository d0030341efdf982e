"""Write provider output into a mirror directory, atomically and with provenance."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import polars as pl

from rotoscope.exceptions import MirrorFormatError, ProviderError
from rotoscope.providers._base import MirrorPiece
from rotoscope.store import MirrorFile, ParsedFile, parse_file, read_bytes

__all__ = ["write_pieces"]


def _merge_wide(existing: bytes, piece: MirrorPiece) -> bytes:
    old = pl.read_csv(existing, infer_schema=False)
    new = pl.read_csv(piece.content, infer_schema=False)
    keep = [c for c in old.columns if c != "date" and c not in piece.merge_columns]
    merged = old.select("date", *keep).join(new, on="date", how="full", coalesce=True)
    merged = merged.sort("date")
    buffer = io.BytesIO()
    merged.write_csv(buffer)
    return buffer.getvalue()


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_pieces(
    out: Path, pieces: list[MirrorPiece], provider: str, now: dt.datetime | None = None
) -> list[Path]:
    """Write pieces into the mirror at ``out`` and record them in ``provenance.json``.

    Every file is first validated by the same strict parser ``rotoscope init``
    uses; if any fails, nothing is written.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ProviderError
        When a piece would not load (a provider bug or an unexpected answer).
    """
    fetched_at = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    staged: list[tuple[Path, MirrorPiece]] = []
    latest: dict[Path, bytes] = {}
    parsed: dict[Path, ParsedFile] = {}
    staging = tempfile.TemporaryDirectory(prefix="rotoscope-fetch-")
    for piece in pieces:
        target = out / piece.rel
        data = piece.content
        if piece.merge_columns:
            base = latest.get(target)
            if base is None and target.is_file():
                base = read_bytes(target)
            if base is not None:
                data = _merge_wide(base, piece)
        latest[target] = data
        probe = Path(staging.name) / piece.rel
        probe.parent.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(data)
        try:
            parsed[target] = parse_file(MirrorFile(probe, piece.rel, piece.kind))
        except MirrorFormatError as exc:
            staging.cleanup()
            raise ProviderError(f"{provider}: {piece.rel} would not load: {exc}") from exc
        staged.append((target, piece))
    staging.cleanup()

    manifest = out / "provenance.json"
    entries: dict[str, Any] = {}
    if manifest.is_file():
        with contextlib.suppress(ValueError):
            entries = json.loads(manifest.read_text("utf-8"))
    for target, data in latest.items():
        _atomic_write(target, data)
    for target, piece in staged:
        previous = entries.get(piece.rel, {}) if piece.merge_columns else {}
        done = parsed[target]
        entries[piece.rel] = {
            "provider": provider,
            "source": piece.source,
            "url": piece.url,
            "series": sorted(set(previous.get("series", [])) | {piece.symbol}),
            "rows": done.rows,
            "first_date": done.first_date.isoformat() if done.first_date else None,
            "last_date": done.last_date.isoformat() if done.last_date else None,
            "fetched_at": fetched_at,
        }
    _atomic_write(manifest, (json.dumps(entries, indent=2, sort_keys=True) + "\n").encode())
    return list(latest)
