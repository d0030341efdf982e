"""One number said of several names: "IWM and DIA both fell about 2%".

The claim is judged on each name (see ``Verifier._each``) and the worst verdict
stands; "the S&P and Nasdaq extended win streaks" is a run of each.
"""

from __future__ import annotations

import re

from rotoscope.check._frames import Claim
from rotoscope.check._mentions import Mention

__all__ = ["both"]


#: "IWM and DIA both fell about 2%": one number said of each name listed before "both"
_BOTH = re.compile(r"\s*(?:\([^()]{1,12}\)\s*)?(?:,|and|&)\s*(?:the\s+)?$", re.IGNORECASE)
_BOTH_WORD = re.compile(r"\s*(?:\([^()]{1,12}\)\s*)?:?\s*(?:were\s+|are\s+)?(?:both|each)\b",
                        re.IGNORECASE)


#: "the S&P and Nasdaq extended win streaks": a plural run said of the two names
_PLURAL_RUN = re.compile(r"\s+(?:\w+\s+){0,2}?(?:win(?:ning)?|losing)\s+(?:streaks|runs)\b",
                         re.IGNORECASE)


def both(text: str, seg_claims: list[Claim], mentions: list[Mention]) -> None:
    """Give a change said of two names ("A and B both fell 2%") both names as members."""
    for c in seg_claims:
        if c.metric not in ("change", "run") or c.subject is None or \
                c.subject_how != "left":
            continue
        named = [m for m in mentions if m.symbol is not None
                 and c.segment[0] <= m.span[0] and m.span[1] <= c.quantity.span[0]]
        if len(named) < 2 or named[-1].symbol != c.subject or not (
                _BOTH_WORD.match(text, named[-1].span[1]) or (
                    c.metric == "run" and _PLURAL_RUN.match(text, named[-1].span[1]))):
            continue
        if not _BOTH.search(text, named[-2].span[1], named[-1].span[0]):
            continue
        c.members = (named[-2].symbol or "", c.subject)
        c.span = (min(c.span[0], named[-2].span[0]), c.span[1])
