"""Returns over windows and spreads between two series, as facts.

Price return uses ``close``; total return uses ``adj_close``. The fact's method
and inputs say which. See :mod:`rotoscope.analytics.windows` for the window
convention.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import numpy as np
import numpy.typing as npt

from rotoscope.analytics._common import FactMaker, day, series_input
from rotoscope.analytics._pit import PointInTime, SeriesData, require_recent
from rotoscope.analytics.windows import resolve_window, window_label
from rotoscope.exceptions import MissingFieldError
from rotoscope.facts import Fact, FactInput, make_fact_id
from rotoscope.typing import Basis

__all__ = ["FREQUENCIES", "month_of_year_returns", "period_rarity", "period_returns",
           "point_change", "spread", "value_on", "window_return", "year_start_rarity"]

Frequency = Literal["session", "week", "month", "quarter", "half", "year"]
FREQUENCIES: tuple[Frequency, ...] = ("session", "week", "month", "quarter", "half",
                                        "year")


def window_return(
    pit: PointInTime,
    symbol: str,
    window: str,
    field: Basis = "adj_close",
    base: Literal["close", "open"] = "close",
) -> Fact:
    """Return of ``symbol`` over ``window`` in percent, as of ``pit.as_of``.

    Parameters
    ----------
    pit
        The point-in-time view.
    symbol
        A price series.
    window
        A window key (``ytd``, ``month-2026-01``, ``since-2026-01-02``, ...).
    field
        ``adj_close`` for total return, ``close`` for price return.
    base
        ``close`` (the convention) or ``open``: measure from the open of the
        window's first session, read from the ``open`` field.

    Raises
    ------
    MissingFieldError
        When the series lacks ``field`` (or ``open``) where the window needs it.
    ValueError
        For an unknown window or one the data does not cover.
    """
    # computed once per view: spreads, sector ranks and the checker ask again
    return pit.remember(("window_return", symbol, window, field, base),
                        lambda: _window_return(pit, symbol, window, field, base))


def _window_return(pit: PointInTime, symbol: str, window: str, field: Basis,
                   base: Literal["close", "open"]) -> Fact:
    series = pit.series(symbol, field)
    win = resolve_window(series, window, pit.as_of)
    end_value = float(series.values[win.end])
    end_day = series.date(win.end)
    if base == "open":
        opens = pit.series(symbol, "open")
        first_day = series.date(win.first_in_window)
        i = opens.index_on_or_before(first_day)
        if i < 0 or opens.date(i) != first_day:
            raise MissingFieldError(symbol, "open", f"on {first_day}")
        base_value = float(opens.values[i])
        base_input = FactInput(series=series.symbol, field="open", first=first_day,
                               last=first_day)
        end_input = FactInput(series=series.symbol, field=field, first=end_day, last=end_day)
        inputs: tuple[FactInput, ...] = (base_input, end_input)
        method = "open_to_close_return"
    else:
        base_value = float(series.values[win.base])
        inputs = (FactInput(series=series.symbol, field=field, first=series.date(win.base),
                            last=end_day),)
        method = "total_return" if field == "adj_close" else "price_return"
    value = (end_value / base_value - 1.0) * 100.0
    kind_key = f"{method}.{window}"
    what = {"total_return": "total return", "price_return": "price return",
            "open_to_close_return": "return from the open"}[method]
    return Fact(
        id=make_fact_id("return", (series.symbol,), kind_key, pit.as_of),
        value=value,
        unit="pct",
        kind="return",
        as_of=pit.as_of,
        subjects=(series.symbol,),
        inputs=inputs,
        method=method,
        params={"window": window, "field": field, "base": base, "base_value": base_value,
                "end_value": end_value},
        sources=(series.source,),
        label=f"{series.symbol} {what}, {window_label(window)}",
        notes=win.notes,
    )


def point_change(pit: PointInTime, symbol: str, window: str, field: Basis = "close") -> Fact:
    """Change of ``symbol`` over ``window`` in index points: the end value minus the base.

    The window convention is that of :func:`window_return`.

    Raises
    ------
    MissingFieldError, ValueError
        As :func:`window_return`.
    """
    series = pit.series(symbol, field)
    win = resolve_window(series, window, pit.as_of)
    base_value, end_value = float(series.values[win.base]), float(series.values[win.end])
    return Fact(
        id=make_fact_id("change", (series.symbol,), f"points.{field}.{window}", pit.as_of),
        value=end_value - base_value,
        unit="level",
        kind="change",
        as_of=pit.as_of,
        subjects=(series.symbol,),
        inputs=(FactInput(series=series.symbol, field=field, first=series.date(win.base),
                          last=series.date(win.end)),),
        method="point_change",
        params={"window": window, "field": field, "base_value": base_value,
                "end_value": end_value},
        sources=(series.source,),
        label=f"{series.symbol} change in points, {window_label(window)}",
        notes=win.notes,
        signed=True,
    )


def spread(
    pit: PointInTime, a: str, b: str, window: str, field: Basis = "adj_close"
) -> tuple[Fact, Fact, Fact]:
    """Return ``(spread, return_a, return_b)``: A's return minus B's, in percentage points."""
    ra = window_return(pit, a, window, field)
    rb = window_return(pit, b, window, field)
    assert isinstance(ra.value, float)
    assert isinstance(rb.value, float)
    value = ra.value - rb.value
    fact = Fact(
        id=make_fact_id("spread", (*ra.subjects, *rb.subjects), f"{ra.method}.{window}",
                        pit.as_of),
        value=value,
        unit="pp",
        kind="spread",
        as_of=pit.as_of,
        subjects=(*ra.subjects, *rb.subjects),
        inputs=ra.inputs + rb.inputs,
        method=f"{ra.method}_difference",
        params={"window": window, "field": field, "a": ra.id, "b": rb.id},
        sources=ra.sources + rb.sources,
        label=f"{ra.subjects[0]} minus {rb.subjects[0]}, {window_label(window)}",
        notes=ra.notes + rb.notes,
    )
    return fact, ra, rb


def value_on(pit: PointInTime, symbol: str, field: str, day: dt.date) -> Fact:
    """Return one field of one series on one session, as a fact (a close, a yield).

    Raises
    ------
    MissingFieldError
        When the series has no ``field`` value on ``day`` itself.
    """
    s = pit.series(symbol, field)
    i = s.index_on_or_before(day)
    if i < 0 or s.date(i) != day:
        raise MissingFieldError(symbol, field, f"on {day}")
    fld = "value" if field not in ("close", "adj_close", "open", "high", "low") else field
    return Fact(
        id=make_fact_id("level", (s.symbol,), field, day), value=float(s.values[i]),
        unit="level", kind="level", as_of=day, subjects=(s.symbol,),
        inputs=(FactInput(series=s.symbol, field=fld, first=day, last=day),),
        method="value_on_date", params={"field": field}, sources=(s.source,),
        label=f"{s.symbol} {field.replace('_', ' ')} on {day}")



def _period_labels(dates: npt.NDArray[np.datetime64], frequency: Frequency) -> npt.NDArray[
        np.int64]:
    """Return an integer per row naming its calendar period (weeks run Monday to Sunday)."""
    days = dates.astype("datetime64[D]").astype(np.int64)
    if frequency == "session":
        return days
    if frequency == "week":
        return (days + 3) // 7  # 1970-01-01 was a Thursday: weeks start on Monday
    months = dates.astype("datetime64[M]").astype(np.int64)
    if frequency == "month":
        return months
    if frequency == "quarter":
        return months // 3
    if frequency == "half":
        return months // 6
    return dates.astype("datetime64[Y]").astype(np.int64)


def period_returns(series: SeriesData, frequency: Frequency
                   ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Return ``(last_rows, returns)`` of every calendar period after the first.

    A period's return is its last value over the previous period's last value,
    minus one, in percent; ``last_rows[i]`` is the row index that ends period
    ``i``. The series' first period has no base and is left out; the last one
    may be incomplete (it ends at the series' last row).
    """
    labels = _period_labels(series.dates, frequency)
    ends = np.flatnonzero(np.diff(labels) != 0)
    ends = np.append(ends, labels.size - 1).astype(np.int64)
    values = series.values[ends]
    returns = (values[1:] / values[:-1] - 1.0) * 100.0
    return ends[1:], returns


def _as_extreme(earlier: npt.NDArray[np.float64], current: float,
                side: int) -> npt.NDArray[np.bool_]:
    """Which earlier values were at least as extreme as ``current`` on ``side``.

    ``side`` 1: at least as high; -1: at least as low; 0: at least as large in size.
    """
    if side > 0:
        return earlier >= current
    if side < 0:
        return earlier <= current
    return np.abs(earlier) >= abs(current)


def period_rarity(
    pit: PointInTime,
    symbol: str,
    frequency: Frequency,
    field: Basis = "close",
    side: int = 1,
    month_of_year: int | None = None,
    half_of_year: int | None = None,
) -> list[Fact]:
    """How rare the latest period's return is: its rank and the last one as extreme.

    The latest period is the calendar ``frequency`` (session, week, month,
    quarter, half or year) holding ``pit.as_of``'s last row, measured from the
    previous period's last close. With ``month_of_year`` only that calendar
    month of each year is compared ("the best January since ..."): the latest
    such month on or before the as-of date is rated; with ``half_of_year`` (1 or
    2) only first (second) halves are compared ("the strongest first half since
    ..."). ``side`` is ``1`` for a gain (the
    best: earlier periods at least as high count), ``-1`` for a loss (the
    worst: at least as low) and ``0`` for a move of either sign (at least as
    large in absolute value).

    Facts (kind ``period_return``): ``value`` (pct), ``rank`` (1 = most
    extreme since the data begin), ``history_count`` (periods compared),
    ``since`` (the last day of the last earlier period at least as extreme) with
    ``since_value``; ``since`` is absent when none was.

    Raises
    ------
    ValueError
        For an unknown frequency or side, or a series with too little history.
    """
    if frequency not in FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency!r}: use one of {', '.join(FREQUENCIES)}")
    if side not in (-1, 0, 1):
        raise ValueError(f"side must be -1, 0 or 1, not {side}")
    series = pit.series(symbol, field)
    require_recent(series, pit.as_of)
    unit: Frequency = "month" if month_of_year else frequency
    ends, returns = period_returns(series, unit)
    if month_of_year is not None:
        keep = (series.dates[ends].astype("datetime64[M]").astype(np.int64) % 12
                == month_of_year - 1)
        ends, returns = ends[keep], returns[keep]
    if half_of_year is not None and frequency == "half":
        keep = (series.dates[ends].astype("datetime64[M]").astype(np.int64) % 12) // 6 \
            == half_of_year - 1
        ends, returns = ends[keep], returns[keep]
    if returns.size == 0:
        raise ValueError(f"{series.symbol} has no complete {frequency} before {pit.as_of}")
    current = float(returns[-1])
    as_extreme = _as_extreme(returns[:-1], current, side)
    rank = int(np.count_nonzero(as_extreme)) + 1
    labels = _period_labels(series.dates, unit)
    base_row = int(np.searchsorted(labels, labels[ends[-1]], side="left")) - 1
    what = (dt.date(2000, month_of_year, 1).strftime("%B") if month_of_year else frequency)
    direction = {1: "gain", -1: "loss", 0: "move"}[side]
    make = FactMaker(
        pit, "period_return", (series.symbol,), (series_input(series),),
        f"calendar_{frequency}_return_rank", (series.source,),
        params={"field": field, "frequency": frequency, "side": side,
                "month_of_year": month_of_year,
                "rule": f"return of each calendar {what} from the previous period's last "
                        f"{field}; the {direction} compared with every earlier one"},
        id_prefix=f"{field}.{what.lower()}.{direction}.")
    last_in = series_input(series, base_row, int(ends[-1]))
    facts = [
        make("value", current, "pct", f"{series.symbol} {what} return ending "
             f"{day(series.dates[ends[-1]])}", inputs=(last_in,), signed=True),
        make("rank", rank, "count", f"rank of that {direction} among {returns.size} "
             f"{what} returns since the data begin"),
        make("history_count", int(returns.size), "count", f"{what} returns compared"),
    ]
    hits = np.flatnonzero(as_extreme)
    if hits.size:
        j = int(hits[-1])
        facts += [
            make("since", day(series.dates[ends[j]]), "date",
                 f"last day of the last earlier {what} with a {direction} at least as large"),
            make("since_value", float(returns[j]), "pct", f"that {what}'s return",
                 signed=True),
        ]
    return facts


def year_start_rarity(pit: PointInTime, symbol: str, field: Basis = "close",
                      side: int = 1) -> list[Fact]:
    """How rare this year's start is: the return to date against every earlier year's.

    "The best start to a year since 1991": the return from the last close of the
    previous year to the as-of date's last row is compared with each earlier
    year's return from its previous year's last close to its last session on or
    before the same month and day. ``side`` as in :func:`period_rarity`.

    Facts (kind ``year_start``): ``value`` (pct), ``rank``, ``history_count``
    (years compared, this one included), and ``since`` (the last earlier year at
    least as extreme, as the date its start was measured to) with ``since_value``;
    ``since`` is absent when no earlier year was.

    Raises
    ------
    ValueError
        For an unknown side, or a series without a full earlier year.
    """
    if side not in (-1, 0, 1):
        raise ValueError(f"side must be -1, 0 or 1, not {side}")
    series = pit.series(symbol, field)
    require_recent(series, pit.as_of)
    dates = series.dates.astype("datetime64[D]")
    years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    month_day = (dates.astype("datetime64[M]").astype(np.int64) % 12 + 1) * 100 + (
        (dates - dates.astype("datetime64[M]")).astype(np.int64) + 1)
    last = day(dates[-1])
    cutoff = last.month * 100 + last.day
    rows: list[tuple[int, int, int]] = []  # (year, base row, end row)
    for year in range(int(years[0]) + 1, last.year + 1):
        before = np.flatnonzero(years == year - 1)
        inside = np.flatnonzero((years == year) & (month_day <= cutoff))
        if before.size and inside.size:
            rows.append((year, int(before[-1]), int(inside[-1])))
    if len(rows) < 2 or rows[-1][0] != last.year:
        raise ValueError(f"{series.symbol} has no earlier year to compare {last.year}'s "
                         "start with")
    values = np.array([(series.values[e] / series.values[b] - 1.0) * 100.0
                       for _, b, e in rows])
    current = float(values[-1])
    as_extreme = _as_extreme(values[:-1], current, side)
    direction = {1: "gain", -1: "loss", 0: "move"}[side]
    make = FactMaker(
        pit, "year_start", (series.symbol,), (series_input(series),),
        "year_to_date_return_rank", (series.source,),
        params={"field": field, "side": side, "through": f"{last:%m-%d}",
                "rule": f"each year's return from the previous year's last {field} to its "
                        f"last session on or before {last:%B} {last.day}"},
        id_prefix=f"{field}.{direction}.")
    _, base, end = rows[-1]
    facts = [
        make("value", current, "pct", f"{series.symbol} return from {day(dates[base])} to "
             f"{last}", inputs=(series_input(series, base, end),), signed=True),
        make("rank", int(np.count_nonzero(as_extreme)) + 1, "count",
             f"rank of that {direction} among the same starts of {len(rows)} years"),
        make("history_count", len(rows), "count", "years compared"),
    ]
    hits = np.flatnonzero(as_extreme)
    if hits.size:
        _, b, e = rows[int(hits[-1])]
        facts += [
            make("since", day(dates[e]), "date",
                 f"end of the last earlier year's start with a {direction} at least as large",
                 inputs=(series_input(series, b, e),)),
            make("since_value", float(values[int(hits[-1])]), "pct", "that year's start",
                 signed=True),
        ]
    return facts


def month_of_year_returns(pit: PointInTime, symbol: str, month: int,
                          field: Basis = "close") -> list[tuple[dt.date, float, Fact]]:
    """Return every complete calendar ``month`` of the series, oldest first, with its fact.

    "Eleven straight positive Julys", "up in 17 of the last 18 Septembers": each
    item is ``(last session of that month, return in percent, fact)``, measured
    from the previous month's last row. A month still running on the as-of date
    is left out. The series may end before the as-of date: the caller checks that
    the months it needs are there.
    """
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1 to 12, not {month}")
    series = pit.series(symbol, field)
    ends, returns = period_returns(series, "month")
    months = series.dates[ends].astype("datetime64[M]").astype(np.int64)
    out: list[tuple[dt.date, float, Fact]] = []
    name = dt.date(2000, month, 1).strftime("%B")
    for k in np.flatnonzero(months % 12 == month - 1):
        end_row = int(ends[k])
        end = day(series.dates[end_row])
        month_last = (dt.date(end.year + (month == 12), month % 12 + 1, 1)
                      - dt.timedelta(days=1))
        if end_row == series.values.size - 1 and end < month_last and pit.as_of < month_last:
            continue  # the month is not over
        base_row = int(ends[k - 1]) if k > 0 else -1
        if base_row < 0:
            continue
        fact = Fact(
            id=make_fact_id("return", (series.symbol,), f"{field}.{name.lower()}", end),
            value=float(returns[k]), unit="pct", kind="return", as_of=end,
            subjects=(series.symbol,),
            inputs=(series_input(series, base_row, end_row),),
            method="calendar_month_return", params={"field": field, "month": month},
            sources=(series.source,),
            label=f"{series.symbol} {name} {end.year} return, {field}")
        out.append((end, float(returns[k]), fact))
    return out
