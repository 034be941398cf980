"""``sourcecompare compare PATH...``: find discrepancies and write the report."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..compare import compare
from ..model import Relation
from ._args import add_encoding


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="corpus folders (with manifest.toml) or files"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="write report.html, report.md and report.json into DIR",
    )
    parser.add_argument(
        "--mode",
        choices=["parallel", "comparable"],
        default=None,
        help="alignment mode for every pair (default: chosen per pair)",
    )
    parser.add_argument(
        "--alignments",
        type=Path,
        metavar="DIR",
        help="saved alignments (align --save): use the links marked reviewed there",
    )
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="review store whose verdicts the report shows (default: DIR/review.sqlite if present)",
    )
    parser.add_argument(
        "--all", action="store_true", help="list one-sided findings too (they are always in files)"
    )
    add_encoding(parser)


def run(args: argparse.Namespace, console: Console) -> int:
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),
        TimeElapsedColumn(),
        console=Console(stderr=True, markup=False, highlight=False),
        transient=True,
    ) as bar:
        task = bar.add_task("starting", total=None)
        report = compare(
            args.paths,
            mode=args.mode,
            alignments=args.alignments,
            encoding=args.encoding,
            progress=lambda msg: bar.update(task, description=msg),
        )
    from ..report import ordered_findings

    shown = [
        f for f in ordered_findings(report) if args.all or f.relation is not Relation.ONE_SIDED
    ]
    # one line a finding, in the order of the HTML report; the files hold the whole text
    table = Table(title=f"{len(shown)} of {len(report.findings)} findings", box=None)
    table.add_column("relation", no_wrap=True, min_width=10)
    table.add_column("severity", no_wrap=True, min_width=8)
    table.add_column("conf.", justify="right", no_wrap=True, min_width=5)
    table.add_column("explanation", overflow="ellipsis", no_wrap=True, ratio=1)
    for f in shown:
        table.add_row(str(f.relation), str(f.severity), f"{f.confidence:.2f}", f.explanation)
    console.print(table)
    counts = {r: sum(1 for f in report.findings if f.relation is r) for r in Relation}
    console.print(
        "  ".join(f"{r.value}: {n}" for r, n in counts.items()), markup=False, highlight=False
    )
    if args.output:
        from ..report import write_report
        from ..review import review_sync

        report, sync = review_sync(report, args.output, args.db)
        if sync is not None:
            reviewed = sum(
                1
                for f in report.findings
                if report.statuses.get(f.id, "unreviewed") != "unreviewed"
            )
            console.print(
                f"review store (run {sync.run}): {reviewed} findings carry verdicts, "
                f"{len(sync.new)} first seen in run {sync.run}, {len(sync.resolved)} gone from "
                "the sources (listed as resolved, verdicts kept)",
                markup=False,
                highlight=False,
            )
        written = write_report(report, args.output)
        for kind, path in written.items():
            console.print(f"wrote {kind}: {path}", markup=False, highlight=False)
    console.print(f"signature: {report.signature}", soft_wrap=True)
    return 0
