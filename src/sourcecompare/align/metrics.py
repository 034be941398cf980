"""Scoring a sentence alignment against a gold one (Sennrich & Volk 2010, as Vecalign and
Bertalign report it).

* **strict**: a test bead is right when it equals a gold bead.
* **lax**: a test bead is also right when it overlaps one gold bead on both sides.

Precision is over all the test beads, 1-0 and 0-1 included; recall swaps the roles of
gold and test after dropping the 1-0 and 0-1 beads of both.  Counts are summed over all the
documents before dividing (micro average).

>>> gold = [((0,), (0,)), ((1,), (1, 2)), ((2,), ())]
>>> test = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), ())]
>>> s = strict_lax([(gold, test)])
>>> round(s.strict.precision, 3), round(s.strict.recall, 3), round(s.lax.f1, 3)
(0.5, 0.5, 0.857)
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import AlignmentFileError

__all__ = ["PRF", "Scores", "format_beads", "read_beads", "strict_lax"]

Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Scores:
    strict: PRF
    lax: PRF


def _counts(gold: Sequence[Bead], test: Sequence[Bead]) -> tuple[int, int, int, int]:
    """(strict right, strict wrong, lax right, lax wrong) of ``test`` against ``gold``."""
    gold_set = {b for b in gold if b[0] or b[1]}
    source_to_target: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold_set:
        for i in src:
            source_to_target[i].update(tgt)
    strict_ok = strict_bad = lax_ok = lax_bad = 0
    for bead in {b for b in test if b[0] or b[1]}:
        if bead in gold_set:
            strict_ok += 1
            lax_ok += 1
            continue
        strict_bad += 1
        reachable: set[int] = set()
        for i in bead[0]:
            reachable |= source_to_target[i]
        if reachable & set(bead[1]):
            lax_ok += 1
        else:
            lax_bad += 1
    return strict_ok, strict_bad, lax_ok, lax_bad


def strict_lax(pairs: Iterable[tuple[Sequence[Bead], Sequence[Bead]]]) -> Scores:
    """Strict and lax precision and recall over ``(gold, test)`` pairs of bead lists."""
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold, test in pairs:
        for k, v in enumerate(_counts(gold, test)):
            p[k] += v
        gold_linked = [b for b in gold if b[0] and b[1]]
        test_linked = [b for b in test if b[0] and b[1]]
        for k, v in enumerate(_counts(test_linked, gold_linked)):
            r[k] += v

    def ratio(a: int, b: int) -> float:
        return a / (a + b) if a + b else 0.0

    return Scores(
        strict=PRF(ratio(p[0], p[1]), ratio(r[0], r[1])),
        lax=PRF(ratio(p[2], p[3]), ratio(r[2], r[3])),
    )


def format_beads(beads: Iterable[Bead]) -> str:
    """Beads one a line, ``[zh ids]:[en ids]``.

    >>> print(format_beads([((0, 1), (0,)), ((2,), ())]))
    [0,1]:[0]
    [2]:[]
    """
    return "\n".join(
        "[" + ",".join(map(str, s)) + "]:[" + ",".join(map(str, t)) + "]" for s, t in beads
    )


def read_beads(path: str | Path) -> list[Bead]:
    """Beads from a file of ``[ids]:[ids]`` lines."""
    beads: list[Bead] = []
    p = Path(path)
    for lineno, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            src, tgt = line.split(":")
            beads.append((tuple(ast.literal_eval(src)), tuple(ast.literal_eval(tgt))))
        except (ValueError, SyntaxError) as exc:
            raise AlignmentFileError(f"{p}:{lineno}: not a bead: {line!r}") from exc
    return beads
