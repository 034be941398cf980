"""Finding discrepancies: which claims of different documents state the same fact, and how
their figures relate.

1. **Candidates.**  For every pair of documents, every pair of claims whose kinds fit (a count
   with a count, a year with a decade...) and whose counted nouns agree is scored: context keys
   shared, closeness of the figures, and whether their paragraphs are aligned.
2. **Assignment.**  Pairs are taken best first; each claim matches at most one claim in each
   other document, and a group of matched claims holds at most one claim per document.  Groups
   are facts: a fact stated by three documents is one finding listing all three.
3. **Relation.**  The same interval is an *agreement*; overlapping intervals (through
   approximation, rounding or containment) are *compatible*; disjoint intervals a *conflict*.
   A claim no other document matches is *one-sided*.
4. **Reliability.**  Claims in user comments are listed but never matched against other
   sources, so they never raise a conflict.

Finding ids derive from the document ids and the normalised claims (kind, unit, interval,
context), not from positions, so an edit elsewhere in a document keeps them.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from .model import (
    Alignment,
    Claim,
    Document,
    Finding,
    ParagraphKind,
    Relation,
    Report,
    Severity,
)

__all__ = [
    "CompareSettings",
    "compare",
    "find_discrepancies",
    "match_score",
    "relation_of",
]

log = logging.getLogger(__name__)

#: kinds that can state the same fact, by family
FAMILY: Mapping[str, str] = {
    "count": "quantity",
    "range": "quantity",
    "year": "time",
    "decade": "time",
    "date": "time",
    "percent": "percent",
    "money": "money",
}
#: tiers whose claims are never matched (shown, never raising a conflict)
UNMATCHED_TIERS = frozenset({"user-comments"})
HIGH_TIERS = frozenset({"peer-reviewed", "encyclopedia"})


@dataclass(frozen=True)
class CompareSettings:
    """Weights and thresholds of the matcher (part of the report's signature)."""

    w_context: float = 0.45
    w_closeness: float = 0.25
    w_aligned: float = 0.2
    w_unit: float = 0.1
    threshold: float = 0.5

    def signature(self) -> str:
        return (
            f"match:ctx={self.w_context}+close={self.w_closeness}+aligned={self.w_aligned}"
            f"+unit={self.w_unit}|threshold={self.threshold}"
        )


def _interval(c: Claim) -> tuple[float, float]:
    low = c.low if c.low is not None else -math.inf
    high = c.high if c.high is not None else math.inf
    return low, high


def _is_point(c: Claim) -> bool:
    return c.low is not None and c.low == c.high


def _family(c: Claim) -> str | None:
    if c.kind == "range" and c.unit == "year":
        return "time"
    return FAMILY.get(c.kind)


def _point(c: Claim) -> float | None:
    if c.value is not None:
        return c.value
    low, high = _interval(c)
    if math.isfinite(low) and math.isfinite(high):
        return (low + high) / 2
    return low if math.isfinite(low) else (high if math.isfinite(high) else None)


def relation_of(a: Claim, b: Claim) -> Relation:
    """How two claims of the same fact relate.

    >>> from sourcecompare.model import Claim
    >>> def c(low, high, q="exact"):
    ...     return Claim("x", "d", 0, 0, "count", low, low, high, q, "person", "", "", 0, 0)
    >>> relation_of(c(6637, 6637), c(6836, 6836)).value
    'conflict'
    >>> relation_of(c(27000, 27000), c(27000, 27000)).value
    'agreement'
    >>> relation_of(c(63, 77, "approximate"), c(70, 80)).value
    'compatible'
    """
    a_low, a_high = _interval(a)
    b_low, b_high = _interval(b)
    if (a_low, a_high) == (b_low, b_high):
        return Relation.AGREEMENT
    if a_low <= b_high and b_low <= a_high:
        return Relation.COMPATIBLE
    return Relation.CONFLICT


def _closeness(a: Claim, b: Claim) -> float:
    """1 for the same figure, falling towards 0 as the figures drift apart (by ratio)."""
    x, y = _point(a), _point(b)
    if x is None or y is None:
        return 0.0
    if _family(a) == "time":
        return max(0.0, 1.0 - abs(x - y) / 10.0)  # years: ten years apart is unrelated
    if x == y:
        return 1.0
    if x <= 0 or y <= 0:
        return 0.0
    ratio = min(x, y) / max(x, y)
    return max(0.0, (ratio - 0.5) / 0.5)


def _context_overlap(a: Claim, b: Claim) -> float:
    ka, kb = set(a.context), set(b.context)
    if not ka or not kb:
        return 0.0
    return len(ka & kb) / min(len(ka), len(kb))


def match_score(
    a: Claim, b: Claim, aligned: bool, settings: CompareSettings | None = None
) -> float:
    """How likely two claims of different documents state the same fact (0..1); 0 when their
    kinds or counted nouns cannot fit."""
    s = settings or CompareSettings()
    fa, fb = _family(a), _family(b)
    if fa is None or fa != fb:
        return 0.0
    if a.unit and b.unit and a.unit != b.unit:
        return 0.0
    unit = 1.0 if a.unit and a.unit == b.unit else 0.0
    return (
        s.w_context * _context_overlap(a, b)
        + s.w_closeness * _closeness(a, b)
        + s.w_aligned * (1.0 if aligned else 0.0)
        + s.w_unit * unit
    )


def _aligned_pairs(alignments: Iterable[Alignment]) -> set[tuple[str, int, str, int]]:
    pairs: set[tuple[str, int, str, int]] = set()
    for al in alignments:
        if al.unit != "paragraph":
            continue
        for link in al.links:
            for i in link.source:
                for j in link.target:
                    pairs.add((al.source, i, al.target, j))
                    pairs.add((al.target, j, al.source, i))
    return pairs


def _claim_key(c: Claim) -> str:
    return "|".join(
        [
            c.document,
            c.kind,
            c.unit,
            f"{c.low}",
            f"{c.high}",
            c.qualifier,
            ",".join(sorted(c.context)),
        ]
    )


def _finding_id(claims: Sequence[Claim], taken: set[str]) -> str:
    digest = hashlib.sha1("\n".join(sorted(_claim_key(c) for c in claims)).encode("utf-8"))
    base = "F" + digest.hexdigest()[:10]
    fid, n = base, 1
    while fid in taken:
        n += 1
        fid = f"{base}-{n}"
    taken.add(fid)
    return fid


def _fmt(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


def _describe(c: Claim) -> str:
    if c.low is not None and c.high is not None and c.low != c.high and c.kind != "date":
        figure = f"{_fmt(c.low)}–{_fmt(c.high)}"
    else:
        figure = c.text
    q = "" if c.qualifier == "exact" else f" ({c.qualifier})"
    return f"{figure}{q}"


def _quote(c: Claim, limit: int = 90) -> str:
    s = " ".join(c.sentence_text.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _explain(relation: Relation, claims: Sequence[Claim]) -> str:
    parts = [f"{c.document} says {_describe(c)}: “{_quote(c)}”" for c in claims]
    text = "; ".join(parts)
    if relation is Relation.ONE_SIDED:
        c = claims[0]
        return f"only {c.document} gives this figure: {_describe(c)}: “{_quote(c)}”"
    points = [p for p in (_point(c) for c in claims) if p is not None]
    if relation is Relation.CONFLICT and len(points) >= 2:
        lo, hi = min(points), max(points)
        gap = hi - lo
        rel = f" ({gap / lo:.1%})" if lo > 0 and _family(claims[0]) != "time" else ""
        return f"{text}: {_fmt(gap)} apart{rel}"
    if relation is Relation.COMPATIBLE:
        return f"{text}: consistent only as an approximation or range"
    return f"{text}: the same figure"


def _severity(relation: Relation, claims: Sequence[Claim], tiers: Mapping[str, str]) -> Severity:
    if relation is Relation.CONFLICT:
        if all(tiers.get(c.document, "") in HIGH_TIERS for c in claims):
            return Severity.HIGH
        return Severity.MEDIUM
    if relation is Relation.COMPATIBLE:
        return Severity.LOW
    return Severity.INFO


def _tier_of(doc: Document, paragraph: int) -> str:
    if doc.paragraphs[paragraph].kind is ParagraphKind.COMMENT:
        return "user-comments"
    return doc.metadata.get("tier", "")


def find_discrepancies(
    documents: Sequence[Document],
    claims: Sequence[Claim],
    alignments: Sequence[Alignment] = (),
    settings: CompareSettings | None = None,
) -> tuple[Finding, ...]:
    """Group claims of different documents into facts and say how each fact's figures relate."""
    s = settings or CompareSettings()
    docs = {d.id: d for d in documents}
    by_id = {c.id: c for c in claims}
    tiers = {d.id: d.metadata.get("tier", "") for d in documents}
    aligned = _aligned_pairs(alignments)
    matchable: dict[str, list[Claim]] = {d.id: [] for d in documents}
    for c in claims:
        if _family(c) is None:
            continue
        if _tier_of(docs[c.document], c.paragraph) in UNMATCHED_TIERS:
            continue
        matchable.setdefault(c.document, []).append(c)

    edges: list[tuple[float, str, str]] = []
    for da, db in combinations([d.id for d in documents], 2):
        for a in matchable.get(da, []):
            for b in matchable.get(db, []):
                score = match_score(a, b, (da, a.paragraph, db, b.paragraph) in aligned, s)
                if score >= s.threshold:
                    edges.append((score, a.id, b.id))
    edges.sort(key=lambda e: (-e[0], e[1], e[2]))

    # union claims into facts, best edges first, at most one claim per document in a fact
    group_of: dict[str, int] = {}
    groups: dict[int, dict[str, str]] = {}  # group -> document -> claim id
    confidence: dict[int, float] = {}
    for score, x, y in edges:
        gx, gy = group_of.get(x), group_of.get(y)
        if gx is not None and gx == gy:
            continue
        members_x = groups[gx] if gx is not None else {by_id[x].document: x}
        members_y = groups[gy] if gy is not None else {by_id[y].document: y}
        if set(members_x) & set(members_y):
            continue  # would put two claims of one document in the same fact
        target = gx if gx is not None else gy if gy is not None else len(confidence)
        conf = min(score, confidence.get(gx, 1.0), confidence.get(gy, 1.0))  # type: ignore[arg-type]
        for g in (gx, gy):
            if g is not None and g != target:
                groups.pop(g)
                confidence.pop(g)
        groups[target] = {**members_x, **members_y}
        confidence[target] = conf
        for cid in groups[target].values():
            group_of[cid] = target

    findings: list[Finding] = []
    taken: set[str] = set()
    for g in sorted(groups, key=lambda g: sorted(groups[g].values())):
        members = sorted((by_id[cid] for cid in groups[g].values()), key=lambda c: c.document)
        relation = Relation.AGREEMENT
        for a, b in combinations(members, 2):
            r = relation_of(a, b)
            if r is Relation.CONFLICT:
                relation = Relation.CONFLICT
                break
            if r is Relation.COMPATIBLE:
                relation = Relation.COMPATIBLE
        findings.append(
            Finding(
                id=_finding_id(members, taken),
                relation=relation,
                severity=_severity(relation, members, tiers),
                confidence=round(min(1.0, confidence[g]), 3),
                claims=tuple(c.id for c in members),
                explanation=_explain(relation, members),
                subject=members[0].unit,
            )
        )
    for c in claims:
        if c.id in group_of or _family(c) is None:
            continue
        findings.append(
            Finding(
                id=_finding_id([c], taken),
                relation=Relation.ONE_SIDED,
                severity=Severity.INFO,
                confidence=1.0,
                claims=(c.id,),
                explanation=_explain(Relation.ONE_SIDED, [c]),
                subject=c.unit,
            )
        )
    order = {
        Relation.CONFLICT: 0,
        Relation.COMPATIBLE: 1,
        Relation.AGREEMENT: 2,
        Relation.ONE_SIDED: 3,
    }
    findings.sort(key=lambda f: (order[f.relation], -f.confidence, f.id))
    return tuple(findings)


def compare(
    inputs: Iterable[str | Path | Document],
    *,
    mode: str | None = None,
    settings: CompareSettings | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Read (or take) documents, extract their claims, align every pair and find discrepancies.

    ``inputs`` are files, corpus folders (with a ``manifest.toml``) or :class:`Document` values.
    ``progress`` is called with a short description before each step (the CLI shows a bar).
    """
    from . import __version__
    from .align import align
    from .claims import extract_claims
    from .pipeline import read_many
    from .segment import segment
    from .segment import signature as segment_signature

    s = settings or CompareSettings()
    step = progress or (lambda _msg: None)
    docs: list[Document] = []
    paths: list[str | Path] = []
    for item in inputs:
        if isinstance(item, Document):
            docs.append(item if any(p.sentences for p in item.paragraphs) else segment(item))
        else:
            paths.append(item)
    if paths:
        step("reading")
        docs.extend(read_many(paths))
    claims: list[Claim] = []
    for doc in docs:
        step(f"claims: {doc.id}")
        claims.extend(extract_claims(doc))
    alignments: list[Alignment] = []
    for a, b in combinations(docs, 2):
        step(f"align: {a.id} ~ {b.id}")
        alignments.append(align(a, b, mode=mode))
    step("comparing")
    findings = find_discrepancies(docs, claims, alignments, s)
    align_sig = alignments[0].signature if alignments else "align:none"
    signature = f"sourcecompare:{__version__}|{segment_signature()}|{align_sig}|{s.signature()}"
    return Report(
        documents=tuple(docs),
        alignments=tuple(alignments),
        claims=tuple(claims),
        findings=findings,
        signature=signature,
    )
