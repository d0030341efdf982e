"""The conventions Python and command-line users expect, each checked on real values.

Expected numbers are read by hand from the data mirror's files (dates and the
arithmetic beside each), never from the code under test.
"""

from __future__ import annotations

import csv
import gzip
import inspect
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pytest
from typer.testing import CliRunner

import rotoscope
from rotoscope import exceptions
from rotoscope.cli import app

ROOT = Path(__file__).resolve().parents[1]
ROTOSCOPE = Path(sys.executable).parent / "rotoscope"
# A claim the data contradicts: ^RUT closed 3,024.37 on 2026-06-30 and 2,931.34 on
# 2026-07-31 (prices/_RUT.csv), a change of 2931.34 / 3024.37 - 1 = -3.08%, not +5.00%.
CONTRADICTED = "July 31, 2026 — The Russell 2000 rose 5.00% in July 2026.\n"
# The same month stated right (-3.08%, as above) and a 1-day move: 2931.34 / 2946.10
# - 1 = -0.50% (closes of 2026-07-30 and 2026-07-31).
CONFIRMED = ("July 31, 2026 — The Russell 2000 fell 3.08% in July 2026 and 0.50% on "
             "the day.\n")


def run(*args: str, home: Path, stdin: str | None = None,
        module: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "rotoscope"] if module else [str(ROTOSCOPE)]
    return subprocess.run([*command, *args], capture_output=True, text=True, check=False,
                          input=stdin, env={**os.environ, "ROTOSCOPE_HOME": str(home)})


def _csv_row(path: Path, day: str) -> dict[str, str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt") as fh:  # type: ignore[operator]
        return next(r for r in csv.DictReader(fh) if r["date"] == day)


# ------------------------------------------------------------------ Python side
def test_version_matches_the_project_metadata(tmp_path: Path) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert rotoscope.__version__ == version
    proc = run("--version", home=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, f"rotoscope {version}\n")


def test_python_dash_m_runs_the_same_command_line(tmp_path: Path) -> None:
    proc = run("--help", home=tmp_path, module=True)
    assert proc.returncode == 0, proc.stderr
    for command in ("init", "update", "check", "report", "ask", "panel", "serve", "data"):
        assert f" {command} " in proc.stdout
    assert "Exit status: 0" in " ".join(proc.stdout.split())


def test_every_returned_type_and_every_exception_is_importable() -> None:
    for name in exceptions.__all__:
        assert getattr(rotoscope, name) is getattr(exceptions, name)
    from rotoscope.analytics.engine import FactSet, Gap
    from rotoscope.analytics.panel import PanelResult
    from rotoscope.ask import Answer
    from rotoscope.check import CheckResult, InputTextError
    from rotoscope.report import AuditResult, Note

    for cls in (FactSet, Gap, PanelResult, Answer, CheckResult, InputTextError,
                AuditResult, Note):
        assert getattr(rotoscope, cls.__name__) is cls
        assert cls.__name__ in rotoscope.__all__
    assert issubclass(rotoscope.InputTextError, rotoscope.RotoscopeError)
    # Return annotations of the library object's methods name exported types only.
    for name, method in inspect.getmembers(rotoscope.Rotoscope, inspect.isfunction):
        if name.startswith("_"):
            continue
        returned = str(inspect.signature(method).return_annotation)
        for word in returned.replace("[", " ").replace("]", " ").replace(",", " ").split():
            # None and typing's Any (the JSON-ready dashboard dict) are not rotoscope's types
            if word[:1].isupper() and word not in ("None", "Any"):
                assert word in rotoscope.__all__ or word.startswith("pl."), (name, word)


def test_factset_as_frames_and_html(store_path: Path, mirror: Path) -> None:
    with rotoscope.open(store_path) as rs:
        fs = rs.facts("2026-07-31")
    frame = fs.to_polars()
    assert frame.height == len(fs)
    assert frame["id"].n_unique() == frame.height
    row = frame.filter(pl.col("id") == "return.^RUT.price_return.1d@2026-07-31").row(
        0, named=True)
    rut = {d: float(_csv_row(mirror / "prices" / "_RUT.csv", d)["close"])
           for d in ("2026-07-30", "2026-07-31")}
    # 2931.34 / 2946.10 - 1 = -0.5010%
    assert rut == {"2026-07-30": 2946.10, "2026-07-31": 2931.34}
    assert row["value"] == pytest.approx((2931.34 / 2946.10 - 1) * 100, abs=1e-9)
    assert (row["text"], row["unit"], row["subjects"]) == ("-0.50%", "pct", ["^RUT"])
    assert (str(row["first_date"]), str(row["last_date"])) == ("2026-07-30", "2026-07-31")
    assert row["sources"] == ["prices/_RUT.csv"]
    pandas_frame = fs.to_pandas()
    assert isinstance(pandas_frame, pd.DataFrame)
    assert list(pandas_frame.columns) == frame.columns
    assert len(pandas_frame) == frame.height
    html = fs._repr_html_()
    assert html.startswith("<div")
    assert f"{len(fs):,} facts as of 2026-07-31" in html
    assert f"{len(fs) - 20:,} more rows" in html


def test_note_renders_in_a_notebook(store_path: Path) -> None:
    with rotoscope.open(store_path) as rs:
        note, _ = rs.report("2026-07-31")
    html = note._repr_html_()
    assert html.startswith("<div class=\"rotoscope-note\">")
    assert "Research note for July 31, 2026" in html
    for stance in note.stances:
        assert f"{stance.theme}: <strong>{stance.label}</strong>" in html
    assert "<script" not in html


def test_prices_of_several_symbols_is_one_long_frame(store_path: Path, mirror: Path) -> None:
    with rotoscope.open(store_path) as rs:
        frame = rs.prices(["SPY", "iwm"], "2026-07-30", "2026-07-31")
        with pytest.raises(rotoscope.UnknownSymbolError, match="NOPE"):
            rs.prices(["SPY", "NOPE"])
        with pytest.raises(rotoscope.QueryError, match="no symbols"):
            rs.prices([])
        with pytest.raises(rotoscope.QueryError, match="as strings"):
            rs.prices(["SPY", 3])  # type: ignore[list-item]
    assert frame.columns[:2] == ["symbol", "date"]
    # prices/SPY.csv: 741.69, 747.03; prices/IWM.csv: 292.59, 291.20 (2026-07-30, -31)
    assert frame.select("symbol", "close").rows() == [
        ("SPY", 741.69), ("SPY", 747.03), ("IWM", 292.59), ("IWM", 291.2)]
    assert float(_csv_row(mirror / "prices" / "IWM.csv", "2026-07-31")["close"]) == 291.2


def test_check_result_as_frames_and_html(store_path: Path) -> None:
    with rotoscope.open(store_path) as rs:
        result = rs.check_claims(CONTRADICTED)
    frame = result.to_polars()
    assert frame.select("subject", "verdict", "claimed").rows() == [("^RUT", "contradicted", 5.0)]
    # 2931.34 / 3024.37 - 1 = -3.0760%
    assert frame["computed"][0] == pytest.approx((2931.34 / 3024.37 - 1) * 100, abs=1e-5)
    assert (str(frame["start"][0]), str(frame["end"][0])) == ("2026-06-30", "2026-07-31")
    assert len(result.to_pandas()) == 1
    html = result._repr_html_()
    assert "1 claims as of 2026-07-31" in html
    assert "1 contradicted" in html
    assert "The Russell 2000 rose 5.00%" in html


# ---------------------------------------------------------------- command line
def test_check_fail_on_gates_a_pipeline(store_path: Path) -> None:
    home = store_path.parent
    plain = run("check", "-", home=home, stdin=CONTRADICTED)
    assert plain.returncode == 0, plain.stderr
    gated = run("check", "-", "--fail-on", "contradicted", home=home, stdin=CONTRADICTED)
    assert gated.returncode == 1
    assert "check failed: 1 contradicted" in gated.stderr
    as_json = run("check", "-", "--json", "--fail-on", "contradicted", home=home,
                  stdin=CONTRADICTED)
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout)["summary"]["contradicted"] == 1
    good = run("check", "-", "--fail-on", "contradicted", "--fail-on", "approximate",
               home=home, stdin=CONFIRMED)
    assert good.returncode == 0, good.stdout
    assert "2 confirmed" in " ".join(good.stdout.split()).replace("  ", " ")
    bad = run("check", "-", "--fail-on", "wrong", home=home, stdin=CONFIRMED)
    assert bad.returncode == 2
    assert "contradicted" in bad.stderr
    assert "approximate" in bad.stderr


def test_panel_json(store_path: Path, mirror: Path) -> None:
    proc = run("panel", "--json", "--as-of", "2026-07-31", home=store_path.parent)
    assert proc.returncode == 0, proc.stderr
    payload = json.loads(proc.stdout)
    row = _csv_row(mirror / "breadth" / "sp500_members_adjclose_2000_2026.csv.gz",
                   "2026-07-31")
    with_close = {k: float(v) for k, v in row.items() if k != "date" and v.strip()}
    assert payload["as_of"] == "2026-07-31"
    # Members with an adjusted close that day, counted in the file: 497.
    assert payload["breadth"]["members"] == len(with_close) == 497
    assert payload["breadth"]["advances"] + payload["breadth"]["declines"] <= 497
    members = {m["symbol"]: m for m in payload["members"] if m["date"] == "2026-07-31"}
    assert set(members) == set(with_close)
    assert members["A"]["last"] == pytest.approx(with_close["A"]) == pytest.approx(138.37)


@pytest.mark.parametrize(("args", "choices"), [
    (("report", "--help"), "html|md|json"),
    (("panel", "--help"), "duckdb|spark"),
    (("serve", "--help"), "critical|error|warning|info|debug"),
])
def test_choices_are_listed_in_help(args: tuple[str, ...], choices: str) -> None:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert choices in result.output


def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every command of the command line with its words, groups included, depth first."""
    found = [(path, group)]
    for name, command in getattr(group, "commands", {}).items():
        found += _commands(command, (*path, name))
    return found


def shown(markup: str | None) -> str:
    """A help text as the screen shows it: rich's markup read, escapes undone."""
    from rich.text import Text

    return Text.from_markup(markup or "").plain


def test_every_help_screen_shows_every_parameter_and_command() -> None:
    # The help screens are drawn by rotoscope._cli_help_screen; every option, argument and
    # subcommand click knows of must appear, with its help text and its marks.
    import typer.main

    root = typer.main.get_command(app)
    commands = _commands(root)
    assert len(commands) == 13  # the root, its 10 commands (the group data among them), data's 2
    for words, command in commands:
        result = CliRunner().invoke(app, [*words, "--help"], env={"COLUMNS": "400"})
        assert result.exit_code == 0, (words, result.output)
        text = " ".join(result.output.split())
        assert f"Usage: rotoscope {' '.join(words)}".rstrip() in text
        assert " ".join(shown(command.help).split()[:6]) in text
        for param in command.params:
            if getattr(param, "hidden", False):
                continue
            for name in param.opts if param.param_type_name == "option" else []:
                assert name in text, (words, name)
            assert " ".join(shown(param.help).split()) in text, (words, param.name)
        for name, sub in getattr(command, "commands", {}).items():
            assert f"{name} {' '.join(shown(sub.help).split()[:4])}" in text, (words, name)


@pytest.mark.parametrize(("args", "lines"), [
    # the required argument is starred and marked, the option's choices are its type
    (("check", "--help"), ["* FILE|- <str> Text file to check, or '-' to read standard "
                           "input. [required]",
                           "--fail-on <contradicted|approximate> Exit 1 when any claim"]),
    # a default and a range follow the help text; a short name has its own column
    (("panel", "--help"), ["--top <int range> Members shown at each end. "
                           "[default: 10; x>=1]",
                           "--spark-master <str> Spark master URL for --engine spark. "
                           "[default: local[*]]"]),
    (("fetch", "--help"), ["* --provider -p <str> yahoo, fred, french or stooq. [required]"]),
    # the root's epilog, and the data group's commands
    (("--help",), ["Exit status: 0 all went well;"]),
    (("data", "--help"), ["status List every series in the store",
                          "check Report data errors and warnings"]),
])
def test_a_help_screen_reads_as_typer_drew_it(args: tuple[str, ...], lines: list[str]) -> None:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0
    text = " ".join(result.output.replace("│", " ").split())
    for line in lines:
        assert line in text


@pytest.mark.parametrize("args", [
    ("report", "--format", "pdf"), ("panel", "--engine", "pandas"),
    ("serve", "--log-level", "loud"),
])
def test_a_wrong_choice_is_a_usage_error(args: tuple[str, ...], tmp_path: Path) -> None:
    proc = run(*args, home=tmp_path)
    assert proc.returncode == 2
    assert f"'{args[-1]}'" in proc.stderr
    assert "is not one of" in proc.stderr


def test_shell_completion(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert "--install-completion" in result.output
    proc = subprocess.run(
        [str(ROTOSCOPE)], capture_output=True, text=True, check=False,
        env={**os.environ, "ROTOSCOPE_HOME": str(tmp_path),
             "_ROTOSCOPE_COMPLETE": "complete_bash", "COMP_WORDS": "rotoscope rep",
             "COMP_CWORD": "1"})
    assert proc.returncode == 0
    assert proc.stdout.split() == ["report"]


# ------------------------------------------------------------------ footprint
def test_plotly_js_is_served_without_the_plotly_package(store_path: Path) -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert not [d for d in deps if d.replace(" ", "").lower().startswith("plotly")]
    vendored = ROOT / "src" / "rotoscope" / "web" / "static" / "vendor"
    bundle = (vendored / "plotly.min.js").read_bytes()
    assert bundle.startswith(b"/**\n* plotly.js v")
    assert "MIT License" in (vendored / "LICENSE-plotly.js.txt").read_text()
    # A process in which `import plotly` fails serves the same bytes.
    script = (
        "import sys, asyncio, httpx\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'plotly':\n"
        "            raise ImportError('plotly is not installed')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import rotoscope\n"
        "from rotoscope.web import Service, create_app\n"
        f"app = create_app(Service(rotoscope.open({str(store_path)!r})))\n"
        "async def go():\n"
        "    t = httpx.ASGITransport(app=app)\n"
        "    async with httpx.AsyncClient(transport=t, base_url='http://r') as c:\n"
        "        r = await c.get('/vendor/plotly.min.js')\n"
        "        sys.stdout.buffer.write(r.content)\n"
        "asyncio.run(go())\n"
        "assert 'plotly' not in sys.modules\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == bundle
