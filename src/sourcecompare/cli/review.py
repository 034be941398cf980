"""``sourcecompare review REPORT_DIR`` (the review page) and ``sourcecompare export
REPORT_DIR`` (verdicts to CSV and ClaimReview JSON-LD)."""

from __future__ import annotations

import argparse
import webbrowser
from pathlib import Path

from rich.console import Console

from ..review.server import DEFAULT_PORT
from ._args import port


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "report_dir", type=Path, metavar="REPORT_DIR", help="a folder written by compare -o"
    )
    parser.add_argument(
        "--port", type=port, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0: any)"
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="review store (default REPORT_DIR/review.sqlite)"
    )
    parser.add_argument("--reviewer", metavar="NAME", help="your name (default: login name)")
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests for this host name (repeatable)",
    )
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")


def run(args: argparse.Namespace, console: Console) -> int:
    from ..review import make_server

    server = make_server(
        args.report_dir,
        db=args.db,
        host=args.host,
        port=args.port,
        reviewer=args.reviewer,
        allow_hosts=args.allow_host,
    )
    try:
        # paths and the address unwrapped (soft_wrap): the terminal folds them, and a copy of
        # the line gives them whole
        console.print(
            f"reviewing {server.app.report_dir}; verdicts saved in {server.app.store.path}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        console.print(
            f"review page: {server.url}   (Ctrl+C to stop)",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        console.file.flush()
        if not args.no_browser:
            webbrowser.open(server.url)
        server.serve_forever()
    except KeyboardInterrupt:
        console.print("stopped; every verdict is saved", markup=False)
    finally:
        server.server_close()
    return 0


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "report_dir", type=Path, metavar="REPORT_DIR", help="a folder written by compare -o"
    )
    parser.add_argument("--csv", type=Path, metavar="FILE", help="write reviewed findings as CSV")
    parser.add_argument(
        "--claimreview", type=Path, metavar="FILE", help="write final verdicts as ClaimReview"
    )
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="review store (default REPORT_DIR/review.sqlite)"
    )
    parser.add_argument("--all", action="store_true", help="CSV: unreviewed findings too")
    parser.add_argument(
        "--include-resolved",
        action="store_true",
        help="ClaimReview: findings resolved by a change in the sources too",
    )
    parser.add_argument("--author", metavar="NAME", help="ClaimReview: the publishing organisation")
    parser.add_argument(
        "--report-url",
        metavar="URL",
        help="ClaimReview: where report.html is published (default: the file itself)",
    )


def run_export(args: argparse.Namespace, console: Console) -> int:
    from ..review.export import export_folder

    counts = export_folder(
        args.report_dir,
        db=args.db,
        csv_path=args.csv,
        claimreview_path=args.claimreview,
        include_unreviewed=args.all,
        include_resolved=args.include_resolved,
        author=args.author,
        report_url=args.report_url,
    )
    if "csv" in counts:
        n = counts["csv"]
        console.print(
            f"wrote {n} finding{'' if n == 1 else 's'}: {args.csv}", markup=False, highlight=False
        )
    if "claimreview" in counts:
        n = counts["claimreview"]
        console.print(
            f"wrote {n} ClaimReview{'' if n == 1 else 's'}: {args.claimreview}",
            markup=False,
            highlight=False,
        )
    return 0
