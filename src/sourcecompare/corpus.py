"""A corpus: a folder of documents and the ``manifest.toml`` that describes them.

Each ``[[document]]`` table names one file and what is known of it: id, title, language,
script, format, the kind of source and its reliability tier, and -- so that a finding can be
cited -- where it came from: ``url``, ``revision`` (a wiki's revision id) and ``retrieved``
(when it was fetched, ISO 8601), and for a paper ``author``, ``journal``, ``volume``,
``issue`` and ``pages`` (whose first number also numbers a paged document's pages);
``author_type`` says whether the author is people (``person``, the
default) or one ``organization``.  Mistakes in the manifest (a
missing file, an unknown key, a duplicate id) raise :class:`ManifestError` naming the
manifest and the line.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .errors import ManifestError
from .model import AUTHOR_TYPES, TIERS

__all__ = ["CHOICES", "KEYS", "TIERS", "Corpus", "Entry", "load_manifest"]

log = logging.getLogger(__name__)

MANIFEST = "manifest.toml"


REQUIRED = ("id", "file")
OPTIONAL = (
    "title",
    "language",
    "script",
    "format",
    "encoding",
    "kind",
    "tier",
    "publisher",
    "date",
    "url",
    "revision",
    "retrieved",
    "author",
    "author_type",
    "journal",
    "volume",
    "issue",
    "pages",
)
KEYS = REQUIRED + OPTIONAL
LANGUAGES = ("zh", "en")
SCRIPTS = ("traditional", "simplified", "mixed", "latin")
#: the keys whose value must be one of a few (a manifest's and ``compare --meta``'s)
CHOICES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"language": LANGUAGES, "script": SCRIPTS, "tier": TIERS, "author_type": AUTHOR_TYPES}
)
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class Entry:
    """One document of a corpus as its manifest describes it."""

    id: str
    path: Path
    line: int
    fields: Mapping[str, str]

    def get(self, key: str) -> str | None:
        return self.fields.get(key)

    @property
    def tier(self) -> str | None:
        return self.fields.get("tier")


@dataclass(frozen=True)
class Corpus:
    """A manifest and its entries, in manifest order."""

    root: Path
    manifest: Path
    entries: tuple[Entry, ...]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def _table_lines(text: str) -> list[tuple[int, int]]:
    """For each ``[[document]]`` table, its (first line, last line), 1-based."""
    starts = [i + 1 for i, line in enumerate(text.splitlines()) if line.strip() == "[[document]]"]
    n = len(text.splitlines())
    return [(s, (starts[k + 1] - 1 if k + 1 < len(starts) else n)) for k, s in enumerate(starts)]


def _key_line(text: str, span: tuple[int, int], key: str) -> int:
    lines = text.splitlines()
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for i in range(span[0], span[1] + 1):
        if pattern.match(lines[i - 1]):
            return i
    return span[0]


def _confined(root: Path, name: str, where: str, line: int) -> Path:
    """``root / name``, refused unless it resolves to a place inside ``root``.

    A manifest names its documents relative to its own folder; an absolute path, or one that
    climbs out with ``..`` (directly or through a symbolic link), would read a file that is not
    part of the corpus into the report.
    """
    if Path(name).is_absolute():
        raise ManifestError(where, line, f"file {name!r} must be a path inside the corpus folder")
    base = root.resolve()
    file = (root / name).resolve()
    if not file.is_relative_to(base):
        raise ManifestError(
            where, line, f"file {name!r} is outside the corpus folder {base} (resolves to {file})"
        )
    return root / name


def _check_text_codec(name: str, where: str, line: int) -> None:
    """Refuse an encoding that Python does not know, or that is not a text encoding."""
    from .readers.detect import encoding_problem

    problem = encoding_problem(name)
    if problem is not None:
        raise ManifestError(where, line, problem if "unknown" in problem else f"encoding {problem}")


def load_manifest(path: str | Path) -> Corpus:
    """Load a corpus manifest (``path`` may be the folder or the ``manifest.toml``).

    >>> load_manifest("/no/such/folder")
    Traceback (most recent call last):
    ...
    sourcecompare.errors.ManifestError: /no/such/folder/manifest.toml: no such manifest
    """
    p = Path(path)
    manifest = p / MANIFEST if p.is_dir() or p.suffix != ".toml" else p
    where = str(manifest)
    try:
        text = manifest.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ManifestError(where, None, "no such manifest") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(where, None, f"cannot read: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ManifestError(
            where, int(m.group(1)) if m else None, f"not valid TOML: {exc}"
        ) from exc
    unknown_top = sorted(set(data) - {"document"})
    if unknown_top:
        raise ManifestError(where, 1, f"unknown top-level key(s): {', '.join(unknown_top)}")
    tables = data.get("document", [])
    if not isinstance(tables, list) or not tables:
        raise ManifestError(where, 1, "no [[document]] tables")
    spans = _table_lines(text)
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for k, table in enumerate(tables):
        span = spans[k] if k < len(spans) else (1, len(text.splitlines()))
        for key in table:
            if key not in KEYS:
                raise ManifestError(
                    where,
                    _key_line(text, span, key),
                    f"unknown key {key!r}; valid keys: {', '.join(KEYS)}",
                )
        for key in REQUIRED:
            if key not in table:
                raise ManifestError(where, span[0], f"document table lacks required key {key!r}")
        for key, value in table.items():
            if not isinstance(value, str):
                raise ManifestError(where, _key_line(text, span, key), f"{key} must be a string")
        doc_id = table["id"]
        line = _key_line(text, span, "id")
        if not _ID.match(doc_id):
            raise ManifestError(
                where, line, f"id {doc_id!r} must be lower case letters, digits, '.', '_' or '-'"
            )
        if doc_id in seen:
            raise ManifestError(
                where, line, f"duplicate id {doc_id!r} (first at line {seen[doc_id]})"
            )
        seen[doc_id] = line
        for key, valid in CHOICES.items():
            if key in table and table[key] not in valid:
                raise ManifestError(
                    where,
                    _key_line(text, span, key),
                    f"{key} {table[key]!r} is not one of {', '.join(valid)}",
                )
        if "format" in table:
            from .readers import FORMATS

            if table["format"] not in FORMATS:
                formats = ", ".join(sorted(FORMATS))
                raise ManifestError(
                    where,
                    _key_line(text, span, "format"),
                    f"unknown format {table['format']!r}; valid formats: {formats}",
                )
        file_line = _key_line(text, span, "file")
        file = _confined(manifest.parent, table["file"], where, file_line)
        if not file.is_file():
            raise ManifestError(where, file_line, f"no such file: {file}")
        if "encoding" in table:
            _check_text_codec(table["encoding"], where, _key_line(text, span, "encoding"))
        entries.append(Entry(id=doc_id, path=file, line=line, fields=MappingProxyType(dict(table))))
    return Corpus(root=manifest.parent, manifest=manifest, entries=tuple(entries))
