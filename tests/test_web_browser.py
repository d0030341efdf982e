"""End to end: the real server (``rotoscope serve``) driven by Debian's chromium.

The test starts the command in a subprocess on a free loopback port, opens the
dashboard, changes the date, pastes text into the checker and reads the
verdicts, and asserts that no page logs a console error or asks for anything
outside the app. Screenshots are written to ``$ROTOSCOPE_SCREENSHOTS`` when set
(else to the test's temporary directory) so they can be looked at.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "ROTOSCOPE_HOME": str(store_path.parent)}
    log = store_path.parent / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from rotoscope.cli import main; main()", "serve",
             "--port", str(port), "--log-level", "warning"],
            env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # the store opens in about a second; allow a slow machine
            if proc.poll() is not None:
                raise RuntimeError(f"rotoscope serve exited: {log.read_text()}")
            try:
                if httpx.get(url + "/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise RuntimeError("rotoscope serve did not answer")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_dashboard_date_and_checker_in_chromium(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import ConsoleMessage, expect, sync_playwright

    assert CHROMIUM is not None, "chromium missing: run `make test`, which installs it"
    shots = Path(os.environ.get("ROTOSCOPE_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    outside: list[str] = []

    def console(m: ConsoleMessage) -> None:
        if m.type in ("error", "warning"):
            problems.append(f"{m.type}: {m.text}")

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.on("console", console)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("request", lambda r: outside.append(r.url)
                if not r.url.startswith((server, "data:", "about:")) else None)

        # the dashboard opens on the last date in the store
        page.goto(server + "/")
        expect(page.locator("body")).to_have_attribute("data-ready", "true")
        assert page.locator("#as-of").input_value() == "2026-08-21"
        assert page.locator("table.headline tbody tr").count() == 6
        # the ETFs' total-return closes end on 2026-07-31: the page says so
        expect(page.locator(".notice")).to_contain_text("July 31, 2026")
        expect(page.locator("#plot-rrg")).to_contain_text("data end 2026-07-31")
        page.screenshot(path=str(shots / "dashboard-last.png"), full_page=True)

        # change the date: the page reloads for it, every dimension now has data
        page.locator("#as-of").fill("2026-02-09")
        expect(page).to_have_url(re.compile(r"as_of=2026-02-09"))
        expect(page.locator("body")).to_have_attribute("data-ready", "true")
        expect(page.locator(".kicker").first).to_contain_text("February 9, 2026")
        for plot in ("rebased", "ratios", "heatmap", "rrg", "streaks", "breadth"):
            assert page.locator(f"#plot-{plot} .main-svg").count() >= 1, plot
        size = page.locator("table.headline tbody tr").first
        # spread.^RUT-^GSPC.total_return.ytd on 2026-02-09: +6.60 pp (see test_web.py)
        expect(size).to_contain_text("+6.60")
        size.locator(".n").nth(6).hover()
        tip = page.evaluate("e => getComputedStyle(e, '::after').content",
                            size.locator(".n").nth(6).element_handle())
        assert "method:" in tip
        # the RRG tail scrubs through time
        slider = page.locator("#rrg-week")
        slider.fill("10")
        expect(page.locator("#rrg-week-label")).not_to_contain_text("2026-02-09")
        # the ask box: ^RUT 2025-12-31 -> 2026-02-09 is +8.35% (see test_web.py)
        page.fill("#ask-question", "How did the Russell 2000 do year to date?")
        page.click("#ask-run")
        expect(page.locator("body")).to_have_attribute("data-asked", "true")
        expect(page.locator("#ask-answer")).to_contain_text("8.35%")
        expect(page.locator("#ask-rows tr").first).to_contain_text("+8.35%")
        expect(page.locator("#ask-meta")).to_contain_text("claim checker confirmed")
        page.screenshot(path=str(shots / "dashboard-2026-02-09.png"), full_page=True)
        page.locator(".ask-example").first.click()
        expect(page.locator("#ask-answer")).to_contain_text("led the sectors")
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.on("console", console)
        phone.goto(server + "/?as_of=2026-02-09")
        expect(phone.locator("body")).to_have_attribute("data-ready", "true")
        phone.screenshot(path=str(shots / "dashboard-phone.png"), full_page=True)
        phone.close()

        # the checker: paste text, see each claim by verdict
        page.click("text=Checker")
        expect(page).to_have_url(re.compile(r"/check"))
        page.locator("#check-text").fill(
            "Published February 9, 2026. The Russell 2000 rose 0.70% on the day. "
            "Separately, the Russell 2000 is up 12% year to date.")
        page.click("#check-run")
        expect(page.locator("body")).to_have_attribute("data-checked", "true")
        expect(page.locator("#check-annotated mark[data-verdict=confirmed]")).to_have_count(1)
        wrong = page.locator("#check-annotated mark[data-verdict=contradicted]")
        expect(wrong).to_have_count(1)
        wrong.hover()
        tip = page.evaluate("e => getComputedStyle(e, '::after').content",
                            wrong.element_handle())
        assert "8.35" in tip  # the computed year-to-date change, +8.35 %
        expect(page.locator("#check-summary")).to_contain_text("1 contradicted")
        page.screenshot(path=str(shots / "checker.png"), full_page=True)

        # the sample: the note's own opening with one number altered
        page.click("#check-sample")
        expect(page.locator("#check-text")).to_have_value(re.compile(r"^As of "))
        page.click("#check-run")
        expect(page.locator("#check-summary")).to_contain_text("contradicted")

        # the note page with the app's bar
        page.goto(server + "/note?as_of=2026-02-09")
        expect(page.locator("nav.rs-bar")).to_be_visible()
        assert page.locator("figure.chart svg").count() >= 4
        page.screenshot(path=str(shots / "note.png"))
        browser.close()
    assert problems == []
    assert outside == []
