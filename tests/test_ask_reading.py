"""How ``ask`` reads questions as people type them, and the level measures behind the answers.

Expected values are read from the mirror's CSV files with the ``csv`` module
(not through rotoscope); the dates and arithmetic are written beside them.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rotoscope
from rotoscope.analytics import levels
from rotoscope.analytics._pit import PointInTime
from rotoscope.ask import Answer, Asker
from rotoscope.language._asked import NameFixer, expand_shorthand, find_asked_period, split_parts

D = dt.date
MIRROR = Path(os.environ.get("ROTOSCOPE_DATA_DIR",
                             Path(__file__).resolve().parents[2] / "shared" / "data"))
LAST = D(2026, 8, 21)  # the newest row of the mirror (^GSPC, ^RUT, ^IXIC)


def rows(file: str, column: str = "close", folder: str = "prices") -> list[tuple[D, float]]:
    """Non-empty values of one column of a mirror CSV file, in date order."""
    with (MIRROR / folder / file).open(newline="") as fh:
        return [(D.fromisoformat(r["date"]), float(r[column])) for r in csv.DictReader(fh)
                if r[column]]


@pytest.fixture(scope="module")
def rs(store_path: Path) -> Iterator[rotoscope.Rotoscope]:
    with rotoscope.open(store_path) as r:
        yield r


@pytest.fixture(scope="module")
def asker(rs: rotoscope.Rotoscope) -> Asker:
    return Asker(rs.store, rs.universe)


def lead(a: Answer) -> dict[str, object]:
    assert a.answerable, a.answer
    assert a.verification["ok"], a.verification["failures"]
    return a.facts[0]


# ------------------------------------------------------------------ the analytics
def test_extreme_close_in_a_window(rs: rotoscope.Rotoscope) -> None:
    pit = PointInTime(rs.store, LAST)
    high, on = levels.extreme_close(pit, "^GSPC", "ytd", "high")
    # ^GSPC closes 2026-01-02..2026-08-21: the highest is 7,798.99 on 2026-08-13
    year = [(d, v) for d, v in rows("_GSPC.csv") if D(2026, 1, 1) <= d <= LAST]
    best = max(year, key=lambda r: r[1])
    assert (best[0], round(best[1], 2)) == (D(2026, 8, 13), 7798.99)
    assert high.value == pytest.approx(best[1])
    assert on.value == best[0]
    assert high.inputs[0].first == D(2026, 1, 2)
    low, low_on = levels.extreme_close(pit, "^RUT", "252d", "low")
    # the 252 ^RUT closes ending 2026-08-21 run from 2025-08-21, whose 2,274.10 is the lowest
    last252 = [(d, v) for d, v in rows("_RUT.csv") if d <= LAST][-252:]
    worst = min(last252, key=lambda r: r[1])
    assert last252[0][0] == D(2025, 8, 21)
    assert (worst[0], round(worst[1], 2)) == (D(2025, 8, 21), 2274.1)
    assert (low.value, low_on.value) == (pytest.approx(worst[1]), worst[0])


def test_since_window_extremes_count_sessions_after_the_date(rs: rotoscope.Rotoscope) -> None:
    pit = PointInTime(rs.store, LAST)
    low, on = levels.extreme_close(pit, "^GSPC", "since-2025-12-31", "low")
    # "since the start of 2026": sessions from 2026-01-02; the lowest ^GSPC close is
    # 6,343.72 on 2026-03-30 (the 2025-12-31 close, 6,845.50, is not in the window)
    assert round(float(low.value), 2) == 6343.72  # type: ignore[arg-type]
    assert on.value == D(2026, 3, 30)
    assert low.inputs[0].first == D(2026, 1, 2)


def test_sma_cross_dates(rs: rotoscope.Rotoscope) -> None:
    pit = PointInTime(rs.store, LAST)
    closes = [v for d, v in rows("_RUT.csv") if d <= LAST]
    dates = [d for d, _ in rows("_RUT.csv") if d <= LAST]
    i = dates.index(D(2026, 3, 30))
    sma = sum(closes[i - 199:i + 1]) / 200
    sma_before = sum(closes[i - 200:i]) / 200
    # ^RUT 2026-03-30 close 2,414.01 < its 200-session mean 2,439.53; 2026-03-27 close
    # 2,449.70 >= 2,438.20: the latest cross below
    assert closes[i] < sma
    assert closes[i - 1] >= sma_before
    assert round(sma, 2) == 2439.53
    cross = levels.sma_cross(pit, "^RUT", 200, "below")
    assert cross.value == D(2026, 3, 30)
    # ^GSPC crossed back above its 200-day on 2026-04-08 (6,782.81 vs 6,655.00)
    assert levels.sma_cross(pit, "^GSPC", 200, "above").value == D(2026, 4, 8)


def test_yield_change_in_basis_points(rs: rotoscope.Rotoscope) -> None:
    pit = PointInTime(rs.store, LAST)
    fred = rows("fred_daily.csv", "DGS10", "macro")
    # DGS10 2026-07-31 = 4.75, 2026-08-20 = 4.69: (4.69 - 4.75) x 100 = -6 bp
    assert dict(fred)[D(2026, 7, 31)] == 4.75
    assert dict(fred)[D(2026, 8, 20)] == 4.69
    change = levels.yield_change(pit, "DGS10", "mtd")
    assert change.unit == "bp"
    assert change.value == pytest.approx(-6.0)
    pp = levels.yield_change(pit, "DGS10", "mtd", unit="pp")
    assert (pp.unit, pp.value) == ("pp", pytest.approx(-0.06))


def test_curve_change(rs: rotoscope.Rotoscope) -> None:
    fred = rows("fred_daily.csv", "DGS10", "macro")
    two = dict(rows("fred_daily.csv", "DGS2", "macro"))
    ten = dict(fred)
    # 2s10s 2024-12-31 = 4.58 - 4.25 = 0.33; 2025-12-31 = 4.18 - 3.47 = 0.71: +38 bp in 2025
    assert (ten[D(2024, 12, 31)], two[D(2024, 12, 31)]) == (4.58, 4.25)
    assert (ten[D(2025, 12, 31)], two[D(2025, 12, 31)]) == (4.18, 3.47)
    (change,) = levels.curve_change(PointInTime(rs.store, D(2025, 12, 31)), "year-2025")
    assert change.value == pytest.approx(38.0)
    assert (change.inputs[0].first, change.inputs[0].last) == (D(2024, 12, 31),
                                                               D(2025, 12, 31))


# ------------------------------------------------------------------ shorthand and typos
@pytest.mark.parametrize(("typed", "read"), [
    ("spx ytd", "S&P 500 ytd"),
    ("rut vs spx", "Russell 2000 vs S&P 500"),
    ("ndx 1y", "Nasdaq-100 over the past year"),
    ("how did the russel do", "how did the Russell do"),
    ("nasdak 2H25", "Nasdaq 2H 2025"),
    ("52-wk high", "52-week high"),
    ("below the 200 dma", "below the 200-day moving average"),
    ("10-yr yield in bps", "10-year yield in basis points"),
    ("what's the curve", "what is the curve"),
])
def test_shorthand_is_spelt_out(rs: rotoscope.Rotoscope, typed: str, read: str) -> None:
    assert expand_shorthand(typed, NameFixer(rs.universe)) == read


def test_ordinary_words_are_not_corrected(rs: rotoscope.Rotoscope) -> None:
    text = "Did the rally in small caps outlast the selloff in value stocks?"
    assert NameFixer(rs.universe).fix(text) == text


# ------------------------------------------------------------------ periods
@pytest.mark.parametrize(("text", "window", "end"), [
    ("between March 3, 2026 and June 30, 2026", "since-2026-03-03", D(2026, 6, 30)),
    ("from 2026-01-15 to 2026-04-15", "since-2026-01-15", D(2026, 4, 15)),
    ("in the year after April 8, 2025", "since-2025-04-08", D(2026, 4, 8)),
    ("over the six months after January 2, 2026", "since-2026-01-02", D(2026, 7, 2)),
    ("since last year's low", "low-2025-01-01-2025-12-31", None),
    ("off its April 2025 low", "low-2025-04-01-2025-04-30", None),
    ("since this year's low", "low-2026-01-01-2026-08-21", None),
    ("in Q3", "quarter-2026-q3", None),
    ("in the fourth quarter", "quarter-2025-q4", None),  # the latest Q4 that has begun
])
def test_question_periods(text: str, window: str, end: D | None) -> None:
    found = find_asked_period(text, LAST)
    assert found is not None
    assert (found.window, found.end) == (window, end)


def test_multi_part_questions_are_split() -> None:
    assert split_parts("How did the S&P 500 do ytd, and how far is it from its record?") == [
        "How did the S&P 500 do ytd", "how far is it from its record?"]
    assert split_parts("Did small caps and large caps rise this year?") == [
        "Did small caps and large caps rise this year?"]


# ------------------------------------------------------------------ answers
def test_half_year_change(asker: Asker) -> None:
    a = asker.ask("how did the russel do in H1?")
    f = lead(a)
    # ^RUT 2025-12-31 = 2,481.91 -> 2026-06-30 = 3,024.37: (3024.37 / 2481.91 - 1) x 100 = 21.86%
    rut = dict(rows("_RUT.csv"))
    expected = (rut[D(2026, 6, 30)] / rut[D(2025, 12, 31)] - 1) * 100
    assert round(expected, 2) == 21.86
    assert f["value"] == pytest.approx(expected)
    assert f["method"] == "price_return"
    assert a.interpretation.period["window"] == "half-2026-h1"


def test_range_between_two_dates_is_not_one_day(asker: Asker) -> None:
    a = asker.ask("How did the S&P 500 do between March 3, 2026 and June 30, 2026?")
    f = lead(a)
    spx = dict(rows("_GSPC.csv"))
    # ^GSPC 2026-03-03 -> 2026-06-30 = 7,499.36: a change over four months, not one day
    expected = (spx[D(2026, 6, 30)] / spx[D(2026, 3, 3)] - 1) * 100
    assert f["value"] == pytest.approx(expected)
    assert a.as_of == asker.last


def test_record_distance_and_correction(asker: Asker) -> None:
    a = asker.ask("Is the Nasdaq in correction territory?", as_of=D(2025, 4, 8))
    f = lead(a)
    # ^IXIC record close to 2025-04-08: 20,173.89 on 2024-12-16; close 2025-04-08 = 15,267.91:
    # (15267.91 / 20173.89 - 1) x 100 = -24.32%: bear-market territory
    ixic = [(d, v) for d, v in rows("_IXIC.csv") if d <= D(2025, 4, 8)]
    top = max(v for _, v in ixic)
    expected = (ixic[-1][1] / top - 1) * 100
    assert round(expected, 2) == -24.32
    assert f["value"] == pytest.approx(expected)
    assert "bear-market territory" in a.answer


def test_yield_change_is_never_a_percent_change(asker: Asker) -> None:
    a = asker.ask("How much did the 10-yr yield change this year?")
    f = lead(a)
    # ^TNX ends 2026-07-31 (4.745) in the mirror; 2025-12-31 = 4.163: +58.2 bp
    tnx = dict(rows("_TNX.csv"))
    assert f["unit"] == "bp"
    assert f["value"] == pytest.approx((tnx[D(2026, 7, 31)] - tnx[D(2025, 12, 31)]) * 100)
    assert "basis points" in a.answer
    assert "%" not in a.answer.split("from")[0]


def test_rolling_share_is_reached(asker: Asker) -> None:
    f = lead(asker.ask("In what share of rolling 10-year windows did small caps beat big?"))
    assert f["method"] == "rolling_window_share"
    assert f["subjects"] == ["SMB"]


def test_comparison_leads_with_the_gap_and_names_the_etfs(asker: Asker) -> None:
    a = asker.ask("IWM vs SPY in H1 2026, by how much?")
    f = lead(a)
    assert f["kind"] == "spread"
    assert f["subjects"] == ["IWM", "SPY"]
    iwm, spy = dict(rows("IWM.csv")), dict(rows("SPY.csv"))
    # IWM 246.16 -> 300.45 (+22.05%), SPY 681.92 -> 746.77 (+9.51%): +12.54 pp on price
    gap = ((iwm[D(2026, 6, 30)] / iwm[D(2025, 12, 31)] - 1)
           - (spy[D(2026, 6, 30)] / spy[D(2025, 12, 31)] - 1)) * 100
    assert f["value"] == pytest.approx(gap)
    assert a.answer.startswith("The iShares Russell 2000 ETF (IWM) outperformed")
    assert "Including dividends" in a.answer  # price and total return differ


@pytest.mark.parametrize("question", [
    "What's the Sharpe ratio of the Nasdaq over the past 3 years?",
    "How did the S&P 500 do during the Liberation Day selloff?",
    "What was the correlation between XLK and XLE this year?",
    "The Russell 2000, hmm?",
])
def test_unreadable_measures_and_periods_are_declined(asker: Asker, question: str) -> None:
    a = asker.ask(question)
    assert not a.answerable
    assert a.facts == []
    assert 2 <= len(a.suggestions) <= 3
    assert "Questions that would work" in a.answer


def test_each_part_is_answered_or_named(asker: Asker) -> None:
    a = asker.ask("How did the Russell 2000 do ytd and what is its P/E?")
    assert a.answerable
    assert a.facts[0]["method"] == "price_return"
    assert "The part “what is its P/E?” cannot be answered" in a.answer
    both = asker.ask("How did the Russell 2000 do ytd, and how far is it from its record close?")
    kinds = [f["kind"] for f in both.facts]
    assert kinds[0] == "return"
    assert "tech.drawdown_record" in kinds


def test_stale_today_says_the_date(asker: Asker) -> None:
    a = asker.ask("How did the Nasdaq do today?")
    assert a.answerable
    assert "August 21, 2026" in a.answer
    if (dt.date.today() - asker.last).days > 7:
        assert any("before today" in n for n in a.notes)


def test_index_points_are_points(asker: Asker) -> None:
    a = asker.ask("How many points did the S&P 500 gain this year?")
    f = lead(a)
    spx = dict(rows("_GSPC.csv"))
    # ^GSPC 2025-12-31 = 6,845.50 -> 2026-08-21 = 7,674.37: +828.87 points (+12.11%)
    assert f["method"] == "point_change"
    assert f["value"] == pytest.approx(spx[LAST] - spx[D(2025, 12, 31)])
    assert "828.87 points" in a.answer


def test_several_periods_are_answered_in_turn(asker: Asker) -> None:
    a = asker.ask("How did the S&P 500 do in 2024 and 2025?")
    spx = dict(rows("_GSPC.csv"))
    # 2023-12-29 = 4,769.83 -> 2024-12-31 = 5,881.63 (+23.31%); -> 2025-12-31 = 6,845.50
    want = [(spx[D(2024, 12, 31)] / spx[D(2023, 12, 29)] - 1) * 100,
            (spx[D(2025, 12, 31)] / spx[D(2024, 12, 31)] - 1) * 100]
    got = [f["value"] for f in a.facts if f["kind"] == "return"]
    assert got[:2] == [pytest.approx(want[0]), pytest.approx(want[1])]


def test_numeric_and_dashed_ranges(asker: Asker) -> None:
    spx = dict(rows("_GSPC.csv"))
    a = asker.ask("S&P 500 change, Feb 2 2026 - Apr 30 2026")
    # ^GSPC 2026-02-02 = 6,976.44 -> 2026-04-30
    assert lead(a)["value"] == pytest.approx(
        (spx[D(2026, 4, 30)] / spx[D(2026, 2, 2)] - 1) * 100)
    b = asker.ask("How did the S&P 500 do between 1/2/2026 and 3/31/2026?")
    assert lead(b)["value"] == pytest.approx(
        (spx[D(2026, 3, 31)] / spx[D(2026, 1, 2)] - 1) * 100)


def test_a_change_without_a_period_is_declined(asker: Asker) -> None:
    a = asker.ask("How is the S&P doing?")
    assert not a.answerable
    assert "no period" in a.answer


def test_the_market_is_the_sp500_with_a_note(asker: Asker) -> None:
    a = asker.ask("How did the market do in 2025?")
    assert lead(a)["subjects"] == ["^GSPC"]
    assert any("S&P 500" in n for n in a.notes)


def test_follow_ups_stay_with_their_question(asker: Asker) -> None:
    a = asker.ask("Did small caps outperform in 2025? By how much?")
    f = lead(a)
    assert f["kind"] == "spread"
    assert "cannot be answered" not in a.answer


@pytest.mark.parametrize("subjects", [(), ("^RUT",), ("^RUT", "^GSPC"), ("DGS10",), ("AAPL",),
                                      ("QQQ", "SPY")])
def test_suggested_questions_are_answered(asker: Asker, subjects: tuple[str, ...]) -> None:
    suggestions = asker.suggestions(subjects)
    assert 2 <= len(suggestions) <= 3
    for q in suggestions:
        a = asker.ask(q)
        assert a.answerable, (q, a.answer)
        assert a.verification["ok"], (q, a.verification["failures"])


@pytest.mark.parametrize("question", [
    "What was the dividend yield of the S&P 500?",
    "What is the Russell 2000's average daily return this year?",
    "How did the S&P 500 do in the week after the March 2026 low?",
    "How far did the S&P 500 fall from its February 2026 high to its March 2026 low?",
    "How did the Dow do in the first half of 2026?",  # ^DJI ends 2026-03-06
])
def test_no_substitute_is_given(asker: Asker, question: str) -> None:
    assert not asker.ask(question).answerable


def test_each_series_named_without_a_comparison(asker: Asker) -> None:
    a = asker.ask("Give me the YTD return for the S&P 500 and the Nasdaq")
    ytd = [f["subjects"] for f in a.facts if str(f["id"]).startswith("return.")
           and ".price_return.ytd@" in str(f["id"])]
    assert ytd == [["^GSPC"], ["^IXIC"]]


def test_a_yield_level_moves_in_basis_points(asker: Asker) -> None:
    a = asker.ask("What was the 10-year yield on March 3, 2026?")
    tnx = rows("_TNX.csv")
    day = next(i for i, (d, _) in enumerate(tnx) if d == D(2026, 3, 3))
    # ^TNX 2026-03-03 = 4.06 against the session before: (4.06 - previous) x 100 bp
    change = (tnx[day][1] - tnx[day - 1][1]) * 100
    assert a.facts[0]["value"] == pytest.approx(tnx[day][1])
    assert a.facts[1]["unit"] == "bp"
    assert a.facts[1]["value"] == pytest.approx(change)
    assert "%" not in a.answer.split("That was")[1]


def test_a_yield_is_not_compared_with_a_return(asker: Asker) -> None:
    a = asker.ask("How did the 10-year yield do vs the S&P 500 this year?")
    assert not a.answerable
    assert "basis points" in a.answer


def test_a_comparison_over_the_week_of_a_date(asker: Asker) -> None:
    a = asker.ask("How did small caps do against large caps in the week of August 10, 2026?")
    f = lead(a)
    rut, spx = dict(rows("_RUT.csv")), dict(rows("_GSPC.csv"))
    # Friday 2026-08-07 -> Friday 2026-08-14: ^RUT +1.12%, ^GSPC +0.36%: +0.76 pp
    gap = ((rut[D(2026, 8, 14)] / rut[D(2026, 8, 7)] - 1)
           - (spx[D(2026, 8, 14)] / spx[D(2026, 8, 7)] - 1)) * 100
    assert round(gap, 2) == 0.76
    assert f["value"] == pytest.approx(gap)


# ------------------------------------------------------------------ properties
_SUBJECTS = ("the Russell 2000", "russell 2000", "the russel 2000", "RUT", "rut", "small caps")
_PERIODS = ("ytd", "YTD", "year to date", "year-to-date", "so far this year")
_FORMS = ("How did {s} do {p}?", "{p}, how did {s} do?", "{s} {p}", "how has {s} done {p}")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=st.sampled_from(_SUBJECTS), p=st.sampled_from(_PERIODS),
       form=st.sampled_from(_FORMS), case=st.sampled_from(("as", "lower", "upper")))
def test_paraphrases_give_the_same_facts(asker: Asker, s: str, p: str, form: str,
                                         case: str) -> None:
    question = form.format(s=s, p=p)
    question = {"as": question, "lower": question.lower(), "upper": question.upper()}[case]
    a = asker.ask(question)
    base = asker.ask("How did the Russell 2000 do year to date?")
    assert a.answerable, (question, a.answer)
    assert [f["id"] for f in a.facts] == [f["id"] for f in base.facts]
    assert a.facts[0]["value"] == base.facts[0]["value"]


_TEMPLATES = ("Where did the S&P 500 close on {d}?", "How did small caps do as of {d}?",
              "How did the Russell 2000 do in the year after {d}?",
              "What was the Nasdaq's highest close since {d}?",
              "How did the S&P 500 do between {d} and August 14, 2026?")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=D(2024, 1, 2), max_value=D(2026, 8, 13)),
       template=st.sampled_from(_TEMPLATES), iso=st.booleans())
def test_no_answer_is_as_of_a_date_in_the_question(asker: Asker, day: D, template: str,
                                                   iso: bool) -> None:
    named = day.isoformat() if iso else f"{day:%B} {day.day}, {day.year}"
    a = asker.ask(template.format(d=named))
    assert a.as_of == asker.last
    assert a.as_of != day


def test_sectors_without_a_period_are_declined(asker: Asker) -> None:
    # no period is read from "Which sectors are leading?": the answer says so and suggests
    # periods; with one ("over the past 30 sessions") the ranking is answered
    a = asker.ask("Which sectors are leading?")
    assert not a.answerable
    assert "no period" in a.answer
    assert a.facts == []
    assert asker.ask("Which sectors are leading year to date?").answerable
