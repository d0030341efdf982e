"""Claims about history, in our own sentences: seasons, year starts, bulletin lines, units.

Expected values were worked out from the mirror's CSV files with the csv module,
independently of rotoscope:

- ``prices/_GSPC.csv`` July returns (last July close over last June close): 2013 +4.95,
  2014 -1.51, 2015 +1.97, 2016 +3.56, 2017 +1.93, 2018 +3.60, 2019 +1.31, 2020 +5.51,
  2021 +2.27, 2022 +9.11, 2023 +3.11, 2024 +1.13, 2025 +2.17 %. So as of 2026-07-02
  (July 2026 still running) the run of positive Julys is 11 (2015-2025), and 12 of the
  last 13 Julys (2013-2025) rose.
- ``prices/_RUT.csv``: 2025-12-31 -> 2026-06-30 = +21.857 %; the same start (to June 30)
  was at least as large only in 1988 (+25.64 %) and 1991 (+26.79 %), so 1991 is the last.
- ``prices/_GSPC.csv`` 3-session moves to 2026-01-23: 6,796.86 (Jan 20) -> 6,915.61 =
  +118.75 points, +1.747 %; the last earlier 3-session move at least as large by both
  measures ended 2025-12-23 (+135.03 points, +1.993 %). The 2026 closes to Jan 23 are
  15, and the Jan 23 close is the 6th lowest of them.
- ``prices/_TNX.csv`` 4.416 (2026-03-26) -> 4.44 (2026-03-27) = +2.4 basis points;
  ``macro/fred_daily.csv`` DGS30 4.93 -> 4.98 = +5 basis points, stored to two decimals.
  ``prices/_TNX.csv`` 2026-04-10 close 4.317.
- ``prices/_GSPC.csv`` 2026-03-03: close 6,816.63, the lowest close only since 2026-02-05;
  low 6,710.42, the lowest low since 2025-11-25 (98 days, about 3.2 months, earlier).
  2026-02-13 close 6,836.17 -> 2026-02-20 6,909.51 = +73.34 points.
- ``prices/_IXIC.csv`` 2026-05-15 -1.540 %; the last session as bad was 2026-03-27
  (-2.147 %), seven weeks earlier.
- ``prices/QQQ.csv`` highest high of the week 2026-03-02 to 03-06: 612.88.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rotoscope
from rotoscope.check._ranges import join_ranges, within_range
from rotoscope.check._verify import CheckedClaim
from rotoscope.language import find_quantities


@pytest.fixture(scope="module")
def rs(store_path: Path) -> rotoscope.Rotoscope:
    return rotoscope.Rotoscope(store_path)


def _claims(rs: rotoscope.Rotoscope, text: str, as_of: str,
            metric: str | None = None) -> list[CheckedClaim]:
    res = rs.check_claims(text, as_of=dt.date.fromisoformat(as_of))
    return [c for c in res.claims if metric is None or c.claim.metric == metric]


def test_a_run_of_positive_months_of_july(rs: rotoscope.Rotoscope) -> None:
    [c] = _claims(rs, "The S&P 500 came into this month with 11 straight positive Julys.",
                  "2026-07-02", "season")
    assert (c.verdict, c.computed) == ("confirmed", 11.0)
    assert "2015 to 2025" in c.explanation
    assert "July 2014 was -1.51%" in c.explanation
    [c] = _claims(rs, "The S&P 500 came into this month with 12 straight positive Julys.",
                  "2026-07-02", "season")
    assert (c.verdict, c.computed) == ("contradicted", 11.0)


def test_a_tally_of_months_of_july(rs: rotoscope.Rotoscope) -> None:
    [c] = _claims(rs, "The S&P 500 has risen in 12 of the last 13 Julys.", "2026-07-02",
                  "season")
    assert (c.verdict, c.computed) == ("confirmed", 12.0)
    assert "not in 2014 -1.51%" in c.explanation
    [c] = _claims(rs, "The S&P 500 has fallen in 2 of the last 13 Julys.", "2026-07-02",
                  "season")
    assert (c.verdict, c.computed) == ("contradicted", 1.0)


def test_every_spelling_of_a_month_s_plural_is_read(rs: rotoscope.Rotoscope) -> None:
    # "Julies" and "Julys" name the same months: 12 of the 13 Julys 2013-2025 rose
    for plural in ("Julys", "Julies"):
        [c] = _claims(rs, f"The S&P 500 has risen in 12 of the last 13 {plural}.",
                      "2026-07-02", "season")
        assert (c.verdict, c.claim.rarity_month_of_year) == ("confirmed", 7)
    [c] = _claims(rs, "The Dow has fallen in two of the last three Februaries.",
                  "2026-07-02", "season")
    assert c.claim.rarity_month_of_year == 2


def test_a_tally_without_a_direction_is_not_judged(rs: rotoscope.Rotoscope) -> None:
    [c] = _claims(rs, "For the S&P 500, the record reads 12 of the last 13 Julys.",
                  "2026-07-02")
    assert c.verdict == "unverifiable"
    assert "rose or fell" in c.explanation


def test_the_best_start_to_a_year_since(rs: rotoscope.Rotoscope) -> None:
    text = ("The Russell 2000 climbed 21.9% in the first half of 2026, its best start to a "
            "year since {}, well ahead of the S&P 500.")
    [c] = _claims(rs, text.format(1991), "2026-06-30", "change_rarity")
    assert (c.claim.subject, c.verdict) == ("^RUT", "confirmed")
    assert "1991-06-28 (+26.79%)" in c.explanation
    [c] = _claims(rs, text.format(1988), "2026-06-30", "change_rarity")
    assert c.verdict == "contradicted"


def test_the_largest_multi_session_move_since_a_date(rs: rotoscope.Rotoscope) -> None:
    text = ("The S&P 500 booked its largest three-day point and percentage gain since "
            "Tuesday, Dec. {}, 2025.")
    [c] = _claims(rs, text.format(23), "2026-01-23", "window_rarity")
    assert c.verdict == "confirmed"
    assert "gained 118.75 points (+1.75%)" in c.explanation
    [c] = _claims(rs, text.format(22), "2026-01-23", "window_rarity")
    assert c.verdict == "contradicted"
    assert "ended 2025-12-23" in c.explanation


def test_a_close_ranked_within_its_year(rs: rotoscope.Rotoscope) -> None:
    [c] = _claims(rs, "The S&P 500's closing value is the sixth lowest this year.",
                  "2026-01-23", "close_rank")
    assert (c.verdict, c.computed) == ("confirmed", 6.0)
    assert "of 15 closes in 2026" in c.explanation
    [c] = _claims(rs, "The S&P 500's closing value is the fifth lowest this year.",
                  "2026-01-23", "close_rank")
    assert c.verdict == "contradicted"


def test_basis_points_are_reported_as_written(rs: rotoscope.Rotoscope) -> None:
    res = rs.check_claims("On March 27, 2026, the 10-year yield rose 2.4 basis points to 4.44%.",
                        as_of=dt.date(2026, 3, 27))
    change = next(c for c in res.to_dict()["claims"] if c["metric"] == "change")
    assert (change["claimed"], change["computed"], change["unit"], change["verdict"]) == (
        2.4, 2.4, "bp", "confirmed")


def test_a_two_decimal_yield_allows_a_basis_point_on_a_change(
        rs: rotoscope.Rotoscope) -> None:
    # DGS30 4.93 -> 4.98 reads +5 bp; the unrounded yields may have moved 4.6 bp
    [c] = _claims(rs, "On March 27, 2026, the 30-year Treasury yield climbed 4.6 basis "
                      "points.", "2026-03-27", "change")
    assert (c.claim.subject, c.verdict) == ("DGS30", "approximate")
    assert "+5.0 bp" in c.explanation
    [c] = _claims(rs, "On March 27, 2026, the 30-year Treasury yield climbed 7 basis "
                      "points.", "2026-03-27", "change")
    assert c.verdict == "contradicted"


def test_prices_of_things_not_in_the_data_are_listed(rs: rotoscope.Rotoscope) -> None:
    claims = _claims(rs, "On March 27, 2026, copper (HG=F) traded at $5.12 (+1.4%).",
                     "2026-03-27")
    assert {(c.claim.claimed, c.verdict) for c in claims} == {(5.12, "unverifiable"),
                                                             (1.4, "unverifiable")}


def test_a_range_in_a_table_is_listed_not_judged(rs: rotoscope.Rotoscope) -> None:
    text = ("| Rate | Now | A week ago |\n|---|---|---|\n"
            "| policy target band | 3.50%-3.75% | 3.50%-3.75% |\n")
    claims = _claims(rs, text, "2026-01-02")
    assert [c.verdict for c in claims] == ["unverifiable", "unverifiable"]
    assert "a range of values" in claims[0].explanation


def test_a_condition_is_not_a_claim(rs: rotoscope.Rotoscope) -> None:
    [c] = _claims(rs, "On March 27, 2026, lenders would struggle if the 30-year yield "
                      "reaches 6%.", "2026-03-27")
    assert c.verdict == "unverifiable"
    assert "condition" in c.explanation


def test_a_low_of_a_fractional_number_of_months(rs: rotoscope.Rotoscope) -> None:
    [c] = _claims(rs, "On March 3, 2026, the S&P 500 fell to a 3.25-month low.",
                  "2026-03-03", "extreme")
    assert (c.claim.claimed, c.claim.unit) == (3.25, "months")
    assert c.verdict == "approximate"  # true of the intraday low, not of the close
    assert "intraday low" in c.explanation
    assert "2026-02-05" in c.explanation
    [c] = _claims(rs, "On March 3, 2026, the S&P 500 fell to a 5-month low.", "2026-03-03",
                  "extreme")
    assert c.verdict == "contradicted"


def test_the_worst_day_in_a_number_of_weeks(rs: rotoscope.Rotoscope) -> None:
    text = "On May 15, 2026 the Nasdaq fell 1.54%, its worst session in {} weeks."
    [c] = _claims(rs, text.format("seven"), "2026-05-15", "change_rarity")
    assert (c.verdict, c.claim.unit) == ("confirmed", "weeks")
    assert "2026-03-27" in c.explanation
    [c] = _claims(rs, text.format("three"), "2026-05-15", "change_rarity")
    assert c.verdict == "approximate"
    assert "understates" in c.explanation
    [c] = _claims(rs, text.format("ten"), "2026-05-15", "change_rarity")
    assert c.verdict == "contradicted"


def test_a_range_in_prose(rs: rotoscope.Rotoscope) -> None:
    [c] = _claims(rs, "On April 10, 2026 the 10-year Treasury yield sat at 4.3%–4.4%.",
                  "2026-04-10", "level")
    assert (c.claim.claimed, c.claim.range_high, c.verdict) == (4.3, 4.4, "confirmed")
    [c] = _claims(rs, "On April 10, 2026 the 10-year Treasury yield sat at 4.5%–4.6%.",
                  "2026-04-10", "level")
    assert c.verdict == "contradicted"


def test_a_bare_number_after_a_move_verb_is_points(rs: rotoscope.Rotoscope) -> None:
    [c] = _claims(rs, "For the week ending February 20, 2026, the S&P 500 tacked on 73.34.",
                  "2026-02-20", "change")
    assert (c.claim.unit, c.verdict) == ("points", "confirmed")


def test_a_weekly_text_s_touched_high_is_the_week_s(rs: rotoscope.Rotoscope) -> None:
    text = ("Weekly recap, week ending 2026-03-06\n\nQQQ slipped for the week, with highs "
            "touching {}.")
    [c] = _claims(rs, text.format("612.88"), "2026-03-06", "week_high")
    assert c.verdict in ("confirmed", "approximate")
    assert "612.88" in c.explanation
    [c] = _claims(rs, text.format("630.00"), "2026-03-06", "week_high")
    assert c.verdict == "contradicted"


def test_the_week_ending_a_date_is_that_week(rs: rotoscope.Rotoscope) -> None:
    # ^GSPC 6,836.17 (Feb 13) -> 6,909.51 (Feb 20) = +1.07 % for the week; the day alone
    # (from 6,861.89 on Feb 19) was +0.69 %, so the day's reading would contradict
    [c] = _claims(rs, "For the week ended February 20, 2026, the S&P 500 gained 1.07%.",
                  "2026-02-20", "change")
    assert (c.verdict, c.start, c.end) == ("confirmed", dt.date(2026, 2, 13),
                                          dt.date(2026, 2, 20))
    # ^DJI 50,115.67 (Feb 6) -> 49,500.93 (Feb 13) = -1.23 %: "Friday, Feb. 13" names the week
    [c] = _claims(rs, "The week ended Friday, Feb. 13 with the Dow down 1.23%.", "2026-02-20",
                  "change")
    assert (c.verdict, c.start) == ("confirmed", dt.date(2026, 2, 6))


def test_the_level_a_move_started_from(rs: rotoscope.Rotoscope) -> None:
    # ^VIX closes: 19.86 (2026-02-27), 23.75 (03-05), 29.49 (03-06)
    text = "Week ending 2026-03-06. This week the VIX climbed to 29.49 from {}."
    start = [c for c in _claims(rs, text.format("19.86"), "2026-03-06", "level")
             if c.claim.at_start]
    assert [(c.verdict, c.end) for c in start] == [("confirmed", dt.date(2026, 2, 27))]
    start = [c for c in _claims(rs, text.format("levels under 20"), "2026-03-06", "level")
             if c.claim.at_start]
    assert [c.verdict for c in start] == ["confirmed"]
    start = [c for c in _claims(rs, text.format("14.50"), "2026-03-06", "level")
             if c.claim.at_start]
    assert [c.verdict for c in start] == ["contradicted"]
    # a day's move quoted from a start a week back: another close matches, so not judged
    [c] = [c for c in _claims(rs, "On March 6, 2026 the VIX jumped to 29.49 from 19.86.",
                              "2026-03-06", "level") if c.claim.at_start]
    assert c.verdict == "unverifiable"
    assert "2026-02-27" in c.explanation


def test_a_part_of_a_sector_is_not_the_sector(rs: rotoscope.Rotoscope) -> None:
    # adj_close 2026-01-02 -> 01-09: XLY 117.88 -> 123.91 +5.12 %, SPY +1.60 %, XLK +1.28 %:
    # discretionary beat the market; "parts of technology" is not judged as the sector
    [c] = _claims(rs, "For the week ended January 9, 2026, consumer discretionary and parts "
                      "of technology underperformed the broader tape.", "2026-01-09",
                  "standing")
    assert (c.claim.members or (c.claim.subject,), c.verdict) == (("XLY",), "contradicted")
    assert _claims(rs, "For the week ended January 9, 2026, parts of technology "
                       "underperformed the broader tape.", "2026-01-09", "standing") == []


def test_the_major_indexes_are_judged_each(rs: rotoscope.Rotoscope) -> None:
    # 2025 closes: ^GSPC 5,881.63 -> 6,845.50 +16.39 %, ^DJI 42,544.22 -> 48,063.29 +12.97 %,
    # ^IXIC 19,310.79 -> 23,241.99 +20.36 %
    text = "On December 31, 2025 the major indexes ended 2025 at least {}% higher."
    [c] = _claims(rs, text.format(12), "2025-12-31", "change")
    assert (c.claim.members, c.verdict) == (("^GSPC", "^DJI", "^IXIC"), "confirmed")
    [c] = _claims(rs, text.format(13), "2025-12-31", "change")
    assert c.verdict == "approximate"  # the Dow's 12.97 % is just under "at least 13%"
    [c] = _claims(rs, text.format(30), "2025-12-31", "change")
    assert c.verdict == "contradicted"  # none of the three
    # 2026-03-06: ^GSPC -1.33 %, ^DJI -0.95 %, ^IXIC -1.59 %: "fell more than 1.2%" is true
    # of two and not of the Dow, and the text does not say which it means
    [c] = _claims(rs, "On March 6, 2026 the three major indexes fell more than 1.2%.",
                  "2026-03-06", "change")
    assert c.verdict == "unverifiable"
    assert "true of some" in c.explanation


def test_a_level_approached_and_the_period_of_the_sentence(rs: rotoscope.Rotoscope) -> None:
    # ^VIX closes 18.87 (Mon 2026-04-20) and 19.50 (Tue 04-21): "toward 19" on Monday is
    # nearly 19; Tuesday, named in a later clause, is that clause's day, not this number's
    [c] = _claims(rs, "On Monday, April 20, 2026, the VIX bounced toward 19, and Tuesday's "
                      "session chopped sideways.", "2026-04-24", "level")
    assert (c.verdict, c.end, c.claim.qualifier) == ("confirmed", dt.date(2026, 4, 20),
                                                    "nearly")
    [c] = _claims(rs, "On Monday, April 20, 2026, the VIX bounced toward 25.", "2026-04-24",
                  "level")
    assert c.verdict == "contradicted"


@settings(max_examples=200, deadline=None)
@given(lo_=st.decimals(min_value=0, max_value=500, places=2),
       width=st.decimals(min_value=0, max_value=50, places=2),
       dash=st.sampled_from(["-", "–", "—"]), pct=st.booleans())
def test_a_dash_joined_range_reads_as_one_quantity(lo_: Decimal, width: Decimal, dash: str,
                                                   pct: bool) -> None:
    hi_ = lo_ + width
    unit = "%" if pct else ""
    text = f"the yield sat at {lo_}{unit}{dash}{hi_}{unit} all week"
    quantities, highs = join_ranges(text, find_quantities(text))
    [q] = quantities
    assert (q.value, highs[q.span[0]]) == (float(lo_), float(hi_))
    assert text[q.span[0]:q.span[1]] == f"{lo_}{unit}{dash}{hi_}{unit}"
    # inside is confirmed, two units of the last digit outside is not
    assert within_range(float(lo_), float(hi_), float(lo_ + width / 2), 2) == "confirmed"
    assert within_range(float(lo_), float(hi_), float(hi_) + 0.04, 2) == "contradicted"


def test_yields_said_to_ease_are_read_on_the_ten_year(rs: rotoscope.Rotoscope) -> None:
    # ^TNX 4.038 (2025-11-24) -> 4.002 (11-25), DGS10 4.04 -> 4.01: both fell
    [c] = _claims(rs, "On November 25, 2025, stocks got a lift from easing yields.",
                  "2025-11-25", "yield_move")
    assert c.verdict == "confirmed"
    assert "^TNX -3.6 bp; DGS10 -3.0 bp" in c.explanation
    # the other way is not called wrong: the writer may mean another maturity
    [c] = _claims(rs, "On November 25, 2025, rising yields weighed on stocks.", "2025-11-25",
                  "yield_move")
    assert c.verdict == "unverifiable"


def test_a_band_and_a_round_start_are_not_judged(rs: rotoscope.Rotoscope) -> None:
    # 2026-03-06: the three fell 1.33, 0.95 and 1.59 %: "between 1% and 2%" is a band
    claims = _claims(rs, "On March 6, 2026 the three major indexes lost between 1% and 2%.",
                     "2026-03-06")
    assert [c.verdict for c in claims] == ["unverifiable", "unverifiable"]
    # ^GSPC closed 6,878.88 on 2026-02-27, the week's base: "from 6,900" is a round figure
    start = [c for c in _claims(rs, "On March 6, 2026 the S&P 500 slid to 6,740.02 from "
                                    "6,900 this week.", "2026-03-06", "level")
             if c.claim.at_start]
    assert [c.verdict for c in start] == ["unverifiable"]
    assert "6,878.88" in start[0].explanation


HISTORY_CLAIMS = [
    # (text, as of, metric, verdict), values as in the tests above
    ("The S&P 500 has risen in 12 of the last 13 Julys.", "2026-07-02", "season",
     "confirmed"),
    ("The S&P 500 booked its largest three-day point and percentage gain since Tuesday, "
     "Dec. 23, 2025.", "2026-01-23", "window_rarity", "confirmed"),
    ("On March 3, 2026, the S&P 500 fell to a 5-month low.", "2026-03-03", "extreme",
     "contradicted"),
]
UNRELATED = st.sampled_from([
    "Shares of Tesla fell 4.2% after deliveries missed estimates.",
    "Gold settled 1.3% higher at $4,950 an ounce.",
    "Brent crude slipped 0.8%.",
    "Analysts expect earnings growth of 12% this year.",
    "Bitcoin traded near $71,000.",
])


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(k=st.integers(0, len(HISTORY_CLAIMS) - 1), before=st.lists(UNRELATED, max_size=2),
       after=st.lists(UNRELATED, max_size=2))
def test_history_claims_keep_their_verdict_in_any_company(
        rs: rotoscope.Rotoscope, k: int, before: list[str], after: list[str]) -> None:
    """Unrelated sentences around a season, bulletin or low claim never change its verdict."""
    sentence, as_of, metric, verdict = HISTORY_CLAIMS[k]
    [c] = _claims(rs, " ".join([*before, sentence, *after]), as_of, metric)
    assert c.verdict == verdict


def test_a_level_held_since_a_day(rs: rotoscope.Rotoscope) -> None:
    # ^RUT closed at a record 2,467.70 on 2025-09-18; its highest close from 09-19 to
    # 10-01 was 2,463.34 (09-22), below it
    text = ("October 1, 2025. The Russell 2000 set its record of 2,467.70 points on "
            "September 18 and has remained {} that level since then.")
    [c] = _claims(rs, text.format("below"), "2025-10-01", "held")
    assert (c.verdict, c.computed) == ("confirmed", 2463.340088)  # prices/_RUT.csv, 09-22
    [c] = _claims(rs, text.format("above"), "2025-10-01", "held")
    assert c.verdict == "contradicted"


def test_a_run_snapped_after_the_previous_weeks(rs: rotoscope.Rotoscope) -> None:
    # weekly closes (prices/_GSPC.csv, _DJI.csv), Jan 30 / Feb 6 / Feb 13 / Feb 20, 2026:
    # ^GSPC 6,939.03 / 6,932.30 / 6,836.17 / 6,909.51: down two weeks, then up;
    # ^DJI 48,892.47 / 50,115.67 / 49,500.93 / 49,625.97: down one week only, then up
    text = "On February 20, 2026, {} to close higher after trading lower over the previous {}."
    [c] = _claims(rs, text.format("the S&P 500 managed", "two weeks"), "2026-02-20", "run")
    assert (c.verdict, c.computed) == ("confirmed", 2.0)
    [c] = _claims(rs, text.format("the S&P 500 managed", "three weeks"), "2026-02-20", "run")
    assert c.verdict == "contradicted"  # at least three weeks down was claimed; two were
    [c] = _claims(rs, text.format("it was enough for the DJIA and S&P 500", "two weeks"),
                  "2026-02-20", "run")
    assert (c.claim.members, c.verdict) == (("^DJI", "^GSPC"), "contradicted")
    assert "after 1 week down" in c.explanation
