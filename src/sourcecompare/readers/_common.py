"""Helpers shared by the readers: flowing text into paragraphs, lines, sections, wiki links.

A reader walks its raw text and feeds a :class:`Flow` the pieces to keep.  The flow folds
whitespace lazily: a run of whitespace becomes one space only when more text follows it, so a
paragraph never starts or ends with a space, and markup that was dropped between two pieces
never leaves a double space behind.  A line break between two CJK characters, or next to CJK
punctuation (a wrapped Chinese line), is dropped rather than turned into a space.  Every
character of the result is either copied from ``raw`` or a space standing for a whitespace
character of ``raw``.

>>> raw = "North\\n  Korea  \\n\\n"
>>> flow = Flow(raw)
>>> flow.text(0, len(raw))
>>> flow.build()[0]
'North Korea'
>>> raw = "朝鲜\\n半岛 and\\nJapan"
>>> flow = Flow(raw)
>>> flow.text(0, len(raw))
>>> flow.build()[0]
'朝鲜半岛 and Japan'
"""

from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import unquote

from ..errors import EmptyDocument
from ..model import FootnoteRef, OffsetMap, Paragraph, ParagraphKind
from . import Parsed
from ._build import TextBuilder

__all__ = [
    "CATEGORY_SEPARATOR",
    "Flow",
    "Line",
    "ParagraphSink",
    "Sections",
    "category_name",
    "first_page",
    "is_reference_heading",
    "joins_tight",
    "lines",
    "offset_problems",
    "page_name",
    "require_text",
    "wiki_url_page",
]

log = logging.getLogger(__name__)

#: separator between category names in ``Parsed.metadata["categories"]``
CATEGORY_SEPARATOR = "; "

_NONSPACE = re.compile(r"\S+")
#: the characters :meth:`str.splitlines` breaks at
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")

#: headings under which every paragraph and list item is a reference (compared case-folded,
#: surrounding spaces and a trailing colon removed)
_REFERENCE_HEADINGS = frozenset(
    {
        "參考",
        "参考",
        "參考資料",
        "参考资料",
        "參考文獻",
        "参考文献",
        "參考來源",
        "参考来源",
        "來源",
        "来源",
        "資料來源",
        "资料来源",
        "註釋",
        "注釋",
        "注释",
        "腳註",
        "脚注",
        "references",
        "reference",
        "notes",
        "footnotes",
        "sources",
        "citations",
        "works cited",
        "bibliography",
        "notes and references",
        "references and notes",
    }
)

_CATEGORY_PREFIXES = ("category:", "分类:", "分類:", "category：", "分类：", "分類：")


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def joins_tight(left: str, right: str) -> bool:
    """Whether a line break between these characters is a wrap, not a space (CJK text).

    >>> joins_tight("朝", "鮮"), joins_tight("a", "b"), joins_tight("。", "A")
    (True, False, True)
    """
    return (_is_wide(left) and _is_wide(right)) or any(
        _is_wide(ch) and unicodedata.category(ch).startswith("P") for ch in (left, right)
    )


class Flow:
    """Text for one paragraph, built from pieces of ``raw`` with whitespace folded lazily.

    >>> raw = "a <x> b"
    >>> f = Flow(raw)
    >>> f.text(0, 2); f.text(5, 7)
    >>> text, offsets = f.build()
    >>> text, [offsets[i] for i in range(len(text))]
    ('a b', [0, 1, 6])
    """

    __slots__ = ("_builder", "_gap", "_gap_lines", "_gap_single", "_last", "raw")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._builder = TextBuilder()
        self._gap: int | None = None  # raw position of the first whitespace of a pending run
        self._gap_single = False  # the pending run is exactly one ASCII space
        self._gap_lines = False  # the pending run holds a line break
        self._last = ""  # last character committed

    def __len__(self) -> int:
        """Length of the text committed so far (a pending space is not counted)."""
        return len(self._builder)

    def __bool__(self) -> bool:
        return len(self._builder) > 0

    def gap(self, start: int, end: int) -> None:
        """Note the whitespace ``raw[start:end]`` (all of it must be whitespace)."""
        if end <= start:
            return
        if self._gap is None:
            self._gap = start
            self._gap_single = end - start == 1 and self.raw[start] == " "
        else:
            self._gap_single = False
        if not self._gap_lines:
            self._gap_lines = any(self.raw[i] in _LINE_BREAKS for i in range(start, end))

    def _flush_gap(self, next_char: str) -> None:
        if self._gap is None:
            return
        pos, single, newline = self._gap, self._gap_single, self._gap_lines
        self._gap, self._gap_single, self._gap_lines = None, False, False
        if not self._builder:
            return
        if newline and joins_tight(self._last, next_char):
            return  # a wrapped CJK line: no space between the two halves
        if single:
            self._builder.take(self.raw, pos, pos + 1)
        else:
            self._builder.put(" ", pos)

    def take(self, start: int, end: int) -> None:
        """Append ``raw[start:end]``, which holds no whitespace, verbatim."""
        if end <= start:
            return
        self._flush_gap(self.raw[start])
        self._builder.take(self.raw, start, end)
        self._last = self.raw[end - 1]

    def text(self, start: int, end: int) -> None:
        """Append ``raw[start:end]`` with its whitespace folded."""
        pos = start
        for m in _NONSPACE.finditer(self.raw, start, end):
            self.gap(pos, m.start())
            self.take(m.start(), m.end())
            pos = m.end()
        self.gap(pos, end)

    def build(self) -> tuple[str, OffsetMap]:
        """The text so far (without a pending space) and its offsets."""
        return self._builder.build()


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a raw text: ``raw[start:end]`` without its line break; ``next`` is where the
    following line starts."""

    start: int
    end: int
    next: int

    def text(self, raw: str) -> str:
        return raw[self.start : self.end]

    def is_blank(self, raw: str) -> bool:
        return not raw[self.start : self.end].strip()


def lines(raw: str) -> list[Line]:
    r"""The lines of ``raw``, split where :meth:`str.splitlines` splits.

    >>> [(l.start, l.end, l.next) for l in lines("ab\r\ncd\n\nx")]
    [(0, 2, 4), (4, 6, 7), (7, 7, 8), (8, 9, 9)]
    """
    out: list[Line] = []
    pos = 0
    for piece in raw.splitlines(keepends=True):
        end = pos + len(piece)
        if piece.endswith("\r\n"):
            content = end - 2
        elif piece[-1] in _LINE_BREAKS:
            content = end - 1
        else:
            content = end
        out.append(Line(pos, content, end))
        pos = end
    return out


@dataclass
class Sections:
    """The path of headings above the current place, by heading level.

    >>> s = Sections()
    >>> s.enter(2, "History"), s.enter(3, "Early"), s.enter(2, "Today")
    ((), ('History',), ())
    >>> s.path
    ('Today',)
    """

    _stack: list[tuple[int, str]] = field(default_factory=list)

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(title for _, title in self._stack)

    def enter(self, level: int, title: str) -> tuple[str, ...]:
        """Open a heading; returns the path of the headings above it."""
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        parent = self.path
        self._stack.append((level, title))
        return parent


def is_reference_heading(title: str) -> bool:
    """Whether a section of this title lists references.

    >>> [is_reference_heading(t) for t in ("參考", " References: ", "背景")]
    [True, True, False]
    """
    return title.strip().rstrip(":：").strip().casefold() in _REFERENCE_HEADINGS


def page_name(target: str) -> str:
    """A wiki page name from a link target: fragment dropped, ``_`` read as a space.

    >>> page_name("光明星3号_(2期)#发射"), page_name(":en:Foo"), page_name("#Notes")
    ('光明星3号 (2期)', 'en:Foo', '')
    """
    name = target.split("#", 1)[0].replace("_", " ").strip().lstrip(":")
    return " ".join(name.split())


def category_name(page: str) -> str | None:
    """The category a page name stands for, or None if it is not a category page.

    >>> [category_name(p) for p in ("Category:在朝鲜的日本人", "分類: 日朝關係", "日本")]
    ['在朝鲜的日本人', '日朝關係', None]
    """
    low = page.casefold()
    for prefix in _CATEGORY_PREFIXES:
        if low.startswith(prefix):
            return page[len(prefix) :].strip()
    return None


def wiki_url_page(url: str) -> str | None:
    """The page a Wikipedia article URL (``https://xx.wikipedia.org/wiki/Page``) names.

    >>> wiki_url_page("https://zh.wikipedia.org/wiki/%E7%B8%BD%E8%81%AF")
    '總聯'
    >>> wiki_url_page("https://zh.wikipedia.org/zh-tw/平壤"), wiki_url_page("http://a.b/c")
    ('平壤', None)
    """
    m = re.match(r"(?i)^(?:https?:)?//[^/?#]*\bwikipedia\.org/(?:wiki|zh-[a-z]+)/([^?]+)", url)
    return page_name(unquote(m.group(1))) if m else None


@dataclass
class ParagraphSink:
    """Collects finished paragraphs, numbering them in order; empty ones are skipped."""

    raw: str
    _out: list[Paragraph] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self._out)

    def add(
        self,
        kind: ParagraphKind,
        flow: Flow,
        *,
        section: tuple[str, ...] = (),
        links: Iterable[str] = (),
        urls: Iterable[str] = (),
        label: str | None = None,
        footnote_refs: Iterable[FootnoteRef] = (),
        page: Callable[[int], int | None] | None = None,
    ) -> Paragraph | None:
        """Add the paragraph ``flow`` holds; None (and nothing added) if it has no text.
        ``page`` gives the page of a raw offset (:func:`form_feed_pages`): the paragraph's page
        is the one its first character stands on."""
        text, offsets = flow.build()
        if not text:
            return None
        refs = tuple(
            FootnoteRef(r.label, min(r.position, len(text)), r.raw_start, r.raw_end)
            for r in footnote_refs
        )
        para = Paragraph(
            index=len(self._out),
            kind=kind,
            text=text,
            offsets=offsets,
            section=section,
            links=_unique(links),
            urls=_unique(urls),
            label=label,
            footnote_refs=refs,
            page=page(offsets[0]) if page is not None else None,
        )
        self._out.append(para)
        return para

    def parsed(
        self,
        *,
        title: str | None = None,
        metadata: Mapping[str, str] | None = None,
        what: str = "markup",
    ) -> Parsed:
        """The result; :class:`EmptyDocument` if no paragraph holds any text."""
        if not self._out:
            raise EmptyDocument(None, f"no text left after removing {what}")
        return Parsed(
            paragraphs=tuple(self._out),
            title=title or None,
            metadata=MappingProxyType(dict(metadata or {})),
        )


_FIRST_PAGE = re.compile(r"\s*(\d+)")


def first_page(pages: str | None) -> int | None:
    """The first page of a page range as metadata writes it (``199-235``), or ``None``.

    >>> first_page("199-235"), first_page(" 301–337"), first_page(""), first_page(None)
    (199, 301, None, None)
    """
    m = _FIRST_PAGE.match(pages or "")
    return int(m.group(1)) if m else None


def form_feed_pages(raw: str, first: int = 1) -> Callable[[int], int | None]:
    """The page a raw offset stands on, in text whose pages end with a form feed (as PDF text
    extraction writes them: ``pdftotext``), counted from ``first``.  Text without a form feed
    has no pages to cite: every offset gives ``None``.

    >>> page = form_feed_pages("a\\fb\\f\\fc", first=199)
    >>> page(0), page(2), page(5)
    (199, 200, 202)
    >>> form_feed_pages("no breaks")(3) is None
    True
    """
    breaks = []
    at = raw.find("\f")
    while at >= 0:
        breaks.append(at)
        at = raw.find("\f", at + 1)
    if not breaks:
        return lambda offset: None
    return lambda offset: first + bisect_right(breaks, offset)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def require_text(raw: str) -> None:
    """Raise :class:`EmptyDocument` if ``raw`` is empty or only whitespace.

    >>> require_text("  \\n")
    Traceback (most recent call last):
    ...
    sourcecompare.errors.EmptyDocument: <text>: holds no text
    """
    if not raw.strip():
        raise EmptyDocument(None, "holds no text")


def offset_problems(raw: str, paragraphs: Iterable[Paragraph]) -> Iterator[str]:
    """Describe every place where paragraphs break the offset invariant (none if they keep it).

    Each character must map into ``raw`` onto the same character, or be whitespace standing
    for whitespace; indexes must run 0..n-1.  In HTML, a character may also stand for a
    character reference that decodes to it (``&amp;`` for ``&``), and a space for a tag
    boundary (the ``<`` of a tag) or a space reference (``&nbsp;``).

    >>> from sourcecompare.model import OffsetMap
    >>> good = Paragraph(0, ParagraphKind.BODY, "a b", OffsetMap((0, 1, 2), (0, 1, 3), 3))
    >>> list(offset_problems("a\\n\\nb", [good]))
    []
    >>> bad = Paragraph(1, ParagraphKind.BODY, "x", OffsetMap.identity(1))
    >>> list(offset_problems("a", [bad]))
    ['paragraph 1 has index 1 at position 0', "paragraph 1 char 0 'x' maps to raw[0] 'a'"]
    """
    for n, para in enumerate(paragraphs):
        if para.index != n:
            yield f"paragraph {para.index} has index {para.index} at position {n}"
        if len(para.offsets) != len(para.text):
            yield f"paragraph {para.index}: {len(para.text)} chars, {len(para.offsets)} offsets"
            continue
        for i, ch in enumerate(para.text):
            at = para.offsets[i]
            if not 0 <= at < len(raw):
                yield f"paragraph {para.index} char {i} maps outside raw ({at})"
            elif (
                raw[at] != ch
                and not (ch.isspace() and raw[at].isspace())
                and not _stands_for_markup(raw, at, ch)
            ):
                yield f"paragraph {para.index} char {i} {ch!r} maps to raw[{at}] {raw[at]!r}"


_CHAR_REF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")


def _stands_for_markup(raw: str, at: int, ch: str) -> bool:
    """Whether ``ch`` stands for the character reference, or a space for the tag, at ``at``."""
    if ch == " " and raw[at] == "<":
        return True
    m = _CHAR_REF.match(raw, at)
    if m is None:
        return False
    import html

    decoded = html.unescape(m.group(0))
    return decoded == ch or (ch == " " and decoded.isspace())
