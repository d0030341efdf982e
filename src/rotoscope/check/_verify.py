"""Recompute each claim as facts and give it a verdict.

Verdicts
--------
``confirmed``
    The computed value rounds to the quoted number at the quoted precision
    (``2.7%`` holds for 2.65 to 2.75), respecting the qualifier: "more than 6"
    needs more than 6, "nearly 3" needs 2.7 to 3, "approximately 17.81"
    allows 5 % either way.
``approximate``
    Within one unit of the quoted last digit (twice the rounding), or a match
    under another reasonable convention: the total return rather than the price
    change, the move from the window's first open rather than the prior close,
    an ETF standing in for the index or sector named (within 0.05 pp plus 2 % of
    the value for a sector ETF). The explanation says which.
``contradicted``
    None of that holds. The explanation gives the computed value and, where one
    is found, the likely cause: a neighbouring session or week that matches,
    the session's open, high or low instead of its close, or an intraday quote.
``unverifiable``
    Outside the data: valuations, flows, targets, forecasts, fundamentals,
    series the universe does not hold, or dates the data do not cover.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Literal

from rotoscope.analytics import PointInTime
from rotoscope.analytics.returns import (
    point_change,
    spread,
    value_on,
    window_return,
)
from rotoscope.analytics.technicals import technicals
from rotoscope.analytics.windows import calendar_bounds
from rotoscope.calendar import previous_session, sessions_between
from rotoscope.check._bulletins import check_close_rank, check_window_rarity
from rotoscope.check._curve import check_curve
from rotoscope.check._frames import Claim
from rotoscope.check._held import check_held
from rotoscope.check._intraday import check_intraday
from rotoscope.check._ranges import within_range
from rotoscope.check._seasons import check_season
from rotoscope.check._standings import check_standing
from rotoscope.check._verdicts import CheckedClaim, Unverifiable, Verdict, fmt, judge
from rotoscope.check._verify_runs import (
    check_change_rarity,
    check_extreme,
    check_milestone,
    check_run,
    check_sector_count,
    check_streak,
    check_streak_rarity,
)
from rotoscope.check._verify_technicals import check_moving_average, check_technical
from rotoscope.check._yields import check_yield_move
from rotoscope.exceptions import MissingFieldError, RotoscopeError
from rotoscope.facts import Fact, make_fact_id
from rotoscope.store import Store
from rotoscope.universe import Universe

__all__ = ["CheckedClaim", "Verdict", "Verifier", "judge"]

class Verifier:
    """Verifies claims against one store, as of the text's date.

    Parameters
    ----------
    store, universe
        The data and the vocabulary.
    as_of
        The text's date: nothing after it is read.
    reference
        The session "today" refers to: the last session on or before ``as_of``,
        or the latest session the text itself cites when that is earlier.
    """

    def __init__(self, store: Store, universe: Universe, as_of: dt.date,
                 reference: dt.date, published: dt.date | None = None) -> None:
        self.store = store
        self.universe = universe
        #: the text's own date when it is later than the session it describes: "yesterday"
        #: counts from it
        self.published = published if published is not None and published > as_of else None
        self.as_of = as_of
        self.reference = reference
        self._pits: dict[dt.date, PointInTime] = {}
        self.etf_for = {m.tracks: s for s, m in universe.series.items() if m.tracks}
        #: yields of the same maturity from two sources (the CBOE's ^TNX and FRED's DGS10)
        self.same_rate: dict[str, list[str]] = {}
        maturity: dict[str, list[str]] = {}
        for s, m in universe.series.items():
            found = re.search(r"\b(\d+)-(Year|Month)\b", m.name) if m.kind == "rate" else None
            if found is not None:
                maturity.setdefault(found.group(0).lower(), []).append(s)
        for group in maturity.values():
            for s in group:
                self.same_rate[s] = [x for x in group if x != s]

    # ------------------------------------------------------------------ dates
    def pit(self, day: dt.date) -> PointInTime:
        """Return a cached point-in-time view, never later than the text's date."""
        day = min(day, self.as_of)
        if day not in self._pits:
            self._pits[day] = PointInTime(self.store, day)
        return self._pits[day]

    def session_before(self, day: dt.date) -> dt.date:
        """Return the last session strictly before ``day``."""
        return previous_session(day - dt.timedelta(days=1))

    def session_on_or_before(self, day: dt.date) -> dt.date:
        """Return the last session on or before ``day``."""
        return previous_session(day)

    def session_after(self, day: dt.date) -> dt.date | None:
        """Return the first session after ``day``, or ``None`` past the text's date."""
        later = sessions_between(day + dt.timedelta(days=1), self.as_of)
        if later.size == 0:
            return None
        out: dt.date = later[0].astype(dt.date)
        return out

    def week_end(self, day: dt.date) -> dt.date:
        """Return the last session of the week holding ``day`` (may be after ``day``)."""
        friday = day + dt.timedelta(days=4 - day.weekday())
        return self.session_on_or_before(friday)

    def complete_week(self, day: dt.date) -> dt.date:
        """Return the last session of the latest complete week on or before ``day``."""
        if self.week_end(day) == day:
            return day
        return self.session_before(day - dt.timedelta(days=day.weekday()))

    def end_of(self, claim: Claim) -> dt.date:
        """Return the session a claim's window ends on."""
        p = claim.period
        r = self.reference
        if p is None:
            return r
        if p.anchor == "date" and p.day is not None:
            if p.day > self.as_of:
                raise Unverifiable(f"{p.day} is after the text's date {self.as_of}")
            return self.session_on_or_before(p.day)
        if p.anchor == "prior":
            return min(self.as_of, self.session_before(self.published or self.as_of))
        if p.anchor == "week":
            return self.complete_week(r)
        if p.anchor == "previous-week":
            return self.session_before(r - dt.timedelta(days=r.weekday()))
        bounds = calendar_bounds(p.window)
        if bounds is not None:
            return min(r, self.session_on_or_before(bounds[1]))
        return r

    def kind_of(self, symbol: str) -> str:
        """Return the kind of a series (index, etf, rate, ...); a symbol not held is an ETF."""
        meta = self.universe.meta(symbol)
        return meta.kind if meta else "etf"

    def price_field(self, symbol: str, end: dt.date) -> Literal["close", "adj_close"]:
        """Return the field to measure: price closes where held, else total return."""
        if self.kind_of(symbol) != "etf":
            return "close"
        try:
            s = self.pit(end).series(symbol, "close")
        except MissingFieldError:
            return "adj_close"
        return "close" if s.date(-1) >= end - dt.timedelta(days=5) else "adj_close"

    def _complete(self, unit: str) -> str:
        """Return the window key of the latest month or quarter complete on the reference.

        ``unit`` is ``month`` or ``quarter``: the one the reference session ends, else
        the one before.
        """
        r = self.reference
        months = 3 if unit == "quarter" else 1
        first_month = months * ((r.month - 1) // months) + 1
        start = dt.date(r.year, first_month, 1)
        end = (dt.date(r.year, first_month + months - 1, 28) + dt.timedelta(days=4)).replace(
            day=1) - dt.timedelta(days=1)
        if self.session_on_or_before(end) != r:  # not over on the reference session
            end = start - dt.timedelta(days=1)
        if unit == "quarter":
            return f"quarter-{end.year}-q{(end.month - 1) // 3 + 1}"
        return f"month-{end:%Y-%m}"

    # ---------------------------------------------------------------- verify
    def verify(self, claim: Claim) -> CheckedClaim:
        """Return the claim's verdict, computed value, explanation and facts."""
        if claim.metric == "other" or claim.subject is None:
            reason = claim.reason or "no series in the data is named"
            return CheckedClaim(claim, "unverifiable", None, f"Not checkable: {reason}.")
        if claim.period is not None and claim.period.anchor in ("month", "quarter"):
            # "for the month", "in the quarter": the latest calendar month (quarter)
            # complete on the reference session
            claim.period = replace(claim.period, window=self._complete(claim.period.anchor),
                                   anchor="as_of")
        handlers: dict[str, Callable[[Claim], CheckedClaim]] = {
            "change": self._change,
            "level": self._level,
            "spread": self._spread,
            "streak": partial(check_streak, self),
            "streak_rarity": partial(check_streak_rarity, self),
            "change_rarity": partial(check_change_rarity, self),
            "extreme": partial(check_extreme, self),
            "milestone": partial(check_milestone, self),
            "run": partial(check_run, self),
            "sector_count": partial(check_sector_count, self),
            "standing": partial(check_standing, self),
            "curve": partial(check_curve, self),
            "season": partial(check_season, self),
            "window_rarity": partial(check_window_rarity, self),
            "close_rank": partial(check_close_rank, self),
            "yield_move": partial(check_yield_move, self),
            "held": partial(check_held, self),
            "moving_average": partial(check_moving_average, self),
            "ma_distance": partial(check_technical, self),
            "record_high": partial(check_technical, self),
            "drawdown": partial(check_technical, self),
            "high_52w": partial(check_technical, self),
            "low_52w": partial(check_technical, self),
            "week_range": self._week,
            "week_low": self._week,
            "week_high": self._week,
        }
        handler = handlers[claim.metric]
        if claim.metric in ("change", "run") and len(claim.members) > 1:
            return self._each(claim)
        claim = self._stand_in(claim)
        if claim.metric == "change" and claim.intraday and (
                claim.period is None or claim.period.window == "1d"):
            handler = partial(check_intraday, self)
        if claim.metric in ("spread",) and claim.other is None:
            claim.other = self.universe.benchmarks.get("us_large_index", "^GSPC")
            if claim.other == claim.subject:
                return CheckedClaim(claim, "unverifiable", None,
                                    "Not checkable: the text does not say what it is "
                                    "measured against.")
        try:
            return handler(claim)
        except Unverifiable as exc:
            return CheckedClaim(claim, "unverifiable", None, f"Not checkable: {exc}.")
        except (RotoscopeError, ValueError) as exc:
            return CheckedClaim(claim, "unverifiable", None,
                                f"Not checkable from the data: {exc}.")

    def _each(self, claim: Claim) -> CheckedClaim:
        """Judge a number said of several names on each; the worst verdict stands."""
        parts = [self.verify(replace(claim, subject=m, members=())) for m in claim.members]
        rank = {"contradicted": 0, "unverifiable": 1, "approximate": 2, "confirmed": 3}
        worst = min(parts, key=lambda p: rank[p.verdict])
        said = " ".join(f"{m}: {p.explanation}" for m, p in zip(claim.members, parts,
                                                                strict=True))
        verdicts = {p.verdict for p in parts}
        if claim.subject_how == "group" and "contradicted" in verdicts and \
                verdicts & {"confirmed", "approximate"}:
            # "the major indexes rose 1%" true of some and not others: which were meant?
            return replace(worst, claim=claim, verdict="unverifiable", computed=None,
                           explanation=f"Not judged: true of some of {claim.subject_text} "
                                       f"and not of others, which the text does not "
                                       f"separate. {said}",
                           facts=[f for p in parts for f in p.facts])
        return replace(worst, claim=claim, explanation=said,
                       facts=[f for p in parts for f in p.facts])

    #: Measures in percent, which the ETF tracking an index can stand in for.
    _PROXIED = ("change", "spread", "drawdown", "ma_distance", "extreme")

    def _stand_in(self, claim: Claim) -> Claim:
        """Measure an index whose data end before the claim's session on its tracking ETF.

        ("The Dow rose 1.1%" after the Dow's last row is checked on DIA, said so, and never
        better than approximate.) Levels and index points have no stand-in.
        """
        if claim.subject not in self.etf_for or claim.metric not in self._PROXIED or \
                claim.unit == "points":
            return claim
        try:
            found = self.stand_in_for(claim.subject, self.end_of(claim))
        except (RotoscopeError, ValueError, Unverifiable):
            return claim
        if found is None:
            return claim  # the analytics read the index itself (it is recent enough)
        etf, last = found
        ended = f"its data end {last}" if last is not None else "it has no closes"
        return replace(claim, subject=etf, proxy=True, stand_in=True,
                       subject_text=f"{claim.subject_text or claim.subject} ({ended}; "
                                    f"measured on {etf})")

    def stand_in_for(self, symbol: str, end: dt.date) -> tuple[str, dt.date | None] | None:
        """Return the fund that stands in for an index with no close on ``end``, if any.

        With it, the index's last close on or before ``end`` (``None`` when it has none).
        """
        etf = self.etf_for.get(symbol)
        if etf is None:
            return None
        try:
            last: dt.date | None = self.pit(end).series(symbol, "close").date(-1)
        except MissingFieldError:
            last = None
        if last is not None and last >= end:
            return None
        return etf, last

    def result(self, claim: Claim, value: float, facts: list[Fact], what: str,
                start: dt.date | None, end: dt.date | None,
                alternatives: list[tuple[str, Callable[[], tuple[float, list[Fact]]], str]],
                proxy_note: str = "") -> CheckedClaim:
        """Judge the primary value, then the alternatives in order.

        Each alternative is ``(kind, compute, description)``; ``kind`` is
        ``convention`` (a match makes the claim approximate) or ``cause`` (a
        match explains a contradiction).
        """
        c = claim
        unit = c.unit
        scale, quoted = c.as_quoted()

        def show(v: float) -> str:
            if quoted == "bp":  # "2.4 basis points": shown as the writer wrote it
                return f"{v * scale:+.{max(c.decimals - 2, 0)}f} bp"
            return fmt(v, unit, min(max(c.decimals, 2), 4) if unit != "year" else 0)

        shown = show(value)
        if c.metric == "level" and unit == "pct":
            shown = f"{value:.{max(c.decimals, 2)}f}%"
        verdict = judge(c.claimed, value, c.qualifier, c.decimals, unit)
        base = f"{what}: {shown}"
        if c.range_high is not None:  # "4.3%–4.4%": inside the range, give or take rounding
            inside = within_range(c.claimed, c.range_high, value, c.decimals)
            said = {"confirmed": "inside", "approximate": "just outside",
                    "contradicted": "outside"}[inside]
            return CheckedClaim(c, "approximate" if proxy_note and inside == "confirmed"
                                else inside,  # type: ignore[arg-type]
                                value, f"{base}, {said} the range {c.claimed:g} to "
                                f"{c.range_high:g}.{' ' + proxy_note if proxy_note else ''}",
                                facts, start, end)
        if verdict == "confirmed":
            if proxy_note:
                return CheckedClaim(c, "approximate", value, f"{base}. {proxy_note}", facts,
                                    start, end)
            return CheckedClaim(c, "confirmed", value, base + ".", facts, start, end)
        proxy_ok = bool(proxy_note) and unit in ("pct", "pp") and \
            abs(value - c.claimed) <= 0.05 + 0.02 * abs(value)
        if proxy_ok:
            return CheckedClaim(c, "approximate", value,
                                f"{base}. {proxy_note}; within the tracking difference "
                                "allowed for a proxy.", facts, start, end)
        if verdict == "approximate":
            return CheckedClaim(c, "approximate", value,
                                f"{base}, within one unit of the quoted last digit.", facts,
                                start, end)
        # another reasonable convention first, then the right size with the wrong
        # direction, then a cause that explains the mismatch
        ordered = [a for a in alternatives if a[0] == "convention"] + \
            [a for a in alternatives if a[0] != "convention"]
        sign_checked = False
        for kind, compute, description in ordered:
            if kind != "convention" and not sign_checked:
                sign_checked = True
                if unit in ("pct", "pp") and value * c.claimed < 0 and judge(
                        abs(c.claimed), abs(value), c.qualifier, c.decimals, unit) == "confirmed":
                    return CheckedClaim(c, "contradicted", value,
                                        f"{base}: the size matches but the direction is wrong.",
                                        facts, start, end)
            try:
                alt, alt_facts = compute()
            except (RotoscopeError, ValueError, Unverifiable, IndexError):
                continue
            if judge(c.claimed, alt, c.qualifier, c.decimals, unit) == "confirmed":
                alt_shown = show(alt)
                if kind == "convention":
                    return CheckedClaim(c, "approximate", alt,
                                        f"Matches {description} ({alt_shown}); {base}.",
                                        facts + alt_facts, start, end)
                return CheckedClaim(c, "contradicted", value,
                                    f"{base}. The quoted number matches {description} "
                                    f"({alt_shown}).", facts + alt_facts, start, end)
        if not sign_checked and unit in ("pct", "pp") and value * c.claimed < 0 and judge(
                abs(c.claimed), abs(value), c.qualifier, c.decimals, unit) == "confirmed":
            return CheckedClaim(c, "contradicted", value,
                                f"{base}: the size matches but the direction is wrong.", facts,
                                start, end)
        return CheckedClaim(c, "contradicted", value, base + ".", facts, start, end)

    # ---- change over a period
    def _change(self, c: Claim) -> CheckedClaim:
        assert c.subject is not None
        end = self.end_of(c)
        window = c.period.window if c.period else "1d"
        if self.kind_of(c.subject) == "rate" and c.unit == "pp":
            return self._rate_change(c, end, window)
        if c.unit == "points":
            return self._point_change(c, end, window)
        fld = "adj_close" if c.total_return else self.price_field(c.subject, end)
        try:
            fact = window_return(self.pit(end), c.subject, window, fld)
        except (ValueError, MissingFieldError):
            if fld != "close" or self.kind_of(c.subject) != "etf":
                raise
            # a fund's price-only closes begin inside the window: total return it is
            fld = "adj_close"
            fact = window_return(self.pit(end), c.subject, window, fld)
        assert isinstance(fact.value, float)
        start, last = fact.inputs[0].first, fact.inputs[-1].last
        what = (f"{c.subject} {'total return' if fld == 'adj_close' else 'change'} "
                f"{start} to {last}")
        if fld == "adj_close" and self.kind_of(c.subject) == "etf":
            what += " (dividends included: the data hold no price-only closes here)"
        alts: list[tuple[str, Callable[[], tuple[float, list[Fact]]], str]] = []
        other: Literal["close", "adj_close"] = "adj_close" if fld == "close" else "close"
        if self.kind_of(c.subject) == "etf":
            alts.append(("convention", self._ret(c.subject, window, end, other),
                         "the " + ("total return (dividends reinvested)" if other == "adj_close"
                                   else "price change without dividends")))
        alts.append(("convention", self._ret(c.subject, window, end, fld, "open"),
                     "the move measured from the open of the window's first session"))
        etf = self.etf_for.get(c.subject)
        if etf:
            alts.append(("convention", self._ret(etf, window, end, "adj_close"),
                         f"{etf}, the ETF that tracks {c.subject}"))
        alts += self.neighbours(end, lambda d: self._ret(c.subject or "", window, d, fld),
                                 window)
        note = ""
        if c.proxy:
            note = (f"Measured on {c.subject}, the ETF that stands in for "
                    f"{c.subject_text}")
        return self.result(c, fact.value, [fact], what, start, last, alts, note)

    def _point_change(self, c: Claim, end: dt.date, window: str) -> CheckedClaim:
        assert c.subject is not None
        fld = self.price_field(c.subject, end)

        def pts(d: dt.date) -> Callable[[], tuple[float, list[Fact]]]:
            def compute() -> tuple[float, list[Fact]]:
                f = point_change(self.pit(d), c.subject or "", window, fld)
                assert isinstance(f.value, float)
                if self.pit(d).series(c.subject or "", fld).date(-1) != d:
                    raise ValueError("no row on that date")
                return f.value, [f]
            return compute

        value, facts = pts(end)()
        start, last = facts[0].inputs[0].first, facts[0].inputs[0].last
        what = f"{c.subject} change in points {start} to {last}"
        return self.result(c, value, facts, what, start, last,
                            self.neighbours(end, pts, window))

    def _ret(self, symbol: str, window: str, end: dt.date, fld: Literal["close", "adj_close"],
             base: Literal["close", "open"] = "close"
             ) -> Callable[[], tuple[float, list[Fact]]]:
        def compute() -> tuple[float, list[Fact]]:
            f = window_return(self.pit(end), symbol, window, fld, base)
            assert isinstance(f.value, float)
            if self.pit(end).series(symbol, fld).date(-1) != end:
                raise ValueError("no row on that date")
            return f.value, [f]
        return compute

    def neighbours(self, end: dt.date,
                    make: Callable[[dt.date], Callable[[], tuple[float, list[Fact]]]],
                    window: str) -> list[tuple[str, Callable[[], tuple[float, list[Fact]]],
                                         str]]:
        out: list[tuple[str, Callable[[], tuple[float, list[Fact]]], str]] = []
        if window in ("wtd",):
            prev = self.session_before(end - dt.timedelta(days=end.weekday()))
            out.append(("cause", make(prev), f"the week ending {prev}, not {end}"))
            nxt = self.session_on_or_before(min(self.as_of, self.week_end(
                end + dt.timedelta(days=7 - end.weekday()))))
            if nxt > end:
                # "for the week" written mid-week means the week so far
                kind = "convention" if nxt == self.reference else "cause"
                words = (f"the week to date (to {nxt})" if kind == "convention"
                         else f"the week to {nxt}, not to {end}")
                out.append((kind, make(nxt), words))
            return out
        if window.startswith(("month-", "quarter-", "year-")):
            return out
        before = self.session_before(end)
        out.append(("cause", make(before), f"{before}, not {end}"))
        after = self.session_after(end)
        if after is not None:
            out.append(("cause", make(after), f"{after}, not {end}"))
        return out

    # ---- level on a date
    def point(self, symbol: str, fld: str, day: dt.date) -> tuple[float, Fact]:
        """Return one field of one series on one session, as a fact."""
        fact = value_on(self.pit(day), symbol, fld, day)
        return float(fact.value), fact  # type: ignore[arg-type]

    def _level(self, c: Claim) -> CheckedClaim:
        assert c.subject is not None
        end = self.end_of(c)
        fld = c.column if c.column in ("open", "high", "low", "close") else "close"
        if self.kind_of(c.subject) == "rate" or self.store.symbols().get(c.subject) == "macro":
            fld = "close"
        if c.at_start:  # "climbed to 29.49 from 19.86": the close the period's move starts at
            if c.period is None:
                raise Unverifiable("the text does not say when the move from this level began")
            end = window_return(self.pit(end), c.subject, c.period.window,
                                "close").inputs[0].first
        try:
            value, fact = self.point(c.subject, fld, end)
        except MissingFieldError as exc:
            raise Unverifiable(f"{c.subject} has no {fld} price on {end} in the data; only "
                                "dividend-adjusted closes, which are not traded prices") \
                from exc
        what = f"{c.subject} {fld} on {end}"
        alts: list[tuple[str, Callable[[], tuple[float, list[Fact]]], str]] = []

        def point(symbol: str, f: str, d: dt.date) -> Callable[[], tuple[float, list[Fact]]]:
            def compute() -> tuple[float, list[Fact]]:
                v, fa = self.point(symbol, f, d)
                return v, [fa]
            return compute

        for other in ("open", "high", "low", "close"):
            if other != fld:
                alts.append(("cause", point(c.subject, other, end),
                             f"the {end} {other}, not the {fld}"))
        before = self.session_before(end)
        alts.append(("cause", point(c.subject, fld, before), f"the {before} {fld}, not {end}"))
        after = self.session_after(end)
        if after is not None:
            alts.append(("cause", point(c.subject, fld, after), f"the {after} {fld}, not {end}"))
        if self.kind_of(c.subject) == "etf":
            alts.append(("convention", point(c.subject, "adj_close", end),
                         f"the dividend-adjusted close on {end}"))
        for twin in self.same_rate.get(c.subject, []):
            alts.insert(0, ("convention", point(twin, "close", end),
                            f"{twin}, the same maturity's yield from another source, on {end}"))
        out = self.result(c, value, [fact], what, end, end, alts)
        if out.verdict == "contradicted" and self.kind_of(c.subject) == "rate" and \
                c.decimals > 2 and abs(round(value, 2) - value) < 1e-9 and \
                abs(c.claimed - value) <= 0.005 + 1e-9:
            # the series is stored to two decimals (FRED): a finer quote within its rounding
            out = replace(out, verdict="approximate",
                          explanation=f"{out.explanation[:-1]}; the data hold this yield to two "
                                      f"decimals, and {c.claimed:g} is within their rounding.")
        if c.at_start and out.verdict == "contradicted" and c.decimals == 0:
            # "slid from 6,900": a round figure for where the move began, not a close
            return CheckedClaim(c, "unverifiable", None,
                                f"Not judged: {out.explanation} A start given as a round "
                                "figure may describe where the move began rather than a "
                                "close.", out.facts, end, end)
        if c.at_start and out.verdict == "contradicted":
            # the move may have been measured from another close the text does not name
            s = self.pit(end).series(c.subject, fld)
            i = s.index_on_or_before(end)
            for k in range(i - 1, max(i - 30, 0), -1):
                if judge(c.claimed, float(s.values[k]), c.qualifier, c.decimals,
                         c.unit) == "confirmed":
                    return CheckedClaim(c, "unverifiable", None,
                                        f"Not judged: {out.explanation} The quoted start "
                                        f"matches the {s.date(k)} {fld} "
                                        f"({float(s.values[k]):,.2f}); the text may measure "
                                        "the move from there.", out.facts, end, end)
        named = c.period.day if c.period is not None and c.period.anchor == "date" else None
        if named is not None and named != end and out.verdict == "confirmed":
            # "the close of 5,996.66 on Monday, January 20, 2025": no session that day
            out = replace(out, verdict="approximate",
                          explanation=f"{named} was not a session; {out.explanation[:-1]}, the "
                                      "last close before it.")
        return out

    # ---- spread between two series
    def _spread(self, c: Claim) -> CheckedClaim:
        assert c.subject is not None
        assert c.other is not None
        end = self.end_of(c)
        window = c.period.window if c.period else "1d"
        fld: Literal["close", "adj_close"] = "close" if (
            not c.total_return and self.price_field(c.subject, end) == "close"
            and self.price_field(c.other, end) == "close") else "adj_close"
        fact, ra, rb = spread(self.pit(end), c.subject, c.other, window, fld)
        assert isinstance(fact.value, float)
        assert isinstance(ra.value, float)
        assert isinstance(rb.value, float)
        start, last = ra.inputs[0].first, ra.inputs[-1].last
        what = (f"{c.subject} {ra.value:+.2f}% minus {c.other} {rb.value:+.2f}%, {start} to "
                f"{last}")

        def spr(d: dt.date, f: Literal["close", "adj_close"], a: str = c.subject,
                b: str = c.other) -> Callable[[], tuple[float, list[Fact]]]:
            def compute() -> tuple[float, list[Fact]]:
                s, fa, fb = spread(self.pit(d), a, b, window, f)
                assert isinstance(s.value, float)
                return s.value, [s, fa, fb]
            return compute

        alts: list[tuple[str, Callable[[], tuple[float, list[Fact]]], str]] = []
        if fld == "close" and "etf" in (self.kind_of(c.subject), self.kind_of(c.other)):
            alts.append(("convention", spr(end, "adj_close"), "the total-return spread"))
        a_etf = self.etf_for.get(c.subject, c.subject)
        b_etf = self.etf_for.get(c.other, c.other)
        if (a_etf, b_etf) != (c.subject, c.other):
            swapped = " and ".join(f"{e} for {s}" for e, s in ((a_etf, c.subject),
                                                               (b_etf, c.other)) if e != s)
            alts.append(("convention", spr(end, "adj_close", a_etf, b_etf),
                         f"the total-return spread measured on the tracking ETFs ({swapped})"))
        alts += self.neighbours(end, lambda d: spr(d, fld), window)
        return self.result(c, fact.value, [fact, ra, rb], what, start, last, alts)

    # ---- yield changes in percentage points
    def _rate_change(self, c: Claim, end: dt.date, window: str) -> CheckedClaim:
        """Verify a change in a yield, in percentage points (level minus level)."""
        assert c.subject is not None

        def diff(d: dt.date, symbol: str | None = None
                 ) -> Callable[[], tuple[float, list[Fact]]]:
            symbol = symbol or c.subject or ""

            def compute() -> tuple[float, list[Fact]]:
                pct = window_return(self.pit(d), symbol, window, "close")
                s = self.pit(d).series(symbol, "close")
                first, last = pct.inputs[0].first, pct.inputs[0].last
                v0 = float(s.values[s.index_on_or_before(first)])
                v1 = float(s.values[s.index_on_or_before(last)])
                fact = pct.model_copy(update={
                    "id": pct.id.replace("return.", "change_pp.", 1), "value": v1 - v0,
                    "unit": "pp", "kind": "macro.change", "method": "level_difference",
                    "label": f"change in {symbol} from {first} to {last}, in points"})
                return v1 - v0, [fact]
            return compute

        value, facts = diff(end)()
        first, last = facts[0].inputs[0].first, facts[0].inputs[0].last
        what = f"{c.subject} change {first} to {last}, " + (
            "basis points" if c.as_quoted()[1] == "bp" else "percentage points")
        # the same maturity's yield from another source (^TNX and DGS10): another convention
        twins: list[tuple[str, Callable[[], tuple[float, list[Fact]]], str]] = [
            ("convention", diff(end, twin), f"{twin}, the same maturity's yield from another "
                                            f"source, over {first} to {last}")
            for twin in self.same_rate.get(c.subject, [])]
        out = self.result(c, value, facts, what, first, last,
                          twins + self.neighbours(end, diff, window))
        if out.verdict == "contradicted" and c.decimals > 2 and \
                abs(round(value, 2) - value) < 1e-9 and abs(c.claimed - value) <= 0.01 + 1e-9:
            # both ends are stored to two decimals (FRED), so their difference can be off
            # by up to one basis point from the change in the unrounded yields
            out = replace(out, verdict="approximate",
                          explanation=f"{out.explanation[:-1]}; the data hold this yield to "
                                      "two decimals, so the change is known to within one "
                                      "basis point, and the quote is within that.")
        return out

    # ---- weekly range, low and high
    def _week(self, c: Claim) -> CheckedClaim:
        assert c.subject is not None
        end = self.end_of(c)
        if c.period is None or c.period.window != "wtd":
            end = self.complete_week(end)

        def week(d: dt.date) -> tuple[float, list[Fact], dt.date]:
            facts = technicals(self.pit(d), c.subject or "", field=self.price_field(
                c.subject or "", d))
            by = {f.id.split("@")[0].rsplit(".", 1)[-1]: f for f in facts}
            lo_f, hi_f, rng = by["week_low"], by["week_high"], by["week_range"]
            assert isinstance(lo_f.value, float)
            assert isinstance(hi_f.value, float)
            assert isinstance(rng.value, float)
            first = lo_f.inputs[0].first
            if c.metric == "week_low":
                return lo_f.value, [lo_f], first
            if c.metric == "week_high":
                return hi_f.value, [hi_f], first
            if c.unit == "pct":
                return rng.value, [rng, lo_f, hi_f], first
            usd = hi_f.value - lo_f.value
            derived = Fact(
                id=make_fact_id("tech", (hi_f.subjects[0],), "week_range_points", d),
                value=usd, unit="level", kind="tech.week_range_points", as_of=d,
                subjects=hi_f.subjects, inputs=lo_f.inputs, method="week_high_minus_low_close",
                params={"field": lo_f.params.get("field", "close")}, sources=lo_f.sources,
                label=f"{hi_f.subjects[0]} weekly range in points (high close minus low close)")
            return usd, [derived, lo_f, hi_f], first

        value, facts, first = week(end)
        name = {"week_low": "lowest close", "week_high": "highest close",
                "week_range": "range of closes"}[c.metric]
        what = f"{c.subject} {name}, week {first} to {end}"

        def alt(d: dt.date) -> Callable[[], tuple[float, list[Fact]]]:
            def compute() -> tuple[float, list[Fact]]:
                v, fs, _ = week(d)
                return v, fs
            return compute

        alts = self.neighbours(end, alt, "wtd")
        if c.metric in ("week_low", "week_high") and c.unit != "pct":
            side: Literal["low", "high"] = "low" if c.metric == "week_low" else "high"
            alts.insert(0, ("convention", self._intraday_extreme(c.subject, first, end, side),
                            f"the week's intraday {side} (the "
                            f"{'lowest low' if side == 'low' else 'highest high'} of {first} "
                            f"to {end}), not a close"))
        return self.result(c, value, facts, what, first, end, alts)

    def _intraday_extreme(self, symbol: str, first: dt.date, end: dt.date,
                          side: Literal["low", "high"]
                          ) -> Callable[[], tuple[float, list[Fact]]]:
        def compute() -> tuple[float, list[Fact]]:
            days = sessions_between(first, end)
            points = [self.point(symbol, side, d.astype(dt.date)) for d in days]
            best = min(points, key=lambda p: p[0]) if side == "low" else \
                max(points, key=lambda p: p[0])
            return best[0], [best[1]]
        return compute

