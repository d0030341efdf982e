"""Reliability of the store: malformed mirror files are refused or read whole, never cut.

Every malformed file here is made by the test from a copy of the real mirror; the
expected rows are counted from the mirror's own text, not by the code under test.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest

from rotoscope import init_store
from rotoscope.exceptions import MirrorFormatError, StoreBusyError, StoreError
from rotoscope.store import _build
from rotoscope.store._build import build_lock, read_fingerprint
from rotoscope.store._mirror import MirrorFile, parse_file
from rotoscope.store._store import Store

FRENCH = "F-F_Research_Data_Factors_daily.csv.gz"


def _french_lines(mirror: Path) -> list[str]:
    return gzip.decompress((mirror / "french" / FRENCH).read_bytes()).decode().splitlines()


def _write_french(root: Path, lines: list[str]) -> MirrorFile:
    path = root / "french" / FRENCH
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    return MirrorFile(path, f"french/{FRENCH}", "factors")


def _dated_rows(lines: list[str]) -> int:
    """Count the daily rows of a French file independently: lines starting YYYY-MM-DD."""
    return sum(1 for line in lines if re.match(r"\d{4}-\d{2}-\d{2},", line))


def _store_rows(store: Path, sql: str) -> Any:
    con = duckdb.connect(str(store), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# ----------------------------------------------------------------- French files
def test_french_file_is_read_whole(small_mirror: Path, mirror: Path) -> None:
    lines = _french_lines(mirror)
    # grep -cE '^[0-9]{4}-[0-9]{2}-[0-9]{2},' on the file: 26,233 dated lines, lines 6..26,238
    expected = _dated_rows(lines)
    assert expected == 26233
    parsed = parse_file(_write_french(small_mirror, lines))
    assert parsed.rows == expected
    assert parsed.first_date == dt.date(1926, 7, 1)
    assert parsed.last_date == dt.date(2026, 4, 30)  # the file's last dated line


def test_french_blank_line_inside_the_data_is_refused(small_mirror: Path, mirror: Path) -> None:
    lines = _french_lines(mirror)
    # line 13,000 of the file (index 12,999) is "1973-10-25, 0.15, ..."; a blank line
    # put there would have ended the data at 1973-10-24, about half the rows
    damaged = [*lines[:12999], "", *lines[12999:]]
    with pytest.raises(MirrorFormatError) as info:
        parse_file(_write_french(small_mirror, damaged))
    assert info.value.line == 13000
    assert "blank line inside the daily data" in info.value.reason
    assert "line 13001" in info.value.reason  # where the dated rows go on


def test_french_bad_date_inside_the_data_is_refused(small_mirror: Path, mirror: Path) -> None:
    lines = _french_lines(mirror)
    assert lines[12999].startswith("1973-10-25,")
    damaged = list(lines)
    damaged[12999] = damaged[12999].replace("1973-10-25", "1973/10/25")
    with pytest.raises(MirrorFormatError) as info:
        parse_file(_write_french(small_mirror, damaged))
    assert (info.value.line, info.value.column) == (13000, "Date")
    assert "'1973/10/25' is not a date" in info.value.reason


def test_french_second_section_after_a_header_is_allowed(small_mirror: Path,
                                                         mirror: Path) -> None:
    lines = _french_lines(mirror)
    expected = _dated_rows(lines)
    # a further section (its own title and header) after the daily one is not read
    extra = ["", " Equal weighted", "Date,Mkt-RF,SMB,HML,RF", "2001-01-02, 1.00, 2.00, 3.00, 0.01"]
    parsed = parse_file(_write_french(small_mirror, lines + extra))
    assert parsed.rows == expected


# ----------------------------------------------------------------- price files
def _spy(small_mirror: Path) -> tuple[MirrorFile, list[str]]:
    path = small_mirror / "prices" / "SPY.csv"
    return MirrorFile(path, "prices/SPY.csv", "prices"), path.read_text().splitlines()


def test_short_price_row_is_refused_with_its_line(small_mirror: Path) -> None:
    mf, lines = _spy(small_mirror)
    assert lines[499] == "1995-01-19,46.828125,46.875,46.6875,46.71875,26.985342,139100"
    lines[499] = "1995-01-19,46.828125,46.875"  # 3 fields of 7
    mf.path.write_text("\n".join(lines) + "\n")
    with pytest.raises(MirrorFormatError) as info:
        parse_file(mf)
    assert info.value.line == 500
    assert info.value.reason == "has 3 fields, the header has 7"


def test_short_row_in_a_quoted_file_is_refused(small_mirror: Path) -> None:
    path = small_mirror / "breadth" / "sp500_components_heliar-k.csv"
    lines = path.read_text().splitlines()
    header = lines[0].split(",")
    lines[5] = '"' + lines[5].split(",")[0] + '"'  # one quoted field only
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(MirrorFormatError) as info:
        parse_file(MirrorFile(path, "breadth/sp500_components_heliar-k.csv", "members"))
    assert info.value.line == 6
    assert info.value.reason == f"has 1 fields, the header has {len(header)}"


def test_header_only_price_file_is_refused_and_the_store_kept(small_mirror: Path,
                                                              tmp_path: Path) -> None:
    store = tmp_path / "home" / "rotoscope.duckdb"
    init_store(small_mirror, store=store)
    before = _store_rows(store, "SELECT count(*) FROM prices WHERE symbol = 'SPY'")
    mf, lines = _spy(small_mirror)
    assert before == [(len(lines) - 1,)]  # every data row of SPY.csv
    mf.path.write_text(lines[0] + "\n")
    with pytest.raises(MirrorFormatError) as info:
        init_store(small_mirror, store=store)
    assert info.value.line == 2
    assert "header but no data rows" in info.value.reason
    assert _store_rows(store, "SELECT count(*) FROM prices WHERE symbol = 'SPY'") == before


def test_cr_only_line_ends_and_a_bom_read_the_same_rows(small_mirror: Path) -> None:
    mf, _ = _spy(small_mirror)
    good = parse_file(mf).frame
    raw = mf.path.read_bytes()
    assert b"\r" not in raw
    for damaged in (raw.replace(b"\n", b"\r"), raw.replace(b"\n", b"\r\n"),
                    b"\xef\xbb\xbf" + raw):
        mf.path.write_bytes(damaged)
        assert parse_file(mf).frame.equals(good)
    # the French reader too
    french = small_mirror / "french" / FRENCH
    mff = MirrorFile(french, f"french/{FRENCH}", "factors")
    good_f = parse_file(mff).frame
    text = gzip.decompress(french.read_bytes())
    french.write_bytes(gzip.compress(b"\xef\xbb\xbf" + text.replace(b"\n", b"\r")))
    assert parse_file(mff).frame.equals(good_f)


@pytest.mark.parametrize(("day", "why"), [
    ("2099-01-02", "after the build's date"),
    ("1800-01-02", "before 1900-01-01"),
])
def test_dates_out_of_range_are_refused(small_mirror: Path, day: str, why: str) -> None:
    mf, lines = _spy(small_mirror)
    lines.insert(3, f"{day},1,1,1,1,1,1")  # becomes line 4
    mf.path.write_text("\n".join(lines) + "\n")
    with pytest.raises(MirrorFormatError) as info:
        parse_file(mf, latest=dt.date(2026, 11, 29))
    assert (info.value.line, info.value.column) == (4, "date")
    assert why in info.value.reason


def test_french_dates_out_of_range_are_refused(small_mirror: Path, mirror: Path) -> None:
    lines = _french_lines(mirror)
    lines[5] = lines[5].replace("1926-07-01", "1826-07-01")
    with pytest.raises(MirrorFormatError) as info:
        parse_file(_write_french(small_mirror, lines))
    assert (info.value.line, info.value.column) == (6, "Date")
    assert "before 1900-01-01" in info.value.reason


def test_a_huge_bad_value_is_cut_in_the_message(small_mirror: Path) -> None:
    mf, lines = _spy(small_mirror)
    fields = lines[9].split(",")
    fields[4] = "9" * 500_000 + "x"  # a 500,001-character close on line 10
    lines[9] = ",".join(fields)
    mf.path.write_text("\n".join(lines) + "\n")
    with pytest.raises(MirrorFormatError) as info:
        parse_file(mf)
    assert (info.value.line, info.value.column) == (10, "close")
    assert "(500,001 characters)" in str(info.value)
    assert len(str(info.value)) < 300


# ----------------------------------------------------------------- the build
def test_stale_wal_is_removed_by_the_build(small_mirror: Path, tmp_path: Path) -> None:
    store = tmp_path / "home" / "rotoscope.duckdb"
    init_store(small_mirror, store=store)
    # another program opens the store for writing and dies before a checkpoint
    subprocess.run([sys.executable, "-c", (
        "import duckdb, os, sys\n"
        "c = duckdb.connect(sys.argv[1])\n"
        "c.execute('CREATE TABLE intruder AS SELECT 1 AS x')\n"
        "os._exit(0)\n"), str(store)], check=True)
    wal = store.with_name("rotoscope.duckdb.wal")
    assert wal.is_file()
    saved = wal.read_bytes()
    result = init_store(small_mirror, store=store, force=True)
    assert not wal.exists()
    assert result.warnings
    assert "rotoscope.duckdb.wal" in result.warnings[0]
    spy_rows = len((small_mirror / "prices" / "SPY.csv").read_text().splitlines()) - 1
    st = Store(store)
    try:
        assert st.con.execute("SELECT count(*) FROM prices WHERE symbol = 'SPY'"
                              ).fetchall() == [(spy_rows,)]
    finally:
        st.close()
    # the same log put back beside the rebuilt file: a clear message, and plain
    # init (no --force) repairs it since the store no longer opens as built
    wal.write_bytes(saved)
    with pytest.raises(StoreError, match="init --force"):
        Store(store)
    assert read_fingerprint(store) is None
    assert init_store(small_mirror, store=store).changed
    assert not wal.exists()
    Store(store).close()


def test_a_second_build_is_refused_while_one_runs(small_mirror: Path, tmp_path: Path) -> None:
    store = tmp_path / "home" / "rotoscope.duckdb"
    first = init_store(small_mirror, store=store)
    (small_mirror / "prices" / "IWD.csv").unlink()  # a change the second build would write
    with build_lock(store), pytest.raises(StoreBusyError) as info:
        init_store(small_mirror, store=store)
    assert f"process {os.getpid()}" in str(info.value)
    assert read_fingerprint(store) == first.fingerprint  # nothing written
    assert init_store(small_mirror, store=store).changed  # the lock is free again


def test_provenance_json_is_in_the_fingerprint(small_mirror: Path, tmp_path: Path) -> None:
    store = tmp_path / "home" / "rotoscope.duckdb"
    first = init_store(small_mirror, store=store)
    assert not init_store(small_mirror, store=store).changed
    (small_mirror / "provenance.json").write_text(
        '{"prices/SPY.csv": {"source": "Yahoo Finance, fetched by the providers"}}')
    second = init_store(small_mirror, store=store)
    assert second.changed
    assert second.fingerprint != first.fingerprint
    assert _store_rows(store, "SELECT source FROM series WHERE symbol = 'SPY'") == [
        ("Yahoo Finance, fetched by the providers",)]


def test_abandoned_building_files_go_even_when_nothing_changes(small_mirror: Path,
                                                               tmp_path: Path) -> None:
    store = tmp_path / "home" / "rotoscope.duckdb"
    init_store(small_mirror, store=store)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process id that no longer runs
    leftovers = [store.with_name(f".rotoscope.duckdb.{gone.pid}.building"),
                 store.with_name(f".rotoscope.duckdb.{gone.pid}.building.wal")]
    for p in leftovers:
        p.write_bytes(b"partial")
    mine = store.with_name(f".rotoscope.duckdb.{os.getpid()}.building.wal")
    mine.write_bytes(b"a build of a running process")
    assert not init_store(small_mirror, store=store).changed
    assert not any(p.exists() for p in leftovers)
    assert mine.exists()  # a running process' file is left alone
    mine.unlink()


def test_ctrl_c_while_writing_leaves_the_store_intact(small_mirror: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "home" / "rotoscope.duckdb"
    first = init_store(small_mirror, store=store)
    real_insert = _build._insert

    def slow_insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
        real_insert(con, table, frame)
        if table == "prices":  # Ctrl-C arrives while DuckDB is busy
            threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()
            con.execute("SELECT count(*) FROM range(100000000000)").fetchall()

    monkeypatch.setattr(_build, "_insert", slow_insert)
    handler = signal.getsignal(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt):
        init_store(small_mirror, store=store, force=True)
    assert read_fingerprint(store) == first.fingerprint
    assert not list(store.parent.glob("*.building*"))
    assert signal.getsignal(signal.SIGINT) is handler  # put back as it was


def test_a_huge_column_name_is_cut_in_the_message(small_mirror: Path) -> None:
    mf, lines = _spy(small_mirror)
    name = "v" * 100_000
    lines[0] += f",{name},{name}"  # the same 100,000-character name twice
    mf.path.write_text("\n".join(lines) + "\n")
    with pytest.raises(MirrorFormatError) as info:
        parse_file(mf)
    assert info.value.line == 1
    assert info.value.reason == "column appears twice in the header"
    assert "(100,000 characters)" in str(info.value)
    assert len(str(info.value)) < 300
