"""The public entry points that chain the stages: path -> Document -> ... ."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from .corpus import MANIFEST, Entry, load_manifest
from .model import Document

__all__ = ["read", "read_corpus", "read_entry", "read_many"]


def read(
    path: str | Path,
    *,
    format: str | None = None,
    language: str | None = None,
    script: str | None = None,
    encoding: str | None = None,
    id: str | None = None,
    title: str | None = None,
    metadata: Mapping[str, str] | None = None,
    segment: bool = True,
) -> Document:
    """Read a file into a :class:`Document`, detecting what is not given.

    With ``segment`` (the default) each paragraph also gets its normalised view, sentences and
    tokens; without it only paragraphs (faster, enough to inspect how a file was read).
    """
    from .readers import read_file

    doc = read_file(
        path,
        format=format,
        language=language,
        script=script,
        encoding=encoding,
        id=id,
        title=title,
        metadata=metadata,
    )
    if segment:
        from .segment import segment as segment_document

        doc = segment_document(doc)
    return doc


def read_many(
    paths: Iterable[str | Path],
    *,
    segment: bool = True,
    encoding: str | None = None,
    metadata: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[Document, ...]:
    """Read documents from files and corpus folders.

    A folder (or a ``manifest.toml``) is read as a corpus through its manifest; any other path
    as a single file with format, language and script detected.  Ids must be unique.  An
    ``encoding`` given here wins over detection and over the manifests' ``encoding`` keys.
    ``metadata`` says of files given on their own (keyed by the path as given) what a manifest
    entry would: ``id``, ``title``, ``format``, ``language``, ``script``, ``encoding``, and the
    rest (tier, publisher, url, author...) as the document's metadata.
    """
    from .errors import ReadError

    docs: list[Document] = []
    for path in paths:
        p = Path(path)
        if p.is_dir() or p.name == MANIFEST:
            docs.extend(read_corpus(p, segment=segment, encoding=encoding))
        else:
            given = dict((metadata or {}).get(str(path), {}))
            docs.append(
                read(
                    p,
                    segment=segment,
                    encoding=encoding or given.pop("encoding", None),
                    format=given.pop("format", None),
                    language=given.pop("language", None),
                    script=given.pop("script", None),
                    id=given.pop("id", None),
                    title=given.pop("title", None),
                    metadata=given or None,
                )
            )
    seen: dict[str, str | None] = {}
    for doc in docs:
        if doc.id in seen:
            raise ReadError(doc.path, f"document id {doc.id!r} already used by {seen[doc.id]}")
        seen[doc.id] = doc.path
    return tuple(docs)


def read_entry(entry: Entry, *, segment: bool = True, encoding: str | None = None) -> Document:
    """Read one manifest entry, its stated format, language and script taking precedence
    (and ``encoding``, when given, over the entry's own)."""
    meta = {k: v for k, v in entry.fields.items() if k not in ("id", "file", "title")}
    return read(
        entry.path,
        format=entry.get("format"),
        language=entry.get("language"),
        script=entry.get("script"),
        encoding=encoding or entry.get("encoding"),
        id=entry.id,
        title=entry.get("title"),
        metadata=meta,
        segment=segment,
    )


def read_corpus(
    path: str | Path, *, segment: bool = True, encoding: str | None = None
) -> tuple[Document, ...]:
    """Read every document of the corpus at ``path``, in manifest order."""
    corpus = load_manifest(path)
    return tuple(read_entry(entry, segment=segment, encoding=encoding) for entry in corpus)
