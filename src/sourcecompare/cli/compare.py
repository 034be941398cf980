"""``sourcecompare compare PATH...``: find discrepancies and write the report."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..compare import compare
from ._args import add_encoding, add_meta


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
        "--all",
        action="store_true",
        help="list every finding (default: the counts and the conflicts; files hold them all)",
    )
    add_meta(parser)
    add_encoding(parser)


def run(args: argparse.Namespace, console: Console) -> int:
    from ..pipeline import read_many
    from ..report import display_findings, status_label, summary_rows

    unknown = [p for p in args.meta if p not in {str(x) for x in args.paths}]
    if unknown:
        Console(stderr=True, markup=False, highlight=False).print(
            f"error: --meta names {unknown[0]}, which is not a PATH given"
        )
        return 2
    # drawn at each step, by this thread: a refresh thread would keep compare from forking
    # (its claims are extracted on the second core while the pairs are aligned)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),
        TimeElapsedColumn(),
        console=Console(stderr=True, markup=False, highlight=False),
        transient=True,
        auto_refresh=False,
    ) as bar:
        task = bar.add_task("reading", total=None)
        bar.refresh()
        inputs = (
            read_many(args.paths, metadata=args.meta, encoding=args.encoding)
            if args.meta
            else args.paths
        )
        report = compare(
            inputs,
            mode=args.mode,
            alignments=args.alignments,
            encoding=args.encoding,
            progress=lambda msg: bar.update(task, description=msg, refresh=True),
            parallel=True,
        )
    if args.output:
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
    findings = display_findings(report)
    counts: dict[str, int] = {}
    for f in findings:
        counts[str(f.relation)] = counts.get(str(f.relation), 0) + 1
    console.print(
        f"{len(report.documents)} documents, {len(report.claims)} figures, "
        f"{len(findings)} findings: " + ", ".join(f"{r} {n}" for r, n in counts.items()),
        markup=False,
        highlight=False,
    )
    # the conflicts (every finding with --all), in the order of the HTML report: what differs
    # and its review status, then who says what (on one line with --all), cut to the width
    shown = [f for f in findings if args.all or str(f.relation) == "conflict"]
    title = f"{len(shown)} of {len(findings)} findings"
    console.print(title + ("" if args.all else " (the conflicts; --all for every one)"))
    for f, (figures, sources) in zip(shown, summary_rows(report, shown), strict=True):
        status = report.statuses.get(f.id, "unreviewed")
        head = (f"{f.subject}: " if f.subject else "") + figures
        if status != "unreviewed":
            head += f"  [{status_label(status)}]"
        line = f"  {f.relation!s:<10} {f.severity!s:<6} {f.confidence:.2f}  {head}"
        if args.all:
            line += f" — {sources}"
        console.print(line, no_wrap=True, overflow="ellipsis", markup=False, highlight=False)
        if not args.all:
            console.print(
                f"      {sources}",
                no_wrap=True,
                overflow="ellipsis",
                style="dim",
                markup=False,
                highlight=False,
            )
    if args.output:
        from ..report import write_report

        written = write_report(report, args.output, parallel=True)  # one job: both cores
        for kind, path in written.items():
            console.print(f"wrote {kind}: {path}", markup=False, highlight=False)
    console.print(f"signature: {report.signature}", soft_wrap=True, markup=False, highlight=False)
    return 0
