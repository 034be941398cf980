"""Reading documents: one reader per format, chosen from a name-to-module table.

Each reader module exposes ``parse(raw: str) -> Parsed``: it turns the decoded text of a file
into paragraphs whose offsets point into that text.  A reader of a binary format (PDF) also
exposes ``parse_bytes(data: bytes, path) -> (raw, Parsed)``: it extracts the text itself, and
that extracted text is the document's ``raw``.  Detection of encoding, format, language and
script lives in :mod:`sourcecompare.readers.detect`.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from ..errors import ReadError, TooLarge, UnknownFormat
from ..model import Document, Paragraph
from . import limits

__all__ = [
    "FORMATS",
    "Parsed",
    "parse_text",
    "read_file",
    "reader_for",
    "valid_document",
    "valid_text",
]

log = logging.getLogger(__name__)

#: format name -> module implementing ``parse(raw) -> Parsed`` (imported on first use)
FORMATS: Mapping[str, str] = MappingProxyType(
    {
        "markdown-wiki": "sourcecompare.readers.markdown_wiki",
        "wiki-text": "sourcecompare.readers.wiki_text",
        "wikitext": "sourcecompare.readers.wikitext",
        "video-page": "sourcecompare.readers.video_page",
        "pdf-text": "sourcecompare.readers.pdf_text",
        "pdf": "sourcecompare.readers.pdf",
        "html": "sourcecompare.readers.html_page",
        "wikipedia-html": "sourcecompare.readers.wikipedia_html",
        "plain": "sourcecompare.readers.plain",
    }
)


@dataclass(frozen=True)
class Parsed:
    """What a reader found in a text: its paragraphs, and a title and metadata if it states them."""

    paragraphs: tuple[Paragraph, ...]
    title: str | None = None
    metadata: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


class Reader(Protocol):
    def __call__(self, raw: str) -> Parsed: ...


def reader_for(name: str, path: str | None = None) -> Reader:
    """The ``parse`` function of the reader registered as ``name``.

    >>> reader_for("no-such-format")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sourcecompare.errors.UnknownFormat: <text>: unknown format 'no-such-format'; valid ... wikitext
    """
    try:
        module = FORMATS[name]
    except KeyError:
        raise UnknownFormat(path, name, list(FORMATS)) from None
    parse: Reader = importlib.import_module(module).parse
    return parse


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(raw: str, path: str | None = None) -> str:
    """``raw`` with lone surrogates (which no encoder accepts) replaced by U+FFFD, one for
    one so every offset stays, and a warning naming the file and how many there were.

    >>> valid_text("ok\\udcff!") == "ok\\ufffd!"
    True
    """
    found = len(_SURROGATE.findall(raw))
    if not found:
        return raw
    log.warning(
        "%s: %d lone surrogate code point(s) replaced by U+FFFD",
        path if path is not None else "<text>",
        found,
    )
    return _SURROGATE.sub("\ufffd", raw)


def _clean(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def valid_document(doc: Document) -> Document:
    """``doc`` itself, or, when its text holds lone surrogates (a :class:`Document` built by
    hand rather than read: a reader's text is made valid already), a copy with each replaced
    by U+FFFD in the raw text, title, paragraphs and labels, one for one so every offset
    stays; its paragraphs lose their sentences (they are segmented again) and a warning
    names the document and how many there were.

    >>> from sourcecompare.readers import parse_text
    >>> doc = parse_text("In 1959, x people.\\n", id="d", path="d.txt")
    >>> valid_document(doc) is doc
    True
    """
    found = len(_SURROGATE.findall(doc.raw)) + len(_SURROGATE.findall(doc.title))
    found += sum(len(_SURROGATE.findall(p.text)) + len(_SURROGATE.findall(p.norm))
                 for p in doc.paragraphs)  # fmt: skip
    if not found:
        return doc
    log.warning(
        "%s: %d lone surrogate code point(s) in the document replaced by U+FFFD",
        doc.path if doc.path is not None else doc.id,
        found,
    )
    paragraphs = tuple(
        replace(
            p,
            text=_clean(p.text),
            norm="",
            norm_offsets=None,
            sentences=(),
            label=_clean(p.label) if p.label is not None else None,
            section=tuple(_clean(s) for s in p.section),
        )
        for p in doc.paragraphs
    )
    return replace(doc, raw=_clean(doc.raw), title=_clean(doc.title), paragraphs=paragraphs)


def parse_text(
    raw: str,
    *,
    id: str,
    format: str | None = None,
    language: str | None = None,
    script: str | None = None,
    encoding: str = "utf-8",
    path: str | None = None,
    title: str | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Document:
    """Build a :class:`Document` from decoded text.

    Format, language and script are detected unless given.
    """
    from . import detect

    limits.check_size(len(raw), path, "the text")
    raw = valid_text(raw, path)
    fmt = format or detect.detect_format(raw)
    parse = reader_for(fmt, path)
    try:
        parsed = parse(raw)
    except ReadError as exc:
        if exc.path is None and path is not None:  # readers see text only: name the file here
            exc.path = path
            exc.args = (f"{path}: {exc.problem}",)
        raise
    except RecursionError:
        raise ReadError(path, f"could not be read as {fmt}: nested too deeply") from None
    except (ValueError, IndexError, KeyError) as exc:  # a reader's bug must still name the file
        raise ReadError(path, f"could not be read as {fmt}: {exc}") from exc
    return _document(
        raw, parsed, id=id, format=fmt, language=language, script=script, encoding=encoding,
        path=path, title=title, metadata=metadata,
    )  # fmt: skip


def _document(
    raw: str,
    parsed: Parsed,
    *,
    id: str,
    format: str,
    language: str | None,
    script: str | None,
    encoding: str,
    path: str | None,
    title: str | None,
    metadata: Mapping[str, str] | None,
) -> Document:
    from . import detect

    fmt = format
    paragraphs = limits.split_long_paragraphs(parsed.paragraphs, raw, path)
    body = " ".join(p.text for p in paragraphs[:200]) or raw[:20000]
    lang = language or detect.detect_language(body)
    scr = script or detect.detect_script(body)
    meta = dict(parsed.metadata)
    if metadata:
        meta.update(metadata)
        paragraphs = _pages_from(paragraphs, parsed.metadata.get("pages"), metadata.get("pages"))
    return Document(
        id=id,
        title=title or parsed.title or id,
        language=lang,
        script=scr,
        format=fmt,
        encoding=encoding,
        raw=raw,
        paragraphs=paragraphs,
        path=path,
        metadata=MappingProxyType(meta),
    )


def _pages_from(
    paragraphs: tuple[Paragraph, ...], found: str | None, given: str | None
) -> tuple[Paragraph, ...]:
    """The paragraphs with their pages numbered from the first page a manifest (or
    ``--meta``) gives in ``pages`` (``301-337``: page 301), where the reader numbered them from
    the first page the document itself states (``found``, a PDF-extracted title block's
    ``199~235``) or from 1: a journal article cites the journal's pages, not the file's."""
    from ._common import first_page

    want = first_page(given)
    if want is None or not any(p.page is not None for p in paragraphs):
        return paragraphs
    shift = want - (first_page(found) or 1)
    if shift == 0:
        return paragraphs
    return tuple(p if p.page is None else replace(p, page=p.page + shift) for p in paragraphs)


def _read_bytes(path: Path, format: str | None) -> bytes:
    """The file's bytes, refused (:class:`~sourcecompare.errors.TooLarge`) before they are
    read when there are more than a document may hold (a PDF may be larger: its images)."""
    from . import detect

    size = path.stat().st_size
    if size > limits.MAX_TEXT_BYTES:
        with path.open("rb") as f:
            head = f.read(1024)
        is_pdf = format == "pdf" or (format is None and detect.detect_binary_format(head))
        if not is_pdf:
            limits.check_size(size, str(path))
        elif size > limits.MAX_PDF_BYTES:
            raise TooLarge(
                str(path),
                f"the PDF is {size / 2**20:.1f} MiB, over the limit of "
                f"{limits.MAX_PDF_BYTES / 2**20:.1f} MiB; split it into several files",
            )
    return path.read_bytes()


def read_file(
    path: str | Path,
    *,
    format: str | None = None,
    language: str | None = None,
    script: str | None = None,
    encoding: str | None = None,
    id: str | None = None,
    title: str | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Document:
    """Read one file into a :class:`Document` (paragraphs only; no sentences yet)."""
    from . import detect

    p = Path(path)
    if format is not None and format not in FORMATS:
        raise UnknownFormat(str(p), format, list(FORMATS))
    try:
        data = _read_bytes(p, format)
    except OSError as exc:
        raise ReadError(str(p), f"cannot open: {exc.strerror or exc}") from exc
    fmt = format or detect.detect_binary_format(data)
    if fmt is not None:
        module = importlib.import_module(FORMATS[fmt])
        parse_bytes = getattr(module, "parse_bytes", None)
        if parse_bytes is not None:
            raw, parsed = parse_bytes(data, str(p))
            limits.check_size(len(raw), str(p), "the text extracted")
            log.debug("read %s: %d bytes as %s", p, len(data), fmt)
            return _document(
                raw, parsed, id=id or p.stem, format=fmt, language=language, script=script,
                encoding="binary", path=str(p), title=title, metadata=metadata,
            )  # fmt: skip
    raw, enc = detect.decode(data, str(p), encoding=encoding)
    log.debug("read %s: %d bytes as %s", p, len(data), enc)
    return parse_text(
        raw,
        id=id or p.stem,
        format=fmt,
        language=language,
        script=script,
        encoding=enc,
        path=str(p),
        title=title,
        metadata=metadata,
    )
