"""Returns, spreads and streaks against values worked out from the mirror files.

Golden values were computed by a separate script reading prices/*.csv with the
csv module (no rotoscope code); the arithmetic is written next to each.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import rotoscope
from rotoscope.analytics import (
    PointInTime,
    outperformance_streak,
    runs_of,
    spread,
    window_return,
)
from rotoscope.exceptions import DateOutOfRangeError, MissingFieldError, UnknownSymbolError


@pytest.fixture(scope="module")
def rs(store_path: Path) -> rotoscope.Rotoscope:
    with rotoscope.open(store_path) as handle:
        yield handle


def test_rut_since_jan_2_close_and_open(rs: rotoscope.Rotoscope) -> None:
    pit = PointInTime(rs.store, dt.date(2026, 2, 9))
    # ^RUT close 2026-02-09 / close 2026-01-02 - 1 = +7.2095%  -> "+7.21%"
    close = window_return(pit, "^RUT", "since-2026-01-02", "close")
    assert close.value == pytest.approx(7.2095, abs=1e-4)
    assert close.formatted() == "+7.21%"
    # ... / open 2026-01-02 (2491.820068) - 1 = +7.9151%  -> "+7.92%"
    opened = window_return(pit, "^RUT", "since-2026-01-02", "close", base="open")
    assert opened.value == pytest.approx(7.9151, abs=1e-4)
    assert opened.inputs[0].field == "open"
    assert opened.inputs[0].first == dt.date(2026, 1, 2)


def test_iwd_minus_iwf_january_2026(rs: rotoscope.Rotoscope) -> None:
    pit = PointInTime(rs.store, dt.date(2026, 2, 9))
    fact, iwd, iwf = spread(pit, "IWD", "IWF", "month-2026-01")
    # IWD adj_close 2026-01-30 / 2025-12-31 - 1 = +4.5260 %; IWF = -1.5529 %.
    assert iwd.formatted() == "+4.53%"
    assert iwf.formatted() == "-1.55%"
    assert fact.formatted() == "+6.08 pp"
    assert fact.value == pytest.approx(6.0789, abs=1e-4)
    # The base is the last close before January, the end the last close of January.
    assert (iwd.inputs[0].first, iwd.inputs[0].last) == (dt.date(2025, 12, 31),
                                                        dt.date(2026, 1, 30))
    assert iwd.method == "total_return"
    assert iwd.inputs[0].field == "adj_close"
    assert fact.sources == ("prices/IWD.csv", "prices/IWF.csv")


def test_rut_streak_of_14_longest_since_may_1996(rs: rotoscope.Rotoscope) -> None:
    pit = PointInTime(rs.store, dt.date(2026, 1, 22))
    _, facts = outperformance_streak(pit, "^RUT", "^GSPC", "close")
    by_kind = {f.kind: f.value for f in facts}
    # Price-return wins of ^RUT over ^GSPC: 2026-01-02 .. 2026-01-22, 14 sessions;
    # the only longer run: 16 sessions, 1996-04-16 .. 1996-05-07.
    assert by_kind["streak.length"] == 14
    assert by_kind["streak.start"] == dt.date(2026, 1, 2)
    assert by_kind["streak.end"] == dt.date(2026, 1, 22)
    assert by_kind["streak.longest_since"] == dt.date(1996, 5, 7)
    assert by_kind["streak.longest_since_length"] == 16
    assert by_kind["streak.rank"] == 2
    assert by_kind["streak.count_at_least"] == 1
    # The next session (2026-01-23) ended it.
    _, after = outperformance_streak(PointInTime(rs.store, dt.date(2026, 1, 23)), "^RUT",
                                     "^GSPC", "close")
    assert after[0].value == 0


@pytest.mark.parametrize(
    ("as_of", "resolved"),
    [
        (dt.date(2026, 1, 24), dt.date(2026, 1, 23)),   # Saturday
        (dt.date(2026, 1, 19), dt.date(2026, 1, 16)),   # Martin Luther King Jr. Day
        (dt.date(2026, 2, 16), dt.date(2026, 2, 13)),   # Presidents' Day
    ],
)
def test_window_on_non_session_resolves_to_previous_session(
    rs: rotoscope.Rotoscope, as_of: dt.date, resolved: dt.date
) -> None:
    fact = window_return(PointInTime(rs.store, as_of), "^RUT", "ytd", "close")
    assert fact.inputs[0].last == resolved
    assert any(str(resolved) in note for note in fact.notes)
    same = window_return(PointInTime(rs.store, resolved), "^RUT", "ytd", "close")
    assert fact.value == same.value


def test_missing_raw_close_is_never_replaced(rs: rotoscope.Rotoscope) -> None:
    pit = PointInTime(rs.store, dt.date(2026, 2, 9))
    with pytest.raises(MissingFieldError, match="VTV has no 'close'"):
        window_return(pit, "VTV", "ytd", "close")
    # SPY's adj_close ends 2026-07-31: three weeks later it is stale and refused
    # (never replaced by close), while a week-end as-of resolves with a note.
    with pytest.raises(MissingFieldError, match=r"SPY has no 'adj_close' near 2026-08-21: "
                       r"its last value is on 2026-07-31"):
        window_return(PointInTime(rs.store, dt.date(2026, 8, 21)), "SPY", "5d", "adj_close")
    late = window_return(PointInTime(rs.store, dt.date(2026, 8, 2)), "SPY", "5d", "adj_close")
    assert late.inputs[0].last == dt.date(2026, 7, 31)
    assert any("2026-07-31" in n for n in late.notes)


def test_errors_are_clear(rs: rotoscope.Rotoscope) -> None:
    with pytest.raises(DateOutOfRangeError, match="as_of=1980-01-02"):
        window_return(PointInTime(rs.store, dt.date(1980, 1, 2)), "^RUT", "1d", "close")
    with pytest.raises(UnknownSymbolError):
        window_return(PointInTime(rs.store, dt.date(2026, 2, 9)), "NOPE", "1d")
    with pytest.raises(ValueError, match="unknown window 'fortnight'"):
        window_return(PointInTime(rs.store, dt.date(2026, 2, 9)), "SPY", "fortnight")


def test_appending_rows_after_as_of_changes_no_fact(small_mirror: Path, tmp_path: Path) -> None:
    as_of = dt.date(2026, 1, 22)
    before = tmp_path / "before.duckdb"
    rotoscope.init_store(small_mirror, store=before)
    # Extend every price file with rows dated after as_of only: a copy truncated at
    # as_of, versus the full file (which continues to 2026-08).
    cut = tmp_path / "cut"
    shutil.copytree(small_mirror, cut)
    for path in (cut / "prices").glob("*.csv"):
        lines = path.read_text().splitlines()
        path.write_text("\n".join([lines[0], *[ln for ln in lines[1:]
                                               if ln[:10] <= as_of.isoformat()]]) + "\n")
    after = tmp_path / "cut.duckdb"
    rotoscope.init_store(cut, store=after)

    def facts(store: Path) -> list[object]:
        with rotoscope.open(store) as handle:
            pit = PointInTime(handle.store, as_of)
            out: list[object] = [window_return(pit, "^RUT", w, "close")
                                 for w in ("1d", "wtd", "5d", "mtd", "30d", "ytd", "1y")]
            out += list(spread(pit, "IWD", "SPY", "ytd"))
            out += outperformance_streak(pit, "^RUT", "SPY", "adj_close")[1]
            return out

    assert facts(before) == facts(after)


@given(st.lists(st.sampled_from([-1, 0, 1]), max_size=200))
def test_runs_partition_the_sessions(signs: list[int]) -> None:
    arr = np.array(signs, dtype=np.int8)
    runs = runs_of(arr)
    assert sum(r.length for r in runs) == len(signs)
    if runs:
        assert runs[0].start == 0
        assert runs[-1].end == len(signs) - 1
    for left, right in itertools.pairwise(runs):
        assert right.start == left.end + 1
        assert right.side != left.side
    for r in runs:
        assert set(arr[r.start : r.end + 1].tolist()) == {r.side}
