"""An HTML tree whose every text piece knows its place in the raw HTML.

Both HTML readers walk this tree: :func:`tree` parses with the standard library's
:class:`html.parser.HTMLParser` (character references left unresolved, so each one is a piece
of its own), and :func:`flow_into` appends an element's text to a
:class:`~sourcecompare.readers._common.Flow`-like :class:`Builder` from slices of the raw
text.  A character reference (``&amp;``, ``&#8217;``) is one character standing for the
reference in raw; a tag boundary between two blocks of text becomes one space standing for the
``<`` of the tag (``offset_problems`` accepts both).

>>> raw = "<p>Tom &amp; Jerry<br>ran</p>"
>>> root = tree(raw)
>>> b = Builder(raw)
>>> flow_into(root, b)
>>> b.build()[0]
'Tom & Jerry ran'
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..model import OffsetMap
from ._build import TextBuilder

__all__ = ["BLOCK_TAGS", "Builder", "Element", "Text", "flow_into", "tree"]

#: tags whose content never is text
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe"})
#: tags that break words: text on either side never joins into one word
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div",
        "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "img",
    }
)  # fmt: skip
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_REF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")


@dataclass(eq=False)
class Text:
    """A run of text: ``raw[start:end]``; ``char`` is set for a character reference."""

    start: int
    end: int
    char: str | None = None


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    start: int
    end: int = -1
    children: list[Element | Text] = field(default_factory=list)
    parent: Element | None = None

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def has_class(self, *names: str) -> bool:
        return bool(self.classes.intersection(names))

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find(self, pred: Callable[[Element], bool]) -> Element | None:
        return next((e for e in self.iter() if pred(e)), None)

    def find_all(self, pred: Callable[[Element], bool]) -> list[Element]:
        return [e for e in self.iter() if pred(e)]

    def text(self, raw: str) -> str:
        """The element's text, references resolved, whitespace folded (for matching only)."""
        b = Builder(raw)
        flow_into(self, b)
        return b.build()[0]

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Parser(HTMLParser):
    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self._lines = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.root = Element("#root", {}, 0, len(raw))
        self.cur = self.root
        self.skip = 0

    def _pos(self) -> int:
        line, col = self.getpos()
        return self._lines[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag in SKIP_TAGS:
                self.skip += 1
            return
        if tag in ("p", "li") and self.cur.tag == tag:  # an unclosed <p>/<li> ends here
            self._close(tag)
        el = Element(tag, {k: v or "" for k, v in attrs}, self._pos(), parent=self.cur)
        self.cur.children.append(el)
        if tag in _VOID:
            el.end = el.start
        elif tag in SKIP_TAGS:
            self.skip = 1
        else:
            self.cur = el

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            return
        el = Element(tag, {k: v or "" for k, v in attrs}, self._pos(), parent=self.cur)
        el.end = el.start
        self.cur.children.append(el)

    def _close(self, tag: str) -> None:
        node: Element | None = self.cur
        while node is not None and node.tag != tag:
            node = node.parent
        if node is None:
            return  # a stray end tag
        end = self._pos()
        walk = self.cur
        while walk is not node:
            walk.end = end
            walk = walk.parent  # type: ignore[assignment]
        node.end = end
        self.cur = node.parent or self.root

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in SKIP_TAGS:
                self.skip -= 1
            return
        self._close(tag)

    def handle_data(self, data: str) -> None:
        if self.skip or not data:
            return
        start = self._pos()
        self.cur.children.append(Text(start, start + len(data)))

    def _ref(self, text: str) -> None:
        if self.skip:
            return
        start = self._pos()
        m = _REF.match(self.raw, start)
        end = m.end() if m else start + len(text)
        decoded = html.unescape(self.raw[start:end])
        if len(decoded) != 1:  # an unknown reference (kept as written) or a rare two-character one
            self.cur.children.append(Text(start, end))
        else:
            self.cur.children.append(Text(start, end, decoded))

    def handle_entityref(self, name: str) -> None:
        self._ref(name)

    def handle_charref(self, name: str) -> None:
        self._ref(name)


def tree(raw: str) -> Element:
    """Parse ``raw`` into an element tree (unclosed elements end where their parent ends)."""
    parser = _Parser(raw)
    parser.feed(raw)
    parser.close()
    for el in parser.root.iter():
        if el.end < 0:
            el.end = el.parent.end if el.parent is not None else len(raw)
    return parser.root


class Builder:
    """Paragraph text from an HTML tree: whitespace folded lazily, one space per gap."""

    __slots__ = ("_b", "_gap", "raw")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._b = TextBuilder()
        self._gap: int | None = None  # raw position a pending space would stand for

    def __len__(self) -> int:
        return len(self._b)

    def brk(self, at: int) -> None:
        """A word break (a block tag at raw ``at``): a space if more text follows."""
        if len(self._b) and self._gap is None:
            self._gap = at

    def _flush(self) -> None:
        if self._gap is not None and len(self._b):
            if self.raw[self._gap].isspace():
                self._b.take(self.raw, self._gap, self._gap + 1)
            else:
                self._b.put(" ", self._gap)
        self._gap = None

    def text(self, start: int, end: int) -> None:
        raw = self.raw
        i = start
        while i < end:
            if raw[i].isspace():
                j = i
                while j < end and raw[j].isspace():
                    j += 1
                if len(self._b) and self._gap is None:
                    self._gap = i
                i = j
                continue
            j = i
            while j < end and not raw[j].isspace():
                j += 1
            self._flush()
            self._b.take(raw, i, j)
            i = j

    def char(self, ch: str, at: int) -> None:
        """A character reference at raw ``at`` that decodes to ``ch``."""
        if not ch:
            return
        if ch.isspace():
            self.brk(at)
            return
        self._flush()
        self._b.put(ch, at)

    def build(self) -> tuple[str, OffsetMap]:
        return self._b.build()


def flow_into(
    node: Element,
    b: Builder,
    skip: Callable[[Element], bool] | None = None,
    on_element: Callable[[Element, Builder], bool] | None = None,
) -> None:
    """Append the text under ``node`` to ``b``.

    ``skip(el)`` drops an element and what it holds; ``on_element(el, b)`` may handle an
    element itself (returning True) -- to record a footnote marker, say.
    """
    for child in node.children:
        if isinstance(child, Text):
            if child.char is not None:
                b.char(child.char, child.start)
            else:
                b.text(child.start, child.end)
            continue
        if skip is not None and skip(child):
            continue
        if on_element is not None and on_element(child, b):
            continue
        block = child.tag in BLOCK_TAGS
        if block:
            b.brk(child.start)
        flow_into(child, b, skip, on_element)
        if block and child.end > child.start:
            b.brk(child.end)
