"""The dense panel's NumPy results: the same frames and JSON as through Polars and Arrow.

The dense path reads the store with ``fetchnumpy`` and hands its results over as
:class:`~rotoscope.analytics.panel.Columns`, so ``member_panel(...).to_dict()``
(what ``rotoscope panel --json`` prints) imports neither Polars nor pyarrow.
These tests hold the NumPy route to the Arrow and Polars one it replaced.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import rotoscope
from rotoscope.analytics import panel
from rotoscope.analytics.panel import Columns, PanelResult, _arrays, _compute, member_panel

EPOCH = dt.date(1970, 1, 1)
WINDOWS = ((1, 3), (2, 5), 4, 3)  # sessions, smas, extreme, rs_ma


@st.composite
def _panels(draw: st.DrawFn) -> tuple[list[str], list[tuple[int, int, float]],
                                      list[tuple[int, float]]]:
    """Names (some without rows), rows (key, epoch day, price) in any order, a benchmark.

    Prices are small integers, so ties and repeated closes are common; symbols have
    holes; the benchmark misses some days and has days of its own.
    """
    n_days = draw(st.integers(1, 25))
    first = draw(st.integers(-400, 20_000))  # epoch days, before 1970 too
    names = draw(st.permutations([f"S{k}" for k in range(draw(st.integers(1, 5)))]))
    rows = [(k, first + d, float(draw(st.integers(1, 6))))
            for k in range(len(names)) for d in range(n_days) if draw(st.booleans())]
    if not rows:
        rows = [(0, first, 1.0)]
    bench = [(first + d, float(draw(st.integers(1, 4)))) for d in range(-2, n_days + 2)
             if draw(st.booleans())]
    return names, draw(st.permutations(rows)), bench


def _arrow(rows: list[tuple[int, int, float]], bench: list[tuple[int, float]]
           ) -> tuple[pa.Table, pa.Table]:
    keyed = pa.table({"sid": pa.array([r[0] for r in rows], pa.int32()),
                      "date": pa.array([r[1] for r in rows], pa.int32()).cast(pa.date32()),
                      "v": pa.array([r[2] for r in rows], pa.float64())})
    dated = pa.table({"date": pa.array([b[0] for b in bench], pa.int32()).cast(pa.date32()),
                      "v": pa.array([b[1] for b in bench], pa.float64())})
    return keyed, dated


def _numpy(rows: list[tuple[int, int, float]], bench: list[tuple[int, float]]
           ) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    keyed = (np.array([r[0] for r in rows], dtype=np.int32),
             np.array([r[1] for r in rows], dtype=np.int32),
             np.array([r[2] for r in rows], dtype=np.float64))
    dated = (np.array([b[0] for b in bench], dtype=np.int32),
             np.array([b[1] for b in bench], dtype=np.float64))
    return keyed, dated


@settings(max_examples=60, deadline=None)
@given(_panels(), st.integers(-3, 3))
def test_numpy_columns_equal_the_arrow_frames(
        case: tuple[list[str], list[tuple[int, int, float]], list[tuple[int, float]]],
        shift: int) -> None:
    names, rows, bench = case
    year_start = EPOCH + dt.timedelta(days=min(r[1] for r in rows) + shift)
    frames = _arrays.panel_arrays(names, *_arrow(rows, bench), *WINDOWS, year_start)
    columns = _arrays.panel_columns(names, *_numpy(rows, bench), *WINDOWS, year_start)
    assert frames is not None
    assert columns is not None
    assert_frame_equal(columns[0].to_polars(), frames[0], check_exact=True)
    assert_frame_equal(columns[1].to_polars(), frames[1], check_exact=True)
    day = EPOCH + dt.timedelta(days=max(r[1] for r in rows))
    lazy, eager = PanelResult(day, *columns), PanelResult(day, *frames)
    assert lazy.to_dict() == eager.to_dict()
    assert json.dumps(lazy.to_dict(), default=str) == json.dumps(eager.to_dict(), default=str)
    assert_frame_equal(lazy.snapshot, eager.snapshot, check_exact=True)


def test_columns_rows_worked_by_hand() -> None:
    # Epoch days 0..3 (1970-01-01 .. 01-04). A closes 1, 2, 3, 4 on all four days; B
    # closes 10, 5 on the last two. Windows: returns over 1 session, SMA 2, high/low
    # of 2, no benchmark.
    # A: ret_1 = 4 / 3 - 1 = 33.33..%; sma2 = (3 + 4) / 2 = 3.5; hi2 = 4, lo2 = 3, so
    #    at_high True, at_low False.
    # B: ret_1 = 5 / 10 - 1 = -50%; sma2 = 7.5; hi2 = 10, lo2 = 5: at_high False, at_low
    #    True.
    # Breadth on day 3: 2 members, both with 2 rows (eligible2 = 2); above2: A (4 > 3.5)
    # only, so pct_above2 = 1 * 100 / 2 = 50.0; advances 1 (A), declines 1 (B).
    rows = (np.array([0, 0, 0, 0, 1, 1], dtype=np.int32),
            np.array([0, 1, 2, 3, 2, 3], dtype=np.int32),
            np.array([1.0, 2.0, 3.0, 4.0, 10.0, 5.0]))
    found = _arrays.panel_columns(["A", "B"], rows, None, (1,), (2,), 2, 2, None)
    assert found is not None
    doc = PanelResult(dt.date(1970, 1, 4), *found).to_dict()
    a, b = doc["members"]
    assert (a["symbol"], a["date"], a["sessions"]) == ("A", dt.date(1970, 1, 4), 4)
    assert a["ret_1"] == pytest.approx(100 / 3, rel=1e-15)
    assert (a["sma2"], a["hi2"], a["lo2"], a["at_high"], a["at_low"]) == (3.5, 4.0, 3.0,
                                                                         True, False)
    assert (b["ret_1"], b["sma2"], b["at_high"], b["at_low"]) == (-50.0, 7.5, False, True)
    assert doc["breadth"] == {
        "date": dt.date(1970, 1, 4), "members": 2, "above2": 1, "eligible2": 2,
        "advances": 1, "declines": 1, "new_highs": 1, "new_lows": 1, "net_advances": 0,
        "net_new_highs": 0, "pct_above2": 50.0}
    # Day 0: only A, with one row: nothing eligible, so the share is null.
    first = Columns(found[1].data, found[1].nulls).rows(np.array([0]))[0]
    assert (first["members"], first["eligible2"], first["pct_above2"]) == (1, 0, None)


def test_numpy_rows_of_a_wrong_type_are_refused() -> None:
    days = np.array([0], dtype=np.int32)
    with pytest.raises(ValueError, match="the panel's value column is int64"):
        _arrays.panel_columns(["A"], (days, days, np.array([1])), None, (1,), (2,), 2, 2,
                              None)
    with pytest.raises(ValueError, match="the panel's date column is float64"):
        _arrays.panel_columns(["A"], (days, np.array([0.5]), np.array([1.0])), None, (1,),
                              (2,), 2, 2, None)
    with pytest.raises(ValueError, match="differ in length: 1, 1 and 2"):
        _arrays.panel_columns(["A"], (days, days, np.array([1.0, 2.0])), None, (1,), (2,),
                              2, 2, None)


def test_the_member_panel_json_is_the_frames_json(store_path: Path) -> None:
    # breadth/sp500_members_adjclose_2000_2026.csv.gz: its last row is 2026-07-31, with a
    # close for 497 members; against 2026-07-30, 221 of them rose and 275 fell (counted
    # from the file's cells in tests/test_startup.py).
    with rotoscope.open_store(store_path) as rs:
        result = member_panel(rs.store)
        doc = result.to_dict()
        columns, numeric = result.columns, result.numeric_columns  # before any frame
        eager = PanelResult(result.as_of, result.snapshot, result.breadth)
    assert doc == eager.to_dict()
    assert columns == eager.columns == result.snapshot.columns
    assert numeric == eager.numeric_columns
    assert set(columns) - set(numeric) == {"symbol", "date", "at_high", "at_low"}
    assert doc["as_of"] == "2026-07-31"
    assert len(doc["members"]) == 497
    assert (doc["breadth"]["advances"], doc["breadth"]["declines"]) == (221, 275)


def test_the_member_panel_loads_what_it_is_read_with(store_path: Path) -> None:
    # Its JSON needs neither Polars nor pyarrow; its frames load Polars, and still
    # neither Ibis, pandas nor sqlglot (the dense path is SQL and NumPy only).
    code = ("import sys, rotoscope\n"
            "def loaded(*names): return sorted(m for m in names if m in sys.modules)\n"
            f"rs = rotoscope.open({str(store_path)!r})\n"
            "result = rs.panel('2026-02-09')\n"
            "doc = result.to_dict()\n"
            "print(len(doc['members']), loaded('polars', 'pyarrow', 'ibis', 'pandas', "
            "'sqlglot'))\n"
            "print(result.snapshot.height, loaded('ibis', 'pandas', 'sqlglot'))\n")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True)
    # As of 2026-02-09, 495 of the 497 members have a close (two listed later).
    assert out.stdout.splitlines() == ["495 []", "495 []"]


def test_the_arrow_read_gives_the_numpy_read_s_panel(store_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # Below ARROW_ROWS rows (the store has 2.9 million) the rows cross as NumPy arrays;
    # with the threshold at 0 the same rows cross as Arrow: the same panel, and the
    # breadth from 2024-12-16 on the same.
    day, since = dt.date(2026, 2, 9), dt.date(2024, 12, 16)
    with rotoscope.open_store(store_path) as rs:
        names, arrays = rs.store.member_keyed_rows(day)
        _, table = rs.store.member_keyed_table(day)
        assert table.num_rows == len(arrays[0]) == rs.store.member_row_count(day)
        numpy_route = member_panel(rs.store, day).to_dict()
        numpy_breadth = panel.member_breadth(rs.store, day, since)
        monkeypatch.setattr(_compute, "ARROW_ROWS", 0)
        keyed = _compute.member_keyed(rs.store, day)
        assert keyed is not None
        assert isinstance(keyed[1], pa.Table)
        assert member_panel(rs.store, day).to_dict() == numpy_route
        assert_frame_equal(panel.member_breadth(rs.store, day, since), numpy_breadth,
                           check_exact=True)
    assert names[0] == "A"
    assert len(numpy_route["members"]) == 495
