"""Figures on one scale: the family a claim's kind belongs to, the interval it commits to, its
point, how close two figures are and how telling one is on its own.

Everything here is table-driven by kind: :data:`FAMILY` says which kinds can state the same
fact (a count with a range, a year with a decade or a date), :data:`DIMENSION` which counted
units measure the same thing in another unit (``weeks`` and ``months`` are both durations).  A
kind the tables do not know has no family and is never matched (it is listed one-sided).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from ..model import Claim

__all__ = [
    "DIMENSION",
    "FAMILY",
    "RANK_CLOSENESS",
    "SLIP_CLOSENESS",
    "closeness",
    "core_span",
    "dimension",
    "duration_unit",
    "family",
    "in_base_unit",
    "interval",
    "is_full_date",
    "is_period",
    "is_vague_duration",
    "point",
    "rounded_span",
    "same_dimension",
    "span",
    "specificity",
    "time_span",
    "unit_slip",
    "written",
    "written_unit",
]

#: kinds that can state the same fact, by family (kinds another stage may add slot in here)
FAMILY: Mapping[str, str] = {
    "count": "quantity",
    "range": "quantity",
    "year": "time",
    "decade": "time",
    "date": "time",
    "percent": "percent",
    "money": "money",
    "duration": "quantity",
    "measurement": "quantity",
    "rank": "rank",
    "ordinal": "rank",
}

#: counted units that measure one dimension, with their size in its base unit (days)
DIMENSION: Mapping[str, tuple[str, float]] = {
    "days": ("duration", 1.0),
    "day": ("duration", 1.0),
    "weeks": ("duration", 7.0),
    "week": ("duration", 7.0),
    "months": ("duration", 30.44),
    "month": ("duration", 30.44),
    "years": ("duration", 365.25),
    "hours": ("duration", 1 / 24),
    "hour": ("duration", 1 / 24),
    "minutes": ("duration", 1 / 1440),
    "minute": ("duration", 1 / 1440),
}

#: how telling a figure of each time kind is on its own (see :func:`specificity`)
TIME_SPECIFICITY: Mapping[str, float] = {"date": 0.8, "range": 0.85, "year": 0.35, "decade": 0.3}


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

#: the closeness of one number written in two units of one dimension (see :func:`unit_slip`)
SLIP_CLOSENESS = 0.5
#: the closeness of two different ranks (positions in one ordering are not near or far)
RANK_CLOSENESS = 0.3


def family(c: Claim) -> str | None:
    """The family of a claim's kind (``None``: never compared)."""
    if c.kind == "range" and c.unit == "year":
        return "time"
    return FAMILY.get(str(c.kind))


def is_full_date(c: Claim) -> bool:
    """A date to the day (``April 15, 2007``, ``2007年8月15日``; not ``May 1981``).

    >>> from sourcecompare.model import Claim
    >>> def d(v):
    ...     return Claim("x", "d", 0, 0, "date", v, v, v, "exact", "date", "", "", 0, 0)
    >>> is_full_date(d(20070415.0)), is_full_date(d(19810500.0))
    (True, False)
    """
    return c.kind == "date" and c.value is not None and int(c.value) % 100 != 0


def is_period(c: Claim) -> bool:
    """A span of years stated by both ends (``between 1977 and 1983``, ``1959-1984``)."""
    return c.kind == "range" and c.unit == "year"


def in_base_unit(c: Claim) -> bool:
    """Whether a claim's interval is already in its dimension's base unit (a duration or a
    measurement: its ``value`` is the number as written, ``low``/``high`` in days, metres...)."""
    return c.kind in ("duration", "measurement")


def _scale(c: Claim) -> float:
    """The factor taking a claim's figures to its dimension's base unit (1 without one)."""
    if in_base_unit(c):
        return 1.0
    found = DIMENSION.get(c.unit)
    return found[1] if found else 1.0


def dimension(c: Claim) -> str:
    """What a claim's figure measures physically (``duration``, ``length``...; ``""`` for a
    plain count, money, a share)."""
    if c.dimension:
        return c.dimension
    if c.kind == "duration":
        return "duration"
    found = DIMENSION.get(c.unit)
    return found[0] if found else ""


def same_dimension(a: Claim, b: Claim) -> bool:
    """Whether two claims' counted units can be compared: the same unit, a unit on one side
    only, or two units of one dimension (``six weeks`` and ``四个月``).  A figure with a
    dimension (a duration, a length) compares only with one of the same dimension: ``11``
    tenures are no ``17年``."""
    da, db = dimension(a), dimension(b)
    if da or db:
        return da == db
    return not a.unit or not b.unit or a.unit == b.unit


def interval(c: Claim) -> tuple[float, float]:
    """The closed interval a claim commits to, in its dimension's base unit (open ends
    infinite)."""
    k = _scale(c)
    low = c.low * k if c.low is not None else -math.inf
    high = c.high * k if c.high is not None else math.inf
    return low, high


def _year_fraction(yyyymmdd: float) -> tuple[float, float]:
    """The span of a ``YYYYMMDD`` date (``YYYYMM00`` a whole month) in fractional years."""
    n = int(yyyymmdd)
    year, month, day = n // 10000, n // 100 % 100, n % 100
    start = year + (max(month, 1) - 1) / 12
    if day == 0:
        return start, start + 1 / 12
    at = start + (day - 1) / 372
    return at, at + 1 / 372


def time_span(c: Claim) -> tuple[float, float]:
    """A time claim as a span of fractional years ``[start, end)``, so that a date, a year, a
    decade and a period of years compare on one scale (1959 is ``[1959, 1960)``).

    >>> from sourcecompare.model import Claim
    >>> def t(kind, low, high):
    ...     return Claim("x", "d", 0, 0, kind, low, low, high, "exact", "year", "", "", 0, 0)
    >>> time_span(t("year", 1959, 1959)), time_span(t("decade", 1970, 1979))
    ((1959, 1960), (1970, 1980))
    >>> start, end = time_span(t("date", 20020917, 20020917)); 2002.6 < start < end < 2002.8
    True
    """
    low = c.low if c.low is not None else -math.inf
    high = c.high if c.high is not None else math.inf
    if c.kind == "date":
        lo = _year_fraction(low)[0] if math.isfinite(low) else low
        hi = _year_fraction(high)[1] if math.isfinite(high) else high
        return lo, hi
    return low, high + 1 if math.isfinite(high) else high


def span(c: Claim) -> tuple[float, float]:
    """The interval a claim commits to, on its family's scale (closed for quantities)."""
    return time_span(c) if family(c) == "time" else interval(c)


def point(c: Claim) -> float | None:
    """One number standing for the claim (the figure as written, else its interval's middle
    or its one finite end), on its family's scale."""
    if family(c) == "time":
        low, high = time_span(c)
    else:
        if c.value is not None and not in_base_unit(c):
            return c.value * _scale(c)
        low, high = interval(c)
    if math.isfinite(low) and math.isfinite(high):
        return (low + high) / 2
    return low if math.isfinite(low) else (high if math.isfinite(high) else None)


def closeness(a: Claim, b: Claim) -> float:
    """1 for the same figure, falling towards 0 as the figures drift apart (by ratio; years
    by difference, ten years apart being unrelated, or one year for two full dates)."""
    if family(a) == "time":
        (a_low, a_high), (b_low, b_high) = time_span(a), time_span(b)
        if is_period(a) and is_period(b):
            gap = (abs(a_low - b_low) + abs(a_high - b_high)) / 2
        else:
            x, y = point(a), point(b)
            if x is None or y is None:
                return 0.0
            inside = a_low <= y < a_high or b_low <= x < b_high
            gap = 0.0 if inside else abs(x - y)
        # two full dates a year apart are different events; years, ten years apart
        scale = 1.0 if a.kind == b.kind == "date" else 10.0
        return max(0.0, 1.0 - gap / scale) if math.isfinite(gap) else 0.0
    x, y = point(a), point(b)
    if x is None or y is None:
        return 0.0
    if x == y:
        return 1.0
    if family(a) == "rank":
        return RANK_CLOSENESS
    if unit_slip(a, b):
        return SLIP_CLOSENESS  # third against seventh: nearness of positions says nothing
    if x <= 0 or y <= 0:
        return 0.0
    ratio = min(x, y) / max(x, y)
    if dimension(a) == dimension(b) == "duration":
        return max(0.0, (ratio - 0.1) / 0.9)  # durations: three weeks against three months
    return max(0.0, (ratio - 0.5) / 0.5)


def specificity(c: Claim) -> float:
    """How unlikely two unrelated sentences are to share this figure by chance (0..1).

    Large counts are telling (two sources citing 27,000 of something about one topic most
    likely cite the same fact); small ones are not (``two``, ``five`` are everywhere).  Years
    are common in a history, a full date less so.

    >>> from sourcecompare.model import Claim
    >>> def c(v, kind="count"):
    ...     return Claim("x", "d", 0, 0, kind, v, v, v, "exact", "person", "", "", 0, 0)
    >>> [round(specificity(c(v)), 2) for v in (2, 70, 1828, 27000)]
    [0.08, 0.46, 0.82, 1.0]
    >>> specificity(c(1959, "year"))
    0.35
    """
    fam = family(c)
    if fam == "time":
        return TIME_SPECIFICITY.get(str(c.kind), 0.35)
    at = c.value if c.value is not None else point(c)
    if at is None or at <= 0:
        return 0.0
    if fam == "percent":  # 46.9% is more telling than 40%
        return 0.4 if float(at).is_integer() else 0.7
    return max(0.05, min(1.0, math.log10(max(at, 1.0)) / 4))


def written_unit(c: Claim) -> str:
    """The unit key of the words a figure is written with (``个月`` and ``month``: ``months``;
    ``lipa``), through the claims' unit table; ``""`` when they name none."""
    if not c.unit_text:
        return ""
    from ..claims.units import table
    from ..script import to_simplified

    text = c.unit_text.strip()
    if _HAN.search(text):
        text = to_simplified(text)
        found = table().match("zh", text) or table().match("zh", text.lstrip("个"))
    else:
        found = table().match("en", text)
    return found.unit if found is not None else ""


def duration_unit(c: Claim) -> tuple[float, float] | None:
    """The size in days (shortest, longest) of the one unit a duration is written in
    (``个月``, ``weeks``: a month is 28 to 31 days); ``None`` for a duration in parts or
    a unit the tables do not know."""
    if c.kind != "duration":
        return None
    from ..claims.measures import measures

    row = measures().get(written_unit(c))
    if row is None or row.dimension != "duration" or row.base != "d":
        return None
    return row.factor, row.high_factor if row.high_factor is not None else row.factor


def is_vague_duration(c: Claim) -> bool:
    """A duration without a number (``several months``, ``數月``, ``a few weeks``)."""
    return c.kind == "duration" and c.value is None and c.qualifier != "exact"


def core_span(c: Claim) -> tuple[float, float]:
    """A duration's number in its unit without its hedge (``about a month``: 28 to 31 days):
    a hedge rounds a count of months, it does not make one month several."""
    unit = duration_unit(c)
    if unit is None or c.value is None:
        return span(c)
    return c.value * unit[0], c.value * unit[1]


def rounded_span(c: Claim) -> tuple[float, float]:
    """A duration written as a whole number of one unit states it to the nearest unit
    (``17年``: 16 1/2 to 17 1/2 years, so ``16 years and 286 days`` is within it); other
    figures their interval."""
    low, high = span(c)
    unit = duration_unit(c)
    if unit is None or c.value is None or not float(c.value).is_integer() or c.value < 1:
        return low, high
    return min(low, (c.value - 0.5) * unit[0]), max(high, (c.value + 0.5) * unit[1])


def written(c: Claim) -> tuple[float | None, str]:
    """The number as written and the unit key it is written in: ``1 lipa`` is ``(1, "lipa")``
    though its value is 0.01 HRK, ``six weeks`` ``(6, "weeks")`` though its interval is in
    days."""
    if c.kind == "money":
        unit = written_unit(c) or c.unit
        if unit != c.unit and c.value is not None:
            from ..claims.units import subunits

            row = subunits().get(unit)
            if row is not None and row[0] == c.unit and row[1] > 0:
                return float(f"{c.value / row[1]:.9g}"), unit
        return c.value, c.unit
    if in_base_unit(c):
        return c.value, written_unit(c) or c.unit
    return c.value, c.unit


def unit_slip(a: Claim, b: Claim) -> bool:
    """The same number written in two units of one dimension or currency (``1 lipa`` against
    ``一庫納幣``, ``six weeks`` against ``六個月``): a classic slip, so the two figures are near
    though their values are a hundred times apart."""
    if a.kind != b.kind or not (a.kind == "money" or in_base_unit(a)):
        return False
    (x, ux), (y, uy) = written(a), written(b)
    return x is not None and x == y and bool(ux and uy) and ux != uy
