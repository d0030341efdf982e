"""Point-in-time access to the store: no row after the as-of date ever reaches an analytic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar, cast

import numpy as np
import numpy.typing as npt

from rotoscope.exceptions import DateOutOfRangeError, MissingFieldError, UnknownSymbolError
from rotoscope.store import Store

__all__ = ["MAX_STALE_DAYS", "PointInTime", "SeriesData", "require_recent"]

#: A series whose last value is more than this many calendar days before the
#: as-of date is stale: facts "as of" that date are not made from it.
MAX_STALE_DAYS = 7

_FIELDS = ("open", "high", "low", "close", "adj_close")

_T = TypeVar("_T")


@dataclass(frozen=True)
class SeriesData:
    """One field of one series up to the as-of date, missing values dropped.

    Attributes
    ----------
    symbol, field
        What was read.
    dates
        ``datetime64[D]``, ascending, all on or before the as-of date.
    values
        ``float64``, aligned with ``dates``.
    source
        The mirror file the series was loaded from.
    """

    symbol: str
    field: str
    dates: npt.NDArray[np.datetime64]
    values: npt.NDArray[np.float64]
    source: str

    def date(self, i: int) -> dt.date:
        """Return the ``i``-th date as a :class:`datetime.date`."""
        out: dt.date = self.dates[i].item()  # a datetime64[D] item is a date
        return out

    def index_on_or_before(self, day: dt.date) -> int:
        """Return the index of the last row on or before ``day`` (-1 when none)."""
        return int(np.searchsorted(self.dates, np.datetime64(day, "D"), side="right")) - 1


class PointInTime:
    """A view of the store as of one date.

    Parameters
    ----------
    store
        An open store.
    as_of
        Every read is limited to rows dated on or before this day.
    """

    def __init__(self, store: Store, as_of: dt.date) -> None:
        self.store = store
        self.as_of = as_of
        self._cache: dict[tuple[str, str], SeriesData] = {}
        self._missing: dict[tuple[str, str], DateOutOfRangeError | MissingFieldError] = {}
        self._memo: dict[Hashable, object] = {}

    def remember(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """Return ``compute()``, computed once per view for ``key``.

        The analytics share what several of them derive from the same reads
        (two series aligned, a window's return, a pair's runs) this way. A
        result depends only on the view's reads, which never pass the as-of
        date, so it holds for the view's whole life; callers must treat it as
        read-only. A call that raises stores nothing.

        Parameters
        ----------
        key
            Names the computation and all its arguments, e.g.
            ``("align", "IWM", "SPY", "adj_close")``.
        compute
            Computes the result from this view alone.
        """
        if key in self._memo:
            return cast(_T, self._memo[key])
        value = compute()
        self._memo[key] = value
        return value

    def series(self, symbol: str, field: str = "adj_close") -> SeriesData:
        """Return a series' non-missing values of ``field`` up to the as-of date.

        Raises
        ------
        UnknownSymbolError
            For a symbol the store does not know.
        MissingFieldError
            When the series has no value of ``field`` on or before the as-of date;
            another field is never used in its place.
        DateOutOfRangeError
            When the as-of date is before the series starts.
        """
        try:
            symbol = self.store.resolve(symbol)
        except UnknownSymbolError:
            member = self._member(symbol, field)
            if member is None:
                raise
            return member
        key = (symbol, field)
        if key in self._cache:
            return self._cache[key]
        if key in self._missing:  # asked before: the same error, without a query
            raise self._missing[key]
        if self.store.symbols()[symbol] == "prices" and field not in _FIELDS:
            raise MissingFieldError(symbol, field, "(not a price field)")
        dates, values, source = self.store.series_arrays(symbol, field)
        n = int(np.searchsorted(dates, np.datetime64(self.as_of, "D"), side="right"))
        if n == 0:
            # no row of this field on or before the date: the field starts later, or the
            # series does not hold it at all (an ETF with dividend-adjusted closes only)
            error: DateOutOfRangeError | MissingFieldError = MissingFieldError(
                symbol, field, f"on or before {self.as_of}")
            if dates.size and not self._rows_by_as_of(symbol, field):
                first, last = self.store.date_range(symbol)
                if self.as_of < first:
                    error = DateOutOfRangeError("as_of", self.as_of, first, last)
            self._missing[key] = error
            raise error
        # a view exposing only the rows on or before the as-of date
        data = SeriesData(symbol=symbol, field=field, dates=dates[:n], values=values[:n],
                          source=source)
        self._cache[key] = data
        return data

    def _rows_by_as_of(self, symbol: str, field: str) -> bool:
        """Whether another close of a price series has a value on or before the as-of date.

        The series then has rows by the date, so a field missing there is missing,
        not out of range, without asking the store for the series' first date.
        """
        if self.store.symbols()[symbol] != "prices":
            return False
        other = "close" if field == "adj_close" else "adj_close"
        dates = self.store.series_arrays(symbol, other)[0]
        return bool(dates.size) and bool(dates[0] <= np.datetime64(self.as_of, "D"))

    def _member(self, symbol: str, field: str) -> SeriesData | None:
        """Return an index member's adjusted closes, or ``None`` for an unknown symbol.

        The store holds members' dividend-adjusted closes only (for breadth), so
        any other field is missing, never substituted.
        """
        row = self.store.member(symbol)
        if row is None:
            return None
        symbol, member_file = row
        if field != "adj_close":
            raise MissingFieldError(symbol, field, "(the store holds index members' adjusted "
                                    "closes only)")
        key = (symbol, field)
        if key in self._cache:
            return self._cache[key]
        dates, values = self.store.member_arrays(symbol, self.as_of)
        if len(dates) == 0:
            raise MissingFieldError(symbol, field, f"on or before {self.as_of}")
        src = self.store.source_file(like="%members_adjclose%")
        data = SeriesData(symbol=symbol, field=field, dates=dates, values=values,
                          source=src if src is not None else member_file)
        self._cache[key] = data
        return data

    def factor(self, dataset: str, column: str) -> SeriesData:
        """Return a Kenneth French factor column (daily percent) up to the as-of date.

        The result's ``symbol`` is ``dataset:column`` and its field ``value_pct``.

        Raises
        ------
        MissingFieldError
            When the dataset or column is not in the store, or has no row on or
            before the as-of date.
        """
        key = (f"{dataset}:{column}", "value_pct")
        if key in self._cache:
            return self._cache[key]
        dates, values = self.store.factor_arrays(dataset, column, self.as_of)
        if len(dates) == 0:
            raise MissingFieldError(f"{dataset}:{column}", "value_pct",
                                    f"no French factor rows on or before {self.as_of}")
        src = self.store.source_file(kind="factors", like=f"french/{dataset}.%")
        data = SeriesData(symbol=key[0], field="value_pct", dates=dates, values=values,
                          source=src if src is not None else f"french/{dataset}")
        self._cache[key] = data
        return data


def require_recent(series: SeriesData, as_of: dt.date, max_days: int = MAX_STALE_DAYS) -> None:
    """Raise unless the series has a value within ``max_days`` before ``as_of``.

    Raises
    ------
    MissingFieldError
        When the last value is older: a stale series never stands in for the date.
    """
    last = series.date(-1)
    if (as_of - last).days > max_days:
        raise MissingFieldError(
            series.symbol, series.field,
            f"near {as_of}: its last value is on {last}, more than {max_days} days earlier")
