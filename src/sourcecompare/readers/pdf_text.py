"""Reader for text extracted from a PDF paper (``pdftotext``-style output).

Such text keeps the page layout and loses the structure: lines are hard-wrapped (and here
separated by blank lines), each page ends with its footnotes after a rule, running headers and
page numbers sit between pages, and footnote markers are glued to the words they follow
(``Thailand.1 NGO``).  This reader rebuilds paragraphs and footnotes from that evidence; every
character of every paragraph still maps back to ``raw``.

The rules, in the order they apply:

*Lines.*  Text is split on ``\\n``.  A line holding only whitespace is *blank* (ignored, the
extractor's line spacing), unless it is at least 16 characters long or is a run of underscores:
then it is the *rule* above a page's footnotes.  A form feed marks a page break.

*Furniture.*  A line that is only a page number (``8``) or a running date (``2024/07``), or a
short line repeated three times or more after the title block (a running header), is dropped;
it marks a page break.

*Title block.*  The lines before the first heading (at most 12 text lines of at most 100
characters) are the title block: the title (``Parsed.title``, a HEADING paragraph), a volume
line (``Vol. 33, No. 1. 2024. 199~235`` -> metadata ``volume``, ``issue``, ``date``,
``pages``) and an author line (metadata ``author``), the last two as INFOBOX paragraphs.  A
symbol-font (private-use) or ``*`` mark after the author's name is recorded as a footnote
reference labelled ``*``.

*Headings.*  ``I. Introduction`` (Roman numeral and a dot: level 1), ``1) Early ad hoc
resettlement`` (number and parenthesis: level 2) and the named headings ``Abstract``,
``Introduction``, ``Conclusion``, ``References``... (level 1), when short, not ending in a comma,
semicolon or full stop, and not inside a paragraph (the line before ends a sentence).  As in
every reader, a paragraph's ``section`` is the path of the headings above it (a heading's own
section is its parents' path).

*Footnotes.*  After a rule, a line ``N text`` starts footnote ``N`` when ``N`` is above the last
footnote number and is the next number, or a marker with that number has already been seen in
the body.  Lines that follow, not indented and not starting a footnote, continue it -- also at
the top of the next page's footnotes (a footnote running over a page).  The body resumes at an
indented line or after page furniture.  Outside a footnote area, a line ``N Text`` (capital
after the number) whose ``N`` is above the last footnote number and not above the last marker
seen is a footnote the extractor left without its rule.  FOOTNOTE paragraphs come after the
body, in footnote-number order; ``label`` is the number (not in the text), ``urls`` the web
addresses in it, ``section`` that of the paragraph holding its marker.

*Markers.*  A run of 1-3 digits glued to the end of a word or to closing punctuation
(``Korea.28``, ``Miyatsuka,4``, ``‘refugees’9``, ``(1959-61).27``) and followed by whitespace or
the end of the line is a candidate.  Markers run in sequence, so a candidate is taken when it is
the next number, or (after a letter or punctuation, not after a digit) at most three beyond it.
Digits after a hyphen, slash or bracket never are (``60-90``, ``1(2)``), a three-digit group
after ``digit,`` never is (``93,340``), and after ``digit.`` only the exact next number is
(``1959-1984.121``).  A marker is cut from the text (the whitespace around it folds into one
space) and kept as a :class:`FootnoteRef` at the place it stood.

*Paragraphs.*  Consecutive body lines join with one space, also across a page's footnotes.  A
paragraph ends after a line that ends a sentence (``.``, ``?`` or ``!``, maybe followed by
closing quotes or brackets, then maybe a marker) when the extractor left two or more trailing
spaces on it (its sign of a paragraph end), or when the line stopped short: the next line's
first word would have fit with 7% of the text width to spare (twice that for a paragraph's
indented first line; the text width is the 90th percentile of body line lengths), or the next
line, which runs on, is itself that short -- the indented first line of a new paragraph.
Character counts of proportional type are rough, so an ending that none of these show is read
as running on.

*Hyphens.*  A line ending in a hyphen glued to a word joins the next line without a space.  The
hyphen is kept when either side is not a plain word (digits, a URL: ``2017-2020``,
``eus-role-implementing``), when the next part is capitalised (``Congressional-Executive``), or
when the hyphenated form occurs elsewhere in the document; it is dropped when the joined word
occurs elsewhere in the document (``resettle-`` + ``ment`` -> ``resettlement``) or the next part
is a bare suffix (``-ment``, ``-tion``, ``-ing``...).  Otherwise it is kept: a hyphen at a line
end is taken as real (``English-language``, ``co-ethnicity``).

>>> raw = (
...     "I. Introduction\\n\\nJapan took in escapees from China and Thailand.1 Most came\\n"
...     "in the early 1990s.2  \\n\\nA second paragraph.\\n"
...     + " " * 40 + "\\n1 An interview.\\n\\n2 See https://example.org/x.\\n"
... )
>>> parsed = parse(raw)
>>> [(p.kind.value, p.label, p.text) for p in parsed.paragraphs]  # doctest: +NORMALIZE_WHITESPACE
[('heading', None, 'I. Introduction'),
 ('body', None, 'Japan took in escapees from China and Thailand. Most came in the early 1990s.'),
 ('body', None, 'A second paragraph.'),
 ('footnote', '1', 'An interview.'),
 ('footnote', '2', 'See https://example.org/x.')]
>>> body = parsed.paragraphs[1]
>>> [(r.label, body.text[r.position - 6 : r.position], raw[r.raw_start])
...  for r in body.footnote_refs]
[('1', 'iland.', '1'), ('2', '1990s.', '2')]
>>> parsed.paragraphs[4].urls, parsed.paragraphs[4].section
(('https://example.org/x',), ('I. Introduction',))
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from types import MappingProxyType

from ..errors import EmptyDocument
from ..model import FootnoteRef, OffsetMap, Paragraph, ParagraphKind
from . import Parsed
from ._build import TextBuilder, collapse_whitespace, cut
from ._common import first_page, form_feed_pages

__all__ = ["looks_like", "parse"]

log = logging.getLogger(__name__)

#: a whitespace-only line at least this long is the rule above a page's footnotes
_RULE_MIN = 16
_UNDERSCORE_RULE = re.compile(r"[_\u2014\u2015\u2500]{5,}")
_PAGE_NUMBER = re.compile(r"\d{1,4}")
_RUNNING_DATE = re.compile(r"(?:19|20)\d\d\s*/\s*\d{1,2}")
_ROMAN_HEADING = re.compile(r"[IVX]{1,6}\.\s+\S.*")
_NUMBER_HEADING = re.compile(r"\d{1,2}\)\s+[A-Z].*")
_NAMED_HEADINGS = frozenset(
    {
        "abstract",
        "introduction",
        "conclusion",
        "conclusions",
        "references",
        "bibliography",
        "acknowledgements",
        "acknowledgments",
        "notes",
    }
)
_HEADING_MAX = 80
_NOTE_START = re.compile(r"(\d{1,3})[ \t]+(?=\S)")
_VOLUME = re.compile(r"\bVol(?:ume)?\.?\s*(\d+)", re.IGNORECASE)
_ISSUE = re.compile(r"\bNo\.?\s*(\d+)", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_PAGES = re.compile(r"(\d+)\s*[~\-\u2013]\s*(\d+)\s*$")
_AUTHOR = re.compile(
    r"(?P<name>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){1,4})\s*(?P<mark>[\ue000-\uf8ff*\u2020\u2021]*)"
)
_SENTENCE_END = re.compile(r"[.?!][\"'\u2019\u201d)\]]*$")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_URL_TRAIL = ".,;:)]}\"'\u2019\u201d"
_CLOSERS = frozenset(".,;:!?\"')]\u2019\u201d")
_SUFFIXES = frozenset(
    {
        "ment", "ments", "tion", "tions", "sion", "sions", "ness", "ing", "ings", "ity",
        "ities", "ance", "ence", "able", "ible", "ous", "ive", "ly", "ed", "er", "ers",
        "est", "ism", "ist", "ists", "al", "ally", "ial", "ical", "ation", "ations",
    }
)  # fmt: skip
#: how far beyond the next expected number a marker may jump (markers the extractor lost)
_MARKER_SKIP = 3
_TOP_LINES = 12
_TOP_WIDTH = 100
_SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS, "0123456789")
_SOFT_HYPHEN = "\u00ad"
#: a line is short when the next word would fit with this share of the text width to spare
#: (character counts of full lines of proportional type vary by about that much)
_SHORT_MARGIN = 0.07


@dataclass(frozen=True, slots=True)
class _Line:
    """One line of raw: ``start``/``end`` bound it (newline excluded), ``lo``/``hi`` its text."""

    start: int
    end: int
    lo: int
    hi: int

    @property
    def blank(self) -> bool:
        return self.lo >= self.hi

    @property
    def width(self) -> int:
        return self.hi - self.lo

    @property
    def indent(self) -> int:
        return self.lo - self.start

    @property
    def trailing(self) -> int:
        return self.end - self.hi


@dataclass(frozen=True, slots=True)
class _Marker:
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class _BodyLine:
    line: _Line
    markers: tuple[_Marker, ...] = ()


@dataclass(frozen=True, slots=True)
class _Heading:
    line: _Line
    level: int


@dataclass(slots=True)
class _Note:
    """A footnote being collected (mutable while the scan runs): its number, where its text
    starts, and its lines."""

    label: int
    text_start: int
    lines: list[_Line] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Layout:
    """What the line scan found: the body in reading order and the footnotes by number."""

    body: tuple[_BodyLine | _Heading, ...]
    notes: tuple[_Note, ...]


def _split_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    start = 0
    size = len(raw)
    while start <= size:
        nl = raw.find("\n", start)
        end = size if nl < 0 else nl
        text = raw[start:end]
        lo = start + len(text) - len(text.lstrip())
        hi = start + len(text.rstrip())
        lines.append(_Line(start, end, lo, max(lo, hi)))
        if nl < 0:
            break
        start = nl + 1
    return lines


def _is_rule(raw: str, line: _Line) -> bool:
    if line.blank:
        return line.end - line.start >= _RULE_MIN
    return _UNDERSCORE_RULE.fullmatch(raw, line.lo, line.hi) is not None


def _named_level(text: str) -> int:
    """The level of a heading recognised from its text alone (0: not a heading)."""
    if len(text) > _HEADING_MAX or text.endswith((",", ";", ".")):
        return 0
    if text.lower() in _NAMED_HEADINGS:
        return 1
    if _ROMAN_HEADING.fullmatch(text):
        return 1
    if _NUMBER_HEADING.fullmatch(text):
        return 2
    return 0


def _sentence_end(raw: str, line: _Line, markers: Sequence[_Marker]) -> bool:
    """Whether ``line`` ends a sentence (a trailing footnote marker set aside)."""
    hi = line.hi
    if markers and markers[-1].end == hi:
        hi = markers[-1].start
    return _SENTENCE_END.search(raw[max(line.lo, hi - 8) : hi]) is not None


class _Scanner:
    """Walks the lines once, in reading order, sorting them into body, headings and notes."""

    def __init__(self, raw: str, lines: Sequence[_Line], top: int) -> None:
        self.raw = raw
        self.lines = lines
        self.top = top
        self.body: list[_BodyLine | _Heading] = []
        self.notes: dict[int, _Note] = {}
        self.current: _Note | None = None
        self.last_label = 0
        self.next_marker = 1
        self.max_marker = 0
        self.in_notes = False
        self.furniture = self._repeated_lines()

    def _repeated_lines(self) -> frozenset[str]:
        counts = Counter(
            self.raw[line.lo : line.hi]
            for line in self.lines[self.top :]
            if not line.blank and line.width <= 60
        )
        return frozenset(
            text
            for text, n in counts.items()
            if n >= 3 and not _named_level(text) and not _SENTENCE_END.search(text)
        )

    def _is_furniture(self, text: str) -> bool:
        return bool(
            _PAGE_NUMBER.fullmatch(text) or _RUNNING_DATE.fullmatch(text) or text in self.furniture
        )

    def run(self) -> _Layout:
        raw = self.raw
        for line in self.lines[self.top :]:
            if _is_rule(raw, line):
                self.in_notes = True
                continue
            if line.blank:
                continue
            if "\f" in raw[line.start : line.lo]:
                self.in_notes = False  # a new page
            text = raw[line.lo : line.hi]
            if self._is_furniture(text):
                self.in_notes = False  # between pages: the next page's body follows
                continue
            if self.in_notes:
                label = self._note_label(line, in_notes=True)
                if label:
                    self._start_note(line, label)
                    continue
                if line.indent == 0 and self.current is not None:
                    self.current.lines.append(line)
                    continue
                self.in_notes = False
            label = self._note_label(line, in_notes=False)
            if label:
                self.in_notes = True
                self._start_note(line, label)
                continue
            level = self._heading_level(text)
            if level:
                self.body.append(_Heading(line, level))
                continue
            self.body.append(_BodyLine(line, self._markers(line)))
        notes = tuple(self.notes[k] for k in sorted(self.notes))
        return _Layout(tuple(self.body), notes)

    def _heading_level(self, text: str) -> int:
        level = _named_level(text)
        if not level:
            return 0
        prev = self.body[-1] if self.body else None
        if isinstance(prev, _BodyLine) and not _sentence_end(self.raw, prev.line, prev.markers):
            return 0  # a numbered line inside a running paragraph
        return level

    def _note_label(self, line: _Line, *, in_notes: bool) -> int:
        m = _NOTE_START.match(self.raw, line.lo, line.hi)
        if not m:
            return 0
        n = int(m.group(1))
        if n <= self.last_label:
            return 0
        if in_notes:
            ok = n == self.last_label + 1 or n <= self.max_marker or self.max_marker == 0
            return n if ok else 0
        after = self.raw[m.end()]
        if n <= self.max_marker and (after.isupper() or after in "\u201c\u2018\"'"):
            return n
        return 0

    def _start_note(self, line: _Line, label: int) -> None:
        m = _NOTE_START.match(self.raw, line.lo, line.hi)
        text_start = m.end() if m else line.lo
        note = _Note(label, text_start, [line])
        self.notes[label] = note
        self.current = note
        self.last_label = label

    def _markers(self, line: _Line) -> tuple[_Marker, ...]:
        raw = self.raw
        found: list[_Marker] = []
        pos = line.lo + 1
        while pos < line.hi:
            ch = raw[pos]
            if ch in _SUPERSCRIPTS and not raw[pos - 1].isspace():
                end = pos
                while end < line.hi and raw[end] in _SUPERSCRIPTS:
                    end += 1
                self._take(found, pos, end, int(raw[pos:end].translate(_FROM_SUPERSCRIPT)))
                pos = end
                continue
            if not _is_ascii_digit(ch) or _is_ascii_digit(raw[pos - 1]):
                pos += 1
                continue
            end = pos
            while end < line.hi and _is_ascii_digit(raw[end]):
                end += 1
            if self._is_marker(pos, end, line.hi):
                self._take(found, pos, end, int(raw[pos:end]))
            pos = end
        return tuple(found)

    def _take(self, found: list[_Marker], start: int, end: int, n: int) -> None:
        if n != self.next_marker:
            log.debug("footnote marker %d where %d was expected", n, self.next_marker)
        found.append(_Marker(start, end, str(n)))
        self.next_marker = n + 1
        self.max_marker = max(self.max_marker, n)

    def _is_marker(self, start: int, end: int, hi: int) -> bool:
        raw = self.raw
        if end - start > 3 or (end < hi and not raw[end].isspace()):
            return False
        n = int(raw[start:end])
        if n < self.next_marker or n > self.next_marker + _MARKER_SKIP:
            return False
        prev = raw[start - 1]
        if prev.isalpha():
            k = start - 1
            while k > 0 and raw[k - 1].isalpha():
                k -= 1
            return start - k >= 2 and (n == self.next_marker or prev.islower())
        if prev not in _CLOSERS:
            return False
        if prev in ".," and start >= 2 and _is_ascii_digit(raw[start - 2]):
            if prev == "," and end - start == 3:
                return False  # a thousands group: 93,340
            return n == self.next_marker
        return True


def _is_ascii_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def _top_block(raw: str, lines: Sequence[_Line]) -> int:
    """Index of the first line after the title block (0 when there is none).

    The title block is at most 12 text lines, none longer than 100 characters, before the
    first heading.
    """
    seen = 0
    for i, line in enumerate(lines):
        if line.blank:
            continue
        if _named_level(raw[line.lo : line.hi]):
            return i if seen else 0
        seen += 1
        if seen > _TOP_LINES or line.width > _TOP_WIDTH:
            return 0
    return 0


@dataclass(frozen=True, slots=True)
class _Built:
    """A paragraph before it gets its index."""

    kind: ParagraphKind
    text: str
    offsets: OffsetMap
    section: tuple[str, ...] = ()
    label: str | None = None
    refs: tuple[FootnoteRef, ...] = ()


def _title_block(
    raw: str, lines: Sequence[_Line]
) -> tuple[list[_Built], str | None, dict[str, str]]:
    built: list[_Built] = []
    meta: dict[str, str] = {}
    title = TextBuilder()
    for line in lines:
        if line.blank:
            continue
        text = raw[line.lo : line.hi]
        vol = _VOLUME.search(text)
        author = _AUTHOR.fullmatch(text) if len(title) else None
        if vol:
            meta["volume"] = vol.group(1)
            if issue := _ISSUE.search(text):
                meta["issue"] = issue.group(1)
            if year := _YEAR.search(text):
                meta["date"] = year.group(0)
            if pages := _PAGES.search(text):
                meta["pages"] = f"{pages.group(1)}-{pages.group(2)}"
            b = TextBuilder()
            collapse_whitespace(raw, line.lo, line.hi, b)
            built.append(_Built(ParagraphKind.INFOBOX, *b.build()))
        elif author and len(text.split()) <= 6:
            name_end = line.lo + author.end("name")
            b = TextBuilder()
            collapse_whitespace(raw, line.lo, name_end, b)
            refs: tuple[FootnoteRef, ...] = ()
            if author.group("mark"):
                refs = (FootnoteRef("*", len(b), name_end, line.lo + author.end("mark")),)
            text_, offsets = b.build()
            meta["author"] = text_
            built.append(_Built(ParagraphKind.INFOBOX, text_, offsets, refs=refs))
        elif not meta:
            if len(title):
                title.put(" ", line.start - 1)
            collapse_whitespace(raw, line.lo, line.hi, title)
        else:
            b = TextBuilder()
            collapse_whitespace(raw, line.lo, line.hi, b)
            built.append(_Built(ParagraphKind.INFOBOX, *b.build()))
    if not len(title):
        return built, None, meta
    text, offsets = title.build()
    return [_Built(ParagraphKind.HEADING, text, offsets), *built], text, meta


class _Joiner:
    """Joins wrapped lines into one text, mending hyphens (see the module's rules)."""

    def __init__(self, raw: str, vocabulary: frozenset[str]) -> None:
        self.raw = raw
        self.vocabulary = vocabulary
        self.builder = TextBuilder()
        self.refs: list[FootnoteRef] = []
        self.hyphen: int | None = None  # raw position of a line-end hyphen not yet decided
        self.last: _Line | None = None

    def __len__(self) -> int:
        return len(self.builder)

    def add(self, line: _Line, start: int, markers: Sequence[_Marker] = ()) -> None:
        """Append ``raw[start:line.hi]`` without its markers, joined to the previous line."""
        raw, b = self.raw, self.builder
        if self.last is not None:
            if self.hyphen is not None:
                if self._keep_hyphen(self.hyphen, start):
                    b.take(raw, self.hyphen, self.hyphen + 1)
            elif raw[self.last.hi] == " ":
                b.take(raw, self.last.hi, self.last.hi + 1)
            else:
                b.put(" ", self.last.hi)
        self.hyphen = None
        hi = line.hi
        glued = hi - 2 >= start and not raw[hi - 2].isspace()
        if glued and raw[hi - 1] in "-" + _SOFT_HYPHEN and not (markers and markers[-1].end == hi):
            self.hyphen = hi - 1
            hi -= 1
        pos = start
        for mk in markers:
            collapse_whitespace(raw, pos, mk.start, b)
            self.refs.append(FootnoteRef(mk.label, len(b), mk.start, mk.end))
            pos = mk.end
        collapse_whitespace(raw, pos, hi, b)
        self.last = line

    def _keep_hyphen(self, at: int, nxt: int) -> bool:
        raw = self.raw
        if raw[at] == _SOFT_HYPHEN:
            return False
        k = at
        while k > 0 and not raw[k - 1].isspace():
            k -= 1
        before_token = raw[k:at]
        m = re.match(r"[^\W\d_]+", raw[nxt : nxt + 60])
        before = re.search(r"[^\W\d_]+$", before_token)
        if not m or not before or before.end() != len(before_token) or "/" in before_token:
            return True  # digits, a URL, punctuation: a real hyphen
        after_word = m.group(0)
        after_end = nxt + m.end()
        if after_end < len(raw) and (raw[after_end].isdigit() or raw[after_end] == "/"):
            return True
        if after_word[0].isupper():
            return True
        left, right = before.group(0).lower(), after_word.lower()
        if f"{left}-{right}" in self.vocabulary:
            return True
        return not (left + right in self.vocabulary or right in _SUFFIXES)

    def finish(self) -> tuple[str, OffsetMap, tuple[FootnoteRef, ...]]:
        if self.hyphen is not None:
            self.builder.take(self.raw, self.hyphen, self.hyphen + 1)
            self.hyphen = None
        text, offsets = self.builder.build()
        right = len(text.rstrip())
        refs = tuple(
            FootnoteRef(r.label, min(r.position, right), r.raw_start, r.raw_end) for r in self.refs
        )
        if right < len(text):
            text, offsets = cut(text, offsets, 0, right)
        return text, offsets, refs


def _vocabulary(raw: str) -> frozenset[str]:
    words: set[str] = set()
    for m in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", raw):
        word = m.group(0).lower()
        words.add(word)
        if "-" in word:
            parts = word.split("-")
            words.update(f"{a}-{b}" for a, b in pairwise(parts))
    return frozenset(words)


def _text_width(raw: str, body: Sequence[_BodyLine | _Heading]) -> int:
    widths = sorted(item.line.width for item in body if isinstance(item, _BodyLine))
    if not widths:
        return 0
    return widths[min(len(widths) - 1, int(len(widths) * 0.9))]


def _first_word(raw: str, line: _Line) -> int:
    k = line.lo
    while k < line.hi and not raw[k].isspace():
        k += 1
    return k - line.lo


class _BodyAssembler:
    """Turns body lines and headings into paragraphs."""

    def __init__(self, raw: str, body: Sequence[_BodyLine | _Heading], vocabulary: frozenset[str]):
        self.raw = raw
        self.body = body
        self.vocabulary = vocabulary
        self.width = _text_width(raw, body)
        self.out: list[_Built] = []
        self.section: list[tuple[int, str]] = []
        self.marker_sections: dict[str, tuple[str, ...]] = {}

    def path(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.section)

    def run(self) -> list[_Built]:
        joiner: _Joiner | None = None
        prev: _BodyLine | None = None
        count = 0  # lines in the paragraph being built
        for i, item in enumerate(self.body):
            if isinstance(item, _Heading):
                self._flush(joiner)
                joiner, prev = None, None
                self._heading(item)
                continue
            if joiner is not None and prev is not None and self._ends(prev, item, i, count == 1):
                self._flush(joiner)
                joiner = None
            if joiner is None:
                joiner = _Joiner(self.raw, self.vocabulary)
                count = 0
            joiner.add(item.line, item.line.lo, item.markers)
            prev = item
            count += 1
        self._flush(joiner)
        return self.out

    def _heading(self, item: _Heading) -> None:
        b = TextBuilder()
        collapse_whitespace(self.raw, item.line.lo, item.line.hi, b)
        text, offsets = b.build()
        while self.section and self.section[-1][0] >= item.level:
            self.section.pop()
        self.out.append(_Built(ParagraphKind.HEADING, text, offsets, self.path()))
        self.section.append((item.level, text))

    def _flush(self, joiner: _Joiner | None) -> None:
        if joiner is None or not len(joiner):
            return
        text, offsets, refs = joiner.finish()
        if not text:
            return
        path = self.path()
        for ref in refs:
            self.marker_sections.setdefault(ref.label, path)
        self.out.append(_Built(ParagraphKind.BODY, text, offsets, path, refs=refs))

    def _ends(self, prev: _BodyLine, item: _BodyLine, i: int, first: bool) -> bool:
        """Whether a paragraph ends between ``prev`` and ``item`` (see the module's rules).

        ``first``: ``prev`` is the first line of its paragraph, so it was indented.
        """
        raw = self.raw
        if not _sentence_end(raw, prev.line, prev.markers):
            return False
        if prev.line.trailing >= 2 or self._short(prev, item, indented=first):
            return True
        nxt = self.body[i + 1] if i + 1 < len(self.body) else None
        return (
            isinstance(nxt, _BodyLine)
            and not _sentence_end(raw, item.line, item.markers)
            and self._short(item, nxt, indented=False)
        )

    def _short(self, line: _BodyLine, nxt: _BodyLine, *, indented: bool) -> bool:
        """Whether ``line`` stopped well before the margin: ``nxt``'s first word would fit.

        The first line of a paragraph is indented, so it has one margin less to fill.
        """
        margin = max(3, round(self.width * _SHORT_MARGIN))
        room = self.width - margin * (2 if indented else 1)
        return line.line.width + 1 + _first_word(self.raw, nxt.line) <= room


def _notes(
    raw: str,
    notes: Sequence[_Note],
    vocabulary: frozenset[str],
    sections: Mapping[str, tuple[str, ...]],
) -> list[_Built]:
    out: list[_Built] = []
    for note in notes:
        joiner = _Joiner(raw, vocabulary)
        for k, line in enumerate(note.lines):
            joiner.add(line, note.text_start if k == 0 else line.lo)
        text, offsets, _ = joiner.finish()
        label = str(note.label)
        out.append(_Built(ParagraphKind.FOOTNOTE, text, offsets, sections.get(label, ()), label))
    return out


def _urls(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(_URL_TRAIL)
        if len(url) > 8 and url not in found:
            found.append(url)
    return tuple(found)


def parse(raw: str) -> Parsed:
    """Read PDF-extracted text into paragraphs (see the module's rules).

    Body and heading paragraphs come first, in reading order, then the footnotes in
    footnote-number order.

    >>> parse("   \\n\\n  ")
    Traceback (most recent call last):
    ...
    sourcecompare.errors.EmptyDocument: <text>: no text
    """
    if not raw.strip():
        raise EmptyDocument(None, "no text")
    lines = _split_lines(raw)
    top = _top_block(raw, lines)
    head, title, meta = _title_block(raw, lines[:top])
    layout = _Scanner(raw, lines, top).run()
    vocabulary = _vocabulary(raw)
    assembler = _BodyAssembler(raw, layout.body, vocabulary)
    body = assembler.run()
    notes = _notes(raw, layout.notes, vocabulary, assembler.marker_sections)
    built = [*head, *body, *notes]
    if not built:
        raise EmptyDocument(None, "no text besides page furniture")
    page_of = form_feed_pages(raw, first_page(meta.get("pages")) or 1)
    paragraphs = tuple(
        Paragraph(
            index=i,
            kind=p.kind,
            text=p.text,
            offsets=p.offsets,
            section=p.section,
            urls=_urls(p.text),
            label=p.label,
            footnote_refs=p.refs,
            page=page_of(p.offsets[0]) if p.text else None,
        )
        for i, p in enumerate(built)
    )
    log.debug(
        "pdf-text: %d paragraphs, %d footnotes, width %d",
        len(paragraphs),
        len(notes),
        assembler.width,
    )
    return Parsed(paragraphs=paragraphs, title=title, metadata=MappingProxyType(meta))


def looks_like(raw: str) -> float:
    """How much ``raw`` looks like text extracted from a PDF (0 to 1); reads at most 200 kB.

    Evidence: hard-wrapped lines of even length that run on into the next line, a footnote rule
    (a long run of spaces), footnote markers glued to words, page numbers alone on a line; markup
    (``#``, ``*``, ``|``, ``{{``, ``<``, ``[[``, ``==``) at line starts counts against.

    >>> page = "Japan took in escapees from China and Thailand,1 and most of them came\\n\\n"
    >>> page += "in the early 1990s through the consulates that the government kept open\\n\\n"
    >>> looks_like(page * 20) > 0.5
    True
    >>> looks_like("# Title\\n\\n* item\\n* item\\n") < 0.2
    True
    """
    sample = raw[:200_000]
    lines = sample.split("\n")
    texts = [line.strip() for line in lines if line.strip()]
    if not texts:
        return 0.0
    wrapped = sum(1 for t in texts if 40 <= len(t) <= 130) / len(texts)
    run_on = 0
    candidates = 0
    for a, b in pairwise(texts):
        if not _SENTENCE_END.search(a) and len(a) >= 40:
            candidates += 1
            run_on += b[:1].islower()
    runs = run_on / candidates if candidates else 0.0
    rule = any(len(line) >= _RULE_MIN and not line.strip() for line in lines)
    markers = len(re.findall(r"[a-z][.,\u2019\u201d]\d{1,3}\s", sample))
    page_numbers = sum(1 for t in texts if _PAGE_NUMBER.fullmatch(t) or _RUNNING_DATE.fullmatch(t))
    markup = sum(1 for t in texts if t.startswith(("#", "* ", "- ", "|", "{{", "<", "[[", "==")))
    score = (
        0.35 * wrapped
        + 0.25 * runs
        + 0.15 * rule
        + 0.15 * min(1.0, markers / 10)
        + 0.1 * min(1.0, page_numbers / 2)
        - 0.8 * markup / len(texts)
    )
    return round(max(0.0, min(1.0, score)), 3)
