"""Scorers: how much a bead of units looks like a translation (or retelling) of each other.

Scorers are chosen by name from :data:`SCORERS` and combined with weights
(:data:`DEFAULT_WEIGHTS`).  Every score is a log-likelihood ratio, *aligned* against *random*,
so that scores add up along a path and across scorers:

``lexical``
    Each content token of one side either finds a counterpart among the tokens of the other
    side of the bead (a CC-CEDICT gloss of a Chinese word among the English lemmas, a pinyin
    spelling of a name, a pronoun...) or does not.  A hit scores ``log(r / p)``, a miss
    ``log((1 - r) / (1 - p))``, where ``p`` is the chance of a hit against random text of
    that length (from how often the token's counterparts occur in the other document:
    frequent glosses weigh little, rare ones a lot, an IDF without a corpus) and ``r`` the
    chance of a hit in a true translation: ``R`` times how much of the token's counterparts
    the other document holds.  Both directions count (Chinese tokens found in the English,
    and English tokens found in the Chinese).
``anchors``
    The same for anchors: figures after normalisation (27000 = 27,000 = 二万七千), names of
    the names table and wiki-link targets, marked punctuation (? ! quotes).
``length``
    Gale-Church: ``delta = (l_b - c l_a) / sqrt(s2 l_a)`` with ``c`` the ratio of the two
    documents' lengths and ``s2`` the variance per character; scores ``log(k) - (1 - 1/k^2)
    delta^2 / 2`` (normal of the aligned against a ``k`` times wider normal of random pairs).
``embedding``
    Optional: cosine of sentence embeddings from a sentence-transformers model in a folder the
    user names (``SOURCECOMPARE_EMBEDDINGS``); never downloaded, never required.

Bead shapes carry a prior (:data:`PRIORS`), re-estimated from a first pass (Viterbi training).
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ..errors import UnknownComponent

__all__ = [
    "DEFAULT_WEIGHTS",
    "PRIORS",
    "SCORERS",
    "BeadTable",
    "LLRScorer",
    "LengthScorer",
    "Side",
    "make_scorer",
    "parse_weights",
]

log = logging.getLogger(__name__)

#: prior probability of each bead shape before re-estimation
PRIORS: Mapping[tuple[int, int], float] = MappingProxyType(
    {
        (1, 1): 0.60,
        (1, 2): 0.14,
        (2, 1): 0.10,
        (1, 0): 0.03,
        (0, 1): 0.03,
        (1, 3): 0.04,
        (3, 1): 0.03,
        (2, 2): 0.03,
        (1, 4): 0.01,
        (4, 1): 0.005,
        (2, 3): 0.005,
        (3, 2): 0.005,
    }
)

#: R: how often a token with counterparts in the other document finds one in a true bead
HIT_RATE = 0.3
#: extra cost (nats) of leaving a unit without counterpart, on top of its prior
SKIP_PENALTY = 3.0
#: Gale-Church variance per character, and how much wider random length pairs spread
LENGTH_S2 = 6.8
LENGTH_WIDE = 3.0


# --------------------------------------------------------------------------- units


@dataclass(frozen=True)
class Side:
    """One side's units as token-type ids, with the keys of each type."""

    units: list[np.ndarray]
    type_keys: list[frozenset[str]]
    lengths: np.ndarray  # characters, for the length model

    @classmethod
    def build(cls, token_units: Sequence[Sequence[frozenset[str]]], lengths: Sequence[int]) -> Side:
        ids: dict[frozenset[str], int] = {}
        units = []
        for tokens in token_units:
            units.append(np.array([ids.setdefault(t, len(ids)) for t in tokens], dtype=np.int64))
        keys: list[frozenset[str]] = [frozenset()] * len(ids)
        for k, v in ids.items():
            keys[v] = k
        return cls(units, keys, np.asarray(lengths, dtype=np.float64))

    def __len__(self) -> int:
        return len(self.units)

    def augmented(self, extra: Mapping[str, set[str]]) -> Side:
        """The same units, where a type holding key ``k`` also holds the keys ``extra[k]``."""
        keys = [
            frozenset(k.union(*(extra[x] for x in k if x in extra))) if k & extra.keys() else k
            for k in self.type_keys
        ]
        return Side(self.units, keys, self.lengths)

    def merged(self) -> Side:
        """Units merged in pairs (the last one alone when odd)."""
        units = [np.concatenate(self.units[k : k + 2]) for k in range(0, len(self.units), 2)]
        lengths = np.add.reduceat(self.lengths, np.arange(0, len(self.lengths), 2))
        return Side(units, self.type_keys, lengths)

    def counts(self) -> np.ndarray:
        """How many times each type occurs (one count over all units)."""
        if not self.units:
            return np.zeros(len(self.type_keys))
        every = np.concatenate(self.units).astype(np.int64)
        return np.bincount(every, minlength=len(self.type_keys)).astype(np.float64)


# --------------------------------------------------------------------------- LLR scorer


def _ragged(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The indices ``starts[k], starts[k] + 1, ..., starts[k] + counts[k] - 1`` for every
    ``k`` in turn, as one array (the gather of several slices of one array).

    >>> _ragged(np.array([5, 0, 2]), np.array([2, 0, 3])).tolist()
    [5, 6, 2, 3, 4]
    """
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    before = np.cumsum(counts) - counts  # where each run begins in the result
    return np.repeat(starts - before, counts) + np.arange(total, dtype=np.int64)


def _incidence(sides: Sequence[Side]) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each side, its (type, key id) pairs as two arrays, the keys numbered once for all
    the sides, so that a key of one side is found among another's by its number."""
    ids: dict[str, int] = {}
    out = []
    for side in sides:
        keys = [key for held in side.type_keys for key in held]
        numbered = [ids.setdefault(key, len(ids)) for key in keys]
        counts = np.fromiter((len(held) for held in side.type_keys), np.int64,
                             len(side.type_keys))  # fmt: skip
        out.append((np.repeat(np.arange(len(side.type_keys), dtype=np.int64), counts),
                    np.asarray(numbered, dtype=np.int64)))  # fmt: skip
    return out


class _Direction:
    """Tokens of side ``a`` looked up in units of side ``b``: for each type of ``a``, the
    units of ``b`` holding a token that shares a key with it (``hit_unit[hit_ptr[t] :
    hit_ptr[t + 1]]``, sorted; :attr:`hits` as one array per type), the chance ``q`` of a
    hit per token of ``b`` and the hit rate ``r`` of a true pair.  Built with array
    operations from the two sides' (type, key) pairs (:func:`_incidence`, shared by both
    directions of a pair); ``tests/test_align_rows.py`` holds it to plain loops."""

    def __init__(
        self,
        a: Side,
        b: Side,
        hit_rate: float,
        incidence: tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
        | None = None,
    ) -> None:
        (a_type, a_key), (b_type, b_key) = incidence or _incidence([a, b])
        n_b, t_a, t_b = len(b.units), len(a.type_keys), len(b.type_keys)
        b_counts = b.counts()
        b_total = max(1.0, float(b_counts.sum()))
        # postings: the distinct (b type, b unit) pairs, by type, then unit
        sizes = np.fromiter((len(u) for u in b.units), np.int64, n_b)
        if sizes.sum():
            occ = np.concatenate(b.units).astype(np.int64)
            posted = np.unique(occ * n_b + np.repeat(np.arange(n_b, dtype=np.int64), sizes))
        else:
            posted = np.zeros(0, dtype=np.int64)
        post_unit = posted % max(1, n_b)
        post_ptr = np.searchsorted(posted // max(1, n_b), np.arange(t_b + 1))
        # the b types holding each key: b's (type, key) pairs ordered by key
        n_keys = int(max(a_key.max(initial=-1), b_key.max(initial=-1))) + 1
        order = np.argsort(b_key, kind="stable")
        key_types = b_type[order]
        key_ptr = np.searchsorted(b_key[order], np.arange(n_keys + 1))
        # the distinct b types each a type shares a key with
        per = key_ptr[a_key + 1] - key_ptr[a_key]
        matched = np.unique(
            np.repeat(a_type, per) * max(1, t_b) + key_types[_ragged(key_ptr[a_key], per)]
        )
        m_a, m_b = matched // max(1, t_b), matched % max(1, t_b)
        # how many b tokens each a type is found in (whole numbers: summed exactly)
        found = np.bincount(m_a, weights=b_counts[m_b], minlength=t_a)
        # the distinct b units each a type hits
        per = post_ptr[m_b + 1] - post_ptr[m_b]
        hit = np.unique(np.repeat(m_a, per) * max(1, n_b) + post_unit[_ragged(post_ptr[m_b], per)])
        #: the (a type, b unit) hits as ``type * n_b + unit``, sorted
        self.hit_keys = hit
        self.hit_unit = hit % max(1, n_b)
        self.hit_ptr = np.searchsorted(hit // max(1, n_b), np.arange(t_a + 1))
        q = found / b_total
        # a type found nowhere has found 0, and so r 0, as it must
        r = hit_rate * np.minimum(1.0, found / np.maximum(1.0, a.counts()))
        self.q = np.clip(q, 0.0, 0.999)
        self.log1mq = np.log1p(-self.q)
        self.r = np.clip(r, 0.0, 0.999)
        self.a = a
        self.b = b
        b_tokens = np.array([len(u) for u in b.units], dtype=np.float64)
        self.b_prefix = np.concatenate([[0.0], np.cumsum(b_tokens)])

    @property
    def posting(self) -> np.ndarray:
        """How many b units each a type hits."""
        return np.diff(self.hit_ptr)

    @property
    def hits(self) -> list[np.ndarray]:
        """The b units each a type hits, one sorted array per type."""
        return np.split(self.hit_unit, self.hit_ptr[1:-1]) if len(self.a.type_keys) else []

    def hits_of(self, types: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each type of ``types`` in turn, its hit units, as one array, and how many each
        has."""
        counts = self.hit_ptr[types + 1] - self.hit_ptr[types]
        return self.hit_unit[_ragged(self.hit_ptr[types], counts)], counts

    def rows(
        self,
        lo: np.ndarray,
        hi: np.ndarray,
        spans: Sequence[int],
        block: int | None = None,
        what: str = "llr",
    ) -> dict[int, list[np.ndarray]]:
        """For each span and each unit ``i`` of side a: summed LLR against b-ranges
        ``[j, j+span)`` for ``lo[i] <= j < hi[i]``.  Units are taken in blocks, dense over the
        block's columns.

        ``what`` is ``llr``, or for comparable texts ``surprise``: misses cost nothing, each
        token scores ``w (hit - p)`` with ``w = -log q`` its rarity, what its hit says beyond
        chance; or ``variance``: ``w^2 p (1 - p)``, that sum's variance against random text.
        """
        n_a, n_b = len(self.a.units), len(self.b.units)
        out: dict[int, list[np.ndarray]] = {span: [] for span in spans}
        if block is None:
            # blocks about as tall as the band is wide, so that little is computed in vain
            widest = int((hi - lo).max()) if len(lo) else 0
            block = 64 if widest >= n_b else max(8, widest // 2)
        longest = max(spans)
        for i0 in range(0, n_a, block):
            i1 = min(n_a, i0 + block)
            c0 = int(lo[i0:i1].min())
            c1 = int(hi[i0:i1].max())
            width = max(0, c1 - c0)
            units = self.a.units[i0:i1]
            sizes = np.array([len(u) for u in units], dtype=np.int64)
            if width == 0 or sizes.sum() == 0:
                for span in spans:
                    out[span].extend(np.zeros(max(0, int(hi[i] - lo[i]))) for i in range(i0, i1))
                continue
            occ = np.concatenate(units)
            owner = np.repeat(np.arange(len(units)), sizes)
            # tokens that can never hit carry no evidence (their r is 0): leave them out
            live = self.r[occ] > 0 if what == "llr" else self.q[occ] > 0
            occ, owner = occ[live], owner[live]
            ext = width + longest - 1
            # a token's row depends on its type only: compute each type once, then add the
            # rows up for each unit as often as it holds the type (fewer logarithms)
            types, inverse = np.unique(occ, return_inverse=True)
            base = np.zeros((len(types), ext), dtype=bool)
            cols, counts = self.hits_of(types)
            if counts.sum():
                cols = cols - c0
                rows = np.repeat(np.arange(len(types)), counts)
                keep = (cols >= 0) & (cols < ext)
                base[rows[keep], cols[keep]] = True
            # how often each unit holds each type: a unit's sums over its tokens are then one
            # matrix product per span
            counts_by_type = np.zeros((len(units), len(types)))
            np.add.at(counts_by_type, (owner, inverse), 1.0)
            weight = -np.log(np.maximum(self.q[types], 1e-6))[:, None]
            log1mq = self.log1mq[types]
            r = self.r[types][:, None]
            js = np.arange(c0, c1)
            hit = base[:, :width]
            for span in range(1, longest + 1):
                if span > 1:
                    hit = hit | base[:, span - 1 : span - 1 + width]
                if span not in out:
                    continue
                length = (
                    self.b_prefix[np.minimum(js + span, n_b)] - self.b_prefix[np.minimum(js, n_b)]
                )
                p = -np.expm1(np.outer(log1mq, length))
                np.clip(p, 1e-9, 1 - 1e-9, out=p)
                if what == "surprise":
                    llr = weight * (hit - p)
                elif what == "variance":
                    llr = weight**2 * p * (1 - p)
                else:
                    rp = np.maximum(r, p)
                    llr = np.where(hit, np.log(rp / p), np.log1p(-rp) - np.log1p(-p))
                sums = counts_by_type @ llr
                for k, i in enumerate(range(i0, i1)):
                    out[span].append(sums[k, int(lo[i]) - c0 : int(hi[i]) - c0])
        return out


class _Banded:
    """Per-row arrays over a column window, read back by (row, columns)."""

    def __init__(self, lo: np.ndarray, rows: list[np.ndarray]) -> None:
        self.lo = lo
        width = max((len(r) for r in rows), default=0)
        self.data = np.zeros((len(rows), max(1, width)))
        self.size = np.array([len(r) for r in rows], dtype=np.int64)
        for k, r in enumerate(rows):
            self.data[k, : len(r)] = r

    def row(self, r: int, cols: np.ndarray) -> np.ndarray:
        """Values of one row at ``cols``."""
        idx = cols - self.lo[r]
        if len(idx) and (idx[0] < 0 or idx[-1] >= self.size[r]):
            raise IndexError("cell outside the scored band")
        return self.data[r, idx]

    def gather(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        idx = cols - self.lo[rows]
        ok = (idx >= 0) & (idx < self.size[rows])
        if not ok.all():
            raise IndexError("cell outside the scored band")
        return self.data[rows, idx]


@dataclass(frozen=True)
class LLRScorer:
    """Token hits in both directions as a log-likelihood ratio (``lexical``, ``anchors``)."""

    family: str
    hit_rate: float = HIT_RATE
    name: str = ""

    def prepare(self, src: Side, tgt: Side, windows: Windows) -> PreparedLLR:
        return PreparedLLR(self, src, tgt, windows)


@dataclass(frozen=True)
class Windows:
    """Which (source unit, target unit) pairs beads may touch: for source unit ``i`` the
    target units ``rlo[i] <= j < rhi[i]``, and for target unit ``j`` the source units
    ``clo[j] <= i < chi[j]``."""

    rlo: np.ndarray
    rhi: np.ndarray
    clo: np.ndarray
    chi: np.ndarray
    beads: tuple[tuple[int, int], ...] = ()

    @classmethod
    def from_band(
        cls,
        lo: np.ndarray,
        hi: np.ndarray,
        n: int,
        m: int,
        beads: Sequence[tuple[int, int]],
    ) -> Windows:
        reach = max(max(a, b) for a, b in beads)
        rlo = np.empty(max(n, 1), dtype=np.int64)
        rhi = np.empty(max(n, 1), dtype=np.int64)
        for i in range(n):
            rlo[i] = max(0, int(lo[max(0, i - reach)]) - reach)
            rhi[i] = min(m, int(hi[min(n, i + reach + 1)]) + reach)
        rlo, rhi = rlo[:n], rhi[:n]
        rlo = np.minimum.accumulate(rlo[::-1])[::-1] if n else rlo
        rhi = np.maximum.accumulate(rhi) if n else rhi
        js = np.arange(m)
        clo = np.searchsorted(rhi, js, side="right") if n else np.zeros(m, dtype=np.int64)
        chi = np.searchsorted(rlo, js, side="right") if n else np.zeros(m, dtype=np.int64)
        return cls(rlo, rhi, clo.astype(np.int64), chi.astype(np.int64), tuple(beads))


class PreparedLLR:
    def __init__(
        self,
        scorer: LLRScorer,
        src: Side,
        tgt: Side,
        windows: Windows,
        what: str = "llr",
        directions: tuple[_Direction, _Direction] | None = None,
    ) -> None:
        """``directions`` (from :meth:`directions`) lets several preparations of the same two
        sides share their token statistics."""
        fwd, bwd = directions or PreparedLLR.directions(scorer, src, tgt)
        self.z: dict[int, _Banded] = {}
        self.e: dict[int, _Banded] = {}
        spans = sorted(
            {max(a, b) for a, b in windows.beads} | ({1, 2, 3} if what == "llr" else {1})
        )
        rows = fwd.rows(windows.rlo, windows.rhi, spans, what=what)
        cols = bwd.rows(windows.clo, windows.chi, spans, what=what)
        for span in spans:
            self.z[span] = _Banded(windows.rlo, rows[span])
            self.e[span] = _Banded(windows.clo, cols[span])

    @staticmethod
    def directions(scorer: LLRScorer, src: Side, tgt: Side) -> tuple[_Direction, _Direction]:
        """The token statistics of both directions (source to target, target to source)."""
        a, b = _incidence([src, tgt])
        return (
            _Direction(src, tgt, scorer.hit_rate, (a, b)),
            _Direction(tgt, src, scorer.hit_rate, (b, a)),
        )

    def dense(self, a: int, b: int, n: int, m: int) -> np.ndarray:
        """Scores of the bead ``(a, b)`` at every start ``(i, j)``, ``i <= n - a``,
        ``j <= m - b`` (full band only)."""
        out = np.zeros((n - a + 1, m - b + 1))
        if a == 0 or b == 0:
            return out
        z = self.z[b].data
        e = self.e[a].data
        for x in range(a):
            out += z[x : n - a + 1 + x, : m - b + 1]
        for y in range(b):
            out += e[y : m - b + 1 + y, : n - a + 1].T
        return out

    def score(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0:
            return np.zeros(len(js))
        total = np.zeros(len(js))
        for x in range(a):
            total += self.z[b].row(i + x, js)
        for y in range(b):
            total += self.e[a].gather(js + y, np.full(len(js), i))
        return total


# --------------------------------------------------------------------------- length


@dataclass(frozen=True)
class LengthScorer:
    """Gale-Church length model; ``c`` and ``s2`` from the documents unless given."""

    s2: float = LENGTH_S2
    wide: float = LENGTH_WIDE
    name: str = "length"

    def prepare(self, src: Side, tgt: Side, windows: Windows) -> PreparedLength:
        return PreparedLength(self, src, tgt)


class PreparedLength:
    def __init__(self, scorer: LengthScorer, src: Side, tgt: Side) -> None:
        self.src = np.concatenate([[0.0], np.cumsum(src.lengths)])
        self.tgt = np.concatenate([[0.0], np.cumsum(tgt.lengths)])
        self.c = (self.tgt[-1] / self.src[-1]) if self.src[-1] > 0 and self.tgt[-1] > 0 else 1.0
        self.s2 = scorer.s2
        self.k = scorer.wide
        self.const = math.log(self.k)
        self.slope = 0.5 * (1.0 - 1.0 / (self.k * self.k))

    def dense(self, a: int, b: int, n: int, m: int) -> np.ndarray:
        if a == 0 or b == 0:
            return np.zeros((n - a + 1, m - b + 1))
        la = (self.src[a:] - self.src[: n - a + 1])[:, None]
        lb = (self.tgt[b:] - self.tgt[: m - b + 1])[None, :]
        mean = (la * self.c + lb) / 2.0
        delta = (lb - self.c * la) / np.sqrt(self.s2 * np.maximum(mean, 1.0))
        return self.const - self.slope * delta * delta

    def score(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0:
            return np.zeros(len(js))
        la = self.src[i + a] - self.src[i]
        lb = self.tgt[js + b] - self.tgt[js]
        mean = (la * self.c + lb) / 2.0
        delta = (lb - self.c * la) / np.sqrt(self.s2 * np.maximum(mean, 1.0))
        return self.const - self.slope * delta * delta


# --------------------------------------------------------------------------- embedding


@dataclass(frozen=True)
class EmbeddingScorer:
    """Cosine similarity of sentence embeddings from a local sentence-transformers model.

    The model folder comes from ``SOURCECOMPARE_EMBEDDINGS``; nothing is downloaded.  The
    cosine is turned into a log-ratio ``scale * (cos - centre)``.
    """

    path: str | None = None
    scale: float = 20.0
    centre: float = 0.4
    name: str = "embedding"

    def prepare(
        self,
        src: Side,
        tgt: Side,
        windows: Windows,
        texts: tuple[Sequence[str], Sequence[str]] | None = None,
    ) -> PreparedEmbedding:
        from ..errors import SourceCompareError

        path = self.path or os.environ.get("SOURCECOMPARE_EMBEDDINGS")
        if not path or not os.path.isdir(path):
            raise SourceCompareError(
                "the embedding scorer needs a local sentence-transformers model folder "
                "(SOURCECOMPARE_EMBEDDINGS); nothing is downloaded"
            )
        if texts is None:
            raise SourceCompareError("the embedding scorer needs the unit texts")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise SourceCompareError("sentence-transformers is not installed") from exc
        model = SentenceTransformer(path, local_files_only=True)
        return PreparedEmbedding(self, model, texts)


class PreparedEmbedding:
    def __init__(self, scorer: EmbeddingScorer, model: object, texts: tuple) -> None:
        self.scorer = scorer
        self.model = model
        self.src_texts, self.tgt_texts = texts
        self.cache: dict[tuple[str, ...], np.ndarray] = {}

    def _vec(self, texts: tuple[str, ...]) -> np.ndarray:
        if texts not in self.cache:
            v = self.model.encode([" ".join(texts)], normalize_embeddings=True)[0]  # type: ignore[attr-defined]
            self.cache[texts] = np.asarray(v)
        return self.cache[texts]

    def score(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0:
            return np.zeros(len(js))
        x = self._vec(tuple(self.src_texts[i : i + a]))
        out = []
        for j in js.tolist():
            y = self._vec(tuple(self.tgt_texts[j : j + b]))
            out.append(self.scorer.scale * (float(x @ y) - self.scorer.centre))
        return np.asarray(out)


# --------------------------------------------------------------------------- table


#: scorer name -> (what it needs, one line)
SCORERS: Mapping[str, str] = MappingProxyType(
    {
        "lexical": "glosses, lemmas, pinyin and pronouns found on both sides (log-ratio)",
        "anchors": "figures, names, wiki-link targets and ? ! quotes on both sides (log-ratio)",
        "length": "Gale-Church length model calibrated on the two documents",
        "embedding": "cosine of a local sentence-transformers model (optional)",
    }
)

#: default weights of the combination (each scorer is a log-ratio; weights scale them)
DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {"lexical": 1.0, "anchors": 1.0, "length": 1.0}
)


def make_scorer(name: str) -> LLRScorer | LengthScorer | EmbeddingScorer:
    """The scorer registered as ``name``.

    >>> make_scorer("lexical").family
    'lexical'
    >>> try:
    ...     make_scorer("bleu")
    ... except UnknownComponent as exc:
    ...     print(exc)
    unknown scorer 'bleu'; valid scorers: anchors, embedding, length, lexical
    """
    if name in ("lexical", "anchors"):
        return LLRScorer(family=name, name=name)
    if name == "length":
        return LengthScorer()
    if name == "embedding":
        return EmbeddingScorer()
    raise UnknownComponent("scorer", name, list(SCORERS))


def parse_weights(spec: str | Mapping[str, float] | Sequence[str] | None) -> dict[str, float]:
    """Scorer weights from ``"lexical=1,length=0.5"``, a mapping, or a list of names.

    >>> parse_weights("lexical=1,length=0.5")
    {'lexical': 1.0, 'length': 0.5}
    >>> parse_weights(["lexical", "length"])
    {'lexical': 1.0, 'length': 1.0}
    >>> parse_weights(None) == dict(DEFAULT_WEIGHTS)
    True
    """
    if spec is None:
        return dict(DEFAULT_WEIGHTS)
    if isinstance(spec, Mapping):
        weights = {str(k): float(v) for k, v in spec.items()}
    elif isinstance(spec, str):
        weights = {}
        for part in spec.replace("+", ",").split(","):
            part = part.strip()
            if not part:
                continue
            name, _, value = part.partition("=")
            weights[name.strip()] = (
                _weight(name, value) if value else DEFAULT_WEIGHTS.get(name, 1.0)
            )
    else:
        weights = {name: DEFAULT_WEIGHTS.get(name, 1.0) for name in spec}
    for name in weights:
        if name not in SCORERS:
            raise UnknownComponent("scorer", name, list(SCORERS))
    return weights


def _weight(name: str, value: str) -> float:
    """A scorer weight from its text: a finite number, zero or more."""
    from ..errors import SettingsError

    try:
        weight = float(value)
    except ValueError:
        raise SettingsError(f"scorer {name.strip()!r}: weight {value!r} is not a number") from None
    if not math.isfinite(weight) or weight < 0:
        raise SettingsError(f"scorer {name.strip()!r}: weight must be 0 or more, not {value!r}")
    return weight


class BeadTable:
    """The weighted sum of prepared scorers plus the bead priors: a :class:`BeadScores`."""

    def __init__(
        self,
        parts: Sequence[tuple[float, object]],
        priors: Mapping[tuple[int, int], float],
        skip_penalty: float = SKIP_PENALTY,
    ) -> None:
        self.parts = parts
        self.dense: dict[tuple[int, int], np.ndarray] | None = None
        self.log_prior = {k: math.log(max(v, 1e-9)) for k, v in priors.items()}
        for shape in ((1, 0), (0, 1)):
            if shape in self.log_prior:
                self.log_prior[shape] -= skip_penalty

    def densify(self, n: int, m: int) -> None:
        """Compute every bead's scores at once (for the full table): one lookup per call."""
        if not all(hasattr(p, "dense") for _, p in self.parts):
            return
        self.dense = {}
        for shape, prior in self.log_prior.items():
            a, b = shape
            if a > n or b > m:
                continue
            total = np.full((n - a + 1, m - b + 1), prior)
            for weight, prepared in self.parts:
                total += weight * prepared.dense(a, b, n, m)  # type: ignore[attr-defined]
            self.dense[shape] = total

    def score(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        if self.dense is not None:
            return self.dense[(a, b)][i, js]
        total = np.full(len(js), self.log_prior[(a, b)])
        for weight, prepared in self.parts:
            total += weight * prepared.score(a, b, i, js)  # type: ignore[attr-defined]
        return total
