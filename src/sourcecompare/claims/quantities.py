"""Intervals, qualifiers and precision: what a figure commits its text to.

A figure is kept twice: ``value``, the number as written (``about 70`` -> 70), and the interval
``low``..``high`` the text commits to.  ``None`` on either side means *unbounded*.  The rules:

========================  =========================  ==========================================
hedge                     examples                   interval
========================  =========================  ==========================================
exact                     ``70``, ``七十人``            ``v .. v``
approximate               about, around, roughly,    ``v - h .. v + h`` (see :func:`spread`)
                          约, 大约, 左右, 上下
nearly                    nearly, almost, 近, 将近      ``v - h .. v``   (qualifier approximate)
more than                 more than, over, 逾, 超过     ``v + 1 .. None`` (counts; else ``v``)
more than, bounded        七十余, 30多, 300-odd          ``v + 1 .. v + p - 1`` (``p``: the place
                                                     of the last significant digit; 3个多月:
                                                     ``3 .. 4``)
at least                  at least, 至少, 以上          ``v .. None``
at most                   up to, at most, 最多, 以下     ``None .. v``
fewer than                fewer than, under, 不足       ``None .. v - 1`` (counts; else ``v``)
========================  =========================  ==========================================

The half-width ``h`` of an approximation comes from the precision as written: half the place of
the last significant digit, but no more than a tenth of the value, and never less than one unit
of the last digit (``1`` for whole numbers).  Years use half the place, at most 5 and at least 1.

>>> interval(Decimal(70), Hedge.APPROXIMATE)
(<ClaimQualifier.APPROXIMATE: 'approximate'>, 65.0, 75.0)
>>> interval(Decimal(94000), Hedge.APPROXIMATE)[1:]
(93500.0, 94500.0)
>>> interval(Decimal(70), Hedge.BOUNDED_MORE)
(<ClaimQualifier.MORE_THAN: 'more than'>, 71.0, 79.0)
>>> interval(Decimal(100000), Hedge.NEARLY)[1:]
(90000.0, 100000.0)
>>> interval(Decimal(1970), Hedge.APPROXIMATE, Kind.YEAR)[1:]
(1965.0, 1975.0)

Dates are encoded as numbers ``YYYYMMDD`` (2002-09-17 -> ``20020917``); a month without a day
has value ``YYYYMM00`` and the interval of its days; a date whose year is unknown has no value.
Clock times (kind ``time``) have value ``HHMM`` and no interval; identifiers have neither:
they are never compared as quantities.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ..model import ClaimKind, ClaimQualifier

__all__ = [
    "NOT_QUANTITIES",
    "Hedge",
    "Kind",
    "Mention",
    "Qualifier",
    "century_years",
    "date_value",
    "decade_part",
    "interval",
    "month_interval",
    "place",
    "spread",
    "valid_date",
    "widen",
]


#: what sort of figure a claim is (the shared vocabulary of :mod:`sourcecompare.model`)
Kind = ClaimKind


#: kinds that are never compared as quantities
NOT_QUANTITIES = frozenset({Kind.TIME, Kind.IDENTIFIER})


#: how the text commits to its figure (the shared vocabulary of :mod:`sourcecompare.model`)
Qualifier = ClaimQualifier


class Hedge(StrEnum):
    """The wording around a figure; each maps to a qualifier and an interval rule."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    NEARLY = "nearly"
    MORE_THAN = "more than"
    BOUNDED_MORE = "more than, bounded"
    AT_LEAST = "at least"
    AT_MOST = "at most"
    FEWER_THAN = "fewer than"


_QUALIFIER = {
    Hedge.EXACT: Qualifier.EXACT,
    Hedge.APPROXIMATE: Qualifier.APPROXIMATE,
    Hedge.NEARLY: Qualifier.APPROXIMATE,
    Hedge.MORE_THAN: Qualifier.MORE_THAN,
    Hedge.BOUNDED_MORE: Qualifier.MORE_THAN,
    Hedge.AT_LEAST: Qualifier.AT_LEAST,
    Hedge.AT_MOST: Qualifier.AT_MOST,
    Hedge.FEWER_THAN: Qualifier.FEWER_THAN,
}


@dataclass(frozen=True, slots=True)
class Mention:
    """A figure found in a bare string: what :func:`sourcecompare.claims.extract_from_text`
    returns.  ``start``/``end`` is the span in that string; ``text`` is ``string[start:end]``.
    """

    kind: Kind
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    text: str
    start: int
    end: int
    unit: str = ""
    unit_text: str = ""
    context: tuple[str, ...] = ()
    note: str = ""
    dimension: str = ""
    row_key: str = ""


def place(value: Decimal) -> Decimal:
    """The place of the last significant digit as written.

    >>> place(Decimal(70)), place(Decimal(1831)), place(Decimal(94000)), place(Decimal("3.5"))
    (Decimal('10'), Decimal('1'), Decimal('1000'), Decimal('0.1'))
    >>> place(Decimal(0))
    Decimal('1')
    """
    if value == 0:
        return Decimal(1)
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(10) ** exponent


def spread(value: Decimal, kind: Kind = Kind.COUNT) -> Decimal:
    """Half-width of ``about value``: see the module's rules.

    >>> spread(Decimal(70)), spread(Decimal(100)), spread(Decimal(1831)), spread(Decimal("3.5"))
    (Decimal('5'), Decimal('10'), Decimal('1'), Decimal('0.1'))
    >>> spread(Decimal(1985), Kind.YEAR), spread(Decimal(2000), Kind.YEAR)
    (Decimal('1'), Decimal('5'))
    """
    p = place(value)
    if kind in (Kind.YEAR, Kind.DECADE):
        return max(min(p / 2, Decimal(5)), Decimal(1))
    h = min(p / 2, abs(value) / 10)
    floor = Decimal(1) if value == value.to_integral_value() else p
    return max(h, floor)


def _integral(value: Decimal, kind: Kind) -> bool:
    return kind is Kind.COUNT and value == value.to_integral_value()


def interval(
    value: Decimal, hedge: Hedge, kind: Kind = Kind.COUNT
) -> tuple[Qualifier, float | None, float | None]:
    """The qualifier and interval of ``value`` under ``hedge`` (see the module's table).

    >>> interval(Decimal(70), Hedge.MORE_THAN)[1:], interval(Decimal(70), Hedge.FEWER_THAN)[1:]
    ((71.0, None), (None, 69.0))
    >>> interval(Decimal(30), Hedge.BOUNDED_MORE)[1:], interval(Decimal(3), Hedge.BOUNDED_MORE)[1:]
    ((31.0, 39.0), (3.0, 4.0))
    >>> interval(Decimal("68.5"), Hedge.MORE_THAN, Kind.PERCENT)[1:]
    (68.5, None)
    """
    qualifier = _QUALIFIER[hedge]
    v = float(value)
    one = Decimal(1) if _integral(value, kind) else Decimal(0)
    if hedge is Hedge.EXACT:
        return qualifier, v, v
    if hedge is Hedge.APPROXIMATE:
        h = spread(value, kind)
        return qualifier, float(value - h), float(value + h)
    if hedge is Hedge.NEARLY:
        return qualifier, float(value - spread(value, kind)), v
    if hedge is Hedge.MORE_THAN:
        return qualifier, float(value + one), None
    if hedge is Hedge.BOUNDED_MORE:
        p = place(value)
        if p >= 10:
            return qualifier, float(value + 1), float(value + p - 1)
        return qualifier, v, float(value + p)
    if hedge is Hedge.AT_LEAST:
        return qualifier, v, None
    if hedge is Hedge.AT_MOST:
        return qualifier, None, v
    return qualifier, None, float(value - one)


def widen(
    low: Decimal, high: Decimal, hedge: Hedge, kind: Kind = Kind.COUNT
) -> tuple[Qualifier, float, float]:
    """The interval of a range ``low..high``.  A hedged range (``about 70 to 80``) keeps its
    ends: the range already states how uncertain the figure is; it is marked approximate.

    >>> widen(Decimal(70), Decimal(80), Hedge.APPROXIMATE)
    (<ClaimQualifier.APPROXIMATE: 'approximate'>, 70.0, 80.0)
    >>> widen(Decimal(1959), Decimal(1984), Hedge.EXACT, Kind.YEAR)
    (<ClaimQualifier.EXACT: 'exact'>, 1959.0, 1984.0)
    """
    if hedge is Hedge.APPROXIMATE:
        return Qualifier.APPROXIMATE, float(low), float(high)
    return Qualifier.EXACT, float(low), float(high)


def date_value(year: int, month: int, day: int) -> float:
    """A date as the number ``YYYYMMDD``.

    >>> date_value(2002, 9, 17)
    20020917.0
    """
    return float(year * 10000 + month * 100 + day)


def month_interval(year: int, month: int) -> tuple[float, float, float]:
    """``(value, low, high)`` of a month: ``YYYYMM00`` and its first and last days.

    >>> month_interval(1952, 2)
    (19520200.0, 19520201.0, 19520229.0)
    """
    last = calendar.monthrange(year, month)[1]
    return (
        float(year * 10000 + month * 100),
        date_value(year, month, 1),
        date_value(year, month, last),
    )


def valid_date(year: int | None, month: int, day: int | None) -> bool:
    """Whether month (and day, and year when known) make a real date.

    >>> valid_date(2002, 9, 17), valid_date(2002, 2, 30), valid_date(None, 2, 29)
    (True, False, True)
    """
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    last = calendar.monthrange(year if year is not None else 2000, month)[1]
    return 1 <= day <= last


def decade_part(decade: int, part: str) -> tuple[int, int]:
    """Years of the early / mid / late part of a decade (or all of it).

    >>> decade_part(1990, ""), decade_part(1990, "early"), decade_part(1990, "mid")
    ((1990, 1999), (1990, 1993), (1994, 1996))
    >>> decade_part(1990, "late")
    (1997, 1999)
    """
    return {
        "early": (decade, decade + 3),
        "mid": (decade + 4, decade + 6),
        "late": (decade + 7, decade + 9),
    }.get(part, (decade, decade + 9))


def century_years(century: int, part: str) -> tuple[int, int]:
    """Years of a century (the 20th: 1900 to 1999, as 20世纪90年代 is the 1990s) or of its early /
    mid / late part (a third each).

    >>> century_years(20, ""), century_years(19, "late"), century_years(21, "early")
    ((1900, 1999), (1867, 1899), (2000, 2033))
    """
    first = (century - 1) * 100
    return {
        "early": (first, first + 33),
        "mid": (first + 34, first + 66),
        "late": (first + 67, first + 99),
    }.get(part, (first, first + 99))
