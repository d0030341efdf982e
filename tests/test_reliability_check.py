"""The check's internal conflicts, found in time linear in a repeating text.

``_conflicts`` used to compare every pair of claims; it now groups them by
measure and value. The property below compares it with the pairwise definition
(written out here) on texts drawn from sentences that quote the same measures
with equal, rounded and different numbers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rotoscope.check._check as check_module
from rotoscope.check._check import _conflicts
from rotoscope.check._extract import Claim, extract_claims
from rotoscope.check._verdicts import CheckedClaim, judge
from rotoscope.universe import load_universe

UNIVERSE = load_universe()
DAY = dt.date(2026, 2, 9)
POOL = [
    "The S&P 500 rose 0.47% on the day.",
    "The S&P 500 rose 0.52% on the day.",
    "The S&P 500 rose about 0.5% on the day.",
    "The S&P 500 rose 0.5% on the day.",
    "The Russell 2000 rose 0.70% on the day.",
    "The Russell 2000 rose 0.7% on the day.",
    "The Russell 2000 rose 0.8% on the day.",
    "The Russell 2000 is up 8.3% year to date.",
    "The Russell 2000 is up 9.1% year to date.",
    "Small caps beat large caps by 0.23 percentage points on the day.",
    "Small caps beat large caps by 0.5 percentage points on the day.",
]


def pairwise(claims: list[Claim]) -> list[tuple[int, ...]]:
    """The definition: every pair quoting one measure and period with numbers that differ."""
    out: list[tuple[int, ...]] = []
    for i, a in enumerate(claims):
        if a.metric == "other" or a.subject is None:
            continue
        for j in range(i + 1, len(claims)):
            b = claims[j]
            same = (a.subject == b.subject and a.metric == b.metric and a.other == b.other
                    and a.period is not None and b.period is not None
                    and (a.period.window, a.period.anchor, a.period.day)
                    == (b.period.window, b.period.anchor, b.period.day))
            if same and judge(a.claimed, b.claimed, "exact", min(a.decimals, b.decimals),
                              a.unit) == "no" and a.qualifier == b.qualifier == "exact":
                out.append((i, j))
    return out


def checked(claims: list[Claim]) -> list[CheckedClaim]:
    return [CheckedClaim(c, "unverifiable", None, "") for c in claims]


@given(st.lists(st.sampled_from(POOL), min_size=1, max_size=14))
@settings(max_examples=60)
def test_conflicts_match_the_pairwise_definition(sentences: list[str]) -> None:
    claims = extract_claims("Published February 9, 2026. " + " ".join(sentences), UNIVERSE,
                            DAY)
    found = [k.claims for k in _conflicts(checked(claims)) if len(k.claims) == 2]
    assert found == pairwise(claims)


def test_a_hand_counted_text() -> None:
    # claims: 0 S&P 0.47, 1 S&P 0.52, 2 S&P 0.47, 3 S&P 0.5 (one decimal: 0.47 and
    # 0.52 both round to 0.5, so no conflict with it); conflicts: (0,1) and (1,2)
    text = ("Published February 9, 2026. The S&P 500 rose 0.47% on the day. The S&P 500 "
            "rose 0.52% on the day. The S&P 500 rose 0.47% on the day. The S&P 500 rose "
            "0.5% on the day.")
    claims = extract_claims(text, UNIVERSE, DAY)
    assert [c.claimed for c in claims] == [0.47, 0.52, 0.47, 0.5]
    assert [k.claims for k in _conflicts(checked(claims))] == [(0, 1), (1, 2)]


def test_a_long_repeating_text_compares_values_not_pairs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 600 copies of two sentences: 1,200 claims of two measures, one value each;
    # the pairwise definition would make 719,400 comparisons, grouping 2 (one a group)
    text = "Published February 9, 2026. " + " ".join(
        ["The S&P 500 rose 0.47% on the day. The Russell 2000 rose 0.70% on the day."] * 600)
    claims = extract_claims(text, UNIVERSE, DAY)
    assert len(claims) == 1200
    calls: list[tuple[object, ...]] = []

    def counting(*args: Any) -> str:
        calls.append(args)
        return judge(*args)

    monkeypatch.setattr(check_module, "judge", counting)
    assert _conflicts(checked(claims)) == []
    assert len(calls) == 2
