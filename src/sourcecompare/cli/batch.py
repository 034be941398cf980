"""``sourcecompare batch TOPICS -o OUT``: compare many topics; write their reports and a
findings table."""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table


def _positive(text: str) -> int:
    try:
        value = int(text, 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


_ADDRESS = re.compile(r"^(?:(?:tcp|tls|ws|wss|ucx)://)?[A-Za-z0-9._\[\]:-]+:\d{1,5}/?$")


def _scheduler(text: str) -> str:
    """A Dask scheduler address: ``tcp://host:8786`` (``host:8786`` means tcp)."""
    if not _ADDRESS.match(text):
        raise argparse.ArgumentTypeError(
            f"scheduler must be an address such as tcp://host:8786, not {text!r}"
        )
    return text if "://" in text else f"tcp://{text}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "topics", type=Path, metavar="TOPICS", help="topic list: .jsonl or .csv, one topic a line"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        required=True,
        help="write OUT/topics/<id>/ reports, OUT/findings.parquet, OUT/batch.duckdb",
    )
    parser.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="worker processes of the local pool (default: the cores)",
    )
    parser.add_argument(
        "--scheduler",
        type=_scheduler,
        metavar="ADDRESS",
        help="run on a Dask cluster instead (tcp://host:8786)",
    )
    parser.add_argument(
        "--format",
        choices=["jsonl", "csv"],
        default=None,
        help="format of the topic list (default: from its suffix)",
    )
    parser.add_argument(
        "--mode",
        choices=["parallel", "comparable"],
        default=None,
        help="alignment mode for every pair (default: chosen per pair)",
    )
    parser.add_argument(
        "--retry-failed",
        action="store_true",
        help="run again the topics that failed before, even with unchanged inputs",
    )
    parser.add_argument(
        "--wiki-cache",
        type=Path,
        metavar="DIR",
        help="cache of Wikipedia answers for wiki:LANG:Title documents (default: OUT/wiki/.cache); "
        "a cached article is used without the network",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="never use the network: wiki: documents come from the cache only (a topic whose "
        "article is not cached fails, naming it)",
    )
    parser.add_argument(
        "--contact",
        metavar="EMAIL_OR_URL",
        help="a contact put in the user agent when fetching from Wikipedia",
    )
    parser.add_argument(
        "--max-attempts",
        type=_positive,
        default=3,
        metavar="N",
        help="local pool: give a topic up after its worker died N times on it (default 3)",
    )


def run(args: argparse.Namespace, console: Console) -> int:
    from ..batch import compare_many, load_topics
    from ..batch.table import paths
    from ..batch.work import build_cache

    topics = load_topics(args.topics, args.format)
    results = compare_many(
        topics,
        args.output,
        workers=args.workers,
        scheduler=args.scheduler,
        mode=args.mode,
        retry_failed=args.retry_failed,
        max_attempts=args.max_attempts,
        wiki_cache=args.wiki_cache,
        offline=args.offline,
        contact=args.contact,
    )  # (the topics, the output folder and the executor checked: a mistake is told at once)
    if args.scheduler is None:  # the local pool's workers: the tables built here, announced
        build_cache()
    done = failed = skipped = ran = 0
    failures = []
    began = time.monotonic()
    with Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} failed · {task.fields[rate]}", markup=False),
        TimeElapsedColumn(),
        console=Console(stderr=True, markup=False, highlight=False),
        transient=True,
    ) as bar:
        task = bar.add_task("topics", total=len(topics), failed=0, rate="")
        for result in results:
            if result.skipped:
                skipped += 1
            else:
                ran += 1
            if result.status == "failed":
                failed += 1
                failures.append(result)
            else:
                done += 1
            minutes = (time.monotonic() - began) / 60
            rate = f"{ran / minutes:.1f} topics/min" if ran and minutes > 0 else ""
            bar.update(task, advance=1, failed=failed, rate=rate)
    elapsed = time.monotonic() - began
    console.print(
        f"{len(topics)} topics: {done} done, {failed} failed, {skipped} skipped (unchanged); "
        f"{ran} compared in {elapsed:.1f} s",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if failures:
        table = Table(title=f"{len(failures)} failed topics", show_lines=True)
        for col in ("topic", "file", "reason"):
            table.add_column(col, overflow="fold")
        for r in failures:
            error = r.error or {}
            where = error.get("file") or ""
            if where and error.get("line") is not None:
                where = f"{where}:{error['line']}"
            table.add_row(r.topic, where, f"{error.get('type', '')}: {error.get('reason', '')}")
        console.print(table, markup=False)
    written = paths(args.output)
    console.print(
        f"reports: {args.output / 'topics'}", markup=False, highlight=False, soft_wrap=True
    )
    for kind, path in (("findings", written.findings), ("topics", written.topics)):
        console.print(f"wrote {kind}: {path}", markup=False, highlight=False, soft_wrap=True)
    if written.database is not None:
        console.print(
            f"wrote views: {written.database}", markup=False, highlight=False, soft_wrap=True
        )
    return 1 if failures else 0
