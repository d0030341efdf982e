"""The store's own queries, which the rest of the code asks instead of running SQL.

Every expected value is read here independently from the mirror files with the
csv, gzip and hashlib modules.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import shutil
from pathlib import Path

import pytest

import rotoscope
from rotoscope import init_store
from rotoscope.exceptions import QueryError
from rotoscope.store import Store


def _price_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def small_mirror_module(tmp_path_factory: pytest.TempPathFactory, mirror: Path) -> Path:
    """Three price files, 400 FRED rows, one French file and the member list."""
    root = tmp_path_factory.mktemp("mirror")
    for sub in ("prices", "macro", "french", "breadth"):
        (root / sub).mkdir()
    for name in ("_RUT.csv", "SPY.csv", "IWD.csv"):
        shutil.copy(mirror / "prices" / name, root / "prices" / name)
    lines = (mirror / "macro" / "fred_daily.csv").read_text().splitlines()
    (root / "macro" / "fred_daily.csv").write_text("\n".join(lines[:1] + lines[-400:]) + "\n")
    shutil.copy(mirror / "french" / "F-F_Research_Data_Factors_daily.csv.gz",
                root / "french" / "F-F_Research_Data_Factors_daily.csv.gz")
    shutil.copy(mirror / "breadth" / "sp500_components_heliar-k.csv",
                root / "breadth" / "sp500_components_heliar-k.csv")
    return root


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, small_mirror_module: Path) -> Path:
    """A store built from the small mirror."""
    home = tmp_path_factory.mktemp("queries")
    return init_store(small_mirror_module, store=home / "rotoscope.duckdb").path


def test_price_range_and_sessions_are_those_of_the_price_files(
        small: Path, small_mirror_module: Path) -> None:
    dates: set[str] = set()
    for name in ("_RUT.csv", "SPY.csv", "IWD.csv"):
        dates |= {r["date"] for r in _price_rows(small_mirror_module / "prices" / name)}
    want = sorted(dt.date.fromisoformat(d) for d in dates)
    store = Store(small)
    try:
        assert store.price_range() == (want[0], want[-1])
        assert store.sessions() == want
        # ^RUT begins 1987-09-10 in the mirror, before SPY (1993-01-29) and IWD (2000)
        assert want[0] == dt.date(1987, 9, 10)
    finally:
        store.close()


def test_last_dates_skip_empty_cells(small: Path, small_mirror_module: Path) -> None:
    rows = _price_rows(small_mirror_module / "prices" / "SPY.csv")
    last_adj = max(r["date"] for r in rows if r["adj_close"])
    last_close = max(r["date"] for r in rows if r["close"])
    store = Store(small)
    try:
        got = store.last_dates(["SPY", "NOPE"], "adj_close")
        assert got == {"SPY": dt.date.fromisoformat(last_adj)}
        assert store.last_dates(["SPY"], "close") == {"SPY": dt.date.fromisoformat(last_close)}
        # SPY 2026-08-21 has a raw close but no adjusted one in the mirror
        assert last_close > last_adj
        with pytest.raises(ValueError, match="unknown price field 'vwap'"):
            store.last_dates(["SPY"], "vwap")
    finally:
        store.close()


def test_checksums_and_fingerprint_are_the_files_sha256(
        small: Path, small_mirror_module: Path) -> None:
    files = sorted(p.relative_to(small_mirror_module).as_posix()
                   for p in small_mirror_module.rglob("*") if p.is_file())
    sums = [(f, hashlib.sha256((small_mirror_module / f).read_bytes()).hexdigest())
            for f in files]
    store = Store(small)
    try:
        assert store.file_checksums() == sums
        text = "".join(f"{f}:{c};" for f, c in sums)
        assert store.files_fingerprint() == hashlib.sha256(text.encode()).hexdigest()[:16]
        assert {f: c for f, (_, c) in store.file_sources().items()} == dict(sums)
        assert store.source_file(kind="factors") == \
            "french/F-F_Research_Data_Factors_daily.csv.gz"
        assert store.source_file(kind="member_prices") is None
    finally:
        store.close()


def test_series_columns_and_members(small: Path, small_mirror_module: Path) -> None:
    with (small_mirror_module / "breadth" / "sp500_components_heliar-k.csv").open() as fh:
        listed = {r["ticker"]: r["company"] for r in csv.DictReader(fh)}
    store = Store(small)
    try:
        kinds = store.series_kinds()
        assert (kinds["^RUT"], kinds["SPY"], kinds["IWD"]) == ("index", "etf", "etf")
        assert store.series_column("file")["SPY"] == "prices/SPY.csv"
        with pytest.raises(ValueError, match="no column 'price'"):
            store.series_column("price")
        assert store.members() == listed
        # case-insensitive, the stored spelling back, with the file the member list came from
        assert store.member("mmm") == ("MMM", "breadth/sp500_components_heliar-k.csv")
        assert store.member("NOT-A-MEMBER") is None
        # no member closes in this mirror: the range is empty at both ends
        assert store.member_range() == (None, None)
    finally:
        store.close()


def test_factor_arrays_match_the_french_file(small: Path, small_mirror_module: Path) -> None:
    path = small_mirror_module / "french" / "F-F_Research_Data_Factors_daily.csv.gz"
    with gzip.open(path, "rt") as fh:
        rows = [line.split(",") for line in fh.read().splitlines()
                if line[:4].isdigit() and line[4:5] == "-"]
    # the file's first daily rows: 1926-07-01 0.09, 1926-07-02 0.45, 1926-07-06 0.17 (percent)
    assert [r[0] for r in rows[:3]] == ["1926-07-01", "1926-07-02", "1926-07-06"]
    store = Store(small)
    try:
        dates, values = store.factor_arrays("F-F_Research_Data_Factors_daily", "Mkt-RF",
                                            dt.date(1926, 7, 6))
        assert [str(d) for d in dates] == ["1926-07-01", "1926-07-02", "1926-07-06"]
        assert values.tolist() == [float(r[1]) for r in rows[:3]] == [0.09, 0.45, 0.17]
    finally:
        store.close()


def test_member_range_within_bounds(store_path: Path, mirror: Path) -> None:
    path = mirror / "breadth" / "sp500_members_adjclose_2000_2026.csv.gz"
    with gzip.open(path, "rt") as fh:
        dates = [line.split(",", 1)[0] for line in fh.read().splitlines()[1:] if line.strip()]
    first, last = dt.date.fromisoformat(min(dates)), dt.date.fromisoformat(max(dates))
    inside = sorted(d for d in dates if "2020-03-01" <= d <= "2020-03-31")
    with rotoscope.open_store(store_path) as rs:
        store = rs.store
        assert store.member_range() == (first, last)
        assert store.member_range(dt.date(2020, 3, 1), dt.date(2020, 3, 31)) == (
            dt.date.fromisoformat(inside[0]), dt.date.fromisoformat(inside[-1]))
        # March 2020 sessions: the 2nd (a Monday) to the 31st
        assert inside[0] == "2020-03-02"
        assert inside[-1] == "2020-03-31"
        assert store.member_range(start=last + dt.timedelta(days=1)) == (None, None)
        assert rs.last_date == store.price_range()[1]


def test_an_empty_store_says_it_holds_no_prices(tmp_path: Path, small_mirror_module: Path) -> None:
    root = tmp_path / "mirror"
    (root / "macro").mkdir(parents=True)
    shutil.copy(small_mirror_module / "macro" / "fred_daily.csv", root / "macro" / "fred_daily.csv")
    built = init_store(root, store=tmp_path / "home" / "rotoscope.duckdb").path
    store = Store(built)
    try:
        with pytest.raises(QueryError, match="holds no prices"):
            store.price_range()
        assert store.sessions() == []
    finally:
        store.close()


def test_member_keyed_rows_are_the_member_file_cells(store_path: Path, mirror: Path) -> None:
    """The panel's rows from the store are the member file's filled cells, keyed by integer."""
    path = mirror / "breadth" / "sp500_members_adjclose_2000_2026.csv.gz"
    start, end = "2020-03-02", "2020-03-06"  # the first full week of March 2020
    with gzip.open(path, "rt") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        cells = {(header[i], row[0]): float(row[i]) for row in reader if start <= row[0] <= end
                 for i in range(1, len(row)) if row[i].strip()}
    with rotoscope.open_store(store_path) as rs:
        store = rs.store
        day, since = dt.date.fromisoformat(end), dt.date.fromisoformat(start)
        names, (sids, days, values) = store.member_keyed_rows(day, since)
        assert (sids.dtype, days.dtype, values.dtype) == ("int32", "int32", "float64")
        assert store.member_row_count(day, since) == len(cells)
        epoch = dt.date(1970, 1, 1)
        got = {(names[k], (epoch + dt.timedelta(days=d)).isoformat()): v for k, d, v in zip(
            sids.tolist(), days.tolist(), values.tolist(), strict=True)}
        assert got.keys() == cells.keys()
        assert got[("MMM", start)] == pytest.approx(cells[("MMM", start)], rel=1e-12)
        assert store.member_row_count(since - dt.timedelta(days=1), None) < \
            store.member_row_count(day, None)


def test_value_rows_are_the_price_file(store_path: Path, mirror: Path) -> None:
    """``value_rows`` gives a series' adjusted closes up to a day, as the price file has them."""
    with open(mirror / "prices" / "SPY.csv", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["date"] <= "2026-02-09" and r["adj_close"]]
    with rotoscope.open_store(store_path) as rs:
        days, values = rs.store.value_rows("SPY", dt.date(2026, 2, 9))
        assert len(days) == len(values) == len(rows)
        epoch = dt.date(1970, 1, 1)
        by_day = {epoch + dt.timedelta(days=d): v
                  for d, v in zip(days.tolist(), values.tolist(), strict=True)}
        assert max(by_day) == dt.date(2026, 2, 9)
        assert by_day[dt.date(2026, 2, 9)] == pytest.approx(float(rows[-1]["adj_close"]),
                                                            rel=1e-12)
        with pytest.raises(ValueError, match="not a price field"):
            rs.store.value_rows("SPY", dt.date(2026, 2, 9), field="adj")
