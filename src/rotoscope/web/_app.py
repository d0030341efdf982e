"""The FastAPI application: JSON API, pages, and the safety around them.

Read-only: the store is opened read-only and no route writes anything. Every
parameter is validated by its declared type; no SQL is built from a request
(symbols are looked up among the stored ones and passed as bound parameters).
Errors come back as :class:`~rotoscope.web._schemas.ErrorBody` JSON under
``/api`` and as a readable page elsewhere, with their status chosen by the
exception's class; every response, an unexpected failure's included, carries
the security headers. HEAD is answered wherever GET is.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio
import jinja2
from fastapi import Body, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from rotoscope.analytics.engine import FactSet
from rotoscope.ask import MAX_QUESTION_CHARS, Answer
from rotoscope.exceptions import (
    DateOutOfRangeError,
    InputTextError,
    NotFoundError,
    QueryError,
    ReportAuditError,
    RotoscopeError,
    StoreError,
    TooMuchWorkError,
    UnknownSymbolError,
)
from rotoscope.facts import Fact
from rotoscope.freshness import freshness
from rotoscope.prose import long_date
from rotoscope.report import PALETTE, render_html, render_json, render_markdown
from rotoscope.store import PRICE_FIELDS, CoverageRow
from rotoscope.typing import PriceField
from rotoscope.web._schemas import (
    MAX_CHECK_CHARS,
    AskRequest,
    CheckRequest,
    CheckResponse,
    Dashboard,
    ErrorBody,
    FactsResponse,
    GapOut,
    Health,
    IsoDate,
    NoteJson,
    Prices,
    SeriesList,
)
from rotoscope.web._service import Service
from rotoscope.web._spec import FACT_ID_PATTERN, dated_openapi

__all__ = ["MAX_BODY_BYTES", "create_app"]

log = logging.getLogger("rotoscope.web")

#: Request bodies longer than this are refused with 413 before they are parsed.
MAX_BODY_BYTES = 1_000_000
#: Longest free-text query parameter (kind, subject).
MAX_PARAM_CHARS = 200

AsOf = Annotated[IsoDate | None, Query(
    description="Session date (YYYY-MM-DD); a non-session date means the last session "
    "before it; default: the last date in the store.")]


def _err(status: int, code: str, message: str, details: list[str] | None = None) -> JSONResponse:
    body = ErrorBody(status=status, error=code, message=message, details=details or [])
    return JSONResponse(body.model_dump(), status_code=status)


def _responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    words = {404: "Unknown symbol, fact or route", 413: "Text or body over the limit",
             422: "Invalid or out-of-range parameter", 500: "Internal error"}
    return {c: {"model": ErrorBody, "description": words[c]} for c in codes}


class _Limits:
    """Pure ASGI middleware: body-size limit, security headers, HEAD, the store's freshness.

    Every response gets the security headers, an unexpected failure's too (it
    becomes a JSON 500 here, inside the headers). HEAD is served as GET without
    the body. Before a request, a rebuilt store file is noticed and reopened.
    """

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
        (b"content-security-policy",
         b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
         b"img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
         b"frame-ancestors 'none'"),
    )

    def __init__(self, app: ASGIApp, limit: int, service: Service | None = None) -> None:
        self.app = app
        self.limit = limit
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        started = False

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        if self.service is not None and self.service.stale():
            await anyio.to_thread.run_sync(self.service.refresh)
        try:
            await self._limited(scope, receive, send_with_headers)
        except Exception:
            log.exception("unhandled error on %s", scope.get("path"))
            if started:
                raise
            response = _err(500, "internal", "internal error; the server log has the details")
            await response(scope, receive, send_with_headers)

    async def _limited(self, scope: Scope, receive: Receive,
                       send_with_headers: Callable[[MutableMapping[str, Any]], Awaitable[None]]
                       ) -> None:
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            try:
                too_long = int(declared) > self.limit
            except ValueError:
                too_long = False
            if too_long:
                await self._too_large(scope, receive, send_with_headers)
                return
            await self.app(scope, receive, send_with_headers)
            return
        # no declared length (chunked): read the body here, up to the limit
        chunks: list[bytes] = []
        size = 0
        more = scope["method"] in ("POST", "PUT", "PATCH")
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._too_large(scope, receive, send_with_headers)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> MutableMapping[str, Any]:
            nonlocal sent
            if not sent and scope["method"] in ("POST", "PUT", "PATCH"):
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_headers)

    async def _too_large(self, scope: Scope, receive: Receive,
                         send: Callable[[MutableMapping[str, Any]], Awaitable[None]]) -> None:
        response = _err(413, "too_large", f"the request body is over {self.limit:,} bytes")
        await response(scope, receive, send)


def _env() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(
        lambda name: resources.files("rotoscope.web").joinpath("templates", name)
        .read_text("utf-8"))
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.globals.update(palette=PALETTE, long_date=long_date)
    return env


def _plotly_js() -> Path:
    """Return the plotly.js bundle vendored in ``web/static/vendor`` (licence beside it)."""
    path = Path(str(resources.files("rotoscope.web").joinpath("static", "vendor",
                                                               "plotly.min.js")))
    if not path.is_file():
        raise StoreError(f"plotly.js is missing from the installed package ({path}); "
                         "reinstall rotoscope")
    return path


def create_app(service: Service) -> FastAPI:
    """Return the application serving ``service`` (see ``docs/serve.md``)."""
    app = FastAPI(
        title="rotoscope",
        version=service.version,
        summary="Verifiable market-rotation analysis: facts, notes and claim checks.",
        description="Every number is a computed fact with its inputs (series, field, dates), "
        "method and source. Read-only: no endpoint writes the store.",
        docs_url=None, redoc_url=None,  # the stock pages load scripts from a CDN
    )
    env = _env()
    plotly_js = _plotly_js()
    static = Path(str(resources.files("rotoscope.web").joinpath("static")))
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.state.service = service
    dated_openapi(app, service)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(_Limits, limit=MAX_BODY_BYTES, service=service)

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(
            first=service.first, last=service.last, version=service.version, **context)
        return HTMLResponse(html, status_code=status)

    # ------------------------------------------------------------ errors
    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    def failure(request: Request, status: int, code: str, message: str,
                details: list[str] | None = None) -> Response:
        if wants_json(request):
            return _err(status, code, message, details)
        return page("error.html.j2", status=status, status_code=status, message=message,
                    details=details or [], active="", session=None)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "request"
            details.append(f"{where}: {e.get('msg', 'invalid')}")
        return failure(request, 422, "invalid_request", "the request is not valid", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 400:  # a body FastAPI cannot parse (not UTF-8 JSON)
            return failure(request, 422, "invalid_request", "the request body is not valid "
                           "JSON in UTF-8", [str(exc.detail)])
        codes = {404: "not_found", 405: "method_not_allowed"}
        message = {404: f"nothing at {request.url.path}",
                   405: f"{request.method} is not allowed on {request.url.path}"}
        response = failure(request, exc.status_code, codes.get(exc.status_code, "http_error"),
                           message.get(exc.status_code, str(exc.detail)))
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RotoscopeError)
    async def library_error(request: Request, exc: RotoscopeError) -> Response:
        if isinstance(exc, UnknownSymbolError | NotFoundError):
            return failure(request, 404, "not_found", str(exc))
        if isinstance(exc, DateOutOfRangeError):
            return failure(request, 422, "out_of_range", str(exc))
        if isinstance(exc, TooMuchWorkError):
            return failure(request, 413, "too_large", str(exc))
        if isinstance(exc, InputTextError | QueryError):
            return failure(request, 422, "invalid_request", str(exc))
        if isinstance(exc, ReportAuditError):
            log.error("note failed its audit: %s", exc)
            return failure(request, 500, "internal", "the note for this date failed its "
                           "self-audit, so it is not published", exc.failures[:20])
        log.exception("library error")
        return failure(request, 500, "internal", str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return failure(request, 500, "internal", "internal error; the server log has the "
                       "details")

    # ------------------------------------------------------------ API
    @app.get("/api/health", response_model=Health, tags=["meta"])
    def health() -> Health:
        """Return the server's status, the store's date range and how old its data is."""
        age = freshness(service.last)
        return Health(status="ok", version=service.version, first_date=service.first,
                      last_date=service.last, sessions=len(service.sessions),
                      series=len(service.coverage), store_fingerprint=service.fingerprint,
                      age_days=age.age_days, sessions_missing=age.sessions_missing,
                      stale=age.stale)

    @app.get("/api/series", response_model=SeriesList, tags=["data"])
    def series() -> SeriesList:
        """List every series of the store with its coverage (first and last date, fields)."""
        return SeriesList(count=len(service.coverage), series=service.coverage)

    @app.get("/api/series/{symbol}", response_model=CoverageRow, tags=["data"],
             responses=_responses(404, 422))
    def one_series(symbol: Annotated[str, PathParam(max_length=MAX_PARAM_CHARS)]
                   ) -> CoverageRow:
        """Return one series' coverage; the symbol is case-insensitive (``^rut``)."""
        wanted = symbol.upper()
        for r in service.coverage:
            if r.symbol.upper() == wanted:
                return r
        raise UnknownSymbolError(symbol)

    @app.get("/api/prices/{symbol}", response_model=Prices, tags=["data"],
             responses=_responses(404, 422))
    def prices(
        symbol: Annotated[str, PathParam(max_length=MAX_PARAM_CHARS,
                                         description="Series symbol, e.g. ^GSPC or SPY")],
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

    def cached_json(request: Request, key: str, day: dt.date,
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

    @app.get("/api/facts", response_model=FactsResponse, tags=["facts"],
             responses=_responses(404, 422))
    def facts(
        request: Request,
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
            return cached_json(request, f"facts {sess.requested}", sess.day, lambda: _facts_json(
                sess.requested, fs.as_of, list(fs), fs))
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

    @app.get("/api/facts/{fact_id:path}", response_model=Fact, tags=["facts"],
             responses=_responses(404, 422))
    def fact(fact_id: Annotated[str, PathParam(max_length=400, pattern=FACT_ID_PATTERN,
                                               description=(
            "A fact id, e.g. return.^RUT.total_return.ytd@2026-02-09; the date after "
            "'@' is the session it is computed for"))]) -> Fact:
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

    @app.get("/api/note", tags=["note"], response_class=Response, responses={
        200: {"description": "The note, in the format asked for", "content": {
            "application/json": {"schema": NoteJson.model_json_schema()},
            "text/markdown": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}}}},
        **_responses(422, 500)})
    def note(as_of: AsOf = None,
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

    @app.post("/api/check", response_model=CheckResponse, tags=["check"],
              responses=_responses(413, 422))
    def check(request: Annotated[CheckRequest, Body()]) -> dict[str, Any]:
        """Check every numeric market claim in a text of at most 100,000 characters."""
        if len(request.text) > MAX_CHECK_CHARS:
            raise TooMuchWorkError(f"the text is {len(request.text):,} characters",
                                   f"{MAX_CHECK_CHARS:,} characters")
        if not request.text.strip():
            raise InputTextError("the text is empty: there is nothing to check")
        if request.as_of is not None:
            service.session(request.as_of)  # a clear 422 for a date outside the data
        return service.check(request.text, request.as_of).to_dict()

    @app.post("/api/ask", response_model=Answer, tags=["ask"], responses=_responses(413, 422))
    def ask(request: Annotated[AskRequest, Body()]) -> Answer:
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

    @app.get("/api/dashboard", response_model=Dashboard, tags=["dashboard"],
             responses=_responses(422))
    def dashboard(request: Request, as_of: AsOf = None) -> Response:
        """Return the headline table, sector heat map and chart series of a session."""
        sess = service.session(as_of)
        requested = sess.requested.isoformat() if sess.requested else None
        return cached_json(request, f"dashboard {requested}", sess.day, lambda: json.dumps(
            {**service.dashboard(sess.day), "requested": requested}).encode())

    # ------------------------------------------------------------ pages
    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly() -> FileResponse:
        return FileResponse(plotly_js, media_type="text/javascript",
                            headers={"cache-control": "public, max-age=86400"})

    @app.get("/", include_in_schema=False)
    def dashboard_page(as_of: AsOf = None) -> HTMLResponse:
        sess = service.session(as_of)
        data = service.dashboard(sess.day)
        payload = json.dumps({k: data[k] for k in ("as_of", "heatmap", "charts")})
        # inside <script type="application/json">: no "<" may end the element early
        safe = Markup(payload.replace("<", "\\u003c").replace(">", "\\u003e")
                      .replace("&", "\\u0026"))
        return page("dashboard.html.j2", active="dashboard", session=sess, data=data,
                    data_json=safe, complete_through=service.complete_through)

    @app.get("/note", include_in_schema=False)
    def note_page(as_of: AsOf = None) -> HTMLResponse:
        sess = service.session(as_of)
        banner = Markup(env.get_template("banner.html.j2").render(
            active="note", session=sess, first=service.first, last=service.last,
            version=service.version))
        # the bar depends on the date asked for (it says when that was not a session)
        return HTMLResponse(service.note_text(
            sess.day, f"html-app {sess.requested}", lambda n: render_html(n, banner=banner)))

    @app.get("/check", include_in_schema=False)
    def check_page(as_of: AsOf = None) -> HTMLResponse:
        sess = service.session(as_of) if as_of else None
        return page("check.html.j2", active="check", session=sess,
                    max_chars=MAX_CHECK_CHARS)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return FileResponse(static / "favicon.svg", media_type="image/svg+xml")

    return app


def _facts_json(requested: dt.date | None, as_of: dt.date, facts: list[Fact],
                fs: FactSet) -> bytes:
    body = FactsResponse(as_of=as_of, requested=requested, count=len(facts), facts=facts,
                         gaps=[GapOut(what=g.what, reason=g.reason) for g in fs.gaps])
    return body.model_dump_json().encode()

