"""The frozen values that flow through the pipeline.

Every piece of text carries its place in the original (decoded) text of its document:
``Document.raw``.  A paragraph's text is assembled from pieces of ``raw`` (markup, footnote
markers and page furniture removed, wrapped lines rejoined), so it keeps an :class:`OffsetMap`
that sends each of its characters back to the character of ``raw`` it came from.

Stages never mutate a value: they return a new one (``dataclasses.replace``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType

__all__ = [
    "AUTHOR_TYPES",
    "FINAL_STATUSES",
    "OTHER_TIER_RANK",
    "RELATION_ORDER",
    "SEVERITY_ORDER",
    "STATUS_LABELS",
    "TIERS",
    "TIER_RANK",
    "Alignment",
    "Claim",
    "ClaimKind",
    "ClaimQualifier",
    "Difference",
    "Document",
    "Finding",
    "FootnoteRef",
    "Link",
    "OffsetMap",
    "Paragraph",
    "ParagraphKind",
    "Relation",
    "Report",
    "Review",
    "Sentence",
    "Severity",
    "Status",
    "Token",
    "tier_of",
]


class ClaimKind(StrEnum):
    """What sort of figure a claim is (``Claim.kind``; a StrEnum, so equal to its string)."""

    COUNT = "count"
    YEAR = "year"
    DATE = "date"
    DECADE = "decade"
    RANGE = "range"
    PERCENT = "percent"
    MONEY = "money"
    MEASUREMENT = "measurement"  # a physical quantity; low/high in its dimension's base unit
    DURATION = "duration"  # a span of time; low/high in days
    RANK = "rank"  # an ordinal: 第7, third-busiest, 46th
    TIME = "time"
    IDENTIFIER = "identifier"


class ClaimQualifier(StrEnum):
    """How the text commits to its figure (``Claim.qualifier``)."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at least"
    MORE_THAN = "more than"
    AT_MOST = "at most"
    FEWER_THAN = "fewer than"


class ParagraphKind(StrEnum):
    """What a paragraph is within its document."""

    BODY = "body"
    HEADING = "heading"
    LIST_ITEM = "list-item"
    INFOBOX = "infobox"
    CAPTION = "caption"
    FOOTNOTE = "footnote"
    REFERENCE = "reference"
    COMMENT = "comment"


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps positions in a derived text back to positions in an original text.

    The derived text is a sequence of *runs*: run ``k`` starts at derived position
    ``starts[k]`` and copies the original from position ``origins[k]`` onwards, one character
    for one character, until the next run starts.  A character that was synthesised (a space
    standing for a line break, say) is a run of its own pointing at the original character it
    replaces.  Memory is proportional to the number of runs, not to the text's length.

    >>> m = OffsetMap.identity(5, base=10)
    >>> m[0], m[4], m.span(1, 3)
    (10, 14, (11, 13))
    >>> m = OffsetMap(starts=(0, 3), origins=(0, 7), length=6)   # "abc" + "def" from raw[7:10]
    >>> [m[i] for i in range(6)]
    [0, 1, 2, 7, 8, 9]
    >>> m.span(2, 5)
    (2, 9)
    """

    starts: tuple[int, ...]
    origins: tuple[int, ...]
    length: int

    @classmethod
    def identity(cls, length: int, base: int = 0) -> OffsetMap:
        """A map for a text copied whole from ``original[base:base + length]``."""
        return cls(starts=(0,) if length else (), origins=(base,) if length else (), length=length)

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, pos: int) -> int:
        """The original position of derived character ``pos``."""
        if not 0 <= pos < self.length:
            raise IndexError(f"position {pos} outside a text of length {self.length}")
        k = bisect_right(self.starts, pos) - 1
        return self.origins[k] + (pos - self.starts[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering derived characters ``start`` to ``end`` (exclusive).

        An empty derived span maps to an empty original span at the place it would start.
        """
        if start >= end:
            if start < self.length:
                at = self[start]
            elif self.length:
                at = self[self.length - 1] + 1
            else:
                at = 0
            return at, at
        return self[start], self[end - 1] + 1

    def compose(self, outer: OffsetMap) -> OffsetMap:
        """Chain two maps: ``self`` maps A -> B and ``outer`` maps B -> C; the result maps A -> C.

        >>> inner = OffsetMap(starts=(0, 2), origins=(0, 5), length=4)    # A -> B
        >>> outer = OffsetMap.identity(10, base=100)                      # B -> C
        >>> [inner.compose(outer)[i] for i in range(4)]
        [100, 101, 105, 106]
        """
        starts: list[int] = []
        origins: list[int] = []
        bounds = (*self.starts[1:], self.length) if self.starts else ()
        for start, end, b in zip(self.starts, bounds, self.origins, strict=True):
            pos = start
            while pos < end:
                mid = b + (pos - start)
                j = bisect_right(outer.starts, mid) - 1
                outer_end = outer.starts[j + 1] if j + 1 < len(outer.starts) else outer.length
                c = outer.origins[j] + (mid - outer.starts[j])
                if not (starts and origins[-1] + (pos - starts[-1]) == c):
                    starts.append(pos)
                    origins.append(c)
                pos += min(end - pos, outer_end - mid)
        return OffsetMap(starts=tuple(starts), origins=tuple(origins), length=self.length)


@dataclass(frozen=True, slots=True)
class FootnoteRef:
    """A footnote reference marker removed from a paragraph's text.

    ``position`` is the place in the paragraph text where the marker stood; ``raw_start`` and
    ``raw_end`` are the marker's span in the document's raw text.
    """

    label: str
    position: int
    raw_start: int
    raw_end: int


@dataclass(frozen=True, slots=True, init=False)
class Token:
    """A word.  ``text`` is the original text; ``norm`` its normalised form for matching
    (simplified script, half-width, lower case for Latin).  ``start``/``end`` are the span in
    ``Document.raw``; ``para_start``/``para_end`` the span in the paragraph's text."""

    text: str
    norm: str
    start: int
    end: int
    para_start: int
    para_end: int
    is_punct: bool = False
    is_space: bool = False

    def __init__(
        self,
        text: str,
        norm: str,
        start: int,
        end: int,
        para_start: int,
        para_end: int,
        is_punct: bool = False,
        is_space: bool = False,
    ) -> None:
        # the dataclass's own frozen __init__, by the slots' setters: segmentation makes
        # a token for every word, and object.__setattr__ by name is twice as slow
        put = _TOKEN_SLOTS
        put[0](self, text)
        put[1](self, norm)
        put[2](self, start)
        put[3](self, end)
        put[4](self, para_start)
        put[5](self, para_end)
        put[6](self, is_punct)
        put[7](self, is_space)


_TOKEN_SLOTS = tuple(getattr(Token, f.name).__set__ for f in fields(Token))


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a paragraph; spans as for :class:`Token`."""

    index: int
    text: str
    start: int
    end: int
    para_start: int
    para_end: int
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A unit of a document: body text, a heading, a list item, a footnote, a comment...

    ``offsets`` maps each character of ``text`` to ``Document.raw``.  ``section`` is the path of
    headings above it.  ``links`` are wiki-link targets found in it (they name entities);
    ``urls`` the web addresses it held; ``label`` a footnote's number or a comment's handle.

    ``norm`` and ``norm_offsets`` (normalised view for matching, mapped back to ``text``) and
    ``sentences`` are empty until the segmentation stage fills them.  ``page`` is the (1-based)
    page of a PDF on which the paragraph starts; ``None`` for documents without pages.
    """

    index: int
    kind: ParagraphKind
    text: str
    offsets: OffsetMap
    section: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    label: str | None = None
    footnote_refs: tuple[FootnoteRef, ...] = ()
    norm: str = ""
    norm_offsets: OffsetMap | None = None
    sentences: tuple[Sentence, ...] = ()
    page: int | None = None

    @property
    def start(self) -> int:
        """Start of the paragraph in the raw text."""
        return self.offsets.span(0, len(self.text))[0]

    @property
    def end(self) -> int:
        """End of the paragraph in the raw text."""
        return self.offsets.span(0, len(self.text))[1]


def tier_of(doc: Document, paragraph: Paragraph | None = None) -> str:
    """The reliability tier of a document (its ``tier`` metadata), or of one of its paragraphs:
    comments are always ``user-comments``, whatever the page they sit on."""
    if paragraph is not None and paragraph.kind is ParagraphKind.COMMENT:
        return "user-comments"
    return str(doc.metadata.get("tier", ""))


@dataclass(frozen=True)
class Document:
    """One source, read from its file.

    ``raw`` is the decoded text of the file, the text every span points into (for a PDF, whose
    ``encoding`` is ``"binary"``, the text extracted from it).  ``language`` is
    ``"zh"`` or ``"en"``; ``script`` one of ``traditional``, ``simplified``, ``mixed``,
    ``latin``.  ``metadata`` holds what the manifest or the document itself says (publisher,
    date, source kind, reliability tier).  A document read back from ``report.json``
    (:func:`sourcecompare.report.load_json`) has no raw text: ``raw`` and ``encoding`` are empty.
    """

    id: str
    title: str
    language: str
    script: str
    format: str
    encoding: str
    raw: str
    paragraphs: tuple[Paragraph, ...]
    path: str | None = None
    metadata: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    signature: str = ""

    def paragraph(self, index: int) -> Paragraph:
        return self.paragraphs[index]

    def __repr__(self) -> str:
        """A summary: the raw text and paragraphs can run to megabytes."""
        return (
            f"Document(id={self.id!r}, title={self.title!r}, language={self.language!r}, "
            f"script={self.script!r}, format={self.format!r}, "
            f"paragraphs={len(self.paragraphs)}, raw={len(self.raw)} characters)"
        )


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure stated in a sentence: a count, a year, a date, a range...

    ``low``/``high`` is the interval the text commits to; ``value`` the figure as written.
    ``unit`` is a language-neutral key for what is counted (``person``, ``year``...) and
    ``unit_text`` the words that said so; ``context`` are language-neutral keys from the words
    around it.  ``start``/``end`` is the span of the figure in ``Document.raw``;
    ``para_start``/``para_end`` its span in the paragraph's text (as for :class:`Token`), so
    renderers never search the text for it (``None`` when the extractor did not say).
    """

    id: str
    document: str
    paragraph: int
    sentence: int
    kind: ClaimKind
    value: float | None
    low: float | None
    high: float | None
    qualifier: ClaimQualifier
    unit: str
    unit_text: str
    text: str
    start: int
    end: int
    context: tuple[str, ...] = ()
    sentence_text: str = ""
    note: str = ""  # what the figure leaves open: "ambiguous day/month order", "era 昭和"
    dimension: str = ""  # of a measurement or duration: length, mass, duration, magnitude...
    row_key: str = ""  # of a table or infobox row: the counted attribute ("Fatalities: 229")
    para_start: int | None = None
    para_end: int | None = None

    @property
    def para_span(self) -> tuple[int, int] | None:
        """``(para_start, para_end)`` when the claim carries its paragraph span."""
        if self.para_start is None or self.para_end is None:
            return None
        return self.para_start, self.para_end


@dataclass(frozen=True, slots=True)
class Link:
    """A bead of an alignment: units of the source matched with units of the target."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float
    reviewed: bool = False


@dataclass(frozen=True, slots=True)
class Alignment:
    """The alignment of two documents, paragraph by paragraph (or sentence by sentence)."""

    source: str
    target: str
    unit: str
    mode: str
    links: tuple[Link, ...]
    signature: str = ""


class Relation(StrEnum):
    """How the claims of a finding relate."""

    AGREEMENT = "agreement"  # the same figure
    COMPATIBLE = "compatible"  # consistent only through approximation, rounding or containment
    CONFLICT = "conflict"  # the same fact with incompatible figures
    POSSIBLE = "possible"  # perhaps the same fact, with incompatible figures: thin evidence
    ONE_SIDED = "one-sided"  # a figure only one source gives


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"


#: the order findings are shown and ranked in: conflicts first, one-sided figures last
RELATION_ORDER: tuple[Relation, ...] = (
    Relation.CONFLICT,
    Relation.POSSIBLE,
    Relation.COMPATIBLE,
    Relation.AGREEMENT,
    Relation.ONE_SIDED,
)
#: severities, most severe first
SEVERITY_ORDER: tuple[Severity, ...] = (Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)

#: what a source's ``author`` names (a manifest's or ``compare --meta``'s ``author_type``):
#: people (the default; ``A; B`` or ``A and B`` are two) or one organisation
AUTHOR_TYPES: tuple[str, ...] = ("person", "organization")
#: the reliability tiers a manifest (or ``compare --meta``) may give a source
TIERS: tuple[str, ...] = ("peer-reviewed", "encyclopedia", "news-video", "user-comments")
#: source reliability when findings are ordered, most reliable first (``news`` too, for
#: documents made in Python); a tier not listed ranks :data:`OTHER_TIER_RANK`
TIER_RANK: Mapping[str, int] = MappingProxyType(
    {"peer-reviewed": 0, "encyclopedia": 1, "news": 2, "news-video": 3, "user-comments": 5}
)
#: the rank of a tier :data:`TIER_RANK` does not list: after news video, before user comments
OTHER_TIER_RANK = 4


class Status(StrEnum):
    """Where a finding stands in review."""

    UNREVIEWED = "unreviewed"
    IN_PROGRESS = "in-progress"
    CONFIRMED = "confirmed-discrepancy"
    NOT_DISCREPANCY = "not-a-discrepancy"
    INCONCLUSIVE = "inconclusive"

    @property
    def label(self) -> str:
        """The words a person reads: ``Status.CONFIRMED.label == 'Confirmed discrepancy'``."""
        return STATUS_LABELS[self]


STATUS_LABELS: Mapping[Status, str] = {
    Status.UNREVIEWED: "Unreviewed",
    Status.IN_PROGRESS: "In progress",
    Status.CONFIRMED: "Confirmed discrepancy",
    Status.NOT_DISCREPANCY: "Not a discrepancy",
    Status.INCONCLUSIVE: "Inconclusive",
}

#: the statuses that close a review (what counts as reviewed)
FINAL_STATUSES: frozenset[Status] = frozenset(
    {Status.CONFIRMED, Status.NOT_DISCREPANCY, Status.INCONCLUSIVE}
)


@dataclass(frozen=True, slots=True)
class Difference:
    """How a fact's figures differ, as data (renderers phrase it).

    ``gap`` is the distance between the figures (years for times), ``relative`` the gap over
    the smaller figure (quantities only), ``ends`` which end of two periods differs
    (``start``, ``end``, ``both`` or empty), ``attribute`` the attribute key both state.
    """

    gap: float | None = None
    relative: float | None = None
    ends: str = ""
    attribute: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """A fact stated by one or more documents, and how their figures relate.

    ``claims`` are its claims as :class:`Claim` values, one per document at most (the same
    values the report holds; a finding is made before the report that holds it, from the
    claims, and never points back into the report); ``report.json`` writes their ids
    (:attr:`claim_ids`).  ``id`` derives from the
    documents and the normalised claims, so the same input gives the same id across runs.
    ``difference`` is the difference as data; ``evidence`` the reasons the claims were judged
    one fact ("the same attribute, death: 遇难 / killed"; "aligned paragraphs 2 ~ 3").
    """

    id: str
    relation: Relation
    severity: Severity
    confidence: float
    claims: tuple[Claim, ...]
    explanation: str
    subject: str = ""
    difference: Difference = field(default_factory=Difference)
    evidence: tuple[str, ...] = ()

    @property
    def claim_ids(self) -> tuple[str, ...]:
        """The ids of :attr:`claims`, as ``report.json`` holds them."""
        return tuple([c.id for c in self.claims])

    def __repr__(self) -> str:
        """A summary: each claim by its id and figure (a claim's sentence can be long).

        >>> c = Claim("en:5", "en", 0, 0, "count", 5, 5, 5, "exact", "", "", "5", 0, 1)
        >>> Finding("F1", Relation.ONE_SIDED, Severity.INFO, 1.0, (c,), "only en", "person")
        Finding(id='F1', relation='one-sided', severity='info', confidence=1.0, claims=('en:5' 5), subject='person')
        """  # noqa: E501
        claims = ", ".join(f"{c.id!r} {c.text}" for c in self.claims)
        return (
            f"Finding(id={self.id!r}, relation={str(self.relation)!r}, "
            f"severity={str(self.severity)!r}, confidence={self.confidence!r}, "
            f"claims=({claims}), subject={self.subject!r})"
        )


@dataclass(frozen=True, slots=True)
class Review:
    """A finding's current verdict, as the review store holds it, for the renderers to show.

    ``status`` is a :class:`Status` value; ``at`` an ISO 8601 UTC time; ``revision`` counts the
    finding's changes from 1.
    """

    status: Status
    note: str = ""
    reviewer: str = ""
    at: str = ""
    revision: int = 0


@dataclass(frozen=True)
class Report:
    """Everything a comparison produced; rendered by :mod:`sourcecompare.report`.

    ``statuses`` maps finding ids to review statuses and ``reviews`` to the whole verdict
    (note, reviewer, time); both are empty until :func:`sourcecompare.review.apply_review`
    fills them from a review store.
    """

    documents: tuple[Document, ...]
    alignments: tuple[Alignment, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    signature: str
    statuses: Mapping[str, Status] = field(default_factory=lambda: MappingProxyType({}))
    reviews: Mapping[str, Review] = field(default_factory=lambda: MappingProxyType({}))

    @cached_property
    def _claims_by_id(self) -> Mapping[str, Claim]:
        return MappingProxyType({c.id: c for c in self.claims})

    @cached_property
    def _findings_by_id(self) -> Mapping[str, Finding]:
        return MappingProxyType({f.id: f for f in self.findings})

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id (``KeyError`` when the report has none)."""
        return self._claims_by_id[claim_id]

    def finding(self, finding_id: str) -> Finding:
        """The finding with this id (``KeyError`` when the report has none)."""
        return self._findings_by_id[finding_id]

    def claims_of(self, finding: Finding | str) -> tuple[Claim, ...]:
        """A finding's claims as this report holds them, in the finding's order (``finding``
        may be the finding or its id; the lookups are built once per report).

        >>> c = Claim("c1", "d", 0, 0, "count", 5, 5, 5, "exact", "", "", "5", 0, 1)
        >>> f = Finding("F1", Relation.ONE_SIDED, Severity.INFO, 1.0, (c,), "")
        >>> [x.text for x in Report((), (), (c,), (f,), "s").claims_of("F1")]
        ['5']
        >>> f.claims[0].text, f.claim_ids
        ('5', ('c1',))
        """
        if isinstance(finding, str):
            finding = self.finding(finding)
        return tuple(self._claims_by_id[c.id] for c in finding.claims)

    def review_of(self, finding_id: str) -> Review | None:
        """The verdict of a finding: the whole one when known, else one made of its status."""
        review = self.reviews.get(finding_id)
        if review is not None:
            return review
        status = self.statuses.get(finding_id)
        return Review(status) if status else None

    def __repr__(self) -> str:
        """A summary (the whole report is what the renderers are for).

        >>> Report((), (), (), (), "sc:1")
        Report(documents=(), claims=0, findings=0 (), signature='sc:1')
        """
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[str(f.relation)] = counts.get(str(f.relation), 0) + 1
        by_relation = ", ".join(f"{r} {n}" for r, n in counts.items())
        ids = tuple(d.id for d in self.documents)
        return (
            f"Report(documents={ids!r}, claims={len(self.claims)}, "
            f"findings={len(self.findings)} ({by_relation}), signature={self.signature!r})"
        )

    # The renderers live in report/ (use sourcecompare.report.to_json(report) and friends);
    # these three delegate to them for code written against the 0.1 API.
    def to_json(self) -> str:
        from .report import to_json

        return to_json(self)

    def to_markdown(self) -> str:
        from .report import to_markdown

        return to_markdown(self)

    def to_html(self) -> str:
        from .report import to_html

        return to_html(self)

    def _repr_html_(self) -> str:
        """A light summary for notebooks (their display protocol asks the value itself): the
        counts and the first findings, conflicts first; ``report.to_html(report)`` is the
        whole report.

        The one place the model reaches the renderers; it imports them on call only.
        """
        from .report.to_html import summary_html

        return summary_html(self)
