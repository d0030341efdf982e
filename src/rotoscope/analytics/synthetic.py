"""A seeded synthetic universe for benchmarks and engine tests, never for analysis.

:func:`synthetic_panel` draws N symbols x T sessions of random-walk prices on
the NYSE calendar, shaped like a real equity universe rather than like white
noise:

- a market factor with Student-t shocks (5 degrees of freedom) and GARCH(1,1)
  volatility clustering around 17% a year;
- eleven sector factors (0.8% a day each);
- per symbol: a market beta between 0.6 and 1.4, one sector, idiosyncratic
  volatility log-normal around 1.5% a day, a starting price log-normal around
  $40;
- a share of symbols (``listed_late``) that start trading at a random later
  session, so the panel is ragged like index membership.

The benchmark is the market factor compounded from 100. The same seed gives
the same panel on every machine (NumPy's PCG64).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from rotoscope.calendar import sessions as all_sessions

__all__ = ["SyntheticPanel", "synthetic_panel"]

_SECTORS = 11
_LONG_RUN_VOL = 0.17 / np.sqrt(252)
_GARCH_ALPHA, _GARCH_BETA = 0.08, 0.90


@dataclass(frozen=True)
class SyntheticPanel:
    """A synthetic universe: long member prices and a benchmark, as Arrow tables.

    ``members`` has columns ``symbol`` (``S00000``...), ``date`` and
    ``adj_close``, sorted by symbol then date; ``benchmark`` has ``date`` and
    ``adj_close``.
    """

    members: pa.Table
    benchmark: pa.Table
    symbols: int
    sessions: int
    seed: int

    @property
    def rows(self) -> int:
        """Rows of member prices (fewer than symbols x sessions: late listings)."""
        return int(self.members.num_rows)


def synthetic_panel(
    symbols: int,
    sessions: int,
    seed: int = 0,
    end: dt.date = dt.date(2026, 7, 31),
    listed_late: float = 0.2,
) -> SyntheticPanel:
    """Draw a seeded synthetic universe of ``symbols`` x ``sessions`` ending at ``end``.

    Raises
    ------
    ValueError
        When a size is not positive, ``listed_late`` is outside [0, 1], or the
        calendar holds fewer than ``sessions`` sessions up to ``end``.
    """
    if symbols < 1 or sessions < 2:
        raise ValueError(f"a synthetic panel needs at least 1 symbol and 2 sessions, "
                         f"not {symbols} x {sessions}")
    if not 0.0 <= listed_late <= 1.0:
        raise ValueError(f"listed_late is a share between 0 and 1, not {listed_late}")
    days = all_sessions()
    days = days[days <= np.datetime64(end, "D")]
    if days.size < sessions:
        raise ValueError(f"the NYSE calendar has {days.size} sessions up to {end}, "
                         f"fewer than the {sessions} asked for")
    days = days[-sessions:]
    rng = np.random.default_rng(seed)

    # Market: Student-t shocks scaled to unit variance, GARCH(1,1) volatility.
    shocks = rng.standard_t(5, sessions) / np.sqrt(5 / 3)
    omega = _LONG_RUN_VOL**2 * (1 - _GARCH_ALPHA - _GARCH_BETA)
    market = np.empty(sessions)
    var = _LONG_RUN_VOL**2
    for i in range(sessions):
        market[i] = np.sqrt(var) * shocks[i] + 0.0003
        var = omega + _GARCH_ALPHA * market[i] ** 2 + _GARCH_BETA * var
    vol_scale = np.abs(market - 0.0003) / _LONG_RUN_VOL  # idiosyncratic risk rises with it
    vol_scale = 0.5 + 0.5 * np.minimum(vol_scale, 4.0)

    sectors = rng.normal(0.0, 0.008, (sessions, _SECTORS))
    beta = rng.uniform(0.6, 1.4, symbols)
    sector_of = rng.integers(0, _SECTORS, symbols)
    idio = rng.lognormal(np.log(0.015), 0.35, symbols)
    start = rng.lognormal(np.log(40.0), 0.8, symbols)

    # Symbol-major layout so the long table comes out sorted by symbol, date.
    returns = rng.standard_normal((symbols, sessions))
    returns *= idio[:, None] * vol_scale[None, :]
    returns += beta[:, None] * market[None, :] + sectors[:, sector_of].T
    np.cumsum(returns, axis=1, out=returns)
    prices = start[:, None] * np.exp(returns)
    del returns

    first = np.zeros(symbols, dtype=np.int64)
    late = rng.random(symbols) < listed_late
    first[late] = rng.integers(1, max(2, sessions - 1), int(late.sum()))
    keep = np.arange(sessions)[None, :] >= first[:, None]

    names = np.array([f"S{i:05d}" for i in range(symbols)])
    counts = sessions - first
    members = pa.table({
        "symbol": pa.array(np.repeat(names, counts)),
        "date": pa.array(np.broadcast_to(days, (symbols, sessions))[keep]),
        "adj_close": pa.array(prices[keep]),
    })
    level = 100.0 * np.exp(np.cumsum(market))
    bench = pa.table({"date": pa.array(days), "adj_close": pa.array(level)})
    return SyntheticPanel(members, bench, symbols, sessions, seed)
