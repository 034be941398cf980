"""What a user waits for: fresh-process wall times of the commands, and peak memory.

Run on demand (pytest does not collect it)::

    .venv/bin/python tests/benchmarks/bench_startup.py [--runs 5] [--cold] [--baseline SRC]

Each command runs ``--runs`` times in a new process (``python -m sourcecompare ...``, what
the ``sourcecompare`` script runs); the median wall time is printed with the issue's aim:

* ``import sourcecompare`` (aim 0.3 s);
* ``sourcecompare claims`` on a 1 KB file (the first kilobyte of a corpus article; aim 1.0 s);
* ``sourcecompare compare corpus/ -o DIR`` (aim 2.0 s);
* ``sourcecompare align --lines`` on one MAC-Dev chapter (aim 1.0 s);
* the six MAC-Dev chapters in one process, ``align --lines ... --save DIR`` (aim 1.5 s);

then the peak resident memory of ``compare corpus/`` (``/usr/bin/time -v``; aim 400 MB).
The resource cache is a folder of the run's own, one for this code and one for the baseline
(warm after the first run: a first run that builds it is reported apart); ``--user-cache``
uses the user's instead, which other checkouts and versions share (an older version there
removes the files of other keys when it stores its own: every run would rebuild);
``--cold`` also times one run of ``claims`` with an empty cache folder
(``SOURCECOMPARE_CACHE_DIR``), the first run after installing.  ``--baseline SRC`` (the ``src``
folder of another checkout, e.g. ``git archive`` of an older commit) also runs every command
with that code first on ``PYTHONPATH``, runs interleaved, and prints both medians and their
ratio: on a shared machine only figures of one run compare.  MAC-Dev is read in place from
``../shared/bench/mac-dev``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
MAC = ROOT.parent / "shared" / "bench" / "mac-dev" / "split"


def one_kilobyte(folder: Path) -> Path:
    """The first whole lines of a corpus article that fit in 1,000 bytes."""
    source = CORPUS / "zh-wiki-japanese-in-north-korea.md"
    out, size = [], 0
    for line in source.read_text(encoding="utf-8").splitlines(keepends=True):
        n = len(line.encode("utf-8"))
        if size + n > 1000:
            break
        out.append(line)
        size += n
    path = folder / "one-kilobyte.md"
    path.write_text("".join(out), encoding="utf-8")
    return path


def wall(command: list[str], env: dict[str, str] | None = None) -> float:
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    took = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr}")
    if "cache (first run)" in done.stderr:
        print(f"  (built the resource cache: {took:.2f} s, not counted)")
        return wall(command, env)
    return took


def baseline_env(src: Path) -> dict[str, str]:
    """The environment that imports sourcecompare from ``src`` (no bytecode written there)."""
    return {**os.environ, "PYTHONPATH": str(src), "PYTHONDONTWRITEBYTECODE": "1"}


def peak_memory_mb(command: list[str], env: dict[str, str] | None = None) -> float | None:
    if not Path("/usr/bin/time").exists():
        return None
    done = subprocess.run(
        ["/usr/bin/time", "-v", *command], capture_output=True, text=True, cwd=ROOT, env=env
    )
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return int(found.group(1)) / 1024 if found else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per figure")
    parser.add_argument("--cold", action="store_true", help="also time a first run")
    parser.add_argument("--baseline", type=Path, help="src folder of code to compare with")
    parser.add_argument("--user-cache", action="store_true", help="use the user's cache folder")
    args = parser.parse_args()
    base_env = baseline_env(args.baseline.resolve()) if args.baseline else None
    py = sys.executable
    tool = [py, "-m", "sourcecompare"]
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        folder = Path(tmp)
        new_env: dict[str, str] | None = None
        if not args.user_cache:
            new_env = {**os.environ, "SOURCECOMPARE_CACHE_DIR": str(folder / "cache")}
            if base_env is not None:
                base_env["SOURCECOMPARE_CACHE_DIR"] = str(folder / "cache-baseline")
        small = one_kilobyte(folder)
        chapters = sorted(p.stem for p in MAC.glob("*.zh")) if MAC.is_dir() else []
        # (name, command, aim in seconds, whether older code has the command)
        commands: list[tuple[str, list[str], float, bool]] = [
            ("import sourcecompare", [py, "-c", "import sourcecompare"], 0.3, True),
            (f"claims on {small.stat().st_size} B", [*tool, "claims", str(small)], 1.0, True),
            (
                "compare corpus/ -o DIR",
                [*tool, "compare", "corpus/", "-o", str(folder / "o")],
                2.0,
                True,
            ),
        ]
        if chapters:
            first = chapters[0]
            commands.append(
                (
                    f"align --lines (MAC-Dev {first})",
                    [*tool, "align", "--lines", str(MAC / f"{first}.zh"),
                     str(MAC / f"{first}.en"), "--beads"],
                    1.0,
                    True,
                )
            )  # fmt: skip
            pairs = [str(MAC / f"{c}.{lang}") for c in chapters for lang in ("zh", "en")]
            commands.append(
                (
                    f"align --lines, {len(chapters)} chapters, one process",
                    [*tool, "align", "--lines", *pairs, "--save", str(folder / "beads")],
                    1.5,
                    False,  # several pairs in one process are new
                )
            )
        else:
            print(f"MAC-Dev not found at {MAC}: its figures are left out", file=sys.stderr)
        print(f"fresh-process wall time, median of {args.runs} (min-max):")
        for name, command, aim, old in commands:
            times, before = [], []
            for _ in range(args.runs):
                if base_env is not None and old:
                    before.append(wall(command, base_env))
                times.append(wall(command, new_env))
            line = (
                f"  {name:<40} {median(times):6.2f} s  ({min(times):.2f}-{max(times):.2f})"
                f"  aim <= {aim:g} s"
            )
            if before:
                ratio = median(before) / median(times)
                line += f"   baseline {median(before):6.2f} s, {ratio:.1f}x faster"
            print(line)
        memory = peak_memory_mb([*tool, "compare", "corpus/", "-o", str(folder / "m")], new_env)
        if memory is not None:
            line = f"peak memory of compare corpus/: {memory:.0f} MB  aim < 400 MB"
            if base_env is not None:
                old = peak_memory_mb(
                    [*tool, "compare", "corpus/", "-o", str(folder / "m")], base_env
                )
                line += f"   baseline {old:.0f} MB" if old is not None else ""
            print(line)
        if args.cold:
            cache = folder / "cold-cache"
            env = {**os.environ, "SOURCECOMPARE_CACHE_DIR": str(cache)}
            began = time.perf_counter()
            done = subprocess.run(
                [*tool, "claims", str(small)], capture_output=True, text=True, env=env, cwd=ROOT
            )
            took = time.perf_counter() - began
            said = "with" if "cache (first run)" in done.stderr else "WITHOUT"
            print(f"first run (empty cache) of claims: {took:.2f} s, {said} the build message")
            shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
