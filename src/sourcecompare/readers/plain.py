"""Reader of last resort: any text, paragraphs split at blank lines, whitespace folded.
A form feed ends a page (PDF text extraction writes one after each page), and paragraphs then
carry the page they start on, counted from 1.

Every paragraph is :attr:`~sourcecompare.model.ParagraphKind.BODY`.  Lines of a paragraph are
joined with one space (none between two CJK characters, where a line break only wrapped the
text).

>>> [p.text for p in parse("First line\\nwraps here.\\n\\n  Second.  \\n").paragraphs]
['First line wraps here.', 'Second.']
>>> parse("\\n \\n")
Traceback (most recent call last):
...
sourcecompare.errors.EmptyDocument: <text>: holds no text
"""

from __future__ import annotations

from ..model import ParagraphKind
from . import Parsed
from ._common import Flow, ParagraphSink, form_feed_pages, lines, require_text

__all__ = ["parse"]


def parse(raw: str) -> Parsed:
    """Split ``raw`` into body paragraphs at blank lines."""
    require_text(raw)
    sink = ParagraphSink(raw)
    page = form_feed_pages(raw)
    flow = Flow(raw)
    for line in lines(raw):
        if line.is_blank(raw):
            sink.add(ParagraphKind.BODY, flow, page=page)
            flow = Flow(raw)
        else:
            flow.text(line.start, line.next)
    sink.add(ParagraphKind.BODY, flow, page=page)
    return sink.parsed(what="whitespace")
