"""Every fact of a date: the single entry point the writers use.

:func:`compute_facts` runs each analytic over the universe as of one date and
returns a :class:`FactSet`. What cannot be computed (a series without a raw
close, a window that starts before the data) is not guessed: it is listed in
``FactSet.gaps`` with the reason, and no fact is made for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rotoscope.analytics import (
    breadth,
    history,
    macro,
    regime,
    relative,
    rrg,
    sectors,
    streaks,
    technicals,
)
from rotoscope.analytics._pit import PointInTime, require_recent
from rotoscope.analytics.returns import spread, window_return
from rotoscope.analytics.windows import STANDARD_WINDOWS
from rotoscope.exceptions import DateOutOfRangeError, MissingFieldError, UnknownSymbolError
from rotoscope.facts import Fact
from rotoscope.store import Store
from rotoscope.universe import Universe

if TYPE_CHECKING:
    import pandas
    import polars as pl  # the frame helpers load it: computing facts needs no frame

__all__ = ["FactSet", "Gap", "compute_facts", "fact_windows", "store_range"]

RATES = ("DGS3MO", "DGS2", "DGS10", "DGS30", "DFF")
DOLLAR = ("DTWEXBGS",)
RUN_SERIES = ("^GSPC", "^RUT", "^IXIC", "SPY", "IWM", "QQQ")
FOLLOW_MIN = 3


@dataclass(frozen=True)
class Gap:
    """Something the engine could not compute, and why."""

    what: str
    reason: str


@dataclass
class FactSet:
    """The facts of one as-of date, keyed by id, with the gaps."""

    as_of: dt.date
    facts: dict[str, Fact] = field(default_factory=dict)
    gaps: list[Gap] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.facts)

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts.values())

    def __getitem__(self, fact_id: str) -> Fact:
        return self.facts[fact_id]

    def get(self, fact_id: str) -> Fact | None:
        """Return the fact with this id, or ``None``."""
        return self.facts.get(fact_id)

    def add(self, facts: Iterable[Fact]) -> None:
        """Add facts; an id already present must carry the same value."""
        for f in facts:
            old = self.facts.get(f.id)
            if old is not None and old.value != f.value:
                raise AssertionError(f"fact {f.id} computed twice with different values")
            self.facts[f.id] = f

    def select(self, kind: str | None = None, subject: str | None = None) -> list[Fact]:
        """Return facts of a kind (or whose id starts with ``kind.``) about ``subject``."""
        if kind is None:
            return [f for f in self.facts.values() if subject is None or subject in f.subjects]
        prefix = kind + "."
        return [f for f in self.facts.values()
                if (f.kind == kind or f.kind.startswith(prefix) or f.id.startswith(prefix))
                and (subject is None or subject in f.subjects)]

    def to_polars(self) -> pl.DataFrame:
        """Return one row per fact (see :func:`rotoscope.facts.facts_frame`)."""
        from rotoscope.facts import facts_frame

        return facts_frame(self.facts.values())

    def to_pandas(self) -> pandas.DataFrame:
        """Return :meth:`to_polars` as a pandas frame (needs pandas installed)."""
        from rotoscope.facts import to_pandas

        return to_pandas(self.to_polars())

    def _repr_html_(self) -> str:
        from rotoscope.facts import html_table

        caption = f"{len(self.facts):,} facts as of {self.as_of}, {len(self.gaps)} gaps"
        return html_table(self.to_polars(), caption,
                          ("id", "text", "label", "first_date", "last_date"))


def store_range(store: Store) -> tuple[dt.date, dt.date]:
    """First and last date of any price series in the store."""
    return store.price_range()


def fact_windows(as_of: dt.date) -> tuple[str, ...]:
    """Return the windows every return is computed over.

    The standard ones plus the last complete month and quarter and the previous
    year.
    """
    first_of_month = as_of.replace(day=1)
    prev_month = first_of_month - dt.timedelta(days=1)
    q = (as_of.month - 1) // 3
    prev_q_year, prev_q = (as_of.year, q) if q else (as_of.year - 1, 4)
    return (*STANDARD_WINDOWS, f"month-{prev_month:%Y-%m}", f"quarter-{prev_q_year}-q{prev_q}",
            f"year-{as_of.year - 1}")


def compute_facts(
    store: Store,
    universe: Universe,
    as_of: dt.date,
    progress: Callable[[str], None] | None = None,
    pit: PointInTime | None = None,
) -> FactSet:
    """Compute every fact of the universe as of ``as_of``.

    ``pit`` is the point-in-time view of ``store`` at ``as_of`` to compute
    through (default: a new one), for a caller that goes on to use what the
    analytics derived (see :meth:`PointInTime.remember`).

    Raises
    ------
    ValueError
        When ``pit`` views another store or another date.
    DateOutOfRangeError
        When ``as_of`` is before the first or after the last date in the store.
    """
    first, last = store_range(store)
    if not first <= as_of <= last:
        raise DateOutOfRangeError("as_of", as_of, first, last)
    if pit is None:
        pit = PointInTime(store, as_of)
    elif pit.store is not store or pit.as_of != as_of:
        raise ValueError(f"the point-in-time view given (as of {pit.as_of}) is not of this "
                         f"store as of {as_of}")
    out = FactSet(as_of)
    known = store.symbols()

    def run(what: str, fn: Callable[..., Iterable[Fact] | Fact], *args: Any) -> None:
        try:
            made = fn(*args)
        except (MissingFieldError, UnknownSymbolError, DateOutOfRangeError, ValueError) as exc:
            out.gaps.append(Gap(what, str(exc)))
            return
        out.add([made] if isinstance(made, Fact) else made)

    def step(name: str) -> None:
        if progress is not None:
            progress(name)

    prices = [s for s, m in universe.series.items()
              if known.get(s) == "prices" and m.kind in ("index", "etf")]
    # every series the facts read, in one query per table rather than one per series
    store.load_series([*prices, *(s for s in universe.series if known.get(s) == "macro")],
                      ("close", "adj_close"))
    windows = fact_windows(as_of)
    usable: dict[str, list[str]] = {"close": [], "adj_close": []}
    for s in prices:
        for fld in usable:
            try:
                require_recent(pit.series(s, fld), as_of)
            except (MissingFieldError, DateOutOfRangeError) as exc:
                what = "price returns and technicals" if fld == "close" else "total returns"
                out.gaps.append(Gap(f"{s} {what}", str(exc)))
            else:
                usable[fld].append(s)

    step("returns")
    for fld, symbols in usable.items():
        for s in symbols:
            for w in windows:
                run(f"{s} {fld} return {w}", window_return, pit, s, w, fld)
    step("spreads and relative strength")
    for p in universe.pairs:
        for w in windows:
            run(f"{p.id} spread {w}", spread, pit, p.a, p.b, w)
        run(f"{p.id} relative strength", relative.relative_strength, pit, p.a, p.b)
    step("streaks")
    for p in universe.pairs:
        run(f"{p.id} streak", _streak_both_ways, pit, p.a, p.b)
    for s in RUN_SERIES:
        if s in known:
            run(f"{s} up/down run", lambda sym: streaks.series_runs(pit, sym)[1], s)
    step("technicals")
    for s in usable["close"]:
        run(f"{s} technicals", technicals.technicals, pit, s)
    step("sectors")
    for w in STANDARD_WINDOWS:
        run(f"sectors {w}", sectors.sector_window, pit, universe, w)
    for n in (21, 63):
        run(f"sector dispersion {n}d", sectors.sector_dispersion, pit, universe, n)
    run("sector scores", sectors.sector_scores, pit, universe)
    step("relative rotation graph")
    for p in universe.pairs:
        run(f"{p.id} RRG", rrg.rrg, pit, p.a, p.b)
    step("breadth")
    run("breadth", breadth.breadth_facts, pit)
    step("regime")
    above = out.get(f"breadth.S&P 500 members.pct_above_sma200@{as_of.isoformat()}")
    pct = float(above.value) if above is not None and isinstance(above.value, float) else None
    run("regime", regime.regime_facts, pit, universe, pct)
    step("rates and dollar")
    for s in RATES + DOLLAR:
        if s in known:
            run(f"{s} level", macro.macro_facts, pit, s, s in RATES)
    run("2s10s", macro.yield_curve, pit)
    step("long history")
    for col in ("SMB", "HML"):
        run(f"French {col} streak", history.factor_streak, pit, col)
        run(f"French {col} rolling 10-year share", history.rolling_share, pit, col)
    run("French SMB seasonality", history.factor_seasonality, pit, "SMB")
    run("rate-cut event study", history.rate_cut_study, pit)
    return out


def _streak_both_ways(pit: PointInTime, a: str, b: str) -> list[Fact]:
    """Return the current streak of whichever side won the last session.

    That is A over B, or B over A when B won, with what followed past streaks at
    least as long.
    """
    history_ab, facts = streaks.outperformance_streak(pit, a, b)
    length = facts[0].value
    lead, lag = a, b
    if length == 0 and history_ab.current.side == -1:
        _, more = streaks.outperformance_streak(pit, b, a)
        facts += more
        length = more[0].value
        lead, lag = b, a
    if isinstance(length, int) and length >= FOLLOW_MIN:
        facts += streaks.follow_through(pit, lead, lag, length)
    return facts
