"""Normalise text for reading numbers, character for character.

Fullwidth digits and signs ("０．４７%"), the minus sign and its small and
fullwidth forms, and decimal commas before a percent sign ("0,24%") are
rewritten to their ASCII forms (NFKC, one character for one). Invisible
characters inside a number ("0.4\u200b7%": zero-width spaces and joiners, the
word joiner, soft hyphens, direction marks, a stray byte-order mark) are taken
out of it and put back as spaces after it, so the number reads whole. Every
replacement keeps the text's length, so the spans of claims found in the
normalised text are spans of the original (a number that held invisible
characters ends that many characters earlier in the original).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise"]

#: Minus and dash forms that stand for a sign before a number.
_MINUS = {"\u2212": "-", "\ufe63": "-", "\uff0d": "-", "\u2012": "-"}
#: "0,24%", "1,5 percent": a decimal comma (one or two digits after it, then a percent).
_DECIMAL_COMMA = re.compile(r"(?<![\d,.])(\d{1,3}),(\d{1,2})(?=\s?(?:%|percent\b|pct\b))")
#: Characters that show nothing, yet split a number in two for a reader of text.
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
#: A run of number characters that may hold invisible ones.
_NUMBER_RUN = re.compile(f"[-+$0-9.,%{_INVISIBLE}]*[0-9][-+$0-9.,%{_INVISIBLE}]*")
_INVISIBLE_SET = frozenset(_INVISIBLE)


def _close_up(line: str) -> str:
    """Take the invisible characters out of the numbers of a line; pad the line's end."""
    hidden = 0

    def squeeze(match: re.Match[str]) -> str:
        nonlocal hidden
        run = match.group()
        core = run.strip(_INVISIBLE)
        inside = sum(1 for ch in core if ch in _INVISIBLE_SET)
        if not inside:
            return run
        hidden += inside
        lead = run[: len(run) - len(run.lstrip(_INVISIBLE))]
        tail = run[len(lead) + len(core):]
        return lead + "".join(ch for ch in core if ch not in _INVISIBLE_SET) + tail

    out = _NUMBER_RUN.sub(squeeze, line)
    if not hidden:
        return line
    body = out.removesuffix("\r")
    return body + " " * hidden + out[len(body):]


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
        if not _INVISIBLE_SET.isdisjoint(out):
            out = "\n".join(_close_up(line) if not _INVISIBLE_SET.isdisjoint(line) else line
                             for line in out.split("\n"))
    return _DECIMAL_COMMA.sub(lambda m: f"{m.group(1)}.{m.group(2)}", out)
