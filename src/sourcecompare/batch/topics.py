"""Topic lists: one topic a line, an id and its documents, as JSONL or CSV.

JSONL (``.jsonl``, ``.ndjson``)::

    {"id": "abductions", "documents": ["zh/abductions.md", "en/abductions.txt"]}

CSV (``.csv``), a header naming the columns ``id`` and ``documents``; the documents of a topic
are separated by ``;``::

    id,documents
    abductions,zh/abductions.md;en/abductions.txt

A document is a file or a corpus folder (with ``manifest.toml``), relative to the topic
list's folder, or a ``wiki:LANG:Title`` entry (``zh`` or ``en``): a Wikipedia article, fetched
through the batch's cache when the batch runs (:mod:`.wiki`).  Blank lines (and JSONL
lines starting with ``#``) are skipped.  Every mistake raises :class:`TopicsError` naming the
file and the line; a document that is missing or unreadable is not a mistake of the list: that
topic fails when it runs, and the others go on.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import TopicsError

__all__ = [
    "FORMATS",
    "Topic",
    "check_topics",
    "is_wiki",
    "load_topics",
    "parse_topics",
    "wiki_entry",
]

#: a topic id names its report folder: letters, digits, ``.``, ``_``, ``-``; at most 128
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
#: ``wiki:zh:Title`` / ``wiki:en:Title``
_WIKI = re.compile(r"^wiki:(?P<lang>[a-z]{2,3}):(?P<title>.+)$", re.S)
#: the keys of a JSONL topic (and the columns of a CSV one)
KEYS = ("id", "documents")
#: the separator of the documents in a CSV cell
CSV_SEPARATOR = ";"


@dataclass(frozen=True)
class Topic:
    """One topic of a batch: its id (the name of its report folder) and its documents.

    ``documents`` are paths (absolute, or as given when the topic was not read from a file)
    or ``wiki:`` entries; ``source`` and ``line`` say where the topic was listed.
    """

    id: str
    documents: tuple[str, ...]
    source: str | None = None
    line: int | None = None


def wiki_entry(language: str, title: str) -> str:
    """The one spelling of a ``wiki:`` entry: underscores as spaces, no outer blanks, so that
    ``wiki:en:Korean_Air_Flight_801`` and ``wiki:en:Korean Air Flight 801`` are one article.

    >>> wiki_entry("en", " Korean_Air_Flight_801 ")
    'wiki:en:Korean Air Flight 801'
    """
    return f"wiki:{language}:{' '.join(title.replace('_', ' ').split())}"


def is_wiki(document: str) -> bool:
    """Whether a topic's document is a ``wiki:LANG:Title`` entry (not a path)."""
    return _WIKI.match(document) is not None


def _document(entry: object, base: Path | None, where: str | None, line: int | None) -> str:
    if not isinstance(entry, str) or not entry.strip():
        raise TopicsError(where, line, f"a document must be a non-empty string, not {entry!r}")
    text = entry.strip()
    if text.startswith("wiki:"):
        m = _WIKI.match(text)
        if m is None or not m.group("title").replace("_", " ").strip():
            raise TopicsError(
                where,
                line,
                f"{text!r}: a wiki entry is wiki:LANG:Title (wiki:zh:朝鲜绑架日本人问题)",
            )
        if m.group("lang") not in ("zh", "en"):
            raise TopicsError(where, line, f"{text!r}: the language must be zh or en")
        return wiki_entry(m.group("lang"), m.group("title"))
    path = Path(text)
    if base is not None and not path.is_absolute():
        path = base / path
    return str(path)


def _topic(
    raw_id: object, raw_docs: object, base: Path | None, where: str | None, line: int | None
) -> Topic:
    if not isinstance(raw_id, str) or not _ID.match(raw_id):
        raise TopicsError(
            where,
            line,
            f"topic id {raw_id!r} must be 1-128 letters, digits, '.', '_' or '-', starting "
            "with a letter or digit (it names the topic's report folder)",
        )
    if not isinstance(raw_docs, list) or not raw_docs:
        raise TopicsError(
            where, line, f"topic {raw_id!r}: 'documents' must be a non-empty list of documents"
        )
    docs = tuple(_document(d, base, where, line) for d in raw_docs)
    seen: set[str] = set()
    for d in docs:
        if d in seen:
            raise TopicsError(where, line, f"topic {raw_id!r}: document {d!r} is listed twice")
        seen.add(d)
    return Topic(id=raw_id, documents=docs, source=where, line=line)


def _jsonl(text: str, base: Path | None, where: str | None) -> list[Topic]:
    topics: list[Topic] = []
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as err:
            raise TopicsError(where, n, f"not JSON: {err.msg} at column {err.colno}") from None
        if not isinstance(data, dict):
            raise TopicsError(where, n, "a topic must be a JSON object with 'id' and 'documents'")
        unknown = sorted(set(data) - set(KEYS))
        if unknown:
            raise TopicsError(
                where,
                n,
                f"unknown key(s) {', '.join(map(repr, unknown))}; valid keys: id, documents",
            )
        for key in KEYS:
            if key not in data:
                raise TopicsError(where, n, f"the topic lacks the key {key!r}")
        topics.append(_topic(data["id"], data["documents"], base, where, n))
    return topics


def _csv(text: str, base: Path | None, where: str | None) -> list[Topic]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    topics: list[Topic] = []
    header: list[str] | None = None
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip() for cell in row]
                unknown = sorted(set(header) - set(KEYS))
                if unknown:
                    raise TopicsError(
                        where,
                        line,
                        f"unknown column(s) {', '.join(map(repr, unknown))}; "
                        "valid columns: id, documents",
                    )
                for key in KEYS:
                    if header.count(key) != 1:
                        raise TopicsError(
                            where, line, f"the header must name the column {key!r} once"
                        )
                continue
            if len(row) != len(header):
                raise TopicsError(
                    where, line, f"{len(row)} cells where the header has {len(header)}"
                )
            cells = dict(zip(header, row, strict=True))
            docs = [d for d in cells["documents"].split(CSV_SEPARATOR) if d.strip()]
            topics.append(_topic(cells["id"].strip(), docs, base, where, line))
    except csv.Error as err:
        raise TopicsError(where, reader.line_num, f"not valid CSV: {err}") from None
    if header is None:
        raise TopicsError(where, None, "no header line (id,documents)")
    return topics


#: topic list format -> parser
FORMATS = {"jsonl": _jsonl, "csv": _csv}
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}


def check_topics(topics: Iterable[Topic]) -> tuple[Topic, ...]:
    """The topics as a tuple, refused when two share an id (their reports would collide)."""
    out = tuple(topics)
    first: dict[str, Topic] = {}
    for t in out:
        if not isinstance(t, Topic):
            raise TopicsError(None, None, f"not a Topic: {t!r}")
        if not _ID.match(t.id):
            raise TopicsError(t.source, t.line, f"topic id {t.id!r} cannot name a folder")
        if t.id in first:
            earlier = first[t.id]
            at = f" (first at line {earlier.line})" if earlier.line is not None else ""
            raise TopicsError(t.source, t.line, f"duplicate topic id {t.id!r}{at}")
        first[t.id] = t
    return out


def parse_topics(
    text: str, format: str, *, base: Path | None = None, where: str | None = None
) -> tuple[Topic, ...]:
    """Topics from the text of a topic list in ``format`` (``jsonl`` or ``csv``); relative
    document paths are taken from ``base``.

    >>> [t.id for t in parse_topics('{"id": "a", "documents": ["x.txt", "y.md"]}', "jsonl")]
    ['a']
    >>> parse_topics('id,documents\\na,x.txt\\na,y.txt', "csv")
    Traceback (most recent call last):
    ...
    sourcecompare.errors.TopicsError: <topics>:3: duplicate topic id 'a' (first at line 2)
    """
    from ..errors import UnknownComponent

    parser = FORMATS.get(format)
    if parser is None:
        raise UnknownComponent("topic list format", format, list(FORMATS))
    return check_topics(parser(text, base, where))


def load_topics(path: str | Path, format: str | None = None) -> tuple[Topic, ...]:
    """Read a topic list (the format from the suffix unless given)."""
    p = Path(path)
    where = str(p)
    fmt = format or _SUFFIXES.get(p.suffix.lower())
    if fmt is None:
        raise TopicsError(
            where, None, "a topic list must be .jsonl, .ndjson or .csv (or name its format)"
        )
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise TopicsError(where, None, "no such file") from None
    except IsADirectoryError:
        raise TopicsError(where, None, "is a folder, not a topic list") from None
    except OSError as err:
        raise TopicsError(where, None, f"cannot read: {err.strerror or err}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise TopicsError(where, line, f"not UTF-8 text (byte {err.start})") from None
    topics = parse_topics(text, fmt, base=p.resolve().parent, where=where)
    if not topics:
        raise TopicsError(where, None, "no topics")
    return topics
