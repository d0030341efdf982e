"""Odd characters in numbers read as the plain number: fullwidth, minus forms, invisibles.

Each variant of a sentence must give the claims its plain ASCII form gives, and
the check's verdict on the quoted S&P 500 move must be the plain one. The S&P
500 on 2026-02-09, from ``_GSPC.csv``: close 6964.819824 over 6932.299805 on
2026-02-06, a change of +0.4691 % (6964.819824 / 6932.299805 - 1 = 0.004691).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rotoscope
from rotoscope.check._extract import extract_claims
from rotoscope.language._normalise import normalise
from rotoscope.universe import load_universe

UNIVERSE = load_universe()
DAY = dt.date(2026, 2, 9)
PLAIN = [
    "The S&P 500 gained 0.47% on the day.",
    "The S&P 500 closed at 6,964.82 on February 9.",
    "The Russell 2000 fell -1.25% this week and is up 8.3% year to date.",
    "Small caps trail large caps by 2.5 percentage points this year.",
]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e"]
FULLWIDTH = {str(d): chr(0xFF10 + d) for d in range(10)} | {".": "\uff0e", "%": "\uff05"}


def readings(text: str) -> list[tuple[float, str, str | None, str]]:
    return [(c.claimed, c.metric, c.subject, c.unit) for c in extract_claims(text, UNIVERSE,
                                                                             DAY)]


def _number_positions(text: str) -> list[int]:
    """Positions between two characters of a number (digits and separators)."""
    return [i for i in range(1, len(text))
            if text[i - 1] in "0123456789.,%" and text[i] in "0123456789.,%"
            and any(ch.isdigit() for ch in text[i - 1:i + 1])]


@given(sentence=st.sampled_from(PLAIN), data=st.data())
def test_invisible_characters_inside_a_number_change_nothing(sentence: str,
                                                             data: st.DataObject) -> None:
    where = data.draw(st.lists(st.sampled_from(_number_positions(sentence)), min_size=1,
                               max_size=3, unique=True))
    chars = data.draw(st.lists(st.sampled_from(INVISIBLE), min_size=len(where),
                               max_size=len(where)))
    damaged = sentence
    for pos, ch in sorted(zip(where, chars, strict=True), reverse=True):
        damaged = damaged[:pos] + ch + damaged[pos:]
    assert len(normalise(damaged)) == len(damaged)
    assert readings(damaged) == readings(sentence)


@given(sentence=st.sampled_from(PLAIN))
def test_fullwidth_digits_and_minus_forms_read_as_ascii(sentence: str) -> None:
    wide = "".join(FULLWIDTH.get(ch, ch) for ch in sentence)
    assert readings(wide) == readings(sentence)
    for minus in ("\u2212", "\ufe63", "\uff0d"):
        assert readings(sentence.replace("-", minus)) == readings(sentence)


@pytest.mark.parametrize("variant", [
    "０．４７%",  # fullwidth digits and full stop: 0.47, not 47
    "0.4\u200b7%",  # a zero-width space inside the number
    "0\u2060.47%",  # a word joiner before the decimal point
    "0.47\u200b%",  # between the number and its percent sign
])
def test_the_sp500_move_is_confirmed_whatever_the_characters(store_path: Path,
                                                             variant: str) -> None:
    text = f"Published February 9, 2026. The S&P 500 gained {variant} on the day."
    with rotoscope.open(store_path) as rs:
        result = rs.check_claims(text)
    assert [(c.claim.claimed, c.verdict) for c in result.claims] == [(0.47, "confirmed")]
    assert result.claims[0].computed == pytest.approx(
        (6964.819824 / 6932.299805 - 1) * 100, abs=1e-6)


def test_small_form_minus_is_a_sign() -> None:
    # "﹣1.25%" (U+FE63) is the same claim as "-1.25%"
    assert readings("The Russell 2000 fell \ufe631.25% this week.")[0][0] == -1.25
