"""Sentences and words: the segmentation stage.

:func:`segment` gives every paragraph of a document its normalised view (``norm``, mapped back
to the paragraph's text by ``norm_offsets``), its sentences and their tokens.  Every span
points into the *original* text: ``start``/``end`` into ``Document.raw``, ``para_start``/
``para_end`` into ``Paragraph.text``; a token's ``text`` is the original text and its ``norm``
the normalised form, lower-cased.

Chinese is segmented over the normalised (simplified) text into the tokens of spaCy's blank
``zh`` pipeline with jieba's dictionary (HMM off, so that the Rust port ``rjieba``, the
default, gives the same words as jieba itself: :data:`SEGMENTERS`); sentences end at 。！？
(full- or half-width), the closing quotes and brackets after them staying with the sentence,
as spaCy's sentencizer puts them.  Those tokens and sentences are computed without importing
spaCy (half a second or more per process, more than a short document's segmentation); the
tests hold them to spaCy's own pipeline.  English gets the tokens and sentences of spaCy's
blank ``en`` pipeline and its sentencizer, from :mod:`sourcecompare.en_tokenizer` (spaCy's
rules, cached, and its algorithm, without importing spaCy either), with a few rules so that
abbreviations such as "Vol. 33", "No. 1", "pp. 199" or "et al." do not end a sentence.

>>> from sourcecompare.model import Document, OffsetMap, Paragraph, ParagraphKind
>>> text = "他們說：「回家。」然後離開了！"
>>> para = Paragraph(0, ParagraphKind.BODY, text, OffsetMap.identity(len(text), base=2))
>>> doc = Document("d", "d", "zh", "traditional", "plain", "utf-8", "> " + text, (para,))
>>> out = segment(doc)
>>> out.paragraphs[0].norm
'他们说:「回家。」然后离开了!'
>>> [s.text for s in out.paragraphs[0].sentences]
['他們說：「回家。」', '然後離開了！']
>>> [(t.text, t.norm, t.start) for t in out.paragraphs[0].sentences[1].tokens][:2]
[('然後', '然后', 11), ('離開', '离开', 13)]
>>> out.signature  # doctest: +ELLIPSIS
'opencc:hk2s|seg:rjieba|spacy:...'
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

from .errors import UnknownComponent
from .model import Document, OffsetMap, Paragraph, Sentence, Token
from .script import DEFAULT_CONFIG, normalise
from .script import signature as script_signature

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "DEFAULT_SEGMENTER",
    "LANGUAGES",
    "SEGMENTERS",
    "cut",
    "segment",
    "signature",
    "words",
]

log = logging.getLogger(__name__)


class Cutter(Protocol):
    """What spaCy's Chinese tokenizer calls: jieba's ``cut`` interface."""

    def cut(self, text: str, cut_all: bool = False) -> list[str]: ...


class _Jieba:
    """jieba, dictionary only (HMM off)."""

    def __init__(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)  # it announces its dictionary loading on stderr
        jieba.initialize()
        self._cut = jieba.cut

    def cut(self, text: str, cut_all: bool = False) -> list[str]:
        return list(self._cut(text, cut_all=cut_all, HMM=False))


class _RJieba:
    """rjieba (Rust port of jieba), dictionary only (HMM off): the same words, faster."""

    def __init__(self) -> None:
        import rjieba

        self._cut = rjieba.cut
        self._cut_all = rjieba.cut_all

    def cut(self, text: str, cut_all: bool = False) -> list[str]:
        return list(self._cut_all(text) if cut_all else self._cut(text, hmm=False))


#: segmenter name -> factory of the word cutter for Chinese
SEGMENTERS: Mapping[str, Callable[[], Cutter]] = MappingProxyType(
    {"jieba": _Jieba, "rjieba": _RJieba}
)
#: rjieba by default: it gives jieba's words (tested against jieba on random text) and its
#: dictionary is built into the extension, so there is nothing to load (jieba unmarshals its
#: dictionary cache in every process, 1.5 s)
DEFAULT_SEGMENTER = "rjieba"

#: the languages with a pipeline
LANGUAGES = ("en", "zh")

#: sentence-final punctuation in (normalised) Chinese text
ZH_SENTENCE_END = ("。", "｡", "!", "?", "！", "？", "‼", "⁇", "⁈", "⁉")

# English abbreviations tokenised apart from their full stop that do not end a sentence ...
_ABBREVIATIONS = frozenset(
    """Vol vol Vols vols pp Pp Art Arts Fig fig Figs figs Ch ch Chap chap Sec Para para
    Mr Mrs Ms Dr Prof Rev Gen Col Lt Capt Gov Sen Rep Hon St Jr Sr Mt Ft vs cf Cf al approx
    ca Ed eds ed trans Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Dept Univ Ibid ibid
    esp Corp Assn Eq eq Tab Suppl""".split()  # noqa: SIM905
)
# ... and those that do not when a number follows ("No. 1", "p. 12")
_NUMBER_ABBREVIATIONS = frozenset(["No", "no", "Nos", "nos", "p", "P", "n"])
_ROMAN = frozenset(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])


def _check(segmenter: str, language: str | None = None) -> None:
    if segmenter not in SEGMENTERS:
        raise UnknownComponent("segmenter", segmenter, list(SEGMENTERS))
    if language is not None and language not in LANGUAGES:
        raise UnknownComponent("language", language, list(LANGUAGES))


@functools.cache
def _spacy_version() -> str:
    """spaCy's major.minor version, from the installed package's metadata: importing spaCy
    takes half a second or more, and a Chinese document never needs it."""
    from importlib.metadata import version

    return ".".join(version("spacy").split(".")[:2])


def signature(*, config: str = DEFAULT_CONFIG, segmenter: str = DEFAULT_SEGMENTER) -> str:
    """The settings signature of segmentation.

    >>> signature(segmenter="rjieba", config="tw2sp")  # doctest: +ELLIPSIS
    'opencc:tw2sp|seg:rjieba|spacy:3...'
    """
    _check(segmenter)
    return f"{script_signature(config)}|seg:{segmenter}|spacy:{_spacy_version()}"


@functools.cache
def _cutter(segmenter: str) -> Cutter:
    """The word cutter of ``segmenter``, built once and shared (spaCy's tokenizer and
    :func:`cut` use the same one)."""
    return SEGMENTERS[segmenter]()


@functools.lru_cache(maxsize=1 << 16)
def _is_punct(word: str) -> bool:
    return all(unicodedata.category(ch).startswith("P") for ch in word)


def cut(norm: str, *, segmenter: str = DEFAULT_SEGMENTER) -> list[str]:
    """The words :func:`words` gives for Chinese, from text already normalised
    (:func:`sourcecompare.script.normalise`), without going through spaCy: the aligner's fast
    path, with the same cutter.

    >>> cut("北韩的日本人")
    ['北韩', '的', '日本', '人']
    """
    _check(segmenter, "zh")
    out: list[str] = []
    for piece in _cutter(segmenter).cut(_without_surrogates(norm)):
        for word in piece.split():
            if not _is_punct(word):
                out.append(word.lower())
    return out


@functools.cache
def _build_pipeline(language: str, segmenter: str) -> Language:
    """The blank spaCy pipeline (tokenizer + sentencizer) of ``language``: what the tests hold
    :func:`_zh_array` and :mod:`sourcecompare.en_tokenizer` to (segmentation itself does not
    import spaCy)."""
    import spacy

    log.debug("building the spaCy pipeline for %s (segmenter %r)", language, segmenter)
    if language == "zh":
        cutter = _cutter(segmenter)  # first: it quiets jieba's loading messages
        if segmenter == "jieba":
            nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        else:  # same tokenizer, without having it load jieba first
            nlp = spacy.blank("zh")
            nlp.tokenizer.segmenter = "jieba"  # type: ignore[union-attr]
        nlp.tokenizer.jieba_seg = cutter  # type: ignore[union-attr]
        nlp.add_pipe("sentencizer", config={"punct_chars": list(ZH_SENTENCE_END)})
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    nlp.max_length = 1 << 62  # blank pipelines hold no per-text model memory
    return nlp


def words(
    text: str,
    language: str,
    *,
    segmenter: str = DEFAULT_SEGMENTER,
    config: str = DEFAULT_CONFIG,
    keep_punct: bool = False,
) -> list[str]:
    """The normalised words of a bare string (no spans): simplified, half-width, lower case.

    >>> words("北韓的日本人，ＮＯ．１", "zh")
    ['北韩', '的', '日本', '人', 'no', '1']
    >>> words("The U.S. Ambassador (1959).", "en")
    ['the', 'u.s.', 'ambassador', '1959']
    """
    _check(segmenter, language)
    norm, _ = normalise(text, config=config)
    if language == "zh":
        pieces = _zh_words(spacy_text(norm, language), _cutter(segmenter))[0]
        return [w.lower() for w in pieces if not w.isspace() and (keep_punct or not _is_punct(w))]
    from .en_tokenizer import is_punct, tokenizer

    texts, _ = tokenizer().tokens(spacy_text(norm, language))
    return [t.lower() for t in texts if not t.isspace() and (keep_punct or not is_punct(t))]


#: runs of punctuation longer than this are broken up before spaCy's English tokenizer sees
#: them (it strips prefixes and suffixes one character at a time: quadratic in the run)
MAX_PUNCT_RUN = 64
_PUNCT_RUN = re.compile(rf"(?:[^\w\s]|_){{{MAX_PUNCT_RUN + 1},}}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (undecodable input) as U+FFFD: spaCy, jieba and
    rjieba cannot encode them.  One character for one, so offsets hold."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _break_run(match: re.Match[str]) -> str:
    run = match.group()
    step = MAX_PUNCT_RUN
    return "".join(" " if k % step == step - 1 else ch for k, ch in enumerate(run))


def spacy_text(norm: str, language: str) -> str:
    """What spaCy is given for the normalised text ``norm``: the same length, so every offset
    holds, with lone surrogates replaced (U+FFFD) and, for English, every run of more than
    :data:`MAX_PUNCT_RUN` punctuation characters broken by a space every
    :data:`MAX_PUNCT_RUN` characters (``{{`` x 10,000 would take spaCy minutes).  Tokens keep
    the text of ``norm``: only where they start and end comes from spaCy.

    >>> spacy_text("a" + chr(0xD800) + "b", "en"), spacy_text("#" * 70, "en").count(" ")
    ('a�b', 1)
    >>> spacy_text("Wait... what?!", "en")
    'Wait... what?!'
    """
    text = _without_surrogates(norm)
    if language != "zh" and len(text) > MAX_PUNCT_RUN:
        text = _PUNCT_RUN.sub(_break_run, text)
    return text


def segment(
    doc: Document,
    *,
    segmenter: str = DEFAULT_SEGMENTER,
    config: str = DEFAULT_CONFIG,
) -> Document:
    """``doc`` with every paragraph's ``norm``, ``norm_offsets`` and ``sentences`` filled.

    The language is the document's (``zh`` or ``en``); the Chinese segmenter is chosen from
    :data:`SEGMENTERS` and the script normalisation from :data:`sourcecompare.script.CONFIGS`.
    The document's signature gets :func:`signature` (replacing an earlier one's).

    Paragraphs are tokenized one by one (spaCy's tokens, without spaCy) and their token
    offsets are mapped back to the paragraph and raw texts a chunk of paragraphs at a time,
    with numpy.
    """
    _check(segmenter, doc.language)
    sig = signature(config=config, segmenter=segmenter)
    paragraphs: list[Paragraph] = []
    for lo in range(0, len(doc.paragraphs), _CHUNK):
        chunk = doc.paragraphs[lo : lo + _CHUNK]
        normalised = [normalise(p.text, config=config) for p in chunk]
        texts = [spacy_text(norm, doc.language) for norm, _ in normalised]
        sdocs: list[tuple[list[str], list[bool]]] | None = None
        if doc.language == "zh":
            cutter = _cutter(segmenter)
            arrays = [_zh_array(text, cutter) for text in texts]
        else:
            from .en_tokenizer import tokenizer

            tok = tokenizer()
            sdocs = [tok.tokens(text) for text in texts]
            arrays = [tok.rows(text, sd) for text, sd in zip(texts, sdocs, strict=True)]
        paragraphs.extend(_chunk(chunk, normalised, arrays, sdocs, doc.language))
    kept = [s for s in doc.signature.split("|") if s and s.split(":")[0] not in _OWN_KEYS]
    return dataclasses.replace(doc, paragraphs=tuple(paragraphs), signature="|".join([*kept, sig]))


_OWN_KEYS = frozenset({"opencc", "seg", "spacy"})
_ZH_SENTENCE_END = frozenset(ZH_SENTENCE_END)


def _spacy_array(sdoc: Doc) -> np.ndarray:
    """A spaCy document's tokens as rows ``(idx, length, is_punct, is_space, sent_start)``."""
    import numpy as np
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, SENT_START

    attrs = [IDX, LENGTH, IS_PUNCT, IS_SPACE, SENT_START]
    return sdoc.to_array(attrs).reshape(-1, len(attrs)).astype(np.int64)


def _zh_words(text: str, cutter: Cutter) -> tuple[list[str], list[bool]]:
    """The tokens spaCy's Chinese tokenizer (jieba segmenter) makes of ``text``, and whether
    a space follows each: the cutter's words laid back on the text as
    ``spacy.util.get_words_and_spaces`` does (whitespace words dropped, the text between two
    words a token of its own, one space after a word belonging to it)."""
    words = [w for w in cutter.cut(text, cut_all=False) if w]
    if "".join("".join(words).split()) != "".join(text.split()):
        raise ValueError(f"the word cutter's words do not cover the text {text[:60]!r}")
    out: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for word in words:
        if word.isspace():
            continue
        at = text.find(word, pos)
        if at < 0:
            raise ValueError(f"the word cutter's word {word!r} is not in {text[:60]!r}")
        if at > pos:
            out.append(text[pos:at])
            spaces.append(False)
        out.append(word)
        pos = at + len(word)
        follows = pos < len(text) and text[pos] == " "
        spaces.append(follows)
        pos += follows
    if pos < len(text):
        out.append(text[pos:])
        spaces.append(False)
    return out, spaces


def _zh_array(text: str, cutter: Cutter) -> np.ndarray:
    """The rows :func:`_spacy_array` gives for spaCy's blank ``zh`` pipeline (jieba words and
    the sentencizer with :data:`ZH_SENTENCE_END`) on ``text``, without spaCy: importing and
    building it costs more than a short Chinese document's whole segmentation.  The tests hold
    it to spaCy's own output."""
    import numpy as np

    words, spaces = _zh_words(text, cutter)
    rows = np.zeros((len(words), 5), dtype=np.int64)
    if not words:
        return rows
    idx = 0
    starts = [False] * len(words)
    starts[0] = True
    start, seen_end = 0, False
    for i, (word, space) in enumerate(zip(words, spaces, strict=True)):
        punct = _is_punct(word)
        rows[i, 0] = idx
        rows[i, 1] = len(word)
        rows[i, 2] = punct
        rows[i, 3] = word.isspace()
        idx += len(word) + space
        # spaCy's sentencizer: a sentence starts at the first token after sentence-final
        # punctuation that is neither punctuation nor sentence-final itself
        ends = word in _ZH_SENTENCE_END
        if seen_end and not punct and not ends:
            starts[start] = True
            start = i
            seen_end = False
        elif ends:
            seen_end = True
    starts[start] = True
    rows[:, 4] = np.where(starts, 1, -1)
    return rows


_CHUNK = 1024  # paragraphs mapped together


class _Runs:
    """Several offset maps laid end to end, to map many positions with one numpy call."""

    __slots__ = ("origins", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.origins: list[int] = []

    def add(self, offsets: OffsetMap, base: int, origin_base: int) -> None:
        self.starts.extend(s + base for s in offsets.starts)
        self.origins.extend(o + origin_base for o in offsets.origins)

    def lookup(self, positions: np.ndarray) -> np.ndarray:
        import numpy as np

        starts = np.asarray(self.starts, dtype=np.int64)
        origins = np.asarray(self.origins, dtype=np.int64)
        k = np.searchsorted(starts, positions, side="right") - 1
        return origins[k] + (positions - starts[k])


def _chunk(
    paras: Sequence[Paragraph],
    normalised: Sequence[tuple[str, OffsetMap]],
    arrays: Sequence[np.ndarray],
    sdocs: Sequence[tuple[Sequence[str], Sequence[bool]]] | None,
    language: str,
) -> list[Paragraph]:
    """Paragraphs with their sentences, from each paragraph's token rows (:func:`_spacy_array`)
    and, for English, its tokens and whether a space follows each (abbreviations are read from
    them)."""
    import numpy as np

    counts = [len(a) if p.text else 0 for p, a in zip(paras, arrays, strict=True)]
    token_base = [0, *np.cumsum(counts).tolist()]
    to_para, to_raw = _Runs(), _Runs()
    norm_base: list[int] = []
    text_base: list[int] = []
    nb = tb = 0
    for p, (norm, norm_map) in zip(paras, normalised, strict=True):
        norm_base.append(nb)
        text_base.append(tb)
        if p.text and norm:
            to_para.add(norm_map, nb, tb)
            to_raw.add(norm_map.compose(p.offsets), nb, 0)
        nb += len(norm)
        tb += len(p.text)
    if not token_base[-1]:
        return [
            dataclasses.replace(p, norm=n, norm_offsets=m, sentences=())
            for p, (n, m) in zip(paras, normalised, strict=True)
        ]
    arr = np.concatenate([a for a, n in zip(arrays, counts, strict=True) if n])
    owner = np.repeat(np.arange(len(paras)), counts)
    first = arr[:, 0] + np.asarray(norm_base, dtype=np.int64)[owner]
    last = first + arr[:, 1] - 1
    tbase = np.asarray(text_base, dtype=np.int64)[owner]
    para_starts = (to_para.lookup(first) - tbase).tolist()
    para_ends = (to_para.lookup(last) + 1 - tbase).tolist()
    raw_starts = to_raw.lookup(first).tolist()
    raw_ends = (to_raw.lookup(last) + 1).tolist()
    idx = arr[:, 0].tolist()
    length = arr[:, 1].tolist()
    punct = arr[:, 2].astype(bool).tolist()
    space = arr[:, 3].astype(bool).tolist()
    sent_start = (arr[:, 4] == 1).tolist()

    out: list[Paragraph] = []
    for k, (p, (norm, norm_map)) in enumerate(zip(paras, normalised, strict=True)):
        lo, hi = token_base[k], token_base[k + 1]
        if lo == hi:
            out.append(dataclasses.replace(p, norm=norm, norm_offsets=norm_map, sentences=()))
            continue
        text = p.text
        lowered: str | None = norm.lower()
        if len(lowered or "") != len(norm):  # a rare letter whose lower case is longer
            lowered = None
        tokens = [
            Token(
                text[ps:pe],
                lowered[i : i + n] if lowered is not None else norm[i : i + n].lower(),
                rs,
                re,
                ps,
                pe,
                pu,
                sp,
            )
            for i, n, ps, pe, rs, re, pu, sp in zip(
                idx[lo:hi],
                length[lo:hi],
                para_starts[lo:hi],
                para_ends[lo:hi],
                raw_starts[lo:hi],
                raw_ends[lo:hi],
                punct[lo:hi],
                space[lo:hi],
                strict=True,
            )
        ]
        boundaries = [i for i, s in enumerate(sent_start[lo:hi]) if s or not i]
        if language == "en" and sdocs is not None:
            boundaries = _keep_abbreviations(boundaries, sdocs[k])
        out.append(
            dataclasses.replace(
                p, norm=norm, norm_offsets=norm_map, sentences=_sentences(p, tokens, boundaries)
            )
        )
    return out


def _sentences(p: Paragraph, tokens: list[Token], boundaries: list[int]) -> tuple[Sentence, ...]:
    """Sentences from the indexes of the tokens that start them (edge spaces trimmed)."""
    sentences: list[Sentence] = []
    text = p.text
    for b, e in zip(boundaries, [*boundaries[1:], len(tokens)], strict=True):
        while b < e and tokens[b].is_space:
            b += 1
        while e > b and tokens[e - 1].is_space:
            e -= 1
        if b == e:
            continue
        ps, pe = tokens[b].para_start, tokens[e - 1].para_end
        start, end = p.offsets.span(ps, pe)
        sentences.append(
            Sentence(len(sentences), text[ps:pe], start, end, ps, pe, tuple(tokens[b:e]))
        )
    return tuple(sentences)


def _keep_abbreviations(
    boundaries: Sequence[int], sdoc: tuple[Sequence[str], Sequence[bool]]
) -> list[int]:
    """Drop sentence starts that follow an abbreviation's full stop or begin in lower case."""
    kept: list[int] = []
    for i in boundaries:
        if i >= 2 and _continues(sdoc, i):
            continue
        kept.append(i)
    return kept


def _continues(sdoc: tuple[Sequence[str], Sequence[bool]], i: int) -> bool:
    texts, spaces = sdoc
    tok = texts[i]
    first = tok[:1]
    if first.islower():
        return True
    dot, word = texts[i - 1], texts[i - 2]
    if dot != "." or spaces[i - 2]:
        return False
    if word in _ABBREVIATIONS:
        return True
    return word in _NUMBER_ABBREVIATIONS and (first.isdigit() or tok in _ROMAN)
