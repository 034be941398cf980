"""The machinery both extractors share: a text with its non-quantities masked, figures found
stage by stage (each character belongs to one figure at most), and the counted noun a bare
number takes over from the figure it refers back to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from . import starts
from .exclusions import MASK, Excluded
from .prefilter import Text
from .quantities import (
    Hedge,
    Kind,
    Qualifier,
    date_value,
    interval,
    month_interval,
    valid_date,
    widen,
)

__all__ = ["Found", "Scanner", "resolve_date_order"]

#: units that name a span of time or an age: a bare number never takes these over
TIME_UNITS = frozenset({"years", "months", "weeks", "days", "hours", "minutes", "decades", "age"})


@dataclass(slots=True)
class Found:
    """A figure while it is being extracted (becomes a :class:`~.quantities.Mention`)."""

    kind: Kind
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    start: int
    end: int
    unit: str = ""
    unit_span: tuple[int, int] | None = None
    anaphoric: bool = False
    antecedent: Found | None = None
    pending: tuple[int, int | None, int] | None = None  # month, day, years after the antecedent
    note: str = ""
    dimension: str = ""
    row_key: str = ""
    month_shift: int = 0  # a day alone in the month after (次月5日: 1) the one it inherits
    per_unit: float = 0.0  # of a duration: its unit in days, at least (a month: 28)
    #: of a date in numbers with the year last: "dm" (13.5.2015) or "md" (5/13/2015) when the
    #: numbers tell, "?" when they do not (3-7-2017: then ``readings`` is (day first, month first))
    date_order: str = ""
    readings: tuple[float | None, float | None] | None = None


def resolve_date_order(found: Sequence[Found], where: str) -> None:
    """Read the ambiguous dates of ``found`` (``3-7-2017``, still without a value) in the one
    day/month order its other dates in numbers show (``13-7-2017``: day first), if they show
    one; the note says where the order came from (``paragraph``, ``document``)."""
    orders = {f.date_order for f in found if f.date_order in ("dm", "md")}
    if len(orders) != 1:
        return
    index = 0 if orders == {"dm"} else 1
    for f in found:
        if f.date_order != "?" or f.value is not None or f.readings is None:
            continue
        reading = f.readings[index]
        if reading is None:
            continue
        f.value = f.low = f.high = reading
        f.qualifier = Qualifier.EXACT
        f.note = f"day/month order of the {where}'s other dates"


def _as_measure(found: Found) -> None:
    from .measures import dimension, to_base

    dim = dimension(found.unit)
    if not dim:
        return
    if found.kind is Kind.RANGE:
        found.value = None
    found.kind = Kind.DURATION if dim == "duration" else Kind.MEASUREMENT
    found.dimension = dim
    if dim == "duration":
        found.per_unit = to_base(found.unit, 1.0, 1.0)[1] or 0.0
    found.unit, found.low, found.high = to_base(found.unit, found.low, found.high)
    if found.low is not None and found.high is not None and found.low > found.high:
        # a negative figure scaled by a unit of uneven length (-1年: -365 or -366 days)
        found.low, found.high = found.high, found.low


def _as_currency(found: Found) -> None:
    """A figure in coins of a subunit (``1 lipa``) becomes money of its currency (0.01 HRK)."""
    from .units import subunits

    row = subunits().get(found.unit)
    if row is None:
        return
    currency, factor = row

    def conv(x: float | None) -> float | None:
        return None if x is None else float(f"{x * factor:.12g}")

    found.unit = currency
    found.value, found.low, found.high = conv(found.value), conv(found.low), conv(found.high)


class Scanner:
    """A text, its masked copy, and what has been found in it so far."""

    __slots__ = ("_literals", "_masked", "found", "taken", "text")

    def __init__(self, text: str, excluded: list[Excluded]) -> None:
        self.text = text
        self.taken = bytearray(len(text))
        for exc in excluded:
            self.taken[exc.start : exc.end] = b"\x01" * (exc.end - exc.start)
        self.found: list[Found] = []
        self._masked: str | None = None
        self._literals = Text.of(text)  # shared with the exclusion passes over this text

    @property
    def masked(self) -> str:
        """The text with every excluded or already-found character replaced by NUL."""
        if self._masked is None:
            text, taken, n = self.text, self.taken, len(self.text)
            parts: list[str] = []
            i = 0
            while i < n:
                j = taken.find(1, i)
                if j < 0:
                    parts.append(text[i:])
                    break
                k = taken.find(0, j)
                k = n if k < 0 else k
                parts.append(text[i:j])
                parts.append(MASK * (k - j))
                i = k
            self._masked = "".join(parts)
        return self._masked

    def free(self, start: int, end: int) -> bool:
        return start < end and self.taken.find(1, start, end) < 0

    def matches(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` in the masked text that are still free when reached (none,
        without a pass, when the text lacks what every match of the pattern needs)."""
        if not self._literals.may_match(pattern):
            return
        for m in starts.finditer(pattern, self.masked):  # tried where a match can start
            if self.free(m.start(), m.end()):
                yield m

    def add(self, found: Found) -> Found:
        """Record a figure and claim its characters; a count or range in a unit of measurement
        becomes a measurement (or duration) with its interval in the base unit, and money in
        coins of a subunit money of its currency."""
        if found.kind in (Kind.COUNT, Kind.RANGE) and found.unit:
            _as_measure(found)
        if found.kind in (Kind.MONEY, Kind.RANGE) and found.unit:
            _as_currency(found)
        self.found.append(found)
        self.taken[found.start : found.end] = b"\x01" * (found.end - found.start)
        if self._masked is not None:  # patched in place of a rebuild: linear in the figures
            n = found.end - found.start
            self._masked = self._masked[: found.start] + MASK * n + self._masked[found.end :]
        return found

    def skip(self, start: int, end: int) -> None:
        """Claim characters that hold no figure (公元前5世纪: a century BC is not read), so no
        later stage reads a number out of them."""
        self.taken[start:end] = b"\x01" * (end - start)
        self._masked = None

    def point(
        self,
        kind: Kind,
        start: int,
        end: int,
        value: Decimal,
        hedge: Hedge = Hedge.EXACT,
        **extra: object,
    ) -> Found:
        """Add a figure with one value; its interval follows from ``hedge``."""
        qualifier, low, high = interval(value, hedge, kind)
        return self.add(Found(kind, float(value), low, high, qualifier, start, end, **extra))  # type: ignore[arg-type]

    def date(
        self, start: int, end: int, year: int | None, month: int, day: int | None, offset: int = 0
    ) -> Found | None:
        """Add a date (a whole month when ``day`` is ``None``); a date without a year waits for
        :meth:`resolve_dates`.  ``None`` if month and day make no date."""
        if month and not valid_date(year, month, day):
            return None
        if not month and (day is None or not 1 <= day <= 31):
            return None
        if year is None:
            return self.add(
                Found(Kind.DATE, None, None, None, Qualifier.EXACT, start, end,
                      pending=(month, day, offset), unit="date")
            )  # fmt: skip
        if day is None:
            value, low, high = month_interval(year, month)
        else:
            value = low = high = date_value(year, month, day)
        return self.add(
            Found(Kind.DATE, value, low, high, Qualifier.EXACT, start, end, unit="date")
        )

    def ambiguous_date(
        self, start: int, end: int, year: int, first: tuple[int, int], second: tuple[int, int]
    ) -> Found | None:
        """A date whose day and month may be read either way (``3-7-2017``): no value, the two
        readings as the bounds, qualifier approximate, and a note."""
        both = tuple(
            date_value(year, month, day) if valid_date(year, month, day) else None
            for day, month in (first, second)
        )  # fmt: skip
        readings = sorted(r for r in both if r is not None)
        if not readings:
            return None
        return self.add(
            Found(Kind.DATE, None, readings[0], readings[-1], Qualifier.APPROXIMATE, start, end,
                  unit="date", note="ambiguous day/month order", date_order="?",
                  readings=(both[0], both[1]))
        )  # fmt: skip

    def resolve_date_order(self) -> None:
        """Ambiguous dates (``3-7-2017``) read in the order the paragraph's other numeric dates
        show, when they all show one (``13-7-2017`` is day first): a writer keeps to one order."""
        resolve_date_order(self.found, "paragraph")

    def date_range(
        self,
        start: int,
        end: int,
        year: int | None,
        month1: int,
        day1: int | None,
        month2: int,
        day2: int | None,
    ) -> Found | None:
        """A period of days (``from 4 to 22 January, 1995``): a range of ``YYYYMMDD`` ends."""
        if year is None or not valid_date(year, month1, day1) or not valid_date(year, month2, day2):
            return None
        low = date_value(year, month1, day1 or 1)
        high = (date_value(year, month2, day2) if day2 is not None
                else month_interval(year, month2)[2])  # fmt: skip
        if not low < high:
            return None
        return self.add(
            Found(Kind.RANGE, None, low, high, Qualifier.EXACT, start, end, unit="date")
        )

    def range(
        self,
        start: int,
        end: int,
        low: Decimal,
        high: Decimal,
        hedge: Hedge,
        unit_kind: Kind,
        **extra: object,
    ) -> Found | None:
        """Add a range ``low..high`` (of years when ``unit_kind`` is ``YEAR``); ``None`` unless
        ``low < high``."""
        if not low < high:
            return None
        qualifier, lo, hi = widen(low, high, hedge, unit_kind)
        if unit_kind is Kind.YEAR:
            extra.setdefault("unit", "year")
        return self.add(Found(Kind.RANGE, None, lo, hi, qualifier, start, end, **extra))  # type: ignore[arg-type]

    def _days(self, f: Found, year: int | None) -> tuple[float, float] | None:
        """The first and last day (``YYYYMMDD``) of a year or date; a date without a year takes
        ``year``."""
        if f.kind is Kind.YEAR and f.value is not None:
            y = int(f.value)
            return date_value(y, 1, 1), date_value(y, 12, 31)
        if f.kind is not Kind.DATE:
            return None
        if f.pending is not None:
            month, day, _ = f.pending
            if year is None or not valid_date(year, month, day):
                return None
            if day is None:
                _, low, high = month_interval(year, month)
                return low, high
            return date_value(year, month, day), date_value(year, month, day)
        if f.low is None or f.high is None or f.value is None:
            return None
        return f.low, f.high

    def merge_periods(self, between: re.Pattern[str], lead: re.Pattern[str] | None = None) -> None:
        """Two calendar figures joined as a period (``between January 1st 2015 and Feb 5th
        2018``, ``from 2015 to May 5th, 2017``, ``2016年1月到3月``) become one range of days;
        an end without a year takes the other's."""
        cal = sorted(
            (f for f in self.found if f.kind in (Kind.YEAR, Kind.DATE)
             and f.qualifier is Qualifier.EXACT),
            key=lambda f: f.start,
        )  # fmt: skip
        used: set[int] = set()
        for f1, f2 in pairwise(cal):
            if id(f1) in used or Kind.DATE not in (f1.kind, f2.kind):
                continue
            gap = between.fullmatch(self.text, f1.end, f2.start)
            if gap is None:
                continue
            start = f1.start
            if lead is not None:
                m = lead.search(self.text, max(0, f1.start - 12), f1.start)
                if m is None and gap.groupdict().get("needs"):
                    continue
                if m is not None:
                    start = m.start()
            y1 = self._year_of(f1)
            y2 = self._year_of(f2)
            a, b = self._days(f1, y1 if y1 is not None else y2), self._days(f2, y2 or y1)
            if a is None or b is None or not a[0] < b[1]:
                continue
            self.found = [f for f in self.found if f is not f1 and f is not f2]
            used.update((id(f1), id(f2)))
            self.add(Found(Kind.RANGE, None, a[0], b[1], Qualifier.EXACT, start, f2.end,
                           unit="date"))  # fmt: skip

    def merge_durations(self, between: re.Pattern[str]) -> None:
        """A duration stated in parts, each in a smaller unit than the one before (``16 years
        and 286 days``, ``两年零三个月``, ``1 year, 2 months and 3 days``) is one duration: the
        sum of the parts, from the first figure to the last."""
        parts = sorted(
            (f for f in self.found if f.kind is Kind.DURATION and f.per_unit
             and f.low is not None and f.high is not None),
            key=lambda f: f.start,
        )  # fmt: skip
        merged: list[tuple[Found, Found]] = []  # (the whole, its last part)
        for f in parts:
            if merged:
                whole, last = merged[-1]
                after = last.unit_span[1] if last.unit_span else last.end
                if (
                    after <= f.start
                    and f.per_unit < last.per_unit
                    and f.high is not None
                    and f.high < last.per_unit
                    and between.fullmatch(self.text, max(after, last.end), f.start)
                ):
                    merged[-1] = (self._join(whole, f), f)
                    continue
            merged.append((f, f))
        for whole, _ in merged:
            if whole not in parts:
                self.found = [g for g in self.found if not whole.start <= g.start < whole.end]
                self.add(whole)

    @staticmethod
    def _join(a: Found, b: Found) -> Found:
        assert a.low is not None and a.high is not None and b.low is not None
        assert b.high is not None
        qualifier = a.qualifier if a.qualifier is not Qualifier.EXACT else b.qualifier
        end = b.unit_span[1] if b.unit_span and b.unit_span[1] > b.end else b.end
        return Found(Kind.DURATION, None, float(f"{a.low + b.low:.9g}"),
                     float(f"{a.high + b.high:.9g}"), qualifier, a.start, end, unit=a.unit,
                     dimension=a.dimension, per_unit=b.per_unit)  # fmt: skip

    @staticmethod
    def _year_of(f: Found) -> int | None:
        if f.value is None or f.pending is not None:
            return None
        return int(f.value) if f.kind is Kind.YEAR else int(f.value) // 10000

    def resolve_anaphora(self) -> None:
        """A bare count that refers back (``of whom 1,828``, ``其中1828``, ``two died``) takes
        the counted noun of the nearest earlier count that has one (not a span of time)."""
        last: Found | None = None
        for f in sorted(self.found, key=lambda f: f.start):
            if f.kind not in (Kind.COUNT, Kind.RANGE):
                continue
            if not f.unit and f.anaphoric and last is not None:
                f.unit = last.unit
                f.antecedent = last
            if f.unit and f.unit not in TIME_UNITS and f.unit != "year":
                last = f

    def resolve_dates(self, coordinated: re.Pattern[str] | None = None) -> None:
        """A date without a year (``同年5月3日``, ``May 3``) takes the nearest earlier year in
        the text (plus ``pending[2]``: 次年 is the year after); a day alone (``13日``: month 0)
        also takes the month of the nearest earlier date.  A date joined by ``coordinated``
        (``and``, ``,``) to a later dated one shares its year (``May 3 and June 7, 1961``).
        Without any it has no value."""
        dated = sorted(
            (f for f in self.found
             if f.value is not None and f.pending is None and f.kind in (Kind.YEAR, Kind.DATE)),
            key=lambda f: f.start,
        )  # fmt: skip
        for f in sorted(self.found, key=lambda f: f.start):
            if f.pending is None:
                continue
            month, day, offset = f.pending
            earlier = [g for g in dated if g.start < f.start]
            later = [g for g in dated if g.start >= f.end]
            source: Found | None = earlier[-1] if earlier else None
            if (
                coordinated is not None and later and month
                and coordinated.fullmatch(self.text, f.end, later[0].start)
            ):  # fmt: skip
                source, offset = later[0], 0
            if source is None or source.value is None:
                continue
            value = int(source.value)
            year = (value // 10000 if source.kind is Kind.DATE else value) + offset
            if not month:  # a day alone: the month of the earlier date (次月: the next one)
                if source.kind is not Kind.DATE or value // 100 % 100 == 0:
                    continue
                months = year * 12 + value // 100 % 100 - 1 + f.month_shift
                year, month = months // 12, months % 12 + 1
            if not valid_date(year, month, day):
                continue
            if day is None:
                f.value, f.low, f.high = month_interval(year, month)
            else:
                f.value = f.low = f.high = date_value(year, month, day)
            f.pending = None
            dated = sorted([*dated, f], key=lambda g: g.start)
