"""The dynamic program: the banded fast path against the plain full-table oracle."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecompare.align.dp import (
    BEADS,
    Band,
    align_band,
    align_fast,
    align_plain,
    path_cells,
    path_score,
)


class TableScores:
    """Scores from a random table: one value per (bead, start cell)."""

    def __init__(self, n: int, m: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.values = {shape: rng.normal(size=(n + 1, m + 1)) for shape in BEADS}

    def score(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        return self.values[(a, b)][i, js]


class TopicScores:
    """Units are sets of topic numbers; a bead scores the topics its two sides share.

    Merging units in pairs (the coarse level) merges their topic sets, so the same scorer
    works at every level of :func:`align_fast`.
    """

    def __init__(self, src: list[frozenset[int]], tgt: list[frozenset[int]]) -> None:
        self.src, self.tgt = src, tgt

    def score(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0:
            return np.full(len(js), -4.0)
        left = frozenset().union(*self.src[i : i + a])
        out = []
        for j in js.tolist():
            right = frozenset().union(*self.tgt[j : j + b])
            out.append(3.0 * len(left & right) - 1.0 * len(left ^ right) - 1.5 * (a + b - 2))
        return np.asarray(out, dtype=float)

    def coarsen(self):
        def merge(units: list[frozenset[int]]) -> list[frozenset[int]]:
            return [frozenset().union(*units[k : k + 2]) for k in range(0, len(units), 2)]

        coarse = TopicScores(merge(self.src), merge(self.tgt))
        return len(coarse.src), len(coarse.tgt), coarse, coarse.coarsen


@settings(deadline=None)
@given(st.integers(0, 7), st.integers(0, 7), st.integers(0, 2**32 - 1))
def test_full_band_equals_plain_program(n: int, m: int, seed: int) -> None:
    scores = TableScores(n, m, seed)
    fast, total = align_band(n, m, scores, Band.full(n, m))
    plain = align_plain(n, m, scores)
    assert fast == plain
    assert total == __import__("pytest").approx(path_score(plain, scores))


@st.composite
def planted(draw: st.DrawFn) -> tuple[list[frozenset[int]], list[frozenset[int]]]:
    """A random monotone bead path, each bead sharing its own topics on both sides."""
    shapes = draw(
        st.lists(st.sampled_from([(1, 1)] * 6 + [(1, 2), (2, 1), (1, 0), (0, 1)]), max_size=60)
    )
    src: list[frozenset[int]] = []
    tgt: list[frozenset[int]] = []
    topic = 0
    for a, b in shapes:
        for _ in range(a):
            src.append(frozenset({topic, topic + 1}))
            topic += 2
        for _ in range(b):
            tgt.append(frozenset({topic - 2, topic - 1} if a else {topic}))
            topic += 0 if a else 1
    return src, tgt


@settings(deadline=None, max_examples=40)
@given(planted(), st.integers(1, 4))
def test_banded_fast_path_matches_the_oracle(
    units: tuple[list[frozenset[int]], list[frozenset[int]]], radius: int
) -> None:
    src, tgt = units
    scores = TopicScores(src, tgt)
    n, m = len(src), len(tgt)
    fast, band = align_fast(n, m, scores, scores.coarsen, full_limit=16, radius=radius)
    oracle = align_plain(n, m, scores)
    assert path_score(fast, scores) == __import__("pytest").approx(path_score(oracle, scores))
    # the band is narrow when the inputs are long against its radius: linear, not the full
    # table (at 21 x 21 a band of radius 4 is about 11 cells a row, half of the table's 22)
    if n > 8 * radius + 8 and m > 8 * radius + 8:
        assert band.cells < (n + 1) * (m + 1) / 2


@settings(deadline=None, max_examples=40)
@given(
    st.lists(st.frozensets(st.integers(0, 12), max_size=3), min_size=1, max_size=25),
    st.lists(st.frozensets(st.integers(0, 12), max_size=3), min_size=1, max_size=25),
)
def test_fast_path_is_a_valid_path_never_better_than_the_oracle(
    src: list[frozenset[int]], tgt: list[frozenset[int]]
) -> None:
    scores = TopicScores(src, tgt)
    n, m = len(src), len(tgt)
    fast, _ = align_fast(n, m, scores, scores.coarsen, full_limit=9, radius=2)
    assert [k for s, _ in fast for k in s] == list(range(n))
    assert [k for _, t in fast for k in t] == list(range(m))
    assert all((len(s), len(t)) in BEADS for s, t in fast)
    assert path_score(fast, scores) <= path_score(align_plain(n, m, scores), scores) + 1e-9


@given(
    st.integers(1, 30),
    st.integers(1, 30),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=10),
    st.integers(0, 4),
)
def test_band_is_monotone_and_holds_both_corners(
    n: int, m: int, cells: list[tuple[int, int]], radius: int
) -> None:
    cells = [(min(i, n), min(j, m)) for i, j in cells]
    band = Band.around(n, m, cells, radius)
    assert band.lo[0] == 0 and band.hi[n] == m + 1
    assert all(np.diff(band.lo) >= 0) and all(np.diff(band.hi) >= 0)
    assert all(band.lo < band.hi)
    for i, j in cells:
        assert band.lo[i] <= j < band.hi[i]


def test_path_cells() -> None:
    assert path_cells([((0,), (0, 1)), ((1, 2), ())]) == [(0, 0), (1, 2), (3, 2)]


def test_banded_path_with_the_real_scorers_equals_the_full_table() -> None:
    from sourcecompare.align.parallel import ParallelSettings, align_texts

    zh = [
        "那天下午我没有回家。",
        "周远航把我叫住，以老同学的身份请我留下吃饭。",
        "他承认骗我不对，也承认没有按时还钱。",
        "我问，既然你不饿，为什么要等我？",
        "第二天早上，我们一起上山去了。",
        "山上有很多野猪和蛇。",
        "她说她害怕蛇，我说我不怕。",
        "后来我们在山上住了一个月。",
    ]
    en = [
        "I did not go home that afternoon.",
        "Zhou Yuanhang called out to me.",
        "He asked me to stay for dinner as an old classmate.",
        "He admitted that he had been wrong to lie to me, and had not paid the money back on time.",
        "I asked, if he was not hungry, why did he wait for me?",
        "The next morning we went up the mountain together.",
        "There were many wild boars and snakes on the mountain.",
        "She said she was afraid of snakes, and I said I was not.",
        "Later we lived on the mountain for a month.",
    ]
    # six chapters of the same story, numbered so that each copy differs a little
    src = [f"{s}第{k}章" for k in range(6) for s in zh]
    tgt = [f"{s} Chapter {k}." for k in range(6) for s in en]
    weights = {"lexical": 1.0, "anchors": 1.0, "length": 1.0}
    full, _ = align_texts(src, tgt, "zh", "en", weights, settings=ParallelSettings())
    banded, _ = align_texts(
        src, tgt, "zh", "en", weights, settings=ParallelSettings(full_limit=200, radius=3)
    )
    assert banded == full
    assert ((1,), (1, 2)) in full and ((9,), (10, 11)) in full
