"""Reader for a video page copied as text: title, date, description, then user comments.

Layout expected (as copied from a video site)::

    Title of the video
    Published 2023-08-25
    Description paragraphs...
    All Comments (21)
      • @handle
        comment text
      • a comment whose author was not copied

Rules:

* The first non-blank line is the title: :attr:`Parsed.title` and a HEADING paragraph.
* ``Published``/``Premiered``/``Streamed live on``/``Uploaded`` + date is a BODY paragraph of
  its own and ``metadata["date"]`` (ISO ``YYYY-MM-DD`` when the date can be read).
* Description paragraphs (split at blank lines) are BODY.
* Channel boilerplate is dropped, line by line:
  - a block opened by a header line ending in ``:`` that asks to subscribe, support, follow,
    or points elsewhere (``Subscribe to our YouTube channel...:``, ``Support us:``,
    ``Follow us on:``, ``Related story:``, ``Read more:``, ``Watch more:``...) runs to the
    next blank line and is dropped whole.  A related story is another article, not a claim
    of this page: its line goes to ``metadata["related_story"]``;
  - ``Website: ...``, ``Facebook: ...`` and similar profile lines, lines that are only a web
    address, lines made only of hashtags (kept in ``metadata["hashtags"]``) and the site's
    ``Show more``/``Show less`` buttons.
* ``All Comments (21)`` / ``Comments (21)`` / ``21 Comments`` is dropped; the count goes to
  ``metadata["comment_count"]``.  Everything after it is comments.
* Each comment is a COMMENT paragraph: a bullet line (``•``, ``-``, ``*``, ``●``) starts
  one.  A bullet holding only ``@handle`` gives the comment's ``label`` (the handle, ``@``
  included) and its text follows on the next lines; a bullet followed by text is a comment
  whose author is unknown (``label`` None).  Lines that are not bullets continue the
  current comment.

>>> raw = ("Why X\\nPublished 2023-08-25\\nSubscribe here:\\nsc.mp/s\\n\\nAbout X.\\n\\n"
...        "All Comments (2)\\n  • @a\\n    Nice.\\n  • Who?")
>>> doc = parse(raw)
>>> doc.title, dict(doc.metadata)
('Why X', {'date': '2023-08-25', 'comment_count': '2'})
>>> [(p.kind.value, p.label, p.text) for p in doc.paragraphs]  # doctest: +NORMALIZE_WHITESPACE
[('heading', None, 'Why X'), ('body', None, 'Published 2023-08-25'),
 ('body', None, 'About X.'), ('comment', '@a', 'Nice.'), ('comment', None, 'Who?')]
"""

from __future__ import annotations

import re
from datetime import datetime

from ..model import ParagraphKind
from . import Parsed
from ._common import Flow, Line, ParagraphSink, lines, require_text

__all__ = ["looks_like", "parse"]

_PUBLISHED = re.compile(
    r"(?i)\s*(?:published|premiered|uploaded|streamed live)(?: on)?:?\s+(?P<date>\S.*?)\s*\Z"
)
_BLOCK_HEADER = re.compile(
    r"(?i)\s*(?:subscribe\b.*|support us|follow us(?: on)?|connect with us|find us(?: on)?|"
    r"(?P<related>related stor(?:y|ies)|read more|watch more|more from .*|see also)):\s*\Z"
)
_PROFILE = re.compile(
    r"(?i)\s*(?:website|web|facebook|twitter|x|instagram|linkedin|tiktok|youtube|threads|"
    r"telegram|whatsapp|weibo|wechat|newsletter)\s*:\s*\S+\s*\Z"
)
_ADDRESS_ONLY = re.compile(r"(?i)\s*(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?\s*\Z")
_HASHTAGS = re.compile(r"\s*#\w+(?:\s+#\w+)*\s*\Z")
_BUTTONS = frozenset({"show more", "show less", "...more", "…more", "show transcript"})
_COMMENTS_HEADER = re.compile(
    r"(?i)\s*(?:(?:all\s+)?comments?\s*\((?P<n1>[\d,.]+[km]?)\)|(?P<n2>[\d,.]+[km]?)\s+comments?)\s*\Z"
)
_BULLET = re.compile(r"[ \t]*[•●▪*-][ \t]+(?=\S)")
_HANDLE = re.compile(r"@\S+")
_DATE_FORMATS = ("%Y-%m-%d", "%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%Y/%m/%d")


def _bullet_handle(text: str) -> str | None:
    """The handle of a bullet line that holds only ``@handle``, else None."""
    bullet = _BULLET.match(text)
    if bullet:
        rest = text[bullet.end() :].strip()
        if _HANDLE.fullmatch(rest):
            return rest
    return None


def _iso_date(text: str) -> str:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return text


class _Reader:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.sink = ParagraphSink(raw)
        self.metadata: dict[str, str] = {}
        self.title: str | None = None
        self.flow = Flow(raw)
        self.label: str | None = None
        self.kind = ParagraphKind.BODY

    def close(self, kind: ParagraphKind | None = None, label: str | None = None) -> None:
        """Finish the open paragraph; the next one will be of ``kind`` with ``label``."""
        self.sink.add(self.kind, self.flow, label=self.label)
        self.flow = Flow(self.raw)
        self.kind = kind or self.kind
        self.label = label

    def one_line(self, kind: ParagraphKind, line: Line) -> None:
        self.close()
        self.flow.text(line.start, line.end)
        self.sink.add(kind, self.flow)
        self.flow = Flow(self.raw)

    def description(self, all_lines: list[Line]) -> int:
        """Read title and description; returns the index of the first comment line."""
        raw = self.raw
        block = ""  # inside a boilerplate block (until a blank line): "drop" or "related"
        related: list[str] = []
        for n, line in enumerate(all_lines):
            text = line.text(raw)
            stripped = text.strip()
            if not stripped:
                self.close()
                block = ""
                continue
            if self.title is None:
                self.one_line(ParagraphKind.HEADING, line)
                self.title = stripped
                continue
            count = _COMMENTS_HEADER.match(text)
            if count:
                number = count.group("n1") or count.group("n2")
                self.metadata["comment_count"] = number.replace(",", "")
                n += 1
            if count or _bullet_handle(text) is not None:
                if related:
                    self.metadata["related_story"] = " ".join(related)
                return n
            if block:
                if block == "related":
                    related.append(stripped)
                continue
            header = _BLOCK_HEADER.match(text)
            published = _PUBLISHED.match(text)
            if header:
                self.close()
                block = "related" if header.group("related") else "drop"
            elif published and "date" not in self.metadata:
                self.metadata["date"] = _iso_date(published.group("date"))
                self.one_line(ParagraphKind.BODY, line)
            elif _HASHTAGS.match(text):
                self.close()
                self.metadata.setdefault("hashtags", " ".join(stripped.split()))
            elif (
                _PROFILE.match(text) or _ADDRESS_ONLY.match(text) or stripped.casefold() in _BUTTONS
            ):
                self.close()
            else:
                self.flow.text(line.start, line.next)
        if related:
            self.metadata["related_story"] = " ".join(related)
        return len(all_lines)

    def comments(self, rest: list[Line]) -> None:
        raw = self.raw
        self.close(ParagraphKind.COMMENT)
        for line in rest:
            text = line.text(raw)
            bullet = _BULLET.match(text)
            handle = _bullet_handle(text)
            if handle is None and not text[:1].isspace() and _HANDLE.fullmatch(text.strip()):
                handle = text.strip()  # an author line without a bullet
            if handle is not None:
                self.close(ParagraphKind.COMMENT, handle)
            elif bullet:
                self.close(ParagraphKind.COMMENT, None)
                self.flow.text(line.start + bullet.end(), line.next)
            else:
                self.flow.text(line.start, line.next)
        self.close()

    def read(self) -> Parsed:
        all_lines = lines(self.raw)
        first_comment = self.description(all_lines)
        self.comments(all_lines[first_comment:])
        return self.sink.parsed(title=self.title, metadata=self.metadata, what="page furniture")


def parse(raw: str) -> Parsed:
    """Read a video page into title, date, description and comments."""
    require_text(raw)
    return _Reader(raw).read()


def looks_like(raw: str) -> float:
    """How much ``raw`` looks like a copied video page with comments (0..1).

    >>> page = "T\\nPublished 2023-08-25\\nx\\nAll Comments (2)\\n  • @a\\n    hi\\n  • @b\\n    yo"
    >>> looks_like(page) > 0.8
    True
    >>> looks_like("= T =\\n==A==\\ntext") < 0.2
    True
    """
    sample = raw[:30000]
    score = 0.0
    if any(_COMMENTS_HEADER.match(line) for line in sample.splitlines()):
        score += 0.4
    handles = len(re.findall(r"(?m)^[ \t]*[•●▪*-][ \t]+@\S+[ \t]*$", sample))
    score += min(0.3, 0.15 * handles)
    if re.search(r"(?im)^\s*(?:published|premiered|streamed live)(?: on)?:?\s+\S", sample):
        score += 0.2
    if re.search(r"(?im)^\s*(?:subscribe\b|follow us|support us)", sample):
        score += 0.1
    return max(0.0, min(1.0, score))
