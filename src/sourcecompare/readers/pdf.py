"""Reader for PDF files: the text layer read with its layout through PDFium (``pypdfium2``).

A PDF holds glyphs at positions, not text.  This reader takes each page's characters with
their font size and baseline, and works from those positions:

*Raw text.*  The characters are grouped into lines (a common baseline; a smaller glyph whose
baseline is raised within the line's height, a superscript, belongs to the line it sits on; a
gap wider than :data:`GUTTER` font sizes ends a line, so columns written row by row part).
The document's raw text -- the text every span points into -- is the extracted text: each
line's characters in reading order, a line feed after each line, a form feed after each page.
It is what :attr:`~sourcecompare.model.Document.raw` holds, so offsets stay checkable.

*Columns.*  When a page has at least :data:`COLUMN_MIN_LINES` lines entirely in its left half
and as many entirely in its right half, it is read column by column: lines spanning both
halves above the columns first, then the left column, then the right, then spanning lines
below.

*Furniture.*  A line in the top or bottom :data:`MARGIN_SHARE` of a page that is repeated
(digits ignored) at the same height on another page is a running header or footer; a line there
that is only a page number (``8``, ``- 8 -``, ``Page 8``) is a page number.  Both are dropped.

*Footnotes.*  Lines below the last body line of a page whose font is at most
:data:`SMALL_FONT` of the body font are the page's footnotes; one that starts with a number
starts footnote ``N`` (the number is the paragraph's ``label``, not its text), the others
continue the footnote before, also across a page.  FOOTNOTE paragraphs come after the body.

*Markers.*  Digits (or ``*``, ``†``) set in a font at most :data:`SMALL_FONT` of their line's
and raised above its baseline are footnote markers: cut from the text and recorded as
:class:`~sourcecompare.model.FootnoteRef` at the place they stood (by font size and raise,
never by guessing from digits).

*Headings and paragraphs.*  A line whose font is at least :data:`HEADING_FONT` of the body
font is a heading (consecutive such lines join).  Body lines join with one space; a paragraph
ends where the vertical gap to the next line exceeds 1.4 line spacings, where the next line is
indented, or where a line ending a sentence stops short of the column's right edge.

*Lines.*  Lines of a paragraph join with one space, except between two CJK characters or next
to CJK punctuation (a wrapped Chinese line), where they join tight.

*Hyphens.*  A line ending in a hyphen after a letter joins the next line without a space; the
hyphen is dropped when the next line starts with a lower-case letter and the hyphenated form
does not occur elsewhere in the document, and kept otherwise.  A soft hyphen is always
dropped.

Every paragraph records its ``page`` (1-based).  A PDF with no text layer raises
:class:`~sourcecompare.errors.ScannedPDF` (OCR is needed), an encrypted one
:class:`~sourcecompare.errors.EncryptedPDF`, a truncated or damaged one
:class:`~sourcecompare.errors.TruncatedPDF`; each names the file.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from types import MappingProxyType
from typing import Any

from ..errors import EncryptedPDF, ReadError, ScannedPDF, TruncatedPDF
from ..model import FootnoteRef, Paragraph, ParagraphKind
from . import Parsed
from ._build import TextBuilder
from ._common import joins_tight

__all__ = [
    "COLUMN_MIN_LINES",
    "GUTTER",
    "HEADING_FONT",
    "MARGIN_SHARE",
    "SMALL_FONT",
    "is_pdf",
    "parse",
    "parse_bytes",
]

log = logging.getLogger(__name__)

#: a font at most this share of the body (or line) font is small: footnotes, markers
SMALL_FONT = 0.85
#: a font at least this share of the body font makes a heading
HEADING_FONT = 1.15
#: the top and bottom share of a page where running headers and page numbers sit
MARGIN_SHARE = 0.1
#: lines needed in each half of a page to read it as two columns
COLUMN_MIN_LINES = 3
#: a gap between two glyphs on one baseline wider than this many font sizes splits the line
#: (the gutter between two columns written row by row)
GUTTER = 1.5

_PAGE_NUMBER = re.compile(
    r"[-–—\s]*(?:(?:page|p\.)\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-–—\s]*", re.I
)
_NOTE_START = re.compile(r"(\d{1,3}|\*|†)[.)]?(?=\s|$)")
_SENTENCE_END = re.compile(r"[.?!。？！][\"'”’)\]]*$")
_MARKER_CHARS = frozenset("0123456789*†‡")
_SOFT_HYPHENS = frozenset("\u00ad\ufffe")


def is_pdf(data: bytes) -> bool:
    """Whether ``data`` is a PDF file (its signature, within the first kilobyte).

    >>> is_pdf(b"%PDF-1.7\\n..."), is_pdf(b"<html>")
    (True, False)
    """
    return b"%PDF-" in data[:1024]


def parse(raw: str) -> Parsed:
    """A PDF is read from its bytes (:func:`parse_bytes`); its extracted text alone has lost the
    layout this reader works from."""
    raise ReadError(None, "a PDF is read from the file's bytes, not from text (use read_file)")


# -- characters and lines ---------------------------------------------------------------------


@dataclass(slots=True)
class _Char:
    ch: str
    size: float
    x0: float
    x1: float
    y: float  # baseline, PDF units from the bottom of the page
    top: float


@dataclass(slots=True)
class _Line:
    page: int  # 0-based
    chars: list[_Char]
    size: float = 0.0  # the line's own font size (its largest glyphs)
    y: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    start: int = 0  # span in raw
    end: int = 0
    small: list[bool] = field(default_factory=list)  # per char: a raised small glyph (marker)
    edge: float = 0.0  # the right edge of the line's column

    def finish(self) -> None:
        self.size = max(c.size for c in self.chars)
        spaced: list[_Char] = []
        for c in self.chars:  # a visible gap with no space character is a word space
            if (
                spaced
                and c.ch != " "
                and spaced[-1].ch != " "
                and c.x0 - spaced[-1].x1 > 0.15 * self.size
            ):
                g = spaced[-1]
                spaced.append(_Char(" ", g.size, g.x1, c.x0, g.y, g.top))
            spaced.append(c)
        self.chars = spaced
        full = [c for c in self.chars if c.size >= self.size * SMALL_FONT] or self.chars
        self.y = Counter(round(c.y, 1) for c in full).most_common(1)[0][0]
        ink = [c for c in self.chars if not c.ch.isspace()] or self.chars
        self.x0 = min(c.x0 for c in ink)
        self.x1 = max(c.x1 for c in ink)
        self.small = [
            c.ch in _MARKER_CHARS
            and c.size <= self.size * SMALL_FONT
            and c.y - self.y >= 0.15 * self.size
            for c in self.chars
        ]

    @property
    def text(self) -> str:
        return "".join(c.ch for c in self.chars)

    @property
    def words(self) -> str:
        """The line's text without its footnote markers."""
        return "".join(c.ch for c, small in zip(self.chars, self.small, strict=True) if not small)


def _open(data: bytes, path: str | None) -> Any:
    import pypdfium2 as pdfium

    if b"%%EOF" not in data[-2048:]:
        raise TruncatedPDF(path, "is a truncated PDF (it has no end-of-file marker); get it again")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        import pypdfium2.raw as pdfium_c

        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedPDF(
                path, "is an encrypted PDF (password-protected); decrypt it before reading"
            ) from None
        raise TruncatedPDF(path, f"is a damaged PDF that cannot be opened ({exc})") from None


def _page_chars(page: Any) -> list[_Char]:
    import ctypes

    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        x, y = ctypes.c_double(), ctypes.c_double()
        rect = pdfium_c.FS_RECTF()
        chars: list[_Char] = []
        for i in range(pdfium_c.FPDFText_CountChars(tp)):
            code = pdfium_c.FPDFText_GetUnicode(tp, i)
            if pdfium_c.FPDFText_IsGenerated(tp, i) and code != 0x20:
                continue  # PDFium's own line breaks; lines are rebuilt from positions
            if code in (0x0D, 0x0A) or code == 0 or 0xD800 <= code <= 0xDFFF:
                continue
            ch = chr(code)
            pdfium_c.FPDFText_GetCharOrigin(tp, i, ctypes.byref(x), ctypes.byref(y))
            pdfium_c.FPDFText_GetLooseCharBox(tp, i, ctypes.byref(rect))  # the advance box
            size = pdfium_c.FPDFText_GetFontSize(tp, i)
            if ch.isspace():
                ch = " "
            elif ch == "\x02":  # PDFium's mark for a hyphen at a line end
                ch = "-"
            chars.append(_Char(ch, round(size, 2), rect.left, rect.right, y.value, rect.top))
        return chars
    finally:
        textpage.close()


def _lines(chars: list[_Char], page: int) -> list[_Line]:
    """Group a page's characters (in content order) into lines by baseline."""
    lines: list[_Line] = []
    cur: list[_Char] = []
    base = size = 0.0
    last_x1 = 0.0
    for c in chars:
        if not cur:
            cur, base, size, last_x1 = [c], c.y, c.size, c.x1
            continue
        same = abs(c.y - base) <= 0.3 * max(size, c.size)
        raised = (c.size <= size * SMALL_FONT and 0 < c.y - base <= 0.7 * size) or (
            size <= c.size * SMALL_FONT and 0 < base - c.y <= 0.7 * c.size
        )
        backwards = c.x0 < last_x1 - max(size, c.size)
        gutter = c.ch != " " and c.x0 - last_x1 > GUTTER * max(size, c.size)
        if (same or raised) and not backwards and not gutter:
            cur.append(c)
            if (c.size > size and not raised) or c.size > size:
                base, size = c.y, c.size
            last_x1 = max(last_x1, c.x1) if not c.ch.isspace() else last_x1
            continue
        lines.append(_Line(page, cur))
        cur, base, size, last_x1 = [c], c.y, c.size, c.x1
    if cur:
        lines.append(_Line(page, cur))
    out: list[_Line] = []
    for line in lines:
        while line.chars and line.chars[-1].ch == " ":
            line.chars.pop()
        while line.chars and line.chars[0].ch == " ":
            line.chars.pop(0)
        if line.chars:
            line.finish()
            out.append(line)
    return out


def _reading_order(lines: list[_Line], width: float) -> list[_Line]:
    """Lines top to bottom; on a two-column page, column by column."""
    mid = width / 2
    left = [ln for ln in lines if ln.x1 <= mid + 1]
    right = [ln for ln in lines if ln.x0 >= mid - 1]
    if len(left) < COLUMN_MIN_LINES or len(right) < COLUMN_MIN_LINES:
        return sorted(lines, key=lambda ln: (-ln.y, ln.x0))
    top = max(ln.y for ln in (*left, *right))
    bottom = min(ln.y for ln in (*left, *right))

    def key(ln: _Line) -> tuple[int, int, float, float]:
        if ln in left or ln in right:
            return (1, 0 if ln.x1 <= mid + 1 else 1, -ln.y, ln.x0)
        return (0 if ln.y > top else 2 if ln.y < bottom else 1, 2, -ln.y, ln.x0)

    return sorted(lines, key=key)


# -- the document -----------------------------------------------------------------------------


@dataclass
class _Page:
    lines: list[_Line]
    width: float
    height: float


def _furniture(pages: Sequence[_Page]) -> set[int]:
    """``id()`` of the lines that are running headers, footers or page numbers."""
    seen: dict[tuple[str, int], set[int]] = {}
    marginal: list[tuple[_Line, tuple[str, int]]] = []
    for n, page in enumerate(pages):
        for ln in page.lines:
            if page.height * MARGIN_SHARE < ln.y < page.height * (1 - MARGIN_SHARE):
                continue
            key = (re.sub(r"\d+", "#", ln.text.strip()), round(ln.y / 4))
            seen.setdefault(key, set()).add(n)
            marginal.append((ln, key))
    out: set[int] = set()
    for ln, key in marginal:
        if _PAGE_NUMBER.fullmatch(ln.text) or (len(pages) > 1 and len(seen[key]) > 1):
            out.add(id(ln))
    return out


def _body_size(pages: Sequence[_Page]) -> float:
    counts: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            for c, small in zip(ln.chars, ln.small, strict=True):
                if not small and not c.ch.isspace():
                    counts[round(c.size, 1)] += 1
    if not counts:
        return 0.0
    return counts.most_common(1)[0][0]


def _build_raw(pages: Sequence[_Page]) -> str:
    parts: list[str] = []
    pos = 0
    for page in pages:
        for ln in page.lines:
            text = ln.text
            ln.start, ln.end = pos, pos + len(text)
            parts.append(text + "\n")
            pos += len(text) + 1
        parts.append("\f")
        pos += 1
    return "".join(parts)


@dataclass
class _Block:
    kind: ParagraphKind
    page: int
    lines: list[_Line]
    label: str | None = None
    label_end: int = 0  # raw position where a footnote's text starts (after its number)


def _blocks(pages: Sequence[_Page], furniture: set[int], body: float) -> list[_Block]:
    blocks: list[_Block] = []
    notes: list[_Block] = []
    markers: set[str] = set()
    cur: _Block | None = None
    for n, page in enumerate(pages):
        lines = [ln for ln in page.lines if id(ln) not in furniture]
        normal = [ln for ln in lines if ln.size > body * SMALL_FONT]
        lowest = min((ln.y for ln in normal), default=page.height)
        spacing = _spacing(normal, body)
        _set_edges(normal, body)
        note: _Block | None = notes[-1] if notes else None  # may run over from the page before
        prev: _Line | None = None
        for ln in lines:
            if ln.size <= body * SMALL_FONT and ln.y < lowest:  # below the body: a footnote
                m = _NOTE_START.match(ln.text)
                if m and (note is None or _next_note(m.group(1), note.label, markers)):
                    note = _Block(ParagraphKind.FOOTNOTE, n, [ln], m.group(1), ln.start + m.end())
                    notes.append(note)
                elif note is not None:
                    note.lines.append(ln)
                else:
                    note = _Block(ParagraphKind.FOOTNOTE, n, [ln])
                    notes.append(note)
                continue
            markers.update(_markers(ln))
            kind = ParagraphKind.HEADING if ln.size >= body * HEADING_FONT else ParagraphKind.BODY
            before = prev if prev is not None else (cur.lines[-1] if cur is not None else None)
            if (
                cur is None
                or cur.kind is not kind
                or _breaks(before, ln, kind, spacing, body, normal)
            ):
                cur = _Block(kind, n, [ln])
                blocks.append(cur)
            else:
                cur.lines.append(ln)
            prev = ln
        note = None
        cur = cur if cur is not None and cur.kind is ParagraphKind.BODY else None
    return blocks + [b for b in notes if b.lines]


def _markers(ln: _Line) -> list[str]:
    """The labels of the footnote markers (raised small glyphs) of a line."""
    out: list[str] = []
    run = ""
    for c, small in zip(ln.chars, ln.small, strict=True):
        if small:
            run += c.ch
        elif run:
            out.append(run)
            run = ""
    if run:
        out.append(run)
    return out


def _next_note(label: str, last: str | None, markers: set[str]) -> bool:
    """Whether a footnote line starting with ``label`` starts a new footnote after ``last``."""
    if label in markers:
        return True
    if label.isdigit() and last is not None and last.isdigit():
        return int(label) == int(last) + 1
    return last is None


def _spacing(lines: Sequence[_Line], body: float) -> float:
    gaps = Counter(
        round(a.y - b.y, 0)
        for a, b in pairwise(lines)
        if 0 < a.y - b.y < 3 * body and abs(a.x0 - b.x0) < 200
    )
    return gaps.most_common(1)[0][0] if gaps else 1.2 * body


def _set_edges(lines: Sequence[_Line], body: float) -> None:
    """Give each line the right edge of its column (the furthest right among lines starting
    near it)."""
    for line in lines:
        column = [ln.x1 for ln in lines if abs(ln.x0 - line.x0) < 3 * body]
        line.edge = max(column, default=line.x1)


def _stops_short(line: _Line, following: _Line, body: float) -> bool:
    """Whether ``line`` ends a sentence and stopped short: the first word of the line that
    follows would have fitted after it."""
    if not _SENTENCE_END.search(line.words):
        return False
    word = following.chars[0].x0
    first = following.chars[0]
    for c in following.chars:
        if c.ch == " ":
            break
        first = c
    width = first.x1 - word + 0.4 * body  # the word and a space
    return line.x1 + width < line.edge


def _breaks(
    prev: _Line | None,
    ln: _Line,
    kind: ParagraphKind,
    spacing: float,
    body: float,
    page_lines: Sequence[_Line],
) -> bool:
    """Whether ``ln`` starts a new paragraph after ``prev`` (both on one page)."""
    if prev is None:
        return False
    if prev.page != ln.page:  # running over from the page before, unless it ended there
        return kind is ParagraphKind.BODY and (
            ln.x0 > prev.x0 + 0.8 * body or _stops_short(prev, ln, body)
        )
    gap = prev.y - ln.y
    if kind is ParagraphKind.HEADING:
        return gap > 1.8 * ln.size or gap < 0
    if gap < -spacing:  # a new column: a paragraph may run over into it
        return bool(_SENTENCE_END.search(prev.words))
    if gap > 1.4 * spacing:  # a wider gap
        return True
    return ln.x0 > prev.x0 + 0.8 * body or _stops_short(prev, ln, body)


def _paragraph(
    raw: str, block: _Block, index: int, section: tuple[str, ...], hyphenated: set[str]
) -> Paragraph | None:
    b = TextBuilder()
    refs: list[FootnoteRef] = []
    for k, ln in enumerate(block.lines):
        start = block.label_end if k == 0 and block.label is not None else ln.start
        while start < ln.end and raw[start] == " ":
            start += 1
        if k and len(b):
            prev = block.lines[k - 1]
            tail = b.text
            if tail.endswith(tuple(_SOFT_HYPHENS)):
                b.drop_last()
            elif tail.endswith("-") and len(tail) > 1 and tail[-2].isalpha():
                head = re.match(r"\w+", raw[start : ln.end])
                word = re.search(r"\w+-$", tail)
                if head and head.group(0)[:1].islower() and word:
                    joined = f"{word.group(0)}{head.group(0)}".lower()
                    if joined not in hyphenated:
                        b.drop_last()
            elif start < ln.end and joins_tight(tail[-1], raw[start]):
                pass  # a wrapped Chinese line: no space
            else:
                b.put(" ", prev.end)  # the line feed after the previous line
        i = start
        while i < ln.end:
            offset = i - ln.start
            if block.kind is not ParagraphKind.FOOTNOTE and ln.small[offset]:
                j = i
                while j < ln.end and ln.small[j - ln.start]:
                    j += 1
                refs.append(FootnoteRef(raw[i:j], len(b.text.rstrip()), i, j))
                i = j
                continue
            j = i
            while j < ln.end and (
                block.kind is ParagraphKind.FOOTNOTE or not ln.small[j - ln.start]
            ):
                j += 1
            _take_folded(raw, i, j, b)
            i = j
    text, offsets = b.strip()
    if not text:
        return None
    left = len(b.text) - len(b.text.lstrip())
    refs = [
        FootnoteRef(r.label, min(max(r.position - left, 0), len(text)), r.raw_start, r.raw_end)
        for r in refs
    ]
    return Paragraph(
        index=index,
        kind=block.kind,
        text=text,
        offsets=offsets,
        section=section,
        label=block.label,
        footnote_refs=tuple(refs),
        page=block.page + 1,
    )


def _take_folded(raw: str, start: int, end: int, b: TextBuilder) -> None:
    """Append ``raw[start:end]`` with runs of spaces folded into one."""
    i = start
    while i < end:
        if raw[i] == " ":
            j = i
            while j < end and raw[j] == " ":
                j += 1
            if len(b) and not b.ends_with_space():
                b.take(raw, i, i + 1)
            i = j
            continue
        j = i
        while j < end and raw[j] != " ":
            j += 1
        b.take(raw, i, j)
        i = j


def parse_bytes(data: bytes, path: str | None = None) -> tuple[str, Parsed]:
    """Read a PDF file's bytes: the extracted text (the document's raw text) and what was read.

    Raises :class:`ScannedPDF`, :class:`EncryptedPDF` or :class:`TruncatedPDF` naming ``path``.
    """
    if not is_pdf(data):
        raise ReadError(path, "is not a PDF file (it has no %PDF- signature)")
    pdf = _open(data, path)
    try:
        pages: list[_Page] = []
        for n in range(len(pdf)):
            page = pdf[n]
            try:
                width, height = page.get_size()
                chars = _page_chars(page)
            finally:
                page.close()
            pages.append(_Page(_reading_order(_lines(chars, n), width), width, height))
        meta = {k.lower(): str(v) for k, v in pdf.get_metadata_dict().items() if str(v).strip()}
    finally:
        pdf.close()
    if not any(page.lines for page in pages):
        raise ScannedPDF(
            path,
            f"has no text layer ({len(pages)} page(s) of images, a scan?): "
            "OCR is needed before it can be read (e.g. ocrmypdf)",
        )
    raw = _build_raw(pages)
    body = _body_size(pages)
    furniture = _furniture(pages)
    # hyphenated words written whole somewhere (a line-end hyphen has a line feed after it)
    hyphenated = {m.group(0).lower() for m in re.finditer(r"\w+-\w+", raw)}
    paragraphs: list[Paragraph] = []
    section: list[tuple[float, str]] = []
    for block in _blocks(pages, furniture, body):
        where = tuple(title for _, title in section)
        if block.kind is ParagraphKind.HEADING:
            size = max(ln.size for ln in block.lines)
            while section and section[-1][0] <= size:
                section.pop()
            where = tuple(title for _, title in section)
        para = _paragraph(raw, block, len(paragraphs), where, hyphenated)
        if para is None:
            continue
        if block.kind is ParagraphKind.HEADING:
            section.append((max(ln.size for ln in block.lines), para.text))
        if block.kind is ParagraphKind.FOOTNOTE:
            para = _footnote_section(para, paragraphs)
        paragraphs.append(para)
    if not paragraphs:
        raise ScannedPDF(path, "has no text besides page furniture: OCR may be needed")
    title = meta.get("title") or next(
        (p.text for p in paragraphs if p.kind is ParagraphKind.HEADING), None
    )
    metadata = {"page_count": str(len(pages))}
    if meta.get("author"):
        metadata["author"] = meta["author"]
    log.debug(
        "%s: %d pages, body font %.1f, %d paragraphs", path, len(pages), body, len(paragraphs)
    )
    return raw, Parsed(tuple(paragraphs), title=title, metadata=MappingProxyType(metadata))


def _footnote_section(note: Paragraph, before: Sequence[Paragraph]) -> Paragraph:
    """A footnote takes the section of the paragraph holding its marker."""
    for p in before:
        if any(r.label == note.label for r in p.footnote_refs):
            return replace(note, section=p.section)
    return note
