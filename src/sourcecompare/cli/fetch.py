"""``sourcecompare fetch wiki LANG:TITLE``: fetch Wikipedia articles into a corpus folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from ..fetch import MIN_INTERVAL, WikiClient, fetch_articles


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", choices=["wiki"], help="where from: wiki (Wikipedia)")
    parser.add_argument(
        "spec", metavar="LANG:TITLE", help="the article, e.g. zh:大韓航空801號班機空難"
    )
    parser.add_argument(
        "--with",
        dest="with_languages",
        action="append",
        default=[],
        metavar="LANG",
        help="also fetch the article in this language, found through the language links "
        "(repeatable)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("corpus-wiki"),
        metavar="DIR",
        help="corpus folder to write the articles and manifest.toml into (default: corpus-wiki)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="where API answers are cached (default: DIR/.cache)",
    )
    parser.add_argument(
        "--offline", action="store_true", help="never use the network: replay the cache only"
    )
    parser.add_argument(
        "--contact",
        metavar="EMAIL_OR_URL",
        help="a contact put in the user agent, as Wikimedia asks of tools",
    )
    parser.add_argument(
        "--delay",
        type=float,
        default=MIN_INTERVAL,
        metavar="SECONDS",
        help=f"least time between two requests (default {MIN_INTERVAL:g})",
    )


def run(args: argparse.Namespace, console: Console) -> int:
    client = WikiClient(
        args.cache or args.output / ".cache",
        offline=args.offline,
        contact=args.contact,
        min_interval=args.delay,
    )
    written = fetch_articles(args.spec, args.with_languages, args.output, client)
    for path in written:
        console.print(str(path), markup=False, highlight=False, soft_wrap=True)
    return 0
