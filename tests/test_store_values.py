"""Loaded values equal the mirror files, read here independently with the csv module."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
from pathlib import Path

import pytest

import rotoscope
from rotoscope.exceptions import DateOutOfRangeError, QueryError, UnknownSymbolError


def _csv_row(path: Path, date: str) -> dict[str, str]:
    with path.open(newline="") as fh:
        for row in csv.DictReader(fh):
            if row["date"] == date:
                return row
    raise AssertionError(f"{date} not in {path}")


@pytest.fixture(scope="module")
def rs(store_path: Path) -> rotoscope.Rotoscope:
    with rotoscope.open(store_path) as handle:
        yield handle


def test_rut_2026_01_02_open_and_close(rs: rotoscope.Rotoscope) -> None:
    # The reference values: ^RUT 2026-01-02 open 2491.82, close 2508.22.
    row = rs.prices("^RUT", "2026-01-02", "2026-01-02").row(0, named=True)
    assert row["open"] == pytest.approx(2491.82, abs=0.005)
    assert row["close"] == pytest.approx(2508.22, abs=0.005)
    # Index: adj_close is a copy of close (PROVENANCE.md).
    assert row["adj_close"] == row["close"]


def test_spy_close_and_adj_close_are_distinct(rs: rotoscope.Rotoscope, mirror: Path) -> None:
    # SPY 2026-02-09: raw close 693.95, dividend-adjusted 690.28.
    row = rs.prices("SPY", "2026-02-09", "2026-02-09").row(0, named=True)
    assert row["close"] == pytest.approx(693.95, abs=0.005)
    assert row["adj_close"] == pytest.approx(690.28, abs=0.005)
    raw = _csv_row(mirror / "prices" / "SPY.csv", "2026-02-09")
    assert row["close"] == float(raw["close"])
    assert row["adj_close"] == float(raw["adj_close"])


def test_empty_cells_stay_missing(rs: rotoscope.Rotoscope, mirror: Path) -> None:
    # SPY 2026-08-21 has a raw close (765.62) but no adj_close in the mirror.
    raw = _csv_row(mirror / "prices" / "SPY.csv", "2026-08-21")
    assert raw["adj_close"] == ""
    row = rs.prices("SPY", "2026-08-21", "2026-08-21").row(0, named=True)
    assert row["close"] == pytest.approx(765.62)
    assert row["adj_close"] is None
    # VTV has no raw prices at all: close stays null, adj_close is there.
    vtv = rs.prices("VTV", "2026-01-02", "2026-01-09")
    assert vtv["close"].null_count() == vtv.height
    assert vtv["adj_close"].null_count() == 0


def test_french_smb_first_day_in_percent(rs: rotoscope.Rotoscope, mirror: Path) -> None:
    frame = rs.store.factors("F-F_Research_Data_Factors_daily", "SMB")
    first = frame.row(0, named=True)
    assert first["date"] == dt.date(1926, 7, 1)
    assert first["value_pct"] == -0.25
    # 26,233 data rows in the file (PROVENANCE.md), none missing for SMB.
    assert frame.height == 26233
    with gzip.open(mirror / "french" / "F-F_Research_Data_Factors_daily.csv.gz", "rt") as fh:
        last = [line for line in fh if line[:4].isdigit()][-1]
    date, _, smb, *_ = (c.strip() for c in last.split(","))
    assert frame.row(-1, named=True)["date"].isoformat() == date
    assert frame.row(-1, named=True)["value_pct"] == float(smb)


def test_french_missing_marker_is_not_stored(rs: rotoscope.Rotoscope) -> None:
    # The "<= 0" column of the ME portfolios is -99.99 on every row: nothing stored.
    with pytest.raises(UnknownSymbolError):
        rs.store.factors("Portfolios_Formed_on_ME_Daily", "<= 0")
    lo30 = rs.store.factors("Portfolios_Formed_on_ME_Daily", "Lo 30")
    assert lo30.row(0, named=True)["value_pct"] == 0.38  # 19260701 row of the file


def test_fred_long_form(rs: rotoscope.Rotoscope, mirror: Path) -> None:
    raw = _csv_row(mirror / "macro" / "fred_daily.csv", "2026-08-20")
    frame = rs.prices("DGS10", "2026-08-20", "2026-08-20")
    assert frame["value"].to_list() == [float(raw["DGS10"])]
    # FEDFUNDS is monthly: only first-of-month rows exist.
    ff = rs.prices("FEDFUNDS", "2026-01-01", "2026-03-31")
    assert [d.day for d in ff["date"].to_list()] == [1, 1, 1]


def test_member_panel_wide_to_long(rs: rotoscope.Rotoscope, mirror: Path) -> None:
    with gzip.open(mirror / "breadth" / "sp500_members_adjclose_2000_2026.csv.gz", "rt") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        first = next(reader)
    expected = {t: float(v) for t, v in zip(header[1:], first[1:], strict=True) if v}
    got = dict(
        rs.store.con.execute(
            "SELECT symbol, adj_close FROM member_prices WHERE date = ?", [first[0]]
        ).fetchall()
    )
    assert got == expected
    sectors = dict(rs.store.con.execute("SELECT symbol, sector FROM members").fetchall())
    assert sectors["MMM"] == "Industrials"
    assert len(sectors) == 503


def test_pandas_users_get_a_frame(rs: rotoscope.Rotoscope) -> None:
    frame = rs.prices("IWM", "2026-01-02", "2026-01-09", fields=("close", "adj_close"))
    pdf = frame.to_pandas()
    assert list(pdf.columns) == ["date", "close", "adj_close"]
    # Sessions: Fri 2026-01-02, then Mon 01-05 .. Fri 01-09 = 1 + 5 = 6 rows.
    assert len(pdf) == 6


def test_unknown_symbol_and_dates_outside(rs: rotoscope.Rotoscope) -> None:
    with pytest.raises(UnknownSymbolError, match=r"unknown symbol 'SPYY'.*SPY"):
        rs.prices("SPYY")
    with pytest.raises(DateOutOfRangeError, match="start=2030-01-01 is outside"):
        rs.prices("SPY", "2030-01-01", "2030-02-01")
    with pytest.raises(QueryError, match="not an ISO date"):
        rs.prices("SPY", "01/02/2026")
