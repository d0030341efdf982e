"""What a sentence's numbers are about: the session "today" is, event dates, and scope.

Correct writing, in our own sentences, that the checker once misread (and so
accused of errors it did not make): a weekend-dated recap that names the day a
record was set, a drawdown from a dated record, a sentence that opens with
"Since <date>", a peak "reached in" an earlier month, a list under "By Friday
...:", a paragraph about one dated session, a gain after the verb "lagged", a
name's own move in points after two other names, "12 of the last 13 sessions",
a ticker described by an appositive and a quarter named by "from the first
quarter, when".

Every expected value was worked out from ``prices/*.csv`` and
``macro/fred_daily.csv`` with the csv module, independently of rotoscope:

- ^GSPC 2025-12-31 6,845.5 -> 2026-01-30 6,939.029785 = +1.3663 %; the record close up
  to 2026-01-30 is 6,978.600098 on 2026-01-27.
- ^GSPC 2026-06-12 7,431.459961; its highest close up to then 7,609.779785 (2026-06-02):
  7,431.459961 / 7,609.779785 - 1 = -2.3433 %.
- ^IXIC 2026-06-12 25,888.839844; highest close up to then 27,093.900391 (2026-06-02):
  -4.4477 %. ^IXIC 2025-12-31 23,241.990234 -> 2026-01-30 23,461.820312 = +0.9458 %.
- ^TNX 2024-09-17 3.642 -> 2024-12-18 4.494: +85.2 basis points.
- ^VIX 2020-03-13 57.830002 -> 2020-03-16 82.690002: +24.86 points.
- ^VIX 2024-08-02 23.389999 -> 2024-08-05 38.57 = +64.8995 %; its 2024-08-05 high 65.730003.
- ^DJI 2024-08-02 39,737.261719 -> 2024-08-05 38,703.269531: -1,033.99 points.
- IWM 2024-08-02 208.919998 -> 2024-08-09 206.460007 = -1.1775 %;
  IWM 2025-12-31 246.160004 -> 2026-06-12 292.950012 = +19.0080 %.
- IWD adj_close 2025-12-31 208.884186 -> 2026-03-31 212.998444 = +1.9696 %.
- DGS2 2024-08-09 4.05 (3.88 on 2024-08-02).
- ^GSPC over the 13 sessions to 2026-04-17: 12 up closes, the last five in a row.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import rotoscope
from rotoscope.check import CheckResult
from rotoscope.check._verify import CheckedClaim


@pytest.fixture(scope="module")
def rs(store_path: Path) -> rotoscope.Rotoscope:
    return rotoscope.Rotoscope(store_path)


def _check(rs: rotoscope.Rotoscope, text: str) -> CheckResult:
    """Check ``text`` as of its own dateline, as ``rotoscope check FILE`` does."""
    return rs.check_claims(text)


def _one(result: CheckResult, needle: str, metric: str | None = None) -> CheckedClaim:
    """The claim whose quoted number is ``needle`` (and whose metric is ``metric``)."""
    for c in result.claims:
        q = result.text[c.claim.quantity.span[0]:c.claim.quantity.span[1]]
        if q == needle and metric in (None, c.claim.metric):
            return c
    found = [(c.claim.text(result.text), c.claim.metric) for c in result.claims]
    raise AssertionError(f"no claim for {needle!r} in {found}")


def _no_contradiction(result: CheckResult) -> None:
    wrong = [(c.claim.text(result.text), c.explanation) for c in result.claims
             if c.verdict == "contradicted"]
    assert not wrong


# ----------------------------------------------------------------- the session "today" is
def test_a_weekend_recap_is_read_as_of_the_last_session(rs: rotoscope.Rotoscope) -> None:
    # dated Sunday 2026-02-01: "today" is Friday 2026-01-30, whatever earlier day it names
    res = _check(rs, "Published 2026-02-01.\n\nThe S&P 500 added 1.37% in January and ended "
                     "the month at 6,939.03, just under the record close of 6,978.60 it set on "
                     "January 27.")
    assert res.reference == dt.date(2026, 1, 30)
    assert not res.notes
    change = _one(res, "1.37%")
    assert change.verdict == "confirmed"
    assert change.computed == pytest.approx(1.3663, abs=5e-4)
    assert _one(res, "6,939.03").verdict == "confirmed"
    _no_contradiction(res)


def test_the_day_a_record_was_set_does_not_date_the_text(rs: rotoscope.Rotoscope) -> None:
    # dated on a session (Friday 2026-01-30); January 27 is when the record was set
    res = _check(rs, "Published 2026-01-30.\n\nThe S&P 500 closed at 6,939.03, a little shy "
                     "of the record it set on January 27.")
    assert res.reference == dt.date(2026, 1, 30)
    assert _one(res, "6,939.03").verdict == "confirmed"


def test_a_text_dated_on_a_session_may_speak_of_the_one_before(
        rs: rotoscope.Rotoscope) -> None:
    # written before Tuesday's close, it names Monday: "today" is Monday (as before)
    res = _check(rs, "Published 2024-08-06.\n\nOn Monday, August 5, the Dow lost 1,033.99 "
                     "points.")
    assert res.reference == dt.date(2024, 8, 5)
    assert _one(res, "1,033.99 points").verdict == "confirmed"


# ----------------------------------------------------------------- dates of events
def test_a_drawdown_from_a_dated_record(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2026-06-12.\n\nThe S&P 500 finished at 7,431.46, 2.3% below "
                     "its June 2 record close of 7,609.78.")
    dd = _one(res, "2.3%")
    assert (dd.claim.metric, dd.verdict) == ("drawdown", "confirmed")
    assert dd.computed == pytest.approx(-2.3433, abs=5e-4)
    level = _one(res, "7,431.46")
    assert level.end == dt.date(2026, 6, 12)  # the close of the day, not of June 2
    assert level.verdict == "confirmed"
    _no_contradiction(res)


def test_below_a_dated_record_named_without_its_level(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2026-06-12.\n\nThe Nasdaq ended at 25,888.84 and is still "
                     "4.4% below its June 2 record.")
    dd = _one(res, "4.4%")
    assert (dd.claim.metric, dd.verdict) == ("drawdown", "confirmed")
    assert dd.computed == pytest.approx(-4.4477, abs=5e-4)
    # the record is the yardstick of the distance, not a claim that one was set
    assert not [c for c in res.claims if c.claim.metric == "extreme"]
    _no_contradiction(res)


def test_a_record_not_set_is_no_record_claim(rs: rotoscope.Rotoscope) -> None:
    # ^RUT's record close, 2,442.73999 (2021-11-08), was not reached in 2024 (2,442.030029
    # on 2024-11-25 at most); 2024-12-31 2,230.159912 is 8.7025 % below it
    res = _check(rs, "Dec. 31, 2024 — The Russell 2000 never managed a record close in 2024, "
                     "and it ended the year 8.7% beneath its 2021 record.")
    assert not [c for c in res.claims if c.claim.metric == "extreme"]
    dd = _one(res, "8.7%")
    assert (dd.claim.metric, dd.verdict) == ("drawdown", "confirmed")
    assert dd.computed == pytest.approx(-8.7025, abs=5e-4)


def test_from_a_record_low_is_no_drawdown(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2026-06-12.\n\nThe Nasdaq is up 30% from its record low.")
    assert _one(res, "30%").claim.metric != "drawdown"


def test_a_sentence_that_opens_with_since_a_date(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2024-12-18.\n\nSince September 17, the 10-year yield has "
                     "climbed 85 basis points.")
    move = _one(res, "85 basis points")
    assert (move.start, move.end) == (dt.date(2024, 9, 17), dt.date(2024, 12, 18))
    assert move.verdict == "confirmed"
    assert move.computed == pytest.approx(0.852, abs=5e-4)  # in percentage points


def test_a_peak_reached_in_an_earlier_month(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2020-03-16.\n\nThe VIX jumped 24.86 points to 82.69, above "
                     "the peak reached in November 2008.")
    move = _one(res, "24.86 points")
    assert (move.start, move.end) == (dt.date(2020, 3, 13), dt.date(2020, 3, 16))
    assert move.computed == pytest.approx(24.86, abs=0.005)
    _no_contradiction(res)


# ----------------------------------------------------------------- scope of lines and paragraphs
def test_by_friday_is_no_one_session_period(rs: rotoscope.Rotoscope) -> None:
    text = ("The Week Behind Us\nWeek ending August 9, 2024\n\nPublished August 10, 2024\n\n"
            "By Friday the tally read:\n- S&P 500: 5,344.16\n\n"
            "Small caps trailed, with IWM down 1.18%.\n")
    res = _check(rs, text)
    iwm = _one(res, "1.18%")
    assert (iwm.start, iwm.end) == (dt.date(2024, 8, 2), dt.date(2024, 8, 9))
    assert iwm.verdict == "confirmed"
    assert iwm.computed == pytest.approx(-1.1775, abs=5e-4)


def test_on_the_day_is_the_session_the_paragraph_is_about(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2024-08-10.\n\nMonday was the worst of it: the S&P 500 sank "
                     "3.00% on August 5. The VIX touched an intraday high of 65.73 and closed "
                     "at 38.57, up 64.9% on the day.")
    assert res.reference == dt.date(2024, 8, 9)
    up = _one(res, "64.9%")
    assert (up.start, up.end) == (dt.date(2024, 8, 2), dt.date(2024, 8, 5))
    assert up.computed == pytest.approx(64.8995, abs=5e-4)
    high = _one(res, "65.73")
    assert high.verdict == "confirmed"
    assert high.computed == pytest.approx(65.73, abs=0.005)  # the session's high, not its close
    _no_contradiction(res)


def test_a_possessive_period_after_a_number_is_not_its_period(
        rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2024-08-10.\n\nThe 2-year yield ended the week at 4.05%, "
                     "undoing part of the prior week's plunge.")
    level = _one(res, "4.05%")
    assert level.end == dt.date(2024, 8, 9)
    assert level.verdict in ("confirmed", "approximate")


# ----------------------------------------------------------------- subjects, signs and counts
def test_a_gain_after_lagged_is_a_gain(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2026-01-30.\n\nThe Nasdaq Composite lagged in January with a "
                     "0.95% monthly gain.")
    gain = _one(res, "0.95%")
    assert gain.claim.claimed == pytest.approx(0.95)
    assert gain.verdict == "confirmed"


def test_the_third_name_moves_by_its_own_points(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2024-08-05.\n\nThe S&P 500 sank 3.00%, while the Nasdaq "
                     "Composite dropped 3.43% and the Dow lost 1,033.99 points.")
    dow = _one(res, "1,033.99 points")
    assert (dow.claim.metric, dow.claim.subject) == ("change", "^DJI")
    assert dow.computed == pytest.approx(-1033.99, abs=0.01)
    _no_contradiction(res)


def test_twelve_of_the_last_thirteen_is_a_count_not_a_streak(
        rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2026-04-17.\n\nThe S&P 500 rose for a fifth straight session "
                     "and has now gained in 12 of the last 13 sessions.")
    assert not [c for c in res.claims if c.claim.metric == "streak"]
    runs = sorted((c.claim.claimed, c.verdict) for c in res.claims if c.claim.metric == "run")
    assert runs == [(5.0, "confirmed"), (12.0, "confirmed")]


def test_an_appositive_does_not_rename_the_ticker(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2026-06-12.\n\nIWM, the biggest small-cap fund, closed at "
                     "$292.95, up 19.01% so far this year.")
    ytd = _one(res, "19.01%")
    assert ytd.claim.subject == "IWM"
    assert ytd.computed == pytest.approx(19.0080, abs=5e-4)
    assert _one(res, "$292.95").claim.subject == "IWM"
    _no_contradiction(res)


def test_from_the_first_quarter_when(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2026-07-31.\n\nValue kept its lead, a pattern seen in the "
                     "first months of the year: a theme from the first quarter, when IWD "
                     "returned 1.97%.")
    q1 = _one(res, "1.97%")
    assert (q1.start, q1.end) == (dt.date(2025, 12, 31), dt.date(2026, 3, 31))
    assert q1.computed == pytest.approx(1.9696, abs=5e-4)


# ----------------------------------------------------------------- what contradicts what
def test_one_move_in_percent_and_in_points_is_no_conflict(rs: rotoscope.Rotoscope) -> None:
    # ^DJI 2025-12-31 48,063.29 -> 2026-01-30 48,892.47: +1.7252 %, +829.18 points
    res = _check(rs, "Published 2026-01-30.\n\nThe Dow rose 1.73%, or 829.18 points, in "
                     "January.")
    assert [c.verdict for c in res.claims] == ["confirmed", "confirmed"]
    assert not res.conflicts


def test_two_numbers_for_one_move_are_a_conflict(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2026-01-30.\n\nThe Dow rose 1.73% in January. In January the "
                     "Dow rose 2.4%.")
    assert len(res.conflicts) == 1


def test_the_high_of_fund_flows_is_not_a_price_high(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2026-04-17.\n\nMoney flowing into tech ETFs reached a "
                     "six-week high, a broker said: inflows hit a six-week high.")
    assert res.claims
    assert all(c.verdict == "unverifiable" and c.claim.metric == "other" for c in res.claims)


def test_a_table_row_named_industrial_average(rs: rotoscope.Rotoscope) -> None:
    # ^DJI 2024-11-05 42,221.878906 -> 2024-11-06 43,729.929688: +1,508.05 points,
    # +3.5717 %; from 2023-12-29 (37,689.539062): +16.0267 %
    text = ("Published 2024-11-06.\n\n| Index | Close | Change | % Change | YTD |\n"
            "|---|---|---|---|---|\n"
            "| Dow Jones Industrial Average | 43,729.93 | +1,508.05 | +3.57% | +16.03% |\n")
    res = _check(rs, text)
    got = [(c.claim.subject, c.claim.metric, c.verdict) for c in res.claims]
    assert got == [("^DJI", "level", "confirmed"), ("^DJI", "change", "confirmed"),
                   ("^DJI", "change", "confirmed"), ("^DJI", "change", "confirmed")]
    assert res.claims[-1].computed == pytest.approx(16.0267, abs=5e-4)


def test_a_yield_move_matching_the_other_source_of_the_same_maturity(
        rs: rotoscope.Rotoscope) -> None:
    # DGS10 2024-11-05 4.26 -> 2024-11-06 4.42: +16 bp; ^TNX 4.289 -> 4.426: +13.7 bp
    res = _check(rs, "Published 2024-11-06.\n\nThe 10-year Treasury yield rose 16 basis points "
                     "on the day.")
    move = _one(res, "16 basis points")
    assert move.verdict == "approximate"
    assert move.computed == pytest.approx(0.16, abs=1e-9)  # in percentage points
    assert "DGS10" in move.explanation


# ----------------------------------------------------------------- written before the close
# ^GSPC 2024-07-31 5,522.299805 -> 2024-08-05 5,186.330078 = -6.0839 %;
# ^IXIC 2024-07-10 18,647.449219 -> 2024-08-05 16,200.080078 = -13.1244 %;
# ^VIX 2024-08-02 23.389999, 2024-08-05 38.57 (no close as high from November 2020 to
# then: the highest, 37.209999 on 2021-01-27); ^VIX 2020-03-13 57.830002.
def test_a_morning_story_about_the_session_before(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "NEW YORK, Aug. 6, 2024 — Traders took stock on Tuesday morning after "
                     "Monday's rout. The S&P 500 fell 3.0% on Monday, leaving it down about "
                     "6.1% from its close on July 31, and the Nasdaq is 13.1% under its July "
                     "10 peak. The VIX closed at 38.57, up from 23.39 on Friday and its "
                     "highest close since October 2020.")
    assert res.reference == dt.date(2024, 8, 5)
    since = _one(res, "about 6.1%")
    assert (since.start, since.end) == (dt.date(2024, 7, 31), dt.date(2024, 8, 5))
    assert since.computed == pytest.approx(-6.0839, abs=5e-4)
    peak = _one(res, "13.1%")
    assert (peak.start, peak.end) == (dt.date(2024, 7, 10), dt.date(2024, 8, 5))
    assert peak.computed == pytest.approx(-13.1244, abs=5e-4)
    assert _one(res, "38.57").end == dt.date(2024, 8, 5)
    record = next(c for c in res.claims if c.claim.metric == "extreme")
    assert record.end == dt.date(2024, 8, 5)
    _no_contradiction(res)


def test_a_dateline_before_the_open(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "March 16, 2020, 6:45 a.m. ET — Futures point lower. The VIX settled "
                     "at 57.83 in the last session.")
    assert res.reference == dt.date(2020, 3, 13)
    assert _one(res, "57.83").verdict == "confirmed"


def test_a_closing_text_that_mentions_the_morning_edition(rs: rotoscope.Rotoscope) -> None:
    # written after the close: "this morning's pre-market note" does not date it earlier
    res = _check(rs, "Closing Bell · Monday, August 5, 2024\n\nSince this morning's "
                     "pre-market note, the S&P 500 fell 3.0%.")
    assert res.reference == dt.date(2024, 8, 5)


def test_a_gap_between_two_yields_is_not_one_yields_move(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2025-07-04. On Thursday the two-year yield climbed to 3.88%, "
                     "widening the gap between them to 47 basis points.")
    gap = _one(res, "47 basis points")
    assert (gap.claim.metric, gap.verdict) == ("other", "unverifiable")


def test_a_start_level_with_a_day_of_its_own(rs: rotoscope.Rotoscope) -> None:
    # ^VIX 2020-03-12 75.470001, 2020-03-13 57.830002; the text was written before the
    # open of Monday 2020-03-16, so "6:45" and "45" are no numbers of its
    res = _check(rs, "March 16, 2020, 6:45 a.m. ET — The VIX settled at 57.83 on Friday, "
                     "down from 75.47 the prior session.")
    assert [c.claim.claimed for c in res.claims] == [57.83, 75.47]
    start = _one(res, "75.47")
    assert (start.end, start.verdict) == (dt.date(2020, 3, 12), "confirmed")


def test_a_figure_of_an_unnamed_earlier_day_is_not_judged(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2025-07-03. The 10-year yield rose to 4.35% on Thursday from "
                     "4.29% a week earlier.")
    assert _one(res, "4.29%").verdict == "unverifiable"


# ----------------------------------------------------------------- averages, runs, quarters
# ^GSPC 2026-08-14 7,785.759766, its 200-session mean 7,074.9023: +10.0476 %;
# ^GSPC 2025-03-10 5,614.560059, its 200-session mean 5,734.6330: -2.0938 %;
# ^GSPC 2006-05-10 1,322.849976;
# ^IXIC weekly closes rose nine weeks running to 2023-12-29 (from 2023-10-27's), and its
# daily closes nine sessions running to 2023-12-19 (from 2023-12-07);
# ^RUT 2026-03-31 2,496.37 -> 2026-06-30 3,024.37 = +21.1507 %, ^GSPC +14.8707 % over Q2
# 2026: 6.28 points apart; ^RUT 2026-05-29 2,919.34 -> 06-30 = +3.5977 %;
# ^RUT 2025-03-10 2,019.069946 against its record close 2,442.73999: -17.3440 %.
def test_the_200_day_named_short(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Aug 14, 2026 — The S&P 500 is sitting 10% above the 200-day.")
    gap = _one(res, "10%")
    assert (gap.claim.metric, gap.verdict) == ("ma_distance", "confirmed")
    assert gap.computed == pytest.approx(10.0476, abs=5e-4)


def test_an_average_named_then_given_its_level(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "March 10, 2025 — The S&P 500 ended 2.1% under its 200-day moving "
                     "average, which stood near 5,735.")
    level = _one(res, "5,735")
    assert (level.claim.metric, level.verdict) == ("moving_average", "confirmed")
    assert level.computed == pytest.approx(5734.633, abs=1e-3)


def test_a_close_and_a_later_clause_about_the_week(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "May 10, 2006 — The S&P 500 eased 0.2% to 1,322.85 and is slightly "
                     "lower for the week.")
    close = _one(res, "1,322.85")
    assert (close.end, close.verdict) == (dt.date(2006, 5, 10), "confirmed")


def test_a_headline_name_does_not_own_a_policy_rate(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "May 10, 2006\n\nDow edges higher as Fed lifts rates\n\nThe Federal "
                     "Reserve raised its benchmark rate a quarter point to 5% on Wednesday.")
    assert _one(res, "5%").verdict == "unverifiable"
    _no_contradiction(res)


def test_weekly_and_dated_runs(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Dec. 29, 2023 — The Nasdaq Composite logged nine consecutive weekly "
                     "gains. Earlier this month it strung together nine straight daily gains "
                     "through Dec. 19.")
    runs = [c for c in res.claims if c.claim.metric == "run"]
    assert [(c.claim.unit, c.end, c.verdict) for c in runs] == [
        ("weeks", dt.date(2023, 12, 29), "confirmed"),
        ("sessions", dt.date(2023, 12, 19), "confirmed")]


def test_in_the_quarter_and_a_move_of_its_own(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Published 2026-06-30. Small caps outpaced the S&P 500 by more than 6 "
                     "percentage points in the quarter and gained 3.6% in June alone.")
    lead = _one(res, "more than 6 percentage points")
    assert (lead.start, lead.end) == (dt.date(2026, 3, 31), dt.date(2026, 6, 30))
    assert lead.computed == pytest.approx(6.2800, abs=5e-4)
    june = _one(res, "3.6%")
    assert (june.claim.metric, june.verdict) == ("change", "confirmed")
    assert june.computed == pytest.approx(3.5977, abs=5e-4)


def test_a_drawdown_does_not_borrow_another_clauses_date(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "March 10, 2025 — Small caps have traded under their 200-day line since "
                     "Feb. 21, and the Russell 2000 is now more than 17% below its November "
                     "2021 record.")
    dd = _one(res, "more than 17%")
    assert (dd.end, dd.verdict) == (dt.date(2025, 3, 10), "confirmed")
    assert dd.computed == pytest.approx(-17.3440, abs=5e-4)


# ^RUT 2024-07-09 2,029.469971 -> 2024-07-16 2,263.669922 = +11.5400 % (five sessions);
# ^DJI weekly closes rose nine weeks running to 2023-12-29.
def test_a_window_of_sessions_ending_on_a_day(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "July 31, 2024 — In the five sessions ending July 16, the Russell 2000 "
                     "surged 11.5%, its biggest five-day gain since April 2020.")
    move = _one(res, "11.5%")
    assert (move.start, move.end) == (dt.date(2024, 7, 9), dt.date(2024, 7, 16))
    assert move.computed == pytest.approx(11.5400, abs=5e-4)
    _no_contradiction(res)


def test_rarities_the_checker_does_not_compute_are_left_alone(
        rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "July 31, 2024 — Small caps just had their best month against large caps "
                     "in 24 years. The Russell 2000 finished July about 0.4% below that peak.")
    assert not [c for c in res.claims if c.claim.metric == "change_rarity"]
    assert _one(res, "about 0.4%").verdict == "unverifiable"


def test_a_streak_extended_to_a_length(rs: rotoscope.Rotoscope) -> None:
    nine = _check(rs, "Dec. 29, 2023 — The Dow extended its weekly winning streak to nine.")
    four = _check(rs, "Dec. 29, 2023 — The Dow extended its weekly winning streak to four.")
    assert [(c.claim.claimed, c.verdict) for c in nine.claims] == [(9.0, "confirmed")]
    assert [(c.claim.claimed, c.verdict) for c in four.claims] == [(4.0, "contradicted")]


def test_a_table_column_named_for_a_year(rs: rotoscope.Rotoscope) -> None:
    # XLU close 2023-12-29 31.665001 -> 2024-01-19 30.49: -3.7107 %
    res = _check(rs, "Jan. 19, 2024\n\n| Fund | 2024 total return |\n|---|---|\n"
                     "| XLU | -3.7% |\n")
    cell = _one(res, "-3.7%")
    assert (cell.start, cell.end) == (dt.date(2023, 12, 29), dt.date(2024, 1, 19))
    assert cell.verdict == "confirmed"


def test_a_weekday_long_before_the_date_does_not_date_the_text(
        rs: rotoscope.Rotoscope) -> None:
    # dated Tuesday 2026-02-10: last Thursday is no session the text was written after
    res = _check(rs, "February 10, 2026\nThe Dow fell 1.2% on Thursday.")
    assert res.reference == dt.date(2026, 2, 10)


def test_a_quarter_that_ended_on_a_named_day(rs: rotoscope.Rotoscope) -> None:
    # ^GSPC 2026-03-31 -> 2026-06-30: +14.8707 % (see above)
    res = _check(rs, "Published 2026-06-30. The second quarter ended on Tuesday with the S&P "
                     "500 up 14.9% over the three months.")
    q2 = _one(res, "14.9%")
    assert (q2.start, q2.end, q2.verdict) == (dt.date(2026, 3, 31), dt.date(2026, 6, 30),
                                              "confirmed")


def test_the_level_of_a_line_named_before_is_not_a_close(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "March 10, 2025 — The S&P 500 fell below its 200-day moving average. It "
                     "ended under that long-term trend line, which stood near 5,735.")
    assert _one(res, "5,735").verdict == "unverifiable"


# ^GSPC 2022-12-30 3,839.5 -> 2023-10-19 4,278.0 = +11.4208 %; DGS10 2023-09-29 4.59 ->
# 2023-10-19 4.98: +39 bp; ^GSPC 2024-12-13 6,051.089844 -> 2024-12-16 6,074.080078
# = +0.3799 %; ^VIX 13.81 -> 14.69: +0.88 points.
@pytest.mark.parametrize("phrase", ["since the start of the year", "since the beginning of "
                                    "the year", "since the end of last year"])
def test_since_the_start_of_the_year(rs: rotoscope.Rotoscope, phrase: str) -> None:
    res = _check(rs, f"Oct. 19, 2023 - The S&P 500 has gained 11.4% {phrase}.")
    ytd = _one(res, "11.4%")
    assert (ytd.start, ytd.end, ytd.verdict) == (dt.date(2022, 12, 30), dt.date(2023, 10, 19),
                                                 "confirmed")


def test_since_the_end_of_a_month(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Oct. 19, 2023 - The 10-year yield has climbed 39 basis points since the "
                     "end of September.")
    move = _one(res, "39 basis points")
    assert (move.start, move.end) == (dt.date(2023, 9, 29), dt.date(2023, 10, 19))
    assert move.verdict in ("confirmed", "approximate")


def test_the_date_of_a_highest_close_since(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Dec. 16, 2024\nS&P 500 up 0.4% at 6,074.08, highest close since Dec. 11."
                     "\nVIX up 0.88 point at 14.69, its highest close since Nov. 22.\n")
    day = _one(res, "0.4%")
    assert (day.start, day.end) == (dt.date(2024, 12, 13), dt.date(2024, 12, 16))
    assert _one(res, "6,074.08").end == dt.date(2024, 12, 16)
    _no_contradiction(res)


# ----------------------------------------------------------------- what is not a claim
# ^GSPC 2022-10-12 3,577.030029 -> 2022-10-13 3,669.909912 = +2.5966 %; that session's low
# 3,491.580078 (-2.3889 %). ^RUT fell 2024-12-12 and 12-13, rose 12-16 (2,346.899902 ->
# 2,361.98999). VTV adj_close 2020-12-31 104.413574 -> 2021-06-30 121.975349 = +16.8194 %.
def test_a_correction_names_the_wrong_figure_without_claiming_it(
        rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "June 24, 2016 - An earlier version of this story misstated the Dow's "
                     "move on Thursday. It rose 1.2%, not 1.4%.")
    assert [c.claim.claimed for c in res.claims] == [1.2]
    assert not res.conflicts


def test_words_that_are_not_the_index_move(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "April 8, 2026 - The percentage of S&P 500 stocks above their 200-day "
                     "average rose to 55.7%. In 2025 its worst pullback from a high was 19%. "
                     "The index closed up at the day's best, a swing of 178 points from the "
                     "low.")
    assert all(c.verdict == "unverifiable" for c in res.claims)


def test_an_intraday_low_given_as_a_level(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Oct. 13, 2022 - The S&P 500 fell as much as 2.4%, sinking to 3,491.58, "
                     "before closing up 2.6% at 3,669.91.")
    low = _one(res, "3,491.58")
    assert (low.verdict, low.computed) == ("confirmed", pytest.approx(3491.58, abs=0.005))
    _no_contradiction(res)


def test_after_two_straight_declines_is_a_run_that_ended(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Dec. 16, 2024 - The Russell 2000 rose 0.6% after two straight declines.")
    run = next(c for c in res.claims if c.claim.metric == "run")
    assert run.verdict == "confirmed"


def test_events_of_other_days(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Aug. 14, 2026 - The S&P 500 slipped 0.2% a day after closing at a "
                     "record. The Dow crossed 50,000 for the first time a week ago. On March 9, "
                     "2009, the S&P 500 closed at 676.53, down more than 56% from its October "
                     "2007 peak.")
    # ^GSPC closed 676.530029 on 2009-03-09; the rest is not judged
    assert _one(res, "676.53").verdict == "confirmed"
    assert not [c for c in res.claims if c.claim.metric in ("extreme", "milestone")]
    assert _one(res, "more than 56%").verdict == "unverifiable"
    _no_contradiction(res)


def test_the_first_six_months_of_a_year(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "July 9, 2021 - In the first six months of 2021, VTV returned 16.8%.")
    h1 = _one(res, "16.8%")
    assert (h1.start, h1.end) == (dt.date(2020, 12, 31), dt.date(2021, 6, 30))
    assert h1.verdict == "confirmed"


def test_a_letterhead_that_names_only_a_month(rs: rotoscope.Rotoscope) -> None:
    # SPY 2021-05-28 -> 2021-06-30: close 420.04 -> 428.06 = +1.9094 %, adj_close +2.2427 %
    # a letter dated only "July 2021" reports on June: read as of June 30
    res = _check(rs, "Letter to Shareholders, July 2021\nSPY returned 2.2% in June, with "
                     "dividends.")
    assert res.as_of == dt.date(2021, 6, 30)
    assert any("July 2021" in n for n in res.notes)
    june = _one(res, "2.2%")
    assert (june.start, june.end) == (dt.date(2021, 5, 28), dt.date(2021, 6, 30))
    assert june.verdict in ("confirmed", "approximate")


def test_a_gap_quoted_after_two_moves(rs: rotoscope.Rotoscope) -> None:
    # adj_close 2021-05-28 -> 2021-06-30: VUG 43.872795 -> 46.514454 = +6.0212 %, VTV
    # 123.510818 -> 121.975349 = -1.2432 %: 7.2644 points apart
    res = _check(rs, "July 9, 2021 - In June, growth stocks came back: VUG returned 6.0% "
                     "while VTV lost 1.2%, a gap of more than 7 percentage points.")
    gap = _one(res, "more than 7 percentage points")
    assert (gap.claim.subject, gap.claim.other) == ("VUG", "VTV")
    assert gap.computed == pytest.approx(7.2644, abs=5e-4)
    _no_contradiction(res)


def test_a_record_low_within_a_month_and_a_start_level(rs: rotoscope.Rotoscope) -> None:
    # ^VIX's record low close 9.14 came on 2017-11-03, not on November's last session;
    # ^GSPC closed 3,839.5 on 2022-12-30, 4,278.0 on 2023-10-19 (+11.4208 %)
    low = _check(rs, "Jan. 12, 2018 - The VIX closed at a record low of 9.14 in November.")
    assert [c.verdict for c in low.claims] == ["unverifiable"]
    start = _check(rs, "Oct. 19, 2023 - The S&P 500 has gained 11.4% since the start of the "
                       "year, when it stood at 3,839.50.")
    level = _one(start, "3,839.50")
    assert (level.end, level.verdict) == (dt.date(2022, 12, 30), "confirmed")
    far = _check(rs, "March 8, 2024 - With dividends, SPY has returned roughly 900% over the "
                     "period.")
    assert [c.verdict for c in far.claims] == ["unverifiable"]


def test_the_ratio_fell_not_the_series_it_is_named_by(rs: rotoscope.Rotoscope) -> None:
    # the note's own wording on 2005-04-29, when ^GSPC rose (+1.19 %) and the ratio fell
    res = _check(rs, "Published 2005-04-29. Risk, small caps: the ratio of the Russell 2000 to "
                     "the S&P 500 fell to a three-month low in the latest session.")
    assert not [c for c in res.claims if c.claim.metric == "standing"]
    _no_contradiction(res)


def test_a_pre_open_dateline_in_the_same_line_as_a_figure(rs: rotoscope.Rotoscope) -> None:
    # ^VIX closed 57.830002 on 2020-03-13, 82.690002 on 2020-03-16 (after the text)
    res = _check(rs, "March 16, 2020, 6:45 a.m. ET — The VIX settled at 57.83.")
    assert _one(res, "57.83").end == dt.date(2020, 3, 13)


def test_a_condition_with_once_is_no_claim(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Aug. 5, 2024 - The VIX closed at 38.57. One trader said he would sell "
                     "volatility once the index drops back below 20.")
    assert [(c.claim.claimed, c.verdict) for c in res.claims] == [
        (38.57, "confirmed"), (20.0, "unverifiable")]


def test_a_weekly_title_with_a_month_is_no_letterhead(rs: rotoscope.Rotoscope) -> None:
    res = _check(rs, "Weekly Recap — August 2024\nThe S&P 500 rose 1% this week.")
    assert res.date_source == "data"
