"""Hostile inputs, doubled: does any stage grow faster than its input?

Run on demand (pytest does not collect it)::

    .venv/bin/python tests/benchmarks/bench_hostile.py [--start-kb 4] [--doublings 4] [--kinds ...]

Each kind of pathological text (a long list of figures, a run of digits, runs of punctuation,
footnote-like lines, a huge numeral) is written to a file at 4, 8, 16, 32 and 64 KB and put
through the whole comparison (``sourcecompare.compare`` against a small English document), in
this process after a warm-up, so start-up is not counted.  For every size it prints the
median wall time of ``--repeat`` runs, and for every doubling the growth factor (time at 2n
over time at n).  Linear work gives about 2; the aim is at most 2.2.  A kind whose run raises
is reported with the exception and counts as a failure (exit status 1).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sourcecompare

#: kind -> the text of about ``n`` characters (each a repeat of a short unit)
KINDS: dict[str, Callable[[int], str]] = {
    "figure-list-zh": lambda n: "1959年有27000人，" * (n // 12),
    "footnote-lines": lambda n: "1\n" * (n // 2),
    "braces": lambda n: "{{" * (n // 2),
    "hashes": lambda n: "#" * n,
    "digit-run-zh": lambda n: "北韓的日本人" + "7" * n + "人。",
    "digit-run-en": lambda n: "In 1959 there were " + "7" * n + " people.",
    "numeral-zh": lambda n: "共有" + "一千" * (n // 2) + "人。",
    "dots-en": lambda n: "It was 1959" + "." * n,
}

ENGLISH = "In 1959, 27,000 people went to North Korea; 6,637 of them were Japanese.\n"


def _time(path: Path, other: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        sourcecompare.compare([path, other])
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--start-kb", type=float, default=4.0)
    ap.add_argument("--doublings", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds")
    args = ap.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        ap.error(f"unknown kinds {unknown}; valid: {', '.join(KINDS)}")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        other = folder / "en.txt"
        other.write_text(ENGLISH, encoding="utf-8")
        warm = folder / "warm.txt"
        warm.write_text("1959年有27000人前往北韓。\n", encoding="utf-8")
        sourcecompare.compare([warm, other])  # resources loaded before timing
        print(f"{'kind':<16} " + " ".join(f"{args.start_kb * 2**i:>7g}KB" for i in
              range(args.doublings + 1)) + "   growth per doubling (max)")  # fmt: skip
        for kind in kinds:
            row: list[float] = []
            error = ""
            for i in range(args.doublings + 1):
                n = int(args.start_kb * 1024 * 2**i)
                path = folder / f"{kind}-{i}.txt"
                path.write_text(KINDS[kind](n) + "\n", encoding="utf-8")
                try:
                    row.append(_time(path, other, args.repeat))
                except Exception as exc:  # a benchmark reports every failure and goes on
                    error = f"{type(exc).__name__}: {str(exc)[:80]}"
                    break
            cells = " ".join(f"{t:>8.3f}s" for t in row)
            growth = [b / a for a, b in itertools.pairwise(row) if a > 0]
            worst = max(growth) if growth else float("nan")
            note = f"   FAILED {error}" if error else f"   {' '.join(f'{g:.2f}' for g in growth)}"
            print(f"{kind:<16} {cells}{note} ({worst:.2f})")
            failed = failed or bool(error)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
