"""A first run without the data mirror: ``rotoscope update`` then ``rotoscope report``.

A local HTTP server stands in for Yahoo, Stooq, FRED and the French library
(through ``ROTOSCOPE_PROVIDER_URL``), answering every series of the default
universe from the mirror's files as each vendor would: Yahoo's chart JSON, FRED's
``fredgraph.csv``, the French library's zipped CSV. The commands run as a user
runs them, in a subprocess with their own ``ROTOSCOPE_HOME`` and no mirror.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

import httpx

from rotoscope.store import symbol_filename

MIRROR = Path(os.environ.get("ROTOSCOPE_DATA_DIR",
                             Path(__file__).resolve().parents[2] / "shared" / "data"))
PAYLOADS = Path(__file__).parent / "payloads"
FIRST, THROUGH = "2025-01-02", "2026-07-24"  # what the vendors hold


def _floats(rows: list[dict[str, str]], key: str) -> list[float | None]:
    return [float(r[key]) if r.get(key) else None for r in rows]


class MirrorVendors:
    """Answer each vendor's request for any series from the mirror's files."""

    def __init__(self) -> None:
        self.prices: dict[str, list[dict[str, str]]] = {}
        with (MIRROR / "macro" / "fred_daily.csv").open() as fh:
            self.fred = [r for r in csv.DictReader(fh) if FIRST <= r["date"] <= THROUGH]

    def rows(self, symbol: str) -> list[dict[str, str]]:
        if symbol not in self.prices:
            path = MIRROR / "prices" / symbol_filename(symbol)
            with path.open() as fh:
                self.prices[symbol] = [r for r in csv.DictReader(fh)
                                       if FIRST <= r["date"] <= THROUGH]
        return self.prices[symbol]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        status, kind, body = self.answer(request.url.host, request.url.path,
                                         parse_qs(request.url.query.decode()))
        return httpx.Response(status, headers={"content-type": kind}, content=body)

    def answer(self, host: str, path: str, query: dict[str, list[str]]
               ) -> tuple[int, str, bytes]:
        if "fc.yahoo.com" in host or "getcrumb" in path:
            return 200, "text/plain", b"crumb"
        if "yahoo" in host:
            return self.yahoo(unquote(path.rsplit("/", 1)[-1]), query)
        if "stlouisfed" in host:
            series = query["id"][0]
            lines = [f"observation_date,{series}"] + [
                f"{r['date']},{r[series] or '.'}" for r in self.fred
                if query["cosd"][0] <= r["date"] <= query["coed"][0]]
            return 200, "text/csv", ("\n".join(lines) + "\n").encode()
        if "dartmouth" in host:
            name = path.rsplit("/", 1)[-1].removesuffix("_CSV.zip")
            found = [p for p in (MIRROR / "french").iterdir()
                     if p.name.lower().startswith(name.lower() + ".csv")]
            raw = gzip.decompress(found[0].read_bytes())
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                archive.writestr(f"{name}.CSV", raw)
            return 200, "application/zip", buffer.getvalue()
        return 404, "text/plain", b"not here"

    def yahoo(self, symbol: str, query: dict[str, list[str]]) -> tuple[int, str, bytes]:
        if not (MIRROR / "prices" / symbol_filename(symbol)).exists():
            return 404, "application/json", (PAYLOADS / "yahoo" / "NOPE.chart.json").read_bytes()
        rows = self.rows(symbol)
        if "period1" in query:
            first = dt.datetime.fromtimestamp(int(query["period1"][0]), dt.UTC).date()
            last = dt.datetime.fromtimestamp(int(query["period2"][0]), dt.UTC).date()
            rows = [r for r in rows if first.isoformat() <= r["date"] < last.isoformat()]
        else:  # yfinance's time-zone lookup: the last day only
            rows = rows[-1:]
        chart = json.loads((PAYLOADS / "yahoo" / "SPY.chart.json").read_text())
        result = chart["chart"]["result"][0]
        result["meta"]["symbol"] = symbol
        result["timestamp"] = [int(dt.datetime.fromisoformat(r["date"] + "T14:30:00+00:00")
                                   .timestamp()) for r in rows]
        quote: dict[str, Any] = {k: _floats(rows, k) for k in ("open", "high", "low", "close")}
        quote["volume"] = [int(float(r["volume"])) if r.get("volume") else None for r in rows]
        result["indicators"] = {"quote": [quote],
                                "adjclose": [{"adjclose": _floats(rows, "adj_close")}]}
        return 200, "application/json", json.dumps(chart).encode()


def test_update_then_report_writes_a_note_without_the_mirror(provider_server: Any,
                                                             tmp_path: Path) -> None:
    with provider_server(MirrorVendors()) as url:
        _update_then_report(url, tmp_path)


def _update_then_report(provider_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "ROTOSCOPE_HOME": str(tmp_path / "home"),
           "ROTOSCOPE_PROVIDER_URL": provider_url, "ROTOSCOPE_TODAY": "2026-07-27",
           "ROTOSCOPE_DATA_DIR": str(tmp_path / "no-mirror-here"), "NO_COLOR": "1",
           "COLUMNS": "200"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "rotoscope", *args], env=env,
                              capture_output=True, text=True, timeout=900, check=False)

    data = tmp_path / "data"
    updated = run("update", "--data-dir", str(data))
    assert updated.returncode == 0, updated.stdout + updated.stderr
    # every price series the universe names (the mirror holds one file each), the FRED
    # columns in one file, and the five French files
    assert sorted(p.name for p in (data / "prices").glob("*.csv")) == sorted(
        p.name for p in (MIRROR / "prices").glob("*.csv"))
    assert (data / "macro" / "fred_daily.csv").exists()
    assert len(list((data / "french").glob("*"))) == 5
    with (data / "prices" / "_GSPC.csv").open() as fh:
        last = list(csv.DictReader(fh))[-1]
    # prices/_GSPC.csv in the mirror: the 2026-07-24 close, as the stand-in served it
    with (MIRROR / "prices" / "_GSPC.csv").open() as fh:
        want = next(r for r in csv.DictReader(fh) if r["date"] == THROUGH)
    assert (last["date"], float(last["close"])) == (THROUGH, float(want["close"]))

    note = tmp_path / "note.md"
    reported = run("report", "--format", "md", "--out", str(note))
    assert reported.returncode == 0, reported.stdout + reported.stderr
    assert "Audit passed" in reported.stdout
    text = note.read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "**Data:** through July 24, 2026, 3 days old on July 27, 2026" in text
