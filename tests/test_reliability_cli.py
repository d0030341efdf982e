"""Reliability of the command line: one clear line for every bad input, markup never read.

Malformed files are made from copies of the mirror; every command runs as the
installed console script in a subprocess (except Ctrl-C, simulated in process).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rotoscope._api
from rotoscope import cli

ROTOSCOPE = Path(sys.executable).parent / "rotoscope"


def run(*args: str, home: Path, data: Path | None = None,
        stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ROTOSCOPE_HOME": str(home)}
    if data is not None:
        env["ROTOSCOPE_DATA_DIR"] = str(data)
    return subprocess.run([str(ROTOSCOPE), *args], capture_output=True, text=True,
                          check=False, env=env, input=stdin)


def one_error_line(r: subprocess.CompletedProcess[str]) -> str:
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.parametrize("value", ["[/x]", "[bold red]x", "[link=file:///etc]y[/link]"])
def test_markup_in_a_mirror_value_is_printed_as_is(small_mirror: Path, tmp_path: Path,
                                                   value: str) -> None:
    spy = small_mirror / "prices" / "SPY.csv"
    lines = spy.read_text().splitlines()
    fields = lines[9].split(",")
    fields[4] = value  # the close of line 10
    lines[9] = ",".join(fields)
    spy.write_text("\n".join(lines) + "\n")
    r = run("init", home=tmp_path / "home", data=small_mirror)
    line = one_error_line(r)
    assert line == (f"error: {spy}, line 10, column 'close': '{value}' is not a number")


def test_check_table_shows_markup_in_a_claim(store_path: Path, tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text("Published February 9, 2026. The S&P 500 [/x] rose 0.47% on the day.\n")
    r = run("check", str(text), home=store_path.parent)
    assert r.returncode == 0, r.stderr
    # the claim is quoted whole in the table; _GSPC.csv: 6964.819824 / 6932.299805 - 1
    # = +0.4691 %, printed to four significant digits
    assert "The S&P 500 [/x] rose 0.47%" in r.stdout
    assert "0.4691" in r.stdout


def test_check_of_a_directory_says_so(store_path: Path, tmp_path: Path) -> None:
    line = one_error_line(run("check", str(tmp_path), home=store_path.parent))
    assert line == (f"error: {tmp_path} is a directory: give a text file, or '-' to read "
                    "standard input")


def test_check_html_into_a_missing_folder(store_path: Path, tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text("The S&P 500 rose 0.47% on February 9, 2026.\n")
    out = tmp_path / "missing" / "check.html"
    line = one_error_line(run("check", str(text), "--html", str(out), home=store_path.parent))
    assert line == (f"error: --html {out}: the folder {out.parent} does not exist; "
                    "create it first")
    assert not out.parent.exists()


def test_report_out_onto_a_directory(store_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "reports"
    target.mkdir()
    line = one_error_line(run("report", "--out", str(target), home=store_path.parent))
    assert line.startswith(f"error: --out {target} is a directory: give a file name")
    assert list(target.iterdir()) == []  # no temporary file left
    assert not list(tmp_path.glob(".*.tmp"))


def test_facts_of_an_unknown_kind_lists_the_kinds(store_path: Path) -> None:
    line = one_error_line(run("facts", "--kind", "nonsense", "--as-of", "2026-02-09",
                              home=store_path.parent))
    assert line.startswith("error: --kind 'nonsense' matches no fact on 2026-02-09; the "
                           "kinds are ")
    for kind in ("return", "spread", "streak", "tech"):
        assert kind in line


def test_ctrl_c_during_init_prints_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    # the command imports the library when it runs: replace the library's function
    monkeypatch.setattr(rotoscope._api, "init_store", interrupted)
    result = CliRunner().invoke(cli.app, ["init"])
    assert result.exit_code == 130
    assert result.output.strip() == ("interrupted: the build stopped and the store was left "
                                     "as it was")


def test_a_universe_error_keeps_its_ending(store_path: Path, tmp_path: Path) -> None:
    from rotoscope.universe import load_universe

    shipped = load_universe().path.read_text()
    assert 'us_large_etf = "SPY"' in shipped
    bad = tmp_path / "universe.toml"
    bad.write_text(shipped.replace('us_large_etf = "SPY"', 'us_large_etf = "NOPE"'))
    line = one_error_line(run("facts", "--universe", str(bad), home=store_path.parent))
    assert line == (f"error: {bad}: key 'benchmarks.us_large_etf': 'NOPE' is not in "
                    "[series]")
