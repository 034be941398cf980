"""Monotone alignment by dynamic programming over beads.

A *bead* takes ``a`` units of the source and ``b`` of the target: 1-1, 1-0, 0-1, 1-2, 2-1,
1-3, 3-1 and 2-2.  Cell ``(i, j)`` of the table is the best score of aligning the first ``i``
source units with the first ``j`` target units; a bead starting at ``(i, j)`` ends at
``(i + a, j + b)``.  Scores come from a :class:`BeadScores` (bigger is better).

Two ways through the table:

* :func:`align_band` fills only the cells of a :class:`Band` (for each row ``i`` the columns
  ``lo[i] <= j < hi[i]``), one row at a time with numpy: the 0-1 bead, which stays in its row,
  is a running maximum.  With the full band it is the full table.
* :func:`align_fast` is linear in time and memory for long inputs, as Vecalign does: it merges
  neighbouring units in pairs, aligns the halved sequences (recursively), projects that coarse
  path back, and refines it inside a band of ``radius`` units around it.  Short inputs (fewer
  than ``full_limit`` cells) get the full table.

:func:`align_plain` is the plain full-table program, a few loops and no numpy: the oracle the
fast path is tested against.

>>> import numpy as np
>>> class Diagonal:
...     def score(self, a, b, i, js):
...         if (a, b) == (1, 1):
...             return np.where(js == i, 1.0, -1.0)
...         return np.full(len(js), -0.5 * (a + b))
>>> align_plain(3, 3, Diagonal())
[((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
>>> align_band(3, 3, Diagonal(), Band.full(3, 3))[0] == align_plain(3, 3, Diagonal())
True
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

import numpy as np

__all__ = [
    "BEADS",
    "WIDE_BEADS",
    "Band",
    "BeadScores",
    "Path",
    "align_band",
    "align_fast",
    "align_plain",
    "path_score",
]

log = logging.getLogger(__name__)

#: the bead shapes (source units, target units)
BEADS: tuple[tuple[int, int], ...] = (
    (1, 1),
    (1, 0),
    (0, 1),
    (1, 2),
    (2, 1),
    (1, 3),
    (3, 1),
    (2, 2),
)
#: with every shape of at most five units, as Bertalign's ``max_align=5`` (1-4, 2-3, 3-2, 4-1)
WIDE_BEADS: tuple[tuple[int, int], ...] = (*BEADS, (1, 4), (2, 3), (3, 2), (4, 1))

#: a path: beads as (source indices, target indices)
Path = list[tuple[tuple[int, ...], tuple[int, ...]]]

NEG = -math.inf


class BeadScores(Protocol):
    """Scores of beads of one shape starting in one row."""

    def score(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        """Score of the bead ``(a, b)`` starting at ``(i, j)`` for each ``j`` in ``js``.

        Only called with ``i + a <= n`` and ``j + b <= m``.
        """
        ...


@dataclass(frozen=True)
class Band:
    """For each row ``i`` (0..n) the columns ``lo[i] <= j < hi[i]`` that may be on the path.

    ``lo`` and ``hi`` never decrease; cell ``(0, 0)`` and cell ``(n, m)`` are inside.
    """

    n: int
    m: int
    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(n, m, np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64))

    @classmethod
    def around(cls, n: int, m: int, cells: Sequence[tuple[int, int]], radius: int) -> Band:
        """The band of cells within ``radius`` columns of a path's cells (rows also widened)."""
        lo = np.full(n + 1, m + 1, dtype=np.int64)
        hi = np.zeros(n + 1, dtype=np.int64)
        for i, j in cells:
            r0, r1 = max(0, i - radius), min(n, i + radius)
            lo[r0 : r1 + 1] = np.minimum(lo[r0 : r1 + 1], max(0, j - radius))
            hi[r0 : r1 + 1] = np.maximum(hi[r0 : r1 + 1], min(m, j + radius) + 1)
        lo[0], hi[0] = 0, max(int(hi[0]), 1)
        lo[n], hi[n] = min(int(lo[n]), m), m + 1
        # monotone: lo never decreases going down, hi never decreases either
        lo = np.minimum.accumulate(lo[::-1])[::-1]
        hi = np.maximum.accumulate(hi)
        # connected: each row starts no later than the row above ends, and is not empty
        lo[1:] = np.minimum(lo[1:], hi[:-1])
        hi = np.maximum(hi, lo + 1)
        return cls(n, m, lo, hi)

    @property
    def cells(self) -> int:
        return int(np.sum(self.hi - self.lo))


def _get(rows: list[np.ndarray], lo: np.ndarray, r: int, cols: np.ndarray) -> np.ndarray:
    """Values of row ``r`` at ``cols`` (``-inf`` outside the band)."""
    vals = rows[r]
    idx = cols - lo[r]
    ok = (idx >= 0) & (idx < len(vals))
    out = np.full(len(cols), NEG)
    out[ok] = vals[idx[ok]]
    return out


def align_band(
    n: int, m: int, scores: BeadScores, band: Band, beads: Sequence[tuple[int, int]] = BEADS
) -> tuple[Path, float]:
    """The best path through the cells of ``band`` and its score."""
    lo, hi = band.lo, band.hi
    best_rows: list[np.ndarray] = []
    back_rows: list[np.ndarray] = []
    row_beads = [(k, a, b) for k, (a, b) in enumerate(beads) if a > 0]
    skip = [k for k, (a, b) in enumerate(beads) if (a, b) == (0, 1)]
    for i in range(n + 1):
        cols = np.arange(lo[i], min(hi[i], m + 1), dtype=np.int64)
        best = np.full(len(cols), NEG)
        back = np.full(len(cols), -1, dtype=np.int8)
        if i == 0:
            best[cols == 0] = 0.0
        for k, a, b in row_beads:
            if i - a < 0:
                continue
            # columns j of this row whose start j - b lies in row i - a: one contiguous run
            p_lo = int(lo[i - a])
            p_hi = p_lo + len(best_rows[i - a])
            c_lo = max(int(lo[i]), p_lo + b)
            c_hi = min(int(lo[i]) + len(cols), p_hi + b)
            if c_lo >= c_hi:
                continue
            prev = best_rows[i - a][c_lo - b - p_lo : c_hi - b - p_lo]
            cand = prev + scores.score(a, b, i - a, np.arange(c_lo - b, c_hi - b))
            part = slice(c_lo - int(lo[i]), c_hi - int(lo[i]))
            better = cand > best[part]
            best[part] = np.where(better, cand, best[part])
            back[part] = np.where(better, k, back[part])
        if skip and len(cols) > 1:
            k = skip[0]
            step = np.zeros(len(cols))
            step[1:] = scores.score(0, 1, i, cols[:-1])
            prefix = np.cumsum(step)
            through = np.maximum.accumulate(best - prefix) + prefix
            better = through > best + 1e-12
            best = np.where(better, through, best)
            back[better] = k
        best_rows.append(best)
        back_rows.append(back)
    total = _get(best_rows, lo, n, np.array([m]))[0]
    if not np.isfinite(total):
        raise ValueError("no path through the band")
    path: Path = []
    i, j = n, m
    while i > 0 or j > 0:
        k = int(back_rows[i][j - lo[i]])
        a, b = beads[k]
        path.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    path.reverse()
    return path, float(total)


def align_plain(
    n: int, m: int, scores: BeadScores, beads: Sequence[tuple[int, int]] = BEADS
) -> Path:
    """The best path by the plain full-table program (the test oracle)."""
    best = [[NEG] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for a, b in beads:
                if (a, b) == (0, 1) or i - a < 0 or j - b < 0 or best[i - a][j - b] == NEG:
                    continue
                cand = best[i - a][j - b] + float(scores.score(a, b, i - a, np.array([j - b]))[0])
                if cand > best[i][j]:
                    best[i][j], back[i][j] = cand, (a, b)
            if (0, 1) in beads and j > 0 and best[i][j - 1] != NEG:
                cand = best[i][j - 1] + float(scores.score(0, 1, i, np.array([j - 1]))[0])
                if cand > best[i][j] + 1e-12:
                    best[i][j], back[i][j] = cand, (0, 1)
    path: Path = []
    i, j = n, m
    while i > 0 or j > 0:
        step = back[i][j]
        assert step is not None
        a, b = step
        path.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    path.reverse()
    return path


def path_score(path: Path, scores: BeadScores) -> float:
    """The total score of a path."""
    total = 0.0
    for src, tgt in path:
        i = src[0] if src else _start(path, src, tgt, 0)
        j = tgt[0] if tgt else _start(path, src, tgt, 1)
        total += float(scores.score(len(src), len(tgt), i, np.array([j]))[0])
    return total


def _start(path: Path, src: tuple[int, ...], tgt: tuple[int, ...], side: int) -> int:
    """Where an empty side of a bead starts: after the units of that side before it."""
    pos = 0
    for bead in path:
        if bead == (src, tgt):
            return pos
        if bead[side]:
            pos = bead[side][-1] + 1
    return pos


def path_cells(path: Path) -> list[tuple[int, int]]:
    """The table cells a path passes through."""
    cells = [(0, 0)]
    i = j = 0
    for src, tgt in path:
        i += len(src)
        j += len(tgt)
        cells.append((i, j))
    return cells


def _tell(scores: BeadScores, band: Band) -> None:
    """Let scores that compute per band (``prepare(band)``) know the band before the DP."""
    prepare = getattr(scores, "prepare", None)
    if callable(prepare):
        prepare(band)


#: makes the scores of a coarser level (units merged in pairs) from a finer one
Coarsen = Callable[[], tuple[int, int, BeadScores, "Coarsen | None"]]


def align_fast(
    n: int,
    m: int,
    scores: BeadScores,
    coarsen: Coarsen | None,
    *,
    full_limit: int = 250_000,
    radius: int = 8,
    beads: Sequence[tuple[int, int]] = BEADS,
) -> tuple[Path, Band]:
    """Full table for short inputs; coarse path refined inside a band for long ones.

    ``coarsen()`` returns ``(n2, m2, scores2, coarsen2)`` for the sequences merged in pairs
    (unit ``k`` of the coarse level is units ``2k`` and ``2k+1``).
    """
    if (n + 1) * (m + 1) <= full_limit or coarsen is None or min(n, m) < 4:
        band = Band.full(n, m)
        _tell(scores, band)
        return align_band(n, m, scores, band, beads)[0], band
    n2, m2, scores2, coarsen2 = coarsen()
    coarse, _ = align_fast(
        n2, m2, scores2, coarsen2, full_limit=full_limit, radius=radius, beads=beads
    )
    cells = []
    for ci, cj in path_cells(coarse):
        cells.append((min(n, 2 * ci), min(m, 2 * cj)))
    # also the midpoints, so that a coarse bead's diagonal is covered
    mids = [((a[0] + b[0]) // 2, (a[1] + b[1]) // 2) for a, b in pairwise(cells)]
    band = Band.around(n, m, cells + mids, radius)
    log.debug("band: %d of %d cells", band.cells, (n + 1) * (m + 1))
    _tell(scores, band)
    return align_band(n, m, scores, band, beads)[0], band
