"""Chinese figures: digits (with separators), Chinese numerals (read with cn2an), 万/亿 scaling,
classifiers, approximations and bounds, ranges, dates and decades.

Runs on the normalised text (simplified, half-width: see :mod:`sourcecompare.script`); the
character classes also accept the traditional forms, so a bare traditional string works too.
Stages, each claiming its characters: dates, decades, ranges, percentages, money signs, years,
vague numbers (几十, 上万), then counts.

A Chinese numeral is a figure only with a classifier or noun after it (``十七名``, ``两人``), a
bound (``近五万``) or a scale of a hundred or more (``三千``): numerals live inside many words
(``一些``, ``统一``, ``十分``).  ``一`` alone is an article.  Digits are always figures; a bare
number without a classifier refers back to the last count (``其中1828保留了日本国籍``).

>>> [(f.kind.value, f.low, f.high, f.unit) for f in extract("人数大约为70人左右")]
[('count', 65.0, 75.0, 'person')]
>>> [(f.kind.value, f.low, f.high, f.unit) for f in extract("七十余人，1977年到1988年间")]
[('count', 71.0, 79.0, 'person'), ('range', 1977.0, 1988.0, 'year')]
"""

from __future__ import annotations

import re
from decimal import Decimal

from .exclusions import Excluded
from .numerals import arabic, chinese
from .quantities import Hedge, Kind, Qualifier, decade_part
from .scanner import Found, Scanner
from .units import table as unit_table

__all__ = ["extract"]

_CN = "零〇一二两兩三四五六七八九十百千万萬亿億"
_ARABIC = (
    r"(?<![\d.A-Za-z\x00])(?<!\d,)\d+(?:,\d{3})*(?:\.\d+)?(?![\d])"
    r"(?:[万萬亿億千百]+(?:\d+[万萬亿億千百十]+)*)?"  # 3.5万, 2万7千
)
_NUM = rf"(?:{_ARABIC}|[{_CN}]+)"
_TO = r"\s*(?:到|至|—|–|-|~|～|－)\s*"

_HEDGES = {
    "约": Hedge.APPROXIMATE, "約": Hedge.APPROXIMATE, "大约": Hedge.APPROXIMATE,
    "大約": Hedge.APPROXIMATE, "大概": Hedge.APPROXIMATE, "大致": Hedge.APPROXIMATE,
    "约莫": Hedge.APPROXIMATE, "估计": Hedge.APPROXIMATE, "估計": Hedge.APPROXIMATE,
    "近": Hedge.NEARLY, "将近": Hedge.NEARLY, "將近": Hedge.NEARLY, "接近": Hedge.NEARLY,
    "几近": Hedge.NEARLY, "幾近": Hedge.NEARLY, "差不多": Hedge.NEARLY,
    "逾": Hedge.MORE_THAN, "超过": Hedge.MORE_THAN, "超過": Hedge.MORE_THAN,
    "超出": Hedge.MORE_THAN, "多于": Hedge.MORE_THAN, "多於": Hedge.MORE_THAN,
    "高于": Hedge.MORE_THAN, "高於": Hedge.MORE_THAN,
    "至少": Hedge.AT_LEAST, "最少": Hedge.AT_LEAST, "不少于": Hedge.AT_LEAST,
    "不少於": Hedge.AT_LEAST, "不下": Hedge.AT_LEAST, "起码": Hedge.AT_LEAST,
    "起碼": Hedge.AT_LEAST,
    "不足": Hedge.FEWER_THAN, "不到": Hedge.FEWER_THAN, "少于": Hedge.FEWER_THAN,
    "少於": Hedge.FEWER_THAN, "未满": Hedge.FEWER_THAN, "未滿": Hedge.FEWER_THAN,
    "不满": Hedge.FEWER_THAN, "不滿": Hedge.FEWER_THAN, "低于": Hedge.FEWER_THAN,
    "低於": Hedge.FEWER_THAN,
    "最多": Hedge.AT_MOST, "至多": Hedge.AT_MOST, "不超过": Hedge.AT_MOST,
    "不超過": Hedge.AT_MOST, "不多于": Hedge.AT_MOST, "不多於": Hedge.AT_MOST,
    "顶多": Hedge.AT_MOST, "頂多": Hedge.AT_MOST,
}  # fmt: skip
_HEDGE_BEFORE = re.compile(
    r"(?P<h>"
    + "|".join(re.escape(h) for h in sorted(_HEDGES, key=len, reverse=True))
    + r")(?:为|為|有|是|达|達|了|在)?\s*$"
)
_HEDGE_AFTER = {
    "左右": Hedge.APPROXIMATE, "上下": Hedge.APPROXIMATE, "许": Hedge.APPROXIMATE,
    "許": Hedge.APPROXIMATE, "前后": Hedge.APPROXIMATE, "前後": Hedge.APPROXIMATE,
    "以上": Hedge.AT_LEAST, "有余": Hedge.BOUNDED_MORE, "有餘": Hedge.BOUNDED_MORE,
    "以下": Hedge.AT_MOST, "以内": Hedge.AT_MOST, "以內": Hedge.AT_MOST,
}  # fmt: skip
_ODD = "多余餘几幾"
_GENERIC = "个個"

_RELATIVE_YEAR = re.compile(
    r"(?P<same>同年|当年|當年|该年|該年|是年|本年)\s*$|(?P<next>次年|翌年|隔年|第二年|后一年|後一年)"
    r"\s*$|(?P<prev>前一年|上一年)\s*$"
)
_CN_YEAR = r"(?:\d{4}|[零〇一二三四五六七八九]{4})"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|三十一|[一二三四五六七八九])"
_DATES = [
    re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d-])"),
    re.compile(r"(?<![\d/])(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])"),
    re.compile(
        rf"(?:(?P<y>{_CN_YEAR})\s*年\s*)?(?<![\d{_CN}])(?P<m>{_MONTH})\s*月"
        rf"(?:\s*(?P<d>{_DAY})\s*[日号號])?"
    ),
]
_DECADE = re.compile(
    r"(?:(?P<c>\d{2}|二十一|二十|十九)\s*世[纪紀])?\s*"
    r"(?P<d>\d{4}|\d0|[一二三四五六七八九]十|[零〇一二三四五六七八九]〇|[零〇一二三四五六七八九]零)"
    r"\s*年代(?P<part>初期|初|前期|中期|中叶|中葉|中|末期|末|后期|後期)?"
)
_PART = {"初期": "early", "初": "early", "前期": "early", "中期": "mid", "中叶": "mid",
         "中葉": "mid", "中": "mid", "末期": "late", "末": "late", "后期": "late",
         "後期": "late"}  # fmt: skip

_YEAR_RANGE = re.compile(
    rf"(?P<a>{_CN_YEAR})\s*(?P<ya>年)?{_TO}(?P<b>{_CN_YEAR})\s*(?P<yb>年)?(?P<tail>[间間])?"
)
_COUNT_RANGE = re.compile(rf"(?P<a>{_NUM}){_TO}(?P<b>{_NUM})")
_ADJACENT = re.compile(
    rf"(?<![{_CN}])(?P<a>[一二两兩三四五六七八])(?P<b>[二三四五六七八九])(?P<s>[十百千万萬])?"
)
_PERCENT = re.compile(rf"(?P<n>{_NUM})\s*[%％]|百分之(?P<p>{_NUM})")
_FRACTION = re.compile(rf"(?P<d>{_NUM})分之(?P<n>{_NUM})")
_TENTHS = re.compile(
    r"(?<![\d" + _CN + r"])(?P<n>[一二两兩三四五六七八九十])成"
    r"(?![员員为為立功绩績果本就长長熟年千百万萬人分交都份型品形效真名家不])"
)
_MONEY_SIGN = re.compile(r"(?P<cur>US\$|HK\$|NT\$|\$|¥|￥|€|£)\s?(?P<n>" + _ARABIC + ")")
_CURRENCY = {"US$": "USD", "$": "USD", "HK$": "HKD", "NT$": "TWD", "¥": "JPY", "￥": "JPY",
             "€": "EUR", "£": "GBP"}  # fmt: skip
_YEAR = re.compile(rf"(?<![\d{_CN}])(?P<y>{_CN_YEAR})\s*年(?!代)")
_VAGUE = re.compile(
    r"(?P<cheng>成千上[万萬])|上(?P<up>[百千万萬])|(?P<few>[几幾数數])(?P<s>[十百千万萬])(?P<s2>[万萬])?"
)
_NUMBER = re.compile(_NUM)


def _number(text: str) -> Decimal | None:
    text = text.strip()
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", text):
        return arabic(text)
    return chinese(text.replace(",", ""))


def _hedge_before(s: Scanner, start: int) -> tuple[Hedge, int]:
    m = _HEDGE_BEFORE.search(s.masked, max(0, start - 6), start)
    if m is None:
        return Hedge.EXACT, start
    h = m.group("h")
    if h == "近" and m.start() > 0 and s.masked[m.start() - 1] in "最附亲親将將接几幾":
        return Hedge.EXACT, start
    return _HEDGES[h], m.start()


def _hedge_after(s: Scanner, pos: int) -> tuple[Hedge | None, int]:
    for word, hedge in _HEDGE_AFTER.items():
        if s.masked.startswith(word, pos):
            return hedge, pos + len(word)
    return None, pos


def _unit_after(s: Scanner, pos: int) -> tuple[str, dict[str, object], str, int, Hedge | None]:
    """The classifier and noun after a number: ``(unit, extra, kind, end, odd)``.  ``extra``
    holds the ``unit_span`` of a :class:`Found`; ``odd`` is the bound a 多
    between classifier and noun adds (``3个多月``)."""
    text = s.masked
    start = pos
    odd = None
    generic = text.startswith(tuple(_GENERIC), pos)
    if generic:
        pos += 1
        if text.startswith("多", pos):
            odd = Hedge.BOUNDED_MORE
            pos += 1
    row = unit_table().match("zh", text[pos : pos + 8])
    if row is None:
        if generic:
            return "", _said(s, start, pos), "count", pos, odd
        return "", {}, "count", start, None
    pos += len(row.surface)
    unit, kind = row.unit, row.kind
    if kind == "count" and not generic:
        noun = unit_table().match("zh", text[pos : pos + 8])
        if noun is not None and noun.kind == "count" and noun.unit in ("person", unit):
            pos += len(noun.surface)
    if not generic and text.startswith("多", pos) and unit in ("years", "months", "days"):
        odd = Hedge.BOUNDED_MORE
        pos += 1
    return unit, _said(s, start, pos), kind, pos, odd


def _said(s: Scanner, start: int, end: int) -> dict[str, object]:
    return {"unit_span": (start, end)}


def _dates(s: Scanner) -> None:
    for pattern in _DATES:
        for m in s.matches(pattern):
            year = _number(m.group("y")) if m.group("y") else None
            month = _number(m.group("m"))
            day = _number(m.group("d")) if m.group("d") else None
            if month is None or (m.group("d") and day is None):
                continue
            start, offset = m.start(), 0
            if year is None:
                rel = _RELATIVE_YEAR.search(s.masked, max(0, start - 4), start)
                if rel is not None:
                    start = rel.start()
                    offset = 1 if rel.group("next") else -1 if rel.group("prev") else 0
            s.date(start, m.end(), int(year) if year is not None else None, int(month),
                   int(day) if day is not None else None, offset)  # fmt: skip


def _decades(s: Scanner) -> None:
    for m in s.matches(_DECADE):
        digits = m.group("d").replace("零", "〇")
        value = _number(digits) if digits[-1] != "〇" else _number(digits[:-1] + "十")
        if value is None:
            continue
        decade = int(value)
        if decade < 100:
            century = _number(m.group("c")) if m.group("c") else None
            if century is not None:
                decade += (int(century) - 1) * 100
            else:
                decade += 2000 if decade <= 10 else 1900
        part = _PART.get(m.group("part") or "", "")
        low, high = decade_part(decade, part)
        qualifier = Qualifier.APPROXIMATE if part else Qualifier.EXACT
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        s.add(Found(Kind.DECADE, float(decade), float(low), float(high), qualifier, start,
                    m.end(), unit="year"))  # fmt: skip


def _ranges(s: Scanner) -> None:
    for m in s.matches(_YEAR_RANGE):
        low, high = _number(m.group("a")), _number(m.group("b"))
        if low is None or high is None:
            continue
        unit, said, _, end, _ = _unit_after(s, m.end())
        years = bool(m.group("ya") or m.group("yb")) or (
            not unit and 1000 <= low <= 2100 and 1000 <= high <= 2100
        )
        hedge, start = _hedge_before(s, m.start())
        if years:
            s.range(start, m.end(), low, high, Hedge.EXACT, Kind.YEAR)
        else:
            s.range(start, end, low, high, hedge, Kind.COUNT, unit=unit, **said)
    for m in s.matches(_COUNT_RANGE):
        low, high = _number(m.group("a")), _number(m.group("b"))
        if low is None or high is None:
            continue
        unit, said, _, end, _ = _unit_after(s, m.end())
        if not said and not (m.group("a")[0].isdigit() and m.group("b")[0].isdigit()):
            continue
        hedge, start = _hedge_before(s, m.start())
        after, end = _hedge_after(s, end)
        if after is Hedge.APPROXIMATE:
            hedge = after
        s.range(start, end, low, high, hedge, Kind.COUNT, unit=unit, **said)
    for m in s.matches(_ADJACENT):
        a, b = _number(m.group("a")), _number(m.group("b"))
        if a is None or b is None or not 0 < b - a <= 2:
            continue
        factor = _number("一" + m.group("s")) if m.group("s") else Decimal(1)
        unit, said, _, end, _ = _unit_after(s, m.end())
        if not said or factor is None:
            continue
        hedge, start = _hedge_before(s, m.start())
        s.range(start, end, a * factor, b * factor, hedge, Kind.COUNT, unit=unit, **said)


def _percents(s: Scanner) -> None:
    for m in s.matches(_PERCENT):
        value = _number(m.group("n") or m.group("p"))
        if value is None:
            continue
        hedge, start = _hedge_before(s, m.start())
        after, end = _hedge_after(s, m.end())
        s.point(Kind.PERCENT, start, end, value, after or hedge, unit="percent")
    for m in s.matches(_FRACTION):
        denominator, numerator = _number(m.group("d")), _number(m.group("n"))
        if not denominator or numerator is None or numerator >= denominator:
            continue
        hedge, start = _hedge_before(s, m.start())
        s.point(Kind.PERCENT, start, m.end(), numerator * 100 / denominator, hedge,
                unit="percent")  # fmt: skip
    for m in s.matches(_TENTHS):
        value = _number(m.group("n"))
        if value is None or (value == 1 and s.masked.startswith("不", m.end())):
            continue
        hedge, start = _hedge_before(s, m.start())
        after, end = _hedge_after(s, m.end())
        s.point(Kind.PERCENT, start, end, value * 10, after or hedge, unit="percent")


def _money(s: Scanner) -> None:
    for m in s.matches(_MONEY_SIGN):
        value = _number(m.group("n"))
        if value is None:
            continue
        hedge, start = _hedge_before(s, m.start())
        s.point(Kind.MONEY, start, m.end(), value, hedge, unit=_CURRENCY[m.group("cur")],
                unit_span=m.span("cur"))  # fmt: skip


def _years(s: Scanner) -> None:
    for m in s.matches(_YEAR):
        value = _number(m.group("y"))
        if value is None or not 1000 <= value <= 2100:
            continue
        hedge, start = _hedge_before(s, m.start())
        after, end = _hedge_after(s, m.end())
        hedge = after or hedge
        if hedge is not Hedge.APPROXIMATE:
            hedge, start, end = Hedge.EXACT, m.start(), m.end()
        s.point(Kind.YEAR, start, end, value, hedge, unit="year")


def _vague(s: Scanner) -> None:
    for m in s.matches(_VAGUE):
        if m.group("cheng"):
            low, high, qualifier = 1000.0, 99999.0, Qualifier.APPROXIMATE
        elif m.group("up"):
            base = _number("一" + m.group("up")) or Decimal(1)
            low, high, qualifier = float(base), None, Qualifier.AT_LEAST
        else:
            base = _number("一" + m.group("s")) or Decimal(1)
            if m.group("s2"):
                base *= 10000
            low, high, qualifier = float(2 * base), float(10 * base - 1), Qualifier.APPROXIMATE
        unit, said, _, end, _ = _unit_after(s, m.end())
        s.add(Found(Kind.COUNT, None, low, high, qualifier, m.start(), end, unit=unit, **said))  # type: ignore[arg-type]


def _counts(s: Scanner) -> None:
    for m in s.matches(_NUMBER):
        written = m.group()
        value = _number(written)
        if value is None:
            continue
        digits = written[0].isdigit()
        pos = m.end()
        hedge, start = _hedge_before(s, m.start())
        odd = None
        if s.masked[pos : pos + 1] and s.masked[pos] in _ODD and value == value.to_integral_value():
            odd = Hedge.BOUNDED_MORE
            pos += 1
        unit, said, kind, end, odd_after = _unit_after(s, pos)
        odd = odd or odd_after
        after, end = _hedge_after(s, end)
        bound = bool(said or odd or hedge is not Hedge.EXACT or after)
        scaled = value >= 100 and any(ch in "百千万萬亿億" for ch in written)
        if not digits and not bound and not scaled:
            continue
        if not digits and value == 1 and not odd and hedge is Hedge.EXACT and after is None:
            continue
        if odd is not None and hedge is Hedge.EXACT:
            hedge = odd
        if after is not None and hedge in (Hedge.EXACT, Hedge.APPROXIMATE):
            hedge = after
        figure_end = end if (said or odd or after) else m.end()
        s.point(Kind.MONEY if kind == "money" else Kind.COUNT, start, figure_end, value, hedge,
                unit=unit, anaphoric=digits and not said, **said)  # fmt: skip


def extract(text: str, excluded: list[Excluded] | None = None) -> list[Found]:
    """Figures of a (normalised) Chinese text, in text order (spans in ``text``)."""
    from .exclusions import find

    s = Scanner(text, find(text, "zh") if excluded is None else excluded)
    for stage in (_dates, _decades, _ranges, _percents, _money, _years, _vague, _counts):
        stage(s)
    s.resolve_dates()
    s.resolve_anaphora()
    return sorted(s.found, key=lambda f: f.start)
