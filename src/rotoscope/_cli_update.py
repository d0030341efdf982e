"""The ``rotoscope update`` command (registered on the app in :mod:`rotoscope.cli`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rotoscope.exceptions import RotoscopeError

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["update"]


def update(
    since: Annotated[
        str | None,
        typer.Option("--since", help="Fetch every series from this date (YYYY-MM-DD) instead "
                     "of from the last date the mirror holds.", show_default=False),
    ] = None,
    provider: Annotated[
        str | None,
        typer.Option("--provider", "-p", help="Provider to try first where it can serve a "
                     "series: yahoo, stooq, fred or french.", show_default=False),
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Mirror to update or create (default: "
                     "$ROTOSCOPE_DATA_DIR, else $ROTOSCOPE_HOME/data).", show_default=False),
    ] = None,
    universe: Annotated[
        Path | None,
        typer.Option("--universe", help="Universe TOML file whose series to download "
                     "(default: the shipped one).", show_default=False),
    ] = None,
) -> None:
    """Download the universe's series from the internet into the mirror, then build the store.

    Index and ETF prices come from Yahoo (Stooq where Yahoo fails), rates and the
    dollar from FRED, factor files from the Kenneth French library. Only the rows
    after the last date the mirror holds are fetched, with an overlap that catches
    a revised history (then that series is fetched whole). Everything is fetched
    before anything is written; on any failure the mirror and the store are left
    as they were.
    """
    from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

    from rotoscope._cli_render import err, out
    from rotoscope.config import store_path
    from rotoscope.universe import load_universe
    from rotoscope.update import default_update_dir, describe_failure, update_mirror

    try:
        first = dt.date.fromisoformat(since) if since else None
    except ValueError as exc:
        raise typer.BadParameter(f"'{since}' is not a date (YYYY-MM-DD)",
                                 param_hint="--since") from exc
    root = default_update_dir(data_dir)
    uni = load_universe(universe)
    err.print(f"Updating the mirror {root} from the providers …")
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, disable=not err.is_terminal) as bar:
        tasks: dict[str, TaskID] = {}

        def tick(symbol: str, state: str) -> None:
            if symbol not in tasks:
                tasks[symbol] = bar.add_task(f"{symbol}: fetching", total=1)
            done = state not in ("fetching",)
            bar.update(tasks[symbol], description=f"{symbol}: {state}",
                       completed=1 if done else 0)

        try:
            result = update_mirror(root, universe=uni, store=store_path(), since=first,
                                   provider=provider, progress=tick)
        except RotoscopeError as exc:
            raise RotoscopeError(describe_failure(exc)) from exc
    _summary(result, out)


def _summary(result: object, console: Console) -> None:
    from rotoscope.update import UpdateResult

    assert isinstance(result, UpdateResult)
    from rich.table import Table

    table = Table(title=f"update of {result.data_dir}", title_justify="left")
    for col in ("series", "provider", "mode", "rows added", "last date", "fell back from"):
        table.add_column(col, justify="right" if col == "rows added" else "left")
    for s in result.series:
        table.add_row(s.symbol, s.provider, s.mode, f"{s.rows_added:,}", str(s.last_date or ""),
                      "; ".join(f.split(":")[0] for f in s.failed))
    console.print(table)
    if result.skipped:
        console.print(f"Not downloadable (kept as the mirror has them): "
                      f"{', '.join(result.skipped)}.")
    build = result.build
    if build is not None:
        console.print(f"Store {build.path}: " + (
            f"built, {build.rows:,} rows from {build.files} files." if build.changed
            else "already up to date."))
