"""Internet providers that write a data mirror: Yahoo (yfinance), FRED, Kenneth French, Stooq.

Each provider follows transform-query -> extract -> transform-data with an
injectable ``httpx`` transport, and is registered here by name and aliases.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx

from rotoscope.exceptions import ConfigError
from rotoscope.providers._base import USER_AGENT, FetchQuery, MirrorPiece, Provider, Request
from rotoscope.providers._writer import write_pieces
from rotoscope.providers.fred import FredProvider
from rotoscope.providers.french import FrenchProvider
from rotoscope.providers.stooq import StooqProvider
from rotoscope.providers.yahoo import YahooProvider

__all__ = [
    "PROVIDERS",
    "USER_AGENT",
    "FetchQuery",
    "FredProvider",
    "FrenchProvider",
    "MirrorPiece",
    "Provider",
    "Request",
    "StooqProvider",
    "YahooProvider",
    "fetch_to_mirror",
    "get_provider",
    "write_pieces",
]

PROVIDERS: dict[str, type[Provider]] = {
    cls.name: cls for cls in (YahooProvider, FredProvider, FrenchProvider, StooqProvider)
}


def get_provider(name: str) -> type[Provider]:
    """Return the provider class registered under ``name`` or one of its aliases.

    Raises
    ------
    ConfigError
        For an unknown name; the message lists the known ones.
    """
    key = name.lower().strip()
    for cls in PROVIDERS.values():
        if key == cls.name or key in cls.aliases:
            return cls
    raise ConfigError(f"unknown provider '{name}'; choose from {', '.join(sorted(PROVIDERS))}")


def fetch_to_mirror(
    provider: str | Provider,
    symbols: list[str],
    start: dt.date,
    end: dt.date | None,
    out: Path,
    transport: httpx.BaseTransport | None = None,
) -> list[Path]:
    """Fetch ``symbols`` and write them into the mirror at ``out``; all or nothing.

    Returns
    -------
    list of Path
        The files written.
    """
    instance = provider if isinstance(provider, Provider) else get_provider(provider)(transport)
    query = FetchQuery(tuple(symbols), start, end or dt.date.today())
    pieces = instance.fetch(query)
    return write_pieces(out, pieces, instance.name)
