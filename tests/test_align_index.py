"""The rare-anchor candidate index (issue 10) against scoring every pair: the same links."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.align import index
from sourcecompare.align.modes import (
    FamilyPair,
    PairScores,
    _families,
    comparable_links,
    indexed_scores,
    pair_scores,
    threshold_for,
)
from sourcecompare.lexicon import default

WEIGHTS = {"lexical": 1.0, "anchors": 1.0, "length": 1.0}
NAMES = [("东京", "Tokyo"), ("金日成", "Kim Il Sung"), ("朝鲜", "North Korea"),
         ("日本", "Japan"), ("平壤", "Pyongyang"), ("中国", "China")]  # fmt: skip
WORDS = [("归国", "return"), ("战俘", "prisoners"), ("绑架", "kidnapping"), ("学校", "school"),
         ("工厂", "factory"), ("军队", "army"), ("妻子", "wives")]  # fmt: skip


def generated(seed: int, n: int, share: float, extra: float = 0.2) -> tuple[list[str], list[str]]:
    """``n`` Chinese units of a year, a name, a count and a noun, and the English retelling of
    about ``share`` of them, shuffled (comparable texts: order differs, some have no
    counterpart), and with chance ``extra`` a short English unit of a name and a noun."""
    r = random.Random(seed)
    zh, en = [], []
    for _ in range(n):
        year, num = r.randrange(1900, 2020), r.randrange(10, 99999)
        (zn, ename), (zw, ew) = r.choice(NAMES), r.choice(WORDS)
        zh.append(f"{year}年，{zn}有{num}名{zw}。")
        if r.random() < share:
            en.append(f"In {year}, {ename} had {num:,} {ew}.")
        if r.random() < extra:
            en.append(f"{ename} and the {ew}.")
    r.shuffle(en)
    return zh, en


def same_links(src: list[str], tgt: list[str], sl: str, tl: str) -> list[tuple[int, int, float]]:
    lex = default()
    plain = comparable_links(pair_scores(src, tgt, sl, tl, WEIGHTS, lex))
    fast = comparable_links(indexed_scores(src, tgt, sl, tl, WEIGHTS, lex))
    assert [(i, j) for i, j, _ in fast] == [(i, j) for i, j, _ in plain]
    np.testing.assert_allclose([s for *_, s in fast], [s for *_, s in plain], rtol=0, atol=1e-9)
    return plain


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 60), st.floats(0.0, 1.0))
def test_indexed_links_are_every_pairs_links(seed: int, n: int, share: float) -> None:
    zh, en = generated(seed, n, share)
    if en:
        same_links(zh, en, "zh", "en")


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 40))
def test_indexed_links_same_language(seed: int, n: int) -> None:
    zh, en = generated(seed, n, 0.7)
    other, _ = generated(seed + 1, n, 0.7)
    same_links(zh, zh[::-1] + other, "zh", "zh")
    if en:
        same_links(en, en[::2], "en", "en")


def test_index_scores_few_pairs_and_finds_the_links() -> None:
    """On long generated documents the candidates are a small share of all pairs, and the
    retold units are linked to their originals."""
    zh, en = generated(2, 200, 0.7, extra=0.0)
    lex = default()
    n, m = len(zh), len(en)
    families = [
        FamilyPair(w, f, b) for w, _, _, _, (f, b) in _families(zh, en, "zh", "en", WEIGHTS, lex)
    ]
    found = index.candidate_scores(families, n, m, threshold_for(n, m), 4.0)
    assert found is not None and len(found.rows) < 0.3 * n * m
    links = same_links(zh, en, "zh", "en")
    assert len(links) > 0.5 * m


@pytest.mark.parametrize("seed", [3, 4])
def test_dense_scores_are_pair_scores(seed: int) -> None:
    zh, en = generated(seed, 80, 0.7)
    lex = default()
    families = [
        FamilyPair(w, f, b) for w, _, _, _, (f, b) in _families(zh, en, "zh", "en", WEIGHTS, lex)
    ]
    dense = index.dense_scores(families, len(zh), len(en), 4.0)
    np.testing.assert_allclose(
        dense, pair_scores(zh, en, "zh", "en", WEIGHTS, lex).matrix, rtol=0, atol=1e-9
    )


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 8),
    st.integers(1, 8),
    st.data(),
    st.sampled_from([0.0, 1.5, 3.0]),
)
def test_the_bonus_is_found_for_every_pair_that_could_be_linked(
    n: int, m: int, data: st.DataObject, near_best: float
) -> None:
    """:func:`modes._with_bonus` against adding the bonus to every pair: the same links, with
    ties (scores on a coarse grid) and bonuses anywhere within their bound."""
    from sourcecompare.align.modes import _with_bonus

    most, threshold = 3.0, 2.0
    cells = data.draw(st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, m - 1)), min_size=1))
    rows = np.array([i for i, _ in sorted(cells)], dtype=np.int64)
    cols = np.array([j for _, j in sorted(cells)], dtype=np.int64)
    grid = st.integers(-8, 16).map(lambda k: k / 2)
    scored = np.array(data.draw(st.lists(grid, min_size=len(rows), max_size=len(rows))))
    bonuses = st.sampled_from([-most, -1.5, 0.0, 1.0, 2.5, most, most])  # up to the bound
    table = {c: data.draw(bonuses) for c in sorted(cells)}

    asked: list[tuple[int, int]] = []

    def bonus(r: np.ndarray, c: np.ndarray) -> np.ndarray:
        asked.extend(zip(r.tolist(), c.tolist(), strict=True))
        return np.array([table[i, j] for i, j in zip(r.tolist(), c.tolist(), strict=True)])

    every = np.full((n, m), -np.inf)
    every[rows, cols] = scored + bonus(rows, cols)
    asked.clear()
    pruned = np.full((n, m), -np.inf)
    pruned[rows, cols] = _with_bonus(scored, rows, cols, bonus, most, threshold, near_best, (n, m))
    assert len(asked) == len(set(asked))  # each pair's bonus asked for once at most
    want = comparable_links(PairScores(every), threshold, near_best)
    assert comparable_links(PairScores(pruned), threshold, near_best) == want


def test_the_bonus_is_not_found_for_pairs_far_below_their_best() -> None:
    """A row whose best pair is far ahead of the others: their bonus is not asked for."""
    from sourcecompare.align.modes import _with_bonus

    rows, cols = np.array([0, 0, 0, 1]), np.array([0, 1, 2, 1])
    scored = np.array([20.0, 5.0, 4.0, 19.0])
    asked: list[tuple[int, int]] = []

    def bonus(r: np.ndarray, c: np.ndarray) -> np.ndarray:
        asked.extend(zip(r.tolist(), c.tolist(), strict=True))
        return np.zeros(len(r))

    final = _with_bonus(scored, rows, cols, bonus, 3.0, 3.0, 1.5, (2, 3))
    assert sorted(asked) == [(0, 0), (0, 2), (1, 1)]  # (0, 2): the best of its column
    assert final.tolist() == [20.0, -np.inf, 4.0, 19.0]


def test_links_are_refused_for_other_settings_than_the_scores_were_found_for() -> None:
    """Scores that hold only the pairs some links could take say so: links asked with another
    threshold (or, for one language, another near_best) are refused, not silently wrong."""
    zh, en = generated(5, 30, 0.7)
    lex = default()
    scores = indexed_scores(en, en[::2], "en", "en", WEIGHTS, lex)
    same_links(en, en[::2], "en", "en")  # (the links of every pair, with the defaults)
    with pytest.raises(ValueError, match="near_best"):
        comparable_links(scores, near_best=3.0)
    with pytest.raises(ValueError, match="threshold"):
        comparable_links(scores, threshold=2.0)
    cross = indexed_scores(zh, en, "zh", "en", WEIGHTS, lex)
    comparable_links(cross, near_best=3.0)  # (no bonus: near_best decides nothing left out)
    with pytest.raises(ValueError, match="threshold"):
        comparable_links(cross, threshold=2.0)
