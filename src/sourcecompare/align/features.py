"""Units as bags of match keys: what the scorers compare.

Every unit (a sentence or a paragraph) becomes a list of *tokens*; each token has a set of
*keys* in a language-neutral space.  An English token's keys are its lemma (and, for a
capitalised word that is no English word, its letters as a pinyin key ``py:...``); a Chinese
token's keys are the lemmas of its CC-CEDICT glosses, and the toneless pinyin of the word.
Two units match on a token when one of its keys is among the keys of the other side.

Keys come in two families, used by two scorers:

* **lexical** keys: glosses and lemmas, pinyin of names, pronouns (``pron:1s``...).
* **anchor** keys: figures (``num:27000``), names of the names table and wiki-link targets
  (``name:kim-il-sung``), and marked punctuation (``p:?``, ``p:!``, ``p:quote``).

>>> ex = Extractor.for_pair("zh", "en")
>>> [sorted(t) for t in ex.tokens("他们人数有27000人？", "zh", "anchors")]
[['num:27000'], ['p:?']]
>>> [sorted(t) for t in ex.tokens("27,000 prisoners?", "en", "anchors")]
[['num:27000'], ['p:?']]
>>> sorted(ex.tokens("Zhou Yuanhang waved", "en", "lexical")[1])
['en:yuanhang', 'py:yuanhang', 'yuanhang']
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon import STOPWORDS, Lexicon, default, lemma, pinyin_readings, shared_scans
from ..model import Token
from ..script import DEFAULT_CONFIG, fold_width, to_simplified
from . import zh_numbers

__all__ = ["FAMILIES", "Extractor", "UnitWords", "unit_words", "zh_words"]

log = logging.getLogger(__name__)

FAMILIES = ("lexical", "anchors")

#: Chinese function words with no content counterpart (their English ones are stop words)
ZH_STOPWORDS = frozenset(
    str.split(
        "的 了 着 过 地 得 之 所 而 也 又 就 都 还 在 是 把 被 将 "
        "和 与 及 或 个 这 那 其 此 吗 呢 吧 啊 呀 哦 么 嘛 啦 哪 "
        "着呢 便 却 则 乃 以 于 为 给 让 对 向 从 跟 同 并 且 但 再 "
        "已 已经 这个 那个 这些 那些 这样 那样 这么 那么 什么 怎么 一个 "
        "一 些 有 没 没有 不 很 太 会 能 要 可 可以 才 只 自己 里 上 "
        "下 中 来 去 起来 出来 下来 上来 过来 过去 说道 道 "
    )
)

#: pronouns: Chinese and English forms meet at one key
_PRONOUNS_ZH = {
    "我": "pron:1s", "俺": "pron:1s", "咱": "pron:1p", "我们": "pron:1p", "咱们": "pron:1p",
    "你": "pron:2", "您": "pron:2", "你们": "pron:2", "他": "pron:3m", "她": "pron:3f",
    "它": "pron:3n", "他们": "pron:3p", "她们": "pron:3p", "它们": "pron:3p",
}  # fmt: skip
_PRONOUNS_EN = {
    "i": "pron:1s", "me": "pron:1s", "my": "pron:1s", "mine": "pron:1s", "myself": "pron:1s",
    "we": "pron:1p", "us": "pron:1p", "our": "pron:1p", "ours": "pron:1p",
    "you": "pron:2", "your": "pron:2", "yours": "pron:2", "yourself": "pron:2",
    "he": "pron:3m", "him": "pron:3m", "his": "pron:3m", "himself": "pron:3m",
    "she": "pron:3f", "her": "pron:3f", "hers": "pron:3f", "herself": "pron:3f",
    "it": "pron:3n", "its": "pron:3n", "they": "pron:3p", "them": "pron:3p",
    "their": "pron:3p", "themselves": "pron:3p",
}  # fmt: skip

#: demonyms also carry their country's key (Japanese -> japan), as 日本人 glosses "Japan"
_DEMONYMS = {
    "japanese": "japan", "korean": "korea", "chinese": "china", "russian": "russia",
    "american": "america", "thai": "thailand", "british": "britain", "french": "france",
    "german": "germany", "taiwanese": "taiwan", "vietnamese": "vietnam",
    "mongolian": "mongolia", "soviet": "soviet", "indian": "india", "italian": "italy",
    "spanish": "spain", "english": "england", "european": "europe", "asian": "asia",
    "african": "africa", "manchu": "manchuria", "tibetan": "tibet", "mexican": "mexico",
    "canadian": "canada", "australian": "australia", "philippine": "philippines",
}  # fmt: skip

_EN_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
#: the tokens of :data:`_EN_TOKEN` that are figures (its first two branches: its words hold no
#: digit, so the text's figure tokens are the same found alone, without walking every word)
_EN_FIGURE_TOKEN = re.compile(r"\d[\d,.]*\d|\d", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ZH_NUMERAL = re.compile(r"^[零〇一二两三四五六七八九十百千万亿萬億兩]+$")
_DIGITS = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_PUNCT = (
    ("p:?", "?？"),
    ("p:!", "!！"),
    ("p:quote", '"“”「」『』'),
    ("p:…", "…"),
    ("p:—", "—"),
    ("p:;", ";；"),
    ("p::", ":："),
)


def _pinyin_keys(word: str) -> set[str]:
    table = pinyin_readings()
    combos = [""]
    for ch in word:
        readings = table.get(ch)
        if not readings:
            return set()
        combos = [c + r for c in combos for r in readings[:3]][:8]
    return {"py:" + c for c in combos}


def normalise_zh(text: str, config: str = DEFAULT_CONFIG) -> str:
    """Simplified script (:mod:`sourcecompare.script`, configuration ``config``), half-width
    forms: the text the Chinese tokens are read from.

    >>> normalise_zh("北韓（ＲＡＭ）"), normalise_zh("北韓", "none")
    ('北韩(RAM)', '北韓')
    """
    return to_simplified(fold_width(text), config=config)


def zh_words(text: str) -> list[str]:
    """Words of a (normalised) Chinese text, punctuation left out: those of the segmentation
    stage (:func:`sourcecompare.segment.cut`, the same cutter as
    :func:`sourcecompare.segment.words`: jieba, dictionary only), so that a text is cut the
    same way whichever stage reads it.

    >>> zh_words("日本人回到朝鲜。")
    ['日本', '人', '回到', '朝鲜']
    """
    from ..segment import cut

    return cut(text)


@dataclass(frozen=True, slots=True)
class UnitWords:
    """A unit as the scorers read it: its text, its normalised text (case kept) and, for
    Chinese, its words as the segmentation stage made them (normalised, lower case,
    punctuation and spaces left out).  In a comparison they are read off the segmented
    paragraphs (:func:`sourcecompare.align.unit_words_of`); :func:`unit_words` makes them
    for a bare string with the same stage's cutter.  English units have no ``words``: their
    keys are read from ``text`` by the aligner's own word pattern (see :meth:`Extractor.tokens`).
    """

    text: str
    norm: str
    words: tuple[str, ...] | None = None

    @classmethod
    def from_tokens(cls, text: str, norm: str, tokens: Sequence[Token], language: str) -> UnitWords:
        """A unit from segmentation tokens (Chinese words kept; English ones not read).

        >>> t = Token("北韓", "北韩", 0, 2, 0, 2), Token("。", "。", 2, 3, 2, 3, is_punct=True)
        >>> UnitWords.from_tokens("北韓。", "北韩。", t, "zh").words
        ('北韩',)
        """
        if language != "zh":
            return cls(text, norm)
        return cls(text, norm, tuple(t.norm for t in tokens if not (t.is_punct or t.is_space)))

    @classmethod
    def joined(cls, parts: Sequence[UnitWords], sep: str) -> UnitWords:
        """Several units read as one (a list's items, a paragraph under its headings).

        >>> a, b = UnitWords("甲", "甲", ("甲",)), UnitWords("乙", "乙", ("乙",))
        >>> UnitWords.joined([a, b], " ")
        UnitWords(text='甲 乙', norm='甲 乙', words=('甲', '乙'))
        """
        words = None
        if all(p.words is not None for p in parts):
            words = tuple(w for p in parts for w in p.words or ())
        return cls(sep.join(p.text for p in parts), sep.join(p.norm for p in parts), words)


def unit_words(text: str, language: str, config: str = DEFAULT_CONFIG) -> UnitWords:
    """The :class:`UnitWords` of a bare string: normalised once, and for Chinese cut once by
    the segmentation stage's cutter (:func:`sourcecompare.segment.cut`).

    >>> unit_words("北韓的日本人。", "zh")
    UnitWords(text='北韓的日本人。', norm='北韩的日本人。', words=('北韩', '的', '日本', '人'))
    >>> unit_words("Kim Il-sung.", "en")
    UnitWords(text='Kim Il-sung.', norm='Kim Il-sung.', words=None)
    """
    if language != "zh":
        return UnitWords(text, text)
    norm = normalise_zh(text, config)
    return UnitWords(text, norm, tuple(zh_words(norm)))


def text_of(unit: str | UnitWords) -> str:
    """The text of a unit given as a string or as :class:`UnitWords`."""
    return unit if isinstance(unit, str) else unit.text


def _number(token: str) -> float | None:
    """The value of a figure token (digits or Chinese numerals); ``None`` when it is none, or
    too large for a float (a 309-digit "figure" is no anchor).

    >>> _number("27,000"), _number("二万七千"), _number("9" * 400), _number("一" * 400)
    (27000.0, 27000.0, None, None)
    """
    value = _read_number(token)
    return value if value is not None and math.isfinite(value) else None


def _read_number(token: str) -> float | None:
    if _DIGITS.match(token):
        try:
            return float(token.replace(",", ""))
        except ValueError:
            return None
    if _ZH_NUMERAL.match(token) and len(token) >= 1:
        value = zh_numbers.read(token)  # canonical forms, without importing cn2an
        if value is not zh_numbers.UNSURE:
            return value  # type: ignore[return-value]
        return _cn2an(token)
    return None


@lru_cache(maxsize=4096)
def _cn2an(token: str) -> float | None:
    """cn2an's ``smart`` reading of a Chinese numeral (``None`` where it has none)."""
    import cn2an

    try:
        return float(cn2an.cn2an(token, "smart"))
    except (ValueError, KeyError, IndexError, TypeError, OverflowError):
        return None


def _num_keys(value: float) -> frozenset[str]:
    """Keys of a figure: its value, and for a year its decade (1970年代 meets 1977).

    >>> sorted(_num_keys(1977.0)), sorted(_num_keys(2.5))
    (['decade:1970', 'num:1977'], ['num:2.5'])
    """
    if value != int(value):
        return frozenset({f"num:{value:g}"})
    keys = {f"num:{int(value)}"}
    if 1000 <= value <= 2100:
        keys.add(f"decade:{int(value) // 10 * 10}")
    return frozenset(keys)


@lru_cache(maxsize=1 << 16)
def _en_word_keys(token: str, cross: bool) -> frozenset[str] | None:
    """The lexical keys of one English token (``None`` for a stop word)."""
    low = token.lower().replace("’", "'")
    if low in _PRONOUNS_EN:
        return frozenset({_PRONOUNS_EN[low]})
    if low.endswith("'s"):
        low = low[:-2]
    parts = [p for p in re.split(r"[-']", low) if p]
    keys: set[str] = set()
    for part in parts:
        if part not in STOPWORDS:
            keys.add(lemma(part))
            if part in _DEMONYMS:
                keys.add(_DEMONYMS[part])
    if token[0].isupper() and cross:
        keys.add("py:" + "".join(parts))
    keys -= STOPWORDS
    word = "-".join(lemma(p) for p in parts)
    if keys and word not in STOPWORDS:
        keys.add("en:" + word)
        return frozenset(keys)
    return None


#: the extractors of the lexicons in use (see :meth:`Extractor.for_pair`)
_EXTRACTORS: dict[tuple[str, str, int, str], Extractor] = {}
_EXTRACTORS_KEPT = 4


@lru_cache(maxsize=1 << 16)
def _zh_word_keys(word: str, cross: bool) -> tuple[frozenset[str], frozenset[str]]:
    """(lexical keys, anchor keys) of one Chinese word, remembered across alignments: they
    come from CC-CEDICT and the pinyin table, not from a lexicon's names (which differ from
    pair to pair by the documents' links)."""
    lexical: set[str] = set()
    anchors: set[str] = set()
    value = _number(word)
    if value is not None:
        anchors |= _num_keys(value)
    elif word in _PRONOUNS_ZH:
        lexical.add(_PRONOUNS_ZH[word])
    elif _HAN.search(word) and word not in ZH_STOPWORDS:
        lexical.add("zh:" + word)  # the word itself: what learned translations attach to
        if cross:
            lexical |= _gloss_keys(word)
            lexical |= _pinyin_keys(word)
            if len(word) >= 2 and not default().knows(word):
                # a name out of the dictionary: translators often keep the surname alone
                # (沙瑞山 -> "Sha") or the given name (宝玉 -> "Bao-yu")
                lexical |= _pinyin_keys(word[0]) | _pinyin_keys(word[1:])
    return frozenset(lexical), frozenset(anchors)


def _gloss_keys(word: str) -> set[str]:
    """The CC-CEDICT gloss keys of a word; of one out of the dictionary, those of its longest
    known pieces, then of its characters."""
    lex = default()
    keys = set(lex.glosses(word))
    if keys or len(word) == 1:
        return keys
    i = 0
    while i < len(word):
        for n in range(min(4, len(word) - i), 0, -1):
            piece = word[i : i + n]
            if n == 1 or lex.knows(piece):
                if piece not in ZH_STOPWORDS:
                    keys |= lex.glosses(piece)
                i += n
                break
    return keys


#: the lexical tokens of the units read in the current comparison (see :func:`one_comparison`)
_ONE_COMPARISON: ContextVar[dict[object, list[frozenset[str]]] | None] = ContextVar(
    "_ONE_COMPARISON", default=None
)


#: the words of each document's units read in the current comparison (see
#: :func:`one_comparison`): (id of the document, its units, unit, sections, config) -> (the
#: document, the words)
_UNIT_WORDS: ContextVar[dict[tuple[object, ...], tuple[object, list[UnitWords]]] | None] = (
    ContextVar("_UNIT_WORDS", default=None)
)


def comparison_words() -> dict[tuple[object, ...], tuple[object, list[UnitWords]]] | None:
    """Where :func:`sourcecompare.align.unit_words_of` keeps what it reads within
    :func:`one_comparison` (``None`` outside it)."""
    return _UNIT_WORDS.get()


@contextmanager
def one_comparison() -> Iterator[None]:
    """Within it, a unit's lexical tokens are read once for every alignment its document is
    in (a comparison of five documents aligns each with four others), and so are the words
    of a document's units; they are let go at its end, so nothing of one comparison's texts
    is kept for the next."""
    held = _ONE_COMPARISON.set({})
    held_words = _UNIT_WORDS.set({})
    try:
        with shared_scans():  # and the words the names scan reads, once per unit
            yield
    finally:
        _UNIT_WORDS.reset(held_words)
        _ONE_COMPARISON.reset(held)


@dataclass
class Extractor:
    """Turns texts into token key sets for one pair of languages (caches per word); Chinese
    texts are read in the script normalisation ``config`` (:data:`sourcecompare.script.CONFIGS`)."""

    source_language: str
    target_language: str
    lexicon: Lexicon = field(default_factory=default)
    config: str = DEFAULT_CONFIG
    _text_cache: dict[tuple[str, str, str], list[frozenset[str]]] = field(default_factory=dict)
    _word_cache: dict[tuple[str, str], UnitWords] = field(default_factory=dict)

    @classmethod
    def for_pair(
        cls, a: str, b: str, lexicon: Lexicon | None = None, config: str = DEFAULT_CONFIG
    ) -> Extractor:
        """The extractor of a pair of languages, a lexicon and a script normalisation: the
        same one (and its caches) while that lexicon object is in use, so the passes of one
        alignment read each text once.  ``align`` builds a new lexicon object per pair of
        documents (with their links), so nothing is kept from one alignment to the next but
        the last few extractors."""
        lex = lexicon or default()
        key = (a, b, id(lex), config)
        hit = _EXTRACTORS.get(key)
        if hit is not None and hit.lexicon is lex:
            return hit
        made = cls(a, b, lex, config)
        _EXTRACTORS[key] = made
        while len(_EXTRACTORS) > _EXTRACTORS_KEPT:
            del _EXTRACTORS[next(iter(_EXTRACTORS))]
        return made

    @property
    def cross(self) -> bool:
        """Whether the two sides are in different languages (glosses needed)."""
        return self.source_language != self.target_language

    # -- Chinese

    def _zh_tokens(self, unit: UnitWords, family: str) -> list[frozenset[str]]:
        out: list[frozenset[str]] = []
        for word in unit.words or ():
            lexical, anchors = _zh_word_keys(word, self.cross)
            keys = lexical if family == "lexical" else anchors
            if keys:
                out.append(keys)
        if family == "anchors":
            out.extend(self._names_and_punct(unit.text, unit.norm))
        return out

    # -- English

    def _en_tokens(self, text: str, family: str) -> list[frozenset[str]]:
        out: list[frozenset[str]] = []
        if family == "anchors":
            for match in _EN_FIGURE_TOKEN.finditer(text):
                value = _number(match.group().replace(",", ""))
                if value is not None:
                    out.append(_num_keys(value))
            out.extend(self._names_and_punct(text, text))
            return out
        cross = self.cross
        # (no groups: each token as a string; a figure is an anchor, not a word)
        return [
            keys
            for token in _EN_TOKEN.findall(text)
            if not token[0].isdigit() and (keys := _en_word_keys(token, cross))
        ]

    def _names_and_punct(self, text: str, norm: str) -> list[frozenset[str]]:
        out = [frozenset({"name:" + key}) for _, _, key in self.lexicon.find_names(norm)]
        for key, chars in _PUNCT:
            if any(ch in text for ch in chars):
                out.append(frozenset({key}))
        return out

    # -- public

    def words(self, unit: str | UnitWords, language: str) -> UnitWords:
        """``unit`` as :class:`UnitWords`: as given, or for a bare string made once
        (:func:`unit_words`, in this extractor's script normalisation) and kept."""
        if isinstance(unit, UnitWords):
            return unit
        key = (unit, language)
        made = self._word_cache.get(key)
        if made is None:
            made = self._word_cache[key] = unit_words(unit, language, self.config)
        return made

    def tokens(self, unit: str | UnitWords, language: str, family: str) -> list[frozenset[str]]:
        """The tokens of a unit (one key set each) for one family of keys.  A Chinese unit's
        keys come from its segmentation words (:class:`UnitWords`; a bare string is
        segmented first); an English unit's from its text, by the aligner's word pattern."""
        key = (text_of(unit), language, family)
        cached = self._text_cache.get(key)
        if cached is None:
            words = self.words(unit, language) if language == "zh" else None
            # lexical keys do not depend on the lexicon's names: one comparison reads each
            # unit's once for all the pairs its document is aligned in (see one_comparison)
            shared = _ONE_COMPARISON.get() if family == "lexical" else None
            run_key = (key, self.cross, self.config, words.words if words else None)
            if shared is not None and run_key in shared:
                cached = shared[run_key]
            elif words is not None:
                cached = self._zh_tokens(words, family)
            else:
                cached = self._en_tokens(text_of(unit), family)
            if shared is not None:
                shared[run_key] = cached
            self._text_cache[key] = cached
        return list(cached)

    def units(
        self, units: Sequence[str] | Sequence[UnitWords], language: str, family: str
    ) -> list[list[frozenset[str]]]:
        return [self.tokens(u, language, family) for u in units]


def content_length(text: str, language: str) -> int:
    """Length for the length model: characters without spaces (Chinese), characters (English).

    >>> content_length("我 是。", "zh"), content_length("I am.", "en")
    (3, 5)
    """
    if language == "zh":
        return sum(1 for ch in text if not ch.isspace())
    return len(text.strip())
