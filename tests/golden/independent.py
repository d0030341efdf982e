"""Independent reference values, read straight from the mirror files.

Pure Python and the csv module only: no rotoscope code, no numpy. The golden
tests in ``tests/test_analytics_more.py`` compare the engine with the numbers
this script prints; run it to see them::

    python tests/golden/independent.py ../shared/data
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import statistics
import sys
from pathlib import Path


def prices(data: Path, symbol: str, field: str) -> list[tuple[str, float]]:
    """(date, value) rows of one price file where ``field`` is present."""
    name = symbol.replace("^", "_") + ".csv"
    with (data / "prices" / name).open() as fh:
        return [(r["date"], float(r[field])) for r in csv.DictReader(fh) if r[field]]


def upto(rows: list[tuple[str, float]], day: str) -> list[tuple[str, float]]:
    return [r for r in rows if r[0] <= day]


def common(a: list[tuple[str, float]], b: list[tuple[str, float]]
           ) -> list[tuple[str, float, float]]:
    db = dict(b)
    return [(d, v, db[d]) for d, v in a if d in db]


def sma(values: list[float], n: int) -> float:
    return sum(values[-n:]) / n


def relative_strength(data: Path, a: str, b: str, day: str) -> dict[str, float]:
    rows = common(upto(prices(data, a, "adj_close"), day), upto(prices(data, b, "adj_close"), day))
    ratio = [x / y for _, x, y in rows]
    avg = sma(ratio, 50)
    return {"ratio": ratio[-1], "sma50": avg, "distance": (ratio[-1] / avg - 1) * 100,
            "last": rows[-1][0]}


def technicals(data: Path, symbol: str, day: str) -> dict[str, float | str]:
    rows = upto(prices(data, symbol, "close"), day)
    v = [x for _, x in rows]
    out: dict[str, float | str] = {"close": v[-1]}
    for n in (20, 50, 200):
        out[f"sma{n}"] = sma(v, n)
        out[f"distance_sma{n}"] = (v[-1] / sma(v, n) - 1) * 100
    logs = [math.log(v[i] / v[i - 1]) for i in range(len(v) - 21, len(v))]
    out["vol21"] = statistics.stdev(logs) * math.sqrt(252) * 100
    year = v[-252:]
    out["high_52w"] = max(year)
    out["low_52w"] = min(year)
    out["drawdown_52w"] = (v[-1] / max(year) - 1) * 100
    return out


def window_total_return(data: Path, symbol: str, base_before: str, day: str) -> float:
    rows = upto(prices(data, symbol, "adj_close"), day)
    base = [x for d, x in rows if d < base_before][-1]
    return (rows[-1][1] / base - 1) * 100


def sector_ytd(data: Path, day: str) -> dict[str, float]:
    sectors = ["XLB", "XLC", "XLE", "XLF", "XLI", "XLK", "XLP", "XLRE", "XLU", "XLV", "XLY"]
    year = day[:4]
    return {s: window_total_return(data, s, f"{year}-01-01", day) for s in sectors}


def breadth(data: Path, day: str) -> dict[str, float]:
    path = data / "breadth" / "sp500_members_adjclose_2000_2026.csv.gz"
    with gzip.open(path, "rt") as fh:
        reader = csv.reader(io.StringIO(fh.read()))
        header = next(reader)
        rows = [r for r in reader if r[0] <= day]
    cols = header[1:]
    above50 = above200 = elig50 = elig200 = adv = dec = 0
    recent = rows[-300:]
    for j in range(len(cols)):
        series = [float(r[j + 1]) for r in recent if r[j + 1]]
        if not recent[-1][j + 1]:
            continue
        last = float(recent[-1][j + 1])
        prev = recent[-2][j + 1]
        if prev:
            adv += float(prev) < last
            dec += float(prev) > last
        if len(series) >= 50:
            elig50 += 1
            above50 += last > sma(series, 50)
        if len(series) >= 200:
            elig200 += 1
            above200 += last > sma(series, 200)
    return {"pct_above_sma50": above50 / elig50 * 100, "pct_above_sma200": above200 / elig200 * 100,
            "advances": adv, "declines": dec, "eligible200": elig200}


def french(data: Path, column: str) -> list[tuple[str, float]]:
    with gzip.open(data / "french" / "F-F_Research_Data_Factors_daily.csv.gz", "rt") as fh:
        lines = fh.read().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Date,"))
    names = [c.strip() for c in lines[start].split(",")]
    out = []
    for line in lines[start + 1:]:
        parts = [p.strip() for p in line.split(",")]
        if len(parts) != len(names) or not parts[0][:1].isdigit():
            break
        day = parts[0]
        if "-" not in day:
            day = f"{day[:4]}-{day[4:6]}-{day[6:]}"
        out.append((day, float(parts[names.index(column)])))
    return out


def january_share(data: Path, before_year: int) -> tuple[int, int]:
    smb = french(data, "SMB")
    wins = years = 0
    for y in range(1928, before_year):
        jan = [v for d, v in smb if d.startswith(f"{y}-01")]
        total = sum(math.log(1 + v / 100) for v in jan)
        years += 1
        wins += total > 0
    return wins, years


def fedfunds_cycle_starts(data: Path, day: str) -> list[str]:
    with (data / "macro" / "fred_daily.csv").open() as fh:
        rows = [(r["date"], float(r["FEDFUNDS"])) for r in csv.DictReader(fh) if r["FEDFUNDS"]]
    # a monthly row is known once its month is over
    def month_over(d: str) -> bool:
        y, m = int(d[:4]), int(d[5:7])
        nxt = f"{y + (m == 12)}-{m % 12 + 1:02d}-01"
        return nxt <= day
    rows = [r for r in rows if month_over(r[0])]
    f = [v for _, v in rows]
    cut = [False] + [f[i] <= f[i - 1] - 0.25 + 1e-9 for i in range(1, len(f))]
    return [rows[i][0] for i in range(12, len(f))
            if cut[i] and not any(cut[i - 6:i]) and f[i - 1] >= max(f[i - 12:i]) - 0.5]


def rrg(data: Path, a: str, b: str, day: str, w: int = 12, k: int = 4) -> tuple[float, float]:
    import datetime as dt

    rows = common(upto(prices(data, a, "adj_close"), day), upto(prices(data, b, "adj_close"), day))
    weekly = []
    for i, (d, x, y) in enumerate(rows):
        week = dt.date.fromisoformat(d).isocalendar()[:2]
        nxt = dt.date.fromisoformat(rows[i + 1][0]).isocalendar()[:2] if i + 1 < len(rows) else None
        if nxt != week:
            weekly.append(100 * x / y)

    def z_last(xs: list[float]) -> float:
        sd = statistics.pstdev(xs)
        return (xs[-1] - statistics.fmean(xs)) / sd if sd else 0.0

    ratio = [100 + z_last(weekly[i - w + 1:i + 1]) for i in range(w - 1, len(weekly))]
    change = [ratio[i] - ratio[i - k] for i in range(k, len(ratio))]
    momentum = 100 + z_last(change[-w:])
    return ratio[-1], momentum


def follow_through(data: Path, a: str, b: str, day: str, length: int, h: int) -> list[float]:
    rows = common(upto(prices(data, a, "close"), day), upto(prices(data, b, "close"), day))
    run = 0
    outcomes = []
    for i in range(1, len(rows)):
        ra = rows[i][1] / rows[i - 1][1] - 1
        rb = rows[i][2] / rows[i - 1][2] - 1
        run = run + 1 if ra > rb else 0
        if run == length and i + h < len(rows):
            outcomes.append((rows[i + h][1] / rows[i][1] - rows[i + h][2] / rows[i][2]) * 100)
    return outcomes


def main(data: Path) -> None:
    print("RS IWM/SPY 2026-02-09", relative_strength(data, "IWM", "SPY", "2026-02-09"))
    print("tech SPY 2026-02-09", technicals(data, "SPY", "2026-02-09"))
    ytd = sector_ytd(data, "2026-02-09")
    print("sector ytd 2026-02-09", sorted(ytd.items(), key=lambda kv: -kv[1]))
    print("breadth 2026-02-09", breadth(data, "2026-02-09"))
    print("january share before 2026", january_share(data, 2026))
    print("cycle starts as of 2026-02-09", fedfunds_cycle_starts(data, "2026-02-09"))
    print("RRG ^RUT/^GSPC 2026-02-09", rrg(data, "^RUT", "^GSPC", "2026-02-09"))
    ft = follow_through(data, "^RUT", "^GSPC", "2026-02-09", 10, 21)
    print("follow-through L10 h21", len(ft), statistics.fmean(ft), statistics.median(ft),
          sum(x > 0 for x in ft) / len(ft))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
