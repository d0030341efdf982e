"""Benchmark: build the whole store from the data mirror.

Prints rows per second for ``rotoscope init`` (strict parsing with line/column
errors, wide-to-long, provenance, atomic swap) and its ratio to two baselines
measured in the same run:

- ``read_floor``: reading and decompressing every mirror file, nothing else;
- ``duckdb_native``: DuckDB's own ``read_csv`` loading the price, macro and member
  files into tables with no validation (the French text files are not CSV and are
  left out of this baseline).

Usage: python benchmarks/init_store.py [--data-dir DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import gzip
import os
import tempfile
from pathlib import Path

import duckdb

from _timing import median_time
from rotoscope import init_store
from rotoscope.config import default_data_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=os.environ.get("ROTOSCOPE_DATA_DIR"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    mirror = default_data_dir(args.data_dir)
    files = [p for p in sorted(mirror.rglob("*")) if p.is_file() and p.suffix != ".md"]

    def read_floor() -> None:
        for path in files:
            data = path.read_bytes()
            if path.suffix == ".gz":
                gzip.decompress(data)

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "rotoscope.duckdb"
        rows = 0

        def rotoscope_init() -> None:
            nonlocal rows
            rows = init_store(mirror, store=store, force=True).rows

        def duckdb_native() -> None:
            target = Path(tmp) / "native.duckdb"
            target.unlink(missing_ok=True)
            con = duckdb.connect(str(target))
            prices = (mirror / "prices").as_posix()
            con.execute(f"CREATE TABLE p AS SELECT * FROM read_csv('{prices}/*.csv', "
                        "filename = true, union_by_name = true)")
            con.execute(f"CREATE TABLE m AS SELECT * FROM read_csv('{mirror / 'macro'}/*.csv')")
            for path in (mirror / "breadth").glob("*members*"):
                con.execute(f"CREATE TABLE b AS UNPIVOT (SELECT * FROM read_csv('{path}')) "
                            "ON COLUMNS(* EXCLUDE (date)) INTO NAME symbol VALUE adj_close")
            con.close()

        floor_s = median_time(read_floor, args.repeat)
        native_s = median_time(duckdb_native, args.repeat)
        init_s = median_time(rotoscope_init, args.repeat)
        warm_s = median_time(lambda: init_store(mirror, store=store), args.repeat)

    print(f"mirror: {mirror} ({len(files)} files)")
    print(f"read_floor     {floor_s:8.3f} s")
    print(f"duckdb_native  {native_s:8.3f} s")
    print(f"rotoscope_init {init_s:8.3f} s  {rows / init_s:,.0f} rows/s  ({rows:,} rows)")
    print(f"init_unchanged {warm_s:8.3f} s  (fingerprint matches: nothing rebuilt)")
    print(
        f"init rows={rows} seconds={init_s:.3f} rows_per_s={rows / init_s:.0f} "
        f"vs_read_floor={init_s / floor_s:.1f}x vs_duckdb_native={init_s / native_s:.2f}x "
        f"target_s=10 {'OK' if init_s < 10 else 'OVER'}"
    )


if __name__ == "__main__":
    main()
