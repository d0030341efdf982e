"""Answer a :class:`~._query.Query` from the store, in cited sentences.

Every intent has a writer that computes its facts with the analytics
functions (point in time: as of date D nothing after D is read), states them
through :class:`rotoscope.report.Ctx`-style pieces (so a number can only enter
the text as a fact) and lists them in the table behind the answer. The answer
is then audited like a note: each number must show its fact, and the claim
checker must confirm every claim it reads in the answer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from rotoscope.analytics import MAX_STALE_DAYS, PointInTime, levels
from rotoscope.analytics.engine import FactSet, store_range
from rotoscope.analytics.returns import point_change, spread, value_on, window_return
from rotoscope.analytics.windows import STANDARD_WINDOWS, calendar_bounds, window_label
from rotoscope.ask import _writers_history as hist
from rotoscope.ask import _writers_levels as lev
from rotoscope.ask import _writers_market as mkt
from rotoscope.ask._common import (
    _SUGGESTIONS,
    _T,
    Basis,
    Declined,
    _Built,
    _end,
    _fact_notes,
    _fv,
    _layout,
    _over_note,
    _period_words,
    _row,
    _scale,
    _start,
    _try,
)
from rotoscope.ask._llm import LLMBackend, LLMError, check_phrasing
from rotoscope.ask._parse import Parsed, QuestionParser
from rotoscope.ask._query import Answer, Interpretation, Query
from rotoscope.calendar import previous_session
from rotoscope.check import check_text
from rotoscope.exceptions import MissingFieldError, QueryError, RotoscopeError
from rotoscope.facts import Fact
from rotoscope.language import split_parts
from rotoscope.prose import Ctx, Missing, Num, Piece, Term, digits_outside_names, long_date, para
from rotoscope.report import audit_text
from rotoscope.store import Store
from rotoscope.universe import Universe

__all__ = ["MAX_QUESTION_CHARS", "Asker", "Declined"]

#: Longest question accepted (characters).
MAX_QUESTION_CHARS = 1000



class Asker:
    """Answers questions about one store and universe.

    Parameters
    ----------
    store, universe
        The open store and its universe.
    llm
        An optional language model (:class:`~._llm.LLMBackend`); off by default.
    """

    def __init__(self, store: Store, universe: Universe, llm: LLMBackend | None = None) -> None:
        self.store = store
        self.universe = universe
        self.llm = llm
        self.members = store.members()
        self.parser = QuestionParser(universe, self.members)
        self.first, self.last = store_range(store)
        self._pits: dict[dt.date, PointInTime] = {}

    def writer(self, intent: str) -> Callable[[Query, dt.date], _Built]:
        """Return the writer of an intent, from the table of intents."""
        table: dict[str, Callable[[Asker, Query, dt.date], _Built]] = {
            "streak": hist.w_streak, "run": hist.w_run, "base_rate": hist.w_base_rate,
            "event_study": hist.w_event_study, "extreme": lev.w_extreme,
            "record": lev.w_record, "cross": lev.w_cross, "yield_change": lev.w_yield_change,
            "curve": lev.w_curve, "rolling_share": lev.w_rolling_share,
            "sectors": mkt.w_sectors, "technical": mkt.w_technical,
            "relative_trend": mkt.w_relative_trend, "regime": mkt.w_regime,
            "breadth": mkt.w_breadth,
        }
        if intent in table:
            fn = table[intent]
            return lambda q, day: fn(self, q, day)
        method: Callable[[Query, dt.date], _Built] = getattr(self, f"_w_{intent}")
        return method

    # ------------------------------------------------------------------ entry points
    def parse(self, question: str, as_of: dt.date | None = None) -> Parsed:
        """Return the query the deterministic parser reads from ``question``."""
        return self.parser.parse(question, as_of or self.last)

    def answer(self, question: str, parsed: Parsed, as_of: dt.date | None = None) -> Answer:
        """Answer a parsed question (see :meth:`ask`)."""
        q = parsed.query
        day = q.as_of or as_of or self.last
        if q.intent == "unanswerable":
            return self.declined(question, q, q.reason or "it is outside the data", day)
        if not self.first <= day <= self.last:
            return self.declined(question, q, f"{day} is outside the data, which runs "
                                 f"{self.first}..{self.last}", day)
        for s in q.subjects:
            if s not in self.universe.series and s not in self.members:
                return self.declined(question, q, f"'{s}' is not a series in the store", day)
        writer = self.writer(q.intent)
        try:
            built = writer(q, day)
        except Declined as exc:
            return self.declined(question, q, str(exc), day)
        except (RotoscopeError, ValueError, Missing) as exc:
            return self.declined(question, q, f"the data cannot answer it: {exc}", day)
        return self._finish(question, q, parsed, built, day)

    def ask(self, question: str, as_of: dt.date | None = None) -> Answer:
        """Answer a question in cited sentences, or decline it with the reason.

        A question that cannot be answered gives ``answerable=False``, never an
        exception. With a language model configured, a question the parser
        cannot read is interpreted by the model (then answered by the engine),
        and the answer may be reworded by it when the rewording passes
        :func:`~._llm.check_phrasing` and the claim checker.

        Raises
        ------
        QueryError
            For an empty question or one over :data:`MAX_QUESTION_CHARS`.
        """
        if not question.strip():
            raise QueryError("the question is empty")
        if len(question) > MAX_QUESTION_CHARS:
            raise QueryError(f"the question has {len(question):,} characters; the limit is "
                             f"{MAX_QUESTION_CHARS:,}")
        parts = split_parts(" ".join(question.split()))
        if len(parts) > 1:
            return self._ask_parts(question, parts, as_of)
        parsed = self.parse(question, as_of)
        if parsed.more_windows or parsed.more_dates or parsed.more_subjects:
            return self._ask_windows(question, parsed, as_of)
        llm_notes: list[str] = []
        used_llm = False
        if self.llm is not None and not parsed.understood:
            vocabulary = {s: m.name for s, m in self.universe.series.items()}
            try:
                query = self.llm.interpret(question, vocabulary,
                                           (as_of or self.last).isoformat())
            except LLMError as exc:
                llm_notes.append(f"The language model could not interpret the question: {exc}.")
            else:
                parsed = Parsed(query, ["The language model read the question as this query; "
                                        "the engine computed the answer."])
                used_llm = True
        answer = self.answer(question, parsed, as_of)
        if self.llm is not None and answer.answerable:
            answer, phrased = self._phrase(question, answer)
            used_llm = used_llm or phrased
        if llm_notes:
            answer.notes.extend(llm_notes)
        if used_llm:
            answer.backend = "llm"
        return answer

    def _ask_windows(self, question: str, parsed: Parsed, as_of: dt.date | None) -> Answer:
        """Answer one question asked over several periods or sessions, one by one."""
        updates: list[dict[str, Any]] = [{"window": w} for w in parsed.more_windows] + [
            {"date": d} for d in parsed.more_dates] + [
            {"subjects": (s,)} for s in parsed.more_subjects]
        answers = [self.answer(question, parsed, as_of)] + [
            self.answer(question, Parsed(parsed.query.model_copy(update=u), [], None,
                                         text=parsed.text), as_of)
            for u in updates]
        return self._combine(question, [(question, a) for a in answers], as_of)

    def _ask_parts(self, question: str, parts: list[str], as_of: dt.date | None) -> Answer:
        """Answer each part of a question that asks several things, in order.

        A part that names no series is about the series of the part before it;
        a part that cannot be answered is named, with the reason, after the
        answered ones. When no part can be answered the question is declined.
        """
        done: list[tuple[str, Answer]] = []
        previous: Query | None = None
        for part in parts:
            parsed = self.parser.parse(part, as_of or self.last, previous)
            if parsed.query.intent != "unanswerable":
                previous = parsed.query
            done.append((part, self.answer(part, parsed, as_of)))
        return self._combine(question, done, as_of)

    def _combine(self, question: str, done: list[tuple[str, Answer]],
                 as_of: dt.date | None) -> Answer:
        """Return one answer from the answers to the parts of a question, in order."""
        parts = [p for p, _ in done]
        answered = [a for _, a in done if a.answerable]
        refused = [(p, str(a.verification.get("declined", "it is outside the data")))
                   for p, a in done if not a.answerable]
        if not answered:
            reason = "; ".join(f"“{p}”: {r}" for p, r in refused)
            return self.declined(question, self.parser.parse(parts[0], as_of or self.last).query,
                                 f"no part of it can be answered ({reason})",
                                 as_of or self.last)
        first = answered[0]
        texts = [a.answer for a in answered] + [
            f"The part “{p}” cannot be answered: {r}." for p, r in refused]
        facts: dict[str, dict[str, Any]] = {}
        for a in answered:
            for f in a.facts:
                facts.setdefault(str(f["id"]), f)
        checks = [a.verification for a in answered]
        return Answer(
            question=question, as_of=first.as_of, answerable=True, answer="\n\n".join(texts),
            interpretation=first.interpretation, facts=list(facts.values()),
            table=[r for a in answered for r in a.table],
            notes=[n for a in answered for n in a.notes],
            suggestions=self.suggestions(tuple(s["symbol"] for s in
                                               first.interpretation.subjects)) if refused
            else [],
            verification={"numbers": sum(c.get("numbers", 0) for c in checks),
                          "confirmed": sum(c.get("confirmed", 0) for c in checks),
                          "outside_checker": sum(c.get("outside_checker", 0) for c in checks),
                          "failures": [x for c in checks for x in c.get("failures", [])],
                          "ok": all(c.get("ok", False) for c in checks),
                          "parts": len(parts), "unanswered_parts": [p for p, _ in refused]})

    def _phrase(self, question: str, answer: Answer) -> tuple[Answer, bool]:
        """Let the language model reword an answer; keep it only when it holds up."""
        assert self.llm is not None
        try:
            text = self.llm.phrase(question, answer)
        except LLMError as exc:
            answer.notes.append(f"The language model could not phrase the answer: {exc}.")
            return answer, False
        reason = check_phrasing(text, answer)
        if reason is None and answer.as_of is not None:
            checked = check_text(self.store, self.universe, text, answer.as_of)
            bad = [c for c in checked.claims if c.verdict == "contradicted"]
            if bad:
                reason = (f"the claim checker contradicts “{bad[0].claim.text(text)}”: "
                          f"{bad[0].explanation}")
        if reason is not None:
            answer.notes.append(f"The language model's wording was rejected ({reason}); this "
                                "is the deterministic answer.")
            answer.verification["llm"] = {"accepted": False, "reason": reason, "text": text}
            return answer, False
        answer.verification["llm"] = {"accepted": True, "deterministic": answer.answer}
        answer.answer = text
        return answer, True

    # ------------------------------------------------------------------ output
    def declined(self, question: str, q: Query, reason: str, day: dt.date | None) -> Answer:
        """Return the answer that says plainly why the question cannot be answered.

        It says what was understood (the series read, if any), why the rest
        cannot be answered, and two or three questions that would work.
        """
        names = [self._subject(s)["name"] for s in q.subjects]
        understood = (" It read the question as being about " + " and ".join(names) + "."
                      if names else "")
        suggestions = self.suggestions(q.subjects)
        text = (f"rotoscope cannot answer this from its data: {reason}.{understood} It answers "
                "questions about the prices, rates and factors in its store: how a series did "
                "over a period, comparisons, highs and lows, the distance from a record, "
                "moving averages and crosses, yield and curve changes, sector leaders, streaks "
                "and how rare they are, relative strength, the regime, breadth, and what "
                "followed past streaks or rate cuts. Questions that would work: "
                + " ".join(suggestions))
        return Answer(
            question=question, as_of=day, answerable=False, answer=text,
            interpretation=Interpretation(
                subjects=[self._subject(s) for s in q.subjects], metric=q.intent,
                period={"window": q.window}),
            facts=[], table=[], suggestions=suggestions,
            verification={"declined": reason})

    def suggestions(self, subjects: tuple[str, ...]) -> list[str]:
        """Return three questions that would work, about the series a question named."""
        if not subjects:
            return list(_SUGGESTIONS[:3])
        meta = self.universe.meta(subjects[0])
        name = self._subject(subjects[0])["name"]
        name = name if meta is not None else f"{name} ({subjects[0]})"
        if meta is not None and meta.kind == "rate":
            return [f"How many basis points did the {name} move this year?",
                    f"What is the {name}?", "What is the 2s10s curve?"]
        the = "the " if meta is not None else ""
        out = [f"How did {the}{name} do year to date?",
               f"How far is {the}{name} from its record close?",
               f"When did {the}{name} last cross its 200-day moving average?"]
        if len(subjects) > 1:
            other = self._subject(subjects[1])["name"]
            out[1] = f"How did {the}{name} do against the {other} this year?"
        return out

    def _subject(self, symbol: str) -> dict[str, str]:
        meta = self.universe.meta(symbol)
        name = meta.name if meta else self.members.get(symbol, symbol)
        return {"symbol": symbol, "name": name}

    def _finish(self, question: str, q: Query, parsed: Parsed, built: _Built,
                day: dt.date) -> Answer:
        text, spans, nums = _layout(built.paragraphs)
        about = built.as_of or q.as_of or self.last
        audit = audit_text(text, spans, nums, [], about, self.store, self.universe)
        facts: dict[str, Fact] = {}
        for n in nums:
            facts.setdefault(n.fact.id, n.fact)
        for f in built.rows:
            facts.setdefault(f.id, f)
        table = [_row(f) for f in built.rows]
        period: dict[str, Any] = {"window": built.window}
        if built.window:
            period["label"] = window_label(built.window)
        if parsed.period_phrase:
            period["phrase"] = parsed.period_phrase
        period["start"] = built.start.isoformat() if built.start else None
        period["end"] = built.end.isoformat() if built.end else None
        notes = parsed.notes + built.notes
        phrase = parsed.period_phrase or ""
        if re.search(r"(?i)\b(?:today|this week|now|this month|yesterday|last week|latest|"
                     r"this session|right now|currently|current)\b",
                     f"{phrase} {parsed.text or question}") and \
                (dt.date.today() - day).days > MAX_STALE_DAYS:
            end = built.end or about
            notes.insert(0, f"The store's data end on {long_date(self.last)}, before today; "
                            "the answer is about " + (
                                f"the close of {long_date(built.start)} to the close of "
                                f"{long_date(end)}." if built.start and built.start != end
                                and built.window != "1d" else f"{long_date(end)}."))
        notes = [n for n in notes if not _over_note(n)]
        return Answer(
            question=question, as_of=day, answerable=True, answer=text,
            interpretation=Interpretation(
                subjects=[self._subject(s) for s in built.subjects], metric=built.metric,
                period=period),
            facts=[f.model_dump(mode="json") for f in facts.values()],
            table=table, notes=notes,
            verification={"numbers": audit.numbers, "confirmed": len(audit.confirmed),
                          "outside_checker": len(audit.outside), "failures": audit.failures,
                          "ok": audit.ok})

    # ------------------------------------------------------------------ helpers
    def pit(self, day: dt.date) -> PointInTime:
        """Return a cached point-in-time view of the store."""
        if day not in self._pits:
            if len(self._pits) > 64:
                self._pits.clear()
            self._pits[day] = PointInTime(self.store, day)
        return self._pits[day]

    def ctx(self, day: dt.date) -> Ctx:
        """Return the writer's toolbox for a date."""
        return Ctx(self.store, self.universe, FactSet(day))

    def _last_value(self, symbol: str, fld: str, day: dt.date) -> dt.date | None:
        try:
            s = self.pit(day).series(symbol, fld)
        except RotoscopeError:
            return None
        return s.date(-1)

    def basis(self, symbols: tuple[str, ...], day: dt.date,
              fields: tuple[Basis, ...] = ("close", "adj_close"),
              ) -> tuple[Basis, dt.date, list[str]]:
        """Choose the first of ``fields`` that every series has up to ``day``.

        Price closes come first (what commentary quotes), total-return closes
        second. When no field reaches ``day``, the answer moves to the last date
        all series have the last field, and a note says so.
        """
        for fld in fields:
            lasts = [self._last_value(s, fld, day) for s in symbols]
            if all(d is not None and (day - d).days <= MAX_STALE_DAYS for d in lasts):
                return fld, day, []
        fld = fields[-1]
        lasts = [self._last_value(s, fld, day) for s in symbols]
        missing = [s for s, d in zip(symbols, lasts, strict=True) if d is None]
        if missing:
            raise Declined(f"{', '.join(missing)} has no {fld.replace('_', ' ')} data on or "
                           f"before {day}")
        end = min(d for d in lasts if d is not None)
        stale = [s for s, d in zip(symbols, lasts, strict=True) if d == end]
        return fld, end, [f"The data of {', '.join(stale)} end on {end}, before {day}; the "
                          f"answer ends on {end}."]

    def with_basis(self, symbols: tuple[str, ...], day: dt.date,
                   fn: Callable[[Basis, dt.date], _T],
                   fields: tuple[Basis, ...] = ("close", "adj_close"),
                   ) -> tuple[_T, Basis, dt.date, list[str]]:
        """Run ``fn(field, day)`` on price closes, else on total-return closes.

        Price closes may not reach back far enough for the window (some ETFs'
        raw closes start late); total returns are then used, and a note says so.
        """
        fld, d, notes = self.basis(symbols, day, fields)
        try:
            return fn(fld, d), fld, d, notes
        except (MissingFieldError, ValueError) as exc:
            if fld != "close" or "adj_close" not in fields:
                raise
            fld2, d2, notes2 = self.basis(symbols, day, ("adj_close",))
            return fn(fld2, d2), fld2, d2, [
                f"Price closes do not cover the window ({exc}); total returns are used.",
                *notes2]

    def period_day(self, q: Query, day: dt.date) -> dt.date:
        """Return the as-of date of a change: a date the question names, or the period's end."""
        if q.date is not None:
            return self.point(q, day)
        bounds = calendar_bounds(q.window) if q.window else None
        if bounds is not None:
            assert q.window is not None
            if bounds[1] < self.first:
                raise Declined(f"{window_label(q.window)} is before the data, which start on "
                               f"{self.first}")
            return min(day, previous_session(bounds[1]))
        return day

    def covered(self, window: str, target: dt.date, end: dt.date,
                symbols: tuple[str, ...]) -> None:
        """Decline a month, quarter, half or year the data stop well inside of.

        Raises
        ------
        Declined
            When the last session measured is more than a week before the period's
            end (or the as-of date): the answer would be about a shorter period.
        """
        if calendar_bounds(window) is not None and (target - end).days > MAX_STALE_DAYS:
            raise Declined(f"the data of {', '.join(symbols)} end on {long_date(end)}, "
                           f"before the end of {window_label(window)}; a change to then "
                           "would be about a shorter period")

    def point(self, q: Query, day: dt.date) -> dt.date:
        """Return the date a point-in-time question is about."""
        if q.date is not None:
            if q.date > day:
                raise Declined(f"{q.date} is after the as-of date {day}")
            if q.date < self.first:
                raise Declined(f"{q.date} is before the data, which start on {self.first}")
            return q.date
        bounds = calendar_bounds(q.window) if q.window else None
        if bounds is not None:
            assert q.window is not None
            if bounds[1] < self.first:
                raise Declined(f"{window_label(q.window)} is before the data")
            return min(day, bounds[1])
        return day

    def name(self, ctx: Ctx, symbol: str) -> str:
        """Return how prose names a series or an index member (may hold digits)."""
        meta = self.universe.meta(symbol)
        if meta is None:
            return f"{self.members[symbol]} ({symbol})" if symbol in self.members else symbol
        if meta.category != "sector" and (meta.kind in ("etf", "rate", "fx", "volatility")
                                          or symbol == "^TNX"):
            plain = re.sub(r"\s*\([^)]*\)", "", meta.name)
            return f"the {plain} ({symbol})"
        return ctx.name(symbol)

    def nm(self, ctx: Ctx, symbol: str, cap: bool = False) -> Piece:
        """Return the name as a piece: a term when it holds digits ("10-Year")."""
        text = self.name(ctx, symbol)
        text = ctx.cap(text) if cap else text
        if digits_outside_names(text):
            return Term(text)
        return text

    # ================================================================== writers
    def _w_performance(self, q: Query, day: dt.date) -> _Built:
        day = self.period_day(q, day)
        s = q.subjects[0]
        meta = self.universe.meta(s)
        if (meta is not None and meta.kind in ("rate", "breadth")) or s in ("^TNX",):
            return self._w_level(q, day)
        window = q.window or "ytd"
        target = day
        ret, fld, day, notes = self.with_basis(
            (s,), day, lambda f, d: window_return(self.pit(d), s, window, f), _fields(q))
        self.covered(window, target, _end(ret), (s,))
        ctx = self.ctx(day)
        pit = self.pit(day)
        name = self.nm(ctx, s, cap=True)
        what = "total return" if fld == "adj_close" else "price change"
        words = () if q.date and window.startswith("since-") else _period_words(
            window, _end(ret) if q.date or window in ("1d", "wtd") else None, _start(ret))
        parts: list[Piece | None] = [
            name, " ", ctx.verb(ret, _scale(window)), " ", ctx.mag(ret),
            *((" ", *words, ",") if words else ()), " from its close on ",
            Term(long_date(_start(ret))),
            " to its close on ", Term(long_date(_end(ret))), f" ({what}).",
        ]
        if q.points == "index" and fld == "close":
            pts = point_change(pit, s, window, fld)
            parts = [name, " ", "gained " if _fv(pts) > 0 else "lost ",
                     Num(pts, f"{abs(_fv(pts)):,.2f}"), " points",
                     *((" ", *words) if words else ()), ", from ",
                     Num(value_on(pit, s, fld, _start(ret)), f"{pts.params['base_value']:,.2f}"),
                     " on ", Term(long_date(_start(ret))), " to ",
                     Num(value_on(pit, s, fld, _end(ret)), f"{pts.params['end_value']:,.2f}"),
                     " on ", Term(long_date(_end(ret))), ", a change of ", ctx.num(ret), "."]
            return _Built([para(*parts)], [pts, ret], "change_points", (s,), window,
                          _start(ret), _end(ret), day, notes + _fact_notes(ret))
        rows = [ret]
        alt = _try(lambda: window_return(pit, s, window, "adj_close")) if fld == "close" \
            and q.basis is None else None
        if alt is not None and abs(_fv(alt) - _fv(ret)) >= 0.005:
            # a range is read back by the checker as of its end: "since" its first close
            alt_words = words or ("since ", Term(long_date(_start(alt))))
            parts += [" Including dividends, its total return ", *alt_words, " was ",
                      ctx.num(alt), "."]
            rows.append(alt)
        for w in STANDARD_WINDOWS if window in STANDARD_WINDOWS else ():
            if w != window:
                extra = _try(lambda w=w: window_return(pit, s, w, fld))  # type: ignore[misc]
                if extra is not None:
                    rows.append(extra)
        return _Built([para(*parts)], rows, "change", (s,), window, _start(ret), _end(ret),
                      day, notes + _fact_notes(ret))

    def _w_compare(self, q: Query, day: dt.date) -> _Built:
        day = self.period_day(q, day)
        a, b = q.subjects[0], q.subjects[1]
        window = q.window or "ytd"
        target = day
        (gap, ra, rb), fld, day, notes = self.with_basis(
            (a, b), day, lambda f, d: spread(self.pit(d), a, b, window, f), _fields(q))
        self.covered(window, target, min(_end(ra), _end(rb)), (a, b))
        ctx = self.ctx(day)
        pit = self.pit(day)
        na, nb = self.nm(ctx, a, cap=True), self.nm(ctx, b)
        lead = _fv(gap) > 0
        basis = "on a total-return basis" if fld == "adj_close" else "on price"
        gap_shown = ctx.pts(gap, signed=False) if lead else Num(
            gap, gap.formatted(signed=False).lstrip("-").replace(" pp", ""))
        parts: list[Piece | None] = [
            na, " ", "outperformed" if lead else "underperformed", " ", nb, " by ", gap_shown,
            " percentage points ",
            # a range is read back by the checker as of its end: "since" its first close
            *(("since ", Term(long_date(_start(ra))), " ") if q.date and
              window.startswith("since-") else
              (*_period_words(window, _end(ra) if q.date else None, _start(ra)), " ")),
            basis, ": ", self.nm(ctx, a), " ", ctx.verb(ra, _scale(window)), " ", ctx.mag(ra),
            " against ", ctx.num(rb), " for ", nb, ".",
        ]
        if len(q.subjects) > 2:
            for c in q.subjects[2:]:
                rc = _try(lambda c=c: window_return(pit, c, window, fld))  # type: ignore[misc]
                if rc is not None:
                    parts += [" ", self.nm(ctx, c, cap=True), " ", ctx.verb(rc), " ",
                              ctx.mag(rc), "."]
        start, end = _start(ra), _end(ra)
        parts += [" The window runs from the close on ", Term(long_date(start)),
                  " to the close on ", Term(long_date(end)), "."]
        rows = [gap, ra, rb]
        alt = _try(lambda: spread(pit, a, b, window, "adj_close")[0]) if fld == "close" \
            and q.basis is None else None
        if alt is not None and abs(_fv(alt) - _fv(gap)) >= 0.005:
            parts += [" Including dividends, the gap was ", ctx.pts(alt), " points."]
            rows.append(alt)
        for w in STANDARD_WINDOWS if window in STANDARD_WINDOWS else ():
            if w != window:
                extra = _try(lambda w=w: spread(pit, a, b, w, fld)[0])  # type: ignore[misc]
                if extra is not None:
                    rows.append(extra)
        return _Built([para(*parts)], rows, "spread", (a, b), window, start, end, day,
                      notes + _fact_notes(ra) + _fact_notes(rb))






    def _w_level(self, q: Query, day: dt.date) -> _Built:
        s = q.subjects[0]
        meta = self.universe.meta(s)
        macro = meta is not None and meta.kind in ("rate", "fx", "breadth") and \
            self.store.symbols().get(s) == "macro"
        when = self.point(q, day)
        fld = "value" if macro else "close"
        if not macro and self._last_value(s, "close", when) is None:
            fld = "adj_close"
        pit = self.pit(when)
        series = pit.series(s, fld)
        on = series.date(-1)
        notes: list[str] = []
        if q.date is not None and on != q.date:
            notes.append(f"{q.date} is not a session of {s}; the answer gives the last value "
                         f"before it, on {on}.")
        if (when - on).days > MAX_STALE_DAYS:
            notes.append(f"{s}'s last {fld} on or before {when} is on {on}.")
        fact = value_on(pit, s, fld, on)
        ctx = self.ctx(when)
        name = self.nm(ctx, s, cap=True)
        is_pct = meta is not None and meta.unit == "percent"
        shown = Num(fact, f"{_fv(fact):.2f}%") if is_pct else ctx.price(fact, s)
        verb = "stood at" if macro else "closed at"
        words = " (dividend-adjusted)" if fld == "adj_close" else ""
        paras = [para(name, f" {verb} ", shown, words, " on ", Term(long_date(on)),
                      ".")]
        rows = [fact]
        if is_pct:  # a yield moves in basis points, never in percent
            bp = _try(lambda: levels.yield_change(pit, s, "1d", fld))
            if bp is not None:
                moved: tuple[Piece, ...] = (
                    ("up ", Num(bp, f"{abs(_fv(bp)):.0f}"), _bp(bp)) if round(_fv(bp)) > 0
                    else ("down ", Num(bp, f"{abs(_fv(bp)):.0f}"), _bp(bp))
                    if round(_fv(bp)) < 0 else ("unchanged",))
                paras[0] = para(*paras[0].pieces, " That was ", *moved,
                                " from the session before.")
                rows.append(bp)
        elif not macro:
            price: Basis = "adj_close" if fld == "adj_close" else "close"
            prev = _try(lambda: window_return(pit, s, "1d", price))
            if prev is not None:
                change: tuple[Piece, ...] = (
                    ("up ", ctx.mag(prev)) if round(_fv(prev), 2) > 0 else
                    ("down ", ctx.mag(prev)) if round(_fv(prev), 2) < 0 else
                    ("unchanged",))
                paras[0] = para(*paras[0].pieces, " That was ", *change,
                                " from the session before.")
                rows.append(prev)
        return _Built(paras, rows, "level", (s,), None, on, on, when, notes)


def _fields(q: Query) -> tuple[Basis, ...]:
    """Return the closes a change is measured on: the one the question names, else both."""
    if q.basis == "total":
        return ("adj_close",)
    if q.basis == "price":
        return ("close",)
    return ("close", "adj_close")


def _bp(fact: Fact) -> str:
    """Return " basis point" or " basis points" for a change in basis points."""
    return " basis point" if round(abs(_fv(fact))) == 1 else " basis points"
