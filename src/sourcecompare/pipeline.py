"""The public entry points that chain the stages: path -> Document -> ... ."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .model import Document

__all__ = ["read"]


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
