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
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

__all__ = [
    "EN_FRACTIONS",
    "EN_NUMBER_WORDS",
    "arabic",
    "chinese",
    "chinese_to_int",
    "english",
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

#: every English word that can be part of a cardinal number
EN_NUMBER_WORDS: frozenset[str] = frozenset({*_SMALL, *_TENS, *_SCALES, "dozen"})

#: English fraction words -> denominator
EN_FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}  # fmt: skip

_CN_SCALE = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_EN_SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
                   "trillion": 10**12, "m": 10**6, "mn": 10**6, "bn": 10**9, "k": 1000}  # fmt: skip


def arabic(text: str) -> Decimal:
    """Digits, with ``,`` thousands separators and a ``.`` decimal point."""
    return Decimal(text.replace(",", ""))


def scale(word: str) -> int | None:
    """The multiplier of a scale word or character: ``万`` -> 10000, ``million`` -> 10**6."""
    return _CN_SCALE.get(word) or _EN_SCALE_WORDS.get(word.lower())


@lru_cache(maxsize=4096)
def chinese(text: str) -> Decimal | None:
    """A Chinese numeral (or digits with a Chinese scale) read with cn2an; ``None`` if it is not
    one.  Digit-by-digit years (``二〇〇二``) read as 2002."""
    import cn2an  # heavy-ish: imported on first use

    if text[:1] in "百千万萬亿億":
        text = "一" + text  # 百人: a hundred
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:  # pragma: no cover - cn2an returns numbers
        return None


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
    if words[0] in ("a", "an"):
        if len(words) == 1 or words[1] not in (*_SCALES, "dozen"):
            return None
        words[0] = "one"
    total = 0
    current = 0
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
            total += (current or 1) * _SCALES[w]
            current = 0
            previous = "k"
        elif w == "dozen":
            if previous in ("z", "t", "h", "k"):
                return None
            current = (current or 1) * 12
            previous = "z"
        else:
            return None
    return Decimal(total + current)
