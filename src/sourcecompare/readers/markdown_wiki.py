"""Reader for a wiki article exported to Markdown, links as ``[text](../Page/X.md "wikilink")``.

The text is parsed with markdown-it-py (CommonMark, plus pipe tables).  Each block's ``map``
gives its lines in the raw text; its inline children are found there in order, so every
character of a paragraph comes from ``raw``.

* Headings are HEADING paragraphs and the section path of what follows.  A level-1 heading
  that opens the document is its title (:attr:`Parsed.title`) and stays out of section paths.
* Paragraphs are BODY; paragraphs inside list items (numbered or not, nested or not) are
  LIST_ITEM; under a references heading (``參考``, ``References``...) both are REFERENCE.
  Table rows are BODY paragraphs; code blocks are BODY text; HTML blocks and images are
  dropped.
* Link text is kept.  Wiki links (``../Page/X.md``, ``https://xx.wikipedia.org/wiki/X`` or a
  ``"wikilink"`` title) record the page name ``X`` in ``links``; other links record the
  address in ``urls``.  Link addresses and titles never reach the text.
* Category links (``Category:X``) are dropped with their text; their names go to
  ``metadata["categories"]`` (joined by ``"; "``).
* Emphasis markers, code backticks and inline HTML tags are dropped.

>>> doc = parse('**在[北韓](../Page/朝鲜.md "wikilink")**，如下：\\n\\n'
...             '1.  [日語](https://zh.wikipedia.org/wiki/日語 "wikilink")\\n')
>>> [(p.kind.value, p.text, p.links) for p in doc.paragraphs]
[('body', '在北韓，如下：', ('朝鲜',)), ('list-item', '日語', ('日語',))]
"""

from __future__ import annotations

import functools
import logging
import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..model import ParagraphKind
from . import Parsed
from ._common import (
    CATEGORY_SEPARATOR,
    Flow,
    ParagraphSink,
    Sections,
    category_name,
    is_reference_heading,
    page_name,
    require_text,
    wiki_url_page,
)

if TYPE_CHECKING:  # markdown-it is imported when a text is parsed, not when a format is sniffed
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["looks_like", "parse"]

log = logging.getLogger(__name__)

_LINE_BREAK = re.compile(r"\r\n?|\n")  # markdown-it's own notion of a line break
_SCHEME = re.compile(r"(?i)^[a-z][a-z0-9+.-]*:")
_MARKER = re.compile(r"[ \t]*(?:>|[-*+]|\d{1,9}[.)])[ \t]*")
_HEADING_PREFIX = re.compile(r"[ \t]*#{1,6}[ \t]*")
_SPACE = re.compile(r"\s")


@functools.cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def _line_starts(raw: str) -> list[int]:
    return [0, *(m.end() for m in _LINE_BREAK.finditer(raw))]


@dataclass(frozen=True, slots=True)
class _Target:
    """What a link points at: a wiki page, a category, a web address, or nothing."""

    page: str | None = None
    category: str | None = None
    url: str | None = None


def _classify(href: str, title: str | None) -> _Target:
    address = unquote(href).strip()
    if not address or address.startswith("#"):
        return _Target()
    page = wiki_url_page(address)
    if page is None and not _SCHEME.match(address) and not address.startswith("//"):
        path = address.split("#", 1)[0].split("?", 1)[0]
        if path.endswith(".md"):
            page = page_name(posixpath.basename(path)[: -len(".md")])
        elif title == "wikilink":
            page = page_name(posixpath.basename(path))
    if page is not None:
        category = category_name(page)
        if category is not None:
            return _Target(category=category)
        return _Target(page=page or None)
    return _Target(url=address)


@dataclass
class _Inline:
    """Collects one paragraph from inline tokens, tracking where it is in ``raw``."""

    raw: str
    flow: Flow
    cursor: int
    limit: int
    links: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)

    def locate(self, piece: str, keep: bool) -> None:
        """Find ``piece`` at or after the cursor; add it to the text if ``keep``."""
        if not piece:
            return
        at = self.raw.find(piece, self.cursor, self.limit)
        if at >= 0:
            if keep:
                self.flow.text(at, at + len(piece))
            self.cursor = at + len(piece)
            return
        # the source spells it differently (escapes, entities): keep the characters found
        for ch in piece:
            at = self.raw.find(ch, self.cursor, self.limit)
            if at < 0:
                log.debug("character %r not found in the markdown source", ch)
                continue
            if keep:
                self.flow.text(at, at + 1)
            self.cursor = at + 1

    def skip_to(self, marker: str) -> None:
        at = self.raw.find(marker, self.cursor, self.limit)
        if at >= 0:
            self.cursor = at + len(marker)

    def skip_link_tail(self) -> None:
        """Move past ``](destination "title")``, ``][label]`` or ``]`` after link text."""
        raw, limit = self.raw, self.limit
        at = raw.find("]", self.cursor, limit)
        if at < 0:
            return
        pos = at + 1
        if pos < limit and raw[pos] == "[":
            close = raw.find("]", pos, limit)
            self.cursor = close + 1 if close >= 0 else pos
            return
        if pos >= limit or raw[pos] != "(":
            self.cursor = pos
            return
        depth, quote, i = 1, "", pos + 1
        while i < limit:
            ch = raw[i]
            if ch == "\\":
                i += 2
                continue
            if quote:
                if ch == quote:
                    quote = ""
            elif ch in "\"'" and raw[i - 1].isspace():
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    self.cursor = i + 1
                    return
            i += 1
        self.cursor = pos

    def line_break(self) -> None:
        m = _LINE_BREAK.search(self.raw, self.cursor, self.limit)
        if m:
            self.flow.gap(m.start(), m.end())
            self.cursor = m.end()

    def run(self, children: list[Token]) -> None:
        hidden = 0  # inside a link whose text is dropped (a category)
        stack: list[bool] = []
        for child in children:
            kind = child.type
            if kind == "text":
                self.locate(child.content, keep=not hidden)
            elif kind == "code_inline":
                self.locate(child.content, keep=not hidden)
                self.skip_to(child.markup)
            elif kind in ("softbreak", "hardbreak"):
                self.line_break()
            elif kind == "link_open":
                self.skip_to("<" if child.markup == "autolink" else "[")
                href = str(child.attrs.get("href", ""))
                title = child.attrs.get("title")
                target = _classify(href, str(title) if title is not None else None)
                drop = target.category is not None
                if target.category is not None:
                    self.categories.append(target.category)
                elif not hidden:
                    if target.page:
                        self.links.append(target.page)
                    if target.url:
                        self.urls.append(target.url)
                stack.append(drop)
                hidden += drop
            elif kind == "link_close":
                if child.markup == "autolink":
                    self.skip_to(">")
                else:
                    self.skip_link_tail()
                if stack:
                    hidden -= stack.pop()
            elif kind == "image":
                self.skip_to("![")
                self.skip_link_tail()
            elif kind == "html_inline":
                self.locate(child.content, keep=False)
            elif child.markup and kind.endswith(("_open", "_close")):
                self.skip_to(child.markup)


class _Reader:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.starts = _line_starts(raw)
        self.sink = ParagraphSink(raw)
        self.sections = Sections()
        self.categories: list[str] = []
        self.title: str | None = None
        self.in_references = False
        self.containers: list[int] = []  # first lines of the open list items and block quotes

    def opened(self, block: Token) -> int:
        """How many list or quote markers stand on the first line of ``block``."""
        first = block.map[0] if block.map else -1
        return sum(1 for line in self.containers if line == first)

    def span(self, block_map: list[int] | None) -> tuple[int, int]:
        if not block_map:
            return 0, len(self.raw)
        first, last = block_map
        start = self.starts[first] if first < len(self.starts) else len(self.raw)
        end = self.starts[last] if last < len(self.starts) else len(self.raw)
        return start, end

    def inline(
        self, token: Token, flow: Flow, *, markers: int = 0, heading: bool = False, cursor: int = -1
    ) -> _Inline:
        """Read an inline token; ``markers`` list or quote markers open its first line."""
        start, end = self.span(token.map)
        if cursor < start:
            cursor = start
            for _ in range(markers):
                m = _MARKER.match(self.raw, cursor, end)
                if m:
                    cursor = m.end()
            m = _HEADING_PREFIX.match(self.raw, cursor, end) if heading else None
            if m:
                cursor = m.end()
        state = _Inline(self.raw, flow, cursor, end)
        state.run(token.children or [])
        self.categories.extend(state.categories)
        return state

    def add(self, kind: ParagraphKind, state: _Inline, section: tuple[str, ...]) -> None:
        self.sink.add(kind, state.flow, section=section, links=state.links, urls=state.urls)

    def read(self) -> Parsed:
        tokens = _markdown().parse(self.raw)
        lists = 0
        row: _Inline | None = None
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open" and i + 1 < len(tokens):
                state = self.inline(
                    tokens[i + 1], Flow(self.raw), markers=self.opened(tok), heading=True
                )
                text = state.flow.build()[0]
                if tok.tag == "h1" and i == 0 and text:
                    self.title = text
                    self.add(ParagraphKind.HEADING, state, ())
                else:
                    level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
                    self.add(ParagraphKind.HEADING, state, self.sections.enter(level, text))
                    self.in_references = is_reference_heading(text)
                i += 3
                continue
            if kind in ("list_item_open", "blockquote_open"):
                self.containers.append(tok.map[0] if tok.map else -1)
            elif kind in ("list_item_close", "blockquote_close") and self.containers:
                self.containers.pop()
            if kind in ("bullet_list_open", "ordered_list_open"):
                lists += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists -= 1
            elif kind == "paragraph_open" and i + 1 < len(tokens):
                state = self.inline(tokens[i + 1], Flow(self.raw), markers=self.opened(tok))
                if self.in_references:
                    para_kind = ParagraphKind.REFERENCE
                elif lists:
                    para_kind = ParagraphKind.LIST_ITEM
                else:
                    para_kind = ParagraphKind.BODY
                self.add(para_kind, state, self.sections.path)
                i += 3
                continue
            elif kind == "tr_open":
                start, end = self.span(tok.map)
                row = _Inline(self.raw, Flow(self.raw), start, end)
            elif kind == "inline" and row is not None:
                before = row.cursor
                cell = self.inline(tok, row.flow, cursor=row.cursor)
                if cell.cursor > before:
                    row.links.extend(cell.links)
                    row.urls.extend(cell.urls)
                    row.cursor = cell.cursor
                    self.raw_gap_after(row)
            elif kind == "tr_close" and row is not None:
                self.add(ParagraphKind.BODY, row, self.sections.path)
                row = None
            elif kind in ("fence", "code_block"):
                self.code(tok)
            i += 1
        metadata = {}
        if self.categories:
            metadata["categories"] = CATEGORY_SEPARATOR.join(dict.fromkeys(self.categories))
        return self.sink.parsed(title=self.title, metadata=metadata, what="Markdown markup")

    def raw_gap_after(self, row: _Inline) -> None:
        """Note the whitespace between a table cell and the next one's text, if there is any."""
        pipe = self.raw.find("|", row.cursor, row.limit)
        end = row.limit if pipe < 0 else min(row.limit, pipe + 2)
        m = _SPACE.search(self.raw, row.cursor, end)
        if m:
            row.flow.gap(m.start(), m.end())

    def code(self, tok: Token) -> None:
        start, end = self.span(tok.map)
        if tok.type == "fence":
            first = _LINE_BREAK.search(self.raw, start, end)
            start = first.end() if first else end
            last = self.raw.rfind(tok.markup, start, end)
            if last >= start and not self.raw[last:end].strip(tok.markup[:1] + " \t\r\n"):
                end = last
        flow = Flow(self.raw)
        flow.text(start, end)
        self.sink.add(ParagraphKind.BODY, flow, section=self.sections.path)


def parse(raw: str) -> Parsed:
    """Read a Markdown wiki export into paragraphs."""
    require_text(raw)
    return _Reader(raw).read()


def looks_like(raw: str) -> float:
    """How much ``raw`` looks like a Markdown wiki export (0..1).

    >>> looks_like('[日本](../Page/日本.md "wikilink")\\n\\n## 背景\\n') > 0.8
    True
    >>> looks_like("{{Infobox}}\\n'''x''' [[y]]\\n==A==\\n") < 0.2
    True
    """
    sample = raw[:20000]
    score = 0.0
    if '"wikilink")' in sample or "](../Page/" in sample:
        score += 0.6
    elif re.search(r"\]\([^)\s]+\)", sample):
        score += 0.3
    if re.search(r"(?m)^#{1,6} \S", sample):
        score += 0.25
    if re.search(r"\*\*\S", sample) or re.search(r"(?m)^(?:  )?(?:[-*]|\d+\.) {1,3}\S", sample):
        score += 0.1
    if "[[" in sample or "{{" in sample:
        score -= 0.4
    return max(0.0, min(1.0, score))
