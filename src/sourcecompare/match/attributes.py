"""A claim's attribute: what its figure measures, as language-neutral keys.

The keys come from a curated bilingual lexicon (package data ``data/attributes.tsv``: a key,
Chinese surfaces, English words; users add rows with files of the same columns).  A claim
reads them from three places:

* the words around its figure, inside its sentence (:data:`EN_WINDOW` English words,
  :data:`ZH_WINDOW` Chinese characters on either side; the sentence's tokens when the document
  was segmented, else its text), nearest first;
* the row key of an infobox or table row (a paragraph's label, or the text before ``:``);
* the last heading above it.

Besides, a claim's *counted noun* (the word after the figure, or its unit) is kept as keys
through CC-CEDICT glosses and English lemmas, and its *anchors* are the years of the other
time figures of its sentence: the event and time the figure belongs to.

:func:`profile` is the stage: documents and claims in, one frozen :class:`Profile` per claim
out.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import NamedTuple, TypeVar

from ..errors import LexiconError
from ..model import Claim, Document, ParagraphKind, Sentence
from .figures import DIMENSION, in_base_unit, written_unit

__all__ = [
    "DENOMINATION_KEY",
    "EN_WINDOW",
    "RANK_KEY",
    "SHARE_WHOLE_WORDS",
    "ZH_WINDOW",
    "AttributeLexicon",
    "Profile",
    "bundled_lexicon",
    "is_share",
    "lexicon_with",
    "profile",
]

log = logging.getLogger(__name__)

#: English words read on each side of a figure
EN_WINDOW = 7
#: Chinese characters read on each side of a figure, inside its clause
ZH_WINDOW = 16
#: the key that says a figure is a position in an ordering (``busiest``, ``排名``)
RANK_KEY = "rank"
#: the key of a coin's or note's value (``硬幣``, ``coin``; a currency written with 幣 after it)
DENOMINATION_KEY = "denomination"
#: the longest row key read before ``:`` in an infobox or list row
ROW_KEY_CHARS = 30

_CLAUSE = re.compile(r"[，,；;：:（）()]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_ROW = re.compile(r"^\s*([^:：|｜\n]{1,30})\s*[:：|｜]")
_CLASSIFIERS = "个個名位人架艘次种種座道件条條只隻头頭张張本部所家间間"
#: Chinese characters read for a counted noun after a figure
NOUN_CHARS = 4
#: glosses that say nothing about what is counted
_NOT_NOUNS = frozenset({"classifier", "chinese", "surname"})
#: the one empty key set every profile without keys shares (a list of thousands of figures
#: makes thousands of profiles, each a set the collector walks)
_NO_KEYS: frozenset[str] = frozenset()
_NO_YEARS: frozenset[int] = frozenset()


@dataclass(frozen=True)
class AttributeLexicon:
    """Surfaces of each attribute key: Chinese (simplified, as the segmenter's norms are) and
    English (lemma keys, one tuple per phrase)."""

    zh: Mapping[str, frozenset[str]]
    en: Mapping[tuple[str, ...], frozenset[str]]
    signature: str

    @classmethod
    def read(cls, sources: Iterable[tuple[str, str]]) -> AttributeLexicon:
        """A lexicon from ``(name, text)`` TSV sources (later rows add to earlier ones)."""
        from ..lexicon import lemma
        from ..script import to_simplified

        zh: dict[str, set[str]] = {}
        en: dict[tuple[str, ...], set[str]] = {}
        rows = 0
        for name, text in sources:
            for n, line in enumerate(text.splitlines(), 1):
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.split("\t")
                if len(cols) < 3 or not cols[0].strip():
                    raise LexiconError(name, n, "want a key, chinese surfaces and english words")
                key = cols[0].strip()
                rows += 1
                for surface in filter(None, (s.strip() for s in cols[1].split("|"))):
                    zh.setdefault(to_simplified(surface), set()).add(key)
                for phrase in filter(None, (s.strip() for s in cols[2].split("|"))):
                    words = tuple(lemma(w) for w in phrase.lower().split())
                    en.setdefault(words, set()).add(key)
        return cls(
            zh={k: frozenset(v) for k, v in zh.items()},
            en={k: frozenset(v) for k, v in en.items()},
            signature=f"attributes:{rows}",
        )

    def zh_keys(self, text: str) -> list[tuple[int, str, str]]:
        """``(position, key, surface)`` of every surface in a simplified Chinese text (longest
        surfaces first at a position)."""
        found: list[tuple[int, int, str, frozenset[str]]] = []
        starting = self._zh_by_first
        for i, ch in enumerate(text):
            for order, surface, keys in starting.get(ch, ()):
                if text.startswith(surface, i):
                    found.append((order, i, surface, keys))
        found.sort(key=lambda f: (f[0], f[1]))  # the lexicon's order, then the position
        return [(i, key, surface) for _, i, surface, keys in found for key in keys]

    @cached_property
    def _zh_by_first(self) -> dict[str, list[tuple[int, str, frozenset[str]]]]:
        """The Chinese surfaces by their first character, each with its rank in ``zh``."""
        return _by_first(self.zh)

    def en_keys(self, lemmas: Sequence[str]) -> list[tuple[int, str, str]]:
        """``(position, key, phrase)`` of every phrase in a sequence of English lemmas."""
        found: list[tuple[int, int, tuple[str, ...], frozenset[str]]] = []
        starting = self._en_by_first
        for i, word in enumerate(lemmas):
            for order, phrase, keys in starting.get(word, ()):
                n = len(phrase)
                if tuple(lemmas[i : i + n]) == phrase:
                    found.append((order, i, phrase, keys))
        found.sort(key=lambda f: (f[0], f[1]))  # the lexicon's order, then the position
        return [(i, key, " ".join(phrase)) for _, i, phrase, keys in found for key in keys]

    @cached_property
    def _en_by_first(self) -> dict[str, list[tuple[int, tuple[str, ...], frozenset[str]]]]:
        """The English phrases by their first lemma, each with its rank in ``en``."""
        return _by_first(self.en)


_Entry = TypeVar("_Entry", str, tuple[str, ...])


def _by_first(
    table: Mapping[_Entry, frozenset[str]],
) -> dict[str, list[tuple[int, _Entry, frozenset[str]]]]:
    """A table's entries (surfaces or phrases) by their first item (character or lemma), each
    with its rank in the table, so a scan tries only the entries that can start where it is."""
    index: dict[str, list[tuple[int, _Entry, frozenset[str]]]] = {}
    for order, (entry, keys) in enumerate(table.items()):
        if entry:
            index.setdefault(entry[0], []).append((order, entry, keys))
    return index


@lru_cache(maxsize=1)
def bundled_lexicon() -> AttributeLexicon:
    """The bundled attribute lexicon (read on first use)."""
    source = resources.files("sourcecompare") / "data" / "attributes.tsv"
    return AttributeLexicon.read([("sourcecompare/data/attributes.tsv", source.read_text("utf-8"))])


def lexicon_with(files: Sequence[str | Path] = ()) -> AttributeLexicon:
    """The bundled lexicon plus the rows of user ``files`` (same columns)."""
    if not files:
        return bundled_lexicon()
    source = resources.files("sourcecompare") / "data" / "attributes.tsv"
    sources = [("sourcecompare/data/attributes.tsv", source.read_text("utf-8"))]
    for f in files:
        p = Path(f)
        try:
            sources.append((str(p), p.read_text(encoding="utf-8")))
        except OSError as e:
            raise LexiconError(str(p), 0, f"cannot read the attribute file: {e}") from e
    return AttributeLexicon.read(sources)


@dataclass(frozen=True)
class Profile:
    """What a claim's figure is about.

    ``attributes`` are lexicon keys read around the figure with the surface that gave each,
    nearest first; ``head`` is the one that governs the figure (for a time, the nearest on its
    left when there is one: "agreed ... in 1958", "開始於1959年").  When nothing is read around
    the figure, the keys of its whole sentence stand in (``sentence_attributes``) and then
    those of its section heading.  ``row`` is the infobox or table row key, ``row_attributes``
    its keys; ``noun`` the counted noun's keys (English lemmas, Chinese glosses); ``anchors`` the
    years of the other time figures in its sentence; ``counted``, for a time, the attribute
    keys of the quantities its sentence states (a time that says when they were counted) and
    ``counts`` their figures.
    """

    claim: str
    attributes: tuple[tuple[str, str], ...] = ()
    head: str = ""
    row: str = ""
    row_attributes: frozenset[str] = frozenset()
    sentence_attributes: frozenset[str] = frozenset()
    noun: frozenset[str] = frozenset()
    noun_text: str = ""
    anchors: frozenset[int] = frozenset()
    section: str = ""
    counted: frozenset[str] = frozenset()
    counts: frozenset[float] = frozenset()

    @cached_property
    def own_keys(self) -> frozenset[str]:
        """The keys read around the figure and in its row (no stand-ins; worked out once: a
        claim is tried against many)."""
        if not self.attributes:
            return self.row_attributes
        return frozenset(k for k, _ in self.attributes) | self.row_attributes

    @cached_property
    def keys(self) -> frozenset[str]:
        return self.own_keys or self.sentence_attributes

    def surface(self, key: str) -> str:
        """The words that gave ``key``: the text, else the row key, else the heading."""
        found = dict(self.attributes).get(key)
        if found:
            return found
        if key in self.row_attributes:
            return self.row
        return f"sentence or heading “{self.section}”" if self.section else "its sentence"


#: how many tokens on each side of a figure its attributes, predicate and noun are read from
#: (far more than any window below), so that a long sentence costs each figure a bounded
#: amount, not the whole sentence
SIDE_TOKENS = 96


class _Tokens(NamedTuple):
    """A sentence's tokens prepared once for :func:`_sides`: the ends and starts of all of
    them, and for each the number of non-space tokens before it and their normalised forms."""

    ends: list[int]
    starts: list[int]
    kept_before: list[int]
    norms: list[str]


def _prepared(s: Sentence) -> _Tokens:
    kept_before: list[int] = []
    norms: list[str] = []
    for t in s.tokens:
        kept_before.append(len(norms))
        if not t.is_space:
            norms.append(t.norm)
    kept_before.append(len(norms))
    return _Tokens([t.end for t in s.tokens], [t.start for t in s.tokens], kept_before, norms)


def _sides(
    doc: Document | None, c: Claim, bounds: dict[int, _Tokens] | None = None
) -> tuple[str, str]:
    """The sentence text on each side of the figure (normalised tokens when segmented), at
    most :data:`SIDE_TOKENS` tokens each; ``bounds`` caches each sentence's prepared tokens
    between calls."""
    if doc is not None and 0 <= c.paragraph < len(doc.paragraphs):
        para = doc.paragraphs[c.paragraph]
        sentences = para.sentences
        own = sentences[c.sentence : c.sentence + 1] if 0 <= c.sentence < len(sentences) else ()
        for s in chain(own, sentences):
            if s.tokens and s.tokens[0].start <= c.start and c.start < s.tokens[-1].end:
                cache = {} if bounds is None else bounds
                prepared = cache.get(id(s))
                if prepared is None:
                    prepared = cache[id(s)] = _prepared(s)
                ends, starts, kept, norms = prepared
                # tokens are in order: those ending by the figure's start, those starting after
                # its end (ends and starts are both non-decreasing)
                last = bisect_right(ends, c.start)
                first = bisect_left(starts, c.end)
                sep = "" if doc.language == "zh" else " "
                left = sep.join(norms[kept[max(0, last - SIDE_TOKENS)] : kept[last]])
                right = sep.join(norms[kept[first] : kept[min(len(ends), first + SIDE_TOKENS)]])
                return left, right
    text = c.sentence_text
    at = text.find(c.text) if c.text else -1
    if at < 0:
        return text, ""
    return text[:at], text[at + len(c.text) :]


def _zh_reach(left: str, right: str, window: int = ZH_WINDOW) -> tuple[str, str]:
    """The characters of each side that :func:`_zh_attributes` looks at: those within
    ``window`` of the figure, with a margin, so that a phrase OpenCC converts as a whole is
    not cut (a side may hold a whole long sentence)."""
    margin = 2 * window
    return left[-margin:], right[:margin]


def _zh_attributes(
    lex: AttributeLexicon, left: str, right: str, window: int = ZH_WINDOW
) -> list[tuple[int, str, str]]:
    from ..script import to_simplified

    left, right = _zh_reach(left, right, window)  # only these are converted
    left = to_simplified(left)[-window:]
    right = to_simplified(right)[:window]
    if window == ZH_WINDOW:
        left, right = _CLAUSE.split(left)[-1], _CLAUSE.split(right)[0]
    found = [(p - len(left), k, s) for p, k, s in lex.zh_keys(left)]
    found += [(p + 1, k, s) for p, k, s in lex.zh_keys(right)]
    return found


class _Readings:
    """The attributes read on each side of a figure (:func:`_zh_attributes`,
    :func:`_en_attributes`), each pair of sides read once: a list or a table states many
    figures between the same words.  Only what the reading looks at is the key: for Chinese
    each side's :func:`_zh_reach`."""

    def __init__(self, lex: AttributeLexicon) -> None:
        self.lex = lex
        self.held: dict[tuple[str, str, str], tuple[tuple[int, str, str], ...]] = {}

    def read(self, language: str, left: str, right: str) -> tuple[tuple[int, str, str], ...]:
        if language == "zh":
            left, right = _zh_reach(left, right)
        key = language, left, right
        found = self.held.get(key)
        if found is None:
            reader = _zh_attributes if language == "zh" else _en_attributes
            found = self.held[key] = tuple(reader(self.lex, left, right))
        return found


def _en_lemmas(text: str) -> list[str]:
    from ..lexicon import lemma

    return [lemma(w.lower()) for w in _WORD.findall(text)]


def _en_attributes(
    lex: AttributeLexicon, left: str, right: str, window: int = EN_WINDOW
) -> list[tuple[int, str, str]]:
    lw, rw = _en_lemmas(left)[-window:], _en_lemmas(right)[:window]
    found = [(p - len(lw), k, s) for p, k, s in lex.en_keys(lw)]
    found += [(p + 1, k, s) for p, k, s in lex.en_keys(rw)]
    return found


#: English words that end the ``of ...`` phrase naming a share's whole: its predicate follows
_FINITE = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "have",
        "has",
        "had",
        "would",
        "will",
        "can",
        "could",
        "may",
        "might",
        "shall",
        "should",
        "must",
        "do",
        "does",
        "did",
    ]
)
#: how many words the whole of a share may take ("of the Japanese who migrated to North Korea")
SHARE_WHOLE_WORDS = 15


def is_share(c: Claim) -> bool:
    """A figure that is a part of a whole: a fraction (``two-thirds``, ``about half``) or a
    percentage."""
    return c.unit == "fraction" or c.kind == "percent"


def _share_predicate(c: Claim, language: str, right: str) -> str | None:
    """The words of a share's predicate when it is written ``X of <whole> <predicate>``
    ("Two-thirds of the Japanese who migrated to North Korea are estimated to have gone
    missing"): the whole names what the share is of, not what it measures, so its words give
    no attribute.  ``None`` when the figure is no English share or its whole does not end
    with a finite verb within :data:`SHARE_WHOLE_WORDS` words."""
    if language != "en" or not is_share(c):
        return None
    words = right.split()
    if not words or words[0].lower() != "of":
        return None
    for i, w in enumerate(words[1 : SHARE_WHOLE_WORDS + 1], 1):
        if w.lower().strip(",;:") in _FINITE:
            return " ".join(words[i:])
    return None


def _names_a_coin(unit_text: str) -> bool:
    """Whether a Chinese currency is written with 幣 after its name (庫納幣: a kuna coin or
    note), not as part of it (人民幣, 港幣: 人民 and 港 are no currencies)."""
    from ..claims.units import table
    from ..script import to_simplified

    text = to_simplified(unit_text.strip())
    at = text.find("币")
    if at <= 0:
        return False
    stem = table().match("zh", text[:at])
    return stem is not None and stem.kind == "money" and len(stem.surface) == at


def _nearest(found: list[tuple[int, str, str]]) -> tuple[tuple[str, str], ...]:
    out: dict[str, str] = {}
    for _, key, surface in sorted(found, key=lambda f: (abs(f[0]), -len(f[2]), f[1])):
        out.setdefault(key, surface)
    return tuple(out.items())


def _head(found: list[tuple[int, str, str]], time: bool, rank: bool = False) -> str:
    """The governing key: the nearest, or for a time the nearest on its left (distances on
    the left are negative); for a rank, what it ranks (``third-busiest ... by passenger
    traffic``: passenger, not the rank itself)."""
    if rank:
        found = [f for f in found if f[1] != RANK_KEY]
    left = [f for f in found if f[0] < 0]
    pool = left if time and left else found
    if not pool:
        return ""
    return min(pool, key=lambda f: (abs(f[0]), -len(f[2]), f[1]))[1]


#: what :func:`_noun` reads of a claim and of the words after it (the key of its memory)
_NounKey = tuple[str, str, str, str, str]


def _noun(
    c: Claim,
    language: str,
    right: str,
    held: dict[_NounKey, tuple[frozenset[str], str]] | None = None,
) -> tuple[frozenset[str], str]:
    """The counted noun's keys: the unit, the words just after the figure (English lemmas,
    or the CC-CEDICT glosses of the Chinese words there).  Times count nothing.

    Only the claim's kind, unit and unit words and the first words after it are read (the
    key of ``held``, which remembers each reading between calls: a list or a table states
    many figures before the same words)."""
    if c.kind in ("year", "date", "decade") or c.unit == "year":
        return _NO_KEYS, ""
    after = right[: 4 * NOUN_CHARS] if language == "zh" else " ".join(right.split()[:3])
    key = (str(c.kind), c.unit, c.unit_text, language, after)
    found = held.get(key) if held is not None else None
    if found is None:
        found = _read_noun(c, language, after)
        if held is not None:
            held[key] = found
    return found


def _read_noun(c: Claim, language: str, after: str) -> tuple[frozenset[str], str]:
    """:func:`_noun` of a claim that is no time, from ``after``: the words after the figure
    that it reads (Chinese: its first ``4 * NOUN_CHARS`` characters; English: three words)."""
    from ..lexicon import default, english_words

    keys: set[str] = {c.unit} if c.unit else set()
    if in_base_unit(c):  # "d", "kg" say only the dimension; the unit written says more
        unit = written_unit(c)
        keys = {f"{unit} of time" if c.kind == "duration" else unit} if unit else set()
    if c.unit in DIMENSION:
        keys.add(DIMENSION[c.unit][0])
    if language == "zh":
        from ..script import to_simplified

        noun = to_simplified(c.unit_text).lstrip(_CLASSIFIERS)
        head = noun if len(noun) > 1 else to_simplified(after).lstrip(_CLASSIFIERS)[:NOUN_CHARS]
        lexicon = default()
        words = [
            head[i : i + n]
            for i in range(len(head))
            for n in (4, 3, 2)
            if i + n <= len(head) and _HAN.fullmatch(head[i]) and lexicon.knows(head[i : i + n])
        ]
        for w in words:
            keys |= set(lexicon.glosses(w)) - _NOT_NOUNS
        return frozenset(keys), "".join(words[:1])
    found = english_words(f"{c.unit_text} {after}")[:2]
    keys |= set(found)
    return frozenset(keys), found[0] if found else ""


def _row_key(doc: Document | None, c: Claim) -> str:
    if doc is None or not 0 <= c.paragraph < len(doc.paragraphs):
        return ""
    para = doc.paragraphs[c.paragraph]
    if para.kind is ParagraphKind.INFOBOX and para.label:
        return para.label
    if para.kind in (ParagraphKind.INFOBOX, ParagraphKind.LIST_ITEM):
        m = _ROW.match(para.text)
        if m and len(m.group(1)) <= ROW_KEY_CHARS:
            return m.group(1).strip()
    return ""


def _key_attributes(lex: AttributeLexicon, text: str) -> frozenset[str]:
    """The attribute keys a short label (a row key, a heading) names."""
    if not text:
        return _NO_KEYS
    from ..script import to_simplified

    if _HAN.search(text):
        return frozenset(k for _, k, _ in lex.zh_keys(to_simplified(text)))
    label = re.sub(r"[_\-]+", " ", text)
    return frozenset(k for _, k, _ in lex.en_keys(_en_lemmas(label)))


def _anchors(claims: Sequence[Claim]) -> dict[tuple[str, int, int], frozenset[int]]:
    """Years stated by the time figures of each sentence."""
    out: dict[tuple[str, int, int], set[int]] = {}
    for c in claims:
        if c.kind in ("year", "date") and c.low is not None:
            year = int(c.low) // 10000 if c.kind == "date" else int(c.low)
            if c.kind == "date" and year == 0:
                continue
            out.setdefault((c.document, c.paragraph, c.sentence), set()).add(year)
    return {k: frozenset(v) for k, v in out.items()}


def profile(
    documents: Sequence[Document],
    claims: Sequence[Claim],
    lexicon: AttributeLexicon | None = None,
) -> dict[str, Profile]:
    """The profile of every claim, by claim id."""
    lex = lexicon or bundled_lexicon()
    docs = {d.id: d for d in documents}
    anchors = _anchors(claims)
    out: dict[str, Profile] = {}
    bounds: dict[int, _Tokens] = {}
    wholes: dict[tuple[str, str], frozenset[str]] = {}
    readings = _Readings(lex)
    nouns: dict[_NounKey, tuple[frozenset[str], str]] = {}
    for c in claims:
        doc = docs.get(c.document)
        language = doc.language if doc is not None else "zh"
        if language == "zh" and not _HAN.search(c.sentence_text):
            language = "en"  # an English paragraph of a Chinese document
        left, right = _sides(doc, c, bounds)
        predicate = _share_predicate(c, language, right)
        found = list(readings.read(language, left, right if predicate is None else predicate))
        if c.unit_text:  # the counted noun written with the figure (名成員, 個國家) is nearest
            found += [(0, k, s) for _, k, s in readings.read(language, "", c.unit_text)]
        if c.kind == "money" and language == "zh" and _names_a_coin(c.unit_text):
            found.append((0, DENOMINATION_KEY, c.unit_text))
        row = _row_key(doc, c)
        section = ""
        if doc is not None and 0 <= c.paragraph < len(doc.paragraphs):
            path = doc.paragraphs[c.paragraph].section
            section = path[-1] if path else ""
        time = c.kind in ("year", "date", "decade") or c.unit == "year"
        fallback: frozenset[str] = _NO_KEYS
        if not found:
            if (c.sentence_text, language) not in wholes:  # one reading per sentence
                whole = (_zh_attributes if language == "zh" else _en_attributes)(
                    lex, c.sentence_text, "", window=10**6
                )
                wholes[c.sentence_text, language] = frozenset(k for _, k, _ in whole)
            fallback = wholes[c.sentence_text, language] | _key_attributes(lex, section)
        noun, noun_text = _noun(c, language, right, nouns)
        years = None if time else anchors.get((c.document, c.paragraph, c.sentence))
        out[c.id] = Profile(
            claim=c.id,
            attributes=_nearest(found),
            head=_head(found, time, rank=c.kind == "rank"),
            row=row,
            row_attributes=_key_attributes(lex, row),
            sentence_attributes=fallback,
            noun=noun,
            noun_text=noun_text,
            anchors=years or _NO_YEARS,
            section=section,
        )
    return _with_counted(claims, out)


def _with_counted(claims: Sequence[Claim], profiles: dict[str, Profile]) -> dict[str, Profile]:
    """Each time's ``counted``: the keys of the quantities stated in its sentence."""
    from dataclasses import replace

    keys: dict[tuple[str, int, int], set[str]] = {}
    values: dict[tuple[str, int, int], set[float]] = {}
    for c in claims:
        if not (c.kind in ("year", "date", "decade") or c.unit == "year"):
            where = (c.document, c.paragraph, c.sentence)
            keys.setdefault(where, set()).update(profiles[c.id].own_keys)
            if c.value is not None:
                values.setdefault(where, set()).add(c.value)
    out = dict(profiles)
    for c in claims:
        if c.kind in ("year", "date", "decade") or c.unit == "year":
            where = (c.document, c.paragraph, c.sentence)
            found = keys.get(where)
            if found:
                counts = frozenset(values.get(where, ()))
                out[c.id] = replace(out[c.id], counted=frozenset(found), counts=counts)
    return out
