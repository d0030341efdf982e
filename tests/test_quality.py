"""Data-quality checks on hand-made frames and on the real mirror."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl

import rotoscope
from rotoscope._api import check_mirror
from rotoscope.calendar import sessions_between
from rotoscope.store._quality import check_prices
from rotoscope.universe import load_universe


def _frame(symbol: str, rows: list[tuple[str, float, float, float, float, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "symbol": [symbol] * len(rows),
            "date": [dt.date.fromisoformat(r[0]) for r in rows],
            "open": [float(r[1]) for r in rows],
            "high": [float(r[2]) for r in rows],
            "low": [float(r[3]) for r in rows],
            "close": [float(r[4]) for r in rows],
            "adj_close": [float(r[5]) for r in rows],
        }
    )


def _by_check(findings: list[rotoscope.store._quality.Finding]) -> dict[str, object]:
    return {f.check: f for f in findings}


def test_impossible_values_are_errors() -> None:
    frame = _frame("X", [
        ("2026-01-05", 10, 11, 9, 10, 10),
        ("2026-01-06", 10, 9, 11, 10, 10),     # high < low
        ("2026-01-07", 10, 11, 9, 12, 12),     # close above high
        ("2026-01-08", 10, 11, 9, 0, 0),       # non-positive close (also below low)
        ("2026-01-09", 10, 11, 9, 10, 10),
    ])
    found = _by_check(check_prices(frame))
    assert found["high_below_low"].first_date == dt.date(2026, 1, 6)
    # 01-06 (close 10 > high 9), 01-07 (12 > 11) and 01-08 (0 < 9).
    assert found["close_outside_range"].count == 3
    assert found["non_positive_price"].first_date == dt.date(2026, 1, 8)
    assert {c for c, f in found.items() if f.severity == "error"} == {
        "high_below_low", "close_outside_range", "non_positive_price"}
    assert set(found) == {"high_below_low", "close_outside_range", "non_positive_price"}


def test_split_like_jump_and_ratio_jump() -> None:
    frame = _frame("X", [
        ("2026-01-05", 100, 101, 99, 100, 99),
        ("2026-01-06", 50, 51, 49, 50.2, 49.7),    # 2:1 split left unadjusted
        ("2026-01-07", 50, 51, 49, 50, 46),        # adj/close 0.99 -> 0.92
        ("2026-01-08", 50, 51, 49, 50, 46),
    ])
    found = _by_check(check_prices(frame))
    assert found["split_like_jump"].first_date == dt.date(2026, 1, 6)
    assert found["adj_ratio_jump"].first_date == dt.date(2026, 1, 7)
    # A volatility index moves that much without any split.
    vol = check_prices(frame, kinds={"X": "volatility"})
    assert "split_like_jump" not in _by_check(vol)


def test_calendar_gap_and_stale() -> None:
    days = [d.astype(dt.date).isoformat() for d in
            sessions_between(dt.date(2026, 1, 2), dt.date(2026, 2, 27))]
    # Drop 2026-01-20..2026-01-23 (4 sessions; MLK day 01-19 is a holiday anyway).
    kept = [d for d in days if not ("2026-01-20" <= d <= "2026-01-23")]
    a = _frame("A", [(d, 1, 1, 1, 1, 1) for d in kept])
    b = _frame("B", [(d, 1, 1, 1, 1, 1) for d in days if d <= "2026-02-13"])
    found = check_prices(pl.concat([a, b]))
    gap = next(f for f in found if f.check == "calendar_gap")
    assert (gap.symbol, gap.first_date, gap.last_date) == (
        "A", dt.date(2026, 1, 20), dt.date(2026, 1, 23))
    stale = next(f for f in found if f.check == "stale_series")
    # 2026-02-13 -> 2026-02-27: Presidents' Day 02-16 closed; 02-17..02-27 is 9 sessions.
    assert (stale.symbol, stale.count) == ("B", 9)
    # Holidays are not gaps: 2026-01-19 (MLK) was not listed in the first place.
    assert "2026-01-19" not in days


def test_real_mirror_warnings(store_path: Path) -> None:
    with rotoscope.open(store_path) as rs:
        report = rs.check_data()
    assert report.errors == 0
    stale = {f.symbol: f for f in report.findings if f.check == "stale_series"}
    # ^DJI ends 2026-03-06 and MDY 2026-04-01 in the mirror; the newest rows are 2026-08-21.
    assert stale["^DJI"].last_date == dt.date(2026, 8, 21)
    assert stale["^DJI"].first_date == dt.date(2026, 3, 6)
    assert stale["MDY"].first_date == dt.date(2026, 4, 1)
    assert "^GSPC" not in stale


def test_mirror_check_reports_structure_errors(small_mirror: Path, tmp_path: Path) -> None:
    shutil.copy(small_mirror / "prices" / "SPY.csv", small_mirror / "prices" / "BAD.csv")
    bad = small_mirror / "prices" / "BAD.csv"
    lines = bad.read_text().splitlines()
    lines[10] = lines[10].replace(",", ",x", 1)
    bad.write_text("\n".join(lines) + "\n")
    report = check_mirror(small_mirror, load_universe())
    structure = [f for f in report.findings if f.check == "structure"]
    assert len(structure) == 1
    assert "BAD.csv, line 11, column 'open'" in structure[0].detail
