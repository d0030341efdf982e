"""Every provider passes one contract, on recorded payloads, with no network.

Payloads under ``tests/payloads/`` are in each source's real format; their values
are copied from the data mirror (SPY 2026-02-04..10 from prices/SPY.csv, DGS10
from macro/fred_daily.csv, French factors from the 202604 library file).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import httpx
import pytest

import rotoscope
from rotoscope.exceptions import (
    ConfigError,
    EmptyResponseError,
    ProviderNetworkError,
    RateLimitError,
)
from rotoscope.providers import (
    FredProvider,
    FrenchProvider,
    Provider,
    StooqProvider,
    YahooProvider,
    fetch_to_mirror,
    get_provider,
)

PAYLOADS = Path(__file__).parent / "payloads"
Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture(autouse=True)
def _yfinance_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    import yfinance

    yfinance.set_tz_cache_location(str(tmp_path_factory.getbasetemp() / "yf-cache"))


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


class ProviderContract:
    """The tests every provider passes. Subclasses fill in the class attributes."""

    provider: ClassVar[type[Provider]]
    symbols: ClassVar[list[str]]
    missing_symbol: ClassVar[str]
    start: ClassVar[dt.date] = dt.date(2026, 2, 1)
    end: ClassVar[dt.date] = dt.date(2026, 2, 28)
    files: ClassVar[dict[str, tuple[int, str, str]]]  # rel -> (rows, first, last)

    def serve(self, request: httpx.Request) -> httpx.Response | None:
        """Answer a request from the recorded payloads, or None when there is none."""
        raise NotImplementedError

    def check_loaded(self, rs: rotoscope.Rotoscope) -> None:
        """Assert values of the loaded store against the recorded payload."""
        raise NotImplementedError

    # --------------------------------------------------------------- plumbing
    def handler(self, fail: set[str] | None = None) -> Handler:
        def handle(request: httpx.Request) -> httpx.Response:
            if fail and any(f in str(request.url) for f in fail):
                return httpx.Response(404, text="Not Found")
            if "fc.yahoo.com" in request.url.host:
                return httpx.Response(
                    200, headers={"set-cookie": "A3=d=test; Max-Age=31557600; Path=/"})
            if "getcrumb" in request.url.path:
                return httpx.Response(200, text="testcrumb")
            answer = self.serve(request)
            return answer if answer is not None else httpx.Response(404, text="Not Found")

        return handle

    def make(self, handler: Handler, sleeps: list[float] | None = None) -> Provider:
        record = sleeps if sleeps is not None else []
        return self.provider(httpx.MockTransport(handler), retries=3, sleep=record.append)

    # ------------------------------------------------------------------ tests
    def test_registered_by_name_and_aliases(self) -> None:
        assert get_provider(self.provider.name) is self.provider
        for alias in self.provider.aliases:
            assert get_provider(alias.upper()) is self.provider

    def test_pipeline_writes_a_mirror_that_loads(self, tmp_path: Path) -> None:
        out = tmp_path / "mirror"
        written = fetch_to_mirror(
            self.make(self.handler()), self.symbols, self.start, self.end, out)
        assert sorted(p.relative_to(out).as_posix() for p in written) == sorted(self.files)
        manifest = json.loads((out / "provenance.json").read_text())
        for rel, (rows, first, last) in self.files.items():
            entry = manifest[rel]
            assert (entry["rows"], entry["first_date"], entry["last_date"]) == (rows, first, last)
            assert entry["provider"] == self.provider.name
            assert entry["source"]
            assert entry["url"]
            assert entry["fetched_at"]
        result = rotoscope.init_store(out, store=tmp_path / "s.duckdb")
        with rotoscope.open(result.path) as rs:
            self.check_loaded(rs)
            sources = {r["file"]: r["source"] for r in rs.store.provenance().iter_rows(named=True)}
        for rel in self.files:
            assert manifest[rel]["source"] in sources[rel]

    def test_network_failure_is_clear_and_writes_nothing(self, tmp_path: Path) -> None:
        def refuse(request: httpx.Request) -> httpx.Response:
            raise httpx.ConnectError("connection refused", request=request)

        out = tmp_path / "mirror"
        with pytest.raises(ProviderNetworkError, match=self.provider.name):
            fetch_to_mirror(self.make(refuse), self.symbols, self.start, self.end, out)
        assert not out.exists()

    def test_unknown_symbol_is_an_empty_answer(self, tmp_path: Path) -> None:
        with pytest.raises(EmptyResponseError, match=self.missing_symbol.split("_")[0]):
            fetch_to_mirror(
                self.make(self.handler()), [self.missing_symbol], self.start, self.end,
                tmp_path / "m")

    def test_empty_range_is_an_empty_answer(self, tmp_path: Path) -> None:
        args = (self.make(self.handler()), self.symbols, dt.date(1950, 1, 2),
                dt.date(1950, 1, 31), tmp_path / "m")
        if self.provider is FrenchProvider:
            # The library publishes whole histories: the range does not cut them.
            written = fetch_to_mirror(*args)
            manifest = json.loads((tmp_path / "m" / "provenance.json").read_text())
            assert [manifest[p.relative_to(tmp_path / "m").as_posix()]["rows"]
                    for p in written] == [v[0] for v in self.files.values()]
            return
        with pytest.raises(EmptyResponseError, match="no"):
            fetch_to_mirror(*args)

    def test_rate_limit_is_retried_then_reported(self, tmp_path: Path) -> None:
        def limited(request: httpx.Request) -> httpx.Response:
            return httpx.Response(429, headers={"Retry-After": "60"}, text="Too Many Requests")

        sleeps: list[float] = []
        with pytest.raises(RateLimitError, match="rate limit"):
            fetch_to_mirror(
                self.make(limited, sleeps), self.symbols, self.start, self.end, tmp_path / "m")
        assert len(sleeps) == 2  # three attempts, two waits

    def test_transient_server_error_is_retried(self, tmp_path: Path) -> None:
        # The source answers 503 until the client has backed off once, then recovers.
        good = self.handler()
        sleeps: list[float] = []

        def flaky(request: httpx.Request) -> httpx.Response:
            if "fc.yahoo.com" in request.url.host or "getcrumb" in request.url.path:
                return good(request)  # session set-up, not the data request
            if not sleeps:
                return httpx.Response(503, text="Service Unavailable")
            return good(request)

        written = fetch_to_mirror(
            self.make(flaky, sleeps), self.symbols, self.start, self.end, tmp_path / "m")
        assert sorted(p.relative_to(tmp_path / "m").as_posix() for p in written) == sorted(
            self.files)
        assert len(sleeps) == 1

    def test_partial_failure_writes_nothing(self, tmp_path: Path) -> None:
        out = tmp_path / "mirror"
        fetch_to_mirror(self.make(self.handler()), self.symbols, self.start, self.end, out)
        before = _snapshot(out)
        with pytest.raises(EmptyResponseError):
            fetch_to_mirror(
                self.make(self.handler()), [*self.symbols, self.missing_symbol],
                self.start, self.end, out)
        assert _snapshot(out) == before


class TestFred(ProviderContract):
    provider = FredProvider
    symbols: ClassVar[list[str]] = ["DGS10", "DFF"]
    missing_symbol = "NOSUCHSERIES"
    # DGS10: 6 observations in February (2026-02-16 is empty: Presidents' Day).
    # DFF: every calendar day 2026-02-06..10. Union of dates: 02-04..10 and 16, 17 = 9 rows.
    files: ClassVar[dict[str, tuple[int, str, str]]] = {
        "macro/fred_daily.csv": (9, "2026-02-04", "2026-02-17"),
    }

    def serve(self, request: httpx.Request) -> httpx.Response | None:
        series = request.url.params.get("id", "")
        path = PAYLOADS / "fred" / f"{series}.csv"
        if path.is_file():
            return httpx.Response(200, content=path.read_bytes())
        return httpx.Response(200, text="<!DOCTYPE html><html>Series not found</html>")

    def check_loaded(self, rs: rotoscope.Rotoscope) -> None:
        dgs10 = rs.prices("DGS10")
        assert dgs10["value"].to_list() == [4.29, 4.21, 4.22, 4.22, 4.16, 4.05]
        assert dt.date(2026, 2, 16) not in dgs10["date"].to_list()
        assert rs.prices("DFF")["value"].to_list() == [3.64] * 5


class TestStooq(ProviderContract):
    provider = StooqProvider
    symbols: ClassVar[list[str]] = ["SPY"]
    missing_symbol = "NOPE"
    files: ClassVar[dict[str, tuple[int, str, str]]] = {
        "prices/SPY.csv": (5, "2026-02-04", "2026-02-10"),
    }

    def serve(self, request: httpx.Request) -> httpx.Response | None:
        path = PAYLOADS / "stooq" / f"{request.url.params.get('s', '')}.csv"
        if path.is_file():
            return httpx.Response(200, content=path.read_bytes())
        return httpx.Response(200, text="No data")

    def check_loaded(self, rs: rotoscope.Rotoscope) -> None:
        row = rs.prices("SPY", "2026-02-09", "2026-02-09").row(0, named=True)
        assert (row["open"], row["close"], row["volume"]) == (689.42, 693.95, 73885200)
        # Stooq has no dividend-adjusted close: it stays missing, never copied from close.
        assert rs.prices("SPY")["adj_close"].null_count() == 5

    def test_daily_limit_page(self, tmp_path: Path) -> None:
        def limit(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, text="Exceeded the daily hits limit")

        with pytest.raises(RateLimitError, match="daily request limit"):
            fetch_to_mirror(self.make(limit), ["SPY"], self.start, self.end, tmp_path / "m")


class TestFrench(ProviderContract):
    provider = FrenchProvider
    symbols: ClassVar[list[str]] = ["F-F_Research_Data_Factors_daily"]
    missing_symbol = "No_Such_Dataset_daily"
    files: ClassVar[dict[str, tuple[int, str, str]]] = {
        "french/F-F_Research_Data_Factors_daily.csv": (6, "1926-07-01", "2026-04-30"),
    }

    def serve(self, request: httpx.Request) -> httpx.Response | None:
        name = request.url.path.rsplit("/", 1)[-1].removesuffix("_CSV.zip")
        path = PAYLOADS / "french" / f"{name}.CSV"
        if not path.is_file():
            return None
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(path.name, path.read_bytes())
        return httpx.Response(200, content=buffer.getvalue())

    def check_loaded(self, rs: rotoscope.Rotoscope) -> None:
        smb = rs.store.factors("F-F_Research_Data_Factors_daily", "SMB")
        assert smb["value_pct"].to_list() == [-0.25, -0.33, 0.30, -0.44, -1.48, 0.98]
        assert smb["date"][0] == dt.date(1926, 7, 1)

    def test_not_a_zip(self, tmp_path: Path) -> None:
        def html(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, text="<html>maintenance</html>")

        with pytest.raises(rotoscope.RotoscopeError, match="not a zip file"):
            fetch_to_mirror(self.make(html), self.symbols, self.start, self.end, tmp_path / "m")


class TestYahoo(ProviderContract):
    provider = YahooProvider
    symbols: ClassVar[list[str]] = ["SPY"]
    missing_symbol = "NOPE"
    files: ClassVar[dict[str, tuple[int, str, str]]] = {
        "prices/SPY.csv": (5, "2026-02-04", "2026-02-10"),
    }

    def serve(self, request: httpx.Request) -> httpx.Response | None:
        symbol = request.url.path.rsplit("/", 1)[-1]
        path = PAYLOADS / "yahoo" / f"{symbol}.chart.json"
        if not path.is_file():
            return None
        status = 404 if symbol == "NOPE" else 200
        return httpx.Response(status, content=path.read_bytes(),
                              headers={"content-type": "application/json"})

    def check_loaded(self, rs: rotoscope.Rotoscope) -> None:
        # yfinance's real parsing of the chart answer: raw Close and Adj Close kept apart.
        row = rs.prices("SPY", "2026-02-09", "2026-02-09").row(0, named=True)
        assert row["close"] == pytest.approx(693.950012)
        assert row["adj_close"] == pytest.approx(690.281616)
        assert row["open"] == pytest.approx(689.419983)
        assert row["volume"] == 73885200


def test_unknown_provider() -> None:
    with pytest.raises(ConfigError, match=r"unknown provider 'bloomberg'.*fred"):
        get_provider("bloomberg")
