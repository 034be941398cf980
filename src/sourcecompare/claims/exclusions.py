"""Numbers that are not quantities: found first, so the extractors never see them.

Each is an :class:`Excluded` span with a reason.  Three reasons still become claims: ordinals
(kind ``rank``, compared only with ranks) and two of kinds that are never compared as
quantities: ``time`` (clock times: ``6:00``, ``10:45PM``, ``下午3点15分``;
value ``HHMM``) and ``identifier`` (``Flight 351``, ``JA8107``, ``Airbus A320-214``, ``351航班``,
``光明星3号``).  The rest are dropped:

* ``url``, ``doi``, ``email``, ``handle`` (``@user3597``), ``hashtag``;
* ``footnote-marker``: ``[12]``, superscripts, and a number glued to the punctuation or quote
  that ends a phrase (``Thailand.1 NGO``, ``Miyatsuka,4 and``, ``in 1994.32 Little``);
* ``enumerator`` (``1.``, ``2)``, ``III.``, ``1、`` at the start of a line) and ``page-number``
  (a line that is only a number, or a ``2024/07`` running head);
* ``citation``: ``Vol. 33, No. 1``, ``pp. 199-235``, ``2024. 199~235``, ``14, no. 1 (2017): 167``,
  the page after a quoted title (``Defectors,” 62``);
* ``section`` (``Article 9``, ``section 303``);
* ``ordinal`` (``38th``, ``第二次``, ``third-busiest``): kept as claims of kind ``rank``;
* ``lexical``: Chinese words that contain numerals but state no figure (``二次大战``, ``十分``).

>>> text = "Flight 351 at 6:00, see [3]."
>>> [(e.reason, text[e.start : e.end]) for e in find(text, "en")]
[('identifier', 'Flight 351'), ('time', '6:00'), ('footnote-marker', '[3]')]
>>> [(e.reason, e.value) for e in find("下午3點15分", "zh")]
[('time', 1515.0)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from . import starts
from .numerals import chinese_to_int
from .prefilter import Text

__all__ = ["EMITTED", "Excluded", "find", "mask"]

#: reasons whose spans still become claims (of kinds never compared as quantities)
EMITTED = frozenset({"time", "identifier", "ordinal"})

MASK = "\x00"


@dataclass(frozen=True, slots=True)
class Excluded:
    """A span of text holding a number that is not a quantity."""

    start: int
    end: int
    reason: str
    value: float | None = None


_YEARISH = r"(?:1[5-9]|20)\d\d"

_PAGE_NUMBER = re.compile(r"(?m)^[ \t]*(?:\d{1,4}|\d{4}/\d{2})[ \t]*$")
_COMMON = [
    ("url", re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"”’)\]]+(?:\([^\s)]*\)[^\s<>\"”]*)?")),
    (
        "url",
        re.compile(
            r"(?<![A-Za-z0-9.-])(?:[A-Za-z0-9-]+\.)+(?:com|org|net|edu|gov|int|info|io|mp|jp|cn|kr|kp|uk|ca|tw|hk"
            r"|de|fr|ru|au)\b(?:/[^\s<>\"”]*)?"
        ),
    ),
    ("doi", re.compile(r"\bdoi:\s*\S+|\b10\.\d{4,9}/[^\s\"”]+", re.IGNORECASE)),
    ("email", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("handle", re.compile(r"(?<![\w@])@[\w.\-]+")),
    ("hashtag", re.compile(r"(?<![\w&])#\w+")),
    (
        "footnote-marker",
        re.compile(r"\[\s*(?:\d{1,3}|[a-z]|注\s*\d+|[Nn]ote\s*\d+|n\s*\d+)\s*\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+"),
    ),
    ("page-number", _PAGE_NUMBER),
]

_EN = [
    (
        "citation",
        re.compile(
            r"\b(?:Vol\.?|Volume)\s*\d+\s*,\s*(?:No\.?|Issue)\s*\d+(?:[.,]?\s*\(?"
            + _YEARISH
            + r"\)?(?=[.,;\s]|$))?",
            re.IGNORECASE,
        ),
    ),
    (
        "citation",
        re.compile(
            r"\b(?:Vol|vol|Nos?|nos?|Iss|iss|pp|Pp|p|P|Figs?|figs?|Tab|Chap|chap|Ch|ch|Sec|sec"
            r"|Art|art|Paras?|paras?|fn|nn|ed|eds)\.\s*\d+[A-Za-z]?(?:\s*[-–~]\s*\d+)?"
            r"|\b(?:Volume|Issue|No|Page|Pages|page|pages|ISBN|ISSN)\s+\d+(?:\s*[-–~]\s*\d+)?"
        ),
    ),
    # a tilde range after a citation's field (``2024. 199~235``, ``12(3): 5~9``); elsewhere
    # ``20~100`` is a range
    ("citation", re.compile(r"(?:(?<=[\d)][.,:] )|(?<=[\d)][.,:]))\d+\s*[~～]\s*\d+\b")),
    ("citation", re.compile(r"\b\d{1,4}(?=,\s*no\.\s*\d)", re.IGNORECASE)),
    (
        "citation",
        re.compile(
            r"\(\s*(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?"
            + _YEARISH
            + r"\s*\)\s*:\s*\d+(?:\s*[-–]\s*\d+)?"
        ),
    ),
    ("citation", re.compile(r"(?<=[,.]”)\s*\d+(?:\s*[-–]\s*\d+)?(?=\s*[.;,]|\s*$)")),
    ("citation", re.compile(r"(?<=\)),\s*\d+(?:\s*[-–]\s*\d+)?(?=[.;]|\s*$)")),
    (
        "section",
        re.compile(
            r"\b(?:[Ss]ection|[Aa]rticle|[Cc]hapter|[Pp]art|[Pp]aragraph|[Cc]lause|[Aa]nnex"
            r"|[Aa]ppendix|§)\s*\d+[A-Za-z]?(?:\(\d+\))*"
        ),
    ),
    (
        "phone",
        re.compile(r"(?<![\w+])\+\d{1,3}(?:[-\s.]\(?\d{2,4}\)?){2,4}(?:/\d{2,4})?(?![\w-])"),
    ),
]
_EN_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b")
_MONTH_NEAR = re.compile(
    r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:the\s+)?$"
    r"|^\s*(?:of\s+)?(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|^\s*(?:-|–|to|and|through|until|till)\s*\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Za-z]{3}"
)

#: the 20th century is a span of years, not a rank
_CENTURY = re.compile(r"[-\s]+centur(?:y|ies)\b", re.IGNORECASE)

_ZH = [
    ("citation", re.compile(r"(?<!\d)\d+\s*[~～]\s*\d+\s*[页頁]|(?<!\d)\d+\s*[页頁]")),
    (
        "lexical",
        re.compile(
            r"(?<![零〇一二两兩三四五六七八九十百千万萬亿億\d])"
            r"(?:[一二]次(?:世界)?大[战戰]|[一二][战戰]|三八[线線]|十分(?![钟鐘]|\s*之)|[万萬]一|千[万萬])"
            r"(?![零〇一二两兩三四五六七八九十百千万萬亿億人名个個位])"
        ),
    ),
]

_ZH_ORDINAL = re.compile(r"第\s*(?P<n>\d+|[零〇一二两兩三四五六七八九十百千]+)")
_EN_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
#: an ordinal word before a superlative: third-busiest, the second largest
_EN_RANK_WORD = re.compile(
    r"\b(?P<w>" + "|".join(_EN_ORDINAL_WORDS) + r")[-\s](?=(?:most\s+)?[a-z]+est\b|largest\b)",
    re.IGNORECASE,
)
#: "the" and an ordinal word before the noun it ranks (the fourth movement, the third
#: country), as 第四樂章 is a rank; not a part or a period (the third quarter, the fourth
#: century, the second half), not before a count (the first two days) and not a
#: superlative's, which :data:`_EN_RANK_WORD` reads
_EN_ORDINAL_BEFORE_NOUN = re.compile(
    r"\bthe\s+(?P<w>" + "|".join(_EN_ORDINAL_WORDS) + r")\s+"
    r"(?!(?:of|and|or|to|in|on|at|by|for|with|half|halves|quarter|quarters|century|centuries"
    r"|millennium|millennia|decade|decades|day|week|month|year|time|most|least|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|twelve|twenty|hundred|few|several|many)\b)(?!\d)"
    r"(?![a-z]+est\b|largest\b)(?=[a-z])",
    re.IGNORECASE,
)


def _zh_ordinals(text: str) -> Iterable[Excluded]:
    """``第7``, ``第二次``: ranks (kind ``rank``, the number as value)."""
    for m in _matches(_ZH_ORDINAL, text):
        if text.startswith(("季度", "季"), m.end()) and text[: m.start()].rstrip().endswith("年"):
            continue  # 2016年第一季度: a part of the year
        yield Excluded(m.start(), m.end(), "ordinal", _value_of(m.group("n")))


def _value_of(text: str) -> float | None:
    n = _zh_number(text) if len(text) <= 12 else None
    return None if n is None else float(n)


_ENUMERATOR = re.compile(
    r"(?m)^[ \t]*(?:\(?\d{1,2}[.)、．](?!\d)|\(?(?:[ivxlc]{1,5}|[IVXLC]{1,5})[.)]|[（(]"
    r"[一二三四五六七八九十]+[）)]|[A-Za-z][.)])(?=\s|$|[\u4e00-\u9fff])"
)

_FOOTNOTE_GLUED = re.compile(
    r"(?<=[A-Za-z\u00C0-\u024F][.,;:!?])\d{1,3}(?![\d,.]\d)(?=[\s)]|$)"
    r"|(?<=[.,;:!?][”’\"')\]])\d{1,3}(?![\d,.]\d)(?=[\s.,;:)]|$)"
    r"|(?<=\S[”’\"')\]])\d{1,3}(?![\d,.]\d)(?=[\s.,;:)]|$)"
)
_FOOTNOTE_AFTER_YEAR = re.compile(
    r"(?<![\d.,])" + _YEARISH + r"(\.\d{1,3})(?=\s+[A-Z“\"‘(\[]|\s*$)"
)

_EN_TIME = re.compile(
    r"(?<![\d:.,])([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(?:\s?([AaPp])\.?\s?[Mm]\b\.?)?(?![\d:])"
    r"|(?<![\d.,:])(1[0-2]|0?[1-9])\s?([AaPp])\.?[Mm]\b\.?"
    r"|(?<![\d.,:])(1[0-2]|0?[1-9])\s+o['’]clock"
)
_ZH_DIGITS = r"(?:\d{1,2}|[零〇一二两兩三四五六七八九十]{1,3})"
_ZH_TIME = re.compile(
    r"(上午|下午|晚上|晚间|晚間|凌晨|早上|清晨|中午|傍晚|夜间|夜間|深夜|夜里|夜裡|早晨)?"
    r"(" + _ZH_DIGITS + r")\s*(?:[点點时時]\s*(?:(" + _ZH_DIGITS + r")\s*分|(半)|(整|钟|鐘))?"
    r"|[:：]([0-5]\d)(?!\d))"
)

_EN_IDENTIFIER = re.compile(
    r"\b(?:Flights?|flights?|Route|route|Highway|Resolution|resolution|Room|Gate|Platform|Bus"
    r"|Apollo|Boeing|Airbus|Model|Type|Mark|Unit|Lot)\s+(?:No\.?\s*)?[A-Z]{0,4}-?\d+"
    r"(?:[-/][A-Z0-9]+)*[A-Za-z]?\b"
    r"|\b[A-Z][A-Za-z]*-?\d+(?:[-/.]?[A-Z0-9]+)*\b"
)
_ZH_IDENTIFIER = re.compile(
    r"(?:波音|空客|空中客车|空中客車)\s*[A-Z]?\d+[A-Za-z0-9-]*"
    r"|[A-Za-z]{1,4}-?\d+[A-Za-z0-9-]*"
    r"|(?<!\d)\d+\s*(?:次?航班|号班机|號班機|班机|班機)"
    r"|(?<![月\d一二三四五六七八九十])(?:\d+|[一二三四五六七八九十]{1,6})\s*[号號](?:机|機|线|線|楼|樓|卫星|衛星)?"
)


def _time_value(hour: int, minute: int, half: str) -> float | None:
    if half in (
        "p",
        "P",
        "下午",
        "晚上",
        "晚间",
        "晚間",
        "傍晚",
        "夜间",
        "夜間",
        "深夜",
        "夜里",
        "夜裡",
    ):
        if hour < 12:
            hour += 12
    elif half in ("a", "A", "凌晨") and hour == 12:
        hour = 0
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    return float(hour * 100 + minute)


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern``'s matches in ``text``, none without a pass when the text lacks what every
    match needs (:mod:`.prefilter`)."""
    if Text.of(text).may_match(pattern):
        yield from starts.finditer(pattern, text)


def _en_times(text: str) -> Iterable[Excluded]:
    for m in _matches(_EN_TIME, text):
        if m.group(1) is not None:
            value = _time_value(int(m.group(1)), int(m.group(2)), m.group(3) or "")
        elif m.group(4) is not None:
            value = _time_value(int(m.group(4)), 0, m.group(5))
        else:
            value = _time_value(int(m.group(6)), 0, "")
        yield Excluded(m.start(), m.end(), "time", value)


def _zh_number(text: str) -> int | None:
    return int(text) if text.isdigit() and text.isascii() else chinese_to_int(text)


def _zh_times(text: str) -> Iterable[Excluded]:
    for m in _matches(_ZH_TIME, text):
        prefix, half, whole = m.group(1), m.group(4), m.group(5)
        minute_text = m.group(3) or m.group(6)
        if not (prefix or minute_text or half or whole):
            continue  # "3点" alone may be three points
        hour = _zh_number(m.group(2))
        minute = _zh_number(minute_text) if minute_text else (30 if half else 0)
        if hour is None or minute is None:
            continue
        value = _time_value(hour, minute, prefix or "")
        if value is not None:
            yield Excluded(m.start(), m.end(), "time", value)


def _pattern_finder(reason: str, pattern: re.Pattern[str]) -> Callable[[str], Iterable[Excluded]]:
    def finder(text: str) -> Iterable[Excluded]:
        for m in _matches(pattern, text):
            yield Excluded(m.start(), m.end(), reason)

    return finder


def _en_ordinals(text: str) -> Iterable[Excluded]:
    """``38th`` is an ordinal, not a figure; ``May 3rd`` and ``1st of May`` are days."""
    for m in _matches(_EN_ORDINAL, text):
        before = text[max(0, m.start() - 16) : m.start()]
        after = text[m.end() : m.end() + 24]
        if _MONTH_NEAR.search(before) or _MONTH_NEAR.match(after) or _CENTURY.match(after):
            continue
        yield Excluded(m.start(), m.end(), "ordinal", _value_of(m.group()[:-2]))
    for pattern in (_EN_RANK_WORD, _EN_ORDINAL_BEFORE_NOUN):
        for m in _matches(pattern, text):
            if pattern is _EN_ORDINAL_BEFORE_NOUN and _MONTH_NEAR.search(
                text[max(0, m.start() - 16) : m.start()]
            ):
                continue  # March the third nineteen ninety: a day
            value = float(_EN_ORDINAL_WORDS[m.group("w").lower()])
            yield Excluded(m.start("w"), m.end("w"), "ordinal", value)


_YEAR_PART_LIKE = re.compile(r"[QH][1-4]\s*" + _YEARISH + r"\b")  # Q3 2016: a quarter
_MAGNITUDE_LIKE = re.compile(r"(?:Mw|MW|Ms|MS|ML|mb|Mb|M)\d(?:\.\d+)?")
#: Mar-2015, Mar-05 (of 5-Mar-2015, 2015-Mar-05): a month name before digits is a date
_MONTH_LIKE = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG"
    r"|SEP|OCT|NOV|DEC)[-/]\d{1,4}"
)


def _identifiers(pattern: re.Pattern[str]) -> Callable[[str], Iterable[Excluded]]:
    """Identifiers, except an earthquake's magnitude written like one (``M6.9``, ``Mw7.1``)."""

    def finder(text: str) -> Iterable[Excluded]:
        for m in _matches(pattern, text):
            if (
                not _MAGNITUDE_LIKE.fullmatch(m.group())
                and not _MONTH_LIKE.fullmatch(m.group())
                and not _YEAR_PART_LIKE.match(text, m.start())
            ):
                yield Excluded(m.start(), m.end(), "identifier")

    return finder


def _glued_footnotes(text: str) -> Iterable[Excluded]:
    for m in _matches(_FOOTNOTE_GLUED, text):
        yield Excluded(m.start(), m.end(), "footnote-marker")
    for m in _matches(_FOOTNOTE_AFTER_YEAR, text):
        yield Excluded(m.start(1), m.end(1), "footnote-marker")


def _finders(language: str) -> list[Callable[[str], Iterable[Excluded]]]:
    finders = [_pattern_finder(reason, pattern) for reason, pattern in _COMMON]
    if language == "zh":
        finders += [_pattern_finder(reason, pattern) for reason, pattern in _ZH[:1]]
        finders.append(_zh_ordinals)
        finders += [_pattern_finder(reason, pattern) for reason, pattern in _ZH[1:]]
        finders += [_zh_times, _en_times, _identifiers(_ZH_IDENTIFIER)]
    else:
        finders += [_pattern_finder(reason, pattern) for reason, pattern in _EN]
        finders += [_en_ordinals, _en_times, _identifiers(_EN_IDENTIFIER),
                    _glued_footnotes]  # fmt: skip
    finders.append(_pattern_finder("enumerator", _ENUMERATOR))
    return finders


def find(text: str, language: str, lines: str | None = None) -> list[Excluded]:
    """Every non-quantity in ``text``, earlier patterns winning overlaps, in text order.

    ``lines`` is ``text`` with the source's line breaks back in place of the spaces a reader
    joined its lines with (same length): page numbers alone on a line are read on it.
    """
    taken = bytearray(len(text))
    found: list[Excluded] = []
    if lines is not None and len(lines) == len(text):
        # a line of only a number overlaps no other kind: taken first, as the pattern would
        for m in _matches(_PAGE_NUMBER, lines):
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            found.append(Excluded(m.start(), m.end(), "page-number"))
    for finder in _finders(language):
        for exc in finder(text):
            if exc.end <= exc.start or any(taken[exc.start : exc.end]):
                continue
            taken[exc.start : exc.end] = b"\x01" * (exc.end - exc.start)
            found.append(exc)
    found.sort(key=lambda e: e.start)
    return found


def mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span replaced by as many NUL characters (positions are kept).

    >>> mask("ab12cd", [(2, 4)]) == "ab" + "\\x00" * 2 + "cd"
    True
    """
    chars = list(text)
    for start, end in spans:
        chars[start:end] = MASK * (end - start)
    return "".join(chars)
