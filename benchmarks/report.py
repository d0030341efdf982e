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
- ``total``: what ``rotoscope report`` spends after opening the store.

Usage: python benchmarks/report.py [--data-dir DIR] [--as-of YYYY-MM-DD] [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from pathlib import Path

import rotoscope
from _timing import median_time
from rotoscope.analytics.engine import compute_facts
from rotoscope.config import default_data_dir
from rotoscope.prose import Ctx
from rotoscope.report import audit_note, build_note, render_html
from rotoscope.report._build import note_charts


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
            t_facts = median_time(lambda: compute_facts(rs.store, rs.universe, day),
                                  args.repeat)
            t_build = median_time(lambda: build_note(rs.store, rs.universe, day), args.repeat)
            ctx = Ctx(rs.store, rs.universe, compute_facts(rs.store, rs.universe, day))
            t_charts = median_time(lambda: note_charts(ctx), args.repeat)
            t_audit = median_time(lambda: audit_note(note, rs.store, rs.universe), args.repeat)
            t_html = median_time(lambda: render_html(note), args.repeat)
            t_total = median_time(lambda: render_html(rs.report(day)[0]), args.repeat)
    numbers = len(list(note.nums()))
    print(f"note {day}: {numbers} numbers, {len(list(note.charts()))} charts")
    for name, t in (("facts", t_facts), ("build", t_build), ("charts", t_charts),
                    ("audit", t_audit),
                    ("render_html", t_html), ("total", t_total)):
        print(f"  {name:<12} {t:7.3f} s   {t / t_facts:5.2f}x facts")
    print(f"report as_of={day} total_s={t_total:.3f} facts_s={t_facts:.3f} "
          f"ratio={t_total / t_facts:.2f}x target_s=1.0")


if __name__ == "__main__":
    main()
