"""Shared fixtures: the real data mirror, a store built from it, and small mirrors."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import settings

import rotoscope
from rotoscope import init_store

# No wall-clock limits in tests: hypothesis' per-example deadline is off.
settings.register_profile("rotoscope", deadline=None)
settings.load_profile("rotoscope")

ROOT = Path(__file__).resolve().parents[1]
MIRROR = Path(os.environ.get("ROTOSCOPE_DATA_DIR", ROOT.parent / "shared" / "data")).resolve()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not MIRROR.is_dir():
        raise pytest.UsageError(
            f"the data mirror {MIRROR} is missing: put ../shared beside the checkout "
            "or set ROTOSCOPE_DATA_DIR"
        )


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The real data mirror (read-only)."""
    return MIRROR


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once per session from the whole mirror."""
    home = tmp_path_factory.mktemp("home")
    result = init_store(MIRROR, store=home / "rotoscope.duckdb")
    assert result.changed
    return result.path


@pytest.fixture(scope="session")
def audited_note(store_path: Path) -> Callable[[str], rotoscope.Note]:
    """The note for a date, written and audited once per session whichever test asks."""
    rs = rotoscope.open(store_path)
    cache: dict[str, rotoscope.Note] = {}

    def note(day: str) -> rotoscope.Note:
        if day not in cache:
            written, audit = rs.report(day)
            assert audit.ok, (day, audit.failures)
            cache[day] = written
        return cache[day]

    return note


@pytest.fixture
def small_mirror(tmp_path: Path) -> Path:
    """A copy of a few real mirror files, for tests that damage or extend them."""
    root = tmp_path / "mirror"
    (root / "prices").mkdir(parents=True)
    (root / "macro").mkdir()
    (root / "french").mkdir()
    (root / "breadth").mkdir()
    for name in ("_RUT.csv", "SPY.csv", "IWD.csv"):
        shutil.copy(MIRROR / "prices" / name, root / "prices" / name)
    lines = (MIRROR / "macro" / "fred_daily.csv").read_text().splitlines()
    (root / "macro" / "fred_daily.csv").write_text("\n".join(lines[:1] + lines[-400:]) + "\n")
    shutil.copy(
        MIRROR / "french" / "F-F_Research_Data_Factors_daily.csv.gz",
        root / "french" / "F-F_Research_Data_Factors_daily.csv.gz",
    )
    shutil.copy(
        MIRROR / "breadth" / "sp500_components_heliar-k.csv",
        root / "breadth" / "sp500_components_heliar-k.csv",
    )
    return root


@contextlib.contextmanager
def _provider_server(answer: Callable[[httpx.Request], httpx.Response]) -> Iterator[str]:
    """Serve ``answer`` over real HTTP on a local port, as ``ROTOSCOPE_PROVIDER_URL`` expects.

    A request for ``URL/HOST/PATH`` reaches ``answer`` as ``https://HOST/PATH``; yields
    the server's URL.
    """
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            host, _, rest = self.path.lstrip("/").partition("/")
            response = answer(httpx.Request("GET", f"https://{host}/{rest}"))
            body = response.read()
            self.send_response(response.status_code)
            for key, value in response.headers.items():
                if key.lower() not in ("content-length", "transfer-encoding"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def provider_server() -> Callable[[Callable[[httpx.Request], httpx.Response]],
                                  contextlib.AbstractContextManager[str]]:
    """A local HTTP server standing in for the providers (see ``_provider_server``)."""
    return _provider_server
