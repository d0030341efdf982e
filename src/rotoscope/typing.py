"""The type aliases shared across rotoscope's packages, defined once.

>>> from rotoscope.typing import Basis
>>> Basis.__args__
('close', 'adj_close')
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import numpy as np
import numpy.typing as npt

__all__ = ["F64", "Basis", "DateArray", "PriceField"]

#: The close a return or a level is measured on: the raw traded close or the
#: dividend-adjusted (total-return) one. They are never substituted.
Basis: TypeAlias = Literal["close", "adj_close"]

#: A column of the ``prices`` table besides ``date``.
PriceField: TypeAlias = Literal["open", "high", "low", "close", "adj_close", "volume"]

#: A one-dimensional array of values.
F64: TypeAlias = npt.NDArray[np.float64]

#: A one-dimensional array of dates (``datetime64[D]``).
DateArray: TypeAlias = npt.NDArray[np.datetime64]
