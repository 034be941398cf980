"""Aligning two documents (or two lists of sentences), in either language.

:func:`align` aligns the paragraphs (or sentences) of two :class:`~sourcecompare.model.Document`;
:func:`align_lines` two lists of sentences, as beads ``([zh ids], [en ids])``.  Scorers
(:mod:`.scorers`) are chosen by name and weighted; the mode (:mod:`.modes`) is ``parallel``,
``comparable`` or chosen automatically; the monotone path comes from :mod:`.dp`.  Every
result carries a settings signature, e.g.
``align:comparable|unit:paragraph|scorers:lexical=1+anchors=1+length=1|lex:cedict+names:67|v:2``.

>>> beads = align_lines(["我们回家了。", "他笑了。"], ["We went home.", "He laughed."])
>>> beads
[((0,), (0,)), ((1,), (1,))]
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Mapping, Sequence

from ..errors import UnknownComponent
from ..lexicon import Lexicon, default
from ..model import Alignment, Document, Link, Paragraph, ParagraphKind
from ..script import DEFAULT_CONFIG
from ..script import signature as script_signature
from .features import UnitWords, comparison_words, one_comparison, unit_words
from .modes import (
    MODES,
    PARALLEL_COVERAGE,
    check_mode,
    choose_mode,
    comparable_links,
    coverage_bound,
    indexed_scores,
    path_coverage,
)
from .parallel import ParallelSettings, align_texts
from .scorers import DEFAULT_WEIGHTS, SCORERS, parse_weights

__all__ = [
    "DEFAULT_WEIGHTS",
    "MODES",
    "SCORERS",
    "UNITS",
    "VERSION",
    "ParallelSettings",
    "align",
    "align_lines",
    "one_comparison",
    "signature",
    "unit_words_of",
    "units_of",
]

log = logging.getLogger(__name__)

#: bump when results change for the same inputs and settings (2: English lemmas checked
#: against CC-CEDICT's words; Chinese words from the segmentation stage, jieba without HMM)
VERSION = "2"

#: unit name -> what it is
UNITS: Mapping[str, str] = {
    "paragraph": "paragraphs with text of their own (body, list items, captions, infoboxes)",
    "sentence": "the sentences of those paragraphs, numbered through the document",
}

#: paragraph kinds that take part in an alignment
ALIGNED_KINDS = frozenset(
    {ParagraphKind.BODY, ParagraphKind.LIST_ITEM, ParagraphKind.CAPTION, ParagraphKind.INFOBOX}
)


#: headings of sections that point elsewhere rather than tell anything (not aligned)
NAVIGATION = frozenset(
    h.casefold()
    for h in (
        "See also", "References", "Notes", "External links", "Further reading", "Sources",
        "Bibliography", "參見", "参见", "參考", "参考", "參考文獻", "参考文献", "參考資料",
        "参考资料", "外部連結", "外部链接", "注釋", "注释", "延伸閱讀", "延伸阅读", "相關條目",
        "相关条目",
    )
)  # fmt: skip


def signature(
    mode: str,
    unit: str,
    weights: Mapping[str, float],
    lexicon: Lexicon | None = None,
    settings: ParallelSettings | None = None,
) -> str:
    """The settings signature of an alignment (a parallel one also names its bead shapes).

    >>> signature("parallel", "sentence", {"lexical": 1.0, "length": 0.5}, default())
    'align:parallel|unit:sentence|beads:12|scorers:lexical=1+length=0.5|lex:cedict+names:67|v:2'
    """
    lex = (lexicon or default()).signature
    scorers = "+".join(f"{k}={v:g}" for k, v in weights.items())
    beads = ""
    if mode == "parallel":
        beads = f"|beads:{len((settings or ParallelSettings()).beads)}"
    return f"align:{mode}|unit:{unit}{beads}|scorers:{scorers}|lex:{lex}|v:{VERSION}"


def units_of(doc: Document, unit: str = "paragraph") -> list[tuple[tuple[int, ...], str]]:
    """The units of a document: ``(ids, text)``; ids are paragraph indices or sentence numbers.

    Paragraphs of navigation sections (See also, References, 參見...) are left out.  For
    paragraphs, the items of one list (consecutive list items of one section) are one unit:
    a list is read as a whole.  Sentences come from the segmentation stage when the
    paragraphs have them; a paragraph without sentences counts as one.
    """
    if unit not in UNITS:
        raise UnknownComponent("unit", unit, list(UNITS))
    paragraphs = _aligned(doc)
    out: list[tuple[tuple[int, ...], str]] = []
    if unit == "paragraph":
        previous: Paragraph | None = None
        for p in paragraphs:
            if (
                previous is not None
                and p.kind == previous.kind == ParagraphKind.LIST_ITEM
                and p.section == previous.section
                and p.index == previous.index + 1
            ):
                ids, text = out[-1]
                out[-1] = ((*ids, p.index), f"{text}\n{p.text}")
            else:
                out.append(((p.index,), p.text))
            previous = p
        return out
    for p in paragraphs:
        texts = [s.text for s in p.sentences] or [p.text]
        out.extend(((len(out),), t) for t in texts)
    return out


def _aligned(doc: Document) -> list[Paragraph]:
    """The paragraphs that take part in an alignment (see :func:`units_of`)."""
    return [
        p
        for p in doc.paragraphs
        if p.kind in ALIGNED_KINDS
        and p.text.strip()
        and not (p.section and p.section[-1].strip().casefold() in NAVIGATION)
    ]


def _segmented(p: Paragraph) -> bool:
    return p.norm_offsets is not None


def _sentence_norms(p: Paragraph) -> list[str]:
    """The part of the paragraph's normalised text that stands for each of its sentences
    (the normalised view maps back to the text, in order)."""
    offsets = p.norm_offsets
    if offsets is None or (offsets.starts in ((0,), ()) and offsets.origins in ((0,), ())):
        return [p.norm[s.para_start : s.para_end] for s in p.sentences]
    origins = [offsets[i] for i in range(len(p.norm))]
    return [
        p.norm[bisect_left(origins, s.para_start) : bisect_left(origins, s.para_end)]
        for s in p.sentences
    ]


def unit_words_of(
    doc: Document,
    units: Sequence[tuple[tuple[int, ...], str]],
    unit: str = "paragraph",
    *,
    sections: bool = False,
    config: str = DEFAULT_CONFIG,
) -> list[UnitWords]:
    """The words of the units :func:`units_of` gives (with the headings above each
    paragraph when ``sections``, as comparable alignment reads them), read off the
    segmentation stage's paragraphs and tokens: nothing is cut again.  A paragraph (or
    heading) the segmentation stage has not seen is segmented here, once
    (:func:`~.features.unit_words`, script normalisation ``config``).  Within
    :func:`one_comparison` a document's are read once for all the pairs it is aligned in."""
    shared = comparison_words()
    if shared is None:
        return _unit_words_of(doc, units, unit, sections, config)
    key = (id(doc), tuple(units), unit, sections, config)
    held = shared.get(key)
    if held is None or held[0] is not doc:
        held = shared[key] = doc, _unit_words_of(doc, units, unit, sections, config)
    return list(held[1])


def _unit_words_of(
    doc: Document,
    units: Sequence[tuple[tuple[int, ...], str]],
    unit: str,
    sections: bool,
    config: str,
) -> list[UnitWords]:
    language = doc.language
    headings: dict[str, UnitWords] = {}
    if sections and unit == "paragraph":
        for p in doc.paragraphs:
            if p.kind == ParagraphKind.HEADING and _segmented(p):
                tokens = [t for s in p.sentences for t in s.tokens]
                headings.setdefault(
                    p.text.strip(), UnitWords.from_tokens(p.text, p.norm, tokens, language)
                )

    def paragraph(p: Paragraph) -> UnitWords:
        if not _segmented(p):
            return unit_words(p.text, language, config)
        tokens = [t for s in p.sentences for t in s.tokens]
        return UnitWords.from_tokens(p.text, p.norm, tokens, language)

    def heading(text: str) -> UnitWords:
        found = headings.get(text.strip())
        if found is not None and found.text == text:
            return found
        return unit_words(text, language, config)

    out: list[UnitWords] = []
    if unit == "paragraph":
        for ids, _ in units:
            body = UnitWords.joined([paragraph(doc.paragraphs[i]) for i in ids], "\n")
            if sections:
                above = [heading(h) for h in doc.paragraphs[ids[0]].section]
                body = UnitWords.joined([*above, body], " ")
            out.append(body)
        return out
    for p in _aligned(doc):
        if not p.sentences:
            out.append(paragraph(p))
            continue
        for s, norm in zip(p.sentences, _sentence_norms(p), strict=True):
            out.append(UnitWords.from_tokens(s.text, norm, s.tokens, language))
    if len(out) != len(units):
        raise ValueError(f"{len(units)} units of {doc.id} but words for {len(out)}")
    return out


def _links_of(paragraphs: Sequence[Paragraph]) -> list[str]:
    return [target for p in paragraphs for target in p.links]


def align(
    a: Document,
    b: Document,
    *,
    mode: str | None = None,
    unit: str = "paragraph",
    scorers: str | Mapping[str, float] | Sequence[str] | None = None,
    lexicon: Lexicon | None = None,
    settings: ParallelSettings | None = None,
    config: str = DEFAULT_CONFIG,
) -> Alignment:
    """Align document ``a`` (source) with document ``b`` (target).

    ``mode`` is ``parallel``, ``comparable`` or ``auto``/``None`` (chosen from the texts);
    ``scorers`` names the scorers and their weights (``"lexical=1,length=0.5"``).  Wiki-link
    targets of both documents join the names of the lexicon.  ``config`` is the script
    normalisation Chinese units are read in (:data:`sourcecompare.script.CONFIGS`; in a
    comparison, that of the segmentation settings).
    """
    mode = check_mode(mode or "auto")
    script_signature(config)  # an unknown configuration fails here, listing the valid ones
    weights = parse_weights(scorers)
    lex = (lexicon or default()).with_links(_links_of(a.paragraphs) + _links_of(b.paragraphs))
    src = units_of(a, unit)
    tgt = units_of(b, unit)
    links: list[Link] = []
    chosen = mode
    beads = (settings or ParallelSettings()).beads
    if mode == "auto" and coverage_bound(len(src), len(tgt), beads) < PARALLEL_COVERAGE[unit]:
        # no monotone path could cover enough of both sides: skip the parallel pass
        chosen = "comparable"
        log.info("align %s ~ %s: %d against %d units, mode comparable", a.id, b.id, len(src),
                 len(tgt))  # fmt: skip
    elif mode in ("auto", "parallel"):
        path, bead_scores = align_texts(
            unit_words_of(a, src, unit, config=config),
            unit_words_of(b, tgt, unit, config=config),
            a.language,
            b.language,
            weights,
            lexicon=lex,
            settings=settings or ParallelSettings(),
            config=config,
        )
        if mode == "auto":
            coverage = path_coverage(path, bead_scores, len(src), len(tgt))
            chosen = choose_mode(coverage, unit)
            log.info("align %s ~ %s: coverage %.2f, mode %s", a.id, b.id, coverage, chosen)
        if chosen == "parallel":
            for (xs, ys), score in zip(path, bead_scores, strict=True):
                links.append(
                    Link(
                        tuple(k for x in xs for k in src[x][0]),
                        tuple(k for y in ys for k in tgt[y][0]),
                        round(score, 3),
                    )
                )
    if chosen == "comparable":
        # comparable units carry the headings above them: context of what the paragraph is about
        scores = indexed_scores(
            unit_words_of(a, src, unit, sections=True, config=config),
            unit_words_of(b, tgt, unit, sections=True, config=config),
            a.language,
            b.language,
            weights,
            lex,
            config=config,
        )
        for i, j, score in comparable_links(scores):
            links.append(Link(src[i][0], tgt[j][0], round(score, 3)))
    return Alignment(
        source=a.id,
        target=b.id,
        unit=unit,
        mode=chosen,
        links=tuple(links),
        signature=signature(chosen, unit, weights, lex, settings),
    )


def align_lines(
    zh: Sequence[str],
    en: Sequence[str],
    *,
    source_language: str = "zh",
    target_language: str = "en",
    scorers: str | Mapping[str, float] | Sequence[str] | None = None,
    lexicon: Lexicon | None = None,
    settings: ParallelSettings | None = None,
    config: str = DEFAULT_CONFIG,
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Align two lists of sentences (parallel mode): beads of 0-based line ids, in order;
    each distinct line is segmented once (:func:`~.features.unit_words`: Chinese sentences
    read in the script normalisation ``config``) and its words read as in :func:`align`."""
    script_signature(config)
    seen: dict[tuple[str, str], UnitWords] = {}

    def words(line: str, language: str) -> UnitWords:
        made = seen.get((line, language))
        if made is None:
            made = seen[(line, language)] = unit_words(line, language, config)
        return made

    path, _ = align_texts(
        [words(line, source_language) for line in zh],
        [words(line, target_language) for line in en],
        source_language,
        target_language,
        parse_weights(scorers),
        lexicon=lexicon,
        settings=settings or ParallelSettings(),
        config=config,
    )
    return path
