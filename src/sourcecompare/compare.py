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
from bisect import bisect_left, bisect_right
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
    "measurement": "measurement",
    "duration": "duration",
    "rank": "rank",
}
#: candidates scored per claim and other document (long documents repeat figures: 1945,
#: "two"...; the best match of a claim is among its aligned or closest figures)
MAX_CANDIDATES = 32
#: tiers whose claims are never matched (shown, never raising a conflict)
UNMATCHED_TIERS = frozenset({"user-comments"})
HIGH_TIERS = frozenset({"peer-reviewed", "encyclopedia"})


@dataclass(frozen=True)
class CompareSettings:
    """Weights and thresholds of the matcher (part of the report's signature).

    The context of a claim is read twice: its *near* keys (the words next to the figure, as
    :mod:`sourcecompare.claims.context` gives them) and its *sentence* keys (every content word
    of the sentence); ``near_share`` is the weight of the first.  Keys are weighted by rarity
    among the claims compared (a key every claim has, such as ``north-korea`` in this corpus,
    says little).  Two claims need at least ``min_context`` of shared context to match at all.
    """

    w_context: float = 0.4
    w_closeness: float = 0.35
    w_aligned: float = 0.15
    w_unit: float = 0.1
    threshold: float = 0.42
    near_share: float = 0.5
    min_context: float = 0.05

    def signature(self) -> str:
        return (
            f"match:ctx={self.w_context}+close*spec={self.w_closeness}+aligned={self.w_aligned}"
            f"+unit={self.w_unit}|near={self.near_share}|min-ctx={self.min_context}"
            f"|threshold={self.threshold}"
        )


def _interval(c: Claim) -> tuple[float, float]:
    low = c.low if c.low is not None else -math.inf
    high = c.high if c.high is not None else math.inf
    return low, high


def _family(c: Claim) -> str | None:
    if c.kind == "range" and c.unit == "year":
        return "time"
    return FAMILY.get(c.kind)


def _is_period(c: Claim) -> bool:
    """A span of years stated by both ends (``between 1977 and 1983``, ``1959-1984``)."""
    return c.kind == "range" and c.unit == "year"


def _year_fraction(yyyymmdd: float) -> tuple[float, float]:
    """The span of a ``YYYYMMDD`` date (``YYYYMM00`` a whole month) in fractional years."""
    n = int(yyyymmdd)
    year, month, day = n // 10000, n // 100 % 100, n % 100
    start = year + (max(month, 1) - 1) / 12
    if day == 0:
        return start, start + 1 / 12
    at = start + (day - 1) / 372
    return at, at + 1 / 372


def _time_span(c: Claim) -> tuple[float, float]:
    """A time claim as a span of fractional years ``[start, end)``, so that a date, a year, a
    decade and a period of years compare on one scale (1959 is ``[1959, 1960)``).

    >>> from sourcecompare.model import Claim
    >>> def t(kind, low, high):
    ...     return Claim("x", "d", 0, 0, kind, low, low, high, "exact", "year", "", "", 0, 0)
    >>> _time_span(t("year", 1959, 1959)), _time_span(t("decade", 1970, 1979))
    ((1959, 1960), (1970, 1980))
    >>> start, end = _time_span(t("date", 20020917, 20020917)); 2002.6 < start < end < 2002.8
    True
    """
    low, high = _interval(c)
    if c.kind == "date":
        lo = _year_fraction(low)[0] if math.isfinite(low) else low
        hi = _year_fraction(high)[1] if math.isfinite(high) else high
        return lo, hi
    return low, high + 1 if math.isfinite(high) else high


def _span(c: Claim) -> tuple[float, float]:
    """The interval a claim commits to, on its family's scale (closed for quantities)."""
    return _time_span(c) if _family(c) == "time" else _interval(c)


def _point(c: Claim) -> float | None:
    if _family(c) == "time":
        low, high = _time_span(c)
    else:
        if c.value is not None:
            return c.value
        low, high = _interval(c)
    if math.isfinite(low) and math.isfinite(high):
        return (low + high) / 2
    return low if math.isfinite(low) else (high if math.isfinite(high) else None)


def relation_of(a: Claim, b: Claim) -> Relation:
    """How two claims of the same fact relate.

    The same interval is an agreement; overlapping intervals (approximation, rounding,
    containment: a date within a year, a year within a decade) are compatible; disjoint ones
    conflict.  Two periods of years, each stated by both ends, conflict when an end differs:
    kidnappings "between 1977 and 1983" and "1977年到1988年間" state different facts.

    >>> from sourcecompare.model import Claim
    >>> def c(low, high, q="exact", kind="count", unit="person"):
    ...     return Claim("x", "d", 0, 0, kind, low, low, high, q, unit, "", "", 0, 0)
    >>> relation_of(c(6637, 6637), c(6836, 6836)).value
    'conflict'
    >>> relation_of(c(27000, 27000), c(27000, 27000)).value
    'agreement'
    >>> relation_of(c(63, 77, "approximate"), c(70, 80)).value
    'compatible'
    >>> relation_of(c(1977, 1983, kind="range", unit="year"),
    ...             c(1977, 1988, kind="range", unit="year")).value
    'conflict'
    >>> relation_of(c(1970, 1979, kind="decade", unit="year"), c(1977, 1977, kind="year")).value
    'compatible'
    """
    a_low, a_high = _span(a)
    b_low, b_high = _span(b)
    if (a_low, a_high) == (b_low, b_high):
        return Relation.AGREEMENT
    exact = a.qualifier == "exact" and b.qualifier == "exact"
    if _is_period(a) and _is_period(b) and exact:
        return Relation.CONFLICT
    time = _family(a) == "time"
    if (a_low < b_high and b_low < a_high) if time else (a_low <= b_high and b_low <= a_high):
        return Relation.COMPATIBLE
    return Relation.CONFLICT


def _closeness(a: Claim, b: Claim) -> float:
    """1 for the same figure, falling towards 0 as the figures drift apart (by ratio; years
    by difference, ten years apart being unrelated, or one year for two full dates)."""
    if _family(a) == "time":
        (a_low, a_high), (b_low, b_high) = _time_span(a), _time_span(b)
        if _is_period(a) and _is_period(b):
            gap = (abs(a_low - b_low) + abs(a_high - b_high)) / 2
        else:
            x, y = _point(a), _point(b)
            if x is None or y is None:
                return 0.0
            inside = a_low <= y < a_high or b_low <= x < b_high
            gap = 0.0 if inside else abs(x - y)
        # two full dates a year apart are different events; years, ten years apart
        scale = 1.0 if a.kind == b.kind == "date" else 10.0
        return max(0.0, 1.0 - gap / scale) if math.isfinite(gap) else 0.0
    x, y = _point(a), _point(b)
    if x is None or y is None:
        return 0.0
    if x == y:
        return 1.0
    if x <= 0 or y <= 0:
        return 0.0
    ratio = min(x, y) / max(x, y)
    return max(0.0, (ratio - 0.5) / 0.5)


#: how telling a figure of each time kind is on its own (see :func:`specificity`)
TIME_SPECIFICITY: Mapping[str, float] = {"date": 0.8, "range": 0.85, "year": 0.35, "decade": 0.3}


def specificity(c: Claim) -> float:
    """How unlikely two unrelated sentences are to share this figure by chance (0..1).

    Large counts are telling (two sources citing 27,000 of something about one topic most
    likely cite the same fact); small ones are not (``two``, ``five`` are everywhere).  Years
    are common in a history, a full date less so.

    >>> from sourcecompare.model import Claim
    >>> def c(v, kind="count"):
    ...     return Claim("x", "d", 0, 0, kind, v, v, v, "exact", "person", "", "", 0, 0)
    >>> [round(specificity(c(v)), 2) for v in (2, 70, 1828, 27000)]
    [0.08, 0.46, 0.82, 1.0]
    >>> specificity(c(1959, "year"))
    0.35
    """
    family = _family(c)
    if family == "time":
        return TIME_SPECIFICITY.get(c.kind, 0.35)
    point = _point(c)
    if point is None or point <= 0:
        return 0.0
    if family == "percent":
        return 0.4
    return max(0.05, min(1.0, math.log10(max(point, 1.0)) / 4))


def _overlap(ka: frozenset[str], kb: frozenset[str], weight: Mapping[str, float]) -> float:
    """Shared keys' weight over the lighter side's weight (0..1)."""
    if not ka or not kb:
        return 0.0
    shared = sum(weight.get(k, 1.0) for k in ka & kb)
    return shared / min(sum(weight.get(k, 1.0) for k in ka), sum(weight.get(k, 1.0) for k in kb))


@dataclass(frozen=True)
class _Keys:
    near: frozenset[str]
    sentence: frozenset[str]


def _context_overlap(
    a: Claim,
    b: Claim,
    keys: Mapping[str, _Keys] | None = None,
    weight: Mapping[str, float] | None = None,
    near_share: float = 1.0,
) -> float:
    w = weight or {}
    ka = keys[a.id] if keys else _Keys(frozenset(a.context), frozenset())
    kb = keys[b.id] if keys else _Keys(frozenset(b.context), frozenset())
    near = _overlap(ka.near, kb.near, w)
    if not ka.sentence or not kb.sentence:
        return near
    return near_share * near + (1 - near_share) * _overlap(ka.sentence, kb.sentence, w)


def match_score(
    a: Claim,
    b: Claim,
    aligned: bool,
    settings: CompareSettings | None = None,
    *,
    keys: Mapping[str, _Keys] | None = None,
    weight: Mapping[str, float] | None = None,
) -> float:
    """How likely two claims of different documents state the same fact (0..1); 0 when their
    kinds or counted nouns cannot fit, when their figures are too far apart to be one fact
    (more than twice as large, or ten years apart), or when they share too little context.

    Evidence adds up: shared context (rare keys weigh more), close figures (counting for
    more the more specific the figure, :func:`specificity`), aligned paragraphs, the same
    counted noun.

    ``keys`` (near and sentence keys by claim id) and ``weight`` (by key) come from
    :func:`find_discrepancies`; without them the claims' own context keys count alike.
    """
    s = settings or CompareSettings()
    fa, fb = _family(a), _family(b)
    if fa is None or fa != fb:
        return 0.0
    if a.unit and b.unit and a.unit != b.unit:
        return 0.0
    close = _closeness(a, b)
    if close <= 0.0:
        return 0.0
    context = _context_overlap(a, b, keys, weight, s.near_share)
    figure = close * min(specificity(a), specificity(b))
    if context < s.min_context * (1.0 - figure):  # the same telling figure needs no context
        return 0.0
    unit = 1.0 if a.unit and a.unit == b.unit else 0.0
    return (
        s.w_context * context
        + s.w_closeness * figure
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
    if c.value is None and c.low is not None and c.high is not None and c.low != c.high:
        fmt = (lambda x: f"{x:g}") if _family(c) == "time" else _fmt
        figure = f"{fmt(c.low)}–{fmt(c.high)}"
    else:
        figure = c.text
    q = "" if c.qualifier == "exact" else f" ({c.qualifier})"
    return f"{figure}{q}"


def _quote(c: Claim, limit: int = 90) -> str:
    """The claim's sentence, cut to about ``limit`` characters around the figure.

    >>> from sourcecompare.model import Claim
    >>> long = ("North Korea is also believed to have kidnapped between 70 and 80 Japanese "
    ...         "citizens between 1977 and 1983 in order to teach the Japanese language.")
    >>> c = Claim("x", "d", 0, 0, "range", None, 1977, 1983, "exact", "year", "",
    ...           "between 1977 and 1983", 0, 0, sentence_text=long)
    >>> "between 1977 and 1983" in _quote(c, 60)
    True
    """
    text = " ".join(c.sentence_text.split())
    if len(text) <= limit:
        return text
    at = text.find(" ".join(c.text.split()))
    if at < 0:
        return text[: limit - 1] + "…"
    start = max(0, min(at - (limit - len(c.text)) // 2, len(text) - limit))
    end = start + limit
    # Latin script: cut between words, not inside one
    if start and text[start - 1].isascii() and text[start - 1].isalnum():
        space = text.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    if end < len(text) and text[end - 1].isascii() and text[end - 1].isalnum():
        space = text.rfind(" ", at + len(c.text), end)
        end = space if space >= 0 else end
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _years(n: float) -> str:
    n = round(n, 1)
    if n < 1:
        months = max(1, round(n * 12))
        return f"{months} month{'s' if months != 1 else ''}"
    return f"{n:g} year{'s' if n != 1 else ''}"


def _time_gap(claims: Sequence[Claim]) -> str:
    """How far apart conflicting times are: the ends of periods, else the times themselves.

    >>> from sourcecompare.model import Claim
    >>> def r(low, high):
    ...     return Claim("x", "d", 0, 0, "range", None, low, high, "exact", "year", "", "", 0, 0)
    >>> _time_gap([r(1977, 1983), r(1977, 1988)])
    'start the same, end 5 years apart'
    """
    spans = [_time_span(c) for c in claims]
    if all(_is_period(c) for c in claims):
        starts = max(s for s, _ in spans) - min(s for s, _ in spans)
        ends = max(e for _, e in spans) - min(e for _, e in spans)
        start = "start the same" if starts == 0 else f"start {_years(starts)} apart"
        end = "end the same" if ends == 0 else f"end {_years(ends)} apart"
        return f"{start}, {end}"
    points = [p for p in (_point(c) for c in claims) if p is not None]
    return f"{_years(max(points) - min(points))} apart"


def _explain(relation: Relation, claims: Sequence[Claim]) -> str:
    parts = [f"{c.document} says {_describe(c)}: “{_quote(c)}”" for c in claims]
    text = "; ".join(parts)
    if relation is Relation.ONE_SIDED:
        c = claims[0]
        return f"only {c.document} gives this figure: {_describe(c)}: “{_quote(c)}”"
    points = [p for p in (_point(c) for c in claims) if p is not None]
    if relation is Relation.CONFLICT and _family(claims[0]) == "time":
        return f"{text}: {_time_gap(claims)}"
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


def _claim_keys(docs: Mapping[str, Document], claims: Sequence[Claim]) -> dict[str, _Keys]:
    """Near and whole-sentence context keys of each claim (sentences read once each)."""
    from .claims.context import keys as context_keys

    cache: dict[tuple[str, str], frozenset[str]] = {}
    out: dict[str, _Keys] = {}
    for c in claims:
        language = docs[c.document].language
        sentence = c.sentence_text
        found = cache.get((language, sentence))
        if found is None:
            found = frozenset(
                context_keys(sentence, 0, 0, language, sentence=(0, len(sentence)), window=10**6)
            )
            cache[(language, sentence)] = found
        out[c.id] = _Keys(frozenset(c.context), found | frozenset(c.context))
    return out


def _rarity(all_keys: Iterable[_Keys]) -> dict[str, float]:
    """``log(1 + N / df)`` of each key over the claims compared: rare keys weigh more."""
    df: dict[str, int] = {}
    n = 0
    for k in all_keys:
        n += 1
        for key in k.sentence:
            df[key] = df.get(key, 0) + 1
    return {key: math.log(1 + n / d) for key, d in df.items()}


class _ValueIndex:
    """The claims of one document by family and point value, to find the candidates of a
    claim without trying every pair: within a factor of two, or ten years."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        by_family: dict[str, list[tuple[float, int, Claim]]] = {}
        for n, c in enumerate(claims):
            family, point = _family(c), _point(c)
            if family is not None and point is not None:
                by_family.setdefault(family, []).append((point, n, c))
        for entries in by_family.values():
            entries.sort(key=lambda e: e[:2])
        self._points = {f: [p for p, _, _ in v] for f, v in by_family.items()}
        self._claims = {f: [c for _, _, c in v] for f, v in by_family.items()}

    def near(self, claim: Claim) -> list[Claim]:
        family, point = _family(claim), _point(claim)
        if family is None or point is None or family not in self._points:
            return []
        if family == "time":
            low, high = point - 10, point + 10
        elif point > 0:
            low, high = point / 2, point * 2
        else:
            return []
        points = self._points[family]
        return self._claims[family][bisect_left(points, low) : bisect_right(points, high)]


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

    keys = _claim_keys(docs, [c for cs in matchable.values() for c in cs])
    weight = _rarity(keys.values())
    edges: list[tuple[float, str, str]] = []
    for da, db in combinations([d.id for d in documents], 2):
        index = _ValueIndex(matchable.get(db, []))
        for a in matchable.get(da, []):
            candidates = index.near(a)
            if len(candidates) > MAX_CANDIDATES:
                # candidates from aligned paragraphs first, then the closest figures
                point = _point(a) or 0.0
                candidates = sorted(
                    candidates,
                    key=lambda b: (
                        (da, a.paragraph, db, b.paragraph) not in aligned,
                        abs((_point(b) or 0.0) - point),
                        b.id,
                    ),
                )[:MAX_CANDIDATES]
            for b in candidates:
                aligned_pair = (da, a.paragraph, db, b.paragraph) in aligned
                score = match_score(a, b, aligned_pair, s, keys=keys, weight=weight)
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


def _with_reviewed(alignment: Alignment, folder: Path) -> Alignment:
    """``alignment`` with the reviewed links of its saved file in ``folder``, if there is one."""
    from .align.store import file_name, load, merge_reviewed

    path = folder / file_name(alignment.source, alignment.target)
    if not path.is_file():
        return alignment
    return merge_reviewed(alignment, load(path))


def compare(
    inputs: Iterable[str | Path | Document],
    *,
    mode: str | None = None,
    settings: CompareSettings | None = None,
    alignments: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Read (or take) documents, extract their claims, align every pair and find discrepancies.

    ``inputs`` are files, corpus folders (with a ``manifest.toml``) or :class:`Document` values.
    ``alignments`` is a folder of saved alignments (``sourcecompare align --save``): the links a
    person marked reviewed there are used as they are.  ``progress`` is called with a short
    description before each step (the CLI shows a bar).
    """
    from ._version import __version__
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
    aligned: list[Alignment] = []
    for a, b in combinations(docs, 2):
        step(f"align: {a.id} ~ {b.id}")
        alignment = align(a, b, mode=mode)
        if alignments is not None:
            alignment = _with_reviewed(alignment, Path(alignments))
        aligned.append(alignment)
    step("comparing")
    findings = find_discrepancies(docs, claims, aligned, s)
    align_sig = aligned[0].signature if aligned else "align:none"
    signature = f"sourcecompare:{__version__}|{segment_signature()}|{align_sig}|{s.signature()}"
    return Report(
        documents=tuple(docs),
        alignments=tuple(aligned),
        claims=tuple(claims),
        findings=findings,
        signature=signature,
    )
