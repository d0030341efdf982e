"""One request to the web app in process, through httpx's ASGI transport (the web tests)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

BASE_URL = "http://rotoscope"


def call(app: Any, method: str, url: str, **kwargs: Any) -> httpx.Response:
    """Send one request to ``app`` and return its response."""
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as c:
            return await c.request(method, url, **kwargs)
    return asyncio.run(go())
