"""Reader for plain wiki text: an article copied as text, with ``= Title =`` and ``==Heading==``.

* The first line, if it is a level-1 heading (``= Title =``), is the document's title: it
  becomes :attr:`Parsed.title` and a HEADING paragraph, but not part of any section path
  (it names the document, not a section).
* ``==Heading==`` (any level 1-6, spaces optional) is a HEADING paragraph and the section of
  what follows; deeper headings nest under shallower ones.
* Lines starting with ``-``, ``*``, ``•`` or ``1.``/``1)`` (indented or not) are LIST_ITEM
  paragraphs, one per item; an indented line under an item that is not an item itself
  continues it.
* Other lines are BODY paragraphs; consecutive lines join, a blank line ends a paragraph.
* In a references section (``References``, ``Notes``...) paragraphs and items are REFERENCE.

>>> doc = parse("= T =\\n\\nLead.\\n\\n==A==\\nText\\nwraps.\\n- one\\n  - two\\n")
>>> doc.title
'T'
>>> [(p.kind.value, p.section, p.text) for p in doc.paragraphs]  # doctest: +NORMALIZE_WHITESPACE
[('heading', (), 'T'), ('body', (), 'Lead.'), ('heading', (), 'A'),
 ('body', ('A',), 'Text wraps.'), ('list-item', ('A',), 'one'), ('list-item', ('A',), 'two')]
"""

from __future__ import annotations

import re

from ..model import ParagraphKind
from . import Parsed
from ._common import Flow, ParagraphSink, Sections, is_reference_heading, lines, require_text

__all__ = ["looks_like", "parse"]

_HEADING = re.compile(r"[ \t]*(={1,6})[ \t]*(\S(?:.*?\S)?)[ \t]*\1[ \t]*\Z")
_ITEM = re.compile(r"([ \t]*)(?:[-*•]|\d{1,3}[.)])[ \t]+(?=\S)")
_WIKITEXT_MARKS = re.compile(r"\[\[|\{\{|'''|<ref|\]\(")


def parse(raw: str) -> Parsed:
    """Read plain wiki text into headings, list items and body paragraphs."""
    require_text(raw)
    sink = ParagraphSink(raw)
    sections = Sections()
    title: str | None = None
    flow = Flow(raw)
    kind = ParagraphKind.BODY
    item_indent = -1  # indentation of the open list item's marker; -1 when none is open
    in_references = False
    seen_content = False

    def close() -> None:
        nonlocal flow
        sink.add(kind, flow, section=sections.path)
        flow = Flow(raw)

    for line in lines(raw):
        text = line.text(raw)
        if line.is_blank(raw):
            close()
            item_indent = -1
            continue
        heading = _HEADING.match(text)
        if heading:
            close()
            item_indent = -1
            start = line.start + heading.start(2)
            level = len(heading.group(1))
            head = Flow(raw)
            head.text(start, line.start + heading.end(2))
            name = head.build()[0]
            if level == 1 and not seen_content and title is None:
                title = name
                sink.add(ParagraphKind.HEADING, head)
            else:
                parent = sections.enter(level, name)
                sink.add(ParagraphKind.HEADING, head, section=parent)
                in_references = is_reference_heading(name)
            kind = ParagraphKind.BODY
            seen_content = True
            continue
        seen_content = True
        item = _ITEM.match(text)
        indent = len(text) - len(text.lstrip())
        if item:
            close()
            kind = ParagraphKind.REFERENCE if in_references else ParagraphKind.LIST_ITEM
            item_indent = len(item.group(1))
            flow.text(line.start + item.end(), line.end)
            continue
        if item_indent >= 0 and indent <= item_indent:
            close()  # an unindented line after a list item starts a new paragraph
            item_indent = -1
        if item_indent < 0:
            kind = ParagraphKind.REFERENCE if in_references else ParagraphKind.BODY
        flow.text(line.start, line.next)
    close()
    return sink.parsed(title=title, what="wiki text markup")


def looks_like(raw: str) -> float:
    """How much ``raw`` looks like plain wiki text (0..1): a ``= Title =`` first line and
    ``==Heading==`` lines, without wiki or Markdown markup.

    >>> looks_like("= T =\\n\\nx\\n==A==\\ny\\n==B==\\nz") > 0.8
    True
    >>> looks_like("'''T''' is [[x]].\\n==A==\\n") < 0.3
    True
    """
    sample = raw[:20000]
    head = sample.lstrip()[:300].split("\n", 1)[0]
    score = 0.0
    first = _HEADING.match(head)
    if first and len(first.group(1)) == 1:
        score += 0.5
    headings = sum(
        1
        for m in re.finditer(r"(?m)^[ \t]*(={2,6})[^=\n].*?\1[ \t]*$", sample)
        if m.group(0).strip()
    )
    score += min(0.45, 0.2 * headings)
    if _WIKITEXT_MARKS.search(sample):
        score -= 0.5
    if re.search(r"(?m)^#{1,6} ", sample):
        score -= 0.2
    return max(0.0, min(1.0, score))
