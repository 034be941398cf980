"""The machinery both extractors share: a text with its non-quantities masked, figures found
stage by stage (each character belongs to one figure at most), and the counted noun a bare
number takes over from the figure it refers back to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from .exclusions import MASK, Excluded
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

__all__ = ["Found", "Scanner"]

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


class Scanner:
    """A text, its masked copy, and what has been found in it so far."""

    __slots__ = ("_masked", "found", "taken", "text")

    def __init__(self, text: str, excluded: list[Excluded]) -> None:
        self.text = text
        self.taken = bytearray(len(text))
        for exc in excluded:
            self.taken[exc.start : exc.end] = b"\x01" * (exc.end - exc.start)
        self.found: list[Found] = []
        self._masked: str | None = None

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
        """Matches of ``pattern`` in the masked text that are still free when reached."""
        for m in pattern.finditer(self.masked):
            if self.free(m.start(), m.end()):
                yield m

    def add(self, found: Found) -> Found:
        self.found.append(found)
        self.taken[found.start : found.end] = b"\x01" * (found.end - found.start)
        self._masked = None
        return found

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
        if not valid_date(year, month, day):
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

    def resolve_dates(self) -> None:
        """A date without a year (``同年5月3日``, ``May 3``) takes the nearest earlier year in
        the text (plus ``pending[2]``: 次年 is the year after); without one it has no value."""
        years = sorted(
            (f.start, int(f.value) // 10000 if f.kind is Kind.DATE else int(f.value))
            for f in self.found
            if f.value is not None and f.pending is None and f.kind in (Kind.YEAR, Kind.DATE)
        )
        for f in self.found:
            if f.pending is None:
                continue
            month, day, offset = f.pending
            earlier = [year for start, year in years if start < f.start]
            if not earlier or not valid_date(earlier[-1] + offset, month, day):
                continue
            year = earlier[-1] + offset
            if day is None:
                f.value, f.low, f.high = month_interval(year, month)
            else:
                f.value = f.low = f.high = date_value(year, month, day)
