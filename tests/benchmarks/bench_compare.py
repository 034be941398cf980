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
    The corpus made ``--mb`` MB long and its five documents compared once: how the comparison
    scales with document length.  With ``--sizes 0.5,1,2,4`` the whole comparison is timed
    at each total size in turn, and each doubling's factor printed (the aim: at most 2.2,
    linear growth; the process's CPU time too, steadier on a shared machine), with the
    number of alignment links (and of links between different copies) and of claims found.
    A long document is its source copied (each document as many times), each copy made
    distinct (:func:`varied`, deterministic): every figure of two or more digits gets other
    digits after its first, every capitalised word of five or more letters (names) other
    letters after its second, the same for the same string in every document of one copy
    (so the five documents of a copy still agree with each other) and different from copy
    to copy.  Plain repetition (``--repeat``: each document repeated to ``--mb``/5 MB, so the
    documents are not even copied as many times) gives every copy the same figures and
    names, so each paragraph links to its counterparts in every copy: the links, and the
    work, grow with the square of the length, whatever the algorithm.  Varied copies are
    still translations of each other in their common words: links across copies remain,
    fewer, and still grow faster than the text.

Resources (OpenCC, jieba, CC-CEDICT, spaCy) are loaded before timing; both figures are for
warm runs.  With ``--parallel`` the comparison is ``compare(parallel=True)``, as the command
line runs it: the claims are extracted on a second core while the pairs are aligned (the
"claims" stage is then the wait for them and the documents left to this process; the CPU
time printed is this process's alone).  With ``--one-job`` the garbage collector is set as
the command's process sets it (:func:`sourcecompare._gc.one_job`, before anything is
loaded), for both figures; ``--parallel --one-job`` is the comparison as the command runs it.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import math
import re
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
from sourcecompare.model import Document, OffsetMap, Report  # noqa: E402
from sourcecompare.pipeline import read_many  # noqa: E402
from sourcecompare.segment import segment  # noqa: E402

CORPUS = HERE.parents[1] / "corpus"


_FIGURE = re.compile(r"[0-9]{2,}")
_NAME = re.compile(r"\b[A-Z][a-z]{4,}\b")


def _digest(copy: int, text: str) -> bytes:
    return hashlib.blake2b(f"{copy}:{text}".encode(), digest_size=32).digest()


def _vary(text: str, copy: int) -> str:
    """``text`` as copy ``copy`` has it: figures and names changed, each character in place."""
    if copy == 0:
        return text

    def figure(m: re.Match[str]) -> str:
        s = m.group()
        d = _digest(copy, s)
        return s[0] + "".join(str(d[i % 32] % 10) for i in range(len(s) - 1))

    def name(m: re.Match[str]) -> str:
        s = m.group()
        d = _digest(copy, s)
        return s[:2] + "".join(chr(97 + d[i % 32] % 26) for i in range(len(s) - 2))

    return _NAME.sub(name, _FIGURE.sub(figure, text))


def varied(doc: Document, times: int) -> Document:
    """``times`` copies of ``doc``, each with its figures and names changed (:func:`_vary`),
    every offset in place."""
    sep = "\n\n"
    step = len(doc.raw) + len(sep)
    paragraphs = []
    raws = []
    for k in range(times):
        raws.append(_vary(doc.raw, k + 1))
        for p in doc.paragraphs:
            offsets = OffsetMap(
                starts=p.offsets.starts,
                origins=tuple(o + k * step for o in p.offsets.origins),
                length=p.offsets.length,
            )
            paragraphs.append(
                dataclasses.replace(
                    p, index=len(paragraphs), text=_vary(p.text, k + 1), offsets=offsets
                )
            )
    raw = "".join(r + sep for r in raws)
    return dataclasses.replace(doc, raw=raw, paragraphs=tuple(paragraphs))


def grow(corpus: list[Document], megabytes: float, repeat: bool) -> list[Document]:
    """The corpus made about ``megabytes`` MB in all: each document repeated to its share of
    it (``repeat``), or every document copied the same number of times, copy ``k`` of each
    varied alike (:func:`varied`), so that copy ``k`` of one document is the counterpart of
    copy ``k`` of another."""
    if repeat:
        return [repeated(d, megabytes / len(corpus)) for d in corpus]
    times = max(1, round(megabytes * 1e6 / size_of(corpus)))
    return [varied(d, times) for d in corpus]


def size_of(docs: list[Document]) -> int:
    return sum(len(d.raw.encode("utf-8")) for d in docs)


def _across_copies(report: Report, corpus: list[Document]) -> int:
    """Links between paragraphs of different copies of the corpus (:func:`grow`)."""
    size = {d.id: len(d.paragraphs) for d in corpus}
    across = 0
    for a in report.alignments:
        for link in a.links:
            mine = {i // size[a.source] for i in link.source}
            theirs = {j // size[a.target] for j in link.target}
            across += not mine & theirs
    return across


def timed_compare(
    docs: list[Document],
    stages: dict[str, float],
    corpus: list[Document] | None = None,
    parallel: bool = False,
) -> float:
    """Seconds for :func:`compare` on ``docs``; adds each stage's seconds to ``stages``."""
    marks: list[tuple[str, float]] = []

    def progress(msg: str) -> None:
        marks.append((msg.split(":")[0], time.perf_counter()))

    began, cpu = time.perf_counter(), time.process_time()
    report = compare(docs, progress=progress, parallel=parallel)
    ended = time.perf_counter()
    stages["#cpu"] += time.process_time() - cpu
    stages["#links"] += sum(len(a.links) for a in report.alignments)
    stages["#claims"] += len(report.claims)
    if corpus is not None:
        stages["#across"] += _across_copies(report, corpus)
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
    parser.add_argument(
        "--repeat", action="store_true", help="with --layout long: plain copies, not varied"
    )
    parser.add_argument(
        "--parallel",
        action="store_true",
        help="compare(parallel=True), as the command line does: claims on a second core",
    )
    parser.add_argument(
        "--one-job",
        action="store_true",
        help="the garbage collector set as the command's process sets it (sourcecompare._gc)",
    )
    args = parser.parse_args()
    if args.one_job:
        from sourcecompare import _gc

        _gc.one_job()

    corpus = read_many([CORPUS], segment=False)
    compare(corpus)  # load every resource once, outside the timings
    if args.sizes:
        if args.layout != "long":
            parser.error("--sizes goes with --layout long")
        doubling([float(x) for x in args.sizes.split(",")], corpus, args.repeat, args.parallel)
        return
    if args.layout == "topics":
        copies = max(1, math.ceil(args.mb * 1e6 / size_of(corpus)))
        topics = [corpus] * copies
    else:
        topics = [grow(corpus, args.mb, args.repeat)]
    total = sum(size_of(t) for t in topics)
    print(
        f"layout {args.layout}: {len(topics)} topic(s) of {len(topics[0])} documents, "
        f"{total / 1e6:.2f} MB of raw text"
        + (", claims on a second core (--parallel)" if args.parallel else "")
        + (", the command's garbage collector (--one-job)" if args.one_job else "")
    )

    seg_times: list[float] = []
    for docs in topics:
        began = time.perf_counter()
        for d in docs:
            segment(d)
        seg_times.append(time.perf_counter() - began)
    seg_total = sum(seg_times)

    stages: dict[str, float] = defaultdict(float)
    cmp_times = [timed_compare(docs, stages, parallel=args.parallel) for docs in topics]
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
        if name.startswith("#"):
            continue
        print(f"  {name:<10} {seconds:8.2f} s  {seconds / cmp_total:6.1%}")


def doubling(
    sizes: list[float], corpus: list[Document], repeat: bool = False, parallel: bool = False
) -> None:
    """Time the whole comparison of the corpus documents each made ``size``/5 MB long
    (:func:`varied`, or :func:`repeated` with ``repeat``), for each size; print the factor
    from one size to the next."""
    how = "plain copies" if repeat else "copies with their own figures and names"
    how += ", claims on a second core" if parallel else ""
    print(f"layout long ({how}): whole comparison by total size")
    previous: tuple[float, float, float] | None = None
    for mb in sizes:
        docs = grow(corpus, mb, repeat)
        stages: dict[str, float] = defaultdict(float)
        seconds = timed_compare(docs, stages, None if repeat else corpus, parallel)
        total = size_of(docs) / 1e6
        cpu = stages.pop("#cpu")
        line = f"  {total:6.2f} MB  {seconds:8.2f} s  {total / seconds:7.3f} MB/s  cpu {cpu:7.2f} s"
        if previous is not None:
            factor, cpu_factor = seconds / previous[1], cpu / previous[2]
            line += (
                f"   x{factor:.2f} (cpu x{cpu_factor:.2f}) for x{total / previous[0]:.2f}"
                " the text (aim: <= 2.2)"
            )
        links, claims = int(stages.pop("#links")), int(stages.pop("#claims"))
        across = int(stages.pop("#across", 0))
        busiest = max(stages.items(), key=lambda kv: kv[1])
        line += f"   busiest stage: {busiest[0]} {busiest[1] / seconds:.0%}"
        line += f"   links {links}" + (f" ({across} across copies)" if not repeat else "")
        line += f", claims {claims}"
        line += "\n            by stage: " + ", ".join(
            f"{name} {secs:.2f} s" for name, secs in sorted(stages.items(), key=lambda kv: -kv[1])
        )
        print(line, flush=True)
        previous = (total, seconds, cpu)


if __name__ == "__main__":
    main()
