"""``rotoscope update`` on recorded payloads served through an injected transport.

The vendors' answers are built from the data mirror's own rows (prices/SPY.csv,
prices/_RUT.csv, macro/fred_daily.csv for 2026-06-01..2026-07-31) in each
vendor's real format: Yahoo's chart JSON (parsed by yfinance itself), Stooq's
and FRED's CSV, the French library's zip (tests/payloads/french). Nothing
reaches the internet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

import rotoscope
from rotoscope.exceptions import ProviderError
from rotoscope.store import BuildResult, build_store
from rotoscope.universe import Universe, load_universe
from rotoscope.update import FRENCH_DATASETS, Job, RebasedTransport, plan_update, update_mirror

PAYLOADS = Path(__file__).parent / "payloads"
FIELDS = ("open", "high", "low", "close", "adj_close", "volume")
JOBS = [Job("SPY", "prices", ("yahoo", "stooq")), Job("^RUT", "prices", ("yahoo", "stooq")),
        Job("DGS10", "macro", ("fred",)),
        Job("F-F_Research_Data_Factors_daily", "factors", ("french",))]


@pytest.fixture(autouse=True)
def _yfinance_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    import yfinance

    yfinance.set_tz_cache_location(str(tmp_path_factory.getbasetemp() / "yf-cache"))


def mirror_rows(mirror: Path, rel: str, first: str, last: str) -> list[dict[str, str]]:
    with (mirror / rel).open() as fh:
        return [r for r in csv.DictReader(fh) if first <= r["date"] <= last]


class Vendors:
    """Yahoo, Stooq, FRED and the French library, answering from in-memory histories."""

    def __init__(self, mirror: Path) -> None:
        self.prices = {s: mirror_rows(mirror, f"prices/{f}", "2026-06-01", "2026-07-31")
                       for s, f in (("SPY", "SPY.csv"), ("^RUT", "_RUT.csv"))}
        self.fred = {r["date"]: r["DGS10"] for r in mirror_rows(
            mirror, "macro/fred_daily.csv", "2026-06-01", "2026-07-31")}
        self.through = "2026-07-24"  # the last date the vendors have published
        self.down: set[str] = set()  # hosts that refuse connections
        self.unknown: set[str] = {"^RUT"}  # symbols Yahoo does not know
        self.limited: dict[str, str] = {}  # host -> Retry-After of one 429 answer
        self.requests: list[httpx.Request] = []
        self.interrupt_after: int | None = None

    def rows(self, symbol: str, first: dt.date, last: dt.date) -> list[dict[str, str]]:
        return [r for r in self.prices[symbol]
                if first.isoformat() <= r["date"] <= min(last.isoformat(), self.through)]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        if "fc.yahoo.com" in host:
            return httpx.Response(200, headers={"set-cookie": "A3=d=t; Max-Age=3600; Path=/"})
        if "getcrumb" in request.url.path:
            return httpx.Response(200, text="crumb")
        self.requests.append(request)
        if self.interrupt_after is not None and len(self.requests) > self.interrupt_after:
            raise KeyboardInterrupt
        if host in self.down:
            raise httpx.ConnectError("connection refused", request=request)
        if host in self.limited:
            return httpx.Response(429, headers={"Retry-After": self.limited.pop(host)})
        if "yahoo" in host:
            return self.yahoo(request)
        if "stooq" in host:
            return self.stooq(request)
        if "stlouisfed" in host:
            return self.fred_csv(request)
        return self.french(request)

    def yahoo(self, request: httpx.Request) -> httpx.Response:
        symbol = request.url.path.rsplit("/", 1)[-1]
        if symbol in self.unknown or symbol not in self.prices:
            return httpx.Response(404, content=(PAYLOADS / "yahoo" / "NOPE.chart.json")
                                  .read_bytes(), headers={"content-type": "application/json"})
        if "period1" in request.url.params:
            first = dt.datetime.fromtimestamp(int(request.url.params["period1"]), dt.UTC).date()
            last = dt.datetime.fromtimestamp(int(request.url.params["period2"]), dt.UTC).date()
            rows = self.rows(symbol, first, last - dt.timedelta(days=1))
        else:  # yfinance's time-zone lookup (range=1d): the last day only
            self.requests.pop()
            rows = self.rows(symbol, dt.date(1900, 1, 1), dt.date(2100, 1, 1))[-1:]
        chart = json.loads((PAYLOADS / "yahoo" / "SPY.chart.json").read_text())
        result = chart["chart"]["result"][0]
        result["meta"]["symbol"] = symbol
        result["timestamp"] = [int(dt.datetime.fromisoformat(r["date"] + "T14:30:00+00:00")
                                   .timestamp()) for r in rows]
        quote = {k: [float(r[k]) for r in rows] for k in ("open", "high", "low", "close")}
        quote["volume"] = [int(float(r["volume"])) for r in rows]
        result["indicators"] = {"quote": [quote],
                                "adjclose": [{"adjclose": [float(r["adj_close"]) for r in rows]}]}
        return httpx.Response(200, json=chart)

    def stooq(self, request: httpx.Request) -> httpx.Response:
        symbol = {"^rut": "^RUT", "spy.us": "SPY"}.get(request.url.params["s"], "")
        if symbol not in self.prices:
            return httpx.Response(200, text="No data")
        first = dt.datetime.strptime(request.url.params["d1"], "%Y%m%d").date()
        last = dt.datetime.strptime(request.url.params["d2"], "%Y%m%d").date()
        lines = ["Date,Open,High,Low,Close,Volume"] + [
            f"{r['date']},{r['open']},{r['high']},{r['low']},{r['close']},{r['volume']}"
            for r in self.rows(symbol, first, last)]
        return httpx.Response(200, text="\n".join(lines) + "\n")

    def fred_csv(self, request: httpx.Request) -> httpx.Response:
        first, last = request.url.params["cosd"], request.url.params["coed"]
        lines = ["observation_date,DGS10"] + [
            f"{d},{v}" for d, v in self.fred.items()
            if first <= d <= min(last, self.through)]
        return httpx.Response(200, text="\n".join(lines) + "\n")

    def french(self, request: httpx.Request) -> httpx.Response:
        path = PAYLOADS / "french" / "F-F_Research_Data_Factors_daily.CSV"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(path.name, path.read_bytes())
        return httpx.Response(200, content=buffer.getvalue())

    def starts(self, host_part: str) -> list[str]:
        """The first date of every data request to a host."""
        out = []
        for r in self.requests:
            if host_part not in r.url.host:
                continue
            p = r.url.params
            if "period1" in p:
                out.append(dt.datetime.fromtimestamp(int(p["period1"]), dt.UTC).date()
                           .isoformat())
            elif "cosd" in p:
                out.append(p["cosd"])
            elif "d1" in p:
                out.append(dt.datetime.strptime(p["d1"], "%Y%m%d").date().isoformat())
        return out


@pytest.fixture
def vendors(mirror: Path) -> Vendors:
    return Vendors(mirror)


@pytest.fixture(scope="module")
def universe() -> Universe:
    return load_universe()


def snapshot(*roots: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for root in roots if root.exists()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_update(vendors: Vendors, tmp_path: Path, universe: Universe, on: str,
               sleeps: list[float] | None = None, **kwargs: Any) -> Any:
    return update_mirror(
        tmp_path / "data", universe=universe, store=tmp_path / "home" / "rotoscope.duckdb",
        jobs=kwargs.pop("jobs", JOBS), transport=httpx.MockTransport(vendors),
        sleep=(sleeps if sleeps is not None else []).append, on=dt.date.fromisoformat(on),
        **kwargs)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open() as fh:
        return list(csv.DictReader(fh))


# ------------------------------------------------------------------------ plan
def test_plan_covers_every_series_of_the_universe(universe: Universe) -> None:
    jobs, skipped = plan_update(universe)
    by_symbol = {j.symbol: j for j in jobs}
    # The breadth series are precomputed by a third party: not downloadable.
    assert skipped == ["ABV50", "ABV100", "ABV200"]
    assert set(by_symbol) | set(skipped) == set(universe.series) | set(FRENCH_DATASETS)
    assert by_symbol["DGS10"].providers == ("fred",)
    assert by_symbol["DTWEXBGS"].rel == "macro/fred_daily.csv"
    # ^TNX and DX-Y.NYB are Yahoo symbols although they are a rate and a currency.
    for symbol in ("SPY", "^GSPC", "^TNX", "DX-Y.NYB", "XLK"):
        assert by_symbol[symbol].providers == ("yahoo", "stooq")
    assert by_symbol["^RUT"].rel == "prices/_RUT.csv"
    preferred, _ = plan_update(universe, "stooq")
    assert {j.symbol: j.providers for j in preferred}["SPY"] == ("stooq", "yahoo")
    with pytest.raises(rotoscope.ConfigError, match="unknown provider 'bloomberg'"):
        plan_update(universe, "bloomberg")


# ---------------------------------------------------------------- first run
def test_first_run_fetches_whole_histories_with_fallback(
        vendors: Vendors, tmp_path: Path, universe: Universe, mirror: Path) -> None:
    result = run_update(vendors, tmp_path, universe, "2026-07-24")
    done = {s.symbol: s for s in result.series}
    assert {s: (d.provider, d.mode) for s, d in done.items()} == {
        "SPY": ("yahoo", "new"), "^RUT": ("stooq", "new"), "DGS10": ("fred", "new"),
        "F-F_Research_Data_Factors_daily": ("french", "whole")}
    assert done["^RUT"].failed[0].startswith("yahoo: ")
    # Whole histories: every request starts at the calendar's first date.
    assert set(vendors.starts("yahoo") + vendors.starts("stooq")) == {"1927-12-30"}
    data = tmp_path / "data"
    spy = read_csv(data / "prices" / "SPY.csv")
    expected = mirror_rows(mirror, "prices/SPY.csv", "2026-06-01", "2026-07-24")
    assert [r["date"] for r in spy] == [r["date"] for r in expected]
    # yfinance's parsing keeps the raw close and the adjusted close apart.
    for got, want in zip(spy, expected, strict=True):
        assert float(got["close"]) == pytest.approx(float(want["close"]), abs=1e-6)
        assert float(got["adj_close"]) == pytest.approx(float(want["adj_close"]), abs=1e-6)
    rut = read_csv(data / "prices" / "_RUT.csv")
    # Stooq has no adjusted close: left empty, never copied from close.
    assert {r["adj_close"] for r in rut} == {""}
    assert rut[-1]["date"] == "2026-07-24"
    assert float(rut[-1]["close"]) == float(
        mirror_rows(mirror, "prices/_RUT.csv", "2026-07-24", "2026-07-24")[0]["close"])
    manifest = json.loads((data / "provenance.json").read_text())
    assert manifest["prices/_RUT.csv"]["provider"] == "stooq"
    assert manifest["prices/SPY.csv"]["last_date"] == "2026-07-24"
    assert result.build is not None
    assert result.build.changed
    with rotoscope.open(tmp_path / "home" / "rotoscope.duckdb") as rs:
        assert rs.last_date == dt.date(2026, 7, 24)
        dgs10 = rs.prices("DGS10", "2026-07-20", "2026-07-22")["value"].to_list()
    # macro/fred_daily.csv: DGS10 4.6, 4.63, 4.67 on 2026-07-20..22
    assert dgs10 == [4.6, 4.63, 4.67]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".data")]


def test_incremental_run_fetches_only_the_overlap_and_new_rows(
        vendors: Vendors, tmp_path: Path, universe: Universe, mirror: Path) -> None:
    run_update(vendors, tmp_path, universe, "2026-07-24")
    before = (tmp_path / "data" / "prices" / "SPY.csv").read_text().splitlines()
    vendors.requests.clear()
    vendors.through = "2026-07-31"
    result = run_update(vendors, tmp_path, universe, "2026-07-31")
    done = {s.symbol: s for s in result.series}
    # 2026-07-27..31: five new sessions; the overlap starts 14 days before 07-24.
    assert (done["SPY"].mode, done["SPY"].rows_added) == ("incremental", 5)
    assert (done["DGS10"].mode, done["DGS10"].rows_added) == ("incremental", 5)
    assert vendors.starts("yahoo") == ["2026-07-10"]
    assert vendors.starts("stlouisfed") == ["2026-07-10"]
    after = (tmp_path / "data" / "prices" / "SPY.csv").read_text().splitlines()
    assert after[: len(before)] == before  # the rows held are kept as they were
    assert [line.split(",")[0] for line in after[len(before):]] == [
        "2026-07-27", "2026-07-28", "2026-07-29", "2026-07-30", "2026-07-31"]
    # prices/SPY.csv: 2026-07-31 close 747.03
    assert float(after[-1].split(",")[4]) == pytest.approx(747.03)
    with rotoscope.open(tmp_path / "home" / "rotoscope.duckdb") as rs:
        assert rs.last_date == dt.date(2026, 7, 31)
    # Nothing new: no file changes, every series unchanged.
    vendors.requests.clear()
    again = run_update(vendors, tmp_path, universe, "2026-07-31",
                       jobs=[j for j in JOBS if j.kind != "factors"])
    assert {s.mode for s in again.series} == {"unchanged"}


def test_revised_history_is_fetched_whole(
        vendors: Vendors, tmp_path: Path, universe: Universe) -> None:
    run_update(vendors, tmp_path, universe, "2026-07-24")
    vendors.requests.clear()
    vendors.through = "2026-07-31"
    # A dividend: the vendor scales every earlier adjusted close by 0.99.
    for row in vendors.prices["SPY"]:
        if row["date"] < "2026-07-27":
            row["adj_close"] = f"{float(row['adj_close']) * 0.99:.6f}"
    result = run_update(vendors, tmp_path, universe, "2026-07-31")
    spy = next(s for s in result.series if s.symbol == "SPY")
    assert spy.mode == "revised"
    # First the overlap from 07-10, then the whole history again.
    assert vendors.starts("yahoo") == ["2026-07-10", "1927-12-30"]
    rows = read_csv(tmp_path / "data" / "prices" / "SPY.csv")
    first = next(r for r in vendors.prices["SPY"] if r["date"] == "2026-06-01")
    assert rows[0]["date"] == "2026-06-01"
    assert float(rows[0]["adj_close"]) == pytest.approx(float(first["adj_close"]), abs=1e-6)
    assert rows[-1]["date"] == "2026-07-31"


def test_rate_limit_waits_as_long_as_retry_after_says(
        vendors: Vendors, tmp_path: Path, universe: Universe) -> None:
    vendors.limited["fred.stlouisfed.org"] = "7"
    sleeps: list[float] = []
    result = run_update(vendors, tmp_path, universe, "2026-07-24", sleeps=sleeps,
                        jobs=[JOBS[2]])
    assert sleeps == [7.0]
    assert result.series[0].mode == "new"


def test_a_failing_provider_without_fallback_changes_nothing(
        vendors: Vendors, tmp_path: Path, universe: Universe) -> None:
    run_update(vendors, tmp_path, universe, "2026-07-24")
    before = snapshot(tmp_path / "data", tmp_path / "home")
    vendors.through = "2026-07-31"
    vendors.down.add("fred.stlouisfed.org")
    with pytest.raises(ProviderError, match=r"DGS10: no provider could supply it: fred: "):
        run_update(vendors, tmp_path, universe, "2026-07-31")
    # SPY was fetched before DGS10 failed, yet nothing was written.
    assert vendors.starts("yahoo")[-1] == "2026-07-10"
    assert snapshot(tmp_path / "data", tmp_path / "home") == before
    # Both Yahoo and Stooq down for ^RUT: the error names both.
    vendors.down = {"stooq.com"}
    with pytest.raises(ProviderError, match=r"\^RUT: .*yahoo: .*stooq: .*cannot reach"):
        run_update(vendors, tmp_path, universe, "2026-07-31", jobs=JOBS[:2])
    assert snapshot(tmp_path / "data", tmp_path / "home") == before


def test_an_interrupted_run_leaves_everything_as_it_was(
        vendors: Vendors, tmp_path: Path, universe: Universe,
        monkeypatch: pytest.MonkeyPatch) -> None:
    run_update(vendors, tmp_path, universe, "2026-07-24")
    before = snapshot(tmp_path / "data", tmp_path / "home")
    vendors.through = "2026-07-31"
    vendors.interrupt_after = len(vendors.requests) + 2  # Ctrl-C during the third request
    with pytest.raises(KeyboardInterrupt):
        run_update(vendors, tmp_path, universe, "2026-07-31")
    assert snapshot(tmp_path / "data", tmp_path / "home") == before

    # Interrupted while the store is built from the new mirror: the old one comes back.
    vendors.interrupt_after = None

    def interrupted_build(root: Path, store: Path, uni: Universe) -> BuildResult:
        # The new mirror is in place while the store is built.
        last = (root / "prices" / "SPY.csv").read_text().splitlines()[-1]
        assert last.startswith("2026-07-31,")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_update(vendors, tmp_path, universe, "2026-07-31", build=interrupted_build)
    assert snapshot(tmp_path / "data", tmp_path / "home") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "home"]

    # Interrupted between moving the old mirror aside and moving the new one in.
    renames: list[str] = []
    real_rename = os.rename

    def rename(src: Any, dst: Any) -> None:
        renames.append(Path(dst).name)
        if len(renames) == 2:
            raise KeyboardInterrupt
        real_rename(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(os, "rename", rename)
        with pytest.raises(KeyboardInterrupt):
            run_update(vendors, tmp_path, universe, "2026-07-31", build=build_store)
    assert renames[:2] == [f".data.previous-{os.getpid()}", "data"]
    assert snapshot(tmp_path / "data", tmp_path / "home") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "home"]
    # A later run completes from the same state.
    result = run_update(vendors, tmp_path, universe, "2026-07-31", build=build_store)
    assert result.build is not None
    assert result.build.changed


def test_cli_update_reports_each_series(
        vendors: Vendors, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import rotoscope.update as update_module

    real: Callable[..., Any] = update_module.update_mirror

    def offline(*args: Any, **kwargs: Any) -> Any:
        return real(*args, jobs=JOBS[:3], transport=httpx.MockTransport(vendors),
                    sleep=lambda s: None, on=dt.date(2026, 7, 24), **kwargs)

    monkeypatch.setattr(update_module, "update_mirror", offline)
    monkeypatch.setenv("ROTOSCOPE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ROTOSCOPE_DATA_DIR", raising=False)
    from rotoscope.cli import app

    res = CliRunner().invoke(app, ["update"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    text = " ".join(res.output.split())
    assert "^RUT │ stooq │ new" in text
    assert "SPY │ yahoo │ new" in text
    assert "Not downloadable (kept as the mirror has them): ABV50, ABV100, ABV200." in text
    # The default mirror is $ROTOSCOPE_HOME/data, and init then finds it.
    assert (tmp_path / "home" / "data" / "prices" / "SPY.csv").is_file()
    bad = CliRunner().invoke(app, ["update", "--since", "July"])
    assert bad.exit_code == 2
    assert "'July' is not a date" in bad.output


def test_a_local_server_can_stand_in_for_the_providers(
        vendors: Vendors, tmp_path: Path, universe: Universe,
        monkeypatch: pytest.MonkeyPatch, provider_server: Any) -> None:
    """ROTOSCOPE_PROVIDER_URL sends every request to one server: here a local one."""
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.host)
        return vendors(request)

    with provider_server(answer) as url:
        monkeypatch.setenv("ROTOSCOPE_PROVIDER_URL", url)
        result = update_mirror(tmp_path / "data", universe=universe,
                               store=tmp_path / "home" / "rotoscope.duckdb", jobs=JOBS[1:3],
                               sleep=lambda s: None, on=dt.date(2026, 7, 24))
    assert {s.symbol: s.provider for s in result.series} == {"^RUT": "stooq", "DGS10": "fred"}
    assert {"query2.finance.yahoo.com", "stooq.com", "fred.stlouisfed.org"} <= set(seen)
    with rotoscope.open(tmp_path / "home" / "rotoscope.duckdb") as rs:
        # prices/_RUT.csv: 2026-07-24 close; macro/fred_daily.csv: DGS10 4.67 on 2026-07-22
        rut = rs.prices("^RUT", "2026-07-24", "2026-07-24")["close"].to_list()
        assert rs.prices("DGS10", "2026-07-22", "2026-07-22")["value"].to_list() == [4.67]
    assert rut == [float(next(r["close"] for r in vendors.prices["^RUT"]
                              if r["date"] == "2026-07-24"))]
    with pytest.raises(rotoscope.ConfigError, match="not an http"):
        RebasedTransport("ftp://example")
