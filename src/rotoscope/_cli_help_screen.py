"""The command line's help screens, drawn with rich's panels and tables.

:func:`draw_help` draws what typer's renderer drew (usage, the description,
panels of arguments, options and commands, the epilog) from what click already
knows of each parameter (its ``get_help_record``), with rich's markup in the
texts. Errors are still drawn by typer. See :mod:`rotoscope._cli_help`.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer.core
from rich.highlighter import RegexHighlighter
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.panel import Panel

__all__ = ["draw_help"]


class _OptionHighlighter(RegexHighlighter):
    """Colours option names (``--json``, ``-o``) and value types (``<str>``) in help texts."""

    highlights = [  # noqa: RUF012 (rich reads the class attribute)
        r"(?:^|[\s(,'])(?P<option>--[a-z][\w-]*)",
        r"(?:^|[\s(,'])(?P<switch>-[a-zA-Z])\b",
        r"(?P<kind><[^<>\s]+>)",
    ]


_STYLES = {"option": "bold cyan", "switch": "bold green", "negative": "bold magenta",
           "kind": "bold yellow", "usage": "yellow", "required": "red", "extra": "dim"}
_HIGHLIGHT = _OptionHighlighter()


def _console() -> Console:
    from rich.console import Console
    from rich.theme import Theme

    # the same environment switches as typer's own help: a width and forced colour
    width = os.environ.get("TERMINAL_WIDTH")
    force = True if any(os.environ.get(v) for v in ("GITHUB_ACTIONS", "FORCE_COLOR",
                                                    "PY_COLORS")) else None
    return Console(theme=Theme(_STYLES), highlighter=_HIGHLIGHT,
                   width=int(width) if width else None, force_terminal=force)


def _paragraphs(help_text: str, *, joined: bool = True) -> list[str]:
    """Return the paragraphs of a docstring or help string.

    With ``joined`` each is on one line, except one that starts with a
    backspace (click's rule); without, each keeps the text's own line breaks.
    """
    text = inspect.cleandoc(help_text).partition("\f")[0]
    return [p.strip("\b\n") if p.startswith("\b") or not joined else " ".join(p.split())
            for p in text.split("\n\n") if p.strip()]


def _markup(text: str, style: str = "") -> Text:
    out = Text.from_markup(text, style=style, emoji=False)
    _HIGHLIGHT.highlight(out)
    return out


def _parameter_row(param: Any, ctx: Any) -> tuple[Text, ...]:
    """Return a parameter's cells: required mark, long names, short names, value type, help."""
    record = param.get_help_record(ctx)
    help_text = record[1] if record else ""
    extra = ""
    if help_text.endswith("]") and "  [" in help_text:  # click appends "  [default: x; required]"
        help_text, _, extra = help_text.rpartition("  ")
    if isinstance(param, typer.core.TyperArgument):
        longs = Text(param.human_readable_name, style="option")
        shorts = Text()
        kind = param.type.get_metavar(param=param, ctx=ctx) or f"<{param.type.name}>"
    else:
        longs = Text(", ".join(o for o in param.opts if o.startswith("--")), style="option")
        shorts = Text(", ".join(o for o in param.opts if not o.startswith("--")),
                      style="switch")
        if param.secondary_opts:
            longs.append(" / " + ", ".join(param.secondary_opts), style="negative")
        kind = "" if param.is_flag else param.make_metavar(ctx=ctx)
    description = _markup(" ".join(_paragraphs(help_text)))
    if extra:
        description.append((" " if description.plain else "") + extra, style="extra")
    return (Text("*" if param.required else "", style="required"), longs, shorts,
            Text(kind, style="kind"), description)


def _panel(title: str, rows: Sequence[tuple[Text, ...]], widths: list[int | None]) -> Panel:
    from rich.panel import Panel
    from rich.table import Table

    table = Table(show_header=False, box=None, expand=True, padding=(0, 1), pad_edge=False)
    for i, width in enumerate(widths):
        last = i == len(widths) - 1
        table.add_column(no_wrap=not last, width=width, ratio=10 if last else None)
    for row in rows:
        table.add_row(*row)
    return Panel(table, title=Text(title), title_align="left", border_style="dim")


def draw_help(command: Any, ctx: Any) -> None:
    """Print the help screen of a command or group to standard output."""
    from rich.padding import Padding

    console = _console()
    console.print(Padding(Text.assemble(("Usage: ", "usage"), (command.get_usage(ctx)
                                                                .removeprefix("Usage: "),
                                                                "bold")), 1))
    # the first paragraph on one line; the others dimmed, as the docstring wraps them
    paragraphs = _paragraphs(command.help or "", joined=False)
    if paragraphs:
        console.print(Padding(_markup(" ".join(paragraphs[0].split())), (0, 1, 1, 1)))
        if paragraphs[1:]:
            console.print(Padding(_markup("\n\n".join(paragraphs[1:]), style="dim"),
                                  (0, 1, 1, 1)))
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    for title, kind in (("Arguments", typer.core.TyperArgument),
                        ("Options", typer.core.TyperOption)):
        rows = [_parameter_row(p, ctx) for p in params if isinstance(p, kind)]
        if not any(r[0].plain for r in rows):  # none required: no column for the mark
            rows = [r[1:] for r in rows]
        if rows:
            console.print(_panel(title, rows, [None] * len(rows[0])))
    if isinstance(command, typer.core.TyperGroup):
        listed = [(name, command.get_command(ctx, name)) for name in command.list_commands(ctx)]
        shown = [(name, c) for name, c in listed if c is not None and not c.hidden]
        if shown:
            width = max(len(name) for name, _ in shown)
            rows = [(Text(name, style="bold cyan"),
                     _markup((_paragraphs(c.short_help or c.help or "") or [""])[0]))
                    for name, c in shown]
            console.print(_panel("Commands", rows, [width, None]))
    if command.epilog:
        console.print(Padding(_markup("\n\n".join(_paragraphs(command.epilog))), 1))
