"""Benchmark: align the six chapters of MAC-Dev and print strict and lax P/R/F1 and the time.

Run: ``.venv/bin/python tests/benchmarks/bench_mac_dev.py [--out DIR] [--cross-check]``.
MAC-Dev is read in place from ``../shared/bench/mac-dev`` (never copied into the project).
The time is the alignment of the six chapters once the shared resources (CC-CEDICT, the
pinyin table, the segmenter) are loaded; their loading time is printed apart.
With ``--out DIR`` the beads are written as ``DIR/NNN.align``; ``--cross-check`` then also
runs ``../shared/bench/score_align.py`` on them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sourcecompare.align import align_lines
from sourcecompare.align.metrics import format_beads, read_beads, strict_lax

ROOT = Path(__file__).resolve().parents[2]
MAC = ROOT.parent / "shared" / "bench" / "mac-dev"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=MAC)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--cross-check", action="store_true")
    args = parser.parse_args()
    if not (args.data / "gold").is_dir():
        print(f"MAC-Dev not found at {args.data}", file=sys.stderr)
        return 1
    ids = sorted(p.stem for p in (args.data / "gold").glob("*.align"))

    t0 = time.perf_counter()
    # loads CC-CEDICT, pinyin and the segmenter; cn2an compiles its patterns on first use
    align_lines(["我们回家了。"], ["We went home."])
    import cn2an

    cn2an.cn2an("三", "smart")
    load = time.perf_counter() - t0

    chapters = {}
    for i in ids:
        zh = (args.data / "split" / f"{i}.zh").read_text(encoding="utf-8").splitlines()
        en = (args.data / "split" / f"{i}.en").read_text(encoding="utf-8").splitlines()
        chapters[i] = (zh, en)
    results = {}
    t0 = time.perf_counter()
    for i, (zh, en) in chapters.items():
        t1 = time.perf_counter()
        results[i] = (align_lines(zh, en), time.perf_counter() - t1)
    total = time.perf_counter() - t0

    print(
        f"{'chapter':8} {'strict P':>9} {'R':>6} {'F1':>6}   {'lax P':>6} {'R':>6} {'F1':>6}  time"
    )
    pairs = []
    for i in ids:
        gold = read_beads(args.data / "gold" / f"{i}.align")
        test, seconds = results[i]
        pairs.append((gold, test))
        s = strict_lax([(gold, test)])
        print(
            f"{i:8} {s.strict.precision:9.3f} {s.strict.recall:6.3f} {s.strict.f1:6.3f}   "
            f"{s.lax.precision:6.3f} {s.lax.recall:6.3f} {s.lax.f1:6.3f}  {seconds:.2f}s"
        )
    s = strict_lax(pairs)
    print(
        f"{'overall':8} {s.strict.precision:9.3f} {s.strict.recall:6.3f} {s.strict.f1:6.3f}   "
        f"{s.lax.precision:6.3f} {s.lax.recall:6.3f} {s.lax.f1:6.3f}  {total:.2f}s"
    )
    print(f"alignment time (six chapters): {total:.2f}s; resource loading before: {load:.2f}s")

    if args.out or args.cross_check:
        out = args.out or Path(tempfile.mkdtemp(prefix="mac-dev-"))
        out.mkdir(parents=True, exist_ok=True)
        for i in ids:
            (out / f"{i}.align").write_text(format_beads(results[i][0]) + "\n", encoding="utf-8")
        if args.cross_check:
            scorer = args.data.parent / "score_align.py"
            run = subprocess.run(
                [sys.executable, str(scorer), str(args.data / "gold"), str(out)],
                capture_output=True,
                text=True,
                check=False,
            )
            print("score_align.py:", run.stdout.strip() or run.stderr.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
