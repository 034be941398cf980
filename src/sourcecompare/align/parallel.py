"""Parallel mode: a monotone alignment of a text and its translation (or of two sentence lists).

The scorers of :mod:`.scorers` are prepared on both sides, combined with their weights and
the bead priors, and handed to :func:`.dp.align_fast`.  Then the priors are re-estimated from
the bead shapes of that first path (Viterbi training, smoothed towards the defaults) and the
texts aligned again.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..lexicon import Lexicon, default
from ..script import DEFAULT_CONFIG
from .dp import BEADS, WIDE_BEADS, Band, Path, align_fast
from .features import Extractor, UnitWords, content_length, text_of
from .scorers import (
    PRIORS,
    SKIP_PENALTY,
    BeadTable,
    EmbeddingScorer,
    Side,
    Windows,
    make_scorer,
)

__all__ = ["ParallelSettings", "align_texts"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ParallelSettings:
    """Knobs of the parallel aligner (documented in docs/alignment.md)."""

    #: passes; from the second on, priors come from the previous path
    passes: int = 1
    #: weight of the default priors against the counted shapes when re-estimating
    prior_strength: float = 20.0
    #: inputs with at most this many table cells get the full table
    full_limit: int = 250_000
    #: half-width of the band around the coarse path (units)
    radius: int = 8
    #: bead shapes
    beads: tuple[tuple[int, int], ...] = WIDE_BEADS
    #: extra cost of a 1-0 or 0-1 bead (nats)
    skip_penalty: float = SKIP_PENALTY
    #: learn translations from the first path (words that keep meeting in beads)
    learn: bool = False
    #: a learned pair must meet in this many beads, with this Dice coefficient at least
    learn_min_count: int = 3
    learn_min_dice: float = 0.5


@dataclass
class _Level:
    sides: dict[str, tuple[Side, Side]]  # family -> sides
    lengths: tuple[Side, Side]
    #: prepared scorers by (name, band), shared by the passes
    prepared: dict[tuple[str, bytes, bytes], object] = field(default_factory=dict)
    coarser: _Level | None = None

    def merged(self) -> _Level:
        if self.coarser is None:
            self.coarser = _Level(
                {f: (a.merged(), b.merged()) for f, (a, b) in self.sides.items()},
                (self.lengths[0].merged(), self.lengths[1].merged()),
            )
        return self.coarser

    @property
    def n(self) -> int:
        return len(self.lengths[0])

    @property
    def m(self) -> int:
        return len(self.lengths[1])


def _table(
    level: _Level,
    band: Band,
    beads: Sequence[tuple[int, int]],
    weights: Mapping[str, float],
    priors: Mapping[tuple[int, int], float],
    texts: tuple[Sequence[str], Sequence[str]] | None,
    skip_penalty: float,
) -> BeadTable:
    windows = Windows.from_band(band.lo, band.hi, level.n, level.m, beads)
    parts = []
    for name, weight in weights.items():
        if weight == 0:
            continue
        scorer = make_scorer(name)
        if name in ("lexical", "anchors"):
            src, tgt = level.sides[name]
        else:
            src, tgt = level.lengths
        key = (name, band.lo.tobytes(), band.hi.tobytes())
        if isinstance(scorer, EmbeddingScorer):
            if texts is None:
                continue  # coarse levels: embeddings score the fine level only
            if key not in level.prepared:
                level.prepared[key] = scorer.prepare(src, tgt, windows, texts)
        elif key not in level.prepared:
            level.prepared[key] = scorer.prepare(src, tgt, windows)
        parts.append((weight, level.prepared[key]))
    return BeadTable(parts, priors, skip_penalty)


def _run(
    level: _Level,
    weights: Mapping[str, float],
    priors: Mapping[tuple[int, int], float],
    settings: ParallelSettings,
    texts: tuple[Sequence[str], Sequence[str]] | None,
) -> tuple[Path, list[float]]:
    n, m = level.n, level.m

    def coarsen_from(lv: _Level):
        def coarsen():
            coarse = lv.merged()
            return (
                coarse.n,
                coarse.m,
                _LazyTable(coarse, weights, priors, None, settings),
                coarsen_from(coarse),
            )

        return coarsen

    table = _LazyTable(level, weights, priors, texts, settings)
    path, _band = align_fast(
        n,
        m,
        table,
        coarsen_from(level),
        full_limit=settings.full_limit,
        radius=settings.radius,
        beads=settings.beads,
    )
    return path, _bead_scores(path, table)


def _bead_scores(path: Path, table: _LazyTable) -> list[float]:
    """Each bead's score (its share of the path's total)."""
    out = []
    i = j = 0
    for src, tgt in path:
        out.append(float(table.score(len(src), len(tgt), i, np.array([j]))[0]))
        i += len(src)
        j += len(tgt)
    return out


class _LazyTable:
    """Prepares the scorers on first use, for the band the DP then fills."""

    def __init__(self, level: _Level, weights, priors, texts, settings) -> None:
        self.settings = settings
        self.level = level
        self.weights = weights
        self.priors = priors
        self.texts = texts
        self.table: BeadTable | None = None
        self.band: Band | None = None

    def prepare(self, band: Band) -> None:
        self.band = band
        self.table = _table(
            self.level,
            band,
            self.settings.beads,
            self.weights,
            self.priors,
            self.texts,
            self.settings.skip_penalty,
        )
        if band.cells == (self.level.n + 1) * (self.level.m + 1):
            self.table.densify(self.level.n, self.level.m)

    def score(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        if self.table is None:
            self.prepare(Band.full(self.level.n, self.level.m))
        assert self.table is not None
        return self.table.score(a, b, i, js)


def reestimate(
    path: Path, strength: float, beads: Sequence[tuple[int, int]] = BEADS
) -> dict[tuple[int, int], float]:
    """Bead priors from a path's shapes, smoothed towards :data:`PRIORS`.

    >>> p = reestimate([((0,), (0,))] * 8 + [((1, 2), (3,))] * 2, strength=10)
    >>> round(p[(1, 1)], 3), round(p[(2, 1)], 3)
    (0.7, 0.15)
    """
    counts = Counter((len(s), len(t)) for s, t in path)
    total = sum(counts.values())
    return {
        shape: (counts.get(shape, 0) + strength * PRIORS.get(shape, 0.005)) / (total + strength)
        for shape in beads
    }


def align_texts(
    src: Sequence[str] | Sequence[UnitWords],
    tgt: Sequence[str] | Sequence[UnitWords],
    src_lang: str,
    tgt_lang: str,
    weights: Mapping[str, float],
    *,
    lexicon: Lexicon | None = None,
    settings: ParallelSettings = ParallelSettings(),
    config: str = DEFAULT_CONFIG,
) -> tuple[Path, list[float]]:
    """The monotone alignment of two lists of units (texts, or the words segmentation made
    of them: :class:`~.features.UnitWords`), and each bead's score; Chinese texts given bare
    are read in the script normalisation ``config``."""
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        path: Path = [((i,), ()) for i in range(n)] + [((), (j,)) for j in range(m)]
        return path, [0.0] * len(path)
    extractor = Extractor.for_pair(src_lang, tgt_lang, lexicon or default(), config)
    sides = {}
    for family in ("lexical", "anchors"):
        if weights.get(family, 0):
            sides[family] = (
                Side.build(extractor.units(src, src_lang, family), [0] * n),
                Side.build(extractor.units(tgt, tgt_lang, family), [0] * m),
            )
    src_texts = [text_of(t) for t in src]
    tgt_texts = [text_of(t) for t in tgt]
    lengths = (
        Side.build([[] for _ in src], [content_length(t, src_lang) for t in src_texts]),
        Side.build([[] for _ in tgt], [content_length(t, tgt_lang) for t in tgt_texts]),
    )
    level = _Level(sides, lengths)
    priors: Mapping[tuple[int, int], float] = {s: PRIORS.get(s, 0.005) for s in settings.beads}
    scores: list[float] = []
    for k in range(max(1, settings.passes)):
        path, scores = _run(level, weights, priors, settings, (src_texts, tgt_texts))
        if k + 1 < settings.passes:
            priors = reestimate(path, settings.prior_strength, settings.beads)
            log.debug("re-estimated priors: %s", priors)
            if settings.learn and src_lang != tgt_lang and "lexical" in level.sides:
                a, b = level.sides["lexical"]
                learned = learn_pairs(path, a, b, settings.learn_min_count, settings.learn_min_dice)
                if learned:
                    log.debug("learned %d translation pairs", len(learned))
                    kept = {k: v for k, v in level.prepared.items() if k[0] != "lexical"}
                    level = _Level({**level.sides, "lexical": (a, b.augmented(learned))}, lengths)
                    level.prepared.update(kept)
    return path, scores


def _identity(keys: frozenset[str]) -> str | None:
    for key in keys:
        if key.startswith(("zh:", "en:")):
            return key
    return None


def learn_pairs(
    path: Path, a: Side, b: Side, min_count: int, min_dice: float
) -> dict[str, set[str]]:
    """Translations the dictionary lacks, learned from a path: b-word -> a-words to add.

    Only tokens that found no counterpart in their bead are candidates; a pair counts when
    its two words meet in at least ``min_count`` beads and their Dice coefficient (meetings
    against the beads each word is in) is at least ``min_dice``.
    """
    a_ids = [_identity(k) for k in a.type_keys]
    b_ids = [_identity(k) for k in b.type_keys]
    seen_a: Counter[str] = Counter()
    seen_b: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for xs, ys in path:
        if not xs or not ys:
            continue
        a_types = {t for x in xs for t in a.units[x].tolist()}
        b_types = {t for y in ys for t in b.units[y].tolist()}
        a_keys = set().union(*(a.type_keys[t] for t in a_types)) if a_types else set()
        b_keys = set().union(*(b.type_keys[t] for t in b_types)) if b_types else set()
        for t in a_types:
            if a_ids[t]:
                seen_a[a_ids[t]] += 1
        for t in b_types:
            if b_ids[t]:
                seen_b[b_ids[t]] += 1
        lone_a = {a_ids[t] for t in a_types if a_ids[t] and not a.type_keys[t] & b_keys}
        lone_b = {b_ids[t] for t in b_types if b_ids[t] and not b.type_keys[t] & a_keys}
        for x in lone_a:
            for y in lone_b:
                pairs[(x, y)] += 1
    learned: dict[str, set[str]] = {}
    for (x, y), count in pairs.items():
        if count >= min_count and 2 * count / (seen_a[x] + seen_b[y]) >= min_dice:
            learned.setdefault(y, set()).add(x)
    return learned
