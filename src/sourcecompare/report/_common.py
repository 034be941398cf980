"""What the three renderers share: the report error, lookups that check the report is
consistent, and a claim's figure and sentence in its paragraph's text (from the spans the model
carries: the renderers never search the text)."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from ..errors import ReportError
from ..model import (
    OTHER_TIER_RANK,
    RELATION_ORDER,
    SEVERITY_ORDER,
    TIER_RANK,
    Claim,
    Document,
    Finding,
    Paragraph,
    Relation,
    Report,
    Review,
    Sentence,
    Status,
    Token,
    tier_of,
)

__all__ = [
    "RELATION_ORDER",
    "SEVERITY_ORDER",
    "Excerpt",
    "Index",
    "ReportError",
    "ValueGroup",
    "citation",
    "claim_span",
    "display_order",
    "excerpt",
    "figure_label",
    "grouped_sources",
    "one_sided_by_document",
    "ordered_findings",
    "page_note",
    "para_span",
    "shown_findings",
    "status_label",
    "tier_of",
    "value_groups",
    "where",
    "word_breaks",
]

#: how many characters of a paragraph an excerpt keeps when the sentence is not known
EXCERPT_LIMIT = 280


@dataclass(frozen=True)
class Index:
    """Lookups over a report, built once per rendering.

    Building it checks that the report holds together: unique ids, every claim's document and
    paragraph exist, every finding's claims exist, every alignment's documents exist.  A
    report that does not raises :class:`ReportError` (renderers never guess).
    """

    report: Report
    documents: Mapping[str, Document]
    claims: Mapping[str, Claim]
    by_paragraph: Mapping[tuple[str, int], tuple[Claim, ...]]
    finding_of: Mapping[str, str]

    @classmethod
    def of(cls, report: Report) -> Index:
        documents: dict[str, Document] = {}
        for doc in report.documents:
            if doc.id in documents:
                raise ReportError(None, f"two documents have the id {doc.id!r}")
            documents[doc.id] = doc
        claims: dict[str, Claim] = {}
        by_paragraph: dict[tuple[str, int], list[Claim]] = {}
        for c in report.claims:
            if c.id in claims:
                raise ReportError(None, f"two claims have the id {c.id!r}")
            owner = documents.get(c.document)
            if owner is None:
                raise ReportError(None, f"claim {c.id!r} names an unknown document {c.document!r}")
            if not 0 <= c.paragraph < len(owner.paragraphs):
                raise ReportError(
                    None,
                    f"claim {c.id!r} names paragraph {c.paragraph} of {c.document!r}, "
                    f"which has {len(owner.paragraphs)} paragraphs",
                )
            claims[c.id] = c
            by_paragraph.setdefault((c.document, c.paragraph), []).append(c)
        finding_ids: set[str] = set()
        finding_of: dict[str, str] = {}
        for f in report.findings:
            if f.id in finding_ids:
                raise ReportError(None, f"two findings have the id {f.id!r}")
            finding_ids.add(f.id)
            if not f.claims:
                raise ReportError(None, f"finding {f.id!r} holds no claim")
            for c in f.claims:
                if c.id not in claims:
                    raise ReportError(None, f"finding {f.id!r} names an unknown claim {c.id!r}")
                finding_of.setdefault(c.id, f.id)
        for al in report.alignments:
            for side in (al.source, al.target):
                if side not in documents:
                    raise ReportError(None, f"an alignment names an unknown document {side!r}")
            if al.unit == "paragraph":
                for link in al.links:
                    for doc_id, units in ((al.source, link.source), (al.target, link.target)):
                        n = len(documents[doc_id].paragraphs)
                        bad = [i for i in units if not 0 <= i < n]
                        if bad:
                            raise ReportError(
                                None,
                                f"alignment {al.source!r} ~ {al.target!r} links paragraph "
                                f"{bad[0]} of {doc_id!r}, which has {n} paragraphs",
                            )
        return cls(
            report=report,
            documents=documents,
            claims=claims,
            by_paragraph={k: tuple(v) for k, v in by_paragraph.items()},
            finding_of=finding_of,
        )

    @cached_property
    def citations(self) -> Mapping[str, str]:
        """Each document's :func:`citation`, by document id (worked out once per rendering)."""
        return {doc_id: citation(doc) for doc_id, doc in self.documents.items()}

    @cached_property
    def _excerpts(self) -> dict[str, Excerpt]:
        return {}

    @cached_property
    def _groups(self) -> dict[str, list[ValueGroup]]:
        return {}

    @cached_property
    def _display(self) -> tuple[list[Finding], dict[str, list[Finding]]]:
        main = [f for f in ordered_findings(self.report) if f.relation != Relation.ONE_SIDED]
        return main, one_sided_by_document(self)

    def excerpt_of(self, claim: Claim) -> Excerpt:
        """:func:`excerpt` of a claim in its paragraph, worked out once per rendering (a page
        quotes a sentence in a finding's card and again in its citation)."""
        found = self._excerpts.get(claim.id)
        if found is None:
            found = self._excerpts[claim.id] = excerpt(self.paragraph_of(claim), claim)
        return found

    def claims_of(self, finding: Finding) -> tuple[Claim, ...]:
        """A finding's claims (as :meth:`Report.claims_of`, from this index's lookup)."""
        claims = self.claims
        return tuple([claims[c.id] for c in finding.claims])

    def paragraph_of(self, claim: Claim) -> Paragraph:
        return self.documents[claim.document].paragraphs[claim.paragraph]

    def status(self, finding: Finding) -> str | None:
        return self.report.statuses.get(finding.id)

    def review(self, finding: Finding) -> Review | None:
        return self.report.review_of(finding.id)


def status_label(status: str) -> str:
    """The words a person reads for a review status; a status the review store does not know
    is shown as it is.

    >>> status_label("confirmed-discrepancy"), status_label("in-progress"), status_label("odd")
    ('Confirmed discrepancy', 'In progress', 'odd')
    """

    try:
        return Status(status).label
    except ValueError:
        return status


def ordered_findings(report: Report) -> list[Finding]:
    """Findings by relation (conflicts first), then severity, then the reliability of their
    most reliable source, then confidence; otherwise in report order.

    >>> from sourcecompare.model import Finding, Relation as R, Severity as S
    >>> x = (Claim("x", "d", 0, 0, "count", 5, 5, 5, "exact", "", "", "5", 0, 1),)
    >>> fs = [Finding("a", R.ONE_SIDED, S.INFO, 1.0, x, ""),
    ...       Finding("b", R.AGREEMENT, S.INFO, 1.0, x, ""),
    ...       Finding("c", R.CONFLICT, S.MEDIUM, 1.0, x, ""),
    ...       Finding("d", R.CONFLICT, S.HIGH, 1.0, x, ""),
    ...       Finding("e", R.POSSIBLE, S.LOW, 0.4, x, "")]
    >>> [f.id for f in ordered_findings(Report((), (), (), tuple(fs), ""))]
    ['d', 'c', 'e', 'b', 'a']
    """
    rel = {r: i for i, r in enumerate(RELATION_ORDER)}
    sev = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    ranks = {d.id: TIER_RANK.get(tier_of(d), OTHER_TIER_RANK) for d in report.documents}

    def reliability(f: Finding) -> int:
        return min([ranks.get(c.document, OTHER_TIER_RANK) for c in f.claims], default=9)

    # a relation and a severity are StrEnums: their strings look them up as well
    return sorted(
        report.findings,
        key=lambda f: (rel[f.relation], sev[f.severity], reliability(f), -f.confidence),
    )


def one_sided_by_document(index: Index) -> dict[str, list[Finding]]:
    """The one-sided findings, listed apart by the document that alone gives the figure: the
    documents in the report's order, each one's figures in the order of its text."""
    out: dict[str, list[tuple[tuple[int, int, int], Finding]]] = {
        d.id: [] for d in index.report.documents
    }
    claims = index.claims
    for f in index.report.findings:
        if f.relation == Relation.ONE_SIDED:
            c = claims[f.claims[0].id]
            out[c.document].append(((c.paragraph, c.start, c.end), f))
    # by place in the text; findings at one place in the report's order (the sort is stable)
    return {d: [f for _, f in sorted(fs, key=lambda e: e[0])] for d, fs in out.items() if fs}


def display_order(index: Index) -> tuple[list[Finding], dict[str, list[Finding]]]:
    """The findings as every output shows them: those two or more sources state (conflicts
    first, see :func:`ordered_findings`), then the one-sided ones by document."""
    main, alone = index._display  # worked out once per index; copies, for the caller to keep
    return list(main), {doc: list(fs) for doc, fs in alone.items()}


def shown_findings(index: Index) -> list[Finding]:
    """:func:`display_order` as one list (the order of ``report.json`` and the terminal)."""
    main, alone = display_order(index)
    return main + [f for fs in alone.values() for f in fs]


def _fmt(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


_WORDY = re.compile(r"[^\W\d_]")
_TIME_KINDS = frozenset({"year", "date", "decade", "time"})


def figure_label(claim: Claim) -> str:
    """A claim's figure as a reader compares it: its words, or ``low–high`` for a figure
    written as a range in words.

    >>> from sourcecompare.model import Claim
    >>> figure_label(Claim("c", "d", 0, 0, "range", None, 1977, 1983, "exact", "year", "",
    ...                    "between 1977 and 1983", 0, 0))
    '1977–1983'
    >>> figure_label(Claim("c", "d", 0, 0, "count", 6637, 6637, 6637, "exact", "person", "人",
    ...                    "6,637個日本人", 0, 0))
    '6,637個日本人'
    """
    low, high = claim.low, claim.high
    text = " ".join(claim.text.split())
    if claim.value is None and low is not None and high is not None and low != high:
        timeish = claim.kind in _TIME_KINDS or claim.unit == "year"
        fmt = (lambda x: f"{x:g}") if timeish else _fmt
        if all(x == int(x) and abs(x) < 1e15 for x in (low, high)):
            return f"{fmt(low)}–{fmt(high)}"
    return text


@dataclass(frozen=True)
class ValueGroup:
    """The sources of a finding that state the same figure: ``label`` (how the first of them
    writes it, preferring a figure without words around it) and their claims, in the
    finding's order."""

    label: str
    claims: tuple[Claim, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(c.document for c in self.claims)


def value_groups(index: Index, finding: Finding) -> list[ValueGroup]:
    """The claims of a finding grouped by the interval they state (the same low and high end),
    groups in the order of their first claim.

    >>> from sourcecompare.model import Claim, Finding, OffsetMap, Relation as R, Severity as S
    >>> from sourcecompare.model import ParagraphKind
    >>> def c(i, doc, v, text):
    ...     return Claim(i, doc, 0, 0, "count", v, v, v, "exact", "", "", text, 0, 0)
    >>> doc = lambda i: Document(i, "", "en", "latin", "plain", "utf-8", "x",
    ...     (Paragraph(0, ParagraphKind.BODY, "x", OffsetMap.identity(1)),))
    >>> cs = (c("a", "en", 6637, "6,637"), c("b", "wolman", 6836, "6,836"),
    ...       c("z", "zh", 6637, "6,637個日本人"))
    >>> f = Finding("F", R.CONFLICT, S.HIGH, 1.0, cs, "")
    >>> rep = Report(tuple(doc(i) for i in ("en", "wolman", "zh")), (), cs, (f,), "")
    >>> grouped_sources(Index.of(rep), f)
    '6,637: en, zh · 6,836: wolman'
    """
    held = index._groups.get(finding.id)
    if held is not None:  # worked out once per index (every renderer shows them)
        return list(held)
    groups: dict[tuple[object, object], list[Claim]] = {}
    for c in index.claims_of(finding):
        groups.setdefault((c.low, c.high), []).append(c)
    out = []
    for members in groups.values():
        labels = [figure_label(c) for c in members]
        # a figure alone (6,637) before one with words around it (6,637個日本人)
        label = min(labels, key=lambda t: (bool(_WORDY.search(t)), labels.index(t)))
        out.append(ValueGroup(label, tuple(members)))
    index._groups[finding.id] = out
    return list(out)


def grouped_sources(index: Index, finding: Finding) -> str:
    """The sources of a finding by the figure they give: ``6,637: en-wiki, zh-wiki · 6,836:
    wolman-2024`` (see :func:`value_groups`)."""
    return " · ".join(f"{g.label}: {', '.join(g.documents)}" for g in value_groups(index, finding))


def para_span(paragraph: Paragraph, start: int, end: int) -> tuple[int, int] | None:
    """The span of the paragraph's text whose characters come from ``raw[start:end]``, or
    ``None`` when none does.  (Paragraph character ``i`` sits at raw ``offsets[i]``.)

    >>> from sourcecompare.model import OffsetMap, Paragraph, ParagraphKind
    >>> p = Paragraph(0, ParagraphKind.BODY, "abc def", OffsetMap((0, 3), (10, 20), 7))
    >>> para_span(p, 11, 13), para_span(p, 21, 23), para_span(p, 12, 22), para_span(p, 0, 5)
    ((1, 3), (4, 6), (2, 5), None)
    """
    m = paragraph.offsets
    bounds = (*m.starts[1:], m.length)
    lo: int | None = None
    hi: int | None = None
    for s, e, origin in zip(m.starts, bounds, m.origins, strict=True):
        a, b = max(start, origin), min(end, origin + (e - s))
        if a < b:
            ds, de = s + (a - origin), s + (b - origin)
            lo = ds if lo is None else min(lo, ds)
            hi = de if hi is None else max(hi, de)
    if lo is None or hi is None:
        return None
    return lo, hi


def claim_span(paragraph: Paragraph, claim: Claim) -> tuple[int, int] | None:
    """Where a claim's figure stands in its paragraph's text: the span the claim carries
    (``Claim.para_span``), else the paragraph characters that come from the claim's raw span
    (:func:`para_span`); ``None`` when neither places it.

    >>> from dataclasses import replace
    >>> from sourcecompare.model import OffsetMap, Paragraph, ParagraphKind
    >>> p = Paragraph(0, ParagraphKind.BODY, "abc def", OffsetMap((0, 3), (10, 20), 7))
    >>> c = Claim("c", "d", 0, 0, "count", 5, 5, 5, "exact", "", "", "de", 21, 23)
    >>> claim_span(p, c), claim_span(p, replace(c, para_start=4, para_end=6))
    ((4, 6), (4, 6))
    """
    carried = claim.para_span
    if carried is not None and 0 <= carried[0] <= carried[1] <= len(paragraph.text):
        return carried
    return para_span(paragraph, claim.start, claim.end)


@dataclass(frozen=True)
class Excerpt:
    """The text around a claim's figure, in the original script: ``before + figure + after``.

    ``figure`` is empty when the claim's span could not be found in its paragraph; ``clipped_*``
    say whether text was cut off at either end.
    """

    before: str
    figure: str
    after: str
    clipped_start: bool = False
    clipped_end: bool = False
    start: int = 0  # where ``before`` starts in the paragraph's text

    @property
    def text(self) -> str:
        return self.before + self.figure + self.after


def _window(paragraph: Paragraph, claim: Claim, span: tuple[int, int] | None) -> tuple[int, int]:
    """The sentence holding the claim, as a span of the paragraph's text: the claim's sentence,
    else the sentence its span falls in, else the whole paragraph (an unsegmented one)."""
    sentences = paragraph.sentences
    if 0 <= claim.sentence < len(sentences):
        s = sentences[claim.sentence]
        if span is None or (s.para_start <= span[0] and span[1] <= s.para_end):
            return s.para_start, s.para_end
    if span is not None:
        for s in sentences:
            if s.para_start <= span[0] and span[1] <= s.para_end:
                return s.para_start, s.para_end
    return 0, len(paragraph.text)


def excerpt(paragraph: Paragraph, claim: Claim, limit: int = EXCERPT_LIMIT) -> Excerpt:
    """The sentence of ``paragraph`` that states ``claim``, split around the figure.

    The sentence comes from the paragraph's sentences (the paragraph itself when it has none),
    the figure from the claim's paragraph span (:func:`claim_span`): nothing is searched for in
    the text.  Longer than ``limit`` characters, the sentence is cut to a window around the
    figure.

    >>> from sourcecompare.model import Claim, OffsetMap, Paragraph, ParagraphKind, Sentence
    >>> p = Paragraph(0, ParagraphKind.BODY, "共6637人。其後", OffsetMap.identity(9, base=100),
    ...               sentences=(Sentence(0, "共6637人。", 100, 107, 0, 7),
    ...                          Sentence(1, "其後", 107, 109, 7, 9)))
    >>> c = Claim("c", "d", 0, 0, "count", 6637, 6637, 6637, "exact", "person", "人", "6637",
    ...           101, 105, sentence_text="共6637人。", para_start=1, para_end=5)
    >>> e = excerpt(p, c)
    >>> e.before, e.figure, e.after
    ('共', '6637', '人。')
    """
    text = paragraph.text
    span = claim_span(paragraph, claim)
    lo, hi = _window(paragraph, claim, span)
    clipped_start = clipped_end = False
    if hi - lo > limit:
        if span is None:
            hi, clipped_end = lo + limit, True
        else:
            width = max(limit, span[1] - span[0])
            room = width - (span[1] - span[0])
            new_lo = max(lo, span[0] - room // 2)
            new_hi = min(hi, new_lo + width)
            new_lo = max(lo, new_hi - width)
            clipped_start, clipped_end = new_lo > lo, new_hi < hi
            if clipped_start:  # start at a word boundary when one is near
                cut = text.find(" ", new_lo, min(span[0], new_lo + 16))
                new_lo = cut + 1 if cut >= 0 else new_lo
            if clipped_end:
                cut = text.rfind(" ", max(span[1], new_hi - 16), new_hi)
                new_hi = cut if cut >= 0 else new_hi
            lo, hi = new_lo, new_hi
    if span is None:
        piece = text[lo:hi]
        lead = len(piece) - len(piece.lstrip())
        return Excerpt(piece.strip(), "", "", clipped_start, clipped_end, lo + lead)
    before = text[lo : span[0]]
    return Excerpt(
        before.lstrip(),
        text[span[0] : span[1]],
        text[span[1] : hi].rstrip(),
        clipped_start,
        clipped_end,
        lo + len(before) - len(before.lstrip()),
    )


def word_breaks(paragraph: Paragraph, start: int, end: int) -> list[int]:
    """The segmenter's word boundaries inside ``paragraph.text[start:end]``, relative to
    ``start`` (none for a paragraph that was not segmented)."""
    cuts: set[int] = set()
    # sentences and their tokens are in text order: bisect to the first one ending after
    # ``start``, so a finding in a long sentence costs its window, not the whole sentence
    sentences = paragraph.sentences
    first = bisect_right(sentences, start, key=_para_end)
    for s in itertools.islice(sentences, first, None):
        if s.para_start >= end:
            break
        tokens = s.tokens
        for t in itertools.islice(tokens, bisect_right(tokens, start, key=_para_end), None):
            if t.para_start >= end:
                break
            for pos in (t.para_start, t.para_end):
                if start < pos < end:
                    cuts.add(pos - start)
    return sorted(cuts)


def _para_end(span: Sentence | Token) -> int:
    return span.para_end


def marks(paragraph: Paragraph, claims: tuple[Claim, ...]) -> list[tuple[int, int, Claim]]:
    """Non-overlapping spans of the paragraph's text to highlight, one per claim found there,
    in text order (a claim overlapping an earlier one is left out)."""
    spans: list[tuple[int, int, Claim]] = []
    for c in claims:
        span = claim_span(paragraph, c)
        if span is not None:
            spans.append((span[0], span[1], c))
    spans.sort(key=lambda t: (t[0], -t[1], t[2].id))
    kept: list[tuple[int, int, Claim]] = []
    for s, e, c in spans:
        if kept and s < kept[-1][1]:
            continue
        kept.append((s, e, c))
    return kept


def citation(doc: Document) -> str:
    """Where a document came from, to cite it, from what the manifest or the document states:
    author, journal, volume and issue, pages, publisher, date, URL, revision, retrieval date
    (those known; the title is shown beside it).

    >>> from types import MappingProxyType as M, SimpleNamespace as D
    >>> citation(D(metadata=M({"author": "Andrew Wolman", "journal": "J. of X", "volume": "33",
    ...     "issue": "1", "pages": "199-235", "date": "2024"})))
    'Andrew Wolman; J. of X, vol. 33, no. 1, pp. 199-235; 2024'
    >>> citation(D(metadata=M({"url": "https://en.wikipedia.org/wiki/X", "revision": "123",
    ...     "retrieved": "2024-05-01T10:00:00Z", "publisher": "English Wikipedia"})))
    'English Wikipedia; https://en.wikipedia.org/wiki/X, revision 123, retrieved 2024-05-01'
    """
    meta = doc.metadata

    def get(key: str) -> str:
        return " ".join(str(meta.get(key, "") or "").split())

    work = [get("journal")]
    work.append(f"vol. {get('volume')}" if get("volume") else "")
    work.append(f"no. {get('issue')}" if get("issue") else "")
    work.append(f"pp. {get('pages')}" if get("pages") else "")
    where = [get("url")]
    where.append(f"revision {get('revision')}" if get("revision") else "")
    where.append(f"retrieved {get('retrieved')[:10]}" if get("retrieved") else "")
    parts = [
        get("author"),
        ", ".join(p for p in work if p),
        get("publisher"),
        get("date"),
        ", ".join(p for p in where if p),
    ]
    return "; ".join(p for p in parts if p)


def page_note(paragraph: Paragraph) -> str:
    """``, p. 8`` for a paragraph of a paged document (a PDF); empty otherwise."""
    return f", p. {paragraph.page}" if paragraph.page is not None else ""


def where(index: Index, claim: Claim) -> str:
    """Where a claim stands, to cite: ``wolman-2024 ¶16`` (paragraphs counted from 0, as
    ``sourcecompare inspect`` shows them), with the page for a paged document."""
    return f"{claim.document} ¶{claim.paragraph}{page_note(index.paragraph_of(claim))}"
