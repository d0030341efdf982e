"""``rotoscope ask``: questions as people phrase them, answered from the data or declined.

Expected values are computed here from the mirror's CSV files with the ``csv``
module (no rotoscope code): a return is the last close on or before the end
over the last close before the window, minus one; a streak counts sessions in
which A's daily total return beat B's. The dates and arithmetic sit next to
each case.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import itertools
import json
import os
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import rotoscope
from rotoscope.ask import Answer, Asker, LLMBackend, Query, check_phrasing
from rotoscope.cli import app
from rotoscope.exceptions import QueryError

D = dt.date
MIRROR = Path(os.environ.get("ROTOSCOPE_DATA_DIR",
                             Path(__file__).resolve().parents[2] / "shared" / "data"))


# ------------------------------------------------------------- independent reads
def closes(file: str, field: str = "close") -> list[tuple[dt.date, float]]:
    """Non-empty ``field`` values of prices/FILE, in date order."""
    with (MIRROR / "prices" / file).open(newline="") as fh:
        return [(D.fromisoformat(r["date"]), float(r[field])) for r in csv.DictReader(fh)
                if r[field]]


def at(rows: list[tuple[dt.date, float]], day: dt.date) -> float:
    """The last value on or before ``day``."""
    return [v for d, v in rows if d <= day][-1]


def before(rows: list[tuple[dt.date, float]], day: dt.date) -> float:
    """The last value strictly before ``day``."""
    return [v for d, v in rows if d < day][-1]


def ret(file: str, start: dt.date, end: dt.date, field: str = "close") -> float:
    """Percent change from the last close before ``start`` to the last close by ``end``."""
    rows = closes(file, field)
    return (at(rows, end) / before(rows, start) - 1) * 100


def member(symbol: str) -> list[tuple[dt.date, float]]:
    with gzip.open(MIRROR / "breadth" / "sp500_members_adjclose_2000_2026.csv.gz", "rt") as fh:
        return [(D.fromisoformat(r["date"]), float(r[symbol])) for r in csv.DictReader(fh)
                if r[symbol]]


def streak(a: str, b: str, day: dt.date) -> tuple[int, dt.date, list[int]]:
    """Sessions in a row A's daily total return beat B's up to ``day``; all earlier runs."""
    ra, rb = dict(closes(a, "adj_close")), dict(closes(b, "adj_close"))
    days = sorted(d for d in ra.keys() & rb.keys() if d <= day)
    wins = [ra[d1] / ra[d0] > rb[d1] / rb[d0] for d0, d1 in itertools.pairwise(days)]
    runs: list[int] = []
    n = 0
    for w in wins:
        if w:
            n += 1
        elif n:
            runs.append(n)
            n = 0
    start = days[len(days) - n] if n else day
    return n, start, runs


@pytest.fixture(scope="module")
def rs(store_path: Path) -> Iterator[rotoscope.Rotoscope]:
    with rotoscope.open(store_path) as r:
        yield r


@pytest.fixture(scope="module")
def asker(rs: rotoscope.Rotoscope) -> Asker:
    return Asker(rs.store, rs.universe)


def first(answer: Answer) -> float:
    raw = answer.table[0].raw
    assert isinstance(raw, float | int)
    return float(raw)


def row(answer: Answer, key: str) -> Any:
    found = [r for r in answer.table if key in r.fact]
    assert found, f"no fact {key} in {[r.fact for r in answer.table]}"
    return found[0].raw


Check = Callable[[Answer], None]


def value(expected: float, tol: float = 1e-6) -> Check:
    def check(a: Answer) -> None:
        assert first(a) == pytest.approx(expected, abs=tol)
    return check


def fact(key: str, expected: Any) -> Check:
    def check(a: Answer) -> None:
        got = row(a, key)
        if isinstance(expected, float):
            assert got == pytest.approx(expected, abs=1e-6)
        else:
            assert got == expected
    return check


def _sector_returns(start: dt.date, end: dt.date, field: str) -> dict[str, float]:
    sectors = ["XLB", "XLC", "XLE", "XLF", "XLI", "XLK", "XLP", "XLRE", "XLU", "XLV", "XLY"]
    return {s: ret(f"{s}.csv", start, end, field) for s in sectors}


def _sector_30d(end: dt.date) -> dict[str, float]:
    out = {}
    for s in ["XLB", "XLC", "XLE", "XLF", "XLI", "XLK", "XLP", "XLRE", "XLU", "XLV", "XLY"]:
        rows = [v for d, v in closes(f"{s}.csv") if d <= end]
        out[s] = (rows[-1] / rows[-31] - 1) * 100  # 30 sessions back
    return out


def _leader(rets: dict[str, float]) -> Check:
    best = max(rets, key=lambda s: rets[s])

    def check(a: Answer) -> None:
        assert row(a, ".leader.") == best
        assert first(a) == pytest.approx(rets[best], abs=1e-6)
    return check


def _laggard(rets: dict[str, float]) -> Check:
    worst = min(rets, key=lambda s: rets[s])

    def check(a: Answer) -> None:
        assert row(a, ".laggard.") == worst
        assert row(a, f"return.{worst}.") == pytest.approx(rets[worst], abs=1e-6)
    return check


def _sma_distance(file: str, n: int, day: dt.date) -> float:
    rows = [v for d, v in closes(file) if d <= day]
    return (rows[-1] / (sum(rows[-n:]) / n) - 1) * 100


def _rs_distance(a: str, b: str, day: dt.date) -> float:
    ra, rb = dict(closes(a, "adj_close")), dict(closes(b, "adj_close"))
    days = sorted(d for d in ra.keys() & rb.keys() if d <= day)
    ratio = [ra[d] / rb[d] for d in days]
    return (ratio[-1] / (sum(ratio[-50:]) / 50) - 1) * 100


def _up_run(file: str, day: dt.date) -> int:
    rows = [v for d, v in closes(file) if d <= day]
    n = 0
    for x0, x1 in zip(rows[-2::-1], rows[:0:-1], strict=False):
        if x1 > x0:
            n += 1
        else:
            break
    return n


def _advances(day: dt.date) -> tuple[int, int]:
    with gzip.open(MIRROR / "breadth" / "sp500_members_adjclose_2000_2026.csv.gz", "rt") as fh:
        rows = [r for r in csv.DictReader(fh) if r["date"] <= day.isoformat()]
    last = rows[-1]
    up = down = 0
    for s, v in last.items():
        if s == "date" or not v:
            continue
        prev = next((r[s] for r in reversed(rows[:-1]) if r[s]), "")
        if prev:
            up += float(v) > float(prev)
            down += float(v) < float(prev)
    return up, down


def _follow_n(length: int, day: dt.date) -> int:
    """Earlier ^RUT-over-^GSPC streaks of ``length``+ sessions with five sessions after them."""
    _, _, runs = streak("_RUT.csv", "_GSPC.csv", day)
    return sum(r >= length for r in runs)


def _golden_cross(file: str, day: dt.date) -> dt.date:
    rows = [(d, v) for d, v in closes(file) if d <= day]
    vals = [v for _, v in rows]
    last = None
    for i in range(200, len(vals)):
        s50p, s200p = sum(vals[i - 50:i]) / 50, sum(vals[i - 200:i]) / 200
        s50, s200 = sum(vals[i - 49:i + 1]) / 50, sum(vals[i - 199:i + 1]) / 200
        if s50p <= s200p and s50 > s200:
            last = rows[i][0]
    assert last is not None
    return last


# question, as_of, intent (metric), subjects, window, check
CASES: list[tuple[str, dt.date | None, str, tuple[str, ...], str | None, Check]] = [
    # ^RUT 2025-12-31 -> 2026-01-30 minus ^GSPC over the same closes (price)
    ("How did small caps do against large caps in January 2026?", None, "spread",
     ("^RUT", "^GSPC"), "month-2026-01",
     value(ret("_RUT.csv", D(2026, 1, 1), D(2026, 1, 31))
           - ret("_GSPC.csv", D(2026, 1, 1), D(2026, 1, 31)))),
    # ^RUT close 2026-02-09 over close 2025-12-31
    ("How did the Russell 2000 perform year to date?", D(2026, 2, 9), "change", ("^RUT",),
     "ytd", value(ret("_RUT.csv", D(2026, 1, 1), D(2026, 2, 9)))),
    ("What was the S&P 500's return in 2025?", None, "change", ("^GSPC",), "year-2025",
     value(ret("_GSPC.csv", D(2025, 1, 1), D(2025, 12, 31)))),
    ("How much did the Nasdaq Composite gain in March 2026?", None, "change", ("^IXIC",),
     "month-2026-03", value(ret("_IXIC.csv", D(2026, 3, 1), D(2026, 3, 31)))),
    ("How did the S&P 500 do in the first quarter of 2026?", None, "change", ("^GSPC",),
     "quarter-2026-q1", value(ret("_GSPC.csv", D(2026, 1, 1), D(2026, 3, 31)))),
    # ^DJI's closes end 2026-03-06: base is the 2025-12-31 close
    ("How has the Dow done since the start of 2026?", None, "change", ("^DJI",),
     "since-2025-12-31", value(ret("_DJI.csv", D(2026, 1, 1), D(2026, 3, 6)))),
    # lowest ^RUT close in 2025-04-01..2025-04-15 (2025-04-08) to the last close
    ("How did small caps do since the April 8, 2025 low?", None, "change", ("^RUT",),
     "low-2025-04-01-2025-04-15",
     value((at(closes("_RUT.csv"), D(2026, 8, 21))
            / min(v for d, v in closes("_RUT.csv") if D(2025, 4, 1) <= d <= D(2025, 4, 15))
            - 1) * 100)),
    # IWD and IWF have total-return closes only
    ("Did value beat growth in 2025?", None, "spread", ("IWD", "IWF"), "year-2025",
     value(ret("IWD.csv", D(2025, 1, 1), D(2025, 12, 31), "adj_close")
           - ret("IWF.csv", D(2025, 1, 1), D(2025, 12, 31), "adj_close"))),
    ("How did international stocks do against US stocks in the first quarter of 2026?", None,
     "spread", ("ACWX", "SPY"), "quarter-2026-q1",
     value(ret("ACWX.csv", D(2026, 1, 1), D(2026, 3, 31), "adj_close")
           - ret("SPY.csv", D(2026, 1, 1), D(2026, 3, 31), "adj_close"))),
    # EEM close 2026-08-21 over the close 30 rows earlier
    ("How did emerging markets do over the past 30 sessions?", None, "change", ("EEM",),
     "30d", value(([v for d, v in closes("EEM.csv") if d <= D(2026, 8, 21)][-1]
                   / [v for d, v in closes("EEM.csv") if d <= D(2026, 8, 21)][-31] - 1) * 100)),
    ("How did the VIX change this month?", None, "change", ("^VIX",), "mtd",
     value(ret("_VIX.csv", D(2026, 8, 1), D(2026, 8, 21)))),
    # _GSPC.csv, 2026-02-09 close
    ("What did the S&P 500 close at on February 9, 2026?", None, "level", ("^GSPC",), None,
     value(6964.819824)),
    ("Where did the Nasdaq Composite close on March 3, 2026?", None, "level", ("^IXIC",),
     None, value(at(closes("_IXIC.csv"), D(2026, 3, 3)))),
    ("What was the Russell 2000's closing level on January 22, 2026?", None, "level",
     ("^RUT",), None, value(at(closes("_RUT.csv"), D(2026, 1, 22)))),
    # sector price changes over 30 rows to 2026-07-31 (every sector has raw closes then)
    ("Which sectors led over the past 30 sessions?", D(2026, 7, 31), "sector_ranking", (),
     "30d", _leader(_sector_30d(D(2026, 7, 31)))),
    # XLB's raw closes start 2026-03-20, so 2025 is ranked on total returns
    ("What was the worst sector in 2025?", None, "sector_ranking", (), "year-2025",
     _laggard(_sector_returns(D(2025, 1, 1), D(2025, 12, 31), "adj_close"))),
    ("Where does energy rank among sectors year to date?", D(2026, 7, 31), "sector_ranking",
     (), "ytd", fact("sector.XLE.rank.ytd", 1 + sum(
         v > ret("XLE.csv", D(2026, 1, 1), D(2026, 7, 31), "adj_close")
         for v in _sector_returns(D(2026, 1, 1), D(2026, 7, 31), "adj_close").values()))),
    # the example: 14 sessions, 2026-01-02..2026-01-22
    ("How long is the current streak of the Russell 2000 over the S&P 500?", D(2026, 1, 22),
     "streak", ("^RUT", "^GSPC"), None, value(streak("_RUT.csv", "_GSPC.csv",
                                                     D(2026, 1, 22))[0])),
    ("What was the longest streak of small caps beating large caps in January 2026?", None,
     "streak", ("^RUT", "^GSPC"), "month-2026-01", fact("longest_since@", "1996-05-07")),
    ("Is the small-cap streak as of January 22, 2026 the longest since 1996?", None, "streak",
     ("^RUT", "^GSPC"), None, fact("length@", 14)),
    ("How many days in a row has the S&P 500 closed higher?", D(2026, 2, 9), "run",
     ("^GSPC",), None, value(_up_run("_GSPC.csv", D(2026, 2, 9)))),
    ("Is the S&P 500 above its 200-day moving average?", D(2026, 2, 9), "moving_average",
     ("^GSPC",), None, fact("distance_sma200@", _sma_distance("_GSPC.csv", 200, D(2026, 2, 9)))),
    ("Is the Russell 2000 above its 50-day moving average?", D(2026, 2, 9), "moving_average",
     ("^RUT",), None, fact("distance_sma50@", _sma_distance("_RUT.csv", 50, D(2026, 2, 9)))),
    ("How far is the Nasdaq Composite from its 52-week high?", D(2026, 2, 9), "moving_average",
     ("^IXIC",), None, fact("drawdown_52w@", (
         at(closes("_IXIC.csv"), D(2026, 2, 9))
         / max([v for d, v in closes("_IXIC.csv") if d <= D(2026, 2, 9)][-252:]) - 1) * 100)),
    ("When was the last golden cross for the S&P 500?", D(2026, 2, 9), "moving_average",
     ("^GSPC",), None, fact("last_cross_50_200@",
                            _golden_cross("_GSPC.csv", D(2026, 2, 9)).isoformat())),
    ("Is the relative strength of small caps versus large caps rising?", D(2026, 2, 9),
     "relative_strength", ("^RUT", "^GSPC"), None,
     fact("distance_sma50@", _rs_distance("_RUT.csv", "_GSPC.csv", D(2026, 2, 9)))),
    ("What is the rotation regime as of February 9, 2026?", None, "regime", (), None,
     fact("regime.overall.side@", "broadening")),
    # advances and declines of 2026-07-31 against each member's previous close
    ("How many S&P 500 members rose on July 31, 2026?", None, "breadth", (), None,
     fact("advances@", _advances(D(2026, 7, 31))[0])),
    ("What does breadth look like?", D(2026, 7, 31), "breadth", (), None,
     fact("declines@", _advances(D(2026, 7, 31))[1])),
    # earlier ^RUT streaks of 10+ sessions over ^GSPC, each followed by five sessions
    ("What happened after Russell 2000 streaks of 10 sessions over the S&P 500?", None,
     "base_rate", ("^RUT", "^GSPC"), None, fact(".L10.n.5d@", _follow_n(10, D(2026, 8, 21)))),
    ("Historically, what happened after small-cap streaks this long?", D(2026, 1, 22),
     "base_rate", ("^RUT", "^GSPC"), None, fact(".L14.n.5d@", _follow_n(14, D(2026, 1, 22)))),
    # FEDFUNDS: 2024-08 5.33, 2024-09 5.13 (-0.20), 2024-10 4.83 (-0.30): October starts it
    ("How did small caps do after Fed rate cuts?", None, "event_study", ("^RUT", "^GSPC"), None,
     fact("last_start@", "2024-10-01")),
    ("How did Apple do in 2025?", None, "change", ("AAPL",), "year-2025",
     value((at(member("AAPL"), D(2025, 12, 31)) / before(member("AAPL"), D(2025, 1, 1)) - 1)
           * 100)),
    # the week to 2026-08-14: QQQ close 2026-08-14 over 2026-08-07
    ("How did the Nasdaq-100 do last week?", None, "change", ("QQQ",), "wtd",
     value(ret("QQQ.csv", D(2026, 8, 8), D(2026, 8, 14)))),
    # 2026-02-10's prior session is 2026-02-09: 6964.82 / 6932.30 - 1
    ("How did the S&P 500 do yesterday?", D(2026, 2, 10), "change", ("^GSPC",), "1d",
     value(ret("_GSPC.csv", D(2026, 2, 9), D(2026, 2, 9)))),
    ("How did small caps do on February 9, 2026?", None, "change", ("^RUT",), "1d",
     value(ret("_RUT.csv", D(2026, 2, 9), D(2026, 2, 9)))),
    ("How did the equal-weight S&P 500 do against the S&P 500 in 2025?", None, "spread",
     ("RSP", "^GSPC"), "year-2025",
     value(ret("RSP.csv", D(2025, 1, 1), D(2025, 12, 31), "adj_close")
           - ret("_GSPC.csv", D(2025, 1, 1), D(2025, 12, 31), "adj_close"))),
    ("How did tech stocks do in 2024?", None, "change", ("XLK",), "year-2024",
     value(ret("XLK.csv", D(2024, 1, 1), D(2024, 12, 31)))),
    ("How did the dollar index do year to date?", None, "change", ("DX-Y.NYB",), "ytd",
     value(ret("DX-Y.NYB.csv", D(2026, 1, 1), D(2026, 8, 21)))),
    ("How did growth stocks do over the past 12 months?", D(2026, 7, 31), "change", ("IWF",),
     "1y", value(ret("IWF.csv", D(2025, 8, 1), D(2026, 7, 31), "adj_close"))),
    ("What is the 10-year Treasury yield?", None, "level", ("^TNX",), None,
     value(closes("_TNX.csv")[-1][1])),
    ("small caps vs large caps over the past 30 sessions", D(2026, 2, 9), "spread",
     ("^RUT", "^GSPC"), "30d",
     value(([v for d, v in closes("_RUT.csv") if d <= D(2026, 2, 9)][-1]
            / [v for d, v in closes("_RUT.csv") if d <= D(2026, 2, 9)][-31]
            - [v for d, v in closes("_GSPC.csv") if d <= D(2026, 2, 9)][-1]
            / [v for d, v in closes("_GSPC.csv") if d <= D(2026, 2, 9)][-31]) * 100)),
]

DECLINED = [
    ("What is the P/E ratio of the S&P 500?", "valuation"),
    ("Will small caps outperform next year?", "future"),
    ("Why did energy stocks fall in March 2026?", "why"),
    ("How much money flowed into small-cap ETFs this year?", "fund-flow"),
    ("What are analysts' price targets for the S&P 500?", "price target"),
    ("What is the GDP growth rate?", "economic statistic"),
    ("How did bitcoin do this year?", "bitcoin” is not a series"),
    ("How did MSCI Japan do this year?", "MSCI Japan"),
    ("Tell me about Tesla's earnings.", "fundamental"),
    ("Should I buy value stocks now?", "future"),
    ("What is the forecast for the 10-year yield?", "forecast"),
    ("How did the Russell Top 50 do in 2025?", "Russell Top 50"),
    ("How did the S&P 500 do in 1900?", "before the data"),
    ("What's the weather like?", "names no series"),
]


def test_the_question_set_is_large_enough() -> None:
    assert len(CASES) + len(DECLINED) >= 40


@pytest.mark.parametrize(("question", "as_of", "metric", "subjects", "window", "check"), CASES,
                         ids=[c[0][:60] for c in CASES])
def test_answers(asker: Asker, question: str, as_of: dt.date | None, metric: str,
                 subjects: tuple[str, ...], window: str | None, check: Check) -> None:
    a = asker.ask(question, as_of)
    assert a.answerable, a.answer
    assert a.interpretation.metric == metric
    if subjects:
        assert tuple(s["symbol"] for s in a.interpretation.subjects[:len(subjects)]) == subjects
    assert a.interpretation.period.get("window") == window
    check(a)
    # every number in the text is a fact, and the claim checker agrees with the answer
    assert a.verification["ok"], a.verification["failures"]
    ids = {f["id"] for f in a.facts}
    assert {r.fact for r in a.table} <= ids
    assert a.table[0].value.lstrip("+-").replace(" pp", "") in a.answer or \
        a.interpretation.metric in (
        "regime", "sector_ranking", "streak", "moving_average", "relative_strength",
        "breadth", "base_rate", "event_study", "run")
    # point in time: no fact reads past the answer's date
    assert a.as_of is not None
    for f in a.facts:
        for i in f["inputs"]:
            assert D.fromisoformat(i["last"]) <= a.as_of


@pytest.mark.parametrize(("question", "reason"), DECLINED, ids=[d[0][:50] for d in DECLINED])
def test_declines_what_the_data_cannot_answer(asker: Asker, question: str, reason: str) -> None:
    a = asker.ask(question)
    assert not a.answerable
    assert reason.lower() in a.answer.lower()
    assert a.facts == []
    assert a.table == []
    assert a.suggestions
    # no number in the words of a decline; the suggested questions follow them
    words = a.answer.split("It answers")[1].split("Questions that would work")[0]
    assert not any(ch.isdigit() for ch in words)
    assert 2 <= len(a.suggestions) <= 3
    assert all(q in a.answer for q in a.suggestions)


def test_empty_and_long_questions_are_errors(asker: Asker) -> None:
    with pytest.raises(QueryError, match="empty"):
        asker.ask("   ")
    with pytest.raises(QueryError, match="limit is 1,000"):
        asker.ask("how did small caps do " * 60)


def test_json_schema_of_the_command(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROTOSCOPE_HOME", str(store_path.parent))
    monkeypatch.delenv("ROTOSCOPE_LLM_URL", raising=False)
    runner = CliRunner()
    result = runner.invoke(app, ["ask", "--json", "--as-of", "2026-02-09",
                                 "How did small caps do against large caps this year?"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) >= {"question", "answerable", "answer", "interpretation", "facts", "table"}
    assert set(doc["interpretation"]) == {"subjects", "metric", "period"}
    # ^RUT 2025-12-31 -> 2026-02-09 minus ^GSPC, price closes
    spread = (ret("_RUT.csv", D(2026, 1, 1), D(2026, 2, 9))
              - ret("_GSPC.csv", D(2026, 1, 1), D(2026, 2, 9)))
    assert doc["table"][0]["raw"] == pytest.approx(spread, abs=1e-9)
    declined = runner.invoke(app, ["ask", "Will small caps beat large caps next year?"])
    assert declined.exit_code == 1
    assert "does not forecast" in declined.stdout
    shown = runner.invoke(app, ["ask", "--as-of", "2026-02-09", "How did the Russell 2000 do "
                                "this year?"])
    assert shown.exit_code == 0
    assert "The facts behind it" in shown.stdout
    assert "Verified:" in shown.stdout


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_the_parser_never_crashes(asker: Asker, text: str) -> None:
    parsed = asker.parse(text)
    assert isinstance(parsed.query, Query)


WORDS = ["how", "did", "small caps", "large caps", "value", "growth", "energy", "sectors",
         "streak", "since", "in", "January", "2025", "2026", "vs", "the", "S&P 500",
         "Russell 2000", "above", "200-day", "regime", "breadth", "after", "rate cuts",
         "close", "on", "March 3,", "last week", "yesterday", "year to date", "?", "AAPL"]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=9),
       st.dates(min_value=D(2005, 1, 1), max_value=D(2026, 8, 21)))
def test_any_answer_is_point_in_time_and_audited(asker: Asker, words: list[str],
                                                 as_of: dt.date) -> None:
    a = asker.ask(" ".join(words), as_of)
    if not a.answerable:
        return
    assert a.as_of is not None
    assert a.as_of <= as_of
    for f in a.facts:
        assert D.fromisoformat(f["as_of"]) <= as_of
        for i in f["inputs"]:
            assert D.fromisoformat(i["last"]) <= as_of
    # every number shows its fact (the checker's agreement is asserted on the question set)
    shown = [f for f in a.verification["failures"]
             if "does not show fact" in f or "not a fact" in f]
    assert not shown, (a.answer, shown)


# ------------------------------------------------------------------ language model
class _Chat(BaseHTTPRequestHandler):
    """A loopback server that speaks the OpenAI chat-completions protocol."""

    replies: ClassVar[dict[str, str]] = {}
    seen: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append(body)
        if self.path != "/v1/chat/completions":
            self.send_response(404)
            self.end_headers()
            return
        system = body["messages"][0]["content"]
        content = self.replies["interpret" if "JSON query" in system else "phrase"]
        out = json.dumps({"id": "x", "object": "chat.completion", "model": body["model"],
                          "choices": [{"index": 0, "finish_reason": "stop",
                                       "message": {"role": "assistant", "content": content}}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out.encode())

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def chat_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Chat)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_llm_phrasing_is_kept_only_when_its_numbers_are_facts(
        rs: rotoscope.Rotoscope, chat_server: str) -> None:
    llm = LLMBackend(chat_server, "test-model")
    asker = Asker(rs.store, rs.universe, llm)
    q = "How did small caps do against large caps in January 2026?"
    plain = Asker(rs.store, rs.universe).ask(q)
    # a faithful rewording: the same numbers (5.31%, +1.37%, 3.95 points)
    _Chat.replies["phrase"] = ("In January 2026 the Russell 2000 gained 5.31% while the "
                               "S&P 500 returned +1.37%, a lead of 3.95 percentage points.")
    good = asker.ask(q)
    assert good.backend == "llm"
    assert good.answer == _Chat.replies["phrase"]
    assert good.verification["llm"]["accepted"] is True
    assert _Chat.seen[-1]["model"] == "test-model"
    # an invented number is rejected and the deterministic answer is shown
    _Chat.replies["phrase"] = ("In January 2026 the Russell 2000 gained 6.10% while the "
                               "S&P 500 returned +1.37%.")
    bad = asker.ask(q)
    assert bad.backend == "rules"
    assert bad.answer == plain.answer
    assert bad.verification["llm"]["accepted"] is False
    assert "6.10" in bad.verification["llm"]["reason"]


def test_llm_interprets_what_the_rules_cannot_read(rs: rotoscope.Rotoscope,
                                                   chat_server: str) -> None:
    asker = Asker(rs.store, rs.universe, LLMBackend(chat_server, "m"))
    _Chat.replies["interpret"] = json.dumps({"intent": "performance", "subjects": ["^RUT"],
                                             "window": "month-2026-01"})
    _Chat.replies["phrase"] = "not used: rejected because it has no numbers of the answer 99"
    a = asker.ask("tell me the story of the little guys last January", D(2026, 8, 21))
    assert a.answerable
    assert a.backend == "llm"
    # ^RUT 2025-12-31 -> 2026-01-30, price
    assert first(a) == pytest.approx(ret("_RUT.csv", D(2026, 1, 1), D(2026, 1, 31)), abs=1e-9)
    assert any("language model read the question" in n for n in a.notes)
    # an invalid query (unknown symbol, bad window) falls back to the rules' answer
    _Chat.replies["interpret"] = json.dumps({"intent": "performance", "subjects": ["BTC"]})
    b = asker.ask("tell me the story of the little guys last January", D(2026, 8, 21))
    assert not b.answerable
    assert any("unknown series" in n for n in b.notes)
    _Chat.replies["interpret"] = '{"intent": "performance", "window": "forever"}'
    c = asker.ask("tell me the story of the little guys", D(2026, 8, 21))
    assert not c.answerable
    assert any("invalid at window" in n for n in c.notes)
    # out-of-data questions never reach the model
    before_calls = len(_Chat.seen)
    d = asker.ask("What is the P/E ratio of small caps?")
    assert not d.answerable
    assert len(_Chat.seen) == before_calls


def test_llm_errors_leave_the_deterministic_answer(rs: rotoscope.Rotoscope) -> None:
    import httpx

    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, json={"error": "boom"})

    llm = LLMBackend("http://llm.invalid/v1", "m", transport=httpx.MockTransport(refuse))
    a = Asker(rs.store, rs.universe, llm).ask("How did the S&P 500 do in 2025?")
    assert a.answerable
    assert a.backend == "rules"
    assert any("HTTP 500" in n for n in a.notes)


def test_llm_is_off_unless_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROTOSCOPE_LLM_URL", raising=False)
    monkeypatch.setenv("ROTOSCOPE_LLM_MODEL", "m")
    assert LLMBackend.from_env() is None
    monkeypatch.setenv("ROTOSCOPE_LLM_URL", "http://127.0.0.1:11434/v1")
    backend = LLMBackend.from_env()
    assert backend is not None
    assert backend.model == "m"


def test_check_phrasing_rejects_new_dates(asker: Asker) -> None:
    a = asker.ask("How did the S&P 500 do in 2025?")
    assert check_phrasing(a.answer, a) is None
    assert check_phrasing(a.answer.replace("December 31, 2025", "December 30, 2025"), a)
