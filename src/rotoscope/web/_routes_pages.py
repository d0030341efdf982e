"""The pages: dashboard, note and checker, the vendored plotly.js and the icon.

Pages are Jinja templates of ``web/templates`` (see :func:`~rotoscope.web._errors.page`);
none is in the API spec.
"""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from markupsafe import Markup

from rotoscope.report import render_html
from rotoscope.web._errors import page
from rotoscope.web._routes_api import AsOf, ServiceDep
from rotoscope.web._schemas import MAX_CHECK_CHARS

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/vendor/plotly.min.js")
def plotly(request: Request) -> FileResponse:
    path: Path = request.app.state.plotly_js
    return FileResponse(path, media_type="text/javascript",
                        headers={"cache-control": "public, max-age=86400"})


@router.get("/")
def dashboard_page(request: Request, service: ServiceDep, as_of: AsOf = None) -> HTMLResponse:
    sess = service.session(as_of)
    data = service.dashboard(sess.day)
    payload = json.dumps({k: data[k] for k in ("as_of", "heatmap", "charts")})
    # inside <script type="application/json">: no "<" may end the element early
    safe = Markup(payload.replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("&", "\\u0026"))
    return page(request, "dashboard.html.j2", active="dashboard", session=sess, data=data,
                data_json=safe, complete_through=service.complete_through)


@router.get("/note")
def note_page(request: Request, service: ServiceDep, as_of: AsOf = None) -> HTMLResponse:
    sess = service.session(as_of)
    banner = Markup(request.app.state.env.get_template("banner.html.j2").render(
        active="note", session=sess, first=service.first, last=service.last,
        version=service.version, fresh=service.freshness))
    # the bar depends on the date asked for (it says when that was not a session)
    return HTMLResponse(service.note_text(
        sess.day, f"html-app {sess.requested}", lambda n: render_html(n, banner=banner)))


@router.get("/check")
def check_page(request: Request, service: ServiceDep, as_of: AsOf = None) -> HTMLResponse:
    sess = service.session(as_of) if as_of else None
    return page(request, "check.html.j2", active="check", session=sess,
                max_chars=MAX_CHECK_CHARS)


@router.get("/favicon.ico")
def favicon(request: Request) -> Response:
    static: Path = request.app.state.static
    return FileResponse(static / "favicon.svg", media_type="image/svg+xml")
