"""Seasonal records: how one calendar month has gone in past years.

"The S&P 500 has now risen in 11 straight Julys", "positive in 17 of the last 18
Septembers", "its third losing December in a row" is left to the run phrases. Each is
a count over the same calendar month of past years, every month measured from the
previous month's last close to its own (:func:`month_of_year_returns`). The months
counted are the complete ones before the text's date: a July still running on the
reference session is not one of them.

A run ("11 straight positive Julys") must be exactly as long as stated, and a tally
("17 of the last 18") must count exactly. A phrase that does not say whether the
months rose or fell ("in 17 of the last 18 Julys", with no up or down word in its
clause) is not judged. For a fund, price closes are the reading, and
dividend-adjusted closes the other reasonable one (``approximate``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from rotoscope.analytics.returns import month_of_year_returns
from rotoscope.check._frames import Claim
from rotoscope.check._mentions import Mention, is_comparison_object
from rotoscope.check._scope import _Context, _number_word
from rotoscope.check._segments import Segment
from rotoscope.check._verdicts import CheckedClaim, Unverifiable
from rotoscope.language import MONTHS, Quantity

if TYPE_CHECKING:
    from rotoscope.check._verifying import Verifying
    from rotoscope.facts import Fact

__all__ = ["check_season", "season_claims"]

_MONTHS_PLURAL = (r"(?P<month>Januar(?:ys|ies)|Februar(?:ys|ies)|Marches|Aprils|Mays|Junes|"
                  r"Julys|Julies|Augusts|Septembers|Octobers|Novembers|Decembers)")
_COUNT = r"\d{1,3}|[a-z]+(?:-[a-z]+)?"
_UP = r"positive|up|higher|gaining|winning|green|rising|advancing"
_DOWN = r"negative|down|lower|losing|red|falling|declining"
#: "11 straight positive Julys", "eleven consecutive up Decembers"
_RUN = re.compile(
    r"\b(?P<n>" + _COUNT + r")\s+(?:straight|consecutive|successive)\s+"
    r"(?:(?P<side>" + _UP + "|" + _DOWN + r")\s+)?" + _MONTHS_PLURAL + r"\b", re.IGNORECASE)
#: "in 17 of the last 18 Julys", "nine of the past ten Decembers"
_TALLY = re.compile(
    r"\b(?P<k>" + _COUNT + r")\s+(?:out\s+)?of\s+the\s+(?:last|past|previous|prior)\s+"
    r"(?P<n>" + _COUNT + r")\s+" + _MONTHS_PLURAL + r"\b", re.IGNORECASE)
_SIDE_UP = re.compile(r"\b(?:" + _UP + r"|rose|risen|gained|climbed|advanced|ended higher)\b",
                      re.IGNORECASE)
_SIDE_DOWN = re.compile(r"\b(?:" + _DOWN + r"|fell|fallen|lost|declined|dropped|ended lower)\b",
                        re.IGNORECASE)


def _month(name: str) -> int:
    # the pattern only lets a month's plural through; its first three letters name it
    return MONTHS[name[:3].lower()]


def season_claims(text: str, seg: Segment, mentions: list[Mention],
                  ctx: _Context) -> list[Claim]:
    """Claims of a calendar month's record across years, in one segment."""
    lo, hi = seg.span
    out: list[Claim] = []
    for pattern in (_RUN, _TALLY):
        for m in pattern.finditer(text, lo, hi):
            n = _number_word(m.group("n"))
            k = _number_word(m.group("k")) if pattern is _TALLY else n
            if n is None or k is None or not 0 < k <= n <= 150:
                continue
            words = m.group("side") if pattern is _RUN and m.group("side") else \
                text[max(lo, m.start() - 60):m.start()]
            up, down = _SIDE_UP.search(words), _SIDE_DOWN.search(words)
            side = 0
            if up and not down:
                side = 1
            elif down and not up:
                side = -1
            elif up and down:
                side = 1 if up.start() > down.start() else -1  # the nearer word
            subj: Mention | None = next(
                (x for x in reversed(mentions) if x.symbol is not None
                 and x.span[1] <= m.start() and not is_comparison_object(text, x, lo)), None)
            how = "left"
            if subj is None:
                subj, how = ctx.subject, "context"
            reason = None
            if side == 0:
                reason = "the text does not say whether those months rose or fell"
            elif subj is None:
                reason = "no series in the data is named"
            span = m.span("n") if pattern is _RUN else m.span("k")
            q = Quantity(k, "count", span, "exact", 0, text[span[0]:span[1]])
            out.append(Claim(
                span=m.span(), quantity=q, segment=seg.span,
                metric="other" if reason else "season",
                subject=subj.symbol if subj is not None else None,
                subject_text=subj.name if subj is not None else "",
                unit="count", claimed=k, qualifier="exact", decimals=0, period=None,
                reason=reason, streak_side=side, rarity_month_of_year=_month(m.group("month")),
                rates_length=None if pattern is _RUN else n,
                proxy=subj.proxy if subj is not None else False, subject_how=how))
    return out


def check_season(v: Verifying, c: Claim) -> CheckedClaim:
    """Count the stated months; a run is read back from the latest complete one."""
    assert c.subject is not None
    assert c.rarity_month_of_year is not None
    end = v.reference
    fld = v.price_field(c.subject, end)
    out = _count(v, c, fld)
    if out.verdict == "contradicted" and v.kind_of(c.subject) == "etf" and fld == "close":
        alt = _count(v, c, "adj_close")
        if alt.verdict == "confirmed":
            return CheckedClaim(c, "approximate", alt.computed,
                                f"Counted on dividend-adjusted closes: {alt.explanation}",
                                alt.facts, alt.start, alt.end)
    return out


def _count(v: Verifying, c: Claim, fld: str) -> CheckedClaim:
    assert c.subject is not None
    assert c.rarity_month_of_year is not None
    month = c.rarity_month_of_year
    months = month_of_year_returns(v.pit(v.reference), c.subject, month,
                                   "adj_close" if fld == "adj_close" else "close")
    name = dt.date(2000, month, 1).strftime("%B")
    plural = name + ("es" if name.endswith("ch") else "s")
    r = v.reference
    # the latest complete one: this year's when it ended before the reference session
    latest = r.year if month < r.month or (
        month == r.month and v.session_on_or_before(
            dt.date(r.year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)) == r
    ) else r.year - 1
    if not months or months[-1][0].year != latest:
        raise Unverifiable(f"the data of {c.subject} ({fld}) end before the end of "
                           f"{name} {latest}")
    good = [r * c.streak_side > 0 for _, r, _ in months]
    word = "rose" if c.streak_side > 0 else "fell"
    if c.rates_length is None:  # a run back from the latest complete month
        run = 0
        for ok in reversed(good):
            if not ok:
                break
            run += 1
        if run >= len(months):
            raise Unverifiable(f"every {name} in the data {word}; the run may be longer "
                               "than the data")
        used = months[-(run + 1):]
        first = used[1][0].year if run else None
        last = months[-1][0].year
        facts: list[Fact] = [f for _, _, f in used]
        breaker = used[0]
        if run == 0:
            held = f"did not: {name} {last} was {breaker[1]:+.2f}% ({fld})."
        elif run == 1:
            held = (f"{word} in {name} {last} but not in {name} {breaker[0].year} "
                    f"({breaker[1]:+.2f}%, {fld}): a run of one.")
        else:
            held = (f"{word} in {run} {plural} in a row ({fld}), {first} to {last}; "
                    f"{name} {breaker[0].year} was {breaker[1]:+.2f}%.")
        text = f"{c.subject} {held}"
        return CheckedClaim(c, "confirmed" if run == c.claimed else "contradicted",
                            float(run), text, facts, used[0][2].inputs[0].first,
                            months[-1][0])
    n = int(c.rates_length)
    if len(months) < n:
        raise Unverifiable(f"the data hold {len(months)} complete {plural} of {c.subject}, "
                           f"fewer than {n}")
    used = months[-n:]
    count = sum(good[-n:])
    missed = [f"{d.year} {x:+.2f}%" for d, x, _ in used if x * c.streak_side <= 0]
    misses = ", ".join(missed[:4]) + (f" and {len(missed) - 4} more" if len(missed) > 4
                                      else "")
    text = (f"{c.subject} {word} in {count} of the {n} {plural} from {used[0][0].year} to "
            f"{used[-1][0].year} ({fld})" + (f"; not in {misses}" if misses else "") + ".")
    return CheckedClaim(c, "confirmed" if count == c.claimed else "contradicted",
                        float(count), text, [f for _, _, f in used],
                        used[0][2].inputs[0].first, used[-1][0])
