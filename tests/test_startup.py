"""What a command loads: each command, run as a fresh process, imports only what it uses.

These are properties of the import graph, not timings (``benchmarks/startup.py``
times the commands): ``--help`` loads no library module at all, the ``check``
and ``data status`` paths load neither pandas, matplotlib nor exchange_calendars
(the NYSE calendar is a table shipped in the package) nor Polars (neither
computes with frames), ``panel`` loads no other analytic, a command that
prints JSON loads no part of rich and the store's reads none of duckdb's Python
layer, and the library's heavy optional parts (Jinja for the HTML note, httpx
for a language model) load only when used.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

#: Runs the command line as ``python -m rotoscope ARGS`` would, then writes the names
#: of the loaded modules to the file named first.
RUN_AND_LIST = """
import runpy, sys
out, sys.argv = sys.argv[1], ["rotoscope", *sys.argv[2:]]
try:
    runpy.run_module("rotoscope", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code
else:
    code = 0
with open(out, "w") as fh:
    fh.write(repr(code) + "\\n" + "\\n".join(sorted(sys.modules)))
"""

#: Never needed by ``--help``, ``check`` or ``data status``.
HEAVY = ("pandas", "matplotlib", "exchange_calendars", "ibis", "jinja2", "fastapi",
         "httpx", "uvicorn", "yfinance", "sqlglot")


def loaded(tmp_path: Path, *args: str, home: Path) -> tuple[str, set[str], str]:
    """Run ``rotoscope ARGS`` in a fresh process; return its exit code, modules and stdout."""
    listing = tmp_path / "modules.txt"
    proc = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST, str(listing), *args],
        capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL,
        env={**os.environ, "ROTOSCOPE_HOME": str(home)},
    )
    assert listing.exists(), proc.stderr
    code, *modules = listing.read_text().splitlines()
    return code, set(modules), proc.stdout


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_help_loads_typer_and_rich_only(tmp_path: Path) -> None:
    code, modules, out = loaded(tmp_path, "--help", home=tmp_path)
    assert code in ("0", "None")
    assert "check" in out
    assert "report" in out
    assert "typer" in modules
    assert "rich" in top_level(modules)
    assert not top_level(modules) & {*HEAVY, "polars", "duckdb", "numpy", "pydantic"}
    ours = {m for m in modules if m.split(".")[0] == "rotoscope"}
    assert ours == {"rotoscope", "rotoscope.cli", "rotoscope._version",
                    "rotoscope.exceptions", "rotoscope._cli_files", "rotoscope._cli_options",
                    "rotoscope._cli_render", "rotoscope._cli_update", "rotoscope._cli_help",
                    "rotoscope._cli_help_screen"}
    # nor typer's help renderer, which brings rich's Markdown (markdown-it, Pygments)
    assert not modules & {"typer.rich_utils", "rich.markdown", "rich.syntax"}
    assert not top_level(modules) & {"markdown_it", "pygments"}


def test_check_loads_no_pandas_matplotlib_or_exchange_calendars(
        tmp_path: Path, store_path: Path) -> None:
    note = tmp_path / "note.txt"
    # ^RUT closed at 2,670.340088 on 2026-02-06 and 2,689.050049 on 2026-02-09
    # (prices/_RUT.csv): 2689.050049 / 2670.340088 - 1 = +0.7007%, quoted as 0.70%.
    note.write_text("February 9, 2026. The Russell 2000 rose 0.70% on Monday.\n")
    code, modules, out = loaded(tmp_path, "check", str(note), "--json",
                                home=store_path.parent)
    assert code in ("0", "None")
    doc = json.loads(out)
    assert [c["verdict"] for c in doc["claims"]] == ["confirmed"]
    assert not top_level(modules) & {*HEAVY, "polars", "pyarrow"}
    # the store reads through DuckDB's engine alone, not the package's Python layer
    assert "_duckdb" in modules
    assert "duckdb" not in modules
    # JSON needs no console, table or progress line: nothing is drawn, rich is not loaded
    assert "rich" not in top_level(modules)
    assert "rotoscope._nyse" in modules  # the calendar came from the shipped table
    # the answerer's words, the mirror's parsers and the terminal renderer are not needed
    assert not modules & {"rotoscope.language._questions", "rotoscope.language._asked",
                          "rotoscope.store._csv", "rotoscope.store._french",
                          "rotoscope.check._render", "rotoscope.analytics.engine",
                          "rotoscope.facts._frames"}


def test_data_status_loads_no_pandas_matplotlib_or_exchange_calendars(
        tmp_path: Path, store_path: Path) -> None:
    code, modules, out = loaded(tmp_path, "data", "status", "--json", home=store_path.parent)
    assert code in ("0", "None")
    assert any(row["symbol"] == "^RUT" for row in json.loads(out))
    assert not top_level(modules) & {*HEAVY, "polars", "pyarrow", "duckdb", "rich"}


def test_facts_and_the_note_load_no_frame_library(tmp_path: Path, store_path: Path) -> None:
    # The analytics compute on NumPy arrays read straight from DuckDB: neither the facts
    # nor the Markdown note (facts, words and the audit) build a frame.
    code, modules, out = loaded(tmp_path, "facts", "--json", "--as-of", "2026-02-09",
                                "--kind", "breadth", home=store_path.parent)
    assert code in ("0", "None")
    # breadth/sp500_members_adjclose_2000_2026.csv.gz, 2026-02-09: 495 members have a
    # close; against their previous closes (2026-02-06), 264 rose and 229 fell (counted
    # from the file's cells)
    counts = {f["id"].split(".")[2].split("@")[0]: f["value"] for f in json.loads(out)}
    assert (counts["members"], counts["advances"], counts["declines"]) == (495, 264, 229)
    assert not top_level(modules) & {*HEAVY, "polars", "pyarrow", "duckdb", "rich"}
    # nor numpy's masked arrays: no query hands over a NULL, no median checks for a mask
    assert not modules & {"rotoscope.analytics.panel", "numpy.ma"}
    note = tmp_path / "note.md"
    code, modules, _ = loaded(tmp_path, "report", "--format", "md", "--as-of", "2026-02-09",
                              "--out", str(note), home=store_path.parent)
    assert code in ("0", "None")
    assert note.read_text().startswith("# ")
    assert not top_level(modules) & {"pandas", "matplotlib", "ibis", "jinja2", "polars",
                                     "pyarrow", "duckdb"}
    assert "numpy.ma" not in modules


def test_panel_loads_no_other_analytic(tmp_path: Path, store_path: Path) -> None:
    code, modules, out = loaded(tmp_path, "panel", "--json", home=store_path.parent)
    assert code in ("0", "None")
    doc = json.loads(out)
    # breadth/sp500_members_adjclose_2000_2026.csv.gz: its last row is 2026-07-31, with a
    # close for 497 members; against the row of 2026-07-30, 221 of them rose and 275 fell
    # (counted from the file's cells, members with both closes).
    assert doc["as_of"] == "2026-07-31"
    assert sum(m["date"] == "2026-07-31" for m in doc["members"]) == 497
    assert (doc["breadth"]["advances"], doc["breadth"]["declines"]) == (221, 275)
    ours = {m for m in modules if m.startswith("rotoscope.")}
    assert not ours & {"rotoscope.facts", "rotoscope.analytics._common",
                       "rotoscope.analytics.returns", "rotoscope.analytics.engine",
                       "rotoscope.language", "rotoscope.check"}
    # the dense path reads the store with fetchnumpy: no Arrow, no relational API
    assert not top_level(modules) & {"pandas", "ibis", "jinja2", "matplotlib", "pyarrow",
                                     "duckdb", "rich"}


def test_relational_reads_load_what_they_use(store_path: Path) -> None:
    # The store opens DuckDB's engine alone; a read that needs the relational API (a
    # Polars frame, an Arrow table) loads duckdb's Python layer itself, in a fresh
    # process where nothing else has. prices/_RUT.csv: ^RUT closed at 2,670.340088 on
    # 2026-02-06; breadth/sp500_members_adjclose_2000_2026.csv.gz has 495 members with
    # a close on 2026-02-09.
    script = f"""
import datetime as dt, sys
from pathlib import Path
from rotoscope.store import Store
store = Store(Path({str(store_path)!r}))
days, values = store.value_rows("^RUT", dt.date(2026, 2, 6), "close")
plain = "duckdb" in sys.modules
frame = store.frame("SELECT close FROM prices WHERE symbol = ? AND date = ?",
                    ["^RUT", dt.date(2026, 2, 6)])
names, table = store.member_keyed_table(dt.date(2026, 2, 9), dt.date(2026, 2, 9))
print(plain, round(float(values[-1]), 6), frame["close"].to_list(), table.num_rows)
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.split() == ["False", "2670.340088", "[2670.340088]", "495"]


@pytest.mark.parametrize(("statement", "absent"), [
    ("import rotoscope.cli", {"polars", "numpy", "duckdb", "pydantic", "rich"}),
    ("import rotoscope.store", {"polars"}),
    ("import rotoscope.check", {"polars", "pyarrow", "jinja2"}),
    ("import rotoscope.report", {"jinja2"}),
    ("import rotoscope.ask", {"httpx"}),
    ("import rotoscope.analytics.panel", {"pydantic", "polars", "pyarrow"}),
])
def test_import_does_not_load(statement: str, absent: set[str]) -> None:
    script = f"import sys; {statement}; print(sorted({{m.split('.')[0] for m in sys.modules}}))"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    found = set(json.loads(proc.stdout.replace("'", '"')))
    assert "rotoscope" in found
    assert not found & absent


@pytest.mark.parametrize(("package", "name", "module"), [
    ("rotoscope.facts", "facts_frame", "rotoscope.facts._frames"),
    ("rotoscope.facts", "html_table", "rotoscope.facts._frames"),
    ("rotoscope.analytics", "PointInTime", "rotoscope.analytics._pit"),
    ("rotoscope.analytics", "window_return", "rotoscope.analytics.returns"),
    ("rotoscope.language", "split_parts", "rotoscope.language._asked"),
    ("rotoscope.language", "FORECAST_QUESTION", "rotoscope.language._questions"),
])
def test_lazy_names_load_their_module(package: str, name: str, module: str) -> None:
    script = (f"import sys, {package} as p; before = {module!r} in sys.modules; "
              f"obj = p.{name}; import {module} as m; "
              f"print(before, {module!r} in sys.modules, obj is m.{name}, "
              f"{name!r} in dir(p))")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.split() == ["False", "True", "True", "True"]


@pytest.mark.parametrize("package", ["rotoscope.facts", "rotoscope.analytics",
                                     "rotoscope.language"])
def test_unknown_name_is_an_attribute_error(package: str) -> None:
    module = __import__(package, fromlist=["x"])
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = module.no_such_name


@pytest.mark.parametrize("name", ["Rotoscope", "FactSet", "UnknownSymbolError", "open"])
def test_public_names_load_on_first_use(tmp_path: Path, name: str) -> None:
    script = (f"import sys, rotoscope; before = set(sys.modules); obj = rotoscope.{name}; "
              "print(sorted(m for m in set(sys.modules) - before if m.startswith('rotoscope'))); "
              f"print(obj is getattr(__import__(obj.__module__, fromlist=['x']), "
              f"obj.__name__))")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    first, second = proc.stdout.splitlines()
    assert first != "[]"  # the defining module was loaded by the attribute access
    assert second == "True"
    bare = subprocess.run([sys.executable, "-c", "import sys, rotoscope; print(sorted(m for m in "
                           "sys.modules if m.startswith('rotoscope')))"],
                          capture_output=True, text=True, check=True)
    assert bare.stdout.strip() == "['rotoscope', 'rotoscope._version']"
