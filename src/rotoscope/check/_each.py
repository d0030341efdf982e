"""One number said of several names: "IWM and DIA both fell about 2%".

The claim is judged on each name (see ``Verifier._each``) and the worst verdict
stands; "the S&P and Nasdaq extended win streaks" is a run of each.
"""

from __future__ import annotations

import re

from rotoscope.check._frames import Claim
from rotoscope.check._mentions import Mention

__all__ = ["MAJOR_THREE", "both", "major_indexes"]

#: what "the major indexes" are read as: the S&P 500, the Dow and the Nasdaq Composite
MAJOR_THREE = ("^GSPC", "^DJI", "^IXIC")
_BOUND = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_SECOND = re.compile(r"\s*(?:and|to|-|–)\s*[-+]?\$?\d")
_FIRST = re.compile(r"\d[\d.,]*\s?%?\s*(?:and|to|-|–)\s*$")
_MAJOR = re.compile(r"\b(?:(?:all\s+)?(?:the\s+)?(?:three|main|major|big\s+three)\s+"
                    r"(?:U\.?S\.?\s+)?(?:stock\s+)?(?:indexes|indices|averages|benchmarks))\b",
                    re.IGNORECASE)


#: "IWM and DIA both fell about 2%": one number said of each name listed before "both"
_BOTH = re.compile(r"\s*(?:\([^()]{1,12}\)\s*)?(?:,|and|&)\s*(?:the\s+)?$", re.IGNORECASE)
_BOTH_WORD = re.compile(r"\s*(?:\([^()]{1,12}\)\s*)?:?\s*(?:were\s+|are\s+)?(?:both|each)\b",
                        re.IGNORECASE)


#: "the S&P and Nasdaq extended win streaks": a plural run said of the two names
_PLURAL_RUN = re.compile(r"\s+(?:\w+\s+){0,2}?(?:win(?:ning)?|losing)\s+(?:streaks|runs)\b",
                         re.IGNORECASE)


#: "the DJIA and S&P 500 to close higher after trading lower ...": one verb for both names
_JOINT_CLOSE = re.compile(r"\s+(?:to\s+)?(?:close[sd]?|finish(?:ed|es)?|end(?:ed|s)?)\s+"
                          r"(?:higher|lower|up|down)\s+after\b", re.IGNORECASE)


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
                    c.metric == "run" and (_PLURAL_RUN.match(text, named[-1].span[1])
                                           or _JOINT_CLOSE.match(text, named[-1].span[1])))):
            continue
        if not _BOTH.search(text, named[-2].span[1], named[-1].span[0]):
            continue
        c.members = (named[-2].symbol or "", c.subject)
        c.span = (min(c.span[0], named[-2].span[0]), c.span[1])


def major_indexes(text: str, seg_claims: list[Claim]) -> None:
    """Read "the major indexes ended 2025 at least 13% higher" as said of each of the three.

    Only a move with no series of its own, in a clause that names the major indexes
    before its number, is read so (see ``Verifier._each`` for the verdict of a group).
    """
    for c in seg_claims:
        if c.metric != "change" or c.subject is not None or c.reason is not None:
            continue
        m = None
        for hit in _MAJOR.finditer(text, c.segment[0], c.quantity.span[0]):
            m = hit  # the nearest before the number
        if m is None or re.search(r"[;:.]", text[m.end():c.quantity.span[0]]):
            continue
        if _BOUND.search(text, max(0, c.quantity.span[0] - 12), c.quantity.span[0]) or \
                _SECOND.match(text, c.quantity.span[1]) or \
                _FIRST.search(text, max(0, c.quantity.span[0] - 16), c.quantity.span[0]):
            continue  # "lost between 1% and 2%": a band the three fell within, not each's move
        c.subject, c.members, c.subject_how = MAJOR_THREE[0], MAJOR_THREE, "group"
        c.subject_text = m.group(0)
        c.span = (min(m.start(), c.quantity.span[0]), c.span[1])
