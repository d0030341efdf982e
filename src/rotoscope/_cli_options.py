"""Choices and shared options of the command line, so ``--help`` lists them."""

from __future__ import annotations

import sys
from enum import StrEnum

import typer

from rotoscope._version import __version__

__all__ = ["EXIT_CODES", "Engine", "FailOn", "LogLevel", "NoteFormat", "show_version"]

#: The exit statuses every command keeps to (also in the README).
EXIT_CODES = ("Exit status: 0 all went well; 1 a finding (a data check error, a declined "
              "question, a claim with a --fail-on verdict); 2 a usage "
              "or data error (a bad option, a missing store or mirror, a malformed "
              "file, a failed download).")


class NoteFormat(StrEnum):
    """Formats of ``rotoscope report``."""

    html = "html"
    md = "md"
    json = "json"


class Engine(StrEnum):
    """Engines of ``rotoscope panel``."""

    duckdb = "duckdb"
    spark = "spark"


class LogLevel(StrEnum):
    """uvicorn log levels of ``rotoscope serve``."""

    critical = "critical"
    error = "error"
    warning = "warning"
    info = "info"
    debug = "debug"


class FailOn(StrEnum):
    """Verdicts that make ``rotoscope check --fail-on`` exit 1."""

    contradicted = "contradicted"
    approximate = "approximate"


def show_version(value: bool) -> None:
    """Print ``rotoscope VERSION`` and exit 0 when ``--version`` is given."""
    if value:
        sys.stdout.write(f"rotoscope {__version__}\n")
        raise typer.Exit(0)
