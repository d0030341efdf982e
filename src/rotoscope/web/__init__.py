"""The web app: a JSON API and pages (dashboard, note, checker) over the library.

``rotoscope serve`` runs :func:`serve`; tests and embedders call :func:`create_app`
with a :class:`Service` over an open store.
"""

from __future__ import annotations

from pathlib import Path

from rotoscope.universe import Universe
from rotoscope.web._app import MAX_BODY_BYTES, create_app
from rotoscope.web._schemas import MAX_CHECK_CHARS
from rotoscope.web._service import MAX_PRICE_DAYS, Service

__all__ = ["MAX_BODY_BYTES", "MAX_CHECK_CHARS", "MAX_PRICE_DAYS", "Service", "create_app",
           "serve"]


def serve(host: str = "127.0.0.1", port: int = 8000, *, store: str | Path | None = None,
          universe: Universe | str | Path | None = None, log_level: str = "info",
          access_log: bool = True) -> None:
    """Open the store read-only and serve the app with uvicorn until interrupted."""
    import uvicorn

    from rotoscope._api import open_store

    service = Service(open_store(store, universe))
    try:
        uvicorn.run(create_app(service), host=host, port=port, log_level=log_level,
                    access_log=access_log, server_header=False)
    finally:
        service.close()

