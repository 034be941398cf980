"""A list of words as one regular expression that matches as the plain alternation does, but
is cheaper to try at each position.

``re`` tries the branches of ``one|two|three|…`` one after the other at every position where
it looks for a word; a pattern that may start with a number word (``twenty-one``) tries
dozens of them at every word boundary of a text.  :func:`alternation` writes the words as a
trie instead (``t(?:en|h(?:irt(?:een|y)|ree)|w(?:e(?:lve|nty)|o))``), so a position is left
after a character or two.

It matches what ``"|".join(sorted(words, key=len, reverse=True))`` matches, in the same
order of preference: the words that match at a position are prefixes of one another (the
branches of a trie node begin with different characters), the plain alternation tries them
longest first, and the trie, trying a node's longer continuations before ending the word
there, does the same; a test holds the two to each other
(``tests/test_claims_wordlist.py``).  Words are lowercase letters for a pattern compiled with
``IGNORECASE`` (two branches of a node must not begin with characters that match each other).

The prefilter (:mod:`.prefilter`) reads what every match of a pattern must contain from the
pattern with its tries put back as plain alternations (:func:`as_plain`): the words tell it
more than a trie's first letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["alternation", "as_plain"]

#: a character -> the trie of the words' rest after it ("" -> {}: a word ends here)
_Trie = dict[str, "_Trie"]


def alternation(words: Iterable[str]) -> str:
    """The words (not empty, no two that are equal) as a non-capturing group of a trie;
    ``"(?!)"``, which never matches, for no word."""
    words = list(words)
    trie: _Trie = {}
    for word in words:
        if not word:
            raise ValueError("an empty word in a word list")
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return "(?!)"
    written = f"(?:{_node(trie)})"
    longest_first = sorted(set(words), key=lambda w: (-len(w), w))
    plain = "(?:" + "|".join(re.escape(w) for w in longest_first) + ")"
    if written != plain:
        _PLAIN[written] = plain
    return written


#: each trie :func:`alternation` wrote -> its plain alternation
_PLAIN: dict[str, str] = {}


def as_plain(source: str) -> str:
    """A pattern's source with each trie :func:`alternation` wrote in it put back as the plain
    alternation, which matches the same strings: for reading what every match must contain
    (:mod:`.prefilter`), which a plain list of words tells better than a trie's letters."""
    for written in sorted(_PLAIN, key=len, reverse=True):
        if written in source:
            parts = source.split(written)
            out = parts[0]
            for part in parts[1:]:  # an escaped "\(" is not the trie's group
                out += (written if out.endswith("\\") else _PLAIN[written]) + part
            source = out
    return source


def _node(node: _Trie) -> str:
    branches = [re.escape(ch) + _node(node[ch]) for ch in sorted(node) if ch]
    ends = "" in node
    if not branches:
        return ""
    if len(branches) == 1 and not ends:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if ends else group  # greedy: the longer words first
