"""The vectorised band scoring (``_Direction.rows``) against plain loops over cells."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.align.scorers import LLRScorer, PreparedLLR, Side, _Direction

KEYS = ["a", "b", "c", "d", "e", "f"]


def plain_rows(d: _Direction, lo, hi, spans, what: str) -> dict[int, list[list[float]]]:
    """Each cell's sum, token by token, with the formulas of the docstring of ``rows``."""
    n_b = len(d.b.units)
    out: dict[int, list[list[float]]] = {s: [] for s in spans}
    for i, unit in enumerate(d.a.units):
        for span in spans:
            row = []
            for j in range(int(lo[i]), int(hi[i])):
                length = d.b_prefix[min(j + span, n_b)] - d.b_prefix[min(j, n_b)]
                total = 0.0
                for t in unit.tolist():
                    live = d.r[t] > 0 if what == "llr" else d.q[t] > 0
                    if not live:
                        continue
                    hit = any(j <= u < j + span for u in d.hits[t].tolist())
                    p = min(max(-math.expm1(d.log1mq[t] * length), 1e-9), 1 - 1e-9)
                    w = -math.log(max(d.q[t], 1e-6))
                    if what == "surprise":
                        total += w * (hit - p)
                    elif what == "variance":
                        total += w * w * p * (1 - p)
                    else:
                        rp = max(d.r[t], p)
                        total += math.log(rp / p) if hit else math.log1p(-rp) - math.log1p(-p)
                row.append(total)
            out[span].append(row)
    return out


tokens = st.frozensets(st.sampled_from(KEYS), min_size=1, max_size=2)
units = st.lists(st.lists(tokens, max_size=6), min_size=1, max_size=9)


@settings(max_examples=60, deadline=None)
@given(units, units, st.data())
def test_rows_are_the_plain_sums(a_units, b_units, data) -> None:
    a = Side.build(a_units, [0] * len(a_units))
    b = Side.build(b_units, [0] * len(b_units))
    d = _Direction(a, b, 0.3)
    n, m = len(a_units), len(b_units)
    lo = np.array([data.draw(st.integers(0, m)) for _ in range(n)], dtype=np.int64)
    hi = np.array([data.draw(st.integers(int(x), m)) for x in lo], dtype=np.int64)
    spans = sorted(set(data.draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))))
    block = data.draw(st.one_of(st.none(), st.integers(1, 4)))
    for what in ("llr", "surprise", "variance"):
        fast = d.rows(lo, hi, spans, block=block, what=what)
        plain = plain_rows(d, lo, hi, spans, what)
        for span in spans:
            assert len(fast[span]) == n
            for got, want in zip(fast[span], plain[span], strict=True):
                assert len(got) == len(want)
                np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)


def plain_statistics(a: Side, b: Side, hit_rate: float) -> tuple[list[list[int]], list[float]]:
    """Each a type's hit units and found count, by plain loops over types, keys and units:
    a type hits every b unit holding a type that shares a key with it, and is found in as
    many b tokens as those types have."""
    hits: list[list[int]] = []
    found: list[float] = []
    b_count = b.counts().tolist()
    for keys in a.type_keys:
        matched = [bt for bt, b_keys in enumerate(b.type_keys) if keys & b_keys]
        hits.append(sorted({u for u, unit in enumerate(b.units) for bt in matched
                            if bt in unit.tolist()}))  # fmt: skip
        found.append(float(sum(b_count[bt] for bt in matched)))
    return hits, found


@settings(max_examples=80, deadline=None)
@given(units, units, st.data())
def test_direction_statistics_are_the_plain_ones(a_units, b_units, data) -> None:
    a = Side.build(a_units, [0] * len(a_units))
    b = Side.build(b_units, [0] * len(b_units))
    if data.draw(st.booleans()):  # a unit holding one type twice (as parallel mode gives)
        b = Side([np.concatenate([u, u]) for u in b.units], b.type_keys, b.lengths)
    hits, found = plain_statistics(a, b, 0.3)
    for d in (_Direction(a, b, 0.3), PreparedLLR.directions(LLRScorer("lexical"), a, b)[0]):
        assert [h.tolist() for h in d.hits] == hits
        assert d.posting.tolist() == [len(h) for h in hits]
        total = max(1.0, float(b.counts().sum()))
        assert d.q.tolist() == np.clip(np.array(found) / total, 0.0, 0.999).tolist()
        want_r = 0.3 * np.minimum(1.0, np.array(found) / np.maximum(1.0, a.counts()))
        assert d.r.tolist() == np.clip(want_r, 0.0, 0.999).tolist()
        types = np.array(data.draw(st.lists(st.integers(0, len(hits) - 1), max_size=5))
                         if hits else [], dtype=np.int64)  # fmt: skip
        cols, counts = d.hits_of(types)
        assert cols.tolist() == [u for t in types.tolist() for u in hits[t]]
        assert counts.tolist() == [len(hits[t]) for t in types.tolist()]


def test_a_side_without_units_or_tokens() -> None:
    empty = Side.build([], [])
    some = Side.build([[frozenset({"a"})], []], [0, 0])
    for a, b in ((empty, some), (some, empty), (empty, empty)):
        d = _Direction(a, b, 0.3)
        assert [h.tolist() for h in d.hits] == plain_statistics(a, b, 0.3)[0]
