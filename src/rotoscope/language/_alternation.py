"""Literal words as one regular expression that tries the longest first, written as a trie.

The subjects of the universe (some 330 names and 70 tickers) are each found by
one pattern, tried at every word of a text. Written as the words escaped and
joined longest first, such a pattern makes the regular-expression engine try
every word in turn at every place; written as a trie (a shared prefix once,
then one branch per next character) it tries only the words that begin with
the text's next character, several times faster, and compiles faster too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["longest_first"]

_Trie = dict[str, "_Trie"]
_END = ""  # the key marking a node where a word ends


def longest_first(words: Iterable[str], *, ignorecase: bool = False) -> str:
    """Return a regular expression, without groups, matching any of ``words``.

    Where several words match at one place, the longest is tried first, then
    the next longest, as with the words escaped and joined with ``|`` longest
    first, so the two give the same matches inside any pattern. Words that
    match at one place are all prefixes of the longest of them; the trie tries
    the next character before ending a word there (a greedy ``?``), and the
    branches of a node begin with different characters, which never match the
    same character of the text: no shorter word is tried before a longer one.

    Parameters
    ----------
    words
        The literal words, none empty.
    ignorecase
        Whether the pattern is compiled with ``re.IGNORECASE``. The trie is then
        built from the lower-cased words. Words beyond ASCII (where two different
        lower-case characters can match one character of the text when case is
        ignored) are joined as a plain alternation, longest first.

    Returns
    -------
    str
        A bare alternation; wrap it in a group before adding to it.

    Raises
    ------
    ValueError
        When there is no word, or a word is empty (either would match anywhere).
    """
    unique = set(words)
    if not unique or _END in unique:
        raise ValueError("longest_first needs at least one word, and no empty word")
    if ignorecase and not all(w.isascii() for w in unique):
        return "|".join(re.escape(w) for w in sorted(unique, key=len, reverse=True))
    root: _Trie = {}
    for word in unique:
        node = root
        for ch in word.lower() if ignorecase else word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return "|".join(_branches(root))


def _branches(node: _Trie) -> list[str]:
    """Return the patterns of the words below ``node``, one per next character."""
    return [re.escape(ch) + _tail(child) for ch, child in sorted(node.items()) if ch]


def _tail(node: _Trie) -> str:
    """Return the pattern of what may follow the character leading to ``node``."""
    branches = _branches(node)
    if not branches:
        return ""
    body = "|".join(branches)
    if _END in node:
        return f"(?:{body})?"  # greedy: a longer word is tried before the one ending here
    return f"(?:{body})" if len(branches) > 1 else body
