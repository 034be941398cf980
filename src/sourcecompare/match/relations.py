"""How the figures of one fact relate, and what the difference is.

The same interval is an *agreement*; overlapping intervals (through approximation, rounding or
containment: a date within a year, a year within a decade) are *compatible*; disjoint ones a
*conflict*, when the evidence that the figures state one fact is strong (the same attribute,
or the same counted noun in a shared context), and a *possible* conflict otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import combinations

from ..model import Claim, Difference, Relation
from . import figures as fig
from .facts import Fact

__all__ = ["difference", "relate", "relation_of"]


def relation_of(a: Claim, b: Claim) -> Relation:
    """How two claims of the same fact relate, by their figures alone.

    Two periods of years, each stated by both ends, conflict when an end differs: kidnappings
    "between 1977 and 1983" and "1977年到1988年間" state different facts.

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
    a_low, a_high = fig.span(a)
    b_low, b_high = fig.span(b)
    if (a_low, a_high) == (b_low, b_high):
        return Relation.AGREEMENT
    exact = a.qualifier == "exact" and b.qualifier == "exact"
    if fig.is_period(a) and fig.is_period(b) and exact:
        return Relation.CONFLICT
    if a.kind == b.kind == "duration":
        return _durations(a, b)
    if fig.family(a) == "time":
        overlap = a_low < b_high and b_low < a_high
    else:
        overlap = a_low <= b_high and b_low <= a_high
    return Relation.COMPATIBLE if overlap else Relation.CONFLICT


def _durations(a: Claim, b: Claim) -> Relation:
    """Two durations: a whole number of a unit is rounded to that unit (``17年`` holds
    ``16 years and 286 days``); against a duration without a number (``數月``, several
    months), the other's number counts without its hedge (``about a month`` is one month,
    not several)."""
    if fig.is_vague_duration(a) != fig.is_vague_duration(b):
        vague, other = (a, b) if fig.is_vague_duration(a) else (b, a)
        (v_low, v_high), (o_low, o_high) = fig.span(vague), fig.core_span(other)
    else:
        (v_low, v_high), (o_low, o_high) = fig.rounded_span(a), fig.rounded_span(b)
    overlap = v_low <= o_high and o_low <= v_high
    return Relation.COMPATIBLE if overlap else Relation.CONFLICT


def relate(fact: Fact, claims: Mapping[str, Claim]) -> Relation:
    """The relation of a fact: the worst of its pairs'.  A conflict is raised when a
    conflicting pair was matched on strong evidence (or, when no conflicting pair was matched
    directly, when the pairs that joined the fact all were); else it is only *possible*."""
    members = [claims[c] for c in fact.claims]
    edges = {frozenset((p.a, p.b)): p for p in fact.pairs}
    relation = Relation.AGREEMENT
    conflicting: list[frozenset[str]] = []
    for a, b in combinations(members, 2):
        r = relation_of(a, b)
        if r is Relation.CONFLICT:
            conflicting.append(frozenset((a.id, b.id)))
        elif r is Relation.COMPATIBLE and relation is Relation.AGREEMENT:
            relation = Relation.COMPATIBLE
    if not conflicting:
        return relation
    direct = [edges[p] for p in conflicting if p in edges]
    strong = any(e.strong for e in direct) if direct else all(e.strong for e in fact.pairs)
    return Relation.CONFLICT if strong else Relation.POSSIBLE


def _years(n: float) -> float:
    return round(n, 2)


def difference(relation: Relation, members: Sequence[Claim], attribute: str = "") -> Difference:
    """The difference between a fact's figures as data: the gap between their points (in the
    family's unit: years for times), the gap relative to the smaller, and for two periods of
    years which end differs."""
    if relation not in (Relation.CONFLICT, Relation.POSSIBLE, Relation.COMPATIBLE):
        return Difference(attribute=attribute)
    points = [p for p in (fig.point(c) for c in members) if p is not None]
    gap = relative = None
    if len(points) >= 2:
        lo, hi = min(points), max(points)
        gap = _years(hi - lo) if fig.family(members[0]) == "time" else hi - lo
        if lo > 0 and fig.family(members[0]) != "time" and math.isfinite(hi):
            relative = round((hi - lo) / lo, 4)
    ends = ""
    periods = [c for c in members if fig.is_period(c)]
    if len(periods) >= 2:
        spans = [fig.time_span(c) for c in periods]
        starts = {s for s, _ in spans}
        finishes = {e for _, e in spans}
        ends = {
            (False, False): "",
            (True, False): "start",
            (False, True): "end",
            (True, True): "both",
        }[(len(starts) > 1, len(finishes) > 1)]
    return Difference(gap=gap, relative=relative, ends=ends, attribute=attribute)
