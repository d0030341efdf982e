"""Check a text: date it, extract its claims, verify each, find internal conflicts."""

from __future__ import annotations

import bisect
import codecs
import datetime as dt
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from rotoscope.calendar import is_session, previous_session
from rotoscope.check._cues import (
    _BEFORE_THE_CLOSE,
    _EARLY_BEFORE,
    _EVENT_AFTER,
    _EVENT_BEFORE,
    _MORNING_AFTER,
    _WEEKDAY,
    _WEEKDAY_EVENT,
)
from rotoscope.check._extract import Claim, extract_claims
from rotoscope.check._readings import settle
from rotoscope.check._verify import CheckedClaim, Verifier, judge
from rotoscope.exceptions import (
    DateOutOfRangeError,
    InputTextError,
    RotoscopeError,
    TooMuchWorkError,
)
from rotoscope.language import find_dateline, find_dates
from rotoscope.store import Store
from rotoscope.universe import Universe

__all__ = ["MAX_TEXT_BYTES", "CheckResult", "Conflict", "InputTextError", "check_text",
           "decode_text"]

#: Texts longer than this are refused (a research note is a few tens of kilobytes).
MAX_TEXT_BYTES = 2_000_000

DateSource = Literal["given", "dateline", "data"]

#: The price fields the verifier reads of a claim's series (closes, and the open,
#: high and low it names when a quote is one of them).
_FIELDS = ("open", "high", "low", "close", "adj_close")

if TYPE_CHECKING:
    import pandas
    import polars as pl  # loaded by CheckResult.to_polars: checking a text needs no frame


def _claim_schema() -> dict[str, pl.DataType | type[pl.DataType]]:
    """Return the columns of :meth:`CheckResult.to_polars` and their Polars types."""
    import polars as pl

    return {
        "text": pl.String, "subject": pl.String, "metric": pl.String, "claimed": pl.Float64,
        "computed": pl.Float64, "unit": pl.String, "verdict": pl.String, "start": pl.String,
        "end": pl.String, "explanation": pl.String, "facts": pl.List(pl.String),
    }


def decode_text(data: bytes, where: str = "input") -> str:
    """Decode the bytes of a text to check, or raise :class:`InputTextError` saying why.

    UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark
    are read; anything else is refused rather than guessed.
    """
    if len(data) > MAX_TEXT_BYTES:
        raise InputTextError(f"{where} is {len(data):,} bytes; the limit is "
                             f"{MAX_TEXT_BYTES:,} bytes. Split it into smaller texts.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputTextError(f"{where} starts with a UTF-16 byte-order mark but is not "
                                 f"valid UTF-16 (byte {exc.start})") from exc
    else:
        if b"\x00" in data[:8192]:
            raise InputTextError(f"{where} looks binary (it holds NUL bytes); give a plain "
                                 "text file")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputTextError(
                f"{where} is not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} "
                "cannot be decoded. Convert it to UTF-8 first (for example with "
                "`iconv -f WINDOWS-1252 -t UTF-8`).") from exc
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 100):
        raise InputTextError(f"{where} looks binary ({controls} control characters in the "
                             "first 8 KiB); give a plain text file")
    if not text.strip():
        raise InputTextError(f"{where} is empty: there is nothing to check")
    return text


@dataclass(frozen=True)
class Conflict:
    """Two or more claims in the same text that cannot all be true."""

    claims: tuple[int, ...]
    explanation: str


@dataclass
class CheckResult:
    """The outcome of checking one text."""

    text: str
    as_of: dt.date
    date_source: DateSource
    reference: dt.date
    claims: list[CheckedClaim]
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        """Count of claims per verdict."""
        out = {"confirmed": 0, "approximate": 0, "contradicted": 0, "unverifiable": 0}
        for c in self.claims:
            out[c.verdict] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON document (schema in ``docs/check.md``)."""
        claims = []
        for c in self.claims:
            cl = c.claim
            scale, unit = cl.as_quoted()
            claims.append({
                "text": cl.text(self.text),
                "span": [cl.span[0], cl.span[1]],
                "subject": cl.subject if cl.subject is not None else (cl.subject_text or None),
                "other": cl.other,
                "metric": cl.metric,
                "period": {"start": c.start.isoformat() if c.start else None,
                           "end": c.end.isoformat() if c.end else None,
                           "phrase": cl.period.phrase if cl.period else None},
                "claimed": round(cl.claimed * scale, 6),
                "computed": None if c.computed is None else round(c.computed * scale, 6),
                "unit": unit,
                "qualifier": cl.qualifier,
                "verdict": c.verdict,
                "explanation": c.explanation,
                "facts": [f.id for f in c.facts],
                "quantity_span": [cl.quantity.span[0], cl.quantity.span[1]],
                "frame": {"subject_from": cl.subject_how,
                          "period_from": cl.period.source if cl.period else None},
            })
        return {
            "as_of": self.as_of.isoformat(),
            "as_of_source": self.date_source,
            "reference_session": self.reference.isoformat(),
            "claims": claims,
            "conflicts": [{"claims": list(k.claims), "explanation": k.explanation}
                          for k in self.conflicts],
            "summary": self.summary(),
            "notes": self.notes,
        }

    def to_polars(self) -> pl.DataFrame:
        """Return one row per claim: its text, subject, metric, numbers, verdict and facts."""
        import polars as pl

        rows = [{"text": c["text"], "subject": c["subject"], "metric": c["metric"],
                 "claimed": c["claimed"], "computed": c["computed"], "unit": c["unit"],
                 "verdict": c["verdict"], "start": c["period"]["start"],
                 "end": c["period"]["end"], "explanation": c["explanation"],
                 "facts": c["facts"]} for c in self.to_dict()["claims"]]
        return pl.DataFrame(rows, schema=_claim_schema()).with_columns(
            pl.col("start", "end").str.to_date())

    def to_pandas(self) -> pandas.DataFrame:
        """Return :meth:`to_polars` as a pandas frame (needs pandas installed)."""
        from rotoscope.facts import to_pandas

        return to_pandas(self.to_polars())

    def _repr_html_(self) -> str:
        from rotoscope.facts import html_table

        counts = ", ".join(f"{n} {verdict}" for verdict, n in self.summary().items())
        return html_table(self.to_polars(), f"{len(self.claims)} claims as of {self.as_of} "
                          f"(dated by {self.date_source}): {counts}",
                          ("text", "verdict", "claimed", "computed", "explanation"))


def _reference(text: str, as_of: dt.date,
               dateline_span: tuple[int, int] | None) -> tuple[dt.date, str | None]:
    """Return the session "today" means, and a note when it is not the obvious one.

    It is the last session on or before the text's date. A text dated on a
    session may have been written before that session's close: when it says so
    ("6:45 a.m.", "before the open") "today" is the session before; when it
    cites only earlier sessions of the week before ("on Monday" in a text dated
    Tuesday), "today" is the latest of them. A date the text gives to an event
    ("the record it set on January 27", "its June 2 high", "up 6% from its close
    on July 31", "after Monday's rout") says when that happened, not when the
    text was written, and does not count. A text dated on a weekend or holiday
    was written after the last session closed, which is "today" whatever it cites.
    """
    r = previous_session(as_of)
    if r != as_of:
        return r, None
    # the dateline's own words: "March 16, 2020, 6:45 a.m. ET —" (not a later mention of
    # "this morning's pre-market edition" in a text written after the close)
    line = "" if dateline_span is None else re.split(
        r"\n|—|--", text[dateline_span[1]:dateline_span[1] + 40], maxsplit=1)[0]
    if (early := _BEFORE_THE_CLOSE.search(line)) is not None:
        before = previous_session(r - dt.timedelta(days=1))
        return before, (f"The text is dated {r} before that session's close "
                        f"('{early.group(0).strip()}'): 'today' and undated figures are read "
                        f"as of {before}.")
    mentions = [d for d in find_dates(text, as_of)
                if dateline_span is None or not (d.span[0] < dateline_span[1]
                                                 and dateline_span[0] < d.span[1])]
    # "on Tuesday morning", "early Tuesday" of the text's own date: written before its close
    mornings = [d for d in mentions if d.date == r and _WEEKDAY.fullmatch(text, *d.span)
                and (_MORNING_AFTER.match(text, d.span[1]) or _EARLY_BEFORE.search(
                    text, max(0, d.span[0] - 8), d.span[0]))]
    cited = {d.date for d in mentions if d not in mornings
             and not _EVENT_BEFORE.search(text, max(0, d.span[0] - 40), d.span[0])
             and not _EVENT_AFTER.match(text, d.span[1])
             # a weekday alone ("on Monday") dates a session only in a dated text, and
             # only the text's own day or the one right before it (a morning-after story)
             and not (_WEEKDAY.fullmatch(text, *d.span) and (
                 dateline_span is None or _WEEKDAY_EVENT.match(text, d.span[1])
                 or d.date not in (r, previous_session(r - dt.timedelta(days=1)))))}
    if r in cited:
        return r, None
    if mornings and dateline_span is not None:
        before = previous_session(r - dt.timedelta(days=1))
        word = text[mornings[0].span[0]:mornings[0].span[1]]
        return before, (f"The text speaks of {word} {r} "
                        f"before that session's close: 'today' and undated figures are read "
                        f"as of {before}.")
    recent = sorted(d for d in cited if d is not None and r - dt.timedelta(days=7) <= d < r
                    and is_session(d))
    if recent:
        return recent[-1], (f"The text cites sessions up to {recent[-1]} and not {r}: "
                            f"'today' and undated figures are read as of {recent[-1]}.")
    return r, None


def check_text(store: Store, universe: Universe, text: str,
               as_of: dt.date | None = None, *, max_claims: int | None = None,
               seconds: float | None = None) -> CheckResult:
    """Check every numeric claim in ``text`` against the store.

    Parameters
    ----------
    as_of
        The date the text speaks as of; default its own dateline, else the
        store's last date.
    max_claims
        Refuse a text with more claims than this (the web app's limit per
        request); ``None``: no limit.
    seconds
        Stop with an error once verifying has taken longer than this, counted
        from the call; ``None``: no limit.

    Raises
    ------
    DateOutOfRangeError
        When the as-of date is before the data begin.
    TooMuchWorkError
        Over ``max_claims`` or ``seconds``.
    """
    deadline = None if seconds is None else time.monotonic() + seconds
    first, last = store.price_range()
    notes: list[str] = []
    dateline = find_dateline(text)
    source: DateSource
    if as_of is not None:
        source = "given"
    elif dateline is not None:
        as_of, source = dateline.date, "dateline"
        if dateline.month_only:
            notes.append(f"The text is dated only '{text[dateline.span[0]:dateline.span[1]]}': "
                         f"it is read as of {as_of}, the end of the month before, which a "
                         "monthly letter reports on.")
    else:
        as_of, source = last, "data"
        notes.append(f"The text has no dateline; it is checked as of the data's last date, "
                     f"{last}.")
    if as_of < first:
        raise DateOutOfRangeError("as_of", as_of, first, last)
    if as_of > last:
        notes.append(f"The text is dated {as_of}, after the data end ({last}); figures for "
                     "later sessions cannot be checked.")
    readable = min(as_of, last)
    if source == "given" and is_session(readable):
        # the caller named the session the text speaks of: it is "today"
        reference, note = readable, None
    else:
        reference, note = _reference(text, readable,
                                     dateline.span if dateline is not None
                                     and source != "given" else None)
    verifier = Verifier(store, universe, readable, reference,
                        dateline.date if dateline is not None else None)
    if note:
        notes.append(note)
    claims = extract_claims(text, universe, as_of)
    if max_claims is not None and len(claims) > max_claims:
        raise TooMuchWorkError(f"the text holds {len(claims):,} claims",
                               f"{max_claims:,} claims per text")
    # the claims' series in one query per table, not one per series and field
    known = store.symbols()
    store.load_series(sorted({s for c in claims for s in (c.subject, c.other) if s in known}),
                      _FIELDS)
    checked: list[CheckedClaim] = []
    for claim in claims:
        if deadline is not None and time.monotonic() > deadline:
            raise TooMuchWorkError(f"checking the text took over {seconds:g} s "
                                   f"({len(checked):,} of {len(claims):,} claims done)",
                                   f"{seconds:g} s per text")
        checked.append(verifier.verify(claim))
    _explain_intraday(checked, verifier)
    checked = settle(checked, verifier)
    return CheckResult(text, as_of, source, reference, checked, _conflicts(checked), notes)


def _explain_intraday(checked: list[CheckedClaim], verifier: Verifier) -> None:
    """Name the open when a level and a one-day change quoted together imply it as base."""
    by_seg: dict[tuple[tuple[int, int], str | None], list[CheckedClaim]] = {}
    for c in checked:
        by_seg.setdefault((c.claim.segment, c.claim.subject), []).append(c)
    for group in by_seg.values():
        levels = [c for c in group if c.claim.metric == "level" and c.verdict == "contradicted"]
        changes = [c for c in group if c.claim.metric == "change" and c.end is not None
                   and c.claim.period is not None and c.claim.period.window == "1d"
                   and c.verdict == "contradicted"]
        if len(levels) != 1 or len(changes) != 1 or levels[0].claim.subject is None:
            continue
        lv, ch = levels[0], changes[0]
        day = ch.end
        assert day is not None
        base = lv.claim.claimed / (1.0 + ch.claim.claimed / 100.0)
        try:
            open_, fact = verifier.point(lv.claim.subject or "", "open", day)
        except RotoscopeError:
            continue
        if abs(base / open_ - 1.0) <= 2e-4:
            why = (f" Together, the quoted {lv.claim.claimed:,.2f} and {ch.claim.claimed:+.2f}% "
                   f"fit a move from the {day} open ({open_:,.2f}): they look like an intraday "
                   "quote measured from the open, not the session's close.")
            for c in (lv, ch):
                c.explanation += why
                c.facts.append(fact)


def _repeated(claims: list[Claim]) -> list[tuple[int, int]]:
    """Return the pairs ``(i, j)``, ``i < j``, quoting one measure with numbers that differ.

    Claims are grouped by measure (subject, metric, other, period, unit, price
    field and intraday reading) and, inside a group, by quoted value, so the work
    grows with the number of distinct values rather than the square of the claims:
    a long text that repeats itself stays linear.
    """
    groups: dict[tuple[object, ...], dict[tuple[float, int, str], list[int]]] = {}
    for i, a in enumerate(claims):
        if a.metric == "other" or a.subject is None or a.period is None \
                or a.qualifier != "exact":
            continue
        # a move in points and in percent, a close and the session's high: other measures
        key = (a.subject, a.metric, a.other, a.period.window, a.period.anchor, a.period.day,
               a.unit, a.column, a.intraday)
        groups.setdefault(key, {}).setdefault((a.claimed, a.decimals, a.unit), []).append(i)
    pairs: list[tuple[int, int]] = []
    for classes in groups.values():
        for (va, da, ua), first in classes.items():
            for (vb, db, _ub), second in classes.items():
                if judge(va, vb, "exact", min(da, db), ua) != "no":
                    continue
                pairs += [(i, j) for i in first for j in second if i < j]
    return sorted(pairs)


def _conflicts(checked: list[CheckedClaim]) -> list[Conflict]:
    out: list[Conflict] = []
    claims = [c.claim for c in checked]
    # the same measure quoted twice with different numbers
    for i, j in _repeated(claims):
        a, b = claims[i], claims[j]
        out.append(Conflict((i, j), f"The text gives {a.subject} {a.metric} as both "
                                    f"{a.claimed:g} and {b.claimed:g} for the same period."))
    # a spread against the two returns quoted for the same window
    first_change: dict[tuple[str | None, str], int] = {}
    for i, c in enumerate(claims):
        if c.metric == "change" and c.period:
            first_change.setdefault((c.subject, c.period.window), i)
    for k, s in enumerate(claims):
        if s.metric != "spread" or s.other is None or not s.period:
            continue
        ra = first_change.get((s.subject, s.period.window))
        rb = first_change.get((s.other, s.period.window))
        if ra is None or rb is None:
            continue
        implied = claims[ra].claimed - claims[rb].claimed
        if judge(s.claimed, implied, s.qualifier, s.decimals, "pp") != "confirmed":
            out.append(Conflict((ra, rb, k), (
                f"The quoted returns ({claims[ra].claimed:+g}% and {claims[rb].claimed:+g}%) "
                f"imply a gap of {implied:.2f} pp, not the {s.claimed:g} pp claimed.")))
    # table rows: closes on consecutive rows against the quoted daily change
    rows = [(i, c) for i, c in enumerate(claims) if c.period is not None
            and c.period.source == "row" and c.period.day is not None]
    closes = {(c.subject, c.period.day): (i, c) for i, c in rows  # type: ignore[union-attr]
              if c.metric == "level" and c.column == "close"}
    days = sorted({d for (_s, d) in closes if d is not None})
    for i, c in rows:
        if c.metric != "change" or c.period is None or c.period.day is None:
            continue
        d = c.period.day
        before = bisect.bisect_left(days, d)  # days are sorted: the ones before d
        if not before or (c.subject, d) not in closes or \
                (c.subject, days[before - 1]) not in closes:
            continue
        prev_day = days[before - 1]
        j, prev = closes[(c.subject, prev_day)]
        k, cur = closes[(c.subject, d)]
        implied = (cur.claimed / prev.claimed - 1.0) * 100.0
        if abs(implied - c.claimed) > _tolerance_for_rows(c, prev, cur):
            out.append(Conflict((j, k, i), (
                f"The table's own closes ({prev.claimed:,.2f} on {prev_day}, "
                f"{cur.claimed:,.2f} on {d}) imply {implied:+.2f}%, not the "
                f"{c.claimed:+.2f}% it lists.")))
    return out


def _tolerance_for_rows(change: Claim, prev: Claim, cur: Claim) -> float:
    """Return the quoted change's rounding plus the effect of rounding both closes."""
    rel = 0.5 * 10.0 ** (-min(prev.decimals, cur.decimals)) / min(prev.claimed, cur.claimed)
    return 0.5 * 10.0 ** (-change.decimals) + 2 * rel * 100.0 + 1e-9
