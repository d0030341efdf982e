"""Benchmark: writing the research note once the store is open.

Prints the warm time (imports done, store open, one untimed run first) of each
stage of ``rotoscope report`` for one date, and each one's ratio to the
baseline measured in the same run, ``compute_facts`` (every fact of the date,
which the note needs anyway):

- ``facts``: compute_facts alone (the baseline);
- ``build``: facts, words and the five charts (build_note);
- ``charts``: the five charts alone, from the date's facts (part of ``build``);
- ``audit``: the self-audit (the claim checker over the note's text);
- ``render_html``: the self-contained HTML file;
- ``total``: what ``rotoscope report`` spends after opening the store;
- ``cold_md``: the Markdown note on a store just opened (every series read from
  DuckDB again), as in a fresh ``rotoscope report --format md`` process once its
  imports are done.

Beside each wall time it prints the process's CPU time (median of the same
runs; DuckDB's threads included) and the load average before and after: on a
machine shared with other work the wall times grow with the load, the CPU times
much less.

Usage: python benchmarks/report.py [--data-dir DIR] [--as-of YYYY-MM-DD] [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import rotoscope
from _timing import median_time
from rotoscope.analytics.engine import compute_facts
from rotoscope.config import default_data_dir
from rotoscope.prose import Ctx
from rotoscope.report import audit_note, build_note, render_html, render_markdown
from rotoscope.report._build import note_charts


def load() -> str:
    """Return the 1-minute load average and the number of CPUs, e.g. ``0.35 on 2 CPUs``."""
    return f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"


def cold_markdown(store: Path, day: dt.date) -> str:
    """Open the store anew, write and audit the note, and render it as Markdown."""
    with rotoscope.open(store) as fresh:
        return render_markdown(fresh.report(day)[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data-dir", default=os.environ.get("ROTOSCOPE_DATA_DIR"))
    parser.add_argument("--as-of", default="2026-02-09")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    day = dt.date.fromisoformat(args.as_of)
    with tempfile.TemporaryDirectory() as tmp:
        store = rotoscope.init_store(default_data_dir(args.data_dir),
                                     store=Path(tmp) / "rotoscope.duckdb").path
        with rotoscope.open(store) as rs:
            rs.report(day)  # warm-up, untimed
            note = build_note(rs.store, rs.universe, day)
            ctx = Ctx(rs.store, rs.universe, compute_facts(rs.store, rs.universe, day))
            stages: dict[str, Callable[[], object]] = {
                "facts": lambda: compute_facts(rs.store, rs.universe, day),
                "build": lambda: build_note(rs.store, rs.universe, day),
                "charts": lambda: note_charts(ctx),
                "audit": lambda: audit_note(note, rs.store, rs.universe),
                "render_html": lambda: render_html(note),
                "total": lambda: render_html(rs.report(day)[0]),
                "cold_md": lambda: cold_markdown(store, day),
            }
            before = load()
            wall = {name: median_time(fn, args.repeat) for name, fn in stages.items()}
            cpu = {name: median_time(fn, args.repeat, time.process_time)
                   for name, fn in stages.items()}
            after = load()
    numbers = len(list(note.nums()))
    print(f"note {day}: {numbers} numbers, {len(list(note.charts()))} charts; "
          f"load {before} before, {after} after")
    for name, t in wall.items():
        print(f"  {name:<12} {t:7.3f} s   {t / wall['facts']:5.2f}x facts   "
              f"cpu {cpu[name]:6.3f} s")
    print(f"report as_of={day} total_s={wall['total']:.3f} facts_s={wall['facts']:.3f} "
          f"ratio={wall['total'] / wall['facts']:.2f}x target_s=0.6 "
          f"total_cpu_s={cpu['total']:.3f}")


if __name__ == "__main__":
    main()
