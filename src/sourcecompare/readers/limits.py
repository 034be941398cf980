"""Limits on one document, so that a pathological input costs bounded time and memory.

Size (:func:`check_size`)
-------------------------
A document is held whole while it is compared: its text, then its paragraphs, sentences and
tokens (about 50 bytes of memory per byte of Chinese text once segmented), and its claims and
alignment take minutes at tens of megabytes.  So one document may hold at most
:data:`MAX_TEXT_BYTES` (16 MiB) of text: a text file larger than that is refused before it is
read, and a PDF whose extracted text is larger, with :class:`~sourcecompare.errors.TooLarge`
naming the file, its size and the limit (a PDF file itself may be up to :data:`MAX_PDF_BYTES`,
as images take most of many).  A larger source is split into several files first (by chapter,
say) and listed as several documents.

Paragraphs (:func:`split_long_paragraphs`)
------------------------------------------
A paragraph longer than :data:`PARAGRAPH_LIMIT` characters (far above real prose: the longest
of the bundled corpus has 1,400) is split into pieces of at most that many characters, so that
no later stage ever works on an unbounded unit.  Nothing is dropped: every piece keeps its
offsets into the raw text, its kind, section, label and page, and the footnote markers that
stood in it.  Each cut is made, in order of preference, after the last sentence end
(``。！？!?…`` or a full stop before a space) in the second half of the window, else at the last
line break of the source, else after a clause mark (``，、；：,;:``), else at a space, else (a run
of digits or punctuation with no boundary at all) at the limit itself.  The split is logged as
a warning naming the file, the paragraph's line and how many pieces it became: a fact-checker
reads every figure of the paragraph still, each within its sentence.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from ..errors import TooLarge
from ..model import FootnoteRef, OffsetMap, Paragraph

__all__ = [
    "MAX_PDF_BYTES",
    "MAX_TEXT_BYTES",
    "PARAGRAPH_LIMIT",
    "check_size",
    "split_long_paragraphs",
]

log = logging.getLogger(__name__)

#: the most text one document may hold (bytes of a text file; characters of a PDF's text)
MAX_TEXT_BYTES = 16 * 1024 * 1024
#: the largest PDF file read (its text is then held to :data:`MAX_TEXT_BYTES`)
MAX_PDF_BYTES = 256 * 1024 * 1024
#: the longest paragraph kept whole, in characters; a longer one is split
PARAGRAPH_LIMIT = 10_000

_SENTENCE_END = re.compile(r"[。！？!?…]+[」』”’）)\]]*|\.(?=\s)")
_CLAUSE = re.compile(r"[，、；：,;:]")
_SPACE = re.compile(r"\s")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"


def check_size(size: int, path: str | None, what: str = "the file") -> None:
    """Refuse a document of ``size`` bytes (or characters) over :data:`MAX_TEXT_BYTES`.

    >>> check_size(17 * 1024 * 1024, "big.txt")
    Traceback (most recent call last):
    ...
    sourcecompare.errors.TooLarge: big.txt: the file is 17.0 MiB, over the limit of 16.0 MiB \
for one document; split it into several files (by chapter, say) and list each
    """
    if size > MAX_TEXT_BYTES:
        raise TooLarge(
            path,
            f"{what} is {_mb(size)}, over the limit of {_mb(MAX_TEXT_BYTES)} for one document; "
            "split it into several files (by chapter, say) and list each",
        )


def slice_map(offsets: OffsetMap, start: int, end: int) -> OffsetMap:
    """The map of ``text[start:end]`` taken from a text whose map is ``offsets``.

    >>> m = OffsetMap(starts=(0, 3), origins=(0, 7), length=6)   # "abc" + raw[7:10]
    >>> s = slice_map(m, 2, 5)
    >>> [s[i] for i in range(3)]
    [2, 7, 8]
    """
    k = bisect_right(offsets.starts, start) - 1
    starts = [0]
    origins = [offsets.origins[k] + (start - offsets.starts[k])]
    j = k + 1
    while j < len(offsets.starts) and offsets.starts[j] < end:
        starts.append(offsets.starts[j] - start)
        origins.append(offsets.origins[j])
        j += 1
    return OffsetMap(starts=tuple(starts), origins=tuple(origins), length=end - start)


def _cut(text: str, offsets: OffsetMap, raw: str, pos: int, limit: int) -> int:
    """Where the piece starting at ``pos`` ends (see the module's preference order)."""
    lo, hi = pos + limit // 2, pos + limit
    last = None
    for m in _SENTENCE_END.finditer(text, lo, hi):
        last = m.end()
    if last is not None:
        return last
    for i in range(hi - 1, lo - 1, -1):  # a line break of the source, folded into a space
        if text[i].isspace() and raw[offsets[i]] in "\r\n":
            return i
    for pattern in (_CLAUSE, _SPACE):
        for m in pattern.finditer(text, lo, hi):
            last = m.end() if pattern is _CLAUSE else m.start()
        if last is not None:
            return last
    return hi


def _pieces(text: str, offsets: OffsetMap, raw: str, limit: int) -> list[tuple[int, int]]:
    """The spans (without outer whitespace) ``text`` is cut into."""
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        end = n if n - pos <= limit else _cut(text, offsets, raw, pos, limit)
        stop = end
        while stop > pos and text[stop - 1].isspace():
            stop -= 1
        if stop > pos:
            spans.append((pos, stop))
        pos = end
        while pos < n and text[pos].isspace():
            pos += 1
    return spans


def _refs(refs: Sequence[FootnoteRef], spans: list[tuple[int, int]]) -> list[list[FootnoteRef]]:
    """The footnote markers of each piece, positions made relative to it (a marker at a cut
    goes with the text before it)."""
    out: list[list[FootnoteRef]] = [[] for _ in spans]
    starts = [a for a, _ in spans]
    for ref in refs:
        i = max(0, bisect_right(starts, ref.position) - 1)
        if i > 0 and ref.position <= spans[i - 1][1]:
            i -= 1
        a, b = spans[i]
        out[i].append(replace(ref, position=min(max(ref.position - a, 0), b - a)))
    return out


def split_long_paragraphs(
    paragraphs: Sequence[Paragraph], raw: str, path: str | None, limit: int = PARAGRAPH_LIMIT
) -> tuple[Paragraph, ...]:
    """``paragraphs`` with every one longer than ``limit`` characters split into pieces of at
    most ``limit`` (and all renumbered in order); a warning names each split paragraph."""
    if all(len(p.text) <= limit for p in paragraphs):
        return tuple(paragraphs)
    out: list[Paragraph] = []
    line, counted = 1, 0  # the line of raw offset ``counted``: each line break counted once
    for para in paragraphs:
        if len(para.text) <= limit:
            out.append(replace(para, index=len(out)))
            continue
        spans = _pieces(para.text, para.offsets, raw, limit)
        refs = _refs(para.footnote_refs, spans)
        if para.start < counted:  # paragraphs out of raw order: count from the start
            line, counted = 1, 0
        line += raw.count("\n", counted, para.start)
        counted = para.start
        log.warning(
            "%s: paragraph %d (line %d) has %d characters, over the limit of %d: split into "
            "%d paragraphs at sentence ends (or line breaks, clause marks, spaces)",
            path if path is not None else "<text>",
            para.index,
            line,
            len(para.text),
            limit,
            len(spans),
        )
        for (a, b), own in zip(spans, refs, strict=True):
            out.append(
                replace(
                    para,
                    index=len(out),
                    text=para.text[a:b],
                    offsets=slice_map(para.offsets, a, b),
                    footnote_refs=tuple(own),
                )
            )
    return tuple(out)
