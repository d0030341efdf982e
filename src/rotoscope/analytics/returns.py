"""Returns over windows and spreads between two series, as facts.

Price return uses ``close``; total return uses ``adj_close``. The fact's method
and inputs say which. See :mod:`rotoscope.analytics.windows` for the window
convention.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from rotoscope.analytics._pit import PointInTime
from rotoscope.analytics.windows import resolve_window, window_label
from rotoscope.exceptions import MissingFieldError
from rotoscope.facts import Fact, FactInput, make_fact_id

__all__ = ["spread", "value_on", "window_return"]

Field = Literal["close", "adj_close"]


def window_return(
    pit: PointInTime,
    symbol: str,
    window: str,
    field: Field = "adj_close",
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


def spread(
    pit: PointInTime, a: str, b: str, window: str, field: Field = "adj_close"
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

