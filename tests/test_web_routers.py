"""The web app's structure: two routers (API, pages) and one table of error statuses."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute

import rotoscope
from _asgi import call
from rotoscope import exceptions
from rotoscope.web import Service, create_app
from rotoscope.web._errors import STATUSES, status_of
from rotoscope.web._routes_api import router as api_router
from rotoscope.web._routes_pages import router as pages_router


@pytest.fixture(scope="module")
def app(store_path: Path) -> Iterator[Any]:
    svc = Service(rotoscope.open_store(store_path))
    yield create_app(svc)
    svc.close()




@pytest.mark.parametrize(("exc", "status", "code"), [
    (exceptions.UnknownSymbolError("ZZZ"), 404, "not_found"),
    (exceptions.NotFoundError("no fact 'x' on 2026-02-09"), 404, "not_found"),
    (exceptions.DateOutOfRangeError("as_of", "1800-01-01", "1927-12-30", "2026-08-21"),
     422, "out_of_range"),
    (exceptions.TooMuchWorkError("the text is 100,001 characters", "100,000 characters"),
     413, "too_large"),
    (exceptions.InputTextError("the text is empty"), 422, "invalid_request"),
    # not listed: the nearest listed class decides (MissingFieldError is a QueryError)
    (exceptions.MissingFieldError("SPY", "close"), 422, "invalid_request"),
    (exceptions.ReportAuditError("2026-02-09", ["x"]), 500, "internal"),
    (exceptions.LLMError("no reply"), 500, "internal"),
    (exceptions.StoreError("unusable"), 500, "internal"),
])
def test_status_by_class(exc: exceptions.RotoscopeError, status: int, code: str) -> None:
    assert status_of(exc) == (status, code)


def test_the_table_names_library_errors_only() -> None:
    for cls, (status, code) in STATUSES.items():
        assert cls.__name__ in exceptions.__all__
        assert status in (404, 413, 422, 500)
        assert code in ("not_found", "too_large", "out_of_range", "invalid_request", "internal")


def test_every_route_comes_from_one_of_the_two_routers(app: Any) -> None:
    api = {r.path for r in api_router.routes if isinstance(r, APIRoute)}
    pages = {r.path for r in pages_router.routes if isinstance(r, APIRoute)}
    assert all(p.startswith("/api/") for p in api)
    assert not any(p.startswith("/api") for p in pages)
    assert {"/api/health", "/api/check", "/api/facts/{fact_id:path}"} <= api
    assert pages == {"/", "/note", "/check", "/vendor/plotly.min.js", "/favicon.ico"}
    # the spec lists the API router's routes and nothing else
    spec = call(app, "GET", "/openapi.json").json()
    assert set(spec["paths"]) == {p.replace(":path}", "}") for p in api}
    # the pages router's routes are served
    for path in ("/check", "/vendor/plotly.min.js", "/favicon.ico"):
        assert call(app, "GET", path).status_code == 200, path
    checker = call(app, "GET", "/check")
    assert "Check the numbers in any market commentary" in checker.text


def test_errors_by_class_through_the_app(app: Any, mirror: Path) -> None:
    unknown = call(app, "GET", "/api/prices/NOT-A-SYMBOL")
    assert unknown.status_code == 404
    assert unknown.json()["error"] == "not_found"
    # the store's dates: the first and last date of any price file of the mirror
    dates = []
    for path in (mirror / "prices").glob("*.csv"):
        with path.open() as fh:
            column = [r["date"] for r in csv.DictReader(fh)]
        dates += [column[0], column[-1]]
    first, last = min(dates), max(dates)  # 1927-12-30 (^GSPC) .. 2026-08-21
    early = call(app, "GET", "/api/prices/^RUT", params={"end": "1900-01-02"})
    assert early.status_code == 422
    assert early.json() == {"status": 422, "error": "out_of_range", "details": [],
                            "message": f"end=1900-01-02 is outside the data, which runs "
                                       f"{first}..{last}"}
    # TooMuchWorkError: 413 by its class, with its own message
    big = call(app, "POST", "/api/check", json={"text": "x" * 100_001})
    assert big.status_code == 413
    assert big.json()["error"] == "too_large"
    assert big.json()["message"].startswith("the text is 100,001 characters; the limit is "
                                            "100,000 characters.")
    assert call(app, "GET", "/api/nowhere").json()["error"] == "not_found"
    html = call(app, "GET", "/nowhere")
    assert html.status_code == 404
    assert html.headers["content-type"].startswith("text/html")
