"""``sourcecompare inspect PATH...``: how each document was read."""

from __future__ import annotations

import argparse
import json

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Document
from ..pipeline import read_many
from ._args import add_encoding


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, or corpus folders with a manifest.toml"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    add_encoding(parser)
    parser.add_argument(
        "--width", type=int, default=100, help="characters of paragraph text shown (tables only)"
    )


def as_json(doc: Document) -> dict[str, object]:
    return {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "format": doc.format,
        "language": doc.language,
        "script": doc.script,
        "encoding": doc.encoding,
        "paragraphs": [
            {
                "index": p.index,
                "kind": str(p.kind),
                "section": " / ".join(p.section),
                "label": p.label,
                "text": p.text,
            }
            for p in doc.paragraphs
        ],
    }


def run(args: argparse.Namespace, console: Console) -> int:
    docs = read_many(args.paths, segment=False, encoding=args.encoding)
    if args.json:
        console.print_json(json.dumps([as_json(d) for d in docs], ensure_ascii=False))
        return 0
    for doc in docs:
        console.rule(Text(doc.id, style="bold"))
        console.print(
            f"path: {doc.path}\ntitle: {doc.title}\nformat: {doc.format}   language: {doc.language}"
            f"   script: {doc.script}   encoding: {doc.encoding}"
            f"   paragraphs: {len(doc.paragraphs)}",
            markup=False,
            highlight=False,
        )
        table = Table(show_lines=False)
        table.add_column("#", justify="right")
        table.add_column("kind")
        table.add_column("section")
        table.add_column("text")
        for p in doc.paragraphs:
            text = p.text if len(p.text) <= args.width else p.text[: args.width - 1] + "…"
            if p.label:
                text = f"[{p.label}] {text}"
            table.add_row(str(p.index), str(p.kind), " / ".join(p.section), text)
        console.print(table)
    return 0
