"""Reader for web pages (a news article saved from the browser, or fetched): the main text.

Two passes.  This reader walks the page's HTML itself, so every paragraph is built from
slices of the raw HTML (:mod:`sourcecompare.readers._html`): headings (``h1``..``h6``) are
HEADING paragraphs, ``li`` LIST_ITEM, ``figcaption`` / ``caption`` CAPTION, ``p`` and other
blocks of text BODY.  Navigation, headers, footers, asides, forms, scripts and styles are
never text.  Then `trafilatura <https://trafilatura.readthedocs.io>`_ says which of those
blocks are the page's main text: a block is kept when its text is a line of trafilatura's main
text (or, when at least 40 characters long, part of it).  A caption is kept when it sits in
the same article as kept blocks (trafilatura drops figures).  When trafilatura finds no main
text at all, every block outside the navigation and chrome is kept (and a warning logged).

*Comments.*  An element whose class or id is ``comment`` (``comment-1``...) inside a comment
section (``#comments``, ``.comments``) is a user comment: one COMMENT paragraph of its text,
labelled with its author's handle (the text of a descendant whose class names ``author``,
``user`` or ``name``), which is not part of the text.

*Metadata.*  ``title``, ``author``, ``date`` (publication date, ``YYYY-MM-DD``),
``publisher`` (the site's name) and ``url`` (canonical) as trafilatura finds them in the
page's metadata (``<meta>``, JSON-LD, Open Graph).

A page in which no main text is found raises :class:`~sourcecompare.errors.NoMainText`.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from ..errors import NoMainText
from ..model import Paragraph, ParagraphKind
from . import Parsed
from ._common import require_text
from ._html import Builder, Element, Text, flow_into, tree

__all__ = ["looks_like", "parse"]

log = logging.getLogger(__name__)

_NEVER = frozenset({"nav", "header", "footer", "aside", "form", "head", "button", "select"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CONTAINERS = frozenset(
    {"div", "section", "article", "main", "body", "blockquote", "figure", "ul", "ol", "dl",
     "table", "tbody", "thead", "tr", "td", "th", "dd", "center", "span"}
)  # fmt: skip
_COMMENT_SECTION = re.compile(r"(?:^|[\s_-])comments?(?:$|[\s_-])", re.I)
_COMMENT = re.compile(r"^comment(?:[-_]?\d+)?$", re.I)
_HANDLE = re.compile(r"author|user|name|handle", re.I)
_SPACE = re.compile(r"\s+")


def looks_like(raw: str) -> float:
    """How sure it is that ``raw`` is an HTML page.

    >>> looks_like("<!DOCTYPE html><html><body><p>x</p></body></html>")
    0.8
    >>> looks_like("# A heading\\n\\nSome *Markdown* with <b>a tag</b>.")
    0.0
    """
    head = raw[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or "<html" in head[:500]:
        return 0.8
    if "<body" in head or head.startswith(("<article", "<main")):
        return 0.6
    return 0.0


def _norm(text: str) -> str:
    return _SPACE.sub(" ", html.unescape(text).replace("\xa0", " ")).strip()


def _holds(el: Element, tags: tuple[str, ...]) -> bool:
    """Whether an element below ``el`` is one of ``tags``."""
    return any(e is not el and e.tag in tags for e in el.iter())


def _is_comment(el: Element) -> bool:
    ident = " ".join([el.attrs.get("id", ""), *el.classes])
    return any(_COMMENT.match(token) for token in ident.split())


def _in_comment_section(el: Element) -> bool:
    return any(
        _COMMENT_SECTION.search(" ".join([a.attrs.get("id", ""), *a.classes]))
        for a in (el, *el.ancestors())
    )


class _Walker:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.blocks: list[tuple[ParagraphKind, Builder, Element, str | None]] = []

    def walk(self, el: Element) -> None:
        loose = Builder(self.raw)
        for child in el.children:
            if isinstance(child, Text):
                flow_into(Element("#text", {}, 0, 0, [child]), loose)
                continue
            tag = child.tag
            if tag in _NEVER or child.attrs.get("role") == "navigation":
                continue
            if _is_comment(child) and _in_comment_section(child):
                self.comment(child)
                continue
            if tag in _HEADINGS:
                self.flush(loose, el)
                loose = Builder(self.raw)
                self.add(ParagraphKind.HEADING, child)
            elif tag == "p":
                self.flush(loose, el)
                loose = Builder(self.raw)
                self.add(ParagraphKind.BODY, child)
            elif tag == "li":
                self.flush(loose, el)
                loose = Builder(self.raw)
                if _holds(child, ("p", "ul", "ol")):
                    self.walk(child)
                else:
                    self.add(ParagraphKind.LIST_ITEM, child)
            elif tag in ("figcaption", "caption"):
                self.flush(loose, el)
                loose = Builder(self.raw)
                self.add(ParagraphKind.CAPTION, child)
            elif tag == "figure" or (tag in _CONTAINERS and _holds(child, ("p", "li", *_HEADINGS))):
                self.flush(loose, el)
                loose = Builder(self.raw)
                self.walk(child)
            elif tag in ("div", "section", "article"):
                self.flush(loose, el)
                loose = Builder(self.raw)
                self.add(ParagraphKind.BODY, child)
            elif tag in ("br", "img", "hr"):
                loose.brk(child.start)
            else:
                flow_into(Element("#inline", {}, 0, 0, [child]), loose)
        self.flush(loose, el)

    def flush(self, b: Builder, where: Element) -> None:
        if len(b):
            self.blocks.append((ParagraphKind.BODY, b, where, None))

    def add(self, kind: ParagraphKind, el: Element) -> None:
        b = Builder(self.raw)
        flow_into(el, b)
        if len(b):
            self.blocks.append((kind, b, el, None))

    def comment(self, el: Element) -> None:
        handle_el = el.find(lambda e: e is not el and bool(_HANDLE.search(" ".join(e.classes))))
        handle = handle_el.text(self.raw) if handle_el is not None else None
        b = Builder(self.raw)
        flow_into(el, b, skip=lambda e: e is handle_el)
        if len(b):
            self.blocks.append((ParagraphKind.COMMENT, b, el, handle or None))


def _extract(raw: str) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        raw, include_comments=True, with_metadata=True, favor_recall=True, include_tables=True
    )


def _article(el: Element) -> Element | None:
    return next((a for a in el.ancestors() if a.tag in ("article", "main")), None)


def parse(raw: str) -> Parsed:
    """Read a web page's main text (see the module's documentation)."""
    require_text(raw)
    root = tree(raw)
    body = root.find(lambda e: e.tag == "body") or root
    walker = _Walker(raw)
    walker.walk(body)
    found = _extract(raw)
    main = (getattr(found, "text", "") or "") if found is not None else ""
    lines = {_norm(line.removeprefix("- ")) for line in main.split("\n")}
    main_flat = _norm(main)
    if not main_flat:
        log.warning("trafilatura found no main text; keeping every block outside the chrome")
    comments = _norm(getattr(found, "comments", "") or "") if found is not None else ""
    kept: list[Paragraph] = []
    articles: set[int] = set()
    captions: list[tuple[int, Paragraph, Element]] = []
    levels: dict[int, int] = {}
    for kind, b, el, label in walker.blocks:
        text, offsets = b.build()
        norm = _norm(text)
        para = Paragraph(index=0, kind=kind, text=text, offsets=offsets, label=label)
        if kind is ParagraphKind.HEADING:
            levels[id(para)] = int(el.tag[1])
        if kind is ParagraphKind.COMMENT:
            if not comments or norm in comments:
                kept.append(para)
            continue
        if kind is ParagraphKind.CAPTION:
            captions.append((len(kept), para, el))
            continue
        if not main_flat or norm in lines or (len(norm) >= 40 and norm in main_flat):
            kept.append(para)
            art = _article(el)
            if art is not None:
                articles.add(id(art))
    for at, para, el in reversed(captions):
        art = _article(el)
        if art is not None and id(art) in articles:
            kept.insert(at, para)
    if not any(p.kind is not ParagraphKind.COMMENT for p in kept):
        raise NoMainText(None, "holds no main text (only navigation, scripts or boilerplate)")
    paragraphs = _sections(kept, levels)
    meta: dict[str, str] = {}
    title = None
    if found is not None:
        title = getattr(found, "title", None) or None
        for key, attr in (("author", "author"), ("date", "date"), ("publisher", "sitename")):
            value = getattr(found, attr, None)
            if value:
                meta[key] = str(value)
        url = getattr(found, "url", None)
        if url:
            meta["url"] = str(url)
    log.debug("html page: %d of %d blocks kept", len(paragraphs), len(walker.blocks))
    return Parsed(tuple(paragraphs), title=title, metadata=MappingProxyType(meta))


def _sections(paragraphs: list[Paragraph], levels: dict[int, int]) -> list[Paragraph]:
    """Indexes in order, and each paragraph's section: the headings above it."""
    out: list[Paragraph] = []
    path: list[tuple[int, str]] = []
    for p in paragraphs:
        section = tuple(t for _, t in path)
        if p.kind is ParagraphKind.HEADING:
            level = levels[id(p)]
            while path and path[-1][0] >= level:
                path.pop()
            section = tuple(t for _, t in path)
            path.append((level, p.text))
        out.append(replace(p, index=len(out), section=section))
    return out
