"""The research note: audit, values from the data files, determinism, formats, browser.

Expected values are computed by hand from the mirror's CSV files; the rows and the
arithmetic are written next to each assertion.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import rotoscope
from rotoscope.analytics import _pit
from rotoscope.cli import app
from rotoscope.exceptions import DateOutOfRangeError, ReportAuditError
from rotoscope.facts import Fact, FactInput
from rotoscope.prose import para
from rotoscope.report import (
    Note,
    Num,
    audit_note,
    render_html,
    render_json,
    render_markdown,
    render_text,
)
from rotoscope.report._render import _Index

GOLDEN = Path(__file__).parent / "golden" / "report-2026-02-09.md"
FEB9 = dt.date(2026, 2, 9)


@pytest.fixture(scope="module")
def rs(store_path: Path) -> rotoscope.Rotoscope:
    return rotoscope.open(store_path)


@pytest.fixture(scope="module")
def feb9(rs: rotoscope.Rotoscope) -> Note:
    # the note says how old its data were when written: pin the day it is written on
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ROTOSCOPE_TODAY", "2026-11-29")
        note, audit = rs.report(FEB9)
    assert audit.ok
    return note


def _nums(note: Note) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for n in note.nums():
        out.setdefault(n.fact.id, []).append(n.text)
    return out


# ---------------------------------------------------------------- the audit
@pytest.mark.parametrize("day", ["2026-01-23", "2026-02-09", None])
def test_every_number_verifies(rs: rotoscope.Rotoscope, day: str | None) -> None:
    """Notes for the two example dates and the store's last date pass their self-audit."""
    note, audit = rs.report(day)
    assert audit.ok, audit.failures
    assert audit.numbers == len(list(note.nums())) > 100
    # the checker re-verifies a real share of them, not none
    assert len(audit.confirmed) >= 30
    assert all(c.verdict == "confirmed" for c in audit.confirmed)


def test_audit_catches_a_wrong_number(rs: rotoscope.Rotoscope) -> None:
    """A number shown differently from its fact, or a wrong fact, fails the audit."""
    note, _ = rs.report(FEB9)
    first = note.sections[0].blocks[0]
    para0 = first.blocks[0]  # type: ignore[union-attr]
    pieces = list(para0.pieces)
    i = next(k for k, p in enumerate(pieces) if isinstance(p, Num)
             and p.fact.id.startswith("return.^GSPC.price_return.1d"))
    fact = pieces[i].fact  # type: ignore[union-attr]
    # shown as 0.57% while the fact (and the data) say 0.47%
    pieces[i] = Num(fact, "0.57%")
    first.blocks[0] = para(*pieces)  # type: ignore[union-attr]
    audit = audit_note(note, rs.store, rs.universe)
    assert not audit.ok
    assert any("0.57%" in f for f in audit.failures)
    # a fact with a wrong value, shown as it says: the claim checker catches it
    pieces[i] = Num(fact.model_copy(update={"value": 0.57}), "0.57%")
    first.blocks[0] = para(*pieces)  # type: ignore[union-attr]
    audit = audit_note(note, rs.store, rs.universe)
    assert any("contradicted" in f and "+0.47%" in f for f in audit.failures)


def test_report_refuses_a_failing_note(rs: rotoscope.Rotoscope,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import rotoscope.report as report_pkg

    original = report_pkg.audit_note

    def planted(note: Note, store: object, universe: object) -> object:
        result = original(note, store, universe)  # type: ignore[arg-type]
        result.failures.append("planted failure")
        return result

    monkeypatch.setattr(report_pkg, "audit_note", planted)
    with pytest.raises(ReportAuditError, match="planted failure"):
        rs.report(FEB9)


def test_words_hold_no_number() -> None:
    with pytest.raises(ValueError, match="outside a fact"):
        para("the index rose 1.2% today")
    assert para("the Russell 2000 and the S&P 500 and DGS10").plain()


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=60))
def test_words_without_digits_are_accepted(text: str) -> None:
    assert para(text).plain() == text


@given(st.floats(min_value=-1e5, max_value=1e5, allow_nan=False),
       st.sampled_from(["pct", "pp", "level", "share"]))
def test_a_fact_shown_as_formatted_passes(value: float, unit: str) -> None:
    from rotoscope.report._audit import _shown_ok

    fact = Fact(id="x", value=value, unit=unit, kind="k", as_of=FEB9, subjects=("S",),  # type: ignore[arg-type]
                inputs=(FactInput(series="S", field="close", first=FEB9, last=FEB9),),
                method="m")
    assert _shown_ok(Num(fact, fact.formatted()))
    assert _shown_ok(Num(fact, fact.formatted(signed=False).lstrip("-")))


# ---------------------------------------------------------------- values from the files
def test_values_from_the_csv_files(feb9: Note) -> None:
    nums = _nums(feb9)
    # prices/_GSPC.csv: 2026-02-06 close 6932.299805, 2026-02-09 close 6964.819824
    #   6964.819824 / 6932.299805 - 1 = +0.4691% -> "0.47%" after "rose"
    assert nums["return.^GSPC.price_return.1d@2026-02-09"][0] == "0.47%"
    assert "6,964.82" in nums["tech.^GSPC.close@2026-02-09"]
    # 2025-12-31 close 6845.5: 6964.819824 / 6845.5 - 1 = +1.7431% -> "+1.74%"
    assert "+1.74%" in nums["return.^GSPC.price_return.ytd@2026-02-09"]
    # prices/_RUT.csv: 2025-12-31 2481.909912, 2026-02-09 2689.050049
    #   2689.050049 / 2481.909912 - 1 = +8.3460%; 8.3460 - 1.7431 = 6.6029 pp
    assert "8.35%" in nums["return.^RUT.price_return.ytd@2026-02-09"]
    assert "6.60" in nums["spread.^RUT-^GSPC.price_return.ytd@2026-02-09"]
    # prices/SPY.csv closes: 2026-02-05 677.619995, 2026-02-06 690.619995
    #   690.619995 / 677.619995 - 1 = +1.9185% -> "+1.92%" in the week table
    table = next(t for t in feb9.tables() if t.caption.startswith("Daily closes"))
    fri = next(r for r in table.rows if "Feb 6" in str(r[0].text))  # type: ignore[union-attr]
    assert [c.text for c in fri[1:3]] == ["$690.62", "+1.92%"]  # type: ignore[union-attr]
    thu = next(r for r in table.rows if "Feb 5" in str(r[0].text))  # type: ignore[union-attr]
    assert thu[1].text == "$677.62"  # type: ignore[union-attr]


def test_structure_and_stances(feb9: Note) -> None:
    keys = [s.key for s in feb9.sections]
    assert keys[:5] == ["analysis", "insights", "risks", "monitoring", "summary"]
    sub = [b.key for b in feb9.sections[0].blocks]  # type: ignore[union-attr]
    assert sub == ["indices", "size", "style", "international", "sectors", "technicals",
                   "breadth", "rates"]
    assert {s.theme for s in feb9.stances} == {"Small caps", "Value", "International"}
    for s in feb9.stances:
        assert s.label in ("Bullish", "Bearish", "Neutral", "Mixed")
        trend, mom, rs_ = (float(f.value) for f in s.facts)  # type: ignore[arg-type]
        if s.label == "Bullish":
            assert trend > 0
            assert mom > 0
            assert rs_ > 0
    assert len(list(feb9.charts())) >= 5
    assert feb9.references
    # every fact points at the references of the series it read
    index = _Index(feb9)
    assert all(index.ref_numbers(f) for f in feb9.facts() if f.inputs)
    assert feb9.methods
    assert "not investment advice" in feb9.disclaimer


def test_a_section_without_data_says_why(rs: rotoscope.Rotoscope, mirror: Path) -> None:
    """At the store's last date (2026-08-21) IWD and IWF end earlier: the section says so.

    In the mirror, prices/IWD.csv and prices/IWF.csv have no raw close at all and
    their last adj_close is on 2026-07-31; the member file's last row is 2026-07-31.
    """
    import csv

    for name in ("IWD", "IWF"):
        with (mirror / "prices" / f"{name}.csv").open() as fh:
            rows = [r for r in csv.DictReader(fh) if r["adj_close"]]
        assert rows[-1]["date"] == "2026-07-31"
    note, audit = rs.report(None)
    assert audit.ok, audit.failures
    assert note.session == dt.date(2026, 8, 21)
    text = render_text(note)
    assert "There is no value-versus-growth reading as of this date: the data for IWD and IWF " \
        "end before it" in text
    assert "There is no breadth reading as of this date" in text
    # one dimension with data: no "one of one dimensions point"
    assert not re.search(r"\bone of one dimensions\b", text)
    assert "only one regime dimension has data as of this date, too few to call it broad" \
        in text
    assert not re.search(r"\blasted (?:one|\d+)\.", text)  # a count always has its noun


def test_prose_signs_and_plurals(feb9: Note) -> None:
    text = render_text(feb9)
    assert not re.search(r"\b(?:rose|gained|climbed|advanced|added|risen) -\d", text)
    assert not re.search(r"\b(?:fell|declined|lost|dropped|fallen) [+-]\d", text)
    assert not re.search(r"\b(?:one|1) sessions\b", text)
    assert "has rose" not in text
    assert "has fell" not in text
    # no sentence appears twice
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s", text) if len(s) > 40]
    assert len(sentences) == len(set(sentences))


def test_point_in_time(rs: rotoscope.Rotoscope, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing after the note's date is read, by the facts, the charts or the audit."""
    latest: list[dt.date] = []
    real = _pit.PointInTime.series

    def spy(self: _pit.PointInTime, symbol: str, field: str = "adj_close") -> _pit.SeriesData:
        out = real(self, symbol, field)
        if out.dates.size:
            latest.append(out.date(-1))
        return out

    monkeypatch.setattr(_pit.PointInTime, "series", spy)
    note, _ = rs.report("2026-01-23")
    assert latest
    assert max(latest) <= dt.date(2026, 1, 23)
    for f in note.facts():
        assert all(i.last <= dt.date(2026, 1, 23) for i in f.inputs), f.id
    assert all(r.last <= dt.date(2026, 1, 23) for r in note.references)


# ---------------------------------------------------------------- formats
def test_markdown_snapshot(feb9: Note) -> None:
    """The rendered Markdown for 2026-02-09 is pinned (set UPDATE_GOLDEN=1 to refresh)."""
    text = render_markdown(feb9)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize("day", [FEB9, dt.date(2008, 10, 10)])
def test_the_note_is_the_same_from_facts_given_or_computed(rs: rotoscope.Rotoscope,
                                                          day: dt.date) -> None:
    """Computed with the note, the facts' point-in-time view serves the words and charts
    too (its shared computations are reused); given (as the web app does), the words
    and charts derive them anew: the two notes are the same, byte for byte."""
    from rotoscope.analytics.engine import compute_facts
    from rotoscope.report import build_note

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ROTOSCOPE_TODAY", "2026-11-29")
        computed = build_note(rs.store, rs.universe, day)
        given_facts = build_note(rs.store, rs.universe, day,
                                 facts=compute_facts(rs.store, rs.universe, day))
    assert render_html(computed) == render_html(given_facts)
    assert render_json(computed) == render_json(given_facts)
    if day == FEB9:
        assert render_markdown(computed) == GOLDEN.read_text(encoding="utf-8")


def test_markdown_cites_every_number(feb9: Note) -> None:
    text = render_markdown(feb9)
    body, _, notes = text.partition("\n[^1]:")
    cited = set(re.findall(r"\[\^(\d+)\]", body))
    defined = set(re.findall(r"^\[\^(\d+)\]:", "[^1]:" + notes, re.M))
    assert cited == defined
    assert len(cited) == len(feb9.facts())


def test_json_has_sections_and_facts(feb9: Note) -> None:
    doc = json.loads(render_json(feb9))
    ids = {f["id"] for f in doc["facts"]}
    seen = []

    def walk(blocks: list[dict[str, object]]) -> None:
        for b in blocks:
            if b["type"] == "section":
                walk(b["blocks"])  # type: ignore[arg-type]
            elif b["type"] in ("paragraph", "list_item"):
                for n in b["numbers"]:  # type: ignore[attr-defined]
                    assert b["text"][n["span"][0]:n["span"][1]] == n["text"]  # type: ignore[index]
                    seen.append(n["fact"])
    walk(doc["sections"])
    assert seen
    assert set(seen) <= ids
    assert doc["as_of"] == "2026-02-09"
    assert doc["stances"]
    assert doc["references"]


def test_html_is_self_contained_and_deterministic(rs: rotoscope.Rotoscope, feb9: Note,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    page = render_html(feb9)
    assert page.count("<svg") >= 5
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<script" not in page
    assert "@import" not in page
    assert page.count('class="n"') == len(list(feb9.nums()))
    # written on the same day as feb9 (the note says how old its data were that day)
    monkeypatch.setenv("ROTOSCOPE_TODAY", "2026-11-29")
    again, _ = rs.report(FEB9)
    assert render_html(again) == page
    pinned, _ = rs.report(FEB9, generated_at="2026-02-10T06:00Z")
    assert "Generated 2026-02-10T06:00Z" in render_html(pinned)


def test_bad_dates(rs: rotoscope.Rotoscope) -> None:
    with pytest.raises(DateOutOfRangeError):
        rs.report("1800-01-01")
    with pytest.raises(DateOutOfRangeError):
        rs.report("2031-01-01")


# ---------------------------------------------------------------- command line
def test_cli_report(store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROTOSCOPE_HOME", str(store_path.parent))
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    res = runner.invoke(app, ["report", "--as-of", "2026-02-09"])
    assert res.exit_code == 0, res.output
    out = tmp_path / "reports" / "rotoscope-note-2026-02-09.html"
    assert out.is_file()
    assert "Wrote" in res.output
    assert "Audit passed" in res.output
    res = runner.invoke(app, ["report", "--as-of", "2026-02-09", "--format", "md",
                              "--out", "-"])
    assert res.exit_code == 0
    assert res.output.startswith("# ")
    res = runner.invoke(app, ["report", "--format", "pdf"])
    assert res.exit_code != 0


# ---------------------------------------------------------------- browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_html_in_headless_chromium(feb9: Note, tmp_path: Path) -> None:
    """The note renders in Debian's chromium: charts, no network, no console errors."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None, "chromium missing: run `make test`, which installs it"
    page_file = tmp_path / "note.html"
    page_file.write_text(render_html(feb9), encoding="utf-8")
    errors: list[str] = []
    remote: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: remote.append(r.url)
                if not r.url.startswith(("file:", "data:", "about:")) else None)
        page.goto(page_file.as_uri())
        page.wait_for_load_state("load")
        assert page.locator("figure.chart svg").count() >= 4
        assert page.locator("h1").inner_text().strip() == feb9.title
        link = page.locator("a.n").first
        link.hover()
        tip = page.evaluate("e => getComputedStyle(e, '::after').content",
                            link.element_handle())
        assert "method:" in tip
        page.screenshot(path=str(tmp_path / "note.png"), full_page=True)
        browser.close()
    assert errors == []
    assert remote == []


def test_the_note_says_how_old_its_data_are(feb9: Note) -> None:
    # the store's last price row is 2026-08-21 (prices/*.csv); 2026-11-29 is 100 days later,
    # with 68 NYSE sessions between them (exchange_calendars XNYS, 08-22..11-28): stale
    fresh = feb9.freshness()
    assert fresh is not None
    assert (fresh.last_date, fresh.age_days, fresh.stale) == (dt.date(2026, 8, 21), 100, True)
    text = render_markdown(feb9)
    assert "**Data:** through August 21, 2026, 100 days old on November 29, 2026 (stale" in text
    assert json.loads(render_json(feb9))["data_freshness"]["age_days"] == 100


def test_a_note_for_a_holiday_is_its_last_sessions(rs: rotoscope.Rotoscope) -> None:
    # 1995-04-15 was a Saturday and 04-14 Good Friday (no session; FRED has a DFF of 6.09
    # that day, 6.17 on 04-13): the note is the 1995-04-13 session's, rates included, and
    # passes its own audit
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ROTOSCOPE_TODAY", "2026-11-29")
        note, audit = rs.report("1995-04-15")
    assert audit.ok
    assert note.as_of == note.session == dt.date(1995, 4, 13)
