"""How the command line prints: its consoles, the progress line, answers and note summaries.

The consoles are made on first use, so a command that prints JSON and succeeds
never imports rich.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    #: The command line's two consoles: results on standard output, messages on
    #: standard error (made on first use: a command that prints JSON and succeeds
    #: never imports rich's console).
    out: Console
    err: Console

__all__ = ["answer_terminal", "console", "err", "escape", "out", "report_summary", "working"]


@functools.cache
def console(stderr: bool = False) -> Console:
    """Return the console on standard error or standard output, made on first use."""
    from rich.console import Console

    if stderr:
        return Console(stderr=True, highlight=False, soft_wrap=True)
    # piped output gets a wide console so tables stay readable in files and pagers
    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 180)


def __getattr__(name: str) -> Any:
    if name in ("out", "err"):
        return console(stderr=name == "err")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def escape(markup: str) -> str:
    """Escape text for rich's markup (:func:`rich.markup.escape`, imported on first use)."""
    from rich.markup import escape as rich_escape

    return rich_escape(markup)


@contextlib.contextmanager
def working(label: str, show: bool) -> Iterator[Callable[[str], None]]:
    """Show ``label`` and the time elapsed on standard error while the block runs.

    Yields a function that appends a word to the label (the step under way).
    The line is transient, and drawn only when ``show`` and standard error is
    a terminal: rich's progress display is imported only then.
    """
    if not (show and console(stderr=True).is_terminal):
        yield lambda _step: None
        return
    from rich.progress import Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("[bold]{task.description}"), TimeElapsedColumn(),
                  console=console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda step: bar.update(task, description=f"{label}: {step}")


def answer_terminal(answer: Any, console: Console) -> None:
    """Print an answer: the prose, the table of facts behind it and the notes."""
    if not answer.answerable:
        console.print(f"[yellow]{escape(answer.answer)}[/]")
        if answer.suggestions:
            console.print("\n[bold]You could ask instead:[/]")
            for s in answer.suggestions:
                console.print(f"  - {escape(s)}")
        return
    console.print(escape(answer.answer))
    if answer.table:
        from rich.table import Table

        table = Table(title=f"The facts behind it (as of {escape(str(answer.as_of))})",
                      title_justify="left",
                      header_style="bold")
        table.add_column("What")
        table.add_column("Value", justify="right")
        table.add_column("From")
        table.add_column("To")
        table.add_column("Fact", style="dim", overflow="fold")
        for row in answer.table:
            table.add_row(*map(escape, (row.label, row.value, row.start or "", row.end or "",
                                        row.fact)))
        console.print(table)
    for note in answer.notes:
        console.print(f"[dim]Note: {escape(note)}[/]")
    v = answer.verification
    if v.get("ok"):
        console.print(f"[green]Verified:[/] {v['numbers']} numbers, each a fact; the claim "
                      f"checker confirmed {v['confirmed']} claims in the answer.")
    elif v:
        console.print("[red]Verification failed:[/] "
                      + escape("; ".join(v.get("failures", []))))


def report_summary(note: Any, audit: Any, path: Path | None, console: Console) -> None:
    """Print the note's headline, stances, key numbers and the audit result."""
    from rotoscope.report import Num

    if path is not None:
        console.print(f"[bold]Wrote[/] {escape(str(path))}")
    console.print(f"[bold]{escape(note.title)}[/]  ({note.session})")
    colours = {"Bullish": "green", "Bearish": "red", "Neutral": "white", "Mixed": "yellow"}
    console.print("Stance: " + " · ".join(f"{escape(s.theme)} [{colours[s.label]}]{s.label}[/]"
                                          for s in note.stances))
    summary = next((t for t in note.tables() if t.caption == "Key numbers"), None)
    if summary is not None:
        from rich.table import Table

        table = Table(show_header=False, box=None, pad_edge=False)
        table.add_column(style="dim")
        table.add_column(justify="right")
        for label, value in summary.rows:
            table.add_row(escape(str(label)),
                          escape(value.text if isinstance(value, Num) else str(value)))
        console.print(table)
    console.print(f"[green]Audit passed:[/] {escape(audit.summary())}.")
