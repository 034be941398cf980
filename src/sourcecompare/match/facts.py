"""Grouping candidates into facts: pairs are taken best first; each claim matches at most one
claim in each other document, and a fact holds at most one claim per document.  A fact stated
by three documents is one group of three claims."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .candidates import Candidate

__all__ = ["Fact", "group"]


@dataclass(frozen=True)
class Fact:
    """Claims of different documents judged to state one fact, with the candidate pairs that
    joined them (``confidence``: the weakest of those pairs' scores)."""

    claims: tuple[str, ...]
    pairs: tuple[Candidate, ...]
    confidence: float


def group(candidates: Sequence[Candidate], document_of: Mapping[str, str]) -> tuple[Fact, ...]:
    """Facts from candidates (best first), sorted by their claim ids."""
    group_of: dict[str, int] = {}
    groups: dict[int, dict[str, str]] = {}  # group -> document -> claim id
    pairs: dict[int, list[Candidate]] = {}
    fresh = 0
    for cand in candidates:
        x, y = cand.a, cand.b
        gx, gy = group_of.get(x), group_of.get(y)
        if gx is not None and gx == gy:
            continue
        members_x = groups[gx] if gx is not None else {document_of[x]: x}
        members_y = groups[gy] if gy is not None else {document_of[y]: y}
        if set(members_x) & set(members_y):
            continue  # would put two claims of one document in the same fact
        if gx is not None:
            target = gx
        elif gy is not None:
            target = gy
        else:
            target, fresh = fresh, fresh + 1
        joined = pairs.get(gx, []) if gx is not None else []
        joined = joined + (pairs.get(gy, []) if gy is not None else []) + [cand]
        for g in (gx, gy):
            if g is not None and g != target:
                groups.pop(g)
                pairs.pop(g)
        groups[target] = {**members_x, **members_y}
        pairs[target] = joined
        for cid in groups[target].values():
            group_of[cid] = target
    facts = [
        Fact(
            claims=tuple(sorted(groups[g].values())),
            pairs=tuple(pairs[g]),
            confidence=min(p.score for p in pairs[g]),
        )
        for g in groups
    ]
    return tuple(sorted(facts, key=lambda f: f.claims))
