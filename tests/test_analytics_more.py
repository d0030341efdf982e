"""Relative strength, technicals, sectors, RRG, breadth, regime, long history, the engine.

Golden values come from ``tests/golden/independent.py``, which reads the mirror
files with the csv module only (no rotoscope code, no numpy); the arithmetic is
written next to each value.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rotoscope
from _reference import sessions_since_extreme_by_hand
from rotoscope.analytics import PointInTime, window_return
from rotoscope.analytics.breadth import SURVIVORSHIP
from rotoscope.analytics.engine import FactSet, compute_facts
from rotoscope.analytics.history import cut_cycle_starts
from rotoscope.analytics.relative import sessions_since_extreme
from rotoscope.analytics.rrg import quadrant
from rotoscope.calendar import is_session, previous_session
from rotoscope.exceptions import DateOutOfRangeError, MissingFieldError

AS_OF = dt.date(2026, 2, 9)
D = "@2026-02-09"


@pytest.fixture(scope="module")
def rs(store_path: Path) -> Iterator[rotoscope.Rotoscope]:
    with rotoscope.open(store_path) as handle:
        yield handle


@pytest.fixture(scope="module")
def facts(rs: rotoscope.Rotoscope) -> FactSet:
    return rs.facts(AS_OF)


def value(fs: FactSet, fact_id: str) -> object:
    return fs[fact_id + D].value


def test_relative_strength_iwm_spy(facts: FactSet) -> None:
    # IWM/SPY adj_close on 2026-02-09 = 0.385023; mean of the last 50 common ratios
    # (2025-11-26..2026-02-09) = 0.373467; 0.385023 / 0.373467 - 1 = +3.0940%
    assert value(facts, "rs.IWM-SPY.ratio") == pytest.approx(0.3850227, abs=1e-7)
    assert value(facts, "rs.IWM-SPY.sma50") == pytest.approx(0.3734674, abs=1e-7)
    assert value(facts, "rs.IWM-SPY.distance_sma50") == pytest.approx(3.09405, abs=1e-4)
    assert facts["rs.IWM-SPY.sma50" + D].inputs[0].first == dt.date(2025, 11, 26)


def test_spy_technicals(facts: FactSet) -> None:
    # SPY close 2026-02-09 = 693.950012; SMA20 = 690.3674925, SMA50 = 686.9107983,
    # SMA200 = 645.9316498; distances +0.5189%, +1.0248%, +7.4340%.
    # 21 log returns to 2026-02-09: stdev (n-1) * sqrt(252) = 13.1821%.
    # 52-week high close 695.48999, low 496.480011; 693.95 / 695.49 - 1 = -0.2214%.
    expected = {"close": 693.950012, "sma20": 690.3674925, "sma50": 686.9107983,
                "sma200": 645.9316498, "distance_sma20": 0.518929, "distance_sma50": 1.024764,
                "distance_sma200": 7.433970, "vol21": 13.182052, "high_52w": 695.48999,
                "low_52w": 496.480011, "drawdown_52w": -0.221423}
    for key, want in expected.items():
        assert value(facts, f"tech.SPY.{key}") == pytest.approx(want, abs=1e-5), key
    assert facts["tech.SPY.vol21" + D].formatted() == "13.18%"


def test_week_table_of_a_holiday_week(rs: rotoscope.Rotoscope) -> None:
    # Week of 2026-01-19 (Monday is Martin Luther King Jr. Day). ^GSPC closes from
    # _GSPC.csv: Fri 16th 6940.009766, Tue 20th 6796.859863, Wed 21st 6875.620117,
    # Thu 22nd 6913.350098, Fri 23rd 6915.609863. Tuesday's change is against
    # Friday: 6796.859863 / 6940.009766 - 1 = -2.0627%. Range: 6915.609863 /
    # 6796.859863 - 1 = +1.7471%.
    fs = rs.facts(dt.date(2026, 1, 23))
    closes = {f.id.split("week_close.")[1][:10]: f.value
              for f in fs.select("tech.week_close", "^GSPC")}
    assert closes == pytest.approx({"2026-01-20": 6796.859863, "2026-01-21": 6875.620117,
                                    "2026-01-22": 6913.350098, "2026-01-23": 6915.609863})
    tuesday = fs["tech.^GSPC.week_change.2026-01-20@2026-01-23"]
    assert tuesday.value == pytest.approx(-2.06269, abs=1e-4)
    assert tuesday.formatted() == "-2.06%"
    assert fs["tech.^GSPC.week_low@2026-01-23"].value == pytest.approx(6796.859863)
    assert fs["tech.^GSPC.week_range@2026-01-23"].value == pytest.approx(1.74713, abs=1e-4)


def test_sector_ranking_ytd(facts: FactSet) -> None:
    # YTD total return (base: last adj_close of 2025): XLE +19.9732% first,
    # XLY -1.5577% last; range 19.9732 + 1.5577 = 21.5308 pp.
    group = "sector.XLB-XLC-XLE-XLF-XLI-XLK-XLP-XLRE-XLU-XLV-XLY"
    assert value(facts, f"{group}.leader.ytd") == "XLE"
    assert value(facts, f"{group}.laggard.ytd") == "XLY"
    assert value(facts, f"{group}.dispersion_range.ytd") == pytest.approx(21.53083, abs=1e-4)
    assert value(facts, "sector.XLP.rank.ytd") == 3
    # cyclical minus defensive: mean of the 8 cyclical YTD returns minus mean of
    # XLP, XLU, XLV: (19.9732 + 15.0606 + 11.9778 + 4.7088 - 0.4306 - 0.7136 - 1.5154
    # - 1.5577) / 8 - (12.5515 + 1.8506 + 0.9819) / 3 = 5.9379 - 5.1280 = +0.8099 pp
    assert value(facts, f"{group}.cyclical_minus_defensive.ytd") == pytest.approx(0.8099,
                                                                                  abs=1e-3)


def test_sector_score_is_documented_blend(facts: FactSet) -> None:
    score = facts["sector.XLE-SPY.score" + D]
    parts = score.params["components_percentile"]
    # XLE minus SPY over 21 sessions, for each of the 6,803 days with 21 sessions
    # behind them (1999-01..2026-02-09); today's is at or above 98.368% of them.
    assert parts["momentum_21d"] == pytest.approx(98.36837, abs=1e-4)
    assert set(parts) == {"momentum_21d", "momentum_63d", "momentum_126d", "rs_trend_50d"}
    assert score.value == pytest.approx(sum(parts.values()) / 4)
    assert 0 <= score.value <= 100  # type: ignore[operator]
    ranks = sorted(int(f.value) for f in facts.select("sector.score_rank"))  # type: ignore[arg-type]
    assert ranks == list(range(1, 12))


def test_rrg_matches_independent_weekly_z_scores(facts: FactSet) -> None:
    # Weekly points = last common session of each ISO week; RS = 100 * RUT / GSPC;
    # RS-Ratio = 100 + z over the last 12 weeks (population sd) = 101.29567;
    # RS-Momentum = 100 + z of the 4-week change of RS-Ratio over 12 = 98.64329.
    assert value(facts, "rrg.^RUT-^GSPC.ratio") == pytest.approx(101.29567, abs=1e-4)
    assert value(facts, "rrg.^RUT-^GSPC.momentum") == pytest.approx(98.64329, abs=1e-4)
    assert value(facts, "rrg.^RUT-^GSPC.quadrant") == "Weakening"
    q = facts["rrg.^RUT-^GSPC.quadrant" + D]
    assert (q.params["w_weeks"], q.params["k_weeks"]) == (12, 4)
    assert len(q.params["tail"]) == 8
    assert q.params["tail"][-1][0] == "2026-02-09"


@given(r=st.floats(90, 110), m=st.floats(90, 110))
def test_quadrants_cover_the_plane(r: float, m: float) -> None:
    q = quadrant(r, m)
    assert q == {(True, True): "Leading", (True, False): "Weakening",
                 (False, False): "Lagging", (False, True): "Improving"}[(r >= 100, m >= 100)]


def test_breadth_from_member_panel(facts: FactSet) -> None:
    # 2026-02-09: 339 of 495 members above their 50-day (68.4848%), 345 of 494 above
    # their 200-day (69.8381%); 264 rose and 229 fell against 2026-02-06.
    assert value(facts, "breadth.S&P 500 members.pct_above_sma50") == pytest.approx(68.48485,
                                                                                   abs=1e-4)
    assert value(facts, "breadth.S&P 500 members.pct_above_sma200") == pytest.approx(69.83806,
                                                                                    abs=1e-4)
    assert value(facts, "breadth.S&P 500 members.advances") == 264
    assert value(facts, "breadth.S&P 500 members.declines") == 229
    assert facts["breadth.S&P 500 members.advances" + D].params["caveat"] == SURVIVORSHIP


def test_streak_follow_through(facts: FactSet, rs: rotoscope.Rotoscope) -> None:
    from rotoscope.analytics.streaks import follow_through

    out = {f.id.split(".L10.")[1]: f.value
           for f in follow_through(PointInTime(rs.store, AS_OF), "^RUT", "^GSPC", 10,
                                   field="close")}
    # 7 earlier ^RUT-over-^GSPC streaks reached 10 sessions with 21 sessions after;
    # RUT minus GSPC over those 21 sessions: mean +1.18794 pp, median +0.68960 pp,
    # 5 of 7 above zero (71.43%).
    assert out["n.21d@2026-02-09"] == 7
    assert out["mean.21d@2026-02-09"] == pytest.approx(1.187945, abs=1e-5)
    assert out["median.21d@2026-02-09"] == pytest.approx(0.689605, abs=1e-5)
    assert out["hit_rate.21d@2026-02-09"] == pytest.approx(500 / 7)


def test_french_january_share_since_1928(facts: FactSet) -> None:
    # SMB compounded over January, 1928..2025: above zero in 71 of 98 years (72.45%).
    share = facts["ff.SMB.season.january_share" + D]
    assert share.params == {"dataset": "F-F_Research_Data_Factors_daily", "column": "SMB",
                            "since": 1928, "years": 98, "wins": 71}
    assert share.value == pytest.approx(7100 / 98)


def test_rate_cut_cycle_starts(rs: rotoscope.Rotoscope, facts: FactSet) -> None:
    # FEDFUNDS months at least 0.25 pp below the month before, none in the 6 before,
    # previous month within 0.50 pp of its 12-month high (independent script).
    expected = ["1957-12-01", "1960-06-01", "1966-12-01", "1968-09-01", "1969-07-01",
                "1970-03-01", "1973-10-01", "1979-11-01", "1981-02-01", "1984-09-01",
                "1986-02-01", "1987-11-01", "1989-06-01", "1990-11-01", "1996-02-01",
                "1998-10-01", "2001-01-01", "2002-11-01", "2007-11-01", "2019-08-01",
                "2024-10-01"]
    events = facts["event.rate_cut-small_minus_large.starts" + D].params["events"]
    assert [e["start"] for e in events] == expected
    # ^RUT starts 1987-09-10: from the November 1987 start on, ^RUT minus ^GSPC.
    assert {e["source"] for e in events[:11]} == {"French SMB"}
    assert {e["source"] for e in events[11:]} == {"^RUT minus ^GSPC"}
    # 2024-10: from the close of 2024-09-30 to the 63rd common session after it
    # (2024-12-30): RUT/RUT0 - GSPC/GSPC0 = -2.6051 pp.
    assert events[-1]["63d"] == pytest.approx(-2.60511, abs=1e-4)
    pit = PointInTime(rs.store, AS_OF)
    assert len(cut_cycle_starts(pit.series("FEDFUNDS"))) >= len(expected)


def test_regime_is_documented_and_configurable(facts: FactSet) -> None:
    side = facts["regime.overall.side" + D]
    assert side.value == "broadening"
    assert side.params["dimensions"] == {"size": "a", "style": "a", "cyclical": "a",
                                         "international": "a", "equal_weight": "a"}
    assert value(facts, "regime.overall.scope") == "broad"
    horizon = facts["regime.overall.horizon" + D]
    # the agreeing dimensions' median persistence is under 63 sessions: tactical
    assert horizon.value == "tactical"
    assert horizon.params["median_persistence"] < 63
    # ^RUT minus ^GSPC over the 63 sessions 2025-11-06..2026-02-09, on adj_close
    # (= close for indices): RUT1/RUT0 - GSPC1/GSPC0 = +7.53376 pp
    r63 = facts["regime.size.relative_return.63d" + D]
    assert [i.series for i in r63.inputs] == ["^RUT", "^GSPC"]
    assert r63.value == pytest.approx(7.533756, abs=1e-5)


def test_several_hundred_facts_whose_inputs_are_real_rows(
    facts: FactSet, rs: rotoscope.Rotoscope
) -> None:
    assert len(facts) > 1500
    assert len({f.id for f in facts}) == len(facts)
    con = rs.store.con
    checked = 0
    for f in facts:
        assert f.as_of == AS_OF
        for i in f.inputs:
            assert i.first <= i.last <= AS_OF, f.id
            if i.field in ("close", "adj_close", "open") and i.series in rs.store.symbols():
                table = rs.store.symbols()[i.series]
                if table != "prices":
                    continue
                rows = con.execute(
                    f"SELECT count(*) FROM prices WHERE symbol = ? AND date IN (?, ?) "
                    f"AND {i.field} IS NOT NULL", [i.series, i.first, i.last]).fetchall()
                assert rows[0][0] == (1 if i.first == i.last else 2), (f.id, i)
                checked += 1
    assert checked > 1000


def test_facts_cli_json(store_path: Path, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    from rotoscope.cli import app

    monkeypatch.setenv("ROTOSCOPE_HOME", str(store_path.parent))
    with pytest.raises(SystemExit) as done:
        app(["facts", "--as-of", "2026-02-09", "--json"], standalone_mode=True)
    assert done.value.code == 0
    text = capsys.readouterr().out
    payload = json.loads(text)
    assert len(payload) > 1500
    # pydantic's serializer writes it: the same text, byte for byte, as the
    # standard library's encoder gives for the facts' model_dump.
    with rotoscope.open_store(store_path) as rs:
        facts = rs.facts("2026-02-09")
    assert text == json.dumps([f.model_dump(mode="json") for f in facts], indent=2) + "\n"
    one = next(f for f in payload if f["id"] == "return.^RUT.price_return.ytd@2026-02-09")
    assert one["inputs"] == [{"series": "^RUT", "field": "close", "first": "2025-12-31",
                              "last": "2026-02-09"}]


def test_as_of_outside_the_data(rs: rotoscope.Rotoscope) -> None:
    with pytest.raises(DateOutOfRangeError, match=r"as_of=1900-01-02 is outside the data, "
                       r"which runs 1927-12-30\.\.2026-08-21"):
        rs.facts(dt.date(1900, 1, 2))
    with pytest.raises(DateOutOfRangeError, match="as_of=2027-01-04"):
        rs.facts("2027-01-04")


def test_missing_raw_close_becomes_a_gap_not_a_substitute(facts: FactSet) -> None:
    # IWD has adj_close only: no price-return fact, a gap saying why, and the
    # total-return fact is there.
    assert facts.get("return.IWD.price_return.ytd" + D) is None
    assert any(g.what == "IWD price returns and technicals" and "no 'close'" in g.reason
               for g in facts.gaps)
    assert facts.get("return.IWD.total_return.ytd" + D) is not None


@settings(max_examples=40)
@given(day=st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2026, 8, 20)))
def test_windows_on_non_sessions_resolve_to_previous_session(
    rs: rotoscope.Rotoscope, day: dt.date
) -> None:
    prev = previous_session(day)
    on_day = window_return(PointInTime(rs.store, day), "^GSPC", "5d", "close")
    on_prev = window_return(PointInTime(rs.store, prev), "^GSPC", "5d", "close")
    assert on_day.value == on_prev.value
    assert on_day.inputs == on_prev.inputs
    assert on_day.inputs[0].last == prev
    assert bool(on_day.notes) == (not is_session(day))


@given(values=st.lists(st.floats(1, 100), min_size=1, max_size=60), n=st.integers(1, 20))
def test_sessions_since_extreme_brute_force(values: list[float], n: int) -> None:
    import numpy as np

    arr = np.array(values)
    for high in (True, False):
        assert sessions_since_extreme(arr, n, high) == \
            sessions_since_extreme_by_hand(values, n, high)


def _truncate_mirror(src: Path, dst: Path, cut: dt.date) -> None:
    """Copy the mirror, dropping every dated row after ``cut``."""
    stamp = cut.isoformat()

    def keep(line: str) -> bool:
        head = line.split(",", 1)[0].strip()
        if len(head) == 8 and head.isdigit():
            head = f"{head[:4]}-{head[4:6]}-{head[6:]}"
        if len(head) == 10 and head[4] == "-" and head[:4].isdigit():
            return head <= stamp
        return True

    for path in src.rglob("*"):
        if path.is_dir():
            continue
        target = dst / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".gz":
            with gzip.open(path, "rt", newline="") as fh:
                lines = fh.read().split("\n")
            with gzip.open(target, "wt", newline="") as fh:
                fh.write("\n".join(ln for ln in lines if keep(ln)))
        elif path.suffix == ".csv":
            lines = path.read_text().split("\n")
            target.write_text("\n".join(ln for ln in lines if keep(ln)))
        else:
            shutil.copy(path, target)


@pytest.fixture(scope="module")
def truncated_store(tmp_path_factory: pytest.TempPathFactory, mirror: Path) -> Path:
    root = tmp_path_factory.mktemp("truncated")
    _truncate_mirror(mirror, root / "data", dt.date(2026, 2, 13))
    return rotoscope.init_store(root / "data", store=root / "rotoscope.duckdb").path


def _comparable(fs: FactSet) -> dict[str, object]:
    return {f.id: (f.value, f.inputs, f.params, f.notes) for f in fs}


@settings(max_examples=4)
@given(day=st.sampled_from([dt.date(2026, 2, 9), dt.date(2026, 2, 13), dt.date(2026, 1, 23),
                            dt.date(2025, 12, 31), dt.date(2026, 2, 1), dt.date(2025, 7, 3)]))
def test_rows_after_as_of_change_no_fact(
    rs: rotoscope.Rotoscope, truncated_store: Path, day: dt.date
) -> None:
    # The same mirror cut at 2026-02-13 and in full (to 2026-08-21): every fact as of
    # a date on or before the cut is identical, gaps included.
    with rotoscope.open(truncated_store) as cut:
        short = compute_facts(cut.store, cut.universe, day)
    full = compute_facts(rs.store, rs.universe, day)
    assert _comparable(short) == _comparable(full)
    assert short.gaps == full.gaps


def test_stale_series_is_refused(rs: rotoscope.Rotoscope) -> None:
    # MDY's raw close ends 2025-09-26: as of 2026-02-09 no close-based fact is made.
    with pytest.raises(MissingFieldError, match="its last value is on 2025-09-26"):
        window_return(PointInTime(rs.store, AS_OF), "MDY", "ytd", "close")


# ---------------------------------------------------------------- calendar-period returns
@given(st.lists(st.tuples(st.integers(1, 9), st.floats(0.5, 2.0)), min_size=2, max_size=120),
       st.sampled_from(["session", "week", "month", "quarter", "year"]))
@settings(max_examples=150, deadline=None)
def test_period_returns_chain_to_the_whole_move(steps: list[tuple[int, float]],
                                                frequency: str) -> None:
    """Each period runs from the previous period's last value; together they compound
    to the move from the first period's last value to the series' last value."""
    import numpy as np

    from rotoscope.analytics._pit import SeriesData
    from rotoscope.analytics.returns import period_returns

    days, values, d, v = [], [], dt.date(2023, 12, 28), 100.0
    for gap, factor in steps:
        d += dt.timedelta(days=gap)
        v *= factor
        days.append(d)
        values.append(v)
    s = SeriesData("X", "close", np.array(days, dtype="datetime64[D]"),
                   np.array(values, dtype=np.float64), "test")
    ends, rets = period_returns(s, frequency)  # type: ignore[arg-type]
    assert ends.size == rets.size
    assert ends.size == 0 or ends[-1] == len(days) - 1
    label = {"session": lambda x: x, "week": lambda x: x.isocalendar()[:2],
             "month": lambda x: (x.year, x.month),
             "quarter": lambda x: (x.year, (x.month - 1) // 3),
             "year": lambda x: x.year}[frequency]
    # every end row is the last row of its period
    for i in ends:
        assert i == len(days) - 1 or label(days[i]) != label(days[i + 1])
    if ends.size:
        first_end = max(i for i in range(len(days)) if label(days[i]) == label(days[0]))
        whole = values[-1] / values[first_end]
        assert float(np.prod(1 + rets / 100)) == pytest.approx(whole, rel=1e-9)
