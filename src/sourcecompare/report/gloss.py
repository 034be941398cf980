"""A word-by-word dictionary gloss of Chinese text, for readers who do not read Chinese.

The text is cut into the longest words CC-CEDICT knows (names of the curated names table
first), and each word gets up to :data:`SENSES` of its dictionary keys (the English words of
its definitions, as :meth:`sourcecompare.lexicon.Lexicon.glosses` gives them, alphabetically) or,
for a name, the name in English.  It is a dictionary gloss, not a translation: word order,
grammar and the choice between senses are left to the reader, and the renderers say so.

>>> [(w.text, w.gloss) for w in gloss("日本政府承認17名")]
[('日本', 'Japan'), ('政府', 'government'), ('承認', 'acknowledge / admit / concede'), ('17', ''), ('名', 'classifier / famous / name')]
>>> [w.text for w in gloss("對日本人", breaks=[1])]
['對', '日本', '人']
"""  # noqa: E501

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["GLOSS_LABEL", "SENSES", "GlossWord", "gloss"]

#: how many dictionary keys a word shows
SENSES = 3
#: the longest word looked up (characters)
LONGEST = 8
#: what the renderers call it
GLOSS_LABEL = "Dictionary gloss (CC-CEDICT, word by word; not a translation)"

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


@dataclass(frozen=True, slots=True)
class GlossWord:
    """A piece of the text and its gloss (empty for punctuation, figures and unknown words);
    ``name`` says the gloss is a name from the names table."""

    text: str
    gloss: str = ""
    name: bool = False


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Name key -> the name in English (the first English form of its table row)."""
    from ..lexicon import default

    return {e.key: e.english[0] for e in default().names if e.english}


def _senses(word: str) -> str:
    from ..lexicon import default

    keys = sorted(default().glosses(word))
    return " / ".join(keys[:SENSES])


def gloss(text: str, breaks: Iterable[int] = ()) -> list[GlossWord]:
    """``text`` cut into words, each with its dictionary gloss (see the module's description).

    ``breaks`` are positions where a word must end (a segmenter's word boundaries): no
    dictionary word is taken across one, though a name of the names table may be.  Runs of
    characters that are not Chinese (figures, Latin words, punctuation) are kept whole and
    unglossed, so joining the pieces' ``text`` gives ``text`` back.
    """
    from ..lexicon import default

    lex = default()
    names = {start: (end, key) for start, end, key in lex.find_names(text)}
    english = _names()
    cuts = sorted(set(breaks))
    out: list[GlossWord] = []
    i = 0
    n = len(text)
    while i < n:
        if i in names:
            end, key = names[i]
            shown = english.get(key, "")
            if shown:
                out.append(GlossWord(text[i:end], shown, name=True))
                i = end
                continue
        if not _HAN.match(text[i]):
            j = i + 1
            while j < n and not _HAN.match(text[j]) and j not in names:
                j += 1
            out.append(GlossWord(text[i:j]))
            i = j
            continue
        k = bisect_right(cuts, i)
        j = min(n, i + LONGEST, cuts[k] if k < len(cuts) else n)
        while j > i + 1 and not (_HAN.match(text[j - 1]) and lex.knows(text[i:j])):
            j -= 1
        word = text[i:j]
        out.append(GlossWord(word, _senses(word)))
        i = j
    return out
