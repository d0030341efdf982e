"""Benchmark: checking a 2,000-word market note against the store.

Prints claims per second for ``check_text`` (warm: imports done, store open,
one untimed run first) and its ratio to baselines measured in the same run:

- ``extract_only``: finding the claims without verifying them (the parser alone);
- ``one_window_return``: a single ``window_return`` fact per claim, the least
  verification could cost if each claim needed exactly one computed fact.

Then the stages of a fresh process, as ``rotoscope check`` meets them (each
run a new interpreter; medians of --repeat runs): importing ``rotoscope.check``,
opening the store, the first check (what a command pays: patterns compiled on
first use, series read from the store) and a second check of the same text in
the same process, whose difference from the first is the cold work.

The note is the example note of 2026-02-10 followed by the start of the one of
2026-01-24, cut to 2,000 words and dated 2026-02-10.

Usage: python benchmarks/check.py [--data-dir DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import rotoscope
from _timing import median_time
from rotoscope.analytics._pit import PointInTime
from rotoscope.analytics.returns import window_return
from rotoscope.check import check_text, extract_claims
from rotoscope.config import default_data_dir

WORDS = 2000

#: One fresh process: the stages of a first check, each timed in the process.
STAGES = """
import datetime as dt, json, sys, time
t0 = time.perf_counter()
import rotoscope
from rotoscope.check import check_text
t1 = time.perf_counter()
rs = rotoscope.open(sys.argv[1])
t2 = time.perf_counter()
text, as_of = open(sys.argv[2], encoding="utf-8").read(), dt.date(2026, 2, 10)
check_text(rs.store, rs.universe, text, as_of)
t3 = time.perf_counter()
check_text(rs.store, rs.universe, text, as_of)
t4 = time.perf_counter()
print(json.dumps({"import rotoscope.check": t1 - t0, "open store": t2 - t1,
                  "first check": t3 - t2, "second check": t4 - t3}))
"""


def fresh_stages(store: Path, note: Path, repeat: int) -> dict[str, float]:
    """Return the median of each stage of a first check over ``repeat`` fresh processes."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", STAGES, str(store), str(note)],
                              capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout))
    return {stage: statistics.median(r[stage] for r in runs) for stage in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data-dir", default=os.environ.get("ROTOSCOPE_DATA_DIR"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data_dir = default_data_dir(args.data_dir)
    reports = data_dir.parent / "example-reports"
    text = ((reports / "2026-02-10-value-rotation-and-small-cap-leadership.txt").read_text()
            + "\n\n" + (reports / "2026-01-24-small-cap-resurgence.txt").read_text())
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    text = text[:ends[WORDS - 1]] if len(ends) > WORDS else text
    as_of = dt.date(2026, 2, 10)
    with tempfile.TemporaryDirectory() as tmp:
        store = rotoscope.init_store(data_dir, store=Path(tmp) / "rotoscope.duckdb").path
        with rotoscope.open(store) as rs:
            result = check_text(rs.store, rs.universe, text, as_of)  # warm-up, untimed
            n = len(result.claims)
            t_check = median_time(lambda: check_text(rs.store, rs.universe, text, as_of),
                                  args.repeat)
            t_extract = median_time(lambda: extract_claims(text, rs.universe, as_of),
                                    args.repeat)

            def one_return_each() -> None:
                pit = PointInTime(rs.store, as_of)
                for _ in range(n):
                    window_return(pit, "^RUT", "ytd", "close")

            t_floor = median_time(one_return_each, args.repeat)
        note = Path(tmp) / "note.txt"
        note.write_text(text, encoding="utf-8")
        stages = fresh_stages(store, note, args.repeat)
    print(f"text             {len(text.split()):,} words, {n} claims, as of {as_of}")
    print(f"check_text       {t_check:.3f} s  ({n / t_check:,.0f} claims/s)  "
          f"median of {args.repeat}, warm")
    print(f"extract_only     {t_extract:.3f} s  ({t_check / t_extract:.1f}x faster than the "
          "whole check)")
    print(f"one_window_return {t_floor:.3f} s  (one cached return fact per claim)")
    print(f"ratio            {t_check / t_floor:.2f}x one_window_return")
    print(f"fresh process    medians of {args.repeat} runs")
    for stage, seconds in stages.items():
        print(f"  {stage:24s} {seconds:.3f} s")
    cold = stages["first check"] / stages["second check"]
    print(f"  first check / second   {cold:.2f}x (the cold work of a first check)")


if __name__ == "__main__":
    main()
