"""The JSON API under ``/api``: health, series, prices, facts, note, check, ask, dashboard.

Every parameter is validated by its declared type; no SQL is built from a
request (symbols are looked up among the stored ones and passed as bound
parameters). Errors are raised as library exceptions and answered by
:mod:`rotoscope.web._errors`.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

from rotoscope.analytics.engine import FactSet
from rotoscope.ask import MAX_QUESTION_CHARS, Answer
from rotoscope.exceptions import (
    InputTextError,
    NotFoundError,
    QueryError,
    TooMuchWorkError,
    UnknownSymbolError,
)
from rotoscope.facts import Fact
from rotoscope.freshness import freshness
from rotoscope.report import render_html, render_json, render_markdown
from rotoscope.store import PRICE_FIELDS, CoverageRow
from rotoscope.typing import PriceField
from rotoscope.web._errors import responses
from rotoscope.web._schemas import (
    MAX_CHECK_CHARS,
    AskRequest,
    CheckRequest,
    CheckResponse,
    Dashboard,
    FactsResponse,
    GapOut,
    Health,
    IsoDate,
    NoteJson,
    Prices,
    SeriesList,
)
from rotoscope.web._service import Service
from rotoscope.web._spec import FACT_ID_PATTERN

__all__ = ["MAX_PARAM_CHARS", "AsOf", "ServiceDep", "router", "service_of"]

#: Longest free-text query parameter (kind, subject).
MAX_PARAM_CHARS = 200

AsOf = Annotated[IsoDate | None, Query(
    description="Session date (YYYY-MM-DD); a non-session date means the last session "
    "before it; default: the last date in the store.")]


def service_of(request: Request) -> Service:
    """Return the service the app serves (a route's dependency)."""
    service: Service = request.app.state.service
    return service


ServiceDep = Annotated[Service, Depends(service_of)]

router = APIRouter(prefix="/api")


@router.get("/health", response_model=Health, tags=["meta"])
def health(service: ServiceDep) -> Health:
    """Return the server's status, the store's date range and how old its data is."""
    age = freshness(service.last)
    return Health(status="ok", version=service.version, first_date=service.first,
                  last_date=service.last, sessions=len(service.sessions),
                  series=len(service.coverage), store_fingerprint=service.fingerprint,
                  age_days=age.age_days, sessions_missing=age.sessions_missing,
                  stale=age.stale)


@router.get("/series", response_model=SeriesList, tags=["data"])
def series(service: ServiceDep) -> SeriesList:
    """List every series of the store with its coverage (first and last date, fields)."""
    return SeriesList(count=len(service.coverage), series=service.coverage)


@router.get("/series/{symbol}", response_model=CoverageRow, tags=["data"],
            responses=responses(404, 422))
def one_series(symbol: Annotated[str, PathParam(max_length=MAX_PARAM_CHARS)],
               service: ServiceDep) -> CoverageRow:
    """Return one series' coverage; the symbol is case-insensitive (``^rut``)."""
    wanted = symbol.upper()
    for r in service.coverage:
        if r.symbol.upper() == wanted:
            return r
    raise UnknownSymbolError(symbol)


@router.get("/prices/{symbol}", response_model=Prices, tags=["data"],
            responses=responses(404, 422))
def prices(
    symbol: Annotated[str, PathParam(max_length=MAX_PARAM_CHARS,
                                     description="Series symbol, e.g. ^GSPC or SPY")],
    service: ServiceDep,
    start: Annotated[IsoDate | None, Query(description="First date (default: a year "
                                           "before end)")] = None,
    end: Annotated[IsoDate | None, Query(description="Last date (default: the last "
                                         "in the store)")] = None,
    fields: Annotated[list[PriceField] | None, Query(
        description="Fields to return (default: all); 'close' is the raw close, "
        "'adj_close' the dividend-adjusted one")] = None,
) -> Prices:
    """Return daily prices of a series over a date range of at most about 20 years."""
    chosen = tuple(dict.fromkeys(fields)) if fields else PRICE_FIELDS
    stored, frame, first, last = service.prices(symbol, start, end, chosen)
    cols = [c for c in frame.columns if c != "date"]
    meta = service.rs.universe.meta(stored)
    cov = next((r for r in service.coverage if r.symbol == stored), None)
    return Prices(
        symbol=stored, name=meta.name if meta else (cov.name if cov else stored),
        start=first, end=last, fields=cols, dates=frame["date"].to_list(),
        values={c: [None if v is None else float(v) for v in frame[c].to_list()]
                for c in cols},
        source=cov.file if cov else "")


def cached_json(service: Service, request: Request, key: str, day: dt.date,
                make: Callable[[], bytes]) -> Response:
    """Return a cached JSON body, compressed once when the client accepts gzip."""
    headers = {"vary": "accept-encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        packed = service.cached_bytes(key + " gzip", day, lambda: gzip.compress(
            service.cached_bytes(key, day, make), compresslevel=6))
        return Response(packed, media_type="application/json",
                        headers={**headers, "content-encoding": "gzip"})
    return Response(service.cached_bytes(key, day, make), media_type="application/json",
                    headers=headers)


@router.get("/facts", response_model=FactsResponse, tags=["facts"],
            responses=responses(404, 422))
def facts(
    request: Request,
    service: ServiceDep,
    as_of: AsOf = None,
    kind: Annotated[str | None, Query(max_length=MAX_PARAM_CHARS, description=(
        "Only facts of this kind or its sub-kinds, e.g. 'streak', 'return', "
        "'sector.leader'"))] = None,
    subject: Annotated[str | None, Query(max_length=MAX_PARAM_CHARS, description=(
        "Only facts about this series or subject, e.g. ^RUT or size"))] = None,
) -> Response:
    """Return every fact of a session (with filters), and what could not be computed."""
    sess = service.session(as_of)
    fs = service.facts(sess.day)
    if kind is None and subject is None:
        return cached_json(service, request, f"facts {sess.requested}", sess.day,
                           lambda: _facts_json(sess.requested, fs.as_of, list(fs), fs))
    if subject is not None:
        subject = _subject(fs, subject)
    selected = fs.select(kind, subject)
    return Response(_facts_json(sess.requested, fs.as_of, selected, fs),
                    media_type="application/json")


def _subject(fs: FactSet, subject: str) -> str:
    subjects: set[str] = {s for f in fs for s in f.subjects}
    if subject in subjects:
        return subject
    folded = {s.upper(): s for s in subjects}
    if subject.upper() in folded:
        return folded[subject.upper()]
    raise UnknownSymbolError(subject)


@router.get("/facts/{fact_id:path}", response_model=Fact, tags=["facts"],
            responses=responses(404, 422))
def fact(fact_id: Annotated[str, PathParam(max_length=400, pattern=FACT_ID_PATTERN,
                                           description=(
        "A fact id, e.g. return.^RUT.total_return.ytd@2026-02-09; the date after "
        "'@' is the session it is computed for"))], service: ServiceDep) -> Fact:
    """Return one fact by its id (its date is in the id)."""
    _, at, when = fact_id.rpartition("@")
    try:
        day = dt.date.fromisoformat(when) if at else None
    except ValueError:
        day = None
    if day is None:
        raise QueryError(f"'{fact_id}' is not a fact id: it must end in @YYYY-MM-DD")
    sess = service.session(day)
    found = service.facts(sess.day).get(fact_id)
    if found is None:
        raise NotFoundError(f"no fact '{fact_id}' on {sess.day}")
    return found


@router.get("/note", tags=["note"], response_class=Response, responses={
    200: {"description": "The note, in the format asked for", "content": {
        "application/json": {"schema": NoteJson.model_json_schema()},
        "text/markdown": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}}}},
    **responses(422, 500)})
def note(service: ServiceDep, as_of: AsOf = None,
         format: Annotated[Literal["json", "md", "html"], Query(
             description="json (sections and every fact), md (footnoted) or html "
             "(self-contained)")] = "json") -> Response:
    """Return the audited research note of a session."""
    sess = service.session(as_of)
    if format == "md":
        return Response(service.note_text(sess.day, "md", render_markdown),
                        media_type="text/markdown; charset=utf-8")
    if format == "html":
        return HTMLResponse(service.note_text(sess.day, "html", render_html))
    return Response(service.note_text(sess.day, "json", render_json),
                    media_type="application/json")


@router.post("/check", response_model=CheckResponse, tags=["check"],
             responses=responses(413, 422))
def check(request: Annotated[CheckRequest, Body()], service: ServiceDep) -> dict[str, Any]:
    """Check every numeric market claim in a text of at most 100,000 characters."""
    if len(request.text) > MAX_CHECK_CHARS:
        raise TooMuchWorkError(f"the text is {len(request.text):,} characters",
                               f"{MAX_CHECK_CHARS:,} characters")
    if not request.text.strip():
        raise InputTextError("the text is empty: there is nothing to check")
    if request.as_of is not None:
        service.session(request.as_of)  # a clear 422 for a date outside the data
    return service.check(request.text, request.as_of).to_dict()


@router.post("/ask", response_model=Answer, tags=["ask"], responses=responses(413, 422))
def ask(request: Annotated[AskRequest, Body()], service: ServiceDep) -> Answer:
    """Answer a question about the data in cited sentences, or decline it with the reason.

    The same document as ``rotoscope ask --json``. A question the data cannot
    answer (valuations, flows, forecasts, news, series outside the store) is
    a 200 with ``answerable: false``.
    """
    if not request.question.strip():
        raise InputTextError("the question is empty")
    if len(request.question) > MAX_QUESTION_CHARS:
        raise TooMuchWorkError(f"the question has {len(request.question):,} characters",
                               f"{MAX_QUESTION_CHARS:,} characters")
    if request.as_of is not None:
        service.session(request.as_of)  # a clear 422 for a date outside the data
    return service.ask(request.question, request.as_of)


@router.get("/dashboard", response_model=Dashboard, tags=["dashboard"],
            responses=responses(422))
def dashboard(request: Request, service: ServiceDep, as_of: AsOf = None) -> Response:
    """Return the headline table, sector heat map and chart series of a session."""
    sess = service.session(as_of)
    requested = sess.requested.isoformat() if sess.requested else None
    return cached_json(service, request, f"dashboard {requested}", sess.day, lambda: json.dumps(
        {**service.dashboard(sess.day), "requested": requested}).encode())


def _facts_json(requested: dt.date | None, as_of: dt.date, facts: list[Fact],
                fs: FactSet) -> bytes:
    body = FactsResponse(as_of=as_of, requested=requested, count=len(facts), facts=facts,
                         gaps=[GapOut(what=g.what, reason=g.reason) for g in fs.gaps])
    return body.model_dump_json().encode()
