"""Benchmark: the panel (snapshot and daily breadth) over N synthetic symbols x T sessions.

For each N in the scaling series (500, 2,000 and --symbols by default) it draws
the seeded synthetic universe of :mod:`rotoscope.analytics.synthetic`, writes it
to Parquet once, and then, each in a fresh process so none sees another's
memory or caches:

- ``rotoscope``: the member panel on DuckDB exactly as the ``rotoscope panel``
  command computes it (per-symbol returns over 1/5/21/63/252 sessions and year
  to date, SMA 50/200 and the distance from each, 52-week high/low, relative
  strength against the benchmark with its 50-session average and the
  outperformance streak; then daily breadth across all symbols): the rows are
  loaded in the store's layout (``member_prices`` with integer symbol keys,
  ``member_symbols``, the benchmark in ``prices``), DuckDB hands them over by
  key with SQL only (no Ibis, no pandas) and a NumPy kernel computes the
  trailing windows on dense arrays (``rotoscope.analytics.panel._arrays``);
- ``windows``: the same definitions as Ibis window expressions run by DuckDB
  (``method="windows"``): what a Spark cluster runs, timed here on one machine;
- ``pandas``: the same outputs written the way a pandas user typically writes
  them: ``groupby(...).rolling(...)`` for the trailing statistics,
  ``groupby(...).pct_change(n)`` for returns, the cumulative-sum idiom for
  streaks and ``groupby("date").agg`` for breadth.

Only the computation is timed (the best of --repeat runs, data already in
memory); peak memory is the worker process's maximum resident set (``VmHWM``),
loading included. The results are compared, so a speed-up never hides a wrong answer.

The memory-bandwidth floor is the least time any implementation needs: it must
read every input row once (8-byte price, 4-byte date, 4-byte symbol key) and
write its output, at the copy bandwidth measured here in the same run (NumPy
copy of a 512 MiB array, bytes read plus written per second). Beside it the
benchmark prints what DuckDB alone takes to hand the input rows over, timed in
the rotoscope worker with nothing computed: by integer key and day as NumPy
arrays (``read``, and its ratio to the floor: the share of the gap no
computation can close), the same rows as Arrow (``arrow read``; the panel reads
NumPy below ``ARROW_ROWS`` rows and Arrow from there on) and with text symbols
(``text read``, Arrow), as they were read before the store kept integer keys;
and the kernel alone on rows already read (``kernel``).

Usage: python benchmarks/panel.py [--symbols N] [--sessions T] [--scaling 500,2000]
       [--repeat R] [--seed S] [--no-windows] [--no-pandas]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

TARGET_SPEEDUP = 10.0
TARGET_PEAK_GIB = 8.0
TARGET_FLOOR_RATIO = 10.0
BYTES_PER_ROW = 8 + 4 + 4


def copy_bandwidth(mib: int = 512, repeat: int = 5) -> float:
    """Bytes read plus written per second by a large NumPy copy (best of ``repeat``)."""
    src = np.ones(mib * 2**20 // 8)
    dst = np.empty_like(src)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        np.copyto(dst, src)
        best = min(best, time.perf_counter() - start)
    return 2 * src.nbytes / best


# --- the two implementations, each run in its own worker process -----------------


BENCHMARK = "BENCH"  # the benchmark's symbol in the ``prices`` table


def load_duckdb(folder: Path) -> Any:
    """Return a :class:`rotoscope.store.Store` holding the panel in the store's layout.

    ``member_prices`` (symbol, integer key ``sid``, date, adj_close; sorted by
    key and date as the store's build writes it), ``member_symbols`` (the keys)
    and ``prices`` (the benchmark as symbol ``BENCH``), written to a DuckDB file
    with the store's schema version and opened read-only as the command opens
    its store.
    """
    import duckdb

    from rotoscope.store import Store
    from rotoscope.store._schema import SCHEMA_VERSION

    path = folder / "store.duckdb"
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, created_at TIMESTAMP)")
    con.execute("INSERT INTO schema_version VALUES (?, now())", [SCHEMA_VERSION])
    members, bench = (f"read_parquet('{folder / name}.parquet')" for name in ("members", "bench"))
    con.execute(f"CREATE TABLE member_symbols AS SELECT CAST(row_number() OVER (ORDER BY symbol) "
                f"- 1 AS INTEGER) AS sid, symbol FROM (SELECT DISTINCT symbol FROM {members})")
    con.execute(f"CREATE TABLE member_prices AS SELECT m.symbol, k.sid, m.date, m.adj_close "
                f"FROM {members} AS m JOIN member_symbols AS k USING (symbol) "
                f"ORDER BY k.sid, m.date")
    con.execute(f"CREATE TABLE prices AS SELECT '{BENCHMARK}' AS symbol, date, adj_close "
                f"FROM {bench}")
    con.close()
    return Store(path)


def run_rotoscope(store: Any, repeat: int, method: str = "auto") -> tuple[float, Any, Any]:
    """Time the panel as of the last date: as ``rotoscope panel`` runs it, or as windows."""
    from rotoscope.analytics import panel
    from rotoscope.analytics.panel._compute import member_panel_on

    day = store.member_extent()[1]
    if method == "windows":
        backend = store.ibis_backend()
        members = panel.table(backend, "member_prices").select("symbol", "date", "adj_close")
        prices = panel.table(backend, "prices")
        bench = prices.filter(prices.symbol == BENCHMARK).select("date", "adj_close")
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        if method == "windows":
            result = panel.compute(members, bench, day, method="windows")
        else:
            result = member_panel_on(store, day, BENCHMARK)
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result.snapshot.to_pandas(), result.breadth.to_pandas()


def kernel_only(store: Any, repeat: int) -> float:
    """Seconds the NumPy kernel takes on rows already handed over (the best of ``repeat``).

    The rows and the benchmark are read once, outside the timing: this is the
    rotoscope time less DuckDB's part.
    """
    import datetime as dt

    from rotoscope.analytics.panel import _arrays
    from rotoscope.analytics.panel._compute import member_keyed
    from rotoscope.analytics.panel._definitions import EXTREME, RS_MA, SESSIONS, SMAS

    day = store.member_extent()[1]
    keyed = member_keyed(store, day)
    assert keyed is not None
    bench = store.value_rows(BENCHMARK, day)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        _arrays.panel_columns(*keyed, bench, SESSIONS, SMAS, EXTREME, RS_MA,
                              dt.date(day.year, 1, 1))
        best = min(best, time.perf_counter() - start)
    return best


def keyed_read(store: Any, repeat: int, arrow: bool) -> float:
    """Seconds the panel's own read of its rows takes (the best of ``repeat``).

    Nothing is computed: this is the least the panel pays to read its rows out
    of the store, as NumPy arrays or (``arrow``) an Arrow table, the panel
    choosing by the number of rows (:data:`~rotoscope.analytics.panel._compute.ARROW_ROWS`).
    """
    day = store.member_extent()[1]
    read = store.member_keyed_table if arrow else store.member_keyed_rows
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        read(day)
        best = min(best, time.perf_counter() - start)
    return best


def engine_read(store: Any, repeat: int, columns: str) -> float:
    """Seconds DuckDB takes just to hand over the input rows as Arrow (the best of ``repeat``)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        store.con.sql(f"SELECT {columns} FROM member_prices").to_arrow_table()
        best = min(best, time.perf_counter() - start)
    return best


def pandas_panel(df: Any, bench: Any) -> tuple[Any, Any]:
    """The panel as a pandas user writes it (``df`` sorted by symbol, date)."""
    import pandas as pd

    day = df["date"].max()
    year_start = pd.Timestamp(day.year, 1, 1)
    g = df.groupby("symbol")["adj_close"]
    df["ret"] = g.pct_change()
    df["sma50"] = g.rolling(50).mean().reset_index(level=0, drop=True)
    df["sma200"] = g.rolling(200).mean().reset_index(level=0, drop=True)
    df["hi252"] = g.rolling(252).max().reset_index(level=0, drop=True)
    df["lo252"] = g.rolling(252).min().reset_index(level=0, drop=True)
    for n in (1, 5, 21, 63, 252):
        df[f"ret_{n}"] = g.pct_change(n) * 100
    df["rs"] = df["adj_close"] / df["date"].map(bench.set_index("date")["adj_close"])
    r = df.groupby("symbol")["rs"]
    df["rs_sma50"] = r.rolling(50).mean().reset_index(level=0, drop=True)
    sign = np.sign(r.diff()).fillna(0)
    new_run = (sign != sign.groupby(df["symbol"]).shift()) | (sign == 0)
    run_id = new_run.cumsum()
    df["rs_streak"] = (df.groupby(run_id).cumcount() + 1) * sign

    # Breadth across symbols, one row per date.
    df["above50"] = df["adj_close"] > df["sma50"]
    df["above200"] = df["adj_close"] > df["sma200"]
    df["new_high"] = df["hi252"].notna() & (df["adj_close"] >= df["hi252"])
    df["new_low"] = df["lo252"].notna() & (df["adj_close"] <= df["lo252"])
    df["advance"] = df["ret"] > 0
    df["decline"] = df["ret"] < 0
    breadth = df.groupby("date").agg(
        members=("adj_close", "size"), above50=("above50", "sum"),
        eligible50=("sma50", "count"), above200=("above200", "sum"),
        eligible200=("sma200", "count"), advances=("advance", "sum"),
        declines=("decline", "sum"), new_highs=("new_high", "sum"), new_lows=("new_low", "sum"),
    )
    breadth["pct_above50"] = breadth["above50"] * 100 / breadth["eligible50"]
    breadth["pct_above200"] = breadth["above200"] * 100 / breadth["eligible200"]

    # Snapshot: each symbol's last row.
    snap = df.groupby("symbol").tail(1).set_index("symbol")
    snap["dist_sma50"] = (snap["adj_close"] / snap["sma50"] - 1) * 100
    snap["dist_sma200"] = (snap["adj_close"] / snap["sma200"] - 1) * 100
    snap["from_hi"] = (snap["adj_close"] / snap["hi252"] - 1) * 100
    snap["rs_dist"] = (snap["rs"] / snap["rs_sma50"] - 1) * 100
    base = df[df["date"] < year_start].groupby("symbol")["adj_close"].last()
    snap["ret_ytd"] = (snap["adj_close"] / base - 1) * 100
    return snap.reset_index(), breadth.reset_index()


def run_pandas(folder: Path, repeat: int) -> tuple[float, Any, Any]:
    import pandas as pd

    members = pd.read_parquet(folder / "members.parquet")
    bench = pd.read_parquet(folder / "bench.parquet")
    for frame in (members, bench):  # Parquet dates arrive as Python objects
        frame["date"] = pd.to_datetime(frame["date"])
    best, out = float("inf"), None
    for _ in range(repeat):
        df = members.copy()  # pandas_panel adds columns; every run starts clean
        start = time.perf_counter()
        out = pandas_panel(df, bench)
        best = min(best, time.perf_counter() - start)
        del df
    assert out is not None
    return best, *out


def worker(engine: str, folder: Path, repeat: int) -> None:
    store = None
    if engine == "pandas":
        seconds, snap, breadth = run_pandas(folder, repeat)
    else:
        store = load_duckdb(folder)
        seconds, snap, breadth = run_rotoscope(store, repeat,
                                               "windows" if engine == "windows" else "auto")
    snap = snap.sort_values("symbol").reset_index(drop=True)
    breadth = breadth.sort_values("date").reset_index(drop=True)
    snap.to_parquet(folder / f"{engine}-snapshot.parquet")
    breadth.to_parquet(folder / f"{engine}-breadth.parquet")
    peak = peak_rss()  # before the reads below, which hold their own copy of the rows
    keyed = arrow = text = kernel = float("nan")
    if engine == "rotoscope":
        keyed = keyed_read(store, repeat, arrow=False)
        arrow = keyed_read(store, repeat, arrow=True)
        text = engine_read(store, repeat, "symbol, date, adj_close")
        kernel = kernel_only(store, repeat)
    print(json.dumps({"seconds": seconds, "peak_bytes": peak, "read_seconds": keyed,
                      "arrow_read_seconds": arrow, "text_read_seconds": text,
                      "kernel_seconds": kernel}))


def peak_rss() -> int:
    """This process's peak resident set in bytes.

    ``VmHWM`` from /proc, which starts afresh at exec; ``ru_maxrss`` would carry
    the parent's peak over into the worker (Linux keeps it across exec).
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# --- the driver ---------------------------------------------------------------------


def spawn(engine: str, folder: Path, repeat: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", engine, "--folder", str(folder),
         "--repeat", str(repeat)],
        check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def compare(folder: Path, one: str, other: str) -> str:
    """Compare two workers' outputs; return a short verdict."""
    import pandas as pd

    a = pd.read_parquet(folder / f"{one}-snapshot.parquet")
    b = pd.read_parquet(folder / f"{other}-snapshot.parquet")
    worst = 0.0
    for col in ("ret_1", "ret_252", "ret_ytd", "sma50", "sma200", "dist_sma200", "hi252",
                "from_hi", "rs_sma50", "rs_dist", "rs_streak"):
        x = a[col].to_numpy(dtype=float)
        y = b[col].to_numpy(dtype=float)
        if not np.array_equal(np.isnan(x), np.isnan(y)):
            return f"DIFFER from {other} on snapshot column {col} (nulls)"
        ok = ~np.isnan(x)
        worst = max(worst, float(np.max(np.abs(x[ok] - y[ok]) / np.maximum(1.0, np.abs(y[ok])),
                                        initial=0.0)))
    ba = pd.read_parquet(folder / f"{one}-breadth.parquet")
    bb = pd.read_parquet(folder / f"{other}-breadth.parquet")
    for col in ("members", "above50", "eligible50", "above200", "eligible200", "advances",
                "declines", "new_highs", "new_lows"):
        if not np.array_equal(ba[col].to_numpy(dtype=float), bb[col].to_numpy(dtype=float)):
            diff = int(np.sum(ba[col].to_numpy() != bb[col].to_numpy()))
            return f"DIFFER from {other} on breadth column {col} ({diff} dates)"
    return f"{other} agrees ({worst:.0e})"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--symbols", type=int, default=5000,
                        help="N, symbols of the largest run (default 5000)")
    parser.add_argument("--sessions", type=int, default=6300,
                        help="T, sessions per symbol (default 6300, about 25 years)")
    parser.add_argument("--scaling", default="500,2000",
                        help="smaller N to run first, comma-separated (empty for none)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs per worker; the best is kept (default 2)")
    parser.add_argument("--seed", type=int, default=2026,
                        help="seed of the synthetic universe (default 2026)")
    parser.add_argument("--no-windows", action="store_true",
                        help="skip timing the window expressions on DuckDB")
    parser.add_argument("--no-pandas", action="store_true",
                        help="skip pandas, which needs about 400 bytes a row (for N beyond "
                             "what memory allows it; the speed-up is then not measured)")
    parser.add_argument("--worker", choices=("rotoscope", "windows", "pandas"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.folder, args.repeat)
        return

    from rotoscope.analytics.synthetic import synthetic_panel

    sizes = sorted({int(s) for s in args.scaling.split(",") if s.strip()} | {args.symbols})
    bandwidth = copy_bandwidth()
    print(f"copy bandwidth {bandwidth / 1e9:.1f} GB/s (read + write), "
          f"{args.sessions} sessions, seed {args.seed}, best of {args.repeat}")
    print(f"{'N':>6} {'rows':>11} {'rotoscope s':>12} {'windows s':>10} {'pandas s':>9} "
          f"{'speedup':>8} "
          f"{'Mrows/s':>8} {'peak GiB':>9} {'pandas GiB':>10} {'floor s':>8} "
          f"{'floor x':>8} {'read s':>7} {'read x':>7} {'kernel s':>9} {'kernel x':>9} "
          f"{'arrow read s':>13} {'text read s':>12}  results")
    rows: list[dict[str, float]] = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            synth = synthetic_panel(n, args.sessions, seed=args.seed)
            import pyarrow.parquet as pq

            pq.write_table(synth.members, folder / "members.parquet")
            pq.write_table(synth.benchmark, folder / "bench.parquet")
            mine = spawn("rotoscope", folder, args.repeat)
            theirs = {"seconds": float("nan"), "peak_bytes": float("nan")}
            verdicts = []
            if not args.no_pandas:
                theirs = spawn("pandas", folder, args.repeat)
                verdicts.append(compare(folder, "rotoscope", "pandas"))
            windows = float("nan")
            if not args.no_windows:
                windows = spawn("windows", folder, args.repeat)["seconds"]
                verdicts.append(compare(folder, "rotoscope", "windows"))
            verdict = "; ".join(verdicts) or "not compared"
        floor = (synth.rows * BYTES_PER_ROW) / bandwidth
        row = {"n": n, "rows": synth.rows, "mine": mine["seconds"], "theirs": theirs["seconds"],
               "peak": mine["peak_bytes"] / 2**30, "their_peak": theirs["peak_bytes"] / 2**30,
               "floor": floor}
        rows.append(row)
        print(f"{n:>6} {synth.rows:>11,} {row['mine']:>12.2f} {windows:>10.2f} "
              f"{row['theirs']:>9.2f} "
              f"{row['theirs'] / row['mine']:>7.1f}x {synth.rows / row['mine'] / 1e6:>8.1f} "
              f"{row['peak']:>9.2f} {row['their_peak']:>10.2f} {floor:>8.3f} "
              f"{row['mine'] / floor:>8.1f} {mine['read_seconds']:>7.2f} "
              f"{mine['read_seconds'] / floor:>7.1f} {mine['kernel_seconds']:>9.2f} "
              f"{mine['kernel_seconds'] / floor:>9.1f} {mine['arrow_read_seconds']:>13.2f} "
              f"{mine['text_read_seconds']:>12.2f}  "
              f"{verdict}", flush=True)
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        growth = (b["mine"] / a["mine"]) / (b["rows"] / a["rows"])
        print(f"growth N={a['n']:.0f}->{b['n']:.0f}: time x{b['mine'] / a['mine']:.1f} for rows "
              f"x{b['rows'] / a['rows']:.1f} (1.0 = linear; {growth:.2f})")
    last = rows[-1]
    speedup = last["theirs"] / last["mine"]
    ratio = last["mine"] / last["floor"]
    for name, ok, text in (
        ("speedup", speedup >= TARGET_SPEEDUP, f">= {TARGET_SPEEDUP:.0f}x pandas"),
        ("peak memory", last["peak"] < TARGET_PEAK_GIB, f"< {TARGET_PEAK_GIB:.0f} GiB"),
        ("bandwidth floor", ratio <= TARGET_FLOOR_RATIO, f"within {TARGET_FLOOR_RATIO:.0f}x"),
    ):
        verdict = "not measured" if np.isnan(speedup) and name == "speedup" else (
            "met" if ok else "MISSED")
        print(f"target {name} {text}: {verdict}")
    print(f"panel N={last['n']:.0f} T={args.sessions} rotoscope_s={last['mine']:.2f} "
          f"pandas_s={last['theirs']:.2f} speedup={speedup:.1f}x peak_gib={last['peak']:.2f} "
          f"floor_ratio={ratio:.1f}")


if __name__ == "__main__":
    main()
