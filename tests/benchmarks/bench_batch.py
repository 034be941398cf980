"""Topics per minute of ``compare_many`` at 1 and 2 workers, and the scaling efficiency.

Run on demand (pytest does not collect it)::

    .venv/bin/python tests/benchmarks/bench_batch.py [--topics 40] [--chars 6000] [--dask]

The topics are generated as the tests' are (``tests/batch_corpus.py``): the bundled corpus's two
articles on Japanese people in North Korea, cut to ``--chars`` characters each (6000: whole),
with figures perturbed per topic.  Each worker count runs the whole batch into a fresh folder
on a local process pool (with ``--dask``, on a ``LocalCluster`` of as many workers too), and
prints:

* **overall**: topics per minute from the start to the last result, so each worker's one-time
  resource load (dictionaries, segmenter, spaCy) is included;
* **steady**: topics per minute after the first result, once resources are loaded;
* **efficiency**: the rate at 2 workers over twice the rate at 1 (1.0 is perfect scaling).

On a shared machine the figures move with the other load; the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from batch_corpus import make_topics  # noqa: E402
from sourcecompare.batch import compare_many  # noqa: E402


def timed(listing: Path, out: Path, **how: Any) -> tuple[float, float, int]:
    """(seconds to the first result, seconds to the last, topics done)."""
    began = time.perf_counter()
    first = last = 0.0
    done = 0
    for result in compare_many(listing, out, table=False, **how):
        last = time.perf_counter() - began
        first = first or last
        done += result.status == "done"
    return first, last, done


def rates(n: int, first: float, last: float) -> tuple[float, float]:
    overall = n / last * 60
    steady = (n - 1) / (last - first) * 60 if last > first else float("nan")
    return overall, steady


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=40)
    parser.add_argument("--chars", type=int, default=6000, help="characters per article")
    parser.add_argument("--workers", default="1,2", help="worker counts to run (default 1,2)")
    parser.add_argument("--dask", action="store_true", help="also on a Dask LocalCluster")
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    root = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        listing = make_topics(root / "in", args.topics, chars=args.chars, broken=False)
        print(
            f"{args.topics} topics of 2 articles ({args.chars} characters each at most); "
            f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}"
        )
        engines: list[tuple[str, Any]] = [("local pool", None)]
        if args.dask:
            engines.append(("dask LocalCluster", "dask"))
        for name, engine in engines:
            results: dict[int, tuple[float, float]] = {}
            for w in counts:
                out = root / f"out-{name.split()[0]}-{w}"
                if engine == "dask":
                    from distributed import Client, LocalCluster

                    with (
                        LocalCluster(
                            n_workers=w, threads_per_worker=1, dashboard_address="127.0.0.1:0"
                        ) as cluster,
                        Client(cluster, set_as_default=False) as client,
                    ):
                        first, last, done = timed(listing, out, scheduler=client)
                else:
                    first, last, done = timed(listing, out, workers=w)
                overall, steady = rates(args.topics, first, last)
                results[w] = (overall, steady)
                print(
                    f"{name}, {w} worker{'s' if w != 1 else ''}: {done}/{args.topics} done in "
                    f"{last:.1f} s (first result at {first:.1f} s): {overall:.1f} topics/min "
                    f"overall, {steady:.1f} topics/min steady"
                )
            if 1 in results and 2 in results:
                (o1, s1), (o2, s2) = results[1], results[2]
                print(
                    f"{name}: scaling efficiency at 2 workers: {o2 / (2 * o1):.2f} overall, "
                    f"{s2 / (2 * s1):.2f} steady"
                )
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
