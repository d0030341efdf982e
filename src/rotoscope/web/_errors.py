"""Errors as responses: JSON under ``/api``, a readable page elsewhere.

A library error's status is chosen by its class in :data:`STATUSES`, the one
table of the app's error statuses; the most specific class listed wins.
"""

from __future__ import annotations

import logging
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from rotoscope.exceptions import (
    DateOutOfRangeError,
    InputTextError,
    NotFoundError,
    QueryError,
    ReportAuditError,
    RotoscopeError,
    TooMuchWorkError,
    UnknownSymbolError,
)
from rotoscope.web._schemas import ErrorBody

__all__ = ["STATUSES", "error_json", "install_handlers", "page", "responses", "status_of"]

log = logging.getLogger("rotoscope.web")

#: Each library error class with its HTTP status and the ``error`` code of the body.
STATUSES: dict[type[RotoscopeError], tuple[int, str]] = {
    UnknownSymbolError: (404, "not_found"),
    NotFoundError: (404, "not_found"),
    DateOutOfRangeError: (422, "out_of_range"),
    TooMuchWorkError: (413, "too_large"),
    InputTextError: (422, "invalid_request"),
    QueryError: (422, "invalid_request"),
    ReportAuditError: (500, "internal"),
}

_WORDS = {404: "Unknown symbol, fact or route", 413: "Text or body over the limit",
          422: "Invalid or out-of-range parameter", 500: "Internal error"}


def status_of(exc: RotoscopeError) -> tuple[int, str]:
    """Return the status and error code of a library error: its nearest class in the table.

    Examples
    --------
    >>> status_of(TooMuchWorkError("the text is 200,001 characters", "200,000 characters"))
    (413, 'too_large')
    >>> status_of(RotoscopeError("anything else"))
    (500, 'internal')
    """
    for cls in type(exc).__mro__:
        if cls in STATUSES:
            return STATUSES[cls]
    return 500, "internal"


def error_json(status: int, code: str, message: str,
               details: list[str] | None = None) -> JSONResponse:
    """Return the JSON error body (:class:`~rotoscope.web._schemas.ErrorBody`)."""
    body = ErrorBody(status=status, error=code, message=message, details=details or [])
    return JSONResponse(body.model_dump(), status_code=status)


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """Return the OpenAPI declaration of a route's error statuses."""
    return {c: {"model": ErrorBody, "description": _WORDS[c]} for c in codes}


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render one of the app's page templates with the store's dates and version."""
    service = request.app.state.service
    env: jinja2.Environment = request.app.state.env
    html = env.get_template(name).render(
        first=service.first, last=service.last, version=service.version,
        fresh=service.freshness, **context)
    return HTMLResponse(html, status_code=status)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _failure(request: Request, status: int, code: str, message: str,
             details: list[str] | None = None) -> Response:
    if _wants_json(request):
        return error_json(status, code, message, details)
    return page(request, "error.html.j2", status=status, status_code=status, message=message,
                details=details or [], active="", session=None)


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    details = []
    for e in exc.errors():
        where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "request"
        details.append(f"{where}: {e.get('msg', 'invalid')}")
    return _failure(request, 422, "invalid_request", "the request is not valid", details)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400:  # a body FastAPI cannot parse (not UTF-8 JSON)
        return _failure(request, 422, "invalid_request", "the request body is not valid "
                        "JSON in UTF-8", [str(exc.detail)])
    codes = {404: "not_found", 405: "method_not_allowed"}
    message = {404: f"nothing at {request.url.path}",
               405: f"{request.method} is not allowed on {request.url.path}"}
    response = _failure(request, exc.status_code, codes.get(exc.status_code, "http_error"),
                        message.get(exc.status_code, str(exc.detail)))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _library_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RotoscopeError)
    status, code = status_of(exc)
    if isinstance(exc, ReportAuditError):
        log.error("note failed its audit: %s", exc)
        return _failure(request, status, code, "the note for this date failed its "
                        "self-audit, so it is not published", exc.failures[:20])
    if status == 500:
        log.exception("library error")
    return _failure(request, status, code, str(exc))


async def _crash(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s", request.url.path)
    return _failure(request, 500, "internal", "internal error; the server log has the details")


def install_handlers(app: FastAPI) -> None:
    """Answer request, HTTP, library and unexpected errors as JSON or pages."""
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RotoscopeError, _library_error)
    app.add_exception_handler(Exception, _crash)
