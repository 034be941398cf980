"""Segmentation throughput, jieba against rjieba, on the corpus repeated to about 5 MB.

Run on demand (pytest does not collect it)::

    .venv/bin/python tests/benchmarks/bench_segment.py [--mb 5] [--repeat 3]

It prints, for each segmenter, MB/s (UTF-8 bytes of the documents' raw text) for the bare word
cutter on the normalised Chinese text and for the whole :func:`sourcecompare.segment.segment`
stage on the Chinese documents, and checks that both segmenters give the same tokens.  English
documents do not use the Chinese segmenter; their figure is printed once for reference.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path

import sourcecompare
from sourcecompare.model import Document, OffsetMap
from sourcecompare.script import normalise
from sourcecompare.segment import SEGMENTERS, _cutter, segment

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def repeated(doc: Document, megabytes: float) -> Document:
    """``doc`` repeated until its raw text is about ``megabytes`` MB, offsets shifted."""
    size = len(doc.raw.encode())
    times = max(1, round(megabytes * 1e6 / size))
    sep = "\n\n"
    step = len(doc.raw) + len(sep)
    paragraphs = []
    for k in range(times):
        for p in doc.paragraphs:
            offsets = OffsetMap(
                starts=p.offsets.starts,
                origins=tuple(o + k * step for o in p.offsets.origins),
                length=p.offsets.length,
            )
            paragraphs.append(dataclasses.replace(p, index=len(paragraphs), offsets=offsets))
    return dataclasses.replace(doc, raw=(doc.raw + sep) * times, paragraphs=tuple(paragraphs))


def best_of(repeat: int, fn: object) -> float:
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()  # type: ignore[operator]
        timings.append(time.perf_counter() - began)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of each test document")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best is kept)")
    args = parser.parse_args()

    docs = [
        sourcecompare.read(p, segment=False)
        for p in sorted(CORPUS.iterdir())
        if p.suffix in {".md", ".wikitext", ".txt"}
    ]
    zh = [d for d in docs if d.language == "zh"]
    en = [d for d in docs if d.language == "en"]
    share = args.mb / len(zh)
    big_zh = [repeated(d, share) for d in zh]
    zh_mb = sum(len(d.raw.encode()) for d in big_zh) / 1e6
    texts = [normalise(p.text)[0] for d in big_zh for p in d.paragraphs]
    text_mb = sum(len(t.encode()) for t in texts) / 1e6

    print(
        f"Chinese: {len(zh)} corpus documents repeated to {zh_mb:.1f} MB raw "
        f"({text_mb:.1f} MB of paragraph text)"
    )
    results: dict[str, list[tuple[str, ...]]] = {}
    for name in SEGMENTERS:
        cutter = _cutter(name)
        segment(zh[0], segmenter=name)  # build the pipeline outside the timing
        cut = best_of(args.repeat, lambda cutter=cutter: [cutter.cut(t) for t in texts])
        whole = best_of(args.repeat, lambda name=name: [segment(d, segmenter=name) for d in big_zh])
        print(f"  {name:7s} cutter  {text_mb / cut:7.2f} MB/s   ({cut:.2f} s)")
        print(f"  {name:7s} segment {zh_mb / whole:7.2f} MB/s   ({whole:.2f} s)")
        results[name] = [
            tuple(
                t.norm
                for p in segment(d, segmenter=name).paragraphs
                for s in p.sentences
                for t in s.tokens
            )
            for d in zh
        ]
    first, *others = results.values()
    same = all(other == first for other in others)
    count = sum(len(r) for r in first)
    print(f"  same tokens on the corpus: {same} ({count} tokens)")

    big_en = [repeated(d, args.mb / len(en)) for d in en]
    en_mb = sum(len(d.raw.encode()) for d in big_en) / 1e6
    segment(en[0])
    whole = best_of(args.repeat, lambda: [segment(d) for d in big_en])
    print(
        f"English: {len(en)} documents repeated to {en_mb:.1f} MB: "
        f"segment {en_mb / whole:.2f} MB/s ({whole:.2f} s)"
    )


if __name__ == "__main__":
    main()
