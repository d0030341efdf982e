"""The FastAPI application: the JSON API and the pages, and the safety around them.

Read-only: the store is opened read-only and no route writes anything. The
routes live in two routers (:mod:`~rotoscope.web._routes_api` under ``/api``,
:mod:`~rotoscope.web._routes_pages` for the pages); errors come back as
:class:`~rotoscope.web._schemas.ErrorBody` JSON under ``/api`` and as a readable
page elsewhere, with their status chosen by the exception's class in one table
(:data:`~rotoscope.web._errors.STATUSES`); every response, an unexpected
failure's included, carries the security headers (:mod:`~rotoscope.web._middleware`).
HEAD is answered wherever GET is.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import jinja2
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from rotoscope.exceptions import StoreError
from rotoscope.prose import long_date
from rotoscope.report import PALETTE
from rotoscope.web import _routes_api, _routes_pages
from rotoscope.web._errors import install_handlers
from rotoscope.web._middleware import Limits
from rotoscope.web._service import Service
from rotoscope.web._spec import dated_openapi

__all__ = ["MAX_BODY_BYTES", "create_app"]

#: Request bodies longer than this are refused with 413 before they are parsed.
MAX_BODY_BYTES = 1_000_000


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("rotoscope.web", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
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
    static = Path(str(resources.files("rotoscope.web").joinpath("static")))
    app.state.service = service
    app.state.env = _env()
    app.state.plotly_js = _plotly_js()
    app.state.static = static
    app.mount("/static", StaticFiles(directory=static), name="static")
    dated_openapi(app, service)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(Limits, limit=MAX_BODY_BYTES, service=service)
    install_handlers(app)
    app.include_router(_routes_api.router)
    app.include_router(_routes_pages.router)
    return app
