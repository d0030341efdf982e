"""Benchmark: each command as a whole process, start-up included.

Every command runs as a fresh process (``python -m rotoscope ...``), a warm-up
run first and then --repeat counted runs, each run paired with a run of its
baseline right after it, so a machine whose speed drifts slows both alike. The
medians are printed with the median of the pairs' ratios. The baselines:

- ``python -c pass``: the interpreter alone, the least any command can take;
- for ``panel``, a plain Polars script over the same store: read the S&P 500
  members' adjusted closes from DuckDB into Polars and compute each member's
  21-session return and distance from its 200-session average and the day's
  share above that average (what one screen of the panel needs, with no
  library around it).

``import typer, rich`` is printed too: what the command line's own toolkit
costs before rotoscope does anything; and ``libraries``, what every command
that reads the store imports and does before any work of its own: typer,
NumPy, pydantic's models and DuckDB's engine, with a database opened (in
memory). A command's time above that row is rotoscope's own.

Where ``PYTHONDONTWRITEBYTECODE`` is set and the sources have no
``__pycache__`` (a source checkout run in place), every process compiles
rotoscope's modules anew, as an installed package (whose modules pip compiles
once) never does; the first line says which. ``--bytecode`` times the
installed case: the modules are compiled once into a temporary cache
(``PYTHONPYCACHEPREFIX``) before the runs. The targets of the start-up work are
printed beside the commands they apply to; they are goals to read, not limits
that fail the run.

The store is built from the mirror into a temporary directory first (untimed),
so every command reads the same store. ``check`` reads a 2,000-word note: the
example note of 2026-02-10 followed by the start of the one of 2026-01-24, as
in ``benchmarks/check.py``, checked as of 2026-02-10.

Usage: python benchmarks/startup.py [--data-dir DIR] [--repeat N] [--only NAME,...] [--bytecode]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import rotoscope
from rotoscope.config import default_data_dir

WORDS = 2000

#: What a command that reads the store cannot do without, as rotoscope loads it
#: (``rotoscope/store/_engine.py``: DuckDB's engine module, else the package).
LIBRARIES = """
import typer, numpy
from pydantic import BaseModel
try:
    import _duckdb as engine
except ImportError:
    import duckdb as engine
engine.connect(":memory:").close()
"""

#: Targets of the start-up work, in seconds of whole-process wall time.
TARGETS = {"--help": 0.2, "check": 0.6, "facts": 0.8, "report": 1.5}

PLAIN_PANEL = """
import sys
import duckdb
import polars as pl
con = duckdb.connect(sys.argv[1], read_only=True)
frame = con.sql("SELECT symbol, date, adj_close FROM member_prices").pl()
last = frame["date"].max()
snap = (frame.sort("symbol", "date")
        .with_columns(ret_21=(pl.col("adj_close") / pl.col("adj_close").shift(21) - 1)
                      .over("symbol") * 100,
                      sma200=pl.col("adj_close").rolling_mean(200).over("symbol"))
        .filter(pl.col("date") == last)
        .with_columns(dist_sma200=(pl.col("adj_close") / pl.col("sma200") - 1) * 100))
above = (snap["dist_sma200"] > 0).mean()
print(last, snap.height, above)
print(snap.sort("ret_21", descending=True, nulls_last=True).head(10))
"""


def run_once(argv: list[str], env: dict[str, str]) -> float:
    """Return the wall time of ``argv`` run as a fresh process.

    Raises
    ------
    SystemExit
        When the command fails (its standard error is printed).
    """
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.stderr.write(done.stderr.decode(errors="replace"))
        raise SystemExit(f"{' '.join(argv)} failed with status {done.returncode}")
    return elapsed


def paired(argv: list[str], base: list[str], env: dict[str, str],
           repeat: int) -> tuple[float, float, float]:
    """Time ``argv`` and ``base`` in turn, after one warm-up run of each.

    Returns
    -------
    tuple of float
        The median seconds of ``argv``, of ``base``, and the median of the
        ratios ``argv / base`` pair by pair.
    """
    run_once(argv, env)
    run_once(base, env)
    pairs = [(run_once(argv, env), run_once(base, env)) for _ in range(repeat)]
    return (statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs),
            statistics.median(a / b for a, b in pairs))


def note_text(data_dir: Path) -> str:
    """Return the 2,000-word note ``benchmarks/check.py`` checks."""
    reports = data_dir.parent / "example-reports"
    text = ((reports / "2026-02-10-value-rotation-and-small-cap-leadership.txt").read_text()
            + "\n\n" + (reports / "2026-01-24-small-cap-resurgence.txt").read_text())
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    return text[:ends[WORDS - 1]] if len(ends) > WORDS else text


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data-dir", default=os.environ.get("ROTOSCOPE_DATA_DIR"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default="", help="Comma-separated command names to time.")
    parser.add_argument("--bytecode", action="store_true",
                        help="Compile the modules once into a temporary cache before the runs.")
    args = parser.parse_args()
    data_dir = default_data_dir(args.data_dir)
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        store = rotoscope.init_store(data_dir, store=home / "rotoscope.duckdb").path
        note = home / "note.txt"
        note.write_text(note_text(data_dir), encoding="utf-8")
        plain = home / "plain_panel.py"
        plain.write_text(PLAIN_PANEL, encoding="utf-8")
        env = {**os.environ, "ROTOSCOPE_HOME": str(home), "ROTOSCOPE_DATA_DIR": str(data_dir),
               "COLUMNS": "120"}
        package = Path(rotoscope.__file__).parent
        if args.bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
            subprocess.run([py, "-m", "compileall", "-q", str(package)], env=env, check=True)
            print("bytecode: compiled once into a temporary cache before the runs")
        elif env.get("PYTHONDONTWRITEBYTECODE") and not (package / "__pycache__").is_dir():
            print("bytecode: none cached, so every run compiles rotoscope's modules "
                  "(--bytecode times an installed package)")
        else:
            print("bytecode: cached beside the sources or written on the first run")
        cli = [py, "-m", "rotoscope"]
        commands: dict[str, list[str]] = {
            "--help": [*cli, "--help"],
            "data status": [*cli, "data", "status", "--json"],
            "check": [*cli, "check", str(note), "--json", "--as-of", "2026-02-10"],
            "facts": [*cli, "facts", "--json"],
            "report": [*cli, "report", "--format", "md", "--out", str(home / "note.md")],
            "panel": [*cli, "panel", "--json"],
        }
        only = {n.strip() for n in args.only.split(",") if n.strip()}
        unknown = only - set(commands)
        if unknown:
            raise SystemExit(f"--only: unknown command(s) {', '.join(sorted(unknown))}; "
                             f"the commands are {', '.join(commands)}")
        floor = [py, "-c", "pass"]
        print(f"{'command':<14}{'median s':>10}{'pass s':>9}{'x pass':>9}   note")
        t, base, ratio = paired([py, "-c", "import typer, rich"], floor, env, args.repeat)
        print(f"{'typer, rich':<14}{t:>10.3f}{base:>9.3f}{ratio:>9.1f}   import typer, rich")
        t, base, ratio = paired([py, "-c", LIBRARIES], floor, env, args.repeat)
        print(f"{'libraries':<14}{t:>10.3f}{base:>9.3f}{ratio:>9.1f}   import typer, numpy, "
              "pydantic's models and DuckDB's engine; open a database")
        for name, argv in commands.items():
            if only and name not in only:
                continue
            t, base, ratio = paired(argv, floor, env, args.repeat)
            note_col = ""
            if name in TARGETS:
                goal = TARGETS[name]
                note_col = f"target {goal:.1f} s: {'met' if t <= goal else 'not met'}"
            if name == "panel":
                t_p, plain_t, plain_ratio = paired(argv, [py, str(plain), str(store)], env,
                                                   args.repeat)
                note_col = (f"{t_p:.3f} s against a plain Polars script's {plain_t:.3f} s: "
                            f"{plain_ratio:.2f}x")
            print(f"{name:<14}{t:>10.3f}{base:>9.3f}{ratio:>9.1f}   {note_col}")
        print(f"medians of {args.repeat} pairs of runs after one warm-up, each a fresh "
              "process; x pass: the median of the ratios pair by pair")


if __name__ == "__main__":
    main()
