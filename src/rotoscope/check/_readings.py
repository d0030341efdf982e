"""The last stage of checking: decide whether a mismatch may be called a contradiction.

Extraction turns each number into a frame (subject, measure, period, value)
and the verifier recomputes it. A frame whose subject or period was not read
from the claim's own clause is a guess, and a guess must never become an
accusation. This stage takes every ``contradicted`` verdict and asks how the
frame was resolved:

- **The subject.** A subject carried from an earlier sentence, or one that
  shares its clause with a company, a commodity, a foreign index or an economic
  series the store does not hold, may not own the number: the claim becomes
  ``unverifiable``, saying what was understood.
- **The period.** A change or spread whose sentence names no period (it fell
  back to the paragraph, the document's title or the reference session) is
  recomputed over the other periods a writer plausibly means (the session, the
  session before, the week, the week before, month, quarter and year to
  date). One that matches makes the claim ``approximate``, naming that period;
  none makes it ``unverifiable``: the writer's period is unknown, so the data
  cannot say the number is wrong.
- **The direction.** A move whose sign was inferred (no up or down word next to
  it) and whose size matches is ``approximate``.
- **The data.** A change whose series ends before the claim's session, a
  "level" nowhere near the series' closes (a count or another series' value),
  and an index measured on its fund past the index's data by more than a tracking
  difference but not clearly wrong are ``unverifiable``; within a tracking
  difference (0.2 points plus two a year) it is ``approximate``.
- **Funds in parentheses.** "The S&P 500 (SPY)" is also read on the fund: a
  match there is taken, and said.

- **The market.** A run said of "the market" or "stocks" is read on the S&P 500;
  a match is ``approximate``, and a mismatch is not the writer's error.

Everything else stays as the verifier judged it.
"""

from __future__ import annotations

from dataclasses import replace

from rotoscope.check._frames import Claim, ClaimPeriod
from rotoscope.check._verify import CheckedClaim, Verifier, judge
from rotoscope.exceptions import RotoscopeError

__all__ = ["settle"]

#: Sources of a period that the claim's own words gave (see ``ClaimPeriod.source``).
_OWN_PERIOD = ("clause", "sentence", "row", "repeat", "block", "carried")
#: How a subject found in the claim's own words was attached (``Claim.subject_how``).
_OWN_SUBJECT = ("possessive", "left", "right", "paired", "row", "block", "anaphor", "group")
#: Measures whose period a writer often leaves to the reader.
_PERIODIC = ("change", "spread", "sector_count", "standing")


def settle(checked: list[CheckedClaim], verifier: Verifier) -> list[CheckedClaim]:
    """Return the claims with every unsafe contradiction resolved (see the module doc)."""
    return [_settle_one(c, verifier) if c.verdict == "contradicted" else
            _twin(c, verifier) if c.verdict == "approximate" and (
                c.claim.twin or c.claim.other_twin) else
            _market(c) if c.verdict == "confirmed" and c.claim.subject_how == "market" else c
            for c in checked]


def _market(c: CheckedClaim) -> CheckedClaim:
    """Return a claim about "the market", read on the S&P 500, as approximate."""
    return replace(c, verdict="approximate",
                   explanation=f"Read 'the market' as the S&P 500: {c.explanation}")


def _funds(claim: Claim) -> Claim:
    """Return the claim read on the funds named in parentheses after the index names."""
    return replace(claim, subject=claim.twin or claim.subject, twin=None,
                   other=claim.other_twin or claim.other, other_twin=None)


def _twin(c: CheckedClaim, verifier: Verifier) -> CheckedClaim:
    """Read "the S&P 500 (SPY)" as the fund when the fund matches exactly."""
    claim = c.claim
    alt = _recheck(_funds(claim), claim.period, verifier)
    if alt is not None and alt.verdict == "confirmed":
        named = ", ".join(x for x in (claim.twin, claim.other_twin) if x)
        return replace(alt, claim=claim, explanation=f"Measured on {named}, named in "
                                                     f"parentheses: {alt.explanation}")
    return c


def _settle_one(c: CheckedClaim, verifier: Verifier) -> CheckedClaim:
    claim = c.claim
    try:
        wanted = verifier.end_of(claim)
    except (RotoscopeError, ValueError):
        wanted = None
    if wanted is not None and c.end is not None and c.end < wanted and \
            claim.metric in _PERIODIC:
        return _abstain(c, f"the data for {claim.subject} end on {c.end}, before the session "
                           f"the claim is about ({wanted})")
    if claim.metric in ("level", "milestone") and c.computed and claim.claimed and \
            not 0.5 <= claim.claimed / c.computed <= 2.0:
        return _abstain(c, f"{claim.claimed:g} is nowhere near a close of "
                           f"{claim.subject_text or claim.subject}, so it is probably not one "
                           "(a count, a target or another series' value)")
    if claim.twin is not None or claim.other_twin is not None:
        alt = _recheck(_funds(claim), claim.period, verifier)
        if alt is not None and alt.verdict in ("confirmed", "approximate"):
            named = ", ".join(x for x in (claim.twin, claim.other_twin) if x)
            return replace(alt, claim=claim,
                           explanation=f"Measured on {named}, named in parentheses: "
                                       f"{alt.explanation}")
    if claim.subject_how not in _OWN_SUBJECT:
        return _abstain(c, f"the sentence does not name what the number belongs to (it was "
                           f"read as {claim.subject_text or claim.subject}'s, from an earlier "
                           "sentence)")
    if claim.stand_in and c.computed is not None and claim.unit in ("pct", "pp") and \
            abs(c.computed - claim.claimed) <= _tracking(c):
        return replace(c, verdict="approximate",
                       explanation=f"{c.explanation} Measured on {claim.subject}, a fund that "
                                   f"stands in for {claim.subject_text}: a gap of "
                                   f"{abs(c.computed - claim.claimed):.2f} points is within "
                                   "what its dividends and fees make it drift from the index.")
    if claim.stand_in and c.computed is not None and claim.unit in ("pct", "pp") and \
            abs(c.computed - claim.claimed) <= max(0.5, 0.25 * abs(c.computed)):
        return _abstain(c, f"{claim.subject_text} is measured on {claim.subject}, a fund that "
                           "stands in for it; a gap this small may be the fund's tracking "
                           "difference rather than an error")
    if claim.rival is not None:
        return _abstain(c, f"the text also speaks of {claim.rival}; the number may be "
                           f"{claim.rival.split(',')[0]}'s rather than "
                           f"{claim.subject_text or claim.subject}'s")
    if claim.metric in _PERIODIC and (claim.period is None
                                      or claim.period.source not in _OWN_PERIOD):
        return _undated(c, verifier)
    if claim.metric in _PERIODIC and claim.period is not None and \
            claim.period.source == "carried":
        # a period carried from an earlier sentence is a strong reading, not a certain one:
        # a usual period that matches makes the claim approximate, naming it
        alt = _usual_period(c, verifier)
        if alt is not None:
            return alt
    if claim.metric in _PERIODIC and not claim.sign_known and c.computed is not None and \
            judge(abs(claim.claimed), abs(c.computed), claim.qualifier, claim.decimals,
                  claim.unit) == "confirmed":
        return replace(c, verdict="approximate",
                       explanation=c.explanation.replace(
                           ": the size matches but the direction is wrong", "")
                       + " The text gives no direction for the move; its size matches.")
    return c


def _tracking(c: CheckedClaim) -> float:
    """Return how far a fund's move may drift from its index's over the claim's dates.

    A few hundredths a day, and about two points a year of dividends between the fund's
    price and total return and the index's price.
    """
    if c.start is None or c.end is None:
        return 0.2
    return 0.2 + 2.0 * max(0, (c.end - c.start).days) / 365.25


def _abstain(c: CheckedClaim, why: str) -> CheckedClaim:
    return replace(c, verdict="unverifiable",
                   explanation=f"Not judged: {why}. The data show {c.explanation}")


#: Periods tried for a change quoted without one: (window, anchor, words for the reader).
_CANDIDATES: tuple[tuple[str, str, str], ...] = (
    ("1d", "reference", "the reference session"),
    ("1d", "prior", "the session before"),
    ("wtd", "week", "the week"),
    ("wtd", "previous-week", "the week before"),
    ("mtd", "reference", "month to date"),
    ("qtd", "reference", "quarter to date"),
    ("ytd", "reference", "year to date"),
)


def _candidate_periods(verifier: Verifier) -> list[tuple[ClaimPeriod, str]]:
    """Return the usual periods a writer means, with the words that name them."""
    out = []
    for window, anchor, words in _CANDIDATES:
        if anchor == "prior":
            # the session before the reference session, whatever the text's own date
            day = verifier.session_before(verifier.reference)
            out.append((ClaimPeriod("1d", "date", f"the session before ({day})", "reading",
                                    day), words))
        else:
            out.append((ClaimPeriod(window, "as_of" if anchor == "reference" else anchor,
                                    words, "reading"), words))
    return out


def _first_match(claim: Claim, verifier: Verifier,
                 skip_reference: bool) -> tuple[str, CheckedClaim] | None:
    """Return the first usual period over which the claim holds, and that check."""
    for period, words in _candidate_periods(verifier):
        if skip_reference and period.window == "1d" and period.anchor == "as_of":
            continue  # already judged over the reference session
        alt = _recheck(claim, period, verifier)
        if alt is not None and alt.verdict in ("confirmed", "approximate"):
            return words, alt
    return None


def _usual_period(c: CheckedClaim, verifier: Verifier) -> CheckedClaim | None:
    """Return the claim as approximate over the first usual period that matches, if any."""
    claim = c.claim
    if claim.qualifier != "exact" or claim.decimals < 1:
        return None  # "nearly 3 points" fits some usual period by chance
    found = _first_match(claim, verifier, skip_reference=False)
    if found is None:
        return None
    words, alt = found
    return replace(alt, claim=claim, verdict="approximate",
                   explanation=f"Not over the period read from an earlier sentence "
                               f"({c.explanation.rstrip('.')}); it matches {words}: "
                               f"{alt.explanation}")


def _undated(c: CheckedClaim, verifier: Verifier) -> CheckedClaim:
    """Judge a change without a period of its own: approximate if a usual period matches."""
    claim = c.claim
    if claim.qualifier in ("more_than", "less_than", "at_least"):
        # "more than 4%" holds over too many windows for a match to say which was meant
        return _abstain(c, "the sentence gives no period for this number, and a bound such "
                           f"as '{claim.quantity.text}' fits too many periods to pick one")
    found = _first_match(claim, verifier, skip_reference=claim.period is None)
    if found is not None:
        words, alt = found
        return replace(alt, claim=claim, verdict="approximate",
                       explanation=f"The text gives no period for this number; it matches "
                                   f"{words}: {alt.explanation}")
    where = ("the text's title" if claim.period is not None
             and claim.period.source == "document" else "an earlier sentence"
             if claim.period is not None else "the reference session")
    return _abstain(c, f"the sentence gives no period for this number (it was read over "
                       f"the period of {where}) and no usual period matches it")


def _recheck(claim: Claim, period: ClaimPeriod | None,
             verifier: Verifier) -> CheckedClaim | None:
    """Verify a copy of the claim over another period (``None`` when it cannot be)."""
    try:
        out = verifier.verify(replace(claim, period=period))
    except (RotoscopeError, ValueError, IndexError):
        return None
    if out.end is not None and out.end > verifier.as_of:
        return None  # never a reading after the text's date
    return out
