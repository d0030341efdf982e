"""Where rotoscope keeps its store and finds its data mirror.

The store lives in the per-user data directory unless ``ROTOSCOPE_HOME`` names
another directory. The mirror is ``ROTOSCOPE_DATA_DIR`` when set, else a
``shared/data`` directory beside the working directory's parent (the layout of a
checkout with the shared mirror next to it).
"""

from __future__ import annotations

import os
from pathlib import Path

from rotoscope.exceptions import ConfigError

__all__ = ["STORE_FILENAME", "default_data_dir", "home_dir", "store_path"]

STORE_FILENAME = "rotoscope.duckdb"


def home_dir() -> Path:
    """Return the directory that holds the store (``ROTOSCOPE_HOME`` or the user data dir)."""
    env = os.environ.get("ROTOSCOPE_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs  # only when ROTOSCOPE_HOME is not set

    return Path(platformdirs.user_data_dir("rotoscope", appauthor=False))


def store_path() -> Path:
    """Return the path of the DuckDB store file."""
    return home_dir() / STORE_FILENAME


def default_data_dir(explicit: str | Path | None = None) -> Path:
    """Resolve the data mirror directory.

    Parameters
    ----------
    explicit
        A directory given on the command line; wins over everything else.

    Returns
    -------
    Path
        ``explicit``, else ``ROTOSCOPE_DATA_DIR``, else ``../shared/data`` relative
        to the current directory when it exists, else ``$ROTOSCOPE_HOME/data``
        (where ``rotoscope update`` downloads) when that exists.

    Raises
    ------
    ConfigError
        When none of these names an existing directory.
    """
    env = os.environ.get("ROTOSCOPE_DATA_DIR")
    if explicit is not None:
        origin, path = "--data-dir", Path(explicit).expanduser()
    elif env:
        origin, path = "ROTOSCOPE_DATA_DIR", Path(env).expanduser()
    else:
        origin, path = "default", Path.cwd().parent / "shared" / "data"
        downloaded = home_dir() / "data"
        if not path.is_dir() and downloaded.is_dir():
            path = downloaded  # the mirror `rotoscope update` writes by default
    if not path.is_dir():
        raise ConfigError(
            f"data mirror directory {path} ({origin}) does not exist; "
            "pass --data-dir DIR or set ROTOSCOPE_DATA_DIR, or run 'rotoscope update' "
            "to download the data (needs network)"
        )
    return path
