"""The ``rotoscope`` command line: a thin layer over :mod:`rotoscope`'s library object.

Each command imports the library modules it uses inside its own function, so
``rotoscope --help`` loads only typer and rich, and a command loads only what it
runs (``check`` never loads pandas, matplotlib or exchange_calendars).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from rotoscope import _cli_render as ui
from rotoscope._cli_files import read_source, writable, write_file
from rotoscope._cli_help import HelpCommand, HelpGroup
from rotoscope._cli_options import EXIT_CODES, Engine, FailOn, LogLevel, NoteFormat, show_version
from rotoscope._cli_render import answer_terminal, escape, report_summary, working
from rotoscope._cli_update import update as update_command
from rotoscope.exceptions import RotoscopeError, shorten

if TYPE_CHECKING:
    from rich.console import Console

    from rotoscope._api import Rotoscope

__all__ = ["app", "main"]

app = typer.Typer(
    name="rotoscope",
    help="Verifiable market-rotation analysis: every number computed from data and cited.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    epilog=EXIT_CODES,
    cls=HelpGroup,
)
data_app = typer.Typer(help="Inspect the store: coverage and data quality.", no_args_is_help=True,
                       cls=HelpGroup)
app.add_typer(data_app, name="data")

# Piped output gets a wide console so tables stay readable in files and pagers.

F = TypeVar("F", bound=Callable[..., Any])

DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Data mirror directory (default: $ROTOSCOPE_DATA_DIR, else ../shared/data).",
        show_default=False,
    ),
]
UniverseOpt = Annotated[
    Path | None,
    typer.Option(
        "--universe",
        help="Universe TOML file (default: $ROTOSCOPE_UNIVERSE, else the shipped one).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=show_version, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
) -> None:
    """Print the version when asked; the commands do the work."""


def _emit_json(payload: object) -> None:
    sys.stdout.write(json.dumps(payload, indent=2, default=str) + "\n")


@app.command(cls=HelpCommand)
def init(
    data_dir: DataDirOpt = None,
    universe: UniverseOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even when nothing has changed.")
    ] = False,
) -> None:
    """Build the store from a data mirror, or do nothing when it is up to date.

    The build goes to a temporary file that replaces the store only when complete,
    so a failure leaves the previous store untouched. Malformed files are refused
    with their file, line and column.
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from rotoscope._api import init_store, open_store

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} files"),
        TimeElapsedColumn(),
        console=ui.err,
        transient=True,
        disable=not ui.err.is_terminal,
    ) as bar:
        task = bar.add_task("scanning the mirror", total=None)

        def tick(description: str, done: int, total: int) -> None:
            bar.update(task, description=escape(description), completed=done, total=total)

        try:
            result = init_store(data_dir, universe=universe, force=force, progress=tick)
        except KeyboardInterrupt:
            bar.stop()
            ui.err.print("interrupted: the build stopped and the store was left as it was")
            raise typer.Exit(130) from None
    if not result.changed:
        ui.out.print(f"Store {escape(str(result.path))} is up to date with the mirror; "
                  "nothing to do.")
        return
    ui.out.print(
        f"Built {escape(str(result.path))}: {result.rows:,} rows from {result.files} files "
        f"in {result.seconds:.1f} s."
    )
    for warning in result.warnings:
        ui.err.print(f"[yellow]note[/]: {escape(warning)}")
    for rel, count in result.duplicates.items():
        ui.out.print(f"[yellow]note[/]: {escape(rel)}: {count} exact duplicate row(s) collapsed")
    with open_store(result.path, universe) as rs:
        report = rs.check_data()
    if report.findings:
        ui.out.print(
            f"Data check: {report.errors} error(s), {report.warnings} warning(s); "
            "run 'rotoscope data check' for details."
        )


@app.command(cls=HelpCommand)
def fetch(
    provider: Annotated[
        str, typer.Option("--provider", "-p", help="yahoo, fred, french or stooq.")
    ],
    symbols: Annotated[
        str,
        typer.Option(
            "--symbols", "-s",
            help="Comma-separated symbols (yahoo, stooq), FRED series ids, or French "
            "dataset names (e.g. F-F_Research_Data_Factors_daily).",
        ),
    ],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Mirror directory to write.")],
    start: Annotated[
        str, typer.Option("--start", help="First date, YYYY-MM-DD.")
    ] = "1990-01-01",
    end: Annotated[
        str | None, typer.Option("--end", help="Last date, YYYY-MM-DD (default: today).")
    ] = None,
) -> None:
    """Download data from the internet into a mirror directory (same layout as shared/data).

    Every symbol is downloaded before anything is written: a failure leaves the
    mirror as it was. Each file is recorded in the mirror's provenance.json.
    Then run 'rotoscope init --data-dir OUT' to load it.
    """
    from rotoscope.providers import fetch_to_mirror

    names = [s.strip() for s in symbols.split(",") if s.strip()]
    try:
        first = dt.date.fromisoformat(start)
        last = dt.date.fromisoformat(end) if end else None
    except ValueError as exc:
        raise typer.BadParameter(f"dates are YYYY-MM-DD: {exc}") from exc
    with ui.err.status(f"fetching {len(names)} series from {provider}"):
        written = fetch_to_mirror(provider, names, first, last, out_dir)
    for path in written:
        ui.out.print(f"wrote {escape(str(path))}")
    ui.out.print(f"Load it with: rotoscope init --data-dir {escape(str(out_dir))}")


@data_app.command("status", cls=HelpCommand)
def data_status(
    as_json: JsonOpt = False,
    members: Annotated[
        bool, typer.Option("--members", help="List every index member, not one panel row.")
    ] = False,
) -> None:
    """List every series in the store with its dates, rows, fields and source."""
    from rotoscope._api import open_store
    from rotoscope.config import store_path
    from rotoscope.freshness import freshness

    with open_store() as rs:
        rows = rs.status(include_members=members)
        meta = rs.store.meta()
        age = freshness(rs.last_date)
    if as_json:
        _emit_json([r.to_dict() for r in rows])
        return
    from rich.table import Table

    table = Table(title=f"rotoscope store: {escape(str(store_path()))}", title_justify="left")
    for col, kw in (
        ("symbol", {"style": "bold", "min_width": 8, "max_width": 24, "overflow": "fold"}),
        ("name", {"max_width": 30, "overflow": "ellipsis", "no_wrap": True}),
        ("kind", {"no_wrap": True}),
        ("first", {"no_wrap": True, "min_width": 10}),
        ("last", {"no_wrap": True, "min_width": 10}),
        ("rows", {"justify": "right", "no_wrap": True, "min_width": 9}),
        ("fields", {"no_wrap": True, "max_width": 36, "overflow": "ellipsis"}),
        ("source", {"max_width": 48, "overflow": "ellipsis", "no_wrap": True}),
    ):
        table.add_column(col, **kw)
    for r in rows:
        names = list(r.fields)
        if {"open", "high", "low"} <= set(names):
            names = ["OHLC" if n == "open" else n for n in names if n not in ("high", "low")]
        fields = ",".join(n for n in names if not (n == "close" and "OHLC" in names))
        adj_last = r.field_last_dates.get("adj_close")
        if adj_last and r.last_date and adj_last != r.last_date.isoformat():
            fields += f" (adj to {adj_last})"
        table.add_row(*map(escape, (
            r.symbol, r.name, r.kind,
            str(r.first_date or ""), str(r.last_date or ""), f"{r.rows:,}",
            fields, r.source,
        )))
    ui.out.print(table)
    ui.out.print(f"Built {escape(meta.get('built_at', '?'))} from "
              f"{escape(meta.get('data_dir', '?'))}.")
    ui.out.print(f"[yellow]{escape(age.describe())}[/]" if age.stale else escape(age.describe()))


@data_app.command("check", cls=HelpCommand)
def data_check(
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    mirror: Annotated[
        bool,
        typer.Option("--mirror", help="Check the mirror's files instead of the store."),
    ] = False,
) -> None:
    """Report data errors and warnings: impossible prices, gaps, splits, staleness.

    By default the store is checked; --mirror (or --data-dir) checks the mirror's
    files, structure included, naming file, line and column. Exits 1 when an
    error is found.
    """
    from rotoscope._api import open_store
    from rotoscope.config import default_data_dir

    with open_store() as rs:
        target = default_data_dir(data_dir) if (mirror or data_dir) else None
        report = rs.check_data(target)
    if as_json:
        _emit_json(report.to_dict())
    else:
        from rich.table import Table

        table = Table(title=f"data check: {escape(str(report.target))}", title_justify="left")
        for col in ("severity", "check", "series", "count", "dates", "detail"):
            table.add_column(col, overflow="fold")
        for f in report.findings:
            colour = "red" if f.severity == "error" else "yellow"
            dates = f"{f.first_date}..{f.last_date}" if f.first_date else ""
            table.add_row(f"[{colour}]{f.severity}[/]", *map(escape, (
                f.check, f.symbol, str(f.count), dates, f.detail)))
        if report.findings:
            ui.out.print(table)
        ui.out.print(f"{report.errors} error(s), {report.warnings} warning(s).")
    if report.errors:
        raise typer.Exit(1)


@app.command(cls=HelpCommand)
def facts(
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date (YYYY-MM-DD); default: the last date in the store.",
                     show_default=False),
    ] = None,
    as_json: JsonOpt = False,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="Only facts of this kind or its sub-kinds (e.g. 'streak', "
                     "'return', 'sector.leader').", show_default=False),
    ] = None,
    subject: Annotated[
        str | None,
        typer.Option("--subject", help="Only facts about this series (e.g. ^RUT).",
                     show_default=False),
    ] = None,
    gaps: Annotated[
        bool, typer.Option("--gaps", help="Also list what could not be computed, and why.")
    ] = False,
    universe: UniverseOpt = None,
) -> None:
    """Print every fact for a date: value, label, inputs (series, field, dates) and method.

    Every number rotoscope ever states is one of these facts. Nothing after the
    as-of date is read. What cannot be computed (for example a price return for a
    series without raw closes) is not guessed: --gaps lists it with the reason.
    """
    from rotoscope._api import open_store

    with open_store(universe=universe) as rs:
        if subject is not None:
            subject = rs.store.resolve(subject)
        with working("computing facts", show=not as_json) as step:
            fs = rs.facts(as_of, progress=step)
    selected = fs.select(kind, subject)
    if kind is not None and not fs.select(kind):
        kinds = sorted({f.kind.split(".")[0] for f in fs})
        example = next((f.kind for f in fs if "." in f.kind), "")
        raise RotoscopeError(f"--kind {shorten(kind)} matches no fact on {fs.as_of}; the kinds "
                             f"are {', '.join(kinds)}, each with its sub-kinds (e.g. {example})")
    if as_json:
        # pydantic's own serializer writes the facts' JSON (the same text as
        # json.dumps(indent=2) of model_dump, in a sixth of the time).
        from pydantic import TypeAdapter

        payload: object = list(selected)
        if gaps:
            payload = {"facts": payload,
                       "gaps": [{"what": g.what, "reason": g.reason} for g in fs.gaps]}
        sys.stdout.write(TypeAdapter(Any).dump_json(payload, indent=2).decode() + "\n")
        return
    from rich.table import Table

    table = Table(title=f"{len(selected):,} facts as of {fs.as_of}", title_justify="left")
    table.add_column("id", style="dim", overflow="fold", max_width=60)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("label", overflow="fold", max_width=60)
    table.add_column("inputs", overflow="fold", max_width=50)
    for f in selected:
        inputs = "; ".join(f"{i.series} {i.field} {i.first}..{i.last}" for i in f.inputs[:3])
        if len(f.inputs) > 3:
            inputs += f"; +{len(f.inputs) - 3} more"
        table.add_row(*map(escape, (f.id, f.formatted(), f.label + (" *" if f.notes else ""),
                                    inputs)))
    ui.out.print(table)
    if any(f.notes for f in selected):
        ui.out.print("* the fact carries a note (see --json).")
    if gaps:
        gap_table = Table(title=f"{len(fs.gaps)} gaps", title_justify="left")
        gap_table.add_column("what")
        gap_table.add_column("reason", overflow="fold")
        for g in fs.gaps:
            gap_table.add_row(escape(g.what), escape(g.reason))
        ui.out.print(gap_table)
    else:
        ui.out.print(f"{len(fs.gaps)} item(s) could not be computed; --gaps lists them.")


@app.command(cls=HelpCommand)
def check(
    source: Annotated[
        str, typer.Argument(help="Text file to check, or '-' to read standard input.",
                            metavar="FILE|-")
    ],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date the text speaks as of (YYYY-MM-DD); default: its "
                     "dateline, else the store's last date.", show_default=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON report.")] = False,
    html_out: Annotated[
        Path | None,
        typer.Option("--html", help="Also write an annotated HTML page with the evidence on "
                     "hover.", show_default=False, metavar="OUT"),
    ] = None,
    fail_on: Annotated[
        list[FailOn] | None,
        typer.Option("--fail-on", help="Exit 1 when any claim has this verdict (repeat the "
                     "option for both); for gating a publishing pipeline.",
                     show_default=False),
    ] = None,
    universe: UniverseOpt = None,
) -> None:
    """Find the numeric market claims in a text and verify each against the data.

    Every claim (a change, level, spread, streak and its rarity, moving average or
    weekly range of a series the universe knows) gets a verdict: confirmed,
    approximate (within tolerance, or under another convention such as total
    return or an ETF proxy), contradicted (with the computed value and the likely
    cause) or unverifiable (valuations, flows, forecasts; outside the data).
    Claims that contradict each other are listed too. Exit status is 0 whatever
    the verdicts unless --fail-on names one that a claim has (then 1); unreadable
    input gives status 2.
    """
    from rotoscope._api import open_store
    from rotoscope.check import decode_text
    from rotoscope.freshness import WEEKS_OLD_DAYS, freshness

    if html_out is not None:
        writable(html_out, "--html")
    text = decode_text(*read_source(source))
    with open_store(universe=universe) as rs, working("checking claims", show=not as_json):
        result = rs.check_claims(text, as_of)
        age = freshness(rs.last_date)
    dated_by_old_data = result.date_source == "data" and age.age_days >= WEEKS_OLD_DAYS
    warning = (f"The text has no date, so it was checked as of {result.as_of}, the data's "
               f"last date, which is {age.age_days} days old; pass --as-of DATE or run "
               "'rotoscope update'.") if dated_by_old_data else None
    if html_out is not None:
        from rotoscope.check import render_html

        title = f"rotoscope check: {Path(source).name if source != '-' else 'standard input'}"
        write_file(html_out, render_html(result, title), "--html")
        ui.err.print(f"Wrote {escape(str(html_out))}")
    if as_json:
        _emit_json({**result.to_dict(), "data_freshness": {**age.to_dict(), "warning": warning}})
    else:
        from rotoscope.check import render_terminal

        render_terminal(result, ui.out)
        if warning:
            ui.out.print(f"[yellow]{warning}[/]")
    failing = {v.value for v in fail_on or ()}
    found = {verdict: n for verdict, n in result.summary().items() if verdict in failing and n}
    if found:
        ui.err.print("check failed: " + ", ".join(f"{n} {v}" for v, n in sorted(found.items())))
        raise typer.Exit(1)


@app.command(cls=HelpCommand)
def report(
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date of the note (YYYY-MM-DD); default: the last "
                     "date at which every rotation dimension has data.", show_default=False),
    ] = None,
    fmt: Annotated[
        NoteFormat, typer.Option("--format", help="html (self-contained, charts inline), md "
                                 "(footnoted) or json (sections and every fact)."),
    ] = NoteFormat.html,
    out_path: Annotated[
        Path | None,
        typer.Option("--out", help="File to write, or '-' for standard output; default: "
                     "reports/rotoscope-note-DATE.EXT.", show_default=False, metavar="PATH"),
    ] = None,
    generated_at: Annotated[
        str | None,
        typer.Option("--generated-at", help="Generation stamp printed in the note; default: "
                     "the note's date, so reruns give identical files.", show_default=False),
    ] = None,
    universe: UniverseOpt = None,
) -> None:
    """Write the market-rotation research note for a date, then audit it.

    Every number in the note is a computed fact with its inputs, method and
    source: hover or click it in the HTML, follow its footnote in Markdown, or
    read the facts list in JSON. Before anything is written the note's text is
    re-checked against the store by the claim checker; if any number does not
    verify, nothing is written and the command fails with the problems listed.
    """
    from rotoscope._api import open_store
    from rotoscope.report import render_html, render_json, render_markdown

    renderers = {NoteFormat.html: render_html, NoteFormat.md: render_markdown,
                 NoteFormat.json: render_json}
    to_stdout = out_path is not None and str(out_path) == "-"
    if out_path is not None and not to_stdout:
        writable(out_path, "--out")
    with open_store(universe=universe) as rs:
        if as_of is None:
            as_of = _default_note_date(rs, ui.err).isoformat()
        with working("computing facts, writing and auditing the note", show=True):
            note, audit = rs.report(as_of, generated_at)
            text = renderers[fmt](note)
    if to_stdout:
        sys.stdout.write(text)
        report_summary(note, audit, None, ui.err)
        return
    target = out_path or Path("reports") / f"rotoscope-note-{note.session}.{fmt.value}"
    if out_path is None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RotoscopeError(f"cannot create the folder {target.parent} for the note: "
                                 f"{exc.strerror}") from exc
    write_file(target, text, "--out")
    report_summary(note, audit, target, ui.out)


@app.command(cls=HelpCommand)
def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.",
                                            metavar="QUESTION")],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date to answer as of (YYYY-MM-DD); default: the store's "
                     "last date.", show_default=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON: question, "
                                          "answerable, answer, interpretation, facts, table.")
                       ] = False,
    no_llm: Annotated[bool, typer.Option("--no-llm", help="Do not use the language model even "
                                         "when ROTOSCOPE_LLM_URL and ROTOSCOPE_LLM_MODEL are "
                                         "set.")] = False,
    universe: UniverseOpt = None,
) -> None:
    """Answer a question about the market data in cited sentences.

    Every number in the answer is a computed fact (the table below it lists each
    with its dates and fact id), and the answer is re-checked by the claim
    checker. Examples: "How did small caps do against large caps in January
    2026?", "Which sectors led over the past 30 sessions?", "Is the S&P 500 above
    its 200-day moving average?", "What happened after past small-cap streaks
    this long?". Questions the data cannot answer (valuations, fund flows,
    forecasts, news, series outside the store) are declined with the reason; the
    exit status is then 1.
    """
    from rotoscope._api import open_store

    with open_store(universe=universe) as rs:
        answer = rs.ask(question, as_of, llm=None if no_llm else "env")
    if as_json:
        _emit_json(answer.model_dump(mode="json"))
    else:
        answer_terminal(answer, ui.out)
    if not answer.answerable:
        raise typer.Exit(1)


@app.command(cls=HelpCommand)
def panel(
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date (YYYY-MM-DD); default: the member panel's last date.",
                     show_default=False),
    ] = None,
    benchmark: Annotated[
        str, typer.Option("--benchmark", help="Series for relative strength.")
    ] = "SPY",
    sort: Annotated[
        str, typer.Option("--sort", help="Snapshot column to rank by, e.g. ret_63, dist_sma200, "
                          "rs_dist, rs_streak, from_hi.")
    ] = "ret_21",
    top: Annotated[int, typer.Option("--top", min=1, help="Members shown at each end.")] = 10,
    engine: Annotated[
        Engine, typer.Option("--engine", help="duckdb (the store's) or spark "
                             "(pip install 'rotoscope\\[spark]').")
    ] = Engine.duckdb,
    master: Annotated[
        str, typer.Option("--spark-master", help="Spark master URL for --engine spark.")
    ] = "local[*]",
    out_path: Annotated[
        Path | None,
        typer.Option("--out", help="Also write the whole snapshot (.csv or .parquet).",
                     show_default=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: the as-of date, the "
                                          "day's breadth and every member's snapshot row.")
                       ] = False,
    universe: UniverseOpt = None,
) -> None:
    """Screen every S&P 500 member and print the day's breadth.

    For each member: returns over 1, 5, 21, 63 and 252 sessions and year to
    date, the distance from the 50- and 200-session averages, the 52-week
    high and low, and relative strength against the benchmark with its
    outperformance streak. Then breadth across members: the share above each
    average, advances and declines, new highs and lows. One definition, two
    engines with the same results: DuckDB computes it on dense arrays, Spark
    runs it as Ibis window expressions. The panel holds today's members only
    (survivorship bias in older dates).
    """
    from rotoscope._api import open_store

    with open_store(universe=universe) as rs, working(f"computing the panel on {engine.value}",
                                                      show=not as_json):
        result = rs.panel(as_of, benchmark, "spark" if engine is Engine.spark else "duckdb", master)
    # The sort key and the JSON need no frame: --json imports neither Polars nor pyarrow.
    if sort not in result.columns or sort in ("symbol", "date"):
        raise RotoscopeError(f"cannot sort by '{sort}': use one of "
                             f"{', '.join(result.numeric_columns)}")
    if as_json and out_path is None:
        _emit_json(result.to_dict())
        return
    snap = result.snapshot
    if out_path is not None:
        if out_path.suffix == ".parquet":
            snap.write_parquet(out_path)
        elif out_path.suffix == ".csv":
            snap.write_csv(out_path)
        else:
            raise RotoscopeError(f"--out {out_path}: write .csv or .parquet")
    if as_json:
        _emit_json(result.to_dict())
        return
    day_rows = result.breadth.filter(result.breadth["date"] == result.as_of)
    current = snap.filter(snap["date"] == result.as_of)
    stale = snap.height - current.height
    if as_of is not None and str(result.as_of) < as_of:
        ui.out.print(f"[yellow]The member panel ends on {result.as_of}; shown as of that date.[/]")
    left_out = f", {stale} without (left out below)" if stale else ""
    ui.out.print(f"[bold]S&P 500 member panel as of {result.as_of}[/]: {current.height} members "
                 f"with a close that day{left_out}")
    if day_rows.height:
        b = day_rows.row(0, named=True)
        ui.out.print(f"  above 50-day average {b['pct_above50']:.1f}% · above 200-day "
                     f"{b['pct_above200']:.1f}% · advances {b['advances']} / declines "
                     f"{b['declines']} · 52-week highs {b['new_highs']} / lows {b['new_lows']}")
    ranked = current.drop_nulls(sort).sort(sort, descending=True)
    shown = ["symbol", "last", "ret_1", "ret_21", "ret_63", "ret_ytd", "dist_sma50",
             "dist_sma200", "from_hi", "rs_dist", "rs_streak"]
    if sort not in shown:
        shown.append(sort)
    for title, part in ((f"top {top} by {sort}", ranked.head(top)),
                        (f"bottom {top} by {sort}", ranked.tail(top).reverse())):
        from rich.table import Table

        table = Table(title=title, title_justify="left")
        for col in shown:
            table.add_column(col, justify="left" if col == "symbol" else "right",
                             style="bold" if col == sort else None)
        for row in part.iter_rows(named=True):
            table.add_row(*[escape(_cell(row[c])) for c in shown])
        ui.out.print(table)
    ui.out.print("[dim]returns and distances in percent; rs_streak: sessions in a row beating "
                 f"(+) or trailing (-) {benchmark}; adjusted closes (total return).[/]")


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


@app.command(cls=HelpCommand)
def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to listen on. The default "
                                      "serves this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    log_level: Annotated[
        LogLevel, typer.Option("--log-level", help="uvicorn log level.")] = LogLevel.info,
    universe: UniverseOpt = None,
) -> None:
    """Serve the dashboard, the note, the checker and the JSON API over HTTP.

    Open http://127.0.0.1:8000/ for the dashboard of the last date; /note is the
    research note and /check the claim checker. The API is described at
    /openapi.json (see docs/serve.md). The store is opened read-only: nothing a
    request does can change it. Stop the server with Ctrl-C.
    """
    from rotoscope.web import serve as run

    if host not in ("127.0.0.1", "localhost", "::1"):
        ui.err.print(f"[yellow]warning:[/] listening on {escape(host)}: other machines can "
                     "reach the app. It is read-only, but has no authentication.")
    ui.err.print(escape(f"rotoscope: serving http://{'[' + host + ']' if ':' in host else host}"
                        f":{port}/ (Ctrl-C stops)"))
    run(host, port, universe=universe, log_level=log_level.value)


def _default_note_date(rs: Rotoscope, console: Console) -> dt.date:
    """Return the default note date, saying in one line when the store goes further."""
    from rotoscope.report import default_date

    day = default_date(rs.store, rs.universe)
    last = rs.last_date
    if day < last:
        console.print(f"Note for {day}, the last date with every rotation dimension; the data "
                      f"run to {last} with fewer (use --as-of {last} for it).")
    return day


app.command("update", cls=HelpCommand)(update_command)


def main() -> None:
    """Entry point of the ``rotoscope`` console script."""
    try:
        app()
    except RotoscopeError as exc:
        # a message quotes data (file names, values, claims): never read it as markup
        ui.err.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        ui.err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
