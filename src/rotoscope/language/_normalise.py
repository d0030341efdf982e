"""Normalise text for reading numbers, character for character.

Fullwidth digits and signs ("０．４７%"), the minus sign and its small and
fullwidth forms, and decimal commas before a percent sign ("0,24%") are
rewritten to their ASCII forms. Every replacement keeps the text's length, so
the spans of claims found in the normalised text are spans of the original.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise"]

#: Minus and dash forms that stand for a sign before a number.
_MINUS = {"\u2212": "-", "\ufe63": "-", "\uff0d": "-", "\u2012": "-"}
#: "0,24%", "1,5 percent": a decimal comma (one or two digits after it, then a percent).
_DECIMAL_COMMA = re.compile(r"(?<![\d,.])(\d{1,3}),(\d{1,2})(?=\s?(?:%|percent\b|pct\b))")


def _char(ch: str) -> str:
    if ch in _MINUS:
        return _MINUS[ch]
    if ord(ch) < 0x80:
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    # only one character for one, and only where it becomes a digit, a sign or a separator
    if len(folded) == 1 and folded in "0123456789.,%+-$":
        return folded
    return ch


def normalise(text: str) -> str:
    """Return ``text`` with numbers in ASCII form; the length never changes."""
    out = text
    if not text.isascii():
        table = {ord(ch): _char(ch) for ch in set(text) if ord(ch) >= 0x80}
        out = text.translate({k: v for k, v in table.items() if v != chr(k)})
    return _DECIMAL_COMMA.sub(lambda m: f"{m.group(1)}.{m.group(2)}", out)
