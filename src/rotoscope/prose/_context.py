"""The writer's toolbox: facts by key, numbers as pieces, and words chosen by the data.

Everything the note states goes through :class:`Ctx`: it looks facts up in the
engine's :class:`~rotoscope.analytics.engine.FactSet`, computes the few extra
facts the note needs (price-return spreads, the previous week's closes) with
the same analytics functions, and turns facts into :class:`~rotoscope.prose.Num`
pieces whose text is the fact's value as a reader sees it.
"""

from __future__ import annotations

import datetime as dt

from rotoscope.analytics import PointInTime
from rotoscope.analytics.engine import FactSet
from rotoscope.analytics.returns import spread as spread_of
from rotoscope.analytics.technicals import technicals
from rotoscope.calendar import previous_session, sessions_between
from rotoscope.exceptions import RotoscopeError
from rotoscope.facts import Fact
from rotoscope.prose._pieces import Num, Term
from rotoscope.store import Store
from rotoscope.typing import Basis
from rotoscope.universe import Universe

__all__ = ["Ctx", "Missing", "article", "long_date", "plural_subject", "short_date"]


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                 "nine", "ten")


_PARTICIPLES = {"rose": "risen", "fell": "fallen", "sank": "sunk"}


class Missing(LookupError):
    """A fact a sentence needs is not in the fact set; the sentence is left out."""


#: Last words that make a subject plural ("small caps lead", "US stocks are").
_PLURAL_NOUNS = ("caps", "stocks", "sectors", "markets", "cyclicals", "defensives", "names",
                 "shares", "equities", "indices", "bonds", "members")


def plural_subject(subject: str) -> bool:
    """Return whether a subject takes a plural verb: "small caps", not "value" or "IWD".

    Tickers, index names ("the S&P 500") and sector names ("Utilities", a sector)
    are singular; a subject is plural when its last word is a plural common noun.
    """
    words = subject.strip().split()
    return bool(words) and words[-1].lower() in _PLURAL_NOUNS


def article(text: str) -> str:
    """Return ``an`` before a number read with a vowel sound ("an 11.7%", "an 8%"), else ``a``.

    Numbers are read as words: 8, 11, 18 and 80-89 (and their decimals or
    thousands, "an 8,000" aside from "eighteen") begin with a vowel sound.
    """
    digits = text.lstrip("+-$")
    head = digits.split(".")[0].replace(",", "")
    if not head.isdigit():
        return "an" if digits[:1].lower() in "aeiou" and digits else "a"
    if head.startswith("8"):
        return "an"
    # 11 and 18, alone or as the lead group of thousands ("11,000", "18,500")
    group = digits.split(".")[0].split(",")[0]
    return "an" if group in ("11", "18") else "a"


def long_date(day: dt.date) -> str:
    """Return ``February 9, 2026``."""
    return f"{day:%B} {day.day}, {day.year}"


def short_date(day: dt.date) -> str:
    """Return ``Mon Feb 9``."""
    return f"{day:%a %b} {day.day}"


class Ctx:
    """Facts of one as-of date and the helpers that state them.

    Parameters
    ----------
    store, universe
        The open store and its universe.
    facts
        The engine's facts for ``facts.as_of``.
    pit
        The point-in-time view of ``store`` the facts were computed through, if
        at hand: the words and charts then reuse what it already derived (an
        aligned pair, a relative rotation path) instead of deriving it again.
    """

    def __init__(self, store: Store, universe: Universe, facts: FactSet,
                 pit: PointInTime | None = None) -> None:
        self.store = store
        self.universe = universe
        self.fs = facts
        self.as_of = facts.as_of
        self.iso = facts.as_of.isoformat()
        self.pit = pit if pit is not None and pit.store is store and pit.as_of == facts.as_of \
            else PointInTime(store, facts.as_of)
        close = facts.get(f"tech.{universe.note.indices[0]}.close@{self.iso}")
        self.session = close.inputs[0].last if close is not None else previous_session(
            facts.as_of)
        self._turn: dict[str, int] = {}
        self._technicals: dict[tuple[str, dt.date], dict[str, Fact]] = {}

    # ------------------------------------------------------------ facts
    def get(self, key: str) -> Fact | None:
        """Return the fact ``key@as_of`` or ``None``."""
        return self.fs.get(f"{key}@{self.iso}")

    def f(self, key: str) -> Fact:
        """Return the fact ``key@as_of``.

        Raises
        ------
        Missing
            When the engine did not compute it.
        """
        fact = self.get(key)
        if fact is None:
            raise Missing(key)
        return fact

    def basis(self, symbol: str) -> Basis:
        """Return ``close`` when the symbol has price returns as of the date, else ``adj_close``.

        This is the convention the claim checker applies: commentary quotes price
        changes, and where the data hold no raw close the total return is all
        there is (the note then says so).
        """
        return "close" if self.get(f"return.{symbol}.price_return.1d") else "adj_close"

    def ret(self, symbol: str, window: str) -> Fact:
        """Return the price return of ``symbol`` over ``window``, else its total return."""
        method = "price_return" if self.basis(symbol) == "close" else "total_return"
        return self.f(f"return.{symbol}.{method}.{window}")

    def spread(self, a: str, b: str, window: str) -> tuple[Fact, Fact, Fact]:
        """Return ``(a minus b, a's return, b's return)`` on the basis both support."""
        fld: Basis = "close" if self.basis(a) == self.basis(b) == "close" else "adj_close"
        try:
            made = spread_of(self.pit, a, b, window, fld)
        except (RotoscopeError, ValueError) as exc:
            raise Missing(f"spread {a}-{b} {window}: {exc}") from exc
        self.fs.add(made)
        return made

    def week_sessions(self) -> tuple[list[dt.date], dt.date]:
        """Return the sessions the week table shows, and the end of the last complete week.

        The current week is shown when it holds three sessions or more; otherwise
        the previous week comes first, so the table always has a full week.
        """
        monday = self.session - dt.timedelta(days=self.session.weekday())
        this_week = [d.astype(dt.date) for d in sessions_between(monday, self.session)]
        friday = monday + dt.timedelta(days=4)
        week_complete = sessions_between(self.session + dt.timedelta(days=1), friday).size == 0
        try:
            prev_end = previous_session(monday - dt.timedelta(days=1))
        except ValueError as exc:  # the first week of the calendar
            raise Missing(f"the week before {monday}: {exc}") from exc
        complete_end = self.session if week_complete else prev_end
        if len(this_week) >= 3:
            return this_week, complete_end
        prev_monday = prev_end - dt.timedelta(days=prev_end.weekday())
        prev = [d.astype(dt.date) for d in sessions_between(prev_monday, prev_end)]
        return prev + this_week, complete_end

    def technicals_at(self, symbol: str, day: dt.date) -> dict[str, Fact]:
        """Return the technical facts of ``symbol`` as of an earlier session, keyed by id."""
        if day == self.as_of:
            return {f.id: f for f in self.fs.select("tech", symbol)}
        if (symbol, day) not in self._technicals:
            try:
                made = technicals(PointInTime(self.store, day), symbol)
            except (RotoscopeError, ValueError) as exc:
                raise Missing(f"technicals of {symbol} as of {day}: {exc}") from exc
            self.fs.add(made)
            self._technicals[(symbol, day)] = {f.id: f for f in made}
        return self._technicals[(symbol, day)]

    def derive(self, parent: Fact, key: str, value: float | int | str, unit: str,
               label: str, method: str | None = None) -> Fact:
        """Return a fact computed from another fact's inputs (a count in its params)."""
        fact = parent.model_copy(update={
            "id": f"{parent.id.split('@')[0]}.{key}@{self.iso}",
            "value": value, "unit": unit, "label": label,
            "method": method or parent.method,
        })
        self.fs.add([fact])
        return fact

    # ------------------------------------------------------------ names
    def name(self, symbol: str, short: bool = False) -> str:
        """Return how prose names a series: ``the S&P 500``, ``IWM``, ``Energy (XLE)``.

        ``short``: a sector without its ticker (``Energy``), an index without its
        article (``S&P 500``), as labels in tables and charts name them.
        """
        meta = self.universe.meta(symbol)
        if meta is None:
            return symbol
        if meta.category == "sector" and meta.sector:
            return meta.sector if short else f"{meta.sector} ({symbol})"
        if meta.kind == "index":
            base = meta.prose_name or meta.name
            return base if short else f"the {base}"
        return symbol

    def pair(self, pair_id: str) -> tuple[str, str]:
        """Return the ``(a, b)`` symbols of a universe pair (the note's subjects name them)."""
        found = self.universe.pair(pair_id)
        return found.a, found.b

    def cap(self, text: str) -> str:
        """Return the text with its first letter upper-case."""
        return text[:1].upper() + text[1:]

    def is_etf(self, symbol: str) -> bool:
        """Return whether the series is an ETF."""
        meta = self.universe.meta(symbol)
        return meta is not None and meta.kind == "etf"

    # ------------------------------------------------------------ numbers
    def num(self, fact: Fact, signed: bool | None = None) -> Num:
        """Return the fact's value as shown: ``+1.03%``, ``6,964.82``, ``14``."""
        return Num(fact, fact.formatted(signed=signed))

    def mag(self, fact: Fact) -> Num:
        """Return the size of a change without its sign, for use after a verb: ``1.03%``."""
        value = fact.value
        assert isinstance(value, float | int)
        text = fact.formatted(signed=False).lstrip("-")
        if fact.unit == "pp":
            text = text.replace(" pp", "")
        return Num(fact, text)

    def price(self, fact: Fact, symbol: str) -> Num:
        """Return a level; ETF prices carry a dollar sign."""
        text = fact.formatted(signed=False)
        return Num(fact, f"${text}" if self.is_etf(symbol) else text)

    def date(self, fact: Fact) -> Num:
        """Return a date fact as ``February 6, 2026``."""
        assert isinstance(fact.value, dt.date)
        return Num(fact, long_date(fact.value))

    def count(self, fact: Fact) -> Num:
        """Return a count, spelled out up to ten."""
        value = fact.value
        assert isinstance(value, int)
        return Num(fact, _NUMBER_WORDS[value] if 0 <= value <= 10 else f"{value:,}")

    def sessions(self, fact: Fact) -> tuple[Num, str]:
        """Return a count of sessions with its noun: "one session", "twelve sessions"."""
        return self.count(fact), " session" if fact.value == 1 else " sessions"

    def held(self, fact: Fact) -> tuple[str | Num, ...]:
        """Return how long a lead has held: "since the latest session" or "for N sessions".

        A lead of one session is not a duration: it turned in the latest session.
        """
        if fact.value == 1:
            return ("a lead that turned in the latest session",)
        return ("for ", *self.sessions(fact))

    @staticmethod
    def term(text: str) -> Term:
        """Return a method parameter or calendar date shown with digits."""
        return Term(text)

    @staticmethod
    def plural(n: float | int | str | dt.date, one: str, many: str) -> str:
        """Return ``one`` for a count of one, else ``many``."""
        return one if n == 1 else many

    # ------------------------------------------------------------ words
    def pick(self, slot: str, options: tuple[str, ...]) -> str:
        """Return the next of ``options`` for this slot, so wording does not repeat."""
        i = self._turn.get(slot, 0)
        self._turn[slot] = i + 1
        return options[i % len(options)]

    def pts(self, fact: Fact, signed: bool = True) -> Num:
        """Return a spread in points without its unit: ``+6.52`` (the words say "points")."""
        return Num(fact, fact.formatted(signed=signed).replace(" pp", ""))

    def has(self, fact: Fact, scale: float = 1.0) -> str:
        """Return ``has risen``, ``has fallen``...: :meth:`verb` in the present perfect."""
        word = self.verb(fact, scale)
        first, _, rest = word.partition(" ")
        first = _PARTICIPLES.get(first, first)
        return f"has {first}{' ' + rest if rest else ''}"

    def verb(self, fact: Fact, scale: float = 1.0) -> str:
        """Return a verb for a change, chosen by its sign and size.

        ``scale`` is the size of an ordinary move for the window (1 for a day,
        about 5 for a year): a move over three times it is strong, under a tenth
        of it small.
        """
        value = float(fact.value)  # type: ignore[arg-type]
        size = abs(value) / scale
        if value > 0:
            if size >= 3:
                return self.pick("up-big", ("surged", "jumped", "soared"))
            if size < 0.1:
                return self.pick("up-small", ("edged up", "inched up", "added"))
            return self.pick("up", ("rose", "gained", "advanced", "climbed", "added"))
        if size >= 3:
            return self.pick("down-big", ("tumbled", "sank", "plunged"))
        if size < 0.1:
            return self.pick("down-small", ("slipped", "edged down", "edged lower"))
        return self.pick("down", ("fell", "declined", "lost", "dropped", "retreated"))
