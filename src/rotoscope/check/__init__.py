"""Check the numbers in market commentary against the data.

:func:`check_text` dates a text (given date, else its dateline, else the data's
last date), extracts every numeric claim with its subject, metric and period
(:mod:`rotoscope.check._extract`), recomputes each as facts and gives it a
verdict (:mod:`rotoscope.check._verify`), and reports claims that contradict
each other.
"""

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from rotoscope.check._render import render_html, render_terminal

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
    "render_html",
    "render_terminal",
]


def __getattr__(name: str) -> Any:
    # the renderers import rich (and Jinja for the page) only when a check is shown
    if name in ("render_html", "render_terminal"):
        from rotoscope.check import _render
        return getattr(_render, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
