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
from itertools import groupby
from operator import itemgetter

__all__ = ["longest_first"]


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
    if not unique or "" in unique:
        raise ValueError("longest_first needs at least one word, and no empty word")
    if ignorecase and not all(w.isascii() for w in unique):
        return "|".join(re.escape(w) for w in sorted(unique, key=len, reverse=True))
    if ignorecase:
        unique = {w.lower() for w in unique}
    return "|".join(_branches(sorted(unique), 0))


def _branches(words: list[str], depth: int) -> list[str]:
    """Return one pattern per next character of ``words`` after their shared ``depth`` ones.

    ``words`` are sorted and distinct, each longer than ``depth``, so the words
    with the same next character lie together; a word alone in its branch is
    written out whole.
    """
    out: list[str] = []
    for ch, run in groupby(words, key=itemgetter(depth)):
        group = list(run)
        if len(group) == 1:
            out.append(re.escape(group[0][depth:]))
            continue
        longer = [w for w in group if len(w) > depth + 1]
        inner = _branches(longer, depth + 1)
        body = "|".join(inner)
        if len(longer) < len(group):  # a word ends here: the longer ones are tried first
            out.append(f"{re.escape(ch)}(?:{body})?")
        else:
            out.append(f"{re.escape(ch)}(?:{body})" if len(inner) > 1 else re.escape(ch) + body)
    return out
