"""The command line's typer command and group, whose help screens rotoscope draws.

typer draws its help with ``typer.rich_utils``, which imports rich's Markdown
renderer (markdown-it and Pygments) to support a markup mode rotoscope does
not use: about a third of what ``rotoscope --help`` took
(``benchmarks/startup.py``). These classes hand the screen to
:func:`rotoscope._cli_help_screen.draw_help` instead, which draws the same
panels from click's own help records, and imports rich only then: a command
run without ``--help`` loads none of it.
"""

from __future__ import annotations

from typing import Any

import typer.core

__all__ = ["HelpCommand", "HelpGroup"]


class _Drawn:
    """Hands a command's help screen to :func:`~rotoscope._cli_help_screen.draw_help`."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from rotoscope._cli_help_screen import draw_help

        draw_help(self, ctx)


class HelpCommand(_Drawn, typer.core.TyperCommand):
    """A typer command whose help screen rotoscope draws (see the module)."""


class HelpGroup(_Drawn, typer.core.TyperGroup):
    """A typer group whose help screen rotoscope draws (see the module)."""
