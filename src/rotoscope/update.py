"""``rotoscope update``: download the universe's series into a mirror, then build the store.

Every series the universe names is fetched from the provider it comes from
(:func:`plan_update`): index and ETF prices from Yahoo with Stooq as the
fallback, FRED series from FRED, the factor files the analytics read from the
Kenneth French library. Breadth series are precomputed by a third party and
cannot be downloaded; their files, if the mirror has them, are kept.

The download is incremental: a series the mirror already holds is fetched from
:data:`OVERLAP_DAYS` before its last date. If the vendor's rows in that overlap
differ from the held ones (a revised history, such as adjusted closes after a
dividend), the series is fetched again whole. Everything is fetched before
anything is written; the new mirror is assembled beside the old one (unchanged
files hard-linked), swapped in by renaming, and the store is built from it. If
any step fails or is interrupted, the previous mirror and store are left as
they were.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import polars as pl

from rotoscope.calendar import CALENDAR_START
from rotoscope.config import home_dir
from rotoscope.exceptions import (
    ConfigError,
    EmptyResponseError,
    ProviderError,
    RotoscopeError,
)
from rotoscope.freshness import today
from rotoscope.providers import (
    USER_AGENT,
    FetchQuery,
    MirrorPiece,
    Provider,
    get_provider,
    write_pieces,
)
from rotoscope.store import BuildResult, build_store, read_bytes, symbol_filename
from rotoscope.universe import Universe

__all__ = [
    "FRENCH_DATASETS",
    "OVERLAP_DAYS",
    "Job",
    "RebasedTransport",
    "SeriesUpdate",
    "UpdateResult",
    "default_update_dir",
    "describe_failure",
    "plan_update",
    "update_mirror",
]

#: Days before the last date held that are fetched again to detect revised history.
OVERLAP_DAYS = 14
#: French library datasets the analytics read (the momentum and size files too).
FRENCH_DATASETS = (
    "F-F_Research_Data_Factors_daily",
    "F-F_Research_Data_5_Factors_2x3_daily",
    "F-F_Momentum_Factor_daily",
    "6_Portfolios_2x3_daily",
    "Portfolios_Formed_on_ME_Daily",
)
MACRO_FILE = "macro/fred_daily.csv"
#: Relative difference above which an overlapping row counts as revised.
_REVISED = 1e-6

Progress = Callable[[str, str], None]


@dataclass(frozen=True)
class Job:
    """One series to download: its symbol, mirror kind and providers in order of preference."""

    symbol: str
    kind: str  # prices | macro | factors
    providers: tuple[str, ...]

    @property
    def rel(self) -> str:
        """The mirror file the series lives in."""
        if self.kind == "prices":
            return f"prices/{symbol_filename(self.symbol)}"
        if self.kind == "macro":
            return MACRO_FILE
        return f"french/{self.symbol}.csv"


@dataclass
class SeriesUpdate:
    """What the update did for one series.

    ``mode`` is ``new`` (not held before: whole history), ``incremental`` (rows
    after the last date held), ``revised`` (the overlap differed: fetched whole),
    ``whole`` (a file published whole, such as the French library's) or
    ``unchanged`` (nothing after the last date held).
    """

    symbol: str
    provider: str
    mode: str
    rows_added: int
    last_date: dt.date | None
    failed: tuple[str, ...] = ()


@dataclass
class UpdateResult:
    """The outcome of :func:`update_mirror`."""

    data_dir: Path
    series: list[SeriesUpdate] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    build: BuildResult | None = None


def default_update_dir(explicit: str | Path | None = None) -> Path:
    """Return where ``rotoscope update`` writes.

    That is ``explicit`` (``--data-dir``), else ``ROTOSCOPE_DATA_DIR``, else
    ``$ROTOSCOPE_HOME/data``.
    """
    if explicit is not None:
        return Path(explicit).expanduser()
    env = os.environ.get("ROTOSCOPE_DATA_DIR")
    return Path(env).expanduser() if env else home_dir() / "data"


def _is_fred_id(symbol: str) -> bool:
    return symbol.isalnum() and symbol.upper() == symbol


def plan_update(universe: Universe, provider: str | None = None) -> tuple[list[Job], list[str]]:
    """Return the download jobs for a universe and the series that cannot be downloaded.

    Rates and currencies named by a FRED series id (``DGS10``, ``DTWEXBGS``) come
    from FRED; every other price series (indices such as ``^TNX`` and
    ``DX-Y.NYB`` included) from Yahoo, falling back to Stooq. ``provider`` moves
    that provider to the front wherever it can serve a series.

    Raises
    ------
    ConfigError
        When ``provider`` is unknown or serves none of the series.
    """
    jobs: list[Job] = []
    skipped: list[str] = []
    for symbol, meta in universe.series.items():
        if meta.kind == "breadth":
            skipped.append(symbol)
        elif meta.kind in ("rate", "fx") and _is_fred_id(symbol):
            jobs.append(Job(symbol, "macro", ("fred",)))
        else:
            jobs.append(Job(symbol, "prices", ("yahoo", "stooq")))
    jobs += [Job(name, "factors", ("french",)) for name in FRENCH_DATASETS]
    if provider is not None:
        name = get_provider(provider).name
        if not any(name in j.providers for j in jobs):
            raise ConfigError(f"--provider {provider} serves none of the universe's series")
        jobs = [Job(j.symbol, j.kind, (name, *(p for p in j.providers if p != name)))
                if name in j.providers else j for j in jobs]
    return jobs, skipped


# ------------------------------------------------------------------ held data
def _held(root: Path, job: Job) -> pl.DataFrame | None:
    """Return the rows the mirror holds for a job, as text columns, or ``None``."""
    if job.kind == "factors":
        return None
    path = root / job.rel
    if not path.is_file():
        return None
    frame = pl.read_csv(io.BytesIO(read_bytes(path)), infer_schema=False)
    if job.kind == "macro":
        if job.symbol not in frame.columns:
            return None
        frame = frame.select("date", job.symbol).filter(
            pl.col(job.symbol).is_not_null() & (pl.col(job.symbol).str.strip_chars() != ""))
    return frame if frame.height else None


def _piece_frame(piece: MirrorPiece, job: Job) -> pl.DataFrame:
    frame = pl.read_csv(io.BytesIO(piece.content), infer_schema=False)
    if job.kind == "macro":
        frame = frame.select("date", job.symbol).filter(
            pl.col(job.symbol).is_not_null() & (pl.col(job.symbol).str.strip_chars() != ""))
    return frame


def _revised(held: pl.DataFrame, new: pl.DataFrame) -> bool:
    """Return whether any value of a date both frames hold differs."""
    columns = [c for c in new.columns if c != "date" and c in held.columns]
    both = held.join(new, on="date", how="inner", suffix="_new")
    for c in columns:
        old = both[c].cast(pl.Float64, strict=False)
        fresh = both[f"{c}_new"].cast(pl.Float64, strict=False)
        diff = ((old - fresh).abs() > _REVISED * old.abs().clip(lower_bound=1.0)).fill_null(False)
        if diff.any():
            return True
    return False


def _as_piece(job: Job, piece: MirrorPiece, frame: pl.DataFrame) -> MirrorPiece:
    buffer = io.BytesIO()
    frame.write_csv(buffer)
    dates = frame["date"]
    first = dt.date.fromisoformat(str(dates.min())) if frame.height else None
    last = dt.date.fromisoformat(str(dates.max())) if frame.height else None
    return MirrorPiece(rel=piece.rel, content=buffer.getvalue(), kind=piece.kind,
                       symbol=piece.symbol, source=piece.source, url=piece.url,
                       rows=frame.height, first_date=first, last_date=last,
                       merge_columns=piece.merge_columns)


# ------------------------------------------------------------------ fetching
class RebasedTransport(httpx.BaseTransport):
    """Send every request to one server instead: ``https://HOST/PATH?Q`` -> ``BASE/HOST/PATH?Q``.

    ``rotoscope update`` uses it when ``ROTOSCOPE_PROVIDER_URL`` names such a
    server: a cache of the providers' answers inside a network without internet
    access, or a local server replaying recorded payloads.
    """

    def __init__(self, base: str, inner: httpx.BaseTransport | None = None) -> None:
        self.base = httpx.URL(base)
        if self.base.scheme not in ("http", "https") or not self.base.host:
            raise ConfigError(f"ROTOSCOPE_PROVIDER_URL='{base}' is not an http(s) URL")
        self.inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Forward ``request`` to the base server, the original host as the first segment."""
        url = request.url
        target = self.base.copy_with(
            path=f"{self.base.path.rstrip('/')}/{url.host}{url.path}", query=url.query or None)
        headers = [(k, v) for k, v in request.headers.raw if k.lower() != b"host"]
        forwarded = httpx.Request(request.method, target, headers=headers,
                                  content=request.read())
        return self.inner.handle_request(forwarded)

    def close(self) -> None:
        """Close the inner transport."""
        self.inner.close()


def _reason(name: str, exc: Exception) -> str:
    text = str(exc)
    return text if text.startswith(f"{name}:") else f"{name}: {text}"


def _fetch_one(instance: Provider, job: Job, start: dt.date, end: dt.date) -> MirrorPiece:
    return instance.fetch(FetchQuery((job.symbol,), start, end))[0]


def _update_series(
    job: Job, held: pl.DataFrame | None, since: dt.date | None, end: dt.date,
    providers: dict[str, Provider], held_from: str | None = None,
) -> tuple[MirrorPiece | None, SeriesUpdate]:
    """Fetch one series, falling back through its providers; merge it with what is held.

    ``held_from`` is the provider the held rows came from (``provenance.json``);
    an empty answer from it means nothing new, while an empty answer from
    another provider (which may not know the symbol) leads to the next one.
    """
    failures: list[str] = []
    empty: list[str] = []
    held_last = dt.date.fromisoformat(str(held["date"].max())) if held is not None else None
    if since is not None:
        start = since
    elif held_last is not None:
        start = held_last - dt.timedelta(days=OVERLAP_DAYS)
    else:
        start = CALENDAR_START
    start = min(start, end)
    for name in job.providers:
        instance = providers[name]
        try:
            piece = _fetch_one(instance, job, start, end)
        except EmptyResponseError as exc:
            empty.append(name)
            failures.append(_reason(name, exc))
            continue
        except (ProviderError, ConfigError) as exc:
            failures.append(_reason(name, exc))
            continue
        if job.kind == "factors":
            return piece, SeriesUpdate(job.symbol, name, "whole", piece.rows, piece.last_date,
                                       tuple(failures))
        new = _piece_frame(piece, job)
        if held is None:
            return _as_piece(job, piece, new), SeriesUpdate(
                job.symbol, name, "new", new.height, piece.last_date, tuple(failures))
        if _revised(held, new):
            try:
                whole = _fetch_one(instance, job, CALENDAR_START, end)
            except (ProviderError, ConfigError) as exc:
                failures.append(f"{_reason(name, exc)} (refetching a revised history)")
                continue
            frame = _piece_frame(whole, job)
            return _as_piece(job, whole, frame), SeriesUpdate(
                job.symbol, name, "revised", frame.height - held.height, whole.last_date,
                tuple(failures))
        first_new = str(new["date"].min())
        kept = held.filter(pl.col("date") < first_new)
        added = new.filter(pl.col("date") > str(held_last))
        if since is None and added.height == 0:
            return None, SeriesUpdate(job.symbol, name, "unchanged", 0, held_last,
                                      tuple(failures))
        merged = pl.concat([kept, new.select(kept.columns)], how="vertical")
        return _as_piece(job, piece, merged), SeriesUpdate(
            job.symbol, name, "incremental", added.height,
            dt.date.fromisoformat(str(merged["date"].max())), tuple(failures))
    if held is not None and empty and (held_from in empty or len(empty) == len(failures)):
        # No rows in the window from the provider the series came from (or from any
        # that answered): nothing was published since the last date held.
        name = held_from if held_from in empty else empty[0]
        return None, SeriesUpdate(job.symbol, name, "unchanged", 0, held_last,
                                  tuple(f for f in failures if not f.startswith(f"{name}:")))
    raise ProviderError(f"{job.symbol}: no provider could supply it: " + "; ".join(failures))


# ------------------------------------------------------------------ writing
def _stage(root: Path, staging: Path) -> None:
    """Fill ``staging`` with the files of ``root``, hard-linked where possible."""
    if not root.is_dir():
        staging.mkdir(parents=True)
        return

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(root, staging, copy_function=link)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def update_mirror(
    data_dir: str | Path | None = None,
    *,
    universe: Universe,
    store: Path,
    since: dt.date | None = None,
    provider: str | None = None,
    jobs: Iterable[Job] | None = None,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
    retries: int = 3,
    on: dt.date | None = None,
    progress: Progress | None = None,
    build: Callable[[Path, Path, Universe], BuildResult] | None = None,
) -> UpdateResult:
    """Download the universe's series into the mirror at ``data_dir``, then build the store.

    Parameters
    ----------
    data_dir
        The mirror to update or create (default :func:`default_update_dir`).
    universe
        Whose series to download (see :func:`plan_update`).
    store
        The store file to build.
    since
        Fetch every series from this date on (rows before it are kept) instead
        of from its last date held.
    provider
        A provider to try first wherever it can serve a series.
    jobs
        The jobs to run instead of the universe's whole plan.
    transport
        The ``httpx`` transport of the one client every request goes through;
        tests pass a ``MockTransport`` serving recorded payloads. Default: the
        network, or :class:`RebasedTransport` to ``ROTOSCOPE_PROVIDER_URL`` when
        that is set.
    sleep, retries
        Waiting between attempts and the attempts per request.
    on
        The last date to fetch (default :func:`rotoscope.freshness.today`).
    progress
        Called with ``(symbol, state)``: ``fetching``, a provider name when one
        has answered, or ``failed``.
    build
        The store builder (default :func:`rotoscope.store.build_store`).

    Raises
    ------
    ProviderError
        When a series could not be fetched from any of its providers; nothing
        was written.
    """
    root = default_update_dir(data_dir)
    planned, skipped = plan_update(universe, provider)
    rebase = os.environ.get("ROTOSCOPE_PROVIDER_URL", "").strip()
    if transport is None and rebase:
        transport = RebasedTransport(rebase)
    todo = list(jobs) if jobs is not None else planned
    end = on or today()
    result = UpdateResult(root, skipped=skipped)
    manifest: dict[str, dict[str, str]] = {}
    with contextlib.suppress(OSError, ValueError):
        manifest = json.loads((root / "provenance.json").read_text("utf-8"))
    pieces: list[tuple[str, MirrorPiece]] = []
    with httpx.Client(transport=transport, timeout=30.0, follow_redirects=True,
                      headers={"User-Agent": USER_AGENT}) as client:
        instances = {name: get_provider(name)(transport, retries=retries, sleep=sleep,
                                              client=client)
                     for name in {p for j in todo for p in j.providers}}
        for job in todo:
            if progress is not None:
                progress(job.symbol, "fetching")
            try:
                piece, done = _update_series(job, _held(root, job), since, end, instances,
                                             manifest.get(job.rel, {}).get("provider"))
            except ProviderError:
                if progress is not None:
                    progress(job.symbol, "failed")
                raise
            result.series.append(done)
            if piece is not None:
                pieces.append((done.provider, piece))
            if progress is not None:
                progress(job.symbol, done.provider)
    result.build = _commit(root, pieces, store, universe, build or build_store)
    return result


def _commit(root: Path, pieces: list[tuple[str, MirrorPiece]], store: Path,
            universe: Universe, build: Callable[[Path, Path, Universe], BuildResult]
            ) -> BuildResult:
    """Write the pieces into a copy of the mirror, swap it in, build the store; or undo."""
    root = root.absolute()
    if not pieces and root.is_dir():
        return build(root, store, universe)
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = root.with_name(f".{root.name}.update-{os.getpid()}")
    backup = root.with_name(f".{root.name}.previous-{os.getpid()}")
    _remove(staging)
    _remove(backup)
    swapped = False
    try:
        _stage(root, staging)
        by_provider: dict[str, list[MirrorPiece]] = {}
        for name, piece in pieces:
            by_provider.setdefault(name, []).append(piece)
            if piece.kind == "factors":  # the library's file replaces a compressed copy
                with contextlib.suppress(FileNotFoundError):
                    (staging / f"{piece.rel}.gz").unlink()
        for name, group in by_provider.items():
            write_pieces(staging, group, name)
        if root.is_dir():
            os.rename(root, backup)
        os.rename(staging, root)
        swapped = True
        result = build(root, store, universe)
    except BaseException:
        if swapped:
            os.rename(root, staging)
        if backup.is_dir() and not root.exists():  # also when stopped between the renames
            os.rename(backup, root)
        _remove(staging)
        raise
    _remove(backup)
    return result


def describe_failure(exc: RotoscopeError) -> str:
    """Return the one line ``rotoscope update`` prints when it fails."""
    return f"{exc}; the mirror and the store were left as they were"
