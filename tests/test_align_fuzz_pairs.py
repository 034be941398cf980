"""The same-language bonus of chosen pairs (``_fuzz_pairs``: one ``cdist`` over a small block,
or one ``cdist`` per source text over its distinct targets) held to the bonus of every pair
(``_fuzz``, one ``cdist``) read at those pairs, as RapidFuzz holds its fast paths."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.align.modes import _fuzz, _fuzz_pairs
from sourcecompare.script import DEFAULT_CONFIG

#: words that repeat, so that texts (and pairs of texts) repeat too
_WORDS = ["the", "Red", "Cross", "1959", "wives", "went", "to", "North", "Korea", ",", "6,837"]
_texts = st.lists(st.sampled_from(_WORDS), max_size=6).map(" ".join)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(_texts, min_size=1, max_size=12),
    st.lists(_texts, min_size=1, max_size=12),
    st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=40),
)
def test_chosen_pairs_score_as_in_the_full_table(
    src: list[str], tgt: list[str], pairs: list[tuple[int, int]]
) -> None:
    pairs = [(i % len(src), j % len(tgt)) for i, j in pairs]
    rows = np.array([i for i, _ in pairs], dtype=np.int64)
    cols = np.array([j for _, j in pairs], dtype=np.int64)
    full = _fuzz(src, tgt, "en", "en", 0.7, DEFAULT_CONFIG)
    chosen = _fuzz_pairs(src, tgt, "en", rows, cols, 0.7, DEFAULT_CONFIG)
    assert chosen.tolist() == full[rows, cols].tolist()


def test_a_few_pairs_of_many_texts_take_the_pairwise_path() -> None:
    # 30 pairs of 30 x 30 distinct texts: the block of their texts is far larger than the pairs
    src = [" ".join([*_WORDS[: k % 10 + 1], str(k)]) for k in range(30)]
    tgt = [" ".join([*_WORDS[k % 7 :], str(k % 4)]) for k in range(30)]
    rows = np.arange(30)
    cols = (rows * 7) % 30
    full = _fuzz(src, tgt, "en", "en", 1.0, DEFAULT_CONFIG)
    assert _fuzz_pairs(src, tgt, "en", rows, cols, 1.0, DEFAULT_CONFIG).tolist() == (
        full[rows, cols].tolist()
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=40))
def test_sources_with_several_targets_on_the_pairwise_path(extra: list[tuple[int, int]]) -> None:
    # every one of 30 x 30 distinct texts in a pair, so the pairwise path is taken, and the
    # extra pairs give a source several targets (and repeat pairs)
    src = [" ".join([*_WORDS[: k % 10 + 1], str(k)]) for k in range(30)]
    tgt = [" ".join([*_WORDS[k % 7 :], str(k)]) for k in range(30)]
    pairs = [(k, (7 * k) % 30) for k in range(30)] + extra
    rows = np.array([i for i, _ in pairs], dtype=np.int64)
    cols = np.array([j for _, j in pairs], dtype=np.int64)
    full = _fuzz(src, tgt, "en", "en", 1.0, DEFAULT_CONFIG)
    assert _fuzz_pairs(src, tgt, "en", rows, cols, 1.0, DEFAULT_CONFIG).tolist() == (
        full[rows, cols].tolist()
    )
