"""Many series read in one query are the series read one at a time."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotoscope.exceptions import UnknownSymbolError
from rotoscope.store import PRICE_FIELDS, Store


@pytest.fixture(scope="module")
def shuffled_store(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the store whose price, macro and member rows are stored in random order."""
    path = tmp_path_factory.mktemp("shuffled") / "rotoscope.duckdb"
    shutil.copy(store_path, path)
    con = duckdb.connect(str(path))
    for table in ("prices", "macro", "member_prices"):
        con.execute(f"CREATE TABLE shuffled AS SELECT * FROM {table} ORDER BY random()")
        con.execute(f"DROP TABLE {table}")
        con.execute(f"ALTER TABLE shuffled RENAME TO {table}")
    con.close()
    return path


@pytest.fixture(scope="module")
def one_at_a_time(store_path: Path) -> Iterator[Store]:
    """The reference: a store read one series and field at a time."""
    store = Store(store_path)
    yield store
    store.close()


def _same(batch: Store, single: Store, symbol: str, field: str) -> None:
    got, expected = batch.series_arrays(symbol, field), single.series_arrays(symbol, field)
    assert got[0].tolist() == expected[0].tolist(), (symbol, field)
    np.testing.assert_array_equal(got[1], expected[1], err_msg=f"{symbol} {field}")
    assert got[2] == expected[2]
    assert not got[0].flags.writeable
    assert not got[1].flags.writeable


@pytest.mark.parametrize("which", ["stored", "shuffled"])
def test_every_series_and_field_reads_the_same(
        which: str, store_path: Path, shuffled_store: Path, one_at_a_time: Store) -> None:
    batch = Store(store_path if which == "stored" else shuffled_store)
    try:
        symbols = sorted(batch.symbols())
        batch.load_series(symbols, PRICE_FIELDS)
        # every series came from the one query per table: no further query is needed
        batch.close()
        for symbol in symbols:
            for field in PRICE_FIELDS if batch.symbols()[symbol] == "prices" else ("value",):
                _same(batch, one_at_a_time, symbol, field)
        # prices/_RUT.csv, 2026-02-09: close 2689.050049; prices/VTV.csv holds no raw
        # close at all (its 2026-02-09 row has the adjusted close 203.881973 only)
        dates, values, source = batch.series_arrays("^RUT", "close")
        assert values[dates.tolist().index(np.datetime64("2026-02-09").item())] == 2689.050049
        assert source.endswith("_RUT.csv")
        assert batch.series_arrays("VTV", "close")[0].size == 0
        vtv = batch.series_arrays("VTV", "adj_close")
        assert vtv[1][vtv[0].tolist().index(np.datetime64("2026-02-09").item())] == 203.881973
    finally:
        batch.close()


@settings(max_examples=15, deadline=None)
@given(picked=st.lists(st.integers(0, 200), min_size=1, max_size=8),
       fields=st.lists(st.sampled_from(PRICE_FIELDS), max_size=3, unique=True),
       earlier=st.lists(st.tuples(st.integers(0, 200),
                                  st.lists(st.sampled_from(PRICE_FIELDS), min_size=1,
                                           max_size=3, unique=True)), max_size=4))
def test_some_series_read_in_a_batch_are_read_alike(
        shuffled_store: Path, one_at_a_time: Store, picked: list[int],
        fields: list[str], earlier: list[tuple[int, list[str]]]) -> None:
    # Reads made before (a series alone, or batches of other fields, as the facts read
    # close and adjusted close before a check reads the rest) leave series with
    # different fields missing; the batch reads what is missing, whatever the mix.
    batch = Store(shuffled_store)
    try:
        known = sorted(batch.symbols())
        symbols = [known[i % len(known)] for i in picked]
        batch.series_arrays(symbols[0], fields[0] if fields else "close")  # one read earlier
        for index, some in earlier:
            batch.load_series([known[index % len(known)], symbols[index % len(symbols)]], some)
        batch.load_series(symbols, fields)
        batch.close()  # everything asked for is held: no further query is needed
        for symbol in symbols:
            for field in fields if batch.symbols()[symbol] == "prices" else ("value",):
                _same(batch, one_at_a_time, symbol, field)
    finally:
        batch.close()


def test_bad_requests_are_refused(store_path: Path) -> None:
    store = Store(store_path)
    try:
        with pytest.raises(ValueError, match=r"unknown price field\(s\) \['price'\]"):
            store.load_series(["^RUT"], ["close", "price"])
        with pytest.raises(UnknownSymbolError, match="NOPE"):
            store.load_series(["^RUT", "NOPE"], ["close"])
    finally:
        store.close()


@pytest.mark.parametrize("which", ["stored", "shuffled"])
def test_member_rows_come_by_member_and_date(which: str, store_path: Path,
                                             shuffled_store: Path) -> None:
    end, start = dt.date(2026, 2, 9), dt.date(2024, 12, 16)
    store = Store(store_path if which == "stored" else shuffled_store)
    try:
        keys, dates, values = store.member_columns(end, start)
        expected = store.con.execute(
            "SELECT sid, date, adj_close FROM member_prices WHERE date BETWEEN ? AND ? "
            "ORDER BY sid, date", [start, end]).fetchall()
    finally:
        store.close()
    assert keys.dtype == np.int32
    assert list(zip(keys.tolist(), dates.tolist(), values.tolist(), strict=True)) == expected
    # breadth/sp500_members_adjclose_2000_2026.csv.gz holds 495 members with a close on
    # 2026-02-09, the last date read
    assert dates.max() == np.datetime64(end)
    assert int(np.count_nonzero(dates == np.datetime64(end))) == 495
