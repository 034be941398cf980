"""Reading numbers as written: digits with separators, Chinese numerals, English number words.

Values are :class:`~decimal.Decimal` so that ``3.5万`` is exactly 35000 and the precision as
written (the place of the last significant digit) survives.

>>> arabic("6,637"), arabic("27000"), arabic("3.5")
(Decimal('6637'), Decimal('27000'), Decimal('3.5'))
>>> chinese("二萬七千"), chinese("两万七千"), chinese("二〇〇二"), chinese("3.5万"), chinese("4萬")
(Decimal('27000'), Decimal('27000'), Decimal('2002'), Decimal('35000'), Decimal('40000'))
>>> chinese("百"), chinese("千万"), chinese("统一") is None
(Decimal('100'), Decimal('10000000'), True)
>>> english("ninety-four thousand"), english("a dozen"), english("hundred thousand")
(Decimal('94000'), Decimal('12'), Decimal('100000'))
>>> english("two hundred and fifty thousand"), english("seventy"), english("two three") is None
(Decimal('250000'), Decimal('70'), True)
>>> english("twelve point five million"), english("one hundred thousand million")
(Decimal('12500000.0'), Decimal('100000000000'))
>>> english("two thousands"), english("thousands") is None
(Decimal('2000'), True)
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

__all__ = [
    "CN_NUMERAL_CHARS",
    "EN_FRACTIONS",
    "EN_NUMBER_WORDS",
    "EN_ORDINALS",
    "MAX_MAGNITUDE",
    "MAX_NUMERAL_LENGTH",
    "arabic",
    "chinese",
    "chinese_to_int",
    "english",
    "power_of",
    "scale",
]

_SMALL = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2
    )
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}

_ZERO_WORDS = frozenset({"zero", "nought", "naught"})
#: every English word that can be part of a cardinal number (``point`` of a decimal)
EN_NUMBER_WORDS: frozenset[str] = frozenset(
    {
        *_SMALL,
        *_TENS,
        *_SCALES,
        *(f"{w}s" for w in _SCALES),  # two thousands, 300 billions (after a number only)
        "dozen",
        "dozens",
        "doz",
        "dozs",
        "nought",
        "naught",
        "point",
        "lakh",
        "crore",
    }
)
#: English ordinal words -> their number (the denominators of fractions)
EN_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "millionth": 10**6, "billionth": 10**9, "trillionth": 10**12,
}  # fmt: skip

#: English fraction words -> denominator
EN_FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}  # fmt: skip

_TOKEN_POINT = re.compile(r"\bpoint\b")
_CN_SCALE = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_EN_SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
                   "trillion": 10**12, "m": 10**6, "mn": 10**6, "bn": 10**9, "k": 1000,
                   "b": 10**9, "g": 10**9, "mil": 10**6, "lakh": 10**5, "lakhs": 10**5,
                   "crore": 10**7, "crores": 10**7, "dozen": 12, "dozens": 12,
                   "doz": 12, "dozs": 12}  # fmt: skip


_SEPARATORS = re.compile(r"[,\s\u202f\u00a0]")


def arabic(text: str) -> Decimal:
    """Digits, with ``,`` thousands separators (or spaces, ``1 234 567``), a ``.`` decimal
    point, a sign and an exponent (``2e5``, ``-12e-1``)."""
    return Decimal(_SEPARATORS.sub("", text).replace("−", "-"))


def scale(word: str) -> int | None:
    """The multiplier of a scale word or character: ``万`` -> 10000, ``million`` -> 10**6."""
    return _CN_SCALE.get(word) or _EN_SCALE_WORDS.get(word.lower())


_CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "貳": 2, "两": 2,
    "兩": 2,
    "俩": 2, "倆": 2, "三": 3, "叁": 3, "参": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
_CN_TENS = {"廿": "二十", "卅": "三十", "卌": "四十"}
#: every character a Chinese numeral is written with (digits, units, 廿/卅)
CN_NUMERAL_CHARS = "".join([*_CN_DIGITS, *_CN_SMALL, *_CN_BIG, *_CN_TENS])
#: the longest numeral read, and the largest magnitude: beyond them a numeral is no figure
MAX_NUMERAL_LENGTH = 40
MAX_MAGNITUDE = Decimal(10) ** 24
_SIGNS = "-−－负負"
_POINTS = "点點."
_ARABIC_RUN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _section(text: str) -> Decimal | None:
    """A numeral below 万: digits and 十/百/千 (``三千五百二十``, ``一百零十``, ``2千零30``)."""
    if not text:
        return Decimal(0)
    if all(ch in _CN_DIGITS for ch in text):  # digit by digit: 二〇〇二
        return Decimal("".join(str(_CN_DIGITS[ch]) for ch in text))
    total = Decimal(0)
    last_unit: int | None = None
    num: Decimal | None = None
    zero = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "零〇○":
            zero = True
            i += 1
            continue
        m = _ARABIC_RUN.match(text, i)
        if m:
            if num is not None:
                return None
            num = Decimal(m.group().replace(",", ""))
            i = m.end()
            continue
        if ch in _CN_DIGITS:
            if num is not None:
                return None
            num = Decimal(_CN_DIGITS[ch])
            i += 1
            continue
        unit = _CN_SMALL.get(ch)
        if unit is None or (last_unit is not None and unit >= last_unit):
            return None
        total += (num if num is not None else 1) * unit
        last_unit, num, zero = unit, None, False
        i += 1
    if num is not None:
        if last_unit is not None and last_unit >= 100 and not zero and num < 10:
            num *= last_unit // 10  # 一百五 = 150, 三千五 = 3500
        total += num
    return total


def _whole(text: str) -> Decimal | None:
    """A numeral with 万/亿/兆: split at the last of the largest (四万万 = 4 × 10^8)."""
    bigs = [(_CN_BIG[ch], i) for i, ch in enumerate(text) if ch in _CN_BIG]
    if not bigs:
        return _section(text)
    unit = max(u for u, _ in bigs)
    at = max(i for u, i in bigs if u == unit)
    left = _whole(text[:at]) if text[:at] else Decimal(1)
    right_text = text[at + 1 :]
    right = _whole(right_text) if right_text else Decimal(0)
    if left is None or right is None:
        return None
    if len(right_text) == 1 and right_text in _CN_DIGITS:
        right *= unit // 10  # 二万五 = 25000
    return left * unit + right


@lru_cache(maxsize=4096)
def chinese(text: str) -> Decimal | None:
    """A Chinese numeral, also in financial forms (壹贰叁, 拾佰仟), with 廿/卅, 两/俩, a sign
    (负, -), a decimal point (点), spaces inside, arabic digits mixed in (``3.5万``,
    ``2千零30万``) and 万万 = 亿; ``None`` if it is not one, or longer than
    :data:`MAX_NUMERAL_LENGTH` characters, or :data:`MAX_MAGNITUDE` or more.  Digit-by-digit
    years (``二〇〇二``) read as 2002; a single digit after the last unit takes the next lower
    place (``一百五`` = 150, ``二万五`` = 25000)."""
    if len(text) > MAX_NUMERAL_LENGTH:
        return None
    text = "".join(_CN_TENS.get(ch, ch) for ch in text if not ch.isspace())
    sign = 1
    if text[:1] in _SIGNS:
        sign, text = -1, text[1:]
    if not text:
        return None
    for point in "点點":
        if point in text:
            head, _, tail = text.partition(point)
            digits = "".join(str(_CN_DIGITS[ch]) if ch in _CN_DIGITS else ch for ch in tail)
            m = re.match(r"\d+", digits)
            if m is None or not head:
                return None
            scale_part = digits[m.end() :]
            if scale_part and any(ch not in _CN_BIG for ch in scale_part):
                return None
            whole = _whole(head)
            if whole is None:
                return None
            value = whole + Decimal("0." + m.group())
            for ch in scale_part:
                value *= _CN_BIG[ch]
            break
    else:
        value = _whole(text)  # type: ignore[assignment]
        if value is None:
            return None
    if abs(value) >= MAX_MAGNITUDE:
        return None
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return sign * value


def chinese_to_int(text: str) -> int | None:
    """:func:`chinese` as an integer (``None`` for fractions or non-numerals)."""
    value = chinese(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


_TOKEN = re.compile(r"[a-z]+")


def english(text: str) -> Decimal | None:
    """English number words (``a``/``an`` allowed before a scale or ``dozen``); ``None`` unless
    the whole text is one well-formed number."""
    words = [w for w in _TOKEN.findall(text.lower()) if w != "and"]
    if not words:
        return None
    if "point" in words:  # two hundred point zero three: digits after the point, one by one
        at = words.index("point")
        head, tail = words[:at], words[at + 1 :]
        factor = 1
        if len(tail) > 1 and tail[-1] in ("thousand", "million", "billion", "trillion"):
            factor, tail = _SCALES[tail[-1]], tail[:-1]  # twelve point five million
        if factor > 1:
            rest = english(" ".join([*head, "point", *tail]))
            return None if rest is None else rest * factor
        whole = english(" ".join(head)) if head else Decimal(0)
        digits = [_SMALL.get("zero" if w in _ZERO_WORDS else w) for w in tail]
        if whole is None or not digits or any(d is None or d > 9 for d in digits):
            return None
        return whole + Decimal("0." + "".join(str(d) for d in digits))
    words = ["zero" if w in _ZERO_WORDS else w for w in words]
    if words[0].rstrip("s") in _SCALES and words[0].endswith("s"):
        return None  # thousands alone: no figure (the extractor reads "thousands of")
    words = [w[:-1] if w.endswith("s") and w[:-1] in _SCALES else w for w in words]
    if words[-1] in ("lakh", "crore") and len(words) > 1:
        base = english(" ".join(words[:-1]))
        return None if base is None else base * (10**5 if words[-1] == "lakh" else 10**7)
    if words[0] in ("a", "an"):
        if len(words) == 1 or words[1] not in (*_SCALES, "dozen"):
            return None
        words[0] = "one"
    total = 0
    current = 0
    last_term, last_scale = 0, 0  # the part the last scale word made (thousand million)
    previous = ""  # the class of the last word: s(mall), t(ens), h(undred), k(scale), z(dozen)
    for w in words:
        if w in _SMALL:
            if previous in ("s", "z") or (previous == "t" and _SMALL[w] >= 10):
                return None
            if previous == "t" and _SMALL[w] == 0:
                return None
            current += _SMALL[w]
            previous = "s"
        elif w in _TENS:
            if previous in ("s", "t", "z"):
                return None
            current += _TENS[w]
            previous = "t"
        elif w == "hundred":
            if previous in ("h", "z"):
                return None
            current = (current or 1) * 100
            previous = "h"
        elif w in _SCALES:
            if previous == "z":
                return None
            if previous == "k" and _SCALES[w] > last_scale:  # one hundred thousand million
                total -= last_term
                last_term *= _SCALES[w]
            else:
                last_term = (current or 1) * _SCALES[w]
            total += last_term
            last_scale = _SCALES[w]
            current = 0
            previous = "k"
        elif w in ("dozen", "dozens", "doz", "dozs"):
            if previous in ("z", "t", "h", "k"):
                return None
            current = (current or 1) * 12
            previous = "z"
        else:
            return None
    return Decimal(total + current)


def power_of(base: str, exponent: int) -> Decimal | None:
    """``base ** exponent`` written with a caret (``10^3``, ``1.1^+23``); ``None`` when it
    reaches :data:`MAX_MAGNITUDE`.

    >>> power_of("10", 3), power_of("2", -2), power_of("10", 999)
    (Decimal('1000'), Decimal('0.25'), None)
    """
    b = arabic(base)
    if b == 0 and exponent < 0:
        return None
    if b > 1 and exponent * float(b.log10()) >= 24:
        return None
    return b**exponent
