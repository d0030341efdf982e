"""What an answer writer asks of the engine: the interface the writers are typed against.

The writers (``_writers_*.py``) take the engine as their first argument; typing
them against this protocol rather than the engine's class keeps the engine, which
imports the writers, the only side of the tie.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol, TypeVar

from rotoscope.analytics import PointInTime
from rotoscope.ask._query import Query
from rotoscope.prose import Ctx, Piece
from rotoscope.store import Store
from rotoscope.typing import Basis
from rotoscope.universe import Universe

__all__ = ["Asking"]

_T = TypeVar("_T")


class Asking(Protocol):
    """The engine as the writers see it (see :class:`~rotoscope.ask.Asker`)."""

    store: Store
    universe: Universe

    def pit(self, day: dt.date) -> PointInTime:
        """Return the point-in-time view of a date."""
        ...

    def ctx(self, day: dt.date) -> Ctx:
        """Return a writing context for a date."""
        ...

    def basis(self, symbols: tuple[str, ...], day: dt.date,
              fields: tuple[Basis, ...] = ("close", "adj_close"),
              ) -> tuple[Basis, dt.date, list[str]]:
        """Return the close the symbols are compared on, the day, and notes."""
        ...

    def with_basis(self, symbols: tuple[str, ...], day: dt.date,
                   fn: Callable[[Basis, dt.date], _T],
                   fields: tuple[Basis, ...] = ("close", "adj_close"),
                   ) -> tuple[_T, Basis, dt.date, list[str]]:
        """Return ``fn`` computed on the symbols' common close, with the basis and notes."""
        ...

    def period_day(self, q: Query, day: dt.date) -> dt.date:
        """Return the session a period of the query ends on."""
        ...

    def point(self, q: Query, day: dt.date) -> dt.date:
        """Return the session the query asks about."""
        ...

    def nm(self, ctx: Ctx, symbol: str, cap: bool = False) -> Piece:
        """Return a series' name as a piece of text."""
        ...
