"""The rotation verdict: one decision the headline, summary, insights and dashboard share.

Also the default note date: the last date at which every rotation dimension has
data. Expected values are read from the mirror's CSV files with the csv module;
the rows and the arithmetic are written next to each assertion.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import rotoscope
from rotoscope.analytics.engine import FactSet
from rotoscope.cli import app
from rotoscope.facts import Fact
from rotoscope.report import Note, default_date, render_text
from rotoscope.report._build import dimension_symbols
from rotoscope.report._rules import MIN_BROAD_DIMENSIONS, verdict
from rotoscope.universe import load_universe
from rotoscope.web import Service, create_app

DATES = ("2026-02-09", "2026-07-31", "2020-03-23", "2026-08-21")


@pytest.fixture(scope="module")
def rs(store_path: Path) -> rotoscope.Rotoscope:
    return rotoscope.open(store_path)


@pytest.fixture(scope="module")
def notes(audited_note: Callable[[str], Note]) -> dict[str, Note]:
    return {day: audited_note(day) for day in DATES}


def _adj_closes(mirror: Path, symbol: str) -> list[tuple[str, float]]:
    with (mirror / "prices" / f"{symbol.replace('^', '_')}.csv").open() as fh:
        return [(r["date"], float(r["adj_close"])) for r in csv.DictReader(fh)
                if r["adj_close"]]


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.:;])\s", text, maxsplit=1)[0]


# ---------------------------------------------------------------- the default date
def test_default_date_is_the_last_with_every_dimension(rs: rotoscope.Rotoscope,
                                                       mirror: Path) -> None:
    """The dimensions read ^RUT/^GSPC, IWD/IWF, the sectors, EFA/SPY and RSP/SPY.

    In the mirror ^RUT and ^GSPC have total-return closes to 2026-08-21; IWD, IWF,
    EFA, SPY, RSP and the eleven sector SPDRs end on 2026-07-31: the earliest
    last date is 2026-07-31, before the store's last date 2026-08-21.
    """
    symbols = dimension_symbols(rs.universe)
    assert {"^RUT", "^GSPC", "IWD", "IWF", "EFA", "SPY", "RSP", "XLK", "XLU"} <= set(symbols)
    last = {s: _adj_closes(mirror, s)[-1][0] for s in symbols}
    assert last["^RUT"] == last["^GSPC"] == "2026-08-21"
    assert last["IWD"] == last["XLU"] == "2026-07-31"
    assert min(last.values()) == "2026-07-31"
    assert default_date(rs.store, rs.universe) == dt.date(2026, 7, 31)
    assert rs.last_date == dt.date(2026, 8, 21)


def test_cli_report_defaults_to_the_complete_date(store_path: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROTOSCOPE_HOME", str(store_path.parent))
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["report", "--format", "md"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "reports" / "rotoscope-note-2026-07-31.md").is_file()
    said = [line for line in res.output.splitlines() if "--as-of" in line]
    assert said == ["Note for 2026-07-31, the last date with every rotation dimension; the "
                    "data run to 2026-08-21 with fewer (use --as-of 2026-08-21 for it)."]


# ---------------------------------------------------------------- one dimension
def test_one_dimension_is_never_a_broad_rotation(notes: dict[str, Note], mirror: Path) -> None:
    """On 2026-08-21 only the size dimension (^RUT against ^GSPC) has data.

    63 sessions back from 2026-08-21 is 2026-05-21: ^RUT 2843.45 -> 3017.87
    (+6.134%), ^GSPC 7445.720215 -> 7674.370117 (+3.071%), a gap of +3.06 pp.
    """
    rut, spx = dict(_adj_closes(mirror, "^RUT")), dict(_adj_closes(mirror, "^GSPC"))
    days = sorted(d for d in set(rut) & set(spx) if d <= "2026-08-21")
    assert (days[-64], days[-1]) == ("2026-05-21", "2026-08-21")
    gap = (rut[days[-1]] / rut[days[-64]] - spx[days[-1]] / spx[days[-64]]) * 100
    assert gap == pytest.approx(3.0632, abs=1e-4)
    note = notes["2026-08-21"]
    assert note.title == "A narrow rotation: Small caps lead modestly"
    dek = note.dek.plain()
    assert dek.startswith("The rotation leans towards broadening, but only one regime "
                          "dimension has data as of this date, too few to call it broad: "
                          "a narrow and tactical move.")
    assert f"by {gap:.2f} percentage points over 63 sessions" in dek
    text = render_text(note)
    assert "broad rotation, in which" not in text
    assert "One dimension is too little to call a broad rotation" in text
    assert "Rotation broadens" not in text


# ---------------------------------------------------------------- agreement everywhere
@pytest.mark.parametrize("day", DATES)
def test_headline_summary_insights_and_table_agree(notes: dict[str, Note], day: str) -> None:
    note = notes[day]
    text = render_text(note)
    first = _first_sentence(note.dek.plain())
    summary = next(t for t in note.tables() if t.caption == "Key numbers")
    shown = {str(r[0]): getattr(r[1], "text", r[1]) for r in summary.rows}
    scope = shown["Breadth of the rotation"]
    if note.title.startswith(("Rotation broadens", "Leadership narrows")):
        assert scope == "broad"
        assert re.match(r"The rotation is (broadening|concentrating):", first)
        assert "Together they describe" in text
    elif note.title.startswith(("A narrow rotation", "Leadership concentrates in places")):
        assert scope == "narrow"
        assert first.startswith("The rotation leans towards")
        assert "broad rotation, in which" not in text
    else:
        assert note.title.startswith("A split market")
        assert first.startswith("The rotation is split")
    # the side named by the headline is the side of the first sentence
    if note.title.startswith(("Rotation broadens", "A narrow rotation")):
        assert "broadening" in first
        assert shown["Regime"] == "broadening"
    if note.title.startswith(("Leadership", )):
        assert "concentrat" in first
        assert shown["Regime"] == "concentrating"


def test_the_expected_verdicts(notes: dict[str, Note]) -> None:
    """2026-02-09: all five dimensions broaden; 2020-03-23: all five concentrate.

    Value's 63-session z-score (+2.40 on 2026-02-09) is the largest, so value leads
    "at an extreme pace" (|z| >= 2); on 2020-03-23 the equal-weight dimension's
    z of -3.40 is the largest and the cap-weight side leads.
    """
    assert notes["2026-02-09"].title == "Rotation broadens: Value leads at an extreme pace"
    assert notes["2026-02-09"].dek.plain().startswith(
        "The rotation is broadening: all five dimensions with data point that way, a broad "
        "and tactical move.")
    assert notes["2020-03-23"].title == ("Leadership narrows: Cap-weight S&P 500 leads at "
                                         "an extreme pace")


def test_dashboard_says_what_the_note_says(store_path: Path, notes: dict[str, Note]) -> None:
    svc = Service(rotoscope.open(store_path))
    try:
        web = create_app(svc)

        async def page(day: str) -> str:
            transport = httpx.ASGITransport(app=web)
            async with httpx.AsyncClient(transport=transport, base_url="http://r") as c:
                return (await c.get("/", params={"as_of": day})).text

        for day in ("2026-08-21", "2026-02-09"):
            html = asyncio.run(page(day))
            h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1>(.*?)</h1>", html, re.S)
                        .group(1))  # type: ignore[union-attr]
            assert h1 == notes[day].title
            assert "broadening, narrow" not in html
        assert "Only one regime dimension has data as of this date, too few to call the " \
            "rotation broad" in asyncio.run(page("2026-08-21"))
    finally:
        svc.close()


# ---------------------------------------------------------------- the rule itself
def _regime(side: str, agree: int, of: int, scope: str, horizon: str) -> FactSet:
    day = dt.date(2026, 2, 9)
    fs = FactSet(day)

    def make(key: str, value: Any, unit: str, params: dict[str, Any] | None = None) -> Fact:
        return Fact(id=f"regime.overall.{key}@{day}", value=value, unit=unit,  # type: ignore[arg-type]
                    kind="regime", as_of=day, subjects=("overall",), inputs=(),
                    method="regime_rules", params=params or {})

    fs.add([make("side", side, "label"), make("agree", agree, "count", {"of": of}),
            make("scope", scope, "label"), make("horizon", horizon, "label")])
    return fs


@given(side=st.sampled_from(["broadening", "concentrating", "split"]),
       of=st.integers(1, 6), agree_share=st.floats(0, 1),
       scope=st.sampled_from(["broad", "narrow"]),
       horizon=st.sampled_from(["tactical", "structural"]))
def test_fewer_than_three_dimensions_never_make_a_broad_rotation(
        side: str, of: int, agree_share: float, scope: str, horizon: str) -> None:
    universe = load_universe()
    agree = round(agree_share * of)
    v = verdict(universe, _regime(side, agree, of, scope, horizon))
    assert v is not None
    if of < MIN_BROAD_DIMENSIONS or side == "split":
        assert v.scope == "narrow"
    assert (v.scope == "broad") == (scope == "broad" and of >= MIN_BROAD_DIMENSIONS
                                    and side != "split")
    # the headline's words follow the verdict
    broad_words = v.head in ("Rotation broadens", "Leadership narrows")
    assert broad_words == (v.scope == "broad")
    assert ("broadens" in v.head or "narrow rotation" in v.head) == (
        side == "broadening")
    assert v.horizon == horizon
