"""The wikitext reader's walk over mwparserfromhell's tree (what becomes of the markup:
:mod:`sourcecompare.readers.wikitext`, which imports this module when a text is parsed, so
that sniffing a file's format does not load the parser)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import mwparserfromhell
from mwparserfromhell.nodes import (
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.parser import ParserError
from mwparserfromhell.wikicode import Wikicode

from ..errors import ReadError
from ..model import FootnoteRef, ParagraphKind
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
)

__all__ = ["parse"]

log = logging.getLogger(__name__)

_FILE_NAMESPACES = frozenset(
    {"file", "image", "media", "文件", "檔案", "档案", "图像", "圖像", "媒體", "媒体", "ファイル"}
)
_INTERLANGUAGE = re.compile(r"[a-z]{2,3}(?:-[a-z]{2,8})*:[^:]")
_FILE_OPTION = re.compile(
    r"(?i)(?:thumb|thumbnail|frame|framed|frameless|border|left|right|center|centre|none|"
    r"upright(?:[ =]?[\d.]+)?|baseline|sub|super|top|text-top|middle|bottom|text-bottom|"
    r"\d*(?:x\d+)?\s*(?:px|像素)|(?:alt|link|page|class|lang|upright|thumb|thumbnail)\s*=.*|"
    r"缩略图|縮圖|左|右|居中|无|無|有框|无框|無框|边框|邊框)"
)
_LAYOUT_PARAM = re.compile(
    r"(?i)(?:^|[_\s-])(?:image|img|imagesize|image_size|map|mapsize|logo|flag|seal|signature|"
    r"alt|width|size|upright|style|class|float|pushpin|colou?r|bgcolou?r|border)(?:\d*$|[_\s-])"
)
_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_MAGIC = re.compile(r"__[A-Z]+__")
_ADDRESS = re.compile(r"(?i)(?:https?:|ftp:)?//\S")
#: templates that display one of their parameters as text: name -> that parameter
_TEXT_TEMPLATES = {
    "lang": "2",
    "le": "1",
    "ill": "1",
    "tsl": "3",
    "nowrap": "1",
    "nobr": "1",
    "nihongo": "1",
}
_TEXT_TEMPLATE_PATTERNS = (re.compile(r"link-[a-z]{2,3}"), re.compile(r"lang-[a-z]{2,3}"))
#: tags whose contents are not article text
_DROP_TAGS = frozenset(
    {
        "gallery",
        "math",
        "chem",
        "ce",
        "timeline",
        "imagemap",
        "graph",
        "mapframe",
        "maplink",
        "templatedata",
        "templatestyles",
        "score",
        "syntaxhighlight",
        "source",
        "style",
        "script",
        "includeonly",
        "inputbox",
        "categorytree",
    }
)
#: tags that stand apart from the text around them
_BLOCK_TAGS = frozenset(
    {"div", "p", "blockquote", "center", "table", "tr", "ul", "ol", "li", "dl", "pre", "caption"}
)


@dataclass
class _Para:
    """A paragraph being read."""

    kind: ParagraphKind
    flow: Flow
    section: tuple[str, ...]
    line_scoped: bool = False  # ends at the next line break (list items)
    breakable: bool = True  # a blank line ends it (not so inside refs, headings, infoboxes)
    label: str | None = None
    links: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    refs: list[FootnoteRef] = field(default_factory=list)


def _template_name(node: Template) -> str:
    return " ".join(str(node.name).replace("_", " ").split()).casefold()


def _params(node: Template, pos: int) -> list[tuple[str, Wikicode, int]]:
    """(name, value, position of the value in raw) for each parameter of a template."""
    out: list[tuple[str, Wikicode, int]] = []
    at = pos + 2 + len(str(node.name)) + 1
    for param in node.params:
        name = str(param.name)
        value_at = at + (len(name) + 1 if param.showkey else 0)
        out.append((name.strip(), param.value, value_at))
        at += len(str(param)) + 1
    return out


def _contents_pos(node: Tag, pos: int, s: str) -> int | None:
    """Where a tag's contents start in raw, or None if it has none."""
    if node.contents is None or node.self_closing:
        return None
    contents = str(node.contents)
    if node.wiki_markup:
        close = node.closing_wiki_markup or ""
    else:
        close = "</" + str(node.closing_tag) + ">"
    return pos + len(s) - len(close) - len(contents)


def _attr(node: Tag, name: str) -> str | None:
    if node.has(name):
        return str(node.get(name).value).strip().strip("\"'").strip() or None
    return None


class _Reader:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        # the parser drops NUL characters; it reads a copy where they are U+FFFD (same length)
        self.src = raw.replace("\x00", "\ufffd")
        self.sink = ParagraphSink(raw)
        self.sections = Sections()
        self.in_references = False
        self.categories: list[str] = []
        self.deferred: list[_Para] = []
        self.notes: dict[str, _Para] = {}  # reference contents not yet placed, by label
        self.ref_names: dict[str, str] = {}
        self.ref_count = 0
        self.cur = self.new(ParagraphKind.BODY)

    # -- paragraphs --------------------------------------------------------------------------

    def new(
        self,
        kind: ParagraphKind,
        *,
        line_scoped: bool = False,
        breakable: bool = True,
        label: str | None = None,
    ) -> _Para:
        """A paragraph in the current section (body and items in references are REFERENCE)."""
        if self.in_references and kind in (ParagraphKind.BODY, ParagraphKind.LIST_ITEM):
            kind = ParagraphKind.REFERENCE
        return _Para(
            kind,
            Flow(self.raw),
            self.sections.path,
            line_scoped=line_scoped,
            breakable=breakable,
            label=label,
        )

    def emit(self, p: _Para, section: tuple[str, ...] | None = None) -> None:
        self.sink.add(
            p.kind,
            p.flow,
            section=p.section if section is None else section,
            links=p.links,
            urls=p.urls,
            label=p.label,
            footnote_refs=p.refs,
        )

    def end(self) -> None:
        """Finish the current paragraph (and anything waiting for it); start a body one."""
        self.emit(self.cur)
        for p in self.deferred:
            self.emit(p)
        self.deferred.clear()
        self.cur = self.new(ParagraphKind.BODY)

    def defer(self, p: _Para) -> None:
        """Emit a paragraph found inside the current one once the current one is done."""
        if self.cur.flow:
            self.deferred.append(p)
        else:
            self.emit(p)

    def inside(self, p: _Para, code: Wikicode, pos: int) -> _Para:
        """Read ``code`` into ``p`` instead of the current paragraph."""
        saved, self.cur = self.cur, p
        try:
            self.walk(code, pos, block=False)
        finally:
            self.cur = saved
        return p

    # -- walking -----------------------------------------------------------------------------

    def walk(self, code: Wikicode, pos: int, block: bool) -> None:
        for node in code.nodes:
            s = str(node)
            if not self.src.startswith(s, pos):
                raise ReadError(None, f"wikitext parser lost its place at offset {pos}")
            self.node(node, pos, s, block)
            pos += len(s)

    def node(self, node: Node, pos: int, s: str, block: bool) -> None:
        if isinstance(node, Text):
            at = 0
            for m in _MAGIC.finditer(s):
                self.text(pos + at, pos + m.start(), block)
                at = m.end()
            self.text(pos + at, pos + len(s), block)
        elif isinstance(node, Wikilink):
            self.wikilink(node, pos)
        elif isinstance(node, ExternalLink):
            self.external_link(node, pos, s)
        elif isinstance(node, Template):
            self.template(node, pos, block)
        elif isinstance(node, Tag):
            self.tag(node, pos, s, block)
        elif isinstance(node, Heading):
            self.heading(node, pos)
        elif isinstance(node, HTMLEntity):
            if s.casefold() == "&amp;":
                self.cur.flow.take(pos, pos + 1)
            else:
                self.cur.flow.text(pos, pos + len(s))
        # comments, template arguments: nothing

    def text(self, start: int, end: int, block: bool) -> None:
        if not block:
            self.cur.flow.text(start, end)
            return
        at = start
        for m in _BREAK.finditer(self.raw, start, end):
            self.cur.flow.text(at, m.start())
            at = m.end()
            if self.cur.line_scoped:
                self.end()
                continue
            nxt = _BREAK.search(self.raw, at, end)
            if self.cur.breakable and nxt and not self.raw[at : nxt.start()].strip():
                self.end()  # a blank line
            else:
                self.cur.flow.gap(m.start(), m.end())
        self.cur.flow.text(at, end)

    def heading(self, node: Heading, pos: int) -> None:
        self.end()
        head = self.inside(
            _Para(ParagraphKind.HEADING, Flow(self.raw), (), breakable=False),
            node.title,
            pos + node.level,
        )
        title = head.flow.build()[0]
        if title:
            self.emit(head, self.sections.enter(node.level, title))
            self.in_references = is_reference_heading(title)
        self.cur = self.new(ParagraphKind.BODY)

    def wikilink(self, node: Wikilink, pos: int) -> None:
        title = str(node.title)
        target = title.strip()
        namespace, colon, _ = target.partition(":")
        if colon and namespace.strip().casefold() in _FILE_NAMESPACES:
            if node.text is not None:
                self.caption(node.text, pos + 2 + len(title) + 1)
            return
        page = page_name(target)
        if not target.startswith(":"):
            category = category_name(page)
            if category is not None:
                self.categories.append(category)
                return
            if node.text is None and _INTERLANGUAGE.match(target):
                return
        if page:
            self.cur.links.append(page)
        if node.text is not None:
            self.walk(node.text, pos + 2 + len(title) + 1, block=False)
        else:
            self.walk(node.title, pos + 2, block=False)

    def caption(self, text: Wikicode, pos: int) -> None:
        """Read the caption of a file link: the part after its last top-level ``|``."""
        nodes = list(text.nodes)
        starts: list[int] = []
        at = pos
        for n in nodes:
            starts.append(at)
            at += len(str(n))
        cut_node, cut_pos = 0, pos
        for k, n in enumerate(nodes):
            if isinstance(n, Text) and "|" in n.value:
                cut_node, cut_pos = k, starts[k] + n.value.rindex("|") + 1
        if not self.raw[cut_pos:at].strip() or _FILE_OPTION.fullmatch(self.raw[cut_pos:at].strip()):
            return
        saved, self.cur = self.cur, self.new(ParagraphKind.CAPTION, breakable=False)
        p = self.cur
        try:
            if nodes:
                first = nodes[cut_node]
                if isinstance(first, Text):
                    self.text(cut_pos, starts[cut_node] + len(first.value), block=False)
                else:
                    self.node(first, starts[cut_node], str(first), block=False)
                for k in range(cut_node + 1, len(nodes)):
                    self.node(nodes[k], starts[k], str(nodes[k]), block=False)
        finally:
            self.cur = saved
        self.defer(p)

    def external_link(self, node: ExternalLink, pos: int, s: str) -> None:
        url = str(node.url)
        if url.strip():
            self.cur.urls.append(url.strip())
        if not node.brackets:
            self.cur.flow.text(pos, pos + len(s))
        elif node.title is not None and str(node.title).strip():
            space = 0 if node.suppress_space else 1
            self.walk(node.title, pos + 1 + len(url) + space, block=False)
        elif self.cur.kind is ParagraphKind.REFERENCE:
            self.cur.flow.text(pos + 1, pos + 1 + len(url))

    def template(self, node: Template, pos: int, block: bool) -> None:
        name = _template_name(node)
        params = _params(node, pos)
        if name.startswith("infobox"):
            for key, value, at in params:
                if not key or _LAYOUT_PARAM.search(key) or not str(value).strip():
                    continue
                p = self.new(ParagraphKind.INFOBOX, breakable=False, label=key)
                self.defer(self.inside(p, value, at))
            return
        shown = _TEXT_TEMPLATES.get(name)
        if shown is None and any(rx.fullmatch(name) for rx in _TEXT_TEMPLATE_PATTERNS):
            shown = "1"
        if shown is not None:
            for key, value, at in params:
                if key == shown:
                    self.walk(value, at, block=False)
            return
        if self.cur.kind is ParagraphKind.REFERENCE and (
            name.startswith("cite") or name == "citation"
        ):
            self.citation(params)

    def citation(self, params: list[tuple[str, Wikicode, int]]) -> None:
        titled = False
        for key, value, at in params:
            if key.casefold() == "title" and str(value).strip():
                self.walk(value, at, block=False)
                titled = True
        for key, value, at in params:
            address = str(value).strip()
            if "url" in key.casefold() and _ADDRESS.match(address):
                self.cur.urls.append(address)
                if not titled and key.casefold() == "url":
                    self.walk(value, at, block=False)
                    titled = True

    def tag(self, node: Tag, pos: int, s: str, block: bool) -> None:
        name = str(node.tag).strip().casefold()
        markup = node.wiki_markup
        contents_at = _contents_pos(node, pos, s)
        if name == "ref":
            self.ref(node, pos, s, contents_at)
        elif name == "references":
            self.end()
            if contents_at is not None:
                self.walk(node.contents, contents_at, block=False)
            self.place_notes(self.sections.path)
        elif markup in ("*", "#", ";", ":"):
            if not self.cur.line_scoped:
                self.end()
                kind = ParagraphKind.LIST_ITEM if markup in "*#" else ParagraphKind.BODY
                self.cur = self.new(kind, line_scoped=True)
        elif name == "hr":
            self.end()
        elif name in _DROP_TAGS or contents_at is None:
            return
        elif name in _BLOCK_TAGS and block:
            self.end()
            self.walk(node.contents, contents_at, block=True)
            self.end()
        else:
            self.walk(node.contents, contents_at, block=block)

    def ref(self, node: Tag, pos: int, s: str, contents_at: int | None) -> None:
        name = _attr(node, "name")
        label = self.ref_names.get(name) if name else None
        known = label is not None
        if label is None:
            self.ref_count += 1
            label = str(self.ref_count)
            if name:
                self.ref_names[name] = label
        self.cur.refs.append(FootnoteRef(label, len(self.cur.flow), pos, pos + len(s)))
        if contents_at is None or not str(node.contents).strip():
            return
        if known and label in self.notes:
            return  # the contents were given already
        note = self.inside(
            _Para(ParagraphKind.REFERENCE, Flow(self.raw), (), breakable=False, label=label),
            node.contents,
            contents_at,
        )
        self.notes[label] = note

    def place_notes(self, section: tuple[str, ...]) -> None:
        for label in sorted(self.notes, key=int):
            self.emit(self.notes[label], section)
        self.notes.clear()

    def read(self) -> Parsed:
        try:
            code = mwparserfromhell.parse(self.src)
        except (ParserError, RecursionError) as exc:
            raise ReadError(None, f"not readable as wikitext: {exc}") from exc
        if str(code) != self.src:
            raise ReadError(None, "wikitext parser did not give back the text it read")
        self.walk(code, 0, block=True)
        self.end()
        self.place_notes(())
        metadata = {}
        if self.categories:
            metadata["categories"] = CATEGORY_SEPARATOR.join(dict.fromkeys(self.categories))
        return self.sink.parsed(metadata=metadata, what="wikitext markup")


def parse(raw: str) -> Parsed:
    """Read MediaWiki wikitext into paragraphs."""
    require_text(raw)
    return _Reader(raw).read()
