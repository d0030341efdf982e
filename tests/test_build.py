"""Building the store: idempotent, atomic, and refusing malformed files."""

from __future__ import annotations

import gzip
import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import rotoscope
from rotoscope import init_store
from rotoscope.exceptions import MirrorFormatError, MirrorNotFoundError


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_second_init_changes_nothing(small_mirror: Path, tmp_path: Path) -> None:
    store = tmp_path / "home" / "rotoscope.duckdb"
    first = init_store(small_mirror, store=store)
    assert first.changed
    before = (_digest(store), store.stat().st_mtime_ns)
    second = init_store(small_mirror, store=store)
    assert not second.changed
    assert (_digest(store), store.stat().st_mtime_ns) == before


def test_changed_file_triggers_rebuild(small_mirror: Path, tmp_path: Path) -> None:
    store = tmp_path / "rotoscope.duckdb"
    init_store(small_mirror, store=store)
    spy = small_mirror / "prices" / "SPY.csv"
    spy.write_text(spy.read_text() + "2026-08-24,766.0,767.0,765.0,766.5,,1000\n")
    result = init_store(small_mirror, store=store)
    assert result.changed
    with rotoscope.open(store) as rs:
        assert rs.prices("SPY", "2026-08-24", "2026-08-24")["close"].to_list() == [766.5]


def test_build_records_provenance(small_mirror: Path, tmp_path: Path) -> None:
    store = tmp_path / "rotoscope.duckdb"
    init_store(small_mirror, store=store)
    with rotoscope.open(store) as rs:
        prov = {r["file"]: r for r in rs.store.provenance().iter_rows(named=True)}
    rut = prov["prices/_RUT.csv"]
    assert rut["checksum"] == _digest(small_mirror / "prices" / "_RUT.csv")
    # _RUT.csv: 9,811 rows, 1987-09-10..2026-08-21 (PROVENANCE.md per-symbol table).
    assert rut["rows"] == 9811
    assert (str(rut["first_date"]), str(rut["last_date"])) == ("1987-09-10", "2026-08-21")
    assert rut["loaded_at"] is not None
    assert "French" in prov["french/F-F_Research_Data_Factors_daily.csv.gz"]["source"]


_KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from rotoscope import init_store

    def tick(description, done, total):
        if done == int(sys.argv[3]):
            os.kill(os.getpid(), signal.SIGKILL)

    init_store(sys.argv[1], store=sys.argv[2], force=True, progress=tick)
    """
)


@pytest.mark.parametrize("kill_at", [1, 4])
def test_killed_init_leaves_previous_store_usable(
    small_mirror: Path, tmp_path: Path, kill_at: int
) -> None:
    store = tmp_path / "rotoscope.duckdb"
    init_store(small_mirror, store=store)
    before = _digest(store)
    # Change the mirror so the killed run would have written something different.
    spy = small_mirror / "prices" / "SPY.csv"
    spy.write_text(spy.read_text() + "2026-08-24,766.0,767.0,765.0,766.5,,1000\n")
    proc = subprocess.run(
        [sys.executable, "-c", _KILLER, str(small_mirror), str(store), str(kill_at)],
        capture_output=True,
        check=False,
        env={**os.environ},
    )
    assert proc.returncode == -signal.SIGKILL
    assert _digest(store) == before
    with rotoscope.open(store) as rs:
        assert rs.prices("SPY", "2026-08-21", "2026-08-21")["close"].to_list() == [765.62]
    # The next init finishes the job and removes what the killed one left.
    assert init_store(small_mirror, store=store).changed
    assert list(tmp_path.glob(".rotoscope.duckdb.*")) == []


def test_kill_while_writing_the_database(
    small_mirror: Path, mirror: Path, tmp_path: Path
) -> None:
    # Build a small store, then rebuild from the whole mirror and SIGKILL the process
    # as soon as its temporary database file appears, i.e. while it is writing.
    store = tmp_path / "rotoscope.duckdb"
    init_store(small_mirror, store=store)
    before = _digest(store)
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLER, str(mirror), str(store), "-1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while proc.poll() is None and not list(tmp_path.glob(".rotoscope.duckdb.*.building")):
            time.sleep(0.005)
        assert proc.poll() is None, "the build finished before it could be interrupted"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert _digest(store) == before
    with rotoscope.open(store) as rs:
        assert rs.prices("SPY", "2026-08-21", "2026-08-21")["close"].to_list() == [765.62]


BAD_PRICES = {
    "missing column": (
        "date,open,high,low,close,volume\n2026-01-02,1,2,0.5,1.5,10\n",
        1, "adj_close", "required column is missing",
    ),
    "bad date": (
        "date,open,high,low,close,adj_close,volume\n2026-01-02,1,2,0.5,1.5,1.5,10\n"
        "2026-13-05,1,2,0.5,1.5,1.5,10\n",
        3, "date", "is not a date",
    ),
    "bad number": (
        "date,open,high,low,close,adj_close,volume\n2026-01-02,1,2,0.5,1.5,1.5,10\n"
        "2026-01-05,1,2,0.5,1.5x,1.5,10\n",
        3, "close", "'1.5x' is not a number",
    ),
    "ragged row": (
        "date,open,high,low,close,adj_close,volume\n2026-01-02,1,2,0.5,1.5,1.5,10\n"
        "2026-01-05,1,2,0.5,1.5,1.5,10,99\n",
        3, None, "has 8 fields, the header has 7",
    ),
    "conflicting duplicate": (
        "date,open,high,low,close,adj_close,volume\n2026-01-02,1,2,0.5,1.5,1.5,10\n"
        "2026-01-02,1,2,0.5,1.6,1.6,10\n",
        3, "date", "duplicate 2026-01-02",
    ),
    "empty file": ("", 1, None, "file is empty"),
    "infinite value": (
        "date,open,high,low,close,adj_close,volume\n2026-01-02,1,2,0.5,inf,1.5,10\n",
        2, "close", "is not a number",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PRICES))
def test_malformed_price_file_is_refused_and_store_kept(
    small_mirror: Path, tmp_path: Path, case: str
) -> None:
    store = tmp_path / "rotoscope.duckdb"
    init_store(small_mirror, store=store)
    before = _digest(store)
    text, line, column, reason = BAD_PRICES[case]
    (small_mirror / "prices" / "BAD.csv").write_text(text)
    with pytest.raises(MirrorFormatError) as info:
        init_store(small_mirror, store=store)
    err = info.value
    assert err.file.endswith("prices/BAD.csv")
    assert err.line == line
    assert err.column == column
    assert reason in str(err)
    assert _digest(store) == before


def test_exact_duplicate_rows_are_collapsed(small_mirror: Path, tmp_path: Path) -> None:
    row = "2026-01-02,1,2,0.5,1.5,1.5,10\n"
    (small_mirror / "prices" / "DUP.csv").write_text(
        "date,open,high,low,close,adj_close,volume\n" + row + row
    )
    result = init_store(small_mirror, store=tmp_path / "s.duckdb")
    assert any("DUP.csv: 1 exact duplicate" in n for n in result.notes)
    assert result.duplicates == {"prices/DUP.csv": 1}


def test_malformed_french_file_names_line_and_column(small_mirror: Path, tmp_path: Path) -> None:
    path = small_mirror / "french" / "F-F_Research_Data_Factors_daily.csv.gz"
    lines = gzip.decompress(path.read_bytes()).decode().splitlines()
    # Line 6 is the first data row (4 preamble lines, a blank, the header on line 5).
    assert lines[5].startswith("1926-07-01")
    lines[6] = "1926-07-02,    0.45,   abc,   -0.06,    0.01"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    with pytest.raises(MirrorFormatError) as info:
        init_store(small_mirror, store=tmp_path / "s.duckdb")
    assert (info.value.line, info.value.column) == (7, "SMB")
    assert not (tmp_path / "s.duckdb").exists()


def test_fred_file_with_bad_value(small_mirror: Path, tmp_path: Path) -> None:
    path = small_mirror / "macro" / "fred_daily.csv"
    lines = path.read_text().splitlines()
    lines[3] = lines[3].split(",")[0] + ",x.y,,,,,,"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(MirrorFormatError) as info:
        init_store(small_mirror, store=tmp_path / "s.duckdb")
    assert (info.value.line, info.value.column) == (4, "DFF")


def test_missing_mirror(tmp_path: Path) -> None:
    with pytest.raises(MirrorNotFoundError, match="holds no data files"):
        init_store(tmp_path, store=tmp_path / "s.duckdb")
