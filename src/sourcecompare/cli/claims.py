"""``sourcecompare claims PATH...``: the figures of each document, with their intervals."""

from __future__ import annotations

import argparse
import json

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Claim
from ._args import add_encoding


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, or corpus folders with a manifest.toml"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    add_encoding(parser)


#: the fields of a claim that ``--json`` prints (a subset of the report's claims)
JSON_FIELDS = ("document", "paragraph", "text", "kind", "value", "low", "high", "qualifier", "unit")
#: fields printed only when a claim has them: the unit as written (``km`` for a measurement
#: whose ``unit`` is the base unit ``m``), its dimension, a table row's key and a note
EXTRA_FIELDS = ("unit_text", "dimension", "row_key", "note")


def as_json(claim: Claim) -> dict[str, object]:
    from ..report.to_json import claim_json

    data = claim_json(claim)
    out: dict[str, object] = {key: data[key] for key in JSON_FIELDS}
    for key in EXTRA_FIELDS:
        value = getattr(claim, key, "")
        if value:
            out[key] = value
    return out


def _show(x: float | None, kind: str) -> str:
    from ..report.to_json import number

    n = number(x)
    if n is None:
        return ""
    if kind == "date" and isinstance(n, int):  # YYYYMMDD; day 00 is a whole month
        year, month, day = n // 10000, n // 100 % 100, n % 100
        return f"{year}-{month:02d}-{day:02d}" if day else f"{year}-{month:02d}"
    grouped = kind in ("count", "money", "measurement") and isinstance(n, int) and abs(n) >= 10000
    return f"{n:,}" if grouped else f"{n:g}" if isinstance(n, float) else str(n)


def _interval(claim: Claim) -> str:
    low, high = _show(claim.low, claim.kind), _show(claim.high, claim.kind)
    if low == high:
        return low
    if low and high:
        return f"{low}–{high}"
    return f"≥ {low}" if low else f"≤ {high}"


#: claims of one document shown as a table; more are printed as tab-separated lines (a
#: table of thousands of rows takes rich most of a millisecond a row to lay out)
TABLE_ROWS = 1000
_COLUMNS = ("¶", "text", "kind", "value", "interval", "qualifier", "unit", "counted", "note")


def _row(c: Claim) -> tuple[str, ...]:
    return (
        str(c.paragraph),
        c.text,
        c.kind,
        _show(c.value, c.kind),
        _interval(c),
        c.qualifier,
        c.unit,
        c.unit_text,
        "; ".join(x for x in (f"{c.row_key}:" if c.row_key else "", c.note) if x),
    )


def _lines(claims: tuple[Claim, ...]) -> str:
    """The rows as tab-separated lines under a header (tabs and line breaks inside a field
    made spaces)."""
    rows = [_COLUMNS, *(_row(c) for c in claims)]
    clean = str.maketrans("\t\n\r", "   ")
    return "\n".join("\t".join(str(v).translate(clean) for v in row) for row in rows)


def run(args: argparse.Namespace, console: Console) -> int:
    from ..claims import extract_claims
    from ..pipeline import read_many

    docs = read_many(args.paths, encoding=args.encoding)
    if args.json:
        rows = [as_json(c) for doc in docs for c in extract_claims(doc)]
        console.print_json(json.dumps(rows, ensure_ascii=False))
        return 0
    for doc in docs:
        claims = extract_claims(doc)
        console.rule(Text.assemble((doc.id, "bold"), f" — {len(claims)} claims"))
        if len(claims) > TABLE_ROWS:
            console.print(
                f"more than {TABLE_ROWS:,} claims: tab-separated lines (--json for every field)"
            )
            console.file.write(_lines(claims) + "\n")
            continue
        table = Table(show_lines=False)
        table.add_column("¶", justify="right")
        table.add_column("text", overflow="fold", min_width=8)
        table.add_column("kind")
        table.add_column("value", justify="right", no_wrap=True)
        table.add_column("interval", justify="right", no_wrap=True)
        table.add_column("qualifier")
        table.add_column("unit", no_wrap=True)
        table.add_column("counted", overflow="fold")
        table.add_column("note", overflow="fold")
        for c in claims:
            table.add_row(*_row(c))
        console.print(table)
    return 0
