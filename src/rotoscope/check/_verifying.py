"""What a claim's handler may ask of the verifier: the :class:`Verifying` protocol.

The handlers of each kind of claim (runs, extremes, standings, the curve, seasons,
bulletin lines, technicals, intraday moves) live in modules of their own and are
typed against this protocol, so only :mod:`rotoscope.check._verify` imports them and
no module imports the verifier back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from rotoscope.analytics import PointInTime
    from rotoscope.check._frames import Claim
    from rotoscope.check._verdicts import CheckedClaim
    from rotoscope.facts import Fact
    from rotoscope.universe import Universe

__all__ = ["Verifying"]



class Verifying(Protocol):
    """The verifier's services to the claim handlers (see ``Verifier`` for each)."""

    universe: Universe
    reference: dt.date

    def pit(self, day: dt.date) -> PointInTime: ...

    def session_before(self, day: dt.date) -> dt.date: ...

    def session_on_or_before(self, day: dt.date) -> dt.date: ...

    def complete_week(self, day: dt.date) -> dt.date: ...

    def end_of(self, claim: Claim) -> dt.date: ...

    def kind_of(self, symbol: str) -> str: ...

    def price_field(self, symbol: str, end: dt.date) -> Literal["close", "adj_close"]: ...

    def stand_in_for(self, symbol: str, end: dt.date) -> tuple[str, dt.date | None] | None: ...

    def result(self, claim: Claim, value: float, facts: list[Fact], what: str,
               start: dt.date | None, end: dt.date | None,
               alternatives: list[tuple[str, Callable[[], tuple[float, list[Fact]]], str]],
               proxy_note: str = "") -> CheckedClaim: ...

    def neighbours(self, end: dt.date,
                   make: Callable[[dt.date], Callable[[], tuple[float, list[Fact]]]],
                   window: str) -> list[tuple[str, Callable[[], tuple[float, list[Fact]]],
                                              str]]: ...
