"""The rare-anchor candidate index of comparable alignment: score only the pairs of units
that could pass the threshold, with the same scores as :func:`.modes.pair_scores`.

Scoring every pair of units grows with the square of the documents' length.  A pair of units
scores well only when they share tokens (a shared rare token weighs a lot: a figure, a name, a
rare gloss), so:

1. **Candidates from the index.**  A token type whose counterparts sit in at most
   :data:`RARE_POSTINGS` units of the other side is a *rare* key; every pair of units that
   shares one, in either direction, is a candidate (a key's few units times the units holding
   it: linear in the length while keys stay rare).
2. **A bound for the rest.**  A pair that shares no rare key has hits of common tokens only.
   Its forward sum ``sum w (hit - p)`` is at most ``C_i - P_i(L_j)`` (every common token of
   unit ``i`` hitting; ``P`` the chance part, which depends on the other unit's token count
   ``L_j`` alone) and its variance is exactly ``V_i(L_j)``: so each unit has a best z score it
   could reach against any unit it shares no rare key with, computed once per distinct unit
   length.  A pair whose two bounds reach the threshold becomes a candidate too (for two texts
   in one language the threshold is lowered by the most the token-set bonus can add).  When
   that makes the candidates more than :data:`DENSE_SHARE` of all pairs, every pair is scored
   (:func:`dense_scores`: one matrix product for the common tokens).
3. **Exact scores** for the candidates, vectorised: the hit sums by one sorted-key lookup of
   (token type, unit) pairs, the chance and variance parts from the per-length tables.

Every pair left out scores below the threshold, so the links (:func:`.modes.comparable_links`)
are those of scoring every pair; the tests hold the two paths to the same links.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .scorers import _Direction

__all__ = [
    "DENSE_SHARE",
    "RARE_POSTINGS",
    "RARE_SHARE",
    "Candidates",
    "FamilyPair",
    "Index",
    "candidate_scores",
    "dense_scores",
]

#: a token type is a rare key when its counterparts sit in at most this many units, or at
#: most this share of the other side's units
RARE_POSTINGS = 16
RARE_SHARE = 0.05
#: above this share of all pairs as candidates, scoring every pair densely is cheaper
DENSE_SHARE = 0.3
#: floating-point slack of the bound (its sums run in another order than the scores')
_SLACK = 1e-6


@dataclass(frozen=True)
class FamilyPair:
    """One token family's two directions and its weight."""

    weight: float
    forward: _Direction  # source tokens looked up in target units
    backward: _Direction  # target tokens looked up in source units


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs ``(rows[k], cols[k])`` and their scores (``None``: too many, score
    every pair)."""

    rows: np.ndarray
    cols: np.ndarray
    scores: np.ndarray


class _Tables:
    """One direction's per-unit sums: token occurrences of each unit of side a (live types
    only), the weight of its common tokens, and for each distinct token count of the units of
    side b the chance part ``sum w p`` and the variance ``sum w^2 p (1 - p)``."""

    def __init__(self, d: _Direction) -> None:
        n_a, n_b = len(d.a.units), len(d.b.units)
        self.n_b = n_b
        posting = d.posting
        self.w = -np.log(np.maximum(d.q, 1e-6))
        units = [u[posting[u] > 0] for u in d.a.units]  # live tokens: q > 0
        sizes = np.array([len(u) for u in units], dtype=np.int64)
        self.occ = np.concatenate(units) if n_a else np.zeros(0, dtype=np.int64)
        self.owner = np.repeat(np.arange(n_a), sizes)
        self.start = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        self.size = sizes
        rare = posting <= max(RARE_POSTINGS, RARE_SHARE * n_b)
        self.rare = rare
        self.common = np.bincount(
            self.owner, weights=np.where(rare[self.occ], 0.0, self.w[self.occ]), minlength=n_a
        )
        b_len = np.diff(d.b_prefix)
        self.lengths, self.length_of = np.unique(b_len, return_inverse=True)
        p = -np.expm1(np.outer(d.log1mq, self.lengths))
        np.clip(p, 1e-9, 1 - 1e-9, out=p)
        wp = self.w[:, None] * p
        wv = (self.w**2)[:, None] * p * (1 - p)
        self.chance = np.zeros((n_a, len(self.lengths)))
        self.variance = np.zeros((n_a, len(self.lengths)))
        step = max(1, (1 << 20) // max(1, len(self.lengths)))  # occurrences a chunk
        for lo in range(0, len(self.occ), step):
            occ, owner = self.occ[lo : lo + step], self.owner[lo : lo + step]
            np.add.at(self.chance, owner, wp[occ])
            np.add.at(self.variance, owner, wv[occ])
        # (type, b-unit) hit keys, sorted: each type's units are sorted, types in order
        self.hit_keys = d.hit_keys
        self.direction = d
        self.posting = posting

    def rare_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """(a-unit, b-unit) pairs sharing a rare key."""
        keep = self.rare[self.occ]
        occ, owner = self.occ[keep], self.owner[keep]
        cols, counts = self.direction.hits_of(occ)
        return np.repeat(owner, counts), cols.astype(np.int64)

    def hit_sums(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """``sum w`` over the live tokens of a-unit ``rows[k]`` that hit b-unit ``cols[k]``."""
        sizes = self.size[rows]
        pair = np.repeat(np.arange(len(rows)), sizes)
        first = np.repeat(self.start[rows] - np.concatenate([[0], np.cumsum(sizes)[:-1]]), sizes)
        types = self.occ[np.arange(len(pair)) + first]
        keys = types * self.n_b + cols[pair]
        at = np.searchsorted(self.hit_keys, keys)
        at = np.minimum(at, max(0, len(self.hit_keys) - 1))
        found = self.hit_keys[at] == keys if len(self.hit_keys) else np.zeros(len(keys), bool)
        return np.bincount(pair, weights=np.where(found, self.w[types], 0.0), minlength=len(rows))


class Index:
    """Both directions' tables of the weighted families, built once for
    :func:`candidate_scores` and :func:`dense_scores`."""

    def __init__(self, families: Sequence[FamilyPair]) -> None:
        self.forward = [(f.weight, _Tables(f.forward)) for f in families]
        self.backward = [(f.weight, _Tables(f.backward)) for f in families]


def candidate_scores(
    families: Sequence[FamilyPair] | Index,
    n: int,
    m: int,
    threshold: float,
    floor: float,
) -> Candidates | None:
    """The candidate pairs and their scores ``(z_f + z_b) / sqrt 2``,
    ``z = sum / sqrt(variance + floor)``; ``None`` when the bound leaves too many pairs
    (score them all)."""
    index = families if isinstance(families, Index) else Index(families)
    fwd, bwd = index.forward, index.backward
    rows_parts, cols_parts = [], []
    for _, t in fwd:
        r, c = t.rare_pairs()
        rows_parts.append(r)
        cols_parts.append(c)
    for _, t in bwd:
        c, r = t.rare_pairs()
        rows_parts.append(r)
        cols_parts.append(c)
    best_f = _best_bound(fwd, n, floor)
    best_b = _best_bound(bwd, m, floor)
    need = math.sqrt(2.0) * threshold - _SLACK
    order = np.sort(best_b)
    reach = m - np.searchsorted(order, need - best_f, side="left")
    if int(reach.sum()) > DENSE_SHARE * n * m:
        return None
    cut = need - best_f
    for i in np.flatnonzero(reach).tolist():
        c = np.flatnonzero(best_b >= cut[i])
        rows_parts.append(np.full(len(c), i, dtype=np.int64))
        cols_parts.append(c.astype(np.int64))
    keys = np.unique(np.concatenate([np.zeros(0, np.int64), *(r * m + c for r, c in zip(
        rows_parts, cols_parts, strict=True))]))  # fmt: skip
    if len(keys) > DENSE_SHARE * n * m:
        return None
    rows, cols = keys // m, keys % m
    z_f = _z(fwd, rows, cols, floor)
    z_b = _z(bwd, cols, rows, floor)
    return Candidates(rows, cols, (z_f + z_b) / np.sqrt(2.0))


def dense_scores(
    families: Sequence[FamilyPair] | Index, n: int, m: int, floor: float
) -> np.ndarray:
    """Every pair's score, vectorised: the hits of common tokens as one matrix product
    (units by common types, times common types by the other side's units), the rare keys'
    hits added pair by pair, the chance and variance parts gathered from the per-length
    tables.  The same numbers as :func:`.modes.pair_scores` (up to rounding)."""
    index = families if isinstance(families, Index) else Index(families)
    z_f = _dense_z(index.forward, n, m, floor)
    z_b = _dense_z(index.backward, m, n, floor).T
    return (z_f + z_b) / np.sqrt(2.0)


def _dense_z(tables: Sequence[tuple[float, _Tables]], n: int, m: int, floor: float) -> np.ndarray:
    num = np.zeros((n, m))
    var = np.zeros((n, m))
    for weight, t in tables:
        hits = np.zeros((n, m))
        common = np.flatnonzero(~t.rare & (t.posting > 0))
        if len(common):
            slot = np.full(len(t.posting), -1, dtype=np.int64)
            slot[common] = np.arange(len(common))
            keep = slot[t.occ] >= 0
            a = np.zeros((n, len(common)))
            a[t.owner[keep], slot[t.occ[keep]]] = t.w[t.occ[keep]]
            b = np.zeros((len(common), m))
            counts = t.posting[common]
            b[np.repeat(np.arange(len(common)), counts), t.direction.hits_of(common)[0]] = 1.0
            hits += a @ b
        keep = t.rare[t.occ]
        occ, owner = t.occ[keep], t.owner[keep]
        if len(occ):
            rows = np.repeat(owner, t.posting[occ])
            cols = t.direction.hits_of(occ)[0]
            np.add.at(hits, (rows, cols.astype(np.int64)), np.repeat(t.w[occ], t.posting[occ]))
        num += weight * (hits - t.chance[:, t.length_of])
        var += weight * weight * t.variance[:, t.length_of]
    return num / np.sqrt(var + floor)


def _z(tables: Sequence[tuple[float, _Tables]], rows: np.ndarray, cols: np.ndarray,
       floor: float) -> np.ndarray:  # fmt: skip
    """Exact z scores of the pairs in one direction, the families' sums and variances added
    as :func:`.modes.pair_scores` adds them."""
    num = np.zeros(len(rows))
    var = np.zeros(len(rows))
    for weight, t in tables:
        length = t.length_of[cols]
        num += weight * (t.hit_sums(rows, cols) - t.chance[rows, length])
        var += weight * weight * t.variance[rows, length]
    return num / np.sqrt(var + floor)


def _best_bound(tables: Sequence[tuple[float, _Tables]], n: int, floor: float) -> np.ndarray:
    """For each unit, the highest z score it could reach against a unit it shares no rare key
    with: every common token hitting, over every combination of the families' unit lengths
    found on the other side."""
    if not tables:
        return np.zeros(n)
    combos = np.unique(np.stack([t.length_of for _, t in tables], axis=1), axis=0)
    best = np.full(n, -np.inf)
    step = max(1, (1 << 22) // max(1, n))
    for lo in range(0, len(combos), step):
        block = combos[lo : lo + step]
        num = np.zeros((n, len(block)))
        var = np.zeros((n, len(block)))
        for k, (weight, t) in enumerate(tables):
            num += weight * (t.common[:, None] - t.chance[:, block[:, k]])
            var += weight * weight * t.variance[:, block[:, k]]
        best = np.maximum(best, (num / np.sqrt(var + floor)).max(axis=1))
    return best
