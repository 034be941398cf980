"""Findings from facts: relation, severity, difference, evidence, explanation and a stable id;
one-sided findings for the figures no other document states; and the order they are shown in
(by severity, then the reliability of their sources, then confidence).

Finding ids derive from the document ids and the normalised claims (kind, unit, interval,
context), not from positions, so an edit elsewhere in a document keeps them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from functools import lru_cache

from ..model import (
    OTHER_TIER_RANK,
    RELATION_ORDER,
    SEVERITY_ORDER,
    TIER_RANK,
    Claim,
    Finding,
    Relation,
    Severity,
)
from . import figures as fig
from .facts import Fact
from .relations import difference, relate

__all__ = [
    "HIGH_TIERS",
    "FindingIds",
    "findings",
    "one_sided",
    "ordered",
]

#: tiers whose conflicts are of high severity when every source is of them
HIGH_TIERS = frozenset({"peer-reviewed", "encyclopedia"})

_SEVERITY_RANK: Mapping[Severity, int] = {s: i for i, s in enumerate(SEVERITY_ORDER)}
_RELATION_RANK: Mapping[Relation, int] = {r: i for i, r in enumerate(RELATION_ORDER)}


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


class FindingIds:
    """The finding ids given so far in one comparison: a fact whose claims hash like another's
    gets the next suffix (``F1a2b3c4d5e-2``), kept per base id so that a figure repeated a
    thousand times does not try every suffix before it."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}

    def __contains__(self, fid: object) -> bool:
        return fid in self._taken

    def give(self, base: str) -> str:
        n = self._next.get(base, 1)
        fid = base if n == 1 else f"{base}-{n}"
        while fid in self._taken:
            n += 1
            fid = f"{base}-{n}"
        self._taken.add(fid)
        self._next[base] = n + 1
        return fid


def _finding_id(claims: Sequence[Claim], taken: FindingIds) -> str:
    digest = hashlib.sha1("\n".join(sorted(_claim_key(c) for c in claims)).encode("utf-8"))
    return taken.give("F" + digest.hexdigest()[:10])


#: how a base unit is named in an explanation
BASE_UNIT_NAMES = {"d": "days", "m": "metres", "kg": "kilograms", "m2": "square metres"}


def _fmt(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


def _describe(c: Claim) -> str:
    if c.value is None and c.low is not None and c.high is not None and c.low != c.high:
        fmt = (lambda x: f"{x:g}") if fig.family(c) == "time" else _fmt
        figure = f"{fmt(c.low)}–{fmt(c.high)}"
    else:
        figure = c.text
    q = "" if c.qualifier == "exact" else f" ({c.qualifier})"
    return f"{figure}{q}"


@lru_cache(maxsize=256)
def _squeezed(text: str) -> str:
    """``text`` with its runs of white space made one space (once per sentence, not once per
    figure of a long sentence)."""
    return " ".join(text.split())


def quote(c: Claim, limit: int = 90) -> str:
    """The claim's sentence, cut to about ``limit`` characters around the figure.

    >>> from sourcecompare.model import Claim
    >>> long = ("North Korea is also believed to have kidnapped between 70 and 80 Japanese "
    ...         "citizens between 1977 and 1983 in order to teach the Japanese language.")
    >>> c = Claim("x", "d", 0, 0, "range", None, 1977, 1983, "exact", "year", "",
    ...           "between 1977 and 1983", 0, 0, sentence_text=long)
    >>> "between 1977 and 1983" in quote(c, 60)
    True
    """
    text = _squeezed(c.sentence_text)
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
    periods = [c for c in claims if fig.is_period(c)]
    if len(periods) >= 2:  # two periods: which end differs (a year or decade beside them agrees)
        claims = periods
    spans = [fig.time_span(c) for c in claims]
    if all(fig.is_period(c) for c in claims):
        starts = max(s for s, _ in spans) - min(s for s, _ in spans)
        ends = max(e for _, e in spans) - min(e for _, e in spans)
        start = "start the same" if starts == 0 else f"start {_years(starts)} apart"
        end = "end the same" if ends == 0 else f"end {_years(ends)} apart"
        return f"{start}, {end}"
    points = [p for p in (fig.point(c) for c in claims) if p is not None]
    return f"{_years(max(points) - min(points))} apart"


def explain(relation: Relation, claims: Sequence[Claim]) -> str:
    """One line of English for a finding (the renderers add its evidence)."""
    if relation is Relation.ONE_SIDED:  # (before the line of every claim, which it does not use)
        c = claims[0]
        return f"only {c.document} gives this figure: {_describe(c)}: “{quote(c)}”"
    parts = [f"{c.document} says {_describe(c)}: “{quote(c)}”" for c in claims]
    text = "; ".join(parts)
    if relation is Relation.POSSIBLE:
        text = f"perhaps the same fact (thin evidence): {text}"
    conflicting = relation in (Relation.CONFLICT, Relation.POSSIBLE)
    if conflicting and fig.family(claims[0]) == "time":
        return f"{text}: {_time_gap(claims)}"
    points = [fig.point(c) for c in claims]
    values = [c.value if c.value is not None else p for c, p in zip(claims, points, strict=True)]
    shown = [v for v in values if v is not None]
    base = [p for c, p in zip(claims, points, strict=True) if fig.in_base_unit(c) and p is not None]
    if conflicting and len(base) >= 2 and len({c.unit for c in claims}) == 1:
        # durations and measurements: their numbers as written are in different units (six
        # weeks, 四个月), their intervals in one (days)
        lo, hi = min(base), max(base)
        gap = round(hi - lo) if claims[0].unit == "d" else hi - lo
        rel = f" ({(hi - lo) / lo:.1%})" if lo > 0 else ""
        unit = BASE_UNIT_NAMES.get(claims[0].unit, claims[0].unit)
        return f"{text}: about {_fmt(gap)} {unit} apart{rel}"
    if conflicting and len(shown) >= 2:
        same_unit = len({c.unit for c in claims}) == 1
        nums = shown if same_unit else [p for p in points if p is not None]
        lo, hi = min(nums), max(nums)
        gap = hi - lo
        rel = f" ({gap / lo:.1%})" if lo > 0 else ""
        return f"{text}: {_fmt(gap)} apart{rel}" if same_unit else f"{text}: differ{rel}"
    if relation is Relation.COMPATIBLE:
        return f"{text}: consistent only as an approximation or range"
    return f"{text}: the same figure"


def _severity(relation: Relation, claims: Sequence[Claim], tiers: Mapping[str, str]) -> Severity:
    if relation is Relation.CONFLICT:
        if all(tiers.get(c.document, "") in HIGH_TIERS for c in claims):
            return Severity.HIGH
        return Severity.MEDIUM
    if relation in (Relation.POSSIBLE, Relation.COMPATIBLE):
        return Severity.LOW
    return Severity.INFO


def findings(
    facts: Sequence[Fact],
    claims: Mapping[str, Claim],
    tiers: Mapping[str, str],
    taken: FindingIds | None = None,
) -> tuple[Finding, ...]:
    """One finding per fact, its claims in document order."""
    ids = taken if taken is not None else FindingIds()
    out: list[Finding] = []
    for fact in facts:
        members = sorted((claims[c] for c in fact.claims), key=lambda c: c.document)
        relation = relate(fact, claims)
        attribute = next((p.attribute for p in fact.pairs if p.attribute), "")
        evidence: list[str] = []
        for p in fact.pairs:
            for line in p.evidence:
                if line not in evidence:
                    evidence.append(line)
        out.append(
            Finding(
                id=_finding_id(members, ids),
                relation=relation,
                severity=_severity(relation, members, tiers),
                confidence=round(min(1.0, fact.confidence), 3),
                claims=tuple(members),
                explanation=explain(relation, members),
                subject=attribute or _what(members[0]),
                difference=difference(relation, members, attribute),
                evidence=tuple(evidence),
            )
        )
    return tuple(out)


def _what(c: Claim) -> str:
    """What a figure counts or measures, for a finding with no attribute: its unit (``person``,
    ``USD``), or for a figure held in its dimension's base unit (a duration in days, a length
    in metres) the dimension (``duration``), not the base unit's symbol (``d``)."""
    if fig.in_base_unit(c):
        return fig.dimension(c) or c.unit
    return c.unit


def one_sided(claims: Sequence[Claim], taken: FindingIds | None = None) -> tuple[Finding, ...]:
    """A one-sided finding for each claim of a comparable kind."""
    ids = taken if taken is not None else FindingIds()
    return tuple(
        Finding(
            id=_finding_id([c], ids),
            relation=Relation.ONE_SIDED,
            severity=Severity.INFO,
            confidence=1.0,
            claims=(c,),
            explanation=explain(Relation.ONE_SIDED, [c]),
            subject=_what(c),
        )
        for c in claims
    )


def ordered(found: Sequence[Finding], tiers: Mapping[str, str]) -> tuple[Finding, ...]:
    """Findings in the order they are shown: by relation (one-sided last), severity, the
    reliability of their best source, then confidence and id."""

    def reliability(f: Finding) -> int:
        ranks = [TIER_RANK.get(tiers.get(c.document, ""), OTHER_TIER_RANK) for c in f.claims]
        return min(ranks) if ranks else 9

    return tuple(
        sorted(
            found,
            key=lambda f: (
                f.relation is Relation.ONE_SIDED,
                _SEVERITY_RANK[f.severity],
                _RELATION_RANK[f.relation],
                reliability(f),
                -f.confidence,
                f.id,
            ),
        )
    )
