"""The two ways of aligning, chosen by name from :data:`MODES` (or automatically).

``parallel``
    For a text and its translation: one monotone path of beads (:mod:`.parallel`).
``comparable``
    For independent accounts of the same events (an encyclopedia article against a paper, or
    against the other language's article): order differs and most units have no counterpart.
    Every pair of units is scored: in each direction the rarity-weighted hits beyond chance of
    the ``lexical`` and ``anchors`` tokens, divided by their standard deviation against
    random text (a z score, so short and long units compare), the two directions averaged
    (``(z_f + z_b) / sqrt 2``); for two texts in one language a rapidfuzz token-set measure
    is added.  Each unit is linked to
    its best counterparts whose score passes :data:`THRESHOLD` and comes within
    :data:`NEAR_BEST` of its best.  Many-to-many links are allowed.

The threshold is a log-likelihood ratio in nats: a pair is linked when the evidence that it
tells the same thing outweighs the prior odds against a random pair doing so (about one in
the number of units) with a safety margin for the scorers' overconfidence (tokens are not
independent).  ``docs/alignment.md`` shows how it was calibrated.

``auto`` aligns in parallel first and keeps that when the monotone path explains the texts
as a translation (:func:`choose_mode`); otherwise it aligns them as ``comparable``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ..errors import UnknownComponent
from ..lexicon import Lexicon
from ..script import DEFAULT_CONFIG
from .features import Extractor, UnitWords, normalise_zh
from .index import FamilyPair, Index, candidate_scores, dense_scores
from .scorers import LLRScorer, PreparedLLR, Side, Windows, _Direction

__all__ = [
    "MODES",
    "NEAR_BEST",
    "THRESHOLD",
    "PairScores",
    "check_mode",
    "choose_mode",
    "comparable_links",
    "coverage_bound",
    "indexed_scores",
    "pair_scores",
    "path_coverage",
    "threshold_for",
]

log = logging.getLogger(__name__)

MODES: Mapping[str, str] = MappingProxyType(
    {
        "parallel": "monotone beads: a text and its translation",
        "comparable": "best counterparts above a threshold: independent accounts",
        "auto": "parallel when the texts look like translations, else comparable",
    }
)

#: share of units (on both sides) in positive beads of the monotone path for ``auto`` to take
#: the texts for translations (measured: MAC-Dev chapters 0.77-0.96 by sentence; the two
#: "Japanese in North Korea" articles 0.75 by paragraph)
PARALLEL_COVERAGE: Mapping[str, float] = MappingProxyType({"sentence": 0.7, "paragraph": 0.9})
#: R for comparable texts (accounts share fewer words than translations)
COMPARABLE_HIT_RATE = 0.3
#: added to the variance: a short unit with a hit or two is weak evidence whatever its z
VARIANCE_FLOOR = 4.0
#: minimum pair score (a z score) for a comparable link
THRESHOLD = 3.0
#: a unit is also linked to counterparts within this much of its best one
NEAR_BEST = 1.5
#: same-language pairs: the rapidfuzz token-set ratio adds SCALE * (ratio - CENTRE)
FUZZ_SCALE = 6.0
FUZZ_CENTRE = 0.5


def check_mode(name: str) -> str:
    """``name`` if it is a mode, else :class:`UnknownComponent`.

    >>> try:
    ...     check_mode("diagonal")
    ... except UnknownComponent as exc:
    ...     print(exc)
    unknown mode 'diagonal'; valid modes: auto, comparable, parallel
    """
    if name not in MODES:
        raise UnknownComponent("mode", name, list(MODES))
    return name


@dataclass(frozen=True)
class PairScores:
    """Scores of every (source unit, target unit) pair, in nats.  Scores that hold only the
    pairs some links could take (:func:`indexed_scores`) carry the ``threshold`` (and, for two
    texts in one language, the ``near_best``) they were found for: :func:`comparable_links`
    with others would not give the links of every pair, and refuses them."""

    matrix: np.ndarray
    threshold: float | None = None
    near_best: float | None = None

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape


#: the units of one side: bare strings, or the words segmentation made of them
Units = Sequence[str] | Sequence[UnitWords]


def _fuzz_text(unit: str | UnitWords, language: str, config: str) -> str:
    """What the token-set ratio compares: the normalised text (Chinese), the lower-cased
    text (English)."""
    if isinstance(unit, UnitWords):
        return unit.norm if language == "zh" else unit.text.lower()
    return normalise_zh(unit, config) if language == "zh" else unit.lower()


def _families(
    src: Units,
    tgt: Units,
    src_lang: str,
    tgt_lang: str,
    weights: Mapping[str, float],
    lexicon: Lexicon,
    config: str = DEFAULT_CONFIG,
) -> list[tuple[float, LLRScorer, Side, Side, tuple[_Direction, _Direction]]]:
    """Each weighted token family's two sides and token statistics."""
    n, m = len(src), len(tgt)
    extractor = Extractor.for_pair(src_lang, tgt_lang, lexicon, config)
    out = []
    for family in ("lexical", "anchors"):
        weight = weights.get(family, 0.0)
        if not weight:
            continue
        # each distinct token once per unit: a word repeated in one paragraph is one piece of
        # evidence, not several
        a = Side.build(_distinct(extractor.units(src, src_lang, family)), [0] * n)
        b = Side.build(_distinct(extractor.units(tgt, tgt_lang, family)), [0] * m)
        scorer = LLRScorer(family, hit_rate=COMPARABLE_HIT_RATE)
        out.append((weight, scorer, a, b, PreparedLLR.directions(scorer, a, b)))
    return out


def _fuzz(
    src: Units,
    tgt: Units,
    src_lang: str,
    tgt_lang: str,
    weight: float,
    config: str,
) -> np.ndarray:
    """The same-language bonus of every pair: ``weight * SCALE * (ratio - CENTRE)`` of the
    rapidfuzz token-set ratio (one vectorised ``cdist`` call)."""
    from rapidfuzz import fuzz, process

    a_texts = [_fuzz_text(t, src_lang, config) for t in src]
    b_texts = [_fuzz_text(t, tgt_lang, config) for t in tgt]
    ratio = process.cdist(a_texts, b_texts, scorer=fuzz.token_set_ratio, dtype=np.float64)
    return weight * FUZZ_SCALE * (np.asarray(ratio, dtype=np.float64) / 100.0 - FUZZ_CENTRE)


def _fuzz_pairs(
    src: Units,
    tgt: Units,
    language: str,
    rows: np.ndarray,
    cols: np.ndarray,
    weight: float,
    config: str,
) -> np.ndarray:
    """:func:`_fuzz` of the pairs ``(rows[k], cols[k])`` alone: one vectorised ``cdist`` over
    their distinct texts when that block is not much larger than the distinct pairs, else one
    ``cdist`` call per distinct source text against the distinct targets it is paired with."""
    from rapidfuzz import fuzz, process

    def text(t: str | UnitWords) -> str:
        return _fuzz_text(t, language, config)

    # a text repeated (boilerplate, a repeated paragraph) is compared once
    a_ids: dict[str, int] = {}
    b_ids: dict[str, int] = {}
    a_of = {i: a_ids.setdefault(text(src[i]), len(a_ids)) for i in np.unique(rows).tolist()}
    b_of = {j: b_ids.setdefault(text(tgt[j]), len(b_ids)) for j in np.unique(cols).tolist()}
    ra = np.array([a_of[i] for i in rows.tolist()], dtype=np.int64)
    cb = np.array([b_of[j] for j in cols.tolist()], dtype=np.int64)
    a, b = list(a_ids), list(b_ids)
    pair_keys, inverse = np.unique(ra * max(1, len(b)) + cb, return_inverse=True)
    ua, ub = pair_keys // max(1, len(b)), pair_keys % max(1, len(b))
    if len(a) * len(b) <= 4 * len(pair_keys) + 64:
        block = process.cdist(a, b, scorer=fuzz.token_set_ratio, dtype=np.float64)
        ratio = np.asarray(block, dtype=np.float64)[ua, ub]
    else:
        # one cdist call per source text against its own targets: the source is prepared
        # once for all of them (pair_keys are sorted, so each source's pairs are one run)
        ratio = np.empty(len(pair_keys), dtype=np.float64)
        bounds = np.flatnonzero(np.diff(ua)) + 1
        for lo, hi in zip([0, *bounds.tolist()], [*bounds.tolist(), len(ua)], strict=True):
            choices = [b[j] for j in ub[lo:hi].tolist()]
            ratio[lo:hi] = process.cdist(
                [a[int(ua[lo])]], choices, scorer=fuzz.token_set_ratio, dtype=np.float64
            )[0]
    ratio = ratio[inverse.reshape(-1)]
    return weight * FUZZ_SCALE * (ratio / 100.0 - FUZZ_CENTRE)


def pair_scores(
    src: Units,
    tgt: Units,
    src_lang: str,
    tgt_lang: str,
    weights: Mapping[str, float],
    lexicon: Lexicon,
    *,
    config: str = DEFAULT_CONFIG,
) -> PairScores:
    """The z score of every pair of units (see the module's description): every pair scored,
    the obviously right reference that :func:`indexed_scores` is held to.  ``config`` is the
    script normalisation Chinese units are read in (:data:`sourcecompare.script.CONFIGS`)."""
    n, m = len(src), len(tgt)
    matrix = np.zeros((n, m))
    if n == 0 or m == 0:
        return PairScores(matrix)
    lo = np.zeros(n + 1, dtype=np.int64)
    hi = np.full(n + 1, m + 1, dtype=np.int64)
    windows = Windows.from_band(lo, hi, n, m, ((1, 1),))
    num = {"f": np.zeros((n, m)), "b": np.zeros((n, m))}
    var = {"f": np.zeros((n, m)), "b": np.zeros((n, m))}
    for weight, scorer, a, b, directions in _families(
        src, tgt, src_lang, tgt_lang, weights, lexicon, config
    ):
        for what, into in (("surprise", num), ("variance", var)):
            prepared = PreparedLLR(scorer, a, b, windows, what, directions)
            scale = weight if what == "surprise" else weight * weight
            for i in range(n):
                into["f"][i] += scale * prepared.z[1].row(i, np.arange(m))
            for j in range(m):
                into["b"][:, j] += scale * prepared.e[1].row(j, np.arange(n))
    z_f = num["f"] / np.sqrt(var["f"] + VARIANCE_FLOOR)
    z_b = num["b"] / np.sqrt(var["b"] + VARIANCE_FLOOR)
    matrix = (z_f + z_b) / np.sqrt(2.0)
    if src_lang == tgt_lang and weights.get("lexical", 0.0):
        matrix += _fuzz(src, tgt, src_lang, tgt_lang, weights["lexical"], config)
    return PairScores(matrix)


def indexed_scores(
    src: Units,
    tgt: Units,
    src_lang: str,
    tgt_lang: str,
    weights: Mapping[str, float],
    lexicon: Lexicon,
    threshold: float | None = None,
    *,
    near_best: float = NEAR_BEST,
    config: str = DEFAULT_CONFIG,
) -> PairScores:
    """:func:`pair_scores` through the rare-anchor candidate index (:mod:`.index`): the pairs
    that :func:`comparable_links` with ``threshold`` (:func:`threshold_for` unless given) and
    ``near_best`` could link get their exact scores, every other pair ``-inf``; so it gives
    the same links as on :func:`pair_scores`, in time that grows with the candidates rather
    than every pair.  (Two texts in one language: a pair's token-set bonus is found only when
    it could be linked, :func:`_with_bonus`.)"""
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return PairScores(np.zeros((n, m)))
    if threshold is None:
        threshold = threshold_for(n, m)
    families = Index(
        [
            FamilyPair(weight, fwd, bwd)
            for weight, _, _, _, (fwd, bwd) in _families(
                src, tgt, src_lang, tgt_lang, weights, lexicon, config
            )
        ]
    )
    # two texts in one language: the token-set bonus is at most this, so only pairs whose
    # token scores come within it of the threshold need their ratio
    same = src_lang == tgt_lang and bool(weights.get("lexical", 0.0))
    most = weights["lexical"] * FUZZ_SCALE * (1.0 - FUZZ_CENTRE) if same else 0.0
    found = candidate_scores(families, n, m, threshold - most, VARIANCE_FLOOR)
    if found is None:
        log.debug("comparable %d x %d: too many candidates, every pair scored", n, m)
        matrix = dense_scores(families, n, m, VARIANCE_FLOOR)
    else:
        log.debug("comparable %d x %d: %d candidate pairs", n, m, len(found.rows))
        matrix = np.full((n, m), -np.inf)
        matrix[found.rows, found.cols] = found.scores
    if same:
        rows, cols = np.nonzero(matrix >= threshold - most - 1e-6)
        scored = matrix[rows, cols]
        final = _with_bonus(
            scored,
            rows,
            cols,
            lambda r, c: _fuzz_pairs(src, tgt, src_lang, r, c, weights["lexical"], config),
            most,
            threshold,
            near_best,
            (n, m),
        )
        matrix = np.full((n, m), -np.inf)
        matrix[rows, cols] = final
    return PairScores(matrix, threshold, near_best if same else None)


def _with_bonus(
    scored: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    bonus: Callable[[np.ndarray, np.ndarray], np.ndarray],
    most: float,
    threshold: float,
    near_best: float,
    shape: tuple[int, int],
) -> np.ndarray:
    """``scored + bonus(rows, cols)`` for the pairs :func:`comparable_links` could link (and
    ``-inf`` for the others), the bonus at most ``most``: first each row's and each column's
    best-scored pair, whose sums set a floor under the best of its row and its column; then
    only the pairs whose score plus ``most`` reaches the threshold and comes within
    ``near_best`` of the floor of their row or of their column.  A pair left out is below
    the threshold or below its row's and its column's best by more than ``near_best``, so it
    is linked in neither, and no best it could have changed decides a link (a row's best
    matters only above ``threshold + near_best``)."""
    final = np.full(len(scored), -np.inf)
    if not len(scored):
        return final
    n, m = shape
    # each row's and column's best-scored pair (the first among equals)
    order = np.lexsort((-scored, rows))
    first_row = order[np.flatnonzero(np.diff(rows[order], prepend=-1))]
    order = np.lexsort((-scored, cols))
    first_col = order[np.flatnonzero(np.diff(cols[order], prepend=-1))]
    done = np.zeros(len(scored), dtype=bool)
    done[first_row] = done[first_col] = True
    picked = np.flatnonzero(done)
    final[picked] = scored[picked] + bonus(rows[picked], cols[picked])
    row_floor = np.full(n, -np.inf)
    col_floor = np.full(m, -np.inf)
    np.maximum.at(row_floor, rows[picked], final[picked])
    np.maximum.at(col_floor, cols[picked], final[picked])
    reach = scored + most + 1e-6
    wanted = (reach >= threshold) & (
        (reach >= row_floor[rows] - near_best) | (reach >= col_floor[cols] - near_best)
    )
    rest = np.flatnonzero(wanted & ~done)
    if len(rest):
        final[rest] = scored[rest] + bonus(rows[rest], cols[rest])
    log.debug("token-set bonus: %d of %d pairs", len(picked) + len(rest), len(scored))
    return final


def _distinct(units: list[list[frozenset[str]]]) -> list[list[frozenset[str]]]:
    return [list(dict.fromkeys(tokens)) for tokens in units]


def threshold_for(n: int, m: int) -> float:
    """The calibrated threshold for ``n`` by ``m`` units.

    Against random text a pair's score is about standard normal, so the largest of ``n m``
    random scores is about ``sqrt(2 ln(n m))``; a link must beat that, and :data:`THRESHOLD`.

    >>> round(threshold_for(13, 12), 2), threshold_for(1, 1)
    (3.18, 3.0)
    """
    return max(THRESHOLD, math.sqrt(2.0 * math.log(max(2, n * m))))


def comparable_links(
    scores: PairScores, threshold: float | None = None, near_best: float = NEAR_BEST
) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, score)``: each unit to its best counterparts above the threshold
    (:func:`threshold_for` unless given).

    >>> m = np.array([[9.0, 1.0, 8.0], [0.0, 0.5, 0.0]])
    >>> comparable_links(PairScores(m), threshold=5.0, near_best=2.0)
    [(0, 0, 9.0), (0, 2, 8.0)]
    """
    matrix = scores.matrix
    n, m = matrix.shape
    if threshold is None:
        threshold = threshold_for(n, m)
    if (scores.threshold is not None and threshold != scores.threshold) or (
        scores.near_best is not None and near_best != scores.near_best
    ):
        raise ValueError(
            f"these scores hold only the pairs that threshold={scores.threshold} and "
            f"near_best={scores.near_best} could link, not threshold={threshold} and "
            f"near_best={near_best}: score them again with those (indexed_scores) or score "
            "every pair (pair_scores)"
        )
    chosen: dict[tuple[int, int], float] = {}
    for i in range(n):
        if m == 0:
            break
        best = float(matrix[i].max())
        for col in np.flatnonzero(matrix[i] >= max(threshold, best - near_best)):
            chosen[(i, int(col))] = float(matrix[i, col])
    for j in range(m):
        if n == 0:
            break
        best = float(matrix[:, j].max())
        for row in np.flatnonzero(matrix[:, j] >= max(threshold, best - near_best)):
            chosen[(int(row), j)] = float(matrix[row, j])
    return sorted((i, j, s) for (i, j), s in chosen.items())


def path_coverage(
    path: Sequence[tuple[tuple[int, ...], tuple[int, ...]]], scores: Sequence[float], n: int, m: int
) -> float:
    """The smaller of the two sides' shares of units in a positive, non-empty bead.

    >>> path_coverage([((0,), (0,)), ((1,), ()), ((2,), (1,))], [5.0, -3.0, 2.0], 3, 2)
    0.6666666666666666
    """
    if n == 0 or m == 0:
        return 0.0
    good = [(a, b) for (a, b), s in zip(path, scores, strict=True) if a and b and s > 0]
    return min(sum(len(a) for a, _ in good) / n, sum(len(b) for _, b in good) / m)


def coverage_bound(n: int, m: int, beads: Sequence[tuple[int, int]]) -> float:
    """The most :func:`path_coverage` any path of ``beads`` could reach on ``n`` by ``m`` units:
    a bead holds at least one unit of each side in a non-empty bead and at most the bead's
    largest side, so the longer side is covered at most that many times the shorter side.

    >>> beads = [(1, 1), (1, 0), (0, 1), (1, 4), (4, 1)]
    >>> coverage_bound(10, 51, beads), coverage_bound(10, 8, beads)
    (0.7843137254901961, 1.0)
    """
    if n == 0 or m == 0:
        return 0.0
    widest = max((max(x, y) for x, y in beads if x and y), default=1)
    return min(1.0, widest * min(n, m) / max(n, m))


def choose_mode(coverage: float, unit: str) -> str:
    """``parallel`` when the monotone path explains the texts as a translation, else
    ``comparable``: at least :data:`PARALLEL_COVERAGE` of the units on both sides sit in
    positive beads (paragraphs carry more evidence than sentences, so they must do better).

    >>> choose_mode(0.95, "paragraph"), choose_mode(0.8, "paragraph"), choose_mode(0.8, "sentence")
    ('parallel', 'comparable', 'parallel')
    """
    return "parallel" if coverage >= PARALLEL_COVERAGE[unit] else "comparable"
