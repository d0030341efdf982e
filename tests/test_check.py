"""The claim checker: hand-worked verdicts on the two example notes and on new phrasing.

Every expected number below was computed outside rotoscope from the mirror's
CSV files (``prices/<SYM>.csv`` columns ``close``/``adj_close``,
``macro/fred_daily.csv``), with the arithmetic written next to it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rotoscope
from rotoscope.check import CheckResult, InputTextError, decode_text, extract_claims
from rotoscope.check import _verify as verify_module
from rotoscope.check._frames import Metric
from rotoscope.check._render import render_html
from rotoscope.cli import app
from rotoscope.universe import load_universe

REPORTS = Path(__file__).resolve().parents[2] / "shared" / "example-reports"
NOTE1 = "2026-01-24-small-cap-resurgence.txt"
NOTE2 = "2026-02-10-value-rotation-and-small-cap-leadership.txt"


@pytest.fixture(scope="module")
def rs(store_path: Path) -> rotoscope.Rotoscope:
    return rotoscope.Rotoscope(store_path)


@pytest.fixture(scope="module")
def note1(rs: rotoscope.Rotoscope, mirror: Path) -> CheckResult:
    return rs.check_claims((mirror.parent / "example-reports" / NOTE1).read_text())


@pytest.fixture(scope="module")
def note2(rs: rotoscope.Rotoscope, mirror: Path) -> CheckResult:
    return rs.check_claims((mirror.parent / "example-reports" / NOTE2).read_text())


def claim(result: CheckResult, needle: str, occurrence: int = 0) -> verify_module.CheckedClaim:
    """The claim whose number lies in the n-th occurrence of ``needle`` in the text."""
    starts = [m.start() for m in re.finditer(re.escape(needle), result.text)]
    assert len(starts) > occurrence, f"{needle!r} occurs {len(starts)} times"
    a = starts[occurrence]
    b = a + len(needle)
    found = [c for c in result.claims if a <= c.claim.quantity.span[0] < b]
    assert found, f"no claim extracted in {needle!r}"
    return found[0]


# ---------------------------------------------------------------- note 1 (2026-01-24)
# Dateline "January 24, 2026" (a Saturday): "the prior session" and "today" are
# Friday 2026-01-23. Year-to-date runs from the 2025-12-31 close.

NOTE1_EXPECTED = [
    # needle, occurrence, metric, subject, verdict, computed (independent), tolerance
    # ^RUT 2669.159912 / 2481.909912 - 1 = +7.5446 %
    ("8.2% year-to-date return", 0, "change", "^RUT", "contradicted", 7.5446),
    # ^GSPC 6915.609863 / 6845.5 - 1 = +1.0242 %
    ("S&P 500’s 1.2% gain", 0, "change", "^GSPC", "contradicted", 1.0242),
    # ^IXIC 23501.240234 / 23241.990234 - 1 = +1.1154 %
    ("Composite’s 1.8% advance", 0, "change", "^IXIC", "contradicted", 1.1154),
    # 7.5446 - 1.1154 = 6.4292 pp, not "nearly 3"
    ("nearly 3 percentage points", 0, "spread", "^RUT", "contradicted", 6.4292),
    # ^GSPC close 2026-01-23 = 6915.609863
    ("closed at 6,923.58", 0, "level", "^GSPC", "contradicted", 6915.609863),
    # 6915.609863 / 6913.350098 - 1 = +0.0327 %
    ("gain of 0.23%", 0, "change", "^GSPC", "contradicted", 0.0327),
    # 23501.240234 / 23436.019531 - 1 = +0.2783 %
    ("advanced 0.49%", 0, "change", "^IXIC", "contradicted", 0.2783),
    ("close at 23,555.85", 0, "level", "^IXIC", "contradicted", 23501.240234),
    # ^DJI 49098.710938 / 49384.011719 - 1 = -0.5777 %
    ("decline of 0.21%", 0, "change", "^DJI", "contradicted", -0.5777),
    ("closing at 49,162.07", 0, "level", "^DJI", "contradicted", 49098.710938),
    # ^RUT 2669.159912 / 2718.77002 - 1 = -1.8247 %
    ("slipped 1.05%", 0, "change", "^RUT", "contradicted", -1.8247),
    ("close at 2,684.13", 0, "level", "^RUT", "contradicted", 2669.159912),
    # sector ETFs, adj_close 2026-01-23 over 2026-01-22
    ("with a 1.25% gain", 0, "change", "XLC", "contradicted", 0.6108),
    ("Basic Materials at 1.15%", 0, "change", "XLB", "contradicted", 0.9087),
    ("Technology at 1.10%", 0, "change", "XLK", "contradicted", 0.1449),
    ("Utilities declined 0.21%", 0, "change", "XLU", "contradicted", -0.3512),
    ("Healthcare fell 0.30%", 0, "change", "XLV", "contradicted", -0.5117),
    ("at 1.48% decline", 0, "change", "XLF", "contradicted", -1.3750),
    # the same figures repeated in the risk section keep their period
    ("Russell 2000’s 8.2% year-to-date gain", 0, "change", "^RUT", "contradicted", 7.5446),
    ("the 1.05% decline", 0, "change", "^RUT", "contradicted", -1.8247),
    ("sector’s 1.48% decline", 0, "change", "XLF", "contradicted", -1.3750),
]

NOTE1_UNVERIFIABLE = [
    "score at 68.1", "approximately 3.25%", "2.2% GDP growth", "only eight times",
    "$395 price target", "$3.4B market cap", "44.5% three-year sales growth",
    "$500M-$50B market-cap band",
]


def test_note1_dated_by_its_dateline(note1: CheckResult) -> None:
    assert note1.as_of == dt.date(2026, 1, 24)
    assert note1.date_source == "dateline"
    assert note1.reference == dt.date(2026, 1, 23)


@pytest.mark.parametrize(("needle", "occ", "metric", "subject", "verdict", "computed"),
                         NOTE1_EXPECTED)
def test_note1_verdicts(note1: CheckResult, needle: str, occ: int, metric: str, subject: str,
                        verdict: str, computed: float) -> None:
    c = claim(note1, needle, occ)
    assert (c.claim.metric, c.claim.subject, c.verdict) == (metric, subject, verdict)
    assert c.computed == pytest.approx(computed, abs=5e-4)
    assert c.facts, "every checked claim cites its facts"


@pytest.mark.parametrize("needle", NOTE1_UNVERIFIABLE)
def test_note1_out_of_data_claims(note1: CheckResult, needle: str) -> None:
    c = claim(note1, needle)
    assert c.verdict == "unverifiable"
    assert c.computed is None


def test_note1_intraday_quotes_are_explained(note1: CheckResult) -> None:
    # 6907.850098 (the 2026-01-23 open) * 1.0023 = 6923.74, within 0.02 % of 6,923.58:
    # the level and the change were measured from the open, intraday
    c = claim(note1, "closed at 6,923.58")
    assert "2026-01-23 open (6,907.85)" in c.explanation
    assert "intraday" in c.explanation


def test_note1_conflicting_claims(note1: CheckResult) -> None:
    # 8.2 % and 1.8 % imply a 6.4 pp lead, not "nearly 3 percentage points"
    texts = [k.explanation for k in note1.conflicts]
    assert any("imply a gap of 6.40 pp, not the 3 pp" in t for t in texts)


# ---------------------------------------------------------------- note 2 (2026-02-10)
# Dateline February 10, 2026, but the note cites sessions only up to Monday
# 2026-02-09, so "today" is 2026-02-09 and "the week" the last complete week,
# 2026-02-02..2026-02-06 (base: the 2026-01-30 close).

NOTE2_EXPECTED = [
    # VTV adj_close 2026-02-06 / 2026-01-30 - 1 = +3.3242 % ("over 3%"; VTV has no raw closes)
    ("gaining over 3%", 0, "change", "VTV", "confirmed", 3.3242),
    # QQQ close 2026-02-06 / 2026-01-30 - 1 = -1.9650 % (rounds to 2)
    ("declined 2%", 0, "change", "QQQ", "confirmed", -1.9650),
    # VUG adj_close 2026-02-06 / 2026-01-30 - 1 = -2.6913 % (rounds to 2.7)
    ("and 2.7% respectively", 0, "change", "VUG", "confirmed", -2.6913),
    # ^RUT beat ^GSPC on each session 2026-01-02..2026-01-22: 14, not 15
    ("15-session winning streak", 0, "streak", "^RUT", "contradicted", 14),
    # the last run as long: 16 sessions 1996-04-16..1996-05-07
    ("since May 1996", 0, "streak_rarity", "^RUT", "confirmed", 1996),
    # ^RUT close 2026-01-30 / 2025-12-31 (2481.909912) - 1 = +5.3116 %
    ("surged 5.39%", 0, "change", "^RUT", "contradicted", 5.3116),
    # ^GSPC 6939.029785 / 6845.5 - 1 = +1.3663 %
    ("modest 1.44% gain", 0, "change", "^GSPC", "contradicted", 1.3663),
    # YTD to 2026-02-09: ^RUT +8.3460 % minus ^GSPC +1.7430 % = 6.6030 pp (> 6)
    ("more than 6 percentage points", 0, "spread", "^RUT", "confirmed", 6.6030),
    # from the lowest close 2025-04-01..15 (2025-04-08) to 2026-02-09
    ("advanced 50.03%", 0, "change", "^RUT", "contradicted", 52.7253),
    ("S&P 500’s 40.63%", 0, "change", "^GSPC", "contradicted", 39.7781),
    ("Nasdaq’s 54.45%", 0, "change", "^IXIC", "contradicted", 52.2060),
    # DTWEXBGS 117.8996 / 119.7456 - 1 = -1.5416 %
    ("falling 0.69% in January", 0, "change", "DTWEXBGS", "contradicted", -1.5416),
    # sector ETFs on 2026-02-09 (adj_close over 2026-02-06)
    ("gain of 2.09%", 0, "change", "XLU", "contradicted", 0.2999),
    ("Basic Materials at 1.81%", 0, "change", "XLB", "contradicted", 1.3007),
    # XLK +1.573 %: within a proxy's tracking difference of +1.60 %
    ("Technology at 1.60%", 0, "change", "XLK", "approximate", 1.5730),
    ("Real Estate at 1.20%", 0, "change", "XLRE", "contradicted", 0.6192),
    ("by 0.14%", 0, "change", "XLV", "contradicted", -0.8814),
    ("fell 0.27%", 0, "change", "XLY", "contradicted", -0.3729),
    ("lagged at 0.76%", 0, "change", "XLP", "contradicted", -0.5799),
    # SPY raw closes
    ("February 2 $697.65", 0, "level", "SPY", "contradicted", 695.409973),
    ("February 5 $679.84", 0, "level", "SPY", "contradicted", 677.619995),
    ("February 9 $696.48", 0, "level", "SPY", "contradicted", 693.950012),
    # 695.409973 / 691.969971 - 1 = +0.4971 %
    ("+0.86%", 0, "change", "SPY", "contradicted", 0.4971),
    # 677.619995 / 686.190002 - 1 = -1.2489 %
    ("-0.57%", 0, "change", "SPY", "contradicted", -1.2489),
    # week 2026-02-02..06 closes: 695.409973 - 677.619995 = 17.79 ("approximately 17.81")
    # "approximately $17.81" for a range of $17.79: hedged, not wrong, but not what rounding
    # gives; "about" no longer turns a rounding miss into a confirmation
    ("approximately $17.81", 0, "week_range", "SPY", "approximate", 17.789978),
    ("from $679.84", 0, "week_low", "SPY", "contradicted", 677.619995),
    ("to $697.65", 0, "week_high", "SPY", "contradicted", 695.409973),
    # 695.409973 / 677.619995 - 1 = 2.6253 % ("roughly 2.6%")
    ("roughly 2.6%", 0, "week_range", "SPY", "confirmed", 2.6253),
    # mean of the 50 SPY closes to 2026-02-09 = 686.9108
    ("moving average of $686.91", 0, "moving_average", "SPY", "confirmed", 686.9108),
    # the summary repeats figures; they keep the periods given earlier
    ("Utilities (+2.09%)", 0, "change", "XLU", "contradicted", 0.2999),
    ("historic 15-session", 0, "streak", "^RUT", "contradicted", 14),
    ("gained 5.39% in January", 0, "change", "^RUT", "contradicted", 5.3116),
]


def test_note2_reference_session(note2: CheckResult) -> None:
    assert note2.as_of == dt.date(2026, 2, 10)
    assert note2.reference == dt.date(2026, 2, 9)
    assert any("2026-02-09" in n for n in note2.notes)


@pytest.mark.parametrize(("needle", "occ", "metric", "subject", "verdict", "computed"),
                         NOTE2_EXPECTED)
def test_note2_verdicts(note2: CheckResult, needle: str, occ: int, metric: str, subject: str,
                        verdict: str, computed: float) -> None:
    c = claim(note2, needle, occ)
    assert (c.claim.metric, c.claim.subject, c.verdict) == (metric, subject, verdict)
    assert c.computed == pytest.approx(computed, abs=5e-4)


def test_note2_streak_evidence(note2: CheckResult) -> None:
    c = claim(note2, "15-session winning streak")
    assert (c.start, c.end) == (dt.date(2026, 1, 2), dt.date(2026, 1, 22))
    assert "14 sessions, 2026-01-02 to 2026-01-22" in c.explanation
    r = claim(note2, "since May 1996")
    assert "16 sessions ending 1996-05-07" in r.explanation


def test_note2_unverifiable(note2: CheckResult) -> None:
    assert claim(note2, "Russell Top 50’s decline of 0.67%").verdict == "unverifiable"
    assert claim(note2, "$1.4 billion").verdict == "unverifiable"
    assert claim(note2, "a 31% discount").verdict == "unverifiable"


def test_note2_table_contradicts_itself(note2: CheckResult) -> None:
    # 679.84 / 688.27 - 1 = -1.2248 %, but the row lists -0.57 %
    assert any("imply -1.22%, not the -0.57%" in k.explanation for k in note2.conflicts)


# ---------------------------------------------------------------- new phrasing
def _check(rs: rotoscope.Rotoscope, text: str, as_of: str | None = None) -> CheckResult:
    return rs.check_claims(text, as_of)


def test_adjacent_session_is_named(rs: rotoscope.Rotoscope) -> None:
    # ^GSPC closed 6913.350098 on 2026-01-22 and 6915.609863 on 2026-01-23
    res = _check(rs, "On January 22, 2026 the S&P 500 closed at 6,915.61.", "2026-01-26")
    c = res.claims[0]
    assert c.verdict == "contradicted"
    assert "the 2026-01-23 close, not 2026-01-22" in c.explanation


def test_a_streak_is_not_dated_by_the_next_clause(rs: rotoscope.Rotoscope) -> None:
    # Daily adj_close returns of _GSPC.csv and _RUT.csv: the S&P 500 beat the Russell
    # 2000 on 2017-10-03 (0.216% vs 0.166%), 10-04 (0.125 vs -0.278), 10-05 (0.565 vs
    # 0.287) and 10-06 (-0.107 vs -0.124), after the Russell won 2017-10-02 (1.248 vs
    # 0.387): four sessions. The last run longer than four: 2017-08-07..08-11 (five;
    # the Russell won 08-04 and 08-14). The date after the semicolon is that run's.
    text = ("Streaks: the S&P 500 has beaten the Russell 2000 for four sessions; the last "
            "longer run lasted five sessions and ended on August 11, 2017.")
    res = _check(rs, text, "2017-10-06")
    assert [(c.claim.claimed, c.verdict) for c in res.claims] == [(4.0, "confirmed"),
                                                                 (5.0, "confirmed")]


def test_open_instead_of_close_is_named(rs: rotoscope.Rotoscope) -> None:
    # ^GSPC opened at 6907.850098 on 2026-01-23
    res = _check(rs, "The S&P 500 closed at 6,907.85 on January 23, 2026.", "2026-01-23")
    c = res.claims[0]
    assert c.verdict == "contradicted"
    assert "the 2026-01-23 open, not the close" in c.explanation


def test_other_phrasings(rs: rotoscope.Rotoscope) -> None:
    text = (
        "Market wrap — January 23, 2026\n\n"
        "Small caps are up 7.5% so far this year, while the Nasdaq Composite has added about "
        "1.1% YTD. The Dow Jones Industrial Average fell 0.58% in the latest session to "
        "49,098.71. The Russell 2000 lost 1.8% today. Investors expect a forward P/E of 22 "
        "for the S&P 500."
    )
    res = _check(rs, text)
    assert res.as_of == dt.date(2026, 1, 23)
    verdicts = {(c.claim.subject, c.claim.metric, c.claim.claimed): c.verdict
                for c in res.claims}
    # ^RUT YTD +7.5446 % rounds to 7.5; ^IXIC +1.1154 % is "about 1.1"
    assert verdicts[("^RUT", "change", 7.5)] == "confirmed"
    assert verdicts[("^IXIC", "change", 1.1)] == "confirmed"
    # ^DJI 49098.710938 / 49384.011719 - 1 = -0.5777 %
    assert verdicts[("^DJI", "change", -0.58)] == "confirmed"
    assert verdicts[("^DJI", "level", 49098.71)] == "confirmed"
    # ^RUT -1.8247 % rounds to -1.8
    assert verdicts[("^RUT", "change", -1.8)] == "confirmed"
    assert [c.verdict for c in res.claims if c.claim.claimed == 22] == ["unverifiable"]


def test_streak_rarity_in_years(rs: rotoscope.Rotoscope) -> None:
    # as of 2026-01-22 ^RUT had beaten ^GSPC 14 sessions running; the last run as long
    # ended 1996-05-07: (2026-01-22 - 1996-05-07) / 365.25 = 29.7 years
    text = ("The Russell 2000 has outperformed the S&P 500 for fourteen consecutive sessions, "
            "its longest winning streak in 35 years.")
    res = _check(rs, text, "2026-01-22")
    streak = next(c for c in res.claims if c.claim.metric == "streak")
    rarity = next(c for c in res.claims if c.claim.metric == "streak_rarity")
    assert (streak.verdict, streak.computed) == ("confirmed", 14)
    assert rarity.verdict == "contradicted"
    assert rarity.computed == pytest.approx(29.7, abs=0.05)


def test_never_reads_after_the_as_of_date(rs: rotoscope.Rotoscope, mirror: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dt.date] = []
    real = verify_module.PointInTime

    def spy(store: object, as_of: dt.date) -> object:
        seen.append(as_of)
        return real(store, as_of)  # type: ignore[arg-type]

    monkeypatch.setattr(verify_module, "PointInTime", spy)
    rs.check_claims((mirror.parent / "example-reports" / NOTE2).read_text())
    assert seen
    assert max(seen) <= dt.date(2026, 2, 10)


# ---------------------------------------------------------------- output
def test_json_schema(note2: CheckResult) -> None:
    doc = json.loads(json.dumps(note2.to_dict()))
    assert set(doc) >= {"as_of", "claims", "summary"}
    assert set(doc["summary"]) == {"confirmed", "approximate", "contradicted", "unverifiable"}
    assert sum(doc["summary"].values()) == len(doc["claims"])
    for c in doc["claims"]:
        assert set(c) >= {"text", "span", "subject", "metric", "period", "claimed", "computed",
                          "unit", "verdict", "explanation", "facts"}
        assert note2.text[c["span"][0]:c["span"][1]] == c["text"]
        assert set(c["period"]) >= {"start", "end"}
        assert isinstance(c["claimed"], float | int)


def test_html_marks_every_claim(note2: CheckResult) -> None:
    page = render_html(note2)
    assert page.count("<mark ") == len(note2.claims)
    assert "contradicted" in page
    assert "https://" not in page.split("<main>")[0]


def test_cli_json_and_html(store_path: Path, mirror: Path, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ROTOSCOPE_HOME", str(store_path.parent))
    out = tmp_path / "checked.html"
    with pytest.raises(SystemExit) as exit_info:
        app(["check", str(mirror.parent / "example-reports" / NOTE1), "--json", "--html",
             str(out)], standalone_mode=True)
    assert exit_info.value.code == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["as_of"] == "2026-01-24"
    assert out.read_text().startswith("<!doctype html>")


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"caf\xe9 au lait: stocks rose 2%", "not UTF-8"),
    (b"x" * 2_000_001, "limit"),
])
def test_bad_input(data: bytes, message: str) -> None:
    with pytest.raises(InputTextError, match=message):
        decode_text(data, "note.txt")


def test_utf16_with_bom_is_read() -> None:
    assert decode_text("Stocks rose 2%.".encode("utf-16")) == "Stocks rose 2%."


def test_cli_missing_file_is_a_clear_error(store_path: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "rotoscope"
    done = subprocess.run([str(exe), "check", str(tmp_path / "nope.txt")], capture_output=True,
                          text=True, env={**os.environ, "ROTOSCOPE_HOME": str(store_path.parent)},
                          check=False)
    assert done.returncode == 2
    assert "no such file" in done.stderr
    done = subprocess.run([str(exe), "check", "-"], input="", capture_output=True, text=True,
                          env={**os.environ, "ROTOSCOPE_HOME": str(store_path.parent)},
                          check=False)
    assert done.returncode == 2
    assert "empty" in done.stderr


# ---------------------------------------------------------------- parser properties
UNIVERSE = load_universe(None)
FRAGMENTS = ["the Russell 2000", "S&P 500’s", "(VTV)", "rose", "fell 1.2%", "closed at 6,900.1",
             "year-to-date", "the prior session", "in January", "15-session streak",
             "against the Nasdaq", "longest since May 1996", "$17.81", "more than 6 percentage "
             "points", "50-day moving average of $686.91", "\n", ". ", ", ", "Date Close Daily "
             "Change\nFebruary 2 $697.65 +0.86%\n", "respectively", "P/E of 22", "nearly 3%",
             "its best January since 2023", "the worst day since April", "on Monday",
             "biggest weekly gain in three years", "is up 8% year to date"]


@given(st.text(max_size=400))
@settings(max_examples=150)
def test_extractor_never_crashes_on_any_text(text: str) -> None:
    for c in extract_claims(text, UNIVERSE, dt.date(2026, 2, 10)):
        assert 0 <= c.span[0] <= c.span[1] <= len(text)
        assert c.span[0] <= c.quantity.span[0] < c.quantity.span[1] <= c.span[1]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(" ".join))
@settings(max_examples=200)
def test_extractor_on_market_like_text(text: str) -> None:
    for c in extract_claims(text, UNIVERSE, dt.date(2026, 2, 10)):
        assert 0 <= c.span[0] < c.span[1] <= len(text)
        assert 0 <= c.quantity.span[0] < c.quantity.span[1] <= len(text)
        assert c.metric in get_args(Metric)


# ---------------------------------------------------------------- phrasing the note uses
def _csv_closes(mirror: Path, name: str, column: str = "close") -> dict[str, float]:
    """Read one column of a mirror CSV with the csv module (independent of the store)."""
    import csv

    with (mirror / name).open() as fh:
        return {r["date"]: float(r[column]) for r in csv.DictReader(fh) if r[column]}


def test_note_phrasing_is_verified(rs: rotoscope.Rotoscope, mirror: Path) -> None:
    spy = _csv_closes(mirror, "prices/SPY.csv")
    days = sorted(d for d in spy if d <= "2026-02-09")
    close = spy["2026-02-09"]
    sma50 = sum(spy[d] for d in days[-50:]) / 50
    high = max(spy[d] for d in days[-252:])
    dji = _csv_closes(mirror, "prices/_DJI.csv")
    # ^DJI 2025-12-31 close 48063.289062 -> 2026-02-09 close 50135.871094: +4.3122%
    dji_ytd = (dji["2026-02-09"] / dji["2025-12-31"] - 1) * 100
    fred = _csv_closes(mirror, "macro/fred_daily.csv", "DGS10")
    obs = sorted(d for d in fred if d <= "2026-02-09")
    dgs10_move = fred[obs[-1]] - fred[obs[-22]]  # 21 observations back
    text = (
        "February 9, 2026\n"
        f"On February 9, SPY closed at ${close:.2f}, {(close / sma50 - 1) * 100:.2f}% above "
        f"its 50-day moving average of ${sma50:.2f}. "
        f"It is {(1 - close / high) * 100:.2f}% below its highest close of the past year, "
        f"and its 52-week closing high is at ${high:.2f}.\n"
        f"Year to date, the Russell 2000 leads, ahead of the Dow ({dji_ytd:+.2f}%).\n"
        f"DGS10 has moved {dgs10_move:+.2f} percentage points over its last 21 daily "
        "observations.\n"
        "The Russell 2000 has beaten the S&P 500 for two consecutive sessions, a run that "
        "began on February 6, 2026.\n"
        "In the Fama-French data, small stocks beat big ones in 60% of rolling ten-year "
        "windows.\n")
    result = rs.check_claims(text)
    by_metric = {c.claim.metric: c for c in result.claims}
    for metric in ("ma_distance", "moving_average", "drawdown", "high_52w", "change",
                   "streak"):
        assert by_metric[metric].verdict == "confirmed", (metric, by_metric[metric].explanation)
    dow = next(c for c in result.claims if c.claim.subject == "^DJI")
    assert dow.claim.period is not None
    assert dow.claim.period.window == "ytd"
    rate = next(c for c in result.claims if c.claim.subject == "DGS10")
    assert rate.verdict == "confirmed"
    assert rate.claim.unit == "pp"
    assert by_metric["other"].verdict == "unverifiable"
    assert "base rate" in by_metric["other"].explanation or \
        "Fama/French" in by_metric["other"].explanation


def test_the_run_a_rarity_names_is_the_earlier_run(rs: rotoscope.Rotoscope,
                                                    mirror: Path) -> None:
    """ "since May 1996, when a run of 16 sessions ended" is that run, not a recent one."""
    rut = _csv_closes(mirror, "prices/_RUT.csv", "adj_close")
    gspc = _csv_closes(mirror, "prices/_GSPC.csv", "adj_close")
    days = sorted(d for d in rut if d in gspc and "1996-03-01" <= d <= "1996-06-30")
    beat = {d: rut[d] / rut[p] > gspc[d] / gspc[p] for p, d in itertools.pairwise(days)}
    # the run in the CSV files: every session 1996-04-16 .. 1996-05-07, not the ones around it
    run = [d for d in days if "1996-04-16" <= d <= "1996-05-07"]
    assert all(beat[d] for d in run)
    assert len(run) == 16
    assert not beat["1996-04-15"]
    assert not beat["1996-05-08"]
    text = ("As of June 6, 2000. The Russell 2000 has beaten the S&P 500 for eight consecutive "
            "sessions. That is the longest such streak since May 1996, when a run of {n} "
            "sessions ended.")
    for n, verdict in ((16, "confirmed"), (12, "contradicted")):
        claim = rs.check_claims(text.format(n=n)).claims[-1]
        assert (claim.claim.metric, claim.verdict) == ("streak", verdict)
        assert claim.start == dt.date(1996, 4, 16)
        assert claim.end == dt.date(1996, 5, 7)


# ---------------------------------------------------------------- how rare a return is
# Worked out with the csv module from prices/_DJI.csv and prices/_RUT.csv (close):
# - ^DJI Thursday 2026-02-05: 48,908.71875 / 49,501.300781 - 1 = -1.1971%; the last
#   earlier session at least as bad was 2026-01-20 (-1.7641%), not one in April 2025.
# - ^RUT January 2026: 2,613.73999 (2026-01-30) / 2,481.909912 (2025-12-31) - 1 = +5.3116%;
#   Januaries since 1988 at least as good: 1991, 1992, 2006, 2012, 2013, 2019 and
#   2023 (+9.69%, the last), so "since 2023" holds and "since 2019" does not; 2023-01-31
#   to 2026-01-30 is 3.0 years.
# - ^RUT week ending Friday 2026-02-06: 2,670.340088 / 2,613.73999 (2026-01-30) - 1 =
#   +2.1655%; the last earlier week at least as good ended 2026-01-09 (+4.6248%).
RARITY_NOTE = (
    "February 10, 2026\n"
    "The Dow fell 1.2% on Thursday, its worst session since April 2025. "
    "Small caps posted their best January since 2023, rising 5.31%. "
    "It was not the Russell 2000's best January since 2019. "
    "The Russell 2000 had its best January in three years. "
    "The Russell 2000 rose 2.17% during the week, its best week since January. "
    "The index then suffered its steepest drop since 2022.\n")


@pytest.mark.parametrize(("needle", "verdict", "computed"), [
    ("1.2%", "confirmed", -1.1971),
    ("April 2025", "contradicted", 2026),
    ("2023", "confirmed", 2023),
    ("5.31%", "confirmed", 5.3116),
    ("2019", "contradicted", 2023),
    ("three", "confirmed", 3.0),
    ("2.17%", "confirmed", 2.1655),
    ("January.", "confirmed", 2026),
])
def test_return_rarity(rs: rotoscope.Rotoscope, needle: str, verdict: str,
                       computed: float) -> None:
    result = rs.check_claims(RARITY_NOTE)
    c = claim(result, needle)
    assert c.verdict == verdict, c.explanation
    assert c.computed == pytest.approx(computed, abs=6e-5), c.explanation


def test_return_rarity_evidence(rs: rotoscope.Rotoscope) -> None:
    result = rs.check_claims(RARITY_NOTE)
    dow = claim(result, "April 2025")
    assert dow.claim.metric == "change_rarity"
    assert dow.claim.subject == "^DJI"
    assert dow.claim.rarity_frequency == "session"
    assert "2026-01-20" in dow.explanation  # the last session at least as bad
    january = claim(result, "2023")
    assert january.claim.rarity_month_of_year == 1
    assert "2023-01-31" in january.explanation
    assert january.start == dt.date(2025, 12, 31)
    assert january.end == dt.date(2026, 1, 30)
    week = claim(result, "January.")
    assert "2026-01-09" in week.explanation
    vague = claim(result, "2022")
    assert vague.verdict == "unverifiable"
    assert "which period" in vague.explanation


def test_a_gain_called_the_worst_day_is_contradicted(rs: rotoscope.Rotoscope) -> None:
    # ^GSPC 2026-02-06: 6,932.299805 / 6,798.399902 - 1 = +1.9696%, a gain
    result = _check(rs, "February 10, 2026\nThe S&P 500 had its worst day since April on "
                        "Friday.")
    c = claim(result, "April")
    assert c.verdict == "contradicted"
    assert "was a gain (+1.97%), not a loss" in c.explanation


def test_a_period_phrase_belongs_to_the_nearest_of_two_changes(
        rs: rotoscope.Rotoscope) -> None:
    # ^RUT closes: 2026-02-06 2,670.340088, 2026-02-09 2,689.050049, 2026-02-10
    # 2,679.770020; 2025-12-31 2,481.909912.
    # Monday 2026-02-09: 2,689.050049 / 2,670.340088 - 1 = +0.7007%;
    # Tuesday 2026-02-10: 2,679.770020 / 2,689.050049 - 1 = -0.3451%;
    # year to date to Monday: 2,689.050049 / 2,481.909912 - 1 = +8.3460%.
    # A text dated Tuesday that gives Monday's move and not Tuesday's was written before
    # Tuesday's close: its "year to date" ends on Monday.
    result = _check(rs, "February 10, 2026\nThe Russell 2000 rose 0.7% on Monday and is up "
                        "8% year to date.")
    assert result.reference == dt.date(2026, 2, 9)
    monday, ytd = claim(result, "0.7%"), claim(result, "8%")
    assert monday.verdict == "confirmed", monday.explanation
    assert monday.computed == pytest.approx(0.7007, abs=5e-5)
    assert ytd.verdict == "confirmed"
    assert ytd.computed == pytest.approx(8.3460, abs=5e-5)
    result = _check(rs, "February 10, 2026\nThe Russell 2000 slipped 0.35% and is up 8% "
                        "year to date.")
    today = claim(result, "0.35%")
    # the dateline's session (the reference session), not year to date
    assert today.claim.period is not None
    assert today.claim.period.window == "1d"
    assert today.verdict == "confirmed", today.explanation
    assert today.computed == pytest.approx(-0.3451, abs=5e-5)
    assert not result.conflicts


# ---------------------------------------------------------------- a weekly recap's phrasing
# Worked out with the csv module from prices/*.csv:
# - ^GSPC week: 6,940.009766 (2026-01-16) / 6,966.279785 (2026-01-09) - 1 = -0.3771%
# - ^IXIC week: 23,515.390625 / 23,671.349609 - 1 = -0.6589%
# - ^RUT beat ^GSPC (adj_close daily returns) every session 2026-01-02 .. 2026-01-16:
#   11 sessions (the 2025-12-31 session it did not)
# - ^TNX: 4.231 (2026-01-16) - 4.171 (2026-01-09) = +0.06 points = 6 basis points
# - MDY adj_close: 638.277222 / 629.828064 - 1 = +1.3415% over the five sessions
# - ^DJI week: 49,359.328125 / 49,504.070312 - 1 = -0.2924%
WEEKLY = (
    "Weekly Market Recap: Week Ending January 16, 2026\n\n"
    "The S&P 500 slipped 0.38% for the week, closing Friday at 6,940.01, while the Nasdaq "
    "Composite declined 0.66%.\n\n"
    "The small-cap Russell 2000 stood out. The index has outperformed the S&P 500 for "
    "eleven consecutive trading days.\n\n"
    "The 10-year Treasury yield rose 6 basis points to 4.23%.\n\n"
    "Mid-caps also participated, with the S&P MidCap 400 ETF (MDY) rising 1.34% over the "
    "five sessions.\n\n"
    "The Dow Jones Industrial Average fell 0.29%.\n")


@pytest.mark.parametrize(("needle", "subject", "window", "computed"), [
    ("0.38%", "^GSPC", "wtd", -0.3771),
    ("0.66%", "^IXIC", "wtd", -0.6589),  # the sentence's week, not "Friday"
    ("eleven consecutive trading days", "^RUT", None, 11),
    ("6 basis points", "^TNX", "wtd", 0.06),
    ("1.34%", "MDY", "5d", 1.3415),
])
def test_weekly_recap(rs: rotoscope.Rotoscope, needle: str, subject: str, window: str | None,
                      computed: float) -> None:
    result = rs.check_claims(WEEKLY)
    c = claim(result, needle)
    assert c.claim.subject == subject
    if window is not None:
        assert c.claim.period is not None
        assert c.claim.period.window == window
    assert c.verdict == "confirmed", c.explanation
    assert c.computed == pytest.approx(computed, abs=6e-5)


def test_a_weekly_title_frames_undated_changes(rs: rotoscope.Rotoscope) -> None:
    result = rs.check_claims(WEEKLY)
    last = claim(result, "0.29%")  # a sentence with no period of its own
    assert last.claim.period is not None
    assert last.claim.period.source == "document"
    assert last.verdict == "confirmed", last.explanation
    streak = claim(result, "eleven consecutive trading days")
    assert streak.claim.other == "^GSPC"
    assert streak.start == dt.date(2026, 1, 2)


def test_points_and_records(rs: rotoscope.Rotoscope) -> None:
    # ^DJI: 50,115.671875 (2026-02-06) - 48,908.71875 (2026-02-05) = +1,206.953 points;
    # ^GSPC record close up to 2026-02-06: 6,978.600098 on 2026-01-27, and
    # 6,932.299805 / 6,978.600098 - 1 = -0.6635% below it on 2026-02-06.
    text = ("February 6, 2026\nThe Dow gained 1,207 points, or 2.47%, on Friday. "
            "The S&P 500 sits 0.66% below its record close of 6,978.60 set on January 27. "
            "The index is 0.4% below its record high.\n")
    result = _check(rs, text)
    dow = claim(result, "1,207 points")
    assert dow.claim.unit == "points"
    assert dow.verdict == "confirmed", dow.explanation
    assert dow.computed == pytest.approx(1206.953, abs=1e-3)
    below = claim(result, "0.66%")
    assert below.claim.metric == "drawdown"
    assert below.claim.record
    assert below.verdict == "confirmed", below.explanation
    assert below.computed == pytest.approx(-0.6635, abs=5e-5)
    record = claim(result, "6,978.60")
    assert record.claim.metric == "record_high"
    assert record.verdict == "confirmed", record.explanation
    assert claim(result, "0.4%").verdict == "contradicted"


# ---------------------------------------------------------------- a month-end wrap's phrasing
# January 2026 from the csv module (close, 2025-12-31 -> 2026-01-30, the month's last
# session): ^RUT 2,481.909912 -> 2,613.73999 = +5.3116%; ^GSPC 6,845.5 -> 6,939.029785 =
# +1.3663%; ^IXIC 23,241.990234 -> 23,461.820312 = +0.9458%; ^DJI 48,063.289062 ->
# 48,892.46875 = +1.7252%. Spread ^RUT - ^GSPC = 3.9453 pp ("roughly four").
MONTH_END = (
    "Stocks Close Out January With Small-Cap Gains\n"
    "Published on February 2, 2026\n\n"
    "The Russell 2000 ended January up 5.3 percent, outpacing the S&P 500's 1.4 percent "
    "advance by roughly four percentage points.\n\n"
    "The Nasdaq Composite managed only a 0.9% gain for the month, while the Dow Jones "
    "Industrial Average climbed 1.7%.\n")


@pytest.mark.parametrize(("needle", "subject", "computed"), [
    ("5.3 percent", "^RUT", 5.3116),
    ("1.4 percent", "^GSPC", 1.3663),
    ("roughly four", "^RUT", 3.9453),
    ("0.9%", "^IXIC", 0.9458),  # "a 0.9% gain for the month": not the Dow after "for"
    ("1.7%", "^DJI", 1.7252),  # the sentence's month, from the Nasdaq's change
])
def test_month_end_wrap(rs: rotoscope.Rotoscope, needle: str, subject: str,
                        computed: float) -> None:
    result = rs.check_claims(MONTH_END)
    c = claim(result, needle)
    assert c.claim.subject == subject
    assert c.verdict == "confirmed", c.explanation
    assert c.computed == pytest.approx(computed, abs=6e-5)
    assert (c.start, c.end) == (dt.date(2025, 12, 31), dt.date(2026, 1, 30))
