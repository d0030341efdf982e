"""The analytics' median is numpy's, without loading numpy's masked arrays."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from rotoscope.analytics._common import median


@given(hnp.arrays(np.float64, st.integers(1, 60),
                  elements=st.floats(allow_nan=True, allow_infinity=True, width=64)))
def test_median_is_numpys_for_any_floats(values: np.ndarray) -> None:
    # two middle values near the float maximum overflow their mean to inf in both
    with np.errstate(over="ignore"):
        expected = float(np.median(values))
        got = median(values)
    assert got == expected or (np.isnan(got) and np.isnan(expected))


@given(st.lists(st.integers(-10**6, 10**6), min_size=1, max_size=60))
def test_median_is_numpys_for_integers(values: list[int]) -> None:
    assert median(values) == float(np.median(values))


def test_median_by_hand() -> None:
    assert median([3.0, 1.0, 2.0]) == 2.0        # the middle of 1, 2, 3
    assert median([4, 1, 3, 2]) == 2.5           # (2 + 3) / 2
    assert median([0.1, 0.2]) == (0.1 + 0.2) / 2  # 0.15000000000000002, as numpy's mean gives
    assert np.isnan(median([1.0, np.nan, 2.0]))
    with pytest.raises(ValueError, match="the median of no values"):
        median([])
