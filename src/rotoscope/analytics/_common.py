"""Helpers shared by the analytics: aligned pairs, percentiles, fact construction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from rotoscope.analytics._pit import PointInTime, SeriesData, require_recent
from rotoscope.facts import Fact, FactInput, Unit, make_fact_id
from rotoscope.typing import F64

__all__ = ["Aligned", "FactMaker", "align", "aligned_matrix", "common_rows", "day", "median",
           "percentile_of_last", "series_input", "trailing_mean"]

_DAY = np.dtype("datetime64[D]")


def day(value: np.datetime64) -> dt.date:
    """Return a ``datetime64[D]`` as a :class:`datetime.date`."""
    if value.dtype != _DAY:
        value = value.astype(_DAY)
    out = value.item()  # a datetime64[D] item is a date
    assert isinstance(out, dt.date)
    return out


def series_input(series: SeriesData, first: int = 0, last: int = -1) -> FactInput:
    """Return the :class:`FactInput` for rows ``first..last`` of ``series``."""
    return FactInput(series=series.symbol, field=series.field,
                     first=day(series.dates[first]), last=day(series.dates[last]))


@dataclass(frozen=True)
class Aligned:
    """Two series on the dates both have, up to the as-of date."""

    a: SeriesData
    b: SeriesData
    dates: npt.NDArray[np.datetime64]
    va: F64
    vb: F64

    def inputs(self, first: int = 0) -> tuple[FactInput, FactInput]:
        """Return the inputs of both series from aligned row ``first`` to the last."""
        f, last = day(self.dates[first]), day(self.dates[-1])
        return (
            FactInput(series=self.a.symbol, field=self.a.field,
                      first=f, last=last),
            FactInput(series=self.b.symbol, field=self.b.field,
                      first=f, last=last),
        )

    @property
    def sources(self) -> tuple[str, str]:
        """The mirror files of both series."""
        return (self.a.source, self.b.source)


def align(pit: PointInTime, a: str, b: str, field_name: str = "adj_close") -> Aligned:
    """Return ``a`` and ``b`` on their common dates up to the as-of date.

    Raises
    ------
    ValueError
        When they share fewer than two dates.
    MissingFieldError
        When either series is stale as of the date (see :func:`require_recent`).
    """
    return pit.remember(("align", a, b, field_name), lambda: _align(pit, a, b, field_name))


def _align(pit: PointInTime, a: str, b: str, field_name: str) -> Aligned:
    sa, sb = pit.series(a, field_name), pit.series(b, field_name)
    require_recent(sa, pit.as_of)
    require_recent(sb, pit.as_of)
    ia, ib = common_rows(sa.dates, sb.dates)
    if ia.size < 2:
        raise ValueError(f"{sa.symbol} and {sb.symbol} share fewer than two {field_name} dates "
                         f"on or before {pit.as_of}")
    common, va, vb = sa.dates[ia], sa.values[ia], sb.values[ib]
    for array in (common, va, vb):  # shared by every caller of the view: read-only
        array.flags.writeable = False
    return Aligned(sa, sb, common, va, vb)


def common_rows(a: npt.NDArray[np.datetime64], b: npt.NDArray[np.datetime64]) -> tuple[
        npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Return the rows of ``a`` and of ``b`` holding the dates both have, in date order.

    Both arrays must be ascending without repeats (a series' dates are). The
    result is that of ``np.intersect1d(a, b, assume_unique=True,
    return_indices=True)`` without its sort of the two arrays joined: each
    date of ``a`` is looked up in ``b`` by bisection.
    """
    at = np.searchsorted(b, a)
    found = at < b.size
    found[found] = b[at[found]] == a[found]
    return np.flatnonzero(found), at[found]


def aligned_matrix(
    pit: PointInTime, symbols: tuple[str, ...], field_name: str = "adj_close"
) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.float64]]:
    """Return the dates every symbol has and a (dates x symbols) matrix of values.

    Raises
    ------
    MissingFieldError
        When a series is stale as of the date (see :func:`require_recent`).
    """
    series = [pit.series(s, field_name) for s in symbols]
    for one in series:
        require_recent(one, pit.as_of)
    common = series[0].dates
    for s in series[1:]:
        common = common[common_rows(common, s.dates)[0]]
    cols = [s.values[np.searchsorted(s.dates, common)] for s in series]
    return common, np.column_stack(cols)


def trailing_mean(values: F64, n: int) -> F64:
    """Trailing ``n``-row mean; ``nan`` where fewer than ``n`` rows exist."""
    out = np.full(values.shape, np.nan)
    if values.size >= n:
        c = np.cumsum(np.concatenate(([0.0], values)))
        out[n - 1:] = (c[n:] - c[:-n]) / n
    return out


def median(values: npt.ArrayLike) -> float:
    """Return the median of ``values``, as :func:`numpy.median` gives it for a flat input.

    The middle value, or the mean of the two middle values, of the values as
    ``float64``; ``nan`` when any value is ``nan``. :func:`numpy.median` gives the
    same number but checks for a masked array, which imports :mod:`numpy.ma` on
    first use (a slice of every process that computes facts).

    Raises
    ------
    ValueError
        When there are no values.
    """
    x = np.asarray(values, dtype=np.float64).ravel()
    if x.size == 0:
        raise ValueError("the median of no values")
    if bool(np.isnan(x).any()):
        return float("nan")
    half = x.size // 2
    if x.size % 2:
        return float(np.partition(x, half)[half])
    part = np.partition(x, (half - 1, half))
    return float((part[half - 1] + part[half]) / 2)


def percentile_of_last(history: F64) -> float:
    """Percentile (0-100) of the last value within ``history`` (``nan`` dropped).

    The share of values at or below the last one, so the maximum scores 100.
    """
    h = history[~np.isnan(history)]
    if h.size == 0:
        return float("nan")
    return float(np.count_nonzero(h <= h[-1]) / h.size * 100.0)


@dataclass
class FactMaker:
    """Builds facts that share their kind prefix, subjects, inputs, method and sources."""

    pit: PointInTime
    kind: str
    subjects: tuple[str, ...]
    inputs: tuple[FactInput, ...]
    method: str
    sources: tuple[str, ...]
    params: dict[str, Any] = field(default_factory=dict)
    id_prefix: str = ""

    def __call__(
        self,
        key: str,
        value: float | int | dt.date | str,
        unit: Unit,
        label: str,
        *,
        notes: Sequence[str] = (),
        precision: int = 2,
        inputs: tuple[FactInput, ...] | None = None,
        params: dict[str, Any] | None = None,
        signed: bool | None = None,
    ) -> Fact:
        """Return the fact ``kind.key`` with this maker's shared parts."""
        if isinstance(value, np.generic):
            value = value.item()
        full_key = f"{self.id_prefix}{key}"
        return Fact(
            id=make_fact_id(self.kind, self.subjects, full_key, self.pit.as_of),
            value=value, unit=unit, kind=f"{self.kind}.{key.split('.')[0]}",
            as_of=self.pit.as_of, subjects=self.subjects,
            inputs=inputs if inputs is not None else self.inputs,
            method=self.method, params={**self.params, **(params or {})},
            sources=self.sources, label=label, notes=tuple(notes), precision=precision,
            signed=signed,
        )
