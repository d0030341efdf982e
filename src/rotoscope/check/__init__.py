"""Check the numbers in market commentary against the data.

:func:`check_text` dates a text (given date, else its dateline, else the data's
last date), extracts every numeric claim with its subject, metric and period
(:mod:`rotoscope.check._extract`), recomputes each as facts and gives it a
verdict (:mod:`rotoscope.check._verify`), and reports claims that contradict
each other.
"""

from rotoscope.check._check import (
    MAX_TEXT_BYTES,
    CheckResult,
    Conflict,
    InputTextError,
    check_text,
    decode_text,
)
from rotoscope.check._extract import Claim, ClaimPeriod, extract_claims
from rotoscope.check._verify import CheckedClaim, Verdict, judge

__all__ = [
    "MAX_TEXT_BYTES",
    "CheckResult",
    "CheckedClaim",
    "Claim",
    "ClaimPeriod",
    "Conflict",
    "InputTextError",
    "Verdict",
    "check_text",
    "decode_text",
    "extract_claims",
    "judge",
]
