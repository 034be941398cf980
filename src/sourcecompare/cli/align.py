"""``sourcecompare align``: align documents, or two files of one sentence a line.

* ``sourcecompare align A B`` prints the two documents side by side, link by link.
* ``sourcecompare align corpus/ --save alignments/`` aligns every pair of documents and
  writes one JSON file per pair (reviewed links of files already there are kept).
* ``sourcecompare align --lines ZH_FILE EN_FILE --beads`` prints one bead a line,
  ``[zh ids]:[en ids]``.
* ``sourcecompare align --lines ZH1 EN1 ZH2 EN2 ... --save DIR`` (or ``--lines ZH_DIR EN_DIR``,
  files paired by name) aligns every pair in one process and writes ``DIR/NAME.align``.
"""

from __future__ import annotations

import argparse
from itertools import combinations
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..errors import SourceCompareError
from ..model import Alignment, Document


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="two documents, or corpus folders (every pair is aligned)",
    )
    parser.add_argument(
        "--lines",
        nargs="+",
        metavar="FILE",
        help="align files of one sentence a line: SOURCE TARGET pairs (Chinese source, "
        "English target), or two folders of same-named files; several pairs need --save",
    )
    parser.add_argument(
        "--beads", action="store_true", help="with --lines: print beads as [ids]:[ids]"
    )
    parser.add_argument(
        "--mode", default="auto", help="parallel, comparable or auto (default: auto)"
    )
    parser.add_argument(
        "--unit", default="paragraph", help="paragraph or sentence (default: paragraph)"
    )
    parser.add_argument(
        "--scorers",
        default=None,
        help="scorers and weights, e.g. lexical=1,anchors=1,length=1 (default)",
    )
    parser.add_argument(
        "--save",
        metavar="FOLDER",
        help="write one JSON file per pair of documents here (with --lines: one bead file "
        "NAME.align per pair)",
    )
    parser.add_argument("--width", type=int, default=70, help="characters of text per side")


def _read_lines(path: str) -> list[str]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceCompareError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise SourceCompareError(f"{path}: not UTF-8 text") from exc
    return text.splitlines()


def line_pairs(paths: list[str]) -> list[tuple[Path, Path, str]]:
    """``(source, target, bead file name)`` of each pair named on the command line: files
    given as ``SOURCE TARGET`` pairs (the name is the source's stem), or two folders whose
    same-named files pair up (the name is the shared stem)."""
    given = [Path(p) for p in paths]
    if len(given) == 2 and all(p.is_dir() for p in given):
        a, b = given
        names_a = {p.name for p in a.iterdir() if p.is_file() and not p.name.startswith(".")}
        names_b = {p.name for p in b.iterdir() if p.is_file() and not p.name.startswith(".")}
        alone = sorted(names_a ^ names_b)
        if alone:
            where = ", ".join(str((a if n in names_a else b) / n) for n in alone[:5])
            raise SourceCompareError(f"no counterpart in the other folder: {where}")
        if not names_a:
            raise SourceCompareError(f"{a}: no files to align")
        pairs = [(a / n, b / n, Path(n).stem + ".align") for n in sorted(names_a)]
    else:
        if len(given) % 2:
            raise SourceCompareError(
                "--lines takes SOURCE TARGET pairs of files, or two folders; "
                f"got {len(given)} paths"
            )
        for p in given:
            if p.is_dir():
                raise SourceCompareError(f"{p}: a folder among files (give two folders, or files)")
        pairs = [(s, t, s.stem + ".align") for s, t in zip(given[::2], given[1::2], strict=True)]
    names = [name for _, _, name in pairs]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise SourceCompareError(f"two pairs would write the same bead file: {', '.join(twice)}")
    return pairs


def _save_lines(
    pairs: list[tuple[Path, Path, str]], folder: Path, scorers: str | None, console: Console
) -> int:
    from ..align import align_lines
    from ..align.metrics import format_beads

    texts = [(_read_lines(str(s)), _read_lines(str(t))) for s, t, _ in pairs]  # errors first
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SourceCompareError(f"{folder}: cannot create: {exc.strerror or exc}") from exc
    for (source, target, name), (src, tgt) in zip(pairs, texts, strict=True):
        beads = align_lines(src, tgt, scorers=scorers)
        out = folder / name
        try:
            out.write_text(format_beads(beads) + "\n" if beads else "", encoding="utf-8")
        except OSError as exc:
            raise SourceCompareError(f"{out}: cannot write: {exc.strerror or exc}") from exc
        console.print(
            f"{source} ~ {target}: {len(beads)} beads -> {out}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    return 0


def _format_ids(ids: tuple[int, ...]) -> str:
    return "[" + ",".join(str(i) for i in ids) + "]"


def run(args: argparse.Namespace, console: Console) -> int:
    from ..align import align, align_lines

    if args.lines:
        pairs = line_pairs(args.lines)
        if args.save:
            return _save_lines(pairs, Path(args.save), args.scorers, console)
        if len(pairs) > 1:
            raise SourceCompareError(
                f"{len(pairs)} pairs of files: use --save FOLDER to write one bead file per pair"
            )
        src, tgt = (_read_lines(str(p)) for p in pairs[0][:2])
        beads = align_lines(src, tgt, scorers=args.scorers)
        if args.beads:
            for s, t in beads:
                console.print(f"{_format_ids(s)}:{_format_ids(t)}", markup=False, highlight=False)
        else:
            table = Table(show_lines=True)
            table.add_column("source")
            table.add_column("target")
            for s, t in beads:
                table.add_row("\n".join(src[i] for i in s), "\n".join(tgt[j] for j in t))
            console.print(table)
        return 0
    if not args.paths:
        raise SourceCompareError("give two documents, a corpus folder, or --lines A B")
    from ..pipeline import read_many

    docs = read_many(args.paths, segment=args.unit == "sentence")
    if len(docs) < 2:
        raise SourceCompareError("aligning needs at least two documents")
    if len(docs) > 2 and not args.save:
        raise SourceCompareError(
            f"{len(docs)} documents: use --save FOLDER to align every pair, or name two"
        )
    for a, b in combinations(docs, 2):
        alignment = align(a, b, mode=args.mode, unit=args.unit, scorers=args.scorers)
        if args.save:
            from ..align.store import save

            path = save(alignment, args.save, _texts(a, args.unit), _texts(b, args.unit))
            console.print(
                f"{a.id} ~ {b.id}: {alignment.mode}, {len(alignment.links)} links -> {path}",
                markup=False,
                highlight=False,
            )
        else:
            _side_by_side(console, a, b, alignment, args.width, args.unit)
    return 0


def _texts(doc: Document, unit: str):
    from ..align import units_of

    if unit == "paragraph":
        return lambda k: doc.paragraphs[k].text
    texts = {ids[0]: text for ids, text in units_of(doc, unit)}
    return lambda k: texts.get(k, "")


def _side_by_side(
    console: Console, a: Document, b: Document, al: Alignment, width: int, unit: str
) -> None:
    source_text, target_text = _texts(a, unit), _texts(b, unit)

    def cut(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    console.rule(Text.assemble((a.id, "bold"), " ~ ", (b.id, "bold")))
    console.print(f"{al.mode}   {al.signature}", markup=False, highlight=False)
    table = Table(show_lines=True)
    table.add_column(f"{a.id} ({a.language})", ratio=1)
    table.add_column("score", justify="right")
    table.add_column(f"{b.id} ({b.language})", ratio=1)
    rows: list[tuple[tuple[float, float], str, str, str]] = []
    for link in al.links:
        left = "\n".join(f"{k}: {cut(source_text(k))}" for k in link.source) or "—"
        right = "\n".join(f"{k}: {cut(target_text(k))}" for k in link.target) or "—"
        mark = " ✓" if link.reviewed else ""
        key = (min(link.source, default=-1), min(link.target, default=-1))
        rows.append((key, left, f"{link.score:.1f}{mark}", right))
    if al.mode == "comparable":
        # units without counterpart, in their places: a source unit by its number, a target
        # unit after the last row whose target comes before it
        from ..align import units_of

        linked_a = {k for link in al.links for k in link.source}
        linked_b = {k for link in al.links for k in link.target}
        for ids, _ in units_of(a, unit):
            if not linked_a & set(ids):
                rows.append(((ids[0], -1), f"{ids[0]}: {cut(source_text(ids[0]))}", "", "—"))
        linked_rows = [(min(link.target), min(link.source)) for link in al.links if link.source]
        for ids, _ in units_of(b, unit):
            if not linked_b & set(ids):
                before = [s for t, s in linked_rows if t < ids[0]]
                at = max(before, default=-1) + 0.5
                rows.append(((at, ids[0]), "—", "", f"{ids[0]}: {cut(target_text(ids[0]))}"))
    for _key, left, score, right in sorted(rows, key=lambda r: r[0]):
        table.add_row(left, score, right)
    console.print(table)
