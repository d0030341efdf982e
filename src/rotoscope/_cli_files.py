"""Files the command line reads and writes: checked before any work, written whole or not at all."""

from __future__ import annotations

import sys
from pathlib import Path

from rotoscope.exceptions import RotoscopeError

__all__ = ["read_source", "writable", "write_file"]


def read_source(source: str) -> tuple[bytes, str]:
    """Return the bytes of a file to read (``-``: standard input) and how to name it.

    Raises
    ------
    RotoscopeError
        For a directory, a missing file or one that cannot be read, saying which.
    """
    if source == "-":
        return sys.stdin.buffer.read(), "standard input"
    path = Path(source)
    if path.is_dir():
        raise RotoscopeError(f"{source} is a directory: give a text file, or '-' to read "
                             "standard input")
    if not path.is_file():
        raise RotoscopeError(f"{source}: no such file")
    try:
        return path.read_bytes(), str(path)
    except OSError as exc:
        raise RotoscopeError(f"{source}: cannot be read ({exc.strerror})") from exc


def writable(target: Path, option: str) -> None:
    """Refuse, before any work, an output path that cannot be written as a file."""
    if target.is_dir():
        raise RotoscopeError(f"{option} {target} is a directory: give a file name, e.g. "
                             f"{target / 'out.html'}")
    if not target.parent.is_dir():
        raise RotoscopeError(f"{option} {target}: the folder {target.parent} does not exist; "
                             "create it first")


def write_file(target: Path, text: str, option: str) -> None:
    """Write ``text`` to ``target`` through a temporary file beside it; nothing is left over."""
    writable(target, option)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        raise RotoscopeError(f"{option} {target}: cannot be written "
                             f"({exc.strerror or exc})") from exc
    finally:
        tmp.unlink(missing_ok=True)
