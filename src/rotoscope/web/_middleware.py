"""The app's outer layer: body-size limit, security headers, HEAD, a rebuilt store noticed."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

from rotoscope.web._errors import error_json
from rotoscope.web._service import Service

__all__ = ["Limits"]

log = logging.getLogger("rotoscope.web")


class Limits:
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
            response = error_json(500, "internal", "internal error; the server log has the details")
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
        response = error_json(413, "too_large", f"the request body is over {self.limit:,} bytes")
        await response(scope, receive, send)
