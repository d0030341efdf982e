"""Benchmark: every fact of a date for the default universe, with the store open.

Prints facts per second for ``compute_facts`` (warm: imports done, store open,
one untimed run first) and its ratio to a baseline measured in the same run:

- ``read_floor``: DuckDB reading every price, macro, factor and member row on or
  before the as-of date into NumPy arrays, nothing else. The analytics cannot
  take less than reading their inputs once.

It also prints ``compute_facts`` on a store just opened (``cold``: every series
read from DuckDB, as in a fresh ``rotoscope facts`` process once its imports
are done), the same with the series read one query each (``cold_one_by_one``,
what the engine did before it read them in one query per table), and the
cold run's ratio to each.

Builds a store from the mirror into a temporary directory first.

Usage: python benchmarks/facts.py [--data-dir DIR] [--as-of YYYY-MM-DD] [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
from pathlib import Path

import rotoscope
from _timing import median_time
from rotoscope.analytics.engine import compute_facts
from rotoscope.config import default_data_dir
from rotoscope.store import Store


class _OneByOne(Store):
    """A store that ignores batched reads: every series is read by its own query."""

    def load_series(self, symbols: object, fields: object = ()) -> None:
        """Read nothing ahead."""


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data-dir", default=os.environ.get("ROTOSCOPE_DATA_DIR"))
    parser.add_argument("--as-of", default="2026-02-09")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    as_of = dt.date.fromisoformat(args.as_of)
    with tempfile.TemporaryDirectory() as tmp:
        store = rotoscope.init_store(default_data_dir(args.data_dir),
                                     store=Path(tmp) / "rotoscope.duckdb").path
        with rotoscope.open(store) as rs:
            con = rs.store.con

            def read_floor() -> None:
                for sql in ("SELECT symbol, date, open, close, adj_close FROM prices "
                            "WHERE date <= ?",
                            "SELECT series_id, date, value FROM macro WHERE date <= ?",
                            'SELECT dataset, "column", date, value_pct FROM factors '
                            "WHERE date <= ?",
                            "SELECT symbol, date, adj_close FROM member_prices "
                            "WHERE date <= ?"):
                    con.execute(sql, [as_of]).fetchnumpy()

            count = len(compute_facts(rs.store, rs.universe, as_of))  # warm-up, untimed
            t_facts = median_time(lambda: compute_facts(rs.store, rs.universe, as_of), args.repeat)
            t_floor = median_time(read_floor, args.repeat)

            def cold(kind: type[Store]) -> None:
                fresh = kind(store)
                try:
                    compute_facts(fresh, rs.universe, as_of)
                finally:
                    fresh.close()

            colds: list[float] = []
            ones: list[float] = []
            for _ in range(args.repeat):  # in turn, so a machine that drifts slows both
                colds.append(median_time(lambda: cold(Store), 1))
                ones.append(median_time(lambda: cold(_OneByOne), 1))
            t_cold, t_one = statistics.median(colds), statistics.median(ones)
    print(f"as_of            {as_of}")
    print(f"facts            {count:,}")
    print(f"compute_facts    {t_facts:.3f} s  ({count / t_facts:,.0f} facts/s)  "
          f"median of {args.repeat}, warm")
    print(f"read_floor       {t_floor:.3f} s  (every input row read once)")
    print(f"ratio            {t_facts / t_floor:.2f}x read_floor")
    print(f"cold             {t_cold:.3f} s  (store just opened)  {t_cold / t_facts:.2f}x warm")
    print(f"cold_one_by_one  {t_one:.3f} s  (a query per series)  cold is "
          f"{t_cold / t_one:.2f}x this")
    print(f"facts as_of={as_of} n={count} seconds={t_facts:.3f} "
          f"facts_per_s={count / t_facts:.0f} floor_ratio={t_facts / t_floor:.2f} "
          f"cold_s={t_cold:.3f} cold_vs_one_by_one={t_cold / t_one:.2f}")


if __name__ == "__main__":
    main()
