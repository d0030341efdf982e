"""How old the data is: ``data status``, ``/api/health`` and ``check`` on an undated text.

The mirror's newest row is 2026-08-21 (a Friday; prices/_GSPC.csv). Sessions
are counted by hand from the NYSE calendar: Labor Day is 2026-09-07 and
Thanksgiving 2026-11-26; every other weekday between is a session.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import rotoscope
from rotoscope.freshness import STALE_SESSIONS, freshness, today
from rotoscope.web import Service, create_app

ROTOSCOPE = Path(sys.executable).parent / "rotoscope"
LAST = dt.date(2026, 8, 21)


def run(*args: str, home: Path, on: str, stdin: str | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROTOSCOPE), *args], capture_output=True, text=True, check=False, input=stdin,
        env={**os.environ, "ROTOSCOPE_HOME": str(home), "ROTOSCOPE_TODAY": on})


@pytest.mark.parametrize(("on", "age", "missing", "stale"), [
    # Friday to Monday: no complete session in between.
    ("2026-08-24", 3, 0, False),
    # 08-24..08-28 closed: five sessions, not more than five.
    ("2026-08-31", 10, 5, False),
    # 08-24..08-31: six sessions.
    ("2026-09-01", 11, 6, True),
    # 08-24..09-08 holds 12 weekdays, minus Labor Day: 11 sessions.
    ("2026-09-09", 19, 11, True),
    # 08-24..11-27 is 14 weeks (70 weekdays) minus Labor Day and Thanksgiving: 68.
    ("2026-11-30", 101, 68, True),
])
def test_age_in_days_and_sessions(on: str, age: int, missing: int, stale: bool) -> None:
    f = freshness(LAST, dt.date.fromisoformat(on))
    assert (f.age_days, f.sessions_missing, f.stale) == (age, missing, stale)
    assert f.to_dict()["last_date"] == "2026-08-21"
    assert ("stale; run 'rotoscope update'" in f.describe()) is stale


@given(st.dates(dt.date(2000, 1, 3), dt.date(2026, 6, 30)), st.integers(0, 400))
def test_freshness_properties(last: dt.date, days: int) -> None:
    on = last + dt.timedelta(days=days)
    f = freshness(last, on)
    assert f.age_days == days
    # Never more sessions than weekdays strictly between the two dates.
    weekdays = sum((last + dt.timedelta(days=k)).weekday() < 5 for k in range(1, days))
    assert 0 <= f.sessions_missing <= weekdays
    assert f.stale == (f.sessions_missing > STALE_SESSIONS)
    # One more day never makes data fresher.
    later = freshness(last, on + dt.timedelta(days=1))
    assert later.sessions_missing >= f.sessions_missing
    assert later.stale >= f.stale


def test_today_is_pinned_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROTOSCOPE_TODAY", "2026-09-09")
    assert today() == dt.date(2026, 9, 9)
    monkeypatch.setenv("ROTOSCOPE_TODAY", "9/9/2026")
    with pytest.raises(rotoscope.ConfigError, match=r"ROTOSCOPE_TODAY='9/9/2026'"):
        today()


def test_data_status_says_how_old_the_data_is(store_path: Path) -> None:
    fresh = run("data", "status", home=store_path.parent, on="2026-08-24")
    assert fresh.returncode == 0, fresh.stderr
    assert fresh.stdout.splitlines()[-1] == "Data through 2026-08-21 (3 days old)."
    old = run("data", "status", home=store_path.parent, on="2026-11-30")
    assert " ".join(old.stdout.split()).endswith(
        "Data through 2026-08-21 (101 days old, 68 sessions since): stale; run "
        "'rotoscope update' for newer data.")


def test_health_reports_age_and_staleness(store_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    service = Service(rotoscope.open(store_path))
    app = create_app(service)

    async def health() -> dict[str, object]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://r") as client:
            answer: dict[str, object] = (await client.get("/api/health")).json()
            return answer

    try:
        monkeypatch.setenv("ROTOSCOPE_TODAY", "2026-08-31")
        h = asyncio.run(health())
        assert (h["last_date"], h["age_days"], h["sessions_missing"], h["stale"]) == (
            "2026-08-21", 10, 5, False)
        monkeypatch.setenv("ROTOSCOPE_TODAY", "2026-09-01")
        h = asyncio.run(health())
        assert (h["age_days"], h["sessions_missing"], h["stale"]) == (11, 6, True)
    finally:
        service.close()


def test_the_top_bar_says_how_old_the_data_are(store_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # the store's last date is 2026-08-21: 10 days and 5 sessions before 2026-08-31 (fresh),
    # 11 days and 6 sessions before 2026-09-01 (stale), as /api/health says above
    service = Service(rotoscope.open(store_path))
    app = create_app(service)

    async def page(url: str) -> str:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://r") as client:
            return (await client.get(url)).text

    try:
        monkeypatch.setenv("ROTOSCOPE_TODAY", "2026-08-31")
        bar = asyncio.run(page("/check"))
        assert '<span class="rs-fresh" title="Data through 2026-08-21' in bar
        assert "Data to 2026-08-21 · 10 days old</span>" in bar
        monkeypatch.setenv("ROTOSCOPE_TODAY", "2026-09-01")
        bar = asyncio.run(page("/note?as_of=2026-07-31"))
        assert '<span class="rs-fresh rs-stale"' in bar
        assert "Data to 2026-08-21 · 11 days old · run rotoscope update</span>" in bar
        # the note's own masthead says the same, measured when it was written
        assert "Data through August 21, 2026, 11 days old on September 1, 2026" in bar
    finally:
        service.close()


# ^RUT closed 2,992.43 on 2026-08-20 and 3,017.87 on 2026-08-21 (prices/_RUT.csv): +0.85%,
# so the claim is contradicted whatever the freshness.
UNDATED = "The Russell 2000 rose 9.99% on the day.\n"


def test_check_warns_when_an_undated_text_is_dated_by_old_data(store_path: Path) -> None:
    home = store_path.parent
    proc = run("check", "-", home=home, on="2026-09-09", stdin=UNDATED)
    assert proc.returncode == 0, proc.stderr
    assert ("The text has no date, so it was checked as of 2026-08-21, the data's last "
            "date, which is 19 days old") in " ".join(proc.stdout.split())
    payload = json.loads(run("check", "-", "--json", home=home, on="2026-09-09",
                             stdin=UNDATED).stdout)
    assert payload["as_of"] == "2026-08-21"
    assert payload["as_of_source"] == "data"
    assert payload["data_freshness"]["age_days"] == 19
    assert payload["data_freshness"]["stale"] is True
    assert "19 days old" in payload["data_freshness"]["warning"]
    # Data a few days old, or a dated text, gets no warning.
    recent = json.loads(run("check", "-", "--json", home=home, on="2026-08-24",
                            stdin=UNDATED).stdout)
    assert recent["data_freshness"]["warning"] is None
    dated = run("check", "-", home=home, on="2026-09-09",
                stdin="August 21, 2026 — " + UNDATED)
    assert "has no date" not in dated.stdout
