"""Chinese numerals in their canonical forms, read without cn2an (the aligner's fast path).

The aligner reads figures written in Chinese numerals (``二十五万``) as cn2an's ``smart`` mode
does.  Importing cn2an compiles large patterns (about half a second), so the forms met almost
always are read here: strings of digits (``一九六`` = 196, ``三两`` = 32, read digit by
digit as cn2an does), and positional numbers (``一百零五``, ``两千``, ``十五``,
``一亿零八百一十二万``) with the zeros where the canonical form has them.  Any other shape
(shorthands such as ``一千二`` or ``一万五``, doubled units, odd zeros) is :data:`UNSURE`, and
the caller asks cn2an.  The tests compare :func:`read` with cn2an on every string of up to
four characters of the numeral alphabet and on random longer ones.

>>> read("二十五万"), read("一百零五"), read("一九六"), read("万"), read("千万")
(250000.0, 105.0, 196.0, None, None)
>>> read("一千二") is UNSURE
True
"""

from __future__ import annotations

from typing import Final

__all__ = ["UNSURE", "read"]


class _Unsure:
    """The marker of a form this module does not read (the caller asks cn2an)."""

    def __repr__(self) -> str:
        return "UNSURE"


#: returned for a form this module leaves to cn2an
UNSURE: Final = _Unsure()

_DIGIT = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_ZERO = frozenset("零〇")
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_BIG_CLASSES = ((10**8, frozenset("亿億")), (10**4, frozenset("万萬")))
_NONE = 10**4  # "no unit yet" within a section
#: units that cannot lead a number of two characters (十 can: 十五)
_LEADING_UNITS = frozenset("百千万萬亿億")


def read(token: str) -> float | _Unsure | None:
    """The value cn2an's ``smart`` mode gives ``token`` (``None`` where it raises), or
    :data:`UNSURE` for a form this module does not read."""
    if not token:
        return UNSURE
    if all(ch in _DIGIT for ch in token):
        return float("".join(str(_DIGIT[ch]) for ch in token))  # inf when too long
    if len(token) == 1:
        return 10.0 if token == "十" else None  # a unit alone is no number to cn2an
    if len(token) == 2 and token[0] in _LEADING_UNITS:
        return None  # nor two characters led by a unit (千万, 万一, 百万): cn2an raises on all
    value = _number(token, True)
    return value if isinstance(value, _Unsure) else float(value)


def _number(s: str, first: bool) -> int | _Unsure:
    """``s`` split at its largest unit (亿, then 万) into canonical sections."""
    for big, chars in _BIG_CLASSES:
        where = [k for k, ch in enumerate(s) if ch in chars]
        if not where:
            continue
        if len(where) > 1:
            return UNSURE
        head, rest = s[: where[0]], s[where[0] + 1 :]
        if not head or any(ch in _BIG for ch in head):
            return UNSURE
        value = _section(head, first)
        if isinstance(value, _Unsure) or value == 0:
            return UNSURE
        if not rest:
            return value * big
        if rest[0] in _ZERO:  # 一万零五: the next places are empty
            low = _number(rest[1:], False) if len(rest) > 1 else UNSURE
            if isinstance(low, _Unsure) or not 0 < low < big // 10:
                return UNSURE
        else:  # the rest must fill the place right below (一万五千, not 一万五)
            low = _number(rest, False)
            if isinstance(low, _Unsure) or low < big // 10:
                return UNSURE
        return value * big + low
    return _section(s, first)


def _section(s: str, first: bool) -> int | _Unsure:
    """A number below 10,000 in canonical form: digit-unit pairs in falling order, one zero
    for a gap, a final digit in the units place; ``十`` may start the whole number alone."""
    if not s:
        return UNSURE
    total = 0
    last = _NONE
    zero = False
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch in _ZERO:
            if zero or i == 0 or i == n - 1 or last <= 10:
                return UNSURE
            zero = True
            i += 1
        elif ch in _DIGIT:
            digit = _DIGIT[ch]
            if i + 1 == n:  # the units place: after 十, or after a zero, or alone
                if last in (_NONE, 10) or (zero and last > 10):
                    return total + digit
                return UNSURE  # a shorthand: 一千二, 一百一
            unit = _SMALL.get(s[i + 1])
            if unit is None or unit >= last:
                return UNSURE
            if zero and unit * 10 == last:
                return UNSURE  # a zero between neighbouring places
            if not zero and last != _NONE and unit * 10 != last:
                return UNSURE  # a gap without its zero
            total += digit * unit
            last = unit
            zero = False
            i += 2
        elif ch == "十" and i == 0 and first:
            total, last = 10, 10
            i += 1
        else:
            return UNSURE
    return UNSURE if zero else total
