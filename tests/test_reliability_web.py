"""Reliability of the web app: odd input, heavy requests, a rebuilt store.

The stores here are built from copies of the mirror's own files; expected dates
and values come from those files, with the rows written next to each assertion.
"""

from __future__ import annotations

import csv
import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import rotoscope
import rotoscope.check as check_module
from _asgi import call
from rotoscope import init_store
from rotoscope.check import CheckResult, InputTextError
from rotoscope.web import Service, create_app

SECURITY = ("x-content-type-options", "x-frame-options", "content-security-policy",
            "referrer-policy")
# three claims: 0.70% (Russell 2000, one day), 0.47% (S&P 500, one day), 8.3% (small caps, YTD)
TEXT = ("Published February 9, 2026. The Russell 2000 rose 0.70% on the day and the "
        "S&P 500 gained 0.47%. Small caps are up 8.3% year to date.")


@pytest.fixture(scope="module")
def service(store_path: Path) -> Iterator[Service]:
    svc = Service(rotoscope.open(store_path))
    yield svc
    svc.close()




def error(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert all(h in r.headers for h in SECURITY)
    body: dict[str, Any] = r.json()
    assert (body["status"], body["error"]) == (status, code)
    return body


# ------------------------------------------------------------------ odd input
@pytest.mark.parametrize("path", ["/api/ask", "/api/check"])
@pytest.mark.parametrize("body", [
    b'{"%s": "How did \\ud800 the S&P 500 do?"}',  # a lone high surrogate, escaped in JSON
    b'{"%s": "\\udfff"}',  # a lone low surrogate alone
])
def test_a_lone_surrogate_is_a_422_with_the_headers(service: Service, path: str,
                                                    body: bytes) -> None:
    field = b"question" if path == "/api/ask" else b"text"
    r = call(create_app(service), "POST", path, content=body.replace(b"%s", field),
             headers={"content-type": "application/json"})
    found = error(r, 422, "invalid_request")
    assert found["details"][0].startswith(field.decode())


def test_an_unexpected_failure_keeps_the_security_headers(
        service: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(question: str, as_of: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(service, "ask", broken)
    r = call(create_app(service), "POST", "/api/ask", json={"question": "How is SPY?"})
    body = error(r, 500, "internal")
    assert "a bug" not in body["message"]


def test_status_follows_the_exception_class(service: Service,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str, as_of: object) -> None:
        # the word "limit" in an input error no longer makes it a 413
        raise InputTextError("the text is over no limit but unreadable")

    monkeypatch.setattr(service, "check", refuse)
    error(call(create_app(service), "POST", "/api/check", json={"text": "x"}), 422,
          "invalid_request")


@pytest.mark.parametrize("path", ["/", "/note", "/check", "/api/health", "/api/series",
                                  "/api/facts?as_of=2026-02-09", "/api/dashboard",
                                  "/api/prices/SPY?start=2026-02-02&end=2026-02-09"])
def test_head_is_answered_wherever_get_is(service: Service, path: str) -> None:
    app = create_app(service)
    got = call(app, "GET", path, headers={"accept-encoding": "identity"})
    head = call(app, "HEAD", path, headers={"accept-encoding": "identity"})
    assert (got.status_code, head.status_code) == (200, 200)
    assert head.content == b""
    assert head.headers["content-length"] == str(len(got.content))
    assert head.headers["content-type"] == got.headers["content-type"]
    assert all(h in head.headers for h in SECURITY)


def test_the_spec_declares_text_dates_and_fact_ids(service: Service, mirror: Path) -> None:
    spec = call(create_app(service), "GET", "/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for model, field in (("CheckRequest", "text"), ("AskRequest", "question")):
        prop = schemas[model]["properties"][field]
        assert (prop["minLength"], prop["pattern"]) == (1, r"\S")
    # the store's first and last session, from the price files: _GSPC.csv starts
    # 1927-12-30 (the earliest first row); _GSPC.csv and SPY.csv end 2026-08-21
    firsts, lasts = [], []
    for f in (mirror / "prices").glob("*.csv"):
        rows = f.read_text().splitlines()
        firsts.append(rows[1].split(",")[0])
        lasts.append(rows[-1].split(",")[0])
    assert (min(firsts), max(lasts)) == ("1927-12-30", "2026-08-21")
    as_of = next(p for p in spec["paths"]["/api/facts"]["get"]["parameters"]
                 if p["name"] == "as_of")
    date = next(s for s in as_of["schema"]["anyOf"] if s.get("format") == "date")
    assert (date["formatMinimum"], date["formatMaximum"]) == ("1927-12-30", "2026-08-21")
    body_date = next(s for s in schemas["CheckRequest"]["properties"]["as_of"]["anyOf"]
                     if s.get("format") == "date")
    assert body_date["formatMaximum"] == "2026-08-21"
    fact_id = spec["paths"]["/api/facts/{fact_id}"]["get"]["parameters"][0]["schema"]
    assert fact_id["pattern"] == r"^[^@]+@\d{4}-\d{2}-\d{2}$"
    r = call(create_app(service), "GET", "/api/facts/return.SPY.ytd")  # no "@date"
    error(r, 422, "invalid_request")


# ------------------------------------------------------------------ heavy requests
def test_claims_over_the_limit_are_a_413(store_path: Path) -> None:
    svc = Service(rotoscope.open(store_path), check_claims=2)
    try:
        r = call(create_app(svc), "POST", "/api/check", json={"text": TEXT})
        body = error(r, 413, "too_large")
        assert body["message"].startswith("the text holds 3 claims; the limit is 2 claims")
        svc.check_claims = 3  # the same text at the limit is checked
        ok = call(create_app(svc), "POST", "/api/check", json={"text": TEXT})
        assert ok.status_code == 200
        assert len(ok.json()["claims"]) == 3
    finally:
        svc.close()


def test_a_check_over_its_time_budget_is_a_413(store_path: Path) -> None:
    svc = Service(rotoscope.open(store_path), check_seconds=0.0)
    try:
        r = call(create_app(svc), "POST", "/api/check", json={"text": TEXT})
        body = error(r, 413, "too_large")
        assert "took over 0 s (0 of 3 claims done)" in body["message"]
    finally:
        svc.close()


def test_a_request_never_waits_behind_a_running_check(
        service: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    entered, release = threading.Event(), threading.Event()
    real = check_module.check_text  # what Rotoscope.check_claims calls

    def held(*args: Any, **kwargs: Any) -> CheckResult:
        entered.set()
        release.wait()
        return real(*args, **kwargs)

    monkeypatch.setattr(check_module, "check_text", held)
    app = create_app(service)
    results: dict[str, httpx.Response] = {}
    check = threading.Thread(target=lambda: results.setdefault(
        "check", call(app, "POST", "/api/check", json={"text": TEXT})))
    check.start()
    assert entered.wait(60)
    # while the check holds its thread, a read of the store completes:
    # SPY.csv 2026-02-09 close 693.950012 (the raw close of that row)
    done = threading.Event()

    def read() -> None:
        results["prices"] = call(app, "GET", "/api/prices/SPY",
                                 params={"start": "2026-02-09", "end": "2026-02-09"})
        done.set()

    threading.Thread(target=read).start()
    finished_first = done.wait(120)
    release.set()
    check.join()
    assert finished_first, "the prices request waited for the check"
    with (Path(rotoscope.config.default_data_dir()) / "prices" / "SPY.csv").open() as fh:
        row = next(r for r in csv.DictReader(fh) if r["date"] == "2026-02-09")
    assert results["prices"].json()["values"]["close"] == [pytest.approx(float(row["close"]))]
    assert results["check"].status_code == 200


def test_each_thread_reads_through_its_own_connection(service: Service) -> None:
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(service.rs.store.con))
               for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(c) for c in seen}) == 3


# ------------------------------------------------------------------ a rebuilt store
def _cut(path: Path, last: str) -> None:
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0], *(ln for ln in lines[1:] if ln[:10] <= last)]) + "\n")


def test_a_rebuilt_store_is_served(small_mirror: Path, tmp_path: Path) -> None:
    store = tmp_path / "home" / "rotoscope.duckdb"
    init_store(small_mirror, store=store)
    svc = Service(rotoscope.open(store))
    app = create_app(svc)
    try:
        before = call(app, "GET", "/api/health").json()
        # the small mirror's price files (_RUT, SPY, IWD) end 2026-08-21 (_RUT, SPY)
        assert before["last_date"] == "2026-08-21"
        for name in ("_RUT.csv", "SPY.csv", "IWD.csv"):
            _cut(small_mirror / "prices" / name, "2026-02-09")
        assert init_store(small_mirror, store=store).changed
        after = call(app, "GET", "/api/health").json()
        # every price row after 2026-02-09 is gone: the last session is 2026-02-09
        assert after["last_date"] == "2026-02-09"
        assert after["store_fingerprint"] != before["store_fingerprint"]
        # the fingerprint hashes "file:checksum;" of every loaded file, by file name
        files = sorted(p.relative_to(small_mirror).as_posix()
                       for p in small_mirror.rglob("*") if p.is_file())
        expected = hashlib.sha256("".join(
            f"{f}:{hashlib.sha256((small_mirror / f).read_bytes()).hexdigest()};"
            for f in files).encode()).hexdigest()[:16]
        assert after["store_fingerprint"] == expected
        error(call(app, "GET", "/api/facts", params={"as_of": "2026-03-02"}), 422,
              "out_of_range")
    finally:
        svc.close()
