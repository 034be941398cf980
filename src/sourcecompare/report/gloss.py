"""A word-by-word dictionary gloss of Chinese text, for readers who do not read Chinese.

The text is cut into the longest words CC-CEDICT knows (names of the curated names table
first; a segmenter's word boundaries, when given, are kept), and each word gets its senses as
CC-CEDICT orders them (the first sense of an entry is its main one):

* of a word's entries, a proper noun's (a surname, a place) only when it has no other, and of
  the others the one with the most senses (of 的: the particle ``de5``, not ``di1`` "a taxi");
* cross-references, surnames, "variant of", "used in", measure-word lists and readings are not
  senses; qualifiers such as "(bound form)" or "(literary)" are left out;
* up to :data:`SENSES` senses, first entry's first;
* a *function word* (a particle, an aspect marker, a classifier: an entry whose first sense
  describes its grammar, "(completed action marker)") gets that one description, and
  ``function`` set, so renderers can show it apart from the words that carry the meaning;
* a name gets the name in English.

It is a dictionary gloss, not a translation: word order, grammar and the choice between senses
are left to the reader, and the renderers say so.  The senses table is built from CC-CEDICT once
into the resource cache (:mod:`sourcecompare.resources`).

>>> [(w.text, w.gloss) for w in gloss("日本政府承認17名")]
[('日本', 'Japan'), ('政府', 'government'), ('承認', 'to admit / to concede / to recognize'), ('17', ''), ('名', 'name / noun / place')]
>>> [(w.text, w.gloss, w.function) for w in gloss("走了")]
[('走', 'to walk / to go / to run', False), ('了', 'completed action marker', True)]
>>> [w.text for w in gloss("對日本人", breaks=[1])]
['對', '日本', '人']
"""  # noqa: E501

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

__all__ = ["GLOSS_LABEL", "SENSES", "GlossWord", "GlossedText", "gloss", "load_table"]

#: how many dictionary keys a word shows
SENSES = 3
#: the longest word looked up (characters)
LONGEST = 8
#: what the renderers call it
GLOSS_LABEL = "Dictionary gloss (CC-CEDICT, word by word; not a translation)"

_HAN_CHARS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_HAN = re.compile(f"[{_HAN_CHARS}]")
#: a run of characters that are not Chinese
_NOT_HAN = re.compile(f"[^{_HAN_CHARS}]+")


@dataclass(frozen=True, slots=True)
class GlossWord:
    """A piece of the text and its gloss (empty for punctuation, figures and unknown words);
    ``name`` says the gloss is a name from the names table, ``function`` that the word is a
    function word (a particle, a marker, a classifier) glossed by what it does."""

    text: str
    gloss: str = ""
    name: bool = False
    function: bool = False


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Name key -> the name in English (the first English form of its table row)."""
    from ..lexicon import default

    return {e.key: e.english[0] for e in default().names if e.english}


#: definitions that are not senses: cross-references, surnames, readings, measure words
_NOT_SENSE = re.compile(
    r"^(?:(?:old |archaic |ancient |japanese |erhua |euphemistic )?variant of|used in|"
    r"surname|also pr\.|also written|also called|see |see also|taiwan pr\.|pr\. |cl:|"
    r"\(old\) variant|abbr\. for|\(abbr\.|\(used in)",
    re.IGNORECASE,
)
#: a Chinese word with its reading, as definitions refer to one: 瞭|了[liao3], 的[de5]
_HANZI_REF = re.compile(r"[^\sA-Za-z0-9(),;~'\-]*\[[^\]]*\]")
_PAREN = re.compile(r"\s*\([^()]*\)\s*")
_FUNCTION = re.compile(r"\b(?:particle|marker|classifier|measure word)\b", re.IGNORECASE)
#: the longest sense shown (characters)
SENSE_LIMIT = 40


def _clip(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;")
    return text if len(text) <= SENSE_LIMIT else text[: SENSE_LIMIT - 1].rstrip() + "…"


def _definition(text: str) -> str:
    """A definition with its cross-references taken out; empty when it is not a sense."""
    text = " ".join(text.split())
    if not text or _NOT_SENSE.match(text):
        return ""
    return " ".join(_HANZI_REF.sub("", text).split())


def _senses_of(definitions: list[str]) -> tuple[str, bool]:
    """The gloss of one entry (its senses in order) and whether it is a function word: one
    whose first or second sense describes its grammar ("(completed action marker)", "~'s
    (possessive particle)"), glossed by the senses up to that one."""
    for k, d in enumerate(definitions[:2]):
        whole = d.startswith("(") and d.endswith(")") and not _PAREN.sub("", d)
        if (whole and k == 0) or _FUNCTION.search(d):
            said = [_clip(x[1:-1] if x.startswith("(") and x.endswith(")") else x)
                    for x in definitions[: k + 1]]  # fmt: skip
            return " / ".join(x for x in said if x), True
    pieces: list[str] = []
    for d in definitions:
        shown = _clip(_PAREN.sub(" ", d))
        if shown and shown not in pieces:
            pieces.append(shown)
        if len(pieces) == SENSES:
            break
    return " / ".join(pieces), False


_VARIANT_OF = re.compile(r"variant of ([^\s\[]+)\[", re.IGNORECASE)


#: the scripts a word is looked up in, each with its own headwords
SCRIPTS = ("traditional", "simplified")


def _build_senses() -> dict[str, dict[str, tuple[str, bool]]]:
    """Script -> headword in that script -> (gloss, function word), from CC-CEDICT.

    The two scripts are kept apart because one character can be two words: traditional 后 is
    "empress", while simplified 后 is also the simplified form of 後 "after"."""
    from ..lexicon import cedict_entries

    entries = cedict_entries()
    return {script: _best_entries(entries, script) for script in SCRIPTS}


def _best_entries(entries: Iterable[dict[str, object]], script: str) -> dict[str, tuple[str, bool]]:
    """Headword in ``script`` -> the gloss of its main entry (see the module's description)."""
    best: dict[str, tuple[tuple[bool, bool, int], tuple[str, bool]]] = {}
    for entry in entries:
        raw = [str(d) for d in entry["definitions"]]  # type: ignore[attr-defined]
        definitions = [d for d in map(_definition, raw) if d]
        if not definitions:
            continue
        senses = _senses_of(definitions)
        if not senses[0]:
            continue
        variant_of = {w for m in _VARIANT_OF.finditer(" ".join(raw)) for w in m[1].split("|")}
        head = str(entry[script])
        # lower is better: a proper noun's entry, then an entry that is a variant of this
        # very headword (秊, simplified 年, "variant of 年"), then fewer senses
        rank = (str(entry["pinyin"])[:1].isupper(), head in variant_of, -len(definitions))
        held = best.get(head)
        if held is None or rank < held[0]:  # ties: the first entry in the file
            best[head] = (rank, senses)
    return {head: senses for head, (_, senses) in best.items()}


def _fits(tables: object) -> bool:
    if not isinstance(tables, dict) or set(tables) != set(SCRIPTS):
        return False
    for table in tables.values():
        if not isinstance(table, dict) or not table:
            return False
        value = next(iter(table.values()))
        if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str)):
            return False
    return True


@lru_cache(maxsize=1)
def _senses_table() -> dict[str, dict[str, tuple[str, bool]]]:
    from pathlib import Path

    from ..lexicon import cedict_digest
    from ..resources import key, load_or_build

    return load_or_build(
        "gloss-senses",
        key("gloss-senses", cedict_digest(), Path(__file__).read_bytes()),
        _build_senses,
        check=_fits,
        label="report glosses",
    )


def load_table() -> None:
    """Load the table of word senses now (built into the resource cache first if need be),
    rather than on the first gloss."""
    _senses_table()


@lru_cache(maxsize=1 << 16)
def _senses(word: str, script: str = "simplified") -> tuple[str, bool]:
    """A word's gloss and whether it is a function word: looked up as written among the
    headwords of ``script`` (the script of the text it comes from), then among those of the
    other script (a simplified form in traditional text), then converted to simplified.
    Remembered: a text glosses the same few thousand words again and again."""
    tables = _senses_table()
    first = script if script in SCRIPTS else "simplified"
    for name in (first, *(s for s in SCRIPTS if s != first)):
        found = tables[name].get(word)
        if found is not None:
            return found
    from ..script import to_simplified

    return tables["simplified"].get(to_simplified(word), ("", False))


def _script_of(text: str, script: str) -> str:
    """The script to look a text's words up in: the document's, when it is one of the two;
    else (a mixed or unknown document) the text's own, when it has one."""
    if script in SCRIPTS:
        return script
    from ..readers.detect import detect_script

    found = detect_script(text)
    return found if found in SCRIPTS else "simplified"


def gloss(text: str, breaks: Iterable[int] = (), script: str = "") -> list[GlossWord]:
    """``text`` cut into words, each with its dictionary gloss (see the module's description).

    ``breaks`` are positions where a word must end (a segmenter's word boundaries): no
    dictionary word is taken across one, though a name of the names table may be.  Runs of
    characters that are not Chinese (figures, Latin words, punctuation) are kept whole and
    unglossed, so joining the pieces' ``text`` gives ``text`` back.

    ``script`` is the script of the document the text comes from (``traditional`` or
    ``simplified``): words are looked up among that script's headwords first, so 后 is
    "empress" in traditional text and "after" in simplified text.  For another value (a mixed
    document, or none given) the text's own script is used when it has one.
    """
    from ..lexicon import default

    lex = default()
    names = {start: (end, key) for start, end, key in lex.find_names(text)}
    name_starts = sorted(names)
    english = _names()
    cuts = sorted(set(breaks))
    look_in = _script_of(text, script)
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
        if not _HAN.match(text, i):
            # a run of characters that are not Chinese, up to the next Chinese one or name
            j = _NOT_HAN.match(text, i).end()  # type: ignore[union-attr]  # matches one at least
            k = bisect_right(name_starts, i)
            j = min(j, name_starts[k]) if k < len(name_starts) else j
            out.append(GlossWord(text[i:j]))
            i = j
            continue
        k = bisect_right(cuts, i)
        j = min(n, i + LONGEST, cuts[k] if k < len(cuts) else n)
        while j > i + 1 and not (_HAN.match(text[j - 1]) and lex.knows(text[i:j])):
            j -= 1
        word = text[i:j]
        shown, function = _senses(word, look_in)
        out.append(GlossWord(word, shown, function=function))
        i = j
    return out


@dataclass(frozen=True)
class GlossedText:
    """A text glossed once (:func:`gloss`), to gloss windows of it without cutting the whole
    text again for each: ``starts`` and ``ends`` are the words' spans in ``text``."""

    text: str
    words: tuple[GlossWord, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str, breaks: Iterable[int] = (), script: str = "") -> GlossedText:
        words = tuple(gloss(text, breaks, script))
        ends = tuple(accumulate(len(w.text) for w in words))
        starts = tuple(e - len(w.text) for e, w in zip(ends, words, strict=True))
        return cls(text, words, starts, ends)

    def touching(self, start: int, end: int) -> tuple[int, int]:
        """The words that share a character with ``text[start:end]``, a word the window's
        edge cuts included whole: indexes ``first`` to ``last`` (exclusive) of
        :attr:`words`; ``first >= last`` when there is none (an empty window)."""
        first = bisect_right(self.ends, start)
        return (first, bisect_left(self.starts, end)) if start < end else (first, first)
