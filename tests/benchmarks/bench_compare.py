"""The whole comparison against bare segmentation, on the bundled corpus repeated to 20 MB.

Run on demand (pytest does not collect it)::

    .venv/bin/python tests/benchmarks/bench_compare.py [--mb 20] [--layout topics|long]
    .venv/bin/python tests/benchmarks/bench_compare.py --layout long --sizes 0.5,1,2,4

In one run it times, on the same documents:

* **bare segmentation**: :func:`sourcecompare.segment.segment` of every document (script
  conversion, jieba words, sentences), the floor any comparison pays;
* **the whole comparison**: :func:`sourcecompare.compare` on the same unsegmented documents
  (segmentation, claims, alignment of every pair, matching), stage by stage;

and prints both throughputs (MB/s of UTF-8 raw text) and their ratio (the aim: at most 2).

Layouts:

``topics`` (default)
    The corpus copied until the copies hold ``--mb`` MB; each copy is compared as one topic
    of five documents, as a fact-checking desk runs many topics.  Work per topic is what a
    user waits for; the copies are the same text, and nothing caches whole texts across
    ``compare`` calls (only per-word lookups are kept), so each copy costs what a new topic
    of that size costs.
``long``
    Each document repeated to ``--mb``/5 MB and the five compared once: how the comparison
    scales with document length.  Aligning comparable documents scores every pair of
    paragraphs, so this grows with the square of the length; use small sizes.  With
    ``--sizes 0.5,1,2,4`` the whole comparison is timed at each total size in turn, and each
    doubling's factor printed (the aim: at most 2.2, linear growth).

Resources (OpenCC, jieba, CC-CEDICT, spaCy) are loaded before timing; both figures are for
warm runs.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import defaultdict
from itertools import pairwise
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_segment import repeated  # noqa: E402

from sourcecompare.compare import compare  # noqa: E402
from sourcecompare.model import Document  # noqa: E402
from sourcecompare.pipeline import read_many  # noqa: E402
from sourcecompare.segment import segment  # noqa: E402

CORPUS = HERE.parents[1] / "corpus"


def size_of(docs: list[Document]) -> int:
    return sum(len(d.raw.encode("utf-8")) for d in docs)


def timed_compare(docs: list[Document], stages: dict[str, float]) -> float:
    """Seconds for :func:`compare` on ``docs``; adds each stage's seconds to ``stages``."""
    marks: list[tuple[str, float]] = []

    def progress(msg: str) -> None:
        marks.append((msg.split(":")[0], time.perf_counter()))

    began = time.perf_counter()
    compare(docs, progress=progress)
    ended = time.perf_counter()
    marks.append(("end", ended))
    segment_time = marks[0][1] - began if marks else 0.0
    stages["segment"] += segment_time
    for (name, at), (_, nxt) in pairwise(marks):
        stages[name] += nxt - at
    return ended - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="MB of text in all (default 20)")
    parser.add_argument("--layout", choices=["topics", "long"], default="topics")
    parser.add_argument(
        "--sizes", default=None, help="with --layout long: MB sizes to time in turn (0.5,1,2,4)"
    )
    args = parser.parse_args()

    corpus = read_many([CORPUS], segment=False)
    compare(corpus)  # load every resource once, outside the timings
    if args.sizes:
        if args.layout != "long":
            parser.error("--sizes goes with --layout long")
        doubling([float(x) for x in args.sizes.split(",")], corpus)
        return
    if args.layout == "topics":
        copies = max(1, math.ceil(args.mb * 1e6 / size_of(corpus)))
        topics = [corpus] * copies
    else:
        share = args.mb / len(corpus)
        topics = [[repeated(d, share) for d in corpus]]
    total = sum(size_of(t) for t in topics)
    print(
        f"layout {args.layout}: {len(topics)} topic(s) of {len(topics[0])} documents, "
        f"{total / 1e6:.2f} MB of raw text"
    )

    seg_times: list[float] = []
    for docs in topics:
        began = time.perf_counter()
        for d in docs:
            segment(d)
        seg_times.append(time.perf_counter() - began)
    seg_total = sum(seg_times)

    stages: dict[str, float] = defaultdict(float)
    cmp_times = [timed_compare(docs, stages) for docs in topics]
    cmp_total = sum(cmp_times)

    mb = total / 1e6
    print(f"bare segmentation:  {seg_total:8.2f} s  {mb / seg_total:7.3f} MB/s")
    print(f"whole comparison:   {cmp_total:8.2f} s  {mb / cmp_total:7.3f} MB/s")
    print(f"ratio (comparison / segmentation): {cmp_total / seg_total:.2f}  (aim: <= 2)")
    if len(topics) > 1:
        ratios = [c / s for c, s in zip(cmp_times, seg_times, strict=True)]
        print(
            f"per topic: median segmentation {median(seg_times) * 1000:.0f} ms, "
            f"median comparison {median(cmp_times) * 1000:.0f} ms, median ratio "
            f"{median(ratios):.2f}"
        )
    print("comparison by stage:")
    for name, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<10} {seconds:8.2f} s  {seconds / cmp_total:6.1%}")


def doubling(sizes: list[float], corpus: list[Document]) -> None:
    """Time the whole comparison of the corpus documents each repeated to ``size``/5 MB, for
    each size; print the factor from one size to the next."""
    print("layout long: whole comparison by total size")
    previous: tuple[float, float] | None = None
    for mb in sizes:
        docs = [repeated(d, mb / len(corpus)) for d in corpus]
        stages: dict[str, float] = defaultdict(float)
        seconds = timed_compare(docs, stages)
        total = size_of(docs) / 1e6
        line = f"  {total:6.2f} MB  {seconds:8.2f} s  {total / seconds:7.3f} MB/s"
        if previous is not None:
            factor = seconds / previous[1]
            line += f"   x{factor:.2f} for x{total / previous[0]:.2f} the text (aim: <= 2.2)"
        busiest = max(stages.items(), key=lambda kv: kv[1])
        line += f"   busiest stage: {busiest[0]} {busiest[1] / seconds:.0%}"
        print(line, flush=True)
        previous = (total, seconds)


if __name__ == "__main__":
    main()
