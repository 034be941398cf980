"""Context keys: language-neutral words around a figure, so that ``6,637個日本人`` and
``6,637 Japanese people`` meet on ``japanese``.

The keys of a figure are those of its counted noun (``日本人`` -> japanese, people, person)
and of the content words within :data:`WINDOW` words on either side, inside its sentence:

* English words go through :func:`sourcecompare.lexicon.english_words` (stop words dropped,
  lemmatised);
* Chinese words (jieba, through :func:`sourcecompare.segment.words`) are first re-joined
  where two or three neighbours make one CC-CEDICT word (``日本`` + ``人``), then replaced by
  the lemma keys of their glosses; single characters, which are too ambiguous, are skipped;
* names of the lexicon's names table, in either language, add their key (``north-korea``).

The lexicon and the segmenter load on first use.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..lexicon import SentenceNames

__all__ = [
    "WINDOW",
    "Word",
    "WordBounds",
    "keys",
    "keys_near",
    "sentence_bounds",
    "sentence_names",
    "sentence_words",
    "word_bounds",
]

#: content words taken on each side of a figure
WINDOW = 6
#: Chinese words taken on each side (each brings several gloss keys)
ZH_WINDOW = 4

_SENTENCE_END = re.compile(r"[。！？；!?;]|\.(?=\s|$)")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CLASSIFIERS = "个個名位人架艘次"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence around ``text[start:end]`` (a rough cut, for bare strings).

    >>> text = "It began in 1959. In total, 6,637 went. Then"
    >>> s, e = sentence_bounds(text, 28, 33); text[s:e]
    ' In total, 6,637 went.'
    """
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    after = _SENTENCE_END.search(text, end)
    return left, after.end() if after else len(text)


@lru_cache(maxsize=1)
def _lexicon():
    from ..lexicon import default

    return default()


def _zh_words(text: str) -> list[str]:
    """Chinese content words of ``text``, neighbours re-joined into dictionary words."""
    from ..segment import words

    return _zh_join([w for w in words(text, "zh") if _HAN.search(w)])


def _zh_keys(words: list[str]) -> list[str]:
    lexicon = _lexicon()
    out: list[str] = []
    for w in words:
        name = lexicon.name_key(w)
        if name:
            out.append(name)
        out.extend(sorted(lexicon.glosses(w)))
    return out


def _en_keys(text: str, memo: dict[str, list[str]] | None = None) -> list[str]:
    """The English keys of ``text`` (read from ``memo`` when it holds them, and kept there;
    the list returned is not to be changed)."""
    from ..lexicon import english_words

    if memo is None:
        return english_words(text)
    held = memo.get(text)
    if held is None:
        held = memo[text] = english_words(text)
    return held


def _names(text: str) -> list[str]:
    if len(text) <= _REMEMBERED:
        return list(_short_names(text))
    return [key for _, _, key in _lexicon().find_names(text)]


#: texts this short (a window's words) have their names looked up once per process
_REMEMBERED = 64


@lru_cache(maxsize=1 << 15)
def _short_names(text: str) -> tuple[str, ...]:
    return tuple(key for _, _, key in _lexicon().find_names(text))


def keys(
    text: str,
    start: int,
    end: int,
    language: str,
    *,
    unit_text: str = "",
    sentence: tuple[int, int] | None = None,
    window: int | None = None,
) -> tuple[str, ...]:
    """Sorted context keys of the figure at ``text[start:end]`` (see the module).

    ``window`` overrides the words taken on each side (:data:`WINDOW` English,
    :data:`ZH_WINDOW` Chinese); a large one takes the whole sentence.
    """
    en_window = WINDOW if window is None else window
    zh_window = ZH_WINDOW if window is None else window
    s_start, s_end = sentence if sentence is not None else sentence_bounds(text, start, end)
    left_text, right_text = text[s_start:start], text[end:s_end]
    found: list[str] = []
    if language == "zh":
        noun = unit_text.lstrip(_CLASSIFIERS) or unit_text
        if len(noun) > 1:
            found += _zh_keys([noun])
        left, right = _zh_words(left_text)[-zh_window:], _zh_words(right_text)[:zh_window]
        found += _zh_keys(left) + _zh_keys(right)
        found += _names("".join(left)) + _names("".join(right))
    else:
        left_words = list(re.finditer(r"\S+", left_text))[-2 * en_window :]
        right_words = list(re.finditer(r"\S+", right_text))[: 2 * en_window]
        left_span = left_text[left_words[0].start() :] if left_words else ""
        right_span = right_text[: right_words[-1].end()] if right_words else ""
        found += _en_keys(unit_text)
        found += _en_keys(left_span)[-en_window:] + _en_keys(right_span)[:en_window]
        found += _names(left_span) + _names(right_span)
    return tuple(sorted(set(found)))


class Word(NamedTuple):
    """A word of a sentence: its normalised form and its span in the paragraph (or string)."""

    norm: str
    start: int
    end: int


def sentence_words(text: str, start: int, end: int, language: str) -> list[Word]:
    """The words of ``text[start:end]`` with their spans, segmented once (for a bare string;
    a segmented paragraph has them already: ``Sentence.tokens``)."""
    if language != "zh":
        return [Word(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text[:end])
                if m.start() >= start]  # fmt: skip
    from ..script import normalise
    from ..segment import words

    norm = normalise(text[start:end])[0]
    out: list[Word] = []
    pos = 0
    for w in words(text[start:end], "zh"):
        at = norm.find(w, pos)
        if at < 0:
            continue
        out.append(Word(w, start + at, start + at + len(w)))
        pos = at + len(w)
    return out


@lru_cache(maxsize=65536)
def _zh_word_keys(word: str) -> tuple[str, ...]:
    return tuple(_zh_keys([word]))


def _zh_join(tokens: Sequence[str]) -> list[str]:
    """Neighbouring words re-joined where they make a dictionary word (``日本`` + ``人``)."""
    lexicon = _lexicon()
    joined: list[str] = []
    i = 0
    while i < len(tokens):
        for n in (3, 2, 1):
            word = "".join(tokens[i : i + n])
            if n == 1 or (len(tokens) >= i + n and len(word) <= 5 and lexicon.knows(word)):
                joined.append(word)
                i += n
                break
    return [w for w in joined if len(w) > 1]


@lru_cache(maxsize=1 << 15)
def _joined(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """:func:`_zh_join` of a window's words, remembered (a list of figures repeats them)."""
    return tuple(_zh_join(tokens))


class WordBounds(NamedTuple):
    """What :func:`keys_near` looks up in a sentence's words (:func:`word_bounds`, worked out
    once per sentence): their starts and ends, and the words holding a Chinese character with,
    for each word, how many of them come before it."""

    starts: list[int]
    ends: list[int]
    han_before: list[int]
    han: list[str]


def word_bounds(words: Sequence[Word]) -> WordBounds:
    """The :class:`WordBounds` of ``words`` (compute once per sentence)."""
    han: list[str] = []
    han_before: list[int] = []
    for w in words:
        han_before.append(len(han))
        if _HAN.search(w.norm):
            han.append(w.norm)
    han_before.append(len(han))
    return WordBounds([w.start for w in words], [w.end for w in words], han_before, han)


def _han_sides(
    held: WordBounds, left_at: int, right_at: int, reach: int
) -> tuple[list[str], list[str]]:
    """The words holding a Chinese character among the ``reach`` words before word
    ``left_at`` and the ``reach`` words from word ``right_at`` on (two slices, no scan)."""
    before, han = held.han_before, held.han
    last = len(before) - 1  # the number of words
    return (
        han[before[min(max(0, left_at - reach), last)] : before[min(left_at, last)]],
        han[before[min(right_at, last)] : before[min(last, right_at + reach)]],
    )


def keys_near(
    text: str,
    words: Sequence[Word],
    start: int,
    end: int,
    language: str,
    *,
    unit_text: str = "",
    bounds: WordBounds | None = None,
    names: SentenceNames | None = None,
    memo: dict[str, list[str]] | None = None,
) -> tuple[str, ...]:
    """:func:`keys` from the words of the figure's sentence, segmented already: only the words
    within the window are read, so a sentence of many figures is not segmented again for each
    (``words`` in text order; the figure at ``text[start:end]``; ``bounds`` their
    :func:`word_bounds` and ``names`` the sentence's :func:`sentence_names`, given when
    several figures share the sentence; ``memo`` keeps the English keys of each window text
    and unit read, for the figures of one paragraph: a list repeats them)."""
    held = bounds if bounds is not None else word_bounds(words)
    left_at = bisect_right(held.ends, start)
    right_at = bisect_left(held.starts, end)
    found: list[str] = []
    if language == "zh":
        left_tokens, right_tokens = _han_sides(held, left_at, right_at, 3 * ZH_WINDOW)
        noun = unit_text.lstrip(_CLASSIFIERS) or unit_text
        if len(noun) > 1:
            found += _zh_keys([noun])
        left = _joined(tuple(left_tokens))[-ZH_WINDOW:]
        right = _joined(tuple(right_tokens))[:ZH_WINDOW]
        for w in (*left, *right):
            found += _zh_word_keys(w)
        found += _names("".join(left)) + _names("".join(right))
        return tuple(sorted(set(found)))
    reach = 3 * WINDOW
    left_words = words[max(0, left_at - reach) : left_at]
    right_words = words[right_at : right_at + reach]
    left_from = left_words[0].start if left_words else start
    right_to = right_words[-1].end if right_words else end
    left_span, right_span = text[left_from:start], text[end:right_to]
    found += _en_keys(unit_text, memo)
    found += _en_keys(left_span, memo)[-WINDOW:] + _en_keys(right_span, memo)[:WINDOW]
    for a, b, span in ((left_from, start, left_span), (end, right_to, right_span)):
        inside = names.within(a, b) if names is not None else None
        found += _names(span) if inside is None else inside
    return tuple(sorted(set(found)))


def sentence_names(text: str, start: int, end: int) -> SentenceNames:
    """The names of ``text[start:end]`` (an English sentence) found once, for the windows of
    its figures in :func:`keys_near` (the same keys as scanning each window alone)."""
    from ..lexicon import SentenceNames

    return SentenceNames(_lexicon(), text, start, end)
