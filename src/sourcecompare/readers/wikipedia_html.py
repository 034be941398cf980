"""Reader for Wikipedia articles as HTML: a page saved from the browser, or the HTML that the
MediaWiki parse API or the REST API return.

The article is the ``mw-parser-output`` element (the whole body when there is none).  Within it:

* ``h2``..``h6`` are HEADING paragraphs (their ``[edit]`` / ``[编辑]`` links gone) and give the
  ``section`` of what follows; under a reference heading (References, 參考資料...) every
  paragraph is a REFERENCE;
* each row of an infobox (``table.infobox``) with a label and a value is an INFOBOX paragraph,
  ``label value`` (``Fatalities 229``), ``label`` set to the row's label; a row that only spans
  (the image, a sub-heading) is skipped;
* each row of any other table is a BODY paragraph of its cells (a table's caption a CAPTION);
* ``p`` is BODY, ``li`` a LIST_ITEM, ``figcaption`` / ``.thumbcaption`` a CAPTION;
* the reference list (``ol.references``) gives one REFERENCE paragraph per note, labelled with
  its number, after the body; ``sup.reference`` markers (``[1]``) are cut from the text and
  kept as footnote references;
* navigation chrome is dropped: edit links, navboxes, the table of contents, hatnotes,
  ``noprint`` / ``metadata`` boxes, styles and scripts, categories.

Metadata: the title (``h1#firstHeading``, else ``<title>`` without `` - Wikipedia``), ``url``
(canonical link), ``revision`` (``wgRevisionId`` or an ``oldid=`` link) and ``language``
(``<html lang>``), where the page states them.
"""

from __future__ import annotations

import logging
import re
from types import MappingProxyType

from ..errors import NoMainText
from ..model import FootnoteRef, Paragraph, ParagraphKind
from . import Parsed
from ._common import is_reference_heading, require_text
from ._html import Builder, Element, flow_into, tree

__all__ = ["looks_like", "parse"]

log = logging.getLogger(__name__)

_CHROME_CLASSES = (
    "mw-editsection",
    "navbox",
    "vertical-navbox",
    "toc",
    "hatnote",
    "noprint",
    "metadata",
    "mw-jump-link",
    "catlinks",
    "mw-empty-elt",
    "sistersitebox",
    "ambox",
    "reflist",
    "references",
    "mw-references-wrap",
    "printfooter",
)
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_REVISION = re.compile(r'"wgRevisionId"\s*:\s*(\d+)|[?&]oldid=(\d+)')
_MARKER = re.compile(r"\[\s*([^\]\s]{1,12})\s*\]")


def looks_like(raw: str) -> float:
    """How sure it is that ``raw`` is a Wikipedia (MediaWiki) HTML page.

    >>> looks_like('<div class="mw-parser-output"><p>x</p></div>')
    0.95
    >>> looks_like("== A ==\\n'''x'''")
    0.0
    """
    if "mw-parser-output" in raw or 'content="MediaWiki' in raw:
        return 0.95
    if "<html" in raw[:2000].lower() and "wikipedia" in raw[:5000].lower():
        return 0.7
    return 0.0


def _is_chrome(el: Element) -> bool:
    if el.has_class(*_CHROME_CLASSES) or el.attrs.get("id") in ("toc", "catlinks"):
        return True
    return (
        el.tag in ("style", "link", "meta", "head", "title") or el.attrs.get("role") == "navigation"
    )


class _Reader:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.paragraphs: list[Paragraph] = []
        self.notes: list[Paragraph] = []
        self.section: list[tuple[int, str]] = []
        self.in_refs = False

    def add(
        self,
        kind: ParagraphKind,
        b: Builder,
        refs: list[FootnoteRef],
        label: str | None = None,
        to: list[Paragraph] | None = None,
    ) -> None:
        text, offsets = b.build()
        if not text:
            return
        if self.in_refs and kind is not ParagraphKind.HEADING:
            kind = ParagraphKind.REFERENCE
        (self.paragraphs if to is None else to).append(
            Paragraph(
                index=0,
                kind=kind,
                text=text,
                offsets=offsets,
                section=tuple(t for _, t in self.section),
                label=label,
                footnote_refs=tuple(refs),
            )
        )

    def inline(self, el: Element, b: Builder | None = None) -> tuple[Builder, list[FootnoteRef]]:
        """The text of ``el`` with its footnote markers cut out and recorded."""
        b = Builder(self.raw) if b is None else b
        refs: list[FootnoteRef] = []

        def marker(child: Element, builder: Builder) -> bool:
            if child.tag == "sup" and child.has_class("reference"):
                m = _MARKER.search(child.text(self.raw))
                if m:
                    close = self.raw.find(">", child.end)  # the end of </sup>
                    end = close + 1 if close >= 0 else child.end
                    refs.append(FootnoteRef(m.group(1), len(builder), child.start, end))
                return True
            return False

        flow_into(el, b, skip=_is_chrome, on_element=marker)
        return b, refs

    def block(self, el: Element) -> None:
        """Walk the children of a container, making paragraphs of its blocks."""
        loose = Builder(self.raw)  # text directly in the container
        loose_refs: list[FootnoteRef] = []
        for child in el.children:
            if not isinstance(child, Element):
                flow_into(Element("#text", {}, 0, 0, [child]), loose)
                continue
            if _is_chrome(child):
                if child.tag == "ol" or child.find(lambda e: e.has_class("references")):
                    self.references(child)
                continue
            tag = child.tag
            if tag in _HEADINGS or (tag == "div" and child.has_class("mw-heading")):
                self.add(ParagraphKind.BODY, loose, loose_refs)
                loose, loose_refs = Builder(self.raw), []
                self.heading(child)
            elif tag == "p":
                b, refs = self.inline(child)
                self.add(ParagraphKind.BODY, b, refs)
            elif tag in ("ul", "ol"):
                for li in child.children:
                    if isinstance(li, Element) and li.tag == "li" and not _is_chrome(li):
                        b, refs = self.inline(li)
                        self.add(ParagraphKind.LIST_ITEM, b, refs)
            elif tag == "table":
                self.table(child)
            elif tag == "figcaption" or child.has_class("thumbcaption"):
                b, refs = self.inline(child)
                self.add(ParagraphKind.CAPTION, b, refs)
            elif tag in ("div", "section", "figure", "blockquote", "dl", "dd", "center", "main"):
                self.block(child)
            elif tag in ("img", "br", "hr"):
                continue
            else:
                self.inline(child, loose)
        self.add(ParagraphKind.BODY, loose, loose_refs)

    def heading(self, el: Element) -> None:
        h = el if el.tag in _HEADINGS else el.find(lambda e: e.tag in _HEADINGS) or el
        level = int(h.tag[1]) if h.tag in _HEADINGS else 2
        b, _ = self.inline(el)
        text = b.build()[0]
        if not text:
            return
        while self.section and self.section[-1][0] >= level:
            self.section.pop()
        self.in_refs = is_reference_heading(text)
        self.add(ParagraphKind.HEADING, b, [])
        self.section.append((level, text))

    def table(self, el: Element) -> None:
        infobox = el.has_class("infobox")
        for part in el.iter():
            if part.tag == "caption" and not infobox:
                b, refs = self.inline(part)
                self.add(ParagraphKind.CAPTION, b, refs)
        rows = [r for r in el.iter() if r.tag == "tr"]
        for row in rows:
            cells = [c for c in row.children if isinstance(c, Element) and c.tag in ("th", "td")]
            if infobox:
                label = next((c for c in cells if c.tag == "th"), None)
                value = next((c for c in cells if c.tag == "td"), None)
                if label is None or value is None:
                    continue
                b, refs = self.inline(label)
                name = b.build()[0]
                b.brk(value.start)
                refs += self.inline(value, b)[1]
                self.add(ParagraphKind.INFOBOX, b, refs, label=name or None)
            else:
                b = Builder(self.raw)
                refs = []
                for cell in cells:
                    b.brk(cell.start)
                    refs += self.inline(cell, b)[1]
                self.add(ParagraphKind.BODY, b, refs)

    def references(self, el: Element) -> None:
        for ol in el.iter():
            if ol.tag != "ol":
                continue
            for n, li in enumerate(
                (c for c in ol.children if isinstance(c, Element) and c.tag == "li"), start=1
            ):
                b = Builder(self.raw)

                def backlinks(child: Element, builder: Builder) -> bool:
                    return child.has_class("mw-cite-backlink")

                flow_into(li, b, skip=_is_chrome, on_element=backlinks)
                label = str(n)
                self.add(ParagraphKind.REFERENCE, b, [], label=label, to=self.notes)


def _content(root: Element) -> Element:
    out = root.find(lambda e: e.has_class("mw-parser-output"))
    if out is not None:
        return out
    body = root.find(lambda e: e.tag == "body")
    return body or root


def _metadata(root: Element, raw: str) -> tuple[str | None, dict[str, str]]:
    meta: dict[str, str] = {}
    h1 = root.find(lambda e: e.tag == "h1" and e.attrs.get("id") == "firstHeading")
    title = h1.text(raw) if h1 is not None else None
    if not title:
        t = root.find(lambda e: e.tag == "title")
        if t is not None and t.children:
            title = (
                re.sub(r"\s+[-–—]\s+(?:Wikipedia|维基百科|維基百科).*$", "", t.text(raw)) or None
            )
    canonical = root.find(
        lambda e: e.tag == "link" and e.attrs.get("rel") == "canonical" and "href" in e.attrs
    )
    if canonical is not None:
        meta["url"] = canonical.attrs["href"]
    m = _REVISION.search(raw)
    if m:
        meta["revision"] = m.group(1) or m.group(2)
    html_el = root.find(lambda e: e.tag == "html")
    if html_el is not None and html_el.attrs.get("lang"):
        meta["language"] = html_el.attrs["lang"]
    return title, meta


def parse(raw: str) -> Parsed:
    """Read a Wikipedia HTML page (see the module's documentation)."""
    require_text(raw)
    root = tree(raw)
    title, meta = _metadata(root, raw)
    reader = _Reader(raw)
    reader.block(_content(root))
    paragraphs = reader.paragraphs + reader.notes
    if not paragraphs:
        raise NoMainText(None, "holds no article text (no paragraphs in the page's content)")
    from dataclasses import replace

    paragraphs = [replace(p, index=i) for i, p in enumerate(paragraphs)]
    meta.pop("language", None)
    return Parsed(tuple(paragraphs), title=title, metadata=MappingProxyType(meta))
