"""Where named sectors and indices stood against the rest, in our own sentences.

Expected values were worked out from ``prices/*.csv`` with the csv module,
independently of rotoscope:

- sector SPDR closes 2026-05-13 -> 2026-05-14: XLK 176.85 -> 179.50 +1.498 %,
  XLE +0.763, XLF +0.588, XLU +0.515, XLI 173.62 -> 174.51 +0.513, XLP +0.307,
  XLC +0.300, XLY -0.042, XLV -0.055, XLRE 44.21 -> 43.91 -0.679,
  XLB 52.06 -> 51.67 -0.749 % (the worst of the eleven; the best is XLK).
- sector SPDR adj_close 2025-12-26 -> 2026-01-02 (the week; several SPDRs have no
  price close on those days): XLE +3.281, XLU +0.935, XLI +0.490, XLB +0.022, XLRE -0.346,
  XLV -0.346, XLP -0.690, XLC -0.907, XLF -1.241, XLK -1.522, XLY -3.032 %.
- 2025-11-24 -> 2025-11-25 closes: ^RUT 2,414.28 -> 2,465.98 +2.141 %, ^DJI 46,448.27
  -> 47,112.45 +1.430 %, ^GSPC 6,705.12 -> 6,765.88 +0.906 %, ^IXIC 22,872.01 ->
  23,025.59 +0.671 %; SPY's close is not needed there.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rotoscope
from rotoscope.check import CheckResult
from rotoscope.check._verify import CheckedClaim
from rotoscope.language._standings import find_standings


@pytest.fixture(scope="module")
def rs(store_path: Path) -> rotoscope.Rotoscope:
    return rotoscope.Rotoscope(store_path)


def _standing(rs: rotoscope.Rotoscope, text: str, as_of: str) -> list[CheckedClaim]:
    res: CheckResult = rs.check_claims(text, as_of=dt.date.fromisoformat(as_of))
    return [c for c in res.claims if c.claim.metric == "standing"]


def test_the_worst_sector_of_a_session(rs: rotoscope.Rotoscope) -> None:
    # XLB -0.749 % was the lowest of the eleven on 2026-05-14; XLK +1.498 % the highest
    [c] = _standing(rs, "On May 14, materials finished as the worst performer of the "
                        "eleven sectors.", "2026-05-14")
    assert (c.claim.members, c.verdict) == (("XLB",), "approximate")
    assert "1st worst of 11" in c.explanation
    [c] = _standing(rs, "On May 14, technology finished as the worst performer of the "
                        "eleven sectors.", "2026-05-14")
    assert c.verdict == "contradicted"
    assert "11th worst of 11" in c.explanation


def test_only_these_sectors_rose(rs: rotoscope.Rotoscope) -> None:
    # the week to 2026-01-02: exactly XLE, XLU, XLI and XLB rose (XLB by 0.022 %)
    [c] = _standing(rs, "For the week, only energy, utilities, industrials and materials "
                        "moved higher.", "2026-01-02")
    assert (c.claim.members, c.claim.only, c.verdict) == (("XLE", "XLU", "XLI", "XLB"),
                                                          True, "approximate")
    # leaving out XLI (+0.49 %, not a close call) is an error; XLB alone would be too close
    [c] = _standing(rs, "For the week, only energy and utilities moved higher.", "2026-01-02")
    assert c.verdict == "contradicted"
    assert "XLI" in c.explanation


def test_the_bottom_of_the_week(rs: rotoscope.Rotoscope) -> None:
    # the three worst of the week to 2026-01-02: XLY -3.03, XLK -1.52, XLF -1.24 (XLC -0.91
    # next)
    [c] = _standing(rs, "For the week, consumer discretionary, technology and financials "
                        "fell the most.", "2026-01-02")
    assert c.verdict == "approximate"
    [c] = _standing(rs, "For the week, consumer discretionary, energy and financials fell "
                        "the most.", "2026-01-02")
    assert c.verdict == "contradicted"  # XLE +3.28 % was the best of the eleven


def test_among_the_leaders_is_the_top_half(rs: rotoscope.Rotoscope) -> None:
    # the week to 2026-01-02: XLI 3rd and XLU 2nd of 11 are in the top five; XLK is 10th
    [c] = _standing(rs, "For the week, utilities and industrials were among the best "
                        "performers.", "2026-01-02")
    assert c.verdict == "approximate"
    [c] = _standing(rs, "For the week, technology was among the best performers.",
                    "2026-01-02")
    assert c.verdict == "contradicted"


def test_an_index_ranked_among_the_major_indices(rs: rotoscope.Rotoscope) -> None:
    # 2025-11-25: ^RUT +2.14 % beat ^DJI +1.43, ^GSPC +0.91, ^IXIC +0.67; measured on the
    # indices themselves, so the verdict can be confirmed
    [c] = _standing(rs, "On Tuesday, small caps had the market's biggest gains.", "2025-11-25")
    assert (c.claim.members, c.verdict) == (("^RUT",), "confirmed")
    [c] = _standing(rs, "On Tuesday, the Nasdaq had the market's biggest gains.", "2025-11-25")
    assert c.verdict == "contradicted"


def test_sectors_against_the_market(rs: rotoscope.Rotoscope) -> None:
    # 2026-05-14: XLK +1.50 % against SPY's session; XLB -0.75 % trailed any positive market
    [c] = _standing(rs, "On May 14, materials underperformed the broader market.",
                    "2026-05-14")
    assert c.verdict == "approximate"


def test_no_standing_without_a_list_or_with_a_hedge(rs: rotoscope.Rotoscope) -> None:
    assert _standing(rs, "If energy were the top performer this week, rates would rise.",
                     "2026-01-02") == []
    assert _standing(rs, "Nvidia was the worst performer in the Dow on Tuesday.",
                     "2025-11-25") == []
    # "energy rose 3.3%": the number is the claim, not a standing
    assert _standing(rs, "For the week, energy rose 3.3%.", "2026-01-02") == []


def test_the_predicates() -> None:
    found = find_standings("tech fell the most, staples lagged, and XLB was the worst "
                           "performer on the board while XLE was among the leaders")
    assert [(s.kind, s.side, s.among) for s in found] == [
        ("rank", -1, False), ("rank", -1, True), ("rank", -1, False), ("rank", 1, True)]


NOISE = st.sampled_from([
    "Shares of Nvidia fell 3.1% after results.",
    "Gold settled 0.9% higher.",
    "It was the group's best showing since last spring.",
    "Published May 15, 2026.",
])


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.lists(NOISE, max_size=2), after=st.lists(NOISE, max_size=2),
       layout=st.sampled_from(["sentence", "bullet"]))
def test_standing_context_and_layout_invariance(rs: rotoscope.Rotoscope, before: list[str],
                                                after: list[str], layout: str) -> None:
    """Unrelated sentences and a bullet layout never change the verdict (XLB worst 05-14)."""
    claim = "On May 14, materials finished as the worst performer of the eleven sectors."
    if layout == "bullet":
        claim = "Sector notes:\n\n- " + claim + "\n"
    text = " ".join([*before, claim, *after])
    [c] = _standing(rs, text, "2026-05-14")
    assert (c.claim.members, c.verdict) == (("XLB",), "approximate")


def test_the_only_index_that_fell(rs: rotoscope.Rotoscope) -> None:
    # 2026-04-24: ^GSPC 7,108.40 -> 7,165.08 (+0.80 %), ^IXIC 24,438.50 -> 24,836.60
    # (+1.63 %), ^RUT +0.43 %; ^DJI has no rows after 2026-03-06, so DIA stands in:
    # 493.00 -> 492.21 (-0.16 %). Measured on a fund, never better than approximate.
    [c] = _standing(rs, "The Dow was the only major index that fell Friday.", "2026-04-24")
    assert (c.claim.only, c.verdict) == (True, "approximate")
    assert "DIA for ^DJI" in c.explanation
    [c] = _standing(rs, "The Nasdaq was the only major index that fell Friday.", "2026-04-24")
    assert c.verdict == "contradicted"


def test_an_index_into_the_red_for_the_week(rs: rotoscope.Rotoscope) -> None:
    # ^IXIC 23,501.24 (2026-01-23) -> 23,461.82 (2026-01-30) = -0.17 %
    [c] = _standing(rs, "Software losses dragged the Nasdaq into the red for the week.",
                    "2026-01-30")
    assert (c.claim.members, c.verdict) == (("^IXIC",), "confirmed")


def test_a_path_word_is_not_a_close(rs: rotoscope.Rotoscope) -> None:
    # "fell early ... recovered": the session's path; no standing is read from it
    assert _standing(rs, "The S&P 500 fell early on Friday but recovered by the close.",
                     "2026-04-24") == []


def test_closed_flat(rs: rotoscope.Rotoscope) -> None:
    # ^GSPC 7,483.23 (2026-07-01) -> 7,483.24 (2026-07-02): +0.0001 %, flat;
    # ^GSPC 6,672.62 (2026-03-12) -> 6,632.19 (2026-03-13): -0.606 %, not flat
    [c] = _standing(rs, "Stocks closed flat on Thursday.", "2026-07-02")
    assert (c.claim.members, c.verdict) == (("^GSPC",), "confirmed")
    [c] = _standing(rs, "US stocks ended Friday's session essentially unchanged.", "2026-03-13")
    assert c.verdict == "contradicted"
    assert "-0.61%" in c.explanation
    # "traded flat for most of the day": the path, not the close
    assert _standing(rs, "Stocks traded flat for most of the day on Thursday.",
                     "2026-07-02") == []


def test_correction_territory(rs: rotoscope.Rotoscope) -> None:
    # _RUT.csv: record close 2,718.77 on 2026-01-22; 2026-03-20 closed 2,438.45 (-10.31 %)
    # and 2026-03-30 2,414.01 (-11.21 %): in correction territory; never 20 % down
    [c] = _standing(rs, "The Russell 2000 is in correction territory.", "2026-03-20")
    assert (c.claim.members, c.verdict) == (("^RUT",), "confirmed")
    assert c.computed == pytest.approx(-10.31, abs=0.01)
    [c] = _standing(rs, "Small caps slipped into correction territory in March.", "2026-04-20")
    assert c.verdict == "confirmed"
    assert c.end == dt.date(2026, 3, 30)
    [c] = _standing(rs, "The Russell 2000 fell into a bear market in March.", "2026-04-20")
    assert c.verdict == "contradicted"


def test_negated_moves_are_not_claims(rs: rotoscope.Rotoscope) -> None:
    # 2026-03-13: ^IXIC fell 0.93 % and ^GSPC closed 6,632.19, far above 6,000; none of
    # these sentences claims a move or a crossing
    res = rs.check_claims("The S&P 500 never fell below 6,000 this week. The Nasdaq failed to "
                        "close higher on Friday. The Dow didn't close above 50,000.",
                        as_of=dt.date(2026, 3, 13))
    assert [c for c in res.claims if c.verdict == "contradicted"] == []


def test_led_and_lagged_read_two_ways(rs: rotoscope.Rotoscope) -> None:
    # the week to 2026-01-02 (adj_close): XLU +0.94 % was 2nd of 11 and above SPY; "lagged"
    # is wrong on both readings, so it is contradicted
    [c] = _standing(rs, "For the week, utilities lagged.", "2026-01-02")
    assert c.claim.standing is not None
    assert c.claim.standing.loose
    assert c.verdict == "contradicted"
