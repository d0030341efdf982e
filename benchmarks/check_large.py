"""Benchmark: ``check`` on long texts, to show its time grows linearly with the length.

The text is the example notes of 2026-02-10 and 2026-01-24 repeated, blank
line between copies, and cut at a paragraph end near each size (0.25, 0.5, 1 and
2 MB by default; the command line reads up to 2,000,000 bytes). Each size is
checked once (warm: store open, one small check first) as of 2026-02-10. Prints
seconds, claims, microseconds per byte and each size's time relative to the
smallest one beside the ratio of their lengths: linear growth has the two
ratios equal.

Usage: python benchmarks/check_large.py [--data-dir DIR] [--sizes 0.25,0.5,1,2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from pathlib import Path

import rotoscope
from rotoscope.check import MAX_TEXT_BYTES, check_text
from rotoscope.config import default_data_dir

MB = 1_000_000


def text_of(notes: str, size: int) -> str:
    """Return copies of ``notes`` cut at the last paragraph end before ``size`` bytes."""
    copies = notes * (size // len(notes.encode()) + 1)
    cut = copies.encode()[:size].decode("utf-8", errors="ignore")
    end = cut.rfind("\n\n")
    return cut[:end] if end > 0 else cut


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data-dir", default=os.environ.get("ROTOSCOPE_DATA_DIR"))
    parser.add_argument("--sizes", default="0.25,0.5,1,2",
                        help="Sizes in MB (1 MB = 1,000,000 bytes), comma-separated.")
    args = parser.parse_args()
    data_dir = default_data_dir(args.data_dir)
    reports = data_dir.parent / "example-reports"
    notes = "\n\n".join((reports / name).read_text() for name in (
        "2026-02-10-value-rotation-and-small-cap-leadership.txt",
        "2026-01-24-small-cap-resurgence.txt")) + "\n\n"
    sizes = [min(int(float(s) * MB), MAX_TEXT_BYTES) for s in args.sizes.split(",")]
    as_of = dt.date(2026, 2, 10)
    rows: list[tuple[int, int, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = rotoscope.init_store(data_dir, store=Path(tmp) / "rotoscope.duckdb").path
        with rotoscope.open(store) as rs:
            check_text(rs.store, rs.universe, notes, as_of)  # warm-up, untimed
            for size in sizes:
                text = text_of(notes, size)
                start = time.perf_counter()
                result = check_text(rs.store, rs.universe, text, as_of)
                rows.append((len(text.encode()), len(result.claims),
                             time.perf_counter() - start))
    base_bytes, _, base_s = rows[0]
    print(f"check_text on repeated example notes, as of {as_of}, one run per size")
    print(f"{'bytes':>11}{'claims':>9}{'seconds':>10}{'us/byte':>9}{'x bytes':>9}{'x time':>8}")
    for n_bytes, claims, seconds in rows:
        print(f"{n_bytes:>11,}{claims:>9,}{seconds:>10.1f}{seconds / n_bytes * 1e6:>9.2f}"
              f"{n_bytes / base_bytes:>8.2f}x{seconds / base_s:>7.2f}x")


if __name__ == "__main__":
    main()
