"""The command line, through the installed ``rotoscope`` entry point."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROTOSCOPE = Path(sys.executable).parent / "rotoscope"


def run(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROTOSCOPE), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "ROTOSCOPE_HOME": str(home), **env},
        stdin=subprocess.DEVNULL,
    )


def test_status_json_lists_every_series_of_the_mirror(store_path: Path, mirror: Path) -> None:
    proc = run("data", "status", "--json", home=store_path.parent)
    assert proc.returncode == 0, proc.stderr
    rows = {r["symbol"]: r for r in json.loads(proc.stdout)}
    for required in ("symbol", "name", "kind", "first_date", "last_date", "rows"):
        assert all(required in r for r in rows.values())
    # Every prices file, named by its symbol ("_RUT.csv" is "^RUT").
    for path in (mirror / "prices").glob("*.csv"):
        symbol = "^" + path.stem[1:] if path.stem.startswith("_") else path.stem
        with path.open() as fh:
            data = list(csv.DictReader(fh))
        assert rows[symbol]["rows"] == len(data)
        assert rows[symbol]["first_date"] == data[0]["date"]
        assert rows[symbol]["last_date"] == data[-1]["date"]
    # Every FRED column of the macro file.
    with (mirror / "macro" / "fred_daily.csv").open() as fh:
        header = next(csv.reader(fh))
    assert set(header[1:]) <= set(rows)
    assert (rows["^GSPC"]["first_date"], rows["^GSPC"]["last_date"]) == (
        "1927-12-30", "2026-08-21")
    assert (rows["^RUT"]["first_date"], rows["^RUT"]["last_date"]) == (
        "1987-09-10", "2026-08-21")
    assert rows["IWM"]["field_last_dates"]["adj_close"] == "2026-07-31"
    assert rows["IWM"]["field_last_dates"]["close"] == "2026-08-21"
    assert rows["F-F_Research_Data_Factors_daily"]["first_date"] == "1926-07-01"
    # Each French dataset is tied to its own file, not to one whose name contains it.
    assert rows["F-F_Research_Data_Factors_daily"]["file"] == (
        "french/F-F_Research_Data_Factors_daily.csv.gz")
    assert "SimonKurono" in rows["F-F_Research_Data_Factors_daily"]["source"]
    assert rows["SP500-MEMBERS"]["last_date"] == "2026-07-31"


def test_status_table_and_check(store_path: Path) -> None:
    proc = run("data", "status", home=store_path.parent)
    assert proc.returncode == 0, proc.stderr
    assert "Russell 2000" in proc.stdout
    assert "1987-09-10" in proc.stdout
    check = run("data", "check", "--json", home=store_path.parent)
    assert check.returncode == 0, check.stderr
    report = json.loads(check.stdout)
    assert report["errors"] == 0
    assert report["warnings"] == len(report["findings"]) > 0


def test_no_store_is_a_clear_error(tmp_path: Path) -> None:
    proc = run("data", "status", home=tmp_path)
    assert proc.returncode == 2
    assert "no store at" in proc.stderr
    assert "rotoscope init" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_init_refuses_malformed_file_with_location(small_mirror: Path, tmp_path: Path) -> None:
    ok = run("init", "--data-dir", str(small_mirror), home=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "Built" in ok.stdout
    again = run("init", "--data-dir", str(small_mirror), home=tmp_path)
    assert "up to date" in again.stdout
    (small_mirror / "prices" / "BAD.csv").write_text(
        "date,open,high,low,close,adj_close,volume\n2026-01-02,1,2,0.5,oops,1.5,10\n"
    )
    bad = run("init", "--data-dir", str(small_mirror), home=tmp_path)
    assert bad.returncode == 2
    assert "BAD.csv, line 2, column 'close': 'oops' is not a number" in bad.stderr


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (("init", "--data-dir", "/nonexistent/dir"), {}, "does not exist"),
        (("init",), {"ROTOSCOPE_DATA_DIR": "/nonexistent/env"}, "ROTOSCOPE_DATA_DIR"),
    ],
)
def test_bad_data_dir(tmp_path: Path, args: tuple[str, ...], env: dict[str, str],
                      message: str) -> None:
    proc = run(*args, home=tmp_path, **env)
    assert proc.returncode == 2
    assert message in proc.stderr


def test_help_lists_commands(tmp_path: Path) -> None:
    proc = run("--help", home=tmp_path)
    assert proc.returncode == 0
    for command in ("init", "data", "fetch"):
        assert command in proc.stdout


def test_panel_screen_breadth_and_out(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "snapshot.csv"
    proc = run("panel", "--as-of", "2026-02-09", "--sort", "rs_streak", "--top", "3",
               "--out", str(out), home=store_path.parent)
    assert proc.returncode == 0, proc.stderr
    assert "S&P 500 member panel as of 2026-02-09" in proc.stdout
    # VMC beat SPY on the 9 sessions 2026-01-28..2026-02-09 (see test_panel.py): the top row.
    top = proc.stdout.split("top 3 by rs_streak")[1].split("bottom")[0]
    vmc = next(line for line in top.splitlines() if "VMC" in line)
    assert vmc.rstrip(" │").split()[-1] == "9"
    with out.open() as fh:
        rows = list(csv.DictReader(fh))
    assert {"symbol", "ret_ytd", "dist_sma200", "rs_streak"} <= set(rows[0])
    assert next(r for r in rows if r["symbol"] == "VMC")["rs_streak"] == "9"
    bad = run("panel", "--sort", "pe_ratio", home=store_path.parent)
    assert bad.returncode == 2
    assert "cannot sort by 'pe_ratio'" in bad.stderr
    assert "ret_63" in bad.stderr
