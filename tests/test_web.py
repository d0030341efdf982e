"""The web app: every endpoint in process (httpx's ASGI transport), errors, safety, PIT.

Expected values are computed by hand from the mirror's CSV files; the rows and the
arithmetic are written next to each assertion. The browser test is in
``test_web_browser.py``; the OpenAPI property tests in ``test_web_schema.py``.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rotoscope
from _asgi import call
from rotoscope.check import check_text
from rotoscope.web import MAX_BODY_BYTES, MAX_CHECK_CHARS, Service, create_app

GOLDEN_MD = Path(__file__).parent / "golden" / "report-2026-02-09.md"
FEB9 = "2026-02-09"


MIRROR = Path(os.environ.get("ROTOSCOPE_DATA_DIR",
                           Path(__file__).resolve().parents[2] / "shared" / "data"))


def csv_rows(name: str) -> dict[str, dict[str, str]]:
    """Rows of a mirror price file by date."""
    with (MIRROR / "prices" / name).open() as fh:
        return {r["date"]: r for r in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def service(store_path: Path) -> Iterator[Service]:
    svc = Service(rotoscope.open(store_path))
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def app(service: Service) -> Any:
    return create_app(service)




def get(app: Any, url: str, **kwargs: Any) -> httpx.Response:
    return call(app, "GET", url, **kwargs)


def error(r: httpx.Response, status: int, code: str) -> str:
    """Assert a JSON error of the documented shape and return its message."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"status", "error", "message", "details"}
    assert body["status"] == status
    assert body["error"] == code
    assert body["message"]
    return str(body["message"])


# ------------------------------------------------------------------ data endpoints
def test_health_and_series(app: Any) -> None:
    h = get(app, "/api/health").json()
    assert h["status"] == "ok"
    # prices/_GSPC.csv starts 1927-12-30; the newest row of any file is 2026-08-21
    assert (h["first_date"], h["last_date"]) == ("1927-12-30", "2026-08-21")
    series = get(app, "/api/series").json()
    assert series["count"] == len(series["series"]) > 40
    rut = get(app, "/api/series/%5Erut").json()  # case-insensitive
    # prices/_RUT.csv: first row 1987-09-10, last 2026-08-21
    assert (rut["symbol"], rut["first_date"], rut["last_date"]) == (
        "^RUT", "1987-09-10", "2026-08-21")
    assert rut["rows"] == len(csv_rows("_RUT.csv"))


def test_prices_match_the_csv(app: Any) -> None:
    r = get(app, "/api/prices/%5EGSPC", params={"start": "2026-02-02", "end": FEB9,
                                                 "fields": ["close", "adj_close"]})
    body = r.json()
    rows = csv_rows("_GSPC.csv")
    # 2026-02-02..2026-02-09 holds six sessions (Mon 2 to Mon 9)
    assert body["dates"] == ["2026-02-02", "2026-02-03", "2026-02-04", "2026-02-05",
                             "2026-02-06", "2026-02-09"]
    assert body["fields"] == ["close", "adj_close"]
    assert body["values"]["close"] == [float(rows[d]["close"]) for d in body["dates"]]
    assert body["values"]["close"][-1] == 6964.819824  # _GSPC.csv, 2026-02-09 close
    # a macro series comes back as its value column
    fred = get(app, "/api/prices/DGS10", params={"start": "2026-08-17", "end": "2026-08-21"})
    assert fred.json()["fields"] == ["value"]


def test_prices_errors(app: Any) -> None:
    error(get(app, "/api/prices/NOPE"), 404, "not_found")
    # the attempt at SQL is just an unknown symbol: symbols are looked up, never spliced
    assert "unknown symbol" in error(get(app, "/api/prices/SPY';DROP TABLE prices;--"), 404,
                                     "not_found")
    error(get(app, "/api/prices/SPY", params={"start": "2026-02-30"}), 422, "invalid_request")
    error(get(app, "/api/prices/SPY", params={"fields": "price"}), 422, "invalid_request")
    msg = error(get(app, "/api/prices/SPY", params={"start": "1994-01-03", "end": "2026-01-02"}),
                422, "invalid_request")
    assert "at most 7,320" in msg
    error(get(app, "/api/prices/SPY", params={"start": "2026-02-09", "end": "2026-02-01"}),
          422, "invalid_request")
    error(get(app, "/api/prices/SPY", params={"start": "2030-01-01", "end": "2030-02-01"}),
          422, "out_of_range")
    # found by schemathesis: an end before the data once overflowed the default start
    error(get(app, "/api/prices/SPY", params={"end": "0001-01-01"}), 422, "out_of_range")


def test_facts_values_from_the_csv(app: Any) -> None:
    body = get(app, "/api/facts", params={"as_of": FEB9, "subject": "^RUT",
                                          "kind": "return"}).json()
    assert body["as_of"] == FEB9
    by_id = {f["id"]: f for f in body["facts"]}
    rut = csv_rows("_RUT.csv")
    # _RUT.csv adj_close 2025-12-31 2481.909912, 2026-02-09 2689.050049:
    #   2689.050049 / 2481.909912 - 1 = +8.3460 %
    expected = (float(rut[FEB9]["adj_close"]) / float(rut["2025-12-31"]["adj_close"]) - 1) * 100
    fact = by_id["return.^RUT.total_return.ytd@2026-02-09"]
    assert fact["value"] == pytest.approx(expected, abs=1e-9)
    assert round(expected, 4) == 8.3460
    assert fact["inputs"][0] == {"series": "^RUT", "field": "adj_close",
                                 "first": "2025-12-31", "last": FEB9}
    assert all(f["as_of"] == FEB9 and "^RUT" in f["subjects"] for f in body["facts"])
    one = get(app, "/api/facts/return.%5ERUT.total_return.ytd@2026-02-09").json()
    assert one == fact


def test_compressed_and_plain_bodies_agree(app: Any) -> None:
    plain = get(app, "/api/facts", params={"as_of": FEB9},
                headers={"accept-encoding": "identity"})
    packed = get(app, "/api/facts", params={"as_of": FEB9}, headers={"accept-encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.json() == plain.json()
    assert plain.json()["count"] == len(plain.json()["facts"]) > 1000


def test_facts_for_a_weekend_use_the_session_before(app: Any) -> None:
    # 2026-02-08 is a Sunday: the facts are those of Friday 2026-02-06
    body = get(app, "/api/facts", params={"as_of": "2026-02-08", "kind": "regime.overall"}).json()
    assert (body["as_of"], body["requested"]) == ("2026-02-06", "2026-02-08")
    assert {f["id"].split("@")[1] for f in body["facts"]} == {"2026-02-06"}


def test_facts_errors(app: Any) -> None:
    error(get(app, "/api/facts", params={"as_of": "1900-01-02"}), 422, "out_of_range")
    error(get(app, "/api/facts", params={"as_of": "yesterday"}), 422, "invalid_request")
    # a number is not a date (pydantic alone would read 0 as 1970-01-01)
    error(get(app, "/api/facts", params={"as_of": "0"}), 422, "invalid_request")
    error(get(app, "/api/facts", params={"as_of": FEB9, "subject": "NOPE"}), 404, "not_found")
    error(get(app, "/api/facts", params={"kind": "x" * 201}), 422, "invalid_request")
    error(get(app, "/api/facts/return.^RUT.total_return.ytd@2026-02-09x"), 422,
          "invalid_request")
    error(get(app, "/api/facts/no.such.fact@2026-02-09"), 404, "not_found")
    # an unknown kind is an empty selection, not an error
    body = get(app, "/api/facts", params={"as_of": FEB9, "kind": "no-such-kind"}).json()
    assert body["count"] == 0
    assert body["facts"] == []


# ------------------------------------------------------------------ note
def test_note_formats(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # the golden note was written on 2026-11-29 and says how old its data were then
    monkeypatch.setenv("ROTOSCOPE_TODAY", "2026-11-29")
    md = get(app, "/api/note", params={"as_of": FEB9, "format": "md"})
    assert md.headers["content-type"].startswith("text/markdown")
    # the same document as `rotoscope report --format md` (pinned in the golden file)
    assert md.text == GOLDEN_MD.read_text(encoding="utf-8")
    js = get(app, "/api/note", params={"as_of": FEB9}).json()
    assert js["session"] == FEB9
    assert js["title"] == md.text.splitlines()[0].removeprefix("# ")
    html = get(app, "/api/note", params={"as_of": FEB9, "format": "html"})
    assert html.headers["content-type"].startswith("text/html")
    assert "<script" not in html.text
    assert js["title"] in html.text
    error(get(app, "/api/note", params={"format": "pdf"}), 422, "invalid_request")


@settings(max_examples=3)
@given(st.dates(dt.date(1928, 1, 3), dt.date(2026, 8, 21)))
def test_a_note_for_any_date(service: Service, day: dt.date) -> None:
    """Early history gives a thinner note, never an error; nothing after the date."""
    app = create_app(service)
    r = get(app, "/api/note", params={"as_of": day.isoformat()})
    assert r.status_code == 200, r.text[:300]
    note = r.json()
    assert note["session"] <= day.isoformat()
    # facts of earlier sessions of the week (the week table) are dated on those sessions
    assert all(f["as_of"] <= note["session"] for f in note["facts"])


# ------------------------------------------------------------------ check
def test_check_matches_the_library(app: Any, service: Service) -> None:
    # _RUT.csv closes: 2026-02-06 2670.339844, 2026-02-09 2689.050049 -> +0.70 %;
    # 2025-12-31 2481.909912 -> +8.35 % year to date (so "up 12%" is contradicted)
    text = ("Published February 9, 2026. The Russell 2000 rose 0.70% on the day. "
            "Separately, the Russell 2000 is up 12% year to date.")
    r = call(app, "POST", "/api/check", json={"text": text})
    body = r.json()
    assert r.status_code == 200
    assert [c["verdict"] for c in body["claims"]] == ["confirmed", "contradicted"]
    assert body["claims"][1]["computed"] == pytest.approx(8.346, abs=1e-3)
    # the same document as `rotoscope check --json`
    assert body == json.loads(json.dumps(check_text(service.rs.store, service.rs.universe,
                                                    text, None).to_dict()))
    given_date = call(app, "POST", "/api/check", json={"text": text, "as_of": "2026-02-09"})
    assert given_date.json()["as_of_source"] == "given"


def test_check_errors(app: Any) -> None:
    long = "a" * (MAX_CHECK_CHARS + 1)
    assert "100,000" in error(call(app, "POST", "/api/check", json={"text": long}), 413,
                              "too_large")
    error(call(app, "POST", "/api/check", json={"text": "   "}), 422, "invalid_request")
    error(call(app, "POST", "/api/check", json={"text": "x", "extra": 1}), 422,
          "invalid_request")
    error(call(app, "POST", "/api/check", json={"text": "x", "as_of": "1800-01-01"}), 422,
          "out_of_range")
    error(call(app, "POST", "/api/check", json={"text": "x", "as_of": 5e-324}), 422,
          "invalid_request")
    error(call(app, "POST", "/api/check", json={"text": 12}), 422, "invalid_request")
    error(call(app, "POST", "/api/check", content=b"{not json",
               headers={"content-type": "application/json"}), 422, "invalid_request")
    big = b'{"text": "' + b"a" * MAX_BODY_BYTES + b'"}'
    error(call(app, "POST", "/api/check", content=big,
               headers={"content-type": "application/json"}), 413, "too_large")

    def chunks() -> Iterator[bytes]:  # no content-length: the limit still holds
        yield b'{"text": "'
        for _ in range(20):
            yield b"a" * (MAX_BODY_BYTES // 10)
        yield b'"}'

    async def chunked() -> httpx.Response:
        async def body() -> Any:
            for c in chunks():
                yield c
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://rotoscope") as c:
            return await c.post("/api/check", content=body(),
                                headers={"content-type": "application/json"})
    error(asyncio.run(chunked()), 413, "too_large")
    error(get(app, "/api/check"), 405, "method_not_allowed")


# ------------------------------------------------------------------ dashboard
def _dates_in(obj: Any) -> Iterator[str]:
    if isinstance(obj, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", obj):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _dates_in(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _dates_in(v)


def test_dashboard_values_from_the_csv(app: Any) -> None:
    d = get(app, "/api/dashboard", params={"as_of": FEB9}).json()
    rut, gspc = csv_rows("_RUT.csv"), csv_rows("_GSPC.csv")
    # size row, YTD: ^RUT adj 2689.050049 / 2481.909912 - 1 = 8.3460 %; ^GSPC adj
    #   6964.819824 / 6845.5 - 1 = 1.7431 %; spread 6.6029 pp
    size = next(r for r in d["headline"]["rows"] if r["key"] == "size-rut-gspc")

    def ytd(rows: dict[str, dict[str, str]]) -> float:
        return (float(rows[FEB9]["adj_close"]) / float(rows["2025-12-31"]["adj_close"]) - 1) * 100
    assert size["cells"]["ytd"]["value"] == pytest.approx(ytd(rut) - ytd(gspc), abs=1e-9)
    assert size["cells"]["ytd"]["text"] == "+6.60 pp"
    assert size["regime"]["leader"]["value"] == "small caps"
    assert "method:" in size["cells"]["ytd"]["tip"]
    # heat map, XLE over 30 sessions: XLE.csv adj_close on 2026-02-09 and 30 rows earlier
    xle = csv_rows("XLE.csv")
    dates = sorted(d_ for d_ in xle if d_ <= FEB9)
    expected = (float(xle[FEB9]["adj_close"]) / float(xle[dates[-31]]["adj_close"]) - 1) * 100
    cell = next(s for s in d["heatmap"]["sectors"] if s["symbol"] == "XLE")["cells"]["30d"]
    assert cell["value"] == pytest.approx(expected, abs=1e-9)
    # sorted by the 30-session return, best first
    thirty = [s["cells"]["30d"]["value"] for s in d["heatmap"]["sectors"]]
    assert thirty == sorted(thirty, reverse=True)
    # the rebased chart sends raw closes; the RS ratio is adj_close / adj_close
    g = next(s for s in d["charts"]["rebased"]["series"] if s["symbol"] == "^GSPC")
    assert (g["dates"][-1], g["values"][-1]) == (FEB9, float(gspc[FEB9]["close"]))
    ratio = next(p for p in d["charts"]["ratios"]["pairs"] if p["pair"] == "size-rut-gspc")
    assert ratio["ratio"][-1] == pytest.approx(
        float(rut[FEB9]["adj_close"]) / float(gspc[FEB9]["adj_close"]), abs=1e-6)
    assert len(d["charts"]["rrg"]["sectors"]) == 11
    assert d["charts"]["breadth"]["dates"][-1] <= FEB9


@settings(max_examples=4)
@given(st.dates(dt.date(1995, 1, 1), dt.date(2026, 8, 21)))
def test_dashboard_is_point_in_time(service: Service, day: dt.date) -> None:
    """Nothing in the dashboard of a date is dated after it."""
    app = create_app(service)
    d = get(app, "/api/dashboard", params={"as_of": day.isoformat()}).json()
    assert d["as_of"] <= day.isoformat()
    assert max(_dates_in(d["charts"])) <= d["as_of"]
    # every date anywhere, fact ids and the inputs in the hover texts included
    d.pop("requested")
    assert max(re.findall(r"\d{4}-\d{2}-\d{2}", json.dumps(d))) <= d["as_of"]


# ------------------------------------------------------------------ pages
def test_pages(app: Any) -> None:
    home = get(app, "/", params={"as_of": FEB9})
    assert home.status_code == 200
    assert "Rotation by dimension" in home.text
    assert 'src="/vendor/plotly.min.js"' in home.text
    assert "cdn" not in home.text.lower()
    assert "default-src 'self'" in home.headers["content-security-policy"]
    note = get(app, "/note", params={"as_of": "2026-02-07"})  # Saturday
    assert note.status_code == 200
    assert "was not a trading session" in note.text
    same = get(app, "/note", params={"as_of": "2026-02-06"})  # the session itself: no notice
    assert "was not a trading session" not in same.text
    assert get(app, "/check").status_code == 200
    js = get(app, "/vendor/plotly.min.js")
    assert js.status_code == 200
    assert js.headers["content-type"].startswith("text/javascript")
    assert len(js.content) > 1_000_000
    bad = get(app, "/", params={"as_of": "2026-13-01"})
    assert bad.status_code == 422
    assert "<!DOCTYPE html>" in bad.text
    missing = get(app, "/nowhere")
    assert missing.status_code == 404
    assert "Not found" in missing.text
    error(get(app, "/api/nowhere"), 404, "not_found")


@settings(max_examples=25)
@given(path=st.sampled_from(["/", "/note", "/check", "/api/facts", "/api/dashboard"]),
       value=st.text(max_size=30))
def test_pages_never_fail_on_odd_dates(service: Service, path: str, value: str) -> None:
    app = create_app(service)
    r = get(app, path, params={"as_of": value})
    assert r.status_code in (200, 422), (path, value, r.text[:200])


def test_read_only_and_stays_correct_after_bad_requests(app: Any, store_path: Path) -> None:
    before = hashlib.sha256(store_path.read_bytes()).hexdigest()
    good = get(app, "/api/facts", params={"as_of": FEB9, "kind": "regime.overall"}).json()
    for url in ("/api/prices/%00", "/api/facts?as_of=0000-00-00", "/api/facts/@@@",
                "/api/note?as_of=9999-12-31", "/api/series/" + "x" * 300, "/api/prices/..%2F.."):
        assert get(app, url).status_code in (404, 422)
    call(app, "POST", "/api/check", content=b"\xff\xfe\x00", headers={"content-type":
                                                                      "application/json"})
    call(app, "DELETE", "/api/facts")
    after = get(app, "/api/facts", params={"as_of": FEB9, "kind": "regime.overall"}).json()
    assert after == good
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == before


def test_openapi_documents_every_route(app: Any) -> None:
    spec = get(app, "/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/health", "/api/series", "/api/series/{symbol}", "/api/prices/{symbol}",
        "/api/facts", "/api/facts/{fact_id}", "/api/note", "/api/check", "/api/ask",
        "/api/dashboard"}
    assert "422" in spec["paths"]["/api/facts"]["get"]["responses"]
    assert "413" in spec["paths"]["/api/check"]["post"]["responses"]
    # the stock documentation pages load scripts from a CDN, so they are off
    assert get(app, "/docs").status_code == 404


def test_ask_answers_like_the_command(app: Any, service: Service) -> None:
    r = call(app, "POST", "/api/ask", json={"question": "How did the S&P 500 do yesterday?",
                                            "as_of": "2026-02-10"})
    assert r.status_code == 200
    body = r.json()
    # _GSPC.csv: 2026-02-09 close 6964.819824 over 2026-02-06 close 6932.299805
    assert body["table"][0]["raw"] == pytest.approx((6964.819824 / 6932.299805 - 1) * 100)
    assert body == service.rs.ask("How did the S&P 500 do yesterday?", "2026-02-10",
                                  llm=None).model_dump(mode="json")
    declined = call(app, "POST", "/api/ask", json={"question": "Will the S&P 500 rise?"}).json()
    assert declined["answerable"] is False
    assert error(call(app, "POST", "/api/ask", json={"question": ""}), 422,
                 "invalid_request")
    assert error(call(app, "POST", "/api/ask", json={"question": "x" * 1001}), 413, "too_large")
    assert error(call(app, "POST", "/api/ask", json={"question": 5}), 422, "invalid_request")
