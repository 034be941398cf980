"""Claims: every figure of a text, with the interval it commits to and what it counts.

Three entry points:

* :func:`extract_claims` -- the claims of a (segmented) :class:`~sourcecompare.model.Document`,
  each with its paragraph, sentence, span in ``Document.raw``, counted noun and context keys;
* :func:`extract_from_text` -- the figures of a bare string (:class:`Mention`, spans in it);
* :func:`figures` -- just the values of the real quantities of a bare string, cheaply (no
  context): anchors for the aligner.

Chinese is read on the normalised text (simplified, half-width; :func:`sourcecompare.script.
normalise`) and spans are mapped back through the offset maps.  Non-quantities are found first
(:mod:`.exclusions`); times and identifiers still become claims, of kinds never compared as
quantities.  Interval and qualifier rules: :mod:`.quantities`; ``docs/claims.md``.

In footnotes and reference lists, only figures that say what they count (or carry a bound) are
kept: their years, dates, page and volume numbers belong to citations.

>>> for m in extract_from_text("他們人數有２７０００人，大約為70人左右。", "zh", context=False):
...     print(m.text, m.kind.value, m.low, m.high, m.unit)
２７０００人 count 27000.0 27000.0 person
大約為70人左右 count 65.0 75.0 person
>>> figures("Flight 351 left at 6:00 with between 70 and 80 people in 1977.", "en")
[70.0, 80.0, 1977.0]
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from ..model import Claim, Document, OffsetMap, Paragraph, ParagraphKind, Sentence
from .quantities import NOT_QUANTITIES, Kind, Mention, Qualifier
from .scanner import Found, resolve_date_order

if TYPE_CHECKING:
    from ..lexicon import SentenceNames

__all__ = [
    "Kind",
    "Mention",
    "Qualifier",
    "extract_claims",
    "extract_from_text",
    "figures",
    "load_resources",
]

log = logging.getLogger(__name__)

LANGUAGES = ("zh", "en")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: paragraph kinds whose numbers are mostly citations
CITATION_KINDS = frozenset({ParagraphKind.FOOTNOTE, ParagraphKind.REFERENCE})
#: the rest of a quoted title: a citation's titles close with a comma or full stop
_TITLE_END = re.compile(r"[^“”]*[,.]”")
_CITATION_KEEP = frozenset({Kind.COUNT, Kind.RANGE, Kind.PERCENT, Kind.MONEY})


@dataclass(frozen=True, slots=True)
class _Span:
    """A figure found in a normalised text, mapped back to the text it was read from."""

    found: Found
    start: int
    end: int
    unit_span: tuple[int, int] | None


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        from ..errors import UnknownComponent

        raise UnknownComponent("language", language, LANGUAGES)


def _language_of(text: str, default: str) -> str:
    """A paragraph of a Chinese document without any Han character is read as English."""
    if default == "zh" and not _HAN.search(text):
        return "en"
    return default


def _find(text: str, language: str, table: bool = False, lines: str | None = None) -> list[Found]:
    """Figures of ``text`` (normalised already), times and identifiers included; ``table``:
    the text is an infobox or list, whose lines are rows (:mod:`.rows`); ``lines``: the text
    with the source's line breaks restored, for page numbers (:func:`.exclusions.find`)."""
    from .exclusions import EMITTED, find
    from .rows import mark

    excluded = find(text, language, lines)
    if language == "zh":  # each extractor's patterns are compiled when first needed only
        from .zh import extract
    else:
        from .en import extract
    found = extract(text, excluded)
    for exc in excluded:
        if exc.reason == "ordinal":
            if exc.value is not None:
                found.append(Found(Kind.RANK, exc.value, exc.value, exc.value, Qualifier.EXACT,
                                   exc.start, exc.end, unit="rank"))  # fmt: skip
        elif exc.reason in EMITTED:
            kind = Kind.TIME if exc.reason == "time" else Kind.IDENTIFIER
            found.append(Found(kind, exc.value, None, None, Qualifier.EXACT, exc.start, exc.end))
    found.sort(key=lambda f: f.start)
    mark(text, found, language, table=table)
    return found


def _spans(
    text: str,
    language: str,
    kind: ParagraphKind | str = ParagraphKind.BODY,
    norm: str | None = None,
    offsets: OffsetMap | None = None,
    lines: str | None = None,
) -> list[_Span]:
    """The figures of ``text`` kept for a paragraph of ``kind``, found in its normalised view
    (``norm``/``offsets``, computed when not given) and mapped back to ``text``."""
    if norm is None or offsets is None:
        from ..script import normalise

        norm, offsets = normalise(text)
    out = []
    table = ParagraphKind(kind) in (ParagraphKind.INFOBOX, ParagraphKind.LIST_ITEM)
    for f in _find(norm, language, table, lines):
        if not _keep(kind, f, norm):
            continue
        start, end = offsets.span(f.start, f.end)
        unit_span = offsets.span(*f.unit_span) if f.unit_span else None
        out.append(_Span(f, start, end, unit_span))
    return out


def _keep(kind: ParagraphKind | str, f: Found, text: str) -> bool:
    """Whether a figure of a paragraph of ``kind`` is kept: in footnotes and references only
    counts that say what they count (or carry a bound), outside quoted titles."""
    if ParagraphKind(kind) not in CITATION_KINDS:
        return True
    in_title = text.count("“", 0, f.start) > text.count("”", 0, f.start) and bool(
        _TITLE_END.match(text, f.end)
    )
    return (
        f.kind in _CITATION_KEEP
        and (f.unit_span is not None or f.qualifier is not Qualifier.EXACT)
        and not in_title
    )


def _unit_text(text: str, span: _Span) -> str:
    return text[span.unit_span[0] : span.unit_span[1]] if span.unit_span else ""


def extract_from_text(
    text: str,
    language: str,
    *,
    paragraph_kind: ParagraphKind | str = ParagraphKind.BODY,
    context: bool = True,
) -> list[Mention]:
    """The figures of a bare string, in text order; spans index ``text``.

    ``paragraph_kind`` ``footnote`` or ``reference`` keeps only what a citation does not
    hold (see the module); ``context=False`` skips the context keys (no lexicon loaded).
    """
    _check_language(language)
    language = _language_of(text, language)
    spans = _spans(text, language, paragraph_kind)
    contexts = _contexts(text, spans, language, None) if context else {}
    out = []
    for span in spans:
        f = span.found
        out.append(
            Mention(
                kind=f.kind,
                value=f.value,
                low=f.low,
                high=f.high,
                qualifier=f.qualifier,
                text=text[span.start : span.end],
                start=span.start,
                end=span.end,
                unit=f.unit,
                unit_text=_unit_text(text, span),
                context=contexts.get(id(f), ()),
                note=f.note,
                dimension=f.dimension,
                row_key=f.row_key,
            )
        )
    return out


def _contexts(
    text: str,
    spans: Sequence[_Span],
    language: str,
    sentences: Sequence[Sentence] | None,
) -> dict[int, tuple[str, ...]]:
    """Context keys of each figure (by ``id`` of its found record), from the words of its
    sentence, segmented once per sentence (the segmentation stage's tokens when the paragraph
    has them); a figure that refers back (``其中1828``) adds those of the figure it refers to."""
    from .context import (
        Word,
        WordBounds,
        keys_near,
        sentence_bounds,
        sentence_names,
        sentence_words,
        word_bounds,
    )

    words_of: dict[tuple[int, int], list[Word]] = {}
    starts_of: dict[tuple[int, int], WordBounds] = {}
    names_of: dict[tuple[int, int], SentenceNames] = {}
    own: dict[int, tuple[str, ...]] = {}
    memo: dict[str, list[str]] = {}  # English keys of the window texts read so far
    sentence_at = _SentenceAt(sentences) if sentences else None
    for span in spans:
        if span.found.kind in NOT_QUANTITIES:
            continue
        sentence = sentence_at(span.start) if sentence_at is not None else None
        if sentence is not None:
            bounds = (sentence.para_start, sentence.para_end)
            if bounds not in words_of:
                words_of[bounds] = [
                    Word(t.norm, t.para_start, t.para_end)
                    for t in sentence.tokens
                    if not (t.is_punct or t.is_space)
                ]
                if not words_of[bounds]:  # a sentence without tokens: segment it here
                    words_of[bounds] = sentence_words(text, *bounds, language)
        else:
            bounds = sentence_bounds(text, span.start, span.end)
            if bounds not in words_of:
                words_of[bounds] = sentence_words(text, *bounds, language)
        if bounds not in starts_of:
            starts_of[bounds] = word_bounds(words_of[bounds])
            if language != "zh":
                names_of[bounds] = sentence_names(text, *bounds)
        own[id(span.found)] = keys_near(
            text, words_of[bounds], span.start, span.end, language,
            unit_text=_unit_text(text, span), bounds=starts_of[bounds],
            names=names_of.get(bounds), memo=memo,
        )  # fmt: skip
    for span in spans:
        antecedent = span.found.antecedent
        if antecedent is not None and id(antecedent) in own and id(span.found) in own:
            own[id(span.found)] = tuple(sorted({*own[id(span.found)], *own[id(antecedent)]}))
    return own


def figures(text: str, language: str) -> list[float]:
    """Values of the real quantities of a bare string, in text order: a range gives both ends;
    times, identifiers and figures without a value give nothing.  No context is computed.

    >>> figures("6,637個日本人，其中1828保留了日本國籍", "zh")
    [6637.0, 1828.0]
    """
    _check_language(language)
    language = _language_of(text, language)
    values: list[float] = []
    for span in _spans(text, language):
        f = span.found
        if f.kind in NOT_QUANTITIES or f.kind is Kind.RANK:
            continue
        if f.kind is Kind.RANGE:
            values += [v for v in (f.low, f.high) if v is not None]
        elif f.value is not None:
            values.append(f.value)
    return values


def _sentence_of(sentences: Sequence[Sentence], pos: int) -> Sentence | None:
    """The first of ``sentences`` holding paragraph position ``pos`` (the plain form of
    :class:`_SentenceAt`)."""
    for sentence in sentences:
        if sentence.para_start <= pos < sentence.para_end:
            return sentence
    return None


class _SentenceAt:
    """:func:`_sentence_of` over one paragraph's sentences, by bisection when they are in
    order and do not overlap (as the segmenter makes them): a paragraph of many short
    sentences, each stating figures, costs each figure a bisection, not a scan."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences
        self.starts = [s.para_start for s in sentences]
        self.ordered = all(
            a.para_start <= a.para_end <= b.para_start for a, b in pairwise(sentences)
        )

    def __call__(self, pos: int) -> Sentence | None:
        if not self.ordered:
            return _sentence_of(self.sentences, pos)
        # the last sentence starting by pos: an empty one before it holds nothing
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].para_end:
            return self.sentences[i]
        return None


def _paragraph_spans(doc: Document, para: Paragraph) -> tuple[str, list[_Span]]:
    """The language of a paragraph and its figures (none for a blank paragraph)."""
    if not para.text.strip():
        return doc.language, []
    language = _language_of(para.text, doc.language)
    norm, offsets = para.norm or None, para.norm_offsets
    lines = None
    if "\n" not in para.text and " " in para.text:
        norm, offsets, lines = _with_source_lines(doc.raw, para)
    return language, _spans(para.text, language, para.kind, norm, offsets, lines)


def _with_source_lines(raw: str, para: Paragraph) -> tuple[str, OffsetMap, str | None]:
    """The paragraph's normalised view, its map, and the view with a line break wherever a
    space of it stands for one of the source (a reader joined the lines of the paragraph);
    ``None`` for the last when there is none, so the exclusions can read page numbers alone on
    a source line (:func:`_source_lines`)."""
    norm, offsets = para.norm, para.norm_offsets
    if not norm or offsets is None:
        from ..script import normalise

        norm, offsets = normalise(para.text)
    return norm, offsets, _source_lines(raw, norm, offsets.compose(para.offsets))


def _source_lines(raw: str, text: str, to_raw: OffsetMap) -> str | None:
    """``text`` (mapped into ``raw`` by ``to_raw``) with a line break wherever a space of it
    stands for white space of ``raw`` holding one: the space's own character and the gap up
    to the next character's (``None`` when no space does).  Read run by run of the map: in a
    run each character stands for one of ``raw``, so only the line breaks of ``raw`` there
    and the gap after the run's last character are looked at (a test holds it to reading
    every space)."""
    breaks: list[int] = []  # the spaces that stand for a line break
    starts, origins, n = to_raw.starts, to_raw.origins, len(text)
    runs = len(starts)
    for k in range(runs):
        s, o = starts[k], origins[k]
        e = starts[k + 1] if k + 1 < runs else n
        if e <= s:
            continue
        last = o + (e - 1 - s)  # where the run's last character stands in raw
        at = raw.find("\n", o, last)  # a character before the last: its own character only
        while at >= 0:
            if text[s + (at - o)] == " ":
                breaks.append(s + (at - o))
            at = raw.find("\n", at + 1, last)
        if text[e - 1] == " ":  # the last: up to where the next run's first character stands
            end = origins[k + 1] if k + 1 < runs else last + 1
            if "\n" in raw[last : max(end, last + 1)]:
                breaks.append(e - 1)
    if not breaks:
        return None
    chars = list(text)
    for pos in breaks:
        chars[pos] = "\n"
    return "".join(chars)


def _paragraph_claims(
    doc: Document, para: Paragraph, language: str, spans: list[_Span], taken: set[str]
) -> list[Claim]:
    if not spans:
        return []
    contexts = _contexts(para.text, spans, language, para.sentences)
    claims = []
    sentence_at = _SentenceAt(para.sentences)
    for span in spans:
        f = span.found
        raw_start, raw_end = para.offsets.span(span.start, span.end)
        sentence = sentence_at(span.start)
        claim_id = f"{doc.id}:{raw_start}-{raw_end}"
        while claim_id in taken:
            claim_id += "'"
        taken.add(claim_id)
        claims.append(
            Claim(
                id=claim_id,
                document=doc.id,
                paragraph=para.index,
                sentence=sentence.index if sentence is not None else 0,
                kind=f.kind,
                value=f.value,
                low=f.low,
                high=f.high,
                qualifier=f.qualifier,
                unit=f.unit,
                unit_text=_unit_text(para.text, span),
                text=para.text[span.start : span.end],
                start=raw_start,
                end=raw_end,
                context=contexts.get(id(f), ()),
                sentence_text=sentence.text if sentence is not None else "",
                note=f.note,
                dimension=f.dimension,
                row_key=f.row_key,
                para_start=span.start,
                para_end=span.end,
            )
        )
    return claims


def load_resources(languages: Iterable[str]) -> None:
    """Load now the tables extraction in ``languages`` reads (the lexicon's English
    vocabulary; for Chinese its glosses too), built into the resource cache first if need
    be, rather than on first use (see :func:`sourcecompare.lexicon.load_tables`)."""
    from ..lexicon import load_tables

    load_tables(glosses="zh" in set(languages))


def extract_claims(doc: Document) -> tuple[Claim, ...]:
    """The claims of every paragraph of ``doc``, in document order.

    Sentences come from the segmentation stage (:func:`sourcecompare.segment.segment`); an
    unsegmented document still works (sentence 0, normalised here).
    """
    _check_language(doc.language)
    taken: set[str] = set()
    claims: list[Claim] = []
    found = [(para, *_paragraph_spans(doc, para)) for para in doc.paragraphs]
    # a date left ambiguous in its paragraph (3-7-2017) takes the document's one order, if any
    resolve_date_order([span.found for _, _, spans in found for span in spans], "document")
    for para, language, spans in found:
        claims += _paragraph_claims(doc, para, language, spans, taken)
    log.info("%s: %d claims", doc.id, len(claims))
    from .readings import save

    save()  # the patterns read for the first time, for the next process
    return tuple(claims)
