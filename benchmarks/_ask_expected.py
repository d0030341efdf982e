"""Write ``ask_questions.toml``: the question set of ``ask_accuracy.py`` with expected values.

This script does not import rotoscope. It reads the mirror's CSV files
(``$ROTOSCOPE_DATA_DIR``, default ``/work/shared/data``) with the ``csv`` and
``gzip`` modules and computes every expected number from the rows, writing the
dates, the inputs and the formula next to each value in the TOML file, so a
reader can redo the arithmetic by hand.

Conventions (the ones ``docs/ask.md`` states, reimplemented here):

- a change over a period runs from the last close *before* the period starts
  (a year, half, quarter, month or week) to the last close on or before its
  end (and on or before the as-of date); ``1y`` from the last close on or
  before the same date a year earlier; a range "between D1 and D2" and "the
  year after D1" from the close of D1; "since the low of <range>" from the
  lowest close in the range;
- ``close`` is the price close, ``adj_close`` the total-return close;
- yield changes are end minus base, in basis points (x 100);
- a moving average of N sessions is the mean of the N closes ending on a
  session; a cross below is the first session with the close under its
  average after a session at or above it (above: the mirror image);
- the rolling 10-year share is the share of windows of 2,520 consecutive
  daily rows in which ``sum(log(1 + SMB/100)) > 0``.

Run: ``python benchmarks/_ask_expected.py`` (rewrites the TOML file).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import math
import os
from pathlib import Path
from typing import Any

DATA = Path(os.environ.get("ROTOSCOPE_DATA_DIR", "/work/shared/data"))
OUT = Path(__file__).with_name("ask_questions.toml")
AS_OF = dt.date(2026, 8, 21)  # the store's last date (newest row in the mirror)

Rows = list[tuple[dt.date, float]]
_cache: dict[tuple[str, str], Rows] = {}


def rows(symbol: str, field: str = "close") -> Rows:
    """Return the (date, value) rows of one price column or FRED column, blanks left out."""
    key = (symbol, field)
    if key in _cache:
        return _cache[key]
    out: Rows = []
    if symbol.startswith("DGS") or symbol in ("DFF",):
        with (DATA / "macro" / "fred_daily.csv").open() as fh:
            for r in csv.DictReader(fh):
                if r[symbol]:
                    out.append((dt.date.fromisoformat(r["date"]), float(r[symbol])))
    else:
        name = symbol.replace("^", "_")
        with (DATA / "prices" / f"{name}.csv").open() as fh:
            for r in csv.DictReader(fh):
                if r[field]:
                    out.append((dt.date.fromisoformat(r["date"]), float(r[field])))
    _cache[key] = out
    return out


def on_or_before(rs: Rows, day: dt.date) -> tuple[dt.date, float]:
    """Return the last row on or before ``day``."""
    hit = [r for r in rs if r[0] <= day]
    return hit[-1]


def before(rs: Rows, day: dt.date) -> tuple[dt.date, float]:
    """Return the last row strictly before ``day``."""
    hit = [r for r in rs if r[0] < day]
    return hit[-1]


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def bounds(period: tuple[Any, ...], as_of: dt.date) -> tuple[str, dt.date, dt.date]:
    """Return (kind, start, end): kind "before" means the base is the last row before start."""
    kind = period[0]
    if kind == "ytd":
        return "before", dt.date(as_of.year, 1, 1), as_of
    if kind == "mtd":
        return "before", as_of.replace(day=1), as_of
    if kind == "qtd":
        return "before", as_of.replace(month=3 * ((as_of.month - 1) // 3) + 1, day=1), as_of
    if kind == "wtd":
        return "before", as_of - dt.timedelta(days=as_of.weekday()), as_of
    if kind == "prev_week":  # the last complete week before the as-of date's week
        monday = as_of - dt.timedelta(days=as_of.weekday() + 7)
        return "before", monday, monday + dt.timedelta(days=4)
    if kind == "year":
        return "before", dt.date(period[1], 1, 1), dt.date(period[1], 12, 31)
    if kind == "half":
        first = dt.date(period[1], 6 * period[2] - 5, 1)
        return "before", first, _month_end(period[1], 6 * period[2])
    if kind == "quarter":
        first = dt.date(period[1], 3 * period[2] - 2, 1)
        return "before", first, _month_end(period[1], 3 * period[2])
    if kind == "month":
        return "before", dt.date(period[1], period[2], 1), _month_end(period[1], period[2])
    if kind == "1y":
        return "on", as_of.replace(year=as_of.year - 1), as_of
    if kind == "1d":
        return "prev", as_of, as_of
    if kind == "range":
        return "on", dt.date.fromisoformat(period[1]), dt.date.fromisoformat(period[2])
    if kind == "year_after":
        d = dt.date.fromisoformat(period[1])
        return "on", d, d.replace(year=d.year + 1)
    if kind == "since":
        return "on", dt.date.fromisoformat(period[1]), as_of
    raise ValueError(period)


def base_end(
    rs: Rows, period: tuple[Any, ...], as_of: dt.date
) -> tuple[tuple[dt.date, float], tuple[dt.date, float]]:
    """Return the base row and the end row of a period."""
    if period[0] == "low":
        lo, hi = dt.date.fromisoformat(period[1]), dt.date.fromisoformat(period[2])
        inside = [r for r in rs if lo <= r[0] <= hi]
        return min(inside, key=lambda r: r[1]), on_or_before(rs, as_of)
    kind, start, end = bounds(period, as_of)
    end_row = on_or_before(rs, min(end, as_of))
    if kind == "before":
        return before(rs, start), end_row
    if kind == "prev":
        return before(rs, end_row[0]), end_row
    return on_or_before(rs, start), end_row


def change(
    symbol: str, field: str, period: tuple[Any, ...], as_of: dt.date
) -> tuple[float, str, dt.date, dt.date]:
    rs = rows(symbol, field)
    (d0, v0), (d1, v1) = base_end(rs, period, as_of)
    value = (v1 / v0 - 1.0) * 100.0
    return (
        value,
        (
            f"{symbol} {field} {d0} = {v0:g}, {d1} = {v1:g}: "
            f"({v1:g} / {v0:g} - 1) x 100 = {value:.4f} %"
        ),
        d0,
        d1,
    )


def yield_change(
    symbol: str, period: tuple[Any, ...], as_of: dt.date
) -> tuple[float, str, dt.date, dt.date]:
    rs = rows(symbol, "close") if symbol.startswith("^") else rows(symbol)
    (d0, v0), (d1, v1) = base_end(rs, period, as_of)
    value = (v1 - v0) * 100.0
    return (
        value,
        (f"{symbol} {d0} = {v0:g}%, {d1} = {v1:g}%: ({v1:g} - {v0:g}) x 100 = {value:.1f} bp"),
        d0,
        d1,
    )


def curve(
    as_of: dt.date, period: tuple[Any, ...] | None
) -> tuple[float, str, dt.date | None, dt.date]:
    ten, two = dict(rows("DGS10")), dict(rows("DGS2"))
    last = as_of if period is None else min(as_of, bounds(period, as_of)[2])
    common = sorted(d for d in ten if d in two and d <= as_of)
    d1 = [d for d in common if d <= last][-1]
    s1 = ten[d1] - two[d1]
    if period is None:
        return (
            s1 * 100.0,
            (
                f"DGS10 {d1} = {ten[d1]:g}, DGS2 = {two[d1]:g}: "
                f"({ten[d1]:g} - {two[d1]:g}) x 100 = {s1 * 100:.1f} bp"
            ),
            None,
            d1,
        )
    kind, start, _ = bounds(period, as_of)
    assert kind == "before"
    d0 = [d for d in common if d < start][-1]
    s0 = ten[d0] - two[d0]
    value = (s1 - s0) * 100.0
    return (
        value,
        (
            f"2s10s {d0} = {ten[d0]:g} - {two[d0]:g} = {s0:.2f} pp; {d1} = "
            f"{ten[d1]:g} - {two[d1]:g} = {s1:.2f} pp: ({s1:.2f} - {s0:.2f}) x 100 = "
            f"{value:.1f} bp"
        ),
        d0,
        d1,
    )


def extreme(
    symbol: str, side: str, period: tuple[Any, ...], as_of: dt.date
) -> tuple[float, str, dt.date, dt.date, dt.date]:
    rs = rows(symbol)
    if period[0] == "52w":
        inside = [r for r in rs if r[0] <= as_of][-252:]
    else:
        _, start, end = bounds(period, as_of)
        inside = [r for r in rs if start <= r[0] <= min(end, as_of)]
    pick = max if side == "high" else min
    best = pick(inside, key=lambda r: (r[1], r[0]))
    # the latest session at the extreme when values tie
    same = [r for r in inside if r[1] == best[1]]
    best = same[-1]
    return (
        best[1],
        (
            f"{side}est {symbol} close of the {len(inside)} sessions "
            f"{inside[0][0]}..{inside[-1][0]}: {best[1]:g} on {best[0]}"
        ),
        inside[0][0],
        inside[-1][0],
        best[0],
    )


def record_distance(symbol: str, as_of: dt.date) -> tuple[float, str, dt.date, dt.date]:
    rs = [r for r in rows(symbol) if r[0] <= as_of]
    top = max(rs, key=lambda r: (r[1], r[0]))
    last = rs[-1]
    value = (last[1] / top[1] - 1.0) * 100.0
    return (
        value,
        (
            f"{symbol} record close {top[1]:g} on {top[0]}; close {last[0]} = "
            f"{last[1]:g}: ({last[1]:g} / {top[1]:g} - 1) x 100 = {value:.4f} %"
        ),
        rs[0][0],
        last[0],
    )


def ma_cross(symbol: str, n: int, direction: str, as_of: dt.date) -> tuple[dt.date, str]:
    rs = [r for r in rows(symbol) if r[0] <= as_of]
    vals = [v for _, v in rs]
    sums = [0.0]
    for v in vals:
        sums.append(sums[-1] + v)
    sma = [math.nan] * len(vals)
    for i in range(n - 1, len(vals)):
        sma[i] = (sums[i + 1] - sums[i + 1 - n]) / n
    for i in range(len(vals) - 1, n - 1, -1):
        now_below, was_below = vals[i] < sma[i], vals[i - 1] < sma[i - 1]
        if direction == "below" and now_below and not was_below:
            break
        if direction == "above" and not now_below and was_below:
            break
    d = rs[i][0]
    return d, (
        f"{symbol} close {d} = {vals[i]:g} vs {n}-session mean {sma[i]:.2f}; "
        f"{rs[i - 1][0]} = {vals[i - 1]:g} vs {sma[i - 1]:.2f}: last cross {direction}"
    )


def rolling_share(column: str, as_of: dt.date, rows_n: int = 2520) -> tuple[float, str, dt.date]:
    with gzip.open(DATA / "french" / "F-F_Research_Data_Factors_daily.csv.gz", "rt") as fh:
        lines = fh.read().splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("Date,"))
    cols = lines[head].split(",")
    k = cols.index(column)
    vals: list[tuple[dt.date, float]] = []
    for line in lines[head + 1 :]:
        parts = [p.strip() for p in line.split(",")]
        if len(parts) != len(cols) or not parts[0][:4].isdigit():
            continue
        d = (
            dt.date.fromisoformat(parts[0])
            if "-" in parts[0]
            else dt.datetime.strptime(parts[0], "%Y%m%d").date()
        )
        if d <= as_of:
            vals.append((d, float(parts[k])))
    logs = [math.log1p(v / 100.0) for _, v in vals]
    c = [0.0]
    for x in logs:
        c.append(c[-1] + x)
    sums = [c[i + rows_n] - c[i] for i in range(len(logs) - rows_n + 1)]
    share = sum(1 for s in sums if s > 0) / len(sums) * 100.0
    return (
        share,
        (
            f"{column} daily rows {vals[0][0]}..{vals[-1][0]} ({len(vals)}); "
            f"{len(sums)} windows of {rows_n} rows; "
            f"{sum(1 for s in sums if s > 0)} compound above zero: "
            f"{share:.2f} %"
        ),
        vals[-1][0],
    )


def level(symbol: str, day: dt.date, field: str = "close") -> tuple[float, str, dt.date]:
    d, v = on_or_before(rows(symbol, field), day)
    return v, f"{symbol} {field} on {d} = {v:g}", d


from _ask_specs import Q  # noqa: E402  (the question list, kept in its own file)

SECTORS = ("XLB", "XLC", "XLE", "XLF", "XLI", "XLK", "XLP", "XLRE", "XLU", "XLV", "XLY")


def part(spec: tuple[Any, ...], as_of: dt.date) -> dict[str, Any]:
    """Compute one expected fact: measure, subjects, dates, value, unit, tolerance, arithmetic."""
    m = spec[0]
    if m in ("change", "change_tr"):
        fld = "adj_close" if m == "change_tr" else "close"
        v, why, d0, d1 = change(spec[1], fld, spec[2], as_of)
        return {
            "measure": "price_change" if fld == "close" else "total_return",
            "subjects": [spec[1]],
            "start": d0,
            "end": d1,
            "value": v,
            "unit": "pct",
            "tolerance": 0.01,
            "why": why,
        }
    if m == "spread":
        a, b = spec[1]
        va, wa, d0, d1 = change(a, "close", spec[2], as_of)
        vb, wb, _, _ = change(b, "close", spec[2], as_of)
        return {
            "measure": "spread",
            "subjects": [a, b],
            "start": d0,
            "end": d1,
            "value": va - vb,
            "unit": "pp",
            "tolerance": 0.01,
            "why": f"{wa}; {wb}; {va:.4f} - {vb:.4f} = {va - vb:.4f} pp",
        }
    if m in ("high", "low_close"):
        side = "high" if m == "high" else "low"
        v, why, d0, d1, on = extreme(spec[1], side, spec[2], as_of)
        return {
            "measure": f"{side}est_close",
            "subjects": [spec[1]],
            "start": d0,
            "end": d1,
            "value": v,
            "unit": "level",
            "tolerance": 0.01,
            "on": on,
            "why": why,
        }
    if m == "record":
        v, why, d0, d1 = record_distance(spec[1], as_of)
        return {
            "measure": "record_distance",
            "subjects": [spec[1]],
            "end": d1,
            "value": v,
            "unit": "pct",
            "tolerance": 0.01,
            "why": why,
        }
    if m == "cross":
        d, why = ma_cross(spec[1], spec[2], spec[3], as_of)
        return {
            "measure": f"cross_{spec[3]}_sma{spec[2]}",
            "subjects": [spec[1]],
            "value": d,
            "unit": "date",
            "why": why,
        }
    if m == "bp":
        v, why, d0, d1 = yield_change(spec[1], spec[2], as_of)
        return {
            "measure": "yield_change",
            "subjects": [spec[1]],
            "start": d0,
            "end": d1,
            "value": v,
            "unit": "bp",
            "tolerance": 0.5,
            "why": why,
        }
    if m == "curve":
        v, why, _, d1 = curve(as_of, None)
        return {
            "measure": "curve",
            "subjects": ["DGS10", "DGS2"],
            "end": d1,
            "value": v,
            "unit": "bp",
            "tolerance": 0.5,
            "why": why,
        }
    if m == "curve_change":
        v, why, d0, d1 = curve(as_of, spec[1])
        return {
            "measure": "curve_change",
            "subjects": ["DGS10", "DGS2"],
            "start": d0,
            "end": d1,
            "value": v,
            "unit": "bp",
            "tolerance": 0.5,
            "why": why,
        }
    if m == "level_last":
        v, why, d = level(spec[1], as_of)
        return {
            "measure": "level",
            "subjects": [spec[1]],
            "end": d,
            "value": v,
            "unit": "level",
            "tolerance": 0.005,
            "why": why,
        }
    if m == "level":
        v, why, d = level(spec[1], dt.date.fromisoformat(spec[2]))
        return {
            "measure": "level",
            "subjects": [spec[1]],
            "start": d,
            "end": d,
            "value": v,
            "unit": "level",
            "tolerance": 0.005,
            "why": why,
        }
    if m == "share":
        v, why, d1 = rolling_share(spec[1], as_of)
        return {
            "measure": "rolling_share",
            "subjects": [spec[1]],
            "end": d1,
            "value": v,
            "unit": "share",
            "tolerance": 0.5,
            "why": why,
        }
    if m == "sector_leader":
        # price closes of XLB, XLI, XLP, XLV and XLY start on 2026-03-20, so a window
        # before then is measured on total-return closes, whose data end on 2026-07-31
        end = min(as_of, max(d for d, _ in rows("XLK", "adj_close")))
        got = [(change(s, "adj_close", spec[1], end), s) for s in SECTORS]
        (v, why, d0, d1), s = max(got, key=lambda g: g[0][0])
        return {
            "measure": "total_return",
            "subjects": [s],
            "start": d0,
            "end": d1,
            "value": v,
            "unit": "pct",
            "tolerance": 0.01,
            "why": why
            + "; the highest of "
            + ", ".join(f"{x} {g[0]:.2f}" for g, x in sorted(got, reverse=True)),
        }
    raise ValueError(spec)


def _toml(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".") if value == value else "nan"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


def main() -> None:
    lines = [
        "# The question set of benchmarks/ask_accuracy.py, written by benchmarks/_ask_expected.py",
        "# from the mirror's CSV files (do not edit by hand; edit the script and rerun it).",
        f"# As of {AS_OF} (the store's last date) unless an entry gives as_of.",
        "",
    ]
    for i, entry in enumerate(Q, start=1):
        as_of = entry.get("as_of", AS_OF)
        lines += ["[[question]]", f'id = "q{i:03d}"', f"text = {_toml(entry['q'])}"]
        if "as_of" in entry:
            lines.append(f"as_of = {_toml(as_of)}")
        if "decline" in entry:
            lines += ["decline = true", f"why = {_toml(entry['decline'])}", ""]
            continue
        if "unanswered" in entry:
            lines.append(f"unanswered = {_toml(entry['unanswered'])}")
        lines.append("")
        for spec in entry["parts"]:
            p = part(spec, as_of)
            lines.append("[[question.part]]")
            why = p.pop("why")
            for k in ("measure", "subjects", "start", "end", "on", "unit", "tolerance"):
                if k in p:
                    lines.append(f"{k} = {_toml(p[k])}")
            lines.append(f"value = {_toml(p['value'])}  # {why}")
            lines.append("")
    OUT.write_text("\n".join(lines))
    print(f"{len(Q)} questions written to {OUT}")


if __name__ == "__main__":
    main()
